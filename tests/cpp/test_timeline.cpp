// Timelines: presence of each stakeholder in each wave, the rules of the waves, the timeline
// document (round trip, every problem at its pointer from the root, the limits), and the
// difference of two networks, each number worked out by hand in the comments.

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

cp::Network people(const std::vector<std::string>& ids) {
  cp::Network net;
  for (const std::string& id : ids) net.add_stakeholder({.id = id, .kind = cp::Kind::group});
  return net;
}

cp::Wave wave(std::string name, cp::Network net, std::vector<std::string> not_surveyed = {},
              std::string date = {}) {
  return cp::Wave{std::move(name), std::move(net), std::move(not_surveyed), std::move(date)};
}

// Three waves: {a, b, c}; {a, c, d} with c not surveyed; {a, b, d}.
cp::Timeline three_waves() {
  return cp::Timeline({wave("2013", people({"a", "b", "c"}), {}, "2013-02-14"),
                       wave("2014", people({"a", "c", "d"}), {"c"}),
                       wave("2015", people({"a", "b", "d"}), {}, "spring 2015")},
                      json{{"study", "outreach partnership"}});
}

// Reads `doc` as a timeline and returns every problem as "pointer code".
std::vector<std::string> problems_of(const json& doc) {
  try {
    cp::timeline_from_document(doc);
  } catch (const cp::format_error& e) {
    std::vector<std::string> out;
    for (const auto& p : e.problems()) out.push_back(p.pointer + " " + p.code);
    return out;
  }
  return {};
}

bool has(const std::vector<std::string>& all, const std::string& one) {
  return std::find(all.begin(), all.end(), one) != all.end();
}

// A valid timeline document of two waves, using every field of a wave once.
json document() {
  return json::parse(R"({
    "format": "coproduction", "version": 1,
    "metadata": {"title": "two waves"},
    "waves": [
      {"name": "2013", "date": "2013-02-14", "not_surveyed": ["probation"],
       "network": {
         "metadata": {"wave": 1},
         "stakeholders": [
           {"id": "outreach", "kind": "group", "role": "museum_staff", "convenor": true},
           {"id": "womens_group", "kind": "group", "role": "service_user", "size": 9},
           {"id": "probation", "kind": "organisation"}],
         "relations": [
           {"source": "womens_group", "target": "outreach", "type": "learns_from"},
           {"source": "probation", "target": "womens_group", "type": "refers", "weight": 2}],
         "projects": [{"id": "film"}],
         "decisions": [
           {"id": "theme", "project": "film", "stage": "design", "rule": {"kind": "sole"},
            "rights": {"outreach": "decides", "womens_group": "consulted"}}]}},
      {"name": "2014",
       "network": {
         "stakeholders": [
           {"id": "outreach", "kind": "group", "role": "museum_staff", "convenor": true},
           {"id": "womens_group", "kind": "group", "role": "service_user", "size": 11}],
         "relations": [
           {"source": "womens_group", "target": "outreach", "type": "learns_from"},
           {"source": "outreach", "target": "womens_group", "type": "learns_from"}],
         "projects": [{"id": "film"}],
         "decisions": [
           {"id": "theme", "project": "film", "stage": "design", "rule": {"kind": "majority"},
            "rights": {"outreach": "shared", "womens_group": "shared"}}]}}]
  })");
}

}  // namespace

// ---- presence --------------------------------------------------------------------------

TEST(Timeline, PresenceOfEachStakeholderInEachWave) {
  const cp::Timeline t = three_waves();
  const cp::presence_table p = t.presence();
  ASSERT_EQ(p.ids, (std::vector<std::string>{"a", "b", "c", "d"}));  // first appearance
  ASSERT_EQ(p.waves, 3u);
  using P = cp::Presence;
  // 2013 (first wave): in it -> present, else absent.
  // 2014: a in both -> present; b left; c listed as not surveyed; d joined.
  // 2015: a present; b back -> joined; c gone -> left; d in both -> present.
  const std::vector<std::vector<P>> expected = {
      {P::present, P::present, P::present, P::absent},
      {P::present, P::left, P::not_surveyed, P::joined},
      {P::present, P::joined, P::left, P::present}};
  for (std::size_t w = 0; w < 3; ++w)
    for (std::size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(p.at(w, k), expected[w][k]) << "wave " << w << " id " << p.ids[k];
      EXPECT_EQ(t.presence(w, p.ids[k]), expected[w][k]);
    }
  // The codes are those the bindings hand to numpy.
  EXPECT_EQ(static_cast<int>(P::present), 0);
  EXPECT_EQ(static_cast<int>(P::not_surveyed), 4);
  EXPECT_EQ(cp::to_string(P::not_surveyed), "not surveyed");
  EXPECT_EQ(cp::to_string(P::joined), "joined");
  EXPECT_THROW(t.presence(0, "nobody"), cp::unknown_id);
  EXPECT_THROW(t.presence(3, "a"), std::out_of_range);
}

