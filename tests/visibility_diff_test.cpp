// The visibility differential test (issue 13): hidden records must not shape
// any answer.  A generated corpus of public, internal and restricted records
// that link to each other is served twice: once whole, and once holding
// only what the caller may see (hidden records and every link to them
// removed, as if they had never existed).  The same few hundred requests of
// every kind (search with filters, facets, typos and one-character CJK,
// records, graph, related, match, crosslinks, indicators, pairing) must get
// byte-identical bodies from both, for the anonymous caller and the officer.
//
// The generator is deterministic (fixed seed): a failure names the request
// and both bodies, and reproduces.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "tests/http_util.h"

namespace seedgraph {
namespace {

constexpr unsigned kSeed = 20261201;
constexpr int kRecords = 900;

const char* const kEnglish[] = {"antisense", "oligonucleotide", "kinase",   "inhibitor", "antibody", "lymphoma",
                                "dementia",  "amyloid",         "gene",     "therapy",   "vector",   "retina",
                                "stem",      "cell",            "organoid", "vaccine",   "influenza", "hepatitis",
                                "fibrosis",  "cardiac",         "muscle",   "atrophy",   "peptide",  "delivery",
                                "biomarker", "screening",       "frobnicate", "zirconia", "obsidian", "quasar"};
const char* const kJapanese[] = {"がん",   "肺",     "遺伝子", "治療",   "核酸",   "抗体",   "認知症", "再生",
                                 "細胞",   "鵺",     "網膜",   "心筋",   "線維症", "ワクチン", "肝炎", "筋萎縮",
                                 "診断",   "創薬",   "免疫",   "ゲノム"};
const char* const kAreas[] = {"cancer", "intractable", "infectious", "geriatric_dementia", "lifestyle"};
const char* const kMods[] = {"small_molecule", "biologic", "nucleic_acid", "gene_therapy", "cell_therapy", "vaccine"};
const char* const kProjects[] = {"pharma", "device", "regen_gene", "seeds_basic", "translational"};
const char* const kStages[] = {"basic", "applied", "clinical"};
const char* const kLevels[] = {"public", "public", "public", "public", "internal", "internal", "restricted"};

struct Gen {
  std::mt19937 rng{kSeed};
  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); }
  template <typename T, size_t N>
  const char* Of(T (&a)[N]) { return a[Pick(N)]; }
  std::string Words(size_t n, bool ja) {
    std::string s;
    for (size_t i = 0; i < n; ++i) {
      if (ja) {
        s += Of(kJapanese);
      } else {
        if (!s.empty()) s += ' ';
        s += Of(kEnglish);
      }
    }
    return s;
  }
};

struct Rec {
  std::string id, type, visibility, body;                 // body: the JSON fields but links
  std::vector<std::pair<std::string, std::string>> links;  // rel, target
};

std::string Id(const std::string& type, int i) {
  if (type == "company") return "company:corp:" + std::to_string(9000000000000 + i);
  if (type == "disease") return "disease:nando:" + std::to_string(8000000 + i);
  if (type == "topic") return "topic:amed:JP" + std::to_string(20000 + i);
  if (type == "patent") return "patent:JP" + std::to_string(2020000000 + i);
  if (type == "trial") return "trial:NCT" + std::to_string(70000000 + i);
  return "paper:pmid:" + std::to_string(60000000 + i);
}

