#!/usr/bin/env bash
# Prints the shard benchmark's table from OUT/results.txt (bench/shards.sh
# writes it): latency and HTTP throughput per layout, the ratios to the
# local layout, the CPU each process spent per request, and what hosts
# would reach.  usage: bash bench/shards-summary.sh OUT
set -euo pipefail
OUT=${1:?usage: bash bench/shards-summary.sh OUT}
awk '
{ v[$1 "|" $2] = $3 }
function get(l, m) { return ((l "|" m) in v) ? v[l "|" m] : "" }
function show(x) { return x == "" ? "-" : x }
function ratio(a, b) { return (a + 0 > 0 && b + 0 > 0) ? sprintf("%.1fx", a / b) : "-" }
function pair(l, m) { return show(get(l, m "_p50_ms")) " / " show(get(l, m "_p99_ms")) }
# The public-level tcpsrv processes of a layout: the busiest one, ms per request.
function busiest(l, c,   i, x, m) {
  m = 0
  for (i = 0; i < 8; i++) { x = get(l, "http_c" c "_tcpsrv" i "_cpu_ms_per_request"); if (x + 0 > m) m = x + 0 }
  return m
}
function tcpsum(l, c,   i, s) {
  s = 0
  for (i = 0; i < 8; i++) s += get(l, "http_c" c "_tcpsrv" i "_cpu_ms_per_request") + 0
  return s
}
END {
  n = split("local remote-1 remote-2 remote-4", L, " ")
  printf "\nshard benchmark: %s records in 4 shards, %s cores, load average at start %s\n", \
    get("corpus", "records"), get("machine", "nproc"), get("machine", "loadavg_at_start")
  printf "index: %s s wall, %s CPU-s, peak RSS %s MB, %s MB on disk\n\n", show(get("index", "index_wall_seconds")), \
    show(get("index", "index_cpu_seconds")), show(get("index", "index_peak_rss_mb")), show(get("index", "index_mb"))
  printf "%-26s", "p50 / p99 ms"; for (i = 1; i <= n; i++) printf " %22s", L[i]; printf "\n"
  split("search_plain search_facets related crosslinks graph_2hop", M, " ")
  for (j = 1; j <= 5; j++) {
    printf "%-26s", M[j]; for (i = 1; i <= n; i++) printf " %22s", pair(L[i], M[j]); printf "\n"
  }
  printf "%-26s", "search_facets p50 vs local"
  for (i = 1; i <= n; i++) printf " %22s", ratio(get(L[i], "search_facets_p50_ms"), get("local", "search_facets_p50_ms"))
  split("search_facets related crosslinks graph_2hop", T, " ")
  for (j = 1; j <= 4; j++) {
    printf "\n%-26s", "mean total " T[j]; for (i = 1; i <= n; i++) printf " %22s", show(get(L[i], T[j] "_mean_total"))
  }
  printf "\n\nHTTP (GET /api/search, all facets)\n"
  for (c = 8; c <= 64; c *= 8) {
    printf "%-26s", "c" c " requests/s"; for (i = 1; i <= n; i++) printf " %22s", show(get(L[i], "http_c" c "_requests_per_s")); printf "\n"
    printf "%-26s", "c" c " p50 / p99 ms"
    for (i = 1; i <= n; i++) printf " %22s", show(get(L[i], "http_c" c "_latency_p50_ms")) " / " show(get(L[i], "http_c" c "_latency_p99_ms"))
    printf "\n%-26s", "c" c " non-2xx, socket errors"
    for (i = 1; i <= n; i++) printf " %22s", show(get(L[i], "http_c" c "_non2xx")) ", " show(get(L[i], "http_c" c "_socket_errors"))
    printf "\n%-26s", "c" c " serve CPU ms/req"; for (i = 1; i <= n; i++) printf " %22s", show(get(L[i], "http_c" c "_serve_cpu_ms_per_request"))
    printf "\n%-26s", "c" c " tcpsrv CPU ms/req (sum)"; printf " %22s", "-"
    for (i = 2; i <= n; i++) printf " %22.2f", tcpsum(L[i], c)
    printf "\n%-26s", "c" c " busiest tcpsrv ms/req"; printf " %22s", "-"
    for (i = 2; i <= n; i++) printf " %22.2f", busiest(L[i], c)
    printf "\n"
  }
  # Hosts: each shard on its own host of C cores, the front ends (serve)
  # replicated as needed.  A shard host saturates at C / (its CPU per
  # request); fit busiest(P) = a / P + b over P = 1, 2, 4 (least squares) to
  # estimate the busiest shard of P hosts beyond what was measured.
  C = get("machine", "nproc") + 0
  sx = sy = sxx = sxy = 0; k = 0
  for (p = 1; p <= 4; p *= 2) { y = busiest("remote-" p, 64); if (y > 0) { x = 1 / p; sx += x; sy += y; sxx += x * x; sxy += x * y; k++ } }
  if (k >= 2 && C > 0) {
    a = (k * sxy - sx * sy) / (k * sxx - sx * sx); b = (sy - a * sx) / k
    front = get("remote-4", "http_c64_serve_cpu_ms_per_request") + 0
    printf "\nestimate (c64): busiest shard CPU per request ~ %.2f / P + %.2f ms; front end %.2f ms per request\n", a, b, front
    for (p = 1; p <= 16; p *= 2) {
      s = a / p + b; q = (s > 0) ? C * 1000 / s : 0
      printf "  %2d shard hosts of %d cores: up to %6.0f searches/s (shards bound); front-end cores needed %.1f\n", p, C, q, q * front / 1000
    }
  }
}' "$OUT/results.txt"
