#include "query/indicators.h"

#include <limits>
#include <map>
#include <set>

#include "query/dimensions.h"
#include "query/store.h"
#include "query/expand.h"
#include "query/outcomes.h"
#include "schema/index_layout.h"

namespace seedgraph {
namespace {

// Which indicator a record contributes to, and how many it counts for.
struct IndicatorDef {
  const char* name;
  std::string_view prefix;  // the boolean term that marks contributing records
  const char* term;
  IndicatorCount IndicatorRow::*field;
  bool count_links;  // count the partners of the relation (each topic-partner pair once), else papers
};

const IndicatorDef kIndicators[] = {
    {"licensed_to", prefix::kHasRel, "licensed_to", &IndicatorRow::licensed_to, true},
    {"registered_as", prefix::kHasRel, "registered_as", &IndicatorRow::registered_as, true},
    {"continued_as", prefix::kHasRel, "continued_as", &IndicatorRow::continued_as, true},
    {"top1pct", prefix::kFlag, "top1pct", &IndicatorRow::top1pct, false},
};

// True when some record the role may see carries the indicator's term.
bool Loaded(Xapian::Database& db, const IndicatorDef& def, Role role) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(def.prefix, def.term)),
                                  VisibleFilter(role)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// What one record contributes to an indicator: the things it counts, each
// once per row however many records say so ("topic\x1fpartner" for a link,
// the paper's id for a top-1% paper), and the codes it counts under.
struct Contribution {
  std::string id;                 // the record behind it, for the drill-down
  std::vector<std::string> keys;  // what is counted
  std::vector<std::string> dims;  // dimension codes of the topic (or paper)
};

// The counts of one indicator, per row and in total, without counting one
// thing twice.
class Tally {
 public:
  Tally(const IndicatorDef& def, size_t drill_limit, Indicators* out, std::map<std::string, IndicatorRow>* rows)
      : def_(def), drill_limit_(drill_limit), out_(out), rows_(rows) {}

  void Add(const Contribution& c) {
    AddTo(&(out_->total.*def_.field), &seen_total_, c);
    if (c.dims.empty()) AddTo(&(out_->unassigned.*def_.field), &seen_unassigned_, c);
    for (const auto& key : c.dims) {
      IndicatorRow& row = (*rows_)[key];
      row.key = key;
      AddTo(&(row.*def_.field), &seen_[key], c);
    }
  }

 private:
  void AddTo(IndicatorCount* count, std::set<std::string>* seen, const Contribution& c) const {
    size_t n = 0;
    for (const auto& k : c.keys) n += seen->insert(k).second ? 1 : 0;
    if (n == 0) return;
    count->count += n;
    if (count->ids.size() < drill_limit_) count->ids.push_back(c.id);
  }

  const IndicatorDef& def_;
  size_t drill_limit_;
  Indicators* out_;
  std::map<std::string, IndicatorRow>* rows_;
  std::set<std::string> seen_total_, seen_unassigned_;
  std::map<std::string, std::set<std::string>> seen_;
};

// What an indicator counts in a record's outcome links: the partners of
// its relation (keyed by `subject`), or the papers flagged top-1%.
std::vector<std::string> Counted(const IndicatorDef& def, const std::vector<Outcome>& links, const std::string& subject) {
  std::vector<std::string> keys;
  for (const Outcome& o : links) {
    if (def.count_links && o.rel == def.term) keys.push_back(subject + '\x1f' + o.target);
    if (!def.count_links && o.top1pct) keys.push_back(o.target);
  }
  return keys;
}

struct Pass {
  IndexView& view;
  Xapian::Database& db;
  const Analyzer& analyzer;
  const Dimension& dim;
  const Xapian::Query& selection;  // q, filters and role
  Role role;
};

Xapian::MSet AllMatches(const IndexView& view, const Xapian::Query& query) {
  Xapian::Enquire enquire(view.db());
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  SortByDateThenId(enquire, view, true);  // drill-downs list the newest first
  return enquire.get_mset(0, view.db().get_doccount());
}

// Records of the selection that carry the indicator themselves (a topic's
// own licensed_to links, a paper's attrs.top1pct), counted under their codes.
void CountOwn(const Pass& pass, const IndicatorDef& def, Tally* tally) {
  const Xapian::Query query(Xapian::Query::OP_AND_NOT,
                            Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(def.prefix, def.term)), pass.selection),
                            Xapian::Query(MakeTerm(prefix::kType, "outcome")));
  Xapian::MSet mset = AllMatches(pass.view, query);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    Contribution c{RecordIdOf(doc), {}, SplitValues(doc.get_value(pass.dim.slot))};
    c.keys = def.count_links ? Counted(def, OutcomeLinksOf(pass.view, pass.analyzer, doc), c.id)
                             : std::vector<std::string>{c.id};
    tally->Add(c);  // nothing when every link of the kind points at a hidden record
  }
}

