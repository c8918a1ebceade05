#pragma once
/// \file
/// The other ladders a stage of a project is read onto beside the four types of
/// collaboration of National Museums Liverpool's *Co-production Framework*: the IAP2
/// Spectrum of Public Participation, Arnstein's ladder of citizen participation and the Think
/// Local Act Personal ladder of co-production; their spellings, and the mapping from what a
/// stage's decisions show onto each (docs/ladder.md gives the table and argues every line).
/// A rung about intent rather than rights (Arnstein's manipulation and therapy, TLAP's
/// coercion and educating) cannot be read from decision rights and is never given.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// The IAP2 Spectrum of Public Participation (IAP2 2018), lowest first.
enum class iap2_level { inform, consult, involve, collaborate, empower };

/// Arnstein's (1969) ladder of citizen participation, numbered from the bottom rung.
enum class arnstein_rung {
  manipulation = 1,
  therapy,
  informing,
  consultation,
  placation,
  partnership,
  delegated_power,
  citizen_control,
};

/// The seven steps of the Think Local Act Personal ladder of co-production (TLAP and the
/// National Co-production Advisory Group 2020), lowest first.
enum class tlap_step { coercion, educating, informing, consultation, engagement, co_design, co_production };

/// The three bands of the TLAP ladder: coercion and educating are *doing to*; informing,
/// consultation and engagement *doing for*; co-design and co-production *doing with* (the
/// *Co-production Framework* says the same of its own types: co-design and co-production are
/// "done with co-production partners", engagement and consultation "done for" them).
enum class tlap_band { doing_to, doing_for, doing_with };

/// Spelling of an IAP2 level: `inform`, `consult`, `involve`, `collaborate`, `empower`.
constexpr std::string_view iap2_name(iap2_level x) {
  constexpr std::array<std::string_view, 5> names{"inform", "consult", "involve", "collaborate",
                                                  "empower"};
  return names[static_cast<std::size_t>(x)];
}

/// Spelling of an Arnstein rung: `manipulation`, `therapy`, `informing`, `consultation`,
/// `placation`, `partnership`, `delegated power`, `citizen control`.
constexpr std::string_view arnstein_name(arnstein_rung x) {
  constexpr std::array<std::string_view, 8> names{
      "manipulation", "therapy",     "informing",       "consultation",
      "placation",    "partnership", "delegated power", "citizen control"};
  return names[static_cast<std::size_t>(x) - 1];
}

/// Spelling of a TLAP step: `coercion`, `educating`, `informing`, `consultation`,
/// `engagement`, `co-design`, `co-production`.
constexpr std::string_view tlap_name(tlap_step x) {
  constexpr std::array<std::string_view, 7> names{"coercion",   "educating", "informing",
                                                  "consultation", "engagement", "co-design",
                                                  "co-production"};
  return names[static_cast<std::size_t>(x)];
}

/// The band of a TLAP step.
constexpr tlap_band band_of(tlap_step x) {
  if (x <= tlap_step::educating) return tlap_band::doing_to;
  if (x <= tlap_step::engagement) return tlap_band::doing_for;
  return tlap_band::doing_with;
}

/// Spelling of a TLAP band: `doing to`, `doing for`, `doing with`.
constexpr std::string_view tlap_band_name(tlap_band x) {
  constexpr std::array<std::string_view, 3> names{"doing to", "doing for", "doing with"};
  return names[static_cast<std::size_t>(x)];
}

/// The Arnstein rung of a stage that reads as `type` (none: below consultation) from its
/// decisions: co-design or co-production is *delegated power* when the partners carry every
/// decision of the stage without the convenors and the convenors none without them
/// (`partners_dominate`), *citizen control* when no convenor holder can change the outcome of
/// any (`no_convenor_power`), *partnership* otherwise; engagement is *placation*,
/// consultation *consultation*, and a stage whose partners are at least informed
/// (`informed`) but no more is *informing*. None when partners are not even informed.
constexpr std::optional<arnstein_rung> arnstein_reading(std::optional<CollaborationType> type,
                                                        bool informed, bool no_convenor_power,
                                                        bool partners_dominate) {
  if (type >= CollaborationType::co_design)
    return no_convenor_power   ? arnstein_rung::citizen_control
           : partners_dominate ? arnstein_rung::delegated_power
                               : arnstein_rung::partnership;
  if (type == CollaborationType::engagement) return arnstein_rung::placation;
  if (type == CollaborationType::consultation) return arnstein_rung::consultation;
  if (informed) return arnstein_rung::informing;
  return std::nullopt;
}

/// The TLAP step of a stage that reads as `type`: the steps from consultation up map one to
/// one; a stage whose partners are only informed is *informing*; none when they are not even
/// informed.
constexpr std::optional<tlap_step> tlap_reading(std::optional<CollaborationType> type,
                                                bool informed) {
  if (!type) return informed ? std::optional<tlap_step>(tlap_step::informing) : std::nullopt;
  switch (*type) {
    case CollaborationType::co_production: return tlap_step::co_production;
    case CollaborationType::co_design: return tlap_step::co_design;
    case CollaborationType::engagement: return tlap_step::engagement;
    case CollaborationType::consultation: return tlap_step::consultation;
  }
  return std::nullopt;
}

/// The IAP2 level of an Arnstein rung: delegated power and citizen control *empower*,
/// partnership *collaborate*, placation *involve*, consultation *consult*, the rungs below
/// *inform*.
constexpr iap2_level iap2_of(arnstein_rung r) {
  switch (r) {
    case arnstein_rung::citizen_control:
    case arnstein_rung::delegated_power: return iap2_level::empower;
    case arnstein_rung::partnership: return iap2_level::collaborate;
    case arnstein_rung::placation: return iap2_level::involve;
    case arnstein_rung::consultation: return iap2_level::consult;
    default: return iap2_level::inform;
  }
}

}  // namespace coproduction
