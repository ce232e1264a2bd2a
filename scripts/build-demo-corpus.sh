#!/usr/bin/env bash
# Regenerates data/demo/*.jsonl from the clearly licensed sources in
# ../shared/data, through seedgraph's own importers (see data/NOTICE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${SEEDGRAPH_SHARED_DATA:-../shared/data}"
bash scripts/build.sh seedgraph >/dev/null
sg=./build/cli/seedgraph
mkdir -p data/demo
$sg convert --format nando \
  "$SHARED"/nando-nanbyo-disease-ontology/{nanbyo.json,shoman.json,nando.ttl} \
  "$SHARED"/mhlw-designated-intractable-diseases/intractable_disease{,_groups,_url}.csv > data/demo/nando.jsonl
$sg convert --format kaken "$SHARED"/kaken-grants-sample/*.json > data/demo/kaken.jsonl
$sg convert --format edinet "$SHARED"/edinet-healthcare-companies/*.csv > data/demo/edinet.jsonl
wc -l data/demo/*.jsonl
