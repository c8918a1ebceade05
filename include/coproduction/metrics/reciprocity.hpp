#pragma once
/// \file
/// Reciprocity: how many relations are returned. Seed 003 holds that co-production is a
/// relationship, and a relationship runs both ways; a `learns_from` layer whose ties are all
/// one-way is consultation whatever a project calls itself.
///
/// Every measure here reads the Holland & Leinhardt (1970) dyad census of a directed graph:
/// each unordered pair of distinct stakeholders is *mutual* (ties both ways), *asymmetric*
/// (one way) or *null* (none).
///
/// The relationship-structure measures (this header, `hierarchy.hpp`, `ei_index.hpp`,
/// `brokerage.hpp`) all work on the **simple graph of a layer**: two stakeholders are tied
/// from u to v when any relation of the layer runs from u to v, self-relations are ignored,
/// and where a weight map is given the weights of parallel relations (a `consults` and an
/// `informs` between the same pair) add up. The internals that build that simple graph from
/// any Boost.Graph live in `detail::layer` below and are shared by those headers.
///
/// Every function takes a graph that models VertexListGraph and IncidenceGraph and a readable
/// vertex index map onto `[0, num_vertices(g))`. A vertex of the index range that the graph
/// does not show (a `filtered_graph` that hides it) takes no part, and per-vertex results give
/// it NaN, so a filtered view behaves as the smaller graph it shows.

#include <algorithm>
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

#include "coproduction/detail/csr.hpp"
#include "coproduction/error.hpp"

namespace coproduction {

// Declared in coproduction/metrics/centrality.hpp; passing `coproduction::unweighted` as the
// weight map asks for an unweighted measure here as it does there.
struct unweighted_t;

namespace detail::layer {

// The largest vertex count and the checks of edge arrays are those of the compact graph of
// the centralities, so both refuse the same input in the same words.
using detail::check_edge_arrays;
using detail::max_vertices;

/// The simple graph of a layer in compressed sparse row form: the out-neighbours of `v` are
/// `out_targets[out_offsets[v] .. out_offsets[v + 1])`, sorted and distinct, each with the
/// summed weight of the parallel relations it stands for (1 when unweighted); `in_*` holds the
/// same arcs by target. An undirected graph stores each edge as two arcs, so there `out` and
/// `in` hold the same lists.
struct simple_graph {
  std::uint32_t n = 0;
  bool directed = true;
  std::vector<std::size_t> out_offsets{0}, in_offsets{0};
  std::vector<std::uint32_t> out_targets, in_sources;
  std::vector<double> out_weights, in_weights;

