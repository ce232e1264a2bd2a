#include "query/match.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "query/company_evidence.h"
#include "query/dimensions.h"
#include "query/expand.h"
#include "query/graph.h"
#include "query/outcomes.h"
#include "query/store.h"
#include "query/text_query.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

// Chosen on the hidden-assignee measure (tests/eval/assignee_recall.py,
// docs/QUALITY.md): all of the seed's terms beat its 60 most telling ones
// (recall@10 0.747 vs 0.713), sim^2 beats sim^3 and sim^4 at 10, and a
// company's k-th evidence record counting 1/k keeps a large portfolio of
// loosely similar patents from outvoting a few close ones.
constexpr size_t kSeedTerms = 200;    // the seed's terms queried at once (SeedTerms)
constexpr size_t kEvidenceDocs = 300;            // evidence records most like the seed (at most)
constexpr Xapian::termcount kTitleWeight = 3;  // a title word among the seed's terms
constexpr double kTitlePairWeight = 1.0;        // an English title's word pair, as a phrase
constexpr double kMinSimilarity = 0.3;           // of the best: below it, a record fits by chance
constexpr double kClassSimilarity = 0.3;         // classes beside text, per record
constexpr double kProfileWeight = 0.3;           // the company's class profile
constexpr double kActivityPrior = 0.3;           // ln(1 + records naming the company)
constexpr double kDirectLink = 1.0;              // the seed itself names the company: + the best fit
constexpr Xapian::doccount kClassPostings = 1000;  // a class on more records says little
constexpr size_t kClassBudget = 5000;          // postings read for profiles, per match
constexpr size_t kCitedShown = 3;

// EDINET industries (提出者業種) that make products of a modality.
std::vector<std::string> IndustriesFor(const std::string& modality) {
  if (modality == "device" || modality == "diagnostic" || modality == "digital") return {"精密機器", "電気機器"};
  if (modality == "small_molecule") return {"医薬品", "化学"};
  return {"医薬品"};
}

// At most `bytes` bytes of s, cut at a character boundary (never half a
// UTF-8 sequence in a JSON answer).
std::string Cut(const std::string& s, size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes) + "…";
}

std::string Label(const Vocabulary& v, const std::string& code, bool ja) {
  const VocabEntry* e = v.Find(code);
  return e == nullptr ? code : (ja ? e->ja : e->en);
}

struct Tally {
  double vote = 0, profile = 0;
  bool direct = false;
  std::string direct_rel;
  std::vector<CitedRecord> cited;           // best first, at most kCitedShown
  std::map<std::string, size_t> classes;    // seed classes among its patents
  std::set<std::string> areas, modalities;  // shared with the seed, over its evidence
  size_t evidence = 0;                      // evidence records among the seed's nearest
};

struct Seed {
  Xapian::docid did = 0;
  Xapian::Document doc;
  Record record;
  std::vector<std::string> areas, modalities, classes;  // classes: XC terms
};

// A number or a word of one or two ASCII letters: a piece of a code ("PD-1"
// gives "pd" and "1", which alone match "DIANEAL PD-2"); the seed's phrases
// and longer words say what it is about.
bool IsCodeFragment(const std::string& term) {
  if (static_cast<unsigned char>(term[0]) >= 0x80) return false;
  if (term.size() <= 2) return true;
  return std::all_of(term.begin(), term.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// English function words, and words of research-grant titles that say how,
// not what ("Development of evidence based treatments for ..."): the seed's
// terms leave them out ("for", three times in an AMED topic's programme
// name, alone matched "STERILE WATER FOR INJECTION").
bool IsTitleBoilerplate(const std::string& term) {
  static const std::set<std::string> kWords = {
      "the", "and", "for", "with", "from", "into", "via", "are", "its", "their", "this", "that", "which",
      "development", "developments", "developing", "develop", "study", "studies", "studi", "research", "based",
      "establishment", "establishing", "establish", "investigation", "investigations", "elucidation",
      "elucidating", "elucid", "novel", "using", "toward", "towards", "aim", "aimed"};  // surface forms and stems
  return kWords.count(term) > 0;
}

// The English title's neighbouring content words as phrases (one word may
// come between): "hearing loss" says more than "loss" (hair loss).
std::vector<Xapian::Query> TitlePairs(const Analyzer& analyzer, const std::string& title) {
  std::vector<Xapian::Query> words, out;
  for (const Segment& seg : analyzer.Analyze(title)) {
    if (seg.kind != SegmentKind::kWord || IsCodeFragment(seg.text) || IsTitleBoilerplate(seg.stem)) continue;
    words.push_back(seg.stem == seg.text ? Xapian::Query(seg.text)
                                         : Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(seg.text), Xapian::Query(seg.stem)));
  }
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const Xapian::Query pair[] = {words[i], words[i + 1]};
    out.emplace_back(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 3);
  }
  return out;
}

