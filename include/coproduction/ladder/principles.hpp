#pragma once
/// \file
/// The principles scorecard: the twelve principles of National Museums Liverpool's
/// *Co-production Framework* (Active; Critical, reflective, adaptive; Equitable; Inclusive;
/// Expert; Visible; Impactful; Transparent; Human; Trust; Protect; Decentralise), each read
/// against a network. `principles` gives one row per principle: the indicator the data can
/// support, its value, a verdict against a documented threshold (`principles_config`), the
/// stakeholders, decisions and relations behind the value, and, where one snapshot of
/// relations and decision rights cannot speak to the principle or a field it needs was never
/// coded, the verdict "not measurable from these data" with what would have to be recorded
/// to measure it. Nothing is filled in to complete a row. docs/audit.md sets every indicator
/// beside the Framework's wording and argues each default threshold from it.
///
/// The indicators read the library's own measures: decision power (`decision_power.hpp`),
/// power shares, the Herfindahl-Hirschman index (`inequality.hpp`), Freeman degree
/// centralization (`centralization.hpp`) and reciprocity (`reciprocity.hpp`).
///
/// This header runs past 600 lines: the twelve readers share one scope and one set of
/// verdict rules, and cut apart each would have to repeat them. The text helpers (Python's
/// spellings of numbers and ids) live in `detail/scorecard_text.hpp`.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// A principle's verdict, best first.
enum class principle_verdict { meets, partly, does_not_meet, not_measurable };

/// Spelling: `meets`, `partly`, `does not meet`, `not measurable from these data`.
constexpr std::string_view verdict_name(principle_verdict v) {
  constexpr std::array<std::string_view, 4> names{"meets", "partly", "does not meet",
                                                  "not measurable from these data"};
  return names[static_cast<std::size_t>(v)];
}

/// The twelve principles, in the order the *Co-production Framework* lists them.
inline constexpr std::array<std::string_view, 12> principle_names{
    "Active", "Critical, reflective, adaptive", "Equitable", "Inclusive", "Expert", "Visible",
    "Impactful", "Transparent", "Human", "Trust", "Protect", "Decentralise"};

/// The thresholds and options of the scorecard. For a value where more is better the verdict
/// is `meets` at or above `*_meets` and `partly` at or above `*_partly` when the value is
/// above 0; where less is better (Inclusive, Decentralise) `meets` at or below `*_meets` and
/// `partly` at or below `*_partly` when the value is below 1. Comparisons allow 1e-9 for
/// rounding. The Framework names no number: docs/audit.md argues each default from its
/// wording.
struct principles_config {
  /// The normalised power index read from every decision's game (not `banzhaf_absolute`).
  power_measure index = power_measure::banzhaf;
  /// How decisions count in every share over decisions and rights: by their `weight`
  /// (absent means 1), the package's one default.
  decision_weighting weighting = decision_weighting::by_weight;
  /// Active: the share of the seats (rights at `shared` or above) the under-served must
  /// hold, in [0, 1]; when empty, their share of the stakeholders taking part ("prioritise":
  /// at least in proportion to their number).
  std::optional<double> active_share{};
  double equitable_meets = 0.8, equitable_partly = 0.5;  ///< parity ratio, >= 0
  double inclusive_meets = 0.0, inclusive_partly = 0.5;  ///< share kept out, less is better
  double expert_meets = 1.0, expert_partly = 0.0;
  double human_meets = 0.5, human_partly = 0.0;
  double transparent_meets = 1.0, transparent_partly = 0.5;
  double trust_meets = 0.5, trust_partly = 0.0;
  double protect_meets = 1.0, protect_partly = 0.5;
  double decentralise_power_meets = 0.25, decentralise_power_partly = 0.5;  ///< HHI*
  double decentralise_centralization_meets = 0.5, decentralise_centralization_partly = 0.75;
  /// The relation types whose degree centralization Decentralise reads; nothing: every type.
  std::optional<std::vector<std::string>> centralization_layer{};
  std::vector<std::string> informs_types{"informs"};   ///< Transparent: information flow
  std::vector<std::string> trust_types{"trusts"};      ///< Trust
  std::vector<std::string> care_types{"cares_for"};    ///< Protect

  bool operator==(const principles_config&) const = default;
};

/// One principle read against the network.
struct principle_row {
  std::string principle;   ///< one of `principle_names`
  std::string indicator;   ///< what is measured, in one line
  double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN when not measurable
  principle_verdict verdict = principle_verdict::not_measurable;
  std::string threshold;   ///< the rule that gave the verdict, with the configured numbers
  std::string evidence;    ///< the stakeholders, decisions and relations behind the value
  std::vector<std::string> needs;  ///< when not measurable: what to record; empty otherwise

  bool operator==(const principle_row&) const = default;
};

