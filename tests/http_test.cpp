// End to end over HTTP: a small index with public, internal and restricted
// records, the real server on a loopback port, and httplib::Client.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>

#include "indexer/indexer.h"
#include "tests/http_util.h"
#include "web/tokens.h"

namespace seedgraph {
namespace {

// 5 public, 1 internal, 1 restricted.  All but the disease mention muscular
// atrophy; the restricted one is the only small_molecule, the internal one
// the only nucleic_acid, so facet counts show any leak.
const char kRecords[] = R"JSONL(
{"id":"paper:pmid:1001","type":"paper","title":{"ja":"脊髄性筋萎縮症の遺伝子治療","en":"Gene therapy for spinal muscular atrophy"},"date":"2020-05-01","disease_areas":["intractable"],"modalities":["gene_therapy"],"stage":"clinical"}
{"id":"topic:amed:JP20ek0109001","type":"topic","title":{"ja":"筋萎縮症に対する遺伝子治療の開発","en":"Development of gene therapy for muscular atrophy"},"date":"2019","project":"regen_gene","disease_areas":["intractable"],"modalities":["gene_therapy"],"stage":"nonclinical"}
{"id":"trial:NCT00000001","type":"trial","title":{"en":"A trial of gene therapy in spinal muscular atrophy"},"date":"2021-01","disease_areas":["intractable"],"modalities":["gene_therapy"],"stage":"clinical","links":[{"rel":"funded_by","to":"topic:amed:JP20ek0109001"}]}
{"id":"paper:doi:10.1000/xyz.7","type":"paper","title":{"en":"A zebrafish model of muscular atrophy"},"date":"2018","stage":"basic"}
{"id":"disease:nando:1200003","type":"disease","title":{"ja":"脊髄性筋萎縮症","en":"Spinal muscular atrophy"},"disease_areas":["intractable"]}
{"id":"paper:pmid:1002","type":"paper","title":{"en":"Antisense oligonucleotide for muscular atrophy"},"date":"2021","modalities":["nucleic_acid"],"visibility":"internal","links":[{"rel":"funded_by","to":"topic:amed:JP20ek0109001"}]}
{"id":"paper:pmid:1003","type":"paper","title":{"en":"Secret compound against muscular atrophy"},"date":"2022","modalities":["small_molecule"],"visibility":"restricted","links":[{"rel":"funded_by","to":"topic:amed:JP20ek0109001"}]}
)JSONL";

const char kTokens[] =
    "# test tokens\n"
    "\n"
    "officer-token officer\n"
    "admin-token   admin   # the admin\n";

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness;
    ServerOptions options;
    options.static_dir = std::string(SEEDGRAPH_SOURCE_DIR) + "/web/static";
    options.threads = 4;
    harness_->Start("http_test", kRecords, kTokens, options);
    port_ = harness_->port();
  }

  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  static Answer Request(const std::string& method, const std::string& target, const std::string& token = "",
                        const std::string& body = "{}") {
    return harness_->Request(method, target, token, body);
  }
  static Answer Get(const std::string& target, const std::string& token = "") { return harness_->Get(target, token); }
  static std::vector<std::string> HitIds(const Answer& a) { return Ids(a, "hits"); }

  static ServerHarness* harness_;
  static int port_;
};

ServerHarness* HttpTest::harness_ = nullptr;
int HttpTest::port_ = 0;

TEST_F(HttpTest, HealthCountsWhatTheRoleMaySee) {
  const struct { const char* token; int64_t records; const char* role; } rows[] = {
      {"", 5, "public"}, {"officer-token", 6, "officer"}, {"admin-token", 7, "admin"}};
  for (const auto& row : rows) {
    Answer a = Get("/api/health", row.token);
    EXPECT_EQ(a.status, 200) << row.token;
    EXPECT_STREQ(a.json["status"].GetString(), "ok");
    EXPECT_EQ(Int(a.json, "records"), row.records) << "token " << row.token;
    // The role the token grants, so the UI can show it; a user only with a token.
    EXPECT_STREQ(a.json["role"].GetString(), row.role) << "token " << row.token;
    EXPECT_EQ(a.json.HasMember("user"), *row.token != '\0') << "token " << row.token;
  }
}

