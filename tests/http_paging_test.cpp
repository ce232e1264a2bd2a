// Cursor paging of /api/search and export (issue 14): every match reachable
// once, the pages of one cursor chain read from one revision while records
// are ingested, bad cursors a clear 400, a revision no longer kept a 410;
// GET /api/export streams every visible match as CSV (BOM, RFC 4180) or
// JSON Lines.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "query/store.h"
#include "tests/http_util.h"

namespace seedgraph {
namespace {

const char kTokens[] = "admin-token admin\n";
constexpr int kMatches = 130;

// `n` papers about "quokka", numbered from `from`.
std::string Papers(int from, int n) {
  std::ostringstream out;
  for (int i = from; i < from + n; ++i) {
    out << R"({"id":"paper:pmid:)" << 7000000 + i << R"(","type":"paper","title":{"ja":"クオッカの研究 )" << i
        << R"(","en":"Quokka study )" << i << (i == 7 ? R"(, \"the\" seventh)" : "") << R"("},"text":{"en":")"
        << std::string(static_cast<size_t>(1 + i % 5), 'q') << " quokka"
        << R"("},"date":")" << 2000 + i % 20 << R"("})" << "\n";
  }
  return out.str();
}

std::string NextCursor(const Answer& a) {
  return a.json.IsObject() && a.json.HasMember("next_cursor") ? a.json["next_cursor"].GetString() : "";
}

// Every page of `base` by cursor (at most 100 pages); *revisions gets the
// revision of each.
std::vector<std::string> AllByCursor(const ServerHarness& h, const std::string& base, std::set<std::string>* revisions,
                                     const std::string& between = "") {
  std::vector<std::string> ids;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    const Answer a = h.Get(base + (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(a.status, 200) << a.body;
    if (a.status != 200) break;
    revisions->insert(a.revision);
    for (const std::string& id : Ids(a)) ids.push_back(id);
    cursor = NextCursor(a);
    if (cursor.empty()) break;
    if (page == 0 && !between.empty()) {
      EXPECT_EQ(h.Request("POST", "/api/records", "admin-token", between).status, 200);
    }
  }
  return ids;
}

// One internal quokka paper besides the public ones: no export may show it
// to an anonymous caller.
const char kInternal[] =
    R"({"id":"paper:pmid:7999999","type":"paper","title":{"en":"Quokka internal"},"visibility":"internal"})"
    "\n";

class HttpPagingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(h_.Start("http_paging", Papers(0, kMatches) + kInternal, kTokens));
  }
  ServerHarness h_;
};

// The rows of a CSV body (RFC 4180: quoted fields may hold commas, quotes
// and line breaks).
std::vector<std::vector<std::string>> CsvRows(const std::string& body) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (quoted) {
      if (c == '"' && i + 1 < body.size() && body[i + 1] == '"') field += body[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST_F(HttpPagingTest, ExportStreamsEveryVisibleMatchAsCsvAndJsonl) {
  const Answer csv = h_.Get("/api/export?q=quokka&format=csv&bom=1");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  ASSERT_EQ(csv.body.compare(0, 3, "\xEF\xBB\xBF"), 0) << "no UTF-8 BOM";
  const auto rows = CsvRows(csv.body.substr(3));
  ASSERT_EQ(rows.size(), static_cast<size_t>(kMatches) + 1);
  EXPECT_EQ(rows[0].at(0), "id");
  std::set<std::string> ids;
  bool quoted_title = false, japanese = false;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size()) << i;
    ids.insert(rows[i][0]);
    quoted_title = quoted_title || rows[i][3] == "Quokka study 7, \"the\" seventh";
    japanese = japanese || rows[i][2] == "クオッカの研究 7";
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kMatches));
  EXPECT_EQ(ids.count("paper:pmid:7999999"), 0u) << "an internal record in an anonymous export";
  EXPECT_TRUE(quoted_title) << "a title with a comma and quotes did not come back whole";
  EXPECT_TRUE(japanese);
  EXPECT_FALSE(csv.revision.empty());

  const Answer jsonl = h_.Get("/api/export?q=quokka&format=jsonl", "admin-token");
  ASSERT_EQ(jsonl.status, 200) << jsonl.body;
  std::istringstream lines(jsonl.body);
  size_t n = 0;
  bool internal = false;
  for (std::string line; std::getline(lines, line); ++n) {
    rapidjson::Document d;
    d.Parse(line.c_str(), line.size());
    ASSERT_TRUE(d.IsObject() && d.HasMember("id")) << line;
    internal = internal || std::string(d["id"].GetString()) == "paper:pmid:7999999";
  }
  EXPECT_EQ(n, static_cast<size_t>(kMatches) + 1);
  EXPECT_TRUE(internal) << "the admin's export lacks the internal record";
  // Filters apply; no match is a header alone.
  const Answer none = h_.Get("/api/export?q=quokka&type=patent");
  EXPECT_EQ(none.status, 200);
  EXPECT_EQ(CsvRows(none.body).size(), 1u) << none.body;
}

