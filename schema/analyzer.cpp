// See analyzer.h for the contract and the pipeline.
#include "schema/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <xapian.h>

#include <algorithm>
#include <climits>
#include <stdexcept>
#include <utility>

namespace seedgraph {
namespace {

// Han / Hiragana / Katakana, plus the marks that live inside Japanese words
// but whose Script property is Common (ー) or that we want regardless of
// version quirks (々 〆 ヵ ヶ).
bool IsCjk(UChar32 c) {
  if (c < 0x2E80) return false;  // fast path: Latin, digits, punctuation
  if (c == 0x30FC || c == 0x3005 || c == 0x3006 || c == 0x30F5 ||
      c == 0x30F6) {
    return true;
  }
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status)) return false;
  return script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
         script == USCRIPT_KATAKANA;
}

// NFKC maps U+FF5E to "~" but leaves the wave dash alone, and Japanese text
// uses both (and ∼) for ranges ("1〜3年"); fold them so queries match.
void FoldTildes(icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); ++i) {
    char16_t c = s.charAt(i);
    if (c == 0x301C || c == 0xFF5E || c == 0x223C) s.setCharAt(i, u'~');
  }
}

// Length of the longest prefix of `text` of at most `max_bytes` bytes that
// does not end inside a UTF-8 sequence (so truncation never manufactures a
// U+FFFD).  Capped at INT32_MAX because ICU lengths are int32_t.
size_t TruncatedLength(std::string_view text, size_t max_bytes) {
  size_t limit = std::min<size_t>(max_bytes, INT32_MAX);
  if (text.size() <= limit) return text.size();
  size_t cut = limit;
  // At most 3 continuation bytes can follow a lead byte; beyond that the
  // input is invalid anyway and fromUTF8 will substitute.
  for (int i = 0; i < 3 && cut > 0; ++i) {
    if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80) break;
    --cut;
  }
  return cut;
}

bool HasAsciiLetter(const std::string& s) {
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  }
  return false;
}

