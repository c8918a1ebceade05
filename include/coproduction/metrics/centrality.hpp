#pragma once
/// \file
/// Node centralities: degree (in, out, total; weighted = strength), closeness, harmonic
/// closeness, betweenness, eigenvector and PageRank, as free function templates over
/// Boost.Graph concepts.
///
/// Every function takes a graph that models VertexListGraph and IncidenceGraph, a readable
/// vertex index map (integers in `[0, num_vertices(g))`), and either a readable edge weight
/// map or `coproduction::unweighted`, and returns a `std::vector<double>` indexed by vertex
/// index. A vertex of the index range that the graph does not show (a `filtered_graph` that
/// hides it) gets NaN and takes no part in the computation, so a filtered view behaves as the
/// smaller graph it shows.
///
/// The graph is first copied into the library's compact graph (`detail/compact_graph.hpp`);
/// path-based measures then search from every source vertex (`detail/paths.hpp`), in
/// parallel over sources on `threads` std::threads (`detail/parallel.hpp`): betweenness with
/// one breadth-first (unweighted) or Dijkstra (weighted) search per source, unweighted
/// closeness and harmonic closeness with breadth-first searches from 64 sources at once.
/// Every result is the same, bit for bit, for every number of threads and every run.
///
/// Conventions (each matches NetworkX 3's default, which the Python tests check to 1e-9):
/// - A weight is a tie strength (bigger = closer) and a path's length is the sum of
///   `1 / weight` (Newman 2001; Opsahl, Agneessens & Skvoretz 2010); `weight_meaning::distance`
///   reads weights as lengths instead. Degree, eigenvector and PageRank use strengths.
/// - Self-loops are ignored; parallel edges are merged (strengths add up) unless
///   `parallel_edges::keep` is asked for (see `metrics/edge_reading.hpp`).
/// - `directed = false` reads a directed graph as undirected; an undirected graph is always
///   read as undirected.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/paths.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/edge_reading.hpp"

