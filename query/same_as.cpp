#include "query/same_as.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "query/index_view.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Just under: the partner lists right after the record that credits it,
// above anything the query ranks lower.
constexpr double kBelow = 1e-9;

// Partner id -> the weight of its best-ranked anchor, among the
// kSameAsAnchors best matches of `linked_matches` (their documents fetched
// together: a round trip per remote shard, not per anchor).
std::map<std::string, double> AnchorWeights(const Xapian::Database& db, const Xapian::Query& linked_matches) {
  std::map<std::string, double> best;
  Xapian::Enquire enquire(db);
  enquire.set_query(linked_matches);
  Xapian::MSet mset = enquire.get_mset(0, kSameAsAnchors);
  FetchAll(mset);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Record anchor = DecodeStoredRecord(it.get_document().get_data());
    for (const Link& l : anchor.links) {
      if (l.rel != "same_as" || l.to == anchor.id) continue;
      double& w = best[l.to];
      w = std::max(w, it.get_weight());
    }
  }
  return best;
}

// What each partner the filter lets through is credited: its anchor's
// weight less the partner's own text weight, so that text OR credit weighs
// max(text, anchor): a partner that ranks better on its own text keeps its
// weight, one that ranks lower lists right after its anchor.  (OP_MAX would
// say that directly, but Xapian 1.4.22's MaxPostList reads a sub-postlist it
// has freed once a posting source runs out in one database of several:
// valgrind, a 4-shard index, 筋萎縮.)  Checking the filter here keeps a
// record the caller may not see out of the credit altogether, even out of
// Xapian's match-count estimates.  Partners not indexed are not matched.
std::vector<std::pair<std::string, double>> Credits(const Xapian::Database& db, const Xapian::Query& text,
                                                      const Xapian::Query& filter,
                                                      const std::map<std::string, double>& anchors) {
  std::vector<Xapian::Query> ids;
  for (const auto& [id, weight] : anchors) ids.emplace_back(MakeTerm(prefix::kId, id));
  const Xapian::Query partners(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()),
                               filter);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, partners, text));  // weight: the text's alone
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(anchors.size()));
  FetchAll(mset);
  std::vector<std::pair<std::string, double>> credits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto a = anchors.find(DecodeStoredRecord(it.get_document().get_data()).id);
    const double lift = a == anchors.end() ? 0 : a->second * (1 - kBelow) - it.get_weight();
    if (lift > 0) credits.emplace_back(a->first, lift);
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
  const std::map<std::string, double> anchors = AnchorWeights(db, Xapian::Query(Xapian::Query::OP_FILTER, text, linked));
  if (anchors.empty()) return text;
  const std::vector<std::pair<std::string, double>> credits = Credits(db, text, filter, anchors);
  if (credits.empty()) return text;
  // Each credit is Xapian's built-in FixedWeightPostingSource filtered to
  // the partner's id term: xapian-tcpsrv knows it (a posting source of our
  // own it could not unserialise), so remote shards credit as one database.
  std::vector<Xapian::Query> lifted;
  for (const auto& [id, lift] : credits) {
    auto* source = new Xapian::FixedWeightPostingSource(lift);
    lifted.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(source->release()), Xapian::Query(MakeTerm(prefix::kId, id)));
  }
  return Xapian::Query(Xapian::Query::OP_OR, text, Xapian::Query(Xapian::Query::OP_OR, lifted.begin(), lifted.end()));
}

}  // namespace seedgraph
