#include "query/related.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "query/dimensions.h"
#include "query/filler_words.h"
#include "query/graph.h"
#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Weights of the three signals in the final score (each is in 0..1).
constexpr double kTextWeight = 1.0;
constexpr double kGraphWeight = 0.8;
constexpr double kVocabWeight = 0.3;
// The seed's terms queried at once: its 25 heaviest (an OR of more costs a
// posting-list walk each: related p99 160 ms at 1M records with 40).
constexpr size_t kQueryTerms = 25;
constexpr size_t kTextCandidates = 100;    // records the text signal proposes
constexpr size_t kTieSlack = 10;           // ... read beyond it to settle ties at the cut
constexpr size_t kHubFanout = 300;         // neighbours read per shared node
// Neighbours of the seed walked for the graph signal.  A hub seed (a disease
// studied by thousands of papers at 1M records) otherwise costs one
// neighbour read per link: related p99 446 ms at 1M (docs/PERFORMANCE.md).
constexpr size_t kSeedFanout = 100;
constexpr size_t kSharedTermsShown = 8;

// Free-text terms only: the unprefixed words and bigrams (lower-case ASCII,
// digits or a multi-byte UTF-8 lead).  Prefixed terms are fields and codes.
bool IsTextTerm(const std::string& term) {
  const unsigned char c = static_cast<unsigned char>(term[0]);
  return !(c >= 'A' && c <= 'Z');
}

// The seed's most telling free-text terms, heaviest first: each weighed as
// an expansion term of the seed alone (one relevant document; Robertson and
// Sparck Jones' relevance weight times the seed's length-normalised wdf,
// the weight Xapian's default TradEWeight gives), on exact whole-index term
// frequencies.  Not Enquire::get_eset: over several databases (shards,
// visibility levels) Xapian 1.4 by default scales a frequency up from the
// seed's own database (USE_EXACT_TERMFREQ instead asks every term of every
// shard, a round trip each when remote), and OP_ELITE_SET chooses its terms
// per database, so the terms (and the related records) depended on the
// layout.  Terms no other record has are left out: they propose no
// candidate, yet weigh most.
std::vector<std::string> SeedTerms(const Xapian::Database& db, Xapian::docid seed, bool remote) {
  std::vector<std::pair<std::string, Xapian::termcount>> mine;  // (term, wdf)
  std::vector<std::string> names;
  for (auto t = db.termlist_begin(seed); t != db.termlist_end(seed); ++t) {
    if (!IsTextTerm(*t)) continue;
    mine.emplace_back(*t, t.get_wdf());
    names.push_back(*t);
  }
  const auto freqs = TermFreqs(db, names, remote);
  const double records = db.get_doccount(), avlen = std::max(1.0, db.get_avlength());
  const double len = db.get_doclength(seed);
  std::vector<std::pair<double, std::string>> ranked;  // (-weight, term): heaviest first, then by term
  for (const auto& [term, wdf_stored] : mine) {
    const auto it = freqs.find(term);
    const double f = it == freqs.end() ? 0 : it->second;
    const double wdf = std::max<Xapian::termcount>(1, wdf_stored);
    if (f <= 1) continue;
    const double relevance = std::log(1.5 * (records - f + 0.5) / ((f - 0.5) * 0.5));
    const double weight = 2 * wdf / (len / avlen + wdf) * relevance;
    if (weight > 0) ranked.emplace_back(-weight, term);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < kQueryTerms; ++i) out.push_back(ranked[i].second);
  return out;
}

// Terms shown as reasons: CJK dictionary words (W), whole keywords (K) and
// Latin words of 3+ letters; bigrams read badly and are left out.
bool ReadableTerm(const std::string& term) {
  if (term.compare(0, 1, prefix::kKeyword) == 0) return term.size() > 1;
  if (term.compare(0, 1, prefix::kCjkWord) == 0) {
    // A two-kana fragment of a reading (せき, ずい) says nothing.
    const bool short_kana = term.size() <= 1 + 6 && static_cast<unsigned char>(term[1]) == 0xE3 &&
                            static_cast<unsigned char>(term[2]) <= 0x83;
    return term.size() > 1 && !short_kana;
  }
  const unsigned char c = static_cast<unsigned char>(term[0]);
  return c >= 'a' && c <= 'z' && term.size() >= 3;
}

