// JSON <-> Record, with every validation rule of CONTRACT.md §1.
//
// ParseRecord is the single gate through which a record enters seedgraph:
// the JSONL reader, the importers' output and POST /api/records all pass
// through it (importers via ValidateRecord), so a rule is enforced in one place.
#pragma once

#include <string>
#include <string_view>

#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

// Any single string field (or the serialised `attrs`) longer than this is
// rejected: a record is a description, not a payload.
inline constexpr size_t kMaxFieldBytes = 1 << 20;

// Parses one JSON object (one JSONL line) into *out and validates it.
// On failure the Status message has the form "field: reason" (or
// "json: reason at offset N" for syntax errors), ready to be prefixed with
// "file:line: ".  Unknown top-level fields are rejected so typos surface.
Status ParseRecord(std::string_view json, Record* out);

// Checks the rules that do not depend on JSON syntax: id shape, type, codes
// of every vocabulary, date, visibility, links, UTF-8 validity and sizes.
// Fills the derived `year`.  Importers call it before handing a record on.
Status ValidateRecord(Record* record);

// The record as compact JSON in the contract's shape (fields that are empty
// are left out).  Parse(Write(r)) == r for every valid record.
std::string WriteRecordJson(const Record& record);

// The one decoder of a stored record (a document's data, which
// WriteRecordJson wrote after ParseRecord / ValidateRecord passed): every
// field type-checked, nothing validated again.  A damaged document gives
// empty or partial fields, never a crash.  DecodeStoredRecord(WriteRecordJson(r))
// == r for every valid record.
Record DecodeStoredRecord(std::string_view json);

// attrs are free-form: the one reading of a value of them.  The string at
// `key` ("" when absent or not a string); true when `key` is JSON true.
std::string AttrString(const std::string& attrs_json, const char* key);
bool AttrFlag(const std::string& attrs_json, const char* key);

// True when `date` is a date as the `date` field accepts it (YYYY, YYYY-MM
// or YYYY-MM-DD, a real day), for importers that keep dates in attrs.
bool IsIsoDate(const std::string& date);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);

}  // namespace seedgraph
