#pragma once
/// \file
/// Freeman centralization: how far a graph is from sharing a centrality equally, relative to
/// the most centralised graph with as many vertices.
///
///     C = sum_v (c* - c(v)) / max_{G' on n vertices} sum_v (c*(G') - c_G'(v))
///
/// with c* the largest score (Freeman 1979; Wasserman & Faust 1994, ch. 5).
/// 0 means every stakeholder is equally central (a cycle, a complete graph); 1 means the graph
/// is as centralised as one on n vertices can be, which for degree, closeness, harmonic
/// closeness and betweenness is the star.
///
/// The maxima, for scores on the scale the functions of `centrality.hpp` return by default
/// (normalized) and on the raw scale (n vertices, simple graph, no self-loops):
///
/// | measure | graph | normalized scores | raw scores | attained by |
/// |---|---|---|---|---|
/// | degree | undirected | n - 2 | (n-1)(n-2) | star |
/// | degree in / out | directed | n - 1 | (n-1)^2 | in-star / out-star |
/// | degree total | directed | 2(n - 2) | 2(n-1)(n-2) | star with edges both ways |
/// | closeness | undirected | (n-1)(n-2)/(2n-3) | same | star |
/// | closeness in / out | directed | n - 1 | same | in-star / out-star |
/// | harmonic | undirected | (n - 2)/2 | (n-1)(n-2)/2 | star |
/// | harmonic in / out | directed | n - 1 | (n-1)^2 | in-star / out-star |
/// | betweenness | undirected | n - 1 | (n-1)^2(n-2)/2 | star |
/// | betweenness | directed | n - 1 | (n-1)^2(n-2) | star with edges both ways |
/// | eigenvector (unit L2) | undirected | (n-2)/sqrt(2) | same | one edge, n-2 isolates |
/// | eigenvector (unit L2) | directed | n - 1 | same | approached by the in-star |
///
/// Degree and betweenness are igraph's `igraph_centralization_*_tmax` (with loops=false),
/// so the index equals igraph's `centralization_degree(..., loops=FALSE, normalized=TRUE)`
/// and `centralization_betweenness(normalized=TRUE)`; eigenvector equals igraph's
/// `centralization_eigenvector_centrality(scale=FALSE, normalized=TRUE)`. Closeness agrees with
/// igraph on undirected graphs; for directed graphs igraph still divides by (n-1)(1 - 1/n),
/// the maximum under its former rule that an unreachable vertex lies at distance n, whereas
/// here an unreachable vertex contributes nothing (closeness on reachable vertices) and the
/// out-star attains n - 1 (its centre has closeness 1, its leaves 0). Each maximum was also
/// checked by enumerating every graph on up to 5 (undirected: 6) vertices
/// (tests/cpp/test_centrality.cpp). The eigenvector maximum is not the star: on n vertices a
/// lone edge leaves n - 2 vertices at 0 against two at 1/sqrt(2), and the star scores
/// (n - 1 - sqrt(n - 1)) / (n - 2) of it. PageRank has no established maximum and so no
/// normalized centralization here.
///
/// References: Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
/// Social Networks 1, 215-239. Wasserman, S. & Faust, K. (1994). Social Network Analysis,
/// ch. 5. Cambridge University Press. Csardi, G. & Nepusz, T. (2006). The igraph software
/// package for complex network research. InterJournal Complex Systems 1695.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/metrics/centrality.hpp"

