// ROR (Research Organization Registry, CC0) organizations -> organization
// and company records.
//
// Each line of ror_japan.jsonl is one organization.  CONTRACT §1 gives
// organizations known by an identifier an id from it, so the record is
// `organization:ror:<ROR id>` (organization:ror:004rtk039), or
// `company:ror:<ROR id>` when ROR types it `company`: ROR's own typing,
// not a guess from the name.  name_en and the first Japanese name are the
// titles; the other Japanese names and the aliases and acronyms are
// keywords, so that a search for one names the record exactly.  GRID,
// ISNI, FundRef and Wikidata ids are identifiers (lower-case scheme names,
// values as ROR writes them), next to `ror`.
//
// ROR's relationships (parent, child, related, successor, predecessor)
// stay in attrs (attrs.relationships.parents = [{ror, name}], ...), and each
// parent is a `part_of` link (Janssen Pharmaceutical K.K. part_of Johnson &
// Johnson): a link, never a merge.  The target's id needs its type: a first
// pass over the files reads which ROR ids are companies; a parent that is
// not in the files gets the child's type.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>

#include <rapidjson/document.h>

#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/json_lines.h"
#include "schema/json_parse.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

using Value = rapidjson::Value;

constexpr const char* kRorPrefix = "https://ror.org/";

std::string Str(const Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? CleanText(it->value.GetString()) : "";
}

std::vector<std::string> Strings(const Value& v, const char* key) {
  std::vector<std::string> out;
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& s : it->value.GetArray()) {
    if (s.IsString()) AddUnique(&out, CleanText(s.GetString()));
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "https://ror.org/04hjbmv12" (or the bare "04hjbmv12") -> "04hjbmv12";
// "" unless it is ROR-shaped: '0' and 8 more lower-case letters or digits.
std::string RorId(const std::string& raw) {
  std::string id = raw.compare(0, std::string(kRorPrefix).size(), kRorPrefix) == 0 ? raw.substr(16) : raw;
  if (id.size() != 9 || id[0] != '0') return "";
  bool ok = std::all_of(id.begin(), id.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || std::islower(static_cast<unsigned char>(c)); });
  return ok ? id : "";
}

// True when the text holds a CJK ideograph (U+3400..U+9FFF, 3 bytes in UTF-8).
bool HasKanji(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c & 0xF0) != 0xE0) continue;
    unsigned cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (cp >= 0x3400 && cp <= 0x9FFF) return true;
  }
  return false;
}

// attrs.relationships.{parents, children, related, successors, predecessors}: each a
// list of {"ror", "name"}.
std::string Relationships(const Value& doc) {
  static constexpr const char* kKinds[][2] = {{"parent", "parents"},       {"child", "children"},
                                              {"related", "related"},      {"successor", "successors"},
                                              {"predecessor", "predecessors"}};
  auto it = doc.FindMember("relationships");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return "";
  Attrs out;
  bool any = false;
  for (const auto& kind : kKinds) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartArray();
    size_t n = 0;
    for (const auto& rel : it->value.GetArray()) {
      // [type, ror id, label]
      if (!rel.IsArray() || rel.Size() < 2 || !rel[0].IsString() || !rel[1].IsString()) continue;
      if (Lower(rel[0].GetString()) != kind[0]) continue;
      std::string ror = RorId(rel[1].GetString());
      if (ror.empty()) continue;
      std::string name = rel.Size() > 2 && rel[2].IsString() ? CleanText(rel[2].GetString()) : "";
      std::string one = Attrs().Str("ror", ror).Str("name", name).Done();
      w.RawValue(one.c_str(), one.size(), rapidjson::kObjectType);
      ++n;
    }
    w.EndArray();
    if (n == 0) continue;
    out.Raw(kind[1], buf.GetString());
    any = true;
  }
  std::string json = out.Done();
  return any ? json : "";
}

// Lower-case scheme -> value, ROR first; the first value per scheme wins
// (a v1 record may write both "GRID" and "grid").
void Identifiers(const Value& doc, const std::string& ror, Record* r) {
  r->identifiers["ror"] = ror;
  auto it = doc.FindMember("external_ids");
  if (it == doc.MemberEnd() || !it->value.IsObject()) return;
  for (const auto& m : it->value.GetObject()) {
    if (!m.value.IsString()) continue;
    std::string scheme = Lower(m.name.GetString()), value = CleanText(m.value.GetString());
    if (scheme.empty() || value.empty() || scheme.size() > 32 || r->identifiers.count(scheme)) continue;
    r->identifiers[scheme] = value;
  }
}

bool IsCompanyTyped(const Value& doc) {
  auto it = doc.FindMember("types");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return false;
  return std::any_of(it->value.Begin(), it->value.End(),
                     [](const Value& t) { return t.IsString() && Lower(t.GetString()) == "company"; });
}

