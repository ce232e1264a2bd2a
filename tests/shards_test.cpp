// A sharded index (`seedgraph index --shards 4`) answers as one database
// does, read locally and through xapian-tcpsrv (Debian's xapian-tools): the
// judged demo files and the COVID-19 trials (same_as links: search credits
// the partners) split over the three visibility levels by id hash, built
// once unsharded and once in 4 shards; the shards then served by 12 real
// xapian-tcpsrv processes on loopback (one per shard and level) behind a stub
// that lists them and the local lexicon databases.  Then one server is
// killed: reads fail with a clear error naming a shard, never a crash, a hang
// or a smaller total.
#include <gtest/gtest.h>

#include "tests/http_util.h"
#include "tests/shard_build.h"
#include "tests/tcpsrv_util.h"
#include "tests/test_util.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "indexer/ingest.h"
#include "query/crosslinks.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/index_dir.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

constexpr size_t kShards = 4;

class ShardsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TestPath("shards"));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    const char* levels[] = {"public", "internal", "restricted"};
    const std::string split = *dir_ + "/split.jsonl";
    {
      std::ofstream out(split);
      // With the COVID-19 trials, whose same_as links join one trial in two
      // registries: search credits the partners (query/same_as.h).
      std::vector<std::string> files = JudgedDemoFiles();
      files.push_back(SEEDGRAPH_SOURCE_DIR "/data/demo/covid-trials.jsonl");
      for (const std::string& file : files) {
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);) {
          Record r;
          if (!ParseRecord(line, &r).ok()) continue;
          r.visibility = levels[ShardOf(r.id + "#level", 3)];
          out << WriteRecordJson(r) << "\n";
        }
      }
    }
    auto one = BuildTestIndex(split, *dir_ + "/one", 0);
    ASSERT_TRUE(one.ok()) << one.status().message();
    auto sharded = BuildTestIndex(split, *dir_ + "/sharded", kShards);
    ASSERT_TRUE(sharded.ok()) << sharded.status().message();
    ASSERT_EQ(IndexShards(*dir_ + "/sharded"), kShards);
    // One xapian-tcpsrv per shard and level, and a stub naming them.
    servers_ = new TcpsrvFleet;
    const std::string failed = servers_->Start(*dir_ + "/sharded", kShards, *dir_ + "/remote.stub");
    ASSERT_EQ(failed, "");
  }
  static void TearDownTestSuite() {
    delete servers_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  // Every match (all pages, at most 600), compared as sets: ties go by
  // document id, which the shards number differently.
  static SearchResult Run(const std::string& path, Role role, const std::string& q) {
    auto view = IndexView::Open(path, role);
    EXPECT_TRUE(view.ok()) << view.status().message();
    if (!view.ok()) return {};
    Analyzer analyzer;
    SearchRequest req;
    req.q = q;
    req.per_page = 100;
    req.exact_count_limit = 0;
    SearchResult all;
    for (req.page = 1; req.page <= 6; ++req.page) {
      auto r = Search(view.value(), analyzer, req);
      EXPECT_TRUE(r.ok()) << r.status().message();
      if (!r.ok()) return {};
      if (req.page == 1) all = r.value();
      else all.hits.insert(all.hits.end(), r->hits.begin(), r->hits.end());
      if (r->hits.size() < static_cast<size_t>(req.per_page)) break;
    }
    return all;
  }

  static std::string* dir_;
  static TcpsrvFleet* servers_;
};

std::string* ShardsTest::dir_ = nullptr;
TcpsrvFleet* ShardsTest::servers_ = nullptr;

const char* const kQueries[] = {"", "筋萎縮", "球脊髄性筋萎縮症", "SLE", "lupus", "がん", "肺癌", "antibody", "iPS細胞",
                                "dystrophy muscular", "parkinsn", "amyloidosys", "癌", "COVID-19", "ALS",
                                "cyclosporin", "hypoxia tocilizumab", "ivermectin", "convalescent plasma"};

// Same totals, facets and suggestion; the same records with scores within
// `relative` (Xapian estimates a synonym's frequency in each database from
// the words that database holds: 0.1% on "癌", parallel_test).
void ExpectSame(const SearchResult& a, const SearchResult& b, const std::string& what, double relative) {
  EXPECT_EQ(a.total, b.total) << what;
  EXPECT_EQ(a.suggestion, b.suggestion) << what;
  EXPECT_EQ(a.facets, b.facets) << what;
  if (a.total > a.hits.size()) return;  // capped: the last page's ties differ
  std::map<std::string, double> scores;
  for (const Hit& h : a.hits) scores[h.id] = h.score;
  ASSERT_EQ(a.hits.size(), b.hits.size()) << what;
  for (const Hit& h : b.hits) {
    auto it = scores.find(h.id);
    ASSERT_NE(it, scores.end()) << what << ": " << h.id;
    EXPECT_NEAR(it->second, h.score, relative * std::max(1.0, it->second)) << what << ": " << h.id;
  }
}

