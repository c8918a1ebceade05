// The one compact graph (detail/compact_graph.hpp) and the thread pool
// (detail/parallel.hpp): the builder's arrays in both modes against hand-computed ones, the
// Boost.Graph reader, and sums that are the same bit for bit for every thread count.

#include <gtest/gtest.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/parallel.hpp"
#include "coproduction/error.hpp"
#include "graphs.hpp"

namespace cp = coproduction;
using cp::detail::compact_graph;
using cp::detail::graph_request;
using test_graphs::build;
using test_graphs::dgraph;
using test_graphs::ugraph;

namespace {

// Six edges on three vertices: 0 -> 1 twice (weights 2 and 3), 1 -> 0, a self-loop at 2,
// 2 -> 0 and 1 -> 2.
const std::vector<std::int64_t> sources = {0, 0, 1, 2, 2, 1};
const std::vector<std::int64_t> targets = {1, 1, 0, 2, 0, 2};
const std::vector<double> weights = {2, 3, 1, 5, 4, 0.5};

compact_graph build_arrays(const graph_request& req, bool weighted = true) {
  return cp::detail::make_compact_graph<std::int64_t>(
      3, sources, targets, weighted ? weights : std::vector<double>{}, req);
}

using sizes = std::vector<std::size_t>;
using ids = std::vector<std::uint32_t>;
using reals = std::vector<double>;

}  // namespace

TEST(CompactGraph, MergedModeByHand) {
  // Merged: 0 -> 1 has strength 2 + 3 = 5 and length 1/5; the self-loop is gone; every list
  // is sorted. By source: 0: [1]; 1: [0, 2]; 2: [0].
  const compact_graph g = build_arrays(graph_request::simple(true, true));
  EXPECT_EQ(g.n, 3u);
  EXPECT_TRUE(g.directed && g.weighted && g.merged);
  EXPECT_EQ(g.out.offsets, (sizes{0, 1, 3, 4}));
  EXPECT_EQ(g.out.targets, (ids{1, 0, 2, 0}));
  EXPECT_EQ(g.out.strength, (reals{5, 1, 0.5, 4}));
  EXPECT_EQ(g.out.length, (reals{0.2, 1, 2, 0.25}));
  // By target: 0 <- [1, 2]; 1 <- [0]; 2 <- [1].
  EXPECT_EQ(g.in().offsets, (sizes{0, 2, 3, 4}));
  EXPECT_EQ(g.in().targets, (ids{1, 2, 0, 1}));
  EXPECT_EQ(g.in().strength, (reals{1, 4, 5, 0.5}));
  EXPECT_EQ(g.arcs(), 4u);
  EXPECT_EQ(g.ties(), 4u);
  EXPECT_TRUE(g.has_arc(0, 1));
  EXPECT_TRUE(g.has_arc(2, 0));
  EXPECT_FALSE(g.has_arc(0, 2));
  EXPECT_FALSE(g.has_arc(2, 2));
}

TEST(CompactGraph, KeptModeByHand) {
  // Every edge stays an arc, grouped by source in input order; a lone edge's length is
  // exactly 1 / weight.
  const compact_graph g = build_arrays({.weighted = true, .parallel = cp::parallel_edges::keep});
  EXPECT_FALSE(g.merged);
  EXPECT_EQ(g.out.offsets, (sizes{0, 2, 4, 5}));
  EXPECT_EQ(g.out.targets, (ids{1, 1, 0, 2, 0}));
  EXPECT_EQ(g.out.strength, (reals{2, 3, 1, 0.5, 4}));
  EXPECT_EQ(g.out.length, (reals{0.5, 1.0 / 3.0, 1, 2, 0.25}));
  EXPECT_TRUE(g.in_.targets.empty());  // not asked for
  EXPECT_EQ(g.arcs(), 5u);
}

TEST(CompactGraph, DistancesAreReadAsLengths) {
  // Weights as lengths: strength 1 / weight; two merged edges of lengths 2 and 3 make one of
  // strength 1/2 + 1/3 and length 6/5.
  const compact_graph g = build_arrays({.weighted = true, .meaning = cp::weight_meaning::distance});
  EXPECT_EQ(g.out.targets, (ids{1, 0, 2, 0}));
  EXPECT_DOUBLE_EQ(g.out.strength[0], 1.0 / 2 + 1.0 / 3);
  EXPECT_DOUBLE_EQ(g.out.length[0], 1.0 / (1.0 / 2 + 1.0 / 3));
  EXPECT_EQ(g.out.length[1], 1.0);
  EXPECT_EQ(g.out.length[2], 0.5);
  EXPECT_EQ(g.out.strength[2], 2.0);
}

