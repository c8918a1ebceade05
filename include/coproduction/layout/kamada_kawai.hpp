#pragma once
/// \file
/// The Kamada-Kawai spring layout: where to draw each stakeholder so that distances in the
/// picture follow distances in the partnership's graph (the number of ties between two
/// stakeholders), which makes it the layout to read "who is close to whom" from.
///
/// Reference: T. Kamada and S. Kawai (1989), "An algorithm for drawing general undirected
/// graphs", *Information Processing Letters* 31(1), 7-15.
///
/// Our own implementation of the paper's algorithm (the vertex with the largest gradient is
/// moved by two-dimensional Newton-Raphson steps until it is settled, then the next), not
/// `boost::kamada_kawai_spring_layout`: Boost's needs a connected graph and starting
/// positions from the caller, and stops on a relative change of energy that can keep it
/// running without end on some inputs; here every component is laid out on its own from a
/// seeded start, with a bound on the moves, and the drawings are packed
/// (detail/layout_packing.hpp).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/layout_packing.hpp"
#include "coproduction/error.hpp"
#include "coproduction/layout/fruchterman_reingold.hpp"

namespace coproduction {

/// Largest memory Kamada-Kawai may take for the all-pairs distances of one component (c^2
/// doubles): 256 MiB, a component of 5,792 vertices. Above it `kamada_kawai` throws
/// `limit_exceeded` ("n") before allocating; Fruchterman-Reingold needs O(n + m) memory.
inline constexpr std::uint64_t kamada_kawai_max_bytes = std::uint64_t{1} << 28;

/// Options of `kamada_kawai`.
struct kamada_kawai_options {
  /// Seed of the jitter of the starting circle: same seed, bit-identical positions.
  std::uint64_t seed = 0;
  /// Bound on the work: at most `iterations * c` vertex moves in a component of c vertices
  /// (each move up to 50 Newton-Raphson steps).
  std::size_t iterations = 100;
  /// A vertex is settled when its gradient is below this (in units of one edge length).
  double tolerance = 1e-4;
  /// Blank border of the unit square on every side, in [0, 0.5).
  double margin = 0.05;
  /// The memory limit of the all-pairs distances (see `kamada_kawai_max_bytes`).
  std::uint64_t max_bytes = kamada_kawai_max_bytes;
};

namespace detail::layout {

/// Shortest path lengths from every vertex of a component (breadth-first when every length
/// is 1, Dijkstra otherwise), row-major c x c. Complexity: O(c (c + m) log c).
inline std::vector<double> all_pairs_lengths(const component& c) {
  const std::uint32_t n = c.size();
  const bool unit = std::all_of(c.length.begin(), c.length.end(), [](double l) { return l == 1.0; });
  std::vector<double> d(static_cast<std::size_t>(n) * n, std::numeric_limits<double>::infinity());
  std::vector<std::uint32_t> queue;
  using item = std::pair<double, std::uint32_t>;
  for (std::uint32_t s = 0; s < n; ++s) {
    double* row = d.data() + static_cast<std::size_t>(s) * n;
    row[s] = 0;
    if (unit) {
      queue.assign(1, s);
      for (std::size_t h = 0; h < queue.size(); ++h) {
        const std::uint32_t v = queue[h];
        for (std::size_t e = c.offsets[v]; e < c.offsets[v + 1]; ++e)
          if (std::isinf(row[c.targets[e]])) {
            row[c.targets[e]] = row[v] + 1.0;
            queue.push_back(c.targets[e]);
          }
      }
    } else {
      std::priority_queue<item, std::vector<item>, std::greater<>> heap;
      heap.push({0.0, s});
      while (!heap.empty()) {
        const auto [dv, v] = heap.top();
        heap.pop();
        if (dv > row[v]) continue;
        for (std::size_t e = c.offsets[v]; e < c.offsets[v + 1]; ++e) {
          const double nd = dv + c.length[e];
          if (nd < row[c.targets[e]]) {
            row[c.targets[e]] = nd;
            heap.push({nd, c.targets[e]});
          }
        }
      }
    }
  }
  return d;
}

/// One component by Kamada-Kawai with spring lengths l_ij = d_ij (one unit per edge length)
/// and strengths k_ij = 1 / d_ij^2. Starts on a circle (vertices in breadth-first order from
/// the first, as the paper's regular polygon), jittered by a tenth of an edge length from the
/// seeded stream. Complexity: O(c (c + m) log c) for the distances, O(c) per Newton step.
inline std::vector<point> kamada_kawai_component(const component& c,
                                                 const kamada_kawai_options& o,
                                                 const stop_check& stop) {
  const std::uint32_t n = c.size();
  std::vector<point> p(n);
  if (n == 1) return p;
  const std::vector<double> d = all_pairs_lengths(c);
  const auto dist = [&](std::uint32_t i, std::uint32_t j) {
    return d[static_cast<std::size_t>(i) * n + j];
  };

  std::vector<std::uint32_t> order;
  {
    std::vector<char> seen(n, 0);
    order.push_back(0);
    seen[0] = 1;
    for (std::size_t h = 0; h < order.size(); ++h)
      for (std::size_t e = c.offsets[order[h]]; e < c.offsets[order[h] + 1]; ++e)
        if (!seen[c.targets[e]]) {
          seen[c.targets[e]] = 1;
          order.push_back(c.targets[e]);
        }
  }
  random_stream rng = component_stream(o.seed, c.vertices.front());
  double diameter = 0;
  for (double x : d) diameter = std::max(diameter, x);
  const double radius = diameter / 2;
  constexpr double two_pi = 6.283185307179586;
  for (std::uint32_t r = 0; r < n; ++r) {
    const double angle = two_pi * r / n;
    p[order[r]] = {radius * std::cos(angle) + 0.1 * (rng.uniform() - 0.5),
                   radius * std::sin(angle) + 0.1 * (rng.uniform() - 0.5)};
  }

  // The term of pair (m, i) in the gradient of the energy at m (equations 7 and 8).
  const auto term = [&](std::uint32_t m, std::uint32_t i) -> point {
    const double dx = p[m].x - p[i].x, dy = p[m].y - p[i].y;
    const double dd = std::sqrt(dx * dx + dy * dy);
    if (dd == 0) return {};
    const double l = dist(m, i), k = 1.0 / (l * l);
    return {k * (dx - l * dx / dd), k * (dy - l * dy / dd)};
  };
  std::vector<point> grad(n);
  for (std::uint32_t m = 0; m < n; ++m)
    for (std::uint32_t i = 0; i < n; ++i)
      if (i != m) {
        const point t = term(m, i);
        grad[m].x += t.x;
        grad[m].y += t.y;
      }
  const auto norm = [&](std::uint32_t m) { return std::hypot(grad[m].x, grad[m].y); };
  std::vector<point> before(n);
  const std::size_t max_moves = o.iterations * static_cast<std::size_t>(n);
  for (std::size_t move = 0; move < max_moves; ++move) {
    if (stop && move % n == 0 && stop()) throw interrupted();
    std::uint32_t m = 0;
    for (std::uint32_t v = 1; v < n; ++v)
      if (norm(v) > norm(m)) m = v;
    if (norm(m) < o.tolerance) break;
    // The other vertices' gradients hold a term of m: take it out before m moves.
    for (std::uint32_t i = 0; i < n; ++i)
      if (i != m) before[i] = term(i, m);
    for (int step = 0; step < 50 && norm(m) >= o.tolerance; ++step) {
      double exx = 0, exy = 0, eyy = 0;  // second derivatives (equations 13 to 16)
      for (std::uint32_t i = 0; i < n; ++i) {
        if (i == m) continue;
        const double dx = p[m].x - p[i].x, dy = p[m].y - p[i].y;
        const double dd2 = dx * dx + dy * dy;
        const double dd3 = dd2 * std::sqrt(dd2);
        if (dd3 == 0) continue;
        const double l = dist(m, i), k = 1.0 / (l * l);
        exx += k * (1 - l * dy * dy / dd3);
        exy += k * (l * dx * dy / dd3);
        eyy += k * (1 - l * dx * dx / dd3);
      }
      const double det = exx * eyy - exy * exy;
      if (!(std::abs(det) > 1e-300)) break;
      p[m].x += (-grad[m].x * eyy + grad[m].y * exy) / det;
      p[m].y += (-grad[m].y * exx + grad[m].x * exy) / det;
      grad[m] = {};
      for (std::uint32_t i = 0; i < n; ++i)
        if (i != m) {
          const point t = term(m, i);
          grad[m].x += t.x;
          grad[m].y += t.y;
        }
    }
    for (std::uint32_t i = 0; i < n; ++i)
      if (i != m) {
        const point t = term(i, m);
        grad[i].x += t.x - before[i].x;
        grad[i].y += t.y - before[i].y;
      }
  }
  return p;
}

}  // namespace detail::layout

/// Positions of the vertices of `g` by the spring model of Kamada & Kawai (1989): a spring
/// of natural length d_ij (the shortest path length; one per tie unweighted, the sum of tie
/// lengths weighted) and strength 1 / d_ij^2 joins every pair of vertices, and the energy
/// E = sum_{i<j} (1 / (2 d_ij^2)) (|p_i - p_j| - d_ij)^2 is lowered one vertex at a time by
/// Newton-Raphson, always moving the vertex whose gradient is largest. Direction and
/// parallel ties are ignored.
///
/// Each connected component is laid out on its own and the drawings packed, largest first,
/// in rows; each is turned to a canonical orientation (principal axis horizontal, first
/// vertex on the left) and the whole scaled into [margin, 1 - margin]^2
/// (detail/layout_packing.hpp). Single-threaded; the same seed gives bit-identical positions.
///
/// Complexity: per component of c vertices, O(c (c + m) log c) time and c^2 doubles of
/// memory for the distances, O(c^2) for the first gradients and O(c) per Newton step, with
/// at most `iterations * c` moves.
/// Throws: `limit_exceeded` ("n") when the largest component's c^2 doubles exceed
/// `max_bytes` (before anything is allocated), naming Fruchterman-Reingold as the way out;
/// `input_error` ("margin", "iterations", "tolerance") for options out of range;
/// `interrupted` when `stop` asks.
inline std::vector<point> kamada_kawai(const detail::compact_graph& g,
                                       const kamada_kawai_options& options = {},
                                       const stop_check& stop = {}) {
  detail::layout::check_common(options.iterations, options.margin);
  if (!(options.tolerance > 0.0 && std::isfinite(options.tolerance)))
    throw input_error("tolerance", "must be a finite positive number");
  auto comps = detail::layout::components_of(g);
  if (!comps.empty()) {
    const std::uint64_t c = comps.front().size();
    // c < 2^32, so c * c * 8 cannot overflow 64 bits past the saturation below.
    const std::uint64_t bytes = c * c > std::numeric_limits<std::uint64_t>::max() / 8
                                    ? std::numeric_limits<std::uint64_t>::max()
                                    : c * c * 8;
    if (bytes > options.max_bytes)
      throw limit_exceeded(
          "n", "bytes", bytes, options.max_bytes,
          "Kamada-Kawai keeps the distances between every pair of the " + std::to_string(c) +
              " stakeholders of the largest component (n = " + std::to_string(c) + ", " +
              std::to_string(bytes) + " bytes, limit " + std::to_string(options.max_bytes) +
              "); use fruchterman_reingold, which needs memory in proportion to n + m");
  }
  std::vector<std::vector<point>> drawings;
  drawings.reserve(comps.size());
  for (const auto& c : comps) {
    drawings.push_back(detail::layout::kamada_kawai_component(c, options, stop));
    detail::layout::canonical_orientation(drawings.back());
  }
  return detail::layout::pack(comps, drawings, g.n, options.margin);
}

}  // namespace coproduction
