#include "query/search.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "query/dimensions.h"
#include "query/store.h"
#include "query/expand.h"
#include "query/same_as.h"
#include "query/snippet.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

constexpr int kMaxPerPage = 100;
// Below this many results a query gets a spelling suggestion.
constexpr size_t kSuggestBelow = 3;
constexpr int kMaxPage = 10000;

Xapian::Query OrOfTerms(std::string_view prefix_, const std::vector<std::string>& codes) {
  std::vector<Xapian::Query> terms;
  for (const auto& c : codes) terms.emplace_back(MakeTerm(prefix_, c));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}


std::string FirstNonEmpty(const std::string& a, const std::string& b) { return a.empty() ? b : a; }

}  // namespace

Hit HitFromRecord(Record&& rec) {
  Hit hit;
  hit.id = std::move(rec.id);
  hit.type = std::move(rec.type);
  hit.title = std::move(rec.title);
  hit.date = std::move(rec.date);
  hit.project = std::move(rec.project);
  hit.stage = std::move(rec.stage);
  hit.disease_areas = std::move(rec.disease_areas);
  hit.modalities = std::move(rec.modalities);
  return hit;
}

namespace {

Hit MakeHit(const Xapian::MSetIterator& it, const Analyzer& analyzer, const std::vector<Segment>& query) {
  Record rec = DecodeStoredRecord(it.get_document().get_data());
  const LangText text = std::move(rec.text);
  Hit hit = HitFromRecord(std::move(rec));
  hit.score = it.get_weight();
  // Snippet from the first field that contains a match, else the summary.
  const std::string candidates[] = {text.ja, text.en, hit.title.ja, hit.title.en};
  std::string source;
  for (const auto& c : candidates) {
    if (!c.empty() && SnippetMatches(analyzer, c, query)) { source = c; break; }
  }
  if (source.empty()) source = FirstNonEmpty(text.ja, text.en);
  hit.snippet = MakeSnippet(analyzer, source, query);
  return hit;
}

void CollectFacets(const DimensionSpy& spy, SearchResult* result) {
  const std::vector<Dimension>& dims = Dimensions();
  std::vector<std::map<std::string, size_t, std::less<>>> tally(dims.size());
  spy.ForEach([&tally](const DimensionSpy::Codes& codes, Xapian::doccount n) {
    for (size_t d = 0; d < codes.size(); ++d) {
      for (std::string_view c : codes[d]) {
        auto it = tally[d].find(c);
        if (it == tally[d].end()) tally[d].emplace(std::string(c), n);
        else it->second += n;
      }
    }
  });
  for (size_t d = 0; d < dims.size(); ++d) {
    std::vector<std::pair<std::string, size_t>> counts(tally[d].begin(), tally[d].end());
    const bool is_year = dims[d].vocab == nullptr;
    std::sort(counts.begin(), counts.end(), [is_year](const auto& a, const auto& b) {
      if (is_year) return a.first > b.first;
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    result->facets[dims[d].name] = std::move(counts);
  }
}

}  // namespace

const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& f : Dimensions()) v.push_back(f.name);
    return v;
  }();
  return names;
}

Status ValidateSearchRequest(const SearchRequest& r) {
  if (r.sort != "relevance" && r.sort != "date" && r.sort != "-date") {
    return Status::InvalidArgument("sort: must be relevance, date or -date");
  }
  if (r.page < 1 || r.page > kMaxPage) return Status::InvalidArgument("page: must be 1.." + std::to_string(kMaxPage));
  if (r.offset < -1 || r.offset > 0xFFFFFFFFLL) return Status::InvalidArgument("offset: out of range");
  if (r.per_page < 1 || r.per_page > kMaxPerPage) {
    return Status::InvalidArgument("per_page: must be 1.." + std::to_string(kMaxPerPage));
  }
  if (r.year_from < 0 || r.year_from > 9999 || r.year_to < 0 || r.year_to > 9999) {
    return Status::InvalidArgument("year_from/year_to: must be a year");
  }
  for (const auto& [name, codes] : r.filters) {
    const Dimension* f = FindDimension(name);
    if (f == nullptr || f->vocab == nullptr) {
      return Status::InvalidArgument(name + ": unknown filter (use type, project, disease_area, modality, stage)");
    }
    for (const auto& c : codes) {
      if (!f->vocab->Contains(c)) {
        return Status::InvalidArgument(name + ": unknown code \"" + c.substr(0, 60) + "\" (allowed: " +
                                       f->vocab->CodeList() + ")");
      }
    }
  }
  return Status::Ok();
}

