#include "indexer/parallel.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "schema/hash.h"
#include "schema/index_dir.h"

namespace seedgraph {
namespace {

namespace fs = std::filesystem;

constexpr char kShardPrefix[] = ".seedgraph-shards-";
constexpr const char* kIndexDir = kIndexPartsDir;  // the merged parts, in db_path
constexpr const char* kStub = kIndexStub;          // Xapian's stub file inside a directory
constexpr char kTrashPrefix[] = ".seedgraph-trash-";  // a shard directory on its way out
constexpr char kLockFile[] = "lock";      // in a shard directory, flock()ed by its build

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// True when a build still holds the lock of this shard directory.
bool BuildAlive(const fs::path& shard_dir) {
  const int fd = ::open((shard_dir / kLockFile).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    // No lock file: a build killed before it made one, or one that is just
    // making it (the directory comes first).  The directory is named after
    // its build's process: when that process is gone, so is the build (a
    // kill between the two steps once left a directory that blocked the
    // next run, tests/kill_test).  Otherwise young directories are alive.
    const std::string name = shard_dir.filename().string();
    const std::string pid = name.substr(std::min(name.size(), sizeof(kShardPrefix) - 1));
    if (!pid.empty() && pid.find_first_not_of("0123456789") == std::string::npos && pid.size() < 10 &&
        ::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH) {
      return false;
    }
    std::error_code ec;
    const auto age = fs::file_time_type::clock::now() - fs::last_write_time(shard_dir, ec);
    return !ec && age < std::chrono::seconds(60);
  }
  const bool alive = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
  ::close(fd);
  return alive;
}

// Removes a build's shard directory.  It is renamed out of the way first
// (atomic), so a kill at any point leaves either the whole directory, lock
// file and all (dead: the next run removes it), or a trash directory the
// next run removes; never a shard directory without its lock file, which
// would look like a build just starting and block writers for a minute.
void RemoveShardDir(const std::string& dir) {
  std::error_code ec;
  const fs::path p(dir);
  const fs::path trash = p.parent_path() / (kTrashPrefix + p.filename().string());
  fs::rename(p, trash, ec);
  fs::remove_all(ec ? p : trash, ec);
}

// Writes and fsyncs a small file; false on any failure.
bool WriteDurably(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  return ::close(fd) == 0 && ok;
}

void SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Records a shard may have queued: enough to keep its writer busy while the
// producer parses, small enough to bound memory (a record is ~2 KB).
constexpr size_t kQueueCapacity = 256;

// FNV-1a: a fixed hash, so a given input shards the same way everywhere.
uint64_t IdHash(const std::string& id) { return Fnv1a64(id); }

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

// Compacts the databases `from` into one new database at `to` (Xapian's
// compactor: postings, values, documents; spelling frequencies add up,
// synonym lists unite).
void CompactInto(const std::vector<std::string>& from, const std::string& to) {
  Xapian::Database all;
  for (const std::string& path : from) all.add_database(Xapian::Database(path));
  all.compact(to);
}

struct ShardedIndexer::Impl {
  IndexerOptions options;  // options.shards > 0: the new index keeps that many shards
  std::string shard_dir;
  int lock_fd = -1;  // flock()ed for the life of the build
  ~Impl() {
    if (lock_fd >= 0) ::close(lock_fd);
  }
  std::vector<std::unique_ptr<Shard>> shards;
  bool finished = false;

  // The writer of a record: by the id hash, and for a sharded index by the
  // shard it belongs to (writer j fills every shard k with k % writers == j).
  Shard* WriterOf(const std::string& id) {
    const size_t h = options.shards > 0 ? ShardOf(id, options.shards) : IdHash(id);
    return shards[h % shards.size()].get();
  }

