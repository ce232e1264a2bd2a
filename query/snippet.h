// Highlighted snippets, computed with the shared analyzer's normalisation so
// that what matched in the index is what gets marked (ＩｇＡ in the text is
// marked for the query "iga").
#pragma once

#include <string>
#include <vector>

#include "schema/analyzer.h"

namespace seedgraph {

struct SnippetOptions {
  size_t max_chars = 160;  // code points of text around the matches
  const char* open = "<mark>";
  const char* close = "</mark>";
};

// An HTML-escaped excerpt of `text` around the first match of any segment of
// the query, with every match in the excerpt wrapped in open/close.  Without
// a match: the start of the text.  Returns "" for empty text.
std::string MakeSnippet(const Analyzer& analyzer, const std::string& text, const std::vector<Segment>& query,
                        const SnippetOptions& options = {});

// True when some segment of the query occurs in the text (normalised).
bool SnippetMatches(const Analyzer& analyzer, const std::string& text, const std::vector<Segment>& query);

}  // namespace seedgraph