// The seed's text as a query: its own free-text ASCII terms (not its
// non-ASCII ones, CJK bigrams above all: a bigram of one katakana word is a
// piece of another, 科学的エビデンス's "エビ" is in エビリファイ; a Japanese
// abstract is left out with them), its English title's word pairs, and its
// Japanese title and keywords as an officer's search would read them (whole
// words; concept names in English too when the seed has no English text),
// any of them matching.
// The seed's free-text ASCII terms that some other record has, each with
// its query weight (wdf; title words kTitleWeight times more: a topic's
// keywords carry its programme's long name, "Research Project for Rare /
// Intractable Diseases", whose words fit any patent).  Past kSeedTerms, the
// heaviest by weight x idf on exact frequencies, so that one database and
// any shards query the same terms (Xapian 1.4's OP_ELITE_SET would choose
// per database).  Frequencies are asked for at once (TermFreqs).
std::vector<Xapian::Query> SeedTerms(IndexView& view, const Seed& seed) {
  std::set<std::string> title_words;
  const std::string title_prefix(prefix::kTitle);
  for (auto t = seed.doc.termlist_begin(); t != seed.doc.termlist_end(); ++t) {
    if ((*t).compare(0, title_prefix.size(), title_prefix) == 0) title_words.insert((*t).substr(title_prefix.size()));
  }
  std::vector<std::pair<std::string, Xapian::termcount>> mine;  // (term, query weight)
  std::vector<std::string> names;
  for (auto t = seed.doc.termlist_begin(); t != seed.doc.termlist_end(); ++t) {
    const unsigned char c = static_cast<unsigned char>((*t)[0]);
    if (c >= 'A' && c <= 'Z') continue;  // fields and codes, not free text
    if (c >= 0x80 || IsCodeFragment(*t) || IsTitleBoilerplate(*t)) continue;
    mine.emplace_back(*t, t.get_wdf() * (title_words.count(*t) ? kTitleWeight : 1));
    names.push_back(*t);
  }
  const auto freqs = TermFreqs(view.db(), names, view.remote());
  const double records = view.db().get_doccount();
  std::vector<std::tuple<double, std::string, Xapian::termcount>> ranked;  // (-weight, term, wqf)
  for (const auto& [term, wqf] : mine) {
    const auto it = freqs.find(term);
    const double f = it == freqs.end() ? 0 : it->second;
    if (f <= 1) continue;
    ranked.emplace_back(-(wqf * std::log((records + 1) / f)), term, wqf);
  }
  if (ranked.size() > kSeedTerms) {
    std::sort(ranked.begin(), ranked.end());
    ranked.resize(kSeedTerms);
  }
  std::vector<Xapian::Query> terms;
  for (const auto& [weight, term, wqf] : ranked) terms.emplace_back(term, wqf);
  return terms;
}

