#pragma once
/// \file
/// Inequality of a per-stakeholder quantity: decision power, centrality, pay, seats.
///
/// Every index takes the quantity as `values` (one entry per stakeholder) and, optionally,
/// `weights` that say how many people an entry stands for: a group of 12 service users with
/// weight 12 counts as 12 people who each hold the group's value. Weighting by an integer is
/// therefore the same as repeating the value that many times, and values are per person: a
/// group holding 0.05 of the decision power together enters as 0.05 / 12 with weight 12.
/// An entry with weight 0 stands for nobody and is left out.
///
/// Conventions shared by every function here (Cowell 2011, ch. 3 and appendix A):
/// - Values must be finite and non-negative; weights finite, non-negative and not all 0.
///   Anything else throws `input_error` naming the argument ("values", "weights", "groups",
///   "alpha", "epsilon").
/// - A distribution in which everybody holds the same amount, including everybody holding
///   nothing, is perfectly equal: every inequality index is 0 and every other index takes its
///   perfect-equality value (Palma 0.25, HHI 1/N, effective number N, entropy 1). All zeros is
///   the limit of an equal distribution shrunk towards zero, and every index here is scale
///   invariant, so the limit is the only value that keeps them continuous.
/// - A single value is an equal distribution of one holder.
///
/// References:
/// - Atkinson, A. B. (1970). On the measurement of inequality. J. Economic Theory 2, 244-263.
/// - Cobham, A. and Sumner, A. (2013). Is it all about the tails? The Palma measure of income
///   inequality. Center for Global Development Working Paper 343.
/// - Cowell, F. A. (2011). Measuring Inequality, 3rd ed. Oxford University Press.
/// - Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54, 761.
/// - Laakso, M. and Taagepera, R. (1979). "Effective" number of parties. Comparative Political
///   Studies 12, 3-27.
/// - Palma, J. G. (2011). Homogeneous middles vs. heterogeneous tails. Development and Change
///   42, 87-153.
/// - Shorrocks, A. F. (1980). The class of additively decomposable inequality measures.
///   Econometrica 48, 613-625.
/// - Theil, H. (1967). Economics and Information Theory. North-Holland.

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

