#include "web/listener.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace seedgraph {

using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------
// Request heads

namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

size_t RequestHead::Count(std::string_view name) const {
  return static_cast<size_t>(
      std::count_if(headers.begin(), headers.end(), [&](const auto& h) { return IEquals(h.first, name); }));
}

const std::string* RequestHead::Find(std::string_view name) const {
  for (const auto& h : headers) {
    if (IEquals(h.first, name)) return &h.second;
  }
  return nullptr;
}

std::string_view RequestHead::path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

bool ParseRequestHead(std::string_view text, RequestHead* out) {
  *out = RequestHead();
  size_t eol = text.find("\r\n");
  if (eol == std::string_view::npos) return false;
  std::string_view line = text.substr(0, eol);
  if (line.find_first_of("\r\n") != std::string_view::npos) return false;
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) return false;
  out->method = std::string(line.substr(0, sp1));
  out->target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  out->version = std::string(line.substr(sp2 + 1));
  // What cpp-httplib's request-line parser accepts, so that the two agree.
  static const char* const kMethods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"};
  if (std::none_of(std::begin(kMethods), std::end(kMethods), [&](const char* m) { return out->method == m; })) return false;
  if (out->version != "HTTP/1.1" && out->version != "HTTP/1.0") return false;
  if (out->target.empty()) return false;
  for (size_t start = eol + 2; start < text.size();) {
    eol = text.find("\r\n", start);
    if (eol == std::string_view::npos) return false;
    line = text.substr(start, eol - start);
    start = eol + 2;
    if (line.empty()) return out->ok = true;  // the blank line ends the head
    // A bare CR or LF inside a line: cpp-httplib would split there and we
    // would not, so the two parsers would see different headers.
    if (line.find_first_of("\r\n") != std::string_view::npos) return false;
    const size_t colon = line.find(':');
    // No name, or obsolete line folding: malformed (RFC 9112 §5.2).
    if (colon == std::string_view::npos || colon == 0 || line.front() == ' ' || line.front() == '\t') return false;
    out->headers.emplace_back(std::string(line.substr(0, colon)), std::string(Trim(line.substr(colon + 1))));
  }
  return false;
}

// ---------------------------------------------------------------------------
// Connections and their stream

struct Connection {
  int fd = -1;
  std::string buf;   // received, not yet consumed
  size_t pos = 0;    // consumed bytes at the front of buf
  size_t scanned = 0;  // buf[pos, scanned) holds no "\r\n\r\n"
  Clock::time_point deadline;
  bool idle = false;   // waiting for the first byte of a next request
  size_t blank = 0;    // empty lines skipped before the current head
  size_t served = 0;
  std::atomic<size_t>* open = nullptr;  // the listener's count, decremented on close
  std::string remote_ip, local_ip;
  int remote_port = 0, local_port = 0;

  size_t buffered() const { return buf.size() - pos; }
  void Compact() {
    buf.erase(0, pos);
    scanned = scanned > pos ? scanned - pos : 0;
    pos = 0;
  }
  ~Connection() {
    if (fd >= 0) ::close(fd);
    if (open != nullptr) --*open;  // however the connection ends (even a throw)
  }
};

namespace {

// Reads what the socket has now (non-blocking); false on EOF or error.
bool ReadAvailable(Connection* c) {
  char chunk[16384];
  for (;;) {
    const ssize_t n = ::recv(c->fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n > 0) {
      c->buf.append(chunk, static_cast<size_t>(n));
      if (static_cast<size_t>(n) < sizeof chunk) return true;
      continue;
    }
    if (n == 0) return false;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
  }
}

int PollFor(int fd, short events, int ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int r = ::poll(&p, 1, ms);
    if (r < 0 && errno == EINTR) continue;
    return r > 0 && (p.revents & (events | POLLHUP | POLLERR)) ? 1 : r;
  }
}

