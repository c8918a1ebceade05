#pragma once
/// \file
/// The simple graph of a layer as a list of ties: what the network null models draw, rewire
/// and hand back to the measures of the registry.
///
/// A null model of a layer says which graphs the layer could have been, and those are
/// simple graphs on the layer's stakeholders: two stakeholders are tied from u to v when
/// some relation of the layer runs from u to v (an `informs` and a `consults` between the
/// same pair are one tie), and a relation of a stakeholder with itself is no tie. That is
/// the simple graph of a layer the relation-structure measures read (`metrics/density.hpp`)
/// and what R's sna compares in `cug.test` (its `ignore.eval = TRUE`: values ignored).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// A simple graph on vertices `0 .. n-1`: tie i runs from `source[i]` to `target[i]`. No
/// self-loop and no tie twice; an undirected tie is stored once with `source < target`.
struct tie_list {
  std::uint32_t n = 0;
  bool directed = true;
  std::vector<std::uint32_t> source{}, target{};

  std::size_t size() const noexcept { return source.size(); }
  bool operator==(const tie_list&) const = default;
};

/// Ordered pairs of distinct vertices (directed) or unordered ones (undirected): the ties a
/// simple graph on n vertices can have. O(1).
inline std::uint64_t possible_ties(std::uint64_t n, bool directed) noexcept {
  const std::uint64_t pairs = n < 2 ? 0 : n * (n - 1);
  return directed ? pairs : pairs / 2;
}

/// The simple graph of a layer's edges over its `vertices.size()` positions, read directed
/// or undirected, ties sorted by (source, target).
///
/// Complexity: O(n + m log m). Throws nothing beyond allocation.
inline tie_list ties_of(const layer_edges& e, bool directed) {
  tie_list t;
  t.n = static_cast<std::uint32_t>(e.vertices.size());
  t.directed = directed;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  pairs.reserve(e.source.size());
  for (std::size_t i = 0; i < e.source.size(); ++i) {
    std::uint32_t u = e.source[i], v = e.target[i];
    if (u == v) continue;
    if (!directed && v < u) std::swap(u, v);
    pairs.emplace_back(u, v);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  t.source.reserve(pairs.size());
  t.target.reserve(pairs.size());
  for (const auto& [u, v] : pairs) {
    t.source.push_back(u);
    t.target.push_back(v);
  }
  return t;
}

/// The ties as the edges of a layer over `vertices` (a network vertex per position), for
/// `compute_measure`: weight 1, no relation index; an undirected tie becomes two edges, one
/// each way, so that a measure that reads the layer as directed (reciprocity, hierarchy)
/// sees the symmetric graph and one that reads it undirected sees each tie once.
///
/// Complexity: O(m). Throws `input_error` ("vertices") when there are fewer vertices than
/// the graph's n.
inline layer_edges as_layer_edges(const tie_list& t,
                                  std::span<const Network::vertex_type> vertices) {
  if (vertices.size() < t.n)
    throw input_error("vertices", "the graph has " + std::to_string(t.n) + " vertices, only " +
                                      std::to_string(vertices.size()) + " given");
  layer_edges e;
  e.vertices.assign(vertices.begin(), vertices.begin() + t.n);
  const std::size_t m = t.directed ? t.size() : 2 * t.size();
  e.source.reserve(m);
  e.target.reserve(m);
  for (std::size_t i = 0; i < t.size(); ++i) {
    e.source.push_back(t.source[i]);
    e.target.push_back(t.target[i]);
    if (!t.directed) {
      e.source.push_back(t.target[i]);
      e.target.push_back(t.source[i]);
    }
  }
  e.weight.assign(m, 1.0);
  return e;
}

/// The MAN dyad census of a directed tie list (for an undirected one every tie is mutual).
/// Complexity: O(m log m).
inline dyad_census census_of(const tie_list& t) {
  dyad_census c;
  if (!t.directed) {
    c.mutual = t.size();
  } else {
    std::vector<std::uint64_t> keys(t.size());
    for (std::size_t i = 0; i < t.size(); ++i)
      keys[i] = (std::uint64_t{std::min(t.source[i], t.target[i])} << 32) |
                std::max(t.source[i], t.target[i]);
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 0; i < keys.size();) {
      std::size_t j = i + 1;
      while (j < keys.size() && keys[j] == keys[i]) ++j;
      (j - i == 2 ? c.mutual : c.asymmetric) += 1;
      i = j;
    }
  }
  c.null = possible_ties(t.n, false) - c.mutual - c.asymmetric;
  return c;
}

/// Each vertex's out-degree and in-degree (for an undirected list, both are the degree).
/// Complexity: O(n + m).
inline std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> degrees_of(
    const tie_list& t) {
  std::vector<std::uint32_t> out(t.n, 0), in(t.n, 0);
  for (std::size_t i = 0; i < t.size(); ++i) {
    ++out[t.source[i]];
    ++in[t.target[i]];
    if (!t.directed) {
      ++out[t.target[i]];
      ++in[t.source[i]];
    }
  }
  return {std::move(out), std::move(in)};
}

}  // namespace coproduction
