#pragma once
/// \file
/// Formal decision power in a network: for every stakeholder and every decision, a power
/// index of the decision's simple game (`decision_game.hpp`); its aggregation by stage and
/// by project; shares of power by any grouping; the share of decisions the convenors can
/// carry with no partner in the coalition; and the veto players of each decision.
///
/// Traverse and Co-Production Collective, *Draft manifesto for coproduction in health and
/// care research*: "Know where power sits and who holds it". A right in a decision says what a
/// stakeholder is called; the index of the rule's game says what the right is worth.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/deegan_packel.hpp"
#include "coproduction/power/holler.hpp"
#include "coproduction/power/johnston.hpp"
#include "coproduction/power/shapley_shubik.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// The power index read from each decision's game.
enum class power_measure {
  banzhaf,           ///< normalised Banzhaf (Banzhaf 1965): shares of all swings, sum 1
  banzhaf_absolute,  ///< absolute Banzhaf (Penrose 1946): probability of being decisive
  shapley_shubik,    ///< Shapley & Shubik (1954): share of voting orders pivotal in, sum 1
  deegan_packel,     ///< Deegan & Packel (1978), sum 1; at most 64 holders
  holler,            ///< Holler (1982) public good index, sum 1; at most 64 holders
  johnston,          ///< Johnston (1978), sum 1; at most 25 holders
};

namespace detail {
inline constexpr std::array<std::string_view, 6> power_measure_names{
    "banzhaf", "banzhaf_absolute", "shapley_shubik", "deegan_packel", "holler", "johnston"};
}  // namespace detail

/// The name of a measure as the Python layer spells it (`"banzhaf"`, `"shapley_shubik"`, ...).
constexpr std::string_view measure_name(power_measure m) {
  return detail::power_measure_names[static_cast<std::size_t>(m)];
}

/// The measure spelt `text`. \throws input_error ("index") for any other spelling.
inline power_measure parse_power_measure(std::string_view text) {
  for (std::size_t i = 0; i < detail::power_measure_names.size(); ++i)
    if (detail::power_measure_names[i] == text) return static_cast<power_measure>(i);
  std::string all;
  for (auto name : detail::power_measure_names) {
    if (!all.empty()) all += ", ";
    all += name;
  }
  throw input_error("index", "\"" + std::string(text) + "\" is not one of " + all);
}

/// How decisions count when they are aggregated.
enum class decision_weighting {
  equal,      ///< every decision counts once
  by_weight,  ///< each decision counts by its `weight` (absent means 1)
};

/// The one default of every function and configuration that aggregates over decisions
/// (`power_by_stage`, `power_by_project`, `overall_power`, `convenor_carried_share`,
/// `ladder_config`, `tokenism_config`, and in Python every `weighted=` argument): a decision
/// counts by its `weight`, 1 when absent. A decision recorded with weight 2 was marked as
/// counting twice, so it does by default; pass `decision_weighting::equal` to count every
/// decision once. docs/power.md, "Decision weighting".
inline constexpr decision_weighting default_decision_weighting = decision_weighting::by_weight;

/// The chosen index for each holder of one decision, in the order of `g.holders()`.
///
/// Banzhaf and Shapley-Shubik are exact by dynamic programming over vote totals, up to
/// `max_exact_table_bytes` of tables and `max_exact_table_cells` of work; Deegan-Packel and
/// Holler enumerate minimal winning coalitions (at most 64 holders and `max_coalitions`
/// coalitions), Johnston all coalitions (at most 25 holders). Range [0, 1]; every measure but
/// `banzhaf_absolute` sums to 1 over the holders; a sole decider gets 1 under every measure.
/// \throws input_error ("players") beyond the enumeration limits; limit_exceeded
///         ("weights") for tables beyond their limits, ("max_coalitions") for more minimal
///         winning coalitions than `max_coalitions`; interrupted when `stop_requested`
///         (asked every few milliseconds of work) returns true.
inline std::vector<double> holder_power(
    const decision_game& g, power_measure m, const stop_check& stop_requested = {},
    std::uint64_t max_coalitions = default_max_visited_coalitions) {
  switch (m) {
    case power_measure::banzhaf:
      return banzhaf(g.game(), banzhaf_scale::normalized, stop_requested);
    case power_measure::banzhaf_absolute:
      return banzhaf(g.game(), banzhaf_scale::absolute, stop_requested);
    case power_measure::shapley_shubik: return shapley_shubik(g.game(), stop_requested);
    case power_measure::deegan_packel:
      return deegan_packel(g.game(), max_coalitions, stop_requested);
    case power_measure::holler: return holler(g.game(), max_coalitions, stop_requested);
    case power_measure::johnston: return johnston(g.game(), stop_requested);
  }
  return {};
}

