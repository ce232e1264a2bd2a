// Record parsing and validation: ParseRecord, ValidateRecord, WriteRecordJson.
//
// Every record enters seedgraph through ParseRecord (JSONL, POST
// /api/records) or ValidateRecord (importers), and leaves as
// WriteRecordJson (`seedgraph convert`, the stored document).  The contract
// of record_json.h is that a valid record writes and re-parses to itself, so
// each input is tried twice: as JSON text, and as the fields of a record an
// importer could have made from raw bytes (which, unlike JSON, need not be
// UTF-8).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

std::string Shown(const Record& r) { return WriteRecordJson(r).substr(0, 2000); }

// A valid record must validate again unchanged (importers' records are
// validated twice: by the importer's sink and by the indexer's callers), and
// must survive WriteRecordJson -> ParseRecord.
void CheckValidRecord(const Record& valid) {
  Record again = valid;
  Status st = ValidateRecord(&again);
  FUZZ_CHECK(st.ok(), "a valid record fails ValidateRecord again: " + st.message());
  FUZZ_CHECK(fuzz::SameRecord(valid, again), "ValidateRecord changed a valid record: " + Shown(valid));

  const std::string json = WriteRecordJson(valid);
  Record parsed;
  st = ParseRecord(json, &parsed);
  FUZZ_CHECK(st.ok(), "WriteRecordJson output rejected: " + st.message() + "\n  " + json.substr(0, 2000));
  FUZZ_CHECK(fuzz::SameRecord(valid, parsed), "round trip changed the record:\n  " + json.substr(0, 2000) +
                                                  "\n  " + Shown(parsed));
}

std::vector<std::string> Lines(std::string_view bytes) {
  std::vector<std::string> lines;
  for (size_t start = 0; start <= bytes.size();) {
    const size_t end = std::min(bytes.find('\n', start), bytes.size());
    lines.emplace_back(bytes.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// One field per line, in this order; lines after the fixed ones are link
// triples (rel, to, date).  attrs stays empty: importers always write it
// with RapidJSON, and ValidateRecord does not re-check JSON syntax.
Record RecordFromLines(std::string_view bytes) {
  std::vector<std::string> f = Lines(bytes);
  constexpr size_t kFixed = 15;
  if (f.size() < kFixed) f.resize(kFixed);
  Record r;
  r.id = f[0];
  r.type = f[1];
  r.title = {f[2], f[3]};
  r.text = {f[4], f[5]};
  r.date = f[6];
  r.project = f[7];
  r.stage = f[8];
  r.visibility = f[9];
  for (auto [list, value] : {std::pair{&r.keywords, &f[10]}, {&r.disease_areas, &f[11]}, {&r.modalities, &f[12]}}) {
    if (!value->empty()) list->push_back(*value);
  }
  if (!f[13].empty() || !f[14].empty()) r.identifiers[f[13]] = f[14];
  for (size_t i = kFixed; i + 2 < f.size(); i += 3) r.links.push_back(Link{f[i], f[i + 1], f[i + 2]});
  return r;
}

}  // namespace
}  // namespace seedgraph

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seedgraph;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Record parsed;
  if (ParseRecord(bytes, &parsed).ok()) CheckValidRecord(parsed);
  Record made = RecordFromLines(bytes);
  if (ValidateRecord(&made).ok()) CheckValidRecord(made);
  return 0;
}
