#pragma once
/// \file
/// The closed vocabularies of the model (kinds, expertise, scales, stages, rights, rules and
/// collaboration types) and their spelling in the data format.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "coproduction/error.hpp"

namespace coproduction {

/// What a stakeholder is. An `object` is a collection object or place that mediates relations
/// (the abstract "Co-Producing Health and Wellbeing Programmes in the Museum": the agency of
/// objects in care); objects hold no decision rights.
enum class Kind { person, group, organisation, object };

/// Lived experience, learnt (professional) expertise, or both (National Museums Liverpool,
/// Co-production Framework).
enum class Expertise { lived, learnt, both };

/// The three scales of co-production of the abstract "Co-Producing Health and Wellbeing
/// Programmes in the Museum": the session, the institution, the place.
enum class Scale { session, institution, place };

/// The stages of a public service a decision belongs to (the National Museums Liverpool
/// Co-production Framework: "from conception right through to governance, delivery and
/// evaluation").
enum class Stage { conception, design, delivery, evaluation, governance };

/// A stakeholder's right in a decision, ordered; the IAP2 spectrum of public participation
/// (inform, consult, involve, collaborate, empower) mapped onto the National Museums Liverpool
/// Co-production Framework wording.
enum class Right { none, informed, consulted, involved, shared, decides };

/// Which coalitions of holders carry a decision (a simple game; Taylor & Zwicker 1999).
enum class RuleKind { sole, unanimity, majority, quota };

/// The four types of collaboration of the National Museums Liverpool Co-production
/// Framework, weakest first.
enum class CollaborationType { consultation, engagement, co_design, co_production };

namespace detail {
template <class E, std::size_t N>
struct spelling {
  std::array<std::string_view, N> names;
};
inline constexpr spelling<Kind, 4> kind_names{{"person", "group", "organisation", "object"}};
inline constexpr spelling<Expertise, 3> expertise_names{{"lived", "learnt", "both"}};
inline constexpr spelling<Scale, 3> scale_names{{"session", "institution", "place"}};
inline constexpr spelling<Stage, 5> stage_names{
    {"conception", "design", "delivery", "evaluation", "governance"}};
inline constexpr spelling<Right, 6> right_names{
    {"none", "informed", "consulted", "involved", "shared", "decides"}};
inline constexpr spelling<RuleKind, 4> rule_names{{"sole", "unanimity", "majority", "quota"}};
inline constexpr spelling<CollaborationType, 4> collaboration_names{
    {"consultation", "engagement", "co-design", "co-production"}};

template <class E>
constexpr const auto& names_of() {
  if constexpr (std::is_same_v<E, Kind>) return kind_names.names;
  else if constexpr (std::is_same_v<E, Expertise>) return expertise_names.names;
  else if constexpr (std::is_same_v<E, Scale>) return scale_names.names;
  else if constexpr (std::is_same_v<E, Stage>) return stage_names.names;
  else if constexpr (std::is_same_v<E, Right>) return right_names.names;
  else if constexpr (std::is_same_v<E, RuleKind>) return rule_names.names;
  else return collaboration_names.names;
}
}  // namespace detail

/// The spelling of a vocabulary value in the data format, e.g. `to_string(Right::shared)`
/// is `"shared"` and `to_string(CollaborationType::co_design)` is `"co-design"`.
template <class E>
constexpr std::string_view to_string(E value) {
  return detail::names_of<E>()[static_cast<std::size_t>(value)];
}

/// The value spelt `text`, or nothing when `text` is not in the vocabulary.
template <class E>
constexpr std::optional<E> parse(std::string_view text) {
  const auto& names = detail::names_of<E>();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

/// All spellings of a vocabulary, in order, joined by ", " (for error messages).
template <class E>
std::string spellings() {
  std::string out;
  for (auto name : detail::names_of<E>()) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

/// The value spelt `text`; throws `invalid_value` naming `subject` and `field` otherwise.
template <class E>
E parse_or_throw(std::string_view text, const std::string& subject, const std::string& field) {
  if (auto value = parse<E>(text)) return *value;
  throw invalid_value(subject, field,
                      "\"" + std::string(text) + "\" is not one of " + spellings<E>());
}

/// True when `right` makes its holder part of the decision itself (`shared` or `decides`).
constexpr bool is_holder(Right right) { return right >= Right::shared; }

}  // namespace coproduction