std::vector<Rec> Generate() {
  Gen g;
  const char* const types[] = {"topic", "topic", "topic", "paper", "paper", "patent", "trial", "company", "disease"};
  std::vector<Rec> out;
  for (int i = 0; i < kRecords; ++i) {
    Rec r;
    r.type = types[g.Pick(std::size(types))];
    r.id = Id(r.type, i);
    r.visibility = g.Of(kLevels);
    std::ostringstream b;
    b << R"("id":")" << r.id << R"(","type":")" << r.type << R"(","visibility":")" << r.visibility << '"';
    if (r.type == "company") {
      b << R"(,"title":{"ja":")" << g.Words(2, true) << R"(株式会社","en":")" << g.Words(1, false)
        << R"( Pharma Co., Ltd."},"keywords":["医薬品"],"attrs":{"industry":"医薬品"})";
    } else if (r.type == "disease") {
      b << R"(,"title":{"ja":")" << g.Words(2, true) << R"(症","en":")" << g.Words(2, false)
        << R"( syndrome"},"keywords":[")" << g.Words(1, false) << R"(ome"],"disease_areas":[")" << g.Of(kAreas)
        << R"("],"attrs":{"synonyms_en":[")" << g.Words(2, false) << R"( disease"]})";
    } else {
      b << R"(,"title":{"ja":")" << g.Words(3 + g.Pick(3), true) << R"(","en":")" << g.Words(3 + g.Pick(4), false)
        << R"("},"text":{"en":")" << g.Words(8 + g.Pick(10), false) << R"("})";
      b << R"(,"date":")" << 2015 + g.Pick(9) << "-0" << 1 + g.Pick(9) << R"(-01","disease_areas":[")" << g.Of(kAreas)
        << R"("],"modalities":[")" << g.Of(kMods) << R"("])";
      if (r.type == "topic") b << R"(,"project":")" << g.Of(kProjects) << R"(","stage":")" << g.Of(kStages) << '"';
    }
    r.body = b.str();
    out.push_back(std::move(r));
  }
  // Links to earlier records of any visibility, and to people nobody indexed.
  auto earlier = [&](int i, const char* type) -> std::string {
    for (int tries = 0; tries < 40 && i > 0; ++tries) {
      const Rec& t = out[g.Pick(static_cast<size_t>(i))];
      if (t.type == type) return t.id;
    }
    return "";
  };
  for (int i = 0; i < kRecords; ++i) {
    Rec& r = out[i];
    std::vector<std::pair<const char*, const char*>> rels;
    if (r.type == "topic") rels = {{"studies", "disease"}, {"licensed_to", "company"}, {"continued_as", "topic"}, {"registered_as", "trial"}};
    if (r.type == "paper") rels = {{"funded_by", "topic"}, {"studies", "disease"}};
    if (r.type == "patent") rels = {{"applicant", "company"}, {"funded_by", "topic"}};
    if (r.type == "trial") rels = {{"studies", "disease"}, {"applicant", "company"}};
    for (const auto& [rel, type] : rels) {
      if (g.Pick(3) == 0) continue;
      const std::string to = earlier(i, type);
      if (!to.empty()) r.links.emplace_back(rel, to);
    }
    if (r.type == "topic" || r.type == "paper") r.links.emplace_back("investigator", "person:name:p" + std::to_string(g.Pick(60)));
  }
  return out;
}

// JSON Lines of the records of at most `max_rank` visibility, without links
// to records above it (in the whole index those are hidden, which must look
// exactly like never having existed).
std::string Corpus(const std::vector<Rec>& recs, int max_rank) {
  auto rank = [](const std::string& v) { return v == "public" ? 0 : v == "internal" ? 1 : 2; };
  std::map<std::string, int> rank_of;
  for (const Rec& r : recs) rank_of[r.id] = rank(r.visibility);
  std::string out;
  for (const Rec& r : recs) {
    if (rank(r.visibility) > max_rank) continue;
    out += "{" + r.body + R"(,"links":[)";
    bool first = true;
    for (const auto& [rel, to] : r.links) {
      auto it = rank_of.find(to);
      if (it != rank_of.end() && it->second > max_rank) continue;
      out += std::string(first ? "" : ",") + R"({"rel":")" + rel + R"(","to":")" + to + R"("})";
      first = false;
    }
    out += "]}\n";
  }
  return out;
}

