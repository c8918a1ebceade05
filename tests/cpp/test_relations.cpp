// Relationship-structure measures (reciprocity, Krackhardt's dimensions, E-I index,
// Gould-Fernandez brokerage, Burt's constraint and effective size) against hand computations
// on small graphs, Krackhardt's (1994) out-tree, and brute-force definitions on random graphs.

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "coproduction/detail/layer_graph.hpp"
#include "coproduction/metrics/brokerage.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/hierarchy.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/network.hpp"
#include "graphs.hpp"

namespace cp = coproduction;

namespace {

using test_graphs::build;
using test_graphs::dgraph;
using test_graphs::edge;
using test_graphs::ugraph;
using test_graphs::weight_property;

constexpr double tol = 1e-12;

bool is_nan(double x) { return std::isnan(x); }

// A group code per vertex, as a property map over vertex descriptors.
auto codes(const std::vector<int>& c) {
  return boost::make_function_property_map<std::size_t, int>(
      [&c](std::size_t v) { return c[v]; });
}

// ---------------------------------------------------------------------------------------
// Reciprocity

// 0 <-> 1, 1 -> 2, 2 -> 3 on four vertices.
const std::vector<edge> small_digraph = {{0, 1}, {1, 0}, {1, 2}, {2, 3}};

TEST(Reciprocity, DyadCensusByHand) {
  const auto g = build<dgraph>(4, small_digraph);
  // Pairs: {0,1} mutual; {1,2}, {2,3} asymmetric; {0,2}, {0,3}, {1,3} null: 1 + 2 + 3 = 6.
  const cp::dyad_census c = cp::count_dyads(g, get(boost::vertex_index, g));
  EXPECT_EQ(c, (cp::dyad_census{1, 2, 3}));
}

TEST(Reciprocity, EveryMeasureByHand) {
  const auto g = build<dgraph>(4, small_digraph);
  const auto index = get(boost::vertex_index, g);
  using m = cp::reciprocity_measure;
  // M = 1, A = 2, N = 3.
  EXPECT_NEAR(cp::reciprocity(g, index), 2.0 / 4.0, tol);                   // 2M / (2M + A)
  EXPECT_NEAR(cp::reciprocity(g, index, m::dyadic), 4.0 / 6.0, tol);        // (M + N) / 6
  EXPECT_NEAR(cp::reciprocity(g, index, m::dyadic_nonnull), 1.0 / 3.0, tol);  // M / (M + A)
  // log(M (M + A + N) / (M + A/2)^2) = log(1 * 6 / 4)
  EXPECT_NEAR(cp::reciprocity(g, index, m::edgewise_lrr), std::log(1.5), tol);
}

TEST(Reciprocity, UndefinedWithoutTies) {
  const auto g = build<dgraph>(3, {});
  const auto index = get(boost::vertex_index, g);
  EXPECT_EQ(cp::count_dyads(g, index), (cp::dyad_census{0, 0, 3}));
  EXPECT_TRUE(is_nan(cp::reciprocity(g, index)));
  EXPECT_NEAR(cp::reciprocity(g, index, cp::reciprocity_measure::dyadic), 1.0, tol);  // 3 / 3
}

TEST(Reciprocity, VertexShareOfReturnedTies) {
  const auto g = build<dgraph>(5, small_digraph);
  const auto r = cp::vertex_reciprocity(g, get(boost::vertex_index, g));
  ASSERT_EQ(r.size(), 5u);
  EXPECT_NEAR(r[0], 1.0, tol);        // out {1}, in {1}: 2 * 1 / 2
  EXPECT_NEAR(r[1], 2.0 / 3.0, tol);  // out {0, 2}, in {0}: 2 * 1 / 3
  EXPECT_NEAR(r[2], 0.0, tol);        // out {3}, in {1}
  EXPECT_NEAR(r[3], 0.0, tol);        // in {2}
  EXPECT_TRUE(is_nan(r[4]));          // no tie
}

TEST(Reciprocity, ParallelEdgesAndSelfLoopsCollapse) {
  // 0 -> 1 three times, 1 -> 0 once, a self-loop at 2: one mutual pair, as the simple graph.
  const auto g = build<dgraph>(3, {{0, 1}, {0, 1}, {0, 1}, {1, 0}, {2, 2}});
  EXPECT_EQ(cp::count_dyads(g, get(boost::vertex_index, g)), (cp::dyad_census{1, 0, 2}));
}

TEST(Reciprocity, FilteredGraphIsTheSmallerGraph) {
  // Hiding vertex 1 of the small digraph leaves 2 -> 3 on vertices {0, 2, 3}.
  const auto g = build<dgraph>(4, small_digraph);
  const auto shown = [](std::size_t v) { return v != 1; };
  boost::filtered_graph<dgraph, boost::keep_all, std::function<bool(std::size_t)>> view(
      g, boost::keep_all{}, shown);
  const auto index = get(boost::vertex_index, g);
  EXPECT_EQ(cp::count_dyads(view, index), (cp::dyad_census{0, 1, 2}));
  const auto r = cp::vertex_reciprocity(view, index);
  EXPECT_TRUE(is_nan(r[0]));  // no tie left
  EXPECT_TRUE(is_nan(r[1]));  // hidden
  EXPECT_NEAR(r[2], 0.0, tol);
}

// A partnership with parallel relations of different types between the same pair.
cp::Network partnership() {
  cp::Network net;
  const auto add = [&](const std::string& id, const std::string& role, const std::string& sector) {
    cp::Stakeholder s;
    s.id = id;
    s.role = role;
    s.sector = sector;
    net.add_stakeholder(s);
  };
  add("curator", "museum_staff", "museum");
  add("outreach", "museum_staff", "museum");
  add("support_worker", "front_line_staff", "health");
  add("womens_group", "service_user", "community");
  add("commissioner", "commissioner", "health");
  const auto rel = [&](const std::string& s, const std::string& t, const std::string& type,
                       double w) {
    cp::Relation r;
    r.source = s;
    r.target = t;
    r.type = type;
    r.weight = w;
    net.add_relation(r);
  };
  rel("outreach", "womens_group", "informs", 1);
  rel("outreach", "womens_group", "consults", 2);  // parallel to informs
  rel("womens_group", "outreach", "learns_from", 1);
  rel("outreach", "womens_group", "learns_from", 1);
  rel("support_worker", "womens_group", "refers", 1);
  rel("womens_group", "support_worker", "trusts", 3);
  rel("curator", "outreach", "manages", 1);
  rel("commissioner", "support_worker", "funds", 2);
  return net;
}

TEST(Reciprocity, PerRelationTypeOnTheNetworkModel) {
  const cp::Network net = partnership();
  const auto& g = net.graph();
  const auto index = get(boost::vertex_index, g);
  // Simple graph: outreach <-> womens_group (informs, consults, learns_from both ways),
  // support_worker <-> womens_group (refers, trusts), curator -> outreach, commissioner ->
  // support_worker: M = 2, A = 2, N = 10 - 4 = 6.
  EXPECT_EQ(cp::count_dyads(g, index), (cp::dyad_census{2, 2, 6}));
  const auto by_type = cp::count_dyads_by(g, index, get(&cp::Relation::type, g));
  ASSERT_EQ(by_type.size(), 7u);
  // learns_from runs both ways: two-way learning (National Museums Liverpool, Co-production Framework).
  EXPECT_EQ(by_type.at("learns_from"), (cp::dyad_census{1, 0, 9}));
  EXPECT_EQ(by_type.at("informs"), (cp::dyad_census{0, 1, 9}));
  EXPECT_EQ(by_type.at("trusts"), (cp::dyad_census{0, 1, 9}));
  EXPECT_EQ(by_type.at("funds"), (cp::dyad_census{0, 1, 9}));
}

TEST(Reciprocity, PerTypeCodeOnEdgeArrays) {
  // Code 0: 0 <-> 1 (mutual); code 1: 0 -> 2 twice (one tie); code 2: 2 -> 0 and a
  // self-loop. A tie answered by a tie of another code (0 -> 2 by 2 -> 0) is not mutual.
  const std::vector<std::int64_t> s = {0, 1, 0, 2, 0, 1}, t = {1, 0, 2, 0, 2, 1};
  const std::vector<std::int64_t> code = {0, 0, 1, 2, 1, 2};
  const auto census = cp::detail::structure::count_dyads_by_code<std::int64_t, std::int64_t>(
      3, s, t, code, 4);
  ASSERT_EQ(census.size(), 4u);
  EXPECT_EQ(census[0], (cp::dyad_census{1, 0, 2}));
  EXPECT_EQ(census[1], (cp::dyad_census{0, 1, 2}));
  EXPECT_EQ(census[2], (cp::dyad_census{0, 1, 2}));
  EXPECT_EQ(census[3], (cp::dyad_census{0, 0, 3}));  // a code no edge has: every pair null
  const std::vector<std::int64_t> bad = {0, 0, 1, 4, 1, 2};
  try {
    (void)cp::detail::structure::count_dyads_by_code<std::int64_t, std::int64_t>(3, s, t, bad, 4);
    ADD_FAILURE() << "a code outside [0, 4) was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "types");
    EXPECT_EQ(e.detail(), "edge 3 has type code 4, outside [0, 4)");
  }
  const auto by_code = [&](const std::vector<std::int64_t>& codes) {
    return cp::detail::structure::count_dyads_by_code<std::int64_t, std::int64_t>(3, s, t,
                                                                                  codes, 4);
  };
  try {
    (void)by_code({0});
    ADD_FAILURE() << "one code for six edges was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "types");
    EXPECT_EQ(e.detail(), "has 1 entries but there are 6 edges");
  }
}

// ---------------------------------------------------------------------------------------
// Krackhardt's dimensions

void expect_scores(const cp::krackhardt_scores& s, double c, double h, double e, double l) {
  const auto same = [](double got, double want) {
    return std::isnan(want) ? std::isnan(got) : std::abs(got - want) <= tol;
  };
  EXPECT_TRUE(same(s.connectedness, c)) << s.connectedness << " vs " << c;
  EXPECT_TRUE(same(s.hierarchy, h)) << s.hierarchy << " vs " << h;
  EXPECT_TRUE(same(s.efficiency, e)) << s.efficiency << " vs " << e;
  EXPECT_TRUE(same(s.least_upper_boundedness, l)) << s.least_upper_boundedness << " vs " << l;
}

template <class Graph>
cp::krackhardt_scores dims(const Graph& g) {
  return cp::krackhardt_dimensions(g, get(boost::vertex_index, g));
}

TEST(Krackhardt, OutTreeScoresOneOnEveryDimension) {
  // Krackhardt (1994): an out-tree (a formal chain of command) scores 1 on all four.
  const auto g = build<dgraph>(7, {{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 5}, {2, 6}});
  expect_scores(dims(g), 1, 1, 1, 1);
  const auto index = get(boost::vertex_index, g);
  EXPECT_NEAR(cp::connectedness(g, index), 1, tol);
  EXPECT_NEAR(cp::krackhardt_hierarchy(g, index), 1, tol);
  EXPECT_NEAR(cp::krackhardt_efficiency(g, index), 1, tol);
  EXPECT_NEAR(cp::least_upper_boundedness(g, index), 1, tol);
}

TEST(Krackhardt, CompleteMutualDigraph) {
  std::vector<edge> e;
  for (int u = 0; u < 4; ++u)
    for (int v = 0; v < 4; ++v)
      if (u != v) e.push_back({u, v});
  // Every pair reaches each other: hierarchy 0. 12 arcs, 3 needed, (4 - 1)^2 = 9 of room:
  // efficiency 1 - 9 / 9 = 0. Every vertex is everyone's upper bound: LUB 1.
  expect_scores(dims(build<dgraph>(4, e)), 1, 0, 0, 1);
}

TEST(Krackhardt, InStarHasNoCommonSuperiors) {
  // 1, 2, 3 -> 0: nobody reaches two leaves, so the 3 leaf pairs have no upper bound;
  // (leaf, 0) has the leaf. V = 3 of (4 - 1)(4 - 2) / 2 = 3: LUB 0. 3 arcs = N - 1: efficiency 1.
  expect_scores(dims(build<dgraph>(4, {{1, 0}, {2, 0}, {3, 0}})), 1, 1, 1, 0);
}

TEST(Krackhardt, CycleWithATail) {
  // 0 -> 1 -> 2 -> 0 and 2 -> 3. Reachability: 3 mutual pairs inside the cycle, 3 one-way
  // pairs (x, 3): hierarchy 1 - 3 / 6 = 0.5. 4 arcs, 3 needed, room 9: efficiency 8 / 9.
  // Every pair's upper bounds include a cycle vertex that all of them reach: LUB 1.
  expect_scores(dims(build<dgraph>(4, {{0, 1}, {1, 2}, {2, 0}, {2, 3}})), 1, 0.5, 8.0 / 9.0, 1);
}

TEST(Krackhardt, LeastUpperBoundIsTheLowestCommonSuperior) {
  // 0 -> 2, 1 -> 2, 2 -> 3, 2 -> 4: two tops over one middle manager. The pair (0, 1) has no
  // upper bound; every other pair has one that all its upper bounds reach (for (3, 4) the
  // upper bounds are {0, 1, 2} and 2 is reached by 0 and 1). V = 1 of 4 * 3 / 2 = 6.
  // Connectedness 1; hierarchy 1 (no cycle); 4 arcs = N - 1: efficiency 1.
  expect_scores(dims(build<dgraph>(5, {{0, 2}, {1, 2}, {2, 3}, {2, 4}})), 1, 1, 1, 5.0 / 6.0);
}

TEST(Krackhardt, DisconnectedGraph) {
  // 0 -> 1, 2 -> 3, 4 alone. Connected pairs 2 of C(5, 2) = 10. Reachable pairs all one-way.
  // Components 2, 2, 1: 2 arcs needed, 2 present, room 1 + 1 + 0: efficiency 1. No component
  // of three: LUB undefined.
  expect_scores(dims(build<dgraph>(5, {{0, 1}, {2, 3}})), 0.2, 1, 1,
                std::numeric_limits<double>::quiet_NaN());
}

TEST(Krackhardt, UndefinedCases) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  expect_scores(dims(build<dgraph>(0, {})), nan, nan, nan, nan);
  // One vertex: no pair. Three isolates: no tie (hierarchy), no room (efficiency: components
  // of one vertex), no component of three (LUB).
  expect_scores(dims(build<dgraph>(1, {})), nan, nan, nan, nan);
  expect_scores(dims(build<dgraph>(3, {})), 0, nan, nan, nan);
}

