#pragma once
/// \file
/// Seeded Monte Carlo estimates of power indices, with confidence intervals, for games
/// beyond exact computation: Deegan-Packel, Holler and Johnston above
/// `max_enumeration_players`, and Banzhaf or Shapley-Shubik when the vote totals are too
/// large for the dynamic programme (e.g. weights that are head counts in the millions).
///
/// Estimators (documented with each function):
/// - Banzhaf (absolute) and Shapley-Shubik are proportions: the share of uniformly random
///   coalitions for which a player swings, or of uniformly random voting orders in which it
///   is pivotal. The interval is Wilson's (1927) score interval for a binomial proportion.
/// - Normalised Banzhaf, Deegan-Packel, Holler and Johnston are ratios `E[Y_i] / E[Z]` of
///   two means over uniformly random coalitions (each player in with probability 1/2). The
///   estimate is the ratio of the sample means; its standard error comes from the delta
///   method, `se^2 = sum_k (Y_ik - R_i Z_k)^2 / (N (N-1) Zbar^2)`, and the interval is
///   `R_i ± z·se`, clipped to [0, 1] (Cochran 1977, ch. 6).
/// Intervals are pointwise (one player at a time); for a statement about all `n` players at
/// once use `confidence = 1 - alpha/n` (Bonferroni).
///
/// Random numbers: `std::mt19937_64` seeded with `seed` (its output is fixed by the C++
/// standard), with bounded integers drawn by Lemire's (2019) multiply-and-reject method, so a
/// seed gives the same estimate on every platform.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// How to sample.
struct sampling_options {
  std::size_t samples = 100000;  ///< coalitions or voting orders drawn; at least 2
  std::uint64_t seed = 0;        ///< seed of the generator
  double confidence = 0.95;      ///< level of the pointwise intervals, in (0, 1)
  /// Asked every 4096 draws, or every `2^22 / players` draws (rounded down to a power of
  /// two) when that is fewer, so a few milliseconds apart however many players a draw
  /// visits; true stops the sampling.
  stop_check stop_requested = {};
};

/// An estimated index with its uncertainty, one entry per player.
struct power_estimate {
  std::vector<double> value;           ///< the estimate
  std::vector<double> standard_error;  ///< its estimated standard error
  std::vector<double> lower, upper;    ///< the confidence interval
  std::size_t samples = 0;             ///< draws used
  double confidence = 0;               ///< level of the intervals
};

