// FDA Drugs@FDA and Orange Book (US government works, public domain) ->
// drug and company records.
//
// Four files, recognised by their names: Applications (tab-separated:
// ApplNo, ApplType, ApplPublicNotes, SponsorName), Products (tab-separated:
// ApplNo, ProductNo, Form, Strength, ReferenceDrug, DrugName,
// ActiveIngredient, ReferenceStandard), and the Orange Book's patent and
// exclusivity files ('~'-separated).  FDA writes its files in Latin-1
// (Windows-1252): a line that is not UTF-8 is read as that.
//
// One drug record per NDA or BLA application with products:
// `drug:fda:<ApplType><ApplNo>` (drug:fda:NDA021436), its drug names as
// title, active ingredients and names as keywords, its products,
// exclusivities and patents in attrs.  ANDA applications (generics: most of
// the file) are counted as skipped, not made.  The sponsor is a company (or,
// by its words, an organization) known by its name, `company:name:<key>`
// (names.h, the ids the uspto importer gives assignees, so that one firm is
// one record), linked by `marketed_by`; each Orange Book patent is a
// `protected_by` link to `patent:US<number>`, the number written as USPTO
// writes its doc numbers (and the uspto importer its ids): 8 characters,
// 7625884 -> US07625884, RE49302 -> USRE049302.  A "*PED" row is the
// patent's pediatric exclusivity: its date is attrs.patents[].pediatric_expires.
//
// Disease areas and modalities are not given: nothing in these files says
// them, and the indexer's tagger derives what the names support.
//
// The Applications, patent and exclusivity files are read into memory first
// (tens of thousands of short rows); Products, the largest, is streamed: it
// is in ApplNo order, and each application's records are made when the next
// application begins.
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/json_lines.h"
#include "indexer/import/names.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

