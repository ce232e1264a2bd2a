// KAKEN (JSPS 科研費) grants as published by KAKEN-ATLAS -> topic records.
//
// The input is a JSON array of rows [awardNumber, 2, title, keywords] (the
// map's shards; newer shards have a fifth field).  It is read with
// RapidJSON's SAX reader rather than into a DOM: each row becomes a record as
// soon as its closing bracket is read, so a file cut off in the middle (the
// sample is a 16,000-character prefix of a shard) still yields every
// complete row before the cut, and the cut itself is reported once, with
// its byte offset.
#include <cctype>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "schema/json_parse.h"

namespace seedgraph {
namespace {

// One scalar of a row, kept with its JSON kind so extra fields round-trip.
struct Cell {
  enum Kind { kString, kInt, kDouble, kBool, kNull } kind = kNull;
  std::string text;
  int64_t i = 0;
  double d = 0;
};

// Splits the 「、」-joined keyword list; also accepts the ASCII comma that
// a few English-language rows use.
std::vector<std::string> SplitKeywords(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t b = cur.find_first_not_of(" \t");
    size_t e = cur.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "、") == 0) {
      flush();
      i += 3;
    } else {
      cur += s[i++];
    }
  }
  flush();
  return out;
}

bool ValidAward(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) return false;
  }
  return true;
}

void WriteCell(const Cell& c, rapidjson::Writer<rapidjson::StringBuffer>* w) {
  switch (c.kind) {
    case Cell::kString: w->String(c.text.c_str(), static_cast<rapidjson::SizeType>(c.text.size())); break;
    case Cell::kInt: w->Int64(c.i); break;
    case Cell::kDouble: w->Double(c.d); break;
    case Cell::kBool: w->Bool(c.i != 0); break;
    case Cell::kNull: w->Null(); break;
  }
}

std::string Attrs(const std::vector<Cell>& row) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("source");
  w.String("KAKEN");
  w.Key("program");
  w.String("科研費");
  w.Key("credit");
  w.String("KAKEN：科学研究費助成事業データベース（国立情報学研究所）; KAKEN-ATLAS (rma-lab)");
  w.Key("project_reason");
  w.String("科研費は学術研究（基礎研究）への助成: seeds_basic / basic (KAKENHI funds academic research; the data names no category)");
  if (row.size() > 4) {
    // Fields past the fourth (5-field shards) are kept as given: their
    // meaning is not documented, so they are not interpreted.
    w.Key("extra");
    w.StartArray();
    for (size_t i = 4; i < row.size(); ++i) WriteCell(row[i], &w);
    w.EndArray();
  }
  w.EndObject();
  return buf.GetString();
}

// Builds the record of one row; returns "field: reason" when it cannot.
std::string MakeRecord(const std::vector<Cell>& row, Record* r) {
  if (row.size() < 4) return "row: expected 4 or 5 fields, got " + std::to_string(row.size());
  if (row[0].kind != Cell::kString || !ValidAward(row[0].text)) {
    return "awardNumber: expected a string like \"19K24385\"";
  }
  if (row[2].kind != Cell::kString || row[2].text.empty()) return "title: expected a non-empty string";
  if (row[3].kind != Cell::kString && row[3].kind != Cell::kNull) return "keywords: expected a string";
  const std::string& award = row[0].text;
  r->type = "topic";
  r->id = "topic:kaken:" + award;
  (HasJapanese(row[2].text) ? r->title.ja : r->title.en) = row[2].text;
  r->keywords = SplitKeywords(row[3].text);
  // The award number names the fiscal year the grant started (19K…: FY2019;
  // 8 digits: the Heisei year).  KAKEN-ATLAS rows carry no research period,
  // so there is no end date: pairing estimates one and says so.
  r->date = GrantFiscalYear(GrantRef{r->id, award, "kaken"});
  // The rows name no research category (種目) or review section (審査区分):
  // what holds for every KAKENHI grant is that it funds academic research.
  r->project = "seeds_basic";
  r->stage = "basic";
  r->identifiers["grant"] = award;
  r->attrs_json = Attrs(row);
  return "";
}

// SAX handler: depth 1 is inside the top-level array, depth 2 inside a row.
class RowHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RowHandler> {
 public:
  RowHandler(std::string file, RecordSink* sink) : file_(std::move(file)), sink_(sink) {}

