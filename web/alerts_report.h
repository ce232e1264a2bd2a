// A user's alerts, computed from their saved items (web/state_store.h) and
// an index view with their visibility (query/alerts.h): shared by GET
// /api/alerts, the Atom feed and `seedgraph alerts` (a cron job's mail).
#pragma once

#include <string>
#include <vector>

#include "query/alerts.h"
#include "web/state_store.h"

namespace seedgraph {

struct ItemAlert {
  SavedItem item;
  AlertList changes;
  std::string note;  // why there is nothing to say (a watched record not visible)
};

struct AlertOptions {
  size_t hits = 10;    // records listed per item; `changed` counts all
  double since = -1;   // an ingest stamp (µs) for every item; < 0: what each item has seen
};

// The alerts of `user`'s items.  A saved query that no longer parses says
// so in its note rather than failing the others.
Result<std::vector<ItemAlert>> UserAlerts(IndexView& view, const Analyzer& analyzer, StateStore& state,
                                          const std::string& user, const AlertOptions& options = {});

// A saved search's query string ("q=COVID-19&type=trial") as the search it
// stands for: the parameters of /api/search but cursor and paging, at most
// 4 KiB; kInvalidArgument ("param: reason") otherwise.  One reading for
// saving and for every alert.
Result<SearchRequest> SavedSearchRequest(const std::string& query);

// One saved item, and a user's list ({"user", "items"}), as the API shows them.
std::string SavedItemJson(const SavedItem& item);
std::string SavedListJson(const std::string& user, const std::vector<SavedItem>& items);

// {"unread": N, "items": [...]} (the API's answer); with `user`, the
// object also names the user (`seedgraph alerts` prints one per line).
std::string AlertsJson(const std::vector<ItemAlert>& alerts, const std::string& user = "");

// The same as an Atom 1.0 feed.
std::string AlertsAtom(const std::vector<ItemAlert>& alerts, const std::string& user);

// "2026-12-01T09:30:00Z" of an ingest stamp (µs since 1970, UTC).
std::string IsoOfStamp(double us);
// The stamp of "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC); false otherwise.
bool StampOfIso(const std::string& text, double* us);

}  // namespace seedgraph
