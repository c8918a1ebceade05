#pragma once
/// \file
/// The machinery of the exact power indices of a `weighted_game` computed by dynamic
/// programming over vote totals (`banzhaf`, `shapley_shubik`, `owen`, `banzhaf_owen`): the
/// split of a game into its veto holders and the others (`lattice_plan`), the convolution
/// kernels that build the distribution of the others' vote total, and the swing
/// probabilities read from it (`swing_pair`), in time and memory linear in the vote total.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#if defined(__SSE__) || defined(_M_X64) || defined(__x86_64__)
#include <xmmintrin.h>
#define COPRODUCTION_POWER_HAS_MXCSR 1
#endif

#include "coproduction/detail/stop_meter.hpp"
#include "coproduction/power/limits.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction::detail {

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

}  // namespace coproduction::detail
