// The model: every insert is validated, a refused insert names the offending id and field
// and changes nothing, lookups by id work, and the Boost.Graph view carries the bundles.

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;

namespace {

cp::Network small_network() {
  cp::Network net;
  net.add_stakeholder({.id = "outreach", .kind = cp::Kind::group, .role = "museum_staff",
                       .convenor = true, .size = 4});
  net.add_stakeholder({.id = "womens_group", .kind = cp::Kind::group, .role = "service_user",
                       .size = 9});
  net.add_stakeholder({.id = "probation", .kind = cp::Kind::organisation});
  net.add_stakeholder({.id = "handling_box", .kind = cp::Kind::object});
  net.add_relation({.source = "womens_group", .target = "outreach", .type = "learns_from"});
  net.add_project({.id = "film"});
  return net;
}

cp::Decision theme_decision() {
  return {.id = "theme",
          .project = "film",
          .stage = cp::Stage::design,
          .rights = {{"outreach", cp::Right::shared}, {"womens_group", cp::Right::shared}},
          .rule = {.kind = cp::RuleKind::majority}};
}

// Runs `insert` and checks it throws `E` whose where(), field() and message mention the
// given values, and that the network is unchanged afterwards.
template <class E, class Insert>
void expect_refused(cp::Network& net, Insert insert, const std::string& where,
                    const std::string& field, const std::string& in_message) {
  const cp::Network before = net;
  try {
    insert(net);
    FAIL() << "expected an exception naming " << where;
  } catch (const E& e) {
    EXPECT_EQ(e.where(), where) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(in_message), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("[coproduction.model."), std::string::npos);
  }
  EXPECT_TRUE(net == before) << "a refused insert changed the network: " << where << " " << field;
}

}  // namespace

TEST(Network, BuildsAndLooksUpById) {
  cp::Network net = small_network();
  EXPECT_EQ(net.num_stakeholders(), 4u);
  EXPECT_EQ(net.num_relations(), 1u);
  EXPECT_TRUE(net.contains("probation"));
  EXPECT_FALSE(net.contains("nhs"));
  EXPECT_EQ(net.vertex("womens_group"), 1u);
  EXPECT_EQ(net.stakeholder("womens_group").size, 9);
  EXPECT_EQ(net.stakeholder("outreach").head_count(), 4);
  EXPECT_EQ(net.stakeholder("probation").head_count(), 1);
  EXPECT_TRUE(net.stakeholder("outreach").is_convenor());
  EXPECT_FALSE(net.stakeholder("probation").is_convenor());
  EXPECT_THROW(net.stakeholder("nhs"), cp::unknown_id);
  EXPECT_THROW(net.project("nope"), cp::unknown_id);
  EXPECT_THROW(net.decision("nope"), cp::unknown_id);
}

TEST(Network, GraphViewCarriesBundles) {
  cp::Network net = small_network();
  net.add_relation({.source = "womens_group", .target = "outreach", .type = "trusts", .weight = 2.5});
  const auto& g = net.graph();
  EXPECT_EQ(boost::num_vertices(g), 4u);
  EXPECT_EQ(boost::num_edges(g), 2u);
  // Parallel relations of different types between the same pair are two edges.
  EXPECT_EQ(boost::out_degree(net.vertex("womens_group"), g), 2u);
  EXPECT_EQ(boost::in_degree(net.vertex("outreach"), g), 2u);
  double total = 0;
  for (auto [it, end] = boost::edges(g); it != end; ++it) total += g[*it].strength();
  EXPECT_DOUBLE_EQ(total, 1.0 + 2.5);  // an absent weight counts as 1
  EXPECT_EQ(g[boost::source(net.edge_at(1), g)].id, "womens_group");
  EXPECT_EQ(net.relation_at(1).type, "trusts");
}

TEST(Network, DuplicateStakeholderId) {
  cp::Network net = small_network();
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = "outreach"}); }, "outreach", "id",
      "already exists");
}

TEST(Network, EmptyIdsAreRefused) {
  cp::Network net = small_network();
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = ""}); }, "", "id", "must not be empty");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_project({.id = ""}); }, "", "id", "must not be empty");
}

TEST(Network, StakeholderSizeAndInfluence) {
  cp::Network net = small_network();
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = "g", .kind = cp::Kind::group, .size = 0}); },
      "g", "size", ">= 1");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = "p", .kind = cp::Kind::person, .size = 3}); },
      "p", "size", "a person's size is 1");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = "p", .influence = -1.0}); }, "p",
      "influence", ">= 0");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.add_stakeholder({.id = "p", .influence = std::numeric_limits<double>::quiet_NaN()});
      },
      "p", "influence", "NaN");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_stakeholder({.id = "p", .attributes = 3}); }, "p",
      "attributes", "must be an object");
}

TEST(Network, UnknownKindSpelling) {
  try {
    cp::parse_or_throw<cp::Kind>("robot", "r2", "kind");
    FAIL();
  } catch (const cp::invalid_value& e) {
    EXPECT_EQ(e.where(), "r2");
    EXPECT_EQ(e.field(), "kind");
    EXPECT_NE(std::string(e.what()).find("person, group, organisation, object"), std::string::npos);
  }
  EXPECT_THROW(cp::parse_or_throw<cp::Stage>("launch", "d", "stage"), cp::invalid_value);
  EXPECT_THROW(cp::parse_or_throw<cp::Right>("owns", "d", "rights/x"), cp::invalid_value);
  EXPECT_EQ(cp::parse_or_throw<cp::CollaborationType>("co-design", "p", "claimed"),
            cp::CollaborationType::co_design);
}

TEST(Network, RelationNamingUnknownStakeholder) {
  cp::Network net = small_network();
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.add_relation({.source = "outreach", .target = "nhs", .type = "informs"}); },
      "outreach->nhs (informs)", "target", "unknown stakeholder \"nhs\"");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.add_relation({.source = "nhs", .target = "outreach", .type = "informs"}); },
      "nhs->outreach (informs)", "source", "unknown stakeholder \"nhs\"");
}

class RelationWeight : public ::testing::TestWithParam<double> {};

