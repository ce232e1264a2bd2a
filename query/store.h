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
  explicit DatabasePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(DatabasePool* pool, std::unique_ptr<IndexView> view) : pool_(pool), view_(std::move(view)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (view_) pool_->Return(std::move(view_)); }
    IndexView& view() { return *view_; }
    Xapian::Database& db() { return view_->db(); }

   private:
    DatabasePool* pool_;
    std::unique_ptr<IndexView> view_;
  };

  Result<Lease> Borrow(Role role);

 private:
  void Return(std::unique_ptr<IndexView> view);
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<IndexView>> free_[3];  // by Role
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
