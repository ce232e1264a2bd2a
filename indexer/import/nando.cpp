// NANDO (Nanbyo Disease Ontology, DBCLS) + the MHLW 指定難病 list -> disease
// records, one per NANDO class.
//
// The inputs complement each other: nando.ttl has the classes, labels,
// hierarchy and MONDO links; nanbyo.json / shoman.json add synonyms,
// comments and some descriptions; the MHLW CSVs add the official disease
// groups and the 難病情報センター page.  A record must be emitted once and
// complete, so the small side tables (JSON, CSV) are read into memory first,
// then the ttl classes are collected (2,777 classes: a map is fine), joined
// with the side tables, and emitted in ttl order.
//
// The Turtle is parsed by libraptor2 (nando_ttl.h).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "indexer/import/csv.h"
#include "indexer/import/importer.h"
#include "indexer/import/nando_ttl.h"
#include "schema/json_parse.h"

namespace seedgraph {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;


// ---------------------------------------------------------------- the data


// One entry of nanbyo.json / shoman.json.
struct JsonEntry {
  int index = 0;  // position in the array (the ttl order, nearly)
  std::string name_ja, name_en, comment, description, notification_no;
  std::vector<std::string> syn_ja, syn_en;
};

struct MhlwEntry {
  std::string name, url;
  std::vector<std::string> groups;
  // "file:line" of its first row.  The header's columns, not the file's name,
  // say which table a CSV is, so the file an entry came from is kept here.
  std::string first_seen;
};

struct Inputs {
  std::string ttl, nanbyo, shoman, mhlw_names, mhlw_groups, mhlw_urls;
};

// What the JSON and the MHLW tables contribute to one class.
struct Enrichment {
  const JsonEntry* json = nullptr;
  const char* json_file = nullptr;
  const char* json_match = nullptr;  // how the entry was matched
  int mhlw_no = 0;
};

// ---------------------------------------------------------------- helpers

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}



