// bench_gen: a deterministic benchmark corpus in the contract's JSON Lines
// (CONTRACT §1), drawn from the real vocabularies in ../shared/data.
//
//   bench_gen --data ../shared/data --records 100000 --out corpus.jsonl
//             [--queries 400 --queries-out queries.tsv] [--seed 1]
//
// The same --records and --seed give byte-identical output.  Record types
// come in fixed proportions (see Plan()), every link points at a record of
// the same corpus, and funded papers/patents/trials/datasets inherit the
// project and focus disease of their topic, so the graph has realistic
// clusters.  Queries (kind<TAB>text) depend on the vocabularies only.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/corpus_writer.h"
#include "bench/vocab.h"

namespace seedgraph::bench {
namespace {

constexpr const char* kUsage =
    "usage: bench_gen --data DIR --records N --out FILE [--queries M --queries-out FILE] [--seed S]\n";

struct Options {
  std::string data_dir;
  size_t records = 0;
  std::string out;
  size_t queries = 0;
  std::string queries_out;
  uint64_t seed = 1;
};

bool ParseSize(const char* s, size_t* out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == s || *end != '\0') return false;
  *out = static_cast<size_t>(v);
  return true;
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    size_t n = 0;
    if (flag == "--data") o->data_dir = value;
    else if (flag == "--out") o->out = value;
    else if (flag == "--queries-out") o->queries_out = value;
    else if (flag == "--records" && ParseSize(value, &n)) o->records = n;
    else if (flag == "--queries" && ParseSize(value, &n)) o->queries = n;
    else if (flag == "--seed" && ParseSize(value, &n)) o->seed = n;
    else return false;
  }
  if (argc % 2 == 0) return false;
  return !o->data_dir.empty() && !o->out.empty() && o->records > 0 && (o->queries == 0 || !o->queries_out.empty());
}

// A CJK substring of 2..4 characters from inside a Japanese disease name:
// "脊髄性筋萎縮症" -> "筋萎縮".  Empty when the name has no CJK run of 3+.
std::string CompoundPart(Rng& rng, const std::string& name) {
  const auto cps = SplitCodePoints(name);
  std::vector<std::pair<size_t, size_t>> runs;  // [begin, end) of CJK runs of 3+
  for (size_t i = 0; i < cps.size();) {
    size_t j = i;
    while (j < cps.size() && IsCjk(cps[j])) ++j;
    if (j - i >= 3) runs.emplace_back(i, j);
    i = j == i ? i + 1 : j;
  }
  if (runs.empty()) return "";
  const auto [b, e] = runs[rng.Below(runs.size())];
  const size_t len = std::min<size_t>(2 + rng.Below(3), e - b - 1);
  const size_t start = b + rng.Below(e - b - len + 1);
  std::string out;
  for (size_t k = start; k < start + len; ++k) out += cps[k];
  return out;
}

// Two adjacent words of a MeSH term ("Muscular Atrophy, Spinal" ->
// "muscular atrophy"); empty when it has fewer than two.
std::string TwoWords(Rng& rng, const std::string& term) {
  std::vector<std::string> words(1);
  for (char c : term) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) words.back() += static_cast<char>(c | 0x20);
    else if (!words.back().empty()) words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  if (words.size() < 2) return "";
  const size_t at = rng.Below(words.size() - 1);
  return words[at] + " " + words[at + 1];
}

std::string NextQuery(Rng& rng, const Vocab& v, const std::string& kind) {
  if (kind == "disease_ja") return rng.Pick(v.diseases).name_ja;
  if (kind == "compound_part") {
    for (int tries = 0; tries < 50; ++tries) {
      std::string part = CompoundPart(rng, rng.Pick(v.diseases).name_ja);
      if (!part.empty()) return part;
    }
    return "萎縮";
  }
  if (kind == "english_word") return rng.Pick(v.mesh_words);
  if (kind == "english_two_words") return TwoWords(rng, rng.Pick(v.mesh_terms));
  return rng.Pick(v.kaken_keywords);  // keyword
}

// `count` queries, the kinds in turn; no duplicates, no tabs or newlines.
void WriteQueries(const Vocab& v, size_t count, uint64_t seed, const std::string& path) {
  static const std::vector<std::string> kKinds = {"disease_ja", "compound_part", "english_word", "english_two_words",
                                                  "keyword"};
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  Rng rng(seed * 7919 + 17);
  std::set<std::string> seen;
  for (size_t i = 0, attempts = 0; i < count && attempts < count * 50; ++attempts) {
    const std::string& kind = kKinds[i % kKinds.size()];
    std::string q = NextQuery(rng, v, kind);
    if (q.empty() || q.find_first_of("\t\n\r") != std::string::npos || !seen.insert(q).second) continue;
    std::fprintf(f, "%s\t%s\n", kind.c_str(), q.c_str());
    ++i;
  }
  std::fclose(f);
}

int Main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    const Vocab vocab = LoadVocab(o.data_dir);
    FILE* f = std::fopen(o.out.c_str(), "wb");
    if (f == nullptr) throw std::runtime_error("cannot write " + o.out);
    CorpusWriter writer(vocab, o.records, o.seed);
    const CorpusPlan& plan = writer.plan();
    writer.WriteAll(f);
    if (std::fclose(f) != 0) throw std::runtime_error("write failed: " + o.out);
    std::cerr << "bench_gen: " << o.records << " records -> " << o.out << " (diseases " << plan.disease
              << ", organizations " << plan.organization << ", companies " << plan.company << ", people "
              << plan.person << ", topics " << plan.topic << ", trials " << plan.trial << ", datasets "
              << plan.dataset << ", patents " << plan.patent << ", papers " << plan.paper << ")\n";
    if (o.queries > 0) WriteQueries(vocab, o.queries, o.seed, o.queries_out);
  } catch (const std::exception& e) {
    std::cerr << "bench_gen: " << e.what() << "\n";
    return 3;
  }
  return 0;
}

}  // namespace
}  // namespace seedgraph::bench

int main(int argc, char** argv) { return seedgraph::bench::Main(argc, argv); }
