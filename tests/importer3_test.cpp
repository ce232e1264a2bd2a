// Tests of the uspto and ror importers and of the name rules they add
// (legal forms, company vs organization), on lines copied from the real
// files (tests/fixtures/uspto: USPTO bulk data via eloyfelix/uspto-chem,
// public domain; tests/fixtures/ror: ROR, CC0), on hand-broken lines, and
// once over the full ../shared/data files.  Records go through Import(), so
// ValidateRecord checks each one: a contract violation is a rejection.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "tests/import_util.h"

namespace seedgraph {
namespace {

const std::string kIpcMap = std::string(SEEDGRAPH_SOURCE_DIR) + "/data/vocab/ipc_map.tsv";

std::set<std::string> Set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// ---------------------------------------------------------------- names

TEST(Names3Test, LegalFormsAreStrippedWhereverTheyStand) {
  struct Row { const char* name; const char* key; } rows[] = {
      {"Takeda Pharmaceutical Company Limited", "takeda-pharmaceutical"},
      {"TAKEDA PHARMACEUTICAL CO., LTD.", "takeda-pharmaceutical"},
      {"Takeda Pharmaceutical Co., Ltd", "takeda-pharmaceutical"},
      {"武田薬品工業株式会社", "武田薬品工業"},
      {"(株)武田薬品工業", "武田薬品工業"},
      {"CANON KABUSHIKI KAISHA", "canon"},
      {"KABUSHIKI KAISHA TOSHIBA", "toshiba"},
      {"Sysmex K.K.", "sysmex"},
      {"Henkel AG & Co. KGaA", "henkel"},
      {"Boehringer Ingelheim Pharma GmbH & Co. KG", "boehringer-ingelheim-pharma"},
      {"Chiesi Farmaceutici S.p.A.", "chiesi-farmaceutici"},
      {"BioNTech SE", "biontech"},
      {"AstraZeneca AB", "astrazeneca"},
      {"Novo Nordisk A/S", "novo-nordisk"},
      {"Janssen Pharmaceutica NV", "janssen-pharmaceutica"},
      {"Cellix Bio Private Limited", "cellix-bio"},
      {"SHIONOGI & CO., LTD.", "shionogi"},
      {"The Procter & Gamble Company", "procter-&-gamble"},
      {"KYUSHU UNIVERSITY, NATIONAL UNIVERSITY CORPORATION", "kyushu-university"},
      {"National University Corporation Kobe University", "kobe-university"},
      {"Kabushiki Kaisha", "kabushiki-kaisha"},  // never stripped to nothing
      {"Company", "company"},
  };
  for (const auto& r : rows) EXPECT_EQ(OrganizationKey(r.name), r.key) << r.name;
}

TEST(Names3Test, CompaniesAreToldFromOrganizationsByTheirWords) {
  struct Row { const char* name; bool company; } rows[] = {
      {"Takeda Pharmaceutical Company Limited", true},
      {"Pfizer Inc.", true},
      {"L'OREAL", true},
      {"Semiconductor Energy Laboratory Co., Ltd.", true},  // a laboratory with a commercial form
      {"Roche Innovation Center Copenhagen A/S", true},
      {"Centrexion Therapeutics Corporation", true},  // "Centre" only as a whole word
      {"ヤンセンファーマ株式会社", true},
      {"KYOTO UNIVERSITY", false},
      {"Universität Heidelberg", false},
      {"The General Hospital Corporation", false},  // a hospital, whatever its legal form
      {"The Broad Institute, Inc.", false},         // Inc. does not make a non-profit a company
      {"Dana-Farber Cancer Institute, Inc.", false},
      {"Mayo Foundation for Medical Education and Research", false},
      {"The Regents of the University of California", false},
      {"The United States of America, as represented by the Secretary, Department of Health and Human Services", false},
      {"Centre National de la Recherche Scientifique (CNRS)", false},
      {"Cold Spring Harbor Laboratory", false},
      {"京都大学", false},
      {"国立研究開発法人日本医療研究開発機構", false},
  };
  for (const auto& r : rows) EXPECT_EQ(IsCompanyName(r.name), r.company) << r.name;
}

// ---------------------------------------------------------------- uspto

struct UsptoTestInput {
  static std::string Format() { return "uspto"; }
  static std::vector<std::string> Files() { return {Fixture("uspto/grants_sample.jsonl"), kIpcMap}; }
};
using UsptoTest = ImportedOnceTest<UsptoTestInput>;

TEST_F(UsptoTest, OnePatentPerGrantWithItsNumbersAndDate) {
  ASSERT_TRUE(status_.ok()) << status_.message();
  EXPECT_TRUE(c_->rejects.empty()) << c_->RejectList();
  EXPECT_EQ(c_->Count("patent"), 29u);
  const Record& p = c_->Get("patent:US11559525");
  EXPECT_EQ(p.title.en, "Therapeutic drug for dyskinesia");
  EXPECT_EQ(p.text.en.rfind("The present invention provides a therapeutic drug", 0), 0u) << p.text.en.substr(0, 80);
  EXPECT_EQ(p.date, "2023-01-24");
  EXPECT_EQ(p.identifiers.at("patent"), "US11559525");
  EXPECT_EQ(p.identifiers.at("application"), "US17461015");
  EXPECT_EQ(p.identifiers.at("ipc"), "A61K31/506");
  EXPECT_EQ(p.identifiers.at("cpc"), "A61K31/506");
  EXPECT_TRUE(Contains(p.attrs_json, "\"kind\":\"B2\"")) << p.attrs_json;
  EXPECT_TRUE(Contains(p.attrs_json, "\"application_date\":\"2021-08-30\"")) << p.attrs_json;
  EXPECT_TRUE(Contains(p.attrs_json, "\"ipc_classes\":[\"A61K31/506\",")) << p.attrs_json;
  // A reissue keeps its RE number.
  EXPECT_EQ(c_->Get("patent:USRE049370").date, "2023-01-17");
}

TEST_F(UsptoTest, AssigneesAreCompaniesOrOrganizationsByName) {
  // SUMITOMO PHARMA CO., LTD. (assignee) and Sumitomo Pharma Co., Ltd. (applicant): one company.
  const Record& p = c_->Get("patent:US11559525");
  EXPECT_EQ(Targets(p, "applicant"), (std::set<std::string>{"company:name:sumitomo-pharma"}));
  const Record& sumitomo = c_->Get("company:name:sumitomo-pharma");
  EXPECT_EQ(sumitomo.type, "company");
  EXPECT_EQ(sumitomo.title.en, "Sumitomo Pharma Co., Ltd.");  // the mixed-case writing replaces the capitals
  EXPECT_TRUE(Contains(sumitomo.attrs_json, "\"names\":[\"SUMITOMO PHARMA CO., LTD.\",\"Sumitomo Pharma Co., Ltd.\"]"))
      << sumitomo.attrs_json;
  EXPECT_TRUE(Contains(sumitomo.attrs_json, "\"country\":\"JP\""));
  // TAKEDA PHARMACEUTICAL COMPANY LIMITED (line 28) and Takeda Pharmaceutical Company Limited (line 29).
  EXPECT_TRUE(HasLink(c_->Get("patent:US11851449"), "applicant", "company:name:takeda-pharmaceutical"));
  EXPECT_TRUE(HasLink(c_->Get("patent:US11560372"), "applicant", "company:name:takeda-pharmaceutical"));
  EXPECT_EQ(c_->Get("company:name:takeda-pharmaceutical").title.en, "Takeda Pharmaceutical Company Limited");
  EXPECT_TRUE(HasLink(c_->Get("patent:US11555028"), "applicant", "company:name:canon"));  // CANON KABUSHIKI KAISHA
  // Universities, hospitals, institutes and agencies are organizations.
  EXPECT_EQ(Targets(c_->Get("patent:US11555031"), "applicant"),
            (std::set<std::string>{"organization:name:broad-institute", "organization:name:general-hospital",
                                   "organization:name:instituto-carlos-slim-de-la-salud"}));
  EXPECT_EQ(Targets(c_->Get("patent:US11555041"), "applicant"),
            (std::set<std::string>{"company:name:kura-oncology", "organization:name:regents-of-the-university-of-michigan"}));
  EXPECT_EQ(c_->Get("organization:name:kyoto-university").type, "organization");
  EXPECT_EQ(c_->Get("organization:name:kyoto-university").title.en, "KYOTO UNIVERSITY");
  EXPECT_EQ(c_->Get("organization:name:united-states-of-america-as-represented-by-the-secretary-department-of-"
                    "health-and-human-services").type,
            "organization");
}

TEST_F(UsptoTest, InventorsArePeopleAndIndividualApplicantsStayInAttrs) {
  const Record& p = c_->Get("patent:US11559525");
  EXPECT_EQ(Targets(p, "inventor").size(), 3u);
  for (const auto& id : Targets(p, "inventor")) EXPECT_EQ(c_->Get(id).type, "person") << id;
  const Record& gilead = c_->Get("patent:US11555029");
  EXPECT_EQ(Targets(gilead, "inventor").size(), 19u);
  // 11553713: the assignee is a person and the applicant "organization" is the same person.
  const Record& pest = c_->Get("patent:US11553713");
  EXPECT_TRUE(Targets(pest, "applicant").empty());
  EXPECT_TRUE(HasLink(pest, "inventor", "person:name:zhang_chunbo"));
  EXPECT_TRUE(Contains(pest.attrs_json, "\"individual_applicants\":[\"Chunbo Zhang\"]")) << pest.attrs_json;
  EXPECT_FALSE(c_->Has("company:name:chunbo-zhang"));
  EXPECT_EQ(c_->Get("person:name:zhang_chunbo").title.en, "Chunbo Zhang");
}

TEST_F(UsptoTest, ClassesMapToModalitiesAndDiseaseAreas) {
  struct Row { const char* id; std::vector<std::string> modalities, areas; } rows[] = {
      {"patent:US11559525", {"small_molecule"}, {"neuro_psych"}},               // A61K31/506, A61P25/14
      {"patent:US11555064", {"biologic"}, {"neuro_psych"}},                     // C07K16/18; A61K39/00 decides nothing
      {"patent:US11559547", {"cell_therapy", "small_molecule"}, {}},            // A61K35/17 (CAR-T)
      {"patent:US11554116", {"small_molecule"}, {"neuro_psych", "geriatric_dementia"}},  // A61P25/28
      {"patent:US11555188", {"nucleic_acid"}, {}},                              // C12N15/113, A61K31/712
      {"patent:US11555041", {"small_molecule"}, {"cancer"}},                    // A61P35/02
      {"patent:US11555021", {"diagnostic"}, {"lifestyle", "neuro_psych"}},      // G01N33/92, A61P3/06, A61P25
      {"patent:US11557729", {}, {}},                                            // OLED compounds
  };
  for (const auto& r : rows) {
    const Record& p = c_->Get(r.id);
    EXPECT_EQ(Set(p.modalities), Set(r.modalities)) << r.id;
    EXPECT_EQ(Set(p.disease_areas), Set(r.areas)) << r.id;
  }
  const Record& k = c_->Get("patent:US11554116");
  EXPECT_TRUE(Contains(k.attrs_json, "\"geriatric_dementia\":\"A61P25/28 via A61P25/28\"")) << k.attrs_json;
  EXPECT_TRUE(Contains(c_->Get("patent:US11555064").attrs_json, "\"biologic\":\"C07K16/18 via C07K16\""));
}

TEST(UsptoBrokenTest, BadLinesAreRejectedWithTheirLine) {
  Collected c;
  ASSERT_TRUE(RunImport("uspto", {Fixture("uspto/grants_broken.jsonl"), kIpcMap}, &c).ok());
  EXPECT_TRUE(c.Has("patent:US11555029"));  // line 1, before the broken ones
  EXPECT_TRUE(c.Has("patent:US11555820"));  // line 9, after them
  EXPECT_EQ(c.Count("patent"), 2u);
  const std::string f = "uspto/grants_broken.jsonl:";
  EXPECT_TRUE(c.Rejected(f + "2", "json: Missing a closing quotation mark")) << c.RejectList();  // truncated
  EXPECT_TRUE(c.Rejected(f + "3", "json: not UTF-8")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "4", "publication.doc_number: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "5", "json: nesting too deep")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "6", "json: expected an object")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "7", "publication.doc_number: expected letters and digits")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 6u) << c.RejectList();
}

TEST(UsptoBrokenTest, TheClassMapIsRequiredAndCheckedAgainstTheVocabulary) {
  Collected none;
  Status st = RunImport("uspto", {Fixture("uspto/grants_sample.jsonl")}, &none);
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Contains(st.message(), "ipc_map.tsv")) << st.message();
  EXPECT_TRUE(none.records.empty());
  Collected c;
  ASSERT_TRUE(RunImport("uspto", {Fixture("uspto/grants_sample.jsonl"), Fixture("uspto/ipc_map_bad.tsv")}, &c).ok());
  EXPECT_TRUE(c.Rejected("uspto/ipc_map_bad.tsv:2", "code: 'antibody' is not a modalities code")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("uspto/ipc_map_bad.tsv:3", "field: expected modality or disease_area")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("uspto/ipc_map_bad.tsv:4", "row: ")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 3u) << c.RejectList();
  // Only the good row (A61K31 small_molecule) maps.
  EXPECT_EQ(c.Get("patent:US11555064").modalities, std::vector<std::string>{});
  EXPECT_EQ(c.Get("patent:US11559525").modalities, std::vector<std::string>{"small_molecule"});
  EXPECT_FALSE(RunImport("uspto", {Fixture("uspto/no_such.jsonl"), kIpcMap}, &c).ok());
}

// ---------------------------------------------------------------- ror

TEST(RorTest, OrganizationsAndCompaniesWithTheirIdentifiers) {
  Collected c;
  ASSERT_TRUE(RunImport("ror", {Fixture("ror/ror_sample.jsonl")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.records.size(), 26u);
  EXPECT_EQ(c.Count("company"), 10u);
  EXPECT_EQ(c.Count("organization"), 16u);
  const Record& amed = c.Get("organization:ror:004rtk039");
  EXPECT_EQ(amed.title.en, "Japan Agency for Medical Research and Development");
  EXPECT_EQ(amed.title.ja, "日本医療研究開発機構");
  EXPECT_EQ(amed.identifiers.at("ror"), "004rtk039");
  EXPECT_EQ(amed.identifiers.at("fundref"), "100009619");
  EXPECT_EQ(amed.identifiers.at("grid"), "grid.480536.c");
  EXPECT_EQ(amed.identifiers.at("isni"), "0000 0004 5373 4593");
  EXPECT_EQ(amed.identifiers.at("wikidata"), "Q23010232");
  EXPECT_NE(std::find(amed.keywords.begin(), amed.keywords.end(), "AMED"), amed.keywords.end());
  EXPECT_TRUE(Contains(amed.attrs_json, "\"types\":[\"facility\",\"funder\"]")) << amed.attrs_json;
  // ROR's "Company" (any case) makes a company record.
  const Record& takeda = c.Get("company:ror:04hjbmv12");
  EXPECT_EQ(takeda.type, "company");
  EXPECT_EQ(takeda.title.ja, "武田薬品工業");
  EXPECT_EQ(takeda.identifiers.at("fundref"), "100008373");  // v1 "FundRef" as a lower-case scheme
  EXPECT_NE(std::find(takeda.keywords.begin(), takeda.keywords.end(), "Takeda"), takeda.keywords.end());
  EXPECT_EQ(c.Get("company:ror:05eqqvk78").title.ja, "ヤンセンファーマ株式会社");
  // The title is the kanji name even when a reading comes first.
  EXPECT_EQ(c.Get("organization:ror:05gwbwn20").title.ja, "京都大学総合博物館");
}

TEST(RorTest, RelationshipsAreKeptInAttrs) {
  Collected c;
  ASSERT_TRUE(RunImport("ror", {Fixture("ror/ror_sample.jsonl")}, &c).ok());
  const Record& hakodate = c.Get("organization:ror:000gm9x69");
  // The parent is a part_of link too (not in the fixture: the child's type).
  ASSERT_EQ(hakodate.links.size(), 1u);
  EXPECT_EQ(hakodate.links[0].rel, "part_of");
  EXPECT_EQ(hakodate.links[0].to, "organization:ror:02xqkcw08");
  EXPECT_TRUE(Contains(hakodate.attrs_json,
                       "\"relationships\":{\"parents\":[{\"ror\":\"02xqkcw08\",\"name\":\"National Institute of Technology\"}]}"))
      << hakodate.attrs_json;
  EXPECT_TRUE(Contains(c.Get("company:ror:04hjbmv12").attrs_json,
                       "\"children\":[{\"ror\":\"04jfar564\",\"name\":\"Takeda (Australia)\"}"));
  EXPECT_TRUE(Contains(c.Get("organization:ror:000d53575").attrs_json,
                       "\"successors\":[{\"ror\":\"055n47h92\",\"name\":\"National Institutes of Natural Sciences\"}]"));
}

TEST(RorTest, BadLinesAreRejectedWithTheirLine) {
  Collected c;
  ASSERT_TRUE(RunImport("ror", {Fixture("ror/ror_broken.jsonl")}, &c).ok());
  EXPECT_TRUE(c.Has("organization:ror:00097mb19"));  // line 1
  EXPECT_TRUE(c.Has("organization:ror:057zh3y96"));  // line 9
  EXPECT_EQ(c.records.size(), 2u);
  const std::string f = "ror/ror_broken.jsonl:";
  EXPECT_TRUE(c.Rejected(f + "2", "json: Missing a closing quotation mark")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "3", "json: not UTF-8")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "4", "id: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "5", "id: expected a ROR id")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "6", "json: nesting too deep")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "7", "name_en: required")) << c.RejectList();
  EXPECT_TRUE(c.Rejected(f + "8", "json: expected an object")) << c.RejectList();
  EXPECT_EQ(c.rejects.size(), 7u) << c.RejectList();
}

// ---------------------------------------------------------------- shared data

// The full files of ../shared/data.
class SharedData3Test : public SharedDataSuite {};

TEST_F(SharedData3Test, EveryUsptoGrantImports) {
  Collected c;
  ASSERT_TRUE(RunImport("uspto", {dir_ + "/uspto-pharma-patent-grants/uspto_pharma_grants_2023_2024.jsonl", kIpcMap}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  EXPECT_EQ(c.Count("patent"), 5393u);  // PROVENANCE.md
  // One Takeda, however the grants write it; Kyoto University is no company.
  EXPECT_EQ(c.Get("company:name:takeda-pharmaceutical").type, "company");
  EXPECT_FALSE(c.Has("company:name:kyoto-university"));
  EXPECT_TRUE(c.Has("organization:name:kyoto-university"));
}

TEST_F(SharedData3Test, EveryRorOrganizationImports) {
  Collected c;
  ASSERT_TRUE(RunImport("ror", {dir_ + "/ror-japan-organizations/ror_japan.jsonl"}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  EXPECT_EQ(c.records.size(), 5547u);  // PROVENANCE.md
  EXPECT_EQ(c.Count("company"), 2015u);  // "about 2,015 typed company"
  EXPECT_EQ(c.Get("organization:ror:004rtk039").title.ja, "日本医療研究開発機構");
}

}  // namespace
}  // namespace seedgraph
