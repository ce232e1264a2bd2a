// A RecordSink that keeps what an importer produced, for the importer tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
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

  void Accept(Record r) override {
    by_id[r.id] = r;
    records.push_back(std::move(r));
  }
  void Reject(const std::string& where, const std::string& message) override { rejects.emplace_back(where, message); }
  void Remove(const std::string& id) override { removed.push_back(id); }

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

inline Status RunImport(const std::string& format, const std::vector<std::string>& files, Collected* out) {
  ImportOptions options;
  options.format = format;
  options.files = files;
  return Import(options, out);
}

}  // namespace seedgraph
