// The dimensions records are counted and filtered by: type, project,
// disease_area, modality, stage, year.  One table maps each to its boolean
// term prefix, its value slot and its vocabulary.
#pragma once

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

}  // namespace seedgraph