TEST(Timeline, AStakeholderAbsentForTwoWavesIsAbsentNotLeft) {
  const cp::Timeline t({wave("1", people({"a", "b"})), wave("2", people({"a"})),
                        wave("3", people({"a"})), wave("4", people({"a", "b"}))});
  const cp::presence_table p = t.presence();
  EXPECT_EQ(p.at(1, 1), cp::Presence::left);
  EXPECT_EQ(p.at(2, 1), cp::Presence::absent);
  EXPECT_EQ(p.at(3, 1), cp::Presence::joined);
}

TEST(Timeline, Accessors) {
  const cp::Timeline t = three_waves();
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.names(), (std::vector<std::string>{"2013", "2014", "2015"}));
  EXPECT_EQ(t.wave("2014").not_surveyed, std::vector<std::string>{"c"});
  EXPECT_EQ(t.find("2015"), std::optional<std::size_t>(2));
  EXPECT_FALSE(t.find("2016"));
  EXPECT_EQ(t.wave(0).date, "2013-02-14");
  EXPECT_EQ(t.metadata()["study"], "outreach partnership");
  EXPECT_THROW(t.wave(3), std::out_of_range);
  EXPECT_THROW(t.wave("2016"), cp::unknown_id);
  EXPECT_EQ(t.stakeholders(), (std::vector<std::string>{"a", "b", "c", "d"}));
  cp::Timeline copy = t;
  EXPECT_TRUE(copy == t);
  copy.set_metadata(nullptr);
  EXPECT_FALSE(copy == t);
}

// ---- rules -------------------------------------------------------------------------------

TEST(Timeline, WavesAreCheckedWhenAdded) {
  try {
    cp::Timeline({wave("", people({"a"}))});
    FAIL();
  } catch (const cp::invalid_value& e) {
    EXPECT_EQ(e.where(), "wave 0");
    EXPECT_EQ(e.field(), "name");
  }
  try {
    cp::Timeline({wave("2013", people({"a"})), wave("2013", people({"a"}))});
    FAIL();
  } catch (const cp::duplicate_id& e) {
    EXPECT_EQ(e.where(), "2013");
    EXPECT_EQ(e.field(), "name");
  }
  try {
    cp::Timeline({wave("2013", people({"a", "b"}), {"a", "nhs"})});
    FAIL();
  } catch (const cp::unknown_id& e) {
    EXPECT_EQ(e.where(), "2013");
    EXPECT_EQ(e.field(), "not_surveyed/1");
    EXPECT_NE(e.message().find("\"nhs\""), std::string::npos);
  }
  try {
    cp::Timeline({wave("2013", people({"a"}), {"a", "a"})});
    FAIL();
  } catch (const cp::duplicate_id& e) {
    EXPECT_EQ(e.field(), "not_surveyed/1");
  }
  EXPECT_THROW(cp::Timeline({}, json::array()), cp::invalid_value);  // metadata not an object

  // A refused wave leaves the timeline as it was.
  cp::Timeline t({wave("2013", people({"a"}))});
  EXPECT_THROW(t.add_wave(wave("2014", people({"b"}), {"a"})), cp::unknown_id);
  EXPECT_THROW(t.add_wave(wave("2013", people({"b"}))), cp::duplicate_id);
  EXPECT_EQ(t.size(), 1u);
  t.add_wave(wave("2014", people({"b"}), {"b"}));
  EXPECT_EQ(t.names(), (std::vector<std::string>{"2013", "2014"}));
}

