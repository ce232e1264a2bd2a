// Tests of the entity-resolution pass (indexer/resolve.h): each rule on small
// made-up records (every id and name here is a test record, "test..." /
// 10.9999 / 9999999999990-range numbers), the look-alikes that must not
// merge, idempotence, what `seedgraph get` (GetRecord) shows, and one run
// over the real PubMed + Pap2Pat data of ../shared/data.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "indexer/import/names.h"
#include "indexer/ingest.h"
#include "indexer/resolve.h"
#include "query/store.h"
#include "tests/test_util.h"

namespace seedgraph {
namespace {

// One record per line.  Comments in the test say what each group is for.
constexpr const char* kFixture = R"JSONL(
{"id":"paper:doi:10.9999/test.1","type":"paper","title":{"en":"Test paper one (DOI record)"},"identifiers":{"doi":"10.9999/TEST.1"}}
{"id":"paper:pmid:9000001","type":"paper","title":{"en":"Test paper one (PubMed record)"},"identifiers":{"pmid":"9000001","doi":"10.9999/test.1"}}
{"id":"paper:openalex:W9000001","type":"paper","title":{"en":"Test paper one (OpenAlex record)"},"identifiers":{"openalex":"W9000001","doi":"https://doi.org/10.9999/test.1"}}
{"id":"dataset:TESTDS1","type":"dataset","title":{"en":"Test dataset sharing the paper's DOI"},"identifiers":{"doi":"10.9999/test.1"}}
{"id":"paper:pmid:9000002","type":"paper","title":{"en":"Test article"},"identifiers":{"pmid":"9000002","doi":"10.9999/test.2"}}
{"id":"paper:pmid:9000003","type":"paper","title":{"en":"Test erratum with the article's DOI"},"identifiers":{"pmid":"9000003","doi":"10.9999/test.2"}}
{"id":"paper:doi:10.9999/test.3","type":"paper","title":{"en":"Test public paper"},"identifiers":{"doi":"10.9999/test.3"}}
{"id":"paper:pmid:9000004","type":"paper","title":{"en":"Test restricted copy"},"identifiers":{"pmid":"9000004","doi":"10.9999/test.3"},"visibility":"restricted"}
{"id":"trial:NCT90000001","type":"trial","title":{"en":"Test trial (ClinicalTrials.gov)"},"identifiers":{"nct":"NCT90000001"}}
{"id":"trial:JPRN-jRCT9000000001","type":"trial","title":{"en":"Test trial (jRCT)"},"identifiers":{"jrct":"jRCT9000000001","nct":"NCT 90000001"}}
{"id":"topic:amed:JP99ek0000001","type":"topic","title":{"en":"Test AMED grant"},"identifiers":{"grant":"JP99ek0000001"}}
{"id":"topic:grant:jp99ek0000001","type":"topic","title":{"en":"Test grant as cited"},"identifiers":{"grant":"jp99ek0000001"}}
{"id":"person:name:testkinzler_k","type":"person","title":{"en":"K. W. Testkinzler"}}
{"id":"person:name:testkinzler_kenneth","type":"person","title":{"en":"Kenneth W. Testkinzler"}}
{"id":"person:name:testvogel_bert","type":"person","title":{"en":"Bert Testvogel"}}
{"id":"paper:openalex:W9100001","type":"paper","title":{"en":"Test paper by K. Testkinzler"},"links":[{"rel":"author","to":"person:name:testkinzler_k"},{"rel":"author","to":"person:name:testvogel_bert"}]}
{"id":"patent:US90000001","type":"patent","title":{"en":"Test patent by Kenneth Testkinzler"},"links":[{"rel":"inventor","to":"person:name:testkinzler_kenneth"},{"rel":"inventor","to":"person:name:testvogel_bert"}]}
{"id":"person:name:testlee_j","type":"person","title":{"en":"J. Testlee"}}
{"id":"person:name:testlee_jane","type":"person","title":{"en":"Jane Testlee"}}
{"id":"person:name:testalpha_a","type":"person","title":{"en":"Ann Testalpha"}}
{"id":"person:name:testbeta_b","type":"person","title":{"en":"Ben Testbeta"}}
{"id":"paper:openalex:W9100002","type":"paper","title":{"en":"Test paper by J. Testlee"},"links":[{"rel":"author","to":"person:name:testlee_j"},{"rel":"author","to":"person:name:testalpha_a"}]}
{"id":"paper:openalex:W9100003","type":"paper","title":{"en":"Test paper by Jane Testlee"},"links":[{"rel":"author","to":"person:name:testlee_jane"},{"rel":"author","to":"person:name:testbeta_b"}]}
{"id":"person:name:testsun_x","type":"person","title":{"en":"X. Testsun"}}
{"id":"person:name:testsun_xiuzhi","type":"person","title":{"en":"Xiuzhi Testsun"}}
{"id":"paper:openalex:W9100004","type":"paper","title":{"en":"Test paper naming both Testsuns"},"links":[{"rel":"author","to":"person:name:testsun_x"},{"rel":"author","to":"person:name:testsun_xiuzhi"},{"rel":"author","to":"person:name:testvogel_bert"}]}
{"id":"paper:openalex:W9100009","type":"paper","title":{"en":"Test paper by Xiuzhi Testsun"},"links":[{"rel":"author","to":"person:name:testsun_xiuzhi"},{"rel":"author","to":"person:name:testvogel_bert"}]}
{"id":"person:name:testmori_m","type":"person","title":{"en":"M. Testmori"}}
{"id":"person:name:testmori_masaaki","type":"person","title":{"en":"Masaaki Testmori"}}
{"id":"person:name:testmori_mika","type":"person","title":{"en":"Mika Testmori"}}
{"id":"person:name:testco_c","type":"person","title":{"en":"Carl Testco"}}
{"id":"paper:openalex:W9100005","type":"paper","title":{"en":"Test paper by M. Testmori"},"links":[{"rel":"author","to":"person:name:testmori_m"},{"rel":"author","to":"person:name:testco_c"}]}
{"id":"patent:US90000002","type":"patent","title":{"en":"Test patent by Masaaki Testmori"},"links":[{"rel":"inventor","to":"person:name:testmori_masaaki"},{"rel":"inventor","to":"person:name:testco_c"}]}
{"id":"paper:openalex:W9100006","type":"paper","title":{"en":"Test paper by Mika Testmori"},"links":[{"rel":"author","to":"person:name:testmori_mika"},{"rel":"author","to":"person:name:testco_c"}]}
{"id":"person:orcid:0000-0000-0000-0001","type":"person","title":{"en":"Alice Testorcid"},"identifiers":{"orcid":"0000-0000-0000-0001"}}
{"id":"person:name:testorcid_alice","type":"person","title":{"en":"Alice Testorcid"},"identifiers":{"orcid":"0000-0000-0000-0001"}}
{"id":"person:orcid:0000-0000-0000-0002","type":"person","title":{"en":"Bob Testconf"},"identifiers":{"orcid":"0000-0000-0000-0002"}}
{"id":"person:orcid:0000-0000-0000-0003","type":"person","title":{"en":"Bob Testconf"},"identifiers":{"orcid":"0000-0000-0000-0003"}}
{"id":"paper:openalex:W9100007","type":"paper","title":{"en":"Test paper by Bob Testconf (1)"},"links":[{"rel":"author","to":"person:orcid:0000-0000-0000-0002"},{"rel":"author","to":"person:name:testvogel_bert"}]}
{"id":"paper:openalex:W9100008","type":"paper","title":{"en":"Test paper by Bob Testconf (2)"},"links":[{"rel":"author","to":"person:orcid:0000-0000-0000-0003"},{"rel":"author","to":"person:name:testvogel_bert"}]}
{"id":"company:corp:9999999999991","type":"company","title":{"ja":"株式会社テストファーマ","en":"Testpharma Co., Ltd."},"identifiers":{"corporate_number":"9999999999991"}}
{"id":"organization:name:testpharma","type":"organization","title":{"en":"Testpharma Inc."}}
{"id":"organization:name:テストファーマ","type":"organization","title":{"ja":"(株)テストファーマ"}}
{"id":"organization:name:testpharma-europe","type":"organization","title":{"en":"Testpharma Europe"}}
{"id":"organization:ror:test01","type":"organization","title":{"ja":"テスト医療機器研究所"},"identifiers":{"corporate_number":"9999999999992"}}
{"id":"company:corp:9999999999992","type":"company","title":{"ja":"テスト医療機器株式会社"},"identifiers":{"corporate_number":"9999999999992"}}
{"id":"company:corp:9999999999993","type":"company","title":{"en":"Testdup Co., Ltd."},"identifiers":{"corporate_number":"9999999999993"}}
{"id":"company:corp:9999999999994","type":"company","title":{"en":"Testdup Inc."},"identifiers":{"corporate_number":"9999999999994"}}
{"id":"company:name:testdusa","type":"company","title":{"en":"TESTDUSA"}}
{"id":"company:name:testdusa-pharmaceutical","type":"company","title":{"en":"Testdusa Pharmaceuticals, Inc."}}
{"id":"company:name:testlicensee","type":"company","title":{"en":"Testlicensee Labs"}}
{"id":"patent:US90000077","type":"patent","title":{"en":"Test patent for a test drug"},"links":[{"rel":"applicant","to":"company:name:testdusa-pharmaceutical"}]}
{"id":"drug:fda:NDA900001","type":"drug","title":{"en":"TESTDRUG"},"links":[{"rel":"marketed_by","to":"company:name:testdusa"},{"rel":"protected_by","to":"patent:US90000077"}]}
{"id":"drug:fda:NDA900002","type":"drug","title":{"en":"TESTDRUG GENERIC"},"links":[{"rel":"marketed_by","to":"company:name:testlicensee"},{"rel":"protected_by","to":"patent:US90000077"}]}
)JSONL";

// Builds a fresh index from `fixture`; returns its path.
std::string BuildFixtureIndex(const std::string& name, const char* fixture = kFixture) {
  std::string dir = TestPath(name), file = TestPath(name + ".jsonl");
  std::filesystem::remove_all(dir);
  std::ofstream(file) << fixture;
  IngestOptions options;
  options.import.format = "jsonl";
  options.import.files = {file};
  options.index.db_path = dir;
  options.errors = &std::cerr;
  auto stats = Ingest(options);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  if (stats.ok()) {
    EXPECT_EQ(stats->rejected, 0u);
  }
  return dir;
}

Result<ResolveStats> RunResolve(const std::string& db, bool dry_run = false) {
  ResolveOptions options;
  options.db_path = db;
  options.dry_run = dry_run;
  return Resolve(options);
}

struct View {
  rapidjson::Document json;
  RecordView record;
};

// The record as `seedgraph get` shows it to an admin.
std::unique_ptr<View> Get(const std::string& db_path, const std::string& id) {
  auto db = IndexView::Open(db_path, Role::kAdmin);
  if (!db.ok()) return nullptr;
  auto rec = GetRecord(db.value(), id);
  if (!rec.ok()) return nullptr;
  auto view = std::make_unique<View>();
  view->record = rec.value();
  view->json.Parse(view->record.json.c_str());
  return view;
}

bool Linked(const std::vector<LinkView>& side, const std::string& other) {
  for (const LinkView& l : side) {
    if (l.rel == "same_as" && l.id == other) return true;
  }
  return false;
}

// True when `a` and `b` carry same_as both ways: out of a, into a, and the
// same from b's side.
bool SameAs(const std::string& db, const std::string& a, const std::string& b) {
  auto va = Get(db, a), vb = Get(db, b);
  if (!va || !vb) return false;
  return Linked(va->record.outgoing, b) && Linked(va->record.incoming, b) &&
         Linked(vb->record.outgoing, a) && Linked(vb->record.incoming, a);
}

// The evidence entry of record `id` about `to`, or null.
const rapidjson::Value* EvidenceFor(const View& v, const std::string& to) {
  if (!v.json.IsObject() || !v.json.HasMember("attrs")) return nullptr;
  const auto& attrs = v.json["attrs"];
  if (!attrs.HasMember("same_as_evidence") || !attrs["same_as_evidence"].IsArray()) return nullptr;
  for (const auto& e : attrs["same_as_evidence"].GetArray()) {
    if (e.HasMember("to") && to == e["to"].GetString()) return &e;
  }
  return nullptr;
}

bool ArrayHas(const rapidjson::Value& e, const char* key, const std::string& value) {
  if (!e.HasMember(key) || !e[key].IsArray()) return false;
  for (const auto& s : e[key].GetArray()) {
    if (s.IsString() && value == s.GetString()) return true;
  }
  return false;
}

class ResolveFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::string(BuildFixtureIndex("resolve"));
    auto first = RunResolve(*db_);
    ASSERT_TRUE(first.ok()) << first.status().message();
    first_ = new ResolveStats(first.value());
    auto second = RunResolve(*db_);
    ASSERT_TRUE(second.ok()) << second.status().message();
    second_ = new ResolveStats(second.value());
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*db_);
    delete db_;
    delete first_;
    delete second_;
  }
  static size_t Merges(const std::string& kind) {
    auto it = first_->merges.find(kind);
    return it == first_->merges.end() ? 0 : it->second;
  }
  static std::string* db_;
  static ResolveStats* first_;
  static ResolveStats* second_;
};
std::string* ResolveFixture::db_ = nullptr;
ResolveStats* ResolveFixture::first_ = nullptr;
ResolveStats* ResolveFixture::second_ = nullptr;