class RorReader {
 public:
  explicit RorReader(RecordSink* sink) : sink_(sink) {}
  // The first pass: which ROR ids are companies (bad lines are the second
  // pass's to report).
  void Types(const std::string& line) {
    rapidjson::Document doc;
    if (!ParseJson(line, &doc).ok() || !doc.IsObject()) return;
    const std::string ror = RorId(Str(doc, "id"));
    if (!ror.empty()) company_[ror] = IsCompanyTyped(doc);
  }
  void Line(const std::string& line, const std::string& where);

 private:
  bool Organization(const Value& doc, const std::string& where, Record* r);
  void Parents(const Value& doc, Record* r) const;
  RecordSink* sink_;
  std::unordered_map<std::string, bool> company_;  // ROR id -> typed company
};

void RorReader::Parents(const Value& doc, Record* r) const {
  auto it = doc.FindMember("relationships");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return;
  for (const auto& rel : it->value.GetArray()) {
    if (!rel.IsArray() || rel.Size() < 2 || !rel[0].IsString() || !rel[1].IsString()) continue;
    if (Lower(rel[0].GetString()) != "parent") continue;
    const std::string ror = RorId(rel[1].GetString());
    if (ror.empty()) continue;
    auto known = company_.find(ror);
    const std::string type = known == company_.end() ? r->type : known->second ? "company" : "organization";
    r->links.push_back({"part_of", type + ":ror:" + ror, ""});
  }
}

bool RorReader::Organization(const Value& doc, const std::string& where, Record* r) {
  std::string raw = Str(doc, "id"), ror = RorId(raw);
  if (ror.empty()) {
    sink_->Reject(where, raw.empty() ? "id: required (a ROR id like https://ror.org/04hjbmv12)"
                                     : "id: expected a ROR id like https://ror.org/04hjbmv12, got '" + raw.substr(0, 60) + "'");
    return false;
  }
  std::vector<std::string> ja = Strings(doc, "name_ja"), aliases = Strings(doc, "aliases"), types;
  for (const auto& t : Strings(doc, "types")) AddUnique(&types, Lower(t));
  const bool company = std::find(types.begin(), types.end(), "company") != types.end();
  r->type = company ? "company" : "organization";
  r->id = r->type + ":ror:" + ror;
  r->title.en = Str(doc, "name_en");
  // The first name with kanji, else in kana, else the first: a few records
  // list a romanisation or a reading first.
  auto script = std::find_if(ja.begin(), ja.end(), HasKanji);
  if (script == ja.end()) script = std::find_if(ja.begin(), ja.end(), [](const std::string& n) { return HasJapanese(n); });
  r->title.ja = script != ja.end() ? *script : ja.empty() ? "" : ja.front();
  if (r->title.empty()) {
    sink_->Reject(where, "name_en: required (neither name_en nor name_ja is given)");
    return false;
  }
  // ROR writes companies as "Takeda (Japan)": the name without the country
  // is a keyword, so that "Takeda" names the record.
  const std::string& en = r->title.en;
  size_t paren = en.rfind(" (");
  if (company && paren != std::string::npos && paren > 0 && en.back() == ')') AddUnique(&r->keywords, en.substr(0, paren));
  // attrs.names: every name the organization goes by (the resolver links
  // records of other sources through them): the English name without the
  // country, the Japanese names, the aliases.
  std::vector<std::string> names;
  AddUnique(&names, company && paren != std::string::npos && en.back() == ')' ? en.substr(0, paren) : en);
  for (const auto& list : {ja, aliases}) {
    for (const auto& n : list) {
      if (n != r->title.en && n != r->title.ja) AddUnique(&r->keywords, n);
      AddUnique(&names, n);
    }
  }
  Identifiers(doc, ror, r);
  Parents(doc, r);
  Attrs a;
  a.Str("source", "ROR").Strs("types", types).Str("status", Str(doc, "status")).Str("city", Str(doc, "city"));
  a.Strs("names", names).Strs("name_ja", ja).Strs("aliases", aliases).Strs("website", Strings(doc, "website"));
  std::string rels = Relationships(doc);
  if (!rels.empty()) a.Raw("relationships", rels);
  a.Str("release", Str(doc, "release"));
  r->attrs_json = a.Done();
  return true;
}

void RorReader::Line(const std::string& line, const std::string& where) {
  rapidjson::Document doc;
  if (!ParseJsonLineObject(line, where, "{id, name_en, name_ja, ...}", sink_, &doc)) return;
  Record r;
  if (Organization(doc, where, &r)) sink_->Accept(std::move(r));
}

}  // namespace

Status ImportRor(const std::vector<std::string>& files, RecordSink* sink) {
  RorReader reader(sink);
  // Standard input cannot be read twice: its parents get the child's type.
  std::vector<std::string> seekable;
  for (const auto& f : files) {
    if (f != "-") seekable.push_back(f);
  }
  Status first = ForEachJsonLine(seekable, [&reader](const std::string& line, const std::string&) { reader.Types(line); });
  if (!first.ok()) return first;
  return ForEachJsonLine(files, [&reader](const std::string& line, const std::string& where) { reader.Line(line, where); });
}

}  // namespace seedgraph
