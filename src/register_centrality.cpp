// Node centralities and Freeman centralization on edge arrays: numpy in, numpy out.
//
// Every function takes the vertex count and the edges as parallel arrays (source, target and
// optionally weight), builds the compact graph and runs the kernels of
// coproduction/metrics/centrality.hpp with the GIL released.

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
#include "coproduction/error.hpp"
#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "interrupt.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

template <class T>
using numpy_vector = py::array_t<T, py::array::c_style | py::array::forcecast>;

using index_array = numpy_vector<std::int64_t>;
using real_array = numpy_vector<double>;

template <class T>
std::span<const T> one_dimensional(const numpy_vector<T>& a, const char* where) {
  if (a.ndim() != 1) throw input_error(where, "must be a one-dimensional array");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

weight_meaning parse_meaning(const std::string& s) {
  if (s == "strength") return weight_meaning::strength;
  if (s == "distance") return weight_meaning::distance;
  throw input_error("weights_are", "must be \"strength\" or \"distance\", got \"" + s + "\"");
}

parallel_edges parse_parallel(const std::string& s) {
  if (s == "merge") return parallel_edges::merge;
  if (s == "keep") return parallel_edges::keep;
  throw input_error("parallel", "must be \"merge\" or \"keep\", got \"" + s + "\"");
}

degree_mode parse_degree_mode(const std::string& s) {
  if (s == "in") return degree_mode::in;
  if (s == "out") return degree_mode::out;
  if (s == "total") return degree_mode::total;
  throw input_error("mode", "must be \"in\", \"out\" or \"total\", got \"" + s + "\"");
}

path_mode parse_path_mode(const std::string& s) {
  if (s == "in") return path_mode::in;
  if (s == "out") return path_mode::out;
  throw input_error("mode", "must be \"in\" or \"out\", got \"" + s + "\"");
}

centralization_measure parse_measure(const std::string& s) {
  if (s == "degree") return centralization_measure::degree;
  if (s == "closeness") return centralization_measure::closeness;
  if (s == "harmonic") return centralization_measure::harmonic;
  if (s == "betweenness") return centralization_measure::betweenness;
  if (s == "eigenvector") return centralization_measure::eigenvector;
  throw input_error("measure",
                    "must be one of degree, closeness, harmonic, betweenness, eigenvector; got \"" +
                        s + "\"");
}

// The edges as given by Python, kept alive (and their buffers with them) for the call.
struct edge_arrays {
  std::size_t n;
  index_array source, target;
  std::optional<real_array> weight;
  bool directed;
  std::string weights_are, parallel;
};

detail::compact_graph make_graph(const edge_arrays& e, bool need_in) {
  detail::graph_request req;
  req.directed = e.directed;
  req.weighted = e.weight.has_value();
  req.meaning = parse_meaning(e.weights_are);
  req.parallel = parse_parallel(e.parallel);
  req.need_in = need_in;
  const auto s = one_dimensional(e.source, "source");
  const auto t = one_dimensional(e.target, "target");
  std::span<const double> w;
  if (e.weight) w = one_dimensional(*e.weight, "weight");
  // Reading the numpy buffers without the GIL is safe: the arrays above hold references to
  // them until this call returns, and the GIL never protected their contents from another
  // thread's writes anyway (numpy does not lock buffers).
  py::gil_scoped_release release;
  return detail::make_compact_graph<std::int64_t>(e.n, s, t, w, req);
}

py::array_t<double> to_numpy(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(),
                             free_when_done);
}

