// Editing a network (model/editing.hpp): every removal and update is checked as the inserts
// are, refuses with a typed error naming what refers to what, changes all or nothing, and
// leaves a network equal to one built directly with the result, to its JSON text, its
// relation types, its Boost.Graph view and its decision power.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;

namespace {

cp::Stakeholder group(const std::string& id, bool convenor = false) {
  cp::Stakeholder s{.id = id, .kind = cp::Kind::group};
  if (convenor) s.convenor = true;
  return s;
}

cp::Relation rel(const std::string& s, const std::string& t, const std::string& type) {
  return {.source = s, .target = t, .type = type};
}

cp::Decision film_theme() {
  return {.id = "film_theme",
          .project = "film",
          .stage = cp::Stage::design,
          .rights = {{"outreach", cp::Right::shared},
                     {"probation_staff", cp::Right::shared},
                     {"womens_group", cp::Right::shared},
                     {"objects", cp::Right::none}},
          .rule = {.kind = cp::RuleKind::quota,
                   .votes = {{"outreach", 2}, {"probation_staff", 1}, {"womens_group", 2}},
                   .quota = 3,
                   .veto = {"womens_group"}}};
}

cp::Decision film_editing() {
  return {.id = "film_editing",
          .project = "film",
          .stage = cp::Stage::delivery,
          .rights = {{"outreach", cp::Right::decides},
                     {"womens_group", cp::Right::involved},
                     {"probation_staff", cp::Right::informed}},
          .rule = {.kind = cp::RuleKind::sole},
          .weight = 0.5};
}

cp::Decision film_budget() {
  return {.id = "film_budget",
          .project = "film",
          .stage = cp::Stage::governance,
          .rights = {{"outreach", cp::Right::shared}, {"funder", cp::Right::shared}},
          .rule = {.kind = cp::RuleKind::unanimity}};
}

cp::Relation reported() {
  cp::Relation r = rel("womens_group", "outreach", "learns_from");
  r.weight = 2;
  r.scale = cp::Scale::session;
  r.provenance = {"outreach", "2013-02", "observation"};
  return r;
}

// The example of docs/format.md, with a funder, a funds relation, a budget decision and a
// project without decisions.
struct Parts {
  std::vector<cp::Stakeholder> stakeholders{
      group("outreach", true), group("probation_staff"), group("womens_group"),
      {.id = "objects", .kind = cp::Kind::object}, {.id = "funder", .kind = cp::Kind::organisation}};
  std::vector<cp::Relation> relations{rel("probation_staff", "outreach", "refers"),
                                      rel("outreach", "probation_staff", "learns_from"),
                                      rel("probation_staff", "outreach", "learns_from"),
                                      reported(),
                                      rel("objects", "womens_group", "mediates"),
                                      rel("funder", "outreach", "funds")};
  std::vector<cp::Project> projects{{.id = "film"}, {.id = "archive"}};
  std::vector<cp::Decision> decisions{film_theme(), film_editing(), film_budget()};

  cp::Network build() const {
    cp::Network net;
    for (const auto& s : stakeholders) net.add_stakeholder(s);
    for (const auto& r : relations) net.add_relation(r);
    for (const auto& p : projects) net.add_project(p);
    for (const auto& d : decisions) net.add_decision(d);
    return net;
  }
};

cp::Network film() { return Parts{}.build(); }

// The network built again, insert by insert, from what `net` holds.
cp::Network rebuilt(const cp::Network& net) {
  cp::Network out;
  for (const auto& s : net.stakeholders()) out.add_stakeholder(s);
  for (std::size_t i = 0; i < net.num_relations(); ++i) out.add_relation(net.relation_at(i));
  for (const auto& p : net.projects()) out.add_project(p);
  for (const auto& d : net.decisions()) out.add_decision(d);
  out.set_metadata(net.metadata());
  return out;
}

// `net` equals `expected` in every way a reader can see: ==, the JSON text, the relation
// types and their codes, lookups by id, the Boost.Graph view, layer edges and decision power;
// and its internal indices agree with its contents (each relation is found at its position
// and refused as a duplicate).
void expect_same(const cp::Network& net, const cp::Network& expected) {
  ASSERT_TRUE(net == expected) << cp::dump_json(net) << "\nexpected\n" << cp::dump_json(expected);
  EXPECT_EQ(cp::dump_json(net), cp::dump_json(expected));
  EXPECT_EQ(net.relation_types(), expected.relation_types());
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v) {
    EXPECT_EQ(net.vertex(net.stakeholder_at(v).id), v);
    EXPECT_EQ(net.stakeholder(expected.stakeholder_at(v).id).id, expected.stakeholder_at(v).id);
  }
  for (const auto& p : expected.projects()) EXPECT_EQ(net.project(p.id), p);
  for (const auto& d : expected.decisions()) EXPECT_EQ(net.decision(d.id), d);
  cp::Network probe = net;
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    const cp::Relation r = net.relation_at(i);
    EXPECT_EQ(net.find_relation(r.source, r.target, r.type), i);
    EXPECT_EQ(net.relation_type_index(i), expected.relation_type_index(i));
    EXPECT_EQ(net.relation_source(i), expected.relation_source(i));
    EXPECT_EQ(net.relation_target(i), expected.relation_target(i));
    EXPECT_THROW(probe.add_relation(r), cp::duplicate_id);
  }
  const auto& g = net.graph();
  const auto& h = expected.graph();
  ASSERT_EQ(boost::num_vertices(g), boost::num_vertices(h));
  ASSERT_EQ(boost::num_edges(g), boost::num_edges(h));
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    const auto e = net.edge_at(i), f = expected.edge_at(i);
    EXPECT_EQ(boost::source(e, g), boost::source(f, h));
    EXPECT_EQ(boost::target(e, g), boost::target(f, h));
    EXPECT_EQ(g[e], h[f]);
    EXPECT_EQ(g[boost::source(e, g)], h[boost::source(f, h)]);
  }
  const auto a = cp::edges_of(net, {}, true), b = cp::edges_of(expected, {}, true);
  EXPECT_EQ(a.vertices, b.vertices);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.weight, b.weight);
  EXPECT_EQ(cp::decision_power(net), cp::decision_power(expected));
}

