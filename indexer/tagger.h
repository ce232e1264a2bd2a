// Vocabulary tagging: derive `disease_areas` and `modalities` (CONTRACT.md §1)
// for records that lack them, from the term dictionary data/vocab/tags.tsv
// (built by scripts/build-tag-dictionary.py from NANDO, the DPC ICD-10 table,
// MeSH, MedDic and hand-kept terms).
//
// Matching runs on Analyzer::Normalize output (NFKC + case fold), so ＡＡＶ,
// ｉＰＳ and ﾜｸﾁﾝ match aav, ips and ワクチン.  Two kinds of terms:
//   - terms with a CJK character match as substrings (肺癌 inside 非小細胞肺癌);
//     the dictionary is indexed by its first two code points, so each text
//     position costs one hash lookup.  A Latin letter at either end of such
//     a term must sit at a word boundary (ips細胞 does not match chips細胞).
//   - Latin terms match whole words (word n-grams up to the longest term), with
//     a light plural fold (tumors = tumor, antibodies = antibody), so "ai"
//     never matches inside "domain".
// Given codes are never overwritten: each field is derived only when it is
// empty.  Every derived code keeps the term and dictionary source that gave
// it, in attrs.derived_tags.
//
// Thread-safety: a loaded Tagger is immutable; Tag() may run on many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "schema/analyzer.h"
#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

struct TaggerOptions {
  // Only the start of `text` is read: the title and the first sentences
  // say what a record is about, and the cost stays flat for long abstracts.
  size_t text_bytes = 2000;
  // Record types that are never tagged: an entity's name is not topic text
  // (a company called "…デバイス" is not device research).
  // An outcome (the agency's outcome records) is about its topic: it gets
  // no codes of its own.
  std::vector<std::string> skip_types = {"person", "organization", "company", "outcome"};
  // Record types that get disease areas only: a disease has no modality, and
  // in its description 抗体 is an autoantibody, カテーテル a treatment detail.
  std::vector<std::string> area_only_types = {"disease"};
};

struct DerivedTag {
  std::string field;  // "disease_areas" or "modalities"
  std::string code;
  std::string term;    // the dictionary term that matched
  std::string source;  // e.g. "NANDO:1200001", "ICD-10 C34 (DPC)", "hand"
};

class Tagger {
 public:
  // Reads `term \t field \t code \t source` lines ('#' starts a comment).
  // Fails on a missing file, a malformed line or a code the vocabularies do
  // not know, naming file and line.
  static Result<Tagger> Load(const std::string& tsv_path, const Analyzer& analyzer,
                             const TaggerOptions& options = {});

  // The tags `normalized` text (Analyzer::Normalize output) yields: one per
  // (field, code), the longest matching term winning, in vocabulary order.
  std::vector<DerivedTag> Match(std::string_view normalized) const;

  // Fills the record's empty disease_areas / modalities and records
  // attrs.derived_tags.  Returns how many codes were added.
  size_t Tag(Record* record, const Analyzer& analyzer) const;

  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string term;    // as written in the dictionary (quoted in attrs)
    std::string norm;    // normalised: what is compared
    uint8_t field = 0;   // 0 disease_areas, 1 modalities
    uint8_t code = 0;    // index into the field's vocabulary
    bool ends_word = false;  // substring term whose last character is Latin/digit
    std::string source;
  };

  Status AddEntry(Entry entry);
  void MatchSubstrings(std::string_view text, std::vector<uint32_t>* hits) const;
  void MatchWords(std::string_view text, std::vector<uint32_t>* hits) const;

  TaggerOptions options_;
  std::vector<Entry> entries_;
  // Substring terms by their first two code points (a << 32 | b); terms of a
  // single code point (癌, 歯) by that code point.
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_pair_;
  // A 64K-bit filter over by_pair_'s keys: most text positions (particles,
  // kana endings) start no term, and one L1-resident bit test is several
  // times cheaper than a hash-table probe.
  std::vector<uint64_t> pair_filter_ = std::vector<uint64_t>(1024, 0);
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_char_;
  // Word terms by their folded words joined with ' '; first words gate the
  // n-gram lookups.
  std::unordered_map<std::string, std::vector<uint32_t>> by_words_;
  std::unordered_set<std::string> first_words_;
  size_t max_words_ = 0;
};

}  // namespace seedgraph
