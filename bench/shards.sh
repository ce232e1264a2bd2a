#!/usr/bin/env bash
# The shard benchmark of issue 13, in one command:
#
#   bash bench/shards.sh [N]          # N records, default 1000000
#
# Builds a Release tree (build-bench/, as bench/run.sh), generates N records
# and the query set with bench_gen (kept in $OUT and reused by a later run),
# indexes them once in 4 shards (`seedgraph index --shards 4 --jobs 2`), and
# measures the same queries over the same shard databases in four layouts:
#   local      the index directory itself: 4 shards read in-process
#   remote-P   P = 1, 2, 4 xapian-tcpsrv processes per visibility level, each
#              serving 4/P of the shard databases (one process per shard at
#              P = 4), the lexicon databases local (schema/index_dir.h)
# For each: bench_query latency (search plain and with facets, related,
# crosslinks, 2-hop graph), then `seedgraph serve` over it under wrk at 8 and
# 64 connections, with the CPU seconds every process used during each wrk
# run (serve; each public-level tcpsrv with its forked connection handlers).
# Everything runs on this one machine: the processes share its cores, so the
# remote layouts measure the protocol's cost and how the work divides, and
# bench/shards-summary.sh estimates from the CPU per request what shards on
# separate hosts would reach.  Figures go to $OUT/results.txt as
# "layout metric value".
#
# Environment: BENCH_OUT (build-bench/shards-N), BENCH_QUERIES (200),
# BENCH_SEEDS (50: related and graph seeds, each a round trip per shard),
# WRK_SECONDS (10), BENCH_DATA (../shared/data), BENCH_BIN (build-bench),
# BENCH_LAYOUTS ("local remote-1 remote-2 remote-4").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

N=${1:-1000000}
case $N in '' | *[!0-9]*) echo "usage: bash bench/shards.sh [N]" >&2; exit 2 ;; esac
OUT=${BENCH_OUT:-$ROOT/build-bench/shards-$N}
QUERIES=${BENCH_QUERIES:-200}
WRK_SECONDS=${WRK_SECONDS:-10}
DATA=${BENCH_DATA:-$ROOT/../shared/data}
BIN=${BENCH_BIN:-$ROOT/build-bench}
LAYOUTS=${BENCH_LAYOUTS:-"local remote-1 remote-2 remote-4"}
SEEDS=${BENCH_SEEDS:-50}
SHARDS=4
RESULTS=$OUT/results.txt
LEVELS="public internal restricted"
# shellcheck source=bench/lib.sh
. bench/lib.sh

TCPSRV=()     # the tcpsrv processes of the layout being measured
SERVE_PID=""  # the seedgraph serve being measured
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null
  stop_remote
}
trap cleanup EXIT

generate() {
  if [ -s "$OUT/corpus.jsonl" ] && [ -s "$OUT/queries.tsv" ]; then
    log "reusing $OUT/corpus.jsonl"
  else
    log "generating $N records and $QUERIES queries"
    "$BIN/bench/bench_gen" --data "$DATA" --records "$N" --out "$OUT/corpus.jsonl" \
      --queries "$QUERIES" --queries-out "$OUT/queries.tsv"
  fi
  result corpus records "$N"
}

index_shards() {
  if [ -s "$OUT/db/XAPIANDB" ]; then
    log "reusing the index $OUT/db"
    return 0
  fi
  log "seedgraph index --shards $SHARDS --jobs 2 (progress on stderr)"
  rm -rf "$OUT/db"
  timed index "$BIN/cli/seedgraph" index --quiet --shards "$SHARDS" --jobs 2 --db "$OUT/db" "$OUT/corpus.jsonl"
  result index index_mb "$(disk_mb "$OUT/db")"
}

# CPU seconds (user + system, with reaped children) of a process and of its
# living children: xapian-tcpsrv forks a handler per connection.
cpu_seconds() {
  local pid=$1 total=0 p
  for p in "$pid" $(pgrep -P "$pid" 2>/dev/null); do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$p/stat")))
  done
  awk -v t="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", t / hz}'
}

