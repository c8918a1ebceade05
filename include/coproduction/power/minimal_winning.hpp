#pragma once
/// \file
/// Minimal winning coalitions: the winning coalitions in which every member is needed.
/// They carry the Deegan-Packel and Holler indices and describe a decision rule in the
/// smallest terms (which partners must agree).
///
/// Their number can be astronomical (64 holders of one vote with a quota of 32 have
/// C(64, 32) ≈ 1.8·10^18), so every enumeration here is limited: a weighted game's
/// coalitions are counted first (`minimal_winning_count`, cheap), and a game with more than
/// `max_coalitions` is refused with `limit_exceeded` before any is visited; the enumeration
/// itself also stops there, and asks its `stop_check` every 2^18 steps.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <new>
#include <numeric>
#include <string>
#include <vector>

#include "coproduction/detail/winning_table.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// Largest number of vote totals (after dividing the votes by their greatest common divisor)
/// up to which `minimal_winning_count` counts exactly: 2^22, a 32 MiB table and about 0.1 s.
inline constexpr std::int64_t max_counted_votes = std::int64_t{1} << 22;

/// The number of minimal winning coalitions of a game: exact, or a sound upper bound.
struct coalition_count {
  std::uint64_t count = 0;  ///< the number, or an upper bound on it when `!exact`
  bool exact = false;       ///< whether `count` is the number itself
  bool operator==(const coalition_count&) const = default;
};

/// Counts the minimal winning coalitions of a weighted game with veto holders without
/// listing them.
///
/// With veto set `V`, the players `R` outside it with positive weight (ordered by decreasing
/// weight) and `need = quota - w(V)`: when `need <= 0` the veto set alone is the only one;
/// otherwise a coalition `V ∪ T` (`T ⊆ R`) is minimal winning iff `w(T) >= need` and
/// `w(T) - w_k < need` for its lightest member `k` (veto holders are always needed, and if
/// the lightest member is needed so is every heavier one). Counting each `T` by its last
/// member `k` in that order,
///
///     |M| = sum_k #{S ⊆ {players before k} : need - w_k <= w(S) <= need - 1},
///
/// a dynamic programme over the subset sums below `need` (`O(|R| · need)` time, `O(need)`
/// memory), after dividing the weights by their greatest common divisor `d` (sums are then
/// multiples of `d`: `need` becomes `ceil(need / d)`). Exact when that is at most
/// `max_counted_votes` (and its table can be allocated). Otherwise the count is bounded by
/// the LYM inequality (Lubell 1966): the minimal winning coalitions form an antichain, and
/// all their sizes lie in `[t_lo, t_hi]` (`t_lo` the fewest heaviest players that reach
/// `need`; `t_hi` the most players a coalition can have, since its `t - 1` heaviest members
/// are worth at least the `t - 1` lightest players and stay below `need`), so
/// `|M| <= max_{t_lo <= t <= t_hi} C(|R|, t)`.
///
/// Counts fit 64 bits: a game of at most 64 players has at most C(64, 32) < 2^61 of them.
/// \throws input_error ("players") above 64 players; interrupted when `stop_requested`
///         (asked every 2^25 table cells) returns true.
inline coalition_count minimal_winning_count(const weighted_game& g,
                                             const stop_check& stop_requested = {}) {
  if (g.players() > max_coalition_players)
    throw input_error("players", "coalitions are 64-bit sets: at most 64 players (got " +
                                     std::to_string(g.players()) + ")");
  const std::int64_t need = g.quota() - g.veto_weight();
  if (need <= 0) return {1, true};
  std::vector<std::int64_t> r;
  std::int64_t divisor = 0;
  for (std::size_t i = 0; i < g.players(); ++i)
    if (!g.is_veto(i) && g.weights()[i] > 0) {
      r.push_back(g.weights()[i]);
      divisor = std::gcd(divisor, g.weights()[i]);
    }
  std::sort(r.begin(), r.end(), std::greater<>());
  const std::int64_t reduced_need = (need + divisor - 1) / divisor;
  std::vector<std::uint64_t> below;
  if (reduced_need <= max_counted_votes) {
    try {
      below.assign(static_cast<std::size_t>(reduced_need), 0);
    } catch (const std::bad_alloc&) {
      below = {};  // no room for the table: the bound below is still sound
    }
  }
  if (!below.empty()) {
    detail::stop_meter meter(stop_requested, detail::cells_per_poll);
    // below[s]: subsets of the players seen so far with reduced total s < reduced_need. Each
    // entry counts subsets of at most 63 players, so it stays below 2^63.
    below[0] = 1;
    std::uint64_t count = 0;
    for (std::int64_t weight : r) {
      const std::int64_t x = weight / divisor;
      for (std::int64_t s = std::max<std::int64_t>(0, reduced_need - x); s < reduced_need; ++s)
        count += below[static_cast<std::size_t>(s)];
      for (std::int64_t s = reduced_need - 1; s >= x; --s)
        below[static_cast<std::size_t>(s)] += below[static_cast<std::size_t>(s - x)];
      meter.add(static_cast<std::uint64_t>(reduced_need));
    }
    return {count, true};
  }
  const std::size_t m = r.size();
  std::size_t t_lo = 0, t_hi = 0;
  std::int64_t heaviest = 0;
  while (t_lo < m && heaviest < need) heaviest += r[t_lo++];
  std::int64_t lightest = 0;  // the t_hi lightest, while it stays below need
  while (t_hi < m && lightest < need) lightest += r[m - 1 - t_hi++];
  // Now the t_hi lightest reach need (or t_hi = m): a coalition of t members has its t - 1
  // heaviest worth at least the t - 1 lightest players, so t - 1 < t_hi.
  const std::size_t top = std::clamp(m / 2, t_lo, std::max(t_lo, t_hi));
  __extension__ typedef unsigned __int128 wide;
  wide binomial = 1;  // C(m, top), exact: at most C(64, 32), each step below 2^70
  for (std::size_t k = 0; k < top; ++k) binomial = binomial * (m - k) / (k + 1);
  return {static_cast<std::uint64_t>(binomial), false};
}

