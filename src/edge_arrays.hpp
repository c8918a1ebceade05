#pragma once
// A graph as the metrics bindings take it from Python: the vertex count and the edges as
// parallel numpy arrays (source, target and optionally weight), built into the library's
// compact graph (detail/compact_graph.hpp) with the GIL released.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "arrays.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/error.hpp"
#include "interrupt.hpp"

namespace coproduction::python {

namespace py = pybind11;

using detail::compact_graph;

// The entries of an array of a graph function (the edge arrays, and the group codes, type
// codes and scores beside them). Another shape throws `input_error` naming the argument, in
// these functions' own words: "source: must be a one-dimensional array".
template <class T>
std::span<const T> graph_array(const numpy_vector<T>& a, const char* where) {
  if (a.ndim() != 1) throw input_error(where, "must be a one-dimensional array");
  return entries(a);
}

// The edges as Python gave them, kept alive (and their buffers with them) for the call.
struct edge_arrays {
  std::size_t n;
  index_array source, target;
  std::optional<real_array> weight;
  bool directed;

  // The compact graph of the edges as `req` asks. Reading the numpy buffers without the GIL
  // is safe: this object holds references to the arrays until the call returns, and the GIL
  // never kept another thread from writing into a numpy buffer anyway (numpy does not lock
  // them).
  compact_graph graph(const detail::graph_request& req) const {
    const auto s = graph_array(source, "source");
    const auto t = graph_array(target, "target");
    std::span<const double> w;
    if (weight) w = graph_array(*weight, "weight");
    return without_gil([&] { return detail::make_compact_graph<std::int64_t>(n, s, t, w, req); });
  }

  // The simple graph of the layer, as the relation-structure measures read it: self-loops
  // dropped and parallel edges merged, their weights summed.
  compact_graph simple_graph() const {
    return graph(detail::graph_request::simple(directed, weight.has_value()));
  }
};

}  // namespace coproduction::python
