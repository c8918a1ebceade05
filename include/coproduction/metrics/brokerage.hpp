#pragma once
/// \file
/// Brokerage: who stands between others. The abstract *Co-Producing Health and Wellbeing
/// Programmes in the Museum* finds front-line staff brokering between service users and
/// institutions; two classic measures say who does it and of what kind.
///
/// **Gould & Fernandez (1989) brokerage roles.** A vertex v brokers for a and b when
/// a -> v -> b and not a -> b (a, b, v distinct). With stakeholders in groups, each such
/// open two-path is one of five roles of v, by who belongs to v's group:
///
/// | role | two-path | v mediates |
/// |---|---|---|
/// | coordinator | A -> A -> A | between members of its own group |
/// | itinerant broker (consultant) | A -> B -> A | between members of one other group |
/// | representative | A -> A -> B | from its own group out to another |
/// | gatekeeper | B -> A -> A | from another group into its own |
/// | liaison | A -> B -> C | between two other, different groups |
///
/// A vertex's score for a role is the number of ordered pairs (a, b) it brokers in that role;
/// `total` adds the five. Expected scores, standard deviations and z-scores are those of
/// R sna's `brokerage()` (Butts 2008), which takes the Gould-Fernandez moments under a
/// random digraph with the observed density d (every ordered pair tied independently with
/// probability d) and the observed group sizes: for v in a group of size n_v out of N,
/// `E[coordinator] = d^2 (1 - d) (n_v - 1)(n_v - 2)`, and so on (see `brokerage_moments_of`).
/// Brokerage needs direction: in an undirected graph a -> v -> b implies b -> v -> a.
///
/// **Burt (1992) constraint and effective size.** With `p_ij = (a_ij + a_ji) / sum_k (a_ik +
/// a_ki)` the share of i's relations (both directions, weights summed) that go to j:
/// constraint `c_i = sum_{j in N(i)} (p_ij + sum_{q in N(i)} p_iq p_qj)^2` measures how much
/// i's contacts are tied to each other (high: a closed circle with no room to broker);
/// effective size `e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)`, `m_jq = (a_jq + a_qj)
/// / max_k (a_jk + a_kj)`, counts i's non-redundant contacts (high: many contacts who do not
/// know each other). Both equal NetworkX's `constraint` and `effective_size` with the same
/// weights.
///
/// Every measure here works on the simple graph of the layer (see `reciprocity.hpp`).
///
/// References: Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
/// approach to brokerage in transaction networks. Sociological Methodology 19, 89-126.
/// Butts, C. T. (2008). Social network analysis with sna. Journal of Statistical Software
/// 24(6). Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
/// University Press. Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy
/// measures. Connections 20(1), 35-38.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/edge_reading.hpp"

