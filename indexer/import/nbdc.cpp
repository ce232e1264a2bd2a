// NBDC Human Database (humandbs.dbcls.jp) JSON -> linked records:
//
//   study (research hum0005)  -> dataset:hum0005        (a submission to the database)
//   its grants                -> topic:amed:JP16ek0109114 / topic:kaken:22129008 /
//                                topic:grant:<no.>, titled, with the programme name
//   its publications (DOI)    -> paper:doi:<doi>   funded_by the study's grants
//   dataset files (JGAD, DRA) -> dataset:<accession> funded_by the study's grants
//   principal investigators   -> person (+ organization, affiliation), the study's `author`
//   diseases (ICD-10)         -> disease:icd10:<code>, `studies` links
//
// The study is a `dataset` record: NBDC publishes it as a data release
// (versions, datasets, access policy), not as a funded project; the grants it
// lists are the topics.  NBDC says which grants supported a study, not which
// grant paid for which paper, so each publication and dataset is linked to
// every grant of its study; attrs.funded_by_evidence says so.  The
// study's author link to its PI uses `author` as DataCite uses "creator".
//
// Files are recognised by content (research: humId + grant; research-version:
// humVersionId + datasets; dataset: datasetId; icd10-disease-mapping.json by
// name; data/vocab/amed_programmes.tsv, any *.tsv, maps programme names to
// integrated projects and stages).  Each file is one small JSON document.  A first pass reads the
// studies' grants and versions (a few strings per study), so that a dataset
// file can be linked to its study's grants whatever the file order.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "indexer/import/csv.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "schema/json_parse.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

using Value = rapidjson::Value;

enum class Kind { kUnknown, kResearch, kVersion, kDataset, kIcdMapping };

struct VersionInfo {
  std::string version, date, note_en;
  std::vector<std::string> datasets;
};

struct StudyInfo {
  std::vector<std::string> topics;  // grant topic ids
  std::vector<VersionInfo> versions;
};

struct IcdName {
  std::string name, code, label;  // free-text name, ICD-10 code, ICD-10 title
};

// ---------------------------------------------------------------- JSON access

std::string Str(const Value& v, const char* key) {
  if (!v.IsObject()) return "";
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? CleanText(it->value.GetString()) : "";
}

const Value* Member(const Value& v, const char* key) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(key);
  return it == v.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

// {"ja": "..", "en": ".."} or {"ja": {"text": ".."}, "en": {"text": ".."}}.
LangText Lang(const Value* v) {
  LangText t;
  if (v == nullptr || !v->IsObject()) return t;
  for (const char* lang : {"ja", "en"}) {
    const Value* x = Member(*v, lang);
    std::string s = x == nullptr ? "" : x->IsString() ? CleanText(x->GetString()) : Str(*x, "text");
    (lang[0] == 'j' ? t.ja : t.en) = s;
  }
  return t;
}

const Value* Array(const Value& v, const char* key) {
  const Value* a = Member(v, key);
  return a != nullptr && a->IsArray() ? a : nullptr;
}

// Reads one JSON document; syntax errors go to `sink` unless it is null
// (the second pass, which has reported them already).
Status ParseFile(const std::string& file, rapidjson::Document* doc, RecordSink* sink, bool* ok) {
  *ok = false;
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(file + ": read error");
  std::string text = ss.str();
  size_t offset = 0;
  Status parsed = ParseJson(text, doc, {}, &offset);
  if (!parsed.ok()) {
    if (sink != nullptr) sink->Reject(file + ":byte " + std::to_string(offset), "json: " + parsed.message());
    return Status::Ok();
  }
  if (!doc->IsObject()) {
    if (sink != nullptr) sink->Reject(file + ":byte 0", "json: expected an object (an NBDC research, research-version or dataset record)");
    return Status::Ok();
  }
  *ok = true;
  return Status::Ok();
}

