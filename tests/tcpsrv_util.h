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
  // stub naming them to `stub`.  An empty string when every server accepts
  // connections on its own port (10 s at most each), else what went wrong.
  std::string Start(const std::string& dir, size_t shards, const std::string& stub) {
    static const char* const kLevels[] = {"public", "internal", "restricted"};
    std::ofstream out(stub);
    for (const char* level : kLevels) {
      out << "# seedgraph level " << level << "\n";
      for (size_t k = 0; k < shards; ++k) {
        const std::string part = ShardPartPath(dir, k, level);
        const int port = Serve(part);
        if (port <= 0) return "xapian-tcpsrv for " + part + " did not start";
        out << "remote tcp 127.0.0.1 " << port << "\n";
      }
    }
    for (const char* level : kLevels) out << "# seedgraph lexicon " << level << "\nglass " << LexiconPartPath(dir, level) << "\n";
    out.close();
    if (!out) return "cannot write " + stub;
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
  // Stops (SIGSTOP) or resumes (SIGCONT) the server of part i and the
  // connections it serves: a stalled server, which accepts and never
  // answers.  False when there is none.
  bool Pause(size_t i) { return Signal(i, SIGSTOP); }
  bool Resume(size_t i) { return Signal(i, SIGCONT); }
  int port(size_t i) const { return servers_[i].second; }
  size_t size() const { return servers_.size(); }

  void StopAll() {
    for (size_t i = 0; i < servers_.size(); ++i) Kill(i);
    servers_.clear();
  }

 private:
  bool Signal(size_t i, int sig) {
    if (i >= servers_.size() || servers_[i].first <= 0) return false;
    return kill(-servers_[i].first, sig) == 0;
  }
  // A server of `db` on a free port, once it accepts connections and still
  // runs: one that lost its port between FreePort and its bind (to a server
  // of this fleet or of a test running beside it) exits at once, while the
  // port accepts for the other, so the stub would name the wrong database.
  // Then another port; the port, or -1 after 5 tries.
  int Serve(const std::string& db) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      const int port = FreePort();
      if (port <= 0) return -1;
      const pid_t pid = StartTcpsrv(port, db);
      bool up = false;
      for (int i = 0; i < 200 && !up; ++i) {
        up = Accepts(port);
        if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a refused bind exits within ms
      if (up && waitpid(pid, nullptr, WNOHANG) == 0) {
        servers_.push_back({pid, port});
        return port;
      }
      kill(-pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
    return -1;
  }

  std::vector<std::pair<pid_t, int>> servers_;  // (process group, port)
};

}  // namespace seedgraph
