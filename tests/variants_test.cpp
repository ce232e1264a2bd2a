// The hand-kept orthographic variant table (schema/variants.h), row by row.
#include <gtest/gtest.h>

#include <algorithm>

#include "schema/variants.h"

namespace seedgraph {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(VariantsTest, EachRowOfTheTableIsTried) {
  const struct { const char* run; const char* variant; } rows[] = {
      {"肺がん", "肺癌"},           {"肺癌", "肺がん"},               {"肺癌", "肺ガン"},
      {"進行性核上性まひ", "進行性核上性麻痺"}, {"エバンズ症候群", "エヴァンズ症候群"},
      {"スティーブンス", "スティーヴンス"},     {"ウイルソン病", "ウィルソン病"},
      {"ベーチエット病", "ベーチェット病"},     {"インフルエンザウィルス", "インフルエンザウイルス"},
      {"頸椎", "頚椎"},             {"蛋白尿", "タンパク尿"},         {"筋委縮", "筋萎縮"},
      {"モヤモヤ病", "もやもや病"},   {"ぱーきんそん", "パーキンソン"}, {"コンピューター", "コンピュータ"},
  };
  for (const auto& r : rows) EXPECT_TRUE(Has(OrthographicVariants(r.run), r.variant)) << r.run << " -> " << r.variant;
}

TEST(VariantsTest, OneOccurrenceAtATimeWhenThereAreSeveral) {
  // Only the second イ is the small one in ウィルス; replacing both is wrong.
  auto v = OrthographicVariants("イウイルス");
  EXPECT_TRUE(Has(v, "イウィルス"));
  EXPECT_TRUE(Has(v, "ィウイルス"));
}

TEST(VariantsTest, NeverTheRunItselfAndBounded) {
  auto v = OrthographicVariants("がん");
  EXPECT_FALSE(Has(v, "がん"));
  EXPECT_LE(OrthographicVariants("イイイイイイイイイイイイイイイイイイイイ", 10).size(), 10u);
  EXPECT_TRUE(OrthographicVariants("").empty());
  EXPECT_TRUE(OrthographicVariants("心臓").empty()) << "nothing in the table";
}

TEST(VariantsTest, CanonicalFormUnifiesVariants) {
  const struct { const char* a; const char* b; } same[] = {
      {"肺がん", "肺癌"}, {"肺ガン", "肺癌"}, {"エバンズ", "エヴァンズ"}, {"ウイルソン", "ウィルソン"},
      {"モヤモヤ病", "もやもや病"}, {"頸", "頚"}, {"麻痺", "まひ"},
  };
  for (const auto& s : same) EXPECT_EQ(CanonicalForm(s.a), CanonicalForm(s.b)) << s.a << " / " << s.b;
  EXPECT_NE(CanonicalForm("肺癌"), CanonicalForm("肝癌"));
}

TEST(VariantsTest, ConceptKeyIgnoresSpacingCaseWidthAndPlurals) {
  Analyzer a;
  EXPECT_EQ(ConceptKey(a, "Parkinson's disease"), ConceptKey(a, "parkinson disease"));
  EXPECT_EQ(ConceptKey(a, "Behcet's Disease"), ConceptKey(a, "behcet disease"));
  EXPECT_EQ(ConceptKey(a, "ＳＢＭＡ"), ConceptKey(a, "sbma"));
  EXPECT_EQ(ConceptKey(a, "腎細胞がん"), ConceptKey(a, "腎細胞癌"));
  EXPECT_NE(ConceptKey(a, "multiple sclerosis"), ConceptKey(a, "systemic sclerosis"));
}

}  // namespace
}  // namespace seedgraph
