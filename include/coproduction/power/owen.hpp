#pragma once
/// \file
/// Power indices for games with a priori unions (blocs): the Owen value (Owen 1977), the
/// Shapley-Shubik index when partners vote as blocs, and the Banzhaf-Owen index (Owen 1981).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/vote_totals.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

namespace detail {

struct quadrature_full {
  std::vector<double> node, weight;
};

/// All nodes of the `m`-node Gauss-Legendre rule on [0, 1] (both halves and the middle).
inline quadrature_full gauss_legendre_full(std::size_t m, stop_meter* meter = nullptr) {
  const quadrature_half h = gauss_legendre_half(m, meter);
  quadrature_full out;
  for (std::size_t k = 0; k < h.node.size(); ++k) {
    out.node.push_back(h.node[k]);
    out.weight.push_back(h.weight[k]);
    out.node.push_back(1.0 - h.node[k]);
    out.weight.push_back(h.weight[k]);
  }
  if (h.middle > 0) {
    out.node.push_back(0.5);
    out.weight.push_back(h.middle);
  }
  return out;
}

/// Distribution of the total of `weights`, each present with probability `p`, for totals
/// `0..cap` (exact there). Reports its work to `meter`.
inline std::vector<double> vote_distribution(const std::vector<std::int64_t>& weights, double p,
                                             std::int64_t cap, stop_meter& meter) {
  const std::size_t len = static_cast<std::size_t>(cap) + 1;
  std::vector<double> f(len, 0.0), next(len, 0.0);
  f[0] = 1.0;
  std::int64_t reach = 0;
  for (std::int64_t w : weights) {
    const std::int64_t new_reach = std::min(cap, reach + w);
    const std::size_t top = static_cast<std::size_t>(new_reach) + 1;
    const std::size_t shift = static_cast<std::size_t>(std::min(w, new_reach + 1));
    convolve_step(next.data(), f.data(), shift, top, p);
    meter.add(top);
    std::swap(f, next);
    reach = new_reach;
  }
  return f;
}

/// Owen's two-level multilinear form (Owen 1977): a player `i` of bloc `k` is credited
/// `∫∫ P(i swings) dt du`, where every other bloc joins whole with probability `t` and every
/// other member of bloc `k` with probability `u`. With `orders` the integrals are taken by
/// Gauss-Legendre rules exact for the polynomial integrand (`ceil(m/2)` nodes in `t` for `m`
/// blocs, `ceil(b/2)` in `u` for a bloc of `b` members: the Owen value); without, the
/// integrand is read at `t = u = 1/2` (the Banzhaf-Owen index). The work and the memory are
/// estimated before any table or rule is made.
inline std::vector<double> union_value(const weighted_game& g,
                                       const std::vector<std::size_t>& bloc_of, bool orders,
                                       const stop_check& stop_requested) {
  const std::size_t n = g.players();
  if (bloc_of.size() != n)
    throw input_error("blocs", "one bloc label per player is needed (got " +
                                   std::to_string(bloc_of.size()) + " labels for " +
                                   std::to_string(n) + " players)");
  std::map<std::size_t, std::size_t> dense;
  for (std::size_t label : bloc_of) dense.emplace(label, dense.size());
  const std::size_t m = dense.size();
  std::vector<std::vector<std::size_t>> members(m);
  std::vector<std::int64_t> bloc_weight(m, 0);
  std::vector<bool> bloc_veto(m, false);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t b = dense[bloc_of[i]];
    members[b].push_back(i);
    bloc_weight[b] += g.weights()[i];
    if (g.is_veto(i)) bloc_veto[b] = true;
  }
  const std::int64_t q = g.quota();
  const std::int64_t cap = q - 1;
  const auto& w = g.weights();
  const char* index = orders ? "Owen value" : "Banzhaf-Owen index";

