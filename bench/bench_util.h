// Shared by the benchmark drivers: the query file, timing, percentiles and
// the RESULT lines that bench/run.sh collects.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace seedgraph::bench {

struct BenchQuery {
  std::string kind;  // disease_ja, compound_part, english_word, english_two_words, keyword
  std::string text;
};

// kind<TAB>text per line (bench_gen --queries-out).
inline std::vector<BenchQuery> LoadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<BenchQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab + 1 >= line.size()) continue;
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  if (out.empty()) throw std::runtime_error(path + ": no queries");
  return out;
}

inline double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Nearest-rank percentile (p in 0..100) of unsorted samples.
inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  rank = std::clamp<size_t>(rank, 1, v.size());
  return v[rank - 1];
}

// One latency series: per-query milliseconds plus the hit totals.
struct Series {
  std::vector<double> ms;
  std::vector<size_t> totals;
};

// RESULT <engine> <metric> <value>: the lines bench/run.sh tabulates.
inline void PrintSeries(const std::string& engine, const std::string& name, const Series& s) {
  double sum = 0, hits = 0;
  size_t zero = 0;
  for (double x : s.ms) sum += x;
  for (size_t t : s.totals) { hits += static_cast<double>(t); zero += t == 0; }
  const double n = s.ms.empty() ? 1 : static_cast<double>(s.ms.size());
  std::printf("RESULT %s %s_p50_ms %.3f\n", engine.c_str(), name.c_str(), Percentile(s.ms, 50));
  std::printf("RESULT %s %s_p99_ms %.3f\n", engine.c_str(), name.c_str(), Percentile(s.ms, 99));
  std::printf("RESULT %s %s_mean_ms %.3f\n", engine.c_str(), name.c_str(), sum / n);
  std::printf("RESULT %s %s_max_ms %.3f\n", engine.c_str(), name.c_str(), Percentile(s.ms, 100));
  std::printf("RESULT %s %s_mean_total %.1f\n", engine.c_str(), name.c_str(), hits / n);
  std::printf("RESULT %s %s_zero_hit_queries %zu\n", engine.c_str(), name.c_str(), zero);
  std::fflush(stdout);
}

// p50/p99 per query kind, as one INFO line.
inline void PrintKinds(const std::string& engine, const std::string& name, const std::vector<BenchQuery>& queries,
                       const Series& s) {
  std::vector<std::string> kinds;
  for (const auto& q : queries) {
    if (std::find(kinds.begin(), kinds.end(), q.kind) == kinds.end()) kinds.push_back(q.kind);
  }
  std::printf("INFO %s %s by kind (p50/p99 ms, mean total):", engine.c_str(), name.c_str());
  for (const auto& k : kinds) {
    Series sub;
    for (size_t i = 0; i < queries.size() && i < s.ms.size(); ++i) {
      if (queries[i].kind == k) { sub.ms.push_back(s.ms[i]); sub.totals.push_back(s.totals[i]); }
    }
    double hits = 0;
    for (size_t t : sub.totals) hits += static_cast<double>(t);
    std::printf(" %s %.1f/%.1f %.0f;", k.c_str(), Percentile(sub.ms, 50), Percentile(sub.ms, 99),
                sub.totals.empty() ? 0.0 : hits / static_cast<double>(sub.totals.size()));
  }
  std::printf("\n");
  std::fflush(stdout);
}

}  // namespace seedgraph::bench
