// Vocabulary tagging (indexer/tagger.h) with the real dictionary
// data/vocab/tags.tsv, plus the demo corpus's KAKEN topics.
#include "indexer/tagger.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <set>

#include "schema/record_json.h"
#include "test_util.h"

namespace seedgraph {
namespace {

const std::string kDictionary = std::string(SEEDGRAPH_SOURCE_DIR) + "/data/vocab/tags.tsv";

class TaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    analyzer_ = new Analyzer();
    auto t = Tagger::Load(kDictionary, *analyzer_);
    ASSERT_TRUE(t.ok()) << t.status().message();
    tagger_ = new Tagger(std::move(t.value()));
  }
  static void TearDownTestSuite() {
    delete tagger_;
    delete analyzer_;
  }
  static Analyzer* analyzer_;
  static Tagger* tagger_;
};
Analyzer* TaggerTest::analyzer_ = nullptr;
Tagger* TaggerTest::tagger_ = nullptr;

// "field:code" of every entry of attrs.derived_tags, and the term per code.
struct Derived {
  std::set<std::string> codes;
  std::map<std::string, std::string> term;
};

Derived ReadDerived(const Record& r) {
  Derived d;
  if (r.attrs_json.empty()) return d;
  rapidjson::Document doc;
  doc.Parse(r.attrs_json.c_str());
  if (!doc.IsObject() || !doc.HasMember("derived_tags")) return d;
  for (const auto& t : doc["derived_tags"].GetArray()) {
    std::string key = std::string(t["field"].GetString()) + ":" + t["code"].GetString();
    d.codes.insert(key);
    d.term[key] = t["term"].GetString();
  }
  return d;
}

struct Row {
  const char* title_ja;
  const char* title_en;
  const char* text;
  std::vector<std::string> expected;  // "field:code" that must be derived
  const char* term;                   // the term quoted for expected[0] ("" = any)
  std::vector<std::string> absent;    // "field:code" that must not be derived
};

