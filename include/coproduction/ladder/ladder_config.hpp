#pragma once
/// \file
/// The thresholds by which `classify` (ladder/classify.hpp) reads a project onto the four
/// types of collaboration of National Museums Liverpool's *Co-production Framework*, each
/// beside the Framework's line it reads, and their check. docs/ladder.md argues every default.

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// The thresholds of the ladder's criteria (docs/ladder.md). Shares are of decisions,
/// counted once each or by their weight (`weighting`).
struct ladder_config {
  /// Engagement ("regularly engaging with co-production partners" while designing): the
  /// share of design decisions in which a partner is at least `involved`; in (0, 1].
  double regular_involvement = 0.5;
  /// Co-design and co-production ("Learning is a two-way process, where everyone is able to
  /// ask questions"): the share of the partners taking part (a right of `consulted` or
  /// more) who both learn from a convenor and are learnt from by one; in [0, 1], 0 switches
  /// the criterion off.
  double two_way_learning = 0.5;
  /// Co-design ("all design decisions are made jointly"): a design decision is joint when a
  /// partner holder can swing it and the partners' combined normalised Banzhaf power is at
  /// least this; in [0, 1). 0 asks only for a vote that can change the outcome.
  double min_partner_power = 0.0;
  /// Co-design ("delivery ... rests with NML staff, but staff are guided by the input of
  /// co-production partners"): require a partner at least `involved` in every delivery
  /// decision the project records.
  bool delivery_guidance = true;
  /// Co-production ("Decision making is shared equally throughout", "a partnership of
  /// equals in which everyone's input has the same value"): a decision is shared equally
  /// when the partners' share of its power is at least this multiple of their share of its
  /// holders; in (0, 1]. 1 asks for at least proportional power.
  double equal_power_ratio = 0.8;
  /// Co-production: whether a decision the convenors can carry without any partner may
  /// still count as shared equally. False by default: equal votes do not make a decision
  /// shared when the convenor side outnumbers the partners.
  bool convenors_may_carry_alone = false;
  /// Co-production ("involved throughout from conception, through design to delivery and
  /// evaluation"): stages that must record a decision. Every recorded stage, these or
  /// others (governance), must be shared equally.
  std::vector<Stage> co_production_stages{Stage::conception, Stage::design, Stage::delivery,
                                          Stage::evaluation};
  /// How decisions count in the shares above (`default_decision_weighting`: by weight).
  decision_weighting weighting = default_decision_weighting;

  bool operator==(const ladder_config&) const = default;
};

/// Checks a configuration. \throws input_error naming the field (`regular_involvement`,
/// `two_way_learning`, `min_partner_power`, `equal_power_ratio`, `co_production_stages`).
inline void check(const ladder_config& c) {
  auto in = [](double x, double lo, bool lo_open, double hi, bool hi_open) {
    return std::isfinite(x) && (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
  };
  if (!in(c.regular_involvement, 0, true, 1, false))
    throw input_error("regular_involvement", "must lie in (0, 1]");
  if (!in(c.two_way_learning, 0, false, 1, false))
    throw input_error("two_way_learning", "must lie in [0, 1]");
  if (!in(c.min_partner_power, 0, false, 1, true))
    throw input_error("min_partner_power", "must lie in [0, 1)");
  if (!in(c.equal_power_ratio, 0, true, 1, false))
    throw input_error("equal_power_ratio", "must lie in (0, 1]");
  for (std::size_t i = 0; i < c.co_production_stages.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (c.co_production_stages[i] == c.co_production_stages[j])
        throw input_error("co_production_stages",
                          std::string(to_string(c.co_production_stages[i])) + " is named twice");
}

}  // namespace coproduction
