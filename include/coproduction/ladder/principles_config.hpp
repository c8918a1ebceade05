#pragma once
/// \file
/// The vocabulary of the principles scorecard (ladder/principles.hpp): the twelve principles
/// of National Museums Liverpool's *Co-production Framework*, a principle's verdict, one row
/// of the scorecard, and the thresholds and options the verdicts are given by, with their
/// check. docs/audit.md argues every default threshold from the Framework's wording.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/error.hpp"
#include "coproduction/power/decision_power.hpp"

namespace coproduction {

/// A principle's verdict, best first.
enum class principle_verdict { meets, partly, does_not_meet, not_measurable };

/// Spelling: `meets`, `partly`, `does not meet`, `not measurable from these data`.
constexpr std::string_view verdict_name(principle_verdict v) {
  constexpr std::array<std::string_view, 4> names{"meets", "partly", "does not meet",
                                                  "not measurable from these data"};
  return names[static_cast<std::size_t>(v)];
}

/// The twelve principles, in the order the *Co-production Framework* lists them.
inline constexpr std::array<std::string_view, 12> principle_names{
    "Active", "Critical, reflective, adaptive", "Equitable", "Inclusive", "Expert", "Visible",
    "Impactful", "Transparent", "Human", "Trust", "Protect", "Decentralise"};

/// The thresholds and options of the scorecard. For a value where more is better the verdict
/// is `meets` at or above `*_meets` and `partly` at or above `*_partly` when the value is
/// above 0; where less is better (Inclusive, Decentralise) `meets` at or below `*_meets` and
/// `partly` at or below `*_partly` when the value is below 1. Comparisons allow 1e-9 for
/// rounding. The Framework names no number: docs/audit.md argues each default from its
/// wording.
struct principles_config {
  /// The normalised power index read from every decision's game (not `banzhaf_absolute`).
  power_measure index = power_measure::banzhaf;
  /// How decisions count in every share over decisions and rights: by their `weight`
  /// (absent means 1), the package's one default.
  decision_weighting weighting = decision_weighting::by_weight;
  /// Active: the share of the seats (rights at `shared` or above) the under-served must
  /// hold, in [0, 1]; when empty, their share of the stakeholders taking part ("prioritise":
  /// at least in proportion to their number).
  std::optional<double> active_share{};
  double equitable_meets = 0.8, equitable_partly = 0.5;  ///< parity ratio, >= 0
  double inclusive_meets = 0.0, inclusive_partly = 0.5;  ///< share kept out, less is better
  double expert_meets = 1.0, expert_partly = 0.0;
  double human_meets = 0.5, human_partly = 0.0;
  double transparent_meets = 1.0, transparent_partly = 0.5;
  double trust_meets = 0.5, trust_partly = 0.0;
  double protect_meets = 1.0, protect_partly = 0.5;
  double decentralise_power_meets = 0.25, decentralise_power_partly = 0.5;  ///< HHI*
  double decentralise_centralization_meets = 0.5, decentralise_centralization_partly = 0.75;
  /// The relation types whose degree centralization Decentralise reads; nothing: every type.
  std::optional<std::vector<std::string>> centralization_layer{};
  std::vector<std::string> informs_types{"informs"};   ///< Transparent: information flow
  std::vector<std::string> trust_types{"trusts"};      ///< Trust
  std::vector<std::string> care_types{"cares_for"};    ///< Protect

  bool operator==(const principles_config&) const = default;
};

/// One principle read against the network.
struct principle_row {
  std::string principle;   ///< one of `principle_names`
  std::string indicator;   ///< what is measured, in one line
  double value = std::numeric_limits<double>::quiet_NaN();  ///< NaN when not measurable
  principle_verdict verdict = principle_verdict::not_measurable;
  std::string threshold;   ///< the rule that gave the verdict, with the configured numbers
  std::string evidence;    ///< the stakeholders, decisions and relations behind the value
  std::vector<std::string> needs;  ///< when not measurable: what to record; empty otherwise

