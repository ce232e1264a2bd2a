// The server's own small state (issue 14): each user's saved searches and
// watches, with what the user has seen of them, in one SQLite file
// (`serve --state FILE`, created on first use, schema versioned).  Every
// change is one transaction (synchronous=FULL, WAL), so a kill -9 loses
// nothing that was answered 2xx.  One connection, used under a mutex: the
// load is an officer clicking, not a search.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "schema/status.h"

struct sqlite3;

namespace seedgraph {

// A saved search or a watch of one user.
struct SavedItem {
  long long id = 0;
  std::string kind;    // "search" | "watch"
  std::string name;
  std::string target;  // a search: its query string ("q=COVID-19&type=trial"); a watch: a record id
  std::string created;  // UTC, ISO 8601
  double seen_stamp = 0;  // the newest ingest stamp (µs) the user had seen
  std::string seen_revision;  // Seedgraph-Revision when the user last looked
};

class StateStore {
 public:
  // Opens (creating) the file; kIOError naming it when that fails,
  // kInvalidArgument when it holds a schema version this build does not
  // know (a newer seedgraph's file is never rewritten by an older one).
  static Result<std::unique_ptr<StateStore>> Open(const std::string& path);
  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  static constexpr int kSchemaVersion = 1;
  static constexpr size_t kMaxItemsPerUser = 500;

  // The user's items, oldest first.
  Result<std::vector<SavedItem>> List(const std::string& user);
  // Adds an item (id and created are set); kInvalidArgument past
  // kMaxItemsPerUser or for a second watch of one record.
  Result<SavedItem> Add(const std::string& user, SavedItem item);
  // kNotFound for an id that is not this user's (another user's included).
  Status Rename(const std::string& user, long long id, const std::string& name);
  Status Remove(const std::string& user, long long id);
  // Marks every item of the user as seen up to `stamp` at `revision`.
  Status MarkSeen(const std::string& user, double stamp, const std::string& revision);
  // The newest ingest stamp a revision held (Seedgraph-Revision), noted
  // whenever a user saves or marks seen, so that `seedgraph alerts --since
  // REV` can say what came after it; kNotFound for a revision never noted.
  Status RememberRevision(const std::string& revision, double stamp);
  Result<double> StampOfRevision(const std::string& revision);
  // Every user with an item (for `seedgraph alerts`).
  Result<std::vector<std::string>> Users();

 private:
  StateStore() = default;
  Status Exec(const std::string& sql);
  std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace seedgraph
