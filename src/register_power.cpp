// Python bindings of include/coproduction/power/, into `_core.power`.
//
// numpy in, numpy out: weights arrive as a 1-D integer array, veto holders and bloc labels
// as integer arrays of positions / codes; every index comes back as a float array in player
// order, an estimate as a dict of arrays. Labels, pandas and the choice of method live in
// python/coproduction/power.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/deegan_packel.hpp"
#include "coproduction/power/holler.hpp"
#include "coproduction/power/johnston.hpp"
#include "coproduction/power/minimal_winning.hpp"
#include "coproduction/power/monte_carlo.hpp"
#include "coproduction/power/owen.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction::python {

namespace {

namespace py = pybind11;

using int_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;

std::vector<std::int64_t> as_vector(const int_array& a, const char* where) {
  if (a.ndim() != 1)
    throw input_error(where, "must be one-dimensional, got " + std::to_string(a.ndim()) +
                                 " dimensions");
  return {a.data(), a.data() + a.shape(0)};
}

std::vector<std::size_t> as_indices(const int_array& a, const char* where) {
  std::vector<std::size_t> out;
  for (std::int64_t x : as_vector(a, where)) {
    if (x < 0)
      throw input_error(where, "entry " + std::to_string(x) + " is negative: positions and "
                                                              "codes are non-negative");
    out.push_back(static_cast<std::size_t>(x));
  }
  return out;
}

weighted_game make_game(const int_array& weights, std::int64_t quota, const int_array& veto) {
  return weighted_game(as_vector(weights, "weights"), quota, as_indices(veto, "veto"));
}

py::array_t<double> to_numpy(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(static_cast<py::ssize_t>(owned->size()), owned->data(),
                             free_when_done);
}

// Asks Python for pending signals (Ctrl-C in a notebook) from the calling thread, taking
// the GIL just for that; the computations ask between nodes or every 4096 draws.
bool python_signals() {
  py::gil_scoped_acquire gil;
  return PyErr_CheckSignals() != 0;
}

// Runs `kernel()` with the GIL released. Safe: the kernels read only the C++ game and
// vectors built from the arrays before the release, and write only their own results; no
// Python object is touched. An interruption re-raises the KeyboardInterrupt that
// PyErr_CheckSignals set.
template <class Kernel>
auto without_gil(Kernel kernel) {
  bool interrupted = false;
  decltype(kernel()) result{};
  {
    py::gil_scoped_release release;
    try {
      result = kernel();
    } catch (const power_interrupted&) {
      interrupted = true;
    }
  }
  if (interrupted) throw py::error_already_set();
  return result;
}

banzhaf_scale scale_of(bool normalized) {
  return normalized ? banzhaf_scale::normalized : banzhaf_scale::absolute;
}

// `limit_exceeded` becomes `coproduction.LimitError` (an `InputError`) with the estimate,
// the limit and its unit as attributes. Registered after the library's own translator, so
// it is tried first; anything else goes on to that one.
void translate_limits(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const limit_exceeded& e) {
    py::object type = py::module_::import("coproduction._errors").attr("LimitError");
    py::object instance = type(e.what(), e.code(), e.where(), e.detail(),
                               py::arg("estimate") = e.estimate(), py::arg("limit") = e.limit(),
                               py::arg("unit") = e.unit());
    PyErr_SetObject(type.ptr(), instance.ptr());
  }
}

py::dict to_dict(power_estimate&& e) {
  py::dict d;
  d["value"] = to_numpy(std::move(e.value));
  d["standard_error"] = to_numpy(std::move(e.standard_error));
  d["lower"] = to_numpy(std::move(e.lower));
  d["upper"] = to_numpy(std::move(e.upper));
  d["samples"] = e.samples;
  d["confidence"] = e.confidence;
  return d;
}

constexpr const char* game_doc = R"(
weights : 1-D int64 array
    Votes of each player (>= 0).
quota : int
    Votes a coalition needs (1 <= quota <= sum of weights).
veto : 1-D int64 array
    Positions of the veto holders (may be empty).
)";

}  // namespace

