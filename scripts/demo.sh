#!/usr/bin/env bash
# Installs what is missing, builds, indexes the bundled demo corpus (once)
# and serves it on http://127.0.0.1:8080 (arguments go to `seedgraph demo`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec ./build/cli/seedgraph demo "$@"
