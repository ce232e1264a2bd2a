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

// A fixed weight for each of a few records, named by id: Xapian gives a
// posting source each sub-database of a combination in turn (init), with
// that sub-database's own docids, so the ids are looked up there.
class CreditSource : public Xapian::PostingSource {
 public:
  explicit CreditSource(std::vector<std::pair<std::string, double>> credits) : credits_(std::move(credits)) {
    double max = 0;
    for (const auto& c : credits_) max = std::max(max, c.second);
    set_maxweight(max);
  }
  // Exact, once init() has looked the ids up.
  Xapian::doccount get_termfreq_min() const override { return local_.size(); }
  Xapian::doccount get_termfreq_est() const override { return local_.size(); }
  Xapian::doccount get_termfreq_max() const override { return local_.size(); }
  void init(const Xapian::Database& db) override {
    local_.clear();
    double max = 0;
    for (const auto& [id, weight] : credits_) {
      const Xapian::docid did = FindDocid(db, id);
      if (did != 0) local_.emplace_back(did, weight);
      if (did != 0) max = std::max(max, weight);
    }
    set_maxweight(max);
    std::sort(local_.begin(), local_.end());
    pos_ = kBefore;
  }
  void next(double) override { pos_ = pos_ == kBefore ? 0 : pos_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    if (pos_ == kBefore) pos_ = 0;
    while (pos_ < local_.size() && local_[pos_].first < did) ++pos_;
  }
  bool at_end() const override { return pos_ != kBefore && pos_ >= local_.size(); }
  Xapian::docid get_docid() const override { return local_[pos_].first; }
  double get_weight() const override { return local_[pos_].second; }
  Xapian::PostingSource* clone() const override { return new CreditSource(credits_); }

 private:
  static constexpr size_t kBefore = static_cast<size_t>(-1);
  std::vector<std::pair<std::string, double>> credits_;       // record id, weight
  std::vector<std::pair<Xapian::docid, double>> local_;       // in the current sub-database
  size_t pos_ = kBefore;
};

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

// What each partner the filter lets through is credited: its anchor's
// weight less the partner's own text weight, so that text OR credit weighs
// max(text, anchor): a partner that ranks better on its own text keeps its
// weight, one that ranks lower lists right after its anchor.  (OP_MAX would
// say that directly, but Xapian 1.4.22's MaxPostList reads a sub-postlist it
// has freed once a posting source runs out in one database of several:
// valgrind, a 4-shard index, 筋萎縮.)  Checking the filter here keeps a
// record the caller may not see out of the posting source altogether, even
// out of Xapian's match-count estimates.
std::vector<std::pair<std::string, double>> Credits(const Xapian::Database& db, const Xapian::Query& text,
                                                      const Xapian::Query& filter,
                                                      const std::map<Xapian::docid, Anchor>& anchors) {
  std::vector<Xapian::Query> ids;
  for (const auto& [did, a] : anchors) ids.emplace_back(MakeTerm(prefix::kId, a.id));
  const Xapian::Query partners(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()),
                               filter);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, partners, text));  // weight: the text's alone
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(anchors.size()));
  std::vector<std::pair<std::string, double>> credits;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto a = anchors.find(*it);
    const double lift = a == anchors.end() ? 0 : a->second.weight * (1 - kBelow) - it.get_weight();
    if (lift > 0) credits.emplace_back(a->second.id, lift);
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
  std::vector<std::pair<std::string, double>> credits = Credits(db, text, filter, anchors);
  if (credits.empty()) return text;
  auto* source = new CreditSource(std::move(credits));
  return Xapian::Query(Xapian::Query::OP_OR, text, Xapian::Query(source->release()));
}

}  // namespace seedgraph
