// The HTTP server: CONTRACT.md §3 over cpp-httplib, plus the web UI.
//
// A Server owns everything a request needs (database handles, the shared
// analyzer, the token table), so several servers can live in one process
// (tests) and nothing is global.  Handlers only parse, call query/, and
// write JSON; status codes are decided in one place from the Status.
//
// Typical use (CLI):
//   auto server = Server::Create(options);   // fails early on bad config
//   server.value()->Listen();                // blocks until Stop()
// Tests:
//   int port = server->BindToAnyPort();
//   std::thread t([&] { server->ListenAfterBind(); });
//   ... httplib::Client("127.0.0.1", port) ...
//   server->Stop(); t.join();
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "query/index_view.h"  // ViewOptions
#include "schema/status.h"

namespace seedgraph {

struct ServerOptions {
  std::string db_path;          // a seedgraph index (required)
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string tokens_file;      // "" : no tokens, every caller is public
  // The web UI's files, served at "/"; "" serves no UI.  The CLI passes the
  // directory it was built with (SEEDGRAPH_STATIC_DIR).
  std::string static_dir;
  size_t max_query_bytes = 2048;        // of the decoded q parameter
  // POST /api/records bodies (Content-Length or chunked); they are
  // streamed into the index, so memory does not grow with the limit.
  size_t max_body_bytes = size_t{1} << 30;
  int max_results = 100;                // `limit` of related and match
  int max_graph_nodes = 1000;           // `limit` of graph
  // Connection handling (web/listener.h): no idle, slow or trickling
  // client holds a worker.
  int read_timeout_s = 5;               // a body read or answer write without progress
  int write_timeout_s = 5;
  int head_timeout_s = 10;              // connect (or first byte) -> whole request head
  int idle_timeout_s = 5;               // a kept-alive connection with no new request
  int request_timeout_s = 60;           // body + answer, except an admin ingest
  size_t max_connections = 512;         // more get 503 and are closed
  int threads = 8;                      // worker threads
  size_t keep_alive_max_requests = 1000;  // per connection, then it is closed
  // Tag dictionary for POST /api/records (derived disease areas and
  // modalities, as `seedgraph index` does); "" ingests without tagging.
  std::string tag_dictionary;
  // Where POST /api/records writes: "" for db_path itself.  A server whose
  // db_path is a stub of remote shards cannot write there; given the
  // sharded index directory the shards are served from, it writes there and
  // reads the new records through the shard servers.
  std::string ingest_db;
  // How long a remote shard may take to connect and to answer one request
  // before the answer is 503 naming it (serve --shard-timeout).
  ViewOptions shards;
  // Saved searches, watches and what each user has seen (SQLite; created
  // on first use).  "": those endpoints answer 503 "no state file".
  std::string state_file;
  // One line per request ("GET /api/search?q=x 200 3ms"); null: no log.
  // Must outlive the Server; writes are serialised by the Server.
  std::ostream* access_log = nullptr;
};

class Server {
 public:
  // Checks the options, loads the tokens file ("file:line: reason" on a bad
  // line) and opens the index once, so that a misconfigured server fails
  // here rather than on its first request.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds options.bind:options.port and serves until Stop().
  Status Listen();

  // Binds options.bind on a free port and returns it (-1 on failure); the
  // socket accepts connections from then on, so a client may connect before
  // ListenAfterBind() starts serving.
  int BindToAnyPort();
  // Serves on the socket bound by BindToAnyPort() until Stop().
  Status ListenAfterBind();

  // Makes Listen()/ListenAfterBind() return; safe from any thread, before,
  // during or after they run.  Join the serving thread before destroying.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace seedgraph
