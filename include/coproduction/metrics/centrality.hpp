#pragma once
/// \file
/// Node centralities: degree (in, out, total; weighted = strength), closeness, harmonic
/// closeness, betweenness, eigenvector and PageRank, as free function templates over
/// Boost.Graph concepts.
///
/// Every function takes a graph that models VertexListGraph and IncidenceGraph, a readable
/// vertex index map (integers in `[0, num_vertices(g))`), and either a readable edge weight
/// map or `coproduction::unweighted`, and returns a `std::vector<double>` indexed by vertex
/// index. A vertex of the index range that the graph does not show (a `filtered_graph` that
/// hides it) gets NaN and takes no part in the computation, so a filtered view behaves as the
/// smaller graph it shows.
///
/// The graph is first copied into a compact CSR form (`detail/csr.hpp`); path-based measures
/// then search from every source vertex, in parallel over sources on `threads` std::threads:
/// betweenness with one breadth-first (unweighted) or Dijkstra (weighted) search per source,
/// unweighted closeness and harmonic closeness with breadth-first searches from 64 sources
/// at once (one bit per source in a 64-bit word). Each thread allocates its workspace once;
/// threads claim work as they become free. Betweenness accumulates into a fixed set of
/// per-block vectors added in block order, so every result is the same, bit for bit, for
/// every number of threads and every run.
///
/// Conventions (each matches NetworkX 3's default, which the Python tests check to 1e-9):
/// - A weight is a tie strength (bigger = closer) and a path's length is the sum of
///   `1 / weight` (Newman 2001; Opsahl, Agneessens & Skvoretz 2010); `weight_meaning::distance`
///   reads weights as lengths instead. Degree, eigenvector and PageRank use strengths.
/// - Self-loops are ignored; parallel edges are merged (strengths add up) unless
///   `parallel_edges::keep` is asked for (see `detail/csr.hpp`).
/// - `directed = false` reads a directed graph as undirected; an undirected graph is always
///   read as undirected.

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/property_map/property_map.hpp>

#include "coproduction/detail/csr.hpp"
#include "coproduction/error.hpp"

