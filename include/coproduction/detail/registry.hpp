#pragma once
/// \file
/// Every measure of the library by name: a loop in C++ (a bootstrap, a permutation test, a
/// rewiring null model) recomputes any of them on a resampled or rewired network without
/// Python, through `compute_measure(name, net, options)` or, with the relations replaced,
/// `compute_measure(name, net, edges, options)`.
///
/// A measure reads one layer of the network (its relations of some types at some scales) and
/// the network's decisions. Each entry calls the same function the library's own API calls
/// (the compact-graph kernels of `metrics/`, `power/decision_power.hpp`,
/// `ladder/classify.hpp`), so a number is the same however it was asked for.
///
/// Per-stakeholder measures give one value per stakeholder of the network, in vertex order;
/// a stakeholder outside the layer (an object, unless `include_objects`) gets NaN.
/// Network-level measures give one value.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/compact_graph.hpp"
#include "coproduction/error.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/metrics/brokerage.hpp"
#include "coproduction/metrics/centrality.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "coproduction/metrics/density.hpp"
#include "coproduction/metrics/ei_index.hpp"
#include "coproduction/metrics/hierarchy.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// What a registered measure gives.
enum class measure_kind {
  per_stakeholder,  ///< one value per stakeholder, in vertex order
  network,          ///< one value for the network (or the layer, or the decisions read)
};

/// The options a measure may read; each entry of `registered_measures()` says which. Defaults
/// are the library's defaults for the same option everywhere else.
struct measure_options {
  /// The relations read: types and scales (empty: every relation).
  coproduction::layer layer{};
  /// Also count objects (kind `object`) as vertices of the layer.
  bool include_objects = false;
  /// Read relations as directed (false: each relation is a tie both ways).
  bool directed = true;
  /// Read relation weights (as strengths); false counts every relation once.
  bool weighted = false;
  /// Centrality normalisation; unset, each centrality's own default (degree and betweenness
  /// normalised, harmonic not), so a measure gives the same number here as when called.
  std::optional<bool> normalized{};
  /// Degree: which ties count in a directed layer.
  degree_mode degree = degree_mode::total;
  /// Closeness and harmonic closeness: distances to (in) or from (out) the stakeholder.
  path_mode paths = path_mode::in;
  /// Reciprocity: which index of the dyad census.
  reciprocity_measure reciprocity = reciprocity_measure::edgewise;
  /// Decision power: the index of each decision's game.
  power_measure index = power_measure::banzhaf;
  /// How decisions count when aggregated (the package's one default: by weight).
  decision_weighting decisions = default_decision_weighting;
  /// The decisions of one project; empty reads every decision. The ladder needs one.
  std::string project{};
  /// E-I index, brokerage and power shares: the group code of every stakeholder (vertex
  /// order), each in [0, number of groups).
  std::vector<std::uint32_t> groups{};
  /// Power share: the group whose share is read.
  std::uint32_t group = 0;
  /// Inequality measures: the per-stakeholder measure whose inequality is taken.
  std::string quantity = "decision_power";
  /// Atkinson's epsilon (default 1) or generalized entropy's alpha (default 2).
  double parameter = std::numeric_limits<double>::quiet_NaN();
  /// Threads of the path-based centralities (0: all cores); results do not depend on it.
  unsigned threads = 0;
  /// Asked from time to time by long computations; returning true throws `interrupted`.
  stop_check stop_requested{};
};

/// One value per stakeholder, or one value.
struct measure_value {
  std::vector<double> per_stakeholder{};  ///< empty for a network-level measure
  double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN for a per-stakeholder one
};

/// A measure of the registry.
struct registered_measure {
  std::string_view name;
  measure_kind kind;
  std::string_view reads;        ///< the options it reads, e.g. "layer, directed, weighted"
  std::string_view description;  ///< what it computes, with its header
  std::function<measure_value(const Network&, const layer_edges&, const measure_options&)>
      compute;
};