TEST(PersonKeysTest, InitialsAndFullNames) {
  EXPECT_TRUE(PersonKeysCompatible("kinzler_k", "kinzler_kenneth"));
  EXPECT_TRUE(PersonKeysCompatible("kinzler_kenneth", "kinzler_k"));
  EXPECT_TRUE(PersonKeysCompatible("kinzler_kenneth", "kinzler_kenneth"));
  EXPECT_FALSE(PersonKeysCompatible("kinzler_kenneth", "kinzler_karl"));  // two full names
  EXPECT_FALSE(PersonKeysCompatible("kinzler_k", "kinzler_j"));
  EXPECT_FALSE(PersonKeysCompatible("kinzler_k", "kinzlerr_kenneth"));    // another family
  EXPECT_FALSE(PersonKeysCompatible("山田太郎", "山田花子"));
  EXPECT_TRUE(PersonKeysCompatible("山田太郎", "山田太郎"));
  EXPECT_FALSE(PersonKeysCompatible("", ""));
}

TEST_F(ResolveFixture, IdentifierMergesBySharedValue) {
  EXPECT_EQ(Merges("paper by doi"), 3u);  // the DOI, PMID and OpenAlex records of one paper
  EXPECT_TRUE(SameAs(*db_, "paper:doi:10.9999/test.1", "paper:pmid:9000001"));
  EXPECT_TRUE(SameAs(*db_, "paper:doi:10.9999/test.1", "paper:openalex:W9000001"));  // DOI given as a URL
  EXPECT_TRUE(SameAs(*db_, "paper:pmid:9000001", "paper:openalex:W9000001"));
  EXPECT_FALSE(SameAs(*db_, "paper:doi:10.9999/test.1", "dataset:TESTDS1"));  // another type
  EXPECT_FALSE(SameAs(*db_, "paper:pmid:9000002", "paper:pmid:9000003"));     // PMIDs disagree
  EXPECT_FALSE(SameAs(*db_, "paper:doi:10.9999/test.3", "paper:pmid:9000004"));  // visibility differs
  EXPECT_EQ(Merges("trial by nct"), 1u);
  EXPECT_TRUE(SameAs(*db_, "trial:NCT90000001", "trial:JPRN-jRCT9000000001"));
  EXPECT_EQ(Merges("topic by grant"), 1u);
  EXPECT_TRUE(SameAs(*db_, "topic:amed:JP99ek0000001", "topic:grant:jp99ek0000001"));
  EXPECT_EQ(Merges("person by orcid"), 1u);
  EXPECT_TRUE(SameAs(*db_, "person:orcid:0000-0000-0000-0001", "person:name:testorcid_alice"));
  EXPECT_EQ(first_->visibility, 1u);
}

