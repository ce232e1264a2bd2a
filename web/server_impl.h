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
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "indexer/tagger.h"
#include "query/store.h"
#include "schema/analyzer.h"
#include "web/listener.h"
#include "web/params.h"
#include "web/server.h"
#include "web/state_store.h"
#include "web/tokens.h"

namespace seedgraph {

// What a handler answers: an HTTP status and a JSON body.
struct Reply {
  int http = 200;
  std::string body;
  bool retry = false;    // the index changed while answering: worth one retry
  std::string revision{};  // the index revision it was answered from ("" none)
  bool pin = false;        // it gave a cursor: keep its view at its revision
  // A streamed answer (an export): written by `stream` after the handler
  // returned, as `content_type`; it ends the sink itself, false aborts.
  std::function<bool(httplib::DataSink&)> stream{};
  std::string content_type{};  // of `stream`, or of `body` when not JSON
  std::string filename{};  // Content-Disposition: attachment
};

Reply ErrorReply(int http, const std::string& code, const std::string& message);
// The revision a database handle reads, as a decimal string; "" when the
// handle has none (a combination of several databases).
// The one mapping from a Status to an HTTP answer.  Messages come from
// query/, which never names a record the caller may not see.
Reply ErrorReply(const Status& s);
// At most 1 KiB of `s` with control bytes replaced: for log lines.
std::string Printable(const std::string& s);

// cpp-httplib's request parser, router and response writer, fed one
// request at a time by our Listener instead of its own accept loop (which
// gives every connection a worker for its whole life; web/listener.h).
class HttpServer : public httplib::Server {
 public:
  HttpServer();
  ~HttpServer() override;
  // Reads one request from `stream` and answers it; false when the
  // connection must close (a read or write failed, or the client asked).
  bool ServeOne(httplib::Stream& stream, bool close_after, const std::function<void(httplib::Request&)>& setup);
};

struct Server::Impl {
  // What a handler gets: the caller's role (and whether a token was given at
  // all), the decoded query parameters and the decoded path captures.
  struct Call {
    const httplib::Request& req;
    Role role;
    bool authenticated;
    std::string user;  // the token's user ("" without a token)
    QueryParams params;
    std::vector<std::string> captures;
    // The body, for the one route that takes one (POST /api/records): read
    // as it arrives instead of buffered (null for every other route).
    const httplib::ContentReader* body = nullptr;
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

  Impl(const ServerOptions& o, TokenTable t) : options(o), tokens(std::move(t)), pool(o.db_path, o.shards) {}

  ServerOptions options;
  TokenTable tokens;
  DatabasePool pool;
  Analyzer analyzer;
  std::optional<Tagger> tagger;  // loaded once by Create() when configured
  std::unique_ptr<StateStore> state;  // saved searches and watches (--state); null without
  HttpServer http;
  std::unique_ptr<Listener> listener;
  std::vector<Route> routes;
  std::mutex log_mu;
  // One writer at a time: Xapian allows a single WritableDatabase per index,
  // and two ingests in this process would otherwise fail each other's lock.
  std::mutex ingest_mu;

  void Configure();
  void AddRoutes();
  // The Listener's ServeFn: checks the head (framing, who may send a
  // body), then lets cpp-httplib parse and route the request.
  bool Serve(ConnectionStream& stream, const RequestHead& head, bool last);
  // An answer decided from the head alone, before any body byte is read:
  // an anonymous 300 MB chunked POST gets its 401 at once.
  std::optional<Reply> Precheck(const RequestHead& head) const;
  // The route for a method and raw path; null with *reply set (404/405).
  const Route* FindRoute(const std::string& method, std::string_view path, std::string_view* capture,
                         Reply* reply) const;
  void Dispatch(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* body);
  Reply Run(const Route& route, std::string_view capture, const httplib::Request& req, std::string_view query,
            const httplib::ContentReader* body);
  void Log(const std::string& line);

  // Borrows a view for the caller's role (the parts it may see) for the
  // length of `f`.  A commit that lands while `f` reads (Xapian's
  // DatabaseModifiedError, kAborted) is retried once on the newest revision.
  // The answer names the revision it was read from (Seedgraph-Revision).
  // With `at` (a cursor's revision), the view reads that revision or the
  // answer is 410: a page of a cursor never comes from another revision.
  template <typename F>
  Reply WithDb(const Call& call, F f, const std::string* at = nullptr) {
    Result<DatabasePool::Lease> lease = at == nullptr ? pool.Borrow(call.role) : pool.BorrowAt(call.role, *at);
    if (!lease.ok()) return ErrorReply(lease.status());
    IndexView& view = lease.value().view();
    // A Xapian error a route did not map itself (a remote shard that dies
    // mid-request, say) is still a 503 naming it, never a 500.
    auto run = [&f, &view]() -> Reply {
      try {
        return f(view);
      } catch (const Xapian::Error& e) {
        return ErrorReply(ReadError(e, "reading the index"));
      }
    };
    Reply reply = run();
    if (reply.http == 503 && !reply.retry && view.remote()) {
      // A read error names no shard when the connection timed out: say
      // which server does not answer, as a failed reopen would.
      const std::string dead = view.DeadPart();
      if (!dead.empty()) return ErrorReply(Status::IOError("index shard " + dead + " did not answer"));
    }
    if (reply.retry && at != nullptr) {
      return ErrorReply(Status::Gone("the index has moved on from revision " + *at +
                                     " of this cursor: start again from the first page"));
    }
    if (reply.retry) {
      Status reopened = view.Reopen();
      if (!reopened.ok()) return ErrorReply(reopened);
      reply = run();
    }
    reply.revision = view.revision();
    if (reply.pin) lease.value().Pin();
    return reply;
  }

  // The search part of a request (q, filters, year range) with the caller's
  // role, parsed and validated; used by search, crosslinks and indicators.
  Result<SearchRequest> SearchPart(const Call& call) const;

  // routes_records.cpp
  Reply Health(const Call& call);
  Reply SearchRecords(const Call& call);
  Reply ExportRecords(const Call& call);
  Reply GetRecordById(const Call& call);
  Reply Vocab(const Call& call);
  Reply OpenApi(const Call& call);
  // routes_officer.cpp
  Reply GraphOf(const Call& call);
  Reply RelatedTo(const Call& call);
  Reply Match(const Call& call);
  Reply ProfileOfCompany(const Call& call);
  Reply CrossLinksMatrix(const Call& call);
  Reply IndicatorTable(const Call& call);
  Reply Pairing(const Call& call);
  // routes_ingest.cpp
  Reply IngestRecords(const Call& call);
  // routes_saved.cpp
  std::optional<Reply> NeedState(const Call& call) const;
  Reply ListSaved(const Call& call);
  Reply AddSaved(const Call& call);
  Reply RenameSaved(const Call& call);
  Reply RemoveSaved(const Call& call);
  Reply Alerts(const Call& call);
  Reply AlertsSeen(const Call& call);
  Reply AlertsAtom(const Call& call);
};

}  // namespace seedgraph
