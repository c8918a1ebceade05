// Centralities and Freeman centralization against hand computations on small graphs, against
// Boost.Graph's own Brandes betweenness on random graphs, and (for the centralization maxima)
// against an exhaustive search over every graph on a few vertices.

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "graphs.hpp"

namespace cp = coproduction;

namespace {

using test_graphs::build;
using test_graphs::dgraph;
using test_graphs::edge;
using test_graphs::ugraph;
using test_graphs::weight_property;

std::vector<edge> star(int n) {  // centre 0
  std::vector<edge> e;
  for (int v = 1; v < n; ++v) e.push_back({0, v});
  return e;
}
std::vector<edge> path(int n) {
  std::vector<edge> e;
  for (int v = 0; v + 1 < n; ++v) e.push_back({v, v + 1});
  return e;
}
std::vector<edge> cycle(int n) {
  auto e = path(n);
  e.push_back({n - 1, 0});
  return e;
}
std::vector<edge> complete(int n) {
  std::vector<edge> e;
  for (int u = 0; u < n; ++u)
    for (int v = u + 1; v < n; ++v) e.push_back({u, v});
  return e;
}
std::vector<edge> both_ways(std::vector<edge> e) {
  const std::size_t m = e.size();
  for (std::size_t i = 0; i < m; ++i) e.push_back({e[i].t, e[i].s, e[i].w});
  return e;
}

void expect_near(const std::vector<double>& got, const std::vector<double>& want,
                 double tol = 1e-12) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], tol) << "vertex " << i;
}

std::vector<double> times(std::vector<double> v, double k) {
  for (double& x : v) x *= k;
  return v;
}

// ---------------------------------------------------------------------------------------
// Undirected graphs, read four ways: as an undirected adjacency_list or as a directed one
// with every edge both ways (the two must agree), unweighted or with every weight 2. A weight
// of 2 halves every length (length = 1 / strength), so closeness and harmonic double, degree
// (strength) doubles, and betweenness, eigenvector and PageRank do not change.

struct reading {
  bool directed;
  bool weighted;
};

std::string reading_name(const testing::TestParamInfo<reading>& info) {
  return std::string(info.param.directed ? "directed_both_ways" : "undirected") +
         (info.param.weighted ? "_weight2" : "_unweighted");
}

class symmetric : public testing::TestWithParam<reading> {
 protected:
  // Runs f(graph, index, weight) on the graph in the parameter's reading.
  template <class F>
  std::vector<double> run(int n, std::vector<edge> edges, F f) const {
    if (GetParam().weighted)
      for (edge& e : edges) e.w = 2.0;
    if (GetParam().directed) {
      const auto g = build<dgraph>(n, both_ways(edges));
      return GetParam().weighted ? f(g, get(boost::vertex_index, g), get(boost::edge_weight, g))
                                 : f(g, get(boost::vertex_index, g), cp::unweighted);
    }
    const auto g = build<ugraph>(n, edges);
    return GetParam().weighted ? f(g, get(boost::vertex_index, g), get(boost::edge_weight, g))
                               : f(g, get(boost::vertex_index, g), cp::unweighted);
  }
  double k() const { return GetParam().weighted ? 2.0 : 1.0; }
};

const auto degree_in = [](const auto& g, auto index, auto weight) {
  // In-degree: on the both-ways directed reading it equals the undirected degree.
  return cp::degree_centrality(g, index, weight, {.mode = cp::degree_mode::in});
};
const auto closeness = [](const auto& g, auto index, auto weight) {
  return cp::closeness_centrality(g, index, weight);
};
const auto harmonic = [](const auto& g, auto index, auto weight) {
  return cp::harmonic_centrality(g, index, weight);
};
const auto betweenness = [](const auto& g, auto index, auto weight) {
  return cp::betweenness_centrality(g, index, weight);
};
const auto eigenvector = [](const auto& g, auto index, auto weight) {
  return cp::eigenvector_centrality(g, index, weight, {.max_iter = 1000, .tol = 1e-14});
};
const auto page_rank = [](const auto& g, auto index, auto weight) {
  return cp::pagerank(g, index, weight, {.max_iter = 1000, .tol = 1e-15});
};

TEST_P(symmetric, star) {
  // Star on 5 vertices, centre 0, n - 1 = 4.
  // degree/(n-1): centre 4/4 = 1, leaf 1/4.
  expect_near(run(5, star(5), degree_in), times({1, .25, .25, .25, .25}, k()));
  // closeness (n-1)/sum d: centre 4/(1+1+1+1) = 1; leaf 4/(1 + 2+2+2) = 4/7.
  expect_near(run(5, star(5), closeness), times({1, 4. / 7, 4. / 7, 4. / 7, 4. / 7}, k()));
  // harmonic sum 1/d: centre 4; leaf 1 + 3/2 = 2.5.
  expect_near(run(5, star(5), harmonic), times({4, 2.5, 2.5, 2.5, 2.5}, k()));
  // betweenness: all C(4,2) = 6 leaf pairs pass the centre; / ((n-1)(n-2)/2 = 6) = 1.
  expect_near(run(5, star(5), betweenness), {1, 0, 0, 0, 0});
  // eigenvector: lambda = sqrt(n-1) = 2, x_leaf = x_centre / 2; unit norm:
  // x_c^2 + 4 x_c^2 / 4 = 1 -> x_c = 1/sqrt(2), x_leaf = 1/(2 sqrt(2)).
  const double c = 1 / std::sqrt(2.0), l = c / 2;
  expect_near(run(5, star(5), eigenvector), {c, l, l, l, l}, 1e-10);
  // PageRank, alpha = 0.85, n = 5: x_c = 0.03 + 0.85 * 4 x_l, x_l = 0.03 + 0.85 x_c / 4.
  // x_c = 0.03 + 3.4 (0.03 + 0.2125 x_c) -> 0.2775 x_c = 0.132 -> x_c = 0.132 / 0.2775;
  // x_l = 0.03 + 0.2125 x_c; total x_c + 4 x_l = 1.
  const double pc = 0.132 / 0.2775, pl = 0.03 + 0.2125 * pc;
  expect_near(run(5, star(5), page_rank), {pc, pl, pl, pl, pl}, 1e-12);
}

