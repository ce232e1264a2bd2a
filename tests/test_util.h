// Helpers shared by the test suites.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace seedgraph {

// A per-process scratch path under gtest's TempDir: suites may run in
// parallel (ctest -j) without touching each other's indexes.
inline std::string TestPath(const std::string& name) {
  return ::testing::TempDir() + "/seedgraph_" + std::to_string(getpid()) + "_" + name;
}

// The bundled demo corpus files (data/demo/*.jsonl), sorted, as `seedgraph
// demo` indexes them.
inline std::vector<std::string> DemoFiles() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(SEEDGRAPH_SOURCE_DIR "/data/demo")) {
    if (e.path().extension() == ".jsonl") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The demo files the judged query sets (tests/eval, quality_test) were
// written for, before the company-evidence sources (USPTO, ROR, MHLW, FDA,
// ClinicalTrials.gov) joined the corpus: judgments name relevant records of
// these files only, so a larger corpus would score unjudged hits as misses.
inline std::vector<std::string> JudgedDemoFiles() {
  std::vector<std::string> files;
  for (const char* f : {"edinet", "ictrp", "kaken", "nando", "nbdc", "pap2pat", "pubmed"}) {
    files.push_back(std::string(SEEDGRAPH_SOURCE_DIR "/data/demo/") + f + ".jsonl");
  }
  return files;
}

}  // namespace seedgraph
