// Python bindings of include/coproduction/metrics/inequality.hpp, into `_core.metrics`.
//
// numpy in, numpy out: values, weights and group codes arrive as 1-D arrays; scalars come
// back as floats and per-group results as a dict of arrays. The pandas layer lives in
// python/coproduction/inequality.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "register.hpp"

namespace coproduction::python {

namespace {

namespace py = pybind11;

using double_array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using code_array = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
using optional_weights = std::optional<double_array>;

std::span<const double> as_span(const double_array& a, const char* where) {
  if (a.ndim() != 1)
    throw input_error(where, "must be one-dimensional, got " + std::to_string(a.ndim()) +
                                 " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

std::vector<std::size_t> as_codes(const code_array& a) {
  if (a.ndim() != 1)
    throw input_error("groups", "must be one-dimensional, got " + std::to_string(a.ndim()) +
                                    " dimensions");
  std::vector<std::size_t> out(static_cast<std::size_t>(a.shape(0)));
  const std::int64_t* data = a.data();
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (data[i] < 0)
      throw input_error("groups", "entry " + std::to_string(i) + " is negative (" +
                                      std::to_string(data[i]) +
                                      "): group codes are non-negative integers");
    out[i] = static_cast<std::size_t>(data[i]);
  }
  return out;
}

// Every computation below reads only the spans and vectors built from the arrays, which
// the py::array_t handles in the caller's frame keep alive, and touches no Python object;
// so the GIL is released while it runs and other Python threads can go on. (A caller that
// mutates the same numpy array from another thread at that moment races, as with numpy.)
template <class Plain, class Weighted>
double scalar(const double_array& values, const optional_weights& weights, Plain plain,
              Weighted weighted) {
  const std::span<const double> v = as_span(values, "values");
  if (weights) {
    const std::span<const double> w = as_span(*weights, "weights");
    py::gil_scoped_release release;
    return weighted(v, w);
  }
  py::gil_scoped_release release;
  return plain(v);
}

py::dict to_dict(const inequality_decomposition& d) {
  const auto n = static_cast<py::ssize_t>(d.groups.size());
  py::array_t<std::int64_t> group(n);
  py::array_t<double> population(n), quantity(n), mean(n), index(n), within(n), between(n);
  auto g = group.mutable_unchecked<1>();
  auto p = population.mutable_unchecked<1>();
  auto s = quantity.mutable_unchecked<1>();
  auto m = mean.mutable_unchecked<1>();
  auto ix = index.mutable_unchecked<1>();
  auto wc = within.mutable_unchecked<1>();
  auto bc = between.mutable_unchecked<1>();
  for (py::ssize_t j = 0; j < n; ++j) {
    const group_inequality& gi = d.groups[static_cast<std::size_t>(j)];
    g(j) = static_cast<std::int64_t>(gi.group);
    p(j) = gi.population_share;
    s(j) = gi.quantity_share;
    m(j) = gi.mean;
    ix(j) = gi.index;
    wc(j) = gi.within_contribution;
    bc(j) = gi.between_contribution;
  }
  py::dict out;
  out["total"] = d.total;
  out["between"] = d.between;
  out["within"] = d.within;
  out["group"] = group;
  out["population_share"] = population;
  out["quantity_share"] = quantity;
  out["mean"] = mean;
  out["index"] = index;
  out["within_contribution"] = within;
  out["between_contribution"] = between;
  return out;
}

py::dict to_dict(const std::vector<group_parity>& parity) {
  const auto n = static_cast<py::ssize_t>(parity.size());
  py::array_t<std::int64_t> group(n);
  py::array_t<double> population(n), quantity(n), ratio(n);
  auto g = group.mutable_unchecked<1>();
  auto p = population.mutable_unchecked<1>();
  auto s = quantity.mutable_unchecked<1>();
  auto r = ratio.mutable_unchecked<1>();
  for (py::ssize_t j = 0; j < n; ++j) {
    const group_parity& gp = parity[static_cast<std::size_t>(j)];
    g(j) = static_cast<std::int64_t>(gp.group);
    p(j) = gp.population_share;
    s(j) = gp.quantity_share;
    r(j) = gp.ratio;
  }
  py::dict out;
  out["group"] = group;
  out["population_share"] = population;
  out["quantity_share"] = quantity;
  out["ratio"] = ratio;
  return out;
}

template <class Compute>
auto by_group(const double_array& values, const code_array& groups,
              const optional_weights& weights, Compute compute) {
  const std::span<const double> v = as_span(values, "values");
  const std::vector<std::size_t> codes = as_codes(groups);
  std::optional<std::span<const double>> w;
  if (weights) w = as_span(*weights, "weights");
  decltype(compute(v, std::span<const std::size_t>(codes), w)) result;
  {
    py::gil_scoped_release release;  // safe for the reason given above `scalar`
    result = compute(v, std::span<const std::size_t>(codes), w);
  }
  return to_dict(result);
}

using values_span = std::span<const double>;
using codes_span = std::span<const std::size_t>;
using maybe_weights = std::optional<std::span<const double>>;

}  // namespace

void register_inequality(pybind11::module_& m) {
  const auto values = py::arg("values");
  const auto weights = py::arg("weights") = py::none();

  m.def(
      "gini",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return gini(x); },
                      [](values_span x, values_span y) { return gini(x, y); });
      },
      values, weights, "Gini coefficient; see coproduction.metrics.gini.");
  m.def(
      "theil",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return theil(x); },
                      [](values_span x, values_span y) { return theil(x, y); });
      },
      values, weights, "Theil T index, GE(1); see coproduction.metrics.theil.");
  m.def(
      "mld",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return mld(x); },
                      [](values_span x, values_span y) { return mld(x, y); });
      },
      values, weights, "Mean log deviation, Theil L, GE(0); see coproduction.metrics.mld.");
  m.def(
      "generalized_entropy",
      [](const double_array& v, double alpha, const optional_weights& w) {
        return scalar(
            v, w, [alpha](values_span x) { return generalized_entropy(x, alpha); },
            [alpha](values_span x, values_span y) { return generalized_entropy(x, y, alpha); });
      },
      values, py::arg("alpha"), weights,
      "Generalised entropy index GE(alpha); see coproduction.metrics.generalized_entropy.");
  m.def(
      "atkinson",
      [](const double_array& v, double epsilon, const optional_weights& w) {
        return scalar(
            v, w, [epsilon](values_span x) { return atkinson(x, epsilon); },
            [epsilon](values_span x, values_span y) { return atkinson(x, y, epsilon); });
      },
      values, py::arg("epsilon"), weights,
      "Atkinson index A(epsilon); see coproduction.metrics.atkinson.");
  m.def(
      "hoover",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return hoover(x); },
                      [](values_span x, values_span y) { return hoover(x, y); });
      },
      values, weights, "Hoover (Robin Hood) index; see coproduction.metrics.hoover.");
  m.def(
      "palma",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return palma(x); },
                      [](values_span x, values_span y) { return palma(x, y); });
      },
      values, weights, "Palma ratio (top 10% / bottom 40%); see coproduction.metrics.palma.");
  m.def(
      "hhi",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return hhi(x); },
                      [](values_span x, values_span y) { return hhi(x, y); });
      },
      values, weights, "Herfindahl-Hirschman index of shares; see coproduction.metrics.hhi.");
  m.def(
      "effective_number",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return effective_number(x); },
                      [](values_span x, values_span y) { return effective_number(x, y); });
      },
      values, weights,
      "Effective number of holders, 1/HHI; see coproduction.metrics.effective_number.");
  m.def(
      "entropy",
      [](const double_array& v, const optional_weights& w) {
        return scalar(v, w, [](values_span x) { return entropy(x); },
                      [](values_span x, values_span y) { return entropy(x, y); });
      },
      values, weights, "Normalised Shannon entropy of shares; see coproduction.metrics.entropy.");

  m.def(
      "theil_decomposition",
      [](const double_array& v, const code_array& g, const optional_weights& w) {
        return by_group(v, g, w, [](values_span x, codes_span c, const maybe_weights& y) {
          return y ? theil_decomposition(x, c, *y) : theil_decomposition(x, c);
        });
      },
      values, py::arg("groups"), weights,
      "Theil T decomposed by groups (codes >= 0): dict of total, between, within and per-group "
      "arrays; see coproduction.metrics.theil_decomposition.");
  m.def(
      "mld_decomposition",
      [](const double_array& v, const code_array& g, const optional_weights& w) {
        return by_group(v, g, w, [](values_span x, codes_span c, const maybe_weights& y) {
          return y ? mld_decomposition(x, c, *y) : mld_decomposition(x, c);
        });
      },
      values, py::arg("groups"), weights,
      "Mean log deviation decomposed by groups (codes >= 0): dict of total, between, within "
      "and per-group arrays; see coproduction.metrics.mld_decomposition.");
  m.def(
      "parity_ratio",
      [](const double_array& v, const code_array& g, const optional_weights& w) {
        return by_group(v, g, w, [](values_span x, codes_span c, const maybe_weights& y) {
          return y ? parity_ratio(x, c, *y) : parity_ratio(x, c);
        });
      },
      values, py::arg("groups"), weights,
      "Each group's share of the quantity over its share of people (codes >= 0): dict of "
      "group, population_share, quantity_share, ratio arrays; see "
      "coproduction.metrics.parity_ratio.");
}

}  // namespace coproduction::python
