// The layouts (layout/fruchterman_reingold.hpp, layout/kamada_kawai.hpp) and what they share
// (detail/layout_packing.hpp): bit-identical positions for a seed, every vertex in the unit
// square, no two vertices on one point, a path drawn in order along the horizontal, a square
// drawn as a square, an orientation that does not turn with the input, isolates packed
// beside the core, and the memory guard of Kamada-Kawai; the quadtree repulsion of large
// components (detail/repulsion_tree.hpp) against the exact sum and by hand, and a large
// random graph drawn spread out.

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/layout_packing.hpp"
#include "coproduction/detail/repulsion_tree.hpp"
#include "coproduction/error.hpp"
#include "coproduction/layout/fruchterman_reingold.hpp"
#include "coproduction/layout/kamada_kawai.hpp"

namespace cp = coproduction;
using cp::point;
using cp::detail::compact_graph;

namespace {

compact_graph graph_of(std::size_t n, const std::vector<std::pair<int, int>>& edges,
                       bool directed = false) {
  std::vector<int> s, t;
  for (auto [a, b] : edges) s.push_back(a), t.push_back(b);
  cp::detail::graph_request req;
  req.directed = directed;
  return cp::detail::make_compact_graph<int>(n, s, t, {}, req);
}

// A path a[0] - a[1] - ... in the given vertex order.
compact_graph path_of(const std::vector<int>& a) {
  std::vector<std::pair<int, int>> e;
  for (std::size_t i = 0; i + 1 < a.size(); ++i) e.push_back({a[i], a[i + 1]});
  return graph_of(a.size(), e);
}

// A seeded sparse random graph (its own generator, so the test fixes its input).
compact_graph random_graph(std::size_t n, std::size_t m, std::uint64_t seed) {
  cp::detail::layout::random_stream r(seed);
  std::vector<std::pair<int, int>> e;
  for (std::size_t i = 0; i < m; ++i)
    e.push_back({static_cast<int>(r.next() % n), static_cast<int>(r.next() % n)});
  return graph_of(n, e);
}

// Three components of 6, 4 and 3 vertices (one directed cycle), and two isolates.
compact_graph mixed() {
  return graph_of(15, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}, {2, 5}, {6, 7}, {7, 8},
                       {8, 9}, {9, 6}, {10, 11}, {11, 12}, {12, 10}},
                  true);
}

bool same_bits(const std::vector<point>& a, const std::vector<point>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::bit_cast<std::uint64_t>(a[i].x) != std::bit_cast<std::uint64_t>(b[i].x) ||
        std::bit_cast<std::uint64_t>(a[i].y) != std::bit_cast<std::uint64_t>(b[i].y))
      return false;
  return true;
}

double closest_pair(const std::vector<point>& p) {
  double best = INFINITY;
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j)
      best = std::min(best, std::hypot(p[i].x - p[j].x, p[i].y - p[j].y));
  return best;
}

double dist(const point& a, const point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

enum class method { fr, kk };

std::vector<point> run(method m, const compact_graph& g, std::uint64_t seed = 0) {
  if (m == method::fr) {
    cp::fruchterman_reingold_options o;
    o.seed = seed;
    return cp::fruchterman_reingold(g, o);
  }
  cp::kamada_kawai_options o;
  o.seed = seed;
  return cp::kamada_kawai(g, o);
}

class both_layouts : public ::testing::TestWithParam<method> {};

}  // namespace

TEST_P(both_layouts, same_seed_gives_the_same_bits) {
  const compact_graph g = mixed();
  EXPECT_TRUE(same_bits(run(GetParam(), g, 7), run(GetParam(), g, 7)));
  const compact_graph r = random_graph(120, 200, 3);
  EXPECT_TRUE(same_bits(run(GetParam(), r, 11), run(GetParam(), r, 11)));
}