namespace coproduction {

/// Which edges degree counts in a directed graph (ignored when the graph is read undirected).
enum class degree_mode {
  in,     ///< incoming edges: how many relations point at the stakeholder
  out,    ///< outgoing edges
  total,  ///< in + out (NetworkX's `DiGraph.degree`)
};

/// Which distances closeness and harmonic closeness use in a directed graph (ignored when the
/// graph is read undirected).
enum class path_mode {
  in,   ///< distances from every other vertex to v: how easily v is reached (NetworkX's default)
  out,  ///< distances from v to every other vertex: how easily v reaches others (igraph's default)
};

/// Options of `degree_centrality`.
struct degree_options {
  degree_mode mode = degree_mode::total;
  bool normalized = true;  ///< divide by n - 1 (NetworkX `degree_centrality`)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

/// Options of `closeness_centrality`.
struct closeness_options {
  path_mode mode = path_mode::in;
  bool wf_improved = true;  ///< scale by the reached share (Wasserman & Faust 1994, p. 201)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;  ///< 0 = std::thread::hardware_concurrency()
  stop_check stop_requested = {};
};

/// Options of `harmonic_centrality`.
struct harmonic_options {
  path_mode mode = path_mode::in;
  bool normalized = false;  ///< divide by n - 1 (igraph's `normalized=True`)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;
  stop_check stop_requested = {};
};

/// Options of `betweenness_centrality`.
struct betweenness_options {
  bool normalized = true;  ///< divide as NetworkX does, see `betweenness_centrality`
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;
  stop_check stop_requested = {};
};

/// Options of `eigenvector_centrality`.
struct eigenvector_options {
  std::size_t max_iter = 100;
  double tol = 1e-6;
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

/// Options of `pagerank`.
struct pagerank_options {
  double alpha = 0.85;  ///< damping: the chance of following an edge rather than jumping
  std::size_t max_iter = 100;
  double tol = 1e-6;
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

namespace detail {

// ---------------------------------------------------------------------------------------
// Kernels on the compact graph.

inline std::vector<double> degree(const compact_graph& g, const degree_options& opt) {
  const std::uint32_t n = g.n;
  std::vector<double> out(n, 0.0), in(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::size_t a = g.out.begin(v); a < g.out.end(v); ++a) {
      const double w = g.weighted ? g.out.strength[a] : 1.0;
      out[v] += w;
      in[g.out.targets[a]] += w;
    }
  }
  std::vector<double> result;
  if (!g.directed || opt.mode == degree_mode::out) {
    result = std::move(out);
  } else if (opt.mode == degree_mode::in) {
    result = std::move(in);
  } else {
    result.resize(n);
    for (std::uint32_t v = 0; v < n; ++v) result[v] = in[v] + out[v];
  }
  if (opt.normalized) {
    if (n == 1) {
      result[0] = 1.0;  // NetworkX's convention for a single vertex
    } else if (n > 1) {
      const double scale = 1.0 / (n - 1.0);
      for (double& x : result) x *= scale;
    }
  }
  return result;
}

inline const adjacency& path_adjacency(const compact_graph& g, path_mode mode) {
  // Distances *to* v are distances from v along reversed edges.
  return (g.directed && mode == path_mode::in) ? g.in() : g.out;
}

inline std::vector<double> closeness(const compact_graph& g, const closeness_options& opt) {
  const auto sums = all_reach_sums<false>(g, path_adjacency(g, opt.mode), opt.threads,
                                          opt.stop_requested);
  std::vector<double> c(g.n, 0.0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const reach_sums& r = sums[v];
    if (r.total > 0.0 && g.n > 1) {
      const double others = r.reached - 1.0;
      c[v] = others / r.total;
      if (opt.wf_improved) c[v] *= others / (g.n - 1.0);
    }
  }
  return c;
}

inline std::vector<double> harmonic(const compact_graph& g, const harmonic_options& opt) {
  const auto sums = all_reach_sums<true>(g, path_adjacency(g, opt.mode), opt.threads,
                                         opt.stop_requested);
  std::vector<double> h(g.n, 0.0);
  const double scale = (opt.normalized && g.n > 1) ? 1.0 / (g.n - 1.0) : 1.0;
  for (std::uint32_t v = 0; v < g.n; ++v) h[v] = sums[v].reciprocal * scale;
  return h;
}

inline std::vector<double> betweenness(const compact_graph& g, const betweenness_options& opt) {
  std::vector<double> bc = betweenness_sums(g, opt.threads, opt.stop_requested);
  // Every ordered pair (s, t) was counted; NetworkX's _rescale with endpoints=False.
  const std::uint32_t n = g.n;
  if (n > 2) {
    double scale = 1.0;
    if (opt.normalized)
      scale = 1.0 / ((n - 1.0) * (n - 2.0));
    else if (!g.directed)
      scale = 0.5;
    if (scale != 1.0)
      for (double& x : bc) x *= scale;
  }
  return bc;
}

inline void check_iteration(std::size_t max_iter, double tol) {
  if (max_iter == 0) throw input_error("max_iter", "must be at least 1");
  if (!(std::isfinite(tol) && tol > 0.0))
    throw input_error("tol", "must be a finite positive number, got " + std::to_string(tol));
}

inline std::vector<double> eigenvector(const compact_graph& g, const eigenvector_options& opt) {
  check_iteration(opt.max_iter, opt.tol);
  const std::uint32_t n = g.n;
  if (n == 0) return {};
  // NetworkX's power iteration, step for step: start at 1/n, multiply by (A + I) so that a
  // bipartite graph converges, normalise to unit L2 norm, stop when the L1 change < n * tol.
  std::vector<double> x(n, 1.0 / n), last(n);
  for (std::size_t iter = 0; iter < opt.max_iter; ++iter) {
    last = x;
    for (std::uint32_t u = 0; u < n; ++u) {
      const double xu = last[u];
      for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
        x[g.out.targets[a]] += xu * (g.weighted ? g.out.strength[a] : 1.0);
    }
    double sq = 0.0;
    for (double v : x) sq += v * v;
    double norm = std::sqrt(sq);
    if (norm == 0.0) norm = 1.0;
    double change = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] /= norm;
      change += std::abs(x[v] - last[v]);
    }
    if (change < n * opt.tol) return x;
  }
  throw input_error("max_iter", "eigenvector centrality did not converge in " +
                                    std::to_string(opt.max_iter) +
                                    " iterations; raise max_iter or tol");
}

inline std::vector<double> pagerank(const compact_graph& g, const pagerank_options& opt) {
  check_iteration(opt.max_iter, opt.tol);
  if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0))
    throw input_error("alpha", "must lie in [0, 1], got " + std::to_string(opt.alpha));
  const std::uint32_t n = g.n;
  if (n == 0) return {};
  // NetworkX's _pagerank_scipy, step for step: uniform start and teleport, a dangling
  // vertex's rank spread uniformly, stop when the L1 change < n * tol.
  std::vector<double> out_strength(n, 0.0);
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
      out_strength[u] += g.weighted ? g.out.strength[a] : 1.0;
  const double uniform = 1.0 / n;
  std::vector<double> x(n, uniform), last(n);
  for (std::size_t iter = 0; iter < opt.max_iter; ++iter) {
    last.swap(x);
    std::fill(x.begin(), x.end(), 0.0);
    double dangling = 0.0;
    for (std::uint32_t u = 0; u < n; ++u) {
      if (out_strength[u] == 0.0) {
        dangling += last[u];
        continue;
      }
      const double share = last[u] / out_strength[u];
      for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
        x[g.out.targets[a]] += share * (g.weighted ? g.out.strength[a] : 1.0);
    }
    const double base = opt.alpha * dangling * uniform + (1.0 - opt.alpha) * uniform;
    double change = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] = opt.alpha * x[v] + base;
      change += std::abs(x[v] - last[v]);
    }
    if (change < n * opt.tol) return x;
  }
  throw input_error("max_iter", "PageRank did not converge in " + std::to_string(opt.max_iter) +
                                    " iterations; raise max_iter or tol");
}

