// ClinicalTrials.gov CSV -> trial records, their sponsors (company or
// organization), `cites` links to their publications and, when
// vocabularies are given, `studies` links to disease records.
//
// Two shapes of trial table are read, recognised by their header:
// - the AACT-style tables of the ctrialsgov R package (nct_id, start_date,
//   phase, enrollment, brief_title, official_title, ..., sponsor,
//   sponsor_type, conditions; line breaks inside a text written as '~'),
//   with two side tables joined by nct_id: interventions (nct_id,
//   intervention_type, name, description) and references (nct_id, pmid,
//   citation, doi);
// - the CSV download of clinicaltrials.gov (NCT Number, Study Title, Study
//   URL, Study Status, Conditions, Interventions, Sponsor, Collaborators,
//   ...; lists separated by '|'), with whichever of its optional columns
//   (Brief Summary, Phases, Enrollment, Start Date, Funder Type, ...) it has.
// The side tables are held in memory, keyed by NCT id, while the trial
// tables stream (they are the small ones: one row per intervention or
// publication); a side row whose trial is in none of the files given is
// rejected at the end, so nothing is dropped silently.  A trial in two of
// the files is made from each, and the one made last replaces the other
// (CONTRACT §1): downloads are read before AACT tables, the fuller rows.
//
// Each trial is `trial:<NCT id>`, the id ictrp and covid-trials give the
// same trial (trials.h).  `date` is the start date; the completion date is
// attrs.end_date.  Stage: `approved` for phase 4, else `clinical`.
// The lead sponsor and the collaborators become `applicant` links; the
// sponsor class (INDUSTRY -> company; OTHER, NIH, FED, OTHER_GOV, NETWORK
// -> organization; INDIV -> a person, no link) decides the record type
// when given, HasCompanyMark() otherwise (trials.h), and
// attrs.sponsor_name_says notes where the class and IsCompanyName() disagree.
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/disease_dict.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "indexer/import/trials.h"

