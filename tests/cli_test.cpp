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
  for (const char* cmd : {"index", "convert", "search", "get", "serve", "demo"}) {
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
