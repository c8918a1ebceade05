#pragma once
/// \file
/// Uniform random graphs on n vertices conditioned on a statistic of an observed graph: the
/// null distributions of R sna's `cug.test` (Butts 2008), drawn as sna draws them.
///
/// - **Size** (sna `cmode = "size"`, its `rgraph(n, tprob = 0.5)`): every simple graph on n
///   vertices equally likely, i.e. each of the `n (n - 1)` ordered pairs (directed) or
///   `n (n - 1) / 2` unordered pairs (undirected) tied with probability 1/2, independently.
/// - **Ties** (sna `cmode = "edges"`, its `rgnm`): every simple graph with exactly the
///   observed number of ties m equally likely: a uniform m-subset of the possible ties.
/// - **Dyad census** (sna `cmode = "dyad.census"`, its `rguman(method = "exact")`): every
///   digraph with exactly the observed numbers of mutual (M), asymmetric (A) and null (N)
///   dyads equally likely: the M + A + N dyads are dealt at random into the three classes
///   and each asymmetric dyad points either way with probability 1/2.
///
/// Every generator takes the per-draw generator of a run (`stats/null_distribution.hpp`)
/// and gives the same graph for the same generator state, on any thread.
///
/// Reference: Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical
/// Software 24(6). Anderson, B. S., Butts, C. & Carley, K. (1999). The interaction of size
/// and density with graph-level indices. Social Networks 21(3), 239-267.

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/stats/null_distribution.hpp"
#include "coproduction/stats/tie_list.hpp"

namespace coproduction {

namespace detail::null_models {

/// Bitmaps up to this many bits (16 MiB) mark the chosen pairs; a larger pair space uses
/// a hash set and a sort.
inline constexpr std::uint64_t bitmap_limit = std::uint64_t{1} << 27;

/// The tie with pair index k of a directed graph on n vertices: pairs in (source, target)
/// order, self-pairs skipped.
inline void directed_pair(std::uint64_t k, std::uint32_t n, std::uint32_t& u,
                          std::uint32_t& v) noexcept {
  u = static_cast<std::uint32_t>(k / (n - 1));
  const auto r = static_cast<std::uint32_t>(k % (n - 1));
  v = r + (r >= u ? 1u : 0u);
}

/// The unordered pair with index k = i (i - 1) / 2 + j, j < i (the lower triangle read row
/// by row), as (j, i).
inline void undirected_pair(std::uint64_t k, std::uint32_t& u, std::uint32_t& v) noexcept {
  auto i = static_cast<std::uint64_t>((1.0 + std::sqrt(1.0 + 8.0 * static_cast<double>(k))) / 2.0);
  // The square root is exact only up to rounding: step to the row that holds k.
  while (i > 1 && i * (i - 1) / 2 > k) --i;
  while ((i + 1) * i / 2 <= k) ++i;
  u = static_cast<std::uint32_t>(k - i * (i - 1) / 2);
  v = static_cast<std::uint32_t>(i);
}

/// A uniform k-subset of `[0, d)`, ascending, into `out`: Floyd's algorithm (Bentley &
/// Floyd 1987, "Programming pearls: a sample of brilliance"), on the smaller of the subset
/// and its complement. O(d / 64 + k) with a bitmap, O(k log k) with a hash set.
class subset_sampler {
 public:
  template <class Rng>
  void sample(std::uint64_t d, std::uint64_t k, Rng& rng, std::vector<std::uint64_t>& out) {
    out.clear();
    const bool complement = k > d / 2;
    const std::uint64_t s = complement ? d - k : k;
    if (d <= bitmap_limit) {
      bits_.assign((d + 63) / 64, 0);
      const auto test_set = [&](std::uint64_t i) {
        std::uint64_t& w = bits_[i >> 6];
        const std::uint64_t b = std::uint64_t{1} << (i & 63);
        const bool was = (w & b) != 0;
        w |= b;
        return was;
      };
      for (std::uint64_t j = d - s; j < d; ++j)
        if (test_set(random_below(rng, j + 1))) test_set(j);
      out.reserve(k);
      for (std::size_t w = 0; w < bits_.size(); ++w) {
        std::uint64_t word = complement ? ~bits_[w] : bits_[w];
        const std::uint64_t base = std::uint64_t{w} * 64;
        if (base + 64 > d) word &= (std::uint64_t{1} << (d - base)) - 1;  // past d: no pair
        while (word != 0) {
          out.push_back(base + static_cast<std::uint64_t>(std::countr_zero(word)));
          word &= word - 1;
        }
      }
      return;
    }
    std::unordered_set<std::uint64_t> chosen;
    chosen.reserve(static_cast<std::size_t>(s) * 2);
    for (std::uint64_t j = d - s; j < d; ++j)
      if (!chosen.insert(random_below(rng, j + 1)).second) chosen.insert(j);
    std::vector<std::uint64_t> picked(chosen.begin(), chosen.end());
    std::sort(picked.begin(), picked.end());
    if (!complement) {
      out = std::move(picked);
      return;
    }
    out.reserve(k);
    std::size_t next = 0;
    for (std::uint64_t i = 0; i < d; ++i) {
      if (next < picked.size() && picked[next] == i) {
        ++next;
        continue;
      }
      out.push_back(i);
    }
  }

