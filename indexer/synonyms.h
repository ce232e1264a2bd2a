// Synonym and spelling data written at index time, read by query/expand.h.
//
// A record that stands for a concept (a disease: NANDO / MHLW names) gives
// the names it is known by: titles ja/en, the hiragana reading and the
// synonyms.  They are stored in Xapian's synonym table in two hops, so no
// name list is duplicated and records that share any name share a concept:
//
//   ConceptKey(name) -> "#<record id>"       (one entry per name)
//   "#<record id>"   -> the name as written (one entry per name)
//
// A query span whose ConceptKey is found expands to every name of every
// concept it names: "SLE" -> #disease:nando:2200416 -> 全身性エリテマトーデス,
// Systemic lupus erythematosus, ... which also finds 1200272, the other
// record of that disease, which does not list "SLE".
//
// Spelling data ("did you mean"): the CJK runs and English words of titles
// and concept names, as Xapian spelling entries.
//
// Replacing or removing a record takes its old names out of both tables
// (ExpansionWriter::Remove), so renamed or hidden records leave none behind.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "schema/analyzer.h"
#include "schema/record.h"

namespace Xapian { class WritableDatabase; }

namespace seedgraph {

// The names of the concept a record stands for, as written (may be empty:
// only disease records are concepts today).
std::vector<std::string> ConceptNames(const Record& record);

// The synonym-table key of a concept ("#" + record id).
std::string ConceptTag(const std::string& record_id);

// Writes what records contribute to the synonym and spelling tables.
// Synonyms go straight to the database; spelling changes are summed per word
// and written by Flush() (call it before each commit), because Xapian's
// add_spelling() costs a table lookup per call and title words repeat across
// a batch.  The net effect equals calling add_/remove_spelling in order.
class ExpansionWriter {
 public:
  // Adds the record's concept names (synonym table) and its title / name
  // words (spelling table).  Xapian errors propagate (the caller reports).
  void Add(const Record& record, const Analyzer& analyzer, Xapian::WritableDatabase* db);
  // Takes back exactly what Add() added for `record` (the version being
  // replaced or removed).
  void Remove(const Record& record, const Analyzer& analyzer, Xapian::WritableDatabase* db);
  // Writes the buffered spelling changes.
  void Flush(Xapian::WritableDatabase* db);

 private:
  std::unordered_map<std::string, int> pending_spellings_;
};

}  // namespace seedgraph
