// serve and demo: the HTTP side of the CLI.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/flags.h"
#include "indexer/ingest.h"
#include "indexer/resolve.h"
#include "query/store.h"
#include "web/server.h"

namespace seedgraph {
namespace {

constexpr const char* kServeUsage = R"(usage: seedgraph serve --db DIR [OPTIONS]

Serves the HTTP JSON API (CONTRACT §3) and the web UI at http://BIND:PORT/.

options:
  --db DIR         index directory (required)
  --port N         default 8080
  --bind ADDR      default 127.0.0.1
  --tokens FILE    "TOKEN ROLE" per line (roles: public, officer, admin);
                   without it every caller is public
  --threads N      worker threads (default 8); a worker is held only while a
                   request is answered, never by an idle or slow client
  --max-connections N  open connections at once (default 512); more get 503
  --head-timeout S     seconds for a whole request head (default 10)
  --idle-timeout S     seconds a kept-alive connection may idle (default 5)
  --max-body-bytes N   POST /api/records body limit (default 1 GiB, streamed)
  --static DIR     web UI files (default: the source tree's web/static)
  --tags FILE      tag dictionary for POST /api/records (default: the bundled
                   data/vocab/tags.tsv); --no-tags ingests without tagging
  --state FILE     saved searches, watches and alerts per token (SQLite,
                   created on first use); without it those endpoints 503
  --shard-timeout MS  how long a remote shard may take to answer one read
                   (default 10000; connecting: at most 2000) before the answer
                   is 503 naming it
  --ingest-db DIR  where POST /api/records writes when --db is a stub of
                   remote shards: the sharded index directory they are
                   served from (docs/DEPLOY.md); without it such a server
                   answers POST with 405
exit codes: 0 stopped, 2 usage error, 3 runtime failure (port in use, no index)
)";

constexpr const char* kDemoUsage = R"(usage: seedgraph demo [--port 8080] [--bind 127.0.0.1] [--db DIR] [--rebuild]

Indexes the bundled demo corpus (data/demo/*.jsonl: NANDO with the MHLW list
of designated intractable diseases, KAKEN grants, EDINET companies, PubMed,
WHO ICTRP, NBDC, Pap2Pat) into DIR if it is not there yet, tagging records
with data/vocab/tags.tsv and resolving same_as links, then serves it like
`seedgraph serve`.

options:
  --db DIR         default: build/demo-index in the source tree
  --data DIR       default: data/demo in the source tree
  --rebuild        index again even if DIR exists
)";

// Fills ServerOptions from flags; returns "" or a usage error.
std::string ServerFlags(const Flags& flags, ServerOptions* opts) {
  opts->bind = flags.Get("bind", "127.0.0.1");
  opts->tokens_file = flags.Get("tokens");
  opts->ingest_db = flags.Get("ingest-db");
  opts->state_file = flags.Get("state");
  opts->static_dir = flags.Get("static", SEEDGRAPH_SOURCE_DIR "/web/static");
  int port = 8080, threads = 8;
  if (!ParseInt(flags.Get("port", "8080"), &port) || port < 0 || port > 65535) return "--port must be 0..65535";
  if (!ParseInt(flags.Get("threads", "8"), &threads) || threads < 1 || threads > 256) return "--threads must be 1..256";
  opts->port = port;
  opts->threads = threads;
  int conns = 512, head = 10, idle = 5;
  long long body = static_cast<long long>(ServerOptions{}.max_body_bytes);
  if (!ParseInt(flags.Get("max-connections", "512"), &conns) || conns < 1 || conns > 100000) {
    return "--max-connections must be 1..100000";
  }
  if (!ParseInt(flags.Get("head-timeout", "10"), &head) || head < 1) return "--head-timeout must be >= 1";
  if (!ParseInt(flags.Get("idle-timeout", "5"), &idle) || idle < 1) return "--idle-timeout must be >= 1";
  if (flags.Has("max-body-bytes")) {
    const std::string v = flags.Get("max-body-bytes");
    if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos || std::stoll(v) < 1) {
      return "--max-body-bytes must be a positive number of bytes";
    }
    body = std::stoll(v);
  }
  const ViewOptions shard_defaults;
  int shard_ms = 0;
  if (!ParseInt(flags.Get("shard-timeout", std::to_string(shard_defaults.remote_timeout_ms)), &shard_ms) ||
      shard_ms < 100 || shard_ms > 600000) {
    return "--shard-timeout must be 100..600000 milliseconds";
  }
  opts->shards.remote_timeout_ms = static_cast<unsigned>(shard_ms);
  opts->shards.remote_connect_ms = std::min(shard_defaults.remote_connect_ms, opts->shards.remote_timeout_ms);
  opts->max_connections = static_cast<size_t>(conns);
  opts->head_timeout_s = head;
  opts->idle_timeout_s = idle;
  opts->max_body_bytes = static_cast<size_t>(body);
  opts->access_log = &std::cerr;
  // POST /api/records tags like `seedgraph index`: the bundled dictionary
  // unless --tags names another or --no-tags turns it off.
  std::error_code ec;
  const std::string bundled = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
  if (flags.Has("tags")) opts->tag_dictionary = flags.Get("tags");
  else if (!flags.Has("no-tags") && std::filesystem::exists(bundled, ec)) opts->tag_dictionary = bundled;
  return "";
}

// SIGINT/SIGTERM stop the server cleanly (exit 0) instead of killing it
// mid-write: the signals are blocked before any thread exists (threads
// inherit the mask), and one watcher thread takes them with sigwait() and
// calls Stop().  Unwatch() wakes it with SIGUSR1; a SIGUSR1 from outside
// (log rotation) is ignored.  The mask is not restored: the process exits
// after serving, and a second Ctrl-C must not kill it on the way out.
class SignalStopper {
 public:
  SignalStopper() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  void Watch(Server* server) {
    watcher_ = std::thread([this, server] {
      for (;;) {
        int sig = 0;
        if (sigwait(&set_, &sig) != 0) continue;
        if (sig == SIGUSR1) {
          if (unwatching_.load()) return;
          continue;
        }
        std::cerr << "seedgraph serve: stopping (signal " << sig << ")\n";
        server->Stop();
        return;
      }
    });
  }
  // Ends the watcher; call it before the watched server is destroyed.
  void Unwatch() {
    if (!watcher_.joinable()) return;
    unwatching_.store(true);
    pthread_kill(watcher_.native_handle(), SIGUSR1);
    watcher_.join();
  }
  ~SignalStopper() { Unwatch(); }
  SignalStopper(const SignalStopper&) = delete;
  SignalStopper& operator=(const SignalStopper&) = delete;

 private:
  sigset_t set_;
  std::atomic<bool> unwatching_{false};
  std::thread watcher_;
};

int Serve(const ServerOptions& opts) {
  SignalStopper stopper;
  auto server = Server::Create(opts);
  if (!server.ok()) {
    std::cerr << "seedgraph serve: " << server.status().message() << "\n";
    return kExitFailure;
  }
  stopper.Watch(server.value().get());
  std::cerr << "serving " << opts.db_path << " on http://" << opts.bind << ":" << opts.port << "/\n";
  Status st = server.value()->Listen();
  stopper.Unwatch();
  if (!st.ok()) {
    std::cerr << "seedgraph serve: " << st.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

// Indexes every *.jsonl of data_dir into db_path.
int BuildDemoIndex(const std::string& data_dir, const std::string& db_path) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir, ec)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path().string());
  }
  if (files.empty()) {
    std::cerr << "seedgraph demo: no .jsonl files in " << data_dir << "\n";
    return kExitFailure;
  }
  std::sort(files.begin(), files.end());
  std::filesystem::remove_all(db_path, ec);
  IngestOptions options;
  options.import.files = files;
  options.index.db_path = db_path;
  options.jobs = kDefaultIndexJobs;
  std::string tags = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
  if (std::filesystem::exists(tags, ec)) options.tag_dictionary = tags;
  std::string lexicon = SEEDGRAPH_SOURCE_DIR "/data/vocab/lexicon.tsv";
  if (std::filesystem::exists(lexicon, ec)) options.lexicon = lexicon;
  options.errors = &std::cerr;
  if (isatty(STDERR_FILENO)) options.progress = &std::cerr;
  std::cerr << "indexing the demo corpus (" << files.size() << " files) into " << db_path << "\n";
  auto stats = Ingest(options);
  if (!stats.ok()) {
    std::cerr << "seedgraph demo: " << stats.status().message() << "\n";
    return kExitFailure;
  }
  std::cerr << "indexed " << stats->indexed << " records, rejected " << stats->rejected << "\n";
  // The demo shows resolved entities (same_as with evidence), as an officer's
  // index would after `seedgraph resolve`.
  ResolveOptions resolve;
  resolve.db_path = db_path;
  auto merged = Resolve(resolve);
  if (!merged.ok()) {
    std::cerr << "seedgraph demo: " << merged.status().message() << "\n";
    return kExitFailure;
  }
  std::cerr << "resolved: " << merged->new_links << " same_as links\n";
  return kExitOk;
}

}  // namespace

int RunServe(int argc, char** argv) {
  Flags flags({"help", "no-tags"}, {"db", "port", "bind", "tokens", "threads", "static", "tags", "max-connections", "head-timeout", "idle-timeout", "max-body-bytes", "ingest-db", "state", "shard-timeout"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kServeUsage;
    return kExitOk;
  }
  ServerOptions opts;
  if (err.empty() && !flags.Has("db")) err = "--db is required";
  if (err.empty()) err = ServerFlags(flags, &opts);
  if (!err.empty()) {
    std::cerr << "seedgraph serve: " << err << "\n\n" << kServeUsage;
    return kExitUsage;
  }
  opts.db_path = flags.Get("db");
  return Serve(opts);
}

int RunDemo(int argc, char** argv) {
  Flags flags({"help", "rebuild", "no-tags"}, {"db", "data", "port", "bind", "threads", "tokens", "static", "tags", "max-connections", "head-timeout", "idle-timeout", "max-body-bytes", "state"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kDemoUsage;
    return kExitOk;
  }
  ServerOptions opts;
  if (err.empty()) err = ServerFlags(flags, &opts);
  if (!err.empty()) {
    std::cerr << "seedgraph demo: " << err << "\n\n" << kDemoUsage;
    return kExitUsage;
  }
  opts.db_path = flags.Get("db", SEEDGRAPH_SOURCE_DIR "/build/demo-index");
  const bool missing = !OpenDatabase(opts.db_path).ok();
  if (missing || flags.Has("rebuild")) {
    int code = BuildDemoIndex(flags.Get("data", SEEDGRAPH_SOURCE_DIR "/data/demo"), opts.db_path);
    if (code != kExitOk) return code;
  }
  return Serve(opts);
}

}  // namespace seedgraph