namespace detail {

/// Standard normal quantile `z` with `P(|Z| <= z) = confidence`, by bisection on `erfc`.
inline double normal_two_sided(double confidence) {
  double lo = 0, hi = 40;
  for (int it = 0; it < 200; ++it) {
    const double mid = (lo + hi) / 2;
    if (std::erfc(mid / std::numbers::sqrt2) > 1 - confidence)
      lo = mid;
    else
      hi = mid;
  }
  return (lo + hi) / 2;
}

/// Asks `o.stop_requested` after draw `k` of draws over `players` players: every 4096
/// draws, or every `2^22 / players` (a power of two) when that is fewer.
inline void poll(const sampling_options& o, std::size_t k, std::size_t players) {
  const std::size_t per_draw = std::max<std::size_t>(players, 1);
  const std::size_t period = std::min<std::size_t>(
      4096, std::bit_floor(std::max<std::size_t>(1, (std::size_t{1} << 22) / per_draw)));
  if ((k & (period - 1)) == period - 1 && o.stop_requested && o.stop_requested())
    throw interrupted();
}

inline void check_options(const sampling_options& o) {
  if (o.samples < 2) throw input_error("samples", "at least 2 samples are needed");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw input_error("confidence", "the confidence level must lie strictly between 0 and 1");
}

__extension__ typedef unsigned __int128 uint128;

/// Uniform integer in [0, bound) (Lemire 2019).
inline std::uint64_t bounded(std::mt19937_64& rng, std::uint64_t bound) {
  uint128 m = static_cast<uint128>(rng()) * bound;
  std::uint64_t low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<uint128>(rng()) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

/// Accumulates per-player proportions and reports Wilson intervals.
struct proportion_tally {
  std::vector<double> hits;
  explicit proportion_tally(std::size_t n) : hits(n, 0.0) {}
  power_estimate finish(const sampling_options& o) const {
    power_estimate e;
    const double n = static_cast<double>(o.samples);
    const double z = normal_two_sided(o.confidence);
    e.samples = o.samples;
    e.confidence = o.confidence;
    for (double h : hits) {
      const double p = h / n;
      const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
      const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
      e.value.push_back(p);
      e.standard_error.push_back(std::sqrt(p * (1 - p) / n));
      e.lower.push_back(std::max(0.0, centre - half));
      e.upper.push_back(std::min(1.0, centre + half));
    }
    return e;
  }
};

/// Accumulates the sums a ratio estimator `E[Y_i]/E[Z]` needs. Updates are sparse: only
/// players with `Y_i != 0` in a draw are touched.
struct ratio_tally {
  std::vector<double> sy, syy, syz;
  double sz = 0, szz = 0;
  explicit ratio_tally(std::size_t n) : sy(n, 0.0), syy(n, 0.0), syz(n, 0.0) {}
  void add(std::size_t i, double y, double z) {
    sy[i] += y;
    syy[i] += y * y;
    syz[i] += y * z;
  }
  void add_z(double z) {
    sz += z;
    szz += z * z;
  }
  power_estimate finish(const sampling_options& o, const char* what) const {
    if (sz <= 0)
      throw input_error("samples", std::string("no ") + what + " was drawn in " +
                                       std::to_string(o.samples) +
                                       " samples: draw more samples");
    power_estimate e;
    const double n = static_cast<double>(o.samples);
    const double z = normal_two_sided(o.confidence);
    const double zbar = sz / n;
    e.samples = o.samples;
    e.confidence = o.confidence;
    for (std::size_t i = 0; i < sy.size(); ++i) {
      const double r = sy[i] / sz;
      // sum_k (y_k - r z_k)^2 expanded over the accumulated sums.
      const double ss = std::max(0.0, syy[i] - 2 * r * syz[i] + r * r * szz);
      const double se = std::sqrt(ss / (n * (n - 1))) / zbar;
      e.value.push_back(r);
      e.standard_error.push_back(se);
      e.lower.push_back(std::max(0.0, r - z * se));
      e.upper.push_back(std::min(1.0, r + z * se));
    }
    return e;
  }
};

/// A coalition drawn uniformly at random from a weighted game, with the totals the
/// estimators test in O(1) per player.
class weighted_draw {
 public:
  explicit weighted_draw(const weighted_game& g) : g_(g), in_(g.players(), 0) {}
  void draw(std::mt19937_64& rng) {
    sum_ = 0;
    veto_in_ = 0;
    min_free_ = std::numeric_limits<std::int64_t>::max();
    size_ = 0;
    const auto& w = g_.weights();
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (i % 64 == 0) bits = rng();
      in_[i] = static_cast<char>(bits & 1U);
      bits >>= 1;
      if (!in_[i]) continue;
      ++size_;
      sum_ += w[i];
      if (g_.is_veto(i))
        ++veto_in_;
      else
        min_free_ = std::min(min_free_, w[i]);
    }
  }
  std::size_t players() const { return in_.size(); }
  bool member(std::size_t i) const { return in_[i]; }
  std::size_t size() const { return size_; }
  bool wins() const { return veto_in_ == g_.veto().size() && sum_ >= g_.quota(); }
  /// `i` is decisive for the drawn coalition without `i`.
  bool swing(std::size_t i) const {
    const std::int64_t without = sum_ - (in_[i] ? g_.weights()[i] : 0);
    if (g_.is_veto(i))
      return veto_in_ - (in_[i] ? 1U : 0U) + 1 == g_.veto().size() &&
             without + g_.weights()[i] >= g_.quota();
    return veto_in_ == g_.veto().size() && without < g_.quota() &&
           without + g_.weights()[i] >= g_.quota();
  }
  /// Member `i` of a winning drawn coalition is needed.
  bool critical(std::size_t i) const {
    return g_.is_veto(i) || sum_ - g_.weights()[i] < g_.quota();
  }
  /// The drawn coalition is minimal winning.
  bool minimal_winning() const {
    return wins() && (min_free_ == std::numeric_limits<std::int64_t>::max() ||
                      sum_ - min_free_ < g_.quota());
  }

 private:
  const weighted_game& g_;
  std::vector<char> in_;
  std::int64_t sum_ = 0, min_free_ = 0;
  std::size_t veto_in_ = 0, size_ = 0;
};

/// A coalition drawn uniformly at random from a general simple game (predicate calls).
class predicate_draw {
 public:
  explicit predicate_draw(const simple_game& g) : g_(g) {}
  void draw(std::mt19937_64& rng) {
    s_ = rng() & g_.grand();
    wins_ = g_.wins(s_);
  }
  std::size_t players() const { return g_.players(); }
  bool member(std::size_t i) const { return s_ >> i & 1U; }
  std::size_t size() const { return static_cast<std::size_t>(std::popcount(s_)); }
  bool wins() const { return wins_; }
  bool swing(std::size_t i) const {
    const coalition bit = coalition{1} << i;
    return g_.wins(s_ | bit) && !g_.wins(s_ & ~bit);
  }
  bool critical(std::size_t i) const { return !g_.wins(s_ & ~(coalition{1} << i)); }
  bool minimal_winning() const {
    if (!wins_) return false;
    for (coalition t = s_; t; t &= t - 1)
      if (!critical(static_cast<std::size_t>(std::countr_zero(t)))) return false;
    return true;
  }

