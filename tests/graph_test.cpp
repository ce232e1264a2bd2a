// Graph queries, related seeds, company matching, cross-links and
// indicators over a small linked fixture (marked test records) with mixed
// visibility: what each role sees, and the reasons given.
#include <gtest/gtest.h>

#include "tests/test_util.h"
#include "tests/view_util.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

#include "indexer/ingest.h"
#include "query/crosslinks.h"
#include "query/filler_words.h"
#include "query/graph.h"
#include "query/indicators.h"
#include "query/match.h"
#include "query/pairing.h"
#include "query/related.h"

namespace seedgraph {
namespace {

const char kTopic[] = "topic:amed:JP20ek0109001";
const char kSbma[] = "disease:nando:1200001";
const char kInternal[] = "topic:amed:JP22internal01";

class GraphTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_path_ = new std::string(TestPath("graph_test"));
    std::filesystem::remove_all(*db_path_);
    IngestOptions options;
    options.import.files = {std::string(SEEDGRAPH_TEST_DATA_DIR) + "/graph_corpus.jsonl"};
    options.index.db_path = *db_path_;
    std::ostringstream errors;
    options.errors = &errors;
    auto stats = Ingest(options);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    ASSERT_EQ(stats->rejected, 0u) << errors.str();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*db_path_);
    delete db_path_;
  }
  // The view a role has of the index, opened once per test.
  IndexView& V(Role role) {
    std::optional<IndexView>& v = views_[static_cast<size_t>(role)];
    if (!v) v.emplace(MustView(*db_path_, role));
    return *v;
  }

  template <typename T, typename F>
  static bool Has(const std::vector<T>& v, F pred) {
    return std::any_of(v.begin(), v.end(), pred);
  }

  static std::string* db_path_;
  std::optional<IndexView> views_[3];
  Analyzer analyzer_;
};
std::string* GraphTest::db_path_ = nullptr;

TEST_F(GraphTest, NeighboursInBothDirections) {
  auto n = Neighbours(V(Role::kPublic), kTopic);
  ASSERT_TRUE(n.ok());
  for (const char* rel : {"studies", "investigator", "licensed_to", "continued_as", "registered_as"}) {
    EXPECT_TRUE(Has(n.value(), [&](const Neighbour& x) { return x.outgoing && x.edge.rel == rel; })) << rel;
  }
  EXPECT_TRUE(Has(n.value(), [](const Neighbour& x) {
    return !x.outgoing && x.edge.rel == "funded_by" && x.node.id == "paper:pmid:90000001" && x.node.type == "paper";
  }));
  NeighbourOptions only;
  only.rels = {"studies"};
  auto s = Neighbours(V(Role::kPublic), kTopic, only);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 1u);
  EXPECT_EQ(s->front().node.title, "球脊髄性筋萎縮症");
}

TEST_F(GraphTest, NeighbourhoodRespectsRoleDepthAndLimit) {
  GraphRequest req;
  req.id = kSbma;
  req.depth = 2;
  auto pub = Neighbourhood(V(Role::kPublic), req);
  ASSERT_TRUE(pub.ok());
  auto has_node = [](const Graph& g, const std::string& id) {
    return std::any_of(g.nodes.begin(), g.nodes.end(), [&](const GraphNode& n) { return n.id == id; });
  };
  EXPECT_EQ(pub->nodes.front().id, kSbma);
  EXPECT_TRUE(has_node(*pub, kTopic));
  EXPECT_TRUE(has_node(*pub, "paper:pmid:90000001"));  // 2 hops: paper -funded_by-> topic -studies-> disease
  EXPECT_FALSE(has_node(*pub, kInternal));
  EXPECT_FALSE(has_node(*pub, "company:corp:1000000000002")) << "reachable only through the internal topic";
  for (const auto& e : pub->edges) {
    EXPECT_TRUE(has_node(*pub, e.from) && has_node(*pub, e.to)) << e.from << " -> " << e.to;
  }
  auto off = Neighbourhood(V(Role::kOfficer), req);
  ASSERT_TRUE(off.ok());
  EXPECT_TRUE(has_node(*off, kInternal));
  req.limit = 3;
  auto cut = Neighbourhood(V(Role::kOfficer), req);
  ASSERT_TRUE(cut.ok());
  EXPECT_EQ(cut->nodes.size(), 3u);
  EXPECT_TRUE(cut->truncated);
  req.depth = 4;
  EXPECT_EQ(Neighbourhood(V(Role::kOfficer), req).status().code(), Status::Code::kInvalidArgument);
  req.depth = 1;
  req.id = kInternal;
  EXPECT_EQ(Neighbourhood(V(Role::kPublic), req).status().code(), Status::Code::kNotFound);
}

