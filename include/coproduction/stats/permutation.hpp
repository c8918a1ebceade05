#pragma once
/// \file
/// Permutation tests of a difference between two groups of stakeholders (convenors and
/// partners, paid and unpaid), and between two waves of the same stakeholders.
///
/// Two groups: the values of group 1 ("the group") against those of group 0 ("the others"),
/// by one of four statistics, with `T_g`, `n_g` a group's total and size, `T`, `n` the
/// whole's and `G_g` the Gini coefficient of a group's values (`metrics/inequality.hpp`):
/// - `mean_gap`  = `T_1 / n_1 - T_0 / n_0`;
/// - `gini_gap`  = `G_1 - G_0`;
/// - `share_gap` = `T_1 / T - n_1 / n`: the group's share of the total minus its share of the
///   people (Taagepera & Shugart's deviation of seat share from vote share);
/// - `parity`    = `(T_1 / T) / (n_1 / n)`: the parity ratio of `metrics/inequality.hpp`.
/// Under the null hypothesis that the labels are exchangeable, every relabelling with the
/// same group sizes is equally likely: a draw chooses which values form the smaller group,
/// of size k, uniformly among the `C(n, k)` relabellings, by Floyd's algorithm over the ranks
/// of the values sorted ascending (for j = n - k, ..., n - 1: t = below32(j + 1) joins the
/// group, or j when t already has). When `C(n, k)` is at most the draws asked for,
/// the test enumerates every relabelling instead (in lexicographic order of the smaller
/// group's positions in the values sorted ascending) and is exact. The mean gap, the share
/// gap and the parity are increasing functions of `T_1` when the sizes are fixed, so the
/// three give the same p-values; they differ in what they report.
///
/// Two waves (`paired_permutation_test`): each stakeholder's value in the first and the
/// second wave; the statistic is `mean_gap` (mean of the second minus mean of the first, the
/// mean of the per-stakeholder differences) or `gini_gap` (the Gini of the second wave minus
/// that of the first). Under the null hypothesis that the waves are exchangeable within each
/// stakeholder, a draw swaps each stakeholder's two values with probability 1/2 (for the mean
/// gap: flips the sign of the difference); bit `i mod 64` of the draw's word `i / 64` swaps
/// stakeholder `i`. With `2^n` patterns at most the draws asked for, every pattern is
/// enumerated (pattern `r` swaps the stakeholders of the set bits of `r`).
///
/// p-values (`permutation_p_value`), with `b` the draws at least as extreme as the observed
/// statistic and `B` the draws: Monte Carlo `p = (b + 1) / (B + 1)`, which counts the observed
/// labelling as one of the draws, so a p-value is never 0 and the test keeps its level
/// (Phipson & Smyth 2010); exact `p = b / B`, the observed labelling being one of the
/// enumerated. "At least as extreme" allows a relative tolerance of 100 machine epsilons, so
/// that relabellings giving the same statistic in exact arithmetic count as ties, as
/// scipy.stats.permutation_test does. Two-sided: twice the smaller one-sided p-value, capped
/// at 1 (scipy's definition). The Monte Carlo standard error of a one-sided p is
/// `sqrt(p (1 - p) / B)`; of a two-sided one, twice that of the smaller one-sided p; 0 when
/// exact.
///
/// References:
/// - Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero: calculating
///   exact p-values when permutations are randomly drawn. Statistical Applications in
///   Genetics and Molecular Biology 9(1), 39.
/// - Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses, 3rd ed.
///   Springer, ch. 3 (two samples) and 5 (paired values).
/// - Taagepera, R. & Shugart, M. S. (1989). Seats and Votes. Yale University Press.
/// - Bentley, J. & Floyd, R. W. (1987). Programming pearls: a sample of brilliance.
///   Communications of the ACM 30(9), 754-757.

#include <algorithm>
#include <atomic>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/parallel.hpp"
#include "coproduction/error.hpp"
#include "coproduction/stats/resampling.hpp"

