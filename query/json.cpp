#include "query/json.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>

namespace seedgraph {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(JsonWriter* w, const std::string& s) { w->String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

void KeyStr(JsonWriter* w, const char* key, const std::string& s) {
  w->Key(key);
  Str(w, s);
}

void Strings(JsonWriter* w, const char* key, const std::vector<std::string>& v) {
  w->Key(key);
  w->StartArray();
  for (const auto& s : v) Str(w, s);
  w->EndArray();
}

void WriteHit(JsonWriter* w, const Hit& h) {
  w->StartObject();
  KeyStr(w, "id", h.id);
  KeyStr(w, "type", h.type);
  w->Key("title");
  w->StartObject();
  if (!h.title.ja.empty()) KeyStr(w, "ja", h.title.ja);
  if (!h.title.en.empty()) KeyStr(w, "en", h.title.en);
  w->EndObject();
  KeyStr(w, "snippet", h.snippet);
  w->Key("score");
  w->Double(h.score);
  KeyStr(w, "date", h.date);
  KeyStr(w, "project", h.project);
  Strings(w, "disease_areas", h.disease_areas);
  Strings(w, "modalities", h.modalities);
  KeyStr(w, "stage", h.stage);
  w->EndObject();
}

void WriteLinkView(JsonWriter* w, const LinkView& l, const char* direction) {
  w->StartObject();
  KeyStr(w, "id", l.id);
  KeyStr(w, "direction", direction);
  if (!l.type.empty()) KeyStr(w, "type", l.type);
  if (!l.title.empty()) KeyStr(w, "title", l.title);
  if (!l.date.empty()) KeyStr(w, "date", l.date);
  w->Key("indexed");
  w->Bool(!l.type.empty());
  w->EndObject();
}

}  // namespace

std::string SearchResultJson(const SearchResult& r) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("total");
  w.Uint64(r.total);
  w.Key("page");
  w.Int(r.page);
  w.Key("per_page");
  w.Int(r.per_page);
  w.Key("hits");
  w.StartArray();
  for (const auto& h : r.hits) WriteHit(&w, h);
  w.EndArray();
  w.Key("facets");
  w.StartObject();
  for (const auto& [name, counts] : r.facets) {
    Str(&w, name);
    w.StartObject();
    for (const auto& [value, n] : counts) {
      Str(&w, value);
      w.Uint64(n);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string RecordViewJson(const RecordView& view) {
  rapidjson::Document rec;
  rec.Parse(view.json.c_str(), view.json.size());
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  if (rec.IsObject()) {
    // The ingested `links` array is replaced by the grouped, visibility-
    // filtered view: its raw form could name records the caller may not see.
    for (auto m = rec.MemberBegin(); m != rec.MemberEnd(); ++m) {
      if (std::string(m->name.GetString()) == "links") continue;
      m->name.Accept(w);
      m->value.Accept(w);
    }
  }
  std::map<std::string, std::vector<std::pair<const LinkView*, const char*>>> by_rel;
  for (const auto& l : view.outgoing) by_rel[l.rel].emplace_back(&l, "out");
  for (const auto& l : view.incoming) by_rel[l.rel].emplace_back(&l, "in");
  w.Key("links");
  w.StartObject();
  for (const auto& [rel, links] : by_rel) {
    Str(&w, rel);
    w.StartArray();
    for (const auto& [l, dir] : links) WriteLinkView(&w, *l, dir);
    w.EndArray();
  }
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string ErrorJson(const std::string& code, const std::string& message) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  KeyStr(&w, "code", code);
  KeyStr(&w, "message", message);
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace seedgraph
