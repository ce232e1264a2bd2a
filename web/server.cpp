#include "web/server.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "query/json.h"
#include "schema/index_dir.h"
#include "web/server_impl.h"

namespace seedgraph {

Reply ErrorReply(int http, const std::string& code, const std::string& message) {
  return {http, ErrorJson(code, message)};
}

Reply ErrorReply(const Status& s) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument: return ErrorReply(400, "invalid_argument", s.message());
    case Status::Code::kNotFound: return ErrorReply(404, "not_found", s.message());
    case Status::Code::kPermissionDenied: return ErrorReply(403, "permission_denied", s.message());
    case Status::Code::kIOError: return ErrorReply(503, "unavailable", s.message());
    case Status::Code::kAborted: {
      Reply r = ErrorReply(503, "unavailable", s.message());
      r.retry = true;
      return r;
    }
    case Status::Code::kGone: return ErrorReply(410, "gone", s.message());
    case Status::Code::kOk:  // an OK status is no error: a bug in the caller
    case Status::Code::kInternal: break;
  }
  return ErrorReply(500, "internal", s.message());
}

// cpp-httplib writes a streamed (content provider) body only while its
// listening socket is valid ("not shutting down"); ours is the Listener's,
// so it holds a descriptor of /dev/null there, which no one listens on.
HttpServer::HttpServer() { svr_sock_ = ::open("/dev/null", O_RDONLY | O_CLOEXEC); }

HttpServer::~HttpServer() {
  const int fd = svr_sock_.exchange(INVALID_SOCKET);
  if (fd >= 0) ::close(fd);
}

bool HttpServer::ServeOne(httplib::Stream& stream, bool close_after,
                          const std::function<void(httplib::Request&)>& setup) {
  bool closed = false;
  const bool ok = process_request(stream, close_after, closed, setup);
  return ok && !closed;
}

namespace {

constexpr char kJsonType[] = "application/json";

// Error codes for answers cpp-httplib makes by itself (bad request line,
// URI too long, body too large, no route), which arrive without a body.
std::pair<const char*, const char*> CodeForHttp(int http) {
  switch (http) {
    case 400: return {"bad_request", "malformed request"};
    case 404: return {"not_found", "no such path"};
    case 405: return {"method_not_allowed", "method not allowed"};
    case 413: return {"payload_too_large", "request body too large"};
    case 414: return {"uri_too_long", "request URI too long"};
    case 416: return {"range_not_satisfiable", "range not satisfiable"};
    default: return {http >= 500 ? "internal" : "bad_request", "request failed"};
  }
}

// cpp-httplib runs the pre-routing handler and the logger of one request on
// the same worker thread, and offers no per-request slot to carry the start
// time between them; a thread-local does, without any shared state.
thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

// Matches a route pattern such as "/api/records/{id}/graph": literal text
// around at most one {capture}, which must be non-empty and may contain '/'.
// Plain string work rather than std::regex, whose recursive matcher in
// libstdc++ can exhaust the stack on a long path.
bool MatchPath(std::string_view pattern, std::string_view path, std::string_view* capture) {
  const size_t open = pattern.find('{');
  if (open == std::string_view::npos) return pattern == path;
  const std::string_view prefix = pattern.substr(0, open);
  const std::string_view suffix = pattern.substr(pattern.find('}', open) + 1);
  if (path.size() <= prefix.size() + suffix.size()) return false;
  if (path.substr(0, prefix.size()) != prefix) return false;
  if (path.substr(path.size() - suffix.size()) != suffix) return false;
  *capture = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
  return true;
}

}  // namespace

// The log line shows the raw target; control bytes could forge log lines.
std::string Printable(const std::string& s) {
  std::string out = s.substr(0, 1024);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '?';
  }
  return out;
}