namespace detail::principles {

using scorecard::fixed;
using scorecard::general;
using scorecard::join;
using scorecard::names;
using scorecard::repr;

inline constexpr double eps = 1e-9;  // a share summed from floats may land just below a rule
inline constexpr std::array<power_measure, 5> normalised_indices{
    power_measure::banzhaf, power_measure::shapley_shubik, power_measure::deegan_packel,
    power_measure::holler, power_measure::johnston};
inline const std::string needs_decisions =
    "decisions with each stakeholder's right in them and their rule (docs/format.md, "
    "decisions)";

inline std::string index_message(const std::string& got) {
  std::vector<std::string> all;
  for (power_measure m : normalised_indices) all.emplace_back(measure_name(m));
  return "must be one of " + join(all, ", ") + ", got " + got;
}

}  // namespace detail::principles

/// The normalised index spelt `text` (`banzhaf`, `shapley_shubik`, `deegan_packel`, `holler`,
/// `johnston`). \throws input_error ("index") for any other text, `banzhaf_absolute` included
/// (its values do not sum to 1, so they are not shares of power).
inline power_measure parse_principles_index(std::string_view text) {
  for (power_measure m : detail::principles::normalised_indices)
    if (measure_name(m) == text) return m;
  throw input_error("index", detail::principles::index_message(detail::scorecard::repr(text)));
}

/// Checks a configuration. \throws input_error naming the field: an index that is not
/// normalised; a threshold outside [0, 1] (Equitable's outside [0, inf)) or not finite; a
/// `partly` threshold stricter than its `meets` threshold; an empty list of relation types
/// or an empty type name. O(number of types).
inline void check_principles_config(const principles_config& c) {
  using detail::scorecard::float_repr;
  using detail::scorecard::general;
  if (std::find(detail::principles::normalised_indices.begin(),
                detail::principles::normalised_indices.end(),
                c.index) == detail::principles::normalised_indices.end())
    throw input_error("index", detail::principles::index_message(
                                   detail::scorecard::repr(measure_name(c.index))));
  const auto number = [](const std::string& name, double x, double hi) {
    if (!(std::isfinite(x) && 0.0 <= x && x <= hi))
      throw input_error(name, "must lie in [0, " + general(hi) + "], got " + float_repr(x));
  };
  if (c.active_share) number("active_share", *c.active_share, 1.0);
  struct pair {
    const char* stem;
    double meets, partly;
    bool higher_is_better;
    double hi;
  };
  const double inf = std::numeric_limits<double>::infinity();
  for (const pair& p : {pair{"equitable", c.equitable_meets, c.equitable_partly, true, inf},
                        pair{"inclusive", c.inclusive_meets, c.inclusive_partly, false, 1.0},
                        pair{"expert", c.expert_meets, c.expert_partly, true, 1.0},
                        pair{"human", c.human_meets, c.human_partly, true, 1.0},
                        pair{"transparent", c.transparent_meets, c.transparent_partly, true, 1.0},
                        pair{"trust", c.trust_meets, c.trust_partly, true, 1.0},
                        pair{"protect", c.protect_meets, c.protect_partly, true, 1.0},
                        pair{"decentralise_power", c.decentralise_power_meets,
                             c.decentralise_power_partly, false, 1.0},
                        pair{"decentralise_centralization", c.decentralise_centralization_meets,
                             c.decentralise_centralization_partly, false, 1.0}}) {
    const std::string stem = p.stem;
    number(stem + "_meets", p.meets, p.hi);
    number(stem + "_partly", p.partly, p.hi);
    if (p.higher_is_better ? p.partly > p.meets : p.partly < p.meets)
      throw input_error(stem + "_partly", std::string("must be ") +
                                              (p.higher_is_better ? "at most " : "at least ") +
                                              stem + "_meets (" + general(p.meets) + "), got " +
                                              general(p.partly));
  }
  const auto types = [](const char* name, const std::vector<std::string>& t) {
    if (t.empty() || std::any_of(t.begin(), t.end(), [](const std::string& x) { return x.empty(); }))
      throw input_error(name, "must be a non-empty list of relation types, got " +
                                  detail::scorecard::tuple_repr(t));
  };
  if (c.centralization_layer) types("centralization_layer", *c.centralization_layer);
  types("informs_types", c.informs_types);
  types("trust_types", c.trust_types);
  types("care_types", c.care_types);
}

