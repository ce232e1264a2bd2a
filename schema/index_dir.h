// The index directory: one Xapian database per visibility level, so that a
// reader combines exactly the levels its role may see
// (Xapian::Database::add_database) and every statistic it reads (term
// frequencies, BM25 lengths, spelling data, record synonyms, wildcard and
// CJK expansion) is that of the visible records alone.
//
//   DIR/XAPIANDB           Xapian stub listing every part ("glass index/public" ...):
//                          what `Xapian::Database(DIR)` opens, i.e. all records
//   DIR/index/public/      records of visibility public, their synonyms and
//                          spellings, and the ja/en concept lexicon (public
//                          vocabulary, in every view)
//   DIR/index/internal/    ... internal
//   DIR/index/restricted/  ... restricted
//
// An anonymous reader opens one database, as before the split: a separate
// lexicon database in every view cost a 2-hop graph walk 40% (every id lookup
// searches each database of a combination; docs/PERFORMANCE.md).
//
// The stub appears last (a new index is whole before anyone can open it).
// Indexer and query both include this file; it is the only place the
// layout is spelled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seedgraph {

// The directory under DIR holding the parts.
inline constexpr char kIndexPartsDir[] = "index";
// Xapian's stub file name inside a directory.
inline constexpr char kIndexStub[] = "XAPIANDB";
// The part holding the lexicon.
inline constexpr char kLexiconPart[] = "public";

// The record parts: the vocabulary's visibility levels, in rank order.
std::vector<std::string> RecordParts();

// DIR/index/<part>.
std::string IndexPartPath(const std::string& dir, std::string_view part);

// The stub text listing every part, relative to DIR.
std::string IndexStubText();

// True when DIR holds a published index of this layout (stub and parts).
bool IsPartitionedIndex(const std::string& dir);

// True when DIR is a Xapian database of an older seedgraph (one database
// for all levels): it must be rebuilt.
bool IsSingleDatabaseIndex(const std::string& dir);
// What readers and writers say of such an index.
std::string OlderLayoutMessage(const std::string& dir);

}  // namespace seedgraph
