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
#include "coproduction/detail/distribution.hpp"
#include "coproduction/metrics/decomposition.hpp"

namespace coproduction {

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
