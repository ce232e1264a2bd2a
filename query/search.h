// Search: a query string and filters in, ranked hits and facet counts out.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "query/text_query.h"
#include "schema/analyzer.h"
#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

// The facet / filter dimensions, in display order: type, project,
// disease_area, modality, stage, year.
const std::vector<std::string>& FacetNames();

struct SearchRequest {
  std::string q;  // free text; empty matches every visible record
  // Filter name (a FacetNames() entry but "year") -> accepted codes.  Codes
  // of one name are ORed, names are ANDed.
  std::map<std::string, std::vector<std::string>> filters;
  int year_from = 0;  // 0: open
  int year_to = 0;
  std::string sort = "relevance";  // relevance | date | -date
  int page = 1;                    // 1-based
  int per_page = 20;
  // Only records ingested after this stamp (kSlotStamp, µs; 0: any): what
  // changed since an officer last looked (query/alerts.h).
  double ingested_after = 0;
  // A spelling correction or partial matches when little matched: what an
  // officer typing wants, not what an alert of a saved search should list.
  bool fallbacks = true;
  // The first match to show (0-based), overriding page: where a cursor
  // left off (web/cursor.h), with no page cap.  -1: from page.
  long long offset = -1;
  bool facets = true;
  // Query expansion (variants, concept names, spelling fallback, same_as
  // partners of the best matches: query/same_as.h); off only to measure
  // what it adds (`seedgraph eval --no-expand`).
  bool expand = true;
  // Expansion names the caller turned off ("cancer" of がん's expansions).
  std::vector<std::string> drop;
  // Matches counted exactly, at most; beyond it the total is Xapian's
  // estimate and facets count the matches checked (total_exact = false).
  // Exact counting visits every match, which dominates a common query's
  // time on a large index (docs/PERFORMANCE.md).  0: always exact.
  size_t exact_count_limit = 20000;
};

struct Hit {
  std::string id;
  std::string type;
  LangText title;
  std::string snippet;  // HTML: escaped text with <mark> around matches
  double score = 0;
  std::string date;
  std::string project;
  std::vector<std::string> disease_areas;
  std::vector<std::string> modalities;
  std::string stage;
  // A partial match (SearchResult::partial): the query words it lacks.
  std::vector<std::string> missing;
};

// The Hit fields of a decoded stored record (snippet and score left empty).
Hit HitFromRecord(Record&& record);

struct SearchResult {
  size_t total = 0;
  bool total_exact = true;  // false: total is an estimate, facets are lower bounds
  int page = 1;
  int per_page = 20;
  size_t first = 0;  // the position of hits[0] among all matches (0-based)
  std::vector<Hit> hits;
  // facet name -> (value, count), most frequent first (year: newest first).
  std::map<std::string, std::vector<std::pair<std::string, size_t>>> facets;
  // "Did you mean": set when the query found few or no records and a
  // spelling correction exists.  suggestion_used: the query found nothing,
  // so `hits` (and total, facets) are those of the suggestion.
  std::string suggestion;
  bool suggestion_used = false;
  // What each query unit was expanded to (and what the caller dropped).
  std::vector<Expansion> expansions;
  // No record had every word: these are the records that have most of
  // them (any one at least), each with the words it lacks.
  bool partial = false;
};

// Checks a request (sort value, page bounds, filter names and codes) before
// any work: kInvalidArgument with "param: reason".
Status ValidateSearchRequest(const SearchRequest& request);
// The same for the parts that select records (q, filters, years, role):
// what crosslinks and indicators take from a search; paging and sort are
// not theirs and are not checked.
Status ValidateSearchFilters(const SearchRequest& request);

// The boolean filter for role + filters + year range (MatchAll when none).
Xapian::Query BuildFilterQuery(const SearchRequest& request, Role role);

// The query that selects and ranks a search's records: `text` (plus the
// same_as partners of its best matches when request.expand) under
// BuildFilterQuery(request).  Search, crosslinks and indicators all use it,
// so their totals agree.  Over remote shards the partners are not added
// (their posting source is seedgraph's own, which xapian-tcpsrv cannot
// run; docs/DEPLOY.md).  May throw Xapian::Error.
Xapian::Query MatchQuery(const IndexView& view, const TextQuery& text, const SearchRequest& request);

Result<SearchResult> Search(IndexView& view, const Analyzer& analyzer, const SearchRequest& request);

}  // namespace seedgraph
