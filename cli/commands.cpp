#include "cli/commands.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/flags.h"
#include "indexer/ingest.h"
#include "indexer/resolve.h"
#include "query/json.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Prints "seedgraph CMD: message" and the command's usage; returns kExitUsage.
int UsageError(const char* cmd, const std::string& message, const char* usage) {
  std::cerr << "seedgraph " << cmd << ": " << message << "\n\n" << usage;
  return kExitUsage;
}

// Parses flags; on --help prints usage and sets *exit_code to 0; on a bad
// flag prints the error and sets it to kExitUsage.  Returns true to go on.
bool ParseFlags(Flags* flags, int argc, char** argv, const char* usage, int* exit_code) {
  std::string err = flags->Parse(argc, argv, 1);
  if (!err.empty()) {
    *exit_code = UsageError(argv[0], err, usage);
    return false;
  }
  if (flags->Has("help")) {
    std::cout << usage;
    *exit_code = kExitOk;
    return false;
  }
  return true;
}

std::string FormatList() {
  std::string s;
  for (const auto& f : ImportFormats()) s += (s.empty() ? "" : "|") + f;
  return s;
}

// The bundled dictionary, when this binary's source tree has it ("" if not:
// then nothing is derived unless --tags names one).
// A bundled data/vocab file of the source tree, or "" when it is absent.
std::string BundledVocab(const char* name) {
  std::string path = std::string(SEEDGRAPH_SOURCE_DIR "/data/vocab/") + name;
  std::error_code ec;
  return std::filesystem::exists(path, ec) ? path : std::string();
}
std::string DefaultTagDictionary() { return BundledVocab("tags.tsv"); }

// The per-type, per-rel and skipped counts after "indexed ..." / "converted ...".
void PrintCounts(const std::map<std::string, size_t>& by_type, const std::map<std::string, size_t>& by_rel,
                 const std::map<std::string, size_t>& skipped) {
  for (const auto& [type, n] : by_type) std::fprintf(stderr, "  type %-14s %zu\n", type.c_str(), n);
  for (const auto& [rel, n] : by_rel) std::fprintf(stderr, "  rel  %-14s %zu\n", rel.c_str(), n);
  for (const auto& [what, n] : skipped) std::fprintf(stderr, "  skipped %zu %s\n", n, what.c_str());
}

constexpr const char* kIndexUsage = R"(usage: seedgraph index --db DIR [--format FORMAT] [--batch N] [--jobs N] [--shards N] [--tags FILE | --no-tags] [--lexicon FILE | --no-lexicon] FILE...

Adds records to the index at DIR (created if missing).  A record with an id
already in the index replaces it.  FILE "-" reads standard input.
Rejected records are reported as "file:line: field: reason"; the others are
indexed all the same.

options:
  --db DIR        index directory (required)
  --format F      input format: jsonl (default), nando, kaken, edinet, pubmed,
                  ictrp, nbdc, pap2pat, uspto, ror, yakka, orange-book,
                  outcomes, ctgov, covid-trials (uspto and yakka need their
                  class map among the FILEs: data/vocab/ipc_map.tsv,
                  data/vocab/yakko_class_map.tsv; nbdc takes
                  data/vocab/amed_programmes.tsv; orange-book reads the
                  Drugs@FDA Applications and Products files and the Orange
                  Book patent and exclusivity files, recognised by name;
                  outcomes is the agency's outcome CSV, README "Outcome records")
  --batch N       records per commit and writer (default 2500)
  --jobs N        writer threads when DIR is new (default 2): records are
                  indexed into N shards in parallel, merged into DIR at the
                  end; an existing index is always updated by one writer
  --shards N      when DIR is new: keep N shard databases by id hash
                  (DIR/shard-K/, DIR/lexicon/ and the stub DIR/XAPIANDB) to
                  serve them from several processes or hosts with
                  xapian-tcpsrv (docs/DEPLOY.md); built by min(N, --jobs)
                  writers, each owning whole shards.  Later runs (one
                  writer) route each record to its shard by themselves
  --tags FILE     derive missing disease_areas / modalities from this term
                  dictionary (default: data/vocab/tags.tsv of the source tree,
                  when it exists); each derived code is explained in
                  attrs.derived_tags
  --no-tags       derive nothing
  --lexicon FILE  the ja/en concept lexicon for query expansion, written into
                  the index once (default: data/vocab/lexicon.tsv of the
                  source tree, when it exists; data/vocab/LEXICON.md)
  --no-lexicon    leave the index's lexicon as it is
  --quiet         no progress line
exit codes: 0 all indexed, 1 some rejected, 2 usage error, 3 runtime failure
)";

}  // namespace

