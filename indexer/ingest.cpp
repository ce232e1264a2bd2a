#include "indexer/ingest.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include "indexer/lexicon.h"
#include "indexer/parallel.h"
#include "indexer/tagger.h"

namespace seedgraph {
namespace {

using Clock = std::chrono::steady_clock;

// One writer or several: where accepted records go.
struct Writers {
  Indexer* serial = nullptr;
  ShardedIndexer* sharded = nullptr;

  Status Add(Record record) { return sharded != nullptr ? sharded->Add(std::move(record)) : serial->Add(record); }
  Status Remove(const std::string& id) { return sharded != nullptr ? sharded->Remove(id) : serial->Remove(id); }
  // Commits (one writer) or merges the shards (several), also after an
  // error: what was added is kept.
  Status Finish() { return sharded != nullptr ? sharded->Finish() : serial->Commit(); }
};

// Feeds accepted records to the indexer; counts and reports rejections.
class IndexingSink : public RecordSink {
 public:
  IndexingSink(Writers writers, const IngestOptions& options, const Tagger* tagger,
               const Analyzer* analyzer)
      : writers_(writers), options_(options), tagger_(tagger), analyzer_(analyzer),
        start_(Clock::now()), last_(start_) {}

  void Accept(Record record) override {
    if (!status_.ok()) return;
    // After validation (the importer's), so derived codes are known codes.
    if (tagger_ != nullptr && tagger_->Tag(&record, *analyzer_) > 0) ++stats_.tagged;
    ++stats_.by_type[record.type];
    for (const auto& l : record.links) ++stats_.by_rel[l.rel];
    status_ = writers_.Add(std::move(record));
    if (!status_.ok()) return;
    ++stats_.indexed;
    MaybeShowProgress();
  }

  void Reject(const std::string& where, const std::string& message) override {
    ++stats_.rejected;
    *options_.errors << where << ": " << message << "\n";
  }

  void Remove(const std::string& id) override {
    if (!status_.ok()) return;
    status_ = writers_.Remove(id);
    if (status_.ok()) ++stats_.removed;
  }

  void Skip(const std::string& what) override { ++stats_.skipped[what]; }

  void Finish() {
    stats_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    if (options_.progress != nullptr && shown_) {
      ShowProgress();
      *options_.progress << "\n";
    }
  }

  const Status& status() const { return status_; }
  const IngestStats& stats() const { return stats_; }

 private:
  void MaybeShowProgress() {
    if (options_.progress == nullptr || (stats_.indexed & 255) != 0) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(500)) return;
    last_ = now;
    ShowProgress();
  }

  void ShowProgress() {
    double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    char line[160];
    std::snprintf(line, sizeof line, "\r  %zu records  %.0f/s  %zu rejected   ", stats_.indexed,
                  secs > 0 ? stats_.indexed / secs : 0.0, stats_.rejected);
    *options_.progress << line << std::flush;
    shown_ = true;
  }

  Writers writers_;
  const IngestOptions& options_;
  const Tagger* tagger_;      // null: no tagging
  const Analyzer* analyzer_;  // the tagger's; null with it
  Clock::time_point start_, last_;
  IngestStats stats_;
  Status status_;
  bool shown_ = false;
};

}  // namespace

Result<IngestStats> Ingest(const IngestOptions& options) {
  // The dictionary is loaded once per run, before the index is opened: a
  // broken one stops the run before anything is written.
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<Tagger> tagger;
  if (!options.tag_dictionary.empty()) {
    analyzer = std::make_unique<Analyzer>();
    auto loaded = Tagger::Load(options.tag_dictionary, *analyzer);
    if (!loaded.ok()) return loaded.status();
    tagger = std::make_unique<Tagger>(std::move(loaded.value()));
  }
  std::unique_ptr<Lexicon> lexicon;
  IngestOptions opts = options;  // index.lexicon points at what is loaded here
  if (!options.lexicon.empty()) {
    auto loaded = Lexicon::Load(options.lexicon);
    if (!loaded.ok()) return loaded.status();
    lexicon = std::make_unique<Lexicon>(std::move(loaded.value()));
    opts.index.lexicon = lexicon.get();
  }
  std::unique_ptr<ShardedIndexer> sharded;
  std::unique_ptr<Indexer> serial;
  Writers writers;
  // One writer per index: not beside a bulk build that is still running.
  if (ShardedIndexer::BuildRunning(opts.index.db_path)) {
    return Status::IOError("a bulk build is running in " + opts.index.db_path + "; wait until it has published");
  }
  // What a killed bulk build left goes first, whichever writer runs now.
  ShardedIndexer::RemoveStaleBuilds(opts.index.db_path);
  if (opts.jobs > 1 && ShardedIndexer::IsNewIndex(opts.index.db_path)) {
    auto opened = ShardedIndexer::Open(opts.index, opts.jobs);
    if (!opened.ok()) return opened.status();
    sharded = std::move(opened.value());
    writers.sharded = sharded.get();
  } else {
    auto opened = Indexer::Open(opts.index);
    if (!opened.ok()) return opened.status();
    serial = std::move(opened.value());
    writers.serial = serial.get();
  }
  IndexingSink sink(writers, options, tagger.get(), analyzer.get());
  Status st = Import(options.import, &sink);
  Status finished = writers.Finish();
  sink.Finish();
  if (!sink.status().ok()) return sink.status();
  if (!finished.ok()) return finished;
  if (!st.ok()) return st;
  return sink.stats();
}

}  // namespace seedgraph