TEST_F(GraphTest, ShortestPathGoesThroughVisibleRecordsOnly) {
  PathRequest req;
  req.from = "paper:pmid:90000001";
  req.to = "company:corp:1000000000001";
  auto path = ShortestPath(V(Role::kPublic), req);
  ASSERT_TRUE(path.ok()) << path.status().message();
  EXPECT_EQ(path->size(), 2u);  // paper -> topic -licensed_to-> company (or via the person and patent: 3)
  req.to = "company:corp:1000000000002";
  EXPECT_EQ(ShortestPath(V(Role::kPublic), req).status().code(), Status::Code::kNotFound) << "hidden: only via an internal topic";
  auto officer = ShortestPath(V(Role::kOfficer), req);
  ASSERT_TRUE(officer.ok());
  EXPECT_TRUE(Has(*officer, [](const GraphEdge& e) { return e.from == kInternal; }));
}

TEST(FillerWords, SortedAndFound) {
  EXPECT_TRUE(FillerWordsSorted());
  for (const char* w : {"開発", "に関する", "細胞", "herein", "thus", "demonstrate", "e.g", "exclusion", "pharmaceutically"}) EXPECT_TRUE(IsFillerWord(w)) << w;
  for (const char* w : {"筋萎縮性側索硬化症", "antisense", "pten", "がん"}) EXPECT_FALSE(IsFillerWord(w)) << w;
}

