// End to end over the real index: ingest the fixture corpus (real NANDO and
// KAKEN records plus a few marked test records) into a temp dir, then search.
#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "tests/view_util.h"

#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "indexer/ingest.h"
#include "indexer/resolve.h"
#include "query/crosslinks.h"
#include "query/dimensions.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/index_dir.h"
#include "schema/index_layout.h"

namespace seedgraph {
namespace {

const std::string kCorpus = std::string(SEEDGRAPH_TEST_DATA_DIR) + "/search_corpus.jsonl";

// Search, with a failure reported (and an empty result) on error.
SearchResult MustSearch(IndexView& db, const Analyzer& analyzer, const SearchRequest& req) {
  auto r = Search(db, analyzer, req);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : SearchResult();
}

// The ids of a page of hits, in rank order.
std::vector<std::string> Ids(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_path_ = new std::string(TestPath("search_test"));
    std::filesystem::remove_all(*db_path_);
    std::ostringstream errors;
    IngestOptions options;
    options.import.files = {kCorpus};
    options.index.db_path = *db_path_;
    options.errors = &errors;
    auto stats = Ingest(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    ASSERT_EQ(stats->rejected, 0u) << errors.str();
    ASSERT_GE(stats->indexed, 15u);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*db_path_);
    delete db_path_;
  }

  void SetUp() override {
    for (Role role : {Role::kPublic, Role::kOfficer, Role::kAdmin}) views_[static_cast<size_t>(role)].emplace(MustView(*db_path_, role));
  }

  SearchResult Run(const std::string& q, Role role = Role::kAdmin) {
    SearchRequest req;
    req.q = q;
    return MustSearch(V(role), analyzer_, req);
  }


  static std::string* db_path_;
  // The view each role has of the index.
  IndexView& V(Role role) { return *views_[static_cast<size_t>(role)]; }
  std::optional<IndexView> views_[3];
  Analyzer analyzer_;
};

std::string* SearchTest::db_path_ = nullptr;

// Each row: a query an officer types, and the record that must come first.
struct FirstHitRow {
  const char* query;
  const char* first;
};

TEST_F(SearchTest, FindsTheRightRecordFirst) {
  const FirstHitRow rows[] = {
      {"球脊髄性筋萎縮症", "disease:nando:1200001"},
      {"ＩｇＡ腎症", "disease:nando:1200366"},        // full-width query, mixed-width title
      {"iga nephropathy", "disease:nando:1200366"},
      {"Spinal and bulbar muscular atrophy", "disease:nando:1200001"},
      {"amyotrophic lateral sclerosis", "disease:nando:1200002"},
      {"ﾊﾟｰｷﾝｿﾝ病", "disease:nando:1200010"},         // half-width katakana
      {"Kennedy disease", "disease:nando:1200001"},     // an altLabel
      {"きゅうせきずいせいきんいしゅくしょう", "disease:nando:1200001"},  // hiragana reading
      {"19K23913", "topic:kaken:19K23913"},             // a grant number
  };
  for (const auto& row : rows) {
    SearchResult r = Run(row.query);
    ASSERT_FALSE(r.hits.empty()) << row.query;
    EXPECT_EQ(r.hits.front().id, row.first) << row.query;
  }
}

TEST_F(SearchTest, SameNameInTwoVocabulariesComesFirstTogether) {
  // 重症筋無力症 is both a 指定難病 and a 小児慢性特定疾病 class in NANDO.
  SearchResult r = Run("myasthenia gravis");
  ASSERT_GE(r.hits.size(), 2u);
  std::vector<std::string> top = {r.hits[0].id, r.hits[1].id};
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, (std::vector<std::string>{"disease:nando:1200020", "disease:nando:2200906"}));
}

TEST_F(SearchTest, PartOfACompoundFindsTheWhole) {
  auto ids = Ids(Run("筋萎縮"));
  for (const char* id : {"disease:nando:1200001", "disease:nando:1200002", "disease:nando:1200003"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  // 萎縮 alone is also inside all three; 筋萎縮 must not match a record
  // that has the characters but not together.
  for (const auto& h : Run("筋萎縮").hits) {
    EXPECT_NE(h.snippet.find("<mark>"), std::string::npos) << h.id << ": " << h.snippet;
  }
}

TEST_F(SearchTest, SingleCjkCharacterMatchesAnywhereInARun) {
  // 病 ends the run in パーキンソン病: found through the run-final term.
  auto ids = Ids(Run("病"));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "disease:nando:1200010"), ids.end());
}

