// POST /api/records: JSON Lines in, through the same ingest pipeline as
// `seedgraph index` (IngestSession, JsonlFeeder: the line rules, ParseRecord,
// the tagger, the writer), so a record is accepted or rejected by the same
// rules whichever way it arrives.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>

#include <filesystem>

#include "indexer/import/jsonl.h"
#include "indexer/ingest.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

struct Rejection {
  size_t line;
  std::string error;
};

// Rejections listed in an answer; past this many only their number is kept,
// so a body of a million bad lines cannot make a gigabyte answer.
constexpr size_t kMaxListedRejections = 1000;

std::string IngestJson(size_t ingested, const std::vector<Rejection>& rejected, size_t rejected_count) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("ingested");
  w.Uint64(ingested);
  w.Key("rejected");
  w.StartArray();
  for (const auto& r : rejected) {
    w.StartObject();
    w.Key("line");
    w.Uint64(r.line);
    w.Key("error");
    w.String(r.error.c_str(), static_cast<rapidjson::SizeType>(r.error.size()));
    w.EndObject();
  }
  w.EndArray();
  w.Key("rejected_count");
  w.Uint64(rejected_count);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

// The body as it arrives, counted against the limit, into the feeder.
class BodyReader {
 public:
  BodyReader(JsonlFeeder* feeder, IngestSession* session, size_t max_bytes)
      : feeder_(feeder), session_(session), max_bytes_(max_bytes) {}
  // False stops the read: over the limit, or the writer failed.
  bool Feed(const char* data, size_t n) {
    total_ += n;
    if (total_ > max_bytes_) return over_limit_ = true, false;
    feeder_->Feed(std::string_view(data, n));
    return session_->status().ok();
  }
  bool over_limit() const { return over_limit_; }

 private:
  JsonlFeeder* feeder_;
  IngestSession* session_;
  size_t max_bytes_;
  size_t total_ = 0;
  bool over_limit_ = false;
};

// "body:12" -> 12.
size_t LineOf(const std::string& where) {
  const size_t colon = where.rfind(':');
  return colon == std::string::npos ? 0 : std::strtoul(where.c_str() + colon + 1, nullptr, 10);
}

}  // namespace

Reply Server::Impl::IngestRecords(const Call& call) {
  // No token is "who are you?" (401); a token without the right is 403.
  // (Precheck() said so already from the head, before any body byte.)
  if (!call.authenticated) return ErrorReply(401, "unauthorized", "ingesting records needs an admin token");
  if (call.role != Role::kAdmin) {
    return ErrorReply(Status::PermissionDenied("ingesting records needs an admin token"));
  }
  if (call.body == nullptr) return ErrorReply(Status::Internal("ingest without a body reader"));
  // One ingest at a time; another waits for no one: it gets a 503 to retry,
  // rather than holding a worker behind a long ingest.
  std::unique_lock<std::mutex> lock(ingest_mu, std::try_to_lock);
  if (!lock.owns_lock()) return ErrorReply(503, "unavailable", "another ingest is running; retry when it ends");
  // The same pipeline as `seedgraph index` (indexer/ingest.h): its line
  // rules, its tagging, its writer; only the rejections are kept for the answer.
  std::vector<Rejection> rejected;
  size_t rejected_count = 0;
  IngestOptions ingest;
  const std::string& target = options.ingest_db.empty() ? options.db_path : options.ingest_db;
  ingest.index.db_path = target;
  ingest.tagger = tagger ? &*tagger : nullptr;
  ingest.reject = [&](const std::string& where, const std::string& message) {
    if (rejected.size() < kMaxListedRejections) rejected.push_back({LineOf(where), message});
    ++rejected_count;
  };
  std::error_code ec;
  if (std::filesystem::is_regular_file(target, ec)) {  // serve --db STUB (docs/DEPLOY.md)
    return ErrorReply(405, "method_not_allowed",
                      "this server reads a stub of index shards and cannot write to it; add records to the index "
                      "directory the shards are served from (seedgraph index --db DIR, or serve --ingest-db DIR)");
  }
  Result<std::unique_ptr<IngestSession>> session = IngestSession::Open(ingest);
  if (!session.ok()) {
    // Usually `seedgraph index` holding the write lock: worth a retry later.
    return ErrorReply(503, "unavailable", "the index is not writable now (another writer may hold its lock)");
  }
  JsonlFeeder feeder("body", session.value()->sink());
  BodyReader reader(&feeder, session.value().get(), options.max_body_bytes);
  const bool read = (*call.body)([&reader](const char* data, size_t n) { return reader.Feed(data, n); });
  if (read) feeder.Finish();
  // Records of earlier lines may be committed already (the indexer commits
  // per batch): commit the rest and say where it stopped.
  const bool wrote = session.value()->status().ok();
  Status committed = session.value()->Finish();
  const size_t ingested = session.value()->stats().indexed;
  const std::string stored = std::to_string(ingested) + " records before line " + std::to_string(feeder.lines() + 1) +
                             " were stored";
  if (reader.over_limit()) {
    return ErrorReply(413, "payload_too_large",
                      "request body over " + std::to_string(options.max_body_bytes) + " bytes; " + stored);
  }
  if (!wrote || !committed.ok()) {
    return ErrorReply(503, "unavailable", "indexing failed at line " + std::to_string(feeder.lines()) + "; " + stored);
  }
  if (!read) return ErrorReply(400, "bad_request", "the request body ended early; " + stored);
  return Reply{200, IngestJson(ingested, rejected, rejected_count)};
}

}  // namespace seedgraph
