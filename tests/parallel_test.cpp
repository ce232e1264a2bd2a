// The parallel bulk build (indexer/parallel.h) must give the index a serial
// run gives: same records, same matches and scores, same facets, synonyms and
// spellings, and upserts within one run still replace.
#include <gtest/gtest.h>

#include "tests/test_util.h"

#include <xapian.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "indexer/ingest.h"
#include "indexer/parallel.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/index_dir.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

Result<IngestStats> Build(const std::vector<std::string>& files, const std::string& db, size_t jobs,
                          size_t shards = 0) {
  std::filesystem::remove_all(db);
  static std::ostringstream errors;
  IngestOptions options;
  options.import.files = files;
  options.index.db_path = db;
  options.index.batch_size = 1000;  // several commits per shard
  options.errors = &errors;
  options.tag_dictionary = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
  options.jobs = jobs;
  options.index.shards = shards;
  return Ingest(options);
}

// What a database holds, to compare two: ids in document order, spelling
// words with frequencies, synonym lists.
std::string Contents(const std::string& path) {
  Xapian::Database db(path);
  std::ostringstream out;
  for (Xapian::PostingIterator p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
    const Xapian::Document doc = db.get_document(*p);
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t)[0] == 'Q') out << *p << " " << *t << "\n";
    }
  }
  for (Xapian::TermIterator w = db.spellings_begin(); w != db.spellings_end(); ++w) out << "s " << *w << " " << w.get_termfreq() << "\n";
  for (Xapian::TermIterator k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
    out << "k " << *k << ":";
    for (Xapian::TermIterator v = db.synonyms_begin(*k); v != db.synonyms_end(*k); ++v) out << " " << *v;
    out << "\n";
  }
  return out.str();
}

class ParallelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    serial_ = new std::string(TestPath("parallel_serial"));
    sharded_ = new std::string(TestPath("parallel_sharded"));
    auto a = Build(JudgedDemoFiles(), *serial_, 1);
    ASSERT_TRUE(a.ok()) << a.status().message();
    auto b = Build(JudgedDemoFiles(), *sharded_, 3);
    ASSERT_TRUE(b.ok()) << b.status().message();
    ASSERT_EQ(a->indexed, b->indexed);
    ASSERT_GT(a->indexed, 10000u);
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*serial_);
    std::filesystem::remove_all(*sharded_);
    delete serial_;
    delete sharded_;
  }

  // Every match (all pages), to compare as sets: equal scores may come in
  // another order, since ties go by document id.
  static SearchResult Run(const std::string& db_path, const std::string& q) {
    auto db = IndexView::Open(db_path, Role::kAdmin);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return {};
    Analyzer analyzer;
    SearchRequest req;
    req.q = q;
    req.per_page = 100;
    req.exact_count_limit = 0;  // exact totals and facets: a larger demo corpus is over the default limit
    SearchResult all;
    for (req.page = 1;; ++req.page) {
      auto r = Search(db.value(), analyzer, req);
      EXPECT_TRUE(r.ok()) << r.status().message();
      if (!r.ok()) return {};
      if (req.page == 1) all = r.value();
      else all.hits.insert(all.hits.end(), r->hits.begin(), r->hits.end());
      if (r->hits.size() < static_cast<size_t>(req.per_page) || all.hits.size() >= r->total) break;
    }
    return all;
  }

  static std::string* serial_;
  static std::string* sharded_;
};

std::string* ParallelTest::serial_ = nullptr;
std::string* ParallelTest::sharded_ = nullptr;

TEST_F(ParallelTest, SameDocumentsAndNoShardsLeftBehind) {
  Xapian::Database a(*serial_), b(*sharded_);
  EXPECT_EQ(a.get_doccount(), b.get_doccount());
  EXPECT_EQ(a.get_total_length(), b.get_total_length());
  for (const auto& entry : std::filesystem::directory_iterator(*sharded_)) {
    EXPECT_EQ(entry.path().filename().string().find(".seedgraph-shards"), std::string::npos) << entry.path();
  }
  // Same id terms: every record is there once.
  for (Xapian::TermIterator t = a.allterms_begin("Q"); t != a.allterms_end("Q"); ++t) {
    ASSERT_EQ(b.get_termfreq(*t), 1u) << *t;
  }
}