TEST_F(SearchTest, EnglishIsStemmed) {
  auto ids = Ids(Run("atrophies"));
  EXPECT_NE(std::find(ids.begin(), ids.end(), "disease:nando:1200001"), ids.end());
}

TEST_F(SearchTest, AllWordsMustMatch) {
  SearchResult full = Run("iPS 細胞");
  EXPECT_GE(full.total, 3u);
  EXPECT_FALSE(full.partial);
  for (const Hit& h : full.hits) EXPECT_TRUE(h.missing.empty()) << h.id;
}

// Many words no record has together: no partial fallback (it would cost a
// search per word), just no hits.
TEST_F(SearchTest, LongQueriesGetNoPartialFallback) {
  SearchResult r = Run("筋萎縮 iPS a1 b2 c3 d4 e5 f6 g7");
  EXPECT_FALSE(r.partial);
  EXPECT_EQ(r.total, 0u);
}

// No record has both words: no dead end, the records with one of them,
// marked partial, each naming the word it lacks.
TEST_F(SearchTest, NoRecordHasEveryWordGivesMarkedPartialMatches) {
  SearchResult r = Run("筋萎縮 iPS");
  ASSERT_TRUE(r.partial);
  ASSERT_FALSE(r.hits.empty());
  for (const Hit& h : r.hits) {
    ASSERT_EQ(h.missing.size(), 1u) << h.id;
    EXPECT_TRUE(h.missing[0] == "筋萎縮" || h.missing[0] == "ips") << h.missing[0];
  }
}

TEST_F(SearchTest, SnippetIsHighlightedAndEscaped) {
  SearchResult r = Run("IgA");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_NE(r.hits.front().snippet.find("<mark>IgA</mark>"), std::string::npos) << r.hits.front().snippet;
}

TEST_F(SearchTest, VisibilityHidesRecordsFromTotalsAndFacets) {
  const std::string q = "筋萎縮性側索硬化症";
  SearchResult pub = Run(q, Role::kPublic), off = Run(q, Role::kOfficer), adm = Run(q, Role::kAdmin);
  EXPECT_EQ(off.total, pub.total + 1);
  EXPECT_EQ(adm.total, pub.total + 2);
  auto ids = Ids(pub);
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "topic:test:internal-als"), ids.end());
  auto count = [](const SearchResult& r, const char* facet, const char* value) -> size_t {
    for (const auto& [v, n] : r.facets.at(facet)) {
      if (v == value) return n;
    }
    return 0;
  };
  EXPECT_EQ(count(pub, "project", "regen_gene"), 0u);
  EXPECT_EQ(count(off, "project", "regen_gene"), 1u);
  EXPECT_EQ(count(adm, "modality", "gene_therapy"), 1u);
}

TEST_F(SearchTest, FiltersAndFacets) {
  SearchRequest req;
  req.filters["type"] = {"topic"};
  req.filters["disease_area"] = {"intractable", "cancer"};
  auto r = Search(V(Role::kAdmin), analyzer_, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 3u);  // the three test topics; KAKEN topics have no disease area
  size_t intractable = 0;
  for (const auto& [v, n] : r->facets.at("disease_area")) if (v == "intractable") intractable = n;
  EXPECT_EQ(intractable, 3u);
  req.filters.clear();
  req.year_from = 2021;
  req.year_to = 2022;
  r = Search(V(Role::kAdmin), analyzer_, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 2u);
}

TEST_F(SearchTest, BoundedCountingStaysConsistent) {
  SearchRequest exact;
  exact.q = "筋萎縮";
  exact.exact_count_limit = 0;  // always exact
  auto full = Search(V(Role::kAdmin), analyzer_, exact);
  ASSERT_TRUE(full.ok());
  EXPECT_TRUE(full->total_exact);
  SearchRequest bounded = exact;
  bounded.exact_count_limit = 1;
  bounded.per_page = 1;
  auto est = Search(V(Role::kAdmin), analyzer_, bounded);
  ASSERT_TRUE(est.ok());
  ASSERT_EQ(est->hits.size(), 1u);
  EXPECT_EQ(est->hits.front().id, full->hits.front().id) << "the best hit does not depend on counting";
  if (est->total_exact) {
    EXPECT_EQ(est->total, full->total);
  }
  // Facets over the checked matches never exceed the exact counts.
  std::map<std::string, size_t> exact_types(full->facets.at("type").begin(), full->facets.at("type").end());
  for (const auto& [type, n] : est->facets.at("type")) EXPECT_LE(n, exact_types[type]) << type;
}