TEST_P(both_layouts, another_seed_gives_other_positions) {
  const compact_graph r = random_graph(60, 90, 5);
  EXPECT_FALSE(same_bits(run(GetParam(), r, 1), run(GetParam(), r, 2)));
}

TEST_P(both_layouts, every_vertex_in_the_square_inside_the_margin_and_apart) {
  for (const compact_graph& g : {mixed(), random_graph(80, 100, 9), path_of({0, 1})}) {
    const auto p = run(GetParam(), g);
    ASSERT_EQ(p.size(), g.n);
    double lx = 1, hx = 0, ly = 1, hy = 0;
    for (const point& q : p) {
      EXPECT_GE(q.x, 0.05 - 1e-12);
      EXPECT_LE(q.x, 0.95 + 1e-12);
      EXPECT_GE(q.y, 0.05 - 1e-12);
      EXPECT_LE(q.y, 0.95 + 1e-12);
      lx = std::min(lx, q.x), hx = std::max(hx, q.x), ly = std::min(ly, q.y), hy = std::max(hy, q.y);
    }
    // Scaled to fill the square along its longer side.
    EXPECT_NEAR(std::max(hx - lx, hy - ly), 0.9, 1e-9);
    EXPECT_GT(closest_pair(p), 1e-3);
  }
}

TEST_P(both_layouts, isolates_are_packed_beside_the_core) {
  // A 20-cycle and five isolates: the cycle must fill most of the picture, not shrink to a
  // dot while the isolates fly to the corners.
  std::vector<std::pair<int, int>> e;
  for (int i = 0; i < 20; ++i) e.push_back({i, (i + 1) % 20});
  const auto p = run(GetParam(), graph_of(25, e));
  double lx = 1, hx = 0;
  for (int i = 0; i < 20; ++i) lx = std::min(lx, p[i].x), hx = std::max(hx, p[i].x);
  EXPECT_GT(hx - lx, 0.5);
  for (int i = 20; i < 25; ++i) {
    EXPECT_GE(p[i].x, 0.05 - 1e-12);
    EXPECT_LE(p[i].y, 0.95 + 1e-12);
  }
}

TEST_P(both_layouts, empty_and_single_vertex) {
  EXPECT_TRUE(run(GetParam(), graph_of(0, {})).empty());
  const auto one = run(GetParam(), graph_of(1, {}));
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], (point{0.5, 0.5}));
}

INSTANTIATE_TEST_SUITE_P(layout, both_layouts, ::testing::Values(method::fr, method::kk));

TEST(kamada_kawai, path_is_drawn_in_order_left_to_right) {
  // Vertex 0 first along the path: the canonical orientation puts it on the left, so x
  // increases along the path and the path lies flat.
  const std::vector<int> order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  const auto p = cp::kamada_kawai(path_of(order));
  for (std::size_t i = 0; i + 1 < order.size(); ++i) EXPECT_LT(p[order[i]].x, p[order[i + 1]].x);
  // Nearly flat: within 1% of the picture's width of the horizontal axis.
  for (const point& q : p) EXPECT_NEAR(q.y, 0.5, 1e-2);
  // A path whose vertices are numbered out of order: still drawn in path order, with vertex
  // 0 left of the centre.
  const std::vector<int> scrambled = {4, 7, 1, 0, 9, 3, 8, 2, 6, 5};
  const auto q = cp::kamada_kawai(path_of(scrambled));
  EXPECT_LT(q[0].x, 0.5);
  const bool rising = q[scrambled[0]].x < q[scrambled[1]].x;
  for (std::size_t i = 0; i + 1 < scrambled.size(); ++i)
    EXPECT_EQ(q[scrambled[i]].x < q[scrambled[i + 1]].x, rising) << i;
}

