#pragma once
/// \file
/// The collaboration ladder: which of the four types of collaboration of National Museums
/// Liverpool's *Co-production Framework* (consultation, engagement, co-design, co-production)
/// a project's decisions and learning relations support, with the evidence for every
/// criterion, the claimed type beside it, and each stage read onto the IAP2 spectrum,
/// Arnstein's ladder and the Think Local Act Personal ladder of co-production.
/// docs/ladder.md sets the criteria beside the Framework's lines.
///
/// The thresholds are in `ladder_config.hpp`, the result in `ladder_result.hpp` and the other
/// ladders in `scales.hpp` (all included here). `classify` stays one algorithm whose
/// criteria each write their own evidence, so that a reader checks a criterion against its
/// evidence in one place.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/ladder/ladder_config.hpp"
#include "coproduction/ladder/ladder_result.hpp"
#include "coproduction/ladder/scales.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// The right a stakeholder holds in effect: a holder whose vote can never change the outcome
/// (a null player of the decision's game) holds the decision no more than someone whose input
/// the others may take or leave, so its `shared` or `decides` counts as `involved`.
constexpr Right effective_right(Right right, bool can_swing) {
  return is_holder(right) && !can_swing ? Right::involved : right;
}

namespace detail {

/// `x` with `digits` decimals, "n/a" for NaN (a share over no decision).
inline std::string fixed(double x, int digits = 2) {
  return std::isnan(x) ? "n/a" : scorecard::fixed(x, digits);
}

// Comparisons of computed shares against thresholds forgive rounding of the power indices.
inline constexpr double ladder_tolerance = 1e-9;
inline bool at_least(double x, double threshold) { return x + ladder_tolerance >= threshold; }

}  // namespace detail

