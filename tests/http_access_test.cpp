// Access control through every endpoint (CONTRACT.md §3, "Access"): a
// record a caller may not see never shows, by any endpoint.
//
// The fixture links public, internal and restricted records to each other
// (hidden records fund, cite, continue and hand over to visible ones and
// back).  Every hidden record is the only one with some code (project,
// disease area, modality, stage, year), so a leak shows in a count, and its
// title carries a marker word (Zircon: internal, Obsidian: restricted) that
// no visible record has, so a leak shows in any body.  Each endpoint is
// asked as no token, officer and admin; the admin answers prove that the
// hidden records are really reachable, so their absence elsewhere means
// something.
#include <gtest/gtest.h>

#include <map>

#include "tests/http_util.h"

namespace seedgraph {
namespace {

// 7 public, 2 internal, 3 restricted.  Public topic 2 hands over to the
// restricted company: a handover a public caller must not count.
const char kRecords[] = R"JSONL(
{"id":"topic:amed:JP19pub0001","type":"topic","title":{"ja":"肺がんに対するキナーゼ阻害剤","en":"Kinase inhibitor for lung cancer"},"text":{"en":"A small molecule kinase inhibitor against lung cancer."},"date":"2019-04-01","project":"pharma","disease_areas":["cancer"],"modalities":["small_molecule"],"stage":"applied","links":[{"rel":"licensed_to","to":"company:corp:1000000000001","date":"2021-03-01"},{"rel":"registered_as","to":"trial:NCT10000001"},{"rel":"continued_as","to":"topic:amed:JP21pub0002"},{"rel":"studies","to":"disease:nando:9000001"}]}
{"id":"topic:amed:JP21pub0002","type":"topic","title":{"en":"Clinical development of the kinase inhibitor for lung cancer"},"date":"2021","project":"pharma","disease_areas":["cancer"],"modalities":["small_molecule"],"stage":"clinical","links":[{"rel":"licensed_to","to":"company:corp:3000000000003","date":"2023-01-01"},{"rel":"studies","to":"disease:nando:9000001"}]}
{"id":"paper:pmid:10000001","type":"paper","title":{"en":"Kinase inhibitor shrinks lung cancer in mice"},"date":"2020","disease_areas":["cancer"],"modalities":["small_molecule"],"stage":"basic","identifiers":{"pmid":"10000001","doi":"10.1000/kinase.1"},"links":[{"rel":"funded_by","to":"topic:amed:JP19pub0001"}],"attrs":{"top1pct":true}}
{"id":"trial:NCT10000001","type":"trial","title":{"en":"Phase 1 trial of a kinase inhibitor in lung cancer"},"date":"2022","disease_areas":["cancer"],"modalities":["small_molecule"],"stage":"clinical","identifiers":{"nct":"NCT10000001"}}
{"id":"patent:JP2020000001","type":"patent","title":{"en":"Kinase inhibitor compound for lung cancer"},"date":"2020","disease_areas":["cancer"],"modalities":["small_molecule"],"stage":"applied","links":[{"rel":"applicant","to":"company:corp:1000000000001"},{"rel":"funded_by","to":"topic:amed:JP19pub0001"}]}
{"id":"company:corp:1000000000001","type":"company","title":{"ja":"アルファ製薬株式会社","en":"Alpha Pharma"},"keywords":["医薬品"],"attrs":{"industry":"医薬品"}}
{"id":"disease:nando:9000001","type":"disease","title":{"ja":"肺がん","en":"Lung cancer"},"disease_areas":["cancer"]}
{"id":"topic:amed:JP16int0001","type":"topic","title":{"en":"Zircon antisense kinase inhibitor for lung cancer"},"date":"2016","project":"infection","disease_areas":["infectious"],"modalities":["nucleic_acid"],"stage":"nonclinical","visibility":"internal","links":[{"rel":"licensed_to","to":"company:corp:1000000000001","date":"2022-01-01"},{"rel":"continued_as","to":"topic:amed:JP19pub0001"},{"rel":"studies","to":"disease:nando:9000001"}]}
{"id":"paper:pmid:20000002","type":"paper","title":{"en":"Zircon kinase resistance in lung cancer"},"date":"2015","disease_areas":["child_maternal"],"modalities":["cell_therapy"],"visibility":"internal","links":[{"rel":"funded_by","to":"topic:amed:JP19pub0001"},{"rel":"cites","to":"paper:pmid:10000001"}],"attrs":{"top1pct":true}}
{"id":"topic:amed:JP14res0001","type":"topic","title":{"en":"Obsidian kinase device for lung cancer"},"date":"2014","project":"device","disease_areas":["dental_oral"],"modalities":["digital"],"stage":"approved","visibility":"restricted","links":[{"rel":"licensed_to","to":"company:corp:3000000000003","date":"2018-06-01"},{"rel":"continued_as","to":"topic:amed:JP19pub0001"},{"rel":"registered_as","to":"trial:NCT10000001"},{"rel":"studies","to":"disease:nando:9000001"}]}
{"id":"company:corp:3000000000003","type":"company","title":{"ja":"オブシディアン株式会社","en":"Obsidian Devices"},"keywords":["医薬品"],"visibility":"restricted","attrs":{"industry":"医薬品"}}
{"id":"paper:pmid:30000003","type":"paper","title":{"en":"Obsidian kinase imaging in lung cancer"},"date":"2013","disease_areas":["geriatric_dementia"],"modalities":["vaccine"],"visibility":"restricted","links":[{"rel":"funded_by","to":"topic:amed:JP19pub0001"},{"rel":"cites","to":"paper:pmid:10000001"},{"rel":"applicant","to":"company:corp:1000000000001"}],"attrs":{"top1pct":true}}
)JSONL";

const char kTokens[] = "officer-token officer\nadmin-token admin\n";

const std::vector<std::string> kPublicIds = {
    "topic:amed:JP19pub0001", "topic:amed:JP21pub0002",     "paper:pmid:10000001",    "trial:NCT10000001",
    "patent:JP2020000001",    "company:corp:1000000000001", "disease:nando:9000001"};
const std::vector<std::string> kInternalIds = {"topic:amed:JP16int0001", "paper:pmid:20000002"};
const std::vector<std::string> kRestrictedIds = {"topic:amed:JP14res0001", "company:corp:3000000000003",
                                                 "paper:pmid:30000003"};

struct Caller {
  const char* name;
  std::string token;
  int level;  // 0 public, 1 officer, 2 admin
};
const Caller kCallers[] = {{"no token", "", 0}, {"officer", "officer-token", 1}, {"admin", "admin-token", 2}};

// What a caller must never see in any body: the ids, marker words and
// titles of the records above its level.
std::vector<std::string> Forbidden(const Caller& c) {
  std::vector<std::string> f;
  if (c.level < 1) {
    f.insert(f.end(), kInternalIds.begin(), kInternalIds.end());
    f.insert(f.end(), {"Zircon", "JP16int0001", "20000002"});
  }
  if (c.level < 2) {
    f.insert(f.end(), kRestrictedIds.begin(), kRestrictedIds.end());
    f.insert(f.end(), {"Obsidian", "オブシディアン", "JP14res0001", "3000000000003", "30000003"});
  }
  return f;
}

std::vector<std::string> Hidden(const Caller& c) {
  std::vector<std::string> ids;
  if (c.level < 1) ids.insert(ids.end(), kInternalIds.begin(), kInternalIds.end());
  if (c.level < 2) ids.insert(ids.end(), kRestrictedIds.begin(), kRestrictedIds.end());
  return ids;
}

// Three values, one per caller level.
struct PerRole {
  int64_t pub, officer, admin;
  int64_t At(int level) const { return level == 0 ? pub : level == 1 ? officer : admin; }
};

class HttpAccessTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    harness_ = new ServerHarness;
    harness_->Start("http_access", kRecords, kTokens);
  }
  static void TearDownTestSuite() {
    delete harness_;
    harness_ = nullptr;
  }

  // GETs `target` as `c`, expects 200 and no forbidden string in the body.
  static Answer GetClean(const std::string& target, const Caller& c) {
    Answer a = harness_->Get(target, c.token);
    EXPECT_EQ(a.status, 200) << c.name << " " << target << ": " << a.body;
    for (const auto& f : Forbidden(c)) {
      EXPECT_EQ(a.body.find(f), std::string::npos) << c.name << " " << target << " leaks " << f << ": " << a.body;
    }
    return a;
  }

  // A hidden id answers exactly as an unknown one (the id itself aside).
  static void ExpectLikeUnknown(const std::string& hidden_target, const std::string& unknown_target,
                                const std::string& hidden_id, const std::string& unknown_id, const Caller& c) {
    Answer h = harness_->Get(hidden_target, c.token);
    Answer u = harness_->Get(unknown_target, c.token);
    EXPECT_EQ(h.status, 404) << c.name << " " << hidden_target << ": " << h.body;
    EXPECT_EQ(u.status, 404) << c.name << " " << unknown_target << ": " << u.body;
    ExpectJsonError(h, hidden_target);
    std::string hb = h.body, ub = u.body;
    for (auto [s, id] : {std::pair{&hb, hidden_id}, std::pair{&ub, unknown_id}}) {
      for (size_t at; (at = s->find(id)) != std::string::npos;) s->replace(at, id.size(), "ID");
    }
    EXPECT_EQ(hb, ub) << c.name << " " << hidden_target;
  }

  static ServerHarness* harness_;
};