// The same matches, totals, facets, suggestion and scores (as sets: equal
// scores may come in another order, since ties go by document id), scores
// within `relative` of each other.
void ExpectSameAnswers(const SearchResult& s, const SearchResult& p, const std::string& q, double relative = 1e-12) {
  EXPECT_EQ(s.total, p.total) << q;
  EXPECT_EQ(s.suggestion, p.suggestion) << q;
  EXPECT_EQ(s.facets, p.facets) << q;
  std::map<std::string, double> scores;
  for (const Hit& h : s.hits) scores[h.id] = h.score;
  ASSERT_EQ(s.hits.size(), p.hits.size()) << q;
  for (const Hit& h : p.hits) {
    auto it = scores.find(h.id);
    ASSERT_NE(it, scores.end()) << q << ": " << h.id << " only in the second index";
    EXPECT_NEAR(it->second, h.score, relative * std::max(1.0, it->second)) << q << ": " << h.id;
  }
}

const char* const kQueries[] = {"", "筋萎縮", "球脊髄性筋萎縮症", "SLE", "lupus", "ＩｇＡ", "がん", "肺癌", "antibody",
                                "iPS細胞", "きんいしゅくせいそくさくこうかしょう", "dystrophy muscular", "parkinsn",
                                "amyloidosys", "癌", "が", "性", "細"};

TEST_F(ParallelTest, SameMatchesScoresFacetsAndSuggestions) {
  for (const char* q : kQueries) ExpectSameAnswers(Run(*serial_, q), Run(*sharded_, q), q);
  // The queries above are not vacuous.
  EXPECT_GT(Run(*sharded_, "筋萎縮").total, 3u);
  EXPECT_FALSE(Run(*sharded_, "parkinsn").suggestion.empty());
}

// The same records split over the three visibility databases by id hash: an
// admin's view combines all three and must answer as one database does.
// Two ways Xapian 1.4.22 breaks that, both caught here: its own merge of
// three spelling lists gave nothing for "parkinsn" (query/expand.cpp merges
// them itself), and OP_WILDCARD expands a lone CJK character in each
// database by that database's frequencies, so "が" matched other records
// and "癌", "がん", "肺癌" scored differently (query/text_query.cpp expands
// over the combination).  One difference is Xapian's and is left: a
// synonym's term frequency is estimated in each database from the terms it
// holds, so where an expansion word is missing from one database ("が", "性":
// 200 words) scores differ by up to 0.12% (measured; tolerance 0.5%); ids, totals and facets
// are the same.
TEST_F(ParallelTest, ThreeDatabasesAnswerAsOne) {
  const std::string dir = TestPath("parallel_split");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const char* levels[] = {"public", "internal", "restricted"};
  {
    std::ofstream out(dir + "/split.jsonl");
    for (const std::string& file : JudgedDemoFiles()) {
      std::ifstream in(file);
      for (std::string line; std::getline(in, line);) {
        Record r;
        if (!ParseRecord(line, &r).ok()) continue;
        uint64_t h = 1469598103934665603ULL;  // FNV-1a of the id
        for (unsigned char c : r.id) h = (h ^ c) * 1099511628211ULL;
        r.visibility = levels[h % 3];
        out << WriteRecordJson(r) << "\n";
      }
    }
  }
  auto built = Build({dir + "/split.jsonl"}, dir + "/db", 1);
  ASSERT_TRUE(built.ok()) << built.status().message();
  for (const char* q : {"parkinsn", "amyloidosys", "dystrofy", "lupis", "myastenia"}) {
    EXPECT_EQ(Run(*serial_, q).suggestion, Run(dir + "/db", q).suggestion) << q;
  }
  EXPECT_EQ(Run(dir + "/db", "parkinsn").suggestion, "parkinson");
  for (const char* q : kQueries) ExpectSameAnswers(Run(*serial_, q), Run(dir + "/db", q), q, 5e-3);
  std::filesystem::remove_all(dir);
}