Xapian::Query SeedTextQuery(IndexView& view, const Analyzer& analyzer, const Seed& seed) {
  std::vector<Xapian::Query> parts;
  const std::vector<Xapian::Query> terms = SeedTerms(view, seed);
  if (!terms.empty()) parts.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
  // A seed known by its title alone (a grant) needs its title's phrases; one
  // with an abstract (a patent) has words enough, and the pairs cost there
  // (hidden assignees, docs/QUALITY.md).
  std::vector<Xapian::Query> pairs;
  if (seed.record.text.en.empty()) pairs = TitlePairs(analyzer, seed.record.title.en);
  if (!pairs.empty()) {
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, pairs.begin(), pairs.end()),
                       kTitlePairWeight);
  }
  // A seed with English text reaches English records by its own terms; the
  // lexicon is for the Japanese-only one (a KAKEN topic), whose title and
  // keywords name concepts with English names.  (ORing the English title's
  // words as well let "based" in a title find olefin-based copolymers.)
  const bool japanese_only = seed.record.title.en.empty() && seed.record.text.en.empty();
  std::string text = seed.record.title.ja;
  for (const auto& k : seed.record.keywords) {
    const bool ascii = std::all_of(k.begin(), k.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
    if (japanese_only || !ascii) text += " " + k;
  }
  if (IsBlankQuery(text)) return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  const QueryExpander expander(view, analyzer);
  TextQueryOptions options;
  options.expander = japanese_only ? &expander : nullptr;
  options.terms = &view.db();
  TextQuery tq = BuildTextQuery(analyzer, text, options);
  if (!tq.units.empty()) parts.emplace_back(Xapian::Query::OP_OR, tq.units.begin(), tq.units.end());
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

// Evidence records (naming a visible company as a party) by weight, the
// best 1.0.  Evidence must name a company the viewer may see: a record whose
// parties are all hidden (or not indexed) is no evidence, and must not take
// a place among the nearest or set the best similarity the others are scaled
// by.  That is checked here, page by page in rank order, not by a
// Xapian::MatchDecider, which a remote shard cannot run (Xapian 1.4).
// The documents of the nearest evidence, kept for the vote that reads them.
using DocCache = std::unordered_map<Xapian::docid, Xapian::Document>;

std::unordered_map<Xapian::docid, double> Nearest(Xapian::Database& db, const Xapian::Query& query,
                                                  const Xapian::Query& evidence, Xapian::docid seed, size_t docs,
                                                  CompanyBook* book, DocCache* cache) {
  std::unordered_map<Xapian::docid, double> out;
  if (query.empty()) return out;
  Xapian::Enquire enquire(db);
  // Restricted to the evidence by AND_NOT (the query leads, the records
  // outside are skipped over), not by OP_FILTER: under OP_FILTER Xapian
  // 1.4.22 sometimes added the title pairs' phrase weight to records that do
  // not hold the phrase ("influenza ... obsidian" weighed as "obsidian
  // influenza"), depending on the records around them, so that hidden
  // records changed visible scores (tests/visibility_diff_test, company
  // matching for disease seeds).
  const Xapian::Query outside(Xapian::Query::OP_AND_NOT, MatchAllQuery(), evidence);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, query, outside));
  const Xapian::doccount want = static_cast<Xapian::doccount>(docs + 1);
  std::vector<std::pair<Xapian::docid, double>> mset;  // what passes, in rank order
  // Pages double, so a run of records naming only hidden companies costs
  // a few matches, not one per page.
  // Each page is a match from the first record (the pages before it are
  // passed over), so that its documents can be fetched together.
  for (Xapian::doccount first = 0, page = std::max<Xapian::doccount>(want, 64); mset.size() < want; page *= 2) {
    Xapian::MSet part = enquire.get_mset(0, first + page);
    FetchAll(part, first);
    std::vector<Xapian::Document> page_docs;
    for (auto it = part[first]; it != part.end(); ++it) page_docs.push_back(it.get_document());
    book->PrefetchParties(page_docs);
    size_t i = 0;
    for (auto it = part[first]; it != part.end() && mset.size() < want; ++it, ++i) {
      if (!book->NamesVisibleCompany(page_docs[i])) continue;
      mset.emplace_back(*it, it.get_weight());
      cache->emplace(*it, page_docs[i]);
    }
    if (part.size() < first + page) break;
    first += page;
  }
  double top = 0;
  for (const auto& [did, weight] : mset) {
    if (did != seed) top = std::max(top, weight);
  }
  for (const auto& [did, weight] : mset) {
    if (did != seed && top > 0) out[did] = weight / top;
  }
  return out;
}

// The filter of evidence records the role may see.
Xapian::Query EvidenceFilter(const Xapian::Database& db, Role role) {
  std::vector<Xapian::Query> evidence;
  if (db.get_termfreq(MakeTerm(prefix::kParty, "company")) != 0) {
    evidence.emplace_back(MakeTerm(prefix::kParty, "company"));
  } else {
    for (const char* t : {"patent", "trial", "drug", "topic"}) evidence.emplace_back(MakeTerm(prefix::kType, t));  // an index older than XB terms
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, evidence.begin(), evidence.end()),
                       VisibleFilter(role));
}

