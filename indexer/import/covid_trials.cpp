// The COVID-19 trial list of ebmdatalab's covid_trials_tracker
// (trial_list_2020-12-16.csv: WHO ICTRP records of all registries,
// processed, sponsors normalised by hand) -> trial records and their
// sponsors (company or organization).
//
// Its own format rather than a second header inside ictrp.cpp: the columns
// share no name with the ICTRP export, there are no conditions to match
// (every trial is a COVID-19 trial), and what both do alike is in trials.h.
//
// - Each trial is `trial:<trialid>`: the list keeps ICTRP's TrialID
//   (NCT04319445, JPRN-jRCTs031190227, EUCTR2020-001614-38-BE), so a trial
//   in the April 2020 ICTRP export and in this list is one record.  As in
//   ictrp, `date` is the registration date; the enrolment start and the
//   completion dates are in attrs (start_date, primary_completion_date,
//   end_date).  Stage from the phase (trials.h).
// - normed_spon_names holds one or more sponsors separated by ';' (commas
//   belong to names: "Tongji Hospital, Tongji Medical College, ..."): each
//   becomes an `applicant` link (HasCompanyMark() decides company or
//   organization); persons ("Dr. Bharat S Mody") stay in
//   attrs.individual_sponsors, placeholders ("No Sponsor Name Given") are
//   dropped.
// - cross_registrations ("EUCTR2020-000842-32; ISRCTN85762140") become
//   `same_as` links to those trials.  The list has a row per result
//   publication (NCT04252885: a preprint, then the journal article): such
//   rows, which follow each other, make one trial with every result in
//   attrs.results, and each DOI link (journal article, preprint) becomes a
//   `cites` link to paper:doi:.
// - countries are separated by ", ", which also stands inside a few names
//   ("Korea, South", "Virgin Islands, British"): those are put back together.
#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "indexer/import/trials.h"

namespace seedgraph {
namespace {

constexpr const char* kSource = "COVID-19 TrialsTracker (WHO ICTRP)";

enum Col {
  kTrialId, kRegister, kDateReg, kDateStart, kRetrospective, kSponsors, kStatus, kPhase, kStudyType, kCountries,
  kTitle, kAcronym, kCategory, kIntervention, kInterventionList, kTarget, kPrimaryCompletion, kCompletion, kUrl,
  kResultsType, kResultsDate, kResultsLink, kLastRefreshed, kCrossRegistrations, kColCount
};
constexpr const char* kColNames[kColCount] = {
    "trialid", "source_register", "date_registration", "date_enrollement", "retrospective_registration",
    "normed_spon_names", "recruitment_status", "phase", "study_type", "countries", "public_title", "acronym",
    "study_category", "intervention", "intervention_list", "target_enrollment", "primary_completion_date",
    "full_completion_date", "web_address", "results_type", "results_publication_date", "results_link",
    "last_refreshed_on", "cross_registrations"};

// Country names that hold ", " ("Korea, South"): what follows the comma.
constexpr const char* kCountryTails[] = {"South", "North", "British", "U.S.", "Federated States of", "Republic of",
                                         "the former Yugoslav Republic of", "Islamic Republic of"};

std::vector<std::string> Countries(const std::string& field) {
  std::vector<std::string> names;
  for (size_t i = 0; i <= field.size();) {
    const size_t j = std::min(field.find(',', i), field.size());
    const std::string part = CleanText(field.substr(i, j - i));
    i = j + 1;
    const bool tail = !names.empty() && std::any_of(std::begin(kCountryTails), std::end(kCountryTails),
                                                    [&](const char* t) { return part == t; });
    if (tail) {
      names.back() += ", " + part;
    } else if (!part.empty()) {
      names.push_back(part);
    }
  }
  std::vector<std::string> out;
  for (const auto& n : names) {
    if (n != "No Country Given") AddUnique(&out, n);
  }
  return out;
}

// One result publication of a trial (the list has a row per result).
struct Result {
  std::string type, date, link;
};

class CovidTrialsReader {
 public:
  explicit CovidTrialsReader(RecordSink* sink) : links_(empty_dict_, kSource, sink), sink_(sink) {}
  Status ReadFile(const std::string& file);

