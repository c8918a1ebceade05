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
/// Also here: what every computation of this area shares. A `stop_check` (error.hpp) asked
/// every few milliseconds of work (`interrupted` when it says stop), and the limits on memory
/// and work that the exact computations check before they start (`limit_exceeded`).
///
/// Reference: von Neumann & Morgenstern (1944) for simple games; Taylor & Zwicker (1999),
/// *Simple Games*, for weighted games with veto players.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <iterator>
#include <limits>
#include <new>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#if defined(__SSE__) || defined(_M_X64) || defined(__x86_64__)
#include <xmmintrin.h>
#define COPRODUCTION_POWER_HAS_MXCSR 1
#endif

#include "coproduction/error.hpp"

namespace coproduction {

/// A computation refused because it would take more memory or time than its limit. Thrown
/// before anything large is allocated (the work and memory are estimated first), when an
/// enumeration reaches its limit, or when an allocation within the limits still fails; never
/// `std::bad_alloc`. It is an `input_error` (this game, with this method, is too large an
/// input) whose `where()` names what to change: `max_coalitions` for an enumeration of
/// minimal winning coalitions, `weights` for the tables of an exact index (the vote total
/// makes them large), `votes` for the exact swing test of a decision. The message gives the
/// estimate, the limit and the way out (a larger `max_coalitions`, or Monte Carlo sampling).
class limit_exceeded : public input_error {
 public:
  limit_exceeded(const std::string& where, std::string unit, std::uint64_t estimate,
                 std::uint64_t limit, const std::string& detail)
      : input_error(where, detail), unit_(std::move(unit)), estimate_(estimate), limit_(limit) {}

  /// What `estimate()` and `limit()` count: `"minimal winning coalitions"`, `"bytes"` or
  /// `"table cells"`.
  const std::string& unit() const noexcept { return unit_; }
  /// The estimate that exceeds the limit, saturated at 2^64 - 1: an exact count of minimal
  /// winning coalitions when one is known, else an upper bound on it (or `limit + 1`, a lower
  /// bound, for a general game); the bytes or cells an exact index needs.
  std::uint64_t estimate() const noexcept { return estimate_; }
  /// The limit it exceeds.
  std::uint64_t limit() const noexcept { return limit_; }

 private:
  std::string unit_;
  std::uint64_t estimate_, limit_;
};

/// A coalition of at most 64 players: bit `i` is set when player `i` is a member.
using coalition = std::uint64_t;

/// Largest number of players a `coalition` bitset can hold.
inline constexpr std::size_t max_coalition_players = 64;

/// Largest number of players for which indices are computed by enumerating all 2^n
/// coalitions (Deegan-Packel, Holler, Johnston on a general game; any index on a
/// `simple_game`). 2^25 coalitions take 4 MiB as a bit table and about a second to scan.
inline constexpr std::size_t max_enumeration_players = 25;

/// Default limit on the minimal winning coalitions `minimal_winning_coalitions` lists
/// (`max_coalitions`): 10^6, 8 MB in C++ and 64 MB as the Python table of 64 holders.
inline constexpr std::uint64_t default_max_listed_coalitions = 1'000'000;

/// Default limit on the minimal winning coalitions that `for_each_minimal_winning`,
/// `deegan_packel` and `holler` visit (`max_coalitions`): 10^8, a few seconds of one core.
/// They keep no list, so only the time grows with the count.
inline constexpr std::uint64_t default_max_visited_coalitions = 100'000'000;

/// Largest memory the exact dynamic programmes over vote totals (`banzhaf`, `shapley_shubik`,
/// `owen`, `banzhaf_owen` of a `weighted_game`) may take for their tables: 1 GiB, about 33
/// million vote totals for Banzhaf and Shapley-Shubik (32 bytes a total). Checked before
/// anything is allocated; above it they throw `limit_exceeded` ("weights").
inline constexpr std::uint64_t max_exact_table_bytes = std::uint64_t{1} << 30;

/// Largest work of the same dynamic programmes, in table cells (players times vote totals,
/// times the quadrature nodes for Shapley-Shubik and Owen): 10^12, minutes of one core.
/// Checked before the computation starts; above it they throw `limit_exceeded` ("weights").
inline constexpr std::uint64_t max_exact_table_cells = 1'000'000'000'000;

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

namespace detail {

/// Asks a `stop_check` each time `period` units of work (table cells, visited coalitions)
/// have been done since the last time, so that the polls are a few milliseconds apart
/// however the work is cut into steps, and deterministic: the same work asks the same number
/// of times.
class stop_meter {
 public:
  stop_meter(const stop_check& stop, std::uint64_t period)
      : stop_(stop ? &stop : nullptr), period_(period) {}
  /// \throws interrupted when the request, asked now, returns true.
  void add(std::uint64_t work) {
    done_ += work;
    if (done_ < period_) return;
    done_ = 0;
    if (stop_ && (*stop_)()) throw interrupted();
  }

