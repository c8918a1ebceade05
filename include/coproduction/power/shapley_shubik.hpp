#pragma once
/// \file
/// The Shapley-Shubik index (Shapley & Shubik 1954): the share of voting orders in which a
/// player is pivotal.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <vector>

#include "coproduction/detail/vote_totals.hpp"
#include "coproduction/detail/winning_table.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

namespace detail {

/// Gauss-Legendre rule with `m` nodes on [0, 1]: exact for polynomials of degree up to
/// `2m-1`. Only the nodes `p <= 1/2` are returned (the rule is symmetric: node `p` pairs with
/// `1-p`, same weight); `middle` receives the weight of the node 1/2 when `m` is odd, else 0.
/// Newton iteration on the Legendre recurrence, tracking `1-x` separately so that nodes near
/// 0 keep full relative precision. O(m^2), reported to `meter` when one is given.
struct quadrature_half {
  std::vector<double> node, weight;
  double middle = 0;
};

inline quadrature_half gauss_legendre_half(std::size_t m, stop_meter* meter = nullptr) {
  quadrature_half out;
  const std::size_t pairs = m / 2;
  out.node.resize(pairs);
  out.weight.resize(pairs);
  const double md = static_cast<double>(m);
  auto legendre = [m](double x, double& pm, double& pm1) {
    double p0 = 1.0, p1 = x;
    if (m == 0) {
      pm = 1.0;
      pm1 = 0.0;
      return;
    }
    for (std::size_t k = 2; k <= m; ++k) {
      const double kd = static_cast<double>(k);
      const double p2 = ((2 * kd - 1) * x * p1 - (kd - 1) * p0) / kd;
      p0 = p1;
      p1 = p2;
    }
    pm = p1;
    pm1 = p0;
  };
  for (std::size_t i = 0; i < pairs; ++i) {
    // i-th largest root x = cos(theta); d = 1 - x carried separately.
    const double theta = std::numbers::pi * (static_cast<double>(i) + 0.75) / (md + 0.5);
    double d = 2.0 * std::sin(theta / 2) * std::sin(theta / 2);
    double x = std::cos(theta);
    double pm = 0, pm1 = 0, dp = 0;
    for (int it = 0; it < 100; ++it) {
      if (meter) meter->add(m);
      legendre(x, pm, pm1);
      dp = md * (x * pm - pm1) / (-(d * (2.0 - d)));
      const double dx = pm / dp;
      x -= dx;
      d += dx;
      if (std::abs(dx) <= 1e-16 * std::max(1.0, std::abs(x)) && it > 1) break;
    }
    legendre(x, pm, pm1);
    dp = md * (x * pm - pm1) / (-(d * (2.0 - d)));
    out.node[i] = d / 2.0;                                   // (1 - x) / 2
    out.weight[i] = 1.0 / (d * (2.0 - d) * dp * dp);         // (2/((1-x^2) P'^2)) / 2
  }
  if (m % 2 == 1) {
    double pm = 0, pm1 = 0;
    legendre(0.0, pm, pm1);
    const double dp = md * (0.0 * pm - pm1) / -1.0;
    out.middle = 1.0 / (dp * dp);
  }
  return out;
}

/// Hoeffding's bound on the probability that a sum of independent variables with ranges
/// `[0, w_k]` (sum of squared ranges `s2`) and mean `mu` falls in `[a, b]`.
inline double hoeffding_window(double mu, double s2, double a, double b) {
  if (s2 <= 0) return (a <= 0 && 0 <= b) ? 1.0 : 0.0;
  if (mu < a) return std::exp(-2.0 * (a - mu) * (a - mu) / s2);
  if (mu > b) return std::exp(-2.0 * (mu - b) * (mu - b) / s2);
  return 1.0;
}

}  // namespace detail

/// Integrand contributions below this bound are skipped by `shapley_shubik(weighted_game)`;
/// see there.
inline constexpr double shapley_shubik_skip_bound = 1e-20;

