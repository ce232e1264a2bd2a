#include "indexer/import/json_lines.h"

#include <fstream>
#include <iostream>

#include "schema/record_json.h"
#include "schema/json_parse.h"

namespace seedgraph {

Status ForEachLine(const std::vector<std::string>& files, const LineFn& line_fn) {
  for (const auto& f : files) {
    std::ifstream file_in;
    std::istream* in = &std::cin;
    if (f != "-") {
      file_in.open(f, std::ios::binary);
      if (!file_in) return Status::IOError(f + ": cannot open");
      in = &file_in;
    }
    std::string line;
    for (int n = 1; std::getline(*in, line); ++n) {
      if (n == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      line_fn(line, f + ":" + std::to_string(n));
    }
    if (in->bad()) return Status::IOError(f + ": read error");
  }
  return Status::Ok();
}

Status LoadClassMaps(const std::vector<std::string>& files, const std::function<Status(const std::string&)>& load_fn,
                     const std::string& missing, std::vector<std::string>* inputs) {
  std::vector<std::string> maps;
  for (const auto& f : files) {
    const bool tsv = f.size() > 4 && f.compare(f.size() - 4, 4, ".tsv") == 0;
    (tsv ? maps : *inputs).push_back(f);
  }
  if (maps.empty()) return Status::InvalidArgument(missing);
  for (const auto& m : maps) {
    Status st = load_fn(m);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

bool ParseJsonLineObject(const std::string& line, const std::string& where, const char* shape, RecordSink* sink,
                         rapidjson::Document* doc) {
  sink->At(where);
  if (!IsValidUtf8(line)) {
    sink->Reject(where, "json: not UTF-8 (a Shift_JIS or Latin-1 file? convert it with iconv)");
    return false;
  }
  size_t offset = 0;
  Status parsed = ParseJson(line, doc, {}, &offset);
  if (!parsed.ok()) {
    sink->Reject(where, "json: " + parsed.message() + " at byte " + std::to_string(offset));
    return false;
  }
  if (!doc->IsObject()) {
    sink->Reject(where, std::string("json: expected an object ") + shape);
    return false;
  }
  return true;
}

}  // namespace seedgraph
