// The principles scorecard: every indicator on a small hand-built partnership against a hand
// computation written out beside it; missing data giving "not measurable from these data"
// rather than a number; the scope of a project (a network of one project reads the same with
// and without it); the configuration refused with the field named; the text helpers against
// Python's own spellings.

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "coproduction/detail/scorecard_text.hpp"
#include "coproduction/ladder/principles.hpp"

namespace cp = coproduction;
using V = cp::principle_verdict;

namespace {

cp::Relation rel(std::string a, std::string b, std::string type) {
  return cp::Relation{.source = std::move(a), .target = std::move(b), .type = std::move(type)};
}

cp::Decision decision(std::string id, std::string project, cp::Stage stage, cp::RuleKind rule,
                      std::map<std::string, cp::Right> rights,
                      std::optional<double> weight = std::nullopt) {
  cp::Decision d;
  d.id = std::move(id);
  d.project = std::move(project);
  d.stage = stage;
  d.rule.kind = rule;
  d.rights = std::move(rights);
  d.weight = weight;
  return d;
}

constexpr auto none = cp::Right::none;
constexpr auto informed = cp::Right::informed;
constexpr auto consulted = cp::Right::consulted;
constexpr auto involved = cp::Right::involved;
constexpr auto shared = cp::Right::shared;
constexpr auto decides = cp::Right::decides;

// A museum convening service users, front-line staff, a carer and a funder (the network of
// tests/python/test_audit.py). Banzhaf power of project p's decisions:
//   d1 design, majority of museum and users (1 vote each, 2 needed): 1/2 each; staff
//      involved, funder informed.
//   d2 delivery, sole: museum decides: 1; users consulted, carer informed.
//   d3 evaluation, quota 3, museum 2 votes, staff 1, users 1. Winning: {m, s}, {m, u},
//      {m, s, u}. Swings: museum 3, staff 1, users 1: Banzhaf 3/5, 1/5, 1/5.
// Mean power (weights 1): museum (1/2 + 1 + 3/5)/3 = 0.7, users (1/2 + 0 + 1/5)/3 = 7/30,
// staff (1/5)/3 = 1/15, carer 0, funder 0.
cp::Network small(double weight_d1 = 1.0, bool second_project = false) {
  cp::Network net;
  net.add_stakeholder({.id = "museum", .kind = cp::Kind::group, .role = "museum_staff",
                       .expertise = cp::Expertise::learnt, .paid = true, .convenor = true,
                       .size = 2});
  net.add_stakeholder({.id = "staff", .kind = cp::Kind::group, .role = "front_line_staff",
                       .expertise = cp::Expertise::learnt, .size = 2});
  net.add_stakeholder({.id = "users", .kind = cp::Kind::group, .role = "service_user",
                       .expertise = cp::Expertise::lived, .under_served = true, .size = 4});
  net.add_stakeholder({.id = "carer", .kind = cp::Kind::person, .role = "carer",
                       .expertise = cp::Expertise::both, .under_served = false});
  net.add_stakeholder({.id = "funder", .kind = cp::Kind::organisation, .role = "funder"});
  net.add_stakeholder({.id = "objects", .kind = cp::Kind::object});
  net.add_relation(rel("museum", "staff", "informs"));
  net.add_relation(rel("staff", "carer", "informs"));
  net.add_relation(rel("users", "staff", "trusts"));
  net.add_relation(rel("staff", "users", "trusts"));
  net.add_relation(rel("users", "museum", "trusts"));
  net.add_relation(rel("staff", "users", "cares_for"));
  net.add_relation(rel("objects", "users", "mediates"));
  net.add_relation(rel("objects", "funder", "mediates"));
  net.add_project({.id = "p"});
  net.add_decision(decision("d1", "p", cp::Stage::design, cp::RuleKind::majority,
                            {{"museum", shared}, {"users", shared}, {"staff", involved},
                             {"funder", informed}, {"objects", none}},
                            weight_d1));
  net.add_decision(decision("d2", "p", cp::Stage::delivery, cp::RuleKind::sole,
                            {{"museum", decides}, {"users", consulted}, {"carer", informed}}));
  cp::Decision d3 = decision("d3", "p", cp::Stage::evaluation, cp::RuleKind::quota,
                             {{"museum", shared}, {"staff", shared}, {"users", shared}});
  d3.rule.votes = {{"museum", 2}, {"staff", 1}, {"users", 1}};
  d3.rule.quota = 3;
  net.add_decision(d3);
  if (second_project) {
    net.add_project({.id = "q"});
    net.add_decision(decision("d4", "q", cp::Stage::governance, cp::RuleKind::sole,
                              {{"carer", decides}, {"funder", consulted}}));
  }
  return net;
}

// A copy: the card is often a temporary.
cp::principle_row row(const std::vector<cp::principle_row>& card, const std::string& name) {
  for (const auto& r : card)
    if (r.principle == name) return r;
  throw std::runtime_error("no row " + name);
}

// Equal rows, NaN values (not measurable) counting as equal.
void expect_same_rows(const std::vector<cp::principle_row>& a,
                      const std::vector<cp::principle_row>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    cp::principle_row x = a[i], y = b[i];
    EXPECT_EQ(std::isnan(x.value), std::isnan(y.value)) << x.principle;
    if (std::isnan(x.value)) x.value = y.value = 0;
    EXPECT_EQ(x, y) << x.principle << ": " << x.evidence << " | " << y.evidence;
  }
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string joined(const std::vector<std::string>& needs) { return cp::detail::scorecard::join(needs, "; "); }

}  // namespace