/// A stakeholders x columns table of values, row-major; columns are decisions, stages or
/// projects.
struct power_table {
  std::vector<std::string> stakeholders;  ///< row ids, in vertex (insertion) order
  std::vector<std::string> columns;       ///< column ids
  std::vector<double> values;             ///< `values[s * columns.size() + c]`

  double at(std::size_t s, std::size_t c) const { return values.at(s * columns.size() + c); }
  bool operator==(const power_table&) const = default;
};

namespace detail {

/// The table of `power(g)` over `decisions`: one row per stakeholder (vertex order), one
/// column per decision (the order given), the decision's game's values for its holders and 0
/// for everyone else. `power` gives one value per holder, in the order of `g.holders()`.
/// \throws as `power`; a limit_exceeded names the decision first.
template <class Power>
power_table power_table_of(const Network& net, const std::vector<const Decision*>& decisions,
                           Power power) {
  power_table out;
  const std::size_t n = net.num_stakeholders(), k = decisions.size();
  out.stakeholders.reserve(n);
  for (std::size_t v = 0; v < n; ++v) out.stakeholders.push_back(net.stakeholder_at(v).id);
  for (const Decision* d : decisions) out.columns.push_back(d->id);
  out.values.assign(n * k, 0.0);
  for (std::size_t c = 0; c < k; ++c) {
    const decision_game g(*decisions[c]);
    std::vector<double> values;
    try {
      values = power(g);
    } catch (const limit_exceeded& e) {
      throw limit_exceeded(e.where(), e.unit(), e.estimate(), e.limit(),
                           "decision " + quote(g.decision()) + ": " + e.detail());
    }
    for (std::size_t i = 0; i < g.size(); ++i)
      out.values[net.vertex(g.holders()[i]) * k + c] = values[i];
  }
  return out;
}

}  // namespace detail

/// Formal decision power: one row per stakeholder (vertex order), one column per decision
/// (insertion order), holding the chosen index of the decision's game for each holder and 0
/// for everyone else (a stakeholder who is only informed, consulted or involved holds no
/// formal power, however the convenor weighs the input).
///
/// Complexity: the index's cost per decision plus O(|stakeholders| · |decisions|) memory.
/// \throws as `holder_power`; a limit_exceeded names the decision first.
inline power_table decision_power(const Network& net,
                                  power_measure m = power_measure::banzhaf,
                                  const stop_check& stop_requested = {},
                                  std::uint64_t max_coalitions = default_max_visited_coalitions) {
  std::vector<const Decision*> all;
  all.reserve(net.num_decisions());
  for (const Decision& d : net.decisions()) all.push_back(&d);
  return detail::power_table_of(net, all, [&](const decision_game& g) {
    return holder_power(g, m, stop_requested, max_coalitions);
  });
}

namespace detail {

inline void check_table(const Network& net, const power_table& table) {
  if (table.stakeholders.size() != net.num_stakeholders() ||
      table.columns.size() != net.num_decisions() ||
      table.values.size() != table.stakeholders.size() * table.columns.size())
    throw input_error("table", "is not the decision power table of this network (" +
                                   std::to_string(table.stakeholders.size()) + " x " +
                                   std::to_string(table.columns.size()) + " for " +
                                   std::to_string(net.num_stakeholders()) + " stakeholders and " +
                                   std::to_string(net.num_decisions()) + " decisions)");
}

inline double weight_of(const Decision& d, decision_weighting w) {
  return w == decision_weighting::by_weight ? d.weight.value_or(1.0) : 1.0;
}

}  // namespace detail