TEST_P(RelationWeight, MustBeFinitePositive) {
  cp::Network net = small_network();
  const double w = GetParam();
  expect_refused<cp::invalid_value>(
      net,
      [w](cp::Network& n) {
        n.add_relation({.source = "outreach", .target = "probation", .type = "informs", .weight = w});
      },
      "outreach->probation (informs)", "weight", "finite number > 0");
}

INSTANTIATE_TEST_SUITE_P(BadWeights, RelationWeight,
                         ::testing::Values(0.0, -1.0, -0.0,
                                           std::numeric_limits<double>::infinity(),
                                           -std::numeric_limits<double>::infinity(),
                                           std::numeric_limits<double>::quiet_NaN()));

TEST(Network, RelationRules) {
  cp::Network net = small_network();
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_relation({.source = "outreach", .target = "outreach", .type = "informs"}); },
      "outreach->outreach (informs)", "target", "itself");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_relation({.source = "outreach", .target = "probation", .type = "Learns From"}); },
      "outreach->probation (Learns From)", "type", "not a type name");
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_relation({.source = "womens_group", .target = "outreach", .type = "learns_from"}); },
      "womens_group->outreach (learns_from)", "", "already exists");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.add_relation({.source = "outreach", .target = "probation", .type = "informs",
                        .provenance = {.date = "2013-13-01"}});
      },
      "outreach->probation (informs)", "provenance/date", "not a date");
  // The reverse direction and another type are different relations.
  net.add_relation({.source = "outreach", .target = "womens_group", .type = "learns_from"});
  net.add_relation({.source = "womens_group", .target = "outreach", .type = "trusts",
                    .provenance = {.date = "2013-02"}});
  EXPECT_EQ(net.num_relations(), 3u);
}

TEST(Network, ProjectRules) {
  cp::Network net = small_network();
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_project({.id = "film"}); }, "film", "id", "already exists");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.add_project({.id = "p2", .attributes = "x"}); }, "p2",
      "attributes", "must be an object");
}

TEST(Network, DecisionAccepted) {
  cp::Network net = small_network();
  const auto& d = net.add_decision(theme_decision());
  EXPECT_EQ(d.holders(), (std::vector<std::string>{"outreach", "womens_group"}));
  EXPECT_EQ(d.votes_of("outreach"), 1);
  EXPECT_EQ(d.right_of("probation"), cp::Right::none);
  EXPECT_EQ(net.decision("theme").stage, cp::Stage::design);
}

TEST(Network, DecisionReferences) {
  cp::Network net = small_network();
  net.add_decision(theme_decision());
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_decision(theme_decision()); }, "theme", "id", "already exists");
  expect_refused<cp::unknown_id>(
      net,
      [](cp::Network& n) {
        auto d = theme_decision();
        d.id = "d2";
        d.project = "exhibition";
        n.add_decision(d);
      },
      "d2", "project", "unknown project \"exhibition\"");
  expect_refused<cp::unknown_id>(
      net,
      [](cp::Network& n) {
        auto d = theme_decision();
        d.id = "d2";
        d.rights["nhs/trust"] = cp::Right::informed;
        n.add_decision(d);
      },
      "d2", "rights/nhs~1trust", "unknown stakeholder \"nhs/trust\"");
}

TEST(Network, DecisionHoldersAndObjects) {
  cp::Network net = small_network();
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        auto d = theme_decision();
        d.rights["handling_box"] = cp::Right::consulted;
        n.add_decision(d);
      },
      "theme", "rights/handling_box", "cannot hold a right");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        auto d = theme_decision();
        d.rights = {{"outreach", cp::Right::involved}, {"womens_group", cp::Right::consulted}};
        n.add_decision(d);
      },
      "theme", "rights", "no stakeholder holds the decision");
  // An object listed with `none` is fine.
  auto d = theme_decision();
  d.rights["handling_box"] = cp::Right::none;
  net.add_decision(d);
}

TEST(Network, SoleRuleNeedsOneDecider) {
  cp::Network net = small_network();
  auto zero = theme_decision();
  zero.rule.kind = cp::RuleKind::sole;
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(zero); }, "theme", "rule/kind",
      "exactly one \"decides\" holder, not 0");
  auto two = zero;
  two.rights = {{"outreach", cp::Right::decides}, {"womens_group", cp::Right::decides}};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(two); }, "theme", "rule/kind", "not 2");
  auto one = zero;
  one.rights = {{"outreach", cp::Right::decides}, {"womens_group", cp::Right::consulted}};
  net.add_decision(one);
}

TEST(Network, VotesQuotaAndVeto) {
  cp::Network net = small_network();
  auto quota = theme_decision();
  quota.rule = {.kind = cp::RuleKind::quota, .votes = {{"outreach", 3}, {"womens_group", 2}},
                .quota = 6.0};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/quota",
      "larger than the 5 votes");
  quota.rule.quota.reset();
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/quota", "needs a quota");
  quota.rule.quota = 0.0;
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/quota", "> 0");
  quota.rule.quota = 4.0;
  quota.rule.votes["probation"] = 1;
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/votes/probation",
      "does not hold the decision");
  quota.rule.votes.erase("probation");
  quota.rule.votes["outreach"] = 0;
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/votes/outreach", ">= 1");
  quota.rule.votes["outreach"] = 3;
  quota.rule.veto = {"womens_group", "womens_group"};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/veto/1", "listed twice");
  quota.rule.veto = {"probation"};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/veto/0",
      "does not hold the decision");
  quota.rule.veto = {"nhs"};
  expect_refused<cp::unknown_id>(
      net, [&](cp::Network& n) { n.add_decision(quota); }, "theme", "rule/veto/0",
      "unknown stakeholder");
  quota.rule.veto = {"womens_group"};
  net.add_decision(quota);

  auto unanimity = theme_decision();
  unanimity.id = "u";
  unanimity.rule = {.kind = cp::RuleKind::unanimity, .votes = {{"outreach", 2}}};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(unanimity); }, "u", "rule/votes",
      "only for majority or quota");
  unanimity.rule = {.kind = cp::RuleKind::majority, .quota = 1.0};
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(unanimity); }, "u", "rule/quota",
      "only a quota rule");
  unanimity.rule = {.kind = cp::RuleKind::unanimity};
  unanimity.weight = -2.0;
  expect_refused<cp::invalid_value>(
      net, [&](cp::Network& n) { n.add_decision(unanimity); }, "u", "weight", "finite number > 0");
}