TEST_F(ResolveFixture, CorroboratedPersonMerge) {
  EXPECT_EQ(Merges("person by name+coauthors"), 1u);
  EXPECT_TRUE(SameAs(*db_, "person:name:testkinzler_k", "person:name:testkinzler_kenneth"));
  for (const auto& [self, other] : {std::pair<std::string, std::string>{"person:name:testkinzler_k", "person:name:testkinzler_kenneth"},
                                    {"person:name:testkinzler_kenneth", "person:name:testkinzler_k"}}) {
    auto v = Get(*db_, self);
    ASSERT_TRUE(v) << self;
    const rapidjson::Value* e = EvidenceFor(*v, other);
    ASSERT_NE(e, nullptr) << v->record.json;
    EXPECT_STREQ((*e)["by"].GetString(), "name+coauthors");
    EXPECT_TRUE(ArrayHas(*e, "names", "K. W. Testkinzler")) << v->record.json;
    EXPECT_TRUE(ArrayHas(*e, "names", "Kenneth W. Testkinzler"));
    EXPECT_TRUE(ArrayHas(*e, "records", "paper:openalex:W9100001"));
    EXPECT_TRUE(ArrayHas(*e, "records", "patent:US90000001"));
    EXPECT_TRUE(ArrayHas(*e, "shared_people", "person:name:testvogel_bert"));
  }
}