TEST_F(ParallelTest, UpsertWithinOneRunKeepsTheLastVersion) {
  const std::string dir = TestPath("parallel_upsert");
  std::filesystem::create_directories(dir);
  const std::string file = dir + "/in.jsonl";
  {
    std::ofstream out(file);
    for (int i = 0; i < 50; ++i) {
      out << R"({"id":"topic:test:t)" << i << R"(","type":"topic","title":{"ja":"旧題)" << i
          << R"("},"visibility":"public"})" << "\n";
    }
    out << R"({"id":"topic:test:t7","type":"topic","title":{"ja":"新しい題名"},"visibility":"public"})" << "\n";
  }
  auto stats = Build({file}, dir + "/db", 2);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->indexed, 51u);
  Xapian::Database db(dir + "/db");
  EXPECT_EQ(db.get_doccount(), 50u);
  EXPECT_EQ(Run(dir + "/db", "新しい題名").hits.size(), 1u);
  // No record has both 旧題 and 7 any more: only partial matches remain.
  EXPECT_TRUE(Run(dir + "/db", "旧題7").partial);
  // A second run into the existing index updates it with one writer.
  auto again = Build({file}, dir + "/db2", 2);
  ASSERT_TRUE(again.ok());
  IngestOptions update;
  update.import.files = {file};
  update.index.db_path = dir + "/db2";
  std::ostringstream errors;
  update.errors = &errors;
  update.jobs = 2;
  ASSERT_TRUE(Ingest(update).ok());
  EXPECT_EQ(Xapian::Database(dir + "/db2").get_doccount(), 50u);
  std::filesystem::remove_all(dir);
}

// A sharded index built by 3 writers (writer 0 owns shards 0 and 3) holds
// exactly what one writer writes: every shard database record for record in
// the same document order, the merged lexicon parts word for word with the
// same frequencies and synonyms, and so the same answers.
TEST_F(ParallelTest, ShardedBuildByThreeWritersEqualsOneWriter) {
  const std::string dir = TestPath("parallel_shards");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto one = Build(JudgedDemoFiles(), dir + "/one", 1, 4);
  ASSERT_TRUE(one.ok()) << one.status().message();
  auto three = Build(JudgedDemoFiles(), dir + "/three", 3, 4);
  ASSERT_TRUE(three.ok()) << three.status().message();
  EXPECT_EQ(one->indexed, three->indexed);
  EXPECT_EQ(IndexShards(dir + "/three"), 4u);
  size_t docs = 0;
  for (const std::string& level : RecordParts()) {
    for (size_t k = 0; k < 4; ++k) {
      const std::string a = Contents(ShardPartPath(dir + "/one", k, level));
      EXPECT_EQ(a, Contents(ShardPartPath(dir + "/three", k, level))) << "shard " << k << " " << level;
      docs += Xapian::Database(ShardPartPath(dir + "/three", k, level)).get_doccount();
    }
    const std::string lexicon = Contents(LexiconPartPath(dir + "/one", level));
    EXPECT_EQ(lexicon, Contents(LexiconPartPath(dir + "/three", level))) << "lexicon " << level;
    if (level == "public") {
      EXPECT_NE(lexicon.find("s parkinson"), std::string::npos);
    }
  }
  EXPECT_EQ(docs, Xapian::Database(*serial_).get_doccount());
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/three")) {
    EXPECT_EQ(entry.path().filename().string().find(".seedgraph-"), std::string::npos) << entry.path();
  }
  for (const char* q : kQueries) ExpectSameAnswers(Run(*serial_, q), Run(dir + "/three", q), q, 5e-3);
  std::filesystem::remove_all(dir);
}

