#include "query/outcomes.h"

#include <algorithm>

#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

bool IsOutcomeRel(const std::string& rel) {
  for (const auto& r : OutcomeRels()) {
    if (r == rel) return true;
  }
  return false;
}

bool StartsWith(const std::string& s, const char* prefix, std::string* rest) {
  const size_t n = std::char_traits<char>::length(prefix);
  if (s.compare(0, n, prefix) != 0) return false;
  *rest = s.substr(n);
  return true;
}

// The term under which a record named by `id` is indexed when the id is not
// its own: an identifier or a company's name key.  "" for other ids.
std::string AliasTerm(const Analyzer& analyzer, const std::string& id) {
  std::string value;
  if (StartsWith(id, "paper:doi:", &value)) return MakeTerm(prefix::kIdentifier, "doi:" + analyzer.Normalize(value));
  if (StartsWith(id, "paper:pmid:", &value)) return MakeTerm(prefix::kIdentifier, "pmid:" + analyzer.Normalize(value));
  if (StartsWith(id, "company:name:", &value)) return MakeTerm(prefix::kNameKey, value);
  return "";
}

}  // namespace

const std::vector<std::string>& OutcomeRels() {
  static const std::vector<std::string> rels = {"licensed_to", "registered_as", "continued_as", "published_as"};
  return rels;
}

std::string ResolveTarget(IndexView& view, const Analyzer& analyzer, const std::string& id, std::string* type) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  std::string ignored;
  if (type == nullptr) type = &ignored;
  type->clear();
  if (const Xapian::docid did = FindDocid(db, id)) {
    const Xapian::Document doc = db.get_document(did);
    if (!MayView(role, doc.get_value(kSlotVisibility))) return "";
    *type = doc.get_value(kSlotType);
    return id;
  }
  // A record of a part this viewer may not see: not even its id is shown.
  if (view.Hidden(id)) return "";
  const std::string term = AliasTerm(analyzer, id);
  if (term.empty()) return id;
  // A company's name key may also be an organization's: the company wins.
  std::string found, found_type;
  bool hidden = false;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::Document doc = db.get_document(*p);
    if (!MayView(role, doc.get_value(kSlotVisibility))) {
      hidden = true;
      continue;
    }
    const std::string t = doc.get_value(kSlotType);
    if (!found.empty() && !(found_type != "company" && t == "company")) continue;
    found = RecordIdOf(doc);
    found_type = t;
  }
  if (found.empty()) return hidden || view.HiddenHas(term) ? "" : id;
  *type = found_type;
  return found;
}

std::vector<Outcome> OutcomeLinksOf(IndexView& view, const Analyzer& analyzer, const Xapian::Document& doc) {
  std::vector<Outcome> out;
  const Record rec = DecodeStoredRecord(doc.get_data());
  const bool outcome = rec.type == "outcome";
  const bool top1pct = outcome && AttrFlag(rec.attrs_json, "top1pct");
  const std::string outcome_id = outcome ? rec.id : "";
  for (const Link& l : rec.links) {
    if (!IsOutcomeRel(l.rel)) continue;
    Outcome o{l.rel, "", "", l.date, outcome_id, top1pct && l.rel == "published_as"};
    o.target = ResolveTarget(view, analyzer, l.to, &o.target_type);
    if (!o.target.empty()) out.push_back(std::move(o));
  }
  return out;
}

std::vector<Outcome> OutcomesOf(IndexView& view, const Analyzer& analyzer, const std::string& topic_id) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  std::vector<Outcome> out;
  if (const Xapian::docid did = FindDocid(db, topic_id)) out = OutcomeLinksOf(view, analyzer, db.get_document(did));
  const std::string term = MakeTerm(prefix::kLink, "outcome_of:" + topic_id);
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::Document doc = db.get_document(*p);
    if (doc.get_value(kSlotType) != "outcome" || !MayView(role, doc.get_value(kSlotVisibility))) continue;
    for (Outcome& o : OutcomeLinksOf(view, analyzer, doc)) out.push_back(std::move(o));
  }
  return out;
}

std::vector<std::string> TopicsHandedOverTo(IndexView& view, const std::string& company_id) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  std::vector<std::string> names = {company_id};
  if (const Xapian::docid did = FindDocid(db, company_id)) {
    const std::string p(prefix::kNameKey);
    for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
      if ((*t).compare(0, p.size(), p) == 0) names.push_back("company:name:" + (*t).substr(p.size()));
    }
  }
  std::vector<std::string> topics;
  for (const std::string& name : names) {
    const std::string term = MakeTerm(prefix::kLink, "licensed_to:" + name);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
      const Xapian::Document doc = db.get_document(*it);
      if (doc.get_value(kSlotType) != "outcome" || !MayView(role, doc.get_value(kSlotVisibility))) continue;
      const std::string topic = OutcomeSubject(doc.get_data());
      const Xapian::docid t = FindDocid(db, topic);
      if (t == 0 || !MayView(role, db.get_document(t).get_value(kSlotVisibility))) continue;
      if (std::find(topics.begin(), topics.end(), topic) == topics.end()) topics.push_back(topic);
    }
  }
  return topics;
}

std::string OutcomeSubject(const std::string& record_json) {
  for (const Link& l : DecodeStoredRecord(record_json).links) {
    if (l.rel == "outcome_of") return l.to;
  }
  return "";
}

}  // namespace seedgraph
