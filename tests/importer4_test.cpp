// Tests of the yakka and orange-book importers and of the name rules they
// add (FDA abbreviations, US subsidiaries, company ids), on rows copied from
// the real files (tests/fixtures/yakka: MHLW 薬価基準収載品目リスト of
// 2025-07-16, 出典：厚生労働省ホームページ; tests/fixtures/orange-book: FDA
// Drugs@FDA and Orange Book, public domain), on hand-broken rows, and once
// over the full ../shared/data files.  Records go through Import(), so
// ValidateRecord checks each one: a contract violation is a rejection.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "tests/import_util.h"

namespace seedgraph {
namespace {

const std::string kClassMap = std::string(SEEDGRAPH_SOURCE_DIR) + "/data/vocab/yakko_class_map.tsv";

constexpr const char* kNoMaker = "price-list products without a maker (メーカー名 empty)";
constexpr const char* kAnda = "ANDA applications (generics; only NDA and BLA are kept)";

size_t Occurrences(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// One import, made the first time a test asks for it and shared by the
// tests after (the suites' fixture, without a class per suite).
struct ImportRun {
  Status status;
  Collected c;
};

const ImportRun& ImportOnce(const std::string& format, const std::vector<std::string>& files) {
  static std::map<std::vector<std::string>, std::unique_ptr<ImportRun>> runs;
  std::unique_ptr<ImportRun>& run = runs[files];
  if (run == nullptr) {
    run = std::make_unique<ImportRun>();
    run->status = RunImport(format, files, &run->c);
  }
  return *run;
}

// ---------------------------------------------------------------- names

TEST(Names4Test, FdaAbbreviationsAndUsSubsidiariesKeyAsTheFirm) {
  struct Row { const char* name; const char* key; } rows[] = {
      {"TAKEDA PHARMS USA", "takeda-pharmaceutical"},
      {"TAKEDA PHARMS AMERICA", "takeda-pharmaceutical"},
      {"Takeda Pharmaceuticals U.S.A., Inc.", "takeda-pharmaceutical"},
      {"Takeda Pharmaceutical Company Limited", "takeda-pharmaceutical"},  // importer3's key, unchanged
      {"ORGANON USA INC", "organon"},
      {"SANOFI AVENTIS US", "sanofi-aventis"},
      {"BAXTER HLTHCARE CORP", "baxter-healthcare"},
      {"Baxter Healthcare Corporation", "baxter-healthcare"},
      {"SUN PHARM INDS LTD", "sun-pharmaceutical-industries"},
      {"Sun Pharmaceutical Industries Ltd.", "sun-pharmaceutical-industries"},
      {"ABBOTT LABS", "abbott-laboratories"},
      {"Abbott Laboratories", "abbott-laboratories"},
      {"VALEANT PHARMS INTL", "valeant-pharmaceutical-international"},
      {"LANTHEUS MEDCL", "lantheus-medical"},
      {"Vertex Pharmaceuticals Incorporated", "vertex-pharmaceutical"},
      {"Bank of America", "bank-of-america"},  // "of America" is part of the name
      {"America", "america"},                  // never stripped to nothing
      {"Ｍｅｉｊｉ　Ｓｅｉｋａ　ファルマ", "meiji-seikaファルマ"},
  };
  for (const auto& r : rows) EXPECT_EQ(OrganizationKey(r.name), r.key) << r.name;
}

TEST(Names4Test, InstitutionalIsNoInstituteAndAbbreviatedUniversitiesAreOrganizations) {
  struct Row { const char* name; bool company; } rows[] = {
      {"MYLAN INSTITUTIONAL", true},
      {"Mylan Institutional Inc.", true},
      {"UNIV CA LOS ANGELES", false},
      {"US ARMY MED RES", false},
      {"POPULATION COUNCIL", false},
      {"Karolinska Institutet", false},
      {"Institut Pasteur", false},
      {"Smithsonian Institution", false},
      {"The Broad Institute, Inc.", false},
      {"Instituto Carlos Slim de la Salud", false},
      {"PFIZER LABS", true},
  };
  for (const auto& r : rows) EXPECT_EQ(IsCompanyName(r.name), r.company) << r.name;
}

TEST(Names4Test, CompanyIdsAreTheOnesUsptoGives) {
  EXPECT_EQ(CompanyId("PFIZER INC"), "company:name:pfizer");
  EXPECT_EQ(CompanyId("武田薬品工業株式会社"), "company:name:武田薬品工業");
  EXPECT_EQ(CompanyId("－－"), "");
  EXPECT_EQ(CompanyOrOrganizationId("TAKEDA PHARMS USA"), "company:name:takeda-pharmaceutical");
  EXPECT_EQ(CompanyOrOrganizationId("UNIV CA LOS ANGELES"), "organization:name:university-ca-los-angeles");
  EXPECT_EQ(CompanyOrOrganizationId(""), "");
}

// ---------------------------------------------------------------- yakka

const ImportRun& YakkaSample() {
  return ImportOnce("yakka", {Fixture("yakka/yakka_20250716_sample.csv"), kClassMap});
}

TEST(YakkaTest, OneDrugPerIngredientAndMakerAndOneCompanyPerMaker) {
  const ImportRun& run = YakkaSample();
  const Collected& c = run.c;
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("drug"), 28u);
  EXPECT_EQ(c.Count("company"), 24u);
  EXPECT_EQ(c.records.size(), 52u);  // each company made once
  // The 局 rows listed under the ingredient name alone have no maker.
  EXPECT_EQ(c.skipped, (std::map<std::string, size_t>{{kNoMaker, 5}}));
  for (const auto& [id, r] : c.by_id) EXPECT_EQ(id.rfind("drug:yakka:1121001", 0), std::string::npos) << id;
}

TEST(YakkaTest, BrandsProductsAndFlags) {
  const Collected& c = YakkaSample().c;
  const Record& d = c.Get("drug:yakka:1124001-武田テバ薬品");
  EXPECT_EQ(d.title.ja, "ユーロジン散、ユーロジン錠");  // 品名 without strengths: 散１％, １ｍｇ錠, ２ｍｇ錠
  EXPECT_EQ(d.keywords, (std::vector<std::string>{"エスタゾラム", "ユーロジン散", "ユーロジン錠"}));
  EXPECT_EQ(d.stage, "approved");
  EXPECT_EQ(d.identifiers.at("yakka_ingredient"), "1124001");
  EXPECT_EQ(Targets(d, "marketed_by"), (std::set<std::string>{"company:name:武田テバ薬品"}));
  for (const char* want : {"\"source\":\"MHLW 薬価基準\"", "\"credit\":\"出典：厚生労働省ホームページ", "\"list_date\":\"2025-07-16\"",
                           "\"ingredient\":\"エスタゾラム\"", "\"route\":\"内用薬\"", "\"class_code\":\"112\"",
                           "\"class_name\":\"催眠鎮静剤，抗不安剤\"", "\"originator\":true", "\"generic\":false",
                           "{\"code\":\"1124001F1022\",\"name\":\"ユーロジン１ｍｇ錠\",\"strength\":\"１ｍｇ１錠\",\"price_yen\":6.1,"
                           "\"kind\":\"originator\"}",
                           "\"generics_exist\":true"}) {
    EXPECT_TRUE(Contains(d.attrs_json, want)) << want << "\n" << d.attrs_json;
  }
  EXPECT_EQ(Occurrences(d.attrs_json, "\"code\":"), 3u);
  const Record& generic = c.Get("drug:yakka:1124001-共和薬品工業");
  EXPECT_EQ(generic.title.ja, "エスタゾラム錠「アメル」");
  EXPECT_TRUE(Contains(generic.attrs_json, "\"kind\":\"generic\",\"generic_flag\":\"★\"")) << generic.attrs_json;
  EXPECT_TRUE(Contains(generic.attrs_json, "\"originator\":false,\"generic\":true"));
  const Record& quasi = c.Get("drug:yakka:2491001-三和化学研究所");
  EXPECT_EQ(quasi.title.ja, "カルナクリン錠、カルナクリンカプセル");  // a bare strength (錠２５) is one too
  EXPECT_TRUE(Contains(quasi.attrs_json, "\"kind\":\"quasi_originator\"")) << quasi.attrs_json;
  EXPECT_TRUE(Contains(quasi.attrs_json, "\"originator\":true"));
  EXPECT_TRUE(Contains(c.Get("drug:yakka:8119002-シオノギファーマ").attrs_json, "\"narcotic\":true"));
  EXPECT_TRUE(Contains(c.Get("drug:yakka:6399421-中外製薬").attrs_json, "\"price_yen\":23881,"));
  // Strengths with a slash, and several brands capped at three in the title.
  EXPECT_EQ(c.Get("drug:yakka:6343410-日本血液製剤機構").title.ja, "献血アルブミン静注「ＪＢ」");
  EXPECT_EQ(c.Get("drug:yakka:6399421-中外製薬").title.ja,
            "アクテムラ点滴静注用、アクテムラ皮下注シリンジ、アクテムラ皮下注オートインジェクター");
  EXPECT_EQ(c.Get("drug:yakka:2710806-ニプロ").title.ja, "エピリド配合注歯科用カートリッジ");
}

TEST(YakkaTest, MakersAreCompaniesWithTheirNamesAsWritten) {
  const Collected& c = YakkaSample().c;
  const Record& meiji = c.Get("company:name:meiji-seikaファルマ");
  EXPECT_EQ(meiji.type, "company");
  EXPECT_EQ(meiji.title.ja, "Ｍｅｉｊｉ　Ｓｅｉｋａ　ファルマ");  // the ideographic spaces kept
  EXPECT_TRUE(Contains(meiji.attrs_json, "\"names\":[\"Ｍｅｉｊｉ　Ｓｅｉｋａ　ファルマ\"]")) << meiji.attrs_json;
  EXPECT_TRUE(c.Has("drug:yakka:4291015-meiji-seikaファルマ"));
  // 研究所 and 機構 would make organizations by their words; the list says they are makers.
  EXPECT_EQ(c.Get("company:name:三和化学研究所").type, "company");
  EXPECT_EQ(c.Get("company:name:日本血液製剤機構").type, "company");
  // The uspto importer's id for the same name.
  EXPECT_TRUE(c.Has(CompanyId("武田薬品工業株式会社")));
}

TEST(YakkaTest, TherapeuticClassesMapToDiseaseAreasAndModalities) {
  const Collected& c = YakkaSample().c;
  struct Row { const char* id; std::vector<std::string> areas, modalities; const char* tag; } rows[] = {
      {"drug:yakka:4223005-沢井製薬", {"cancer"}, {}, "\"cancer\":\"422 代謝拮抗剤\""},
      {"drug:yakka:4291015-ダイト", {"cancer"}, {}, "\"cancer\":\"429 その他の腫瘍用薬\""},
      {"drug:yakka:6311400-msd", {"infectious"}, {"vaccine"}, "\"vaccine\":\"631 ワクチン類\""},
      {"drug:yakka:6399421-中外製薬", {}, {"biologic"}, "\"biologic\":\"639 その他の生物学的製剤\""},
      {"drug:yakka:6343410-cslベーリング", {}, {"biologic"}, "\"biologic\":\"634 血液製剤類\""},
      {"drug:yakka:2710806-白水貿易", {"dental_oral"}, {}, "\"dental_oral\":\"271 歯科用局所麻酔剤\""},
      {"drug:yakka:2491001-日医工", {}, {}, nullptr},            // 249: insulin and anti-hormones, no one code
      {"drug:yakka:8119002-第一三共", {}, {}, nullptr},          // opioids: pain of any cause
  };
  for (const auto& r : rows) {
    if (!c.Has(r.id)) {
      ADD_FAILURE() << "no record " << r.id;
      continue;
    }
    const Record& d = c.Get(r.id);
    EXPECT_EQ(d.disease_areas, r.areas) << r.id;
    EXPECT_EQ(d.modalities, r.modalities) << r.id;
    if (r.tag != nullptr) {
      EXPECT_TRUE(Contains(d.attrs_json, r.tag)) << r.id << "\n" << d.attrs_json;
    } else {
      EXPECT_FALSE(Contains(d.attrs_json, "class_tags")) << r.id;
    }
  }
}

TEST(YakkaBrokenTest, BadRowsAreRejectedWithTheirLine) {
  Collected c;
  ASSERT_TRUE(RunImport("yakka", {Fixture("yakka/yakka_broken.csv"), kClassMap}, &c).ok());
  const std::string f = "yakka/yakka_broken.csv:";
  EXPECT_TRUE(c.Rejected(f + "3", "csv: expected 15 fields, got 14")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "4", "薬価基準収載医薬品コード: expected 12 letters and digits")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "5", "csv: not UTF-8")) << c.RejectList();  // a Shift_JIS row
  EXPECT_TRUE(c.Rejected(f + "7", "薬価: expected a price in yen")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "8", "csv: stray quote")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "9", "品名: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "10", "メーカー名: no letter or digit")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "12", "ingredient 1124001 came earlier in the list")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 8u) << c.RejectList();
  EXPECT_EQ(c.skipped, (std::map<std::string, size_t>{{kNoMaker, 1}}));  // line 6: no maker, no error
  // Lines 2, 11 and 13 are good; line 2's drug is not replaced by line 12's.
  EXPECT_EQ(c.Count("drug"), 3u);
  EXPECT_EQ(c.Count("company"), 3u);
  EXPECT_EQ(Occurrences(c.Get("drug:yakka:1124001-武田テバ薬品").attrs_json, "\"code\":"), 1u);
  EXPECT_TRUE(c.Has("drug:yakka:4223005-チェプラファーム"));
  EXPECT_TRUE(c.Has("drug:yakka:6399421-中外製薬"));
}