TEST(Network, CopyIsIndependentAndEqual) {
  cp::Network net = small_network();
  net.add_decision(theme_decision());
  cp::Network copy = net;
  EXPECT_TRUE(copy == net);
  copy.add_stakeholder({.id = "commissioner"});
  EXPECT_FALSE(copy == net);
  EXPECT_EQ(net.num_stakeholders(), 4u);
  // The copy's edges are its own: reading them after the original is gone works.
  cp::Network moved;
  {
    cp::Network temp = small_network();
    moved = temp;
  }
  EXPECT_EQ(moved.relation_at(0).type, "learns_from");
}

TEST(Vocabulary, SpellingsRoundTrip) {
  for (auto r : {cp::Right::none, cp::Right::informed, cp::Right::consulted, cp::Right::involved,
                 cp::Right::shared, cp::Right::decides})
    EXPECT_EQ(cp::parse<cp::Right>(cp::to_string(r)), r);
  EXPECT_LT(cp::Right::consulted, cp::Right::shared);
  EXPECT_TRUE(cp::is_holder(cp::Right::decides));
  EXPECT_FALSE(cp::is_holder(cp::Right::involved));
  EXPECT_EQ(cp::to_string(cp::CollaborationType::co_production), "co-production");
}

TEST(Network, MovesKeepRelationsInOrder) {
  // Edge descriptors point into one graph object: moving or copying a network must leave
  // every relation readable, in insertion order.
  std::vector<cp::Network> many;
  for (int k = 0; k < 20; ++k) {
    cp::Network net = small_network();
    net.add_relation({.source = "outreach", .target = "probation", .type = "informs"});
    net.add_relation({.source = "probation", .target = "womens_group", .type = "refers"});
    many.push_back(std::move(net));  // reallocation moves the earlier ones again
  }
  for (const auto& net : many) {
    ASSERT_EQ(net.num_relations(), 3u);
    EXPECT_EQ(net.relation_at(0).type, "learns_from");
    EXPECT_EQ(net.relation_at(1).type, "informs");
    EXPECT_EQ(net.relation_at(2).type, "refers");
  }
  cp::Network moved_from = small_network();
  cp::Network target = std::move(moved_from);
  EXPECT_EQ(target.relation_at(0).source, "womens_group");
  EXPECT_EQ(moved_from.num_stakeholders(), 0u);  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_EQ(moved_from.num_relations(), 0u);
}

TEST(Network, BatchOfRelationsIsAllOrNothing) {
  cp::Network net = small_network();
  std::vector<cp::Relation> batch{
      {.source = "outreach", .target = "probation", .type = "informs"},
      {.source = "probation", .target = "womens_group", .type = "refers", .weight = 2.0},
  };
  net.add_relations(batch);
  EXPECT_EQ(net.num_relations(), 3u);
  EXPECT_EQ(net.relation_at(2).strength(), 2.0);
  // A repeat inside the batch, or of an existing relation, refuses the whole batch.
  expect_refused<cp::duplicate_id>(
      net,
      [](cp::Network& n) {
        n.add_relations({{.source = "outreach", .target = "womens_group", .type = "informs"},
                         {.source = "outreach", .target = "womens_group", .type = "informs"}});
      },
      "outreach->womens_group (informs)", "", "already exists");
  expect_refused<cp::unknown_id>(
      net,
      [](cp::Network& n) {
        n.add_relations({{.source = "outreach", .target = "womens_group", .type = "informs"},
                         {.source = "outreach", .target = "nhs", .type = "informs"}});
      },
      "outreach->nhs (informs)", "target", "unknown stakeholder");
  expect_refused<cp::duplicate_id>(
      net,
      [](cp::Network& n) {
        n.add_relations({{.source = "outreach", .target = "probation", .type = "informs"}});
      },
      "outreach->probation (informs)", "", "already exists");
  EXPECT_EQ(net.num_relations(), 3u);
}

TEST(Network, RelationColumnsBuildWhatRelationsBuild) {
  cp::Network by_rows = small_network(), by_columns = small_network();
  by_rows.add_relations({{.source = "outreach", .target = "probation", .type = "informs"},
                         {.source = "probation", .target = "womens_group", .type = "refers",
                          .weight = 2.0},
                         {.source = "outreach", .target = "womens_group", .type = "informs",
                          .weight = 0.5}});
  const std::vector<cp::Network::vertex_type> source{0, 2, 0}, target{2, 1, 1};
  const std::vector<std::uint32_t> type{1, 0, 1};
  const std::vector<std::string> names{"refers", "informs"};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  by_columns.add_relations(source, target, type, names, std::vector<double>{nan, 2.0, 0.5});
  EXPECT_TRUE(by_rows == by_columns);
  // Relation 0 was there before; the batch is relations 1 to 3.
  EXPECT_EQ(by_columns.relation_at(2).weight, 2.0);
  EXPECT_FALSE(by_columns.relation_at(1).weight.has_value());  // NaN means not given
  // Types in order of first appearance, whatever their codes in the batch.
  EXPECT_EQ(by_columns.relation_types(),
            (std::vector<std::string>{"learns_from", "informs", "refers"}));
  EXPECT_EQ(by_columns.relation_source(3), 0u);
  EXPECT_EQ(by_columns.relation_target(3), 1u);
  EXPECT_EQ(by_columns.relation_type(3), "informs");
  EXPECT_EQ(by_columns.relation_strength(3), 0.5);
  EXPECT_EQ(by_columns.relation_strength(1), 1.0);
  // No weight column at all.
  cp::Network plain = small_network();
  plain.add_relations(source, target, type, names);
  EXPECT_EQ(plain.num_relations(), 4u);
  EXPECT_EQ(plain.relation_strength(2), 1.0);
}

