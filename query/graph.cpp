#include "query/graph.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>

#include "query/index_view.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// What a traversal needs to know of a record, looked up once per call.
struct NodeInfo {
  bool indexed = false;
  bool visible = false;
  std::string type, title;
  Xapian::docid did = 0;
};

std::string DisplayTitle(const Record& rec) { return rec.title.ja.empty() ? rec.title.en : rec.title.ja; }

bool Wanted(const std::vector<std::string>& allowed, const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// A traversal over one database snapshot for one role, with a per-call cache
// of node lookups (a BFS touches the same hubs many times).
class Walker {
 public:
  Walker(IndexView& view, bool titles = true) : view_(view), db_(view.db()), role_(view.role()), titles_(titles) {}

  const NodeInfo& Info(const std::string& id) {
    auto it = cache_.find(id);
    if (it != cache_.end()) return it->second;
    Prefetch({id});
    return cache_.emplace(id, NodeInfo{}).first->second;  // (emplaced by Prefetch)
  }

  // Both directions of `id`'s links, filtered; hidden ends are dropped.
  std::vector<Neighbour> Expand(const std::string& id, const NeighbourOptions& opts) {
    std::vector<Neighbour> out;
    const NodeInfo& self = Info(id);
    if (self.indexed && self.visible) Outgoing(id, self.did, opts, &out);
    Incoming(id, opts, &out);
    return out;
  }

 private:
  // Looks up the ids not cached yet at once: one match and one hidden-term
  // lookup for all (over remote shards a few round trips, not two per id).
  void Prefetch(const std::vector<std::string>& ids) {
    std::vector<std::string> unknown;
    for (const std::string& id : ids) {
      if (!cache_.count(id) && std::find(unknown.begin(), unknown.end(), id) == unknown.end()) unknown.push_back(id);
    }
    if (unknown.empty()) return;
    auto docs = ReadByIds(db_, unknown);
    std::vector<std::string> missing;
    for (const std::string& id : unknown) {
      auto it = docs.find(id);
      if (it == docs.end()) {
        missing.push_back(id);
        continue;
      }
      Learn(id, it->second.did, it->second.doc, it->second.record);
    }
    // In a part this viewer may not see: a record, but not one to show.
    for (const auto& [id, hidden] : view_.HiddenOf(missing)) {
      NodeInfo info;
      info.indexed = hidden;
      cache_.emplace(id, std::move(info));
    }
  }

  // Caches what a read document says of its record.
  void Learn(const std::string& id, Xapian::docid did, const Xapian::Document& doc, const Record& rec) {
    if (cache_.count(id)) return;
    NodeInfo info;
    info.did = did;
    info.indexed = true;
    info.visible = MayView(role_, doc.get_value(kSlotVisibility));
    if (info.visible) info.type = doc.get_value(kSlotType);
    if (info.visible && titles_) info.title = DisplayTitle(rec);
    cache_.emplace(id, std::move(info));
  }

  bool Accept(const std::string& other, const NeighbourOptions& opts, GraphNode* node) {
    const NodeInfo& info = Info(other);
    if (info.indexed && !info.visible) return false;
    if (!info.indexed && !opts.include_unindexed) return false;
    if (!opts.types.empty() && !Wanted(opts.types, info.type)) return false;
    node->id = other;
    node->did = info.did;
    node->type = info.type;
    node->title = info.title;
    return true;
  }

  void Outgoing(const std::string& id, Xapian::docid did, const NeighbourOptions& opts, std::vector<Neighbour>* out) {
    const Record rec = DecodeStoredRecord(db_.get_document(did).get_data());
    std::vector<std::string> targets;
    for (const Link& l : rec.links) {
      if (targets.size() >= opts.limit) break;
      if (Wanted(opts.rels, l.rel)) targets.push_back(l.to);
    }
    Prefetch(targets);
    for (const Link& l : rec.links) {
      if (out->size() >= opts.limit) return;
      Neighbour n;
      n.edge = {id, l.to, l.rel, l.date};
      if (!Wanted(opts.rels, n.edge.rel) || !Accept(n.edge.to, opts, &n.node)) continue;
      n.outgoing = true;
      out->push_back(std::move(n));
    }
  }

  // The records linking to `id`, newest first and by id (kSlotLinkOrder:
  // the same order over any layout of shards; an older index without the
  // slot reads them in document order), a page at a time with their
  // documents fetched together.
  void Incoming(const std::string& id, const NeighbourOptions& opts, std::vector<Neighbour>* out) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(MakeTerm(prefix::kLinkAny, id)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    enquire.set_sort_by_value(kSlotLinkOrder, true);
    for (Xapian::doccount seen = 0, page = 64; out->size() < opts.limit; page *= 2) {
      const Xapian::doccount want = seen + std::max<Xapian::doccount>(page, static_cast<Xapian::doccount>(opts.limit));
      Xapian::MSet mset = enquire.get_mset(0, want);  // from the first: FetchAll
      FetchAll(mset, seen);
      std::vector<std::pair<Xapian::Document, Record>> sources;
      for (auto it = mset[seen]; it != mset.end(); ++it) {
        Xapian::Document doc = it.get_document();
        if (!MayView(role_, doc.get_value(kSlotVisibility))) continue;
        Record rec = DecodeStoredRecord(doc.get_data());
        Learn(rec.id, *it, doc, rec);
        sources.emplace_back(std::move(doc), std::move(rec));
      }
      for (const auto& [doc, rec] : sources) {
        if (out->size() >= opts.limit) return;
        const std::string& source = rec.id;
        if (source == id) continue;  // a self-link is already an outgoing edge
        for (const Link& l : rec.links) {
          Neighbour n;
          n.edge = {source, l.to, l.rel, l.date};
          if (n.edge.to != id || !Wanted(opts.rels, n.edge.rel) || !Accept(source, opts, &n.node)) continue;
          n.outgoing = false;
          out->push_back(std::move(n));
        }
      }
      if (mset.size() < want) return;
      seen = want;
    }
  }

  IndexView& view_;
  Xapian::Database& db_;
  Role role_;
  bool titles_;
  std::unordered_map<std::string, NodeInfo> cache_;
};

Status CheckStart(Walker* walker, const std::string& id) {
  const NodeInfo& info = walker->Info(id);
  if (!info.indexed || !info.visible) return Status::NotFound("no record " + id);
  return Status::Ok();
}

}  // namespace

