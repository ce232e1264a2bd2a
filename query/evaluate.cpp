#include "query/evaluate.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "query/search.h"

namespace seedgraph {
namespace {

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) {
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

}  // namespace

Result<std::vector<EvalQuery>> LoadEvalQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument(path + ": cannot open");
  std::vector<EvalQuery> queries;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string c; std::getline(fields, c, '\t');) cols.push_back(c);
    if (cols.size() < 3 || cols[0].empty() || cols[1].empty()) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": want category<TAB>query<TAB>ids");
    }
    EvalQuery q{cols[0], cols[1], SplitOn(cols[2], ' ')};
    if (q.relevant.empty()) return Status::InvalidArgument(path + ":" + std::to_string(n) + ": no relevant ids");
    queries.push_back(std::move(q));
  }
  return queries;
}

QueryScore ScoreRanking(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant, size_t k) {
  const std::set<std::string> rel(relevant.begin(), relevant.end());
  QueryScore s;
  double dcg = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) {
    if (rel.count(ranked[i]) == 0) continue;
    dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    if (s.first_rank == 0) s.first_rank = static_cast<int>(i) + 1;
  }
  double ideal = 0;
  for (size_t i = 0; i < rel.size() && i < k; ++i) ideal += 1.0 / std::log2(static_cast<double>(i) + 2.0);
  s.hit = s.first_rank > 0 ? 1 : 0;
  s.rr = s.first_rank > 0 ? 1.0 / s.first_rank : 0;
  s.ndcg = ideal > 0 ? dcg / ideal : 0;
  return s;
}

std::vector<CategoryScore> Summarize(const std::vector<EvalQuery>& queries, const std::vector<QueryScore>& scores) {
  std::vector<CategoryScore> rows;
  std::map<std::string, size_t> index;
  CategoryScore overall;
  overall.category = "overall";
  for (size_t i = 0; i < queries.size() && i < scores.size(); ++i) {
    auto [it, fresh] = index.emplace(queries[i].category, rows.size());
    if (fresh) rows.push_back(CategoryScore{queries[i].category});
    for (CategoryScore* row : {&rows[it->second], &overall}) {
      ++row->queries;
      row->hit += scores[i].hit;
      row->mrr += scores[i].rr;
      row->ndcg += scores[i].ndcg;
    }
  }
  rows.push_back(overall);
  for (auto& r : rows) {
    if (r.queries == 0) continue;
    r.hit /= r.queries;
    r.mrr /= r.queries;
    r.ndcg /= r.queries;
  }
  return rows;
}

Result<std::vector<std::vector<std::string>>> RankAll(IndexView& view, const Analyzer& analyzer,
                                                      const std::vector<EvalQuery>& queries, size_t k,
                                                      bool expand) {
  std::vector<std::vector<std::string>> rankings;
  for (const auto& q : queries) {
    SearchRequest req;
    req.q = q.text;
    req.per_page = static_cast<int>(k);
    req.facets = false;
    req.expand = expand;
    auto r = Search(view, analyzer, req);
    if (!r.ok()) return r.status();
    std::vector<std::string> ids;
    for (const auto& h : r->hits) ids.push_back(h.id);
    rankings.push_back(std::move(ids));
  }
  return rankings;
}

std::string FormatScores(const std::vector<CategoryScore>& rows) {
  std::string out = "category        queries  hit@10  MRR@10  nDCG@10\n";
  for (const auto& r : rows) {
    char line[128];
    std::snprintf(line, sizeof line, "%-15s %7zu  %6.3f  %6.3f  %7.3f\n", r.category.c_str(), r.queries, r.hit, r.mrr,
                  r.ndcg);
    out += line;
  }
  return out;
}

}  // namespace seedgraph