TEST(Krackhardt, UndirectedGraphs) {
  // Path 0 - 1 - 2: every tie runs both ways (hierarchy 0); 2 edges = N - 1 (efficiency 1);
  // everyone reaches everyone (LUB 1).
  expect_scores(dims(build<ugraph>(3, {{0, 1}, {1, 2}})), 1, 0, 1, 1);
  // Triangle: one edge more than a tree, of (3 - 1)(3 - 2) / 2 = 1 possible: efficiency 0.
  expect_scores(dims(build<ugraph>(3, {{0, 1}, {1, 2}, {2, 0}})), 1, 0, 0, 1);
}

// Brute force from the definitions, on the vertex level: reachability by Floyd-Warshall.
struct brute_krackhardt {
  int n;
  std::vector<std::vector<char>> adj, reach;  // reach is reflexive

  brute_krackhardt(int n_, const std::vector<edge>& edges) : n(n_) {
    adj.assign(n, std::vector<char>(n, 0));
    for (const edge& e : edges)
      if (e.s != e.t) adj[e.s][e.t] = 1;
    reach = adj;
    for (int v = 0; v < n; ++v) reach[v][v] = 1;
    for (int k = 0; k < n; ++k)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
          if (reach[i][k] && reach[k][j]) reach[i][j] = 1;
  }
  std::vector<int> weak() const {
    std::vector<int> comp(n, -1);
    int c = 0;
    for (int s = 0; s < n; ++s) {
      if (comp[s] >= 0) continue;
      std::vector<int> todo{s};
      comp[s] = c;
      while (!todo.empty()) {
        int v = todo.back();
        todo.pop_back();
        for (int w = 0; w < n; ++w)
          if ((adj[v][w] || adj[w][v]) && comp[w] < 0) {
            comp[w] = c;
            todo.push_back(w);
          }
      }
      ++c;
    }
    return comp;
  }
  double hierarchy() const {
    double mutual = 0, one_way = 0;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        if (reach[i][j] && reach[j][i]) mutual += 1;
        else if (reach[i][j] || reach[j][i]) one_way += 1;
      }
    return mutual + one_way == 0 ? std::nan("") : one_way / (mutual + one_way);
  }
  double lub() const {
    const auto comp = weak();
    std::vector<int> size(n, 0);
    for (int v = 0; v < n; ++v) ++size[comp[v]];
    double room = 0, violations = 0;
    for (int c = 0; c < n; ++c)
      if (size[c] >= 3) room += (size[c] - 1.0) * (size[c] - 2.0) / 2;
    for (int i = 0; i < n; ++i)
      for (int j = i + 1; j < n; ++j) {
        if (comp[i] != comp[j] || size[comp[i]] < 3) continue;
        std::vector<int> bounds;
        for (int k = 0; k < n; ++k)
          if (reach[k][i] && reach[k][j]) bounds.push_back(k);
        bool least = false;
        for (int l : bounds) {
          bool all = true;
          for (int k : bounds) all = all && reach[k][l];
          least = least || all;
        }
        if (!least) violations += 1;
      }
    return room == 0 ? std::nan("") : 1 - violations / room;
  }
};

