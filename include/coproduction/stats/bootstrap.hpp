#pragma once
/// \file
/// The nonparametric bootstrap of a statistic of a plain sample of values (the Gini of the
/// decision power of 10,000 members, the mean of a pay gap): the sample resampled with
/// replacement `draws` times, the statistic of every resample, and an interval read from
/// them (`stats/interval.hpp`). The bootstrap of a measure of a network (over stakeholders,
/// decisions or relations) is in `stats/resample_measure.hpp`; both return a
/// `bootstrap_result`.
///
/// A resample is drawn as `draw_counts` defines it (n uniform indices by Lemire's method from
/// the draw's own generator) over the values sorted ascending (a stable sort: index i is the
/// i-th smallest), so it is the same for a seed whatever the thread count; the
/// statistic of a resample is the statistic of the values weighted by how often each was
/// drawn, which for every statistic here equals the statistic of the resample written out
/// (an integer weight is the same as repeating the value, `metrics/inequality.hpp`). The
/// mean and the Gini coefficient are computed from the counts in one pass over the values
/// sorted once, O(n) a draw; the other indices call their weighted form, O(n log n) a draw.
///
/// References: Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
/// Chapman & Hall, ch. 6 and 13-14. Davison, A. C. & Hinkley, D. V. (1997). Bootstrap
/// Methods and their Application. Cambridge University Press, ch. 2 and 5.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/stats/interval.hpp"
#include "coproduction/stats/resampling.hpp"