constexpr const char* kSource = "FDA Drugs@FDA / Orange Book";
constexpr size_t kTitleNames = 3;  // drug names in the title; all are keywords
constexpr const char* kAnda = "ANDA applications (generics; only NDA and BLA are kept)";
constexpr const char* kUnknownApp = "applications with products but not in the Applications file";
constexpr const char* kNoProducts = "NDA/BLA applications without products in the Products file";
constexpr const char* kNoDrugPatents = "Orange Book patent rows of applications without a drug record";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(const std::string& s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Windows-1252 (FDA's Latin-1) to UTF-8; the five bytes it leaves undefined
// become U+FFFD.
std::string Cp1252ToUtf8(const std::string& s) {
  static const char16_t kHigh[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                     0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                     0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                     0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  for (unsigned char c : s) {
    unsigned cp = c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

// "Aug 24, 2026" -> "2026-08-24"; "" unless it is such a date.
std::string IsoDate(const std::string& text) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const size_t space = text.find(' '), comma = text.find(", ");
  if (space != 3 || comma == std::string::npos || comma <= 4) return "";
  const std::string day = text.substr(4, comma - 4), year = text.substr(comma + 2);
  if (!AllDigits(day) || day.size() > 2 || std::stoi(day) < 1 || std::stoi(day) > 31 || !AllDigits(year) ||
      year.size() != 4) {
    return "";
  }
  for (int m = 0; m < 12; ++m) {
    if (text.compare(0, 3, kMonths[m]) != 0) continue;
    const std::string mm = std::to_string(m + 1);
    return year + "-" + (mm.size() == 1 ? "0" : "") + mm + "-" + (day.size() == 1 ? "0" : "") + day;
  }
  return "";
}

// An application number as FDA writes it, 6 digits ("21436" -> "021436"); "" if not one.
std::string ApplNo(const std::string& raw) {
  if (!AllDigits(raw) || raw.size() > 6) return "";
  return std::string(6 - raw.size(), '0') + raw;
}

// "ABACAVIR SULFATE; LAMIVUDINE" and "ABACAVIR;LAMIVUDINE" -> the two
// ingredients; a ';' in parentheses stays ("MENOTROPINS (FSH;LH)").
std::vector<std::string> SplitIngredients(const std::string& text) {
  std::vector<std::string> out;
  std::string part;
  int depth = 0;
  for (char c : text + ";") {
    depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
    if (c != ';' || depth > 0) {
      part += c;
      continue;
    }
    AddUnique(&out, TrimText(part));
    part.clear();
  }
  return out;
}

// The rejection of a bad application number in `column`.
std::string BadApplNo(const char* column, const std::string& raw) {
  return std::string(column) + ": expected up to 6 digits, got '" + raw.substr(0, 40) + "'";
}

// ---------------------------------------------------------------- tables

enum class FileKind { kApplications, kProducts, kPatents, kExclusivity, kUnknown };

FileKind KindOf(const std::string& path) {
  const std::string b = Lower(BaseName(path));
  if (b.find("application") != std::string::npos) return FileKind::kApplications;
  if (b.find("product") != std::string::npos) return FileKind::kProducts;
  if (b.find("patent") != std::string::npos) return FileKind::kPatents;
  if (b.find("exclusivity") != std::string::npos) return FileKind::kExclusivity;
  return FileKind::kUnknown;
}

struct TableSpec {
  const char* name;  // for messages
  char separator;
  std::vector<const char*> required;  // columns that must be in the header
};

const TableSpec& Spec(FileKind kind) {
  static const TableSpec kSpecs[] = {
      {"Drugs@FDA Applications", '\t', {"ApplNo", "ApplType", "SponsorName"}},
      {"Drugs@FDA Products", '\t', {"ApplNo", "ProductNo", "DrugName", "ActiveIngredient"}},
      {"Orange Book patent", '~', {"Appl_Type", "Appl_No", "Product_No", "Patent_No", "Patent_Expire_Date_Text"}},
      {"Orange Book exclusivity", '~', {"Appl_Type", "Appl_No", "Product_No", "Exclusivity_Code", "Exclusivity_Date"}}};
  return kSpecs[static_cast<int>(kind)];
}

using RowFn = std::function<void(const NamedRow& row, const std::string& where)>;

// Reads a table whose first line is its header; rows with the wrong number
// of fields are rejected (trailing empty fields, as in three real Products
// rows, are no error).  A header without the spec's columns rejects the file.
Status ReadTable(const std::string& path, const TableSpec& spec, RecordSink* sink, const RowFn& row_fn) {
  std::vector<std::string> header;
  bool readable = true;
  return ForEachLine({path}, [&](const std::string& raw, const std::string& where) {
    if (!readable) return;
    sink->At(where);
    std::vector<std::string> cells = SplitFields(IsValidUtf8(raw) ? raw : Cp1252ToUtf8(raw), spec.separator);
    for (auto& cell : cells) cell = TrimText(cell);
    if (header.empty()) {
      header = cells;
      for (const char* column : spec.required) {
        if (FindColumn(header, column) >= 0) continue;
        readable = false;
        std::string need;
        for (const char* c : spec.required) need += (need.empty() ? "" : ", ") + std::string(c);
        sink->Reject(where, "header: these are not the columns of the " + std::string(spec.name) + " file (need " + need +
                                ", separated by '" +
                                (spec.separator == '\t' ? std::string("\\t") : std::string(1, spec.separator)) + "')");
        return;
      }
      return;
    }
    size_t n = cells.size();
    while (n > header.size() && cells[n - 1].empty()) --n;
    if (n != header.size()) {
      sink->Reject(where,
                   "row: expected " + std::to_string(header.size()) + " fields, got " + std::to_string(cells.size()));
      return;
    }
    row_fn(NamedRow(&header, &cells), where);
  });
}

// ---------------------------------------------------------------- side tables

struct Application {
  std::string type, sponsor, notes;
};

struct PatentRow {
  std::string product, number, expires, use_code, submitted;
  bool pediatric = false, substance = false, product_claim = false, delisted = false;
};

struct Exclusivity {
  std::string product, code, expires;
};

// "7625884" -> "07625884", "RE49302" -> "RE049302" (USPTO doc numbers);
// "" when it is neither.
std::string DocNumber(const std::string& number) {
  if (AllDigits(number) && number.size() <= 8) return std::string(8 - number.size(), '0') + number;
  if (number.size() > 2 && number.size() <= 8 && number.compare(0, 2, "RE") == 0 && AllDigits(number.substr(2))) {
    return "RE" + std::string(8 - number.size(), '0') + number.substr(2);
  }
  return "";
}

class SideTables {
 public:
  void AddApplication(const NamedRow& row, const std::string& where, RecordSink* sink);
  void AddPatent(const NamedRow& row, const std::string& where, RecordSink* sink);
  void AddExclusivity(const NamedRow& row, const std::string& where, RecordSink* sink);

  std::map<std::string, Application> apps;                   // by ApplNo
  std::map<std::string, std::vector<std::string>> sponsors;  // NDA/BLA sponsor names by company id
  std::map<std::string, std::vector<PatentRow>> patents;     // by ApplNo
  std::map<std::string, std::vector<Exclusivity>> exclusivities;
};

void SideTables::AddApplication(const NamedRow& row, const std::string& where, RecordSink* sink) {
  const std::string no = ApplNo(row["ApplNo"]), type = row["ApplType"], sponsor = row["SponsorName"];
  if (no.empty()) return sink->Reject(where, BadApplNo("ApplNo", row["ApplNo"]));
  if (type != "NDA" && type != "BLA" && type != "ANDA") {
    return sink->Reject(where, "ApplType: expected NDA, BLA or ANDA, got '" + type.substr(0, 40) + "'");
  }
  if (apps.count(no)) return sink->Reject(where, "ApplNo: " + no + " is given twice");
  const std::string id = type == "ANDA" ? "" : CompanyOrOrganizationId(sponsor);
  if (type != "ANDA" && id.empty()) {
    return sink->Reject(where, "SponsorName: required (a name with letters or digits)");
  }
  if (!id.empty()) AddUnique(&sponsors[id], sponsor);
  apps[no] = {type, sponsor, row["ApplPublicNotes"]};
}

void SideTables::AddPatent(const NamedRow& row, const std::string& where, RecordSink* sink) {
  const std::string no = ApplNo(row["Appl_No"]);
  if (no.empty()) return sink->Reject(where, BadApplNo("Appl_No", row["Appl_No"]));
  PatentRow p;
  std::string number = row["Patent_No"];
  const size_t star = number.find("*PED");
  p.pediatric = star != std::string::npos && star + 4 == number.size();
  if (p.pediatric) number.resize(star);
  if (DocNumber(number).empty()) {
    return sink->Reject(where, "Patent_No: expected a US patent number like 7625884 or RE49302, got '" +
                                   row["Patent_No"].substr(0, 40) + "'");
  }
  p.number = number;
  p.expires = IsoDate(row["Patent_Expire_Date_Text"]);
  if (p.expires.empty()) {
    return sink->Reject(where, "Patent_Expire_Date_Text: expected a date like Aug 24, 2026, got '" +
                                   row["Patent_Expire_Date_Text"].substr(0, 40) + "'");
  }
  p.product = row["Product_No"];
  p.substance = row["Drug_Substance_Flag"] == "Y";
  p.product_claim = row["Drug_Product_Flag"] == "Y";
  p.delisted = row["Delist_Flag"] == "Y";
  p.use_code = row["Patent_Use_Code"];
  p.submitted = IsoDate(row["Submission_Date"]);
  patents[no].push_back(std::move(p));
}

void SideTables::AddExclusivity(const NamedRow& row, const std::string& where, RecordSink* sink) {
  const std::string no = ApplNo(row["Appl_No"]);
  if (no.empty()) return sink->Reject(where, BadApplNo("Appl_No", row["Appl_No"]));
  Exclusivity e{row["Product_No"], row["Exclusivity_Code"], IsoDate(row["Exclusivity_Date"])};
  if (e.code.empty()) return sink->Reject(where, "Exclusivity_Code: required");
  if (e.expires.empty()) {
    return sink->Reject(where, "Exclusivity_Date: expected a date like Jul 13, 2026, got '" +
                                   row["Exclusivity_Date"].substr(0, 40) + "'");
  }
  exclusivities[no].push_back(std::move(e));
}

// ---------------------------------------------------------------- drugs

struct Product {
  std::string where, number, form, strength, name, ingredient;
  bool reference_drug = false, reference_standard = false;
};

// attrs.patents: one entry per patent, its rows (one per product and use
// code) folded together.
std::vector<std::string> PatentsJson(const std::vector<PatentRow>& rows, std::vector<std::string>* numbers) {
  std::vector<std::string> out;
  for (const auto& first : rows) {
    if (std::find(numbers->begin(), numbers->end(), first.number) != numbers->end()) continue;
    numbers->push_back(first.number);
    std::vector<std::string> products, use_codes;
    std::string expires, pediatric, submitted;
    bool substance = false, product_claim = false, delisted = false;
    for (const auto& p : rows) {
      if (p.number != first.number) continue;
      AddUnique(&products, p.product);
      AddUnique(&use_codes, p.use_code);
      (p.pediatric ? pediatric : expires) = std::max(p.pediatric ? pediatric : expires, p.expires);
      if (submitted.empty() || (!p.submitted.empty() && p.submitted < submitted)) submitted = p.submitted;
      substance |= p.substance;
      product_claim |= p.product_claim;
      delisted |= p.delisted;
    }
    std::sort(products.begin(), products.end());
    Attrs a;
    a.Str("patent", "US" + DocNumber(first.number)).Str("number", first.number).Str("expires", expires);
    a.Str("pediatric_expires", pediatric).Strs("products", products).Strs("use_codes", use_codes);
    if (substance) a.Bool("drug_substance", true);
    if (product_claim) a.Bool("drug_product", true);
    if (delisted) a.Bool("delist_requested", true);
    a.Str("submitted", submitted);
    out.push_back(a.Done());
  }
  return out;
}

std::vector<std::string> ExclusivitiesJson(const std::vector<Exclusivity>& rows) {
  std::vector<std::string> out;
  for (const auto& e : rows) {
    out.push_back(Attrs().Str("product", e.product).Str("code", e.code).Str("expires", e.expires).Done());
  }
  return out;
}

std::string ProductJson(const Product& p) {
  Attrs a;
  a.Str("product", p.number).Str("name", p.name).Str("active_ingredient", p.ingredient).Str("form", p.form);
  a.Str("strength", p.strength);
  if (p.reference_drug) a.Bool("reference_drug", true);
  if (p.reference_standard) a.Bool("reference_standard", true);
  return a.Done();
}

class DrugMaker {
 public:
  DrugMaker(SideTables* tables, RecordSink* sink) : tables_(tables), sink_(sink) {}
  void ProductRow(const NamedRow& row, const std::string& where);
  // Makes the records of the application gathered so far.
  void Flush();
  // Counts what no drug record took (after the last Flush).
  void CountLeftovers();

 private:
  void Drug(const Application& app);
  void Sponsor(const std::string& id);

  SideTables* tables_;
  RecordSink* sink_;
  std::string appl_no_;            // the application being gathered
  std::vector<Product> products_;  // its products
  std::set<std::string> done_;     // applications whose products were read
  EmittedSet emitted_;
};

void DrugMaker::ProductRow(const NamedRow& row, const std::string& where) {
  const std::string no = ApplNo(row["ApplNo"]);
  if (no.empty()) return sink_->Reject(where, BadApplNo("ApplNo", row["ApplNo"]));
  Product p{where, row["ProductNo"], row["Form"], row["Strength"], row["DrugName"], row["ActiveIngredient"],
            row["ReferenceDrug"] == "1", row["ReferenceStandard"] == "1"};
  if (p.name.empty()) return sink_->Reject(where, "DrugName: required");
  if (no != appl_no_ && done_.count(no)) {
    return sink_->Reject(where, "ApplNo: application " + no +
                                    " came earlier in the file and its drug is made (the file must be in ApplNo order)");
  }
  if (no != appl_no_) {
    Flush();
    appl_no_ = no;
  }
  products_.push_back(std::move(p));
}

void DrugMaker::Flush() {
  if (appl_no_.empty()) return;
  done_.insert(appl_no_);
  auto app = tables_->apps.find(appl_no_);
  if (app == tables_->apps.end()) {
    sink_->Skip(kUnknownApp);
  } else if (app->second.type == "ANDA") {
    sink_->Skip(kAnda);
  } else {
    Drug(app->second);
  }
  products_.clear();
  appl_no_.clear();
}

void DrugMaker::Sponsor(const std::string& id) {
  if (!emitted_.FirstTime(id)) return;
  sink_->Accept(NamedPartyRecord(id, tables_->sponsors[id], kSource, "name"));
}

void DrugMaker::Drug(const Application& app) {
  sink_->At(products_.front().where);
  const std::string sponsor = CompanyOrOrganizationId(app.sponsor);
  Sponsor(sponsor);
  Record r;
  r.id = "drug:fda:" + app.type + appl_no_;
  r.type = "drug";
  r.identifiers["fda_application"] = app.type + appl_no_;
  std::vector<std::string> names, ingredients, products;
  for (const auto& p : products_) {
    AddUnique(&names, p.name);
    for (const auto& part : SplitIngredients(p.ingredient)) AddUnique(&ingredients, part);
    products.push_back(ProductJson(p));
  }
  for (size_t i = 0; i < names.size() && i < kTitleNames; ++i) r.title.en += (i ? ", " : "") + names[i];
  for (const auto& list : {ingredients, names}) {
    for (const auto& k : list) AddUnique(&r.keywords, k);
  }
  AddLink(&r, "marketed_by", sponsor);
  std::vector<std::string> numbers, patents, exclusivities;
  auto pat = tables_->patents.find(appl_no_);
  if (pat != tables_->patents.end()) {
    patents = PatentsJson(pat->second, &numbers);
    tables_->patents.erase(pat);  // what is left at the end had no drug
  }
  for (const auto& n : numbers) AddLink(&r, "protected_by", "patent:US" + DocNumber(n));
  auto excl = tables_->exclusivities.find(appl_no_);
  if (excl != tables_->exclusivities.end()) exclusivities = ExclusivitiesJson(excl->second);
  Attrs a;
  a.Str("source", kSource).Str("appl_type", app.type).Str("sponsor", app.sponsor).Str("public_notes", app.notes);
  a.Strs("active_ingredients", ingredients).RawList("products", products).RawList("patents", patents);
  a.RawList("exclusivities", exclusivities);
  r.attrs_json = a.Done();
  sink_->Accept(std::move(r));
}

void DrugMaker::CountLeftovers() {
  for (const auto& [no, app] : tables_->apps) {
    if (app.type != "ANDA" && !done_.count(no)) sink_->Skip(kNoProducts);
  }
  for (const auto& [no, rows] : tables_->patents) {
    for (size_t i = 0; i < rows.size(); ++i) sink_->Skip(kNoDrugPatents);
  }
}

}  // namespace

Status ImportOrangeBook(const std::vector<std::string>& files, RecordSink* sink) {
  std::vector<std::string> by_kind[5];
  auto of = [&by_kind](FileKind kind) -> std::vector<std::string>& { return by_kind[static_cast<int>(kind)]; };
  for (const auto& f : files) of(KindOf(f)).push_back(f);
  for (const auto& f : of(FileKind::kUnknown)) {
    sink->Reject(f, "file: not an orange-book file (its name should say Applications, Products, patent or "
                    "exclusivity)");
  }
  if (of(FileKind::kApplications).empty() || of(FileKind::kProducts).empty()) {
    return Status::InvalidArgument(
        "orange-book: give the Drugs@FDA Applications and Products files (names with \"Applications\" and "
        "\"Products\"), and the Orange Book patent and exclusivity files if wanted");
  }
  SideTables tables;
  const std::pair<FileKind, void (SideTables::*)(const NamedRow&, const std::string&, RecordSink*)> kSides[] = {
      {FileKind::kApplications, &SideTables::AddApplication},
      {FileKind::kPatents, &SideTables::AddPatent},
      {FileKind::kExclusivity, &SideTables::AddExclusivity}};
  for (const auto& [kind, fn] : kSides) {
    for (const auto& f : of(kind)) {
      Status st = ReadTable(f, Spec(kind), sink, [&, fn = fn](const NamedRow& row, const std::string& where) {
        (tables.*fn)(row, where, sink);
      });
      if (!st.ok()) return st;
    }
  }
  DrugMaker maker(&tables, sink);
  for (const auto& f : of(FileKind::kProducts)) {
    Status st = ReadTable(f, Spec(FileKind::kProducts), sink,
                          [&maker](const NamedRow& row, const std::string& where) { maker.ProductRow(row, where); });
    if (!st.ok()) return st;
    maker.Flush();
  }
  maker.CountLeftovers();
  return Status::Ok();
}

}  // namespace seedgraph
