#pragma once
/// \file
/// Krackhardt's (1994) four graph-theoretic dimensions of hierarchy: how far a layer is from
/// an out-tree, the shape of a formal chain of command, in which every stakeholder is
/// connected (connectedness), authority runs one way (hierarchy), there is no tie more than
/// needed to connect everyone (efficiency), and every two stakeholders have a closest common
/// superior who can settle between them (least upper boundedness). An out-tree scores 1 on
/// all four; a partnership whose decision and information relations run both ways scores low
/// on hierarchy and efficiency, which is what the National Museums Liverpool Co-production
/// Framework asks of co-production.
///
/// Each index is `1 - V / max V`, V the number of violations of the out-tree's property.
/// Where a graph falls into several weak components, efficiency and least upper boundedness
/// add violations and maxima over the components, as R's sna does (Butts 2008). A ratio 0/0
/// (a graph with no pair, no tie, or no room for a violation) is NaN: undefined, not perfect.
///
/// All four work on the simple graph of the layer (see `reciprocity.hpp`); a directed graph is
/// read as it is, an undirected one as a digraph with every tie both ways. Vertices a
/// `filtered_graph` hides take no part.
///
/// Reference: Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations.
/// In K. M. Carley & M. J. Prietula (eds.), Computational Organization Theory, 89-111.
/// Hillsdale, NJ: Lawrence Erlbaum.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"

namespace coproduction {

/// Krackhardt's four dimensions of one graph; see the functions of the same names.
struct krackhardt_scores {
  double connectedness = std::numeric_limits<double>::quiet_NaN();
  double hierarchy = std::numeric_limits<double>::quiet_NaN();
  double efficiency = std::numeric_limits<double>::quiet_NaN();
  double least_upper_boundedness = std::numeric_limits<double>::quiet_NaN();
};

namespace detail::structure {

/// Weak components (direction ignored): a component id per vertex, ids numbered in order of
/// their smallest vertex, and the number of components.
inline std::pair<std::vector<std::uint32_t>, std::uint32_t> weak_components(
    const compact_graph& g) {
  std::vector<std::uint32_t> parent(g.n);
  for (std::uint32_t v = 0; v < g.n; ++v) parent[v] = v;
  const auto find = [&](std::uint32_t v) {
    while (parent[v] != v) {
      parent[v] = parent[parent[v]];  // path halving
      v = parent[v];
    }
    return v;
  };
  for (std::uint32_t u = 0; u < g.n; ++u)
    for (std::uint32_t v : g.out.neighbours(u)) {
      const std::uint32_t a = find(u), b = find(v);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  std::vector<std::uint32_t> id(g.n);
  std::vector<std::uint32_t> root_id(g.n, std::numeric_limits<std::uint32_t>::max());
  std::uint32_t count = 0;
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const std::uint32_t r = find(v);
    if (root_id[r] == std::numeric_limits<std::uint32_t>::max()) root_id[r] = count++;
    id[v] = root_id[r];
  }
  return {std::move(id), count};
}

/// Strong components by Kosaraju's two passes, iteratively (no recursion, so no stack limit
/// on long chains). Ids come out in a topological order of the condensation: every arc
/// between two components runs from the smaller id to the larger.
inline std::pair<std::vector<std::uint32_t>, std::uint32_t> strong_components(
    const compact_graph& g) {
  constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> finish;
  finish.reserve(g.n);
  std::vector<char> seen(g.n, 0);
  std::vector<std::pair<std::uint32_t, std::size_t>> stack;
  for (std::uint32_t s = 0; s < g.n; ++s) {
    if (seen[s]) continue;
    seen[s] = 1;
    stack.emplace_back(s, 0);
    while (!stack.empty()) {
      auto& [v, next] = stack.back();
      const auto out = g.out.neighbours(v);
      if (next < out.size()) {
        const std::uint32_t w = out[next++];
        if (!seen[w]) {
          seen[w] = 1;
          stack.emplace_back(w, 0);
        }
      } else {
        finish.push_back(v);
        stack.pop_back();
      }
    }
  }
  std::vector<std::uint32_t> id(g.n, none);
  std::uint32_t count = 0;
  std::vector<std::uint32_t> todo;
  for (auto it = finish.rbegin(); it != finish.rend(); ++it) {
    if (id[*it] != none) continue;
    id[*it] = count;
    todo.push_back(*it);
    while (!todo.empty()) {
      const std::uint32_t v = todo.back();
      todo.pop_back();
      for (std::uint32_t u : g.in().neighbours(v))
        if (id[u] == none) {
          id[u] = count;
          todo.push_back(u);
        }
    }
    ++count;
  }
  return {std::move(id), count};
}

/// One bit set per row, rows of `words` 64-bit words.
struct bit_rows {
  std::size_t words = 0;
  std::vector<std::uint64_t> bits;