TEST(YakkaBrokenTest, TheClassMapIsRequiredAndCheckedAgainstTheVocabulary) {
  Collected none;
  Status st = RunImport("yakka", {Fixture("yakka/yakka_20250716_sample.csv")}, &none);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(st.message(), "yakko_class_map.tsv")) << st.message();
  EXPECT_TRUE(none.records.empty());
  Collected c;
  ASSERT_TRUE(
      RunImport("yakka", {Fixture("yakka/yakka_20250716_sample.csv"), Fixture("yakka/yakko_class_map_bad.tsv")}, &c).ok());
  const std::string f = "yakka/yakko_class_map_bad.tsv:";
  EXPECT_TRUE(c.Rejected(f + "3", "disease_areas: 'psych' is not a disease_areas code")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "4", "class: expected 3 digits like 429, got '4291'")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "5", "class: 429 is given twice")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "6", "modalities: 'antigen' is not a modalities code")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "7", "row: expected class, class name")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 5u) << c.RejectList();
  // Only 429 is mapped: other classes have no name and no codes.
  EXPECT_EQ(c.Get("drug:yakka:4291015-ダイト").disease_areas, std::vector<std::string>{"cancer"});
  const Record& d = c.Get("drug:yakka:1124001-武田テバ薬品");
  EXPECT_TRUE(d.disease_areas.empty());
  EXPECT_TRUE(Contains(d.attrs_json, "\"class_code\":\"112\"") && !Contains(d.attrs_json, "class_name")) << d.attrs_json;
  EXPECT_FALSE(RunImport("yakka", {Fixture("yakka/no_such.csv"), kClassMap}, &c).ok());
}