// ---- the shape of the card ----------------------------------------------------------------

TEST(Principles, TwelveRowsInTheFrameworksOrder) {
  const auto card = cp::principles(small());
  ASSERT_EQ(card.size(), 12U);
  for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(card[i].principle, cp::principle_names[i]);
  for (const auto& r : card) {
    EXPECT_FALSE(r.indicator.empty());
    EXPECT_FALSE(r.threshold.empty());
    if (r.verdict == V::not_measurable) {
      EXPECT_TRUE(std::isnan(r.value)) << r.principle;
      EXPECT_FALSE(r.needs.empty()) << r.principle;
    } else {
      EXPECT_TRUE(std::isfinite(r.value)) << r.principle;
      EXPECT_TRUE(r.needs.empty()) << r.principle;
    }
  }
  EXPECT_EQ(cp::verdict_name(V::not_measurable), "not measurable from these data");
  EXPECT_EQ(cp::verdict_name(V::does_not_meet), "does not meet");
}

TEST(Principles, ASnapshotCannotMeasureAdaptationVisibilityOrImpact) {
  for (const cp::Network& net : {small(), cp::Network{}}) {
    const auto card = cp::principles(net);
    EXPECT_TRUE(contains(joined(row(card, "Critical, reflective, adaptive").needs),
                         "repeated waves of the network (a timeline)"));
    EXPECT_TRUE(contains(joined(row(card, "Visible").needs), "visitor-facing outputs or credits"));
    EXPECT_TRUE(contains(joined(row(card, "Impactful").needs), "outcome measures"));
    for (const char* name : {"Critical, reflective, adaptive", "Visible", "Impactful"})
      EXPECT_EQ(row(card, name).verdict, V::not_measurable);
  }
}

// ---- Critical, reflective, adaptive from two waves ----------------------------------------------

// small() with d2 decided by a majority of the museum and the users (shared, one vote each),
// and, unless `evaluation`, d3 moved from evaluation to delivery (the same game).
cp::Network changed(bool d2_shared, bool evaluation) {
  cp::Network net = small();
  if (d2_shared) {
    cp::Decision d2 = net.decisions()[1];
    d2.rule.kind = cp::RuleKind::majority;
    d2.rights["users"] = shared;
    d2.rights["museum"] = shared;
    net.update_decision("d2", d2);
  }
  if (!evaluation) {
    cp::Decision d3 = net.decisions()[2];
    d3.stage = cp::Stage::delivery;
    net.update_decision("d3", d3);
  }
  return net;
}

TEST(Principles, CriticalReflectiveAdaptiveIsMeasuredFromTheWaveBefore) {
  // small(): mean power museum 0.7, users 7/30, staff 1/15 (above): the partners hold 0.3.
  // With d2 a majority of museum and users, d2 gives each 1/2: users (1/2 + 1/2 + 1/5)/3 =
  // 0.4, museum (1/2 + 1/2 + 3/5)/3 = 8/15, staff 1/15: the partners hold 7/15.
  const cp::Network before = small(), after = changed(true, true);
  const auto critical = [](const cp::Network& now, const cp::Network& was) {
    return row(cp::principles(now, std::nullopt, {}, {}, &was),
               "Critical, reflective, adaptive");
  };
  // Partners shared d3, the evaluation, in the wave before, and their share rose by 1/6.
  cp::principle_row r = critical(after, before);
  EXPECT_NEAR(r.value, 7.0 / 15 - 0.3, 1e-12);
  EXPECT_EQ(r.verdict, V::meets);
  EXPECT_TRUE(contains(r.evidence, "0.300 in the wave before, 0.467 now (+0.167)")) << r.evidence;
  EXPECT_TRUE(contains(r.evidence, "1 of 1 evaluation decisions")) << r.evidence;
  EXPECT_TRUE(r.needs.empty());
  // The other way: reflection shared, power moved away from the partners.
  r = critical(before, after);
  EXPECT_NEAR(r.value, 0.3 - 7.0 / 15, 1e-12);
  EXPECT_EQ(r.verdict, V::partly);
  // No evaluation decision in the wave before: adaptation without shared reflection.
  r = critical(after, changed(false, false));
  EXPECT_NEAR(r.value, 7.0 / 15 - 0.3, 1e-12);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_TRUE(contains(r.evidence, "0 of 0 evaluation decisions")) << r.evidence;
  // Neither: no change and no evaluation.
  r = critical(changed(false, false), changed(false, false));
  EXPECT_EQ(r.value, 0.0);
  EXPECT_EQ(r.verdict, V::does_not_meet);
  // The other eleven rows do not depend on the wave before.
  auto with = cp::principles(after, std::nullopt, {}, {}, &before);
  auto without = cp::principles(after);
  with.erase(with.begin() + 1);
  without.erase(without.begin() + 1);
  expect_same_rows(with, without);
  // A wave before without decisions cannot say.
  r = critical(after, cp::Network{});
  EXPECT_EQ(r.verdict, V::not_measurable);
  EXPECT_TRUE(contains(joined(r.needs), "in both waves"));
  // A project must be a project of both waves.
  const cp::Network empty;
  EXPECT_THROW(cp::principles(after, std::string("p"), {}, {}, &empty), cp::input_error);
}