Kind KindOf(const std::string& file, const Value& v) {
  if (BaseName(file).find("icd10") != std::string::npos) return Kind::kIcdMapping;
  if (Member(v, "datasetId")) return Kind::kDataset;
  if (Member(v, "humVersionId") && Member(v, "datasets")) return Kind::kVersion;
  if (Member(v, "humId") && (Member(v, "grant") || Member(v, "title"))) return Kind::kResearch;
  return Kind::kUnknown;
}

// ------------------------------------------------- amed_programmes.tsv

// A programme (事業) -> integrated project and stage (data/vocab/amed_programmes.tsv).
struct ProgrammeRule {
  std::string name, project, stage, reason;  // project / stage "-": none
};

class ProgrammeMap {
 public:
  // A bad row is rejected ("amed_programmes.tsv:N: project: ...") and skipped.
  Status Load(const std::string& path, RecordSink* sink);
  bool empty() const { return rules_.empty(); }
  // The first rule (in file order) whose name the programme's ja or en
  // name contains; null when none does.
  const ProgrammeRule* Match(const LangText& programme) const;

 private:
  std::vector<ProgrammeRule> rules_;
};

Status ProgrammeMap::Load(const std::string& path, RecordSink* sink) {
  return ForEachTsvRow(path, [&](const std::vector<std::string>& f, const std::string& where) {
    if (f.size() != 4 || f[0].empty()) return sink->Reject(where, "row: expected programme, project, stage, reason separated by tabs");
    if (f[1] != "-" && !Projects().Contains(f[1])) {
      return sink->Reject(where, "project: '" + f[1].substr(0, 40) + "' is not a project code (" + Projects().CodeList() + ")");
    }
    if (f[2] != "-" && !Stages().Contains(f[2])) {
      return sink->Reject(where, "stage: '" + f[2].substr(0, 40) + "' is not a stage code (" + Stages().CodeList() + ")");
    }
    rules_.push_back({f[0], f[1], f[2], f[3]});
  });
}

const ProgrammeRule* ProgrammeMap::Match(const LangText& programme) const {
  for (const auto& r : rules_) {
    if (programme.ja.find(r.name) != std::string::npos || programme.en.find(r.name) != std::string::npos) return &r;
  }
  return nullptr;
}

// ---------------------------------------------------------------- importer

class NbdcImporter {
 public:
  NbdcImporter(const ProgrammeMap& programmes, RecordSink* sink) : programmes_(programmes), sink_(sink) {}
  Status Scan(const std::string& file);  // pass 1
  Status Emit(const std::string& file);  // pass 2

 private:
  void ScanResearch(const std::string& where, const Value& v);
  void LoadIcd(const std::string& where, const Value& v);
  void EmitResearch(const std::string& where, const Value& v);
  void EmitGrants(const std::string& where, const Value& v);
  Record GrantTopic(const GrantRef& ref, const LangText& title, const LangText& programme) const;
  void EmitPublications(const std::string& where, const Value& v, const std::string& hum);
  void EmitProviders(const std::string& where, const Value& v, Record* study);
  void EmitDataset(const std::string& where, const Value& v);
  void LinkDisease(Record* r, const std::string& code, const std::string& label, const std::string& name);
  std::string VersionsJson(const StudyInfo& s) const;

  const ProgrammeMap& programmes_;
  RecordSink* sink_;
  std::map<std::string, StudyInfo> studies_;
  std::vector<IcdName> icd_;
  EmittedSet emitted_;
};

Status NbdcImporter::Scan(const std::string& file) {
  rapidjson::Document doc;
  bool ok = false;
  Status st = ParseFile(file, &doc, sink_, &ok);
  if (!st.ok() || !ok) return st;
  std::string where = file + ":record 1";
  sink_->At(where);
  switch (KindOf(file, doc)) {
    case Kind::kResearch: ScanResearch(where, doc); break;
    case Kind::kIcdMapping: LoadIcd(where, doc); break;
    case Kind::kVersion: {
      VersionInfo vi{Str(doc, "version"), Str(doc, "versionReleaseDate"), Lang(Member(doc, "releaseNote")).en, {}};
      if (const Value* ds = Array(doc, "datasets")) {
        for (const auto& d : ds->GetArray()) AddUnique(&vi.datasets, Str(d, "datasetId"));
      }
      studies_[Str(doc, "humId")].versions.push_back(std::move(vi));
      break;
    }
    case Kind::kDataset: break;
    case Kind::kUnknown:
      sink_->Reject(where, "json: not an NBDC research, research-version or dataset record (no humId / datasetId)");
  }
  return Status::Ok();
}

