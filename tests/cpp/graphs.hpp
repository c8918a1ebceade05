#pragma once
// Small Boost graphs for the metric tests: plain adjacency lists with an edge weight, built
// from a list of (source, target, weight) edges.

#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace test_graphs {

using weight_property = boost::property<boost::edge_weight_t, double>;
using ugraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                     boost::no_property, weight_property>;
using dgraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                     boost::no_property, weight_property>;

struct edge {
  int s, t;
  double w = 1.0;
};

template <class Graph>
Graph build(int n, const std::vector<edge>& edges) {
  Graph g(n);
  for (const edge& e : edges) add_edge(e.s, e.t, weight_property(e.w), g);
  return g;
}

}  // namespace test_graphs
