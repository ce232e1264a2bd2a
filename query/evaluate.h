// Search-quality evaluation: a judged query set in, hit@k / MRR@k / nDCG@k
// per category out.  Used by `seedgraph eval` and tests/quality_test.cpp;
// tests/eval/compare.py computes the same figures for the peer engines.
//
// Query file (TSV, UTF-8, '#' starts a comment line):
//   category <TAB> query <TAB> relevant-id [space relevant-id]...
// Relevance is binary; nDCG's ideal ranking puts every relevant record
// first (at most k of them).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

struct EvalQuery {
  std::string category;
  std::string text;
  std::vector<std::string> relevant;
};

// Reads a query file; kInvalidArgument with "file:line: reason" on a bad line.
Result<std::vector<EvalQuery>> LoadEvalQueries(const std::string& path);

struct QueryScore {
  double hit = 0;   // 1 when a relevant record is in the top k
  double rr = 0;    // 1 / rank of the first relevant record (0 if none)
  double ndcg = 0;
  int first_rank = 0;  // 1-based, 0 when none in the top k
};

QueryScore ScoreRanking(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                        size_t k = 10);

struct CategoryScore {
  std::string category;  // "overall" for the last row
  size_t queries = 0;
  double hit = 0, mrr = 0, ndcg = 0;
};

// One row per category (in order of first appearance), then "overall".
std::vector<CategoryScore> Summarize(const std::vector<EvalQuery>& queries, const std::vector<QueryScore>& scores);

// Runs every query through Search() (admin role, relevance order) and
// returns the top k ids of each.
Result<std::vector<std::vector<std::string>>> RankAll(IndexView& view, const Analyzer& analyzer,
                                                      const std::vector<EvalQuery>& queries, size_t k = 10,
                                                      bool expand = true);

// The summary as an aligned text table.
std::string FormatScores(const std::vector<CategoryScore>& rows);

}  // namespace seedgraph