/// Shapley-Shubik index of every player of a weighted game with veto holders, computed
/// exactly over vote totals.
///
/// `phi_i = sum_{S ∌ i, i swings for S} |S|! (n-1-|S|)! / n!`: the share of the n! voting
/// orders in which `i` is pivotal. Writing the weight as a Beta integral,
/// `|S|!(n-1-|S|)!/n! = ∫_0^1 p^|S| (1-p)^(n-1-|S|) dp`, gives Owen's (1972) multilinear
/// form `phi_i = ∫_0^1 P_p(i swings) dp`, where every other player joins independently with
/// probability `p`. The integrand is a polynomial of degree at most `n'-1` (`n'` players with
/// positive weight or a veto), so a Gauss-Legendre rule with `ceil(n'/2)` nodes integrates it
/// exactly; at each node `P_p(i swings)` comes from the same dynamic programme over vote
/// totals as `banzhaf` (one convolution, then block sums of the removal recurrence per
/// distinct weight; the node pairs `p`, `1-p` share one table). This replaces the O(n^2 W) table over (size, sum) of Matsui
/// & Matsui (2000) with O(W) memory and convex, numerically stable updates.
///
/// A node is skipped when Hoeffding's (1963) inequality bounds every player's integrand
/// there by `shapley_shubik_skip_bound` (the vote total of a random coalition is then
/// provably far from the quota); since the weights sum to 1 this changes no value by more
/// than 1e-20, far below rounding. For games with many players this skips most nodes.
///
/// Veto holders are handled exactly: a player outside `V` swings only when all of `V` is
/// present (factor `p^|V|`), a veto holder when the others of `V` are (`p^(|V|-1)`).
///
/// Precision: double; every value carries an absolute error of order 1e-14 or less (tested
/// against exact enumeration to 1e-12). The values sum to 1 up to rounding.
///
/// Range: `[0, 1]`, summing to 1; 0 for a null player, 1 for a dictator.
///
/// Complexity: O(K · (|R| · c + sum_w c/w)) time, O(c) memory (32 bytes per vote total),
/// with `K <= ceil(n'/4)+1` node pairs kept (about a quarter of them for a thousand
/// players), `c <= W`. Both are estimated before the tables are allocated, from the nodes
/// actually kept: above `max_exact_table_bytes` (1 GiB) or `max_exact_table_cells` (10^12
/// cells, `K · (|R| + distinct weights + 1) · (c + 1)`) the game is refused.
/// \throws limit_exceeded ("weights") when the tables exceed those limits or cannot be
///         allocated; interrupted when `stop_requested` (asked once per node and every
///         2^25 table cells, about 10 ms) returns true.
inline std::vector<double> shapley_shubik(const weighted_game& g,
                                          const stop_check& stop_requested = {}) {
  detail::flush_subnormals guard;
  const detail::lattice_plan plan(g);
  const std::size_t n = g.players();
  // One table at least: a game refused on that is refused before the quadrature rule.
  detail::check_exact_tables("Shapley-Shubik index", plan.totals(), plan.bytes(), plan.cells());
  detail::stop_meter meter(stop_requested, detail::cells_per_poll);
  const std::size_t m = (plan.active + 1) / 2;
  const detail::quadrature_half rule = detail::gauss_legendre_half(m, &meter);

  double s2 = 0;
  for (std::int64_t w : plan.free_weights) s2 += static_cast<double>(w) * static_cast<double>(w);
  const double wr = static_cast<double>(plan.free_total);
  const double need = static_cast<double>(plan.need);
  const int v = static_cast<int>(plan.veto_count);
  // Largest integrand over all players at node p: the value decides whether to skip it.
  auto bound = [&](double p) {
    meter.add(plan.distinct.size() + 1);
    double b = 0;
    for (std::int64_t w : plan.distinct) {
      const double wd = static_cast<double>(w);
      b = std::max(b, std::pow(p, v) *
                          detail::hoeffding_window(p * (wr - wd), s2 - wd * wd, need - wd,
                                                   need - 1));
    }
    if (v > 0)
      b = std::max(b, std::pow(p, v - 1) * detail::hoeffding_window(p * wr, s2, need, wr));
    return b;
  };

  // Which side of each node pair matters, decided before any table is made so that the
  // work can be estimated from the tables actually needed.
  std::vector<char> low(rule.node.size()), high(rule.node.size());
  std::uint64_t tables = 0;
  for (std::size_t k = 0; k < rule.node.size(); ++k) {
    low[k] = bound(rule.node[k]) > shapley_shubik_skip_bound;
    high[k] = bound(1.0 - rule.node[k]) > shapley_shubik_skip_bound;
    tables += (low[k] || high[k]) ? 1 : 0;
  }
  const bool middle = rule.middle > 0 && bound(0.5) > shapley_shubik_skip_bound;
  tables += middle ? 1 : 0;
  detail::check_exact_tables("Shapley-Shubik index", plan.totals(), plan.bytes(),
                             detail::saturated_product(plan.cells(), tables));

  return detail::guard_allocation("Shapley-Shubik index", plan.bytes(), [&] {
    std::vector<double> phi(n, 0.0);
    detail::lattice_scratch scratch;
    detail::swing_pair_result at;
    auto accumulate = [&](double p, double weight, const std::vector<double>& swing,
                          double veto_swing) {
      const double pv = std::pow(p, v);
      const double pv1 = v > 0 ? std::pow(p, v - 1) : 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if (g.is_veto(i))
          phi[i] += weight * pv1 * veto_swing;
        else if (plan.class_of[i] != detail::lattice_plan::npos)
          phi[i] += weight * pv * swing[plan.class_of[i]];
      }
    };
    for (std::size_t k = 0; k < rule.node.size(); ++k) {
      const double p = rule.node[k];
      if (!low[k] && !high[k]) continue;
      if (stop_requested && stop_requested()) throw interrupted();
      detail::swing_pair(plan, p, low[k], high[k], scratch, at, meter);
      if (low[k]) accumulate(p, rule.weight[k], at.direct, at.veto_direct);
      if (high[k]) accumulate(1.0 - p, rule.weight[k], at.mirrored, at.veto_mirrored);
    }
    if (middle) {
      detail::swing_pair(plan, 0.5, true, false, scratch, at, meter);
      accumulate(0.5, rule.middle, at.direct, at.veto_direct);
    }
    for (double& x : phi) x = std::clamp(x, 0.0, 1.0);
    return phi;
  });
}