void NbdcImporter::ScanResearch(const std::string& where, const Value& v) {
  StudyInfo& s = studies_[Str(v, "humId")];
  const Value* grants = Array(v, "grant");
  if (grants == nullptr) return;
  for (const auto& g : grants->GetArray()) {
    if (!g.IsObject()) continue;  // reported in pass 2
    LangText agency = Lang(Member(g, "agency") ? Member(*Member(g, "agency"), "name") : nullptr);
    if (const Value* ids = Array(g, "id")) {
      for (const auto& id : ids->GetArray()) {
        if (id.IsString()) AddUnique(&s.topics, NormaliseGrant(id.GetString(), agency.ja + " " + agency.en).topic_id);
      }
    }
  }
  (void)where;
}

void NbdcImporter::LoadIcd(const std::string& where, const Value& v) {
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    std::string key = it->name.GetString();
    std::string name = CleanText(key.substr(0, key.find('|')));
    std::string code = Str(it->value, "icd10"), label = Str(it->value, "label");
    if (name.size() < 5 || code.empty()) continue;  // "WS", "ALS": too ambiguous as free text
    bool curated = key.find('|') != std::string::npos && key.find('|') + 1 < key.size();
    auto same = std::find_if(icd_.begin(), icd_.end(), [&](const IcdName& n) { return NormaliseName(n.name) == NormaliseName(name); });
    if (same == icd_.end()) icd_.push_back({name, code, label});
    else if (curated) *same = {name, code, label};  // a name with its own ICD code wins
  }
  // Longest names first: "non-syndromic hearing loss" before "hearing loss".
  std::stable_sort(icd_.begin(), icd_.end(), [](const IcdName& a, const IcdName& b) { return a.name.size() > b.name.size(); });
  (void)where;
}

void NbdcImporter::LinkDisease(Record* r, const std::string& code, const std::string& label, const std::string& name) {
  if (code.empty()) return;
  std::string id = "disease:icd10:" + code;
  AddLink(r, "studies", id);
  AddUnique(&r->keywords, name);
  if (!emitted_.FirstTime(id)) return;
  Record d;
  d.id = id;
  d.type = "disease";
  d.title.en = label.empty() ? code : label;
  d.identifiers["icd10"] = code;
  d.attrs_json = Attrs().Str("source", "ICD-10 (via NBDC icd10-disease-mapping)").Done();
  sink_->Accept(std::move(d));
}

Status NbdcImporter::Emit(const std::string& file) {
  rapidjson::Document doc;
  bool ok = false;
  Status st = ParseFile(file, &doc, nullptr, &ok);
  if (!st.ok() || !ok) return st;
  std::string where = file + ":record 1";
  Kind kind = KindOf(file, doc);
  if (kind == Kind::kResearch) EmitResearch(where, doc);
  if (kind == Kind::kDataset) EmitDataset(where, doc);
  return Status::Ok();
}

void NbdcImporter::EmitGrants(const std::string& where, const Value& v) {
  const Value* grants = Array(v, "grant");
  if (grants == nullptr) return;
  for (rapidjson::SizeType i = 0; i < grants->Size(); ++i) {
    const Value& g = (*grants)[i];
    std::string field = "grant[" + std::to_string(i) + "]";
    if (!g.IsObject()) {
      sink_->Reject(where, field + ": expected an object {id, title, agency}");
      continue;
    }
    LangText agency = Lang(Member(g, "agency") ? Member(*Member(g, "agency"), "name") : nullptr);
    LangText title = Lang(Member(g, "title"));
    const Value* ids = Array(g, "id");
    for (rapidjson::SizeType k = 0; ids != nullptr && k < ids->Size(); ++k) {
      GrantRef ref = (*ids)[k].IsString() ? NormaliseGrant((*ids)[k].GetString(), agency.ja + " " + agency.en) : GrantRef{};
      if (ref.topic_id.empty()) {
        sink_->Reject(where, field + ".id[" + std::to_string(k) + "]: not a grant number");
        continue;
      }
      if (!emitted_.FirstTime(ref.topic_id)) continue;
      sink_->Accept(GrantTopic(ref, title, agency));
    }
  }
}

