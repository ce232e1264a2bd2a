// One function per record type: content drawn from the vocabularies, links
// to records of the same corpus by index (see corpus_writer.h).
#include <cstdint>

#include "bench/corpus_internal.h"

namespace seedgraph::bench {

using namespace corpus;  // NOLINT: bench-internal tables

size_t CorpusWriter::TopicProject(size_t topic) const { return RngFor(kTopic + 200, topic).Below(kProjects.size()); }

CorpusWriter::Focus CorpusWriter::Funding(Rng& rng, double p, size_t* topic) const {
  *topic = SIZE_MAX;
  if (plan_.topic > 0 && rng.Chance(p)) {
    *topic = rng.Below(plan_.topic);
    return TopicFocus(*topic);
  }
  return OwnFocus(rng);
}

std::string CorpusWriter::ProjectFor(Rng& rng, size_t topic) const {
  if (topic != SIZE_MAX) return kProjects[TopicProject(topic)];
  return rng.Chance(0.4) ? rng.Pick(kProjects) : "";
}

namespace {

std::string PickStage(Rng& rng) {
  static const char* const kStages[] = {"basic", "basic", "basic", "applied", "applied",
                                        "nonclinical", "nonclinical", "clinical", "clinical", "approved"};
  return kStages[rng.Below(std::size(kStages))];
}

std::vector<std::string> Keywords(Rng& rng, const Vocab& v, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back(rng.Pick(v.kaken_keywords));
  return out;
}

const char* Phase(Rng& rng) {
  static const char* const kPhases[] = {"I", "II", "II", "III"};
  return kPhases[rng.Below(4)];
}

}  // namespace

std::string CorpusWriter::Disease_(size_t i) const {
  const Disease& d = v_.diseases[i];
  Rng rng = RngFor(kDisease, i);
  Rec r(DiseaseId(i), "disease");
  r.Lang("title", d.name_ja, d.name_en);
  const std::string text = !d.description.empty()
                               ? d.description
                               : JaText(rng, d, d.name_ja + "は、" + (d.pediatric ? "小児慢性特定疾病" : "指定難病") +
                                                    "に指定されている疾患である。");
  r.Lang("text", text, "");
  r.List("disease_areas", {d.pediatric ? "child_maternal" : "intractable"});
  r.Ids({{"nando", "NANDO:" + d.nando_id}});
  return r.Finish();
}

std::string CorpusWriter::Organization(size_t i) const {
  Rng rng = RngFor(kOrg, i);
  const auto& inst = kInstitutions[i % kInstitutions.size()];
  const auto& dept = kDepartments[(i / kInstitutions.size()) % kDepartments.size()];
  std::string ja = std::string(inst.first) + dept.first;
  std::string en = std::string(dept.second) + ", " + inst.second;
  const std::string kw = rng.Pick(v_.kaken_keywords);
  if (i >= kInstitutions.size() * kDepartments.size()) {
    ja += " " + kw + "研究室";
    en = "Laboratory of " + rng.Pick(v_.mesh_terms) + ", " + en;
  }
  Rec r(OrgId(i), "organization");
  r.Lang("title", ja, en);
  r.Lang("text", ja + "は、" + kw + "および" + rng.Pick(v_.kaken_keywords) + "に関する研究を行う。", "");
  r.List("keywords", {kw});
  r.Ids({{"ror", "0" + Padded(i, 7)}});
  return r.Finish();
}

std::string CorpusWriter::Company_(size_t i) const {
  Rng rng = RngFor(kCompany, i);
  const Company& c = v_.companies[i % v_.companies.size()];
  const std::string id = CompanyId(i);
  const Modality& m = kModalities[WeightedModality(rng)];
  Rec r(id, "company");
  r.Lang("title", c.name_ja, c.name_en);
  r.Lang("text", c.name_ja + "は、" + c.industry + "を主な業種とし、" + m.ja + "の研究開発と製造販売を行う。", "");
  r.List("keywords", {c.industry});
  r.List("modalities", {m.code});
  r.Ids({{"corporate_number", id.substr(id.rfind(':') + 1)}});
  return r.Finish();
}

std::string CorpusWriter::Person(size_t i) const {
  Rng rng = RngFor(kPerson, i);
  const auto& family = rng.Pick(kFamily);
  const auto& given = rng.Pick(kGiven);
  Rec r(PersonId(i), "person");
  r.Lang("title", std::string(family.first) + " " + given.first, std::string(given.second) + " " + family.second);
  r.List("keywords", Keywords(rng, v_, 2));
  r.Ids({{"orcid", PersonId(i).substr(13)}});
  if (plan_.organization > 0) r.Link("affiliation", OrgId(rng.Below(plan_.organization)));
  return r.Finish();
}

std::string CorpusWriter::Topic(size_t i) const {
  Rng rng = RngFor(kTopic, i);
  const Focus f = TopicFocus(i);
  const Disease& d = v_.diseases[f.disease];
  const Modality& m = ModalityByCode(f.modalities.front());
  const std::string kw = rng.Pick(v_.kaken_keywords);
  Rec r(TopicId(i), "topic");
  if (rng.Chance(0.3)) r.Lang("title", rng.Pick(v_.kaken_titles), "");
  else r.Lang("title", d.name_ja + "に対する" + m.ja + "の研究開発", std::string("Development of ") + m.en + " for " + d.name_en);
  r.Lang("text", JaText(rng, d, "本研究開発課題では、" + d.name_ja + "を対象として、" + kw + "に着目した" + m.ja + "の開発を行う。"),
         EnText(rng, d));
  std::vector<std::string> kws = Keywords(rng, v_, 3);
  kws.push_back(d.name_ja);
  r.List("keywords", kws);
  const std::string year = std::to_string(2018 + i % 7);
  r.Str("date", year + "-04-01");
  r.Str("project", kProjects[TopicProject(i)]);
  r.List("disease_areas", f.areas);
  r.List("modalities", f.modalities);
  r.Str("stage", PickStage(rng));
  r.Ids({{"grant", TopicId(i).substr(11)}});
  for (size_t k = 0, n = 1 + rng.Below(2); k < n && plan_.person > 0; ++k) r.Link("investigator", PersonId(rng.Below(plan_.person)));
  r.Link("studies", DiseaseId(f.disease));
  if (plan_.trial > 0 && rng.Chance(0.1)) r.Link("registered_as", TrialId(rng.Below(plan_.trial)));
  if (plan_.company > 0 && rng.Chance(0.04)) r.Link("licensed_to", CompanyId(rng.Below(plan_.company)), RandomDate(rng, 2020, 2024));
  if (rng.Chance(0.08) && i + 1 < plan_.topic) r.Link("continued_as", TopicId(i + 1 + rng.Below(plan_.topic - i - 1)));
  return r.Finish(rng.Chance(0.03) ? "internal" : "public");
}

std::string CorpusWriter::Trial(size_t i) const {
  Rng rng = RngFor(kTrial, i);
  size_t topic;
  const Focus f = Funding(rng, 0.5, &topic);
  const Disease& d = v_.diseases[f.disease];
  const Modality& m = ModalityByCode(f.modalities.front());
  const char* phase = Phase(rng);
  Rec r(TrialId(i), "trial");
  r.Lang("title", d.name_ja + "患者を対象とした" + m.ja + "の第" + phase + "相試験",
         std::string("A phase ") + phase + " study of " + m.en + " in patients with " + d.name_en);
  r.Lang("text", JaText(rng, d, d.name_ja + "患者を対象に" + m.ja + "の有効性と安全性を評価する多施設共同第" + phase + "相試験である。"),
         EnText(rng, d));
  r.Str("date", RandomDate(rng, 2015, 2024));
  r.Str("project", ProjectFor(rng, topic));
  r.List("disease_areas", f.areas);
  r.List("modalities", f.modalities);
  r.Str("stage", "clinical");
  const std::string key = TrialId(i).substr(6);
  r.Ids({{i % 3 == 0 ? "nct" : "jrct", i % 3 == 0 ? key : key.substr(5)}});
  if (topic != SIZE_MAX) r.Link("funded_by", TopicId(topic));
  r.Link("studies", DiseaseId(f.disease));
  return r.Finish();
}

std::string CorpusWriter::Dataset(size_t i) const {
  Rng rng = RngFor(kDataset, i);
  size_t topic;
  const Focus f = Funding(rng, 0.6, &topic);
  const Disease& d = v_.diseases[f.disease];
  const auto& assay = rng.Pick(kAssays);
  Rec r(DatasetId(i), "dataset");
  r.Lang("title", d.name_ja + "患者の" + assay.first + "データ", std::string(assay.second) + " data of patients with " + d.name_en);
  r.Lang("text", JaText(rng, d, d.name_ja + "患者" + std::to_string(20 + rng.Below(980)) + "例の" + assay.first + "データを収載したデータセットである。"),
         EnText(rng, d));
  r.Str("date", RandomDate(rng, 2015, 2024));
  r.Str("project", ProjectFor(rng, topic));
  r.List("disease_areas", f.areas);
  r.Ids({{"jga", DatasetId(i).substr(8)}});
  if (topic != SIZE_MAX) r.Link("funded_by", TopicId(topic));
  r.Link("studies", DiseaseId(f.disease));
  return r.Finish(rng.Chance(0.05) ? "internal" : "public");
}

std::string CorpusWriter::Patent(size_t i) const {
  Rng rng = RngFor(kPatent, i);
  size_t topic;
  const Focus f = Funding(rng, 0.3, &topic);
  const Disease& d = v_.diseases[f.disease];
  const std::string kw = rng.Pick(v_.kaken_keywords);
  const std::string mesh = rng.Pick(v_.mesh_terms);
  Rec r(PatentId(i), "patent");
  r.Lang("title", kw + "を含む" + d.name_ja + "の治療剤", "Composition comprising " + mesh + " for treating " + d.name_en);
  r.Lang("text", JaText(rng, d, "本発明は、" + kw + "を有効成分として含有する" + d.name_ja + "の予防又は治療剤に関する。"),
         EnText(rng, d));
  r.List("keywords", {kw});
  r.Str("date", RandomDate(rng, 2015, 2024));
  r.Str("project", ProjectFor(rng, topic));
  r.List("disease_areas", f.areas);
  r.List("modalities", f.modalities);
  r.Str("stage", rng.Chance(0.5) ? "applied" : "nonclinical");
  r.Ids({{"patent", PatentId(i).substr(7)}});
  if (plan_.company > 0 && rng.Chance(0.7)) r.Link("applicant", CompanyId(rng.Below(plan_.company)));
  else if (plan_.organization > 0) r.Link("applicant", OrgId(rng.Below(plan_.organization)));
  for (size_t k = 0, n = 1 + rng.Below(3); k < n && plan_.person > 0; ++k) r.Link("inventor", PersonId(rng.Below(plan_.person)));
  if (topic != SIZE_MAX) r.Link("funded_by", TopicId(topic));
  r.Link("studies", DiseaseId(f.disease));
  return r.Finish(rng.Chance(0.01) ? "restricted" : "public");
}

std::string CorpusWriter::Paper(size_t i) const {
  static const char* const kDesigns[] = {"cohort", "case-control", "cross-sectional", "mouse model", "single-cell"};
  Rng rng = RngFor(kPaper, i);
  size_t topic;
  const Focus f = Funding(rng, 0.7, &topic);
  const Disease& d = v_.diseases[f.disease];
  const std::string kw = rng.Pick(v_.kaken_keywords);
  Rec r(PaperId(i), "paper");
  r.Lang("title", rng.Chance(0.5) ? d.name_ja + "における" + kw + "の解析" : "",
         rng.Pick(v_.mesh_terms) + " in " + d.name_en + ": a " + kDesigns[rng.Below(std::size(kDesigns))] + " study");
  r.Lang("text", JaText(rng, d, d.name_ja + "患者における" + kw + "の役割を解析した。"), EnText(rng, d));
  r.List("keywords", Keywords(rng, v_, 3));
  r.Str("date", RandomDate(rng, 2010, 2024));
  r.Str("project", ProjectFor(rng, topic));
  r.List("disease_areas", f.areas);
  if (rng.Chance(0.5)) r.List("modalities", f.modalities);
  r.Str("stage", rng.Chance(0.7) ? "basic" : "applied");
  r.Ids({{"pmid", std::to_string(30000000 + i)}, {"doi", "10.5555/sg." + std::to_string(i)}});
  if (topic != SIZE_MAX) r.Link("funded_by", TopicId(topic));
  for (size_t k = 0, n = 2 + rng.Below(5); k < n && plan_.person > 0; ++k) r.Link("author", PersonId(rng.Below(plan_.person)));
  r.Link("studies", DiseaseId(f.disease));
  for (size_t k = 0, n = i > 0 ? rng.Below(5) : 0; k < n; ++k) r.Link("cites", PaperId(rng.Below(i)));
  if (rng.Chance(0.01)) {
    r.w.Key("attrs");
    r.w.StartObject();
    r.w.Key("top1pct");
    r.w.Bool(true);
    r.w.EndObject();
  }
  return r.Finish();
}

}  // namespace seedgraph::bench
