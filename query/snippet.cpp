#include "query/snippet.h"

#include <algorithm>
#include <cstdint>

namespace seedgraph {
namespace {

// Only the head of a very long text is scanned for matches.
constexpr size_t kMaxScanBytes = 64 * 1024;

// The head of a long text, cut at a character boundary (half a UTF-8
// sequence would make the JSON answer invalid).
std::string_view Head(std::string_view text) {
  if (text.size() <= kMaxScanBytes) return text;
  size_t n = kMaxScanBytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;  // a stray byte: one "character"
}

// Kana and CJK ideographs are their own NFKC case fold: skipping ICU for
// them makes a Japanese snippet several times cheaper (bench profile).
bool FoldsToItself(std::string_view c) {
  if (c.size() != 3) return false;
  const unsigned char b0 = c[0], b1 = c[1], b2 = c[2];
  const uint32_t cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
         (cp >= 0x4E00 && cp <= 0x9FFF);
}

// The text cut into code points, each with its normalised form, so a match
// found in the normalised text maps back to original characters.
struct MappedText {
  std::vector<std::string> chars;   // original code points
  std::string normalized;           // concatenation of their normal forms
  std::vector<size_t> owner;        // byte of `normalized` -> index in chars
};

MappedText MapText(const Analyzer& analyzer, std::string_view text) {
  MappedText m;
  text = Head(text);
  for (size_t i = 0; i < text.size();) {
    size_t n = std::min(Utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
    std::string c(text.substr(i, n));
    unsigned char b = static_cast<unsigned char>(c[0]);
    // ASCII needs no ICU round trip: only case folding applies.
    std::string norm = b < 0x80          ? std::string(1, static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b))
                       : FoldsToItself(c) ? c
                                          : analyzer.Normalize(c);
    m.normalized += norm;
    m.owner.insert(m.owner.end(), norm.size(), m.chars.size());
    m.chars.push_back(std::move(c));
    i += n;
  }
  return m;
}

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::vector<std::pair<std::string, bool>> Needles(const std::vector<Segment>& query) {
  std::vector<std::pair<std::string, bool>> needles;  // (text, is a word)
  for (const auto& seg : query) {
    const bool word = seg.kind == SegmentKind::kWord;
    needles.emplace_back(seg.text, word);
    if (word && seg.stem.size() >= 3 && seg.stem != seg.text) needles.emplace_back(seg.stem, true);
  }
  return needles;
}

// Matches as [first, last) ranges of character indexes, sorted, merged.
std::vector<std::pair<size_t, size_t>> FindMatches(const MappedText& m, const std::vector<Segment>& query) {
  std::vector<std::pair<size_t, size_t>> ranges;
  for (const auto& [needle, word] : Needles(query)) {
    if (needle.empty()) continue;
    for (size_t at = m.normalized.find(needle); at != std::string::npos; at = m.normalized.find(needle, at + 1)) {
      // A word matches at a word start only: "iga" must not mark "ligament".
      if (word && at > 0 && IsAsciiAlnum(m.normalized[at - 1])) continue;
      // A word (or stem) marks the whole word it starts: "atrophi" marks
      // all of "atrophies", not a fragment of it.
      size_t end = at + needle.size();
      while (word && end < m.normalized.size() && IsAsciiAlnum(m.normalized[end])) ++end;
      ranges.emplace_back(m.owner[at], m.owner[end - 1] + 1);
    }
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

void AppendEscaped(const std::string& c, std::string* out) {
  if (c == "&") *out += "&amp;";
  else if (c == "<") *out += "&lt;";
  else if (c == ">") *out += "&gt;";
  else if (c == "\"") *out += "&quot;";
  else if (c == "'") *out += "&#39;";
  else if (c == "\n" || c == "\r" || c == "\t") *out += ' ';
  else *out += c;
}

}  // namespace

bool SnippetMatches(const Analyzer& analyzer, const std::string& text, const std::vector<Segment>& query) {
  if (text.empty() || query.empty()) return false;
  const std::string norm = analyzer.Normalize(Head(text));
  for (const auto& [needle, word] : Needles(query)) {
    if (!needle.empty() && norm.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string MakeSnippet(const Analyzer& analyzer, const std::string& text, const std::vector<Segment>& query,
                        const SnippetOptions& options) {
  if (text.empty()) return "";
  const MappedText m = MapText(analyzer, text);
  const auto matches = FindMatches(m, query);
  size_t start = 0;
  if (!matches.empty() && matches.front().first > options.max_chars / 4) {
    start = matches.front().first - options.max_chars / 4;
  }
  const size_t end = std::min(m.chars.size(), start + options.max_chars);
  std::string out;
  if (start > 0) out += "…";
  size_t next = 0;  // index into matches
  for (size_t i = start; i < end; ++i) {
    while (next < matches.size() && matches[next].second <= i) ++next;
    const bool in_match = next < matches.size() && matches[next].first <= i;
    if (in_match && (i == start || matches[next].first == i)) out += options.open;
    AppendEscaped(m.chars[i], &out);
    if (in_match && (i + 1 == matches[next].second || i + 1 == end)) out += options.close;
  }
  if (end < m.chars.size() || text.size() > kMaxScanBytes) out += "…";
  return out;
}

}  // namespace seedgraph
