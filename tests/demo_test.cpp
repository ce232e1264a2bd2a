// The bundled demo corpus, indexed as `seedgraph demo` does, answers the
// queries the foundation issue names: a full name, a part of a compound, a
// full-width name and English names.
#include <gtest/gtest.h>

#include "tests/test_util.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "indexer/ingest.h"
#include "query/search.h"
#include "query/store.h"

namespace seedgraph {
namespace {

class DemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_path_ = new std::string(TestPath("demo_test"));
    std::filesystem::remove_all(*db_path_);
    IngestOptions options;
    options.import.files = DemoFiles();
    options.index.db_path = *db_path_;
    options.lexicon = SEEDGRAPH_SOURCE_DIR "/data/vocab/lexicon.tsv";  // as `seedgraph demo`
    std::ostringstream errors;
    options.errors = &errors;
    auto stats = Ingest(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    EXPECT_EQ(stats->rejected, 0u) << errors.str().substr(0, 2000);
    EXPECT_GE(stats->indexed, 3000u) << "the demo corpus has at least 3,000 real records";
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*db_path_);
    delete db_path_;
  }
  void SetUp() override { db_ = Xapian::Database(*db_path_); }

  SearchResult Run(const std::string& q, int per_page = 20) {
    SearchRequest req;
    req.q = q;
    req.per_page = per_page;
    auto r = Search(db_, analyzer_, req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : SearchResult();
  }
  static bool Contains(const SearchResult& r, const std::string& id) {
    return std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
  }

  static std::string* db_path_;
  Xapian::Database db_;
  Analyzer analyzer_;
};

std::string* DemoTest::db_path_ = nullptr;

TEST_F(DemoTest, FullJapaneseNameComesFirst) {
  SearchResult r = Run("球脊髄性筋萎縮症");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, "disease:nando:1200001");
  EXPECT_EQ(r.hits.front().title.ja, "球脊髄性筋萎縮症");
}

TEST_F(DemoTest, PartOfACompoundFindsTheWholeNames) {
  SearchResult r = Run("筋萎縮", 100);
  EXPECT_GE(r.total, 10u);
  for (const char* id : {"disease:nando:1200001", "disease:nando:1200002", "disease:nando:1200003"}) {
    EXPECT_TRUE(Contains(r, id)) << id;
  }
}

TEST_F(DemoTest, FullWidthIgaFindsIgaNephropathy) {
  SearchResult r = Run("ＩｇＡ", 100);
  EXPECT_TRUE(Contains(r, "disease:nando:1200366")) << "IgＡ腎症 (mixed width in the source)";
  SearchResult n = Run("ＩｇＡ腎症");
  ASSERT_FALSE(n.hits.empty());
  EXPECT_NE(n.hits.front().title.en.find("IgA nephropathy"), std::string::npos) << n.hits.front().id;
}

TEST_F(DemoTest, EnglishDiseaseNamesFindTheJapaneseRecords) {
  const std::pair<const char*, const char*> rows[] = {
      {"Spinal and bulbar muscular atrophy", "disease:nando:1200001"},
      {"amyotrophic lateral sclerosis", "disease:nando:1200002"},
      {"Kennedy disease", "disease:nando:1200001"},
  };
  for (const auto& [q, id] : rows) {
    SearchResult r = Run(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits.front().id, id) << q;
  }
}

TEST_F(DemoTest, HiraganaReadingAndHalfWidthKatakana) {
  SearchResult r = Run("きゅうせきずいせいきんいしゅくしょう");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, "disease:nando:1200001");
  SearchResult k = Run("ﾊﾟｰｷﾝｿﾝ病");
  ASSERT_FALSE(k.hits.empty());
  EXPECT_EQ(k.hits.front().title.ja, "パーキンソン病");
}

TEST_F(DemoTest, EveryTypeOfTheCorpusIsFaceted) {
  SearchResult all = Run("");
  EXPECT_EQ(all.total, db_.get_doccount());
  std::map<std::string, size_t> types(all.facets.at("type").begin(), all.facets.at("type").end());
  EXPECT_GE(types["disease"], 2700u);
  EXPECT_GE(types["topic"], 100u);
  EXPECT_GE(types["company"], 600u);
}

}  // namespace
}  // namespace seedgraph
