#pragma once
/// \file
/// A decision, the rights stakeholders hold in it, and the rule that carries it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// Which coalitions of holders (stakeholders with `shared` or `decides`) carry a decision.
/// This makes every decision a simple game (Taylor & Zwicker 1999):
/// - `sole`: the coalition contains the one `decides` holder;
/// - `unanimity`: all holders;
/// - `majority`: the coalition's votes are more than half of all holders' votes;
/// - `quota`: the coalition's votes are at least `quota`;
/// and in every case each `veto` holder is in the coalition. Votes default to 1 per holder.
struct DecisionRule {
  RuleKind kind = RuleKind::sole;
  std::map<std::string, long long> votes{};  ///< holder id -> votes >= 1; only majority, quota
  std::optional<double> quota{};             ///< required for quota, absent otherwise
  std::vector<std::string> veto{};           ///< distinct holder ids

  bool operator==(const DecisionRule&) const = default;
};

/// A decision of a project at one stage, with each listed stakeholder's right in it.
struct Decision {
  std::string id{};
  std::string label{};
  std::string project{};
  Stage stage = Stage::conception;
  std::map<std::string, Right> rights{};  ///< stakeholder id -> right
  DecisionRule rule{};
  std::optional<double> weight{};  ///< importance for aggregation; absent means 1
  nlohmann::json attributes{};     ///< null or an object

  /// The holders: stakeholders whose right is `shared` or `decides`, in id order.
  std::vector<std::string> holders() const {
    std::vector<std::string> out;
    for (const auto& [id, right] : rights)
      if (is_holder(right)) out.push_back(id);
    return out;
  }
  /// The votes of a holder under the rule (1 unless the rule gives votes).
  long long votes_of(const std::string& holder) const {
    auto it = rule.votes.find(holder);
    return it == rule.votes.end() ? 1 : it->second;
  }
  /// The right of a stakeholder; `none` when not listed.
  Right right_of(const std::string& stakeholder) const {
    auto it = rights.find(stakeholder);
    return it == rights.end() ? Right::none : it->second;
  }

  bool operator==(const Decision&) const = default;
};

}  // namespace coproduction
