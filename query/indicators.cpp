#include "query/indicators.h"

#include <rapidjson/document.h>

#include <map>

#include "query/dimensions.h"
#include "query/store.h"
#include "query/expand.h"
#include "schema/index_layout.h"

namespace seedgraph {
namespace {

// Which indicator a record contributes to, and how many it counts for.
struct IndicatorDef {
  const char* name;
  std::string_view prefix;  // the boolean term that marks contributing records
  const char* term;
  IndicatorCount IndicatorRow::*field;
  bool count_links;  // count each link of the relation (a handover each)
};

const IndicatorDef kIndicators[] = {
    {"licensed_to", prefix::kHasRel, "licensed_to", &IndicatorRow::licensed_to, true},
    {"registered_as", prefix::kHasRel, "registered_as", &IndicatorRow::registered_as, true},
    {"continued_as", prefix::kHasRel, "continued_as", &IndicatorRow::continued_as, true},
    {"top1pct", prefix::kFlag, "top1pct", &IndicatorRow::top1pct, false},
};

// True when some record the role may see carries the indicator's term.
bool Loaded(Xapian::Database& db, const IndicatorDef& def, Role role) {
  SearchRequest visible;
  visible.role = role;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(def.prefix, def.term)),
                                  BuildFilterQuery(visible)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

// True when the caller may see the link's target, or it is not indexed
// (yet): a handover to a hidden company must not show, not even as a count.
bool TargetVisible(Xapian::Database& db, const std::string& id, Role role) {
  const Xapian::docid did = FindDocid(db, id);
  return did == 0 || MayView(role, db.get_document(did).get_value(kSlotVisibility));
}

size_t CountLinks(Xapian::Database& db, const Xapian::Document& doc, const char* rel, Role role) {
  rapidjson::Document rec;
  const std::string data = doc.get_data();
  rec.Parse(data.c_str(), data.size());
  if (!rec.IsObject() || !rec.HasMember("links") || !rec["links"].IsArray()) return 0;
  size_t n = 0;
  for (const auto& l : rec["links"].GetArray()) {
    if (!l.HasMember("rel") || !l["rel"].IsString() || std::string(l["rel"].GetString()) != rel) continue;
    if (l.HasMember("to") && l["to"].IsString() && TargetVisible(db, l["to"].GetString(), role)) ++n;
  }
  return n;
}

void Add(IndicatorCount* c, size_t n, const std::string& id, size_t drill_limit) {
  c->count += n;
  if (c->ids.size() < drill_limit) c->ids.push_back(id);
}

std::string RecordId(const Xapian::Document& doc) {
  // The unique-id term is the cheapest way back to the id (no JSON parse).
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(std::string(prefix::kId));
  if (t != doc.termlist_end() && (*t).compare(0, prefix::kId.size(), prefix::kId) == 0) {
    return (*t).substr(prefix::kId.size());
  }
  return "";
}

}  // namespace

const char* IndicatorSource(const std::string& indicator) {
  if (indicator == "top1pct") return "論文の被引用上位1%フラグ（attrs.top1pct、書誌計量データ） / papers' top-1% citation flag (attrs.top1pct, bibliometric data)";
  if (indicator == "registered_as") return "治験登録との対応（課題→治験の registered_as リンク、機関の成果記録） / links from topics to the trials they reached (registered_as; the agency's outcome records)";
  if (indicator == "continued_as") return "後継課題への継続（continued_as リンク、機関の成果記録） / links to follow-on grants (continued_as; the agency's outcome records)";
  return "企業への導出（licensed_to リンク、機関の成果記録） / handovers to companies (licensed_to links; the agency's outcome records)";
}

Result<Indicators> ComputeIndicators(Xapian::Database& db, const Analyzer& analyzer, const IndicatorRequest& request) {
  if (request.by != "project" && request.by != "disease_area" && request.by != "year") {
    return Status::InvalidArgument("by: must be project, disease_area or year");
  }
  const Dimension* dim = FindDimension(request.by);
  const SearchRequest& search = request.search;
  Status st = ValidateSearchFilters(search);
  if (!st.ok()) return st;
  try {
    // q selects records as the search does (MatchAll when empty).
    const QueryExpander expander(db, analyzer, search.role);
    TextQueryOptions text_options;
    text_options.expander = search.expand ? &expander : nullptr;
    text_options.drop = search.drop;
    const TextQuery text = BuildTextQuery(analyzer, search.q, text_options);
    const Xapian::Query filter = MatchQuery(db, text, search);
    std::map<std::string, IndicatorRow> rows;
    Indicators out;
    out.by = request.by;
    out.total.key = "total";
    for (const auto& def : kIndicators) {
      Xapian::Enquire enquire(db);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(MakeTerm(def.prefix, def.term)), filter));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::DESCENDING);  // newest ingested first in drill-downs
      Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        const size_t n = def.count_links ? CountLinks(db, doc, def.term, search.role) : 1;
        if (n == 0) continue;  // every link of the kind points at a hidden record
        const std::string id = RecordId(doc);
        Add(&(out.total.*def.field), n, id, request.drill_limit);
        for (const auto& key : SplitValues(doc.get_value(dim->slot))) {
          IndicatorRow& row = rows[key];
          row.key = key;
          Add(&(row.*def.field), n, id, request.drill_limit);
        }
      }
    }
    for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
    for (const auto& def : kIndicators) {
      if ((out.total.*def.field).count == 0 && !Loaded(db, def, search.role)) out.not_loaded.push_back(def.name);
    }
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "indicators");
  }
}

}  // namespace seedgraph
