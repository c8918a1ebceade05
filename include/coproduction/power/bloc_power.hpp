#pragma once
/// \file
/// Decision power when holders vote in blocs: for every decision of a network, the Owen value
/// (or the Banzhaf-Owen index) of the decision's game, with the holders grouped by any
/// grouping of the stakeholders (their role, expertise, side, organisation). Service users,
/// front-line staff or commissioners often settle their position among themselves before a
/// decision; this says what each member's vote is then worth.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/power/owen.hpp"
#include "coproduction/power/simple_game.hpp"

namespace coproduction {

/// The value of a game with a priori unions that `bloc_power` reads.
enum class bloc_measure {
  owen,          ///< the Owen value (Owen 1977): sums to 1 over the holders
  banzhaf_owen,  ///< the normalised Banzhaf-Owen index (Owen 1981): sums to 1
};

/// Decision power with blocs: one row per stakeholder (vertex order), one column per decision
/// (insertion order; only those of `project` when one is named), holding the Owen value (or
/// Banzhaf-Owen index) of the decision's game (`decision_game`) for each holder and 0 for
/// everyone else. `bloc_of[v]` is the bloc of the stakeholder at vertex `v` (any codes); the
/// holders of a decision who share a code form one bloc of its game.
///
/// For holder `i` of bloc `B_k` (`b_k` holders of the decision, `m` blocs among its holders),
///
///     Ow_i = sum_{T ⊆ M∖{k}} sum_{S ⊆ B_k∖{i}} |T|!(m-1-|T|)!/m! · |S|!(b_k-1-|S|)!/b_k!
///            · [v(Q_T ∪ S ∪ {i}) - v(Q_T ∪ S)]
///
/// (`owen`). Range [0, 1], each column summing to 1 over the holders. With every holder in a
/// bloc of its own, or all in one, it is the Shapley-Shubik index (Owen 1977).
///
/// Complexity: one `owen` (or `banzhaf_owen`) computation per decision, plus
/// O(|stakeholders| · |decisions|) memory.
/// \throws input_error ("blocs") when `bloc_of` does not have one entry per stakeholder;
///         unknown_id for an unknown project; limit_exceeded ("weights") as `owen`, its message
///         starting with the decision; interrupted when `stop_requested` returns true.
inline power_table bloc_power(const Network& net, const std::vector<std::size_t>& bloc_of,
                              bloc_measure m = bloc_measure::owen, std::string_view project = {},
                              const stop_check& stop_requested = {}) {
  const std::size_t n = net.num_stakeholders();
  if (bloc_of.size() != n)
    throw input_error("blocs", "needs one bloc per stakeholder (" + std::to_string(n) +
                                   "), got " + std::to_string(bloc_of.size()));
  if (!project.empty()) (void)net.project(project);
  std::vector<const Decision*> chosen;
  for (const Decision& d : net.decisions())
    if (project.empty() || d.project == project) chosen.push_back(&d);
  return detail::power_table_of(net, chosen, [&](const decision_game& g) {
    std::vector<std::size_t> blocs(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) blocs[i] = bloc_of[net.vertex(g.holders()[i])];
    return m == bloc_measure::owen
               ? owen(g.game(), blocs, stop_requested)
               : banzhaf_owen(g.game(), blocs, banzhaf_scale::normalized, stop_requested);
  });
}

}  // namespace coproduction
