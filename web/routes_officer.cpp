// Handlers of the officer endpoints: a record's graph and related records,
// company matching, cross-link matrices and output indicators.  The query
// functions apply the caller's role; these handlers only pass it on.
#include "query/crosslinks.h"
#include "query/graph.h"
#include "query/indicators.h"
#include "query/pairing.h"
#include "query/json.h"
#include "query/company_profile.h"
#include "query/match.h"
#include "query/related.h"
#include "schema/vocab.h"
#include "web/cursor.h"
#include "web/server_impl.h"

namespace seedgraph {
namespace {

// Every value must be a code of `vocab`: a typo ("rel=fundedby") is reported
// rather than silently matching nothing.
Status CheckCodes(const std::string& name, const std::vector<std::string>& values, const Vocabulary& vocab) {
  for (const auto& v : values) {
    if (!vocab.Contains(v)) {
      return Status::InvalidArgument(name + ": unknown code \"" + v.substr(0, 40) + "\" (known: " + vocab.CodeList() +
                                     ")");
    }
  }
  return Status::Ok();
}

// The hits of `ids` in their order, read in one batch (ReadByIds).
std::vector<Hit> HitsOf(const Xapian::Database& db, const std::vector<std::string>& ids) {
  std::unordered_map<std::string, StoredDoc> docs = ReadByIds(db, ids);
  std::vector<Hit> hits;
  for (const std::string& id : ids) {
    auto it = docs.find(id);
    if (it != docs.end()) hits.push_back(HitFromRecord(std::move(it->second.record)));
  }
  return hits;
}

}  // namespace

Reply Server::Impl::GraphOf(const Call& call) {
  GraphRequest request;
  request.id = call.captures.at(0);
  request.rels = RepeatedParam(call.params, "rel");
  int limit = 200;
  Status s = IntParam(call.params, "depth", 1, 3, &request.depth);
  if (s.ok()) s = IntParam(call.params, "limit", 1, options.max_graph_nodes, &limit);
  if (s.ok()) s = CheckCodes("rel", request.rels, Relations());
  if (!s.ok()) return ErrorReply(s);
  request.limit = static_cast<size_t>(limit);
  return WithDb(call, [&](IndexView& view) {
    Result<Graph> graph = Neighbourhood(view, request);
    if (!graph.ok()) return ErrorReply(graph.status());
    return Reply{200, GraphJson(graph.value())};
  });
}

Reply Server::Impl::ProfileOfCompany(const Call& call) {
  const std::string id = call.captures.at(0);
  return WithDb(call, [&](IndexView& view) {
    Result<CompanyProfile> profile = ProfileOf(view, id);
    if (!profile.ok()) return ErrorReply(profile.status());
    return Reply{200, CompanyProfileJson(profile.value())};
  });
}

namespace {

// The depth a ranked list is computed to for a page (its cursor's offset
// plus the page), or a 400 past kMaxRankedDepth.
Result<size_t> DepthOf(const ListPage& page, int limit) {
  if (page.offset >= kMaxRankedDepth) {
    return Status::InvalidArgument("cursor: ranked lists end at the " + std::to_string(kMaxRankedDepth) + " best");
  }
  return std::min<size_t>(page.offset + static_cast<size_t>(limit), kMaxRankedDepth);
}

// Cuts a list computed `depth` deep to its page and says where the next
// page starts: none when the list ended before, or at the depth limit.
template <typename T>
std::string PageOf(std::vector<T>* list, const ListPage& page, size_t depth, const IndexView& view,
                   const QueryParams& params) {
  const bool more = list->size() >= depth && depth < kMaxRankedDepth;
  list->erase(list->begin(), list->begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(list->size(), page.offset)));
  return NextCursor(more, view.revision(), depth, params);
}

}  // namespace