// A grant as a topic.  NBDC gives no grant dates: the date is the fiscal year
// the number names, with no end date.  The programme (事業) is a keyword, so
// the tagger reads it (難治性疾患実用化研究事業 says 難病 where the title
// names a disease no dictionary has), and gives project and stage through
// the programme map.
Record NbdcImporter::GrantTopic(const GrantRef& ref, const LangText& title, const LangText& programme) const {
  Record t;
  t.id = ref.topic_id;
  t.type = "topic";
  t.title = title.empty() ? LangText{"", ref.number} : title;
  if (!HasJapanese(t.title.ja) && t.title.ja == t.title.en) t.title.ja.clear();
  t.identifiers["grant"] = ref.number;
  t.date = GrantFiscalYear(ref);
  AddUnique(&t.keywords, programme.ja);
  AddUnique(&t.keywords, programme.en);
  std::string reason;
  if (const ProgrammeRule* rule = programmes_.Match(programme)) {
    if (rule->project != "-") t.project = rule->project;
    if (rule->stage != "-") t.stage = rule->stage;
    reason = rule->name + ": " + rule->reason;
  } else if (!programmes_.empty()) {
    reason = "programme not in amed_programmes.tsv: no project";
  }
  std::string funder = ref.scheme == "amed" ? "AMED" : ref.scheme == "kaken" ? "JSPS KAKENHI"
                       : programme.ja.find("厚生労働") != std::string::npos ? "MHLW" : "";
  t.attrs_json = Attrs().Str("source", "NBDC Human Database").Str("funder", funder)
                     .Str("programme_ja", programme.ja).Str("programme_en", programme.en)
                     .Str("fiscal_year", t.date).Str("project_reason", reason).Done();
  return t;
}

void NbdcImporter::EmitPublications(const std::string& where, const Value& v, const std::string& hum) {
  const Value* pubs = Array(v, "relatedPublication");
  const std::vector<std::string>& topics = studies_[hum].topics;
  for (rapidjson::SizeType i = 0; pubs != nullptr && i < pubs->Size(); ++i) {
    const Value& p = (*pubs)[i];
    std::string field = "relatedPublication[" + std::to_string(i) + "]";
    if (!p.IsObject()) {
      sink_->Reject(where, field + ": expected an object {title, doi, datasetIds}");
      continue;
    }
    std::string raw = Str(p, "doi"), doi = NormaliseDoi(raw);
    if (doi.empty()) {
      sink_->Reject(where, field + ".doi: not a DOI ('" + raw.substr(0, 100) + "'); the publication is not imported");
      continue;
    }
    Record r;
    r.id = "paper:doi:" + doi;
    r.type = "paper";
    r.title = Lang(Member(p, "title"));
    if (!HasJapanese(r.title.ja)) r.title.ja.clear();  // NBDC repeats the English title under ja
    if (r.title.empty()) r.title.en = doi;
    r.identifiers["doi"] = doi;
    for (const auto& t : topics) AddLink(&r, "funded_by", t);
    std::vector<std::string> datasets;
    if (const Value* ds = Array(p, "datasetIds")) {
      for (const auto& d : ds->GetArray()) if (d.IsString()) AddUnique(&datasets, d.GetString());
    }
    r.attrs_json = Attrs().Str("source", "NBDC Human Database").Str("nbdc_study", hum).Strs("nbdc_datasets", datasets)
                       .Str("funded_by_evidence", "grants listed by NBDC study " + hum).Done();
    sink_->Accept(std::move(r));
  }
}

