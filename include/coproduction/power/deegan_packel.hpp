#pragma once
/// \file
/// The Deegan-Packel index (Deegan & Packel 1978): power as an equal share of the spoils of
/// each minimal winning coalition, every such coalition being equally likely to form.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "coproduction/power/minimal_winning.hpp"

namespace coproduction {

/// Deegan-Packel index of every player of `g` (a `simple_game` or a `weighted_game`):
///
///     DP_i = (1/|M|) · sum_{S in M, i in S} 1/|S|
///
/// where `M` is the set of minimal winning coalitions. Range `[0, 1]`, summing to 1; 0 for a
/// player in no minimal winning coalition (a null player); unlike Banzhaf and Shapley-Shubik
/// it is not monotone in the weights. Reading for a partnership: the share of a decision a
/// partner would hold if only lean coalitions form and share equally.
///
/// Complexity: that of `for_each_minimal_winning` plus O(n) per coalition.
/// At most `max_coalitions` minimal winning coalitions are visited (10^8 by default, a few
/// seconds); a weighted game with more is refused before the first, naming their number.
/// \throws as `for_each_minimal_winning`: limit_exceeded ("max_coalitions") above
///         `max_coalitions`, interrupted when `stop_requested` returns true.
template <class Game>
std::vector<double> deegan_packel(const Game& g,
                                  std::uint64_t max_coalitions = default_max_visited_coalitions,
                                  const stop_check& stop_requested = {}) {
  return detail::minimal_winning_shares(g, true, max_coalitions, stop_requested);
}

}  // namespace coproduction
