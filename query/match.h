// Company matching: companies ranked as handover candidates for a seed by how
// well each company's own evidence fits it (query/company_evidence.h: the
// patents it applied for, the drugs it markets, the trials it sponsors, the
// handovers licensed to it), and the reverse view: seeds for a company.
//
// Score of a company (docs/QUALITY.md "Company matching" for the measure):
//   vote     the evidence records most like the seed (text: the seed's own
//            terms, and its title and keywords through the concept lexicon,
//            so a Japanese seed reaches English patents; patent classes)
//            give sim^2 to the companies they name (a company's k-th record
//            counts 1/k; newer evidence more);
//   profile  the seed's patent classes among the company's records, rare
//            classes more (a company that files in C07D487/04 again and
//            again fits better than one that has one such patent);
//   (vote/max + 0.3 profile/max) x (1 + 0.3 ln(1 + records naming it)),
//   plus 1 when the seed itself names the company.
// A company whose only fit is its EDINET industry is "weak" evidence and
// ranked below every company with record evidence.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "query/related.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

class CompanyBook;

struct MatchRequest {
  std::string seed;  // a record id (usually a topic, paper or patent)
  size_t limit = 20;
  // Evidence records read per signal (text, classes): pairing, which matches
  // every topic of a plan, reads fewer.
  size_t evidence_docs = 300;
};

// An evidence record a reason rests on, shown as a link.
struct CitedRecord {
  std::string id, type, rel, date, title;
  double similarity = 0;  // to the seed, 0..1 (1: the most similar evidence)
};

struct MatchCandidate {
  Hit company;                       // id, type ("company"), title, codes
  double score = 0;
  std::vector<std::string> names;    // the company's names in every source
  std::vector<std::string> members;  // its records (same_as group), canonical first
  std::vector<CitedRecord> cited;    // its evidence records most like the seed
  std::vector<std::string> reasons;  // readable sentences, e.g. "2 patents on 核酸"
  std::vector<std::string> evidence; // record ids behind the reasons
  // "record": linked to the seed or to records like it; "weak": only the
  // industry code fits (ranked below every candidate with record evidence).
  std::string strength = "record";
};

Result<std::vector<MatchCandidate>> MatchCompanies(IndexView& view, const Analyzer& analyzer,
                                                   const MatchRequest& request);
// The same with a CompanyBook (query/company_evidence.h) shared by several
// matches on one database and role: a pairing plan reads each company once.
Result<std::vector<MatchCandidate>> MatchCompanies(IndexView& view, const Analyzer& analyzer,
                                                   const MatchRequest& request, CompanyBook* book);

// The reverse view: seeds (topics, papers, patents) ranked for a company:
// those most related to what its same_as group holds (query/match.cpp
// HeldRecords: handed-over topics and patents first, at most 40 records).
Result<std::vector<RelatedHit>> SeedsForCompany(IndexView& view, const Analyzer& analyzer,
                                                const MatchRequest& request);

}  // namespace seedgraph
