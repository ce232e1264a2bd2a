// The agency's outcome records (format `outcomes`): the importer over the
// fixture (tests/fixtures/outcomes, invented rows naming real demo records),
// then end to end: imported next to the demo corpus's KAKEN, NBDC, EDINET,
// ICTRP and PubMed records, the outcomes reach /api/indicators, /api/match
// and /api/pairing for the roles that may see them, and never replace the
// topics they are about.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "tests/http_util.h"
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

// ---------------------------------------------------------------- end to end

const char kTokens[] = "officer-token officer\n";

class OutcomesEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness;
    harness_->Start("outcomes_e2e", "", kTokens);
    std::vector<std::string> demo;
    for (const char* f : {"kaken", "nbdc", "edinet", "ictrp", "pubmed"}) {
      demo.push_back(std::string(SEEDGRAPH_SOURCE_DIR) + "/data/demo/" + f + ".jsonl");
    }
    EXPECT_EQ(harness_->IngestMore("jsonl", demo, /*tags=*/true), "");
    // The broken rows are rejected; the good ones land beside the topics.
    EXPECT_NE(harness_->IngestMore("outcomes", {kCsv}), "");
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  static const rapidjson::Value& Total(const Answer& a) { return a.json["total"]; }
  static int64_t Count(const rapidjson::Value& row, const char* indicator) { return Int(row[indicator], "count"); }
  static const rapidjson::Value* Row(const Answer& a, const char* key) {
    for (const auto& r : a.json["rows"].GetArray()) {
      if (std::string(r["key"].GetString()) == key) return &r;
    }
    return nullptr;
  }

  static ServerHarness* harness_;
};
ServerHarness* OutcomesEndToEnd::harness_ = nullptr;

// Public callers see the public rows only; officers see the internal ones too.
TEST_F(OutcomesEndToEnd, IndicatorsCountOutcomesForTheRolesThatMaySeeThem) {
  const Answer pub = harness_->Get("/api/indicators?by=project");
  const Answer off = harness_->Get("/api/indicators?by=project", "officer-token");
  ASSERT_EQ(pub.status, 200) << pub.body;
  ASSERT_EQ(off.status, 200) << off.body;
  const struct { const char* indicator; int64_t pub, off; } expected[] = {
      {"licensed_to", 2, 5}, {"registered_as", 2, 3}, {"continued_as", 2, 2}, {"top1pct", 1, 2}};
  for (const auto& e : expected) {
    EXPECT_EQ(Count(Total(pub), e.indicator), e.pub) << e.indicator << ": " << pub.body;
    EXPECT_EQ(Count(Total(off), e.indicator), e.off) << e.indicator << ": " << off.body;
  }
  EXPECT_EQ(pub.body.find("JP16ek0109114:licensed_to"), std::string::npos) << "an internal handover leaks: " << pub.body;
  EXPECT_NE(off.body.find("outcome:JP16ek0109114:licensed_to:company:corp:5010001034966"), std::string::npos);
  EXPECT_TRUE(pub.json["not_loaded"].Empty()) << pub.body;
  // Outcomes count under their topic's codes: the KAKEN topics are seeds_basic.
  const rapidjson::Value* basic = Row(off, "seeds_basic");
  ASSERT_NE(basic, nullptr) << off.body;
  EXPECT_EQ(Count(*basic, "licensed_to"), 4);
  // The AMED topic has no project: its handover counts under "unassigned",
  // so the rows of a single-valued dimension add up to the total.
  EXPECT_EQ(Count(off.json["unassigned"], "licensed_to"), 1) << off.body;
  for (const char* indicator : {"licensed_to", "registered_as", "continued_as", "top1pct"}) {
    int64_t sum = Count(off.json["unassigned"], indicator);
    for (const auto& r : off.json["rows"].GetArray()) sum += Count(r, indicator);
    EXPECT_EQ(sum, Count(Total(off), indicator)) << indicator;
  }
  // ... and disease areas (19K23913 on CAR-T for solid cancers is tagged cancer).
  const Answer areas = harness_->Get("/api/indicators?by=disease_area");
  const rapidjson::Value* cancer = Row(areas, "cancer");
  ASSERT_NE(cancer, nullptr) << areas.body;
  EXPECT_GE(Count(*cancer, "licensed_to"), 1);
  // q selects the topics, as a search does.
  const Answer car_t = harness_->Get("/api/indicators?q=CAR-T");
  EXPECT_EQ(Count(Total(car_t), "licensed_to"), 1) << car_t.body;
  EXPECT_EQ(Count(Total(car_t), "registered_as"), 0) << car_t.body;
}

