// Tests of the outside-format importers (nando, kaken, edinet) and of the
// CSV reader they share, on trimmed real fixtures (tests/fixtures/nando,
// mhlw, kaken, edinet: CC-BY / MIT sources, see data/NOTICE.md) and on broken
// inputs (tests/fixtures/broken).  Records go through Import(), so every
// record is also checked by ValidateRecord: a contract violation shows up as
// a rejection and fails the test.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "indexer/import/csv.h"
#include "indexer/import/importer.h"
#include "tests/import_util.h"
#include "tests/test_util.h"

namespace seedgraph {
namespace {

#ifndef SEEDGRAPH_TEST_DATA_DIR
#error "SEEDGRAPH_TEST_DATA_DIR must name tests/fixtures"
#endif


bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

rapidjson::Document Attrs(const Record& r) {
  rapidjson::Document d;
  d.Parse(r.attrs_json.c_str());
  EXPECT_FALSE(d.HasParseError()) << r.attrs_json;
  EXPECT_TRUE(d.IsObject()) << r.attrs_json;
  return d;
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = (std::filesystem::path(::testing::TempDir()) / name).string();
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

// ------------------------------------------------------------------ CSV

std::vector<std::vector<std::string>> ReadAll(const std::string& text, std::vector<int>* lines,
                                              std::vector<std::string>* errors) {
  std::istringstream in(text);
  CsvReader reader(&in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  for (CsvReader::Next n; (n = reader.Read(&row)) != CsvReader::Next::kEnd;) {
    if (n == CsvReader::Next::kError) {
      errors->push_back(std::to_string(reader.row_line()) + ": " + reader.error());
    } else {
      rows.push_back(row);
      lines->push_back(reader.row_line());
    }
  }
  return rows;
}

TEST(CsvReader, QuotesCommasNewlinesBomAndLineNumbers) {
  std::vector<int> lines;
  std::vector<std::string> errors;
  auto rows = ReadAll("\xEF\xBB\xBFno,name\r\n1,\"a, b\"\r\n\n2,\"say \"\"hi\"\"\",\"two\nlines\"\n3,,\n", &lines,
                      &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"no", "name"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "a, b"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(rows[3], (std::vector<std::string>{"3", "", ""}));
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 4, 6}));  // line 3 is blank; row 4 spans two lines
}

TEST(CsvReader, FirstByteLikeBomIsKept) {
  std::vector<int> lines;
  std::vector<std::string> errors;
  // ＥＤＩＮＥＴ starts with EF BC A5: the first byte of a BOM, but not one.
  auto rows = ReadAll("ＥＤＩＮＥＴコード,x\n", &lines, &errors);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "ＥＤＩＮＥＴコード");
}

TEST(CsvReader, MalformedRowsAreReportedAndSkipped) {
  std::vector<int> lines;
  std::vector<std::string> errors;
  auto rows = ReadAll("a,b\nx,y\"z\n\"q\"r,s\nc,d\n\"open,\nnever closed\n", &lines, &errors);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(lines, (std::vector<int>{1, 4}));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind("2: stray quote", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("3: unexpected character after a closing quote", 0), 0u) << errors[1];
  EXPECT_EQ(errors[2].rfind("5: unterminated quoted field", 0), 0u) << errors[2];
}

// ------------------------------------------------------------------ NANDO

std::vector<std::string> NandoFixtures() {
  return {Fixture("nando/nando.ttl"),          Fixture("nando/nanbyo.json"),
          Fixture("nando/shoman.json"),        Fixture("mhlw/intractable_disease.csv"),
          Fixture("mhlw/intractable_disease_groups.csv"), Fixture("mhlw/intractable_disease_url.csv")};
}

TEST(NandoImporter, JoinsTtlJsonAndMhlw) {
  Collected c;
  ASSERT_TRUE(RunImport("nando", NandoFixtures(), &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  // 22 classes in the trimmed ttl, one deprecated; + MHLW 348 (not in NANDO 2024).
  EXPECT_EQ(c.records.size(), 22u);
  EXPECT_EQ(c.by_id.count("disease:nando:0000002"), 0u) << "owl:deprecated classes are skipped";

  const Record& sbma = c.Get("disease:nando:1200001");
  EXPECT_EQ(sbma.type, "disease");
  EXPECT_EQ(sbma.title.ja, "球脊髄性筋萎縮症");
  EXPECT_EQ(sbma.title.en, "Spinal and bulbar muscular atrophy");
  EXPECT_NE(sbma.text.ja.find("遺伝性下位運動ニューロン疾患"), std::string::npos);
  for (const char* k : {"きゅうせきずいせいきんいしゅくしょう", "KAS", "Kennedy disease", "SBMA", "神経・筋疾患"}) {
    EXPECT_TRUE(Has(sbma.keywords, k)) << k;
  }
  EXPECT_EQ(sbma.disease_areas, (std::vector<std::string>{"intractable"}));
  EXPECT_EQ(sbma.identifiers.at("nando"), "NANDO:1200001");
  EXPECT_EQ(sbma.identifiers.at("mondo"), "MONDO:0010735");
  EXPECT_EQ(sbma.identifiers.at("notification_no"), "1");
  ASSERT_EQ(sbma.links.size(), 1u);
  EXPECT_EQ(sbma.links[0].rel, "subclass_of");
  EXPECT_EQ(sbma.links[0].to, "disease:nando:1100001");
  rapidjson::Document a = Attrs(sbma);
  EXPECT_STREQ(a["reading"].GetString(), "きゅうせきずいせいきんいしゅくしょう");
  EXPECT_EQ(a["mondo"].Size(), 2u);
  EXPECT_STREQ(a["comment"].GetString(), "２つのDefiniteあり。遺伝子検査必須。");
  EXPECT_EQ(a["mhlw"]["no"].GetInt(), 1);
  EXPECT_STREQ(a["mhlw"]["url"].GetString(), "https://www.nanbyou.or.jp/entry/73");
  EXPECT_STREQ(a["mhlw"]["groups"][0].GetString(), "神経・筋疾患");
}

TEST(NandoImporter, MatchesReorderedJsonByName) {
  Collected c;
  ASSERT_TRUE(RunImport("nando", NandoFixtures(), &c).ok());
  // The fixture's nanbyo.json has entries 4 and 5 swapped: position says
  // 1200004 for entry 4, but the names say otherwise.
  for (auto [id, record] : {std::pair{"disease:nando:1200004", 5}, std::pair{"disease:nando:1200005", 4}}) {
    rapidjson::Document a = Attrs(c.Get(id));
    ASSERT_TRUE(a.HasMember("json_source")) << id;
    EXPECT_EQ(a["json_source"]["record"].GetInt(), record) << id;
    EXPECT_STREQ(a["json_source"]["match"].GetString(), "name") << id;
  }
  // nanbyo.json adds synonyms the ttl lacks.
  EXPECT_TRUE(Has(c.Get("disease:nando:1200004").keywords, "Spinal muscular atrophy type1"));
}

TEST(NandoImporter, DiseaseAreasFollowTheHierarchy) {
  Collected c;
  ASSERT_TRUE(RunImport("nando", NandoFixtures(), &c).ok());
  EXPECT_EQ(c.Get("disease:nando:1100001").disease_areas, (std::vector<std::string>{"intractable"}));
  EXPECT_EQ(c.Get("disease:nando:2000001").disease_areas, (std::vector<std::string>{"child_maternal"}));
  const Record& all = c.Get("disease:nando:2200001");  // 悪性新生物 > 白血病 > 前駆B細胞ALL
  EXPECT_TRUE(Has(all.disease_areas, "child_maternal"));
  EXPECT_TRUE(Has(all.disease_areas, "cancer"));
  EXPECT_EQ(all.links.at(0).to, "disease:nando:2100002");
  EXPECT_FALSE(all.text.ja.empty());
  // MHLW 348 has no NANDO class yet: it becomes a record of its own.
  const Record& lowe = c.Get("disease:mhlw:348");
  EXPECT_EQ(lowe.title.ja, "ロウ症候群");
  EXPECT_TRUE(Has(lowe.keywords, "視覚疾患"));
  EXPECT_EQ(lowe.disease_areas, (std::vector<std::string>{"intractable"}));
}

TEST(NandoImporter, MhlwCsvAlone) {
  Collected c;
  ASSERT_TRUE(RunImport("nando", {Fixture("mhlw/intractable_disease.csv"), Fixture("mhlw/intractable_disease_groups.csv")},
                  &c)
                  .ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  ASSERT_EQ(c.records.size(), 4u);
  EXPECT_EQ(c.Get("disease:mhlw:1").title.ja, "球脊髄性筋萎縮症");
  EXPECT_EQ(c.Get("disease:mhlw:1").identifiers.at("notification_no"), "1");
}

TEST(NandoImporter, TruncatedTtlAndJsonAreReported) {
  Collected c;
  Status st = RunImport("nando", {Fixture("broken/nando_truncated.ttl"), Fixture("broken/nanbyo.json")}, &c);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(c.rejects.size(), 2u) << c.RejectList();
  EXPECT_EQ(c.rejects[0].first.rfind(Fixture("broken/nanbyo.json") + ":byte ", 0), 0u) << c.RejectList();
  EXPECT_EQ(c.rejects[0].second.rfind("json: ", 0), 0u);
  EXPECT_EQ(c.rejects[1].first, Fixture("broken/nando_truncated.ttl") + ":69");
  EXPECT_NE(c.rejects[1].second.find("ttl: syntax error"), std::string::npos);
  EXPECT_NE(c.rejects[1].second.find("NANDO:1200001"), std::string::npos);
  // The classes before the cut survive; the one being read when it struck
  // is dropped rather than emitted half-built.
  EXPECT_EQ(c.records.size(), 4u);
  EXPECT_EQ(c.by_id.count("disease:nando:1100002"), 1u);
  EXPECT_EQ(c.by_id.count("disease:nando:1200001"), 0u);
}

// libraptor2 2.0.15 crashes or leaks on TriG's "<iri> {" (fuzz/regressions/
// import/nando-ttl-*), so a '{' outside literals is refused before raptor
// reads it, like a syntax error; braces in literals and comments are text.
TEST(NandoImporter, TrigBraceIsRefusedBracesInLiteralsAreText) {
  const std::string ttl = WriteTemp("braces.ttl", R"(@prefix nando: <http://nanbyodata.jp/ontology/NANDO_> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
# {a comment}
nando:1200001 a owl:Class ; rdfs:label "a {short} \" { label"@en , """long { "quoted" \""" }"""@ja .
nando:1200002 a owl:Class ; rdfs:label "two"@en .
<http://nanbyodata.jp/ontology/NANDO_1200003> {
)");
  Collected c;
  ASSERT_TRUE(RunImport("nando", {ttl}, &c).ok());
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectList();
  EXPECT_EQ(c.rejects[0].first, ttl + ":7");
  EXPECT_NE(c.rejects[0].second.find("'{' (TriG graph or N3 formula syntax) is not Turtle"), std::string::npos);
  // As after a syntax error: the last class read before the cut is dropped.
  ASSERT_EQ(c.records.size(), 1u) << c.RejectList();
  EXPECT_EQ(c.Get("disease:nando:1200001").title.en, "a {short} \" { label");
  EXPECT_EQ(c.Get("disease:nando:1200001").title.ja, "long { \"quoted\" \"\"\" }");
}

TEST(NandoImporter, UnknownFileIsRejectedAndMissingFileFails) {
  Collected c;
  EXPECT_TRUE(RunImport("nando", {Fixture("kaken/kaken_sample.json")}, &c).ok());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first, Fixture("kaken/kaken_sample.json"));
  Collected d;
  EXPECT_FALSE(RunImport("nando", {Fixture("nando/missing/nando.ttl")}, &d).ok());
}

// ------------------------------------------------------------------ KAKEN

TEST(KakenImporter, Sample) {
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {Fixture("kaken/kaken_sample.json")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  ASSERT_EQ(c.records.size(), 5u);
  const Record& r = c.Get("topic:kaken:19K24385");
  EXPECT_EQ(r.type, "topic");
  EXPECT_EQ(r.title.ja, "活性汚泥からの亜硝酸ガス（HONO）発生量の定量と発生メカニズムの解明");
  EXPECT_TRUE(r.title.en.empty());
  EXPECT_EQ(r.keywords.size(), 10u);
  EXPECT_EQ(r.keywords.front(), "nitrite");
  EXPECT_EQ(r.keywords.back(), "硝化・脱窒");
  EXPECT_EQ(r.date, "2019");
  EXPECT_EQ(r.year, 2019);  // derived by ValidateRecord
  EXPECT_EQ(r.project, "seeds_basic");
  EXPECT_EQ(r.stage, "basic");
  EXPECT_EQ(r.identifiers.at("grant"), "19K24385");
  EXPECT_STREQ(Attrs(r)["program"].GetString(), "科研費");
  const Record& en = c.Get("topic:kaken:19K24378");
  EXPECT_TRUE(en.title.ja.empty());
  EXPECT_EQ(en.title.en.rfind("Enhanced cementation of gold ions", 0), 0u);
}

// The award number names the fiscal year: 19K… is FY2019, an 8-digit
// number of the years before FY2018 starts with the Heisei year.
TEST(KakenImporter, DateIsTheFiscalYearOfTheAwardNumber) {
  const std::string path = TestPath("kaken_years.json");
  std::ofstream(path) << R"([["22129008",2,"脳疾患パーソナルゲノム多様性を分析する情報学の創成","ゲノム"],)"
                         R"(["19K23913",2,"iPS細胞技術を用いた固形がんに対する他家移植用CAR-T細胞療法の開発","CAR-T"],)"
                         R"(["19KK0123",2,"国際共同研究","x"]])";
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {path}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Get("topic:kaken:22129008").date, "2010");
  EXPECT_EQ(c.Get("topic:kaken:19K23913").date, "2019");
  EXPECT_EQ(c.Get("topic:kaken:19KK0123").date, "2019");
  EXPECT_NE(c.Get("topic:kaken:19K23913").attrs_json.find("project_reason"), std::string::npos);
  std::remove(path.c_str());
}

TEST(KakenImporter, BadElementsAreRejectedByRecordNumber) {
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {Fixture("broken/kaken_bad_elements.json")}, &c).ok());
  EXPECT_EQ(c.records.size(), 2u);
  std::vector<std::string> where;
  for (const auto& [w, m] : c.rejects) where.push_back(w.substr(w.rfind(':') + 1));
  EXPECT_EQ(where, (std::vector<std::string>{"record 2", "record 3", "record 4", "record 6", "record 7"}))
      << c.RejectList();
  EXPECT_EQ(c.rejects[0].second.rfind("element: ", 0), 0u);
  EXPECT_EQ(c.rejects[2].second.rfind("awardNumber: ", 0), 0u);
}

TEST(KakenImporter, TruncatedFileKeepsCompleteRows) {
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {Fixture("broken/kaken_truncated.json")}, &c).ok());
  EXPECT_EQ(c.records.size(), 2u);
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].first.rfind(Fixture("broken/kaken_truncated.json") + ":byte ", 0), 0u);
  EXPECT_NE(c.rejects[0].second.find("record 3 is incomplete"), std::string::npos) << c.RejectList();
}