TEST_F(ResolveFixture, LookAlikesDoNotMerge) {
  // Compatible names, nothing shared: a name alone never merges.
  EXPECT_FALSE(SameAs(*db_, "person:name:testlee_j", "person:name:testlee_jane"));
  // One paper names both: two people.
  EXPECT_FALSE(SameAs(*db_, "person:name:testsun_x", "person:name:testsun_xiuzhi"));
  // M. Testmori is corroborated with Masaaki and with Mika: ambiguous.
  EXPECT_FALSE(SameAs(*db_, "person:name:testmori_m", "person:name:testmori_masaaki"));
  EXPECT_FALSE(SameAs(*db_, "person:name:testmori_m", "person:name:testmori_mika"));
  EXPECT_EQ(first_->ambiguous, 2u);
  // Same name and a shared co-author, but different ORCIDs.
  EXPECT_FALSE(SameAs(*db_, "person:orcid:0000-0000-0000-0002", "person:orcid:0000-0000-0000-0003"));
  // Same normalised name, different 法人番号.
  EXPECT_FALSE(SameAs(*db_, "company:corp:9999999999993", "company:corp:9999999999994"));
  // Not identical names: no fuzzy organization merges.
  EXPECT_FALSE(SameAs(*db_, "company:corp:9999999999991", "organization:name:testpharma-europe"));
  // erratum (PMIDs), Testsun (one paper), ORCIDs, 法人番号
  EXPECT_EQ(first_->vetoed, 4u);
  EXPECT_EQ(first_->uncorroborated, 2u);  // Testlee, and Alice Testorcid (merged by ORCID instead)
}