namespace coproduction {

/// Tag for "no weight map": every edge has strength and length 1.
struct unweighted_t {
  explicit unweighted_t() = default;
};
/// Pass as the weight map to compute an unweighted measure.
inline constexpr unweighted_t unweighted{};

/// Which edges degree counts in a directed graph (ignored when the graph is read undirected).
enum class degree_mode {
  in,     ///< incoming edges: how many relations point at the stakeholder
  out,    ///< outgoing edges
  total,  ///< in + out (NetworkX's `DiGraph.degree`)
};

/// Which distances closeness and harmonic closeness use in a directed graph (ignored when the
/// graph is read undirected).
enum class path_mode {
  in,   ///< distances from every other vertex to v: how easily v is reached (NetworkX's default)
  out,  ///< distances from v to every other vertex: how easily v reaches others (igraph's default)
};

/// Called from time to time during a long computation; returning true stops it and the
/// function throws `computation_interrupted`. Called from the thread that called the
/// centrality function (never from a worker), so it may take a language runtime's lock.
using stop_check = std::function<bool()>;

/// Thrown when a `stop_check` asked a computation to stop. Not a `coproduction::error`: it
/// reports no bad input, and a binding turns it back into the caller's own interruption.
class computation_interrupted : public std::exception {
 public:
  const char* what() const noexcept override { return "computation interrupted"; }
};

/// Options of `degree_centrality`.
struct degree_options {
  degree_mode mode = degree_mode::total;
  bool normalized = true;  ///< divide by n - 1 (NetworkX `degree_centrality`)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

/// Options of `closeness_centrality`.
struct closeness_options {
  path_mode mode = path_mode::in;
  bool wf_improved = true;  ///< scale by the reached share (Wasserman & Faust 1994, p. 201)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;  ///< 0 = std::thread::hardware_concurrency()
  stop_check stop_requested = {};
};

/// Options of `harmonic_centrality`.
struct harmonic_options {
  path_mode mode = path_mode::in;
  bool normalized = false;  ///< divide by n - 1 (igraph's `normalized=True`)
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;
  stop_check stop_requested = {};
};

/// Options of `betweenness_centrality`.
struct betweenness_options {
  bool normalized = true;  ///< divide as NetworkX does, see `betweenness_centrality`
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
  unsigned threads = 0;
  stop_check stop_requested = {};
};

/// Options of `eigenvector_centrality`.
struct eigenvector_options {
  std::size_t max_iter = 100;
  double tol = 1e-6;
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

/// Options of `pagerank`.
struct pagerank_options {
  double alpha = 0.85;  ///< damping: the chance of following an edge rather than jumping
  std::size_t max_iter = 100;
  double tol = 1e-6;
  bool directed = true;
  weight_meaning weights = weight_meaning::strength;
  parallel_edges parallel = parallel_edges::merge;
};

namespace detail {

// ---------------------------------------------------------------------------------------
// Parallel loop over source vertices.

/// Sources are handed out in chunks of this many (one 64-bit word of sources for the
/// multi-source search).
inline constexpr std::uint32_t source_chunk = 32;
inline constexpr std::uint32_t word_chunk = 64;

inline std::size_t chunk_count(std::uint32_t n, std::uint32_t chunk) {
  return (static_cast<std::size_t>(n) + chunk - 1) / chunk;
}

inline unsigned resolve_threads(unsigned threads, std::size_t units) {
  unsigned t = threads != 0 ? threads : std::thread::hardware_concurrency();
  if (t == 0) t = 1;
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(t, units)));
}

/// Calls `body(worker, unit, halt)` once for every unit in `[0, units)`. Workers claim the
/// next unit as they become free, so a thread slowed by other work on the machine does not
/// hold the others up; `halt` turns true when the computation should stop early, and a long
/// unit checks it between chunks. With a `stop` check, the calling thread only waits and polls
/// it every 50 ms. Rethrows the first exception of a worker.
template <class Body>
void for_each_unit(std::size_t units, unsigned workers, const stop_check& stop, Body&& body) {
  std::atomic<std::size_t> next_unit{0};
  std::atomic<bool> halt{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto work = [&](unsigned w) {
    try {
      while (!halt.load(std::memory_order_relaxed)) {
        const std::size_t unit = next_unit.fetch_add(1, std::memory_order_relaxed);
        if (unit >= units) return;
        body(w, unit, halt);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      halt.store(true);
    }
  };

  bool stopped = false;
  if (workers <= 1 && !stop) {
    work(0);
  } else {
    std::mutex done_mutex;
    std::condition_variable done_cv;
    unsigned done = 0;
    std::vector<std::thread> pool;
    pool.reserve(workers);
    try {
      for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back([&, w] {
          work(w);
          std::lock_guard<std::mutex> lock(done_mutex);
          ++done;
          done_cv.notify_one();
        });
    } catch (...) {  // a thread could not be started: stop the others, then report
      halt.store(true);
      for (auto& t : pool) t.join();
      throw;
    }
    {
      std::unique_lock<std::mutex> lock(done_mutex);
      while (done < pool.size()) {
        done_cv.wait_for(lock, std::chrono::milliseconds(50),
                         [&] { return done == pool.size(); });
        if (done < pool.size() && stop && !stopped) {
          lock.unlock();
          bool asked = false;
          try {
            asked = stop();
          } catch (...) {
            asked = true;
          }
          lock.lock();
          if (asked) {
            stopped = true;
            halt.store(true);
          }
        }
      }
    }
    for (auto& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
  if (stopped) throw computation_interrupted();
}

// ---------------------------------------------------------------------------------------
// Kernels on the compact graph.

/// Two path lengths within a relative 1e-10 of each other are the same length, so that
/// 1/2 + 1/3 + 1/6 (0.9999999999999999 in floating point) ties 1 as it does on paper
/// (igraph compares the same way).
inline bool same_length(double a, double b) noexcept {
  return std::abs(a - b) <= 1e-10 * std::max(std::abs(a), std::abs(b));
}

inline std::vector<double> degree(const csr_graph& g, const degree_options& opt) {
  const std::uint32_t n = g.n;
  std::vector<double> out(n, 0.0), in(n, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    for (std::size_t a = g.out.begin(v); a < g.out.end(v); ++a) {
      const double w = g.weighted ? g.out.strength[a] : 1.0;
      out[v] += w;
      in[g.out.targets[a]] += w;
    }
  }
  std::vector<double> result;
  if (!g.directed || opt.mode == degree_mode::out) {
    result = std::move(out);
  } else if (opt.mode == degree_mode::in) {
    result = std::move(in);
  } else {
    result.resize(n);
    for (std::uint32_t v = 0; v < n; ++v) result[v] = in[v] + out[v];
  }
  if (opt.normalized) {
    if (n == 1) {
      result[0] = 1.0;  // NetworkX's convention for a single vertex
    } else if (n > 1) {
      const double scale = 1.0 / (n - 1.0);
      for (double& x : result) x *= scale;
    }
  }
  return result;
}

/// A vertex's state in an unweighted Brandes search, kept together so that checking a
/// neighbour touches one cache line: `value` is the number of shortest paths from the source
/// during the search, then `(1 + dependency) / paths` during the accumulation.
struct brandes_slot {
  double value = 0.0;
  std::int32_t hops = -1;
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
};

struct heap_order {
  bool operator()(const std::pair<double, std::uint32_t>& a,
                  const std::pair<double, std::uint32_t>& b) const noexcept {
    return a.first > b.first;
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
reach_sums dijkstra_sums(const csr_adjacency& adj, std::uint32_t s, search_workspace& ws) {
  reach_sums r;
  auto& heap = ws.heap;
  heap.clear();
  ws.touched.clear();
  ws.dist[s] = 0.0;
  ws.touched.push_back(s);
  heap.emplace_back(0.0, s);
  std::uint32_t reached = 0;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), heap_order{});
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (ws.settled[v]) continue;
    ws.settled[v] = 1;
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
        heap.emplace_back(alt, t);
        std::push_heap(heap.begin(), heap.end(), heap_order{});
      }
    }
  }
  for (std::uint32_t v : ws.touched) {
    ws.dist[v] = std::numeric_limits<double>::infinity();
    ws.settled[v] = 0;
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
void word_bfs_sums(const csr_adjacency& adj, std::uint32_t n, std::uint32_t first,
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
/// adjacency).
template <bool Reciprocal>
std::vector<reach_sums> all_reach_sums(const csr_graph& g, const csr_adjacency& adj,
                                       unsigned threads, const stop_check& stop) {
  std::vector<reach_sums> sums(g.n);
  if (g.n == 0) return sums;
  if (!g.weighted) {
    const std::size_t units = chunk_count(g.n, word_chunk);
    const unsigned workers = resolve_threads(threads, units);
    std::vector<word_workspace> spaces;
    spaces.reserve(workers);
    for (unsigned w = 0; w < workers; ++w) spaces.emplace_back(g.n);
    for_each_unit(units, workers, stop,
                  [&](unsigned w, std::size_t unit, const std::atomic<bool>&) {
                    const auto begin = static_cast<std::uint32_t>(unit * word_chunk);
                    const auto count = std::min<std::uint32_t>(word_chunk, g.n - begin);
                    word_bfs_sums<Reciprocal>(adj, g.n, begin, count, spaces[w], sums.data());
                  });
    return sums;
  }
  // Each source writes only its own entry, so any order of work gives the same result.
  const std::size_t units = chunk_count(g.n, source_chunk);
  const unsigned workers = resolve_threads(threads, units);
  std::vector<search_workspace> spaces;
  spaces.reserve(workers);
  for (unsigned w = 0; w < workers; ++w)
    spaces.emplace_back(g.n, adj.targets.size(), true, false);
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

inline const csr_adjacency& path_adjacency(const csr_graph& g, path_mode mode) {
  // Distances *to* v are distances from v along reversed edges.
  return (g.directed && mode == path_mode::in) ? g.in() : g.out;
}

inline std::vector<double> closeness(const csr_graph& g, const closeness_options& opt) {
  const auto sums = all_reach_sums<false>(g, path_adjacency(g, opt.mode), opt.threads,
                                          opt.stop_requested);
  std::vector<double> c(g.n, 0.0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const reach_sums& r = sums[v];
    if (r.total > 0.0 && g.n > 1) {
      const double others = r.reached - 1.0;
      c[v] = others / r.total;
      if (opt.wf_improved) c[v] *= others / (g.n - 1.0);
    }
  }
  return c;
}

inline std::vector<double> harmonic(const csr_graph& g, const harmonic_options& opt) {
  const auto sums = all_reach_sums<true>(g, path_adjacency(g, opt.mode), opt.threads,
                                         opt.stop_requested);
  std::vector<double> h(g.n, 0.0);
  const double scale = (opt.normalized && g.n > 1) ? 1.0 / (g.n - 1.0) : 1.0;
  for (std::uint32_t v = 0; v < g.n; ++v) h[v] = sums[v].reciprocal * scale;
  return h;
}

/// Brandes (2001) from one source, unweighted: a BFS counts shortest paths and records the
/// arcs that lie on them (d(t) = d(v) + 1) grouped by tail, then dependencies are summed in
/// reverse BFS order over those arcs alone, read sequentially; no predecessor lists.
inline void brandes_bfs(const csr_adjacency& adj, std::uint32_t s, search_workspace& ws,
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

/// Brandes (2001) from one source with Dijkstra's algorithm on lengths.
inline void brandes_dijkstra(const csr_adjacency& adj, std::uint32_t s, search_workspace& ws,
                             double* bc) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  auto& heap = ws.heap;
  heap.clear();
  ws.touched.clear();
  std::size_t settled_count = 0;
  ws.dist[s] = 0.0;
  ws.sigma[s] = 1.0;
  ws.touched.push_back(s);
  heap.emplace_back(0.0, s);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), heap_order{});
    const auto [d, v] = heap.back();
    heap.pop_back();
    if (ws.settled[v]) continue;
    ws.settled[v] = 1;
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
        heap.emplace_back(alt, t);
        std::push_heap(heap.begin(), heap.end(), heap_order{});
      } else if (same_length(alt, dt)) {
        ws.sigma[t] += sv;
      } else if (alt < dt) {
        dt = alt;
        ws.sigma[t] = sv;
        heap.emplace_back(alt, t);
        std::push_heap(heap.begin(), heap.end(), heap_order{});
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
  for (std::uint32_t v : ws.touched) {
    ws.dist[v] = inf;
    ws.sigma[v] = 0.0;
    ws.settled[v] = 0;
  }
}

/// Betweenness sums dependencies over sources, and floating-point sums depend on their
/// order. To make the result the same whatever the number of threads and the timing, the
/// sources are split into a fixed number of blocks that depends on n alone; each block sums
/// into its own vector (a worker claims whole blocks) and the blocks are added in order.
/// At most 64 blocks, and at most 2^23 doubles (64 MiB) of block vectors in all.
inline std::size_t accumulation_blocks(std::uint32_t n) {
  const std::size_t by_memory = (std::size_t{1} << 23) / std::max<std::uint32_t>(n, 1);
  return std::max<std::size_t>(
      1, std::min<std::size_t>({64, by_memory, chunk_count(n, source_chunk)}));
}

inline std::vector<double> betweenness(const csr_graph& g, const betweenness_options& opt) {
  const std::uint32_t n = g.n;
  std::vector<double> bc(n, 0.0);
  if (n == 0) return bc;
  const std::size_t chunks = chunk_count(n, source_chunk);
  const std::size_t blocks = accumulation_blocks(n);
  const unsigned workers = resolve_threads(opt.threads, blocks);
  std::vector<search_workspace> spaces;
  spaces.reserve(workers);
  for (unsigned w = 0; w < workers; ++w)
    spaces.emplace_back(n, g.out.targets.size(), g.weighted, true);
  std::vector<std::vector<double>> partial(blocks, std::vector<double>(n, 0.0));
  for_each_unit(blocks, workers, opt.stop_requested,
                [&](unsigned w, std::size_t block, const std::atomic<bool>& halt) {
                  search_workspace& ws = spaces[w];
                  double* acc = partial[block].data();
                  const std::size_t first = block * chunks / blocks;
                  const std::size_t last = (block + 1) * chunks / blocks;
                  for (std::size_t c = first; c < last; ++c) {
                    if (halt.load(std::memory_order_relaxed)) return;
                    const auto begin = static_cast<std::uint32_t>(c * source_chunk);
                    const auto end = std::min<std::uint32_t>(n, begin + source_chunk);
                    for (std::uint32_t s = begin; s < end; ++s) {
                      if (g.weighted)
                        brandes_dijkstra(g.out, s, ws, acc);
                      else
                        brandes_bfs(g.out, s, ws, acc);
                    }
                  }
                });
  for (const auto& block : partial)
    for (std::uint32_t v = 0; v < n; ++v) bc[v] += block[v];
  // Every ordered pair (s, t) was counted; NetworkX's _rescale with endpoints=False.
  if (n > 2) {
    double scale = 1.0;
    if (opt.normalized)
      scale = 1.0 / ((n - 1.0) * (n - 2.0));
    else if (!g.directed)
      scale = 0.5;
    if (scale != 1.0)
      for (double& x : bc) x *= scale;
  }
  return bc;
}

inline void check_iteration(std::size_t max_iter, double tol) {
  if (max_iter == 0) throw input_error("max_iter", "must be at least 1");
  if (!(std::isfinite(tol) && tol > 0.0))
    throw input_error("tol", "must be a finite positive number, got " + std::to_string(tol));
}

inline std::vector<double> eigenvector(const csr_graph& g, const eigenvector_options& opt) {
  check_iteration(opt.max_iter, opt.tol);
  const std::uint32_t n = g.n;
  if (n == 0) return {};
  // NetworkX's power iteration, step for step: start at 1/n, multiply by (A + I) so that a
  // bipartite graph converges, normalise to unit L2 norm, stop when the L1 change < n * tol.
  std::vector<double> x(n, 1.0 / n), last(n);
  for (std::size_t iter = 0; iter < opt.max_iter; ++iter) {
    last = x;
    for (std::uint32_t u = 0; u < n; ++u) {
      const double xu = last[u];
      for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
        x[g.out.targets[a]] += xu * (g.weighted ? g.out.strength[a] : 1.0);
    }
    double sq = 0.0;
    for (double v : x) sq += v * v;
    double norm = std::sqrt(sq);
    if (norm == 0.0) norm = 1.0;
    double change = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] /= norm;
      change += std::abs(x[v] - last[v]);
    }
    if (change < n * opt.tol) return x;
  }
  throw input_error("max_iter", "eigenvector centrality did not converge in " +
                                    std::to_string(opt.max_iter) +
                                    " iterations; raise max_iter or tol");
}

inline std::vector<double> pagerank(const csr_graph& g, const pagerank_options& opt) {
  check_iteration(opt.max_iter, opt.tol);
  if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0))
    throw input_error("alpha", "must lie in [0, 1], got " + std::to_string(opt.alpha));
  const std::uint32_t n = g.n;
  if (n == 0) return {};
  // NetworkX's _pagerank_scipy, step for step: uniform start and teleport, a dangling
  // vertex's rank spread uniformly, stop when the L1 change < n * tol.
  std::vector<double> out_strength(n, 0.0);
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
      out_strength[u] += g.weighted ? g.out.strength[a] : 1.0;
  const double uniform = 1.0 / n;
  std::vector<double> x(n, uniform), last(n);
  for (std::size_t iter = 0; iter < opt.max_iter; ++iter) {
    last.swap(x);
    std::fill(x.begin(), x.end(), 0.0);
    double dangling = 0.0;
    for (std::uint32_t u = 0; u < n; ++u) {
      if (out_strength[u] == 0.0) {
        dangling += last[u];
        continue;
      }
      const double share = last[u] / out_strength[u];
      for (std::size_t a = g.out.begin(u); a < g.out.end(u); ++a)
        x[g.out.targets[a]] += share * (g.weighted ? g.out.strength[a] : 1.0);
    }
    const double base = opt.alpha * dangling * uniform + (1.0 - opt.alpha) * uniform;
    double change = 0.0;
    for (std::uint32_t v = 0; v < n; ++v) {
      x[v] = opt.alpha * x[v] + base;
      change += std::abs(x[v] - last[v]);
    }
    if (change < n * opt.tol) return x;
  }
  throw input_error("max_iter", "PageRank did not converge in " + std::to_string(opt.max_iter) +
                                    " iterations; raise max_iter or tol");
}

// ---------------------------------------------------------------------------------------
// From a Boost graph to the compact graph.

template <class Graph>
inline constexpr bool is_directed_graph_v =
    std::is_convertible_v<typename boost::graph_traits<Graph>::directed_category,
                          boost::directed_tag>;

template <class Graph, class IndexMap, class WeightMap>
constexpr void check_graph_concepts() {
  using traversal = typename boost::graph_traits<Graph>::traversal_category;
  static_assert(std::is_convertible_v<traversal, boost::vertex_list_graph_tag>,
                "coproduction centralities need a VertexListGraph (vertices(g), num_vertices(g))");
  static_assert(std::is_convertible_v<traversal, boost::incidence_graph_tag>,
                "coproduction centralities need an IncidenceGraph (out_edges(v, g))");
  using index_type = typename boost::property_traits<IndexMap>::value_type;
  static_assert(std::is_integral_v<index_type>,
                "the vertex index map must give integers in [0, num_vertices(g))");
  if constexpr (!std::is_same_v<WeightMap, unweighted_t>) {
    using weight_type = typename boost::property_traits<WeightMap>::value_type;
    static_assert(std::is_arithmetic_v<weight_type>,
                  "the edge weight map must give numbers (use coproduction::unweighted for none)");
  }
}

/// The vertices a graph shows, compacted: `position[index]` is the compact id or `absent`.
struct vertex_compaction {
  static constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> position;  // by vertex index
  std::uint32_t count = 0;
  bool identity = true;  // every index present, in order