void Server::Impl::AddRoutes() {
  static const std::vector<std::string> kNoParams;
  routes = {
      {"GET", "/api/health", &Impl::Health, &kNoParams},
      {"GET", "/api/vocab", &Impl::Vocab, &kNoParams},
      {"GET", "/api/search", &Impl::SearchRecords, &SearchParamNames()},
      {"GET", "/api/export", &Impl::ExportRecords, &ExportParamNames()},
      // Sub-resources come before the record itself: an id with a literal
      // '/' that ends in "/graph" would be ambiguous, so clients encode '/'
      // in ids as %2F (the UI does).
      {"GET", "/api/records/{id}/related", &Impl::RelatedTo, &RelatedParamNames()},
      {"GET", "/api/records/{id}/graph", &Impl::GraphOf, &GraphParamNames()},
      {"GET", "/api/records/{id}/profile", &Impl::ProfileOfCompany, &kNoParams},
      {"GET", "/api/records/{id}", &Impl::GetRecordById, &kNoParams},
      {"POST", "/api/records", &Impl::IngestRecords, &kNoParams},
      {"GET", "/api/match", &Impl::Match, &MatchParamNames()},
      {"GET", "/api/crosslinks", &Impl::CrossLinksMatrix, &CrosslinksParamNames()},
      {"GET", "/api/indicators", &Impl::IndicatorTable, &IndicatorsParamNames()},
      {"GET", "/api/pairing", &Impl::Pairing, &PairingParamNames()},
      {"GET", "/api/saved", &Impl::ListSaved, &kNoParams},
      {"POST", "/api/saved", &Impl::AddSaved, &kNoParams},
      {"PATCH", "/api/saved/{id}", &Impl::RenameSaved, &kNoParams},
      {"DELETE", "/api/saved/{id}", &Impl::RemoveSaved, &kNoParams},
      {"GET", "/api/alerts", &Impl::Alerts, &kNoParams},
      {"POST", "/api/alerts/seen", &Impl::AlertsSeen, &kNoParams},
      {"GET", "/api/alerts.atom", &Impl::AlertsAtom, &kNoParams},
      {"GET", "/api/openapi.json", &Impl::OpenApi, &kNoParams},
  };
}

// All /api requests go through Dispatch(): cpp-httplib's own routing
// matches the leniently decoded req.path, where "%2F" has become '/' and
// "%ZZ" passes; our table matches the raw target instead.
void Server::Impl::Configure() {
  AddRoutes();
  http.set_payload_max_length(options.max_body_bytes);
  // Sent in the Keep-Alive header only: the Listener enforces both.
  http.set_keep_alive_max_count(options.keep_alive_max_requests);
  http.set_keep_alive_timeout(options.idle_timeout_s);

  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) { Dispatch(req, res, nullptr); };
  // The one route with a body reads it as it arrives (chunked or not).
  http.Post("/api/records", [this](const httplib::Request& req, httplib::Response& res,
                                   const httplib::ContentReader& body) { Dispatch(req, res, &body); });
  const std::string api = "/api(/.*)?";
  http.Get(api, dispatch).Post(api, dispatch).Put(api, dispatch).Patch(api, dispatch).Delete(api, dispatch);

  ListenerOptions lo;
  lo.workers = options.threads;
  lo.max_connections = options.max_connections;
  lo.head_timeout_ms = options.head_timeout_s * 1000;
  lo.idle_timeout_ms = options.idle_timeout_s * 1000;
  lo.io_timeout_ms = std::max(options.read_timeout_s, options.write_timeout_s) * 1000;
  lo.request_timeout_ms = options.request_timeout_s * 1000;
  lo.max_requests_per_connection = options.keep_alive_max_requests;
  listener = std::make_unique<Listener>(
      lo, [this](ConnectionStream& stream, const RequestHead& head, bool last) { return Serve(stream, head, last); });

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    t_request_started = true;
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Answers cpp-httplib makes itself (400 bad request line, 404 no file,
  // 413, 414) come without a body: give them the same JSON error shape.
  // It is also called for our own >= 400 replies, which already have one.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const auto [code, message] = CodeForHttp(res.status);
        res.set_content(ErrorJson(code, message), kJsonType);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (const Xapian::Error& e) {  // not a std::exception
      what = e.get_description();
    } catch (...) {
    }
    // The details go to the log, not to the caller: they may name internals.
    Log("exception in " + Printable(req.method + " " + req.target) + ": " + Printable(what));
    res.status = 500;
    res.set_content(ErrorJson("internal", "internal error"), kJsonType);
  });
  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    std::string ms = "-";
    if (t_request_started) {
      const auto d = std::chrono::steady_clock::now() - t_request_start;
      ms = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
      t_request_started = false;
    }
    Log(Printable(req.method + " " + req.target) + " " + std::to_string(res.status) + " " + ms + "ms");
  });
}

