#pragma once
/// \file
/// Degree-preserving rewiring: a random simple graph with the same degrees as an observed
/// one, by a Markov chain of double-edge swaps (Maslov & Sneppen 2002), the null model of
/// "is this layer's structure more than its stakeholders' numbers of ties would give?".
///
/// **The chain.** Each step proposes one move and carries it out when the result is still a
/// simple graph (no self-loop, no tie twice); a refused proposal leaves the graph as it is
/// and still counts as a step. Counting proposals, not successes, is what makes every graph
/// with the degrees equally likely in the limit: the proposals are symmetric (a move and
/// its reverse are proposed with the same probability), so the uniform distribution is
/// stationary (Fosdick, Larremore, Nishimura & Ugander 2018). A chain that counted only
/// successes (NetworkX's `double_edge_swap`) would favour graphs with many possible swaps.
///
/// - Undirected: two distinct ties {a, b} and {c, d} are chosen uniformly, one of the two
///   pairings at random, and the ties become {a, d} and {c, b}. Every vertex keeps its
///   degree. These swaps connect all simple graphs with a degree sequence (Taylor 1981).
/// - Directed: two distinct ties a -> b and c -> d become a -> d and c -> b: every vertex
///   keeps its out-degree and its in-degree.
///
/// **The directed caveat.** Swaps alone do not connect every digraph with given in- and
/// out-degrees: the directed triangle a -> b -> c -> a and its reverse a -> c -> b -> a
/// have the same degrees, but no swap of two of their ties keeps the graph simple, so a
/// chain of swaps started on one never reaches the other (on three vertices it never moves
/// at all). Erdős, Miklós & Toroczkai (2010) prove that swaps together with **triangle
/// reversals** connect all realisations (Rao, Jana & Bandyopadhyay 1996 for 0-1 matrices
/// with a structural zero diagonal). So one step in eight of a directed chain proposes a
/// reversal: a uniform tie a -> b, then a uniform tie b -> c of b's out-ties, reversed with
/// c -> a into a -> c -> b -> a when c -> a exists and none of the reversed ties does. The
/// reversal of a triangle is proposed with probability `(1/8)(1/m)(1/d+(a) + 1/d+(b) +
/// 1/d+(c))` from either orientation (out-degrees do not change), so the proposals stay
/// symmetric and the uniform distribution stationary. `triangle_reversals = false` gives
/// the swap-only chain that most software runs.
///
/// **Termination.** The chain takes a fixed number of steps, `swaps_per_tie * m`
/// (default 10 per tie: each tie is proposed about 20 times). It cannot get stuck: a graph
/// whose degrees have only one realisation (a complete graph, a star) refuses every
/// proposal and is returned as it was, and `accepted = 0` in the diagnostics says so.
///
/// **Mixing.** The diagnostics give the share of the original ties absent at the end
/// (`changed`) and after half the steps (`changed_half`): once the chain has forgotten its
/// start, the share stops growing, so two close values say the chain ran long enough, a
/// `changed_half` well below `changed` says it needs more steps.
///
/// References: Maslov, S. & Sneppen, K. (2002). Specificity and stability in topology of
/// protein networks. Science 296, 910-913. Taylor, R. (1981). Constrained switchings in
/// graphs. Combinatorial Mathematics VIII, LNM 884, 314-336. Rao, A. R., Jana, R. &
/// Bandyopadhyay, S. (1996). A Markov chain Monte Carlo method for generating random (0, 1)-
/// matrices with given marginals. Sankhya A 58, 225-242. Erdős, P. L., Miklós, I. &
/// Toroczkai, Z. (2010). A simple Havel-Hakimi type algorithm to realize graphical degree
/// sequences of directed graphs. Electronic Journal of Combinatorics 17, R66. Fosdick, B.
/// K., Larremore, D. B., Nishimura, J. & Ugander, J. (2018). Configuring random graph models
/// with fixed degree sequences. SIAM Review 60(2), 315-355.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/stats/null_distribution.hpp"
#include "coproduction/stats/tie_list.hpp"

