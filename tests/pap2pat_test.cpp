// The related-seeds measurement of issue 5: with every Pap2Pat paper and
// patent indexed, how often is a paper's paired patent the first of its
// related patents?  Hybrid ranking (text + shared people + vocabulary)
// against plain BM25 more-like-this, in the same run, figures printed.
//
// Reads ../shared/data/pap2pat-paper-patent-pairs (CC-BY 4.0).  Without it
// the test fails with a message, unless SEEDGRAPH_SHARED_DATA=skip says
// on purpose that this machine has no shared data.
#include <gtest/gtest.h>

#include "tests/view_util.h"
#include "tests/test_util.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>

#include "indexer/ingest.h"
#include "query/related.h"

namespace seedgraph {
namespace {

std::string PairsFile() {
  const char* env = std::getenv("SEEDGRAPH_SHARED_DATA");
  std::string dir = env != nullptr ? env : SEEDGRAPH_SOURCE_DIR "/../shared/data";
  return dir == "skip" ? "" : dir + "/pap2pat-paper-patent-pairs/pairs_dev.jsonl";
}

struct Pair {
  std::string paper, patent;
};

// The pair ids as the importer names them (CONTRACT §1 id rules).
std::vector<Pair> ReadPairs(const std::string& file) {
  std::vector<Pair> pairs;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    rapidjson::Document d;
    d.Parse(line.c_str());
    if (!d.IsObject() || !d.HasMember("pair_id")) continue;
    std::string pair_id = d["pair_id"].GetString();  // "W1607051768-US20070026506"
    size_t dash = pair_id.find('-');
    pairs.push_back({"paper:openalex:" + pair_id.substr(0, dash), "patent:" + pair_id.substr(dash + 1)});
  }
  return pairs;
}

// Share of papers whose paired patent is the first related patent.
double FirstHitRate(IndexView& db, const Analyzer& analyzer, const std::vector<Pair>& pairs, bool text_only,
                    std::vector<std::string>* misses) {
  size_t first = 0;
  for (const Pair& p : pairs) {
    RelatedRequest req;
    req.id = p.paper;
    req.types = {"patent"};
    req.limit = 5;
    req.text_only = text_only;
    auto hits = Related(db, analyzer, req);
    if (hits.ok() && !hits->empty() && hits->front().hit.id == p.patent) {
      ++first;
    } else if (misses != nullptr) {
      misses->push_back(p.paper + " -> " + (hits.ok() && !hits->empty() ? hits->front().hit.id : "(none)"));
    }
  }
  return pairs.empty() ? 0 : double(first) / pairs.size();
}

TEST(Pap2Pat, HybridRelatedBeatsPlainMoreLikeThis) {
  const std::string file = PairsFile();
  if (file.empty()) GTEST_SKIP() << "SEEDGRAPH_SHARED_DATA=skip: no shared data on this machine";
  ASSERT_TRUE(std::filesystem::exists(file)) << file << " is missing: put ../shared beside the checkout "
                                             << "or set SEEDGRAPH_SHARED_DATA (=skip to skip on purpose)";
  const std::string db_path = TestPath("pap2pat");
  std::filesystem::remove_all(db_path);
  IngestOptions options;
  options.import.format = "pap2pat";
  options.import.files = {file};
  options.index.db_path = db_path;
  std::ostringstream errors;
  options.errors = &errors;
  auto stats = Ingest(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rejected, 0u) << errors.str().substr(0, 2000);

  IndexView db = MustView(db_path, Role::kAdmin);
  Analyzer analyzer;
  const std::vector<Pair> pairs = ReadPairs(file);
  ASSERT_GE(pairs.size(), 190u);
  std::vector<std::string> misses;
  const double baseline = FirstHitRate(db, analyzer, pairs, true, nullptr);
  const double hybrid = FirstHitRate(db, analyzer, pairs, false, &misses);
  std::printf("Pap2Pat dev pairs: %zu; paired patent ranked first among related patents:\n"
              "  plain BM25 more-like-this: %.1f%%\n  seedgraph hybrid related:  %.1f%%\n",
              pairs.size(), 100 * baseline, 100 * hybrid);
  for (const auto& m : misses) std::printf("  miss: %s\n", m.c_str());
  EXPECT_GT(hybrid, baseline);
  EXPECT_GE(hybrid, 0.99);
  std::filesystem::remove_all(db_path);
}

}  // namespace
}  // namespace seedgraph
