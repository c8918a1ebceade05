#pragma once
/// \file
/// The compact graph of a layer of a network: `edges_of` (model/layer.hpp) reads the layer
/// out of the relation store in one pass, and the compact graph's builder packs it. This is
/// where the model meets the measures, so the model itself knows no metric.

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail {

/// A layer as a compact graph: vertex p of `graph` is network vertex `vertices[p]`.
struct layer_graph {
  std::vector<Network::vertex_type> vertices;
  compact_graph graph;
};

/// The compact graph of layer `l` of `net`, read as `req` says (`req.weighted` takes each
/// relation's weight, 1 when not given). Complexity: O(stakeholders + relations).
/// Throws: as `edges_of`.
inline layer_graph layer_graph_of(const Network& net, const layer& l, bool include_objects,
                                  const graph_request& req) {
  layer_edges e = edges_of(net, l, include_objects);
  layer_graph out;
  out.graph = make_compact_graph<std::uint32_t>(
      e.vertices.size(), e.source, e.target,
      req.weighted ? std::span<const double>(e.weight) : std::span<const double>(), req);
  out.vertices = std::move(e.vertices);
  return out;
}

}  // namespace coproduction::detail
