// Real xapian-tcpsrv processes (Debian's xapian-tools) for the shard tests:
// one per shard and visibility level of a sharded index, on loopback ports,
// and the stub file listing them with the local lexicon databases (the
// layout of docs/DEPLOY.md).  Used by shards_test and, with
// SEEDGRAPH_TEST_REMOTE=1, by every HTTP suite (tests/http_util.h).
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "schema/index_dir.h"
#include "tests/net_util.h"

namespace seedgraph {

// xapian-tcpsrv serving `db` on 127.0.0.1:port; its output to /dev/null.
// It forks a child per connection, so it leads a process group of its own,
// which kill(-pid) ends whole.  Parent and child both set the group, so a
// kill right after the fork cannot miss it (and waitpid then hang).
inline pid_t StartTcpsrv(int port, const std::string& db) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    const std::string p = std::to_string(port);
    execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", p.c_str(), db.c_str(),
           static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(pid, pid);
  return pid;
}

// The servers of one sharded index; all killed when this goes.
class TcpsrvFleet {
 public:
  TcpsrvFleet() = default;
  TcpsrvFleet(const TcpsrvFleet&) = delete;
  TcpsrvFleet& operator=(const TcpsrvFleet&) = delete;
  ~TcpsrvFleet() { StopAll(); }

  // Serves every part of the `shards`-shard index in `dir` and writes the
  // stub naming them to `stub`.  An empty string when all accept
  // connections (10 s at most), else what went wrong.
  std::string Start(const std::string& dir, size_t shards, const std::string& stub) {
    static const char* const kLevels[] = {"public", "internal", "restricted"};
    std::ofstream out(stub);
    for (const char* level : kLevels) {
      out << "# seedgraph level " << level << "\n";
      for (size_t k = 0; k < shards; ++k) {
        const int port = FreePort();
        if (port <= 0) return "no free loopback port";
        servers_.push_back({StartTcpsrv(port, ShardPartPath(dir, k, level)), port});
        out << "remote tcp 127.0.0.1 " << port << "\n";
      }
    }
    for (const char* level : kLevels) out << "# seedgraph lexicon " << level << "\nglass " << LexiconPartPath(dir, level) << "\n";
    out.close();
    if (!out) return "cannot write " + stub;
    for (const auto& s : servers_) {
      bool up = false;
      for (int i = 0; i < 200 && !up; ++i) {
        up = Accepts(s.second);
        if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!up) return "xapian-tcpsrv on port " + std::to_string(s.second) + " did not start";
    }
    return "";
  }

  // Kills the server of part i (in stub order); false when there is none.
  bool Kill(size_t i) {
    if (i >= servers_.size() || servers_[i].first <= 0) return false;
    kill(-servers_[i].first, SIGKILL);
    waitpid(servers_[i].first, nullptr, 0);
    servers_[i].first = 0;
    return true;
  }
  int port(size_t i) const { return servers_[i].second; }
  size_t size() const { return servers_.size(); }

  void StopAll() {
    for (size_t i = 0; i < servers_.size(); ++i) Kill(i);
    servers_.clear();
  }

 private:
  std::vector<std::pair<pid_t, int>> servers_;  // (process group, port)
};

}  // namespace seedgraph