TEST_F(ResolveFixture, OrganizationsByNameAndCorporateNumber) {
  EXPECT_EQ(Merges("organization by name"), 2u);
  EXPECT_TRUE(SameAs(*db_, "company:corp:9999999999991", "organization:name:testpharma"));    // Co., Ltd. = Inc.
  EXPECT_TRUE(SameAs(*db_, "company:corp:9999999999991", "organization:name:テストファーマ"));  // 株式会社 = (株)
  EXPECT_EQ(Merges("organization by corporate_number"), 1u);
  EXPECT_TRUE(SameAs(*db_, "organization:ror:test01", "company:corp:9999999999992"));
  auto v = Get(*db_, "organization:ror:test01");
  ASSERT_TRUE(v);
  const rapidjson::Value* e = EvidenceFor(*v, "company:corp:9999999999992");
  ASSERT_NE(e, nullptr) << v->record.json;
  EXPECT_STREQ((*e)["by"].GetString(), "corporate_number");
  EXPECT_STREQ((*e)["value"].GetString(), "9999999999992");
}

// An FDA sponsor (abbreviated) and the assignee of a patent its drug is
// protected by; another marketer of a drug under the same patent is not the
// assignee by that alone.
TEST_F(ResolveFixture, DrugMarketersAndTheirPatentsApplicants) {
  EXPECT_EQ(Merges("organization by name+patent"), 1u);
  EXPECT_TRUE(SameAs(*db_, "company:name:testdusa", "company:name:testdusa-pharmaceutical"));
  EXPECT_FALSE(SameAs(*db_, "company:name:testlicensee", "company:name:testdusa-pharmaceutical"));
  auto v = Get(*db_, "company:name:testdusa");
  ASSERT_TRUE(v);
  const rapidjson::Value* e = EvidenceFor(*v, "company:name:testdusa-pharmaceutical");
  ASSERT_NE(e, nullptr) << v->record.json;
  EXPECT_STREQ((*e)["by"].GetString(), "name+patent");
  EXPECT_TRUE(ArrayHas(*e, "records", "drug:fda:NDA900001")) << v->record.json;
  EXPECT_TRUE(ArrayHas(*e, "records", "patent:US90000077"));
}