// Overlapping code-point bigrams of valid UTF-8 `run`; {run} for one char.
std::vector<std::string> Bigrams(const std::string& run) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < run.size(); ++i) {
    if ((static_cast<unsigned char>(run[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  std::vector<std::string> grams;
  if (starts.size() <= 1) {
    if (!run.empty()) grams.push_back(run);
    return grams;
  }
  starts.push_back(run.size());
  grams.reserve(starts.size() - 2);
  for (size_t i = 0; i + 2 < starts.size(); ++i) {
    grams.emplace_back(run, starts[i], starts[i + 2] - starts[i]);
  }
  return grams;
}

// Turns the word-break tokens of one normalized text into Segments.  CJK
// pieces are glued into maximal runs by UTF-16 adjacency: anything between
// two pieces (a space, ・, a Latin word) was not CJK, so it ends the run.
class SegmentBuilder {
 public:
  explicit SegmentBuilder(const icu::UnicodeString& text) : text_(text) {}

  // One token [start, end) of the break iterator with its rule status.
  void AddToken(int32_t start, int32_t end, int32_t rule_status) {
    const bool is_word = rule_status >= UBRK_WORD_NONE_LIMIT;
    // Split where the token changes between CJK and non-CJK ("ips細胞"),
    // in case ICU ever keeps such a token together.
    int32_t piece_start = start;
    bool piece_cjk = false;
    for (int32_t i = start; i < end;) {
      UChar32 c = text_.char32At(i);
      bool cjk = IsCjk(c);
      if (i == start) {
        piece_cjk = cjk;
      } else if (cjk != piece_cjk) {
        AddPiece(piece_start, i, piece_cjk, is_word);
        piece_start = i;
        piece_cjk = cjk;
      }
      i += U16_LENGTH(c);
    }
    if (piece_start < end) AddPiece(piece_start, end, piece_cjk, is_word);
  }

  std::vector<Segment> Finish() {
    FlushRun();
    return std::move(segments_);
  }

 private:
  void AddPiece(int32_t start, int32_t end, bool cjk, bool is_word) {
    if (cjk) {
      // A CJK character always belongs to the run, even when ICU gives it
      // no word status (a lone 々 has status NONE).
      if (start != run_end_) FlushRun();
      if (run_start_ < 0) run_start_ = start;
      run_end_ = end;
      if (is_word && text_.countChar32(start, end - start) >= 2) {
        run_words_.push_back(Utf8(start, end));
      }
      return;
    }
    if (!is_word) return;  // spaces, punctuation; the gap ends any run
    FlushRun();
    Segment seg;
    seg.kind = SegmentKind::kWord;
    seg.text = Utf8(start, end);
    seg.stem = HasAsciiLetter(seg.text) ? Stem(seg.text) : seg.text;
    segments_.push_back(std::move(seg));
  }

  void FlushRun() {
    if (run_start_ < 0) return;
    Segment seg;
    seg.kind = SegmentKind::kCjk;
    seg.text = Utf8(run_start_, run_end_);
    seg.grams = Bigrams(seg.text);
    seg.words = std::move(run_words_);
    segments_.push_back(std::move(seg));
    run_words_.clear();
    run_start_ = run_end_ = -1;
  }

  std::string Utf8(int32_t start, int32_t end) const {
    std::string out;
    text_.tempSubStringBetween(start, end).toUTF8String(out);
    return out;
  }

  // Xapian::Stem keeps per-call state in its implementation, so it cannot
  // be shared across threads; one per builder (= per Analyze call), made
  // only when a Latin word shows up.
  std::string Stem(const std::string& word) {
    if (stemmer_.is_none()) stemmer_ = Xapian::Stem("english");
    return stemmer_(word);
  }

  const icu::UnicodeString& text_;
  std::vector<Segment> segments_;
  int32_t run_start_ = -1;
  int32_t run_end_ = -1;
  std::vector<std::string> run_words_;
  Xapian::Stem stemmer_;  // default-constructed = none
};

}  // namespace

struct Analyzer::Impl {
  AnalyzerOptions options;
  const icu::Normalizer2* nfkc_cf = nullptr;  // ICU singleton, thread-safe
  // Never used directly: BreakIterator is stateful, so each call clones it.
  std::unique_ptr<icu::BreakIterator> word_breaker;

  icu::UnicodeString NormalizeToUnicode(std::string_view text) const;
};

icu::UnicodeString Analyzer::Impl::NormalizeToUnicode(
    std::string_view text) const {
  size_t len = TruncatedLength(text, options.max_bytes);
  // fromUTF8 replaces ill-formed sequences with U+FFFD.
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(len)));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = nfkc_cf->normalize(in, status);
  // Only possible on allocation failure; un-normalized text beats a throw.
  if (U_FAILURE(status)) out = std::move(in);
  FoldTildes(out);
  return out;
}

Analyzer::Analyzer(const AnalyzerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  UErrorCode status = U_ZERO_ERROR;
  impl_->nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || impl_->nfkc_cf == nullptr) {
    throw std::runtime_error(std::string("ICU NFKC_Casefold unavailable: ") +
                             u_errorName(status));
  }
  status = U_ZERO_ERROR;
  impl_->word_breaker.reset(icu::BreakIterator::createWordInstance(
      icu::Locale::getJapanese(), status));
  if (U_FAILURE(status) || !impl_->word_breaker) {
    throw std::runtime_error(std::string("ICU word break iterator: ") +
                             u_errorName(status));
  }
}

Analyzer::~Analyzer() = default;

std::string Analyzer::Normalize(std::string_view text) const {
  std::string out;
  impl_->NormalizeToUnicode(text).toUTF8String(out);
  return out;
}

std::vector<Segment> Analyzer::Analyze(std::string_view text) const {
  const icu::UnicodeString normalized = impl_->NormalizeToUnicode(text);
  if (normalized.isEmpty()) return {};
  // clone() is const and only reads the prototype, so concurrent clones are
  // safe; the clone is ours alone.
  std::unique_ptr<icu::BreakIterator> breaker(impl_->word_breaker->clone());
  if (!breaker) return {};  // out of memory inside ICU; no throwing here
  breaker->setText(normalized);  // keeps a reference: normalized outlives it

  SegmentBuilder builder(normalized);
  int32_t start = breaker->first();
  for (int32_t end = breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker->next()) {
    builder.AddToken(start, end, breaker->getRuleStatus());
  }
  return builder.Finish();
}

}  // namespace seedgraph
