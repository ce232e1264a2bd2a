// Free text -> the Xapian query that selects and ranks records, built from
// the shared analyzer's segments (never from Xapian's QueryParser, so any
// input is safe).
//
// A query is a sequence of units, all required: a word, a run of CJK text,
// a span that names a concept, or a "quoted phrase".  A unit matches through
// the text as typed or through its expansions (orthographic variants, the
// other names of the concept it names: disease names and the ja/en lexicon,
// indexer/lexicon.h), which weigh less than the literal text and only ever
// add matches.  Precision rules:
//   - acronyms as typed (ALS, SMA, iPS, mRNA: 2-6 letters with two capitals
//     or a capital after a small letter) match the whole word, unstemmed;
//   - a katakana word of at most 3 characters, and every katakana variant of
//     a kana query, match whole katakana words only (ガン is not ガンマ);
//   - kanji and longer kana still match inside compounds (筋萎縮 finds
//     脊髄性筋萎縮症).
// Ranking boosts that never decide a match: the whole query as a record's
// name, ICU dictionary words, and the query's words adjacent (a phrase) or
// near each other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "schema/analyzer.h"

namespace seedgraph {

class QueryExpander;

struct TextQueryOptions {
  const QueryExpander* expander = nullptr;  // null: no expansion at all
  // Expansion names the user turned off (compared after normalisation).
  std::vector<std::string> drop;
  // The database (the reader's IndexView::db()) over whose terms a lone CJK
  // character expands to the most frequent words it begins.  The expansion
  // is made here, once over the whole combination, rather than by Xapian's
  // OP_WILDCARD, which 1.4 expands in each sub-database (each shard or
  // visibility level) by that database's own frequencies, so a record's score
  // depended on how the index was split (and a remote shard would pick
  // other words than a local one).  Null: OP_WILDCARD (a query built with no
  // index at hand, e.g. in a test of its shape).
  const Xapian::Database* terms = nullptr;
};

// What a unit of the query was expanded to.
struct Expansion {
  std::string term;                  // the query text it expands (normalized)
  std::vector<std::string> names;    // the alternatives used
  std::vector<std::string> dropped;  // alternatives the caller turned off
};

struct TextQuery {
  Xapian::Query query;
  std::vector<Segment> highlight;  // the segments of every spelling tried
  std::vector<Expansion> expansions;
  // Each required unit on its own, with the text it stands for: the
  // partial-match fallback ORs them and names the ones a record lacks.
  std::vector<Xapian::Query> units;
  std::vector<std::string> unit_labels;
};

// Spaces, tabs, newlines and the ideographic space U+3000 only.
bool IsBlankQuery(std::string_view s);

// An empty/blank text gives MatchAll; text with no searchable segment (only
// punctuation) gives MatchNothing.
TextQuery BuildTextQuery(const Analyzer& analyzer, const std::string& text, const TextQueryOptions& options);
TextQuery BuildTextQuery(const Analyzer& analyzer, const std::string& text, const QueryExpander* expander);
Xapian::Query BuildTextQuery(const Analyzer& analyzer, const std::string& text);

}  // namespace seedgraph
