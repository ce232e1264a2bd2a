#!/usr/bin/env bash
# Real-browser tests of the web UI (ui.test.mjs): installs what is missing
# (Debian's chromium, a Japanese font, node and npm; playwright-core from the
# lock file), indexes the demo corpus into a temp dir, serves it on a free
# loopback port, runs the steps, and stops the server.  Idempotent; exits
# non-zero when a step fails, after a closing "N passed, M failed" line.
# Screenshots: tests/browser/artifacts/ (SEEDGRAPH_BIN overrides the binary).
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
[ -f node_modules/playwright-core/package.json ] || npm ci --no-audit --no-fund --loglevel=error

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
  rm -rf "$tmp"
}
trap cleanup EXIT

"$SG" index --quiet --db "$tmp/db" "$ROOT"/data/demo/*.jsonl >"$tmp/index.log" 2>&1 ||
  { cat "$tmp/index.log" >&2; echo "0 passed, 1 failed"; exit 1; }
# A free port from the kernel; the tiny window before serve binds it is
# covered by the retry below.
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$SG" serve --db "$tmp/db" --bind 127.0.0.1 --port "$port" --static "$ROOT/web/static" >"$tmp/server.log" 2>&1 &
server=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/api/health" && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; echo "0 passed, 1 failed"; exit 1; }
  sleep 0.1
done

SEEDGRAPH_URL="$url" node ui.test.mjs
