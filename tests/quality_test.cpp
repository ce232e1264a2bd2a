// Search quality on the judged query set tests/eval/queries.tsv over the
// demo corpus, indexed and resolved as `seedgraph demo` does it
// (docs/QUALITY.md): the figures per category must not drop below the
// floors.  Also the "did you mean" contract, that expansion does not flood,
// and that same_as partners rank next to the record the query matched.
#include <gtest/gtest.h>

#include "tests/view_util.h"
#include "tests/test_util.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "indexer/ingest.h"
#include "indexer/resolve.h"
#include "query/evaluate.h"
#include "query/json.h"
#include "query/search.h"

namespace seedgraph {
namespace {

// Floors per category: measured figures (all 1.000 hit@10 and MRR@10 on
// 91 queries; nDCG 0.938-1.000, overall 0.984) minus a small margin for
// ranking noise.  Description nDCG was 0.746 before same_as credit brought
// the description-less duplicate classes of a disease up next to it.
struct Floor {
  double hit, mrr, ndcg;
};
const std::map<std::string, Floor>& Floors() {
  static const std::map<std::string, Floor> floors = {
      {"synonym", {1.0, 0.95, 0.95}},   {"english", {1.0, 0.95, 0.95}}, {"crosslang", {1.0, 0.95, 0.90}},
      {"width", {1.0, 0.95, 0.95}},     {"description", {1.0, 0.95, 0.95}}, {"variant", {1.0, 0.93, 0.90}},
      {"reading", {1.0, 0.95, 0.95}},   {"typo", {0.9, 0.9, 0.85}},     {"overall", {0.99, 0.95, 0.95}},
  };
  return floors;
}

bool HasHit(const SearchResult& r, const std::string& id) {
  return std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
}

class QualityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_path_ = new std::string(TestPath("quality_test"));
    std::filesystem::remove_all(*db_path_);
    IngestOptions options;
    options.import.files = JudgedDemoFiles();
    options.index.db_path = *db_path_;
    options.lexicon = SEEDGRAPH_SOURCE_DIR "/data/vocab/lexicon.tsv";  // as `seedgraph demo`
    std::ostringstream errors;
    options.errors = &errors;
    auto stats = Ingest(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    ResolveOptions resolve;
    resolve.db_path = *db_path_;
    auto merged = Resolve(resolve);
    ASSERT_TRUE(merged.ok()) << merged.status().message();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*db_path_);
    delete db_path_;
  }
  void SetUp() override { db_.emplace(MustView(*db_path_, Role::kPublic)); }

  SearchResult Run(const std::string& q, int per_page = 10) {
    SearchRequest req;
    req.q = q;
    req.per_page = per_page;
    auto r = Search(*db_, analyzer_, req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : SearchResult();
  }

  static std::string* db_path_;
  std::optional<IndexView> db_;  // as an anonymous caller sees the index
  Analyzer analyzer_;
};

std::string* QualityTest::db_path_ = nullptr;

TEST_F(QualityTest, FiguresPerCategoryStayAboveTheFloors) {
  auto queries = LoadEvalQueries(SEEDGRAPH_SOURCE_DIR "/tests/eval/queries.tsv");
  ASSERT_TRUE(queries.ok()) << queries.status().message();
  ASSERT_GE(queries->size(), 60u);
  IndexView admin = MustView(*db_path_, Role::kAdmin);
  auto rankings = RankAll(admin, analyzer_, queries.value());
  ASSERT_TRUE(rankings.ok()) << rankings.status().message();
  std::vector<QueryScore> scores;
  for (size_t i = 0; i < queries->size(); ++i) {
    scores.push_back(ScoreRanking(rankings.value()[i], (*queries)[i].relevant));
    if (scores.back().first_rank != 1) {
      std::cout << "not first: [" << (*queries)[i].category << "] " << (*queries)[i].text << " -> "
                << scores.back().first_rank << "\n";
    }
  }
  const auto rows = Summarize(queries.value(), scores);
  std::cout << FormatScores(rows);
  for (const auto& r : rows) {
    auto f = Floors().find(r.category);
    ASSERT_NE(f, Floors().end()) << "no floor for category " << r.category;
    EXPECT_GE(r.hit, f->second.hit) << r.category;
    EXPECT_GE(r.mrr, f->second.mrr) << r.category;
    EXPECT_GE(r.ndcg, f->second.ndcg) << r.category;
  }
}

TEST_F(QualityTest, VariantAndSynonymRankTheRecordFirst) {
  const std::pair<const char*, const char*> rows[] = {
      {"ウイルソン病", "disease:nando:1200655"}, {"エバンズ症候群", "disease:nando:1200310"},
      {"レーバー病", "disease:nando:1200178"},   {"チャーグ・ストラウス症候群", "disease:nando:1200264"},
  };
  for (const auto& [q, id] : rows) {
    SearchResult r = Run(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits.front().id, id) << q;
  }
}

TEST_F(QualityTest, SynonymOfOneRecordFindsTheOtherRecordsOfTheConcept) {
  // Only 2200416 lists "SLE"; 1200272 is the same disease.
  SearchResult r = Run("SLE", 2);
  EXPECT_TRUE(HasHit(r, "disease:nando:1200272"));
  EXPECT_TRUE(HasHit(r, "disease:nando:2200416"));
}

TEST_F(QualityTest, DescriptionFindsTheDuplicateClassWithoutText) {
  // 2100252 (小児慢性特定疾病 group class) has no description; resolve links
  // it to 2200906 and 1200020 (same MONDO class, same name), which do.
  SearchResult r = Run("神経筋接合部 自己免疫", 3);
  for (const char* id : {"disease:nando:2100252", "disease:nando:1200020", "disease:nando:2200906"}) {
    EXPECT_TRUE(HasHit(r, id)) << id;
  }
}

TEST_F(QualityTest, EnglishNameFindsJapaneseOnlyGrants) {
  EXPECT_TRUE(HasHit(Run("atrial fibrillation"), "topic:kaken:19K23973")) << "心房細動 in a Japanese title";
}

TEST_F(QualityTest, ExpansionDoesNotFlood) {
  // Acronyms are never alternatives ("PD" would match unrelated records),
  // so every hit of an expanded query shows one of the concept's names
  // (the snippet marks alternatives too).
  SearchRequest plain;
  plain.q = "パーキンソン病";
  plain.expand = false;
  plain.per_page = 100;
  auto a = Search(*db_, analyzer_, plain);
  ASSERT_TRUE(a.ok());
  SearchResult b = Run("パーキンソン病", 100);
  EXPECT_GE(b.total, a->total);
  for (const Hit& h : b.hits) {
    const std::string names = h.title.ja + h.title.en + h.snippet;
    EXPECT_TRUE(names.find("<mark>") != std::string::npos || names.find("arkinson") != std::string::npos ||
                names.find("パーキンソン") != std::string::npos)
        << h.id;
  }
}

TEST_F(QualityTest, DidYouMean) {
  SearchResult r = Run("パーキソン病");
  EXPECT_EQ(r.suggestion, "パーキンソン病");
  EXPECT_TRUE(r.suggestion_used);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, "disease:nando:1200010");
  EXPECT_NE(SearchResultJson(r).find("\"suggestion\":\"パーキンソン病\""), std::string::npos);
  SearchResult e = Run("parkinsn disease");
  EXPECT_EQ(e.suggestion, "parkinson disease");
  // A query that finds plenty gets no suggestion.
  EXPECT_TRUE(Run("パーキンソン病").suggestion.empty());
  EXPECT_TRUE(Run("筋萎縮").suggestion.empty());
}

}  // namespace
}  // namespace seedgraph
