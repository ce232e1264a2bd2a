// The analyzer and the queries built from its segments.
//
// Indexing and searching both run the one Analyzer over text nobody checked
// (`seedgraph search` passes argv bytes through, importers pass source
// text), and search builds its Xapian query from the segments, never with
// QueryParser, so that any input is safe.  This harness holds it to that:
// arbitrary bytes are normalised and analysed, turned into the text query
// with and without expansion, searched (expansion, then with one expansion
// dropped; same_as, spelling suggestion, partial matches, snippets) over a
// small real index, and snippeted.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "indexer/indexer.h"
#include "query/expand.h"
#include "query/search.h"
#include "query/snippet.h"
#include "schema/analyzer.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// The analyzer and an index of the search test corpus (real NANDO and
// KAKEN records), made once per process: building it per input would be
// all the fuzzer measured.
struct Fixture {
  Analyzer analyzer;
  fuzz::ScratchDir dir;
  std::optional<IndexView> view;  // the public role's, as an anonymous caller searches

  Fixture() {
    const std::string path = (dir.path() / "index").string();
    auto indexer = Indexer::Open(IndexerOptions{path});
    FUZZ_CHECK(indexer.ok(), indexer.status().message());
    std::ifstream in(SEEDGRAPH_FUZZ_SEARCH_CORPUS);
    FUZZ_CHECK(in.good(), "cannot read " SEEDGRAPH_FUZZ_SEARCH_CORPUS);
    for (std::string line; std::getline(in, line);) {
      Record r;
      Status st = ParseRecord(line, &r);
      if (st.ok()) st = indexer.value()->Add(r);
      FUZZ_CHECK(st.ok(), st.message());
    }
    FUZZ_CHECK(indexer.value()->Commit().ok(), "commit failed");
    indexer.value().reset();  // releases the write lock before reading
    auto opened = IndexView::Open(path, Role::kPublic);
    FUZZ_CHECK(opened.ok(), opened.status().message());
    view.emplace(std::move(opened.value()));
  }
};

void CheckSegments(const std::vector<Segment>& segments) {
  for (const Segment& seg : segments) {
    FUZZ_CHECK(!seg.text.empty() && IsValidUtf8(seg.text), "a segment that is empty or not UTF-8");
    if (seg.kind != SegmentKind::kCjk) continue;
    const size_t chars = CharCount(seg.text);
    FUZZ_CHECK(seg.grams.size() == (chars > 1 ? chars - 1 : 1), "CJK run " + seg.text + " has wrong bigrams");
    for (const std::string& w : seg.words) FUZZ_CHECK(IsValidUtf8(w), "a dictionary word that is not UTF-8");
  }
}

// Normalisation feeds terms on both sides; applied twice it must not move
// (snippets and ExactKey normalise text that is already normalised).
void CheckNormalize(const Analyzer& analyzer, std::string_view text) {
  const std::string once = analyzer.Normalize(text);
  FUZZ_CHECK(IsValidUtf8(once), "Normalize produced invalid UTF-8");
  FUZZ_CHECK(analyzer.Normalize(once) == once, "Normalize is not idempotent on: " + once);
}

// Search turns a Xapian::Error into a failed Status, which is a bug for any
// text.  A partial result (no record had every word) lists records that
// each lack some word; a full one lists none as lacking.
SearchResult CheckedSearch(Fixture& fx, const SearchRequest& request) {
  Result<SearchResult> result = Search(*fx.view, fx.analyzer, request);
  FUZZ_CHECK(result.ok(), "search failed: " + result.status().message());
  std::set<std::string> ids;
  for (const Hit& hit : result->hits) {
    FUZZ_CHECK(ids.insert(hit.id).second, "hit " + hit.id + " listed twice");
    FUZZ_CHECK(IsValidUtf8(hit.snippet), "snippet of " + hit.id + " is not UTF-8");
    FUZZ_CHECK(hit.missing.empty() != result->partial, "hit " + hit.id + " contradicts partial");
  }
  FUZZ_CHECK(result->total >= result->hits.size(), "fewer matches than hits");
  return std::move(result.value());
}

// Every query form must be a query Xapian accepts and runs.
void CheckSearch(Fixture& fx, const std::string& text) {
  (void)BuildTextQuery(fx.analyzer, text).get_description();
  const QueryExpander expander(*fx.view, fx.analyzer);
  (void)BuildTextQuery(fx.analyzer, text, &expander).query.get_description();
  SearchRequest request;
  request.q = text;
  const SearchResult first = CheckedSearch(fx, request);
  // The UI's "drop this expansion" link: the same search without one name.
  for (const Expansion& e : first.expansions) {
    if (e.names.empty()) continue;
    request.drop = {e.names.front()};
    CheckedSearch(fx, request);
    break;
  }
}

size_t Count(std::string_view s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// The text highlighted with its own segments: many overlapping matches.
void CheckSnippet(const Analyzer& analyzer, const std::string& text, const std::vector<Segment>& segments) {
  const std::string snippet = MakeSnippet(analyzer, text, segments);
  FUZZ_CHECK(Count(snippet, "<mark>") == Count(snippet, "</mark>"), "unbalanced <mark> in: " + snippet);
  if (IsValidUtf8(text)) FUZZ_CHECK(IsValidUtf8(snippet), "snippet of UTF-8 text is not UTF-8: " + snippet);
}

}  // namespace
}  // namespace seedgraph

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seedgraph;
  static Fixture fixture;
  const std::string text(reinterpret_cast<const char*>(data), size);
  CheckNormalize(fixture.analyzer, text);
  const std::vector<Segment> segments = fixture.analyzer.Analyze(text);
  CheckSegments(segments);
  CheckSnippet(fixture.analyzer, text, segments);
  CheckSearch(fixture, text);
  return 0;
}