TEST(Network, RelationColumnsAreAllOrNothing) {
  cp::Network net = small_network();
  using V = std::vector<cp::Network::vertex_type>;
  using T = std::vector<std::uint32_t>;
  const std::vector<std::string> names{"informs", "not a type"};
  const auto refused = [&](V s, V t, T k, std::vector<double> w, const std::string& where,
                           const std::string& field, const std::string& message, auto tag) {
    using E = decltype(tag);
    const auto types = net.relation_types();
    expect_refused<E>(
        net, [&](cp::Network& n) { n.add_relations(s, t, k, names, w); }, where, field,
        message);
    EXPECT_EQ(net.relation_types(), types) << "a refused batch left a type behind";
  };
  // Each batch starts with a good row of a new type, so a refusal has something to undo.
  refused({0, 9}, {2, 1}, {0, 0}, {}, "row 1", "source", "no stakeholder has vertex 9",
          cp::unknown_id("", "", ""));
  refused({0, 2}, {2, 7}, {0, 0}, {}, "row 1", "target", "no stakeholder has vertex 7",
          cp::unknown_id("", "", ""));
  refused({0, 2}, {2, 1}, {0, 5}, {}, "row 1", "type", "no type has code 5",
          cp::unknown_id("", "", ""));
  refused({0, 2}, {2, 1}, {0, 1}, {}, "probation->womens_group (not a type)", "type",
          "is not a type name", cp::invalid_value("", "", ""));
  refused({0, 2}, {2, 2}, {0, 0}, {}, "probation->probation (informs)", "target",
          "cannot relate to itself", cp::invalid_value("", "", ""));
  refused({0, 2}, {2, 1}, {0, 0}, {1.0, -2.0}, "probation->womens_group (informs)", "weight",
          "finite number > 0", cp::invalid_value("", "", ""));
  refused({0, 0}, {2, 2}, {0, 0}, {}, "outreach->probation (informs)", "", "already exists",
          cp::duplicate_id("", "", ""));
  refused({0}, {2, 1}, {0}, {}, "relations", "", "differ in length",
          cp::invalid_value("", "", ""));
  // A row repeating a relation already in the network, after a new type was interned.
  const std::vector<std::string> repeat{"trusts", "learns_from"};
  expect_refused<cp::duplicate_id>(
      net, [&](cp::Network& n) { n.add_relations(V{0, 1}, V{1, 0}, T{0, 1}, repeat); },
      "womens_group->outreach (learns_from)", "", "already exists");
  EXPECT_EQ(net.relation_types(), std::vector<std::string>{"learns_from"});
  // After every refusal the network takes the same rows once they are right.
  net.add_relations(V{0, 2}, V{2, 1}, T{0, 0}, names, std::vector<double>{1.0, 2.0});
  EXPECT_EQ(net.num_relations(), 3u);
  EXPECT_EQ(net.relation_types(), (std::vector<std::string>{"learns_from", "informs"}));
  EXPECT_THROW(net.add_relation({.source = "outreach", .target = "probation", .type = "informs"}),
               cp::duplicate_id);
}

TEST(Network, StakeholderBatchIsAllOrNothing) {
  cp::Network net = small_network();
  net.add_stakeholders({{.id = "commissioner"}, {.id = "curator", .role = "museum_staff"}});
  EXPECT_EQ(net.num_stakeholders(), 6u);
  EXPECT_EQ(net.stakeholder("curator").role, "museum_staff");
  EXPECT_EQ(net.vertex("curator"), 5u);
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_stakeholders({{.id = "carer"}, {.id = "carer"}}); },
      "carer", "id", "already exists");
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.add_stakeholders({{.id = "carer"}, {.id = "outreach"}}); },
      "outreach", "id", "already exists");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) { n.add_stakeholders({{.id = "carer"}, {.id = "peer", .size = 0}}); },
      "peer", "size", ">= 1");
  EXPECT_FALSE(net.contains("carer"));
}

TEST(Network, GraphViewFollowsChangesAndMoves) {
  cp::Network net = small_network();
  const auto* first = &net.graph();
  EXPECT_EQ(&net.graph(), first);  // kept while nothing changes
  EXPECT_EQ(boost::num_edges(net.graph()), 1u);
  net.add_relation({.source = "outreach", .target = "probation", .type = "informs", .weight = 3});
  net.add_stakeholder({.id = "carer"});
  const auto& g = net.graph();
  EXPECT_EQ(boost::num_vertices(g), 5u);
  EXPECT_EQ(boost::num_edges(g), 2u);
  EXPECT_EQ(g[net.edge_at(1)].type, "informs");
  EXPECT_EQ(g[net.edge_at(1)].strength(), 3.0);
  EXPECT_EQ(g[boost::target(net.edge_at(1), g)].id, "probation");
  // Edge descriptors of the view stay good when the network is moved.
  cp::Network moved = std::move(net);
  const auto& h = moved.graph();
  EXPECT_EQ(h[moved.edge_at(0)].type, "learns_from");
  EXPECT_EQ(h[boost::source(moved.edge_at(1), h)].id, "outreach");
  EXPECT_EQ(net.num_relations(), 0u);
  EXPECT_EQ(boost::num_edges(net.graph()), 0u);
  EXPECT_THROW(moved.edge_at(2), std::out_of_range);
}

TEST(Network, GraphViewIsBuiltOnceForConcurrentReaders) {
  cp::Network net = small_network();
  for (int i = 0; i < 200; ++i) net.add_stakeholder({.id = "member_" + std::to_string(i)});
  for (int i = 1; i < 200; ++i)
    net.add_relation({.source = "member_" + std::to_string(i - 1),
                      .target = "member_" + std::to_string(i), .type = "informs"});
  std::vector<const cp::Network::Graph*> seen(4);
  std::vector<std::thread> readers;
  for (std::size_t t = 0; t < seen.size(); ++t)
    readers.emplace_back([&net, &seen, t] { seen[t] = &net.graph(); });
  for (auto& r : readers) r.join();
  for (const auto* g : seen) EXPECT_EQ(g, seen[0]);
  EXPECT_EQ(boost::num_edges(*seen[0]), 200u);
}

