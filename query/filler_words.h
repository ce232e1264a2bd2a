// Words that say nothing about why two records are related: research and
// patent boilerplate (開発, に関する, herein, thus, demonstrate) that is not
// rare enough for the frequency cut of related's shared terms in a corpus
// where most records (companies, people, diseases) have no running text.
// Used only for the reasons shown; matching still reads every word.
#pragma once

#include <string_view>

namespace seedgraph {

// True for a display form (no term prefix) of a filler word.
bool IsFillerWord(std::string_view word);

// The list is sorted as IsFillerWord needs (for its test).
bool FillerWordsSorted();

}  // namespace seedgraph
