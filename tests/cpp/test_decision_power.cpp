// Decision games and decision power in a network: each rule's game checked against the
// winning coalitions docs/format.md lists, swings and veto players against enumeration of
// every coalition, and the power of the example decisions against hand computations.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "coproduction/io/json.hpp"
#include "coproduction/ladder/classify.hpp"
#include "coproduction/ladder/tokenism.hpp"
#include "coproduction/power/banzhaf.hpp"
#include "coproduction/power/bloc_power.hpp"
#include "coproduction/power/decision_game.hpp"
#include "coproduction/power/decision_power.hpp"
#include "coproduction/power/shapley_shubik.hpp"

namespace cp = coproduction;

namespace {

#ifndef COPRODUCTION_EXAMPLE_DATA
#define COPRODUCTION_EXAMPLE_DATA "python/coproduction/data"
#endif

cp::Network example(const char* name) {
  const auto path = std::filesystem::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json");
  return cp::read_json_file(path);
}

cp::Decision decision(std::map<std::string, cp::Right> rights, cp::RuleKind kind,
                      std::map<std::string, long long> votes = {},
                      std::optional<double> quota = {}, std::vector<std::string> veto = {}) {
  cp::Decision d;
  d.id = "d";
  d.project = "p";
  d.rights = std::move(rights);
  d.rule.kind = kind;
  d.rule.votes = std::move(votes);
  d.rule.quota = quota;
  d.rule.veto = std::move(veto);
  return d;
}

constexpr auto shared = cp::Right::shared;
constexpr auto decides = cp::Right::decides;

// Every coalition of holders, as a bitset, that wins by the definitions of docs/format.md
// (written out here independently of the weighted game).
bool wins_by_definition(const cp::Decision& d, const std::vector<std::string>& holders,
                        std::uint64_t s) {
  long long votes = 0, total = 0;
  for (std::size_t i = 0; i < holders.size(); ++i) {
    total += d.votes_of(holders[i]);
    if (s >> i & 1U) votes += d.votes_of(holders[i]);
  }
  for (const std::string& v : d.rule.veto) {
    const auto i = static_cast<std::size_t>(std::find(holders.begin(), holders.end(), v) - holders.begin());
    if (!(s >> i & 1U)) return false;
  }
  switch (d.rule.kind) {
    case cp::RuleKind::sole:
      for (std::size_t i = 0; i < holders.size(); ++i)
        if (d.right_of(holders[i]) == cp::Right::decides) return (s >> i & 1U) != 0;
      return false;
    case cp::RuleKind::unanimity: return s == (std::uint64_t{1} << holders.size()) - 1;
    case cp::RuleKind::majority: return 2 * votes > total;
    case cp::RuleKind::quota: return static_cast<double>(votes) >= *d.rule.quota;
  }
  return false;
}

void expect_same_game(const cp::Decision& d) {
  const cp::decision_game g(d);
  const auto& h = g.holders();
  for (std::uint64_t s = 0; s < (std::uint64_t{1} << h.size()); ++s)
    EXPECT_EQ(g.game().wins(s), wins_by_definition(d, h, s)) << "coalition " << s;
}

// Swing counts by enumerating every coalition of a weighted game with vetoes.
std::vector<long long> swing_counts(const cp::weighted_game& g) {
  const std::size_t n = g.players();
  std::vector<long long> out(n, 0);
  for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s)
    for (std::size_t i = 0; i < n; ++i)
      if (!(s >> i & 1U) && g.wins(s | std::uint64_t{1} << i) && !g.wins(s)) ++out[i];
  return out;
}

}  // namespace

// ---- the rule as a game ------------------------------------------------------------------

TEST(DecisionGame, EveryRuleWinsExactlyTheCoalitionsTheFormatNames) {
  expect_same_game(decision({{"a", decides}, {"b", shared}, {"c", cp::Right::involved}},
                            cp::RuleKind::sole));
  expect_same_game(decision({{"a", decides}, {"b", shared}}, cp::RuleKind::sole, {}, {}, {"b"}));
  expect_same_game(decision({{"a", shared}, {"b", shared}, {"c", shared}}, cp::RuleKind::unanimity));
  expect_same_game(decision({{"a", shared}, {"b", shared}, {"c", shared}, {"d", shared}},
                            cp::RuleKind::majority));
  expect_same_game(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                            cp::RuleKind::majority, {{"a", 2}, {"b", 1}, {"c", 2}}));
  expect_same_game(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                            cp::RuleKind::quota, {{"a", 2}, {"b", 1}, {"c", 2}}, 2.5, {"c"}));
}