namespace coproduction {

/// How long a rewiring chain runs and which moves it proposes.
struct rewiring_options {
  /// Proposals per tie: the chain takes `round(swaps_per_tie * m)` steps. At least 0.
  double swaps_per_tie = 10.0;
  /// Directed graphs: one step in eight proposes a triangle reversal, so that every digraph
  /// with the degrees can be reached (see the file comment). Ignored for undirected graphs.
  bool triangle_reversals = true;
};

/// What a rewiring chain did: how many proposals it made and carried out, and how far it
/// moved from the graph it started on.
struct rewiring_diagnostics {
  std::uint64_t steps = 0;      ///< proposals made
  std::uint64_t accepted = 0;   ///< proposals carried out (swaps and triangle reversals)
  std::uint64_t reversals = 0;  ///< triangle reversals among the accepted
  /// Share of the original ties absent at the end, in [0, 1]; NaN without ties.
  double changed = std::numeric_limits<double>::quiet_NaN();
  /// The same share after half the steps: close to `changed` once the chain has mixed.
  double changed_half = std::numeric_limits<double>::quiet_NaN();
};

namespace detail::null_models {

/// An open-addressing hash map from a tie's key (`u * n + v`) to its index in the chain,
/// with linear probing and backward-shift deletion (no tombstones, so a long chain of
/// inserts and erasures never slows down). Load at most 1/2.
class tie_table {
 public:
  static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

  void reset(std::size_t ties) {
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, 2 * ties + 2));
    shift_ = 64 - std::countr_zero(capacity);
    mask_ = capacity - 1;
    keys_.assign(capacity, 0);
    ids_.assign(capacity, none);
  }
  std::uint32_t find(std::uint64_t key) const noexcept {
    const std::uint64_t stored = key + 1;
    for (std::size_t i = home(stored);; i = (i + 1) & mask_) {
      if (keys_[i] == stored) return ids_[i];
      if (keys_[i] == 0) return none;
    }
  }
  bool contains(std::uint64_t key) const noexcept { return find(key) != none; }
  /// `key` must be absent.
  void insert(std::uint64_t key, std::uint32_t id) noexcept {
    const std::uint64_t stored = key + 1;
    std::size_t i = home(stored);
    while (keys_[i] != 0) i = (i + 1) & mask_;
    keys_[i] = stored;
    ids_[i] = id;
  }
  /// `key` must be present.
  void erase(std::uint64_t key) noexcept {
    const std::uint64_t stored = key + 1;
    std::size_t i = home(stored);
    while (keys_[i] != stored) i = (i + 1) & mask_;
    // Shift back every later entry of the run whose home does not lie in (i, j].
    for (std::size_t j = (i + 1) & mask_; keys_[j] != 0; j = (j + 1) & mask_) {
      const std::size_t h = home(keys_[j]);
      const bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (stays) continue;
      keys_[i] = keys_[j];
      ids_[i] = ids_[j];
      i = j;
    }
    keys_[i] = 0;
    ids_[i] = none;
  }

 private:
  std::size_t home(std::uint64_t stored) const noexcept {
    return static_cast<std::size_t>((stored * 0x9e3779b97f4a7c15ULL) >> shift_);
  }
  int shift_ = 60;
  std::size_t mask_ = 15;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> ids_;
};

/// The ties of a graph on few vertices as one bit per ordered pair (`u * n + v`): a lookup
/// is one load, against a hash probe's several, and the chain's cost is mostly lookups.
class tie_bits {
 public:
  void reset(std::size_t keys) { words_.assign((keys + 63) / 64, 0); }
  bool contains(std::uint64_t key) const noexcept { return (words_[key >> 6] >> (key & 63)) & 1; }
  void insert(std::uint64_t key) noexcept { words_[key >> 6] |= std::uint64_t{1} << (key & 63); }
  void erase(std::uint64_t key) noexcept { words_[key >> 6] &= ~(std::uint64_t{1} << (key & 63)); }

 private:
  std::vector<std::uint64_t> words_;
};

/// Up to this many vertices a chain keeps its ties as a bit matrix (at most 2 MiB), above
/// it in a hash table. Both give the same chain, step for step.
inline constexpr std::uint32_t tie_bits_limit = 4096;

