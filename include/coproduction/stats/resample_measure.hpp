#pragma once
/// \file
/// The bootstrap of any registered measure of a network (`detail/registry.hpp`), with the
/// stakeholders, the decisions or the relations of a layer as the unit resampled.
///
/// - **Decisions** (decision power, power shares, the share of decisions convenors carry,
///   the inequality of decision power). Each of these is a ratio of sums over decisions,
///   each decision d counting by its weight w_d: a stakeholder's power is
///   `P_s = sum_d w_d p(s, d) / sum_d w_d`, a group's share `sum_d w_d sum_{s in g} p(s, d) /
///   sum_d w_d sum_s p(s, d)`, the convenor-carried share `sum_d w_d [carried d] / sum_d w_d`.
///   A resample that draws decision d `c_d` times counts it `c_d` times, so each sum becomes
///   `sum_d c_d (w_d ...)`: what each decision contributes is computed once (one power index
///   per decision), and a draw is a weighted sum of those contributions, O(decisions) (times
///   the stakeholders, for an inequality index of the power). The units are the decisions the
///   measure reads: those of `options.project`, or all.
/// - **Relations** of the layer: the layer's m relations drawn m times with replacement, and
///   the measure computed on them (`compute_measure(name, net, edges, options)`). A relation
///   drawn twice is two parallel relations: it counts twice where a measure adds weights
///   (a weighted layer), once where it reads ties. A resample holds about 1 - 1/e = 63% of
///   the distinct relations, so a measure of distinct ties (density, reciprocity, the
///   Krackhardt dimensions, centralization, which reads the unweighted layer) is shifted
///   down on every resample and its interval need not contain the estimate: bootstrap such
///   measures over stakeholders, and keep this unit for measures that add weights (a
///   weighted centrality and the inequality of it).
/// - **Stakeholders** of the layer: the vertex bootstrap of Snijders & Borgatti (1999). n
///   positions are filled by n stakeholders drawn with replacement (`sigma(p)`, position p);
///   between positions p and q the relations are those from `sigma(p)` to `sigma(q)`. Two
///   copies of one stakeholder (`sigma(p) = sigma(q)`, p < q) have no observed relation
///   between them; following Snijders & Borgatti, their dyad takes the value of a dyad drawn
///   at random from the observed ordered pairs of distinct stakeholders (a, b): the relations
///   a -> b become p -> q and those b -> a become q -> p. The dyad, not each direction, is
///   drawn, so a copied pair keeps the observed mix of mutual, one-way and absent ties and an
///   undirected reading sees one random pair (the reference implementation of the R package
///   snowboot, `vertboot`, likewise copies one drawn value to both directions). A
///   stakeholder's own loops stay with each copy. Each position keeps the placeholder of an
///   original layer position, with the group code of the stakeholder it holds, so the
///   measure sees n distinct vertices. The random numbers of a draw come in this order: the
///   n positions (`draw_indices`), then for each pair of copies, in lexicographic order of
///   (p, q), `a = draw_unit(n)` and `b = draw_unit(n - 1)`, b increased by 1 when `b >= a`.
///
/// A measure that gives one value per stakeholder is bootstrapped at one stakeholder
/// (`measure_bootstrap_options::stakeholder`), over decisions or relations; a resample of
/// stakeholders has no fixed stakeholders, so there it is refused (bootstrap an index of it,
/// `gini` with that `quantity`, instead). The ladder's measures (`ladder_rung`,
/// `ladder_*`) are classifications of a whole project by rules over its decisions and its
/// learning relations, neither a sum over decisions nor a function of one layer: they are
/// refused over every unit, with a message naming what can be bootstrapped instead. The
/// exceptions are the ladder's criteria over decisions (`ladder_partners_consulted`,
/// `ladder_design_involvement`, `ladder_design_joint`, `ladder_delivery_guided`,
/// `ladder_shared_equally`): each is a weighted share of the project's decisions (of one
/// stage, or all) that show a property, `sum_d w_d [d in stage and d shows it] / sum_d w_d
/// [d in stage]`, so they are resampled over decisions like the other ratios of sums, each
/// decision keeping the reading `classify` gives it on the whole project (its partners'
/// best right, whether they hold real power, whether power is shared equally).
///
/// The estimate is `compute_measure(name, net, options)`. A resample on which the measure is
/// undefined (NaN, or it throws `input_error`, as a share of power when no drawn decision
/// gives anyone power) is NaN and left out of the interval. BCa's jackknife leaves each unit
/// out in turn (each decision; each relation; each stakeholder with its relations).
///
/// References:
/// - Snijders, T. A. B. & Borgatti, S. P. (1999). Non-parametric standard errors and tests
///   for network statistics. Connections 22(2), 61-70.
/// - Chen, Y., Gel, Y. R., Lyubchich, V. & Nezafati, K. (2018). Snowboot: bootstrap methods
///   for network inference. The R Journal 10(2), 95-113.
/// - Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/registry.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/stats/bootstrap.hpp"
#include "coproduction/stats/resampling.hpp"

