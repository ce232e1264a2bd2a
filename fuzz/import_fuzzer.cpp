// Every importer of ImportFormats(), through Import() as `seedgraph index`
// runs it.
//
// Importers read files and recognise some of them by name, so the input is
// written to files of this process's scratch directory.  The first byte
// picks the format ('a' + index into kFormats, any other byte modulo); the
// rest is cut at kNextFile lines into the format's files, in the order
// listed, so an importer that combines files (nando: ttl + json + CSV;
// ictrp: trials + disease dictionary; ctgov: trials + side tables) is
// fuzzed with all of them.
//
// Invariants: Import() succeeds (every file exists; bad content is a
// rejection, never a failure; only a usage error such as a missing required
// file may stop it), and each accepted record is valid and writes
// and re-parses to itself, as `seedgraph convert | seedgraph index` needs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "indexer/import/importer.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

struct Format {
  const char* name;
  std::vector<const char*> files;  // names the importer recognises, in part order
};

const std::vector<Format>& Formats() {
  static const std::vector<Format> formats = {
      {"jsonl", {"records.jsonl"}},
      {"nando",
       {"nando.ttl", "nanbyo.json", "shoman.json", "intractable_disease.csv", "intractable_disease_groups.csv",
        "intractable_disease_url.csv"}},
      {"kaken", {"kaken.json"}},
      {"edinet", {"EdinetcodeDlInfo.csv"}},
      {"pubmed", {"pubmed.xml"}},
      {"ictrp", {"trials.csv", "nando.ttl", "2017MeshTree.txt"}},
      // nbdc tells research / version / dataset files apart by content.
      {"nbdc", {"a.json", "b.json", "c.json", "icd10-disease-mapping.json"}},
      {"pap2pat", {"pairs.jsonl"}},
      // Without its class map (any *.tsv) uspto refuses to start: see Import() below.
      {"uspto", {"grants.jsonl", "ipc_map.tsv"}},
      {"ror", {"ror.jsonl"}},
      // yakka refuses to start without its class map too.
      {"yakka", {"yakka.csv", "yakko_class_map.tsv"}},
      // orange-book recognises its files by name; Applications and Products are required.
      {"orange-book",
       {"drugsfda_Applications.txt", "drugsfda_Products.txt", "ob_patent.txt", "ob_exclusivity.txt"}},
      {"outcomes", {"outcomes.csv"}},
      // ctgov tells trial tables, downloads and the side tables apart by header.
      {"ctgov", {"trials.csv", "interventions.csv", "references.csv", "2017MeshTree.txt"}},
      {"covid-trials", {"trial_list.csv"}},
  };
  return formats;
}

constexpr std::string_view kNextFile = "\n--next-file--\n";

std::vector<std::string_view> Parts(std::string_view rest) {
  std::vector<std::string_view> parts;
  for (;;) {
    const size_t cut = rest.find(kNextFile);
    parts.push_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) return parts;
    rest.remove_prefix(cut + kNextFile.size());
  }
}

// A format added to Import() without an entry here would go unfuzzed.
const Format& FormatFor(unsigned char selector) {
  static const bool complete = [] {
    for (const std::string& name : ImportFormats()) {
      bool found = false;
      for (const Format& f : Formats()) found = found || name == f.name;
      FUZZ_CHECK(found, "import format " + name + " has no entry in fuzz/import_fuzzer.cpp");
    }
    return true;
  }();
  (void)complete;
  return Formats()[static_cast<unsigned char>(selector - 'a') % Formats().size()];
}

class CheckingSink : public RecordSink {
 public:
  void Accept(Record record) override {
    Record again = record;
    Status st = ValidateRecord(&again);
    FUZZ_CHECK(st.ok(), "accepted record " + record.id + " is invalid: " + st.message());
    const std::string json = WriteRecordJson(record);
    Record parsed;
    st = ParseRecord(json, &parsed);
    FUZZ_CHECK(st.ok(), "accepted record does not re-parse: " + st.message() + "\n  " + json.substr(0, 2000));
    FUZZ_CHECK(fuzz::SameRecord(record, parsed), "accepted record changes on re-parse:\n  " + json.substr(0, 2000));
  }
  void Reject(const std::string& where, const std::string& message) override {
    FUZZ_CHECK(!where.empty() && !message.empty(), "a rejection without a location or a message");
  }
};

}  // namespace
}  // namespace seedgraph

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seedgraph;
  if (size == 0) return 0;
  static const fuzz::ScratchDir dir;
  const Format& format = FormatFor(data[0]);
  const std::vector<std::string_view> parts = Parts(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  ImportOptions options;
  options.format = format.name;
  for (size_t i = 0; i < parts.size() && i < format.files.size(); ++i) {
    options.files.push_back(dir.Write(format.files[i], parts[i]));
  }
  CheckingSink sink;
  // A usage error (a required file not given) may stop an import; the files
  // exist, so nothing else may.
  const Status st = Import(options, &sink);
  FUZZ_CHECK(st.ok() || st.code() == Status::Code::kInvalidArgument,
             std::string(format.name) + " import failed: " + st.message());
  return 0;
}