  Status Push(Item item) {
    Shard* shard = WriterOf(item.record.id);
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

  // Compacts the shards into db_path/index, then publishes it by linking
  // the stub file into place (atomic, and it fails rather than replace an
  // index another writer published meanwhile).  On failure the partial
  // output goes and the shards stay (their path is in the message): a full
  // disk must not cost the indexed work.
  Status MergeAndPublish() {
    const fs::path db(options.db_path);
    const std::string merged = (db / kIndexDir).string();
    std::error_code ec;
    if (fs::exists(db / kStub, ec) || fs::exists(db / "iamglass", ec) || fs::exists(merged, ec)) {
      return Status::IOError(options.db_path + " changed during the build (another writer?); the shards are in " +
                             shard_dir);
    }
    if (options.shards > 0) return CompactShardsAndPublish();
    // Part by part (schema/index_dir.h): the public records of every shard
    // into index/public (with the lexicon, the same in every shard), and so on.
    const std::vector<std::string> parts = RecordParts();
    try {
      fs::create_directories(merged);
      for (const std::string& part : parts) {
        std::vector<std::string> from;
        for (const auto& shard : shards) from.push_back(IndexPartPath(shard->path, part));
        CompactInto(from, IndexPartPath(options.db_path, part));
      }
    } catch (const Xapian::Error& e) {
      fs::remove_all(merged, ec);
      return Status::IOError("cannot merge the shards (kept in " + shard_dir + "): " + e.get_description());
    } catch (const fs::filesystem_error& e) {
      fs::remove_all(merged, ec);
      return Status::IOError("cannot merge the shards (kept in " + shard_dir + "): " + e.code().message());
    }
    // Again after the merge: a writer may have made an index in db_path
    // meanwhile (link(2) below refuses an existing stub by itself).
    if (fs::exists(db / "iamglass", ec)) {
      fs::remove_all(merged, ec);
      return Status::IOError(options.db_path + " changed during the build (another writer?); the shards are in " +
                             shard_dir);
    }
    Status published = Publish(IndexStubText());
    if (!published.ok()) fs::remove_all(merged, ec);
    return published;
  }

  // Links the stub into place (atomic; refuses an existing one), then
  // removes the shard directory.
  Status Publish(const std::string& stub_text) {
    const std::string tmp = shard_dir + "/" + kStub;
    if (!WriteDurably(tmp, stub_text) || ::link(tmp.c_str(), (fs::path(options.db_path) / kStub).c_str()) != 0) {
      return Status::IOError("cannot publish the index in " + options.db_path + ": " + std::strerror(errno) +
                             " (the shards are in " + shard_dir + ")");
    }
    SyncDirectory(options.db_path);
    RemoveShardDir(shard_dir);
    return Status::Ok();
  }

  // A sharded index (schema/index_dir.h): writer j holds, in its own
  // sharded layout, the records of every shard k with k % writers == j, and
  // spelling and synonyms of its records in its lexicon parts.  Those are
  // merged level by level into DIR/lexicon/<level> (Xapian's compactor adds
  // spelling frequencies and unites synonym lists, as a serial writer would
  // have written them), and each shard database is compacted into
  // DIR/shard-K/<level> (dense B-trees, as the merged build writes; the
  // same records in the same document order as a serial run's).
  Status CompactShardsAndPublish() {
    std::vector<std::string> made;  // what this step wrote in db_path
    const auto compact = [&made](const std::vector<std::string>& from, const std::string& to) {
      made.push_back(to);
      fs::create_directories(fs::path(to).parent_path());
      CompactInto(from, to);
    };
    std::string failure;
    try {
      for (const std::string& level : RecordParts()) {
        std::vector<std::string> from;
        for (const auto& writer : shards) from.push_back(LexiconPartPath(writer->path, level));
        compact(from, LexiconPartPath(options.db_path, level));
      }
      for (size_t k = 0; k < options.shards; ++k) {
        for (const std::string& level : RecordParts()) {
          compact({ShardPartPath(shards[k % shards.size()]->path, k, level)}, ShardPartPath(options.db_path, k, level));
        }
      }
    } catch (const Xapian::Error& e) {
      failure = e.get_description();
    } catch (const fs::filesystem_error& e) {
      failure = e.code().message();
    }
    if (!failure.empty()) return RemoveMade(made, "cannot publish the shards (kept in " + shard_dir + "): " + failure);
    Status published = Publish(ShardedStubText(options.shards));
    return published.ok() ? published : RemoveMade(made, published.message());
  }

  // After a failure: what the step wrote goes, with the directories it
  // made (the writers' shards stay, named in the message).
  Status RemoveMade(const std::vector<std::string>& made, const std::string& why) {
    std::error_code ec;
    for (const std::string& part : made) {
      fs::remove_all(part, ec);
      fs::remove(fs::path(part).parent_path(), ec);  // only once empty
    }
    return Status::IOError(why);
  }
};

ShardedIndexer::ShardedIndexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ShardedIndexer::~ShardedIndexer() {
  if (impl_ && !impl_->finished) Finish();
}

namespace {

// A directory holding only what Xapian's glass backend writes (tables,
// their temporaries, the version file and the lock), or nothing.
bool IsGlassDirectory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    const bool table = n.find(".glass") != std::string::npos || (n.size() > 4 && n.compare(n.size() - 4, 4, ".tmp") == 0);
    if (!table && n != "iamglass" && n != "flintlock") return false;
  }
  return !ec;
}

// An unpublished merge (index/, lexicon/, shard-K/): a directory of glass
// part directories (some may be missing or half written), nothing else.
bool IsPartsDirectory(const fs::path& dir) {
  std::error_code ec;
  const std::vector<std::string> parts = RecordParts();
  if (!fs::is_directory(dir, ec)) return false;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string n = e.path().filename().string();
    if (std::find(parts.begin(), parts.end(), n) == parts.end() || !IsGlassDirectory(e.path())) return false;
  }
  return !ec;
}

// What a dead build left in db_path, or nullopt when db_path holds anything
// else: an index (published stub or database files), a live build, or a
// file that is not ours.  Only then may it be removed, all of it.
std::optional<std::vector<fs::path>> OnlyStaleBuilds(const std::string& db_path) {
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    const bool dead_shards = (StartsWith(name, kShardPrefix) && !BuildAlive(entry.path())) || StartsWith(name, kTrashPrefix);
    // An unpublished merge: our directory name and a glass database in it,
    // finished or still being written.
    const bool unpublished = IsPartsDirName(name) && IsPartsDirectory(entry.path());
    if (!dead_shards && !unpublished) return std::nullopt;
    stale.push_back(entry.path());
  }
  if (ec) return std::nullopt;
  return stale;
}

}  // namespace

