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

// Opens a read-only database; kIOError with a clear message when the path is
// not an index.
Result<Xapian::Database> OpenDatabase(const std::string& path);

// Xapian::Database handles are not thread-safe: a server thread borrows one
// for the length of a request.  Handles are reopened to the latest revision
// on borrow, so records ingested meanwhile become visible.
class DatabasePool {
 public:
  explicit DatabasePool(std::string path) : path_(std::move(path)) {}

  class Lease {
   public:
    Lease(DatabasePool* pool, std::unique_ptr<Xapian::Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (db_) pool_->Return(std::move(db_)); }
    Xapian::Database& db() { return *db_; }

   private:
    DatabasePool* pool_;
    std::unique_ptr<Xapian::Database> db_;
  };

  Result<Lease> Borrow();
  // Brings a borrowed handle to the newest revision (after kAborted).
  static Status Reopen(Xapian::Database& db);

 private:
  void Return(std::unique_ptr<Xapian::Database> db);
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Xapian::Database>> free_;
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
Result<RecordView> GetRecord(Xapian::Database& db, const std::string& id, Role role);

// Number of records the role may see.
size_t CountRecords(Xapian::Database& db, Role role);

}  // namespace seedgraph