TEST(Timeline, FreeValuesMustFitATimelineDocument) {
  // Attributes nested as deeply as a network document allows (level 4 + depth <= 256) sit
  // three levels deeper inside a timeline; the wave is refused before it is stored.
  json deep = json::object();
  for (std::size_t i = 1; i < cp::max_nesting - cp::attributes_level + 1; ++i)
    deep = json{{"x", deep}};
  cp::Network net;
  net.add_stakeholder({.id = "a", .kind = cp::Kind::group, .attributes = deep});
  try {
    cp::Timeline({wave("2013", std::move(net))});
    FAIL();
  } catch (const cp::invalid_value& e) {
    EXPECT_EQ(e.field(), "network/stakeholders/0/attributes");
  }
}

TEST(Timeline, AnEmptyTimelineIsNotWritten) {
  EXPECT_THROW(cp::dump_timeline(cp::Timeline{}), cp::input_error);
}

// ---- the document ------------------------------------------------------------------------

TEST(TimelineJson, ReadThenWriteGivesTheSameValue) {
  const json doc = document();
  const cp::Timeline t = cp::timeline_from_document(doc);
  EXPECT_EQ(cp::to_document(t), doc);
  EXPECT_EQ(t.size(), 2u);
  EXPECT_EQ(t.wave(0).not_surveyed, std::vector<std::string>{"probation"});
  EXPECT_EQ(t.wave(0).date, "2013-02-14");
  EXPECT_EQ(t.wave(1).date, "");
  EXPECT_EQ(t.wave(1).network.stakeholder("womens_group").size, 11);
  EXPECT_EQ(t.wave(0).network.metadata()["wave"], 1);
  // Text -> model -> text -> model, on one line and indented.
  EXPECT_TRUE(cp::read_timeline(cp::dump_timeline(t)) == t);
  EXPECT_TRUE(cp::read_timeline(cp::dump_timeline(t, -1)) == t);
  EXPECT_EQ(json::parse(cp::dump_timeline(t)), doc);
}

TEST(TimelineJson, AWaveMayRepeatTheHeaderIfItIsTheSame) {
  json doc = document();
  doc["waves"][1]["network"]["format"] = "coproduction";
  doc["waves"][1]["network"]["version"] = 1;
  EXPECT_TRUE(problems_of(doc).empty());
  doc["waves"][1]["network"]["version"] = 2;
  doc["waves"][0]["network"]["format"] = "graphml";
  const auto found = problems_of(doc);
  EXPECT_TRUE(has(found, "/waves/1/network/version format.version"));
  EXPECT_TRUE(has(found, "/waves/0/network/format format.value"));
}

TEST(TimelineJson, EveryProblemOfEveryWaveIsReportedFromTheRoot) {
  json doc = document();
  doc["waves"][1]["network"]["relations"][1]["target"] = "nhs";    // unknown stakeholder
  doc["waves"][1]["network"]["relations"][0]["weight"] = -1;      // not > 0
  doc["waves"][0]["network"]["stakeholders"][2]["kind"] = "robot";  // not a kind
  doc["waves"][0]["not_surveyed"] = {"probation", "visitors"};    // visitors: no such id
  doc["waves"][1]["colour"] = "red";
  const auto found = problems_of(doc);
  EXPECT_TRUE(has(found, "/waves/1/network/relations/1/target model.unknown_id"));
  EXPECT_TRUE(has(found, "/waves/1/network/relations/0/weight model.invalid_value"));
  EXPECT_TRUE(has(found, "/waves/0/network/stakeholders/2/kind format.value"));
  EXPECT_TRUE(has(found, "/waves/0/not_surveyed/1 model.unknown_id"));
  EXPECT_TRUE(has(found, "/waves/1/colour format.unknown_field"));
  EXPECT_EQ(found.size(), 5u) << ::testing::PrintToString(found);
  // In document order: the first wave's problems come first.
  EXPECT_EQ(found.front().rfind("/waves/0/", 0), 0u);
}

