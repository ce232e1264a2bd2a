#!/usr/bin/env bash
# Regenerates the seed corpora fuzz/corpus/<harness>/ from the real files in
# tests/fixtures (and a slice of ../shared/data's MeSH tree, which no fixture
# has).  The output is committed; run this again when the fixtures change.
set -euo pipefail
cd "$(dirname "$0")/.."
F=tests/fixtures
C=fuzz/corpus
SEP=$'\n--next-file--\n'  # import_fuzzer.cpp kNextFile
rm -rf "$C"
mkdir -p "$C"/{record,import,analyzer,params}

# record: one record (one JSONL line) per file.
n=0
for f in "$F"/search_corpus.jsonl "$F"/graph_corpus.jsonl; do
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$C/record/$(basename "$f" .jsonl)-$n.json"
  done <"$f"
done

# record, as fields one a line (record_fuzzer.cpp RecordFromLines).
printf '%s\n' topic:amed:JP20ek0109001 topic 難病の課題 "A topic" 本文 "Body text" 2020-04-01 pharma applied internal \
  keyword cancer biologic grant JP20ek0109001 studies disease:nando:1200001 2021-01-01T09:00:00+09:00 >"$C/record/lines-topic"

# import: the first byte picks the format ('a' + its index in
# import_fuzzer.cpp Formats()), then the format's files in order.
seed() {  # seed NAME SELECTOR FILE...
  local name=$1 sel=$2 first=1
  shift 2
  {
    printf '%s' "$sel"
    for f in "$@"; do
      [ $first -eq 1 ] || printf '%s' "$SEP"
      first=0
      [ "$f" = - ] || cat "$f"
    done
  } >"$C/import/$name"
}
seed jsonl-search a "$F"/search_corpus.jsonl
seed jsonl-graph a "$F"/graph_corpus.jsonl
seed nando-ttl b "$F"/nando/nando.ttl
seed nando-all b "$F"/ictrp/nando.ttl "$F"/nando/nanbyo.json "$F"/nando/shoman.json "$F"/mhlw/intractable_disease.csv \
  "$F"/mhlw/intractable_disease_groups.csv "$F"/mhlw/intractable_disease_url.csv