// The requests: every endpoint, with ids of every visibility.
std::vector<std::string> Requests(const std::vector<Rec>& recs) {
  std::mt19937 rng(kSeed + 1);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  std::vector<std::string> out;
  for (const char* w : kEnglish) out.push_back(std::string("/api/search?q=") + w);
  for (const char* w : kJapanese) out.push_back(std::string("/api/search?q=") + w);
  for (const char* q : {"frobnicataoz", "zirconai", "obsidain", "antisence", "lymphona", "鵺", "が", "肺がん", "細", "遺伝子治療",
                        "gene%20therapy", "kinase%20inhibitor%20quasar", "%22stem%20cell%22", "retina%20obsidian%20xyzzy"}) {
    out.push_back(std::string("/api/search?q=") + q);
  }
  for (const char* a : kAreas) out.push_back(std::string("/api/search?disease_area=") + a + "&sort=-date&per_page=50");
  for (const char* p : kProjects) out.push_back(std::string("/api/search?type=topic&project=") + p + "&year_from=2018");
  for (const char* a : kAreas) out.push_back(std::string("/api/crosslinks?q=&disease_area=") + a);
  out.push_back("/api/crosslinks?rows=modality&cols=year");
  for (const char* by : {"project", "disease_area", "year"}) out.push_back(std::string("/api/indicators?by=") + by);
  out.push_back("/api/pairing?months=60&limit=20");
  out.push_back("/api/pairing?months=24&today=2020-01-01&disease_area=cancer");
  out.push_back("/api/health");
  for (int i = 0; i < 60; ++i) {
    const Rec& r = recs[pick(recs.size())];
    out.push_back("/api/records/" + r.id);
    out.push_back("/api/records/" + r.id + "/graph?depth=2");
    if (r.type != "company") {
      out.push_back("/api/records/" + r.id + "/related");
      out.push_back("/api/match?seed=" + r.id);
    } else {
      out.push_back("/api/match?company=" + r.id);
      out.push_back("/api/records/" + r.id + "/profile");
    }
  }
  return out;
}

const char kTokens[] = "officer-token officer\nadmin-token admin\n";

TEST(VisibilityDifferential, HiddenRecordsShapeNoAnswer) {
  const std::vector<Rec> recs = Generate();
  const std::vector<std::string> requests = Requests(recs);
  if (const char* keep = std::getenv("VIS_DIFF_CORPUS")) {  // to look at by hand
    for (int rank = 0; rank <= 2; ++rank) std::ofstream(std::string(keep) + std::to_string(rank) + ".jsonl") << Corpus(recs, rank);
  }
  ServerHarness whole;
  ASSERT_NO_FATAL_FAILURE(whole.Start("vis_whole", Corpus(recs, 2), kTokens));
  size_t compared = 0;
  for (const auto& [rank, token] : {std::pair{0, std::string()}, std::pair{1, std::string("officer-token")}}) {
    ServerHarness visible;
    ASSERT_NO_FATAL_FAILURE(visible.Start(rank == 0 ? "vis_public" : "vis_officer", Corpus(recs, rank), kTokens));
    size_t differ = 0;
    for (const std::string& target : requests) {
      const Answer a = whole.Get(target, token), b = visible.Get(target, token);
      ++compared;
      if (a.status == b.status && a.body == b.body) continue;
      if (differ == 0 && std::getenv("VIS_DIFF_DUMP") != nullptr) {  // the first pair only
        std::ofstream(std::string(std::getenv("VIS_DIFF_DUMP")) + ".a") << a.body;
        std::ofstream(std::string(std::getenv("VIS_DIFF_DUMP")) + ".b") << b.body;
      }
      if (++differ <= 5) {
        size_t at = 0;
        while (at < a.body.size() && at < b.body.size() && a.body[at] == b.body[at]) ++at;
        const size_t from = at < 300 ? 0 : at - 300;
        ADD_FAILURE() << (rank == 0 ? "anonymous " : "officer ") << target << " (first difference at byte " << at
                      << ")\n whole index: " << a.status << " ..." << a.body.substr(from, 700)
                      << "\n visible only: " << b.status << " ..." << b.body.substr(from, 700);
      }
    }
    EXPECT_EQ(differ, 0u) << (rank == 0 ? "anonymous" : "officer") << ": of " << requests.size() << " requests";
    // The whole index does hold hidden records: the admin sees more.
    EXPECT_NE(whole.Get("/api/health", "admin-token").body, whole.Get("/api/health", token).body);
  }
  EXPECT_GE(compared, 2 * 300u);
}

}  // namespace
}  // namespace seedgraph