void register_power(pybind11::module_& m) {
  m.doc() = "Power indices of weighted voting games; see coproduction.power.";
  py::register_exception_translator(translate_limits);
  const auto w = py::arg("weights");
  const auto q = py::arg("quota");
  const auto v = py::arg("veto");
  const auto most = py::arg("max_coalitions");

  m.def(
      "banzhaf",
      [](const int_array& weights, std::int64_t quota, const int_array& veto, bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(
            without_gil([&] { return banzhaf(g, scale_of(normalized), python_signals); }));
      },
      w, q, v, py::arg("normalized"),
      (std::string("Banzhaf index by dynamic programming over vote totals.\n") + game_doc).c_str());
  m.def(
      "shapley_shubik",
      [](const int_array& weights, std::int64_t quota, const int_array& veto) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(without_gil([&] { return shapley_shubik(g, python_signals); }));
      },
      w, q, v,
      (std::string("Shapley-Shubik index, exact, over vote totals.\n") + game_doc).c_str());
  m.def(
      "deegan_packel",
      [](const int_array& weights, std::int64_t quota, const int_array& veto,
         std::uint64_t max_coalitions) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(
            without_gil([&] { return deegan_packel(g, max_coalitions, python_signals); }));
      },
      w, q, v, most = default_max_visited_coalitions,
      "Deegan-Packel index from the minimal winning coalitions (<= 64 players, at most "
      "max_coalitions of them).");
  m.def(
      "holler",
      [](const int_array& weights, std::int64_t quota, const int_array& veto,
         std::uint64_t max_coalitions) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(without_gil([&] { return holler(g, max_coalitions, python_signals); }));
      },
      w, q, v, most = default_max_visited_coalitions,
      "Holler public good index from the minimal winning coalitions (<= 64 players, at most "
      "max_coalitions of them).");
  m.def(
      "johnston",
      [](const int_array& weights, std::int64_t quota, const int_array& veto) {
        const weighted_game g = make_game(weights, quota, veto);
        return to_numpy(without_gil([&] { return johnston(g, python_signals); }));
      },
      w, q, v, "Johnston index by enumerating the coalitions (<= 25 players).");
  m.def(
      "minimal_winning_count",
      [](const int_array& weights, std::int64_t quota, const int_array& veto) {
        const weighted_game g = make_game(weights, quota, veto);
        const coalition_count c =
            without_gil([&] { return minimal_winning_count(g, python_signals); });
        return py::make_tuple(c.count, c.exact);
      },
      w, q, v,
      "Number of minimal winning coalitions (<= 64 players) as (count, exact); when exact is "
      "False, count is an upper bound.");
  m.def(
      "minimal_winning",
      [](const int_array& weights, std::int64_t quota, const int_array& veto,
         std::uint64_t max_coalitions) {
        const weighted_game g = make_game(weights, quota, veto);
        std::vector<coalition> found = without_gil(
            [&] { return minimal_winning_coalitions(g, max_coalitions, python_signals); });
        const auto rows = static_cast<py::ssize_t>(found.size());
        const auto cols = static_cast<py::ssize_t>(g.players());
        py::array_t<bool> out({rows, cols});
        auto o = out.mutable_unchecked<2>();
        for (py::ssize_t r = 0; r < rows; ++r)
          for (py::ssize_t c = 0; c < cols; ++c)
            o(r, c) = (found[static_cast<std::size_t>(r)] >> c & 1U) != 0;
        return out;
      },
      w, q, v, most = default_max_listed_coalitions,
      "Minimal winning coalitions as a boolean matrix (one row per coalition, <= 64 players, "
      "at most max_coalitions rows).");
  m.def(
      "owen",
      [](const int_array& weights, std::int64_t quota, const int_array& veto,
         const int_array& blocs) {
        const weighted_game g = make_game(weights, quota, veto);
        const std::vector<std::size_t> b = as_indices(blocs, "blocs");
        return to_numpy(without_gil([&] { return owen(g, b, python_signals); }));
      },
      w, q, v, py::arg("blocs"), "Owen value with a priori unions; blocs: one code per player.");
  m.def(
      "banzhaf_owen",
      [](const int_array& weights, std::int64_t quota, const int_array& veto,
         const int_array& blocs, bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        const std::vector<std::size_t> b = as_indices(blocs, "blocs");
        return to_numpy(
            without_gil([&] { return banzhaf_owen(g, b, scale_of(normalized), python_signals); }));
      },
      w, q, v, py::arg("blocs"), py::arg("normalized"),
      "Banzhaf-Owen index with a priori unions; blocs: one code per player.");
  m.def(
      "monte_carlo",
      [](const std::string& index, const int_array& weights, std::int64_t quota,
         const int_array& veto, std::size_t samples, std::uint64_t seed, double confidence,
         bool normalized) {
        const weighted_game g = make_game(weights, quota, veto);
        sampling_options o{samples, seed, confidence, python_signals};
        power_estimate e;
        if (index == "banzhaf")
          e = without_gil([&] { return banzhaf_monte_carlo(g, scale_of(normalized), o); });
        else if (index == "shapley_shubik")
          e = without_gil([&] { return shapley_shubik_monte_carlo(g, o); });
        else if (index == "deegan_packel")
          e = without_gil([&] { return deegan_packel_monte_carlo(g, o); });
        else if (index == "holler")
          e = without_gil([&] { return holler_monte_carlo(g, o); });
        else if (index == "johnston")
          e = without_gil([&] { return johnston_monte_carlo(g, o); });
        else
          throw input_error("index", "unknown index '" + index +
                                         "' (banzhaf, shapley_shubik, deegan_packel, holler, "
                                         "johnston)");
        return to_dict(std::move(e));
      },
      py::arg("index"), w, q, v, py::arg("samples"), py::arg("seed"), py::arg("confidence"),
      py::arg("normalized") = true,
      "Seeded Monte Carlo estimate with pointwise confidence intervals; returns a dict of "
      "arrays value, standard_error, lower, upper and the scalars samples, confidence.");
  m.attr("max_enumeration_players") = max_enumeration_players;
  m.attr("max_coalition_players") = max_coalition_players;
  m.attr("default_max_listed_coalitions") = default_max_listed_coalitions;
  m.attr("default_max_visited_coalitions") = default_max_visited_coalitions;
  m.attr("max_exact_table_bytes") = max_exact_table_bytes;
  m.attr("max_exact_table_cells") = max_exact_table_cells;
}

}  // namespace coproduction::python
