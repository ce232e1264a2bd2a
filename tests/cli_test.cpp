// The seedgraph binary as users run it: exit codes and messages (CONTRACT §2).
#include <gtest/gtest.h>

#include "tests/net_util.h"
#include "tests/test_util.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <thread>
#include <filesystem>

#include "web/state_store.h"
#include <fstream>

namespace {

struct RunResult {
  int code = -1;
  std::string out;  // stdout and stderr together
};

RunResult Cli(const std::string& args) {
  RunResult r;
  const std::string cmd = std::string(SEEDGRAPH_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A loopback port that was free a moment ago (the kernel picks it).
using seedgraph::Accepts;
using seedgraph::FreePort;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = seedgraph::TestPath(std::string("cli_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::string dir_;
};

TEST_F(CliTest, HelpOnEveryCommand) {
  for (const char* cmd : {"index", "convert", "search", "get", "serve", "demo", "export", "alerts"}) {
    RunResult r = Cli(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("usage: seedgraph " + std::string(cmd)), std::string::npos) << r.out;
  }
  EXPECT_EQ(Cli("--help").code, 0);
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Cli("").code, 2);
  EXPECT_EQ(Cli("frobnicate").code, 2);
  EXPECT_EQ(Cli("index x.jsonl").code, 2);               // no --db
  EXPECT_EQ(Cli("index --db " + dir_ + "/db").code, 2);  // no file
  EXPECT_EQ(Cli("index --db " + dir_ + "/db --format xml f").code, 2);
  EXPECT_EQ(Cli("search --db " + dir_ + "/db --per-page 500 x").code, 2);
  EXPECT_EQ(Cli("search --db " + dir_ + "/db --bogus x").code, 2);
  EXPECT_EQ(Cli("get --db " + dir_ + "/db").code, 2);
}

TEST_F(CliTest, BrokenLineIsReportedAndTheRestIndexed) {
  const std::string good1 = R"({"id":"disease:nando:1200001","type":"disease","title":{"ja":"球脊髄性筋萎縮症"}})";
  const std::string good2 = R"({"id":"disease:nando:1200002","type":"disease","title":{"ja":"筋萎縮性側索硬化症"}})";
  const std::string file = Write("in.jsonl", good1 + "\n" + R"({"id": "disease:x", "type": )" + "\n" +
                                                 R"({"id":"disease:y","type":"disease","title":{"en":"y"},"disease_areas":["heart"]})" +
                                                 "\n" + good2 + "\n");
  const std::string db = dir_ + "/db";
  RunResult r = Cli("index --db " + db + " " + file);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find(file + ":2: json: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(file + ":3: disease_areas[0]: unknown code \"heart\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("indexed 2 records, rejected 2"), std::string::npos) << r.out;
  RunResult s = Cli("search --db " + db + " 筋萎縮");
  EXPECT_EQ(s.code, 0);
  EXPECT_NE(s.out.find("2 records"), std::string::npos) << s.out;
  // Re-ingesting the same id replaces: still two records.
  EXPECT_EQ(Cli("index --db " + db + " " + Write("again.jsonl", good1 + "\n")).code, 0);
  EXPECT_NE(Cli("search --db " + db + " 筋萎縮").out.find("2 records"), std::string::npos);
}

TEST_F(CliTest, SearchJsonHasTheApiShape) {
  const std::string db = dir_ + "/db";
  ASSERT_EQ(Cli("index --db " + db + " " + SEEDGRAPH_TEST_DATA_DIR + "/search_corpus.jsonl").code, 0);
  RunResult r = Cli("search --db " + db + " --json ＩｇＡ");
  EXPECT_EQ(r.code, 0);
  for (const char* key : {"\"total\":", "\"hits\":[", "\"facets\":{", "\"snippet\":", "\"disease_areas\":",
                          "\"id\":\"disease:nando:1200366\""}) {
    EXPECT_NE(r.out.find(key), std::string::npos) << key << " in " << r.out.substr(0, 400);
  }
}

// `seedgraph export`: every match, CSV with a BOM and the id column first,
// or JSON Lines; the count on stderr.
TEST_F(CliTest, ExportWritesEveryMatch) {
  const std::string db = dir_ + "/db";
  ASSERT_EQ(Cli("index --db " + db + " " + SEEDGRAPH_TEST_DATA_DIR + "/search_corpus.jsonl").code, 0);
  RunResult search = Cli("search --db " + db + " --json 筋萎縮");
  const size_t at = search.out.find("\"total\":");
  ASSERT_NE(at, std::string::npos);
  const long total = std::atol(search.out.c_str() + at + 8);
  ASSERT_GT(total, 1);
  RunResult csv = Cli("export --db " + db + " --bom 筋萎縮 2>/dev/null");
  ASSERT_EQ(csv.code, 0) << csv.out;
  EXPECT_EQ(csv.out.rfind("\xEF\xBB\xBFid,type,", 0), 0u) << csv.out.substr(0, 80);
  size_t rows = 0;
  for (size_t p = csv.out.find("\r\n"); p != std::string::npos; p = csv.out.find("\r\n", p + 2)) ++rows;
  EXPECT_EQ(rows, static_cast<size_t>(total) + 1);
  EXPECT_NE(csv.out.find("筋萎縮症"), std::string::npos);
  RunResult jsonl = Cli("export --db " + db + " --format jsonl 筋萎縮");
  EXPECT_NE(jsonl.out.find("seedgraph export: " + std::to_string(total) + " records"), std::string::npos) << jsonl.out;
  EXPECT_EQ(Cli("export --db " + db + " --format jsonl --bom x").code, 2);
}

// `seedgraph alerts`: one JSON line per user, read with the role of the
// user's tokens; a user no token names is skipped, and says so.
TEST_F(CliTest, AlertsPrintEachUsersChanges) {
  const std::string db = dir_ + "/db";
  ASSERT_EQ(Cli("index --db " + db + " " + SEEDGRAPH_TEST_DATA_DIR + "/search_corpus.jsonl").code, 0);
  const std::string state = dir_ + "/state.sqlite";
  {
    auto store = seedgraph::StateStore::Open(state);
    ASSERT_TRUE(store.ok()) << store.status().message();
    seedgraph::SavedItem item;
    item.kind = "search";
    item.name = "筋萎縮";
    item.target = "q=%E7%AD%8B%E8%90%8E%E7%B8%AE";
    ASSERT_TRUE(store.value()->Add("alice", item).ok());
    ASSERT_TRUE(store.value()->Add("ghost", item).ok());
    ASSERT_TRUE(store.value()->RememberRevision("7", 0).ok());  // a revision someone saw, before any record
  }
  const std::string tokens = Write("tokens", "t1 officer alice\n");
  RunResult r = Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --since 2000-01-01");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("{\"user\":\"alice\",\"unread\":"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\"unread\":0"), std::string::npos) << "everything is new since 2000: " << r.out;
  EXPECT_NE(r.out.find("skipped ghost"), std::string::npos) << r.out;
  // Since the last look (seen_stamp 0 here: everything), then marked seen: nothing.
  ASSERT_EQ(Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --mark-seen").code, 0);
  RunResult after = Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --user alice");
  EXPECT_NE(after.out.find("\"unread\":0"), std::string::npos) << after.out;
  EXPECT_EQ(Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --since yesterday").code, 2);
  // Since a revision the state file noted: everything after it.
  RunResult rev = Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --user alice --since 7");
  ASSERT_EQ(rev.code, 0) << rev.out;
  EXPECT_EQ(rev.out.find("\"unread\":0"), std::string::npos) << rev.out;
  RunResult unknown = Cli("alerts --db " + db + " --state " + state + " --tokens " + tokens + " --since 99.99");
  EXPECT_EQ(unknown.code, 3);
  EXPECT_NE(unknown.out.find("never seen"), std::string::npos) << unknown.out;
}

TEST_F(CliTest, GetShowsLinksAndNotFoundExitsOne) {
  const std::string db = dir_ + "/db";
  ASSERT_EQ(Cli("index --db " + db + " " + SEEDGRAPH_TEST_DATA_DIR + "/search_corpus.jsonl").code, 0);
  RunResult r = Cli("get --db " + db + " disease:nando:1200001");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\"studies\":[{\"id\":\"topic:test:sbma-antisense\",\"direction\":\"in\""), std::string::npos)
      << r.out;
  EXPECT_EQ(Cli("get --db " + db + " disease:nando:9999999").code, 1);
}

TEST_F(CliTest, MissingIndexIsARuntimeFailure) {
  RunResult r = Cli("search --db " + dir_ + "/nothing-here x");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("no index at"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("DatabaseNotFoundError"), std::string::npos) << "no Xapian internals: " << r.out;
  EXPECT_EQ(Cli("index --db " + dir_ + "/db " + dir_ + "/missing.jsonl").code, 3);
}

// Scripts and service managers stop the server with SIGTERM (Ctrl-C sends
// SIGINT): it must stop serving and exit 0, not die of the signal.
TEST_F(CliTest, ServeStopsCleanlyOnSigtermAndSigint) {
  const std::string db = dir_ + "/db";
  ASSERT_EQ(Cli("index --db " + db + " " + SEEDGRAPH_TEST_DATA_DIR + "/search_corpus.jsonl").code, 0);
  for (int sig : {SIGTERM, SIGINT}) {
    const int port = FreePort();
    ASSERT_GT(port, 0);
    const std::string port_text = std::to_string(port);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      execl(SEEDGRAPH_BINARY, SEEDGRAPH_BINARY, "serve", "--db", db.c_str(), "--bind", "127.0.0.1", "--port",
            port_text.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    bool up = false;
    for (int i = 0; i < 200 && !up; ++i) {
      up = Accepts(port);
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    EXPECT_TRUE(up) << "serve never accepted on port " << port;
    ASSERT_EQ(kill(pid, sig), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status)) << "signal " << sig << " killed the server (status " << status << ")";
    if (WIFEXITED(status)) {
      EXPECT_EQ(WEXITSTATUS(status), 0) << "signal " << sig;
    }
    EXPECT_FALSE(Accepts(port)) << "still accepting after signal " << sig;
  }
}

}  // namespace
