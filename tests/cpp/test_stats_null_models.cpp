// The network null models: degree-preserving rewiring, the uniform graphs of the CUG tests,
// the CUG tests themselves, QAP and MRQAP. Every invariant a null holds fixed is checked on
// every draw; the distributions are checked against complete enumerations of small cases
// (every graph with a degree sequence, every subset, every permutation), computed here
// independently of the library; and every run is checked to give the same draws for 1, 2
// and 4 threads.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "coproduction/io/json.hpp"
#include "coproduction/stats/cug_test.hpp"
#include "coproduction/stats/mrqap.hpp"
#include "coproduction/stats/qap.hpp"
#include "coproduction/stats/rewiring.hpp"
#include "coproduction/stats/uniform_graphs.hpp"

namespace cp = coproduction;
namespace nm = coproduction::detail::null_models;

namespace {

#ifndef COPRODUCTION_EXAMPLE_DATA
#define COPRODUCTION_EXAMPLE_DATA "python/coproduction/data"
#endif

cp::Network example(const std::string& name) {
  return cp::read_json_file(std::filesystem::path(COPRODUCTION_EXAMPLE_DATA) / (name + ".json"));
}

// A G(n, p) simple graph from std::mt19937_64 (a generator independent of the library's).
cp::tie_list random_graph(std::uint32_t n, double p, bool directed, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::bernoulli_distribution coin(p);
  cp::tie_list t;
  t.n = n;
  t.directed = directed;
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v = directed ? 0 : u + 1; v < n; ++v)
      if (u != v && coin(gen)) t.source.push_back(u), t.target.push_back(v);
  return t;
}

// A network of n people and the ties of `t` as relations of type `type`.
cp::Network network_of(const cp::tie_list& t, const std::string& type = "informs") {
  cp::Network net;
  for (std::uint32_t v = 0; v < t.n; ++v) {
    cp::Stakeholder s;
    s.id = "s" + std::to_string(v);
    net.add_stakeholder(s);
  }
  for (std::size_t i = 0; i < t.size(); ++i) {
    cp::Relation r;
    r.source = "s" + std::to_string(t.source[i]);
    r.target = "s" + std::to_string(t.target[i]);
    r.type = type;
    net.add_relation(r);
  }
  return net;
}

// The set of ties as ordered pairs (undirected: smaller end first); fails on a self-loop or
// a tie listed twice.
std::set<std::pair<std::uint32_t, std::uint32_t>> tie_set(const cp::tie_list& t) {
  std::set<std::pair<std::uint32_t, std::uint32_t>> s;
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::uint32_t u = t.source[i], v = t.target[i];
    EXPECT_NE(u, v) << "self-loop at " << u;
    EXPECT_LT(u, t.n);
    EXPECT_LT(v, t.n);
    if (!t.directed) {
      EXPECT_LT(u, v) << "undirected tie not stored smaller end first";
      if (v < u) std::swap(u, v);
    }
    EXPECT_TRUE(s.emplace(u, v).second) << "tie " << u << "->" << v << " twice";
  }
  return s;
}

// Degrees counted here from the pairs, independently of `degrees_of`.
std::pair<std::vector<int>, std::vector<int>> count_degrees(const cp::tie_list& t) {
  std::vector<int> out(t.n, 0), in(t.n, 0);
  for (const auto& [u, v] : tie_set(t)) {
    ++out[u], ++in[v];
    if (!t.directed) ++out[v], ++in[u];
  }
  return {out, in};
}

// The dyad census counted from the pairs.
cp::dyad_census count_census(const cp::tie_list& t) {
  const auto s = tie_set(t);
  cp::dyad_census c;
  for (std::uint32_t u = 0; u < t.n; ++u)
    for (std::uint32_t v = u + 1; v < t.n; ++v) {
      const bool a = s.count({u, v}) > 0, b = s.count({v, u}) > 0;
      (a && b ? c.mutual : a || b ? c.asymmetric : c.null) += 1;
    }
  return c;
}

// A canonical key of a graph: its sorted pairs.
std::vector<std::pair<std::uint32_t, std::uint32_t>> key_of(const cp::tie_list& t) {
  const auto s = tie_set(t);
  return {s.begin(), s.end()};
}

// Pearson's chi-square of observed counts against equal expected counts; with the class
// count as degrees of freedom, a value above df + 6 sqrt(2 df) is a failure by far more
// than chance (about 1e-6 for these df).
using graph_key = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

void expect_uniform(const std::map<graph_key, int>& counts, std::size_t classes, int draws) {
  ASSERT_EQ(counts.size(), classes) << "not every graph of the null was drawn";
  const double expected = static_cast<double>(draws) / static_cast<double>(classes);
  double chi2 = 0;
  for (const auto& [key, c] : counts) chi2 += (c - expected) * (c - expected) / expected;
  const double df = static_cast<double>(classes - 1);
  EXPECT_LT(chi2, df + 6 * std::sqrt(2 * df)) << "chi-square " << chi2 << " on " << df << " df";
}

// Every simple graph on n vertices (2^pairs of them), as tie lists: the brute force.
std::vector<cp::tie_list> all_graphs(std::uint32_t n, bool directed) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v = directed ? 0 : u + 1; v < n; ++v)
      if (u != v) pairs.emplace_back(u, v);
  std::vector<cp::tie_list> out;
  for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << pairs.size()); ++mask) {
    cp::tie_list t;
    t.n = n;
    t.directed = directed;
    for (std::size_t i = 0; i < pairs.size(); ++i)
      if ((mask >> i) & 1) t.source.push_back(pairs[i].first), t.target.push_back(pairs[i].second);
    out.push_back(t);
  }
  return out;
}

}  // namespace

// ---- rewiring -----------------------------------------------------------------------------

