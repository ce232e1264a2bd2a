// The one text analyzer of seedgraph, shared by indexing and querying.
//
// Indexing (indexer/) and query building (query/) both turn text into
// Segments with this class and derive their terms from the Segments with the
// functions of index_layout.h, so a query can never disagree with the index
// about what a word is.
//
// Pipeline:
//   1. Normalize: ICU NFKC + case folding (full/half width letters and
//      katakana, Ⅰ→i, ㈱→(株), compatibility characters), then a few folds
//      ICU does not do (wave dash / tilde variants).
//   2. Segment: ICU word break iteration over the normalized text.
//      Latin/digit words become kWord segments (with an English stem).
//      Maximal runs of Han/Hiragana/Katakana (with ー 々 〆 ヵ ヶ) become one kCjk
//      segment each, whatever ICU's dictionary said inside the run; the
//      dictionary words of the run are kept in `words` for ranking.
//   3. CJK runs are indexed as overlapping character bigrams (the indexer
//      also adds the run's last character alone, see indexer.cpp), so any
//      part of a compound finds the whole: 筋萎縮 -> [筋萎, 萎縮] is a phrase
//      inside 脊髄性筋萎縮症.
//
// Thread-safety: an Analyzer is immutable after construction; Analyze() and
// Normalize() may be called from many threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seedgraph {

enum class SegmentKind {
  kWord,  // a Latin/digit (or other alphabetic script) word
  kCjk,   // a maximal run of Han / Hiragana / Katakana characters
};

struct Segment {
  SegmentKind kind = SegmentKind::kWord;
  // The normalized surface form: "muscular", "脊髄性筋萎縮症".
  std::string text;
  // kWord: the English (Porter2) stem of `text` ("muscular" -> "muscular",
  // "atrophies" -> "atrophi"); equal to `text` for digits.  Empty for kCjk.
  std::string stem;
  // kCjk: the overlapping character bigrams of `text` in order
  // ("筋萎縮" -> {"筋萎", "萎縮"}); a one-character run gives {that char}.
  std::vector<std::string> grams;
  // kCjk: ICU dictionary words of the run with two or more characters
  // (ICU 72: "脊髄性筋萎縮症" -> {"脊髄", "萎縮"}); may be empty.
  std::vector<std::string> words;
};

struct AnalyzerOptions {
  // Text beyond this many bytes is ignored (records are validated to 1 MiB
  // per field; queries are limited much lower by the web layer).
  size_t max_bytes = 1 << 20;
};

class Analyzer {
 public:
  explicit Analyzer(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // NFKC + case fold (+ the extra folds above).  Invalid UTF-8 sequences are
  // replaced by U+FFFD rather than failing: callers validate input earlier.
  std::string Normalize(std::string_view text) const;

  // Normalize, then segment.  Punctuation and spaces produce no segment.
  std::vector<Segment> Analyze(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Characters (code points) of valid UTF-8 text: bytes that are not
// continuation bytes.
inline size_t CharCount(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace seedgraph