// Runs `edit` and checks it throws `E` naming `where` and `field`, with `in_message` in its
// text, and that the network is exactly as before.
template <class E, class Edit>
void expect_refused(cp::Network& net, Edit edit, const std::string& where,
                    const std::string& field, const std::string& in_message) {
  const cp::Network before = net;
  const std::string json = cp::dump_json(net);
  try {
    edit(net);
    ADD_FAILURE() << "expected a refusal naming " << where;
  } catch (const E& e) {
    EXPECT_EQ(e.where(), where) << e.what();
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(in_message), std::string::npos) << e.what();
  }
  expect_same(net, before);
  EXPECT_EQ(cp::dump_json(net), json);
}

// -- removing stakeholders --------------------------------------------------------------------

TEST(RemoveStakeholder, AddingThenRemovingGivesTheNetworkBack) {
  cp::Network net = film();
  net.add_stakeholder({.id = "visitor", .label = "A visitor"});
  const cp::removal out = net.remove_stakeholder("visitor");
  EXPECT_EQ(out.stakeholders, std::vector<std::string>{"visitor"});
  EXPECT_TRUE(out.relations.empty() && out.decisions.empty() && out.rights.empty());
  expect_same(net, film());
}

TEST(RemoveStakeholder, LaterVerticesMoveDownOne) {
  Parts parts;
  parts.stakeholders.insert(parts.stakeholders.begin() + 1, group("visitors"));
  cp::Network net = parts.build();
  net.graph();  // a view built before the removal must not survive it
  EXPECT_EQ(net.vertex("womens_group"), 3u);
  net.remove_stakeholder("visitors");
  EXPECT_EQ(net.vertex("womens_group"), 2u);
  EXPECT_FALSE(net.contains("visitors"));
  EXPECT_THROW(net.vertex("visitors"), cp::unknown_id);
  expect_same(net, film());
}

TEST(RemoveStakeholder, RefusesWhileReferredToNamingWhatRefers) {
  cp::Network net = film();
  expect_refused<cp::in_use>(
      net, [](cp::Network& n) { n.remove_stakeholder("womens_group"); }, "womens_group", "",
      "referred to by 2 relations (womens_group->outreach (learns_from), "
      "objects->womens_group (mediates)) and by the rights of 2 decisions (\"film_theme\", "
      "\"film_editing\"); remove or change those first, or remove with cascade");
  try {
    net.remove_stakeholder("womens_group");
  } catch (const cp::in_use& e) {
    EXPECT_EQ(e.code(), "model.in_use");
    EXPECT_EQ(e.relations(), 2u);
    EXPECT_EQ(e.decisions(), (std::vector<std::string>{"film_theme", "film_editing"}));
    EXPECT_NE(dynamic_cast<const cp::model_error*>(&e), nullptr);
  }
  // A right of none is a reference too: the decision lists the stakeholder.
  net.remove_relation("objects", "womens_group", "mediates");
  expect_refused<cp::in_use>(
      net, [](cp::Network& n) { n.remove_stakeholder("objects"); }, "objects", "",
      "referred to by the rights of 1 decision (\"film_theme\")");
  // Only relations: the first three are named, and how many more.
  cp::Network star;
  star.add_stakeholder({.id = "hub"});
  for (const char* id : {"a", "b", "c", "d", "e"}) {
    star.add_stakeholder({.id = id});
    star.add_relation(rel(id, "hub", "informs"));
  }
  expect_refused<cp::in_use>(
      star, [](cp::Network& n) { n.remove_stakeholder("hub"); }, "hub", "",
      "referred to by 5 relations (a->hub (informs), b->hub (informs), c->hub (informs) and 2 "
      "more); remove");
}