TEST_F(TaggerTest, TableOfTitles) {
  const std::vector<Row> rows = {
      {"iPS細胞を用いた網膜色素変性の治療", "", "", {"modalities:cell_therapy"}, "iPS細胞", {}},
      {"", "CAR-T therapy for refractory lymphoma", "",
       {"modalities:cell_therapy", "disease_areas:cancer"}, "CAR-T", {}},
      {"認知症血液バイオマーカーの開発", "", "",
       {"disease_areas:geriatric_dementia", "modalities:diagnostic"}, "認知症", {}},
      {"肺癌における新規治療標的の探索", "", "", {"disease_areas:cancer"}, "肺癌", {}},
      {"", "Antisense oligonucleotide therapy for spinal muscular atrophy", "",
       {"modalities:nucleic_acid"}, "oligonucleotide", {}},
      {"", "Blood markers of Alzheimer's disease", "", {"disease_areas:geriatric_dementia"}, "Alzheimer", {}},
      // Word boundaries: "ai" inside "domain" or "maintain" is not AI.
      {"", "Domain adaptation to maintain accuracy", "", {}, "", {"modalities:digital"}},
      {"", "AI-assisted endoscopy", "", {"modalities:digital"}, "AI", {}},
      // A Latin edge of a Japanese term is a word boundary too.
      {"microchips細胞培養装置", "", "", {}, "", {"modalities:cell_therapy"}},
      // Full-width Latin and half-width katakana are folded first.
      {"ｉＰＳ細胞由来心筋シートの作製", "", "", {"modalities:cell_therapy"}, "iPS細胞", {}},
      {"ﾜｸﾁﾝ開発のための抗原設計", "", "", {"modalities:vaccine"}, "ワクチン", {}},
      {"ＡＡＶベクターによる遺伝子治療", "", "", {"modalities:gene_therapy"}, "遺伝子治療", {}},
      // Plural fold; and the text, not only the title, is read.
      {"", "A study", "Solid tumors in mice", {"disease_areas:cancer"}, "tumor", {}},
      {"歯周病菌と全身疾患", "", "", {"disease_areas:dental_oral"}, "", {}},
      {"新型コロナウイルス感染症の重症化因子", "", "", {"disease_areas:infectious"}, "", {}},
      {"", "Glioblastoma invasion", "", {"disease_areas:cancer"}, "Glioblastoma", {}},
      // No medical term at all: nothing derived.
      {"活性汚泥からの亜硝酸ガス発生量の定量", "", "", {}, "",
       {"disease_areas:cancer", "modalities:digital"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::string(row.title_ja) + row.title_en + row.text);
    Record r;
    r.id = "topic:test";
    r.type = "topic";
    r.title = {row.title_ja, row.title_en};
    r.text.en = row.text;
    tagger_->Tag(&r, *analyzer_);
    Derived d = ReadDerived(r);
    for (const auto& e : row.expected) EXPECT_TRUE(d.codes.count(e)) << "missing " << e << " in " << r.attrs_json;
    for (const auto& e : row.absent) EXPECT_FALSE(d.codes.count(e)) << "unexpected " << e << " in " << r.attrs_json;
    if (row.expected.empty()) {
      EXPECT_TRUE(r.disease_areas.empty() && r.modalities.empty()) << r.attrs_json;
      EXPECT_EQ(r.attrs_json, "");
    } else if (*row.term != '\0') {
      EXPECT_EQ(d.term[row.expected[0]], row.term);
    }
    // The record's fields carry exactly the derived codes.
    EXPECT_EQ(r.disease_areas.size() + r.modalities.size(), d.codes.size());
  }
}

TEST_F(TaggerTest, GivenCodesAreNeverOverwritten) {
  Record r;
  r.type = "topic";
  r.title.ja = "肺癌に対する抗体医薬の開発";
  r.disease_areas = {"infectious"};
  r.attrs_json = R"({"source":"AMED"})";
  tagger_->Tag(&r, *analyzer_);
  EXPECT_EQ(r.disease_areas, std::vector<std::string>{"infectious"});
  EXPECT_EQ(r.modalities, std::vector<std::string>{"biologic"});
  Derived d = ReadDerived(r);
  EXPECT_EQ(d.codes, std::set<std::string>{"modalities:biologic"});
  EXPECT_NE(r.attrs_json.find(R"("source":"AMED")"), std::string::npos) << "other attrs kept";

  Record both = r;
  both.attrs_json = R"({"x":1})";
  EXPECT_EQ(tagger_->Tag(&both, *analyzer_), 0u);
  EXPECT_EQ(both.attrs_json, R"({"x":1})");
}

TEST_F(TaggerTest, DiseaseRecordsOnlyWhenEmptyAndEntitiesNever) {
  Record disease;
  disease.type = "disease";
  disease.title = {"脊髄性筋萎縮症", "Spinal muscular atrophy"};
  tagger_->Tag(&disease, *analyzer_);
  EXPECT_TRUE(ReadDerived(disease).codes.count("disease_areas:intractable")) << disease.attrs_json;
  Record given = disease;
  given.attrs_json.clear();
  given.disease_areas = {"intractable"};
  given.text.ja = "抗アクアポリン4抗体が陽性となる";  // an autoantibody, not a biologic
  EXPECT_EQ(tagger_->Tag(&given, *analyzer_), 0u);
  EXPECT_TRUE(given.modalities.empty());

  Record person;
  person.type = "person";
  person.title.ja = "癌 太郎";
  EXPECT_EQ(tagger_->Tag(&person, *analyzer_), 0u);
  EXPECT_TRUE(person.disease_areas.empty());
}

TEST(TaggerLoad, RejectsUnknownCodesWithFileAndLine) {
  Analyzer analyzer;
  std::string path = TestPath("bad_tags.tsv");
  std::ofstream(path) << "# comment\nがん\tdisease_areas\tcancer\thand\n腫瘍\tdisease_areas\toncology\thand\n";
  auto t = Tagger::Load(path, analyzer);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("bad_tags.tsv:3: unknown disease_areas code 'oncology'"),
            std::string::npos)
      << t.status().message();
  EXPECT_FALSE(Tagger::Load(TestPath("missing.tsv"), analyzer).ok());
}

