#pragma once
/// \file
/// What both layouts (layout/fruchterman_reingold.hpp, layout/kamada_kawai.hpp) share: the
/// point type they return, a portable seeded random stream, the connected components of a
/// graph (direction ignored) as small local graphs, the canonical orientation of one
/// component's drawing, and the packing of the components' drawings into the unit square.
///
/// Each component is drawn on its own and the drawings are then packed, largest first, in
/// rows (shelf packing). A force-directed layout of a disconnected graph otherwise lets
/// repulsion push the components, and above all the isolated stakeholders, far apart, so
/// that the picture shrinks the partnership's core to a dot.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"

namespace coproduction {

/// A position in the plane; the layouts return one per vertex, in [0, 1]^2.
struct point {
  double x = 0.0;
  double y = 0.0;
  bool operator==(const point&) const = default;
};

}  // namespace coproduction

namespace coproduction::detail::layout {

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny generator whose output is fixed by the
/// algorithm, unlike the distributions of `<random>`, whose results differ between standard
/// libraries. Same seed, same positions, on every platform.
class random_stream {
 public:
  explicit random_stream(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1): the top 53 bits as a double.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

/// The stream of one component: the seed mixed with the component's smallest vertex, so that
/// each component's drawing depends on the seed and on itself only.
inline random_stream component_stream(std::uint64_t seed, std::uint32_t first_vertex) {
  random_stream mix(seed ^ (0xD1B54A32D192ED03ULL * (std::uint64_t{first_vertex} + 1)));
  return random_stream(mix.next());
}

/// One connected component as an undirected simple graph on local indices 0 .. size-1
/// (local i is global `vertices[i]`, ascending). Arcs both ways, neighbours sorted; an edge's
/// strength is the sum over the arcs between its ends, its length the shortest of them.
struct component {
  std::vector<std::uint32_t> vertices;
  std::vector<std::size_t> offsets;
  std::vector<std::uint32_t> targets;
  std::vector<double> strength;
  std::vector<double> length;
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(vertices.size()); }
};

/// The connected components of `g` with direction ignored, largest first (ties: smallest
/// first vertex first). Complexity: O(n + m log m) time, O(n + m) memory.
inline std::vector<component> components_of(const compact_graph& g) {
  const std::uint32_t n = g.n;
  constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> label(n, none);
  std::vector<std::vector<std::uint32_t>> members;
  std::vector<std::uint32_t> stack;
  for (std::uint32_t s = 0; s < n; ++s) {
    if (label[s] != none) continue;
    const auto c = static_cast<std::uint32_t>(members.size());
    members.emplace_back();
    label[s] = c;
    stack.push_back(s);
    while (!stack.empty()) {
      const std::uint32_t v = stack.back();
      stack.pop_back();
      members[c].push_back(v);
      const auto visit = [&](std::uint32_t w) {
        if (label[w] == none) {
          label[w] = c;
          stack.push_back(w);
        }
      };
      for (std::uint32_t w : g.out.neighbours(v)) visit(w);
      if (g.directed) {
        if (g.in_.offsets.size() == static_cast<std::size_t>(n) + 1)
          for (std::uint32_t w : g.in_.neighbours(v)) visit(w);
      }
    }
  }
  // A directed graph built without incoming adjacency: join the ends of every arc.
  if (g.directed && g.in_.offsets.size() != static_cast<std::size_t>(n) + 1) {
    std::vector<std::uint32_t> parent(members.size());
    std::iota(parent.begin(), parent.end(), 0u);
    const auto find = [&](std::uint32_t a) {
      while (parent[a] != a) a = parent[a] = parent[parent[a]];
      return a;
    };
    for (std::uint32_t v = 0; v < n; ++v)
      for (std::uint32_t w : g.out.neighbours(v)) {
        const std::uint32_t a = find(label[v]), b = find(label[w]);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
      }
    std::vector<std::vector<std::uint32_t>> joined(members.size());
    for (std::uint32_t c = 0; c < members.size(); ++c) {
      auto& into = joined[find(c)];
      into.insert(into.end(), members[c].begin(), members[c].end());
    }
    members.clear();
    for (auto& m : joined)
      if (!m.empty()) members.push_back(std::move(m));
    for (std::uint32_t c = 0; c < members.size(); ++c)
      for (std::uint32_t v : members[c]) label[v] = c;
  }
  for (auto& m : members) std::sort(m.begin(), m.end());
  std::vector<std::uint32_t> order(members.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (members[a].size() != members[b].size()) return members[a].size() > members[b].size();
    return members[a].front() < members[b].front();
  });

  std::vector<std::uint32_t> local(n, 0);
  std::vector<component> out;
  out.reserve(members.size());
  struct half {
    std::uint32_t s, t;
    double strength, length;
  };
  for (std::uint32_t c : order) {
    component comp;
    comp.vertices = std::move(members[c]);
    for (std::uint32_t i = 0; i < comp.size(); ++i) local[comp.vertices[i]] = i;
    std::vector<half> arcs;
    for (std::uint32_t i = 0; i < comp.size(); ++i) {
      const std::uint32_t v = comp.vertices[i];
      for (std::size_t a = g.out.begin(v); a < g.out.end(v); ++a) {
        const std::uint32_t j = local[g.out.targets[a]];
        const double s = g.out.strength_at(a);
        const double l = g.out.length.empty() ? 1.0 : g.out.length[a];
        arcs.push_back({i, j, s, l});
        if (g.directed) arcs.push_back({j, i, s, l});
      }
    }
    std::sort(arcs.begin(), arcs.end(), [](const half& a, const half& b) {
      return a.s != b.s ? a.s < b.s : a.t < b.t;
    });
    comp.offsets.assign(static_cast<std::size_t>(comp.size()) + 1, 0);
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      if (a > 0 && arcs[a].s == arcs[a - 1].s && arcs[a].t == arcs[a - 1].t) {
        comp.strength.back() += arcs[a].strength;
        comp.length.back() = std::min(comp.length.back(), arcs[a].length);
        continue;
      }
      ++comp.offsets[arcs[a].s + 1];
      comp.targets.push_back(arcs[a].t);
      comp.strength.push_back(arcs[a].strength);
      comp.length.push_back(arcs[a].length);
    }
    for (std::size_t i = 0; i < comp.size(); ++i) comp.offsets[i + 1] += comp.offsets[i];
    out.push_back(std::move(comp));
  }
  return out;
}

