// The bilingual concept lexicon (data/vocab/lexicon.tsv; sources, licences and
// filters in data/vocab/LEXICON.md): groups of equivalent Japanese and
// English terms (がん = 癌 = cancer = carcinoma = neoplasm ...), so that a
// Japanese query reaches English-only papers, trials and patents and back.
//
// It is written into the index's synonym table in the same two hops as the
// names of disease records (indexer/synonyms.h), under tags "@<concept id>":
//
//   ConceptKey(term) -> "@hand:cancer"      (one entry per term)
//   "@hand:cancer"   -> the term as written (one entry per term)
//
// query/expand.h reads both kinds alike; lexicon concepts belong to no record
// and are visible to every role.  The index remembers which lexicon it holds
// (metadata "seedgraph.lexicon" = digest): writing the same one again does
// nothing, another one replaces it.
#pragma once

#include <string>
#include <vector>

#include "schema/analyzer.h"
#include "schema/status.h"

namespace Xapian { class WritableDatabase; }

namespace seedgraph {

struct LexiconConcept {
  std::string id;                  // "hand:cancer", "kitasato:1607"
  std::vector<std::string> terms;  // as written, ja and en
};

class Lexicon {
 public:
  // Reads "concept_id<TAB>lang<TAB>term<TAB>source" lines ('#' comments);
  // a malformed line fails the load with "path:line: reason".
  static Result<Lexicon> Load(const std::string& path);
  const std::vector<LexiconConcept>& concepts() const { return concepts_; }
  // Identifies the content (FNV-1a of the data lines, hex).
  const std::string& digest() const { return digest_; }

 private:
  std::vector<LexiconConcept> concepts_;
  std::string digest_;
};

// The synonym-table tag of a lexicon concept ("@" + id).
std::string LexiconTag(const std::string& concept_id);

// Puts `lexicon` into db's synonym table, taking out the lexicon written
// before (if its digest differs).  Xapian errors propagate.
void WriteLexicon(const Lexicon& lexicon, const Analyzer& analyzer, Xapian::WritableDatabase* db);

}  // namespace seedgraph