  /// Spreads compact-id scores back to a vector by vertex index, NaN where absent.
  std::vector<double> expand(std::vector<double> compact) const {
    if (identity) return compact;
    std::vector<double> out(position.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < position.size(); ++i)
      if (position[i] != absent) out[i] = compact[position[i]];
    return out;
  }
};

template <class Graph, class IndexMap>
vertex_compaction compact_vertices(const Graph& g, IndexMap index) {
  vertex_compaction c;
  const std::size_t range = num_vertices(g);
  if (range > max_vertices)
    throw input_error("graph", "at most " + std::to_string(max_vertices) + " vertices");
  c.position.assign(range, vertex_compaction::absent);
  std::vector<std::uint32_t> present;
  for (auto [it, end] = vertices(g); it != end; ++it) {
    const auto i = static_cast<std::size_t>(get(index, *it));
    if (i >= range || c.position[i] != vertex_compaction::absent)
      throw input_error("index", "the vertex index map must be a bijection onto [0, " +
                                     std::to_string(range) + ")");
    c.position[i] = 0;
    present.push_back(static_cast<std::uint32_t>(i));
  }
  std::sort(present.begin(), present.end());
  for (std::uint32_t p : present) c.position[p] = c.count++;
  c.identity = c.count == range;
  return c;
}

template <class Graph, class IndexMap, class WeightMap>
csr_graph graph_to_csr(const Graph& g, IndexMap index, WeightMap weight,
                       const vertex_compaction& vc, csr_request req) {
  constexpr bool weighted = !std::is_same_v<WeightMap, unweighted_t>;
  constexpr bool directed = is_directed_graph_v<Graph>;
  req.directed = req.directed && directed;
  req.weighted = weighted;
  std::vector<std::uint32_t> sources, targets;
  std::vector<double> weights;
  for (auto [vi, vend] = vertices(g); vi != vend; ++vi) {
    const std::uint32_t s = vc.position[static_cast<std::size_t>(get(index, *vi))];
    for (auto [ei, eend] = out_edges(*vi, g); ei != eend; ++ei) {
      const auto ti = static_cast<std::size_t>(get(index, target(*ei, g)));
      if (ti >= vc.position.size() || vc.position[ti] == vertex_compaction::absent)
        throw input_error("index", "an edge leads to a vertex outside the graph's index range");
      const std::uint32_t t = vc.position[ti];
      // An undirected graph lists each edge at both ends: take it once.
      if constexpr (!directed) {
        if (t < s) continue;
      }
      sources.push_back(s);
      targets.push_back(t);
      if constexpr (weighted) weights.push_back(static_cast<double>(get(weight, *ei)));
    }
  }
  return make_csr<std::uint32_t>(vc.count, sources, targets, weights, req);
}

template <class Options>
csr_request request_from(const Options& opt, bool need_in) {
  csr_request req;
  req.directed = opt.directed;
  req.meaning = opt.weights;
  req.parallel = opt.parallel;
  req.need_in = need_in;
  return req;
}

template <class Graph, class IndexMap, class WeightMap, class Options, class Kernel>
std::vector<double> run_on_graph(const Graph& g, IndexMap index, WeightMap weight,
                                 const Options& opt, bool need_in, Kernel kernel) {
  check_graph_concepts<Graph, IndexMap, WeightMap>();
  const vertex_compaction vc = compact_vertices(g, index);
  const csr_graph csr = graph_to_csr(g, index, weight, vc, request_from(opt, need_in));
  return vc.expand(kernel(csr, opt));
}

}  // namespace detail