TEST(RemoveStakeholder, CascadeTakesItsRelationsAndRightsAndSaysSo) {
  cp::Network net = film();
  const cp::removal out = net.remove_stakeholder("womens_group", true);
  EXPECT_EQ(out.stakeholders, std::vector<std::string>{"womens_group"});
  ASSERT_EQ(out.relations.size(), 2u);
  EXPECT_EQ(out.relations[0], reported());  // as it was, provenance and all
  EXPECT_EQ(out.relations[1], rel("objects", "womens_group", "mediates"));
  EXPECT_TRUE(out.decisions.empty());
  EXPECT_EQ(out.rights, (std::vector<cp::removed_right>{
                            {"film_theme", "womens_group", cp::Right::shared, 2, true},
                            {"film_editing", "womens_group", cp::Right::involved, {}, false}}));
  // Holders 2 + 1 votes still reach the quota of 3; the veto went with its holder.
  Parts parts;
  std::erase_if(parts.stakeholders, [](const auto& s) { return s.id == "womens_group"; });
  parts.relations.erase(parts.relations.begin() + 3, parts.relations.begin() + 5);
  for (cp::Decision& d : parts.decisions) {
    d.rights.erase("womens_group");
    d.rule.votes.erase("womens_group");
    d.rule.veto.clear();
  }
  expect_same(net, parts.build());
}

TEST(RemoveStakeholder, CascadeRemovesADecisionItsRuleCannotSurvive) {
  cp::Network net = film();
  const cp::removal out = net.remove_stakeholder("outreach", true);
  // film_editing's sole decider is gone: the decision goes; the others keep their holders.
  EXPECT_EQ(out.decisions, std::vector<std::string>{"film_editing"});
  EXPECT_EQ(out.relations.size(), 5u);
  EXPECT_EQ(out.rights, (std::vector<cp::removed_right>{
                            {"film_theme", "outreach", cp::Right::shared, 2, false},
                            {"film_budget", "outreach", cp::Right::shared, {}, false}}));
  EXPECT_EQ(net.relation_types(), std::vector<std::string>{"mediates"});
  Parts parts;
  parts.stakeholders.erase(parts.stakeholders.begin());
  parts.relations = {rel("objects", "womens_group", "mediates")};
  parts.decisions = {film_theme(), film_budget()};
  for (cp::Decision& d : parts.decisions) {
    d.rights.erase("outreach");
    d.rule.votes.erase("outreach");
  }
  expect_same(net, parts.build());

  // A quota above the votes left, and a decision left with no holder, go too.
  cp::Network q;
  for (const char* id : {"a", "b", "c"}) q.add_stakeholder({.id = id});
  q.add_project({.id = "p"});
  q.add_decision({.id = "quota", .project = "p",
                  .rights = {{"a", cp::Right::shared}, {"b", cp::Right::shared}},
                  .rule = {.kind = cp::RuleKind::quota, .votes = {{"a", 2}, {"b", 2}}, .quota = 3}});
  q.add_decision({.id = "alone", .project = "p",
                  .rights = {{"a", cp::Right::shared}, {"c", cp::Right::consulted}},
                  .rule = {.kind = cp::RuleKind::majority}});
  q.add_decision({.id = "stays", .project = "p",
                  .rights = {{"a", cp::Right::shared}, {"b", cp::Right::shared}},
                  .rule = {.kind = cp::RuleKind::majority}});
  const cp::removal gone = q.remove_stakeholder("a", true);
  EXPECT_EQ(gone.decisions, (std::vector<std::string>{"quota", "alone"}));
  EXPECT_EQ(gone.rights, (std::vector<cp::removed_right>{
                             {"stays", "a", cp::Right::shared, {}, false}}));
  ASSERT_EQ(q.num_decisions(), 1u);
  EXPECT_EQ(q.decision("stays").rights, (std::map<std::string, cp::Right>{{"b", cp::Right::shared}}));
  EXPECT_THROW(q.decision("quota"), cp::unknown_id);
}

