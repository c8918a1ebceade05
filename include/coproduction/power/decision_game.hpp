#pragma once
/// \file
/// The simple game of a decision: its rule read as a weighted voting game over its holders
/// (docs/format.md, "Rule"), and the structural facts the ladder needs from it: which holders
/// can ever change the outcome, which are in every winning coalition, and whether a given
/// set of holders carries the decision.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/decision.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// Largest vote total (after dividing the votes by their greatest common divisor) for which
/// `decision_game::can_swing` tests every holder exactly by subset sums: 2^28 votes, a
/// 32 MiB bit table. A decision rule of people and groups is far below it.
inline constexpr std::int64_t max_swing_test_votes = std::int64_t{1} << 28;

namespace detail {

/// A set of vote totals `0..size-1` as bits.
class sum_bits {
 public:
  explicit sum_bits(std::int64_t size)
      : size_(size), words_(static_cast<std::size_t>((size + 63) / 64), 0) {
    if (size_ > 0) words_[0] = 1;  // the empty coalition: total 0
  }
  /// Adds one player of `votes`: every reachable total `t` makes `t + votes` reachable.
  void add(std::int64_t votes) {
    if (votes <= 0 || votes >= size_) return;
    const std::size_t q = static_cast<std::size_t>(votes / 64);
    const unsigned r = static_cast<unsigned>(votes % 64);
    // High words first: each reads only words below it, which are still unchanged.
    for (std::size_t k = words_.size(); k-- > q;) {
      std::uint64_t shifted = words_[k - q] << r;
      if (r != 0 && k > q) shifted |= words_[k - q - 1] >> (64 - r);
      words_[k] |= shifted;
    }
    trim();
  }
  /// Whether some reachable total lies in `[lo, hi]`.
  bool any_in(std::int64_t lo, std::int64_t hi) const {
    lo = std::max<std::int64_t>(lo, 0);
    hi = std::min<std::int64_t>(hi, size_ - 1);
    for (std::int64_t t = lo; t <= hi;) {
      const std::size_t k = static_cast<std::size_t>(t / 64);
      const unsigned b = static_cast<unsigned>(t % 64);
      std::uint64_t word = words_[k] >> b;
      const std::int64_t span = std::min<std::int64_t>(64 - b, hi - t + 1);
      if (span < 64) word &= (std::uint64_t{1} << span) - 1;
      if (word) return true;
      t += span;
    }
    return false;
  }

 private:
  void trim() {
    const unsigned tail = static_cast<unsigned>(size_ % 64);
    if (tail) words_.back() &= (std::uint64_t{1} << tail) - 1;
  }
  std::int64_t size_;
  std::vector<std::uint64_t> words_;
};

}  // namespace detail

/// The simple game of one decision (Taylor & Zwicker 1999): its players are the decision's
/// holders (stakeholders whose right is `shared` or `decides`), in id order, and its rule
/// becomes a weighted voting game with veto holders exactly as docs/format.md defines the
/// winning coalitions, with `W` the holders' total votes:
///
/// | rule        | votes per holder                 | quota             |
/// |-------------|----------------------------------|-------------------|
/// | `sole`      | 1 for the `decides` holder, 0 else | 1               |
/// | `unanimity` | 1                                | number of holders |
/// | `majority`  | the rule's votes (default 1)     | floor(W/2) + 1 (more than half) |
/// | `quota`     | the rule's votes (default 1)     | ceil(quota) (totals are whole) |
///
/// and every `veto` holder must be in a winning coalition. A holder with `shared` under a
/// `sole` rule therefore has weight 0: the right is called shared but carries no power unless
/// the holder also has a veto.
///
/// A `Decision` taken from a `Network` has already been validated; one built by hand is
/// checked by the same function (`Network::check_rule`). Construction is O(h log h) for h
/// rights.
class decision_game {
 public:
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  /// \throws invalid_value as `Network::check_rule` (the same checks and messages as
  ///         `Network::add_decision`); input_error ("votes") when the holders' votes exceed
  ///         2^62.
  explicit decision_game(const Decision& d)
      : id_(d.id), holders_(d.holders()), game_(make_game(d, holders_)) {}

