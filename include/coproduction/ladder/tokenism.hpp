#pragma once
/// \file
/// Tokenism: where a partnership asks people in but leaves them without power, without pay,
/// or with an influence on paper that differs from the influence people see. Traverse and
/// Co-Production Collective, *Draft manifesto for coproduction in health and care research*:
/// "Be honest with yourself and others when you're involved in tokenistic practice" and "Pay
/// people to help equalise power differentials and recognise all contributions as
/// valuable". docs/ladder.md gives each finding's definition.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// The kinds of tokenism finding.
enum class tokenism_kind {
  /// A stakeholder's `shared` or `decides` right in one decision carries no power: it is
  /// a null player of the decision's game (its vote can never change the outcome).
  nominal_share,
  /// A stakeholder is consulted, involved or nominally sharing in decisions, yet holds power
  /// in none of them (Arnstein's 1969 "degrees of tokenism": informing, consultation,
  /// placation).
  no_power,
  /// A partner taking part in decisions is coded `paid: false` while convenors of the same
  /// projects are `paid: true` (the *Draft manifesto for coproduction in health and care
  /// research*).
  unpaid,
  /// Elicited influence (Net-Map) well above formal decision power: informal power the
  /// decision rules do not show, or rules that overlook an influential stakeholder.
  influence_exceeds_power,
  /// Formal decision power well above elicited influence: a right that others do not see
  /// as influence, possibly a seat on paper only.
  power_exceeds_influence,
};

/// Spelling: `nominal_share`, `no_power`, `unpaid`, `influence_exceeds_power`,
/// `power_exceeds_influence`.
constexpr std::string_view tokenism_name(tokenism_kind k) {
  constexpr std::array<std::string_view, 5> names{"nominal_share", "no_power", "unpaid",
                                                  "influence_exceeds_power",
                                                  "power_exceeds_influence"};
  return names[static_cast<std::size_t>(k)];
}

/// How elicited influence and formal power are compared.
enum class influence_comparison {
  /// Percentile ranks: `r(x_i) = (average rank of x_i among the n compared, 1 = lowest) / n`;
  /// the gap is `r(influence) - r(power)`, in (-1, 1). Free of the influence scale.
  rank,
  /// Shares: `x_i / sum_j x_j`; the gap is the influence share less the power share, in
  /// [-1, 1].
  share,
};

/// Options of `tokenism`.
struct tokenism_config {
  influence_comparison comparison = influence_comparison::rank;
  /// A gap of at least this (in absolute value) is a finding; in (0, 1].
  double rank_threshold = 0.5;
  /// The same for shares; in (0, 1].
  double share_threshold = 0.1;
  /// Report convenors too (they are always part of the influence comparison).
  bool include_convenors = false;
  /// How decisions count in the formal power compared with influence
  /// (`default_decision_weighting`: by weight).
  decision_weighting weighting = default_decision_weighting;
  bool operator==(const tokenism_config&) const = default;
};

/// One finding.
struct tokenism_finding {
  std::string stakeholder;
  tokenism_kind kind = tokenism_kind::no_power;
  std::string project;   ///< for a finding about one decision; empty otherwise
  std::string decision;  ///< for `nominal_share`; empty otherwise
  double value = std::numeric_limits<double>::quiet_NaN();  ///< see `tokenism`
  std::string evidence;
};

