// The index writer: Records in, a Xapian database out.
//
// Upserts by id (unique-id term + replace_document, as omega's scriptindex
// does) and commits once per batch.  Links are stored as boolean terms on the
// source record (see schema/index_layout.h), so incoming links of any record
// are one posting-list lookup, and a link to a record that is not indexed
// yet resolves by itself when that record arrives.
#pragma once

#include <memory>
#include <string>

#include "schema/analyzer.h"
#include "schema/record.h"
#include "schema/status.h"

namespace Xapian { class Document; }

namespace seedgraph {

class Lexicon;

struct IndexerOptions {
  std::string db_path;
  // Records per commit: bounds memory and the work lost on a crash.  Xapian
  // buffers a batch's postings in per-term maps whose cache misses grow with
  // the batch, while each commit rewrites the touched posting-list tails;
  // 2,500 was fastest on the bench corpus (1,000 / 2,500 / 5,000 at 40k
  // records: 75 / 65 / 72 s, docs/PERFORMANCE.md).
  size_t batch_size = 2500;
  // Written into the synonym table at Open() unless the index holds it
  // already (indexer/lexicon.h); null leaves the table's lexicon as it is.
  const Lexicon* lexicon = nullptr;
  // A new index: keep this many shards by id hash (schema/index_dir.h); 0
  // keeps one database per level.  An existing index keeps its own layout
  // (a different non-zero count is an error).
  size_t shards = 0;
};

// Where accepted records go: one interface over the serial Indexer and the
// parallel bulk ShardedIndexer (indexer/parallel.h), so that an ingest
// (files, standard input, an HTTP body) does not care which one writes.
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Adds a record that passed ValidateRecord, replacing one of its id.
  virtual Status AddRecord(Record record) = 0;
  // Removes the record with this id; none is no error.
  virtual Status RemoveRecord(const std::string& id) = 0;
  // Commits (one writer) or merges the shards (several), also after an
  // error: what was added is kept.
  virtual Status Finish() = 0;
};

class Indexer : public RecordWriter {
 public:
  // Opens (creating if needed) the database at options.db_path.
  // Fails with kIOError when the directory cannot be created, the index is
  // locked by another writer, or it is not a Xapian database.
  static Result<std::unique_ptr<Indexer>> Open(const IndexerOptions& options);
  ~Indexer() override;

  // Adds the record, replacing any record with the same id.  The record must
  // have passed ValidateRecord().
  Status Add(const Record& record);
  // Removes the record with this id; it is not an error if there is none.
  Status Remove(const std::string& id);
  // Commits what is pending.  Also called by the destructor (errors ignored
  // there: call Commit() to see them).
  Status Commit();

  // RecordWriter.
  Status AddRecord(Record record) override { return Add(record); }
  Status RemoveRecord(const std::string& id) override { return Remove(id); }
  Status Finish() override { return Commit(); }

  size_t added() const { return added_; }

 private:
  struct Impl;
  explicit Indexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  size_t added_ = 0;
};

// The Xapian document for a record (terms, values, data).  Pure: exposed for
// tests and for tools that want to see what a record indexes as.
Xapian::Document BuildDocument(const Record& record, const Analyzer& analyzer);

}  // namespace seedgraph
