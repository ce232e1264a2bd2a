// Writes the benchmark corpus: N records of every type, linked, in the
// contract's JSON Lines.  Deterministic: each record's content comes from an
// RNG seeded by (seed, type, index), and ids are pure functions of the index,
// so a link can name any record without generating it first.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "bench/vocab.h"

namespace seedgraph::bench {

// How many records of each type (they add up to N).
struct CorpusPlan {
  size_t disease = 0, organization = 0, company = 0, person = 0, topic = 0;
  size_t trial = 0, dataset = 0, patent = 0, paper = 0;
};

// Proportions: papers ~45%, people 20%, topics 10%, patents 8%, trials 6%,
// datasets 4%, organizations 3%, companies 2%, diseases 2% (at most the
// NANDO diseases there are; papers take the rest).
CorpusPlan Plan(size_t n, size_t max_diseases);

class CorpusWriter {
 public:
  CorpusWriter(const Vocab& vocab, size_t n, uint64_t seed);
  const CorpusPlan& plan() const { return plan_; }
  // Diseases, organizations, companies, people, topics, trials, datasets,
  // patents, papers: one JSON object per line.
  void WriteAll(FILE* out);

 private:
  struct Rec;  // a record under construction (corpus_writer.cpp)
  struct Focus {
    size_t disease;
    std::vector<std::string> areas;
    std::vector<std::string> modalities;
  };

  Rng RngFor(int type, size_t i) const;
  Focus TopicFocus(size_t topic) const;
  Focus OwnFocus(Rng& rng) const;
  size_t TopicProject(size_t topic) const;
  // With probability p the record is funded by a random topic (its index in
  // *topic, its focus returned); otherwise *topic = SIZE_MAX and an own focus.
  Focus Funding(Rng& rng, double p, size_t* topic) const;
  // The project of a funded record is its topic's; others 40% a random one.
  std::string ProjectFor(Rng& rng, size_t topic) const;
  std::string JaText(Rng& rng, const Disease& d, const std::string& lead) const;
  std::string EnText(Rng& rng, const Disease& d) const;
  std::string RandomDate(Rng& rng, int from_year, int to_year) const;

  // Ids of the i-th record of each type.
  std::string DiseaseId(size_t i) const;
  std::string OrgId(size_t i) const;
  std::string CompanyId(size_t i) const;
  std::string PersonId(size_t i) const;
  std::string TopicId(size_t i) const;
  std::string TrialId(size_t i) const;
  std::string DatasetId(size_t i) const;
  std::string PatentId(size_t i) const;
  std::string PaperId(size_t i) const;

  std::string Disease_(size_t i) const;
  std::string Organization(size_t i) const;
  std::string Company_(size_t i) const;
  std::string Person(size_t i) const;
  std::string Topic(size_t i) const;
  std::string Trial(size_t i) const;
  std::string Dataset(size_t i) const;
  std::string Patent(size_t i) const;
  std::string Paper(size_t i) const;

  const Vocab& v_;
  CorpusPlan plan_;
  uint64_t seed_;
  std::vector<std::string> company_numbers_;
};

}  // namespace seedgraph::bench