namespace coproduction {

/// What a bootstrap of a network resamples.
enum class resampling_unit { stakeholders, decisions, relations };

namespace detail {
inline constexpr std::string_view resampling_unit_names[] = {"stakeholders", "decisions",
                                                             "relations"};
}  // namespace detail

constexpr std::string_view name_of(resampling_unit u) {
  return detail::resampling_unit_names[static_cast<std::size_t>(u)];
}

/// The unit spelt `word` ("stakeholders", "decisions", "relations"). Throws `input_error`
/// ("unit") otherwise. O(1).
inline resampling_unit resampling_unit_named(std::string_view word) {
  for (std::size_t i = 0; i < std::size(detail::resampling_unit_names); ++i)
    if (detail::resampling_unit_names[i] == word) return static_cast<resampling_unit>(i);
  throw input_error("unit", "must be \"stakeholders\", \"decisions\" or \"relations\", got \"" +
                                std::string(word) + "\"");
}

/// How a bootstrap of a measure runs.
struct measure_bootstrap_options : bootstrap_options {
  /// For a measure with one value per stakeholder: the stakeholder (vertex index) whose value
  /// is bootstrapped.
  std::optional<std::size_t> stakeholder{};
};

namespace detail::resampling {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The ladder's criteria that are weighted shares of decisions, with the stage they read (none:
// every decision) and the property a decision shows.
struct decision_criterion {
  std::string_view name;
  std::optional<Stage> stage;
  bool (*shows)(const decision_reading&);
};
inline constexpr decision_criterion decision_criteria[] = {
    {"ladder_partners_consulted", std::nullopt,
     [](const decision_reading& r) { return r.partner_right >= Right::consulted; }},
    {"ladder_design_involvement", Stage::design,
     [](const decision_reading& r) { return r.partner_right >= Right::involved; }},
    {"ladder_design_joint", Stage::design, [](const decision_reading& r) { return r.joint; }},
    {"ladder_delivery_guided", Stage::delivery,
     [](const decision_reading& r) { return r.partner_right >= Right::involved; }},
    {"ladder_shared_equally", std::nullopt,
     [](const decision_reading& r) { return r.shared_equally; }},
};

inline const decision_criterion* criterion_of(std::string_view name) {
  for (const decision_criterion& c : decision_criteria)
    if (c.name == name) return &c;
  return nullptr;
}

// A ladder measure that is not a share of decisions: the rung, two-way learning.
inline bool is_ladder(std::string_view name) {
  return name.starts_with("ladder_") && criterion_of(name) == nullptr;
}

// An inequality index of a per-stakeholder quantity (the registry's `gini`, `theil`, ...).
inline bool is_inequality(const registered_measure& m) {
  if (m.kind != measure_kind::network || m.name == "mean") return false;
  for (std::string_view index : sample_statistic_names)
    if (index == m.name) return true;
  return false;
}

// Whether the measure reads decisions (then it is bootstrapped over decisions) rather than
// a layer's relations.
inline bool reads_decisions(const registered_measure& m, const measure_options& o) {
  if (m.name == "decision_power" || m.name == "power_share" || m.name == "convenor_carried_share")
    return true;
  if (criterion_of(m.name) != nullptr) return true;
  if (is_inequality(m)) return reads_decisions(registry::find(o.quantity), o);
  return false;
}

inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Refuses a measure the unit cannot resample, saying which unit can.
inline void check_unit(const registered_measure& m, resampling_unit unit,
                       const measure_options& o, const measure_bootstrap_options& b) {
  if (is_ladder(m.name))
    throw input_error(
        "measure",
        in_quotes(m.name) + " classifies a whole project by the ladder's rules over its decisions "
        "and learning relations: it is neither a sum over decisions nor a function of one "
        "layer, so it is not bootstrapped; bootstrap what it reads instead (the criteria that "
        "are shares of decisions, ladder_partners_consulted, ladder_design_involvement, "
        "ladder_design_joint, ladder_delivery_guided and ladder_shared_equally, over "
        "decisions; reciprocity of the learning layer over stakeholders)");
  if (is_inequality(m)) {
    const registered_measure& q = registry::find(o.quantity);
    if (q.kind != measure_kind::per_stakeholder)
      throw input_error("quantity", in_quotes(o.quantity) + " gives one value, not one per stakeholder");
  }
  const bool decisions = reads_decisions(m, o);
  if (decisions && unit != resampling_unit::decisions)
    throw input_error("unit", in_quotes(m.name) + " reads decisions, not a layer's relations: "
                              "it is bootstrapped over decisions only");
  if (!decisions && unit == resampling_unit::decisions)
    throw input_error("unit", in_quotes(m.name) + " reads the relations of a layer, not decisions: "
                              "bootstrap it over stakeholders or relations");
  if (m.kind == measure_kind::per_stakeholder) {
    if (unit == resampling_unit::stakeholders)
      throw input_error("unit", in_quotes(m.name) + " gives one value per stakeholder, and a resample "
                                "of stakeholders keeps no stakeholder fixed: bootstrap it over "
                                "relations at one stakeholder, or an index of it (gini with "
                                "quantity " + in_quotes(m.name) + ") over stakeholders");
    if (!b.stakeholder)
      throw input_error("stakeholder", in_quotes(m.name) + " gives one value per stakeholder: name "
                                       "the stakeholder whose value is bootstrapped, or bootstrap "
                                       "an index of it (gini with quantity " + in_quotes(m.name) + ")");
  }
}

// What each decision contributes to a decision measure: `outputs` numerators and one
// denominator per unit; a draw's value is finish(sum_d c_d num_d / sum_d c_d den_d).
struct decision_sums {
  std::size_t units = 0, outputs = 1;
  std::vector<double> num;  // units x outputs, row-major
  std::vector<double> den;  // units
  std::optional<sample_statistic> index{};  // an inequality index of the outputs
  double parameter = nan;
};

inline decision_sums decision_contributions(const Network& net, const registered_measure& m,
                                            const measure_options& o,
                                            std::optional<std::size_t> stakeholder) {
  if (!o.project.empty()) (void)net.project(o.project);
  std::vector<std::size_t> scope;
  for (std::size_t k = 0; k < net.num_decisions(); ++k)
    if (o.project.empty() || net.decisions()[k].project == o.project) scope.push_back(k);
  if (scope.empty())
    throw input_error("project", o.project.empty() ? "the network has no decision to resample"
                                                   : "project " + in_quotes(o.project) +
                                                         " has no decision to resample");
  decision_sums s;
  s.units = scope.size();
  const std::size_t n = net.num_stakeholders(), all = net.num_decisions();
  const auto weight = [&](std::size_t k) { return weight_of(net.decisions()[k], o.decisions); };

  if (const decision_criterion* c = criterion_of(m.name)) {
    // The project's readings, one per decision in scope and in the same order.
    const ladder_result res = registry::ladder_of(net, o);
    for (const decision_reading& r : res.decisions) {
      const double in = !c->stage || r.stage == *c->stage ? r.weight : 0.0;
      s.num.push_back(c->shows(r) ? in : 0.0);
      s.den.push_back(in);
    }
    s.units = res.decisions.size();
    return s;
  }
  if (m.name == "convenor_carried_share") {
    const std::vector<bool> carried = convenor_carried(net);
    for (std::size_t k : scope) {
      s.num.push_back(carried[k] ? weight(k) : 0.0);
      s.den.push_back(weight(k));
    }
    return s;
  }
  const power_table table = decision_power(net, o.index, o.stop_requested);
  const auto p = [&](std::size_t v, std::size_t k) { return table.values[v * all + k]; };
  if (m.name == "decision_power") {
    for (std::size_t k : scope) {
      s.num.push_back(weight(k) * p(*stakeholder, k));
      s.den.push_back(weight(k));
    }
    return s;
  }
  if (m.name == "power_share") {
    std::size_t groups = 0;
    registry::check_groups(net, o, groups);
    if (o.group >= groups)
      throw input_error("group", "group " + std::to_string(o.group) + " is not among the " +
                                     std::to_string(groups) + " groups");
    for (std::size_t k : scope) {
      double in = 0, total = 0;
      for (std::size_t v = 0; v < n; ++v) {
        total += p(v, k);
        if (o.groups[v] == o.group) in += p(v, k);
      }
      s.num.push_back(weight(k) * in);
      s.den.push_back(weight(k) * total);
    }
    return s;
  }
  // An inequality index of decision power.
  s.outputs = n;
  s.index = sample_statistic_named(m.name, "measure");
  s.parameter = o.parameter;
  for (std::size_t k : scope) {
    for (std::size_t v = 0; v < n; ++v) s.num.push_back(weight(k) * p(v, k));
    s.den.push_back(weight(k));
  }
  return s;
}

// The value of a decision measure when unit u counts `count(u)` times.
template <class Count>
double decision_value(const decision_sums& s, Count count, std::vector<double>& scratch) {
  double den = 0;
  scratch.assign(s.outputs, 0.0);
  for (std::size_t u = 0; u < s.units; ++u) {
    const double c = static_cast<double>(count(u));
    if (c == 0) continue;
    den += c * s.den[u];
    const double* row = s.num.data() + u * s.outputs;
    for (std::size_t j = 0; j < s.outputs; ++j) scratch[j] += c * row[j];
  }
  if (!(den > 0)) return nan;
  for (double& x : scratch) x /= den;
  if (!s.index) return scratch[0];
  try {
    return sample_statistic_value(*s.index, scratch, {}, s.parameter);
  } catch (const input_error&) {
    return nan;
  }
}

// The measure on `edges` (a resampled layer), NaN where it is undefined.
inline double layer_value(const Network& net, const registered_measure& m,
                          const layer_edges& edges, const measure_options& o,
                          std::optional<std::size_t> stakeholder) {
  try {
    const measure_value v = m.compute(net, edges, o);
    return stakeholder ? v.per_stakeholder.at(*stakeholder) : v.value;
  } catch (const input_error&) {
    return nan;
  }
}

inline void add_edge(const layer_edges& from, std::size_t i, std::uint32_t s, std::uint32_t t,
                     layer_edges& to) {
  to.source.push_back(s);
  to.target.push_back(t);
  to.weight.push_back(from.weight[i]);
  to.relation.push_back(from.relation[i]);
}

// The layer's relations grouped by source position (CSR), each source's by target.
struct adjacency {
  std::vector<std::size_t> start;  // n + 1
  std::vector<std::size_t> edge;   // edge indices, by source then target
  adjacency(const layer_edges& e, std::size_t n) : start(n + 1, 0), edge(e.source.size()) {
    for (auto s : e.source) ++start[s + 1];
    for (std::size_t v = 0; v < n; ++v) start[v + 1] += start[v];
    std::vector<std::size_t> at(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < e.source.size(); ++i) edge[at[e.source[i]]++] = i;
    for (std::size_t v = 0; v < n; ++v)
      std::stable_sort(edge.begin() + static_cast<std::ptrdiff_t>(start[v]),
                       edge.begin() + static_cast<std::ptrdiff_t>(start[v + 1]),
                       [&](std::size_t a, std::size_t b) { return e.target[a] < e.target[b]; });
  }
};

// Scratch of one worker of the vertex bootstrap.
struct vertex_space {
  std::vector<std::uint32_t> sigma;           // position -> original position
  std::vector<std::size_t> copies_start;      // original position -> first of its copies
  std::vector<std::uint32_t> copies;          // positions, grouped by original position
  layer_edges edges;
  measure_options options;
  std::vector<double> scratch;
};

// The vertex bootstrap resample of draw g into s.edges (and s.options.groups).
inline void vertex_resample(const layer_edges& e, const adjacency& adj, draw_generator& g,
                            const measure_options& base, vertex_space& s) {
  const std::size_t n = e.vertices.size();
  draw_indices(g, n, s.sigma);
  s.copies_start.assign(n + 1, 0);
  for (auto v : s.sigma) ++s.copies_start[v + 1];
  for (std::size_t v = 0; v < n; ++v) s.copies_start[v + 1] += s.copies_start[v];
  s.copies.resize(n);
  {
    std::vector<std::size_t> at(s.copies_start.begin(), s.copies_start.end() - 1);
    for (std::size_t p = 0; p < n; ++p) s.copies[at[s.sigma[p]]++] = static_cast<std::uint32_t>(p);
  }
  layer_edges& out = s.edges;
  out.vertices = e.vertices;
  out.source.clear(), out.target.clear(), out.weight.clear(), out.relation.clear();
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t a = s.sigma[p];
    for (std::size_t j = adj.start[a]; j < adj.start[a + 1]; ++j) {
      const std::size_t i = adj.edge[j];
      const std::uint32_t t = e.target[i];
      if (t == a) {
        add_edge(e, i, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p), out);
        continue;
      }
      for (std::size_t c = s.copies_start[t]; c < s.copies_start[t + 1]; ++c)
        add_edge(e, i, static_cast<std::uint32_t>(p), s.copies[c], out);
    }
  }
  // Pairs of copies of one stakeholder, in lexicographic order of (p, q).
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t v = s.sigma[p];
    for (std::size_t c = s.copies_start[v]; c < s.copies_start[v + 1]; ++c) {
      const std::uint32_t q = s.copies[c];
      if (q <= p) continue;
      const std::uint32_t a = draw_unit(g, n);
      std::uint32_t b = draw_unit(g, n - 1);
      if (b >= a) ++b;
      for (std::size_t j = adj.start[a]; j < adj.start[a + 1]; ++j)
        if (e.target[adj.edge[j]] == b) add_edge(e, adj.edge[j], static_cast<std::uint32_t>(p), q, out);
      for (std::size_t j = adj.start[b]; j < adj.start[b + 1]; ++j)
        if (e.target[adj.edge[j]] == a) add_edge(e, adj.edge[j], q, static_cast<std::uint32_t>(p), out);
    }
  }
  if (!base.groups.empty())
    for (std::size_t p = 0; p < n; ++p)
      s.options.groups[e.vertices[p]] = base.groups[e.vertices[s.sigma[p]]];
}