/// Every tokenism finding of a network, grouped by kind in the order of `tokenism_kind`,
/// then by stakeholder (vertex order) and decision (insertion order). Only partners are
/// reported unless `include_convenors`.
///
/// - `nominal_share`: one per (holder, decision) whose Banzhaf swing count is zero
///   (exact, `decision_game::can_swing`); `value` is the holder's votes.
/// - `no_power`: one per stakeholder with a right of `consulted` or more in some decision and
///   a swing in none; `value` is the number of such decisions.
/// - `unpaid`: one per partner with `paid: false` (absent is not coded, never false) and a
///   right of `consulted` or more in a project one of whose convenors (project stakeholders
///   with `convenor: true`) has `paid: true`; `value` is the number of decisions taken part
///   in.
/// - `influence_exceeds_power` / `power_exceeds_influence`: among the stakeholders other
///   than objects whose `influence` is coded (at least two, with some influence and some
///   power), formal power is each one's mean normalised Banzhaf power over all decisions
///   (`overall_power`); a finding where `|gap| >= threshold`, `value` the gap (see
///   `influence_comparison`).
///
/// Complexity: one Banzhaf computation and one exact swing test per decision, plus
/// O(n log n) for the ranks. `stop_requested` is passed to both.
/// \throws input_error ("rank_threshold", "share_threshold") outside (0, 1]; as
///         `decision_game`; interrupted when `stop_requested` returns true.
inline std::vector<tokenism_finding> tokenism(const Network& net,
                                              const tokenism_config& config = {},
                                              const stop_check& stop_requested = {}) {
  for (auto [name, x] : {std::pair<const char*, double>{"rank_threshold", config.rank_threshold},
                         {"share_threshold", config.share_threshold}})
    if (!std::isfinite(x) || x <= 0 || x > 1) throw input_error(name, "must lie in (0, 1]");
  const std::size_t n = net.num_stakeholders();
  auto reported = [&](std::size_t v) {
    return config.include_convenors || !net.stakeholder_at(v).is_convenor();
  };
  std::vector<tokenism_finding> nominal, powerless, unpaid, gaps;

  // Per stakeholder: decisions taken part in, and whether it ever swings.
  std::vector<std::vector<std::string>> taking(n);
  std::vector<bool> ever_swings(n, false);
  for (const Decision& d : net.decisions()) {
    const decision_game g(d);
    const std::vector<bool> swings = g.can_swing(stop_requested);
    for (std::size_t i = 0; i < g.size(); ++i) {
      const auto v = net.vertex(g.holders()[i]);
      if (swings[i]) {
        ever_swings[v] = true;
      } else if (reported(v)) {
        tokenism_finding f;
        f.stakeholder = g.holders()[i];
        f.kind = tokenism_kind::nominal_share;
        f.project = d.project;
        f.decision = d.id;
        f.value = static_cast<double>(g.game().weights()[i]);
        f.evidence = "right " + std::string(to_string(d.right_of(f.stakeholder))) + " in " + d.id +
                     " (rule " + std::string(to_string(d.rule.kind)) + ", " +
                     std::to_string(g.game().weights()[i]) + " of " +
                     std::to_string(g.game().total()) +
                     " votes as the game counts them), but the vote can never change the outcome";
        nominal.push_back(f);
      }
    }
    for (const auto& [id, right] : d.rights)
      if (right >= Right::consulted)
        taking[net.vertex(id)].push_back(d.id + " (" + std::string(to_string(right)) + ")");
  }
  for (std::size_t v = 0; v < n; ++v) {
    if (taking[v].empty() || ever_swings[v] || !reported(v)) continue;
    tokenism_finding f;
    f.stakeholder = net.stakeholder_at(v).id;
    f.kind = tokenism_kind::no_power;
    f.value = static_cast<double>(taking[v].size());
    f.evidence = "takes part in " + std::to_string(taking[v].size()) + " decision" +
                 (taking[v].size() == 1 ? "" : "s") + " but can change the outcome of none:";
    for (const std::string& t : taking[v]) f.evidence += " " + t + ";";
    f.evidence.pop_back();
    powerless.push_back(f);
  }

  // Unpaid partners beside paid convenors of the same projects.
  std::vector<std::set<std::string>> projects_of(n);
  for (const Decision& d : net.decisions())
    for (const auto& [id, right] : d.rights)
      if (right > Right::none) projects_of[net.vertex(id)].insert(d.project);
  for (std::size_t v = 0; v < n; ++v) {
    const Stakeholder& s = net.stakeholder_at(v);
    if (s.is_convenor() || s.paid != false || taking[v].empty()) continue;
    std::set<std::string> paid_convenors;
    for (std::size_t u = 0; u < n; ++u) {
      const Stakeholder& c = net.stakeholder_at(u);
      if (!c.is_convenor() || c.paid != true) continue;
      for (const std::string& p : projects_of[u])
        if (projects_of[v].count(p)) paid_convenors.insert(c.id);
    }
    if (paid_convenors.empty()) continue;
    tokenism_finding f;
    f.stakeholder = s.id;
    f.kind = tokenism_kind::unpaid;
    f.value = static_cast<double>(taking[v].size());
    f.evidence = "paid: false while taking part in";
    for (const std::string& t : taking[v]) f.evidence += " " + t + ",";
    f.evidence.back() = ';';
    f.evidence += " paid convenors of the same projects:";
    for (const std::string& c : paid_convenors) f.evidence += " " + c + ",";
    f.evidence.pop_back();
    unpaid.push_back(f);
  }

  // Elicited influence against formal power.
  std::vector<std::size_t> compared;
  for (std::size_t v = 0; v < n; ++v)
    if (net.stakeholder_at(v).influence && net.stakeholder_at(v).kind != Kind::object)
      compared.push_back(v);
  if (compared.size() >= 2 && net.num_decisions() > 0) {
    const std::vector<double> power =
        overall_power(net, decision_power(net, power_measure::banzhaf, stop_requested),
                      config.weighting);
    const std::size_t m = compared.size();
    std::vector<double> infl(m), pow(m);
    for (std::size_t i = 0; i < m; ++i) {
      infl[i] = *net.stakeholder_at(compared[i]).influence;
      pow[i] = power[compared[i]];
    }
    const double infl_total = std::accumulate(infl.begin(), infl.end(), 0.0);
    const double pow_total = std::accumulate(pow.begin(), pow.end(), 0.0);
    if (infl_total > 0 && pow_total > 0) {
      auto percentile = [m](const std::vector<double>& x) {
        std::vector<std::size_t> order(m);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
        std::vector<double> r(m);
        for (std::size_t i = 0; i < m;) {
          std::size_t j = i;
          while (j + 1 < m && x[order[j + 1]] == x[order[i]]) ++j;
          const double average = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
          for (std::size_t k = i; k <= j; ++k) r[order[k]] = average / static_cast<double>(m);
          i = j + 1;
        }
        return r;
      };
      std::vector<double> a(m), b(m);
      double threshold = config.share_threshold;
      if (config.comparison == influence_comparison::rank) {
        a = percentile(infl);
        b = percentile(pow);
        threshold = config.rank_threshold;
      } else {
        for (std::size_t i = 0; i < m; ++i) {
          a[i] = infl[i] / infl_total;
          b[i] = pow[i] / pow_total;
        }
      }
      const char* what = config.comparison == influence_comparison::rank ? "percentile rank"
                                                                          : "share";
      for (std::size_t i = 0; i < m; ++i) {
        const double gap = a[i] - b[i];
        if (std::fabs(gap) + detail::ladder_tolerance < threshold || !reported(compared[i]))
          continue;
        tokenism_finding f;
        f.stakeholder = net.stakeholder_at(compared[i]).id;
        f.kind = gap > 0 ? tokenism_kind::influence_exceeds_power
                         : tokenism_kind::power_exceeds_influence;
        f.value = gap;
        f.evidence = "influence " + detail::fixed(infl[i], 2) + " (" + what + " " +
                     detail::fixed(a[i], 2) + ") against decision power " +
                     detail::fixed(pow[i], 3) + " (" + what + " " + detail::fixed(b[i], 2) +
                     "): gap " + detail::fixed(gap, 2) + ", threshold " +
                     detail::fixed(threshold, 2) + ", among " + std::to_string(m) +
                     " stakeholders with influence coded";
        gaps.push_back(f);
      }
      std::stable_sort(gaps.begin(), gaps.end(), [](const auto& x, const auto& y) {
        return x.kind < y.kind;
      });
    }
  }

  std::vector<tokenism_finding> out;
  // nominal_share findings come in decision order; regroup them by stakeholder.
  std::stable_sort(nominal.begin(), nominal.end(), [&](const auto& x, const auto& y) {
    return net.vertex(x.stakeholder) < net.vertex(y.stakeholder);
  });
  for (auto* part : {&nominal, &powerless, &unpaid, &gaps})
    out.insert(out.end(), part->begin(), part->end());
  return out;
}

}  // namespace coproduction
