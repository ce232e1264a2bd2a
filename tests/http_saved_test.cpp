// Saved searches, watches and change alerts (issue 14) through the HTTP API:
// an officer saves a search and watches a seed, a new patent linked to the
// seed is ingested, and the alert shows in JSON and in the Atom feed; one
// user never sees or touches another's items; bad input is a clear 4xx and
// loses nothing; the state file outlives the server.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/http_util.h"

namespace seedgraph {
namespace {

const char kRecords[] = R"JSONL(
{"id":"topic:amed:JP20qk0001","type":"topic","title":{"ja":"クオッカの再生医療","en":"Regenerative medicine in quokkas"},"date":"2020-04-01","project":"regen_gene"}
{"id":"paper:pmid:8100001","type":"paper","title":{"en":"Quokka stem cells"},"date":"2021","links":[{"rel":"funded_by","to":"topic:amed:JP20qk0001"}]}
{"id":"paper:pmid:8100002","type":"paper","title":{"en":"Wombat stem cells"},"date":"2021"}
{"id":"topic:amed:JP20qk0009","type":"topic","title":{"en":"Secret quokka topic"},"visibility":"restricted"}
)JSONL";

const char kTokens[] = "alice-token officer alice\nbob-token officer bob\nadmin-token admin\n";

const char kPatent[] =
    R"({"id":"patent:JP2024000001","type":"patent","title":{"ja":"クオッカ細胞の培養法","en":"Culture of quokka cells"},)"
    R"("date":"2024-01-10","links":[{"rel":"funded_by","to":"topic:amed:JP20qk0001"}]})"
    "\n";

class HttpSavedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = TestPath("saved_state") + ".sqlite";
    std::filesystem::remove(state_);
    ServerOptions options;
    options.state_file = state_;
    ASSERT_NO_FATAL_FAILURE(h_.Start("http_saved", kRecords, kTokens, options));
  }
  void TearDown() override {
    h_.Stop();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(state_ + ext);
  }
  Answer Post(const std::string& target, const std::string& body, const std::string& token = "alice-token") {
    return h_.Request("POST", target, token, body);
  }
  Answer Alerts(const std::string& token = "alice-token") { return h_.Get("/api/alerts", token); }
  // The "changed" count of the item named `name` in an alerts answer.
  static int Changed(const Answer& a, const std::string& name) {
    if (!a.json.IsObject() || !a.json.HasMember("items")) return -1;
    for (const auto& item : a.json["items"].GetArray()) {
      if (item["name"].GetString() == name) return static_cast<int>(item["changed"].GetUint64());
    }
    return -1;
  }
  std::string state_;
  ServerHarness h_;
};

