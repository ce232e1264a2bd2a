// JSON Lines, the contract's own format: the one set of line rules (a UTF-8
// byte order mark before line 1, CR LF, blank lines, the line length limit)
// for every way records arrive in it, files and standard input
// (ImportJsonl) as well as an HTTP body (POST /api/records).
#pragma once

#include <string>
#include <string_view>

#include "indexer/import/importer.h"

namespace seedgraph {

// Lines beyond this are rejected without being parsed: a record has at most
// a few 1 MiB fields, and a runaway line must not exhaust memory.
inline constexpr size_t kMaxJsonLineBytes = size_t{8} << 20;

// Bytes in as they arrive, records out: each complete line goes through
// ParseRecord to the sink (Accept), or is rejected at "<name>:<line>".
// Memory holds one line, never the input.
class JsonlFeeder {
 public:
  JsonlFeeder(std::string name, RecordSink* sink) : name_(std::move(name)), sink_(sink) {}

  void Feed(std::string_view bytes);
  // The last line, when the input does not end with a newline.
  void Finish();
  // Lines ended so far.
  size_t lines() const { return line_no_; }

 private:
  void EndLine();

  std::string name_;
  RecordSink* sink_;
  std::string line_;
  bool too_long_ = false;
  size_t line_no_ = 0;
};

}  // namespace seedgraph
