// The JSON Lines reading that several importers share (pap2pat, uspto, ror):
// files line by line, and one line parsed into an object or rejected with
// its place.  Each importer keeps only what its records are made of.  The
// line loop also reads line-based tables: the class maps of uspto and yakka
// and the files of orange-book.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <vector>

#include "indexer/import/importer.h"
#include "schema/status.h"

namespace seedgraph {

using LineFn = std::function<void(const std::string& line, const std::string& where)>;

// Calls line_fn(line, "file:N") for every non-blank line of `files` ("-" is
// standard input), without a trailing CR or a UTF-8 byte order mark on the
// first line.  kIOError when a file cannot be opened or read.  Any
// line-based text: JSON Lines, tab- or '~'-separated tables.
Status ForEachLine(const std::vector<std::string>& files, const LineFn& line_fn);
inline Status ForEachJsonLine(const std::vector<std::string>& files, const LineFn& line_fn) {
  return ForEachLine(files, line_fn);
}

// An importer's files split into its class maps (the files ending in .tsv:
// uspto's ipc_map.tsv, yakka's yakko_class_map.tsv), each given to load_fn,
// and the others, its *inputs.  kInvalidArgument with message `missing`
// when no map is among them (before anything is read), else load_fn's
// first failure.
Status LoadClassMaps(const std::vector<std::string>& files, const std::function<Status(const std::string&)>& load_fn,
                     const std::string& missing, std::vector<std::string>* inputs);

// Parses `line` into *doc as a JSON object; otherwise rejects it at `where`
// (not UTF-8; bad JSON with its byte; not an object: "expected an object
// <shape>") and returns false.  Also tells the sink where it is reading.
bool ParseJsonLineObject(const std::string& line, const std::string& where, const char* shape, RecordSink* sink,
                         rapidjson::Document* doc);

}  // namespace seedgraph
