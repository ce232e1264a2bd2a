// What the trial-registry importers share (ictrp, ctgov, covid-trials).
//
// - The id rule of CONTRACT §1: a trial is `trial:<registry id>` as the
//   registry writes it (trial:NCT04319445, trial:JPRN-jRCT2031190001,
//   trial:EUCTR2020-001614-38-BE), with the id also under its scheme in
//   `identifiers`.  WHO ICTRP, ClinicalTrials.gov and the COVID-19 trial
//   list all give the registry's own id, so one trial seen by several of
//   them is one record (the source read last replaces the others).
// - Phase -> stage: phases 1 to 3 (and trials without a phase) are
//   `clinical`; a phase 4 trial tests a product already approved, so it is
//   `approved`.  The phase itself stays in attrs.phase ("1", "2/3", "4", "n/a").
// - The links every trial source makes, made one way: conditions ->
//   keywords and `studies` links through the disease dictionary
//   (disease_dict.h; a MeSH disease gets its own small record the first
//   time); sponsors -> `applicant` links to company:name: or
//   organization:name: records (names.h: HasCompanyMark() unless the source
//   says which); publications -> `cites` links to paper:pmid: or paper:doi:.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "indexer/import/disease_dict.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "schema/record.h"

namespace seedgraph {

// Longer list items (whole protocols pasted into one field) stay in attrs:
// a keyword is a name, and the contract caps keywords at 1 KiB.
inline constexpr size_t kMaxKeywordBytes = 200;

// "<br>", "<br/>", "<BR />" -> newline, so lists split and text reads well.
std::string BreaksToNewlines(const std::string& s);
// Splits a list field on newlines / <br> and ';' (ICTRP), cleaned, without
// empty items or repeats.
std::vector<std::string> SplitList(const std::string& field);
// Splits on `sep` alone ('|' in ClinicalTrials.gov lists), the same way.
std::vector<std::string> SplitOn(const std::string& field, char sep);
// "&#39;", "&amp;", "&Apos;" (ClinicalTrials.gov exports) -> the character.
std::string DecodeEntities(const std::string& s);

// True for what sources write for "no value": "", NA, N/A, None,
// Not Available, No Results (any case).
bool IsMissing(const std::string& value);

// "NCT04319445" -> {"nct", "NCT04319445"}; "JPRN-jRCT2031190001" -> {"jrct",
// "jRCT2031190001"}; an id of an unknown registry -> {"registry_id", id}.
std::pair<std::string, std::string> RegistryId(const std::string& id);
// Whether `id` has the shape of a registry id (no spaces, 4 to 60 bytes).
bool IsRegistryId(const std::string& id);
// Sets id, type, stage (clinical) and identifiers of a trial; false when
// `registry_id` (read from `column`) cannot be an id, and *error says why.
bool StartTrial(const std::string& registry_id, const std::string& column, Record* r, std::string* error);

// Phase texts of ICTRP and ClinicalTrials.gov ("Phase 2/Phase 3", "2-3",
// "PHASE1|PHASE2", "Early Phase 1", the EU-CTR yes/no block) -> "1", "2",
// "2/3", "4", "0" or "n/a" (N/A, Not Applicable); the text as given
// otherwise; "" when missing (IsMissing).
std::string NormalisePhase(const std::string& raw);
// A normalised phase -> `stage`: "approved" for phase 4 alone, else "clinical".
std::string StageOfPhase(const std::string& phase);

bool MentionsCovid(const std::string& text);

// A date column: "" when missing (IsMissing), the date when it is an ISO
// date ("2023-11-30", "2023-11"); otherwise "" and *error is
// "<column>: not an ISO 8601 date ...".
std::string DateColumn(const std::string& raw, const std::string& column, std::string* error);

// Vocabulary files (disease_dict.h) among `files` go into *dict; the other
// files are returned in *data, in the order given.
Status LoadTrialVocabulary(const std::vector<std::string>& files, RecordSink* sink, DiseaseDictionary* dict,
                           std::vector<std::string>* data);

// Who a sponsor is, when the source says so (ClinicalTrials.gov's
// INDUSTRY / OTHER / NIH ... class); kByName leaves it to HasCompanyMark().
enum class PartyKind { kByName, kCompany, kOrganization, kPerson };

class TrialLinker {
 public:
  // `dict` may be empty; `source` goes into attrs.source of the records made.
  TrialLinker(const DiseaseDictionary& dict, std::string source, RecordSink* sink)
      : dict_(dict), source_(std::move(source)), sink_(sink) {}

  // Keywords and `studies` links for the conditions (and disease areas of
  // the diseases found), "infectious" when they or the title name COVID-19.
  // Returns the JSON array of matches for attrs.condition_matches ("" when
  // none): the evidence of each link.
  std::string Conditions(const std::vector<std::string>& conditions, const std::string& title, Record* r);

  // An `applicant` link to the sponsor's record (made the first time it is
  // seen), and kLinked.  Nothing is made for a placeholder ("No Sponsor
  // Name Given": kNobody) or a person ("Jeff Burns, MD", or kind kPerson:
  // kPerson): CONTRACT's `applicant` points at companies and
  // organizations, so the caller keeps a person's name in attrs.
  enum class Sponsored { kLinked, kPerson, kNobody };
  Sponsored Sponsor(const std::string& name, PartyKind kind, Record* r);

 private:
  const DiseaseDictionary& dict_;
  std::string source_;
  RecordSink* sink_;
  EmittedSet emitted_;
};

// The first 10 interventions as keywords: not "Placebo" or "No
// Intervention", none longer than kMaxKeywordBytes (all stay in attrs).
void AddInterventionKeywords(const std::vector<std::string>& names, Record* r);

// A `cites` link to paper:pmid:<pmid> (digits) or, without one, to
// paper:doi:<lower-case DOI>; false when neither is usable.
bool AddCitation(const std::string& pmid, const std::string& doi, Record* r);

}  // namespace seedgraph
