// USPTO patent grants (bibliographic JSON Lines of eloyfelix/uspto-chem,
// public domain) -> patent, company, organization and person records.
//
// Each line is one grant: `patent:US<doc_number>` (patent:US11559525,
// patent:USRE049370) with its title, abstract, publication date, the
// publication and application numbers and the first-listed IPC and CPC
// classes as identifiers (identifiers hold one value per scheme; every class
// is in attrs.ipc_classes / attrs.cpc_classes).
//
// Assignees and applicants become `applicant` links to one record per
// normalised name (names.h: "TAKEDA PHARMACEUTICAL CO., LTD." and "Takeda
// Pharmaceutical Company Limited" are company:name:takeda-pharmaceutical);
// whether that record is a company or an organization (university,
// hospital, institute, foundation, agency) is IsCompanyName()'s call, and
// the names as written are kept in its attrs.  An individual named as
// applicant or assignee (no organization) is kept in the patent's
// attrs.individual_applicants only: CONTRACT's `applicant` points at
// companies and organizations, and such a person is nearly always an
// inventor as well.  Inventors become `inventor` links to person:name:
// records, the way Pap2Pat links them.
//
// Modalities and disease areas come from the IPC/CPC classes through
// data/vocab/ipc_map.tsv, which must be given among the files (the indexer
// library has no source-tree path to default to); each code a record gets
// is explained in attrs.class_tags ("C07K16/28 via C07K16").
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
#include "indexer/import/names.h"
#include "schema/json_parse.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

using Value = rapidjson::Value;

constexpr const char* kSource = "USPTO";

std::string Str(const Value& v, const char* key) {
  if (!v.IsObject()) return "";
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? CleanText(it->value.GetString()) : "";
}

const Value* Member(const Value& v, const char* key, bool (Value::*is)() const) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && (it->value.*is)() ? &it->value : nullptr;
}

