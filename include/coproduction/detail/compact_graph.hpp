#pragma once
/// \file
/// The one compact graph every measure runs on: a read-only copy of a layer in compressed
/// sparse row form (contiguous offsets, 32-bit targets, and per arc a strength and a length
/// when weighted), built once before a computation, from edge arrays or from any Boost.Graph.
///
/// Path-based measures visit every edge once per source vertex, so on a graph of 10,000
/// stakeholders and 50,000 relations they touch billions of edges: contiguous 32-bit targets
/// keep that loop in cache, which an adjacency_list of per-vertex vectors with bundled
/// properties does not. The relation-structure measures (reciprocity, hierarchy, E-I index,
/// brokerage, constraint) read the same structure in its merged mode, where each vertex's
/// neighbours are sorted and distinct: the **simple graph of a layer** (`graph_request::simple`).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/property_map/property_map.hpp>

#include "coproduction/error.hpp"
#include "coproduction/metrics/edge_reading.hpp"

namespace coproduction::detail {

/// Largest vertex count: vertex ids are stored in 32 bits, one value kept free as "none".
inline constexpr std::size_t max_vertices = std::numeric_limits<std::uint32_t>::max() - 1;

/// One direction of adjacency: the neighbours of `v` are `targets[offsets[v] .. offsets[v+1])`.
struct adjacency {
  std::vector<std::size_t> offsets{0};  // n + 1 entries
  std::vector<std::uint32_t> targets;   // one per arc, grouped by source
  std::vector<double> strength;         // one per arc when weighted, else empty (all 1)
  std::vector<double> length;           // one per arc when weighted, else empty (all 1)

  std::size_t begin(std::uint32_t v) const noexcept { return offsets[v]; }
  std::size_t end(std::uint32_t v) const noexcept { return offsets[v + 1]; }
  std::size_t degree(std::uint32_t v) const noexcept { return offsets[v + 1] - offsets[v]; }
  std::span<const std::uint32_t> neighbours(std::uint32_t v) const noexcept {
    return {targets.data() + offsets[v], degree(v)};
  }
  /// The strength of arc `a`: its (summed) weight, or 1 in an unweighted graph.
  double strength_at(std::size_t a) const noexcept { return strength.empty() ? 1.0 : strength[a]; }
};

/// A graph as arcs: an undirected edge is stored as two arcs. Self-loops are dropped: a
/// relation of a stakeholder with itself says nothing about where power sits between them.
struct compact_graph {
  std::uint32_t n = 0;
  bool directed = true;
  bool weighted = false;
  bool merged = true;  // parallel arcs merged: every neighbour list sorted and distinct
  adjacency out;
  adjacency in_;  // filled only for directed graphs when asked for

  /// Incoming arcs; for an undirected graph the same as `out`.
  const adjacency& in() const noexcept { return directed ? in_ : out; }
  /// Arcs: an undirected edge counts twice.
  std::size_t arcs() const noexcept { return out.targets.size(); }
  /// Ties: arcs of a directed graph, edges of an undirected one.
  std::size_t ties() const noexcept { return directed ? arcs() : arcs() / 2; }
  /// True when u -> v is an arc. O(log deg(u)); needs a merged graph (sorted lists).
  bool has_arc(std::uint32_t u, std::uint32_t v) const noexcept {
    const auto o = out.neighbours(u);
    return std::binary_search(o.begin(), o.end(), v);
  }
};

/// How to read edges into a `compact_graph`.
struct graph_request {
  bool directed = true;
  bool weighted = false;
  weight_meaning meaning = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  bool need_in = false;  // also build incoming adjacency (directed graphs only)

