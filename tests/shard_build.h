// Builds a test index from one JSON Lines file as `seedgraph index` does
// (2 jobs, the source tree's tag dictionary): one database per level, or
// `shards` shards.  shards_test and shards_diff_test compare the two.
#pragma once

#include <sstream>
#include <string>

#include "indexer/ingest.h"

namespace seedgraph {

inline Result<IngestStats> BuildTestIndex(const std::string& file, const std::string& db, size_t shards) {
  static std::ostringstream errors;
  IngestOptions options;
  options.import.files = {file};
  options.index.db_path = db;
  options.index.shards = shards;
  options.errors = &errors;
  options.tag_dictionary = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
  options.jobs = 2;
  return Ingest(options);
}

}  // namespace seedgraph
