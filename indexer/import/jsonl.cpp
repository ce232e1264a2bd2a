// JSON Lines: the contract's own format, one record per line.
#include <fstream>
#include <iostream>

#include "indexer/import/importer.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Lines beyond this are rejected without being parsed: a record has at most
// a few 1 MiB fields, and a runaway line must not exhaust memory.
constexpr size_t kMaxLineBytes = 8u << 20;

// Reads one line into *line; returns false at EOF.  A line longer than
// kMaxLineBytes is consumed but truncated, and *too_long is set.
bool ReadLine(std::istream& in, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  char buf[1 << 16];
  bool got = false;
  while (in.get(buf, sizeof buf, '\n')) {
    got = true;
    if (line->size() < kMaxLineBytes) line->append(buf, in.gcount());
    else *too_long = true;
  }
  if (in.eof()) return got;
  in.clear();  // get() sets failbit on an empty line
  if (in.peek() == '\n') {
    in.get();
    return true;
  }
  return got;
}

void ImportStream(std::istream& in, const std::string& name, RecordSink* sink) {
  std::string line;
  bool too_long = false;
  for (size_t lineno = 1; ReadLine(in, &line, &too_long); ++lineno) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // BOM
    const std::string where = name + ":" + std::to_string(lineno);
    sink->At(where);
    if (too_long || line.size() > kMaxLineBytes) {
      sink->Reject(where, "line: longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB");
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are allowed
    Record record;
    Status st = ParseRecord(line, &record);
    if (!st.ok()) {
      sink->Reject(where, st.message());
      continue;
    }
    sink->Accept(std::move(record));
  }
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
