# Shared by bench/run.sh and bench/shards.sh (sourced): logging, results,
# timing, dependencies, the Release build, free ports.  The caller sets ROOT,
# BIN, OUT and RESULTS.

log() { printf '\n== %s\n' "$*" >&2; }

install_deps() {
  bash scripts/setup.sh
  local missing=() p
  for p in groonga-bin libgroonga-dev sqlite3 libsqlite3-dev wrk time curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  log "building (Release) into $BIN"
  cmake -S . -B "$BIN" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BIN" -j"$(nproc)" --target seedgraph bench_gen bench_query bench_peers
}

# result ENGINE METRIC VALUE
result() { echo "$1 $2 $3" >>"$RESULTS"; }

# timed NAME CMD...: runs CMD under /usr/bin/time -v (stdin/stdout as
# given), records NAME index_seconds / peak_rss_mb; stderr in $OUT/NAME.time.
timed() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -v "$@" 2>"$OUT/$name.time"
  t1=$(date +%s.%N)
  result "$name" index_wall_seconds "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')"
  result "$name" index_peak_rss_mb "$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$OUT/$name.time")"
  # CPU seconds (user + sys): less sensitive than wall time to other load.
  result "$name" index_cpu_seconds "$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$OUT/$name.time")"
}

disk_mb() { du -sk "$1" | awk '{printf "%.1f", $1/1024}'; }

# Keeps the RESULT lines of a driver's output (INFO lines go to the log).
# collect [ENGINE]: ENGINE replaces the engine name of each RESULT line.
collect() {
  local line rest
  while IFS= read -r line; do
    case $line in
      RESULT\ *)
        rest=${line#RESULT }
        [ -n "${1:-}" ] && rest="$1 ${rest#* }"
        echo "$rest" >>"$RESULTS"
        ;;
      INFO\ *) echo "${line#INFO }" >>"$OUT/info.txt" ;;
    esac
  done
}

# free_port [FROM]: the first port from FROM (default 18080) nobody listens on.
free_port() {
  local p from=${1:-18080}
  for p in $(seq "$from" $((from + 200))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

# Dependencies, the build, and an empty $RESULTS and info.txt in $OUT.
start_run() {
  install_deps
  build
  mkdir -p "$OUT"
  : >"$RESULTS"
  : >"$OUT/info.txt"
}