  bit_rows(std::size_t rows, std::size_t columns) : words((columns + 63) / 64) {
    bits.assign(rows * words, 0);
  }
  std::uint64_t* row(std::size_t r) noexcept { return bits.data() + r * words; }
  const std::uint64_t* row(std::size_t r) const noexcept { return bits.data() + r * words; }
  void set(std::size_t r, std::size_t c) noexcept {
    row(r)[c / 64] |= std::uint64_t{1} << (c % 64);
  }
  void merge(std::size_t into, std::size_t from) noexcept {
    std::uint64_t* a = row(into);
    const std::uint64_t* b = row(from);
    for (std::size_t w = 0; w < words; ++w) a[w] |= b[w];
  }
  std::size_t count(std::size_t r) const noexcept {
    std::size_t c = 0;
    const std::uint64_t* a = row(r);
    for (std::size_t w = 0; w < words; ++w) c += static_cast<std::size_t>(std::popcount(a[w]));
    return c;
  }
};

/// Reachability between strong components needs one bit per pair of them; refuse sizes whose
/// bit sets would not fit in memory rather than fail half-way.
inline constexpr std::size_t max_reachability_components = 100000;

struct condensation {
  std::vector<std::uint32_t> component;  // by vertex
  std::vector<std::uint64_t> size;       // by component
  std::uint32_t count = 0;
};

inline condensation condense(const compact_graph& g) {
  condensation c;
  auto [id, count] = strong_components(g);
  if (count > max_reachability_components)
    throw input_error("graph", "has " + std::to_string(count) +
                                   " strongly connected components; reachability is computed "
                                   "for at most " +
                                   std::to_string(max_reachability_components));
  c.component = std::move(id);
  c.count = count;
  c.size.assign(count, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++c.size[c.component[v]];
  return c;
}

/// Ancestors (`up`) or descendants of each strong component, itself included.
inline bit_rows closure(const compact_graph& g, const condensation& c, bool up) {
  bit_rows rows(c.count, c.count);
  std::vector<std::vector<std::uint32_t>> members(c.count);
  for (std::uint32_t v = 0; v < g.n; ++v) members[c.component[v]].push_back(v);
  // Ancestors of a component have smaller ids, descendants larger (topological ids), so one
  // pass in the right order sees every neighbour's set complete.
  for (std::uint32_t k = 0; k < c.count; ++k) {
    const std::uint32_t comp = up ? k : c.count - 1 - k;
    rows.set(comp, comp);
    for (std::uint32_t v : members[comp])
      for (std::uint32_t w : up ? g.in().neighbours(v) : g.out.neighbours(v))
        if (c.component[w] != comp) rows.merge(comp, c.component[w]);
  }
  return rows;
}

inline double connectedness(const compact_graph& g) {
  const auto [id, count] = weak_components(g);
  std::vector<std::uint64_t> size(count, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++size[id[v]];
  std::uint64_t joined = 0;
  for (std::uint64_t s : size) joined += s * (s - 1);
  const std::uint64_t n = g.n;
  return ratio(static_cast<double>(joined), n < 2 ? 0.0 : static_cast<double>(n * (n - 1)));
}

inline double efficiency(const compact_graph& g) {
  const auto [id, count] = weak_components(g);
  std::vector<std::uint64_t> size(count, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++size[id[v]];
  std::uint64_t needed = 0, room = 0;
  for (std::uint64_t s : size) {
    needed += s - 1;
    room += g.directed ? (s - 1) * (s - 1) : (s - 1) * (s >= 2 ? s - 2 : 0) / 2;
  }
  const double excess = static_cast<double>(g.ties()) - static_cast<double>(needed);
  return 1.0 - ratio(excess, static_cast<double>(room));
}

inline double hierarchy(const compact_graph& g) {
  const condensation c = condense(g);
  const bit_rows down = closure(g, c, false);
  std::uint64_t reachable = 0, mutual_ordered = 0;
  for (std::uint32_t comp = 0; comp < c.count; ++comp) {
    std::uint64_t reach = 0;
    const std::uint64_t* bits = down.row(comp);
    for (std::size_t w = 0; w < down.words; ++w)
      for (std::uint64_t word = bits[w]; word != 0; word &= word - 1)
        reach += c.size[w * 64 + static_cast<std::size_t>(std::countr_zero(word))];
    reachable += c.size[comp] * reach;
    mutual_ordered += c.size[comp] * (c.size[comp] - 1);
  }
  reachable -= g.n;  // nobody counts as reaching themselves
  const double mutual = static_cast<double>(mutual_ordered) / 2;
  const double one_way = static_cast<double>(reachable - mutual_ordered);
  return ratio(one_way, mutual + one_way);
}

inline double least_upper_boundedness(const compact_graph& g) {
  const condensation c = condense(g);
  const auto [weak, weak_count] = weak_components(g);
  std::vector<std::uint64_t> weak_size(weak_count, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++weak_size[weak[v]];
  std::vector<std::vector<std::uint32_t>> strong_in_weak(weak_count);
  {
    std::vector<char> listed(c.count, 0);
    for (std::uint32_t v = 0; v < g.n; ++v)
      if (!listed[c.component[v]]) {
        listed[c.component[v]] = 1;
        strong_in_weak[weak[v]].push_back(c.component[v]);
      }
  }
  const bit_rows up = closure(g, c, true);
  std::vector<std::size_t> ancestors(c.count);
  for (std::uint32_t k = 0; k < c.count; ++k) ancestors[k] = up.count(k);

  std::uint64_t violations = 0, room = 0;
  std::vector<std::uint64_t> common(up.words);
  for (std::uint32_t w = 0; w < weak_count; ++w) {
    const std::uint64_t s = weak_size[w];
    if (s < 3) continue;  // two weakly connected vertices always have a least upper bound
    room += (s - 1) * (s - 2) / 2;
    const auto& comps = strong_in_weak[w];
    // Two members of one strong component have it as least upper bound; only pairs of
    // distinct components can violate.
    for (std::size_t i = 0; i < comps.size(); ++i)
      for (std::size_t j = i + 1; j < comps.size(); ++j) {
        const std::uint64_t* a = up.row(comps[i]);
        const std::uint64_t* b = up.row(comps[j]);
        std::size_t bounds = 0;
        for (std::size_t k = 0; k < up.words; ++k) {
          common[k] = a[k] & b[k];
          bounds += static_cast<std::size_t>(std::popcount(common[k]));
        }
        // The upper bounds form an up-set, so an upper bound L has every other upper bound
        // as an ancestor exactly when its ancestor set is the whole of it.
        bool least = false;
        for (std::size_t k = 0; k < up.words && !least; ++k)
          for (std::uint64_t word = common[k]; word != 0 && !least; word &= word - 1)
            least = ancestors[k * 64 + static_cast<std::size_t>(std::countr_zero(word))] == bounds;
        if (!least) violations += c.size[comps[i]] * c.size[comps[j]];
      }
  }
  return 1.0 - ratio(static_cast<double>(violations), static_cast<double>(room));
}

template <class Graph, class IndexMap>
compact_graph unweighted_layer(const Graph& g, IndexMap index) {
  return read_simple(g, index).graph;
}

/// All four dimensions of one compact graph.
inline krackhardt_scores krackhardt_dimensions(const compact_graph& g) {
  krackhardt_scores s;
  s.connectedness = connectedness(g);
  s.hierarchy = hierarchy(g);
  s.efficiency = efficiency(g);
  s.least_upper_boundedness = least_upper_boundedness(g);
  return s;
}

}  // namespace detail::structure

/// Krackhardt connectedness: the share of pairs of stakeholders joined by a path when
/// directions are ignored (they lie in one weak component).
///
/// Formula: `1 - V / (n (n - 1) / 2)`, V the number of unordered pairs in different weak
/// components; R sna's `connectedness` by its source.
/// Range: [0, 1]; NaN for fewer than two vertices. 1: nobody is cut off from the partnership
/// on this layer; low: separate islands that do not meet.
/// Complexity: O(n + m log m). Throws `input_error` ("index") for an index map that is not
/// one-to-one into `[0, num_vertices(g))`.
/// Reference: Krackhardt (1994), see the file comment.
template <class Graph, class IndexMap>
double connectedness(const Graph& g, IndexMap index) {
  return detail::structure::connectedness(detail::structure::unweighted_layer(g, index));
}

/// Krackhardt hierarchy: the share of reachable pairs that reach each other only one way.
///
/// Formula: `1 - M / (M + A)` on the reachability graph (u -> v when a directed path leads
/// from u to v): M pairs that reach each other both ways, A pairs where only one reaches the
/// other; R sna's `hierarchy(measure = "krackhardt")` by its source.
/// Range: [0, 1]; NaN with no tie. 1: influence flows down only, as in a chain of command;
/// 0: whoever can reach someone is reached back (always so in an undirected graph).
/// Complexity: O(n + m log m + m c / 64 + c^2) time and c^2 / 8 bytes, c the number of strong
/// components. Throws `input_error` ("index") as `connectedness`, ("graph") for more than
/// 100,000 strong components.
template <class Graph, class IndexMap>
double krackhardt_hierarchy(const Graph& g, IndexMap index) {
  return detail::structure::hierarchy(detail::structure::unweighted_layer(g, index));
}

/// Krackhardt efficiency: how few ties beyond the minimum that connects each weak component.
///
/// Formula: `1 - (m - sum_i (N_i - 1)) / sum_i max_i` over the weak components (N_i vertices),
/// m the number of ties. In a directed graph m counts arcs and `max_i = (N_i - 1)^2`, the
/// arcs a complete digraph has beyond a spanning tree (R sna's `efficiency`); in an undirected
/// graph m counts edges and `max_i = (N_i - 1)(N_i - 2) / 2` (Krackhardt's count).
/// Range: [0, 1]; NaN when no component has room for a redundant tie. 1: every tie is needed
/// to hold the partnership together (a tree); 0: everyone is tied to everyone (in a digraph,
/// both ways), so no single tie matters.
/// Complexity: O(n + m log m). Throws as `connectedness`.
template <class Graph, class IndexMap>
double krackhardt_efficiency(const Graph& g, IndexMap index) {
  return detail::structure::efficiency(detail::structure::unweighted_layer(g, index));
}

/// Krackhardt least upper boundedness: the share of pairs that have a closest common
/// superior.
///
/// An upper bound of u and v is a vertex with a directed path to both (u or v itself
/// included: a boss is an upper bound of itself and a subordinate). A least upper bound is an
/// upper bound that every other upper bound reaches: the lowest common boss. Formula:
/// `1 - V / sum_i (N_i - 1)(N_i - 2) / 2`, V the number of pairs in the same weak component
/// without a least upper bound, summed over weak components of at least three vertices (as
/// R sna's `lubness`; the maximum is Krackhardt's, reached by an in-star).
/// Range: [0, 1]; NaN when no weak component has three vertices. 1: every two stakeholders
/// have someone to whom a dispute between them can go; low: parallel lines of authority that
/// never meet, or none at all.
/// Note: as its source reads, R sna's C loop (`lubness_con_R`) looks for an upper bound that
/// reaches every other one (the highest) rather than one that every other reaches (the
/// lowest); both definitions agree whenever the upper bounds of each pair form a chain, as in
/// every out-tree, and can differ on other graphs. This follows Krackhardt's definition.
/// Complexity: O(n + m log m + m c / 64 + p c / 64) time for p pairs of strong components in
/// one weak component, c^2 / 8 bytes. Throws as `krackhardt_hierarchy`.
template <class Graph, class IndexMap>
double least_upper_boundedness(const Graph& g, IndexMap index) {
  return detail::structure::least_upper_boundedness(detail::structure::unweighted_layer(g, index));
}

/// All four of Krackhardt's dimensions at once (one copy of the graph).
/// Complexity and throws: as `least_upper_boundedness`.
template <class Graph, class IndexMap>
krackhardt_scores krackhardt_dimensions(const Graph& g, IndexMap index) {
  return detail::structure::krackhardt_dimensions(detail::structure::unweighted_layer(g, index));
}

}  // namespace coproduction
