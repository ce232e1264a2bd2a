// WHO ICTRP export (CSV) -> trial records, their sponsors (organization)
// and, when vocabularies are given, `studies` links to disease records.
//
// The export is RFC 4180 CSV with quoted multi-line fields and HTML <br>
// inside fields; csv.h reads it a row at a time.  Each trial is
// `trial:<TrialID>` (the registry's own id: NCT04319445,
// JPRN-jRCT2031190001, ChiCTR2000029953) with the registry id also under its
// scheme in `identifiers` (nct, jrct, umin, chictr, euctr, ...).
//
// Sponsor: CONTRACT §1 has no trial -> organization relation.  Of the
// relations it has, `applicant` (the party that files and answers for an
// application, -> company/organization) is what a primary sponsor is to a
// registry entry, and it lets /api/match see a company that sponsors trials;
// `affiliation` would say the trial is a member of the sponsor.  So the
// sponsor is an organization record linked with `applicant`, and the
// sponsor's text is kept as given in attrs.sponsor (the lead may prefer a
// dedicated `sponsor` relation; switching is one line here).
//
// Conditions become keywords; when nando.ttl / nanbyo.json / shoman.json /
// 2017MeshTree.txt are given on the same command line, conditions naming a
// known disease also become `studies` links (disease_dict.h).  A MeSH
// disease gets its own small record (disease:mesh:<UI>) the first time it
// is linked; NANDO diseases are left to the nando importer.
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/disease_dict.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Longer list items (whole protocols pasted into one field) stay in attrs:
// a keyword is a name, and the contract caps keywords at 1 KiB.
constexpr size_t kMaxKeywordBytes = 200;

