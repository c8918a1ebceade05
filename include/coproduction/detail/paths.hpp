#pragma once
/// \file
/// The path kernels of the centralities on the compact graph: single-source shortest-path
/// searches that count distances (closeness, harmonic closeness) and Brandes' (2001)
/// dependency accumulation (betweenness), unweighted by breadth-first search and weighted by
/// Dijkstra's algorithm on lengths, run over all sources on the thread pool of `parallel.hpp`.
///
/// Unweighted distance sums and unweighted betweenness use breadth-first searches from 64
/// sources at once (one bit per source in a 64-bit word). Each thread allocates its workspace
/// once.
///
/// References: Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
/// Mathematical Sociology 25, 163-177. Then, M. et al. (2014). The more the merrier:
/// efficient multi-source graph traversal. PVLDB 8(4), 449-460.

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/parallel.hpp"
#include "coproduction/error.hpp"

namespace coproduction::detail {

/// Sources are handed out in chunks of this many; the multi-source search takes one 64-bit
/// word of sources at a time.
inline constexpr std::uint32_t source_chunk = 32;
inline constexpr std::uint32_t word_chunk = 64;

/// Two path lengths within a relative 1e-10 of each other are the same length, so that
/// 1/2 + 1/3 + 1/6 (0.9999999999999999 in floating point) ties 1 as it does on paper
/// (igraph compares the same way).
inline bool same_length(double a, double b) noexcept {
  return std::abs(a - b) <= 1e-10 * std::max(std::abs(a), std::abs(b));
}


/// A vertex's state in an unweighted Brandes search, kept together so that checking a
/// neighbour touches one cache line: `value` is the number of shortest paths from the source
/// during the search, then `(1 + dependency) / paths` during the accumulation.
struct brandes_slot {
  double value = 0.0;
  std::int32_t hops = -1;
};

struct heap_order {
  bool operator()(const std::pair<double, std::uint32_t>& a,
                  const std::pair<double, std::uint32_t>& b) const noexcept {
    return a.first > b.first;
  }
};

/// Per-thread workspace of single-source searches, allocated once per thread.
struct search_workspace {
  std::vector<brandes_slot> slots;        // unweighted Brandes
  std::vector<std::uint32_t> dag;         // unweighted Brandes: shortest-path arcs' heads
  std::vector<std::uint32_t> dag_start;   // ... from dag_start[i], i the tail's BFS position
  std::vector<double> dist;               // Dijkstra distance, +inf unseen
  std::vector<double> sigma;              // number of shortest paths from the source (weighted)
  std::vector<double> coef;               // (1 + delta) / sigma (weighted)
  std::vector<std::uint32_t> order;       // vertices in the order they were settled
  std::vector<std::uint32_t> rank;        // position in `order` (weighted Brandes)
  std::vector<std::uint32_t> touched;
  std::vector<char> settled;
  std::vector<std::pair<double, std::uint32_t>> heap;

  search_workspace(std::uint32_t n, std::size_t arcs, bool weighted, bool brandes) {
    order.resize(n);
    if (weighted) {
      dist.assign(n, std::numeric_limits<double>::infinity());
      settled.assign(n, 0);
      touched.reserve(n);
      heap.reserve(arcs + 1);  // lazy deletion pushes at most once per arc, plus the source
      if (brandes) {
        rank.assign(n, 0);
        sigma.assign(n, 0.0);
        coef.assign(n, 0.0);
      }
    } else if (brandes) {
      slots.assign(n, brandes_slot{});
      dag.resize(arcs);
      dag_start.resize(static_cast<std::size_t>(n) + 1);
    }
  }

  // Dijkstra's queue, with lazy deletion: a vertex is queued again when its distance drops,
  // and its stale entries are skipped when they come out.

  /// Starts a search from `s`: distance 0, queued, touched (to be reset after).
  void start(std::uint32_t s) {
    heap.clear();
    touched.clear();
    dist[s] = 0.0;
    touched.push_back(s);
    heap.emplace_back(0.0, s);
  }
  /// Queues `v` at distance `d`.
  void queue(double d, std::uint32_t v) {
    heap.emplace_back(d, v);
    std::push_heap(heap.begin(), heap.end(), heap_order{});
  }
  /// Takes the nearest queued vertex not yet settled and settles it; false when none is left.
  bool settle_next(double& d, std::uint32_t& v) {
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), heap_order{});
      const auto top = heap.back();
      heap.pop_back();
      if (settled[top.second]) continue;
      settled[top.second] = 1;
      d = top.first;
      v = top.second;
      return true;
    }
    return false;
  }
};

