// Read access to the index: open handles, fetch records, follow links.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/access.h"
#include "query/index_view.h"  // FindDocid, RecordIdOf: callers of the store use them too
#include "schema/status.h"

namespace seedgraph {

// Opens every part of the index read-only (what an admin sees; tools and
// tests); kIOError with a clear message when the path is not an index.
Result<Xapian::Database> OpenDatabase(const std::string& path);

// Xapian::Database handles are not thread-safe: a server thread borrows a
// view for the length of a request, one pool of views per role (each
// combines the parts that role may see, query/index_view.h).  Views are
// reopened to the latest revision on borrow, so records ingested meanwhile
// become visible.
class DatabasePool {
 public:
  // Idle views (given back, free or pinned) hold at most this many
  // databases open together: each local one keeps ~3 descriptors, and the
  // server must keep its sockets below FD_SETSIZE (web/listener.cpp).  Past
  // it the free views go first (reopened on demand), then the oldest
  // pinned revisions (their cursors get 410).  A 4-shard view holds 15.
  static constexpr size_t kIdleDatabases = 96;

  // `view` says how long remote shards may take (IndexView::Open).
  explicit DatabasePool(std::string path, ViewOptions view = {}, size_t idle_databases = kIdleDatabases)
      : path_(std::move(path)), view_options_(view), idle_budget_(idle_databases) {}

  class Lease {
   public:
    Lease(DatabasePool* pool, std::unique_ptr<IndexView> view) : pool_(pool), view_(std::move(view)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (view_) pool_->Return(std::move(view_), pin_); }
    IndexView& view() { return *view_; }
    Xapian::Database& db() { return view_->db(); }
    // Keep this view at its revision when it is given back, for the pages
    // a cursor of this answer asks for later (BorrowAt).
    void Pin() { pin_ = true; }

   private:
    DatabasePool* pool_;
    std::unique_ptr<IndexView> view_;
    bool pin_ = false;
  };

  // A view at the newest revision.
  Result<Lease> Borrow(Role role);
  // A view at `revision` (one an earlier answer named): a pinned one, or
  // the newest if it is that revision.  kGone when no view of it is kept
  // (the kPinnedRevisions newest pinned per role are).  A pinned view reads
  // its revision until Xapian reuses the blocks it needs (a few commits on):
  // then a read fails with kAborted, which a paging caller turns into kGone.
  Result<Lease> BorrowAt(Role role, const std::string& revision);

  static constexpr size_t kPinnedRevisions = 8;

  // The databases idle views hold open now (at most the budget, or one
  // view's worth when a single view exceeds it).
  size_t IdleDatabases();

 private:
  void Return(std::unique_ptr<IndexView> view, bool pin);
  // Moves idle views to `closing` (destroyed once mu_ is released), free
  // ones first, then the oldest pinned revisions, until they fit the
  // budget.  Called with mu_ held, as is Drop (one view out of the count).
  void EvictIdle(std::vector<std::unique_ptr<IndexView>>* closing);
  void Drop(std::unique_ptr<IndexView> view, std::vector<std::unique_ptr<IndexView>>* closing);
  std::string path_;
  ViewOptions view_options_;
  size_t idle_budget_;
  size_t idle_ = 0;  // guarded by mu_: databases held by free_ and pinned_
  std::mutex mu_;
  std::vector<std::unique_ptr<IndexView>> free_[3];  // by Role
  // By Role: revision -> views kept at it, the most recently pinned last.
  std::vector<std::pair<std::string, std::vector<std::unique_ptr<IndexView>>>> pinned_[3];
};

struct LinkView {
  std::string rel;
  std::string id;     // the other end
  std::string date;
  std::string type;   // of the other end; "" when it is not indexed (yet)
  std::string title;  // a display title of the other end, "" when unknown
};

struct RecordView {
  std::string json;                 // the record as ingested (compact JSON)
  std::vector<LinkView> outgoing;   // this record -> others, in record order
  std::vector<LinkView> incoming;   // others -> this record (visible ones only)
};

// The record with this id, as the role may see it.  kNotFound for an unknown
// id and for one the role may not see: the two answers are identical.
Result<RecordView> GetRecord(IndexView& view, const std::string& id);

// Number of records the role may see.
size_t CountRecords(IndexView& view);

}  // namespace seedgraph