std::string Display(const std::string& term) {
  const unsigned char c = static_cast<unsigned char>(term[0]);
  return (c >= 'A' && c <= 'Z') ? term.substr(1) : term;
}

// All hiragana (U+3041..U+309F): a reading the index adds beside the
// written word (いしゅく beside 萎縮), not what a reader would call a reason.
bool AllHiragana(std::string_view s) {
  if (s.empty() || s.size() % 3 != 0) return false;
  for (size_t i = 0; i < s.size(); i += 3) {
    const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 != 0xE3 || !((b1 == 0x81 && static_cast<unsigned char>(s[i + 2]) >= 0x81) || (b1 == 0x82 && static_cast<unsigned char>(s[i + 2]) <= 0x9F))) {
      return false;
    }
  }
  return true;
}

// Readable, not filler (query/filler_words.h), not a reading.
bool TellingTerm(const std::string& term) {
  if (!ReadableTerm(term)) return false;
  const std::string shown = Display(term);
  return !IsFillerWord(shown) && !AllHiragana(shown);
}

struct Candidate {
  Xapian::docid did = 0;
  Xapian::Document doc;  // when the text match fetched it already
  bool has_doc = false;
  double text = 0, graph = 0, vocab = 0;
  std::vector<std::string> shared_nodes;
  std::vector<std::vector<std::string>> paths;
};

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::set<std::string> Codes(const Xapian::Document& doc, Xapian::valueno slot) {
  auto v = SplitValues(doc.get_value(slot));
  return std::set<std::string>(v.begin(), v.end());
}

std::vector<std::string> Intersect(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}


// A score compared as equal to another within floating-point noise: each
// shard sums a record's term weights in its own order (Xapian 1.4 builds
// the OR tree per database), so "equal" scores may differ in the last bit.
long long TieKey(double score) { return std::llround(score * 1e9); }

// Text signal: the seed's most telling terms (SeedTerms) as a query; equal
// weights (TieKey) by date and id (kSlotLinkOrder), not by document number,
// so that the cut at kTextCandidates keeps the same records over any layout
// (a few beyond it are read to settle ties at the cut).
void TextCandidates(Xapian::Database& db, Xapian::docid seed, const Xapian::Query& filter, bool remote,
                    std::unordered_map<Xapian::docid, Candidate>* out) {
  const std::vector<std::string> terms = SeedTerms(db, seed, remote);
  if (terms.empty()) return;
  Xapian::Enquire enquire(db);
  const Xapian::Query q(Xapian::Query::OP_OR, terms.begin(), terms.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, filter));
  enquire.set_sort_by_relevance_then_value(kSlotLinkOrder, false);
  Xapian::MSet mset = enquire.get_mset(0, kTextCandidates + 1 + kTieSlack);
  FetchAll(mset);  // the scoring reads every candidate's values
  double top = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (*it != seed) top = std::max(top, it.get_weight());
  }
  if (top <= 0) return;
  struct Ranked {
    long long key;
    std::string order;
    Xapian::MSetIterator it;
  };
  std::vector<Ranked> ranked;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (*it != seed) ranked.push_back({TieKey(it.get_weight() / top), it.get_document().get_value(kSlotLinkOrder), it});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.key != b.key ? a.key > b.key : a.order < b.order;
  });
  if (ranked.size() > kTextCandidates) ranked.resize(kTextCandidates);
  for (const Ranked& r : ranked) {
    Candidate& c = (*out)[*r.it];
    c.did = *r.it;
    c.text = r.it.get_weight() / top;
    c.doc = r.it.get_document();
    c.has_doc = true;
  }
}