  /// The simple graph of a layer, as the relation-structure measures read it: two vertices
  /// are tied from u to v when any edge runs from u to v, the strengths of parallel edges add
  /// up, neighbours are sorted and distinct, and both directions of adjacency are built.
  static graph_request simple(bool directed, bool weighted) {
    return {directed, weighted, weight_meaning::strength, parallel_edges::merge, true};
  }
};

namespace compact_build {

struct arc {
  std::uint32_t source;
  std::uint32_t target;
  double strength;
  double length;
};

// Counting sort of arcs by key, stable: two passes (by target, then by source) leave them
// ordered by (source, target) in O(n + m) with no comparison sort.
template <class Key>
std::vector<arc> stable_bucket(const std::vector<arc>& in, std::uint32_t n, Key key) {
  std::vector<std::size_t> start(static_cast<std::size_t>(n) + 1, 0);
  for (const arc& a : in) ++start[key(a) + 1];
  for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
  std::vector<arc> out(in.size());
  for (const arc& a : in) out[start[key(a)]++] = a;
  return out;
}

inline adjacency pack(const std::vector<arc>& sorted, std::uint32_t n, bool weighted,
                      bool by_target) {
  adjacency adj;
  adj.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  adj.targets.resize(sorted.size());
  if (weighted) {
    adj.strength.resize(sorted.size());
    adj.length.resize(sorted.size());
  }
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const arc& a = sorted[i];
    ++adj.offsets[(by_target ? a.target : a.source) + 1];
    adj.targets[i] = by_target ? a.source : a.target;
    if (weighted) {
      adj.strength[i] = a.strength;
      adj.length[i] = a.length;
    }
  }
  for (std::size_t v = 0; v < n; ++v) adj.offsets[v + 1] += adj.offsets[v];
  return adj;
}

}  // namespace compact_build

/// Checks parallel arrays of edge endpoints (vertex indices in `[0, n)`) and, when
/// `weighted`, one finite positive weight per edge; every builder of a graph from arrays
/// refuses bad input in these words.
///
/// Throws `input_error` ("n") when n is too large, ("target") when the arrays differ in length,
/// ("source"/"target") for an index outside `[0, n)`, ("weight") for a weight count that does
/// not match or a weight that is not a finite positive number.
template <class Index>
void check_edge_arrays(std::size_t n, std::span<const Index> sources,
                       std::span<const Index> targets, std::span<const double> weights,
                       bool weighted) {
  static_assert(std::is_integral_v<Index>, "vertex indices must be integers");
  if (n > max_vertices)
    throw input_error("n", "at most " + std::to_string(max_vertices) + " vertices, got " +
                               std::to_string(n));
  if (sources.size() != targets.size())
    throw input_error("target", "has " + std::to_string(targets.size()) +
                                    " entries but source has " + std::to_string(sources.size()));
  if (weighted && weights.size() != sources.size())
    throw input_error("weight", "has " + std::to_string(weights.size()) +
                                     " entries but there are " + std::to_string(sources.size()) +
                                     " edges");
  const auto check_index = [n](Index v, const char* where, std::size_t e) {
    bool outside = false;
    if constexpr (std::is_signed_v<Index>) outside = v < 0;
    if (outside || static_cast<std::make_unsigned_t<Index>>(v) >= n)
      throw input_error(where, "edge " + std::to_string(e) + " has vertex " + std::to_string(v) +
                                   ", outside [0, " + std::to_string(n) + ")");
  };
  for (std::size_t e = 0; e < sources.size(); ++e) {
    check_index(sources[e], "source", e);
    check_index(targets[e], "target", e);
    if (weighted && !(std::isfinite(weights[e]) && weights[e] > 0.0))
      throw input_error("weight", "edge " + std::to_string(e) + " has weight " +
                                       std::to_string(weights[e]) +
                                       "; weights must be finite and positive");
  }
}

