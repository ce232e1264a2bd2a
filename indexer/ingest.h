// Ingest: run an importer into the index, report rejections and progress.
//
// This is `seedgraph index` without the argument parsing, so tests and the
// demo command drive exactly what users run.
#pragma once

#include <cstddef>
#include <map>
#include <ostream>
#include <string>

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
  // data/vocab/tags.tsv-style dictionary: records without disease_areas /
  // modalities get them derived (indexer/tagger.h).  Empty: no tagging.
  std::string tag_dictionary;
  // data/vocab/lexicon.tsv-style concept lexicon written into the index
  // (indexer/lexicon.h).  Empty: the index keeps the lexicon it has.
  std::string lexicon;
  // Writer threads for a new index (index.db_path does not exist yet):
  // above 1, a parallel bulk build (indexer/parallel.h).  An existing index
  // is always updated by one writer.
  size_t jobs = 1;
};

struct IngestStats {
  size_t indexed = 0;
  size_t rejected = 0;
  size_t removed = 0;  // withdrawn by the source (PubMed DeleteCitation)
  size_t tagged = 0;   // records that got derived disease areas / modalities
  double seconds = 0;
  // Records indexed per type and links per rel, counted as the importer
  // emits them (an entity emitted again in a later run counts again).
  std::map<std::string, size_t> by_type, by_rel;
  // Inputs the importer left out on purpose, by kind (RecordSink::Skip).
  std::map<std::string, size_t> skipped;
};

// Fails only when the run could not go on (index not writable, input file
// missing); rejected records are counted in the stats, not an error.
Result<IngestStats> Ingest(const IngestOptions& options);

}  // namespace seedgraph
