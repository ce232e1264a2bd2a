#include "query/json.h"

#include <algorithm>
#include <cmath>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>

#include "query/crosslinks.h"
#include "query/graph.h"
#include "query/indicators.h"
#include "query/match.h"
#include "query/related.h"

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

// The fields of a search hit, inside an object the caller opens: related
// hits and match candidates extend the same shape.
// "title": {"ja", "en"}, each only when present.
void WriteTitle(JsonWriter* w, const LangText& title) {
  w->Key("title");
  w->StartObject();
  if (!title.ja.empty()) KeyStr(w, "ja", title.ja);
  if (!title.en.empty()) KeyStr(w, "en", title.en);
  w->EndObject();
}

void WriteHitFields(JsonWriter* w, const Hit& h, double score) {
  KeyStr(w, "id", h.id);
  KeyStr(w, "type", h.type);
  WriteTitle(w, h.title);
  KeyStr(w, "snippet", h.snippet);
  w->Key("score");
  w->Double(score);
  KeyStr(w, "date", h.date);
  KeyStr(w, "project", h.project);
  Strings(w, "disease_areas", h.disease_areas);
  Strings(w, "modalities", h.modalities);
  KeyStr(w, "stage", h.stage);
  if (!h.missing.empty()) Strings(w, "missing", h.missing);
}

void WriteHit(JsonWriter* w, const Hit& h) {
  w->StartObject();
  WriteHitFields(w, h, h.score);
  w->EndObject();
}

void WriteReasons(JsonWriter* w, const RelatedReasons& r) {
  w->Key("reasons");
  w->StartObject();
  Strings(w, "shared_terms", r.shared_terms);
  Strings(w, "shared_disease_areas", r.shared_disease_areas);
  Strings(w, "shared_modalities", r.shared_modalities);
  Strings(w, "shared_nodes", r.shared_nodes);
  w->Key("paths");
  w->StartArray();
  for (const auto& path : r.paths) {
    w->StartArray();
    for (const auto& step : path) Str(w, step);
    w->EndArray();
  }
  w->EndArray();
  w->Key("labels");
  w->StartObject();
  for (const auto& [id, label] : r.labels) {
    w->Key(id.c_str(), static_cast<rapidjson::SizeType>(id.size()));
    w->StartObject();
    KeyStr(w, "type", label.type);
    WriteTitle(w, label.title);
    w->EndObject();
  }
  w->EndObject();
  w->Key("scores");
  w->StartObject();
  w->Key("text");
  w->Double(r.text_score);
  w->Key("graph");
  w->Double(r.graph_score);
  w->Key("vocab");
  w->Double(r.vocab_score);
  w->EndObject();
  w->EndObject();
}

void Sizes(JsonWriter* w, const char* key, const std::vector<size_t>& v) {
  w->Key(key);
  w->StartArray();
  for (size_t n : v) w->Uint64(n);
  w->EndArray();
}

void WriteIndicatorCount(JsonWriter* w, const char* key, const IndicatorCount& c) {
  w->Key(key);
  w->StartObject();
  w->Key("count");
  w->Uint64(c.count);
  Strings(w, "ids", c.ids);
  w->EndObject();
}

