// Python bindings of the relationship-structure measures, into `_core.metrics`:
// include/coproduction/metrics/reciprocity.hpp, density.hpp, hierarchy.hpp, ei_index.hpp and
// brokerage.hpp (their kernels in detail/structure.hpp).
//
// Every function takes the vertex count and the edges as parallel arrays (source, target and
// optionally weight, edge_arrays.hpp), builds the simple graph of the layer and runs the
// kernels with the GIL released. Groups arrive as dense codes 0 .. groups-1, one per vertex;
// the Python layer turns labels into codes and back.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "columns.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/brokerage.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/hierarchy.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "edge_arrays.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

void require_directed(bool directed, const char* what) {
  if (!directed)
    throw input_error("directed", std::string(what) + " needs a directed graph");
}

std::vector<std::uint32_t> group_codes(const index_array& groups, std::size_t n,
                                       std::size_t count) {
  return detail::structure::check_codes<std::int64_t>(graph_array(groups, "groups"), n, count);
}

// Rows x 6 array of role tables.
template <class Rows, class Get>
py::array_t<double> role_matrix(const Rows& rows, Get get) {
  return filled<double>(rows.size(), brokerage_columns,
                        [&](std::size_t r, std::size_t c) { return get(rows[r])[c]; });
}

// Runs `kernel(graph)` on the simple graph of the edges with the GIL released (safe: the
// kernels read only the C++ graph and the C++ values the caller captured).
template <class Kernel>
auto on_simple_graph(const edge_arrays& e, Kernel kernel) {
  const compact_graph g = e.simple_graph();
  return without_gil([&] { return kernel(g); });
}

py::dict ei_columns(const std::vector<ei_counts>& rows) {
  py::dict d;
  d["internal"] = array_column<double>(rows, &ei_counts::internal);
  d["external"] = array_column<double>(rows, &ei_counts::external);
  d["ei"] = array_column<double>(rows, &ei_counts::index);
  d["expected"] = array_column<double>(rows, &ei_counts::expected);
  return d;
}

constexpr const char* edges_doc = R"(
n : int
    Number of vertices; vertices are 0 .. n-1.
source, target : 1-D integer arrays
    Edge endpoints, one entry per edge. Self-loops are dropped and parallel edges merged.)";

}  // namespace