ServerHarness* HttpAccessTest::harness_ = nullptr;

TEST_F(HttpAccessTest, Health) {
  const PerRole records{7, 9, 12};
  for (const auto& c : kCallers) EXPECT_EQ(Int(GetClean("/api/health", c).json, "records"), records.At(c.level));
}

TEST_F(HttpAccessTest, SearchHitsTotalsFacetsSnippets) {
  for (const auto& c : kCallers) {
    Answer a = GetClean("/api/search?q=kinase&per_page=100", c);
    EXPECT_EQ(Int(a.json, "total"), (PerRole{5, 7, 9}.At(c.level))) << c.name;
    // Each code below belongs to one hidden record only.
    const struct { const char* facet; const char* code; PerRole n; } rows[] = {
        {"project", "infection", {0, 1, 1}},         {"project", "device", {0, 0, 1}},
        {"disease_area", "infectious", {0, 1, 1}},   {"disease_area", "child_maternal", {0, 1, 1}},
        {"disease_area", "dental_oral", {0, 0, 1}},  {"disease_area", "geriatric_dementia", {0, 0, 1}},
        {"modality", "nucleic_acid", {0, 1, 1}},     {"modality", "cell_therapy", {0, 1, 1}},
        {"modality", "digital", {0, 0, 1}},          {"modality", "vaccine", {0, 0, 1}},
        {"stage", "nonclinical", {0, 1, 1}},         {"stage", "approved", {0, 0, 1}},
        {"year", "2016", {0, 1, 1}},                 {"year", "2013", {0, 0, 1}},
        {"type", "paper", {1, 2, 3}},                {"type", "topic", {2, 3, 4}},
    };
    for (const auto& row : rows) {
      EXPECT_EQ(FacetCount(a, row.facet, row.code), row.n.At(c.level)) << c.name << " " << row.facet << "=" << row.code;
    }
    EXPECT_EQ(Int(GetClean("/api/search?q=zircon", c).json, "total"), (PerRole{0, 2, 2}.At(c.level))) << c.name;
    EXPECT_EQ(Int(GetClean("/api/search?q=obsidian", c).json, "total"), (PerRole{0, 0, 3}.At(c.level))) << c.name;
    EXPECT_EQ(Int(GetClean("/api/search", c).json, "total"), (PerRole{7, 9, 12}.At(c.level))) << c.name;
    // A filter on a hidden record's own code finds nothing, and says nothing.
    EXPECT_EQ(Int(GetClean("/api/search?modality=vaccine", c).json, "total"), (PerRole{0, 0, 1}.At(c.level)));
    // Spelling data covers every record: a misspelt marker word must not be
    // corrected to it for a caller who may not see the record that has it.
    for (const char* typo : {"zirconn", "obsidiann"}) {
      Answer s = GetClean(std::string("/api/search?q=") + typo, c);
      const std::string suggestion = s.json.HasMember("suggestion") && s.json["suggestion"].IsString()
                                          ? s.json["suggestion"].GetString() : "";
      const bool may_see = std::string(typo) == "zirconn" ? c.level >= 1 : c.level >= 2;
      if (!may_see) {
        EXPECT_EQ(suggestion, "") << c.name << " " << typo;
      }
      for (const char* word : {"zircon", "obsidian"}) {
        if (!may_see && std::string(typo).rfind(word, 0) == 0) {
          EXPECT_EQ(s.body.find(word, s.body.find("\"suggestion\"")), std::string::npos) << c.name << " " << s.body;
        }
      }
    }
  }
}

