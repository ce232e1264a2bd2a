// JSON bodies shared by the CLI (--json) and the HTTP API, written with
// RapidJSON's Writer so that a quote in a title can never break the output.
#pragma once

#include <string>

#include "query/search.h"
#include "query/store.h"

namespace seedgraph {

std::string SearchResultJson(const SearchResult& result);
// The record as ingested plus "links": {"out": {rel: [...]}, "in": {rel: [...]}}.
std::string RecordViewJson(const RecordView& view);
// {"error": {"code": code, "message": message}}
std::string ErrorJson(const std::string& code, const std::string& message);

}  // namespace seedgraph
