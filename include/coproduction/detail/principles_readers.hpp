#pragma once
/// \file
/// The twelve readers of the principles scorecard (ladder/principles.hpp), one per principle
/// of National Museums Liverpool's *Co-production Framework*, in its order: each reads its
/// indicator from the scope (detail/principles_scope.hpp) and writes its row
/// (detail/principles_verdicts.hpp). `principles` documents every formula. Users include
/// `ladder/principles.hpp`.

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "coproduction/detail/principles_scope.hpp"
#include "coproduction/detail/principles_verdicts.hpp"
#include "coproduction/ladder/principles_config.hpp"
#include "coproduction/metrics/centralization.hpp"
#include "coproduction/metrics/inequality.hpp"
#include "coproduction/metrics/reciprocity.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction::detail::principles {

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

// The partners' share of the decision power in scope: the power of the non-convenors taking
// part over the power of everyone taking part (0 when nobody holds any).
inline double partners_share(const scope& s) {
  double partners = 0, all = 0;
  for (std::size_t v : s.people) {
    all += s.power[v];
    if (!s.convenor[v]) partners += s.power[v];
  }
  return all > 0 ? partners / all : 0.0;
}

// The evaluation decisions in scope, and those in which a partner taking part holds
// `involved` or more: the partnership reflecting on its work with its partners.
inline std::pair<std::size_t, std::size_t> evaluations_with_partners(const scope& s) {
  std::vector<char> evaluation(s.decisions.size(), 0), shared(s.decisions.size(), 0);
  for (std::size_t d = 0; d < s.decisions.size(); ++d)
    evaluation[d] = s.net.decisions()[s.decisions[d]].stage == Stage::evaluation;
  for (const auto& r : s.rights)
    if (evaluation[r.decision] && s.taking_part[r.stakeholder] && !s.convenor[r.stakeholder] &&
        r.right >= Right::involved)
      shared[r.decision] = 1;
  std::size_t all = 0, with = 0;
  for (std::size_t d = 0; d < s.decisions.size(); ++d) {
    all += static_cast<std::size_t>(evaluation[d]);
    with += static_cast<std::size_t>(shared[d]);
  }
  return {all, with};
}

inline principle_row critical(const scope& s, const scope* before) {
  principle_row r = row(
      principle_names[1],
      "change in practice between waves of fieldwork (adaptation after reflection): the "
      "change in the partners' share of decision power since the wave before",
      "meets: partners involved or more in an evaluation decision of the wave before "
      "(reflection shared) and their share of decision power risen since; partly: one of "
      "the two; else does not meet");
  if (before == nullptr)
    return unmeasurable(
        std::move(r),
        "one snapshot of relations and decision rights shows where power sits, not whether "
        "practice is adapting",
        {"repeated waves of the network (a timeline) to see adaptation, with what the "
         "partnership reflected on and changed between them"});
  if (!s.has_decisions() || !before->has_decisions())
    return unmeasurable(std::move(r),
                        "no decision in scope in " +
                            std::string(s.has_decisions() ? "the wave before" : "this wave"),
                        {needs_decisions + ", in both waves"});
  const double then = partners_share(*before), now = partners_share(s);
  const double change = now - then;
  const auto [evaluations, reflective] = evaluations_with_partners(*before);
  const bool adapted = change > eps;
  const principle_verdict verdict =
      reflective > 0 && adapted   ? principle_verdict::meets
      : reflective > 0 || adapted ? principle_verdict::partly
                                  : principle_verdict::does_not_meet;
  std::string evidence = "partners' share of decision power " + fixed(then, 3) + " in the wave "
                         "before, " + fixed(now, 3) + " now (" + (change >= 0 ? "+" : "") +
                         fixed(change, 3) + "); in the wave before, partners were involved or "
                         "more in " + std::to_string(reflective) + " of " +
                         std::to_string(evaluations) + " evaluation decisions";
  return measured(std::move(r), change, verdict, std::move(evidence));
}

inline principle_row equitable(const scope& s) {
  const band grading = band_for(s.config, band_id::equitable);
  principle_row r = row(principle_names[2],
                        "partners' parity ratio of decision power: their power share / "
                        "head-count share",
                        rule(grading, "parity"));
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
  return graded(std::move(r), parity, grading, evidence);
}

inline principle_row inclusive(const scope& s) {
  const band grading = band_for(s.config, band_id::inclusive);
  principle_row r = row(principle_names[3],
                        "share of partner stakeholders with no right above informed in any "
                        "decision (barriers to participation)",
                        rule(grading, "share"));
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
  return graded(std::move(r), value, grading,
                std::to_string(kept_out.size()) + " of " + std::to_string(partners.size()) +
                    " partners at informed or below: " + names(kept_out));
}

