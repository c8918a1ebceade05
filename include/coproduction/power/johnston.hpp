#pragma once
/// \file
/// The Johnston index (Johnston 1978): power shared among the members who are critical in
/// each winning coalition, a player being the more powerful the fewer others share that role.

#include <bit>
#include <cstddef>
#include <vector>

#include "coproduction/detail/winning_table.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

namespace detail {
inline std::vector<double> johnston_from_table(const winning_table& table,
                                               const stop_check& stop_requested) {
  std::vector<double> j(table.players(), 0.0);
  double vulnerable = 0;
  table.for_each_winning([&](coalition s) {
    coalition critical = 0;
    for (coalition t = s; t; t &= t - 1) {
      const coalition bit = t & (~t + 1);
      if (!table.wins(s ^ bit)) critical |= bit;
    }
    if (!critical) return;
    const double share = 1.0 / std::popcount(critical);
    for (coalition t = critical; t; t &= t - 1)
      j[static_cast<std::size_t>(std::countr_zero(t))] += share;
    vulnerable += 1;
  }, stop_requested);
  for (double& x : j) x /= vulnerable;
  return j;
}
}  // namespace detail

/// Johnston index of every player of `g` (a `simple_game` or a `weighted_game`):
///
///     J_i = (1/|VC|) · sum_{S in VC, i critical in S} 1/c(S)
///
/// where a member `i` of a winning coalition `S` is critical when `S \ {i}` loses, `c(S)` is
/// the number of critical members of `S`, and `VC` the set of vulnerable coalitions (winning
/// with at least one critical member). Range `[0, 1]`, summing to 1; 0 for a null player, 1
/// for a dictator. Compared with Banzhaf it credits a swing more when few share it.
///
/// Complexity O(n 2^n) time and 2^n bits of memory (every winning coalition is visited).
/// \throws input_error ("players") above `max_enumeration_players`, ("winning") when a
///         general game is not monotone; interrupted when `stop_requested` (asked
///         every 2^22 coalitions) returns true.
template <class Game>
std::vector<double> johnston(const Game& g, const stop_check& stop_requested = {}) {
  return detail::johnston_from_table(detail::winning_table(g, stop_requested), stop_requested);
}

}  // namespace coproduction
