#include "query/pairing.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <ctime>

#include "query/company_evidence.h"
#include "query/dimensions.h"
#include "query/store.h"
#include "query/json.h"
#include "query/outcomes.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

// Stages in order; a next-stage topic is strictly later than the seed.
int StageRank(const std::string& stage) {
  const auto& e = Stages().entries;
  for (size_t i = 0; i < e.size(); ++i) {
    if (stage == e[i].code) return static_cast<int>(i);
  }
  return -1;
}

// Programmes that take seeds on towards the clinic and the market.
bool NextStageProject(const std::string& project) {
  return project == "translational" || project == "ecosystem" || project == "pharma" || project == "device" ||
         project == "regen_gene";
}

// Today in Japan (JST, UTC+9): grants end on Japanese dates.
std::string Today() {
  std::time_t t = std::time(nullptr) + 9 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// "YYYY[-MM[-DD]]" padded to a full date at the period's end.
std::string EndOfPeriod(const std::string& d) {
  if (d.size() >= 10) return d.substr(0, 10);
  if (d.size() >= 7) return d.substr(0, 7) + "-28";
  return d.substr(0, 4) + "-12-31";
}

// `months` may be negative (the default reference date looks back).
std::string AddMonths(const std::string& date, int months) {
  const int total = std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1 + months;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%s", total / 12, total % 12 + 1, date.substr(8, 2).c_str());
  return buf;
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// The topic's end date and whether it was estimated; "" when unknown.
std::pair<std::string, bool> EndDate(const Record& rec) {
  // attrs are not validated: a date that is not one is no end date.
  const std::string attr_end = AttrString(rec.attrs_json, "end_date");
  if (attr_end.size() >= 4) {
    const std::string end = EndOfPeriod(attr_end);
    return {ValidDate(end) ? end : "", false};
  }
  if (rec.date.size() < 4) return {"", true};
  std::string end = EndOfPeriod(rec.date);
  if (!ValidDate(end)) return {"", true};
  end = std::to_string(std::stoi(end.substr(0, 4)) + kDefaultTopicYears) + end.substr(4);
  return {end, true};
}

// The topics this one is known to continue as (its continued_as links and
// the agency's outcome records), first among the next-stage topics.
std::vector<RelatedHit> KnownSuccessors(IndexView& view, const Analyzer& analyzer, const Hit& topic,
                                        const PairingRequest& req) {
  Xapian::Database& db = view.db();
  std::vector<RelatedHit> out;
  for (const Outcome& o : OutcomesOf(view, analyzer, topic.id)) {
    if (o.rel != "continued_as" || o.target_type != "topic") continue;
    if (std::any_of(out.begin(), out.end(), [&](const RelatedHit& h) { return h.hit.id == o.target; })) continue;
    RelatedHit h;
    h.hit = HitFromDoc(db.get_document(FindDocid(db, o.target)));
    h.reasons.paths.push_back(o.outcome_id.empty() ? std::vector<std::string>{topic.id, "continued_as", o.target}
                                                   : std::vector<std::string>{topic.id, "outcome_of", o.outcome_id,
                                                                              "continued_as", o.target});
    out.push_back(std::move(h));
    if (out.size() >= req.per_topic) break;
  }
  return out;
}

std::vector<RelatedHit> NextTopics(IndexView& view, const Analyzer& analyzer, const Hit& topic,
                                   const PairingRequest& req) {
  std::vector<RelatedHit> out = KnownSuccessors(view, analyzer, topic, req);
  RelatedRequest rel;
  rel.id = topic.id;
  rel.types = {"topic"};
  // Of the 50 most related topics, those of a later stage or a next-stage
  // programme: at most per_topic of them are listed.
  rel.limit = req.per_topic;
  rel.keep_within = 50;
  rel.keep = [&](const Hit& h) {
    const bool later = StageRank(h.stage) > StageRank(topic.stage);
    if (!later && !NextStageProject(h.project)) return false;
    return !(h.project == topic.project && !later);
  };
  auto hits = Related(view, analyzer, rel);
  if (!hits.ok()) return out;
  const size_t known = out.size();
  for (RelatedHit& h : hits.value()) {
    if (out.size() >= req.per_topic) break;
    auto same = std::find_if(out.begin(), out.begin() + known, [&](const RelatedHit& k) { return k.hit.id == h.hit.id; });
    if (same != out.begin() + known) {  // a known successor that is also similar: both reasons
      const auto paths = same->reasons.paths;
      same->reasons = h.reasons;
      same->reasons.paths.insert(same->reasons.paths.begin(), paths.begin(), paths.end());
      continue;
    }
    out.push_back(std::move(h));
  }
  return out;
}

// Topics of the request's projects and disease areas the role may see.
SearchRequest Selection(const PairingRequest& req) {
  SearchRequest filter;
  filter.filters["type"] = {"topic"};
  if (!req.projects.empty()) filter.filters["project"] = req.projects;
  if (!req.disease_areas.empty()) filter.filters["disease_area"] = req.disease_areas;
  return filter;
}

Status CheckSelection(const PairingRequest& req) { return ValidateSearchFilters(Selection(req)); }

// Basic and applied topics of the selection, oldest first (equal dates by id).
Xapian::MSet PairingTopics(IndexView& view, const PairingRequest& req) {
  Xapian::Database& db = view.db();
  SearchRequest filter = Selection(req);
  filter.filters["stage"] = {"basic", "applied"};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, MatchAllQuery(), BuildFilterQuery(filter, view.role())));
  SortByDateThenId(enquire, view, false);
  return enquire.get_mset(0, db.get_doccount());
}

