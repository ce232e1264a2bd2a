// Related seeds: records related to a seed record, ranked by a hybrid of
// text similarity (more-like-this from the seed's own terms), graph proximity
// (shared people, organizations, grants, diseases within two hops) and
// vocabulary overlap (disease areas, modalities, concepts).  Every hit says
// why it was chosen.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "query/search.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

// How deep a ranked list (related, match, seeds for a company) goes: a
// page asks for at most 100, a cursor's later pages reach this far.
inline constexpr size_t kMaxRankedDepth = 500;

struct RelatedRequest {
  std::string id;                 // the seed
  std::vector<std::string> types; // result types; empty: any but `outcome` (a fact about a topic)
  // "" or modality | disease_area | project: keep only results that differ
  // from the seed on that dimension (and share something else with it).
  std::string across;
  size_t limit = 20;              // 1..kMaxRankedDepth
  // Plain BM25 more-like-this only (no graph, no vocabulary): the baseline
  // the hybrid ranking is measured against (tests/pap2pat_test.cpp).
  bool text_only = false;
  // When set, only the hits it accepts are returned (and their shared terms
  // read): a caller that keeps a few of many asks for those few.
  std::function<bool(const Hit&)> keep;
  size_t keep_within = 100;  // keep is asked of the first this many hits at most
};

struct RelatedReasons {
  std::vector<std::string> shared_terms;          // normalised text terms both have
  std::vector<std::string> shared_disease_areas;
  std::vector<std::string> shared_modalities;
  std::vector<std::string> shared_nodes;          // ids of records both link to
  // Paths from the seed to the hit, each as alternating ids and rels:
  // {seed, rel, node, rel, hit}.
  std::vector<std::vector<std::string>> paths;
  double text_score = 0, graph_score = 0, vocab_score = 0;
  // What the first kLabelledNodes shared nodes and the paths' middle nodes
  // are, by id, for those indexed and visible: the UI shows titles, not ids.
  struct Label {
    std::string type;
    LangText title;
  };
  std::map<std::string, Label> labels;
};

inline constexpr size_t kLabelledNodes = 5;

struct RelatedHit {
  Hit hit;  // id, type, title, date, codes; snippet empty
  RelatedReasons reasons;
};

// The Hit of a stored record (id, type, title, date, codes), for any
// answer that lists records.
Hit HitFromDoc(const Xapian::Document& doc);

// kNotFound for an unknown/hidden seed; kInvalidArgument for a bad across
// value, type or limit.
Result<std::vector<RelatedHit>> Related(IndexView& view, const Analyzer& analyzer, const RelatedRequest& request);

}  // namespace seedgraph
