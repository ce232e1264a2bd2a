#include "indexer/parallel.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

namespace seedgraph {
namespace {

namespace fs = std::filesystem;

// Records a shard may have queued: enough to keep its writer busy while the
// producer parses, small enough to bound memory (a record is ~2 KB).
constexpr size_t kQueueCapacity = 256;

// FNV-1a: a fixed hash, so a given input shards the same way everywhere.
uint64_t IdHash(const std::string& id) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

struct Item {
  Record record;
  bool remove = false;  // remove record.id
};

struct Shard {
  std::string path;
  std::unique_ptr<Indexer> indexer;
  std::mutex mu;
  std::condition_variable not_empty, not_full;
  std::deque<Item> queue;  // guarded by mu
  bool closed = false;     // guarded by mu: no more items
  bool failed = false;     // guarded by mu
  Status status;           // guarded by mu: the writer's first error
  std::thread writer;
};

Status Apply(Indexer* indexer, const Item& item) {
  return item.remove ? indexer->Remove(item.record.id) : indexer->Add(item.record);
}

// The writer thread: drains the queue into the shard's Indexer, commits at
// the end.  On an error it records it and stops taking items.
void RunWriter(Shard* shard) {
  Status st;
  try {
    for (;;) {
      std::deque<Item> batch;
      {
        std::unique_lock<std::mutex> lock(shard->mu);
        shard->not_empty.wait(lock, [shard] { return !shard->queue.empty() || shard->closed; });
        if (shard->queue.empty()) break;
        batch.swap(shard->queue);
      }
      shard->not_full.notify_all();
      for (const Item& item : batch) {
        st = Apply(shard->indexer.get(), item);
        if (!st.ok()) break;
      }
      if (!st.ok()) break;
    }
    if (st.ok()) st = shard->indexer->Commit();
  } catch (const std::exception& e) {  // bad_alloc and the like: report, do not terminate
    st = Status::Internal(std::string("index writer failed: ") + e.what());
  }
  std::lock_guard<std::mutex> lock(shard->mu);
  if (!st.ok()) {
    shard->status = st;
    shard->failed = true;
    shard->queue.clear();
  }
  shard->not_full.notify_all();
}

}  // namespace

struct ShardedIndexer::Impl {
  IndexerOptions options;
  std::string shard_dir;
  std::vector<std::unique_ptr<Shard>> shards;
  bool finished = false;

  Status Push(Item item) {
    Shard* shard = shards[IdHash(item.record.id) % shards.size()].get();
    {
      std::unique_lock<std::mutex> lock(shard->mu);
      shard->not_full.wait(lock, [shard] { return shard->queue.size() < kQueueCapacity || shard->failed; });
      if (shard->failed) return shard->status;
      if (shard->closed) return Status::Internal("record added after Finish()");
      shard->queue.push_back(std::move(item));
    }
    shard->not_empty.notify_one();
    return Status::Ok();
  }

  Status StopWriters() {
    Status first;
    for (auto& shard : shards) {
      {
        std::lock_guard<std::mutex> lock(shard->mu);
        shard->closed = true;
      }
      shard->not_empty.notify_one();
    }
    for (auto& shard : shards) {
      if (shard->writer.joinable()) shard->writer.join();
      shard->indexer.reset();  // closes the shard database
      if (first.ok() && !shard->status.ok()) first = shard->status;
    }
    return first;
  }

  // Compacts the shards into shard_dir/merged, then moves its files into
  // db_path.  On failure the partial output goes and the shards stay (their
  // path is in the message): a full disk must not cost the indexed work.
  Status MergeAndPublish() {
    const std::string merged = shard_dir + "/merged";
    std::error_code ec;
    try {
      Xapian::Database all;
      for (const auto& shard : shards) all.add_database(Xapian::Database(shard->path));
      all.compact(merged);
    } catch (const Xapian::Error& e) {
      fs::remove_all(merged, ec);
      return Status::IOError("cannot merge the shards (kept in " + shard_dir + "): " + e.get_description());
    }
    // Only our shard directory may be in db_path: anything else means
    // another writer used it meanwhile, and moving files in would mix two
    // indexes.
    for (const auto& entry : fs::directory_iterator(options.db_path, ec)) {
      if (entry.path().filename() != fs::path(shard_dir).filename()) {
        return Status::IOError(options.db_path + " changed during the build; the merged index is in " + merged);
      }
    }
    for (const auto& entry : fs::directory_iterator(merged, ec)) {
      fs::rename(entry.path(), fs::path(options.db_path) / entry.path().filename(), ec);
      if (ec) return Status::IOError("cannot move the merged index into " + options.db_path + ": " + ec.message());
    }
    fs::remove_all(shard_dir, ec);
    return Status::Ok();
  }
};

ShardedIndexer::ShardedIndexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ShardedIndexer::~ShardedIndexer() {
  if (impl_ && !impl_->finished) Finish();
}

bool ShardedIndexer::IsNewIndex(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return !ec;
  return fs::is_directory(db_path, ec) && fs::is_empty(db_path, ec);
}

Result<std::unique_ptr<ShardedIndexer>> ShardedIndexer::Open(const IndexerOptions& options, size_t jobs) {
  if (!IsNewIndex(options.db_path)) {
    return Status::InvalidArgument("a parallel build needs a new index directory: " + options.db_path);
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // The shards live inside db_path (which may be a mount point or a
  // symlink we must not replace), one directory per run.
  impl->shard_dir = (fs::path(options.db_path) / (".seedgraph-shards-" + std::to_string(getpid()))).string();
  std::error_code ec;
  fs::create_directories(impl->shard_dir, ec);
  if (ec) return Status::IOError("cannot create " + impl->shard_dir + ": " + ec.message());
  for (size_t i = 0; i < std::max<size_t>(jobs, 1); ++i) {
    auto shard = std::make_unique<Shard>();
    shard->path = impl->shard_dir + "/" + std::to_string(i);
    IndexerOptions shard_options = options;
    shard_options.db_path = shard->path;
    auto indexer = Indexer::Open(shard_options);
    if (!indexer.ok()) {
      impl->StopWriters();
      fs::remove_all(impl->shard_dir, ec);
      return indexer.status();
    }
    shard->indexer = std::move(indexer.value());
    impl->shards.push_back(std::move(shard));
  }
  for (auto& shard : impl->shards) shard->writer = std::thread(RunWriter, shard.get());
  return std::unique_ptr<ShardedIndexer>(new ShardedIndexer(std::move(impl)));
}

Status ShardedIndexer::Add(Record record) {
  Item item;
  item.record = std::move(record);
  return impl_->Push(std::move(item));
}

Status ShardedIndexer::Remove(const std::string& id) {
  Item item;
  item.record.id = id;
  item.remove = true;
  return impl_->Push(std::move(item));
}

Status ShardedIndexer::Finish() {
  if (impl_->finished) return Status::Ok();
  impl_->finished = true;
  Status writers = impl_->StopWriters();
  Status merged = impl_->MergeAndPublish();
  return writers.ok() ? merged : writers;
}

}  // namespace seedgraph
