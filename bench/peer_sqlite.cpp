// SQLite FTS5 with the trigram tokenizer, driven in-process through the C
// API (libsqlite3, Debian's build).  Loading: one prepared INSERT, a
// transaction per 5,000 records (seedgraph commits every 5,000 too).
// Querying: words of 3+ characters go to MATCH (a phrase each, ANDed);
// shorter ones, which the trigram index cannot look up, become LIKE
// conditions, as an FTS5-trigram user has to write them.
#include <sqlite3.h>

#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "bench/peer_common.h"
#include "bench/peers.h"

namespace seedgraph::bench {
namespace {

constexpr size_t kBatch = 5000;
const char kSep = '\x1f';

void Check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string("sqlite ") + what + ": " + sqlite3_errmsg(db));
  }
}

void Exec(sqlite3* db, const char* sql) { Check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += kSep;
    out += s;
  }
  return out;
}

void Bind(sqlite3_stmt* st, int i, const std::string& s) {
  sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}

// The WHERE clause and its parameters for a query.
struct Where {
  std::string sql;
  std::vector<std::string> params;
  bool has_match = false;
};

Where BuildWhere(const std::string& q) {
  Where w;
  std::string match;
  std::vector<std::string> conds;
  for (const auto& word : PeerWords(q)) {
    std::string esc;
    for (char c : word) esc += c == '"' ? std::string("\"\"") : std::string(1, c);
    if (CodePointCount(word) >= 3) {
      match += (match.empty() ? "\"" : " \"") + esc + "\"";
    } else {
      conds.push_back("(title LIKE ? OR body LIKE ?)");
      w.params.push_back("%" + word + "%");
      w.params.push_back("%" + word + "%");
    }
  }
  if (!match.empty()) {
    conds.insert(conds.begin(), "docs MATCH ?");
    w.params.insert(w.params.begin(), match);
    w.has_match = true;
  }
  if (conds.empty()) conds.push_back("0");
  for (size_t i = 0; i < conds.size(); ++i) w.sql += (i ? " AND " : "") + conds[i];
  return w;
}

sqlite3_stmt* Prepare(sqlite3* db, const std::string& sql, const Where& w) {
  sqlite3_stmt* st = nullptr;
  Check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), "prepare");
  for (size_t i = 0; i < w.params.size(); ++i) Bind(st, static_cast<int>(i + 1), w.params[i]);
  return st;
}

// Top 20 with snippets (ranked by bm25 with title x2 when MATCH is used),
// then either count(*) or one pass over the facet columns.
size_t RunQuery(sqlite3* db, const std::string& q, bool facets) {
  const Where w = BuildWhere(q);
  const std::string top = w.has_match
      ? "SELECT id, title, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs WHERE " + w.sql +
            " ORDER BY bm25(docs, 2.0, 1.0) LIMIT 20"
      : "SELECT id, title, substr(body, 1, 80) FROM docs WHERE " + w.sql + " LIMIT 20";
  sqlite3_stmt* st = Prepare(db, top, w);
  std::string sink;
  while (sqlite3_step(st) == SQLITE_ROW) sink.append(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)));
  sqlite3_finalize(st);
  size_t total = 0;
  if (!facets) {
    st = Prepare(db, "SELECT count(*) FROM docs WHERE " + w.sql, w);
    if (sqlite3_step(st) == SQLITE_ROW) total = static_cast<size_t>(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    return total;
  }
  st = Prepare(db, "SELECT type, project, stage, year, areas, mods FROM docs WHERE " + w.sql, w);
  std::map<std::string, size_t> counts[6];
  while (sqlite3_step(st) == SQLITE_ROW) {
    ++total;
    for (int c = 0; c < 6; ++c) {
      const char* v = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      if (v == nullptr || *v == '\0') continue;
      if (c < 4) { ++counts[c][v]; continue; }
      std::string s(v);
      for (size_t a = 0, b; a <= s.size(); a = b + 1) {
        b = s.find(kSep, a);
        if (b == std::string::npos) b = s.size();
        ++counts[c][s.substr(a, b - a)];
      }
    }
  }
  sqlite3_finalize(st);
  return total;
}

}  // namespace

int SqliteLoad(const std::string& db_path, const std::string& corpus) {
  sqlite3* db = nullptr;
  Check(db, sqlite3_open(db_path.c_str(), &db), "open");
  Exec(db, "CREATE VIRTUAL TABLE docs USING fts5(title, body, id UNINDEXED, type UNINDEXED, project UNINDEXED, "
           "stage UNINDEXED, year UNINDEXED, areas UNINDEXED, mods UNINDEXED, tokenize='trigram')");
  sqlite3_stmt* ins = nullptr;
  Check(db, sqlite3_prepare_v2(db, "INSERT INTO docs VALUES (?,?,?,?,?,?,?,?,?)", -1, &ins, nullptr), "prepare");
  std::ifstream in(corpus);
  std::string line;
  FlatRecord r;
  size_t n = 0;
  const double t0 = NowMs();
  Exec(db, "BEGIN");
  while (std::getline(in, line)) {
    if (!ParseFlat(line, &r)) continue;
    const std::string fields[] = {r.title, r.body, r.id, r.type, r.project, r.stage,
                                  r.year ? std::to_string(r.year) : "", Join(r.areas), Join(r.modalities)};
    for (int i = 0; i < 9; ++i) Bind(ins, i + 1, fields[i]);
    Check(db, sqlite3_step(ins), "insert");
    sqlite3_reset(ins);
    if (++n % kBatch == 0) { Exec(db, "COMMIT"); Exec(db, "BEGIN"); }
  }
  Exec(db, "COMMIT");
  const double secs = (NowMs() - t0) / 1000;
  sqlite3_finalize(ins);
  sqlite3_close(db);
  std::printf("RESULT sqlite index_records %zu\nRESULT sqlite index_seconds %.2f\nRESULT sqlite index_rate %.0f\n", n,
              secs, n / secs);
  return 0;
}

int SqliteQuery(const std::string& db_path, const std::string& queries_path) {
  const auto queries = LoadQueries(queries_path);
  sqlite3* db = nullptr;
  Check(db, sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), "open");
  for (const auto& q : queries) RunQuery(db, q.text, true);  // warm-up
  std::printf("INFO sqlite driven in-process: libsqlite3 %s C API, FTS5 trigram; top 20 by bm25 with snippet() + "
              "count(*) (plain) or one pass over the facet columns counted in C++ (facets)\n", sqlite3_libversion());
  for (bool facets : {false, true}) {
    Series s;
    for (const auto& q : queries) {
      const double t0 = NowMs();
      const size_t total = RunQuery(db, q.text, facets);
      s.ms.push_back(NowMs() - t0);
      s.totals.push_back(total);
    }
    const std::string name = facets ? "search_facets" : "search_plain";
    PrintSeries("sqlite", name, s);
    PrintKinds("sqlite", name, queries, s);
  }
  sqlite3_close(db);
  return 0;
}

}  // namespace seedgraph::bench
