// Every match of a search, streamed as CSV or JSON Lines (issue 14): GET
// /api/export and `seedgraph export` write the same rows.  Matches are read
// a page at a time from one view (one revision), so memory stays flat
// however many there are.
#pragma once

#include <functional>
#include <string>

#include "query/search.h"
#include "schema/analyzer.h"

namespace seedgraph {

enum class ExportFormat { kCsv, kJsonl };

struct ExportOptions {
  ExportFormat format = ExportFormat::kCsv;
  bool bom = false;  // a UTF-8 byte order mark first, for Excel (CSV only)
};

// "csv" / "jsonl"; false for anything else.
bool ParseExportFormat(const std::string& name, ExportFormat* format);
const char* ExportContentType(ExportFormat format);

// The CSV header row: id first.
std::string ExportCsvHeader();
// One match as a CSV row (RFC 4180 quoting, lists joined by ";") or a JSON
// line (the search hit's fields but the snippet); each ends in "\r\n" / "\n".
std::string ExportRow(const Hit& hit, ExportFormat format);

// Writes the BOM and header (CSV), then every match of `request` (its page
// and per_page ignored) in search order, a few hundred bytes at a time to
// `out`; stops early when `out` returns false.  Returns how many rows went
// out, or the search's error (before anything is written, for a bad
// request).
Result<size_t> ExportMatches(IndexView& view, const Analyzer& analyzer, SearchRequest request,
                             const ExportOptions& options, const std::function<bool(const std::string&)>& out);

}  // namespace seedgraph