TEST_F(GraphTest, RelatedSeedsCarryReasonsAndHonourAcross) {
  RelatedRequest req;
  req.id = kTopic;
  auto all = Related(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_FALSE(all->empty());
  EXPECT_FALSE(Has(*all, [](const RelatedHit& h) { return h.hit.id == kInternal || h.hit.id == kTopic; }));
  auto next = std::find_if(all->begin(), all->end(), [](const RelatedHit& h) { return h.hit.id == "topic:amed:JP23ek0109002"; });
  ASSERT_NE(next, all->end());
  EXPECT_FALSE(next->reasons.shared_nodes.empty());
  EXPECT_FALSE(next->reasons.paths.empty());
  EXPECT_EQ(next->reasons.shared_disease_areas, std::vector<std::string>{"intractable"});
  EXPECT_FALSE(next->reasons.shared_terms.empty());
  // Reasons name nodes by title (issue 15), and say nothing with filler.
  for (const std::string& node : next->reasons.shared_nodes) {
    const auto label = next->reasons.labels.find(node);
    if (label == next->reasons.labels.end()) continue;
    EXPECT_FALSE(label->second.type.empty()) << node;
    EXPECT_FALSE(label->second.title.ja.empty() && label->second.title.en.empty()) << node;
  }
  EXPECT_FALSE(next->reasons.labels.empty()) << "the shared indexed nodes have titles";
  EXPECT_EQ(next->reasons.labels.count(kInternal), 0u) << "no title of a hidden record";
  for (const auto& h : *all) {
    for (const std::string& t : h.reasons.shared_terms) EXPECT_FALSE(IsFillerWord(t)) << h.hit.id << ": " << t;
  }
  // Same disease, another modality.
  req.across = "modality";
  auto across = Related(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(across.ok());
  EXPECT_TRUE(Has(*across, [](const RelatedHit& h) { return h.hit.id == "topic:amed:JP21ek0109003"; }));
  for (const auto& h : *across) {
    EXPECT_EQ(std::count(h.hit.modalities.begin(), h.hit.modalities.end(), "nucleic_acid"), 0) << h.hit.id;
    EXPECT_FALSE(h.hit.modalities.empty()) << h.hit.id;
  }
  // Same modality, another disease.
  req.across = "disease_area";
  auto other = Related(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(Has(*other, [](const RelatedHit& h) { return h.hit.id == "topic:amed:JP21ck0109004"; }));
  req.across = "colour";
  EXPECT_EQ(Related(V(Role::kPublic), analyzer_, req).status().code(), Status::Code::kInvalidArgument);
  req.across = "";
  req.id = kInternal;
  EXPECT_EQ(Related(V(Role::kPublic), analyzer_, req).status().code(), Status::Code::kNotFound);
}

// A record's same_as twins are the record itself under other ids: not
// related seeds, but what they link to is; a record two links join to the
// same node (mutual citations) shares that node once.
TEST(RelatedTwins, TwinsAreLeftOutTheirLinksCountOnceAndCompaniesAreOne) {
  const std::string path = TestPath("related_twins");
  std::filesystem::remove_all(path);
  IngestOptions options;
  options.import.files = {std::string(SEEDGRAPH_TEST_DATA_DIR) + "/twins_corpus.jsonl"};
  options.index.db_path = path;
  std::ostringstream errors;
  options.errors = &errors;
  auto stats = Ingest(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  ASSERT_EQ(stats->rejected, 0u) << errors.str();
  IndexView view = MustView(path, Role::kPublic);
  Analyzer analyzer;
  RelatedRequest req;
  req.id = "company:corp:1000000000101";
  auto company = Related(view, analyzer, req);
  ASSERT_TRUE(company.ok()) << company.status().message();
  // How often `id` is among the hits.
  auto times = [](const std::vector<RelatedHit>& hits, const std::string& id) {
    return std::count_if(hits.begin(), hits.end(), [&](const RelatedHit& h) { return h.hit.id == id; });
  };
  EXPECT_EQ(times(*company, "company:ror:0twin0001"), 0);
  EXPECT_EQ(times(*company, "company:name:双子製薬"), 0) << "a twin of a twin";
  EXPECT_EQ(times(*company, "drug:fda:NDA000102"), 1) << "marketed by a twin";
  EXPECT_EQ(times(*company, "company:corp:1000000000102"), 1);
  req.id = "paper:pmid:91000001";
  auto paper = Related(view, analyzer, req);
  ASSERT_TRUE(paper.ok()) << paper.status().message();
  auto reply = std::find_if(paper->begin(), paper->end(), [](const RelatedHit& h) { return h.hit.id == "paper:pmid:91000003"; });
  ASSERT_NE(reply, paper->end());
  EXPECT_EQ(reply->reasons.paths.size(), 1u) << "one shared node, one path";
  // Seeds for a company: for what any record of the company holds (here
  // only its twins hold patents), never what it holds already.
  MatchRequest reverse;
  reverse.seed = "company:corp:1000000000101";
  auto seeds = SeedsForCompany(view, analyzer, reverse);
  ASSERT_TRUE(seeds.ok()) << seeds.status().message();
  EXPECT_EQ(times(*seeds, "topic:amed:JP90twin01"), 1);
  EXPECT_EQ(times(*seeds, "patent:US90000001"), 0) << "held by the company";
  EXPECT_EQ(times(*seeds, "patent:US90000002"), 0) << "held by the company";
  reverse.seed = "company:name:双子製薬";
  auto same = SeedsForCompany(view, analyzer, reverse);
  ASSERT_TRUE(same.ok());
  ASSERT_EQ(same->size(), seeds->size()) << "every record of the company gets the same seeds";
  for (size_t i = 0; i < seeds->size(); ++i) EXPECT_EQ((*same)[i].hit.id, (*seeds)[i].hit.id) << i;
  std::filesystem::remove_all(path);
}

TEST_F(GraphTest, CompanyMatchingRanksLinkedCompaniesWithReasons) {
  MatchRequest req;
  req.seed = kTopic;
  auto m = MatchCompanies(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_FALSE(m->empty());
  EXPECT_EQ(m->front().company.id, "company:corp:1000000000001");
  EXPECT_FALSE(m->front().reasons.empty());
  EXPECT_FALSE(m->front().evidence.empty());
  EXPECT_FALSE(Has(*m, [](const MatchCandidate& c) { return c.company.id == "company:corp:1000000000002"; }))
      << "only an internal topic links it";
  // A hospital linked to the seed is a party, never a handover candidate.
  EXPECT_FALSE(Has(*m, [](const MatchCandidate& c) { return c.company.type != "company"; }));
  // Record evidence first; industry-only candidates are marked weak, after.
  EXPECT_EQ(m->front().strength, "record");
  bool weak_seen = false;
  for (const MatchCandidate& c : *m) {
    if (c.strength == "weak") {
      weak_seen = true;
      EXPECT_TRUE(c.evidence.empty()) << c.company.id;
    } else {
      EXPECT_FALSE(weak_seen) << c.company.id << " with record evidence ranked after a weak candidate";
    }
  }
  auto officer = MatchCompanies(V(Role::kOfficer), analyzer_, req);
  ASSERT_TRUE(officer.ok());
  EXPECT_TRUE(Has(*officer, [](const MatchCandidate& c) { return c.company.id == "company:corp:1000000000002"; }));
  MatchRequest reverse;
  reverse.seed = "company:corp:1000000000001";
  auto seeds = SeedsForCompany(V(Role::kPublic), analyzer_, reverse);
  ASSERT_TRUE(seeds.ok());
  EXPECT_FALSE(seeds->empty());
}

TEST_F(GraphTest, CrosslinkTotalsAgreeWithSearchFacets) {
  for (Role role : {Role::kPublic, Role::kOfficer, Role::kAdmin}) {
    CrosslinkRequest req;
    req.search.filters["type"] = {"topic", "trial", "paper"};
    auto x = CrossLinks(V(role), analyzer_, req);
    ASSERT_TRUE(x.ok()) << x.status().message();
    SearchRequest s = req.search;
    auto r = Search(V(role), analyzer_, s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(x->total, r->total);
    std::map<std::string, size_t> facet(r->facets.at("disease_area").begin(), r->facets.at("disease_area").end());
    for (size_t i = 0; i < x->rows.size(); ++i) EXPECT_EQ(x->row_totals[i], facet[x->rows[i]]) << x->rows[i];
    std::map<std::string, size_t> proj(r->facets.at("project").begin(), r->facets.at("project").end());
    for (size_t j = 0; j < x->cols.size(); ++j) {
      EXPECT_EQ(x->col_totals[j], proj[x->cols[j]]) << x->cols[j];
      for (size_t i = 0; i < x->rows.size(); ++i) {
        EXPECT_LE(x->counts[i][j], std::min(x->row_totals[i], x->col_totals[j]));
      }
    }
  }
  // With free text too (expanded the same way as search).
  for (const char* q : {"球脊髄性筋萎縮症", "SBMA", "アンチセンス"}) {
    CrosslinkRequest req;
    req.search.q = q;
    auto x = CrossLinks(V(Role::kPublic), analyzer_, req);
    ASSERT_TRUE(x.ok());
    auto r = Search(V(Role::kPublic), analyzer_, req.search);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(x->total, r->total) << q;
  }
  // Records in no cell are counted: for two single-valued dimensions the
  // cells, the missing counts and the totals add up.
  for (Role role : {Role::kPublic, Role::kAdmin}) {
    CrosslinkRequest req;
    req.rows = "stage";
    req.cols = "project";
    auto x = CrossLinks(V(role), analyzer_, req);
    ASSERT_TRUE(x.ok());
    size_t cells = 0, rows = 0, cols = 0;
    for (const auto& line : x->counts) for (size_t n : line) cells += n;
    for (size_t n : x->row_totals) rows += n;
    for (size_t n : x->col_totals) cols += n;
    EXPECT_EQ(rows + x->missing_row, x->total);
    EXPECT_EQ(cols + x->missing_col, x->total);
    EXPECT_EQ(cells, x->total - x->missing_row - x->missing_col + x->missing_both);
    EXPECT_GT(x->missing_col, 0u) << "the fixture's people and diseases have no project";
    EXPECT_LE(x->missing_both, std::min(x->missing_row, x->missing_col));
  }
  CrosslinkRequest bad;
  bad.rows = bad.cols = "project";
  EXPECT_FALSE(CrossLinks(V(Role::kPublic), analyzer_, bad).ok());
  bad.rows = "colour";
  EXPECT_FALSE(CrossLinks(V(Role::kPublic), analyzer_, bad).ok());
}

// A 0 that rests on no evidence at all is "not loaded"; a 0 for a
// selection of an index that has the evidence is a real zero.
TEST_F(GraphTest, IndicatorsSayWhichHaveNoEvidenceLoaded) {
  IndicatorRequest req;
  auto all = ComputeIndicators(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(all.ok()) << all.status().message();
  auto listed = [](const Indicators& i, const char* name) {
    return std::find(i.not_loaded.begin(), i.not_loaded.end(), name) != i.not_loaded.end();
  };
  EXPECT_FALSE(listed(*all, "licensed_to"));
  EXPECT_FALSE(listed(*all, "top1pct"));
  for (const std::string& n : all->not_loaded) EXPECT_NE(IndicatorSource(n), nullptr);
  req.search.q = "zzzznothing";
  auto none = ComputeIndicators(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->total.licensed_to.count, 0u);
  EXPECT_FALSE(listed(*none, "licensed_to")) << "a true zero for this selection";
  EXPECT_EQ(none->not_loaded, all->not_loaded);
}

TEST_F(GraphTest, IndicatorsCountLinksAndDrillDown) {
  IndicatorRequest req;
  req.by = "project";
  auto pub = ComputeIndicators(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(pub.ok()) << pub.status().message();
  auto row = [](const Indicators& ind, const std::string& key) {
    for (const auto& r : ind.rows) if (r.key == key) return r;
    return IndicatorRow();
  };
  EXPECT_EQ(row(*pub, "pharma").licensed_to.count, 1u);
  EXPECT_EQ(row(*pub, "pharma").licensed_to.ids, std::vector<std::string>{kTopic});
  EXPECT_EQ(row(*pub, "pharma").registered_as.count, 1u);
  EXPECT_EQ(row(*pub, "pharma").continued_as.count, 1u);
  EXPECT_EQ(pub->total.top1pct.count, 1u);
  EXPECT_EQ(row(*pub, "regen_gene").licensed_to.count, 0u);
  auto off = ComputeIndicators(V(Role::kOfficer), analyzer_, req);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(row(*off, "regen_gene").licensed_to.count, 1u);
  EXPECT_EQ(off->total.licensed_to.count, 2u);
  // q narrows the records counted, as in a search.
  req.search.q = "がん";
  auto cancer = ComputeIndicators(V(Role::kOfficer), analyzer_, req);
  ASSERT_TRUE(cancer.ok());
  EXPECT_EQ(cancer->total.licensed_to.count, 0u) << "the licensed topics are about SBMA";
  req.search.q = "球脊髄性筋萎縮症";
  auto sbma = ComputeIndicators(V(Role::kOfficer), analyzer_, req);
  ASSERT_TRUE(sbma.ok());
  EXPECT_EQ(sbma->total.licensed_to.count, 2u);
  req.search.q.clear();
  req.by = "stage";
  EXPECT_EQ(ComputeIndicators(V(Role::kOfficer), analyzer_, req).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(GraphTest, PairingListsTopicsEndingSoonWithNextStageAndCompanies) {
  PairingRequest req;
  req.today = "2022-10-01";
  req.months = 12;  // the applied topic started 2020-04-01: estimated end 2023-04-01
  auto items = PairingCandidates(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(items.ok()) << items.status().message();
  auto it = std::find_if(items->begin(), items->end(), [](const PairingItem& p) { return p.topic.id == kTopic; });
  ASSERT_NE(it, items->end());
  EXPECT_EQ(it->end_date, "2023-04-01");
  EXPECT_TRUE(it->end_estimated);
  EXPECT_TRUE(Has(it->next_topics, [](const RelatedHit& h) { return h.hit.id == "topic:amed:JP23ek0109002"; }));
  EXPECT_FALSE(Has(it->next_topics, [](const RelatedHit& h) { return h.hit.stage == "basic"; }));
  ASSERT_FALSE(it->companies.empty());
  EXPECT_EQ(it->companies.front().company.id, "company:corp:1000000000001");
  for (const auto& p : *items) EXPECT_TRUE(p.topic.stage == "basic" || p.topic.stage == "applied") << p.topic.id;
  req.months = 3;  // ends after the horizon
  auto soon = PairingCandidates(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(soon.ok());
  EXPECT_FALSE(Has(*soon, [](const PairingItem& p) { return p.topic.id == kTopic; }));
  req.months = 0;
  EXPECT_EQ(PairingCandidates(V(Role::kPublic), analyzer_, req).status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(PairingJson(*items).find("\"end_date\":\"2023-04-01\""), std::string::npos);
}

// Project and disease area narrow the plan, and its counts say what became
// of the topics of the selection.
TEST_F(GraphTest, PairingFiltersByProjectAndDiseaseArea) {
  PairingRequest req;
  req.today = "2022-10-01";
  req.months = 12;
  req.projects = {"pharma"};
  req.disease_areas = {"intractable"};
  PairingCounts counts;
  auto items = PairingCandidates(V(Role::kPublic), analyzer_, req, &counts);
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ(items->front().topic.id, kTopic);
  EXPECT_EQ(counts.topics, 1u);
  EXPECT_EQ(counts.in_window, 1u);
  req.disease_areas = {"cancer"};  // the pharma cancer topic (basic, 2021) ends in 2024
  items = PairingCandidates(V(Role::kPublic), analyzer_, req, &counts);
  ASSERT_TRUE(items.ok());
  EXPECT_TRUE(items->empty());
  EXPECT_EQ(counts.topics, 1u);
  EXPECT_EQ(counts.end_later, 1u);
  req.projects = {"translational"};  // a clinical topic: not considered, and counted as such
  req.disease_areas.clear();
  items = PairingCandidates(V(Role::kPublic), analyzer_, req, &counts);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(counts.topics, 0u);
  EXPECT_EQ(counts.other_stage, 1u);
  req.projects = {"pharmaceuticals"};
  EXPECT_EQ(PairingCandidates(V(Role::kPublic), analyzer_, req).status().code(), Status::Code::kInvalidArgument);
  req.projects.clear();
  req.disease_areas = {"rare"};
  EXPECT_EQ(DefaultPairingReference(V(Role::kPublic), req).status().code(), Status::Code::kInvalidArgument);
  // The default reference follows the selection's newest end.
  req.disease_areas = {"cancer"};
  auto ref = DefaultPairingReference(V(Role::kPublic), req);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->newest_end, "2024-04-01");
}

// The corpus ends before today: the default plan looks at its last months.
TEST_F(GraphTest, PairingDefaultReferenceFollowsTheData) {
  PairingRequest req;
  req.months = 12;
  auto ref = DefaultPairingReference(V(Role::kPublic), req);
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  ASSERT_FALSE(ref->newest_end.empty());
  EXPECT_TRUE(ref->from_data);
  EXPECT_LT(ref->date, ref->newest_end);
  req.today = ref->date;
  auto items = PairingCandidates(V(Role::kPublic), analyzer_, req);
  ASSERT_TRUE(items.ok());
  EXPECT_FALSE(items->empty()) << "the default plan is not empty for a corpus that ended in " << ref->newest_end;
}

}  // namespace
}  // namespace seedgraph