TEST(kamada_kawai, square_is_drawn_as_a_square) {
  // A 4-cycle at its energy minimum: four equal sides and two diagonals sqrt(2) times as long
  // (a hand computation: every spring then has its natural length but the diagonals, which
  // pull and push equally).
  const auto p = cp::kamada_kawai(graph_of(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}));
  const double side = dist(p[0], p[1]);
  EXPECT_NEAR(dist(p[1], p[2]), side, 1e-4);
  EXPECT_NEAR(dist(p[2], p[3]), side, 1e-4);
  EXPECT_NEAR(dist(p[3], p[0]), side, 1e-4);
  EXPECT_NEAR(dist(p[0], p[2]) / side, std::sqrt(2.0), 1e-3);
  EXPECT_NEAR(dist(p[1], p[3]) / side, std::sqrt(2.0), 1e-3);
}

TEST(kamada_kawai, memory_guard_names_n_and_the_way_out) {
  cp::kamada_kawai_options o;
  o.max_bytes = 99 * 99 * 8;
  std::vector<int> a(100);
  for (int i = 0; i < 100; ++i) a[i] = i;
  try {
    cp::kamada_kawai(path_of(a), o);
    FAIL() << "no limit_exceeded";
  } catch (const cp::limit_exceeded& e) {
    EXPECT_EQ(e.where(), "n");
    EXPECT_EQ(e.unit(), "bytes");
    EXPECT_EQ(e.estimate(), 100u * 100u * 8u);
    EXPECT_EQ(e.limit(), 99u * 99u * 8u);
    EXPECT_NE(std::string(e.what()).find("n = 100"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("fruchterman_reingold"), std::string::npos);
  }
  // The limit is on the largest component: 100 isolates need no distances to speak of.
  EXPECT_EQ(cp::kamada_kawai(graph_of(100, {}), o).size(), 100u);
  // The default limit: 5,792 vertices fit in 256 MiB, 5,793 do not.
  EXPECT_LE(std::uint64_t{5792} * 5792 * 8, cp::kamada_kawai_max_bytes);
  EXPECT_GT(std::uint64_t{5793} * 5793 * 8, cp::kamada_kawai_max_bytes);
}

TEST(layout, options_out_of_range_are_refused) {
  const compact_graph g = mixed();
  cp::fruchterman_reingold_options fr;
  fr.margin = 0.5;
  EXPECT_THROW(cp::fruchterman_reingold(g, fr), cp::input_error);
  fr = {};
  fr.iterations = 0;
  EXPECT_THROW(cp::fruchterman_reingold(g, fr), cp::input_error);
  for (double theta : {0.0, -0.5, 1.5, std::nan("")}) {
    fr = {};
    fr.theta = theta;
    try {
      cp::fruchterman_reingold(g, fr);
      ADD_FAILURE() << "theta " << theta << " accepted";
    } catch (const cp::input_error& e) {
      EXPECT_EQ(e.where(), "theta");
    }
  }
  cp::kamada_kawai_options kk;
  kk.tolerance = 0;
  EXPECT_THROW(cp::kamada_kawai(g, kk), cp::input_error);
}

TEST(layout, stop_check_interrupts) {
  const compact_graph g = random_graph(50, 80, 1);
  EXPECT_THROW(cp::fruchterman_reingold(g, {}, [] { return true; }), cp::interrupted);
  EXPECT_THROW(cp::kamada_kawai(g, {}, [] { return true; }), cp::interrupted);
}

TEST(fruchterman_reingold, tree_variant_is_deterministic_and_draws_as_the_exact_sum) {
  // 1,500 vertices, 2,000 ties: the largest component is above `tree_above`, so its
  // repulsion goes through the quadtree.
  const compact_graph g = random_graph(1500, 2000, 4);
  ASSERT_GT(cp::detail::layout::components_of(g).front().size(), 1000u);
  cp::fruchterman_reingold_options o;
  o.iterations = 50;
  const auto a = cp::fruchterman_reingold(g, o), b = cp::fruchterman_reingold(g, o);
  EXPECT_TRUE(same_bits(a, b));
  for (const point& q : a) {
    EXPECT_GE(q.x, 0.0);
    EXPECT_LE(q.x, 1.0);
    EXPECT_GE(q.y, 0.0);
    EXPECT_LE(q.y, 1.0);
  }
  // The tree and the exact sum of repulsions give pictures of the same spread: the mean edge
  // length within 10% of each other.
  o.tree_above = 100000;
  const auto exact = cp::fruchterman_reingold(g, o);
  double la = 0, le = 0;
  for (std::uint32_t v = 0; v < g.n; ++v)
    for (std::uint32_t w : g.out.neighbours(v))
      la += dist(a[v], a[w]), le += dist(exact[v], exact[w]);
  EXPECT_NEAR(la / le, 1.0, 0.1);
}

TEST(fruchterman_reingold, large_random_graph_is_drawn_spread_out) {
  // 3,000 vertices and 6,000 ties at random (average degree 4, as the benchmark): a graph
  // with no flat drawing, which a cut-off repulsion lets contract. Over the largest component:
  // ties are short against the distance between random pairs (a random placement gives a
  // ratio of 1), and no vertex sits on another: the nearest-neighbour distances are more even
  // than those of points thrown at random (whose 5th percentile is a quarter of the median),
  // and the drawing is not a dense core with a few far outliers.
  const compact_graph g = random_graph(3000, 6000, 8);
  const auto comps = cp::detail::layout::components_of(g);
  ASSERT_GT(comps.front().size(), 2500u);
  const auto p = cp::fruchterman_reingold(g);
  const auto& v = comps.front().vertices;
  const std::size_t c = v.size();
  double edges = 0, pairs = 0;
  std::size_t edge_count = 0;
  for (std::uint32_t a : v)
    for (std::uint32_t b : g.out.neighbours(a)) edges += dist(p[a], p[b]), ++edge_count;
  std::vector<double> nearest(c, INFINITY);
  for (std::size_t i = 0; i < c; ++i)
    for (std::size_t j = i + 1; j < c; ++j) {
      const double d = dist(p[v[i]], p[v[j]]);
      pairs += d;
      nearest[i] = std::min(nearest[i], d);
      nearest[j] = std::min(nearest[j], d);
    }
  const double mean_edge = edges / edge_count;
  const double mean_pair = pairs / (c * (c - 1) / 2.0);
  EXPECT_LT(mean_edge / mean_pair, 0.5);
  std::sort(nearest.begin(), nearest.end());
  const double median = nearest[c / 2];
  EXPECT_GT(nearest[c / 20] / median, 0.3);
  EXPECT_GT(nearest.front() / median, 0.05);
  double cx = 0, cy = 0, lx = 1, hx = 0, ly = 1, hy = 0;
  for (std::uint32_t a : v) {
    cx += p[a].x / c, cy += p[a].y / c;
    lx = std::min(lx, p[a].x), hx = std::max(hx, p[a].x);
    ly = std::min(ly, p[a].y), hy = std::max(hy, p[a].y);
  }
  std::vector<double> radius;
  for (std::uint32_t a : v) radius.push_back(std::hypot(p[a].x - cx, p[a].y - cy));
  std::nth_element(radius.begin(), radius.begin() + c / 2, radius.end());
  EXPECT_GT(radius[c / 2] / std::max(hx - lx, hy - ly), 0.08);
}

TEST(fruchterman_reingold, tree_variant_stops_when_asked) {
  const compact_graph g = random_graph(1500, 3000, 2);
  int polls = 0;
  EXPECT_THROW(cp::fruchterman_reingold(g, {}, [&] { return ++polls == 3; }), cp::interrupted);
  EXPECT_EQ(polls, 3);
}

namespace {

// n points from a seeded stream: two thirds spread over a 100 x 100 square, one third in a
// square of side 1 inside it (a dense cluster), and the last two on one point.
std::vector<point> scattered(std::size_t n, std::uint64_t seed) {
  cp::detail::layout::random_stream r(seed);
  std::vector<point> p(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double side = i % 3 == 2 ? 1.0 : 100.0, at = i % 3 == 2 ? 40.0 : 0.0;
    p[i] = {at + side * r.uniform(), at + side * r.uniform()};
  }
  p[n - 1] = p[n - 2];
  return p;
}

}  // namespace

TEST(repulsion_tree, three_points_by_hand) {
  // (0, 0), (1, 0), (3, 0): each is pushed by 1/d from each other, along the line.
  const std::vector<point> p = {{0, 0}, {1, 0}, {3, 0}};
  std::vector<point> tree(3), exact(3);
  cp::detail::layout::repulsion_tree().add_repulsion(p, tree, 0.8);
  cp::detail::layout::add_repulsion_exact(p, exact);
  const double by_hand[3] = {-1.0 - 1.0 / 3, 1.0 - 0.5, 1.0 / 3 + 0.5};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(tree[i].x, by_hand[i], 1e-15) << i;
    EXPECT_NEAR(exact[i].x, by_hand[i], 1e-15) << i;
    EXPECT_EQ(tree[i].y, 0.0);
    EXPECT_EQ(exact[i].y, 0.0);
  }
}