TEST(CompactGraph, UndirectedUnweightedSimpleGraph) {
  // Undirected, the pairs {0, 1} (three edges), {1, 2} and {0, 2} are one tie each: every
  // vertex is tied to the two others, each tie stored both ways, strength 1 when unweighted.
  const compact_graph g = build_arrays(graph_request::simple(false, false), false);
  EXPECT_FALSE(g.directed);
  EXPECT_EQ(g.out.offsets, (sizes{0, 2, 4, 6}));
  EXPECT_EQ(g.out.targets, (ids{1, 2, 0, 2, 0, 1}));
  EXPECT_TRUE(g.out.strength.empty());
  EXPECT_EQ(g.out.strength_at(3), 1.0);
  EXPECT_EQ(&g.in(), &g.out);
  EXPECT_EQ(g.arcs(), 6u);
  EXPECT_EQ(g.ties(), 3u);
  // Kept, the three {0, 1} edges are six arcs; each source's arcs in input order.
  const compact_graph k =
      build_arrays({.directed = false, .parallel = cp::parallel_edges::keep}, false);
  EXPECT_EQ(k.out.offsets, (sizes{0, 4, 8, 10}));
  EXPECT_EQ(k.out.targets, (ids{1, 1, 1, 2, 0, 0, 0, 2, 0, 1}));
  EXPECT_EQ(k.ties(), 5u);
}

TEST(CompactGraph, EmptyGraphs) {
  const std::vector<std::int64_t> none;
  const compact_graph g = cp::detail::make_compact_graph<std::int64_t>(
      0, none, none, {}, graph_request::simple(true, false));
  EXPECT_EQ(g.n, 0u);
  EXPECT_EQ(g.arcs(), 0u);
  EXPECT_EQ(g.out.offsets, (sizes{0}));
  const compact_graph d;  // default: no vertex, no arc, and the same offsets
  EXPECT_EQ(d.arcs(), 0u);
  EXPECT_EQ(d.in().offsets, (sizes{0}));
}

TEST(CompactGraph, ReadsABoostGraphOnceWithItsLayout) {
  // Undirected Boost graphs list each edge at both ends: read once.
  const auto u = build<ugraph>(3, {{0, 1, 2.0}, {1, 2, 1.0}, {1, 0, 3.0}});
  const auto ru = cp::detail::read_graph(u, get(boost::vertex_index, u),
                                         get(boost::edge_weight, u), graph_request::simple(true, true));
  EXPECT_FALSE(ru.graph.directed);
  EXPECT_TRUE(ru.layout.identity());
  EXPECT_EQ(ru.graph.out.targets, (ids{1, 0, 2, 1}));
  EXPECT_EQ(ru.graph.out.strength, (reals{5, 5, 1, 1}));

  // A filtered view hiding vertex 1: positions skip it, and results spread back as NaN.
  const auto d = build<dgraph>(4, {{0, 1}, {0, 2}, {2, 3}, {3, 0}, {1, 3}});
  const auto shown = [](std::size_t v) { return v != 1; };
  const boost::filtered_graph<dgraph, boost::keep_all, decltype(shown)> f(d, {}, shown);
  const auto rf = cp::detail::read_graph(f, get(boost::vertex_index, f), cp::unweighted,
                                         graph_request::simple(true, false));
  EXPECT_EQ(rf.layout.position,
            (ids{0, cp::detail::vertex_layout::absent, 1, 2}));
  EXPECT_EQ(rf.layout.index, (sizes{0, 2, 3}));
  EXPECT_EQ(rf.graph.n, 3u);
  EXPECT_EQ(rf.graph.out.targets, (ids{1, 2, 0}));  // 0 -> 2, 2 -> 3, 3 -> 0 as positions
  const auto spread = rf.layout.expand({10, 20, 30});
  EXPECT_EQ(spread[0], 10);
  EXPECT_TRUE(std::isnan(spread[1]));
  EXPECT_EQ(spread[3], 30);
}

TEST(CompactGraph, RefusesAnIndexMapThatIsNotOneToOne) {
  const auto d = build<dgraph>(3, {{0, 1}, {1, 2}});
  std::vector<int> same = {0, 0, 1};
  const auto index = boost::make_iterator_property_map(same.begin(), get(boost::vertex_index, d));
  try {
    cp::detail::read_graph(d, index, cp::unweighted, graph_request{});
    ADD_FAILURE() << "an index map with a repeated index was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "index");
  }
}