TEST_F(HttpAccessTest, RecordsAndTheirLinks) {
  for (const auto& c : kCallers) {
    for (const auto& id : kPublicIds) GetClean("/api/records/" + id, c);
    for (const auto& id : Hidden(c)) {
      ExpectLikeUnknown("/api/records/" + id, "/api/records/paper:pmid:99999999", id, "paper:pmid:99999999", c);
    }
  }
  // The admin sees the links the others may not: they are there.
  Answer topic = GetClean("/api/records/topic:amed:JP19pub0001", kCallers[2]);
  for (const auto& id : {"paper:pmid:20000002", "paper:pmid:30000003", "topic:amed:JP14res0001"}) {
    EXPECT_NE(topic.body.find(id), std::string::npos) << id;
  }
  EXPECT_NE(GetClean("/api/records/topic:amed:JP21pub0002", kCallers[2]).body.find("company:corp:3000000000003"),
            std::string::npos);
}

TEST_F(HttpAccessTest, GraphNodesAndEdges) {
  for (const auto& c : kCallers) {
    for (const auto& id : kPublicIds) {
      for (const char* depth : {"1", "3"}) {
        GetClean("/api/records/" + id + "/graph?depth=" + depth + "&limit=1000", c);
      }
    }
    for (const auto& id : Hidden(c)) {
      ExpectLikeUnknown("/api/records/" + id + "/graph", "/api/records/paper:pmid:99999999/graph", id,
                        "paper:pmid:99999999", c);
    }
    Answer a = GetClean("/api/records/topic:amed:JP19pub0001/graph?depth=1", c);
    const auto nodes = Ids(a, "nodes");
    EXPECT_EQ(Contains(nodes, "paper:pmid:20000002"), c.level >= 1) << c.name << ": " << a.body;
    EXPECT_EQ(Contains(nodes, "topic:amed:JP14res0001"), c.level >= 2) << c.name << ": " << a.body;
  }
}