TEST(repulsion_tree, far_cluster_acts_through_its_count) {
  // Nine vertices within 1e-3 of the origin and one at (1000, 0): the cluster acts on the far
  // vertex as its count at its centroid, 9 / 1000 along x by hand (to within 1e-6 of that:
  // the centroid is 5e-4 off the origin), and the tree's value is the exact sum's to within
  // the monopole's error, (1e-3 / 1000)^2 relative.
  std::vector<point> p;
  for (int i = 0; i < 9; ++i) p.push_back({1e-3 * (i % 3) / 2, 1e-3 * (i / 3) / 2});
  p.push_back({1000, 0});
  std::vector<point> tree(p.size()), exact(p.size());
  cp::detail::layout::repulsion_tree().add_repulsion(p, tree, 0.8);
  cp::detail::layout::add_repulsion_exact(p, exact);
  EXPECT_NEAR(tree[9].x, 9e-3, 9e-3 * 1e-6);
  EXPECT_NEAR(tree[9].y, 0.0, 1e-8);
  EXPECT_NEAR(tree[9].x, exact[9].x, 9e-3 * 1e-11);
  EXPECT_NEAR(tree[9].y, exact[9].y, 9e-3 * 1e-11);
  // The cluster's vertices push each other exactly: their forces are the exact sum's.
  for (int i = 0; i < 9; ++i) {
    EXPECT_NEAR(tree[i].x, exact[i].x, 1e-9 * std::abs(exact[i].x) + 1e-12) << i;
    EXPECT_NEAR(tree[i].y, exact[i].y, 1e-9 * std::abs(exact[i].y) + 1e-12) << i;
  }
}

