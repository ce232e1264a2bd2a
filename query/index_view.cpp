#include "query/index_view.h"

#include "schema/index_dir.h"
#include "schema/index_layout.h"

namespace seedgraph {

namespace {

Xapian::Database OpenPart(const IndexPart& part, const ViewOptions& options) {
  if (part.remote()) return Xapian::Remote::open(part.host, part.port, options.remote_timeout_ms, options.remote_connect_ms);
  return Xapian::Database(part.path);
}

}  // namespace

Result<IndexView> IndexView::Open(const std::string& path, Role role, const ViewOptions& options) {
  Result<IndexStub> stub = ReadIndexStub(path);
  if (!stub.ok()) return stub.status();
  IndexView view(role);
  Status st = view.OpenParts(stub.value(), options);
  if (!st.ok()) return st;
  return view;
}

Status IndexView::OpenParts(const IndexStub& stub, const ViewOptions& options) {
  for (const IndexPart& part : stub.parts) {
    const bool visible = MayView(role_, part.level);
    if (part.lexicon && !visible) continue;
    try {
      Xapian::Database db = OpenPart(part, options);
      if (part.remote()) {
        remote_.push_back(db);
        remote_names_.push_back(part.Name());
      }
      if (part.lexicon) {
        words_.push_back(db);
      } else if (visible) {
        parts_.push_back(db);
        combined_.add_database(db);
      } else {
        hidden_.add_database(db);
      }
    } catch (const Xapian::Error& e) {
      const std::string type = e.get_type();
      if (part.remote()) {
        return Status::IOError("opening the index failed: index shard " + part.Name() + " did not answer (" + type + ")");
      }
      return Status::IOError("opening the index failed: " + part.Name() + " could not be opened (" + type + ")");
    }
  }
  return Status::Ok();
}

std::string IndexView::DeadPart() const {
  for (size_t i = 0; i < remote_.size(); ++i) {
    try {
      Xapian::Database probe = remote_[i];
      probe.keep_alive();
    } catch (const Xapian::Error&) {
      return remote_names_[i];
    }
  }
  return "";
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
    for (Xapian::Database& w : words_) w.reopen();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    const std::string dead = DeadPart();
    if (!dead.empty()) return Status::IOError("reopening the index failed: index shard " + dead + " did not answer");
    return ReadError(e, "reopening the index");
  }
}

Status ReadError(const Xapian::Error& e, const std::string& what) {
  // Xapian::Error has no virtual functions: the type is named, not cast.
  const std::string type = e.get_type();
  if (type == "DatabaseModifiedError") {
    return Status::Aborted(what + " failed: the index changed while it was read; try again");
  }
  if (type == "NetworkError" || type == "NetworkTimeoutError") {
    return Status::IOError(what + " failed: an index shard did not answer (" + e.get_context() + ")");
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