TEST(TimelineJson, TheWavesRulesAreReportedAtTheirPointers) {
  json doc = document();
  doc["waves"][1]["name"] = "2013";
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/waves/1/name model.duplicate_id"});
  doc = document();
  doc["waves"][0]["not_surveyed"] = {"probation", "probation"};
  EXPECT_EQ(problems_of(doc),
            std::vector<std::string>{"/waves/0/not_surveyed/1 model.duplicate_id"});
  doc = document();
  doc["waves"][0]["not_surveyed"] = json::array();
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/waves/0/not_surveyed format.value"});
  doc["waves"][0]["not_surveyed"] = {3};
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/waves/0/not_surveyed/0 format.type"});
  doc = document();
  doc["waves"][0].erase("name");
  doc["waves"][1].erase("network");
  EXPECT_EQ(problems_of(doc), (std::vector<std::string>{"/waves/0/name format.missing",
                                                        "/waves/1/network format.missing"}));
  doc = document();
  doc["waves"][1]["name"] = "";
  doc["waves"][0]["date"] = 2013;
  EXPECT_EQ(problems_of(doc), (std::vector<std::string>{"/waves/0/date format.type",
                                                        "/waves/1/name format.value"}));
  doc = document();
  doc["waves"] = json::array();
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/waves format.value"});
  doc["waves"] = json::object();
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/waves format.type"});
  doc = document();
  doc["waves"][0]["network"]["waves"] = json::array();
  EXPECT_EQ(problems_of(doc),
            std::vector<std::string>{"/waves/0/network/waves format.unknown_field"});
  doc = document();
  doc["stakeholders"] = json::array();
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/stakeholders format.unknown_field"});
  doc = document();
  doc["metadata"] = "notes";
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/metadata format.type"});
  doc = document();
  doc["version"] = 2;
  EXPECT_EQ(problems_of(doc), std::vector<std::string>{"/version format.version"});
}

TEST(TimelineJson, ANetworkIsNotATimelineAndATimelineIsNotANetwork) {
  const std::string network = R"({"format": "coproduction", "version": 1, "stakeholders": [],
                                  "relations": [], "projects": [], "decisions": []})";
  try {
    cp::read_timeline(network);
    FAIL();
  } catch (const cp::format_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.code(), "format.document_kind");
    EXPECT_EQ(e.where(), "/waves");
    EXPECT_NE(std::string(e.what()).find("this document is a network"), std::string::npos);
  }
  try {
    cp::read_json(document().dump());
    FAIL();
  } catch (const cp::format_error& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.code(), "format.document_kind");
    EXPECT_NE(std::string(e.what()).find("this document is a timeline"), std::string::npos);
  }
  // Neither: the missing field is named.
  EXPECT_EQ(problems_of(json{{"format", "coproduction"}, {"version", 1}}),
            std::vector<std::string>{"/waves format.missing"});
}

TEST(TimelineJson, TheLimitsHoldForTheWholeDocument) {
  const std::string text = document().dump();
  try {
    cp::read_timeline(text, cp::ReadLimits{.max_bytes = 100});
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.size");
  }
  // Nesting counts from the root: a wave's relation attributes at level 8 (document > waves
  // > wave > network > relations > relation > attributes > value).
  json doc = document();
  doc["waves"][0]["network"]["relations"][0]["attributes"] = {{"a", {{"b", 1}}}};
  EXPECT_NO_THROW(cp::read_timeline(doc.dump(), cp::ReadLimits{.max_depth = 8}));
  try {
    cp::read_timeline(doc.dump(), cp::ReadLimits{.max_depth = 7});
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.depth");
    EXPECT_EQ(e.where(), "/waves/0/network/relations/0/attributes/a");
  }
  // A deeply nested hostile text stops at the ceiling.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_THROW(cp::read_timeline(deep), cp::format_error);
  EXPECT_THROW(cp::read_timeline(text, cp::ReadLimits{.max_depth = 0}), cp::input_error);
}

TEST(TimelineJson, WrittenAtomicallyAndReadBack) {
  const fs::path dir = fs::temp_directory_path() / "coproduction_test_timeline";
  fs::create_directories(dir);
  const fs::path path = dir / "waves.json";
  const cp::Timeline t = three_waves();
  cp::write_timeline(t, path, 0);
  EXPECT_TRUE(cp::read_timeline_file(path) == t);
  // A failed write (a wave name that is not UTF-8) leaves the old file as it was.
  cp::Timeline bad({wave("\xff", people({"a"}))});
  EXPECT_THROW(cp::write_timeline(bad, path), cp::format_error);
  EXPECT_TRUE(cp::read_timeline_file(path) == t);
  EXPECT_THROW(cp::read_timeline_file(dir / "missing.json"), cp::io_error);
  fs::remove_all(dir);
}

// ---- the difference of two networks -----------------------------------------------------