TEST_P(symmetric, path) {
  // Path 0-1-2-3, n - 1 = 3.
  expect_near(run(4, path(4), degree_in), times({1. / 3, 2. / 3, 2. / 3, 1. / 3}, k()));
  // closeness: end 3/(1+2+3) = 1/2, middle 3/(1+1+2) = 3/4.
  expect_near(run(4, path(4), closeness), times({.5, .75, .75, .5}, k()));
  // harmonic: end 1 + 1/2 + 1/3 = 11/6, middle 1 + 1 + 1/2 = 5/2.
  expect_near(run(4, path(4), harmonic), times({11. / 6, 2.5, 2.5, 11. / 6}, k()));
  // betweenness: vertex 1 lies on 0-2 and 0-3: 2 of (3*2/2 = 3) pairs.
  expect_near(run(4, path(4), betweenness), {0, 2. / 3, 2. / 3, 0});
  // eigenvector of P4: x_j proportional to sin(j pi / 5), j = 1..4; the squares sum to 5/2.
  const double a = std::sin(M_PI / 5) / std::sqrt(2.5), b = std::sin(2 * M_PI / 5) / std::sqrt(2.5);
  expect_near(run(4, path(4), eigenvector), {a, b, b, a}, 1e-10);
}

TEST_P(symmetric, cycle) {
  // Cycle on 5: every vertex alike. degree 2/4; closeness 4/(1+1+2+2) = 2/3;
  // harmonic 1+1+1/2+1/2 = 3; betweenness: each vertex is the middle of one pair (its two
  // neighbours) out of 4*3/2 = 6 -> 1/6; eigenvector 1/sqrt(5); PageRank 1/5.
  expect_near(run(5, cycle(5), degree_in), times(std::vector<double>(5, .5), k()));
  expect_near(run(5, cycle(5), closeness), times(std::vector<double>(5, 2. / 3), k()));
  expect_near(run(5, cycle(5), harmonic), times(std::vector<double>(5, 3.0), k()));
  expect_near(run(5, cycle(5), betweenness), std::vector<double>(5, 1. / 6));
  expect_near(run(5, cycle(5), eigenvector), std::vector<double>(5, 1 / std::sqrt(5.0)), 1e-10);
  expect_near(run(5, cycle(5), page_rank), std::vector<double>(5, .2), 1e-12);
}

TEST_P(symmetric, complete) {
  // K4: degree 3/3 = 1, closeness 3/3 = 1, harmonic 3, betweenness 0, eigenvector 1/2,
  // PageRank 1/4.
  expect_near(run(4, complete(4), degree_in), times(std::vector<double>(4, 1.0), k()));
  expect_near(run(4, complete(4), closeness), times(std::vector<double>(4, 1.0), k()));
  expect_near(run(4, complete(4), harmonic), times(std::vector<double>(4, 3.0), k()));
  expect_near(run(4, complete(4), betweenness), std::vector<double>(4, 0.0));
  expect_near(run(4, complete(4), eigenvector), std::vector<double>(4, .5), 1e-10);
  expect_near(run(4, complete(4), page_rank), std::vector<double>(4, .25), 1e-12);
}

TEST_P(symmetric, disconnected) {
  // Path 0-1-2 and an isolated vertex 3; n - 1 = 3. Closeness of 1: reaches 2 others at
  // total distance 2 -> (2/2) * (2/3) = 2/3 (Wasserman-Faust factor); of 0: 2/3 * 2/3 = 4/9.
  const std::vector<edge> e{{0, 1}, {1, 2}};
  expect_near(run(4, e, closeness), times({4. / 9, 2. / 3, 4. / 9, 0}, k()));
  // harmonic: 0 -> 1 + 1/2, 1 -> 2, isolated 0.
  expect_near(run(4, e, harmonic), times({1.5, 2, 1.5, 0}, k()));
  // betweenness: 1 lies on the one pair 0-2 of 3*2/2 = 3.
  expect_near(run(4, e, betweenness), {0, 1. / 3, 0, 0});
}

INSTANTIATE_TEST_SUITE_P(readings, symmetric,
                         testing::Values(reading{false, false}, reading{false, true},
                                         reading{true, false}, reading{true, true}),
                         reading_name);