// ---------------------------------------------------------------- orange-book

std::vector<std::string> OrangeBookFiles(const std::string& kind) {
  const std::string d = "orange-book/";
  return {Fixture(d + "drugsfda_Applications_" + kind + ".txt"), Fixture(d + "drugsfda_Products_" + kind + ".txt"),
          Fixture(d + "ob_patent_" + kind + ".txt"), Fixture(d + "ob_exclusivity_" + kind + ".txt")};
}

const ImportRun& OrangeBookSample() {
  std::vector<std::string> files = OrangeBookFiles("sample");
  std::reverse(files.begin(), files.end());  // recognised by name, in any order
  return ImportOnce("orange-book", files);
}

TEST(OrangeBookTest, OneDrugPerNdaOrBlaWithProducts) {
  const ImportRun& run = OrangeBookSample();
  const Collected& c = run.c;
  ASSERT_TRUE(run.status.ok()) << run.status.message();
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("drug"), 9u);
  EXPECT_EQ(c.Count("company"), 6u);
  EXPECT_EQ(c.Count("organization"), 1u);
  EXPECT_EQ(c.records.size(), 16u);
  EXPECT_EQ(c.skipped, (std::map<std::string, size_t>{
                             {kAnda, 1},                                                               // ANDA 040028
                             {"NDA/BLA applications without products in the Products file", 1},        // NDA 021164
                             {"Orange Book patent rows of applications without a drug record", 2},     // its patents
                             {"applications with products but not in the Applications file", 1}}));  // 013718
  EXPECT_FALSE(c.Has("drug:fda:ANDA040028"));
  for (const auto& [id, r] : c.by_id) {
    if (r.type != "drug") continue;
    // Nothing in the files says disease areas, modalities or whether it is still marketed.
    EXPECT_TRUE(r.disease_areas.empty() && r.modalities.empty() && r.stage.empty()) << id;
  }
}

