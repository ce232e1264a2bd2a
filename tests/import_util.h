// What the importer tests share: a RecordSink that keeps what an importer
// produced, link and text checks, and the fixture of the tests over the
// full files of ../shared/data.
#pragma once

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "indexer/import/importer.h"

namespace seedgraph {

struct Collected : RecordSink {
  std::vector<Record> records;                               // in the order made
  std::map<std::string, Record> by_id;                       // the last version of each id
  std::vector<std::pair<std::string, std::string>> rejects;  // where, message
  std::vector<std::string> removed;
  std::map<std::string, size_t> skipped;                     // RecordSink::Skip, by kind

  void Accept(Record r) override {
    by_id[r.id] = r;
    records.push_back(std::move(r));
  }
  void Reject(const std::string& where, const std::string& message) override { rejects.emplace_back(where, message); }
  void Remove(const std::string& id) override { removed.push_back(id); }
  void Skip(const std::string& what) override { ++skipped[what]; }

  const Record& Get(const std::string& id) const {
    static const Record kEmpty;
    auto it = by_id.find(id);
    if (it == by_id.end()) ADD_FAILURE() << "no record " << id;
    return it == by_id.end() ? kEmpty : it->second;
  }
  bool Has(const std::string& id) const { return by_id.count(id) > 0; }
  size_t Count(const std::string& type) const {
    return std::count_if(by_id.begin(), by_id.end(), [&](const auto& kv) { return kv.second.type == type; });
  }
  // True when some rejection's location ends with `where_suffix` and its
  // message contains `text`.
  bool Rejected(const std::string& where_suffix, const std::string& text) const {
    return std::any_of(rejects.begin(), rejects.end(), [&](const auto& r) {
      return r.first.size() >= where_suffix.size() &&
             r.first.compare(r.first.size() - where_suffix.size(), where_suffix.size(), where_suffix) == 0 &&
             r.second.find(text) != std::string::npos;
    });
  }
  std::string RejectList() const {
    std::string s;
    for (const auto& [w, m] : rejects) s += "  " + w + ": " + m + "\n";
    return s;
  }
};

// A file of tests/fixtures.
inline std::string Fixture(const std::string& rel) { return std::string(SEEDGRAPH_TEST_DATA_DIR) + "/" + rel; }

// A suite over the full files of ../shared/data (dir_).  Set
// SEEDGRAPH_SHARED_DATA to their folder, or to "skip" where they are absent.
class SharedDataSuite : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("SEEDGRAPH_SHARED_DATA");
    dir_ = env != nullptr ? env : std::string(SEEDGRAPH_SOURCE_DIR) + "/../shared/data";
    if (dir_ == "skip") GTEST_SKIP() << "SEEDGRAPH_SHARED_DATA=skip";
    struct stat st;
    ASSERT_EQ(stat((dir_ + "/INDEX.md").c_str(), &st), 0)
        << "shared data not found at " << dir_ << ": set SEEDGRAPH_SHARED_DATA to the shared/data folder, or to skip";
  }
  std::string dir_;
};

inline Status RunImport(const std::string& format, const std::vector<std::string>& files, Collected* out) {
  ImportOptions options;
  options.format = format;
  options.files = files;
  return Import(options, out);
}

// A suite whose tests share one import, made before the first of them:
// Input names the format and the files (static Format(), Files()).
template <typename Input>
class ImportedOnceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    c_ = new Collected;
    status_ = RunImport(Input::Format(), Input::Files(), c_);
  }
  static void TearDownTestSuite() {
    delete c_;
    c_ = nullptr;
  }
  static inline Collected* c_ = nullptr;
  static inline Status status_;
};

// Each {line, text} of `expected` is a rejection at "file:line" whose
// message contains text, and there are no other rejections.
inline void ExpectRejections(const Collected& c, const std::string& file,
                             const std::vector<std::pair<std::string, std::string>>& expected) {
  for (const auto& [line, text] : expected) {
    EXPECT_TRUE(c.Rejected(file + ":" + line, text)) << file << ":" << line << ": " << text << "\n" << c.RejectList();
  }
  EXPECT_EQ(c.rejects.size(), expected.size()) << c.RejectList();
}

inline bool HasLink(const Record& r, const std::string& rel, const std::string& to) {
  return std::any_of(r.links.begin(), r.links.end(), [&](const Link& l) { return l.rel == rel && l.to == to; });
}

// The targets of r's links of one relation.
inline std::set<std::string> Targets(const Record& r, const std::string& rel) {
  std::set<std::string> out;
  for (const auto& l : r.links) {
    if (l.rel == rel) out.insert(l.to);
  }
  return out;
}

inline bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace seedgraph
