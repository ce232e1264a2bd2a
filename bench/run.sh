#!/usr/bin/env bash
# The benchmark of issue 7, in one command:
#
#   bash bench/run.sh [N]          # N records, default 100000
#
# Installs what is missing (seedgraph's build deps via scripts/setup.sh, plus
# groonga, sqlite3, wrk, time), builds a Release tree in build-bench/,
# generates N records and the query set with bench_gen, then measures on the
# same records and queries:
#   indexing   seedgraph index (CLI), SQLite FTS5 trigram (libsqlite3 C API),
#              Groonga TokenBigram+NormalizerAuto (groonga CLI `load`)
#   queries    seedgraph Search() in-process (bench_query), SQLite and
#              Groonga in-process (bench_peers): median and p99, plain and
#              with all facets
#   HTTP       wrk at 1, 8 and 64 connections against `seedgraph serve` on
#              127.0.0.1, WRK_SECONDS (10) each
# and prints a table with the ratios to each peer.  Everything goes to
# $BENCH_OUT (default build-bench/bench-out-N): results.txt has every figure
# as "engine metric value".
#
# Environment: BENCH_OUT, BENCH_QUERIES (400), WRK_SECONDS (10),
# SERVE_THREADS (seedgraph serve --threads, default: serve's own default),
# BENCH_SKIP_PEERS=1 (seedgraph only), BENCH_DATA (../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${1:-100000}
case $N in '' | *[!0-9]*) echo "usage: bash bench/run.sh [N]" >&2; exit 2 ;; esac
OUT=${BENCH_OUT:-$ROOT/build-bench/bench-out-$N}
QUERIES=${BENCH_QUERIES:-400}
WRK_SECONDS=${WRK_SECONDS:-10}
DATA=${BENCH_DATA:-$ROOT/../shared/data}
BIN=$ROOT/build-bench
RESULTS=$OUT/results.txt
# shellcheck source=bench/lib.sh
. bench/lib.sh

rate() {  # rate NAME RECORDS
  local secs
  secs=$(awk -v n="$1" '$1==n && $2=="index_wall_seconds" {print $3}' "$RESULTS")
  result "$1" index_rate "$(awk -v n="$2" -v s="$secs" 'BEGIN {printf "%.0f", n / s}')"
  secs=$(awk -v n="$1" '$1==n && $2=="index_cpu_seconds" {print $3}' "$RESULTS")
  result "$1" index_rate_per_cpu_second "$(awk -v n="$2" -v s="$secs" 'BEGIN {printf "%.0f", n / s}')"
}

generate() {
  log "generating $N records and $QUERIES queries"
  "$BIN/bench/bench_gen" --data "$DATA" --records "$N" --out "$OUT/corpus.jsonl" \
    --queries "$QUERIES" --queries-out "$OUT/queries.tsv"
  result corpus records "$N"
  result corpus raw_mb "$(disk_mb "$OUT/corpus.jsonl")"
}

index_all() {
  log "seedgraph index"
  rm -rf "$OUT/seedgraph-db"
  timed seedgraph "$BIN/cli/seedgraph" index --db "$OUT/seedgraph-db" "$OUT/corpus.jsonl"
  rate seedgraph "$N"
  result seedgraph index_mb "$(disk_mb "$OUT/seedgraph-db")"
  [ "${BENCH_SKIP_PEERS:-0}" = 1 ] && return 0
  log "SQLite FTS5 trigram load"
  rm -f "$OUT/sqlite.db"
  timed sqlite "$BIN/bench/bench_peers" sqlite-load "$OUT/sqlite.db" "$OUT/corpus.jsonl" >/dev/null
  rate sqlite "$N"
  result sqlite index_mb "$(disk_mb "$OUT/sqlite.db")"
  log "Groonga load (command file prepared first, not timed)"
  "$BIN/bench/bench_peers" groonga-prep "$OUT/corpus.jsonl" "$OUT/groonga-load.grn"
  rm -rf "$OUT/groonga-db" && mkdir -p "$OUT/groonga-db"
  timed groonga groonga -n "$OUT/groonga-db/db" <"$OUT/groonga-load.grn" >"$OUT/groonga-load.out"
  rate groonga "$N"
  result groonga index_mb "$(disk_mb "$OUT/groonga-db")"
}

query_all() {
  log "query latency (in-process)"
  "$BIN/bench/bench_query" --db "$OUT/seedgraph-db" --queries "$OUT/queries.tsv" | collect
  [ "${BENCH_SKIP_PEERS:-0}" = 1 ] && return 0
  "$BIN/bench/bench_peers" sqlite-query "$OUT/sqlite.db" "$OUT/queries.tsv" | collect
  "$BIN/bench/bench_peers" groonga-query "$OUT/groonga-db/db" "$OUT/queries.tsv" | collect
}

http_all() {
  local port pid c threads
  port=$(free_port)
  log "HTTP: seedgraph serve on 127.0.0.1:$port, wrk ${WRK_SECONDS}s at 1, 8, 64 connections"
  # The access log (one line per request on stderr) goes to /dev/null.
  "$BIN/cli/seedgraph" serve --db "$OUT/seedgraph-db" --bind 127.0.0.1 --port "$port" \
    ${SERVE_THREADS:+--threads "$SERVE_THREADS"} 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
  for c in 1 8 64; do
    threads=$((c < 2 ? 1 : 2))
    wrk -t"$threads" -c"$c" -d"${WRK_SECONDS}s" --timeout 10s -s bench/wrk_search.lua \
      "http://127.0.0.1:$port" -- "$OUT/queries.tsv" >"$OUT/wrk-c$c.txt"
    awk -v c="$c" '$1=="WRK" {print "http_c" c, $2, $3}' "$OUT/wrk-c$c.txt" >>"$RESULTS"
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

machine_facts() {
  result machine nproc "$(nproc)"
  result machine mem_gib "$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
  result machine loadavg_at_start "$(cut -d' ' -f1 /proc/loadavg)"
  {
    echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
    echo "xapian $(pkg-config --modversion xapian-core), sqlite $(sqlite3 --version | cut -d' ' -f1)," \
      "$(groonga --version | head -1 | cut -d' ' -f1-2), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
  } >>"$OUT/info.txt"
}

main() {
  start_run
  machine_facts
  generate
  index_all
  query_all
  http_all
  bash bench/summary.sh "$OUT"
}

main "$@"
