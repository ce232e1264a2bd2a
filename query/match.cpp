#include "query/match.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <map>
#include <set>

#include "query/dimensions.h"
#include "query/graph.h"
#include "query/outcomes.h"
#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

constexpr size_t kRelatedSeeds = 50;       // similar records whose companies count
constexpr double kDirectLink = 3.0;        // the company is linked to the seed itself
constexpr double kViaSimilar = 1.0;        // ... to a record similar to the seed
constexpr double kIndustryFit = 0.5;       // EDINET industry fits the seed's modalities
constexpr double kSharedCode = 0.3;        // per shared disease area / modality

// Handover candidates are companies: universities, hospitals, institutes
// and agencies (organizations) never are.
bool IsCompany(const std::string& type) { return type == "company"; }
// A party of a record (who applies, sponsors, licenses): either kind.
bool IsParty(const std::string& type) { return type == "company" || type == "organization"; }

// EDINET industries (提出者業種) that make products of a modality.
std::vector<std::string> IndustriesFor(const std::string& modality) {
  if (modality == "device" || modality == "diagnostic" || modality == "digital") return {"精密機器", "電気機器"};
  if (modality == "small_molecule") return {"医薬品", "化学"};
  return {"医薬品"};
}


struct Tally {
  double score = 0;
  std::vector<std::string> reasons;
  std::set<std::string> evidence;  // records linked to the company (none: industry only)
};

// At most `bytes` bytes of s, cut at a character boundary (never half a
// UTF-8 sequence in a JSON answer).
std::string Cut(const std::string& s, size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes) + "…";
}

struct Subject {
  std::string ja, en;  // "このシーズ" / "this seed", or a similar record named
};

std::string RelLabel(const std::string& rel, bool ja) {
  const VocabEntry* e = Relations().Find(rel);
  return e == nullptr ? rel : (ja ? e->ja : e->en);
}

void Credit(const std::string& company, double weight, const std::string& reason, const std::string& evidence,
            std::map<std::string, Tally>* out) {
  Tally& t = (*out)[company];
  t.score += weight;
  if (t.reasons.size() < 6) t.reasons.push_back(reason);
  t.evidence.insert(evidence);
}

// Companies linked to `record_id` (applicant, licensed_to, affiliation, ...),
// and those its visible outcome records hand it over to.
void LinkedCompanies(Xapian::Database& db, const Analyzer& analyzer, const std::string& record_id, Role role,
                     double weight, const Subject& why, std::map<std::string, Tally>* out) {
  NeighbourOptions opts;
  opts.types = {"company"};
  auto n = Neighbours(db, record_id, role, opts);
  if (!n.ok()) return;
  for (const Neighbour& x : n.value()) {
    Credit(x.node.id, weight,
           why.ja + "の" + RelLabel(x.edge.rel, true) + " / " + RelLabel(x.edge.rel, false) + " of " + why.en, record_id,
           out);
  }
  for (const Outcome& o : OutcomesOf(db, analyzer, record_id, role)) {
    if (o.outcome_id.empty() || o.rel != "licensed_to" || o.target_type != "company") continue;
    Credit(o.target, weight,
           why.ja + "からの導出（成果記録 " + o.date + "） / handed over from " + why.en + " (outcome record, " + o.date + ")",
           o.outcome_id, out);
  }
}