// ---- each indicator by hand -----------------------------------------------------------------

TEST(Principles, Active) {
  // Rights at shared or above: d1 museum, users; d2 museum; d3 museum, staff, users: 6. The
  // users (under-served) hold 2: 2/6. Their power 7/30 > 0. Proportional share: one of the
  // five people taking part (objects are not people) is under-served: 1/5. 1/3 >= 1/5 with
  // power: meets.
  const auto& r = row(cp::principles(small()), "Active");
  EXPECT_DOUBLE_EQ(r.value, 2.0 / 6.0);
  EXPECT_EQ(r.verdict, V::meets);
  EXPECT_EQ(r.evidence,
            "1 of 5 stakeholders taking part are under-served (3 not coded, counted as not "
            "under-served); under-served holders (rights at shared or above): users (2); their "
            "decision power 0.233: users 0.233; proportional share 0.200");
  cp::principles_config half;
  half.active_share = 0.5;
  const auto& strict = row(cp::principles(small(), std::nullopt, half), "Active");
  EXPECT_EQ(strict.verdict, V::partly);
  EXPECT_EQ(strict.threshold, "meets: share >= 0.5 and their decision power above 0; partly: "
                              "decision power above 0; else does not meet");
}

TEST(Principles, ActiveWithoutPowerDoesNotMeet) {
  // The users hold a seat only where it counts for nothing: shared under a sole rule. Seats:
  // museum, users: 1/2 held by the under-served, with Banzhaf power 0.
  cp::Network net;
  net.add_stakeholder({.id = "museum", .kind = cp::Kind::group, .convenor = true});
  net.add_stakeholder({.id = "users", .kind = cp::Kind::group, .under_served = true});
  net.add_project({.id = "p"});
  net.add_decision(decision("d", "p", cp::Stage::design, cp::RuleKind::sole,
                            {{"museum", decides}, {"users", shared}}));
  const auto& r = row(cp::principles(net), "Active");
  EXPECT_DOUBLE_EQ(r.value, 0.5);
  EXPECT_EQ(r.verdict, V::does_not_meet);
  EXPECT_TRUE(contains(r.evidence, "their decision power 0.000;"));
}

TEST(Principles, Equitable) {
  // Head counts: museum 2 (convenor); partners staff 2, users 4, carer 1, funder 1 (size
  // absent counts 1): 8 of 10 = 0.8. Partners' power 1/15 + 7/30 = 0.3. Parity 0.3 / 0.8 =
  // 0.375 < 0.5: does not meet. Convenors: 0.7 / 0.2 = 3.5.
  const auto& r = row(cp::principles(small()), "Equitable");
  EXPECT_NEAR(r.value, 0.375, 1e-12);
  EXPECT_EQ(r.verdict, V::does_not_meet);
  EXPECT_EQ(r.evidence,
            "partners (4 stakeholders) hold 0.300 of the decision power and are 0.800 of the "
            "people (head counts); convenors (1) hold 0.700 and are 0.200 (parity 3.50)");
  cp::principles_config lenient;
  lenient.equitable_partly = 0.3;
  EXPECT_EQ(row(cp::principles(small(), std::nullopt, lenient), "Equitable").verdict, V::partly);
}

TEST(Principles, Inclusive) {
  // Partners: staff (highest right shared), users (shared), carer (informed), funder
  // (informed); the object is not a partner. Two of four at informed or below: 0.5, at most
  // 0.5 and below 1: partly.
  const auto& r = row(cp::principles(small()), "Inclusive");
  EXPECT_DOUBLE_EQ(r.value, 0.5);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_EQ(r.evidence, "2 of 4 partners at informed or below: carer (informed), funder (informed)");
  EXPECT_EQ(r.threshold, "meets: share <= 0; partly: <= 0.5 and below 1; else does not meet");
}

