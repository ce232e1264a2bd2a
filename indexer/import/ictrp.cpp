// WHO ICTRP export (CSV) -> trial records, their sponsors (company or organization)
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
// sponsor is a company or organization record (HasCompanyMark(), as for
// the other trial sources: trials.h) linked with
// `applicant`, and the sponsor's text is kept as given in attrs.sponsor
// (the lead may prefer a dedicated `sponsor` relation; switching is one line
// in trials.cpp).  A sponsor that is a person ("Dr. ...") gets no link.
//
// Stage: `approved` for phase 4 trials, `clinical` otherwise (trials.h).
//
// Conditions become keywords; when nando.ttl / nanbyo.json / shoman.json /
// 2017MeshTree.txt are given on the same command line, conditions naming a
// known disease also become `studies` links (disease_dict.h).  A MeSH
// disease gets its own small record (disease:mesh:<UI>) the first time it
// is linked; NANDO diseases are left to the nando importer.
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/disease_dict.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/trials.h"

namespace seedgraph {
namespace {

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

class IctrpReader {
 public:
  IctrpReader(const DiseaseDictionary& dict, RecordSink* sink) : links_(dict, "WHO ICTRP", sink), sink_(sink) {}
  Status ReadFile(const std::string& file);

 private:
  bool Header(const std::vector<std::string>& header, const std::string& where);
  void Row(const std::vector<std::string>& row, const std::string& where);
  std::string Field(const std::vector<std::string>& row, Col c) const {
    return cols_[c] >= 0 && static_cast<size_t>(cols_[c]) < row.size() ? row[cols_[c]] : "";
  }

  TrialLinker links_;
  RecordSink* sink_;
  int cols_[kColCount];
};

Status IctrpReader::ReadFile(const std::string& file) {
  return ForEachCsvRow(
      file, sink_, [this](const auto& header, const std::string& where) { return Header(header, where); },
      [this](const auto& row, const std::string& where) { Row(row, where); });
}

bool IctrpReader::Header(const std::vector<std::string>& header, const std::string& where) {
  for (int c = 0; c < kColCount; ++c) cols_[c] = FindColumn(header, kColNames[c]);
  if (cols_[kTrialId] >= 0) return true;
  const bool covid_list = FindColumn(header, "trialid") >= 0 && FindColumn(header, "normed_spon_names") >= 0;
  sink_->Reject(where, covid_list ? "header: this is the COVID-19 trial list (trialid, normed_spon_names): use --format covid-trials"
                                  : "header: no TrialID column (is this a WHO ICTRP export?)");
  return false;
}

void IctrpReader::Row(const std::vector<std::string>& row, const std::string& where) {
  Record r;
  std::string error;
  if (!StartTrial(Field(row, kTrialId), "TrialID", &r, &error)) {
    sink_->Reject(where, error);
    return;
  }
  const std::string trial_id = r.id.substr(6);
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
  const std::string phase = NormalisePhase(Field(row, kPhase));
  r.stage = StageOfPhase(phase);
  std::string sponsor = CleanText(Field(row, kSponsor));
  links_.Sponsor(sponsor, PartyKind::kByName, &r);
  std::string matches = links_.Conditions(SplitList(Field(row, kCondition)), r.title.en, &r);
  std::vector<std::string> interventions = SplitList(Field(row, kIntervention));
  AddInterventionKeywords(interventions, &r);
  Attrs a;
  a.Str("source", "WHO ICTRP").Str("registry", CleanText(Field(row, kRegister))).Str("url", CleanText(Field(row, kUrl)))
      .Str("acronym", CleanText(Field(row, kAcronym))).Str("sponsor", sponsor)
      .Str("contact_affiliation", CleanText(Field(row, kAffiliation)))
      .Str("recruitment_status", CleanText(Field(row, kStatus))).Str("study_type", CleanText(Field(row, kStudyType)))
      .Str("study_design", CleanText(Field(row, kDesign))).Str("phase", phase)
      .Str("phase_text", CleanText(Field(row, kPhase))).Str("target_size", CleanText(Field(row, kTargetSize)))
      .Str("age_min", CleanText(Field(row, kAgeMin))).Str("age_max", CleanText(Field(row, kAgeMax)))
      .Str("gender", CleanText(Field(row, kGender))).Str("date_enrollment", CleanText(Field(row, kEnrollment)))
      .Str("last_refreshed", CleanText(Field(row, kLastRefreshed)))
      .Strs("countries", SplitList(Field(row, kCountries))).Strs("conditions", SplitList(Field(row, kCondition)))
      .Strs("interventions", interventions).Raw("condition_matches", matches);
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

}  // namespace

Status ImportIctrp(const std::vector<std::string>& files, RecordSink* sink) {
  DiseaseDictionary dict;
  std::vector<std::string> csv;
  Status st = LoadTrialVocabulary(files, sink, &dict, &csv);
  if (!st.ok()) return st;
  IctrpReader reader(dict, sink);
  for (const auto& f : csv) {
    st = reader.ReadFile(f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
