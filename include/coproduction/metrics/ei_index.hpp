#pragma once
/// \file
/// The E-I index of Krackhardt & Stern (1988): do relations stay inside groups or cross them?
/// Groups are any grouping of stakeholders: role, sector, convenor against partner, lived
/// against learnt expertise. A partnership whose `collaborates` layer has an E-I index near
/// -1 by sector is a set of silos that meet only through a few brokers (the conference abstract
/// "Co-Producing Health and Wellbeing Programmes in the Museum"); near +1, its work happens across
/// the boundaries.
///
///     E-I = (E - I) / (E + I)
///
/// with E the ties (or their summed weights) that cross a group boundary and I those inside
/// one, for the whole network, for each group and for each stakeholder. Works on the simple
/// graph of the layer (see `reciprocity.hpp`): parallel relations between one pair are one tie
/// whose weight is their sum. In a directed graph every arc is a tie, so a reciprocated pair
/// counts twice.
///
/// Because small groups have few possible partners inside, even ties made at random lean
/// external. Each result therefore carries the `expected` E-I: the index the complete graph
/// would have with the same groups, which is also the ratio of the expected external and
/// internal counts when every pair is tied with the same probability (Krackhardt & Stern's
/// baseline for judging an observed index).
///
/// Reference: Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
/// crises: an experimental simulation. Social Psychology Quarterly 51(2), 123-140.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"
#include "coproduction/metrics/edge_reading.hpp"

namespace coproduction {

/// Which of a group's or a stakeholder's ties count in a directed graph (ignored in an
/// undirected one). The whole-network index counts every tie once whatever this says.
enum class tie_direction {
  all,  ///< ties sent and received; a tie inside a group counts once for the group
  out,  ///< ties sent: whom a group reaches out to
  in,   ///< ties received: who reaches a group
};

/// Internal and external ties of one unit (the network, a group or a stakeholder) and its
/// E-I index.
struct ei_counts {
  double internal = 0;  ///< ties (or weight) inside the unit's group
  double external = 0;  ///< ties (or weight) across a group boundary
  double index = std::numeric_limits<double>::quiet_NaN();     ///< (E - I) / (E + I)
  double expected = std::numeric_limits<double>::quiet_NaN();  ///< the complete graph's index
};

/// The E-I index of a network, of each group and of each stakeholder.
template <class Key>
struct ei_result {
  ei_counts network;
  /// by group code; codes number the groups in order of first appearance by vertex index
  std::vector<Key> groups;
  std::vector<std::uint64_t> group_size;  ///< by group code
  std::vector<ei_counts> group;           ///< by group code
  std::vector<ei_counts> vertex;          ///< by vertex index; all NaN for a hidden vertex
};

namespace detail::structure {

/// E-I tables with groups as codes; `vertex` is by compact position.
struct ei_tables {
  ei_counts network;
  std::vector<std::uint64_t> group_size;
  std::vector<ei_counts> group;
  std::vector<ei_counts> vertex;
};

inline void finish(ei_counts& c, double possible_internal, double possible_external) {
  c.index = ratio(c.external - c.internal, c.external + c.internal);
  c.expected = ratio(possible_external - possible_internal, possible_external + possible_internal);
}

/// `code[v]` in `[0, groups)` for every vertex position v.
inline ei_tables ei_index(const compact_graph& g, std::span<const std::uint32_t> code,
                          std::size_t groups, tie_direction ties) {
  ei_tables t;
  t.group_size.assign(groups, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++t.group_size[code[v]];
  t.group.assign(groups, ei_counts{});
  t.vertex.assign(g.n, ei_counts{});
  if (!g.directed) ties = tie_direction::all;

  for (std::uint32_t u = 0; u < g.n; ++u) {
    for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a) {
      const std::uint32_t v = g.out.targets[a];
      const double w = g.out.strength_at(a);
      const bool inside = code[u] == code[v];
      // The vertex tables: u's sent tie (every arc of an undirected graph is some vertex's).
      if (ties != tie_direction::in) (inside ? t.vertex[u].internal : t.vertex[u].external) += w;
      if (g.directed && ties != tie_direction::out)
        (inside ? t.vertex[v].internal : t.vertex[v].external) += w;
      // The network and group tables take an undirected edge once.
      if (!g.directed && v < u) continue;
      if (inside) {
        t.network.internal += w;
        t.group[code[u]].internal += w;
      } else {
        t.network.external += w;
        if (ties != tie_direction::in) t.group[code[u]].external += w;
        if (ties != tie_direction::out) t.group[code[v]].external += w;
      }
    }
  }

  // Possible ties: ordered pairs in a directed graph; each ratio is the same for unordered
  // pairs in an undirected one, where the complete graph has every pair once.
  const double n = g.n;
  double within = 0;
  for (std::uint64_t s : t.group_size)
    within += static_cast<double>(s) * (static_cast<double>(s) - 1);
  finish(t.network, within, n * (n - 1) - within);
  const double both_ways = ties == tie_direction::all ? 2.0 : 1.0;
  for (std::size_t k = 0; k < groups; ++k) {
    const double s = static_cast<double>(t.group_size[k]);
    finish(t.group[k], s * (s - 1), both_ways * s * (n - s));
  }
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const double s = static_cast<double>(t.group_size[code[v]]);
    finish(t.vertex[v], s - 1, n - s);
  }
  return t;
}

}  // namespace detail::structure