/// Sum of distances, number reached (the source included) and sum of reciprocal distances
/// from `s` over `adj`.
struct reach_sums {
  double total = 0.0;
  double reciprocal = 0.0;
  std::uint32_t reached = 1;
};

template <bool Reciprocal>
reach_sums dijkstra_sums(const adjacency& adj, std::uint32_t s, search_workspace& ws) {
  reach_sums r;
  ws.start(s);
  std::uint32_t reached = 0;
  double d = 0.0;
  std::uint32_t v = 0;
  while (ws.settle_next(d, v)) {
    ++reached;
    if (v != s) {
      r.total += d;
      if constexpr (Reciprocal) r.reciprocal += 1.0 / d;
    }
    for (std::size_t a = adj.begin(v); a < adj.end(v); ++a) {
      const std::uint32_t t = adj.targets[a];
      if (ws.settled[t]) continue;
      const double alt = d + adj.length[a];
      if (alt < ws.dist[t]) {
        if (ws.dist[t] == std::numeric_limits<double>::infinity()) ws.touched.push_back(t);
        ws.dist[t] = alt;
        ws.queue(alt, t);
      }
    }
  }
  for (std::uint32_t u : ws.touched) {
    ws.dist[u] = std::numeric_limits<double>::infinity();
    ws.settled[u] = 0;
  }
  r.reached = reached;
  return r;
}

/// Workspace of the multi-source search: one bit per source of the batch in each word.
struct word_workspace {
  std::vector<std::uint64_t> seen, visit, next;
  explicit word_workspace(std::uint32_t n) : seen(n, 0), visit(n, 0), next(n, 0) {}
};

/// Breadth-first searches from up to 64 sources at once (Then et al. 2014, "The more the
/// merrier: efficient multi-source graph traversal", PVLDB 8(4)): bit i of a vertex's word
/// stands for source first + i, so one scan of an edge serves every source whose frontier
/// holds its tail at that level. On sparse graphs this scans each edge a few times per batch
/// instead of once per source.
template <bool Reciprocal>
void word_bfs_sums(const adjacency& adj, std::uint32_t n, std::uint32_t first,
                   std::uint32_t count, word_workspace& ws, reach_sums* out) {
  std::uint64_t* seen = ws.seen.data();
  std::uint64_t* visit = ws.visit.data();
  std::uint64_t* next = ws.next.data();
  const std::uint32_t* targets = adj.targets.data();
  const std::size_t* offsets = adj.offsets.data();
  std::fill(ws.seen.begin(), ws.seen.end(), 0);
  std::fill(ws.visit.begin(), ws.visit.end(), 0);
  std::int64_t total[64] = {};
  std::uint32_t reached[64] = {};
  double reciprocal[64] = {};
  for (std::uint32_t i = 0; i < count; ++i) seen[first + i] = visit[first + i] = 1ull << i;
  bool active = true;
  for (std::int64_t level = 1; active; ++level) {
    for (std::uint32_t v = 0; v < n; ++v) {
      const std::uint64_t frontier = visit[v];
      if (frontier == 0) continue;
      for (std::size_t a = offsets[v], e = offsets[v + 1]; a < e; ++a) next[targets[a]] |= frontier;
    }
    active = false;
    const double inverse = 1.0 / static_cast<double>(level);
    for (std::uint32_t t = 0; t < n; ++t) {
      std::uint64_t found = next[t];
      if (found == 0) {
        visit[t] = 0;
        continue;
      }
      next[t] = 0;
      found &= ~seen[t];
      visit[t] = found;
      if (found == 0) continue;
      seen[t] |= found;
      active = true;
      do {
        const int i = std::countr_zero(found);
        found &= found - 1;
        total[i] += level;
        ++reached[i];
        if constexpr (Reciprocal) reciprocal[i] += inverse;
      } while (found != 0);
    }
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    out[first + i].total = static_cast<double>(total[i]);
    out[first + i].reciprocal = reciprocal[i];
    out[first + i].reached = reached[i] + 1;
  }
}

