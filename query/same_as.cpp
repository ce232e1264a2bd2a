#include "query/same_as.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "query/store.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Just under: the partner lists right after the record that credits it,
// above anything the query ranks lower.
constexpr double kBelow = 1e-9;

// The ids a record's data names with `same_as` links.
std::vector<std::string> SameAsTargets(const std::string& data) {
  std::vector<std::string> out;
  for (const Link& l : DecodeStoredRecord(data).links) {
    if (l.rel == "same_as") out.push_back(l.to);
  }
  return out;
}

struct Anchor {
  std::string id;     // the partner's record id
  double weight = 0;  // the weight of its best-ranked anchor
};

// Partner docid -> what it inherits from the anchors, the kSameAsAnchors
// best matches of `linked_matches`.
std::map<Xapian::docid, Anchor> AnchorWeights(const Xapian::Database& db, const Xapian::Query& linked_matches) {
  std::map<Xapian::docid, Anchor> best;
  Xapian::Enquire enquire(db);
  enquire.set_query(linked_matches);
  Xapian::MSet mset = enquire.get_mset(0, kSameAsAnchors);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    for (const std::string& id : SameAsTargets(it.get_document().get_data())) {
      const Xapian::docid did = FindDocid(db, id);
      if (did == 0 || did == *it) continue;
      Anchor& a = best[did];
      a.id = id;
      a.weight = std::max(a.weight, it.get_weight());
    }
  }
  return best;
}

// The weight each partner the filter lets through is lifted to.  Checking
// the filter here keeps a record the caller may not see out of the posting
// source altogether, even out of Xapian's match-count estimates.
std::vector<std::pair<std::string, double>> Credits(const Xapian::Database& db, const Xapian::Query& filter,
                                                      const std::map<Xapian::docid, Anchor>& anchors) {
  std::vector<Xapian::Query> ids;
  for (const auto& [did, a] : anchors) ids.emplace_back(MakeTerm(prefix::kId, a.id));
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()),
                                  filter));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(anchors.size()));
  std::vector<std::pair<std::string, double>> credits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto a = anchors.find(*it);
    if (a != anchors.end()) credits.emplace_back(a->second.id, a->second.weight * (1 - kBelow));
  }
  return credits;
}

}  // namespace

Xapian::Query WithSameAsPartners(const Xapian::Database& db, const Xapian::Query& text, const Xapian::Query& filter) {
  // MatchAll (an empty term) matches every record already; with no same_as
  // link in the index (resolve never ran) there is nothing to credit.
  const std::string has_same_as = MakeTerm(prefix::kHasRel, "same_as");
  if (text.get_type() == Xapian::Query::LEAF_MATCH_ALL || !db.term_exists(has_same_as)) return text;
  // The anchors are the best matches among the records that have a partner.
  const Xapian::Query linked(Xapian::Query::OP_AND, filter, Xapian::Query(has_same_as));
  const std::map<Xapian::docid, Anchor> anchors = AnchorWeights(db, Xapian::Query(Xapian::Query::OP_FILTER, text, linked));
  if (anchors.empty()) return text;
  std::vector<std::pair<std::string, double>> credits = Credits(db, filter, anchors);
  if (credits.empty()) return text;
  // OP_MAX: a partner that ranks better on its own text keeps its weight.
  // Each credit is Xapian's FixedWeightPostingSource on the partner's id
  // term, a source every remote shard can run (one of ours it could not).
  std::vector<Xapian::Query> lifted;
  for (const auto& [id, weight] : credits) {
    lifted.emplace_back(Xapian::Query::OP_FILTER,
                        Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                        Xapian::Query(MakeTerm(prefix::kId, id)));
  }
  return Xapian::Query(Xapian::Query::OP_MAX, text, Xapian::Query(Xapian::Query::OP_OR, lifted.begin(), lifted.end()));
}

}  // namespace seedgraph