// ---------------------------------------------------------------------------------------
// A directed example: the cycle 0 -> 1 -> 2 -> 0 with a tail 2 -> 3.

const std::vector<edge> directed_example{{0, 1}, {1, 2}, {2, 0}, {2, 3}};

TEST(directed, degree) {
  const auto g = build<dgraph>(4, directed_example);
  const auto idx = get(boost::vertex_index, g);
  // out 1,1,2,0; in 1,1,1,1; total 2,2,3,1; all / 3.
  expect_near(cp::degree_centrality(g, idx, cp::unweighted, {.mode = cp::degree_mode::out}),
              {1. / 3, 1. / 3, 2. / 3, 0});
  expect_near(cp::degree_centrality(g, idx, cp::unweighted, {.mode = cp::degree_mode::in}),
              {1. / 3, 1. / 3, 1. / 3, 1. / 3});
  expect_near(cp::degree_centrality(g, idx, cp::unweighted), {2. / 3, 2. / 3, 1, 1. / 3});
  expect_near(cp::degree_centrality(g, idx, cp::unweighted, {.normalized = false}), {2, 2, 3, 1});
  // Read undirected: 0-1, 1-2, 2-0, 2-3 -> degrees 2, 2, 3, 1.
  expect_near(cp::degree_centrality(g, idx, cp::unweighted,
                                    {.mode = cp::degree_mode::in, .normalized = false,
                                     .directed = false}),
              {2, 2, 3, 1});
}

TEST(directed, closeness) {
  const auto g = build<dgraph>(4, directed_example);
  const auto idx = get(boost::vertex_index, g);
  // In (distances to v): to 0 from 2 (1) and 1 (2), 3 cannot reach: (2/3)(2/3) = 4/9;
  // likewise 1 and 2; to 3 from 2, 1, 0 at 1, 2, 3: 3/6 = 1/2.
  expect_near(cp::closeness_centrality(g, idx, cp::unweighted), {4. / 9, 4. / 9, 4. / 9, .5});
  // Without the Wasserman-Faust factor: 2/3 for the cycle vertices.
  expect_near(cp::closeness_centrality(g, idx, cp::unweighted, {.wf_improved = false}),
              {2. / 3, 2. / 3, 2. / 3, .5});
  // Out: from 0 at 1, 2, 3 -> 3/6; from 1: 2 (1), 0 (2), 3 (2) -> 3/5; from 2: 0, 3 (1),
  // 1 (2) -> 3/4; 3 reaches no one -> 0.
  expect_near(cp::closeness_centrality(g, idx, cp::unweighted, {.mode = cp::path_mode::out}),
              {.5, .6, .75, 0});
  // harmonic in: to 0: 1 + 1/2; 1 and 2 alike; to 3: 1 + 1/2 + 1/3.
  expect_near(cp::harmonic_centrality(g, idx, cp::unweighted), {1.5, 1.5, 1.5, 11. / 6});
}

TEST(directed, betweenness) {
  const auto g = build<dgraph>(4, directed_example);
  const auto idx = get(boost::vertex_index, g);
  // Shortest paths with inner vertices: 0->2 via 1; 0->3 via 1, 2; 1->0 via 2; 1->3 via 2;
  // 2->1 via 0. Raw: 0: 1, 1: 2, 2: 3, 3: 0; normalized by (n-1)(n-2) = 6.
  expect_near(cp::betweenness_centrality(g, idx, cp::unweighted, {.normalized = false}),
              {1, 2, 3, 0});
  expect_near(cp::betweenness_centrality(g, idx, cp::unweighted), {1. / 6, 1. / 3, .5, 0});
}

TEST(directed, eigenvector_and_pagerank) {
  const auto g = build<dgraph>(4, directed_example);
  const auto idx = get(boost::vertex_index, g);
  // In-edges: x0 = x2, x1 = x0, x2 = x1, x3 = x2 with eigenvalue 1: all equal, unit norm
  // -> 1/2 each.
  expect_near(cp::eigenvector_centrality(g, idx, cp::unweighted, {.max_iter = 500, .tol = 1e-14}),
              {.5, .5, .5, .5}, 1e-10);
  // PageRank, vertex 3 dangling: with D = 0.85 x3 / 4 + 0.15 / 4,
  // x1 = .85 x0 + D, x2 = .85 x1 + D, x0 = .85 x2 / 2 + D, x3 = .85 x2 / 2 + D.
  // Solved exactly: x = (1429, 1769, 2058, 1429) / 6685.
  expect_near(cp::pagerank(g, idx, cp::unweighted, {.max_iter = 1000, .tol = 1e-15}),
              {1429. / 6685, 1769. / 6685, 2058. / 6685, 1429. / 6685}, 1e-12);
}

// ---------------------------------------------------------------------------------------
// Weights: strengths against distances, ties, parallel edges.