TEST(OrangeBookTest, ProductsSponsorsPatentsAndExclusivities) {
  const Collected& c = OrangeBookSample().c;
  const Record& abilify = c.Get("drug:fda:NDA021436");
  EXPECT_EQ(abilify.title.en, "ABILIFY");
  EXPECT_EQ(abilify.keywords, (std::vector<std::string>{"ARIPIPRAZOLE", "ABILIFY"}));
  EXPECT_EQ(abilify.identifiers.at("fda_application"), "NDA021436");
  EXPECT_EQ(Targets(abilify, "marketed_by"), (std::set<std::string>{"company:name:otsuka"}));
  EXPECT_EQ(Targets(abilify, "protected_by"),
            (std::set<std::string>{"patent:US08759350", "patent:US09125939", "patent:US08017615"}));
  for (const char* want : {"\"source\":\"FDA Drugs@FDA / Orange Book\"", "\"appl_type\":\"NDA\"", "\"sponsor\":\"OTSUKA\"",
                           "{\"product\":\"001\",\"name\":\"ABILIFY\",\"active_ingredient\":\"ARIPIPRAZOLE\",\"form\":"
                           "\"TABLET;ORAL\",\"strength\":\"10MG\",\"reference_drug\":true,\"reference_standard\":true}",
                           "{\"patent\":\"US08017615\",\"number\":\"8017615\",\"expires\":\"2024-06-16\","
                           "\"pediatric_expires\":\"2024-12-16\",\"products\":[\"001\",\"002\",\"003\",\"004\",\"005\","
                           "\"006\"],\"drug_product\":true}",
                           "\"use_codes\":[\"U-1529\"],\"submitted\":\"2014-07-22\""}) {
    EXPECT_TRUE(Contains(abilify.attrs_json, want)) << want << "\n" << abilify.attrs_json;
  }
  // A reissue keeps its RE number, 8 characters as USPTO writes it.
  const Record& kuvan = c.Get("drug:fda:NDA022181");
  EXPECT_TRUE(Targets(kuvan, "protected_by").count("patent:USRE043797"));
  EXPECT_EQ(Targets(kuvan, "protected_by").size(), 9u);  // 18 rows: per product and use code
  EXPECT_TRUE(Contains(kuvan.attrs_json, "\"number\":\"RE43797\"")) << kuvan.attrs_json;
  const Record& nesina = c.Get("drug:fda:NDA022271");
  EXPECT_TRUE(Contains(nesina.attrs_json, "\"exclusivities\":[{\"product\":\"001\",\"code\":\"M-300\",\"expires\":\"2026-07-27\"}"))
      << nesina.attrs_json;
  const Record& humira = c.Get("drug:fda:BLA125057");
  EXPECT_TRUE(Contains(humira.attrs_json, "\"appl_type\":\"BLA\"")) << humira.attrs_json;
  EXPECT_EQ(Targets(humira, "marketed_by"), (std::set<std::string>{"company:name:abbvie"}));
  // "; " separates ingredients; a ';' in parentheses does not.
  EXPECT_EQ(c.Get("drug:fda:BLA017646").keywords, (std::vector<std::string>{"MENOTROPINS (FSH;LH)", "PERGONAL"}));
  EXPECT_EQ(c.Get("drug:fda:NDA020586").title.en, "MERETEK UBT KIT (W/ PRANACTIN), BREATHTEK UBT FOR H-PYLORI");
}

