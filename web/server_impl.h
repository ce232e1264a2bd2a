// Inside the Server: what the route handlers share.  Private to web/.
//
// server.cpp holds the plumbing (route table, dispatch, authentication,
// errors, access log, lifecycle); the handlers live by responsibility in
// routes_records.cpp (health, search, records, vocab), routes_officer.cpp
// (graph, related, match, crosslinks, indicators) and routes_ingest.cpp
// (POST /api/records).  Every handler parses its parameters, calls query/
// (or the indexer) and writes JSON through query/json.h; none decides an
// HTTP status other than through ErrorReply(Status).
#pragma once

#include <httplib.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "indexer/tagger.h"
#include "query/store.h"
#include "schema/analyzer.h"
#include "web/params.h"
#include "web/server.h"
#include "web/tokens.h"

namespace seedgraph {

// What a handler answers: an HTTP status and a JSON body.
struct Reply {
  int http = 200;
  std::string body;
};

Reply ErrorReply(int http, const std::string& code, const std::string& message);
// The one mapping from a Status to an HTTP answer.  Messages come from
// query/, which never names a record the caller may not see.
Reply ErrorReply(const Status& s);

// cpp-httplib 0.11.4 listens with a backlog of 5, fixed in Debian's prebuilt
// library: with more simultaneous connects the kernel drops SYNs and those
// clients wait a full second for the retransmit.  Calling listen() again on
// a listening socket raises the backlog (POSIX allows it; Linux honours it).
class HttpServer : public httplib::Server {
 public:
  void RaiseBacklog();
};

struct Server::Impl {
  // What a handler gets: the caller's role (and whether a token was given at
  // all), the decoded query parameters and the decoded path captures.
  struct Call {
    const httplib::Request& req;
    Role role;
    bool authenticated;
    QueryParams params;
    std::vector<std::string> captures;
  };
  using Handler = Reply (Impl::*)(const Call&);

  struct Route {
    std::string method;
    // "/api/records/{id}": literal text and at most one {capture}, matched
    // against the raw, still percent-encoded path (see MatchPath).
    std::string pattern;
    Handler handler;
    // Accepted query parameters (checked before the handler runs).
    const std::vector<std::string>* params;
  };

  Impl(const ServerOptions& o, TokenTable t) : options(o), tokens(std::move(t)), pool(o.db_path) {}

  ServerOptions options;
  TokenTable tokens;
  DatabasePool pool;
  Analyzer analyzer;
  std::optional<Tagger> tagger;  // loaded once by Create() when configured
  HttpServer http;
  std::vector<Route> routes;
  std::mutex log_mu;
  // One writer at a time: Xapian allows a single WritableDatabase per index,
  // and two ingests in this process would otherwise fail each other's lock.
  std::mutex ingest_mu;

  // Stop() must not race with the start of the accept loop (see Stop()).
  std::mutex state_mu;
  bool stop_requested = false;
  std::atomic<bool> serving{false};

  void Configure();
  void AddRoutes();
  void Dispatch(const httplib::Request& req, httplib::Response& res);
  Reply Run(const Route& route, std::string_view capture, const httplib::Request& req, std::string_view query);
  void Log(const std::string& line);

  // Borrows a database handle for the length of `f`.
  template <typename F>
  Reply WithDb(F f) {
    Result<DatabasePool::Lease> lease = pool.Borrow();
    if (!lease.ok()) return ErrorReply(lease.status());
    return f(lease.value().db());
  }

  // The search part of a request (q, filters, year range) with the caller's
  // role, parsed and validated; used by search, crosslinks and indicators.
  Result<SearchRequest> SearchPart(const Call& call) const;

  // routes_records.cpp
  Reply Health(const Call& call);
  Reply SearchRecords(const Call& call);
  Reply GetRecordById(const Call& call);
  Reply Vocab(const Call& call);
  // routes_officer.cpp
  Reply GraphOf(const Call& call);
  Reply RelatedTo(const Call& call);
  Reply Match(const Call& call);
  Reply CrossLinksMatrix(const Call& call);
  Reply IndicatorTable(const Call& call);
  Reply Pairing(const Call& call);
  // routes_ingest.cpp
  Reply IngestRecords(const Call& call);
};

}  // namespace seedgraph