// The columns used, by their header names in the ICTRP export.
enum Col {
  kTrialId, kPublicTitle, kScientificTitle, kAcronym, kSponsor, kDateReg, kDateReg3, kRegister, kUrl, kStatus,
  kAgeMin, kAgeMax, kGender, kEnrollment, kTargetSize, kStudyType, kDesign, kPhase, kCountries, kAffiliation,
  kInclusion, kExclusion, kCondition, kIntervention, kOutcome, kLastRefreshed, kColCount
};
constexpr const char* kColNames[kColCount] = {
    "TrialID", "Public title", "Scientific title", "Acronym", "Primary sponsor", "Date registration",
    "Date registration3", "Source Register", "web address", "Recruitment Status", "Inclusion agemin",
    "Inclusion agemax", "Inclusion gender", "Date enrollement", "Target size", "Study type", "Study design",
    "Phase", "Countries", "Contact Affiliation", "Inclusion Criteria", "Exclusion Criteria", "Condition",
    "Intervention", "Primary outcome", "Last Refreshed on"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "<br>", "<br/>", "<BR />" -> newline, so lists split and text reads well.
std::string BreaksToNewlines(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<' && i + 3 < s.size() && (s[i + 1] == 'b' || s[i + 1] == 'B') && (s[i + 2] == 'r' || s[i + 2] == 'R')) {
      size_t close = s.find('>', i);
      if (close != std::string::npos && close - i <= 5) {
        out += '\n';
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// Splits a list field on newlines / <br> and ';'.
std::vector<std::string> SplitList(const std::string& field) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : BreaksToNewlines(field) + "\n") {
    if (c == '\n' || c == ';') {
      AddUnique(&out, CleanText(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

// "NCT04319445" -> {"nct", "NCT04319445"}; "JPRN-jRCT2031190001" -> {"jrct", "jRCT2031190001"}.
std::pair<std::string, std::string> RegistryId(const std::string& id) {
  static constexpr const char* kSchemes[][2] = {
      {"JPRN-jRCT", "jrct"}, {"JPRN-UMIN", "umin"}, {"JPRN-JapicCTI", "japic"}, {"JPRN-JMA", "jma"},
      {"NCT", "nct"},        {"ChiCTR", "chictr"},  {"EUCTR", "euctr"},        {"ISRCTN", "isrctn"},
      {"IRCT", "irct"},      {"ACTRN", "anzctr"},   {"NTR", "ntr"},            {"NL", "ntr"},
      {"TCTR", "tctr"},      {"DRKS", "drks"},      {"CTRI", "ctri"},          {"KCT", "cris"}};
  for (const auto& s : kSchemes) {
    if (id.rfind(s[0], 0) != 0) continue;
    std::string value = id.rfind("JPRN-", 0) == 0 ? id.substr(5) : id;
    return {s[1], value};
  }
  return {"registry_id", id};
}

// "20200217" or "2020-02-17" or "27/02/2020" -> "2020-02-17"; "" otherwise.
std::string TrialDate(const std::string& compact, const std::string& text) {
  auto digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  if (compact.size() == 8 && digits(compact)) {
    return compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2);
  }
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') return text;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    return text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2);
  }
  return "";
}

// ICTRP's phase texts ("Phase 2/Phase 3", "2-3", the EU-CTR yes/no block)
// -> "1", "2", "2/3", "4", "0" or "n/a"; the text as given otherwise.
std::string NormalisePhase(const std::string& raw) {
  std::string s = Lower(CleanText(raw));
  if (s.empty() || s == "n/a" || s.find("not applicable") != std::string::npos) return s.empty() ? "" : "n/a";
  if (s.find("human pharmacology") != std::string::npos) {  // EU-CTR: four yes/no lines
    std::string out;
    const char* roman[] = {"(phase i):", "(phase ii):", "(phase iii):", "(phase iv):"};
    for (int i = 0; i < 4; ++i) {
      size_t at = s.find(roman[i]);
      if (at != std::string::npos && s.compare(at + std::strlen(roman[i]), 4, " yes") == 0) {
        out += (out.empty() ? "" : "/") + std::to_string(i + 1);
      }
    }
    return out.empty() ? "n/a" : out;
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 4, "iii") == 0 || s.compare(i, 3, "iv") == 0 || s.compare(i, 2, "ii") == 0) {
      int n = s.compare(i, 3, "iii") == 0 ? 3 : s.compare(i, 2, "iv") == 0 ? 4 : 2;
      if (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) continue;
      out += (out.empty() ? "" : "/") + std::to_string(n);
      i += n == 3 ? 2 : 1;
    } else if (s[i] >= '0' && s[i] <= '4') {
      out += (out.empty() ? "" : "/") + std::string(1, s[i]);
    }
  }
  return out.empty() ? CleanText(raw) : out;
}

bool MentionsCovid(const std::string& text) {
  std::string s = Lower(text);
  for (const char* w : {"covid", "coronavirus", "sars-cov-2", "2019-ncov", "ncov", "novel corona"}) {
    if (s.find(w) != std::string::npos) return true;
  }
  return false;
}

class IctrpReader {
 public:
  IctrpReader(const DiseaseDictionary& dict, RecordSink* sink) : dict_(dict), sink_(sink) {}
  Status ReadFile(const std::string& file);

 private:
  void Row(const std::vector<std::string>& row, const std::string& where);
  std::string Field(const std::vector<std::string>& row, Col c) const {
    return cols_[c] >= 0 && static_cast<size_t>(cols_[c]) < row.size() ? row[cols_[c]] : "";
  }
  std::string Conditions(const std::string& field, Record* r);

  const DiseaseDictionary& dict_;
  RecordSink* sink_;
  int cols_[kColCount];
  EmittedSet emitted_;
};

Status IctrpReader::ReadFile(const std::string& file) {
  auto header = [this](const std::vector<std::string>& row, const std::string& where) {
    for (int c = 0; c < kColCount; ++c) cols_[c] = FindColumn(row, kColNames[c]);
    if (cols_[kTrialId] >= 0) return true;
    sink_->Reject(where, "header: no TrialID column (is this a WHO ICTRP export?)");
    return false;
  };
  return ForEachCsvRow(file, sink_, header, [this](const std::vector<std::string>& row, const std::string& where) { Row(row, where); });
}

// Keywords, `studies` links and attrs for the condition field; returns the
// attrs JSON array of matches (evidence for each link).
std::string IctrpReader::Conditions(const std::string& field, Record* r) {
  std::string matches = "[";
  for (const std::string& cond : SplitList(field)) {
    if (cond.size() <= kMaxKeywordBytes) AddUnique(&r->keywords, cond);
    for (const DiseaseMatch& m : dict_.Find(cond)) {
      AddLink(r, "studies", m.entry->id);
      for (const auto& a : m.entry->areas) AddUnique(&r->disease_areas, a);
      matches += (matches.size() > 1 ? "," : "") +
                 Attrs().Str("condition", cond).Str("disease", m.entry->id).Str("name", m.matched).Str("vocabulary", m.entry->source).Done();
      if (m.entry->source != "MeSH" || !emitted_.FirstTime(m.entry->id)) continue;
      Record d;
      d.id = m.entry->id;
      d.type = "disease";
      d.title.en = m.entry->label;
      d.identifiers["mesh"] = d.id.substr(d.id.rfind(':') + 1);
      d.disease_areas = m.entry->areas;
      d.attrs_json = Attrs().Str("source", "MeSH 2017").Strs("tree_numbers", m.entry->trees).Done();
      sink_->Accept(std::move(d));
    }
  }
  return matches + "]";
}

void IctrpReader::Row(const std::vector<std::string>& row, const std::string& where) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (IsValidUtf8(row[i])) continue;
    sink_->Reject(where, "column " + std::to_string(i + 1) + ": not UTF-8 (a Shift_JIS or Latin-1 file? convert it with iconv)");
    return;
  }
  std::string trial_id = CleanText(Field(row, kTrialId));
  if (trial_id.empty() || trial_id.find(' ') != std::string::npos) {
    sink_->Reject(where, "TrialID: missing or contains spaces ('" + trial_id.substr(0, 40) + "')");
    return;
  }
  Record r;
  r.id = "trial:" + trial_id;
  r.type = "trial";
  r.stage = "clinical";
  auto [scheme, value] = RegistryId(trial_id);
  r.identifiers[scheme] = value;
  std::string pub = CleanText(BreaksToNewlines(Field(row, kPublicTitle)));
  std::string sci = CleanText(BreaksToNewlines(Field(row, kScientificTitle)));
  r.title.en = pub.empty() ? sci : pub;
  if (r.title.en.empty()) r.title.en = trial_id;
  std::string text;
  auto add_text = [&](const char* label, const std::string& s) {
    std::string t = CleanText(BreaksToNewlines(s));
    if (!t.empty()) text += (text.empty() ? "" : "\n\n") + std::string(label) + t;
  };
  if (sci != r.title.en) add_text("", sci);
  add_text("Intervention: ", Field(row, kIntervention));
  add_text("Primary outcome: ", Field(row, kOutcome));
  add_text("", Field(row, kInclusion));
  add_text("", Field(row, kExclusion));
  r.text.en = text;
  r.date = TrialDate(CleanText(Field(row, kDateReg3)), CleanText(Field(row, kDateReg)));
  std::string sponsor = CleanText(Field(row, kSponsor));
  std::string sponsor_id = OrganizationId(sponsor);
  if (!sponsor_id.empty()) {
    AddLink(&r, "applicant", sponsor_id);
    if (emitted_.FirstTime(sponsor_id)) sink_->Accept(OrganizationRecord(sponsor_id, sponsor, "", "WHO ICTRP"));
  }
  std::string matches = Conditions(Field(row, kCondition), &r);
  if (MentionsCovid(Field(row, kCondition) + " " + r.title.en)) AddUnique(&r.disease_areas, "infectious");
  std::vector<std::string> interventions = SplitList(Field(row, kIntervention));
  for (size_t i = 0; i < interventions.size() && i < 10; ++i) {
    if (interventions[i].size() <= kMaxKeywordBytes) AddUnique(&r.keywords, interventions[i]);
  }
  Attrs a;
  a.Str("source", "WHO ICTRP").Str("registry", CleanText(Field(row, kRegister))).Str("url", CleanText(Field(row, kUrl)))
      .Str("acronym", CleanText(Field(row, kAcronym))).Str("sponsor", sponsor)
      .Str("contact_affiliation", CleanText(Field(row, kAffiliation)))
      .Str("recruitment_status", CleanText(Field(row, kStatus))).Str("study_type", CleanText(Field(row, kStudyType)))
      .Str("study_design", CleanText(Field(row, kDesign))).Str("phase", NormalisePhase(Field(row, kPhase)))
      .Str("phase_text", CleanText(Field(row, kPhase))).Str("target_size", CleanText(Field(row, kTargetSize)))
      .Str("age_min", CleanText(Field(row, kAgeMin))).Str("age_max", CleanText(Field(row, kAgeMax)))
      .Str("gender", CleanText(Field(row, kGender))).Str("date_enrollment", CleanText(Field(row, kEnrollment)))
      .Str("last_refreshed", CleanText(Field(row, kLastRefreshed)))
      .Strs("countries", SplitList(Field(row, kCountries))).Strs("conditions", SplitList(Field(row, kCondition)))
      .Strs("interventions", interventions);
  if (matches.size() > 2) a.Raw("condition_matches", matches);
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

}  // namespace

Status ImportIctrp(const std::vector<std::string>& files, RecordSink* sink) {
  std::vector<std::string> vocab, csv;
  for (const auto& f : files) (DiseaseDictionary::IsVocabularyFile(f) ? vocab : csv).push_back(f);
  DiseaseDictionary dict;
  Status st = dict.Load(vocab, sink);
  if (!st.ok()) return st;
  IctrpReader reader(dict, sink);
  for (const auto& f : csv) {
    st = reader.ReadFile(f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