TEST(Network, RelationAccessorsReadTheStoreWithoutARelation) {
  cp::Network net = small_network();
  net.add_relation({.source = "outreach", .target = "probation", .type = "informs",
                    .weight = 2.5, .scale = cp::Scale::institution,
                    .provenance = {.reported_by = "front_line_staff", .date = "2013-05",
                                   .method = "interview"},
                    .attributes = {{"ward", "east"}}});
  net.add_relation({.source = "probation", .target = "outreach", .type = "learns_from"});
  EXPECT_EQ(net.relation_types(), (std::vector<std::string>{"learns_from", "informs"}));
  EXPECT_EQ(net.relation_type_index(1), 1u);
  EXPECT_EQ(net.relation_type_index(2), 0u);
  EXPECT_EQ(net.relation_weight(1), 2.5);
  EXPECT_FALSE(net.relation_weight(2).has_value());
  EXPECT_EQ(net.relation_scale(1), cp::Scale::institution);
  EXPECT_FALSE(net.relation_scale(2).has_value());
  EXPECT_EQ(net.relation_provenance(1).method, "interview");
  EXPECT_TRUE(net.relation_provenance(2).empty());
  EXPECT_EQ(net.relation_attributes(1).at("ward"), "east");
  EXPECT_TRUE(net.relation_attributes(2).is_null());
  // relation_at puts the same parts together.
  const cp::Relation r = net.relation_at(1);
  EXPECT_EQ(r.source, "outreach");
  EXPECT_EQ(r.target, "probation");
  EXPECT_EQ(r.weight, 2.5);
  EXPECT_EQ(r.scale, cp::Scale::institution);
  EXPECT_EQ(r.provenance.date, "2013-05");
  EXPECT_EQ(r.attributes, net.relation_attributes(1));
  EXPECT_THROW(net.relation_at(3), std::out_of_range);
}

// -- read guards: a change never overlaps a guarded read ------------------------------------

namespace coproduction::detail {
// Holds a change open, as a binding that released the GIL in the middle of a change would.
struct network_access {
  static std::unique_ptr<Network::write_guard> changing(Network& net) {
    return std::make_unique<Network::write_guard>(net, "add_relations");
  }
};
}  // namespace coproduction::detail

namespace {

// Runs `change` while `net` is held for reading and checks it is refused, naming `what`,
// and leaves the network as it was.
template <class Change>
void expect_refused_while_read(cp::Network& net, Change change, const std::string& what) {
  const cp::Network before = net;
  const auto guard = net.reading();
  try {
    change(net);
    ADD_FAILURE() << what << " was not refused while the network was read";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_EQ(e.where(), what);
    EXPECT_EQ(e.code(), "model.concurrent_modification");
    EXPECT_NE(std::string(e.what()).find("is being read (1 reader)"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(net == before) << what << " changed a network that was being read";
}

}  // namespace

TEST(NetworkReadGuard, EveryChangeIsRefusedWhileAReaderHoldsIt) {
  cp::Network net = small_network();
  net.add_decision(theme_decision());
  expect_refused_while_read(net, [](cp::Network& n) { n.add_stakeholder({.id = "carer"}); },
                            "add_stakeholder");
  expect_refused_while_read(
      net, [](cp::Network& n) { n.add_stakeholders({{.id = "carer"}, {.id = "commissioner"}}); },
      "add_stakeholders");
  expect_refused_while_read(
      net,
      [](cp::Network& n) {
        n.add_relation({.source = "outreach", .target = "probation", .type = "informs"});
      },
      "add_relation");
  expect_refused_while_read(
      net,
      [](cp::Network& n) {
        n.add_relations(std::vector<cp::Relation>{
            {.source = "outreach", .target = "probation", .type = "informs"}});
      },
      "add_relations");
  expect_refused_while_read(
      net,
      [](cp::Network& n) {
        const std::vector<cp::Network::vertex_type> source{0}, target{2};
        const std::vector<std::uint32_t> type{0};
        const std::vector<std::string> names{"informs"};
        n.add_relations(source, target, type, names);
      },
      "add_relations");
  expect_refused_while_read(net, [](cp::Network& n) { n.add_project({.id = "exhibition"}); },
                            "add_project");
  expect_refused_while_read(
      net,
      [](cp::Network& n) {
        cp::Decision d = theme_decision();
        d.id = "venue";
        n.add_decision(d);
      },
      "add_decision");
  expect_refused_while_read(
      net, [](cp::Network& n) { n.set_metadata({{"title", "outreach partnership"}}); },
      "metadata");
  const cp::Network other = small_network();
  expect_refused_while_read(net, [&other](cp::Network& n) { n = other; }, "assign");
  // Once the readers are gone, the same changes go through.
  EXPECT_EQ(net.readers(), 0u);
  net.add_stakeholder({.id = "carer"});
  net.set_metadata({{"title", "outreach partnership"}});
  EXPECT_EQ(net.num_stakeholders(), 5u);
}

TEST(NetworkReadGuard, ReadersNestAndShareTheNetwork) {
  cp::Network net = small_network();
  {
    const auto outer = net.reading();
    const auto inner = net.reading();
    EXPECT_EQ(net.readers(), 2u);
    // Readers in other threads are let in while these are held.
    std::vector<std::size_t> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < seen.size(); ++t)
      threads.emplace_back([&net, &seen, t] {
        const auto guard = net.reading();
        seen[t] = net.num_stakeholders() + boost::num_edges(net.graph());
      });
    for (auto& t : threads) t.join();
    for (std::size_t s : seen) EXPECT_EQ(s, 5u);
    EXPECT_EQ(net.readers(), 2u);
  }
  EXPECT_EQ(net.readers(), 0u);
}

TEST(NetworkReadGuard, AReaderStartingDuringAChangeIsRefused) {
  cp::Network net = small_network();
  auto change = cp::detail::network_access::changing(net);
  try {
    const auto guard = net.reading();
    ADD_FAILURE() << "a reader was let in during a change";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_EQ(e.where(), "read");
    EXPECT_NE(std::string(e.what()).find("is being changed"), std::string::npos) << e.what();
  }
  // Copying and comparing read the network, so they are refused too; so is a second change.
  EXPECT_THROW(cp::Network copy(net), cp::concurrent_modification);
  EXPECT_THROW((void)(net == net), cp::concurrent_modification);
  try {
    net.add_project({.id = "exhibition"});
    ADD_FAILURE() << "two changes ran at once";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_NE(std::string(e.what()).find("another change"), std::string::npos) << e.what();
  }
  EXPECT_EQ(net.readers(), 0u);
  change.reset();
  {
    const auto guard = net.reading();
    EXPECT_EQ(net.readers(), 1u);
  }
  net.add_project({.id = "exhibition"});
  EXPECT_EQ(net.num_projects(), 2u);
}

TEST(NetworkReadGuard, CopiesMovesAndAssignmentsKeepWorking) {
  cp::Network net = small_network();
  const auto guard = net.reading();
  // A copy is a read, so it is allowed; the copy is a new object with no readers.
  cp::Network copy = net;
  EXPECT_EQ(copy.readers(), 0u);
  EXPECT_EQ(net.readers(), 1u);
  copy.add_stakeholder({.id = "carer"});
  EXPECT_EQ(copy.num_stakeholders(), 5u);
  EXPECT_EQ(net.num_stakeholders(), 4u);
  cp::Network moved = std::move(copy);
  EXPECT_EQ(moved.readers(), 0u);
  EXPECT_EQ(moved.num_stakeholders(), 5u);
  moved.add_project({.id = "exhibition"});
  // Assigning from a network being read is a read of it; assigning to it is a change.
  cp::Network target;
  target = net;
  EXPECT_TRUE(target == net);
  EXPECT_THROW(net = moved, cp::concurrent_modification);
  EXPECT_EQ(net.num_projects(), 1u);
  // Moving into it or out of it changes it, so both are refused and change nothing.
  EXPECT_THROW(net = std::move(moved), cp::concurrent_modification);
  cp::Network emptied;
  EXPECT_THROW(emptied = std::move(net), cp::concurrent_modification);
  EXPECT_EQ(net.num_stakeholders(), 4u);
  EXPECT_EQ(moved.num_projects(), 2u);
  cp::Network other;
  other = std::move(moved);
  EXPECT_EQ(other.num_projects(), 2u);
  EXPECT_EQ(other.readers(), 0u);
}

TEST(NetworkReadGuard, GuardedReadsNeverSeeAChangeHalfDone) {
  // Whatever the interleaving, a change either waits for no one and goes through whole or is
  // refused: every guarded reader sees the same count twice, and the count at the end is the
  // start plus the changes that went through.
  cp::Network net = small_network();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        try {
          const auto guard = net.reading();
          const std::size_t first = net.num_stakeholders();
          const std::size_t vertices = boost::num_vertices(net.graph());
          if (first != net.num_stakeholders() || vertices != first) ++mismatches;
        } catch (const cp::concurrent_modification&) {
          // A reader that came during a change: refused, never let in.
        }
      }
    });
  int added = 0;
  for (int i = 0; i < 2000; ++i) {
    try {
      net.add_stakeholder({.id = "member_" + std::to_string(i)});
      ++added;
    } catch (const cp::concurrent_modification&) {
      // A change that came while a reader held the network: refused whole.
    }
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(net.num_stakeholders(), 4u + static_cast<std::size_t>(added));
  EXPECT_EQ(net.readers(), 0u);
}