TEST(RemoveStakeholder, ManyInOnePassAllOrNone) {
  cp::Network batch = film(), one_by_one = film();
  const std::vector<std::string> ids{"funder", "objects", "funder"};
  const cp::removal out = batch.remove_stakeholders(ids, true);
  EXPECT_EQ(out.stakeholders, (std::vector<std::string>{"objects", "funder"}));
  one_by_one.remove_stakeholder("funder", true);
  one_by_one.remove_stakeholder("objects", true);
  expect_same(batch, one_by_one);
  cp::Network net = film();
  const std::vector<std::string> bad{"objects", "nhs"};
  expect_refused<cp::unknown_id>(
      net, [&](cp::Network& n) { n.remove_stakeholders(bad, true); }, "nhs", "",
      "unknown stakeholder \"nhs\"");
  // The refusal names the first stakeholder asked for that something refers to.
  const std::vector<std::string> both{"funder", "objects"};
  expect_refused<cp::in_use>(
      net, [&](cp::Network& n) { n.remove_stakeholders(both); }, "funder", "",
      "referred to by 2 relations");
  // Removing everyone leaves an empty but usable network.
  std::vector<std::string> all;
  for (const auto& s : net.stakeholders()) all.push_back(s.id);
  const cp::removal everything = net.remove_stakeholders(all, true);
  EXPECT_EQ(everything.decisions.size(), 3u);
  EXPECT_EQ(net.num_stakeholders(), 0u);
  EXPECT_EQ(net.num_relations(), 0u);
  EXPECT_TRUE(net.relation_types().empty());
  net.add_stakeholder(group("outreach"));
  net.add_stakeholder(group("funder"));
  net.add_relation(rel("funder", "outreach", "funds"));
  EXPECT_EQ(net.relation_types(), std::vector<std::string>{"funds"});
}

// -- removing relations, projects and decisions ---------------------------------------------

TEST(RemoveRelation, ByPositionOrByKeyAndTheTypesFollow) {
  cp::Network net = film();
  const cp::removal out = net.remove_relation(0);
  EXPECT_EQ(out.relations, std::vector<cp::Relation>{rel("probation_staff", "outreach", "refers")});
  Parts parts;
  parts.relations.erase(parts.relations.begin());
  expect_same(net, parts.build());
  EXPECT_EQ(net.relation_types().front(), "learns_from");  // "refers" no relation has now
  net.remove_relation("objects", "womens_group", "mediates");
  parts.relations.erase(parts.relations.begin() + 3);
  expect_same(net, parts.build());
  // Put back, it is new again (the key set forgot it) and goes at the end.
  net.add_relation(rel("probation_staff", "outreach", "refers"));
  parts.relations.push_back(rel("probation_staff", "outreach", "refers"));
  expect_same(net, parts.build());
}

TEST(RemoveRelation, AddingThenRemovingGivesTheNetworkBack) {
  cp::Network net = film();
  net.add_relation(rel("funder", "womens_group", "pays"));
  net.remove_relation(net.num_relations() - 1);
  expect_same(net, film());
}

TEST(RemoveRelation, ManyAndRefusals) {
  cp::Network net = film();
  const std::vector<std::size_t> positions{5, 1, 5, 2};
  const cp::removal out = net.remove_relations(positions);
  EXPECT_EQ(out.relations.size(), 3u);  // in network order, once each
  EXPECT_EQ(out.relations[0].type, "learns_from");
  EXPECT_EQ(out.relations[2].type, "funds");
  Parts parts;
  parts.relations = {parts.relations[0], parts.relations[3], parts.relations[4]};
  expect_same(net, parts.build());
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.remove_relation(3); }, "relation 3", "",
      "no relation at position 3 (the network has 3 relations)");
  const std::vector<std::size_t> some_bad{0, 7};
  expect_refused<cp::unknown_id>(
      net, [&](cp::Network& n) { n.remove_relations(some_bad); }, "relation 7", "",
      "no relation at position 7");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.remove_relation("outreach", "funder", "funds"); },
      "outreach->funder (funds)", "", "no relation outreach->funder (funds)");
  EXPECT_EQ(net.find_relation("outreach", "nobody", "funds"), std::nullopt);
  EXPECT_EQ(net.find_relation("outreach", "funder", "no_such_type"), std::nullopt);
}

