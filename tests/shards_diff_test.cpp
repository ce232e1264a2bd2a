// The differential test of issue 13 at scale: a generated corpus (bench_gen:
// 100,000 records of every type from the real vocabularies, public, internal
// and restricted; SEEDGRAPH_DIFF_RECORDS to change) built once as one
// database per level and once in 4 shards, the shards served by 12 real
// xapian-tcpsrv processes on loopback.  For bench_gen's 300 queries of every
// kind (Japanese disease names, compound parts, English words and pairs,
// keywords), as the public and the officer role: the same total (exact
// counts), the same facet counts, the same first 20 records (ties aside),
// the same cross-link counts; and from the first hits, the same 2-hop graphs
// (and related seeds as over local shards: see the last test).  tests/shards_test does the same on the judged demo files.
#include <gtest/gtest.h>

#include "tests/shard_build.h"
#include "tests/tcpsrv_util.h"
#include "tests/test_util.h"

#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>

#include "bench/bench_util.h"
#include "query/crosslinks.h"
#include "query/graph.h"
#include "query/related.h"
#include "query/search.h"
#include "query/store.h"

namespace seedgraph {
namespace {

constexpr size_t kShards = 4;
constexpr size_t kFirst = 20;
// Local shards score within 0.5% of one database (a synonym's frequency is
// estimated per database: tests/parallel_test); remote ones as local ones.
constexpr double kTolerance = 5e-3;

size_t Records() {
  const char* n = std::getenv("SEEDGRAPH_DIFF_RECORDS");
  return n != nullptr && std::atol(n) > 0 ? static_cast<size_t>(std::atol(n)) : 100000;
}

class ShardsDiffTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TestPath("shards_diff"));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    const std::string corpus = *dir_ + "/corpus.jsonl";
    const std::string cmd = std::string(SEEDGRAPH_BENCH_GEN) + " --data " SEEDGRAPH_SOURCE_DIR "/../shared/data" +
                            " --records " + std::to_string(Records()) + " --out " + corpus +
                            " --queries 300 --queries-out " + *dir_ + "/queries.tsv > /dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    queries_ = new std::vector<bench::BenchQuery>(bench::LoadQueries(*dir_ + "/queries.tsv"));
    auto one = BuildTestIndex(corpus, *dir_ + "/one", 0);
    ASSERT_TRUE(one.ok()) << one.status().message();
    ASSERT_EQ(one->indexed, Records());
    auto sharded = BuildTestIndex(corpus, *dir_ + "/sharded", kShards);
    ASSERT_TRUE(sharded.ok()) << sharded.status().message();
    ASSERT_EQ(IndexShards(*dir_ + "/sharded"), kShards);
    servers_ = new TcpsrvFleet;
    ASSERT_EQ(servers_->Start(*dir_ + "/sharded", kShards, *dir_ + "/remote.stub"), "");
  }
  static void TearDownTestSuite() {
    delete servers_;
    delete queries_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static IndexView Open(const std::string& path, Role role) {
    auto view = IndexView::Open(path, role);
    EXPECT_TRUE(view.ok()) << view.status().message();
    return std::move(view.value());
  }

  static std::string* dir_;
  static std::vector<bench::BenchQuery>* queries_;
  static TcpsrvFleet* servers_;
};

std::string* ShardsDiffTest::dir_ = nullptr;
std::vector<bench::BenchQuery>* ShardsDiffTest::queries_ = nullptr;
TcpsrvFleet* ShardsDiffTest::servers_ = nullptr;

SearchResult FirstPage(IndexView& view, const std::string& q) {
  Analyzer analyzer;
  SearchRequest req;
  req.q = q;
  req.per_page = kFirst;
  req.exact_count_limit = 0;  // exact totals and facets
  auto r = Search(view, analyzer, req);
  EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
  return r.ok() ? r.value() : SearchResult{};
}

// The ids of `a` scoring clearly above the last score of `b` (a full page
// of `first`): they must be in b too (a record tied at the cut may fall on
// either side).
std::vector<std::string> ClearlyAbove(const std::vector<Hit>& a, const std::vector<Hit>& b, size_t first) {
  std::vector<std::string> ids;
  const double cut = b.size() < first ? -1e300 : b.back().score;
  for (const Hit& h : a) {
    if (h.score > cut + kTolerance * std::max(1.0, std::abs(cut))) ids.push_back(h.id);
  }
  return ids;
}

// The same scores rank by rank, and the same records ties aside.
void ExpectSameRanking(const std::vector<Hit>& a, const std::vector<Hit>& b, size_t first, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_NEAR(a[i].score, b[i].score, kTolerance * std::max(1.0, a[i].score)) << what << " rank " << i;
  }
  std::set<std::string> in_b, in_a;
  for (const Hit& h : b) in_b.insert(h.id);
  for (const Hit& h : a) in_a.insert(h.id);
  for (const std::string& id : ClearlyAbove(a, b, first)) EXPECT_TRUE(in_b.count(id)) << what << ": " << id << " only in one";
  for (const std::string& id : ClearlyAbove(b, a, first)) EXPECT_TRUE(in_a.count(id)) << what << ": " << id << " only in remote";
}

