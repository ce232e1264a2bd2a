#include "web/state_store.h"

#include <sqlite3.h>

#include <ctime>

namespace seedgraph {
namespace {

constexpr char kSchema[] = R"SQL(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('search', 'watch')),
  name TEXT NOT NULL,
  target TEXT NOT NULL,
  created TEXT NOT NULL,
  seen_stamp REAL NOT NULL DEFAULT 0,
  seen_revision TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS items_user ON items (user, id);
CREATE TABLE IF NOT EXISTS revisions (revision TEXT PRIMARY KEY, stamp REAL NOT NULL);
)SQL";

std::string NowIso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A prepared statement, finalized when it goes.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) == SQLITE_OK; }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return ok_; }
  void Bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void Bind(int i, long long v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
  int Step() { return sqlite3_step(s_); }
  std::string Text(int i) const {
    const unsigned char* t = sqlite3_column_text(s_, i);
    return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, i));
  }
  long long Int(int i) const { return sqlite3_column_int64(s_, i); }
  double Real(int i) const { return sqlite3_column_double(s_, i); }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

Status Failed(sqlite3* db, const std::string& path, const std::string& what) {
  return Status::IOError("state file " + path + ": " + what + ": " + (db ? sqlite3_errmsg(db) : "no connection"));
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::Open(const std::string& path) {
  std::unique_ptr<StateStore> store(new StateStore);
  store->path_ = path;
  if (sqlite3_open_v2(path.c_str(), &store->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return Failed(store->db_, path, "cannot open");
  }
  sqlite3_busy_timeout(store->db_, 5000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    Status st = store->Exec(pragma);
    if (!st.ok()) return st;
  }
  Status st = store->Exec(std::string("BEGIN IMMEDIATE;") + kSchema);
  if (!st.ok()) return st;
  Stmt version(store->db_, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!version.ok()) return Failed(store->db_, path, "cannot read its version");
  if (version.Step() == SQLITE_ROW) {
    const std::string v = version.Text(0);
    if (v != std::to_string(kSchemaVersion)) {
      store->Exec("ROLLBACK");
      return Status::InvalidArgument("state file " + path + ": schema version " + v + ", this seedgraph knows " +
                                     std::to_string(kSchemaVersion));
    }
  } else {
    st = store->Exec("INSERT INTO meta (key, value) VALUES ('schema_version', '" + std::to_string(kSchemaVersion) + "')");
    if (!st.ok()) return st;
  }
  st = store->Exec("COMMIT");
  if (!st.ok()) return st;
  return store;
}

StateStore::~StateStore() { sqlite3_close(db_); }

Status StateStore::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "failed";
    sqlite3_free(error);
    return Status::IOError("state file " + path_ + ": " + message);
  }
  return Status::Ok();
}

Result<std::vector<SavedItem>> StateStore::List(const std::string& user) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "SELECT id, kind, name, target, created, seen_stamp, seen_revision FROM items WHERE user = ? ORDER BY id");
  if (!q.ok()) return Failed(db_, path_, "cannot list");
  q.Bind(1, user);
  std::vector<SavedItem> out;
  int rc;
  while ((rc = q.Step()) == SQLITE_ROW) {
    SavedItem item;
    item.id = q.Int(0);
    item.kind = q.Text(1);
    item.name = q.Text(2);
    item.target = q.Text(3);
    item.created = q.Text(4);
    item.seen_stamp = q.Real(5);
    item.seen_revision = q.Text(6);
    out.push_back(std::move(item));
  }
  if (rc != SQLITE_DONE) return Failed(db_, path_, "cannot list");
  return out;
}

