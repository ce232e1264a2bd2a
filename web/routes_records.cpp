// Handlers of the record endpoints: health, search, one record, vocabularies.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "query/json.h"
#include "query/search.h"
#include "schema/vocab.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

std::string HealthJson(size_t records) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("status");
  w.String("ok");
  w.Key("records");
  w.Uint64(records);
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
  return WithDb(call, [&](IndexView& view) { return Reply{200, HealthJson(CountRecords(view))}; });
}

Reply Server::Impl::Vocab(const Call&) { return Reply{200, VocabJson()}; }

Reply Server::Impl::SearchRecords(const Call& call) {
  Result<SearchRequest> request = SearchPart(call);
  if (!request.ok()) return ErrorReply(request.status());
  return WithDb(call, [&](IndexView& view) {
    Result<SearchResult> result = Search(view, analyzer, request.value());
    if (!result.ok()) return ErrorReply(result.status());
    return Reply{200, SearchResultJson(result.value())};
  });
}

Reply Server::Impl::GetRecordById(const Call& call) {
  return WithDb(call, [&](IndexView& view) {
    Result<RecordView> record = GetRecord(view, call.captures.at(0));
    if (!record.ok()) return ErrorReply(record.status());
    return Reply{200, RecordViewJson(record.value())};
  });
}

}  // namespace seedgraph