 private:
  const simple_game& g_;
  coalition s_ = 0;
  bool wins_ = false;
};

/// Draws `o.samples` uniformly random coalitions into `d` from a generator seeded with
/// `o.seed`, asking for a stop every few milliseconds, and calls `visit()` after each draw.
/// \throws input_error on bad options; interrupted when `o.stop_requested` says so.
template <class Draw, class Visit>
void for_each_draw(Draw& d, const sampling_options& o, Visit visit) {
  check_options(o);
  std::mt19937_64 rng(o.seed);
  for (std::size_t k = 0; k < o.samples; ++k) {
    poll(o, k, d.players());
    d.draw(rng);
    visit();
  }
}

template <class Draw>
power_estimate banzhaf_sampled(Draw d, banzhaf_scale scale, const sampling_options& o) {
  const std::size_t n = d.players();
  proportion_tally absolute(n);
  ratio_tally normalized(n);
  std::vector<std::size_t> swings;
  for_each_draw(d, o, [&] {
    swings.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (d.swing(i)) swings.push_back(i);
    for (std::size_t i : swings) {
      absolute.hits[i] += 1;
      normalized.add(i, 1.0, static_cast<double>(swings.size()));
    }
    normalized.add_z(static_cast<double>(swings.size()));
  });
  return scale == banzhaf_scale::absolute ? absolute.finish(o)
                                          : normalized.finish(o, "swing");
}

template <class Draw>
power_estimate minimal_winning_sampled(Draw d, bool deegan_packel, const sampling_options& o) {
  const std::size_t n = d.players();
  ratio_tally tally(n);
  for_each_draw(d, o, [&] {
    if (!d.minimal_winning()) return;
    const double size = static_cast<double>(d.size());
    const double z = deegan_packel ? 1.0 : size;
    const double y = deegan_packel ? 1.0 / size : 1.0;
    for (std::size_t i = 0; i < n; ++i)
      if (d.member(i)) tally.add(i, y, z);
    tally.add_z(z);
  });
  return tally.finish(o, "minimal winning coalition");
}

/// The players of a game in the order they arrive to vote.
using voting_order = std::vector<std::size_t>;

/// The Shapley-Shubik estimate of a game of `n` players: uniformly random voting orders
/// (Fisher-Yates shuffles), each scoring 1 for the player `pivot(order)` whose arrival first
/// makes the coalition of those arrived win.
template <class Pivot>
power_estimate shapley_shubik_sampled(std::size_t n, const sampling_options& o, Pivot pivot) {
  check_options(o);
  std::mt19937_64 rng(o.seed);
  voting_order order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  proportion_tally tally(n);
  for (std::size_t k = 0; k < o.samples; ++k) {
    poll(o, k, n);
    for (std::size_t i = n - 1; i > 0; --i) std::swap(order[i], order[bounded(rng, i + 1)]);
    tally.hits[pivot(order)] += 1;
  }
  return tally.finish(o);
}

template <class Draw>
power_estimate johnston_sampled(Draw d, const sampling_options& o) {
  const std::size_t n = d.players();
  ratio_tally tally(n);
  std::vector<std::size_t> critical;
  for_each_draw(d, o, [&] {
    if (!d.wins()) return;
    critical.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (d.member(i) && d.critical(i)) critical.push_back(i);
    if (critical.empty()) return;
    const double share = 1.0 / static_cast<double>(critical.size());
    for (std::size_t i : critical) tally.add(i, share, 1.0);
    tally.add_z(1.0);
  });
  return tally.finish(o, "vulnerable coalition");
}

}  // namespace detail

/// Monte Carlo estimate of the Banzhaf index. Each draw is a uniformly random coalition `S`
/// (every player in with probability 1/2); player `i` scores `Y_i = 1` when it swings for
/// `S \ {i}`, a uniformly random coalition of the others, so `E[Y_i] = beta'_i` (absolute,
/// Wilson interval). Normalised: `beta_i = E[Y_i] / E[sum_j Y_j]`, a ratio estimator with a
/// delta-method interval.
///
/// Complexity O(samples · n) (weighted game) or O(samples · n) predicate calls.
/// \throws input_error ("samples", "confidence") on bad options, ("samples") when no swing
///         was drawn for the normalised form.
inline power_estimate banzhaf_monte_carlo(const weighted_game& g, banzhaf_scale scale,
                                          const sampling_options& o = {}) {
  return detail::banzhaf_sampled(detail::weighted_draw(g), scale, o);
}
/// \copydoc banzhaf_monte_carlo(const weighted_game&, banzhaf_scale, const sampling_options&)
inline power_estimate banzhaf_monte_carlo(const simple_game& g, banzhaf_scale scale,
                                          const sampling_options& o = {}) {
  return detail::banzhaf_sampled(detail::predicate_draw(g), scale, o);
}