namespace coproduction {

/// What a permutation test compares between the two groups (or waves).
enum class group_statistic { mean_gap, gini_gap, share_gap, parity };

/// The alternative hypothesis: the statistic larger than under the null, smaller, or either.
enum class test_alternative { two_sided, greater, less };

namespace detail {
inline constexpr std::string_view group_statistic_names[] = {"mean_gap", "gini_gap",
                                                             "share_gap", "parity"};
inline constexpr std::string_view alternative_names[] = {"two-sided", "greater", "less"};
}  // namespace detail

constexpr std::string_view name_of(group_statistic s) {
  return detail::group_statistic_names[static_cast<std::size_t>(s)];
}
constexpr std::string_view name_of(test_alternative a) {
  return detail::alternative_names[static_cast<std::size_t>(a)];
}

/// The statistic spelt `word`. Throws `input_error` ("statistic") otherwise. O(1).
inline group_statistic group_statistic_named(std::string_view word) {
  for (std::size_t i = 0; i < std::size(detail::group_statistic_names); ++i)
    if (detail::group_statistic_names[i] == word) return static_cast<group_statistic>(i);
  throw input_error("statistic", "must be one of mean_gap, gini_gap, share_gap, parity; got \"" +
                                     std::string(word) + "\"");
}

/// The alternative spelt `word` ("two-sided", "greater", "less"). Throws `input_error`
/// ("alternative") otherwise. O(1).
inline test_alternative alternative_named(std::string_view word) {
  for (std::size_t i = 0; i < std::size(detail::alternative_names); ++i)
    if (detail::alternative_names[i] == word) return static_cast<test_alternative>(i);
  throw input_error("alternative", "must be \"two-sided\", \"greater\" or \"less\", got \"" +
                                       std::string(word) + "\"");
}

/// How a permutation test runs: `draws` permutations (or every one, when there are no more).
struct permutation_options : resampling_options {
  test_alternative alternative = test_alternative::two_sided;
  /// Enumerate every relabelling when there are at most `draws` of them.
  bool exact_when_possible = true;
};

/// A permutation test's outcome.
struct permutation_result {
  double observed = std::numeric_limits<double>::quiet_NaN();  ///< statistic of the data
  double p_value = std::numeric_limits<double>::quiet_NaN();
  double standard_error = 0;   ///< Monte Carlo standard error of `p_value`; 0 when exact
  std::vector<double> null{};  ///< the statistic of every draw (or relabelling), in order
  bool exact = false;          ///< every relabelling was enumerated
  double p_greater = std::numeric_limits<double>::quiet_NaN();  ///< one-sided, larger
  double p_less = std::numeric_limits<double>::quiet_NaN();     ///< one-sided, smaller
  test_alternative alternative = test_alternative::two_sided;
};

/// The p-value of `observed` against the `null` draws (see the file's comment), with its
/// Monte Carlo standard error, filled into a result that takes over `null`. O(B).
inline permutation_result permutation_p_value(double observed, std::vector<double> null,
                                              bool exact, test_alternative alternative) {
  permutation_result r;
  r.observed = observed;
  r.exact = exact;
  r.alternative = alternative;
  const double gamma = std::abs(observed) * 100 * DBL_EPSILON;
  std::size_t greater = 0, less = 0;
  for (double t : null) {
    greater += t >= observed - gamma;
    less += t <= observed + gamma;
  }
  const double b = static_cast<double>(null.size());
  const double extra = exact ? 0.0 : 1.0;
  r.p_greater = (static_cast<double>(greater) + extra) / (b + extra);
  r.p_less = (static_cast<double>(less) + extra) / (b + extra);
  const auto se = [&](double p) { return exact ? 0.0 : std::sqrt(p * (1 - p) / b); };
  switch (alternative) {
    case test_alternative::greater:
      r.p_value = r.p_greater;
      r.standard_error = se(r.p_value);
      break;
    case test_alternative::less:
      r.p_value = r.p_less;
      r.standard_error = se(r.p_value);
      break;
    case test_alternative::two_sided: {
      const double smaller = std::min(r.p_greater, r.p_less);
      r.p_value = std::min(1.0, 2 * smaller);
      r.standard_error = 2 * se(smaller);
      break;
    }
  }
  r.null = std::move(null);
  return r;
}

namespace detail {

/// C(n, k), or `limit + 1` when it is larger than `limit` (no overflow). O(k).
inline std::uint64_t binomial_at_most(std::uint64_t n, std::uint64_t k, std::uint64_t limit) {
  if (k > n) return 0;
  k = std::min(k, n - k);
  __extension__ using wide = unsigned __int128;
  wide c = 1;
  for (std::uint64_t j = 1; j <= k; ++j) {
    c = c * (n - k + j) / j;  // exact: C(n - k + j, j) is a whole number
    if (c > limit) return limit + 1;
  }
  return static_cast<std::uint64_t>(c);
}

/// The combination of rank `r` among the k-subsets of [0, n) in lexicographic order, into
/// `out` (k entries, ascending). `r < C(n, k)`, which is at most 2^40. O(n k).
inline void unrank_combination(std::uint64_t r, std::size_t n, std::size_t k,
                               std::vector<std::size_t>& out) {
  out.resize(k);
  std::size_t x = 0;
  constexpr std::uint64_t big = std::uint64_t{1} << 62;
  for (std::size_t i = 0; i < k; ++i) {
    for (;; ++x) {
      const std::uint64_t with_x = binomial_at_most(n - x - 1, k - i - 1, big);
      if (r < with_x) break;
      r -= with_x;
    }
    out[i] = x++;
  }
}

/// Advances an ascending k-subset of [0, n) to the next in lexicographic order; false after
/// the last. O(k).
inline bool next_combination(std::vector<std::size_t>& c, std::size_t n) {
  const std::size_t k = c.size();
  std::size_t i = k;
  while (i > 0 && c[i - 1] == n - k + i - 1) --i;
  if (i == 0) return false;
  ++c[i - 1];
  for (std::size_t j = i; j < k; ++j) c[j] = c[j - 1] + 1;
  return true;
}

/// Gini coefficients of the two groups of ascending values `x`, labelled by `label(k)` (0 or
/// 1), in one pass: with ranks i within a group, G = (2 sum i x_(i) - (m + 1) T) / (m T), 0
/// when T = 0. Returns G_1 - G_0. O(n).
template <class Label>
double gini_gap_sorted(std::span<const double> x, Label label) {
  double count[2] = {0, 0}, total[2] = {0, 0}, ranked[2] = {0, 0};
  for (std::size_t k = 0; k < x.size(); ++k) {
    const int g = label(k) ? 1 : 0;
    count[g] += 1;
    total[g] += x[k];
    ranked[g] += count[g] * x[k];
  }
  double gini[2];
  for (int g = 0; g < 2; ++g)
    gini[g] = total[g] > 0 ? std::max(0.0, (2 * ranked[g] - (count[g] + 1) * total[g]) /
                                               (count[g] * total[g]))
                           : 0.0;
  return gini[1] - gini[0];
}

inline void check_values(std::span<const double> values, const char* where, bool non_negative) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    if (std::isnan(x)) throw input_error(where, "entry " + std::to_string(i) + " is NaN (missing)");
    if (std::isinf(x)) throw input_error(where, "entry " + std::to_string(i) + " is infinite");
    if (non_negative && x < 0)
      throw input_error(where, "entry " + std::to_string(i) + " is negative (" +
                                   std::to_string(x) + "): the statistic needs values >= 0");
  }
}