namespace seedgraph {
namespace {

constexpr const char* kSource = "ClinicalTrials.gov";

enum Col {
  kNct, kTitle, kOfficialTitle, kAcronym, kSummary, kStart, kPrimaryCompletion, kCompletion, kLastUpdate, kPhase,
  kEnrollment, kStatus, kStudyType, kSponsor, kSponsorClass, kCollaborators, kConditions, kInterventions, kUrl,
  kEudract, kOtherIds, kAllocation, kInterventionModel, kObservationalModel, kPurpose, kTimePerspective, kMasking,
  kDesign, kGender, kMinAge, kMaxAge, kAge, kCriteria, kResults, kColCount
};
// The column of each field in the ctrialsgov (AACT) tables and in the
// clinicaltrials.gov download; "" where that shape has none.
constexpr const char* kColNames[kColCount][2] = {
    {"nct_id", "NCT Number"}, {"brief_title", "Study Title"}, {"official_title", ""}, {"acronym", "Acronym"},
    {"description", "Brief Summary"}, {"start_date", "Start Date"},
    {"primary_completion_date", "Primary Completion Date"}, {"completion_date", "Completion Date"},
    {"last_update", "Last Update Posted"}, {"phase", "Phases"}, {"enrollment", "Enrollment"},
    {"rec_status", "Study Status"}, {"study_type", "Study Type"}, {"sponsor", "Sponsor"},
    {"sponsor_type", "Funder Type"}, {"collaborators", "Collaborators"}, {"conditions", "Conditions"},
    {"interventions", "Interventions"}, {"", "Study URL"}, {"eudract_num", ""}, {"other_id", "Other IDs"},
    {"allocation", ""}, {"intervention_model", ""}, {"observational_model", ""}, {"primary_purpose", ""},
    {"time_perspective", ""}, {"masking_description", ""}, {"", "Study Design"}, {"gender", "Sex"},
    {"minimum_age", ""}, {"maximum_age", ""}, {"", "Age"}, {"criteria", ""}, {"", "Study Results"}};

// Columns kept in attrs as their (cleaned) text.
constexpr struct {
  Col col;
  const char* key;
} kTextAttrs[] = {{kStatus, "status"},           {kStudyType, "study_type"},      {kAcronym, "acronym"},
                  {kOfficialTitle, "official_title"}, {kAllocation, "allocation"}, {kInterventionModel, "intervention_model"},
                  {kObservationalModel, "observational_model"}, {kPurpose, "primary_purpose"},
                  {kTimePerspective, "time_perspective"}, {kMasking, "masking"}, {kDesign, "study_design"},
                  {kGender, "gender"},           {kMinAge, "age_min"},            {kMaxAge, "age_max"},
                  {kAge, "age"},                 {kResults, "has_results"}};

enum class FileKind { kTrials, kDownload, kInterventions, kReferences };

FileKind KindOf(const std::vector<std::string>& header) {
  if (FindColumn(header, "nct_id") >= 0 && FindColumn(header, "intervention_type") >= 0) return FileKind::kInterventions;
  if (FindColumn(header, "nct_id") >= 0 && FindColumn(header, "pmid") >= 0) return FileKind::kReferences;
  if (FindColumn(header, "NCT Number") >= 0) return FileKind::kDownload;
  return FileKind::kTrials;
}

bool IsNctId(const std::string& id) {
  return id.size() == 11 && id.compare(0, 3, "NCT") == 0 && id.find_first_not_of("0123456789", 3) == std::string::npos;
}

// "DRUG", "DIETARY_SUPPLEMENT", "Dietary Supplement" -> "Dietary Supplement".
std::string InterventionType(const std::string& raw) {
  std::string out;
  bool start = true;
  for (char c : raw) {
    if (c == '_' || c == ' ') {
      out += ' ';
      start = true;
      continue;
    }
    out += static_cast<char>(start ? std::toupper(static_cast<unsigned char>(c)) : std::tolower(static_cast<unsigned char>(c)));
    start = false;
  }
  return CleanText(out);
}

// "360", "360.0", "5e+05" (R writes large counts so) -> the number; -1
// for anything else (negative, fractional, not a number, 10^12 or more).
long long WholeNumber(const std::string& s) {
  if (s.empty() || s.size() > 20 || s.find_first_not_of("0123456789.e+") != std::string::npos) return -1;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !(v >= 0 && v < 1e12) || v != std::floor(v)) return -1;
  return static_cast<long long>(v);
}

// INDUSTRY, OTHER, NIH, ... -> who the sponsor is; kByName when not said.
PartyKind KindOfClass(const std::string& cls) {
  if (cls == "INDUSTRY") return PartyKind::kCompany;
  if (cls == "INDIV") return PartyKind::kPerson;
  for (const char* c : {"OTHER", "NIH", "FED", "OTHER_GOV", "NETWORK", "UNIVERSITY"}) {
    if (cls == c) return PartyKind::kOrganization;
  }
  return PartyKind::kByName;
}

struct Intervention {
  std::string type, name, description, where;
};
struct Reference {
  std::string pmid, doi, citation, where;
};
template <typename T>
struct SideRows {
  std::vector<T> rows;
  bool used = false;
};

class CtgovReader {
 public:
  CtgovReader(const DiseaseDictionary& dict, RecordSink* sink) : links_(dict, kSource, sink), sink_(sink) {}
  Status LoadInterventions(const std::string& file);
  Status LoadReferences(const std::string& file);
  Status ReadTrials(const std::string& file);
  // Rejects the side rows no trial used.
  void ReportUnused();

 private:
  bool Header(const std::vector<std::string>& header, const std::string& where);
  void Row(const std::vector<std::string>& row, const std::string& where);
  std::string Cell(const std::vector<std::string>& row, Col c) const;
  bool Numbers(const std::vector<std::string>& row, Record* r, Attrs* a, std::string* error) const;
  void Sponsors(const std::vector<std::string>& row, Record* r, Attrs* a);
  void Interventions(const std::vector<std::string>& row, Record* r, Attrs* a);
  void References(Record* r, Attrs* a);
  // The rows of a side table: fn(nct_id, the cleaned cells of `columns`
  // ("" when missing), "file:line"); a row with a bad nct_id is rejected.
  using SideRowFn = std::function<void(const std::string&, const std::vector<std::string>&, const std::string&)>;
  Status ForEachSideRow(const std::string& file, const std::vector<const char*>& columns, const SideRowFn& fn);