namespace coproduction {

/// The Gould-Fernandez brokerage roles, in the order of the 1989 paper, and their total.
enum class brokerage_role {
  coordinator,     ///< A -> A -> A (sna `w_I`)
  itinerant,       ///< A -> B -> A, the itinerant broker or consultant (sna `w_O`)
  representative,  ///< A -> A -> B (sna `b_IO`)
  gatekeeper,      ///< B -> A -> A (sna `b_OI`)
  liaison,         ///< A -> B -> C (sna `b_O`)
  total,           ///< any of the five (sna `t`)
};

/// Number of entries of a role table: five roles and the total.
inline constexpr std::size_t brokerage_columns = 6;

/// A value per role, indexed by `static_cast<std::size_t>(brokerage_role)`.
using role_table = std::array<double, brokerage_columns>;

/// Observed brokerage of one unit (a vertex or the whole network) and its moments under the
/// random digraph of the same density and group sizes.
struct brokerage_scores {
  role_table observed{};
  role_table expected{};
  role_table sd{};
  role_table z{};  ///< (observed - expected) / sd; NaN when sd is 0
};

/// Gould-Fernandez brokerage of every vertex and of the whole network.
template <class Key>
struct brokerage_result {
  double density = std::numeric_limits<double>::quiet_NaN();  ///< m / (N (N - 1))
  /// by group code; codes number the groups in order of first appearance by vertex index
  std::vector<Key> groups;
  std::vector<std::uint64_t> group_size;  ///< by group code
  std::vector<role_table> group_expected;  ///< by group code: expected score of a broker in it
  std::vector<role_table> group_sd;        ///< by group code
  std::vector<brokerage_scores> vertex;    ///< by vertex index; all NaN for a hidden vertex
  brokerage_scores network;               ///< sums over all brokers, with sna's moments
};

namespace detail::structure {

/// Gould-Fernandez tables with groups as codes; `vertex` is by compact position.
struct brokerage_tables {
  double density = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::uint64_t> group_size;
  std::vector<role_table> group_expected, group_sd;
  std::vector<brokerage_scores> vertex;
  brokerage_scores network;
};

/// Observed role counts per broker: one pass over each broker's in- and out-neighbours.
inline std::vector<role_table> brokerage_counts(const compact_graph& g,
                                                std::span<const std::uint32_t> code) {
  std::vector<role_table> counts(g.n, role_table{});
  for (std::uint32_t v = 0; v < g.n; ++v) {
    role_table& c = counts[v];
    for (std::uint32_t a : g.in().neighbours(v))
      for (std::uint32_t b : g.out.neighbours(v)) {
        if (a == b || g.has_arc(a, b)) continue;
        brokerage_role role;
        if (code[a] == code[v])
          role = code[b] == code[v] ? brokerage_role::coordinator : brokerage_role::representative;
        else if (code[b] == code[v])
          role = brokerage_role::gatekeeper;
        else if (code[a] == code[b])
          role = brokerage_role::itinerant;
        else
          role = brokerage_role::liaison;
        c[static_cast<std::size_t>(role)] += 1;
        c[static_cast<std::size_t>(brokerage_role::total)] += 1;
      }
  }
  return counts;
}

inline double choose2(double x) { return x * (x - 1) / 2; }

/// The moments of R sna's `brokerage()` (models.R), transcribed term by term: `n` the group
/// sizes, N their sum, d the density. Fills the expectation and variance per broker group
/// (`ebr`, `vbr` in sna) and for the whole network (`egbr`, `vgbr`).
///
/// Checked against the exact moments under the Bernoulli digraph by enumerating pairs of
/// two-paths (tests/python/test_relations.py): every per-group moment and every network
/// expectation is exact, as are the network variances of the itinerant and liaison counts.
/// sna's network variances of the coordinator, representative, gatekeeper and total counts
/// are not: for the total, 4N - 10 two-paths cannot be open together with a given one and
/// sna subtracts 4(N - 3) of them, overstating the variance by 2 N (N-1)(N-2) d^4 (1-d)^2.
/// They are kept as sna has them, so that results match sna.
struct brokerage_moments {
  std::vector<role_table> group_mean, group_variance;
  role_table network_mean{}, network_variance{};
};

inline brokerage_moments brokerage_moments_of(const std::vector<std::uint64_t>& sizes, double d) {
  using R = brokerage_role;
  const auto at = [](R r) { return static_cast<std::size_t>(r); };
  std::vector<double> n(sizes.begin(), sizes.end());
  double N = 0;
  for (double x : n) N += x;
  const std::size_t G = n.size();
  const double p = d * d * (1 - d);  // P(a -> v -> b, not a -> b)
  // The covariance of two open two-paths that share one arc.
  const double q = std::pow(d, 3) * std::pow(1 - d, 3);
  const double d4 = std::pow(d, 4) * std::pow(1 - d, 2);
  const double d5 = std::pow(d, 5) * (1 - d);

  brokerage_moments m;
  m.group_mean.assign(G, role_table{});
  m.group_variance.assign(G, role_table{});
  for (std::size_t i = 0; i < G; ++i) {
    role_table& e = m.group_mean[i];
    role_table& v = m.group_variance[i];
    const double ni = n[i];
    double others_pairs = 0, others_triples = 0, others_sum = 0, others_sq = 0, liaison_var = 0;
    for (std::size_t j = 0; j < G; ++j) {
      if (j == i) continue;
      others_pairs += n[j] * (n[j] - 1);
      others_triples += n[j] * (n[j] - 1) * (n[j] - 2);
      others_sum += n[j];
      others_sq += n[j] * n[j];
      liaison_var += n[j] * choose2(N - n[j] - ni);
    }
    e[at(R::coordinator)] = p * (ni - 1) * (ni - 2);
    v[at(R::coordinator)] =
        e[at(R::coordinator)] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q;
    e[at(R::itinerant)] = p * others_pairs;
    v[at(R::itinerant)] = e[at(R::itinerant)] * (1 - p) + 2 * others_triples * q;
    e[at(R::representative)] = p * (N - ni) * (ni - 1);
    v[at(R::representative)] =
        e[at(R::representative)] * (1 - p) +
        2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * q;
    e[at(R::gatekeeper)] = e[at(R::representative)];
    v[at(R::gatekeeper)] = v[at(R::representative)];
    e[at(R::liaison)] = p * (others_sum * others_sum - others_sq);
    v[at(R::liaison)] = e[at(R::liaison)] * (1 - p) + 4 * liaison_var * q;
    e[at(R::total)] = p * (N - 1) * (N - 2);
    v[at(R::total)] = e[at(R::total)] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q;
  }

  role_table& e = m.network_mean;
  role_table& v = m.network_variance;
  double s1 = 0, s1v = 0, s3 = 0, s3v = 0, s2v = 0, s5 = 0;
  for (std::size_t a = 0; a < G; ++a) {
    const double x = n[a];
    s1 += x * (x - 1) * (x - 2);
    s1v += x * (x - 1) * (x - 2) * ((4 * x - 10) * q - 4 * (x - 3) * d4 + (x - 3) * d5);
    s3 += x * (N - x) * (x - 1);
    s3v += x * (N - x) * (x - 1) * ((N - 3) * q + (x - 2) * d5);
    for (std::size_t b = 0; b < G; ++b) {
      if (a == b) continue;
      const double y = n[b];
      s2v += x * y * (x - 1) * ((2 * x + 2 * y - 6) * q + (N - x - 1) * d5);
      s5 += x * y * (N - x - y);
    }
  }
  e[at(R::coordinator)] = p * s1;
  v[at(R::coordinator)] = e[at(R::coordinator)] * (1 - p) + s1v;
  e[at(R::itinerant)] = p * s3;  // sna: sum(n (N - n)(n - 1)), the same count as representative
  v[at(R::itinerant)] = e[at(R::itinerant)] * (1 - p) + s2v;
  e[at(R::representative)] = p * s3;
  v[at(R::representative)] = e[at(R::representative)] * (1 - p) + s3v;
  e[at(R::gatekeeper)] = e[at(R::representative)];
  v[at(R::gatekeeper)] = v[at(R::representative)];
  e[at(R::liaison)] = p * s5;
  v[at(R::liaison)] = e[at(R::liaison)] * (1 - p);
  for (std::size_t i = 0; i < G; ++i)
    for (std::size_t j = 0; j < G; ++j)
      for (std::size_t k = 0; k < G; ++k) {
        if (i == j || j == k || i == k) continue;
        v[at(R::liaison)] +=
            n[i] * n[j] * n[k] *
            ((4 * (N - n[j]) - 2 * (n[i] + n[k] + 1)) * q -
             (4 * (N - n[k]) - 2 * (n[i] + n[j] + 1)) * d4 + (N - (n[i] + n[k] + 1)) * d5);
      }
  e[at(R::total)] = p * N * (N - 1) * (N - 2);
  v[at(R::total)] = e[at(R::total)] * (1 - p) +
                    N * (N - 1) * (N - 2) * ((4 * N - 10) * q - 4 * (N - 3) * d4 + (N - 3) * d5);
  return m;
}

inline void standardise(brokerage_scores& s, const role_table& mean, const role_table& variance) {
  s.expected = mean;
  for (std::size_t r = 0; r < brokerage_columns; ++r) {
    s.sd[r] = std::sqrt(variance[r]);
    s.z[r] = (s.observed[r] - s.expected[r]) / s.sd[r];  // 0 / 0 is NaN, as in R
  }
}

inline brokerage_tables brokerage(const compact_graph& g, std::span<const std::uint32_t> code,
                                  std::size_t groups) {
  brokerage_tables t;
  t.group_size.assign(groups, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++t.group_size[code[v]];
  t.density = density(g);  // NaN for N < 2, as in sna
  const brokerage_moments m = brokerage_moments_of(t.group_size, t.density);
  t.group_expected = m.group_mean;
  t.group_sd.resize(groups);
  for (std::size_t k = 0; k < groups; ++k)
    for (std::size_t r = 0; r < brokerage_columns; ++r)
      t.group_sd[k][r] = std::sqrt(m.group_variance[k][r]);

  const std::vector<role_table> counts = brokerage_counts(g, code);
  t.vertex.resize(g.n);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    t.vertex[v].observed = counts[v];
    standardise(t.vertex[v], m.group_mean[code[v]], m.group_variance[code[v]]);
    for (std::size_t r = 0; r < brokerage_columns; ++r) t.network.observed[r] += counts[v][r];
  }
  standardise(t.network, m.network_mean, m.network_variance);
  return t;
}

/// Each vertex's alters (in- and out-neighbours merged) with the mutual weight
/// `a_uv + a_vu`, and per vertex the sum and the largest of those weights.
struct mutual_ties {
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> alter;
  std::vector<double> weight;
  std::vector<double> total, largest;