TEST_F(HttpAccessTest, RelatedResultsAndReasons) {
  for (const auto& c : kCallers) {
    for (const auto& id : kPublicIds) {
      for (const char* q : {"?limit=100", "?across=modality&limit=100", "?across=disease_area&limit=100",
                            "?across=project&limit=100", "?type=topic&type=paper"}) {
        GetClean("/api/records/" + id + "/related" + q, c);
      }
    }
    for (const auto& id : Hidden(c)) {
      ExpectLikeUnknown("/api/records/" + id + "/related", "/api/records/paper:pmid:99999999/related", id,
                        "paper:pmid:99999999", c);
    }
  }
  // The hidden records are related to the public paper for those who may
  // see them (they cite it and share its words).
  Answer admin = GetClean("/api/records/paper:pmid:10000001/related?limit=100", kCallers[2]);
  const auto ids = Ids(admin);
  EXPECT_TRUE(Contains(ids, "paper:pmid:20000002") || Contains(ids, "paper:pmid:30000003")) << admin.body;
}

TEST_F(HttpAccessTest, MatchCandidatesEvidenceAndReverse) {
  for (const auto& c : kCallers) {
    for (const auto& id : kPublicIds) GetClean("/api/match?limit=100&seed=" + id, c);
    GetClean("/api/match?limit=100&company=company:corp:1000000000001", c);
    for (const auto& id : Hidden(c)) {
      ExpectLikeUnknown("/api/match?seed=" + id, "/api/match?seed=paper:pmid:99999999", id, "paper:pmid:99999999", c);
    }
    if (c.level < 2) {
      ExpectLikeUnknown("/api/match?company=company:corp:3000000000003", "/api/match?company=company:corp:9999999999999",
                        "company:corp:3000000000003", "company:corp:9999999999999", c);
    }
  }
  Answer admin = GetClean("/api/match?limit=100&company=company:corp:3000000000003", kCallers[2]);
  // Seeds are sought from the restricted company's own handovers (the
  // paths start there), which are not offered to it again.
  const auto seeds = Ids(admin);
  ASSERT_FALSE(seeds.empty()) << admin.body;
  EXPECT_FALSE(Contains(seeds, "topic:amed:JP14res0001") || Contains(seeds, "topic:amed:JP21pub0002")) << admin.body;
  const std::string from_handover = "[\"company:corp:3000000000003\",\"licensed_to\",\"topic:amed:JP";
  EXPECT_NE(admin.body.find(from_handover), std::string::npos) << admin.body;
}