seed nando-json-only b - "$F"/nando/nanbyo.json
seed nando-broken b "$F"/broken/nando_truncated.ttl "$F"/broken/nanbyo.json
seed kaken c "$F"/kaken/kaken_sample.json
seed kaken-bad c "$F"/broken/kaken_bad_elements.json
seed kaken-truncated c "$F"/broken/kaken_truncated.json
seed edinet d "$F"/edinet/edinetcode_sample.csv
seed edinet-malformed d "$F"/broken/edinet_malformed.csv
for f in "$F"/pubmed/*.xml "$F"/broken/pubmed_*.xml; do seed "pubmed-$(basename "$f" .xml)" e "$f"; done
mesh=../shared/data/mesh-2017-tree/2017MeshTree.txt
if [ -f "$mesh" ]; then
  { head -1 "$mesh"; grep -P '^C10\.228\.140\.\d+\t' "$mesh"; } >"$C/mesh.tmp"
else
  printf 'Tree Number\tDesc Ui\tTerm\nC10.228.140.163\tD001928\tBrain Diseases, Metabolic\n' >"$C/mesh.tmp"
fi
seed ictrp f "$F"/ictrp/covid19_trials_sample.csv "$F"/ictrp/nando.ttl "$C/mesh.tmp"
seed ictrp-malformed f "$F"/broken/ictrp_malformed.csv
rm "$C/mesh.tmp"
seed nbdc-research g "$F"/nbdc/research/hum0001.json
seed nbdc-all g "$F"/nbdc/research/hum0005.json "$F"/nbdc/research-version/hum0005-v8.json \
  "$F"/nbdc/dataset/JGAD000002-v1.json "$F"/nbdc/icd10-disease-mapping.json
seed nbdc-dataset g "$F"/nbdc/dataset/DRA001273-v1.json
seed nbdc-bad g "$F"/broken/nbdc_bad_elements.json "$F"/broken/nbdc_array.json "$F"/broken/nbdc_truncated.json
seed pap2pat h "$F"/pap2pat/pairs_sample.jsonl
seed pap2pat-bad h "$F"/broken/pap2pat_bad.jsonl
# uspto: grants with the real class map (its second file) and the broken ones.
if [ -f "$F"/uspto/grants_sample.jsonl ]; then  # 8 of its grants: long lines slow every mutation
  head -8 "$F"/uspto/grants_sample.jsonl >"$C/grants.tmp"
  seed uspto i "$C/grants.tmp" data/vocab/ipc_map.tsv
  rm "$C/grants.tmp"
fi
[ -f "$F"/uspto/grants_broken.jsonl ] && seed uspto-broken i "$F"/uspto/grants_broken.jsonl "$F"/uspto/ipc_map_bad.tsv
[ -f "$F"/ror/ror_sample.jsonl ] && seed ror j "$F"/ror/ror_sample.jsonl
[ -f "$F"/ror/ror_broken.jsonl ] && seed ror-broken j "$F"/ror/ror_broken.jsonl
# yakka: the price list with the real class map, the broken rows with the bad map.
[ -f "$F"/yakka/yakka_20250716_sample.csv ] && seed yakka k "$F"/yakka/yakka_20250716_sample.csv data/vocab/yakko_class_map.tsv
[ -f "$F"/yakka/yakka_broken.csv ] && seed yakka-broken k "$F"/yakka/yakka_broken.csv "$F"/yakka/yakko_class_map_bad.tsv
# orange-book: Applications, Products, patents, exclusivities.
for kind in sample broken; do
  [ -f "$F"/orange-book/drugsfda_Applications_$kind.txt ] && seed orange-book-$kind l \
    "$F"/orange-book/drugsfda_Applications_$kind.txt "$F"/orange-book/drugsfda_Products_$kind.txt \
    "$F"/orange-book/ob_patent_$kind.txt "$F"/orange-book/ob_exclusivity_$kind.txt
done
seed outcomes m "$F"/outcomes/outcomes.csv
# ctgov: trials, interventions, references, MeSH lines; the download; the broken rows.
seed ctgov n "$F"/ctgov/trials_sample.csv "$F"/ctgov/interventions_sample.csv "$F"/ctgov/references_sample.csv \
  "$F"/ctgov/2017MeshTree_sample.txt
seed ctgov-download n "$F"/ctgov/download_sample.csv
seed ctgov-broken n "$F"/ctgov/trials_broken.csv
seed covid-trials o "$F"/covid-trials/trial_list_sample.csv
seed covid-trials-broken o "$F"/covid-trials/trial_list_broken.csv

# analyzer: the judged queries (every category: synonyms, widths, readings,
# typos...) and the titles of the search corpus.
n=0
while IFS=$'\t' read -r category query _; do
  [ "${category:0:1}" = "#" ] && continue
  n=$((n + 1))
  printf '%s' "$query" >"$C/analyzer/query-$n"
done <tests/eval/queries.tsv
n=0
grep -o '"title": {[^}]*}' "$F"/search_corpus.jsonl | while IFS= read -r title; do
  n=$((n + 1))
  printf '%s' "$title" | sed 's/^"title": {//; s/}$//; s/"ja": //; s/"en": //; s/"//g' >"$C/analyzer/title-$n"
done

# ... and the query syntax text_query.h knows: phrases, acronyms, kana.
printf '%s' '"spinal muscular" atrophy' >"$C/analyzer/phrase"
printf '%s' 'ALS iPS細胞 mRNA' >"$C/analyzer/acronyms"
printf '%s' 'がん ガン ﾊﾟｰｷﾝｿﾝ ＩｇＡ腎症 1〜3年' >"$C/analyzer/kana-width"

# params: the request targets the HTTP tests send.
n=0
grep -oh '"/api/[^"]*"' tests/http_test.cpp tests/http_access_test.cpp | sort -u | while IFS= read -r target; do
  n=$((n + 1))
  printf '%s' "${target:1:${#target}-2}" >"$C/params/target-$n"
done

for d in "$C"/*/; do echo "$d: $(ls "$d" | wc -l) files, $(du -sk "$d" | cut -f1) KiB"; done
