// EDINET code list (FSA「EDINETコードリスト」) -> company records.
//
// One CSV row per filer.  The id prefers the 法人番号 (corporate number),
// which other sources (patents, gBizINFO) also carry, so the same company
// from two sources becomes one record; filers without one fall back to
// their EDINET code.
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "indexer/import/csv.h"
#include "indexer/import/importer.h"

namespace seedgraph {
namespace {

// Column names exactly as the FSA file spells them (full-width ＥＤＩＮＥＴ).
struct Columns {
  int edinet = -1, filer_type = -1, listed = -1, consolidated = -1, capital = -1,
      fiscal_end = -1, name = -1, name_en = -1, reading = -1, address = -1,
      industry = -1, securities = -1, corporate = -1;
};

Columns MapColumns(const std::vector<std::string>& h) {
  Columns c;
  c.edinet = FindColumn(h, "ＥＤＩＮＥＴコード");
  c.filer_type = FindColumn(h, "提出者種別");
  c.listed = FindColumn(h, "上場区分");
  c.consolidated = FindColumn(h, "連結の有無");
  c.capital = FindColumn(h, "資本金");
  c.fiscal_end = FindColumn(h, "決算日");
  c.name = FindColumn(h, "提出者名");
  c.name_en = FindColumn(h, "提出者名（英字）");
  c.reading = FindColumn(h, "提出者名（ヨミ）");
  c.address = FindColumn(h, "所在地");
  c.industry = FindColumn(h, "提出者業種");
  c.securities = FindColumn(h, "証券コード");
  c.corporate = FindColumn(h, "提出者法人番号");
  return c;
}

std::string Cell(const std::vector<std::string>& row, int col) {
  if (col < 0 || static_cast<size_t>(col) >= row.size()) return "";
  std::string s = row[col];
  // Trim ASCII and ideographic (U+3000) spaces: the FSA file pads some names.
  auto is_space_at = [&](size_t i, size_t* len) {
    if (s[i] == ' ' || s[i] == '\t') return *len = 1, true;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) return *len = 3, true;
    return false;
  };
  size_t len = 0;
  while (!s.empty() && is_space_at(0, &len)) s.erase(0, len);
  while (!s.empty()) {
    if (s.back() == ' ' || s.back() == '\t') {
      s.pop_back();
    } else if (s.size() >= 3 && s.compare(s.size() - 3, 3, "\xE3\x80\x80") == 0) {
      s.resize(s.size() - 3);
    } else {
      break;
    }
  }
  return s;
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool IdSafe(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!ok) return false;
  }
  return true;
}

std::string Attrs(const std::vector<std::string>& row, const Columns& c) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("source");
  w.String("EDINET");
  auto put = [&](const char* key, int col) {
    std::string v = Cell(row, col);
    if (v.empty()) return;
    w.Key(key);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  put("industry", c.industry);
  put("address", c.address);
  put("filer_type", c.filer_type);
  put("consolidated", c.consolidated);
  put("fiscal_year_end", c.fiscal_end);
  std::string listed = Cell(row, c.listed);
  if (!listed.empty()) {
    w.Key("listed");
    w.Bool(listed == "上場");
  }
  // 資本金 is in millions of yen; kept as a number so it can be sorted on.
  std::string capital = Cell(row, c.capital);
  if (AllDigits(capital) && capital.size() < 16) {
    w.Key("capital_million_yen");
    w.Int64(std::stoll(capital));
  }
  w.EndObject();
  return buf.GetString();
}

// Builds the record of one row; returns "field: reason" when it cannot.
std::string MakeRecord(const std::vector<std::string>& row, const Columns& c, Record* r) {
  std::string edinet = Cell(row, c.edinet);
  std::string corp = Cell(row, c.corporate);
  if (!corp.empty() && !(AllDigits(corp) && corp.size() == 13)) {
    return "提出者法人番号: not a 13-digit corporate number: '" + corp + "'";
  }
  if (!edinet.empty() && !IdSafe(edinet)) return "ＥＤＩＮＥＴコード: unexpected characters: '" + edinet + "'";
  if (corp.empty() && edinet.empty()) return "提出者法人番号: empty, and no ＥＤＩＮＥＴコード either";
  r->type = "company";
  r->id = corp.empty() ? "company:edinet:" + edinet : "company:corp:" + corp;
  r->title.ja = Cell(row, c.name);
  r->title.en = Cell(row, c.name_en);
  if (r->title.empty()) return "提出者名: empty";
  for (int col : {c.reading, c.industry}) {
    std::string k = Cell(row, col);
    if (!k.empty()) r->keywords.push_back(k);
  }
  if (!corp.empty()) r->identifiers["corporate_number"] = corp;
  if (!edinet.empty()) r->identifiers["edinet"] = edinet;
  std::string sec = Cell(row, c.securities);
  if (!sec.empty()) r->identifiers["securities_code"] = sec;
  r->attrs_json = Attrs(row, c);
  return "";
}

}  // namespace

Status ImportEdinet(const std::vector<std::string>& files, RecordSink* sink) {
  for (const std::string& file : files) {
    Columns cols;
    auto header = [&](const std::vector<std::string>& row, const std::string& where) {
      cols = MapColumns(row);
      if (cols.name >= 0 && (cols.corporate >= 0 || cols.edinet >= 0)) return true;
      sink->Reject(where, "header: not an EDINET code list (need 提出者名 and 提出者法人番号 or ＥＤＩＮＥＴコード)");
      return false;
    };
    auto row = [&](const std::vector<std::string>& fields, const std::string& where) {
      Record r;
      std::string problem = MakeRecord(fields, cols, &r);
      if (!problem.empty()) return sink->Reject(where, problem);
      sink->Accept(std::move(r));
    };
    Status s = ForEachCsvRow(file, sink, header, row);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace seedgraph
