// Bindings of the network null models, into `_core.stats`: conditional uniform graph tests
// (include/coproduction/stats/cug_test.hpp), the graphs of their nulls and degree-preserving
// rewiring (uniform_graphs.hpp, rewiring.hpp), the matrices of layers, QAP and MRQAP
// (qap.hpp, mrqap.hpp). The pandas layer is python/coproduction/_stats_null_models.py.
//
// numpy in, numpy out: edges as int64 arrays, matrices as 2-D float64 arrays, a measure's
// options as a dict whose keys the Python layer spells (the keys of the resampling
// bindings); results come back as dicts of floats and arrays. Every long call runs without
// the GIL and polls, every 50 ms from the calling thread, Python's signals (Ctrl-C) and,
// when given, `progress(done)` with the number of draws done so far.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "coproduction/detail/registry.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/stats/cug_test.hpp"
#include "coproduction/stats/mrqap.hpp"
#include "coproduction/stats/qap.hpp"
#include "coproduction/stats/rewiring.hpp"
#include "coproduction/stats/tie_list.hpp"
#include "coproduction/stats/uniform_graphs.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"
#include "stats_options.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// A layer from its types and scales (None: no restriction).
layer layer_of(const std::optional<std::vector<std::string>>& types,
               const std::optional<std::vector<std::string>>& scales) {
  layer l;
  if (types) l.types = *types;
  if (scales)
    for (const std::string& w : *scales) l.scales.push_back(scale_named(w));
  return l;
}

cug_given given_option(std::string_view word) {
  return one_of<cug_given>(word, "given",
                           {{"size", cug_given::size},
                            {"edges", cug_given::edges},
                            {"dyad_census", cug_given::dyad_census},
                            {"degrees", cug_given::degrees}});
}

matrix_vertices vertices_option(std::string_view word) {
  return one_of<matrix_vertices>(word, "vertices",
                                 {{"all", matrix_vertices::all}, {"tied", matrix_vertices::tied}});
}

mrqap_statistic statistic_option(std::string_view word) {
  return one_of<mrqap_statistic>(
      word, "statistic", {{"t", mrqap_statistic::t_value}, {"beta", mrqap_statistic::beta}});
}

// A square matrix argument, copied (the kernels keep it while the GIL is released).
dyad_matrix matrix_of(const real_array& a, const char* where) {
  if (a.ndim() != 2 || a.shape(0) != a.shape(1))
    throw input_error(where, "must be a square two-dimensional array");
  const auto n = static_cast<std::size_t>(a.shape(0));
  return dyad_matrix{n, std::vector<double>(a.data(), a.data() + n * n)};
}

py::dict null_dict(null_distribution&& d) {
  py::dict out;
  out["observed"] = d.observed;
  out["draws"] = to_numpy(std::move(d.draws));
  out["valid"] = d.valid;
  out["p_greater_equal"] = d.p_greater_equal;
  out["p_less_equal"] = d.p_less_equal;
  out["p_absolute"] = d.p_absolute;
  return out;
}

py::dict rewiring_dict(const std::vector<rewiring_diagnostics>& d) {
  py::dict out;
  out["steps"] = filled<std::int64_t>(d.size(), [&](std::size_t i) { return d[i].steps; });
  out["accepted"] = filled<std::int64_t>(d.size(), [&](std::size_t i) { return d[i].accepted; });
  out["reversals"] = filled<std::int64_t>(d.size(), [&](std::size_t i) { return d[i].reversals; });
  out["changed"] = filled<double>(d.size(), [&](std::size_t i) { return d[i].changed; });
  out["changed_half"] = filled<double>(d.size(), [&](std::size_t i) { return d[i].changed_half; });
  return out;
}

rewiring_options rewiring_of(double swaps, bool triangle_reversals) {
  rewiring_options r;
  r.swaps_per_tie = swaps;
  r.triangle_reversals = triangle_reversals;
  return r;
}

}  // namespace