TEST_F(ShardsTest, LocalShardsAnswerAsOneDatabase) {
  size_t nonempty = 0;
  for (Role role : {Role::kPublic, Role::kOfficer, Role::kAdmin}) {
    for (const char* q : kQueries) {
      const SearchResult a = Run(*dir_ + "/one", role, q), b = Run(*dir_ + "/sharded", role, q);
      ExpectSame(a, b, std::string(q) + " as role " + std::to_string(static_cast<int>(role)), 5e-3);
      nonempty += a.total > 0 ? 1 : 0;
    }
  }
  EXPECT_GT(nonempty, 30u);
  EXPECT_EQ(Run(*dir_ + "/sharded", Role::kAdmin, "parkinsn").suggestion, "parkinson");
}

TEST_F(ShardsTest, RemoteShardsAnswerAsLocalOnes) {
  const std::string stub = *dir_ + "/remote.stub";
  for (Role role : {Role::kPublic, Role::kAdmin}) {
    for (const char* q : kQueries) {
      ExpectSame(Run(*dir_ + "/sharded", role, q), Run(stub, role, q), std::string("remote ") + q, 1e-9);
    }
  }
  // Cross-links are counted by the servers' ValueCountMatchSpy.
  Analyzer analyzer;
  for (const char* q : {"", "がん", "antibody"}) {
    CrosslinkRequest req;
    req.search.q = q;
    req.rows = "disease_area";
    req.cols = "type";
    auto local = IndexView::Open(*dir_ + "/sharded", Role::kOfficer);
    auto remote = IndexView::Open(stub, Role::kOfficer);
    ASSERT_TRUE(local.ok() && remote.ok());
    auto a = CrossLinks(local.value(), analyzer, req);
    auto b = CrossLinks(remote.value(), analyzer, req);
    ASSERT_TRUE(a.ok() && b.ok()) << q;
    EXPECT_EQ(a->counts, b->counts) << q;
    EXPECT_EQ(a->total, b->total) << q;
    EXPECT_EQ(a->missing_both, b->missing_both) << q;
  }
}

// Last: it kills a server.
TEST_F(ShardsTest, ZKilledShardServerGivesAClearErrorNamingIt) {
  const std::string stub = *dir_ + "/remote.stub";
  auto view = IndexView::Open(stub, Role::kPublic);
  ASSERT_TRUE(view.ok()) << view.status().message();
  Analyzer analyzer;
  SearchRequest req;
  req.q = "がん";
  ASSERT_TRUE(Search(view.value(), analyzer, req).ok());
  const int port = servers_->port(1);  // a public shard, with the connection it serves
  ASSERT_TRUE(servers_->Kill(1));
  const auto started = std::chrono::steady_clock::now();
  auto r = Search(view.value(), analyzer, req);
  ASSERT_FALSE(r.ok()) << "a search over a dead shard answered with total " << r->total;
  EXPECT_EQ(r.status().code(), Status::Code::kIOError) << r.status().message();
  EXPECT_NE(r.status().message().find("shard"), std::string::npos) << r.status().message();
  const Status reopened = view->Reopen();
  EXPECT_FALSE(reopened.ok());
  EXPECT_NE(reopened.message().find("127.0.0.1 " + std::to_string(port)), std::string::npos) << reopened.message();
  auto again = IndexView::Open(stub, Role::kPublic);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("remote tcp 127.0.0.1 " + std::to_string(port)), std::string::npos)
      << again.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));  // no hang
}

