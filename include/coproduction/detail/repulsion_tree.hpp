#pragma once
/// \file
/// The repulsion of a force-directed layout on a large component, by a Barnes-Hut quadtree:
/// every vertex is pushed away from every other with force 1/d (k^2/d with k = 1), the far
/// ones taken together by the cell of the tree they share. Used by
/// layout/fruchterman_reingold.hpp above a thousand vertices, where the sum over every pair
/// costs too much.
///
/// References: J. Barnes and P. Hut (1986), "A hierarchical O(N log N) force-calculation
/// algorithm", *Nature* 324, 446-449 (the tree, and a far cell acting through its count at
/// its centroid); W. Dehnen (2002), "A hierarchical O(N) force calculation algorithm",
/// *Journal of Computational Physics* 179(1), 27-42 (cells acting on cells, both ways at
/// once, through the far field expanded about each cell's centroid and handed down the tree).
///
/// Why not the grid of the Fruchterman-Reingold paper (repulsion only within 2k, found through
/// cells of side 2k, as igraph): the grid's work per step is the number of pairs closer than
/// 2k, which stays linear only while the drawing keeps about one vertex per k^2. A graph with
/// no flat drawing (a random sparse graph: every vertex a few steps from every other) is pulled
/// in by its long ties until the short-range push balances them, at tens of vertices per k^2,
/// and the grid's work becomes nearly quadratic (4.2 million pairs a step at 10,000 vertices,
/// 25 times the start). The tree's work does not depend on how dense the drawing is, and it
/// keeps the whole range of the repulsion, so that a large component is drawn by the same
/// forces as a small one.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "coproduction/detail/layout_packing.hpp"

namespace coproduction::detail::layout {

/// The repulsion (p_v - p_u) / |p_v - p_u|^2 between two vertices, as added to v: the force
/// k^2 / d of Fruchterman & Reingold with k = 1, along the unit vector from u to v.
/// Coincident vertices are pushed apart along a direction fixed by their indices (`v`, `u`),
/// so that no run depends on anything else.
inline point repulsion(double dx, double dy, std::uint32_t v, std::uint32_t u) {
  double d2 = dx * dx + dy * dy;
  if (d2 < 1e-18) [[unlikely]] {
    // Antisymmetric in (v, u): swapping them keeps the angle and flips the direction.
    const double angle = 0.6180339887498949 * (std::min(v, u) + 2.0 * std::max(v, u));
    const double sign = v < u ? 1.0 : -1.0;
    dx = sign * 1e-9 * std::cos(angle);
    dy = sign * 1e-9 * std::sin(angle);
    d2 = dx * dx + dy * dy;
  }
  // One division, not two: the division is most of the cost of a pair.
  const double inv = 1.0 / d2;
  return {dx * inv, dy * inv};
}

/// Sum over every pair, exactly: adds to `disp[v]` the repulsion from every other vertex.
/// Complexity: O(n^2).
inline void add_repulsion_exact(const std::vector<point>& p, std::vector<point>& disp) {
  const auto n = static_cast<std::uint32_t>(p.size());
  for (std::uint32_t a = 0; a < n; ++a)
    for (std::uint32_t b = a + 1; b < n; ++b) {
      const point f = repulsion(p[a].x - p[b].x, p[a].y - p[b].y, a, b);
      disp[a].x += f.x;
      disp[a].y += f.y;
      disp[b].x -= f.x;
      disp[b].y -= f.y;
    }
}

/// A quadtree over the positions, rebuilt for every step, and the approximate repulsion it
/// gives. Keeps its buffers between steps so that a layout allocates once.
///
/// The vertices are sorted along the Z-order curve of a 2^16 x 2^16 grid over their bounding
/// square (a stable radix sort, so ties keep index order and the tree is a function of the
/// positions alone); each cell of the tree is then a run of that order, split into its four
/// quarters until it holds at most `leaf_size` vertices. Every pair of cells is then settled
/// once, from the root down: two cells far enough apart (their radii about their centroids
/// summing to less than `theta` times the distance between the centroids) act on each other
/// through their vertex counts at their centroids, each adding the other's field and the
/// field's derivative at its own centroid; two near leaves add the exact repulsion of every
/// pair; otherwise the wider cell is split. Last, each cell hands its far field down to its
/// children, and each leaf to its vertices, to first order about its centroid. The order of
/// every sum is fixed by the tree, so that the same positions give the same bits.
class repulsion_tree {
 public:
  /// Vertices per leaf at most (unless they share one cell of the finest grid).
  static constexpr std::uint32_t leaf_size = 8;