  // Tables of q totals: one per outer node for the other blocs, and three at a time inside
  // (a distribution, its successor, the prefix sums). Work per bloc: the outer distributions
  // (at most m blocs each), then per class of equal members and inner node a distribution
  // over the fellow members and one pass over the totals per outer node.
  const std::uint64_t totals = static_cast<std::uint64_t>(q);
  const std::uint64_t outer_nodes = orders ? (m + 1) / 2 : 1;
  const std::uint64_t bytes =
      saturated_product(saturated_product(totals, outer_nodes + 3), sizeof(double));
  std::uint64_t cells = 0;
  for (std::size_t k = 0; k < m; ++k) {
    std::vector<std::pair<bool, std::int64_t>> keys;
    for (std::size_t i : members[k])
      if (g.is_veto(i) || w[i] > 0) keys.emplace_back(g.is_veto(i), w[i]);
    std::sort(keys.begin(), keys.end());
    const std::uint64_t classes =
        static_cast<std::uint64_t>(std::unique(keys.begin(), keys.end()) - keys.begin());
    const std::uint64_t b = members[k].size();
    const std::uint64_t inner_nodes = orders ? (b + 1) / 2 : 1;
    const std::uint64_t per_total = saturated_sum(
        saturated_product(outer_nodes, m),
        saturated_product(saturated_product(classes, inner_nodes), b + 1 + outer_nodes));
    cells = saturated_sum(cells, saturated_product(per_total, totals));
  }
  check_exact_tables(index, totals, bytes, cells);

  return guard_allocation(index, bytes, [&] {
    stop_meter meter(stop_requested, cells_per_poll);
    const quadrature_full half{{0.5}, {1.0}};
    const quadrature_full outer = orders ? gauss_legendre_full((m + 1) / 2, &meter) : half;
    std::vector<double> value(n, 0.0);
    for (std::size_t k = 0; k < m; ++k) {
      std::int64_t base_out = 0;
      int forced_blocs = 0;
      std::vector<std::int64_t> free_blocs;
      for (std::size_t b = 0; b < m; ++b) {
        if (b == k) continue;
        if (bloc_veto[b]) {
          base_out += bloc_weight[b];
          ++forced_blocs;
        } else if (bloc_weight[b] > 0) {
          free_blocs.push_back(bloc_weight[b]);
        }
      }
      std::vector<std::vector<double>> outside;
      for (double t : outer.node) outside.push_back(vote_distribution(free_blocs, t, cap, meter));

      const quadrature_full rule =
          orders ? gauss_legendre_full((members[k].size() + 1) / 2, &meter) : half;
      // Members with the same weight and veto status are symmetric: one computation each.
      std::map<std::pair<bool, std::int64_t>, std::vector<std::size_t>> classes;
      for (std::size_t i : members[k])
        if (g.is_veto(i) || w[i] > 0) classes[{g.is_veto(i), w[i]}].push_back(i);
      for (const auto& [key, same] : classes) {
        const std::size_t i = same.front();
        const bool veto_i = key.first;
        std::int64_t base = base_out;
        int forced_in = 0;
        std::vector<std::int64_t> free_in;
        for (std::size_t j : members[k]) {
          if (j == i) continue;
          if (g.is_veto(j)) {
            base += w[j];
            ++forced_in;
          } else if (w[j] > 0) {
            free_in.push_back(w[j]);
          }
        }
        double total = 0;
        for (std::size_t a = 0; a < rule.node.size(); ++a) {
          if (stop_requested && stop_requested()) throw interrupted();
          const double u = rule.node[a];
          std::vector<double> cum = vote_distribution(free_in, u, cap, meter);
          for (std::size_t s = 1; s < cum.size(); ++s) cum[s] += cum[s - 1];
          auto cdf = [&](std::int64_t s) {
            return s < 0 ? 0.0 : cum[static_cast<std::size_t>(std::min(s, cap))];
          };
          for (std::size_t b = 0; b < outer.node.size(); ++b) {
            meter.add(totals);
            const double factor = rule.weight[a] * outer.weight[b] *
                                  std::pow(outer.node[b], forced_blocs) * std::pow(u, forced_in);
            const std::vector<double>& x = outside[b];
            double p = 0;
            if (!veto_i) {
              const std::int64_t lo = q - w[i] - base, hi = q - 1 - base;
              if (hi < 0) continue;
              for (std::int64_t s = 0; s <= std::min(hi, cap); ++s)
                p += x[static_cast<std::size_t>(s)] * (cdf(hi - s) - cdf(lo - 1 - s));
            } else {
              const std::int64_t last = q - w[i] - base - 1;  // totals that still lose
              double lose = 0;
              for (std::int64_t s = 0; s <= std::min(last, cap); ++s)
                lose += x[static_cast<std::size_t>(s)] * cdf(last - s);
              p = std::max(0.0, 1.0 - lose);
            }
            total += factor * std::max(0.0, p);
          }
        }
        for (std::size_t j : same) value[j] = std::clamp(total, 0.0, 1.0);
      }
    }
    return value;
  });
}

}  // namespace detail

