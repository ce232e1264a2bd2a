#include "indexer/import/importer.h"

#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Runs ValidateRecord on every record an importer makes, so an importer bug
// (an unknown code, a bad date) is a reported rejection, not a bad index.
class ValidatingSink : public RecordSink {
 public:
  ValidatingSink(std::string format, RecordSink* next) : format_(std::move(format)), next_(next) {}
  void Accept(Record record) override {
    Status st = ValidateRecord(&record);
    if (!st.ok()) {
      // The importer's location when it gave one, else the record's id.
      const std::string at = where().empty() ? format_ + " record" : where();
      next_->Reject(at, record.id + ": " + st.message());
      return;
    }
    next_->Accept(std::move(record));
  }
  void Reject(const std::string& where, const std::string& message) override { next_->Reject(where, message); }
  void Remove(const std::string& id) override { next_->Remove(id); }
  void Skip(const std::string& what) override { next_->Skip(what); }

 private:
  std::string format_;
  RecordSink* next_;
};

using ImportFn = Status (*)(const std::vector<std::string>&, RecordSink*);

struct FormatEntry {
  const char* name;
  ImportFn fn;
};

const FormatEntry kFormats[] = {
    {"jsonl", ImportJsonl},
    {"nando", ImportNando},
    {"kaken", ImportKaken},
    {"edinet", ImportEdinet},
    {"pubmed", ImportPubmed},
    {"ictrp", ImportIctrp},
    {"nbdc", ImportNbdc},
    {"pap2pat", ImportPap2pat},
    {"uspto", ImportUspto},
    {"ror", ImportRor},
    {"yakka", ImportYakka},
    {"orange-book", ImportOrangeBook},
    {"outcomes", ImportOutcomes},
    {"ctgov", ImportCtgov},
    {"covid-trials", ImportCovidTrials},
};

}  // namespace

const std::vector<std::string>& ImportFormats() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& f : kFormats) v.push_back(f.name);
    return v;
  }();
  return names;
}

Status Import(const ImportOptions& options, RecordSink* sink) {
  for (const auto& f : kFormats) {
    if (options.format != f.name) continue;
    if (options.format == "jsonl") return f.fn(options.files, sink);  // ParseRecord validates
    ValidatingSink validating(options.format, sink);
    return f.fn(options.files, &validating);
  }
  std::string known;
  for (const auto& n : ImportFormats()) known += (known.empty() ? "" : ", ") + n;
  return Status::InvalidArgument("unknown format \"" + options.format + "\" (known: " + known + ")");
}

}  // namespace seedgraph
