// End to end over HTTP: a small index with public, internal and restricted
// records, the real server on a loopback port, and httplib::Client.
#include <gtest/gtest.h>

#include "tests/test_util.h"
#include <httplib.h>
#include <rapidjson/document.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "indexer/ingest.h"
#include "web/server.h"
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

struct Answer {
  int status = 0;
  std::string content_type;
  std::string body;
  rapidjson::Document json;
};

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(TestPath("http_test"));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    std::ofstream(*dir_ + "/records.jsonl") << kRecords;
    std::ofstream(*dir_ + "/tokens") << kTokens;

    std::ostringstream errors;
    IngestOptions ingest;
    ingest.import.files = {*dir_ + "/records.jsonl"};
    ingest.index.db_path = *dir_ + "/db";
    ingest.errors = &errors;
    auto stats = Ingest(ingest);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    ASSERT_EQ(stats->rejected, 0u) << errors.str();
    ASSERT_EQ(stats->indexed, 7u);

    log_ = new std::ostringstream;
    ServerOptions options;
    options.db_path = *dir_ + "/db";
    options.tokens_file = *dir_ + "/tokens";
    options.static_dir = std::string(SEEDGRAPH_SOURCE_DIR) + "/web/static";
    options.threads = 4;
    options.access_log = log_;
    auto server = Server::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = server.value().release();
    port_ = server_->BindToAnyPort();
    ASSERT_GT(port_, 0);
    thread_ = new std::thread([] { server_->ListenAfterBind(); });
  }

  static void TearDownTestSuite() {
    if (server_ != nullptr) server_->Stop();
    if (thread_ != nullptr) thread_->join();
    delete thread_;
    delete server_;
    delete log_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  // `target` goes on the wire as given: the tests choose every byte.
  static Answer Request(const std::string& method, const std::string& target, const std::string& token = "") {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_url_encode(false);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result r = method == "POST" ? cli.Post(target.c_str(), headers, "{}", "application/x-ndjson")
                                         : cli.Get(target.c_str(), headers);
    Answer a;
    if (!r) {
      ADD_FAILURE() << "no answer for " << target << ": " << httplib::to_string(r.error());
      return a;
    }
    a.status = r->status;
    a.content_type = r->get_header_value("Content-Type");
    a.body = r->body;
    a.json.Parse(a.body.c_str(), a.body.size());
    return a;
  }
  static Answer Get(const std::string& target, const std::string& token = "") {
    return Request("GET", target, token);
  }

  static int64_t Int(const rapidjson::Value& v, const char* key) {
    return v.IsObject() && v.HasMember(key) && v[key].IsInt64() ? v[key].GetInt64() : -1;
  }
  static int64_t FacetCount(const Answer& a, const char* facet, const char* value) {
    if (!a.json.IsObject() || !a.json.HasMember("facets")) return -1;
    const auto& f = a.json["facets"];
    if (!f.HasMember(facet)) return 0;
    return f[facet].HasMember(value) ? f[facet][value].GetInt64() : 0;
  }
  static std::vector<std::string> HitIds(const Answer& a) {
    std::vector<std::string> ids;
    if (!a.json.IsObject() || !a.json.HasMember("hits")) return ids;
    for (const auto& h : a.json["hits"].GetArray()) ids.push_back(h["id"].GetString());
    return ids;
  }
  // The shape every error must have, whoever produced it.
  static void ExpectJsonError(const Answer& a, const std::string& what) {
    ASSERT_TRUE(a.json.IsObject()) << what << ": not JSON: " << a.body;
    ASSERT_TRUE(a.json.HasMember("error")) << what << ": " << a.body;
    EXPECT_TRUE(a.json["error"]["code"].IsString()) << what;
    EXPECT_TRUE(a.json["error"]["message"].IsString()) << what;
    EXPECT_EQ(a.content_type.rfind("application/json", 0), 0u) << what << ": " << a.content_type;
  }

  static std::string* dir_;
  static std::ostringstream* log_;
  static Server* server_;
  static std::thread* thread_;
  static int port_;
};

std::string* HttpTest::dir_ = nullptr;
std::ostringstream* HttpTest::log_ = nullptr;
Server* HttpTest::server_ = nullptr;
std::thread* HttpTest::thread_ = nullptr;
int HttpTest::port_ = 0;

TEST_F(HttpTest, HealthCountsWhatTheRoleMaySee) {
  const struct { const char* token; int64_t records; } rows[] = {
      {"", 5}, {"officer-token", 6}, {"admin-token", 7}};
  for (const auto& row : rows) {
    Answer a = Get("/api/health", row.token);
    EXPECT_EQ(a.status, 200) << row.token;
    EXPECT_STREQ(a.json["status"].GetString(), "ok");
    EXPECT_EQ(Int(a.json, "records"), row.records) << "token " << row.token;
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

TEST_F(HttpTest, NotYetImplementedEndpointsAre501) {
  for (const char* target : {"/api/records/paper:pmid:1001/related", "/api/records/paper:pmid:1001/graph?depth=2",
                             "/api/match?seed=topic:amed:JP20ek0109001", "/api/crosslinks?rows=type&cols=year",
                             "/api/indicators?by=project"}) {
    Answer a = Get(target);
    EXPECT_EQ(a.status, 501) << target;
    ExpectJsonError(a, target);
    EXPECT_STREQ(a.json["error"]["code"].GetString(), "not_implemented");
  }
  Answer post = Request("POST", "/api/records", "admin-token");
  EXPECT_EQ(post.status, 501);
  ExpectJsonError(post, "POST /api/records");
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
  for (int i = 0; i < 100 && log_->str().find("marker=1 400") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(log_->str().find("GET /api/health?marker=1 400 "), std::string::npos) << log_->str();
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
      {"a officer\nb\n", "tokens:2: expected \"TOKEN ROLE\""},
      {"a officer extra\n", "tokens:1: expected"},
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
  o.db_path = *dir_ + "/db";
  o.max_body_bytes = 64;
  o.threads = 1;
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
  auto r = cli.Post("/api/records", std::string(1000, 'x'), "application/x-ndjson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  rapidjson::Document d;
  d.Parse(r->body.c_str());
  ASSERT_TRUE(d.IsObject() && d.HasMember("error")) << r->body;
  EXPECT_STREQ(d["error"]["code"].GetString(), "payload_too_large");
  EXPECT_EQ(cli.Get("/")->status, 404);  // no static_dir: no UI
  server.value()->Stop();
  serving.join();
  server.value()->Stop();  // twice is fine
}

}  // namespace
}  // namespace seedgraph