/// Runs `count` draws (or relabellings) in units of `chunk` consecutive ones: `body(space,
/// first, last, out)` writes `out[first .. last)`. `finished` counts them. Throws as
/// `for_each_unit`.
template <class Make, class Body>
std::vector<double> chunked_values(std::uint64_t count, std::size_t chunk,
                                   const resampling_options& o, Make make, Body body) {
  std::vector<double> out(count, std::numeric_limits<double>::quiet_NaN());
  const std::size_t units = chunk_count(count, chunk);
  const unsigned workers = resolve_threads(o.threads, units);
  auto spaces = make_workspaces(workers, make);
  for_each_unit(units, workers, o.stop_requested,
                [&](unsigned w, std::size_t u, const std::atomic<bool>&) {
                  const std::size_t first = u * chunk;
                  const std::size_t last = std::min<std::size_t>(first + chunk, count);
                  body(spaces[w], first, last, out.data());
                  if (o.finished != nullptr)
                    o.finished->fetch_add(last - first, std::memory_order_relaxed);
                });
  return out;
}

}  // namespace detail

/// A permutation test of the difference between group 1 and group 0 of `values`
/// (`groups[i]` is 0 or 1), by `statistic`, as the file's comment defines it: `o.draws`
/// random relabellings (draw d from `draw_generator(o.seed, d)`), or all `C(n, k)` of them
/// when that is at most `o.draws` (`exact`). Identical for every `o.threads`.
///
/// Complexity: O(draws · (k + n / 64)) for every statistic (k the smaller group's size), after
/// an O(n log n) sort; O(n / 64) memory per thread plus the null distribution. Enumerated
/// relabellings cost O(k) (O(n) for the Gini gap) each.
/// Throws `input_error`: ("values") NaN (with its position), infinite, negative for the
/// Gini gap, share gap or parity, a total of 0 for the share gap or parity; ("groups") a
/// length other than the values', a code other than 0 or 1, a group with no member;
/// ("draws"); `interrupted` when `o.stop_requested` asks.
inline permutation_result permutation_test(std::span<const double> values,
                                           std::span<const std::size_t> groups,
                                           group_statistic statistic,
                                           const permutation_options& o) {
  detail::check_draws(o.draws);
  const bool non_negative = statistic != group_statistic::mean_gap;
  detail::check_values(values, "values", non_negative);
  if (groups.size() != values.size())
    throw input_error("groups", "has " + std::to_string(groups.size()) + " entries but values has " +
                                    std::to_string(values.size()));
  const std::size_t n = values.size();
  detail::check_units(n, "values");
  std::size_t n1 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (groups[i] > 1)
      throw input_error("groups", "entry " + std::to_string(i) + " is " +
                                      std::to_string(groups[i]) + ": codes are 0 or 1");
    n1 += groups[i];
  }
  if (n1 == 0 || n1 == n)
    throw input_error("groups", "needs members in both groups, got " + std::to_string(n1) +
                                    " in group 1 and " + std::to_string(n - n1) + " in group 0");
  double total = 0;
  for (double x : values) total += x;
  if ((statistic == group_statistic::share_gap || statistic == group_statistic::parity) &&
      !(total > 0))
    throw input_error("values", "add up to 0: nobody holds anything, so no group has a share");

  // Ascending values; the smaller group (code `drawn`, group 1 on a tie) is what a draw picks.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
  std::vector<double> x(n);
  for (std::size_t k = 0; k < n; ++k) x[k] = values[order[k]];
  const std::size_t drawn = n1 <= n - n1 ? 1 : 0;
  const std::size_t k = drawn == 1 ? n1 : n - n1;
  const double count1 = static_cast<double>(n1), count0 = static_cast<double>(n - n1);
  const double people1 = count1 / static_cast<double>(n);

  // The statistic when the ranks `chosen` (k of them) form group `drawn`; `mask` is scratch
  // of n zeros, left as it was found.
  const auto value = [&](const std::size_t* chosen, std::vector<unsigned char>& mask) {
    if (statistic == group_statistic::gini_gap) {
      for (std::size_t j = 0; j < k; ++j) mask[chosen[j]] = 1;
      const double gap = detail::gini_gap_sorted(
          std::span<const double>(x), [&](std::size_t r) { return (mask[r] != 0) == (drawn == 1); });
      for (std::size_t j = 0; j < k; ++j) mask[chosen[j]] = 0;
      return gap;
    }
    double t = 0;
    for (std::size_t j = 0; j < k; ++j) t += x[chosen[j]];
    const double t1 = drawn == 1 ? t : total - t;
    switch (statistic) {
      case group_statistic::share_gap: return t1 / total - people1;
      case group_statistic::parity: return (t1 / total) / people1;
      default: return t1 / count1 - (total - t1) / count0;
    }
  };

  std::vector<std::size_t> observed_ranks;
  for (std::size_t r = 0; r < n; ++r)
    if (groups[order[r]] == drawn) observed_ranks.push_back(r);
  std::vector<unsigned char> scratch(n, 0);
  const double observed = value(observed_ranks.data(), scratch);

  struct space {
    std::vector<std::size_t> ranks;
    std::vector<unsigned char> mask;
  };
  const std::uint64_t relabellings = detail::binomial_at_most(n, k, o.draws);
  if (o.exact_when_possible && relabellings <= o.draws) {
    std::vector<double> null = detail::chunked_values(
        relabellings, 256, o, [n] { return space{{}, std::vector<unsigned char>(n, 0)}; },
        [&](space& s, std::size_t first, std::size_t last, double* out) {
          detail::unrank_combination(first, n, k, s.ranks);
          for (std::size_t r = first; r < last; ++r) {
            out[r] = value(s.ranks.data(), s.mask);
            detail::next_combination(s.ranks, n);
          }
        });
    return permutation_p_value(observed, std::move(null), true, o.alternative);
  }
  // Random relabellings. The drawn group's members are chosen by Floyd's algorithm (k draws,
  // marked in a bitmap of the ranks), then read in ascending order from the bitmap, so the
  // Gini coefficients come from the members alone: within the drawn group D the i-th member
  // has rank i; within the other group O, rank (r + 1) - (members of D up to r), and
  //   sum_{r in O} ((r + 1) - c_r) x_r = R - sum_{r in D} (r + 1) x_r - (S - sum_{j in D} c_j x_j)
  // with R = sum_r (r + 1) x_r and S = sum_r c_r x_r = sum_{j in D} (x_j + ... + x_{n-1}), a
  // suffix sum per member. O(k + n / 64) a draw, whichever the statistic.
  // Per rank j, (j + 1) x_j + (x_j + ... + x_{n-1}): what a member j takes from the other
  // group's ranked sum, added once per member.
  std::vector<double> taken(n);
  double ranked_all = 0, after = 0;
  for (std::size_t r = n; r-- > 0;) {
    after += x[r];
    taken[r] = static_cast<double>(r + 1) * x[r] + after;
    ranked_all += static_cast<double>(r + 1) * x[r];
  }
  const double nd = static_cast<double>(k), no = static_cast<double>(n - k);
  const std::size_t words = (n + 63) / 64;
  std::vector<double> null = resample(
      o, [words] { return std::vector<std::uint64_t>(words, 0); },
      [&](std::vector<std::uint64_t>& bits, draw_generator& g) {
        std::fill(bits.begin(), bits.end(), 0);
        for (std::size_t j = n - k; j < n; ++j) {
          const std::size_t t = g.below32(static_cast<std::uint32_t>(j + 1));
          const bool taken = ((bits[t >> 6] >> (t & 63)) & 1u) != 0;
          const std::size_t pick = taken ? j : t;
          bits[pick >> 6] |= std::uint64_t{1} << (pick & 63);
        }
        double td = 0, rd = 0, qs = 0;
        std::uint64_t i = 0;
        for (std::size_t w = 0; w < words; ++w)
          for (std::uint64_t word = bits[w]; word != 0; word &= word - 1) {
            const std::size_t j = w * 64 + static_cast<std::size_t>(std::countr_zero(word));
            const double xj = x[j];
            ++i;
            td += xj;
            rd += static_cast<double>(i) * xj;
            qs += taken[j];
          }
        if (statistic != group_statistic::gini_gap) {
          const double t1 = drawn == 1 ? td : total - td;
          switch (statistic) {
            case group_statistic::share_gap: return t1 / total - people1;
            case group_statistic::parity: return (t1 / total) / people1;
            default: return t1 / count1 - (total - t1) / count0;
          }
        }
        const double to = total - td, ro = ranked_all - qs + rd;
        const double gd = td > 0 ? std::max(0.0, (2 * rd - (nd + 1) * td) / (nd * td)) : 0.0;
        const double go = to > 0 ? std::max(0.0, (2 * ro - (no + 1) * to) / (no * to)) : 0.0;
        return drawn == 1 ? gd - go : go - gd;
      });
  return permutation_p_value(observed, std::move(null), false, o.alternative);
}

