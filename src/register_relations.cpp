// Relationship-structure measures on edge arrays: numpy in, numpy out.
//
// Every function takes the vertex count and the edges as parallel arrays (source, target and
// optionally weight), builds the simple graph of the layer (the compact graph with self-loops
// dropped and parallel edges merged, their weights summed) and runs the kernels of
// reciprocity.hpp, density.hpp, hierarchy.hpp, ei_index.hpp and brokerage.hpp with the GIL
// released. Groups arrive as dense codes
// 0 .. groups-1, one per vertex; the Python layer turns labels into codes and back.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/brokerage.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/hierarchy.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

using index_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using real_array = py::array_t<double, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> flat(const py::array_t<T, py::array::c_style | py::array::forcecast>& a,
                        const char* where) {
  if (a.ndim() != 1) throw input_error(where, "must be a one-dimensional array");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

// The edges as Python gave them, kept alive (and their buffers with them) for the call.
struct edge_arrays {
  std::size_t n;
  index_array source, target;
  std::optional<real_array> weight;
  bool directed;
};

// Builds the simple graph with the GIL released. Reading the numpy buffers without the GIL is
// safe: `e` holds references to the arrays until the call returns, and the GIL never kept
// another thread from writing into a numpy buffer anyway (numpy does not lock them).
detail::compact_graph make_layer(const edge_arrays& e) {
  const auto s = flat(e.source, "source");
  const auto t = flat(e.target, "target");
  std::span<const double> w;
  if (e.weight) w = flat(*e.weight, "weight");
  py::gil_scoped_release release;
  return detail::make_compact_graph<std::int64_t>(
      e.n, s, t, w, detail::graph_request::simple(e.directed, e.weight.has_value()));
}

void require_directed(bool directed, const char* what) {
  if (!directed)
    throw input_error("directed", std::string(what) + " needs a directed graph");
}

std::vector<std::uint32_t> group_codes(const index_array& groups, std::size_t n,
                                       std::size_t count) {
  return detail::structure::check_codes<std::int64_t>(flat(groups, "groups"), n, count);
}

py::array_t<double> vector_to_numpy(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(),
                             free_when_done);
}

// Rows x 6 array of role tables.
template <class Rows, class Get>
py::array_t<double> role_matrix(const Rows& rows, Get get) {
  py::array_t<double> out({static_cast<py::ssize_t>(rows.size()),
                           static_cast<py::ssize_t>(brokerage_columns)});
  auto m = out.mutable_unchecked<2>();
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < brokerage_columns; ++c)
      m(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(c)) = get(rows[r])[c];
  return out;
}

py::dict ei_columns(const std::vector<ei_counts>& rows) {
  std::vector<double> internal, external, index, expected;
  for (const ei_counts& c : rows) {
    internal.push_back(c.internal);
    external.push_back(c.external);
    index.push_back(c.index);
    expected.push_back(c.expected);
  }
  py::dict d;
  d["internal"] = vector_to_numpy(std::move(internal));
  d["external"] = vector_to_numpy(std::move(external));
  d["ei"] = vector_to_numpy(std::move(index));
  d["expected"] = vector_to_numpy(std::move(expected));
  return d;
}

reciprocity_measure parse_reciprocity(const std::string& s) {
  if (s == "edgewise") return reciprocity_measure::edgewise;
  if (s == "dyadic") return reciprocity_measure::dyadic;
  if (s == "dyadic_nonnull") return reciprocity_measure::dyadic_nonnull;
  if (s == "edgewise_lrr") return reciprocity_measure::edgewise_lrr;
  throw input_error("measure", "must be one of edgewise, dyadic, dyadic_nonnull, edgewise_lrr; "
                               "got \"" + s + "\"");
}

