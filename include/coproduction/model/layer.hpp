#pragma once
/// \file
/// A layer of a network (DESIGN section 1): every measure is computed on a layer, the
/// relations of a set of types (`informs`, or `informs` and `consults` together) at a set of
/// scales (the *Co-Producing Health and Wellbeing Programmes in the Museum* abstract's three:
/// the session, the institution, the place). An empty set means no restriction, so the default
/// layer is every relation of the network.
///
/// `edges_of` reads a layer out of the network's flat relation store in one pass, as arrays
/// of edge endpoints that any measure's builder takes; no Boost.Graph view is built for it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// The relations a measure reads: those whose type is one of `types` and whose scale is one
/// of `scales`. No types means every type; no scales means every relation, with a scale or
/// without. A relation with no scale lies outside every layer that names scales: nothing says
/// at which scale it happens.
struct layer {
  std::vector<std::string> types{};  ///< relation types; empty: every type
  std::vector<Scale> scales{};       ///< scales; empty: every relation

  bool operator==(const layer&) const = default;
};

/// The scale spelt `word` (`session`, `institution` or `place`). Throws `input_error`
/// ("scale") naming the word and the scales otherwise. O(1).
inline Scale scale_named(std::string_view word) {
  if (const auto scale = parse<Scale>(word)) return *scale;
  throw input_error("scale", detail::quote(word) + " is not a scale; scales are " +
                                 spellings<Scale>());
}

/// The stakeholders and relations of a layer as arrays: relation i of the layer runs from
/// `vertices[source[i]]` to `vertices[target[i]]` with strength `weight[i]`.
struct layer_edges {
  std::vector<Network::vertex_type> vertices;  ///< the network vertex at each position, ascending
  std::vector<std::uint32_t> source, target;   ///< each relation's ends, as positions
  std::vector<double> weight;                  ///< each relation's weight, or 1 when not given
  /// Each edge's relation, as its index in the network's relations: what a drawing or a table
  /// of the layer reads its type, scale and attributes from.
  std::vector<std::uint32_t> relation;
};

/// The edges of layer `l` of `net`, in relation order, over the stakeholders kept: every
/// stakeholder but objects (kind `object`, which mediate relations but are not parties to
/// them), or every stakeholder when `include_objects`. A relation with an end left out is
/// left out. Holds a `read_guard` on `net` while it reads.
///
/// Complexity: O(stakeholders + relations + types) time, one pass over the relations.
/// Throws `input_error` ("layer") for a type that no relation of the network has, so a
/// misspelt type is not read as an empty layer; `concurrent_modification` while the network
/// is being changed.
inline layer_edges edges_of(const Network& net, const layer& l, bool include_objects = false) {
  const Network::read_guard reading(net);
  const auto& present = net.relation_types();
  std::vector<char> keep_type(present.size(), l.types.empty() ? 1 : 0);
  for (const std::string& t : l.types) {
    std::size_t i = 0;
    while (i < present.size() && present[i] != t) ++i;
    if (i == present.size())
      throw input_error("layer", "no relation of type " + detail::quote(t) + " in the network");
    keep_type[i] = 1;
  }
  // By scale code; the last entry stands for "no scale".
  constexpr std::size_t scale_count = detail::scale_names.names.size();
  std::vector<char> keep_scale(scale_count + 1, l.scales.empty() ? 1 : 0);
  for (Scale s : l.scales) keep_scale[static_cast<std::size_t>(s)] = 1;

  layer_edges out;
  const std::size_t n = net.num_stakeholders();
  constexpr std::uint32_t left_out = 0xffffffffu;
  std::vector<std::uint32_t> position(n, left_out);
  for (std::size_t v = 0; v < n; ++v)
    if (include_objects || net.stakeholder_at(v).kind != Kind::object) {
      position[v] = static_cast<std::uint32_t>(out.vertices.size());
      out.vertices.push_back(v);
    }
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    if (!keep_type[net.relation_type_index(i)]) continue;
    const auto scale = net.relation_scale(i);
    if (!keep_scale[scale ? static_cast<std::size_t>(*scale) : scale_count]) continue;
    const std::uint32_t u = position[net.relation_source(i)], v = position[net.relation_target(i)];
    if (u == left_out || v == left_out) continue;
    out.source.push_back(u);
    out.target.push_back(v);
    out.weight.push_back(net.relation_strength(i));
    out.relation.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

}  // namespace coproduction