/// Weighted mean of decision power over groups of decisions: column `c` of the result is
///
///     P(s, c) = sum_{d : group(d) = c} w_d · p(s, d) / sum_{d : group(d) = c} w_d
///
/// with `w_d` 1 or the decision's weight. `group_of[d]` is the column of decision `d` (its
/// index in `columns`), or `decision_game::npos` to leave it out. Because each decision's
/// normalised index sums to 1 over its holders, each column sums to 1 over stakeholders: a
/// stakeholder's share of the power over those decisions. O(|stakeholders| · |decisions|).
/// \throws input_error ("table") when `table` does not fit `net`, ("group_of") when it does
///         not have one entry per decision or names a column that does not exist, ("columns")
///         when a column has no decision.
inline power_table aggregate_power(const Network& net, const power_table& table,
                                   const std::vector<std::size_t>& group_of,
                                   std::vector<std::string> columns, decision_weighting w) {
  detail::check_table(net, table);
  const std::size_t n = table.stakeholders.size(), k = table.columns.size(), m = columns.size();
  if (group_of.size() != k)
    throw input_error("group_of", "needs one entry per decision (" + std::to_string(k) +
                                      "), got " + std::to_string(group_of.size()));
  std::vector<double> total(m, 0.0);
  for (std::size_t d = 0; d < k; ++d) {
    if (group_of[d] == decision_game::npos) continue;
    if (group_of[d] >= m)
      throw input_error("group_of", "entry " + std::to_string(d) + " names column " +
                                        std::to_string(group_of[d]) + " of " + std::to_string(m));
    total[group_of[d]] += detail::weight_of(net.decisions()[d], w);
  }
  for (std::size_t c = 0; c < m; ++c)
    if (total[c] <= 0) throw input_error("columns", "column \"" + columns[c] + "\" has no decision");
  power_table out{table.stakeholders, std::move(columns), std::vector<double>(n * m, 0.0)};
  for (std::size_t d = 0; d < k; ++d) {
    const std::size_t c = group_of[d];
    if (c == decision_game::npos) continue;
    const double share = detail::weight_of(net.decisions()[d], w) / total[c];
    for (std::size_t s = 0; s < n; ++s) out.values[s * m + c] += share * table.values[s * k + d];
  }
  return out;
}

/// Decision power by stage: one column per stage that has a decision (in stage order), the
/// weighted mean of `table` over the decisions of that stage; only the decisions of
/// `project` when one is named. See `aggregate_power`.
/// \throws unknown_id for an unknown project; input_error ("project") when it has no
///         decision; as `aggregate_power`.
inline power_table power_by_stage(const Network& net, const power_table& table,
                                  decision_weighting w = default_decision_weighting,
                                  std::string_view project = {}) {
  if (!project.empty()) (void)net.project(project);
  std::array<bool, 5> used{};
  for (const Decision& d : net.decisions())
    if (project.empty() || d.project == project) used[static_cast<std::size_t>(d.stage)] = true;
  std::array<std::size_t, 5> column{};
  std::vector<std::string> names;
  for (std::size_t s = 0; s < used.size(); ++s)
    if (used[s]) {
      column[s] = names.size();
      names.emplace_back(to_string(static_cast<Stage>(s)));
    }
  if (names.empty())
    throw input_error("project", project.empty() ? "the network has no decision"
                                                 : "project \"" + std::string(project) +
                                                       "\" has no decision");
  std::vector<std::size_t> group_of;
  for (const Decision& d : net.decisions())
    group_of.push_back(project.empty() || d.project == project
                           ? column[static_cast<std::size_t>(d.stage)]
                           : decision_game::npos);
  return aggregate_power(net, table, group_of, std::move(names), w);
}