// -- the contents move as one; the reader count and the view stay with their object -------

TEST(Network, CopyBuildsItsOwnViewAndKeepsEveryPart) {
  cp::Network net = small_network();
  net.add_relation({.source = "outreach", .target = "probation", .type = "informs",
                    .weight = 2.0, .scale = cp::Scale::place,
                    .provenance = {.reported_by = "front_line_staff"},
                    .attributes = {{"note", "monthly"}}});
  net.add_decision(theme_decision());
  net.set_metadata({{"title", "reminiscence"}});
  const auto& original_view = net.graph();
  cp::Network copy = net;
  // Every part is copied: the relation store, its details, the types, the indices, the keys.
  EXPECT_TRUE(copy == net);
  EXPECT_EQ(copy.relation_types(), net.relation_types());
  EXPECT_EQ(copy.relation_scale(1), cp::Scale::place);
  EXPECT_EQ(copy.relation_provenance(1).reported_by, "front_line_staff");
  EXPECT_EQ(copy.relation_attributes(1), net.relation_attributes(1));
  EXPECT_EQ(copy.vertex("probation"), net.vertex("probation"));
  EXPECT_EQ(copy.decision("theme").project, "film");
  EXPECT_EQ(copy.metadata(), net.metadata());
  EXPECT_THROW(copy.add_relation({.source = "outreach", .target = "probation", .type = "informs"}),
               cp::duplicate_id);  // the keys came along
  // The view is not shared: the copy builds its own, whose edges point into it.
  const auto& view = copy.graph();
  EXPECT_NE(&view, &original_view);
  EXPECT_EQ(view[copy.edge_at(1)].type, "informs");
  // A change of the original drops its view only.
  net.add_stakeholder({.id = "carer"});
  EXPECT_EQ(&copy.graph(), &view);
  EXPECT_EQ(boost::num_vertices(copy.graph()), 4u);
  EXPECT_EQ(boost::num_vertices(net.graph()), 5u);
}

TEST(Network, MovesCarryTheViewButNotTheReaders) {
  cp::Network net = small_network();
  const auto* view = &net.graph();
  cp::Network moved = std::move(net);
  EXPECT_EQ(&moved.graph(), view);  // held by pointer, it moves along
  {
    const auto guard = moved.reading();
    cp::Network copy = moved;  // a read: allowed, and the copy has no reader
    EXPECT_EQ(copy.readers(), 0u);
    cp::Network assigned;
    assigned = std::move(copy);  // neither side is read: allowed
    EXPECT_EQ(assigned.readers(), 0u);
    EXPECT_EQ(moved.readers(), 1u);
    EXPECT_EQ(assigned.num_relations(), 1u);
  }
  EXPECT_EQ(moved.readers(), 0u);
}

// -- layers: relation types by scale --------------------------------------------------------