/// E-I index of the simple graph `g` shows, by the groups `group` gives, whole network, per
/// group and per stakeholder; see the file comment.
///
/// `group` is a readable vertex property map to any key with `operator<` (a role string,
/// `get(&Stakeholder::sector, g)`, a code from an `iterator_property_map`); `weight`, if given,
/// a readable edge property map to numbers, summed over the ties instead of counting them.
/// Formula: `(E - I) / (E + I)`. For a group in a directed graph with `tie_direction::all`,
/// I counts arcs with both ends in the group and E arcs with one end in it; `out` (`in`)
/// keeps the arcs the group's members send (receive). A stakeholder's E and I are its own
/// ties, split by whether the other end shares its group.
/// Range: [-1, 1]; NaN for a unit with no tie. -1: every tie stays inside the group (a silo);
/// +1: every tie crosses a boundary (a group that works only with others). Compare with
/// `expected`, which is above 0 whenever groups are small.
/// Complexity: O(n log n + m log m). Throws `input_error` ("index") for an index map that is
/// not one-to-one into `[0, num_vertices(g))`, ("weight") for a weight that is not a finite
/// number > 0.
template <class Graph, class IndexMap, class GroupMap, class WeightMap = unweighted_t>
  requires(!std::is_same_v<WeightMap, tie_direction>)
auto ei_index(const Graph& g, IndexMap index, GroupMap group, WeightMap weight = unweighted,
              tie_direction ties = tie_direction::all) {
  const auto read = detail::structure::read_simple(g, index, weight);
  const detail::vertex_layout& layout = read.layout;
  auto coding = detail::structure::code_groups(g, index, layout, group);
  auto tables = detail::structure::ei_index(read.graph, coding.code, coding.keys.size(), ties);
  ei_result<typename decltype(coding.keys)::value_type> r;
  r.network = tables.network;
  r.groups = std::move(coding.keys);
  r.group_size = std::move(tables.group_size);
  r.group = std::move(tables.group);
  ei_counts hidden;
  hidden.internal = hidden.external = std::numeric_limits<double>::quiet_NaN();
  r.vertex.assign(layout.position.size(), hidden);
  for (std::size_t p = 0; p < layout.index.size(); ++p)
    r.vertex[layout.index[p]] = tables.vertex[p];
  return r;
}

/// Unweighted E-I index with a choice of ties; as above.
template <class Graph, class IndexMap, class GroupMap>
auto ei_index(const Graph& g, IndexMap index, GroupMap group, tie_direction ties) {
  return ei_index(g, index, group, unweighted, ties);
}

}  // namespace coproduction
