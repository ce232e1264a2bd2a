// Synonym and spelling data written at index time, read by query/expand.h.
//
// A record that stands for a concept (a disease: NANDO / MHLW names) gives
// the names it is known by: titles ja/en, the hiragana reading and the
// synonyms.  They are stored in Xapian's synonym table in two hops, so no
// name list is duplicated and records that share any name share a concept:
//
//   ConceptKey(name) -> "#<record id>"       (one entry per name)
//   "#<record id>"   -> normalized name      (one entry per name)
//
// A query span whose ConceptKey is found expands to every name of every
// concept it names: "SLE" -> #disease:nando:2200416 -> 全身性エリテマトーデス,
// Systemic lupus erythematosus, ... which also finds 1200272, the other
// record of that disease, which does not list "SLE".
//
// Spelling data ("did you mean"): the CJK runs and English words of titles
// and concept names, as Xapian spelling entries.
//
// Both tables only grow: re-ingesting a record adds its names again (they
// are sets, so nothing doubles) and a removed record's names stay until the
// index is rebuilt, which can only add a harmless alternative.
#pragma once

#include <string>
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

// Adds the record's concept names (synonym table) and its title / name
// words (spelling table).  Xapian errors propagate (the caller reports).
void AddSynonymsAndSpellings(const Record& record, const Analyzer& analyzer, Xapian::WritableDatabase* db);

// Takes back exactly what AddSynonymsAndSpellings added for `record` (the
// version being replaced or removed), so renamed or hidden records leave no
// names behind in the synonym and spelling tables.
void RemoveSynonymsAndSpellings(const Record& record, const Analyzer& analyzer, Xapian::WritableDatabase* db);

}  // namespace seedgraph