namespace detail::principles {

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

// ---------------------------------------------------------------------------------------
// Verdicts and readable evidence

inline principle_verdict grade(double value, double meets, double partly, bool higher_is_better) {
  if (higher_is_better) {
    if (value >= meets - eps) return principle_verdict::meets;
    if (value >= partly - eps && value > eps) return principle_verdict::partly;
    return principle_verdict::does_not_meet;
  }
  if (value <= meets + eps) return principle_verdict::meets;
  if (value <= partly + eps && value < 1.0 - eps) return principle_verdict::partly;
  return principle_verdict::does_not_meet;
}

inline std::string rule(double meets, double partly, bool higher_is_better,
                        const std::string& what = "") {
  const std::string w = what.empty() ? "" : what + " ";
  if (higher_is_better) {
    const std::string low = partly <= 0 ? "above 0" : ">= " + general(partly) + " and above 0";
    return "meets: " + w + ">= " + general(meets) + "; partly: " + low + "; else does not meet";
  }
  const std::string high = partly >= 1 ? "below 1" : "<= " + general(partly) + " and below 1";
  return "meets: " + w + "<= " + general(meets) + "; partly: " + high + "; else does not meet";
}

inline principle_row row(std::string_view principle, std::string indicator, std::string threshold) {
  principle_row r;
  r.principle = std::string(principle);
  r.indicator = std::move(indicator);
  r.threshold = std::move(threshold);
  return r;
}

inline principle_row unmeasurable(principle_row r, std::string evidence,
                                  std::vector<std::string> needs) {
  r.value = std::numeric_limits<double>::quiet_NaN();
  r.verdict = principle_verdict::not_measurable;
  r.evidence = std::move(evidence);
  r.needs = std::move(needs);
  return r;
}

inline principle_row measured(principle_row r, double value, principle_verdict verdict,
                              std::string evidence) {
  r.value = value;
  r.verdict = verdict;
  r.evidence = std::move(evidence);
  r.needs.clear();
  return r;
}

inline principle_row without_decisions(principle_row r, const scope& s) {
  return unmeasurable(std::move(r), "no decision in " + s.in_scope(), {needs_decisions});
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

/// The relations of the types (every type when none are given) with both ends taking part,
/// as (source, target) vertices in relation order.
inline std::vector<std::pair<std::size_t, std::size_t>> edges_among_people(
    const scope& s, const std::vector<std::string>* types) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < s.net.num_relations(); ++i) {
    const std::size_t a = s.net.relation_source(i), b = s.net.relation_target(i);
    if ((types == nullptr || has_type(*types, s.net.relation_type(i))) && s.taking_part[a] &&
        s.taking_part[b])
      out.emplace_back(a, b);
  }
  return out;
}

inline bool is_lived(const Stakeholder& x) {
  return x.expertise == Expertise::lived || x.expertise == Expertise::both;
}
inline bool is_learnt(const Stakeholder& x) {
  return x.expertise == Expertise::learnt || x.expertise == Expertise::both;
}

// ---------------------------------------------------------------------------------------
// The twelve principles

inline principle_row active(const scope& s) {
  const principles_config& c = s.config;
  const std::string share_rule =
      c.active_share ? general(*c.active_share) : "their share of the stakeholders taking part";
  principle_row r = row(principle_names[0],
                        "share of the rights at shared or above held by under-served "
                        "stakeholders, who must also hold decision power",
                        "meets: share >= " + share_rule +
                            " and their decision power above 0; partly: decision power above "
                            "0; else does not meet");
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  std::size_t coded = 0;
  std::vector<std::size_t> under;
  std::vector<bool> is_under(s.net.num_stakeholders(), false);
  for (std::size_t v : s.people) {
    const auto& flag = s.net.stakeholder_at(v).under_served;
    if (!flag) continue;
    ++coded;
    if (*flag) {
      under.push_back(v);
      is_under[v] = true;
    }
  }
  if (coded == 0)
    return unmeasurable(std::move(r), "no stakeholder taking part is coded under_served",
                        {"under_served coded (true or false) for the stakeholders taking part"});
  double seats = 0, held = 0;
  std::vector<std::size_t> holders;            // first appearance among the seats
  std::map<std::size_t, std::size_t> count;    // vertex -> seats held
  for (const auto& x : s.rights) {
    if (!is_holder(x.right)) continue;
    seats += s.weight[x.decision];
    if (!is_under[x.stakeholder]) continue;
    held += s.weight[x.decision];
    if (count[x.stakeholder]++ == 0) holders.push_back(x.stakeholder);
  }
  const double value = held / seats;
  double total_power = 0;
  for (std::size_t v : under) total_power += s.power[v];
  const double need = c.active_share ? *c.active_share
                                     : static_cast<double>(under.size()) /
                                           static_cast<double>(s.people.size());
  const principle_verdict verdict = total_power <= eps  ? principle_verdict::does_not_meet
                                    : value >= need - eps ? principle_verdict::meets
                                                          : principle_verdict::partly;
  std::stable_sort(holders.begin(), holders.end(),
                   [&](std::size_t a, std::size_t b) { return count[a] > count[b]; });
  std::vector<std::string> holder_text;
  for (std::size_t v : holders) holder_text.push_back(s.id(v) + " (" + std::to_string(count[v]) + ")");
  const std::size_t uncoded = s.people.size() - coded;
  std::vector<std::string> parts{
      std::to_string(under.size()) + " of " + std::to_string(s.people.size()) +
          " stakeholders taking part are under-served" +
          (uncoded ? " (" + std::to_string(uncoded) + " not coded, counted as not under-served)"
                   : ""),
      "under-served holders (rights at shared or above): " + names(holder_text)};
  std::string power_text = "their decision power " + fixed(total_power, 3);
  if (total_power > eps) {
    std::vector<std::size_t> with;
    for (std::size_t v : under)
      if (s.power[v] > eps) with.push_back(v);
    power_text += ": " + names(with_values(s, largest_first(with, s.power), s.power));
  }
  parts.push_back(power_text);
  if (!c.active_share) parts.push_back("proportional share " + fixed(need, 3));
  return measured(std::move(r), value, verdict, join(parts, "; "));
}