TEST_F(ResolveFixture, EvidenceOnBothSidesAndRerunAddsNothing) {
  auto v = Get(*db_, "paper:pmid:9000001");
  ASSERT_TRUE(v);
  const rapidjson::Value* e = EvidenceFor(*v, "paper:openalex:W9000001");
  ASSERT_NE(e, nullptr) << v->record.json;
  EXPECT_STREQ((*e)["by"].GetString(), "doi");
  EXPECT_STREQ((*e)["value"].GetString(), "10.9999/test.1");
  EXPECT_EQ(first_->new_links, 2 * 11u);  // 11 pairs, both directions
  EXPECT_GT(first_->records_updated, 0u);
  EXPECT_EQ(second_->new_links, 0u);
  EXPECT_EQ(second_->new_evidence, 0u);
  EXPECT_EQ(second_->records_updated, 0u);
  EXPECT_EQ(second_->merges, first_->merges);  // the same merges found again, nothing new written
  // Nothing was deleted: every fixture record is still there.
  auto db = OpenDatabase(*db_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db.value().get_doccount(), 54u);
}

TEST(ResolveTest, DryRunWritesNothing) {
  std::string db = BuildFixtureIndex("resolve_dry");
  auto stats = RunResolve(db, /*dry_run=*/true);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->new_links, 22u);
  EXPECT_FALSE(SameAs(db, "paper:doi:10.9999/test.1", "paper:pmid:9000001"));
  std::filesystem::remove_all(db);
}

TEST(ResolveTest, MissingIndexIsAnError) {
  auto stats = RunResolve(TestPath("no_such_index"));
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), Status::Code::kIOError);
  EXPECT_FALSE(std::filesystem::exists(TestPath("no_such_index")));  // not created
}

// Rule 4: a classification code links two records only with a shared name.
constexpr const char* kDiseaseFixture = R"JSONL(
{"id":"disease:test:1","type":"disease","title":{"ja":"試験病","en":"Testing disease"},"text":{"ja":"試験用の説明。"},"identifiers":{"mondo":"MONDO:9999001"}}
{"id":"disease:test:2","type":"disease","title":{"ja":"試験病","en":"Testing disease"},"identifiers":{"mondo":"MONDO:9999001"}}
{"id":"disease:test:3","type":"disease","title":{"ja":"試験病（重症型）","en":"Testing disease, severe form"},"identifiers":{"mondo":"MONDO:9999001"},"attrs":{"synonyms_ja":["試験病"]}}
{"id":"disease:test:4","type":"disease","title":{"ja":"試験病","en":"Testing disease"}}
{"id":"disease:test:5","type":"disease","title":{"ja":"甲試験症候群","en":"Testing syndrome A"},"identifiers":{"mondo":"MONDO:9999002"},"attrs":{"synonyms_ja":["乙試験症"]}}
{"id":"disease:test:6","type":"disease","title":{"ja":"乙試験症","en":"Testing disorder B"},"identifiers":{"mondo":"MONDO:9999002"},"attrs":{"synonyms_en":["Testing Syndrome A"]}}
{"id":"disease:test:7","type":"disease","title":{"ja":"試験病"},"identifiers":{"mondo":"MONDO:9999001"},"visibility":"internal"}
)JSONL";

TEST(ResolveTest, SharedCodeAndNameLinksDiseases) {
  std::string db = BuildFixtureIndex("resolve_disease", kDiseaseFixture);
  auto stats = RunResolve(db);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->merges["disease by mondo+name"], 2u);
  // Same MONDO class and title: one disease in two vocabularies.
  EXPECT_TRUE(SameAs(db, "disease:test:1", "disease:test:2"));
  auto v = Get(db, "disease:test:2");
  ASSERT_TRUE(v);
  const rapidjson::Value* e = EvidenceFor(*v, "disease:test:1");
  ASSERT_NE(e, nullptr) << v->record.json;
  EXPECT_STREQ((*e)["by"].GetString(), "mondo+name");
  EXPECT_STREQ((*e)["value"].GetString(), "MONDO:9999001");
  EXPECT_TRUE(ArrayHas(*e, "names", "試験病"));
  // Each title a synonym of the other (オスラー病 / 遺伝性出血性末梢血管拡張症).
  EXPECT_TRUE(SameAs(db, "disease:test:5", "disease:test:6"));
  // A subtype lists its parent's name, one way only: not the same.
  EXPECT_FALSE(SameAs(db, "disease:test:1", "disease:test:3"));
  // The name without the code, or another visibility: not linked.
  EXPECT_FALSE(SameAs(db, "disease:test:1", "disease:test:4"));
  EXPECT_FALSE(SameAs(db, "disease:test:1", "disease:test:7"));
  EXPECT_EQ(stats->visibility, 2u);  // 7 with 1 and with 2
  auto again = RunResolve(db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_links, 0u);
  std::filesystem::remove_all(db);
}