// The key two names are compared by: NFKC with case folding (so ＩｇＡ and
// IgA, full- and half-width digits agree), white space and punctuation
// removed (the sources disagree on spaces around Latin words and on
// 「GM1-」 versus 「GM1」).
std::string MatchKey(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString norm = nfkc->normalize(icu::UnicodeString::fromUTF8(s), status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < norm.length(); i = norm.moveIndex32(i, 1)) {
    UChar32 c = norm.char32At(i);
    if (!u_isUWhiteSpace(c) && !u_ispunct(c)) kept.append(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}


void WriteString(JsonWriter* w, const std::string& s) {
  w->String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void WriteStringArray(JsonWriter* w, const char* key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w->Key(key);
  w->StartArray();
  for (const auto& s : v) WriteString(w, s);
  w->EndArray();
}

// ---------------------------------------------------------------- side tables

std::vector<std::string> StringArray(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray()) {
    if (v.IsString()) nando::AddTrimmedUnique(&out, v.GetString());
  }
  return out;
}

std::string StringField(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? nando::Trim(it->value.GetString()) : "";
}

// Reads nanbyo.json / shoman.json.  A syntax error loses the file (the
// DOM parser cannot resume), which is reported; a bad entry loses the entry.
Status LoadJson(const std::string& file, std::vector<JsonEntry>* out, RecordSink* sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(file + ": read error");
  std::string text = ss.str();
  rapidjson::Document doc;
  size_t offset = 0;
  Status parsed = ParseJson(text, &doc, {}, &offset);
  if (!parsed.ok()) {
    sink->Reject(file + ":byte " + std::to_string(offset),
                 "json: " + parsed.message() + " (the file's synonyms and comments are not used)");
    return Status::Ok();
  }
  if (!doc.IsArray()) {
    sink->Reject(file + ":byte 0", "json: expected an array of disease entries");
    return Status::Ok();
  }
  int index = 0;
  for (const auto& v : doc.GetArray()) {
    std::string where = file + ":record " + std::to_string(index + 1);
    JsonEntry e;
    e.index = index++;
    if (!v.IsObject() || StringField(v, "name_ja").empty()) {
      sink->Reject(where, "name_ja: expected an object with a non-empty name_ja");
      continue;
    }
    auto obsolete = v.FindMember("obsolete");
    if (obsolete != v.MemberEnd() && obsolete->value.IsBool() && obsolete->value.GetBool()) continue;
    e.name_ja = StringField(v, "name_ja");
    e.name_en = StringField(v, "name_en");
    e.comment = StringField(v, "comment");
    e.description = StringField(v, "description");
    e.notification_no = StringField(v, "notification_no");
    e.syn_ja = StringArray(v, "synonyms_ja");
    e.syn_en = StringArray(v, "synonyms_en");
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

// Reads one of the MHLW CSVs (no,name / no,group / no,url) into *table.
Status LoadMhlwCsv(const std::string& file, std::map<int, MhlwEntry>* table, RecordSink* sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  CsvReader reader(&in);
  std::vector<std::string> row;
  int no_col = -1, value_col = -1;
  std::string column;
  for (;;) {
    CsvReader::Next next = reader.Read(&row);
    if (next == CsvReader::Next::kEnd) break;
    std::string where = file + ":" + std::to_string(reader.row_line());
    if (next == CsvReader::Next::kError) {
      sink->Reject(where, "csv: " + reader.error());
      continue;
    }
    if (no_col < 0) {
      no_col = FindColumn(row, "no");
      for (const char* name : {"name", "group", "url"}) {
        if (value_col < 0 && (value_col = FindColumn(row, name)) >= 0) column = name;
      }
      if (no_col < 0 || value_col < 0) {
        sink->Reject(where, "header: expected columns no and one of name, group, url");
        return Status::Ok();
      }
      continue;
    }
    size_t need = static_cast<size_t>(std::max(no_col, value_col));
    std::string no = row.size() > need ? nando::Trim(row[no_col]) : "";
    std::string value = row.size() > need ? nando::Trim(row[value_col]) : "";
    if (!nando::AllDigits(no) || no.size() > 6) {
      sink->Reject(where, "no: expected the notification number (告示番号), got '" + no + "'");
      continue;
    }
    if (value.empty()) {
      sink->Reject(where, column + ": empty");
      continue;
    }
    MhlwEntry& e = (*table)[std::atoi(no.c_str())];
    if (e.first_seen.empty()) e.first_seen = where;
    if (column == "name") e.name = value;
    if (column == "url") e.url = value;
    if (column == "group") nando::AddTrimmedUnique(&e.groups, value);
  }
  if (in.bad()) return Status::IOError(file + ": read error");
  return Status::Ok();
}


// ---------------------------------------------------------------- joining

bool Usable(const NandoClass& c) { return c.is_class && !c.deprecated && !c.incomplete; }

std::set<std::string> ClassKeys(const NandoClass& c) {
  std::set<std::string> keys;
  for (const std::string* s : {&c.pref_ja, &c.pref_en, &c.label_ja, &c.label_en}) {
    if (!s->empty()) keys.insert(MatchKey(*s));
  }
  for (const auto* list : {&c.alt_ja, &c.alt_en}) {
    for (const auto& s : *list) keys.insert(MatchKey(s));
  }
  return keys;
}

// Maps the JSON entries of one branch (nanbyo: 12xxxxx, shoman: 22xxxxx) to
// classes.  The JSON order is nearly the ttl order, so entry i is first
// tried against NANDO base+i+1 (any shared name confirms it); failing that,
// by name anywhere in the branch (the nearest unclaimed class wins); last,
// the positional class if it carries the same notification number (the
// JSON often abbreviates sub-type names the ttl spells out).
void MatchJson(const std::vector<JsonEntry>& entries, const char* file, int base,
               const std::vector<NandoClass>& classes, std::vector<Enrichment>* enrich) {
  std::string prefix = std::to_string(base).substr(0, 2);
  std::unordered_map<std::string, size_t> by_id;
  std::unordered_map<std::string, std::vector<size_t>> by_name;
  std::vector<std::set<std::string>> keys(classes.size());
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!Usable(classes[i]) || classes[i].id.compare(0, 2, prefix) != 0) continue;
    by_id[classes[i].id] = i;
    keys[i] = ClassKeys(classes[i]);
    for (const auto& k : keys[i]) by_name[k].push_back(i);
  }
  for (const JsonEntry& e : entries) {
    std::vector<std::string> names = {e.name_ja, e.name_en};
    names.insert(names.end(), e.syn_ja.begin(), e.syn_ja.end());
    names.insert(names.end(), e.syn_en.begin(), e.syn_en.end());
    for (auto& n : names) n = MatchKey(n);
    auto pos_it = by_id.find(std::to_string(base + e.index + 1));
    long pos = pos_it == by_id.end() ? -1 : static_cast<long>(pos_it->second);
    auto free = [&](long i) { return i >= 0 && (*enrich)[i].json == nullptr; };
    long found = -1;
    const char* how = nullptr;
    if (free(pos) && std::any_of(names.begin(), names.end(), [&](const std::string& n) { return keys[pos].count(n) > 0; })) {
      found = pos, how = "position";
    }
    for (size_t k = 0; found < 0 && k < names.size(); ++k) {
      auto it = by_name.find(names[k]);
      if (it == by_name.end()) continue;
      long best_gap = -1;
      for (size_t i : it->second) {
        long gap = std::labs(std::atol(classes[i].id.c_str()) - (base + e.index + 1));
        if (free(i) && (best_gap < 0 || gap < best_gap)) found = i, best_gap = gap;
      }
      if (found >= 0) how = "name";
    }
    if (found < 0 && free(pos) && !e.notification_no.empty() && !classes[pos].notification.empty() &&
        classes[pos].notification.front() == e.notification_no) {
      found = pos, how = "position+notification_no";
    }
    if (found < 0) continue;
    (*enrich)[found].json = &e;
    (*enrich)[found].json_file = file;
    (*enrich)[found].json_match = how;
  }
}

// Attaches each MHLW disease to the 指定難病 class with its notification
// number: the one whose Japanese label is the MHLW name, else the top of
// that number's subtree.  Returns the numbers no class took.
std::vector<int> MatchMhlw(const std::map<int, MhlwEntry>& mhlw, const std::vector<NandoClass>& classes,
                           std::vector<Enrichment>* enrich) {
  std::unordered_map<std::string, std::vector<size_t>> by_no;
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!Usable(classes[i]) || classes[i].id[0] != '1') continue;
    for (const auto& n : classes[i].notification) by_no[n].push_back(i);
  }
  std::vector<int> unmatched;
  for (const auto& [no, entry] : mhlw) {
    const std::vector<size_t>& cands = by_no[std::to_string(no)];
    long found = -1;
    std::string key = MatchKey(entry.name);
    for (size_t i : cands) {
      const NandoClass& c = classes[i];
      if (found < 0 && !key.empty() && MatchKey(c.pref_ja.empty() ? c.label_ja : c.pref_ja) == key) found = i;
    }
    for (size_t i : cands) {
      if (found >= 0) break;
      bool parent_same_no = std::any_of(classes[i].parents.begin(), classes[i].parents.end(), [&](const std::string& p) {
        return std::any_of(cands.begin(), cands.end(), [&](size_t j) { return classes[j].id == p; });
      });
      if (!parent_same_no) found = i;
    }
    if (found >= 0 && (*enrich)[found].mhlw_no == 0) {
      (*enrich)[found].mhlw_no = no;
    } else {
      unmatched.push_back(no);
    }
  }
  return unmatched;
}