  /// Adds to `disp[v]` the repulsion on every vertex v from every other, approximately; `theta`
  /// in (0, 1] bounds the size of two cells that act on each other as wholes relative to
  /// their distance (below 1 their bounding discs never overlap). The error falls about as
  /// theta^2: on a drawing of a random graph of 10,000 vertices the relative error of a
  /// vertex's net repulsion is 0.4% at the median (1.4% at the 95th percentile) at 0.7, 0.8%
  /// (3.8%) at 0.9;
  /// tests/cpp/test_layout.cpp checks it against the exact sum.
  /// Complexity: O(n log n) time (the tree's depth is at most 16 levels) and O(n) memory.
  void add_repulsion(const std::vector<point>& p, std::vector<point>& disp, double theta) {
    const auto n = static_cast<std::uint32_t>(p.size());
    if (n < 2) return;
    sort_along_curve(p);
    nodes_.clear();
    box bounds;
    build(0, n, 0, bounds);
    walk(disp, theta * theta);
  }

 private:
  // What the walk over pairs of cells reads (48 bytes); what it writes is apart, in `field`.
  struct node {
    double cx, cy;             // centroid
    double mass;               // vertex count
    double radius;             // farthest corner of the bounding box from the centroid
    std::uint32_t begin, end;  // the run of sorted vertices in the cell
    std::uint32_t skip;        // index of the first node after this subtree
    std::uint32_t leaf;        // 1 for a leaf
  };
  // The far field summed at a cell's centroid and its Jacobian (jyy = -jxx, jyx = jxy).
  struct field {
    double fx, fy, jxx, jxy;
  };
  struct box {
    double lx, ly, hx, hy;
  };

  static constexpr int levels = 16;

  static std::uint32_t spread_bits(std::uint32_t v) {
    v &= 0xFFFF;
    v = (v | (v << 8)) & 0x00FF00FF;
    v = (v | (v << 4)) & 0x0F0F0F0F;
    v = (v | (v << 2)) & 0x33333333;
    v = (v | (v << 1)) & 0x55555555;
    return v;
  }

  void sort_along_curve(const std::vector<point>& p) {
    const auto n = static_cast<std::uint32_t>(p.size());
    double lx = p[0].x, hx = lx, ly = p[0].y, hy = ly;
    for (const point& q : p) {
      lx = std::min(lx, q.x), hx = std::max(hx, q.x);
      ly = std::min(ly, q.y), hy = std::max(hy, q.y);
    }
    const double side = std::max(hx - lx, hy - ly);
    const double scale = side > 0 ? 65536.0 / side : 0.0;
    keys_.resize(n);
    scratch_.resize(n);
    for (std::uint32_t v = 0; v < n; ++v) {
      const auto qx = static_cast<std::uint32_t>(std::min(65535.0, (p[v].x - lx) * scale));
      const auto qy = static_cast<std::uint32_t>(std::min(65535.0, (p[v].y - ly) * scale));
      const std::uint64_t code = (spread_bits(qy) << 1) | spread_bits(qx);
      keys_[v] = (code << 32) | v;
    }
    // Least significant digit first, 8 bits at a time, stable: sorted by code, then index.
    for (int shift = 32; shift < 64; shift += 8) {
      std::array<std::uint32_t, 257> count{};
      for (std::uint64_t k : keys_) ++count[((k >> shift) & 0xFF) + 1];
      for (int d = 0; d < 256; ++d) count[d + 1] += count[d];
      for (std::uint64_t k : keys_) scratch_[count[(k >> shift) & 0xFF]++] = k;
      keys_.swap(scratch_);
    }
    xs_.resize(n);
    ys_.resize(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto v = static_cast<std::uint32_t>(keys_[i]);
      xs_[i] = p[v].x;
      ys_[i] = p[v].y;
    }
  }