// Companies whose industry fits the seed's modalities get a small lift, and
// an industry-only list when the graph knows nothing of the seed.
void IndustryFit(Xapian::Database& db, const std::vector<std::string>& modalities, Role role,
                 std::map<std::string, Tally>* out) {
  std::set<std::string> industries;
  for (const auto& m : modalities) {
    for (const auto& i : IndustriesFor(m)) industries.insert(i);
  }
  if (industries.empty()) return;
  std::vector<Xapian::Query> terms;
  for (const auto& i : industries) terms.emplace_back(MakeTerm(prefix::kKeyword, i));
  SearchRequest visible;
  visible.role = role;
  visible.filters["type"] = {"company"};
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  BuildFilterQuery(visible)));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, 500);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    rapidjson::Document rec;
    const std::string data = it.get_document().get_data();
    rec.Parse(data.c_str(), data.size());
    if (!rec.IsObject() || !rec.HasMember("id") || !rec["id"].IsString()) continue;
    std::string industry;
    if (rec.HasMember("attrs") && rec["attrs"].IsObject() && rec["attrs"].HasMember("industry") &&
        rec["attrs"]["industry"].IsString()) {
      industry = rec["attrs"]["industry"].GetString();
    }
    Tally& t = (*out)[rec["id"].GetString()];
    t.score += kIndustryFit;
    t.reasons.push_back(industry.empty()
                            ? "業種がシーズのモダリティに合う（弱い根拠） / industry fits the seed's modality (weak evidence)"
                            : "業種 " + industry + " がシーズのモダリティに合う（弱い根拠） / industry (" + industry +
                                  ") fits the seed's modality (weak evidence)");
  }
}

}  // namespace

Result<std::vector<MatchCandidate>> MatchCompanies(Xapian::Database& db, const Analyzer& analyzer,
                                                   const MatchRequest& request) {
  if (request.limit < 1 || request.limit > 100) return Status::InvalidArgument("limit: must be 1..100");
  try {
    const Xapian::docid seed = FindDocid(db, request.seed);
    if (seed == 0) return Status::NotFound("no record " + request.seed);
    const Xapian::Document seed_doc = db.get_document(seed);
    if (!MayView(request.role, seed_doc.get_value(kSlotVisibility))) return Status::NotFound("no record " + request.seed);
    std::map<std::string, Tally> tallies;
    LinkedCompanies(db, analyzer, request.seed, request.role, kDirectLink, {"このシーズ", "this seed"}, &tallies);
    RelatedRequest rel;
    rel.id = request.seed;
    rel.types = {"topic", "paper", "patent", "trial"};
    rel.limit = kRelatedSeeds;
    rel.role = request.role;
    auto similar = Related(db, analyzer, rel);
    if (similar.ok()) {
      for (const RelatedHit& h : similar.value()) {
        const VocabEntry* type = RecordTypes().Find(h.hit.type);
        const std::string title = h.hit.title.ja.empty() ? h.hit.title.en : h.hit.title.ja;
        const std::string shown = "「" + Cut(title, 120) + "」";
        LinkedCompanies(db, analyzer, h.hit.id, request.role, kViaSimilar * h.hit.score,
                        {std::string("類似の") + (type ? type->ja : h.hit.type.c_str()) + shown,
                         std::string("a similar ") + (type ? type->en : h.hit.type.c_str()) + " " + shown},
                        &tallies);
      }
    }
    const auto seed_mods = SplitValues(seed_doc.get_value(kSlotModalities));
    IndustryFit(db, seed_mods, request.role, &tallies);
    const auto seed_areas = SplitValues(seed_doc.get_value(kSlotDiseaseAreas));
    std::vector<MatchCandidate> out;
    std::map<std::string, Xapian::doccount> activity;
    for (auto& [id, t] : tallies) {
      Xapian::docid did = FindDocid(db, id);
      if (did == 0) continue;  // a linked company not ingested: no record to show
      Xapian::Document doc = db.get_document(did);
      if (!MayView(request.role, doc.get_value(kSlotVisibility)) || !IsCompany(doc.get_value(kSlotType))) continue;
      MatchCandidate c;
      c.company.id = id;
      c.company.type = doc.get_value(kSlotType);
      rapidjson::Document rec;
      rec.Parse(doc.get_data().c_str());
      if (rec.IsObject() && rec.HasMember("title")) {
        const auto& title = rec["title"];
        if (title.HasMember("ja")) c.company.title.ja = title["ja"].GetString();
        if (title.HasMember("en")) c.company.title.en = title["en"].GetString();
      }
      c.company.disease_areas = SplitValues(doc.get_value(kSlotDiseaseAreas));
      c.company.modalities = SplitValues(doc.get_value(kSlotModalities));
      double shared = 0;
      for (const auto& a : seed_areas) shared += std::count(c.company.disease_areas.begin(), c.company.disease_areas.end(), a);
      for (const auto& m : seed_mods) shared += std::count(c.company.modalities.begin(), c.company.modalities.end(), m);
      if (shared > 0) t.reasons.push_back("疾患領域・モダリティが共通 / shares disease areas or modalities");
      c.score = t.score + kSharedCode * shared;
      c.company.score = c.score;
      c.reasons = std::move(t.reasons);
      c.evidence.assign(t.evidence.begin(), t.evidence.end());
      c.strength = t.evidence.empty() ? "weak" : "record";
      // How much the index knows of the company (records linking to it):
      // among equal scores, the better documented company first.
      activity[id] = db.get_termfreq(MakeTerm(prefix::kLinkAny, id));
      out.push_back(std::move(c));
    }
    // Record evidence before industry-only candidates; then score, then how
    // much evidence; the id only where all of that is equal.
    std::sort(out.begin(), out.end(), [&activity](const MatchCandidate& a, const MatchCandidate& b) {
      if (a.strength != b.strength) return a.strength == "record";
      if (a.score != b.score) return a.score > b.score;
      if (a.evidence.size() != b.evidence.size()) return a.evidence.size() > b.evidence.size();
      const auto na = activity[a.company.id], nb = activity[b.company.id];
      return na != nb ? na > nb : a.company.id < b.company.id;
    });
    if (out.size() > request.limit) out.resize(request.limit);
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "match");
  }
}