TEST(repulsion_tree, matches_the_exact_sum) {
  // Against the sum over every pair, on points spread and clustered (inside a uniform spread
  // the net repulsion is a small remainder of large opposite pushes, so the relative error is
  // larger there than on a drawing): the relative error of a vertex's net repulsion is below
  // 3% at the median and 10% at the 95th percentile with the default theta, and shrinks with
  // theta, about as its square.
  const std::vector<point> p = scattered(3000, 12);
  std::vector<point> exact(p.size());
  cp::detail::layout::add_repulsion_exact(p, exact);
  cp::detail::layout::repulsion_tree tree;
  const auto errors = [&](double theta) {
    std::vector<point> f(p.size());
    tree.add_repulsion(p, f, theta);
    std::vector<double> e;
    for (std::size_t i = 0; i < p.size(); ++i)
      e.push_back(std::hypot(f[i].x - exact[i].x, f[i].y - exact[i].y) /
                  std::hypot(exact[i].x, exact[i].y));
    std::sort(e.begin(), e.end());
    return std::pair{e[e.size() / 2], e[e.size() * 95 / 100]};
  };
  const auto [median, p95] = errors(cp::fruchterman_reingold_options{}.theta);
  EXPECT_LT(median, 0.03);
  EXPECT_LT(p95, 0.10);
  const auto [fine_median, fine_p95] = errors(0.3);
  EXPECT_LT(fine_median, median / 4);
  EXPECT_LT(fine_p95, p95 / 4);
  // The same positions give the same bits, from a reused tree or a new one.
  std::vector<point> once(p.size()), twice(p.size());
  tree.add_repulsion(p, once, 0.8);
  cp::detail::layout::repulsion_tree().add_repulsion(p, twice, 0.8);
  EXPECT_TRUE(same_bits(once, twice));
  // The two vertices on one point are pushed apart hard, along opposite directions.
  const point& a = once[p.size() - 2];
  const point& b = once[p.size() - 1];
  EXPECT_GT(std::hypot(a.x, a.y), 1e8);
  EXPECT_LT(a.x * b.x + a.y * b.y, 0);
}

