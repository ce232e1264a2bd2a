#include "web/alerts_report.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "web/params.h"

namespace seedgraph {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Str(Writer* w, const std::string& s) { w->String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }

std::string TitleOf(const Hit& h) { return !h.title.ja.empty() ? h.title.ja : h.title.en; }

// The fields of a saved item, in an open object.
void WriteItem(Writer* w, const SavedItem& item) {
  w->Key("id");
  w->Int64(item.id);
  w->Key("kind");
  Str(w, item.kind);
  w->Key("name");
  Str(w, item.name);
  w->Key(item.kind == "search" ? "query" : "record");
  Str(w, item.target);
  w->Key("created");
  Str(w, item.created);
  w->Key("seen_revision");
  Str(w, item.seen_revision);
}

std::string XmlEscaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

Result<SearchRequest> SavedSearchRequest(const std::string& query) {
  if (query.size() > 4096) return Status::InvalidArgument("query: at most 4096 bytes");
  Result<QueryParams> params = ParseQueryString(query);
  if (!params.ok()) return params.status();
  std::vector<std::string> allowed = SearchParamNames();
  allowed.erase(std::remove_if(allowed.begin(), allowed.end(),
                               [](const std::string& p) { return p == "cursor" || p == "page" || p == "per_page"; }),
                allowed.end());
  Status known = CheckKnownParams(params.value(), allowed);
  if (!known.ok()) return known;
  Result<SearchRequest> request = ParseSearchParams(params.value(), SearchParamLimits{});
  if (!request.ok()) return request.status();
  Status valid = ValidateSearchRequest(request.value());
  if (!valid.ok()) return valid;
  return request;
}

std::string SavedItemJson(const SavedItem& item) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  WriteItem(&w, item);
  w.EndObject();
  return buf.GetString();
}

std::string SavedListJson(const std::string& user, const std::vector<SavedItem>& items) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  w.Key("user");
  Str(&w, user);
  w.Key("items");
  w.StartArray();
  for (const SavedItem& item : items) {
    w.StartObject();
    WriteItem(&w, item);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

std::string IsoOfStamp(double us) {
  const std::time_t t = static_cast<std::time_t>(us / 1e6);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool StampOfIso(const std::string& text, double* us) {
  std::tm tm{};
  int n = 0;
  if (text.size() == 10) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3 || n != 10) return false;
  } else if (text.size() == 20) {
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 20) {
      return false;
    }
  } else {
    return false;
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *us = static_cast<double>(timegm(&tm)) * 1e6;
  return true;
}

Result<std::vector<ItemAlert>> UserAlerts(IndexView& view, const Analyzer& analyzer, StateStore& state,
                                          const std::string& user, const AlertOptions& options) {
  Result<std::vector<SavedItem>> items = state.List(user);
  if (!items.ok()) return items.status();
  std::vector<ItemAlert> out;
  for (const SavedItem& item : items.value()) {
    ItemAlert a{item, {}, ""};
    const double since = options.since >= 0 ? options.since : item.seen_stamp;
    if (item.kind == "search") {
      Result<SearchRequest> request = SavedSearchRequest(item.target);
      Result<AlertList> changes = request.ok() ? SearchChanges(view, analyzer, request.value(), since, options.hits)
                                               : Result<AlertList>(request.status());
      if (changes.ok()) a.changes = std::move(changes.value());
      else a.note = changes.status().message();
    } else {
      Result<AlertList> changes = WatchChanges(view, item.target, since, options.hits);
      if (changes.ok()) a.changes = std::move(changes.value());
      else a.note = "the record is not visible to you";
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string AlertsJson(const std::vector<ItemAlert>& alerts, const std::string& user) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  size_t unread = 0;
  for (const ItemAlert& a : alerts) unread += a.changes.total;
  w.StartObject();
  if (!user.empty()) {
    w.Key("user");
    Str(&w, user);
  }
  w.Key("unread");
  w.Uint64(unread);
  w.Key("items");
  w.StartArray();
  for (const ItemAlert& a : alerts) {
    w.StartObject();
    WriteItem(&w, a.item);
    w.Key("changed");
    w.Uint64(a.changes.total);
    if (!a.note.empty()) {
      w.Key("note");
      Str(&w, a.note);
    }
    w.Key("records");
    w.StartArray();
    for (const AlertHit& h : a.changes.hits) {
      w.StartObject();
      w.Key("id");
      Str(&w, h.hit.id);
      w.Key("type");
      Str(&w, h.hit.type);
      w.Key("title");
      Str(&w, TitleOf(h.hit));
      w.Key("ingested");
      Str(&w, h.stamp > 0 ? IsoOfStamp(h.stamp) : "");
      w.Key("rel");
      Str(&w, h.rel);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return buf.GetString();
}

std::string AlertsAtom(const std::vector<ItemAlert>& alerts, const std::string& user) {
  double newest = 0;
  std::string entries;
  for (const ItemAlert& a : alerts) {
    for (const AlertHit& h : a.changes.hits) {
      newest = std::max(newest, h.stamp);
      const std::string what = a.item.kind == "watch" ? (h.rel.empty() ? "changed: " : h.rel + ": ") : "new or changed: ";
      entries += "<entry><id>urn:seedgraph:alert:" + std::to_string(a.item.id) + ":" + XmlEscaped(h.hit.id) + ":" +
                 std::to_string(static_cast<long long>(h.stamp)) + "</id><title>" + XmlEscaped(a.item.name) + ": " +
                 XmlEscaped(TitleOf(h.hit)) + "</title><updated>" + IsoOfStamp(h.stamp) + "</updated><link href=\"/?id=" +
                 XmlEscaped(h.hit.id) + "\"/><summary>" + XmlEscaped(what + h.hit.id) + "</summary></entry>\n";
    }
  }
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><id>urn:seedgraph:alerts:" +
         XmlEscaped(user) + "</id><title>seedgraph alerts: " + XmlEscaped(user) + "</title><updated>" +
         IsoOfStamp(newest) + "</updated>\n" + entries + "</feed>\n";
}

}  // namespace seedgraph