// Topics of the selection at another stage or none: the plan leaves them out.
size_t OtherStageTopics(IndexView& view, const PairingRequest& req) {
  Xapian::Database& db = view.db();
  SearchRequest stages;
  stages.filters["stage"] = {"basic", "applied"};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, BuildFilterQuery(Selection(req), view.role()),
                                  BuildFilterQuery(stages, Role::kAdmin)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

// Medical research: a topic with a disease area or a medical modality
// (given, or derived by the tagger); a grant on speech synthesis has neither.
bool IsMedical(const Xapian::Document& doc) {
  if (!doc.get_value(kSlotDiseaseAreas).empty()) return true;
  // "digital" alone (an AI or signal-processing grant) is not medical yet.
  for (const std::string& m : SplitValues(doc.get_value(kSlotModalities))) {
    if (m != "digital") return true;
  }
  return false;
}

}  // namespace

Result<PairingReference> DefaultPairingReference(IndexView& view, const PairingRequest& request) {
  Status st = CheckSelection(request);
  if (!st.ok()) return st;
  PairingReference ref;
  ref.date = Today();
  try {
    Xapian::MSet mset = PairingTopics(view, request);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (!IsMedical(it.get_document())) continue;
      const std::string end = EndDate(DecodeStoredRecord(it.get_document().get_data())).first;
      if (end > ref.newest_end) ref.newest_end = end;
    }
  } catch (const Xapian::Error& e) {
    return ReadError(e, "pairing");
  }
  if (!ref.newest_end.empty() && ref.newest_end < ref.date) {
    ref.date = AddMonths(ref.newest_end, -request.months);
    ref.from_data = true;
  }
  return ref;
}

