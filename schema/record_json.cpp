#include "schema/record_json.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstring>

#include "schema/json_parse.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

using rapidjson::Value;

// Every rule failure is reported as "field: reason"; this keeps the format in
// one place.
Status FieldError(const std::string& field, const std::string& reason) {
  return Status::InvalidArgument(field + ": " + reason);
}

std::string Str(const Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

Status GetString(const Value& v, const std::string& field, std::string* out) {
  if (!v.IsString()) return FieldError(field, "must be a string");
  if (v.GetStringLength() > kMaxFieldBytes) {
    return FieldError(field, "longer than 1 MiB (" + std::to_string(v.GetStringLength()) + " bytes)");
  }
  *out = Str(v);
  return Status::Ok();
}

Status GetStringArray(const Value& v, const std::string& field, std::vector<std::string>* out) {
  if (!v.IsArray()) return FieldError(field, "must be an array of strings");
  out->clear();
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    std::string s;
    Status st = GetString(v[i], field + "[" + std::to_string(i) + "]", &s);
    if (!st.ok()) return st;
    out->push_back(std::move(s));
  }
  return Status::Ok();
}

Status GetLangText(const Value& v, const std::string& field, LangText* out) {
  if (!v.IsObject()) return FieldError(field, "must be an object {\"ja\": ..., \"en\": ...}");
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string lang = Str(m->name);
    std::string* dst = lang == "ja" ? &out->ja : lang == "en" ? &out->en : nullptr;
    if (dst == nullptr) return FieldError(field + "." + lang, "unknown language (use ja or en)");
    Status st = GetString(m->value, field + "." + lang, dst);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Status GetIdentifiers(const Value& v, std::map<std::string, std::string>* out) {
  if (!v.IsObject()) return FieldError("identifiers", "must be an object");
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    std::string key = Str(m->name);
    std::string field = "identifiers." + key;
    if (m->value.IsInt64()) {
      (*out)[key] = std::to_string(m->value.GetInt64());
      continue;
    }
    std::string value;
    Status st = GetString(m->value, field, &value);
    if (!st.ok()) return st;
    (*out)[key] = std::move(value);
  }
  return Status::Ok();
}

Status GetLinks(const Value& v, std::vector<Link>* out) {
  if (!v.IsArray()) return FieldError("links", "must be an array of {rel, to, date} objects");
  for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
    const std::string field = "links[" + std::to_string(i) + "]";
    if (!v[i].IsObject()) return FieldError(field, "must be an object {rel, to, date}");
    Link link;
    for (auto m = v[i].MemberBegin(); m != v[i].MemberEnd(); ++m) {
      std::string key = Str(m->name);
      std::string* dst = key == "rel" ? &link.rel : key == "to" ? &link.to : key == "date" ? &link.date : nullptr;
      if (dst == nullptr) return FieldError(field + "." + key, "unknown field");
      Status st = GetString(m->value, field + "." + key, dst);
      if (!st.ok()) return st;
    }
    out->push_back(std::move(link));
  }
  return Status::Ok();
}