namespace {

// a: u, v, w, x; u->v trusts, v->u trusts, u->w informs (session), w->x trusts; project p;
//    decision d1 (sole: u decides, v informed).
cp::Network before() {
  cp::Network a;
  a.add_stakeholder({.id = "u", .label = "U", .kind = cp::Kind::person});
  a.add_stakeholder({.id = "v", .kind = cp::Kind::group});
  a.add_stakeholder({.id = "w", .kind = cp::Kind::group});
  a.add_stakeholder({.id = "x", .kind = cp::Kind::object});
  a.add_relation({.source = "u", .target = "v", .type = "trusts"});
  a.add_relation({.source = "v", .target = "u", .type = "trusts"});
  a.add_relation({.source = "u", .target = "w", .type = "informs", .scale = cp::Scale::session});
  a.add_relation({.source = "w", .target = "x", .type = "trusts"});
  a.add_project({.id = "p", .label = "Film"});
  a.add_decision({.id = "d1", .project = "p", .stage = cp::Stage::design,
                  .rights = {{"u", cp::Right::decides}, {"v", cp::Right::informed}}});
  return a;
}

// b: u (label and paid changed), v, w, y; x gone; u->v trusts with weight 2, u->w informs at
//    another scale, w->v and y->u trust; project p relabelled; d1 now informs w instead of v;
//    d2 new.
cp::Network after() {
  cp::Network b;
  b.add_stakeholder({.id = "u", .label = "U2", .kind = cp::Kind::person, .paid = true});
  b.add_stakeholder({.id = "v", .kind = cp::Kind::group});
  b.add_stakeholder({.id = "w", .kind = cp::Kind::group});
  b.add_stakeholder({.id = "y", .kind = cp::Kind::group});
  b.add_relation({.source = "u", .target = "v", .type = "trusts", .weight = 2.0});
  b.add_relation({.source = "u", .target = "w", .type = "informs",
                  .scale = cp::Scale::institution});
  b.add_relation({.source = "w", .target = "v", .type = "trusts"});
  b.add_relation({.source = "y", .target = "u", .type = "trusts"});
  b.add_project({.id = "p", .label = "Film on the estate"});
  b.add_decision({.id = "d1", .project = "p", .stage = cp::Stage::design,
                  .rights = {{"u", cp::Right::decides}, {"w", cp::Right::consulted}}});
  b.add_decision({.id = "d2", .project = "p", .stage = cp::Stage::delivery,
                  .rights = {{"u", cp::Right::decides}}});
  return b;
}

std::string row(const cp::relation_change& r) {
  std::string out = r.source + "->" + r.target + " " + r.type + " ";
  out += r.scale ? std::string(cp::to_string(*r.scale)) : "-";
  out += " " + std::string(cp::to_string(r.change));
  for (const auto& f : r.fields) out += " " + f;
  return out;
}

}  // namespace