class Rewiring : public ::testing::TestWithParam<bool> {};

TEST_P(Rewiring, KeepsEveryDegreeAndStaysSimpleOnRandomGraphs) {
  const bool directed = GetParam();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const cp::tie_list g = random_graph(20 + 7 * static_cast<std::uint32_t>(seed),
                                        0.05 * static_cast<double>(seed), directed, seed);
    const auto degrees = count_degrees(g);
    nm::rewiring_chain chain(g);
    for (std::uint64_t k = 0; k < 20; ++k) {
      auto rng = nm::generator_for(seed, k);
      cp::tie_list out;
      cp::rewiring_diagnostics d;
      chain.run(10 * g.size(), true, rng, out, d);
      EXPECT_EQ(count_degrees(out), degrees) << "seed " << seed << " draw " << k;
      EXPECT_EQ(out.size(), g.size());
      EXPECT_EQ(d.steps, 10 * g.size());
      EXPECT_GT(d.accepted, 0u);
      EXPECT_GE(d.changed, 0.0);
      EXPECT_LE(d.changed, 1.0);
      // The diagnostic recounted: the share of the original pairs missing.
      const auto before = tie_set(g), after = tie_set(out);
      std::size_t kept = 0;
      for (const auto& t : after) kept += before.count(t);
      EXPECT_DOUBLE_EQ(d.changed, 1.0 - static_cast<double>(kept) / static_cast<double>(g.size()));
      if (!directed) {
        EXPECT_EQ(d.reversals, 0u);
      }
    }
  }
}

// The chain keeps its ties as a bit matrix on up to `tie_bits_limit` vertices and in a hash
// table above: the two must make the same moves, so the same draws, step for step.
TEST_P(Rewiring, BitMatrixAndHashTableMakeTheSameChain) {
  const bool directed = GetParam();
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const cp::tie_list g = random_graph(30 + 11 * static_cast<std::uint32_t>(seed), 0.1,
                                        directed, seed);
    nm::rewiring_chain bits(g), table(g, 0);
    for (std::uint64_t k = 0; k < 10; ++k) {
      auto rng_bits = nm::generator_for(seed, k), rng_table = nm::generator_for(seed, k);
      cp::tie_list a, b;
      cp::rewiring_diagnostics da, db;
      bits.run(10 * g.size(), true, rng_bits, a, da);
      table.run(10 * g.size(), true, rng_table, b, db);
      EXPECT_EQ(a.source, b.source) << "seed " << seed << " draw " << k;
      EXPECT_EQ(a.target, b.target) << "seed " << seed << " draw " << k;
      EXPECT_EQ(da.accepted, db.accepted);
      EXPECT_EQ(da.reversals, db.reversals);
      EXPECT_GT(da.accepted, 0u);
      if (directed) {
        EXPECT_GT(da.reversals, 0u) << "seed " << seed;
      }
    }
  }
}

// Every graph with the degree sequence of a small graph, found by brute force over all
// simple graphs on its vertices, comes out of the chain equally often.
TEST_P(Rewiring, DrawsEveryGraphWithTheDegreesEquallyOften) {
  const bool directed = GetParam();
  const std::uint32_t n = directed ? 4 : 6;
  // Undirected: a path and a triangle with a pendant; directed: a 4-cycle with a chord.
  cp::tie_list g;
  g.n = n;
  g.directed = directed;
  if (directed) {
    g.source = {0, 1, 2, 3, 0};
    g.target = {1, 2, 3, 0, 2};
  } else {
    g.source = {0, 1, 2, 3, 0, 4};
    g.target = {1, 2, 3, 4, 2, 5};
  }
  g = cp::ties_of(cp::as_layer_edges(g, std::vector<cp::Network::vertex_type>{0, 1, 2, 3, 4, 5}),
                  directed);
  const auto degrees = count_degrees(g);
  std::size_t classes = 0;
  for (const cp::tie_list& h : all_graphs(n, directed))
    if (count_degrees(h) == degrees) ++classes;
  ASSERT_GT(classes, 2u);
  std::map<graph_key, int> counts;
  const int draws = 400 * static_cast<int>(classes);
  for (int k = 0; k < draws; ++k) {
    auto rng = nm::generator_for(99, static_cast<std::uint64_t>(k));
    ++counts[key_of(cp::rewire(g, {}, rng))];
  }
  expect_uniform(counts, classes, draws);
}

INSTANTIATE_TEST_SUITE_P(DirectedAndUndirected, Rewiring, ::testing::Bool());

// The directed triangle and its reverse have the same degrees, and no swap of two of their
// ties keeps the graph simple: swaps alone never move, triangle reversals reach both. On
// 3 vertices, and on 4 with a fourth stakeholder tied to all three (found by enumerating
// every digraph on 4 and 5 vertices: the degree sequences whose realisations swaps do not
// connect are exactly such pairs of a triangle and its reverse).
TEST(RewiringDirected, TriangleReversalsReachTheReversedTriangle) {
  for (std::uint32_t n : {3u, 4u}) {
    cp::tie_list g;
    g.n = n;
    g.directed = true;
    g.source = {0, 1, 2};
    g.target = {1, 2, 0};
    if (n == 4) {
      g.source.insert(g.source.end(), {3, 3, 3});
      g.target.insert(g.target.end(), {0, 1, 2});
    }
    int reversed = 0, swaps_only_moved = 0;
    const int draws = 2000;
    for (int k = 0; k < draws; ++k) {
      auto rng = nm::generator_for(7, static_cast<std::uint64_t>(k));
      const cp::tie_list out = cp::rewire(g, {}, rng);
      EXPECT_EQ(count_degrees(out), count_degrees(g));
      reversed += tie_set(out).count({1, 0}) ? 1 : 0;
      auto rng2 = nm::generator_for(7, static_cast<std::uint64_t>(k));
      cp::rewiring_diagnostics d;
      const cp::tie_list same = cp::rewire(g, {10.0, false}, rng2, &d);
      swaps_only_moved += key_of(same) != key_of(g) ? 1 : 0;
      EXPECT_EQ(d.accepted, 0u);
    }
    EXPECT_EQ(swaps_only_moved, 0);
    // Binomial(2000, 1/2): 1000 +- 4.5 sd (sd 22.4).
    EXPECT_NEAR(reversed, draws / 2, 100) << n << " vertices";
  }
}

