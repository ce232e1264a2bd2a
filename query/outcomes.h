// Outcomes of topics: handovers to companies (licensed_to), trials reached
// (registered_as), follow-on grants (continued_as) and papers
// (published_as), as the index holds them.
//
// Two sources say a topic had an outcome: a link of the topic itself (a
// JSON Lines topic with `licensed_to`), and an `outcome` record (the
// agency's outcome CSV, indexer/import/outcomes.cpp) that links
// `outcome_of` to the topic and with the relation to the partner.  The
// outcome record has its own visibility, so an internal handover stays
// internal on a public topic: a role that may not see the outcome record
// does not learn of the outcome.
//
// Targets are resolved as the index knows them: an id that is not indexed
// but names a record by one of its identifiers or its name key
// (paper:doi:<doi> for a paper indexed by PMID, company:name:<key> for
// the company indexed as company:corp:<法人番号>) stands for that record.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "schema/analyzer.h"

namespace seedgraph {

// The outcome relations, in the order indicators list them.
const std::vector<std::string>& OutcomeRels();

// The record a link target stands for: `id` itself when it is indexed; else
// the record with the identifier (paper:doi:X -> doi X, paper:pmid:N ->
// pmid N) or name key (company:name:K) it names; else `id` unchanged (not
// indexed yet).  "" when that record is one the role may not see.
// *type is set to the record's type ("" when not indexed).
std::string ResolveTarget(IndexView& view, const Analyzer& analyzer, const std::string& id,
                          std::string* type = nullptr);

struct Outcome {
  std::string rel;          // licensed_to, registered_as, continued_as, published_as
  std::string target;       // resolved (ResolveTarget)
  std::string target_type;  // "" when the target is not indexed
  std::string date;
  std::string outcome_id;   // the outcome record; "" for a link of the topic itself
  bool top1pct = false;     // a paper flagged top-1% by the outcome record
};

// The outcome links (OutcomeRels) of one record: a topic's own, or an
// outcome record's (then outcome_id and top1pct are set).  Targets the role
// may not see are left out; the record's own visibility is the caller's.
std::vector<Outcome> OutcomeLinksOf(IndexView& view, const Analyzer& analyzer, const Xapian::Document& doc);

// The outcomes of `topic_id` the role may see: its own outcome links, then
// those of the visible outcome records naming it.
std::vector<Outcome> OutcomesOf(IndexView& view, const Analyzer& analyzer, const std::string& topic_id);

// The topics (visible to the role) that visible outcome records hand over
// to `company_id`, named by that id or by one of the company's name keys.
std::vector<std::string> TopicsHandedOverTo(IndexView& view, const std::string& company_id);

// The topic an outcome record (its document data) is about; "" if none.
std::string OutcomeSubject(const std::string& record_json);

}  // namespace seedgraph
