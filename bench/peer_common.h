// What the peers (SQLite FTS5, Groonga) index of a seedgraph record: the
// same text seedgraph searches (title; text, keywords, identifiers) and the
// same facet fields.
#pragma once

#include <rapidjson/document.h>

#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "bench/bench_util.h"

namespace seedgraph::bench {

struct FlatRecord {
  std::string id, type, title, body, project, stage;
  int year = 0;
  std::vector<std::string> areas, modalities;
};

inline std::string JsonStr(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength())
                                                     : std::string();
}

inline void AppendLang(const rapidjson::Value& rec, const char* key, std::string* out) {
  auto it = rec.FindMember(key);
  if (it == rec.MemberEnd() || !it->value.IsObject()) return;
  for (const char* lang : {"ja", "en"}) {
    const std::string s = JsonStr(it->value, lang);
    if (s.empty()) continue;
    if (!out->empty()) *out += ' ';
    *out += s;
  }
}

inline std::vector<std::string> JsonStrings(const rapidjson::Value& rec, const char* key) {
  std::vector<std::string> out;
  auto it = rec.FindMember(key);
  if (it == rec.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray()) {
    if (v.IsString()) out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

// False for a line that is not a JSON object with an id.
inline bool ParseFlat(const std::string& line, FlatRecord* r) {
  rapidjson::Document doc;
  doc.Parse(line.c_str(), line.size());
  if (!doc.IsObject()) return false;
  *r = FlatRecord();
  r->id = JsonStr(doc, "id");
  r->type = JsonStr(doc, "type");
  AppendLang(doc, "title", &r->title);
  AppendLang(doc, "text", &r->body);
  for (const auto& k : JsonStrings(doc, "keywords")) r->body += " " + k;
  auto ids = doc.FindMember("identifiers");
  if (ids != doc.MemberEnd() && ids->value.IsObject()) {
    for (const auto& m : ids->value.GetObject()) {
      if (m.value.IsString()) r->body += std::string(" ") + m.value.GetString();
    }
  }
  r->project = JsonStr(doc, "project");
  r->stage = JsonStr(doc, "stage");
  const std::string date = JsonStr(doc, "date");
  if (date.size() >= 4) r->year = std::atoi(date.substr(0, 4).c_str());
  r->areas = JsonStrings(doc, "disease_areas");
  r->modalities = JsonStrings(doc, "modalities");
  return !r->id.empty();
}

inline size_t CodePointCount(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The query's words as a peer sees them: split at ASCII space/punctuation
// and U+3000 (seedgraph's analyzer does the same before it segments).
inline std::vector<std::string> PeerWords(const std::string& q) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    const bool sep = c == ' ' || c == '\t' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
                     c == '"' || c == '\'' || q.compare(i, 3, "\xE3\x80\x80") == 0;
    if (sep) {
      if (q.compare(i, 3, "\xE3\x80\x80") == 0) i += 2;
      if (!words.back().empty()) words.emplace_back();
      continue;
    }
    words.back() += c;
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// Counts of one facet value, as seedgraph's match spies give them.
using FacetCounts = std::vector<std::map<std::string, size_t>>;

}  // namespace seedgraph::bench
