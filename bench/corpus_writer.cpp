#include "bench/corpus_writer.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>
#include <utility>

#include "bench/corpus_internal.h"

namespace seedgraph::bench {

using namespace corpus;  // NOLINT: bench-internal tables

CorpusPlan Plan(size_t n, size_t max_diseases) {
  CorpusPlan p;
  auto share = [n](double f) { return std::max<size_t>(n >= 20 ? 1 : 0, static_cast<size_t>(n * f)); };
  p.disease = std::min(share(0.02), max_diseases);
  p.organization = share(0.03);
  p.company = share(0.02);
  p.person = share(0.20);
  p.topic = share(0.10);
  p.trial = share(0.06);
  p.dataset = share(0.04);
  p.patent = share(0.08);
  const size_t used = p.disease + p.organization + p.company + p.person + p.topic + p.trial + p.dataset + p.patent;
  p.paper = n > used ? n - used : 0;
  return p;
}

CorpusWriter::CorpusWriter(const Vocab& vocab, size_t n, uint64_t seed)
    : v_(vocab), plan_(Plan(n, vocab.diseases.size())), seed_(seed) {
  std::set<std::string> seen;
  for (const auto& c : v_.companies) {
    if (c.corporate_number.size() == 13 && seen.insert(c.corporate_number).second) {
      company_numbers_.push_back(c.corporate_number);
    } else {
      company_numbers_.push_back("");
    }
  }
}

Rng CorpusWriter::RngFor(int type, size_t i) const {
  Rng mix(seed_ * 1000003 + static_cast<uint64_t>(type) * 0x100000000ULL + i);
  return Rng(mix.Next());
}

std::string CorpusWriter::DiseaseId(size_t i) const { return "disease:nando:" + v_.diseases[i].nando_id; }
std::string CorpusWriter::OrgId(size_t i) const { return "organization:ror:0" + Padded(i, 7); }
std::string CorpusWriter::CompanyId(size_t i) const {
  if (i < company_numbers_.size() && !company_numbers_[i].empty()) return "company:corp:" + company_numbers_[i];
  return "company:corp:9" + Padded(i, 12);
}
std::string CorpusWriter::PersonId(size_t i) const {
  return "person:orcid:0000-0002-" + Padded(i / 10000, 4) + "-" + Padded(i % 10000, 4);
}
std::string CorpusWriter::TopicId(size_t i) const {
  return "topic:amed:JP" + std::to_string(18 + i % 7) + "ek" + Padded(i, 7);
}
std::string CorpusWriter::TrialId(size_t i) const {
  return i % 3 == 0 ? "trial:NCT" + Padded(4000000 + i, 8) : "trial:JPRN-jRCT2031" + Padded(i, 6);
}
std::string CorpusWriter::DatasetId(size_t i) const { return "dataset:JGAD" + Padded(i + 1, 6); }
std::string CorpusWriter::PatentId(size_t i) const {
  return "patent:JP" + std::to_string(2015 + i % 10) + Padded(i, 6) + "A";
}
std::string CorpusWriter::PaperId(size_t i) const { return "paper:pmid:" + std::to_string(30000000 + i); }

// A record's own focus: a disease (indexed in the corpus) with its areas.
CorpusWriter::Focus CorpusWriter::OwnFocus(Rng& rng) const {
  Focus f;
  f.disease = rng.Below(plan_.disease);
  f.areas.push_back(v_.diseases[f.disease].pediatric ? "child_maternal" : "intractable");
  if (rng.Chance(0.25)) {
    const std::string& extra = rng.Pick(kAreas);
    if (extra != f.areas.front()) f.areas.push_back(extra);
  }
  f.modalities.push_back(kModalities[WeightedModality(rng)].code);
  if (rng.Chance(0.2)) {
    const std::string second = kModalities[WeightedModality(rng)].code;
    if (second != f.modalities.front()) f.modalities.push_back(second);
  }
  return f;
}

// The focus of topic i: funded records share it (so searches cluster).
CorpusWriter::Focus CorpusWriter::TopicFocus(size_t topic) const {
  Rng rng = RngFor(kTopic + 100, topic);
  return OwnFocus(rng);
}

// About `lead` + description sentences, 220..400 characters.
std::string CorpusWriter::JaText(Rng& rng, const Disease& d, const std::string& lead) const {
  const size_t target = 220 + rng.Below(180);
  std::string text = lead;
  if (!d.description.empty() && rng.Chance(0.5)) {
    const auto cps = SplitCodePoints(d.description);
    for (size_t i = 0; i < cps.size() && i < 160; ++i) text += cps[i];
    text += "。";
  }
  while (CodePoints(text) < target) text += rng.Pick(v_.sentences);
  return text;
}

// English: the disease and MeSH terms in a few sentence frames, 200..400 bytes.
std::string CorpusWriter::EnText(Rng& rng, const Disease& d) const {
  const size_t target = 200 + rng.Below(200);
  std::string text;
  while (text.size() < target) {
    const char* fmt = kEnTemplates[rng.Below(std::size(kEnTemplates))];
    const std::string b = rng.Chance(0.4) ? d.name_en : rng.Pick(v_.mesh_terms);
    text += Format(fmt, rng.Pick(v_.mesh_terms), b);
  }
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text.substr(0, text.size() - 1);
}

std::string CorpusWriter::RandomDate(Rng& rng, int from_year, int to_year) const {
  const int y = from_year + static_cast<int>(rng.Below(static_cast<size_t>(to_year - from_year + 1)));
  return std::to_string(y) + "-" + Padded(1 + rng.Below(12), 2) + "-" + Padded(1 + rng.Below(28), 2);
}

void CorpusWriter::WriteAll(FILE* out) {
  struct Block {
    size_t count;
    std::string (CorpusWriter::*make)(size_t) const;
  };
  const Block blocks[] = {{plan_.disease, &CorpusWriter::Disease_},   {plan_.organization, &CorpusWriter::Organization},
                          {plan_.company, &CorpusWriter::Company_},   {plan_.person, &CorpusWriter::Person},
                          {plan_.topic, &CorpusWriter::Topic},        {plan_.trial, &CorpusWriter::Trial},
                          {plan_.dataset, &CorpusWriter::Dataset},    {plan_.patent, &CorpusWriter::Patent},
                          {plan_.paper, &CorpusWriter::Paper}};
  for (const Block& b : blocks) {
    for (size_t i = 0; i < b.count; ++i) {
      const std::string line = (this->*b.make)(i);
      std::fwrite(line.data(), 1, line.size(), out);
    }
  }
}

}  // namespace seedgraph::bench
