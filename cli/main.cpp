// seedgraph: one program, subcommands (CONTRACT.md §2).
#include <cstring>
#include <iostream>

#include "cli/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: seedgraph COMMAND [OPTIONS] [ARGS]

A research knowledge graph and search service (Japanese/English).

commands:
  index     add records to an index       seedgraph index --db DIR [--format F] FILE...
  convert   import a source to JSONL      seedgraph convert --format F FILE... > out.jsonl
  resolve   same_as links, with evidence  seedgraph resolve --db DIR [--dry-run]
  search    search an index               seedgraph search --db DIR [--json] QUERY
  export    every match as CSV or JSONL   seedgraph export --db DIR [--format csv|jsonl] [--bom] QUERY
  alerts    users' alerts (for a cron job) seedgraph alerts --db DIR --state FILE --tokens FILE
  get       show one record and its links seedgraph get --db DIR ID
  serve     HTTP API and web UI           seedgraph serve --db DIR [--port 8080]
  demo      index the bundled demo corpus (if missing) and serve it
  eval      search quality on a judged query set  seedgraph eval --db DIR --queries FILE

Run `seedgraph COMMAND --help` for the options of a command.
exit codes: 0 ok, 1 input rejected / not found, 2 usage error, 3 runtime failure
)";

struct Command {
  const char* name;
  int (*run)(int, char**);
};

const Command kCommands[] = {
    {"index", seedgraph::RunIndex},   {"convert", seedgraph::RunConvert}, {"search", seedgraph::RunSearch},
    {"get", seedgraph::RunGet},       {"serve", seedgraph::RunServe},     {"demo", seedgraph::RunDemo},
    {"eval", seedgraph::RunEval},     {"resolve", seedgraph::RunResolve}, {"export", seedgraph::RunExport},
    {"alerts", seedgraph::RunAlerts},
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return seedgraph::kExitUsage;
  }
  if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "help") == 0) {
    std::cout << kUsage;
    return seedgraph::kExitOk;
  }
  for (const auto& c : kCommands) {
    if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1);
  }
  std::cerr << "seedgraph: unknown command \"" << argv[1] << "\"\n\n" << kUsage;
  return seedgraph::kExitUsage;
}