/// One degree-preserving chain per worker: built once from the observed graph, then run
/// from it as often as asked (`run` starts from the observed graph every time).
class rewiring_chain {
 public:
  /// `bits_limit`: the most vertices for which the ties are kept as a bit matrix.
  explicit rewiring_chain(const tie_list& observed, std::uint32_t bits_limit = tie_bits_limit)
      : g_(observed), bits_(g_.n <= bits_limit) {
    const std::size_t m = g_.size();
    original_.reset(m);
    for (std::size_t i = 0; i < m; ++i)
      original_.insert(key(g_.source[i], g_.target[i]), static_cast<std::uint32_t>(i));
    if (bits_) {
      original_bits_.reset(std::size_t{g_.n} * g_.n);
      for (std::size_t i = 0; i < m; ++i) original_bits_.insert(key(g_.source[i], g_.target[i]));
    }
    if (g_.directed) {
      // Ties by source: a move never changes a tie's source (a -> b becomes a -> d; a
      // reversal turns a -> b into a -> c), so these lists hold for the whole chain.
      from_offsets_.assign(std::size_t{g_.n} + 1, 0);
      for (std::size_t i = 0; i < m; ++i) ++from_offsets_[g_.source[i] + 1];
      for (std::size_t v = 0; v < g_.n; ++v) from_offsets_[v + 1] += from_offsets_[v];
      from_ties_.resize(m);
      std::vector<std::size_t> next(from_offsets_.begin(), from_offsets_.end() - 1);
      for (std::size_t i = 0; i < m; ++i)
        from_ties_[next[g_.source[i]]++] = static_cast<std::uint32_t>(i);
    }
  }

  /// Runs `steps` proposals from the observed graph with `rng`; the graph reached into
  /// `out`, what the chain did into `diagnostics`. O(steps + m).
  template <class Rng>
  void run(std::uint64_t steps, bool triangles, Rng& rng, tie_list& out,
           rewiring_diagnostics& diagnostics) {
    const std::size_t m = g_.size();
    a_ = g_.source;
    b_ = g_.target;
    if (bits_)
      current_bits_ = original_bits_;
    else
      current_ = original_;
    diagnostics = {};
    diagnostics.steps = steps;
    const bool reversals = g_.directed && triangles;
    const std::uint64_t half = steps / 2;
    for (std::uint64_t s = 0; s < steps; ++s) {
      if (s == half) diagnostics.changed_half = changed_share();
      if (m < 2) continue;  // no two ties to swap: every proposal is refused
      if (reversals && random_below(rng, 8) == 0) {
        if (reverse_triangle(rng)) ++diagnostics.accepted, ++diagnostics.reversals;
      } else if (swap(rng)) {
        ++diagnostics.accepted;
      }
    }
    if (steps == 0) diagnostics.changed_half = changed_share();
    diagnostics.changed = changed_share();
    out.n = g_.n;
    out.directed = g_.directed;
    out.source.resize(m);
    out.target.resize(m);
    for (std::size_t i = 0; i < m; ++i) {
      out.source[i] = g_.directed ? a_[i] : std::min(a_[i], b_[i]);
      out.target[i] = g_.directed ? b_[i] : std::max(a_[i], b_[i]);
    }
  }

 private:
  std::uint64_t key(std::uint32_t u, std::uint32_t v) const noexcept {
    if (!g_.directed && v < u) std::swap(u, v);
    return std::uint64_t{u} * g_.n + v;
  }

  bool has(std::uint64_t k) const noexcept {
    return bits_ ? current_bits_.contains(k) : current_.contains(k);
  }
  void add(std::uint64_t k, std::uint32_t id) noexcept {
    if (bits_)
      current_bits_.insert(k);
    else
      current_.insert(k, id);
  }
  void drop(std::uint64_t k) noexcept {
    if (bits_)
      current_bits_.erase(k);
    else
      current_.erase(k);
  }
  /// The tie u -> v now (directed), or `tie_table::none`. With the bit matrix, the tie is
  /// found among u's out-ties, which keep their source for the whole chain.
  std::uint32_t tie_of(std::uint32_t u, std::uint32_t v) const noexcept {
    if (!bits_) return current_.find(key(u, v));
    if (!current_bits_.contains(key(u, v))) return tie_table::none;
    for (std::size_t i = from_offsets_[u]; i < from_offsets_[u + 1]; ++i)
      if (b_[from_ties_[i]] == v) return from_ties_[i];
    return tie_table::none;
  }