TEST(OrangeBookTest, SponsorsAreOneRecordPerFirmWithEveryWriting) {
  const Collected& c = OrangeBookSample().c;
  // TAKEDA PHARMS USA has the id of uspto's "Takeda Pharmaceutical Company Limited".
  const std::string takeda = CompanyId("Takeda Pharmaceutical Company Limited");
  EXPECT_EQ(Targets(c.Get("drug:fda:NDA021073"), "marketed_by"), (std::set<std::string>{takeda}));
  EXPECT_EQ(Targets(c.Get("drug:fda:NDA022271"), "marketed_by"), (std::set<std::string>{takeda}));
  EXPECT_EQ(c.Get(takeda).title.en, "TAKEDA PHARMS USA");
  // OTSUKA AMERICA (020586) and OTSUKA (021436): one company, both names.
  const Record& otsuka = c.Get("company:name:otsuka");
  EXPECT_EQ(otsuka.type, "company");
  EXPECT_TRUE(Contains(otsuka.attrs_json, "\"names\":[\"OTSUKA AMERICA\",\"OTSUKA\"]")) << otsuka.attrs_json;
  EXPECT_TRUE(c.Has("company:name:pfizer-laboratories"));
  // A university sponsor is an organization.
  EXPECT_EQ(Targets(c.Get("drug:fda:NDA212642"), "marketed_by"),
            (std::set<std::string>{"organization:name:university-ca-los-angeles"}));
  EXPECT_EQ(c.Get("organization:name:university-ca-los-angeles").type, "organization");
}

