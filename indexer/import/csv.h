// A small streaming RFC 4180 CSV reader.
//
// Rows come one at a time from a std::istream, so a large file never sits in
// memory.  Quoted fields may hold commas, doubled quotes and newlines; a
// UTF-8 BOM at the start is skipped; CRLF and LF line ends are accepted.
// Blank lines are skipped (they carry no record).
//
// A malformed row (a quote inside an unquoted field, text after a closing
// quote, a quote left open at the end of the input) is reported as kError
// with the line where the row starts; the reader then resumes at the next
// line, so one bad row costs one row, not the file.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/import/importer.h"
#include "schema/status.h"

namespace seedgraph {

class CsvReader {
 public:
  enum class Next { kRow, kEnd, kError };

  explicit CsvReader(std::istream* in) : in_(in) {}

  // Reads the next row into *fields (cleared first).  On kError, error()
  // says what was wrong and *fields holds nothing usable.
  Next Read(std::vector<std::string>* fields);

  // The 1-based line on which the row last returned (or rejected) starts.
  int row_line() const { return row_line_; }
  const std::string& error() const { return error_; }

 private:
  int Get();
  int Peek();
  // Consumes the rest of the current physical line (error recovery).
  void SkipLine();
  bool AtLineEnd(int c);

  std::istream* in_;
  std::string pending_;     // bytes read ahead while looking for a BOM
  size_t pending_pos_ = 0;
  bool started_ = false;  // the BOM check has run
  int line_ = 1;          // the line the next character is on
  int row_line_ = 0;
  std::string error_;
};

// The index of the column named `name` in a header row, or -1.
int FindColumn(const std::vector<std::string>& header, std::string_view name);

// A data row whose cells are found by the names of the header's columns.
// Both vectors must outlive it.
class NamedRow {
 public:
  NamedRow(const std::vector<std::string>* header, const std::vector<std::string>* cells)
      : header_(header), cells_(cells) {}
  // The cell of `column` as read; "" when the header has no such column or
  // the row is shorter.
  const std::string& operator[](std::string_view column) const;

 private:
  const std::vector<std::string>* header_;
  const std::vector<std::string>* cells_;
};

// The fields of one line of a delimited table without quoting (tab- or
// '~'-separated): "a\t\tb" -> {"a", "", "b"}; "" -> {""}.
std::vector<std::string> SplitFields(std::string_view line, char separator);

// The file loop the CSV importers share (edinet, ictrp, outcomes, ctgov,
// covid-trials): reads `file` ("-" is standard input) a row at a time; the
// first row goes to `on_header`, which returns false when the file is not
// what the importer reads (it rejects the header itself; the rest of the
// file is skipped).  Every later row is rejected at "file:line" when it is
// malformed CSV ("csv: ..."), has another number of fields than the header
// ("csv: expected N fields, got M") or is not UTF-8 ("column N: not
// UTF-8"); otherwise `on_row` gets it with its "file:line", after
// sink->At(where).  kIOError when the file cannot be opened or read.
using CsvHeaderFn = std::function<bool(const std::vector<std::string>& header, const std::string& where)>;
using CsvRowFn = std::function<void(const std::vector<std::string>& row, const std::string& where)>;
Status ForEachCsvRow(const std::string& file, RecordSink* sink, const CsvHeaderFn& on_header, const CsvRowFn& on_row);

// True for a file named *.tsv: the tables importers take beside their data
// (uspto: ipc_map.tsv, nbdc: amed_programmes.tsv).
bool IsTsvFile(const std::string& path);

// Reads a tab-separated table (data/vocab/*.tsv): every line that is not
// blank and does not start with '#' goes to `on_row` split at tabs, with its
// "file:line".  kIOError when the file cannot be opened or read.
Status ForEachTsvRow(const std::string& file, const CsvRowFn& on_row);

// The first row of `file` (its header) into *header; false when the file
// cannot be opened or its first row is not valid CSV.
bool ReadCsvHeader(const std::string& file, std::vector<std::string>* header);

}  // namespace seedgraph