// ---------------------------------------------------------------------------------------
// The thread pool.

TEST(Parallel, OrderedSumIsTheSameForEveryThreadCount) {
  // Terms of very different sizes, so that any other order of addition rounds differently:
  // unit u adds 1e16 * (-1)^u + u / 7 into slot u % 5 and 1 / (u + 1) into slot 5.
  const std::size_t units = 1000, length = 6;
  const auto body = [](int& /*workspace*/, std::size_t u, double* acc) {
    acc[u % 5] += (u % 2 ? -1e16 : 1e16) + static_cast<double>(u) / 7.0;
    acc[5] += 1.0 / static_cast<double>(u + 1);
  };
  const auto make = [] { return 0; };
  const auto one = cp::detail::ordered_sum(units, length, 1, {}, make, body);
  for (unsigned threads : {2u, 3u, 4u, 8u}) {
    const auto many = cp::detail::ordered_sum(units, length, threads, {}, make, body);
    for (std::size_t v = 0; v < length; ++v)
      EXPECT_EQ(many[v], one[v]) << threads << " threads, slot " << v;  // bit for bit
  }
  // The order is fixed: units in order within each block, blocks added in order.
  const std::size_t blocks = cp::detail::accumulation_blocks(units, length);
  EXPECT_EQ(blocks, 64u);
  std::vector<double> expected(length, 0.0);
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<double> block(length, 0.0);
    int unused = 0;
    for (std::size_t u = b * units / blocks; u < (b + 1) * units / blocks; ++u)
      body(unused, u, block.data());
    for (std::size_t v = 0; v < length; ++v) expected[v] += block[v];
  }
  EXPECT_EQ(one, expected);
}

TEST(Parallel, AccumulationBlocksDependOnSizeAlone) {
  EXPECT_EQ(cp::detail::accumulation_blocks(10, 100), 10u);
  EXPECT_EQ(cp::detail::accumulation_blocks(1000, 100), 64u);
  // 2^23 doubles in all: a million slots leave room for 8 blocks.
  EXPECT_EQ(cp::detail::accumulation_blocks(1000, 1u << 20), 8u);
  EXPECT_EQ(cp::detail::accumulation_blocks(1000, 1u << 24), 1u);
  EXPECT_EQ(cp::detail::resolve_threads(4, 2), 2u);
  EXPECT_EQ(cp::detail::resolve_threads(3, 100), 3u);
  EXPECT_GE(cp::detail::resolve_threads(0, 100), 1u);
}

TEST(Parallel, AWorkersExceptionReachesTheCaller) {
  for (unsigned workers : {1u, 3u}) {
    std::atomic<int> ran{0};
    try {
      cp::detail::for_each_unit(100, workers, {},
                                [&](unsigned, std::size_t unit, const std::atomic<bool>&) {
                                  ++ran;
                                  if (unit == 7) throw cp::input_error("weight", "unit 7");
                                });
      ADD_FAILURE() << "the worker's exception was lost";
    } catch (const cp::input_error& e) {
      EXPECT_EQ(e.where(), "weight");
    }
    EXPECT_GE(ran.load(), 8);
  }
}

TEST(Parallel, AStopCheckInterrupts) {
  // The check is asked from the calling thread while the workers run; once it says stop the
  // workers halt between units and the caller gets `interrupted`.
  std::atomic<bool> release{false};
  int asked = 0;
  const cp::stop_check stop = [&] {
    ++asked;
    release = true;
    return true;
  };
  std::atomic<std::size_t> done{0};
  EXPECT_THROW(cp::detail::for_each_unit(
                   1000, 2, stop,
                   [&](unsigned, std::size_t, const std::atomic<bool>& halt) {
                     while (!release && !halt) std::this_thread::yield();
                     ++done;
                   }),
               cp::interrupted);
  EXPECT_EQ(asked, 1);
  EXPECT_LT(done.load(), 1000u);
  // A check that never says stop changes nothing; the sum is the one without a check.
  const auto body = [](int&, std::size_t u, double* acc) { acc[0] += 1.0 / (u + 1.0); };
  const auto make = [] { return 0; };
  const cp::stop_check never = [] { return false; };
  EXPECT_EQ(cp::detail::ordered_sum(500, 1, 2, never, make, body),
            cp::detail::ordered_sum(500, 1, 1, {}, make, body));
  // `interrupted` reports no bad input: it is not a coproduction::error.
  static_assert(!std::is_base_of_v<cp::error, cp::interrupted>);
  static_assert(std::is_base_of_v<std::exception, cp::interrupted>);
}
