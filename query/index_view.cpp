#include "query/index_view.h"

#include "schema/index_dir.h"
#include "schema/index_layout.h"

namespace seedgraph {

Result<IndexView> IndexView::Open(const std::string& dir, Role role) {
  if (!IsPartitionedIndex(dir)) {
    if (IsSingleDatabaseIndex(dir)) return Status::IOError(OlderLayoutMessage(dir));
    return Status::IOError("no index at " + dir + " (build it with `seedgraph index --db " + dir + " FILE`)");
  }
  IndexView view(role);
  std::vector<std::string> parts, hidden;
  for (const std::string& level : RecordParts()) (MayView(role, level) ? parts : hidden).push_back(level);
  try {
    for (const std::string& part : parts) {
      view.parts_.emplace_back(IndexPartPath(dir, part));
      view.combined_.add_database(view.parts_.back());
    }
    for (const std::string& part : hidden) view.hidden_.add_database(Xapian::Database(IndexPartPath(dir, part)));
  } catch (const Xapian::Error& e) {
    return ReadError(e, "opening the index");
  }
  return view;
}

std::string IndexView::revision() const {
  std::string out;
  try {
    for (const Xapian::Database& p : parts_) {
      if (!out.empty()) out += '.';
      out += std::to_string(p.get_revision());
    }
  } catch (const Xapian::Error&) {
    return "";
  }
  return out;
}

bool IndexView::HiddenHas(const std::string& term) const { return hidden_.term_exists(term); }

bool IndexView::Hidden(const std::string& id) const { return HiddenHas(MakeTerm(prefix::kId, id)); }

Status IndexView::Reopen() {
  try {
    combined_.reopen();
    hidden_.reopen();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reopening the index");
  }
}

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