Result<SavedItem> StateStore::Add(const std::string& user, SavedItem item) {
  std::lock_guard<std::mutex> lock(mu_);
  Status st = Exec("BEGIN IMMEDIATE");
  if (!st.ok()) return st;
  Stmt count(db_, "SELECT COUNT(*), SUM(kind = 'watch' AND target = ?) FROM items WHERE user = ?");
  count.Bind(1, item.target);
  count.Bind(2, user);
  if (!count.ok() || count.Step() != SQLITE_ROW) {
    Exec("ROLLBACK");
    return Failed(db_, path_, "cannot count");
  }
  if (static_cast<size_t>(count.Int(0)) >= kMaxItemsPerUser) {
    Exec("ROLLBACK");
    return Status::InvalidArgument("at most " + std::to_string(kMaxItemsPerUser) + " saved searches and watches");
  }
  if (item.kind == "watch" && count.Int(1) > 0) {
    Exec("ROLLBACK");
    return Status::InvalidArgument("record " + item.target + " is watched already");
  }
  item.created = NowIso();
  Stmt insert(db_, "INSERT INTO items (user, kind, name, target, created, seen_stamp, seen_revision) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, user);
  insert.Bind(2, item.kind);
  insert.Bind(3, item.name);
  insert.Bind(4, item.target);
  insert.Bind(5, item.created);
  insert.Bind(6, item.seen_stamp);
  insert.Bind(7, item.seen_revision);
  if (!insert.ok() || insert.Step() != SQLITE_DONE) {
    Exec("ROLLBACK");
    return Failed(db_, path_, "cannot save");
  }
  item.id = sqlite3_last_insert_rowid(db_);
  st = Exec("COMMIT");
  if (!st.ok()) return st;
  return item;
}

Status StateStore::Rename(const std::string& user, long long id, const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "UPDATE items SET name = ? WHERE id = ? AND user = ?");
  q.Bind(1, name);
  q.Bind(2, id);
  q.Bind(3, user);
  if (!q.ok() || q.Step() != SQLITE_DONE) return Failed(db_, path_, "cannot rename");
  return sqlite3_changes(db_) == 1 ? Status::Ok() : Status::NotFound("no saved item " + std::to_string(id));
}

Status StateStore::Remove(const std::string& user, long long id) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "DELETE FROM items WHERE id = ? AND user = ?");
  q.Bind(1, id);
  q.Bind(2, user);
  if (!q.ok() || q.Step() != SQLITE_DONE) return Failed(db_, path_, "cannot delete");
  return sqlite3_changes(db_) == 1 ? Status::Ok() : Status::NotFound("no saved item " + std::to_string(id));
}

Status StateStore::MarkSeen(const std::string& user, double stamp, const std::string& revision) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "UPDATE items SET seen_stamp = MAX(seen_stamp, ?), seen_revision = ? WHERE user = ?");
  q.Bind(1, stamp);
  q.Bind(2, revision);
  q.Bind(3, user);
  if (!q.ok() || q.Step() != SQLITE_DONE) return Failed(db_, path_, "cannot mark seen");
  return Status::Ok();
}

Status StateStore::RememberRevision(const std::string& revision, double stamp) {
  if (revision.empty()) return Status::Ok();
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "INSERT INTO revisions (revision, stamp) VALUES (?, ?) "
              "ON CONFLICT (revision) DO UPDATE SET stamp = MAX(stamp, excluded.stamp)");
  q.Bind(1, revision);
  q.Bind(2, stamp);
  if (!q.ok() || q.Step() != SQLITE_DONE) return Failed(db_, path_, "cannot remember a revision");
  return Status::Ok();
}

Result<double> StateStore::StampOfRevision(const std::string& revision) {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "SELECT stamp FROM revisions WHERE revision = ?");
  q.Bind(1, revision);
  if (!q.ok()) return Failed(db_, path_, "cannot read revisions");
  if (q.Step() != SQLITE_ROW) {
    return Status::NotFound("revision " + revision + " was never seen by this server's users (give a date instead)");
  }
  return q.Real(0);
}

Result<std::vector<std::string>> StateStore::Users() {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(db_, "SELECT DISTINCT user FROM items ORDER BY user");
  if (!q.ok()) return Failed(db_, path_, "cannot list users");
  std::vector<std::string> out;
  while (q.Step() == SQLITE_ROW) out.push_back(q.Text(0));
  return out;
}

}  // namespace seedgraph