Result<std::vector<Neighbour>> Neighbours(IndexView& view, const std::string& id, const NeighbourOptions& options) {
  try {
    Walker walker(view, options.titles);
    const NodeInfo& info = walker.Info(id);
    const bool expandable = info.indexed ? info.visible : options.allow_unindexed_start;
    if (!expandable) return Status::NotFound("no record " + id);
    return walker.Expand(id, options);
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reading the index");
  }
}

Result<Graph> Neighbourhood(IndexView& view, const GraphRequest& req) {
  if (req.depth < 1 || req.depth > 3) return Status::InvalidArgument("depth: must be 1..3");
  if (req.limit == 0) return Status::InvalidArgument("limit: must be at least 1");
  try {
    Walker walker(view);
    Status st = CheckStart(&walker, req.id);
    if (!st.ok()) return st;
    Graph g;
    std::map<std::string, size_t> index;  // id -> position in g.nodes
    const NodeInfo& start = walker.Info(req.id);
    g.nodes.push_back({req.id, start.type, start.title, 0});
    index[req.id] = 0;
    std::set<std::tuple<std::string, std::string, std::string>> seen_edges;
    NeighbourOptions opts;
    opts.rels = req.rels;
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      if (g.nodes[i].depth >= req.depth) break;  // BFS order: the rest are deeper
      const GraphNode from = g.nodes[i];
      for (Neighbour& n : walker.Expand(from.id, opts)) {
        if (!index.count(n.node.id)) {
          if (g.nodes.size() >= req.limit) {
            g.truncated = true;
            continue;
          }
          n.node.depth = from.depth + 1;
          index[n.node.id] = g.nodes.size();
          g.nodes.push_back(n.node);
        }
        if (seen_edges.insert({n.edge.from, n.edge.to, n.edge.rel}).second) g.edges.push_back(n.edge);
      }
    }
    return g;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reading the index");
  }
}

Result<std::vector<GraphEdge>> ShortestPath(IndexView& view, const PathRequest& req) {
  try {
    Walker walker(view);
    for (const std::string* id : {&req.from, &req.to}) {
      Status st = CheckStart(&walker, *id);
      if (!st.ok()) return st;
    }
    if (req.from == req.to) return std::vector<GraphEdge>();
    // Breadth first, undirected; parent edges rebuild the path.
    std::unordered_map<std::string, std::pair<std::string, GraphEdge>> parent;
    std::unordered_map<std::string, int> depth{{req.from, 0}};
    std::deque<std::string> queue{req.from};
    NeighbourOptions opts;
    opts.rels = req.rels;
    while (!queue.empty() && depth.size() < req.max_visited) {
      const std::string cur = queue.front();
      queue.pop_front();
      if (depth[cur] >= req.max_depth) continue;
      for (const Neighbour& n : walker.Expand(cur, opts)) {
        if (depth.count(n.node.id)) continue;
        depth[n.node.id] = depth[cur] + 1;
        parent[n.node.id] = {cur, n.edge};
        if (n.node.id == req.to) {
          std::vector<GraphEdge> path;
          for (std::string at = req.to; at != req.from; at = parent[at].first) path.push_back(parent[at].second);
          std::reverse(path.begin(), path.end());
          return path;
        }
        queue.push_back(n.node.id);
      }
    }
    return Status::NotFound("no path from " + req.from + " to " + req.to + " within " +
                            std::to_string(req.max_depth) + " hops");
  } catch (const Xapian::Error& e) {
    return ReadError(e, "reading the index");
  }
}

}  // namespace seedgraph