TEST(RemoveProject, RefusesWithDecisionsOrCascades) {
  cp::Network net = film();
  expect_refused<cp::in_use>(
      net, [](cp::Network& n) { n.remove_project("film"); }, "film", "",
      "3 decisions (\"film_theme\", \"film_editing\", \"film_budget\") belong to it");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.remove_project("exhibition"); }, "exhibition", "",
      "unknown project \"exhibition\"");
  const cp::removal out = net.remove_project("film", true);
  EXPECT_EQ(out.projects, std::vector<std::string>{"film"});
  EXPECT_EQ(out.decisions,
            (std::vector<std::string>{"film_theme", "film_editing", "film_budget"}));
  Parts parts;
  parts.projects = {{.id = "archive"}};
  parts.decisions.clear();
  expect_same(net, parts.build());
  net.remove_project("archive");
  EXPECT_EQ(net.num_projects(), 0u);
  cp::Network both = film();
  const std::vector<std::string> ids{"archive", "film"};
  EXPECT_EQ(both.remove_projects(ids, true).projects, (std::vector<std::string>{"film", "archive"}));
}

TEST(RemoveDecision, OneOrMany) {
  cp::Network net = film();
  const cp::removal out = net.remove_decision("film_editing");
  EXPECT_EQ(out.decisions, std::vector<std::string>{"film_editing"});
  Parts parts;
  parts.decisions = {film_theme(), film_budget()};
  expect_same(net, parts.build());
  EXPECT_EQ(net.decision("film_budget").id, "film_budget");  // the index moved it down
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.remove_decision("film_editing"); }, "film_editing", "",
      "unknown decision \"film_editing\"");
  const std::vector<std::string> ids{"film_budget", "film_theme"};
  net.remove_decisions(ids);
  EXPECT_EQ(net.num_decisions(), 0u);
  net.add_decision(film_editing());  // its id is free again
  EXPECT_EQ(net.decision("film_editing"), film_editing());
}

// -- updating --------------------------------------------------------------------------------

TEST(UpdateStakeholder, ChangesFieldsInPlace) {
  cp::Network net = film();
  net.graph();
  const cp::Stakeholder& s =
      net.update_stakeholder("womens_group", [](cp::Stakeholder& w) {
        w.paid = true;
        w.size = 9;
        w.attributes = {{"meets", "weekly"}};
      });
  EXPECT_EQ(s.paid, true);
  Parts parts;
  parts.stakeholders[2].paid = true;
  parts.stakeholders[2].size = 9;
  parts.stakeholders[2].attributes = {{"meets", "weekly"}};
  expect_same(net, parts.build());
  EXPECT_EQ(net.graph()[net.vertex("womens_group")].paid, true);  // the view was rebuilt
  cp::Stakeholder plain = group("womens_group");
  net.update_stakeholder("womens_group", plain);
  expect_same(net, film());
}

TEST(UpdateStakeholder, CheckedAsAnInsertAndUnchangedWhenRefused) {
  cp::Network net = film();
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_stakeholder("womens_group", [](auto& s) { s.size = 0; }); },
      "womens_group", "size", "must be an integer >= 1, not 0");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.update_stakeholder("funder", [](auto& s) { s.influence = -1.0; });
      },
      "funder", "influence", ">= 0");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.update_stakeholder("nhs", [](auto&) {}); }, "nhs", "",
      "unknown stakeholder \"nhs\"");
  // An object holds no rights: funder holds one in film_budget.
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_stakeholder("funder", [](auto& s) { s.kind = cp::Kind::object; }); },
      "funder", "kind",
      "an object holds no decision rights, and \"funder\" holds shared in decision "
      "\"film_budget\"");
  // An edit that throws changes nothing either.
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.update_stakeholder("funder", [](auto& s) {
          s.label = "changed";
          throw cp::invalid_value("funder", "label", "the edit gave up");
        });
      },
      "funder", "label", "the edit gave up");
  // With only a right of none, becoming an object is allowed.
  net.update_stakeholder("outreach", [](auto&) {});
  cp::Network objects = film();
  objects.remove_relation("objects", "womens_group", "mediates");
  objects.update_stakeholder("objects", [](auto& s) { s.kind = cp::Kind::person; });
  objects.update_stakeholder("objects", [](auto& s) { s.kind = cp::Kind::object; });
  EXPECT_EQ(objects.stakeholder("objects").kind, cp::Kind::object);
}