// Runs `kernel(graph, stop)` with the GIL released (safe: the kernels touch only the C++
// graph and their own vectors). A long computation asks `python_signals` every 50 ms from
// this (the calling, main) thread, so Ctrl-C in a notebook stops it with the
// KeyboardInterrupt that PyErr_CheckSignals set.
template <class Kernel>
py::array_t<double> compute(const detail::compact_graph& g, Kernel kernel) {
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
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        degree_options opt;
        opt.mode = parse_degree_mode(mode);
        opt.normalized = normalized;
        opt.directed = directed;
        return compute(make_graph(e, false),
                       [&](const detail::compact_graph& g, const stop_check&) {
                         return detail::degree(g, opt);
                       });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "mode"_a = "total", "normalized"_a = true, "weights_are"_a = "strength",
      "parallel"_a = "merge",
      (std::string("Degree (or strength) of each vertex; mode in/out/total; / (n-1) when "
                   "normalized.\n") + edges_doc).c_str());

  m.def(
      "closeness_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, const std::string& mode, bool wf_improved, const std::string& weights_are,
         const std::string& parallel, unsigned threads) {
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        closeness_options opt;
        opt.mode = parse_path_mode(mode);
        opt.wf_improved = wf_improved;
        opt.threads = threads;
        return compute(make_graph(e, opt.mode == path_mode::in),
                       [&](const detail::compact_graph& g, const stop_check& stop) {
                         opt.stop_requested = stop;
                         return detail::closeness(g, opt);
                       });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "mode"_a = "in", "wf_improved"_a = true, "weights_are"_a = "strength",
      "parallel"_a = "merge", "threads"_a = 0,
      (std::string("Closeness on reachable vertices (NetworkX's closeness_centrality).\n") +
       edges_doc)
          .c_str());

  m.def(
      "harmonic_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, const std::string& mode, bool normalized, const std::string& weights_are,
         const std::string& parallel, unsigned threads) {
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        harmonic_options opt;
        opt.mode = parse_path_mode(mode);
        opt.normalized = normalized;
        opt.threads = threads;
        return compute(make_graph(e, opt.mode == path_mode::in),
                       [&](const detail::compact_graph& g, const stop_check& stop) {
                         opt.stop_requested = stop;
                         return detail::harmonic(g, opt);
                       });
      },
      "n"_a, "source"_a, "target"_a, "weight"_a = py::none(), "directed"_a = true,
      "mode"_a = "in", "normalized"_a = false, "weights_are"_a = "strength",
      "parallel"_a = "merge", "threads"_a = 0,
      (std::string("Harmonic closeness, sum of 1/d (NetworkX's harmonic_centrality).\n") +
       edges_doc)
          .c_str());

  m.def(
      "betweenness_centrality",
      [](std::size_t n, index_array source, index_array target, std::optional<real_array> weight,
         bool directed, bool normalized, const std::string& weights_are,
         const std::string& parallel, unsigned threads) {
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        betweenness_options opt;
        opt.normalized = normalized;
        opt.threads = threads;
        return compute(make_graph(e, false),
                       [&](const detail::compact_graph& g, const stop_check& stop) {
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
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        eigenvector_options opt;
        opt.max_iter = max_iter;
        opt.tol = tol;
        return compute(make_graph(e, false),
                       [&](const detail::compact_graph& g, const stop_check&) {
                         return detail::eigenvector(g, opt);
                       });
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
        const edge_arrays e{n, std::move(source), std::move(target), std::move(weight), directed,
                            weights_are, parallel};
        pagerank_options opt;
        opt.alpha = alpha;
        opt.max_iter = max_iter;
        opt.tol = tol;
        return compute(make_graph(e, false),
                       [&](const detail::compact_graph& g, const stop_check&) {
                         return detail::pagerank(g, opt);
                       });
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
        return centralization_maximum(parse_measure(measure), n, directed,
                                      parse_degree_mode(mode), normalized);
      },
      "measure"_a, "n"_a, "directed"_a, "mode"_a = "total", "normalized"_a = true,
      "Largest sum of (max - c(v)) over graphs on n vertices (Freeman 1979).");

  m.def(
      "freeman_centralization",
      [](const real_array& scores, double maximum) {
        return freeman_centralization(one_dimensional(scores, "scores"), maximum);
      },
      "scores"_a, "maximum"_a, "sum(max - c(v)) / maximum; NaN when maximum is 0.");
}

}  // namespace coproduction::python