int YearOf(const Xapian::Document& doc) {
  const std::string y = doc.get_value(kSlotYearText);
  return y.size() == 4 ? std::atoi(y.c_str()) : 0;
}

void Share(const Seed& seed, const Xapian::Document& doc, Tally* t) {
  for (const auto& a : SplitValues(doc.get_value(kSlotDiseaseAreas))) {
    if (std::count(seed.areas.begin(), seed.areas.end(), a)) t->areas.insert(a);
  }
  for (const auto& m : SplitValues(doc.get_value(kSlotModalities))) {
    if (std::count(seed.modalities.begin(), seed.modalities.end(), m)) t->modalities.insert(m);
  }
}

// Each evidence record near the seed gives sim^2 (newer ones more) to the
// companies it names.
void Vote(Xapian::Database& db, const Seed& seed, const std::unordered_map<Xapian::docid, double>& sims,
          const DocCache& cache, CompanyBook* book, std::unordered_map<std::string, Tally>* tallies) {
  int newest = 0;
  std::vector<std::pair<Xapian::docid, double>> ranked(sims.begin(), sims.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<Xapian::Document> docs;
  for (const auto& [did, sim] : ranked) {
    auto cached = cache.find(did);
    docs.push_back(cached != cache.end() ? cached->second : db.get_document(did));
    newest = std::max(newest, YearOf(docs.back()));
  }
  const double top = ranked.empty() ? 1.0 : ranked.front().second;
  for (size_t i = 0; i < ranked.size(); ++i) {
    const auto& parties = book->PartiesOf(ranked[i].first, docs[i]);
    if (parties.empty()) continue;
    const int year = YearOf(docs[i]);
    const double recency = year == 0 ? 0.75 : 1.0 - std::min(newest - year, 20) / 40.0;
    ranked[i].second /= top;
    if (ranked[i].second < kMinSimilarity) continue;
    const double w = ranked[i].second * ranked[i].second * recency;
    Hit hit;  // read only when cited
    for (const auto& p : parties) {
      Tally& t = (*tallies)[p.company];
      t.vote += w / (1.0 + static_cast<double>(t.evidence));
      ++t.evidence;
      Share(seed, docs[i], &t);
      if (t.cited.size() >= kCitedShown) continue;
      if (hit.id.empty()) hit = HitFromDoc(docs[i]);
      t.cited.push_back({hit.id, hit.type, p.rel, hit.date, hit.title.ja.empty() ? hit.title.en : hit.title.ja,
                         ranked[i].second});
    }
  }
}

// The seed's classes among each company's evidence: sum over the classes of
// idf(companies filing in it) x ln(1 + the company's records in it).
void ClassProfile(IndexView& view, const Seed& seed, CompanyBook* book,
                  std::unordered_map<std::string, Tally>* tallies) {
  Xapian::Database& db = view.db();
  // Visible records naming a company (XB), or every visible one on an index
  // older than XB terms: PartiesOf tells then.
  const std::string party = MakeTerm(prefix::kParty, "company");
  const Xapian::Query visible = VisibleFilter(view.role());
  const Xapian::Query named = db.get_termfreq(party) == 0
                                  ? visible
                                  : Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(party), visible);
  const double companies = std::max<Xapian::doccount>(1, db.get_termfreq(MakeTerm(prefix::kType, "company")));
  size_t budget = kClassBudget;
  // Rarest classes first: they say the most, and the budget must not go to
  // the broad ones.
  const auto freqs = TermFreqs(db, seed.classes, view.remote());
  std::vector<std::pair<Xapian::doccount, std::string>> classes;
  for (const std::string& term : seed.classes) classes.emplace_back(freqs.at(term), term);
  std::sort(classes.begin(), classes.end());
  for (const auto& [tf, term] : classes) {
    if (tf <= 1 || tf > kClassPostings || tf > budget) continue;
    budget -= tf;
    // The class's visible evidence records (most records in a class name
    // no company), their documents fetched together.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), named));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, tf);
    FetchAll(mset);
    std::vector<Xapian::Document> docs;
    for (auto it = mset.begin(); it != mset.end(); ++it) docs.push_back(it.get_document());
    book->PrefetchParties(docs);
    std::unordered_map<std::string, size_t> n;
    size_t i = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++i) {
      if (*it == seed.did) continue;
      for (const auto& c : book->PartiesOf(*it, docs[i])) ++n[c.company];
    }
    const double m = static_cast<double>(n.size());
    const double idf = std::log(1.0 + (companies - m + 0.5) / (m + 0.5));
    for (const auto& [company, count] : n) {
      Tally& t = (*tallies)[company];
      t.profile += idf * std::log(1.0 + static_cast<double>(count));
      t.classes[term.substr(prefix::kClass.size())] = count;
    }
  }
}