# start_remote P: P tcpsrv processes per level, each serving 4/P shards;
# writes the stub $OUT/remote-P.stub.  Public-level pids go to PUBLIC_PIDS.
PUBLIC_PIDS=()
start_remote() {
  local procs=$1 stub=$OUT/remote-$1.stub port=19000 level p k dbs
  : >"$stub"
  TCPSRV=()
  PUBLIC_PIDS=()
  for level in $LEVELS; do
    echo "# seedgraph level $level" >>"$stub"
    for p in $(seq 0 $((procs - 1))); do
      dbs=()
      for k in $(seq 0 $((SHARDS - 1))); do
        if [ $((k * procs / SHARDS)) -eq "$p" ]; then dbs+=("$OUT/db/shard-$k/$level"); fi
      done
      port=$(free_port $((port + 1)))
      # A session of its own: on SIGTERM xapian-tcpsrv signals its whole
      # process group (its connection handlers), which would be this script.
      setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "${dbs[@]}" >/dev/null 2>&1 &
      TCPSRV+=($!)
      [ "$level" = public ] && PUBLIC_PIDS+=($!)
      for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
      echo "remote tcp 127.0.0.1 $port" >>"$stub"
    done
  done
  for level in $LEVELS; do printf '# seedgraph lexicon %s\nglass %s\n' "$level" "$OUT/db/lexicon/$level" >>"$stub"; done
}

stop_remote() {
  local pid
  for pid in "${TCPSRV[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${TCPSRV[@]}"; do wait "$pid" 2>/dev/null || true; done
  TCPSRV=()
  PUBLIC_PIDS=()
}

# http LAYOUT DB: serve DB, wrk at 8 and 64 connections, CPU per request.
http() {
  local layout=$1 db=$2 port pid c before after i reqs
  port=$(free_port 18080)
  "$BIN/cli/seedgraph" serve --db "$db" --bind 127.0.0.1 --port "$port" 2>/dev/null &
  pid=$!
  SERVE_PID=$pid
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
  # One pass over the queries first: every layout starts with warm caches.
  wrk -t1 -c1 -d"${WRK_SECONDS}s" --timeout 30s -s bench/wrk_search.lua "http://127.0.0.1:$port" -- "$OUT/queries.tsv" >/dev/null
  for c in 8 64; do
    before=("$(cpu_seconds "$pid")")
    for i in "${PUBLIC_PIDS[@]}"; do before+=("$(cpu_seconds "$i")"); done
    wrk -t2 -c"$c" -d"${WRK_SECONDS}s" --timeout 30s -s bench/wrk_search.lua \
      "http://127.0.0.1:$port" -- "$OUT/queries.tsv" >"$OUT/wrk-$layout-c$c.txt"
    awk -v l="$layout" -v c="$c" '$1=="WRK" {print l, "http_c" c "_" $2, $3}' "$OUT/wrk-$layout-c$c.txt" >>"$RESULTS"
    reqs=$(awk '$1=="WRK" && $2=="requests" {print $3}' "$OUT/wrk-$layout-c$c.txt")
    after=("$(cpu_seconds "$pid")")
    for i in "${PUBLIC_PIDS[@]}"; do after+=("$(cpu_seconds "$i")"); done
    result "$layout" "http_c${c}_serve_cpu_ms_per_request" \
      "$(awk -v a="${before[0]}" -v b="${after[0]}" -v n="$reqs" 'BEGIN {printf "%.2f", (b - a) * 1000 / n}')"
    for i in $(seq 1 $((${#after[@]} - 1))); do
      result "$layout" "http_c${c}_tcpsrv$((i - 1))_cpu_ms_per_request" \
        "$(awk -v a="${before[$i]}" -v b="${after[$i]}" -v n="$reqs" 'BEGIN {printf "%.2f", (b - a) * 1000 / n}')"
    done
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  SERVE_PID=""
}

measure() {
  local layout=$1 db
  case $layout in
    local) db=$OUT/db ;;
    remote-1 | remote-2 | remote-4) start_remote "${layout#remote-}"; db=$OUT/$layout.stub ;;
    *) echo "unknown layout $layout" >&2; return 2 ;;
  esac
  log "$layout: bench_query"
  "$BIN/bench/bench_query" --db "$db" --queries "$OUT/queries.tsv" --seeds "$SEEDS" | collect "$layout"
  log "$layout: HTTP, wrk ${WRK_SECONDS}s at 8 and 64 connections"
  http "$layout" "$db"
  stop_remote
}

main() {
  start_run
  result machine nproc "$(nproc)"
  result machine loadavg_at_start "$(cut -d' ' -f1 /proc/loadavg)"
  generate
  index_shards
  local layout
  for layout in $LAYOUTS; do measure "$layout"; done
  bash bench/shards-summary.sh "$OUT"
}

main "$@"