TEST(weights, strength_is_inverse_length) {
  // Triangle a=0, b=1, c=2 with strengths ab 2, bc 2, ac 1: lengths 1/2, 1/2, 1. The path
  // a-b-c (1/2 + 1/2 = 1) ties the edge a-c (1): b lies on one of the two a-c paths.
  const auto g = build<ugraph>(3, {{0, 1, 2}, {1, 2, 2}, {0, 2, 1}});
  const auto idx = get(boost::vertex_index, g);
  const auto w = get(boost::edge_weight, g);
  // Raw betweenness of b = 1/2; normalized by (2*1/2 = 1).
  expect_near(cp::betweenness_centrality(g, idx, w), {0, .5, 0});
  // Unweighted: a-c is one step, b lies on nothing.
  expect_near(cp::betweenness_centrality(g, idx, cp::unweighted), {0, 0, 0});
  // Weights read as distances: a-b-c has length 4 against 1.
  expect_near(cp::betweenness_centrality(g, idx, w, {.weights = cp::weight_meaning::distance}),
              {0, 0, 0});
  // closeness: a at 1/2 and 1 -> 2/1.5 = 4/3; b at 1/2 and 1/2 -> 2; c as a.
  expect_near(cp::closeness_centrality(g, idx, w), {4. / 3, 2, 4. / 3});
  // strength: a 2 + 1 = 3, b 4, c 3; / 2.
  expect_near(cp::degree_centrality(g, idx, w), {1.5, 2, 1.5});
  // As distances, strength = 1/weight: a 1/2 + 1 = 3/2, b 1, c 3/2; / 2.
  expect_near(cp::degree_centrality(g, idx, w, {.weights = cp::weight_meaning::distance}),
              {.75, .5, .75});
}

TEST(weights, sixths_tie_with_a_whole) {
  // 0-1-2-3 with strengths 2, 3, 6 (lengths 1/2 + 1/3 + 1/6, which floating point sums to
  // 0.9999999999999999) and a direct 0-3 edge of strength 1 (length 1): two shortest 0-3
  // paths. Raw betweenness: 1 lies on 0-2 (5/6 against 1 + 1/6: the only path) and on half
  // the 0-3 paths: 1 + 1/2; 2 likewise on 1-3 (1/2 against 3/2) and half of 0-3.
  const auto g = build<ugraph>(4, {{0, 1, 2}, {1, 2, 3}, {2, 3, 6}, {0, 3, 1}});
  const auto b = cp::betweenness_centrality(g, get(boost::vertex_index, g),
                                            get(boost::edge_weight, g), {.normalized = false});
  expect_near(b, {0, 1.5, 1.5, 0});
}

TEST(weights, parallel_edges) {
  // 0-1 twice, then 1-2, 0-3, 3-2: two routes from 0 to 2.
  const auto g = build<ugraph>(4, {{0, 1}, {0, 1}, {1, 2}, {0, 3}, {3, 2}});
  const auto idx = get(boost::vertex_index, g);
  // Merged: 1 and 3 each carry half of the 0-2 pair; degree of 0 is 2 neighbours.
  expect_near(cp::betweenness_centrality(g, idx, cp::unweighted, {.normalized = false}),
              {.5, .5, .5, .5});
  expect_near(cp::degree_centrality(g, idx, cp::unweighted, {.normalized = false}),
              {2, 2, 2, 2});
  // Kept: 0-1-2 counts twice, so 1 carries 2/3 of 0-2 and 3 carries 1/3; pair 1-3 has
  // shortest paths 1-0-3 (twice) and 1-2-3 (once): 0 gets 2/3, 2 gets 1/3.
  const cp::parallel_edges keep = cp::parallel_edges::keep;
  expect_near(
      cp::betweenness_centrality(g, idx, cp::unweighted, {.normalized = false, .parallel = keep}),
      {2. / 3, 2. / 3, 1. / 3, 1. / 3});
  expect_near(
      cp::degree_centrality(g, idx, cp::unweighted, {.normalized = false, .parallel = keep}),
      {3, 3, 2, 2});
  // Merged strengths add: 0-1 has strength 1 + 1 = 2.
  expect_near(cp::degree_centrality(g, idx, get(boost::edge_weight, g), {.normalized = false}),
              {3, 3, 2, 2});
}

TEST(weights, bad_weight_is_an_input_error) {
  const auto g = build<ugraph>(2, {{0, 1, -1.0}});
  try {
    cp::degree_centrality(g, get(boost::vertex_index, g), get(boost::edge_weight, g));
    FAIL() << "no exception";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "weight");
  }
}

// ---------------------------------------------------------------------------------------
// Generic graphs, threads, interruption.

TEST(generic, filtered_graph_hides_a_vertex) {
  // A star on 5 with vertex 4 hidden behaves as the star on 4; vertex 4 gets NaN.
  const auto g = build<ugraph>(5, star(5));
  const auto keep = [](std::size_t v) { return v != 4; };
  boost::filtered_graph<ugraph, boost::keep_all, std::function<bool(std::size_t)>> view(
      g, boost::keep_all(), keep);
  const auto b = cp::betweenness_centrality(view, get(boost::vertex_index, g), cp::unweighted);
  // Star on 4: centre carries all 3 leaf pairs of 3*2/2 = 3.
  ASSERT_EQ(b.size(), 5u);
  EXPECT_NEAR(b[0], 1.0, 1e-12);
  EXPECT_NEAR(b[1], 0.0, 1e-12);
  EXPECT_TRUE(std::isnan(b[4]));
  // closeness of a leaf in the star on 4: 3 / (1 + 2 + 2) = 3/5.
  const auto c = cp::closeness_centrality(view, get(boost::vertex_index, g), cp::unweighted);
  EXPECT_NEAR(c[1], .6, 1e-12);
  EXPECT_NEAR(cp::degree_centralization(view, get(boost::vertex_index, g)), 1.0, 1e-12);
}

