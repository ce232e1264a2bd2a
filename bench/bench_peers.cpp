// bench_peers: the peers of the benchmark, on the same corpus and queries.
//
//   bench_peers sqlite-load DB CORPUS      bench_peers sqlite-query DB QUERIES
//   bench_peers groonga-prep CORPUS FILE   bench_peers groonga-query DB QUERIES
#include <iostream>
#include <stdexcept>
#include <string>

#include "bench/peers.h"

int main(int argc, char** argv) {
  using namespace seedgraph::bench;
  if (argc != 4) {
    std::cerr << "usage: bench_peers sqlite-load|sqlite-query|groonga-prep|groonga-query ARG ARG\n";
    return 2;
  }
  const std::string cmd = argv[1];
  try {
    if (cmd == "sqlite-load") return SqliteLoad(argv[2], argv[3]);
    if (cmd == "sqlite-query") return SqliteQuery(argv[2], argv[3]);
    if (cmd == "groonga-prep") return GroongaPrep(argv[2], argv[3]);
    if (cmd == "groonga-query") return GroongaQuery(argv[2], argv[3]);
  } catch (const std::exception& e) {
    std::cerr << "bench_peers " << cmd << ": " << e.what() << "\n";
    return 3;
  }
  std::cerr << "bench_peers: unknown command " << cmd << "\n";
  return 2;
}
