#!/usr/bin/env bash
# The sanitizer build and the fuzzers (fuzz/README.md).  Builds build-asan/
# with clang (ASan + UBSan, libFuzzer coverage), runs every ctest suite there,
# then each fuzz harness for a bounded time on a copy of its seed corpus.
# Fails on a failing test, and on any crash, leak, UB report, broken
# invariant, timeout or out-of-memory while fuzzing; the input that did it is
# copied to fuzz/regressions/<harness>/, which ctest replays once it is fixed.
#
#   bash scripts/fuzz.sh                              # as CI runs it (scripts/test.sh)
#   SEEDGRAPH_FUZZ_SECONDS=600 bash scripts/fuzz.sh   # longer, every harness
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=build-asan
cores=$(nproc)

# Seconds per harness: the analyzer one runs a search per input (~130
# inputs/s under ASan) and the importer one has ten formats to cover.
harnesses=(import analyzer record params)
declare -A seconds=([import]=60 [analyzer]=60 [record]=30 [params]=30)

# abort_on_error: a report ends the process with SIGABRT, which libFuzzer and
# ctest both count as a failure.  UB is not recoverable in this build anyway
# (CMakeLists.txt), halt_on_error says so again for anything linked in.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Leaks inside libraptor2 itself are upstream bugs, not ours (fuzz/lsan.supp).
export LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (scripts/setup.sh installs it)" >&2; exit 1; }

t0=$(date +%s)
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-D_GLIBCXX_ASSERTIONS" \
  -DSEEDGRAPH_SANITIZE=ON -DSEEDGRAPH_FUZZ=ON -DSEEDGRAPH_BENCH=OFF >/dev/null
cmake --build "$build" -j"$cores"
t1=$(date +%s)

# Tests that measure their own RSS: ASan's quarantine keeps freed memory
# (256 MB by default), so they run apart with it off (every variant of the
# suite: tests/CMakeLists.txt runs it again over remote shards).
rss_tests='^hardening_http_test(_remote_shards)?$'
# kill_test kills the binary at random points: it tests surviving kill -9,
# not memory safety, and takes minutes under ASan; the plain build runs it.
(cd "$build" && ctest --output-on-failure -j"$cores" -E "$rss_tests|^kill_test$")
(cd "$build" && ASAN_OPTIONS=$ASAN_OPTIONS:quarantine_size_mb=0 ctest --output-on-failure -R "$rss_tests")
t2=$(date +%s)

work=$build/fuzz-work
rm -rf "$work"

# fuzz_one NAME: one bounded run in $work/NAME; writes ok or failed to
# $work/NAME/result (statuses survive running several at once).
fuzz_one() {
  local name=$1 dir=$work/$1 t=${SEEDGRAPH_FUZZ_SECONDS:-${seconds[$1]}}
  mkdir -p "$dir/corpus" "$dir/artifacts" "$dir/tmp"
  cp fuzz/corpus/"$name"/* "$dir/corpus/"
  # The harnesses' scratch files (fuzz/fuzz_util.h), removed with $work.
  if TMPDIR=$root/$dir/tmp "$build/fuzz/${name}_fuzzer" -max_total_time="$t" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$dir/artifacts/" "$dir/corpus" "$root/fuzz/regressions/$name" >"$dir/log" 2>&1; then
    echo ok >"$dir/result"
  else
    echo failed >"$dir/result"
  fi
}

for name in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$cores" ]; do sleep 1; done
  fuzz_one "$name" &
done
wait
t3=$(date +%s)

status=0
for name in "${harnesses[@]}"; do
  dir=$work/$name
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log")
  cov=$(grep -a -o 'DONE *cov: [0-9]*' "$dir/log" | grep -o '[0-9]*$' || true)
  corpus=$(ls "$dir/corpus" | wc -l)
  if [ "$(cat "$dir/result")" = ok ]; then
    echo "fuzz: $name: ok, ${runs:-?} inputs in ${SEEDGRAPH_FUZZ_SECONDS:-${seconds[$name]}} s, coverage ${cov:-?}, corpus $corpus"
    continue
  fi
  status=1
  echo "fuzz: $name: FAILED (log: $dir/log; $(grep -a -m1 -o 'Seed: [0-9]*' "$dir/log"), -seed=N repeats the run)" >&2
  grep -a -m1 -A12 -E 'ERROR: |invariant broken|runtime error' "$dir/log" >&2 || tail -30 "$dir/log" >&2
  mkdir -p "fuzz/regressions/$name"
  for a in "$dir"/artifacts/*; do
    [ -e "$a" ] || continue
    cp "$a" "fuzz/regressions/$name/"
    echo "fuzz: $name: saved fuzz/regressions/$name/$(basename "$a"): fix, then ctest replays it" >&2
  done
done
echo "fuzz: build $((t1 - t0)) s, ctest under ASan+UBSan $((t2 - t1)) s, fuzzing $((t3 - t2)) s, total $((t3 - t0)) s"
exit $status