/// For every vertex v, the distance sums over `adj` from v (to v when `adj` is the incoming
/// adjacency). Each source writes only its own entry, so any order of work gives the same
/// result.
template <bool Reciprocal>
std::vector<reach_sums> all_reach_sums(const compact_graph& g, const adjacency& adj,
                                       unsigned threads, const stop_check& stop) {
  std::vector<reach_sums> sums(g.n);
  if (g.n == 0) return sums;
  if (!g.weighted) {
    const std::size_t units = chunk_count(g.n, word_chunk);
    const unsigned workers = resolve_threads(threads, units);
    auto spaces = make_workspaces(workers, [&] { return word_workspace(g.n); });
    for_each_unit(units, workers, stop,
                  [&](unsigned w, std::size_t unit, const std::atomic<bool>&) {
                    const auto begin = static_cast<std::uint32_t>(unit * word_chunk);
                    const auto count = std::min<std::uint32_t>(word_chunk, g.n - begin);
                    word_bfs_sums<Reciprocal>(adj, g.n, begin, count, spaces[w], sums.data());
                  });
    return sums;
  }
  const std::size_t units = chunk_count(g.n, source_chunk);
  const unsigned workers = resolve_threads(threads, units);
  auto spaces = make_workspaces(
      workers, [&] { return search_workspace(g.n, adj.targets.size(), true, false); });
  for_each_unit(units, workers, stop,
                [&](unsigned w, std::size_t unit, const std::atomic<bool>&) {
                  search_workspace& ws = spaces[w];
                  const auto begin = static_cast<std::uint32_t>(unit * source_chunk);
                  const auto end = std::min<std::uint32_t>(g.n, begin + source_chunk);
                  for (std::uint32_t s = begin; s < end; ++s)
                    sums[s] = dijkstra_sums<Reciprocal>(adj, s, ws);
                });
  return sums;
}

/// Brandes (2001) from one source, unweighted: a BFS counts shortest paths and records the
/// arcs that lie on them (d(t) = d(v) + 1) grouped by tail, then dependencies are summed in
/// reverse BFS order over those arcs alone, read sequentially; no predecessor lists.
inline void brandes_bfs(const adjacency& adj, std::uint32_t s, search_workspace& ws,
                        double* bc) {
  brandes_slot* slots = ws.slots.data();
  std::uint32_t* order = ws.order.data();
  std::uint32_t* dag = ws.dag.data();
  std::uint32_t* dag_start = ws.dag_start.data();
  const std::uint32_t* targets = adj.targets.data();
  const std::size_t* offsets = adj.offsets.data();
  std::size_t head = 0, tail = 1;
  std::uint32_t arcs = 0;
  order[0] = s;
  slots[s] = {1.0, 0};
  while (head < tail) {
    dag_start[head] = arcs;
    const std::uint32_t v = order[head++];
    const std::int32_t next = slots[v].hops + 1;
    const double paths = slots[v].value;
    for (std::size_t a = offsets[v], e = offsets[v + 1]; a < e; ++a) {
      const std::uint32_t u = targets[a];
      brandes_slot& t = slots[u];
      if (t.hops < 0) {
        t.hops = next;
        order[tail++] = u;
      }
      if (t.hops == next) {
        t.value += paths;
        dag[arcs++] = u;
      }
    }
  }
  dag_start[tail] = arcs;
  // Deepest first: every successor of w already holds (1 + delta) / sigma in `value`.
  for (std::size_t i = tail; i-- > 1;) {
    const std::uint32_t w = order[i];
    double sum = 0.0;
    for (std::uint32_t a = dag_start[i], e = dag_start[i + 1]; a < e; ++a)
      sum += slots[dag[a]].value;
    const double paths = slots[w].value;
    const double delta = paths * sum;
    slots[w].value = (1.0 + delta) / paths;
    bc[w] += delta;
  }
  for (std::size_t i = 0; i < tail; ++i) slots[order[i]] = brandes_slot{};
}

/// Workspace of Brandes' algorithm from up to 64 sources at once: per vertex, a word of the
/// sources that have reached it and, per source of the batch, its path count and then its
/// dependency (`paths`) and `(1 + dependency) / paths` (`coef`); the vertices at each
/// distance with the word of the sources they are at that distance from (`at`, from
/// `level_start`).
struct word_brandes_workspace {
  std::vector<std::uint64_t> seen, found, deeper;
  std::vector<double> paths, coef;
  std::vector<std::uint32_t> at, reached, touched;
  std::vector<std::uint64_t> at_word;
  std::vector<std::size_t> level_start;
  explicit word_brandes_workspace(std::uint32_t n)
      : seen(n, 0), found(n, 0), deeper(n, 0), paths(std::size_t{n} * 64, 0.0),
        coef(std::size_t{n} * 64, 0.0) {
    reached.reserve(n);
    touched.resize(std::size_t{n} + 1);  // one slot past the last vertex is written, not kept
  }
};