inline principle_row critical(const scope&) {
  return unmeasurable(
      row(principle_names[1],
          "change in practice between waves of fieldwork (adaptation after reflection)",
          "none: a single snapshot cannot show change"),
      "one snapshot of relations and decision rights shows where power sits, not whether "
      "practice is adapting",
      {"repeated waves of the network (a timeline) to see adaptation, with what the "
       "partnership reflected on and changed between them"});
}

inline principle_row equitable(const scope& s) {
  const principles_config& c = s.config;
  principle_row r = row(principle_names[2],
                        "partners' parity ratio of decision power: their power share / "
                        "head-count share",
                        rule(c.equitable_meets, c.equitable_partly, true, "parity"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  // Group 0 the convenors, group 1 the partners, over the stakeholders taking part.
  std::vector<double> power;
  std::vector<std::size_t> group;
  std::array<std::size_t, 2> members{};
  std::array<double, 2> heads{};
  double all_heads = 0;
  for (std::size_t v : s.people) {
    const std::size_t g = s.convenor[v] ? 0 : 1;
    power.push_back(s.power[v]);
    group.push_back(g);
    ++members[g];
    const auto h = static_cast<double>(s.net.stakeholder_at(v).head_count());
    heads[g] += h;
    all_heads += h;
  }
  std::vector<std::string> missing;
  if (members[0] == 0)
    missing.push_back("convenor: true on the stakeholders of the convening side (the side that "
                      "initiated the work and holds its resources)");
  if (members[1] == 0)
    missing.push_back("the partners' rights in the decisions (no partner takes part)");
  if (!missing.empty())
    return unmeasurable(std::move(r), "the power cannot be split between convenors and partners",
                        std::move(missing));
  const std::vector<double> share = coproduction::power_shares(power, group, 2);
  const double convenor_people = heads[0] / all_heads, partner_people = heads[1] / all_heads;
  const double parity = share[1] / partner_people;
  const std::string evidence =
      "partners (" + std::to_string(members[1]) + " stakeholders) hold " + fixed(share[1], 3) +
      " of the decision power and are " + fixed(partner_people, 3) +
      " of the people (head counts); convenors (" + std::to_string(members[0]) + ") hold " +
      fixed(share[0], 3) + " and are " + fixed(convenor_people, 3) + " (parity " +
      fixed(share[0] / convenor_people, 2) + ")";
  return measured(std::move(r), parity,
                  grade(parity, c.equitable_meets, c.equitable_partly, true), evidence);
}

inline principle_row inclusive(const scope& s) {
  const principles_config& c = s.config;
  principle_row r = row(principle_names[3],
                        "share of partner stakeholders with no right above informed in any "
                        "decision (barriers to participation)",
                        rule(c.inclusive_meets, c.inclusive_partly, false, "share"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  if (std::none_of(s.convenor.begin(), s.convenor.end(), [](bool x) { return x; }))
    return unmeasurable(std::move(r),
                        "no stakeholder is coded convenor, so partners cannot be told from the "
                        "convening side",
                        {"convenor: true on the stakeholders of the convening side"});
  // The partners in scope: every partner taking part, and with a project also those listed
  // in its decisions with the right `none`.
  std::vector<std::size_t> partners;
  for (std::size_t v = 0; v < s.net.num_stakeholders(); ++v)
    if (s.net.stakeholder_at(v).kind != Kind::object && !s.convenor[v] &&
        (!s.project || s.taking_part[v] || s.listed[v]))
      partners.push_back(v);
  if (partners.empty())
    return unmeasurable(std::move(r), "no partner takes part or is listed in the decisions",
                        {"the partners' rights in the decisions"});
  std::vector<Right> highest(s.net.num_stakeholders(), Right::none);
  for (const auto& x : s.rights) highest[x.stakeholder] = std::max(highest[x.stakeholder], x.right);
  std::vector<std::string> kept_out;
  for (std::size_t v : partners)
    if (highest[v] <= Right::informed)
      kept_out.push_back(s.id(v) + " (" + std::string(coproduction::to_string(highest[v])) + ")");
  const double value = static_cast<double>(kept_out.size()) / static_cast<double>(partners.size());
  return measured(std::move(r), value,
                  grade(value, c.inclusive_meets, c.inclusive_partly, false),
                  std::to_string(kept_out.size()) + " of " + std::to_string(partners.size()) +
                      " partners at informed or below: " + names(kept_out));
}

inline principle_row expert(const scope& s) {
  const principles_config& c = s.config;
  principle_row r = row(principle_names[4],
                        "share of decisions whose holders with power include both lived and "
                        "learnt expertise",
                        rule(c.expert_meets, c.expert_partly, true, "share"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  const std::size_t n = s.net.num_stakeholders();
  std::vector<bool> with_power(n, false);
  std::vector<std::size_t> both, without;
  double total = 0, with_both = 0;
  for (std::size_t d = 0; d < s.decisions.size(); ++d) {
    bool lived = false, learnt = false;
    for (std::size_t v = 0; v < n; ++v) {
      if (!(s.p(v, d) > eps)) continue;
      with_power[v] = true;
      lived = lived || is_lived(s.net.stakeholder_at(v));
      learnt = learnt || is_learnt(s.net.stakeholder_at(v));
    }
    total += s.weight[d];
    if (lived && learnt) {
      both.push_back(d);
      with_both += s.weight[d];
    } else {
      without.push_back(d);
    }
  }
  std::vector<std::string> lived_ids, learnt_ids, uncoded_ids;
  for (std::size_t v = 0; v < n; ++v) {
    if (!with_power[v]) continue;
    const Stakeholder& x = s.net.stakeholder_at(v);
    if (is_lived(x)) lived_ids.push_back(x.id);
    if (is_learnt(x)) learnt_ids.push_back(x.id);
    if (!x.expertise) uncoded_ids.push_back(x.id);
  }
  const std::size_t holders = static_cast<std::size_t>(std::count(with_power.begin(), with_power.end(), true));
  if (uncoded_ids.size() == holders)
    return unmeasurable(std::move(r),
                        "no stakeholder holding decision power has its expertise coded",
                        {"expertise (lived, learnt or both) coded for the stakeholders who hold "
                         "decisions"});
  std::sort(lived_ids.begin(), lived_ids.end());
  std::sort(learnt_ids.begin(), learnt_ids.end());
  std::sort(uncoded_ids.begin(), uncoded_ids.end());
  const auto ids = [&](const std::vector<std::size_t>& ds) {
    std::vector<std::string> out;
    for (std::size_t d : ds) out.push_back(s.decision_id(d));
    return out;
  };
  const double value = with_both / total;
  std::vector<std::string> parts{
      "both forms among the holders of " + std::to_string(both.size()) + " of " +
          std::to_string(s.decisions.size()) + " decisions" +
          (both.empty() ? "" : " (" + names(ids(both)) + ")"),
      "one form or none: " + names(ids(without)),
      "holders with lived expertise: " + names(lived_ids), "with learnt: " + names(learnt_ids)};
  if (!uncoded_ids.empty()) parts.push_back("expertise not coded: " + names(uncoded_ids));
  return measured(std::move(r), value, grade(value, c.expert_meets, c.expert_partly, true),
                  join(parts, "; "));
}

inline principle_row visible(const scope&) {
  return unmeasurable(
      row(principle_names[5], "partners' work shown to visitors, stakeholders and funders",
          "none: the network records no visitor-facing output"),
      "relations and decision rights say who shaped the work, not whom it was shown to",
      {"visitor-facing outputs or credits: which partners are named in displays, labels, "
       "programmes, reports and funders' returns"});
}

inline principle_row impactful(const scope&) {
  return unmeasurable(
      row(principle_names[6], "positive difference made for partners and wider society",
          "none: the network records no outcome"),
      "who holds power in a partnership does not say what difference its work made",
      {"outcome measures: what changed for the partners and for wider society, ideally before "
       "and after, on the questions that matter most to the stakeholders"});
}

inline principle_row transparent(const scope& s) {
  const principles_config& c = s.config;
  const std::string types = join(c.informs_types, "/");
  principle_row r = row(principle_names[7],
                        "share of the rights in decisions (above none) whose holder is reached "
                        "from the decision's holders by a path of " + types + " relations",
                        rule(c.transparent_meets, c.transparent_partly, true, "share"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  const std::size_t n = s.net.num_stakeholders();
  std::vector<std::vector<std::size_t>> holders(s.decisions.size());
  std::size_t outside = 0;
  for (const auto& x : s.rights) {
    if (is_holder(x.right)) holders[x.decision].push_back(x.stakeholder);
    else if (x.right > Right::none) ++outside;
  }
  std::vector<std::vector<std::size_t>> flows(n);
  bool any_flow = false;
  for (std::size_t i = 0; i < s.net.num_relations(); ++i)
    if (has_type(c.informs_types, s.net.relation_type(i))) {
      flows[s.net.relation_source(i)].push_back(s.net.relation_target(i));
      any_flow = true;
    }
  if (!any_flow && outside > 0)
    return unmeasurable(std::move(r),
                        std::to_string(outside) + " rights below shared, and no " + types +
                            " relation recorded",
                        {types + " relations: who passes information to whom"});
  // One breadth-first search per distinct set of holders: O(S + R) each.
  std::map<std::vector<std::size_t>, std::vector<bool>> reach;
  const auto reached_from = [&](const std::vector<std::size_t>& sources) -> const std::vector<bool>& {
    std::vector<std::size_t> key = sources;
    std::sort(key.begin(), key.end());
    auto it = reach.find(key);
    if (it != reach.end()) return it->second;
    std::vector<bool> seen(n, false);
    std::vector<std::size_t> queue;
    for (std::size_t v : key)
      if (!seen[v]) {
        seen[v] = true;
        queue.push_back(v);
      }
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (std::size_t w : flows[queue[head]])
        if (!seen[w]) {
          seen[w] = true;
          queue.push_back(w);
        }
    return reach.emplace(std::move(key), std::move(seen)).first->second;
  };
  double all = 0, hit = 0;
  std::size_t rights = 0, reached = 0;
  std::vector<std::string> missed;
  for (const auto& x : s.rights) {
    if (x.right == Right::none) continue;
    ++rights;
    all += s.weight[x.decision];
    if (reached_from(holders[x.decision])[x.stakeholder]) {
      ++reached;
      hit += s.weight[x.decision];
    } else {
      missed.push_back(s.decision_id(x.decision) + ": " + s.id(x.stakeholder) + " (" +
                       std::string(coproduction::to_string(x.right)) + ")");
    }
  }
  const double value = hit / all;
  return measured(std::move(r), value,
                  grade(value, c.transparent_meets, c.transparent_partly, true),
                  std::to_string(reached) + " of " + std::to_string(rights) +
                      " rights reached (holders count as reached: they take part in the "
                      "decision); not reached: " + names(missed));
}

inline principle_row human(const scope& s) {
  const principles_config& c = s.config;
  principle_row r = row(principle_names[8],
                        "share of decision power held by stakeholders with lived expertise "
                        "(lived or both)",
                        rule(c.human_meets, c.human_partly, true, "share"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  double total = 0, lived = 0, uncoded = 0, learnt_only = 0;
  bool any_coded = false;
  std::vector<std::size_t> in_lived;
  for (std::size_t v : s.people) {
    const double p = s.power[v];
    total += p;
    if (!(p > eps)) continue;
    const Stakeholder& x = s.net.stakeholder_at(v);
    any_coded = any_coded || x.expertise.has_value();
    if (is_lived(x)) {
      lived += p;
      in_lived.push_back(v);
    }
    if (!x.expertise) uncoded += p;
    if (is_learnt(x) && !is_lived(x)) learnt_only += p;
  }
  if (!any_coded)
    return unmeasurable(std::move(r),
                        "no stakeholder holding decision power has its expertise coded",
                        {"expertise (lived, learnt or both) coded for the stakeholders who hold "
                         "decisions"});
  const double value = lived / total;
  std::vector<std::string> parts{
      "lived expertise holds " + fixed(value, 3) + ": " +
          names(with_values(s, largest_first(in_lived, s.power), s.power, total)),
      "learnt only " + fixed(learnt_only / total, 3)};
  if (uncoded / total > eps)
    parts.push_back("expertise not coded " + fixed(uncoded / total, 3) + " (counted as not lived)");
  return measured(std::move(r), value, grade(value, c.human_meets, c.human_partly, true),
                  join(parts, "; "));
}

inline principle_row trust(const scope& s) {
  const principles_config& c = s.config;
  const std::string types = join(c.trust_types, "/");
  principle_row r = row(principle_names[9],
                        "reciprocity of the " + types + " relations: the share of trust ties "
                        "returned",
                        rule(c.trust_meets, c.trust_partly, true, "reciprocity"));
  const auto edges = edges_among_people(s, &c.trust_types);
  if (edges.empty())
    return unmeasurable(std::move(r),
                        "no " + types + " relation recorded among the stakeholders taking part",
                        {types + " relations, asked in both directions (who trusts whom)"});
  using digraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  digraph g(s.net.num_stakeholders());
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (const auto& [a, b] : edges) {
    boost::add_edge(a, b, g);
    pairs.emplace(a, b);
  }
  // Vertices outside the people have no edge here, so they add null dyads only, which the
  // edgewise index does not read.
  const double value = coproduction::reciprocity(g, boost::get(boost::vertex_index, g));
  std::vector<std::string> one_way;
  for (const auto& [a, b] : pairs)
    if (!pairs.count({b, a})) one_way.push_back(s.id(a) + " -> " + s.id(b));
  std::sort(one_way.begin(), one_way.end());
  return measured(std::move(r), value, grade(value, c.trust_meets, c.trust_partly, true),
                  std::to_string(pairs.size() - one_way.size()) + " of " +
                      std::to_string(pairs.size()) + " trust ties returned; one way: " +
                      names(one_way));
}

inline principle_row protect(const scope& s) {
  const principles_config& c = s.config;
  const std::string types = join(c.care_types, "/");
  principle_row r = row(principle_names[10],
                        "share of the under-served or service-user stakeholders taking part who "
                        "are the target of a " + types + " relation",
                        rule(c.protect_meets, c.protect_partly, true, "share"));
  std::vector<std::size_t> population;
  for (std::size_t v : s.people) {
    const Stakeholder& x = s.net.stakeholder_at(v);
    if (x.under_served.value_or(false) || x.role == "service_user") population.push_back(v);
  }
  // The carer may be anyone, objects included: the network's whole care layer is read.
  std::vector<std::vector<std::string>> carers(s.net.num_stakeholders());
  bool any_care = false;
  for (std::size_t i = 0; i < s.net.num_relations(); ++i)
    if (has_type(c.care_types, s.net.relation_type(i))) {
      carers[s.net.relation_target(i)].push_back(s.id(s.net.relation_source(i)));
      any_care = true;
    }
  std::vector<std::string> missing;
  if (population.empty())
    missing.push_back("under_served or role service_user coded for the stakeholders the "
                      "partnership has a duty of care to");
  if (!any_care) missing.push_back(types + " relations: who looks after whose safety and wellbeing");
  if (!missing.empty())
    return unmeasurable(std::move(r),
                        population.empty()
                            ? "no under-served or service-user stakeholder taking part"
                            : "no " + types + " relation recorded",
                        std::move(missing));
  std::vector<std::string> cared, not_reached;
  for (std::size_t v : population) {
    if (carers[v].empty()) not_reached.push_back(s.id(v));
    else cared.push_back(s.id(v) + " (by " + join(carers[v], ", ") + ")");
  }
  const double value = static_cast<double>(cared.size()) / static_cast<double>(population.size());
  return measured(std::move(r), value, grade(value, c.protect_meets, c.protect_partly, true),
                  std::to_string(cared.size()) + " of " + std::to_string(population.size()) +
                      " cared for: " + names(cared) + "; not reached: " + names(not_reached));
}

inline principle_row decentralise(const scope& s) {
  const principles_config& c = s.config;
  const std::string layer =
      c.centralization_layer ? join(*c.centralization_layer, "/") + " relations" : "all relations";
  principle_row r = row(
      principle_names[11],
      "concentration of decision power (normalised HHI over the stakeholders taking part), with "
      "the degree centralization of " + layer,
      "power HHI* " + rule(c.decentralise_power_meets, c.decentralise_power_partly, false) +
          "; degree centralization " +
          rule(c.decentralise_centralization_meets, c.decentralise_centralization_partly, false) +
          "; the verdict is the worse of the two (power alone when the layer has no relation)");
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  const std::size_t n = s.people.size();
  if (n < 2)
    return unmeasurable(std::move(r),
                        std::to_string(n) + " stakeholder takes part: concentration needs two "
                        "or more",
                        {"the rights of the other stakeholders in the decisions"});
  std::vector<double> power;
  std::vector<std::size_t> top;
  for (std::size_t v : s.people) {
    power.push_back(s.power[v]);
    if (s.power[v] > eps) top.push_back(v);
  }
  const double h = coproduction::hhi(power);
  const double k = static_cast<double>(n);
  const double value = (h - 1.0 / k) / (1.0 - 1.0 / k);
  principle_verdict verdict =
      grade(value, c.decentralise_power_meets, c.decentralise_power_partly, false);
  std::vector<std::string> parts{
      "power as if held equally by " + fixed(1.0 / h, 1) + " of " + std::to_string(n) +
      " stakeholders (HHI " + fixed(h, 3) + "); largest: " +
      names(with_values(s, largest_first(top, s.power), s.power), 4)};
  const auto edges = edges_among_people(
      s, c.centralization_layer ? &*c.centralization_layer : nullptr);
  if (!edges.empty() && n >= 3) {
    // Direction ignored: sharing power asks who is tied to whom, whichever way a relation was
    // recorded; repeated ties between a pair (several types) count once.
    std::vector<std::size_t> position(s.net.num_stakeholders(), 0);
    for (std::size_t i = 0; i < n; ++i) position[s.people[i]] = i;
    using ugraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    ugraph g(n);
    std::set<std::pair<std::size_t, std::size_t>> ties;
    for (const auto& [a, b] : edges) {
      const std::size_t x = position[a], y = position[b];
      boost::add_edge(x, y, g);
      ties.emplace(std::min(x, y), std::max(x, y));
    }
    const double cent = coproduction::degree_centralization(g, boost::get(boost::vertex_index, g));
    std::vector<std::size_t> degree(n, 0);
    for (const auto& [x, y] : ties) ++degree[x], ++degree[y];
    const std::size_t most = static_cast<std::size_t>(
        std::max_element(degree.begin(), degree.end()) - degree.begin());
    parts.push_back("degree centralization of " + layer + " " + fixed(cent, 3) +
                    " (most tied: " + s.id(s.people[most]) + ", to " +
                    std::to_string(degree[most]) + " of " + std::to_string(n - 1) + " others)");
    verdict = std::max(verdict, grade(cent, c.decentralise_centralization_meets,
                                      c.decentralise_centralization_partly, false));
  } else {
    parts.push_back(edges.empty() ? "degree centralization not read: no " + layer +
                                        " among the stakeholders taking part"
                                  : "degree centralization not read: fewer than three "
                                    "stakeholders");
  }
  return measured(std::move(r), value, verdict, join(parts, "; "));
}

}  // namespace detail::principles

/// The twelve principles of National Museums Liverpool's *Co-production Framework*, each
/// read against `net`: one row per principle, in the Framework's order.
///
/// Scope: without `project` every decision counts and the stakeholders taking part are all
/// stakeholders but objects. With `project` only its decisions count, and the stakeholders
/// taking part are those with a right above `none` in one of them, and those with a right
/// above `none` in no decision of the network (they belong to the partnership as a whole);
/// so a network of one project reads the same with and without it. Relation-based
/// indicators read the relations among the stakeholders taking part, but Transparent follows
/// information through anyone and Protect accepts care from anyone.
///
/// With `P(s)` the mean normalised power of stakeholder s over the decisions in scope, each
/// decision d weighing `w_d`, `p(s, d)` its power in d, and the stakeholders taking part:
///
/// - Active: `A = sum_{(d,s): right >= shared, s under-served} w_d / sum_{(d,s): right >=
///   shared} w_d`, meeting only when the under-served also hold power (`sum P(s) > 0`) and A
///   reaches `active_share` (by default their share of the stakeholders taking part).
/// - Critical, reflective, adaptive: not measurable from one snapshot (needs waves).
/// - Equitable: the partners' parity ratio `S_partner / N_partner`, their share of the power
///   over their share of the head count (`power_shares`; Taagepera & Shugart 1989).
/// - Inclusive: `|{partner s : max_d right(s, d) <= informed}| / |partners|`, partners being
///   the non-convenor stakeholders taking part (with a project, also those listed in its
///   decisions with the right `none`). Less is better.
/// - Expert: `sum_d w_d [lived and learnt expertise among {s : p(s, d) > 0}] / sum_d w_d`.
/// - Visible, Impactful: not measurable from relations and rights (need outputs, outcomes).
/// - Transparent: `sum_{(d,s): right > none} w_d [s in H_d or reached from H_d] / sum w_d`,
///   with `H_d` the holders of d and reach a directed path of `informs_types` relations
///   (breadth-first search).
/// - Human: `sum_{s lived or both} P(s) / sum_s P(s)`.
/// - Trust: edgewise reciprocity `2M / (2M + A)` of the `trust_types` relations
///   (`reciprocity`; Wasserman & Faust 1994).
/// - Protect: the share of under-served or service-user stakeholders taking part that a
///   `care_types` relation points at.
/// - Decentralise: `HHI* = (HHI - 1/n) / (1 - 1/n)` of `P(s)` over the n stakeholders taking
///   part (Hirschman 1964), graded with Freeman's degree centralization of the
///   `centralization_layer` among them, direction ignored (Freeman 1979); the verdict is the
///   worse of the two. Less is better.
///
/// Range: every value but Equitable's in [0, 1]; Equitable in [0, 1 / N_partner]. Uncoded
/// `under_served` and `expertise` count as not under-served and not lived once anyone
/// concerned is coded (the value is then a lower bound, and the evidence says how many are
/// uncoded); with nobody coded the row is not measurable.
///
/// Complexity: the power index of every decision (as `decision_power`), one breadth-first
/// search per distinct set of holders, O(S·D + R log R) for the rest (S stakeholders,
/// D decisions, R relations). Holds a read guard on `net` while it reads.
/// \throws input_error ("project") for an unknown project, as `check_principles_config` for a
///         bad configuration; as `decision_power` (limit_exceeded, interrupted when
///         `stop_requested` says so).
/// Reference: National Museums Liverpool, *Co-production Framework* (the principles);
/// Banzhaf (1965); Freeman (1979); Hirschman (1964); Taagepera & Shugart (1989).
inline std::vector<principle_row> principles(const Network& net,
                                             std::optional<std::string> project = std::nullopt,
                                             const principles_config& config = {},
                                             const stop_check& stop_requested = {}) {
  check_principles_config(config);
  const auto guard = net.reading();
  if (project) {
    std::vector<std::string> ids;
    bool known = false;
    for (const Project& p : net.projects()) {
      ids.push_back(p.id);
      known = known || p.id == *project;
    }
    if (!known)
      throw input_error("project", "unknown project " + detail::scorecard::repr(*project) +
                                       "; the projects are " + detail::scorecard::list_repr(ids));
  }
  namespace pr = detail::principles;
  const pr::scope s = pr::make_scope(net, project, config, stop_requested);
  return {pr::active(s),    pr::critical(s),    pr::equitable(s), pr::inclusive(s),
          pr::expert(s),    pr::visible(s),     pr::impactful(s), pr::transparent(s),
          pr::human(s),     pr::trust(s),       pr::protect(s),   pr::decentralise(s)};
}

}  // namespace coproduction
