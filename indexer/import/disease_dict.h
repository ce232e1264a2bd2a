// A phrase dictionary of disease names, for linking free-text conditions
// (ICTRP's "Condition" column) to disease records.
//
// It is built only from vocabulary files the user names on the command line
// (`seedgraph index --format ictrp trials.csv nando.ttl 2017MeshTree.txt`):
// NANDO (nando.ttl, nanbyo.json, shoman.json: labels and synonyms in
// English and Japanese, read through ImportNando so NANDO is parsed in one
// place) and the MeSH tree file (descriptors under C "Diseases" and F03
// "Mental Disorders").  A NANDO name wins over the same MeSH name: the
// NANDO record is the richer one in this index.
//
// Matching is conservative and explainable: a name matches only as a whole
// run of words (Latin text, case, accents and plural -s ignored; MeSH's
// inverted "Pneumonia, Viral" also as "viral pneumonia"), or as a substring
// for Han/kana names; the longest name at a position wins, so "Coronavirus
// Infections" is found rather than "Infections".  Names shorter than four
// characters (ALS, MS) are not used: as bare words they are too ambiguous.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/import/importer.h"

namespace seedgraph {

struct DiseaseEntry {
  std::string id;     // "disease:nando:1200855" or "disease:mesh:D018352"
  std::string label;  // the record's title (English if any)
  std::string source; // "NANDO" or "MeSH"
  std::vector<std::string> areas;  // CONTRACT disease_areas of the disease
  std::vector<std::string> trees;  // MeSH tree numbers
};

struct DiseaseMatch {
  const DiseaseEntry* entry;
  std::string matched;  // the name as found in the text (normalised)
};

class DiseaseDictionary {
 public:
  // True for the file names Load() understands.
  static bool IsVocabularyFile(const std::string& path);

  // Reads the vocabulary files; their problems go to `sink` as rejections.
  // Fails only when a file cannot be read.
  Status Load(const std::vector<std::string>& files, RecordSink* sink);

  bool empty() const { return entries_.empty(); }
  std::vector<DiseaseMatch> Find(const std::string& text) const;

 private:
  void AddName(const std::string& name, size_t entry);
  Status LoadMesh(const std::string& file, RecordSink* sink);

  std::vector<DiseaseEntry> entries_;
  std::unordered_map<std::string, size_t> latin_;              // word-run key -> entry
  std::vector<std::pair<std::string, size_t>> cjk_;            // Han/kana key -> entry
  std::unordered_map<std::string, size_t> mesh_ui_;            // D-number -> entry
  size_t max_words_ = 1;
};

}  // namespace seedgraph