// ---------------------------------------------------------------- real data

std::string SharedData() {
  const char* env = std::getenv("SEEDGRAPH_SHARED_DATA");
  return env != nullptr ? env : SEEDGRAPH_SOURCE_DIR "/../shared/data";
}

// Initial-vs-full-name pairs among the person ids of an index ("kaiser_c"
// and "kaiser_claire"): the candidates rule 2 looks at.
size_t InitialPairs(const std::string& db_path) {
  auto db = OpenDatabase(db_path);
  if (!db.ok()) return 0;
  std::vector<std::string> keys;
  for (auto t = db.value().allterms_begin("Qperson:name:"); t != db.value().allterms_end("Qperson:name:"); ++t) {
    keys.push_back((*t).substr(std::string("Qperson:name:").size()));
  }
  size_t n = 0;
  for (const auto& k : keys) {
    if (k.size() < 2 || k[k.size() - 2] != '_') continue;  // only "family_x"
    std::string family = k.substr(0, k.size() - 2);
    auto it = std::lower_bound(keys.begin(), keys.end(), k.substr(0, k.size() - 1));
    for (; it != keys.end() && it->compare(0, k.size() - 1, k.substr(0, k.size() - 1)) == 0; ++it) {
      if (*it != k && PersonKeysCompatible(k, *it)) ++n;
    }
  }
  return n;
}

TEST(ResolveRealData, PubmedAndPap2pat) {
  std::string dir = SharedData();
  if (dir == "skip") GTEST_SKIP() << "SEEDGRAPH_SHARED_DATA=skip";
  std::string pubmed = dir + "/pubmed-medline-sample", pairs = dir + "/pap2pat-paper-patent-pairs/pairs_dev.jsonl";
  ASSERT_TRUE(std::filesystem::exists(pubmed) && std::filesystem::exists(pairs))
      << "shared data missing under " << dir << " (set SEEDGRAPH_SHARED_DATA to its path, or to skip)";
  std::string db = TestPath("resolve_real");
  std::filesystem::remove_all(db);
  std::vector<std::string> xml;
  for (const auto& f : std::filesystem::directory_iterator(pubmed)) {
    if (f.path().extension() == ".xml") xml.push_back(f.path().string());
  }
  std::sort(xml.begin(), xml.end());
  for (const auto& [format, files] : {std::pair<std::string, std::vector<std::string>>{"pubmed", xml}, {"pap2pat", {pairs}}}) {
    IngestOptions options;
    options.import.format = format;
    options.import.files = files;
    options.index.db_path = db;
    options.errors = &std::cerr;
    auto stats = Ingest(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
  }
  size_t candidates = InitialPairs(db);
  auto stats = RunResolve(db);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  size_t total = 0;
  for (const auto& [kind, n] : stats->merges) {
    std::cout << "  same_as " << kind << ": " << n << "\n";
    total += n;
  }
  std::cout << "  " << candidates << " initial-vs-full-name pairs, " << total << " merges, " << stats->new_links
            << " same_as links, " << stats->uncorroborated << " uncorroborated, " << stats->vetoed << " vetoed, "
            << stats->ambiguous << " ambiguous\n";
  // The data has such pairs (15 when this was written), most of them a
  // Pap2Pat paper's author and its patent's inventor with shared co-authors.
  ASSERT_GT(candidates, 0u);
  EXPECT_GE(stats->merges["person by name+coauthors"], 1u);
  EXPECT_TRUE(SameAs(db, "person:name:kaiser_c", "person:name:kaiser_claire"));
  EXPECT_TRUE(SameAs(db, "person:name:antson_a", "person:name:antson_alfred"));
  // Look-alikes with nothing shared stay apart.
  EXPECT_FALSE(SameAs(db, "person:name:sun_x", "person:name:sun_xiuzhi"));
  EXPECT_FALSE(SameAs(db, "person:name:sun_x", "person:name:sun_xiaoming"));
  EXPECT_FALSE(SameAs(db, "person:name:sharma_p", "person:name:sharma_prateek"));
  auto again = RunResolve(db);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->new_links, 0u);
  std::filesystem::remove_all(db);
}

}  // namespace
}  // namespace seedgraph
