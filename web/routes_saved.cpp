// Saved searches, watches and change alerts (issue 14): per token user,
// kept in the state file (web/state_store.h), computed against the index
// with the caller's visibility (query/alerts.h).
#include <rapidjson/document.h>

#include <optional>

#include "web/alerts_report.h"
#include "schema/record_json.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

constexpr size_t kMaxNameBytes = 200;

// A name an officer typed: 1..200 bytes of valid UTF-8, no control bytes.
Status CheckName(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameBytes) return Status::InvalidArgument("name: 1 to 200 bytes");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument("name: no control characters");
  }
  if (!IsValidUtf8(name)) return Status::InvalidArgument("name: not valid UTF-8");
  return Status::Ok();
}

// The body's JSON object, or a 400.
Result<rapidjson::Document> BodyObject(const httplib::Request& req) {
  rapidjson::Document d;
  d.Parse(req.body.c_str(), req.body.size());
  if (d.HasParseError() || !d.IsObject()) return Status::InvalidArgument("body: expected a JSON object");
  return d;
}

std::string StringField(const rapidjson::Document& d, const char* key) {
  return d.HasMember(key) && d[key].IsString() ? std::string(d[key].GetString(), d[key].GetStringLength()) : "";
}

Result<long long> ItemId(const std::string& capture) {
  if (capture.empty() || capture.size() > 18 || capture.find_first_not_of("0123456789") != std::string::npos) {
    return Status::NotFound("no saved item " + capture.substr(0, 40));
  }
  return std::stoll(capture);
}

}  // namespace

// Who may keep state: a caller with a token, on a server with a state file.
std::optional<Reply> Server::Impl::NeedState(const Call& call) const {
  if (call.user.empty()) return ErrorReply(401, "unauthorized", "saved searches and watches need a token");
  if (!state) return ErrorReply(503, "unavailable", "this server keeps no state (start it with --state FILE)");
  return std::nullopt;
}

Reply Server::Impl::ListSaved(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  Result<std::vector<SavedItem>> items = state->List(call.user);
  if (!items.ok()) return ErrorReply(items.status());
  return Reply{200, SavedListJson(call.user, items.value())};
}

// {"kind": "search", "name": N, "query": "q=COVID-19&type=trial"} or
// {"kind": "watch", "record": ID, "name": N (default: its title)}.
Reply Server::Impl::AddSaved(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  Result<rapidjson::Document> body = BodyObject(call.req);
  if (!body.ok()) return ErrorReply(body.status());
  SavedItem item;
  item.kind = StringField(body.value(), "kind");
  item.name = StringField(body.value(), "name");
  if (item.kind != "search" && item.kind != "watch") {
    return ErrorReply(Status::InvalidArgument("kind: must be search or watch"));
  }
  item.target = StringField(body.value(), item.kind == "search" ? "query" : "record");
  if (item.kind == "search") {
    Result<SearchRequest> request = SavedSearchRequest(item.target);
    if (!request.ok()) return ErrorReply(request.status());
  }
  return WithDb(call, [&](IndexView& view) {
    if (item.kind == "watch") {      Result<RecordView> record = GetRecord(view, item.target);
      if (!record.ok()) return ErrorReply(record.status());
      if (item.name.empty()) {
        const Record r = DecodeStoredRecord(record.value().json);
        item.name = !r.title.ja.empty() ? r.title.ja : !r.title.en.empty() ? r.title.en : item.target;
        if (item.name.size() > kMaxNameBytes) item.name = item.target;
      }
    }
    Status name = CheckName(item.name);
    if (!name.ok()) return ErrorReply(name);
    // Alerts start from now: what is in the index already has been seen.
    item.seen_stamp = NewestStamp(view);
    item.seen_revision = view.revision();
    Status noted = state->RememberRevision(item.seen_revision, item.seen_stamp);
    if (!noted.ok()) return ErrorReply(noted);
    Result<SavedItem> saved = state->Add(call.user, item);
    if (!saved.ok()) return ErrorReply(saved.status());
    return Reply{201, SavedItemJson(saved.value())};
  });
}

Reply Server::Impl::RenameSaved(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  Result<long long> id = ItemId(call.captures.at(0));
  if (!id.ok()) return ErrorReply(id.status());
  Result<rapidjson::Document> body = BodyObject(call.req);
  if (!body.ok()) return ErrorReply(body.status());
  const std::string name = StringField(body.value(), "name");
  Status valid = CheckName(name);
  if (!valid.ok()) return ErrorReply(valid);
  Status renamed = state->Rename(call.user, id.value(), name);
  if (!renamed.ok()) return ErrorReply(renamed);
  return Reply{200, "{\"renamed\":" + std::to_string(id.value()) + "}"};
}

Reply Server::Impl::RemoveSaved(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  Result<long long> id = ItemId(call.captures.at(0));
  if (!id.ok()) return ErrorReply(id.status());
  Status removed = state->Remove(call.user, id.value());
  if (!removed.ok()) return ErrorReply(removed);
  return Reply{200, "{\"deleted\":" + std::to_string(id.value()) + "}"};
}

Reply Server::Impl::Alerts(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  return WithDb(call, [&](IndexView& view) {
    Result<std::vector<ItemAlert>> alerts = UserAlerts(view, analyzer, *state, call.user);
    if (!alerts.ok()) return ErrorReply(alerts.status());
    return Reply{200, AlertsJson(alerts.value())};
  });
}

Reply Server::Impl::AlertsSeen(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  return WithDb(call, [&](IndexView& view) {
    const double stamp = NewestStamp(view);
    Status st = state->MarkSeen(call.user, stamp, view.revision());
    if (st.ok()) st = state->RememberRevision(view.revision(), stamp);
    if (!st.ok()) return ErrorReply(st);
    return Reply{200, "{\"seen\":\"" + (stamp > 0 ? IsoOfStamp(stamp) : std::string()) + "\"}"};
  });
}

// The same alerts as an Atom feed (RFC 4287): an entry per changed record
// and item, for a feed reader or a mail job.
Reply Server::Impl::AlertsAtom(const Call& call) {
  if (std::optional<Reply> refused = NeedState(call)) return *refused;
  return WithDb(call, [&](IndexView& view) {
    Result<std::vector<ItemAlert>> alerts = UserAlerts(view, analyzer, *state, call.user);
    if (!alerts.ok()) return ErrorReply(alerts.status());
    Reply reply{200, seedgraph::AlertsAtom(alerts.value(), call.user)};
    reply.content_type = "application/atom+xml; charset=utf-8";
    return reply;
  });
}

}  // namespace seedgraph