void NbdcImporter::EmitProviders(const std::string& where, const Value& v, Record* study) {
  const Value* providers = Array(v, "dataProvider");
  for (rapidjson::SizeType i = 0; providers != nullptr && i < providers->Size(); ++i) {
    const Value& p = (*providers)[i];
    if (!p.IsObject()) {
      sink_->Reject(where, "dataProvider[" + std::to_string(i) + "]: expected an object {name, organization}");
      continue;
    }
    LangText name = Lang(Member(p, "name"));
    const Value* org = Member(p, "organization");
    LangText org_name = Lang(org ? Member(*org, "name") : nullptr);
    std::string inst_en = InstitutionOf(org_name.en), inst_ja = InstitutionOf(org_name.ja);
    // English names key the ids, as PubMed and Pap2Pat are English.
    std::string org_id = OrganizationId(inst_en.empty() ? inst_ja : inst_en);
    std::string orcid = Str(p, "orcid");
    std::string person_id = !orcid.empty() ? "person:orcid:" + orcid : PersonId(name.en.empty() ? name.ja : name.en);
    if (person_id.empty()) continue;
    AddLink(study, "author", person_id);
    if (!org_id.empty() && emitted_.FirstTime(org_id)) {
      sink_->Accept(OrganizationRecord(org_id, inst_en, inst_ja, "NBDC Human Database"));
    }
    if (!emitted_.FirstTime(person_id)) continue;
    Record person = PersonRecord(person_id, name.en, name.ja, org_id.empty() ? std::vector<std::string>{} : std::vector<std::string>{org_id},
                                 "NBDC Human Database");
    if (!orcid.empty()) person.identifiers["orcid"] = orcid;
    sink_->Accept(std::move(person));
  }
}

std::string NbdcImporter::VersionsJson(const StudyInfo& s) const {
  std::string out = "[";
  for (const auto& v : s.versions) {
    out += (out.size() > 1 ? "," : "") +
           Attrs().Str("version", v.version).Str("date", v.date).Strs("datasets", v.datasets).Str("note", v.note_en).Done();
  }
  return out + "]";
}

void NbdcImporter::EmitResearch(const std::string& where, const Value& v) {
  std::string hum = Str(v, "humId");
  EmitGrants(where, v);
  EmitPublications(where, v, hum);
  Record r;
  r.id = "dataset:" + hum;
  r.type = "dataset";
  r.title = Lang(Member(v, "title"));
  if (r.title.empty()) r.title.en = hum;
  r.date = Str(v, "datePublished");
  r.identifiers["nbdc"] = hum;
  const Value* summary = Member(v, "summary");
  LangText text;
  for (const char* part : {"aims", "methods", "targets"}) {
    LangText t = Lang(summary ? Member(*summary, part) : nullptr);
    if (!t.ja.empty()) text.ja += (text.ja.empty() ? "" : "\n\n") + t.ja;
    if (!t.en.empty()) text.en += (text.en.empty() ? "" : "\n\n") + t.en;
  }
  r.text = text;
  for (const auto& t : studies_[hum].topics) AddLink(&r, "funded_by", t);
  EmitProviders(where, v, &r);
  // Diseases named in the title or the participants, via the ICD-10 table.
  LangText targets = Lang(summary ? Member(*summary, "targets") : nullptr);
  std::string hay = NormaliseName(r.title.en + " | " + r.title.ja + " | " + targets.en + " | " + targets.ja);
  std::vector<std::string> found;
  for (const IcdName& n : icd_) {
    std::string key = NormaliseName(n.name);
    size_t at = hay.find(key);
    bool word = at != std::string::npos && (HasJapanese(key) || ((at == 0 || !std::isalnum(static_cast<unsigned char>(hay[at - 1]))) &&
                                                                 (at + key.size() >= hay.size() || !std::isalnum(static_cast<unsigned char>(hay[at + key.size()])))));
    bool inside = std::any_of(found.begin(), found.end(), [&](const std::string& f) { return f.find(key) != std::string::npos; });
    if (!word || inside) continue;
    found.push_back(key);
    LinkDisease(&r, n.code, n.label, n.name);
  }
  LangText url = Lang(Member(v, "url"));
  r.attrs_json = Attrs().Str("source", "NBDC Human Database").Str("url_ja", url.ja).Str("url_en", url.en)
                     .Str("latest_version", Str(v, "latestVersion")).Str("date_modified", Str(v, "dateModified"))
                     .Raw("versions", VersionsJson(studies_[hum])).Done();
  sink_->Accept(std::move(r));
}

