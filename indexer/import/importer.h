// Importers: turn an input format into Records, streaming.
//
// Every importer reads its files one record at a time and hands each record
// (or each problem) to a RecordSink as soon as it is made, so memory stays
// constant however large the input.  An importer never stops at a bad
// record: it reports it with a precise location and goes on.  It returns a
// non-OK Status only when it cannot go on at all (a file cannot be opened).
//
// Formats: "jsonl" (the contract's own format), "nando", "kaken", "edinet",
// "pubmed", "ictrp", "nbdc", "pap2pat", "uspto", "ror", "yakka",
// "orange-book", "outcomes", "ctgov", "covid-trials".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // A record that passed ValidateRecord().
  virtual void Accept(Record record) = 0;
  // A rejected input.  `where` is "file:line" (line-based formats) or
  // "file:record N" / "file:byte N"; `message` is "field: reason".
  virtual void Reject(const std::string& where, const std::string& message) = 0;
  // The source withdrew the record with this id (PubMed's DeleteCitation).
  // It is not an error if no such record was ingested.  Sinks that keep no
  // records may ignore it.
  virtual void Remove(const std::string& id) { (void)id; }
  // An input the importer leaves out on purpose, neither a record nor an
  // error (a price-list row without a maker, an FDA generic application).
  // `what` names the kind ("ANDA applications"), the same phrase for each
  // such input, so that a sink can count by it.  Sinks may ignore it.
  virtual void Skip(const std::string& what) { (void)what; }

  // Where the input being read now is ("file:line", "file:record N"): an
  // importer says it before it makes the records of that input, so that a
  // message about one of them (one that fails validation) names its place.
  void At(std::string where) { where_ = std::move(where); }
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

struct ImportOptions {
  std::string format = "jsonl";
  // Files to read; "-" reads standard input.
  std::vector<std::string> files;
};

// The format names Import() knows, for --help and error messages.
const std::vector<std::string>& ImportFormats();

// Runs the importer of options.format over options.files.
Status Import(const ImportOptions& options, RecordSink* sink);

// The per-format entry points (each in its own .cpp).  `files` holds the
// paths given on the command line; an importer that needs several files
// (nando: nanbyo.json, shoman.json, nando.ttl, the MHLW CSVs) recognises
// them by name and uses what it is given.
Status ImportJsonl(const std::vector<std::string>& files, RecordSink* sink);
Status ImportNando(const std::vector<std::string>& files, RecordSink* sink);
Status ImportKaken(const std::vector<std::string>& files, RecordSink* sink);
Status ImportEdinet(const std::vector<std::string>& files, RecordSink* sink);
// PubMed / MEDLINE XML (MedlineCitationSet or PubmedArticleSet).
Status ImportPubmed(const std::vector<std::string>& files, RecordSink* sink);
// WHO ICTRP CSV; nando.ttl / nanbyo.json / shoman.json / 2017MeshTree.txt
// given too become the dictionary conditions are matched against.
Status ImportIctrp(const std::vector<std::string>& files, RecordSink* sink);
// NBDC Human Database research, research-version and dataset JSON files
// (recognised by content), plus icd10-disease-mapping.json if given.
Status ImportNbdc(const std::vector<std::string>& files, RecordSink* sink);
// Pap2Pat pairs (JSON Lines, one paper-patent pair per line).
Status ImportPap2pat(const std::vector<std::string>& files, RecordSink* sink);
// USPTO patent grants (JSON Lines of eloyfelix/uspto-chem, one grant per
// line).  The IPC/CPC -> modality / disease area map (data/vocab/ipc_map.tsv,
// any file ending in .tsv) must be among `files`: without it the import
// fails with kInvalidArgument before reading anything.
Status ImportUspto(const std::vector<std::string>& files, RecordSink* sink);
// ROR organizations (JSON Lines, one organization per line, as in
// ror-japan-organizations).
Status ImportRor(const std::vector<std::string>& files, RecordSink* sink);
// MHLW 薬価基準収載品目リスト (the drug price list CSV, UTF-8): one drug per
// ingredient and maker, with the makers as companies.  The therapeutic class
// -> disease area / modality map (data/vocab/yakko_class_map.tsv, any file
// ending in .tsv) must be among `files`, as for uspto.
Status ImportYakka(const std::vector<std::string>& files, RecordSink* sink);
// FDA Drugs@FDA Applications and Products files with the Orange Book patent
// and exclusivity files, recognised by their names: one drug per NDA or BLA
// application, with its sponsor and its patents.  Applications and Products
// are required.
Status ImportOrangeBook(const std::vector<std::string>& files, RecordSink* sink);
// The agency's outcome records (CSV: 課題番号, 種別, 相手先, 日付, 公開, 備考,
// top1pct), one `outcome` record per row linking the topic to the company,
// trial, next topic or paper (outcomes.cpp says why not links on the topic).
Status ImportOutcomes(const std::vector<std::string>& files, RecordSink* sink);
// ClinicalTrials.gov CSV: the clinicaltrials.gov download and the
// AACT-style tables of ctrialsgov (trials, interventions, references),
// recognised by their headers; vocabulary files as for ictrp.
Status ImportCtgov(const std::vector<std::string>& files, RecordSink* sink);
// The COVID-19 trial list of ebmdatalab's covid_trials_tracker (WHO ICTRP
// based, sponsors normalised by hand): the same trial ids as ictrp.
Status ImportCovidTrials(const std::vector<std::string>& files, RecordSink* sink);

}  // namespace seedgraph