// ---------------------------------------------------------------------------------------
// From a Boost graph to a kernel's result.

template <class Options>
graph_request request_from(const Options& opt, bool need_in) {
  graph_request req;
  req.directed = opt.directed;
  req.meaning = opt.weights;
  req.parallel = opt.parallel;
  req.need_in = need_in;
  return req;
}

template <class Graph, class IndexMap, class WeightMap, class Options, class Kernel>
std::vector<double> run_on_graph(const Graph& g, IndexMap index, WeightMap weight,
                                 const Options& opt, bool need_in, Kernel kernel) {
  const graph_reading r = read_graph(g, index, weight, request_from(opt, need_in));
  return r.layout.expand(kernel(r.graph, opt));
}

}  // namespace detail

/// Degree centrality: the number of edges at a vertex (in, out, or in + out), or with a weight
/// map its strength, the sum of the weights (Barrat et al. 2004; Opsahl et al. 2010).
///
/// Formula: `C_D(v) = deg(v) / (n - 1)` when normalized (NetworkX `degree_centrality`,
/// `in_degree_centrality`, `out_degree_centrality`), else `deg(v)`. A single vertex gets 1
/// when normalized, as in NetworkX.
/// Range: unweighted and normalized, [0, 1] for in/out and undirected, [0, 2] for total in a
/// directed graph. A stakeholder with high in-degree on a `manages` layer is managed by many;
/// high out-degree on `informs` means it informs many.
/// Complexity: O(n + m).
/// Throws: `input_error` for a weight that is not finite and positive.
/// Reference: Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
/// Social Networks 1, 215-239.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> degree_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                      const degree_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false, detail::degree);
}

/// Closeness centrality of each vertex, on the vertices it can reach (or that reach it).
///
/// Formula (NetworkX's default, `wf_improved=True`): with `r(v)` the number of vertices
/// within reach of v, v included, and `d` the shortest-path length,
/// `C(v) = (r(v) - 1) / sum_u d(u, v) * (r(v) - 1) / (n - 1)`; the second factor is Wasserman
/// & Faust's correction (1994, p. 201) that weighs a small component down. Without it,
/// `C(v) = (r(v) - 1) / sum_u d(u, v)`, which is igraph's `closeness` (on reachable vertices
/// only). A vertex that reaches no one gets 0. In a connected graph both are Freeman's
/// `(n - 1) / sum_u d(u, v)`. `path_mode::in` uses distances to v (NetworkX's convention
/// for directed graphs), `path_mode::out` distances from v (igraph's default).
/// Range: [0, 1]; 1 means v is one step from everyone. High closeness on an `informs` layer
/// means information reaches the stakeholder (in) or spreads from it (out) quickly.
/// Complexity: O(n (n + m)) unweighted, O(n (m + n) log n) weighted; parallel over sources.
/// Throws: `input_error` for a bad weight; `interrupted` when `stop_requested` said
/// so.
/// Reference: Freeman (1979); Wasserman, S. & Faust, K. (1994). Social Network Analysis,
/// ch. 5. Cambridge University Press.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> closeness_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                         const closeness_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, opt.mode == path_mode::in,
                              detail::closeness);
}