  // The two bits of the Z-order code that choose the quarter at depth `level` (0 = root).
  static std::uint32_t quarter(std::uint64_t key, int level) {
    return static_cast<std::uint32_t>(key >> (32 + 2 * (levels - 1 - level))) & 3u;
  }

  // Builds the subtree of the sorted run [b, e) at depth `level`, in preorder; returns its
  // index and sets `bounds` to the bounding box of its vertices.
  std::uint32_t build(std::uint32_t b, std::uint32_t e, int level, box& bounds) {
    const auto id = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({});
    node nd{};
    nd.begin = b;
    nd.end = e;
    nd.leaf = e - b <= leaf_size || level == levels;
    double sx = 0, sy = 0;
    if (nd.leaf) {
      bounds = {xs_[b], ys_[b], xs_[b], ys_[b]};
      for (std::uint32_t i = b; i < e; ++i) {
        sx += xs_[i];
        sy += ys_[i];
        bounds.lx = std::min(bounds.lx, xs_[i]), bounds.hx = std::max(bounds.hx, xs_[i]);
        bounds.ly = std::min(bounds.ly, ys_[i]), bounds.hy = std::max(bounds.hy, ys_[i]);
      }
    } else {
      bounds = {INFINITY, INFINITY, -INFINITY, -INFINITY};
      std::uint32_t from = b;
      for (std::uint32_t q = 0; q < 4 && from < e; ++q) {
        // The keys are sorted, so quarter q's run ends where a larger quarter starts.
        const auto to = static_cast<std::uint32_t>(
            std::partition_point(keys_.begin() + from, keys_.begin() + e,
                                 [&](std::uint64_t k) { return quarter(k, level) <= q; }) -
            keys_.begin());
        if (to == from) continue;
        box inner;
        const node& c = nodes_[build(from, to, level + 1, inner)];
        sx += c.cx * c.mass;
        sy += c.cy * c.mass;
        bounds.lx = std::min(bounds.lx, inner.lx), bounds.hx = std::max(bounds.hx, inner.hx);
        bounds.ly = std::min(bounds.ly, inner.ly), bounds.hy = std::max(bounds.hy, inner.hy);
        from = to;
      }
    }
    nd.mass = static_cast<double>(e - b);
    nd.cx = sx / nd.mass;
    nd.cy = sy / nd.mass;
    const double rx = std::max(nd.cx - bounds.lx, bounds.hx - nd.cx);
    const double ry = std::max(nd.cy - bounds.ly, bounds.hy - nd.cy);
    nd.radius = std::sqrt(rx * rx + ry * ry);
    nd.skip = static_cast<std::uint32_t>(nodes_.size());
    nodes_[id] = nd;
    return id;
  }

  // The exact repulsion between the vertices of the sorted runs [a0, a1) and [b0, b1),
  // disjoint, added to both sides.
  void direct(std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) {
    for (std::uint32_t a = a0; a < a1; ++a) {
      const double ax = xs_[a], ay = ys_[a];
      double sx = 0, sy = 0;
      for (std::uint32_t b = b0; b < b1; ++b) {
        const point f = repulsion(ax - xs_[b], ay - ys_[b], index(a), index(b));
        sx += f.x;
        sy += f.y;
        fx_[b] -= f.x;
        fy_[b] -= f.y;
      }
      fx_[a] += sx;
      fy_[a] += sy;
    }
  }

  // Children of node i: i + 1, then each child's `skip`, up to i's own `skip`.
  template <class F>
  void for_children(std::uint32_t i, F&& f) const {
    for (std::uint32_t c = i + 1; c < nodes_[i].skip; c = nodes_[c].skip) f(c);
  }