void Server::Impl::Log(const std::string& line) {
  if (options.access_log == nullptr) return;
  std::lock_guard<std::mutex> lock(log_mu);
  *options.access_log << line << '\n' << std::flush;
}

const Server::Impl::Route* Server::Impl::FindRoute(const std::string& method, std::string_view path,
                                                  std::string_view* capture, Reply* reply) const {
  // HEAD is answered like GET (cpp-httplib drops the body).
  const std::string m = method == "HEAD" ? "GET" : method;
  bool other_method = false;
  for (const Route& route : routes) {
    if (!MatchPath(route.pattern, path, capture)) continue;
    if (route.method == m) return &route;
    other_method = true;
  }
  *reply = other_method
               ? ErrorReply(405, "method_not_allowed", method + " is not allowed on " + Printable(std::string(path)))
               : ErrorReply(404, "not_found", "no such endpoint: " + Printable(std::string(path)));
  return nullptr;
}

void Server::Impl::Dispatch(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* body) {
  std::string_view path, query, capture;
  SplitTarget(req.target, &path, &query);
  Reply reply;
  const Route* route = FindRoute(req.method, path, &capture, &reply);
  if (route != nullptr) reply = Run(*route, capture, req, query, body);
  res.status = reply.http;
  // Answers depend on the caller's token: no shared cache may keep them.
  res.set_header("Cache-Control", "no-store");
  if (reply.http == 401) res.set_header("WWW-Authenticate", "Bearer");
  if (!reply.revision.empty()) res.set_header("Seedgraph-Revision", reply.revision);
  if (reply.stream) {  // written as it is read (chunked), after this returns
    if (!reply.filename.empty()) {
      res.set_header("Content-Disposition", "attachment; filename=\"" + reply.filename + "\"");
    }
    res.set_chunked_content_provider(reply.content_type, [stream = reply.stream](size_t, httplib::DataSink& sink) {
      return stream(sink);
    });
    return;
  }
  res.set_content(reply.body, reply.content_type.empty() ? kJsonType : reply.content_type.c_str());
}

// Authenticate, parse and check parameters, decode captures: everything a
// handler would otherwise repeat.
Reply Server::Impl::Run(const Route& route, std::string_view capture, const httplib::Request& req,
                        std::string_view query, const httplib::ContentReader* body) {
  const bool has_auth = req.has_header("Authorization");
  Call call{req, Role::kPublic, has_auth, {}, {}, {}, body};
  std::string why;
  if (tokens.Authenticate(has_auth, req.get_header_value("Authorization"), &call.role, &why, &call.user) !=
      TokenTable::Auth::kOk) {
    return ErrorReply(401, "unauthorized", why);
  }
  Result<QueryParams> params = ParseQueryString(query);
  if (!params.ok()) return ErrorReply(params.status());
  Status known = CheckKnownParams(params.value(), *route.params);
  if (!known.ok()) return ErrorReply(known);
  call.params = std::move(params.value());
  if (!capture.empty()) {
    Result<std::string> decoded = PercentDecode(capture, false, "id");
    if (!decoded.ok()) return ErrorReply(decoded.status());
    call.captures.push_back(std::move(decoded.value()));
  }
  return (this->*route.handler)(call);
}