// ---------------------------------------------------------------- records

// Disease areas from the hierarchy: the roots are found by label (指定難病,
// 小児慢性特定疾病, and its child 悪性新生物), falling back to the id
// scheme (1xxxxxx / 2xxxxxx) when an input lacks the roots.
struct AreaRoots {
  std::string intractable, child, cancer;
};

AreaRoots FindRoots(const std::vector<NandoClass>& classes) {
  AreaRoots r;
  for (const auto& c : classes) {
    if (c.pref_ja == "指定難病" || c.label_ja == "指定難病") r.intractable = c.id;
    if (c.pref_ja == "小児慢性特定疾病" || c.label_ja == "小児慢性特定疾病") r.child = c.id;
  }
  for (const auto& c : classes) {
    bool under_child = std::find(c.parents.begin(), c.parents.end(), r.child) != c.parents.end();
    if (under_child && (c.pref_ja == "悪性新生物" || c.label_ja == "悪性新生物")) r.cancer = c.id;
  }
  return r;
}

std::vector<std::string> DiseaseAreas(const NandoClass& c, const std::vector<NandoClass>& classes,
                                      const std::unordered_map<std::string, size_t>& index, const AreaRoots& roots) {
  std::set<std::string> lineage;  // the class and all its ancestors
  std::vector<std::string> todo = {c.id};
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    if (!lineage.insert(id).second) continue;  // guards against cycles
    auto it = index.find(id);
    if (it != index.end()) todo.insert(todo.end(), classes[it->second].parents.begin(), classes[it->second].parents.end());
  }
  std::vector<std::string> areas;
  bool intractable = roots.intractable.empty() ? c.id[0] == '1' : lineage.count(roots.intractable) > 0;
  bool child = roots.child.empty() ? c.id[0] == '2' : lineage.count(roots.child) > 0;
  if (intractable) areas.push_back("intractable");
  if (child) areas.push_back("child_maternal");
  if (!roots.cancer.empty() && lineage.count(roots.cancer)) areas.push_back("cancer");
  return areas;
}

