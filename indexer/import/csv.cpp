#include "indexer/import/csv.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "schema/record_json.h"

namespace seedgraph {

int CsvReader::Get() {
  if (pending_pos_ < pending_.size()) return static_cast<unsigned char>(pending_[pending_pos_++]);
  int c = in_->get();
  return c == std::char_traits<char>::eof() ? EOF : c;
}

int CsvReader::Peek() {
  if (pending_pos_ < pending_.size()) return static_cast<unsigned char>(pending_[pending_pos_]);
  int c = in_->peek();
  return c == std::char_traits<char>::eof() ? EOF : c;
}

void CsvReader::SkipLine() {
  for (int c = Get(); c != EOF; c = Get()) {
    if (c == '\n') {
      ++line_;
      return;
    }
  }
}

// True when `c` ends a row; a CR is only a line end when an LF follows, so
// that a lone CR inside an unquoted field stays data.  Consumes the LF.
bool CsvReader::AtLineEnd(int c) {
  if (c == '\n') {
    ++line_;
    return true;
  }
  if (c == '\r' && Peek() == '\n') {
    Get();
    ++line_;
    return true;
  }
  return false;
}

CsvReader::Next CsvReader::Read(std::vector<std::string>* fields) {
  fields->clear();
  error_.clear();
  if (!started_) {
    started_ = true;
    // Excel and many Japanese government files start with a UTF-8 BOM.
    // Its first byte also starts ordinary text (ＥＤＩＮＥＴ is EF BC A5),
    // so bytes that turn out not to be a BOM are replayed.
    static const char kBom[] = "\xEF\xBB\xBF";
    while (pending_.size() < 3 && in_->peek() == static_cast<unsigned char>(kBom[pending_.size()])) {
      pending_ += static_cast<char>(in_->get());
    }
    if (pending_.size() == 3) pending_.clear();
  }
  int c = Get();
  while (c != EOF && AtLineEnd(c)) c = Get();  // blank lines carry no record
  if (c == EOF) return Next::kEnd;
  row_line_ = line_;

  std::string field;
  bool quoted = false;        // the current field opened with a quote
  bool closed = false;        // ... and its closing quote has been seen
  for (;; c = Get()) {
    if (quoted && !closed) {
      if (c == EOF) {
        error_ = "unterminated quoted field (opened on this line, still open at end of input)";
        return Next::kError;
      }
      if (c == '"') {
        if (Peek() == '"') {
          Get();
          field += '"';
        } else {
          closed = true;
        }
        continue;
      }
      if (c == '\n') ++line_;
      field += static_cast<char>(c);
      continue;
    }
    if (c == ',' || c == EOF || AtLineEnd(c)) {
      fields->push_back(std::move(field));
      field.clear();
      if (c != ',') return Next::kRow;
      quoted = closed = false;
      continue;
    }
    if (closed) {
      error_ = "unexpected character after a closing quote (field " +
               std::to_string(fields->size() + 1) + ")";
      SkipLine();
      return Next::kError;
    }
    if (c == '"') {
      if (field.empty()) {
        quoted = true;
        continue;
      }
      error_ = "stray quote in unquoted field (field " + std::to_string(fields->size() + 1) + ")";
      SkipLine();
      return Next::kError;
    }
    field += static_cast<char>(c);
  }
}

int FindColumn(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const std::string& NamedRow::operator[](std::string_view column) const {
  static const std::string kNone;
  const int i = FindColumn(*header_, column);
  return i < 0 || static_cast<size_t>(i) >= cells_->size() ? kNone : (*cells_)[i];
}

std::vector<std::string> SplitFields(std::string_view line, char separator) {
  std::vector<std::string> fields;
  for (size_t i = 0;;) {
    const size_t j = line.find(separator, i);
    fields.emplace_back(line.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) return fields;
    i = j + 1;
  }
}

namespace {

// The index of the first field that is not UTF-8; row.size() when all are.
size_t FirstNonUtf8(const std::vector<std::string>& row) {
  size_t i = 0;
  while (i < row.size() && IsValidUtf8(row[i])) ++i;
  return i;
}

Status ReadCsvStream(std::istream* in, const std::string& name, RecordSink* sink, const CsvHeaderFn& on_header,
                     const CsvRowFn& on_row) {
  CsvReader reader(in);
  std::vector<std::string> row;
  size_t header_size = 0;
  for (;;) {
    CsvReader::Next next = reader.Read(&row);
    if (next == CsvReader::Next::kEnd) break;
    const std::string where = name + ":" + std::to_string(reader.row_line());
    sink->At(where);
    if (next == CsvReader::Next::kError) {
      sink->Reject(where, "csv: " + reader.error());
      continue;
    }
    if (header_size == 0) {
      if (!on_header(row, where)) return Status::Ok();  // nothing else in this file can be read
      header_size = row.size();
      continue;
    }
    if (row.size() != header_size) {
      sink->Reject(where, "csv: expected " + std::to_string(header_size) + " fields, got " + std::to_string(row.size()));
      continue;
    }
    const size_t bad = FirstNonUtf8(row);
    if (bad < row.size()) {
      sink->Reject(where, "column " + std::to_string(bad + 1) + ": not UTF-8 (a Shift_JIS or Latin-1 file? convert it with iconv)");
      continue;
    }
    on_row(row, where);
  }
  if (in->bad()) return Status::IOError(name + ": read error");
  return Status::Ok();
}

}  // namespace

Status ForEachCsvRow(const std::string& file, RecordSink* sink, const CsvHeaderFn& on_header, const CsvRowFn& on_row) {
  if (file == "-") return ReadCsvStream(&std::cin, file, sink, on_header, on_row);
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  return ReadCsvStream(&in, file, sink, on_header, on_row);
}

bool IsTsvFile(const std::string& path) {
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".tsv") == 0;
}

Status ForEachTsvRow(const std::string& file, const CsvRowFn& on_row) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  std::string line;
  std::vector<std::string> fields;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    for (size_t i = 0, j; i <= line.size(); i = j + 1) {
      j = std::min(line.find('\t', i), line.size());
      fields.push_back(line.substr(i, j - i));
    }
    on_row(fields, file + ":" + std::to_string(n));
  }
  return in.bad() ? Status::IOError(file + ": read error") : Status::Ok();
}

bool ReadCsvHeader(const std::string& file, std::vector<std::string>* header) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  CsvReader reader(&in);
  return reader.Read(header) == CsvReader::Next::kRow;
}

}  // namespace seedgraph