void NbdcImporter::EmitDataset(const std::string& where, const Value& v) {
  std::string acc = Str(v, "datasetId"), hum = Str(v, "humId");
  if (acc.empty() || acc.find(' ') != std::string::npos) {
    sink_->Reject(where, "datasetId: missing or contains spaces");
    return;
  }
  const Value* meta = Member(v, "originalMetadata");
  Record r;
  r.id = "dataset:" + acc;
  r.type = "dataset";
  LangText type_of_data = Lang(Member(v, "typeOfData"));
  r.title.en = meta ? Str(*meta, "TITLE") : "";
  if (r.title.en.empty()) r.title.en = type_of_data.en.empty() ? acc : type_of_data.en;
  if (HasJapanese(type_of_data.ja)) r.title.ja = type_of_data.ja + " (" + acc + ")";
  r.text.en = meta ? Str(*meta, "DESCRIPTION") : "";
  r.date = Str(v, "releaseDate");
  r.identifiers[acc.rfind("JGAD", 0) == 0 ? "jga" : acc.rfind("DRA", 0) == 0 ? "dra" : "accession"] = acc;
  auto known = studies_.find(hum);
  if (known != studies_.end()) {
    for (const auto& t : known->second.topics) AddLink(&r, "funded_by", t);
  }
  AddUnique(&r.keywords, type_of_data.en.empty() ? type_of_data.ja : type_of_data.en);
  AddUnique(&r.keywords, Str(v, "criteria"));
  const Value* experiments = Array(v, "experiments");
  for (rapidjson::SizeType i = 0; experiments != nullptr && i < experiments->Size(); ++i) {
    const Value* searchable = Member((*experiments)[i], "searchable");
    const Value* diseases = searchable ? Array(*searchable, "diseases") : nullptr;
    for (rapidjson::SizeType k = 0; diseases != nullptr && k < diseases->Size(); ++k) {
      const Value& d = (*diseases)[k];
      if (!d.IsObject()) {
        sink_->Reject(where, "experiments[" + std::to_string(i) + "].searchable.diseases[" + std::to_string(k) + "]: expected an object {label, icd10}");
        continue;
      }
      LinkDisease(&r, Str(d, "icd10"), Str(d, "label"), Str(d, "label"));
    }
  }
  r.attrs_json = Attrs().Str("source", "NBDC Human Database").Str("nbdc_study", hum).Str("version", Str(v, "version"))
                     .Str("criteria", Str(v, "criteria")).Str("dataset_type", meta ? Str(*meta, "DATASET_TYPE") : "")
                     .Str("funded_by_evidence", known != studies_.end() ? "grants listed by NBDC study " + hum : "")
                     .Done();
  sink_->Accept(std::move(r));
}

}  // namespace

Status ImportNbdc(const std::vector<std::string>& files, RecordSink* sink) {
  ProgrammeMap programmes;
  std::vector<std::string> json;
  for (const auto& f : files) {
    if (!IsTsvFile(f)) {
      json.push_back(f);
      continue;
    }
    Status st = programmes.Load(f, sink);
    if (!st.ok()) return st;
  }
  NbdcImporter importer(programmes, sink);
  for (const auto& f : json) {
    Status st = importer.Scan(f);
    if (!st.ok()) return st;
  }
  for (const auto& f : json) {
    Status st = importer.Emit(f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