 private:
  bool Header(const std::vector<std::string>& header, const std::string& where);
  // Holds the row back while the next rows are the same trial (a row per
  // result publication), so that the trial is made once with all results.
  void Row(const std::vector<std::string>& row, const std::string& where);
  void Flush();
  void Trial(const std::vector<std::string>& row, const std::string& where, const std::vector<Result>& results);
  std::string Cell(const std::vector<std::string>& row, Col c) const {
    return cols_[c] >= 0 && !IsMissing(row[cols_[c]]) ? CleanText(row[cols_[c]]) : "";
  }
  bool Dates(const std::vector<std::string>& row, Record* r, Attrs* a, std::string* error) const;
  void Sponsors(const std::vector<std::string>& row, Record* r, Attrs* a);
  void Interventions(const std::vector<std::string>& row, Record* r, Attrs* a) const;
  void Registrations(const std::vector<std::string>& row, const std::vector<Result>& results, Record* r, Attrs* a) const;

  DiseaseDictionary empty_dict_;  // the list has no conditions to match
  TrialLinker links_;
  RecordSink* sink_;
  int cols_[kColCount];
  std::vector<std::string> pending_;  // the row held back, empty when none
  std::string pending_where_;
  std::vector<Result> pending_results_;
};

Status CovidTrialsReader::ReadFile(const std::string& file) {
  Status st = ForEachCsvRow(
      file, sink_, [this](const auto& header, const std::string& where) { return Header(header, where); },
      [this](const auto& row, const std::string& where) { Row(row, where); });
  Flush();
  return st;
}

void CovidTrialsReader::Row(const std::vector<std::string>& row, const std::string& where) {
  Result result{Cell(row, kResultsType), Cell(row, kResultsDate), Cell(row, kResultsLink)};
  if (pending_.empty() || CleanText(row[cols_[kTrialId]]) != CleanText(pending_[cols_[kTrialId]])) {
    Flush();
    pending_ = row;
    pending_where_ = where;
  }
  if (!result.type.empty()) pending_results_.push_back(std::move(result));
}

void CovidTrialsReader::Flush() {
  if (pending_.empty()) return;
  sink_->At(pending_where_);
  Trial(pending_, pending_where_, pending_results_);
  pending_.clear();
  pending_results_.clear();
}

bool CovidTrialsReader::Header(const std::vector<std::string>& header, const std::string& where) {
  for (int c = 0; c < kColCount; ++c) cols_[c] = FindColumn(header, kColNames[c]);
  if (cols_[kTrialId] >= 0 && cols_[kSponsors] >= 0) return true;
  sink_->Reject(where, FindColumn(header, "TrialID") >= 0
                           ? "header: this is a WHO ICTRP export (TrialID): use --format ictrp"
                           : "header: no trialid and normed_spon_names columns (is this the COVID-19 trial list?)");
  return false;
}

bool CovidTrialsReader::Dates(const std::vector<std::string>& row, Record* r, Attrs* a, std::string* error) const {
  r->date = DateColumn(Cell(row, kDateReg), kColNames[kDateReg], error);
  std::string start = DateColumn(Cell(row, kDateStart), kColNames[kDateStart], error);
  std::string primary = DateColumn(Cell(row, kPrimaryCompletion), kColNames[kPrimaryCompletion], error);
  std::string end = DateColumn(Cell(row, kCompletion), kColNames[kCompletion], error);
  std::string refreshed = DateColumn(Cell(row, kLastRefreshed), kColNames[kLastRefreshed], error);
  if (!error->empty()) return false;
  a->Str("start_date", start).Str("primary_completion_date", primary).Str("end_date", end).Str("last_refreshed", refreshed);
  return true;
}

void CovidTrialsReader::Sponsors(const std::vector<std::string>& row, Record* r, Attrs* a) {
  std::vector<std::string> sponsors, people;
  for (const std::string& s : SplitOn(Cell(row, kSponsors), ';')) {
    TrialLinker::Sponsored got = links_.Sponsor(s, PartyKind::kByName, r);
    if (got != TrialLinker::Sponsored::kNobody) sponsors.push_back(s);
    if (got == TrialLinker::Sponsored::kPerson) people.push_back(s);
  }
  a->Strs("sponsors", sponsors).Strs("individual_sponsors", people);
}

void CovidTrialsReader::Interventions(const std::vector<std::string>& row, Record* r, Attrs* a) const {
  std::vector<std::string> list;
  for (const std::string& i : SplitOn(Cell(row, kInterventionList), ';')) {
    if (LowerAscii(i) != "no intervention") list.push_back(i);
  }
  AddInterventionKeywords(list, r);
  const std::string text = Cell(row, kIntervention);
  a->Strs("interventions", list).Str("intervention_text", list.size() == 1 && list[0] == text ? "" : text);
}

// Cross-registrations -> same_as; a results article -> cites.
void CovidTrialsReader::Registrations(const std::vector<std::string>& row, const std::vector<Result>& results, Record* r,
                                      Attrs* a) const {
  std::vector<std::string> others;
  for (const std::string& id : SplitOn(Cell(row, kCrossRegistrations), ';')) {
    if (!IsRegistryId(id) || "trial:" + id == r->id) continue;
    others.push_back(id);
    if (RegistryId(id).first != "registry_id") AddLink(r, "same_as", "trial:" + id);
  }
  a->Strs("cross_registrations", others);
  std::string json = "[";
  for (const Result& res : results) {
    if (res.type != "Registry Results") AddCitation("", res.link, r);
    json += (json.size() > 1 ? "," : "") + Attrs().Str("type", res.type).Str("date", res.date).Str("link", res.link).Done();
  }
  if (json.size() > 1) a->Raw("results", json + "]");
}

void CovidTrialsReader::Trial(const std::vector<std::string>& row, const std::string& where,
                              const std::vector<Result>& results) {
  Record r;
  std::string error;
  if (!StartTrial(row[cols_[kTrialId]], kColNames[kTrialId], &r, &error)) return sink_->Reject(where, error);
  r.title.en = Cell(row, kTitle);
  if (r.title.en.empty()) r.title.en = r.id.substr(6);
  const std::string phase = NormalisePhase(Cell(row, kPhase));
  r.stage = StageOfPhase(phase);
  r.keywords.push_back("COVID-19");
  r.disease_areas.push_back("infectious");
  Attrs a;
  a.Str("source", kSource).Str("registry", Cell(row, kRegister)).Str("url", Cell(row, kUrl));
  if (!Dates(row, &r, &a, &error)) return sink_->Reject(where, error);
  a.Str("acronym", Cell(row, kAcronym)).Str("recruitment_status", Cell(row, kStatus));
  a.Str("study_type", Cell(row, kStudyType)).Str("study_category", Cell(row, kCategory));
  a.Str("phase", phase).Str("phase_text", Cell(row, kPhase)).Str("target_size", Cell(row, kTarget));
  const std::string retro = Cell(row, kRetrospective);
  if (retro == "True" || retro == "False") a.Bool("retrospective_registration", retro == "True");
  Sponsors(row, &r, &a);
  Interventions(row, &r, &a);
  a.Strs("countries", Countries(Cell(row, kCountries)));
  Registrations(row, results, &r, &a);
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

}  // namespace

Status ImportCovidTrials(const std::vector<std::string>& files, RecordSink* sink) {
  CovidTrialsReader reader(sink);
  for (const auto& f : files) {
    Status st = reader.ReadFile(f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