/// Degree centrality: the number of edges at a vertex (in, out, or in + out), or with a weight
/// map its strength, the sum of the weights (Barrat et al. 2004; Opsahl et al. 2010).
///
/// Formula: `C_D(v) = deg(v) / (n - 1)` when normalized (NetworkX `degree_centrality`,
/// `in_degree_centrality`, `out_degree_centrality`), else `deg(v)`. A single vertex gets 1
/// when normalized, as in NetworkX.
/// Range: unweighted and normalized, [0, 1] for in/out and undirected, [0, 2] for total in a
/// directed graph. A stakeholder with high in-degree on a `manages` layer is managed by many;
/// high out-degree on `informs` means it informs many.
/// Complexity: O(n + m).
/// Throws: `input_error` for a weight that is not finite and positive.
/// Reference: Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
/// Social Networks 1, 215-239.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> degree_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                      const degree_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false,
                              [](const detail::csr_graph& c, const degree_options& o) {
                                return detail::degree(c, o);
                              });
}

/// Closeness centrality of each vertex, on the vertices it can reach (or that reach it).
///
/// Formula (NetworkX's default, `wf_improved=True`): with `r(v)` the number of vertices
/// within reach of v, v included, and `d` the shortest-path length,
/// `C(v) = (r(v) - 1) / sum_u d(u, v) * (r(v) - 1) / (n - 1)`; the second factor is Wasserman
/// & Faust's correction (1994, p. 201) that weighs a small component down. Without it,
/// `C(v) = (r(v) - 1) / sum_u d(u, v)`, which is igraph's `closeness` (on reachable vertices
/// only). A vertex that reaches no one gets 0. In a connected graph both are Freeman's
/// `(n - 1) / sum_u d(u, v)`. `path_mode::in` uses distances to v (NetworkX's convention
/// for directed graphs), `path_mode::out` distances from v (igraph's default).
/// Range: [0, 1]; 1 means v is one step from everyone. High closeness on an `informs` layer
/// means information reaches the stakeholder (in) or spreads from it (out) quickly.
/// Complexity: O(n (n + m)) unweighted, O(n (m + n) log n) weighted; parallel over sources.
/// Throws: `input_error` for a bad weight; `computation_interrupted` when `stop_requested`
/// said so.
/// Reference: Freeman (1979); Wasserman, S. & Faust, K. (1994). Social Network Analysis,
/// ch. 5. Cambridge University Press.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> closeness_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                         const closeness_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, opt.mode == path_mode::in,
                              [](const detail::csr_graph& c, const closeness_options& o) {
                                return detail::closeness(c, o);
                              });
}

