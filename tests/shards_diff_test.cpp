// The differential test of issue 13 at scale: a generated corpus (bench_gen:
// 100,000 records of every type from the real vocabularies, public, internal
// and restricted; SEEDGRAPH_DIFF_RECORDS to change) built once as one
// database per level and once in 4 shards, the shards served by 12 real
// xapian-tcpsrv processes on loopback.  For bench_gen's 300 queries of every
// kind (Japanese disease names, compound parts, English words and pairs,
// keywords), as the public and the officer role: the same total (exact
// counts), the same facet counts, the same first 20 records (ties aside),
// the same cross-link counts; and from the first hits, the same 2-hop graphs,
// related seeds, matched companies, seeds for a company and its profile;
// the same indicator tables and drill-downs and pairing plans.
// tests/shards_test does the same on the judged demo files.
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
#include "query/company_profile.h"
#include "query/crosslinks.h"
#include "query/graph.h"
#include "query/indicators.h"
#include "query/match.h"
#include "query/pairing.h"
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

// Related seeds (20) of the first hit of 30 queries: over the 4 shards read
// locally and through the servers as over one database, the same records,
// ties aside, with the same scores.
TEST_F(ShardsDiffTest, RelatedAsOneDatabase) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kPublic), local = Open(*dir_ + "/sharded", Role::kPublic),
            remote = Open(*dir_ + "/remote.stub", Role::kPublic);
  size_t compared = 0;
  for (const std::string& seed : Seeds(one, *queries_, 2, 7, 30)) {
    RelatedRequest req;
    req.id = seed;
    std::vector<std::vector<Hit>> hits;
    for (IndexView* view : {&one, &local, &remote}) {
      auto r = Related(*view, analyzer, req);
      ASSERT_TRUE(r.ok()) << req.id << ": " << r.status().message();
      hits.emplace_back();
      for (const RelatedHit& h : *r) hits.back().push_back(h.hit);
    }
    ExpectSameRanking(hits[0], hits[1], req.limit, "related " + req.id + " (local shards)");
    ExpectSameRanking(hits[0], hits[2], req.limit, "related " + req.id + " (remote shards)");
    compared += hits[0].empty() ? 0 : 1;
  }
  EXPECT_GE(compared, 20u);
}

std::vector<Hit> CompanyHits(const std::vector<MatchCandidate>& candidates) {
  std::vector<Hit> out;
  for (const MatchCandidate& c : candidates) {
    out.push_back(c.company);
    out.back().score = c.score;
  }
  return out;
}

std::vector<Hit> RelatedHits(const std::vector<RelatedHit>& related) {
  std::vector<Hit> out;
  for (const RelatedHit& r : related) out.push_back(r.hit);
  return out;
}

std::vector<std::string> CitedIds(const std::vector<CitedRecord>& cited) {
  std::vector<std::string> ids;
  for (const CitedRecord& c : cited) ids.push_back(c.id);
  return ids;
}

// A company's profile: the same groups, counts, dates, newest records and
// subsidiaries.
void ExpectSameProfile(IndexView& one, IndexView& remote, const std::string& company) {
  auto a = ProfileOf(one, company);
  auto b = ProfileOf(remote, company);
  ASSERT_TRUE(a.ok() && b.ok()) << company;
  ASSERT_EQ(a->groups.size(), b->groups.size()) << company;
  for (size_t i = 0; i < a->groups.size(); ++i) {
    const ProfileGroup &x = a->groups[i], &y = b->groups[i];
    EXPECT_EQ(x.type, y.type) << company;
    EXPECT_EQ(x.count, y.count) << company << " " << x.type;
    EXPECT_EQ(x.first_date, y.first_date) << company << " " << x.type;
    EXPECT_EQ(x.last_date, y.last_date) << company << " " << x.type;
    EXPECT_EQ(x.modalities, y.modalities) << company << " " << x.type;
    EXPECT_EQ(x.disease_areas, y.disease_areas) << company << " " << x.type;
    EXPECT_EQ(x.classes, y.classes) << company << " " << x.type;
    EXPECT_EQ(CitedIds(x.recent), CitedIds(y.recent)) << company << " " << x.type;
  }
  EXPECT_EQ(CitedIds(a->subsidiaries), CitedIds(b->subsidiaries)) << company;
  EXPECT_EQ(CitedIds(a->parents), CitedIds(b->parents)) << company;
}

// Company matching for the first hits of 20 queries, and the seeds for the
// company ranked first, and its profile: the same companies and seeds with
// the same scores, ties aside, over one database and over the remote shards.
TEST_F(ShardsDiffTest, CompanyMatchingAsOneDatabase) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kOfficer), remote = Open(*dir_ + "/remote.stub", Role::kOfficer);
  size_t matched = 0;
  for (const std::string& seed : Seeds(one, *queries_, 1, 11, 20)) {
    MatchRequest req;
    req.seed = seed;
    auto a = MatchCompanies(one, analyzer, req);
    auto b = MatchCompanies(remote, analyzer, req);
    ASSERT_EQ(a.ok(), b.ok()) << seed;
    if (!a.ok()) continue;
    ExpectSameRanking(CompanyHits(*a), CompanyHits(*b), req.limit, "match " + seed);
    if (a->empty()) continue;
    ++matched;
    MatchRequest reverse;
    reverse.seed = a->front().company.id;
    auto ra = SeedsForCompany(one, analyzer, reverse);
    auto rb = SeedsForCompany(remote, analyzer, reverse);
    ASSERT_TRUE(ra.ok() && rb.ok()) << reverse.seed;
    ExpectSameRanking(RelatedHits(*ra), RelatedHits(*rb), reverse.limit, "seeds for " + reverse.seed);
    ExpectSameProfile(one, remote, reverse.seed);
  }
  EXPECT_GE(matched, 10u);
}

