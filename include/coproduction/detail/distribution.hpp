#pragma once
/// \file
/// The machinery under every inequality index of `metrics/inequality.hpp`: checking values
/// and weights, a distribution sorted and normalised once, compensated sums, group splits,
/// and the index kernels on a prepared distribution. Users include `metrics/inequality.hpp`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
#include <span>
#include <sstream>
#include <string>
#include <vector>
#include "coproduction/error.hpp"
#include "coproduction/metrics/decomposition.hpp"

namespace coproduction {

namespace detail {

/// Neumaier's variant of Kahan summation: the error does not grow with the number of terms,
/// which matters when thousands of small shares are added to a sum near 1.
class compensated_sum {
 public:
  void add(double x) noexcept {
    const double t = sum_ + x;
    // Once the sum has overflowed the correction would turn into inf - inf = NaN.
    if (std::isfinite(t)) c_ += std::abs(sum_) >= std::abs(x) ? (sum_ - t) + x : (x - t) + sum_;
    sum_ = t;
  }
  double value() const noexcept { return std::isfinite(sum_) ? sum_ + c_ : sum_; }

 private:
  double sum_ = 0.0;
  double c_ = 0.0;
};

inline std::string format_number(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

inline std::string entry(std::size_t i) { return "entry " + std::to_string(i); }

inline void check_finite_non_negative(std::span<const double> xs, const std::string& where) {
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double x = xs[i];
    if (std::isnan(x)) throw input_error(where, entry(i) + " is NaN");
    if (std::isinf(x)) throw input_error(where, entry(i) + " is infinite");
    if (x < 0) throw input_error(where, entry(i) + " is negative (" + format_number(x) + ")");
  }
}

/// The validated distribution the indices work on: the entries that count (positive
/// weight), values and weights divided by the power of two just above their largest entry,
/// so that no sum can overflow. Dividing by a power of two is exact, so an almost equal
/// distribution keeps its small differences; every index here is invariant to the scaling.
struct distribution {
  std::vector<double> x;            ///< values * 2^-value_exponent, in [0, 1)
  std::vector<double> w;            ///< weights * 2^-weight_exponent, in (0, 1)
  std::vector<std::size_t> source;  ///< position of each kept entry in the input
  int value_exponent = 0;           ///< x times 2^value_exponent is the input's value
  double head_count = 0;            ///< sum of the raw weights (n when unweighted)
  /// A value of this distribution in the input's units.
  double unscaled(double x_scaled) const { return std::ldexp(x_scaled, value_exponent); }
};

inline distribution prepare(std::span<const double> values,
                            const std::span<const double>* weights) {
  if (values.empty()) throw input_error("values", "is empty: there is nobody to compare");
  check_finite_non_negative(values, "values");
  if (weights != nullptr) {
    if (weights->size() != values.size())
      throw input_error("weights", "has " + std::to_string(weights->size()) +
                                       " entries but values has " + std::to_string(values.size()));
    check_finite_non_negative(*weights, "weights");
  }
  distribution d;
  std::frexp(*std::max_element(values.begin(), values.end()), &d.value_exponent);
  int weight_exponent = 0;
  compensated_sum head;
  if (weights != nullptr) {
    const double wmax = *std::max_element(weights->begin(), weights->end());
    if (!(wmax > 0)) throw input_error("weights", "add up to 0: nobody is counted");
    std::frexp(wmax, &weight_exponent);
    for (double w : *weights) head.add(w);
  } else {
    head.add(static_cast<double>(values.size()));
  }
  d.head_count = head.value();
  d.x.reserve(values.size());
  d.w.reserve(values.size());
  d.source.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double w = weights != nullptr ? (*weights)[i] : 1.0;
    if (w == 0) continue;
    d.x.push_back(std::ldexp(values[i], -d.value_exponent));
    d.w.push_back(std::ldexp(w, -weight_exponent));
    d.source.push_back(i);
  }
  return d;
}

inline bool all_equal(std::span<const double> x) {
  return std::adjacent_find(x.begin(), x.end(), std::not_equal_to<>()) == x.end();
}

struct moments {
  double weight = 0;  ///< sum of w
  double mean = 0;    ///< sum w x / sum w
};

inline moments weighted_mean(std::span<const double> x, std::span<const double> w) {
  compensated_sum sw, swx;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sw.add(w[i]);
    swx.add(w[i] * x[i]);
  }
  return {sw.value(), swx.value() / sw.value()};
}

inline constexpr const char* ge_needs_positive =
    "GE(alpha) with alpha <= 0 takes its logarithm or a negative power";