void Addresses(Connection* c) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  char host[NI_MAXHOST], port[NI_MAXSERV];
  if (::getpeername(c->fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 &&
      ::getnameinfo(reinterpret_cast<sockaddr*>(&ss), len, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    c->remote_ip = host;
    c->remote_port = std::atoi(port);
  }
  len = sizeof ss;
  if (::getsockname(c->fd, reinterpret_cast<sockaddr*>(&ss), &len) == 0 &&
      ::getnameinfo(reinterpret_cast<sockaddr*>(&ss), len, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    c->local_ip = host;
    c->local_port = std::atoi(port);
  }
}

// Where the head that starts at `from` ends (just past its blank line), or
// npos.  A bare-LF head ("\n\n") ends too: it is malformed, and is answered
// 400 rather than left to time out.
size_t HeadEnd(const std::string& buf, size_t scan_from) {
  const size_t crlf = buf.find("\r\n\r\n", scan_from);
  const size_t lf = buf.find("\n\n", scan_from);
  if (crlf == std::string::npos && lf == std::string::npos) return std::string::npos;
  return crlf != std::string::npos && (lf == std::string::npos || crlf + 2 <= lf) ? crlf + 4 : lf + 2;
}

// A short answer the listener gives by itself (overload, a head too large),
// best effort and without blocking; the connection is closed after it.
void SendCanned(int fd, int status, const char* reason, const char* code, const char* message) {
  const std::string body = std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                    "\r\nContent-Type: application/json\r\nConnection: close\r\nCache-Control: no-store\r\n";
  if (status == 503) out += "Retry-After: 1\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  (void)!::send(fd, out.data(), out.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
}

}  // namespace

ConnectionStream::ConnectionStream(Connection* c, const ListenerOptions& o)
    : c_(c), io_timeout_ms_(o.io_timeout_ms), deadline_(Clock::now() + std::chrono::milliseconds(o.request_timeout_ms)) {}

int ConnectionStream::WaitMs() const {
  if (deadline_ == Clock::time_point::max()) return io_timeout_ms_;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, io_timeout_ms_));
}

bool ConnectionStream::is_readable() const {
  return c_->buffered() > 0 || PollFor(c_->fd, POLLIN, WaitMs()) > 0;
}

bool ConnectionStream::is_writable() const { return PollFor(c_->fd, POLLOUT, WaitMs()) > 0; }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (c_->buffered() == 0) {
    c_->buf.clear();
    c_->pos = c_->scanned = 0;
    if (PollFor(c_->fd, POLLIN, WaitMs()) <= 0) return -1;
    // Large reads (bodies) go straight to the caller; small ones (the line
    // reader asks for one byte at a time) are served from a buffer.
    if (size >= 4096) return ::recv(c_->fd, ptr, size, 0);
    char chunk[4096];
    const ssize_t n = ::recv(c_->fd, chunk, sizeof chunk, 0);
    if (n <= 0) return n;
    c_->buf.assign(chunk, static_cast<size_t>(n));
  }
  const size_t n = std::min(size, c_->buffered());
  std::memcpy(ptr, c_->buf.data() + c_->pos, n);
  c_->pos += n;
  return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::send(c_->fd, ptr + done, size - done, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && PollFor(c_->fd, POLLOUT, WaitMs()) > 0) continue;
    return -1;  // a peer that stopped reading, or the deadline
  }
  return static_cast<ssize_t>(size);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_->remote_ip;
  port = c_->remote_port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = c_->local_ip;
  port = c_->local_port;
}

socket_t ConnectionStream::socket() const { return c_->fd; }

// ---------------------------------------------------------------------------
// The listener

struct Listener::Impl {
  ListenerOptions options;
  ServeFn serve;
  int listen_fd = -1, epoll_fd = -1, wake_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> open{0};
  // Owned by the gate thread: connections waiting for a head.
  std::unordered_map<int, std::unique_ptr<Connection>> waiting;

  std::mutex mu;  // guards ready, returned, closed
  std::condition_variable ready_cv;
  std::deque<std::unique_ptr<Connection>> ready;
  std::vector<std::unique_ptr<Connection>> returned;
  bool closed = false;

  void Wake() {
    const uint64_t one = 1;
    (void)!::write(wake_fd, &one, sizeof one);
  }
  void Drop(std::unique_ptr<Connection> c) { c.reset(); }  // ~Connection closes and counts
  bool accept_paused = false;
  Clock::time_point accept_resume;
  void PauseAccept() {
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
    accept_paused = true;
    accept_resume = Clock::now() + std::chrono::milliseconds(100);
  }
  void MaybeResumeAccept() {
    if (!accept_paused || Clock::now() < accept_resume) return;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listen_fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
    accept_paused = false;
  }
  void Accept();
  void OnReadable(int fd);
  void Wait(std::unique_ptr<Connection> c);
  void CheckHead(std::unique_ptr<Connection> c);
  void TakeReturned();
  int ExpireAndNextWakeMs();
  void Worker();
  void Answer(std::unique_ptr<Connection> c);
  void Shutdown();
};

