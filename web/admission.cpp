// What may come in: the checks on a request head that run before cpp-httplib
// reads a single body byte, and the hand-over of the request to it.
//
// Framing is checked here once (RFC 9112 §6): one Content-Length of digits
// or "Transfer-Encoding: chunked", never both, so that the two parsers that
// see the head (ours and cpp-httplib's) cannot disagree on where a body ends.
// Only POST /api/records takes a body, and only from an admin: everyone
// else's body is refused from the head alone, so nobody can make the server
// read (or buffer) a body it will refuse.  A request that had a body closes
// its connection afterwards: what the client sent past a refusal is unread.
#include <algorithm>
#include <cctype>

#include "query/json.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

// Saved searches and watches: a name and a query string, in JSON.
constexpr size_t kMaxStateBody = 64 * 1024;

const char* Reason(int http) {
  switch (http) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    default: return "Error";
  }
}

// Writes a whole answer decided before cpp-httplib saw the request.
void WriteEarly(ConnectionStream& stream, const RequestHead& head, const Reply& reply) {
  std::string out = "HTTP/1.1 " + std::to_string(reply.http) + " " + Reason(reply.http) +
                    "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nConnection: close\r\n";
  if (reply.http == 401) out += "WWW-Authenticate: Bearer\r\n";
  out += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n";
  if (head.method != "HEAD") out += reply.body;
  stream.write(out.data(), out.size());
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Framing {
  bool chunked = false;
  unsigned long long length = 0;  // Content-Length, 0 when absent
  bool has_length = false;
  bool body() const { return chunked || length > 0; }
};

// The body framing of a head, or a 400 for an ambiguous one.
std::optional<Reply> ReadFraming(const RequestHead& head, Framing* f) {
  const std::string* te = head.Find("Transfer-Encoding");
  const size_t lengths = head.Count("Content-Length");
  if (te != nullptr && lengths > 0) {
    return ErrorReply(400, "bad_request", "a request has Content-Length or Transfer-Encoding, not both");
  }
  if (te != nullptr) {
    if (head.Count("Transfer-Encoding") > 1 || !IEquals(*te, "chunked")) {
      return ErrorReply(400, "bad_request", "Transfer-Encoding: only \"chunked\" is accepted");
    }
    f->chunked = true;
  }
  if (lengths > 1) return ErrorReply(400, "bad_request", "more than one Content-Length header");
  if (lengths == 1) {
    const std::string* cl = head.Find("Content-Length");
    if (!AllDigits(*cl)) return ErrorReply(400, "bad_request", "Content-Length: expected a number of bytes");
    f->length = std::stoull(*cl);
    f->has_length = true;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Reply> Server::Impl::Precheck(const RequestHead& head) const {
  // A malformed head is answered here and its connection closed: handed to
  // cpp-httplib, its lines after the request line would be read as further
  // requests (one of them could be a request line of its own).
  if (!head.ok) return ErrorReply(400, "bad_request", "malformed request head");
  if (head.Count("Authorization") > 1) return ErrorReply(400, "bad_request", "more than one Authorization header");
  Framing f;
  if (std::optional<Reply> bad = ReadFraming(head, &f)) return bad;
  std::string_view path = head.path();
  if (head.method == "POST" && path == "/api/records") {
    Role role = Role::kPublic;
    std::string why;
    const std::string* auth = head.Find("Authorization");
    if (tokens.Authenticate(auth != nullptr, auth ? *auth : "", &role, &why) != TokenTable::Auth::kOk) {
      return ErrorReply(401, "unauthorized", why);
    }
    if (auth == nullptr) return ErrorReply(401, "unauthorized", "ingesting records needs an admin token");
    if (role != Role::kAdmin) return ErrorReply(403, "permission_denied", "ingesting records needs an admin token");
    if (!f.chunked && !f.has_length) {
      return ErrorReply(411, "length_required", "send Content-Length or Transfer-Encoding: chunked");
    }
    if (f.length > options.max_body_bytes) {
      return ErrorReply(413, "payload_too_large",
                        "request body over " + std::to_string(options.max_body_bytes) + " bytes");
    }
    return std::nullopt;
  }
  if (head.method == "GET" || head.method == "HEAD") {
    if (f.body()) return ErrorReply(400, "bad_request", head.method + " requests take no body");
    return std::nullopt;
  }
  // The small JSON bodies of saved searches and watches: sized in the head,
  // so a 10 MB body is refused before it is read.
  if (path.substr(0, 10) == "/api/saved" || path.substr(0, 11) == "/api/alerts") {
    if (f.chunked) return ErrorReply(411, "length_required", "send Content-Length (at most 64 KiB)");
    if (f.length > kMaxStateBody) {
      return ErrorReply(413, "payload_too_large", "request body over " + std::to_string(kMaxStateBody) + " bytes");
    }
  }
  // Any other method on any other path: 404 or 405 from the head, before
  // cpp-httplib would wait for a body (or for the end of the stream).
  std::string_view capture;
  Reply reply;
  if (FindRoute(head.method, path, &capture, &reply) != nullptr) return std::nullopt;
  return reply;
}

bool Server::Impl::Serve(ConnectionStream& stream, const RequestHead& head, bool last) {
  if (std::optional<Reply> early = Precheck(head)) {
    WriteEarly(stream, head, *early);
    Log(Printable(head.method + " " + head.target) + " " + std::to_string(early->http) + " 0ms");
    return false;
  }
  Framing f;
  ReadFraming(head, &f);
  // An admin's bulk ingest may take longer than an answer should.
  if (f.body()) stream.NoRequestDeadline();
  // cpp-httplib percent-decodes header values ("adm%2Dtok" would become
  // "adm-tok"): put back the Authorization header exactly as it was sent.
  auto setup = [&head](httplib::Request& req) {
    const std::string* raw = head.Find("Authorization");
    if (raw == nullptr) return;
    req.headers.erase("Authorization");
    req.headers.emplace("Authorization", *raw);
  };
  const bool keep = http.ServeOne(stream, last || f.body(), setup);
  return keep && !f.body();
}

}  // namespace seedgraph
