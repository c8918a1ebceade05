#pragma once
/// \file
/// The table of which coalitions of a game win, one bit per coalition: what the indices
/// computed by exhaustive enumeration (Johnston; any index of a general `simple_game`) read.
/// Limited to `max_enumeration_players` (2^25 coalitions, 4 MiB).

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coproduction/detail/stop_meter.hpp"
#include "coproduction/error.hpp"
#include "coproduction/power/limits.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction::detail {

/// Dense table of which coalitions win, one bit per coalition, for exhaustive enumeration.
class winning_table {
 public:
  /// Fills the table from the predicate and checks monotonicity.
  /// \throws interrupted when `stop` returns true (asked every 2^22 coalitions).
  explicit winning_table(const simple_game& g, const stop_check& stop = {})
      : n_(g.players()) {
    check_size(n_);
    bits_.assign(words(), 0);
    stop_meter meter(stop, coalitions_per_poll);
    const coalition count = coalition{1} << n_;
    for (coalition s = 0; s < count; ++s) {
      meter.add(1);
      if (g.wins(s)) bits_[s >> 6] |= std::uint64_t{1} << (s & 63);
    }
    check_monotone(meter);
  }

  /// Fills the table of a weighted game by walking the coalitions in Gray-code order, so
  /// each step changes the vote total by one weight: O(2^n).
  /// \throws interrupted when `stop` returns true (asked every 2^22 coalitions).
  explicit winning_table(const weighted_game& g, const stop_check& stop = {})
      : n_(g.players()) {
    check_size(n_);
    bits_.assign(words(), 0);
    stop_meter meter(stop, coalitions_per_poll);
    coalition veto_mask = 0;
    for (std::size_t v : g.veto()) veto_mask |= coalition{1} << v;
    const auto& w = g.weights();
    const coalition count = coalition{1} << n_;
    std::int64_t sum = 0;
    coalition s = 0;
    for (coalition k = 0; k < count; ++k) {
      meter.add(1);
      if (k) {
        const int flip = std::countr_zero(k);
        s ^= coalition{1} << flip;
        sum += (s >> flip & 1U) ? w[flip] : -w[flip];
      }
      if (sum >= g.quota() && (s & veto_mask) == veto_mask)
        bits_[s >> 6] |= std::uint64_t{1} << (s & 63);
    }
  }

  std::size_t players() const noexcept { return n_; }
  bool wins(coalition s) const noexcept { return bits_[s >> 6] >> (s & 63) & 1U; }

  /// Calls `f(s)` for every winning coalition, ascending. Skips empty words of the table.
  /// \throws interrupted when `stop` returns true (asked every 2^22 coalitions).
  template <class F>
  void for_each_winning(F&& f, const stop_check& stop = {}) const {
    stop_meter meter(stop, coalitions_per_poll);
    for (std::size_t k = 0; k < bits_.size(); ++k) {
      meter.add(64);
      for (std::uint64_t b = bits_[k]; b; b &= b - 1)
        f(static_cast<coalition>((k << 6) | static_cast<std::size_t>(std::countr_zero(b))));
    }
  }

 private:
  static void check_size(std::size_t n) {
    if (n > max_enumeration_players)
      throw input_error("players", "exact enumeration is limited to " +
                                       std::to_string(max_enumeration_players) +
                                       " players (got " + std::to_string(n) +
                                       "); use the Monte Carlo estimate");
  }
  std::size_t words() const { return n_ >= 6 ? (std::size_t{1} << (n_ - 6)) : 1; }

  void check_monotone(stop_meter& meter) const {
    // Monotone iff no winning coalition loses when any one player is added: n 2^n probes.
    const coalition count = coalition{1} << n_;
    for (coalition s = 0; s < count; ++s) {
      meter.add(1);
      if (!wins(s)) continue;
      for (std::size_t i = 0; i < n_; ++i)
        if (!(s >> i & 1U) && !wins(s | coalition{1} << i))
          throw input_error("winning", "the game is not monotone: coalition " +
                                           std::to_string(s) + " wins but adding player " +
                                           std::to_string(i) + " makes it lose");
    }
  }

  std::size_t n_;
  std::vector<std::uint64_t> bits_;
};

}  // namespace coproduction::detail
