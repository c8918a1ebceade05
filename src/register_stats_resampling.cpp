// Bindings of the resampling statistics: the bootstrap (of a sample of values, and of any
// registered measure of a network over stakeholders, decisions or relations) and permutation
// tests (two groups, two waves), into `_core.stats`. The headers are
// include/coproduction/stats/{rng,resampling,interval,bootstrap,permutation,
// resample_measure}.hpp; the pandas layer is python/coproduction/_stats_resampling.py.
//
// numpy in, numpy out: values arrive as float64 arrays, group codes as int64, a measure's
// options as a dict whose keys the Python layer spells; results come back as dicts of floats
// and arrays. Every long call runs without the GIL and polls, every 50 ms from the calling
// thread, Python's signals (Ctrl-C) and, when given, `progress(done)` with the number of
// draws done so far, taking the GIL only for that poll.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arrays.hpp"
#include "coproduction/stats/bootstrap.hpp"
#include "coproduction/stats/permutation.hpp"
#include "coproduction/stats/resample_measure.hpp"
#include "coproduction/stats/resampling.hpp"
#include "coproduction/stats/rng.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"
#include "stats_options.hpp"

namespace coproduction::python {

namespace {

namespace py = pybind11;

template <class Options>
void set_resampling(Options& o, std::size_t n, std::uint64_t seed, unsigned threads,
                    draw_poll& poll) {
  o.draws = n;
  o.seed = seed;
  o.threads = threads;
  o.stop_requested = poll.check();
  o.finished = poll.finished();
}

py::dict bootstrap_dict(bootstrap_result&& r) {
  py::dict out;
  out["estimate"] = r.estimate;
  out["low"] = r.bounds.low;
  out["high"] = r.bounds.high;
  out["level"] = r.level;
  out["method"] = std::string(name_of(r.method));
  out["bias_correction"] = r.bias_correction;
  out["acceleration"] = r.acceleration;
  out["undefined"] = r.undefined;
  out["draws"] = to_numpy(std::move(r.draws));
  out["jackknife"] = to_numpy(std::move(r.jackknife));
  return out;
}

py::dict permutation_dict(permutation_result&& r) {
  py::dict out;
  out["observed"] = r.observed;
  out["p_value"] = r.p_value;
  out["standard_error"] = r.standard_error;
  out["p_greater"] = r.p_greater;
  out["p_less"] = r.p_less;
  out["exact"] = r.exact;
  out["alternative"] = std::string(name_of(r.alternative));
  out["null"] = to_numpy(std::move(r.null));
  return out;
}

}  // namespace

void register_stats_resampling(py::module_& stats) {
  // Each kernel below reads only C++ copies of its arguments (spans over numpy arrays kept
  // alive by this frame, vectors, the network held for reading by `held_network`) and writes
  // only its result, so it runs without the GIL; the poll takes the GIL back to ask Python.
  stats.def(
      "bootstrap_values",
      [](const real_array& values, const std::string& statistic, std::optional<double> parameter,
         std::size_t n, std::uint64_t seed, double ci, const std::string& method,
         unsigned threads, py::object progress) {
        const std::span<const double> v = one_dimensional(values, "values");
        const sample_statistic s = sample_statistic_named(statistic);
        bootstrap_options o;
        o.level = ci;
        o.method = interval_method_named(method);
        draw_poll poll(std::move(progress));
        set_resampling(o, n, seed, threads, poll);
        const double p = parameter.value_or(std::numeric_limits<double>::quiet_NaN());
        return bootstrap_dict(without_gil([&] { return bootstrap(v, s, o, p); }));
      },
      py::arg("values"), py::arg("statistic"), py::arg("parameter") = py::none(),
      py::arg("n") = 2000, py::arg("seed") = 0, py::arg("ci") = 0.95,
      py::arg("method") = "percentile", py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Bootstrap of a statistic of a sample; see coproduction.stats.bootstrap.");

  stats.def(
      "bootstrap_measure",
      [](const Network& net, const std::string& measure, const std::string& unit,
         const py::dict& options, std::size_t n, std::uint64_t seed, double ci,
         const std::string& method, unsigned threads, py::object progress) {
        measure_bootstrap_options o;
        std::optional<std::string> stakeholder;
        measure_options mo = measure_options_of(options, &stakeholder);
        if (stakeholder) o.stakeholder = net.vertex(*stakeholder);
        const resampling_unit u = resampling_unit_named(unit);
        o.level = ci;
        o.method = interval_method_named(method);
        draw_poll poll(std::move(progress));
        set_resampling(o, n, seed, threads, poll);
        mo.stop_requested = o.stop_requested;
        return bootstrap_dict(held_network(
            net, [&](const Network& held) { return bootstrap_measure(held, measure, u, mo, o); }));
      },
      py::arg("net"), py::arg("measure"), py::arg("unit"), py::arg("options"),
      py::arg("n") = 2000, py::arg("seed") = 0, py::arg("ci") = 0.95,
      py::arg("method") = "percentile", py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Bootstrap of a registered measure of a network; see coproduction.stats.bootstrap.");

  stats.def(
      "resampling_units",
      [](const std::string& measure, const std::string& quantity) {
        measure_options o;
        o.quantity = quantity;
        std::vector<std::string> out;
        for (resampling_unit u : resampling_units(measure, o)) out.emplace_back(name_of(u));
        return out;
      },
      py::arg("measure"), py::arg("quantity") = "decision_power",
      "The units a registered measure can be bootstrapped over (empty: none).");

  stats.def(
      "permutation_test",
      [](const real_array& values, const index_array& groups, const std::string& statistic,
         std::size_t n, std::uint64_t seed, const std::string& alternative, unsigned threads,
         py::object progress) {
        const std::span<const double> v = one_dimensional(values, "values");
        const std::vector<std::size_t> codes =
            non_negative(groups, "groups", [](std::size_t i, std::int64_t c) {
              return "entry " + std::to_string(i) + " is " + std::to_string(c) +
                     ": codes are 0 or 1";
            });
        permutation_options o;
        o.alternative = alternative_named(alternative);
        const group_statistic s = group_statistic_named(statistic);
        draw_poll poll(std::move(progress));
        set_resampling(o, n, seed, threads, poll);
        return permutation_dict(without_gil([&] { return permutation_test(v, codes, s, o); }));
      },
      py::arg("values"), py::arg("groups"), py::arg("statistic") = "mean_gap",
      py::arg("n") = 9999, py::arg("seed") = 0, py::arg("alternative") = "two-sided",
      py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Permutation test of a difference between groups 1 and 0; see "
      "coproduction.stats.permutation_test.");

  stats.def(
      "paired_permutation_test",
      [](const real_array& first, const real_array& second, const std::string& statistic,
         std::size_t n, std::uint64_t seed, const std::string& alternative, unsigned threads,
         py::object progress) {
        const std::span<const double> a = one_dimensional(first, "first");
        const std::span<const double> b = one_dimensional(second, "second");
        permutation_options o;
        o.alternative = alternative_named(alternative);
        const group_statistic s = group_statistic_named(statistic);
        draw_poll poll(std::move(progress));
        set_resampling(o, n, seed, threads, poll);
        return permutation_dict(
            without_gil([&] { return paired_permutation_test(a, b, s, o); }));
      },
      py::arg("first"), py::arg("second"), py::arg("statistic") = "mean_gap",
      py::arg("n") = 9999, py::arg("seed") = 0, py::arg("alternative") = "two-sided",
      py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Paired permutation test of the change from first to second; see "
      "coproduction.stats.paired_permutation_test.");

  stats.def(
      "resample_indices",
      [](std::size_t units, std::size_t draws, std::uint64_t seed) {
        if (units < 1) throw input_error("units", "needs at least 1 unit");
        std::vector<std::int64_t> out;
        out.reserve(units * draws);
        std::vector<std::uint64_t> one;
        for (std::size_t d = 0; d < draws; ++d) {
          draw_generator g(seed, d);
          draw_indices(g, units, one);
          out.insert(out.end(), one.begin(), one.end());
        }
        return to_numpy(std::move(out), draws, units);
      },
      py::arg("units"), py::arg("draws"), py::arg("seed"),
      "The units every bootstrap draws, one row per draw: row d is draw d's resample of "
      "units 0 .. units-1 (the indices `draw_indices` gives its generator).");

  stats.def(
      "generator_words",
      [](std::uint64_t seed, std::uint64_t draw, std::size_t count) {
        draw_generator g(seed, draw);
        std::vector<std::uint64_t> out(count);
        for (auto& w : out) w = g();
        return to_numpy(std::move(out));
      },
      py::arg("seed"), py::arg("draw"), py::arg("count"),
      "The first `count` 64-bit words of the generator of draw `draw` under `seed`.");

  stats.def(
      "generator_below",
      [](std::uint64_t seed, std::uint64_t draw, std::uint64_t bound, std::size_t count) {
        if (bound < 1) throw input_error("bound", "must be at least 1");
        draw_generator g(seed, draw);
        std::vector<std::uint64_t> out(count);
        for (auto& w : out) w = g.below(bound);
        return to_numpy(std::move(out));
      },
      py::arg("seed"), py::arg("draw"), py::arg("bound"), py::arg("count"),
      "`count` whole numbers below `bound` from the generator of draw `draw` under `seed`.");
}

}  // namespace coproduction::python