void WriteMhlw(JsonWriter* w, int no, const MhlwEntry& e) {
  w->Key("mhlw");
  w->StartObject();
  w->Key("no");
  w->Int(no);
  if (!e.name.empty()) {
    w->Key("name");
    WriteString(w, e.name);
  }
  WriteStringArray(w, "groups", e.groups);
  if (!e.url.empty()) {
    w->Key("url");
    WriteString(w, e.url);
  }
  w->EndObject();
}

std::string ClassAttrs(const NandoClass& c, const Enrichment& en, const std::vector<std::string>& syn_ja,
                       const std::vector<std::string>& syn_en, const std::map<int, MhlwEntry>& mhlw) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("source");
  w.String("NANDO");
  if (!c.reading.empty()) {
    w.Key("reading");
    WriteString(&w, c.reading);
  }
  WriteStringArray(&w, "synonyms_ja", syn_ja);
  WriteStringArray(&w, "synonyms_en", syn_en);
  WriteStringArray(&w, "mondo", c.mondo);
  WriteStringArray(&w, "notification_no", c.notification);
  if (en.json != nullptr) {
    if (!en.json->comment.empty()) {
      w.Key("comment");
      WriteString(&w, en.json->comment);
    }
    w.Key("json_source");
    w.StartObject();
    w.Key("file");
    w.String(en.json_file);
    w.Key("record");
    w.Int(en.json->index + 1);
    w.Key("match");
    w.String(en.json_match);
    w.EndObject();
  }
  if (en.mhlw_no != 0) WriteMhlw(&w, en.mhlw_no, mhlw.at(en.mhlw_no));
  w.EndObject();
  return buf.GetString();
}

Record ClassRecord(const NandoClass& c, const Enrichment& en, const std::map<int, MhlwEntry>& mhlw,
                   std::vector<std::string> areas) {
  Record r;
  r.type = "disease";
  r.id = "disease:nando:" + c.id;
  r.title.ja = c.pref_ja.empty() ? c.label_ja : c.pref_ja;
  r.title.en = c.label_en.empty() ? c.pref_en : c.label_en;
  r.text.ja = c.description_ja.empty() && en.json ? en.json->description : c.description_ja;
  r.text.en = c.description_en;
  std::vector<std::string> syn_ja = c.alt_ja, syn_en = c.alt_en;
  // The official names are names of the class even where its label differs
  // (nanbyo.json ネイルパテラ症候群 for the label ネイル・パテラ症候群; the
  // MHLW list's 糖原病Ⅰa型 for 肝型糖原病Ia型): a query of that name is a
  // whole-name match, and the names expand queries (indexer/synonyms.h).
  if (en.json != nullptr) {
    if (!en.json->name_ja.empty() && en.json->name_ja != r.title.ja) nando::AddTrimmedUnique(&syn_ja, en.json->name_ja);
    if (!en.json->name_en.empty() && en.json->name_en != r.title.en) nando::AddTrimmedUnique(&syn_en, en.json->name_en);
    for (const auto& s : en.json->syn_ja) nando::AddTrimmedUnique(&syn_ja, s);
    for (const auto& s : en.json->syn_en) nando::AddTrimmedUnique(&syn_en, s);
  }
  if (en.mhlw_no != 0) {
    const std::string& official = mhlw.at(en.mhlw_no).name;
    if (!official.empty() && official != r.title.ja) nando::AddTrimmedUnique(&syn_ja, official);
  }
  nando::AddTrimmedUnique(&r.keywords, c.reading);
  for (const auto* list : {&syn_ja, &syn_en}) {
    for (const auto& s : *list) nando::AddTrimmedUnique(&r.keywords, s);
  }
  if (en.mhlw_no != 0) {
    // The MHLW name may be newer than the ontology's (renamed diseases).
    const MhlwEntry& m = mhlw.at(en.mhlw_no);
    if (!m.name.empty() && m.name != r.title.ja) nando::AddTrimmedUnique(&r.keywords, m.name);
    for (const auto& g : m.groups) nando::AddTrimmedUnique(&r.keywords, g);
  }
  r.disease_areas = std::move(areas);
  r.identifiers["nando"] = "NANDO:" + c.id;
  if (!c.mondo.empty()) r.identifiers["mondo"] = c.mondo.front();
  if (!c.notification.empty()) r.identifiers["notification_no"] = c.notification.front();
  for (const auto& p : c.parents) r.links.push_back(Link{"subclass_of", "disease:nando:" + p, ""});
  r.attrs_json = ClassAttrs(c, en, syn_ja, syn_en, mhlw);
  return r;
}

