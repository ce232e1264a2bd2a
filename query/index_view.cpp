#include "query/index_view.h"

#include "schema/index_layout.h"

namespace seedgraph {

Status ReadError(const Xapian::Error& e, const std::string& what) {
  // Xapian::Error has no virtual functions: the type is named, not cast.
  if (std::string(e.get_type()) == "DatabaseModifiedError") {
    return Status::Aborted(what + " failed: the index changed while it was read; try again");
  }
  return Status::IOError(what + " failed: the index could not be read");
}

Xapian::docid FindDocid(const Xapian::Database& db, const std::string& id) {
  const std::string term = MakeTerm(prefix::kId, id);
  Xapian::PostingIterator p = db.postlist_begin(term);
  return p == db.postlist_end(term) ? 0 : *p;
}

std::string RecordIdOf(const Xapian::Document& doc) {
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(std::string(prefix::kId));
  if (t != doc.termlist_end() && (*t).compare(0, prefix::kId.size(), prefix::kId) == 0) {
    return (*t).substr(prefix::kId.size());
  }
  return "";
}

}  // namespace seedgraph
