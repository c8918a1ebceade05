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

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/layout_packing.hpp"
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
  /// Components of more vertices than this use the paper's grid variant: repulsion only
  /// between vertices closer than 2k, found through a grid of cells of side 2k (as igraph
  /// does above 1,000 vertices). Smaller ones sum repulsion over every pair.
  std::size_t grid_above = 1000;
};

namespace detail::layout {

inline void check_common(std::size_t iterations, double margin) {
  if (!(margin >= 0.0 && margin < 0.5))
    throw input_error("margin", "must be in [0, 0.5), got " + std::to_string(margin));
  if (iterations == 0) throw input_error("iterations", "must be at least 1");
}

// Repulsion k^2 / d between a and b, added to both (k = 1). Coincident vertices are pushed
// apart along a direction fixed by their indices, so that no run depends on anything else.
inline void repel(const std::vector<point>& p, std::vector<point>& disp, std::uint32_t a,
                  std::uint32_t b) {
  double dx = p[a].x - p[b].x, dy = p[a].y - p[b].y;
  double d2 = dx * dx + dy * dy;
  if (d2 < 1e-18) {
    const double angle = 0.6180339887498949 * (a + 2.0 * b);
    dx = 1e-9 * std::cos(angle);
    dy = 1e-9 * std::sin(angle);
    d2 = dx * dx + dy * dy;
  }
  // f_r(d) = k^2 / d along the unit vector (dx, dy) / d, that is (dx, dy) / d^2.
  const double fx = dx / d2, fy = dy / d2;
  disp[a].x += fx;
  disp[a].y += fy;
  disp[b].x -= fx;
  disp[b].y -= fy;
}

/// One component by Fruchterman-Reingold, in units where the ideal edge length k is 1
/// (area n, so k = sqrt(area / n) as in the paper). Complexity per iteration: O(n^2 + m)
/// exactly, O(n + m) expected with the grid (vertices spread at unit density).
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
  std::vector<point> disp(n);
  const bool grid = n > o.grid_above;
  std::vector<std::uint32_t> cell_of(grid ? n : 0), cell_start, members(grid ? n : 0);
  // The paper's temperature: a tenth of the frame's side at first, cooling linearly.
  const double t0 = side / 10.0;
  for (std::size_t it = 0; it < o.iterations; ++it) {
    if (stop && (it & 7) == 0 && stop()) throw interrupted();
    std::fill(disp.begin(), disp.end(), point{});
    if (!grid) {
      for (std::uint32_t a = 0; a < n; ++a)
        for (std::uint32_t b = a + 1; b < n; ++b) repel(p, disp, a, b);
    } else {
      // Cells of side 2k at least, wider when the drawing is spread thin, so that there are
      // never many more cells than vertices.
      double lx = p[0].x, hx = lx, ly = p[0].y, hy = ly;
      for (const point& q : p) {
        lx = std::min(lx, q.x), hx = std::max(hx, q.x);
        ly = std::min(ly, q.y), hy = std::max(hy, q.y);
      }
      const double cell = std::max(2.0, std::max(hx - lx, hy - ly) / std::ceil(std::sqrt(4.0 * n)));
      const auto cols = static_cast<std::uint32_t>((hx - lx) / cell) + 1;
      const auto rows = static_cast<std::uint32_t>((hy - ly) / cell) + 1;
      cell_start.assign(static_cast<std::size_t>(cols) * rows + 1, 0);
      for (std::uint32_t v = 0; v < n; ++v) {
        const auto cx = std::min(cols - 1, static_cast<std::uint32_t>((p[v].x - lx) / cell));
        const auto cy = std::min(rows - 1, static_cast<std::uint32_t>((p[v].y - ly) / cell));
        cell_of[v] = cy * cols + cx;
        ++cell_start[cell_of[v] + 1];
      }
      for (std::size_t i = 1; i < cell_start.size(); ++i) cell_start[i] += cell_start[i - 1];
      {
        std::vector<std::uint32_t> fill(cell_start.begin(), cell_start.end() - 1);
        for (std::uint32_t v = 0; v < n; ++v) members[fill[cell_of[v]]++] = v;
      }
      const double reach2 = 4.0;  // (2k)^2
      const auto near = [&](std::uint32_t a, std::uint32_t b) {
        const double dx = p[a].x - p[b].x, dy = p[a].y - p[b].y;
        if (dx * dx + dy * dy < reach2) repel(p, disp, a, b);
      };
      // Each pair once: within a cell, and with the cells right, below-left, below and
      // below-right of it.
      for (std::uint32_t cy = 0; cy < rows; ++cy)
        for (std::uint32_t cx = 0; cx < cols; ++cx) {
          const std::uint32_t here = cy * cols + cx;
          for (std::uint32_t i = cell_start[here]; i < cell_start[here + 1]; ++i) {
            const std::uint32_t a = members[i];
            for (std::uint32_t j = i + 1; j < cell_start[here + 1]; ++j) near(a, members[j]);
            const auto with = [&](std::uint32_t other) {
              for (std::uint32_t j = cell_start[other]; j < cell_start[other + 1]; ++j)
                near(a, members[j]);
            };
            if (cx + 1 < cols) with(here + 1);
            if (cy + 1 < rows) {
              if (cx > 0) with(here + cols - 1);
              with(here + cols);
              if (cx + 1 < cols) with(here + cols + 1);
            }
          }
        }
    }
    // Attraction f_a(d) = d^2 / k along each edge, times its strength (1 unweighted).
    for (std::uint32_t a = 0; a < n; ++a)
      for (std::size_t e = c.offsets[a]; e < c.offsets[a + 1]; ++e) {
        const std::uint32_t b = c.targets[e];
        if (b < a) continue;
        const double dx = p[a].x - p[b].x, dy = p[a].y - p[b].y;
        const double d = std::sqrt(dx * dx + dy * dy);
        const double fx = dx * d * c.strength[e], fy = dy * d * c.strength[e];
        disp[a].x -= fx;
        disp[a].y -= fy;
        disp[b].x += fx;
        disp[b].y += fy;
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
/// Complexity: O(iterations * (c^2 + m)) time for components of c <= `grid_above` vertices,
/// O(iterations * (n + m)) expected above (grid variant); O(n + m) memory.
/// Throws: `input_error` ("margin", "iterations") for options out of range; `interrupted`
/// when `stop` asks (every 8 iterations).
inline std::vector<point> fruchterman_reingold(const detail::compact_graph& g,
                                               const fruchterman_reingold_options& options = {},
                                               const stop_check& stop = {}) {
  detail::layout::check_common(options.iterations, options.margin);
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