TEST_F(SearchTest, SortByDate) {
  SearchRequest req;
  req.filters["type"] = {"topic"};
  req.sort = "-date";
  auto r = Search(V(Role::kAdmin), analyzer_, req);
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->hits.size(), 2u);
  EXPECT_EQ(r->hits.front().id, "topic:test:restricted-als");
  for (size_t i = 1; i < r->hits.size(); ++i) EXPECT_GE(r->hits[i - 1].date, r->hits[i].date);
}

// Undated records come last both ways (issue 15: oldest first used to
// list them first); dated ones in date order.
TEST_F(SearchTest, UndatedRecordsComeLastInBothOrders) {
  SearchRequest all;
  all.per_page = 100;
  const SearchResult every = MustSearch(V(Role::kAdmin), analyzer_, all);
  size_t undated = 0;
  for (const Hit& h : every.hits) undated += h.date.empty() ? 1 : 0;
  ASSERT_GT(undated, 0u) << "the corpus has undated records";
  ASSERT_LT(undated, every.hits.size()) << "and dated ones";
  for (const char* sort : {"date", "-date"}) {
    SearchRequest req = all;
    req.sort = sort;
    const SearchResult r = MustSearch(V(Role::kAdmin), analyzer_, req);
    ASSERT_EQ(r.hits.size(), every.hits.size()) << sort;
    const size_t dated = r.hits.size() - undated;
    for (size_t i = 0; i < r.hits.size(); ++i) EXPECT_EQ(r.hits[i].date.empty(), i >= dated) << sort << " at " << i;
    for (size_t i = 1; i < dated; ++i) {
      if (req.sort == "date") EXPECT_LE(r.hits[i - 1].date, r.hits[i].date) << i;
      else EXPECT_GE(r.hits[i - 1].date, r.hits[i].date) << i;
    }
  }
}

TEST_F(SearchTest, RejectsBadRequests) {
  SearchRequest req;
  req.per_page = 101;
  EXPECT_EQ(Search(V(Role::kPublic), analyzer_, req).status().code(), Status::Code::kInvalidArgument);
  req = SearchRequest();
  req.filters["disease_area"] = {"heart"};
  EXPECT_NE(Search(V(Role::kPublic), analyzer_, req).status().message().find("heart"), std::string::npos);
  req = SearchRequest();
  req.sort = "random";
  EXPECT_FALSE(Search(V(Role::kPublic), analyzer_, req).ok());
}

TEST_F(SearchTest, HostileQueriesNeverThrow) {
  const std::string inputs[] = {"\"unbalanced", "((((", "AND OR NOT", "*", "ﾊﾟｰｷﾝｿﾝ\"病(", "title:", "a" + std::string(5000, 'b'),
                                "脊髄" + std::string(300, ' ') + "ALS", "\xff\xfe", "ｱﾙﾂﾊｲﾏｰ型認知症 NEAR/3 iPS*", "!!!"};
  for (const auto& q : inputs) {
    SearchRequest req;
    req.q = q;
    auto r = Search(V(Role::kPublic), analyzer_, req);
    EXPECT_TRUE(r.ok()) << q.substr(0, 40) << ": " << r.status().message();
  }
  EXPECT_EQ(Run("!!!").total, 0u);
  EXPECT_EQ(Run("").total, V(Role::kAdmin).db().get_doccount());
}

TEST_F(SearchTest, LinksResolveBothWaysIncludingLateTargets) {
  auto view = GetRecord(V(Role::kPublic), "disease:nando:1200001");
  ASSERT_TRUE(view.ok());
  bool incoming = false;
  for (const auto& l : view->incoming) incoming |= l.id == "topic:test:sbma-antisense" && l.rel == "studies";
  EXPECT_TRUE(incoming);
  auto topic = GetRecord(V(Role::kPublic), "topic:test:sbma-antisense");
  ASSERT_TRUE(topic.ok());
  bool dangling = false;
  for (const auto& l : topic->outgoing) dangling |= l.id == "topic:test:not-yet-ingested" && l.type.empty();
  EXPECT_TRUE(dangling) << "a link to a record not yet ingested is kept";
}