// "20230117" -> "2023-01-17"; "" unless eight digits.
std::string IsoDate(const std::string& d) {
  if (d.size() != 8 || !std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return "";
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

bool IsDocNumber(const std::string& s) {
  return !s.empty() && s.size() <= 20 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// A class as the map is written: no spaces, upper case ("a61k 31/00" -> "A61K31/00").
std::string ClassCode(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

bool HasLowercase(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// ---------------------------------------------------------------- ipc_map.tsv

struct ClassRule {
  std::string prefix, field, code, reason;  // field: "modality" or "disease_area"; code "-": none
};

// Whether `prefix` covers `cls` (see the header of data/vocab/ipc_map.tsv).
bool Covers(const std::string& prefix, const std::string& cls) {
  if (cls.compare(0, prefix.size(), prefix) != 0) return false;
  if (prefix.find('/') != std::string::npos) {
    return prefix.size() < 3 || prefix.compare(prefix.size() - 3, 3, "/00") != 0 || cls.size() == prefix.size();
  }
  if (prefix.size() <= 4 || cls.size() == prefix.size()) return true;  // a subclass covers all of it
  return !std::isdigit(static_cast<unsigned char>(cls[prefix.size()]));
}

class ClassMap {
 public:
  // Reads the map; a bad row is rejected ("ipc_map.tsv:N: code: ...") and skipped.
  Status Load(const std::string& path, RecordSink* sink);
  bool empty() const { return rules_.empty(); }
  // The rules of the longest prefix in `field` covering `cls` (none when
  // nothing covers it).
  std::vector<const ClassRule*> Match(const std::string& cls, const std::string& field) const;

 private:
  std::vector<ClassRule> rules_;
};

Status ClassMap::Load(const std::string& path, RecordSink* sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    for (size_t i = 0, j; i <= line.size(); i = j + 1) {
      j = std::min(line.find('\t', i), line.size());
      f.push_back(line.substr(i, j - i));
    }
    const std::string where = path + ":" + std::to_string(n);
    if (f.size() != 4 || f[0].empty()) {
      sink->Reject(where, "row: expected prefix, field, code, reason separated by tabs");
      continue;
    }
    const Vocabulary* vocab = f[1] == "modality" ? &Modalities() : f[1] == "disease_area" ? &DiseaseAreas() : nullptr;
    if (vocab == nullptr) {
      sink->Reject(where, "field: expected modality or disease_area, got '" + f[1].substr(0, 40) + "'");
    } else if (f[2] != "-" && !vocab->Contains(f[2])) {
      sink->Reject(where, "code: '" + f[2].substr(0, 40) + "' is not a " + vocab->name + " code (" + vocab->CodeList() + ")");
    } else {
      rules_.push_back({ClassCode(f[0]), f[1], f[2], f[3]});
    }
  }
  return in.bad() ? Status::IOError(path + ": read error") : Status::Ok();
}

std::vector<const ClassRule*> ClassMap::Match(const std::string& cls, const std::string& field) const {
  std::vector<const ClassRule*> best;
  size_t best_len = 0;
  for (const auto& r : rules_) {
    if (r.field != field || r.prefix.size() < best_len || !Covers(r.prefix, cls)) continue;
    if (r.prefix.size() > best_len) best.clear();
    best_len = r.prefix.size();
    best.push_back(&r);
  }
  return best;
}

// ---------------------------------------------------------------- grants

class UsptoReader {
 public:
  UsptoReader(const ClassMap* map, RecordSink* sink) : map_(map), sink_(sink) {}
  void Line(const std::string& line, const std::string& where);

 private:
  bool Patent(const Value& doc, const std::string& where, Record* r);
  // Classes of `key` into *out (deduplicated) and the codes they map to.
  void Classes(const Value& doc, const char* key, std::vector<std::string>* out, Record* r, Attrs* tags);
  // `applicant` links for the assignees or applicants in doc[key].
  // An "organization" that is the name of one of `people` (an applicant
  // named in both forms) is a person too and goes to *individuals.
  void Parties(const Value& doc, const char* key, const std::vector<std::string>& people, Record* r,
               std::vector<std::string>* names, std::vector<std::string>* individuals);
  void Individuals(const Value& doc, const char* key, std::vector<std::string>* individuals);
  void Organization(const std::string& name, const Value& party, Record* r);
  void Inventors(const Value& doc, Record* r, std::vector<std::string>* names);

  const ClassMap* map_;
  RecordSink* sink_;
  EmittedSet emitted_;
  // Entities first seen under an all-capitals name, made again once a
  // mixed-case writing of the name turns up ("TAKEDA ..." -> "Takeda ...").
  std::unordered_map<std::string, std::string> capitals_;
  std::vector<std::string> tagged_;  // codes already explained in this record's class_tags
};

void UsptoReader::Classes(const Value& doc, const char* key, std::vector<std::string>* out, Record* r, Attrs* tags) {
  const Value* list = Member(doc, key, &Value::IsArray);
  if (list == nullptr) return;
  for (const auto& c : list->GetArray()) {
    if (!c.IsString()) continue;
    std::string cls = ClassCode(c.GetString());
    if (cls.size() < 4 || cls.size() > 40 || std::find(out->begin(), out->end(), cls) != out->end()) continue;
    out->push_back(cls);
    for (const char* field : {"modality", "disease_area"}) {
      std::vector<std::string>* codes = field[0] == 'm' ? &r->modalities : &r->disease_areas;
      for (const ClassRule* rule : map_->Match(cls, field)) {
        if (rule->code == "-") continue;
        AddUnique(codes, rule->code);
        if (std::find(tagged_.begin(), tagged_.end(), rule->code) != tagged_.end()) continue;
        tagged_.push_back(rule->code);
        tags->Str(rule->code.c_str(), cls + " via " + rule->prefix);
      }
    }
  }
}

void UsptoReader::Organization(const std::string& name, const Value& party, Record* patent) {
  const bool company = IsCompanyName(name);
  const std::string id = PartyId(name, company);
  if (id.empty()) return;
  AddLink(patent, "applicant", id);
  std::vector<std::string> names = {name};
  bool first = emitted_.FirstTime(id);
  if (!first) {
    auto caps = capitals_.find(id);
    if (caps == capitals_.end() || !HasLowercase(name)) return;
    names.insert(names.begin(), caps->second);
    capitals_.erase(caps);
  } else if (!HasLowercase(name)) {
    if (capitals_.size() > (1u << 16)) capitals_.clear();
    capitals_[id] = name;
  }
  Record r;
  r.id = id;
  r.type = company ? "company" : "organization";
  (HasJapanese(name) ? r.title.ja : r.title.en) = name;
  r.attrs_json = Attrs()
                     .Str("source", kSource)
                     .Strs("names", names)
                     .Str("country", Str(party, "country"))
                     .Str("city", Str(party, "city"))
                     .Str("type_from", "name")
                     .Done();
  sink_->Accept(std::move(r));
}

void UsptoReader::Individuals(const Value& doc, const char* key, std::vector<std::string>* individuals) {
  const Value* list = Member(doc, key, &Value::IsArray);
  if (list == nullptr) return;
  for (const auto& p : list->GetArray()) {
    if (Str(p, "organization").empty()) AddUnique(individuals, CleanText(Str(p, "first_name") + " " + Str(p, "last_name")));
  }
}

void UsptoReader::Parties(const Value& doc, const char* key, const std::vector<std::string>& people, Record* r,
                          std::vector<std::string>* names, std::vector<std::string>* individuals) {
  const Value* list = Member(doc, key, &Value::IsArray);
  if (list == nullptr) return;
  for (const auto& p : list->GetArray()) {
    std::string org = Str(p, "organization");
    if (org.empty()) continue;
    const std::string key_of = PersonKey(org);
    if (std::any_of(people.begin(), people.end(), [&](const std::string& n) { return PersonKey(n) == key_of; })) {
      AddUnique(individuals, org);
      continue;
    }
    AddUnique(names, org);
    Organization(org, p, r);
  }
}

void UsptoReader::Inventors(const Value& doc, Record* r, std::vector<std::string>* names) {
  const Value* list = Member(doc, "inventors", &Value::IsArray);
  if (list == nullptr) return;
  for (const auto& p : list->GetArray()) {
    std::string first = Str(p, "first_name"), last = Str(p, "last_name");
    std::string id = PersonIdParts(last, first);
    if (id.empty()) continue;
    std::string display = CleanText(first + " " + last);
    AddUnique(names, display);
    AddLink(r, "inventor", id);
    if (emitted_.FirstTime(id)) sink_->Accept(PersonRecord(id, display, "", {}, kSource));
  }
}

bool UsptoReader::Patent(const Value& doc, const std::string& where, Record* r) {
  const Value* pub = Member(doc, "publication", &Value::IsObject);
  if (pub == nullptr) {
    sink_->Reject(where, "publication: expected an object {country, doc_number, kind, date}");
    return false;
  }
  std::string number = Str(*pub, "doc_number"), country = Str(*pub, "country");
  if (!IsDocNumber(number)) {
    sink_->Reject(where, number.empty() ? "publication.doc_number: required"
                                        : "publication.doc_number: expected letters and digits like 11559525, got '" +
                                              number.substr(0, 40) + "'");
    return false;
  }
  if (country.size() != 2 || !std::isupper(static_cast<unsigned char>(country[0]))) country = "US";
  const std::string full = country + number;
  r->id = "patent:" + full;
  r->type = "patent";
  r->title.en = Str(doc, "title");
  if (r->title.en.empty()) r->title.en = full;
  r->text.en = Str(doc, "abstract");
  r->date = IsoDate(Str(*pub, "date"));
  r->identifiers["patent"] = full;
  const Value* app = Member(doc, "application", &Value::IsObject);
  std::string app_number = app != nullptr ? Str(*app, "doc_number") : "";
  if (IsDocNumber(app_number)) r->identifiers["application"] = (Str(*app, "country").empty() ? "US" : Str(*app, "country")) + app_number;
  return true;
}

void UsptoReader::Line(const std::string& line, const std::string& where) {
  rapidjson::Document doc;
  if (!ParseJsonLineObject(line, where, "{publication, application, title, ...}", sink_, &doc)) return;
  Record r;
  if (!Patent(doc, where, &r)) return;
  std::vector<std::string> ipc, cpc, assignees, applicants, individuals, inventors;
  Attrs tags;
  tagged_.clear();
  Classes(doc, "ipc_classes", &ipc, &r, &tags);
  Classes(doc, "cpc_classes", &cpc, &r, &tags);
  if (!ipc.empty()) r.identifiers["ipc"] = ipc.front();
  if (!cpc.empty()) r.identifiers["cpc"] = cpc.front();
  Inventors(doc, &r, &inventors);
  Individuals(doc, "assignees", &individuals);
  Individuals(doc, "applicants", &individuals);
  std::vector<std::string> people = inventors;
  for (const auto& n : individuals) AddUnique(&people, n);
  Parties(doc, "assignees", people, &r, &assignees, &individuals);
  Parties(doc, "applicants", people, &r, &applicants, &individuals);
  const Value* app = Member(doc, "application", &Value::IsObject);
  const Value* pub = Member(doc, "publication", &Value::IsObject);
  Attrs a;
  a.Str("source", kSource).Str("kind", Str(*pub, "kind"));
  a.Str("application_date", app != nullptr ? IsoDate(Str(*app, "date")) : "");
  a.Strs("assignees", assignees).Strs("applicants", applicants).Strs("individual_applicants", individuals);
  a.Strs("inventors", inventors).Strs("ipc_classes", ipc).Strs("cpc_classes", cpc);
  if (!tagged_.empty()) a.Raw("class_tags", tags.Done());
  auto compounds = doc.FindMember("n_compounds");
  if (compounds != doc.MemberEnd() && compounds->value.IsInt()) a.Int("n_compounds", compounds->value.GetInt());
  a.Str("source_file", Str(doc, "source_file"));
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

bool IsClassMap(const std::string& path) {
  const std::string b = BaseName(path);
  return b.size() > 4 && b.compare(b.size() - 4, 4, ".tsv") == 0;
}

}  // namespace

Status ImportUspto(const std::vector<std::string>& files, RecordSink* sink) {
  ClassMap map;
  bool have_map = false;
  for (const auto& f : files) {
    if (!IsClassMap(f)) continue;
    Status st = map.Load(f, sink);
    if (!st.ok()) return st;
    have_map = true;
  }
  if (!have_map) {
    return Status::InvalidArgument(
        "uspto: give the IPC/CPC class map too (data/vocab/ipc_map.tsv), e.g. seedgraph convert --format uspto "
        "grants.jsonl data/vocab/ipc_map.tsv");
  }
  UsptoReader reader(&map, sink);
  std::vector<std::string> grants;
  for (const auto& f : files) {
    if (!IsClassMap(f)) grants.push_back(f);
  }
  return ForEachJsonLine(grants, [&reader](const std::string& line, const std::string& where) { reader.Line(line, where); });
}

}  // namespace seedgraph