dgraph random_digraph(int n, int m, unsigned seed, bool weighted) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> pick(0, n - 1);
  std::uniform_real_distribution<double> weight(0.5, 3.0);
  dgraph g(n);
  for (int i = 0; i < m; ++i) {
    const int s = pick(rng), t = pick(rng);
    if (s != t) add_edge(s, t, weight_property(weighted ? weight(rng) : 1.0), g);
  }
  return g;
}

TEST(generic, agrees_with_boost_brandes) {
  // Boost's brandes_betweenness_centrality is an independent implementation; it reads
  // weights as lengths, so compare with weight_meaning::distance. Parallel edges are kept
  // as Boost counts them.
  for (bool weighted : {false, true}) {
    const dgraph g = random_digraph(120, 500, weighted ? 7u : 3u, weighted);
    std::vector<double> expected(num_vertices(g));
    auto map = boost::make_iterator_property_map(expected.begin(), get(boost::vertex_index, g));
    if (weighted)
      boost::brandes_betweenness_centrality(
          g, boost::centrality_map(map).weight_map(get(boost::edge_weight, g)));
    else
      boost::brandes_betweenness_centrality(g, map);
    const cp::betweenness_options opt{.normalized = false,
                                      .weights = cp::weight_meaning::distance,
                                      .parallel = cp::parallel_edges::keep};
    const auto idx = get(boost::vertex_index, g);
    const auto got = weighted
                         ? cp::betweenness_centrality(g, idx, get(boost::edge_weight, g), opt)
                         : cp::betweenness_centrality(g, idx, cp::unweighted, opt);
    for (std::size_t v = 0; v < expected.size(); ++v)
      EXPECT_NEAR(got[v], expected[v], 1e-9 * std::max(1.0, expected[v])) << v;
  }
}

TEST(generic, threads_agree) {
  // Betweenness adds dependencies over sources in fixed blocks, closeness and harmonic
  // closeness write one slot per source: every result is the same bit for bit for 1, 2 and 4
  // threads, weighted or not, directed or not.
  const dgraph g = random_digraph(400, 2000, 11u, true);
  const auto idx = get(boost::vertex_index, g);
  const auto w = get(boost::edge_weight, g);
  for (bool weighted : {false, true}) {
    for (bool directed : {true, false}) {
      std::vector<std::vector<double>> between, close, harmonic;
      for (unsigned threads : {1u, 2u, 4u}) {
        const cp::betweenness_options b{.directed = directed, .threads = threads};
        const cp::closeness_options c{.directed = directed, .threads = threads};
        const cp::harmonic_options h{.directed = directed, .threads = threads};
        between.push_back(weighted ? cp::betweenness_centrality(g, idx, w, b)
                                   : cp::betweenness_centrality(g, idx, cp::unweighted, b));
        close.push_back(weighted ? cp::closeness_centrality(g, idx, w, c)
                                 : cp::closeness_centrality(g, idx, cp::unweighted, c));
        harmonic.push_back(weighted ? cp::harmonic_centrality(g, idx, w, h)
                                    : cp::harmonic_centrality(g, idx, cp::unweighted, h));
      }
      for (std::size_t k = 1; k < between.size(); ++k) {
        EXPECT_EQ(between[k], between[0]) << weighted << directed << k;  // bit for bit
        EXPECT_EQ(close[k], close[0]) << weighted << directed << k;
        EXPECT_EQ(harmonic[k], harmonic[0]) << weighted << directed << k;
      }
    }
  }
  // And the sums are not trivially equal: betweenness of this graph is spread over every
  // vertex, with values that need their low bits.
  const auto b = cp::betweenness_centrality(g, idx, w, {.threads = 1});
  EXPECT_GT(std::count_if(b.begin(), b.end(), [](double x) { return x > 0; }), 300);
}

TEST(generic, word_parallel_search_agrees_with_dijkstra) {
  // Unweighted closeness and harmonic closeness run 64 breadth-first searches at once; with
  // every weight 1, the weighted path runs one Dijkstra search per source instead. 300
  // vertices make five batches, the last one partial. Repeated edges are kept, since merging
  // would add their strengths and shorten them.
  const dgraph g = random_digraph(300, 900, 17u, false);
  const auto idx = get(boost::vertex_index, g);
  const auto ones = get(boost::edge_weight, g);  // every weight is 1.0
  const cp::parallel_edges keep = cp::parallel_edges::keep;
  for (cp::path_mode mode : {cp::path_mode::in, cp::path_mode::out}) {
    for (bool directed : {true, false}) {
      const cp::closeness_options c{.mode = mode, .directed = directed, .parallel = keep};
      expect_near(cp::closeness_centrality(g, idx, cp::unweighted, c),
                  cp::closeness_centrality(g, idx, ones, c), 1e-12);
      const cp::harmonic_options h{.mode = mode, .directed = directed, .parallel = keep};
      expect_near(cp::harmonic_centrality(g, idx, cp::unweighted, h),
                  cp::harmonic_centrality(g, idx, ones, h), 1e-10);
    }
  }
}