// A stub seedgraph cannot read safely is refused with its file and line,
// never read with a database in the wrong level.
size_t OpenDescriptors() {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// The server's pool of views gives back descriptors: idle views over 4
// shards (14-15 databases each) stay within the pool's budget of databases,
// free ones go first, and a pinned revision still serves its next page.
// Without the budget, 36 idle 4-shard views held ~3,000 descriptors and the
// server answered every new connection 503 (fds past FD_SETSIZE).
TEST_F(ShardsTest, PoolKeepsIdleDatabasesWithinItsBudget) {
  const size_t before = OpenDescriptors();
  DatabasePool pool(*dir_ + "/sharded");
  std::string pinned_revision;
  {
    auto first = pool.Borrow(Role::kOfficer);
    ASSERT_TRUE(first.ok()) << first.status().message();
    EXPECT_GE(first.value().view().databases(), kShards * 3) << "every shard of every level, hidden ones too";
    pinned_revision = first.value().view().revision();
    first.value().Pin();
  }
  for (int round = 0; round < 3; ++round) {
    std::vector<DatabasePool::Lease> held;
    for (Role role : {Role::kPublic, Role::kOfficer, Role::kAdmin}) {
      for (int i = 0; i < 12; ++i) {
        auto lease = pool.Borrow(role);
        ASSERT_TRUE(lease.ok()) << lease.status().message();
        held.push_back(std::move(lease.value()));
      }
    }
    EXPECT_GE(OpenDescriptors(), before + 36 * 15) << "36 views held open";
  }  // all given back
  EXPECT_LE(pool.IdleDatabases(), DatabasePool::kIdleDatabases);
  // A fixed bound, not one derived from the budget: what a server can
  // afford beside 512 sockets under FD_SETSIZE (1,024).
  EXPECT_LE(OpenDescriptors(), before + 480) << "idle views closed what they held";
  auto again = pool.BorrowAt(Role::kOfficer, pinned_revision);
  EXPECT_TRUE(again.ok()) << "the pinned revision outlived the free views: " << again.status().message();
}

// Over HTTP: a stalled shard server (SIGSTOP: the kernel accepts, nothing
// answers), then a dead one, are each a 503 naming the shard within the
// shard timeout, never a hang, a 500 or a smaller total; a resumed server
// is read again.
TEST(ShardsHttp, StalledOrDeadShardServerIs503NamingIt) {
  std::string records;
  for (int i = 0; i < 40; ++i) {
    records += R"({"id":"topic:fault:)" + std::to_string(i) +
               R"(","type":"topic","title":{"en":"cancer vaccine study )" + std::to_string(i) + "\"}}\n";
  }
  ServerHarness h;
  h.UseShards(kShards, /*remote=*/true);
  ServerOptions o;
  o.shards.remote_connect_ms = 500;
  o.shards.remote_timeout_ms = 1000;
  ASSERT_NO_FATAL_FAILURE(h.Start("shards_fault_http", records, "", o));
  const std::string search = "/api/search?q=cancer";
  const Answer before = h.Get(search);
  ASSERT_EQ(before.status, 200) << before.body;
  ASSERT_EQ(Int(before.json, "total"), 40);
  TcpsrvFleet& servers = h.shard_servers();
  const std::string name = "remote tcp 127.0.0.1 " + std::to_string(servers.port(1));  // a public shard

  ASSERT_TRUE(servers.Pause(1));
  auto started = std::chrono::steady_clock::now();
  for (const std::string& target : {search, std::string("/api/crosslinks?rows=type&cols=stage")}) {
    const Answer stalled = h.Get(target);
    EXPECT_EQ(stalled.status, 503) << target << ": " << stalled.body;
    EXPECT_NE(stalled.body.find("\"unavailable\""), std::string::npos) << stalled.body;
    EXPECT_NE(stalled.body.find(name), std::string::npos) << target << ": " << stalled.body;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));  // no hang
  ASSERT_TRUE(servers.Resume(1));
  int64_t total = -1;
  for (int i = 0; i < 40 && total != 40; ++i) {  // the resumed server first drops the connections it lost
    const Answer a = h.Get(search);
    total = a.status == 200 ? Int(a.json, "total") : -1;
    if (total != 40) std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_EQ(total, 40) << "a resumed shard server is read again";

  ASSERT_TRUE(servers.Kill(1));
  started = std::chrono::steady_clock::now();
  const Answer dead = h.Get(search);
  EXPECT_EQ(dead.status, 503) << dead.body;
  EXPECT_NE(dead.body.find(name), std::string::npos) << dead.body;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));  // no hang
}

TEST(IndexStubGrammar, RefusesWhatItCannotReadSafely) {
  const std::string dir = TestPath("stubs");
  std::filesystem::create_directories(dir);
  const std::pair<const char*, const char*> cases[] = {
      {"# seedgraph level public\nremote tcp 127.0.0.1 7001\n# seedgraph Level restricted\nremote tcp 127.0.0.1 7002\n",
       ":3: expected \"# seedgraph level|lexicon LEVEL\""},
      {"# seedgraph level secret\n", ":1: unknown visibility level"},
      {"remote tcp 127.0.0.1 7001\n", ":1: a remote database needs"},
      {"# seedgraph lexicon public\nremote tcp 127.0.0.1 7001\n", ":2: a lexicon database must be local"},
      {"# seedgraph level public\nremote tcp 127.0.0.1 70000\n", ":2: port must be"},
      {"# seedgraph level public\nremote tcp 127.0.0.1 7001 extra\n", ":2: expected \"remote tcp HOST PORT\""},
      {"# seedgraph lexicon public\nglass lexicon/public\n", "lists no database of records"},
  };
  for (const auto& [text, error] : cases) {
    const std::string file = dir + "/case.stub";
    std::ofstream(file, std::ios::trunc) << text;
    auto stub = ReadIndexStub(file);
    ASSERT_FALSE(stub.ok()) << text;
    EXPECT_NE(stub.status().message().find(error), std::string::npos) << stub.status().message();
  }
  std::ofstream(dir + "/ok.stub", std::ios::trunc)
      << "# seedgraph index of a test\n# seedgraph level internal\nremote tcp ::1 7001\nglass dir with space/x\n";
  auto ok = ReadIndexStub(dir + "/ok.stub");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_EQ(ok->parts.size(), 2u);
  EXPECT_EQ(ok->parts[0].level, "internal");
  EXPECT_EQ(ok->parts[0].Name(), "remote tcp ::1 7001");
  EXPECT_EQ(ok->parts[1].path, dir + "/dir with space/x");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace seedgraph