TEST_F(HttpPagingTest, ExportRefusesBadParametersAsJson) {
  for (const char* target : {"/api/export?format=xml", "/api/export?bom=2", "/api/export?format=jsonl&bom=1",
                             "/api/export?page=2", "/api/export?type=nonsense", "/api/export?sort=sideways"}) {
    const Answer a = h_.Get(target);
    EXPECT_EQ(a.status, 400) << target << ": " << a.body;
    ExpectJsonError(a, target);
  }
}

TEST_F(HttpPagingTest, CursorReachesEveryMatchOnceInPageOrder) {
  for (const char* sort : {"relevance", "-date"}) {
    const std::string base = std::string("/api/search?q=quokka&per_page=20&sort=") + sort;
    std::set<std::string> revisions;
    const std::vector<std::string> ids = AllByCursor(h_, base, &revisions);
    EXPECT_EQ(ids.size(), static_cast<size_t>(kMatches)) << sort;
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << sort << ": a match came twice";
    EXPECT_EQ(revisions.size(), 1u) << sort;
    // The same order as page=1..7.
    std::vector<std::string> paged;
    for (int page = 1; page <= 7; ++page) {
      for (const std::string& id : Ids(h_.Get(base + "&page=" + std::to_string(page)))) paged.push_back(id);
    }
    EXPECT_EQ(ids, paged) << sort;
  }
  // The last page says there is no next one.
  const Answer last = h_.Get("/api/search?q=quokka&per_page=100&page=2");
  EXPECT_EQ(Ids(last).size(), static_cast<size_t>(kMatches - 100));
  EXPECT_EQ(NextCursor(last), "");
}

// Records ingested after the first page change none of the later pages:
// they come from the first page's revision; a fresh search sees the new ones.
TEST_F(HttpPagingTest, PagesStayOnTheirRevisionWhileRecordsAreIngested) {
  std::set<std::string> revisions;
  const std::vector<std::string> ids =
      AllByCursor(h_, "/api/search?q=quokka&per_page=25", &revisions, Papers(kMatches, 40));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kMatches));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  for (const std::string& id : ids) EXPECT_LT(id, "paper:pmid:7000" + std::to_string(kMatches)) << id;
  EXPECT_EQ(revisions.size(), 1u) << "a page of the chain came from another revision";
  const Answer fresh = h_.Get("/api/search?q=quokka&per_page=1");
  EXPECT_EQ(fresh.json["total"].GetUint64(), static_cast<uint64_t>(kMatches + 40));
  EXPECT_NE(fresh.revision, *revisions.begin());
}

