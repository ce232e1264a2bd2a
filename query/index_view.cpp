#include "query/index_view.h"

#include <algorithm>

#include "schema/index_dir.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

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
  options_ = options;
  for (const IndexPart& part : stub.parts) {
    const bool visible = MayView(role_, part.level);
    if (part.lexicon && !visible) continue;
    try {
      Xapian::Database db = OpenPart(part, options);
      if (part.remote()) {
        remote_.push_back(db);
        remote_parts_.push_back(part);
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
  // A fresh connection each: after a shard failed mid-match the open ones
  // to live shards may still hold its unread replies, and fail too.  A live
  // server greets at once; a stopped one accepts (the kernel does) and never
  // greets, so the greeting gets the connect timeout, not the read one.
  ViewOptions probe = options_;
  probe.remote_timeout_ms = std::min(probe.remote_timeout_ms, probe.remote_connect_ms);
  for (const IndexPart& part : remote_parts_) {
    try {
      OpenPart(part, probe).keep_alive();
    } catch (const Xapian::Error&) {
      return part.Name();
    }
  }
  return "";
}

std::string IndexView::revision() const {
  std::string out;
  try {
    // Xapian 1.4 cannot ask a remote database for its revision; the local
    // lexicon parts of the visible levels move on with every commit that
    // changes their records (indexer/indexer.cpp), and stand in for them.
    for (const Xapian::Database& p : remote_.empty() ? parts_ : words_) {
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

std::unordered_map<std::string, bool> IndexView::HiddenOf(const std::vector<std::string>& ids) const {
  std::unordered_map<std::string, bool> out;
  if (hidden_.size() == 0) {
    for (const std::string& id : ids) out[id] = false;
    return out;
  }
  std::vector<std::string> terms;
  for (const std::string& id : ids) terms.push_back(MakeTerm(prefix::kId, id));
  const auto freqs = TermFreqs(hidden_, terms, remote());
  for (const std::string& id : ids) out[id] = freqs.at(MakeTerm(prefix::kId, id)) > 0;
  return out;
}

Status IndexView::Reopen() {
  try {
    combined_.reopen();
    hidden_.reopen();
    has_link_order_.reset();
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

std::unordered_map<std::string, Xapian::doccount> TermFreqs(const Xapian::Database& db,
                                                            const std::vector<std::string>& terms, bool remote) {
  std::unordered_map<std::string, Xapian::doccount> out;
  if (terms.empty()) return out;
  if (!remote) {
    for (const std::string& t : terms) out.emplace(t, db.get_termfreq(t));
    return out;
  }
  // The match gathers every query term's statistics from every part before
  // it looks at a posting; asking for no documents stops it there.
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet mset = enquire.get_mset(0, 0);
  for (const std::string& t : terms) out.emplace(t, mset.get_termfreq(t));
  return out;
}

bool IndexView::HasLinkOrder() const {
  if (!has_link_order_) has_link_order_ = combined_.get_value_freq(kSlotLinkOrder) == combined_.get_doccount();
  return *has_link_order_;
}

void SortByDateThenId(Xapian::Enquire& enquire, const IndexView& view, bool newest_first) {
  enquire.set_docid_order(newest_first ? Xapian::Enquire::DESCENDING : Xapian::Enquire::ASCENDING);
  // Every record must have the slot: in an older index partly ingested
  // again, the records without it would all sort as undated.
  enquire.set_sort_by_value(view.HasLinkOrder() ? kSlotLinkOrder : kSlotDate, newest_first);
}

Xapian::MSet NewestWithTerm(const IndexView& view, const std::string& term, Xapian::doccount limit) {
  Xapian::Enquire enquire(view.db());
  enquire.set_query(Xapian::Query(term));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  SortByDateThenId(enquire, view, true);
  Xapian::MSet mset = enquire.get_mset(0, limit);
  FetchAll(mset);
  return mset;
}

StoredDoc ReadStored(Xapian::docid did, const Xapian::Document& doc) {
  return StoredDoc{did, doc, DecodeStoredRecord(doc.get_data())};
}

std::unordered_map<std::string, StoredDoc> ReadByIds(const Xapian::Database& db, const std::vector<std::string>& ids) {
  std::unordered_map<std::string, StoredDoc> out;
  std::vector<std::string> terms;
  for (const std::string& id : ids) terms.push_back(MakeTerm(prefix::kId, id));
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  if (terms.empty()) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  // Document order: of two documents holding one id, the first wins, as in
  // FindDocid.
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  const auto limit = static_cast<Xapian::doccount>(terms.size());
  Xapian::MSet mset = enquire.get_mset(0, limit);
  FetchAll(mset);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    StoredDoc d = ReadStored(*it, it.get_document());
    if (!d.record.id.empty()) out.emplace(d.record.id, std::move(d));
  }
  // A full MSet may have left some out: a record being moved to another
  // level is in both parts for a moment (two documents, one id).
  if (mset.size() == limit && out.size() < limit) {
    for (const std::string& id : ids) {
      if (out.count(id)) continue;
      if (const Xapian::docid did = FindDocid(db, id)) out.emplace(id, ReadStored(did, db.get_document(did)));
    }
  }
  return out;
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