  TrialLinker links_;
  RecordSink* sink_;
  int cols_[kColCount];
  std::string names_[kColCount];  // the header's names, for messages
  bool tilde_lines_ = false;      // '~' stands for a line break (ctrialsgov)
  std::map<std::string, SideRows<Intervention>> interventions_;
  std::map<std::string, SideRows<Reference>> references_;
};

std::string CtgovReader::Cell(const std::vector<std::string>& row, Col c) const {
  if (cols_[c] < 0 || static_cast<size_t>(cols_[c]) >= row.size()) return "";
  std::string v = DecodeEntities(row[cols_[c]]);
  if (IsMissing(v)) return "";
  if (!tilde_lines_ || v.find('~') == std::string::npos) return CleanText(v);
  std::string out;  // one line per '~'
  for (const std::string& line : SplitOn(v, '~')) out += (out.empty() ? "" : "\n") + line;
  return out;
}

Status CtgovReader::ForEachSideRow(const std::string& file, const std::vector<const char*>& columns, const SideRowFn& fn) {
  int nct = -1;
  std::vector<int> cols;
  return ForEachCsvRow(
      file, sink_,
      [&](const std::vector<std::string>& header, const std::string&) {
        nct = FindColumn(header, "nct_id");  // KindOf() saw it
        for (const char* c : columns) cols.push_back(FindColumn(header, c));
        return true;
      },
      [&](const std::vector<std::string>& row, const std::string& where) {
        const std::string key = CleanText(row[nct]);
        if (!IsNctId(key)) return sink_->Reject(where, "nct_id: expected NCT and 8 digits, got '" + key.substr(0, 40) + "'");
        std::vector<std::string> cells;
        for (int c : cols) cells.push_back(c >= 0 && !IsMissing(row[c]) ? CleanText(row[c]) : "");
        fn(key, cells, where);
      });
}

Status CtgovReader::LoadInterventions(const std::string& file) {
  return ForEachSideRow(file, {"intervention_type", "name", "description"},
                        [this](const std::string& nct, const std::vector<std::string>& c, const std::string& where) {
                          if (c[1].empty()) return sink_->Reject(where, "name: empty");
                          interventions_[nct].rows.push_back({InterventionType(c[0]), c[1], c[2], where});
                        });
}

Status CtgovReader::LoadReferences(const std::string& file) {
  return ForEachSideRow(file, {"pmid", "doi", "citation"},
                        [this](const std::string& nct, const std::vector<std::string>& c, const std::string& where) {
                          if (c[0].empty() && c[1].empty() && c[2].empty()) {
                            return sink_->Reject(where, "pmid: empty, and no doi or citation");
                          }
                          references_[nct].rows.push_back({c[0], c[1], c[2], where});
                        });
}

Status CtgovReader::ReadTrials(const std::string& file) {
  return ForEachCsvRow(
      file, sink_, [this](const auto& header, const std::string& where) { return Header(header, where); },
      [this](const auto& row, const std::string& where) { Row(row, where); });
}

bool CtgovReader::Header(const std::vector<std::string>& header, const std::string& where) {
  const int shape = FindColumn(header, kColNames[kNct][0]) >= 0 ? 0 : 1;
  for (int c = 0; c < kColCount; ++c) {
    names_[c] = kColNames[c][shape];
    cols_[c] = names_[c].empty() ? -1 : FindColumn(header, names_[c]);
  }
  tilde_lines_ = shape == 0;
  if (cols_[kNct] >= 0 && cols_[kTitle] >= 0) return true;
  sink_->Reject(where, "header: not a ClinicalTrials.gov table (need nct_id and brief_title, or NCT Number and Study "
                       "Title; or nct_id with intervention_type or pmid)");
  return false;
}

// Dates and enrollment; false (with *error) when one is malformed.
bool CtgovReader::Numbers(const std::vector<std::string>& row, Record* r, Attrs* a, std::string* error) const {
  r->date = DateColumn(Cell(row, kStart), names_[kStart], error);
  std::string primary = DateColumn(Cell(row, kPrimaryCompletion), names_[kPrimaryCompletion], error);
  std::string end = DateColumn(Cell(row, kCompletion), names_[kCompletion], error);
  std::string updated = DateColumn(Cell(row, kLastUpdate), names_[kLastUpdate], error);
  if (!error->empty()) return false;
  a->Str("primary_completion_date", primary).Str("end_date", end).Str("last_update", updated);
  const std::string enrollment = Cell(row, kEnrollment);
  if (enrollment.empty()) return true;
  long long n = WholeNumber(enrollment);
  if (n < 0) {
    *error = names_[kEnrollment] + ": expected a whole number, got '" + enrollment.substr(0, 40) + "'";
    return false;
  }
  a->Int("enrollment", n);
  return true;
}

void CtgovReader::Sponsors(const std::vector<std::string>& row, Record* r, Attrs* a) {
  const std::string sponsor = Cell(row, kSponsor), cls = Cell(row, kSponsorClass);
  const PartyKind kind = KindOfClass(cls);
  std::vector<std::string> people;
  if (links_.Sponsor(sponsor, kind, r) == TrialLinker::Sponsored::kPerson) AddUnique(&people, sponsor);
  const bool by_name = IsCompanyName(sponsor);  // what the name alone says, noted when the class differs
  const bool disagree = (kind == PartyKind::kCompany && !by_name) || (kind == PartyKind::kOrganization && by_name);
  std::vector<std::string> collaborators = SplitOn(Cell(row, kCollaborators), '|');
  for (const auto& c : collaborators) {
    if (links_.Sponsor(c, PartyKind::kByName, r) == TrialLinker::Sponsored::kPerson) AddUnique(&people, c);
  }
  a->Str("sponsor", sponsor).Str("sponsor_class", cls);
  if (disagree && !sponsor.empty()) a->Str("sponsor_name_says", by_name ? "company" : "organization");
  a->Strs("collaborators", collaborators).Strs("individual_sponsors", people);
}

void CtgovReader::Interventions(const std::vector<std::string>& row, Record* r, Attrs* a) {
  std::vector<Intervention> list;
  for (const std::string& item : SplitOn(Cell(row, kInterventions), '|')) {  // "DRUG: Placebo|DEVICE: ..."
    size_t colon = item.find(": ");
    bool typed = colon != std::string::npos && colon < 30 && item.find(' ') >= colon;
    list.push_back({typed ? InterventionType(item.substr(0, colon)) : "", typed ? CleanText(item.substr(colon + 2)) : item, "", ""});
  }
  auto side = interventions_.find(r->id.substr(6));
  if (side != interventions_.end()) {
    side->second.used = true;
    list.insert(list.end(), side->second.rows.begin(), side->second.rows.end());
  }
  std::string json = "[";
  std::vector<std::string> names;
  for (Intervention& i : list) {
    // ctrialsgov writes the type before the name too ("Drug: SB1518").
    if (!i.type.empty() && i.name.size() > i.type.size() + 2 && LowerAscii(i.name).rfind(LowerAscii(i.type) + ": ", 0) == 0) {
      i.name = i.name.substr(i.type.size() + 2);
    }
    names.push_back(i.name);
    json += (json.size() > 1 ? "," : "") + Attrs().Str("type", i.type).Str("name", i.name).Str("description", i.description).Done();
  }
  AddInterventionKeywords(names, r);
  if (json.size() > 1) a->Raw("interventions", json + "]");
}

void CtgovReader::References(Record* r, Attrs* a) {
  auto side = references_.find(r->id.substr(6));
  if (side == references_.end()) return;
  side->second.used = true;
  std::string json = "[";
  for (const Reference& ref : side->second.rows) {
    AddCitation(ref.pmid, ref.doi, r);
    std::string doi = ref.doi.empty() ? "" : NormaliseDoi(ref.doi);
    json += (json.size() > 1 ? "," : "") + Attrs().Str("pmid", ref.pmid).Str("doi", doi).Str("citation", ref.citation).Done();
  }
  a->Raw("references", json + "]");
}

void CtgovReader::Row(const std::vector<std::string>& row, const std::string& where) {
  const std::string nct = Cell(row, kNct);
  Record r;
  std::string error;
  if (!IsNctId(nct)) error = names_[kNct] + ": expected NCT and 8 digits, got '" + nct.substr(0, 40) + "'";
  if (!error.empty() || !StartTrial(nct, names_[kNct], &r, &error)) return sink_->Reject(where, error);
  const std::string official = Cell(row, kOfficialTitle), summary = Cell(row, kSummary);
  r.title.en = Cell(row, kTitle);
  if (r.title.en.empty()) r.title.en = official.empty() ? nct : official;
  r.text.en = official != r.title.en && !official.empty() ? official + (summary.empty() ? "" : "\n\n" + summary) : summary;
  const std::string phase = NormalisePhase(Cell(row, kPhase));
  r.stage = StageOfPhase(phase);
  const std::string eudract = Cell(row, kEudract);
  if (!eudract.empty()) r.identifiers["eudract"] = eudract;
  Attrs a;
  const std::string url = Cell(row, kUrl);
  a.Str("source", kSource).Str("url", url.empty() ? "https://clinicaltrials.gov/study/" + nct : url);
  a.Str("phase", phase).Str("phase_text", Cell(row, kPhase));
  if (!Numbers(row, &r, &a, &error)) return sink_->Reject(where, error);
  for (const auto& t : kTextAttrs) a.Str(t.key, Cell(row, t.col));
  Sponsors(row, &r, &a);
  const std::vector<std::string> conditions = SplitOn(Cell(row, kConditions), '|');
  const std::string matches = links_.Conditions(conditions, r.title.en, &r);
  Interventions(row, &r, &a);
  References(&r, &a);
  a.Strs("conditions", conditions).Raw("condition_matches", matches).Str("eligibility", Cell(row, kCriteria));
  a.Str("other_ids", Cell(row, kOtherIds));
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

void CtgovReader::ReportUnused() {
  for (const auto& [nct, side] : interventions_) {
    for (const auto& i : side.rows) {
      if (!side.used) sink_->Reject(i.where, "nct_id: " + nct + " is in none of the trial files given; intervention not used");
    }
  }
  for (const auto& [nct, side] : references_) {
    for (const auto& ref : side.rows) {
      if (!side.used) sink_->Reject(ref.where, "nct_id: " + nct + " is in none of the trial files given; reference not used");
    }
  }
}

}  // namespace

Status ImportCtgov(const std::vector<std::string>& files, RecordSink* sink) {
  DiseaseDictionary dict;
  std::vector<std::string> data;
  Status st = LoadTrialVocabulary(files, sink, &dict, &data);
  if (!st.ok()) return st;
  CtgovReader reader(dict, sink);
  std::vector<std::string> downloads, tables;
  for (const auto& f : data) {
    std::vector<std::string> header;
    FileKind kind = f != "-" && ReadCsvHeader(f, &header) ? KindOf(header) : FileKind::kTrials;
    if (kind == FileKind::kInterventions) st = reader.LoadInterventions(f);
    if (kind == FileKind::kReferences) st = reader.LoadReferences(f);
    if (!st.ok()) return st;
    if (kind == FileKind::kDownload) downloads.push_back(f);
    if (kind == FileKind::kTrials) tables.push_back(f);
  }
  downloads.insert(downloads.end(), tables.begin(), tables.end());
  for (const auto& f : downloads) {
    st = reader.ReadTrials(f);
    if (!st.ok()) return st;
  }
  reader.ReportUnused();
  return Status::Ok();
}

}  // namespace seedgraph