namespace {

// Five relations, at each scale and at none: outreach -> womens_group informs (session),
// outreach -> probation informs (institution), probation -> womens_group refers (place),
// womens_group -> outreach learns_from (no scale) and handling_box -> womens_group
// mediates (session; handling_box is an object).
cp::Network scaled_network() {
  cp::Network net = small_network();
  net.add_relation({.source = "outreach", .target = "womens_group", .type = "informs",
                    .weight = 2.0, .scale = cp::Scale::session});
  net.add_relation({.source = "outreach", .target = "probation", .type = "informs",
                    .scale = cp::Scale::institution});
  net.add_relation({.source = "probation", .target = "womens_group", .type = "refers",
                    .weight = 0.5, .scale = cp::Scale::place});
  net.add_relation({.source = "handling_box", .target = "womens_group", .type = "mediates",
                    .scale = cp::Scale::session});
  return net;
}

// The layer's relations as "source>target" with network ids.
std::vector<std::string> named(const cp::Network& net, const cp::layer_edges& e) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < e.source.size(); ++i)
    out.push_back(net.stakeholder_at(e.vertices[e.source[i]]).id + ">" +
                  net.stakeholder_at(e.vertices[e.target[i]]).id);
  return out;
}

using names = std::vector<std::string>;

}  // namespace

TEST(Layer, TypesTimesScales) {
  const cp::Network net = scaled_network();
  // Every relation, objects left out: handling_box and its relation go.
  const auto all = cp::edges_of(net, {});
  EXPECT_EQ(all.vertices, (std::vector<cp::Network::vertex_type>{0, 1, 2}));
  EXPECT_EQ(named(net, all), (names{"womens_group>outreach", "outreach>womens_group",
                                    "outreach>probation", "probation>womens_group"}));
  EXPECT_EQ(all.weight, (std::vector<double>{1, 2, 1, 0.5}));
  // One type at every scale; one scale of every type; both at once.
  EXPECT_EQ(named(net, cp::edges_of(net, {.types = {"informs"}})),
            (names{"outreach>womens_group", "outreach>probation"}));
  EXPECT_EQ(named(net, cp::edges_of(net, {.scales = {cp::Scale::session}})),
            (names{"outreach>womens_group"}));
  EXPECT_EQ(named(net, cp::edges_of(net, {.types = {"informs"},
                                         .scales = {cp::Scale::institution}})),
            (names{"outreach>probation"}));
  EXPECT_EQ(named(net, cp::edges_of(net, {.types = {"informs", "refers"},
                                         .scales = {cp::Scale::institution, cp::Scale::place}})),
            (names{"outreach>probation", "probation>womens_group"}));
  // A relation with no scale is in no layer that names scales: learns_from has none.
  EXPECT_TRUE(cp::edges_of(net, {.types = {"learns_from"},
                                 .scales = {cp::Scale::session, cp::Scale::institution,
                                            cp::Scale::place}})
                  .source.empty());
  EXPECT_EQ(named(net, cp::edges_of(net, {.types = {"learns_from"}})),
            (names{"womens_group>outreach"}));
  // Objects kept: positions follow the vertices kept.
  const auto with_objects = cp::edges_of(net, {.scales = {cp::Scale::session}}, true);
  EXPECT_EQ(with_objects.vertices.size(), 4u);
  EXPECT_EQ(named(net, with_objects),
            (names{"outreach>womens_group", "handling_box>womens_group"}));
  EXPECT_EQ(with_objects.source[1], 3u);
  // Each edge names its relation, whose ends are the edge's.
  EXPECT_EQ(all.relation, (std::vector<std::uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(with_objects.relation, (std::vector<std::uint32_t>{1, 4}));
  for (const auto* e : {&all, &with_objects})
    for (std::size_t i = 0; i < e->source.size(); ++i) {
      EXPECT_EQ(net.relation_source(e->relation[i]), e->vertices[e->source[i]]);
      EXPECT_EQ(net.relation_target(e->relation[i]), e->vertices[e->target[i]]);
    }
}

TEST(Layer, UnknownTypesAndScaleWordsAreInputErrors) {
  const cp::Network net = scaled_network();
  try {
    (void)cp::edges_of(net, {.types = {"informs", "inform"}});
    ADD_FAILURE() << "a misspelt type was read as an empty layer";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "layer");
    EXPECT_NE(std::string(e.what()).find("\"inform\""), std::string::npos) << e.what();
  }
  EXPECT_EQ(cp::scale_named("institution"), cp::Scale::institution);
  try {
    (void)cp::scale_named("city");
    ADD_FAILURE() << "an unknown scale was accepted";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "scale");
    EXPECT_NE(std::string(e.what()).find("\"city\" is not a scale; scales are session, "
                                         "institution, place"),
              std::string::npos)
        << e.what();
  }
}

TEST(Layer, IsReadUnderAReadGuard) {
  cp::Network net = scaled_network();
  auto change = cp::detail::network_access::changing(net);
  EXPECT_THROW((void)cp::edges_of(net, {}), cp::concurrent_modification);
  change.reset();
  const auto guard = net.reading();  // guards nest: reading a layer inside one is fine
  EXPECT_EQ(cp::edges_of(net, {}).source.size(), 4u);
  EXPECT_EQ(net.readers(), 1u);
}

// -- the pieces the network is built from: who is using it, the checks of an insert, and the
// -- spelling of what a message names ----------------------------------------------------

