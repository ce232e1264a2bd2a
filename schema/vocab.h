// The controlled vocabularies of CONTRACT.md §1, with Japanese and English
// labels for the UI and for facet display.
//
// A vocabulary is a small, fixed table; lookups are linear scans over a
// handful of entries, which is faster than any map at this size.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seedgraph {

struct VocabEntry {
  const char* code;
  const char* ja;
  const char* en;
};

struct Vocabulary {
  const char* name;  // the record field it governs, e.g. "disease_areas"
  std::vector<VocabEntry> entries;

  bool Contains(std::string_view code) const;
  // nullptr when the code is unknown.
  const VocabEntry* Find(std::string_view code) const;
  // "a, b, c": for error messages that list what is allowed.
  std::string CodeList() const;
};

const Vocabulary& RecordTypes();
const Vocabulary& Projects();
const Vocabulary& DiseaseAreas();
const Vocabulary& Modalities();
const Vocabulary& Stages();
const Vocabulary& Relations();
const Vocabulary& Visibilities();

// The rank of a visibility level: public 0 < internal 1 < restricted 2.
// -1 for an unknown level.
int VisibilityRank(std::string_view visibility);

}  // namespace seedgraph
