// Python bindings of include/coproduction/metrics/inequality.hpp (its decompositions by group
// in metrics/decomposition.hpp), into `_core.metrics`.
//
// numpy in, numpy out: values, weights and group codes arrive as 1-D arrays; scalars come
// back as floats and per-group results as a dict of arrays. The pandas layer lives in
// python/coproduction/metrics/_inequality.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "arrays.hpp"
#include "columns.hpp"
#include "coproduction/metrics/decomposition.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "interrupt.hpp"
#include "register.hpp"

namespace coproduction::python {

namespace {

namespace py = pybind11;

using optional_weights = std::optional<real_array>;
using values_span = std::span<const double>;
using codes_span = std::span<const std::size_t>;

std::vector<std::size_t> group_codes(const index_array& groups) {
  return non_negative(groups, "groups", [](std::size_t i, std::int64_t code) {
    return "entry " + std::to_string(i) + " is negative (" + std::to_string(code) +
           "): group codes are non-negative integers";
  });
}

// Every computation below reads only the spans and vectors built from the arrays, which
// the py::array_t handles in the caller's frame keep alive, and touches no Python object;
// so the GIL is released while it runs and other Python threads can go on. (A caller that
// mutates the same numpy array from another thread at that moment races, as with numpy.)
template <class Plain, class Weighted>
double scalar(const real_array& values, const optional_weights& weights, Plain plain,
              Weighted weighted) {
  const values_span v = one_dimensional(values, "values");
  if (weights) {
    const values_span w = one_dimensional(*weights, "weights");
    return without_gil([&] { return weighted(v, w); });
  }
  return without_gil([&] { return plain(v); });
}

py::dict to_dict(const inequality_decomposition& d) {
  py::dict out;
  out["total"] = d.total;
  out["between"] = d.between;
  out["within"] = d.within;
  out["group"] = array_column<std::int64_t>(d.groups, &group_inequality::group);
  out["population_share"] = array_column<double>(d.groups, &group_inequality::population_share);
  out["quantity_share"] = array_column<double>(d.groups, &group_inequality::quantity_share);
  out["mean"] = array_column<double>(d.groups, &group_inequality::mean);
  out["index"] = array_column<double>(d.groups, &group_inequality::index);
  out["within_contribution"] =
      array_column<double>(d.groups, &group_inequality::within_contribution);
  out["between_contribution"] =
      array_column<double>(d.groups, &group_inequality::between_contribution);
  return out;
}

py::dict to_dict(const std::vector<group_parity>& parity) {
  py::dict out;
  out["group"] = array_column<std::int64_t>(parity, &group_parity::group);
  out["population_share"] = array_column<double>(parity, &group_parity::population_share);
  out["quantity_share"] = array_column<double>(parity, &group_parity::quantity_share);
  out["ratio"] = array_column<double>(parity, &group_parity::ratio);
  return out;
}

// Binds `name(values, groups, weights=None)`, a measure by group (codes >= 0) given as its
// plain and its weighted overload; the dict of its result is computed without the GIL (safe
// for the reason given above `scalar`).
template <class Result>
void by_group(py::module_& m, const char* name, Result (*plain)(values_span, codes_span),
              Result (*weighted)(values_span, codes_span, values_span), const char* doc) {
  m.def(
      name,
      [plain, weighted](const real_array& values, const index_array& groups,
                        const optional_weights& weights) {
        const values_span v = one_dimensional(values, "values");
        const std::vector<std::size_t> codes = group_codes(groups);
        std::optional<values_span> w;
        if (weights) w = one_dimensional(*weights, "weights");
        return to_dict(without_gil([&] { return w ? weighted(v, codes, *w) : plain(v, codes); }));
      },
      py::arg("values"), py::arg("groups"), py::arg("weights") = py::none(), doc);
}

}  // namespace

void register_inequality(pybind11::module_& m) {
  const auto values = py::arg("values");
  const auto weights = py::arg("weights") = py::none();

  // An index of values alone, given as its plain and its weighted overload.
  using plain_index = double (*)(values_span);
  using weighted_index = double (*)(values_span, values_span);
  const auto index = [&](const char* name, plain_index plain, weighted_index weighted,
                         const char* doc) {
    m.def(
        name,
        [plain, weighted](const real_array& v, const optional_weights& w) {
          return scalar(v, w, plain, weighted);
        },
        values, weights, doc);
  };
  // An index of a family with a parameter (GE(alpha), A(epsilon)), named `parameter`.
  using plain_member = double (*)(values_span, double);
  using weighted_member = double (*)(values_span, values_span, double);
  const auto member = [&](const char* name, const char* parameter, plain_member plain,
                          weighted_member weighted, const char* doc) {
    m.def(
        name,
        [plain, weighted](const real_array& v, double p, const optional_weights& w) {
          return scalar(
              v, w, [&](values_span x) { return plain(x, p); },
              [&](values_span x, values_span y) { return weighted(x, y, p); });
        },
        values, py::arg(parameter), weights, doc);
  };
  index("gini", &gini, &gini, "Gini coefficient; see coproduction.metrics.gini.");
  index("theil", &theil, &theil, "Theil T index, GE(1); see coproduction.metrics.theil.");
  index("mld", &mld, &mld, "Mean log deviation, Theil L, GE(0); see coproduction.metrics.mld.");
  member("generalized_entropy", "alpha", &generalized_entropy, &generalized_entropy,
         "Generalised entropy index GE(alpha); see coproduction.metrics.generalized_entropy.");
  member("atkinson", "epsilon", &atkinson, &atkinson,
         "Atkinson index A(epsilon); see coproduction.metrics.atkinson.");
  index("hoover", &hoover, &hoover,
        "Hoover (Robin Hood) index; see coproduction.metrics.hoover.");
  index("palma", &palma, &palma,
        "Palma ratio (top 10% / bottom 40%); see coproduction.metrics.palma.");
  index("hhi", &hhi, &hhi,
        "Herfindahl-Hirschman index of shares; see coproduction.metrics.hhi.");
  index("effective_number", &effective_number, &effective_number,
        "Effective number of holders, 1/HHI; see coproduction.metrics.effective_number.");
  index("entropy", &entropy, &entropy,
        "Normalised Shannon entropy of shares; see coproduction.metrics.entropy.");

  by_group(m, "theil_decomposition", &theil_decomposition, &theil_decomposition,
           "Theil T decomposed by groups (codes >= 0): dict of total, between, within and "
           "per-group arrays; see coproduction.metrics.theil_decomposition.");
  by_group(m, "mld_decomposition", &mld_decomposition, &mld_decomposition,
           "Mean log deviation decomposed by groups (codes >= 0): dict of total, between, "
           "within and per-group arrays; see coproduction.metrics.mld_decomposition.");
  by_group(m, "parity_ratio", &parity_ratio, &parity_ratio,
           "Each group's share of the quantity over its share of people (codes >= 0): dict of "
           "group, population_share, quantity_share, ratio arrays; see "
           "coproduction.metrics.parity_ratio.");
}

}  // namespace coproduction::python