Result<std::vector<RelatedHit>> SeedsForCompany(Xapian::Database& db, const Analyzer& analyzer,
                                                const MatchRequest& request) {
  if (request.limit < 1 || request.limit > 100) return Status::InvalidArgument("limit: must be 1..100");
  auto linked = Neighbours(db, request.seed, request.role);
  if (!linked.ok()) return linked.status();
  // What the company already holds (its patents, licences): records linked
  // to it, and the topics outcome records hand over to it.
  std::vector<std::pair<std::string, std::string>> held;  // record id, rel
  for (const Neighbour& n : linked.value()) {
    if (!n.node.type.empty() && !IsParty(n.node.type) && n.node.type != "outcome") held.emplace_back(n.node.id, n.edge.rel);
  }
  for (const std::string& topic : TopicsHandedOverTo(db, request.seed, request.role)) held.emplace_back(topic, "licensed_to");
  // Seeds similar to what it holds.
  std::map<std::string, RelatedHit> best;
  for (const auto& [held_id, held_rel] : held) {
    RelatedRequest rel;
    rel.id = held_id;
    rel.types = {"topic", "paper", "patent"};
    rel.limit = 20;
    rel.role = request.role;
    auto similar = Related(db, analyzer, rel);
    if (!similar.ok()) continue;
    for (RelatedHit& h : similar.value()) {
      h.reasons.paths.insert(h.reasons.paths.begin(), {request.seed, held_rel, held_id, "related", h.hit.id});
      auto it = best.find(h.hit.id);
      if (it == best.end() || it->second.hit.score < h.hit.score) best[h.hit.id] = std::move(h);
    }
  }
  std::vector<RelatedHit> out;
  for (auto& [id, h] : best) out.push_back(std::move(h));
  std::sort(out.begin(), out.end(), [](const RelatedHit& a, const RelatedHit& b) {
    return a.hit.score != b.hit.score ? a.hit.score > b.hit.score : a.hit.id < b.hit.id;
  });
  if (out.size() > request.limit) out.resize(request.limit);
  return out;
}

}  // namespace seedgraph
