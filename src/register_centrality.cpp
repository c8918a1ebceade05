// Python bindings of include/coproduction/metrics/centrality.hpp and centralization.hpp (the
// edge reading options of metrics/edge_reading.hpp with them), into `_core.metrics`.
//
// Every function takes the vertex count and the edges as parallel arrays (source, target and
// optionally weight, edge_arrays.hpp), builds the compact graph and runs the kernels with the
// GIL released; scores come back as a float array in vertex order.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "edge_arrays.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// Builds the compact graph of `e` as the options `weights_are` and `parallel` read it (with
// incoming adjacency when `need_in`), then runs `kernel(graph, stop)` with the GIL released
// (safe: the kernels touch only the C++ graph and their own vectors). A long computation asks
// `python_signals` every 50 ms from this (the calling, main) thread, so Ctrl-C in a notebook
// stops it with the KeyboardInterrupt that PyErr_CheckSignals set.
template <class Kernel>
py::array_t<double> centrality(const edge_arrays& e, const std::string& weights_are,
                               const std::string& parallel, bool need_in, Kernel kernel) {
  detail::graph_request req;
  req.directed = e.directed;
  req.weighted = e.weight.has_value();
  req.meaning = weight_meaning_option(weights_are);
  req.parallel = parallel_option(parallel);
  req.need_in = need_in;
  const compact_graph g = e.graph(req);
  const stop_check stop = python_signals;
  return to_numpy(without_gil([&] { return kernel(g, stop); }));
}

constexpr const char* edges_doc = R"(
n : int
    Number of vertices; vertices are 0 .. n-1.
source, target : 1-D integer arrays
    Edge endpoints, one entry per edge.
weight : 1-D float array or None
    One finite positive weight per edge, or None for an unweighted graph.
directed : bool
    False reads every edge both ways.
weights_are : {"strength", "distance"}
    A strength (bigger = closer) has length 1/weight; a distance has strength 1/weight.
parallel : {"merge", "keep"}
    Merge repeated edges (strengths add up) or count each.)";

}  // namespace

void register_centrality(py::module_& m) {
  using namespace py::literals;  // in a .cpp, limited to this function

  m.def(
      "degree_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, const std::string& mode, bool normalized, const std::string& weights_are,
         const std::string& parallel) {
        degree_options opt;
        opt.mode = degree_mode_option(mode);
        opt.normalized = normalized;
        opt.directed = directed;
        return centrality({n, std::move(source), std::move(target), std::move(weight), directed},
                          weights_are, parallel, false,
                          [&](const compact_graph& g, const stop_check&) { return detail::degree(g, opt); });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "mode"_a = "total", "normalized"_a = true, "weights_are"_a = "strength",
      "parallel"_a = "merge",
      (std::string("Degree (or strength) of each vertex; mode in/out/total; / (n-1) when "
                   "normalized.\n") + edges_doc).c_str());

  // Closeness and harmonic closeness: the same arguments but for the flag that scales them.
  const auto path_centrality = [&]<class Options>(
      const char* name, const char* flag, bool flag_default, bool Options::*flag_field,
      std::vector<double> (*kernel)(const compact_graph&, const Options&), const char* doc) {
    m.def(
        name,
        [flag_field, kernel](std::size_t n, index_array source, index_array target,
                             std::optional<real_array> weight, bool directed,
                             const std::string& mode, bool flag_value,
                             const std::string& weights_are, const std::string& parallel,
                             unsigned threads) {
          Options opt;
          opt.mode = path_mode_option(mode);
          opt.*flag_field = flag_value;
          opt.threads = threads;
          return centrality(
              {n, std::move(source), std::move(target), std::move(weight), directed},
              weights_are, parallel, opt.mode == path_mode::in,
              [&](const compact_graph& g, const stop_check& stop) {
                opt.stop_requested = stop;
                return kernel(g, opt);
              });
        },
        "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
        "mode"_a = "in", py::arg(flag) = flag_default, "weights_are"_a = "strength",
        "parallel"_a = "merge", "threads"_a = 0, (std::string(doc) + edges_doc).c_str());
  };
  path_centrality("closeness_centrality", "wf_improved", true, &closeness_options::wf_improved,
                  &detail::closeness,
                  "Closeness on reachable vertices (NetworkX's closeness_centrality).\n");
  path_centrality("harmonic_centrality", "normalized", false, &harmonic_options::normalized,
                  &detail::harmonic,
                  "Harmonic closeness, sum of 1/d (NetworkX's harmonic_centrality).\n");

  m.def(
      "betweenness_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, bool normalized, const std::string& weights_are,
         const std::string& parallel, unsigned threads) {
        betweenness_options opt;
        opt.normalized = normalized;
        opt.threads = threads;
        return centrality({n, std::move(source), std::move(target), std::move(weight), directed},
                          weights_are, parallel, false,
                          [&](const compact_graph& g, const stop_check& stop) {
                            opt.stop_requested = stop;
                            return detail::betweenness(g, opt);
                          });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "normalized"_a = true, "weights_are"_a = "strength", "parallel"_a = "merge",
      "threads"_a = 0,
      (std::string("Brandes betweenness, normalized as NetworkX.\n") + edges_doc).c_str());

  m.def(
      "eigenvector_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, std::size_t max_iter, double tol, const std::string& weights_are,
         const std::string& parallel) {
        eigenvector_options opt;
        opt.max_iter = max_iter;
        opt.tol = tol;
        return centrality(
            {n, std::move(source), std::move(target), std::move(weight), directed}, weights_are,
            parallel, false, [&](const compact_graph& g, const stop_check&) { return detail::eigenvector(g, opt); });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "max_iter"_a = 100, "tol"_a = 1e-6, "weights_are"_a = "strength", "parallel"_a = "merge",
      (std::string("Eigenvector centrality (in-edges, unit L2 norm), NetworkX's iteration.\n") +
       edges_doc)
          .c_str());

  m.def(
      "pagerank",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, double alpha, std::size_t max_iter, double tol,
         const std::string& weights_are, const std::string& parallel) {
        pagerank_options opt;
        opt.alpha = alpha;
        opt.max_iter = max_iter;
        opt.tol = tol;
        return centrality({n, std::move(source), std::move(target), std::move(weight), directed},
                          weights_are, parallel, false,
                          [&](const compact_graph& g, const stop_check&) { return detail::pagerank(g, opt); });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "alpha"_a = 0.85, "max_iter"_a = 100, "tol"_a = 1e-6, "weights_are"_a = "strength",
      "parallel"_a = "merge",
      (std::string("PageRank, dangling vertices spread uniformly, NetworkX's iteration.\n") +
       edges_doc)
          .c_str());

  m.def(
      "centralization_maximum",
      [](const std::string& measure, std::size_t n, bool directed, const std::string& mode,
         bool normalized) {
        return centralization_maximum(centralization_option(measure), n, directed,
                                      degree_mode_option(mode), normalized);
      },
      "measure"_a, "n"_a, "directed"_a, "mode"_a = "total", "normalized"_a = true,
      "Largest sum of (max - c(v)) over graphs on n vertices (Freeman 1979).");

  m.def(
      "freeman_centralization",
      [](const real_array& scores, double maximum) {
        return freeman_centralization(graph_array(scores, "scores"), maximum);
      },
      "scores"_a, "maximum"_a, "sum(max - c(v)) / maximum; NaN when maximum is 0.");
}

}  // namespace coproduction::python