// Ranked lists page by cursor too: the related seeds of one quokka paper,
// 10 at a time, are the list asked for 100 at once, none twice, and the
// page where the list ends has no next_cursor.
TEST_F(HttpPagingTest, RelatedPagesByCursor) {
  const std::string base = "/api/records/paper:pmid:7000003/related?limit=10";
  const Answer whole = h_.Get("/api/records/paper:pmid:7000003/related?limit=100");
  ASSERT_EQ(whole.status, 200) << whole.body;
  const std::vector<std::string> expected = Ids(whole);
  ASSERT_GT(expected.size(), 10u);
  ASSERT_LT(expected.size(), 100u);
  std::vector<std::string> paged;
  std::string cursor, last;
  for (int page = 0; page < 10; ++page) {
    const Answer a = h_.Get(base + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(a.status, 200) << a.body;
    for (const std::string& id : Ids(a)) paged.push_back(id);
    cursor = NextCursor(a);
    if (cursor.empty()) break;
    last = cursor;
  }
  EXPECT_EQ(paged, expected);
  EXPECT_TRUE(cursor.empty()) << "the list did not end";
  EXPECT_EQ(h_.Get(base + "&type=topic&cursor=" + last).status, 400) << "a cursor of another request";
}

TEST_F(HttpPagingTest, BadCursorsAreClear400s) {
  const std::string cursor = NextCursor(h_.Get("/api/search?q=quokka&per_page=10"));
  ASSERT_FALSE(cursor.empty());
  std::string changed = cursor;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  const std::string bad[] = {
      "/api/search?q=quokka&per_page=10&cursor=" + changed,                       // a byte changed
      "/api/search?q=quokka&per_page=10&cursor=" + cursor.substr(0, cursor.size() - 3),  // cut short
      "/api/search?q=quokka&per_page=10&cursor=nonsense",
      "/api/search?q=quokka&per_page=10&cursor=" + std::string(600, 'A'),
      "/api/search?q=wombat&per_page=10&cursor=" + cursor,                        // another query
      "/api/search?q=quokka&sort=date&per_page=10&cursor=" + cursor,              // another order
      "/api/search?q=quokka&type=patent&per_page=10&cursor=" + cursor,            // another filter
      "/api/search?q=quokka&per_page=10&cursor=" + cursor + "&cursor=" + cursor,  // twice
  };
  for (const std::string& target : bad) {
    const Answer a = h_.Get(target);
    EXPECT_EQ(a.status, 400) << target.substr(0, 120) << ": " << a.body;
    ExpectJsonError(a, target.substr(0, 120));
    EXPECT_NE(a.body.find("cursor"), std::string::npos) << a.body;
  }
  // per_page may change along the chain: the cursor says where, not how many.
  const Answer wider = h_.Get("/api/search?q=quokka&per_page=50&cursor=" + cursor);
  EXPECT_EQ(wider.status, 200) << wider.body;
  EXPECT_EQ(Ids(wider).size(), 50u);
}

// The server keeps views at the DatabasePool::kPinnedRevisions newest
// revisions a cursor was given at; a cursor of an older one is 410.
TEST_F(HttpPagingTest, CursorOfARevisionNoLongerKeptIs410) {
  std::vector<std::string> cursors;
  for (size_t i = 0; i <= DatabasePool::kPinnedRevisions; ++i) {
    cursors.push_back(NextCursor(h_.Get("/api/search?q=quokka&per_page=10")));
    ASSERT_FALSE(cursors.back().empty());
    ASSERT_EQ(h_.Request("POST", "/api/records", "admin-token", Papers(1000 + static_cast<int>(i), 1)).status, 200);
  }
  const Answer gone = h_.Get("/api/search?q=quokka&per_page=10&cursor=" + cursors.front());
  EXPECT_EQ(gone.status, 410) << gone.body;
  ExpectJsonError(gone, "expired cursor");
  EXPECT_NE(gone.body.find("start again from the first page"), std::string::npos) << gone.body;
  // The newest kept one still pages, on its own revision: 10 records further.
  const Answer kept = h_.Get("/api/search?q=quokka&per_page=10&cursor=" + cursors.back());
  EXPECT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.json["total"].GetUint64(), static_cast<uint64_t>(kMatches) + DatabasePool::kPinnedRevisions);
}