  /// The decision's id.
  const std::string& decision() const noexcept { return id_; }
  /// The players: the holders, in id order.
  const std::vector<std::string>& holders() const noexcept { return holders_; }
  /// Number of holders.
  std::size_t size() const noexcept { return holders_.size(); }
  /// The weighted game over the holders (same order).
  const weighted_game& game() const noexcept { return game_; }

  /// Position of a holder among `holders()`, or `npos`. O(log h).
  std::size_t position(std::string_view id) const {
    auto it = std::lower_bound(holders_.begin(), holders_.end(), id,
                               [](const std::string& a, std::string_view b) { return a < b; });
    return it != holders_.end() && *it == id ? static_cast<std::size_t>(it - holders_.begin())
                                             : npos;
  }

  /// Whether the holders marked in `members` (one flag per holder) carry the decision on
  /// their own: every veto holder is among them and their votes reach the quota. O(h).
  /// \throws input_error ("members") when `members` does not have one flag per holder.
  bool carried_by(const std::vector<bool>& members) const {
    if (members.size() != size())
      throw input_error("members", "needs one flag per holder (" + std::to_string(size()) +
                                       "), got " + std::to_string(members.size()));
    for (std::size_t v : game_.veto())
      if (!members[v]) return false;
    std::int64_t votes = 0;
    for (std::size_t i = 0; i < size(); ++i)
      if (members[i]) votes += game_.weights()[i];
    return votes >= game_.quota();
  }

  /// For each holder, whether its Banzhaf swing count is positive: some coalition of the
  /// others loses without it and wins with it. A holder for whom this is false is a *null
  /// player* (a dummy): the right may be called `shared`, but the vote can never change the
  /// outcome.
  ///
  /// Exact, by subset sums rather than floating point. With veto set `V`, the other holders
  /// `R` and `need = quota - w(V)`: a veto holder always swings (the others all together lose
  /// without it and win with it, because the quota is at most the total); a holder `i` of `R`
  /// swings iff `need > 0`, `w_i > 0` and some subset of `R \ {i}` has a total in
  /// `[need - w_i, need - 1]`. The reachable totals of `R` less one player of each distinct
  /// weight are built as bit sets, with all votes divided by their greatest common divisor.
  ///
  /// Complexity O(d · |R| · need / 64) time and O(need / 64) words, `d` the number of distinct
  /// weights in `R`; the time is estimated first and limited to `max_exact_table_cells` word
  /// operations.
  /// \throws input_error ("votes") when `need`, after the division, exceeds
  ///         `max_swing_test_votes`; limit_exceeded ("votes") when the time does;
  ///         interrupted when `stop_requested` (asked every 2^25 words) returns true.
  std::vector<bool> can_swing(const stop_check& stop_requested = {}) const {
    const auto& w = game_.weights();
    std::vector<bool> out(size(), false);
    for (std::size_t v : game_.veto()) out[v] = true;
    std::int64_t need = game_.quota() - game_.veto_weight();
    if (need <= 0) return out;
    std::vector<std::size_t> free;
    std::int64_t divisor = 0;
    for (std::size_t i = 0; i < size(); ++i)
      if (!game_.is_veto(i) && w[i] > 0) {
        free.push_back(i);
        divisor = std::gcd(divisor, w[i]);
      }
    if (free.empty()) return out;
    // Totals are multiples of the divisor, so the window [need - w_i, need - 1] holds a
    // reachable total iff [ceil((need - w_i) / g), ceil(need / g) - 1] does in reduced units.
    const std::int64_t reduced_need = (need + divisor - 1) / divisor;
    if (reduced_need > max_swing_test_votes)
      throw input_error("votes", "the votes needed beyond the veto holders (" +
                                     std::to_string(need) + ") are too many for the exact "
                                     "swing test; scale the votes down");
    std::vector<std::int64_t> distinct;
    for (std::size_t i : free) distinct.push_back(w[i] / divisor);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    const std::uint64_t words = static_cast<std::uint64_t>(reduced_need) / 64 + 1;
    const std::uint64_t work = detail::saturated_product(
        detail::saturated_product(distinct.size(), free.size()), words);
    if (work > max_exact_table_cells)
      throw limit_exceeded("votes", "table cells", work, max_exact_table_cells,
                           "the exact swing test of decision " + detail::quote(id_) +
                               " would take " + detail::grouped(work) + " word operations (" +
                               std::to_string(distinct.size()) + " distinct votes x " +
                               std::to_string(free.size()) + " holders x " +
                               detail::grouped(words) + " words), above the limit of " +
                               detail::grouped(max_exact_table_cells) +
                               "; use fewer distinct vote counts or scale the votes down");
    detail::stop_meter meter(stop_requested, detail::cells_per_poll);
    for (std::int64_t weight : distinct) {
      detail::sum_bits sums(reduced_need);  // totals 0..reduced_need-1
      bool skipped = false;
      for (std::size_t i : free) {
        const std::int64_t x = w[i] / divisor;
        if (x == weight && !skipped) {
          skipped = true;  // leave out one player of this weight
          continue;
        }
        sums.add(x);
        meter.add(words);
      }
      const std::int64_t lo = need - weight * divisor;  // in votes
      const std::int64_t lo_reduced = lo <= 0 ? 0 : (lo + divisor - 1) / divisor;
      const bool swings = sums.any_in(lo_reduced, reduced_need - 1);
      for (std::size_t i : free)
        if (w[i] / divisor == weight) out[i] = swings;
    }
    return out;
  }