namespace coproduction {

/// The centralities that have a known most centralised graph.
enum class centralization_measure { degree, closeness, harmonic, betweenness, eigenvector };

/// The largest possible `sum_v (c* - c(v))` over all simple graphs on `n` vertices, for the
/// measure, direction and score scale given (the table in this header).
///
/// `mode` matters only for directed degree (in/out against total); `normalized_scores` says
/// whether the scores were normalized as `centrality.hpp` does by default (degree and
/// harmonic by n - 1, betweenness by the number of pairs); closeness and eigenvector scores
/// have one scale only and ignore it.
/// Returns 0 where no graph on n vertices can be centralised (n < 3 undirected; n < 2).
/// Complexity: O(1). Throws nothing.
inline double centralization_maximum(centralization_measure measure, std::size_t n,
                                     bool directed, degree_mode mode = degree_mode::total,
                                     bool normalized_scores = true) {
  if (n < 2) return 0.0;
  const double k = static_cast<double>(n);
  switch (measure) {
    case centralization_measure::degree:
      if (!directed) return normalized_scores ? k - 2 : (k - 1) * (k - 2);
      if (mode == degree_mode::total)
        return normalized_scores ? 2 * (k - 2) : 2 * (k - 1) * (k - 2);
      return normalized_scores ? k - 1 : (k - 1) * (k - 1);
    case centralization_measure::closeness:
      return directed ? k - 1 : (k - 1) * (k - 2) / (2 * k - 3);
    case centralization_measure::harmonic:
      if (!directed) return normalized_scores ? (k - 2) / 2 : (k - 1) * (k - 2) / 2;
      return normalized_scores ? k - 1 : (k - 1) * (k - 1);
    case centralization_measure::betweenness:
      if (normalized_scores) return n < 3 ? 0.0 : k - 1;
      return directed ? (k - 1) * (k - 1) * (k - 2) : (k - 1) * (k - 1) * (k - 2) / 2;
    case centralization_measure::eigenvector:
      return directed ? k - 1 : (k - 2) / std::sqrt(2.0);
  }
  return 0.0;
}

/// Freeman's centralization index of a set of scores against a theoretical maximum:
/// `sum_v (max_u c(u) - c(v)) / maximum`.
///
/// Range: [0, 1] when `maximum` is the measure's maximum for `scores.size()` vertices and the
/// scores are on the same scale. Returns NaN when there are no scores or the maximum is 0
/// (a graph too small to be centralised, e.g. two vertices).
/// Complexity: O(n).
/// Throws: `input_error` ("scores") for a score that is not finite, ("maximum") for a
/// negative or non-finite maximum.
/// Reference: Freeman (1979).
inline double freeman_centralization(std::span<const double> scores, double maximum) {
  if (!(std::isfinite(maximum) && maximum >= 0.0))
    throw input_error("maximum", "must be a finite number >= 0, got " + std::to_string(maximum));
  double top = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (!std::isfinite(scores[i]))
      throw input_error("scores", "entry " + std::to_string(i) + " is not a finite number");
    top = std::max(top, scores[i]);
  }
  if (scores.empty() || maximum == 0.0) return std::numeric_limits<double>::quiet_NaN();
  double gap = 0.0;
  for (double c : scores) gap += top - c;
  return gap / maximum;
}

namespace detail {
inline std::vector<double> present_scores(std::vector<double> scores) {
  std::erase_if(scores, [](double x) { return std::isnan(x); });
  return scores;
}

template <class Graph, class Options>
bool reads_directed(const Options& opt) {
  return is_directed_graph_v<Graph> && opt.directed;
}

/// What every `*_centralization` below does: the measure's scores of the unweighted graph
/// (parallel edges merged), the vertices without a score left out, against the measure's
/// maximum for as many vertices, on the scale the options ask for (`normalized`, where the
/// options have it) and, for degree, the direction (`mode`).
template <class Graph, class IndexMap, class Options, class Centrality>
double centralization_of_scores(centralization_measure measure, const Graph& g, IndexMap index,
                                Options opt, Centrality centrality) {
  opt.parallel = parallel_edges::merge;
  const std::vector<double> scores = present_scores(centrality(g, index, unweighted, opt));
  degree_mode mode = degree_mode::total;
  if constexpr (std::is_same_v<Options, degree_options>) mode = opt.mode;
  bool normalized = true;
  if constexpr (requires { opt.normalized; }) normalized = opt.normalized;
  return freeman_centralization(
      scores, centralization_maximum(measure, scores.size(), reads_directed<Graph>(opt), mode,
                                     normalized));
}
}  // namespace detail