Status ValidateSearchFilters(const SearchRequest& request) {
  SearchRequest filters_only = request;
  filters_only.page = 1;
  filters_only.per_page = 1;
  filters_only.sort = "relevance";
  return ValidateSearchRequest(filters_only);
}

Xapian::Query BuildFilterQuery(const SearchRequest& r, Role role) {
  std::vector<Xapian::Query> filters;
  if (role != Role::kAdmin) filters.push_back(VisibleFilter(role));
  for (const auto& [name, codes] : r.filters) {
    const Dimension* f = FindDimension(name);
    if (f != nullptr && !codes.empty()) filters.push_back(OrOfTerms(f->prefix, codes));
  }
  if (r.year_from != 0 || r.year_to != 0) {
    const int to = r.year_to != 0 ? r.year_to : 9999;
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kSlotYear, Xapian::sortable_serialise(r.year_from),
                         Xapian::sortable_serialise(to));
  }
  if (r.ingested_after > 0) {
    filters.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotStamp, Xapian::sortable_serialise(r.ingested_after + 1));
  }
  if (filters.empty()) return MatchAllQuery();
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

Xapian::Query MatchQuery(const IndexView& view, const TextQuery& text, const SearchRequest& request) {
  const Xapian::Query filter = BuildFilterQuery(request, view.role());
  const Xapian::Query q = request.expand ? WithSameAsPartners(view.db(), text.query, filter) : text.query;
  return Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

namespace {

// One Enquire run for an already built text query.
SearchResult RunSearch(IndexView& view, const Analyzer& analyzer, const SearchRequest& request,
                       const TextQuery& text) {
  Xapian::Database& db = view.db();
  DimensionSpy spy;  // before the Enquire, which must not outlive the spy it was given
  Xapian::Enquire enquire(db);
  enquire.set_query(MatchQuery(view, text, request));
  if (request.sort == "-date") enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  if (request.sort == "date") {  // undated last (kSlotDateAscending), where the index has the slot
    enquire.set_sort_by_value_then_relevance(db.get_value_freq(kSlotDateAscending) > 0 ? kSlotDateAscending : kSlotDate,
                                             false);
  }
  if (request.facets) enquire.add_matchspy(spy.spy());
  const Xapian::doccount first = static_cast<Xapian::doccount>(
      request.offset >= 0 ? request.offset : static_cast<long long>(request.page - 1) * request.per_page);
  // Exact totals and facet counts up to exact_count_limit matches (all of
  // them when the limit is 0); a larger result set is estimated.
  const Xapian::doccount all = db.get_doccount();
  const Xapian::doccount check =
      request.exact_count_limit == 0 ? all
                                     : std::min<Xapian::doccount>(all, std::max<Xapian::doccount>(
                                                                           request.exact_count_limit, first + request.per_page));
  Xapian::MSet mset = enquire.get_mset(first, request.per_page, check);
  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  result.page = request.offset >= 0 ? static_cast<int>(std::min<long long>(first / request.per_page + 1, kMaxPage))
                                    : request.page;
  result.per_page = request.per_page;
  result.first = first;
  for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(MakeHit(it, analyzer, text.highlight));
  if (request.facets) CollectFacets(spy, &result);
  return result;
}

// A query this long gets no partial fallback: it would cost a search per
// word, and a query of many words that no record has is no officer's query.
constexpr size_t kMaxPartialUnits = 8;

// For each hit, the words of `text` it lacks: one search per word over the
// page's records (not one per word and record).
void MarkMissing(Xapian::Database& db, const TextQuery& text, std::vector<Hit>* hits) {
  std::vector<Xapian::Query> ids;
  for (const Hit& h : *hits) ids.emplace_back(MakeTerm(prefix::kId, h.id));
  const Xapian::Query page(Xapian::Query::OP_OR, ids.begin(), ids.end());
  for (size_t u = 0; u < text.units.size(); ++u) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text.units[u], page));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::set<std::string> found;
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(hits->size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      for (auto t = it.get_document().termlist_begin(); t != it.get_document().termlist_end(); ++t) {
        if ((*t).compare(0, prefix::kId.size(), prefix::kId) == 0) {
          found.insert((*t).substr(prefix::kId.size()));
          break;
        }
      }
    }
    for (Hit& h : *hits) {
      if (!found.count(MakeTerm(prefix::kId, h.id).substr(prefix::kId.size()))) h.missing.push_back(text.unit_labels[u]);
    }
  }
}