inline principle_row expert(const scope& s) {
  const band grading = band_for(s.config, band_id::expert);
  principle_row r = row(principle_names[4],
                        "share of decisions whose holders with power include both lived and "
                        "learnt expertise",
                        rule(grading, "share"));
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
  if (uncoded_ids.size() == holders) return without_expertise(std::move(r));
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
  return graded(std::move(r), value, grading, join(parts, "; "));
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
  const band grading = band_for(c, band_id::transparent);
  const std::string types = join(c.informs_types, "/");
  principle_row r = row(principle_names[7],
                        "share of the rights in decisions (above none) whose holder is reached "
                        "from the decision's holders by a path of " + types + " relations",
                        rule(grading, "share"));
  if (!s.has_decisions()) return without_decisions(std::move(r), s);
  const std::size_t n = s.net.num_stakeholders();
  std::vector<std::vector<std::size_t>> holders(s.decisions.size());
  std::size_t outside = 0;
  for (const auto& x : s.rights) {
    if (is_holder(x.right)) holders[x.decision].push_back(x.stakeholder);
    else if (x.right > Right::none) ++outside;
  }
  const auto informs = relations_of_types(s, &c.informs_types, false);
  std::vector<std::vector<std::size_t>> flows(n);
  for (const auto& [a, b] : informs) flows[a].push_back(b);
  if (informs.empty() && outside > 0)
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
  return graded(std::move(r), value, grading,
                std::to_string(reached) + " of " + std::to_string(rights) +
                    " rights reached (holders count as reached: they take part in the "
                    "decision); not reached: " + names(missed));
}

inline principle_row human(const scope& s) {
  const band grading = band_for(s.config, band_id::human);
  principle_row r = row(principle_names[8],
                        "share of decision power held by stakeholders with lived expertise "
                        "(lived or both)",
                        rule(grading, "share"));
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
  if (!any_coded) return without_expertise(std::move(r));
  const double value = lived / total;
  std::vector<std::string> parts{
      "lived expertise holds " + fixed(value, 3) + ": " +
          names(with_values(s, largest_first(in_lived, s.power), s.power, total)),
      "learnt only " + fixed(learnt_only / total, 3)};
  if (uncoded / total > eps)
    parts.push_back("expertise not coded " + fixed(uncoded / total, 3) + " (counted as not lived)");
  return graded(std::move(r), value, grading, join(parts, "; "));
}

inline principle_row trust(const scope& s) {
  const principles_config& c = s.config;
  const band grading = band_for(c, band_id::trust);
  const std::string types = join(c.trust_types, "/");
  principle_row r = row(principle_names[9],
                        "reciprocity of the " + types + " relations: the share of trust ties "
                        "returned",
                        rule(grading, "reciprocity"));
  const auto edges = relations_of_types(s, &c.trust_types, true);
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
  return graded(std::move(r), value, grading,
                std::to_string(pairs.size() - one_way.size()) + " of " +
                    std::to_string(pairs.size()) + " trust ties returned; one way: " +
                    names(one_way));
}

inline principle_row protect(const scope& s) {
  const principles_config& c = s.config;
  const band grading = band_for(c, band_id::protect);
  const std::string types = join(c.care_types, "/");
  principle_row r = row(principle_names[10],
                        "share of the under-served or service-user stakeholders taking part who "
                        "are the target of a " + types + " relation",
                        rule(grading, "share"));
  std::vector<std::size_t> population;
  for (std::size_t v : s.people) {
    const Stakeholder& x = s.net.stakeholder_at(v);
    if (x.under_served.value_or(false) || x.role == "service_user") population.push_back(v);
  }
  // The carer may be anyone, objects included: the network's whole care layer is read.
  const auto care = relations_of_types(s, &c.care_types, false);
  std::vector<std::vector<std::string>> carers(s.net.num_stakeholders());
  for (const auto& [carer, cared_for] : care) carers[cared_for].push_back(s.id(carer));
  const bool any_care = !care.empty();
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
  return graded(std::move(r), value, grading,
                std::to_string(cared.size()) + " of " + std::to_string(population.size()) +
                    " cared for: " + names(cared) + "; not reached: " + names(not_reached));
}

inline principle_row decentralise(const scope& s) {
  const principles_config& c = s.config;
  const band power_band = band_for(c, band_id::decentralise_power);
  const band centralization_band = band_for(c, band_id::decentralise_centralization);
  const std::string layer =
      c.centralization_layer ? join(*c.centralization_layer, "/") + " relations" : "all relations";
  principle_row r = row(
      principle_names[11],
      "concentration of decision power (normalised HHI over the stakeholders taking part), with "
      "the degree centralization of " + layer + " (direction ignored)",
      "power HHI* " + rule(power_band) + "; degree centralization " + rule(centralization_band) +
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
  principle_verdict verdict = grade(value, power_band);
  std::vector<std::string> parts{
      "power as if held equally by " + fixed(1.0 / h, 1) + " of " + std::to_string(n) +
      " stakeholders (HHI " + fixed(h, 3) + "); largest: " +
      names(with_values(s, largest_first(top, s.power), s.power), 4)};
  const auto edges = relations_of_types(
      s, c.centralization_layer ? &*c.centralization_layer : nullptr, true);
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
    // "direction ignored" tells it apart from the directed total-degree centralization of
    // `cp.metrics.summary`, a different quantity under a similar name.
    parts.push_back("degree centralization of " + layer + ", direction ignored, " + fixed(cent, 3) +
                    " (most tied: " + s.id(s.people[most]) + ", to " +
                    std::to_string(degree[most]) + " of " + std::to_string(n - 1) + " others)");
    verdict = std::max(verdict, grade(cent, centralization_band));
  } else {
    parts.push_back(edges.empty() ? "degree centralization not read: no " + layer +
                                        " among the stakeholders taking part"
                                  : "degree centralization not read: fewer than three "
                                    "stakeholders");
  }
  return measured(std::move(r), value, verdict, join(parts, "; "));
}

}  // namespace coproduction::detail::principles