/// Classifies one project on the ladder of the *Co-production Framework* (docs/ladder.md
/// gives every criterion beside the Framework's lines, and why each threshold is what it is).
///
/// The project's *stakeholders* are those with a right above `none` in one of its decisions;
/// its *convenors* are those with `convenor: true`, everyone else a *partner*. In each
/// decision a right counts as a share only where it carries power: a holder whose Banzhaf
/// swing count is zero (`decision_game::can_swing`) counts as `involved`.
///
/// Criteria, each rung requiring its own and every lower rung's:
/// - consultation, `partners_consulted`: a partner is at least `consulted` in some decision;
/// - engagement, `design_involvement`: the project records design decisions and in at least
///   `regular_involvement` of them a partner is at least `involved`;
/// - co-design, `design_joint`: in every design decision a partner holder can swing the
///   outcome and the partners hold at least `min_partner_power` of its Banzhaf power;
///   `delivery_guided` (when `delivery_guidance`): a partner is at least `involved` in
///   every delivery decision; `learning_two_way`: at least `two_way_learning` of the
///   partners taking part learn from a convenor and are learnt from by one (`learns_from`
///   relations among the project's stakeholders, both directions);
/// - co-production, `shared_equally`: every stage of `co_production_stages` records a
///   decision, and every decision of the project is shared equally: the partners hold at
///   least `equal_power_ratio` times their share of its holders, and (unless
///   `convenors_may_carry_alone`) the convenors cannot carry it without a partner.
///
/// The type is the highest rung whose criteria, and all lower rungs', are met; none when
/// not even consultation's is. Each stage is read from its decisions alone (co-production
/// when all are shared equally, co-design when all are joint, engagement when partners are
/// involved in `regular_involvement` of them, consultation when consulted in one) and
/// mapped to IAP2, Arnstein and TLAP as docs/ladder.md explains.
///
/// Complexity: one Banzhaf computation and one exact swing test per decision, plus
/// O(|relations|) for learning. `stop_requested` is passed to both.
/// \throws unknown_id for an unknown project; input_error for a bad configuration (see
///         `check`) or as `decision_game` and `banzhaf`; interrupted when `stop_requested`
///         returns true.
inline ladder_result classify(const Network& net, std::string_view project,
                              const ladder_config& config = {},
                              const stop_check& stop_requested = {}) {
  check(config);
  const Project& proj = net.project(project);
  ladder_result out;
  out.project = proj.id;
  out.claimed = proj.claimed;

  // The project's decisions and stakeholders.
  std::vector<const Decision*> decisions;
  for (const Decision& d : net.decisions())
    if (d.project == proj.id) decisions.push_back(&d);
  const std::size_t n = net.num_stakeholders();
  std::vector<bool> in_project(n, false), takes_part(n, false);
  for (const Decision* d : decisions)
    for (const auto& [id, right] : d->rights)
      if (right > Right::none) {
        const auto v = net.vertex(id);
        in_project[v] = true;
        if (right >= Right::consulted) takes_part[v] = true;
      }
  auto convenor = [&](const std::string& id) { return net.stakeholder(id).is_convenor(); };
  for (std::size_t v = 0; v < n; ++v)
    if (in_project[v])
      (net.stakeholder_at(v).is_convenor() ? out.convenors : out.partners)
          .push_back(net.stakeholder_at(v).id);

  // Each decision: its game, power, swings, and what it shows.
  struct listed {
    std::string id;
    bool is_convenor;
    Right right, effective;
    double power;
    bool holder, swings;
  };
  std::vector<std::vector<listed>> listing;
  for (const Decision* d : decisions) {
    const decision_game g(*d);
    const std::vector<double> power =
        banzhaf(g.game(), banzhaf_scale::normalized, stop_requested);
    const std::vector<bool> swings = g.can_swing(stop_requested);
    decision_reading r;
    r.decision = d->id;
    r.stage = d->stage;
    r.weight = detail::weight_of(*d, config.weighting);
    r.holders = g.size();
    std::vector<bool> convenor_side(g.size()), partner_side(g.size());
    std::vector<listed> rows;
    for (const auto& [id, right] : d->rights) {
      if (right == Right::none) continue;
      const std::size_t i = g.position(id);
      const bool is_conv = convenor(id);
      const bool swing = i != decision_game::npos && swings[i];
      const double p = i == decision_game::npos ? 0.0 : power[i];
      rows.push_back({id, is_conv, right, effective_right(right, swing), p,
                      i != decision_game::npos, swing});
      if (i != decision_game::npos) {
        (is_conv ? convenor_side : partner_side)[i] = true;
        if (is_conv) {
          r.convenor_swings = r.convenor_swings || swing;
        } else {
          ++r.partner_holders;
          r.partner_power += p;
          r.partner_swings = r.partner_swings || swing;
        }
      }
      if (!is_conv) r.partner_right = std::max(r.partner_right, effective_right(right, swing));
    }
    r.convenors_carry = g.carried_by(convenor_side);
    r.partners_carry = g.carried_by(partner_side);
    r.joint = r.partner_swings && detail::at_least(r.partner_power, config.min_partner_power);
    const double holder_share = static_cast<double>(r.partner_holders) / static_cast<double>(r.holders);
    r.shared_equally = r.joint &&
                       detail::at_least(r.partner_power, config.equal_power_ratio * holder_share) &&
                       (config.convenors_may_carry_alone || !r.convenors_carry);
    if (r.shared_equally) r.type = CollaborationType::co_production;
    else if (r.joint) r.type = CollaborationType::co_design;
    else if (r.partner_right >= Right::involved) r.type = CollaborationType::engagement;
    else if (r.partner_right >= Right::consulted) r.type = CollaborationType::consultation;
    out.decisions.push_back(r);
    listing.push_back(std::move(rows));
  }

  // Stages.
  for (std::size_t s = 0; s < 5; ++s) {
    stage_reading st;
    st.stage = static_cast<Stage>(s);
    double total = 0, involved = 0, power = 0, carried = 0;
    bool consulted = false, informed = false, all_joint = true, all_equal = true;
    bool no_convenor_power = true, partners_dominate = true;
    for (const decision_reading& r : out.decisions) {
      if (r.stage != st.stage) continue;
      ++st.decisions;
      total += r.weight;
      if (r.partner_right >= Right::involved) involved += r.weight;
      power += r.weight * r.partner_power;
      if (r.convenors_carry) carried += r.weight;
      consulted = consulted || r.partner_right >= Right::consulted;
      informed = informed || r.partner_right >= Right::informed;
      all_joint = all_joint && r.joint;
      all_equal = all_equal && r.shared_equally;
      no_convenor_power = no_convenor_power && !r.convenor_swings;
      partners_dominate = partners_dominate && r.partners_carry && !r.convenors_carry;
      st.partner_right = std::max(st.partner_right, r.partner_right);
    }
    if (st.decisions > 0) {
      st.partner_power = power / total;
      st.convenors_carry = carried / total;
      if (all_equal) st.type = CollaborationType::co_production;
      else if (all_joint) st.type = CollaborationType::co_design;
      else if (involved > 0 && detail::at_least(involved / total, config.regular_involvement))
        st.type = CollaborationType::engagement;
      else if (consulted) st.type = CollaborationType::consultation;

      st.arnstein = arnstein_reading(st.type, informed, no_convenor_power, partners_dominate);
      st.tlap = tlap_reading(st.type, informed);
      if (st.arnstein) st.iap2 = iap2_of(*st.arnstein);
    }
    out.stages.push_back(st);
  }

  // Evidence helpers.
  auto side_of = [](bool is_conv) { return std::string(is_conv ? "convenor" : "partner"); };
  auto stakeholder_note = [](const listed& x) {
    if (!x.holder) return std::string("not a holder: no vote in the decision");
    if (x.swings) return std::string("holder; the vote can change the outcome");
    return std::string("holder, but the vote can never change the outcome: counts as involved");
  };
  auto add_decision = [&](const std::string& criterion, CollaborationType rung, std::size_t k,
                          bool met, const std::string& summary) {
    const decision_reading& r = out.decisions[k];
    ladder_evidence head;
    head.criterion = criterion;
    head.rung = rung;
    head.stage = r.stage;
    head.decision = r.decision;
    head.power = r.partner_power;
    head.met = met;
    head.note = summary;
    out.evidence.push_back(head);
    for (const listed& x : listing[k]) {
      ladder_evidence e = head;
      e.stakeholder = x.id;
      e.side = side_of(x.is_convenor);
      e.right = x.right;
      e.effective_right = x.effective;
      e.power = x.power;
      e.note = stakeholder_note(x);
      out.evidence.push_back(e);
    }
  };
  auto add_missing = [&](const std::string& criterion, CollaborationType rung, Stage stage,
                         const std::string& note) {
    ladder_evidence e;
    e.criterion = criterion;
    e.rung = rung;
    e.stage = stage;
    e.met = false;
    e.note = note;
    out.evidence.push_back(e);
  };
  auto right_word = [](Right r) { return std::string(to_string(r)); };
  auto share_of = [&](auto&& predicate, std::optional<Stage> stage) {
    double total = 0, yes = 0;
    for (const decision_reading& r : out.decisions) {
      if (stage && r.stage != *stage) continue;
      total += r.weight;
      if (predicate(r)) yes += r.weight;
    }
    return total > 0 ? yes / total : std::numeric_limits<double>::quiet_NaN();
  };
  auto count_stage = [&](Stage s) { return out.stages[static_cast<std::size_t>(s)].decisions; };

  // The decisions (of `stage`, or all) in which a partner holds `right` or more in effect,
  // each written as evidence of criterion `c`; returns how many.
  auto partner_right_evidence = [&](const ladder_criterion& c, Right right,
                                    std::optional<Stage> stage) {
    std::size_t hits = 0;
    for (std::size_t k = 0; k < out.decisions.size(); ++k) {
      const decision_reading& r = out.decisions[k];
      if (stage && r.stage != *stage) continue;
      const bool met = r.partner_right >= right;
      hits += met;
      add_decision(c.name, c.rung, k, met,
                   met ? "a partner is " + right_word(r.partner_right) + " in effect"
                       : "no partner is " + right_word(right) + " or more (best: " +
                             right_word(r.partner_right) + ")");
    }
    return hits;
  };
  auto partner_share = [&](Right right, std::optional<Stage> stage) {
    return share_of([right](const decision_reading& r) { return r.partner_right >= right; },
                    stage);
  };

  // consultation: partners_consulted.
  {
    ladder_criterion c{"partners_consulted", CollaborationType::consultation, false, 0, 0, ""};
    const std::size_t hits = partner_right_evidence(c, Right::consulted, std::nullopt);
    if (out.decisions.empty())
      add_missing(c.name, c.rung, Stage::conception, "the project records no decision");
    c.met = hits > 0;
    c.value = partner_share(Right::consulted, std::nullopt);
    c.detail = std::to_string(hits) + " of " + std::to_string(out.decisions.size()) +
               " decisions have a partner consulted or more; at least one is needed";
    out.criteria.push_back(c);
  }
  // engagement: design_involvement.
  {
    ladder_criterion c{"design_involvement", CollaborationType::engagement, false, 0,
                       config.regular_involvement, ""};
    partner_right_evidence(c, Right::involved, Stage::design);
    if (count_stage(Stage::design) == 0) {
      add_missing(c.name, c.rung, Stage::design, "the project records no design decision");
      c.value = std::numeric_limits<double>::quiet_NaN();
      c.detail = "no design decision recorded";
    } else {
      c.value = partner_share(Right::involved, Stage::design);
      c.met = c.value > 0 && detail::at_least(c.value, c.threshold);
      c.detail = "a partner is involved or more in " + detail::fixed(c.value) +
                 " of the design decisions; " + detail::fixed(c.threshold) + " needed";
    }
    out.criteria.push_back(c);
  }
  // co-design: design_joint.
  {
    ladder_criterion c{"design_joint", CollaborationType::co_design, false, 0, 1.0, ""};
    const std::size_t design = count_stage(Stage::design);
    for (std::size_t k = 0; k < out.decisions.size(); ++k) {
      const decision_reading& r = out.decisions[k];
      if (r.stage != Stage::design) continue;
      std::string why = "partners hold " + detail::fixed(r.partner_power) + " of the power";
      if (!r.partner_swings)
        why += r.partner_holders == 0 ? "; no partner holds the decision"
                                      : "; no partner's vote can change the outcome";
      else if (!r.joint)
        why += ", below the " + detail::fixed(config.min_partner_power) + " asked";
      if (r.convenors_carry) why += "; the convenors can carry it without a partner";
      add_decision(c.name, c.rung, k, r.joint, why);
    }
    if (design == 0) {
      add_missing(c.name, c.rung, Stage::design, "the project records no design decision");
      c.value = std::numeric_limits<double>::quiet_NaN();
      c.detail = "no design decision recorded";
    } else {
      c.value = share_of([](const decision_reading& r) { return r.joint; }, Stage::design);
      c.met = detail::at_least(c.value, 1.0);
      c.detail = "partners hold real power in " + detail::fixed(c.value) +
                 " of the design decisions; all are needed";
    }
    out.criteria.push_back(c);
  }
  // co-design: delivery_guided.
  if (config.delivery_guidance) {
    ladder_criterion c{"delivery_guided", CollaborationType::co_design, false, 0, 1.0, ""};
    partner_right_evidence(c, Right::involved, Stage::delivery);
    if (count_stage(Stage::delivery) == 0) {
      c.met = true;
      c.value = std::numeric_limits<double>::quiet_NaN();
      c.detail = "no delivery decision recorded: nothing to check";
    } else {
      c.value = partner_share(Right::involved, Stage::delivery);
      c.met = detail::at_least(c.value, 1.0);
      c.detail = "a partner is involved or more in " + detail::fixed(c.value) +
                 " of the delivery decisions; all are needed";
    }
    out.criteria.push_back(c);
  }
  // co-design (and so co-production): learning_two_way.
  {
    ladder_criterion c{"learning_two_way", CollaborationType::co_design, false, 0,
                       config.two_way_learning, ""};
    std::unordered_map<std::string, std::pair<bool, bool>> learns;  // partner -> (from, by)
    std::vector<std::vector<std::string>> relations_of(n);
    for (std::size_t i = 0; i < net.num_relations(); ++i) {
      const Relation& rel = net.relation_at(i);
      if (rel.type != "learns_from") continue;
      const auto s = net.vertex(rel.source), t = net.vertex(rel.target);
      if (!in_project[s] || !in_project[t]) continue;
      const bool sc = net.stakeholder_at(s).is_convenor(), tc = net.stakeholder_at(t).is_convenor();
      if (sc == tc) continue;
      const std::string text = rel.source + " learns_from " + rel.target;
      if (!sc) {
        learns[rel.source].first = true;  // the partner learns from a convenor
        relations_of[s].push_back(text);
      } else {
        learns[rel.target].second = true;  // a convenor learns from the partner
        relations_of[t].push_back(text);
      }
    }
    std::size_t taking = 0, both = 0;
    for (std::size_t v = 0; v < n; ++v) {
      const Stakeholder& sh = net.stakeholder_at(v);
      if (!takes_part[v] || sh.is_convenor()) continue;
      ++taking;
      const auto it = learns.find(sh.id);
      const bool from = it != learns.end() && it->second.first;
      const bool by = it != learns.end() && it->second.second;
      both += from && by;
      const std::string note = from && by ? "learns from a convenor and a convenor learns from it"
                               : from     ? "learns from a convenor, but no convenor learns from it"
                               : by       ? "a convenor learns from it, but it learns from no convenor"
                                          : "no learns_from relation with a convenor of the project";
      ladder_evidence head;
      head.criterion = c.name;
      head.rung = c.rung;
      head.stakeholder = sh.id;
      head.side = "partner";
      head.met = from && by;
      head.note = note;
      if (relations_of[v].empty()) out.evidence.push_back(head);
      for (const std::string& text : relations_of[v]) {
        ladder_evidence e = head;
        e.relation = text;
        out.evidence.push_back(e);
      }
    }
    if (taking == 0) {
      ladder_evidence e;
      e.criterion = c.name;
      e.rung = c.rung;
      e.note = "no partner takes part (consulted or more)";
      out.evidence.push_back(e);
      c.value = std::numeric_limits<double>::quiet_NaN();
      c.detail = "no partner takes part";
    } else {
      c.value = static_cast<double>(both) / static_cast<double>(taking);
      c.met = detail::at_least(c.value, c.threshold);
      c.detail = std::to_string(both) + " of " + std::to_string(taking) +
                 " partners taking part learn both ways with the convenors (" +
                 detail::fixed(c.value) + "; " + detail::fixed(c.threshold) + " needed)";
    }
    out.criteria.push_back(c);
  }
  // co-production: shared_equally.
  {
    ladder_criterion c{"shared_equally", CollaborationType::co_production, false, 0, 1.0, ""};
    std::string missing;
    for (Stage s : config.co_production_stages)
      if (count_stage(s) == 0) {
        if (!missing.empty()) missing += ", ";
        missing += to_string(s);
        add_missing(c.name, c.rung, s, "no " + std::string(to_string(s)) + " decision recorded");
      }
    for (std::size_t k = 0; k < out.decisions.size(); ++k) {
      const decision_reading& r = out.decisions[k];
      const double holder_share =
          static_cast<double>(r.partner_holders) / static_cast<double>(r.holders);
      std::string why = "partners hold " + detail::fixed(r.partner_power) + " of the power and " +
                        detail::fixed(holder_share) + " of the holders";
      if (r.joint) {
        const double ratio = holder_share > 0 ? r.partner_power / holder_share : 0.0;
        why += " (ratio " + detail::fixed(ratio) + ", " + detail::fixed(config.equal_power_ratio) +
               " needed)";
      } else {
        why += "; no partner holds real power";
      }
      if (r.convenors_carry)
        why += config.convenors_may_carry_alone ? "; the convenors can carry it alone (allowed)"
                                                : "; the convenors can carry it without a partner";
      add_decision(c.name, c.rung, k, r.shared_equally, why);
    }
    c.value = share_of([](const decision_reading& r) { return r.shared_equally; }, std::nullopt);
    c.met = missing.empty() && !out.decisions.empty() && detail::at_least(c.value, 1.0);
    c.detail = "decision making is shared equally in " + detail::fixed(c.value) +
               " of the decisions; all are needed";
    if (!missing.empty()) c.detail += "; no decision recorded at " + missing;
    out.criteria.push_back(c);
  }

  // The type: the highest rung whose criteria, and all lower rungs', are met.
  for (auto rung : {CollaborationType::consultation, CollaborationType::engagement,
                    CollaborationType::co_design, CollaborationType::co_production}) {
    bool all = true;
    for (const ladder_criterion& c : out.criteria)
      if (c.rung <= rung && !c.met) all = false;
    if (!all) break;
    out.type = rung;
  }
  if (out.claimed) out.matches_claim = out.type == out.claimed;
  return out;
}

/// Classifies every project of a network, in insertion order: `classify(net, p, config)`
/// for each project `p`, in one call on the network as it is (nothing is copied; a caller
/// that shares the network between threads holds a `Network::read_guard` meanwhile).
///
/// Complexity: that of `classify`, summed over the projects. `stop_requested` is asked
/// before each project as well as within it, so that many small projects stop too.
/// \throws input_error for a bad configuration (see `check`); as `classify`; interrupted
///         when `stop_requested` returns true.
inline std::vector<ladder_result> classify_all(const Network& net,
                                               const ladder_config& config = {},
                                               const stop_check& stop_requested = {}) {
  check(config);
  std::vector<ladder_result> out;
  out.reserve(net.num_projects());
  for (const Project& p : net.projects()) {
    if (stop_requested && stop_requested()) throw interrupted();
    out.push_back(classify(net, p.id, config, stop_requested));
  }
  return out;
}

}  // namespace coproduction