  double changed_share() const {
    const std::size_t m = g_.size();
    if (m == 0) return std::numeric_limits<double>::quiet_NaN();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m; ++i) kept += original_.contains(key(a_[i], b_[i])) ? 1 : 0;
    return 1.0 - static_cast<double>(kept) / static_cast<double>(m);
  }

  template <class Rng>
  bool swap(Rng& rng) {
    const std::size_t m = g_.size();
    const auto e1 = static_cast<std::uint32_t>(random_below(rng, m));
    auto e2 = static_cast<std::uint32_t>(random_below(rng, m - 1));
    if (e2 >= e1) ++e2;
    const std::uint32_t a = a_[e1], b = b_[e1];
    std::uint32_t c = a_[e2], d = b_[e2];
    if (!g_.directed && (random_bits(rng) & 1) != 0) std::swap(c, d);
    // a == c or b == d gives back the same two ties; a == d or c == b a self-loop.
    if (a == c || b == d || a == d || c == b) return false;
    const std::uint64_t ad = key(a, d), cb = key(c, b);
    if (has(ad) | has(cb)) return false;  // both loads at once: neither depends on the other
    drop(key(a, b));
    drop(key(c, d));
    add(ad, e1);
    add(cb, e2);
    b_[e1] = d;
    a_[e2] = c;
    b_[e2] = b;
    return true;
  }

  template <class Rng>
  bool reverse_triangle(Rng& rng) {
    const auto e1 = static_cast<std::uint32_t>(random_below(rng, g_.size()));
    const std::uint32_t a = a_[e1], b = b_[e1];
    const std::size_t first = from_offsets_[b], count = from_offsets_[b + 1] - first;
    if (count == 0) return false;
    const std::uint32_t e2 = from_ties_[first + random_below(rng, count)];
    const std::uint32_t c = b_[e2];
    if (c == a) return false;
    const std::uint32_t e3 = tie_of(c, a);
    if (e3 == tie_table::none) return false;
    if (has(key(b, a)) || has(key(c, b)) || has(key(a, c))) return false;
    drop(key(a, b));
    drop(key(b, c));
    drop(key(c, a));
    b_[e1] = c;
    b_[e2] = a;
    b_[e3] = b;
    add(key(a, c), e1);
    add(key(b, a), e2);
    add(key(c, b), e3);
    return true;
  }

  tie_list g_;
  bool bits_;
  tie_table original_, current_;
  tie_bits original_bits_, current_bits_;
  std::vector<std::size_t> from_offsets_;
  std::vector<std::uint32_t> from_ties_;
  std::vector<std::uint32_t> a_, b_;  // each tie's ends now; a tie's source never changes
};

/// The chain's length for `m` ties. Throws `input_error` ("swaps") for a negative or
/// non-finite number of swaps per tie, or one so large that the steps overflow.
inline std::uint64_t rewiring_steps(double swaps_per_tie, std::size_t m) {
  if (!std::isfinite(swaps_per_tie) || swaps_per_tie < 0)
    throw input_error("swaps", "swaps per tie must be a finite number at least 0, got " +
                                   std::to_string(swaps_per_tie));
  const double steps = std::round(swaps_per_tie * static_cast<double>(m));
  if (steps > 1e18)
    throw input_error("swaps", "the chain would take more than 10^18 steps");
  return static_cast<std::uint64_t>(steps);
}

}  // namespace detail::null_models

/// A uniform random simple graph with the degrees of `g` (in- and out-degrees when
/// directed), by a chain of `round(options.swaps_per_tie * m)` double-edge swaps and, for a
/// directed graph, triangle reversals, started at `g` (see the file comment). What the chain
/// did goes to `diagnostics` when given.
///
/// `g` must be simple (as `ties_of` makes it): its ties are then a valid start state.
/// Complexity: O(steps + m) expected time, O(n + m) memory.
/// Throws `input_error` ("swaps") for a bad `swaps_per_tie`.
template <class Rng>
tie_list rewire(const tie_list& g, const rewiring_options& options, Rng& rng,
                rewiring_diagnostics* diagnostics = nullptr) {
  const std::uint64_t steps = detail::null_models::rewiring_steps(options.swaps_per_tie, g.size());
  detail::null_models::rewiring_chain chain(g);
  tie_list out;
  rewiring_diagnostics d;
  chain.run(steps, options.triangle_reversals, rng, out, d);
  if (diagnostics) *diagnostics = d;
  return out;
}

}  // namespace coproduction