TEST(DecisionGame, WeightsAndQuotaOfEachRule) {
  // Holders are in id order; consulted and involved stakeholders are not players.
  const cp::decision_game sole(decision({{"b", decides}, {"a", shared}, {"c", cp::Right::consulted}},
                                        cp::RuleKind::sole));
  EXPECT_EQ(sole.holders(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sole.game().weights(), (std::vector<std::int64_t>{0, 1}));
  EXPECT_EQ(sole.game().quota(), 1);
  // Majority of 2+1+1 = 4 votes: more than 2, so 3.
  const cp::decision_game even(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                                        cp::RuleKind::majority, {{"a", 2}}));
  EXPECT_EQ(even.game().quota(), 3);
  // Majority of 5 votes: more than 2.5, so 3.
  const cp::decision_game odd(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                                       cp::RuleKind::majority, {{"a", 3}}));
  EXPECT_EQ(odd.game().quota(), 3);
  // A quota of 2.5 votes needs 3 (docs/format.md).
  const cp::decision_game q(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                                     cp::RuleKind::quota, {}, 2.5));
  EXPECT_EQ(q.game().quota(), 3);
  const cp::decision_game all(decision({{"a", shared}, {"b", shared}}, cp::RuleKind::unanimity));
  EXPECT_EQ(all.game().quota(), 2);
  EXPECT_EQ(all.position("b"), 1u);
  EXPECT_EQ(all.position("z"), cp::decision_game::npos);
}

TEST(DecisionGame, RefusesAMalformedDecisionAsTheNetworkDoes) {
  // One check of a rule (Network::check_rule): a decision built by hand is refused by
  // decision_game with the very error a network gives when the decision is added to it.
  struct refused {
    std::string field, what;
  };
  auto by_game = [](const cp::Decision& d) {
    try {
      cp::decision_game g(d);
    } catch (const cp::invalid_value& e) {
      return refused{e.field(), e.what()};
    }
    return refused{"nothing thrown", ""};
  };
  auto by_network = [](const cp::Decision& d) {
    cp::Network net;
    for (const char* id : {"a", "b"}) {
      cp::Stakeholder s;
      s.id = id;
      s.kind = cp::Kind::group;
      net.add_stakeholder(s);
    }
    cp::Project p;
    p.id = "p";
    net.add_project(p);
    try {
      net.add_decision(d);
    } catch (const cp::invalid_value& e) {
      return refused{e.field(), e.what()};
    }
    return refused{"nothing thrown", ""};
  };
  const std::vector<std::pair<cp::Decision, std::string>> cases{
      {decision({{"a", cp::Right::involved}}, cp::RuleKind::sole), "rights"},
      {decision({{"a", decides}, {"b", decides}}, cp::RuleKind::sole), "rule/kind"},
      {decision({{"a", shared}}, cp::RuleKind::unanimity, {{"a", 2}}), "rule/votes"},
      {decision({{"a", shared}, {"b", cp::Right::consulted}}, cp::RuleKind::majority, {{"b", 2}}),
       "rule/votes/b"},
      {decision({{"a", shared}}, cp::RuleKind::majority, {{"a", 0}}), "rule/votes/a"},
      {decision({{"a", shared}}, cp::RuleKind::quota), "rule/quota"},
      {decision({{"a", shared}}, cp::RuleKind::quota, {}, 2.0), "rule/quota"},
      {decision({{"a", shared}}, cp::RuleKind::quota, {}, -1.0), "rule/quota"},
      {decision({{"a", shared}}, cp::RuleKind::majority, {}, 1.0), "rule/quota"},
      {decision({{"a", shared}, {"b", cp::Right::involved}}, cp::RuleKind::unanimity, {}, {}, {"b"}),
       "rule/veto/0"},
      {decision({{"a", shared}, {"b", shared}}, cp::RuleKind::unanimity, {}, {}, {"a", "a"}),
       "rule/veto/1"},
  };
  for (const auto& [d, field] : cases) {
    const refused game = by_game(d), network = by_network(d);
    EXPECT_EQ(game.field, field);
    EXPECT_EQ(game.what, network.what);
    EXPECT_NE(game.what.find("[coproduction.model.invalid_value] d: " + field + ": "),
              std::string::npos)
        << game.what;
  }
  // The message names what is wrong, as the network words it.
  EXPECT_EQ(by_game(cases[1].first).what,
            "[coproduction.model.invalid_value] d: rule/kind: a sole rule needs exactly one "
            "\"decides\" holder, not 2");
  EXPECT_EQ(by_game(cases[6].first).what,
            "[coproduction.model.invalid_value] d: rule/quota: the quota 2 is larger than the 1 "
            "votes of the holders");
}

// ---- swings and veto players against enumeration -------------------------------------------

class RandomDecisionGame : public ::testing::TestWithParam<unsigned> {};