// Counts per cell, and the totals agree with /api/search for the same caller.
TEST_F(HttpAccessTest, CrosslinkCounts) {
  const char* dims[] = {"disease_area", "project", "modality", "stage", "type", "year"};
  for (const auto& c : kCallers) {
    for (const char* rows : dims) {
      for (const char* cols : dims) {
        if (std::string(rows) == cols) continue;
        for (const std::string q : {"", "&q=kinase"}) {
          Answer x = GetClean(std::string("/api/crosslinks?rows=") + rows + "&cols=" + cols + q, c);
          Answer s = GetClean("/api/search?per_page=1" + q, c);
          EXPECT_EQ(Int(x.json, "total"), Int(s.json, "total")) << c.name << " " << rows << "x" << cols << q;
          const auto& codes = x.json["rows"];
          for (rapidjson::SizeType r = 0; r < codes.Size(); ++r) {
            EXPECT_EQ(x.json["row_totals"][r].GetInt64(), FacetCount(s, rows, codes[r].GetString()))
                << c.name << " " << rows << "=" << codes[r].GetString() << " x " << cols << q;
          }
        }
      }
    }
    Answer x = GetClean("/api/crosslinks?rows=disease_area&cols=project", c);
    std::map<std::pair<std::string, std::string>, int64_t> cells;
    for (rapidjson::SizeType r = 0; r < x.json["rows"].Size(); ++r) {
      for (rapidjson::SizeType k = 0; k < x.json["cols"].Size(); ++k) {
        cells[{x.json["rows"][r].GetString(), x.json["cols"][k].GetString()}] = x.json["counts"][r][k].GetInt64();
      }
    }
    EXPECT_EQ((cells[{"infectious", "infection"}]), (PerRole{0, 1, 1}.At(c.level))) << c.name;
    EXPECT_EQ((cells[{"dental_oral", "device"}]), (PerRole{0, 0, 1}.At(c.level))) << c.name;
    EXPECT_EQ((cells[{"cancer", "pharma"}]), 2) << c.name;
  }
}

// Handovers, trials, continuations and top-1% papers, counted only from
// records (at both ends of a link) the caller may see.
TEST_F(HttpAccessTest, IndicatorCounts) {
  for (const auto& c : kCallers) {
    for (const char* by : {"project", "disease_area", "year"}) {
      GetClean(std::string("/api/indicators?by=") + by, c);
      GetClean(std::string("/api/indicators?q=kinase&by=") + by, c);
    }
    Answer a = GetClean("/api/indicators?by=project", c);
    const auto& total = a.json["total"];
    EXPECT_EQ(Int(total["licensed_to"], "count"), (PerRole{1, 2, 4}.At(c.level))) << c.name << ": " << a.body;
    EXPECT_EQ(Int(total["registered_as"], "count"), (PerRole{1, 1, 2}.At(c.level))) << c.name << ": " << a.body;
    EXPECT_EQ(Int(total["continued_as"], "count"), (PerRole{1, 2, 3}.At(c.level))) << c.name << ": " << a.body;
    EXPECT_EQ(Int(total["top1pct"], "count"), (PerRole{1, 2, 3}.At(c.level))) << c.name << ": " << a.body;
    std::map<std::string, int64_t> licensed;
    for (const auto& row : a.json["rows"].GetArray()) {
      licensed[row["key"].GetString()] = Int(row["licensed_to"], "count");
    }
    EXPECT_EQ(licensed["infection"] > 0, c.level >= 1) << c.name << ": " << a.body;
    EXPECT_EQ(licensed["device"] > 0, c.level >= 2) << c.name << ": " << a.body;
  }
}

// The UI's vocabulary holds no records, and ingest is refused below admin.
TEST_F(HttpAccessTest, VocabAndIngest) {
  for (const auto& c : kCallers) GetClean("/api/vocab", c);
  EXPECT_EQ(harness_->Request("POST", "/api/records", "", "").status, 401);
  EXPECT_EQ(harness_->Request("POST", "/api/records", "officer-token", "").status, 403);
  Answer ok = harness_->Request("POST", "/api/records", "admin-token", "");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Int(ok.json, "ingested"), 0);
}

}  // namespace
}  // namespace seedgraph
