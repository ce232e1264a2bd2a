#!/usr/bin/env bash
# Real-browser tests of the web UI (ui.test.mjs): installs what is missing
# (Debian's chromium, a Japanese font, node and npm; playwright-core from the
# lock file), indexes the demo corpus into a temp dir, serves it on a free
# loopback port, runs the steps, and stops the server.  Idempotent; exits
# non-zero when a step fails, after a closing "N passed, M failed" line.
# Screenshots: tests/browser/artifacts/ (SEEDGRAPH_BIN overrides the binary).
# a11y.test.mjs: axe-core and overflow at two widths, every view.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# Without a CJK font the screenshots show boxes for Japanese.
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-ipafont-gothic)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser tests: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
{ [ -f node_modules/playwright-core/package.json ] && [ -f node_modules/ajv/package.json ] &&
  [ -f node_modules/axe-core/axe.min.js ]; } || npm ci --no-audit --no-fund --loglevel=error

SG="${SEEDGRAPH_BIN:-$ROOT/build/cli/seedgraph}"
[ -x "$SG" ] || bash "$ROOT/scripts/build.sh" seedgraph >/dev/null

tmp="$(mktemp -d)"
server=""
# The server stops cleanly on SIGTERM; whatever it exits with, the cleanup
# must not replace the steps' exit status (set -e applies inside the trap).
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  for pid in "${tcpsrv[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# BROWSER_SHARDS=N: the demo corpus in N local shards.
# BROWSER_REMOTE_SHARDS=N: in N shards, each shard and level served by its
# own xapian-tcpsrv on loopback, and seedgraph serving the stub that lists
# them (issue 13; scripts/test.sh runs all three; pairing takes 2 s there
# against 0.4 s locally, docs/PERFORMANCE.md).
remote="${BROWSER_REMOTE_SHARDS:-0}"
shards="${BROWSER_SHARDS:-$remote}"
tcpsrv=()
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
shard_flag=()
[ "$shards" -gt 0 ] && shard_flag=(--shards "$shards")
"$SG" index --quiet "${shard_flag[@]}" --db "$tmp/db" "$ROOT"/data/demo/*.jsonl >"$tmp/index.log" 2>&1 ||
  { cat "$tmp/index.log" >&2; echo "0 passed, 1 failed"; exit 1; }
# Resolved as `seedgraph demo` serves it: the same_as links an officer sees.
"$SG" resolve --db "$tmp/db" >>"$tmp/index.log" 2>&1 ||
  { cat "$tmp/index.log" >&2; echo "0 passed, 1 failed"; exit 1; }
served="$tmp/db"
if [ "$remote" -gt 0 ]; then
  served="$tmp/remote.stub"
  for level in public internal restricted; do
    echo "# seedgraph level $level" >>"$served"
    for k in $(seq 0 $((shards - 1))); do
      p="$(free_port)"
      setsid xapian-tcpsrv --interface 127.0.0.1 --port "$p" "$tmp/db/shard-$k/$level" >/dev/null 2>&1 &
      tcpsrv+=($!)
      echo "remote tcp 127.0.0.1 $p" >>"$served"
    done
  done
  for level in public internal restricted; do
    printf '# seedgraph lexicon %s\nglass %s\n' "$level" "$tmp/db/lexicon/$level" >>"$served"
  done
  sleep 1  # the servers bind; serve's own start-up check names one that did not
  # ui.test.mjs stops (SIGSTOP) and resumes this public shard's server: a
  # stalled shard is a 503 page naming it (setsid: the pid is its group).
  export SEEDGRAPH_STALL_PGID="${tcpsrv[1]}"
fi
# A free port from the kernel; the tiny window before serve binds it is
# covered by the retry below.
port="$(free_port)"
ingest=()
[ "$remote" -gt 0 ] && ingest=(--ingest-db "$tmp/db")  # POST writes where the shards are served from
# An officer and an admin token, and a state file: the saved-search and
# alert step signs in as the officer and ingests as the admin.
printf 'browser-officer-token officer officer1\nbrowser-admin-token admin admin1\n' >"$tmp/tokens"
export SEEDGRAPH_OFFICER_TOKEN=browser-officer-token SEEDGRAPH_ADMIN_TOKEN=browser-admin-token
"$SG" serve --db "$served" "${ingest[@]}" --tokens "$tmp/tokens" --state "$tmp/state.sqlite" --bind 127.0.0.1 --port "$port" --static "$ROOT/web/static" --shard-timeout 2000 >"$tmp/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/api/health" && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "0 passed, 1 failed"; exit 1; }
  sleep 0.1
done

status=0
SEEDGRAPH_URL="$url" node ui.test.mjs || status=1
# Every view at 1400 and 390 px against axe-core (no serious or critical
# violation) and for horizontal overflow (a11y.test.mjs; issue 15).
SEEDGRAPH_URL="$url" node a11y.test.mjs || status=1
# The OpenAPI description against real answers of every endpoint (ajv).
SEEDGRAPH_URL="$url" node openapi.test.mjs || status=1
# What the server said (the log goes with $tmp): kept beside the
# screenshots, and its errors printed when a step failed.
mkdir -p artifacts
cp "$tmp/server.log" artifacts/server.log 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "--- the server's 5xx answers (first 20) and its last 10 lines ---" >&2
  grep -E ' 5[0-9][0-9] |error|warning' "$tmp/server.log" | head -n 20 >&2 || true
  tail -n 10 "$tmp/server.log" >&2
fi
exit "$status"