TEST_P(RandomDecisionGame, SwingsAndVetoPlayersMatchEnumeration) {
  std::mt19937 rng(GetParam());
  const std::size_t n = 1 + rng() % 9;
  std::map<std::string, cp::Right> rights;
  std::map<std::string, long long> votes;
  long long total = 0;
  // Votes with a common factor now and then, to exercise the division by the gcd.
  const long long factor = 1 + static_cast<long long>(rng() % 3);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string id = "h" + std::to_string(i);
    rights[id] = shared;
    votes[id] = factor * (1 + static_cast<long long>(rng() % 6));
    total += votes[id];
  }
  std::vector<std::string> veto;
  for (const auto& [id, r] : rights)
    if (rng() % 5 == 0) veto.push_back(id);
  const double quota = 1 + static_cast<double>(rng() % static_cast<unsigned>(total));
  const cp::decision_game g(decision(rights, cp::RuleKind::quota, votes, quota, veto));
  const std::vector<long long> eta = swing_counts(g.game());
  const std::vector<bool> swings = g.can_swing();
  const std::vector<bool> always = g.in_every_winning_coalition();
  const std::uint64_t grand = (std::uint64_t{1} << n) - 1;
  for (std::size_t i = 0; i < n; ++i) {
    EXPECT_EQ(swings[i], eta[i] > 0) << "holder " << i << " quota " << quota;
    bool in_all = true;
    for (std::uint64_t s = 0; s <= grand; ++s)
      if (g.game().wins(s) && !(s >> i & 1U)) in_all = false;
    EXPECT_EQ(always[i], in_all) << "holder " << i;
  }
  // Banzhaf is zero exactly for the holders that never swing.
  const std::vector<double> beta = cp::banzhaf(g.game(), cp::banzhaf_scale::absolute);
  for (std::size_t i = 0; i < n; ++i)
    EXPECT_NEAR(beta[i], std::ldexp(static_cast<double>(eta[i]), -static_cast<int>(n - 1)), 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Seeds, RandomDecisionGame, ::testing::Range(0u, 200u));

TEST(DecisionGame, SharedUnderASoleRuleIsANullPlayer) {
  // a decides alone; b's "shared" right has weight 0 and never swings, unless b holds a veto.
  const cp::decision_game g(decision({{"a", decides}, {"b", shared}}, cp::RuleKind::sole));
  EXPECT_EQ(g.can_swing(), (std::vector<bool>{true, false}));
  EXPECT_EQ(g.in_every_winning_coalition(), (std::vector<bool>{true, false}));
  const cp::decision_game v(decision({{"a", decides}, {"b", shared}}, cp::RuleKind::sole, {}, {}, {"b"}));
  EXPECT_EQ(v.can_swing(), (std::vector<bool>{true, true}));
}

TEST(DecisionGame, VotesThatOutweighTheRestLeaveTheOthersNull) {
  // Votes 3, 1, 1 with quota 3: the first carries alone; each other holder would need the
  // others to total exactly 2 without the first, but they have 1 (hand count).
  const cp::decision_game g(decision({{"a", shared}, {"b", shared}, {"c", shared}},
                                     cp::RuleKind::quota, {{"a", 3}}, 3.0));
  EXPECT_EQ(g.can_swing(), (std::vector<bool>{true, false, false}));
  EXPECT_TRUE(g.carried_by({true, false, false}));
  EXPECT_FALSE(g.carried_by({false, true, true}));
  EXPECT_THROW((void)g.carried_by({true}), cp::input_error);
}

TEST(DecisionGame, HugeVoteTotalsAreRefusedByTheExactSwingTest) {
  // Votes 2^30 and 1 with quota 2^30 + 1: need is 2^30 + 1, above max_swing_test_votes
  // (the common divisor is 1).
  const long long big = 1LL << 30;
  const cp::decision_game g(decision({{"a", shared}, {"b", shared}}, cp::RuleKind::quota,
                                     {{"a", big}, {"b", 1}}, static_cast<double>(big + 1)));
  EXPECT_THROW((void)g.can_swing(), cp::input_error);
  // With a common divisor the same proportions are cheap: votes 2^30, 2^30, quota 2^31.
  const cp::decision_game h(decision({{"a", shared}, {"b", shared}}, cp::RuleKind::quota,
                                     {{"a", big}, {"b", big}}, static_cast<double>(2 * big)));
  EXPECT_EQ(h.can_swing(), (std::vector<bool>{true, true}));
}

// ---- power in a network ----------------------------------------------------------------------