// Companies marketing a drug that the seed (a patent) protects: the FDA
// Orange Book lists the patent for the drug (drug -protected_by-> patent).
// Newest first, then by id: the drugs cited are the same over any layout.
void ProtectedDrugs(const IndexView& view, const Seed& seed, CompanyBook* book,
                    std::unordered_map<std::string, Tally>* tallies) {
  const Role role = view.role();
  const std::string term = MakeTerm(prefix::kLink, "protected_by:" + seed.record.id);
  Xapian::MSet drugs = NewestWithTerm(view, term, view.db().get_doccount());
  for (auto p = drugs.begin(); p != drugs.end(); ++p) {
    const Xapian::Document drug = p.get_document();
    const auto& parties = book->PartiesOf(*p, drug);
    if (parties.empty()) continue;
    if (!MayView(role, drug.get_value(kSlotVisibility))) continue;
    const Hit hit = HitFromDoc(drug);
    for (const auto& party : parties) {
      Tally& t = (*tallies)[party.company];
      t.direct = true;
      if (t.cited.size() < kCitedShown) {
        t.cited.push_back({hit.id, hit.type, "protected_by", hit.date, hit.title.ja.empty() ? hit.title.en : hit.title.ja, 1.0});
      }
    }
  }
}

// Companies the seed itself names (its applicant, a handover licensed_to),
// ... and those the seed's visible outcome records hand it over to.
void DirectLinks(IndexView& view, const Analyzer& analyzer, const Seed& seed, CompanyBook* book,
                 std::unordered_map<std::string, Tally>* tallies) {
  for (const auto& p : book->PartiesOf(seed.did)) {
    Tally& t = (*tallies)[p.company];
    t.direct = true;
    t.direct_rel = p.rel;
  }
  for (const Outcome& o : OutcomesOf(view, analyzer, seed.record.id)) {
    if (o.rel != "licensed_to" || o.target_type != "company") continue;
    const CompanyInfo* c = book->Company(o.target);
    if (c == nullptr) continue;
    Tally& t = (*tallies)[c->canonical];
    t.direct = true;
    t.direct_rel = o.rel;
    if (!o.outcome_id.empty()) {
      t.cited.push_back({o.outcome_id, "outcome", o.rel, o.date, "成果記録 / outcome record " + o.date, 1.0});
    }
  }
  ProtectedDrugs(view, seed, book, tallies);
}

// Companies whose EDINET industry fits the seed's modalities: weak evidence,
// listed only to fill the list when record evidence names too few.
void IndustryFit(const Seed& seed, CompanyBook* book, std::unordered_map<std::string, Tally>* weak) {
  std::set<std::string> industries;
  for (const auto& m : seed.modalities) {
    for (const auto& i : IndustriesFor(m)) industries.insert(i);
  }
  for (const std::string& c : book->InIndustries(industries)) (*weak)[c];
}

std::string CodeList(const std::set<std::string>& areas, const std::set<std::string>& mods, bool ja) {
  std::string out;
  for (const auto& a : areas) out += (out.empty() ? "" : ja ? "・" : ", ") + Label(DiseaseAreas(), a, ja);
  for (const auto& m : mods) out += (out.empty() ? "" : ja ? "・" : ", ") + Label(Modalities(), m, ja);
  return out;
}

