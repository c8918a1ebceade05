#pragma once
/// \file
/// Reciprocity: how many relations are returned. "The coproduction myth" (2015) holds that
/// co-production is a relationship, and a relationship runs both ways; a `learns_from` layer
/// whose ties are all one-way is consultation whatever a project calls itself.
///
/// Every measure here reads the Holland & Leinhardt (1970) dyad census of a directed graph:
/// each unordered pair of distinct stakeholders is *mutual* (ties both ways), *asymmetric*
/// (one way) or *null* (none).
///
/// The relationship-structure measures (this header, `density.hpp`, `hierarchy.hpp`,
/// `ei_index.hpp`, `brokerage.hpp`) all work on the **simple graph of a layer**: two
/// stakeholders are tied from u to v when any relation of the layer runs from u to v,
/// self-relations are ignored, and where a weight map is given the weights of parallel
/// relations (a `consults` and an `informs` between the same pair) add up. It is the merged
/// mode of the library's one compact graph (`detail/compact_graph.hpp`), read from any
/// Boost.Graph by `detail/structure.hpp`.
///
/// Every function takes a graph that models VertexListGraph and IncidenceGraph and a readable
/// vertex index map onto `[0, num_vertices(g))`. A vertex of the index range that the graph
/// does not show (a `filtered_graph` that hides it) takes no part, and per-vertex results give
/// it NaN, so a filtered view behaves as the smaller graph it shows.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/property_map/property_map.hpp>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/detail/structure.hpp"
#include "coproduction/error.hpp"

namespace coproduction {

/// The Holland & Leinhardt MAN dyad census: every unordered pair of distinct vertices is
/// mutual, asymmetric or null, so `mutual + asymmetric + null = n (n - 1) / 2`.
struct dyad_census {
  std::uint64_t mutual = 0;      ///< pairs tied both ways
  std::uint64_t asymmetric = 0;  ///< pairs tied one way
  std::uint64_t null = 0;        ///< pairs not tied