/// Turns one component's drawing to its canonical orientation, so that a small change of the
/// input (a relation added elsewhere, another seed) does not mirror or turn the picture:
/// centred on its centroid, its principal axis (the eigenvector of the largest eigenvalue of
/// the covariance of the positions) laid horizontal; then mirrored left-right so that its
/// first vertex (the smallest index) lies left of the centre, and top-bottom so that the
/// first vertex off the horizontal axis lies above it. Complexity: O(size).
inline void canonical_orientation(std::vector<point>& p) {
  const std::size_t n = p.size();
  if (n == 0) return;
  double cx = 0, cy = 0;
  for (const point& q : p) cx += q.x, cy += q.y;
  cx /= static_cast<double>(n);
  cy /= static_cast<double>(n);
  double sxx = 0, syy = 0, sxy = 0;
  for (point& q : p) {
    q.x -= cx;
    q.y -= cy;
    sxx += q.x * q.x;
    syy += q.y * q.y;
    sxy += q.x * q.y;
  }
  // The principal axis is at angle theta with tan(2 theta) = 2 sxy / (sxx - syy).
  const double theta = 0.5 * std::atan2(2.0 * sxy, sxx - syy);
  const double c = std::cos(theta), s = std::sin(theta);
  double extent = 0;
  for (point& q : p) {
    const double x = c * q.x + s * q.y, y = -s * q.x + c * q.y;
    q = {x, y};
    extent = std::max({extent, std::abs(x), std::abs(y)});
  }
  // "Off the axis" means farther than rounding noise from it.
  const double tol = 1e-9 * extent;
  for (const point& q : p)
    if (std::abs(q.x) > tol) {
      if (q.x > 0)
        for (point& r : p) r.x = -r.x;
      break;
    }
  for (const point& q : p)
    if (std::abs(q.y) > tol) {
      if (q.y < 0)
        for (point& r : p) r.y = -r.y;
      break;
    }
}

/// Packs the components' drawings (`drawings[c]` for `comps[c]`, in the units of one edge
/// length, already oriented) into [margin, 1 - margin]^2: each drawing is a box with a gap of
/// one unit around it, boxes go left to right in rows from the top, largest component first,
/// rows as wide as the square root of the boxes' total area (or the widest box); the whole is
/// then scaled by one factor (aspect kept) and centred. Returns one point per vertex of `n`.
/// Complexity: O(n).
inline std::vector<point> pack(const std::vector<component>& comps,
                               std::vector<std::vector<point>>& drawings, std::uint32_t n,
                               double margin) {
  std::vector<point> out(n);
  if (comps.empty()) return out;
  constexpr double gap = 1.0;
  struct box {
    double min_x, min_y, w, h;
  };
  std::vector<box> boxes;
  double area = 0, widest = 0;
  for (const auto& d : drawings) {
    double lx = d.front().x, hx = lx, ly = d.front().y, hy = ly;
    for (const point& q : d) {
      lx = std::min(lx, q.x), hx = std::max(hx, q.x);
      ly = std::min(ly, q.y), hy = std::max(hy, q.y);
    }
    boxes.push_back({lx, ly, hx - lx + gap, hy - ly + gap});
    area += boxes.back().w * boxes.back().h;
    widest = std::max(widest, boxes.back().w);
  }
  const double row_width = std::max(widest, std::sqrt(area));
  double x = 0, top = 0, row_height = 0, width = 0;
  for (std::size_t c = 0; c < comps.size(); ++c) {
    const box& b = boxes[c];
    if (x > 0 && x + b.w > row_width * (1 + 1e-12)) {
      top -= row_height;
      x = 0;
      row_height = 0;
    }
    // The box's top-left corner is at (x, top); its drawing sits in it, a half gap inside.
    const double dx = x + gap / 2 - b.min_x;
    const double dy = top - gap / 2 - (b.min_y + b.h - gap);
    for (std::size_t i = 0; i < comps[c].vertices.size(); ++i)
      out[comps[c].vertices[i]] = {drawings[c][i].x + dx, drawings[c][i].y + dy};
    x += b.w;
    width = std::max(width, x);
    row_height = std::max(row_height, b.h);
  }
  const double height = -(top - row_height);
  // The boxes span [0, width] x [-height, 0] less a half gap on every side.
  const double span_x = width - gap, span_y = height - gap;
  const double span = std::max(span_x, span_y);
  const double scale = span > 0 ? (1.0 - 2.0 * margin) / span : 0.0;
  const double ox = 0.5 - scale * (gap / 2 + span_x / 2);
  const double oy = 0.5 - scale * (-gap / 2 - span_y / 2);
  for (point& q : out) {
    q.x = std::clamp(ox + scale * q.x, 0.0, 1.0);
    q.y = std::clamp(oy + scale * q.y, 0.0, 1.0);
  }
  return out;
}

}  // namespace coproduction::detail::layout
