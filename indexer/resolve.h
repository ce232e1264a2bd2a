// Entity resolution: a pass over a built index that links records naming the
// same thing with reciprocal `same_as` links (issue 3, "Entity resolution").
//
// The importers already give one thing one id wherever its identifier or
// normalised name allows (CONTRACT §1).  What they cannot see is a thing that
// two sources key differently: `paper:pmid:1` and `paper:doi:10.x/y` with that
// DOI, `kinzler_k` and `kinzler_kenneth`, an affiliation's organization and an
// EDINET company.  This pass links them, conservatively and explainably:
//
// 1. Identifiers: records of one type (organization and company count as one)
//    sharing the value of an identity scheme (doi, pmid, corporate_number,
//    grant, registry ids, orcid, ...) are linked.  Classification codes
//    (mesh, icd10, mondo) are not identities and never merge on their own
//    (but see rule 4).
// 2. People: compatible name keys (names.h PersonKeysCompatible) are linked
//    only when corroborated: a record linking one (author / inventor /
//    investigator) and another record linking the other share a further
//    person.  A record naming both, different ORCIDs, or an initial that is
//    corroborated with two different full names vetoes the merge.
// 3. Organizations and companies whose normalised names (OrganizationKey)
//    are identical, unless their 法人番号 / EDINET codes differ.
// 4. Records sharing a classification code (mondo) and a name: a title (ja
//    or en, NormaliseName), or each one's title among the other's names
//    (title, reading, synonyms).  These are the 指定難病 and 小児慢性特定疾病
//    NANDO classes of one disease.  The code alone is not enough (NANDO maps
//    subtypes to their parent's MONDO class), nor is the name.
// 5. A drug's marketer and an applicant of a patent the drug is protected by
//    (FDA Orange Book), both companies, when one's name key is the other's
//    first words: the FDA sponsor "DUSA" and the USPTO assignee "DUSA
//    Pharmaceuticals, Inc." (evidence: by "name+patent", the drug and the
//    patent).
//
// Nothing is deleted and nothing is merged into one record: both records get
// the `same_as` link, and attrs.same_as_evidence of each says why, e.g.
// {"to": "paper:pmid:1", "by": "doi", "value": "10.x/y"}.  Records of
// different visibility are never linked, and evidence never names a record
// less visible than the one that carries it (CONTRACT §3: a hidden record
// never shows, not even as an id).  The pass is idempotent: a second run
// over the same index adds nothing.  Re-ingesting a record replaces it
// without its links, so run the pass again after every ingest.
#pragma once

#include <cstddef>
#include <map>
#include <ostream>
#include <string>

#include "schema/status.h"

namespace seedgraph {

struct ResolveOptions {
  std::string db_path;
  // Find and count merges, write nothing.
  bool dry_run = false;
  // One line per merge found ("a <-> b  by doi 10.x/y") when non-null.
  std::ostream* log = nullptr;
  // An identifier value or organization name shared by more records than
  // this is a placeholder or a generic name, not an identity: skipped.
  size_t max_group = 20;
  // Records read per person when looking for corroboration (a prolific
  // author's first N papers are enough to find a shared co-author).
  size_t max_records_per_person = 500;
};

struct ResolveStats {
  // Record pairs linked, by "<type> by <evidence>": "paper by doi",
  // "person by name+coauthors", "organization by name", "disease by
  // mondo+name", ...  A pair with
  // two kinds of evidence counts under both.
  std::map<std::string, size_t> merges;
  size_t new_links = 0;        // same_as links added (two per new pair)
  size_t new_evidence = 0;     // evidence entries added
  size_t records_updated = 0;  // records rewritten
  // Candidates left alone, and why.
  size_t uncorroborated = 0;   // compatible person names, nothing shared
  size_t vetoed = 0;           // conflicting identifiers, or one record names both people
  size_t ambiguous = 0;        // an initial corroborated with two different people
  size_t visibility = 0;       // the records' visibility differs
  size_t large_groups = 0;     // values shared by more than max_group records
};

// Runs the pass over the index at options.db_path.  kIOError when the index
// cannot be opened for writing (missing, locked by another writer).
Result<ResolveStats> Resolve(const ResolveOptions& options);

}  // namespace seedgraph
