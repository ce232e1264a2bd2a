// JSON bodies shared by the CLI (--json) and the HTTP API, written with
// RapidJSON's Writer so that a quote in a title can never break the output.
#pragma once

#include <string>

#include "query/search.h"
#include "query/store.h"

namespace seedgraph {

// With `next_cursor` (web/cursor.h) when a next page exists.
std::string SearchResultJson(const SearchResult& result, const std::string& next_cursor = "");
// The record as ingested plus "links": {"out": {rel: [...]}, "in": {rel: [...]}}.
std::string RecordViewJson(const RecordView& view);
// One search hit as a JSON object (its fields but the HTML snippet).
std::string HitJson(const Hit& hit);
// {"error": {"code": code, "message": message}}
std::string ErrorJson(const std::string& code, const std::string& message);

}  // namespace seedgraph

// Bodies of the graph and officer endpoints (declared here so web/ and the
// CLI share one writer per shape).
namespace seedgraph {
struct Graph;
struct RelatedHit;
struct MatchCandidate;
struct Crosslinks;
struct Indicators;
struct IndicatorDrill;
std::string GraphJson(const Graph& graph);
std::string RelatedJson(const std::vector<RelatedHit>& hits);
std::string MatchJson(const std::vector<MatchCandidate>& candidates);
std::string CrosslinksJson(const Crosslinks& crosslinks);
std::string IndicatorsJson(const Indicators& indicators);
// One page of a drill-down: the count, how many records are behind it in
// all ("records"), where the page starts and its records as hits.
std::string IndicatorDrillJson(const IndicatorDrill& drill, const std::string& by, const std::vector<Hit>& hits,
                               size_t first);
}  // namespace seedgraph
