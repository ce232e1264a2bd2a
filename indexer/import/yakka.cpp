// MHLW 薬価基準収載品目リスト (the national drug price list, CSV, UTF-8) ->
// drug and company records.
//
// One row per product (a brand in one strength); the first 7 characters of
// its 薬価基準収載医薬品コード name the ingredient within a therapeutic class
// (4-digit 薬効分類 + 3-digit ingredient), the first 3 the 薬効分類 itself.
// A drug record is one ingredient of one maker: `drug:yakka:<code7>-<key>`,
// key = OrganizationKey(メーカー名), with the maker's products (code, name,
// strength, price, originator or generic) in attrs.products and its brands
// (品名 without the strength) as title and keywords.  Each maker is one
// company record, `company:name:<key>`, the id the uspto importer gives a
// company known by its name, linked by `marketed_by`.  Makers are companies
// by what the list says of them, not by their words: the list drops the
// legal form, and 三和化学研究所 or 日本血液製剤機構 would read as institutes.
//
// Rows without a maker (the generic 局 entries listed under the ingredient
// name alone) are no one's product: they are counted (Skip), not records.
//
// The therapeutic class gives disease areas and modalities through
// data/vocab/yakko_class_map.tsv, which must be among the files (as uspto's
// ipc_map.tsv); each code a record gets is explained in attrs.class_tags.
//
// The list is in code order, so one ingredient's rows are consecutive: they
// are gathered (a few dozen rows at most) and their records made when the
// next ingredient begins, which keeps memory constant.  A row whose
// ingredient came earlier (a list out of order) is rejected rather than
// replace the records already made.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "indexer/import/csv.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/json_lines.h"
#include "indexer/import/names.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

constexpr const char* kSource = "MHLW 薬価基準";
constexpr const char* kCredit = "出典：厚生労働省ホームページ（薬価基準収載品目リスト及び後発医薬品に関する情報について）";
constexpr size_t kTitleBrands = 3;  // brands named in the title; all are keywords
constexpr const char* kNoMaker = "price-list products without a maker (メーカー名 empty)";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

// ---------------------------------------------------------------- yakko_class_map.tsv

struct ClassEntry {
  std::string name;
  std::vector<std::string> areas, modalities;
};

// "cancer,lifestyle" -> codes, each checked against `vocab`; "-" -> none.
// Returns "" or the problem.
std::string ParseCodes(const std::string& field, const Vocabulary& vocab, std::vector<std::string>* codes) {
  if (field == "-") return "";
  for (const auto& code : SplitFields(field, ',')) {
    if (!vocab.Contains(code)) {
      return "'" + code.substr(0, 40) + "' is not a " + vocab.name + " code (" + vocab.CodeList() + "; \"-\" for none)";
    }
    codes->push_back(code);
  }
  return "";
}