  std::size_t begin(std::uint32_t v) const noexcept { return offsets[v]; }
  std::size_t end(std::uint32_t v) const noexcept { return offsets[v + 1]; }
};

inline mutual_ties mutual_ties_of(const compact_graph& g) {
  mutual_ties t;
  t.offsets.assign(static_cast<std::size_t>(g.n) + 1, 0);
  t.total.assign(g.n, 0.0);
  t.largest.assign(g.n, 0.0);
  const adjacency& in_adj = g.in();
  for (std::uint32_t v = 0; v < g.n; ++v) {
    // Merge the sorted out- and in-lists of v; an alter in both gets both weights.
    std::size_t i = g.out.begin(v), j = in_adj.begin(v);
    const std::size_t i_end = g.out.end(v), j_end = in_adj.end(v);
    while (i < i_end || j < j_end) {
      std::uint32_t u;
      double w = 0;
      if (j == j_end || (i < i_end && g.out.targets[i] < in_adj.targets[j])) {
        u = g.out.targets[i];
        w = g.out.strength_at(i++);
      } else if (i == i_end || in_adj.targets[j] < g.out.targets[i]) {
        u = in_adj.targets[j];
        w = in_adj.strength_at(j++);
      } else {
        u = g.out.targets[i];
        w = g.out.strength_at(i++) + in_adj.strength_at(j++);
      }
      t.alter.push_back(u);
      t.weight.push_back(w);
      t.total[v] += w;
      t.largest[v] = std::max(t.largest[v], w);
    }
    t.offsets[v + 1] = t.alter.size();
  }
  return t;
}

inline std::vector<double> constraint(const compact_graph& g) {
  const mutual_ties t = mutual_ties_of(g);
  std::vector<double> result(g.n, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> indirect(g.n, 0.0);
  for (std::uint32_t u = 0; u < g.n; ++u) {
    if (t.begin(u) == t.end(u)) continue;  // an isolate has no constraint (NaN, as NetworkX)
    for (std::size_t a = t.begin(u); a < t.end(u); ++a) {
      const std::uint32_t q = t.alter[a];
      const double p_uq = t.weight[a] / t.total[u];
      for (std::size_t b = t.begin(q); b < t.end(q); ++b)
        indirect[t.alter[b]] += p_uq * t.weight[b] / t.total[q];
    }
    double c = 0;
    for (std::size_t a = t.begin(u); a < t.end(u); ++a) {
      const double x = t.weight[a] / t.total[u] + indirect[t.alter[a]];
      c += x * x;
    }
    result[u] = c;
    for (std::size_t a = t.begin(u); a < t.end(u); ++a) {
      const std::uint32_t q = t.alter[a];
      for (std::size_t b = t.begin(q); b < t.end(q); ++b) indirect[t.alter[b]] = 0.0;
    }
  }
  return result;
}

inline std::vector<double> effective_size(const compact_graph& g) {
  const mutual_ties t = mutual_ties_of(g);
  std::vector<double> result(g.n, std::numeric_limits<double>::quiet_NaN());
  std::vector<double> share(g.n, 0.0);  // p_uq for the alters q of the current u
  for (std::uint32_t u = 0; u < g.n; ++u) {
    if (t.begin(u) == t.end(u)) continue;
    for (std::size_t a = t.begin(u); a < t.end(u); ++a)
      share[t.alter[a]] = t.weight[a] / t.total[u];
    double size = 0;
    for (std::size_t a = t.begin(u); a < t.end(u); ++a) {
      const std::uint32_t j = t.alter[a];
      double redundancy = 0;
      for (std::size_t b = t.begin(j); b < t.end(j); ++b)
        redundancy += share[t.alter[b]] * t.weight[b] / t.largest[j];
      size += 1 - redundancy;
    }
    result[u] = size;
    for (std::size_t a = t.begin(u); a < t.end(u); ++a) share[t.alter[a]] = 0.0;
  }
  return result;
}

}  // namespace detail::structure

/// Gould-Fernandez brokerage roles of every vertex of the simple digraph `g` shows, for the
/// groups `group` gives (a readable vertex property map to any key with `operator<`), with
/// R sna's expected values, standard deviations and z-scores; see the file comment.
///
/// Formula: observed = the number of ordered pairs (a, b), a != b, with a -> v -> b and not
/// a -> b, by role. Density `d = m / (N (N - 1))`, m the arcs of the simple graph (self-ties
/// dropped). Expectations and variances: sna's `brokerage()` term by term, per broker group
/// and for the whole network; z = (observed - expected) / sd, NaN where sd is 0 (a role no
/// vertex of that group can hold, or d in {0, 1}). The per-vertex moments are the exact ones
/// of the random digraph; four network-wide variances are sna's approximations (see
/// `detail::structure::brokerage_moments_of`).
/// Range: counts in [0, (N - 1)(N - 2)]. A front-line worker with a high gatekeeper z-score
/// controls what reaches their own team from outside; a high liaison score marks someone who
/// connects groups to which they do not belong.
/// Complexity: O(n log n + m log m + sum_v indeg(v) outdeg(v) log m + G^3), G groups.
/// Throws `input_error` ("index") for an index map that is not one-to-one into
/// `[0, num_vertices(g))`.
/// Reference: Gould & Fernandez (1989); Butts (2008); see the file comment.
template <class Graph, class IndexMap, class GroupMap>
auto brokerage(const Graph& g, IndexMap index, GroupMap group) {
  static_assert(detail::is_directed_graph_v<Graph>,
                "brokerage needs a directed graph: a broker passes something from a to b");
  const auto read = detail::structure::read_simple(g, index);
  const detail::vertex_layout& layout = read.layout;
  auto coding = detail::structure::code_groups(g, index, layout, group);
  auto tables = detail::structure::brokerage(read.graph, coding.code, coding.keys.size());
  brokerage_result<typename decltype(coding.keys)::value_type> r;
  r.density = tables.density;
  r.groups = std::move(coding.keys);
  r.group_size = std::move(tables.group_size);
  r.group_expected = std::move(tables.group_expected);
  r.group_sd = std::move(tables.group_sd);
  r.network = tables.network;
  brokerage_scores hidden;
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  hidden.observed.fill(nan);
  hidden.expected.fill(nan);
  hidden.sd.fill(nan);
  hidden.z.fill(nan);
  r.vertex.assign(layout.position.size(), hidden);
  for (std::size_t p = 0; p < layout.index.size(); ++p)
    r.vertex[layout.index[p]] = tables.vertex[p];
  return r;
}

/// Burt's constraint of every vertex of the simple graph `g` shows: how far its contacts are
/// tied to each other, so that it cannot play one against another.
///
/// Formula: `c_i = sum_{j in N(i)} (p_ij + sum_{q in N(i)} p_iq p_qj)^2`, N(i) the in- and
/// out-neighbours of i, `p_ij = (a_ij + a_ji) / sum_{k in N(i)} (a_ik + a_ki)`, a the weights
/// (1 for an unweighted graph; parallel relations summed). Equals NetworkX's `constraint`.
/// Range: > 0; NaN for an isolate and for a hidden vertex. A stakeholder with one contact has
/// constraint 1, one whose two contacts are tied to each other 1.125 (unweighted); one with
/// many contacts who do not know each other is near 0: the broker's position of the
/// front-line staff in *Co-Producing Health and Wellbeing Programmes in the Museum*.
/// Complexity: O(n + m log m + sum_i sum_{q in N(i)} |N(q)|).
/// Throws `input_error` ("index") as `brokerage`, ("weight") for a weight that is not a
/// finite number > 0.
/// Reference: Burt (1992), ch. 2; Burt, R. S. (2004). Structural holes and good ideas.
/// American Journal of Sociology 110, 349-399.
template <class Graph, class IndexMap, class WeightMap = unweighted_t>
std::vector<double> constraint(const Graph& g, IndexMap index, WeightMap weight = unweighted) {
  const auto read = detail::structure::read_simple(g, index, weight);
  return read.layout.expand(detail::structure::constraint(read.graph));
}

/// Burt's effective size of every vertex of the simple graph `g` shows: its number of
/// contacts less their redundancy with each other.
///
/// Formula: `e_i = sum_{j in N(i)} (1 - sum_{q in N(i)} p_iq m_jq)`, p as in `constraint`,
/// `m_jq = (a_jq + a_qj) / max_k (a_jk + a_kj)`. In an unweighted undirected graph this is
/// Borgatti's `n - 2t / n` (n contacts, t ties among them). Equals NetworkX's
/// `effective_size`.
/// Range: [1, |N(i)|]; NaN for an isolate and for a hidden vertex. Equal to the number of
/// contacts when none of them are tied to each other (every contact brings something new);
/// near 1 when they all know each other.
/// Complexity and throws: as `constraint`.
/// Reference: Burt (1992); Borgatti (1997).
template <class Graph, class IndexMap, class WeightMap = unweighted_t>
std::vector<double> effective_size(const Graph& g, IndexMap index, WeightMap weight = unweighted) {
  const auto read = detail::structure::read_simple(g, index, weight);
  return read.layout.expand(detail::structure::effective_size(read.graph));
}

}  // namespace coproduction