// A 指定難病 no NANDO class carries (newer than the ontology, or no ttl
// given): a record of its own, so the MHLW list is useful alone.
Record MhlwRecord(int no, const MhlwEntry& e) {
  Record r;
  r.type = "disease";
  r.id = "disease:mhlw:" + std::to_string(no);
  r.title.ja = e.name;
  for (const auto& g : e.groups) nando::AddTrimmedUnique(&r.keywords, g);
  r.disease_areas = {"intractable"};
  r.identifiers["notification_no"] = std::to_string(no);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("source");
  w.String("MHLW");
  WriteMhlw(&w, no, e);
  w.EndObject();
  r.attrs_json = buf.GetString();
  return r;
}

// Sorts the given paths by role; an unknown file is reported, not fatal.
Inputs Classify(const std::vector<std::string>& files, RecordSink* sink) {
  Inputs in;
  for (const std::string& f : files) {
    std::string b = BaseName(f);
    std::string* slot = nullptr;
    if (EndsWith(b, ".ttl")) slot = &in.ttl;
    else if (b == "nanbyo.json") slot = &in.nanbyo;
    else if (b == "shoman.json") slot = &in.shoman;
    else if (b == "intractable_disease.csv") slot = &in.mhlw_names;
    else if (b == "intractable_disease_groups.csv") slot = &in.mhlw_groups;
    else if (b == "intractable_disease_url.csv") slot = &in.mhlw_urls;
    if (slot == nullptr) {
      sink->Reject(f, "file: not a nando input (nando.ttl, nanbyo.json, shoman.json, "
                      "intractable_disease.csv, intractable_disease_groups.csv, intractable_disease_url.csv)");
    } else if (!slot->empty()) {
      sink->Reject(f, "file: a second " + b + " given; only " + *slot + " is used");
    } else {
      *slot = f;
    }
  }
  return in;
}

}  // namespace

Status ImportNando(const std::vector<std::string>& files, RecordSink* sink) {
  Inputs in = Classify(files, sink);
  std::vector<JsonEntry> nanbyo, shoman;
  std::map<int, MhlwEntry> mhlw;
  Status s;
  if (!in.nanbyo.empty() && !(s = LoadJson(in.nanbyo, &nanbyo, sink)).ok()) return s;
  if (!in.shoman.empty() && !(s = LoadJson(in.shoman, &shoman, sink)).ok()) return s;
  for (const std::string* f : {&in.mhlw_names, &in.mhlw_groups, &in.mhlw_urls}) {
    if (!f->empty() && !(s = LoadMhlwCsv(*f, &mhlw, sink)).ok()) return s;
  }
  std::vector<NandoClass> classes;
  if (!in.ttl.empty() && !(s = ParseNandoTtl(in.ttl, &classes, sink)).ok()) return s;

  std::vector<Enrichment> enrich(classes.size());
  MatchJson(nanbyo, "nanbyo.json", 1200000, classes, &enrich);
  MatchJson(shoman, "shoman.json", 2200000, classes, &enrich);
  std::vector<int> mhlw_alone = MatchMhlw(mhlw, classes, &enrich);

  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < classes.size(); ++i) index[classes[i].id] = i;
  AreaRoots roots = FindRoots(classes);
  for (size_t i = 0; i < classes.size(); ++i) {
    const NandoClass& c = classes[i];
    if (!Usable(c)) continue;
    if (c.pref_ja.empty() && c.label_ja.empty() && c.label_en.empty() && c.pref_en.empty()) {
      sink->Reject(in.ttl + ":" + std::to_string(c.line), "title: NANDO:" + c.id + " has no @ja or @en label");
      continue;
    }
    sink->At(in.ttl + ":" + std::to_string(c.line));
    sink->Accept(ClassRecord(c, enrich[i], mhlw, DiseaseAreas(c, classes, index, roots)));
  }
  for (int no : mhlw_alone) {
    const MhlwEntry& e = mhlw.at(no);
    if (e.name.empty()) {
      // Not the groups/urls slot: it is empty when the table came under
      // another name, and the rejection had no location (fuzz/import_fuzzer).
      sink->Reject(e.first_seen,
                   "name: notification number " + std::to_string(no) + " has no name in intractable_disease.csv");
      continue;
    }
    sink->At(in.mhlw_groups.empty() ? in.mhlw_urls : in.mhlw_groups);
    sink->Accept(MhlwRecord(no, e));
  }
  return Status::Ok();
}

}  // namespace seedgraph