  /// For each holder, whether it is in every winning coalition (a *veto player*: nothing is
  /// decided without its consent). True for the holders the rule names as veto holders, and
  /// for any other holder whose absence leaves too few votes: `W - w_i < quota`. The `decides`
  /// holder of a sole rule and every holder under unanimity are veto players. O(h).
  std::vector<bool> in_every_winning_coalition() const {
    std::vector<bool> out(size(), false);
    for (std::size_t i = 0; i < size(); ++i)
      out[i] = game_.is_veto(i) ||
               (game_.weights()[i] > 0 && game_.total() - game_.weights()[i] < game_.quota());
    return out;
  }

 private:
  static weighted_game make_game(const Decision& d, const std::vector<std::string>& holders) {
    // The one check of a rule, the model's: a network's decision passed it on insertion.
    Network::check_rule(d);
    const std::string where = detail::quote(d.id);
    const DecisionRule& rule = d.rule;
    const std::size_t n = holders.size();
    std::vector<std::int64_t> weights(n, 1);
    std::int64_t quota = 1;
    switch (rule.kind) {
      case RuleKind::sole:
        for (std::size_t i = 0; i < n; ++i)
          weights[i] = d.right_of(holders[i]) == Right::decides ? 1 : 0;
        quota = 1;
        break;
      case RuleKind::unanimity:
        quota = static_cast<std::int64_t>(n);
        break;
      case RuleKind::majority:
      case RuleKind::quota: {
        std::int64_t total = 0;
        constexpr std::int64_t limit = std::int64_t{1} << 62;
        for (std::size_t i = 0; i < n; ++i) {
          weights[i] = d.votes_of(holders[i]);
          if (weights[i] > limit - total)
            throw input_error("votes", "decision " + where + ": the votes exceed 2^62");
          total += weights[i];
        }
        // More than half of the votes; a quota of 2.5 votes needs 3 (totals are whole).
        quota = rule.kind == RuleKind::majority
                    ? total / 2 + 1
                    : static_cast<std::int64_t>(std::ceil(*rule.quota));
        break;
      }
    }
    std::vector<std::size_t> veto;
    for (const std::string& id : rule.veto)
      veto.push_back(static_cast<std::size_t>(
          std::lower_bound(holders.begin(), holders.end(), id) - holders.begin()));
    return weighted_game(std::move(weights), quota, std::move(veto));
  }

  std::string id_;
  std::vector<std::string> holders_;
  weighted_game game_;
};

}  // namespace coproduction