TEST(UpdateStakeholder, RenamingRewritesEveryReference) {
  cp::Network net = film();
  net.update_stakeholder("outreach", [](cp::Stakeholder& s) { s.id = "museum"; });
  net.update_stakeholder("womens_group", [](cp::Stakeholder& s) { s.id = "women"; });
  EXPECT_FALSE(net.contains("outreach"));
  EXPECT_EQ(net.vertex("museum"), 0u);
  // The same partnership written with the new ids from the start.
  cp::Network direct;
  direct.add_stakeholder(group("museum", true));
  direct.add_stakeholder(group("probation_staff"));
  direct.add_stakeholder(group("women"));
  direct.add_stakeholder({.id = "objects", .kind = cp::Kind::object});
  direct.add_stakeholder({.id = "funder", .kind = cp::Kind::organisation});
  direct.add_relation(rel("probation_staff", "museum", "refers"));
  direct.add_relation(rel("museum", "probation_staff", "learns_from"));
  direct.add_relation(rel("probation_staff", "museum", "learns_from"));
  cp::Relation r = reported();
  r.source = "women";
  r.target = "museum";
  r.provenance.reported_by = "museum";
  direct.add_relation(r);
  direct.add_relation(rel("objects", "women", "mediates"));
  direct.add_relation(rel("funder", "museum", "funds"));
  direct.add_project({.id = "film"});
  direct.add_project({.id = "archive"});
  cp::Decision theme = film_theme();
  theme.rights = {{"museum", cp::Right::shared}, {"probation_staff", cp::Right::shared},
                  {"women", cp::Right::shared}, {"objects", cp::Right::none}};
  theme.rule.votes = {{"museum", 2}, {"probation_staff", 1}, {"women", 2}};
  theme.rule.veto = {"women"};
  direct.add_decision(theme);
  cp::Decision editing = film_editing();
  editing.rights = {{"museum", cp::Right::decides}, {"women", cp::Right::involved},
                    {"probation_staff", cp::Right::informed}};
  direct.add_decision(editing);
  cp::Decision budget = film_budget();
  budget.rights = {{"museum", cp::Right::shared}, {"funder", cp::Right::shared}};
  direct.add_decision(budget);
  expect_same(net, direct);

  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.update_stakeholder("women", [](auto& s) { s.id = "funder"; }); },
      "funder", "id", "stakeholder \"funder\" already exists");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_stakeholder("women", [](auto& s) { s.id = ""; }); }, "",
      "id", "an id must not be empty");
  // The id given may be a view of the stored id that the update replaces.
  net.update_stakeholder(net.stakeholder_at(1).id, [](auto& s) { s.id = "probation"; });
  EXPECT_TRUE(net.contains("probation"));
  EXPECT_EQ(net.relation_at(0).source, "probation");
}

TEST(UpdateRelation, SameKeyInPlaceNewKeyChecked) {
  cp::Network net = film();
  net.graph();
  const cp::Relation r = net.update_relation(5, [](cp::Relation& f) {
    f.weight = 3;
    f.scale = cp::Scale::place;
  });
  EXPECT_EQ(r.weight, 3.0);
  Parts parts;
  parts.relations[5].weight = 3;
  parts.relations[5].scale = cp::Scale::place;
  expect_same(net, parts.build());
  // A new type: the types are in order of first appearance, as if built so.
  net.update_relation(0, [](cp::Relation& f) { f.type = "consults"; });
  parts.relations[0].type = "consults";
  expect_same(net, parts.build());
  EXPECT_EQ(net.relation_types().front(), "consults");
  // A new end.
  net.update_relation(4, [](cp::Relation& f) { f.target = "funder"; });
  parts.relations[4].target = "funder";
  expect_same(net, parts.build());

  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.update_relation(1, [](auto& f) { f.source = "probation_staff"; f.target = "outreach"; }); },
      "probation_staff->outreach (learns_from)", "", "already exists");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_relation(1, [](auto& f) { f.target = "outreach"; }); },
      "outreach->outreach (learns_from)", "target", "a stakeholder cannot relate to itself");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.update_relation(1, [](auto& f) { f.target = "nhs"; }); },
      "outreach->nhs (learns_from)", "target", "unknown stakeholder \"nhs\"");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_relation(1, [](auto& f) { f.weight = 0.0; }); },
      "outreach->probation_staff (learns_from)", "weight", "finite number > 0");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_relation(1, [](auto& f) { f.type = "Learns"; }); },
      "outreach->probation_staff (Learns)", "type", "is not a type name");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.update_relation(6, [](auto&) {}); }, "relation 6", "",
      "no relation at position 6");
}

TEST(UpdateRelation, ProvenanceAndAttributesComeAndGo) {
  // Relations 1 and 3 get provenance, then 1 loses it: 3's must stay its own.
  cp::Network net = film();
  Parts parts;
  net.update_relation(1, [](auto& f) { f.provenance.method = "interview"; });
  parts.relations[1].provenance.method = "interview";
  net.update_relation(4, [](auto& f) { f.attributes = {{"object", "photograph"}}; });
  parts.relations[4].attributes = {{"object", "photograph"}};
  expect_same(net, parts.build());
  net.update_relation(3, [](auto& f) { f.provenance = {}; });
  parts.relations[3].provenance = {};
  expect_same(net, parts.build());
  net.update_relation(1, [](auto& f) { f.provenance = {}; });
  parts.relations[1].provenance = {};
  expect_same(net, parts.build());
  net.update_relation(4, net.relation_at(4));  // the value form, with the same value
  expect_same(net, parts.build());
  // And removals after these updates keep every relation's own provenance.
  net.update_relation(0, [](auto& f) { f.provenance.reported_by = "probation_staff"; });
  parts.relations[0].provenance.reported_by = "probation_staff";
  net.remove_relation(1);
  parts.relations.erase(parts.relations.begin() + 1);
  expect_same(net, parts.build());
}

