// JSON Lines: the contract's own format, one record per line.
#include <fstream>
#include <iostream>

#include "indexer/import/jsonl.h"
#include "schema/record_json.h"

namespace seedgraph {

void JsonlFeeder::Feed(std::string_view bytes) {
  while (!bytes.empty()) {
    const size_t nl = bytes.find('\n');
    const std::string_view part = bytes.substr(0, nl);
    if (line_.size() + part.size() > kMaxJsonLineBytes) {
      too_long_ = true;
      line_.clear();
    } else if (!too_long_) {
      line_.append(part);
    }
    if (nl == std::string_view::npos) return;
    EndLine();
    bytes.remove_prefix(nl + 1);
  }
}

void JsonlFeeder::Finish() {
  if (!line_.empty() || too_long_) EndLine();
}

void JsonlFeeder::EndLine() {
  ++line_no_;
  std::string_view line = line_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line_no_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // Excel, Windows editors
  const std::string where = name_ + ":" + std::to_string(line_no_);
  sink_->At(where);
  const bool too_long = too_long_;
  too_long_ = false;
  if (too_long) {
    line_.clear();
    return sink_->Reject(where, "line: longer than " + std::to_string(kMaxJsonLineBytes >> 20) + " MiB");
  }
  if (line.find_first_not_of(" \t") == std::string_view::npos) {  // blank lines are allowed
    line_.clear();
    return;
  }
  Record record;
  Status st = ParseRecord(line, &record);
  line_.clear();
  if (!st.ok()) return sink_->Reject(where, st.message());
  sink_->Accept(std::move(record));
}

namespace {

void ImportStream(std::istream& in, const std::string& name, RecordSink* sink) {
  JsonlFeeder feeder(name, sink);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) feeder.Feed(std::string_view(buf, static_cast<size_t>(in.gcount())));
  feeder.Finish();
}

}  // namespace

Status ImportJsonl(const std::vector<std::string>& files, RecordSink* sink) {
  for (const auto& file : files) {
    if (file == "-") {
      ImportStream(std::cin, "<stdin>", sink);
      continue;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return Status::IOError("cannot open " + file);
    ImportStream(in, file, sink);
    if (in.bad()) return Status::IOError("read error in " + file);
  }
  return Status::Ok();
}

}  // namespace seedgraph