void ExpectSameCount(const IndicatorCount& a, const IndicatorCount& b, const std::string& what) {
  EXPECT_EQ(a.count, b.count) << what;
  EXPECT_EQ(a.ids, b.ids) << what;
}

void ExpectSameRow(const IndicatorRow& a, const IndicatorRow& b, const std::string& what) {
  EXPECT_EQ(a.key, b.key) << what;
  ExpectSameCount(a.licensed_to, b.licensed_to, what + " licensed_to");
  ExpectSameCount(a.registered_as, b.registered_as, what + " registered_as");
  ExpectSameCount(a.continued_as, b.continued_as, what + " continued_as");
  ExpectSameCount(a.top1pct, b.top1pct, what + " top1pct");
}

// Indicator tables (by project, disease area and year; every 50th query
// and none) with their drill-down ids, and their totals' whole drill-downs.
TEST_F(ShardsDiffTest, IndicatorsAsOneDatabase) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kOfficer), remote = Open(*dir_ + "/remote.stub", Role::kOfficer);
  size_t counted = 0;
  for (size_t i = 0; i <= queries_->size(); i += 50) {
    for (const char* by : {"project", "disease_area", "year"}) {
      IndicatorRequest req;
      req.by = by;
      req.search.q = i < queries_->size() ? (*queries_)[i].text : "";
      const std::string what = std::string(by) + " " + req.search.q;
      auto a = ComputeIndicators(one, analyzer, req);
      auto b = ComputeIndicators(remote, analyzer, req);
      ASSERT_TRUE(a.ok() && b.ok()) << what;
      ASSERT_EQ(a->rows.size(), b->rows.size()) << what;
      for (size_t r = 0; r < a->rows.size(); ++r) ExpectSameRow(a->rows[r], b->rows[r], what);
      ExpectSameRow(a->total, b->total, what);
      ExpectSameRow(a->unassigned, b->unassigned, what);
      EXPECT_EQ(a->not_loaded, b->not_loaded) << what;
      counted += a->total.licensed_to.count + a->total.continued_as.count;
      if (req.by != "project") continue;  // the total's drill-down is the same by any row
      for (const char* indicator : {"licensed_to", "registered_as", "continued_as", "top1pct"}) {
        auto da = DrillIndicator(one, analyzer, req, indicator, "total");
        auto db = DrillIndicator(remote, analyzer, req, indicator, "total");
        ASSERT_TRUE(da.ok() && db.ok()) << what << " " << indicator;
        ExpectSameCount(da->count, db->count, what + " drill " + indicator);
      }
    }
  }
  EXPECT_GT(counted, 0u);
}

// Pairing plans (24 and 60 months from the data's own reference date): the
// same topics, next-stage topics and companies.
TEST_F(ShardsDiffTest, PairingAsOneDatabase) {
  Analyzer analyzer;
  IndexView one = Open(*dir_ + "/one", Role::kOfficer), remote = Open(*dir_ + "/remote.stub", Role::kOfficer);
  size_t planned = 0;
  for (int months : {24, 60}) {
    PairingRequest req;
    req.months = months;
    auto ref = DefaultPairingReference(one, req);
    auto ref_remote = DefaultPairingReference(remote, req);
    ASSERT_TRUE(ref.ok() && ref_remote.ok());
    EXPECT_EQ(ref->date, ref_remote->date);
    req.today = ref->date;
    PairingCounts ca, cb;
    auto a = PairingCandidates(one, analyzer, req, &ca);
    auto b = PairingCandidates(remote, analyzer, req, &cb);
    ASSERT_TRUE(a.ok() && b.ok()) << months;
    EXPECT_EQ(ca.in_window, cb.in_window);
    EXPECT_EQ(ca.topics, cb.topics);
    ASSERT_EQ(a->size(), b->size()) << months;
    for (size_t i = 0; i < a->size(); ++i) {
      const PairingItem &x = (*a)[i], &y = (*b)[i];
      const std::string what = "pairing " + std::to_string(months) + " " + x.topic.id;
      EXPECT_EQ(x.topic.id, y.topic.id) << what;
      EXPECT_EQ(x.end_date, y.end_date) << what;
      ExpectSameRanking(RelatedHits(x.next_topics), RelatedHits(y.next_topics), req.per_topic, what + " next");
      ExpectSameRanking(CompanyHits(x.companies), CompanyHits(y.companies), req.per_topic, what + " companies");
    }
    planned += a->size();
  }
  EXPECT_GT(planned, 0u);
}

}  // namespace
}  // namespace seedgraph
