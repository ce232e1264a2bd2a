// The lowest floor of query/: finding an indexed record by its id, reading
// a document's id, and the one mapping of a read error to a Status.  Everything above (store, graph, search, match)
// reads through these, so the id rule (one unique-id term per record,
// schema/index_layout.h) has one home here.  Visibility is access.h's.
//
// An IndexView is what a reader holds: the parts of the index directory
// (schema/index_dir.h) that its role may see, combined with add_database, at
// one revision until Reopen().  A hidden record is not in the combination at
// all, so it cannot shape a term statistic, a spelling suggestion, a record
// synonym or a wildcard expansion.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "query/access.h"
#include "schema/index_dir.h"
#include "schema/record.h"
#include "schema/status.h"

namespace seedgraph {

struct ViewOptions {
  // How long a remote shard (xapian-tcpsrv) may take to connect, and to
  // answer one request, before the read fails naming it (a 503).
  unsigned remote_connect_ms = 2000;
  unsigned remote_timeout_ms = 10000;
};

class IndexView {
 public:
  // The parts that `role` may see of the index at `path`: an index
  // directory or a stub file listing local and remote databases
  // (schema/index_dir.h).  kIOError naming it when it holds no index (or one
  // of an older layout), or naming the shard that does not answer.
  static Result<IndexView> Open(const std::string& path, Role role, const ViewOptions& options = {});

  Xapian::Database& db() { return combined_; }
  const Xapian::Database& db() const { return combined_; }
  // The visible databases one by one (what db() combines).
  const std::vector<Xapian::Database>& parts() const { return parts_; }
  // The databases holding the visible levels' spelling and synonym data:
  // the lexicon databases of a sharded index (remote shards have none to
  // give), else parts().
  const std::vector<Xapian::Database>& words() const { return words_.empty() ? parts_ : words_; }
  Role role() const { return role_; }
  // How many databases the view holds open (visible, hidden and lexicon
  // parts): what an idle view costs in file descriptors, ~6 per local one.
  size_t databases() const { return combined_.size() + hidden_.size() + words_.size(); }
  // True when some database of the view is remote (xapian-tcpsrv).
  bool remote() const { return !remote_.empty(); }
  // True when a part this viewer may not see holds the term (a record id
  // term, an alias): such a link target is left out, not shown as a record
  // that is not indexed yet, since even its id would reveal it.
  bool HiddenHas(const std::string& term) const;
  // HiddenHas for the record id term of `id`.
  bool Hidden(const std::string& id) const;
  // Which of `ids` are records in a part this viewer may not see, asked at
  // once.
  std::unordered_map<std::string, bool> HiddenOf(const std::vector<std::string>& ids) const;
  // The revisions of the visible parts ("12" anonymous, "12.4" officer,
  // "12.4.3" admin): it moves on with every commit a reader of this role
  // could notice, and with no other.  Over remote shards, those of the
  // visible levels' local lexicon parts, which every commit to the level's
  // records moves on ("" when the stub lists no lexicon).
  std::string revision() const;
  // To the newest revision of every part (after kAborted, or per request).
  Status Reopen();
  // The name of a remote part that does not answer now ("remote tcp HOST
  // PORT"), or "": each is probed on a fresh connection that must greet
  // within remote_connect_ms, so a stalled server is named as fast as a
  // dead one.  For the message of a read that failed.
  std::string DeadPart() const;
  // True when every visible record has kSlotLinkOrder (an index built
  // before that slot, or partly ingested again since, has not): asked once
  // per revision (over remote shards a round trip each).
  bool HasLinkOrder() const;

 private:
  IndexView(Role role) : role_(role) {}
  Role role_;
  Status OpenParts(const IndexStub& stub, const ViewOptions& options);

  std::vector<Xapian::Database> parts_;  // share their internals with combined_
  std::vector<Xapian::Database> words_;  // lexicon parts, if the index has any
  std::vector<Xapian::Database> remote_; // every remote part, visible or not
  std::vector<IndexPart> remote_parts_;  // what remote_ holds, to name and probe
  ViewOptions options_;
  Xapian::Database combined_;
  Xapian::Database hidden_;  // the parts the role may not see (none for admin)
  mutable std::optional<bool> has_link_order_;  // HasLinkOrder, until Reopen
};

// The one mapping of a Xapian error met while reading to a Status:
// DatabaseModifiedError (a writer committed twice under us) is kAborted;
// a remote shard that is down or timed out (NetworkError,
// NetworkTimeoutError) kIOError "<what> failed: an index shard did not
// answer (<Xapian's context: the shard's address>)"; anything else kIOError
// "<what> failed: the index could not be read" (Xapian's own text names
// paths and internals and is not passed on).
Status ReadError(const Xapian::Error& e, const std::string& what);

// The document of the record with this id, or 0 when it is not indexed.
// Visibility is the caller's to check (MayView on kSlotVisibility).
Xapian::docid FindDocid(const Xapian::Database& db, const std::string& id);

// The term frequencies of `terms` in `db`; a term no record holds is 0.
// Over remote databases (`remote`) gathered in one match, a round trip per
// shard, where asking term by term costs one per term and shard; locally
// term by term, which is cheaper than a match over hundreds of terms.
std::unordered_map<std::string, Xapian::doccount> TermFreqs(const Xapian::Database& db,
                                                            const std::vector<std::string>& terms, bool remote);

// Orders `enquire`'s matches by date, then record id (kSlotLinkOrder; both
// descending when `newest_first`), which does not depend on document
// numbers: one database and any shards, local or remote, list the same
// records in the same order.  An index where some record lacks that slot
// (built before it) is ordered by kSlotDate, then in document order.
void SortByDateThenId(Xapian::Enquire& enquire, const IndexView& view, bool newest_first);

// The records holding `term` (`limit` at most), newest first as above,
// their documents fetched together (one round trip per remote shard).
Xapian::MSet NewestWithTerm(const IndexView& view, const std::string& term, Xapian::doccount limit);

// MSet::fetch (every document of the MSet requested at once: a round trip
// per remote shard, not per document).  Only for an MSet from the first
// match (Xapian 1.4.22 reads past its items when the MSet starts later:
// a crash), and safe on an empty one.
// `from`: fetch the items from this rank on (a later page of a match that
// starts at item 0 again).
inline void FetchAll(Xapian::MSet& mset, Xapian::doccount from = 0) {
  if (mset.get_firstitem() != 0 || from >= mset.size()) return;
  if (from == 0) {
    mset.fetch();
  } else {
    mset.fetch(mset[from], mset.end());
  }
}

// An indexed record read by id: its document (in the view's numbering) and
// the decoded record.
struct StoredDoc {
  Xapian::docid did = 0;
  Xapian::Document doc;
  Record record;
};

// A document and its decoded record.
StoredDoc ReadStored(Xapian::docid did, const Xapian::Document& doc);

// The indexed records of `ids` (those of them indexed; visibility is the
// caller's), read in one match whose documents are fetched together: over
// remote shards a few round trips in all, where FindDocid and get_document
// cost two per id and shard.
std::unordered_map<std::string, StoredDoc> ReadByIds(const Xapian::Database& db, const std::vector<std::string>& ids);

// The id of an indexed record, read from its unique-id term (no JSON
// parse); "" for an id too long for a term.
std::string RecordIdOf(const Xapian::Document& doc);

}  // namespace seedgraph