// The first ~90 bytes of `s`, not cut inside a UTF-8 sequence.
std::string Head(const std::string& s) {
  size_t n = std::min<size_t>(s.size(), 90);
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::vector<Record> ReadDemo(const std::string& name) {
  std::vector<Record> out;
  std::ifstream in(std::string(SEEDGRAPH_SOURCE_DIR) + "/data/demo/" + name);
  std::string line;
  while (std::getline(in, line)) {
    Record r;
    if (ParseRecord(line, &r).ok()) out.push_back(std::move(r));
  }
  return out;
}

TEST_F(TaggerTest, DemoKakenTopics) {
  auto topics = ReadDemo("kaken.jsonl");
  ASSERT_EQ(topics.size(), 127u);
  size_t tagged = 0, areas = 0, modalities = 0, shown = 0;
  for (auto r : topics) {
    if (tagger_->Tag(&r, *analyzer_) == 0) continue;
    ++tagged;
    areas += !r.disease_areas.empty();
    modalities += !r.modalities.empty();
    // TAGGER_SHOW_ALL=1 prints every tagged topic, for reviewing precision.
    if (shown++ < 8 || std::getenv("TAGGER_SHOW_ALL") != nullptr) {
      rapidjson::Document doc;
      doc.Parse(r.attrs_json.c_str());
      std::cout << "  " << Head(r.title.ja.empty() ? r.title.en : r.title.ja) << "\n    ";
      for (const auto& t : doc["derived_tags"].GetArray())
        std::cout << t["code"].GetString() << "<-" << t["term"].GetString() << " (" << t["source"].GetString()
                  << ")  ";
      std::cout << "\n";
    }
  }
  std::cout << "KAKEN demo topics tagged: " << tagged << " of " << topics.size() << " (disease area "
            << areas << ", modality " << modalities << ")\n";
  EXPECT_GE(tagged, 40u);
}

// Not a benchmark gate, a number for the report: the tagger runs on every
// record of a 1M-record ingest.  CPU time (std::clock), not wall time, so a
// busy machine does not inflate it.
double CpuMicros(std::clock_t since) { return 1e6 * double(std::clock() - since) / CLOCKS_PER_SEC; }

TEST_F(TaggerTest, SpeedOnDemoCorpus) {
  std::vector<Record> all;
  for (const char* f : {"kaken.jsonl", "nando.jsonl", "edinet.jsonl"}) {
    auto part = ReadDemo(f);
    all.insert(all.end(), part.begin(), part.end());
  }
  ASSERT_GT(all.size(), 3000u);
  // As if nothing were given, so that every record is matched.
  for (auto& r : all) {
    r.disease_areas.clear();
    r.modalities.clear();
    if (r.type == "company") r.type = "topic";
  }
  constexpr int kRounds = 10;
  size_t tagged = 0;
  std::clock_t start = std::clock();
  for (int round = 0; round < kRounds; ++round) {
    for (auto r : all) tagged += tagger_->Tag(&r, *analyzer_) > 0;
  }
  double tag_us = CpuMicros(start) / (kRounds * all.size());
  start = std::clock();
  for (int round = 0; round < kRounds; ++round) {
    for (auto r : all) tagged += r.title.ja.size() == 1;  // the copy alone
  }
  double copy_us = CpuMicros(start) / (kRounds * all.size());
  start = std::clock();
  size_t bytes = 0;
  for (const auto& r : all) {
    bytes += analyzer_->Normalize(r.title.ja + "\n" + r.title.en + "\n" + r.text.ja.substr(0, 2000) +
                                  "\n" + r.text.en.substr(0, 2000))
                 .size();
  }
  double norm_us = CpuMicros(start) / all.size();
  std::cout << "tagging " << all.size() << " demo records (all fields emptied): " << tag_us - copy_us
            << " us/record CPU, of which ICU normalisation " << norm_us << " us (" << bytes / all.size()
            << " bytes/record); " << tagged / kRounds << " tagged; dictionary " << tagger_->size()
            << " terms\n";
}

// The AMED hereditary-deafness grant names no disease NANDO lists (遺伝性難聴
// is no 指定難病 name), but its programme is the intractable-disease one: the
// nbdc importer gives the programme as a keyword, and 難治性疾患 / intractable
// disease are dictionary terms.
TEST_F(TaggerTest, IntractableDiseaseProgrammeTagsItsGrants) {
  Record r;
  r.id = "topic:amed:JP16ek0109114";
  r.type = "topic";
  r.title = {"科学的エビデンスに基づいた遺伝性難聴の治療法確立に関する調査研究",
             "Development of evidence based treatments for inherited hearing loss"};
  r.keywords = {"日本医療研究開発機構 (AMED) 難治性疾患実用化研究事業",
                "Practical Research Project for Rare / Intractable Diseases, Japan Agency for Medical Research and Development"};
  tagger_->Tag(&r, *analyzer_);
  EXPECT_EQ(r.disease_areas, std::vector<std::string>{"intractable"});
  Record ja = r;
  ja.disease_areas.clear();
  ja.attrs_json.clear();
  ja.title.en.clear();
  ja.keywords = {"厚生労働科学研究費補助金 難治性疾患政策研究事業"};
  tagger_->Tag(&ja, *analyzer_);
  EXPECT_EQ(ja.disease_areas, std::vector<std::string>{"intractable"});
  EXPECT_EQ(ReadDerived(ja).term["disease_areas:intractable"], "難治性疾患");
  // The title alone says nothing of the area: the fix is the programme, not the id.
  Record bare = r;
  bare.disease_areas.clear();
  bare.attrs_json.clear();
  bare.keywords.clear();
  tagger_->Tag(&bare, *analyzer_);
  EXPECT_TRUE(std::find(bare.disease_areas.begin(), bare.disease_areas.end(), "intractable") == bare.disease_areas.end());
}

}  // namespace
}  // namespace seedgraph