Reply Server::Impl::RelatedTo(const Call& call) {
  RelatedRequest request;
  request.id = call.captures.at(0);
  request.types = RepeatedParam(call.params, "type");
  int limit = 20;
  Result<std::string> across = SingleParam(call.params, "across");
  Status s = across.ok() ? IntParam(call.params, "limit", 1, options.max_results, &limit) : across.status();
  if (s.ok()) s = CheckCodes("type", request.types, RecordTypes());
  if (s.ok() && !across.value().empty() && across.value() != "modality" && across.value() != "disease_area" &&
      across.value() != "project") {
    s = Status::InvalidArgument("across: must be modality, disease_area or project");
  }
  if (!s.ok()) return ErrorReply(s);
  request.across = across.value();
  Result<ListPage> page = ListPageOf(call.params);
  if (!page.ok()) return ErrorReply(page.status());
  Result<size_t> depth = DepthOf(page.value(), limit);
  if (!depth.ok()) return ErrorReply(depth.status());
  request.limit = depth.value();
  return WithDb(
      call,
      [&](IndexView& view) {
        Result<std::vector<RelatedHit>> hits = Related(view, analyzer, request);
        if (!hits.ok()) return ErrorReply(hits.status());
        const std::string next = PageOf(&hits.value(), page.value(), depth.value(), view, call.params);
        Reply reply{200, WithNextCursor(RelatedJson(hits.value()), next)};
        reply.pin = !next.empty();
        return reply;
      },
      page.value().at());
}

// seed=ID: companies for a seed; company=ID: the reverse view, seeds for a
// company, in the shape of /related ({"hits": [...]}).
Reply Server::Impl::Match(const Call& call) {
  Result<std::string> seed = SingleParam(call.params, "seed");
  Result<std::string> company = SingleParam(call.params, "company");
  int limit = 20;
  Status s = !seed.ok() ? seed.status() : !company.ok() ? company.status() : Status::Ok();
  if (s.ok()) s = IntParam(call.params, "limit", 1, options.max_results, &limit);
  if (s.ok() && seed.value().empty() == company.value().empty()) {
    s = Status::InvalidArgument("seed, company: give exactly one of them");
  }
  if (!s.ok()) return ErrorReply(s);
  Result<ListPage> page = ListPageOf(call.params);
  if (!page.ok()) return ErrorReply(page.status());
  Result<size_t> depth = DepthOf(page.value(), limit);
  if (!depth.ok()) return ErrorReply(depth.status());
  MatchRequest request;
  request.seed = seed.value().empty() ? company.value() : seed.value();
  request.limit = depth.value();
  const bool reverse = seed.value().empty();
  return WithDb(
      call,
      [&](IndexView& view) {
        Reply reply;
        std::string next;
        if (reverse) {
          Result<std::vector<RelatedHit>> seeds = SeedsForCompany(view, analyzer, request);
          if (!seeds.ok()) return ErrorReply(seeds.status());
          next = PageOf(&seeds.value(), page.value(), depth.value(), view, call.params);
          reply = Reply{200, WithNextCursor(RelatedJson(seeds.value()), next)};
        } else {
          Result<std::vector<MatchCandidate>> candidates = MatchCompanies(view, analyzer, request);
          if (!candidates.ok()) return ErrorReply(candidates.status());
          next = PageOf(&candidates.value(), page.value(), depth.value(), view, call.params);
          reply = Reply{200, WithNextCursor(MatchJson(candidates.value()), next)};
        }
        reply.pin = !next.empty();
        return reply;
      },
      page.value().at());
}

Reply Server::Impl::CrossLinksMatrix(const Call& call) {
  Result<SearchRequest> search = SearchPart(call);
  if (!search.ok()) return ErrorReply(search.status());
  CrosslinkRequest request;
  request.search = std::move(search.value());
  Result<std::string> rows = SingleParam(call.params, "rows");
  Result<std::string> cols = SingleParam(call.params, "cols");
  if (!rows.ok()) return ErrorReply(rows.status());
  if (!cols.ok()) return ErrorReply(cols.status());
  if (!rows.value().empty()) request.rows = rows.value();
  if (!cols.value().empty()) request.cols = cols.value();
  return WithDb(call, [&](IndexView& view) {
    Result<Crosslinks> matrix = CrossLinks(view, analyzer, request);
    if (!matrix.ok()) return ErrorReply(matrix.status());
    return Reply{200, CrosslinksJson(matrix.value())};
  });
}