TEST(generic, word_parallel_brandes_equals_one_source_at_a_time) {
  // Unweighted betweenness runs Brandes' search from 64 sources at once. It must give every
  // vertex's sum bit for bit as the search from one source at a time does, with the sources
  // added in the same order: on graphs of 1 to 200 vertices (a partial last batch), directed
  // and not, sparse with many components and dense, repeated edges kept.
  std::mt19937_64 gen(29);
  int compared = 0;
  for (std::uint32_t n : {1u, 2u, 63u, 64u, 65u, 130u, 200u}) {
    for (double per_vertex : {0.5, 3.0, 12.0}) {
      for (bool directed : {true, false}) {
        std::uniform_int_distribution<std::uint32_t> pick(0, n - 1);
        std::vector<std::uint32_t> s, t;
        const auto m = static_cast<std::size_t>(per_vertex * n);
        for (std::size_t k = 0; k < m; ++k) s.push_back(pick(gen)), t.push_back(pick(gen));
        const cp::detail::compact_graph g = cp::detail::make_compact_graph<std::uint32_t>(
            n, s, t, {}, {.directed = directed, .parallel = cp::parallel_edges::keep});
        std::vector<double> one(n, 0.0), word(n, 0.0);
        cp::detail::search_workspace ws(n, g.out.targets.size(), false, true);
        for (std::uint32_t v = 0; v < n; ++v) cp::detail::brandes_bfs(g.out, v, ws, one.data());
        cp::detail::word_brandes_workspace ww(n);
        for (std::uint32_t first = 0; first < n; first += 64)
          cp::detail::word_brandes(g.out, first, std::min(64u, n - first), ww, word.data());
        for (std::uint32_t v = 0; v < n; ++v)
          EXPECT_EQ(std::memcmp(&one[v], &word[v], sizeof(double)), 0)
              << n << " " << per_vertex << " " << directed << " vertex " << v << ": "
              << one[v] << " " << word[v];
        compared += std::count_if(one.begin(), one.end(), [](double x) { return x > 0; });
        // The workspace is left clean: a second run on it, from the last batch back to the
        // first, gives the same sums.
        for (std::uint32_t first = (n - 1) / 64 * 64;; first -= 64) {
          std::vector<double> batch(n, 0.0);
          cp::detail::word_brandes(g.out, first, std::min(64u, n - first), ww, batch.data());
          std::vector<double> alone(n, 0.0);
          for (std::uint32_t v = first; v < std::min(n, first + 64); ++v)
            cp::detail::brandes_bfs(g.out, v, ws, alone.data());
          EXPECT_EQ(batch, alone) << n << " batch " << first;
          if (first == 0) break;
        }
      }
    }
  }
  EXPECT_GT(compared, 1000);  // most vertices lie between others somewhere
}

TEST(generic, stop_check_interrupts) {
  const dgraph g = random_digraph(3000, 15000, 5u, false);
  int polls = 0;
  const cp::stop_check stop = [&polls] {
    ++polls;
    return true;
  };
  EXPECT_THROW(cp::betweenness_centrality(g, get(boost::vertex_index, g), cp::unweighted,
                                          {.threads = 2, .stop_requested = stop}),
               cp::interrupted);
  EXPECT_EQ(polls, 1);
  // The distance sums stop the same way, both the word-parallel search (on a graph large
  // enough to take seconds) and the Dijkstra search.
  polls = 0;
  const dgraph large = random_digraph(20000, 100000, 6u, false);
  EXPECT_THROW(cp::closeness_centrality(large, get(boost::vertex_index, large), cp::unweighted,
                                        {.threads = 2, .stop_requested = stop}),
               cp::interrupted);
  EXPECT_THROW(cp::harmonic_centrality(g, get(boost::vertex_index, g), get(boost::edge_weight, g),
                                       {.threads = 1, .stop_requested = stop}),
               cp::interrupted);
  EXPECT_EQ(polls, 2);
  // A check that never asks to stop changes nothing.
  const cp::stop_check never = [] { return false; };
  const dgraph small = random_digraph(50, 200, 5u, false);
  expect_near(cp::betweenness_centrality(small, get(boost::vertex_index, small), cp::unweighted,
                                         {.threads = 2, .stop_requested = never}),
              cp::betweenness_centrality(small, get(boost::vertex_index, small), cp::unweighted,
                                         {.threads = 1}),
              1e-12);
}

TEST(generic, bad_options) {
  const auto g = build<dgraph>(4, directed_example);
  const auto idx = get(boost::vertex_index, g);
  EXPECT_THROW(cp::pagerank(g, idx, cp::unweighted, {.alpha = 1.5}), cp::input_error);
  EXPECT_THROW(cp::pagerank(g, idx, cp::unweighted, {.tol = -1}), cp::input_error);
  // A directed path has no cycle: eigenvector centrality does not converge.
  const auto p = build<dgraph>(3, path(3));
  try {
    cp::eigenvector_centrality(p, get(boost::vertex_index, p), cp::unweighted, {.max_iter = 50});
    FAIL() << "no exception";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "max_iter");
  }
}

// ---------------------------------------------------------------------------------------
// Freeman centralization.