// `n` topics handed over to one company (licensed_to), the last internal.
std::string Handovers(int n) {
  std::ostringstream out;
  out << R"({"id":"company:name:wallabyco","type":"company","title":{"en":"Wallaby Pharma"}})" << "\n";
  for (int i = 0; i < n; ++i) {
    out << R"({"id":"topic:kaken:W)" << 100 + i << R"(","type":"topic","title":{"ja":"ワラビー療法 )" << i
        << R"(","en":"Wallaby therapy )" << i << R"("},"links":[{"rel":"licensed_to","to":"company:name:wallabyco"}])"
        << (i == n - 1 ? R"(,"visibility":"internal")" : "") << "}\n";
  }
  return out.str();
}

// The records behind an indicator count page by cursor, with titles, every
// one once; the caller sees only what it may.
TEST_F(HttpPagingTest, IndicatorDrillDownPagesByCursor) {
  constexpr int kTopics = 26;
  ASSERT_EQ(h_.Request("POST", "/api/records", "admin-token", Handovers(kTopics)).status, 200);
  const Answer table = h_.Get("/api/indicators?by=project");
  ASSERT_EQ(table.status, 200) << table.body;
  ASSERT_EQ(table.json["total"]["licensed_to"]["count"].GetUint64(), static_cast<uint64_t>(kTopics - 1));
  const std::string base = "/api/indicators?by=project&drill=licensed_to&key=total&per_page=10";
  std::vector<std::string> ids;
  std::string cursor, last;
  int pages = 0;
  for (; pages < 10; ++pages) {
    const Answer a = h_.Get(base + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.json["count"].GetUint64(), static_cast<uint64_t>(kTopics - 1));
    EXPECT_EQ(a.json["records"].GetUint64(), static_cast<uint64_t>(kTopics - 1));
    EXPECT_EQ(a.json["first"].GetUint64(), ids.size());
    for (const auto& hit : a.json["hits"].GetArray()) {
      ids.push_back(hit["id"].GetString());
      EXPECT_NE(std::string(hit["title"]["en"].GetString()).find("Wallaby therapy"), std::string::npos);
    }
    cursor = NextCursor(a);
    if (cursor.empty()) break;
    last = cursor;
  }
  EXPECT_EQ(pages, 2) << "three pages of 10, 10 and 5";
  EXPECT_EQ(ids.size(), static_cast<size_t>(kTopics - 1));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "each record once";
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "topic:kaken:W" + std::to_string(100 + kTopics - 1)), 0)
      << "the internal topic is not shown to an anonymous caller";
  const Answer admin = h_.Request("GET", "/api/indicators?by=project&drill=licensed_to&key=total&per_page=50", "admin-token", "");
  ASSERT_EQ(admin.status, 200) << admin.body;
  EXPECT_EQ(admin.json["hits"].Size(), static_cast<size_t>(kTopics));
  EXPECT_FALSE(admin.json.HasMember("next_cursor"));
  // No such row: nothing behind it.  Bad requests: clear 400s.
  const Answer none = h_.Get("/api/indicators?by=project&drill=licensed_to&key=nosuchproject");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json["records"].GetUint64(), 0u);
  for (const std::string& target :
       {std::string("/api/indicators?by=project&drill=licensed&key=total"), std::string("/api/indicators?drill=top1pct"),
        std::string("/api/indicators?key=total"), std::string("/api/indicators?drill=top1pct&key=total&per_page=0"),
        "/api/indicators?by=project&drill=licensed_to&key=unassigned&per_page=10&cursor=" + last}) {
    const Answer a = h_.Get(target);
    EXPECT_EQ(a.status, 400) << target << ": " << a.body;
    ExpectJsonError(a, target);
  }
}

}  // namespace
}  // namespace seedgraph