 private:
  const stop_check* stop_;
  std::uint64_t period_;
  std::uint64_t done_ = 0;
};

/// Work between two polls: about 10 ms of a convolution over vote totals (2^25 cell
/// updates), of a scan of coalitions (2^22) or of the search for minimal winning coalitions
/// (2^18 visits).
inline constexpr std::uint64_t cells_per_poll = std::uint64_t{1} << 25;
inline constexpr std::uint64_t coalitions_per_poll = std::uint64_t{1} << 22;
inline constexpr std::uint64_t visits_per_poll = std::uint64_t{1} << 18;

/// `a · b` and `a + b`, or 2^64 - 1 when that overflows: estimates of work and memory only
/// need to be compared with a limit.
inline std::uint64_t saturated_product(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_mul_overflow(a, b, &out) ? std::numeric_limits<std::uint64_t>::max() : out;
}
inline std::uint64_t saturated_sum(std::uint64_t a, std::uint64_t b) {
  std::uint64_t out = 0;
  return __builtin_add_overflow(a, b, &out) ? std::numeric_limits<std::uint64_t>::max() : out;
}

/// `1234567` as `"1,234,567"`.
inline std::string grouped(std::uint64_t x) {
  std::string digits = std::to_string(x), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

/// A number of bytes in binary units, e.g. `"1.5 GiB"`.
inline std::string byte_size(std::uint64_t bytes) {
  if (bytes == std::numeric_limits<std::uint64_t>::max()) return "more than 16 EiB";
  static constexpr const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double x = static_cast<double>(bytes);
  std::size_t u = 0;
  while (x >= 1024 && u + 1 < std::size(units)) {
    x /= 1024;
    ++u;
  }
  if (u == 0) return std::to_string(bytes) + " bytes";
  const long tenths = std::lround(x * 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " " + units[u];
}

/// The way out offered whenever an exact computation is refused for its size.
inline constexpr const char* monte_carlo_way_out =
    "estimate it by Monte Carlo sampling instead (method=\"monte_carlo\" in coproduction.power; "
    "the *_monte_carlo functions in C++)";

/// Refuses an exact dynamic programme over vote totals whose tables would hold `totals`
/// vote totals in `bytes` and whose work is `cells` table cells, above
/// `max_exact_table_bytes` or `max_exact_table_cells`.
/// \throws limit_exceeded ("weights").
inline void check_exact_tables(const std::string& index, std::uint64_t totals,
                               std::uint64_t bytes, std::uint64_t cells) {
  if (bytes > max_exact_table_bytes)
    throw limit_exceeded("weights", "bytes", bytes, max_exact_table_bytes,
                         "the exact " + index + " of this game needs tables of " +
                             grouped(totals) + " vote totals, " + byte_size(bytes) + " (" +
                             grouped(bytes) + " bytes), above the limit of " +
                             byte_size(max_exact_table_bytes) + "; " + monte_carlo_way_out);
  if (cells > max_exact_table_cells)
    throw limit_exceeded("weights", "table cells", cells, max_exact_table_cells,
                         "the exact " + index + " of this game would fill " + grouped(cells) +
                             " table cells (players x vote totals, per quadrature node), above "
                             "the limit of " + grouped(max_exact_table_cells) +
                             " (minutes of computing); " + monte_carlo_way_out);
}

/// Runs `compute()`, turning a failed allocation (the machine has less free memory than the
/// `bytes` the tables were estimated at) into `limit_exceeded`, so that `std::bad_alloc`
/// never leaves the library.
template <class Compute>
auto guard_allocation(const std::string& index, std::uint64_t bytes, Compute&& compute)
    -> decltype(compute()) {
  try {
    return compute();
  } catch (const std::bad_alloc&) {
    throw limit_exceeded("weights", "bytes", bytes, max_exact_table_bytes,
                         "could not allocate the " + byte_size(bytes) + " the exact " + index +
                             " of this game needs: the machine has less free memory; " +
                             monte_carlo_way_out);
  }
}

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

/// Treats subnormal doubles as zero while alive. The dynamic programmes below multiply
/// probabilities that can fall below 2^-1022 in far tails (e.g. (1-p)^n for a thousand
/// players); such values are far below the rounding error of the results, and arithmetic on
/// subnormals is up to a hundred times slower on x86. Restores the previous mode.
class flush_subnormals {
 public:
  flush_subnormals() {
#if defined(COPRODUCTION_POWER_HAS_MXCSR)
    saved_ = _mm_getcsr();
    _mm_setcsr(saved_ | 0x8040U);  // FTZ (bit 15) and DAZ (bit 6)
#endif
  }
  ~flush_subnormals() {
#if defined(COPRODUCTION_POWER_HAS_MXCSR)
    _mm_setcsr(saved_);
#endif
  }
  flush_subnormals(const flush_subnormals&) = delete;
  flush_subnormals& operator=(const flush_subnormals&) = delete;

 private:
  [[maybe_unused]] unsigned int saved_ = 0;
};

/// The decomposition of a weighted game used by the dynamic programmes. With veto set `V`
/// and the other players `R`, coalition `S` wins iff `V ⊆ S` and `w(S ∩ R) >= need`, where
/// `need = quota - w(V)`. Players of `R` with weight zero never change the outcome.
struct lattice_plan {
  std::vector<std::int64_t> free_weights;  ///< positive weights of R, ascending
  std::vector<std::int64_t> distinct;      ///< distinct values of free_weights, ascending
  std::vector<std::size_t> class_of;       ///< per player: index into distinct, or npos
  std::int64_t free_total = 0;             ///< W_R
  std::int64_t need = 0;                   ///< quota - w(V), may be <= 0
  std::size_t veto_count = 0;
  std::size_t active = 0;                  ///< |R with positive weight| + |V|
  std::int64_t cap = 0;                    ///< largest vote total the tables hold

  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  explicit lattice_plan(const weighted_game& g) {
    veto_count = g.veto().size();
    need = g.quota() - g.veto_weight();
    class_of.assign(g.players(), npos);
    for (std::size_t i = 0; i < g.players(); ++i)
      if (!g.is_veto(i) && g.weights()[i] > 0) free_weights.push_back(g.weights()[i]);
    std::sort(free_weights.begin(), free_weights.end());
    distinct = free_weights;
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (std::size_t i = 0; i < g.players(); ++i)
      if (!g.is_veto(i) && g.weights()[i] > 0)
        class_of[i] = static_cast<std::size_t>(
            std::lower_bound(distinct.begin(), distinct.end(), g.weights()[i]) - distinct.begin());
    free_total = std::accumulate(free_weights.begin(), free_weights.end(), std::int64_t{0});
    active = free_weights.size() + veto_count;
    // Direct windows reach need-1, mirrored ones free_total-need (see swing_pair). When the
    // veto holders carry the decision alone (need <= 0) no window is read: one total does.
    cap = need <= 0 ? 0
                    : std::clamp<std::int64_t>(std::max(need - 1, free_total - need), 0,
                                               free_total);
  }

  /// Vote totals each table holds.
  std::uint64_t totals() const noexcept { return static_cast<std::uint64_t>(cap) + 1; }

  /// Bytes of the tables of one `swing_pair`: the distribution and its successor (double)
  /// and the prefix sums (long double) over `totals()` entries, and the binomial weights.
  std::uint64_t bytes() const noexcept {
    return saturated_sum(
        saturated_product(totals(), 2 * sizeof(double) + sizeof(long double)),
        (free_weights.size() + 1) * sizeof(double));
  }

  /// Table cells one `swing_pair` fills, a bound on its work: a convolution over `totals()`
  /// per player of `R`, one pass of window sums per distinct weight, the prefix sums.
  std::uint64_t cells() const noexcept {
    return saturated_product(totals(), free_weights.size() + distinct.size() + 1);
  }
};

/// Selects, where the compiler can, a copy of a numeric kernel for processors with AVX2 and
/// FMA at load time (function multi-versioning); the convolution runs about three times
/// faster there. Other processors and compilers run the portable copy.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define COPRODUCTION_POWER_KERNEL __attribute__((target_clones("arch=haswell", "default")))
#else
#define COPRODUCTION_POWER_KERNEL
#endif

/// One player of weight `shift` joins with probability `p`: `out(s) = (1-p) in(s) +
/// p in(s-shift)` for `s < top`.
COPRODUCTION_POWER_KERNEL inline void convolve_step(double* __restrict out,
                                                    const double* __restrict in,
                                                    std::size_t shift, std::size_t top,
                                                    double p) {
  const double q = 1.0 - p;
  for (std::size_t s = 0; s < shift; ++s) out[s] = q * in[s];
  for (std::size_t s = shift; s < top; ++s) out[s] = q * in[s] + p * in[s - shift];
}

/// Length of the blocks `convolve_group` writes; a range it is given starts at a multiple.
inline constexpr std::size_t convolve_block = 1024;

/// `c` players of equal weight `w` join independently with probability `p` at once:
/// `out(s) = sum_t C(c,t) p^t (1-p)^(c-t) in(s - t w)` for `from <= s < top`, with the
/// binomial weights in `coef` (`terms` of them). Equivalent to `c` single steps (still a
/// convex combination), but the output is written once, in blocks that stay in the L1 cache,
/// which makes a table over many players with few distinct weights several times faster.
/// `from` is a multiple of `convolve_block`, so a table written range by range (to poll for
/// a stop in between) gets the same blocks, hence the same bits, as one written at once.
COPRODUCTION_POWER_KERNEL inline void convolve_group(double* __restrict out,
                                                     const double* __restrict in,
                                                     std::size_t w, const double* coef,
                                                     std::size_t terms, std::size_t from,
                                                     std::size_t top) {
  constexpr std::size_t block = convolve_block;
  for (std::size_t lo = from; lo < top; lo += block) {
    const std::size_t hi = std::min(top, lo + block);
    const double c0 = coef[0];
    for (std::size_t s = lo; s < hi; ++s) out[s] = c0 * in[s];
    std::size_t t = 1;
    // Four binomial terms per sweep over the block: one load and store of the output for
    // four multiply-adds, where the shifted inputs all cover the block.
    for (; t + 3 < terms && (t + 3) * w <= lo; t += 4) {
      const double a0 = coef[t], a1 = coef[t + 1], a2 = coef[t + 2], a3 = coef[t + 3];
      double* __restrict o = out + lo;
      const double* __restrict x0 = in + (lo - t * w);
      const double* __restrict x1 = x0 - w;
      const double* __restrict x2 = x1 - w;
      const double* __restrict x3 = x2 - w;
      for (std::size_t k = 0; k < hi - lo; ++k)
        o[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
    }
    for (; t < terms; ++t) {
      const std::size_t off = t * w;
      if (off >= hi) break;
      const double ct = coef[t];
      const std::size_t from = std::max(lo, off);
      double* __restrict o = out + from;
      const double* __restrict x = in + (from - off);
      for (std::size_t k = 0; k < hi - from; ++k) o[k] += ct * x[k];
    }
  }
}

/// Probabilities that a player is decisive ("swings") when every other player of `R` joins
/// independently with probability `p`, and with probability `1-p` (from the same table).
struct swing_pair_result {
  std::vector<double> direct;    ///< per weight class: P_p(need-w <= X_{R-j} <= need-1)
  std::vector<double> mirrored;  ///< per weight class: the same at 1-p
  double veto_direct = 0;        ///< P_p(X_R >= need)
  double veto_mirrored = 0;      ///< P_{1-p}(X_R >= need)
};

/// Scratch space reused across calls so that a quadrature over many nodes allocates once.
struct lattice_scratch {
  std::vector<double> f, next, coef;
  std::vector<long double> cum;
};

/// Computes the swing probabilities of every weight class of `R` at inclusion probability
/// `p <= 1/2` and, through the complement, at `1-p`.
///
/// The distribution of `X_R` (sum of the votes of the members of R present) is built by the
/// convolution `f'(s) = (1-p) f(s) + p f(s-w)` for each player (convex combinations of
/// non-negative numbers: each entry carries a relative rounding error of at most about
/// n·ε). The probability that the others' total falls in a window of length `w` when one
/// player of weight `w` is removed follows from the removal recurrence
/// `g(s) = (f(s) - p g(s-w)) / (1-p)` summed block by block over prefix sums of `f` held in
/// extended precision; the recurrence multiplies errors by `p/(1-p) <= 1`, so they never
/// grow geometrically (that is why `p <= 1/2`; the nodes above 1/2 are read from the
/// complement: a coalition present with probability `1-p` is the complement of one present
/// with probability `p`, so `P_{1-p}(X_{R-j} in [a,b]) = P_p(X_{R-j} in [W_R-w-b, W_R-w-a])`).
/// Only totals up to `plan.cap` are ever needed, and truncating the convolution there is
/// exact for them.
///
/// Cost O(|R| · cap + sum_c cap / w_c) time, O(cap) memory (`plan.cells()`, `plan.bytes()`).
/// Reports its work to `meter`, which asks for a stop every few milliseconds.
/// \throws interrupted when the meter's request returns true.
inline void swing_pair(const lattice_plan& plan, double p, bool want_direct, bool want_mirror,
                       lattice_scratch& scratch, swing_pair_result& out, stop_meter& meter) {
  const std::int64_t cap = plan.cap;
  const std::size_t len = static_cast<std::size_t>(cap) + 1;
  auto& f = scratch.f;
  auto& next = scratch.next;
  f.assign(len, 0.0);
  next.assign(len, 0.0);
  f[0] = 1.0;
  std::int64_t reach = 0;  // largest total with non-zero probability so far, capped
  std::vector<double>& coef = scratch.coef;
  const auto& fw = plan.free_weights;  // ascending: equal weights are adjacent
  for (std::size_t k = 0; k < fw.size();) {
    const std::int64_t w = fw[k];
    std::size_t c = 1;
    while (k + c < fw.size() && fw[k + c] == w) ++c;
    k += c;
    const std::int64_t new_reach = std::min<std::int64_t>(cap, reach + static_cast<std::int64_t>(c) * w);
    const std::size_t top = static_cast<std::size_t>(new_reach) + 1;
    // Binomial(c, p) weights, built outwards from the mode by the ratio recurrence and then
    // normalised (no underflow of (1-p)^c for large c); terms beyond the reach are dropped.
    const std::size_t terms =
        std::min<std::size_t>(c + 1, static_cast<std::size_t>(new_reach / w) + 1);
    coef.assign(c + 1, 0.0);
    const std::size_t mode = std::min(c, static_cast<std::size_t>(static_cast<double>(c + 1) * p));
    const double odds = p / (1.0 - p);
    coef[mode] = 1.0;
    for (std::size_t t = mode + 1; t <= c; ++t)
      coef[t] = coef[t - 1] * static_cast<double>(c - t + 1) / static_cast<double>(t) * odds;
    for (std::size_t t = mode; t-- > 0;)
      coef[t] = coef[t + 1] * static_cast<double>(t + 1) / static_cast<double>(c - t) / odds;
    double total = 0;
    for (double x : coef) total += x;
    for (double& x : coef) x /= total;
    // Ranges of whole blocks, each about cells_per_poll updates, so that a stop is asked
    // for even within one group of many equal weights over many totals.
    const std::size_t chunk = std::max<std::size_t>(
        convolve_block, cells_per_poll / terms / convolve_block * convolve_block);
    for (std::size_t from = 0; from < top; from += chunk) {
      const std::size_t to = std::min(top, from + chunk);
      convolve_group(next.data(), f.data(), static_cast<std::size_t>(w), coef.data(), terms,
                     from, to);
      meter.add(static_cast<std::uint64_t>(to - from) * terms);
    }
    std::swap(f, next);
    reach = new_reach;
  }

  const std::int64_t need = plan.need;
  const std::int64_t wr = plan.free_total;
  // Prefix sums in extended precision: every probability below is a difference of two of
  // them, and the window sums add up to cap/w such differences with alternating signs.
  auto& cum = scratch.cum;
  cum.resize(len);
  long double run = 0;
  for (std::size_t s = 0; s < len; ++s) cum[s] = (run += f[s]);
  meter.add(len);
  auto mass = [&](std::int64_t a, std::int64_t b) -> long double {  // P(a <= X <= b)
    a = std::max<std::int64_t>(a, 0);
    b = std::min<std::int64_t>(b, cap);
    if (a > b) return 0.0L;
    return cum[static_cast<std::size_t>(b)] - (a > 0 ? cum[static_cast<std::size_t>(a - 1)] : 0.0L);
  };

  if (plan.veto_count > 0) {
    if (need <= 0) {
      out.veto_direct = out.veto_mirrored = 1.0;
    } else {
      out.veto_direct =
          want_direct ? static_cast<double>(std::max(0.0L, 1.0L - mass(0, need - 1))) : 0.0;
      out.veto_mirrored = want_mirror ? static_cast<double>(mass(0, wr - need)) : 0.0;
    }
  }

  out.direct.assign(plan.distinct.size(), 0.0);
  out.mirrored.assign(plan.distinct.size(), 0.0);
  if (need <= 0) return;  // the veto holders alone carry it: every other player is null
  // P(a <= X_{R-j} <= a+w-1) for a removed player j of weight w. With g the law of X_{R-j},
  // f(s) = (1-p) g(s) + p g(s-w) for every s; summed over the blocks
  // [a-kw, a-kw+w-1] this reads F_k = (1-p) G_k + p G_{k+1}, so
  // G_0 = sum_k (-p/(1-p))^k F_k / (1-p), down to the first block below 0. Each F_k is a
  // difference of prefix sums: O(a/w) per window instead of an O(cap) removal pass.
  const long double ratio = -static_cast<long double>(p) / (1.0L - p);
  auto window_without = [&](std::int64_t w, std::int64_t a) -> double {
    long double term = 1, acc = 0;
    for (std::int64_t start = std::min(a, cap); start + w - 1 >= 0; start -= w) {
      acc += term * mass(start, start + w - 1);
      term *= ratio;
      if (std::abs(term) < 1e-40L) break;
    }
    return static_cast<double>(std::max(0.0L, acc / (1.0L - p)));
  };
  for (std::size_t c = 0; c < plan.distinct.size(); ++c) {
    const std::int64_t w = plan.distinct[c];
    if (want_direct) out.direct[c] = window_without(w, need - w);
    if (want_mirror) out.mirrored[c] = window_without(w, wr - w - need + 1);
    meter.add(static_cast<std::uint64_t>(cap / w) + 1);
  }
}

}  // namespace detail
}  // namespace coproduction