/// Decision power by project: one column per project that has a decision (insertion
/// order), the weighted mean of `table` over its decisions. See `aggregate_power`.
/// \throws input_error ("net") when the network has no decision; as `aggregate_power`.
inline power_table power_by_project(const Network& net, const power_table& table,
                                    decision_weighting w = default_decision_weighting) {
  std::vector<std::size_t> column(net.num_projects(), decision_game::npos);
  std::vector<bool> used(net.num_projects(), false);
  std::vector<std::size_t> project_of;
  for (const Decision& d : net.decisions()) {
    std::size_t p = 0;
    while (net.projects()[p].id != d.project) ++p;
    used[p] = true;
    project_of.push_back(p);
  }
  std::vector<std::string> names;
  for (std::size_t p = 0; p < used.size(); ++p)
    if (used[p]) {
      column[p] = names.size();
      names.push_back(net.projects()[p].id);
    }
  if (names.empty()) throw input_error("net", "the network has no decision");
  std::vector<std::size_t> group_of;
  for (std::size_t p : project_of) group_of.push_back(column[p]);
  return aggregate_power(net, table, group_of, std::move(names), w);
}

/// Each stakeholder's power over all decisions (or those of `project`): the weighted mean
/// of its row of `table`, one value per stakeholder in vertex order. With a normalised
/// index the values sum to 1. See `aggregate_power`.
/// \throws unknown_id for an unknown project; input_error ("project") when there is no
///         decision to average over; as `aggregate_power`.
inline std::vector<double> overall_power(const Network& net, const power_table& table,
                                         decision_weighting w = default_decision_weighting,
                                         std::string_view project = {}) {
  if (!project.empty()) (void)net.project(project);
  std::vector<std::size_t> group_of;
  bool any = false;
  for (const Decision& d : net.decisions()) {
    const bool in = project.empty() || d.project == project;
    any = any || in;
    group_of.push_back(in ? 0 : decision_game::npos);
  }
  if (!any)
    throw input_error("project", project.empty() ? "the network has no decision"
                                                 : "project \"" + std::string(project) +
                                                       "\" has no decision");
  return aggregate_power(net, table, group_of, {"all"}, w).values;
}

/// Each group's share of the power: `S_g = sum_{i in g} x_i / sum_i x_i`, with `group_of[i]`
/// in `[0, groups)` the group of stakeholder `i`. Range [0, 1], summing to 1. O(n).
/// \throws input_error ("power") on a negative or non-finite value or a zero total,
///         ("group_of") on a length mismatch or a group out of range.
inline std::vector<double> power_shares(const std::vector<double>& power,
                                        const std::vector<std::size_t>& group_of,
                                        std::size_t groups) {
  if (group_of.size() != power.size())
    throw input_error("group_of", "needs one group per stakeholder (" +
                                      std::to_string(power.size()) + "), got " +
                                      std::to_string(group_of.size()));
  std::vector<double> out(groups, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < power.size(); ++i) {
    if (!std::isfinite(power[i]) || power[i] < 0)
      throw input_error("power", "entry " + std::to_string(i) + " is not a finite number >= 0");
    if (group_of[i] >= groups)
      throw input_error("group_of", "entry " + std::to_string(i) + " names group " +
                                        std::to_string(group_of[i]) + " of " +
                                        std::to_string(groups));
    out[group_of[i]] += power[i];
    total += power[i];
  }
  if (!(total > 0)) throw input_error("power", "nobody holds any power: the shares are undefined");
  for (double& x : out) x /= total;
  return out;
}