TEST(NetworkDiff, HandMadeCase) {
  const cp::network_diff d = cp::diff(before(), after());
  ASSERT_EQ(d.stakeholders.size(), 3u);
  EXPECT_EQ(d.stakeholders[0], (cp::item_change{"u", cp::change_kind::changed, {"label", "paid"}}));
  EXPECT_EQ(d.stakeholders[1], (cp::item_change{"x", cp::change_kind::vanished, {}}));
  EXPECT_EQ(d.stakeholders[2], (cp::item_change{"y", cp::change_kind::appeared, {}}));
  EXPECT_EQ(d.projects, (std::vector<cp::item_change>{{"p", cp::change_kind::changed, {"label"}}}));
  EXPECT_EQ(d.decisions, (std::vector<cp::item_change>{{"d2", cp::change_kind::appeared, {}}}));
  // d1: u unchanged, v vanished, w appeared (in id order); d2's one right appears with it.
  ASSERT_EQ(d.rights.size(), 3u);
  EXPECT_EQ(d.rights[0], (cp::right_change{"d1", "v", cp::change_kind::vanished, {}}));
  EXPECT_EQ(d.rights[1], (cp::right_change{"d1", "w", cp::change_kind::appeared, {}}));
  EXPECT_EQ(d.rights[2], (cp::right_change{"d2", "u", cp::change_kind::appeared, {}}));

  // Relations: the first network's in order, then the second's that appeared. u->w informs
  // moved scale, so it is a different key: one vanished, one appeared.
  std::vector<std::string> rows;
  for (const auto& r : d.relations) rows.push_back(row(r));
  EXPECT_EQ(rows, (std::vector<std::string>{
                      "u->v trusts - changed weight", "v->u trusts - vanished",
                      "u->w informs session vanished", "w->x trusts - vanished",
                      "u->w informs institution appeared", "w->v trusts - appeared",
                      "y->u trusts - appeared"}));
  EXPECT_EQ(d.relations[0].position_a, std::optional<std::size_t>(0));
  EXPECT_EQ(d.relations[0].position_b, std::optional<std::size_t>(0));
  EXPECT_EQ(d.relations[4].position_b, std::optional<std::size_t>(1));
  EXPECT_FALSE(d.relations[4].position_a);
  for (const auto& r : d.relations) EXPECT_EQ(r.occurrence, 0u);

  // Ties over u, v, w (x and y are in one network only): 3 x 2 = 6 ordered dyads.
  // trusts: A = {uv, vu}, B = {uv, wv}: kept 1, vanished 1, appeared 1, Jaccard 1/3.
  // informs: A = B = {uw} (the scale does not matter to a tie): Jaccard 1.
  ASSERT_EQ(d.ties.size(), 2u);
  EXPECT_EQ(d.ties[0], (cp::tie_change{"trusts", 2, 2, 1, 1, 1, 2, 1.0 / 3.0, 6}));
  EXPECT_EQ(d.ties[1], (cp::tie_change{"informs", 1, 1, 1, 0, 0, 0, 1.0, 6}));
  EXPECT_EQ(d.left_out_dyads, 0u);
  // Unions: 5 stakeholders, 1 project, 2 decisions, rights (d1: u, v, w; d2: u) 4,
  // relations 4 + 3 appeared = 7.
  EXPECT_EQ(d.totals, (cp::diff_totals{5, 1, 2, 4, 7}));
}

TEST(NetworkDiff, DyadsWithAnEndNotSurveyedAreLeftOut) {
  cp::diff_options options;
  options.not_surveyed = {"w", "y"};  // y is in the second network only: no dyad of both
  const cp::network_diff d = cp::diff(before(), after(), options);
  // Compared: u, v: 2 dyads; left out: 6 - 2 = 4 (those with w at one end).
  // trusts: A = {uv, vu}, B = {uv}: kept 1, vanished 1, Jaccard 1/2.
  // informs: u->w is left out: no ties either side, Jaccard NaN.
  EXPECT_EQ(d.left_out_dyads, 4u);
  EXPECT_EQ(d.ties[0], (cp::tie_change{"trusts", 2, 1, 1, 0, 1, 1, 0.5, 2}));
  EXPECT_EQ(d.ties[1].dyads, 2u);
  EXPECT_EQ(d.ties[1].hamming, 0u);
  EXPECT_TRUE(std::isnan(d.ties[1].jaccard));
  // The other tables do not depend on who was surveyed.
  const cp::network_diff plain = cp::diff(before(), after());
  EXPECT_EQ(d.relations, plain.relations);
  EXPECT_EQ(d.stakeholders, plain.stakeholders);

  options.not_surveyed = {"nobody"};
  try {
    cp::diff(before(), after(), options);
    FAIL();
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "not_surveyed");
  }
}

TEST(NetworkDiff, RightsVotesVetoAndTheRule) {
  cp::Network a = people({"s", "t", "r"});
  a.add_project({.id = "p"});
  cp::Decision d{.id = "q", .project = "p", .stage = cp::Stage::governance,
                 .rights = {{"s", cp::Right::shared}, {"t", cp::Right::shared},
                            {"r", cp::Right::informed}}};
  d.rule = {.kind = cp::RuleKind::quota, .votes = {{"s", 2}}, .quota = 3, .veto = {"t"}};
  a.add_decision(d);
  cp::Network b = people({"s", "t", "r"});
  b.add_project({.id = "p"});
  // s: votes 2 -> not given (1); t: veto -> none; r: informed -> consulted; quota 3 -> 2.
  d.rule = {.kind = cp::RuleKind::quota, .votes = {}, .quota = 2, .veto = {}};
  d.rights["r"] = cp::Right::consulted;
  d.weight = 2;
  b.add_decision(d);
  const cp::network_diff out = cp::diff(a, b);
  EXPECT_EQ(out.decisions,
            (std::vector<cp::item_change>{{"q", cp::change_kind::changed, {"rule", "weight"}}}));
  EXPECT_EQ(out.rights, (std::vector<cp::right_change>{
                            {"q", "r", cp::change_kind::changed, {"right"}},
                            {"q", "s", cp::change_kind::changed, {"votes"}},
                            {"q", "t", cp::change_kind::changed, {"veto"}}}));
  EXPECT_TRUE(out.stakeholders.empty());
  EXPECT_TRUE(out.ties.empty());
  EXPECT_EQ(out.totals.rights, 3u);
}