  bool operator==(const dyad_census&) const = default;
};

/// Which reciprocity index (the names of R sna's `grecip`).
enum class reciprocity_measure {
  /// `2M / (2M + A)`: the share of ties that are returned (Wasserman & Faust 1994, p. 515;
  /// NetworkX `overall_reciprocity`; sna "edgewise"). The default.
  edgewise,
  /// `(M + N) / (M + A + N)`: the share of pairs whose ties are symmetric, absent pairs
  /// included (sna's default "dyadic"); dominated by null pairs in a sparse network.
  dyadic,
  /// `M / (M + A)`: the share of tied pairs that are tied both ways (sna "dyadic.nonnull").
  dyadic_nonnull,
  /// `log(M (M + A + N) / (M + A / 2)^2)`: edgewise reciprocity over density, on a log scale;
  /// 0 means as many returned ties as chance at this density would give (sna "edgewise.lrr";
  /// Butts 2008).
  edgewise_lrr,
};

/// The reciprocity index of a dyad census.
///
/// Range: [0, 1] for edgewise, dyadic and dyadic_nonnull; the real line for edgewise_lrr
/// (-inf when no tie is returned). NaN when the ratio is 0/0 (no tie for edgewise and
/// dyadic_nonnull, no pair for dyadic). Throws nothing. O(1).
inline double reciprocity(const dyad_census& c,
                          reciprocity_measure measure = reciprocity_measure::edgewise) {
  const double m = static_cast<double>(c.mutual), a = static_cast<double>(c.asymmetric),
               z = static_cast<double>(c.null);
  switch (measure) {
    case reciprocity_measure::edgewise:
      return detail::structure::ratio(2 * m, 2 * m + a);
    case reciprocity_measure::dyadic:
      return detail::structure::ratio(m + z, m + a + z);
    case reciprocity_measure::dyadic_nonnull:
      return detail::structure::ratio(m, m + a);
    case reciprocity_measure::edgewise_lrr: {
      const double d = (m + a / 2) * (m + a / 2);
      if (d == 0.0) return std::numeric_limits<double>::quiet_NaN();
      return std::log(m * (m + a + z) / d);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

namespace detail::structure {

/// The dyad census of a merged directed compact graph.
inline dyad_census count_dyads(const compact_graph& g) {
  dyad_census c;
  std::uint64_t returned = 0, one_way = 0;
  for (std::uint32_t u = 0; u < g.n; ++u)
    for (std::uint32_t v : g.out.neighbours(u)) (g.has_arc(v, u) ? returned : one_way) += 1;
  c.mutual = returned / 2;
  c.asymmetric = one_way;
  const std::uint64_t n = g.n;
  c.null = n * (n - (n > 0 ? 1 : 0)) / 2 - c.mutual - c.asymmetric;
  return c;
}

/// NetworkX's per-node reciprocity: `2 |pred ∩ succ| / (|pred| + |succ|)`, NaN for a vertex
/// with no tie.
inline std::vector<double> vertex_reciprocity(const compact_graph& g) {
  std::vector<double> r(g.n);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const auto out = g.out.neighbours(v), in = g.in().neighbours(v);
    std::size_t both = 0;
    for (std::size_t i = 0, j = 0; i < out.size() && j < in.size();) {
      if (out[i] < in[j]) ++i;
      else if (in[j] < out[i]) ++j;
      else { ++both; ++i; ++j; }
    }
    r[v] = ratio(2.0 * static_cast<double>(both), static_cast<double>(out.size() + in.size()));
  }
  return r;
}

/// The dyad census of each kind of edge: the edges whose code is k make the simple graph of
/// kind k over all `n` vertices. `codes` holds one code in `[0, kinds)` per edge.
///
/// Complexity: O(kinds n + m). Throws `input_error` as `check_edge_arrays` for the endpoints,
/// ("types") for a code count that does not match or a code outside `[0, kinds)`.
template <class Index, class Code>
std::vector<dyad_census> count_dyads_by_code(std::size_t n, std::span<const Index> sources,
                                             std::span<const Index> targets,
                                             std::span<const Code> codes, std::size_t kinds) {
  check_edge_arrays<Index>(n, sources, targets, {}, false);
  const std::vector<std::uint32_t> code =
      structure::check_codes(codes, sources.size(), kinds, structure::type_codes);
  // Edges grouped by kind (a counting sort of their positions).
  std::vector<std::size_t> start(kinds + 1, 0);
  for (std::uint32_t k : code) ++start[k + 1];
  for (std::size_t k = 0; k < kinds; ++k) start[k + 1] += start[k];
  std::vector<std::uint32_t> s(sources.size()), t(sources.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t e = 0; e < code.size(); ++e) {
      const std::size_t at = next[code[e]]++;
      s[at] = static_cast<std::uint32_t>(sources[e]);
      t[at] = static_cast<std::uint32_t>(targets[e]);
    }
  }
  std::vector<dyad_census> out(kinds);
  const std::span<const std::uint32_t> all_s(s), all_t(t);
  for (std::size_t k = 0; k < kinds; ++k) {
    const std::size_t first = start[k], count = start[k + 1] - start[k];
    out[k] = count_dyads(make_compact_graph<std::uint32_t>(
        n, all_s.subspan(first, count), all_t.subspan(first, count), {},
        graph_request::simple(true, false)));
  }
  return out;
}

}  // namespace detail::structure

/// The dyad census of the simple graph `g` shows (parallel relations are one tie, self-ties
/// are ignored).
///
/// Complexity: O(n + m log m). Throws `input_error` ("index") when the index map is not
/// one-to-one into `[0, num_vertices(g))`.
/// Reference: Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in
/// sociometric data. American Journal of Sociology 76, 492-513.
template <class Graph, class IndexMap>
dyad_census count_dyads(const Graph& g, IndexMap index) {
  static_assert(detail::is_directed_graph_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  return detail::structure::count_dyads(detail::structure::read_simple(g, index).graph);
}

/// Reciprocity of the simple graph `g` shows: by default the share of ties that are returned,
/// `2M / (2M + A)` (M mutual, A asymmetric pairs), which equals NetworkX's
/// `overall_reciprocity`; see `reciprocity_measure` for the others.
///
/// Range: [0, 1] (edgewise_lrr: real). 1: every relation of the layer is returned (two-way
/// learning, mutual trust); 0: every relation runs one way, as in a chain of command. NaN for
/// a graph with no tie.
/// Complexity: O(n + m log m). Throws as `count_dyads`.
/// Reference: Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 13.2. Cambridge
/// University Press. Butts, C. T. (2008). Social network analysis with sna. Journal of
/// Statistical Software 24(6).
template <class Graph, class IndexMap>
double reciprocity(const Graph& g, IndexMap index,
                   reciprocity_measure measure = reciprocity_measure::edgewise) {
  return reciprocity(count_dyads(g, index), measure);
}

/// The share of each vertex's ties that are returned: `2 |in ∩ out| / (|in| + |out|)`, with
/// in and out its sets of in- and out-neighbours (NetworkX's `reciprocity(G, nodes)`).
///
/// Range: [0, 1]; NaN for a vertex with no tie and for a vertex the graph hides. A stakeholder
/// at 0 only gives, or only receives: informed but never heard, or heard but never answering.
/// Returns one value per vertex index. Complexity: O(n + m log m). Throws as `count_dyads`.
template <class Graph, class IndexMap>
std::vector<double> vertex_reciprocity(const Graph& g, IndexMap index) {
  static_assert(detail::is_directed_graph_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  const auto r = detail::structure::read_simple(g, index);
  return r.layout.expand(detail::structure::vertex_reciprocity(r.graph));
}

/// The dyad census of each relation type: for every key the edges carry (read through
/// `key`, a readable edge property map such as `get(&Relation::type, g)`), the census of the
/// simple graph made of the edges with that key, over all the vertices `g` shows. Reciprocity
/// of one type asks whether a `learns_from` tie is answered by a `learns_from` tie; a tie
/// answered by a tie of another type does not count.
///
/// Returns a map ordered by key. Complexity: O(n k + m log m) for k keys.
/// Throws as `count_dyads`.
template <class Graph, class IndexMap, class KeyMap>
auto count_dyads_by(const Graph& g, IndexMap index, KeyMap key) {
  static_assert(detail::is_directed_graph_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  detail::check_graph_concepts<Graph, IndexMap, unweighted_t>();
  using key_type = std::decay_t<typename boost::property_traits<KeyMap>::value_type>;
  const detail::vertex_layout layout = detail::layout_of(g, index);
  std::vector<std::uint32_t> sources, targets, codes;
  std::map<key_type, std::uint32_t> code_of;  // ordered by key; numbered in order of appearance
  std::vector<key_type> keys;
  detail::for_each_edge(g, index, layout, [&](std::uint32_t s, std::uint32_t t, const auto& e) {
    auto [it, added] = code_of.emplace(get(key, e), static_cast<std::uint32_t>(keys.size()));
    if (added) keys.push_back(it->first);
    sources.push_back(s);
    targets.push_back(t);
    codes.push_back(it->second);
  });
  const auto census = detail::structure::count_dyads_by_code<std::uint32_t, std::uint32_t>(
      layout.count(), sources, targets, codes, keys.size());
  std::map<key_type, dyad_census> out;
  for (std::size_t k = 0; k < keys.size(); ++k) out.emplace(keys[k], census[k]);
  return out;
}

}  // namespace coproduction