/// Shapley-Shubik index of a general simple game by enumerating its 2^n coalitions:
/// `phi_i = sum_{S ∌ i: S∪{i} wins, S loses} |S|!(n-1-|S|)!/n!`.
///
/// Complexity O(n 2^n) time, 2^n bits of memory.
/// \throws input_error ("players") above `max_enumeration_players`, ("winning") when the
///         game is not monotone; interrupted when `stop_requested` (asked every 2^22
///         coalitions) returns true.
inline std::vector<double> shapley_shubik(const simple_game& g,
                                          const stop_check& stop_requested = {}) {
  const detail::winning_table table(g, stop_requested);
  const std::size_t n = g.players();
  // coef[k] = k!(n-1-k)!/n! = 1 / (n * C(n-1, k)), exact in double for n <= 25.
  std::vector<double> coef(n);
  double binom = 1;
  for (std::size_t k = 0; k < n; ++k) {
    coef[k] = 1.0 / (static_cast<double>(n) * binom);
    binom = binom * static_cast<double>(n - 1 - k) / static_cast<double>(k + 1);
  }
  std::vector<double> phi(n, 0.0);
  table.for_each_winning([&](coalition s) {
    const double c = coef[static_cast<std::size_t>(std::popcount(s)) - 1];
    for (coalition t = s; t; t &= t - 1) {
      const int i = std::countr_zero(t);
      if (!table.wins(s ^ (coalition{1} << i))) phi[static_cast<std::size_t>(i)] += c;
    }
  }, stop_requested);
  return phi;
}

}  // namespace coproduction