TEST(KakenImporter, FiveFieldRowsKeepExtras) {
  std::string path = WriteTemp("kaken5.json", R"([["20K00001",2,"題目","a、 b",{"x":1}],["20K00002",2,"T","k","extra"]])");
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {path}, &c).ok());
  // An object as fifth field is not a scalar: that row is rejected.
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectList();
  EXPECT_EQ(c.rejects[0].first, path + ":record 1");
  const Record& r = c.Get("topic:kaken:20K00002");
  EXPECT_EQ(r.date, "2020");
  EXPECT_STREQ(Attrs(r)["extra"][0].GetString(), "extra");
}

TEST(KakenImporter, EmptyOrNonArrayFilesAndMissingFile) {
  Collected c;
  ASSERT_TRUE(RunImport("kaken", {WriteTemp("kaken_empty.json", ""), WriteTemp("kaken_obj.json", "{}")}, &c).ok());
  EXPECT_EQ(c.rejects.size(), 2u) << c.RejectList();
  Collected d;
  EXPECT_FALSE(RunImport("kaken", {Fixture("kaken/no_such_file.json")}, &d).ok());
}

// ------------------------------------------------------------------ EDINET

TEST(EdinetImporter, Sample) {
  Collected c;
  ASSERT_TRUE(RunImport("edinet", {Fixture("edinet/edinetcode_sample.csv")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  ASSERT_EQ(c.records.size(), 5u);
  const Record& takeda = c.Get("company:corp:2120001077461");
  EXPECT_EQ(takeda.type, "company");
  EXPECT_EQ(takeda.title.ja, "武田薬品工業株式会社");
  EXPECT_EQ(takeda.title.en, "Takeda Pharmaceutical Company Limited");
  EXPECT_EQ(takeda.keywords, (std::vector<std::string>{"タケダヤクヒンコウギョウカブシキカイシャ", "医薬品"}));
  EXPECT_EQ(takeda.identifiers.at("corporate_number"), "2120001077461");
  EXPECT_EQ(takeda.identifiers.at("edinet"), "E00919");
  EXPECT_EQ(takeda.identifiers.at("securities_code"), "45020");
  rapidjson::Document a = Attrs(takeda);
  EXPECT_STREQ(a["industry"].GetString(), "医薬品");
  EXPECT_TRUE(a["listed"].GetBool());
  EXPECT_EQ(a["capital_million_yen"].GetInt64(), 77923);
  // No 法人番号: the EDINET code names it.
  const Record& planex = c.Get("company:edinet:E02061");
  EXPECT_FALSE(Attrs(planex)["listed"].GetBool());
  EXPECT_EQ(planex.identifiers.count("corporate_number"), 0u);
  EXPECT_EQ(c.Get("company:corp:2011201012987").title.en, "RIZAP GROUP,Inc.");  // quoted comma
}

TEST(EdinetImporter, MalformedRowsAreRejectedWithTheirLine) {
  Collected c;
  std::string file = Fixture("broken/edinet_malformed.csv");
  ASSERT_TRUE(RunImport("edinet", {file}, &c).ok());
  std::vector<std::string> where;
  for (const auto& [w, m] : c.rejects) where.push_back(w);
  EXPECT_EQ(where, (std::vector<std::string>{file + ":3", file + ":5", file + ":9"})) << c.RejectList();
  EXPECT_NE(c.rejects[0].second.find("stray quote"), std::string::npos);
  EXPECT_NE(c.rejects[1].second.find("expected 13 fields, got 7"), std::string::npos);
  EXPECT_NE(c.rejects[2].second.find("unterminated"), std::string::npos);
  EXPECT_EQ(c.records.size(), 4u);
  EXPECT_EQ(c.Get("company:corp:9876543210987").title.en, "Multi\nLine Co.");
  EXPECT_EQ(c.by_id.count("company:corp:3290001055549"), 1u) << "rows after a bad one are still read";
}

// ------------------------------------------------------------------ full data

// The shared data directory (SEEDGRAPH_SHARED_DATA, default ../shared/data
// next to the source tree).  Absent data fails the test: a silently skipped
// test would hide a broken checkout.  SEEDGRAPH_SHARED_DATA=skip opts out.
std::string SharedData() {
  const char* env = std::getenv("SEEDGRAPH_SHARED_DATA");
  std::string dir = env && *env ? env : std::string(SEEDGRAPH_TEST_DATA_DIR) + "/../../../shared/data";
  return dir;
}

TEST(SharedData, FullImports) {
  std::string dir = SharedData();
  if (dir == "skip") GTEST_SKIP() << "SEEDGRAPH_SHARED_DATA=skip";
  std::string nando = dir + "/nando-nanbyo-disease-ontology";
  std::string mhlw = dir + "/mhlw-designated-intractable-diseases";
  ASSERT_TRUE(std::filesystem::is_directory(nando))
      << "shared data not found at " << nando
      << "; set SEEDGRAPH_SHARED_DATA to the data directory, or to 'skip' to skip this test";
  Collected c;
  ASSERT_TRUE(RunImport("nando", {nando + "/nando.ttl", nando + "/nanbyo.json", nando + "/shoman.json",
                            mhlw + "/intractable_disease.csv", mhlw + "/intractable_disease_groups.csv",
                            mhlw + "/intractable_disease_url.csv"},
                  &c)
                  .ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_GE(c.records.size(), 2700u);
  const Record& sbma = c.Get("disease:nando:1200001");
  EXPECT_TRUE(Has(sbma.keywords, "きゅうせきずいせいきんいしゅくしょう"));
  EXPECT_STREQ(Attrs(sbma)["reading"].GetString(), "きゅうせきずいせいきんいしゅくしょう");
  std::map<std::string, int> matches;
  int with_mhlw = 0;
  for (const Record& r : c.records) {
    rapidjson::Document a = Attrs(r);
    if (a.HasMember("json_source")) ++matches[a["json_source"]["file"].GetString()];
    if (a.HasMember("mhlw")) ++with_mhlw;
  }
  std::cout << "nando: " << c.records.size() << " records; JSON entries matched: nanbyo " << matches["nanbyo.json"]
            << "/1007, shoman " << matches["shoman.json"] << "/1025; with MHLW data " << with_mhlw << "/348\n";
  EXPECT_GE(matches["nanbyo.json"], 1000);
  EXPECT_GE(matches["shoman.json"], 1000);
  EXPECT_EQ(with_mhlw, 348);

  Collected k, e;
  ASSERT_TRUE(RunImport("kaken", {dir + "/kaken-grants-sample/kaken_atlas_globe_shard000_first16000chars.json"}, &k).ok());
  EXPECT_EQ(k.records.size(), 127u) << k.RejectList();
  ASSERT_TRUE(RunImport("edinet", {dir + "/edinet-healthcare-companies/edinetcode_pharma_devices_chem_elec.csv"}, &e).ok());
  EXPECT_EQ(e.records.size(), 663u) << e.RejectList();
}

}  // namespace
}  // namespace seedgraph