// A graph whose degrees have one realisation refuses every proposal and comes back as it
// was, after exactly the steps asked: the chain cannot get stuck.
TEST(RewiringDirected, AGraphWithOneRealisationComesBackAfterTheSteps) {
  for (bool directed : {true, false}) {
    cp::tie_list star;
    star.n = 6;
    star.directed = directed;
    for (std::uint32_t v = 1; v < 6; ++v) star.source.push_back(0), star.target.push_back(v);
    auto rng = nm::generator_for(3, 0);
    cp::rewiring_diagnostics d;
    const cp::tie_list out = cp::rewire(star, {10.0, true}, rng, &d);
    EXPECT_EQ(key_of(out), key_of(star));
    EXPECT_EQ(d.steps, 50u);
    EXPECT_EQ(d.accepted, 0u);
    EXPECT_EQ(d.changed, 0.0);
  }
}

TEST(RewiringDirected, RefusesABadNumberOfSwaps) {
  const cp::tie_list g = random_graph(10, 0.3, true, 1);
  auto rng = nm::generator_for(1, 0);
  EXPECT_THROW(cp::rewire(g, {-1.0, true}, rng), cp::input_error);
  EXPECT_THROW(cp::rewire(g, {std::nan(""), true}, rng), cp::input_error);
}

// ---- uniform graphs ------------------------------------------------------------------------

class UniformGraphs : public ::testing::TestWithParam<bool> {};

TEST_P(UniformGraphs, GivenTiesHaveExactlyTheTies) {
  const bool directed = GetParam();
  nm::subset_sampler sampler;
  for (std::uint32_t n : {0u, 1u, 2u, 5u, 30u}) {
    const std::uint64_t d = cp::possible_ties(n, directed);
    for (std::uint64_t m : {std::uint64_t{0}, d / 3, d / 2 + 1, d}) {
      if (m > d) continue;
      for (std::uint64_t k = 0; k < 10; ++k) {
        auto rng = nm::generator_for(5, k);
        cp::tie_list t;
        cp::uniform_graph_with_ties(n, directed, m, rng, t, sampler);
        EXPECT_EQ(tie_set(t).size(), m) << "n " << n << " m " << m;
      }
    }
  }
  auto rng = nm::generator_for(5, 0);
  cp::tie_list t;
  EXPECT_THROW(cp::uniform_graph_with_ties(3, directed, 7, rng, t, sampler), cp::input_error);
}

// Every graph with 3 ties on 4 vertices (20 undirected, 220 directed) equally often.
TEST_P(UniformGraphs, GivenTiesDrawsEveryGraphEquallyOften) {
  const bool directed = GetParam();
  const std::size_t classes = directed ? 220 : 20;
  std::map<graph_key, int> counts;
  nm::subset_sampler sampler;
  const int draws = 300 * static_cast<int>(classes);
  for (int k = 0; k < draws; ++k) {
    auto rng = nm::generator_for(11, static_cast<std::uint64_t>(k));
    cp::tie_list t;
    cp::uniform_graph_with_ties(4, directed, 3, rng, t, sampler);
    ++counts[key_of(t)];
  }
  expect_uniform(counts, classes, draws);
}

// Every one of the 2^6 (undirected) or 2^12 (directed) graphs on 4 vertices equally often.
TEST_P(UniformGraphs, GivenSizeDrawsEveryGraphEquallyOften) {
  const bool directed = GetParam();
  const std::size_t classes = directed ? 4096 : 64;
  std::map<graph_key, int> counts;
  const int draws = 100 * static_cast<int>(classes);
  for (int k = 0; k < draws; ++k) {
    auto rng = nm::generator_for(12, static_cast<std::uint64_t>(k));
    cp::tie_list t;
    cp::uniform_graph_of_size(4, directed, rng, t);
    ++counts[key_of(t)];
  }
  expect_uniform(counts, classes, draws);
}

INSTANTIATE_TEST_SUITE_P(DirectedAndUndirected, UniformGraphs, ::testing::Bool());

TEST(UniformGraphs, DyadCensusDrawsKeepMutualAsymmetricAndNullExactly) {
  nm::subset_sampler sampler;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const cp::tie_list g = random_graph(25, 0.08 * static_cast<double>(seed), true, seed);
    const cp::dyad_census c = count_census(g);
    EXPECT_EQ(cp::census_of(g), c);
    for (std::uint64_t k = 0; k < 20; ++k) {
      auto rng = nm::generator_for(seed, k);
      cp::tie_list t;
      cp::uniform_graph_with_census(25, c, rng, t, sampler);
      EXPECT_EQ(count_census(t), c) << "seed " << seed << " draw " << k;
    }
  }
}

// Every digraph on 4 vertices with census (M, A, N) = (1, 2, 3): 6 * C(5,2) * 4 = 240.
TEST(UniformGraphs, DyadCensusDrawsEveryGraphEquallyOften) {
  const cp::dyad_census c{1, 2, 3};
  std::size_t classes = 0;
  for (const cp::tie_list& h : all_graphs(4, true))
    if (count_census(h) == c) ++classes;
  ASSERT_EQ(classes, 240u);
  std::map<graph_key, int> counts;
  nm::subset_sampler sampler;
  const int draws = 300 * 240;
  for (int k = 0; k < draws; ++k) {
    auto rng = nm::generator_for(13, static_cast<std::uint64_t>(k));
    cp::tie_list t;
    cp::uniform_graph_with_census(4, c, rng, t, sampler);
    ++counts[key_of(t)];
  }
  expect_uniform(counts, classes, draws);
}