TEST(OrangeBookBrokenTest, BadRowsAreRejectedWithTheirLine) {
  Collected c;
  std::vector<std::string> files = OrangeBookFiles("broken");
  files.push_back(Fixture("orange-book/ob_patent_sponsor_join_sample.csv"));  // a patent file by name, not by columns
  files.push_back(Fixture("yakka/yakka_broken.csv"));                         // no orange-book file at all
  ASSERT_TRUE(RunImport("orange-book", files, &c).ok());
  const std::string a = "drugsfda_Applications_broken.txt:", p = "drugsfda_Products_broken.txt:",
                    t = "ob_patent_broken.txt:", e = "ob_exclusivity_broken.txt:";
  EXPECT_TRUE(c.Rejected(a + "3", "ApplNo: expected up to 6 digits, got '02143X'")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(a + "4", "ApplType: expected NDA, BLA or ANDA")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(a + "5", "row: expected 4 fields, got 3")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(a + "6", "ApplNo: 021436 is given twice")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(a + "7", "SponsorName: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(p + "3", "row: expected 8 fields, got 7")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(p + "5", "ApplNo: expected up to 6 digits")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(p + "7", "application 021436 came earlier in the file")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(p + "8", "DrugName: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(t + "3", "Patent_No: expected a US patent number")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(t + "4", "Patent_Expire_Date_Text: expected a date like Aug 24, 2026, got 'Mar 32, 2026'"))
      << c.RejectList();
  EXPECT_TRUE(c.Rejected(t + "5", "row: expected 10 fields, got 9")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(t + "6", "Appl_No: expected up to 6 digits, got '0214366'")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(e + "3", "Exclusivity_Date: expected a date")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(e + "4", "Exclusivity_Code: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("ob_patent_sponsor_join_sample.csv:1", "header: these are not the columns of the Orange Book patent"))
      << c.RejectList();
  EXPECT_TRUE(c.Rejected("yakka_broken.csv", "file: not an orange-book file")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 17u) << c.RejectList();
  // A Latin-1 row is read as Latin-1 (µ, 0xB5), a row with a trailing tab as the row it is.
  const Record& abilify = c.Get("drug:fda:NDA021436");
  EXPECT_TRUE(Contains(abilify.attrs_json, "\"strength\":\"10\xC2\xB5G\"")) << abilify.attrs_json;
  EXPECT_EQ(Occurrences(abilify.attrs_json, "\"product\":\""), 2u);
  EXPECT_EQ(Targets(abilify, "protected_by"), (std::set<std::string>{"patent:US08759350", "patent:US08017615"}));
  EXPECT_TRUE(Contains(abilify.attrs_json, "\"pediatric_expires\":\"2024-12-16\"")) << abilify.attrs_json;
  const Record& nesina = c.Get("drug:fda:NDA022271");
  EXPECT_EQ(Occurrences(nesina.attrs_json, "\"product\":\"00"), 3u);  // 2 products, 1 exclusivity
  EXPECT_EQ(c.Count("drug"), 2u);
}

TEST(OrangeBookBrokenTest, ApplicationsAndProductsAreRequired) {
  Collected c;
  const std::vector<std::string> files = OrangeBookFiles("sample");
  Status st = RunImport("orange-book", {files[1], files[2]}, &c);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(st.message(), "Applications")) << st.message();
  EXPECT_TRUE(c.records.empty());
  EXPECT_FALSE(RunImport("orange-book", {files[0], Fixture("orange-book/no_such_Products.txt")}, &c).ok());
}

// ---------------------------------------------------------------- shared data

class SharedData4Test : public SharedDataSuite {};

TEST_F(SharedData4Test, EveryPriceListProductImports) {
  Collected c;
  ASSERT_TRUE(RunImport("yakka", {dir_ + "/mhlw-drug-price-list/yakka_20250716.csv", kClassMap}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  // PROVENANCE.md: 12,434 products from 313 makers (one of them the empty
  // maker); 4,239 originator rows from 193 companies.
  size_t products = 0, originator_rows = 0;
  std::set<std::string> originator_makers;
  for (const auto& [id, r] : c.by_id) {
    if (r.type != "drug") continue;
    products += Occurrences(r.attrs_json, "\"code\":");
    originator_rows += Occurrences(r.attrs_json, "originator\"}") + Occurrences(r.attrs_json, "originator\",");
    if (Contains(r.attrs_json, "\"originator\":true")) originator_makers.insert(*Targets(r, "marketed_by").begin());
  }
  EXPECT_EQ(products + c.skipped[kNoMaker], 12434u);
  EXPECT_EQ(c.Count("company"), 312u);
  EXPECT_EQ(originator_rows, 4239u);
  EXPECT_EQ(originator_makers.size(), 193u);
  EXPECT_GT(c.Count("drug"), 5000u);
  EXPECT_EQ(c.Get("company:name:武田薬品工業").type, "company");
}

TEST_F(SharedData4Test, EveryNdaAndBlaWithProductsImports) {
  Collected c;
  const std::string d = dir_ + "/fda-orange-book/";
  ASSERT_TRUE(RunImport("orange-book",
                        {d + "drugsfda_Applications_2024-01.txt", d + "drugsfda_Products_2021-09.txt",
                         d + "ob_patent_2024.txt", d + "ob_exclusivity_2024.txt"},
                        &c)
                  .ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  // PROVENANCE.md: 27,024 applications, 18,578 patent rows on 1,210 NDAs.
  // The Products file (2021-09) is older than Applications (2024-01): the
  // newer applications have no products and so no drug.
  EXPECT_GT(c.Count("drug"), 5000u);
  EXPECT_LT(c.Count("drug"), 6000u);
  EXPECT_GT(c.skipped[kAnda], 19000u);
  size_t with_patents = 0;
  for (const auto& [id, r] : c.by_id) with_patents += !Targets(r, "protected_by").empty();
  EXPECT_GT(with_patents, 950u);
  EXPECT_LE(with_patents, 1210u);
  EXPECT_EQ(Targets(c.Get("drug:fda:NDA021436"), "marketed_by"), (std::set<std::string>{"company:name:otsuka"}));
  EXPECT_EQ(c.Get("company:name:takeda-pharmaceutical").type, "company");
}

}  // namespace
}  // namespace seedgraph