  bool Null() { return Scalar(Cell{}); }
  bool Bool(bool b) { return Scalar(Cell{Cell::kBool, "", b ? 1 : 0, 0}); }
  bool Int(int v) { return Scalar(Cell{Cell::kInt, "", v, 0}); }
  bool Uint(unsigned v) { return Scalar(Cell{Cell::kInt, "", v, 0}); }
  bool Int64(int64_t v) { return Scalar(Cell{Cell::kInt, "", v, 0}); }
  bool Uint64(uint64_t v) { return Scalar(Cell{Cell::kDouble, "", 0, static_cast<double>(v)}); }
  bool Double(double v) { return Scalar(Cell{Cell::kDouble, "", 0, v}); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return Scalar(Cell{Cell::kString, std::string(s, n), 0, 0});
  }
  bool StartObject() { return Start("an object"); }
  bool Key(const char*, rapidjson::SizeType, bool) { return true; }
  bool EndObject(rapidjson::SizeType) { return End(); }
  bool StartArray() { return Start(nullptr); }
  bool EndArray(rapidjson::SizeType) { return End(); }

  const std::string& fatal() const { return fatal_; }
  int element() const { return element_; }
  bool in_element() const { return depth_ >= 2; }

 private:
  bool Scalar(Cell c) {
    if (depth_ == 0) return Fail("top level: expected an array of rows");
    if (depth_ == 1) {
      ++element_;
      Reject("element: expected an array [awardNumber, 2, title, keywords], got a scalar");
    } else if (depth_ == 2) {
      row_.push_back(std::move(c));
    }
    return true;
  }
  // `what` names a non-array value ("an object"); nullptr for an array.
  bool Start(const char* what) {
    if (depth_ == 0 && what != nullptr) return Fail("top level: expected an array of rows");
    if (depth_ == 1) {
      ++element_;
      row_.clear();
      bad_ = what ? std::string("element: expected an array, got ") + what : "";
    } else if (depth_ == 2 && bad_.empty()) {
      bad_ = "row: field " + std::to_string(row_.size() + 1) + " is nested, expected a scalar";
    }
    if (++depth_ > static_cast<int>(kMaxJsonDepth)) return Fail("json: nesting too deep (over " + std::to_string(kMaxJsonDepth) + " levels)");
    return true;
  }
  bool End() {
    if (--depth_ == 1) FinishRow();
    return true;
  }
  void FinishRow() {
    if (!bad_.empty()) return Reject(bad_);
    Record r;
    sink_->At(file_ + ":record " + std::to_string(element_));
    std::string problem = MakeRecord(row_, &r);
    if (!problem.empty()) return Reject(problem);
    sink_->Accept(std::move(r));
  }
  void Reject(const std::string& message) {
    sink_->Reject(file_ + ":record " + std::to_string(element_), message);
  }
  bool Fail(std::string message) {
    fatal_ = std::move(message);
    return false;
  }

  std::string file_;
  RecordSink* sink_;
  int depth_ = 0;
  int element_ = 0;
  std::vector<Cell> row_;
  std::string bad_;
  std::string fatal_;
};

struct FileCloser {
  void operator()(FILE* f) const {
    if (f != stdin) fclose(f);
  }
};

Status ImportKakenFile(const std::string& file, RecordSink* sink) {
  std::unique_ptr<FILE, FileCloser> f(file == "-" ? stdin : fopen(file.c_str(), "rb"));
  if (!f) return Status::IOError(file + ": cannot open");
  char buf[1 << 16];
  rapidjson::FileReadStream stream(f.get(), buf, sizeof buf);
  RowHandler handler(file, sink);
  rapidjson::Reader reader;
  rapidjson::ParseResult ok = reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler);
  if (ferror(f.get())) return Status::IOError(file + ": read error");
  if (ok) return Status::Ok();
  if (!handler.fatal().empty()) {
    sink->Reject(file + ":byte " + std::to_string(ok.Offset()), handler.fatal());
    return Status::Ok();
  }
  // The rows before the error have been imported already; say which row
  // was cut short so the reader knows where the loss begins.
  std::string message = std::string("json: ") + rapidjson::GetParseError_En(ok.Code());
  if (ok.Code() == rapidjson::kParseErrorDocumentEmpty) message = "json: file is empty";
  if (handler.in_element()) {
    message += " (record " + std::to_string(handler.element()) + " is incomplete and was skipped;"
               " is the file truncated?)";
  }
  sink->Reject(file + ":byte " + std::to_string(ok.Offset()), message);
  return Status::Ok();
}

}  // namespace

Status ImportKaken(const std::vector<std::string>& files, RecordSink* sink) {
  for (const std::string& file : files) {
    Status s = ImportKakenFile(file, sink);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace seedgraph