/// Owen value (Owen 1977) of every player of a weighted game whose players form a priori
/// unions: `bloc_of[i]` is the bloc of player `i` (any labels). Blocs form in random order,
/// members of a bloc join consecutively in random order, and a player is credited with the
/// share of such orders in which it is pivotal:
///
///     Ow_i = sum_{T ⊆ M∖{k}} sum_{S ⊆ B_k∖{i}} |T|!(m-1-|T|)!/m! · |S|!(b_k-1-|S|)!/b_k!
///            · [v(Q_T ∪ S ∪ {i}) - v(Q_T ∪ S)]
///
/// for player `i` in bloc `B_k` of size `b_k`, `m` blocs and `Q_T` the union of the blocs in
/// `T`. Computed exactly through Owen's two-level multilinear form
/// `Ow_i = ∫_0^1 ∫_0^1 P(i swings) du dt` (other blocs join whole with probability `t`, other
/// members of `B_k` with probability `u`), integrated by Gauss-Legendre rules with
/// `ceil(m/2)` and `ceil(b_k/2)` nodes (exact: the integrand is a polynomial of degree `m-1`
/// in `t` and `b_k-1` in `u`), each node a convolution over vote totals. Veto holders are
/// exact as in `shapley_shubik`.
///
/// Range `[0, 1]`, summing to 1. With one bloc, or every player alone, it equals the
/// Shapley-Shubik index; a bloc's members together hold the bloc's Shapley-Shubik value in
/// the game between blocs. Reading for a partnership: the power of each partner when
/// partners of one organisation or group agree among themselves before the vote.
///
/// Complexity O(Σ_k [m·⌈m/2⌉ + ⌈b_k/2⌉·d_k·(b_k + ⌈m/2⌉)]·q) time with `d_k` distinct weights
/// in bloc `k`, O(m·q) memory (`⌈m/2⌉ + 3` tables of `q` doubles). Both are estimated before
/// anything is allocated: above `max_exact_table_bytes` (1 GiB) or `max_exact_table_cells`
/// (10^12) the game is refused.
/// \throws input_error ("blocs") when `bloc_of` does not have one label per player;
///         limit_exceeded ("weights") when the tables exceed those limits or cannot be
///         allocated; interrupted when `stop_requested` (asked once per inner node and
///         every 2^25 table cells) returns true.
inline std::vector<double> owen(const weighted_game& g, const std::vector<std::size_t>& bloc_of,
                                const stop_check& stop_requested = {}) {
  detail::flush_subnormals guard;
  return detail::union_value(g, bloc_of, true, stop_requested);
}

/// Banzhaf-Owen index (Owen 1981, "Modification of the Banzhaf-Coleman index for games with a
/// priori unions") of a weighted game with blocs: as `owen`, but every coalition of other
/// blocs and of fellow members counts equally,
///
///     BO_i = 2^-(m-1) · 2^-(b_k-1) · #{(T, S) : i swings for Q_T ∪ S},
///
/// (absolute), or divided by the sum over players (normalised). Computed exactly at
/// `t = u = 1/2` of the two-level multilinear form. Range `[0, 1]`. Work and memory are
/// estimated and limited as for `owen` (4 tables of `q` doubles).
/// \throws input_error ("blocs") when `bloc_of` does not have one label per player;
///         limit_exceeded ("weights") as `owen`; interrupted when `stop_requested`
///         returns true.
inline std::vector<double> banzhaf_owen(const weighted_game& g,
                                        const std::vector<std::size_t>& bloc_of,
                                        banzhaf_scale scale = banzhaf_scale::normalized,
                                        const stop_check& stop_requested = {}) {
  detail::flush_subnormals guard;
  return detail::finish_banzhaf(detail::union_value(g, bloc_of, false, stop_requested), scale);
}

}  // namespace coproduction
