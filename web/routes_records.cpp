// Handlers of the record endpoints: health, search, one record, vocabularies.
#include <rapidjson/stringbuffer.h>
#include <memory>
#include <rapidjson/writer.h>

#include "query/access.h"
#include "query/export.h"
#include "query/json.h"
#include "query/search.h"
#include "schema/vocab.h"
#include "web/cursor.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// The count of records the caller may see, and who the caller is (the role
// its token grants, so that the UI can say which one it holds).
std::string HealthJson(size_t records, Role role, const std::string& user) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("status");
  w.String("ok");
  w.Key("records");
  w.Uint64(records);
  w.Key("role");
  w.String(RoleName(role));
  if (!user.empty()) {
    w.Key("user");
    w.String(user.data(), static_cast<rapidjson::SizeType>(user.size()));
  }
  w.EndObject();
  return buf.GetString();
}

// {"type": [{"code", "ja", "en"}, ...], "project": [...], ...}: the UI's
// labels come from the same tables that validate records, so a code added
// to schema/vocab.cpp shows with its label without touching the UI.
std::string VocabJson() {
  const std::pair<const char*, const Vocabulary*> vocabs[] = {
      {"type", &RecordTypes()},  {"project", &Projects()}, {"disease_area", &DiseaseAreas()},
      {"modality", &Modalities()}, {"stage", &Stages()},   {"rel", &Relations()},
      {"visibility", &Visibilities()}};
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  for (const auto& [name, vocab] : vocabs) {
    w.Key(name);
    w.StartArray();
    for (const VocabEntry& e : vocab->entries) {
      w.StartObject();
      w.Key("code");
      w.String(e.code);
      w.Key("ja");
      w.String(e.ja);
      w.Key("en");
      w.String(e.en);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return buf.GetString();
}

}  // namespace

Reply Server::Impl::Health(const Call& call) {
  return WithDb(call, [&](IndexView& view) { return Reply{200, HealthJson(CountRecords(view), call.role, call.user)}; });
}

Reply Server::Impl::Vocab(const Call&) { return Reply{200, VocabJson()}; }

Reply Server::Impl::SearchRecords(const Call& call) {
  Result<SearchRequest> request = SearchPart(call);
  if (!request.ok()) return ErrorReply(request.status());
  Result<std::optional<Cursor>> cursor = CursorOf(call.params);
  if (!cursor.ok()) return ErrorReply(cursor.status());
  if (cursor.value()) request.value().offset = static_cast<long long>(cursor.value()->offset);
  const std::string* at = cursor.value() ? &cursor.value()->revision : nullptr;
  return WithDb(
      call,
      [&](IndexView& view) {
        Result<SearchResult> result = Search(view, analyzer, request.value());
        if (!result.ok()) return ErrorReply(result.status());
        const SearchResult& r = result.value();
        // The next page, when there is one: from this revision, after
        // these hits (an estimated total may promise more than there are;
        // a full page says there may be more).
        const size_t next = r.first + r.hits.size();
        const std::string next_cursor = NextCursor(r.hits.size() == static_cast<size_t>(r.per_page) && next < r.total,
                                                   view.revision(), next, call.params);
        Reply reply{200, SearchResultJson(r, next_cursor)};
        reply.pin = !next_cursor.empty();
        return reply;
      },
      at);
}

// Every match of a search as CSV or JSON Lines, streamed from one view
// (query/export.h).  What can go wrong is found before the first byte (a
// bad parameter, a shard that is down): a JSON error; a failure after it
// cuts the chunked body short, which clients report as an error.
Reply Server::Impl::ExportRecords(const Call& call) {
  Result<SearchRequest> request = SearchPart(call);
  if (!request.ok()) return ErrorReply(request.status());
  ExportOptions options;
  Result<std::string> format = SingleParam(call.params, "format");
  if (!format.ok()) return ErrorReply(format.status());
  if (!format.value().empty() && !ParseExportFormat(format.value(), &options.format)) {
    return ErrorReply(Status::InvalidArgument("format: must be csv or jsonl"));
  }
  Result<std::string> bom = SingleParam(call.params, "bom");
  if (!bom.ok()) return ErrorReply(bom.status());
  if (bom.value() != "" && bom.value() != "0" && bom.value() != "1") {
    return ErrorReply(Status::InvalidArgument("bom: must be 0 or 1"));
  }
  options.bom = bom.value() == "1";
  if (options.bom && options.format != ExportFormat::kCsv) {
    return ErrorReply(Status::InvalidArgument("bom: only for format=csv"));
  }
  Result<DatabasePool::Lease> borrowed = pool.Borrow(call.role);
  if (!borrowed.ok()) return ErrorReply(borrowed.status());
  auto lease = std::make_shared<DatabasePool::Lease>(std::move(borrowed.value()));
  SearchRequest probe = request.value();
  probe.per_page = 1;
  probe.facets = false;
  try {
    Result<SearchResult> first = Search(lease->view(), analyzer, probe);
    if (!first.ok()) return ErrorReply(first.status());
  } catch (const Xapian::Error& e) {
    return ErrorReply(ReadError(e, "reading the index"));
  }
  Reply reply;
  reply.revision = lease->view().revision();
  reply.content_type = ExportContentType(options.format);
  reply.filename = options.format == ExportFormat::kCsv ? "seedgraph-export.csv" : "seedgraph-export.jsonl";
  reply.stream = [this, lease, req = request.value(), options](httplib::DataSink& sink) {
    try {
      Result<size_t> rows = ExportMatches(lease->view(), analyzer, req, options, [&sink](const std::string& s) {
        return sink.write(s.data(), s.size());
      });
      if (!rows.ok()) return false;
    } catch (const Xapian::Error&) {
      return false;
    }
    sink.done();
    return true;
  };
  return reply;
}

extern const char kOpenApiJson[];  // web/openapi.json, compiled in

Reply Server::Impl::OpenApi(const Call&) { return Reply{200, kOpenApiJson}; }

Reply Server::Impl::GetRecordById(const Call& call) {
  return WithDb(call, [&](IndexView& view) {
    Result<RecordView> record = GetRecord(view, call.captures.at(0));
    if (!record.ok()) return ErrorReply(record.status());
    return Reply{200, RecordViewJson(record.value())};
  });
}

}  // namespace seedgraph
