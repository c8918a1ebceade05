#pragma once
/// \file
/// A stakeholder: a vertex of the network.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// A person, group, organisation or object in a partnership (DESIGN section 1; the stakeholder
/// groups of the TWAM Partners' Together Day report (2013)). Optional fields that are absent mean
/// "not coded", which is different from false: a researcher who does not know whether a partner is
/// paid leaves `paid` empty.
struct Stakeholder {
  std::string id{};                       ///< stable, unique, non-empty
  std::string label{};                    ///< display name; empty when not given
  Kind kind = Kind::person;
  std::string role{};                     ///< open vocabulary (service_user, commissioner, ...)
  std::string sector{};                   ///< museum, health, social_care, justice, ...
  std::optional<Expertise> expertise{};   ///< lived, learnt or both (National Museums Liverpool, Co-production Framework)
  std::optional<bool> under_served{};     ///< historically under-served (National Museums Liverpool, Co-production Framework, Active)
  std::optional<bool> paid{};             ///< paid for their contribution (the Draft manifesto for coproduction in health and care research (Traverse and Co-Production Collective, 2020))
  std::optional<bool> convenor{};         ///< initiated the partnership and holds its resources
  std::optional<long long> size{};        ///< head count of a group or organisation
  std::optional<double> influence{};      ///< elicited influence (Net-Map influence towers)
  nlohmann::json attributes{};            ///< the researcher's own codes: null or an object

  /// A convenor is the side that initiated and holds the resources; absent means partner.
  bool is_convenor() const { return convenor.value_or(false); }
  /// People this stakeholder stands for: its size, or 1 when not given.
  long long head_count() const { return size.value_or(1); }

  bool operator==(const Stakeholder&) const = default;
};

}  // namespace coproduction
