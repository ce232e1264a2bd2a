// Company matching: companies ranked as handover candidates for a seed, from
// what the graph knows of each company (patents it applied for, past
// licensed_to handovers, EDINET industry, the disease areas and modalities
// of everything linked to it), and the reverse view: seeds for a company.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/access.h"
#include "query/related.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

struct MatchRequest {
  std::string seed;  // a record id (usually a topic, paper or patent)
  size_t limit = 20;
  Role role = Role::kPublic;
};

struct MatchCandidate {
  Hit company;                       // id, type ("company"), title, codes
  double score = 0;
  std::vector<std::string> reasons;  // readable sentences, e.g. "2 patents on 核酸"
  std::vector<std::string> evidence; // record ids behind the reasons
  // "record": linked to the seed or to records like it; "weak": only the
  // industry code fits (ranked below every candidate with record evidence).
  std::string strength = "record";
};

Result<std::vector<MatchCandidate>> MatchCompanies(Xapian::Database& db, const Analyzer& analyzer,
                                                   const MatchRequest& request);

// The reverse view: seeds (topics, papers, patents) ranked for a company.
Result<std::vector<RelatedHit>> SeedsForCompany(Xapian::Database& db, const Analyzer& analyzer,
                                                const MatchRequest& request);

}  // namespace seedgraph