TEST(DecisionPower, FormatExampleByHand) {
  // docs/format.md's film_theme: votes outreach 2, probation staff 1, women's group 2, quota
  // 3, veto women's group. Winning: {o,w}, {p,w}, {o,p,w}. Swings: o 1 ({w}), p 1 ({w}),
  // w 3 ({o}, {p}, {o,p}); normalised Banzhaf 1/5, 1/5, 3/5. Voting orders (6): w is
  // pivotal in the four where it is not first, o and p in one each: Shapley-Shubik 1/6,
  // 1/6, 4/6.
  const cp::Network net = cp::read_json(R"({"format": "coproduction", "version": 1,
    "stakeholders": [
      {"id": "outreach", "kind": "group", "convenor": true},
      {"id": "probation_staff", "kind": "group"},
      {"id": "womens_group", "kind": "group"},
      {"id": "objects", "kind": "object"}],
    "relations": [], "projects": [{"id": "film"}],
    "decisions": [
      {"id": "film_theme", "project": "film", "stage": "design",
       "rights": {"outreach": "shared", "probation_staff": "shared", "womens_group": "shared",
                  "objects": "none"},
       "rule": {"kind": "quota", "votes": {"outreach": 2, "probation_staff": 1, "womens_group": 2},
                "quota": 3, "veto": ["womens_group"]}},
      {"id": "film_editing", "project": "film", "stage": "delivery",
       "rights": {"outreach": "decides", "womens_group": "involved", "probation_staff": "informed"},
       "rule": {"kind": "sole"}, "weight": 0.5}]})");
  const cp::power_table b = cp::decision_power(net);
  ASSERT_EQ(b.stakeholders, (std::vector<std::string>{"outreach", "probation_staff", "womens_group", "objects"}));
  ASSERT_EQ(b.columns, (std::vector<std::string>{"film_theme", "film_editing"}));
  EXPECT_NEAR(b.at(0, 0), 0.2, 1e-12);
  EXPECT_NEAR(b.at(1, 0), 0.2, 1e-12);
  EXPECT_NEAR(b.at(2, 0), 0.6, 1e-12);
  EXPECT_EQ(b.at(3, 0), 0.0);
  // A sole decider holds it all; involved and informed hold nothing.
  EXPECT_EQ(b.at(0, 1), 1.0);
  EXPECT_EQ(b.at(1, 1), 0.0);
  EXPECT_EQ(b.at(2, 1), 0.0);
  const cp::power_table ss = cp::decision_power(net, cp::power_measure::shapley_shubik);
  EXPECT_NEAR(ss.at(0, 0), 1.0 / 6, 1e-12);
  EXPECT_NEAR(ss.at(2, 0), 4.0 / 6, 1e-12);

  // Weighted by decision weight (1 and 0.5): outreach (1 * 0.2 + 0.5 * 1) / 1.5 = 7/15.
  const std::vector<double> all = cp::overall_power(net, b, cp::decision_weighting::by_weight);
  EXPECT_NEAR(all[0], 7.0 / 15, 1e-12);
  EXPECT_NEAR(all[2], 0.4, 1e-12);  // (1 * 0.6 + 0.5 * 0) / 1.5
  EXPECT_NEAR(std::accumulate(all.begin(), all.end(), 0.0), 1.0, 1e-12);
  // Every decision once: outreach (0.2 + 1) / 2.
  EXPECT_NEAR(cp::overall_power(net, b, cp::decision_weighting::equal)[0], 0.6, 1e-12);
  // By weight is the default.
  EXPECT_EQ(cp::overall_power(net, b), all);

  // Convenors (outreach) cannot carry the theme (the women's group holds a veto) but carry
  // the editing: 1 of 2 decisions, or 0.5 of 1.5 by weight.
  EXPECT_EQ(cp::convenor_carried(net), (std::vector<bool>{false, true}));
  EXPECT_NEAR(cp::convenor_carried_share(net, cp::decision_weighting::equal), 0.5, 1e-15);
  EXPECT_NEAR(cp::convenor_carried_share(net, cp::decision_weighting::by_weight), 1.0 / 3, 1e-15);
  EXPECT_EQ(cp::convenor_carried_share(net), 1.0 / 3);

  // Veto players: the women's group (named) in the theme, the sole decider of the editing.
  const auto veto = cp::veto_players(net);
  ASSERT_EQ(veto.size(), 2u);
  EXPECT_EQ(veto[0], (cp::veto_holding{"film_theme", "womens_group", true}));
  EXPECT_EQ(veto[1], (cp::veto_holding{"film_editing", "outreach", false}));
}

TEST(DecisionPower, MatchesTheIndicesOfEachGameComputedDirectly) {
  const cp::Network net = example("twam_partners_2013");
  for (cp::power_measure m : {cp::power_measure::banzhaf, cp::power_measure::banzhaf_absolute,
                              cp::power_measure::shapley_shubik, cp::power_measure::deegan_packel,
                              cp::power_measure::holler, cp::power_measure::johnston}) {
    SCOPED_TRACE(std::string(cp::measure_name(m)));
    const cp::power_table t = cp::decision_power(net, m);
    for (std::size_t c = 0; c < net.num_decisions(); ++c) {
      const cp::decision_game g(net.decisions()[c]);
      const std::vector<double> direct = cp::holder_power(g, m);
      double column = 0;
      for (std::size_t s = 0; s < t.stakeholders.size(); ++s) column += t.at(s, c);
      for (std::size_t i = 0; i < g.size(); ++i)
        EXPECT_EQ(t.at(net.vertex(g.holders()[i]), c), direct[i]);
      if (m != cp::power_measure::banzhaf_absolute) {
        EXPECT_NEAR(column, 1.0, 1e-12);
      }
    }
  }
}

