// The JSON Lines reading that several importers share (pap2pat, uspto, ror):
// files line by line, and one line parsed into an object or rejected with
// its place.  Each importer keeps only what its records are made of.
#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <string>
#include <vector>

#include "indexer/import/importer.h"
#include "schema/status.h"

namespace seedgraph {

// Calls line_fn(line, "file:N") for every non-blank line of `files` ("-" is
// standard input), without a trailing CR or a UTF-8 byte order mark on the
// first line.  kIOError when a file cannot be opened or read.
Status ForEachJsonLine(const std::vector<std::string>& files,
                       const std::function<void(const std::string& line, const std::string& where)>& line_fn);

// Parses `line` into *doc as a JSON object; otherwise rejects it at `where`
// (not UTF-8; bad JSON with its byte; not an object: "expected an object
// <shape>") and returns false.  Also tells the sink where it is reading.
bool ParseJsonLineObject(const std::string& line, const std::string& where, const char* shape, RecordSink* sink,
                         rapidjson::Document* doc);

}  // namespace seedgraph