TEST(UniformGraphs, PairIndicesDecodeToEveryPairInOrder) {
  for (std::uint32_t n : {2u, 3u, 7u, 50u}) {
    std::uint64_t k = 0;
    for (std::uint32_t i = 1; i < n; ++i)
      for (std::uint32_t j = 0; j < i; ++j, ++k) {
        std::uint32_t u = 0, v = 0;
        nm::undirected_pair(k, u, v);
        EXPECT_EQ(u, j);
        EXPECT_EQ(v, i);
      }
    k = 0;
    for (std::uint32_t i = 0; i < n; ++i)
      for (std::uint32_t j = 0; j < n; ++j) {
        if (i == j) continue;
        std::uint32_t u = 0, v = 0;
        nm::directed_pair(k++, n, u, v);
        EXPECT_EQ(u, i);
        EXPECT_EQ(v, j);
      }
  }
}

// ---- CUG tests -----------------------------------------------------------------------------

namespace {

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) return false;
  return true;
}

cp::measure_options layer_options(const std::string& type, bool directed) {
  cp::measure_options o;
  o.layer.types = {type};
  o.directed = directed;
  return o;
}

cp::cug_options cug_run(cp::cug_given given, std::size_t draws, unsigned threads,
                        std::uint64_t seed = 2024) {
  cp::cug_options c;
  c.given = given;
  c.run.draws = draws;
  c.run.threads = threads;
  c.run.seed = seed;
  return c;
}

constexpr cp::cug_given all_givens[] = {cp::cug_given::size, cp::cug_given::edges,
                                        cp::cug_given::dyad_census, cp::cug_given::degrees};

}  // namespace

class CugTest : public ::testing::TestWithParam<bool> {};

TEST_P(CugTest, GivesTheSameDrawsForOneTwoAndFourThreads) {
  const bool directed = GetParam();
  const cp::Network net = network_of(random_graph(40, 0.08, directed, 17));
  const cp::measure_options o = layer_options("informs", directed);
  for (cp::cug_given given : all_givens) {
    for (const char* measure : {"betweenness_centralization", "connectedness"}) {
      const cp::cug_result one = cp::cug_test(net, measure, o, cug_run(given, 60, 1));
      for (unsigned threads : {2u, 4u}) {
        const cp::cug_result r = cp::cug_test(net, measure, o, cug_run(given, 60, threads));
        EXPECT_TRUE(same_bits(one.null.draws, r.null.draws))
            << measure << " given " << cp::cug_given_name(given) << " threads " << threads;
        EXPECT_EQ(one.null.p_greater_equal, r.null.p_greater_equal);
      }
      // Another seed gives other draws (connectedness is 1 for most graphs of these nulls).
      const cp::cug_result other = cp::cug_test(net, measure, o, cug_run(given, 60, 2, 7));
      if (std::string(measure) == "betweenness_centralization") {
        EXPECT_FALSE(same_bits(one.null.draws, other.null.draws));
      }
    }
  }
}

