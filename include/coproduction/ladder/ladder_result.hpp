#pragma once
/// \file
/// What `classify` (ladder/classify.hpp) says of a project: the type of collaboration it
/// reaches, each criterion met or not with its measured value, the reading of every decision
/// and stage (with the stage's place on the IAP2, Arnstein and TLAP ladders,
/// ladder/scales.hpp), and the evidence behind each criterion, line by line.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "coproduction/ladder/scales.hpp"
#include "coproduction/model/vocabulary.hpp"

namespace coproduction {

/// What one decision of a project shows about the sharing of power.
struct decision_reading {
  std::string decision;
  Stage stage = Stage::conception;
  double weight = 1;                   ///< its weight in the shares (1 unless by_weight)
  std::size_t holders = 0;             ///< holders of the decision
  std::size_t partner_holders = 0;     ///< holders who are partners
  Right partner_right = Right::none;   ///< best effective right of a partner
  double partner_power = 0;            ///< partners' combined normalised Banzhaf power
  bool partner_swings = false;         ///< a partner holder can change the outcome
  bool convenor_swings = false;        ///< a convenor holder can change the outcome
  bool convenors_carry = false;        ///< the convenor holders win without any partner
  bool partners_carry = false;         ///< the partner holders win without any convenor
  bool joint = false;                  ///< partners hold real power (co-design)
  bool shared_equally = false;         ///< shared equally (co-production)
  std::optional<CollaborationType> type{};  ///< what this decision alone reads as
};

/// What one stage of a project shows, and where it sits on the other ladders.
struct stage_reading {
  Stage stage = Stage::conception;
  std::size_t decisions = 0;
  std::optional<CollaborationType> type{};  ///< none below consultation or with no decision
  Right partner_right = Right::none;        ///< best effective right of a partner
  double partner_power = std::numeric_limits<double>::quiet_NaN();     ///< weighted mean
  double convenors_carry = std::numeric_limits<double>::quiet_NaN();   ///< weighted share
  std::optional<iap2_level> iap2{};
  std::optional<arnstein_rung> arnstein{};
  std::optional<tlap_step> tlap{};
};

/// One criterion of one rung, met or not.
struct ladder_criterion {
  std::string name;
  CollaborationType rung = CollaborationType::consultation;
  bool met = false;
  double value = std::numeric_limits<double>::quiet_NaN();  ///< the measured quantity
  double threshold = std::numeric_limits<double>::quiet_NaN();
  std::string detail;                                        ///< the reading in words
};

/// One line of evidence for a criterion. A criterion is judged per *unit* (a decision, or a
/// partner for learning); each unit has a summary line (no stakeholder; `power` is the
/// partners' power in the decision) followed by one line per stakeholder listed in it with a
/// right above `none`, or per learning relation.
struct ladder_evidence {
  std::string criterion;
  CollaborationType rung = CollaborationType::consultation;
  std::optional<Stage> stage{};
  std::string decision;      ///< empty for learning lines
  std::string stakeholder;   ///< empty on a decision's summary line
  std::string side;          ///< "convenor", "partner", or empty
  std::optional<Right> right{};
  std::optional<Right> effective_right{};
  double power = std::numeric_limits<double>::quiet_NaN();  ///< normalised Banzhaf
  std::string relation;      ///< a learns_from relation, "source learns_from target"
  bool met = false;          ///< whether the unit (decision or partner) meets the criterion
  std::string note;
};

/// The reading of one project.
struct ladder_result {
  std::string project;
  std::optional<CollaborationType> type{};     ///< none below consultation
  std::optional<CollaborationType> claimed{};
  std::optional<bool> matches_claim{};         ///< absent when nothing is claimed
  std::vector<std::string> convenors;          ///< the project's convenor stakeholders
  std::vector<std::string> partners;           ///< the project's partner stakeholders
  std::vector<decision_reading> decisions;     ///< the project's decisions, in order
  std::vector<stage_reading> stages;           ///< all five stages, in order
  std::vector<ladder_criterion> criteria;
  std::vector<ladder_evidence> evidence;
};

}  // namespace coproduction
