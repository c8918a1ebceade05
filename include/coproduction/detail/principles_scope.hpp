#pragma once
/// \file
/// What every reader of the principles scorecard (ladder/principles.hpp) reads: the decisions,
/// rights and stakeholders in scope with their decision power (`scope`), and the evidence
/// helpers over it. Users include `ladder/principles.hpp`.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/detail/principles_verdicts.hpp"
#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/ladder/principles_config.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction::detail::principles {

/// What every indicator reads: the decisions, rights and stakeholders in scope.
///
/// The stakeholders taking part are never objects (they hold no rights). Without a project,
/// they are every other stakeholder. With a project, they are those with a right above
/// `none` in one of its decisions, and those with a right above `none` in no decision at all:
/// no decision ties such a stakeholder to one project, so it belongs to the partnership as a
/// whole and to each project of it. On a network of one project the two scopes are the same.
struct scope {
  struct listed_right {
    std::size_t decision;     // position in `decisions`
    std::size_t stakeholder;  // vertex
    Right right;
  };
  const Network& net;
  const principles_config& config;
  std::optional<std::string> project;
  std::vector<std::size_t> decisions;  // positions in net.decisions(), insertion order
  std::vector<double> weight;          // w_d of each decision in scope
  std::vector<listed_right> rights;    // decision order, then stakeholder id order
  std::vector<std::size_t> people;     // the stakeholders taking part, vertex order
  std::vector<bool> taking_part;       // by vertex
  std::vector<bool> listed;            // by vertex: listed (any right) in a decision in scope
  std::vector<bool> convenor;          // by vertex; not coded means partner
  std::vector<double> power;           // by vertex: P_s for the people, 0 for the others
  power_table table;                   // p(s, d) for every decision of the network

  bool has_decisions() const { return !decisions.empty(); }
  /// p(v, d) for the d-th decision in scope.
  double p(std::size_t v, std::size_t d) const {
    return table.values[v * table.columns.size() + decisions[d]];
  }
  const std::string& id(std::size_t v) const { return net.stakeholder_at(v).id; }
  const std::string& decision_id(std::size_t d) const { return net.decisions()[decisions[d]].id; }
  std::string in_scope() const {
    return project ? "the decisions of project " + repr(*project) : "all decisions";
  }
};

inline scope make_scope(const Network& net, const std::optional<std::string>& project,
                        const principles_config& c, const stop_check& stop_requested) {
  scope s{net, c, project, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  const std::size_t n = net.num_stakeholders();
  s.listed.assign(n, false);
  for (std::size_t k = 0; k < net.num_decisions(); ++k) {
    const Decision& d = net.decisions()[k];
    const bool in = !project || d.project == *project;
    if (in) {
      s.decisions.push_back(k);
      s.weight.push_back(coproduction::detail::weight_of(d, c.weighting));
    }
    if (!in) continue;
    for (const auto& [who, right] : d.rights) {
      const std::size_t v = net.vertex(who);
      s.listed[v] = true;
      s.rights.push_back({s.decisions.size() - 1, v, right});
    }
  }
  s.taking_part = coproduction::taking_part(net, project.value_or(""));
  s.convenor.assign(n, false);
  for (std::size_t v = 0; v < n; ++v) {
    s.convenor[v] = net.stakeholder_at(v).is_convenor();
    if (s.taking_part[v]) s.people.push_back(v);
  }
  s.power.assign(n, 0.0);
  if (s.has_decisions()) {
    s.table = coproduction::decision_power(net, c.index, stop_requested);
    const std::vector<double> mean = coproduction::overall_power(net, s.table, c.weighting, project.value_or(""));
    for (std::size_t v : s.people) s.power[v] = mean[v];
  }
  return s;
}

/// Row `r`, not measurable for want of decisions in scope.
inline principle_row without_decisions(principle_row r, const scope& s) {
  return unmeasurable(std::move(r), "no decision in " + s.in_scope(), {needs_decisions});
}

/// Row `r`, not measurable because nobody holding decision power has their expertise coded.
inline principle_row without_expertise(principle_row r) {
  return unmeasurable(std::move(r), "no stakeholder holding decision power has its expertise coded",
                      {"expertise (lived, learnt or both) coded for the stakeholders who hold "
                       "decisions"});
}

/// The vertices ordered by value, largest first, ties in vertex order.
inline std::vector<std::size_t> largest_first(std::vector<std::size_t> who,
                                              const std::vector<double>& value) {
  std::stable_sort(who.begin(), who.end(),
                   [&](std::size_t a, std::size_t b) { return value[a] > value[b]; });
  return who;
}

/// "id value" for each vertex, values divided by `total`, with three decimals.
inline std::vector<std::string> with_values(const scope& s, const std::vector<std::size_t>& who,
                                            const std::vector<double>& value, double total = 1.0) {
  std::vector<std::string> out;
  for (std::size_t v : who) out.push_back(s.id(v) + " " + fixed(value[v] / total, 3));
  return out;
}

inline bool has_type(const std::vector<std::string>& types, const std::string& t) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

/// The relations of the types (every type when none are given), as (source, target)
/// vertices in relation order: all of them, or (`among_people`) those with both ends taking
/// part.
inline std::vector<std::pair<std::size_t, std::size_t>> relations_of_types(
    const scope& s, const std::vector<std::string>* types, bool among_people) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < s.net.num_relations(); ++i) {
    const std::size_t a = s.net.relation_source(i), b = s.net.relation_target(i);
    if ((types == nullptr || has_type(*types, s.net.relation_type(i))) &&
        (!among_people || (s.taking_part[a] && s.taking_part[b])))
      out.emplace_back(a, b);
  }
  return out;
}

/// Lived expertise (lived or both), learnt expertise (learnt or both).
inline bool is_lived(const Stakeholder& x) {
  return x.expertise == Expertise::lived || x.expertise == Expertise::both;
}
inline bool is_learnt(const Stakeholder& x) {
  return x.expertise == Expertise::learnt || x.expertise == Expertise::both;
}

}  // namespace coproduction::detail::principles