class YakkoClassMap {
 public:
  // Reads the map; a bad row is rejected ("yakko_class_map.tsv:N: ...") and skipped.
  Status Load(const std::string& path, RecordSink* sink);
  const ClassEntry* Find(const std::string& cls) const {
    auto it = classes_.find(cls);
    return it == classes_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, ClassEntry> classes_;
};

Status YakkoClassMap::Load(const std::string& path, RecordSink* sink) {
  return ForEachLine({path}, [&](const std::string& line, const std::string& where) {
    if (line[0] == '#') return;
    std::vector<std::string> f = SplitFields(line, '\t');
    if (f.size() != 5) {
      sink->Reject(where, "row: expected class, class name, disease_areas, modalities, reason separated by tabs");
      return;
    }
    if (f[0].size() != 3 || !AllDigits(f[0])) {
      return sink->Reject(where, "class: expected 3 digits like 429, got '" + f[0].substr(0, 40) + "'");
    }
    if (classes_.count(f[0])) return sink->Reject(where, "class: " + f[0] + " is given twice");
    ClassEntry e{f[1], {}, {}};
    std::string problem = ParseCodes(f[2], DiseaseAreas(), &e.areas);
    if (!problem.empty()) return sink->Reject(where, "disease_areas: " + problem);
    problem = ParseCodes(f[3], Modalities(), &e.modalities);
    if (!problem.empty()) return sink->Reject(where, "modalities: " + problem);
    classes_[f[0]] = std::move(e);
  });
}

// ---------------------------------------------------------------- brand names

// A full-width ASCII character as its ASCII form (ｍ -> m), for matching.
UChar32 Narrow(UChar32 c) { return c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c; }

// The length of the unit of strength that starts at `at` (ｍｇ, ％, 単位 ...), or 0.
int32_t UnitAt(const icu::UnicodeString& s, int32_t at) {
  static const char* const kUnits[] = {"万単位", "単位", "mEq", "mmol", "mg", "μg", "µg", "ng", "kg", "mL", "ml",
                                       "μL",     "IU",   "cm",  "%",    "g",  "L"};
  for (const char* unit : kUnits) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(unit);
    if (at + u.length() > s.length()) continue;
    bool same = true;
    for (int32_t i = 0; i < u.length() && same; ++i) same = Narrow(s.charAt(at + i)) == u.charAt(i);
    if (!same) continue;
    // One-letter units must end there: ５ｇ, not the ｇ of a word.
    const int32_t end = at + u.length();
    const UChar32 next = end < s.length() ? Narrow(s.charAt(end)) : 0;
    if (u.length() == 1 && next < 128 && u_isalpha(next)) continue;
    return u.length();
  }
  return 0;
}