// What a build killed before publishing its shards leaves (shard-K/ and
// lexicon/ of glass databases, no stub) is stale: the directory is new.
TEST_F(ParallelTest, UnpublishedShardsAreStale) {
  const std::string dir = TestPath("parallel_unpublished");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/shard-0");
  std::filesystem::create_directories(dir + "/lexicon");
  Xapian::WritableDatabase(ShardPartPath(dir, 0, "public"), Xapian::DB_CREATE_OR_OPEN).commit();
  Xapian::WritableDatabase(LexiconPartPath(dir, "public"), Xapian::DB_CREATE_OR_OPEN).commit();
  EXPECT_TRUE(ShardedIndexer::IsNewIndex(dir));
  std::filesystem::create_directories(dir + "/shard-x");  // not ours: no longer new
  EXPECT_FALSE(ShardedIndexer::IsNewIndex(dir));
  std::filesystem::remove(dir + "/shard-x");
  EXPECT_EQ(ShardedIndexer::RemoveStaleBuilds(dir), 2u);
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  std::filesystem::remove_all(dir);
}

// An existing empty directory (a mount point, a symlinked volume) is a new
// index too: the build happens inside it and leaves only the index there.
TEST_F(ParallelTest, ExistingEmptyDirectoryIsBuiltInPlace) {
  const std::string dir = TestPath("parallel_mount");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/volume");
  std::filesystem::create_directory_symlink(dir + "/volume", dir + "/link");
  std::ofstream(dir + "/in.jsonl") << R"({"id":"topic:test:a","type":"topic","title":{"ja":"課題"},"visibility":"public"})"
                                   << "\n";
  IngestOptions options;
  options.import.files = {dir + "/in.jsonl"};
  options.index.db_path = dir + "/link";
  std::ostringstream errors;
  options.errors = &errors;
  options.jobs = 2;
  auto stats = Ingest(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_TRUE(std::filesystem::is_symlink(dir + "/link"));
  EXPECT_EQ(Xapian::Database(dir + "/volume").get_doccount(), 1u);
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/volume")) {
    EXPECT_EQ(entry.path().filename().string().find(".seedgraph-shards"), std::string::npos) << entry.path();
  }
  std::filesystem::remove_all(dir);
}

TEST_F(ParallelTest, NothingAcceptedStillLeavesAnIndex) {
  const std::string dir = TestPath("parallel_empty");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/in.jsonl") << "{not json\n";
  auto stats = Build({dir + "/in.jsonl"}, dir + "/db", 2);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rejected, 1u);
  EXPECT_EQ(Xapian::Database(dir + "/db").get_doccount(), 0u);
  std::filesystem::remove_all(dir);
}

// Found in review: cleaning up after a killed build never touches what is
// not ours: a user's own "index" folder beside other files stays.
TEST_F(ParallelTest, StaleBuildCleanupLeavesOtherFilesAlone) {
  const std::string dir = TestPath("parallel_userdir");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/db/index");
  std::ofstream(dir + "/db/index/notes.txt") << "mine";
  std::ofstream(dir + "/r.jsonl") << R"({"id":"topic:test:u1","type":"topic","title":{"ja":"題"}})" << "\n";
  EXPECT_EQ(ShardedIndexer::RemoveStaleBuilds(dir + "/db"), 0u);
  EXPECT_FALSE(ShardedIndexer::IsNewIndex(dir + "/db"));
  IngestOptions options;  // not Build(): it starts from an empty directory
  options.import.files = {dir + "/r.jsonl"};
  options.index.db_path = dir + "/db";
  std::ostringstream errors;
  options.errors = &errors;
  options.jobs = 2;
  auto stats = Ingest(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_TRUE(std::filesystem::exists(dir + "/db/index/notes.txt"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace seedgraph
