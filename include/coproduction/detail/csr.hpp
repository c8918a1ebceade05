#pragma once
/// \file
/// A compact, read-only copy of a graph in compressed sparse row form (contiguous offset,
/// target and weight arrays), built once before a centrality computation. Path-based measures
/// visit every edge once per source vertex, so on a graph of 10,000 stakeholders and 50,000
/// relations they touch billions of edges: contiguous 32-bit targets keep that loop in cache,
/// which an adjacency_list of per-vertex vectors with bundled properties does not.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "coproduction/error.hpp"

namespace coproduction {

/// What an edge weight means. Relations carry strengths (bigger = closer: more contact, more
/// trust, more money), so by default a path's length is the sum of `1 / weight` over its
/// edges (Newman 2001; Brandes 2001; Opsahl, Agneessens & Skvoretz 2010). Data whose weights
/// are already lengths (a cost, a delay) say `distance`; then degree, eigenvector and PageRank
/// use `1 / weight` as the strength, so every measure reads the same data the same way.
enum class weight_meaning {
  strength,  ///< weight is a tie strength; length = 1 / weight
  distance,  ///< weight is a length; strength = 1 / weight
};

/// What to do with several edges between the same ordered pair (or, when direction is ignored,
/// the same unordered pair), e.g. a `consults` and an `informs` relation in one layer.
enum class parallel_edges {
  merge,  ///< one edge whose strength is the sum of the strengths (lengths combine as 1 / sum)
  keep,   ///< every edge counts: in degree, and as a separate shortest path (igraph's convention)
};

}  // namespace coproduction

namespace coproduction::detail {

/// One direction of adjacency: the neighbours of `v` are `targets[offsets[v] .. offsets[v+1])`.
struct csr_adjacency {
  std::vector<std::size_t> offsets;    // n + 1 entries
  std::vector<std::uint32_t> targets;  // one per arc, sorted by source
  std::vector<double> strength;        // one per arc when weighted, else empty
  std::vector<double> length;          // one per arc when weighted, else empty

  std::size_t begin(std::uint32_t v) const noexcept { return offsets[v]; }
  std::size_t end(std::uint32_t v) const noexcept { return offsets[v + 1]; }
  std::size_t degree(std::uint32_t v) const noexcept { return offsets[v + 1] - offsets[v]; }
};

/// A graph as arcs: an undirected edge is stored as two arcs. Self-loops are dropped: a
/// relation of a stakeholder with itself says nothing about where power sits between them.
struct csr_graph {
  std::uint32_t n = 0;
  bool directed = true;
  bool weighted = false;
  csr_adjacency out;
  csr_adjacency in_;  // filled only for directed graphs when asked for

  /// Incoming arcs; for an undirected graph the same as `out`.
  const csr_adjacency& in() const noexcept { return directed ? in_ : out; }
};

/// How to read edges into a `csr_graph`.
struct csr_request {
  bool directed = true;
  bool weighted = false;
  weight_meaning meaning = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  bool need_in = false;  // also build incoming adjacency (directed graphs only)
};

/// Largest vertex count: vertex ids are stored in 32 bits, one value kept free as "none".
inline constexpr std::size_t max_vertices = std::numeric_limits<std::uint32_t>::max() - 1;

namespace csr_build {

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

inline csr_adjacency pack(const std::vector<arc>& sorted, std::uint32_t n, bool weighted,
                          bool by_target) {
  csr_adjacency adj;
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

}  // namespace csr_build

/// Checks parallel arrays of edge endpoints (vertex indices in `[0, n)`) and, when
/// `weighted`, one finite positive weight per edge; shared by every builder of a graph from
/// arrays, so each refuses bad input in the same words.
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
/// `[0, n)`) and, if `weights` is not empty, one weight per edge.
///
/// Complexity: O(n + m) time and memory.
/// Throws `input_error` ("n") when n is too large, ("target") when the arrays differ in length,
/// ("source"/"target") for an index outside `[0, n)`, ("weight") for a weight count that does
/// not match or a weight that is not a finite positive number.
template <class Index>
csr_graph make_csr(std::size_t n, std::span<const Index> sources, std::span<const Index> targets,
                   std::span<const double> weights, const csr_request& req) {
  check_edge_arrays(n, sources, targets, weights, req.weighted);

  using csr_build::arc;
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
  if (req.parallel == parallel_edges::merge) {
    arcs = csr_build::stable_bucket(arcs, nn, [](const arc& a) { return a.target; });
    arcs = csr_build::stable_bucket(arcs, nn, [](const arc& a) { return a.source; });
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
    arcs = csr_build::stable_bucket(arcs, nn, [](const arc& a) { return a.source; });
  }

  csr_graph g;
  g.n = nn;
  g.directed = req.directed;
  g.weighted = req.weighted;
  g.out = csr_build::pack(arcs, nn, req.weighted, false);
  if (req.directed && req.need_in) {
    arcs = csr_build::stable_bucket(arcs, nn, [](const arc& a) { return a.target; });
    g.in_ = csr_build::pack(arcs, nn, req.weighted, true);
  }
  return g;
}

}  // namespace coproduction::detail
