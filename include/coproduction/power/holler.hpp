#pragma once
/// \file
/// The Holler public good index (Holler 1982): power as membership of minimal winning
/// coalitions, the decision being a public good that every member of the coalition enjoys.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "coproduction/power/minimal_winning.hpp"

namespace coproduction {

/// Holler's public good index of every player of `g` (a `simple_game` or a
/// `weighted_game`):
///
///     H_i = |M_i| / sum_j |M_j|
///
/// where `M_i` is the set of minimal winning coalitions containing `i`. Range `[0, 1]`,
/// summing to 1; 0 for a null player; not monotone in the weights (Holler 1982 discusses the
/// paradox). Reading for a partnership: how often a partner is an indispensable member of a
/// lean coalition that carries the decision.
///
/// Complexity: that of `for_each_minimal_winning` plus O(|S|) per coalition.
/// At most `max_coalitions` minimal winning coalitions are visited (10^8 by default, a few
/// seconds); a weighted game with more is refused before the first, naming their number.
/// \throws as `for_each_minimal_winning`: limit_exceeded ("max_coalitions") above
///         `max_coalitions`, interrupted when `stop_requested` returns true.
template <class Game>
std::vector<double> holler(const Game& g,
                           std::uint64_t max_coalitions = default_max_visited_coalitions,
                           const stop_check& stop_requested = {}) {
  return detail::minimal_winning_shares(g, false, max_coalitions, stop_requested);
}

}  // namespace coproduction
