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

}  // namespace
}  // namespace seedgraph