/// Harmonic closeness: the sum of reciprocal distances, which handles unreachable pairs
/// (they add 0) without any correction.
///
/// Formula: `H(v) = sum_{u != v} 1 / d(u, v)` (`path_mode::in`, NetworkX's
/// `harmonic_centrality`) or `1 / d(v, u)` (`path_mode::out`); divided by n - 1 when
/// normalized (igraph's `harmonic_centrality`, `normalized=True`).
/// Range: [0, n - 1] unweighted, [0, 1] normalized.
/// Complexity: as `closeness_centrality`.
/// Throws: as `closeness_centrality`.
/// Reference: Marchiori, M. & Latora, V. (2000). Harmony in the small-world. Physica A 285,
/// 539-546; Boldi, P. & Vigna, S. (2014). Axioms for centrality. Internet Mathematics 10.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> harmonic_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                        const harmonic_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, opt.mode == path_mode::in,
                              [](const detail::csr_graph& c, const harmonic_options& o) {
                                return detail::harmonic(c, o);
                              });
}

/// Betweenness centrality: the share of shortest paths between other pairs that pass through
/// v, by Brandes' algorithm (BFS unweighted, Dijkstra weighted).
///
/// Formula: `B(v) = sum_{s != v != t} sigma_st(v) / sigma_st` over ordered pairs in a directed
/// graph and unordered pairs in an undirected one. Normalized (the default, as NetworkX):
/// divided by `(n - 1)(n - 2)` in a directed graph and by `(n - 1)(n - 2) / 2` in an
/// undirected one, so the centre of a star gets 1. Unnormalized values equal igraph's
/// `betweenness`. Path lengths within a relative 1e-10 count as equal.
/// Range: [0, 1] normalized. High betweenness marks a broker: a stakeholder, often front-line
/// staff, through whom others' relations pass (seed 000).
/// Complexity: O(n m) unweighted, O(n m + n^2 log n) weighted; memory O(n + m) per thread.
/// Throws: `input_error` for a bad weight; `computation_interrupted` when `stop_requested`
/// said so.
/// Reference: Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
/// Sociometry 40, 35-41; Brandes, U. (2001). A faster algorithm for betweenness centrality.
/// Journal of Mathematical Sociology 25, 163-177.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> betweenness_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                           const betweenness_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false,
                              [](const detail::csr_graph& c, const betweenness_options& o) {
                                return detail::betweenness(c, o);
                              });
}