// The end of the number starting at `at` (digits with . or , between them).
int32_t NumberEnd(const icu::UnicodeString& s, int32_t at) {
  int32_t i = at;
  while (i < s.length()) {
    if (u_isdigit(s.charAt(i))) {
      ++i;
    } else if ((Narrow(s.charAt(i)) == '.' || Narrow(s.charAt(i)) == ',') && i + 1 < s.length() &&
               u_isdigit(s.charAt(i + 1))) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// The end of a strength starting with a number at `at` ("５ｍｇ", "５ｇ／１００ｍＬ",
// "７ｃｍ×１０ｃｍ"), or `at` when the number is not a strength.  A bare number
// is one at the end or before 「 after a kana or kanji (カルナクリン錠２５);
// ＰＤ－２ and ビタミンＢ１２ keep theirs.
int32_t StrengthEnd(const icu::UnicodeString& s, int32_t at) {
  int32_t end = NumberEnd(s, at);
  int32_t unit = UnitAt(s, end);
  if (unit == 0) {
    if (at == 0 || (end < s.length() && s.charAt(end) != u'「')) return at;
    const UChar32 before = Narrow(s.charAt(at - 1));
    const bool latin = before < 128 && std::isalnum(static_cast<int>(before));
    return latin || before == '-' || before == 0x2212 ? at : end;
  }
  end += unit;
  // "／ｍＬ", "／１００ｍＬ", "×１０ｃｍ" continue the strength.
  while (end < s.length() && (Narrow(s.charAt(end)) == '/' || s.charAt(end) == u'×')) {
    int32_t next = end + 1;
    int32_t n = next < s.length() && u_isdigit(s.charAt(next)) ? NumberEnd(s, next) : next;
    int32_t u = UnitAt(s, n);
    if (u == 0) break;
    end = n + u;
  }
  return end;
}

// 品名 without its strength: ユーロジン１ｍｇ錠 -> ユーロジン錠,
// カペシタビン錠３００ｍｇ「日医工」 -> カペシタビン錠「日医工」.  Spaces are
// kept as written (ダイアニール－Ｎ　ＰＤ－２), only not doubled.
std::string BrandName(const std::string& product) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(product), out;
  for (int32_t i = 0; i < s.length();) {
    int32_t end = u_isdigit(s.charAt(i)) ? StrengthEnd(s, i) : i;
    if (end > i) {
      i = end;
      continue;
    }
    const bool space = u_isUWhiteSpace(s.charAt(i));
    if (!space || (!out.isEmpty() && !u_isUWhiteSpace(out.charAt(out.length() - 1)))) out.append(s.charAt(i));
    ++i;
  }
  // What a strength leaves behind: "（）" of "（７０ｍｇ）".
  out.findAndReplace(icu::UnicodeString(u"（）"), icu::UnicodeString());
  out.findAndReplace(icu::UnicodeString(u"()"), icu::UnicodeString());
  while (!out.isEmpty() && u_isUWhiteSpace(out.charAt(out.length() - 1))) out.truncate(out.length() - 1);
  std::string r;
  out.toUTF8String(r);
  return r.empty() ? product : r;
}

// ---------------------------------------------------------------- rows

// The columns a 薬価基準収載品目リスト must have; the others are read when present.
constexpr const char* kRequired[] = {"薬価基準収載医薬品コード", "成分名", "品名", "メーカー名", "薬価"};

std::string Cell(const NamedRow& row, const char* column) { return TrimText(row[column]); }

struct Product {
  std::string where, route, code, ingredient, strength, name, maker, maker_key, kind, generic_flag, price,
      transitional, note;
  bool jp = false, narcotic = false, has_generic = false;
};

// 7 digits (class and ingredient), then the form letter and digits: 1124001F1022.
bool IsCode(const std::string& c) {
  return c.size() == 12 && AllDigits(c.substr(0, 7)) &&
         std::all_of(c.begin() + 7, c.end(), [](char ch) { return IsDigit(ch) || (ch >= 'A' && ch <= 'Z'); });
}

bool IsPrice(const std::string& p) {
  const size_t dot = p.find('.');
  const std::string whole = p.substr(0, dot), frac = dot == std::string::npos ? "0" : p.substr(dot + 1);
  return whole.size() < 12 && frac.size() < 6 && AllDigits(whole) && AllDigits(frac);
}

// The product of a data row, or the problem ("field: reason").
std::string ReadProduct(const std::vector<std::string>& cells, const NamedRow& row, Product* p) {
  for (const auto& field : cells) {
    if (!IsValidUtf8(field)) return "csv: not UTF-8 (a Shift_JIS or Latin-1 file? convert it with iconv)";
  }
  p->code = Cell(row, "薬価基準収載医薬品コード");
  if (!IsCode(p->code)) {
    return "薬価基準収載医薬品コード: expected 12 letters and digits like 1124001F1022, got '" + p->code.substr(0, 40) + "'";
  }
  p->ingredient = Cell(row, "成分名");
  p->name = Cell(row, "品名");
  if (p->ingredient.empty()) return "成分名: required";
  if (p->name.empty()) return "品名: required";
  p->price = Cell(row, "薬価");
  if (!IsPrice(p->price)) return "薬価: expected a price in yen like 36.9, got '" + p->price.substr(0, 40) + "'";
  p->route = Cell(row, "区分");
  p->strength = Cell(row, "規格");
  p->maker = Cell(row, "メーカー名");
  const std::string originator = Cell(row, "先発医薬品");
  const std::string generic = Cell(row, "診療報酬において加算等の算定対象となる後発医薬品");
  p->kind = originator == "先発品"     ? "originator"
            : originator == "準先発品" ? "quasi_originator"
            : !generic.empty()         ? "generic"
                                       : "";
  if (p->kind == "generic" && generic != "後発品") p->generic_flag = generic;  // ★, kept as written
  p->jp = !Cell(row, "日本薬局方").empty();
  p->narcotic = !Cell(row, "麻薬").empty();
  p->has_generic = !Cell(row, "同一剤形・規格の後発医薬品がある先発医薬品").empty();
  p->transitional = Cell(row, "経過措置による使用期限");
  p->note = Cell(row, "備考");
  return "";
}

std::string ProductJson(const Product& p) {
  Attrs a;
  a.Str("code", p.code).Str("name", p.name).Str("strength", p.strength);
  if (p.price.find('.') == std::string::npos) {
    a.Int("price_yen", std::stoll(p.price));
  } else {
    a.Double("price_yen", std::stod(p.price));
  }
  a.Str("kind", p.kind).Str("generic_flag", p.generic_flag);
  if (p.has_generic) a.Bool("generics_exist", true);
  if (p.jp) a.Bool("jp", true);
  if (p.narcotic) a.Bool("narcotic", true);
  a.Str("transitional_until", p.transitional).Str("note", p.note);
  return a.Done();
}

// "yakka_20250716.csv" -> "2025-07-16": the list's date, from its file name.
std::string ListDate(const std::string& path) {
  const std::string b = BaseName(path);
  for (size_t i = 0; i + 8 <= b.size(); ++i) {
    if (!AllDigits(b.substr(i, 8))) continue;
    const std::string d = b.substr(i, 8);
    const int month = std::stoi(d.substr(4, 2)), day = std::stoi(d.substr(6, 2));
    if (d.compare(0, 2, "20") == 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
    }
  }
  return "";
}

// ---------------------------------------------------------------- records

class YakkaReader {
 public:
  YakkaReader(const YakkoClassMap* map, RecordSink* sink) : map_(map), sink_(sink) {}
  Status Read(std::istream* in, const std::string& name);

 private:
  void Row(const std::vector<std::string>& cells, const std::string& where);
  // Makes the records of the ingredient gathered so far.
  void Flush();
  void Drug(const std::vector<Product>& products);
  void ClassCodes(const std::string& cls, Record* r, Attrs* a);

  const YakkoClassMap* map_;
  RecordSink* sink_;
  std::vector<std::string> header_;
  std::string list_date_;
  std::string code7_;                                  // the ingredient being gathered
  std::vector<std::vector<Product>> makers_;           // its products, one list per maker key
  std::set<std::string> done_;                         // ingredients whose records are made
  EmittedSet emitted_;
};

void YakkaReader::Row(const std::vector<std::string>& cells, const std::string& where) {
  Product p;
  std::string problem = ReadProduct(cells, NamedRow(&header_, &cells), &p);
  if (!problem.empty()) return sink_->Reject(where, problem);
  p.where = where;
  if (p.maker.empty()) return sink_->Skip(kNoMaker);
  p.maker_key = OrganizationKey(p.maker);
  if (p.maker_key.empty()) {
    return sink_->Reject(where, "メーカー名: no letter or digit in '" + p.maker.substr(0, 40) + "'");
  }
  const std::string code7 = p.code.substr(0, 7);
  if (code7 != code7_ && done_.count(code7)) {
    return sink_->Reject(where, "薬価基準収載医薬品コード: ingredient " + code7 +
                                    " came earlier in the list and its drugs are made (the list must be in code order)");
  }
  if (code7 != code7_) {
    Flush();
    code7_ = code7;
  }
  for (auto& products : makers_) {
    if (products.front().maker_key != p.maker_key) continue;
    products.push_back(std::move(p));
    return;
  }
  makers_.push_back({std::move(p)});
}

void YakkaReader::Flush() {
  for (const auto& products : makers_) Drug(products);
  if (!code7_.empty()) done_.insert(code7_);
  makers_.clear();
  code7_.clear();
}

void YakkaReader::ClassCodes(const std::string& cls, Record* r, Attrs* a) {
  const ClassEntry* e = map_->Find(cls);
  a->Str("class_code", cls).Str("class_name", e != nullptr ? e->name : "");
  if (e == nullptr || (e->areas.empty() && e->modalities.empty())) return;
  Attrs tags;
  for (const auto* codes : {&e->areas, &e->modalities}) {
    for (const auto& code : *codes) tags.Str(code.c_str(), cls + " " + e->name);
  }
  r->disease_areas = e->areas;
  r->modalities = e->modalities;
  a->Raw("class_tags", tags.Done());
}

void YakkaReader::Drug(const std::vector<Product>& products) {
  const Product& first = products.front();
  sink_->At(first.where);
  const std::string company = CompanyId(first.maker);
  if (emitted_.FirstTime(company)) sink_->Accept(NamedPartyRecord(company, {first.maker}, kSource, "source"));
  Record r;
  r.id = "drug:yakka:" + code7_ + "-" + first.maker_key;
  r.type = "drug";
  r.stage = "approved";  // listed for reimbursement: approved and marketed
  r.identifiers["yakka_ingredient"] = code7_;
  std::vector<std::string> brands, ingredients, product_json;
  bool originator = false, generic = false;
  for (const auto& p : products) {
    AddUnique(&brands, BrandName(p.name));
    AddUnique(&ingredients, p.ingredient);
    product_json.push_back(ProductJson(p));
    originator |= p.kind == "originator" || p.kind == "quasi_originator";
    generic |= p.kind == "generic";
  }
  for (size_t i = 0; i < brands.size() && i < kTitleBrands; ++i) r.title.ja += (i ? "、" : "") + brands[i];
  for (const auto& list : {ingredients, brands}) {
    for (const auto& k : list) AddUnique(&r.keywords, k);
  }
  AddLink(&r, "marketed_by", company);
  Attrs a;
  a.Str("source", kSource).Str("credit", kCredit).Str("list_date", list_date_);
  a.Str("ingredient", first.ingredient);
  if (ingredients.size() > 1) a.Strs("ingredient_names", ingredients);
  a.Str("maker", first.maker).Str("route", first.route);
  ClassCodes(first.code.substr(0, 3), &r, &a);
  a.Bool("originator", originator).Bool("generic", generic).RawList("products", product_json);
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

Status YakkaReader::Read(std::istream* in, const std::string& name) {
  CsvReader reader(in);
  std::vector<std::string> row;
  header_.clear();
  list_date_ = ListDate(name);
  for (CsvReader::Next next; (next = reader.Read(&row)) != CsvReader::Next::kEnd;) {
    const std::string where = name + ":" + std::to_string(reader.row_line());
    sink_->At(where);
    if (next == CsvReader::Next::kError) {
      sink_->Reject(where, "csv: " + reader.error());
    } else if (header_.empty()) {
      header_ = row;
      const bool complete = std::all_of(std::begin(kRequired), std::end(kRequired),
                                        [&](const char* column) { return FindColumn(header_, column) >= 0; });
      if (!complete) {
        sink_->Reject(where,
                      "header: not a 薬価基準収載品目リスト (need 薬価基準収載医薬品コード, 成分名, 品名, メーカー名, 薬価)");
        return Status::Ok();  // nothing else in this file can be read
      }
    } else if (row.size() != header_.size()) {
      sink_->Reject(where,
                    "csv: expected " + std::to_string(header_.size()) + " fields, got " + std::to_string(row.size()));
    } else {
      Row(row, where);
    }
  }
  Flush();
  done_.clear();  // another file is another list
  return in->bad() ? Status::IOError(name + ": read error") : Status::Ok();
}

}  // namespace

Status ImportYakka(const std::vector<std::string>& files, RecordSink* sink) {
  YakkoClassMap map;
  std::vector<std::string> lists;
  Status st = LoadClassMaps(
      files, [&](const std::string& path) { return map.Load(path, sink); },
      "yakka: give the therapeutic class map too (data/vocab/yakko_class_map.tsv), e.g. seedgraph convert --format "
      "yakka yakka_20250716.csv data/vocab/yakko_class_map.tsv",
      &lists);
  if (!st.ok()) return st;
  YakkaReader reader(&map, sink);
  for (const auto& f : lists) {
    std::ifstream file_in;
    if (f != "-") {
      file_in.open(f, std::ios::binary);
      if (!file_in) return Status::IOError(f + ": cannot open");
    }
    st = reader.Read(f == "-" ? &std::cin : &file_in, f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
