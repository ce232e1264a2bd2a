// Orthographic variants of Japanese names, and the key under which names of
// one concept are matched.
//
// Japanese writes one word several ways: がん / 癌 / ガン, まひ / 麻痺,
// ヴィ / ビ (エヴァンズ / エバンズ), small or large kana (ウィルソン /
// ウイルソン, ベーチェット / ベーチエット), hiragana or katakana
// (もやもや / モヤモヤ), and a few kanji variants (頚 / 頸).  NFKC (the
// analyzer) already folds width and compatibility forms; this table covers
// what it does not.  It is hand-kept on purpose: every entry is a spelling
// that means the same thing, so expanding a query through it never changes
// what the query is about.
//
// Nothing here touches the index: the analyzer stays as it is, and the query
// side tries the variants (query/expand.h).  CanonicalForm() is the one
// place the index side uses the table: concept keys (synonym lookups) are
// canonical, so a variant spelling finds the concept too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/analyzer.h"

namespace seedgraph {

// Other spellings of `run`, a normalized CJK run (Analyzer segment text),
// each differing by one table substitution (every occurrence, or a single
// occurrence when there are several), by hiragana <-> katakana, or by a
// dropped word-final ー.  Excludes `run` itself; at most `max` results,
// most likely first.  Deterministic.
std::vector<std::string> OrthographicVariants(std::string_view run, size_t max = 32);

// One spelling per variant class: each table group replaced by its first
// member, small kana made large, katakana made hiragana.  Two variants of
// a name have the same canonical form ("ガン" and "癌" -> "がん").
std::string CanonicalForm(std::string_view run);

// The key a name is matched by in the synonym data: the analyzer's segments
// concatenated, English words as stems and CJK runs in CanonicalForm, so
// "Parkinson's disease" = "parkinson disease" and "腎細胞がん" = "腎細胞癌".
std::string ConceptKey(const Analyzer& analyzer, std::string_view name);
// The same from segments already analysed (a span of a query).
std::string ConceptKey(const std::vector<Segment>& segments, size_t begin, size_t end);

}  // namespace seedgraph