namespace detail::registry {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The layer as the centrality kernels read it (parallel relations merged, weights as
// strengths), and as the relation-structure measures read it (the simple graph).
inline compact_graph graph_for(const layer_edges& e, const measure_options& o, bool simple,
                               bool need_in = false) {
  graph_request req = simple ? graph_request::simple(o.directed, o.weighted)
                             : graph_request{o.directed, o.weighted, weight_meaning::strength,
                                             parallel_edges::merge, need_in};
  return make_compact_graph<std::uint32_t>(
      e.vertices.size(), e.source, e.target,
      o.weighted ? std::span<const double>(e.weight) : std::span<const double>(), req);
}

// Values by layer position spread to vertex order, NaN for stakeholders outside the layer.
inline std::vector<double> spread(const Network& net, const layer_edges& e,
                                  const std::vector<double>& by_position) {
  std::vector<double> out(net.num_stakeholders(), nan);
  for (std::size_t p = 0; p < e.vertices.size(); ++p) out[e.vertices[p]] = by_position[p];
  return out;
}

inline measure_value per_stakeholder(std::vector<double> v) { return {std::move(v), nan}; }
inline measure_value one(double x) { return {{}, x}; }

inline std::vector<double> centrality_scores(std::string_view which, const layer_edges& e,
                                             const measure_options& o) {
  if (which == "degree") {
    degree_options opt;
    opt.mode = o.degree, opt.directed = o.directed;
    opt.normalized = o.normalized.value_or(opt.normalized);
    return degree(graph_for(e, o, false), opt);
  }
  if (which == "closeness") {
    closeness_options opt;
    opt.mode = o.paths, opt.directed = o.directed, opt.threads = o.threads;
    opt.stop_requested = o.stop_requested;
    return closeness(graph_for(e, o, false, true), opt);
  }
  if (which == "harmonic") {
    harmonic_options opt;
    opt.mode = o.paths, opt.directed = o.directed;
    opt.normalized = o.normalized.value_or(opt.normalized);
    opt.threads = o.threads, opt.stop_requested = o.stop_requested;
    return harmonic(graph_for(e, o, false, true), opt);
  }
  if (which == "betweenness") {
    betweenness_options opt;
    opt.directed = o.directed, opt.threads = o.threads;
    opt.normalized = o.normalized.value_or(opt.normalized);
    opt.stop_requested = o.stop_requested;
    return betweenness(graph_for(e, o, false), opt);
  }
  if (which == "eigenvector") {
    eigenvector_options opt;
    opt.directed = o.directed;
    return eigenvector(graph_for(e, o, false, true), opt);
  }
  pagerank_options opt;
  opt.directed = o.directed;
  return pagerank(graph_for(e, o, false, true), opt);
}

// Freeman centralization of a layer, as `metrics/centralization.hpp` defines it: scores of
// the unweighted layer with parallel relations merged.
inline double centralization_of(centralization_measure m, std::string_view which,
                                const layer_edges& e, measure_options o) {
  o.weighted = false;
  const std::vector<double> scores = present_scores(centrality_scores(which, e, o));
  const bool directed = o.directed;
  // The scale the scores were computed on, so the maximum is on the same one.
  const bool normalized = o.normalized.value_or(m != centralization_measure::harmonic);
  switch (m) {
    case centralization_measure::degree:
      return freeman_centralization(
          scores, centralization_maximum(m, scores.size(), directed, o.degree, normalized));
    case centralization_measure::harmonic:
    case centralization_measure::betweenness:
      return freeman_centralization(scores, centralization_maximum(m, scores.size(), directed,
                                                                   degree_mode::total,
                                                                   normalized));
    default:
      return freeman_centralization(scores, centralization_maximum(m, scores.size(), directed));
  }
}

inline void check_groups(const Network& net, const measure_options& o, std::size_t& groups) {
  if (o.groups.size() != net.num_stakeholders())
    throw input_error("groups", "needs one group code per stakeholder (" +
                                    std::to_string(net.num_stakeholders()) + "), got " +
                                    std::to_string(o.groups.size()));
  groups = 0;
  for (std::uint32_t c : o.groups) groups = std::max<std::size_t>(groups, std::size_t{c} + 1);
}

inline std::vector<std::uint32_t> layer_codes(const layer_edges& e, const measure_options& o) {
  std::vector<std::uint32_t> codes(e.vertices.size());
  for (std::size_t p = 0; p < e.vertices.size(); ++p) codes[p] = o.groups[e.vertices[p]];
  return codes;
}

inline std::vector<double> power_of(const Network& net, const measure_options& o) {
  const power_table table = decision_power(net, o.index, o.stop_requested);
  return overall_power(net, table, o.decisions, o.project);
}

const std::vector<registered_measure>& all();

// The criteria `classify` reads, as registry names.
inline constexpr std::array<std::string_view, 6> ladder_criteria{
    "ladder_partners_consulted", "ladder_design_involvement", "ladder_design_joint",
    "ladder_delivery_guided",    "ladder_learning_two_way",   "ladder_shared_equally"};

inline ladder_result ladder_of(const Network& net, const measure_options& o) {
  if (o.project.empty()) throw input_error("project", "the ladder classifies one project: name it");
  ladder_config config;
  config.weighting = o.decisions;
  return classify(net, o.project, config, o.stop_requested);
}

inline measure_value inequality_of(std::string_view index, const Network& net,
                                   const layer_edges& e, const measure_options& o);

inline std::vector<registered_measure> make_registry() {
  using K = measure_kind;
  std::vector<registered_measure> r;
  const auto centrality = [](std::string_view which) {
    return [which](const Network& net, const layer_edges& e, const measure_options& o) {
      return per_stakeholder(spread(net, e, centrality_scores(which, e, o)));
    };
  };
  r.push_back({"degree", K::per_stakeholder, "layer, directed, weighted, degree, normalized",
               "degree centrality (metrics/centrality.hpp)", centrality("degree")});
  r.push_back({"closeness", K::per_stakeholder, "layer, directed, weighted, paths, threads",
               "closeness centrality, Wasserman-Faust scaled (metrics/centrality.hpp)",
               centrality("closeness")});
  r.push_back({"harmonic", K::per_stakeholder,
               "layer, directed, weighted, paths, normalized, threads",
               "harmonic closeness (metrics/centrality.hpp)", centrality("harmonic")});
  r.push_back({"betweenness", K::per_stakeholder, "layer, directed, weighted, normalized, threads",
               "betweenness centrality (metrics/centrality.hpp)", centrality("betweenness")});
  r.push_back({"eigenvector", K::per_stakeholder, "layer, directed, weighted",
               "eigenvector centrality (metrics/centrality.hpp)", centrality("eigenvector")});
  r.push_back({"pagerank", K::per_stakeholder, "layer, directed, weighted",
               "PageRank (metrics/centrality.hpp)", centrality("pagerank")});

  const auto centralization = [](centralization_measure m, std::string_view which) {
    return [m, which](const Network&, const layer_edges& e, const measure_options& o) {
      return one(centralization_of(m, which, e, o));
    };
  };
  r.push_back({"degree_centralization", K::network, "layer, directed, degree, normalized",
               "Freeman degree centralization (metrics/centralization.hpp)",
               centralization(centralization_measure::degree, "degree")});
  r.push_back({"closeness_centralization", K::network, "layer, directed, paths",
               "Freeman closeness centralization (metrics/centralization.hpp)",
               centralization(centralization_measure::closeness, "closeness")});
  r.push_back({"harmonic_centralization", K::network, "layer, directed, paths, normalized",
               "Freeman centralization of harmonic closeness (metrics/centralization.hpp)",
               centralization(centralization_measure::harmonic, "harmonic")});
  r.push_back({"betweenness_centralization", K::network, "layer, directed, normalized",
               "Freeman betweenness centralization (metrics/centralization.hpp)",
               centralization(centralization_measure::betweenness, "betweenness")});
  r.push_back({"eigenvector_centralization", K::network, "layer, directed",
               "centralization of eigenvector centrality (metrics/centralization.hpp)",
               centralization(centralization_measure::eigenvector, "eigenvector")});

  r.push_back({"density", K::network, "layer, directed",
               "share of possible ties present, on distinct ties (metrics/density.hpp)",
               [](const Network&, const layer_edges& e, const measure_options& o) {
                 return one(structure::density(graph_for(e, o, true)));
               }});
  r.push_back({"reciprocity", K::network, "layer, reciprocity",
               "reciprocity of the dyad census (metrics/reciprocity.hpp)",
               [](const Network&, const layer_edges& e, measure_options o) {
                 o.directed = true;
                 return one(reciprocity(structure::count_dyads(graph_for(e, o, true)),
                                        o.reciprocity));
               }});
  r.push_back({"vertex_reciprocity", K::per_stakeholder, "layer",
               "each stakeholder's share of returned ties (metrics/reciprocity.hpp)",
               [](const Network& net, const layer_edges& e, measure_options o) {
                 o.directed = true;
                 return per_stakeholder(
                     spread(net, e, structure::vertex_reciprocity(graph_for(e, o, true))));
               }});
  const auto krackhardt = [](double (*f)(const compact_graph&)) {
    return [f](const Network&, const layer_edges& e, measure_options o) {
      o.directed = true, o.weighted = false;
      return one(f(graph_for(e, o, true)));
    };
  };
  r.push_back({"connectedness", K::network, "layer",
               "Krackhardt connectedness (metrics/hierarchy.hpp)",
               krackhardt(&structure::connectedness)});
  r.push_back({"hierarchy", K::network, "layer", "Krackhardt hierarchy (metrics/hierarchy.hpp)",
               krackhardt(&structure::hierarchy)});
  r.push_back({"efficiency", K::network, "layer", "Krackhardt efficiency (metrics/hierarchy.hpp)",
               krackhardt(&structure::efficiency)});
  r.push_back({"least_upper_boundedness", K::network, "layer",
               "Krackhardt least upper boundedness (metrics/hierarchy.hpp)",
               krackhardt(&structure::least_upper_boundedness)});
  r.push_back({"ei_index", K::network, "layer, directed, weighted, groups",
               "Krackhardt-Stern E-I index of the whole layer (metrics/ei_index.hpp)",
               [](const Network& net, const layer_edges& e, const measure_options& o) {
                 std::size_t groups = 0;
                 check_groups(net, o, groups);
                 const auto codes = layer_codes(e, o);
                 return one(structure::ei_index(graph_for(e, o, true), codes, groups,
                                                tie_direction::all)
                                .network.index);
               }});
  r.push_back({"brokerage", K::per_stakeholder, "layer, groups",
               "Gould-Fernandez brokerage, all five roles (metrics/brokerage.hpp)",
               [](const Network& net, const layer_edges& e, measure_options o) {
                 std::size_t groups = 0;
                 check_groups(net, o, groups);
                 o.directed = true, o.weighted = false;
                 const auto codes = layer_codes(e, o);
                 const auto t = structure::brokerage(graph_for(e, o, true), codes, groups);
                 std::vector<double> total(e.vertices.size());
                 for (std::size_t p = 0; p < total.size(); ++p)
                   total[p] = t.vertex[p].observed[static_cast<std::size_t>(brokerage_role::total)];
                 return per_stakeholder(spread(net, e, total));
               }});
  r.push_back({"constraint", K::per_stakeholder, "layer, directed, weighted",
               "Burt's constraint (metrics/brokerage.hpp)",
               [](const Network& net, const layer_edges& e, const measure_options& o) {
                 return per_stakeholder(
                     spread(net, e, structure::constraint(graph_for(e, o, true))));
               }});
  r.push_back({"effective_size", K::per_stakeholder, "layer, directed, weighted",
               "Burt's effective size (metrics/brokerage.hpp)",
               [](const Network& net, const layer_edges& e, const measure_options& o) {
                 return per_stakeholder(
                     spread(net, e, structure::effective_size(graph_for(e, o, true))));
               }});

  r.push_back({"decision_power", K::per_stakeholder, "index, decisions, project",
               "mean decision power over decisions (power/decision_power.hpp)",
               [](const Network& net, const layer_edges&, const measure_options& o) {
                 return per_stakeholder(power_of(net, o));
               }});
  r.push_back({"power_share", K::network, "index, decisions, project, groups, group",
               "a group's share of the decision power (power/decision_power.hpp)",
               [](const Network& net, const layer_edges&, const measure_options& o) {
                 std::size_t groups = 0;
                 check_groups(net, o, groups);
                 if (o.group >= groups)
                   throw input_error("group", "group " + std::to_string(o.group) +
                                                  " is not among the " +
                                                  std::to_string(groups) + " groups");
                 const std::vector<std::size_t> group_of(o.groups.begin(), o.groups.end());
                 return one(power_shares(power_of(net, o), group_of, groups)[o.group]);
               }});
  r.push_back({"convenor_carried_share", K::network, "decisions, project",
               "share of decisions convenors carry alone (power/decision_power.hpp)",
               [](const Network& net, const layer_edges&, const measure_options& o) {
                 return one(convenor_carried_share(net, o.decisions, o.project));
               }});
  r.push_back({"ladder_rung", K::network, "project, decisions",
               "the computed type of collaboration of a project: 0 below consultation, then "
               "1 consultation to 4 co-production (ladder/classify.hpp)",
               [](const Network& net, const layer_edges&, const measure_options& o) {
                 const ladder_result res = ladder_of(net, o);
                 return one(res.type ? 1.0 + static_cast<double>(*res.type) : 0.0);
               }});
  // Each criterion of the ladder by its name in `ladder_result::criteria`, prefixed.
  for (std::string_view criterion : ladder_criteria) {
    r.push_back({criterion, K::network, "project, decisions",
                 "the value a criterion of the ladder measures (ladder/classify.hpp)",
                 [criterion](const Network& net, const layer_edges&, const measure_options& o) {
                   const ladder_result res = ladder_of(net, o);
                   for (const ladder_criterion& c : res.criteria)
                     if ("ladder_" + c.name == criterion) return one(c.value);
                   return one(nan);
                 }});
  }

  for (std::string_view index : {"gini", "theil", "mld", "atkinson", "generalized_entropy",
                                  "hoover", "palma", "hhi", "effective_number", "entropy"}) {
    r.push_back({index, K::network, "quantity and the options it reads, parameter",
                 "inequality of a per-stakeholder measure (metrics/inequality.hpp)",
                 [index](const Network& net, const layer_edges& e, const measure_options& o) {
                   return inequality_of(index, net, e, o);
                 }});
  }
  return r;
}

inline const std::vector<registered_measure>& all() {
  static const std::vector<registered_measure> registry = make_registry();
  return registry;
}

inline const registered_measure& find(std::string_view name) {
  for (const registered_measure& m : all())
    if (m.name == name) return m;
  std::string names;
  for (const registered_measure& m : all()) names += (names.empty() ? "" : ", ") + std::string(m.name);
  throw input_error("measure", quote(name) + " is not a registered measure; they are " + names);
}

inline measure_value inequality_of(std::string_view index, const Network& net,
                                   const layer_edges& e, const measure_options& o) {
  const registered_measure& q = find(o.quantity);
  if (q.kind != measure_kind::per_stakeholder)
    throw input_error("quantity", quote(o.quantity) + " gives one value, not one per stakeholder");
  std::vector<double> values = q.compute(net, e, o).per_stakeholder;
  std::erase_if(values, [](double x) { return std::isnan(x); });
  const std::span<const double> x(values);
  const double p = o.parameter;
  if (index == "gini") return one(gini(x));
  if (index == "theil") return one(theil(x));
  if (index == "mld") return one(mld(x));
  if (index == "atkinson") return one(atkinson(x, std::isnan(p) ? 1.0 : p));
  if (index == "generalized_entropy") return one(generalized_entropy(x, std::isnan(p) ? 2.0 : p));
  if (index == "hoover") return one(hoover(x));
  if (index == "palma") return one(palma(x));
  if (index == "hhi") return one(hhi(x));
  if (index == "effective_number") return one(effective_number(x));
  return one(entropy(x));
}

}  // namespace detail::registry

/// Every registered measure, in a fixed order. O(1) after the first call.
inline const std::vector<registered_measure>& registered_measures() {
  return detail::registry::all();
}

/// The measure called `name` on the layer `options.layer` of `net` and its decisions.
/// Complexity: that of the measure plus O(stakeholders + relations) to read the layer.
/// Throws `input_error` ("measure") for a name not registered, and whatever the measure
/// throws for its options (`input_error` naming the option, `unknown_id` for a project).
inline measure_value compute_measure(std::string_view name, const Network& net,
                                     const measure_options& options = {}) {
  const registered_measure& m = detail::registry::find(name);
  return m.compute(net, edges_of(net, options.layer, options.include_objects), options);
}

/// The measure called `name` with the relations of the layer replaced by `edges` (a rewired
/// or resampled layer over `edges.vertices`), the network's stakeholders and decisions kept.
/// Throws as the other overload, and `input_error` ("edges") for a vertex outside `net`.
inline measure_value compute_measure(std::string_view name, const Network& net,
                                     const layer_edges& edges,
                                     const measure_options& options = {}) {
  for (auto v : edges.vertices)
    if (v >= net.num_stakeholders())
      throw input_error("edges", "vertex " + std::to_string(v) + " is not a stakeholder of the "
                                 "network (" + std::to_string(net.num_stakeholders()) + ")");
  return detail::registry::find(name).compute(net, edges, options);
}

}  // namespace coproduction