Result<std::vector<PairingItem>> PairingCandidates(IndexView& view, const Analyzer& analyzer,
                                                   const PairingRequest& req, PairingCounts* counts) {
  if (req.months < 1 || req.months > 60) return Status::InvalidArgument("months: must be 1..60");
  if (req.limit < 1 || req.limit > 100) return Status::InvalidArgument("limit: must be 1..100");
  if (req.per_topic < 1 || req.per_topic > 20) return Status::InvalidArgument("per_topic: must be 1..20");
  const std::string today = req.today.empty() ? Today() : req.today;
  if (!ValidDate(today)) return Status::InvalidArgument("today: must be YYYY-MM-DD");
  Status st = CheckSelection(req);
  if (!st.ok()) return st;
  const std::string horizon = AddMonths(today, req.months);
  PairingCounts ignored;
  PairingCounts& n = counts != nullptr ? *counts : ignored;
  n = PairingCounts{};
  try {
    n.other_stage = OtherStageTopics(view, req);
    Xapian::MSet mset = PairingTopics(view, req);
    CompanyBook book(view);  // the plan's topics share their companies
    std::vector<PairingItem> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      if (!IsMedical(it.get_document())) continue;
      ++n.topics;
      auto [end, estimated] = EndDate(DecodeStoredRecord(it.get_document().get_data()));
      if (end.empty()) {
        ++n.no_end;
        continue;
      }
      if (end < today || end > horizon) {
        ++(end < today ? n.ended_before : n.end_later);
        continue;
      }
      ++n.in_window;
      if (n.in_window <= req.offset || n.in_window > req.offset + req.limit) continue;  // counted, not listed
      PairingItem item;
      item.topic = HitFromDoc(it.get_document());
      item.end_date = end;
      item.end_estimated = estimated;
      item.next_topics = NextTopics(view, analyzer, item.topic, req);
      MatchRequest match{item.topic.id, req.per_topic};
      match.evidence_docs = 60;  // a plan matches every topic: the nearest 60 name its best few companies
      auto companies = MatchCompanies(view, analyzer, match, &book);
      if (companies.ok()) item.companies = std::move(companies.value());
      out.push_back(std::move(item));
    }
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "pairing");
  }
}

namespace {

void WriteCounts(const PairingCounts& c, rapidjson::Writer<rapidjson::StringBuffer>* w) {
  w->StartObject();
  const std::pair<const char*, size_t> fields[] = {{"topics", c.topics},           {"in_window", c.in_window},
                                                    {"ended_before", c.ended_before}, {"end_later", c.end_later},
                                                    {"no_end", c.no_end},           {"other_stage", c.other_stage}};
  for (const auto& [key, value] : fields) {
    w->Key(key);
    w->Uint64(value);
  }
  w->EndObject();
}

}  // namespace

std::string PairingJson(const std::vector<PairingItem>& items, const PairingReference& reference,
                        const PairingCounts* counts) {
  // Each part reuses the writers of its own shape, then is spliced in as raw
  // JSON (RawValue), so the shapes stay defined in one place.
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  if (!reference.date.empty()) {
    w.Key("today");
    w.String(reference.date.c_str());
    w.Key("today_from_data");
    w.Bool(reference.from_data);
    w.Key("newest_end");
    w.String(reference.newest_end.c_str());
  }
  if (counts != nullptr) {
    w.Key("counts");
    WriteCounts(*counts, &w);
  }
  w.Key("topics");
  w.StartArray();
  for (const auto& item : items) {
    w.StartObject();
    std::vector<RelatedHit> self(1);
    self[0].hit = item.topic;
    const std::string topic_json = RelatedJson(self);  // {"hits":[{...}]}
    rapidjson::Document parsed;
    parsed.Parse(topic_json.c_str());
    w.Key("topic");
    parsed["hits"][0].Accept(w);
    w.Key("end_date");
    w.String(item.end_date.c_str());
    w.Key("end_estimated");
    w.Bool(item.end_estimated);
    const std::string next = RelatedJson(item.next_topics);
    w.Key("next_topics");
    w.RawValue(next.data(), next.size(), rapidjson::kObjectType);
    const std::string companies = MatchJson(item.companies);
    w.Key("companies");
    w.RawValue(companies.data(), companies.size(), rapidjson::kObjectType);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace seedgraph