void register_stats_null_models(py::module_& stats) {
  // Each kernel below reads only C++ copies of its arguments (vectors, matrices, the network
  // held for reading by `held_network`) and writes only its result, so it runs without the
  // GIL; the poll takes the GIL back to ask Python.
  stats.def(
      "cug_test",
      [](const Network& net, const std::string& measure, const py::dict& options,
         const std::string& given, std::size_t n, std::uint64_t seed, unsigned threads,
         double swaps, bool triangle_reversals, py::object progress) {
        measure_options mo = measure_options_of(options);
        cug_options c;
        c.given = given_option(given);
        c.rewiring = rewiring_of(swaps, triangle_reversals);
        draw_poll poll(std::move(progress));
        c.run = poll.run(n, seed, threads);
        mo.stop_requested = c.run.stop_requested;
        cug_result r = held_network(
            net, [&](const Network& held) { return cug_test(held, measure, mo, c); });
        py::dict out = null_dict(std::move(r.null));
        out["given"] = std::string(cug_given_name(r.given));
        out["directed"] = r.directed;
        out["vertices"] = r.vertices;
        out["ties"] = r.ties;
        out["census"] = py::make_tuple(r.census.mutual, r.census.asymmetric, r.census.null);
        out["rewiring"] = r.rewiring.empty() ? py::object(py::none()) : rewiring_dict(r.rewiring);
        return out;
      },
      py::arg("net"), py::arg("measure"), py::arg("options"), py::arg("given") = "size",
      py::arg("n") = 1000, py::arg("seed") = 0, py::arg("threads") = 0, py::arg("swaps") = 10.0,
      py::arg("triangle_reversals") = true, py::arg("progress") = py::none(),
      "Conditional uniform graph test of a registered network-level measure of a layer; see "
      "coproduction.stats.cug_test.");

  stats.def(
      "null_graph",
      [](std::size_t n, const index_array& source, const index_array& target, bool directed,
         const std::string& given, std::uint64_t seed, std::uint64_t draw, double swaps,
         bool triangle_reversals) {
        const auto s = one_dimensional(source, "source");
        const auto t = one_dimensional(target, "target");
        detail::check_edge_arrays<std::int64_t>(n, s, t, {}, false);
        layer_edges e;
        e.vertices.resize(n);
        for (std::size_t v = 0; v < n; ++v) e.vertices[v] = v;
        e.source.assign(s.begin(), s.end());
        e.target.assign(t.begin(), t.end());
        const tie_list observed = ties_of(e, directed);
        const cug_given g = given_option(given);
        const rewiring_options r = rewiring_of(swaps, triangle_reversals);
        rewiring_diagnostics d;
        // Safe without the GIL: only C++ copies are read.
        tie_list out = without_gil([&] { return null_graph(observed, g, seed, draw, r, &d); });
        py::dict result;
        result["source"] = copy_to_numpy<std::int64_t>(out.source);
        result["target"] = copy_to_numpy<std::int64_t>(out.target);
        if (g == cug_given::degrees) result["rewiring"] = rewiring_dict({d});
        return result;
      },
      py::arg("n"), py::arg("source"), py::arg("target"), py::arg("directed") = true,
      py::arg("given") = "degrees", py::arg("seed") = 0, py::arg("draw") = 0,
      py::arg("swaps") = 10.0, py::arg("triangle_reversals") = true,
      "Draw `draw` of the null `given` of the simple graph of the edges (vertices 0 .. n-1) "
      "under `seed`: the graph on which a CUG test computes that draw. A dict of source and "
      "target (undirected ties smaller end first) and, for given='degrees', the chain's "
      "diagnostics (steps, accepted, reversals, changed, changed_half).");

  stats.def(
      "layer_matrices",
      [](const Network& net, const std::vector<std::optional<std::vector<std::string>>>& types,
         const std::optional<std::vector<std::string>>& scales, bool directed, bool weighted,
         bool include_objects, const std::string& vertices) {
        std::vector<layer> layers;
        for (const auto& t : types) layers.push_back(layer_of(t, scales));
        const matrix_options mo{directed, weighted, include_objects, vertices_option(vertices)};
        layer_matrices m = held_network(
            net, [&](const Network& held) { return matrices_of(held, layers, mo); });
        py::list ids, matrices;
        for (const auto v : m.vertices) ids.append(net.stakeholder_at(v).id);
        for (dyad_matrix& d : m.matrices)
          matrices.append(to_numpy(std::move(d.values), d.n, d.n));
        return py::make_tuple(ids, matrices);
      },
      py::arg("net"), py::arg("types"), py::arg("scales") = py::none(),
      py::arg("directed") = true, py::arg("weighted") = false, py::arg("include_objects") = false,
      py::arg("vertices") = "all",
      "The matrices of layers (one list of types, or None for every relation, per layer) over "
      "one set of stakeholders: (ids, [n x n float arrays]); entry (i, j) is 1 when a relation "
      "runs from i to j (the sum of their weights when weighted), the diagonal 0.");

  stats.def(
      "qap_test",
      [](const real_array& a, const real_array& b, bool directed, std::size_t n,
         std::uint64_t seed, unsigned threads, py::object progress) {
        const dyad_matrix am = matrix_of(a, "a"), bm = matrix_of(b, "b");
        draw_poll poll(std::move(progress));
        const resampling_options run = poll.run(n, seed, threads);
        // Safe without the GIL: the matrices are C++ copies.
        qap_result r = without_gil([&] { return qap_test(am, bm, directed, run); });
        py::dict out = null_dict(std::move(r.null));
        out["exact"] = r.exact;
        out["directed"] = r.directed;
        out["vertices"] = r.vertices;
        out["dyads"] = r.dyads;
        return out;
      },
      py::arg("a"), py::arg("b"), py::arg("directed") = true, py::arg("n") = 1000,
      py::arg("seed") = 0, py::arg("threads") = 0, py::arg("progress") = py::none(),
      "QAP test of the correlation of two square matrices' off-diagonal entries, permuting "
      "b's rows and columns together (every permutation once when n! <= n draws).");

  stats.def(
      "mrqap",
      [](const real_array& y, const std::vector<real_array>& x, bool directed, bool intercept,
         const std::string& statistic, std::vector<std::string> names, std::size_t n,
         std::uint64_t seed, unsigned threads, py::object progress) {
        const dyad_matrix ym = matrix_of(y, "y");
        std::vector<dyad_matrix> xm;
        for (const real_array& m : x) xm.push_back(matrix_of(m, "x"));
        const mrqap_options mo{intercept, statistic_option(statistic)};
        draw_poll poll(std::move(progress));
        const resampling_options run = poll.run(n, seed, threads);
        // Safe without the GIL: the matrices are C++ copies.
        mrqap_result r =
            without_gil([&] { return mrqap(ym, xm, directed, mo, run, std::move(names)); });
        py::dict out;
        out["coefficients"] = to_numpy(std::move(r.coefficients));
        out["standard_errors"] = to_numpy(std::move(r.standard_errors));
        out["t_values"] = to_numpy(std::move(r.t_values));
        py::list terms;
        for (null_distribution& d : r.null) terms.append(null_dict(std::move(d)));
        out["null"] = terms;
        out["r_squared"] = r.r_squared;
        out["adjusted_r_squared"] = r.adjusted_r_squared;
        out["residual_standard_error"] = r.residual_standard_error;
        out["dyads"] = r.dyads;
        out["residual_df"] = r.residual_df;
        out["vertices"] = r.vertices;
        out["exact"] = r.exact;
        out["directed"] = r.directed;
        out["intercept"] = r.intercept;
        return out;
      },
      py::arg("y"), py::arg("x"), py::arg("directed") = true, py::arg("intercept") = true,
      py::arg("statistic") = "t", py::arg("names") = std::vector<std::string>{},
      py::arg("n") = 1000, py::arg("seed") = 0, py::arg("threads") = 0,
      py::arg("progress") = py::none(),
      "MRQAP of y on the matrices x with double semi-partialling (netlm's qapspp); every "
      "permutation once when n! <= n draws.");

  stats.def(
      "qap_permutation",
      [](std::size_t n, std::uint64_t seed, std::uint64_t draw) {
        return copy_to_numpy<std::int64_t>(qap_permutation(n, seed, draw));
      },
      py::arg("n"), py::arg("seed"), py::arg("draw"),
      "The permutation of draw `draw` of a QAP or MRQAP run seeded `seed` (not exact): entry i "
      "is the row of the original matrix that becomes row i.");
}

}  // namespace coproduction::python
