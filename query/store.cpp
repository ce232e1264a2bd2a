#include "query/store.h"

#include <rapidjson/document.h>

#include "query/graph.h"
#include "schema/index_layout.h"
#include "schema/vocab.h"

namespace seedgraph {

Result<Xapian::Database> OpenDatabase(const std::string& path) {
  try {
    return Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    const std::string type = e.get_type();
    if (type == "DatabaseNotFoundError" || type == "DatabaseOpeningError") {
      // Also what a bulk build that has not published yet (or was killed) leaves.
      return Status::IOError("no index at " + path + " (build it with `seedgraph index --db " + path + " FILE`)");
    }
    return Status::IOError("cannot open index " + path + ": " + e.get_description());
  }
}

Status DatabasePool::Reopen(Xapian::Database& db) {
  try {
    db.reopen();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reopening the index");
  }
}

Result<DatabasePool::Lease> DatabasePool::Borrow() {
  std::unique_ptr<Xapian::Database> db;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_.empty()) {
      db = std::move(free_.back());
      free_.pop_back();
    }
  }
  try {
    if (db) {
      db->reopen();
    } else {
      db = std::make_unique<Xapian::Database>(path_);
    }
  } catch (const Xapian::Error& e) {
    return ReadError(e, "opening the index");
  }
  return Lease(this, std::move(db));
}

void DatabasePool::Return(std::unique_ptr<Xapian::Database> db) {
  std::lock_guard<std::mutex> lock(mu_);
  free_.push_back(std::move(db));
}

namespace {

// The visible document with this id, or 0.
Xapian::docid FindVisible(Xapian::Database& db, const std::string& id, Role role, Xapian::Document* out) {
  const Xapian::docid did = FindDocid(db, id);
  if (did == 0) return 0;
  Xapian::Document doc = db.get_document(did);
  if (!MayView(role, doc.get_value(kSlotVisibility))) return 0;
  *out = doc;
  return did;
}

}  // namespace

Result<RecordView> GetRecord(Xapian::Database& db, const std::string& id, Role role) {
  try {
    Xapian::Document doc;
    if (FindVisible(db, id, role, &doc) == 0) return Status::NotFound("no record " + id);
    RecordView view;
    view.json = doc.get_data();
    // Links to or from records the role may not see are left out: even an
    // id would reveal that the hidden record exists.
    auto links = Neighbours(db, id, role);
    if (!links.ok()) return links.status();
    for (const Neighbour& n : links.value()) {
      LinkView l{n.edge.rel, n.node.id, n.edge.date, n.node.type, n.node.title};
      (n.outgoing ? view.outgoing : view.incoming).push_back(std::move(l));
    }
    return view;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reading the index");
  }
}

size_t CountRecords(Xapian::Database& db, Role role) { return CountVisible(db, role); }

}  // namespace seedgraph
