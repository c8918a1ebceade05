// The JSON format: round trips, every problem reported with its JSON pointer, the reader's
// own limits, and atomic writes.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A valid document to break one field at a time.
json base_document() {
  return json::parse(R"({
    "format": "coproduction", "version": 1,
    "stakeholders": [
      {"id": "outreach", "label": "Museum outreach team", "kind": "group",
       "role": "museum_staff", "expertise": "learnt", "convenor": true, "size": 4,
       "paid": true},
      {"id": "womens_group", "kind": "group", "role": "service_user", "expertise": "lived",
       "under_served": true, "size": 9, "influence": 2.5, "attributes": {"wave": 1}},
      {"id": "probation", "kind": "organisation", "sector": "justice"},
      {"id": "handling_box", "kind": "object"}],
    "relations": [
      {"source": "womens_group", "target": "outreach", "type": "learns_from", "weight": 1,
       "scale": "session", "provenance": {"reported_by": "outreach", "date": "2013-02-14",
       "method": "report"}},
      {"source": "outreach", "target": "womens_group", "type": "learns_from", "weight": 0.5},
      {"source": "probation", "target": "womens_group", "type": "refers"},
      {"source": "handling_box", "target": "womens_group", "type": "mediates",
       "attributes": {"note": "reminiscence"}}],
    "projects": [{"id": "film", "label": "Stories on film", "claimed": "co-production"}],
    "decisions": [
      {"id": "film_theme", "project": "film", "stage": "design",
       "rule": {"kind": "majority"},
       "rights": {"outreach": "shared", "womens_group": "shared", "probation": "informed"}},
      {"id": "film_budget", "project": "film", "stage": "governance", "weight": 2,
       "rule": {"kind": "quota", "votes": {"outreach": 3, "womens_group": 2}, "quota": 4,
                "veto": ["outreach"]},
       "rights": {"outreach": "decides", "womens_group": "shared"}}]
  })");
}

// Reads `doc` and expects a format_error whose problems include (pointer, code) with a
// message containing `text`.
void expect_problem(const json& doc, const std::string& pointer, const std::string& code,
                    const std::string& text) {
  try {
    cp::from_document(doc);
    FAIL() << "expected a problem at " << pointer;
  } catch (const cp::format_error& e) {
    bool found = false;
    for (const auto& p : e.problems())
      found |= p.pointer == pointer && p.code == code &&
               p.message.find(text) != std::string::npos;
    EXPECT_TRUE(found) << "wanted " << pointer << " " << code << " '" << text << "', got:\n"
                       << e.what();
  }
}

}  // namespace

TEST(Json, ReadThenWriteGivesTheSameValue) {
  const json doc = base_document();
  cp::Network net = cp::from_document(doc);
  EXPECT_EQ(cp::to_document(net), doc);
  EXPECT_EQ(net.num_stakeholders(), 4u);
  EXPECT_EQ(net.stakeholder("womens_group").attributes["wave"], 1);
  EXPECT_EQ(net.decision("film_budget").rule.votes.at("outreach"), 3);
  // Integers stay integers in the text: `1` is not written back as `1.0`.
  EXPECT_NE(cp::dump_json(net).find("\"weight\": 1\n"), std::string::npos);
}

TEST(Json, ExamplesRoundTrip) {
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    SCOPED_TRACE(name);
    const fs::path path = fs::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json");
    const std::string text = slurp(path);
    cp::Network net = cp::read_json(text);
    EXPECT_EQ(cp::to_document(net), json::parse(text));   // document -> model -> document
    EXPECT_TRUE(cp::read_json(cp::dump_json(net)) == net);  // model -> document -> model
    EXPECT_TRUE(cp::read_json(cp::dump_json(net, -1)) == net);
    EXPECT_GT(net.num_decisions(), 0u);
  }
}

TEST(Json, AdlConversions) {
  json j = json::parse(R"({"id": "x", "kind": "person", "paid": false})");
  auto s = j.get<cp::Stakeholder>();
  EXPECT_EQ(s.paid, false);
  EXPECT_EQ(json(s), j);
  try {
    json::parse(R"({"id": "x", "kind": "robot"})").get<cp::Stakeholder>();
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.problems().at(0).pointer, "/kind");
  }
}