TEST(Principles, Expert) {
  // Holders with power: d1 museum (learnt), users (lived): both; d2 museum only: learnt; d3
  // museum, staff, users: both. 2 of 3 decisions: partly.
  const auto& r = row(cp::principles(small()), "Expert");
  EXPECT_DOUBLE_EQ(r.value, 2.0 / 3.0);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_EQ(r.evidence,
            "both forms among the holders of 2 of 3 decisions (d1, d3); one form or none: d2; "
            "holders with lived expertise: users; with learnt: museum, staff");
}

TEST(Principles, DecisionsCountByTheirWeightByDefault) {
  // d1 weighs 2: Expert (2 + 1) / (2 + 1 + 1) = 0.75; every decision once: 2/3 again.
  EXPECT_DOUBLE_EQ(row(cp::principles(small(2.0)), "Expert").value, 0.75);
  cp::principles_config equal;
  equal.weighting = cp::decision_weighting::equal;
  EXPECT_DOUBLE_EQ(row(cp::principles(small(2.0), std::nullopt, equal), "Expert").value, 2.0 / 3.0);
  // Human by weight: museum (2/2 + 1 + 3/5)/4 = 0.65, users (2/2 + 0 + 1/5)/4 = 0.3.
  EXPECT_NEAR(row(cp::principles(small(2.0)), "Human").value, 0.3, 1e-12);
}

TEST(Principles, Transparent) {
  // Rights above none: d1 museum, users (holders), staff, funder; d2 museum (holder), users,
  // carer; d3 museum, staff, users (holders): 10. Informs: museum -> staff -> carer. d1:
  // staff reached from museum, funder not; d2: carer reached (museum -> staff -> carer),
  // users not. 6 holders + staff + carer = 8 of 10: partly.
  const auto& r = row(cp::principles(small()), "Transparent");
  EXPECT_DOUBLE_EQ(r.value, 0.8);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_EQ(r.evidence,
            "8 of 10 rights reached (holders count as reached: they take part in the "
            "decision); not reached: d1: funder (informed), d2: users (consulted)");
}

TEST(Principles, TransparentNeedsInformsRelationsWhenSomeoneMustBeTold) {
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group});
  net.add_stakeholder({.id = "b", .kind = cp::Kind::group});
  net.add_project({.id = "p"});
  net.add_decision(decision("d", "p", cp::Stage::design, cp::RuleKind::sole,
                            {{"a", decides}, {"b", informed}}));
  const auto& r = row(cp::principles(net), "Transparent");
  EXPECT_EQ(r.verdict, V::not_measurable);
  EXPECT_EQ(r.evidence, "1 rights below shared, and no informs relation recorded");
  EXPECT_EQ(joined(r.needs), "informs relations: who passes information to whom");
  // One informs relation the other way does not reach b: 1 of 2 (a holds it): partly. A
  // path of two steps through a third stakeholder does.
  net.add_relation(rel("b", "a", "informs"));
  EXPECT_DOUBLE_EQ(row(cp::principles(net), "Transparent").value, 0.5);
  net.add_stakeholder({.id = "c", .kind = cp::Kind::organisation});
  net.add_relation(rel("a", "c", "informs"));
  net.add_relation(rel("c", "b", "informs"));
  EXPECT_DOUBLE_EQ(row(cp::principles(net), "Transparent").value, 1.0);
}

TEST(Principles, Human) {
  // Lived or both: users 7/30 and carer 0, of a total of 1: 7/30 < 0.5: partly.
  const auto& r = row(cp::principles(small()), "Human");
  EXPECT_NEAR(r.value, 7.0 / 30.0, 1e-12);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_EQ(r.evidence, "lived expertise holds 0.233: users 0.233; learnt only 0.767");
}

TEST(Principles, Trust) {
  // trusts: users <-> staff, users -> museum: 3 ties, 2 of them returned: 2/3 >= 0.5.
  const auto& r = row(cp::principles(small()), "Trust");
  EXPECT_DOUBLE_EQ(r.value, 2.0 / 3.0);
  EXPECT_EQ(r.verdict, V::meets);
  EXPECT_EQ(r.evidence, "2 of 3 trust ties returned; one way: users -> museum");
}

TEST(Principles, Protect) {
  // Under-served or service users: users only (the carer is coded not under-served). staff
  // cares_for users: 1 of 1: meets.
  const auto& r = row(cp::principles(small()), "Protect");
  EXPECT_DOUBLE_EQ(r.value, 1.0);
  EXPECT_EQ(r.verdict, V::meets);
  EXPECT_EQ(r.evidence, "1 of 1 cared for: users (by staff); not reached: none");
}