// Ingesting the topic again (a KAKEN re-import) leaves its outcomes alone,
// and importing the outcome file again adds nothing.
TEST_F(OutcomesEndToEnd, OutcomesSurviveReimportsAndDoNotWipeTopics) {
  const Answer topic = harness_->Get("/api/records/topic:kaken:19K23913");
  ASSERT_EQ(topic.status, 200);
  EXPECT_NE(topic.body.find("iPS細胞技術を用いた固形がんに対する他家移植用CAR-T細胞療法の開発"), std::string::npos);
  EXPECT_NE(topic.body.find("outcome:19K23913:licensed_to:company:name:タカラバイオ"), std::string::npos) << topic.body;
  const std::string before = harness_->Get("/api/indicators", "officer-token").body;
  EXPECT_EQ(harness_->IngestMore("jsonl", {std::string(SEEDGRAPH_SOURCE_DIR) + "/data/demo/kaken.jsonl"}, true), "");
  EXPECT_NE(harness_->IngestMore("outcomes", {kCsv}), "");
  EXPECT_EQ(harness_->Get("/api/indicators", "officer-token").body, before);
  EXPECT_NE(harness_->Get("/api/records/topic:kaken:19K23913").body.find("CAR-T"), std::string::npos);
}

// A company named in the CSV by name is the EDINET company (its name key);
// an internal handover is evidence for officers only.
TEST_F(OutcomesEndToEnd, MatchSeesHandoversFromOutcomeRecords) {
  const Answer a = harness_->Get("/api/match?seed=topic:kaken:19K23913&limit=5");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_FALSE(Ids(a, "candidates").empty()) << a.body;
  EXPECT_EQ(Ids(a, "candidates").front(), "company:corp:1160001002490") << a.body;  // タカラバイオ株式会社
  EXPECT_NE(a.body.find("outcome:19K23913:licensed_to:company:name:タカラバイオ"), std::string::npos) << a.body;
  const Answer pub = harness_->Get("/api/match?seed=topic:amed:JP16ek0109114&limit=5");
  const Answer off = harness_->Get("/api/match?seed=topic:amed:JP16ek0109114&limit=5", "officer-token");
  EXPECT_FALSE(Contains(Ids(pub, "candidates"), "company:corp:5010001034966")) << pub.body;
  ASSERT_FALSE(Ids(off, "candidates").empty()) << off.body;
  EXPECT_EQ(Ids(off, "candidates").front(), "company:corp:5010001034966") << off.body;  // アステラス製薬
  // The reverse view: seeds for the company start from the topic handed over.
  const Answer seeds = harness_->Get("/api/match?company=company:corp:1160001002490&limit=5");
  ASSERT_FALSE(Ids(seeds).empty()) << seeds.body;
  EXPECT_NE(seeds.body.find("\"topic:kaken:19K23913\""), std::string::npos) << seeds.body;
}

// Outcome records are facts about their topic, not related seeds of it.
TEST_F(OutcomesEndToEnd, RelatedSeedsLeaveOutcomeRecordsOut) {
  const Answer a = harness_->Get("/api/records/topic:kaken:19K23913/related?limit=50");
  ASSERT_EQ(a.status, 200) << a.body;
  for (const std::string& id : Ids(a)) EXPECT_NE(id.rfind("outcome:", 0), 0u) << id;
  const Answer asked = harness_->Get("/api/records/topic:kaken:19K23913/related?limit=50&type=outcome");
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_TRUE(Contains(Ids(asked), "outcome:19K23913:licensed_to:company:name:タカラバイオ")) << asked.body;
}

// A continuation from the outcome records is the first next-stage topic.
TEST_F(OutcomesEndToEnd, PairingListsKnownSuccessorsFirst) {
  const std::string path = harness_->dir() + "/continuation.csv";
  std::ofstream(path) << "課題番号,種別,相手先,日付,公開\n19K23916,継続,19K23903,2021-04-01,public\n";
  EXPECT_EQ(harness_->IngestMore("outcomes", {path}), "");
  // KAKEN FY2019 topics end (estimated) 2022-12-31.
  const Answer a = harness_->Get("/api/pairing?months=12&today=2022-06-01&limit=100");
  ASSERT_EQ(a.status, 200) << a.body;
  bool found = false;
  for (const auto& item : a.json["topics"].GetArray()) {
    if (std::string(item["topic"]["id"].GetString()) != "topic:kaken:19K23916") continue;
    found = true;
    const auto& next = item["next_topics"]["hits"];
    ASSERT_FALSE(next.Empty());
    EXPECT_STREQ(next[0]["id"].GetString(), "topic:kaken:19K23903");
    const auto& path0 = next[0]["reasons"]["paths"][0];
    EXPECT_STREQ(path0[1].GetString(), "outcome_of");
    EXPECT_STREQ(path0[3].GetString(), "continued_as");
  }
  EXPECT_TRUE(found) << a.body.substr(0, 2000);
}

}  // namespace
}  // namespace seedgraph
