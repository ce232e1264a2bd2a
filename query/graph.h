// Graph queries over the links of the index, with visibility applied.
//
// Links are stored on their source record (its JSON data) and as XLA<target>
// terms, so the neighbours of a record in both directions cost one document
// read plus one posting list.  A record the role may not see is neither a
// node nor the end of an edge: paths never pass through it.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/access.h"
#include "query/index_view.h"
#include "schema/status.h"

namespace seedgraph {

struct GraphNode {
  std::string id;
  std::string type;   // "" when the id is linked to but not indexed (yet)
  std::string title;  // display title (ja, else en); "" when not indexed
  int depth = 0;      // hops from the start record
  Xapian::docid did = 0;  // its document in the view read from; 0 when not indexed
};

struct GraphEdge {
  std::string from;  // the link's source record
  std::string to;
  std::string rel;
  std::string date;
};

// One hop: the records linked to or from `id`.
struct Neighbour {
  GraphNode node;
  GraphEdge edge;
  bool outgoing = true;  // id -> node (else node -> id)
};

struct NeighbourOptions {
  std::vector<std::string> rels;   // empty: every relation
  std::vector<std::string> types;  // empty: every type of the other end
  bool include_unindexed = true;   // links whose target is not ingested yet
  // Expand an id that is linked to but not indexed (its incoming links
  // only), instead of answering kNotFound.  Hidden records stay kNotFound.
  bool allow_unindexed_start = false;
  // Read the other ends' titles (a JSON parse each); traversals that only
  // score nodes turn this off.
  bool titles = true;
  size_t limit = 1000;
};

// The neighbours of a visible record; kNotFound for an unknown/hidden id.
Result<std::vector<Neighbour>> Neighbours(IndexView& view, const std::string& id,
                                          const NeighbourOptions& options = {});

struct GraphRequest {
  std::string id;
  int depth = 1;                   // 1..3
  std::vector<std::string> rels;   // empty: every relation
  size_t limit = 200;              // nodes at most (the start node included)
};

struct Graph {
  std::vector<GraphNode> nodes;  // breadth-first order, start node first
  std::vector<GraphEdge> edges;  // between returned nodes only
  bool truncated = false;        // the limit cut the neighbourhood
};

// The k-hop neighbourhood (breadth first).  kInvalidArgument for depth
// outside 1..3 or a limit of 0; kNotFound for an unknown/hidden start.
Result<Graph> Neighbourhood(IndexView& view, const GraphRequest& request);

struct PathRequest {
  std::string from;
  std::string to;
  int max_depth = 4;
  std::vector<std::string> rels;  // empty: every relation
  size_t max_visited = 20000;     // bound on the search
};

// The shortest path between two visible records, as its edges in order
// (empty when from == to).  kNotFound when either end is unknown/hidden or
// no path within max_depth exists.
Result<std::vector<GraphEdge>> ShortestPath(IndexView& view, const PathRequest& request);

}  // namespace seedgraph
