#include "schema/index_layout.h"

#include <cstdint>
#include <cstdio>

#include "schema/hash.h"

namespace seedgraph {
namespace {

constexpr size_t kMaxTermBytes = 245;  // Xapian's limit for a term

}  // namespace

std::string MakeTerm(std::string_view prefix, std::string_view body) {
  std::string term;
  if (prefix.size() + body.size() <= kMaxTermBytes) {
    term.reserve(prefix.size() + body.size());
    term.append(prefix).append(body);
    return term;
  }
  // Keep a readable head, cut at a UTF-8 character boundary, then "#hash".
  size_t keep = kMaxTermBytes - prefix.size() - 17;
  while (keep > 0 && (static_cast<unsigned char>(body[keep]) & 0xC0) == 0x80) --keep;
  char hash[18];
  std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(Fnv1a64(body)));
  term.append(prefix).append(body.substr(0, keep)).append(hash);
  return term;
}

std::string ExactKey(const Analyzer& analyzer, std::string_view name) {
  std::string key;
  for (const Segment& seg : analyzer.Analyze(name)) key += seg.text;
  return key;
}

}  // namespace seedgraph

namespace seedgraph {
namespace {

// The code point of the UTF-8 sequence at s[i] (advancing i), for the
// katakana block check; anything malformed counts as not katakana.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) return static_cast<char32_t>(s[(*i)++]);
  const size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (*i + n > s.size()) {
    *i = s.size();
    return 0;
  }
  char32_t cp = b0 & (0x3F >> (n - 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += n;
  return cp;
}

bool IsKatakana(char32_t cp) { return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FD || cp == 0x30FE; }

}  // namespace

std::vector<std::string> KatakanaRuns(std::string_view text) {
  std::vector<std::string> runs;
  size_t start = std::string_view::npos;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const bool kana = IsKatakana(NextCodePoint(text, &i));
    if (kana && start == std::string_view::npos) start = at;
    if (!kana && start != std::string_view::npos) {
      runs.emplace_back(text.substr(start, at - start));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) runs.emplace_back(text.substr(start));
  return runs;
}

bool IsKanaOnly(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = NextCodePoint(text, &i);
    if (!IsKatakana(cp) && !(cp >= 0x3041 && cp <= 0x309F)) return false;
  }
  return !text.empty();
}

bool IsKanaReading(const std::vector<Segment>& segments) {
  size_t kana = 0;
  for (const Segment& seg : segments) {
    if (seg.kind != SegmentKind::kCjk) continue;
    if (!IsKanaOnly(seg.text)) return false;
    kana += CharCount(seg.text);
  }
  return kana >= 5;
}

bool IsKatakanaWord(std::string_view text) {
  const std::vector<std::string> runs = KatakanaRuns(text);
  return runs.size() == 1 && runs.front().size() == text.size();
}

}  // namespace seedgraph