/// Builds the compact graph from parallel arrays of edge endpoints (vertex indices in
/// `[0, n)`) and, when `req.weighted`, one weight per edge. Self-loops are dropped; an
/// undirected edge becomes two arcs. With `parallel_edges::merge` the arcs of one ordered pair
/// become one whose strength is their sum (a lone arc keeps its length exactly, a merged one
/// gets length 1 / sum) and every neighbour list is sorted; with `keep` each edge stays an arc,
/// grouped by source in input order.
///
/// Complexity: O(n + m) time and memory (counting sorts).
/// Throws: as `check_edge_arrays`.
template <class Index>
compact_graph make_compact_graph(std::size_t n, std::span<const Index> sources,
                                 std::span<const Index> targets, std::span<const double> weights,
                                 const graph_request& req) {
  check_edge_arrays(n, sources, targets, weights, req.weighted);

  using compact_build::arc;
  std::vector<arc> arcs;
  arcs.reserve(req.directed ? sources.size() : 2 * sources.size());
  for (std::size_t e = 0; e < sources.size(); ++e) {
    double strength = 1.0, length = 1.0;
    if (req.weighted) {
      const double w = weights[e];
      if (req.meaning == weight_meaning::strength) {
        strength = w;
        length = 1.0 / w;
      } else {
        strength = 1.0 / w;
        length = w;
      }
    }
    const auto s = static_cast<std::uint32_t>(sources[e]);
    const auto t = static_cast<std::uint32_t>(targets[e]);
    if (s == t) continue;
    arcs.push_back({s, t, strength, length});
    if (!req.directed) arcs.push_back({t, s, strength, length});
  }

  const auto nn = static_cast<std::uint32_t>(n);
  const auto by_source = [](const arc& a) { return a.source; };
  const auto by_target = [](const arc& a) { return a.target; };
  if (req.parallel == parallel_edges::merge) {
    arcs = compact_build::stable_bucket(arcs, nn, by_target);
    arcs = compact_build::stable_bucket(arcs, nn, by_source);
    std::size_t kept = 0;
    std::size_t i = 0;
    while (i < arcs.size()) {
      arc merged = arcs[i];
      std::size_t j = i + 1;
      for (; j < arcs.size() && arcs[j].source == merged.source &&
             arcs[j].target == merged.target;
           ++j)
        merged.strength += arcs[j].strength;
      // A lone edge keeps its length exactly; only a real merge recomputes it.
      if (j > i + 1) merged.length = 1.0 / merged.strength;
      arcs[kept++] = merged;
      i = j;
    }
    arcs.resize(kept);
  } else {
    arcs = compact_build::stable_bucket(arcs, nn, by_source);
  }

  compact_graph g;
  g.n = nn;
  g.directed = req.directed;
  g.weighted = req.weighted;
  g.merged = req.parallel == parallel_edges::merge;
  g.out = compact_build::pack(arcs, nn, req.weighted, false);
  if (req.directed && req.need_in) {
    // Stable by target over arcs sorted by source: each in-list comes out sorted too.
    arcs = compact_build::stable_bucket(arcs, nn, by_target);
    g.in_ = compact_build::pack(arcs, nn, req.weighted, true);
  }
  return g;
}

// ---------------------------------------------------------------------------------------
// From any Boost.Graph to the compact graph.

template <class Graph>
inline constexpr bool is_directed_graph_v =
    std::is_convertible_v<typename boost::graph_traits<Graph>::directed_category,
                          boost::directed_tag>;

template <class WeightMap>
inline constexpr bool is_weighted_v = !std::is_same_v<WeightMap, unweighted_t>;

/// The compile-time checks every measure makes of its arguments, with the messages a user
/// sees when a graph or a map is of the wrong kind (as Boost.Graph's own concept checks).
template <class Graph, class IndexMap, class WeightMap>
constexpr void check_graph_concepts() {
  using traversal = typename boost::graph_traits<Graph>::traversal_category;
  static_assert(std::is_convertible_v<traversal, boost::vertex_list_graph_tag>,
                "coproduction measures need a VertexListGraph (vertices(g), num_vertices(g))");
  static_assert(std::is_convertible_v<traversal, boost::incidence_graph_tag>,
                "coproduction measures need an IncidenceGraph (out_edges(v, g))");
  using index_type = typename boost::property_traits<IndexMap>::value_type;
  static_assert(std::is_integral_v<index_type>,
                "the vertex index map must give integers in [0, num_vertices(g))");
  if constexpr (is_weighted_v<WeightMap>) {
    using weight_type = typename boost::property_traits<WeightMap>::value_type;
    static_assert(std::is_arithmetic_v<weight_type>,
                  "the edge weight map must give numbers (use coproduction::unweighted for none)");
  }
}

/// Where each vertex of the index range sits among the vertices the graph shows: a
/// `filtered_graph` that hides a vertex behaves as the smaller graph it shows.
struct vertex_layout {
  static constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> position;  ///< by vertex index: compact position or `absent`
  std::vector<std::size_t> index;       ///< by compact position: the vertex index, ascending

