// The collaboration ladder and tokenism: the four example projects of National Museums
// Liverpool's *Co-production Framework* classify as the type each was written to show;
// moving one criterion moves the type as the Framework says;
// the readings on the other ladders and the tokenism findings are checked by hand.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/io/json.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"

namespace cp = coproduction;
using json = nlohmann::json;
using T = cp::CollaborationType;

namespace {

#ifndef COPRODUCTION_EXAMPLE_DATA
#define COPRODUCTION_EXAMPLE_DATA "python/coproduction/data"
#endif

json document(const char* name) {
  std::ifstream in(std::filesystem::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json"));
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

cp::Network network(const json& doc) { return cp::read_json(doc.dump()); }

json& decision_of(json& doc, const std::string& id) {
  for (json& d : doc.at("decisions"))
    if (d.at("id") == id) return d;
  throw std::runtime_error("no decision " + id);
}

void drop_relations(json& doc, const std::function<bool(const json&)>& which) {
  json kept = json::array();
  for (const json& r : doc.at("relations"))
    if (!which(r)) kept.push_back(r);
  doc["relations"] = kept;
}

std::optional<T> type_of(const json& doc, const char* project, const cp::ladder_config& c = {}) {
  return cp::classify(network(doc), project, c).type;
}

const cp::ladder_criterion& criterion(const cp::ladder_result& r, const std::string& name) {
  for (const auto& c : r.criteria)
    if (c.name == name) return c;
  throw std::runtime_error("no criterion " + name);
}

const cp::stage_reading& stage(const cp::ladder_result& r, cp::Stage s) {
  return r.stages[static_cast<std::size_t>(s)];
}

}  // namespace

// ---- the four types as written ------------------------------------------------------------

struct Expected {
  const char* project;
  T type;
};

class ExampleProject : public ::testing::TestWithParam<Expected> {};

TEST_P(ExampleProject, ClassifiesAsClaimed) {
  const cp::Network net = network(document("nml_collaboration_types"));
  const cp::ladder_result r = cp::classify(net, GetParam().project);
  ASSERT_TRUE(r.type.has_value());
  EXPECT_EQ(*r.type, GetParam().type);
  EXPECT_EQ(r.claimed, GetParam().type);
  EXPECT_EQ(r.matches_claim, true);
  EXPECT_EQ(r.stages.size(), 5u);
  EXPECT_EQ(r.decisions.size(), GetParam().type == T::consultation || GetParam().type == T::co_production ? 5u : 6u);
}

INSTANTIATE_TEST_SUITE_P(Nml, ExampleProject,
                         ::testing::Values(Expected{"consultation", T::consultation},
                                           Expected{"engagement", T::engagement},
                                           Expected{"co_design", T::co_design},
                                           Expected{"co_production", T::co_production}));

TEST(Ladder, CoDesignCriteriaByHand) {
  const cp::ladder_result r = cp::classify(network(document("nml_collaboration_types")), "co_design");
  // Partners taking part: young people, families (shared, involved) and the youth
  // organisation (consulted). Curators and young people, curators and families learn both
  // ways; the youth organisation has no learns_from relation: 2 of 3.
  EXPECT_NEAR(criterion(r, "learning_two_way").value, 2.0 / 3, 1e-15);
  EXPECT_TRUE(criterion(r, "learning_two_way").met);
  EXPECT_TRUE(criterion(r, "design_joint").met);
  // Only the route (unanimity of curators and both groups; partners 2/3 of the power and of
  // the holders, and the curators cannot carry it alone) is shared equally; the objects
  // (partners 2/5 of the power, 2/3 of the holders: ratio 0.6) and four sole decisions are
  // not: 1 of 6 decisions.
  EXPECT_NEAR(criterion(r, "shared_equally").value, 1.0 / 6, 1e-15);
  EXPECT_FALSE(criterion(r, "shared_equally").met);
  const auto& objects = r.decisions[2];
  EXPECT_EQ(objects.decision, "co_design_objects");
  EXPECT_NEAR(objects.partner_power, 0.4, 1e-12);
  EXPECT_TRUE(objects.joint);
  EXPECT_FALSE(objects.shared_equally);
  EXPECT_FALSE(objects.convenors_carry);
  // The stages: design co-design (Arnstein 6 partnership, IAP2 collaborate, TLAP co-design,
  // doing with); conception, delivery, evaluation engagement (placation, involve,
  // engagement, doing for); governance, where partners are only informed, none (informing).
  EXPECT_EQ(stage(r, cp::Stage::design).type, T::co_design);
  EXPECT_EQ(stage(r, cp::Stage::design).arnstein, cp::arnstein_rung::partnership);
  EXPECT_EQ(stage(r, cp::Stage::design).iap2, cp::iap2_level::collaborate);
  EXPECT_EQ(stage(r, cp::Stage::design).tlap, cp::tlap_step::co_design);
  EXPECT_EQ(cp::band_of(*stage(r, cp::Stage::design).tlap), cp::tlap_band::doing_with);
  EXPECT_EQ(stage(r, cp::Stage::delivery).type, T::engagement);
  EXPECT_EQ(stage(r, cp::Stage::delivery).arnstein, cp::arnstein_rung::placation);
  EXPECT_EQ(stage(r, cp::Stage::delivery).iap2, cp::iap2_level::involve);
  EXPECT_EQ(cp::band_of(*stage(r, cp::Stage::delivery).tlap), cp::tlap_band::doing_for);
  EXPECT_FALSE(stage(r, cp::Stage::governance).type.has_value());
  EXPECT_EQ(stage(r, cp::Stage::governance).arnstein, cp::arnstein_rung::informing);
  EXPECT_EQ(stage(r, cp::Stage::governance).iap2, cp::iap2_level::inform);
  EXPECT_EQ(stage(r, cp::Stage::governance).tlap, cp::tlap_step::informing);
  // The design stage's partner power: mean of 2/3 (route) and 2/5 (objects) = 8/15.
  EXPECT_NEAR(stage(r, cp::Stage::design).partner_power, 8.0 / 15, 1e-12);
}

TEST(Ladder, ConsultationStagesByHand) {
  const cp::ladder_result r = cp::classify(network(document("nml_collaboration_types")), "consultation");
  // Partners are consulted at design only, informed at delivery, absent elsewhere.
  EXPECT_EQ(stage(r, cp::Stage::design).type, T::consultation);
  EXPECT_EQ(stage(r, cp::Stage::design).arnstein, cp::arnstein_rung::consultation);
  EXPECT_EQ(stage(r, cp::Stage::design).iap2, cp::iap2_level::consult);
  EXPECT_EQ(stage(r, cp::Stage::delivery).arnstein, cp::arnstein_rung::informing);
  EXPECT_FALSE(stage(r, cp::Stage::conception).arnstein.has_value());
  EXPECT_FALSE(stage(r, cp::Stage::conception).iap2.has_value());
  // Every decision is the convenors' alone.
  EXPECT_EQ(stage(r, cp::Stage::design).convenors_carry, 1.0);
  EXPECT_NEAR(criterion(r, "partners_consulted").value, 0.2, 1e-15);  // 1 of 5
}

TEST(Ladder, CoProductionStagesOnArnstein) {
  const cp::ladder_result r = cp::classify(network(document("nml_collaboration_types")), "co_production");
  // Two convenors, three partners, one vote each. Unanimity (conception, governance) and a
  // quota of 4 (delivery): neither side carries alone: partnership. Simple majority (design,
  // evaluation): the three partners carry without the convenors and the convenors cannot:
  // delegated power, IAP2 empower.
  EXPECT_EQ(stage(r, cp::Stage::conception).arnstein, cp::arnstein_rung::partnership);
  EXPECT_EQ(stage(r, cp::Stage::delivery).arnstein, cp::arnstein_rung::partnership);
  EXPECT_EQ(stage(r, cp::Stage::design).arnstein, cp::arnstein_rung::delegated_power);
  EXPECT_EQ(stage(r, cp::Stage::design).iap2, cp::iap2_level::empower);
  EXPECT_EQ(stage(r, cp::Stage::design).tlap, cp::tlap_step::co_production);
  EXPECT_NEAR(stage(r, cp::Stage::design).partner_power, 0.6, 1e-12);
  EXPECT_EQ(criterion(r, "shared_equally").value, 1.0);
}

// ---- the other ladders (ladder/scales.hpp), row by row of docs/ladder.md's table --------------

TEST(LadderScales, EachStageReadingMapsAsTheTableSays) {
  using A = cp::arnstein_rung;
  using I = cp::iap2_level;
  using S = cp::tlap_step;
  struct row {
    std::optional<T> type;
    bool informed, no_convenor_power, partners_dominate;
    std::optional<A> arnstein;
    std::optional<I> iap2;
    std::optional<S> tlap;
  };
  const std::vector<row> table = {
      // none, partners not even informed: on no ladder.
      {std::nullopt, false, false, false, std::nullopt, std::nullopt, std::nullopt},
      // none, partners informed.
      {std::nullopt, true, false, false, A::informing, I::inform, S::informing},
      {T::consultation, true, false, false, A::consultation, I::consult, S::consultation},
      {T::engagement, true, false, false, A::placation, I::involve, S::engagement},
      {T::co_design, true, false, false, A::partnership, I::collaborate, S::co_design},
      {T::co_production, true, false, false, A::partnership, I::collaborate, S::co_production},
      // Partners carry every decision, convenors none: delegated power.
      {T::co_design, true, false, true, A::delegated_power, I::empower, S::co_design},
      {T::co_production, true, false, true, A::delegated_power, I::empower, S::co_production},
      // No convenor vote counts: citizen control, whether or not partners also dominate.
      {T::co_production, true, true, false, A::citizen_control, I::empower, S::co_production},
      {T::co_design, true, true, true, A::citizen_control, I::empower, S::co_design},
      // The games' readings lift only a stage that already reads as co-design or more.
      {T::engagement, true, true, true, A::placation, I::involve, S::engagement},
  };
  for (const row& r : table) {
    const std::string at = r.type ? std::string(cp::to_string(*r.type)) : "none";
    const auto arnstein =
        cp::arnstein_reading(r.type, r.informed, r.no_convenor_power, r.partners_dominate);
    EXPECT_EQ(arnstein, r.arnstein) << at;
    EXPECT_EQ(arnstein ? std::optional<I>(cp::iap2_of(*arnstein)) : std::nullopt, r.iap2) << at;
    EXPECT_EQ(cp::tlap_reading(r.type, r.informed), r.tlap) << at;
  }
  // Arnstein's bottom two rungs, about intent, still have an IAP2 reading if given by hand.
  EXPECT_EQ(cp::iap2_of(A::manipulation), I::inform);
  EXPECT_EQ(cp::iap2_of(A::therapy), I::inform);
  EXPECT_EQ(cp::band_of(S::educating), cp::tlap_band::doing_to);
  EXPECT_EQ(cp::band_of(S::engagement), cp::tlap_band::doing_for);
  EXPECT_EQ(cp::band_of(S::co_design), cp::tlap_band::doing_with);
  EXPECT_EQ(cp::arnstein_name(A::delegated_power), "delegated power");
  EXPECT_EQ(cp::tlap_band_name(cp::tlap_band::doing_with), "doing with");
}

// ---- one criterion moved at a time ---------------------------------------------------------

TEST(LadderVariation, OneWayLearningTurnsCoDesignIntoEngagement) {
  // The Framework: engagement's learning is "primarily a one-way process, with museum staff
  // primarily asking the questions". Drop every partner -> convenor learns_from relation.
  json doc = document("nml_collaboration_types");
  drop_relations(doc, [](const json& r) {
    return r.at("type") == "learns_from" &&
           (r.at("source") == "co_design_young_people" || r.at("source") == "co_design_families");
  });
  const cp::ladder_result r = cp::classify(network(doc), "co_design");
  EXPECT_EQ(r.type, T::engagement);
  EXPECT_EQ(r.matches_claim, false);
  EXPECT_EQ(criterion(r, "learning_two_way").value, 0.0);
  EXPECT_TRUE(criterion(r, "design_joint").met);
}

TEST(LadderVariation, ConvenorVotesThatCarryADesignDecisionTurnCoDesignIntoEngagement) {
  // The Framework, co-design: "all design decisions are made jointly". Give the curators 3 of 5
  // votes in the objects decision (quota 3): they carry it alone and neither partner group
  // can ever swing it, so the groups' "shared" rights count as involved.
  json doc = document("nml_collaboration_types");
  decision_of(doc, "co_design_objects")["rule"]["votes"]["co_design_curators"] = 3;
  const cp::ladder_result r = cp::classify(network(doc), "co_design");
  EXPECT_EQ(r.type, T::engagement);
  EXPECT_FALSE(criterion(r, "design_joint").met);
  EXPECT_NEAR(criterion(r, "design_joint").value, 0.5, 1e-15);  // the route is still joint
  bool seen = false;
  for (const auto& e : r.evidence)
    if (e.criterion == "design_joint" && e.decision == "co_design_objects" &&
        e.stakeholder == "co_design_young_people") {
      seen = true;
      EXPECT_EQ(e.right, cp::Right::shared);
      EXPECT_EQ(e.effective_right, cp::Right::involved);
      EXPECT_EQ(e.power, 0.0);
      EXPECT_FALSE(e.met);
    }
  EXPECT_TRUE(seen);
  EXPECT_EQ(stage(r, cp::Stage::design).type, T::engagement);
}

TEST(LadderVariation, SharedRightsAtEveryStageTurnCoDesignIntoCoProduction) {
  // The Framework, co-production: "All decisions made together", "involved throughout from
  // conception, through design to delivery and evaluation". Every stakeholder of the
  // project shares every decision by unanimity.
  json doc = document("nml_collaboration_types");
  for (json& d : doc.at("decisions")) {
    if (d.at("project") != "co_design") continue;
    for (const char* who : {"co_design_curators", "co_design_learning_staff", "co_design_young_people",
                            "co_design_families", "co_design_youth_organisation"})
      d["rights"][who] = "shared";
    d["rule"] = {{"kind", "unanimity"}};
  }
  EXPECT_EQ(type_of(doc, "co_design"), T::co_production);
  // Sharing all but the evaluation is not "throughout": co-design.
  decision_of(doc, "co_design_evaluation")["rights"]["co_design_learning_staff"] = "decides";
  decision_of(doc, "co_design_evaluation")["rule"] = {{"kind", "sole"}};
  EXPECT_EQ(type_of(doc, "co_design"), T::co_design);
}

TEST(LadderVariation, ConvenorsWhoCarryDeliveryTurnCoProductionIntoCoDesign) {
  // Curators with 3 votes in the delivery quota (4 of 7): curators and learning staff carry
  // it without a partner. Partners still swing (with the curators' 3), so delivery is
  // joint, and the project is co-design, not co-production.
  json doc = document("nml_collaboration_types");
  decision_of(doc, "co_production_delivery")["rule"]["votes"] = {{"co_production_curators", 3}};
  const cp::ladder_result r = cp::classify(network(doc), "co_production");
  EXPECT_EQ(r.type, T::co_design);
  EXPECT_NEAR(criterion(r, "shared_equally").value, 0.8, 1e-15);
  // The delivery game by hand: weights 3 (curators) and 1, 1, 1, 1, quota 4. The curators
  // swing when the four others bring 1 to 3 votes: 4 + 6 + 4 = 14 coalitions. A holder of one
  // vote swings when the others bring exactly 3: {curators} or the other three single votes:
  // 2. Partners hold 3 * 2 / 22 = 0.273 of the power with 0.6 of the holders: ratio 0.4545.
  const auto& delivery = r.decisions[2];
  EXPECT_EQ(delivery.decision, "co_production_delivery");
  EXPECT_NEAR(delivery.partner_power, 6.0 / 22, 1e-12);
  EXPECT_TRUE(delivery.convenors_carry);
  // Allowing the convenors to carry alone, a ratio of 0.45 makes it equal, 0.5 does not.
  cp::ladder_config lenient;
  lenient.convenors_may_carry_alone = true;
  lenient.equal_power_ratio = 0.45;
  EXPECT_EQ(type_of(doc, "co_production", lenient), T::co_production);
  lenient.equal_power_ratio = 0.5;
  EXPECT_EQ(type_of(doc, "co_production", lenient), T::co_design);
}

TEST(LadderVariation, PartnersConsultedOnlyTurnEngagementIntoConsultation) {
  json doc = document("nml_collaboration_types");
  for (const char* id : {"engagement_content", "engagement_layout"})
    for (const char* who : {"engagement_lived_experience_panel", "engagement_community_organisation"})
      decision_of(doc, id)["rights"][who] = "consulted";
  EXPECT_EQ(type_of(doc, "engagement"), T::consultation);
}

TEST(LadderVariation, PartnersInformedOnlyFallBelowConsultation) {
  json doc = document("nml_collaboration_types");
  for (const char* who : {"consultation_survey_respondents", "consultation_community_organisation"})
    decision_of(doc, "consultation_proposal")["rights"][who] = "informed";
  const cp::ladder_result r = cp::classify(network(doc), "consultation");
  EXPECT_FALSE(r.type.has_value());
  EXPECT_EQ(r.matches_claim, false);
  EXPECT_FALSE(criterion(r, "partners_consulted").met);
}

TEST(LadderVariation, JointDesignAndTwoWayLearningNeedPartnersInDelivery) {
  // Engagement with design shared by unanimity and learning both ways meets co-design's
  // design and learning criteria, but the partners are only informed of delivery: "staff
  // are guided by the input of co-production partners" fails, unless switched off.
  json doc = document("nml_collaboration_types");
  for (const char* id : {"engagement_content", "engagement_layout"}) {
    json& d = decision_of(doc, id);
    d["rights"]["engagement_curators"] = "shared";
    d["rights"]["engagement_lived_experience_panel"] = "shared";
    d["rule"] = {{"kind", "unanimity"}};
  }
  doc["relations"].push_back({{"source", "engagement_lived_experience_panel"},
                              {"target", "engagement_engagement_staff"}, {"type", "learns_from"}});
  doc["relations"].push_back({{"source", "engagement_community_organisation"},
                              {"target", "engagement_engagement_staff"}, {"type", "learns_from"}});
  const cp::ladder_result r = cp::classify(network(doc), "engagement");
  EXPECT_TRUE(criterion(r, "design_joint").met);
  EXPECT_TRUE(criterion(r, "learning_two_way").met);
  EXPECT_FALSE(criterion(r, "delivery_guided").met);
  EXPECT_EQ(r.type, T::engagement);
  cp::ladder_config c;
  c.delivery_guidance = false;
  EXPECT_EQ(type_of(doc, "engagement", c), T::co_design);
}

TEST(LadderVariation, ThresholdsMoveTheTwamProgramme) {
  const json doc = document("twam_partners_2013");
  const cp::ladder_result r = cp::classify(network(doc), "reminiscence");
  // Claimed co-production; the data support engagement. Learning: of the six partners
  // taking part (OT staff, regional manager, participants, commissioners, volunteers, public
  // health specialist) only the OT staff and outreach learn from each other: 1/6.
  EXPECT_EQ(r.type, T::engagement);
  EXPECT_EQ(r.claimed, T::co_production);
  EXPECT_EQ(r.matches_claim, false);
  EXPECT_NEAR(criterion(r, "learning_two_way").value, 1.0 / 6, 1e-15);
  // Delivery: the sessions have partners involved, the volunteer roles only consulted: 1/2.
  EXPECT_NEAR(criterion(r, "delivery_guided").value, 0.5, 1e-15);
  // Shared equally (by weight, the conception counting 2): conception (partners 2/3 of
  // power and holders), format (0.8 of power, 2/3 of holders), outcomes (0.9, 3/4) and
  // agreement (1/2, 1/2); not the themes (0.4 against 2/3: ratio 0.6) nor the sole delivery
  // decisions. (2 + 1 + 1 + 1) / 8.
  EXPECT_NEAR(criterion(r, "shared_equally").value, 5.0 / 8, 1e-12);
  EXPECT_EQ(stage(r, cp::Stage::evaluation).arnstein, cp::arnstein_rung::delegated_power);
  // With learning and delivery guidance switched off, design is joint: co-design. With a
  // ratio of 0.6 the themes count as equal too, but delivery still is not.
  cp::ladder_config c;
  c.two_way_learning = 0;
  c.delivery_guidance = false;
  EXPECT_EQ(type_of(doc, "reminiscence", c), T::co_design);
  c.equal_power_ratio = 0.6;
  EXPECT_EQ(type_of(doc, "reminiscence", c), T::co_design);
  // Requiring the partners to hold more than 0.5 of each design decision's power drops it
  // (themes: 0.4).
  c.min_partner_power = 0.5;
  EXPECT_EQ(type_of(doc, "reminiscence", c), T::engagement);
}

TEST(LadderVariation, PartnersDecidingAloneIsCitizenControl) {
  // A partner decides a design decision alone and no convenor holds it: Arnstein's rung 8.
  json doc = document("nml_collaboration_types");
  json& d = decision_of(doc, "co_design_objects");
  d["rights"] = {{"co_design_curators", "involved"}, {"co_design_young_people", "decides"}};
  d["rule"] = {{"kind", "sole"}};
  json& route = decision_of(doc, "co_design_route");
  route["rights"] = {{"co_design_curators", "consulted"}, {"co_design_families", "decides"}};
  route["rule"] = {{"kind", "sole"}};
  const cp::ladder_result r = cp::classify(network(doc), "co_design");
  EXPECT_EQ(stage(r, cp::Stage::design).type, T::co_production);
  EXPECT_EQ(stage(r, cp::Stage::design).arnstein, cp::arnstein_rung::citizen_control);
  EXPECT_EQ(stage(r, cp::Stage::design).iap2, cp::iap2_level::empower);
}

TEST(Ladder, MissingStagesAndBadConfiguration) {
  const cp::Network net = cp::read_json(R"({"format": "coproduction", "version": 1,
    "stakeholders": [{"id": "museum", "kind": "group", "convenor": true},
                     {"id": "users", "kind": "group"}],
    "relations": [{"source": "museum", "target": "users", "type": "learns_from"},
                  {"source": "users", "target": "museum", "type": "learns_from"}],
    "projects": [{"id": "p"}, {"id": "empty", "claimed": "co-production"}],
    "decisions": [{"id": "d", "project": "p", "stage": "design", "rule": {"kind": "unanimity"},
                   "rights": {"museum": "shared", "users": "shared"}}]})");
  // Design alone, shared equally, learning both ways: co-design, but co-production needs a
  // decision at conception, delivery and evaluation too.
  const cp::ladder_result r = cp::classify(net, "p");
  EXPECT_EQ(r.type, T::co_design);
  EXPECT_FALSE(r.matches_claim.has_value());
  EXPECT_TRUE(criterion(r, "delivery_guided").met);  // nothing to check
  cp::ladder_config design_only;
  design_only.co_production_stages = {cp::Stage::design};
  EXPECT_EQ(cp::classify(net, "p", design_only).type, T::co_production);
  // A project without decisions is none.
  const cp::ladder_result empty = cp::classify(net, "empty");
  EXPECT_FALSE(empty.type.has_value());
  EXPECT_EQ(empty.matches_claim, false);
  EXPECT_THROW((void)cp::classify(net, "absent"), cp::unknown_id);
  cp::ladder_config bad;
  bad.equal_power_ratio = 0;
  EXPECT_THROW((void)cp::classify(net, "p", bad), cp::input_error);
  bad = {};
  bad.co_production_stages = {cp::Stage::design, cp::Stage::design};
  EXPECT_THROW((void)cp::classify(net, "p", bad), cp::input_error);
}

TEST(Ladder, ClassifyAllReadsEveryProjectAsClassifyDoes) {
  // classify_all classifies every project, in insertion order, as classify does one by one,
  // with the same configuration; the network is read where it is (it is const here, and a
  // read guard held meanwhile is no obstacle).
  const cp::Network net = network(document("nml_collaboration_types"));
  const auto guard = net.reading();
  cp::ladder_config c;
  c.two_way_learning = 0.9;
  for (const cp::ladder_config& config : {cp::ladder_config{}, c}) {
    const std::vector<cp::ladder_result> all = cp::classify_all(net, config);
    ASSERT_EQ(all.size(), net.num_projects());
    for (std::size_t p = 0; p < all.size(); ++p) {
      const cp::ladder_result one = cp::classify(net, net.projects()[p].id, config);
      EXPECT_EQ(all[p].project, net.projects()[p].id);
      EXPECT_EQ(all[p].type, one.type);
      EXPECT_EQ(all[p].matches_claim, one.matches_claim);
      ASSERT_EQ(all[p].criteria.size(), one.criteria.size());
      for (std::size_t k = 0; k < one.criteria.size(); ++k)
        EXPECT_EQ(all[p].criteria[k].met, one.criteria[k].met);
      EXPECT_EQ(all[p].evidence.size(), one.evidence.size());
    }
  }
  // The four projects read as claimed (the example was written to show one of each).
  const std::vector<cp::ladder_result> all = cp::classify_all(net);
  EXPECT_EQ(all[0].type, T::consultation);
  EXPECT_EQ(all[1].type, T::engagement);
  EXPECT_EQ(all[2].type, T::co_design);
  EXPECT_EQ(all[3].type, T::co_production);
  for (const auto& r : all) EXPECT_EQ(r.matches_claim, true) << r.project;
  // A bad configuration is refused before any project is read; a stop is honoured.
  cp::ladder_config bad;
  bad.regular_involvement = 0;
  EXPECT_THROW((void)cp::classify_all(net, bad), cp::input_error);
  EXPECT_THROW((void)cp::classify_all(net, {}, [] { return true; }), cp::interrupted);
  EXPECT_TRUE(cp::classify_all(cp::Network{}).empty());
}

// ---- tokenism -------------------------------------------------------------------------------

TEST(Tokenism, FindingsOfASmallPartnershipByHand) {
  // museum decides d1 alone; the group "shares" it under the sole rule (weight 0: nominal)
  // and is consulted in d2, so it never swings: nominal_share in d1, no_power. It is unpaid
  // beside a paid convenor: unpaid. Influence 5, 1, 4 against power 1, 0, 0 (carers hold
  // nothing): ranks of influence 3/3, 1/3, 2/3; of power 3/3 and (1.5)/3 for the two zeros.
  // Gaps: museum 0, group 1/3 - 1/2 = -1/6, carers 2/3 - 1/2 = 1/6: no finding at 0.5;
  // at 0.15 both. Shares: influence 0.5, 0.1, 0.4 against power 1, 0, 0: gaps -0.5, 0.1, 0.4.
  const cp::Network net = cp::read_json(R"({"format": "coproduction", "version": 1,
    "stakeholders": [
      {"id": "museum", "kind": "group", "convenor": true, "paid": true, "influence": 5},
      {"id": "group", "kind": "group", "paid": false, "influence": 1},
      {"id": "carers", "kind": "group", "influence": 4},
      {"id": "objects", "kind": "object", "influence": 9}],
    "relations": [], "projects": [{"id": "p"}],
    "decisions": [
      {"id": "d1", "project": "p", "stage": "design", "rule": {"kind": "sole"},
       "rights": {"museum": "decides", "group": "shared"}},
      {"id": "d2", "project": "p", "stage": "delivery", "rule": {"kind": "sole"},
       "rights": {"museum": "decides", "group": "consulted", "carers": "informed"}}]})");
  const auto found = cp::tokenism(net);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].kind, cp::tokenism_kind::nominal_share);
  EXPECT_EQ(found[0].stakeholder, "group");
  EXPECT_EQ(found[0].decision, "d1");
  EXPECT_EQ(found[0].value, 0.0);  // no votes in the game
  EXPECT_EQ(found[1].kind, cp::tokenism_kind::no_power);
  EXPECT_EQ(found[1].value, 2.0);
  EXPECT_EQ(found[2].kind, cp::tokenism_kind::unpaid);
  EXPECT_NE(found[2].evidence.find("museum"), std::string::npos);

  cp::tokenism_config c;
  c.rank_threshold = 0.15;
  const auto ranked = cp::tokenism(net, c);
  ASSERT_EQ(ranked.size(), 5u);
  EXPECT_EQ(ranked[3].kind, cp::tokenism_kind::influence_exceeds_power);
  EXPECT_EQ(ranked[3].stakeholder, "carers");
  EXPECT_NEAR(ranked[3].value, 1.0 / 6, 1e-12);
  EXPECT_EQ(ranked[4].kind, cp::tokenism_kind::power_exceeds_influence);
  EXPECT_EQ(ranked[4].stakeholder, "group");
  EXPECT_NEAR(ranked[4].value, -1.0 / 6, 1e-12);

  c = {};
  c.comparison = cp::influence_comparison::share;
  c.share_threshold = 0.3;
  c.include_convenors = true;
  const auto shared = cp::tokenism(net, c);
  // Museum -0.5 (power above influence) and carers 0.4; the group's 0.1 is below 0.3.
  ASSERT_EQ(shared.size(), 5u);
  EXPECT_EQ(shared[3].stakeholder, "carers");
  EXPECT_NEAR(shared[3].value, 0.4, 1e-12);
  EXPECT_EQ(shared[4].stakeholder, "museum");
  EXPECT_NEAR(shared[4].value, -0.5, 1e-12);

  c = {};
  c.rank_threshold = 0;
  EXPECT_THROW((void)cp::tokenism(net, c), cp::input_error);
}

TEST(Tokenism, ExamplePartnerships) {
  // NML: the consultation's respondents and community organisation, the engagement panel
  // and organisation, and the co-design youth organisation take part without power.
  std::vector<std::string> powerless, unpaid;
  for (const auto& f : cp::tokenism(network(document("nml_collaboration_types")))) {
    if (f.kind == cp::tokenism_kind::no_power) powerless.push_back(f.stakeholder);
    if (f.kind == cp::tokenism_kind::unpaid) unpaid.push_back(f.stakeholder);
  }
  EXPECT_EQ(powerless, (std::vector<std::string>{
                           "consultation_survey_respondents", "consultation_community_organisation",
                           "engagement_lived_experience_panel", "engagement_community_organisation",
                           "co_design_youth_organisation"}));
  // Paid is coded false for the respondents, the panel and the co-design groups; the
  // co-production partners are paid (the *Draft manifesto for coproduction in health and
  // care research*: "Pay people").
  EXPECT_EQ(unpaid, (std::vector<std::string>{"consultation_survey_respondents",
                                              "engagement_lived_experience_panel",
                                              "co_design_young_people", "co_design_families"}));
}
