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

// Feeds accepted records to the indexer; counts and reports rejections.
class IndexingSink : public RecordSink {
 public:
  IndexingSink(RecordWriter* writer, const IngestOptions& options, const Tagger* tagger,
               const Analyzer* analyzer)
      : writer_(writer), options_(options), tagger_(tagger), analyzer_(analyzer),
        start_(Clock::now()), last_(start_) {}

  void Accept(Record record) override {
    if (!status_.ok()) return;
    // After validation (the importer's), so derived codes are known codes.
    if (tagger_ != nullptr && tagger_->Tag(&record, *analyzer_) > 0) ++stats_.tagged;
    ++stats_.by_type[record.type];
    for (const auto& l : record.links) ++stats_.by_rel[l.rel];
    status_ = writer_->AddRecord(std::move(record));
    if (!status_.ok()) return;
    ++stats_.indexed;
    MaybeShowProgress();
  }

  void Reject(const std::string& where, const std::string& message) override {
    ++stats_.rejected;
    if (options_.reject) {
      options_.reject(where, message);
    } else {
      *options_.errors << where << ": " << message << "\n";
    }
  }

  void Remove(const std::string& id) override {
    if (!status_.ok()) return;
    status_ = writer_->RemoveRecord(id);
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

  RecordWriter* writer_;
  const IngestOptions& options_;
  const Tagger* tagger_;      // null: no tagging
  const Analyzer* analyzer_;  // the tagger's; null with it
  Clock::time_point start_, last_;
  IngestStats stats_;
  Status status_;
  bool shown_ = false;
};

}  // namespace

struct IngestSession::Impl {
  IngestOptions options;  // options.index.lexicon points at `lexicon`
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<Tagger> own_tagger;
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<RecordWriter> writer;
  std::unique_ptr<IndexingSink> sink;
  bool finished = false;
};

IngestSession::IngestSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

IngestSession::~IngestSession() {
  if (impl_ && !impl_->finished) Finish();
}

Result<std::unique_ptr<IngestSession>> IngestSession::Open(const IngestOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  IngestOptions& opts = impl->options;
  // The dictionary is loaded once per run, before the index is opened: a
  // broken one stops the run before anything is written.
  const Tagger* tagger = options.tagger;
  if (tagger != nullptr || !options.tag_dictionary.empty()) impl->analyzer = std::make_unique<Analyzer>();
  if (tagger == nullptr && !options.tag_dictionary.empty()) {
    auto loaded = Tagger::Load(options.tag_dictionary, *impl->analyzer);
    if (!loaded.ok()) return loaded.status();
    impl->own_tagger = std::make_unique<Tagger>(std::move(loaded.value()));
    tagger = impl->own_tagger.get();
  }
  if (!options.lexicon.empty()) {
    auto loaded = Lexicon::Load(options.lexicon);
    if (!loaded.ok()) return loaded.status();
    impl->lexicon = std::make_unique<Lexicon>(std::move(loaded.value()));
    opts.index.lexicon = impl->lexicon.get();
  }
  // One writer per index: not beside a bulk build that is still running.
  if (ShardedIndexer::BuildRunning(opts.index.db_path)) {
    return Status::IOError("a bulk build is running in " + opts.index.db_path + "; wait until it has published");
  }
  // What a killed bulk build left goes first, whichever writer runs now.
  ShardedIndexer::RemoveStaleBuilds(opts.index.db_path);
  // A new index is built in parallel (indexer/parallel.h): merged into one
  // database per level, or, sharded, each shard written by one of the jobs.
  if (opts.jobs > 1 && ShardedIndexer::IsNewIndex(opts.index.db_path)) {
    auto opened = ShardedIndexer::Open(opts.index, opts.jobs);
    if (!opened.ok()) return opened.status();
    impl->writer = std::move(opened.value());
  } else {
    auto opened = Indexer::Open(opts.index);
    if (!opened.ok()) return opened.status();
    impl->writer = std::move(opened.value());
  }
  impl->sink = std::make_unique<IndexingSink>(impl->writer.get(), impl->options, tagger, impl->analyzer.get());
  return std::unique_ptr<IngestSession>(new IngestSession(std::move(impl)));
}

RecordSink* IngestSession::sink() { return impl_->sink.get(); }

const Status& IngestSession::status() const { return impl_->sink->status(); }

const IngestStats& IngestSession::stats() const { return impl_->sink->stats(); }

Status IngestSession::Finish() {
  if (impl_->finished) return Status::Ok();
  impl_->finished = true;
  Status finished = impl_->writer->Finish();
  impl_->sink->Finish();
  if (!impl_->sink->status().ok()) return impl_->sink->status();
  return finished;
}

Result<IngestStats> Ingest(const IngestOptions& options) {
  Result<std::unique_ptr<IngestSession>> session = IngestSession::Open(options);
  if (!session.ok()) return session.status();
  Status st = Import(options.import, session.value()->sink());
  Status finished = session.value()->Finish();
  if (!finished.ok()) return finished;
  if (!st.ok()) return st;
  return session.value()->stats();
}

}  // namespace seedgraph