/// Eigenvector centrality: a vertex is central when central vertices point at it.
///
/// Formula: the Perron vector of `A^T` (in-edges in a directed graph: `x_v` is proportional
/// to `sum_{u -> v} w_uv x_u`), found by NetworkX's power iteration on `A^T + I` from the
/// uniform vector, scaled to unit Euclidean norm, stopping when the L1 change is below
/// `n * tol` (so results equal NetworkX's `eigenvector_centrality` with the same `tol`).
/// Range: [0, 1], unit L2 norm.
/// Complexity: O(max_iter (n + m)).
/// Throws: `input_error` ("max_iter") when it does not converge (e.g. a directed graph with
/// no cycle); ("tol"/"max_iter") for a bad option; ("weight") for a bad weight.
/// Reference: Bonacich, P. (1987). Power and centrality: a family of measures. American
/// Journal of Sociology 92, 1170-1182.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> eigenvector_centrality(const Graph& g, IndexMap index, WeightMap weight,
                                           const eigenvector_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false,
                              [](const detail::csr_graph& c, const eigenvector_options& o) {
                                return detail::eigenvector(c, o);
                              });
}

/// PageRank: the long-run share of time a random walker spends at each vertex when it follows
/// an edge (chosen in proportion to strength) with probability alpha and otherwise jumps to
/// a uniformly chosen vertex; a vertex with no outgoing edge sends its walker anywhere.
///
/// Formula: `x = alpha (P^T x + (sum_{dangling} x_u) / n) + (1 - alpha) / n`, P the
/// row-normalised strength matrix; NetworkX's power iteration step for step from the uniform
/// vector, stopping when the L1 change is below `n * tol`.
/// Range: (0, 1), summing to 1 (to within tol).
/// Complexity: O(max_iter (n + m)).
/// Throws: `input_error` ("alpha") outside [0, 1], ("max_iter") when it does not converge.
/// Reference: Brin, S. & Page, L. (1998). The anatomy of a large-scale hypertextual web
/// search engine. Computer Networks 30, 107-117.
template <class Graph, class IndexMap, class WeightMap>
std::vector<double> pagerank(const Graph& g, IndexMap index, WeightMap weight,
                             const pagerank_options& opt = {}) {
  return detail::run_on_graph(g, index, weight, opt, false,
                              [](const detail::csr_graph& c, const pagerank_options& o) {
                                return detail::pagerank(c, o);
                              });
}

}  // namespace coproduction
