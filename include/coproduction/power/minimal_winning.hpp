#pragma once
/// \file
/// Minimal winning coalitions: the winning coalitions in which every member is needed.
/// They carry the Deegan-Packel and Holler indices and describe a decision rule in the
/// smallest terms (which partners must agree).

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// Calls `f(s)` for every minimal winning coalition `s` of a general simple game: `s` wins
/// and `s \ {i}` loses for every member `i`. Scans the table of winning coalitions, testing
/// each member's removal with a bit flip; coalitions are visited in ascending order.
///
/// Complexity O(n 2^n) time, 2^n bits of memory.
/// \throws input_error ("players") above `max_enumeration_players`, ("winning") when the
///         game is not monotone.
template <class F>
void for_each_minimal_winning(const simple_game& g, F&& f) {
  const detail::winning_table table(g);
  table.for_each_winning([&](coalition s) {
    for (coalition t = s; t; t &= t - 1)
      if (table.wins(s ^ (t & (~t + 1)))) return;
    f(s);
  });
}

/// Calls `f(s)` for every minimal winning coalition of a weighted game with veto holders.
///
/// Depth-first search over the non-veto players sorted by decreasing weight, starting from
/// the veto set `V`: adding players in that order, the first time the votes reach the quota
/// the coalition is minimal (its lightest member, the one just added, is needed, hence every
/// heavier one too, and veto holders always are), and no superset along that branch is; a
/// branch stops as soon as the remaining weight cannot reach the quota. The search therefore
/// visits only prefixes of minimal winning coalitions: O(n · |M|) time for `|M|` coalitions,
/// O(n) memory. Players of weight 0 outside `V` are in no minimal winning coalition.
///
/// \throws input_error ("players") above 64 players (a coalition is a 64-bit set).
template <class F>
void for_each_minimal_winning(const weighted_game& g, F&& f) {
  if (g.players() > max_coalition_players)
    throw input_error("players", "coalitions are 64-bit sets: at most 64 players (got " +
                                     std::to_string(g.players()) + ")");
  coalition veto = 0;
  for (std::size_t v : g.veto()) veto |= coalition{1} << v;
  const std::int64_t need = g.quota() - g.veto_weight();
  if (need <= 0) {
    f(veto);
    return;
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < g.players(); ++i)
    if (!g.is_veto(i) && g.weights()[i] > 0) order.push_back(i);
  const auto& w = g.weights();
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });
  std::vector<std::int64_t> suffix(order.size() + 1, 0);
  for (std::size_t k = order.size(); k-- > 0;) suffix[k] = suffix[k + 1] + w[order[k]];
  auto search = [&](auto&& self, std::size_t from, std::int64_t sum, coalition s) -> void {
    for (std::size_t k = from; k < order.size(); ++k) {
      if (sum + suffix[k] < need) return;
      const std::int64_t next = sum + w[order[k]];
      const coalition t = s | coalition{1} << order[k];
      if (next >= need)
        f(t);
      else
        self(self, k + 1, next, t);
    }
  };
  search(search, 0, 0, veto);
}

/// All minimal winning coalitions of `g` (a `simple_game` or a `weighted_game`), in the
/// order `for_each_minimal_winning` visits them. Same complexity and exceptions.
template <class Game>
std::vector<coalition> minimal_winning_coalitions(const Game& g) {
  std::vector<coalition> out;
  for_each_minimal_winning(g, [&](coalition s) { out.push_back(s); });
  return out;
}

}  // namespace coproduction