void register_relations(py::module_& m) {
  using namespace py::literals;  // in a .cpp, limited to this function

  m.def(
      "dyad_census",
      [](std::size_t n, index_array source, index_array target) {
        const dyad_census c =
            on_simple_graph({n, std::move(source), std::move(target), std::nullopt, true},
                            [](const compact_graph& g) { return detail::structure::count_dyads(g); });
        return py::make_tuple(c.mutual, c.asymmetric, c.null);
      },
      "n"_a, "source"_a, "target"_a,
      (std::string("Holland-Leinhardt dyad census (mutual, asymmetric, null) of a digraph.") +
       edges_doc)
          .c_str());

  m.def(
      "reciprocity",
      [](std::size_t n, index_array source, index_array target, const std::string& measure) {
        const reciprocity_measure which = reciprocity_option(measure);
        return on_simple_graph(
            {n, std::move(source), std::move(target), std::nullopt, true},
            [&](const compact_graph& g) { return reciprocity(detail::structure::count_dyads(g), which); });
      },
      "n"_a, "source"_a, "target"_a, "measure"_a = "edgewise",
      (std::string("Reciprocity of a digraph from its dyad census: edgewise 2M/(2M+A), dyadic "
                   "(M+N)/(M+A+N), dyadic_nonnull M/(M+A), edgewise_lrr; NaN when 0/0.") +
       edges_doc)
          .c_str());

  m.def(
      "reciprocity_by",
      [](std::size_t n, index_array source, index_array target, index_array types,
         std::size_t type_count) {
        const auto s = graph_array(source, "source");
        const auto t = graph_array(target, "target");
        const auto codes = graph_array(types, "types");
        // Safe without the GIL: the arrays are held by this call's arguments, and the kernel
        // touches no Python object.
        const std::vector<dyad_census> census = without_gil([&] {
          return detail::structure::count_dyads_by_code<std::int64_t, std::int64_t>(
              n, s, t, codes, type_count);
        });
        py::dict out;
        out["mutual"] = array_column<std::int64_t>(census, &dyad_census::mutual);
        out["asymmetric"] = array_column<std::int64_t>(census, &dyad_census::asymmetric);
        out["null"] = array_column<std::int64_t>(census, &dyad_census::null);
        for (const auto& [name, measure] :
             {std::pair{"edgewise", reciprocity_measure::edgewise},
              std::pair{"dyadic", reciprocity_measure::dyadic},
              std::pair{"dyadic_nonnull", reciprocity_measure::dyadic_nonnull},
              std::pair{"edgewise_lrr", reciprocity_measure::edgewise_lrr}})
          out[name] = array_column<double>(
              census, [m = measure](const dyad_census& c) { return reciprocity(c, m); });
        return out;
      },
      "n"_a, "source"_a, "target"_a, "types"_a, "type_count"_a,
      (std::string("Dyad census and reciprocity of each type of edge: the edges of type code k "
                   "make the simple digraph of type k over all n vertices.") +
       edges_doc + R"(
types : 1-D integer array
    A type code in [0, type_count) per edge.)")
          .c_str());

  m.def(
      "density",
      [](std::size_t n, index_array source, index_array target, bool directed) {
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, directed};
        return detail::structure::density(e.simple_graph());  // O(1) on the built graph
      },
      "n"_a, "source"_a, "target"_a, "directed"_a = true,
      (std::string("Share of possible ties present: distinct ordered (directed) or unordered "
                   "pairs of distinct vertices joined by some edge; NaN below 2 vertices.") +
       edges_doc + "\ndirected : bool\n    False reads every edge both ways.")
          .c_str());

  m.def(
      "vertex_reciprocity",
      [](std::size_t n, index_array source, index_array target) {
        return to_numpy(
            on_simple_graph({n, std::move(source), std::move(target), std::nullopt, true},
                            [](const compact_graph& g) { return detail::structure::vertex_reciprocity(g); }));
      },
      "n"_a, "source"_a, "target"_a,
      (std::string("2 |in & out| / (|in| + |out|) per vertex; NaN without ties.") + edges_doc)
          .c_str());

  m.def(
      "krackhardt_dimensions",
      [](std::size_t n, index_array source, index_array target, bool directed) {
        const krackhardt_scores s = on_simple_graph(
            {n, std::move(source), std::move(target), std::nullopt, directed}, [](const compact_graph& g) {
              return detail::structure::krackhardt_dimensions(g);
            });
        return py::make_tuple(s.connectedness, s.hierarchy, s.efficiency,
                              s.least_upper_boundedness);
      },
      "n"_a, "source"_a, "target"_a, "directed"_a = true,
      (std::string("Krackhardt (1994) connectedness, hierarchy, efficiency and least upper "
                   "boundedness.") +
       edges_doc + "\ndirected : bool\n    False reads every edge both ways.")
          .c_str());

  m.def(
      "ei_index",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, const index_array& groups, std::size_t group_count,
         const std::string& ties) {
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed};
        const tie_direction direction = ties_option(ties);
        const compact_graph g = e.simple_graph();
        const auto code = group_codes(groups, n, group_count);
        // Safe without the GIL: the kernel reads only C++ data.
        const detail::structure::ei_tables t = without_gil(
            [&] { return detail::structure::ei_index(g, code, group_count, direction); });
        py::dict out;
        out["network"] = py::make_tuple(t.network.internal, t.network.external, t.network.index,
                                        t.network.expected);
        out["group_size"] = copy_to_numpy<double>(t.group_size);
        out["group"] = ei_columns(t.group);
        out["vertex"] = ei_columns(t.vertex);
        return out;
      },
      "n"_a, "source"_a, "target"_a, "weight"_a, "directed"_a, "groups"_a, "group_count"_a,
      "ties"_a = "all",
      (std::string("Krackhardt-Stern E-I index: network, per group and per vertex.") + edges_doc +
       R"(
weight : 1-D float array or None
    One finite positive weight per edge (summed over ties), or None to count ties.
directed : bool
groups : 1-D integer array
    A group code in [0, group_count) per vertex.
ties : {"all", "out", "in"}
    Which ties of a group or vertex count in a directed graph.)")
          .c_str());

  m.def(
      "brokerage",
      [](std::size_t n, index_array source, index_array target, bool directed,
         const index_array& groups, std::size_t group_count) {
        require_directed(directed, "brokerage");
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, true};
        const compact_graph g = e.simple_graph();
        const auto code = group_codes(groups, n, group_count);
        // Safe without the GIL: the kernel reads only C++ data.
        const detail::structure::brokerage_tables t =
            without_gil([&] { return detail::structure::brokerage(g, code, group_count); });
        py::dict out;
        out["density"] = t.density;
        out["group_size"] = copy_to_numpy<double>(t.group_size);
        const auto same = [](const role_table& r) { return r; };
        out["group_expected"] = role_matrix(t.group_expected, same);
        out["group_sd"] = role_matrix(t.group_sd, same);
        out["observed"] = role_matrix(t.vertex, [](const auto& s) { return s.observed; });
        out["expected"] = role_matrix(t.vertex, [](const auto& s) { return s.expected; });
        out["sd"] = role_matrix(t.vertex, [](const auto& s) { return s.sd; });
        out["z"] = role_matrix(t.vertex, [](const auto& s) { return s.z; });
        const std::array<role_table, 4> network = {t.network.observed, t.network.expected,
                                                   t.network.sd, t.network.z};
        out["network"] = role_matrix(network, same);
        return out;
      },
      "n"_a, "source"_a, "target"_a, "directed"_a, "groups"_a, "group_count"_a,
      (std::string("Gould-Fernandez brokerage roles with sna's moments; columns coordinator, "
                   "itinerant, representative, gatekeeper, liaison, total.") +
       edges_doc)
          .c_str());

  const auto burt = [&m](const char* name, std::vector<double> (*kernel)(const compact_graph&),
                         const char* doc) {
    m.def(
        name,
        [kernel](std::size_t n, index_array source, index_array target,
                 std::optional<real_array> weight, bool directed) {
          return to_numpy(on_simple_graph(
              {n, std::move(source), std::move(target), std::move(weight), directed}, kernel));
        },
        "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
        (std::string(doc) + edges_doc +
         "\nweight : 1-D float array or None\ndirected : bool")
            .c_str());
  };
  burt("constraint", &detail::structure::constraint,
       "Burt's constraint per vertex (NetworkX's constraint); NaN for isolates.");
  burt("effective_size", &detail::structure::effective_size,
       "Burt's effective size per vertex (NetworkX's effective_size); NaN for isolates.");
}

}  // namespace coproduction::python
