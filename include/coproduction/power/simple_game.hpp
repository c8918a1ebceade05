#pragma once
/// \file
/// Simple games: the formal shape of a decision rule. A simple game on players `0..n-1` says
/// which coalitions carry a decision ("win"). Two forms are provided:
///
/// - `weighted_game`: each player holds a non-negative integer number of votes, a coalition
///   wins when its votes reach the quota, and optionally a set of veto holders must all be in
///   it. Every decision rule of the model (`sole`, `unanimity`, `majority`, `quota`, with or
///   without `veto`) is a weighted game, and the power indices of such games are computed by
///   dynamic programming over vote totals, so they scale to thousands of players.
/// - `simple_game`: any monotone game given by a winning predicate over coalitions encoded as
///   bitsets, for up to 64 players (exact enumeration is limited further, see
///   `max_enumeration_players`).
///
/// What every computation over these games shares lives beside them: the limits on memory
/// and work and the `limit_exceeded` refusals (`power/limits.hpp`, included here), the
/// polling for a stop (`detail/stop_meter.hpp`, included here), the table of winning
/// coalitions (`detail/winning_table.hpp`) and the dynamic programmes over vote totals
/// (`detail/vote_totals.hpp`).
///
/// Reference: von Neumann & Morgenstern (1944) for simple games; Taylor & Zwicker (1999),
/// *Simple Games*, for weighted games with veto players.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/stop_meter.hpp"
#include "coproduction/error.hpp"
#include "coproduction/power/limits.hpp"

namespace coproduction {

/// A coalition of at most 64 players: bit `i` is set when player `i` is a member.
using coalition = std::uint64_t;

/// Largest number of players a `coalition` bitset can hold.
inline constexpr std::size_t max_coalition_players = 64;

/// A weighted voting game with veto holders: coalition `S` wins when
/// `sum_{i in S} weights[i] >= quota` and every veto holder is in `S`.
///
/// The veto set is a requirement added to the quota rule (a holder whose consent is needed),
/// so a game with veto set `V` is the quota game restricted to coalitions containing `V`.
/// Weights are integers because the indices are computed exactly over vote totals; a rule
/// with fractional votes is scaled to integers first.
///
/// Invariants (checked by the constructor, which throws `input_error`):
/// - at least one player; every weight `>= 0`; the total fits comfortably in 64 bits
///   (`<= 2^62`);
/// - `1 <= quota <= total` (`where` = "quota"): a quota of zero or less would make the empty
///   coalition win, a quota above the total leaves no winning coalition;
/// - veto holders are distinct valid player indices (`where` = "veto").
class weighted_game {
 public:
  /// \throws input_error on an empty or negative `weights`, a quota outside `[1, total]`, or a
  ///         veto index that is out of range or repeated.
  weighted_game(std::vector<std::int64_t> weights, std::int64_t quota,
                std::vector<std::size_t> veto = {})
      : weights_(std::move(weights)), quota_(quota), veto_(std::move(veto)) {
    if (weights_.empty()) throw input_error("weights", "a game needs at least one player");
    constexpr std::int64_t limit = std::int64_t{1} << 62;
    for (std::size_t i = 0; i < weights_.size(); ++i) {
      if (weights_[i] < 0)
        throw input_error("weights", "weight " + std::to_string(i) + " is negative (" +
                                         std::to_string(weights_[i]) + ")");
      if (weights_[i] > limit - total_)
        throw input_error("weights", "the total of the weights exceeds 2^62");
      total_ += weights_[i];
    }
    if (quota_ <= 0)
      throw input_error("quota", "the quota must be at least 1 (got " + std::to_string(quota_) +
                                     "): otherwise the empty coalition wins");
    if (quota_ > total_)
      throw input_error("quota", "the quota " + std::to_string(quota_) +
                                     " exceeds the total of the weights " +
                                     std::to_string(total_) + ": no coalition can win");
    is_veto_.assign(weights_.size(), false);
    for (std::size_t v : veto_) {
      if (v >= weights_.size())
        throw input_error("veto", "veto holder " + std::to_string(v) + " is not a player (n = " +
                                      std::to_string(weights_.size()) + ")");
      if (is_veto_[v]) throw input_error("veto", "veto holder " + std::to_string(v) + " repeated");
      is_veto_[v] = true;
      veto_weight_ += weights_[v];
    }
    std::sort(veto_.begin(), veto_.end());
  }

  /// Number of players.
  std::size_t players() const noexcept { return weights_.size(); }
  /// Votes of each player.
  const std::vector<std::int64_t>& weights() const noexcept { return weights_; }
  /// Votes a coalition needs.
  std::int64_t quota() const noexcept { return quota_; }
  /// Veto holders, ascending.
  const std::vector<std::size_t>& veto() const noexcept { return veto_; }
  /// Whether player `i` holds a veto.
  bool is_veto(std::size_t i) const { return is_veto_.at(i); }
  /// Sum of all weights.
  std::int64_t total() const noexcept { return total_; }
  /// Sum of the veto holders' weights.
  std::int64_t veto_weight() const noexcept { return veto_weight_; }

  /// Whether coalition `s` wins. Only for games of at most 64 players. O(popcount(s)).
  bool wins(coalition s) const {
    if (players() > max_coalition_players)
      throw input_error("coalition", "bitset coalitions hold at most 64 players");
    std::int64_t sum = 0;
    for (std::size_t v : veto_)
      if (!(s >> v & 1U)) return false;
    for (coalition t = s; t; t &= t - 1) sum += weights_[std::countr_zero(t)];
    return sum >= quota_;
  }

 private:
  std::vector<std::int64_t> weights_;
  std::int64_t quota_;
  std::vector<std::size_t> veto_;
  std::vector<bool> is_veto_;
  std::int64_t total_ = 0;
  std::int64_t veto_weight_ = 0;
};

/// A simple game given by its winning predicate over coalitions of `players` players
/// (`players <= 64`). The predicate must be monotone (a superset of a winning coalition
/// wins), with the grand coalition winning and the empty one losing; the enumeration-based
/// indices check this and throw `input_error` ("winning") when it fails.
class simple_game {
 public:
  using predicate = std::function<bool(coalition)>;

  /// \throws input_error ("players") when `players` is 0 or above 64, ("winning") when the
  ///         predicate is empty, the grand coalition loses or the empty coalition wins.
  simple_game(std::size_t players, predicate winning)
      : players_(players), winning_(std::move(winning)) {
    if (players_ == 0 || players_ > max_coalition_players)
      throw input_error("players", "a simple game has between 1 and 64 players (got " +
                                       std::to_string(players_) + ")");
    if (!winning_) throw input_error("winning", "no winning predicate given");
    if (!winning_(grand())) throw input_error("winning", "the grand coalition does not win");
    if (winning_(0)) throw input_error("winning", "the empty coalition wins");
  }

  /// The same game as `g` (at most 64 players).
  explicit simple_game(const weighted_game& g)
      : simple_game(g.players(), [g](coalition s) { return g.wins(s); }) {}

  std::size_t players() const noexcept { return players_; }
  bool wins(coalition s) const { return winning_(s); }
  /// All players.
  coalition grand() const noexcept {
    return players_ == 64 ? ~coalition{0} : (coalition{1} << players_) - 1;
  }

 private:
  std::size_t players_;
  predicate winning_;
};

}  // namespace coproduction
