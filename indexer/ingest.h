// Ingest: run an importer into the index, report rejections and progress.
//
// This is `seedgraph index` without the argument parsing, so tests and the
// demo command drive exactly what users run.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "indexer/import/importer.h"
#include "indexer/indexer.h"

namespace seedgraph {

class Tagger;

struct IngestOptions {
  ImportOptions import;
  IndexerOptions index;
  // Where "file:line: field: reason" lines go (never null, unless `reject`
  // takes them).
  std::ostream* errors = nullptr;
  // Called with (where, message) for each rejection instead of writing it
  // to `errors` (POST /api/records lists them in its answer).
  std::function<void(const std::string& where, const std::string& message)> reject;
  // Progress line ("\r 12,345 records  4,321/s  3 rejected") on this stream
  // when non-null, e.g. stderr when it is a terminal.
  std::ostream* progress = nullptr;
  // data/vocab/tags.tsv-style dictionary: records without disease_areas /
  // modalities get them derived (indexer/tagger.h).  Empty: no tagging.
  std::string tag_dictionary;
  // A dictionary loaded already (the server's): used instead of loading
  // tag_dictionary.
  const Tagger* tagger = nullptr;
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
// Ingest() is IngestSession::Open, Import(options.import, sink()), Finish.
Result<IngestStats> Ingest(const IngestOptions& options);

// An ingest fed from outside instead of from files (POST /api/records feeds
// its body through JsonlFeeder into sink()): the same writer choice, lock
// rules, tagging, counts and rejections as `seedgraph index`.
class IngestSession {
 public:
  // Loads the dictionary and lexicon, then opens the writer: kIOError while
  // another writer holds the index or a bulk build runs in it.
  static Result<std::unique_ptr<IngestSession>> Open(const IngestOptions& options);
  ~IngestSession();

  // Where records go; it stops taking them after a writer failure.
  RecordSink* sink();
  // The first writer failure (then the run should stop).
  const Status& status() const;
  // Commits or merges what was taken; the stats are final after it.
  Status Finish();
  const IngestStats& stats() const;

 private:
  struct Impl;
  explicit IngestSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace seedgraph