TEST(NetworkDiff, ANetworkAgainstItselfAndAgainstNothing) {
  const cp::Network a = before();
  const cp::network_diff same = cp::diff(a, a);
  EXPECT_TRUE(same.stakeholders.empty() && same.relations.empty() && same.rights.empty());
  for (const auto& t : same.ties) {
    EXPECT_EQ(t.hamming, 0u);
    EXPECT_EQ(t.jaccard, 1.0);
    EXPECT_EQ(t.dyads, 12u);  // 4 x 3
  }
  const cp::network_diff gone = cp::diff(a, cp::Network{});
  EXPECT_EQ(gone.stakeholders.size(), 4u);
  EXPECT_EQ(gone.relations.size(), 4u);
  EXPECT_EQ(gone.rights.size(), 2u);
  for (const auto& t : gone.ties) {
    EXPECT_EQ(t.dyads, 0u);
    EXPECT_TRUE(std::isnan(t.jaccard));
  }
}

TEST(NetworkDiff, BetweenTheWavesOfATimeline) {
  // Wave 2 lists w as not surveyed: the timeline's diff leaves its dyads out.
  const cp::Timeline t({wave("before", before()), wave("after", after(), {"w"})});
  cp::diff_options options;
  options.not_surveyed = {"w"};
  EXPECT_EQ(cp::diff(t, 0, 1), cp::diff(before(), after(), options));
  EXPECT_EQ(cp::diff(t, 0, 1).left_out_dyads, 4u);
  EXPECT_THROW(cp::diff(t, 0, 2), std::out_of_range);
}

TEST(NetworkDiff, RefusedWhileEitherNetworkIsBeingChanged) {
  // The diff holds a read guard on each network; the check is the same guard every reader
  // takes, so a change running meanwhile is seen here as a guard that cannot be taken.
  cp::Network a = before();
  const cp::Network b = after();
  {
    const auto reading = a.reading();
    EXPECT_NO_THROW(cp::diff(a, b));  // readers nest
    EXPECT_THROW(a.add_project({.id = "late"}), cp::concurrent_modification);
  }
  EXPECT_NO_THROW(a.add_project({.id = "late"}));
}

namespace {

// A random network on ids "s0".."s<n-1>" (a random subset of them), with relations of two
// types between random pairs; `seed` makes it reproducible.
cp::Network random_network(std::mt19937_64& rng, std::size_t n, std::size_t relations) {
  cp::Network net;
  std::vector<std::string> ids;
  for (std::size_t v = 0; v < n; ++v)
    if (rng() % 5 != 0) {
      ids.push_back("s" + std::to_string(v));
      net.add_stakeholder({.id = ids.back(), .kind = cp::Kind::group});
    }
  const char* types[] = {"trusts", "informs"};
  for (std::size_t i = 0; i < relations; ++i) {
    const std::string& s = ids[rng() % ids.size()];
    const std::string& t = ids[rng() % ids.size()];
    const std::string type = types[rng() % 2];
    if (s != t && !net.find_relation(s, t, type))
      net.add_relation({.source = s, .target = t, .type = type});
  }
  return net;
}

}  // namespace