/// Above this many vertices, the per-thread workspace of `word_brandes` (1 KiB per vertex)
/// is too large and each source is searched on its own.
inline constexpr std::uint32_t word_brandes_limit = 1u << 16;

/// Brandes (2001) from the sources `first` to `first + count - 1` (at most 64) at once,
/// unweighted. An arc (v, u) lies on a shortest path from source i exactly when v is at
/// distance d from i and u has not been reached by i before distance d + 1, so one scan of
/// v's arcs with the word of the sources at whose distance d it is finds, for every one of
/// them together, the arcs that count paths (Then et al. 2014 apply the same word
/// parallelism to distances). The dependencies are then summed level by level, deepest
/// first, over the same arcs. Each vertex's dependencies are added to `bc` source by source
/// in order at the end, so the sums are the same bit for bit as one source at a time.
inline void word_brandes(const adjacency& adj, std::uint32_t first, std::uint32_t count,
                         word_brandes_workspace& ws, double* bc) {
  std::uint64_t* seen = ws.seen.data();
  std::uint64_t* found = ws.found.data();
  std::uint64_t* deeper = ws.deeper.data();
  double* paths = ws.paths.data();
  double* coef = ws.coef.data();
  const std::uint32_t* targets = adj.targets.data();
  const std::size_t* offsets = adj.offsets.data();
  auto& at = ws.at;
  auto& at_word = ws.at_word;
  auto& level_start = ws.level_start;
  std::uint32_t* touched = ws.touched.data();
  at.clear();
  at_word.clear();
  level_start.assign(1, 0);
  ws.reached.clear();
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::uint32_t s = first + i;
    seen[s] = 1ull << i;
    paths[std::size_t{s} * 64 + i] = 1.0;
    at.push_back(s);
    at_word.push_back(1ull << i);
    ws.reached.push_back(s);
  }
  // Counting paths, one distance at a time.
  for (;;) {
    const std::size_t begin = level_start.back(), end = at.size();
    level_start.push_back(end);
    if (begin == end) break;
    std::size_t reach = 0;
    for (std::size_t e = begin; e < end; ++e) {
      const std::uint32_t v = at[e];
      const std::uint64_t word = at_word[e];
      const double* from = paths + std::size_t{v} * 64;
      for (std::size_t a = offsets[v], stop = offsets[v + 1]; a < stop; ++a) {
        const std::uint32_t u = targets[a];
        std::uint64_t on = word & ~seen[u];
        if (on == 0) continue;
        touched[reach] = u;
        reach += found[u] == 0;
        found[u] |= on;
        double* to = paths + std::size_t{u} * 64;
        do {
          const int i = std::countr_zero(on);
          on &= on - 1;
          to[i] += from[i];
        } while (on != 0);
      }
    }
    for (std::size_t r = 0; r < reach; ++r) {
      const std::uint32_t u = touched[r];
      if (seen[u] == 0) ws.reached.push_back(u);
      seen[u] |= found[u];
      at.push_back(u);
      at_word.push_back(found[u]);
      found[u] = 0;
    }
  }
  // Summing dependencies, deepest first: `deeper` holds the word of each vertex one
  // distance further out.
  const std::size_t levels = level_start.size() - 2;
  for (std::size_t d = levels; d-- > 1;) {
    for (std::size_t e = level_start[d + 1]; e < level_start[d + 2]; ++e) deeper[at[e]] = at_word[e];
    for (std::size_t e = level_start[d]; e < level_start[d + 1]; ++e) {
      const std::uint32_t w = at[e];
      const std::uint64_t word = at_word[e];
      double* p = paths + std::size_t{w} * 64;
      double* c = coef + std::size_t{w} * 64;  // the sum over successors, until replaced
      for (std::size_t a = offsets[w], stop = offsets[w + 1]; a < stop; ++a) {
        const std::uint32_t u = targets[a];
        std::uint64_t on = word & deeper[u];
        if (on == 0) continue;
        const double* cu = coef + std::size_t{u} * 64;
        do {
          const int i = std::countr_zero(on);
          on &= on - 1;
          c[i] += cu[i];
        } while (on != 0);
      }
      for (std::uint64_t b = word; b != 0; b &= b - 1) {
        const int i = std::countr_zero(b);
        const double delta = p[i] * c[i];
        c[i] = (1.0 + delta) / p[i];
        p[i] = delta;  // the path count is not needed again: keep the dependency
      }
    }
    for (std::size_t e = level_start[d + 1]; e < level_start[d + 2]; ++e) deeper[at[e]] = 0;
  }
  for (std::uint32_t i = 0; i < count; ++i) paths[std::size_t{first + i} * 64 + i] = 0.0;
  for (const std::uint32_t u : ws.reached) {
    double* p = paths + std::size_t{u} * 64;
    double* c = coef + std::size_t{u} * 64;
    double total = bc[u];
    for (std::uint32_t i = 0; i < count; ++i) {
      total += p[i];
      p[i] = 0.0;
      c[i] = 0.0;
    }
    bc[u] = total;
    seen[u] = 0;
  }
}

