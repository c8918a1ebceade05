#pragma once
/// \file
/// Bootstrap confidence intervals from the draws of a bootstrap: percentile, basic and
/// bias-corrected and accelerated (BCa), with the standard normal distribution they need.
///
/// With `B` draws `t*`, the estimate `t`, level `1 - alpha` and `Q(p)` the p-quantile of the
/// draws (`quantile_sorted`: numpy's default "linear" quantile, R's type 7):
/// - percentile: `[Q(alpha/2), Q(1 - alpha/2)]` (Efron & Tibshirani 1993, ch. 13);
/// - basic: `[2t - Q(1 - alpha/2), 2t - Q(alpha/2)]` (Davison & Hinkley 1997, eq. 5.6);
/// - BCa: `[Q(a1), Q(a2)]` with `a_i = Phi(z0 + (z0 + z_i) / (1 - a (z0 + z_i)))`,
///   `z_1 = Phi^-1(alpha/2)`, `z_2 = Phi^-1(1 - alpha/2)`; the bias correction
///   `z0 = Phi^-1((#{t* < t} + #{t* <= t}) / (2B))` (draws equal to the estimate count half,
///   as scipy.stats.bootstrap does, so a statistic with ties is not pushed to one side), and
///   the acceleration `a = sum_i (m - t_(i))^3 / (6 (sum_i (m - t_(i))^2)^(3/2))` from the
///   jackknife values `t_(i)` (the statistic with unit i left out) and their mean `m`
///   (Efron & Tibshirani 1993, eqs. 14.14 and 14.15; Davison & Hinkley 1997, sec. 5.3.2).
///   When every jackknife value is the same, `a = 0`. When no draw (or every draw) lies below
///   the estimate, `z0` is infinite and the BCa interval is undefined: both ends are NaN.
///
/// Draws that are NaN (a statistic undefined on a resample) are left out before any of this;
/// when no draw is left, every interval is NaN.
///
/// References:
/// - Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
/// - Davison, A. C. & Hinkley, D. V. (1997). Bootstrap Methods and their Application.
///   Cambridge University Press.
/// - Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American
///   Statistician 50(4), 361-365 (definition 7).
/// - Acklam, P. J. (2003). An algorithm for computing the inverse normal cumulative
///   distribution function (the starting point of `normal_quantile`).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"