TEST(Principles, Decentralise) {
  // HHI of (0.7, 1/15, 7/30, 0, 0) = 0.49 + 1/225 + 49/900 = 0.548889; normalised over n = 5:
  // (0.548889 - 0.2) / 0.8 = 0.436111: at most 0.5, partly. Undirected ties among the people
  // (the object's left out): museum-staff, staff-carer, users-staff, users-museum; degrees
  // museum 2, staff 3, users 2, carer 1, funder 0; Freeman (1 + 0 + 1 + 2 + 3) / (4 * 3) =
  // 7/12 = 0.583: at most 0.75, partly. The worse of the two: partly.
  const auto& r = row(cp::principles(small()), "Decentralise");
  const double hhi = 0.49 + 1.0 / 225 + 49.0 / 900;
  EXPECT_NEAR(r.value, (hhi - 0.2) / 0.8, 1e-12);
  EXPECT_EQ(r.verdict, V::partly);
  EXPECT_EQ(r.evidence,
            "power as if held equally by 1.8 of 5 stakeholders (HHI 0.549); largest: museum "
            "0.700, users 0.233, staff 0.067; degree centralization of all relations, direction ignored, 0.583 "
            "(most tied: staff, to 3 of 4 others)");
  // A stricter centralization rule makes the verdict the worse of the two.
  cp::principles_config strict;
  strict.decentralise_centralization_meets = 0.2;
  strict.decentralise_centralization_partly = 0.5;
  EXPECT_EQ(row(cp::principles(small(), std::nullopt, strict), "Decentralise").verdict,
            V::does_not_meet);
  // Informs ties only: museum-staff, staff-carer; degrees 1, 2, 0, 1, 0 (museum, staff,
  // users, carer, funder); Freeman (1 + 0 + 2 + 1 + 2) / 12 = 0.5.
  cp::principles_config informs;
  informs.centralization_layer = std::vector<std::string>{"informs"};
  EXPECT_TRUE(contains(row(cp::principles(small(), std::nullopt, informs), "Decentralise").evidence,
                       "degree centralization of informs relations, direction ignored, 0.500 (most tied: staff, to 2 of 4 others)"));
}

// ---- missing data: not measurable, never a number -------------------------------------------

TEST(Principles, NothingCodedIsNotMeasurableAndSaysWhichField) {
  // Two stakeholders, one shared majority decision, nothing else coded.
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group});
  net.add_stakeholder({.id = "b", .kind = cp::Kind::group});
  net.add_project({.id = "p"});
  net.add_decision(decision("d", "p", cp::Stage::design, cp::RuleKind::majority,
                            {{"a", shared}, {"b", shared}}));
  const auto card = cp::principles(net);
  for (const auto& [name, field] : std::vector<std::pair<std::string, std::string>>{
           {"Active", "under_served"}, {"Equitable", "convenor"}, {"Inclusive", "convenor"},
           {"Expert", "expertise"}, {"Human", "expertise"}, {"Trust", "trusts"},
           {"Protect", "cares_for"}, {"Protect", "under_served"}}) {
    const auto& r = row(card, name);
    EXPECT_EQ(r.verdict, V::not_measurable) << name;
    EXPECT_TRUE(std::isnan(r.value)) << name;
    EXPECT_TRUE(contains(joined(r.needs), field)) << name << ": " << joined(r.needs);
  }
  // Both hold the decision, so no right waits on information: 2 of 2. Two equal holders: HHI
  // 1/2, normalised 0; no relation: power alone decides, meets.
  EXPECT_DOUBLE_EQ(row(card, "Transparent").value, 1.0);
  EXPECT_DOUBLE_EQ(row(card, "Decentralise").value, 0.0);
  EXPECT_EQ(row(card, "Decentralise").verdict, V::meets);
  EXPECT_TRUE(contains(row(card, "Decentralise").evidence,
                       "degree centralization not read: no all relations among the stakeholders "
                       "taking part"));
  EXPECT_EQ(row(card, "Trust").evidence,
            "no trusts relation recorded among the stakeholders taking part");
}

TEST(Principles, NoDecisionLeavesEveryDecisionRowNotMeasurable) {
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group, .under_served = false, .convenor = true});
  net.add_stakeholder({.id = "b", .kind = cp::Kind::group, .role = "service_user"});
  net.add_relation(rel("a", "b", "trusts"));
  net.add_relation(rel("a", "b", "cares_for"));
  const auto card = cp::principles(net);
  for (const char* name : {"Active", "Equitable", "Inclusive", "Expert", "Transparent", "Human",
                           "Decentralise"}) {
    EXPECT_EQ(row(card, name).verdict, V::not_measurable) << name;
    EXPECT_EQ(row(card, name).evidence, "no decision in all decisions") << name;
    EXPECT_TRUE(contains(joined(row(card, name).needs), "decisions")) << name;
  }
  // Relations alone still speak to Trust (1 tie, not returned: 0) and Protect (1 of 1).
  EXPECT_DOUBLE_EQ(row(card, "Trust").value, 0.0);
  EXPECT_EQ(row(card, "Trust").verdict, V::does_not_meet);
  EXPECT_DOUBLE_EQ(row(card, "Protect").value, 1.0);
}