/// Brandes (2001) from one source with Dijkstra's algorithm on lengths.
inline void brandes_dijkstra(const adjacency& adj, std::uint32_t s, search_workspace& ws,
                             double* bc) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::size_t settled_count = 0;
  ws.start(s);
  ws.sigma[s] = 1.0;
  double d = 0.0;
  std::uint32_t v = 0;
  while (ws.settle_next(d, v)) {
    ws.rank[v] = static_cast<std::uint32_t>(settled_count);
    ws.order[settled_count++] = v;
    const double sv = ws.sigma[v];
    for (std::size_t a = adj.begin(v); a < adj.end(v); ++a) {
      const std::uint32_t t = adj.targets[a];
      if (ws.settled[t]) continue;
      const double alt = d + adj.length[a];
      double& dt = ws.dist[t];
      if (dt == inf) {
        ws.touched.push_back(t);
        dt = alt;
        ws.sigma[t] = sv;
        ws.queue(alt, t);
      } else if (same_length(alt, dt)) {
        ws.sigma[t] += sv;
      } else if (alt < dt) {
        dt = alt;
        ws.sigma[t] = sv;
        ws.queue(alt, t);
      }
    }
  }
  for (std::size_t i = settled_count; i-- > 1;) {
    const std::uint32_t w = ws.order[i];
    const double dw = ws.dist[w];
    double sum = 0.0;
    for (std::size_t a = adj.begin(w); a < adj.end(w); ++a) {
      const std::uint32_t t = adj.targets[a];
      if (ws.settled[t] && ws.rank[t] > i && same_length(dw + adj.length[a], ws.dist[t]))
        sum += ws.coef[t];
    }
    const double delta = ws.sigma[w] * sum;
    ws.coef[w] = (1.0 + delta) / ws.sigma[w];
    bc[w] += delta;
  }
  for (std::uint32_t u : ws.touched) {
    ws.dist[u] = inf;
    ws.sigma[u] = 0.0;
    ws.settled[u] = 0;
  }
}

/// Brandes' dependency sums of every vertex over every source (each ordered pair of a directed
/// graph once, each unordered pair of an undirected one twice), before any normalisation.
/// Sources go in chunks of `source_chunk` through `ordered_sum`, so the result is the same bit
/// for bit for every thread count.
///
/// Complexity: O(n m) unweighted, O(n m + n^2 log n) weighted; memory O(n + m) per thread
/// and O(n) per accumulation block. Throws: `interrupted` when `stop` said so.
inline std::vector<double> betweenness_sums(const compact_graph& g, unsigned threads,
                                            const stop_check& stop) {
  const std::uint32_t n = g.n;
  if (n == 0) return {};
  if (!g.weighted && n <= word_brandes_limit)
    return ordered_sum(
        chunk_count(n, word_chunk), n, threads, stop, [&] { return word_brandes_workspace(n); },
        [&](word_brandes_workspace& ws, std::size_t chunk, double* acc) {
          const auto first = static_cast<std::uint32_t>(chunk * word_chunk);
          word_brandes(g.out, first, std::min<std::uint32_t>(word_chunk, n - first), ws, acc);
        });
  return ordered_sum(
      chunk_count(n, source_chunk), n, threads, stop,
      [&] { return search_workspace(n, g.out.targets.size(), g.weighted, true); },
      [&](search_workspace& ws, std::size_t chunk, double* acc) {
        const auto begin = static_cast<std::uint32_t>(chunk * source_chunk);
        const auto end = std::min<std::uint32_t>(n, begin + source_chunk);
        for (std::uint32_t s = begin; s < end; ++s) {
          if (g.weighted)
            brandes_dijkstra(g.out, s, ws, acc);
          else
            brandes_bfs(g.out, s, ws, acc);
        }
      });
}

}  // namespace coproduction::detail
