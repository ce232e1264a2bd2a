// Output indicators per project, disease area or year: handovers to
// companies (licensed_to), trials reached (registered_as), seeds continued
// to the next stage (continued_as) and top-1% papers (attrs.top1pct); each
// count drills down to the records behind it.
//
// A handover, trial or continuation is a (topic, partner) pair, counted once
// whether the topic's own link or an outcome record (query/outcomes.h) says
// so; a top-1% paper is counted once whether its own attrs.top1pct or an
// outcome record flags it.  An outcome record counts under the codes (and
// q / filter match) of its topic, not its own: it has none, and "handovers
// of pharma topics" is the question.  Its drill-down id is the outcome
// record's.  Outcomes of a topic that is not indexed are not counted.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/search.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

struct IndicatorRequest {
  std::string by = "project";  // project | disease_area | year
  SearchRequest search;        // filters and role (q optional)
  size_t drill_limit = 20;     // record ids listed per count
};

struct IndicatorCount {
  size_t count = 0;
  std::vector<std::string> ids;  // up to drill_limit records behind it
};

struct IndicatorRow {
  std::string key;  // the project / disease area code or the year
  IndicatorCount licensed_to, registered_as, continued_as, top1pct;
};

struct Indicators {
  std::string by;
  std::vector<IndicatorRow> rows;
  IndicatorRow total;  // key "total"
  // What counts in the total under no row: the records (or topics) without
  // a code of `by` (the NBDC AMED topics have no project).  Key "unassigned".
  IndicatorRow unassigned;
  // The indicators no record the caller may see supports at all (none in the
  // whole index, not only in this selection): their 0 means "no evidence
  // loaded", not "no outcomes".
  std::vector<std::string> not_loaded;
};

// What supplies an indicator's evidence, for the "not loaded" message.
const char* IndicatorSource(const std::string& indicator);

// Every record behind one count of the table, in the table's order (newest
// first, equal dates by id descending; a topic's own links before outcome
// records), for paging.
struct IndicatorDrill {
  std::string indicator;  // licensed_to | registered_as | continued_as | top1pct
  std::string key;        // the row: a code, a year, "total" or "unassigned"
  IndicatorCount count;   // count.ids: all of them
  bool not_loaded = false;  // no visible record supports the indicator at all
};

// q (when given) selects records as the search does, with the same expansion.
Result<Indicators> ComputeIndicators(IndexView& view, const Analyzer& analyzer, const IndicatorRequest& request);

// The drill-down of `indicator` in row `key` of the table `request` asks
// for; kInvalidArgument for an unknown indicator or an empty key.  A key
// that is no row has no records (count 0).
Result<IndicatorDrill> DrillIndicator(IndexView& view, const Analyzer& analyzer, const IndicatorRequest& request,
                                      const std::string& indicator, const std::string& key);

}  // namespace seedgraph