TEST(UpdateProject, FieldsAndRenaming) {
  cp::Network net = film();
  net.update_project("film", [](cp::Project& p) {
    p.id = "stories";
    p.claimed = cp::CollaborationType::co_production;
  });
  Parts parts;
  parts.projects[0] = {.id = "stories", .claimed = cp::CollaborationType::co_production};
  for (cp::Decision& d : parts.decisions) d.project = "stories";
  expect_same(net, parts.build());
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.update_project("stories", [](auto& p) { p.id = "archive"; }); },
      "archive", "id", "project \"archive\" already exists");
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_project("archive", [](auto& p) { p.attributes = 3; }); },
      "archive", "attributes", "attributes must be an object");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.update_project("film", cp::Project{.id = "film"}); }, "film",
      "", "unknown project \"film\"");
}

TEST(UpdateDecision, CheckedAsAnInsert) {
  cp::Network net = film();
  // Rights that leave a veto to someone who no longer holds the decision are refused ...
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.update_decision("film_theme",
                          [](auto& d) { d.rights["womens_group"] = cp::Right::involved; });
      },
      "film_theme", "rule/votes/womens_group", "\"womens_group\" does not hold the decision");
  // ... and go through with the rule changed with them.
  net.update_decision("film_theme", [](cp::Decision& d) {
    d.rights["womens_group"] = cp::Right::involved;
    d.rule.votes.erase("womens_group");
    d.rule.veto.clear();
  });
  Parts parts;
  parts.decisions[0].rights["womens_group"] = cp::Right::involved;
  parts.decisions[0].rule.votes.erase("womens_group");
  parts.decisions[0].rule.veto.clear();
  expect_same(net, parts.build());
  expect_refused<cp::invalid_value>(
      net, [](cp::Network& n) { n.update_decision("film_theme", [](auto& d) { d.rule.quota = 4; }); },
      "film_theme", "rule/quota", "larger than the 3 votes");
  expect_refused<cp::invalid_value>(
      net,
      [](cp::Network& n) {
        n.update_decision("film_budget", [](auto& d) { d.rights["objects"] = cp::Right::informed; });
      },
      "film_budget", "rights/objects", "the object \"objects\" cannot hold a right");
  expect_refused<cp::unknown_id>(
      net, [](cp::Network& n) { n.update_decision("film_budget", [](auto& d) { d.project = "x"; }); },
      "film_budget", "project", "unknown project \"x\"");
  expect_refused<cp::duplicate_id>(
      net, [](cp::Network& n) { n.update_decision("film_budget", [](auto& d) { d.id = "film_theme"; }); },
      "film_theme", "id", "decision \"film_theme\" already exists");
  net.update_decision("film_budget", [](auto& d) { d.id = "budget"; });
  EXPECT_EQ(net.decision("budget").rights.size(), 2u);
  EXPECT_THROW(net.decision("film_budget"), cp::unknown_id);
  EXPECT_EQ(net.decisions()[2].id, "budget");
}

// -- every edit is a change: refused while the network is read --------------------------------

