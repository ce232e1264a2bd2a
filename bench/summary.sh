#!/usr/bin/env bash
# Prints the benchmark table from OUT/results.txt (bench/run.sh writes it):
# each figure for seedgraph and the peers, the ratios seedgraph/peer, and the
# issue-7 targets.  usage: bash bench/summary.sh OUT
set -euo pipefail
OUT=${1:?usage: bash bench/summary.sh OUT}
cat "$OUT/info.txt"
awk '
{ v[$1 "|" $2] = $3; for (i = 4; i <= NF; i++) v[$1 "|" $2] = v[$1 "|" $2] " " $i }
function get(e, m) { return ((e "|" m) in v) ? v[e "|" m] : "-" }
function ratio(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.2fx", a / b) : "-" }
function row(label, m, better,   s, q, g) {
  s = get("seedgraph", m); q = get("sqlite", m); g = get("groonga", m)
  printf "%-30s %12s %12s %12s %12s %12s  (%s)\n", label, s, q, g, ratio(s, q), ratio(s, g), better
}
function mark(ok) { return ok ? "MET" : "MISSED" }
END {
  raw = get("corpus", "raw_mb")
  printf "\nseedgraph benchmark: %s records, raw JSONL %s MB, %s cores, %s GiB, load average at start %s\n\n",
    get("corpus", "records"), raw, get("machine", "nproc"), get("machine", "mem_gib"), get("machine", "loadavg_at_start")
  printf "%-30s %12s %12s %12s %12s %12s\n", "", "seedgraph", "sqlite-fts5", "groonga", "sg/sqlite", "sg/groonga"
  row("indexing records/s", "index_rate", "higher is better")
  row("indexing records/CPU-s", "index_rate_per_cpu_second", "higher is better; user+sys time")
  row("indexing wall s", "index_wall_seconds", "lower is better")
  row("index size MB", "index_mb", "lower is better")
  printf "%-30s %12s %12s %12s\n", "index size / raw input", ratio(get("seedgraph", "index_mb"), raw),
    ratio(get("sqlite", "index_mb"), raw), ratio(get("groonga", "index_mb"), raw)
  row("peak RSS indexing MB", "index_peak_rss_mb", "lower is better")
  row("search plain p50 ms", "search_plain_p50_ms", "lower is better")
  row("search plain p99 ms", "search_plain_p99_ms", "lower is better")
  row("search facets p50 ms", "search_facets_p50_ms", "lower is better")
  row("search facets p99 ms", "search_facets_p99_ms", "lower is better")
  row("search plain mean hits", "search_plain_mean_total", "same queries: should be close")
  printf "%-30s %12s\n", "related p99 ms", get("seedgraph", "related_p99_ms")
  printf "%-30s %12s\n", "crosslinks p99 ms", get("seedgraph", "crosslinks_p99_ms")
  printf "%-30s %12s\n", "graph 2-hop p99 ms", get("seedgraph", "graph_2hop_p99_ms")
  printf "\nHTTP GET /api/search (all facets), seedgraph serve, wrk on the same host\n"
  printf "%-12s %12s %12s %12s %10s %14s\n", "connections", "requests/s", "p50 ms", "p99 ms", "non-2xx", "socket errors"
  for (c = 1; c <= 64; c *= 8) {
    h = "http_c" c
    printf "%-12s %12s %12s %12s %10s %14s\n", c, get(h, "requests_per_s"), get(h, "latency_p50_ms"),
      get(h, "latency_p99_ms"), get(h, "non2xx"), get(h, "socket_errors")
  }
  printf "\nissue-7 targets (stated for 1M records; checked at this N)\n"
  printf "  indexing >= SQLite FTS5 trigram rate: %s (%s vs %s records/s)\n",
    mark(get("seedgraph", "index_rate") + 0 >= get("sqlite", "index_rate") + 0), get("seedgraph", "index_rate"), get("sqlite", "index_rate")
  printf "  search p99 with facets < 50 ms:        %s (%s ms)\n",
    mark(get("seedgraph", "search_facets_p99_ms") + 0 < 50), get("seedgraph", "search_facets_p99_ms")
  printf "  HTTP >= 2000/s at 64 conns, 0 errors:  %s (%s/s, %s non-2xx, %s socket errors)\n",
    mark(get("http_c64", "requests_per_s") + 0 >= 2000 && get("http_c64", "non2xx") == 0 && get("http_c64", "socket_errors") == 0),
    get("http_c64", "requests_per_s"), get("http_c64", "non2xx"), get("http_c64", "socket_errors")
  printf "  related p99 < 100 ms:                  %s (%s ms)\n",
    mark(get("seedgraph", "related_p99_ms") + 0 < 100), get("seedgraph", "related_p99_ms")
}' "$OUT/results.txt"
