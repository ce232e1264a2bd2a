#!/usr/bin/env bash
# Search-quality evaluation in one command: builds seedgraph, indexes the demo
# corpus into a temp dir and resolves same_as links (as `seedgraph demo`
# does), prints seedgraph's figures on tests/eval/queries.tsv
# (with and without query expansion), then the side-by-side table against
# Groonga (TokenBigram + NormalizerAuto) and SQLite FTS5 (trigram).
#
#   bash tests/eval/run.sh            # BUILD_DIR=build-eval by default
#
# Installs groonga / python3 with apt-get when missing (needs root or sudo).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/build-eval}"
queries="$root/tests/eval/queries.tsv"
officer="$root/tests/eval/officer_queries.tsv"

need=()
command -v groonga >/dev/null || need+=(groonga)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}"
fi
python3 -c 'import sqlite3, sys; v = tuple(map(int, sqlite3.sqlite_version.split("."))); sys.exit(v < (3, 34, 0))' ||
  { echo "SQLite 3.34+ is needed for the FTS5 trigram tokenizer" >&2; exit 3; }

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"${JOBS:-$(nproc)}" --target seedgraph >/dev/null
sg="$build/cli/seedgraph"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$sg" index --db "$tmp/db" "$root"/data/demo/*.jsonl
"$sg" resolve --db "$tmp/db"
echo
echo "== seedgraph, query expansion off (the analyzer alone)"
"$sg" eval --db "$tmp/db" --queries "$queries" --no-expand
echo
echo "== seedgraph"
"$sg" eval --db "$tmp/db" --queries "$queries" --rankings "$tmp/seedgraph.tsv" --misses
echo
echo "== seedgraph on the officer set (hit@10, MRR@10, nDCG@10)"
"$sg" eval --db "$tmp/db" --queries "$officer"
echo
echo "== side by side (same corpus, same queries; then the officer set)"
python3 "$root/tests/eval/compare.py" --corpus "$root/data/demo" --queries "$queries" \
  --seedgraph-rankings "$tmp/seedgraph.tsv" \
  --officer-queries "$officer" --seedgraph "$sg" --db "$tmp/db" \
  ${PER_QUERY:+--per-query} ${EVAL_JSON:+--json "$EVAL_JSON"}