TEST(DecisionPower, TwamDecisionsByHand) {
  const cp::Network net = example("twam_partners_2013");
  const cp::power_table b = cp::decision_power(net);
  auto at = [&](const char* who, const char* what) {
    const auto c = static_cast<std::size_t>(
        std::find(b.columns.begin(), b.columns.end(), what) - b.columns.begin());
    return b.at(net.vertex(who), c);
  };
  // reminiscence_themes: majority of outreach 2, OT staff 1, participants 1 (4 votes, 3
  // needed). Outreach swings with {OT}, {group}, {OT, group}: 3; OT and the group swing only
  // with {outreach}: 1 each. Normalised 3/5, 1/5, 1/5.
  EXPECT_NEAR(at("twam_outreach", "reminiscence_themes"), 0.6, 1e-12);
  EXPECT_NEAR(at("housing21_ot", "reminiscence_themes"), 0.2, 1e-12);
  EXPECT_NEAR(at("housing21_reminiscence_group", "reminiscence_themes"), 0.2, 1e-12);
  // reminiscence_format: quota 3 of outreach 2, OT 2, group 1, OT a veto holder. Winning
  // {OT, outreach}, {OT, group}, {all}. OT swings with {outreach}, {group}, {outreach,
  // group}: 3; outreach and group with {OT}: 1 each. 1/5, 3/5, 1/5.
  EXPECT_NEAR(at("twam_outreach", "reminiscence_format"), 0.2, 1e-12);
  EXPECT_NEAR(at("housing21_ot", "reminiscence_format"), 0.6, 1e-12);
  // reminiscence_outcomes: quota 3, commissioners 2 votes and a veto, outreach, OT and the
  // regional manager 1 each. With the commissioners present one more vote wins: each other
  // holder swings only for {commissioners} (1), the commissioners for the 7 non-empty
  // subsets of the others. 7/10 and 1/10 each.
  EXPECT_NEAR(at("commissioners", "reminiscence_outcomes"), 0.7, 1e-12);
  EXPECT_NEAR(at("housing21_regional_manager", "reminiscence_outcomes"), 0.1, 1e-12);
  // Consulted or informed stakeholders hold nothing.
  EXPECT_EQ(at("public_health_specialist", "reminiscence_outcomes"), 0.0);
  EXPECT_EQ(at("housing21_reminiscence_group", "reminiscence_conception"), 0.0);

  // By stage, design is the mean of themes and format: outreach (0.6 + 0.2) / 2 = 0.4.
  const cp::power_table by_stage = cp::power_by_stage(net, b);
  EXPECT_EQ(by_stage.columns, (std::vector<std::string>{"conception", "design", "delivery",
                                                        "evaluation", "governance"}));
  EXPECT_NEAR(by_stage.at(net.vertex("twam_outreach"), 1), 0.4, 1e-12);
  EXPECT_NEAR(by_stage.at(net.vertex("housing21_reminiscence_group"), 1), 0.2, 1e-12);
  // Delivery: two sole decisions, outreach and the volunteer programmes staff, 1/2 each.
  EXPECT_NEAR(by_stage.at(net.vertex("twam_volunteer_programmes"), 2), 0.5, 1e-12);
  for (std::size_t c = 0; c < by_stage.columns.size(); ++c) {
    double column = 0;
    for (std::size_t s = 0; s < by_stage.stakeholders.size(); ++s) column += by_stage.at(s, c);
    EXPECT_NEAR(column, 1.0, 1e-12);
  }

  // Convenors carry only the two sole delivery decisions: 2 of 7; by weight (conception 2)
  // 2 of 8.
  EXPECT_NEAR(cp::convenor_carried_share(net, cp::decision_weighting::equal), 2.0 / 7, 1e-15);
  EXPECT_NEAR(cp::convenor_carried_share(net, cp::decision_weighting::by_weight), 0.25, 1e-15);
  EXPECT_EQ(cp::convenor_carried_share(net), 0.25);  // by weight, the default

  // Veto players of the themes: outreach's 2 votes are needed (the others have 2 < 3),
  // though the rule names no veto.
  std::vector<std::string> themes;
  for (const auto& v : cp::veto_players(net))
    if (v.decision == "reminiscence_themes") {
      themes.push_back(v.stakeholder);
      EXPECT_FALSE(v.named_in_rule);
    }
  EXPECT_EQ(themes, (std::vector<std::string>{"twam_outreach"}));
}

TEST(DecisionPower, ByProjectAndShares) {
  const cp::Network net = example("nml_collaboration_types");
  const cp::power_table b = cp::decision_power(net);
  const cp::power_table by_project = cp::power_by_project(net, b);
  EXPECT_EQ(by_project.columns,
            (std::vector<std::string>{"consultation", "engagement", "co_design", "co_production"}));
  // Every co-production decision treats its five holders alike: 1/5 each.
  EXPECT_NEAR(by_project.at(net.vertex("co_production_advisory_panel"), 3), 0.2, 1e-12);
  // Consultation: curators decide 4 of 5 decisions alone, learning staff 1.
  EXPECT_NEAR(by_project.at(net.vertex("consultation_curators"), 0), 0.8, 1e-12);

  // Shares by side within co_design: convenors hold goal, delivery, evaluation and
  // governance whole, 1/3 of the route and 3/5 of the objects: (4 + 1/3 + 3/5) / 6.
  const std::vector<double> power = cp::overall_power(net, b, cp::decision_weighting::equal, "co_design");
  std::vector<std::size_t> side(power.size());
  for (std::size_t v = 0; v < power.size(); ++v) side[v] = net.stakeholder_at(v).is_convenor() ? 0 : 1;
  const std::vector<double> shares = cp::power_shares(power, side, 2);
  EXPECT_NEAR(shares[0], (4 + 1.0 / 3 + 0.6) / 6, 1e-12);
  EXPECT_NEAR(shares[0] + shares[1], 1.0, 1e-12);
  EXPECT_THROW(cp::power_shares({0.0, 0.0}, {0, 1}, 2), cp::input_error);
  EXPECT_THROW(cp::power_shares({1.0}, {2}, 2), cp::input_error);

  // Convenors carry goal, delivery, evaluation, governance of co_design, no co-production
  // decision, and every consultation decision.
  EXPECT_NEAR(cp::convenor_carried_share(net, cp::decision_weighting::equal, "co_design"), 4.0 / 6, 1e-15);
  EXPECT_EQ(cp::convenor_carried_share(net, cp::decision_weighting::equal, "co_production"), 0.0);
  EXPECT_EQ(cp::convenor_carried_share(net, cp::decision_weighting::equal, "consultation"), 1.0);
  EXPECT_THROW((void)cp::convenor_carried_share(net, cp::decision_weighting::equal, "absent"), cp::unknown_id);
}