/// Freeman degree centralization of an unweighted graph (parallel edges merged).
///
/// Formula: `sum_v (d* - d(v)) / max`, max from `centralization_maximum`: (n-1)(n-2) for an
/// undirected graph, (n-1)^2 for in- or out-degree, 2(n-1)(n-2) for total degree (raw scale).
/// Range: [0, 1]; the star gives 1 (total degree: the star with edges both ways), a cycle or
/// complete graph 0. NaN below 3 vertices (undirected or total) or 2 (in/out).
/// Complexity: O(n + m). Throws nothing for a valid graph.
/// Reference: Freeman (1979); Wasserman & Faust (1994), ch. 5.
template <class Graph, class IndexMap>
double degree_centralization(const Graph& g, IndexMap index, degree_options opt = {}) {
  return detail::centralization_of_scores(
      centralization_measure::degree, g, index, opt,
      [](const auto&... a) { return degree_centrality(a...); });
}

/// Freeman closeness centralization of an unweighted graph, from `closeness_centrality`.
///
/// Formula: `sum_v (C* - C(v)) / max`, max (n-1)(n-2)/(2n-3) undirected (Freeman 1979),
/// n - 1 directed. Use the default `wf_improved = true`: on a disconnected graph the
/// uncorrected closeness of an isolated pair is 1 and the index could pass 1.
/// Range: [0, 1]; star 1, cycle and complete graph 0.
/// Complexity: as `closeness_centrality`. Throws: `interrupted`.
/// Reference: Freeman (1979); Wasserman & Faust (1994), ch. 5.
template <class Graph, class IndexMap>
double closeness_centralization(const Graph& g, IndexMap index, closeness_options opt = {}) {
  return detail::centralization_of_scores(
      centralization_measure::closeness, g, index, opt,
      [](const auto&... a) { return closeness_centrality(a...); });
}

/// Freeman centralization of harmonic closeness, from `harmonic_centrality`.
///
/// Formula: `sum_v (H* - H(v)) / max`, max (n-1)(n-2)/2 undirected (the star: centre n - 1,
/// leaves 1 + (n - 2)/2), (n-1)^2 directed (raw scale; divide by n - 1 when normalized).
/// Range: [0, 1]; star 1, cycle and complete graph 0.
/// Complexity: as `harmonic_centrality`. Throws: `interrupted`.
/// Reference: Freeman (1979) applied to Marchiori & Latora (2000).
template <class Graph, class IndexMap>
double harmonic_centralization(const Graph& g, IndexMap index, harmonic_options opt = {}) {
  return detail::centralization_of_scores(
      centralization_measure::harmonic, g, index, opt,
      [](const auto&... a) { return harmonic_centrality(a...); });
}

/// Freeman betweenness centralization, from `betweenness_centrality`.
///
/// Formula: `sum_v (B* - B(v)) / max`, max (n-1)^2(n-2)/2 undirected (Freeman 1977, 1979),
/// (n-1)^2(n-2) directed, on the raw scale; n - 1 on the normalized scale in both cases.
/// Range: [0, 1]; the star gives 1 (directed: with edges both ways), cycle and complete graph
/// 0. NaN below 3 vertices.
/// Complexity: as `betweenness_centrality`. Throws: `interrupted`.
/// Reference: Freeman (1977); Freeman (1979).
template <class Graph, class IndexMap>
double betweenness_centralization(const Graph& g, IndexMap index, betweenness_options opt = {}) {
  return detail::centralization_of_scores(
      centralization_measure::betweenness, g, index, opt,
      [](const auto&... a) { return betweenness_centrality(a...); });
}

/// Centralization of eigenvector centrality (unit L2 norm), from `eigenvector_centrality`.
///
/// Formula: `sum_v (x* - x(v)) / max`, max (n-2)/sqrt(2) undirected (a lone edge; the star
/// gives (n - 1 - sqrt(n - 1)) / (n - 2) of it), n - 1 directed (a bound the in-star
/// approaches).
/// Range: [0, 1]; cycle and complete graph 0.
/// Complexity: as `eigenvector_centrality`. Throws: as `eigenvector_centrality`.
/// Reference: igraph's `igraph_centralization_eigenvector_centrality_tmax` (Csardi & Nepusz
/// 2006); Freeman (1979) for the index.
template <class Graph, class IndexMap>
double eigenvector_centralization(const Graph& g, IndexMap index,
                                  eigenvector_options opt = {}) {
  return detail::centralization_of_scores(
      centralization_measure::eigenvector, g, index, opt,
      [](const auto&... a) { return eigenvector_centrality(a...); });
}

}  // namespace coproduction
