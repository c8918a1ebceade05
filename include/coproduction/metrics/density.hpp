#pragma once
/// \file
/// Density: the share of the possible ties of a layer that are present, on the simple graph
/// of the layer (see `reciprocity.hpp`). Two relations of the layer between the same pair (an
/// `informs` and a `trusts` from a to b) are one tie, and a relation of a stakeholder with
/// itself is none, so density never passes 1 however many types a layer holds.
///
///     directed:    D = |{(u, v) : u != v, some relation u -> v}| / (n (n - 1))
///     undirected:  D = |{{u, v} : u != v, some relation between u and v}| / (n (n - 1) / 2)
///
/// A partnership at density 1 on `informs` has everyone informing everyone; the sparse layers
/// of a real partnership lie far below. Compare densities of layers on the same stakeholders:
/// the share depends on n, so densities of networks of different sizes do not compare.
///
/// Reference: Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 4.2. Cambridge
/// University Press. Equals NetworkX's `density` of the simple (Di)Graph of the layer.

#include <cstdint>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"

namespace coproduction {

namespace detail::structure {

/// Density of a merged compact graph: arcs / (n (n - 1)), which for an undirected graph
/// (each edge stored as two arcs) is edges / (n (n - 1) / 2). NaN for fewer than two vertices.
inline double density(const compact_graph& g) noexcept {
  const double n = g.n;
  return ratio(static_cast<double>(g.arcs()), n * (n - 1));
}

}  // namespace detail::structure

/// Density of the simple graph `g` shows: the share of ordered pairs of distinct vertices
/// joined by at least one edge in a directed graph, of unordered pairs in an undirected one.
///
/// Formula: see the file comment. Range: [0, 1]; NaN for fewer than two vertices (no pair can
/// be tied; NetworkX returns 0 there). Vertices a `filtered_graph` hides take no part.
/// Complexity: O(n + m). Throws `input_error` ("index") for an index map that is not
/// one-to-one into `[0, num_vertices(g))`.
template <class Graph, class IndexMap>
double density(const Graph& g, IndexMap index) {
  return detail::structure::density(detail::structure::read_simple(g, index).graph);
}

}  // namespace coproduction