TEST(centralization, star_is_one_cycle_and_complete_are_zero) {
  for (int n : {3, 5, 8}) {
    const auto s = build<ugraph>(n, star(n));
    const auto si = get(boost::vertex_index, s);
    EXPECT_NEAR(cp::degree_centralization(s, si), 1.0, 1e-12) << n;
    EXPECT_NEAR(cp::closeness_centralization(s, si), 1.0, 1e-12) << n;
    EXPECT_NEAR(cp::harmonic_centralization(s, si), 1.0, 1e-12) << n;
    EXPECT_NEAR(cp::betweenness_centralization(s, si), 1.0, 1e-12) << n;
    // Eigenvector: the star reaches (n - 1 - sqrt(n - 1)) / (n - 2) of the maximum.
    EXPECT_NEAR(cp::eigenvector_centralization(s, si, {.max_iter = 2000, .tol = 1e-14}),
                (n - 1 - std::sqrt(n - 1.0)) / (n - 2), 1e-9)
        << n;
    for (const auto& edges : {cycle(n), complete(n)}) {
      const auto g = build<ugraph>(n, edges);
      const auto gi = get(boost::vertex_index, g);
      EXPECT_NEAR(cp::degree_centralization(g, gi), 0.0, 1e-12);
      EXPECT_NEAR(cp::closeness_centralization(g, gi), 0.0, 1e-12);
      EXPECT_NEAR(cp::harmonic_centralization(g, gi), 0.0, 1e-12);
      EXPECT_NEAR(cp::betweenness_centralization(g, gi), 0.0, 1e-12);
      EXPECT_NEAR(cp::eigenvector_centralization(g, gi, {.max_iter = 2000, .tol = 1e-14}), 0.0,
                  1e-9);
    }
  }
}

TEST(centralization, hand_computed_path) {
  // P4 degree 1,2,2,1: sum (2 - d) = 2; max (n-1)(n-2) = 6 -> 1/3.
  const auto g = build<ugraph>(4, path(4));
  const auto gi = get(boost::vertex_index, g);
  EXPECT_NEAR(cp::degree_centralization(g, gi, {.normalized = false}), 1. / 3, 1e-12);
  EXPECT_NEAR(cp::degree_centralization(g, gi), 1. / 3, 1e-12);
  // Closeness 1/2, 3/4, 3/4, 1/2: sum (3/4 - C) = 1/2; max 3*2/5 = 6/5 -> 5/12.
  EXPECT_NEAR(cp::closeness_centralization(g, gi), 5. / 12, 1e-12);
  // Betweenness raw 0, 2, 2, 0: sum = 4; max 3^2 * 2 / 2 = 9 -> 4/9.
  EXPECT_NEAR(cp::betweenness_centralization(g, gi, {.normalized = false}), 4. / 9, 1e-12);
  EXPECT_NEAR(cp::betweenness_centralization(g, gi), 4. / 9, 1e-12);
}

TEST(centralization, directed_stars) {
  const int n = 6;
  const auto out_star = build<dgraph>(n, star(n));  // centre -> leaves
  std::vector<edge> in_edges;
  for (const edge& e : star(n)) in_edges.push_back({e.t, e.s});
  const auto in_star = build<dgraph>(n, in_edges);
  const auto two_way = build<dgraph>(n, both_ways(star(n)));
  const auto idx = get(boost::vertex_index, out_star);
  using cp::degree_mode;
  // out-star: out-degree centre 5, leaves 0: sum 25 = (n-1)^2.
  EXPECT_NEAR(cp::degree_centralization(out_star, idx, {.mode = degree_mode::out}), 1, 1e-12);
  EXPECT_NEAR(cp::degree_centralization(in_star, idx, {.mode = degree_mode::in}), 1, 1e-12);
  // total degree: two-way star centre 10, leaves 2: sum 5 * 8 = 40 = 2 * 5 * 4.
  EXPECT_NEAR(cp::degree_centralization(two_way, idx), 1, 1e-12);
  // one-way star, total: centre 5, leaves 1: 5 * 4 = 20 of 40.
  EXPECT_NEAR(cp::degree_centralization(out_star, idx), .5, 1e-12);
  // closeness in: in-star centre 1, leaves 0 (nobody reaches them): sum 5 = n - 1.
  EXPECT_NEAR(cp::closeness_centralization(in_star, idx), 1, 1e-12);
  EXPECT_NEAR(cp::closeness_centralization(out_star, idx, {.mode = cp::path_mode::out}), 1,
              1e-12);
  EXPECT_NEAR(cp::harmonic_centralization(in_star, idx), 1, 1e-12);
  // betweenness: the two-way star's centre carries all 5*4 ordered leaf pairs.
  EXPECT_NEAR(cp::betweenness_centralization(two_way, idx), 1, 1e-12);
  EXPECT_NEAR(cp::betweenness_centralization(out_star, idx), 0, 1e-12);
}

TEST(centralization, freeman_index_checks_input) {
  const std::vector<double> scores{1, 0, 0};
  EXPECT_NEAR(cp::freeman_centralization(scores, 2.0), 1.0, 1e-15);
  EXPECT_TRUE(std::isnan(cp::freeman_centralization(std::vector<double>{}, 2.0)));
  EXPECT_TRUE(std::isnan(cp::freeman_centralization(scores, 0.0)));
  EXPECT_THROW(cp::freeman_centralization(scores, -1.0), cp::input_error);
  const std::vector<double> bad{1, std::numeric_limits<double>::quiet_NaN()};
  EXPECT_THROW(cp::freeman_centralization(bad, 1.0), cp::input_error);
}