inline constexpr const char* mld_needs_positive =
    "the mean log deviation takes its logarithm; use the Theil index instead";

/// Throws when a value that counts is 0 and the index takes its logarithm (or a negative
/// power of it). An all-zero distribution is exempt: it is equal, and its index is 0.
inline void require_positive(const distribution& d, const char* why) {
  if (all_equal(d.x)) return;
  for (std::size_t k = 0; k < d.x.size(); ++k)
    if (d.x[k] == 0) throw input_error("values", entry(d.source[k]) + " is 0: " + why);
}

/// GE(alpha) of an already validated distribution (x >= 0, w > 0). The summand is written
/// as p_i (r^alpha - 1 - alpha (r - 1)) / (alpha (alpha - 1)), r = x / mu: the extra term
/// adds up to 0 but makes every summand non-negative, so the sum has no cancellation and an
/// almost equal distribution gets an index accurate to its last digits. expm1/log1p keep
/// alpha near 0 and 1 accurate too. Callers make sure no x is 0 when alpha <= 0.
inline double generalized_entropy_of(std::span<const double> x, std::span<const double> w,
                                     double alpha) {
  if (all_equal(x)) return 0.0;
  const moments m = weighted_mean(x, w);
  compensated_sum total;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double p = w[i] / m.weight;
    double term;
    if (x[i] == 0) {
      term = 1.0 / alpha;  // alpha > 0 here: (0 - 1 + alpha) / (alpha (alpha - 1))
    } else {
      // r and r - 1 each computed from x so neither inherits the other's rounding: r - 1
      // is tiny near equality, r is tiny for someone holding almost nothing.
      const double r = x[i] / m.mean;
      const double d = (x[i] - m.mean) / m.mean;
      const double l = std::abs(d) < 0.5 ? std::log1p(d) : std::log(r);  // ln r
      if (alpha == 1.0) {
        term = r * l - d;
      } else if (alpha == 0.0) {
        term = d - l;
      } else if (std::abs(alpha) <= 0.5) {
        term = (std::expm1(alpha * l) / alpha - d) / (alpha - 1.0);
      } else {
        const double beta = alpha - 1.0;
        term = (r * (std::expm1(beta * l) / beta) - d) / alpha;
      }
    }
    total.add(p * term);
  }
  return std::max(0.0, total.value());
}

inline double theil_of(std::span<const double> x, std::span<const double> w) {
  return generalized_entropy_of(x, w, 1.0);
}

inline double mld_of(std::span<const double> x, std::span<const double> w) {
  return generalized_entropy_of(x, w, 0.0);
}

/// Positions 0..n-1 ordered by value. Order among ties does not matter to any index that
/// uses it (the Lorenz curve is straight across a run of equal values).
inline std::vector<std::size_t> ascending_order(std::span<const double> x) {
  std::vector<std::size_t> order(x.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  return order;
}

/// The quantity held by the first `cut` people in `order`, a person straddling the cut
/// counted in proportion: the people a weight stands for all hold the same value.
inline double held_by(std::span<const double> x, std::span<const double> w,
                      const std::vector<std::size_t>& order, double cut, bool from_top) {
  compensated_sum people, held;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = from_top ? order[order.size() - 1 - k] : order[k];
    const double before = people.value();
    if (before + w[i] >= cut) {
      held.add((cut - before) * x[i]);
      break;
    }
    people.add(w[i]);
    held.add(w[i] * x[i]);
  }
  return held.value();
}

/// hhi, effective_number and entropy count holders, so a weight there is a head count.
inline void check_head_counts(std::span<const double> weights, const char* index) {
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double w = weights[i];
    if (w != 0 && w < 1)
      throw input_error("weights", entry(i) + " is " + format_number(w) + ": " + index +
                                       " counts holders, so a weight is a head count"
                                       " (0 or at least 1)");
  }
}

inline double hhi_of(const distribution& d) {
  if (!std::isfinite(d.head_count))
    throw input_error("weights", "add up to more than the largest double");
  const double n = d.head_count;
  if (all_equal(d.x)) return 1.0 / n;
  const moments m = weighted_mean(d.x, d.w);
  // Each of the N people holds share s_i = x_i / (N mu); HHI = sum_i w_i s_i^2 over entries
  // = (1/N) sum_i p_i r_i^2.
  compensated_sum sum;
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    const double r = d.x[i] / m.mean;
    sum.add(d.w[i] / m.weight * r * r);
  }
  return sum.value() / n;
}