TEST(Json, NotJsonReportsTheByteOffset) {
  try {
    cp::read_json("{\"format\": \"coproduction\",, }");
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.syntax");
    EXPECT_EQ(e.where(), "byte 27");
    EXPECT_NE(std::string(e.what()).find("[coproduction.format.syntax] byte 27: not JSON"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(cp::read_json(""), cp::format_error);
  EXPECT_THROW(cp::read_json("\xff\xfe"), cp::format_error);
  EXPECT_THROW(cp::read_json("{\"a\": \"\xc3\x28\"}"), cp::format_error);  // bad UTF-8
}

TEST(Json, EveryProblemIsReportedWithItsPointer) {
  json doc = base_document();
  doc["relations"][2]["target"] = "nhs";
  doc["relations"][1]["weight"] = -1;
  doc["stakeholders"][2]["kind"] = "robot";
  doc["decisions"][0]["stage"] = "launch";
  try {
    cp::from_document(doc);
    FAIL();
  } catch (const cp::format_error& e) {
    ASSERT_EQ(e.problems().size(), 4u) << e.what();
    EXPECT_EQ(e.problems()[0].pointer, "/stakeholders/2/kind");
    EXPECT_EQ(e.problems()[1].pointer, "/relations/1/weight");
    EXPECT_EQ(e.problems()[2].pointer, "/relations/2/target");
    EXPECT_EQ(e.problems()[2].message, "unknown stakeholder \"nhs\"");
    EXPECT_EQ(e.problems()[2].code, "model.unknown_id");
    EXPECT_EQ(e.problems()[3].pointer, "/decisions/0/stage");
    EXPECT_NE(std::string(e.what()).find("/relations/2/target: unknown stakeholder \"nhs\""),
              std::string::npos);
  }
}

struct Breakage {
  const char* name;
  const char* patch;  // RFC 6902 JSON patch applied to the base document
  const char* pointer;
  const char* code;
  const char* text;
};

class JsonProblem : public ::testing::TestWithParam<Breakage> {};

TEST_P(JsonProblem, IsReportedWhereItIs) {
  const Breakage& b = GetParam();
  json doc = base_document().patch(json::parse(b.patch));
  expect_problem(doc, b.pointer, b.code, b.text);
}

INSTANTIATE_TEST_SUITE_P(
    Format, JsonProblem,
    ::testing::Values(
        Breakage{"duplicate_stakeholder", R"([{"op":"replace","path":"/stakeholders/2/id","value":"outreach"}])",
                 "/stakeholders/2/id", "model.duplicate_id", "already exists"},
        Breakage{"unknown_source", R"([{"op":"replace","path":"/relations/0/source","value":"nhs"}])",
                 "/relations/0/source", "model.unknown_id", "unknown stakeholder \"nhs\""},
        Breakage{"zero_weight", R"([{"op":"replace","path":"/relations/0/weight","value":0}])",
                 "/relations/0/weight", "model.invalid_value", "finite number > 0"},
        Breakage{"string_weight", R"([{"op":"replace","path":"/relations/0/weight","value":"1"}])",
                 "/relations/0/weight", "format.type", "must be a number"},
        Breakage{"duplicate_relation", R"([{"op":"add","path":"/relations/-","value":{"source":"probation","target":"womens_group","type":"refers"}}])",
                 "/relations/4", "model.duplicate_id", "already exists"},
        Breakage{"self_relation", R"([{"op":"replace","path":"/relations/2/target","value":"probation"}])",
                 "/relations/2/target", "model.invalid_value", "itself"},
        Breakage{"bad_type_name", R"([{"op":"replace","path":"/relations/2/type","value":"Refers To"}])",
                 "/relations/2/type", "model.invalid_value", "not a type name"},
        Breakage{"bad_scale", R"([{"op":"replace","path":"/relations/0/scale","value":"city"}])",
                 "/relations/0/scale", "format.value", "session, institution, place"},
        Breakage{"bad_date", R"([{"op":"replace","path":"/relations/0/provenance/date","value":"14/02/2013"}])",
                 "/relations/0/provenance/date", "model.invalid_value", "not a date"},
        Breakage{"empty_provenance", R"([{"op":"replace","path":"/relations/0/provenance","value":{}}])",
                 "/relations/0/provenance", "format.value", "at least one"},
        Breakage{"unknown_kind", R"([{"op":"replace","path":"/stakeholders/0/kind","value":"robot"}])",
                 "/stakeholders/0/kind", "format.value", "person, group, organisation, object"},
        Breakage{"missing_kind", R"([{"op":"remove","path":"/stakeholders/0/kind"}])",
                 "/stakeholders/0/kind", "format.missing", "required"},
        Breakage{"bad_size", R"([{"op":"replace","path":"/stakeholders/0/size","value":0}])",
                 "/stakeholders/0/size", "model.invalid_value", ">= 1"},
        Breakage{"float_size", R"([{"op":"replace","path":"/stakeholders/0/size","value":4.5}])",
                 "/stakeholders/0/size", "format.type", "must be an integer"},
        Breakage{"string_paid", R"([{"op":"replace","path":"/stakeholders/0/paid","value":"yes"}])",
                 "/stakeholders/0/paid", "format.type", "true or false"},
        Breakage{"negative_influence", R"([{"op":"replace","path":"/stakeholders/1/influence","value":-1}])",
                 "/stakeholders/1/influence", "model.invalid_value", ">= 0"},
        Breakage{"unknown_field", R"([{"op":"add","path":"/stakeholders/1/ward","value":"east"}])",
                 "/stakeholders/1/ward", "format.unknown_field", "attributes"},
        Breakage{"attributes_not_object", R"([{"op":"replace","path":"/stakeholders/1/attributes","value":[1]}])",
                 "/stakeholders/1/attributes", "format.type", "must be an object"},
        Breakage{"unknown_stage", R"([{"op":"replace","path":"/decisions/0/stage","value":"launch"}])",
                 "/decisions/0/stage", "format.value", "conception, design"},
        Breakage{"unknown_right", R"([{"op":"replace","path":"/decisions/0/rights/probation","value":"owns"}])",
                 "/decisions/0/rights/probation", "format.value", "none, informed"},
        Breakage{"right_of_unknown", R"([{"op":"add","path":"/decisions/0/rights/nhs","value":"informed"}])",
                 "/decisions/0/rights/nhs", "model.unknown_id", "unknown stakeholder \"nhs\""},
        Breakage{"object_right", R"([{"op":"add","path":"/decisions/0/rights/handling_box","value":"consulted"}])",
                 "/decisions/0/rights/handling_box", "model.invalid_value", "cannot hold a right"},
        Breakage{"unknown_project", R"([{"op":"replace","path":"/decisions/0/project","value":"exhibition"}])",
                 "/decisions/0/project", "model.unknown_id", "unknown project"},
        Breakage{"duplicate_decision", R"([{"op":"replace","path":"/decisions/1/id","value":"film_theme"}])",
                 "/decisions/1/id", "model.duplicate_id", "already exists"},
        Breakage{"quota_too_large", R"([{"op":"replace","path":"/decisions/1/rule/quota","value":6}])",
                 "/decisions/1/rule/quota", "model.invalid_value", "larger than the 5 votes"},
        Breakage{"quota_missing", R"([{"op":"remove","path":"/decisions/1/rule/quota"}])",
                 "/decisions/1/rule/quota", "model.invalid_value", "needs a quota"},
        Breakage{"sole_two_deciders", R"([{"op":"replace","path":"/decisions/0/rule","value":{"kind":"sole"}}])",
                 "/decisions/0/rule/kind", "model.invalid_value", "exactly one \"decides\" holder"},
        Breakage{"votes_non_holder", R"([{"op":"add","path":"/decisions/1/rule/votes/probation","value":1}])",
                 "/decisions/1/rule/votes/probation", "model.invalid_value", "does not hold"},
        Breakage{"empty_votes", R"([{"op":"replace","path":"/decisions/1/rule/votes","value":{}}])",
                 "/decisions/1/rule/votes", "format.value", "leave it out"},
        Breakage{"empty_veto", R"([{"op":"replace","path":"/decisions/1/rule/veto","value":[]}])",
                 "/decisions/1/rule/veto", "format.value", "leave it out"},
        Breakage{"veto_non_holder", R"([{"op":"replace","path":"/decisions/1/rule/veto","value":["probation"]}])",
                 "/decisions/1/rule/veto/0", "model.invalid_value", "does not hold"},
        Breakage{"wrong_format", R"([{"op":"replace","path":"/format","value":"graphml"}])",
                 "/format", "format.value", "must be \"coproduction\""},
        Breakage{"newer_version", R"([{"op":"replace","path":"/version","value":2}])",
                 "/version", "format.version", "newer than this library reads"},
        Breakage{"missing_relations", R"([{"op":"remove","path":"/relations"}])",
                 "/relations", "format.missing", "required"},
        Breakage{"unknown_top_level", R"([{"op":"add","path":"/nodes","value":[]}])",
                 "/nodes", "format.unknown_field", "unknown field"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Json, ABrokenStakeholderDoesNotCascade) {
  // A stakeholder with a bad field is still known by id, so relations to it are not
  // reported as unknown: one mistake, one problem.
  json doc = base_document();
  doc["stakeholders"][1]["size"] = -3;
  try {
    cp::from_document(doc);
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.problems().size(), 1u) << e.what();
  }
}

TEST(Json, DuplicateKeysAreRefused) {
  try {
    cp::read_json(R"({"format": "coproduction", "version": 1, "stakeholders": [
      {"id": "a", "kind": "person", "kind": "group"}], "relations": [], "projects": [],
      "decisions": []})");
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.duplicate_key");
    EXPECT_EQ(e.where(), "/stakeholders/0/kind");
  }
}

TEST(Json, NestingDepthIsLimited) {
  auto nested = [](std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
  };
  // max_nesting levels parse (and then fail as a document, not as JSON); one more does not.
  try {
    cp::read_json(nested(cp::max_nesting));
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.type");
  }
  try {
    cp::read_json(nested(cp::max_nesting + 1));
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.depth");
  }
  try {
    cp::read_json(nested(100000));  // a hostile document: no stack overflow, no crash
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.depth");
    EXPECT_EQ(e.where().substr(0, 6), "/0/0/0");
  }
  EXPECT_THROW(cp::read_json(nested(10), cp::ReadLimits{.max_depth = 5}), cp::format_error);
}

TEST(Json, SizeIsLimited) {
  const std::string text = base_document().dump();
  try {
    cp::read_json(text, cp::ReadLimits{.max_bytes = 100});
    FAIL();
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.size");
  }
  EXPECT_NO_THROW(cp::read_json(text, cp::ReadLimits{.max_bytes = text.size()}));
}

TEST(Json, WriteIsAtomic) {
  const fs::path dir = fs::temp_directory_path() / ("coproduction_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / "net.json";
  cp::Network net = cp::from_document(base_document());
  cp::write_json(net, path);
  EXPECT_TRUE(cp::read_json_file(path) == net);
  // Overwriting replaces the file whole and leaves no temporary file beside it.
  net.add_stakeholder({.id = "commissioner", .kind = cp::Kind::person});
  cp::write_json(net, path);
  EXPECT_TRUE(cp::read_json_file(path) == net);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);
  // A write that cannot happen throws io_error and leaves the old file as it was.
  const std::string before = slurp(path);
  EXPECT_THROW(cp::write_json(net, dir / "missing" / "net.json"), cp::io_error);
  EXPECT_EQ(slurp(path), before);
  EXPECT_THROW(cp::read_json_file(dir / "absent.json"), cp::io_error);
  fs::remove_all(dir);
}

TEST(Json, GeneratedNetworksRoundTrip) {
  // Random networks exercise every optional field in many combinations.
  std::mt19937 rng(20131214);
  auto coin = [&] { return std::bernoulli_distribution(0.5)(rng); };
  for (int trial = 0; trial < 200; ++trial) {
    cp::Network net;
    const int n = 2 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      cp::Stakeholder s{.id = "s" + std::to_string(i),
                        .kind = static_cast<cp::Kind>(rng() % 3)};  // no objects: they hold no rights
      if (coin()) s.label = "Stakeholder " + std::to_string(i) + " \u00e9\"/~";
      if (coin()) s.role = "service_user";
      if (coin()) s.expertise = static_cast<cp::Expertise>(rng() % 3);
      if (coin()) s.paid = coin();
      if (coin()) s.convenor = coin();
      if (coin()) s.under_served = coin();
      if (coin() && s.kind != cp::Kind::person) s.size = 1 + rng() % 40;
      if (coin()) s.influence = std::uniform_real_distribution<double>(0, 10)(rng);
      if (coin()) s.attributes = {{"code", static_cast<int>(rng() % 5)}, {"tags", {"a", "b"}}};
      net.add_stakeholder(s);
    }
    for (int e = 0; e < 3 * n; ++e) {
      cp::Relation r{.source = "s" + std::to_string(rng() % n),
                     .target = "s" + std::to_string(rng() % n),
                     .type = coin() ? "informs" : "trusts"};
      if (r.source == r.target) continue;
      if (coin()) r.weight = std::uniform_real_distribution<double>(0.01, 5)(rng);
      if (coin()) r.scale = static_cast<cp::Scale>(rng() % 3);
      if (coin()) r.provenance.date = "2013-02-14";
      try {
        net.add_relation(r);
      } catch (const cp::duplicate_id&) {
      }
    }
    net.add_project({.id = "p", .claimed = static_cast<cp::CollaborationType>(rng() % 4)});
    cp::Decision d{.id = "d", .project = "p", .stage = static_cast<cp::Stage>(rng() % 5)};
    d.rights["s0"] = cp::Right::decides;
    d.rights["s1"] = coin() ? cp::Right::shared : cp::Right::consulted;
    d.rule.kind = coin() ? cp::RuleKind::sole : cp::RuleKind::unanimity;
    net.add_decision(d);
    const cp::Network back = cp::read_json(cp::dump_json(net));
    ASSERT_TRUE(back == net) << cp::dump_json(net);
    ASSERT_EQ(cp::to_document(back), cp::to_document(net));
  }
}
