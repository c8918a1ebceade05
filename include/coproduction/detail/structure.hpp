#pragma once
/// \file
/// What the relation-structure measures (`metrics/reciprocity.hpp`, `density.hpp`,
/// `hierarchy.hpp`, `ei_index.hpp`, `brokerage.hpp`) share beyond the compact graph: reading
/// the simple graph of any Boost graph, group codes, and ratios that are undefined at 0/0.
///
/// The **simple graph of a layer** is the compact graph in its merged mode
/// (`graph_request::simple`): two stakeholders are tied from u to v when any relation of the
/// layer runs from u to v, self-relations are ignored, and where a weight map is given the
/// weights of parallel relations (a `consults` and an `informs` between the same pair) add up.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/property_map/property_map.hpp>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/edge_reading.hpp"

namespace coproduction::detail::structure {

/// The simple graph of what `g` shows (directed when `g` is), weighted when a weight map is
/// given, with the layout of its vertices. Throws as `read_graph`.
template <class Graph, class IndexMap, class WeightMap = unweighted_t>
graph_reading read_simple(const Graph& g, IndexMap index, WeightMap weight = unweighted) {
  return read_graph(g, index, weight, graph_request::simple(true, is_weighted_v<WeightMap>));
}

/// Groups as dense codes `0 .. keys.size() - 1`, numbered in order of first appearance by
/// vertex index (R's `unique`), with the key of each code.
template <class Key>
struct group_coding {
  std::vector<std::uint32_t> code;  ///< by compact position
  std::vector<Key> keys;            ///< by code
};

template <class Graph, class IndexMap, class GroupMap>
auto code_groups(const Graph& g, IndexMap index_map, const vertex_layout& layout,
                 GroupMap group) {
  using key_type = std::decay_t<typename boost::property_traits<GroupMap>::value_type>;
  std::vector<std::pair<std::uint32_t, key_type>> by_position;
  by_position.reserve(layout.count());
  for (auto [it, end] = vertices(g); it != end; ++it)
    by_position.emplace_back(layout.position[static_cast<std::size_t>(get(index_map, *it))],
                             get(group, *it));
  std::sort(by_position.begin(), by_position.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  group_coding<key_type> coding;
  coding.code.resize(layout.count());
  std::map<key_type, std::uint32_t> seen;
  for (const auto& [p, key] : by_position) {
    auto [it, added] = seen.emplace(key, static_cast<std::uint32_t>(coding.keys.size()));
    if (added) coding.keys.push_back(key);
    coding.code[p] = it->second;
  }
  return coding;
}

/// What an array of dense codes labels, for the messages of `check_codes`: the argument, one
/// item and many, and the name of a code.
struct code_kind {
  const char* where;
  const char* item;
  const char* items;
  const char* code;
};
inline constexpr code_kind group_codes{"groups", "vertex", "vertices", "group code"};
inline constexpr code_kind type_codes{"types", "edge", "edges", "type code"};

/// Checks dense codes given as an array, one per item (`n` of them), each in `[0, limit)`,
/// and returns them as 32-bit codes. Throws `input_error` (`kind.where`: "groups" for group
/// codes of the vertices, "types" for type codes of the edges).
template <class Code>
std::vector<std::uint32_t> check_codes(std::span<const Code> codes, std::size_t n,
                                       std::size_t limit, const code_kind& kind = group_codes) {
  if (codes.size() != n)
    throw input_error(kind.where, "has " + std::to_string(codes.size()) +
                                      " entries but there are " + std::to_string(n) + " " +
                                      kind.items);
  std::vector<std::uint32_t> out(n);
  for (std::size_t v = 0; v < n; ++v) {
    bool bad = false;
    if constexpr (std::is_signed_v<Code>) bad = codes[v] < 0;
    if (bad || static_cast<std::make_unsigned_t<Code>>(codes[v]) >= limit)
      throw input_error(kind.where, std::string(kind.item) + " " + std::to_string(v) + " has " +
                                        kind.code + " " + std::to_string(codes[v]) +
                                        ", outside [0, " + std::to_string(limit) + ")");
    out[v] = static_cast<std::uint32_t>(codes[v]);
  }
  return out;
}

/// a / b, NaN when b is 0 (an undefined ratio, not an error).
inline double ratio(double a, double b) noexcept {
  return b == 0.0 ? std::numeric_limits<double>::quiet_NaN() : a / b;
}

}  // namespace coproduction::detail::structure
