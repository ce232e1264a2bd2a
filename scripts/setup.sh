#!/usr/bin/env bash
# Installs the Debian packages seedgraph builds and tests with.
# Idempotent and quiet when everything is already there.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libxapian-dev      # the search engine
  xapian-tools       # xapian-tcpsrv: remote shards (tests/shards_test, docs/DEPLOY.md)
  libicu-dev         # normalisation and Japanese word breaks
  rapidjson-dev      # JSON in and out
  libcpp-httplib-dev # the HTTP server
  libraptor2-dev     # Turtle (NANDO's nando.ttl)
  libxml2-dev        # PubMed XML (streaming xmlTextReader)
  libsqlite3-dev     # saved searches, watches and alerts (serve --state)
  libgtest-dev       # unit and integration tests
  clang libclang-rt-14-dev llvm  # scripts/fuzz.sh: ASan/UBSan build, libFuzzer (libclang_rt.fuzzer), llvm-symbolizer
  chromium fonts-ipafont-gothic  # the browser tests (tests/browser), with a Japanese font
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node and npm by command, not by package: a machine may have them from
# elsewhere (e.g. a newer nodejs that bundles npm), and Debian's npm would
# conflict with it.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
