// Tests of the trial importers ctgov and covid-trials, of what they share
// with ictrp (trials.h: ids, phase -> stage, sponsors as companies or
// organizations) and of the name rules they rely on, on rows copied from
// the real files (tests/fixtures/ctgov: ClinicalTrials.gov via ctrialsgov,
// MIT; tests/fixtures/covid-trials: WHO ICTRP via ebmdatalab, MIT), on
// hand-broken rows, and once over the full ../shared/data files.  Records
// go through Import(), so ValidateRecord checks each one.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "tests/import_util.h"

namespace seedgraph {
namespace {

bool HasKeyword(const Record& r, const std::string& k) {
  return std::find(r.keywords.begin(), r.keywords.end(), k) != r.keywords.end();
}

// ---------------------------------------------------------------- names

TEST(Names5Test, SponsorsOfTrialsAreCompaniesOrOrganizationsByTheirWords) {
  struct Row { const char* name; bool company; } rows[] = {
      {"Pfizer", true},
      {"AstraZeneca", true},
      {"Sinovac Research and Development Co., Ltd.", true},
      {"Hoffmann-La Roche", true},
      {"Merck Sharp & Dohme LLC", true},
      {"Universidad de Antioquia", false},
      {"Universidade Federal do Rio de Janeiro", false},
      {"Assistance Publique - Hôpitaux de Paris", false},
      {"Hospices Civils de Lyon", false},
      {"Fundació Recerca Mútua Terrassa (FMT)", false},
      {"Fundação de Amparo à Pesquisa do Estado de São Paulo", false},
      {"NHS Greater Glasgow and Clyde", false},
      {"IRCCS San Raffaele", false},
      {"Amsterdam UMC, location VUmc", false},
      {"VA Office of Research and Development", false},
      {"Region Stockholm", false},
      {"Alzheimer Forschung Initiative e.V.", false},
      {"Stichting Het Nederlands Kanker Instituut-Antoni van Leeuwenhoek Ziekenhuis", false},
      {"CHU de Reims", false},
      {"Azienda Sanitaria Locale N.1 dell'Umbria", false},
      {"UTI Limited Partnership", true},  // a partnership with a commercial form
      {"Laboratoire Français du Fractionnement et des Biotechnologies", true},
      {"Laboratoire de Psychologie et NeuroCognition", false},
  };
  for (const auto& r : rows) EXPECT_EQ(IsCompanyName(r.name), r.company) << r.name;
}

TEST(Names5Test, PersonsAreToldByTitlesAndDegrees) {
  struct Row { const char* name; bool person; } rows[] = {
      {"Jeff Burns, MD", true},
      {"Michal Schnaider Beeri, Ph.D.", true},
      {"Brown, Theodore R., M.D., MPH", true},
      {"Jian Pei,MD", true},
      {"Prof. Dr. Dieter Willbold", true},
      {"Dr. Sandra E Black", true},
      {"prof. dr. Koen Van Laere", true},
      {"Dr. Phillips Center for the Performing Arts", false},
      {"Dr. Reddy's Laboratories Limited", false},
      {"MD Stem Cells", false},
      {"M.D. Anderson Cancer Center", false},
      {"Pfizer", false},
      {"Sanofi", false},
  };
  for (const auto& r : rows) EXPECT_EQ(LooksLikePerson(r.name), r.person) << r.name;
}

// Trial sponsors known only by name (sponsor lists of the 2020-12 COVID-19
// trial list, as written there) are companies only with a mark of one.
TEST(Names5Test, TrialSponsorsAreCompaniesOnlyWithAMarkOfOne) {
  struct Row { const char* name; bool company; } rows[] = {
      {"Pfizer", true},
      {"AstraZeneca", true},
      {"Algernon Pharmaceuticals", true},
      {"Chiesi Farmaceutici", true},
      {"Romark Laboratories L.C.", true},
      {"NatureCeuticals Sdn Bhd", true},
      {"Green Cross Corporation", true},
      {"Immunic AG", true},
      {"Inmunova S.A.", true},
      {"タカラバイオ株式会社", true},
      {"Sharon Nachman", false},
      {"Thomas M. Lietman", false},
      {"ELHARRAR Xavier", false},
      {"Takayama Takayama Shin", false},
      {"Epworth HealthCare", false},
      {"Grupo Quirónsalud", false},
      {"Maoming People's Hospital", false},
      {"Ayush Govt of Gujarat", false},
      {"AMED", false},
      {"NIAID", false},
  };
  for (const auto& r : rows) EXPECT_EQ(HasCompanyMark(r.name), r.company) << r.name;
}

// ---------------------------------------------------------------- ctgov

const std::vector<std::string> kCtgovFiles = {
    Fixture("ctgov/trials_sample.csv"), Fixture("ctgov/interventions_sample.csv"),
    Fixture("ctgov/references_sample.csv"), Fixture("ctgov/download_sample.csv"),
    Fixture("ctgov/2017MeshTree_sample.txt")};

struct CtgovTestInput {
  static std::string Format() { return "ctgov"; }
  static std::vector<std::string> Files() { return kCtgovFiles; }
};
using CtgovTest = ImportedOnceTest<CtgovTestInput>;

TEST_F(CtgovTest, OneTrialPerNctIdWithTheIctrpIdScheme) {
  ASSERT_TRUE(status_.ok()) << status_.message();
  // The two made-up side rows of NCT09999999 (in no trial file) are the only rejections.
  EXPECT_TRUE(c_->Rejected("ctgov/interventions_sample.csv:21", "NCT09999999 is in none of the trial files")) << c_->RejectList();
  EXPECT_TRUE(c_->Rejected("ctgov/references_sample.csv:36", "NCT09999999 is in none of the trial files")) << c_->RejectList();
  EXPECT_EQ(c_->rejects.size(), 2u) << c_->RejectList();
  EXPECT_EQ(c_->Count("trial"), 17u);  // 15 AACT rows + 2 made-up download rows; NCT04842032 is in both files
  const Record& t = c_->Get("trial:NCT04808531");
  EXPECT_EQ(t.identifiers.at("nct"), "NCT04808531");
  EXPECT_EQ(t.title.en.rfind("NanaBis an Oro-buccal Administered delta9-Tetrahydrocannabinol", 0), 0u) << t.title.en;
  EXPECT_EQ(t.text.en.rfind("NanaBis an Oro-buccal Administered Equimolar", 0), 0u) << "official title first";
  EXPECT_TRUE(Contains(t.text.en, "\n\nThis is a multi-centre, long term, double blind")) << t.text.en;
  EXPECT_EQ(t.date, "2023-11-30");
  EXPECT_EQ(t.stage, "clinical");
  for (const char* a : {"\"source\":\"ClinicalTrials.gov\"", "\"phase\":\"3\"", "\"status\":\"Not yet recruiting\"",
                        "\"enrollment\":360", "\"end_date\":\"2024-06-30\"", "\"primary_completion_date\":\"2024-02-29\"",
                        "\"sponsor_class\":\"INDUSTRY\"", "\"url\":\"https://clinicaltrials.gov/study/NCT04808531\""}) {
    EXPECT_TRUE(Contains(t.attrs_json, a)) << a << " in " << t.attrs_json;
  }
  // ctrialsgov writes line breaks as '~'.
  EXPECT_TRUE(Contains(t.attrs_json, "\"eligibility\":\"Inclusion Criteria:\\nAt Screening Phase\\n")) << t.attrs_json.substr(0, 400);
  // R writes 500000 as 5e+05.
  EXPECT_TRUE(Contains(c_->Get("trial:NCT04067297").attrs_json, "\"enrollment\":500000"));
}

TEST_F(CtgovTest, PhaseFourIsApprovedAndThePhaseStaysInAttrs) {
  struct Row { const char* id; const char* stage; const char* phase; } rows[] = {
      {"trial:NCT04842032", "approved", "\"phase\":\"4\""},   // Phase 4 (AACT) / PHASE4 (download)
      {"trial:NCT09999902", "approved", "\"phase\":\"4\""},
      {"trial:NCT09999901", "clinical", "\"phase\":\"1/2\""},  // PHASE1|PHASE2
      {"trial:NCT05039944", "clinical", "\"phase\":\"2\""},
      {"trial:NCT02336841", "clinical", "\"phase\":\"1\""},    // Early Phase 1
      {"trial:NCT00736112", "clinical", "\"phase\":\"n/a\""},  // Not Applicable
  };
  for (const auto& r : rows) {
    const Record& t = c_->Get(r.id);
    EXPECT_EQ(t.stage, r.stage) << r.id;
    EXPECT_TRUE(Contains(t.attrs_json, r.phase)) << r.id << " " << t.attrs_json.substr(0, 300);
  }
  EXPECT_FALSE(Contains(c_->Get("trial:NCT00587652").attrs_json, "\"phase\"")) << "phase NA: none";
}

TEST_F(CtgovTest, SponsorsAreCompaniesOrOrganizationsByTheirClassElseByName) {
  // INDUSTRY -> company, whatever the name says ("... Institute, Inc." would be an organization by name).
  const std::string emd = "company:name:emd-serono-research-&-development-institute";
  EXPECT_TRUE(HasLink(c_->Get("trial:NCT05386550"), "applicant", emd));
  EXPECT_EQ(c_->Get(emd).type, "company");
  EXPECT_TRUE(Contains(c_->Get(emd).attrs_json, "\"type_from\":\"sponsor_class\""));
  EXPECT_TRUE(Contains(c_->Get("trial:NCT05386550").attrs_json, "\"sponsor_name_says\":\"organization\""));
  EXPECT_EQ(Targets(c_->Get("trial:NCT05338970"), "applicant"), std::set<std::string>{"company:name:daiichi-sankyo"});
  EXPECT_EQ(c_->Get("company:name:boehringer-ingelheim").type, "company");
  // NIH, OTHER -> organization.
  EXPECT_EQ(Targets(c_->Get("trial:NCT03092518"), "applicant"), std::set<std::string>{"organization:name:national-cancer-institute-nci"});
  EXPECT_EQ(c_->Get("organization:name:mayo-clinic").type, "organization");
  // A person (OTHER_GOV "DR. MALA KHAN", INDIV "Jeff Example, MD") gets no link; "NA" is nobody.
  const Record& khan = c_->Get("trial:NCT05150509");
  EXPECT_TRUE(Targets(khan, "applicant").empty());
  EXPECT_TRUE(Contains(khan.attrs_json, "\"individual_sponsors\":[\"DR. MALA KHAN\"]")) << khan.attrs_json;
  EXPECT_TRUE(Targets(c_->Get("trial:NCT04148391"), "applicant").empty());
  // Download: collaborators by name.
  const Record& d = c_->Get("trial:NCT09999901");
  EXPECT_EQ(Targets(d, "applicant"),
            (std::set<std::string>{"organization:name:example-university", "company:name:example-pharma",
                                   "organization:name:national-institute-on-aging-nia"}));
  EXPECT_TRUE(Contains(d.attrs_json, "\"individual_sponsors\":[\"Jeff Example, MD\"]")) << d.attrs_json;
  EXPECT_EQ(c_->Get("organization:name:hospices-civils-de-lyon").type, "organization");
  EXPECT_TRUE(Contains(c_->Get("company:name:example-therapeutics").attrs_json, "\"type_from\":\"name\""));
}

TEST_F(CtgovTest, ConditionsInterventionsAndPublications) {
  const Record& mayo = c_->Get("trial:NCT00587652");
  EXPECT_TRUE(HasKeyword(mayo, "Barrett Esophagus"));
  EXPECT_TRUE(HasLink(mayo, "studies", "disease:mesh:D001471"));
  EXPECT_EQ(c_->Get("disease:mesh:D001471").title.en, "Barrett Esophagus");
  EXPECT_EQ(Targets(mayo, "cites").size(), 21u);  // 22 references, one without PMID or DOI
  EXPECT_TRUE(HasLink(mayo, "cites", "paper:pmid:11213314"));
  EXPECT_TRUE(Contains(mayo.attrs_json, "Gastrointestinal Endoscopy 2001;53(5):AB4171.")) << "a reference without ids is kept";
  // DOI only: lower case, without the trailing dot ctrialsgov leaves.
  EXPECT_EQ(Targets(c_->Get("trial:NCT01328665"), "cites"), std::set<std::string>{"paper:doi:10.1080/10570310902856071"});
  EXPECT_TRUE(Contains(c_->Get("trial:NCT04067297").attrs_json, "\"doi\":\"10.1038/nrcardio.2015.33\""));
  // Interventions: names without the type prefix become keywords (not Placebo).
  const Record& food = c_->Get("trial:NCT00736112");
  for (const char* k : {"Food Allergy Testing", "Adenoidectomy", "BMT"}) EXPECT_TRUE(HasKeyword(food, k)) << k;
  EXPECT_TRUE(Contains(food.attrs_json, "{\"type\":\"Procedure\",\"name\":\"Adenoidectomy\",\"description\":\"Adenoidectomy to remove"));
  const Record& d = c_->Get("trial:NCT09999901");
  EXPECT_TRUE(HasKeyword(d, "Exampleumab"));
  EXPECT_TRUE(HasKeyword(d, "Fish oil"));
  EXPECT_FALSE(HasKeyword(d, "Placebo"));
  EXPECT_TRUE(Contains(d.attrs_json, "{\"type\":\"Dietary Supplement\",\"name\":\"Fish oil\"}")) << d.attrs_json;
  EXPECT_TRUE(HasKeyword(d, "Alzheimer's Disease")) << "&#39; decoded";
  EXPECT_TRUE(HasLink(d, "studies", "disease:mesh:D003704"));  // Dementia
  EXPECT_EQ(d.date, "2021-03");
  EXPECT_TRUE(Contains(d.attrs_json, "\"end_date\":\"2023-12-31\""));
  EXPECT_EQ(c_->Get("trial:NCT04604184").disease_areas, std::vector<std::string>{"infectious"});  // COVID-19
}

TEST_F(CtgovTest, ATrialInTheDownloadAndInATableIsMadeFromTheTable) {
  const Record& t = c_->Get("trial:NCT04842032");
  EXPECT_TRUE(Contains(t.attrs_json, "\"status\":\"Recruiting\"")) << t.attrs_json.substr(0, 300);  // the download says COMPLETED
  EXPECT_TRUE(HasKeyword(t, "X-linked Hypophosphatemia (XLH)"));
  EXPECT_TRUE(HasKeyword(t, "KRN23"));  // from the interventions table
}

TEST(CtgovBrokenTest, BadRowsAreRejectedWithTheirLineAndTheOthersKept) {
  Collected c;
  ASSERT_TRUE(RunImport("ctgov", {Fixture("ctgov/trials_broken.csv")}, &c).ok());
  EXPECT_TRUE(c.Has("trial:NCT04808531"));  // line 2, before the broken ones
  EXPECT_TRUE(c.Has("trial:NCT04842032"));  // line 10, after them
  EXPECT_EQ(c.Count("trial"), 2u);
  ExpectRejections(c, "ctgov/trials_broken.csv",
                   {{"3", "csv: expected 30 fields, got 3"},
                    {"4", "start_date: not an ISO 8601 date (YYYY-MM-DD): '2023-02-30'"},
                    {"5", "completion_date: not an ISO 8601 date"},
                    {"6", "enrollment: expected a whole number, got 'about 300'"},
                    {"7", "nct_id: expected NCT and 8 digits, got 'NCT123'"},
                    {"8", "column 5: not UTF-8"},
                    {"9", "csv: unexpected character after a closing quote"},
                    {"11", "csv: unterminated quoted field"}});
}

TEST(CtgovBrokenTest, OtherTablesAreRejectedByTheirHeaderAndMissingFilesFail) {
  Collected c;
  ASSERT_TRUE(RunImport("ctgov", {Fixture("ictrp/covid19_trials_sample.csv")}, &c).ok());
  EXPECT_TRUE(c.Rejected("ictrp/covid19_trials_sample.csv:1", "header: not a ClinicalTrials.gov table")) << c.RejectList();
  EXPECT_TRUE(c.records.empty());
  EXPECT_FALSE(RunImport("ctgov", {Fixture("ctgov/no_such.csv")}, &c).ok());
}

// ---------------------------------------------------------------- covid-trials

struct CovidTrialsTestInput {
  static std::string Format() { return "covid-trials"; }
  static std::vector<std::string> Files() { return {Fixture("covid-trials/trial_list_sample.csv")}; }
};
using CovidTrialsTest = ImportedOnceTest<CovidTrialsTestInput>;

TEST_F(CovidTrialsTest, TrialsGetTheIctrpIdsDatesAndStage) {
  ASSERT_TRUE(status_.ok()) << status_.message();
  EXPECT_TRUE(c_->rejects.empty()) << c_->RejectList();
  EXPECT_EQ(c_->Count("trial"), 16u);  // 17 rows, NCT04252885 twice (one row per result)
  const Record& j = c_->Get("trial:JPRN-jRCTs031190227");  // the id ictrp gives it
  EXPECT_EQ(j.identifiers.at("jrct"), "jRCTs031190227");
  EXPECT_EQ(j.title.en, "Triple combination therapy in patients infected with COVID-19");
  EXPECT_EQ(j.date, "2020-02-27");  // registration, as in ictrp
  EXPECT_EQ(j.stage, "clinical");
  EXPECT_EQ(j.disease_areas, std::vector<std::string>{"infectious"});
  for (const char* k : {"COVID-19", "Lopinavir/Ritonavir", "Hydroxychloroquine", "Oseltamivir"}) EXPECT_TRUE(HasKeyword(j, k)) << k;
  for (const char* a : {"\"source\":\"COVID-19 TrialsTracker (WHO ICTRP)\"", "\"phase\":\"2\"", "\"start_date\":\"2020-01-04\"",
                        "\"countries\":[\"Japan\"]", "\"registry\":\"JPRN\"", "\"retrospective_registration\":true"}) {
    EXPECT_TRUE(Contains(j.attrs_json, a)) << a << " in " << j.attrs_json;
  }
  EXPECT_EQ(c_->Get("trial:NCT04252885").stage, "approved");  // Phase 4
  EXPECT_TRUE(Contains(c_->Get("trial:NCT04368728").attrs_json, "\"phase\":\"2/3\",\"phase_text\":\"Phase 2/Phase 3\""));
  EXPECT_EQ(c_->Get("trial:EUCTR2020-000890-25-FR").identifiers.at("euctr"), "EUCTR2020-000890-25-FR");
  EXPECT_TRUE(Contains(c_->Get("trial:ChiCTR2000029953").attrs_json, "\"end_date\":\"2021-05-01\""));
}

TEST_F(CovidTrialsTest, NormalisedSponsorsAreCompaniesOrOrganizations) {
  struct Row { const char* trial; std::set<std::string> applicants; } rows[] = {
      {"trial:NCT04535167", {"company:name:pfizer"}},
      {"trial:NCT04352608", {"company:name:sinovac-research-and-development"}},
      {"trial:NCT04507256", {"company:name:astrazeneca"}},
      {"trial:NCT04368728", {"company:name:biontech"}},
      {"trial:ChiCTR2000029953", {"organization:name:zhongnan-hospital-of-wuhan-university"}},
      {"trial:ChiCTR2000029763", {"organization:name:china-academy-of-chinese-medical-sciences",
                                  "organization:name:zhongnan-hospital-of-wuhan-university"}},  // "A; B"
      {"trial:ISRCTN17717312", {"organization:name:cambridge-university-hospitals-nhs-foundation-trust"}},
      {"trial:ChiCTR2000030223", {}},      // No Sponsor Name Given
      {"trial:ACTRN12620000472976", {}},   // Dr. Simon Joosten
  };
  for (const auto& r : rows) EXPECT_EQ(Targets(c_->Get(r.trial), "applicant"), r.applicants) << r.trial;
  EXPECT_EQ(c_->Get("company:name:pfizer").type, "company");
  EXPECT_EQ(c_->Get("organization:name:zhongnan-hospital-of-wuhan-university").type, "organization");
  EXPECT_TRUE(Contains(c_->Get("trial:ACTRN12620000472976").attrs_json, "\"individual_sponsors\":[\"Dr. Simon Joosten\"]"));
}

TEST_F(CovidTrialsTest, CrossRegistrationsResultsAndCountries) {
  const Record& who = c_->Get("trial:ISRCTN83971151");
  EXPECT_TRUE(HasLink(who, "same_as", "trial:NCT04330690"));
  EXPECT_TRUE(HasLink(who, "same_as", "trial:CTRI/2020/04/024773"));
  EXPECT_TRUE(HasLink(who, "same_as", "trial:EUCTR2020-001366-11"));
  EXPECT_TRUE(Contains(who.attrs_json, "\"cross_registrations\":[\"EUCTR2020-001366-11\",\"NCT04330690\",\"PER-010-20\""));
  // Two rows, one per result: one trial citing both.
  const Record& two = c_->Get("trial:NCT04252885");
  EXPECT_EQ(Targets(two, "cites"), (std::set<std::string>{"paper:doi:10.1101/2020.03.19.20038984", "paper:doi:10.1016/j.medj.2020.04.001"}));
  EXPECT_TRUE(Contains(two.attrs_json, "\"results\":[{\"type\":\"Pre-Print Article\",\"date\":\"2020-03-23\"")) << two.attrs_json;
  // Registry results are no paper.
  EXPECT_TRUE(Targets(c_->Get("trial:JPRN-jRCTs041190120"), "cites").empty());
  // ", " inside a country name.
  const Record& all = c_->Get("trial:ISRCTN17717312");
  for (const char* country : {"\"Korea, South\"", "\"Korea, North\"", "\"Virgin Islands, British\"", "\"Virgin Islands, U.S.\"",
                              "\"Micronesia, Federated States of\""}) {
    EXPECT_TRUE(Contains(all.attrs_json, country)) << country;
  }
  EXPECT_FALSE(Contains(all.attrs_json, "\"North\""));
}

TEST(CovidTrialsBrokenTest, BadRowsAreRejectedWithTheirLineAndTheOthersKept) {
  Collected c;
  ASSERT_TRUE(RunImport("covid-trials", {Fixture("covid-trials/trial_list_broken.csv")}, &c).ok());
  EXPECT_TRUE(c.Has("trial:ChiCTR2000029953"));  // line 2
  EXPECT_TRUE(c.Has("trial:NCT04535167"));       // line 9
  EXPECT_EQ(c.Count("trial"), 2u);
  ExpectRejections(c, "covid-trials/trial_list_broken.csv",
                   {{"3", "csv: expected 25 fields, got 4"},
                    {"4", "date_registration: not an ISO 8601 date (YYYY-MM-DD): '2020-02-31'"},
                    {"5", "full_completion_date: not an ISO 8601 date"},
                    {"6", "trialid: missing"},
                    {"7", "column 12: not UTF-8"},
                    {"8", "csv: stray quote"},
                    {"10", "csv: unterminated quoted field"}});
}

TEST(CovidTrialsBrokenTest, EachWhoFileNamesTheFormatThatReadsIt) {
  Collected c;
  ASSERT_TRUE(RunImport("covid-trials", {Fixture("ictrp/covid19_trials_sample.csv")}, &c).ok());
  EXPECT_TRUE(c.Rejected("ictrp/covid19_trials_sample.csv:1", "use --format ictrp")) << c.RejectList();
  Collected d;
  ASSERT_TRUE(RunImport("ictrp", {Fixture("covid-trials/trial_list_sample.csv")}, &d).ok());
  EXPECT_TRUE(d.Rejected("covid-trials/trial_list_sample.csv:1", "use --format covid-trials")) << d.RejectList();
  EXPECT_TRUE(c.records.empty() && d.records.empty());
}

// ---------------------------------------------------------------- ictrp (the helpers it shares)

TEST(IctrpStageTest, PhaseFourIsApprovedAndSponsorsAreJudgedByName) {
  Collected c;
  ASSERT_TRUE(RunImport("ictrp", {Fixture("ictrp/covid19_trials_sample.csv")}, &c).ok());
  EXPECT_EQ(c.Get("trial:NCT04246242").stage, "approved");  // Phase 4
  EXPECT_EQ(c.Get("trial:EUCTR2015-002340-14-NL").stage, "approved");  // EU-CTR: Therapeutic use (Phase IV): yes
  EXPECT_EQ(c.Get("trial:JPRN-jRCTs031190227").stage, "clinical");
  EXPECT_TRUE(HasLink(c.Get("trial:EUCTR2015-002340-14-NL"), "applicant", "organization:name:university-medical-center-utrecht"));
}

// ---------------------------------------------------------------- shared data

// The full files of ../shared/data (tests/import_util.h).
// alzheimers_trials_ctg.csv (licence unclear) is read from there only, never
// copied into fixtures.
class SharedData5Test : public SharedDataSuite {};

TEST_F(SharedData5Test, EveryClinicalTrialsGovSampleImports) {
  const std::string d = dir_ + "/clinicaltrials-gov-samples/";
  Collected c;
  ASSERT_TRUE(RunImport("ctgov", {d + "industry_cancer_trials_2021_2023.csv", d + "random_trials.csv",
                                  d + "random_trials_interventions.csv", d + "random_trials_references.csv",
                                  d + "alzheimers_trials_ctg.csv"}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  // PROVENANCE.md: 401 + 413 + 4,145 trials; one NCT id is in two files.
  EXPECT_EQ(c.Count("trial"), 401u + 413u + 4145u - 1u);
  size_t cites = 0, industry = 0;
  for (const auto& [id, r] : c.by_id) {
    cites += Targets(r, "cites").size();
    industry += Contains(r.attrs_json, "\"sponsor_class\":\"INDUSTRY\"");
  }
  EXPECT_GE(cites, 580u);  // 630 publications, 41 without PMID or DOI
  EXPECT_EQ(industry, 401u + 86u);
  for (const char* id : {"company:name:astrazeneca", "company:name:pfizer", "company:name:sanofi", "company:name:hoffmann-la-roche"}) {
    EXPECT_EQ(c.Get(id).type, "company") << id;
  }
  EXPECT_EQ(c.Get("organization:name:university-of-edinburgh").type, "organization");
  EXPECT_FALSE(c.Has("company:name:university-of-edinburgh"));
}

TEST_F(SharedData5Test, TheCovidTrialListAndTheWhoExportMakeOneRecordPerTrial) {
  Collected c;
  ASSERT_TRUE(RunImport("covid-trials", {dir_ + "/covid19-trials-2020-12/trial_list_2020-12-16.csv"}, &c).ok());
  EXPECT_TRUE(c.rejects.empty()) << c.RejectList().substr(0, 2000);
  EXPECT_EQ(c.Count("trial"), 6983u);  // PROVENANCE.md: 6,987 rows; 4 trials have a row per result
  size_t jprn = 0;
  for (const auto& [id, r] : c.by_id) jprn += id.rfind("trial:JPRN-", 0) == 0;
  EXPECT_EQ(jprn, 120u);
  for (const char* id : {"company:name:pfizer", "company:name:astrazeneca", "company:name:sinovac-research-and-development",
                         "company:name:modernatx", "company:name:cansino-biologics"}) {
    EXPECT_EQ(c.Get(id).type, "company") << id;
  }
  for (const char* id : {"organization:name:university-of-oxford", "organization:name:assistance-publique-hopitaux-de-paris",
                         "organization:name:tongji-hospital-tongji-medical-college-huazhong-university-of-science-and-technology"}) {
    EXPECT_EQ(c.Get(id).type, "organization") << id;
  }
  // The April 2020 WHO ICTRP export: 1,135 trials, 1,038 of them in the list too.
  ASSERT_TRUE(RunImport("ictrp", {dir_ + "/who-ictrp-covid19-trials-2020/COVID19-1135-trials_no-contacts.csv"}, &c).ok());
  EXPECT_EQ(c.Count("trial"), 6983u + 1135u - 1038u);
}

}  // namespace
}  // namespace seedgraph