TEST(DecisionPower, MeasureNamesAndTableChecks) {
  for (auto m : {cp::power_measure::banzhaf, cp::power_measure::johnston})
    EXPECT_EQ(cp::parse_power_measure(cp::measure_name(m)), m);
  EXPECT_THROW((void)cp::parse_power_measure("penrose"), cp::input_error);
  const cp::Network net = example("nml_collaboration_types");
  cp::power_table wrong = cp::decision_power(net);
  wrong.columns.pop_back();
  EXPECT_THROW((void)cp::power_by_stage(net, wrong), cp::input_error);
  cp::Network empty;
  EXPECT_THROW((void)cp::power_by_project(empty, cp::decision_power(empty)), cp::input_error);
}

TEST(DecisionPower, EveryAggregateCountsDecisionsByWeightByDefault) {
  // One default (docs/power.md, "Decision weighting"): the conception of the TWAM programme
  // weighs 2, the other six decisions 1.
  EXPECT_EQ(cp::default_decision_weighting, cp::decision_weighting::by_weight);
  EXPECT_EQ(cp::ladder_config{}.weighting, cp::decision_weighting::by_weight);
  EXPECT_EQ(cp::tokenism_config{}.weighting, cp::decision_weighting::by_weight);
  const cp::Network net = example("twam_partners_2013");
  const cp::power_table b = cp::decision_power(net);
  constexpr auto w = cp::decision_weighting::by_weight;
  EXPECT_EQ(cp::power_by_stage(net, b), cp::power_by_stage(net, b, w));
  EXPECT_EQ(cp::power_by_project(net, b), cp::power_by_project(net, b, w));
  EXPECT_EQ(cp::overall_power(net, b), cp::overall_power(net, b, w));
  EXPECT_EQ(cp::convenor_carried_share(net), cp::convenor_carried_share(net, w));
  // And by weight differs from once each here: outreach holds 1/3 of the conception
  // (unanimity of three), 3/5 + 1/5 of design, 1 of the sessions (it decides alone), 1/10 of
  // the outcomes and nothing of the volunteer roles or the agreement (only involved there):
  // (2 · 1/3 + 0.8 + 1 + 0.1) / 8 by weight against (1/3 + 0.8 + 1 + 0.1) / 7 once each.
  const auto outreach = net.vertex("twam_outreach");
  EXPECT_NEAR(cp::overall_power(net, b)[outreach], (2.0 / 3 + 0.8 + 1 + 0.1) / 8, 1e-12);
  EXPECT_NEAR(cp::overall_power(net, b, cp::decision_weighting::equal)[outreach],
              (1.0 / 3 + 0.8 + 1 + 0.1) / 7, 1e-12);
}

// ---- blocs: the Owen value of each decision -------------------------------------------------

namespace {

// A convenor with 2 votes and three partners with 1 each, under a majority (3 of 5 votes).
cp::Network four_holders() {
  return cp::read_json(R"({"format": "coproduction", "version": 1,
    "stakeholders": [
      {"id": "museum", "kind": "group", "convenor": true},
      {"id": "users", "kind": "group"}, {"id": "carers", "kind": "group"},
      {"id": "funder", "kind": "organisation"}, {"id": "archive", "kind": "object"}],
    "relations": [], "projects": [{"id": "p"}, {"id": "q"}],
    "decisions": [
      {"id": "route", "project": "p", "stage": "design",
       "rights": {"museum": "shared", "users": "shared", "carers": "shared", "funder": "shared"},
       "rule": {"kind": "majority", "votes": {"museum": 2}}},
      {"id": "venue", "project": "q", "stage": "delivery",
       "rights": {"museum": "decides", "users": "consulted"}, "rule": {"kind": "sole"}}]})");
}

}  // namespace

