// The peer engines of the benchmark (bench_peers subcommands).
#pragma once

#include <string>

namespace seedgraph::bench {

// SQLite FTS5 (trigram): build DB from the corpus; time the query set.
int SqliteLoad(const std::string& db_path, const std::string& corpus);
int SqliteQuery(const std::string& db_path, const std::string& queries_path);

// Groonga (TokenBigram + NormalizerAuto): write the command file that
// `groonga -n DB < FILE` loads (schema, load, then the index column: static
// indexing, Groonga's fast path for bulk loads); time the query set.
int GroongaPrep(const std::string& corpus, const std::string& out_path);
int GroongaQuery(const std::string& db_path, const std::string& queries_path);

}  // namespace seedgraph::bench