 private:
  std::vector<std::uint64_t> bits_;
};

inline void check_order(std::uint64_t n) {
  if (n > 0xffffffffULL - 1)
    throw input_error("n", "at most 2^32 - 2 vertices, got " + std::to_string(n));
}

}  // namespace detail::null_models

/// A uniform random simple graph on `n` vertices (sna's `rgraph(n, tprob = 0.5)`): each
/// possible tie present with probability 1/2, independently, one random bit per pair in
/// pair order. Result in `out` (its storage reused).
///
/// Complexity: O(n^2) time; O(m) memory for the ties. Throws `input_error` ("n") for more
/// than 2^32 - 2 vertices.
template <class Rng>
void uniform_graph_of_size(std::uint32_t n, bool directed, Rng& rng, tie_list& out) {
  detail::null_models::check_order(n);
  out.n = n;
  out.directed = directed;
  out.source.clear();
  out.target.clear();
  std::uint64_t bits = 0;
  int left = 0;
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v = directed ? 0 : u + 1; v < n; ++v) {
      if (u == v) continue;
      if (left == 0) {
        bits = detail::null_models::random_bits(rng);
        left = 64;
      }
      const bool tie = (bits & 1) != 0;
      bits >>= 1;
      --left;
      if (tie) {
        out.source.push_back(u);
        out.target.push_back(v);
      }
    }
}

/// A uniform random simple graph on `n` vertices with exactly `ties` ties (sna's `rgnm`),
/// ties in pair order. `sampler` is a reusable workspace.
///
/// Complexity: O(n^2 / 64 + m) up to 2^27 possible ties, O(m log m) beyond.
/// Throws `input_error` ("ties") when more ties are asked than the graph can hold.
template <class Rng>
void uniform_graph_with_ties(std::uint32_t n, bool directed, std::uint64_t ties, Rng& rng,
                             tie_list& out, detail::null_models::subset_sampler& sampler) {
  const std::uint64_t d = possible_ties(n, directed);
  if (ties > d)
    throw input_error("ties", std::to_string(ties) + " ties asked, but a simple graph on " +
                                  std::to_string(n) + " vertices holds at most " +
                                  std::to_string(d));
  std::vector<std::uint64_t> picked;
  sampler.sample(d, ties, rng, picked);
  out.n = n;
  out.directed = directed;
  out.source.resize(picked.size());
  out.target.resize(picked.size());
  for (std::size_t i = 0; i < picked.size(); ++i) {
    if (directed)
      detail::null_models::directed_pair(picked[i], n, out.source[i], out.target[i]);
    else
      detail::null_models::undirected_pair(picked[i], out.source[i], out.target[i]);
  }
}

/// A uniform random digraph on `n` vertices with exactly the dyad census `census` (sna's
/// `rguman(method = "exact")`): the M + A dyads that are tied are a uniform subset of the
/// `n (n - 1) / 2` dyads, a uniform M of them are mutual, and each of the other A points
/// either way with probability 1/2.
///
/// Complexity: O(n^2 / 64 + M + A) up to 2^27 dyads, O((M + A) log(M + A)) beyond.
/// Throws `input_error` ("census") when M + A + N is not `n (n - 1) / 2`.
template <class Rng>
void uniform_graph_with_census(std::uint32_t n, const dyad_census& census, Rng& rng,
                               tie_list& out, detail::null_models::subset_sampler& sampler) {
  const std::uint64_t d = possible_ties(n, false);
  if (census.mutual + census.asymmetric + census.null != d)
    throw input_error("census", "M + A + N must be the " + std::to_string(d) +
                                    " dyads of a graph on " + std::to_string(n) + " vertices");
  std::vector<std::uint64_t> tied;
  sampler.sample(d, census.mutual + census.asymmetric, rng, tied);
  // Which tied dyads are mutual: a partial Fisher-Yates shuffle deals M of them at random.
  for (std::uint64_t i = 0; i < census.mutual; ++i) {
    const std::uint64_t j = i + detail::null_models::random_below(rng, tied.size() - i);
    std::swap(tied[i], tied[j]);
  }
  out.n = n;
  out.directed = true;
  out.source.clear();
  out.target.clear();
  out.source.reserve(2 * census.mutual + census.asymmetric);
  out.target.reserve(2 * census.mutual + census.asymmetric);
  std::uint64_t bits = 0;
  int left = 0;
  for (std::size_t i = 0; i < tied.size(); ++i) {
    std::uint32_t u = 0, v = 0;
    detail::null_models::undirected_pair(tied[i], u, v);
    if (i < census.mutual) {
      out.source.push_back(u), out.target.push_back(v);
      out.source.push_back(v), out.target.push_back(u);
      continue;
    }
    if (left == 0) {
      bits = detail::null_models::random_bits(rng);
      left = 64;
    }
    if ((bits & 1) != 0) std::swap(u, v);
    bits >>= 1;
    --left;
    out.source.push_back(u), out.target.push_back(v);
  }
}

}  // namespace coproduction