// A row's counts; the caller writes "key" first where it has one.
void WriteIndicatorCounts(JsonWriter* w, const IndicatorRow& row) {
  WriteIndicatorCount(w, "licensed_to", row.licensed_to);
  WriteIndicatorCount(w, "registered_as", row.registered_as);
  WriteIndicatorCount(w, "continued_as", row.continued_as);
  WriteIndicatorCount(w, "top1pct", row.top1pct);
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

std::string SearchResultJson(const SearchResult& r, const std::string& next_cursor) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("total");
  w.Uint64(r.total);
  w.Key("total_exact");
  w.Bool(r.total_exact);
  w.Key("page");
  w.Int(r.page);
  w.Key("per_page");
  w.Int(r.per_page);
  if (!next_cursor.empty()) {
    w.Key("next_cursor");
    Str(&w, next_cursor);
  }
  if (!r.suggestion.empty()) {
    w.Key("suggestion");
    Str(&w, r.suggestion);
    w.Key("suggestion_used");
    w.Bool(r.suggestion_used);
  }
  w.Key("partial");
  w.Bool(r.partial);
  w.Key("expansions");
  w.StartArray();
  for (const Expansion& e : r.expansions) {
    w.StartObject();
    KeyStr(&w, "term", e.term);
    Strings(&w, "names", e.names);
    Strings(&w, "dropped", e.dropped);
    w.EndObject();
  }
  w.EndArray();
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

std::string HitJson(const Hit& hit) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  Hit h = hit;
  h.snippet.clear();
  WriteHit(&w, h);
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

std::string GraphJson(const Graph& graph) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("nodes");
  w.StartArray();
  for (const auto& n : graph.nodes) {
    w.StartObject();
    KeyStr(&w, "id", n.id);
    KeyStr(&w, "type", n.type);
    KeyStr(&w, "title", n.title);
    w.Key("depth");
    w.Int(n.depth);
    w.Key("indexed");
    w.Bool(!n.type.empty());  // a linked-to id not ingested (yet) has no type
    w.EndObject();
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  for (const auto& e : graph.edges) {
    w.StartObject();
    KeyStr(&w, "from", e.from);
    KeyStr(&w, "to", e.to);
    KeyStr(&w, "rel", e.rel);
    KeyStr(&w, "date", e.date);
    w.EndObject();
  }
  w.EndArray();
  w.Key("truncated");
  w.Bool(graph.truncated);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string RelatedJson(const std::vector<RelatedHit>& hits) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("hits");
  w.StartArray();
  for (const auto& h : hits) {
    w.StartObject();
    WriteHitFields(&w, h.hit, h.hit.score);
    WriteReasons(&w, h.reasons);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string MatchJson(const std::vector<MatchCandidate>& candidates) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("candidates");
  w.StartArray();
  for (const auto& c : candidates) {
    w.StartObject();
    WriteHitFields(&w, c.company, c.score);  // the match score, not the company hit's
    Strings(&w, "reasons", c.reasons);
    Strings(&w, "evidence", c.evidence);
    KeyStr(&w, "evidence_strength", c.strength);
    Strings(&w, "names", c.names);
    Strings(&w, "members", c.members);
    w.Key("cited");
    w.StartArray();
    for (const auto& r : c.cited) {
      w.StartObject();
      KeyStr(&w, "id", r.id);
      KeyStr(&w, "type", r.type);
      KeyStr(&w, "rel", r.rel);
      KeyStr(&w, "title", r.title);
      if (!r.date.empty()) KeyStr(&w, "date", r.date);
      w.Key("similarity");
      w.Double(std::round(r.similarity * 1000) / 1000);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  // Say what the list rests on when no candidate has record evidence.
  const bool any_record = std::any_of(candidates.begin(), candidates.end(),
                                      [](const MatchCandidate& c) { return c.strength == "record"; });
  if (!any_record) {
    KeyStr(&w, "note",
           candidates.empty()
               ? "根拠のある候補企業はありません / no company in the index fits this seed"
               : "このシーズや類似の記録に結びつく企業はありません。業種のみによる弱い候補です / no company is linked "
                 "to this seed or to records like it: these candidates rest on their industry code only (weak evidence)");
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string CrosslinksJson(const Crosslinks& x) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  KeyStr(&w, "row_dim", x.row_dim);
  KeyStr(&w, "col_dim", x.col_dim);
  Strings(&w, "rows", x.rows);
  Strings(&w, "cols", x.cols);
  w.Key("counts");
  w.StartArray();
  for (const auto& row : x.counts) {
    w.StartArray();
    for (size_t n : row) w.Uint64(n);
    w.EndArray();
  }
  w.EndArray();
  Sizes(&w, "row_totals", x.row_totals);
  Sizes(&w, "col_totals", x.col_totals);
  // missing_*: records in no cell, without a row code, a column code, or either.
  const std::pair<const char*, size_t> sizes[] = {
      {"total", x.total}, {"missing_row", x.missing_row}, {"missing_column", x.missing_col}, {"missing_both", x.missing_both}};
  for (const auto& [key, n] : sizes) {
    w.Key(key);
    w.Uint64(n);
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string IndicatorsJson(const Indicators& indicators) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  KeyStr(&w, "by", indicators.by);
  w.Key("rows");
  w.StartArray();
  for (const auto& row : indicators.rows) {
    w.StartObject();
    KeyStr(&w, "key", row.key);
    WriteIndicatorCounts(&w, row);
    w.EndObject();
  }
  w.EndArray();
  for (const IndicatorRow* row : {&indicators.total, &indicators.unassigned}) {
    w.Key(row->key.c_str());
    w.StartObject();
    WriteIndicatorCounts(&w, *row);
    w.EndObject();
  }
  // A 0 with no evidence behind it is "not loaded", and says what would load it.
  w.Key("not_loaded");
  w.StartArray();
  for (const std::string& name : indicators.not_loaded) {
    w.StartObject();
    KeyStr(&w, "indicator", name);
    KeyStr(&w, "source", IndicatorSource(name));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string IndicatorDrillJson(const IndicatorDrill& drill, const std::string& by, const std::vector<Hit>& hits,
                               size_t first) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  KeyStr(&w, "by", by);
  KeyStr(&w, "indicator", drill.indicator);
  KeyStr(&w, "key", drill.key);
  w.Key("count");
  w.Uint64(drill.count.count);
  w.Key("records");
  w.Uint64(drill.count.ids.size());
  w.Key("first");
  w.Uint64(first);
  w.Key("not_loaded");
  w.Bool(drill.not_loaded);
  w.Key("hits");
  w.StartArray();
  for (const Hit& h : hits) WriteHit(&w, h);
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace seedgraph