TEST(Editing, EveryEditIsRefusedWhileTheNetworkIsRead) {
  const std::vector<std::string> two{"funder", "objects"};
  const std::vector<std::size_t> positions{0};
  const std::vector<std::pair<std::string, std::function<void(cp::Network&)>>> edits{
      {"remove_stakeholder", [](cp::Network& n) { n.remove_stakeholder("funder", true); }},
      {"remove_stakeholders", [&](cp::Network& n) { n.remove_stakeholders(two, true); }},
      {"remove_relation", [](cp::Network& n) { n.remove_relation(0); }},
      {"remove_relation", [](cp::Network& n) { n.remove_relation("funder", "outreach", "funds"); }},
      {"remove_relations", [&](cp::Network& n) { n.remove_relations(positions); }},
      {"remove_project", [](cp::Network& n) { n.remove_project("archive"); }},
      {"remove_projects", [](cp::Network& n) { n.remove_projects(std::vector<std::string>{"archive"}); }},
      {"remove_decision", [](cp::Network& n) { n.remove_decision("film_budget"); }},
      {"remove_decisions", [](cp::Network& n) { n.remove_decisions(std::vector<std::string>{"film_budget"}); }},
      {"update_stakeholder", [](cp::Network& n) { n.update_stakeholder("funder", [](auto& s) { s.paid = true; }); }},
      {"update_stakeholder", [](cp::Network& n) { n.update_stakeholder("funder", group("funder")); }},
      {"update_relation", [](cp::Network& n) { n.update_relation(0, [](auto& r) { r.weight = 2; }); }},
      {"update_relation", [](cp::Network& n) { n.update_relation(0, rel("outreach", "funder", "informs")); }},
      {"update_project", [](cp::Network& n) { n.update_project("archive", [](auto& p) { p.label = "A"; }); }},
      {"update_project", [](cp::Network& n) { n.update_project("archive", cp::Project{.id = "a"}); }},
      {"update_decision", [](cp::Network& n) { n.update_decision("film_budget", [](auto& d) { d.weight = 2; }); }},
      {"update_decision", [](cp::Network& n) {
         cp::Decision budget = film_budget();
         budget.label = "Budget";
         n.update_decision("film_budget", budget);
       }},
  };
  for (const auto& [name, edit] : edits) {
    cp::Network net = film();
    const std::string before = cp::dump_json(net);
    {
      const auto guard = net.reading();
      try {
        edit(net);
        ADD_FAILURE() << name << " went through while the network was read";
      } catch (const cp::concurrent_modification& e) {
        EXPECT_EQ(e.where(), name);
      }
    }
    EXPECT_EQ(cp::dump_json(net), before) << name;
    edit(net);  // once the reader is done it goes through
    EXPECT_NE(cp::dump_json(net), before) << name;
    expect_same(net, rebuilt(net));
  }
}

// -- random sequences: the indices always agree with the contents ----------------------------

TEST(Editing, RandomSequencesKeepEveryIndexConsistentAndRefusalsChangeNothing) {
  std::mt19937 rng(20130214);
  const std::vector<std::string> ids{"a", "b", "c", "d", "e", "f"};
  const std::vector<std::string> types{"informs", "trusts", "learns_from"};
  auto pick = [&](const auto& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)]; };
  auto coin = [&] { return std::uniform_int_distribution<int>(0, 1)(rng) == 1; };
  std::size_t applied = 0, refused = 0;
  for (int round = 0; round < 40; ++round) {
    cp::Network net;
    net.add_project({.id = "p"});
    for (int step = 0; step < 60; ++step) {
      const cp::Network before = net;
      const std::size_t m = net.num_relations();
      const auto relation = [&] {
        return m == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, m - 1)(rng);
      };
      try {
        switch (std::uniform_int_distribution<int>(0, 9)(rng)) {
          case 0: case 1:
            net.add_stakeholder({.id = pick(ids), .kind = coin() ? cp::Kind::person : cp::Kind::object});
            break;
          case 2: case 3: {
            cp::Relation r = rel(pick(ids), pick(ids), pick(types));
            if (coin()) r.provenance.reported_by = pick(ids);
            net.add_relation(r);
            break;
          }
          case 4: {
            const std::string a = pick(ids), b = pick(ids);
            net.add_decision({.id = "d" + std::to_string(step), .project = "p",
                              .rights = {{a, cp::Right::decides}, {b, cp::Right::informed}},
                              .rule = {.kind = cp::RuleKind::sole}});
            break;
          }
          case 5: net.remove_stakeholder(pick(ids), coin()); break;
          case 6: net.remove_relation(relation()); break;
          case 7: net.update_stakeholder(pick(ids), [&](cp::Stakeholder& s) {
              if (coin()) s.id = pick(ids);
              else s.kind = coin() ? cp::Kind::person : cp::Kind::object;
            });
            break;
          case 8: net.update_relation(relation(), [&](cp::Relation& r) {
              if (coin()) r.type = pick(types);
              else r.target = pick(ids);
              r.provenance.reported_by = coin() ? pick(ids) : "";
            });
            break;
          case 9:
            if (net.num_decisions() > 0) net.remove_decision(net.decisions()[0].id);
            break;
        }
        ++applied;
      } catch (const cp::model_error&) {
        ++refused;
        ASSERT_TRUE(net == before);
        ASSERT_EQ(net.relation_types(), before.relation_types());
      }
      ASSERT_NO_FATAL_FAILURE(expect_same(net, rebuilt(net))) << "round " << round << " step " << step;
    }
  }
  EXPECT_GT(applied, 600u);
  EXPECT_GT(refused, 300u);
}

}  // namespace