// Readable sentences, ja / en, each resting on named records.
std::vector<std::string> Reasons(const Tally& t) {
  std::vector<std::string> out;
  if (t.direct && !t.direct_rel.empty()) {
    const VocabEntry* e = Relations().Find(t.direct_rel);
    out.push_back("このシーズの" + std::string(e ? e->ja : t.direct_rel) + " / " + (e ? e->en : t.direct_rel) +
                  " of this seed");
  }
  for (const auto& c : t.cited) {
    if (c.type == "outcome") {
      out.push_back("成果記録（" + c.date + "）によればこのシーズの導出先 / the seed was handed over to it (outcome record, " +
                    c.date + ")");
      continue;
    }
    const std::string title = "「" + Cut(c.title, 120) + "」";
    if (c.rel == "protected_by") {
      out.push_back("このシーズ（特許）が保護する医薬品" + title + "の販売者 / markets the drug " + title +
                    " that this patent protects (FDA Orange Book)");
      continue;
    }
    const VocabEntry* type = RecordTypes().Find(c.type);
    const VocabEntry* rel = Relations().Find(c.rel);
    const std::string dated = title + (c.date.size() >= 4 ? "（" + c.date.substr(0, 4) + "）" : "");
    out.push_back("類似の" + std::string(type ? type->ja : c.type) + dated + "の" + (rel ? rel->ja : c.rel) + " / " +
                  (rel ? rel->en : c.rel) + " of a similar " + (type ? type->en : c.type) + " " + dated);
  }
  if (t.evidence > t.cited.size()) {
    out.push_back("シーズに近い記録 " + std::to_string(t.evidence) + " 件に名前がある / named by " +
                  std::to_string(t.evidence) + " of the records nearest the seed");
  }
  if (!t.classes.empty()) {
    auto best = std::max_element(t.classes.begin(), t.classes.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    out.push_back("シーズと同じ特許分類 " + best->first + " の記録 " + std::to_string(best->second) + " 件 / " +
                  std::to_string(best->second) + " records in the seed's patent class " + best->first);
  }
  if (!t.areas.empty() || !t.modalities.empty()) {
    out.push_back("共通の疾患領域・モダリティ: " + CodeList(t.areas, t.modalities, true) + " / shares " +
                  CodeList(t.areas, t.modalities, false));
  }
  return out;
}

Result<Seed> ReadSeed(Xapian::Database& db, const MatchRequest& request, Role role) {
  Seed seed;
  seed.did = FindDocid(db, request.seed);
  if (seed.did == 0) return Status::NotFound("no record " + request.seed);
  seed.doc = db.get_document(seed.did);
  if (!MayView(role, seed.doc.get_value(kSlotVisibility))) return Status::NotFound("no record " + request.seed);
  seed.record = DecodeStoredRecord(seed.doc.get_data());
  if (seed.record.id.empty()) return Status::NotFound("no record " + request.seed);
  seed.areas = SplitValues(seed.doc.get_value(kSlotDiseaseAreas));
  seed.modalities = SplitValues(seed.doc.get_value(kSlotModalities));
  const std::string cls(prefix::kClass);
  for (auto t = seed.doc.termlist_begin(); t != seed.doc.termlist_end(); ++t) {
    if ((*t).compare(0, cls.size(), cls) == 0) seed.classes.push_back(*t);
  }
  return seed;
}

MatchCandidate Candidate(const CompanyInfo& c, const Tally& t, double score, const char* strength) {
  MatchCandidate out;
  out.company = c.hit;
  out.score = score;
  out.company.score = score;
  out.names = c.names;
  out.members = c.members;
  out.cited = t.cited;
  for (const auto& r : t.cited) out.evidence.push_back(r.id);
  out.reasons = Reasons(t);
  out.strength = strength;
  return out;
}

// The companies of these tallies the book knows (their ids: canonical).
std::vector<const CompanyInfo*> Known(const std::unordered_map<std::string, Tally>& tallies, CompanyBook* book) {
  std::vector<std::string> ids;
  for (const auto& [id, t] : tallies) ids.push_back(id);
  book->Prefetch(ids);
  std::vector<const CompanyInfo*> out;
  for (const std::string& id : ids) {
    if (const CompanyInfo* c = book->Company(id)) out.push_back(c);
  }
  return out;
}

// Record-evidence candidates by score; weak ones after them, the better
// documented company first.
std::vector<MatchCandidate> Rank(const std::unordered_map<std::string, Tally>& tallies,
                                 const std::unordered_map<std::string, Tally>& weak, CompanyBook* book,
                                 size_t limit) {
  double max_vote = 0, max_profile = 0;
  for (const auto& [id, t] : tallies) {
    max_vote = std::max(max_vote, t.vote);
    max_profile = std::max(max_profile, t.profile);
  }
  book->PrefetchActivity(Known(tallies, book));
  std::vector<MatchCandidate> out;
  std::vector<bool> direct;
  double max_fit = 0;
  for (const auto& [id, t] : tallies) {
    const CompanyInfo* c = book->Company(id);
    if (c == nullptr) continue;
    double fit = (max_vote > 0 ? t.vote / max_vote : 0) + (max_profile > 0 ? kProfileWeight * t.profile / max_profile : 0);
    fit *= 1.0 + kActivityPrior * std::log1p(static_cast<double>(book->Activity(*c)));
    if (fit <= 0 && !t.direct) continue;
    max_fit = std::max(max_fit, fit);
    out.push_back(Candidate(*c, t, fit, "record"));
    direct.push_back(t.direct);
  }
  // A company the seed itself names (its applicant, a handover, the maker of
  // a drug the patent protects) comes before every company only similar
  // records name.
  for (size_t i = 0; i < out.size(); ++i) {
    if (!direct[i]) continue;
    out[i].score += max_fit + kDirectLink;
    out[i].company.score = out[i].score;
  }
  std::sort(out.begin(), out.end(), [](const MatchCandidate& a, const MatchCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.cited.size() != b.cited.size() ? a.cited.size() > b.cited.size() : a.company.id < b.company.id;
  });
  if (out.size() >= limit) {
    out.resize(limit);
    return out;
  }
  std::vector<std::pair<Xapian::doccount, MatchCandidate>> filler;
  book->PrefetchActivity(Known(weak, book));
  for (const auto& [id, t] : weak) {
    const CompanyInfo* c = book->Company(id);
    if (c == nullptr || tallies.count(id)) continue;
    Tally industry;
    MatchCandidate m = Candidate(*c, industry, 0, "weak");
    m.reasons = {"業種がシーズのモダリティに合うのみ（弱い根拠） / only its industry fits the seed's modality (weak evidence)"};
    filler.emplace_back(book->Activity(*c), std::move(m));
  }
  std::sort(filler.begin(), filler.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second.company.id < b.second.company.id;
  });
  for (auto& [n, m] : filler) {
    if (out.size() >= limit) break;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Result<std::vector<MatchCandidate>> MatchCompanies(IndexView& view, const Analyzer& analyzer,
                                                   const MatchRequest& request) {
  CompanyBook book(view);
  return MatchCompanies(view, analyzer, request, &book);
}

Result<std::vector<MatchCandidate>> MatchCompanies(IndexView& view, const Analyzer& analyzer,
                                                   const MatchRequest& request, CompanyBook* shared) {
  if (request.limit < 1 || request.limit > kMaxRankedDepth) {
    return Status::InvalidArgument("limit: must be 1.." + std::to_string(kMaxRankedDepth));
  }
  Xapian::Database& db = view.db();
  const Role role = view.role();
  try {
    Result<Seed> seed = ReadSeed(db, request, role);
    if (!seed.ok()) return seed.status();
    const Seed& s = seed.value();
    CompanyBook& book = *shared;
    std::unordered_map<std::string, Tally> tallies, weak;
    DirectLinks(view, analyzer, s, &book, &tallies);
    const Xapian::Query evidence = EvidenceFilter(db, role);
    const size_t docs = std::min(request.evidence_docs, kEvidenceDocs);
    DocCache cache;
    auto sims = Nearest(db, SeedTextQuery(view, analyzer, s), evidence, s.did, docs, &book, &cache);
    if (!s.classes.empty()) {
      const Xapian::Query classes(Xapian::Query::OP_OR, s.classes.begin(), s.classes.end());
      for (const auto& [did, w] : Nearest(db, classes, evidence, s.did, docs, &book, &cache)) {
        sims[did] += kClassSimilarity * w;
      }
    }
    Vote(db, s, sims, cache, &book, &tallies);
    ClassProfile(view, s, &book, &tallies);
    if (tallies.size() < request.limit) IndustryFit(s, &book, &weak);
    return Rank(tallies, weak, &book, request.limit);
  } catch (const Xapian::Error& e) {
    return ReadError(e, "match");
  }
}

namespace {

// What a company already holds (its patents, drugs, trials, the topics
// handed over to it): the records linked to any member of its same_as group
// (the 法人番号, ROR and name records of one company hold different sources'
// links), each once, handed-over topics and patents before drugs, at most
// kHeldSeeds.  kNotFound when the company is unknown or hidden.
constexpr size_t kHeldSeeds = 40;
struct Held {
  std::vector<std::pair<std::string, std::string>> asked;  // (record id, rel), the records seeds are sought for
  std::set<std::string> all;                               // every held id: not a seed to offer
};
Result<Held> HeldRecords(IndexView& view, const std::string& company) {
  NeighbourOptions opts;
  opts.titles = false;
  auto own = Neighbours(view, company, opts);
  if (!own.ok()) return own.status();
  CompanyBook book(view);
  const CompanyInfo* group = book.Company(company);
  const std::vector<std::string> members = group ? group->members : std::vector<std::string>{company};
  auto rank = [](const std::string& rel) { return rel == "licensed_to" ? 0 : rel == "applicant" ? 1 : rel == "marketed_by" ? 3 : 2; };
  std::vector<std::tuple<int, size_t, std::string, std::string>> found;  // (rank, order, id, rel)
  std::set<std::string> seen;
  auto add = [&](const std::string& id, const std::string& rel) {
    if (seen.insert(id).second) found.emplace_back(rank(rel), found.size(), id, rel);
  };
  auto add_links = [&](const std::vector<Neighbour>& linked) {
    for (const Neighbour& n : linked) {
      const std::string& t = n.node.type;
      if (!t.empty() && t != "company" && t != "organization" && t != "outcome") add(n.node.id, n.edge.rel);
    }
  };
  add_links(own.value());
  for (const std::string& member : members) {
    if (member != company) {
      auto linked = Neighbours(view, member, opts);
      if (linked.ok()) add_links(linked.value());
    }
    for (const std::string& topic : TopicsHandedOverTo(view, member)) add(topic, "licensed_to");
  }
  std::sort(found.begin(), found.end());
  Held held;
  held.all = std::move(seen);
  for (const auto& [r, order, id, rel] : found) {
    if (held.asked.size() >= kHeldSeeds) break;
    held.asked.emplace_back(id, rel);
  }
  return held;
}

}  // namespace

Result<std::vector<RelatedHit>> SeedsForCompany(IndexView& view, const Analyzer& analyzer,
                                                const MatchRequest& request) {
  if (request.limit < 1 || request.limit > kMaxRankedDepth) {
    return Status::InvalidArgument("limit: must be 1.." + std::to_string(kMaxRankedDepth));
  }
  auto found = HeldRecords(view, request.seed);
  if (!found.ok()) return found.status();
  const std::vector<std::pair<std::string, std::string>>& held = found.value().asked;
  // Seeds similar to what it holds.
  std::map<std::string, RelatedHit> best;
  for (const auto& [held_id, held_rel] : held) {
    RelatedRequest rel;
    rel.id = held_id;
    rel.types = {"topic", "paper", "patent"};
    rel.limit = 20;
    auto similar = Related(view, analyzer, rel);
    if (!similar.ok()) continue;
    for (RelatedHit& h : similar.value()) {
      if (found.value().all.count(h.hit.id)) continue;  // the company holds it already
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
  // The held record each path starts from, by title (the UI shows titles).
  std::vector<std::string> from;
  for (const RelatedHit& h : out) from.push_back(h.reasons.paths.front()[2]);
  const std::unordered_map<std::string, StoredDoc> docs = ReadByIds(view.db(), from);
  for (RelatedHit& h : out) {
    auto it = docs.find(h.reasons.paths.front()[2]);
    if (it != docs.end()) h.reasons.labels[it->first] = {it->second.record.type, it->second.record.title};
  }
  return out;
}

}  // namespace seedgraph