void Listener::Impl::Accept() {
  for (;;) {
    const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      // Out of descriptors: the listening socket stays readable, so stop
      // watching it for a moment instead of spinning (ExpireAndNextWakeMs).
      if (errno == EMFILE || errno == ENFILE) PauseAccept();
      return;
    }
    // cpp-httplib's request parser refuses descriptors past FD_SETSIZE (it
    // was built for select()): answer those as overload too.
    if (open.load() >= options.max_connections || fd >= FD_SETSIZE) {
      SendCanned(fd, 503, "Service Unavailable", "unavailable", "too many connections; retry shortly");
      ::close(fd);
      continue;
    }
    ++open;
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    c->open = &open;
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    Addresses(c.get());
    c->deadline = Clock::now() + std::chrono::milliseconds(options.head_timeout_ms);
    Wait(std::move(c));
  }
}

// Puts a connection under epoll until its head is complete.
void Listener::Impl::Wait(std::unique_ptr<Connection> c) {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.fd = c->fd;
  if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c->fd, &ev) != 0) return Drop(std::move(c));
  const int fd = c->fd;
  waiting[fd] = std::move(c);
}

// A connection with new bytes: hand it to a worker once its head is whole.
void Listener::Impl::CheckHead(std::unique_ptr<Connection> c) {
  // Robustness (RFC 9112 §2.2): empty lines before a request are ignored,
  // but they count against the head's size (a stream of them is an attack).
  while (c->buffered() >= 2 && c->buf.compare(c->pos, 2, "\r\n") == 0) {
    c->pos += 2;
    c->blank += 2;
  }
  if (c->pos > 0 && c->buffered() == 0) c->Compact();  // nothing kept for skipped bytes
  if (c->blank > options.max_head_bytes) return Drop(std::move(c));
  if (c->buffered() > 0 && c->idle) {
    // The first byte of a next request starts its head deadline.
    c->idle = false;
    c->deadline = Clock::now() + std::chrono::milliseconds(options.head_timeout_ms);
  }
  const size_t from = std::max(c->pos, c->scanned >= 3 ? c->scanned - 3 : 0);
  const size_t end = HeadEnd(c->buf, from);
  if (end == std::string::npos) {
    c->scanned = c->buf.size();
    if (c->buffered() <= options.max_head_bytes) return Wait(std::move(c));
    const bool line_too_long = c->buf.find("\r\n", c->pos) == std::string::npos;
    if (line_too_long) SendCanned(c->fd, 414, "URI Too Long", "uri_too_long", "request line too long");
    else SendCanned(c->fd, 431, "Request Header Fields Too Large", "headers_too_large", "request headers too large");
    return Drop(std::move(c));
  }
  if (end - c->pos > options.max_head_bytes) {
    SendCanned(c->fd, 431, "Request Header Fields Too Large", "headers_too_large", "request headers too large");
    return Drop(std::move(c));
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!closed) {
      ready.push_back(std::move(c));
      ready_cv.notify_one();
      return;
    }
  }
  Drop(std::move(c));
}

void Listener::Impl::OnReadable(int fd) {
  auto it = waiting.find(fd);
  if (it == waiting.end()) return;
  std::unique_ptr<Connection> c = std::move(it->second);
  waiting.erase(it);
  ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
  if (!ReadAvailable(c.get())) return Drop(std::move(c));
  CheckHead(std::move(c));
}

void Listener::Impl::TakeReturned() {
  uint64_t n;
  (void)!::read(wake_fd, &n, sizeof n);
  std::vector<std::unique_ptr<Connection>> back;
  {
    std::lock_guard<std::mutex> lock(mu);
    back.swap(returned);
  }
  for (auto& c : back) {
    c->Compact();
    c->idle = c->buffered() == 0;
    c->blank = 0;
    c->deadline = Clock::now() + std::chrono::milliseconds(c->idle ? options.idle_timeout_ms : options.head_timeout_ms);
    CheckHead(std::move(c));  // a pipelined next request may be complete already
  }
}

// Closes connections past their deadline (a slow or idle client gets no
// answer: it sent no request); returns the time to the next deadline.
int Listener::Impl::ExpireAndNextWakeMs() {
  MaybeResumeAccept();
  const auto now = Clock::now();
  auto next = now + std::chrono::milliseconds(accept_paused ? 100 : 1000);
  for (auto it = waiting.begin(); it != waiting.end();) {
    if (it->second->deadline <= now) {
      ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, it->first, nullptr);
      Drop(std::move(it->second));
      it = waiting.erase(it);
      continue;
    }
    next = std::min(next, it->second->deadline);
    ++it;
  }
  return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count()) + 1;
}