// Every graph on n vertices: the largest centralization found must be 1 (the maximum is
// attained) and none may exceed it. Undirected up to 6 vertices (2^15 graphs), directed up
// to 4 (2^12).
struct extreme {
  double largest = 0.0;
  void add(double c) {
    if (!std::isnan(c)) largest = std::max(largest, c);
  }
};

TEST(centralization, maxima_by_exhaustive_search_undirected) {
  for (int n = 3; n <= 6; ++n) {
    std::vector<std::pair<int, int>> pairs;
    for (int u = 0; u < n; ++u)
      for (int v = u + 1; v < n; ++v) pairs.emplace_back(u, v);
    extreme degree, closeness, harmonic, betweenness, eigen;
    for (std::uint32_t mask = 0; mask < (1u << pairs.size()); ++mask) {
      ugraph g(n);
      for (std::size_t i = 0; i < pairs.size(); ++i)
        if (mask & (1u << i)) add_edge(pairs[i].first, pairs[i].second, g);
      const auto gi = get(boost::vertex_index, g);
      degree.add(cp::degree_centralization(g, gi));
      closeness.add(cp::closeness_centralization(g, gi, {.threads = 1}));
      harmonic.add(cp::harmonic_centralization(g, gi, {.threads = 1}));
      betweenness.add(cp::betweenness_centralization(g, gi, {.threads = 1}));
      if (mask != 0)
        eigen.add(cp::eigenvector_centralization(g, gi, {.max_iter = 5000, .tol = 1e-13}));
    }
    EXPECT_NEAR(degree.largest, 1.0, 1e-12) << n;
    EXPECT_NEAR(closeness.largest, 1.0, 1e-12) << n;
    EXPECT_NEAR(harmonic.largest, 1.0, 1e-12) << n;
    EXPECT_NEAR(betweenness.largest, 1.0, 1e-12) << n;
    EXPECT_NEAR(eigen.largest, 1.0, 1e-9) << n;
  }
}

TEST(centralization, maxima_by_exhaustive_search_directed) {
  for (int n = 3; n <= 4; ++n) {
    std::vector<std::pair<int, int>> arcs;
    for (int u = 0; u < n; ++u)
      for (int v = 0; v < n; ++v)
        if (u != v) arcs.emplace_back(u, v);
    extreme in, out, total, close_in, close_out, harm_in, harm_out, betweenness, eigen;
    for (std::uint32_t mask = 0; mask < (1u << arcs.size()); ++mask) {
      dgraph g(n);
      for (std::size_t i = 0; i < arcs.size(); ++i)
        if (mask & (1u << i)) add_edge(arcs[i].first, arcs[i].second, g);
      const auto gi = get(boost::vertex_index, g);
      in.add(cp::degree_centralization(g, gi, {.mode = cp::degree_mode::in}));
      out.add(cp::degree_centralization(g, gi, {.mode = cp::degree_mode::out}));
      total.add(cp::degree_centralization(g, gi));
      close_in.add(cp::closeness_centralization(g, gi, {.threads = 1}));
      close_out.add(
          cp::closeness_centralization(g, gi, {.mode = cp::path_mode::out, .threads = 1}));
      harm_in.add(cp::harmonic_centralization(g, gi, {.threads = 1}));
      harm_out.add(cp::harmonic_centralization(g, gi, {.mode = cp::path_mode::out, .threads = 1}));
      betweenness.add(cp::betweenness_centralization(g, gi, {.threads = 1}));
      try {
        eigen.add(cp::eigenvector_centralization(g, gi));
      } catch (const cp::input_error&) {  // no convergence (e.g. no cycle): no value
      }
    }
    for (const extreme* e : {&in, &out, &total, &close_in, &close_out, &harm_in, &harm_out,
                             &betweenness})
      EXPECT_NEAR(e->largest, 1.0, 1e-12) << n;
    // n - 1 is a bound the directed eigenvector index approaches but need not reach.
    EXPECT_LE(eigen.largest, 1.0 + 1e-12) << n;
  }
}

TEST(centralization, maximum_table) {
  using m = cp::centralization_measure;
  // n = 5. Degree undirected (n-1)(n-2) = 12 raw, n-2 = 3 normalized.
  const auto total = cp::degree_mode::total;
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::degree, 5, false, total, false), 12);
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::degree, 5, false), 3);
  // Directed in: (n-1)^2 = 16; total 2(n-1)(n-2) = 24.
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::degree, 5, true, cp::degree_mode::in, false), 16);
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::degree, 5, true, total, false), 24);
  // Closeness undirected (n-1)(n-2)/(2n-3) = 12/7 (igraph's value for n = 5).
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::closeness, 5, false), 12. / 7);
  // Betweenness raw undirected (n-1)^2(n-2)/2 = 24, directed 48.
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::betweenness, 5, false, total, false), 24);
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::betweenness, 5, true, total, false), 48);
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::eigenvector, 5, false), 3 / std::sqrt(2.0));
  EXPECT_DOUBLE_EQ(cp::centralization_maximum(m::degree, 1, false), 0);
}

}  // namespace
