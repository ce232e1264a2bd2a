#!/usr/bin/env bash
# Regenerates data/demo/*.jsonl from the clearly licensed sources in
# ../shared/data, through seedgraph's own importers (see data/NOTICE.md and
# docs/DATA.md).  MEDIS and the KAKEN review sections (licence unclear) stay out.
set -euo pipefail
cd "$(dirname "$0")/.."
D="${SEEDGRAPH_SHARED_DATA:-../shared/data}"
bash scripts/build.sh seedgraph >/dev/null
sg=./build/cli/seedgraph
mkdir -p data/demo
NANDO="$D/nando-nanbyo-disease-ontology"
$sg convert --format nando "$NANDO"/{nanbyo.json,shoman.json,nando.ttl} \
  "$D"/mhlw-designated-intractable-diseases/intractable_disease{,_groups,_url}.csv > data/demo/nando.jsonl
$sg convert --format kaken "$D"/kaken-grants-sample/*.json > data/demo/kaken.jsonl
$sg convert --format edinet "$D"/edinet-healthcare-companies/*.csv > data/demo/edinet.jsonl
$sg convert --format pubmed "$D"/pubmed-medline-sample/*.xml > data/demo/pubmed.jsonl
$sg convert --format ictrp "$D"/who-ictrp-covid19-trials-2020/*.csv \
  "$NANDO"/{nando.ttl,nanbyo.json,shoman.json} "$D"/mesh-2017-tree/2017MeshTree.txt > data/demo/ictrp.jsonl
N="$D/nbdc-humandbs-research-samples"
$sg convert --format nbdc "$N"/research/*.json "$N"/research-version/*.json "$N"/dataset/*.json \
  "$N"/icd10-disease-mapping.json data/vocab/amed_programmes.tsv > data/demo/nbdc.jsonl || [ $? -eq 1 ]  # 1: one study cites a URL, not a DOI
$sg convert --format pap2pat "$D"/pap2pat-paper-patent-pairs/pairs_dev.jsonl > data/demo/pap2pat.jsonl
$sg convert --format uspto "$D"/uspto-pharma-patent-grants/*.jsonl data/vocab/ipc_map.tsv > data/demo/uspto.jsonl
$sg convert --format ror "$D"/ror-japan-organizations/ror_japan.jsonl > data/demo/ror.jsonl
$sg convert --format yakka "$D"/mhlw-drug-price-list/yakka_20250716.csv data/vocab/yakko_class_map.tsv > data/demo/yakka.jsonl
OB="$D/fda-orange-book"
$sg convert --format orange-book "$OB"/drugsfda_Applications_2024-01.txt "$OB"/drugsfda_Products_2021-09.txt \
  "$OB"/ob_patent_2024.txt "$OB"/ob_exclusivity_2024.txt > data/demo/orangebook.jsonl
# ClinicalTrials.gov (ctrialsgov, MIT): the industry cancer trials and the
# random sample with its interventions and publications; the Alzheimer's
# table (no licence) stays in ../shared.
CT="$D/clinicaltrials-gov-samples"
$sg convert --format ctgov "$CT"/industry_cancer_trials_2021_2023.csv "$CT"/random_trials{,_interventions,_references}.csv \
  "$NANDO"/{nando.ttl,nanbyo.json,shoman.json} "$D"/mesh-2017-tree/2017MeshTree.txt > data/demo/ctgov.jsonl
# The COVID-19 trial list of 2020-12 (ebmdatalab, MIT; WHO ICTRP data): its
# normalised sponsors.  Read before ictrp.jsonl (file order), a trial in both
# is ictrp's record.
$sg convert --format covid-trials "$D"/covid19-trials-2020-12/trial_list_2020-12-16.csv > data/demo/covid-trials.jsonl
wc -l data/demo/*.jsonl