bool ShardedIndexer::BuildRunning(const std::string& db_path) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    if (StartsWith(name, kShardPrefix) && BuildAlive(entry.path())) return true;
  }
  return false;
}

bool ShardedIndexer::IsNewIndex(const std::string& db_path) {
  std::error_code ec;
  if (!fs::exists(db_path, ec)) return !ec;
  return fs::is_directory(db_path, ec) && OnlyStaleBuilds(db_path).has_value();
}

size_t ShardedIndexer::RemoveStaleBuilds(const std::string& db_path) {
  std::error_code ec;
  if (!fs::is_directory(db_path, ec)) return 0;
  // All of it when only dead builds are there.
  std::optional<std::vector<fs::path>> stale = OnlyStaleBuilds(db_path);
  if (stale) {
    for (const auto& p : *stale) fs::remove_all(p, ec);
    return stale->size();
  }
  // Beside an index or a file not ours, only what is ours by name and dead:
  // a build killed after it published, while removing its shards, leaves
  // them (or their trash) beside the index it made (tests/kill_test).
  std::vector<fs::path> dead;
  for (const auto& entry : fs::directory_iterator(db_path, ec)) {
    const std::string name = entry.path().filename().string();
    if ((StartsWith(name, kShardPrefix) && !BuildAlive(entry.path())) || StartsWith(name, kTrashPrefix)) {
      dead.push_back(entry.path());
    }
  }
  for (const auto& p : dead) fs::remove_all(p, ec);
  return dead.size();
}

Result<std::unique_ptr<ShardedIndexer>> ShardedIndexer::Open(const IndexerOptions& options, size_t jobs) {
  if (!IsNewIndex(options.db_path)) {
    return Status::InvalidArgument("a parallel build needs a new index directory: " + options.db_path);
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // The shards live inside db_path (which may be a mount point or a
  // symlink we must not replace), one directory per run.
  RemoveStaleBuilds(options.db_path);
  impl->shard_dir = (fs::path(options.db_path) / (kShardPrefix + std::to_string(getpid()))).string();
  std::error_code ec;
  fs::create_directories(impl->shard_dir, ec);
  if (ec) return Status::IOError("cannot create " + impl->shard_dir + ": " + ec.message());
  impl->lock_fd = ::open((impl->shard_dir + "/" + kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (impl->lock_fd < 0 || ::flock(impl->lock_fd, LOCK_EX | LOCK_NB) != 0) {
    RemoveShardDir(impl->shard_dir);
    return Status::IOError("cannot lock " + impl->shard_dir);
  }
  // A sharded index: no more writers than shards (each shard has one).
  size_t writers = std::max<size_t>(jobs, 1);
  if (options.shards > 0) writers = std::min(writers, options.shards);
  for (size_t i = 0; i < writers; ++i) {
    auto shard = std::make_unique<Shard>();
    shard->path = impl->shard_dir + "/" + std::to_string(i);
    IndexerOptions shard_options = options;
    shard_options.db_path = shard->path;
    auto indexer = Indexer::Open(shard_options);
    if (!indexer.ok()) {
      impl->StopWriters();
      RemoveShardDir(impl->shard_dir);
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
