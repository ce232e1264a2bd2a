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

std::string IngestJson(size_t ingested, const std::vector<Rejection>& rejected) {
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
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

Reply Server::Impl::IngestRecords(const Call& call) {
  // No token is "who are you?" (401); a token without the right is 403.
  if (!call.authenticated) return ErrorReply(401, "unauthorized", "ingesting records needs an admin token");
  if (call.role != Role::kAdmin) {
    return ErrorReply(Status::PermissionDenied("ingesting records needs an admin token"));
  }
  std::lock_guard<std::mutex> lock(ingest_mu);
  IndexerOptions index;
  index.db_path = options.db_path;
  Result<std::unique_ptr<Indexer>> indexer = Indexer::Open(index);
  if (!indexer.ok()) {
    // Usually `seedgraph index` holding the write lock: worth a retry later.
    return ErrorReply(503, "unavailable", "the index is not writable now (another writer may hold its lock)");
  }
  std::vector<Rejection> rejected;
  const std::string_view body = call.req.body;
  size_t line_no = 0;
  for (size_t start = 0; start < body.size();) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (IsBlank(line)) continue;
    if (line.back() == '\r') line.remove_suffix(1);
    Record record;
    Status parsed = ParseRecord(line, &record);
    if (!parsed.ok()) {
      rejected.push_back({line_no, parsed.message()});
      continue;
    }
    if (tagger) tagger->Tag(&record, analyzer);  // as `seedgraph index` does
    Status added = indexer.value()->Add(record);
    // Records of earlier lines may already be committed (the indexer commits
    // per batch): say where it stopped, not that nothing was stored.
    if (!added.ok()) return ErrorReply(503, "unavailable", "indexing failed at line " + std::to_string(line_no) +
                                                               "; lines from there on were not stored");
  }
  Status committed = indexer.value()->Commit();
  if (!committed.ok()) return ErrorReply(503, "unavailable", "the index could not be committed");
  return Reply{200, IngestJson(indexer.value()->added(), rejected)};
}

}  // namespace seedgraph