tie_direction parse_ties(const std::string& s) {
  if (s == "all") return tie_direction::all;
  if (s == "out") return tie_direction::out;
  if (s == "in") return tie_direction::in;
  throw input_error("ties", "must be \"all\", \"out\" or \"in\", got \"" + s + "\"");
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
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, true};
        const auto g = make_layer(e);
        dyad_census c;
        {
          // Safe to release: the kernel reads only the C++ graph.
          py::gil_scoped_release release;
          c = detail::structure::count_dyads(g);
        }
        return py::make_tuple(c.mutual, c.asymmetric, c.null);
      },
      "n"_a, "source"_a, "target"_a,
      (std::string("Holland-Leinhardt dyad census (mutual, asymmetric, null) of a digraph.") +
       edges_doc)
          .c_str());

  m.def(
      "reciprocity",
      [](std::size_t n, index_array source, index_array target, const std::string& measure) {
        const reciprocity_measure which = parse_reciprocity(measure);
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, true};
        const auto g = make_layer(e);
        py::gil_scoped_release release;  // the kernel reads only the C++ graph
        return reciprocity(detail::structure::count_dyads(g), which);
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
        const auto s = flat(source, "source");
        const auto t = flat(target, "target");
        const auto codes = flat(types, "types");
        std::vector<dyad_census> census;
        {
          // Safe to release: the arrays are held by this call's arguments, and the kernel
          // touches no Python object.
          py::gil_scoped_release release;
          census = detail::structure::count_dyads_by_code<std::int64_t, std::int64_t>(
              n, s, t, codes, type_count);
        }
        const auto column = [&](auto get) {
          py::array_t<decltype(get(census[0]))> out(static_cast<py::ssize_t>(census.size()));
          auto* o = out.mutable_data();
          for (std::size_t k = 0; k < census.size(); ++k) o[k] = get(census[k]);
          return out;
        };
        py::dict out;
        out["mutual"] = column([](const dyad_census& c) { return std::int64_t(c.mutual); });
        out["asymmetric"] =
            column([](const dyad_census& c) { return std::int64_t(c.asymmetric); });
        out["null"] = column([](const dyad_census& c) { return std::int64_t(c.null); });
        for (const auto& [name, measure] :
             {std::pair{"edgewise", reciprocity_measure::edgewise},
              std::pair{"dyadic", reciprocity_measure::dyadic},
              std::pair{"dyadic_nonnull", reciprocity_measure::dyadic_nonnull},
              std::pair{"edgewise_lrr", reciprocity_measure::edgewise_lrr}})
          out[name] = column([m = measure](const dyad_census& c) { return reciprocity(c, m); });
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
        const auto g = make_layer(e);
        return detail::structure::density(g);  // O(1) on the built graph
      },
      "n"_a, "source"_a, "target"_a, "directed"_a = true,
      (std::string("Share of possible ties present: distinct ordered (directed) or unordered "
                   "pairs of distinct vertices joined by some edge; NaN below 2 vertices.") +
       edges_doc + "\ndirected : bool\n    False reads every edge both ways.")
          .c_str());

  m.def(
      "vertex_reciprocity",
      [](std::size_t n, index_array source, index_array target) {
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, true};
        const auto g = make_layer(e);
        std::vector<double> r;
        {
          py::gil_scoped_release release;  // the kernel reads only the C++ graph
          r = detail::structure::vertex_reciprocity(g);
        }
        return vector_to_numpy(std::move(r));
      },
      "n"_a, "source"_a, "target"_a,
      (std::string("2 |in & out| / (|in| + |out|) per vertex; NaN without ties.") + edges_doc)
          .c_str());

  m.def(
      "krackhardt_dimensions",
      [](std::size_t n, index_array source, index_array target, bool directed) {
        const edge_arrays e{n, std::move(source), std::move(target), std::nullopt, directed};
        const auto g = make_layer(e);
        krackhardt_scores s;
        {
          py::gil_scoped_release release;  // the kernels read only the C++ graph
          s.connectedness = detail::structure::connectedness(g);
          s.hierarchy = detail::structure::hierarchy(g);
          s.efficiency = detail::structure::efficiency(g);
          s.least_upper_boundedness = detail::structure::least_upper_boundedness(g);
        }
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
        const tie_direction direction = parse_ties(ties);
        const auto g = make_layer(e);
        const auto code = group_codes(groups, n, group_count);
        detail::structure::ei_tables t;
        {
          py::gil_scoped_release release;  // the kernel reads only C++ data
          t = detail::structure::ei_index(g, code, group_count, direction);
        }
        py::dict out;
        out["network"] = py::make_tuple(t.network.internal, t.network.external, t.network.index,
                                        t.network.expected);
        std::vector<double> sizes(t.group_size.begin(), t.group_size.end());
        out["group_size"] = vector_to_numpy(std::move(sizes));
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
        const auto g = make_layer(e);
        const auto code = group_codes(groups, n, group_count);
        detail::structure::brokerage_tables t;
        {
          py::gil_scoped_release release;  // the kernel reads only C++ data
          t = detail::structure::brokerage(g, code, group_count);
        }
        py::dict out;
        out["density"] = t.density;
        std::vector<double> sizes(t.group_size.begin(), t.group_size.end());
        out["group_size"] = vector_to_numpy(std::move(sizes));
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

  const auto burt = [&m](const char* name, std::vector<double> (*kernel)(
                                                const detail::compact_graph&),
                         const char* doc) {
    m.def(
        name,
        [kernel](std::size_t n, index_array source, index_array target,
                 std::optional<real_array> weight, bool directed) {
          const edge_arrays e{n, std::move(source), std::move(target), std::move(weight),
                              directed};
          const auto g = make_layer(e);
          std::vector<double> r;
          {
            py::gil_scoped_release release;  // the kernel reads only the C++ graph
            r = kernel(g);
          }
          return vector_to_numpy(std::move(r));
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
