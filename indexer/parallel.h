// Parallel bulk build of a new index.
//
// `seedgraph index` into a directory that does not exist yet is a bulk
// build: there is no older version of any record to look up, so the work
// can be split.  ShardedIndexer routes each record by a hash of its id to one
// of `jobs` writer threads, each filling its own shard database with an
// ordinary Indexer (so every version of a record meets the same shard and
// upserts and removals hold as in a serial run), then merges the shards with
// Xapian's compactor (postings, positions, values, documents, synonym and
// spelling tables; spelling frequencies add up) into db_path/index/<level>,
// database by database (schema/index_dir.h).
//
// A new sharded index (options.shards = N) is built the same way by
// min(jobs, N) writers: writer j fills every shard K with K % writers == j,
// so each shard database is the one a serial run writes; only the lexicon
// parts (spelling and synonyms) are merged, and each shard database is
// compacted into db_path/shard-K/<level>.
//
// Publishing is one atomic step: a Xapian stub file db_path/XAPIANDB
// (listing the level databases) appears, by link(2), only once the merged database is
// whole.  Until then db_path holds no index, so a build killed at any point
// leaves either nothing (readers: "no index") or the whole index, never a
// part.  The shards live in db_path/.seedgraph-shards-<pid>/ meanwhile, with
// a lock file held for the life of the build; RemoveStaleBuilds() deletes
// what a dead build left (its lock is free) before the next run.
//
//   auto w = ShardedIndexer::Open(options, 2);
//   w.value()->Add(std::move(record));   // from one producer thread
//   Status st = w.value()->Finish();      // joins, commits, merges
//
// Document ids follow the shards (all of shard 0, then shard 1, ...), not
// the input order; nothing in seedgraph depends on docid order beyond
// tie-breaking, which stays deterministic for a given input and job count.
#pragma once

#include <memory>
#include <string>

#include "indexer/indexer.h"
#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

class ShardedIndexer : public RecordWriter {
 public:
  // Fails when db_path is not new (bulk builds only create) or the shards
  // cannot be created in it.
  static Result<std::unique_ptr<ShardedIndexer>> Open(const IndexerOptions& options, size_t jobs);
  ~ShardedIndexer() override;  // Finish() unless it ran; errors are lost then
  ShardedIndexer(const ShardedIndexer&) = delete;
  ShardedIndexer& operator=(const ShardedIndexer&) = delete;

  // Queue the record for its shard; blocks while that shard's queue is full
  // (bounded memory).  Returns a writer's error once one has failed.
  Status Add(Record record);
  Status Remove(const std::string& id);
  // Waits for the writers, commits every shard, merges them into db_path
  // (or, sharded, merges the lexicon parts and compacts each shard there),
  // then deletes what is left.  Whatever was added before an error is still
  // merged, as a serial run keeps what it committed; when the merge itself
  // fails the shards are kept and the message names them.
  Status Finish() override;

  // RecordWriter.
  Status AddRecord(Record record) override { return Add(std::move(record)); }
  Status RemoveRecord(const std::string& id) override { return Remove(id); }

  // True when db_path names nothing yet, or a directory holding nothing
  // but what RemoveStaleBuilds() would remove: the case for a bulk build.
  static bool IsNewIndex(const std::string& db_path);

  // Deletes what builds that died left: when db_path holds nothing else,
  // all of it (shard directories whose lock is free, an unpublished
  // db_path/index); beside an index or a file that is not ours, only dead
  // shard directories and trash (a build killed after it published).
  // Never a live build.  Returns how many entries it removed.
  static size_t RemoveStaleBuilds(const std::string& db_path);

  // True while a bulk build (of another process) works in db_path: no other
  // writer may start there until it has published.
  static bool BuildRunning(const std::string& db_path);

 private:
  struct Impl;
  explicit ShardedIndexer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace seedgraph