namespace coproduction {

/// A statistic of a sample of values: the mean, or an index of `metrics/inequality.hpp`
/// under its name there.
enum class sample_statistic {
  mean,
  gini,
  theil,
  mld,
  atkinson,             ///< parameter epsilon, default 1
  generalized_entropy,  ///< parameter alpha, default 2
  hoover,
  palma,
  hhi,
  effective_number,
  entropy,
};

namespace detail {
inline constexpr std::string_view sample_statistic_names[] = {
    "mean",  "gini", "theil", "mld",  "atkinson",         "generalized_entropy",
    "hoover", "palma", "hhi", "effective_number", "entropy"};
}  // namespace detail

/// The spelling of a statistic.
constexpr std::string_view name_of(sample_statistic s) {
  return detail::sample_statistic_names[static_cast<std::size_t>(s)];
}

/// The statistic spelt `word`; throws `input_error` (`where`, default "statistic") listing
/// the statistics for any other word. O(1).
inline sample_statistic sample_statistic_named(std::string_view word,
                                               const char* where = "statistic") {
  for (std::size_t i = 0; i < std::size(detail::sample_statistic_names); ++i)
    if (detail::sample_statistic_names[i] == word) return static_cast<sample_statistic>(i);
  std::string all;
  for (std::string_view n : detail::sample_statistic_names) {
    if (!all.empty()) all += ", ";
    all += n;
  }
  throw input_error(where, "\"" + std::string(word) + "\" is not one of " + all);
}

/// The statistic `s` of `values`, each counting `weights[i]` times (no weights: once each).
/// `parameter` is Atkinson's epsilon or the generalized entropy's alpha (NaN: 1 and 2).
/// The mean is `sum w x / sum w`; the indices are those of `metrics/inequality.hpp`.
/// Complexity and throws: those of the index (`input_error` on empty, non-finite or, for an
/// index, negative values).
inline double sample_statistic_value(sample_statistic s, std::span<const double> values,
                                     std::span<const double> weights = {},
                                     double parameter = std::numeric_limits<double>::quiet_NaN()) {
  const bool w = !weights.empty();
  switch (s) {
    case sample_statistic::mean: {
      if (values.empty()) throw input_error("values", "is empty: there is no mean");
      double total = 0, count = 0;
      for (std::size_t i = 0; i < values.size(); ++i) {
        const double wi = w ? weights[i] : 1.0;
        total += wi * values[i];
        count += wi;
      }
      return total / count;
    }
    case sample_statistic::gini: return w ? gini(values, weights) : gini(values);
    case sample_statistic::theil: return w ? theil(values, weights) : theil(values);
    case sample_statistic::mld: return w ? mld(values, weights) : mld(values);
    case sample_statistic::atkinson: {
      const double e = std::isnan(parameter) ? 1.0 : parameter;
      return w ? atkinson(values, weights, e) : atkinson(values, e);
    }
    case sample_statistic::generalized_entropy: {
      const double a = std::isnan(parameter) ? 2.0 : parameter;
      return w ? generalized_entropy(values, weights, a) : generalized_entropy(values, a);
    }
    case sample_statistic::hoover: return w ? hoover(values, weights) : hoover(values);
    case sample_statistic::palma: return w ? palma(values, weights) : palma(values);
    case sample_statistic::hhi: return w ? hhi(values, weights) : hhi(values);
    case sample_statistic::effective_number:
      return w ? effective_number(values, weights) : effective_number(values);
    case sample_statistic::entropy: return w ? entropy(values, weights) : entropy(values);
  }
  return std::numeric_limits<double>::quiet_NaN();
}

/// How a bootstrap runs and reads its interval.
struct bootstrap_options : resampling_options {
  /// Level of the interval, in (0, 1).
  double level = 0.95;
  /// How the interval is read from the draws.
  interval_method method = interval_method::percentile;
};

/// A bootstrap: the estimate, the interval and what it was read from.
struct bootstrap_result {
  double estimate = std::numeric_limits<double>::quiet_NaN();  ///< statistic of the data
  interval bounds{};                    ///< the interval at `level` by `method`
  std::vector<double> draws{};          ///< the statistic of each resample, in draw order
  std::vector<double> jackknife{};      ///< leave-one-unit-out values (BCa only; else empty)
  double bias_correction = std::numeric_limits<double>::quiet_NaN();  ///< BCa's z0 (BCa only)
  double acceleration = std::numeric_limits<double>::quiet_NaN();     ///< BCa's a (BCa only)
  std::size_t undefined = 0;  ///< draws whose statistic is undefined (NaN), left out
  double level = 0.95;
  interval_method method = interval_method::percentile;
};

/// The interval of `draws` around `estimate` by `o.method` (the jackknife values are read by
/// BCa only), as a `bootstrap_result` holding all of them. O(B log B + n).
/// Throws `input_error` ("ci") for a level outside (0, 1).
inline bootstrap_result summarise_bootstrap(double estimate, std::vector<double> draws,
                                            std::vector<double> jackknife,
                                            const bootstrap_options& o) {
  bootstrap_result r;
  r.estimate = estimate;
  r.level = o.level;
  r.method = o.method;
  for (double t : draws) r.undefined += std::isnan(t);
  switch (o.method) {
    case interval_method::percentile: r.bounds = percentile_interval(draws, o.level); break;
    case interval_method::basic: r.bounds = basic_interval(draws, estimate, o.level); break;
    case interval_method::bca:
      r.bounds = bca_interval(draws, estimate, jackknife, o.level);
      r.bias_correction = bca_bias(draws, estimate);
      r.acceleration = bca_acceleration(jackknife);
      break;
  }
  r.draws = std::move(draws);
  r.jackknife = std::move(jackknife);
  return r;
}

namespace detail {

// Refuses NaN and infinite values (naming the position), and negative ones for an index.
inline void check_sample(std::span<const double> values, sample_statistic s) {
  if (values.empty()) throw input_error("values", "is empty: there is nothing to resample");
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    if (std::isnan(x)) throw input_error("values", "entry " + std::to_string(i) + " is NaN (missing)");
    if (std::isinf(x)) throw input_error("values", "entry " + std::to_string(i) + " is infinite");
    if (x < 0 && s != sample_statistic::mean)
      throw input_error("values", "entry " + std::to_string(i) + " is negative (" +
                                      std::to_string(x) + "): " + std::string(name_of(s)) +
                                      " needs values >= 0");
  }
}

// The Gini coefficient of the ascending values `x` each counted `c[k]` times, N = sum c:
// G = sum_k c_k x_k (2 C_{k-1} + c_k - N) / (N T), T = sum_k c_k x_k, C the running count
// (the mid-point-rank form of metrics/inequality.hpp, with a block of c_k equal values).
// 0 when T = 0 (everyone holds nothing). O(n).
template <class Count>
double gini_of_counts(std::span<const double> x, const Count* c, double total_count) {
  // No branch on c_k = 0 (a third of the entries of a resample): a zero adds nothing, and
  // a mispredicted branch would cost more than the arithmetic.
  // The running count is kept as an integer (a one-cycle add), and the sums in two halves
  // (even and odd entries), so that no floating-point addition waits on the one before.
  std::uint64_t below = 0;
  double t[2] = {0, 0}, s[2] = {0, 0};
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double ck = static_cast<double>(c[k]);
    const double held = ck * x[k];
    t[k & 1] += held;
    s[k & 1] += held * (2 * static_cast<double>(below) + ck - total_count);
    below += c[k];
  }
  const double total = t[0] + t[1];
  return total > 0 ? std::max(0.0, (s[0] + s[1]) / (total_count * total)) : 0.0;
}

