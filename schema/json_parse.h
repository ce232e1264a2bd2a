// The one way seedgraph parses JSON text from outside (records, importer
// files, request bodies).
//
// RapidJSON's default parser recurses once per nesting level, so a line of
// 120,000 '[' overflows the stack (issue #10).  ParseJson() first checks the
// nesting depth with a flat scan, then parses with kParseIterativeFlag; a
// bounded depth also keeps later recursive walks (writing, copying) safe.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <string_view>

#include "schema/status.h"

namespace seedgraph {

// Deeper than any record or source file seedgraph reads (NBDC: 7 levels).
inline constexpr size_t kMaxJsonDepth = 64;

struct JsonParseOptions {
  size_t max_depth = kMaxJsonDepth;
  bool validate_utf8 = true;  // reject invalid UTF-8 inside strings
};

// Parses `text` into *doc.  On failure: kInvalidArgument with "nesting too
// deep (over N levels)", "invalid UTF-8 in a string" or RapidJSON's English
// message, and the byte offset of the problem in *error_offset (if given);
// callers add their location prefix.
Status ParseJson(std::string_view text, rapidjson::Document* doc, const JsonParseOptions& options = {},
                 size_t* error_offset = nullptr);

// The byte offset where `text` first nests deeper than max_depth (strings
// are skipped), or npos when it never does.  Exposed for SAX readers.
size_t FindTooDeep(std::string_view text, size_t max_depth);

}  // namespace seedgraph