// by=...: the table; with drill=INDICATOR&key=ROW, the records behind one
// count, a page at a time (per_page, cursor), as hits with titles.
Reply Server::Impl::IndicatorTable(const Call& call) {
  Result<SearchRequest> search = SearchPart(call);
  if (!search.ok()) return ErrorReply(search.status());
  IndicatorRequest request;
  request.search = std::move(search.value());
  Result<std::string> by = SingleParam(call.params, "by");
  Result<std::string> drill = SingleParam(call.params, "drill");
  Result<std::string> key = SingleParam(call.params, "key");
  for (const auto* r : {&by, &drill, &key}) {
    if (!r->ok()) return ErrorReply(r->status());
  }
  if (!by.value().empty()) request.by = by.value();
  if (drill.value().empty()) {
    if (!key.value().empty()) return ErrorReply(Status::InvalidArgument("key: only with drill"));
    return WithDb(call, [&](IndexView& view) {
      Result<Indicators> table = ComputeIndicators(view, analyzer, request);
      if (!table.ok()) return ErrorReply(table.status());
      return Reply{200, IndicatorsJson(table.value())};
    });
  }
  int per_page = 50;
  Status s = IntParam(call.params, "per_page", 1, options.max_results, &per_page);
  if (!s.ok()) return ErrorReply(s);
  Result<ListPage> page = ListPageOf(call.params);
  if (!page.ok()) return ErrorReply(page.status());
  return WithDb(
      call,
      [&](IndexView& view) {
        Result<IndicatorDrill> list = DrillIndicator(view, analyzer, request, drill.value(), key.value());
        if (!list.ok()) return ErrorReply(list.status());
        const std::vector<std::string>& ids = list.value().count.ids;
        const size_t first = std::min<size_t>(ids.size(), page.value().offset);
        const size_t end = std::min(ids.size(), first + static_cast<size_t>(per_page));
        const std::vector<Hit> hits = HitsOf(view.db(), {ids.begin() + static_cast<std::ptrdiff_t>(first),
                                                         ids.begin() + static_cast<std::ptrdiff_t>(end)});
        const std::string next = NextCursor(end < ids.size(), view.revision(), end, call.params);
        Reply reply{200, WithNextCursor(IndicatorDrillJson(list.value(), request.by, hits, first), next)};
        reply.pin = !next.empty();
        return reply;
      },
      page.value().at());
}

Reply Server::Impl::Pairing(const Call& call) {
  PairingRequest request;
  int limit = 20, per_topic = 5;
  Status s = IntParam(call.params, "months", 1, 60, &request.months);
  if (s.ok()) s = IntParam(call.params, "limit", 1, options.max_results, &limit);
  if (s.ok()) s = IntParam(call.params, "per_topic", 1, 20, &per_topic);
  Result<std::string> today = SingleParam(call.params, "today");
  if (s.ok() && !today.ok()) s = today.status();
  if (!s.ok()) return ErrorReply(s);
  request.today = today.value();
  request.limit = static_cast<size_t>(limit);
  request.per_topic = static_cast<size_t>(per_topic);
  Result<ListPage> page = ListPageOf(call.params);
  if (!page.ok()) return ErrorReply(page.status());
  request.offset = page.value().offset;
  // Empty values come from the UI's "all" choices: no constraint.
  for (const auto& [name, list] : {std::pair{"project", &request.projects}, std::pair{"disease_area", &request.disease_areas}}) {
    for (const std::string& v : RepeatedParam(call.params, name)) {
      if (!v.empty()) list->push_back(v);
    }
  }
  return WithDb(call, [&](IndexView& view) {
    PairingRequest req = request;
    PairingReference ref;
    ref.date = req.today;
    if (req.today.empty()) {  // the data's last year rather than an empty plan
      Result<PairingReference> found = DefaultPairingReference(view, req);
      if (!found.ok()) return ErrorReply(found.status());
      ref = found.value();
      req.today = ref.date;
    }
    PairingCounts counts;
    Result<std::vector<PairingItem>> items = PairingCandidates(view, analyzer, req, &counts);
    if (!items.ok()) return ErrorReply(items.status());
    // The window holds counts.in_window topics; a page lists `limit` of them.
    const size_t shown = req.offset + items.value().size();
    const std::string next = NextCursor(shown < counts.in_window, view.revision(), shown, call.params);
    Reply reply{200, WithNextCursor(PairingJson(items.value(), ref, &counts), next)};
    reply.pin = !next.empty();
    return reply;
  }, page.value().at());
}

}  // namespace seedgraph