Result<SearchRequest> Server::Impl::SearchPart(const Call& call) const {
  SearchParamLimits limits;
  limits.max_query_bytes = options.max_query_bytes;
  Result<SearchRequest> request = ParseSearchParams(call.params, limits);
  if (!request.ok()) return request.status();
  Status valid = ValidateSearchRequest(request.value());
  if (!valid.ok()) return valid;
  return request;
}

// ---------------------------------------------------------------------------

namespace {

Status CheckOptions(const ServerOptions& o) {
  if (o.db_path.empty()) return Status::InvalidArgument("db: no index directory given");
  if (o.port < 0 || o.port > 65535) return Status::InvalidArgument("port: must be 0..65535");
  if (o.threads < 1 || o.threads > 1024) return Status::InvalidArgument("threads: must be 1..1024");
  if (o.max_query_bytes < 1) return Status::InvalidArgument("max_query_bytes: must be positive");
  if (o.max_results < 1 || o.max_graph_nodes < 1) return Status::InvalidArgument("max_results, max_graph_nodes: must be positive");
  if (o.read_timeout_s < 1 || o.write_timeout_s < 1 || o.head_timeout_s < 1 || o.idle_timeout_s < 1 ||
      o.request_timeout_s < 1) {
    return Status::InvalidArgument("timeouts: must be >= 1 s");
  }
  if (o.max_connections < 1) return Status::InvalidArgument("max_connections: must be positive");
  if (o.keep_alive_max_requests < 1) return Status::InvalidArgument("keep_alive_max_requests: must be positive");
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  Status s = CheckOptions(options);
  if (!s.ok()) return s;
  TokenTable tokens;
  if (!options.tokens_file.empty()) {
    Result<TokenTable> loaded = TokenTable::Load(options.tokens_file);
    if (!loaded.ok()) return loaded.status();
    tokens = std::move(loaded.value());
  }
  // Open once now: "not an index" belongs at startup, not in every answer.
  Result<Xapian::Database> db = OpenDatabase(options.db_path);
  if (!db.ok()) return db.status();
  if (!options.ingest_db.empty() && !IsPartitionedIndex(options.ingest_db)) {
    return Status::InvalidArgument("ingest_db: not a seedgraph index directory: " + options.ingest_db);
  }

  auto impl = std::make_unique<Impl>(options, std::move(tokens));
  if (!options.state_file.empty()) {
    Result<std::unique_ptr<StateStore>> state = StateStore::Open(options.state_file);
    if (!state.ok()) return state.status();
    impl->state = std::move(state.value());
  }
  if (!options.tag_dictionary.empty()) {
    Result<Tagger> tagger = Tagger::Load(options.tag_dictionary, impl->analyzer);
    if (!tagger.ok()) return tagger.status();
    impl->tagger.emplace(std::move(tagger.value()));
  }
  if (!options.static_dir.empty()) {
    if (!impl->http.set_mount_point("/", options.static_dir)) {
      return Status::InvalidArgument("static_dir: not a directory: " + options.static_dir);
    }
    // cpp-httplib sends no charset; the UI is Japanese.
    impl->http.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
    impl->http.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
    impl->http.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
  }
  impl->Configure();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Status Server::Listen() {
  Result<int> port = impl_->listener->Bind(impl_->options.bind, impl_->options.port);
  if (!port.ok()) return port.status();
  return ListenAfterBind();
}

int Server::BindToAnyPort() {
  Result<int> port = impl_->listener->Bind(impl_->options.bind, 0);
  return port.ok() ? port.value() : -1;
}

Status Server::ListenAfterBind() { return impl_->listener->Run(); }

void Server::Stop() { impl_->listener->Stop(); }

}  // namespace seedgraph