  std::uint32_t count() const noexcept { return static_cast<std::uint32_t>(index.size()); }
  bool identity() const noexcept { return index.size() == position.size(); }

  /// Spreads values by compact position to values by vertex index, NaN where absent.
  std::vector<double> expand(std::vector<double> compact) const {
    if (identity()) return compact;
    std::vector<double> out(position.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < index.size(); ++p) out[index[p]] = compact[p];
    return out;
  }
};

/// Throws `input_error` ("graph") for too many vertices, ("index") unless the index map is
/// one-to-one into the index range `[0, num_vertices(g))`.
template <class Graph, class IndexMap>
vertex_layout layout_of(const Graph& g, IndexMap index_map) {
  vertex_layout layout;
  const std::size_t range = num_vertices(g);
  if (range > max_vertices)
    throw input_error("graph", "at most " + std::to_string(max_vertices) + " vertices");
  layout.position.assign(range, vertex_layout::absent);
  for (auto [it, end] = vertices(g); it != end; ++it) {
    const auto i = static_cast<std::size_t>(get(index_map, *it));
    if (i >= range || layout.position[i] != vertex_layout::absent)
      throw input_error("index", "the vertex index map must be one-to-one into [0, " +
                                     std::to_string(range) + ")");
    layout.position[i] = 0;
  }
  for (std::size_t i = 0; i < range; ++i)
    if (layout.position[i] != vertex_layout::absent) {
      layout.position[i] = static_cast<std::uint32_t>(layout.index.size());
      layout.index.push_back(i);
    }
  return layout;
}

/// Calls `f(source_position, target_position, edge)` for every edge `g` shows; an undirected
/// graph lists each edge at both ends, and it is passed once.
/// Throws `input_error` ("index") for an edge to a vertex outside the layout.
template <class Graph, class IndexMap, class F>
void for_each_edge(const Graph& g, IndexMap index_map, const vertex_layout& layout, F&& f) {
  for (auto [vi, vend] = vertices(g); vi != vend; ++vi) {
    const std::uint32_t s = layout.position[static_cast<std::size_t>(get(index_map, *vi))];
    for (auto [ei, eend] = out_edges(*vi, g); ei != eend; ++ei) {
      const auto ti = static_cast<std::size_t>(get(index_map, target(*ei, g)));
      if (ti >= layout.position.size() || layout.position[ti] == vertex_layout::absent)
        throw input_error("index", "an edge leads to a vertex outside the graph's index range");
      const std::uint32_t t = layout.position[ti];
      if constexpr (!is_directed_graph_v<Graph>) {
        if (t < s) continue;
      }
      f(s, t, *ei);
    }
  }
}

/// A Boost graph read into the compact graph, with the layout that maps its vertex indices
/// to compact positions and back.
struct graph_reading {
  vertex_layout layout;
  compact_graph graph;
};

/// Checks the concepts, lays out the vertices and builds the compact graph of what `g` shows.
/// `req.directed` is kept only when the graph is directed (an undirected graph is always read
/// undirected) and `req.weighted` is set by whether a weight map is given.
///
/// Complexity: O(n + m). Throws: as `layout_of`, `for_each_edge` and `check_edge_arrays`.
template <class Graph, class IndexMap, class WeightMap>
graph_reading read_graph(const Graph& g, IndexMap index_map, [[maybe_unused]] WeightMap weight,
                         graph_request req) {
  check_graph_concepts<Graph, IndexMap, WeightMap>();
  graph_reading r;
  r.layout = layout_of(g, index_map);
  req.directed = req.directed && is_directed_graph_v<Graph>;
  req.weighted = is_weighted_v<WeightMap>;
  std::vector<std::uint32_t> sources, targets;
  std::vector<double> weights;
  for_each_edge(g, index_map, r.layout,
                [&](std::uint32_t s, std::uint32_t t, [[maybe_unused]] const auto& e) {
                  sources.push_back(s);
                  targets.push_back(t);
                  if constexpr (is_weighted_v<WeightMap>)
                    weights.push_back(static_cast<double>(get(weight, e)));
                });
  r.graph = make_compact_graph<std::uint32_t>(r.layout.count(), sources, targets, weights, req);
  return r;
}

}  // namespace coproduction::detail
