// The layouts (layout/fruchterman_reingold.hpp, layout/kamada_kawai.hpp) and what they share
// (detail/layout_packing.hpp): bit-identical positions for a seed, every vertex in the unit
// square, no two vertices on one point, a path drawn in order along the horizontal, a square
// drawn as a square, an orientation that does not turn with the input, isolates packed
// beside the core, and the memory guard of Kamada-Kawai.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/layout_packing.hpp"
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
  cp::kamada_kawai_options kk;
  kk.tolerance = 0;
  EXPECT_THROW(cp::kamada_kawai(g, kk), cp::input_error);
}

TEST(layout, stop_check_interrupts) {
  const compact_graph g = random_graph(50, 80, 1);
  EXPECT_THROW(cp::fruchterman_reingold(g, {}, [] { return true; }), cp::interrupted);
  EXPECT_THROW(cp::kamada_kawai(g, {}, [] { return true; }), cp::interrupted);
}

TEST(fruchterman_reingold, grid_variant_is_deterministic_and_keeps_vertices_apart) {
  // 1,500 vertices: above `grid_above`, so repulsion goes through the grid.
  const compact_graph g = random_graph(1500, 2000, 4);
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
  // The grid and the exact sum of repulsions give pictures of the same spread: the mean edge
  // length of the largest component within a factor 2 of each other.
  o.grid_above = 100000;
  const auto exact = cp::fruchterman_reingold(g, o);
  double la = 0, le = 0;
  for (std::uint32_t v = 0; v < g.n; ++v)
    for (std::uint32_t w : g.out.neighbours(v)) la += dist(a[v], a[w]), le += dist(exact[v], exact[w]);
  EXPECT_LT(la / le, 2.0);
  EXPECT_GT(la / le, 0.5);
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