// No record has every unit of the query: the records with any of them,
// those lacking fewest first, each saying what it lacks.  Never a dead end.
SearchResult PartialSearch(IndexView& view, const Analyzer& analyzer, const SearchRequest& request,
                           const TextQuery& text) {
  TextQuery any = text;
  any.query = Xapian::Query(Xapian::Query::OP_OR, text.units.begin(), text.units.end());
  SearchResult result = RunSearch(view, analyzer, request, any);
  MarkMissing(view.db(), text, &result.hits);
  std::stable_sort(result.hits.begin(), result.hits.end(),
                   [](const Hit& a, const Hit& b) { return a.missing.size() < b.missing.size(); });
  result.partial = result.total > 0;
  return result;
}

}  // namespace

Result<SearchResult> Search(IndexView& view, const Analyzer& analyzer, const SearchRequest& request) {
  Status st = ValidateSearchRequest(request);
  if (!st.ok()) return st;
  try {
    const QueryExpander expander(view, analyzer);
    const QueryExpander* ex = request.expand ? &expander : nullptr;
    TextQueryOptions options;
    options.expander = ex;
    options.drop = request.drop;
    options.terms = &view.db();
    const TextQuery text = BuildTextQuery(analyzer, request.q, options);
    SearchResult result = RunSearch(view, analyzer, request, text);
    result.expansions = text.expansions;
    if (result.total >= kSuggestBelow || IsBlankQuery(request.q) || ex == nullptr || !request.fallbacks) return result;
    // Few or no results: offer a spelling correction.  When the correction
    // finds what the query did not (nothing, or a couple of records next to
    // plenty), show its results and say so, as web search engines do.
    std::string suggestion = expander.Suggest(request.q);
    if (!suggestion.empty()) {
      options.drop.clear();
      const TextQuery fixed = BuildTextQuery(analyzer, suggestion, options);
      SearchResult corrected = RunSearch(view, analyzer, request, fixed);
      if (corrected.total > result.total && (result.total == 0 || corrected.total >= kSuggestBelow)) {
        corrected.suggestion = std::move(suggestion);
        corrected.suggestion_used = true;
        corrected.expansions = fixed.expansions;
        return corrected;
      }
      // A suggestion is shown only when it finds records (spelling data
      // is that of the visible parts, but a word of a title may be one a
      // filter or the partial rules leave with nothing).
      if (corrected.total > 0) result.suggestion = std::move(suggestion);
    }
    if (result.total > 0 || text.units.size() < 2 || text.units.size() > kMaxPartialUnits) return result;
    SearchResult partial = PartialSearch(view, analyzer, request, text);
    partial.expansions = std::move(result.expansions);
    partial.suggestion = std::move(result.suggestion);
    return partial;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "search");
  }
}

}  // namespace seedgraph
