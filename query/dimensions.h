// The dimensions records are counted and filtered by: type, project,
// disease_area, modality, stage, year.  One table maps each to its boolean
// term prefix, its value slot and its vocabulary.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "schema/vocab.h"

namespace seedgraph {

struct Dimension {
  const char* name;
  std::string_view prefix;
  Xapian::valueno slot;
  const Vocabulary* vocab;  // nullptr: free values (year)
};

const std::vector<Dimension>& Dimensions();
// nullptr for an unknown name.
const Dimension* FindDimension(std::string_view name);

// Splits a multi-valued slot value (codes joined with kValueSep).
std::vector<std::string> SplitValues(const std::string& value);

// Counts the dimensions of the matches of a query (facets, cross-links),
// also over remote shards.  It is Xapian's own ValueCountMatchSpy over
// kSlotFacets, where the indexer packs every dimension of a record: the one
// spy every xapian-tcpsrv can unserialise (Xapian 1.4's stock server knows
// no spy of ours), counting each distinct combination, which ForEach splits
// into the codes of each dimension again.
class DimensionSpy {
 public:
  // The codes of each dimension, indexed as Dimensions().
  using Codes = std::vector<std::vector<std::string_view>>;

  DimensionSpy();
  Xapian::MatchSpy* spy() { return &spy_; }
  // The matches seen.
  Xapian::doccount total() const { return spy_.get_total(); }
  // f(codes, n) for each distinct combination of codes, held by n matches
  // (the views live for the call).
  void ForEach(const std::function<void(const Codes&, Xapian::doccount)>& f) const;

 private:
  Xapian::ValueCountMatchSpy spy_;
};

}  // namespace seedgraph