TEST(Principles, UncodedExpertiseCountsAsNotLivedOnceSomeoneIsCoded) {
  // a (lived) and b (not coded) share a unanimity decision: Banzhaf 1/2 each. Human: 1/2
  // lived, 1/2 not coded. Expert: lived among the holders, learnt not: 0.
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group, .expertise = cp::Expertise::lived});
  net.add_stakeholder({.id = "b", .kind = cp::Kind::group});
  net.add_project({.id = "p"});
  net.add_decision(decision("d", "p", cp::Stage::design, cp::RuleKind::unanimity,
                            {{"a", shared}, {"b", shared}}));
  const auto card = cp::principles(net);
  EXPECT_DOUBLE_EQ(row(card, "Human").value, 0.5);
  EXPECT_EQ(row(card, "Human").evidence,
            "lived expertise holds 0.500: a 0.500; learnt only 0.000; expertise not coded 0.500 "
            "(counted as not lived)");
  EXPECT_DOUBLE_EQ(row(card, "Expert").value, 0.0);
  EXPECT_EQ(row(card, "Expert").verdict, V::does_not_meet);
  EXPECT_TRUE(contains(row(card, "Expert").evidence, "expertise not coded: b"));
}

// ---- scope -------------------------------------------------------------------------------

TEST(Principles, AProjectRestrictsTheDecisionsAndTheStakeholders) {
  const cp::Network both = small(1.0, true);
  // Project q's decision changes nothing read for p: p's people are the same five.
  const auto card_p = cp::principles(both, "p");
  const auto whole = cp::principles(small());
  for (std::size_t i = 0; i < 12; ++i)
    if (!std::isnan(whole[i].value)) {
      EXPECT_DOUBLE_EQ(card_p[i].value, whole[i].value) << i;
    }
  // Project q: the carer decides alone, the funder is consulted; no convenor takes part.
  const auto card_q = cp::principles(both, "q");
  EXPECT_EQ(row(card_q, "Equitable").verdict, V::not_measurable);
  EXPECT_DOUBLE_EQ(row(card_q, "Inclusive").value, 0.0);
  // n = 2, power (1, 0): HHI 1, normalised 1: does not meet.
  EXPECT_DOUBLE_EQ(row(card_q, "Decentralise").value, 1.0);
  EXPECT_EQ(row(card_q, "Decentralise").verdict, V::does_not_meet);
  // Every decision: users (1/2 + 0 + 1/5 + 0)/4 = 0.175 and the carer (lived and learnt)
  // 1/4 hold 0.425 of the power with lived expertise.
  EXPECT_NEAR(row(cp::principles(both), "Human").value, 0.425, 1e-12);
}

TEST(Principles, ANetworkOfOneProjectReadsTheSameWithAndWithoutIt) {
  // Two partners tied to no decision (a partner organisation and its members) belong to the
  // partnership as a whole: both readings count them. Inclusive: partners staff (shared),
  // users (shared), carer (informed), funder (informed), org (none), members (none): 4 of 6.
  cp::Network net = small();
  net.add_stakeholder({.id = "org", .kind = cp::Kind::organisation});
  net.add_stakeholder({.id = "members", .kind = cp::Kind::group, .role = "service_user",
                       .under_served = true, .size = 10});
  net.add_relation(rel("org", "members", "cares_for"));
  const auto without = cp::principles(net);
  const auto with = cp::principles(net, "p");
  expect_same_rows(without, with);
  EXPECT_DOUBLE_EQ(row(with, "Inclusive").value, 4.0 / 6.0);
  EXPECT_EQ(row(with, "Inclusive").verdict, V::does_not_meet);
  // Active: two of seven under-served; their seats still 2 of 6.
  EXPECT_TRUE(contains(row(with, "Active").evidence, "2 of 7 stakeholders taking part"));
  // Protect: users (by staff), members (by org): 2 of 2.
  EXPECT_DOUBLE_EQ(row(with, "Protect").value, 1.0);
  // Decentralise over seven: HHI 0.548889, (0.548889 - 1/7) / (6/7).
  EXPECT_NEAR(row(with, "Decentralise").value,
              (0.49 + 1.0 / 225 + 49.0 / 900 - 1.0 / 7) / (6.0 / 7), 1e-12);
  // With a second project, the stakeholders tied to no decision still count in each.
  net.add_project({.id = "q"});
  net.add_decision(decision("d4", "q", cp::Stage::governance, cp::RuleKind::sole,
                            {{"carer", decides}, {"funder", consulted}}));
  // q: carer (decides), funder (consulted), org, members: 2 of 4 kept out.
  EXPECT_DOUBLE_EQ(row(cp::principles(net, "q"), "Inclusive").value, 0.5);
}

