#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# The demo corpus must index without a single rejection.
./build/cli/seedgraph index --quiet --db build/test-demo-index data/demo/*.jsonl
rm -rf build/test-demo-index
(cd build && ctest --output-on-failure -j"$(nproc)")
# The web UI in a real browser (chromium + playwright-core) over the demo corpus.
bash tests/browser/run.sh
# ... and over the demo corpus in 4 shards, local, then each shard and level
# served by its own xapian-tcpsrv on loopback (12 processes).
BROWSER_SHARDS=4 bash tests/browser/run.sh
BROWSER_REMOTE_SHARDS=4 bash tests/browser/run.sh
# Every suite again under ASan + UBSan (build-asan/), then each fuzz harness
# for a bounded time (fuzz/README.md).
bash scripts/fuzz.sh
