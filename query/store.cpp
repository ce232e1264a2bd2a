#include "query/store.h"

#include <algorithm>

#include "query/graph.h"
#include "schema/index_layout.h"
#include "schema/vocab.h"

namespace seedgraph {

Result<Xapian::Database> OpenDatabase(const std::string& path) {
  Result<IndexView> view = IndexView::Open(path, Role::kAdmin);
  if (!view.ok()) return view.status();
  return view.value().db();
}

Result<DatabasePool::Lease> DatabasePool::Borrow(Role role) {
  const size_t r = static_cast<size_t>(role);
  std::unique_ptr<IndexView> view;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!free_[r].empty()) {
      view = std::move(free_[r].back());
      free_[r].pop_back();
      idle_ -= view->databases();
    }
  }
  if (view) {
    // A view that cannot move on (a remote shard restarted under its
    // connection) is dropped for a fresh one, which names what is down.
    if (!view->Reopen().ok()) view.reset();
  }
  if (!view) {
    Result<IndexView> opened = IndexView::Open(path_, role, view_options_);
    if (!opened.ok()) return opened.status();
    view = std::make_unique<IndexView>(std::move(opened.value()));
  }
  return Lease(this, std::move(view));
}

Result<DatabasePool::Lease> DatabasePool::BorrowAt(Role role, const std::string& revision) {
  const size_t r = static_cast<size_t>(role);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& [rev, views] : pinned_[r]) {
      if (rev != revision || views.empty()) continue;
      std::unique_ptr<IndexView> view = std::move(views.back());
      views.pop_back();
      idle_ -= view->databases();
      return Lease(this, std::move(view));
    }
  }
  Result<Lease> newest = Borrow(role);
  if (!newest.ok()) return newest.status();
  if (!revision.empty() && newest.value().view().revision() == revision) return newest;
  return Status::Gone("index revision " + revision + " is no longer kept: start again from the first page");
}

void DatabasePool::Return(std::unique_ptr<IndexView> view, bool pin) {
  std::vector<std::unique_ptr<IndexView>> closing;  // closed after the lock: no file work under mu_
  std::lock_guard<std::mutex> lock(mu_);
  const size_t r = static_cast<size_t>(view->role());
  const std::string revision = pin ? view->revision() : "";
  idle_ += view->databases();
  auto& pinned = pinned_[r];
  auto it = revision.empty() ? pinned.end()
                             : std::find_if(pinned.begin(), pinned.end(), [&](const auto& p) { return p.first == revision; });
  if (!revision.empty() && it == pinned.end()) {
    if (pinned.size() >= kPinnedRevisions) {  // the oldest pinned revision goes
      for (auto& old : pinned.front().second) Drop(std::move(old), &closing);
      pinned.erase(pinned.begin());
    }
    pinned.emplace_back(revision, std::vector<std::unique_ptr<IndexView>>{});
    it = pinned.end() - 1;
  }
  // A few views per revision serve concurrent pages; more go back to work.
  if (it != pinned.end() && it->second.size() < 4) {
    it->second.push_back(std::move(view));
  } else {
    free_[r].push_back(std::move(view));
  }
  EvictIdle(&closing);
}

void DatabasePool::Drop(std::unique_ptr<IndexView> view, std::vector<std::unique_ptr<IndexView>>* closing) {
  idle_ -= view->databases();
  closing->push_back(std::move(view));
}

void DatabasePool::EvictIdle(std::vector<std::unique_ptr<IndexView>>* closing) {
  // Free views first: the newest revision is one reopen away.
  for (auto& views : free_) {
    while (idle_ > idle_budget_ && !views.empty()) {
      Drop(std::move(views.front()), closing);
      views.erase(views.begin());
    }
  }
  // Then pinned revisions, the oldest of each role in turn, but never the
  // last view kept (one view larger than the budget still serves pages).
  size_t kept = 0;
  for (const auto& pinned : pinned_) for (const auto& entry : pinned) kept += entry.second.size();
  for (size_t role = 0; idle_ > idle_budget_ && kept > 1; role = (role + 1) % 3) {
    auto& pinned = pinned_[role];
    if (pinned.empty()) continue;
    auto& views = pinned.front().second;
    if (!views.empty()) {
      Drop(std::move(views.front()), closing);
      views.erase(views.begin());
      --kept;
    }
    if (views.empty()) pinned.erase(pinned.begin());
  }
}

size_t DatabasePool::IdleDatabases() {
  std::lock_guard<std::mutex> lock(mu_);
  return idle_;
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

Result<RecordView> GetRecord(IndexView& index, const std::string& id) {
  try {
    Xapian::Document doc;
    if (FindVisible(index.db(), id, index.role(), &doc) == 0) return Status::NotFound("no record " + id);
    RecordView view;
    view.json = doc.get_data();
    // Links to or from records the role may not see are left out: even an
    // id would reveal that the hidden record exists.
    auto links = Neighbours(index, id);
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

size_t CountRecords(IndexView& view) { return CountVisible(view.db(), view.role()); }

}  // namespace seedgraph