int RunIndex(int argc, char** argv) {
  Flags flags({"help", "quiet", "no-tags", "no-lexicon"}, {"db", "format", "batch", "jobs", "shards", "tags", "lexicon"});
  int code = kExitOk;
  if (!ParseFlags(&flags, argc, argv, kIndexUsage, &code)) return code;
  if (!flags.Has("db")) return UsageError("index", "--db is required", kIndexUsage);
  if (flags.positional().empty()) return UsageError("index", "no input FILE given", kIndexUsage);
  IngestOptions options;
  options.import.format = flags.Get("format", "jsonl");
  options.import.files = flags.positional();
  options.index.db_path = flags.Get("db");
  int batch = static_cast<int>(IndexerOptions{}.batch_size);
  if (flags.Has("batch") && (!ParseInt(flags.Get("batch"), &batch) || batch < 1)) {
    return UsageError("index", "--batch must be a positive integer", kIndexUsage);
  }
  options.index.batch_size = static_cast<size_t>(batch);
  int jobs = kDefaultIndexJobs;
  if (flags.Has("jobs") && (!ParseInt(flags.Get("jobs"), &jobs) || jobs < 1 || jobs > 64)) {
    return UsageError("index", "--jobs must be an integer from 1 to 64", kIndexUsage);
  }
  options.jobs = static_cast<size_t>(jobs);
  int shards = 0;
  if (flags.Has("shards") && (!ParseInt(flags.Get("shards"), &shards) || shards < 1 || shards > 256)) {
    return UsageError("index", "--shards must be an integer from 1 to 256", kIndexUsage);
  }
  options.index.shards = static_cast<size_t>(shards);
  if (flags.Has("tags") && flags.Has("no-tags")) {
    return UsageError("index", "--tags and --no-tags exclude each other", kIndexUsage);
  }
  if (!flags.Has("no-tags")) options.tag_dictionary = flags.Get("tags", DefaultTagDictionary());
  if (flags.Has("lexicon") && flags.Has("no-lexicon")) {
    return UsageError("index", "--lexicon and --no-lexicon exclude each other", kIndexUsage);
  }
  if (!flags.Has("no-lexicon")) options.lexicon = flags.Get("lexicon", BundledVocab("lexicon.tsv"));
  options.errors = &std::cerr;
  if (!flags.Has("quiet") && isatty(STDERR_FILENO)) options.progress = &std::cerr;
  bool known = false;
  for (const auto& f : ImportFormats()) known |= f == options.import.format;
  if (!known) return UsageError("index", "unknown --format " + options.import.format + " (" + FormatList() + ")", kIndexUsage);
  auto stats = Ingest(options);
  if (!stats.ok()) {
    std::cerr << "seedgraph index: " << stats.status().message() << "\n";
    return kExitFailure;
  }
  std::fprintf(stderr, "indexed %zu records, rejected %zu, in %.1f s\n", stats->indexed, stats->rejected,
               stats->seconds);
  if (stats->removed > 0) std::fprintf(stderr, "removed %zu records (withdrawn by the source)\n", stats->removed);
  if (stats->tagged > 0) std::fprintf(stderr, "derived disease areas / modalities for %zu records\n", stats->tagged);
  PrintCounts(stats->by_type, stats->by_rel, stats->skipped);
  return stats->rejected > 0 ? kExitRejected : kExitOk;
}

namespace {

constexpr const char* kConvertUsage = R"(usage: seedgraph convert --format FORMAT FILE... > records.jsonl

Runs an importer and writes its records as JSON Lines (CONTRACT §1) to
standard output, without indexing them: this is how data/demo/ is made.

options:
  --format F      nando, kaken, edinet, pubmed, ictrp, nbdc, pap2pat, uspto,
                  ror, yakka, orange-book, outcomes, ctgov, covid-trials, jsonl
                  (uspto and yakka need their class map among the FILEs:
                  data/vocab/ipc_map.tsv, data/vocab/yakko_class_map.tsv)
exit codes: 0 ok, 1 some input rejected, 2 usage error, 3 runtime failure
)";