TEST(BlocPower, OwenValueByHand) {
  // Blocs: the museum, {users, carers} (one organisation), the funder. Between the three
  // blocs (2, 2 and 1 votes, 3 needed) any two win and none alone: each bloc is pivotal in
  // a third of the orders of blocs, so the museum and the funder get 1/3 each. Users and
  // carers enter consecutively, in random order: their bloc first, none of them is pivotal
  // (1 + 1 < 3); after the museum (2 votes), the first of them is (1/2 each); after the
  // funder (1 vote), the second is (1/2 each); last, the others already won. So each gets
  // 1/3 · 1/2 · 1/2 + 1/3 · 1/2 · 1/2 = 1/6 (Owen 1977). Without blocs Shapley-Shubik gives
  // the museum 1/2 (pivotal in second or third place) and 1/6 to each partner: standing
  // alone pays the funder.
  const cp::Network net = four_holders();
  const std::vector<std::size_t> blocs{0, 1, 1, 2, 3};  // vertex order; the archive alone
  const cp::power_table t = cp::bloc_power(net, blocs);
  ASSERT_EQ(t.columns, (std::vector<std::string>{"route", "venue"}));
  ASSERT_EQ(t.stakeholders, (std::vector<std::string>{"museum", "users", "carers", "funder", "archive"}));
  EXPECT_NEAR(t.at(0, 0), 1.0 / 3, 1e-12);
  EXPECT_NEAR(t.at(1, 0), 1.0 / 6, 1e-12);
  EXPECT_NEAR(t.at(2, 0), 1.0 / 6, 1e-12);
  EXPECT_NEAR(t.at(3, 0), 1.0 / 3, 1e-12);
  EXPECT_EQ(t.at(4, 0), 0.0);
  // A sole decider holds its decision whole; the consulted users hold nothing.
  EXPECT_EQ(t.at(0, 1), 1.0);
  EXPECT_EQ(t.at(1, 1), 0.0);
  const cp::power_table ss = cp::decision_power(net, cp::power_measure::shapley_shubik);
  EXPECT_NEAR(ss.at(0, 0), 0.5, 1e-12);
  EXPECT_NEAR(ss.at(3, 0), 1.0 / 6, 1e-12);

  // Banzhaf-Owen counts pairs (T, S) of other blocs and fellow members instead of orders.
  // The museum (2 votes) swings for T = {users and carers} and T = {funder}: 2 of the 4 T;
  // the funder (1) for T = {museum} and T = {users and carers}: 2 of 4. Users swing for
  // (T = {museum}, S = {}) (2 + 1) and (T = {funder}, S = {carers}) (1 + 1 + 1): 2 of the 8
  // pairs; carers alike. Absolute 1/2, 1/2, 1/4, 1/4 (Owen 1981: 2^-(m-1) 2^-(b_k-1) times
  // the swings); normalised 1/3, 1/3, 1/6, 1/6, here the Owen value again.
  const cp::power_table bo = cp::bloc_power(net, blocs, cp::bloc_measure::banzhaf_owen);
  EXPECT_NEAR(bo.at(0, 0), 1.0 / 3, 1e-12);
  EXPECT_NEAR(bo.at(1, 0), 1.0 / 6, 1e-12);
  EXPECT_NEAR(bo.at(2, 0), 1.0 / 6, 1e-12);
  EXPECT_NEAR(bo.at(3, 0), 1.0 / 3, 1e-12);

  // Only one project's decisions; one bloc per stakeholder, checked.
  const cp::power_table q = cp::bloc_power(net, blocs, cp::bloc_measure::owen, "q");
  EXPECT_EQ(q.columns, (std::vector<std::string>{"venue"}));
  EXPECT_THROW((void)cp::bloc_power(net, {0, 1}), cp::input_error);
  EXPECT_THROW((void)cp::bloc_power(net, blocs, cp::bloc_measure::owen, "absent"), cp::unknown_id);
}

TEST(BlocPower, SingletonOrSingleBlocsGiveShapleyShubik) {
  // Owen (1977): with every holder alone, or all in one bloc, the Owen value is the
  // Shapley-Shubik index, computed here by another route (decision_power).
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    const cp::Network net = example(name);
    const cp::power_table ss = cp::decision_power(net, cp::power_measure::shapley_shubik);
    std::vector<std::size_t> alone(net.num_stakeholders()), together(net.num_stakeholders(), 7);
    std::iota(alone.begin(), alone.end(), std::size_t{0});
    for (const auto& blocs : {alone, together}) {
      const cp::power_table t = cp::bloc_power(net, blocs);
      ASSERT_EQ(t.columns, ss.columns);
      for (std::size_t i = 0; i < t.values.size(); ++i) EXPECT_NEAR(t.values[i], ss.values[i], 1e-12);
    }
  }
}