/// Harmonic closeness: the sum of reciprocal distances, which handles unreachable pairs
/// (they add 0) without any correction.
///
/// Formula: `H(v) = sum_{u != v} 1 / d(u, v)` (`path_mode::in`, NetworkX's
/// `harmonic_centrality`) or `1 / d(v, u)` (`path_mode::out`); divided by n - 1 when
/// normalized (igraph's `harmonic_centrality`, `normalized=True`).
/// Range: [0, n - 1] unweighted, [0, 1] normalized.
/// Complexity: as `closeness_centrality`.
/// Throws: as `closeness_centrality`.
/// Reference: Marchiori, M. & Latora, V. (2000). Harmony in the small-world. Physica A 285,
/// 539-546; Boldi, P. & Vigna, S. (2014). Axioms for centrality. Internet Mathematics 10.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> harmonic_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                        const harmonic_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, opt.mode == path_mode::in, detail::harmonic);
}

/// Betweenness centrality: the share of shortest paths between other pairs that pass through
/// v, by Brandes' algorithm (BFS unweighted, Dijkstra weighted).
///
/// Formula: `B(v) = sum_{s != v != t} sigma_st(v) / sigma_st` over ordered pairs in a directed
/// graph and unordered pairs in an undirected one. Normalized (the default, as NetworkX):
/// divided by `(n - 1)(n - 2)` in a directed graph and by `(n - 1)(n - 2) / 2` in an
/// undirected one, so the centre of a star gets 1. Unnormalized values equal igraph's
/// `betweenness`. Path lengths within a relative 1e-10 count as equal.
/// Range: [0, 1] normalized. High betweenness marks a broker: a stakeholder, often front-line
/// staff, through whom others' relations pass (the front-line staff of *Co-Producing Health
/// and Wellbeing Programmes in the Museum*).
/// Complexity: O(n m) unweighted, O(n m + n^2 log n) weighted; memory O(n + m) per thread.
/// Throws: `input_error` for a bad weight; `interrupted` when `stop_requested` said
/// so.
/// Reference: Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
/// Sociometry 40, 35-41; Brandes, U. (2001). A faster algorithm for betweenness centrality.
/// Journal of Mathematical Sociology 25, 163-177.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> betweenness_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                           const betweenness_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false, detail::betweenness);
}

/// Eigenvector centrality: a vertex is central when central vertices point at it.
///
/// Formula: the Perron vector of `A^T` (in-edges in a directed graph: `x_v` is proportional
/// to `sum_{u -> v} w_uv x_u`), found by NetworkX's power iteration on `A^T + I` from the
/// uniform vector, scaled to unit Euclidean norm, stopping when the L1 change is below
/// `n * tol` (so results equal NetworkX's `eigenvector_centrality` with the same `tol`).
/// Range: [0, 1], unit L2 norm.
/// Complexity: O(max_iter (n + m)).
/// Throws: `input_error` ("max_iter") when it does not converge (e.g. a directed graph with
/// no cycle); ("tol"/"max_iter") for a bad option; ("weight") for a bad weight.
/// Reference: Bonacich, P. (1987). Power and centrality: a family of measures. American
/// Journal of Sociology 92, 1170-1182.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> eigenvector_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                           const eigenvector_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false, detail::eigenvector);
}

/// PageRank: the long-run share of time a random walker spends at each vertex when it follows
/// an edge (chosen in proportion to strength) with probability alpha and otherwise jumps to
/// a uniformly chosen vertex; a vertex with no outgoing edge sends its walker anywhere.
///
/// Formula: `x = alpha (P^T x + (sum_{dangling} x_u) / n) + (1 - alpha) / n`, P the
/// row-normalised strength matrix; NetworkX's power iteration step for step from the uniform
/// vector, stopping when the L1 change is below `n * tol`.
/// Range: (0, 1), summing to 1 (to within tol).
/// Complexity: O(max_iter (n + m)).
/// Throws: `input_error` ("alpha") outside [0, 1], ("max_iter") when it does not converge.
/// Reference: Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web
/// search engine. Computer Networks 30, 107-117.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> pagerank(const Graph& g, IndexMap index, WeightMap weight,
                             const pagerank_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false, detail::pagerank);
}

}  // namespace coproduction