TEST(repulsion_tree, vertices_on_one_point_stay_finite) {
  // Twenty vertices on one point (a cell no grid can split): each pushed hard, in its own
  // direction, and the pushes cancel overall.
  const std::vector<point> p(20, point{3, 4});
  std::vector<point> f(p.size());
  cp::detail::layout::repulsion_tree().add_repulsion(p, f, 0.8);
  double sx = 0, sy = 0;
  for (const point& q : f) {
    EXPECT_TRUE(std::isfinite(q.x) && std::isfinite(q.y));
    EXPECT_GT(std::hypot(q.x, q.y), 1e6);
    sx += q.x, sy += q.y;
  }
  EXPECT_NEAR(sx, 0.0, 1e-3);
  EXPECT_NEAR(sy, 0.0, 1e-3);
}

TEST(canonical_orientation, does_not_turn_with_the_input) {
  // An L-shaped drawing, turned by any angle and shifted, comes back to the same drawing.
  const std::vector<point> base = {{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2.5}};
  auto reference = base;
  cp::detail::layout::canonical_orientation(reference);
  for (double angle : {0.3, 1.7, 3.1, -2.2}) {
    auto turned = base;
    for (point& q : turned)
      q = {std::cos(angle) * q.x - std::sin(angle) * q.y + 5,
           std::sin(angle) * q.x + std::cos(angle) * q.y - 2};
    cp::detail::layout::canonical_orientation(turned);
    for (std::size_t i = 0; i < base.size(); ++i) {
      EXPECT_NEAR(turned[i].x, reference[i].x, 1e-9) << angle;
      EXPECT_NEAR(turned[i].y, reference[i].y, 1e-9) << angle;
    }
  }
  // The principal axis lies horizontal: the covariance has no xy term and more spread in x.
  double sxx = 0, syy = 0, sxy = 0;
  for (const point& q : reference) sxx += q.x * q.x, syy += q.y * q.y, sxy += q.x * q.y;
  EXPECT_NEAR(sxy, 0, 1e-9);
  EXPECT_GT(sxx, syy);
  EXPECT_LT(reference[0].x, 0);  // the first vertex on the left
}

TEST(components, direction_ignored_largest_first) {
  const auto comps = cp::detail::layout::components_of(mixed());
  ASSERT_EQ(comps.size(), 5u);
  EXPECT_EQ(comps[0].vertices, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(comps[1].vertices, (std::vector<std::uint32_t>{6, 7, 8, 9}));
  EXPECT_EQ(comps[2].vertices, (std::vector<std::uint32_t>{10, 11, 12}));
  EXPECT_EQ(comps[3].vertices, (std::vector<std::uint32_t>{13}));
  EXPECT_EQ(comps[4].vertices, (std::vector<std::uint32_t>{14}));
  // The 6-vertex component has 6 undirected edges: 12 arcs.
  EXPECT_EQ(comps[0].targets.size(), 12u);
}
