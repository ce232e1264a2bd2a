#include "query/expand.h"

#include "query/index_view.h"

#include "query/store.h"

#include <algorithm>
#include <set>

#include "schema/index_layout.h"
#include "schema/variants.h"

namespace seedgraph {
namespace {

// Bounds that keep an expanded query small: variants tried per run and
// kept, segments in a concept span, names per concept span.
constexpr size_t kMaxVariantCandidates = 48;
constexpr size_t kMaxVariantsKept = 6;
constexpr size_t kMaxRunChars = 32;
constexpr size_t kMaxSpanSegments = 8;
constexpr size_t kMaxConceptNames = 24;

// "PD", "MS", "KAS", "MELAS", "AI": as an *alternative* an acronym matches
// records about other things; as a query it still finds its concept.
// Names are stored as written, so "cancer" and "tumor" are words, not
// acronyms (a name written in lower case only is taken as a word).
bool IsShortAcronym(const std::string& name) {
  if (name.size() > 6) return false;
  int upper = 0;
  for (unsigned char c : name) {
    if (c >= 0x80 || c == ' ') return false;
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 2 || (upper == 1 && name.size() <= 3);
}

}  // namespace

namespace {

constexpr std::string_view kGramFields[] = {prefix::kText, prefix::kReading};

// In the text, or (kana) in the readings of names (index_layout.h, R):
// every gram of the segment in one of the two fields, by known frequencies.
bool GramsIn(const Segment& seg, const std::unordered_map<std::string, Xapian::doccount>& freqs) {
  for (std::string_view field : kGramFields) {
    bool all = !seg.grams.empty();
    for (const auto& g : seg.grams) {
      auto it = freqs.find(TextTerm(field, g));
      all = all && it != freqs.end() && it->second > 0;
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

bool QueryExpander::GramsExist(const Segment& seg) const {
  for (std::string_view field : kGramFields) {
    bool all = !seg.grams.empty();
    for (const auto& g : seg.grams) all = all && db_.term_exists(TextTerm(field, g));
    if (all) return true;
  }
  return false;
}

std::vector<std::vector<Segment>> QueryExpander::Variants(const Segment& seg) const {
  std::vector<std::vector<Segment>> out;
  const size_t chars = CharCount(seg.text);
  if (seg.kind != SegmentKind::kCjk || chars < 2 || chars > kMaxRunChars) return out;
  if (!remote_) {  // locally each lookup is cheap: stop at the first missing gram
    for (const std::string& v : OrthographicVariants(seg.text, kMaxVariantCandidates)) {
      std::vector<Segment> segs = analyzer_.Analyze(v);
      bool ok = !segs.empty();
      for (const Segment& s : segs) ok = ok && (s.kind == SegmentKind::kWord || GramsExist(s));
      if (!ok) continue;
      out.push_back(std::move(segs));
      if (out.size() >= kMaxVariantsKept) break;
    }
    return out;
  }
  // Remote shards: every candidate's grams looked up at once (a round trip
  // per shard, not per gram and shard).
  std::vector<std::vector<Segment>> candidates;
  std::vector<std::string> terms;
  for (const std::string& v : OrthographicVariants(seg.text, kMaxVariantCandidates)) {
    candidates.push_back(analyzer_.Analyze(v));
    for (const Segment& s : candidates.back()) {
      if (s.kind == SegmentKind::kWord) continue;
      for (std::string_view field : kGramFields) {
        for (const auto& g : s.grams) terms.push_back(TextTerm(field, g));
      }
    }
  }
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  const auto freqs = TermFreqs(db_, terms, remote_);
  for (std::vector<Segment>& segs : candidates) {
    bool ok = !segs.empty();
    for (const Segment& s : segs) ok = ok && (s.kind == SegmentKind::kWord || GramsIn(s, freqs));
    if (!ok) continue;
    out.push_back(std::move(segs));
    if (out.size() >= kMaxVariantsKept) break;
  }
  return out;
}

std::vector<std::string> QueryExpander::NamesOfKey(const std::string& key) const {
  std::vector<std::string> names;
  if (key.empty()) return names;
  std::set<std::string> seen;
  std::vector<std::string> tags;
  for (const std::string& c : SynonymsOf(key)) {
    if (ConceptVisible(c)) tags.push_back(c);
  }
  // The reviewed hand list first, then records' own names, then the
  // dictionaries: when names are capped, the best ones are kept.
  auto rank = [](const std::string& t) { return t.rfind("@hand:", 0) == 0 ? 0 : t[0] == '#' ? 1 : 2; };
  std::stable_sort(tags.begin(), tags.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  for (const std::string& tag : tags) {
    for (const std::string& n : SynonymsOf(tag)) {
      if (seen.insert(n).second) names.push_back(n);
    }
  }
  return names;
}

// A concept tag is "#<record id>" (indexer/synonyms.cpp).  Its names expand
// a query only when the caller may see that record; a record no longer
// indexed leaves no concept.
bool QueryExpander::ConceptVisible(const std::string& tag) const {
  if (!tag.empty() && tag[0] == '@') return true;  // a lexicon concept belongs to no record
  if (tag.empty() || tag[0] != '#') return false;
  const Xapian::docid did = FindDocid(db_, tag.substr(1));
  return did != 0 && MayView(role_, db_.get_document(did).get_value(kSlotVisibility));
}

QueryExpander::ConceptSpan QueryExpander::FindConcept(const std::vector<Segment>& segments, size_t begin) const {
  ConceptSpan span;
  span.end = begin + 1;
  const size_t last = std::min(segments.size(), begin + kMaxSpanSegments);
  for (size_t end = last; end > begin; --end) {
    const std::string key = ConceptKey(segments, begin, end);
    std::vector<std::string> names = NamesOfKey(key);
    if (names.empty()) continue;
    span.end = end;
    std::set<std::string> keys = {key};
    for (const std::string& name : names) {
      if (span.names.size() >= kMaxConceptNames) break;
      if (IsShortAcronym(name)) continue;
      std::vector<Segment> segs = analyzer_.Analyze(name);
      // One alternative per spelling class: "Behcet disease" and
      // "Behcet's disease" are the same query.
      if (segs.empty() || !keys.insert(ConceptKey(segs, 0, segs.size())).second) continue;
      span.names.push_back(name);
      span.analysed.push_back(std::move(segs));
    }
    return span;
  }
  return span;
}

bool QueryExpander::PhraseOccurs(const Segment& seg) const {
  if (!GramsExist(seg)) return false;
  if (seg.grams.size() == 1) return true;
  std::vector<Xapian::Query> grams;
  for (const auto& g : seg.grams) grams.emplace_back(TextTerm(prefix::kText, g));
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, grams.begin(), grams.end(), grams.size()));
  return !enquire.get_mset(0, 1).empty();
}

namespace {

// The spelling frequency of `word` in one database (0: not a spelling
// word).  Xapian 1.4 has no lookup for it; the spelling list is sorted, so
// one skip_to answers it.
Xapian::doccount SpellingFrequency(const Xapian::Database& db, const std::string& word) {
  Xapian::TermIterator it = db.spellings_begin();
  it.skip_to(word);
  return it != db.spellings_end() && *it == word ? it.get_termfreq() : 0;
}

// Levenshtein distance over code points.
size_t EditDistance(const std::string& a, const std::string& b) {
  auto points = [](const std::string& s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      uint32_t cp = 0;
      for (size_t k = 0; k < n && i + k < s.size(); ++k) cp = (cp << 8) | static_cast<unsigned char>(s[i + k]);
      out.push_back(cp);
      i += n;
    }
    return out;
  };
  const std::vector<uint32_t> x = points(a), y = points(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

}  // namespace

bool QueryExpander::IsSpellingWord(const std::string& word) const {
  for (const Xapian::Database& part : parts_) {
    if (SpellingFrequency(part, word) > 0) return true;
  }
  return false;
}

// Xapian 1.4.22 merges the synonym and spelling lists of a combination of
// databases itself, and with three or more a spelling suggestion can come
// out empty that one of them alone makes (seen on the demo corpus in three
// shards: "parkinsn" got nothing, shard 0 alone "parkinson").  So each
// database is asked on its own and the answers are merged here: synonyms as
// a union, spellings by edit distance, then frequency summed over all.
std::vector<std::string> QueryExpander::SynonymsOf(const std::string& term) const {
  std::set<std::string> merged;
  for (const Xapian::Database& part : parts_) {
    for (auto s = part.synonyms_begin(term); s != part.synonyms_end(term); ++s) merged.insert(*s);
  }
  return std::vector<std::string>(merged.begin(), merged.end());
}

std::string QueryExpander::Spelling(const std::string& word, unsigned max_distance) const {
  if (parts_.size() == 1) return parts_.front().get_spelling_suggestion(word, max_distance);
  std::set<std::string> candidates;
  for (const Xapian::Database& part : parts_) {
    std::string s = part.get_spelling_suggestion(word, max_distance);
    if (!s.empty()) candidates.insert(std::move(s));
  }
  std::string best;
  size_t best_distance = 0;
  Xapian::doccount best_freq = 0;
  for (const std::string& c : candidates) {
    const size_t distance = EditDistance(word, c);
    Xapian::doccount freq = 0;
    for (const Xapian::Database& part : parts_) freq += SpellingFrequency(part, c);
    if (best.empty() || distance < best_distance || (distance == best_distance && freq > best_freq)) {
      best = c;
      best_distance = distance;
      best_freq = freq;
    }
  }
  return best;
}

std::string QueryExpander::Suggest(const std::string& text) const {
  std::string out;
  bool changed = false;
  for (const Segment& seg : analyzer_.Analyze(text)) {
    std::string word = seg.text;
    const size_t chars = CharCount(word);
    // A title/name word is right as typed; so is a word that occurs in
    // two records or more, or a CJK run found somewhere.  A word seen once
    // is often itself a typo in the data ("Myastenia gravis" in a trial).
    const bool known = IsSpellingWord(word) ||
                       (seg.kind == SegmentKind::kWord ? db_.get_termfreq(TextTerm(prefix::kText, word)) >= 2
                                                       : PhraseOccurs(seg));
    if (!known && chars >= 3) {
      std::string s = Spelling(word, chars <= 4 ? 1 : 2);
      if (!s.empty() && s != word) {
        word = s;
        changed = true;
      }
    }
    if (!out.empty()) out += ' ';
    out += word;
  }
  return changed ? out : std::string();
}

}  // namespace seedgraph
