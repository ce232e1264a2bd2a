#include "schema/index_layout.h"

#include <cstdint>
#include <cstdio>

namespace seedgraph {
namespace {

constexpr size_t kMaxTermBytes = 245;  // Xapian's limit for a term

uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

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
