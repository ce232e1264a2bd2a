// What changed since an officer last looked (issue 14): for a saved search,
// the matching records ingested (new, or changed) after a stamp; for a
// watched record, the records newly linking to it and whether it changed
// itself.  Ingest stamps (kSlotStamp) say which record changed when; a
// Xapian revision only says that something did.  Visibility applies as in
// every read: an alert never names a record the viewer may not see.
#pragma once

#include <string>
#include <vector>

#include "query/index_view.h"
#include "query/search.h"
#include "schema/analyzer.h"

namespace seedgraph {

struct AlertHit {
  Hit hit;
  double stamp = 0;  // when this version was ingested (µs since 1970)
  std::string rel;   // for a watch: how it links to the watched record ("" : the record itself)
};

struct AlertList {
  size_t total = 0;  // all of them; `hits` holds the first few, newest first
  std::vector<AlertHit> hits;
};

// The newest ingest stamp among the records the viewer may see (0: none
// has one): what "seen up to now" means when the officer looks.
double NewestStamp(IndexView& view);

// The matches of `request` ingested after `since`, newest first (at most
// `limit`); no spelling correction or partial matches.
Result<AlertList> SearchChanges(IndexView& view, const Analyzer& analyzer, SearchRequest request, double since,
                                size_t limit);

// For the record `id`: itself when its stamp is after `since`, then the
// records linking to it ingested after `since`.  kNotFound when the viewer
// may not see `id` (a watch never tells what became of a hidden record).
Result<AlertList> WatchChanges(IndexView& view, const std::string& id, double since, size_t limit);

}  // namespace seedgraph
