#include "query/alerts.h"

#include <algorithm>

#include "query/access.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

double StampOf(const Xapian::Document& doc) {
  const std::string v = doc.get_value(kSlotStamp);
  return v.empty() ? 0 : Xapian::sortable_unserialise(v);
}

// The visible records of `query` ingested after `since`, newest first;
// with `watched`, each with how it links to that record.
AlertList Newest(IndexView& view, const Xapian::Query& query, double since, size_t limit, const std::string& watched) {
  const Xapian::Query changed(Xapian::Query::OP_VALUE_GE, kSlotStamp, Xapian::sortable_serialise(since + 1));
  Xapian::Enquire enquire(view.db());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_AND, changed, VisibleFilter(view.role()))));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(kSlotStamp, true);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit), view.db().get_doccount());
  FetchAll(mset);
  AlertList out;
  out.total = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document doc = it.get_document();
    AlertHit a;
    Record record = DecodeStoredRecord(doc.get_data());
    for (const Link& l : record.links) {
      if (l.to == watched) {
        a.rel = l.rel;
        break;
      }
    }
    a.hit = HitFromRecord(std::move(record));
    a.stamp = StampOf(doc);
    out.hits.push_back(std::move(a));
  }
  return out;
}

}  // namespace

double NewestStamp(IndexView& view) {
  Xapian::Enquire enquire(view.db());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, MatchAllQuery(), VisibleFilter(view.role())));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_sort_by_value(kSlotStamp, true);
  Xapian::MSet mset = enquire.get_mset(0, 1);
  return mset.empty() ? 0 : StampOf(mset.begin().get_document());
}

Result<AlertList> SearchChanges(IndexView& view, const Analyzer& analyzer, SearchRequest request, double since,
                                size_t limit) {
  request.ingested_after = since;
  request.fallbacks = false;
  request.facets = false;
  request.page = 1;
  request.offset = -1;
  request.per_page = static_cast<int>(std::clamp<size_t>(limit, 1, 100));
  request.sort = "relevance";
  Result<SearchResult> found = Search(view, analyzer, request);
  if (!found.ok()) return found.status();
  // Newest first: the stamps of the hits shown.
  std::vector<std::string> ids;
  for (const Hit& h : found.value().hits) ids.push_back(h.id);
  const auto stored = ReadByIds(view.db(), ids);
  AlertList out;
  out.total = found.value().total;
  for (Hit& h : found.value().hits) {
    AlertHit a;
    const auto it = stored.find(h.id);
    a.stamp = it == stored.end() ? 0 : StampOf(it->second.doc);
    a.hit = std::move(h);
    out.hits.push_back(std::move(a));
  }
  std::stable_sort(out.hits.begin(), out.hits.end(), [](const AlertHit& a, const AlertHit& b) { return a.stamp > b.stamp; });
  return out;
}

Result<AlertList> WatchChanges(IndexView& view, const std::string& id, double since, size_t limit) {
  try {
    const auto stored = ReadByIds(view.db(), {id});
    const auto self = stored.find(id);
    if (self == stored.end() || !MayView(view.role(), self->second.doc.get_value(kSlotVisibility))) {
      return Status::NotFound("no record " + id);
    }
    AlertList out = Newest(view, Xapian::Query(MakeTerm(prefix::kLinkAny, id)), since, limit, id);
    if (StampOf(self->second.doc) > since) {
      AlertHit a;
      a.hit = HitFromRecord(Record(self->second.record));
      a.stamp = StampOf(self->second.doc);
      out.hits.insert(out.hits.begin(), std::move(a));
      ++out.total;
    }
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "alerts");
  }
}

}  // namespace seedgraph