TEST(Krackhardt, MatchesTheDefinitionsOnRandomDigraphs) {
  std::mt19937 rng(20240611);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 11);
    const double p = std::uniform_real_distribution<double>(0.05, 0.5)(rng);
    std::vector<edge> edges;
    for (int u = 0; u < n; ++u)
      for (int v = 0; v < n; ++v)
        if (u != v && std::uniform_real_distribution<double>(0, 1)(rng) < p)
          edges.push_back({u, v});
    const auto g = build<dgraph>(n, edges);
    const cp::krackhardt_scores s = dims(g);
    const brute_krackhardt b(n, edges);
    const double h = b.hierarchy(), l = b.lub();
    if (std::isnan(h)) EXPECT_TRUE(std::isnan(s.hierarchy));
    else EXPECT_NEAR(s.hierarchy, h, tol) << "trial " << trial;
    if (std::isnan(l)) EXPECT_TRUE(std::isnan(s.least_upper_boundedness));
    else EXPECT_NEAR(s.least_upper_boundedness, l, tol) << "trial " << trial;
    for (double x : {s.connectedness, s.hierarchy, s.efficiency, s.least_upper_boundedness})
      if (!std::isnan(x)) {
        EXPECT_GE(x, 0.0);
        EXPECT_LE(x, 1.0);
      }
  }
}

