// Tests of the name rules of the drug importers (FDA abbreviations, US
// subsidiaries, company ids); the importers' own tests follow.
#include <string>

#include <gtest/gtest.h>

#include "indexer/import/names.h"

namespace seedgraph {
namespace {

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

}  // namespace
}  // namespace seedgraph