/// A paired permutation test of the change from `first` to `second` (one entry per
/// stakeholder in each, the same order), by `mean_gap` or `gini_gap`, as the file's comment
/// defines it: `o.draws` random swap patterns, or all `2^n` when that is at most `o.draws`.
/// Identical for every `o.threads`.
///
/// Complexity: O(draws · n), after an O(n log n) sort for the Gini gap.
/// Throws `input_error`: ("first"/"second") NaN (with its position), infinite, or negative
/// for the Gini gap; ("second") a length other than the first's; ("values") no stakeholder;
/// ("statistic") share_gap or parity; ("draws"); `interrupted` when `o.stop_requested` asks.
inline permutation_result paired_permutation_test(std::span<const double> first,
                                                  std::span<const double> second,
                                                  group_statistic statistic,
                                                  const permutation_options& o) {
  detail::check_draws(o.draws);
  if (statistic != group_statistic::mean_gap && statistic != group_statistic::gini_gap)
    throw input_error("statistic", "a paired test compares two waves by mean_gap or gini_gap, not " +
                                       std::string(name_of(statistic)));
  const bool gini = statistic == group_statistic::gini_gap;
  detail::check_values(first, "first", gini);
  detail::check_values(second, "second", gini);
  if (first.size() != second.size())
    throw input_error("second", "has " + std::to_string(second.size()) + " entries but first has " +
                                    std::to_string(first.size()));
  const std::size_t n = first.size();
  if (n == 0) throw input_error("values", "no stakeholder to compare");

  std::vector<double> diff(n);
  for (std::size_t i = 0; i < n; ++i) diff[i] = second[i] - first[i];
  // For the Gini gap: the 2n values pooled and sorted; item 2i is stakeholder i's first value,
  // 2i + 1 its second.
  std::vector<double> pooled;
  std::vector<std::size_t> item;
  if (gini) {
    item.resize(2 * n);
    std::iota(item.begin(), item.end(), std::size_t{0});
    const auto at = [&](std::size_t it) { return it % 2 == 0 ? first[it / 2] : second[it / 2]; };
    std::stable_sort(item.begin(), item.end(),
                     [&](std::size_t a, std::size_t b) { return at(a) < at(b); });
    pooled.resize(2 * n);
    for (std::size_t r = 0; r < 2 * n; ++r) pooled[r] = at(item[r]);
  }
  const double count = static_cast<double>(n);
  // The statistic when stakeholder i's values are swapped where `swapped(i)`.
  const auto value = [&](auto swapped) {
    if (gini)
      return detail::gini_gap_sorted(std::span<const double>(pooled), [&](std::size_t r) {
        const std::size_t it = item[r];
        return (it % 2 == 1) != swapped(it / 2);
      });
    double t = 0;
    for (std::size_t i = 0; i < n; ++i) t += swapped(i) ? -diff[i] : diff[i];
    return t / count;
  };
  const double observed = value([](std::size_t) { return false; });

  const std::uint64_t patterns =
      n < 63 ? (std::uint64_t{1} << n) : std::numeric_limits<std::uint64_t>::max();
  if (o.exact_when_possible && patterns <= o.draws) {
    std::vector<double> null = detail::chunked_values(
        patterns, 256, o, [] { return 0; },
        [&](int&, std::size_t begin, std::size_t end, double* out) {
          for (std::size_t r = begin; r < end; ++r)
            out[r] = value([r](std::size_t i) { return ((r >> i) & 1u) != 0; });
        });
    return permutation_p_value(observed, std::move(null), true, o.alternative);
  }
  std::vector<double> null = resample(
      o, [n] { return std::vector<std::uint64_t>((n + 63) / 64); },
      [&](std::vector<std::uint64_t>& bits, draw_generator& g) {
        for (auto& word : bits) word = g();
        return value([&](std::size_t i) { return ((bits[i / 64] >> (i % 64)) & 1u) != 0; });
      });
  return permutation_p_value(observed, std::move(null), false, o.alternative);
}

}  // namespace coproduction
