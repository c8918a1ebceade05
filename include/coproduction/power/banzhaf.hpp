#pragma once
/// \file
/// The Banzhaf index (Penrose 1946; Banzhaf 1965): how often a player is decisive.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "coproduction/detail/vote_totals.hpp"
#include "coproduction/detail/winning_table.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// Which form of the Banzhaf index to return.
enum class banzhaf_scale {
  /// `beta_i = eta_i / sum_j eta_j`: shares of all swings, summing to 1 (Banzhaf 1965).
  normalized,
  /// `beta'_i = eta_i / 2^(n-1)`: the probability that player `i` is decisive when every
  /// other player votes yes or no independently with probability 1/2 (Penrose 1946; the
  /// "absolute" Banzhaf measure of Felsenthal & Machover 1998). Does not sum to 1.
  absolute,
};

namespace detail {
inline std::vector<double> finish_banzhaf(std::vector<double> absolute, banzhaf_scale scale) {
  if (scale == banzhaf_scale::absolute) return absolute;
  double total = 0;
  for (double a : absolute) total += a;
  for (double& a : absolute) a = total > 0 ? a / total : 0.0;
  return absolute;
}
}  // namespace detail

/// Banzhaf index of every player of a weighted game with veto holders, computed exactly by
/// dynamic programming over vote totals (the generating-function method of Brams & Affuso
/// 1976 and Matsui & Matsui 2000, in probability form).
///
/// Player `i` swings for coalition `S` (not containing `i`) when `S ∪ {i}` wins and `S`
/// loses; `eta_i` counts such `S`. With veto set `V`, the other players `R` and
/// `need = quota - w(V)`, a player `i` outside `V` swings exactly when `V ⊆ S` and
/// `need - w_i <= w(S ∩ R) <= need - 1`, and a veto holder swings exactly when
/// `V \ {i} ⊆ S` and `w(S ∩ R) >= need` (conditioning on the veto holders being present
/// makes the veto rule exact). One forward convolution gives the distribution of the votes of
/// a random subset of `R`; for each distinct weight `w` the probability that the others'
/// total falls in the window of length `w` follows from the removal recurrence, summed block
/// by block over prefix sums.
///
/// Counts reach 2^(n-1), so the table holds probabilities (counts divided by 2^|R|) in
/// double precision: the convolution only adds non-negative numbers (relative error about
/// n·ε per entry), the prefix sums are kept in extended precision and the removal recurrence
/// never multiplies an error by more than 1. The absolute error of each value is far below
/// 1e-12; agreement with exact enumeration is tested to 1e-13. Values smaller than about
/// 1e-300 of the largest are flushed to zero.
///
/// Range: `[0, 1]`; 0 exactly for a null player (one who never swings), 1 (normalised) for a
/// dictator; players with equal weight and equal veto status get equal values.
///
/// Complexity: O(|R| · c + sum_w c/w) time (the sum over the distinct weights `w` of `R`) and
/// O(c) memory, where `c <= W` is the largest relevant vote total (`max(need-1, W_R-need)`),
/// 32 bytes per total. Both are estimated before anything is allocated: above
/// `max_exact_table_bytes` (1 GiB, about 33 million totals) or `max_exact_table_cells`
/// (10^12 cells, `(|R| + distinct weights + 1) · (c + 1)`) the game is refused.
/// \throws limit_exceeded ("weights") when the tables exceed those limits or cannot be
///         allocated; interrupted when `stop_requested` (asked every 2^25 table
///         cells, about 10 ms) returns true.
inline std::vector<double> banzhaf(const weighted_game& g,
                                   banzhaf_scale scale = banzhaf_scale::normalized,
                                   const stop_check& stop_requested = {}) {
  detail::flush_subnormals guard;
  const detail::lattice_plan plan(g);
  detail::check_exact_tables("Banzhaf index", plan.totals(), plan.bytes(), plan.cells());
  return detail::guard_allocation("Banzhaf index", plan.bytes(), [&] {
    detail::stop_meter meter(stop_requested, detail::cells_per_poll);
    detail::lattice_scratch scratch;
    detail::swing_pair_result at;
    detail::swing_pair(plan, 0.5, true, false, scratch, at, meter);
    const double veto_factor = std::ldexp(1.0, -static_cast<int>(plan.veto_count));
    std::vector<double> absolute(g.players(), 0.0);
    for (std::size_t i = 0; i < g.players(); ++i) {
      if (g.is_veto(i))
        absolute[i] = 2.0 * veto_factor * at.veto_direct;
      else if (plan.class_of[i] != detail::lattice_plan::npos)
        absolute[i] = veto_factor * at.direct[plan.class_of[i]];
    }
    return detail::finish_banzhaf(std::move(absolute), scale);
  });
}

/// Banzhaf index of a general simple game by enumerating its 2^n coalitions:
/// `eta_i = #{S ∌ i : S ∪ {i} wins, S loses}`, normalised as `scale` says.
///
/// Complexity O(n 2^n) time, 2^n bits of memory.
/// \throws input_error ("players") above `max_enumeration_players`, ("winning") when the
///         game is not monotone; interrupted when `stop_requested` (asked every 2^22
///         coalitions) returns true.
inline std::vector<double> banzhaf(const simple_game& g,
                                   banzhaf_scale scale = banzhaf_scale::normalized,
                                   const stop_check& stop_requested = {}) {
  const detail::winning_table table(g, stop_requested);
  const std::size_t n = g.players();
  std::vector<std::uint64_t> swings(n, 0);
  table.for_each_winning([&](coalition s) {
    for (coalition t = s; t; t &= t - 1) {
      const int i = std::countr_zero(t);
      if (!table.wins(s ^ (coalition{1} << i))) ++swings[static_cast<std::size_t>(i)];
    }
  }, stop_requested);
  std::vector<double> absolute(n);
  for (std::size_t i = 0; i < n; ++i)
    absolute[i] = std::ldexp(static_cast<double>(swings[i]), -static_cast<int>(n - 1));
  return detail::finish_banzhaf(std::move(absolute), scale);
}

}  // namespace coproduction