namespace coproduction {

/// How a bootstrap interval is read from the draws.
enum class interval_method {
  percentile,  ///< quantiles of the draws
  basic,       ///< quantiles reflected about the estimate
  bca,         ///< bias-corrected and accelerated
};

/// The method spelt `word` ("percentile", "basic", "bca"). Throws `input_error` ("method")
/// for any other word. O(1).
inline interval_method interval_method_named(std::string_view word) {
  if (word == "percentile") return interval_method::percentile;
  if (word == "basic") return interval_method::basic;
  if (word == "bca") return interval_method::bca;
  throw input_error("method", "must be \"percentile\", \"basic\" or \"bca\", got \"" +
                                  std::string(word) + "\"");
}

/// The spelling of a method.
constexpr std::string_view name_of(interval_method m) {
  switch (m) {
    case interval_method::percentile: return "percentile";
    case interval_method::basic: return "basic";
    case interval_method::bca: return "bca";
  }
  return "";
}

/// The two ends of an interval.
struct interval {
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  bool operator==(const interval&) const = default;
};

/// The standard normal distribution function, `Phi(x) = erfc(-x / sqrt 2) / 2`. O(1).
inline double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

/// The standard normal quantile `Phi^-1(p)`, p in [0, 1] (-inf at 0, +inf at 1, NaN outside):
/// Acklam's rational approximation (relative error 1.2e-9) polished by one Halley step on
/// `normal_cdf`, which brings it to about the double precision of `erfc`. O(1).
inline double normal_quantile(double p) {
  if (!(p >= 0 && p <= 1)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x = 0;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // Halley's step on e = Phi(x) - p; above the median through the complements,
  // e = (1 - p) - (1 - Phi(x)), which erfc gives without cancellation.
  const double e = p > 0.5 ? (1 - p) - 0.5 * std::erfc(x / std::numbers::sqrt2)
                           : 0.5 * std::erfc(-x / std::numbers::sqrt2) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

/// The p-quantile of ascending `sorted` values, numpy's default (linear) definition: with
/// `h = (N - 1) p`, `lo = floor(h)`, `g = h - lo`, the value `x[lo] + g (x[lo+1] - x[lo])`,
/// computed as numpy does (`x[lo+1] - (x[lo+1] - x[lo]) (1 - g)` when `g >= 0.5`), so the two
/// agree to the last bit. NaN when `sorted` is empty or `p` is NaN; p is clamped to [0, 1].
/// O(1).
inline double quantile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty() || std::isnan(p)) return std::numeric_limits<double>::quiet_NaN();
  p = std::clamp(p, 0.0, 1.0);
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double lo_d = std::floor(h);
  const auto lo = static_cast<std::size_t>(lo_d);
  if (lo + 1 >= sorted.size()) return sorted.back();
  const double g = h - lo_d, a = sorted[lo], b = sorted[lo + 1];
  const double diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/// The BCa bias correction `z0 = Phi^-1((#{t* < t} + #{t* <= t}) / (2B))` over the draws
/// that are not NaN. O(B).
inline double bca_bias(std::span<const double> draws, double estimate) {
  std::size_t below = 0, at_or_below = 0, count = 0;
  for (double t : draws) {
    if (std::isnan(t)) continue;
    ++count;
    below += t < estimate;
    at_or_below += t <= estimate;
  }
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  return normal_quantile(static_cast<double>(below + at_or_below) /
                         (2.0 * static_cast<double>(count)));
}

/// The BCa acceleration from jackknife values, `a = sum (m - t_i)^3 / (6 (sum (m - t_i)^2)^1.5)`
/// with m their mean; 0 when they are all equal; NaN when fewer than 2 or any is NaN. O(n).
inline double bca_acceleration(std::span<const double> jackknife) {
  if (jackknife.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double mean = 0;
  for (double t : jackknife) mean += t;
  mean /= static_cast<double>(jackknife.size());
  double s2 = 0, s3 = 0;
  for (double t : jackknife) {
    const double d = mean - t;
    s2 += d * d;
    s3 += d * d * d;
  }
  if (std::isnan(s2) || std::isnan(s3)) return std::numeric_limits<double>::quiet_NaN();
  if (s2 == 0) return 0.0;
  return s3 / (6.0 * std::pow(s2, 1.5));
}

namespace detail {

inline void check_level(double level) {
  if (!(level > 0 && level < 1))
    throw input_error("ci", "the level must lie strictly between 0 and 1, got " +
                                std::to_string(level));
}

inline std::vector<double> sorted_defined(std::span<const double> draws) {
  std::vector<double> out;
  out.reserve(draws.size());
  for (double t : draws)
    if (!std::isnan(t)) out.push_back(t);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace detail

/// The percentile interval at `level` (e.g. 0.95) of the draws. O(B log B).
/// Throws `input_error` ("ci") for a level outside (0, 1).
inline interval percentile_interval(std::span<const double> draws, double level) {
  detail::check_level(level);
  const std::vector<double> s = detail::sorted_defined(draws);
  const double alpha = 1 - level;
  return {quantile_sorted(s, alpha / 2), quantile_sorted(s, 1 - alpha / 2)};
}

/// The basic interval `[2t - Q(1 - alpha/2), 2t - Q(alpha/2)]`. O(B log B).
/// Throws `input_error` ("ci") for a level outside (0, 1).
inline interval basic_interval(std::span<const double> draws, double estimate, double level) {
  const interval p = percentile_interval(draws, level);
  return {2 * estimate - p.high, 2 * estimate - p.low};
}

/// The BCa interval from the draws and the jackknife values (see the file's comment).
/// O(B log B + n). Throws `input_error` ("ci") for a level outside (0, 1).
inline interval bca_interval(std::span<const double> draws, double estimate,
                             std::span<const double> jackknife, double level) {
  detail::check_level(level);
  const double z0 = bca_bias(draws, estimate), a = bca_acceleration(jackknife);
  if (!std::isfinite(z0) || std::isnan(a)) return {};
  const std::vector<double> s = detail::sorted_defined(draws);
  const double alpha = 1 - level;
  const auto adjusted = [&](double z) {
    const double num = z0 + z;
    return normal_cdf(z0 + num / (1 - a * num));
  };
  return {quantile_sorted(s, adjusted(normal_quantile(alpha / 2))),
          quantile_sorted(s, adjusted(normal_quantile(1 - alpha / 2)))};
}

}  // namespace coproduction