struct grouping {
  std::vector<std::size_t> codes;  ///< distinct codes, ascending
  std::vector<std::size_t> of;     ///< dense group index of each kept entry
};

inline grouping group_entries(const distribution& d, std::span<const std::size_t> groups,
                              std::size_t n_values) {
  if (groups.size() != n_values)
    throw input_error("groups", "has " + std::to_string(groups.size()) +
                                    " entries but values has " + std::to_string(n_values));
  grouping g;
  g.codes.reserve(d.source.size());
  for (std::size_t i : d.source) g.codes.push_back(groups[i]);
  std::sort(g.codes.begin(), g.codes.end());
  g.codes.erase(std::unique(g.codes.begin(), g.codes.end()), g.codes.end());
  g.of.reserve(d.source.size());
  for (std::size_t i : d.source)
    g.of.push_back(static_cast<std::size_t>(
        std::lower_bound(g.codes.begin(), g.codes.end(), groups[i]) - g.codes.begin()));
  return g;
}

struct group_members {
  std::vector<std::vector<double>> x, w;
};

inline group_members split(const distribution& d, const grouping& g) {
  group_members out;
  out.x.resize(g.codes.size());
  out.w.resize(g.codes.size());
  for (std::size_t k = 0; k < d.x.size(); ++k) {
    out.x[g.of[k]].push_back(d.x[k]);
    out.w[g.of[k]].push_back(d.w[k]);
  }
  return out;
}

enum class decomposable { theil, mld };

inline inequality_decomposition decompose(std::span<const double> values,
                                          std::span<const std::size_t> groups,
                                          const std::span<const double>* weights,
                                          decomposable kind) {
  const distribution d = prepare(values, weights);
  const grouping g = group_entries(d, groups, values.size());
  if (kind == decomposable::mld)
    require_positive(d, mld_needs_positive);
  const group_members members = split(d, g);
  const moments all = weighted_mean(d.x, d.w);
  const bool nothing_held = !(all.mean > 0);

  inequality_decomposition out;
  out.total = kind == decomposable::theil ? theil_of(d.x, d.w) : mld_of(d.x, d.w);
  compensated_sum between, within;
  out.groups.reserve(g.codes.size());
  for (std::size_t j = 0; j < g.codes.size(); ++j) {
    const moments m = weighted_mean(members.x[j], members.w[j]);
    group_inequality gi;
    gi.group = g.codes[j];
    gi.population_share = m.weight / all.weight;
    gi.mean = d.unscaled(m.mean);
    if (nothing_held) {
      // Nothing to share out: the quantity counts as evenly spread (see the file comment).
      gi.quantity_share = gi.population_share;
    } else {
      // rho and rho - 1 computed apart, as in generalized_entropy_of.
      const double rho = m.mean / all.mean;
      const double excess = (m.mean - all.mean) / all.mean;
      const double log_rho = std::abs(excess) < 0.5 ? std::log1p(excess) : std::log(rho);
      gi.quantity_share = gi.population_share * rho;
      if (kind == decomposable::theil) {
        gi.index = theil_of(members.x[j], members.w[j]);
        gi.within_contribution = gi.quantity_share * gi.index;
        // rho ln rho -> 0 as rho -> 0: a group that holds nothing adds p_g.
        gi.between_contribution =
            gi.population_share * ((rho > 0 ? rho * log_rho : 0.0) - excess);
      } else {
        gi.index = mld_of(members.x[j], members.w[j]);
        gi.within_contribution = gi.population_share * gi.index;
        gi.between_contribution = gi.population_share * (excess - log_rho);
      }
    }
    between.add(gi.between_contribution);
    within.add(gi.within_contribution);
    out.groups.push_back(gi);
  }
  out.between = between.value();
  out.within = within.value();
  return out;
}

inline std::vector<group_parity> parity(std::span<const double> values,
                                        std::span<const std::size_t> groups,
                                        const std::span<const double>* weights) {
  const distribution d = prepare(values, weights);
  const grouping g = group_entries(d, groups, values.size());
  const group_members members = split(d, g);
  const moments all = weighted_mean(d.x, d.w);
  std::vector<group_parity> out;
  out.reserve(g.codes.size());
  for (std::size_t j = 0; j < g.codes.size(); ++j) {
    const moments m = weighted_mean(members.x[j], members.w[j]);
    group_parity gp;
    gp.group = g.codes[j];
    gp.population_share = m.weight / all.weight;
    gp.ratio = all.mean > 0 ? m.mean / all.mean : 1.0;
    gp.quantity_share = gp.population_share * gp.ratio;
    out.push_back(gp);
  }
  return out;
}

