#pragma once
/// \file
/// What a removal from a network reports (`removal`), and the refusal of a removal that other
/// parts of the network depend on (`in_use`). The removals themselves are members of
/// `Network` (model/editing.hpp).

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/error.hpp"
#include "coproduction/model/relation.hpp"
#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// One entry taken out of a decision that stays: the stakeholder's right, the votes the rule
/// gave it (nothing: the default of 1 vote, or no votes at all) and whether it held a veto.
/// These are the columns of a row of the rights table (`Network.rights` in Python).
struct removed_right {
  std::string decision{};
  std::string stakeholder{};
  Right right = Right::none;
  std::optional<long long> votes{};
  bool veto = false;

  bool operator==(const removed_right&) const = default;
};

/// What a removal took out of a network: each list in the order the network held it.
struct removal {
  std::vector<std::string> stakeholders{};  ///< ids of the stakeholders removed
  std::vector<Relation> relations{};        ///< the relations removed, as they were
  std::vector<std::string> projects{};      ///< ids of the projects removed
  std::vector<std::string> decisions{};     ///< ids of the decisions removed
  std::vector<removed_right> rights{};      ///< entries removed from decisions that stay

  /// True when nothing was removed.
  bool empty() const {
    return stakeholders.empty() && relations.empty() && projects.empty() && decisions.empty() &&
           rights.empty();
  }
  bool operator==(const removal&) const = default;
};

/// A removal refused because other parts of the network refer to what it would remove (code
/// `model.in_use`; in Python a `ModelError`). `where()` names the stakeholder or project
/// referred to, `message()` counts what refers to it and names the first few; nothing was
/// changed. Remove or change those first, or remove with `cascade`, which removes them too.
class in_use : public model_error {
 public:
  in_use(std::string where, std::string message, std::size_t relations,
         std::vector<std::string> decisions)
      : model_error("model.in_use", std::move(where), "", std::move(message)),
        relations_(relations),
        decisions_(std::move(decisions)) {}

  /// How many relations refer to what was to be removed.
  std::size_t relations() const noexcept { return relations_; }
  /// The decisions that refer to it (list a stakeholder in their rights, or belong to a
  /// project), in network order.
  const std::vector<std::string>& decisions() const noexcept { return decisions_; }

 private:
  std::size_t relations_;
  std::vector<std::string> decisions_;
};

}  // namespace coproduction