// Leave-one-out Gini coefficients of ascending `x` (n >= 2), entry k with x[k] left out, in
// O(n) from G = (2 sum_i i x_(i) - (N + 1) T) / (N T) over ranks i = 1..N.
inline std::vector<double> gini_jackknife_sorted(std::span<const double> x) {
  const std::size_t n = x.size();
  double a = 0, t = 0;
  for (std::size_t i = 0; i < n; ++i) {
    a += static_cast<double>(i + 1) * x[i];
    t += x[i];
  }
  std::vector<double> out(n);
  double after = t;  // sum of x[i] for i > k
  const double m = static_cast<double>(n - 1);
  for (std::size_t k = 0; k < n; ++k) {
    after -= x[k];
    const double tk = t - x[k];
    const double ak = a - static_cast<double>(k + 1) * x[k] - after;
    out[k] = tk > 0 ? std::max(0.0, (2 * ak - (m + 1) * tk) / (m * tk)) : 0.0;
  }
  return out;
}

}  // namespace detail

/// The bootstrap of statistic `s` of `values`: the estimate `s(values)`, `o.draws` resamples
/// of the n values with replacement (draw d from `draw_generator(o.seed, d)` by
/// `draw_counts` over the values sorted ascending, a stable sort), the statistic of each,
/// and the interval at `o.level` by `o.method`. The jackknife values are in the order of
/// `values`. For
/// BCa the jackknife leaves each value out in turn (n more evaluations; O(n) in all for the
/// mean and the Gini). A resample on which the index is undefined (it throws `input_error`)
/// is NaN and left out of the interval. Identical for every `o.threads`.
///
/// Complexity: O(draws · n) for the mean and the Gini, O(draws · n log n) for the other
/// indices, over `o.threads` threads; O(n) memory per thread.
/// Throws `input_error`: ("values") empty, NaN (with its position), infinite, or negative for
/// an index, and whatever the index refuses in the data itself; ("draws"), ("ci");
/// `interrupted` when `o.stop_requested` asks.
inline bootstrap_result bootstrap(std::span<const double> values, sample_statistic s,
                                  const bootstrap_options& o,
                                  double parameter = std::numeric_limits<double>::quiet_NaN()) {
  detail::check_sample(values, s);
  detail::check_units(values.size(), "values");
  detail::check_draws(o.draws);
  detail::check_level(o.level);
  const double estimate = sample_statistic_value(s, values, {}, parameter);
  const std::size_t n = values.size();
  const double count = static_cast<double>(n);

  // The values in ascending order (a stable sort): a resample draws ranks in this order, so
  // the Gini's pass reads its counts in order with no indirection.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  std::vector<double> sorted(n);
  for (std::size_t k = 0; k < n; ++k) sorted[k] = values[order[k]];

  struct space {
    std::vector<std::uint32_t> counts;
    std::vector<double> weights;
  };
  const auto make = [] { return space{}; };
  std::vector<double> draws = resample(o, make, [&](space& w, draw_generator& g) {
    draw_counts(g, n, w.counts);
    switch (s) {
      case sample_statistic::mean: {
        double t = 0;
        for (std::size_t i = 0; i < n; ++i) t += w.counts[i] * sorted[i];
        return t / count;
      }
      case sample_statistic::gini:
        return detail::gini_of_counts(std::span<const double>(sorted), w.counts.data(), count);
      default: {
        w.weights.assign(w.counts.begin(), w.counts.end());
        try {
          return sample_statistic_value(s, sorted, w.weights, parameter);
        } catch (const input_error&) {
          return std::numeric_limits<double>::quiet_NaN();
        }
      }
    }
  });

  std::vector<double> jackknife;
  if (o.method == interval_method::bca && n >= 2) {
    if (s == sample_statistic::mean) {
      double t = 0;
      for (double x : values) t += x;
      jackknife.resize(n);
      for (std::size_t i = 0; i < n; ++i) jackknife[i] = (t - values[i]) / (count - 1);
    } else if (s == sample_statistic::gini) {
      const std::vector<double> by_value = detail::gini_jackknife_sorted(sorted);
      jackknife.resize(n);
      for (std::size_t k = 0; k < n; ++k) jackknife[order[k]] = by_value[k];
    } else {
      jackknife = detail::parallel_values(
          n, o.threads, o.stop_requested, nullptr,
          [n] { return std::vector<double>(n, 1.0); },
          [&](std::vector<double>& weights, std::size_t i) {
            weights[i] = 0.0;
            double v = std::numeric_limits<double>::quiet_NaN();
            try {
              v = sample_statistic_value(s, values, weights, parameter);
            } catch (const input_error&) {
            }
            weights[i] = 1.0;
            return v;
          });
    }
  }
  return summarise_bootstrap(estimate, std::move(draws), std::move(jackknife), o);
}

}  // namespace coproduction
