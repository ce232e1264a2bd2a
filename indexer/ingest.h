// Ingest: run an importer into the index, report rejections and progress.
//
// This is `seedgraph index` without the argument parsing, so tests and the
// demo command drive exactly what users run.
#pragma once

#include <cstddef>
#include <ostream>

#include "indexer/import/importer.h"
#include "indexer/indexer.h"

namespace seedgraph {

struct IngestOptions {
  ImportOptions import;
  IndexerOptions index;
  // Where "file:line: field: reason" lines go (never null).
  std::ostream* errors = nullptr;
  // Progress line ("\r 12,345 records  4,321/s  3 rejected") on this stream
  // when non-null, e.g. stderr when it is a terminal.
  std::ostream* progress = nullptr;
};

struct IngestStats {
  size_t indexed = 0;
  size_t rejected = 0;
  double seconds = 0;
};

// Fails only when the run could not go on (index not writable, input file
// missing); rejected records are counted in the stats, not an error.
Result<IngestStats> Ingest(const IngestOptions& options);

}  // namespace seedgraph