inline double gini_of(const distribution& d) {
  if (all_equal(d.x)) return 0.0;
  const std::vector<std::size_t> order = ascending_order(d.x);
  const moments m = weighted_mean(d.x, d.w);
  // G = sum_i q_i (2 F_i - 1), q_i = w_i x_i / (W mu) the share held by entry i and
  // F_i = (C_{i-1} + w_i / 2) / W its mid-point rank. This is 1 - 2 * (area under the
  // Lorenz curve) by the trapezoid rule, which is exact for a piecewise-linear curve.
  compensated_sum below, g;
  for (std::size_t i : order) {
    const double c = below.value();
    g.add(d.w[i] * d.x[i] * (2.0 * c + d.w[i] - m.weight));
    below.add(d.w[i]);
  }
  return std::max(0.0, g.value() / (m.weight * m.weight * m.mean));
}

inline double atkinson_of(const distribution& d, double epsilon) {
  if (epsilon == 0.0 || all_equal(d.x)) return 0.0;
  if (epsilon >= 1.0 && std::find(d.x.begin(), d.x.end(), 0.0) != d.x.end())
    return 1.0;  // the equally distributed equivalent is 0 (see atkinson)
  const double alpha = 1.0 - epsilon;
  const double ge = generalized_entropy_of(d.x, d.w, alpha);
  if (alpha == 0.0) return -std::expm1(-ge);  // 1 - geometric mean / mean
  // sum p r^alpha = 1 + alpha (alpha - 1) GE(alpha); A = 1 - (sum p r^alpha)^(1 / alpha).
  const double excess = alpha * (alpha - 1.0) * ge;
  double log_power_mean;
  if (std::isfinite(excess) && excess > -0.5) {
    // Near equality the power mean is close to 1 and log1p keeps the small difference.
    log_power_mean = std::log1p(excess);
  } else {
    // Far from equality: either r^alpha overflows (strong aversion) or the power mean is
    // small enough to take its logarithm directly, in the log domain to avoid overflow.
    const moments m = weighted_mean(d.x, d.w);
    double top = -std::numeric_limits<double>::infinity();
    for (double x : d.x) top = std::max(top, alpha * std::log(x / m.mean));
    compensated_sum s;
    for (std::size_t i = 0; i < d.x.size(); ++i)
      s.add(d.w[i] / m.weight * std::exp(alpha * std::log(d.x[i] / m.mean) - top));
    log_power_mean = top + std::log(s.value());
  }
  return std::clamp(-std::expm1(log_power_mean / alpha), 0.0, 1.0);
}

inline double palma_of(const distribution& d) {
  if (all_equal(d.x)) return 0.25;
  const std::vector<std::size_t> order = ascending_order(d.x);
  const double people = weighted_mean(d.x, d.w).weight;
  const double bottom = held_by(d.x, d.w, order, 0.4 * people, false);
  const double top = held_by(d.x, d.w, order, 0.1 * people, true);
  if (!(bottom > 0)) return std::numeric_limits<double>::infinity();
  return top / bottom;
}

inline double hoover_of(const distribution& d) {
  if (all_equal(d.x)) return 0.0;
  const moments m = weighted_mean(d.x, d.w);
  compensated_sum sum;
  for (std::size_t i = 0; i < d.x.size(); ++i)
    sum.add(d.w[i] / m.weight * std::abs(d.x[i] - m.mean) / m.mean);
  return 0.5 * sum.value();
}

inline double entropy_of(const distribution& d) {
  if (!std::isfinite(d.head_count))
    throw input_error("weights", "add up to more than the largest double");
  if (all_equal(d.x)) return 1.0;
  // Each of the N people holds share s = x / (N mu), so H = -sum w s ln s = ln N - T: the
  // Theil index is exactly the redundancy of the Shannon entropy (Theil 1967).
  const double n = d.head_count;
  if (!(n > 1)) return 1.0;
  return std::clamp(1.0 - theil_of(d.x, d.w) / std::log(n), 0.0, 1.0);
}

inline void check_epsilon(double epsilon) {
  if (!std::isfinite(epsilon))
    throw input_error("epsilon", "must be a finite number, got " + format_number(epsilon));
  if (epsilon < 0)
    throw input_error("epsilon",
                      "must be >= 0 (aversion to inequality), got " + format_number(epsilon));
}

inline void check_parameter(double value, const char* where) {
  if (!std::isfinite(value))
    throw input_error(where, "must be a finite number, got " + format_number(value));
}

}  // namespace detail

}  // namespace coproduction
