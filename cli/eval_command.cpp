// seedgraph eval: search quality of an index on a judged query set
// (query/evaluate.h), the figures docs/QUALITY.md reports.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "query/evaluate.h"
#include "query/store.h"

namespace seedgraph {
namespace {

constexpr const char* kEvalUsage = R"(usage: seedgraph eval --db DIR --queries FILE [--misses] [--rankings OUT] [--no-expand]

Runs every query of FILE (category<TAB>query<TAB>relevant ids, see
tests/eval/queries.tsv) through the search, and prints hit@10, MRR@10 and
nDCG@10 per category and overall.

options:
  --db DIR          index directory (required)
  --queries FILE    judged query set (required)
  --misses          also list the queries whose first relevant hit is not first
  --no-expand       search without query expansion (to measure what it adds)
  --rankings OUT    write each query's top 10 ids as TSV (tests/eval/compare.py)
exit codes: 0 ok, 2 usage error, 3 runtime failure (bad query file, index)
)";

void PrintMisses(const std::vector<EvalQuery>& queries, const std::vector<QueryScore>& scores,
                 const std::vector<std::vector<std::string>>& rankings) {
  for (size_t i = 0; i < queries.size(); ++i) {
    if (scores[i].first_rank == 1) continue;
    std::cout << "miss  " << queries[i].category << "  " << queries[i].text << "  first relevant at "
              << (scores[i].first_rank ? std::to_string(scores[i].first_rank) : std::string("none")) << "; top: "
              << (rankings[i].empty() ? std::string("(nothing)") : rankings[i].front()) << "\n";
  }
}

bool WriteRankings(const std::string& path, const std::vector<EvalQuery>& queries,
                   const std::vector<std::vector<std::string>>& rankings) {
  std::ofstream out(path);
  for (size_t i = 0; i < queries.size(); ++i) {
    out << queries[i].category << '\t' << queries[i].text << '\t';
    for (size_t j = 0; j < rankings[i].size(); ++j) out << (j ? " " : "") << rankings[i][j];
    out << '\n';
  }
  return static_cast<bool>(out);
}

}  // namespace

int RunEval(int argc, char** argv) {
  Flags flags({"help", "misses", "no-expand"}, {"db", "queries", "rankings"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kEvalUsage;
    return kExitOk;
  }
  if (err.empty() && (!flags.Has("db") || !flags.Has("queries"))) err = "--db and --queries are required";
  if (err.empty() && !flags.positional().empty()) err = "unexpected argument " + flags.positional().front();
  if (!err.empty()) {
    std::cerr << "seedgraph eval: " << err << "\n\n" << kEvalUsage;
    return kExitUsage;
  }
  auto queries = LoadEvalQueries(flags.Get("queries"));
  auto db = queries.ok() ? IndexView::Open(flags.Get("db"), Role::kAdmin) : Result<IndexView>(queries.status());
  if (!db.ok()) {
    std::cerr << "seedgraph eval: " << db.status().message() << "\n";
    return kExitFailure;
  }
  Analyzer analyzer;
  auto rankings = RankAll(db.value(), analyzer, queries.value(), 10, !flags.Has("no-expand"));
  if (!rankings.ok()) {
    std::cerr << "seedgraph eval: " << rankings.status().message() << "\n";
    return kExitFailure;
  }
  std::vector<QueryScore> scores;
  for (size_t i = 0; i < queries->size(); ++i) scores.push_back(ScoreRanking(rankings.value()[i], (*queries)[i].relevant));
  std::cout << FormatScores(Summarize(queries.value(), scores));
  if (flags.Has("misses")) PrintMisses(queries.value(), scores, rankings.value());
  if (flags.Has("rankings") && !WriteRankings(flags.Get("rankings"), queries.value(), rankings.value())) {
    std::cerr << "seedgraph eval: cannot write " << flags.Get("rankings") << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace seedgraph