TEST(NetworkDiff, TiesAgreeWithSetsOnRandomNetworks) {
  std::mt19937_64 rng(20130214);
  for (int round = 0; round < 20; ++round) {
    const cp::Network a = random_network(rng, 30, 150), b = random_network(rng, 30, 150);
    cp::diff_options options;
    if (round % 2) options.not_surveyed = {a.stakeholder_at(0).id, b.stakeholder_at(1).id};
    const cp::network_diff d = cp::diff(a, b, options);
    // The same counts from ordered sets of (type, source id, target id).
    const auto compared = [&](const std::string& id) {
      return a.contains(id) && b.contains(id) &&
             std::find(options.not_surveyed.begin(), options.not_surveyed.end(), id) ==
                 options.not_surveyed.end();
    };
    for (const cp::tie_change& t : d.ties) {
      std::set<std::pair<std::string, std::string>> ta, tb;
      for (std::size_t i = 0; i < a.num_relations(); ++i) {
        const cp::Relation r = a.relation_at(i);
        if (r.type == t.type && compared(r.source) && compared(r.target)) ta.emplace(r.source, r.target);
      }
      for (std::size_t i = 0; i < b.num_relations(); ++i) {
        const cp::Relation r = b.relation_at(i);
        if (r.type == t.type && compared(r.source) && compared(r.target)) tb.emplace(r.source, r.target);
      }
      std::size_t both = 0;
      for (const auto& tie : ta) both += tb.count(tie);
      EXPECT_EQ(t.in_a, ta.size());
      EXPECT_EQ(t.in_b, tb.size());
      EXPECT_EQ(t.kept, both);
      EXPECT_EQ(t.hamming, ta.size() + tb.size() - 2 * both);
      EXPECT_DOUBLE_EQ(t.jaccard, static_cast<double>(both) / (ta.size() + tb.size() - both));
      std::size_t m = 0, c = 0;
      for (const auto& s : a.stakeholders()) {
        c += b.contains(s.id);
        m += compared(s.id);
      }
      EXPECT_EQ(t.dyads, m * (m - 1));
      EXPECT_EQ(d.left_out_dyads, c * (c - 1) - m * (m - 1));
    }
  }
}

TEST(NetworkDiff, LargeNetworksAreComparedBySortingNotByDyads) {
  // 100 000 relations each among 50 000 stakeholders: 2.5 * 10^9 dyads, counted, never
  // visited (the test's time limit would stop a loop over them).
  std::mt19937_64 rng(7);
  const cp::Network a = random_network(rng, 50000, 100000), b = random_network(rng, 50000, 100000);
  const cp::network_diff d = cp::diff(a, b);
  ASSERT_EQ(d.ties.size(), 2u);
  // Each network keeps a random four fifths of the ids: the dyads are those of the ids in both.
  std::uint64_t common = 0;
  for (std::size_t v = 0; v < a.num_stakeholders(); ++v)
    common += b.contains(a.stakeholder_at(v).id) ? 1 : 0;
  EXPECT_GT(common, 30000u);
  EXPECT_EQ(d.ties[0].dyads, common * (common - 1));
  for (const auto& t : d.ties) {
    EXPECT_EQ(t.kept + t.vanished, t.in_a);
    EXPECT_EQ(t.kept + t.appeared, t.in_b);
    EXPECT_EQ(t.hamming, t.appeared + t.vanished);
  }
}

TEST(TimelineJson, TheExampleAsTwoWaves) {
  const fs::path path = fs::path(COPRODUCTION_EXAMPLE_DATA) / "twam_partners_2013.json";
  const cp::Network first = cp::read_json_file(path);
  cp::Network second = first;
  second.remove_stakeholder("stonham", true);
  second.update_stakeholder("npt_womens_group", [](cp::Stakeholder& s) { s.paid = true; });
  const cp::Timeline t({wave("2013", first), wave("2014", second, {"npt_staff"})},
                       first.metadata());
  EXPECT_TRUE(cp::read_timeline(cp::dump_timeline(t)) == t);
  const cp::network_diff d = cp::diff(t, 0, 1);
  ASSERT_EQ(d.stakeholders.size(), 2u);
  EXPECT_EQ(d.stakeholders[0], (cp::item_change{"stonham", cp::change_kind::vanished, {}}));
  EXPECT_EQ(d.stakeholders[1],
            (cp::item_change{"npt_womens_group", cp::change_kind::changed, {"paid"}}));
  // Every relation gone went with stonham, and no tie among the stakeholders of both moved.
  for (const auto& r : d.relations) {
    EXPECT_EQ(r.change, cp::change_kind::vanished);
    EXPECT_TRUE(r.source == "stonham" || r.target == "stonham");
  }
  for (const auto& tie : d.ties) EXPECT_EQ(tie.hamming, 0u);
  const std::uint64_t c = first.num_stakeholders() - 1, m = c - 1;
  EXPECT_EQ(d.left_out_dyads, c * (c - 1) - m * (m - 1));
}
