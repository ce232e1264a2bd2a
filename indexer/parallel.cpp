#include "indexer/parallel.h"

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

  Status Merge() {
    try {
      Xapian::Database all;
      for (const auto& shard : shards) all.add_database(Xapian::Database(shard->path));
      all.compact(options.db_path);
    } catch (const Xapian::Error& e) {
      return Status::IOError("cannot merge the shards into " + options.db_path + ": " + e.get_description());
    }
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
  std::string base = fs::path(options.db_path).lexically_normal().string();
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  impl->shard_dir = base + ".seedgraph-shards";
  std::error_code ec;
  fs::remove(options.db_path, ec);  // an empty directory: compact creates it
  fs::remove_all(impl->shard_dir, ec);
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
  Status merged = impl_->Merge();
  std::error_code ec;
  fs::remove_all(impl_->shard_dir, ec);
  return writers.ok() ? merged : writers;
}

}  // namespace seedgraph