TEST(Krackhardt, LongChainNeedsNoRecursion) {
  // A path of 200,000 vertices would overflow a recursive depth-first search.
  const int n = 200000;
  std::vector<edge> e;
  for (int v = 0; v + 1 < n; ++v) e.push_back({v, v + 1});
  const auto g = build<dgraph>(n, e);
  const auto index = get(boost::vertex_index, g);
  EXPECT_NEAR(cp::connectedness(g, index), 1, tol);
  EXPECT_NEAR(cp::krackhardt_efficiency(g, index), 1, tol);
  // 200,000 strong components: beyond the reachability limit, refused with a message.
  EXPECT_THROW(cp::krackhardt_hierarchy(g, index), cp::input_error);
}

// ---------------------------------------------------------------------------------------
// E-I index

// Groups A = {0, 1, 2}, B = {3, 4}, C = {5}; arcs 0 <-> 1, 1 -> 2, 2 -> 3, 3 -> 4, 4 -> 5,
// 5 -> 0.
const std::vector<int> ei_groups = {0, 0, 0, 1, 1, 2};
const std::vector<edge> ei_edges = {{0, 1}, {1, 0}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 0}};

TEST(EiIndex, WholeNetworkGroupsAndVerticesByHand) {
  const auto g = build<dgraph>(6, ei_edges);
  const auto r = cp::ei_index(g, get(boost::vertex_index, g), codes(ei_groups));
  // Inside: 0->1, 1->0, 1->2, 3->4 (I = 4); across: 2->3, 4->5, 5->0 (E = 3).
  EXPECT_EQ(r.network.internal, 4);
  EXPECT_EQ(r.network.external, 3);
  EXPECT_NEAR(r.network.index, -1.0 / 7.0, tol);
  // Complete digraph: 3*2 + 2*1 + 0 = 8 arcs inside of 30, 22 across: (22 - 8) / 30.
  EXPECT_NEAR(r.network.expected, 14.0 / 30.0, tol);

  ASSERT_EQ(r.groups, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(r.group_size, (std::vector<std::uint64_t>{3, 2, 1}));
  // A: inside 3; across 2->3 (sent) and 5->0 (received): (2 - 3) / 5. Expected: inside
  // 3 * 2 = 6, across 2 * 3 * 3 = 18 (both directions): (18 - 6) / 24.
  EXPECT_NEAR(r.group[0].index, -0.2, tol);
  EXPECT_NEAR(r.group[0].expected, 0.5, tol);
  // B: inside 3->4; across 2->3, 4->5: (2 - 1) / 3. C: across 4->5, 5->0 only: 1.
  EXPECT_NEAR(r.group[1].index, 1.0 / 3.0, tol);
  EXPECT_NEAR(r.group[2].index, 1.0, tol);
  EXPECT_NEAR(r.group[2].expected, 1.0, tol);

  // Vertex 0: 0->1 and 1->0 inside, 5->0 across: (1 - 2) / 3; expected (6 - 3 - 2) / 5.
  EXPECT_NEAR(r.vertex[0].index, -1.0 / 3.0, tol);
  EXPECT_NEAR(r.vertex[0].expected, 0.2, tol);
  // Vertex 2: 1->2 inside, 2->3 across: 0.
  EXPECT_NEAR(r.vertex[2].index, 0.0, tol);
  EXPECT_NEAR(r.vertex[5].index, 1.0, tol);
}

TEST(EiIndex, SentAndReceivedTies) {
  const auto g = build<dgraph>(6, ei_edges);
  const auto index = get(boost::vertex_index, g);
  const auto out = cp::ei_index(g, index, codes(ei_groups), cp::tie_direction::out);
  const auto in = cp::ei_index(g, index, codes(ei_groups), cp::tie_direction::in);
  // A sends 2->3 across and 3 inside: (1 - 3) / 4; receives 5->0 across: (1 - 3) / 4.
  EXPECT_NEAR(out.group[0].index, -0.5, tol);
  EXPECT_NEAR(in.group[0].index, -0.5, tol);
  // Expected for sent ties only: inside 6, across 3 * 3 = 9: (9 - 6) / 15.
  EXPECT_NEAR(out.group[0].expected, 0.2, tol);
  // B sends 3->4 inside, 4->5 across: 0; receives 3->4 inside, 2->3 across: 0.
  EXPECT_NEAR(out.group[1].index, 0.0, tol);
  EXPECT_NEAR(in.group[1].index, 0.0, tol);
  // Vertex 0 sends 0->1 inside: -1; receives 1->0 inside and 5->0 across: 0.
  EXPECT_NEAR(out.vertex[0].index, -1.0, tol);
  EXPECT_NEAR(in.vertex[0].index, 0.0, tol);
  // The whole-network index counts each tie once whatever the direction asked.
  EXPECT_NEAR(out.network.index, -1.0 / 7.0, tol);
}

TEST(EiIndex, WeightedTies) {
  std::vector<edge> e = ei_edges;
  e[3].w = 3;  // 2 -> 3 weighs 3
  const auto g = build<dgraph>(6, e);
  const auto r = cp::ei_index(g, get(boost::vertex_index, g), codes(ei_groups),
                              get(boost::edge_weight, g));
  // E = 3 + 1 + 1 = 5, I = 4: 1 / 9.
  EXPECT_NEAR(r.network.index, 1.0 / 9.0, tol);
  // A: across 3 (2->3) + 1 (5->0), inside 3: 1 / 7.
  EXPECT_NEAR(r.group[0].index, 1.0 / 7.0, tol);
}

TEST(EiIndex, UndirectedGraphCountsEachEdgeOnce) {
  // As undirected, 0-1 twice is one edge: inside {0,1}, {1,2}, {3,4}; across {2,3}, {4,5},
  // {5,0}: 0 for the network; A has 2 inside and 2 across.
  const auto g = build<ugraph>(6, ei_edges);
  const auto r = cp::ei_index(g, get(boost::vertex_index, g), codes(ei_groups));
  EXPECT_EQ(r.network.internal, 3);
  EXPECT_EQ(r.network.external, 3);
  EXPECT_NEAR(r.group[0].index, 0.0, tol);
  // Expected for A: inside 3 pairs, across 3 * 3 = 9 pairs: (9 - 3) / 12, as for a digraph.
  EXPECT_NEAR(r.group[0].expected, 0.5, tol);
  EXPECT_NEAR(r.vertex[1].index, -1.0, tol);  // 1 - 0 and 1 - 2, both inside
}

TEST(EiIndex, IsolateAndHiddenVertex) {
  const auto g = build<dgraph>(3, {{0, 1}});
  const auto shown = [](std::size_t v) { return v != 1; };
  boost::filtered_graph<dgraph, boost::keep_all, std::function<bool(std::size_t)>> view(
      g, boost::keep_all{}, shown);
  const std::vector<int> groups = {7, 7, 9};
  const auto r = cp::ei_index(view, get(boost::vertex_index, g), codes(groups));
  EXPECT_TRUE(is_nan(r.network.index));  // no tie left
  EXPECT_TRUE(is_nan(r.vertex[0].index));
  EXPECT_TRUE(is_nan(r.vertex[1].internal));  // hidden
  // Groups in order of first appearance among shown vertices: 7 (vertex 0), 9 (vertex 2).
  EXPECT_EQ(r.groups, (std::vector<int>{7, 9}));
  EXPECT_EQ(r.group_size, (std::vector<std::uint64_t>{1, 1}));
}

TEST(EiIndex, OnTheNetworkModelBySector) {
  const cp::Network net = partnership();
  const auto& g = net.graph();
  const auto strength = boost::make_transform_value_property_map(
      [](const cp::Relation& r) { return r.strength(); }, get(boost::edge_bundle, g));
  const auto r = cp::ei_index(g, get(boost::vertex_index, g), get(&cp::Stakeholder::sector, g),
                              strength);
  // Sectors by first appearance: museum (curator, outreach), health (support_worker,
  // commissioner), community (womens_group).
  ASSERT_EQ(r.groups, (std::vector<std::string>{"museum", "health", "community"}));
  // Simple graph weights: outreach->womens_group 1 + 2 + 1 = 4, womens_group->outreach 1,
  // support_worker->womens_group 1, womens_group->support_worker 3 (all across, 9);
  // curator->outreach 1 and commissioner->support_worker 2 (inside, 3): (9 - 3) / 12.
  EXPECT_NEAR(r.network.external, 9, tol);
  EXPECT_NEAR(r.network.internal, 3, tol);
  EXPECT_NEAR(r.network.index, 0.5, tol);
}

// ---------------------------------------------------------------------------------------
// Gould-Fernandez brokerage

// Groups A = {0, 1, 5}, B = {2, 3}, C = {4}.
const std::vector<int> gf_groups = {0, 0, 1, 1, 2, 0};
const std::vector<edge> gf_edges = {{0, 1}, {1, 5}, {5, 1}, {1, 2},
                                    {4, 2}, {2, 3}, {3, 4}, {2, 4}};

TEST(Brokerage, RolesByHand) {
  const auto g = build<dgraph>(6, gf_edges);
  const auto r = cp::brokerage(g, get(boost::vertex_index, g), codes(gf_groups));
  using R = cp::brokerage_role;
  const auto obs = [&](std::size_t v, R role) {
    return r.vertex[v].observed[static_cast<std::size_t>(role)];
  };
  // Broker 1 (A): in {0, 5}, out {5, 2}. 0->1->5 (A A A, no 0->5): coordinator;
  // 0->1->2 and 5->1->2 (A A B): representative twice.
  EXPECT_EQ(obs(1, R::coordinator), 1);
  EXPECT_EQ(obs(1, R::representative), 2);
  EXPECT_EQ(obs(1, R::total), 3);
  // Broker 2 (B): in {1, 4}, out {3, 4}. 1->2->3 (A B B) and 4->2->3 (C B B): gatekeeper;
  // 1->2->4 (A B C): liaison.
  EXPECT_EQ(obs(2, R::gatekeeper), 2);
  EXPECT_EQ(obs(2, R::liaison), 1);
  // Broker 3: 2->3->4 is closed by 2->4. Broker 4 (C): 3->4->2 (B C B): itinerant.
  EXPECT_EQ(obs(3, R::total), 0);
  EXPECT_EQ(obs(4, R::itinerant), 1);
  EXPECT_EQ(obs(4, R::total), 1);
  EXPECT_EQ(r.network.observed, (cp::role_table{1, 1, 2, 2, 1, 7}));

  // Density 8 / (6 * 5). For a broker in A (n_A = 3): E[coordinator] = d^2 (1 - d) * 2 * 1,
  // Var = E (1 - d^2 (1 - d)) + 2 * 2 * 1 * 0 * d^3 (1 - d)^3.
  const double d = 8.0 / 30.0, p = d * d * (1 - d);
  EXPECT_NEAR(r.density, d, tol);
  const auto& s1 = r.vertex[1];
  const auto c = static_cast<std::size_t>(R::coordinator);
  EXPECT_NEAR(s1.expected[c], 2 * p, tol);
  EXPECT_NEAR(s1.sd[c], std::sqrt(2 * p * (1 - p)), tol);
  EXPECT_NEAR(s1.z[c], (1 - 2 * p) / std::sqrt(2 * p * (1 - p)), 1e-10);
  // Representative for A: pairs (own group other than v) x (outside) = 2 * 3 = 6, so
  // E = 6p; Var = 6p(1 - p) + 2 ((n_A - 1) C(3, 2) + 3 C(2, 2)) q, q = d^3 (1 - d)^3.
  const double q = std::pow(d, 3) * std::pow(1 - d, 3);
  const auto rep = static_cast<std::size_t>(R::representative);
  EXPECT_NEAR(s1.expected[rep], 6 * p, tol);
  EXPECT_NEAR(s1.sd[rep], std::sqrt(6 * p * (1 - p) + 2 * (2 * 3 + 3 * 1) * q), tol);
  // Total for any broker: (N - 1)(N - 2) = 20 ordered pairs; Var adds 2 * 5 * 4 * 3 q.
  const auto tot = static_cast<std::size_t>(R::total);
  EXPECT_NEAR(r.vertex[4].expected[tot], 20 * p, tol);
  EXPECT_NEAR(r.vertex[4].sd[tot], std::sqrt(20 * p * (1 - p) + 120 * q), tol);
  // A broker alone in its group (C) cannot coordinate: expected 0, sd 0, z = 0 / 0.
  EXPECT_EQ(r.vertex[4].expected[c], 0);
  EXPECT_TRUE(is_nan(r.vertex[4].z[c]));
  // Network total: p * N (N - 1)(N - 2) = 120 p.
  EXPECT_NEAR(r.network.expected[tot], 120 * p, tol);
}

TEST(Brokerage, OnTheNetworkModelByRole) {
  const cp::Network net = partnership();
  const auto& g = net.graph();
  const auto r = cp::brokerage(g, get(boost::vertex_index, g), get(&cp::Stakeholder::role, g));
  using R = cp::brokerage_role;
  const auto at = [](R role) { return static_cast<std::size_t>(role); };
  const std::size_t worker = net.vertex("support_worker"), group = net.vertex("womens_group"),
                    outreach = net.vertex("outreach");
  // commissioner -> support_worker -> womens_group (three roles, no direct tie): liaison.
  EXPECT_EQ(r.vertex[worker].observed[at(R::liaison)], 1);
  EXPECT_EQ(r.vertex[worker].observed[at(R::total)], 1);
  // womens_group brokers outreach -> it -> support_worker and back (two different roles:
  // liaison both ways), and curator's line reaches it through outreach: curator -> outreach
  // -> womens_group is a representative two-path for outreach (museum_staff, museum_staff,
  // service_user).
  EXPECT_EQ(r.vertex[group].observed[at(R::liaison)], 2);
  EXPECT_EQ(r.vertex[outreach].observed[at(R::representative)], 1);
  // Parallel relations outreach -> womens_group count as one arc: 6 arcs on 5 vertices.
  EXPECT_NEAR(r.density, 6.0 / 20.0, tol);
}

// ---------------------------------------------------------------------------------------
// Density

TEST(Density, DistinctTiesOnTheNetworkModel) {
  // a -> b informs, a -> b trusts, b -> c informs: two distinct ordered pairs of the six
  // possible (NetworkX: density of the simple DiGraph {a->b, b->c} = 2 / (3 * 2)).
  cp::Network net;
  for (const char* id : {"a", "b", "c"}) net.add_stakeholder({.id = id});
  net.add_relation({.source = "a", .target = "b", .type = "informs"});
  net.add_relation({.source = "a", .target = "b", .type = "trusts"});
  net.add_relation({.source = "b", .target = "c", .type = "informs"});
  const auto directed = cp::detail::layer_graph_of(
      net, {}, false, cp::detail::graph_request::simple(true, false));
  EXPECT_DOUBLE_EQ(cp::detail::structure::density(directed.graph), 2.0 / 6.0);
  // Undirected: {a, b} and {b, c} of the three unordered pairs.
  const auto undirected = cp::detail::layer_graph_of(
      net, {}, false, cp::detail::graph_request::simple(false, false));
  EXPECT_DOUBLE_EQ(cp::detail::structure::density(undirected.graph), 2.0 / 3.0);
  // On the Boost view, the same.
  const auto& g = net.graph();
  EXPECT_DOUBLE_EQ(cp::density(g, get(boost::vertex_index, g)), 2.0 / 6.0);
  // One type: informs alone is a -> b, b -> c as well; trusts alone is one tie.
  const auto trusts = cp::detail::layer_graph_of(
      net, {.types = {"trusts"}}, false, cp::detail::graph_request::simple(true, false));
  EXPECT_DOUBLE_EQ(cp::detail::structure::density(trusts.graph), 1.0 / 6.0);
}

TEST(Density, SelfLoopsParallelEdgesAndSmallGraphs) {
  // 0 -> 1 three times, 1 -> 0, a self-loop at 2, 2 -> 3: ties 0->1, 1->0, 2->3 of 12.
  const auto d = build<dgraph>(4, {{0, 1}, {0, 1}, {0, 1}, {1, 0}, {2, 2}, {2, 3}});
  EXPECT_DOUBLE_EQ(cp::density(d, get(boost::vertex_index, d)), 3.0 / 12.0);
  // Undirected: {0, 1} and {2, 3} of six pairs.
  const auto u = build<ugraph>(4, {{0, 1}, {1, 0}, {2, 2}, {2, 3}});
  EXPECT_DOUBLE_EQ(cp::density(u, get(boost::vertex_index, u)), 2.0 / 6.0);
  // Complete digraph: 1.
  const auto k = build<dgraph>(3, {{0, 1}, {1, 0}, {0, 2}, {2, 0}, {1, 2}, {2, 1}});
  EXPECT_DOUBLE_EQ(cp::density(k, get(boost::vertex_index, k)), 1.0);
  // No pair can be tied below two vertices: undefined.
  const dgraph one(1), none(0);
  EXPECT_TRUE(is_nan(cp::density(one, get(boost::vertex_index, one))));
  EXPECT_TRUE(is_nan(cp::density(none, get(boost::vertex_index, none))));
  // A filtered view hiding vertex 3 is the graph on 0, 1, 2: ties 0->1, 1->0 of six.
  const auto shown = [](std::size_t v) { return v != 3; };
  const boost::filtered_graph<dgraph, boost::keep_all, decltype(shown)> f(d, {}, shown);
  EXPECT_DOUBLE_EQ(cp::density(f, get(boost::vertex_index, f)), 2.0 / 6.0);
}

TEST(Density, BrokerageUsesTheSameDensity) {
  const cp::Network net = partnership();
  const auto& g = net.graph();
  const auto index = get(boost::vertex_index, g);
  EXPECT_EQ(cp::brokerage(g, index, get(&cp::Stakeholder::role, g)).density,
            cp::density(g, index));
}

// ---------------------------------------------------------------------------------------
// Burt's constraint and effective size

// Star 0 - {1, 2, 3} with the edge 1 - 2.
const std::vector<edge> burt_edges = {{0, 1}, {0, 2}, {0, 3}, {1, 2}};

TEST(Burt, UnweightedUndirectedByHand) {
  const auto g = build<ugraph>(5, burt_edges);
  const auto index = get(boost::vertex_index, g);
  const auto c = cp::constraint(g, index);
  const auto e = cp::effective_size(g, index);
  // c_0: p = 1/3 each; j = 1: (1/3 + p_02 p_21)^2 = (1/3 + 1/3 * 1/2)^2 = 1/4; j = 2: 1/4;
  // j = 3: (1/3)^2 = 1/9. Sum 11/18.
  EXPECT_NEAR(c[0], 11.0 / 18.0, tol);
  // c_1: N = {0, 2}; j = 0: (1/2 + 1/2 * 1/2)^2 = 9/16; j = 2: (1/2 + 1/2 * 1/3)^2 = 4/9.
  EXPECT_NEAR(c[1], 9.0 / 16.0 + 4.0 / 9.0, tol);
  EXPECT_NEAR(c[3], 1.0, tol);  // a single contact
  EXPECT_TRUE(is_nan(c[4]));    // isolate
  // Borgatti: n - 2t/n. Vertex 0: 3 contacts, 1 tie among them: 3 - 2/3. Vertex 1: 2 - 2/2.
  EXPECT_NEAR(e[0], 3.0 - 2.0 / 3.0, tol);
  EXPECT_NEAR(e[1], 1.0, tol);
  EXPECT_NEAR(e[3], 1.0, tol);
  EXPECT_TRUE(is_nan(e[4]));
}

TEST(Burt, WeightedUndirectedByHand) {
  std::vector<edge> edges = burt_edges;
  edges[0].w = 2;  // 0 - 1 weighs 2
  const auto g = build<ugraph>(4, edges);
  const auto index = get(boost::vertex_index, g);
  const auto w = get(boost::edge_weight, g);
  // p_0 = (2, 1, 1) / 4; p_1 = (p_10, p_12) = (2/3, 1/3); p_2 = (1/2, 1/2).
  // c_0 = (1/2 + 1/4 * 1/2)^2 + (1/4 + 1/2 * 1/3)^2 + (1/4)^2 = 25/64 + 25/144 + 1/16 = 361/576.
  EXPECT_NEAR(cp::constraint(g, index, w)[0], 361.0 / 576.0, tol);
  // e_0: j = 1: m_12 = 1/2 (largest of 1 is 2): 1 - p_02 m_12 = 1 - 1/8; j = 2: m_21 = 1:
  // 1 - p_01 = 1/2; j = 3: 1. Sum 19/8.
  EXPECT_NEAR(cp::effective_size(g, index, w)[0], 19.0 / 8.0, tol);
}

TEST(Burt, DirectedTiesUseMutualWeights) {
  // 0 <-> 1, 0 -> 2, 2 -> 1, 3 -> 0: mutual weights 0-1: 2, 0-2: 1, 0-3: 1, 1-2: 1, the
  // weighted undirected graph above, so c_0 = 361/576. Vertex 3 (only an out-tie) has one
  // contact: constraint 1.
  const auto g = build<dgraph>(4, {{0, 1}, {1, 0}, {0, 2}, {2, 1}, {3, 0}});
  const auto c = cp::constraint(g, get(boost::vertex_index, g));
  EXPECT_NEAR(c[0], 361.0 / 576.0, tol);
  EXPECT_NEAR(c[3], 1.0, tol);
  // Vertex 1 has in-ties only from 2: still a contact of 2. N(1) = {0, 2}, weights 2, 1.
  // c_1 = (2/3 + 1/3 * p_20)^2 + (1/3 + 2/3 * p_02)^2 = (2/3 + 1/6)^2 + (1/3 + 1/6)^2
  //     = 25/36 + 1/4 = 17/18.
  EXPECT_NEAR(c[1], 17.0 / 18.0, tol);
}

TEST(Burt, ParallelRelationsAddTheirWeights) {
  // Two relations 0 -> 1 (weights 1 and 1) read as one tie of weight 2: the same as the
  // weighted graph with 0 - 1 weighing 2.
  const auto multi = build<ugraph>(4, {{0, 1}, {0, 1}, {0, 2}, {0, 3}, {1, 2}});
  std::vector<edge> edges = burt_edges;
  edges[0].w = 2;
  const auto single = build<ugraph>(4, edges);
  const auto cm =
      cp::constraint(multi, get(boost::vertex_index, multi), get(boost::edge_weight, multi));
  const auto cs =
      cp::constraint(single, get(boost::vertex_index, single), get(boost::edge_weight, single));
  for (int v = 0; v < 4; ++v) EXPECT_NEAR(cm[v], cs[v], tol);
  // Unweighted, the two relations are one tie: the unweighted star-with-edge values.
  EXPECT_NEAR(cp::constraint(multi, get(boost::vertex_index, multi))[0], 11.0 / 18.0, tol);
}

// ---------------------------------------------------------------------------------------
// Input errors

TEST(Errors, ArraysAreChecked) {
  const auto simple = [](const std::vector<std::int64_t>& s, const std::vector<std::int64_t>& t,
                         const std::vector<double>& w) {
    return cp::detail::make_compact_graph<std::int64_t>(
        3, s, t, w, cp::detail::graph_request::simple(true, !w.empty()));
  };
  const std::vector<std::int64_t> s = {0, 1}, t = {1, 2}, bad = {1, 5};
  const std::vector<double> w = {1, -1};
  EXPECT_THROW(simple(s, bad, {}), cp::input_error);
  EXPECT_THROW(simple(s, t, w), cp::input_error);
  EXPECT_THROW(simple(s, {1}, {}), cp::input_error);
  try {
    simple(s, t, w);
    ADD_FAILURE() << "a negative weight was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "weight");
  }
  const std::vector<std::int64_t> groups = {0, 3, 1};
  try {
    cp::detail::structure::check_codes<std::int64_t>(groups, 3, 2);
    ADD_FAILURE() << "a code outside [0, groups) was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "groups");
    EXPECT_EQ(e.detail(), "vertex 1 has group code 3, outside [0, 2)");
  }
}

TEST(Errors, WeightMapsAreChecked) {
  const auto g = build<ugraph>(3, {{0, 1, 1.0}, {1, 2, std::numeric_limits<double>::infinity()}});
  EXPECT_THROW(cp::constraint(g, get(boost::vertex_index, g), get(boost::edge_weight, g)),
               cp::input_error);
}

}  // namespace
