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
// A sharded index (`seedgraph index --shards N`) keeps each level's records
// in N databases by a hash of the record id, and that level's spelling and
// synonym data (with the ja/en lexicon in public) in a lexicon database of
// its own, since Xapian's remote backend serves no spelling or synonyms:
//
//   DIR/XAPIANDB              the stub, levels named in seedgraph comments
//   DIR/shard-K/<level>/      records of that level whose id hashes to K
//   DIR/lexicon/<level>/      spelling and synonyms of that level's records
//
// A stub may also list remote databases (`remote tcp HOST PORT`, each served
// by xapian-tcpsrv); `seedgraph serve --db STUB` reads such a file
// (docs/DEPLOY.md).  The stub grammar (seedgraph's own reader; Xapian's
// reads the local lines and the comments, but spells a TCP database
// `remote :HOST:PORT`, so Xapian's tools open only stubs of local databases):
//
//   # seedgraph index ...           a note (any text)
//   # seedgraph level public        the databases below hold public records
//   # seedgraph lexicon public      ... hold public spelling and synonyms
//   glass PATH | auto PATH          a local database, relative to the stub
//   remote tcp HOST PORT            a database served by xapian-tcpsrv
//
// A database line under no seedgraph comment is a record part whose level
// is its directory name (the unsharded stub "glass index/public").
//
// The stub appears last (a new index is whole before anyone can open it).
// Indexer and query both include this file; it is the only place the
// layout is spelled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/status.h"

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

// True when DIR holds a published index of this layout (stub and parts),
// sharded or not.
bool IsPartitionedIndex(const std::string& dir);

// One database an index stub lists.
struct IndexPart {
  std::string level;     // the visibility level of what it holds
  bool lexicon = false;  // spelling and synonyms only, no records
  std::string path;      // a local database: absolute or relative to the cwd
  std::string host;      // a remote one (xapian-tcpsrv): host and port
  unsigned port = 0;
  bool remote() const { return !host.empty(); }
  // How messages name it: "shard-1/public", "remote tcp 10.0.0.2 7001".
  std::string Name() const;
};

// What an index stub lists.  A reader's spelling and synonyms come from the
// lexicon parts of the levels it may see, or, when the stub lists none (an
// unsharded index), from the record parts themselves.
struct IndexStub {
  std::vector<IndexPart> parts;
  bool HasLexiconParts() const;
  // The number of shards (record parts per level; 0 for an unsharded index,
  // which has no lexicon parts).
  size_t Shards() const;
};

// Reads DIR/XAPIANDB (or the stub file `path` itself).  kIOError naming the
// file and line for a line it cannot read, an unknown level, a stub that
// lists no record part; OlderLayoutMessage for an older index.
Result<IndexStub> ReadIndexStub(const std::string& path);

// The shard a record with this id belongs to, of `shards` (FNV-1a of the
// id): indexer and tests agree on it through this one function.
size_t ShardOf(std::string_view id, size_t shards);
// DIR/shard-K/<level> and DIR/lexicon/<level>.
std::string ShardPartPath(const std::string& dir, size_t shard, std::string_view level);
std::string LexiconPartPath(const std::string& dir, std::string_view level);
// True for the name of a directory of parts under DIR: "index", "lexicon"
// or "shard-K".
bool IsPartsDirName(std::string_view name);
// The stub text of an index with `shards` shards (relative paths).
std::string ShardedStubText(size_t shards);
// The number of shards of the index at DIR (0: unsharded or no index).
size_t IndexShards(const std::string& dir);

// True when DIR is a Xapian database of an older seedgraph (one database
// for all levels): it must be rebuilt.
bool IsSingleDatabaseIndex(const std::string& dir);
// What readers and writers say of such an index.
std::string OlderLayoutMessage(const std::string& dir);

}  // namespace seedgraph
