// The real vocabularies the benchmark corpus is drawn from (../shared/data):
// NANDO disease names and MHLW description sentences, KAKEN titles and
// keywords, EDINET company names, MeSH English terms.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seedgraph::bench {

struct Disease {
  std::string nando_id;  // 7 digits: 12xxxxx 指定難病, 22xxxxx 小児慢性特定疾病
  std::string name_ja;
  std::string name_en;
  std::string description;  // MHLW 概要, may be empty
  bool pediatric = false;   // from shoman.json
};

struct Company {
  std::string name_ja;
  std::string name_en;
  std::string corporate_number;  // may be empty
  std::string industry;
};

struct Vocab {
  std::vector<Disease> diseases;
  std::vector<std::string> sentences;  // Japanese description sentences, each ending in 。
  std::vector<std::string> kaken_titles;
  std::vector<std::string> kaken_keywords;
  std::vector<Company> companies;
  std::vector<std::string> mesh_terms;  // "Muscular Atrophy, Spinal"
  std::vector<std::string> mesh_words;  // single lower-case words of 4+ letters
};

// Loads everything from data_dir (../shared/data); throws std::runtime_error
// naming the file on a missing or malformed input.  The order of every list
// is fixed (file order, or sorted), so generation is deterministic.
Vocab LoadVocab(const std::string& data_dir);

// splitmix64: the same sequence on every platform and compiler (the
// standard distributions are implementation-defined, so they are not used).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t s_;
};

// UTF-8 helpers.
size_t CodePoints(const std::string& s);
std::vector<std::string> SplitCodePoints(const std::string& s);
bool IsCjk(const std::string& code_point);

}  // namespace seedgraph::bench