  // Every pair of vertices within node i.
  void interact_within(std::uint32_t i) {
    const node& a = nodes_[i];
    if (a.leaf) {
      for (std::uint32_t v = a.begin; v + 1 < a.end; ++v) direct(v, v + 1, v + 1, a.end);
      return;
    }
    for_children(i, [&](std::uint32_t c) {
      interact_within(c);
      for (std::uint32_t d = nodes_[c].skip; d < a.skip; d = nodes_[d].skip) interact(c, d);
    });
  }

  // Every pair of a vertex of node i and one of node j (disjoint).
  void interact(std::uint32_t i, std::uint32_t j) {
    const node& a = nodes_[i];
    const node& b = nodes_[j];
    const double rx = a.cx - b.cx, ry = a.cy - b.cy;
    const double r2 = rx * rx + ry * ry;
    const double reach = a.radius + b.radius;
    if (reach * reach < theta2_ * r2) {
      // Each acts on the other through its count at its centroid. The field at a of a unit
      // mass at b is g = r / |r|^2, its Jacobian (1/|r|^2) I - 2 g g^T (symmetric with zero
      // trace: two numbers); at b the field is -g and the Jacobian the same.
      const double inv = 1.0 / r2;
      const double gx = rx * inv, gy = ry * inv;
      const double jxx = inv - 2.0 * gx * gx, jxy = -2.0 * gx * gy;
      field& fa = far_[i];
      field& fb = far_[j];
      fa.fx += b.mass * gx, fa.fy += b.mass * gy, fa.jxx += b.mass * jxx, fa.jxy += b.mass * jxy;
      fb.fx -= a.mass * gx, fb.fy -= a.mass * gy, fb.jxx += a.mass * jxx, fb.jxy += a.mass * jxy;
      return;
    }
    if (a.leaf && b.leaf) {
      direct(a.begin, a.end, b.begin, b.end);
      return;
    }
    // Open the wider of the two (a leaf cannot be opened).
    if (b.leaf || (!a.leaf && a.radius >= b.radius))
      for_children(i, [&](std::uint32_t c) { interact(c, j); });
    else
      for_children(j, [&](std::uint32_t c) { interact(i, c); });
  }

  // Hands each node's far field down to its children, shifted to their centroids, and at the
  // leaves to their vertices.
  void push_down(std::uint32_t i) {
    const node& a = nodes_[i];
    const field f = far_[i];
    if (a.leaf) {
      for (std::uint32_t v = a.begin; v < a.end; ++v) {
        const double dx = xs_[v] - a.cx, dy = ys_[v] - a.cy;
        fx_[v] += f.fx + f.jxx * dx + f.jxy * dy;
        fy_[v] += f.fy + f.jxy * dx - f.jxx * dy;
      }
      return;
    }
    for_children(i, [&](std::uint32_t c) {
      const double dx = nodes_[c].cx - a.cx, dy = nodes_[c].cy - a.cy;
      field& g = far_[c];
      g.fx += f.fx + f.jxx * dx + f.jxy * dy;
      g.fy += f.fy + f.jxy * dx - f.jxx * dy;
      g.jxx += f.jxx;
      g.jxy += f.jxy;
      push_down(c);
    });
  }

  // The original index of the vertex at sorted position `sorted`.
  std::uint32_t index(std::uint32_t sorted) const {
    return static_cast<std::uint32_t>(keys_[sorted]);
  }

  // Settles every pair of vertices, hands the far fields down to the vertices, and adds each
  // vertex's repulsion to `disp` at its original index.
  void walk(std::vector<point>& disp, double theta2) {
    theta2_ = theta2;
    const std::size_t n = xs_.size();
    fx_.assign(n, 0.0);
    fy_.assign(n, 0.0);
    far_.assign(nodes_.size(), field{});
    interact_within(0);
    push_down(0);
    for (std::uint32_t i = 0; i < n; ++i) {
      disp[index(i)].x += fx_[i];
      disp[index(i)].y += fy_[i];
    }
  }

  std::vector<std::uint64_t> keys_, scratch_;
  std::vector<double> xs_, ys_, fx_, fy_;
  std::vector<node> nodes_;
  std::vector<field> far_;
  double theta2_ = 0;
};

}  // namespace coproduction::detail::layout
