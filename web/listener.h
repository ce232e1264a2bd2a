// Connections in, whole request heads out: the accept loop of `serve`.
//
// cpp-httplib 0.11.4 gives each connection a worker thread from accept to
// close, and its read timeout restarts on every byte: 100 idle connections
// or 16 slowloris clients held all 8 workers and nobody else got an answer
// (issue #10).  Here one thread watches every waiting connection with epoll
// and hands a connection to a worker only once a whole request head has
// arrived; after the answer the connection comes back to that thread, so an
// idle keep-alive client holds no worker either, and requests are served in
// arrival order (wrk at 64 connections: no 7.7 s tail behind kept-alive
// neighbours).  Every wait has an absolute deadline: a head must be complete
// within head_timeout of the connection's turn starting, however slowly it
// trickles in; a kept-alive connection idle for idle_timeout is closed.
// Past max_connections a new connection gets a 503 and is closed at once.
//
// The listener knows nothing of routes: a ServeFn answers one request.
#pragma once

#include <httplib.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/status.h"

namespace seedgraph {

struct ListenerOptions {
  int workers = 8;              // threads that answer requests
  size_t max_connections = 512; // open at once (waiting or being answered)
  int head_timeout_ms = 10000;  // accept -> whole head; also between requests once bytes arrive
  int idle_timeout_ms = 5000;   // a kept-alive connection with no new byte
  int io_timeout_ms = 5000;     // a body read or answer write without progress
  int request_timeout_ms = 60000;  // whole body + answer, unless the ServeFn extends it
  size_t max_head_bytes = 64u << 10;
  size_t max_requests_per_connection = 1000;
};

// The request line and headers exactly as sent (no percent-decoding).
struct RequestHead {
  std::string method, target, version;
  std::vector<std::pair<std::string, std::string>> headers;  // values trimmed
  bool ok = false;  // ParseRequestHead() accepted it

  size_t Count(std::string_view name) const;          // case-insensitive name
  const std::string* Find(std::string_view name) const;  // the first, or null
  // The path of the target, without the query.
  std::string_view path() const;
};

// Parses a head that ends with its blank line; false when it is malformed
// (cpp-httplib then answers 400 itself).
bool ParseRequestHead(std::string_view text, RequestHead* out);

struct Connection;

// The byte stream of one request on a connection, for cpp-httplib's
// request parser: reads come from what the listener buffered first.
class ConnectionStream : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;
  ConnectionStream(Connection* c, const ListenerOptions& o);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override;

  // Lifts the whole-request limit (an authenticated bulk ingest); the
  // per-operation io timeout still applies.
  void NoRequestDeadline() { deadline_ = Clock::time_point::max(); }

 private:
  int WaitMs() const;  // the poll timeout: io timeout capped by the deadline
  Connection* c_;
  int io_timeout_ms_;
  Clock::time_point deadline_;
};

// Answers one request whose head has arrived; returns whether the
// connection may carry another request (false closes it).
// `last` says this is the connection's last allowed request.
using ServeFn = std::function<bool(ConnectionStream& stream, const RequestHead& head, bool last)>;

class Listener {
 public:
  Listener(const ListenerOptions& options, ServeFn serve);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds host:port (0: any free port) and starts accepting into the
  // kernel's backlog; returns the port, or an error.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(); the workers are joined before it returns.
  Status Run();
  // Makes Run() return; safe from any thread, before or during Run().
  void Stop();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace seedgraph