// The layer without position `left_out` and its relations, positions renumbered.
inline layer_edges without_vertex(const layer_edges& e, std::size_t left_out) {
  layer_edges out;
  for (std::size_t p = 0; p < e.vertices.size(); ++p)
    if (p != left_out) out.vertices.push_back(e.vertices[p]);
  const auto renumber = [&](std::uint32_t p) { return p > left_out ? p - 1 : p; };
  for (std::size_t i = 0; i < e.source.size(); ++i) {
    if (e.source[i] == left_out || e.target[i] == left_out) continue;
    add_edge(e, i, renumber(e.source[i]), renumber(e.target[i]), out);
  }
  return out;
}

// The layer with relation `left_out` removed, or with relations of `indices` (a resample).
inline void select_edges(const layer_edges& e, std::span<const std::uint32_t> indices,
                         layer_edges& out) {
  out.vertices = e.vertices;
  out.source.clear(), out.target.clear(), out.weight.clear(), out.relation.clear();
  for (auto i : indices) add_edge(e, i, e.source[i], e.target[i], out);
}

}  // namespace detail::resampling

/// The units a measure can be bootstrapped over, given its options (empty for the ladder's
/// measures and for an index of a quantity that is not per stakeholder). Throws `input_error` ("measure") for a name not registered, ("quantity") for
/// an inequality index whose quantity is not registered. O(registry).
inline std::vector<resampling_unit> resampling_units(std::string_view name,
                                                     const measure_options& options = {}) {
  namespace r = detail::resampling;
  const registered_measure& m = detail::registry::find(name);
  if (r::is_ladder(m.name)) return {};
  if (r::is_inequality(m) &&
      detail::registry::find(options.quantity).kind != measure_kind::per_stakeholder)
    return {};
  if (r::reads_decisions(m, options)) return {resampling_unit::decisions};
  if (m.kind == measure_kind::per_stakeholder) return {resampling_unit::relations};
  return {resampling_unit::stakeholders, resampling_unit::relations};
}