/// Monte Carlo estimate of the Shapley-Shubik index. Each draw is a uniformly random voting
/// order (Fisher-Yates shuffle); the player whose arrival first makes the coalition of those
/// arrived win is pivotal and scores 1. `phi_i` is the proportion of orders in which `i` is
/// pivotal (the estimates sum to 1); Wilson intervals.
///
/// Complexity O(samples · n) for a weighted game; for a general game the pivot is found by
/// bisection on the (monotone) prefixes, O(samples · (n + log n predicate calls)).
/// \throws input_error ("samples", "confidence") on bad options.
inline power_estimate shapley_shubik_monte_carlo(const weighted_game& g,
                                                 const sampling_options& o = {}) {
  return detail::shapley_shubik_sampled(g.players(), o, [&g](const detail::voting_order& order) {
    std::int64_t sum = 0;
    std::size_t veto_in = 0;
    for (std::size_t i : order) {
      sum += g.weights()[i];
      if (g.is_veto(i)) ++veto_in;
      if (sum >= g.quota() && veto_in == g.veto().size()) return i;
    }
    return order.back();  // not reached: the grand coalition wins
  });
}
/// \copydoc shapley_shubik_monte_carlo(const weighted_game&, const sampling_options&)
inline power_estimate shapley_shubik_monte_carlo(const simple_game& g,
                                                 const sampling_options& o = {}) {
  std::vector<coalition> prefix(g.players() + 1);
  return detail::shapley_shubik_sampled(g.players(), o, [&](const detail::voting_order& order) {
    const std::size_t n = order.size();
    for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] | coalition{1} << order[i];
    std::size_t lo = 0, hi = n;  // prefix[lo] loses, prefix[hi] wins
    while (hi - lo > 1) {
      const std::size_t mid = (lo + hi) / 2;
      (g.wins(prefix[mid]) ? hi : lo) = mid;
    }
    return order[hi - 1];
  });
}

/// Monte Carlo estimate of the Deegan-Packel index: uniformly random coalitions `S`,
/// `Y_i = [S minimal winning, i in S] / |S|`, `Z = [S minimal winning]`, `DP_i = E[Y_i]/E[Z]`
/// (ratio estimator, delta-method interval). Efficiency falls with the share of coalitions
/// that are minimal winning, which the interval shows.
/// \throws input_error ("samples") when no minimal winning coalition was drawn, or on bad
///         options.
inline power_estimate deegan_packel_monte_carlo(const weighted_game& g,
                                                const sampling_options& o = {}) {
  return detail::minimal_winning_sampled(detail::weighted_draw(g), true, o);
}
/// \copydoc deegan_packel_monte_carlo(const weighted_game&, const sampling_options&)
inline power_estimate deegan_packel_monte_carlo(const simple_game& g,
                                                const sampling_options& o = {}) {
  return detail::minimal_winning_sampled(detail::predicate_draw(g), true, o);
}

/// Monte Carlo estimate of Holler's public good index: uniformly random coalitions `S`,
/// `Y_i = [S minimal winning, i in S]`, `Z = [S minimal winning]·|S|`, `H_i = E[Y_i]/E[Z]`
/// (ratio estimator, delta-method interval).
/// \throws input_error ("samples") when no minimal winning coalition was drawn, or on bad
///         options.
inline power_estimate holler_monte_carlo(const weighted_game& g, const sampling_options& o = {}) {
  return detail::minimal_winning_sampled(detail::weighted_draw(g), false, o);
}
/// \copydoc holler_monte_carlo(const weighted_game&, const sampling_options&)
inline power_estimate holler_monte_carlo(const simple_game& g, const sampling_options& o = {}) {
  return detail::minimal_winning_sampled(detail::predicate_draw(g), false, o);
}

/// Monte Carlo estimate of the Johnston index: uniformly random coalitions `S`; when `S` is
/// winning with `c >= 1` critical members, each critical member scores `Y_i = 1/c` and
/// `Z = 1`; `J_i = E[Y_i]/E[Z]` (ratio estimator, delta-method interval).
/// \throws input_error ("samples") when no vulnerable coalition was drawn, or on bad
///         options.
inline power_estimate johnston_monte_carlo(const weighted_game& g, const sampling_options& o = {}) {
  return detail::johnston_sampled(detail::weighted_draw(g), o);
}
/// \copydoc johnston_monte_carlo(const weighted_game&, const sampling_options&)
inline power_estimate johnston_monte_carlo(const simple_game& g, const sampling_options& o = {}) {
  return detail::johnston_sampled(detail::predicate_draw(g), o);
}

}  // namespace coproduction
