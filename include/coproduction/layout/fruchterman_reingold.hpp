#pragma once
/// \file
/// The Fruchterman-Reingold force-directed layout: where to draw each stakeholder in a
/// picture of the partnership (Net-Map style), ties pulling their ends together and every
/// pair of stakeholders pushing apart.
///
/// Reference: T. M. J. Fruchterman and E. M. Reingold (1991), "Graph drawing by
/// force-directed placement", *Software: Practice and Experience* 21(11), 1129-1164.
///
/// Our own implementation of the paper's algorithm, not `boost::fruchterman_reingold_
/// force_directed_layout`: Boost's starts from `random_graph_layout`, whose positions come
/// from Boost.Random distributions over a caller's generator and from a topology that keeps
/// every vertex inside a box (the walls of the paper, which crowd vertices on the border),
/// and it lays out the whole graph at once, so components and isolates drift apart. Here
/// each component is laid out on its own from a portable seeded stream, without walls, and
/// the drawings are packed (detail/layout_packing.hpp).
///
/// Components above a thousand vertices sum the repulsion through a Barnes-Hut quadtree
/// (detail/repulsion_tree.hpp), not through the paper's grid (repulsion cut off at 2k), which
/// igraph uses: on a graph with no flat drawing the cut-off lets the drawing contract to tens
/// of vertices per k^2, and the grid's work with it (the reasons are in that header). igraph
/// stays fast there only because its grid is filled once, from the starting positions, and
/// never updated: a vertex is then pushed by the dozen or so vertices that started in the
/// cells next to its own and by no other, wherever they all move (on a random graph of
/// 10,000 vertices and 20,000 ties its giant component ends in a disc of radius 5k, hundreds
/// of vertices per k^2).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/layout_packing.hpp"
#include "coproduction/detail/repulsion_tree.hpp"
#include "coproduction/error.hpp"

namespace coproduction {

/// Options of `fruchterman_reingold`.
struct fruchterman_reingold_options {
  /// Seed of the starting positions: same seed, bit-identical positions.
  std::uint64_t seed = 0;
  /// Iterations (cooling steps); igraph's default.
  std::size_t iterations = 500;
  /// Blank border of the unit square on every side, in [0, 0.5).
  double margin = 0.05;
  /// Components of more vertices than this sum the repulsion through a Barnes-Hut quadtree
  /// (detail/repulsion_tree.hpp); smaller ones sum it over every pair exactly.
  std::size_t tree_above = 1000;
  /// Accuracy of the tree, in (0, 1]: two cells of the tree act on each other as wholes
  /// when their radii sum to less than `theta` times the distance between their centroids.
  /// Smaller is more exact and slower; at 0.9 a vertex's repulsion is off by under 1% at the
  /// median (detail/repulsion_tree.hpp), and the drawings have the exact sum's spread.
  double theta = 0.9;
};

namespace detail::layout {

inline void check_common(std::size_t iterations, double margin) {
  if (!(margin >= 0.0 && margin < 0.5))
    throw input_error("margin", "must be in [0, 0.5), got " + std::to_string(margin));
  if (iterations == 0) throw input_error("iterations", "must be at least 1");
}

/// One component by Fruchterman-Reingold, in units where the ideal edge length k is 1
/// (area n, so k = sqrt(area / n) as in the paper), starting uniformly at random in a square
/// of that area. Complexity per iteration: O(c^2 + m) exactly, O(c log c + m) with the tree.
inline std::vector<point> fruchterman_reingold_component(const component& c,
                                                         const fruchterman_reingold_options& o,
                                                         const stop_check& stop) {
  const std::uint32_t n = c.size();
  std::vector<point> p(n);
  if (n == 1) return p;
  random_stream rng = component_stream(o.seed, c.vertices.front());
  const double side = std::sqrt(static_cast<double>(n));
  for (point& q : p) {
    q.x = (rng.uniform() - 0.5) * side;
    q.y = (rng.uniform() - 0.5) * side;
  }
  // Each edge once (a < b), in the order of the arcs, so that the attraction loop does not
  // branch on which half of an adjacency list it is in.
  struct tie {
    std::uint32_t a, b;
    double strength;
  };
  std::vector<tie> ties;
  ties.reserve(c.targets.size() / 2);
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::size_t e = c.offsets[a]; e < c.offsets[a + 1]; ++e)
      if (c.targets[e] > a) ties.push_back({a, c.targets[e], c.strength[e]});
  std::vector<point> disp(n);
  const bool tree = n > o.tree_above;
  repulsion_tree repulse;
  // The paper's temperature: a tenth of the frame's side at first, cooling linearly.
  const double t0 = side / 10.0;
  for (std::size_t it = 0; it < o.iterations; ++it) {
    if (stop && (it & 7) == 0 && stop()) throw interrupted();
    std::fill(disp.begin(), disp.end(), point{});
    if (tree)
      repulse.add_repulsion(p, disp, o.theta);
    else
      add_repulsion_exact(p, disp);
    // Attraction f_a(d) = d^2 / k along each edge, times its strength (1 unweighted).
    for (const tie& e : ties) {
      const double dx = p[e.a].x - p[e.b].x, dy = p[e.a].y - p[e.b].y;
      const double d = std::sqrt(dx * dx + dy * dy);
      const double fx = dx * d * e.strength, fy = dy * d * e.strength;
      disp[e.a].x -= fx;
      disp[e.a].y -= fy;
      disp[e.b].x += fx;
      disp[e.b].y += fy;
    }
    // Each vertex moves along its displacement, by at most the temperature.
    const double t =
        t0 * (1.0 - static_cast<double>(it) / static_cast<double>(o.iterations));
    for (std::uint32_t v = 0; v < n; ++v) {
      const double len = std::sqrt(disp[v].x * disp[v].x + disp[v].y * disp[v].y);
      if (len > 0) {
        const double step = std::min(len, t) / len;
        p[v].x += disp[v].x * step;
        p[v].y += disp[v].y * step;
      }
    }
  }
  return p;
}

}  // namespace detail::layout