  bool operator==(const principle_row&) const = default;
};

namespace detail::principles {

using scorecard::fixed;
using scorecard::general;
using scorecard::join;
using scorecard::names;
using scorecard::repr;

inline constexpr double eps = 1e-9;  // a share summed from floats may land just below a rule

/// The two thresholds of a graded indicator, and which way is better: the verdict is `meets`
/// at or beyond `meets`, `partly` at or beyond `partly` short of the worst value (above 0
/// where more is better, below 1 where less is), else `does_not_meet`.
struct band {
  double meets, partly;
  bool higher_is_better;
};

/// A band of the configuration: its fields' stem (`<stem>_meets`, `<stem>_partly`) and the
/// largest value either threshold may take.
struct named_band {
  const char* stem;
  band thresholds;
  double hi;
};

/// The graded indicators, in the order of their bands' fields.
enum class band_id {
  equitable,
  inclusive,
  expert,
  human,
  transparent,
  trust,
  protect,
  decentralise_power,
  decentralise_centralization,
};

/// Every band of `c`, in the order of `band_id`: the one table of which fields grade which
/// indicator, and which way, that the check and the readers both read.
inline std::array<named_band, 9> bands(const principles_config& c) {
  const double inf = std::numeric_limits<double>::infinity();
  return {{{"equitable", {c.equitable_meets, c.equitable_partly, true}, inf},
           {"inclusive", {c.inclusive_meets, c.inclusive_partly, false}, 1.0},
           {"expert", {c.expert_meets, c.expert_partly, true}, 1.0},
           {"human", {c.human_meets, c.human_partly, true}, 1.0},
           {"transparent", {c.transparent_meets, c.transparent_partly, true}, 1.0},
           {"trust", {c.trust_meets, c.trust_partly, true}, 1.0},
           {"protect", {c.protect_meets, c.protect_partly, true}, 1.0},
           {"decentralise_power",
            {c.decentralise_power_meets, c.decentralise_power_partly, false}, 1.0},
           {"decentralise_centralization",
            {c.decentralise_centralization_meets, c.decentralise_centralization_partly, false},
            1.0}}};
}

/// The band of `c` that grades `id`.
inline band band_for(const principles_config& c, band_id id) {
  return bands(c)[static_cast<std::size_t>(id)].thresholds;
}

inline constexpr std::array<power_measure, 5> normalised_indices{
    power_measure::banzhaf, power_measure::shapley_shubik, power_measure::deegan_packel,
    power_measure::holler, power_measure::johnston};

inline std::string index_message(const std::string& got) {
  std::vector<std::string> all;
  for (power_measure m : normalised_indices) all.emplace_back(measure_name(m));
  return "must be one of " + join(all, ", ") + ", got " + got;
}

}  // namespace detail::principles

/// The normalised index spelt `text` (`banzhaf`, `shapley_shubik`, `deegan_packel`, `holler`,
/// `johnston`). \throws input_error ("index") for any other text, `banzhaf_absolute` included
/// (its values do not sum to 1, so they are not shares of power).
inline power_measure parse_principles_index(std::string_view text) {
  for (power_measure m : detail::principles::normalised_indices)
    if (measure_name(m) == text) return m;
  throw input_error("index", detail::principles::index_message(detail::scorecard::repr(text)));
}

/// Checks a configuration. \throws input_error naming the field: an index that is not
/// normalised; a threshold outside [0, 1] (Equitable's outside [0, inf)) or not finite; a
/// `partly` threshold stricter than its `meets` threshold; an empty list of relation types
/// or an empty type name. O(number of types).
inline void check_principles_config(const principles_config& c) {
  using detail::scorecard::float_repr;
  using detail::scorecard::general;
  if (std::find(detail::principles::normalised_indices.begin(),
                detail::principles::normalised_indices.end(),
                c.index) == detail::principles::normalised_indices.end())
    throw input_error("index", detail::principles::index_message(
                                   detail::scorecard::repr(measure_name(c.index))));
  const auto number = [](const std::string& name, double x, double hi) {
    if (!(std::isfinite(x) && 0.0 <= x && x <= hi))
      throw input_error(name, "must lie in [0, " + general(hi) + "], got " + float_repr(x));
  };
  if (c.active_share) number("active_share", *c.active_share, 1.0);
  for (const detail::principles::named_band& b : detail::principles::bands(c)) {
    const std::string stem = b.stem;
    const detail::principles::band& t = b.thresholds;
    number(stem + "_meets", t.meets, b.hi);
    number(stem + "_partly", t.partly, b.hi);
    if (t.higher_is_better ? t.partly > t.meets : t.partly < t.meets)
      throw input_error(stem + "_partly", std::string("must be ") +
                                              (t.higher_is_better ? "at most " : "at least ") +
                                              stem + "_meets (" + general(t.meets) + "), got " +
                                              general(t.partly));
  }
  const auto types = [](const char* name, const std::vector<std::string>& t) {
    if (t.empty() || std::any_of(t.begin(), t.end(), [](const std::string& x) { return x.empty(); }))
      throw input_error(name, "must be a non-empty list of relation types, got " +
                                  detail::scorecard::tuple_repr(t));
  };
  if (c.centralization_layer) types("centralization_layer", *c.centralization_layer);
  types("informs_types", c.informs_types);
  types("trust_types", c.trust_types);
  types("care_types", c.care_types);
}

}  // namespace coproduction