namespace detail {

/// Refuses an enumeration of minimal winning coalitions that exceeds `limit`: `count` is
/// the exact number or an upper bound (`exact`), or, for a general game, unknown
/// (`known = false`: the enumeration reached the limit). `listed` says whether they were to
/// be kept (8 bytes each) or only visited.
[[noreturn]] inline void too_many_coalitions(std::uint64_t limit, coalition_count count,
                                             bool known, bool listed) {
  std::string detail;
  std::uint64_t estimate = count.count;
  if (known && count.exact) {
    detail = "the game has " + grouped(count.count) + " minimal winning coalitions, more than " +
             "max_coalitions = " + grouped(limit);
  } else if (known) {
    detail = "the game has more than max_coalitions = " + grouped(limit) +
             " minimal winning coalitions (at most " + grouped(count.count) + ")";
  } else {
    estimate = saturated_sum(limit, 1);
    detail = "the game has more than max_coalitions = " + grouped(limit) +
             " minimal winning coalitions";
  }
  if (listed) {
    const std::uint64_t at_least = known && count.exact ? count.count : saturated_sum(limit, 1);
    detail += "; listing them takes at least " +
              byte_size(saturated_product(at_least, sizeof(coalition)));
  }
  detail += listed ? "; raise max_coalitions to list them all, or estimate the indices that "
                     "rest on them (Deegan-Packel, Holler) by Monte Carlo sampling "
                     "(method=\"monte_carlo\")"
                   : "; raise max_coalitions to visit them all (the time grows with their "
                     "number), or " + std::string(monte_carlo_way_out);
  throw limit_exceeded("max_coalitions", "minimal winning coalitions", estimate, limit, detail);
}

inline void check_max_coalitions(std::uint64_t max_coalitions) {
  if (max_coalitions == 0)
    throw input_error("max_coalitions", "must be at least 1: every game has a minimal winning "
                                        "coalition");
}

/// Visits the minimal winning coalitions of a weighted game, counted first; see
/// `for_each_minimal_winning`.
template <class F>
void enumerate_minimal_winning(const weighted_game& g, F&& f, std::uint64_t max_coalitions,
                               const stop_check& stop_requested, bool listed) {
  check_max_coalitions(max_coalitions);
  const coalition_count expected = minimal_winning_count(g, stop_requested);
  if (expected.exact && expected.count > max_coalitions)
    too_many_coalitions(max_coalitions, expected, true, listed);
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
  stop_meter meter(stop_requested, visits_per_poll);
  std::uint64_t found = 0;
  auto search = [&](auto&& self, std::size_t from, std::int64_t sum, coalition s) -> void {
    for (std::size_t k = from; k < order.size(); ++k) {
      meter.add(1);
      if (sum + suffix[k] < need) return;
      const std::int64_t next = sum + w[order[k]];
      const coalition t = s | coalition{1} << order[k];
      if (next >= need) {
        // Belt and braces: the count above is only a bound for large vote totals.
        if (++found > max_coalitions) too_many_coalitions(max_coalitions, expected, true, listed);
        f(t);
      } else {
        self(self, k + 1, next, t);
      }
    }
  };
  search(search, 0, 0, veto);
}

/// Visits the minimal winning coalitions of a general game; see `for_each_minimal_winning`.
template <class F>
void enumerate_minimal_winning(const simple_game& g, F&& f, std::uint64_t max_coalitions,
                               const stop_check& stop_requested, bool listed) {
  check_max_coalitions(max_coalitions);
  const winning_table table(g, stop_requested);
  std::uint64_t found = 0;
  table.for_each_winning([&](coalition s) {
    for (coalition t = s; t; t &= t - 1)
      if (table.wins(s ^ (t & (~t + 1)))) return;
    if (++found > max_coalitions) too_many_coalitions(max_coalitions, {}, false, listed);
    f(s);
  }, stop_requested);
}

}  // namespace detail