/// Positions of the vertices of `g` by the force-directed placement of Fruchterman &
/// Reingold (1991): ties attract with force d^2/k, every pair of vertices repels with force
/// k^2/d, and each step moves a vertex along its net force by at most a temperature that
/// cools linearly to zero. Direction and parallel ties are ignored; in a weighted graph a
/// tie attracts in proportion to its strength (as igraph's `weights`).
///
/// Each connected component is laid out on its own and the drawings packed, largest first,
/// in rows; each is turned to a canonical orientation (principal axis horizontal, first
/// vertex on the left) and the whole scaled into [margin, 1 - margin]^2
/// (detail/layout_packing.hpp). Single-threaded; the positions depend only on `g` and the
/// options: the same seed gives bit-identical positions on every run.
///
/// Complexity: O(iterations * (c^2 + m)) time for components of c <= `tree_above` vertices,
/// O(iterations * (c log c + m)) above (quadtree); O(n + m) memory.
/// Throws: `input_error` ("margin", "iterations", "theta") for options out of range;
/// `interrupted` when `stop` asks (every 8 iterations).
inline std::vector<point> fruchterman_reingold(const detail::compact_graph& g,
                                               const fruchterman_reingold_options& options = {},
                                               const stop_check& stop = {}) {
  detail::layout::check_common(options.iterations, options.margin);
  if (!(options.theta > 0.0 && options.theta <= 1.0))
    throw input_error("theta", "must be in (0, 1], got " + std::to_string(options.theta));
  auto comps = detail::layout::components_of(g);
  std::vector<std::vector<point>> drawings;
  drawings.reserve(comps.size());
  for (const auto& c : comps) {
    drawings.push_back(detail::layout::fruchterman_reingold_component(c, options, stop));
    detail::layout::canonical_orientation(drawings.back());
  }
  return detail::layout::pack(comps, drawings, g.n, options.margin);
}

}  // namespace coproduction