void ExpectSameFirstPage(const SearchResult& a, const SearchResult& b, const std::string& what) {
  EXPECT_EQ(a.total, b.total) << what;
  EXPECT_EQ(a.facets, b.facets) << what;
  EXPECT_EQ(a.suggestion, b.suggestion) << what;
  ExpectSameRanking(a.hits, b.hits, kFirst, what);
}

TEST_F(ShardsDiffTest, SearchAnswersAsOneDatabase) {
  ASSERT_GE(queries_->size(), 250u);
  size_t compared = 0, with_hits = 0;
  std::set<std::string> kinds;
  for (Role role : {Role::kPublic, Role::kOfficer}) {
    IndexView one = Open(*dir_ + "/one", role), remote = Open(*dir_ + "/remote.stub", role);
    for (const bench::BenchQuery& q : *queries_) {
      const SearchResult a = FirstPage(one, q.text), b = FirstPage(remote, q.text);
      ExpectSameFirstPage(a, b, q.kind + " " + q.text + " as " + RoleName(role));
      ++compared;
      with_hits += a.total > 0 ? 1 : 0;
      kinds.insert(q.kind);
    }
  }
  EXPECT_GE(kinds.size(), 4u);
  EXPECT_GT(with_hits, compared * 3 / 4);  // not vacuous (10k records: 87%)
}

TEST_F(ShardsDiffTest, CrosslinksCountAsOneDatabase) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kOfficer), remote = Open(*dir_ + "/remote.stub", Role::kOfficer);
  size_t counted = 0;
  for (size_t i = 0; i < queries_->size(); i += 2) {
    CrosslinkRequest req;
    req.search.q = (*queries_)[i].text;
    auto a = CrossLinks(one, analyzer, req);
    auto b = CrossLinks(remote, analyzer, req);
    ASSERT_TRUE(a.ok() && b.ok()) << req.search.q;
    EXPECT_EQ(a->counts, b->counts) << req.search.q;
    EXPECT_EQ(a->total, b->total) << req.search.q;
    EXPECT_EQ(a->missing_both, b->missing_both) << req.search.q;
    counted += a->total;
  }
  EXPECT_GT(counted, 0u);
}

// The first hits of every `stride`-th query from `start`, `max` at most:
// the records an officer opens from a result list.
std::vector<std::string> Seeds(IndexView& view, const std::vector<bench::BenchQuery>& queries, size_t start,
                               size_t stride, size_t max) {
  std::vector<std::string> seeds;
  for (size_t i = start; i < queries.size() && seeds.size() < max; i += stride) {
    const SearchResult first = FirstPage(view, queries[i].text);
    if (!first.hits.empty()) seeds.push_back(first.hits.front().id);
  }
  return seeds;
}

// The 2-hop graph (200 nodes at most) from the first hit of each of 60
// queries: the same nodes.
TEST_F(ShardsDiffTest, GraphWalksAsOneDatabase) {
  IndexView one = Open(*dir_ + "/one", Role::kPublic), remote = Open(*dir_ + "/remote.stub", Role::kPublic);
  size_t walked = 0;
  for (const std::string& seed : Seeds(one, *queries_, 0, 5, 60)) {
    GraphRequest req;
    req.id = seed;
    req.depth = 2;
    auto a = Neighbourhood(one, req);
    auto b = Neighbourhood(remote, req);
    ASSERT_TRUE(a.ok() && b.ok()) << req.id;
    std::set<std::string> na, nb;
    for (const auto& n : a->nodes) na.insert(n.id);
    for (const auto& n : b->nodes) nb.insert(n.id);
    EXPECT_EQ(na, nb) << req.id;
    EXPECT_EQ(a->edges.size(), b->edges.size()) << req.id;
    ++walked;
  }
  EXPECT_GE(walked, 40u);
}

// Related seeds (20) of the first hit of 30 queries over the 4 shards read
// locally and through the servers: the same records, ties aside, with the
// same scores.  Not yet against one database: there, 10 of these 30 seeds
// get other related records at 100k (scores 0.54 against 0.65; neither
// Xapian's per-database OP_ELITE_SET nor the incoming-link order is the
// whole cause; docs/PERFORMANCE.md "Shards at 1M", open in issue 13).
TEST_F(ShardsDiffTest, RelatedOverRemoteShardsAsLocalShards) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kPublic), local = Open(*dir_ + "/sharded", Role::kPublic),
            remote = Open(*dir_ + "/remote.stub", Role::kPublic);
  size_t compared = 0;
  for (const std::string& seed : Seeds(one, *queries_, 2, 7, 30)) {
    RelatedRequest req;
    req.id = seed;
    auto a = Related(local, analyzer, req);
    auto b = Related(remote, analyzer, req);
    ASSERT_TRUE(a.ok() && b.ok()) << req.id;
    std::vector<Hit> ha, hb;
    for (const RelatedHit& r : *a) ha.push_back(r.hit);
    for (const RelatedHit& r : *b) hb.push_back(r.hit);
    ExpectSameRanking(ha, hb, req.limit, "related " + req.id);
    compared += ha.empty() ? 0 : 1;
  }
  EXPECT_GE(compared, 20u);
}

}  // namespace
}  // namespace seedgraph