TEST(AccessCount, ReadersNestAndAChangeExcludesEveryone) {
  cp::detail::access_count access;
  EXPECT_EQ(access.readers(), 0u);
  access.begin_read();
  access.begin_read();
  EXPECT_EQ(access.readers(), 2u);
  try {
    access.begin_change("add_relation");
    ADD_FAILURE() << "a change was let in while two readers held the object";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_EQ(e.where(), "add_relation");
    EXPECT_NE(std::string(e.what()).find("is being read (2 readers)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(access.readers(), 2u);  // the refusal changed nothing
  access.end_read();
  access.end_read();
  access.begin_change("assign");
  EXPECT_EQ(access.readers(), 0u);
  try {
    access.begin_read();
    ADD_FAILURE() << "a read was let in while a change ran";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_EQ(e.where(), "read");
  }
  try {
    access.begin_change("add_stakeholder");
    ADD_FAILURE() << "a second change was let in";
  } catch (const cp::concurrent_modification& e) {
    EXPECT_NE(std::string(e.what()).find("another change of the network is running"),
              std::string::npos)
        << e.what();
  }
  access.end_change();
  access.begin_read();  // free again
  EXPECT_EQ(access.readers(), 1u);
  access.end_read();
}

TEST(MessageText, SpellsIdsPointersAndNumbers) {
  EXPECT_EQ(cp::detail::quote("nhs"), "\"nhs\"");
  EXPECT_EQ(cp::detail::pointer_token("a/b~c"), "a~1b~0c");  // RFC 6901, section 3
  EXPECT_EQ(cp::detail::number_text(2.0), "2");
  EXPECT_EQ(cp::detail::number_text(-3.0), "-3");
  EXPECT_EQ(cp::detail::number_text(2.5), "2.5");
  EXPECT_EQ(cp::detail::number_text(0.1), "0.1");  // the shortest text that reads back
  EXPECT_EQ(cp::detail::number_text(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(cp::detail::number_text(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(cp::detail::number_text(std::nan("")), "NaN");
}

TEST(ModelChecks, ARuleIsCheckedAgainstWhatTheCallerKnows) {
  cp::Decision d;
  d.id = "d1";
  d.project = "p";
  d.rights = {{"a", cp::Right::shared}, {"b", cp::Right::shared}};
  d.rule.kind = cp::RuleKind::majority;
  d.rule.veto = {"b"};
  // Alone (as `Network::check_rule` and `decision_game` call it) everyone named is known.
  EXPECT_NO_THROW(cp::detail::check_rule(d, [](const std::string&) { return true; }));
  // In a network that lacks "b", the veto names an unknown stakeholder, at its own field.
  try {
    cp::detail::check_rule(d, [](const std::string& id) { return id != "b"; });
    ADD_FAILURE() << "a veto naming an unknown stakeholder was accepted";
  } catch (const cp::unknown_id& e) {
    EXPECT_EQ(e.where(), "d1");
    EXPECT_EQ(e.field(), "rule/veto/0");
    EXPECT_EQ(e.message(), "unknown stakeholder \"b\"");
  }
  // A right held by an object, found through the caller's lookup, names the right's pointer.
  const cp::Stakeholder person{.id = "a"}, object{.id = "b/c", .kind = cp::Kind::object};
  cp::Decision e = d;
  e.rule.veto.clear();
  e.rights = {{"a", cp::Right::decides}, {"b/c", cp::Right::consulted}};
  const auto find = [&](const std::string& id) -> const cp::Stakeholder* {
    return id == "a" ? &person : id == "b/c" ? &object : nullptr;
  };
  try {
    cp::detail::check_decision(e, false, true, find);
    ADD_FAILURE() << "an object holding a right was accepted";
  } catch (const cp::invalid_value& x) {
    EXPECT_EQ(x.field(), "rights/b~1c");
  }
  // The order of the checks: a taken id is reported before an unknown project.
  try {
    cp::detail::check_decision(e, true, false, find);
    ADD_FAILURE() << "a taken id was accepted";
  } catch (const cp::duplicate_id& x) {
    EXPECT_EQ(x.field(), "id");
  }
  try {
    cp::detail::check_decision(e, false, false, find);
    ADD_FAILURE() << "an unknown project was accepted";
  } catch (const cp::unknown_id& x) {
    EXPECT_EQ(x.field(), "project");
    EXPECT_EQ(x.message(), "unknown project \"p\"");
  }
}

TEST(ModelChecks, RelationsStakeholdersAndProjectsByField) {
  const auto field_of = [](auto check) {
    try {
      check();
    } catch (const cp::model_error& e) {
      return e.code() + " " + e.where() + " " + e.field();
    }
    return std::string("nothing thrown");
  };
  cp::Relation r{.source = "a", .target = "b", .type = "informs"};
  EXPECT_EQ(field_of([&] { cp::detail::check_relation(r, 0, 0); }),
            "model.invalid_value a->b (informs) target");
  r.type = "Informs";
  EXPECT_EQ(field_of([&] { cp::detail::check_relation(r, 0, 1); }),
            "model.invalid_value a->b (Informs) type");
  r.type = "informs";
  r.weight = 0.0;
  EXPECT_EQ(field_of([&] { cp::detail::check_relation(r, 0, 1); }),
            "model.invalid_value a->b (informs) weight");
  r.weight.reset();
  r.provenance.date = "2013-13";
  EXPECT_EQ(field_of([&] { cp::detail::check_relation(r, 0, 1); }),
            "model.invalid_value a->b (informs) provenance/date");
  r.provenance.date = "2013-02-14";
  EXPECT_EQ(field_of([&] { cp::detail::check_relation(r, 0, 1); }), "nothing thrown");
  EXPECT_TRUE(cp::detail::is_partial_date("2013"));
  EXPECT_TRUE(cp::detail::is_partial_date("2013-02"));
  EXPECT_FALSE(cp::detail::is_partial_date("2013-2-14"));
  EXPECT_FALSE(cp::detail::is_partial_date("2013-02-32"));
  EXPECT_EQ(cp::detail::duplicate_relation(r).what(),
            std::string("[coproduction.model.duplicate_id] a->b (informs): the relation "
                        "a->b (informs) already exists"));

  const cp::Stakeholder person{.id = "p", .kind = cp::Kind::person, .size = 2};
  EXPECT_EQ(field_of([&] { cp::detail::check_stakeholder(person, false); }),
            "model.invalid_value p size");
  EXPECT_EQ(field_of([&] { cp::detail::check_stakeholder(person, true); }),
            "model.duplicate_id p id");  // a taken id is reported first
  EXPECT_EQ(field_of([&] { cp::detail::check_stakeholder(cp::Stakeholder{}, true); }),
            "model.invalid_value  id");  // and an empty id before that
  const cp::Project project{.id = "q", .attributes = nlohmann::json::array()};
  EXPECT_EQ(field_of([&] { cp::detail::check_project(project, false); }),
            "model.invalid_value q attributes");
  EXPECT_EQ(field_of([&] { cp::detail::check_project(project, true); }),
            "model.duplicate_id q id");
}
