// Python bindings of the layouts, into `_core.layout`: include/coproduction/layout/
// fruchterman_reingold.hpp and kamada_kawai.hpp. Each takes the vertex count and the edges as
// parallel arrays (edge_arrays.hpp), read undirected, and returns an (n, 2) array of
// positions in the unit square; the layout runs with the GIL released and stops on Ctrl-C.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/layout/fruchterman_reingold.hpp"
#include "coproduction/layout/kamada_kawai.hpp"
#include "edge_arrays.hpp"
#include "interrupt.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// The layout's graph: undirected, parallel edges merged (their strengths summed), weighted
// when weights are given.
compact_graph layout_graph(std::size_t n, index_array source, index_array target,
                           std::optional<real_array> weight) {
  const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), false};
  detail::graph_request req;
  req.directed = false;
  req.weighted = e.weight.has_value();
  return e.graph(req);
}

py::array_t<double> as_array(std::vector<point>&& p) {
  std::vector<double> flat(2 * p.size());
  for (std::size_t i = 0; i < p.size(); ++i) {
    flat[2 * i] = p[i].x;
    flat[2 * i + 1] = p[i].y;
  }
  return to_numpy(std::move(flat), {static_cast<py::ssize_t>(p.size()), 2});
}

}  // namespace

void register_layout(py::module_ m) {
  using namespace pybind11::literals;
  m.attr("KAMADA_KAWAI_MAX_BYTES") = kamada_kawai_max_bytes;

  m.def(
      "fruchterman_reingold",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         std::uint64_t seed, std::size_t iterations, double margin) {
        const compact_graph g = layout_graph(n, std::move(source), std::move(target), std::move(weight));
        fruchterman_reingold_options o;
        o.seed = seed;
        o.iterations = iterations;
        o.margin = margin;
        // Safe without the GIL: the layout reads only the C++ graph built above; the stop
        // check takes the GIL for its poll.
        return as_array(without_gil([&] { return fruchterman_reingold(g, o, python_signals); }));
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), py::kw_only(), "seed"_a = 0,
      "iterations"_a = 500, "margin"_a = 0.05,
      "Fruchterman-Reingold positions (n x 2, in the unit square) of an undirected graph; "
      "components laid out apart and packed, canonical orientation.");

  m.def(
      "kamada_kawai",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         std::uint64_t seed, std::size_t iterations, double tolerance, double margin,
         std::uint64_t max_bytes) {
        const compact_graph g = layout_graph(n, std::move(source), std::move(target), std::move(weight));
        kamada_kawai_options o;
        o.seed = seed;
        o.iterations = iterations;
        o.tolerance = tolerance;
        o.margin = margin;
        o.max_bytes = max_bytes;
        // Safe without the GIL: as for fruchterman_reingold.
        return as_array(without_gil([&] { return kamada_kawai(g, o, python_signals); }));
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), py::kw_only(), "seed"_a = 0,
      "iterations"_a = 100, "tolerance"_a = 1e-4, "margin"_a = 0.05,
      "max_bytes"_a = kamada_kawai_max_bytes,
      "Kamada-Kawai positions (n x 2, in the unit square) of an undirected graph; components "
      "laid out apart and packed, canonical orientation. LimitError ('n') when the largest "
      "component's n^2 distances exceed max_bytes.");
}

}  // namespace coproduction::python
