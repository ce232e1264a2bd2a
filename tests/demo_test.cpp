// The bundled demo corpus, indexed as `seedgraph demo` does, answers the
// queries the foundation issue names: a full name, a part of a compound, a
// full-width name and English names.
#include <gtest/gtest.h>

#include "tests/view_util.h"
#include "tests/test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "indexer/ingest.h"
#include "query/match.h"
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
  void SetUp() override { db_.emplace(MustView(*db_path_, Role::kPublic)); }

  SearchResult Run(const std::string& q, int per_page = 20) {
    SearchRequest req;
    req.q = q;
    req.per_page = per_page;
    auto r = Search(*db_, analyzer_, req);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r.value() : SearchResult();
  }
  static bool Contains(const SearchResult& r, const std::string& id) {
    return std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
  }

  static std::string* db_path_;
  std::optional<IndexView> db_;  // as an anonymous caller sees the index
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
  EXPECT_EQ(all.total, db_->db().get_doccount());
  std::map<std::string, size_t> types(all.facets.at("type").begin(), all.facets.at("type").end());
  EXPECT_GE(types["disease"], 2700u);
  EXPECT_GE(types["topic"], 100u);
  EXPECT_GE(types["company"], 600u);
}

// Issue #11: a Japanese officer query reaches the English-only papers,
// trials and patents, and the English query the Japanese records.
TEST_F(DemoTest, JapaneseConceptsReachEnglishRecordsAndBack) {
  // The issue's officer queries, each with a word its expansions must name.
  const std::pair<const char*, const char*> rows[] = {
      {"がん", "cancer"},           {"新型コロナウイルス", "covid"}, {"人工知能", "artificial intelligence"},
      {"核酸医薬", "antisense"},    {"がん 抗体", "antibod"},       {"遺伝子治療", "gene therapy"},
      {"COVID-19 ワクチン", "vaccin"},
  };
  for (const auto& [q, english] : rows) {
    // The first 30: cancer centres (ROR) named がん share the first page.
    SearchResult r = Run(q, 30);
    size_t english_hits = 0;
    for (const Hit& h : r.hits) {
      english_hits += h.title.ja.empty() && !h.title.en.empty() && (h.type == "paper" || h.type == "trial" || h.type == "patent");
    }
    // The demo corpus has only two records on gene therapy: at least five,
    // or all of the first page.
    EXPECT_GE(english_hits, std::min<size_t>(5, r.hits.size())) << q << ": English papers/trials/patents in the first 30";
    EXPECT_GE(r.hits.size(), 2u) << q;
    bool expanded = false;
    for (const Expansion& e : r.expansions) {
      for (std::string n : e.names) {
        std::transform(n.begin(), n.end(), n.begin(), ::tolower);
        expanded |= n.find(english) != std::string::npos;
      }
    }
    EXPECT_TRUE(expanded) << q << " should say it also searched \"" << english << "\"";
  }
  SearchResult en = Run("diabetes mellitus");
  EXPECT_TRUE(std::any_of(en.hits.begin(), en.hits.end(), [](const Hit& h) { return h.type == "topic"; }))
      << "the Japanese KAKEN grants on 糖尿病";
}

// ガン (the katakana variant of がん) matches whole katakana words only.
TEST_F(DemoTest, KanaVariantsDoNotMatchInsideOtherWords) {
  for (const char* q : {"がん", "ガン", "がん 抗体"}) {
    SearchResult r = Run(q, 100);
    for (const Hit& h : r.hits) {
      EXPECT_EQ(h.title.ja.find("ガンマ"), std::string::npos) << q << ": " << h.id << " " << h.title.ja;
      EXPECT_EQ(h.title.ja.find("ガングリオシド"), std::string::npos) << q << ": " << h.id << " " << h.title.ja;
      EXPECT_EQ(h.title.ja.find("リガンド"), std::string::npos) << q << ": " << h.id << " " << h.title.ja;
    }
  }
}

// The official 指定難病 names (nanbyo.json, the MHLW list) are whole names
// of their NANDO class even where its label is written otherwise.
TEST_F(DemoTest, OfficialNamesAreWholeNamesOfTheirClass) {
  const std::pair<const char*, const char*> rows[] = {
      {"ネイルパテラ症候群", "disease:nando:1200967"},  // label ネイル・パテラ症候群
      {"糖原病Ⅰa型", "disease:nando:1200840"},         // label 肝型糖原病Ia型
  };
  for (const auto& [q, id] : rows) {
    SearchResult r = Run(q);
    ASSERT_FALSE(r.hits.empty()) << q;
    EXPECT_EQ(r.hits.front().id, id) << q;
  }
}