/// Who takes part in a project (or, with no project, in the partnership), by vertex: never
/// an object (objects hold no rights); without a project every other stakeholder; with one,
/// those with a right above `none` in one of its decisions, and those with a right above
/// `none` in no decision at all: no decision ties such a stakeholder to one project, so it
/// belongs to the partnership as a whole and to each project of it. On a network of one
/// project the two readings agree. The people of `power_shares` (Python) and of the
/// principles scorecard. \throws unknown_id for an unknown project. O(stakeholders + rights).
inline std::vector<bool> taking_part(const Network& net, std::string_view project = {}) {
  if (!project.empty()) (void)net.project(project);
  const std::size_t n = net.num_stakeholders();
  std::vector<bool> anywhere(n, false), here(n, false), out(n, false);
  for (const Decision& d : net.decisions()) {
    const bool in = project.empty() || d.project == project;
    for (const auto& [who, right] : d.rights) {
      if (right == Right::none) continue;
      const std::size_t v = net.vertex(who);
      anywhere[v] = true;
      if (in) here[v] = true;
    }
  }
  for (std::size_t v = 0; v < n; ++v)
    out[v] = net.stakeholder_at(v).kind != Kind::object &&
             (project.empty() || here[v] || !anywhere[v]);
  return out;
}

/// For each decision (insertion order), whether the convenor holders carry it on their own:
/// the coalition of every holder who is a convenor wins, so no partner needs to be in the
/// winning coalition. Because the game is monotone, this is the case exactly when some
/// coalition without partners wins. O(sum of holders).
inline std::vector<bool> convenor_carried(const Network& net) {
  std::vector<bool> out;
  out.reserve(net.num_decisions());
  for (const Decision& d : net.decisions()) {
    const decision_game g(d);
    std::vector<bool> members(g.size());
    for (std::size_t i = 0; i < g.size(); ++i)
      members[i] = net.stakeholder(g.holders()[i]).is_convenor();
    out.push_back(g.carried_by(members));
  }
  return out;
}

/// The share of decisions (of `project`, or all) that the convenors can carry with no
/// partner in the winning coalition, each decision counting once or by its weight:
/// `sum_d w_d [convenors carry d] / sum_d w_d`. Range [0, 1]: 1 means the convenors never
/// need a partner's consent (National Museums Liverpool, *Co-production Framework*, of
/// consultation and engagement: "Decision making is not shared"); 0 means no decision can be
/// made without a partner.
/// \throws unknown_id for an unknown project; input_error ("project") when there is no
///         decision.
inline double convenor_carried_share(const Network& net,
                                     decision_weighting w = default_decision_weighting,
                                     std::string_view project = {}) {
  if (!project.empty()) (void)net.project(project);
  const std::vector<bool> carried = convenor_carried(net);
  double total = 0, yes = 0;
  for (std::size_t k = 0; k < net.num_decisions(); ++k) {
    const Decision& d = net.decisions()[k];
    if (!project.empty() && d.project != project) continue;
    total += detail::weight_of(d, w);
    if (carried[k]) yes += detail::weight_of(d, w);
  }
  if (!(total > 0))
    throw input_error("project", project.empty() ? "the network has no decision"
                                                 : "project \"" + std::string(project) +
                                                       "\" has no decision");
  return yes / total;
}

/// A veto player of a decision: a holder who is in every winning coalition.
struct veto_holding {
  std::string decision;
  std::string stakeholder;
  bool named_in_rule = false;  ///< listed in the rule's `veto`; otherwise it follows from votes
  bool operator==(const veto_holding&) const = default;
};

/// Every veto player of every decision (decisions in insertion order, holders in id order):
/// the holders named in the rule's veto list, the `decides` holder of a sole rule, every
/// holder under unanimity, and any holder without whose votes the others fall short of the
/// quota (`decision_game::in_every_winning_coalition`). O(sum of holders).
inline std::vector<veto_holding> veto_players(const Network& net) {
  std::vector<veto_holding> out;
  for (const Decision& d : net.decisions()) {
    const decision_game g(d);
    const std::vector<bool> veto = g.in_every_winning_coalition();
    for (std::size_t i = 0; i < g.size(); ++i)
      if (veto[i]) out.push_back({d.id, g.holders()[i], g.game().is_veto(i)});
  }
  return out;
}

}  // namespace coproduction