/// The bootstrap of the registered measure `name` of `net` with `unit` as the unit resampled
/// (see the file's comment for each unit): the estimate `compute_measure(name, net,
/// options)`, `o.draws` resamples (draw d from `draw_generator(o.seed, d)`, its units drawn
/// first by `draw_indices`), the measure on each, and the interval at `o.level` by
/// `o.method`. Identical for every `o.threads`; the measure itself runs on one thread inside
/// each draw, and `options.stop_requested` is asked only from the calling thread (between
/// the phases, and every 50 ms while the draws run).
///
/// Complexity: decisions, one power index per decision once, then O(draws · decisions ·
/// outputs) (outputs: 1, or the stakeholders for an inequality index); relations and
/// stakeholders, `draws` computations of the measure on a layer of about the original size.
/// BCa adds one computation per unit (the jackknife).
/// Throws `input_error`: ("measure") a name not registered, or a ladder measure; ("unit") a
/// unit the measure cannot be resampled by, naming the one it can; ("stakeholder") a
/// per-stakeholder measure without a stakeholder, or one outside the network or the layer;
/// ("project") no decision to resample; ("layer") no relation, or fewer than 2 stakeholders,
/// to resample; whatever the measure throws on the data itself; ("draws"), ("ci");
/// `unknown_id` for an unknown project; `interrupted` when a stop is asked.
inline bootstrap_result bootstrap_measure(const Network& net, std::string_view name,
                                          resampling_unit unit, const measure_options& options,
                                          const measure_bootstrap_options& o) {
  namespace r = detail::resampling;
  detail::check_draws(o.draws);
  detail::check_level(o.level);
  const registered_measure& m = detail::registry::find(name);
  r::check_unit(m, unit, options, o);
  const std::optional<std::size_t> who =
      m.kind == measure_kind::per_stakeholder ? o.stakeholder : std::nullopt;
  if (who && *who >= net.num_stakeholders())
    throw input_error("stakeholder", "vertex " + std::to_string(*who) + " is not a stakeholder of "
                                     "the network (" + std::to_string(net.num_stakeholders()) + ")");

  const measure_value full = compute_measure(name, net, options);
  const double estimate = who ? full.per_stakeholder[*who] : full.value;
  // Inside the draws: one thread per computation, and no stop check off the calling thread.
  measure_options inner = options;
  inner.threads = 1;
  inner.stop_requested = {};
  const bool bca = o.method == interval_method::bca;
  std::vector<double> draws, jackknife;

  if (unit == resampling_unit::decisions) {
    const r::decision_sums sums = r::decision_contributions(net, m, options, who);
    const std::size_t k = sums.units;
    struct space {
      std::vector<std::uint32_t> counts;
      std::vector<double> scratch;
    };
    draws = resample(o, [] { return space{}; }, [&](space& s, draw_generator& g) {
      draw_counts(g, k, s.counts);
      return r::decision_value(sums, [&](std::size_t u) { return s.counts[u]; }, s.scratch);
    });
    if (bca && k >= 2)
      jackknife = detail::parallel_values(
          k, o.threads, o.stop_requested, nullptr, [] { return std::vector<double>(); },
          [&](std::vector<double>& scratch, std::size_t left_out) {
            return r::decision_value(sums, [&](std::size_t u) { return u == left_out ? 0 : 1; },
                                     scratch);
          });
    return summarise_bootstrap(estimate, std::move(draws), std::move(jackknife), o);
  }

  const layer_edges e = edges_of(net, options.layer, options.include_objects);
  if (who && !std::binary_search(e.vertices.begin(), e.vertices.end(), *who))
    throw input_error("stakeholder", "vertex " + std::to_string(*who) +
                                     " is outside the layer (an object, unless include_objects)");
  if (unit == resampling_unit::relations) {
    const std::size_t edges = e.source.size();
    if (edges == 0) throw input_error("layer", "has no relation to resample");
    detail::check_units(edges, "layer");
    struct space {
      std::vector<std::uint32_t> indices;
      layer_edges edges;
    };
    draws = resample(o, [] { return space{}; }, [&](space& s, draw_generator& g) {
      draw_indices(g, edges, s.indices);
      r::select_edges(e, s.indices, s.edges);
      return r::layer_value(net, m, s.edges, inner, who);
    });
    if (bca && edges >= 2)
      jackknife = detail::parallel_values(
          edges, o.threads, o.stop_requested, nullptr,
          [&] { return std::pair<std::vector<std::uint32_t>, layer_edges>(); },
          [&](auto& s, std::size_t left_out) {
            s.first.clear();
            for (std::size_t i = 0; i < edges; ++i)
              if (i != left_out) s.first.push_back(static_cast<std::uint32_t>(i));
            r::select_edges(e, s.first, s.second);
            return r::layer_value(net, m, s.second, inner, who);
          });
    return summarise_bootstrap(estimate, std::move(draws), std::move(jackknife), o);
  }

  // Stakeholders: the vertex bootstrap.
  const std::size_t n = e.vertices.size();
  if (n < 2) throw input_error("layer", "needs at least 2 stakeholders to resample, has " +
                                            std::to_string(n));
  const r::adjacency adj(e, n);
  draws = resample(
      o, [&] { return r::vertex_space{{}, {}, {}, {}, inner, {}}; },
      [&](r::vertex_space& s, draw_generator& g) {
        r::vertex_resample(e, adj, g, inner, s);
        return r::layer_value(net, m, s.edges, s.options, std::nullopt);
      });
  if (bca)
    jackknife = detail::parallel_values(
        n, o.threads, o.stop_requested, nullptr, [] { return 0; },
        [&](int&, std::size_t left_out) {
          return r::layer_value(net, m, r::without_vertex(e, left_out), inner, std::nullopt);
        });
  return summarise_bootstrap(estimate, std::move(draws), std::move(jackknife), o);
}

}  // namespace coproduction