TEST(BlocPower, LimitsNameTheDecisionAndAStopIsHonoured) {
  // Two holders with 10^12 votes between them: Owen tables of 5·10^11 totals.
  cp::Network net;
  for (const char* id : {"a", "b"}) {
    cp::Stakeholder s;
    s.id = id;
    s.kind = cp::Kind::group;
    net.add_stakeholder(s);
  }
  cp::Project p;
  p.id = "p";
  net.add_project(p);
  cp::Decision d = decision({{"a", shared}, {"b", shared}}, cp::RuleKind::quota,
                            {{"a", 600'000'000'001}, {"b", 399'999'999'999}}, 500'000'000'001.0);
  d.id = "big";
  net.add_decision(d);
  try {
    (void)cp::bloc_power(net, {0, 1});
    ADD_FAILURE() << "no limit_exceeded";
  } catch (const cp::limit_exceeded& e) {
    EXPECT_EQ(e.where(), "weights");
    EXPECT_NE(std::string(e.what()).find("decision \"big\": "), std::string::npos) << e.what();
  }
  const cp::Network twam = example("twam_partners_2013");
  EXPECT_THROW((void)cp::bloc_power(twam, std::vector<std::size_t>(twam.num_stakeholders(), 0),
                                    cp::bloc_measure::owen, {}, [] { return true; }),
               cp::interrupted);
}

// ---- limits of work and memory ---------------------------------------------------------------

namespace {

// A network with one project and one decision "big" held (shared) by `holders`
// stakeholders under `rule` (a JSON object).
cp::Network one_decision(std::size_t holders, const std::string& rule) {
  std::string stakeholders, rights;
  for (std::size_t i = 0; i < holders; ++i) {
    const std::string id = "\"member_" + std::to_string(i) + "\"";
    stakeholders += (i ? ", " : "") + std::string("{\"id\": ") + id + ", \"kind\": \"group\"}";
    rights += (i ? ", " : "") + id + ": \"shared\"";
  }
  return cp::read_json(R"({"format": "coproduction", "version": 1, "stakeholders": [)" +
                       stakeholders + R"(], "relations": [], "projects": [{"id": "p"}],
    "decisions": [{"id": "big", "project": "p", "stage": "governance", "rights": {)" +
                       rights + "}, \"rule\": " + rule + "}]}");
}

}  // namespace

TEST(DecisionPower, LimitsAreRefusedNamingTheDecision) {
  // 64 holders of one vote under a majority (33 of 64): C(64, 33) minimal winning coalitions.
  const cp::Network crowd = one_decision(64, R"({"kind": "majority"})");
  for (cp::power_measure m : {cp::power_measure::deegan_packel, cp::power_measure::holler}) {
    try {
      (void)cp::decision_power(crowd, m);
      ADD_FAILURE() << "no limit_exceeded";
    } catch (const cp::limit_exceeded& e) {
      EXPECT_EQ(e.where(), "max_coalitions");
      EXPECT_EQ(e.estimate(), 1777090076065542336ULL);  // C(64, 33)
      EXPECT_NE(std::string(e.what()).find("decision \"big\": the game has "
                                           "1,777,090,076,065,542,336 minimal winning"),
                std::string::npos)
          << e.what();
    }
  }
  // Two holders with 10^12 votes between them: Banzhaf tables of 5·10^11 totals.
  const cp::Network heavy = one_decision(
      2, R"({"kind": "quota", "votes": {"member_0": 600000000001, "member_1": 399999999999},
             "quota": 500000000001})");
  try {
    (void)cp::decision_power(heavy);
    ADD_FAILURE() << "no limit_exceeded";
  } catch (const cp::limit_exceeded& e) {
    EXPECT_EQ(e.where(), "weights");
    EXPECT_EQ(e.estimate(), 500'000'000'001ULL * 32 + 3 * 8);
    EXPECT_NE(std::string(e.what()).find("decision \"big\": the exact Banzhaf index"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW((void)cp::decision_power(heavy, cp::power_measure::shapley_shubik),
               cp::limit_exceeded);
}

TEST(DecisionGame, TheExactSwingTestLimitsItsWorkAndStops) {
  // 500 holders with distinct votes near 10^6 and a quota of 2^28: within
  // max_swing_test_votes, but 500 distinct votes x 500 holders x 2^22 words is 1.05·10^12
  // word operations.
  std::map<std::string, cp::Right> rights;
  std::map<std::string, long long> votes;
  for (int i = 0; i < 500; ++i) {
    const std::string id = "member_" + std::to_string(1000 + i);
    rights[id] = shared;
    votes[id] = 1'000'000 + i;
  }
  const cp::decision_game g(decision(rights, cp::RuleKind::quota, votes, double(1 << 28)));
  try {
    (void)g.can_swing();
    ADD_FAILURE() << "no limit_exceeded";
  } catch (const cp::limit_exceeded& e) {
    EXPECT_EQ(e.where(), "votes");
    EXPECT_EQ(e.estimate(), 500ULL * 500 * ((1ULL << 28) / 64 + 1));
  }
  // 20 of them: 1.7·10^9 word operations, allowed; a request to stop is asked every 2^25.
  std::map<std::string, cp::Right> few_rights;
  std::map<std::string, long long> few_votes;
  for (int i = 0; i < 20; ++i) {
    const std::string id = "member_" + std::to_string(1000 + i);
    few_rights[id] = shared;
    few_votes[id] = 20'000'000 + i;
  }
  const cp::decision_game h(decision(few_rights, cp::RuleKind::quota, few_votes, double(1 << 28)));
  int calls = 0;
  EXPECT_THROW((void)h.can_swing([&] { return ++calls >= 2; }), cp::interrupted);
  EXPECT_EQ(calls, 2);
}
