// FNV-1a, 64 bits: the one fixed hash of seedgraph (shard routing, term
// digests, cursor checksums, token user names), the same on every machine
// and build.  Not a secret: nothing relies on it to resist an adversary.
#pragma once

#include <cstdint>
#include <string_view>

namespace seedgraph {

inline constexpr uint64_t kFnvOffset = 1469598103934665603ULL;

// The hash of `s`, or of what was hashed into `h` followed by `s`.
inline uint64_t Fnv1a64(std::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace seedgraph