TEST_F(HttpTest, BadCredentialsAre401) {
  for (const char* header : {"Bearer nope", "Basic abc", "Bearer ", "admin-token"}) {
    httplib::Client cli("127.0.0.1", port_);
    auto r = cli.Get("/api/health", {{"Authorization", header}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << header;
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(r->body.find("nope"), std::string::npos) << "the token must not be echoed";
  }
}

TEST_F(HttpTest, SearchHidesRecordsTheRoleMayNotSee) {
  Answer pub = Get("/api/search?q=muscular");
  ASSERT_EQ(pub.status, 200) << pub.body;
  EXPECT_EQ(Int(pub.json, "total"), 5);
  EXPECT_EQ(FacetCount(pub, "type", "paper"), 2);
  EXPECT_EQ(FacetCount(pub, "modality", "nucleic_acid"), 0);
  EXPECT_EQ(FacetCount(pub, "modality", "small_molecule"), 0);
  for (const auto& id : HitIds(pub)) EXPECT_TRUE(id != "paper:pmid:1002" && id != "paper:pmid:1003") << id;

  Answer officer = Get("/api/search?q=muscular", "officer-token");
  EXPECT_EQ(Int(officer.json, "total"), 6);
  EXPECT_EQ(FacetCount(officer, "modality", "nucleic_acid"), 1);
  EXPECT_EQ(FacetCount(officer, "modality", "small_molecule"), 0);

  Answer admin = Get("/api/search?q=muscular", "admin-token");
  EXPECT_EQ(Int(admin.json, "total"), 7);
  EXPECT_EQ(FacetCount(admin, "type", "paper"), 4);
  EXPECT_EQ(FacetCount(admin, "modality", "small_molecule"), 1);
}

TEST_F(HttpTest, SearchFiltersPagesAndJapanese) {
  Answer a = Get("/api/search?type=paper&type=trial&per_page=2&page=1&sort=-date");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(Int(a.json, "total"), 3);
  EXPECT_EQ(Int(a.json, "per_page"), 2);
  EXPECT_EQ(HitIds(a).size(), 2u);
  Answer p2 = Get("/api/search?type=paper&type=trial&per_page=2&page=2&sort=-date");
  EXPECT_EQ(HitIds(p2).size(), 1u);

  Answer ja = Get("/api/search?q=%E7%AD%8B%E8%90%8E%E7%B8%AE");  // 筋萎縮
  ASSERT_EQ(ja.status, 200) << ja.body;
  EXPECT_GE(Int(ja.json, "total"), 2);

  Answer years = Get("/api/search?year_from=2020&year_to=2020");
  EXPECT_EQ(HitIds(years), std::vector<std::string>{"paper:pmid:1001"});
  Answer plus = Get("/api/search?q=gene+therapy&project=regen_gene&project=");
  EXPECT_EQ(HitIds(plus), std::vector<std::string>{"topic:amed:JP20ek0109001"});
}

// Query syntax characters are text: none may fail the search.
TEST_F(HttpTest, UnbalancedQuotesAndBracketsSearchFine) {
  for (const char* q : {"%22muscular", "muscular%22", "(muscular", "muscular)", "%5B", "%7B%7D", "AND", "OR%20NOT",
                        "*", "%5C", "muscular%20-", "NEAR%2F3", "%E3%80%8C%E7%AD%8B", "%26%26", "%3A", "%22%22%22"}) {
    Answer a = Get(std::string("/api/search?q=") + q);
    EXPECT_EQ(a.status, 200) << q << ": " << a.body;
    EXPECT_GE(Int(a.json, "total"), 0) << q;
  }
}

TEST_F(HttpTest, RecordsByIdAndHiddenLooksUnknown) {
  Answer a = Get("/api/records/trial:NCT00000001");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_STREQ(a.json["id"].GetString(), "trial:NCT00000001");
  EXPECT_TRUE(a.json.HasMember("links"));

  // Ids with '/': encoded or not.
  EXPECT_EQ(Get("/api/records/paper:doi:10.1000%2Fxyz.7").status, 200);
  EXPECT_EQ(Get("/api/records/paper:doi:10.1000/xyz.7").status, 200);

  // A hidden record answers exactly like an unknown one (but for the id).
  Answer hidden = Get("/api/records/paper:pmid:1003", "officer-token");
  Answer unknown = Get("/api/records/paper:pmid:9999", "officer-token");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(unknown.status, 404);
  ExpectJsonError(hidden, "hidden");
  std::string h = hidden.body, u = unknown.body;
  for (std::string* s : {&h, &u}) {
    for (const char* id : {"paper:pmid:1003", "paper:pmid:9999"}) {
      const size_t at = s->find(id);
      if (at != std::string::npos) s->replace(at, std::strlen(id), "ID");
    }
  }
  EXPECT_EQ(h, u);
  EXPECT_EQ(Get("/api/records/paper:pmid:1003", "admin-token").status, 200);

  // Nothing about hidden records in a visible record's incoming links.
  Answer topic = Get("/api/records/topic:amed:JP20ek0109001");
  ASSERT_EQ(topic.status, 200);
  EXPECT_EQ(topic.body.find("paper:pmid:1003"), std::string::npos);
  EXPECT_EQ(topic.body.find("paper:pmid:1002"), std::string::npos);
  EXPECT_NE(topic.body.find("trial:NCT00000001"), std::string::npos);
}

// Each hostile input gets the expected 4xx and a JSON error, never a 500.
TEST_F(HttpTest, HostileInputGets4xxJson) {
  const std::string long_q(2049, 'a');
  const struct { std::string target; int status; const char* in_message; } rows[] = {
      {"/api/search?q=%ZZ", 400, "percent-encoding"},
      {"/api/search?q=%", 400, "percent-encoding"},
      {"/api/search?q=ab%4", 400, "percent-encoding"},
      {"/api/search?q=%u3042", 400, "percent-encoding"},  // httplib would decode it
      {"/api/search?q=%E3%81", 400, "UTF-8"},             // truncated
      {"/api/search?q=%FF%FE", 400, "UTF-8"},
      {"/api/search?q=\xFF\xFE", 400, "UTF-8"},            // raw bytes
      {"/api/search?q=%C0%AF", 400, "UTF-8"},              // overlong '/'
      {"/api/search?q=%ED%A0%80", 400, "UTF-8"},           // surrogate
      {"/api/search?q=a%00b", 400, "NUL"},
      {"/api/search?q=" + long_q, 400, "q: longer"},
      {"/api/search?page=abc", 400, "page"},
      {"/api/search?page=1.5", 400, "page"},
      {"/api/search?page=-1", 400, "page"},
      {"/api/search?page=0", 400, "page"},
      {"/api/search?page=99999999999999999999", 400, "page"},
      {"/api/search?per_page=101", 400, "per_page"},
      {"/api/search?per_page=0", 400, "per_page"},
      {"/api/search?per_page=%201", 400, "per_page"},
      {"/api/search?year_from=20x0", 400, "year_from"},
      {"/api/search?year_to=1e3", 400, "year_to"},
      {"/api/search?typ=paper", 400, "typ"},
      {"/api/search?type=nonsense", 400, "type"},
      {"/api/search?sort=random", 400, "sort"},
      {"/api/search?q=a&q=b", 400, "more than once"},
      {"/api/search?=x", 400, "name"},
      {"/api/search?%FF=x", 400, "UTF-8"},
      {"/api/health?verbose=1", 400, "verbose"},
      {"/api/records/%ZZ", 400, "percent-encoding"},
      {"/api/records/paper:%FF", 400, "UTF-8"},
      {"/api/search?q=" + std::string(9000, 'a'), 414, ""},  // httplib's own limit
      {"/api/records/paper:" + std::string(8000, 'a'), 404, ""},
      {"/api/nope", 404, "/api/nope"},
      {"/api", 404, ""},
      {"/nope.html", 404, ""},
  };
  for (const auto& row : rows) {
    const std::string shown = row.target.substr(0, 60);
    Answer a = Get(row.target);
    EXPECT_EQ(a.status, row.status) << shown << ": " << a.body;
    ExpectJsonError(a, shown);
    if (a.json.IsObject() && a.json.HasMember("error")) {
      EXPECT_NE(std::string(a.json["error"]["message"].GetString()).find(row.in_message), std::string::npos)
          << shown << ": " << a.body;
    }
  }
}

TEST_F(HttpTest, WrongMethodIs405) {
  Answer a = Request("POST", "/api/search");
  EXPECT_EQ(a.status, 405);
  ExpectJsonError(a, "POST /api/search");
}

// The shapes of CONTRACT §3 (and docs/ARCHITECTURE's extensions) on a
// small fixture; what each query function computes is tested in query/'s
// suites, who may see what in http_access_test.
TEST_F(HttpTest, GraphAnswersNodesAndEdges) {
  Answer a = Get("/api/records/trial:NCT00000001/graph?depth=2&rel=funded_by", "admin-token");
  ASSERT_EQ(a.status, 200) << a.body;
  const auto nodes = Ids(a, "nodes");
  ASSERT_FALSE(nodes.empty());
  EXPECT_EQ(nodes.front(), "trial:NCT00000001");
  EXPECT_TRUE(Contains(nodes, "topic:amed:JP20ek0109001")) << a.body;
  EXPECT_TRUE(Contains(nodes, "paper:pmid:1003")) << "depth 2 reaches the other funded records: " << a.body;
  const auto& n0 = a.json["nodes"][0];
  for (const char* key : {"id", "type", "title", "depth", "indexed"}) EXPECT_TRUE(n0.HasMember(key)) << key;
  ASSERT_TRUE(a.json["edges"].IsArray() && a.json["edges"].Size() > 0) << a.body;
  for (const auto& e : a.json["edges"].GetArray()) {
    EXPECT_STREQ(e["rel"].GetString(), "funded_by");
    for (const char* key : {"from", "to", "date"}) EXPECT_TRUE(e.HasMember(key)) << key;
  }
  EXPECT_TRUE(a.json["truncated"].IsBool());

  Answer one = Get("/api/records/trial:NCT00000001/graph?limit=1", "admin-token");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(Ids(one, "nodes").size(), 1u);
  EXPECT_TRUE(one.json["truncated"].GetBool());
}

TEST_F(HttpTest, RelatedHitsCarryReasons) {
  Answer a = Get("/api/records/paper:pmid:1001/related?limit=5");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_TRUE(a.json["hits"].IsArray()) << a.body;
  ASSERT_GT(a.json["hits"].Size(), 0u) << "the SMA trial and topic share words and codes: " << a.body;
  EXPECT_LE(a.json["hits"].Size(), 5u);
  for (const auto& h : a.json["hits"].GetArray()) {
    EXPECT_STRNE(h["id"].GetString(), "paper:pmid:1001") << "the seed is not related to itself";
    for (const char* key : {"id", "type", "title", "snippet", "score", "date", "project", "disease_areas", "modalities",
                            "stage", "reasons"}) {
      EXPECT_TRUE(h.HasMember(key)) << key;
    }
    const auto& r = h["reasons"];
    for (const char* key : {"shared_terms", "shared_disease_areas", "shared_modalities", "shared_nodes", "paths"}) {
      EXPECT_TRUE(r[key].IsArray()) << key;
    }
    for (const char* key : {"text", "graph", "vocab"}) EXPECT_TRUE(r["scores"][key].IsNumber()) << key;
  }
  Answer typed = Get("/api/records/paper:pmid:1001/related?type=trial");
  ASSERT_EQ(typed.status, 200) << typed.body;
  for (const auto& id : Ids(typed)) EXPECT_EQ(id.rfind("trial:", 0), 0u) << id;
  // The same disease area and another modality: nothing in this fixture.
  Answer across = Get("/api/records/paper:pmid:1001/related?across=project");
  EXPECT_EQ(across.status, 200) << across.body;
}

TEST_F(HttpTest, MatchAnswersCandidatesAndTheReverseView) {
  Answer a = Get("/api/match?seed=topic:amed:JP20ek0109001&limit=3");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_TRUE(a.json["candidates"].IsArray()) << a.body;
  EXPECT_EQ(Get("/api/match?seed=topic:amed:NOPE").status, 404);
  EXPECT_EQ(Get("/api/match?company=company:corp:0000000000000").status, 404);
}

TEST_F(HttpTest, CrosslinksCountsAgreeWithSearch) {
  Answer a = Get("/api/crosslinks?rows=type&cols=stage&q=muscular", "admin-token");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_STREQ(a.json["row_dim"].GetString(), "type");
  EXPECT_STREQ(a.json["col_dim"].GetString(), "stage");
  const auto& rows = a.json["rows"];
  const auto& cols = a.json["cols"];
  ASSERT_EQ(a.json["counts"].Size(), rows.Size());
  for (const auto& row : a.json["counts"].GetArray()) EXPECT_EQ(row.Size(), cols.Size());
  EXPECT_EQ(Int(a.json, "total"), 7);
  Answer search = Get("/api/search?q=muscular&per_page=1", "admin-token");
  for (rapidjson::SizeType r = 0; r < rows.Size(); ++r) {
    EXPECT_EQ(a.json["row_totals"][r].GetInt64(), FacetCount(search, "type", rows[r].GetString()))
        << rows[r].GetString();
  }
  // Every record has a type; those without a stage are in no cell.
  int64_t staged = 0;
  for (const auto& n : a.json["col_totals"].GetArray()) staged += n.GetInt64();
  EXPECT_EQ(Int(a.json, "missing_row"), 0) << a.body;
  EXPECT_EQ(Int(a.json, "missing_column"), 7 - staged) << a.body;
  EXPECT_EQ(Int(a.json, "missing_both"), 0) << a.body;
  Answer def = Get("/api/crosslinks");
  ASSERT_EQ(def.status, 200) << def.body;
  EXPECT_STREQ(def.json["row_dim"].GetString(), "disease_area");
  EXPECT_STREQ(def.json["col_dim"].GetString(), "project");
  EXPECT_EQ(Int(def.json, "total"), 5);
  for (const char* key : {"missing_row", "missing_column", "missing_both"}) EXPECT_GE(Int(def.json, key), 0) << key;
}

TEST_F(HttpTest, IndicatorsAnswerRowsAndTotal) {
  for (const char* by : {"project", "disease_area", "year"}) {
    Answer a = Get(std::string("/api/indicators?by=") + by);
    ASSERT_EQ(a.status, 200) << by << ": " << a.body;
    EXPECT_STREQ(a.json["by"].GetString(), by);
    ASSERT_TRUE(a.json["rows"].IsArray());
    for (const char* count : {"licensed_to", "registered_as", "continued_as", "top1pct"}) {
      EXPECT_TRUE(a.json["total"][count]["count"].IsInt64()) << count;
      EXPECT_TRUE(a.json["total"][count]["ids"].IsArray()) << count;
    }
  }
}

TEST_F(HttpTest, PairingAnswersTopicsWithNextStageAndCompanies) {
  Answer a = Get("/api/pairing?months=60&today=2000-01-01&limit=5");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_TRUE(a.json["topics"].IsArray());
  for (const auto& t : a.json["topics"].GetArray()) {
    EXPECT_TRUE(t["topic"]["id"].IsString());
    EXPECT_TRUE(t["end_date"].IsString());
    EXPECT_TRUE(t["next_topics"]["hits"].IsArray());
    EXPECT_TRUE(t["companies"]["candidates"].IsArray());
  }
  EXPECT_TRUE(a.json["counts"]["topics"].IsUint64()) << a.body;
  for (const char* bad : {"/api/pairing?months=0", "/api/pairing?months=61", "/api/pairing?today=2020-13", "/api/pairing?today=----------",
                          "/api/pairing?today=2025-13-45",
                          "/api/pairing?limit=x", "/api/pairing?colour=red"}) {
    Answer b = Get(bad);
    EXPECT_EQ(b.status, 400) << bad << ": " << b.body;
    EXPECT_TRUE(b.json.HasMember("error")) << bad;
  }
  // Filters by project and disease area: codes of the vocabularies only.
  for (const auto& [bad, field] : {std::pair{"/api/pairing?project=drugs", "project"},
                                   std::pair{"/api/pairing?disease_area=rare&today=2020-01-01", "disease_area"},
                                   std::pair{"/api/pairing?project=pharma&project=%E8%96%AC", "project"}}) {
    Answer b = Get(bad);
    EXPECT_EQ(b.status, 400) << bad << ": " << b.body;
    ExpectJsonError(b, bad);
    EXPECT_NE(b.body.find(std::string(field) + ": unknown code"), std::string::npos) << b.body;
  }
  Answer none = Get("/api/pairing?months=60&today=2000-01-01&limit=100&project=ecosystem&disease_area=dental_oral");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json["topics"].Empty()) << none.body;
  EXPECT_EQ(Int(none.json["counts"], "topics"), 0) << none.body;
  EXPECT_EQ(Get("/api/pairing?months=60&today=2000-01-01&project=&disease_area=").body, Get("/api/pairing?months=60&today=2000-01-01").body)
      << "empty values (the UI's 'all') are no filter";
}

TEST_F(HttpTest, VocabularyLabels) {
  Answer a = Get("/api/vocab");
  ASSERT_EQ(a.status, 200) << a.body;
  for (const char* dim : {"type", "project", "disease_area", "modality", "stage", "rel"}) {
    ASSERT_TRUE(a.json[dim].IsArray()) << dim;
    EXPECT_GT(a.json[dim].Size(), 0u) << dim;
  }
  bool found = false;
  for (const auto& e : a.json["disease_area"].GetArray()) {
    if (std::string(e["code"].GetString()) == "cancer") found = std::string(e["ja"].GetString()) == "がん";
  }
  EXPECT_TRUE(found) << a.body;
}

// Each bad parameter of the officer endpoints gets a 400 naming it (or a 404
// for an unknown record), as JSON, never a 500.
TEST_F(HttpTest, OfficerEndpointsRejectBadParameters) {
  const std::string rec = "/api/records/paper:pmid:1001";
  const struct { std::string target; int status; const char* in_message; } rows[] = {
      {rec + "/graph?depth=0", 400, "depth"},
      {rec + "/graph?depth=4", 400, "depth"},
      {rec + "/graph?depth=two", 400, "depth"},
      {rec + "/graph?limit=0", 400, "limit"},
      {rec + "/graph?limit=1000000", 400, "limit"},
      {rec + "/graph?rel=fundedby", 400, "rel"},
      {rec + "/graph?depth=1&depth=2", 400, "more than once"},
      {rec + "/graph?dept=2", 400, "dept"},
      {rec + "/related?across=color", 400, "across"},
      {rec + "/related?limit=101", 400, "limit"},
      {rec + "/related?limit=-1", 400, "limit"},
      {rec + "/related?type=spaceship", 400, "type"},
      {rec + "/related?q=x", 400, "unknown parameter"},
      {"/api/records/paper:pmid:9999/related", 404, ""},
      {"/api/records/paper:pmid:9999/graph", 404, ""},
      {"/api/records/%ZZ/graph", 400, "percent-encoding"},
      {"/api/match", 400, "seed"},
      {"/api/match?seed=a:b&company=c:d", 400, "exactly one"},
      {"/api/match?seed=topic:amed:JP20ek0109001&limit=x", 400, "limit"},
      {"/api/match?seed=%FF", 400, "UTF-8"},
      {"/api/crosslinks?rows=colour", 400, "colour"},
      {"/api/crosslinks?rows=type&cols=type", 400, ""},
      {"/api/crosslinks?page=2", 400, "page"},
      {"/api/crosslinks?type=nonsense", 400, "type"},
      {"/api/crosslinks?q=" + std::string(2049, 'a'), 400, "q: longer"},
      {"/api/indicators?by=colour", 400, "by"},
      {"/api/indicators?by=year&by=project", 400, "more than once"},
      {"/api/indicators?year_from=x", 400, "year_from"},
      {"/api/vocab?lang=ja", 400, "lang"},
  };
  for (const auto& row : rows) {
    const std::string shown = row.target.substr(0, 70);
    Answer a = Get(row.target);
    EXPECT_EQ(a.status, row.status) << shown << ": " << a.body;
    ExpectJsonError(a, shown);
    if (a.json.IsObject() && a.json.HasMember("error")) {
      EXPECT_NE(std::string(a.json["error"]["message"].GetString()).find(row.in_message), std::string::npos)
          << shown << ": " << a.body;
    }
  }
}

TEST_F(HttpTest, IngestNeedsAnAdminToken) {
  const std::string line = R"({"id":"paper:pmid:5001","type":"paper","title":{"en":"New"}})";
  Answer none = Request("POST", "/api/records", "", line);
  EXPECT_EQ(none.status, 401);
  ExpectJsonError(none, "no token");
  Answer officer = Request("POST", "/api/records", "officer-token", line);
  EXPECT_EQ(officer.status, 403);
  ExpectJsonError(officer, "officer");
  EXPECT_EQ(Get("/api/records/paper:pmid:5001", "admin-token").status, 404) << "nothing was ingested";
  EXPECT_EQ(Request("GET", "/api/records").status, 405);
}

TEST_F(HttpTest, ServesTheWebUi) {
  Answer index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type.rfind("text/html", 0), 0u) << index.content_type;
  EXPECT_NE(index.body.find("app.js"), std::string::npos);
  Answer js = Get("/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type.rfind("text/javascript", 0), 0u) << js.content_type;
  EXPECT_EQ(Get("/style.css").content_type.rfind("text/css", 0), 0u);
  for (const char* escape : {"/../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2F..%2Fetc/passwd"}) {
    Answer a = Get(escape);
    EXPECT_GE(a.status, 400) << escape;
    EXPECT_LT(a.status, 500) << escape;
    EXPECT_EQ(a.body.find("root:"), std::string::npos) << escape;
  }
}

TEST_F(HttpTest, WritesOneAccessLogLinePerRequest) {
  Get("/api/health?marker=1");
  // The logger runs after the answer is written: give it a moment.
  for (int i = 0; i < 100 && harness_->log().find("marker=1 400") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(harness_->log().find("GET /api/health?marker=1 400 "), std::string::npos) << harness_->log();
}

TEST_F(HttpTest, ConcurrentRequestsAgree) {
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&failures, t] {
      for (int i = 0; i < 15; ++i) {
        Answer a = Get("/api/search?q=muscular", t % 2 ? "admin-token" : "");
        if (a.status != 200 || Int(a.json, "total") != (t % 2 ? 7 : 5)) ++failures;
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(failures.load(), 0);
}

// ---------------------------------------------------------------------------

TEST(TokenTableTest, BadLinesNameFileAndLine) {
  const struct { const char* text; const char* error; } rows[] = {
      {"a officer\nb\n", "tokens:2: expected \"TOKEN ROLE [USER]\""},
      {"a officer alice extra\n", "tokens:1: expected"},
      {"# c\n\na superuser\n", "tokens:3: unknown role"},
      {"a admin\na public\n", "tokens:2: token given more than once"},
  };
  for (const auto& row : rows) {
    auto t = TokenTable::Parse(row.text, "tokens");
    ASSERT_FALSE(t.ok()) << row.text;
    EXPECT_EQ(t.status().message().rfind(row.error, 0), 0u) << t.status().message();
  }
  auto ok = TokenTable::Parse("# only comments\n  \n x#1 admin # trailing\r\ny officer", "tokens");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->size(), 2u);
  Role role;
  std::string why;
  EXPECT_EQ(ok->Authenticate(true, "Bearer x#1", &role, &why), TokenTable::Auth::kOk);
  EXPECT_EQ(role, Role::kAdmin);
  // A third field names the token's user; without it a digest of the token
  // does (never the token itself).
  auto named = TokenTable::Parse("t1 officer alice\nt2 admin alice\nt3 officer\n", "tokens");
  ASSERT_TRUE(named.ok()) << named.status().message();
  std::string user;
  EXPECT_EQ(named->Authenticate(true, "Bearer t1", &role, &why, &user), TokenTable::Auth::kOk);
  EXPECT_EQ(user, "alice");
  EXPECT_EQ(named->Authenticate(true, "Bearer t3", &role, &why, &user), TokenTable::Auth::kOk);
  EXPECT_EQ(user.rfind("token-", 0), 0u) << user;
  EXPECT_EQ(user.find("t3"), std::string::npos) << user;
  EXPECT_TRUE(named->RoleOfUser("alice", &role));
  EXPECT_EQ(role, Role::kOfficer) << "the least of a user's roles";
  EXPECT_FALSE(named->RoleOfUser("mallory", &role));
}

TEST(ServerCreateTest, FailsEarlyOnBadConfig) {
  const std::string dir = TestPath("http_create");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/tokens") << "t1 admin\nt2 wizard\n";
  ServerOptions o;
  o.db_path = dir + "/no-such-index";
  auto missing_db = Server::Create(o);
  EXPECT_FALSE(missing_db.ok());

  o.tokens_file = dir + "/tokens";
  auto bad_tokens = Server::Create(o);
  ASSERT_FALSE(bad_tokens.ok());
  EXPECT_NE(bad_tokens.status().message().find(dir + "/tokens:2: unknown role"), std::string::npos)
      << bad_tokens.status().message();
  std::filesystem::remove_all(dir);
}

// A second server with tiny limits: cpp-httplib's own refusals get the same
// JSON error shape, and Stop() works before and after serving.
TEST_F(HttpTest, OwnLimitsAndStopAnyTime) {
  ServerOptions o;
  o.db_path = harness_->db_path();
  o.max_body_bytes = 64;
  o.threads = 1;
  o.ingest_db = harness_->dir();  // not an index directory: refused at start
  auto misdirected = Server::Create(o);
  ASSERT_FALSE(misdirected.ok());
  EXPECT_NE(misdirected.status().message().find("ingest_db"), std::string::npos) << misdirected.status().message();
  o.ingest_db.clear();
  auto early = Server::Create(o);
  ASSERT_TRUE(early.ok()) << early.status().message();
  early.value()->Stop();  // before serving: ListenAfterBind returns at once
  ASSERT_GT(early.value()->BindToAnyPort(), 0);
  EXPECT_TRUE(early.value()->ListenAfterBind().ok());

  auto server = Server::Create(o);
  ASSERT_TRUE(server.ok());
  const int port = server.value()->BindToAnyPort();
  std::thread serving([&] { server.value()->ListenAfterBind(); });
  httplib::Client cli("127.0.0.1", port);
  // Who may send a body is decided before its size (and before reading it):
  // no token, 401 (the admin's 413 is in hardening_test).
  auto r = cli.Post("/api/records", std::string(1000, 'x'), "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  rapidjson::Document d;
  d.Parse(r->body.c_str());
  ASSERT_TRUE(d.IsObject() && d.HasMember("error")) << r->body;
  EXPECT_STREQ(d["error"]["code"].GetString(), "unauthorized");
  EXPECT_EQ(cli.Get("/")->status, 404);  // no static_dir: no UI
  server.value()->Stop();
  serving.join();
  server.value()->Stop();  // twice is fine
}

// POST /api/records and `seedgraph index` are one pipeline: the same body
// as a file gives the same records and the same rejected lines (BOM, CR LF,
// blank lines, an over-long line, bad JSON, an invalid record).
TEST(HttpIngestTest, BodyAndFileFollowTheSameLineRules) {
  const std::string body = "\xEF\xBB\xBF{\"id\":\"paper:pmid:6001\",\"type\":\"paper\",\"title\":{\"en\":\"Sea urchin\"}}\r\n"
                           "  \t \r\n"
                           "{\"id\":\"paper:pmid:6002\",\"type\":\"papr\"}\n" +
                           std::string(9u << 20, 'x') + "\n" +
                           "{\"id\":\"paper:pmid:6003\",\"type\":\"paper\",\"title\":{\"en\":\"Urchin spines\"}}";
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_ingest_rules", kRecords, "admin-token admin\n"));
  Answer a = h.Request("POST", "/api/records", "admin-token", body);
  ASSERT_EQ(a.status, 200) << a.body.substr(0, 500);
  std::vector<int64_t> posted;
  for (const auto& r : a.json["rejected"].GetArray()) posted.push_back(Int(r, "line"));

  const std::string dir = TestPath("ingest_rules_file");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/body.jsonl", std::ios::binary) << body;
  std::ostringstream errors;
  IngestOptions file;
  file.import.files = {dir + "/body.jsonl"};
  file.index.db_path = dir + "/db";
  file.errors = &errors;
  auto stats = Ingest(file);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(Int(a.json, "ingested"), static_cast<int64_t>(stats->indexed));
  EXPECT_EQ(Int(a.json, "rejected_count"), static_cast<int64_t>(stats->rejected));
  std::vector<int64_t> filed;
  std::istringstream lines(errors.str());
  for (std::string line; std::getline(lines, line);) {
    const size_t colon = line.find(".jsonl:");
    if (colon != std::string::npos) filed.push_back(std::stoll(line.substr(colon + 7)));
  }
  EXPECT_EQ(posted, filed) << errors.str().substr(0, 500);
  EXPECT_EQ(posted, (std::vector<int64_t>{3, 4})) << "the bad record and the over-long line";
  EXPECT_EQ(stats->indexed, 2u);
  std::filesystem::remove_all(dir);
}

// Ingest on a server of its own: the shared fixture's counts stay put.
TEST(HttpIngestTest, IngestsGoodLinesAndReportsBadOnes) {
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_ingest", kRecords, "admin-token admin\npublic-token public\n"));
  EXPECT_EQ(h.Request("POST", "/api/records", "public-token", "").status, 403);

  const std::string body =
      "{\"id\":\"paper:pmid:5001\",\"type\":\"paper\",\"title\":{\"en\":\"Zebrafish fin regrowth\"}}\r\n"
      "\n"
      "{\"id\":\"paper:pmid:5002\",\"type\":\"paper\"}\n"
      "not json\n"
      "{\"id\":\"paper:pmid:5003\",\"type\":\"paper\",\"title\":{\"en\":\"Hidden fin\"},\"visibility\":\"internal\"}\n"
      "{\"id\":\"paper:pmid:5004\",\"type\":\"paper\",\"title\":{\"en\":\"\xff\"}}";
  Answer a = h.Request("POST", "/api/records", "admin-token", body);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(Int(a.json, "ingested"), 2);
  ASSERT_TRUE(a.json["rejected"].IsArray()) << a.body;
  ASSERT_EQ(a.json["rejected"].Size(), 3u) << a.body;
  const int64_t lines[] = {3, 4, 6};
  for (rapidjson::SizeType i = 0; i < 3; ++i) {
    EXPECT_EQ(Int(a.json["rejected"][i], "line"), lines[i]) << a.body;
    EXPECT_TRUE(a.json["rejected"][i]["error"].IsString());
  }
  // Searchable at once, and under the visibility it was ingested with.
  EXPECT_EQ(Int(h.Get("/api/search?q=fin").json, "total"), 1);
  EXPECT_EQ(Int(h.Get("/api/search?q=fin", "admin-token").json, "total"), 2);
  EXPECT_EQ(h.Get("/api/records/paper:pmid:5001").status, 200);

  // Ingesting again replaces.
  Answer again = h.Request("POST", "/api/records", "admin-token",
                           "{\"id\":\"paper:pmid:5001\",\"type\":\"paper\",\"title\":{\"en\":\"Renamed\"}}\n");
  EXPECT_EQ(Int(again.json, "ingested"), 1) << again.body;
  EXPECT_EQ(Int(h.Get("/api/search?q=fin").json, "total"), 0);
}

// True when `after` ("12.4", one number per part) is `before` with at least
// one part's number larger and none smaller.
bool RevisionMovedOn(const std::string& before, const std::string& after) {
  std::istringstream a(before), b(after);
  bool larger = false;
  for (std::string x, y; std::getline(a, x, '.');) {
    if (!std::getline(b, y, '.')) return false;
    const unsigned long long from = std::stoull(x), to = std::stoull(y);
    if (to < from) return false;
    larger = larger || to > from;
  }
  std::string rest;
  return larger && !std::getline(b, rest, '.');
}

// Every answer read from the index names its revision (Seedgraph-Revision;
// /api/vocab reads none); a commit moves
// it on, and every endpoint of one revision says the same number.
TEST(HttpIngestTest, AnswersNameTheirRevision) {
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_revision", kRecords, "admin-token admin\n"));
  const Answer before = h.Get("/api/health");
  ASSERT_FALSE(before.revision.empty());
  for (const char* c : {"/api/search?q=muscular", "/api/records/paper:pmid:1001", "/api/indicators", "/api/crosslinks?rows=type&cols=stage"}) {
    EXPECT_EQ(h.Get(c).revision, before.revision) << c;
  }
  EXPECT_EQ(h.Get("/api/records/paper:pmid:424242").revision, before.revision) << "a 404 read the index too";
  ASSERT_EQ(h.Request("POST", "/api/records", "admin-token",
                      "{\"id\":\"paper:pmid:5101\",\"type\":\"paper\",\"title\":{\"en\":\"Revision test\"}}\n").status,
            200);
  const Answer after = h.Get("/api/search?q=revision");
  ASSERT_FALSE(after.revision.empty());
  EXPECT_TRUE(RevisionMovedOn(before.revision, after.revision)) << before.revision << " -> " << after.revision;
  EXPECT_EQ(Int(after.json, "total"), 1);
}

// Another writer (here: an Indexer in this process) holds the lock: 503,
// JSON, and the server goes on serving reads.
TEST(HttpIngestTest, LockedIndexIs503) {
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_ingest_lock", kRecords, "admin-token admin\n"));
  IndexerOptions o;
  o.db_path = h.db_path();
  auto writer = Indexer::Open(o);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  Answer a = h.Request("POST", "/api/records", "admin-token",
                       "{\"id\":\"paper:pmid:5001\",\"type\":\"paper\",\"title\":{\"en\":\"x\"}}\n");
  EXPECT_EQ(a.status, 503) << a.body;
  ExpectJsonError(a, "locked");
  EXPECT_EQ(h.Get("/api/health").status, 200);
  writer.value().reset();
  EXPECT_EQ(h.Request("POST", "/api/records", "admin-token",
                      "{\"id\":\"paper:pmid:5001\",\"type\":\"paper\",\"title\":{\"en\":\"x\"}}\n")
                .status,
            200);
}

}  // namespace
}  // namespace seedgraph

namespace seedgraph {
namespace {

// POST /api/records derives missing codes with the tag dictionary, as
// `seedgraph index` does; a bad dictionary stops the server at startup.
TEST(HttpIngest, PostedRecordsAreTaggedLikeIndexedOnes) {
  ServerHarness harness;
  ServerOptions options;
  options.tag_dictionary = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
  ASSERT_NO_FATAL_FAILURE(harness.Start(
      "http_ingest_tags", R"({"id":"disease:test:1","type":"disease","title":{"en":"x"}})" "\n", "adm admin\n", options));
  httplib::Client cli("127.0.0.1", harness.port());
  httplib::Headers auth = {{"Authorization", "Bearer adm"}};
  auto r = cli.Post("/api/records", auth,
                    R"({"id":"paper:test:glioma","type":"paper","title":{"en":"Antibody therapy for glioma"}})" "\n",
                    "application/x-ndjson");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto got = cli.Get("/api/records/paper:test:glioma", auth);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200);
  rapidjson::Document d;
  d.Parse(got->body.c_str());
  ASSERT_TRUE(d.IsObject() && d.HasMember("disease_areas")) << got->body;
  EXPECT_STREQ(d["disease_areas"][0].GetString(), "cancer") << got->body;
  EXPECT_NE(got->body.find("derived_tags"), std::string::npos);

  ServerOptions bad;
  bad.db_path = harness.db_path();
  bad.tag_dictionary = "/nonexistent/tags.tsv";
  EXPECT_FALSE(Server::Create(bad).ok());
}

}  // namespace
}  // namespace seedgraph