// Outcome records the role may see, counted under the codes of their topic
// when the topic is in the selection.
void CountOutcomeRecords(const Pass& pass, const IndicatorDef& def, Tally* tally) {
  const Xapian::Query outcomes(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(prefix::kType, "outcome")),
                               VisibleFilter(pass.role));
  Xapian::MSet mset = AllMatches(pass.view, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(def.prefix, def.term)),
                                                        outcomes));
  std::map<std::string, std::vector<Contribution>> by_topic;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    const std::string topic = OutcomeSubject(doc.get_data());
    Contribution c{RecordIdOf(doc), Counted(def, OutcomeLinksOf(pass.view, pass.analyzer, doc), topic), {}};
    if (!topic.empty() && !c.keys.empty()) by_topic[topic].push_back(std::move(c));
  }
  if (by_topic.empty()) return;
  std::vector<Xapian::Query> ids;
  for (const auto& [topic, list] : by_topic) ids.emplace_back(MakeTerm(prefix::kId, topic));
  Xapian::MSet topics = AllMatches(
      pass.view, Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()), pass.selection));
  for (auto it = topics.begin(); it != topics.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    for (Contribution& c : by_topic[RecordIdOf(doc)]) {
      c.dims = SplitValues(doc.get_value(pass.dim.slot));
      tally->Add(c);
    }
  }
}

}  // namespace

const char* IndicatorSource(const std::string& indicator) {
  if (indicator == "top1pct") return "論文の被引用上位1%フラグ（attrs.top1pct、書誌計量データ） / papers' top-1% citation flag (attrs.top1pct, bibliometric data)";
  if (indicator == "registered_as") return "治験登録との対応（課題→治験の registered_as リンク、機関の成果記録） / links from topics to the trials they reached (registered_as; the agency's outcome records)";
  if (indicator == "continued_as") return "後継課題への継続（continued_as リンク、機関の成果記録） / links to follow-on grants (continued_as; the agency's outcome records)";
  return "企業への導出（licensed_to リンク、機関の成果記録） / handovers to companies (licensed_to links; the agency's outcome records)";
}

namespace {

// The tally of `defs` over the request's selection, `drill_limit` ids kept
// per count.
Result<Indicators> Tabulate(IndexView& view, const Analyzer& analyzer, const IndicatorRequest& request,
                            const std::vector<const IndicatorDef*>& defs, size_t drill_limit) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  if (request.by != "project" && request.by != "disease_area" && request.by != "year") {
    return Status::InvalidArgument("by: must be project, disease_area or year");
  }
  const Dimension* dim = FindDimension(request.by);
  const SearchRequest& search = request.search;
  Status st = ValidateSearchFilters(search);
  if (!st.ok()) return st;
  try {
    // q selects records as the search does (MatchAll when empty).
    const QueryExpander expander(view, analyzer);
    TextQueryOptions text_options;
    text_options.expander = search.expand ? &expander : nullptr;
    text_options.terms = &view.db();
    text_options.drop = search.drop;
    const TextQuery text = BuildTextQuery(analyzer, search.q, text_options);
    const Xapian::Query selection = MatchQuery(view, text, search);
    const Pass pass{view, db, analyzer, *dim, selection, role};
    std::map<std::string, IndicatorRow> rows;
    Indicators out;
    out.by = request.by;
    out.total.key = "total";
    out.unassigned.key = "unassigned";
    for (const IndicatorDef* def : defs) {
      Tally tally(*def, drill_limit, &out, &rows);
      CountOwn(pass, *def, &tally);
      CountOutcomeRecords(pass, *def, &tally);
    }
    for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
    for (const IndicatorDef* def : defs) {
      if ((out.total.*def->field).count == 0 && !Loaded(db, *def, role)) out.not_loaded.push_back(def->name);
    }
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "indicators");
  }
}

}  // namespace

Result<Indicators> ComputeIndicators(IndexView& view, const Analyzer& analyzer, const IndicatorRequest& request) {
  std::vector<const IndicatorDef*> defs;
  for (const IndicatorDef& def : kIndicators) defs.push_back(&def);
  return Tabulate(view, analyzer, request, defs, request.drill_limit);
}

Result<IndicatorDrill> DrillIndicator(IndexView& view, const Analyzer& analyzer, const IndicatorRequest& request,
                                      const std::string& indicator, const std::string& key) {
  const IndicatorDef* def = nullptr;
  for (const IndicatorDef& d : kIndicators) {
    if (indicator == d.name) def = &d;
  }
  if (def == nullptr) return Status::InvalidArgument("drill: must be licensed_to, registered_as, continued_as or top1pct");
  if (key.empty()) return Status::InvalidArgument("key: give the row (a code, a year, total or unassigned)");
  Result<Indicators> table = Tabulate(view, analyzer, request, {def}, std::numeric_limits<size_t>::max());
  if (!table.ok()) return table.status();
  Indicators& t = table.value();
  IndicatorDrill drill{indicator, key, {}, !t.not_loaded.empty()};
  const IndicatorRow* row = key == "total" ? &t.total : key == "unassigned" ? &t.unassigned : nullptr;
  for (const IndicatorRow& r : t.rows) {
    if (row == nullptr && r.key == key) row = &r;
  }
  if (row != nullptr) drill.count = std::move(row->*def->field);
  return drill;
}

}  // namespace seedgraph
