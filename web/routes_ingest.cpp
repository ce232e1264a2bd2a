// POST /api/records: JSON Lines in, through the same ParseRecord gate and
// Indexer as `seedgraph index`, so a record is accepted or rejected by the
// same rules whichever way it arrives.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "indexer/indexer.h"
#include "schema/record_json.h"
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

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// A line this long cannot be a record (each field is at most 1 MiB); it is
// skipped up to its end rather than buffered.
constexpr size_t kMaxLineBytes = size_t{32} << 20;

// JSON Lines as they arrive: each complete line is parsed, tagged and
// indexed at once, so memory holds one line, not the body.
class LineFeeder {
 public:
  LineFeeder(Indexer* indexer, const Tagger* tagger, const Analyzer& analyzer, size_t max_bytes)
      : indexer_(indexer), tagger_(tagger), analyzer_(analyzer), max_bytes_(max_bytes) {}

  // False stops the read: the body is over the limit or indexing failed.
  bool Feed(const char* data, size_t n) {
    total_ += n;
    if (total_ > max_bytes_) return over_limit_ = true, false;
    for (std::string_view rest(data, n); !rest.empty();) {
      const size_t nl = rest.find('\n');
      Append(rest.substr(0, nl));
      if (nl == std::string_view::npos) break;
      if (!EndLine()) return false;
      rest.remove_prefix(nl + 1);
    }
    return true;
  }
  // The last line, when the body does not end with a newline.
  bool Finish() { return line_.empty() && !skipping_ ? true : EndLine(); }

  bool over_limit() const { return over_limit_; }
  const Status& failure() const { return failure_; }
  size_t lines() const { return line_no_; }
  const std::vector<Rejection>& rejected() const { return rejected_; }
  size_t rejected_count() const { return rejected_count_; }

 private:
  void Append(std::string_view part) {
    if (skipping_) return;
    if (line_.size() + part.size() > kMaxLineBytes) {
      skipping_ = true;
      line_.clear();
      return;
    }
    line_.append(part);
  }
  bool EndLine() {
    ++line_no_;
    std::string_view line = line_;
    // A UTF-8 byte order mark (Excel, Windows editors) starts no record.
    if (line_no_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (skipping_) {
      Reject("line: longer than " + std::to_string(kMaxLineBytes) + " bytes");
    } else if (!IsBlank(line)) {
      if (line.back() == '\r') line.remove_suffix(1);
      Index(line);
    }
    line_.clear();
    skipping_ = false;
    return failure_.ok();
  }
  void Reject(std::string message) {
    if (rejected_.size() < kMaxListedRejections) rejected_.push_back({line_no_, std::move(message)});
    ++rejected_count_;
  }
  void Index(std::string_view line) {
    Record record;
    Status parsed = ParseRecord(line, &record);
    if (!parsed.ok()) return Reject(parsed.message());
    if (tagger_ != nullptr) tagger_->Tag(&record, analyzer_);  // as `seedgraph index` does
    Status added = indexer_->Add(record);
    if (!added.ok()) failure_ = added;
  }

  Indexer* indexer_;
  const Tagger* tagger_;
  const Analyzer& analyzer_;
  size_t max_bytes_;
  size_t total_ = 0, line_no_ = 0, rejected_count_ = 0;
  std::string line_;
  bool skipping_ = false, over_limit_ = false;
  Status failure_;
  std::vector<Rejection> rejected_;
};

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
  IndexerOptions index;
  index.db_path = options.db_path;
  Result<std::unique_ptr<Indexer>> indexer = Indexer::Open(index);
  if (!indexer.ok()) {
    // Usually `seedgraph index` holding the write lock: worth a retry later.
    return ErrorReply(503, "unavailable", "the index is not writable now (another writer may hold its lock)");
  }
  LineFeeder feeder(indexer.value().get(), tagger ? &*tagger : nullptr, analyzer, options.max_body_bytes);
  const bool read = (*call.body)([&feeder](const char* data, size_t n) { return feeder.Feed(data, n); });
  if (read) feeder.Finish();
  // Records of earlier lines may be committed already (the indexer commits
  // per batch): commit the rest and say where it stopped.
  Status committed = indexer.value()->Commit();
  const std::string stored = std::to_string(indexer.value()->added()) + " records before line " +
                             std::to_string(feeder.lines() + 1) + " were stored";
  if (feeder.over_limit()) {
    return ErrorReply(413, "payload_too_large",
                      "request body over " + std::to_string(options.max_body_bytes) + " bytes; " + stored);
  }
  if (!feeder.failure().ok() || !committed.ok()) {
    return ErrorReply(503, "unavailable", "indexing failed at line " + std::to_string(feeder.lines()) + "; " + stored);
  }
  if (!read) return ErrorReply(400, "bad_request", "the request body ended early; " + stored);
  return Reply{200, IngestJson(indexer.value()->added(), feeder.rejected(), feeder.rejected_count())};
}

}  // namespace seedgraph