TEST_F(SearchTest, HiddenRecordsAreNotFoundAndNotLinked) {
  EXPECT_EQ(GetRecord(V(Role::kPublic), "topic:test:internal-als").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(GetRecord(V(Role::kPublic), "topic:nope").status().message(),
            std::string("no record topic:nope"));
  EXPECT_TRUE(GetRecord(V(Role::kOfficer), "topic:test:internal-als").ok());
  auto als = GetRecord(V(Role::kOfficer), "disease:nando:1200002");
  ASSERT_TRUE(als.ok());
  for (const auto& l : als->incoming) EXPECT_NE(l.id, "topic:test:restricted-als");
}

}  // namespace
}  // namespace seedgraph

namespace seedgraph {
namespace {

Result<IngestStats> IngestText(const std::string& db, const std::string& dir, const std::string& jsonl) {
  const std::string file = dir + "/in.jsonl";
  std::ofstream(file) << jsonl;
  std::ostringstream errors;
  IngestOptions options;
  options.import.files = {file};
  options.index.db_path = db;
  options.errors = &errors;
  return Ingest(options);
}

// Facets are counted from the packed kSlotFacets combinations (Xapian's
// ValueCountMatchSpy, which remote shards can run): split again, they must
// give the counts of the individual slots, every code of a multi-valued
// field once per record.
TEST(Facets, PackedCombinationsCountAsTheIndividualSlots) {
  const std::string dir = TestPath("facets_packed");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  IngestOptions options;
  options.import.files = {kCorpus};
  options.index.db_path = dir + "/db";
  std::ostringstream errors;
  options.errors = &errors;
  ASSERT_TRUE(Ingest(options).ok());
  Analyzer analyzer;
  IndexView view = MustView(dir + "/db", Role::kAdmin);
  auto r = Search(view, analyzer, SearchRequest());
  ASSERT_TRUE(r.ok());
  std::map<std::string, std::map<std::string, size_t>> expected;
  Xapian::Database& db = view.db();
  for (Xapian::PostingIterator p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const Xapian::Document doc = db.get_document(*p);
    for (const Dimension& d : Dimensions()) {
      for (const std::string& code : SplitValues(doc.get_value(d.slot))) {
        if (!code.empty()) ++expected[d.name][code];
      }
    }
  }
  ASSERT_GT(expected["disease_area"].size(), 2u);
  for (const Dimension& d : Dimensions()) {
    const auto& got = r->facets.at(d.name);
    const std::map<std::string, size_t> counted(got.begin(), got.end());
    EXPECT_EQ(counted, expected[d.name]) << d.name;
  }
  std::filesystem::remove_all(dir);
}

TEST(Links, ALinkToALaterRecordResolvesWhenItArrives) {
  const std::string dir = TestPath("late_link");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/db";
  ASSERT_TRUE(IngestText(db, dir,
                         R"({"id":"paper:pmid:1","type":"paper","title":{"en":"A paper"},)"
                         R"("links":[{"rel":"funded_by","to":"topic:amed:JP16ek0109114"}]})"
                         "\n")
                  .ok());
  {
    IndexView x = MustView(db, Role::kPublic);
    auto paper = GetRecord(x, "paper:pmid:1");
    ASSERT_TRUE(paper.ok());
    ASSERT_EQ(paper->outgoing.size(), 1u);
    EXPECT_TRUE(paper->outgoing[0].type.empty()) << "target not indexed yet";
  }
  ASSERT_TRUE(IngestText(db, dir, R"({"id":"topic:amed:JP16ek0109114","type":"topic","title":{"ja":"課題"}})" "\n").ok());
  IndexView x = MustView(db, Role::kPublic);
  auto topic = GetRecord(x, "topic:amed:JP16ek0109114");
  ASSERT_TRUE(topic.ok());
  ASSERT_EQ(topic->incoming.size(), 1u);
  EXPECT_EQ(topic->incoming[0].id, "paper:pmid:1");
  EXPECT_EQ(topic->incoming[0].rel, "funded_by");
  auto paper = GetRecord(x, "paper:pmid:1");
  ASSERT_TRUE(paper.ok());
  EXPECT_EQ(paper->outgoing[0].type, "topic");
  EXPECT_EQ(paper->outgoing[0].title, "課題");
  // Replacing the paper without the link removes the incoming link.
  ASSERT_TRUE(IngestText(db, dir, R"({"id":"paper:pmid:1","type":"paper","title":{"en":"A paper"}})" "\n").ok());
  ASSERT_TRUE(x.Reopen().ok());
  EXPECT_TRUE(GetRecord(x, "topic:amed:JP16ek0109114")->incoming.empty());
  EXPECT_EQ(x.db().get_doccount(), 2u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace seedgraph

namespace seedgraph {
namespace {

// The synonym and spelling tables cover every record: a hidden disease's
// names must neither expand a public query nor be suggested to it.
TEST(Expansion, HiddenConceptsNeitherExpandNorSuggest) {
  const std::string dir = TestPath("hidden_concept");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/db";
  ASSERT_TRUE(IngestText(db, dir,
                         R"({"id":"disease:test:secret","type":"disease","title":{"ja":"秘密病","en":"Cryptic storm syndrome"},)"
                         R"("visibility":"restricted","attrs":{"synonyms_en":["Cryptic storm syndrome"]}})" "\n"
                         R"({"id":"paper:test:public","type":"paper","title":{"en":"Cytokine release in cryptic storm syndrome"}})" "\n")
                  .ok());
  Analyzer analyzer;
  auto run = [&](const std::string& q, Role role) {
    IndexView x = MustView(db, role);
    SearchRequest req;
    req.q = q;
    auto r = Search(x, analyzer, req);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : SearchResult();
  };
  // The admin may see the disease: its Japanese name finds the English paper.
  SearchResult admin = run("秘密病", Role::kAdmin);
  EXPECT_TRUE(std::any_of(admin.hits.begin(), admin.hits.end(), [](const Hit& h) { return h.id == "paper:test:public"; }));
  // The public may not: nothing, and no suggestion naming it.
  EXPECT_EQ(run("秘密病", Role::kPublic).total, 0u);
  SearchResult typo = run("秘蜜病", Role::kPublic);
  EXPECT_EQ(typo.total, 0u);
  EXPECT_EQ(typo.suggestion.find("秘密"), std::string::npos) << typo.suggestion;
  std::filesystem::remove_all(dir);
}

// A renamed record leaves no old names in the synonym table.
TEST(Expansion, ReplacingARecordForgetsItsOldNames) {
  const std::string dir = TestPath("renamed_concept");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/db";
  const std::string paper = R"({"id":"paper:test:alpha","type":"paper","title":{"en":"Alpha storm syndrome in mice"}})";
  ASSERT_TRUE(IngestText(db, dir,
                         R"({"id":"disease:test:renamed","type":"disease","title":{"ja":"旧名症候群","en":"Alpha storm syndrome"}})"
                         "\n" + paper + "\n").ok());
  Analyzer analyzer;
  auto total = [&](const std::string& q) {
    IndexView x = MustView(db, Role::kPublic);
    SearchRequest req;
    req.q = q;
    auto r = Search(x, analyzer, req);
    // A spelling correction to the new name would answer instead: count the
    // query as typed.
    if (r.ok() && r->suggestion_used) return size_t{0};
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->total : 0;
  };
  EXPECT_EQ(total("旧名症候群"), 2u) << "the disease and, through its English name, the paper";
  ASSERT_TRUE(IngestText(db, dir,
                         R"({"id":"disease:test:renamed","type":"disease","title":{"ja":"新名症候群","en":"Beta syndrome"}})"
                         "\n").ok());
  EXPECT_EQ(total("旧名症候群"), 0u) << "the old name no longer expands to the paper";
  EXPECT_EQ(total("新名症候群"), 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace seedgraph

namespace seedgraph {
namespace {

// Same-as credit (query/same_as.h): two records of one made-up disease that
// share a MONDO code and a title, one with a description and one without
// (a NANDO group class), linked by `seedgraph resolve`; and a restricted
// record the described one links to by hand.
constexpr const char* kSameAsCorpus = R"JSONL(
{"id":"disease:test:described","type":"disease","title":{"ja":"試験性筋無力症","en":"Testing myasthenia"},"text":{"ja":"神経筋接合部に対する架空の自己免疫で起こる試験用の疾患。"},"identifiers":{"mondo":"MONDO:9999001"},"links":[{"rel":"same_as","to":"disease:test:hidden"}]}
{"id":"disease:test:group","type":"disease","title":{"ja":"試験性筋無力症","en":"Testing myasthenia"},"identifiers":{"mondo":"MONDO:9999001"}}
{"id":"disease:test:hidden","type":"disease","title":{"ja":"試験性筋無力症"},"visibility":"restricted"}
{"id":"disease:test:subtype","type":"disease","title":{"ja":"試験性筋無力症（眼筋型）"},"identifiers":{"mondo":"MONDO:9999001"}}
{"id":"paper:test:nmj1","type":"paper","title":{"en":"Test paper"},"text":{"ja":"神経筋接合部と自己免疫の試験的な総説。"}}
{"id":"paper:test:nmj2","type":"paper","title":{"en":"Test paper two"},"text":{"ja":"自己免疫と神経筋接合部。"}}
)JSONL";

class SameAsCredit : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TestPath("same_as_credit"));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    ASSERT_TRUE(IngestText(*dir_ + "/db", *dir_, kSameAsCorpus).ok());
    ResolveOptions options;
    options.db_path = *dir_ + "/db";
    auto stats = Resolve(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    // The group class, not the subtype (another name) nor the hidden record.
    EXPECT_EQ(stats->merges["disease by mondo+name"], 1u);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  SearchResult Run(Role role, bool expand = true, int page = 1, int per_page = 10) {
    IndexView db = MustView(*dir_ + "/db", role);
    SearchRequest req;
    req.q = "神経筋接合部 自己免疫";
    req.expand = expand;
    req.page = page;
    req.per_page = per_page;
    return MustSearch(db, analyzer_, req);
  }
  static std::string* dir_;
  Analyzer analyzer_;
};
std::string* SameAsCredit::dir_ = nullptr;

TEST_F(SameAsCredit, PartnerWithoutTheWordsRanksRightAfterTheMatch) {
  SearchResult r = Run(Role::kPublic);
  std::vector<std::string> ids = Ids(r);
  auto described = std::find(ids.begin(), ids.end(), "disease:test:described");
  ASSERT_NE(described, ids.end());
  ASSERT_NE(described + 1, ids.end());
  EXPECT_EQ(*(described + 1), "disease:test:group");
  const double anchor = r.hits[described - ids.begin()].score, partner = r.hits[described - ids.begin() + 1].score;
  EXPECT_LE(partner, anchor);
  EXPECT_GT(partner, anchor * 0.999);
  EXPECT_EQ(r.total, 4u) << "the two papers, the described record and its partner";
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "disease:test:subtype"), 0) << "not the same thing";
  // Facets count the partner like any hit.
  for (const auto& [code, n] : r.facets["type"]) {
    if (code == "disease") {
      EXPECT_EQ(n, 2u);
    }
  }
  // Without expansion only what contains the words.
  EXPECT_EQ(Run(Role::kPublic, /*expand=*/false).total, 3u);
}

TEST_F(SameAsCredit, HiddenPartnerIsNeitherShownNorCounted) {
  SearchResult pub = Run(Role::kPublic);
  for (const Hit& h : pub.hits) EXPECT_NE(h.id, "disease:test:hidden");
  EXPECT_EQ(Run(Role::kOfficer).total, pub.total);
  // An admin may see it: it is credited like the other partner.
  SearchResult admin = Run(Role::kAdmin);
  EXPECT_EQ(admin.total, pub.total + 1);
  std::vector<std::string> ids = Ids(admin);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "disease:test:hidden"), ids.end());
}

TEST_F(SameAsCredit, PagesAndCrossLinksSeeOneMatchSet) {
  const std::vector<std::string> all = Ids(Run(Role::kPublic));
  std::vector<std::string> paged;
  for (int page = 1; page <= 4; ++page) {
    for (const auto& id : Ids(Run(Role::kPublic, true, page, 1))) paged.push_back(id);
  }
  EXPECT_EQ(paged, all);
  IndexView db = MustView(*dir_ + "/db", Role::kPublic);
  CrosslinkRequest req;
  req.search.q = "神経筋接合部 自己免疫";
  req.rows = "type";
  req.cols = "project";
  auto x = CrossLinks(db, analyzer_, req);
  ASSERT_TRUE(x.ok()) << x.status().message();
  EXPECT_EQ(x->total, Run(Role::kPublic).total);
}

}  // namespace
}  // namespace seedgraph
