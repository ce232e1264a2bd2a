// bench_query: seedgraph's query latency, in-process (query/search.h), on a
// built index and the bench_gen query set.
//
//   bench_query --db DIR --queries FILE [--repeat R] [--only plain|facets|officer] [--exact-limit N]
//               [--seeds N]
//
// Each query runs once untimed (warm caches, as a running server has), then
// R timed passes: "plain" is Search() with facets off, "facets" with all six
// facets (type, project, disease_area, modality, stage, year).  Both ask for
// 20 hits with snippets as the public role, the way GET /api/search does.
// Then related seeds, crosslinks and a 2-hop graph (without --only), from
// the first hits of the first --seeds N queries that have one (100).
// Prints RESULT lines (see bench_util.h).  --only runs one mode (profiling).
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/bench_util.h"
#include "query/crosslinks.h"
#include "query/graph.h"
#include "query/related.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/analyzer.h"

namespace seedgraph::bench {
namespace {

struct Options {
  std::string db;
  std::string queries;
  int repeat = 1;
  std::string only;
  long exact_limit = -1;  // -1: SearchRequest's default
  size_t seeds = 100;     // seeds of the related and graph timings
};

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--db") o->db = argv[i + 1];
    else if (flag == "--queries") o->queries = argv[i + 1];
    else if (flag == "--repeat") o->repeat = std::atoi(argv[i + 1]);
    else if (flag == "--only") o->only = argv[i + 1];
    else if (flag == "--exact-limit") o->exact_limit = std::atol(argv[i + 1]);
    else if (flag == "--seeds") o->seeds = static_cast<size_t>(std::atol(argv[i + 1]));
    else return false;
  }
  return argc % 2 == 1 && !o->db.empty() && !o->queries.empty() && o->repeat >= 1;
}

Series RunSeries(IndexView& db, const Analyzer& analyzer, const std::vector<BenchQuery>& queries,
                 bool facets, const Options& o) {
  const int repeat = o.repeat;
  Series s;
  for (int r = 0; r < repeat; ++r) {
    for (const auto& q : queries) {
      SearchRequest req;
      req.q = q.text;
      req.per_page = 20;
      req.facets = facets;
      if (o.exact_limit >= 0) req.exact_count_limit = static_cast<size_t>(o.exact_limit);
      const double t0 = NowMs();
      Result<SearchResult> res = Search(db, analyzer, req);
      const double t1 = NowMs();
      if (!res.ok()) {
        std::cerr << "bench_query: " << q.text << ": " << res.status().message() << "\n";
        std::exit(3);
      }
      s.ms.push_back(t1 - t0);
      s.totals.push_back(res->total);
    }
  }
  return s;
}

// Seeds for the related and graph timings: the first hit of each query
// (what an officer opens from a result list), at most `max`.
std::vector<std::string> Seeds(IndexView& db, const Analyzer& analyzer, const std::vector<BenchQuery>& queries,
                               size_t max) {
  std::vector<std::string> seeds;
  for (const auto& q : queries) {
    if (seeds.size() >= max) break;
    SearchRequest req;
    req.q = q.text;
    req.per_page = 1;
    req.facets = false;
    auto r = Search(db, analyzer, req);
    if (r.ok() && !r->hits.empty()) seeds.push_back(r->hits.front().id);
  }
  return seeds;
}

template <typename F>
Series Time(size_t n, int repeat, F f) {
  Series s;
  for (int r = 0; r < repeat; ++r) {
    for (size_t i = 0; i < n; ++i) {
      const double t0 = NowMs();
      const size_t total = f(i);
      s.ms.push_back(NowMs() - t0);
      s.totals.push_back(total);
    }
  }
  return s;
}

// Related seeds (20, any type), crosslinks disease_area x project under the
// query, and a depth-2 graph (200 nodes at most) from each seed.
void RunOfficerSeries(IndexView& db, const Analyzer& analyzer, const std::vector<BenchQuery>& queries,
                      int repeat, size_t max_seeds) {
  const std::vector<std::string> seeds = Seeds(db, analyzer, queries, max_seeds);
  PrintSeries("seedgraph", "related", Time(seeds.size(), repeat, [&](size_t i) {
    RelatedRequest req;
    req.id = seeds[i];
    auto r = Related(db, analyzer, req);
    return r.ok() ? r->size() : 0;
  }));
  PrintSeries("seedgraph", "crosslinks", Time(queries.size(), repeat, [&](size_t i) {
    CrosslinkRequest req;
    req.search.q = queries[i].text;
    auto r = CrossLinks(db, analyzer, req);
    return r.ok() ? r->total : 0;
  }));
  PrintSeries("seedgraph", "graph_2hop", Time(seeds.size(), repeat, [&](size_t i) {
    GraphRequest req;
    req.id = seeds[i];
    req.depth = 2;
    auto r = Neighbourhood(db, req);
    return r.ok() ? r->nodes.size() : 0;
  }));
}

int Main(int argc, char** argv) {
  Options o;
  if (!ParseArgs(argc, argv, &o)) {
    std::cerr << "usage: bench_query --db DIR --queries FILE [--repeat R] [--only plain|facets|officer] [--exact-limit N] [--seeds N]\n";
    return 2;
  }
  std::vector<BenchQuery> queries;
  try {
    queries = LoadQueries(o.queries);
  } catch (const std::exception& e) {
    std::cerr << "bench_query: " << e.what() << "\n";
    return 2;
  }
  // The public role's view, as GET /api/search answers an anonymous caller.
  Result<IndexView> db = IndexView::Open(o.db, Role::kPublic);
  if (!db.ok()) {
    std::cerr << "bench_query: " << db.status().message() << "\n";
    return 3;
  }
  Analyzer analyzer;
  Options once = o;
  once.repeat = 1;
  RunSeries(db.value(), analyzer, queries, true, once);  // warm-up
  std::printf("INFO seedgraph driven in-process: Search() from query/search.h, 20 hits + snippets, public role, "
              "%zu queries x %d\n", queries.size(), o.repeat);
  if (o.only.empty() || o.only == "plain") {
    const Series plain = RunSeries(db.value(), analyzer, queries, false, o);
    PrintSeries("seedgraph", "search_plain", plain);
    PrintKinds("seedgraph", "search_plain", queries, plain);
  }
  if (o.only.empty() || o.only == "facets") {
    const Series facets = RunSeries(db.value(), analyzer, queries, true, o);
    PrintSeries("seedgraph", "search_facets", facets);
    PrintKinds("seedgraph", "search_facets", queries, facets);
  }
  if (o.only.empty() || o.only == "officer") RunOfficerSeries(db.value(), analyzer, queries, o.repeat, o.seeds);
  return 0;
}

}  // namespace
}  // namespace seedgraph::bench

int main(int argc, char** argv) { return seedgraph::bench::Main(argc, argv); }