  std::span<const std::uint32_t> out(std::uint32_t v) const noexcept {
    return {out_targets.data() + out_offsets[v], out_offsets[v + 1] - out_offsets[v]};
  }
  std::span<const double> out_weight(std::uint32_t v) const noexcept {
    return {out_weights.data() + out_offsets[v], out_offsets[v + 1] - out_offsets[v]};
  }
  std::span<const std::uint32_t> in(std::uint32_t v) const noexcept {
    return {in_sources.data() + in_offsets[v], in_offsets[v + 1] - in_offsets[v]};
  }
  std::span<const double> in_weight(std::uint32_t v) const noexcept {
    return {in_weights.data() + in_offsets[v], in_offsets[v + 1] - in_offsets[v]};
  }
  /// Arcs: an undirected edge counts twice.
  std::size_t arcs() const noexcept { return out_targets.size(); }
  /// Ties: arcs of a directed graph, edges of an undirected one.
  std::size_t ties() const noexcept { return directed ? arcs() : arcs() / 2; }
  /// True when u -> v is an arc. O(log deg(u)).
  bool has_arc(std::uint32_t u, std::uint32_t v) const noexcept {
    const auto o = out(u);
    return std::binary_search(o.begin(), o.end(), v);
  }
};

struct arc {
  std::uint32_t source;
  std::uint32_t target;
  double weight;
};

/// Packs arcs sorted by (key, other) into offsets and lists; `by_target` keys on the target.
inline void pack(const std::vector<arc>& sorted, std::uint32_t n, bool by_target,
                 std::vector<std::size_t>& offsets, std::vector<std::uint32_t>& ends,
                 std::vector<double>& weights) {
  offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  ends.resize(sorted.size());
  weights.resize(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const arc& a = sorted[i];
    ++offsets[(by_target ? a.target : a.source) + 1];
    ends[i] = by_target ? a.source : a.target;
    weights[i] = a.weight;
  }
  for (std::size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
}

/// Builds the simple graph of `n` vertices from parallel arrays of edge endpoints (vertex
/// positions in `[0, n)`) and, when `weighted`, one weight per edge. Self-loops are dropped,
/// parallel edges merged (weights summed when weighted, else weight 1).
///
/// Complexity: O(n + m log m).
/// Throws `input_error` ("n") for too many vertices, ("target") when the endpoint arrays
/// differ in length, ("source"/"target") for a position outside `[0, n)`, ("weight") for a
/// weight count that does not match or a weight that is not a finite number > 0.
template <class Index>
simple_graph make_simple_graph(std::size_t n, std::span<const Index> sources,
                               std::span<const Index> targets, std::span<const double> weights,
                               bool directed, bool weighted) {
  check_edge_arrays(n, sources, targets, weights, weighted);

  std::vector<arc> arcs;
  arcs.reserve(directed ? sources.size() : 2 * sources.size());
  for (std::size_t e = 0; e < sources.size(); ++e) {
    const double w = weighted ? weights[e] : 1.0;
    const auto s = static_cast<std::uint32_t>(sources[e]);
    const auto t = static_cast<std::uint32_t>(targets[e]);
    if (s == t) continue;
    arcs.push_back({s, t, w});
    if (!directed) arcs.push_back({t, s, w});
  }
  std::sort(arcs.begin(), arcs.end(), [](const arc& a, const arc& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < arcs.size();) {
    arc merged = arcs[i];
    std::size_t j = i + 1;
    for (; j < arcs.size() && arcs[j].source == merged.source && arcs[j].target == merged.target;
         ++j)
      merged.weight += arcs[j].weight;
    if (!weighted) merged.weight = 1.0;  // a tie is a tie, however many relations make it
    arcs[kept++] = merged;
    i = j;
  }
  arcs.resize(kept);

  simple_graph g;
  g.n = static_cast<std::uint32_t>(n);
  g.directed = directed;
  pack(arcs, g.n, false, g.out_offsets, g.out_targets, g.out_weights);
  std::stable_sort(arcs.begin(), arcs.end(),
                   [](const arc& a, const arc& b) { return a.target < b.target; });
  pack(arcs, g.n, true, g.in_offsets, g.in_sources, g.in_weights);
  return g;
}

// ---------------------------------------------------------------------------------------
// From a Boost graph to the simple graph.

/// Tag for "no weight map".
struct no_weight {};

template <class WeightMap>
inline constexpr bool is_unweighted_v =
    std::is_same_v<WeightMap, no_weight> || std::is_same_v<WeightMap, unweighted_t>;

template <class Graph>
inline constexpr bool is_directed_v =
    std::is_convertible_v<typename boost::graph_traits<Graph>::directed_category,
                          boost::directed_tag>;

template <class Graph, class IndexMap, class WeightMap>
constexpr void check_concepts() {
  using traversal = typename boost::graph_traits<Graph>::traversal_category;
  static_assert(std::is_convertible_v<traversal, boost::vertex_list_graph_tag>,
                "coproduction relationship measures need a VertexListGraph "
                "(vertices(g), num_vertices(g))");
  static_assert(std::is_convertible_v<traversal, boost::incidence_graph_tag>,
                "coproduction relationship measures need an IncidenceGraph (out_edges(v, g))");
  using index_type = typename boost::property_traits<IndexMap>::value_type;
  static_assert(std::is_integral_v<index_type>,
                "the vertex index map must give integers in [0, num_vertices(g))");
  if constexpr (!is_unweighted_v<WeightMap>) {
    using weight_type = typename boost::property_traits<WeightMap>::value_type;
    static_assert(std::is_arithmetic_v<weight_type>,
                  "the edge weight map must give numbers (omit it for an unweighted measure)");
  }
}

/// Where each vertex of the index range sits among the vertices the graph shows.
struct vertex_layout {
  static constexpr std::uint32_t absent = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> position;  ///< by vertex index: compact position or `absent`
  std::vector<std::size_t> index;       ///< by compact position: the vertex index, ascending

  std::uint32_t count() const noexcept { return static_cast<std::uint32_t>(index.size()); }

  /// Spreads values by compact position to values by vertex index, NaN where absent.
  std::vector<double> expand(std::vector<double> compact) const {
    if (index.size() == position.size()) return compact;
    std::vector<double> out(position.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t p = 0; p < index.size(); ++p) out[index[p]] = compact[p];
    return out;
  }
};

/// Throws `input_error` ("index") unless the index map is one-to-one into the index range.
template <class Graph, class IndexMap>
vertex_layout layout_of(const Graph& g, IndexMap index_map) {
  vertex_layout layout;
  const std::size_t range = num_vertices(g);
  if (range > max_vertices)
    throw input_error("graph", "at most " + std::to_string(max_vertices) + " vertices");
  layout.position.assign(range, vertex_layout::absent);
  for (auto [it, end] = vertices(g); it != end; ++it) {
    const auto i = static_cast<std::size_t>(get(index_map, *it));
    if (i >= range || layout.position[i] != vertex_layout::absent)
      throw input_error("index", "the vertex index map must be one-to-one into [0, " +
                                     std::to_string(range) + ")");
    layout.position[i] = 0;
  }
  for (std::size_t i = 0; i < range; ++i)
    if (layout.position[i] != vertex_layout::absent) {
      layout.position[i] = static_cast<std::uint32_t>(layout.index.size());
      layout.index.push_back(i);
    }
  return layout;
}

/// The simple graph of the vertices and edges `g` shows. An undirected graph lists each edge
/// at both ends; it is read once.
template <class Graph, class IndexMap, class WeightMap>
simple_graph simple_graph_of(const Graph& g, IndexMap index_map, const vertex_layout& layout,
                             WeightMap weight) {
  constexpr bool weighted = !is_unweighted_v<WeightMap>;
  constexpr bool directed = is_directed_v<Graph>;
  std::vector<std::uint32_t> sources, targets;
  std::vector<double> weights;
  for (auto [vi, vend] = vertices(g); vi != vend; ++vi) {
    const std::uint32_t s = layout.position[static_cast<std::size_t>(get(index_map, *vi))];
    for (auto [ei, eend] = out_edges(*vi, g); ei != eend; ++ei) {
      const auto ti = static_cast<std::size_t>(get(index_map, target(*ei, g)));
      if (ti >= layout.position.size() || layout.position[ti] == vertex_layout::absent)
        throw input_error("index", "an edge leads to a vertex outside the graph's index range");
      const std::uint32_t t = layout.position[ti];
      if constexpr (!directed) {
        if (t < s) continue;
      }
      sources.push_back(s);
      targets.push_back(t);
      if constexpr (weighted) weights.push_back(static_cast<double>(get(weight, *ei)));
    }
  }
  return make_simple_graph<std::uint32_t>(layout.count(), sources, targets, weights, directed,
                                          weighted);
}

/// Groups as dense codes `0 .. keys.size() - 1`, numbered in order of first appearance by
/// vertex index (R's `unique`), with the key of each code.
template <class Key>
struct group_coding {
  std::vector<std::uint32_t> code;  ///< by compact position
  std::vector<Key> keys;            ///< by code
};

template <class Graph, class IndexMap, class GroupMap>
auto code_groups(const Graph& g, IndexMap index_map, const vertex_layout& layout,
                 GroupMap group) {
  using key_type = std::decay_t<typename boost::property_traits<GroupMap>::value_type>;
  std::vector<std::pair<std::uint32_t, key_type>> by_position;
  by_position.reserve(layout.count());
  for (auto [it, end] = vertices(g); it != end; ++it)
    by_position.emplace_back(layout.position[static_cast<std::size_t>(get(index_map, *it))],
                             get(group, *it));
  std::sort(by_position.begin(), by_position.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  group_coding<key_type> coding;
  coding.code.resize(layout.count());
  std::map<key_type, std::uint32_t> seen;
  for (const auto& [p, key] : by_position) {
    auto [it, added] = seen.emplace(key, static_cast<std::uint32_t>(coding.keys.size()));
    if (added) coding.keys.push_back(key);
    coding.code[p] = it->second;
  }
  return coding;
}

/// Checks dense group codes given as an array (one per vertex, each in `[0, groups)`).
/// Throws `input_error` ("groups").
template <class Code>
std::vector<std::uint32_t> check_codes(std::span<const Code> codes, std::size_t n,
                                       std::size_t groups) {
  if (codes.size() != n)
    throw input_error("groups", "has " + std::to_string(codes.size()) +
                                    " entries but there are " + std::to_string(n) + " vertices");
  std::vector<std::uint32_t> out(n);
  for (std::size_t v = 0; v < n; ++v) {
    bool bad = false;
    if constexpr (std::is_signed_v<Code>) bad = codes[v] < 0;
    if (bad || static_cast<std::make_unsigned_t<Code>>(codes[v]) >= groups)
      throw input_error("groups", "vertex " + std::to_string(v) + " has group code " +
                                      std::to_string(codes[v]) + ", outside [0, " +
                                      std::to_string(groups) + ")");
    out[v] = static_cast<std::uint32_t>(codes[v]);
  }
  return out;
}

/// a / b, NaN when b is 0 (an undefined ratio, not an error).
inline double ratio(double a, double b) noexcept {
  return b == 0.0 ? std::numeric_limits<double>::quiet_NaN() : a / b;
}

}  // namespace detail::layer

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
      return detail::layer::ratio(2 * m, 2 * m + a);
    case reciprocity_measure::dyadic:
      return detail::layer::ratio(m + z, m + a + z);
    case reciprocity_measure::dyadic_nonnull:
      return detail::layer::ratio(m, m + a);
    case reciprocity_measure::edgewise_lrr: {
      const double d = (m + a / 2) * (m + a / 2);
      if (d == 0.0) return std::numeric_limits<double>::quiet_NaN();
      return std::log(m * (m + a + z) / d);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

namespace detail::layer {

inline dyad_census count_dyads(const simple_graph& g) {
  dyad_census c;
  std::uint64_t returned = 0, one_way = 0;
  for (std::uint32_t u = 0; u < g.n; ++u)
    for (std::uint32_t v : g.out(u)) (g.has_arc(v, u) ? returned : one_way) += 1;
  c.mutual = returned / 2;
  c.asymmetric = one_way;
  const std::uint64_t n = g.n;
  c.null = n * (n - (n > 0 ? 1 : 0)) / 2 - c.mutual - c.asymmetric;
  return c;
}

/// NetworkX's per-node reciprocity: `2 |pred ∩ succ| / (|pred| + |succ|)`, NaN for a vertex
/// with no tie.
inline std::vector<double> vertex_reciprocity(const simple_graph& g) {
  std::vector<double> r(g.n);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const auto out = g.out(v), in = g.in(v);
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

}  // namespace detail::layer

/// The dyad census of the simple graph `g` shows (parallel relations are one tie, self-ties
/// are ignored).
///
/// Complexity: O(n + m log m). Throws `input_error` ("index") when the index map is not
/// one-to-one into `[0, num_vertices(g))`.
/// Reference: Holland, P. W. & Leinhardt, S. (1970). A method for detecting structure in
/// sociometric data. American Journal of Sociology 76, 492-513.
template <class Graph, class IndexMap>
dyad_census count_dyads(const Graph& g, IndexMap index) {
  static_assert(detail::layer::is_directed_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  detail::layer::check_concepts<Graph, IndexMap, detail::layer::no_weight>();
  const auto layout = detail::layer::layout_of(g, index);
  return detail::layer::count_dyads(
      detail::layer::simple_graph_of(g, index, layout, detail::layer::no_weight{}));
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
  static_assert(detail::layer::is_directed_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  detail::layer::check_concepts<Graph, IndexMap, detail::layer::no_weight>();
  const auto layout = detail::layer::layout_of(g, index);
  return layout.expand(detail::layer::vertex_reciprocity(
      detail::layer::simple_graph_of(g, index, layout, detail::layer::no_weight{})));
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
  static_assert(detail::layer::is_directed_v<Graph>,
                "reciprocity needs a directed graph: in an undirected one every tie is mutual");
  detail::layer::check_concepts<Graph, IndexMap, detail::layer::no_weight>();
  using key_type = std::decay_t<typename boost::property_traits<KeyMap>::value_type>;
  const auto layout = detail::layer::layout_of(g, index);
  std::map<key_type, std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>>> edges;
  for (auto [vi, vend] = vertices(g); vi != vend; ++vi) {
    const std::uint32_t s = layout.position[static_cast<std::size_t>(get(index, *vi))];
    for (auto [ei, eend] = out_edges(*vi, g); ei != eend; ++ei) {
      const auto ti = static_cast<std::size_t>(get(index, target(*ei, g)));
      if (ti >= layout.position.size() ||
          layout.position[ti] == detail::layer::vertex_layout::absent)
        throw input_error("index", "an edge leads to a vertex outside the graph's index range");
      auto& [sources, targets] = edges[get(key, *ei)];
      sources.push_back(s);
      targets.push_back(layout.position[ti]);
    }
  }
  std::map<key_type, dyad_census> out;
  for (const auto& [k, st] : edges)
    out.emplace(k, detail::layer::count_dyads(detail::layer::make_simple_graph<std::uint32_t>(
                       layout.count(), st.first, st.second, {}, true, false)));
  return out;
}

}  // namespace coproduction
