// Tests of the yakka importer and of the name rules of the drug importers
// (FDA abbreviations, US subsidiaries, company ids), on rows copied from the
// real files (tests/fixtures/yakka: MHLW 薬価基準収載品目リスト of 2025-07-16,
// 出典：厚生労働省ホームページ), on hand-broken rows, and once over the full
// ../shared/data files.  Records go through Import(), so
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

std::set<std::string> Targets(const Record& r, const std::string& rel) {
  std::set<std::string> out;
  for (const auto& l : r.links) {
    if (l.rel == rel) out.insert(l.to);
  }
  return out;
}

bool Contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

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

}  // namespace
}  // namespace seedgraph