void Listener::Impl::Answer(std::unique_ptr<Connection> c) {
  RequestHead head;
  const size_t end = HeadEnd(c->buf, c->pos);
  ParseRequestHead(std::string_view(c->buf).substr(c->pos, end - c->pos), &head);
  ++c->served;
  bool keep = false;
  {
    ConnectionStream stream(c.get(), options);
    keep = serve(stream, head, c->served >= options.max_requests_per_connection);
  }
  // The answer must have consumed the whole head: what is left of it would
  // otherwise be read as the next request (a desync a client could use).
  if (c->pos < end && c->buf.size() >= end) keep = false;
  if (!keep || c->served >= options.max_requests_per_connection) return Drop(std::move(c));
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!closed) {
      returned.push_back(std::move(c));
      Wake();
      return;
    }
  }
  Drop(std::move(c));
}

void Listener::Impl::Worker() {
  for (;;) {
    std::unique_ptr<Connection> c;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready_cv.wait(lock, [this] { return !ready.empty() || closed; });
      if (ready.empty()) return;
      c = std::move(ready.front());
      ready.pop_front();
    }
    try {
      Answer(std::move(c));
    } catch (...) {
      // The ServeFn handles its own errors; nothing may end a worker.
    }
  }
}

void Listener::Impl::Shutdown() {
  std::deque<std::unique_ptr<Connection>> pending;
  std::vector<std::unique_ptr<Connection>> back;
  {
    std::lock_guard<std::mutex> lock(mu);
    closed = true;
    pending.swap(ready);
    back.swap(returned);
  }
  ready_cv.notify_all();
  for (auto& c : pending) Drop(std::move(c));
  for (auto& c : back) Drop(std::move(c));
  for (auto& [fd, c] : waiting) Drop(std::move(c));
  waiting.clear();
}

Listener::Listener(const ListenerOptions& options, ServeFn serve) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->serve = std::move(serve);
  impl_->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  impl_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

Listener::~Listener() {
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
  if (impl_->epoll_fd >= 0) ::close(impl_->epoll_fd);
  if (impl_->wake_fd >= 0) ::close(impl_->wake_fd);
}

Result<int> Listener::Bind(const std::string& host, int port) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &res) != 0 || res == nullptr) {
    return Status::IOError("cannot resolve " + host);
  }
  const std::string where = host + ":" + service;
  int fd = ::socket(res->ai_family, res->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, res->ai_protocol);
  int yes = 1;
  // SO_REUSEADDR only: with SO_REUSEPORT a second server on a busy port would
  // start and share its traffic.
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  const bool ok = fd >= 0 && ::bind(fd, res->ai_addr, res->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0;
  ::freeaddrinfo(res);
  if (!ok) {
    if (fd >= 0) ::close(fd);
    return Status::IOError("cannot listen on " + where + " (address in use or not allowed)");
  }
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  impl_->listen_fd = fd;
  return ss.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port)
                                  : ntohs(reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
}

Status Listener::Run() {
  Impl& m = *impl_;
  if (m.listen_fd < 0) return Status::Internal("Listener::Run before Bind");
  if (m.epoll_fd < 0 || m.wake_fd < 0) return Status::IOError("cannot create epoll or eventfd");
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = m.listen_fd;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.listen_fd, &ev);
  ev.data.fd = m.wake_fd;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.wake_fd, &ev);
  std::vector<std::thread> workers;
  for (int i = 0; i < m.options.workers; ++i) workers.emplace_back([&m] { m.Worker(); });
  epoll_event events[64];
  while (!m.stopping.load()) {
    const int n = ::epoll_wait(m.epoll_fd, events, 64, m.ExpireAndNextWakeMs());
    for (int i = 0; i < n && !m.stopping.load(); ++i) {
      const int fd = events[i].data.fd;
      if (fd == m.listen_fd) m.Accept();
      else if (fd == m.wake_fd) m.TakeReturned();
      else m.OnReadable(fd);
    }
  }
  m.Shutdown();
  for (auto& t : workers) t.join();
  // Workers that were answering when the stop came dropped their
  // connections; nothing else is left open.
  return Status::Ok();
}

void Listener::Stop() {
  impl_->stopping = true;
  impl_->Wake();
}

}  // namespace seedgraph