std::string CompactJson(const Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

// Dispatches one top-level member to its parser.
Status ParseMember(const std::string& key, const Value& v, Record* r) {
  if (key == "id") return GetString(v, key, &r->id);
  if (key == "type") return GetString(v, key, &r->type);
  if (key == "title") return GetLangText(v, key, &r->title);
  if (key == "text") return GetLangText(v, key, &r->text);
  if (key == "keywords") return GetStringArray(v, key, &r->keywords);
  if (key == "date") return GetString(v, key, &r->date);
  if (key == "project") return GetString(v, key, &r->project);
  if (key == "disease_areas") return GetStringArray(v, key, &r->disease_areas);
  if (key == "modalities") return GetStringArray(v, key, &r->modalities);
  if (key == "stage") return GetString(v, key, &r->stage);
  if (key == "identifiers") return GetIdentifiers(v, &r->identifiers);
  if (key == "links") return GetLinks(v, &r->links);
  if (key == "visibility") return GetString(v, key, &r->visibility);
  if (key == "year") {
    if (!v.IsInt()) return FieldError(key, "must be an integer");
    r->year = v.GetInt();
    return Status::Ok();
  }
  if (key == "attrs") {
    if (!v.IsObject()) return FieldError(key, "must be an object");
    r->attrs_json = CompactJson(v);
    if (r->attrs_json.size() > kMaxFieldBytes) return FieldError(key, "longer than 1 MiB when serialised");
    return Status::Ok();
  }
  return FieldError(key, "unknown field (put extra data under \"attrs\")");
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Accepts YYYY, YYYY-MM, YYYY-MM-DD (and a longer ISO timestamp whose first
// ten characters are a date).  Sets *year.
Status CheckDate(const std::string& field, const std::string& date, int* year) {
  const std::string bad = "not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): \"" + date.substr(0, 40) + "\"";
  if (date.size() < 4 || !AllDigits(std::string_view(date).substr(0, 4))) return FieldError(field, bad);
  int y = std::stoi(date.substr(0, 4));
  if (date.size() > 4) {
    if (date.size() < 7 || date[4] != '-' || !AllDigits(std::string_view(date).substr(5, 2))) return FieldError(field, bad);
    int m = std::stoi(date.substr(5, 2));
    if (m < 1 || m > 12) return FieldError(field, bad);
  }
  if (date.size() > 7) {
    if (date.size() < 10 || date[7] != '-' || !AllDigits(std::string_view(date).substr(8, 2))) return FieldError(field, bad);
    int d = std::stoi(date.substr(8, 2));
    const int m = std::stoi(date.substr(5, 2));
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap)) return FieldError(field, bad);
    if (date.size() > 10 && date[10] != 'T' && date[10] != ' ') return FieldError(field, bad);
  }
  if (y < 1000) return FieldError(field, bad);
  *year = y;
  return Status::Ok();
}

Status CheckCode(const Vocabulary& vocab, const std::string& field, const std::string& code) {
  if (vocab.Contains(code)) return Status::Ok();
  return FieldError(field, "unknown code \"" + code.substr(0, 60) + "\" (allowed: " + vocab.CodeList() + ")");
}

Status CheckCodes(const Vocabulary& vocab, const std::string& field, std::vector<std::string>* codes) {
  for (size_t i = 0; i < codes->size(); ++i) {
    Status st = CheckCode(vocab, field + "[" + std::to_string(i) + "]", (*codes)[i]);
    if (!st.ok()) return st;
  }
  std::sort(codes->begin(), codes->end());
  codes->erase(std::unique(codes->begin(), codes->end()), codes->end());
  return Status::Ok();
}

bool HasControlOrSpace(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

Status CheckId(const std::string& field, const std::string& id) {
  if (id.empty()) return FieldError(field, "must not be empty");
  if (id.size() > 1024) return FieldError(field, "longer than 1024 bytes");
  if (HasControlOrSpace(id)) return FieldError(field, "must not contain spaces or control characters");
  if (!IsValidUtf8(id)) return FieldError(field, "invalid UTF-8");
  size_t colon = id.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) {
    return FieldError(field, "must have the form <type>:<source-key>, got \"" + id.substr(0, 80) + "\"");
  }
  return Status::Ok();
}

Status CheckUtf8(const Record& r) {
  auto check = [](const std::string& field, const std::string& s) {
    return IsValidUtf8(s) ? Status::Ok() : FieldError(field, "invalid UTF-8");
  };
  for (const auto& [field, s] : {std::pair<const char*, const std::string*>{"title.ja", &r.title.ja},
                                 {"title.en", &r.title.en}, {"text.ja", &r.text.ja}, {"text.en", &r.text.en},
                                 {"date", &r.date}}) {
    Status st = check(field, *s);
    if (!st.ok()) return st;
  }
  for (const auto& k : r.keywords) {
    if (!IsValidUtf8(k)) return FieldError("keywords", "invalid UTF-8");
  }
  for (const auto& [k, v] : r.identifiers) {
    if (!IsValidUtf8(k) || !IsValidUtf8(v)) return FieldError("identifiers." + k, "invalid UTF-8");
  }
  return check("attrs", r.attrs_json);
}

Status CheckSizes(const Record& r) {
  for (const auto& [field, s] : {std::pair<const char*, const std::string*>{"title.ja", &r.title.ja},
                                 {"title.en", &r.title.en}, {"text.ja", &r.text.ja}, {"text.en", &r.text.en},
                                 {"attrs", &r.attrs_json}}) {
    if (s->size() > kMaxFieldBytes) {
      return FieldError(field, "longer than 1 MiB (" + std::to_string(s->size()) + " bytes)");
    }
  }
  return Status::Ok();
}

Status CheckLinks(std::vector<Link>* links) {
  for (size_t i = 0; i < links->size(); ++i) {
    const std::string field = "links[" + std::to_string(i) + "]";
    Link& l = (*links)[i];
    if (l.rel.empty()) return FieldError(field + ".rel", "required");
    Status st = CheckCode(Relations(), field + ".rel", l.rel);
    if (!st.ok()) return st;
    st = CheckId(field + ".to", l.to);
    if (!st.ok()) return st;
    // CheckDate reads only the first ten bytes of a timestamp, and CheckUtf8
    // does not see links: without this a link date could carry bytes that
    // WriteRecordJson writes out as invalid JSON (found by fuzz/record_fuzzer).
    if (!IsValidUtf8(l.date)) return FieldError(field + ".date", "invalid UTF-8");
    int year = 0;
    if (!l.date.empty() && !(st = CheckDate(field + ".date", l.date, &year)).ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

bool IsIsoDate(const std::string& date) {
  int year = 0;
  return CheckDate("date", date, &year).ok();
}

Status ValidateRecord(Record* r) {
  Status st = CheckId("id", r->id);
  if (!st.ok()) return st;
  if (r->type.empty()) return FieldError("type", "required");
  if (!(st = CheckCode(RecordTypes(), "type", r->type)).ok()) return st;
  if (r->id.compare(0, r->type.size() + 1, r->type + ":") != 0) {
    return FieldError("id", "must start with the record type \"" + r->type + ":\", got \"" + r->id.substr(0, 80) + "\"");
  }
  if (r->title.empty()) return FieldError("title", "required, with at least one of ja, en");
  if (!(st = CheckUtf8(*r)).ok()) return st;
  if (!(st = CheckSizes(*r)).ok()) return st;
  if (!r->date.empty()) {
    if (!(st = CheckDate("date", r->date, &r->year)).ok()) return st;
  } else if (r->year != 0 && (r->year < 1000 || r->year > 9999)) {
    return FieldError("year", "out of range");
  }
  if (!r->project.empty() && !(st = CheckCode(Projects(), "project", r->project)).ok()) return st;
  if (!r->stage.empty() && !(st = CheckCode(Stages(), "stage", r->stage)).ok()) return st;
  if (r->visibility.empty()) r->visibility = "public";
  if (!(st = CheckCode(Visibilities(), "visibility", r->visibility)).ok()) return st;
  if (!(st = CheckCodes(DiseaseAreas(), "disease_areas", &r->disease_areas)).ok()) return st;
  if (!(st = CheckCodes(Modalities(), "modalities", &r->modalities)).ok()) return st;
  for (size_t i = 0; i < r->keywords.size(); ++i) {
    if (r->keywords[i].size() > 1024) return FieldError("keywords[" + std::to_string(i) + "]", "longer than 1024 bytes");
  }
  for (const auto& [k, v] : r->identifiers) {
    if (k.empty() || v.empty()) return FieldError("identifiers." + k, "empty scheme or value");
    if (v.size() > 1024) return FieldError("identifiers." + k, "longer than 1024 bytes");
  }
  return CheckLinks(&r->links);
}

Status ParseRecord(std::string_view json, Record* out) {
  *out = Record();
  rapidjson::Document doc;
  size_t offset = 0;
  Status parsed = ParseJson(json, &doc, {}, &offset);
  if (!parsed.ok()) return FieldError("json", parsed.message() + " at byte " + std::to_string(offset));
  if (!doc.IsObject()) return FieldError("json", "a record must be a JSON object");
  for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m) {
    Status st = ParseMember(Str(m->name), m->value, out);
    if (!st.ok()) return st;
  }
  if (out->id.empty() && !doc.HasMember("id")) return FieldError("id", "required");
  return ValidateRecord(out);
}

Record DecodeStoredRecord(std::string_view json) {
  Record out;
  rapidjson::Document doc;
  // What ParseRecord let in and WriteRecordJson wrote: valid UTF-8, nested
  // 64 deep at most, so rapidjson's plain parse (no UTF-8 validation, no
  // depth pre-scan: a third of a 2-hop graph's time) is safe here.
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return out;
  // A member that does not decode is left as far as it got (its own field
  // only); the others are read all the same.
  for (auto m = doc.MemberBegin(); m != doc.MemberEnd(); ++m) ParseMember(Str(m->name), m->value, &out);
  if (out.date.size() >= 4 && std::all_of(out.date.begin(), out.date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
    out.year = std::stoi(out.date.substr(0, 4));
  }
  return out;
}

namespace {

const rapidjson::Value* AttrValue(const std::string& attrs_json, const char* key, rapidjson::Document* attrs) {
  if (attrs_json.find(key) == std::string::npos) return nullptr;  // the common case, no parse
  size_t offset = 0;
  if (!ParseJson(attrs_json, attrs, {}, &offset).ok() || !attrs->IsObject()) return nullptr;
  auto it = attrs->FindMember(key);
  return it == attrs->MemberEnd() ? nullptr : &it->value;
}

}  // namespace

std::string AttrString(const std::string& attrs_json, const char* key) {
  rapidjson::Document attrs;
  const rapidjson::Value* v = AttrValue(attrs_json, key, &attrs);
  return v != nullptr && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

bool AttrFlag(const std::string& attrs_json, const char* key) {
  rapidjson::Document attrs;
  const rapidjson::Value* v = AttrValue(attrs_json, key, &attrs);
  return v != nullptr && v->IsBool() && v->GetBool();
}

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(JsonWriter* w, const std::string& s) {
  w->String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void WriteLangText(JsonWriter* w, const char* key, const LangText& t) {
  if (t.empty()) return;
  w->Key(key);
  w->StartObject();
  if (!t.ja.empty()) { w->Key("ja"); WriteString(w, t.ja); }
  if (!t.en.empty()) { w->Key("en"); WriteString(w, t.en); }
  w->EndObject();
}

void WriteStrings(JsonWriter* w, const char* key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w->Key(key);
  w->StartArray();
  for (const auto& s : v) WriteString(w, s);
  w->EndArray();
}

void WriteOptional(JsonWriter* w, const char* key, const std::string& s) {
  if (s.empty()) return;
  w->Key(key);
  WriteString(w, s);
}

void WriteLinks(JsonWriter* w, const std::vector<Link>& links) {
  if (links.empty()) return;
  w->Key("links");
  w->StartArray();
  for (const auto& l : links) {
    w->StartObject();
    w->Key("rel"); WriteString(w, l.rel);
    w->Key("to"); WriteString(w, l.to);
    WriteOptional(w, "date", l.date);
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

std::string WriteRecordJson(const Record& r) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("id"); WriteString(&w, r.id);
  w.Key("type"); WriteString(&w, r.type);
  WriteLangText(&w, "title", r.title);
  WriteLangText(&w, "text", r.text);
  WriteStrings(&w, "keywords", r.keywords);
  WriteOptional(&w, "date", r.date);
  if (r.date.empty() && r.year != 0) { w.Key("year"); w.Int(r.year); }
  WriteOptional(&w, "project", r.project);
  WriteStrings(&w, "disease_areas", r.disease_areas);
  WriteStrings(&w, "modalities", r.modalities);
  WriteOptional(&w, "stage", r.stage);
  if (!r.identifiers.empty()) {
    w.Key("identifiers");
    w.StartObject();
    for (const auto& [k, v] : r.identifiers) { WriteString(&w, k); WriteString(&w, v); }
    w.EndObject();
  }
  WriteLinks(&w, r.links);
  if (r.visibility != "public") WriteOptional(&w, "visibility", r.visibility);
  if (!r.attrs_json.empty()) {
    w.Key("attrs");
    w.RawValue(r.attrs_json.data(), r.attrs_json.size(), rapidjson::kObjectType);
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace seedgraph
