#pragma once
/// \file
/// A relation: a directed, typed, weighted edge between two stakeholders.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// Who reported a relation, when and how: relations in field data are claims, and "The coproduction
/// myth" (2015) asks to model relations, not only procedure, so each claim keeps its source.
struct Provenance {
  std::string reported_by{};  ///< often a stakeholder id or a role; empty when not given
  std::string date{};         ///< "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when not given
  std::string method{};       ///< interview, observation, report, ...; empty when not given

  bool empty() const { return reported_by.empty() && date.empty() && method.empty(); }
  bool operator==(const Provenance&) const = default;
};

/// A directed relation `source -> target` of one `type` (DESIGN section 1). Parallel relations
/// of different types between the same pair are allowed; the triple (source, target, type)
/// is unique. Known types: manages, funds, commissions, pays, informs, consults, learns_from
/// (source learns from target), trusts, collaborates, refers, represents, member_of,
/// cares_for, mediates; others are allowed.
struct Relation {
  std::string source{};
  std::string target{};
  std::string type{};
  std::optional<double> weight{};  ///< finite and > 0; absent means 1
  std::optional<Scale> scale{};    ///< session, institution or place (the conference abstract "Co-Producing Health and Wellbeing Programmes in the Museum")
  Provenance provenance{};
  nlohmann::json attributes{};     ///< null or an object

  /// The weight used by computations: the given weight, or 1.
  double strength() const { return weight.value_or(1.0); }

  bool operator==(const Relation&) const = default;
};

}  // namespace coproduction