TEST_F(HttpSavedTest, ANewPatentLinkedToAWatchedSeedIsAnAlert) {
  const Answer search = Post("/api/saved", R"({"kind":"search","name":"クオッカ","query":"q=quokka"})");
  ASSERT_EQ(search.status, 201) << search.body;
  const Answer watch = Post("/api/saved", R"({"kind":"watch","record":"topic:amed:JP20qk0001"})");
  ASSERT_EQ(watch.status, 201) << watch.body;
  EXPECT_EQ(std::string(watch.json["name"].GetString()), "クオッカの再生医療") << "a watch is named after its record";
  Answer before = Alerts();
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json["unread"].GetUint64(), 0u) << "what was there when saving is seen";

  ASSERT_EQ(Post("/api/records", kPatent, "admin-token").status, 200);
  // A hidden record linking to the seed is no alert for an officer.
  ASSERT_EQ(Post("/api/records",
                 R"({"id":"paper:pmid:8199999","type":"paper","title":{"en":"Quokka secret"},"visibility":"restricted",)"
                 R"("links":[{"rel":"funded_by","to":"topic:amed:JP20qk0001"}]})"
                 "\n",
                 "admin-token")
                .status,
            200);
  const Answer after = Alerts();
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(Changed(after, "クオッカ"), 1) << after.body;
  EXPECT_EQ(Changed(after, "クオッカの再生医療"), 1) << after.body;
  EXPECT_EQ(after.json["unread"].GetUint64(), 2u);
  EXPECT_NE(after.body.find("patent:JP2024000001"), std::string::npos);
  EXPECT_NE(after.body.find("\"rel\":\"funded_by\""), std::string::npos) << after.body;
  EXPECT_EQ(after.body.find("8199999"), std::string::npos) << "an alert named a restricted record";

  const Answer atom = h_.Get("/api/alerts.atom", "alice-token");
  ASSERT_EQ(atom.status, 200) << atom.body;
  EXPECT_EQ(atom.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_NE(atom.body.find("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), std::string::npos);
  EXPECT_NE(atom.body.find("クオッカ細胞の培養法"), std::string::npos) << atom.body;
  EXPECT_EQ(atom.body.find("8199999"), std::string::npos);

  // Seen: nothing unread; the same patent again changes nothing; a changed
  // one is an alert again.
  ASSERT_EQ(Post("/api/alerts/seen", "{}").status, 200);
  EXPECT_EQ(Alerts().json["unread"].GetUint64(), 0u);
  ASSERT_EQ(Post("/api/records", kPatent, "admin-token").status, 200);
  EXPECT_EQ(Alerts().json["unread"].GetUint64(), 0u) << "an unchanged record ingested again is no change";
  std::string changed = kPatent;
  changed.replace(changed.find("Culture of"), 10, "Growing of");
  ASSERT_EQ(Post("/api/records", changed, "admin-token").status, 200);
  EXPECT_EQ(Alerts().json["unread"].GetUint64(), 2u);
  // Bob follows nothing.
  EXPECT_EQ(Alerts("bob-token").json["unread"].GetUint64(), 0u);
}

TEST_F(HttpSavedTest, OneUserNeverSeesOrTouchesAnothersItems) {
  const Answer mine = Post("/api/saved", R"({"kind":"search","name":"mine","query":"q=stem&type=paper"})");
  ASSERT_EQ(mine.status, 201) << mine.body;
  const std::string id = std::to_string(mine.json["id"].GetInt64());
  const Answer bobs = h_.Get("/api/saved", "bob-token");
  ASSERT_EQ(bobs.status, 200);
  EXPECT_EQ(bobs.json["items"].Size(), 0u);
  EXPECT_EQ(h_.Request("DELETE", "/api/saved/" + id, "bob-token", "").status, 404);
  EXPECT_EQ(h_.Request("PATCH", "/api/saved/" + id, "bob-token", R"({"name":"stolen"})").status, 404);
  EXPECT_EQ(h_.Request("PATCH", "/api/saved/" + id, "alice-token", R"({"name":"幹細胞の論文"})").status, 200);
  const Answer list = h_.Get("/api/saved", "alice-token");
  ASSERT_EQ(list.json["items"].Size(), 1u);
  EXPECT_EQ(std::string(list.json["items"][0]["name"].GetString()), "幹細胞の論文");
  EXPECT_EQ(h_.Request("DELETE", "/api/saved/" + id, "alice-token", "").status, 200);
  EXPECT_EQ(h_.Get("/api/saved", "alice-token").json["items"].Size(), 0u);
}

TEST_F(HttpSavedTest, BadInputIsAClear4xxAndLosesNothing) {
  ASSERT_EQ(Post("/api/saved", R"({"kind":"search","name":"kept","query":"q=quokka"})").status, 201);
  struct Case {
    std::string method, target, token, body;
    int status;
  };
  const Case cases[] = {
      {"GET", "/api/saved", "", "", 401},
      {"POST", "/api/saved", "", R"({"kind":"search","name":"x","query":"q=a"})", 401},
      {"POST", "/api/saved", "alice-token", "not json", 400},
      {"POST", "/api/saved", "alice-token", R"({"kind":"folder","name":"x"})", 400},
      {"POST", "/api/saved", "alice-token", "{\"kind\":\"search\",\"name\":\"bad\\u0007name\",\"query\":\"q=a\"}", 400},
      {"POST", "/api/saved", "alice-token", R"({"kind":"search","name":"","query":"q=a"})", 400},
      {"POST", "/api/saved", "alice-token", R"({"kind":"search","name":"x","query":"q=a&frobnicate=1"})", 400},
      {"POST", "/api/saved", "alice-token", R"({"kind":"search","name":"x","query":"type=nonsense"})", 400},
      {"POST", "/api/saved", "alice-token", R"({"kind":"watch","record":"topic:amed:JP20qk0009"})", 404},
      {"POST", "/api/saved", "alice-token", R"({"kind":"watch","record":"topic:amed:nosuch"})", 404},
      {"POST", "/api/saved", "alice-token", std::string(100 * 1024, ' ') + "{}", 413},
      {"PATCH", "/api/saved/abc", "alice-token", R"({"name":"x"})", 404},
      {"PATCH", "/api/saved/999", "alice-token", R"({"name":"x"})", 404},
      {"DELETE", "/api/saved/999", "alice-token", "", 404},
      {"GET", "/api/alerts", "wrong-token", "", 401},
  };
  for (const Case& c : cases) {
    const Answer a = c.method == "GET" ? h_.Get(c.target, c.token) : h_.Request(c.method, c.target, c.token, c.body);
    EXPECT_EQ(a.status, c.status) << c.method << " " << c.target << " " << c.body.substr(0, 80) << ": " << a.body;
    ExpectJsonError(a, c.method + " " + c.target);
  }
  const Answer list = h_.Get("/api/saved", "alice-token");
  ASSERT_EQ(list.json["items"].Size(), 1u) << list.body;
  EXPECT_EQ(std::string(list.json["items"][0]["name"].GetString()), "kept");
}

TEST_F(HttpSavedTest, TheStateFileOutlivesTheServer) {
  ASSERT_EQ(Post("/api/saved", R"({"kind":"watch","record":"topic:amed:JP20qk0001","name":"seed"})").status, 201);
  h_.Stop();
  ServerOptions options;
  options.state_file = state_;
  ASSERT_NO_FATAL_FAILURE(h_.Start("http_saved", kRecords, kTokens, options));
  const Answer list = h_.Get("/api/saved", "alice-token");
  ASSERT_EQ(list.json["items"].Size(), 1u) << list.body;
  EXPECT_EQ(std::string(list.json["items"][0]["record"].GetString()), "topic:amed:JP20qk0001");
}

// Ingest stamps do not run ahead of the clock in a bulk load: a record
// posted right after 5,000 were indexed is still newer than all of them (at
// one millisecond a record, the load ran 5 s ahead and hid the new one).
TEST(HttpSavedBulk, ARecordRightAfterABulkLoadIsNew) {
  std::string records;
  for (int i = 0; i < 5000; ++i) {
    records += R"({"id":"paper:pmid:)" + std::to_string(8200000 + i) + R"(","type":"paper","title":{"en":"Bulk wombat )" +
               std::to_string(i) + "\"}}\n";
  }
  const std::string state = TestPath("saved_bulk") + ".sqlite";
  std::filesystem::remove(state);
  ServerOptions options;
  options.state_file = state;
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_saved_bulk", records, kTokens, options));
  ASSERT_EQ(h.Request("POST", "/api/saved", "alice-token", R"({"kind":"search","name":"w","query":"q=wombat"})").status, 201);
  ASSERT_EQ(h.Request("POST", "/api/records", "admin-token",
                      R"({"id":"paper:pmid:8299999","type":"paper","title":{"en":"Fresh wombat"}})" "\n").status,
            200);
  const Answer a = h.Get("/api/alerts", "alice-token");
  EXPECT_EQ(a.json["unread"].GetUint64(), 1u) << a.body;
  h.Stop();
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(state + ext);
}

TEST(HttpSavedNoState, ServerWithoutAStateFileSays503) {
  ServerHarness h;
  ASSERT_NO_FATAL_FAILURE(h.Start("http_nostate", kRecords, kTokens));
  const Answer a = h.Get("/api/saved", "alice-token");
  EXPECT_EQ(a.status, 503) << a.body;
  EXPECT_NE(a.body.find("--state"), std::string::npos) << a.body;
}

}  // namespace
}  // namespace seedgraph
