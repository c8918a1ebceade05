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
/// The scorecard's vocabulary (verdicts, rows, configuration and its check) is in
/// `principles_config.hpp`, included here. Its internals: the scope every reader shares
/// (`detail/principles_scope.hpp`), the verdict rules (`detail/principles_verdicts.hpp`),
/// the twelve readers (`detail/principles_readers.hpp`) and the text helpers, Python's
/// spellings of numbers and ids (`detail/scorecard_text.hpp`).

#include <optional>
#include <string>
#include <vector>

#include "coproduction/detail/principles_readers.hpp"
#include "coproduction/detail/principles_scope.hpp"
#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/ladder/principles_config.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

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
/// - Critical, reflective, adaptive: with the wave before (`previous`, a network of the same
///   partnership observed earlier), `C = S_partner(now) - S_partner(before)`, the change in
///   the partners' share of decision power; it meets when the partners also held `involved`
///   or more in an evaluation decision of the wave before (they shared the reflection) and
///   C > 0 (practice adapted in their favour), partly with one of the two. Without a wave
///   before, not measurable: one snapshot cannot show change. Range [-1, 1].
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
///
/// With `previous` (the same partnership in the wave before), Critical, reflective, adaptive
/// is measured from the change between the two (`project`, when given, must be a project of
/// both).
inline std::vector<principle_row> principles(const Network& net,
                                             std::optional<std::string> project = std::nullopt,
                                             const principles_config& config = {},
                                             const stop_check& stop_requested = {},
                                             const Network* previous = nullptr) {
  check_principles_config(config);
  const auto guard = net.reading();
  const auto check_project = [&](const Network& n, const char* where) {
    std::vector<std::string> ids;
    bool known = false;
    for (const Project& p : n.projects()) {
      ids.push_back(p.id);
      known = known || p.id == *project;
    }
    if (!known)
      throw input_error(where, "unknown project " + detail::scorecard::repr(*project) +
                                   "; the projects are " + detail::scorecard::list_repr(ids));
  };
  if (project) check_project(net, "project");
  namespace pr = detail::principles;
  const pr::scope s = pr::make_scope(net, project, config, stop_requested);
  std::optional<Network::read_guard> held_before;
  std::optional<pr::scope> before;
  if (previous != nullptr && previous != &net) {
    held_before.emplace(*previous);
    if (project) check_project(*previous, "previous");
    before.emplace(pr::make_scope(*previous, project, config, stop_requested));
  } else if (previous == &net) {
    before.emplace(pr::make_scope(net, project, config, stop_requested));
  }
  return {pr::active(s),    pr::critical(s, before ? &*before : nullptr),
          pr::equitable(s), pr::inclusive(s),
          pr::expert(s),    pr::visible(s),     pr::impactful(s), pr::transparent(s),
          pr::human(s),     pr::trust(s),       pr::protect(s),   pr::decentralise(s)};
}

}  // namespace coproduction
