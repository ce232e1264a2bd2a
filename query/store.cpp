#include "query/store.h"

#include <rapidjson/document.h>

#include "query/search.h"
#include "schema/index_layout.h"
#include "schema/vocab.h"

namespace seedgraph {

Result<Xapian::Database> OpenDatabase(const std::string& path) {
  try {
    return Xapian::Database(path);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open index " + path + ": " + e.get_description() +
                           " (build it with `seedgraph index --db " + path + " FILE`)");
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
    return Status::IOError("index unavailable: " + e.get_description());
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
  const std::string term = MakeTerm(prefix::kId, id);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return 0;
  Xapian::Document doc = db.get_document(*it);
  if (!MayView(role, doc.get_value(kSlotVisibility))) return 0;
  *out = doc;
  return *it;
}

std::string DisplayTitle(const rapidjson::Value& record) {
  auto it = record.FindMember("title");
  if (it == record.MemberEnd() || !it->value.IsObject()) return "";
  for (const char* lang : {"ja", "en"}) {
    auto t = it->value.FindMember(lang);
    if (t != it->value.MemberEnd() && t->value.IsString() && t->value.GetStringLength() > 0) {
      return t->value.GetString();
    }
  }
  return "";
}

// Fills type/title of a link's other end when it is indexed and visible.
// Returns false when it is indexed but hidden from the role.
bool Describe(Xapian::Database& db, Role role, LinkView* link) {
  const std::string term = MakeTerm(prefix::kId, link->id);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return true;  // dangling: kept, shown as such
  Xapian::Document doc = db.get_document(*it);
  if (!MayView(role, doc.get_value(kSlotVisibility))) return false;
  link->type = doc.get_value(kSlotType);
  rapidjson::Document rec;
  rec.Parse(doc.get_data().c_str());
  if (rec.IsObject()) link->title = DisplayTitle(rec);
  return true;
}

void OutgoingLinks(Xapian::Database& db, const rapidjson::Document& rec, Role role, std::vector<LinkView>* out) {
  auto links = rec.FindMember("links");
  if (links == rec.MemberEnd() || !links->value.IsArray()) return;
  for (const auto& l : links->value.GetArray()) {
    LinkView view;
    view.rel = l["rel"].GetString();
    view.id = l["to"].GetString();
    if (l.HasMember("date")) view.date = l["date"].GetString();
    // A link to a record the role may not see is not shown at all: even its
    // id would reveal that the hidden record exists.
    if (Describe(db, role, &view)) out->push_back(std::move(view));
  }
}

void IncomingLinks(Xapian::Database& db, const std::string& id, Role role, std::vector<LinkView>* out) {
  const std::string term = MakeTerm(prefix::kLinkAny, id);
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    Xapian::Document doc = db.get_document(*it);
    if (!MayView(role, doc.get_value(kSlotVisibility))) continue;
    rapidjson::Document rec;
    rec.Parse(doc.get_data().c_str());
    if (!rec.IsObject()) continue;
    const std::string source_id = rec["id"].GetString();
    const std::string title = DisplayTitle(rec);
    for (const auto& l : rec["links"].GetArray()) {
      if (id != l["to"].GetString()) continue;
      LinkView view{l["rel"].GetString(), source_id, l.HasMember("date") ? l["date"].GetString() : "",
                    doc.get_value(kSlotType), title};
      out->push_back(std::move(view));
    }
  }
}

}  // namespace

Result<RecordView> GetRecord(Xapian::Database& db, const std::string& id, Role role) {
  try {
    Xapian::Document doc;
    if (FindVisible(db, id, role, &doc) == 0) return Status::NotFound("no record " + id);
    RecordView view;
    view.json = doc.get_data();
    rapidjson::Document rec;
    rec.Parse(view.json.c_str());
    if (!rec.IsObject()) return Status::Internal("stored record " + id + " is not JSON");
    OutgoingLinks(db, rec, role, &view.outgoing);
    IncomingLinks(db, id, role, &view.incoming);
    return view;
  } catch (const Xapian::Error& e) {
    return Status::IOError("index error: " + e.get_description());
  }
}

size_t CountRecords(Xapian::Database& db, Role role) {
  if (role == Role::kAdmin) return db.get_doccount();
  size_t n = db.get_termfreq(MakeTerm(prefix::kVisibility, "public"));
  if (role == Role::kOfficer) n += db.get_termfreq(MakeTerm(prefix::kVisibility, "internal"));
  return n;
}

}  // namespace seedgraph