// Graph signal: records that share a neighbour with the seed (two hops).
// A shared node counts less the more records it connects (a hub says little).
void GraphCandidates(IndexView& view, const std::string& seed_id,
                     std::unordered_map<Xapian::docid, Candidate>* out) {
  NeighbourOptions opts;
  opts.include_unindexed = true;
  opts.titles = false;
  opts.limit = kSeedFanout;
  auto first = Neighbours(view, seed_id, opts);
  if (!first.ok()) return;
  std::set<std::string> done;
  for (const Neighbour& hop1 : first.value()) {
    if (!done.insert(hop1.node.id).second) continue;
    NeighbourOptions o2;
    o2.limit = kHubFanout;
    o2.allow_unindexed_start = true;  // a person not ingested still joins two papers
    o2.titles = false;
    auto second = Neighbours(view, hop1.node.id, o2);
    if (!second.ok()) continue;
    // A record linked to the shared node both ways (A same_as B, B same_as
    // A), or by two relations, shares that node once.
    std::vector<const Neighbour*> hops;
    std::set<std::string> reached;
    for (const Neighbour& hop2 : second.value()) {
      if (reached.insert(hop2.node.id).second) hops.push_back(&hop2);
    }
    const double weight = 1.0 / std::log(2.0 + hops.size());
    for (const Neighbour* hop : hops) {
      const Neighbour& hop2 = *hop;
      if (hop2.node.id == seed_id || hop2.node.type.empty()) continue;
      const Xapian::docid did = hop2.node.did;
      if (did == 0) continue;
      Candidate& c = (*out)[did];
      c.did = did;
      c.graph += weight;
      c.shared_nodes.push_back(hop1.node.id);
      if (c.paths.size() < 3) c.paths.push_back({seed_id, hop1.edge.rel, hop1.node.id, hop2.edge.rel, hop2.node.id});
    }
  }
}

// The seed's twins: the records `same_as` joins it with, directly or
// through one other twin (a company's 法人番号, ROR and name records; a
// paper under its PMID and its DOI).  They are the seed itself recorded
// again, not related seeds; the record page lists them as links.
std::set<Xapian::docid> SeedTwins(IndexView& view, const std::string& seed_id) {
  NeighbourOptions opts;
  opts.rels = {"same_as"};
  opts.include_unindexed = false;
  opts.titles = false;
  opts.limit = kSeedFanout;
  std::set<Xapian::docid> twins;
  std::set<std::string> done{seed_id};
  std::vector<std::string> frontier{seed_id};
  for (int depth = 0; depth < 2 && !frontier.empty(); ++depth) {
    std::vector<std::string> next;
    for (const std::string& id : frontier) {
      auto found = Neighbours(view, id, opts);
      if (!found.ok()) continue;
      for (const Neighbour& n : found.value()) {
        if (n.node.did == 0 || !done.insert(n.node.id).second) continue;
        twins.insert(n.node.did);
        next.push_back(n.node.id);
      }
    }
    frontier.swap(next);
  }
  return twins;
}

// Keeps a candidate for `across`: it must have codes on that dimension and
// none of the seed's (single-valued project: a different one).
bool DiffersOn(const std::string& across, const Xapian::Document& seed, const Xapian::Document& cand) {
  if (across.empty()) return true;
  const Dimension* dim = FindDimension(across);
  const auto mine = Codes(seed, dim->slot), theirs = Codes(cand, dim->slot);
  return !theirs.empty() && Intersect(mine, theirs).empty();
}

// The readable terms of a record, in term order (its term list: one read).
std::vector<std::string> ReadableTerms(Xapian::Database& db, Xapian::docid did) {
  std::vector<std::string> out;
  for (auto t = db.termlist_begin(did); t != db.termlist_end(did); ++t) {
    if (TellingTerm(*t)) out.push_back(*t);
  }
  return out;
}

// The readable terms the seed (its ReadableTerms) and a candidate share.
std::vector<std::string> SharedTerms(Xapian::Database& db, const std::vector<std::string>& seed, Xapian::docid cand) {
  std::vector<std::string> shared;
  auto a = seed.begin();
  Xapian::TermIterator c = db.termlist_begin(cand), d = db.termlist_end(cand);
  while (a != seed.end() && c != d) {
    if (*a < *c) { a = std::lower_bound(a, seed.end(), *c); continue; }
    if (*c < *a) { c.skip_to(*a); continue; }
    shared.push_back(*a);
    ++a;
    ++c;
  }
  return shared;
}

// The shared terms shown as a hit's reasons: rarest first (a term few records
// share says most about the pair), without terms in over 2% of the records
// (identifier schemes such as "mondo", boilerplate; a small index keeps a
// floor of 10).
std::vector<std::string> TellingTerms(const std::vector<std::string>& shared,
                                      const std::unordered_map<std::string, Xapian::doccount>& freqs,
                                      Xapian::doccount records) {
  const Xapian::doccount common = std::max<Xapian::doccount>(10, records / 50);
  std::vector<std::pair<Xapian::doccount, std::string>> ranked;  // (term frequency, term)
  for (const std::string& t : shared) {
    const Xapian::doccount f = freqs.at(t);
    if (f <= common) ranked.emplace_back(f, t);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& [freq, term] : ranked) {
    if (out.size() >= kSharedTermsShown) break;
    if (seen.insert(Display(term)).second) out.push_back(Display(term));
  }
  return out;
}