TEST(Principles, AProjectWithoutDecisionsIsReadAsSuch) {
  cp::Network net = small();
  net.add_project({.id = "empty"});
  const auto card = cp::principles(net, "empty");
  for (const char* name : {"Active", "Equitable", "Inclusive", "Expert", "Transparent", "Human",
                           "Decentralise"})
    EXPECT_EQ(row(card, name).evidence, "no decision in the decisions of project 'empty'") << name;
  // Everyone with a right holds it in p, so nobody takes part in "empty": no trust or care.
  EXPECT_EQ(row(card, "Trust").verdict, V::not_measurable);
  EXPECT_EQ(row(card, "Protect").verdict, V::not_measurable);
}

// ---- arguments and configuration ------------------------------------------------------------

template <class F>
std::string input_error_of(F f) {
  try {
    f();
  } catch (const cp::input_error& e) {
    return e.where() + ": " + e.detail();
  }
  return "no error";
}

TEST(Principles, BadArgumentsNameTheField) {
  const cp::Network net = small();
  EXPECT_EQ(input_error_of([&] { cp::principles(net, "nowhere"); }),
            "project: unknown project 'nowhere'; the projects are ['p']");
  const auto refused = [&](auto change) {
    cp::principles_config c;
    change(c);
    return input_error_of([&] { cp::principles(net, std::nullopt, c); });
  };
  EXPECT_EQ(refused([](auto& c) { c.trust_meets = 1.5; }), "trust_meets: must lie in [0, 1], got 1.5");
  EXPECT_EQ(refused([](auto& c) { c.trust_meets = 0.3, c.trust_partly = 0.4; }),
            "trust_partly: must be at most trust_meets (0.3), got 0.4");
  EXPECT_EQ(refused([](auto& c) { c.inclusive_meets = 0.5, c.inclusive_partly = 0.2; }),
            "inclusive_partly: must be at least inclusive_meets (0.5), got 0.2");
  EXPECT_EQ(refused([](auto& c) { c.equitable_meets = -1.0; }),
            "equitable_meets: must lie in [0, inf], got -1.0");
  EXPECT_EQ(refused([](auto& c) { c.active_share = std::numeric_limits<double>::quiet_NaN(); }),
            "active_share: must lie in [0, 1], got nan");
  EXPECT_EQ(refused([](auto& c) { c.index = cp::power_measure::banzhaf_absolute; }),
            "index: must be one of banzhaf, shapley_shubik, deegan_packel, holler, johnston, got "
            "'banzhaf_absolute'");
  EXPECT_EQ(refused([](auto& c) { c.informs_types = {}; }),
            "informs_types: must be a non-empty list of relation types, got ()");
  EXPECT_EQ(input_error_of([] { cp::parse_principles_index("gini"); }),
            "index: must be one of banzhaf, shapley_shubik, deegan_packel, holler, johnston, got "
            "'gini'");
  EXPECT_EQ(cp::parse_principles_index("shapley_shubik"), cp::power_measure::shapley_shubik);
}

TEST(Principles, ConfiguredRelationTypesAreNamed) {
  // Reading "collaborates" as trust: no such relation: not measurable, naming the type.
  cp::principles_config c;
  c.trust_types = {"collaborates"};
  const auto& r = row(cp::principles(small(), std::nullopt, c), "Trust");
  EXPECT_EQ(r.verdict, V::not_measurable);
  EXPECT_EQ(joined(r.needs), "collaborates relations, asked in both directions (who trusts whom)");
  EXPECT_EQ(r.indicator, "reciprocity of the collaborates relations: the share of trust ties returned");
}

// ---- text as Python writes it ------------------------------------------------------------