// Writes each accepted record as one JSON line; reports rejections.
class JsonlWriterSink : public RecordSink {
 public:
  void Accept(Record record) override {
    std::string line = WriteRecordJson(record);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    ++written;
    ++by_type[record.type];
    for (const auto& l : record.links) ++by_rel[l.rel];
  }
  void Reject(const std::string& where, const std::string& message) override {
    std::cerr << where << ": " << message << "\n";
    ++rejected;
  }
  // JSON Lines cannot say "delete": the withdrawal is only counted.
  void Remove(const std::string& id) override {
    (void)id;
    ++removed;
  }
  void Skip(const std::string& what) override { ++skipped[what]; }
  size_t written = 0, rejected = 0, removed = 0;
  std::map<std::string, size_t> by_type, by_rel, skipped;
};

}  // namespace

int RunConvert(int argc, char** argv) {
  Flags flags({"help"}, {"format"});
  int code = kExitOk;
  if (!ParseFlags(&flags, argc, argv, kConvertUsage, &code)) return code;
  if (!flags.Has("format")) return UsageError("convert", "--format is required", kConvertUsage);
  if (flags.positional().empty()) return UsageError("convert", "no input FILE given", kConvertUsage);
  ImportOptions options;
  options.format = flags.Get("format");
  options.files = flags.positional();
  JsonlWriterSink sink;
  Status st = Import(options, &sink);
  std::fflush(stdout);
  if (!st.ok()) {
    std::cerr << "seedgraph convert: " << st.message() << "\n";
    return st.code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  std::cerr << "converted " << sink.written << " records, rejected " << sink.rejected;
  if (sink.removed > 0) std::cerr << ", removed " << sink.removed << " (not written: JSON Lines has no delete)";
  std::cerr << "\n";
  PrintCounts(sink.by_type, sink.by_rel, sink.skipped);
  return sink.rejected > 0 ? kExitRejected : kExitOk;
}

namespace {

constexpr const char* kResolveUsage = R"(usage: seedgraph resolve --db DIR [--dry-run] [--verbose]

Entity resolution over an index: records that name the same thing get
reciprocal same_as links, each with its evidence in attrs.same_as_evidence.
  - same type and a shared identifier (doi, pmid, corporate_number, grant,
    registry ids, orcid, ...);
  - people with compatible names (kinzler_k ~ kinzler_kenneth) only when
    corroborated: their records share another person (co-author/inventor);
  - organizations and companies with identical normalised names, or one
    法人番号.
Conservative: never a name alone, never across visibility levels, never
when identifiers disagree; nothing is deleted.  Idempotent.  Run it again
after each `seedgraph index`: a re-ingested record loses its same_as links.

options:
  --db DIR        index directory (required; must exist)
  --dry-run       count the merges, write nothing
  --verbose       print each merge ("a <-> b  by doi 10.x/y") on stdout
exit codes: 0 ok, 2 usage error, 3 runtime failure
)";

}  // namespace

int RunResolve(int argc, char** argv) {
  Flags flags({"help", "dry-run", "verbose"}, {"db"});
  int code = kExitOk;
  if (!ParseFlags(&flags, argc, argv, kResolveUsage, &code)) return code;
  if (!flags.Has("db")) return UsageError("resolve", "--db is required", kResolveUsage);
  if (!flags.positional().empty()) return UsageError("resolve", "unexpected argument " + flags.positional().front(), kResolveUsage);
  ResolveOptions options;
  options.db_path = flags.Get("db");
  options.dry_run = flags.Has("dry-run");
  if (flags.Has("verbose")) options.log = &std::cout;
  auto stats = Resolve(options);
  if (!stats.ok()) {
    std::cerr << "seedgraph resolve: " << stats.status().message() << "\n";
    return kExitFailure;
  }
  size_t pairs = 0;
  for (const auto& [kind, n] : stats->merges) pairs += n;
  std::fprintf(stderr, "same_as: %zu merges found, %zu links added, %zu records updated%s\n", pairs,
               stats->new_links, stats->records_updated, options.dry_run ? " (dry run: nothing written)" : "");
  for (const auto& [kind, n] : stats->merges) std::fprintf(stderr, "  %-36s %zu\n", kind.c_str(), n);
  std::fprintf(stderr, "not merged: %zu uncorroborated names, %zu vetoed, %zu ambiguous, %zu across visibility, %zu oversized groups\n",
               stats->uncorroborated, stats->vetoed, stats->ambiguous, stats->visibility, stats->large_groups);
  return kExitOk;
}

}  // namespace seedgraph