// Each hit's shared terms; every term's frequency asked for at once.
void AddSharedTerms(Xapian::Database& db, Xapian::docid seed, const std::vector<Xapian::docid>& dids, bool remote,
                    std::vector<RelatedHit>* hits) {
  std::vector<std::vector<std::string>> shared;
  std::vector<std::string> all;
  const std::vector<std::string> mine = dids.empty() ? std::vector<std::string>() : ReadableTerms(db, seed);
  for (Xapian::docid did : dids) {
    shared.push_back(SharedTerms(db, mine, did));
    all.insert(all.end(), shared.back().begin(), shared.back().end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  const auto freqs = TermFreqs(db, all, remote);
  for (size_t i = 0; i < hits->size(); ++i) (*hits)[i].reasons.shared_terms = TellingTerms(shared[i], freqs, db.get_doccount());
}

// Titles of the nodes the reasons name (RelatedReasons::labels), read in
// one batch; what view.db() does not hold (not indexed, or hidden from the
// caller: the view holds only what it may see) keeps its id.
void AddNodeLabels(Xapian::Database& db, std::vector<RelatedHit>* hits) {
  std::vector<std::string> ids;
  for (const RelatedHit& h : *hits) {
    const auto& nodes = h.reasons.shared_nodes;
    ids.insert(ids.end(), nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(std::min(nodes.size(), kLabelledNodes)));
    for (const auto& path : h.reasons.paths) {
      if (path.size() >= 3) ids.push_back(path[2]);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) return;
  const std::unordered_map<std::string, StoredDoc> docs = ReadByIds(db, ids);
  for (RelatedHit& h : *hits) {
    auto label = [&](const std::string& id) {
      auto it = docs.find(id);
      if (it != docs.end()) h.reasons.labels[id] = {it->second.record.type, it->second.record.title};
    };
    const auto& nodes = h.reasons.shared_nodes;
    for (size_t i = 0; i < std::min(nodes.size(), kLabelledNodes); ++i) label(nodes[i]);
    for (const auto& path : h.reasons.paths) {
      if (path.size() >= 3) label(path[2]);
    }
  }
}

// The same disease in two NANDO classes (指定難病 and 小児慢性特定疾病) is
// two records of one name.  A disease reached through its own twin, or a
// twin of a disease ranked higher, says nothing new: it is left out.
void DropDiseaseTwins(std::vector<RelatedHit>* hits) {
  std::set<std::string> seen;
  auto name = [](const LangText& t) { return t.ja.empty() ? t.en : t.ja; };
  std::vector<RelatedHit> kept;
  for (RelatedHit& h : *hits) {
    if (h.hit.type == "disease") {
      const std::string own = name(h.hit.title);
      bool via_twin = false;
      for (const auto& [id, label] : h.reasons.labels) via_twin |= label.type == "disease" && name(label.title) == own;
      if (via_twin || (!own.empty() && !seen.insert(own).second)) continue;
    }
    kept.push_back(std::move(h));
  }
  hits->swap(kept);
}

Status CheckRequest(const RelatedRequest& r) {
  if (!r.across.empty() && r.across != "modality" && r.across != "disease_area" && r.across != "project") {
    return Status::InvalidArgument("across: must be modality, disease_area or project");
  }
  if (r.limit < 1 || r.limit > kMaxRankedDepth) {
    return Status::InvalidArgument("limit: must be 1.." + std::to_string(kMaxRankedDepth));
  }
  for (const auto& t : r.types) {
    if (!RecordTypes().Contains(t)) return Status::InvalidArgument("type: unknown code \"" + t.substr(0, 60) + "\"");
  }
  return Status::Ok();
}


}  // namespace

Hit HitFromDoc(const Xapian::Document& doc) {
  return HitFromRecord(DecodeStoredRecord(doc.get_data()));
}

Result<std::vector<RelatedHit>> Related(IndexView& view, const Analyzer&, const RelatedRequest& request) {
  Xapian::Database& db = view.db();
  const Role role = view.role();
  Status st = CheckRequest(request);
  if (!st.ok()) return st;
  try {
    const Xapian::docid seed = FindDocid(db, request.id);
    if (seed == 0) return Status::NotFound("no record " + request.id);
    const Xapian::Document seed_doc = db.get_document(seed);
    if (!MayView(role, seed_doc.get_value(kSlotVisibility))) return Status::NotFound("no record " + request.id);
    SearchRequest visible;
    if (!request.types.empty()) visible.filters["type"] = request.types;
    std::unordered_map<Xapian::docid, Candidate> cands;
    TextCandidates(db, seed, BuildFilterQuery(visible, role), view.remote(), &cands);
    if (!request.text_only) GraphCandidates(view, request.id, &cands);
    for (Xapian::docid twin : SeedTwins(view, request.id)) cands.erase(twin);
    const auto seed_areas = Codes(seed_doc, kSlotDiseaseAreas), seed_mods = Codes(seed_doc, kSlotModalities);
    double top_graph = 0;
    for (const auto& [did, c] : cands) top_graph = std::max(top_graph, c.graph);
    // Score from values only (codes, type, visibility); the stored JSON is
    // read for the hits that are returned, not for every candidate.
    struct Scored {
      double score;
      std::string order;  // ties: by date and id (kSlotLinkOrder), alike over any layout
      Xapian::docid did;
      RelatedReasons reasons;
    };
    std::vector<Scored> ranked;
    for (auto& [did, c] : cands) {
      const Xapian::Document doc = c.has_doc ? c.doc : db.get_document(did);
      if (!MayView(role, doc.get_value(kSlotVisibility))) continue;
      if (!request.types.empty() && !Contains(request.types, doc.get_value(kSlotType))) continue;
      // An outcome record is a fact about its topic, not a seed of its own.
      if (request.types.empty() && doc.get_value(kSlotType) == "outcome") continue;
      if (!DiffersOn(request.across, seed_doc, doc)) continue;
      Scored hit{0, doc.get_value(kSlotLinkOrder), did, {}};
      RelatedReasons& r = hit.reasons;
      r.shared_disease_areas = Intersect(seed_areas, Codes(doc, kSlotDiseaseAreas));
      r.shared_modalities = Intersect(seed_mods, Codes(doc, kSlotModalities));
      const size_t codes = seed_areas.size() + seed_mods.size();
      r.vocab_score = codes == 0 ? 0 : double(r.shared_disease_areas.size() + r.shared_modalities.size()) / codes;
      r.text_score = c.text;
      r.graph_score = top_graph > 0 ? c.graph / top_graph : 0;
      std::set<std::string> nodes(c.shared_nodes.begin(), c.shared_nodes.end());
      r.shared_nodes.assign(nodes.begin(), nodes.end());
      r.paths = std::move(c.paths);
      hit.score = request.text_only ? r.text_score
                                    : kTextWeight * r.text_score + kGraphWeight * r.graph_score +
                                          kVocabWeight * r.vocab_score;
      ranked.push_back(std::move(hit));
    }
    std::sort(ranked.begin(), ranked.end(), [](const Scored& a, const Scored& b) {
      if (TieKey(a.score) != TieKey(b.score)) return a.score > b.score;
      return a.order != b.order ? a.order < b.order : a.did < b.did;  // an older index has no order value
    });
    std::vector<RelatedHit> out;
    std::vector<Xapian::docid> dids;
    size_t asked = 0;
    for (Scored& s : ranked) {
      // A few beyond the limit: DropDiseaseTwins may leave some out.
      if (out.size() >= request.limit + request.limit / 4 + 5 || (request.keep && asked++ >= request.keep_within)) break;
      RelatedHit hit;
      const Candidate& c = cands[s.did];
      hit.hit = HitFromDoc(c.has_doc ? c.doc : db.get_document(s.did));
      if (request.keep && !request.keep(hit.hit)) continue;
      hit.hit.score = s.score;
      hit.reasons = std::move(s.reasons);
      out.push_back(std::move(hit));
      dids.push_back(s.did);
    }
    AddSharedTerms(db, seed, dids, view.remote(), &out);
    AddNodeLabels(db, &out);
    DropDiseaseTwins(&out);
    if (out.size() > request.limit) out.resize(request.limit);
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "related");
  }
}

}  // namespace seedgraph