TEST(ScorecardText, FollowsPythonsSpellings) {
  namespace t = cp::detail::scorecard;
  EXPECT_EQ(t::float_repr(1.0), "1.0");
  EXPECT_EQ(t::float_repr(-1.0), "-1.0");
  EXPECT_EQ(t::float_repr(1.5), "1.5");
  EXPECT_EQ(t::float_repr(0.1), "0.1");
  EXPECT_EQ(t::float_repr(1e-05), "1e-05");
  EXPECT_EQ(t::float_repr(0.0001), "0.0001");
  EXPECT_EQ(t::float_repr(1e16), "1e+16");
  EXPECT_EQ(t::float_repr(123456789.25), "123456789.25");
  EXPECT_EQ(t::float_repr(-0.0), "-0.0");
  EXPECT_EQ(t::general(0.25), "0.25");
  EXPECT_EQ(t::general(1.0), "1");
  EXPECT_EQ(t::general(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(t::repr("p"), "'p'");
  EXPECT_EQ(t::repr("museum's"), "\"museum's\"");
  EXPECT_EQ(t::repr("a'b\"c"), "'a\\'b\"c'");
  EXPECT_EQ(t::list_repr({"a", "b"}), "['a', 'b']");
  EXPECT_EQ(t::tuple_repr({"a"}), "('a',)");
  EXPECT_EQ(t::names({"a", "b", "c", "d", "e"}, 4), "a, b, c, d and 1 more");
  EXPECT_EQ(t::names({}), "none");
  EXPECT_EQ(t::fixed(0.0005, 3), "0.001");
}

// One table of bands (principles_config.hpp) says which fields grade which indicator and
// which way; the check of a configuration and the readers both read it.
TEST(PrinciplesBands, EachIndicatorIsGradedByItsOwnFieldsAndDirection) {
  namespace pr = cp::detail::principles;
  cp::principles_config c;
  c.equitable_meets = 0.91, c.equitable_partly = 0.51;
  c.inclusive_meets = 0.02, c.inclusive_partly = 0.52;
  c.expert_meets = 0.93, c.expert_partly = 0.03;
  c.human_meets = 0.94, c.human_partly = 0.04;
  c.transparent_meets = 0.95, c.transparent_partly = 0.55;
  c.trust_meets = 0.96, c.trust_partly = 0.06;
  c.protect_meets = 0.97, c.protect_partly = 0.57;
  c.decentralise_power_meets = 0.08, c.decentralise_power_partly = 0.58;
  c.decentralise_centralization_meets = 0.09, c.decentralise_centralization_partly = 0.59;
  struct expected {
    pr::band_id id;
    double meets, partly;
    bool higher_is_better;
  };
  for (const expected& e : {expected{pr::band_id::equitable, 0.91, 0.51, true},
                            expected{pr::band_id::inclusive, 0.02, 0.52, false},
                            expected{pr::band_id::expert, 0.93, 0.03, true},
                            expected{pr::band_id::human, 0.94, 0.04, true},
                            expected{pr::band_id::transparent, 0.95, 0.55, true},
                            expected{pr::band_id::trust, 0.96, 0.06, true},
                            expected{pr::band_id::protect, 0.97, 0.57, true},
                            expected{pr::band_id::decentralise_power, 0.08, 0.58, false},
                            expected{pr::band_id::decentralise_centralization, 0.09, 0.59,
                                     false}}) {
    const pr::band b = pr::band_for(c, e.id);
    EXPECT_EQ(b.meets, e.meets);
    EXPECT_EQ(b.partly, e.partly);
    EXPECT_EQ(b.higher_is_better, e.higher_is_better) << e.meets;
  }
  EXPECT_NO_THROW(cp::check_principles_config(c));
  c.protect_partly = 0.98;  // stricter than meets where more is better
  try {
    cp::check_principles_config(c);
    ADD_FAILURE() << "a partly threshold above meets was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "protect_partly");
    EXPECT_EQ(e.detail(), "must be at most protect_meets (0.97), got 0.98");
  }
}

TEST(PrinciplesBands, GradesAndRulesByHand) {
  namespace pr = cp::detail::principles;
  const pr::band more{0.8, 0.5, true}, less{0.25, 0.5, false}, lenient{0.25, 1.0, false};
  EXPECT_EQ(pr::grade(0.8, more), V::meets);
  EXPECT_EQ(pr::grade(0.8 - 1e-12, more), V::meets);  // rounding forgiven
  EXPECT_EQ(pr::grade(0.6, more), V::partly);
  EXPECT_EQ(pr::grade(0.4, more), V::does_not_meet);
  EXPECT_EQ(pr::grade(0.0, pr::band{0.8, 0.0, true}), V::does_not_meet);  // partly needs > 0
  EXPECT_EQ(pr::grade(0.25, less), V::meets);
  EXPECT_EQ(pr::grade(0.4, less), V::partly);
  EXPECT_EQ(pr::grade(0.9, less), V::does_not_meet);
  EXPECT_EQ(pr::grade(0.99, lenient), V::partly);
  EXPECT_EQ(pr::grade(1.0, lenient), V::does_not_meet);  // partly needs < 1
  EXPECT_EQ(pr::rule(more, "parity"),
            "meets: parity >= 0.8; partly: >= 0.5 and above 0; else does not meet");
  EXPECT_EQ(pr::rule(pr::band{1.0, 0.0, true}, "share"),
            "meets: share >= 1; partly: above 0; else does not meet");
  EXPECT_EQ(pr::rule(less), "meets: <= 0.25; partly: <= 0.5 and below 1; else does not meet");
  EXPECT_EQ(pr::rule(lenient), "meets: <= 0.25; partly: below 1; else does not meet");
}
