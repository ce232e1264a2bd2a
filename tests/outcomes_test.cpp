// The agency's outcome records (format `outcomes`): the importer over the
// fixture (tests/fixtures/outcomes, invented rows naming real demo records).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/test_util.h"
#include "tests/import_util.h"

namespace seedgraph {
namespace {

const std::string kCsv = Fixture("outcomes/outcomes.csv");

const Link* FindLink(const Record& r, const std::string& rel) {
  for (const auto& l : r.links) {
    if (l.rel == rel) return &l;
  }
  return nullptr;
}

TEST(OutcomesImport, OneRecordPerRowLinkingTopicAndPartner) {
  Collected c;
  ASSERT_TRUE(RunImport("outcomes", {kCsv}, &c).ok());
  EXPECT_EQ(c.records.size(), 13u) << c.RejectList();
  EXPECT_EQ(c.Count("outcome"), 13u);
  struct Row {
    const char* id;
    const char* topic;
    const char* rel;
    const char* target;
    const char* visibility;
  };
  const Row rows[] = {
      {"outcome:19K23913:licensed_to:company:name:タカラバイオ", "topic:kaken:19K23913", "licensed_to",
       "company:name:タカラバイオ", "public"},
      {"outcome:JP16ek0109114:licensed_to:company:corp:5010001034966", "topic:amed:JP16ek0109114", "licensed_to",
       "company:corp:5010001034966", "internal"},
      {"outcome:JP16ek0109114:registered_as:trial:JPRN-jRCTs031190227", "topic:amed:JP16ek0109114", "registered_as",
       "trial:JPRN-jRCTs031190227", "internal"},
      {"outcome:JP16ek0109114:continued_as:topic:amed:JP18ek0109363", "topic:amed:JP16ek0109114", "continued_as",
       "topic:amed:JP18ek0109363", "public"},
      {"outcome:19K24030:published_as:paper:pmid:9997", "topic:kaken:19K24030", "published_as", "paper:pmid:9997",
       "internal"},
      {"outcome:19K23943:licensed_to:company:name:eisai", "topic:kaken:19K23943", "licensed_to", "company:name:eisai",
       "internal"},
      {"outcome:JP18ek0109363:published_as:paper:doi:10.1038/jhg.2015.143", "topic:amed:JP18ek0109363",
       "published_as", "paper:doi:10.1038/jhg.2015.143", "public"},
      {"outcome:19K24030:registered_as:trial:JPRN-jRCT2031190001", "topic:kaken:19K24030", "registered_as",
       "trial:JPRN-jRCT2031190001", "public"},
  };
  for (const Row& row : rows) {
    const Record& r = c.Get(row.id);
    EXPECT_EQ(r.visibility, row.visibility) << row.id;
    const Link* of = FindLink(r, "outcome_of");
    const Link* to = FindLink(r, row.rel);
    ASSERT_NE(of, nullptr) << row.id;
    ASSERT_NE(to, nullptr) << row.id;
    EXPECT_EQ(of->to, row.topic);
    EXPECT_EQ(to->to, row.target);
    EXPECT_EQ(to->date, r.date) << "the partner link carries the row's date";
    EXPECT_TRUE(r.project.empty() && r.disease_areas.empty()) << "an outcome has its topic's codes, not its own";
  }
  const Record& paper = c.Get("outcome:JP16ek0109114:published_as:paper:doi:10.1371/journal.pone.0090688");
  EXPECT_NE(paper.attrs_json.find("\"top1pct\":true"), std::string::npos) << paper.attrs_json;
  EXPECT_EQ(c.Get("outcome:JP18ek0109363:published_as:paper:doi:10.1038/jhg.2015.143").attrs_json.find("top1pct"),
            std::string::npos);
  const Record& excel = c.Get("outcome:19K23919:licensed_to:company:name:ヘリオス");
  EXPECT_EQ(excel.date, "2023-01-10");
  EXPECT_EQ(excel.title.ja, "導出 19K23919 → 株式会社ヘリオス");
  EXPECT_NE(excel.attrs_json.find("\"row\":\"outcomes.csv:12\""), std::string::npos) << excel.attrs_json;
  EXPECT_EQ(c.Get("outcome:19K23913:licensed_to:company:name:タカラバイオ").text.ja, "他家CAR-T細胞の製造技術を導出");
}

TEST(OutcomesImport, EachBrokenRowIsRejectedWithItsLine) {
  Collected c;
  ASSERT_TRUE(RunImport("outcomes", {kCsv}, &c).ok());
  const std::pair<const char*, const char*> expected[] = {
      {"outcomes.csv:15", "種別: expected 導出, 治験, 継続 or 論文, got '特許'"},
      {"outcomes.csv:16", "課題番号: not an AMED (JP16ek0109114) or KAKEN (19K23913) grant number: 'ABC-123'"},
      {"outcomes.csv:17", "相手先: not a registry id"},
      {"outcomes.csv:18", "日付: expected a date YYYY-MM-DD, got '2021-02-30'"},
      {"outcomes.csv:19", "相手先: neither a DOI"},
      {"outcomes.csv:20", "公開: expected public or internal"},
      {"outcomes.csv:21", "the same outcome (topic, 種別, partner) as "},
      {"outcomes.csv:22", "top1pct: only a 論文 row names a paper"},
      {"outcomes.csv:23", "csv: expected 7 fields, got 2"},
  };
  EXPECT_EQ(c.rejects.size(), std::size(expected)) << c.RejectList();
  for (const auto& [where, text] : expected) EXPECT_TRUE(c.Rejected(where, text)) << where << " " << text << "\n" << c.RejectList();
  EXPECT_TRUE(c.Rejected("outcomes.csv:21", "outcomes.csv:2;")) << "names the first row" << c.RejectList();
}

TEST(OutcomesImport, HeaderWithoutTheRequiredColumnsStopsTheFile) {
  const std::string path = TestPath("outcomes_bad_header.csv");
  std::ofstream(path) << "grant,kind,date\nJP16ek0109114,導出,2020-01-01\n";
  Collected c;
  ASSERT_TRUE(RunImport("outcomes", {path}, &c).ok());
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectList();
  EXPECT_TRUE(c.Rejected(":1", "header: missing column 相手先")) << c.RejectList();
  std::remove(path.c_str());
}

// English column names, KAKEN numbers of the Heisei years, JP-prefixed
// KAKEN numbers, PMIDs written "pmid 123" and 公開 in Japanese.
TEST(OutcomesImport, EnglishHeaderAndNumberForms) {
  const std::string path = TestPath("outcomes_en.csv");
  std::ofstream(path) << "grant,kind,partner,date,visibility\n"
                         "22129008,paper,pmid 12091962,2012-05-01,公開\n"
                         "JP19K23913,continuation,JP21ek0109542,2021-04-01,\n"
                         "16ek0109114,trial,UMIN000039686,2020-05-01,public\n";
  Collected c;
  ASSERT_TRUE(RunImport("outcomes", {path}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Get("outcome:22129008:published_as:paper:pmid:12091962").visibility, "public");
  EXPECT_TRUE(c.Has("outcome:19K23913:continued_as:topic:amed:JP21ek0109542"));
  EXPECT_TRUE(c.Has("outcome:JP16ek0109114:registered_as:trial:JPRN-UMIN000039686"));
  std::remove(path.c_str());
}

}  // namespace
}  // namespace seedgraph