// Draw k of a test is the measure on `null_graph(k)`, and that graph keeps what its null
// fixes: the ties, the dyad census, the degrees.
TEST_P(CugTest, EachDrawIsTheMeasureOnItsNullGraphWhichKeepsWhatTheNullFixes) {
  const bool directed = GetParam();
  const cp::tie_list g = random_graph(30, 0.1, directed, 23);
  const cp::Network net = network_of(g);
  const cp::measure_options o = layer_options("informs", directed);
  const cp::layer_edges layer = cp::edges_of(net, o.layer);
  const cp::tie_list observed = cp::ties_of(layer, directed);
  ASSERT_EQ(key_of(observed), key_of(g));
  for (cp::cug_given given : all_givens) {
    const cp::cug_result r =
        cp::cug_test(net, "closeness_centralization", o, cug_run(given, 25, 2));
    EXPECT_EQ(r.vertices, 30u);
    EXPECT_EQ(r.ties, g.size());
    EXPECT_EQ(r.rewiring.size(), given == cp::cug_given::degrees ? 25u : 0u);
    for (std::uint64_t k = 0; k < 25; ++k) {
      cp::rewiring_diagnostics d;
      const cp::tie_list t = cp::null_graph(observed, given, 2024, k, {}, &d);
      const double value =
          cp::compute_measure("closeness_centralization", net,
                              cp::as_layer_edges(t, layer.vertices), o)
              .value;
      EXPECT_TRUE(same_bits({value}, {r.null.draws[k]})) << cp::cug_given_name(given) << " " << k;
      const auto ties = tie_set(t).size();
      switch (given) {
        case cp::cug_given::size:
          break;
        case cp::cug_given::edges:
          EXPECT_EQ(ties, g.size());
          break;
        case cp::cug_given::dyad_census:
          EXPECT_EQ(count_census(t), count_census(g));
          break;
        case cp::cug_given::degrees:
          EXPECT_EQ(count_degrees(t), count_degrees(g));
          EXPECT_EQ(d.changed, r.rewiring[k].changed);
          EXPECT_EQ(d.steps, 10 * g.size());
          break;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(DirectedAndUndirected, CugTest, ::testing::Bool());

TEST(CugTestRefusals, NullsThatFixTheStatisticAreRefusedNamingGiven) {
  const cp::Network net = network_of(random_graph(12, 0.3, true, 3));
  const cp::measure_options o = layer_options("informs", true);
  const auto where = [&](const std::string& measure, cp::cug_given given,
                         cp::measure_options opt) -> std::string {
    try {
      cp::cug_test(net, measure, opt, cug_run(given, 5, 1));
    } catch (const cp::input_error& e) {
      return e.where();
    }
    return "accepted";
  };
  EXPECT_EQ(where("density", cp::cug_given::edges, o), "given");
  EXPECT_EQ(where("density", cp::cug_given::dyad_census, o), "given");
  EXPECT_EQ(where("density", cp::cug_given::degrees, o), "given");
  EXPECT_EQ(where("density", cp::cug_given::size, o), "accepted");
  EXPECT_EQ(where("reciprocity", cp::cug_given::dyad_census, o), "given");
  EXPECT_EQ(where("reciprocity", cp::cug_given::edges, o), "accepted");
  EXPECT_EQ(where("reciprocity", cp::cug_given::degrees, o), "accepted");
  EXPECT_EQ(where("degree_centralization", cp::cug_given::degrees, o), "given");
  EXPECT_EQ(where("degree_centralization", cp::cug_given::edges, o), "accepted");
  cp::measure_options gini = o;
  gini.quantity = "degree";
  EXPECT_EQ(where("gini", cp::cug_given::degrees, gini), "given");
  EXPECT_EQ(where("gini", cp::cug_given::edges, gini), "accepted");
  gini.quantity = "betweenness";
  EXPECT_EQ(where("gini", cp::cug_given::degrees, gini), "accepted");
  gini.quantity = "decision_power";
  EXPECT_EQ(where("gini", cp::cug_given::size, gini), "measure");
  EXPECT_EQ(where("betweenness", cp::cug_given::size, o), "measure");
  EXPECT_EQ(where("decision_power", cp::cug_given::size, o), "measure");
  EXPECT_EQ(where("ladder_rung", cp::cug_given::size, o), "measure");
  EXPECT_EQ(where("no_such_measure", cp::cug_given::size, o), "measure");
  cp::measure_options undirected = o;
  undirected.directed = false;
  EXPECT_EQ(where("reciprocity", cp::cug_given::size, undirected), "directed");
  EXPECT_EQ(where("hierarchy", cp::cug_given::edges, undirected), "directed");
  EXPECT_EQ(where("density", cp::cug_given::dyad_census, undirected), "given");
  cp::measure_options weighted = o;
  weighted.weighted = true;
  EXPECT_EQ(where("betweenness_centralization", cp::cug_given::size, weighted), "weighted");
  EXPECT_THROW(cp::cug_test(net, "density", o, cug_run(cp::cug_given::size, 0, 1)),
               cp::input_error);
}

// The exact null distribution of degree centralization on 4 stakeholders, by enumerating
// all 64 undirected graphs (given size) or the 20 with 3 ties (given edges); the test's
// p-values from 20,000 draws lie within 4.5 binomial standard errors of it.
TEST(CugTestExact, PValuesMatchTheEnumeratedNullOnFourStakeholders) {
  cp::tie_list g;
  g.n = 4;
  g.directed = false;
  g.source = {0, 0, 1};
  g.target = {1, 2, 2};  // a triangle and an isolate
  const cp::Network net = network_of(g);
  const cp::measure_options o = layer_options("informs", false);
  const cp::layer_edges layer = cp::edges_of(net, o.layer);
  const double obs =
      cp::compute_measure("degree_centralization", net, cp::as_layer_edges(g, layer.vertices), o)
          .value;
  for (cp::cug_given given : {cp::cug_given::size, cp::cug_given::edges}) {
    double above = 0, below = 0, total = 0;
    for (const cp::tie_list& h : all_graphs(4, false)) {
      if (given == cp::cug_given::edges && h.size() != 3) continue;
      const cp::layer_edges drawn = cp::as_layer_edges(h, layer.vertices);
      const double x = cp::compute_measure("degree_centralization", net, drawn, o).value;
      if (std::isnan(x)) continue;
      total += 1;
      above += x >= obs - 1e-12 ? 1 : 0;
      below += x <= obs + 1e-12 ? 1 : 0;
    }
    const cp::cug_result r =
        cp::cug_test(net, "degree_centralization", o, cug_run(given, 20000, 0));
    EXPECT_EQ(r.null.observed, obs);
    for (auto [estimate, exact] : {std::pair{r.null.p_greater_equal, above / total},
                                   std::pair{r.null.p_less_equal, below / total}}) {
      const double se = std::sqrt(exact * (1 - exact) / static_cast<double>(r.null.valid));
      EXPECT_NEAR(estimate, exact, 4.5 * se + 1e-12) << cp::cug_given_name(given);
    }
  }
}

TEST(CugTestRun, StopsWhenAskedAndCountsFinishedDraws) {
  const cp::Network net = network_of(random_graph(30, 0.1, true, 5));
  const cp::measure_options o = layer_options("informs", true);
  cp::cug_options c = cug_run(cp::cug_given::edges, 200000, 2);
  std::atomic<std::size_t> finished{0};
  std::vector<std::size_t> seen;
  c.run.finished = &finished;
  c.run.stop_requested = [&] {
    seen.push_back(finished.load());
    return seen.size() >= 2;
  };
  EXPECT_THROW(cp::cug_test(net, "betweenness_centralization", o, c), cp::interrupted);
  EXPECT_LT(finished.load(), 200000u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  finished = 0;
  c = cug_run(cp::cug_given::edges, 50, 2);
  c.run.finished = &finished;
  cp::cug_test(net, "connectedness", o, c);
  EXPECT_EQ(finished.load(), 50u);
}

TEST(NullDistribution, PValuesAreTheSharesOfDrawsAtOrBeyondTheObserved) {
  // 0.5 ties with the observed; 0.5 + 1e-12 is equal up to rounding; NaN is left out.
  const cp::null_distribution d =
      nm::summarise(0.5, {0.1, 0.5, 0.9, 0.5 + 1e-12, std::nan(""), -0.7});
  EXPECT_EQ(d.valid, 5u);
  EXPECT_DOUBLE_EQ(d.p_greater_equal, 3.0 / 5);  // 0.5, 0.9, 0.5+
  EXPECT_DOUBLE_EQ(d.p_less_equal, 4.0 / 5);     // 0.1, 0.5, 0.5+, -0.7
  EXPECT_DOUBLE_EQ(d.p_absolute, 4.0 / 5);       // 0.5, 0.9, 0.5+, -0.7
  const cp::null_distribution none = nm::summarise(std::nan(""), {1.0, 2.0});
  EXPECT_TRUE(std::isnan(none.p_greater_equal));
  EXPECT_EQ(none.valid, 2u);
}

// ---- QAP -----------------------------------------------------------------------------------

namespace {

cp::dyad_matrix random_matrix(std::size_t n, double p, bool weighted, bool symmetric,
                              std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::bernoulli_distribution coin(p);
  std::uniform_real_distribution<double> value(0.5, 3.0);
  cp::dyad_matrix m{n, std::vector<double>(n * n, 0.0)};
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      if (symmetric && j < i) {
        m.values[i * n + j] = m.values[j * n + i];
        continue;
      }
      if (i != j && coin(gen)) m.values[i * n + j] = weighted ? value(gen) : 1.0;
    }
  return m;
}

// The dyads' values as a vector, read independently of the library's order.
std::vector<double> dyad_vector(const cp::dyad_matrix& m, bool directed,
                                const std::vector<std::uint32_t>& p) {
  std::vector<double> v;
  for (std::size_t i = 0; i < m.n; ++i)
    for (std::size_t j = 0; j < m.n; ++j)
      if (i != j && (directed || i > j)) v.push_back(m(p[i], p[j]));
  return v;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n;
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

std::vector<std::uint32_t> identity(std::size_t n) {
  std::vector<std::uint32_t> p(n);
  std::iota(p.begin(), p.end(), 0u);
  return p;
}

cp::resampling_options draws(std::size_t k, unsigned threads, std::uint64_t seed = 31) {
  cp::resampling_options r;
  r.draws = k;
  r.threads = threads;
  r.seed = seed;
  return r;
}

}  // namespace

class Qap : public ::testing::TestWithParam<std::tuple<bool, bool>> {};

TEST_P(Qap, CorrelationIsPearsonsOfTheOffDiagonalEntries) {
  const auto [directed, weighted] = GetParam();
  const cp::dyad_matrix a = random_matrix(9, 0.4, weighted, !directed, 1);
  const cp::dyad_matrix b = random_matrix(9, 0.3, weighted, !directed, 2);
  const auto id = identity(9);
  EXPECT_NEAR(cp::matrix_correlation(a, b, directed),
              pearson(dyad_vector(a, directed, id), dyad_vector(b, directed, id)), 1e-12);
}

// n = 5: 120 permutations <= 500 draws asked, so every permutation once; the p-values are
// those of a brute-force loop over std::next_permutation.
TEST_P(Qap, ExactWhenEveryPermutationFitsInTheDraws) {
  const auto [directed, weighted] = GetParam();
  const cp::dyad_matrix a = random_matrix(5, 0.5, weighted, !directed, 3);
  const cp::dyad_matrix b = random_matrix(5, 0.5, weighted, !directed, 4);
  const cp::qap_result r = cp::qap_test(a, b, directed, draws(500, 2));
  ASSERT_TRUE(r.exact);
  ASSERT_EQ(r.null.draws.size(), 120u);
  auto p = identity(5);
  const double obs = pearson(dyad_vector(a, directed, p), dyad_vector(b, directed, p));
  EXPECT_NEAR(r.null.observed, obs, 1e-12);
  double above = 0, below = 0, farther = 0;
  std::size_t k = 0;
  do {
    const double x = pearson(dyad_vector(a, directed, identity(5)), dyad_vector(b, directed, p));
    EXPECT_NEAR(r.null.draws[k++], x, 1e-12);
    const double tol = 1e-9 * std::max(1.0, std::abs(obs));
    above += x >= obs - tol, below += x <= obs + tol, farther += std::abs(x) >= std::abs(obs) - tol;
  } while (std::next_permutation(p.begin(), p.end()));
  EXPECT_DOUBLE_EQ(r.null.p_greater_equal, above / 120);
  EXPECT_DOUBLE_EQ(r.null.p_less_equal, below / 120);
  EXPECT_DOUBLE_EQ(r.null.p_absolute, farther / 120);
  EXPECT_GE(r.null.p_greater_equal, 1.0 / 120);  // the identity is among the draws
}

// n = 9: random permutations; draw k is the correlation with b permuted by
// `qap_permutation(9, seed, k)`, the same for 1, 2 and 4 threads.
TEST_P(Qap, RandomDrawsAreThePermutationsOfTheirSeedOnAnyThreads) {
  const auto [directed, weighted] = GetParam();
  const cp::dyad_matrix a = random_matrix(9, 0.4, weighted, !directed, 5);
  const cp::dyad_matrix b = random_matrix(9, 0.4, weighted, !directed, 6);
  const cp::qap_result r = cp::qap_test(a, b, directed, draws(300, 1));
  EXPECT_FALSE(r.exact);
  for (unsigned threads : {2u, 4u})
    EXPECT_TRUE(
        same_bits(r.null.draws, cp::qap_test(a, b, directed, draws(300, threads)).null.draws));
  for (std::uint64_t k = 0; k < 300; k += 37) {
    const auto p = cp::qap_permutation(9, 31, k);
    auto sorted = p;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, identity(9));
    EXPECT_NEAR(r.null.draws[k],
                pearson(dyad_vector(a, directed, identity(9)), dyad_vector(b, directed, p)), 1e-12);
  }
}

INSTANTIATE_TEST_SUITE_P(DirectedWeighted, Qap,
                         ::testing::Combine(::testing::Bool(), ::testing::Bool()));

TEST(QapMatrices, LayersBecomeMatricesOverOneSetOfStakeholders) {
  cp::Network net;
  for (const char* id : {"a", "b", "c", "d", "e"}) {
    cp::Stakeholder s;
    s.id = id;
    net.add_stakeholder(s);
  }
  const auto relate = [&](const char* s, const char* t, const char* type, double w) {
    cp::Relation r;
    r.source = s, r.target = t, r.type = type, r.weight = w;
    net.add_relation(r);
  };
  relate("a", "b", "trusts", 2.0);
  relate("b", "a", "trusts", 1.0);
  relate("a", "c", "informs", 3.0);
  relate("a", "c", "consults", 0.5);
  const cp::layer layers[] = {cp::layer{{"trusts"}, {}}, cp::layer{{"informs", "consults"}, {}}};
  cp::layer_matrices m = cp::matrices_of(net, layers, {});
  EXPECT_EQ(m.vertices.size(), 5u);
  EXPECT_EQ(m.matrices[0](0, 1), 1.0);
  EXPECT_EQ(m.matrices[0](1, 0), 1.0);
  EXPECT_EQ(m.matrices[1](0, 2), 1.0);  // two relations, one tie
  EXPECT_EQ(m.matrices[1](2, 0), 0.0);
  m = cp::matrices_of(net, layers, {false, true, false, cp::matrix_vertices::tied});
  ASSERT_EQ(m.vertices, (std::vector<cp::Network::vertex_type>{0, 1, 2}));  // d, e untied
  EXPECT_EQ(m.matrices[0](0, 1), 3.0);  // 2 + 1, either way
  EXPECT_EQ(m.matrices[0](1, 0), 3.0);
  EXPECT_EQ(m.matrices[1](0, 2), 3.5);
  EXPECT_EQ(m.matrices[1](2, 0), 3.5);
  EXPECT_THROW(cp::matrices_of(net, std::span<const cp::layer>(), {}), cp::input_error);
}

// ---- MRQAP ---------------------------------------------------------------------------------

namespace {

// OLS by the normal equations, solved by Gauss-Jordan with partial pivoting: coefficients
// and t-values, independently of the library's Gram-Schmidt.
struct ols_fit {
  std::vector<double> b, t;
  double r2 = 0;
};

ols_fit ols(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
            bool intercept) {
  const std::size_t p = x.size(), n = y.size();
  std::vector<std::vector<double>> a(p, std::vector<double>(2 * p + 1, 0.0));
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < p; ++j)
      for (std::size_t k = 0; k < n; ++k) a[i][j] += x[i][k] * x[j][k];
    a[i][p + i] = 1.0;
    for (std::size_t k = 0; k < n; ++k) a[i][2 * p] += x[i][k] * y[k];
  }
  for (std::size_t c = 0; c < p; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < p; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    std::swap(a[c], a[pivot]);
    const double d = a[c][c];
    for (double& v : a[c]) v /= d;
    for (std::size_t r = 0; r < p; ++r)
      if (r != c) {
        const double f = a[r][c];
        for (std::size_t j = 0; j < 2 * p + 1; ++j) a[r][j] -= f * a[c][j];
      }
  }
  ols_fit f;
  for (std::size_t i = 0; i < p; ++i) f.b.push_back(a[i][2 * p]);
  std::vector<double> fitted(n, 0.0);
  for (std::size_t k = 0; k < n; ++k)
    for (std::size_t i = 0; i < p; ++i) fitted[k] += x[i][k] * f.b[i];
  double rss = 0, mean = 0, mss = 0;
  for (std::size_t k = 0; k < n; ++k) {
    rss += (y[k] - fitted[k]) * (y[k] - fitted[k]);
    mean += fitted[k];
  }
  mean = intercept ? mean / static_cast<double>(n) : 0.0;
  for (double v : fitted) mss += (v - mean) * (v - mean);
  f.r2 = mss / (mss + rss);
  for (std::size_t i = 0; i < p; ++i)
    f.t.push_back(f.b[i] / std::sqrt(rss / static_cast<double>(n - p) * a[i][p + i]));
  return f;
}

}  // namespace

class Mrqap : public ::testing::TestWithParam<bool> {};

TEST_P(Mrqap, CoefficientsTValuesAndRSquaredAreOrdinaryLeastSquares) {
  const bool directed = GetParam();
  const cp::dyad_matrix y = random_matrix(10, 0.4, true, !directed, 7);
  const std::vector<cp::dyad_matrix> x = {random_matrix(10, 0.5, false, !directed, 8),
                                          random_matrix(10, 0.3, true, !directed, 9)};
  const cp::mrqap_result r = cp::mrqap(y, x, directed, {}, draws(50, 2));
  const auto id = identity(10);
  std::vector<std::vector<double>> design{
      std::vector<double>(directed ? 90 : 45, 1.0), dyad_vector(x[0], directed, id),
      dyad_vector(x[1], directed, id)};
  const ols_fit f = ols(design, dyad_vector(y, directed, id), true);
  ASSERT_EQ(r.coefficients.size(), 3u);
  EXPECT_EQ(r.dyads, directed ? 90u : 45u);
  EXPECT_EQ(r.residual_df, r.dyads - 3);
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(r.coefficients[j], f.b[j], 1e-10);
    EXPECT_NEAR(r.t_values[j], f.t[j], 1e-9);
    EXPECT_NEAR(r.null[j].observed, f.t[j], 1e-9);  // the identity permutation's statistic
  }
  EXPECT_NEAR(r.r_squared, f.r2, 1e-12);
  for (unsigned threads : {1u, 4u}) {
    const cp::mrqap_result again = cp::mrqap(y, x, directed, {}, draws(50, threads));
    for (std::size_t j = 0; j < 3; ++j)
      EXPECT_TRUE(same_bits(r.null[j].draws, again.null[j].draws));
  }
}

// n = 5, every permutation: each draw's statistic is the t-value of the permuted residual in
// a fresh OLS fit of y on the other terms and that residual, as netlm's "qapspp" computes it.
TEST_P(Mrqap, DoubleSemiPartiallingOverEveryPermutationMatchesFreshFits) {
  const bool directed = GetParam();
  const cp::dyad_matrix y = random_matrix(5, 0.5, true, !directed, 10);
  const std::vector<cp::dyad_matrix> x = {random_matrix(5, 0.5, false, !directed, 11),
                                          random_matrix(5, 0.6, true, !directed, 12)};
  for (auto statistic : {cp::mrqap_statistic::t_value, cp::mrqap_statistic::beta}) {
    const cp::mrqap_result r = cp::mrqap(y, x, directed, {true, statistic}, draws(200, 2));
    ASSERT_TRUE(r.exact);
    const auto id = identity(5);
    const std::size_t count = directed ? 20 : 10;
    std::vector<std::vector<double>> design{std::vector<double>(count, 1.0),
                                            dyad_vector(x[0], directed, id),
                                            dyad_vector(x[1], directed, id)};
    const std::vector<double> yv = dyad_vector(y, directed, id);
    for (std::size_t j = 0; j < 3; ++j) {
      // x_j's residual on the other terms, as a matrix.
      std::vector<std::vector<double>> others;
      for (std::size_t i = 0; i < 3; ++i)
        if (i != j) others.push_back(design[i]);
      const ols_fit g = ols(others, design[j], true);
      cp::dyad_matrix e{5, std::vector<double>(25, 0.0)};
      std::size_t k = 0;
      for (std::size_t a = 0; a < 5; ++a)
        for (std::size_t b = 0; b < 5; ++b)
          if (a != b && (directed || a > b)) {
            double fit = 0;
            for (std::size_t i = 0; i < others.size(); ++i) fit += g.b[i] * others[i][k];
            e.values[a * 5 + b] = design[j][k] - fit;
            if (!directed) e.values[b * 5 + a] = e.values[a * 5 + b];
            ++k;
          }
      auto p = identity(5);
      std::size_t draw = 0;
      double above = 0, below = 0, farther = 0;
      const double obs = r.null[j].observed;
      const double tol = 1e-9 * std::max(1.0, std::abs(obs));
      do {
        auto fit_on = others;
        fit_on.push_back(dyad_vector(e, directed, p));
        const ols_fit h = ols(fit_on, yv, true);
        const double stat = statistic == cp::mrqap_statistic::beta ? h.b.back() : h.t.back();
        EXPECT_NEAR(r.null[j].draws[draw++], stat, 1e-8 * std::max(1.0, std::abs(stat)));
        above += stat >= obs - tol, below += stat <= obs + tol;
        farther += std::abs(stat) >= std::abs(obs) - tol;
      } while (std::next_permutation(p.begin(), p.end()));
      EXPECT_DOUBLE_EQ(r.null[j].p_greater_equal, above / 120) << "term " << j;
      EXPECT_DOUBLE_EQ(r.null[j].p_less_equal, below / 120) << "term " << j;
      EXPECT_DOUBLE_EQ(r.null[j].p_absolute, farther / 120) << "term " << j;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(DirectedAndUndirected, Mrqap, ::testing::Bool());

TEST(MrqapRefusals, CollinearOrEmptyTermsAreRefusedNamingThePredictors) {
  const cp::dyad_matrix y = random_matrix(6, 0.4, true, false, 1);
  const cp::dyad_matrix a = random_matrix(6, 0.4, false, false, 2);
  cp::dyad_matrix twice = a;
  for (double& v : twice.values) v *= 2;
  const cp::dyad_matrix empty{6, std::vector<double>(36, 0.0)};
  cp::dyad_matrix full{6, std::vector<double>(36, 1.0)};  // constant: the intercept again
  const auto where = [&](std::vector<cp::dyad_matrix> x) -> std::string {
    try {
      cp::mrqap(y, x, true, {}, draws(10, 1));
    } catch (const cp::input_error& e) {
      return e.where();
    }
    return "accepted";
  };
  EXPECT_EQ(where({a, twice}), "predictor_layers");
  EXPECT_EQ(where({a, empty}), "predictor_layers");
  EXPECT_EQ(where({full}), "predictor_layers");
  EXPECT_EQ(where({a}), "accepted");
  EXPECT_EQ(where({}), "x");
  EXPECT_EQ(where({random_matrix(5, 0.4, false, false, 2)}), "x");
}

// The example partnership: do those who trust each other also inform each other?
TEST(QapExample, TrustAndInformingInTheTwamPartnership) {
  const cp::Network net = example("twam_partners_2013");
  const cp::qap_result r = cp::qap_test(net, cp::layer{{"trusts"}, {}}, cp::layer{{"informs"}, {}},
                                        {}, draws(200, 2));
  const cp::layer layers[] = {cp::layer{{"trusts"}, {}}, cp::layer{{"informs"}, {}}};
  const cp::layer_matrices m = cp::matrices_of(net, layers, {});
  const auto id = identity(m.vertices.size());
  EXPECT_NEAR(r.null.observed,
              pearson(dyad_vector(m.matrices[0], true, id), dyad_vector(m.matrices[1], true, id)),
              1e-12);
  EXPECT_EQ(r.null.valid, 200u);
}