namespace coproduction {

/// One group's part in a Theil or mean-log-deviation decomposition.
struct group_inequality {
  std::size_t group = 0;          ///< the group code as given in `groups`
  double population_share = 0;    ///< p_g: the group's share of the (weighted) people
  double quantity_share = 0;      ///< s_g: the group's share of the quantity
  double mean = 0;                ///< mu_g: the group's weighted mean, in the input's units
  double index = 0;               ///< the index computed within the group alone (T_g or L_g)
  double within_contribution = 0; ///< s_g T_g (Theil) or p_g L_g (MLD); these add up to `within`
  /// The group's non-negative part of `between`: p_g (rho ln rho - rho + 1) for Theil and
  /// p_g (rho - 1 - ln rho) for MLD, rho = mu_g / mu. It is 0 when the group's mean equals the
  /// overall mean and grows as the group moves away from it, in either direction.
  double between_contribution = 0;
  bool operator==(const group_inequality&) const = default;
};

/// An exact between/within decomposition: `between + within == total` up to rounding.
struct inequality_decomposition {
  double total = 0;    ///< the index of the whole distribution
  double between = 0;  ///< the index when everybody holds their group's mean
  double within = 0;   ///< the weighted sum of the groups' own indices
  std::vector<group_inequality> groups;  ///< one entry per group code, ascending by code
  bool operator==(const inequality_decomposition&) const = default;
};

/// One group's representation in a quantity: see `parity_ratio`.
struct group_parity {
  std::size_t group = 0;        ///< the group code as given in `groups`
  double population_share = 0;  ///< the group's share of the (weighted) people
  double quantity_share = 0;    ///< the group's share of the quantity
  double ratio = 0;             ///< quantity_share / population_share = mu_g / mu
  bool operator==(const group_parity&) const = default;
};

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

// ---------------------------------------------------------------------------------------
// Gini

/// Gini coefficient: the mean absolute difference between two people's holdings, relative
/// to twice the mean, G = sum_i sum_j |x_i - x_j| / (2 n^2 mu); equivalently 1 - 2 * (area
/// under the Lorenz curve). Computed from the sorted values as G = sum_i q_i (2 F_i - 1)
/// with q_i the share held by the i-th smallest and F_i its mid-point rank.
///
/// Range [0, 1 - 1/n]: 0 when everyone holds the same, 1 - 1/n when one of n holds
/// everything (with weights, 1 - the smallest population share). Invariant to scale and to
/// replicating the population.
///
/// Complexity O(n log n) (one sort). Throws `input_error` on empty, negative or non-finite
/// values. Reference: Gini (1912); Cowell (2011), sec. 2.2 and appendix A.
inline double gini(std::span<const double> values) {
  return detail::gini_of(detail::prepare(values, nullptr));
}

/// Weighted Gini coefficient: as `gini(values)` with entry i standing for `weights[i]`
/// people (an integer weight equals repeating the value). Throws `input_error` also on
/// negative or non-finite weights, weights adding up to 0, or a length different from
/// `values`.
inline double gini(std::span<const double> values, std::span<const double> weights) {
  return detail::gini_of(detail::prepare(values, &weights));
}

// ---------------------------------------------------------------------------------------
// Generalised entropy family

/// Generalised entropy index GE(alpha) = 1 / (alpha (alpha - 1)) sum_i p_i ((x_i / mu)^alpha
/// - 1), with p_i the population shares; GE(1) is Theil's T and GE(0) the mean log
/// deviation. alpha sets which end of the distribution weighs most: small or negative alpha
/// reacts to the bottom, large alpha to the top; GE(2) is half the squared coefficient of
/// variation.
///
/// Range [0, inf): 0 only when everyone holds the same. Zeros: for alpha > 0 a zero
/// contributes its limit 1 / alpha (0^alpha = 0); for alpha <= 0 the index is undefined
/// with a zero (a logarithm or negative power of 0), so a zero that counts throws
/// `input_error("values", ...)`, unless every value is 0 (an equal distribution, index 0).
///
/// Complexity O(n). Throws `input_error` on bad values or weights, or a non-finite `alpha`
/// ("alpha"). Reference: Shorrocks (1980); Cowell (2011), sec. 3.3.
inline double generalized_entropy(std::span<const double> values, double alpha) {
  detail::check_parameter(alpha, "alpha");
  const detail::distribution d = detail::prepare(values, nullptr);
  if (alpha <= 0) detail::require_positive(d, detail::ge_needs_positive);
  return detail::generalized_entropy_of(d.x, d.w, alpha);
}

/// Weighted generalised entropy index GE(alpha); see `generalized_entropy(values, alpha)`.
inline double generalized_entropy(std::span<const double> values, std::span<const double> weights,
                                  double alpha) {
  detail::check_parameter(alpha, "alpha");
  const detail::distribution d = detail::prepare(values, &weights);
  if (alpha <= 0) detail::require_positive(d, detail::ge_needs_positive);
  return detail::generalized_entropy_of(d.x, d.w, alpha);
}

/// Theil's T index, GE(1): T = sum_i p_i (x_i / mu) ln(x_i / mu), the information-theoretic
/// redundancy of the quantity shares against the population shares (ln N minus the Shannon
/// entropy of the shares when every entry is one person). Zeros follow 0 ln 0 = 0.
///
/// Range [0, ln n] (ln n when one of n holds everything). Most sensitive to the top of the
/// distribution. Decomposes exactly by groups with quantity-share weights (see
/// `theil_decomposition`). Complexity O(n). Throws `input_error` on bad values or weights.
/// Reference: Theil (1967); Cowell (2011), sec. 3.3.
inline double theil(std::span<const double> values) {
  const detail::distribution d = detail::prepare(values, nullptr);
  return detail::theil_of(d.x, d.w);
}

/// Weighted Theil T; see `theil(values)`.
inline double theil(std::span<const double> values, std::span<const double> weights) {
  const detail::distribution d = detail::prepare(values, &weights);
  return detail::theil_of(d.x, d.w);
}

/// Mean log deviation, Theil's L, GE(0): L = sum_i p_i ln(mu / x_i), the log of the mean
/// over the geometric mean.
///
/// Range [0, inf). Most sensitive to the bottom of the distribution: it grows without bound
/// as anyone's holding approaches 0, and is undefined when someone who counts holds exactly
/// 0 (throws `input_error("values", ...)`, as in the literature), unless every value is 0.
/// Decomposes exactly with population-share weights (see `mld_decomposition`).
/// Complexity O(n). Reference: Theil (1967); Cowell (2011), sec. 3.3.
inline double mld(std::span<const double> values) {
  const detail::distribution d = detail::prepare(values, nullptr);
  detail::require_positive(d, detail::mld_needs_positive);
  return detail::mld_of(d.x, d.w);
}

/// Weighted mean log deviation; see `mld(values)`.
inline double mld(std::span<const double> values, std::span<const double> weights) {
  const detail::distribution d = detail::prepare(values, &weights);
  detail::require_positive(d, detail::mld_needs_positive);
  return detail::mld_of(d.x, d.w);
}

// ---------------------------------------------------------------------------------------
// Atkinson

/// Atkinson index A(epsilon) = 1 - x_ede / mu, where the equally distributed equivalent
/// x_ede = (sum_i p_i x_i^(1 - epsilon))^(1 / (1 - epsilon)), or the geometric mean when
/// epsilon = 1. It is the share of the total that could be given up, if the rest were
/// shared equally, without a loss of welfare to a judge whose aversion to inequality is
/// epsilon >= 0 (0: indifferent; the larger, the more the worst-off count).
///
/// Range [0, 1]. A(epsilon) = 1 - (1 + alpha (alpha - 1) GE(alpha))^(1 / alpha) with
/// alpha = 1 - epsilon, and A(1) = 1 - exp(-L). Zeros: for epsilon < 1 they enter as 0; for
/// epsilon >= 1 the equally distributed equivalent of a distribution with a zero is 0 (the
/// limit), so the index is 1, unless every value is 0 (index 0).
///
/// Complexity O(n). Throws `input_error` on bad values or weights, or `epsilon` negative or
/// not finite ("epsilon"). Reference: Atkinson (1970); Cowell (2011), sec. 3.2.
inline double atkinson(std::span<const double> values, double epsilon) {
  detail::check_epsilon(epsilon);
  return detail::atkinson_of(detail::prepare(values, nullptr), epsilon);
}

/// Weighted Atkinson index; see `atkinson(values, epsilon)`.
inline double atkinson(std::span<const double> values, std::span<const double> weights,
                       double epsilon) {
  detail::check_epsilon(epsilon);
  return detail::atkinson_of(detail::prepare(values, &weights), epsilon);
}

// ---------------------------------------------------------------------------------------
// Hoover

/// Hoover index (Robin Hood index, Pietra ratio): H = 1/2 sum_i |q_i - p_i|, the share of
/// the total that would have to move from those above the mean to those below it for
/// everyone to hold the same; also the largest vertical gap between the Lorenz curve and
/// the line of equality.
///
/// Range [0, 1 - 1/n]. Complexity O(n). Throws `input_error` on bad values or weights.
/// Reference: Hoover (1936); Cowell (2011), sec. 2.2 ("relative mean deviation" / 2).
inline double hoover(std::span<const double> values) {
  return detail::hoover_of(detail::prepare(values, nullptr));
}

/// Weighted Hoover index; see `hoover(values)`.
inline double hoover(std::span<const double> values, std::span<const double> weights) {
  return detail::hoover_of(detail::prepare(values, &weights));
}

// ---------------------------------------------------------------------------------------
// Palma

/// Palma ratio: the share held by the top 10% of people divided by the share held by the
/// bottom 40%.
///
/// Cut points are taken by population share: people are ordered by value and the 10% and
/// 40% cuts fall at 0.1 N and 0.4 N people (N the number of entries, or the sum of the
/// weights). A unit that straddles a cut is split in proportion, as the people it stands
/// for all hold the same value (linear interpolation of the Lorenz curve at 0.4 and 0.9).
/// With 5 entries, the bottom 40% are the 2 smallest and the top 10% is half of the
/// largest.
///
/// Range [0.25, inf]: 0.25 when everyone holds the same (0.1 / 0.4), +infinity when the
/// bottom 40% hold nothing and someone holds something. Complexity O(n log n). Throws
/// `input_error` on bad values or weights. Reference: Palma (2011); Cobham and Sumner (2013).
inline double palma(std::span<const double> values) {
  return detail::palma_of(detail::prepare(values, nullptr));
}

/// Weighted Palma ratio; see `palma(values)`.
inline double palma(std::span<const double> values, std::span<const double> weights) {
  return detail::palma_of(detail::prepare(values, &weights));
}

// ---------------------------------------------------------------------------------------
// Concentration: HHI, effective number, entropy

/// Herfindahl-Hirschman index: the sum of the squared shares, HHI = sum_i s_i^2 with
/// s_i = x_i / sum x, on the 0-1 scale (multiply by 10 000 for the antitrust convention).
/// It is the chance that two units of the quantity drawn at random belong to the same
/// holder.
///
/// Unlike the inequality indices it counts holders: with weights, entry i stands for
/// `weights[i]` holders who each hold x_i, HHI = sum_i w_i s_i^2, so a weight must be a
/// head count, 0 or at least 1. Replicating the population k times divides it by k.
///
/// Range [1/N, 1], N the number of holders: 1/N when everyone holds the same (also when
/// all hold 0: nothing is concentrated), 1 when one holder has everything. Complexity O(n).
/// Throws `input_error` on bad values or weights, and on a weight in (0, 1).
/// Reference: Hirschman (1964).
inline double hhi(std::span<const double> values) {
  return detail::hhi_of(detail::prepare(values, nullptr));
}

/// HHI with head counts; see `hhi(values)`.
inline double hhi(std::span<const double> values, std::span<const double> weights) {
  const detail::distribution d = detail::prepare(values, &weights);
  detail::check_head_counts(weights, "hhi");
  return detail::hhi_of(d);
}

/// Effective number of holders, 1 / HHI: how many equal holders would give the same
/// concentration (the "effective number of parties").
///
/// Range [1, N]: N when everyone holds the same, 1 when one holds everything. Weights are
/// head counts as for `hhi`. Complexity O(n). Throws as `hhi`.
/// Reference: Laakso and Taagepera (1979).
inline double effective_number(std::span<const double> values) {
  return 1.0 / detail::hhi_of(detail::prepare(values, nullptr));
}

/// Effective number of holders with head counts; see `effective_number(values)`.
inline double effective_number(std::span<const double> values, std::span<const double> weights) {
  const detail::distribution d = detail::prepare(values, &weights);
  detail::check_head_counts(weights, "effective_number");
  return 1.0 / detail::hhi_of(d);
}

/// Normalised Shannon entropy of the shares: E = -sum_i s_i ln s_i / ln N, an evenness
/// index (1 = the quantity is spread evenly, 0 = one holder has it all). Equal to
/// 1 - T / ln N with T Theil's index.
///
/// Range [0, 1]. Everyone holding the same (including all 0) gives 1; a single holder
/// (N = 1), where the formula reads 0/0, also gives 1: one holder is as even as one holder
/// can be. Weights are head counts as for `hhi`. Complexity O(n). Throws as `hhi`.
/// Reference: Shannon (1948); Theil (1967).
inline double entropy(std::span<const double> values) {
  return detail::entropy_of(detail::prepare(values, nullptr));
}

/// Normalised entropy with head counts; see `entropy(values)`.
inline double entropy(std::span<const double> values, std::span<const double> weights) {
  const detail::distribution d = detail::prepare(values, &weights);
  detail::check_head_counts(weights, "entropy");
  return detail::entropy_of(d);
}

// ---------------------------------------------------------------------------------------
// Decompositions and parity by group

/// Theil T decomposed by groups (Shorrocks 1980): with p_g, s_g and mu_g the group's share
/// of people, share of the quantity and mean,
///   T = sum_g s_g T_g  +  sum_g s_g ln(mu_g / mu)  =  within + between,
/// where `between` is the Theil index of the distribution in which everybody holds their
/// group's mean. `groups[i]` is the group code of `values[i]` (any integers; a pandas user
/// gets them from `factorize`). Groups whose members all have weight 0 are not listed.
///
/// between + within == total up to rounding (total is computed from the people, not as
/// the sum). A group holding nothing has T_g = 0. When every value is 0 everything is 0
/// and each group's quantity share is taken equal to its population share.
///
/// Complexity O(n log n). Throws `input_error` on bad values or weights, or `groups` of a
/// different length ("groups"). Reference: Theil (1967); Shorrocks (1980); Cowell (2011),
/// sec. 3.3 and appendix A.
inline inequality_decomposition theil_decomposition(std::span<const double> values,
                                                    std::span<const std::size_t> groups) {
  return detail::decompose(values, groups, nullptr, detail::decomposable::theil);
}

/// Weighted Theil decomposition; see `theil_decomposition(values, groups)`.
inline inequality_decomposition theil_decomposition(std::span<const double> values,
                                                    std::span<const std::size_t> groups,
                                                    std::span<const double> weights) {
  return detail::decompose(values, groups, &weights, detail::decomposable::theil);
}

/// Mean log deviation decomposed by groups (Shorrocks 1980):
///   L = sum_g p_g L_g  +  sum_g p_g ln(mu / mu_g)  =  within + between,
/// the within part weighted by population shares, so it does not move when a group's mean
/// does: the cleanest path-independent split of the family (Shorrocks 1980). Zeros throw as
/// for `mld`. Otherwise as `theil_decomposition`.
inline inequality_decomposition mld_decomposition(std::span<const double> values,
                                                  std::span<const std::size_t> groups) {
  return detail::decompose(values, groups, nullptr, detail::decomposable::mld);
}

/// Weighted mean log deviation decomposition; see `mld_decomposition(values, groups)`.
inline inequality_decomposition mld_decomposition(std::span<const double> values,
                                                  std::span<const std::size_t> groups,
                                                  std::span<const double> weights) {
  return detail::decompose(values, groups, &weights, detail::decomposable::mld);
}

/// Parity ratio of each group: its share of the quantity divided by its share of the
/// people, s_g / p_g = mu_g / mu. 1 is parity; below 1 the group is under-represented
/// (e.g. service users holding 0.5 hold half the decision power their numbers would give
/// them); above 1 over-represented. The population-weighted mean of the ratios is 1.
///
/// Range [0, 1 / p_g]. When every value is 0 every ratio is 1 (nothing is held, so nobody
/// holds less than their share). Groups whose members all have weight 0 are not listed.
/// Result ascending by group code. Complexity O(n log n). Throws `input_error` on bad
/// values, weights or groups. Reference: the advantage ratio of seat share to vote share
/// (Taagepera and Shugart 1989, Seats and Votes, Yale University Press).
inline std::vector<group_parity> parity_ratio(std::span<const double> values,
                                              std::span<const std::size_t> groups) {
  return detail::parity(values, groups, nullptr);
}

/// Weighted parity ratios; see `parity_ratio(values, groups)`.
inline std::vector<group_parity> parity_ratio(std::span<const double> values,
                                              std::span<const std::size_t> groups,
                                              std::span<const double> weights) {
  return detail::parity(values, groups, &weights);
}

}  // namespace coproduction