/// Calls `f(s)` for every minimal winning coalition `s` of a general simple game: `s` wins
/// and `s \ {i}` loses for every member `i`. Scans the table of winning coalitions, testing
/// each member's removal with a bit flip; coalitions are visited in ascending order. At most
/// `max_coalitions` are visited: the next one throws.
///
/// Complexity O(n 2^n) time, 2^n bits of memory.
/// \throws input_error ("players") above `max_enumeration_players`, ("winning") when the
///         game is not monotone, ("max_coalitions") when it is 0; limit_exceeded
///         ("max_coalitions") on finding more than `max_coalitions`; interrupted when
///         `stop_requested` (asked every 2^22 coalitions) returns true.
template <class F>
void for_each_minimal_winning(const simple_game& g, F&& f,
                              std::uint64_t max_coalitions = default_max_visited_coalitions,
                              const stop_check& stop_requested = {}) {
  detail::enumerate_minimal_winning(g, f, max_coalitions, stop_requested, false);
}

/// Calls `f(s)` for every minimal winning coalition of a weighted game with veto holders.
///
/// First counts them (`minimal_winning_count`): a game with more than `max_coalitions` is
/// refused before any is visited. Then a depth-first search over the non-veto players sorted
/// by decreasing weight, starting from the veto set `V`: adding players in that order, the
/// first time the votes reach the quota the coalition is minimal (its lightest member, the
/// one just added, is needed, hence every heavier one too, and veto holders always are), and
/// no superset along that branch is; a branch stops as soon as the remaining weight cannot
/// reach the quota. The search therefore visits only prefixes of minimal winning coalitions:
/// O(n · |M|) time for `|M|` coalitions, O(n) memory. Players of weight 0 outside `V` are in
/// no minimal winning coalition. When the count is only a bound, the search stops at
/// `max_coalitions` all the same.
///
/// \throws input_error ("players") above 64 players (a coalition is a 64-bit set),
///         ("max_coalitions") when it is 0; limit_exceeded ("max_coalitions") when there
///         are more than `max_coalitions`, naming their number; interrupted when
///         `stop_requested` (asked every 2^18 steps of the search) returns true.
template <class F>
void for_each_minimal_winning(const weighted_game& g, F&& f,
                              std::uint64_t max_coalitions = default_max_visited_coalitions,
                              const stop_check& stop_requested = {}) {
  detail::enumerate_minimal_winning(g, f, max_coalitions, stop_requested, false);
}

/// All minimal winning coalitions of `g` (a `simple_game` or a `weighted_game`), in the
/// order `for_each_minimal_winning` visits them; at most `max_coalitions` of them
/// (`default_max_listed_coalitions`, 10^6, 8 bytes each). Same complexity and exceptions.
/// \throws as `for_each_minimal_winning`; limit_exceeded ("bytes") when the list cannot be
///         allocated.
template <class Game>
std::vector<coalition> minimal_winning_coalitions(
    const Game& g, std::uint64_t max_coalitions = default_max_listed_coalitions,
    const stop_check& stop_requested = {}) {
  std::vector<coalition> out;
  try {
    detail::enumerate_minimal_winning(g, [&](coalition s) { out.push_back(s); }, max_coalitions,
                                      stop_requested, true);
  } catch (const std::bad_alloc&) {
    const std::uint64_t bytes = detail::saturated_product(out.size() + 1, sizeof(coalition));
    out = {};
    throw limit_exceeded("max_coalitions", "bytes", bytes,
                         detail::saturated_product(max_coalitions, sizeof(coalition)),
                         "could not allocate the list of " + detail::grouped(bytes / 8) +
                             " minimal winning coalitions: the machine has less free memory; "
                             "lower max_coalitions or estimate the indices by Monte Carlo "
                             "sampling (method=\"monte_carlo\")");
  }
  return out;
}

namespace detail {

/// What the Deegan-Packel and Holler indices share: every minimal winning coalition `S`
/// credits each member with `1/|S|` (`split`, Deegan-Packel: the spoils shared out) or with 1
/// (Holler: a public good every member enjoys), and the credits are divided by their total
/// (the number of coalitions, or the sum of their sizes), so the index sums to 1.
/// Complexity and throws: as `for_each_minimal_winning`, plus O(|S|) per coalition.
template <class Game>
std::vector<double> minimal_winning_shares(const Game& g, bool split,
                                           std::uint64_t max_coalitions,
                                           const stop_check& stop_requested) {
  std::vector<double> credit(g.players(), 0.0);
  double total = 0;
  for_each_minimal_winning(g, [&](coalition s) {
    const double size = std::popcount(s);
    const double share = split ? 1.0 / size : 1.0;
    for (coalition t = s; t; t &= t - 1)
      credit[static_cast<std::size_t>(std::countr_zero(t))] += share;
    total += split ? 1.0 : size;
  }, max_coalitions, stop_requested);
  for (double& x : credit) x /= total;
  return credit;
}

}  // namespace detail
}  // namespace coproduction