// ALS is the disease, not Al-Azhar University or people named Al-... (the
// ALS Therapy Development Institute is named ALS: it may match).
TEST_F(DemoTest, AcronymsMatchWholeWordsUnstemmed) {
  SearchResult r = Run("ALS");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, "disease:nando:1200002");
  for (const Hit& h : r.hits) {
    EXPECT_NE(h.type, "person") << h.id;
    if (h.type == "organization") {
      EXPECT_NE((" " + h.title.en + " ").find(" ALS "), std::string::npos) << h.id;
    }
  }
}

// Every search example the README and the UI show finds records.
TEST_F(DemoTest, EveryExampleInTheReadmeAndTheUiFindsRecords) {
  std::vector<std::string> examples;
  auto read = [](const std::string& path) {
    std::ifstream in(path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string i18n = read(SEEDGRAPH_SOURCE_DIR "/web/static/i18n.js");
  const std::regex placeholder(R"re("search.placeholder": "[^"]*?(?:例: |e\.g\. )([^）)"]+))re");
  for (std::sregex_iterator m(i18n.begin(), i18n.end(), placeholder), end; m != end; ++m) examples.push_back((*m)[1]);
  const std::string readme = read(SEEDGRAPH_SOURCE_DIR "/README.md");
  const std::regex api(R"(/api/search\?q=([^`\s&)]+))");
  for (std::sregex_iterator m(readme.begin(), readme.end(), api), end; m != end; ++m) examples.push_back((*m)[1]);
  const std::regex cli(R"(search --db idx (?:--\S+ )*(?:--type \S+ )?(\S+) )");
  for (std::sregex_iterator m(readme.begin(), readme.end(), cli), end; m != end; ++m) examples.push_back((*m)[1]);
  ASSERT_GE(examples.size(), 4u) << "the placeholders (ja, en) and the README examples";
  for (const std::string& q : examples) {
    SearchResult r = Run(q);
    EXPECT_GT(r.total, 0u) << "example \"" << q << "\" finds nothing";
  }
}

// A patent's own applicant comes first, with the drugs the patent protects
// (FDA Orange Book: REMODULIN, TYVASO and ORENITRAM list US11723887) as its reasons,
// before the companies that only similar patents name.
TEST_F(DemoTest, APatentsApplicantAndTheMakerOfItsDrugsComeFirst) {
  MatchRequest req;
  req.seed = "patent:US11723887";
  req.limit = 5;
  auto m = MatchCompanies(*db_, analyzer_, req);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_FALSE(m->empty());
  const MatchCandidate& top = m->front();
  EXPECT_EQ(top.company.id, "company:name:united-therapeutics");
  EXPECT_TRUE(std::any_of(top.cited.begin(), top.cited.end(), [](const CitedRecord& c) {
    return c.id.rfind("drug:fda:", 0) == 0 && c.rel == "protected_by";
  }));
  EXPECT_TRUE(std::any_of(top.reasons.begin(), top.reasons.end(),
                          [](const std::string& r) { return r.find("FDA Orange Book") != std::string::npos; }));
  for (size_t i = 1; i < m->size(); ++i) EXPECT_GT(top.score, (*m)[i].score) << (*m)[i].company.id;
}

// Pieces of words do not make evidence: 科学的エビデンス is not エビリファイ,
// "for" is not STERILE WATER FOR INJECTION, "evidence based" is not
// olefin-based.  (Baxter's DIANEAL PD-1 does carry the words "PD-1": a
// homonym, not a piece.)
TEST_F(DemoTest, MatchEvidenceRestsOnWholeWordsAndPhrases) {
  const struct {
    const char* seed;
    const char* first;  // the company the evidence names best
    std::vector<std::string> never;            // in no cited title
    std::vector<std::string> never_companies;  // Otsuka (エビリファイ), LG Chem (olefin-based), ICU Medical (sterile water)
  } rows[] = {
      {"topic:amed:JP16ek0109114", "company:name:ting-therapeutics", {"エビリファイ", "STERILE WATER", "Olefin-based"},
       {"company:corp:7010001012986", "company:name:lg-chem", "company:name:icu-medical"}},
  };
  for (const auto& row : rows) {
    MatchRequest req;
    req.seed = row.seed;
    req.limit = 10;
    auto m = MatchCompanies(*db_, analyzer_, req);
    ASSERT_TRUE(m.ok()) << m.status().message();
    ASSERT_FALSE(m->empty()) << row.seed;
    EXPECT_EQ(m->front().company.id, row.first);
    for (const MatchCandidate& c : *m) {
      for (const std::string& bad : row.never_companies) EXPECT_NE(c.company.id, bad) << row.seed;
      for (const CitedRecord& r : c.cited) {
        for (const std::string& bad : row.never) {
          EXPECT_EQ(r.title.find(bad), std::string::npos) << row.seed << " " << r.title;
        }
      }
    }
  }
}

}  // namespace
}  // namespace seedgraph
