// The frame reader: the five frames of a network back to the same network, every cell read for
// what it is (no coercion), and every problem reported at once at /<frame>/<row>/<column>.

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "coproduction/coproduction.hpp"

namespace cp = coproduction;
namespace fs = std::filesystem;
using cp::Cell;
using cp::Column;
using cp::Frame;
using nlohmann::json;

namespace {

template <class T>
Cell cell_of(const std::optional<T>& v) {
  return v ? Cell(*v) : Cell();
}
Cell text_cell(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
template <class E>
Cell word_cell(const std::optional<E>& v) {
  return v ? Cell(std::string(cp::to_string(*v))) : Cell();
}
Cell json_cell(const json& j) { return Cell::from_json(j); }

// The frames of a network, as the Python properties give them, except that a weight not
// given is a missing cell (the Python frames show it as 1).
cp::Frames frames_of(const cp::Network& net) {
  cp::Frames f;
  std::vector<Cell> id, label, kind, role, sector, expertise, under_served, paid, convenor, size,
      influence, attributes;
  for (const cp::Stakeholder& s : net.stakeholders()) {
    id.emplace_back(s.id), label.push_back(text_cell(s.label));
    kind.emplace_back(std::string(cp::to_string(s.kind)));
    role.push_back(text_cell(s.role)), sector.push_back(text_cell(s.sector));
    expertise.push_back(word_cell(s.expertise)), under_served.push_back(cell_of(s.under_served));
    paid.push_back(cell_of(s.paid)), convenor.push_back(cell_of(s.convenor));
    size.push_back(cell_of(s.size)), influence.push_back(cell_of(s.influence));
    attributes.push_back(json_cell(s.attributes));
  }
  f.stakeholders = Frame()
                       .add("id", id).add("label", label).add("kind", kind).add("role", role)
                       .add("sector", sector).add("expertise", expertise)
                       .add("under_served", under_served).add("paid", paid)
                       .add("convenor", convenor).add("size", size).add("influence", influence)
                       .add("attributes", attributes);
  std::vector<Cell> source, target, type, weight, scale, reported_by, date, method, rel_attributes;
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    const cp::Relation r = net.relation_at(i);
    source.emplace_back(r.source), target.emplace_back(r.target), type.emplace_back(r.type);
    weight.push_back(cell_of(r.weight)), scale.push_back(word_cell(r.scale));
    reported_by.push_back(text_cell(r.provenance.reported_by));
    date.push_back(text_cell(r.provenance.date)), method.push_back(text_cell(r.provenance.method));
    rel_attributes.push_back(json_cell(r.attributes));
  }
  f.relations = Frame()
                    .add("source", source).add("target", target).add("type", type)
                    .add("weight", weight).add("scale", scale).add("reported_by", reported_by)
                    .add("date", date).add("method", method).add("attributes", rel_attributes);
  std::vector<Cell> pid, plabel, claimed, pattributes;
  for (const cp::Project& p : net.projects()) {
    pid.emplace_back(p.id), plabel.push_back(text_cell(p.label));
    claimed.push_back(word_cell(p.claimed)), pattributes.push_back(json_cell(p.attributes));
  }
  f.projects = Frame().add("id", pid).add("label", plabel).add("claimed", claimed)
                   .add("attributes", pattributes);
  std::vector<Cell> did, dlabel, project, stage, rule, quota, dweight, dattributes;
  std::vector<Cell> decision, stakeholder, right, votes, veto;
  for (const cp::Decision& d : net.decisions()) {
    did.emplace_back(d.id), dlabel.push_back(text_cell(d.label)), project.emplace_back(d.project);
    stage.emplace_back(std::string(cp::to_string(d.stage)));
    rule.emplace_back(std::string(cp::to_string(d.rule.kind)));
    quota.push_back(cell_of(d.rule.quota)), dweight.push_back(cell_of(d.weight));
    dattributes.push_back(json_cell(d.attributes));
    for (const auto& [who, r] : d.rights) {
      decision.emplace_back(d.id), stakeholder.emplace_back(who);
      right.emplace_back(std::string(cp::to_string(r)));
      auto it = d.rule.votes.find(who);
      votes.push_back(it == d.rule.votes.end() ? Cell() : Cell(it->second));
      veto.emplace_back(std::find(d.rule.veto.begin(), d.rule.veto.end(), who) != d.rule.veto.end());
    }
  }
  f.decisions = Frame()
                    .add("id", did).add("label", dlabel).add("project", project)
                    .add("stage", stage).add("rule", rule).add("quota", quota)
                    .add("weight", dweight).add("attributes", dattributes);
  f.rights = Frame()
                 .add("decision", decision).add("stakeholder", stakeholder).add("right", right)
                 .add("votes", votes).add("veto", veto);
  return f;
}

// A small partnership to break one cell at a time.
cp::Frames base_frames() {
  cp::Frames f;
  f.stakeholders = Frame()
                       .add("id", {"outreach", "womens_group", "probation", "handling_box"})
                       .add("kind", {"group", "group", "organisation", "object"})
                       .add("size", {4, 9, Cell(), Cell()})
                       .add("convenor", {true, false, Cell(), Cell()});
  f.relations = Frame()
                    .add("source", {"womens_group", "outreach", "handling_box"})
                    .add("target", {"outreach", "womens_group", "womens_group"})
                    .add("type", {"learns_from", "learns_from", "mediates"})
                    .add("weight", {1.0, 0.5, Cell()});
  f.projects = Frame().add("id", {"film"}).add("claimed", {"co-production"});
  f.decisions = Frame()
                    .add("id", {"film_theme", "film_budget"})
                    .add("project", {"film", "film"})
                    .add("stage", {"design", "governance"})
                    .add("rule", {"majority", "quota"})
                    .add("quota", {Cell(), 4.0});
  f.rights = Frame()
                 .add("decision", {"film_theme", "film_theme", "film_budget", "film_budget"})
                 .add("stakeholder", {"outreach", "womens_group", "outreach", "womens_group"})
                 .add("right", {"shared", "shared", "decides", "shared"})
                 .add("votes", {Cell(), Cell(), 3, 2})
                 .add("veto", {false, false, true, false});
  return f;
}

Column& column(std::optional<Frame>& frame, const std::string& name) {
  for (auto& c : frame->columns)
    if (c.name == name) return c;
  frame->columns.push_back({name, std::vector<Cell>(frame->rows())});
  return frame->columns.back();
}

std::vector<cp::format_problem> problems_of(const cp::Frames& frames) {
  try {
    cp::read_frames(frames);
  } catch (const cp::format_error& e) {
    return e.problems();
  }
  return {};
}

std::string listed(const std::vector<cp::format_problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += p.pointer + " [" + p.code + "] " + p.message + "\n";
  return out;
}

// The frames with one cell set, read: expects a problem at `pointer` with `code` whose message
// holds `text`.
void expect_problem(cp::Frames frames, std::optional<Frame> cp::Frames::*which,
                    const std::string& name, std::size_t row, Cell value,
                    const std::string& pointer, const std::string& code, const std::string& text) {
  column(frames.*which, name).cells.at(row) = std::move(value);
  const auto problems = problems_of(frames);
  bool found = false;
  for (const auto& p : problems)
    found |= p.pointer == pointer && p.code == code && p.message.find(text) != std::string::npos;
  EXPECT_TRUE(found) << "wanted " << pointer << " " << code << " '" << text << "', got:\n"
                     << listed(problems);
}

}  // namespace

TEST(Frames, ExamplesRoundTrip) {
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    SCOPED_TRACE(name);
    const cp::Network net = cp::read_json_file(fs::path(COPRODUCTION_EXAMPLE_DATA) /
                                               (std::string(name) + ".json"));
    cp::Network back;
    back.set_metadata(net.metadata());
    cp::add_frames(back, frames_of(net));
    EXPECT_TRUE(back == net);
    EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));
  }
}

TEST(Frames, BaseFramesRead) {
  const cp::Network net = cp::read_frames(base_frames());
  EXPECT_EQ(net.num_stakeholders(), 4u);
  EXPECT_EQ(net.stakeholder("outreach").size, 4);
  EXPECT_EQ(net.stakeholder("womens_group").convenor, false);
  EXPECT_EQ(net.stakeholder("probation").convenor, std::nullopt);
  EXPECT_EQ(net.num_relations(), 3u);
  EXPECT_EQ(net.relation_weight(2), std::nullopt);
  const cp::Decision& budget = net.decision("film_budget");
  EXPECT_EQ(budget.rule.votes, (std::map<std::string, long long>{{"outreach", 3}, {"womens_group", 2}}));
  EXPECT_EQ(budget.rule.veto, std::vector<std::string>{"outreach"});
  EXPECT_TRUE(net.decision("film_theme").rule.veto.empty());
}

TEST(Frames, BooleansComeFromAClosedVocabulary) {
  const std::vector<std::pair<Cell, bool>> accepted = {
      {true, true},   {false, false}, {"true", true}, {"FALSE", false}, {"Yes", true},
      {"no", false},  {"NO", false},  {"1", true},    {"0", false},     {1, true},
      {0, false},     {1.0, true},    {0.0, false}};
  for (const auto& [value, expected] : accepted) {
    cp::Frames f = base_frames();
    column(f.stakeholders, "paid").cells.at(1) = value;
    EXPECT_EQ(cp::read_frames(f).stakeholder("womens_group").paid, expected) << cp::detail::describe(value);
  }
  // A veto column holding "False" or "no" makes no veto holder.
  for (const char* no : {"False", "no", "0"}) {
    cp::Frames f = base_frames();
    column(f.rights, "veto").cells.at(2) = no;
    EXPECT_TRUE(cp::read_frames(f).decision("film_budget").rule.veto.empty()) << no;
  }
  const std::vector<Cell> refused = {"maybe", "y", "t", "", " yes", "tru", 2, -1, 0.5, "None",
                                     Cell::from_json(json::array({true}))};
  for (const Cell& value : refused) {
    cp::Frames f = base_frames();
    column(f.stakeholders, "convenor").cells.at(1) = value;
    const auto problems = problems_of(f);
    ASSERT_EQ(problems.size(), 1u) << cp::detail::describe(value) << "\n" << listed(problems);
    EXPECT_EQ(problems[0].pointer, "/stakeholders/1/convenor");
    EXPECT_NE(problems[0].message.find("stakeholder \"womens_group\": must be true or false"),
              std::string::npos)
        << problems[0].message;
  }
}

TEST(Frames, NoCoercion) {
  using F = std::optional<Frame> cp::Frames::*;
  const F S = &cp::Frames::stakeholders, R = &cp::Frames::relations, P = &cp::Frames::projects,
          D = &cp::Frames::decisions, G = &cp::Frames::rights;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // A missing id is missing, never the text "None", whatever held the gap.
  expect_problem(base_frames(), P, "id", 0, Cell(), "/projects/0/id", "format.missing", "the id is missing");
  expect_problem(base_frames(), D, "id", 1, Cell(nan), "/decisions/1/id", "format.missing", "the id is missing");
  expect_problem(base_frames(), S, "id", 2, Cell(nullptr), "/stakeholders/2/id", "format.missing", "the id is missing");
  expect_problem(base_frames(), G, "decision", 3, Cell(), "/rights/3/decision", "format.missing", "the decision is missing");
  expect_problem(base_frames(), D, "project", 0, Cell(nan), "/decisions/0/project", "format.missing", "the project is missing");
  expect_problem(base_frames(), R, "source", 1, Cell(), "/relations/1/source", "format.missing", "the source is missing");
  // Integers must be integral: votes of 1.5 are not 1.
  expect_problem(base_frames(), G, "votes", 2, 1.5, "/rights/2/votes", "format.value",
                 "decision \"film_budget\": must be a whole number, not a number (1.5)");
  expect_problem(base_frames(), S, "size", 1, 2.5, "/stakeholders/1/size", "format.value", "whole number");
  // Numbers and booleans do not stand for each other.
  expect_problem(base_frames(), R, "weight", 0, true, "/relations/0/weight", "format.type",
                 "relation womens_group->outreach (learns_from): must be a number, not a boolean (true)");
  expect_problem(base_frames(), D, "weight", 0, true, "/decisions/0/weight", "format.type", "must be a number");
  expect_problem(base_frames(), S, "size", 0, true, "/stakeholders/0/size", "format.type",
                 "must be a whole number, not a boolean (true)");
  expect_problem(base_frames(), S, "convenor", 0, 0.5, "/stakeholders/0/convenor", "format.value",
                 "must be true or false");
  expect_problem(base_frames(), G, "votes", 2, true, "/rights/2/votes", "format.type", "whole number");
  // Strings are not numbers, numbers are not strings, and a string is not empty.
  expect_problem(base_frames(), S, "influence", 0, "high", "/stakeholders/0/influence", "format.type",
                 "must be a number, not a string (\"high\")");
  expect_problem(base_frames(), S, "label", 0, "", "/stakeholders/0/label", "format.value", "must not be empty");
  expect_problem(base_frames(), P, "label", 0, "", "/projects/0/label", "format.value", "must not be empty");
  expect_problem(base_frames(), R, "date", 0, 2013, "/relations/0/date", "format.type",
                 "must be a string, not an integer (2013)");
  expect_problem(base_frames(), S, "kind", 0, "team", "/stakeholders/0/kind", "format.value",
                 "\"team\" is not one of person, group, organisation, object");
  expect_problem(base_frames(), G, "right", 0, "votes", "/rights/0/right", "format.value", "is not one of none");
  // An id is a string or a whole number; 1.5, true and "" are not ids.
  expect_problem(base_frames(), S, "id", 3, 1.5, "/stakeholders/3/id", "format.type", "not a number (1.5)");
  expect_problem(base_frames(), S, "id", 3, true, "/stakeholders/3/id", "format.type", "not a boolean (true)");
  expect_problem(base_frames(), S, "id", 3, "", "/stakeholders/3/id", "format.value", "must not be empty");
  // A value no field takes is named by what it is.
  expect_problem(base_frames(), R, "date", 0, Cell::unreadable("a Timestamp"), "/relations/0/date",
                 "format.type", "must be a string, not a Timestamp");
  expect_problem(base_frames(), S, "attributes", 0, "ward=east", "/stakeholders/0/attributes",
                 "format.type", "must be an object");
}

TEST(Frames, WholeNumbersAndIntegerIdsAreTakenExactly) {
  cp::Frames f = base_frames();
  column(f.stakeholders, "size").cells = {4.0, 9, Cell(), Cell()};
  f.stakeholders->add("influence", {1, 2.5, Cell(), Cell()});
  EXPECT_EQ(cp::read_frames(f).stakeholder("outreach").size, 4);
  EXPECT_EQ(cp::read_frames(f).stakeholder("outreach").influence, 1.0);
  // Integer ids (and whole floats from a column with gaps) are their decimal digits.
  cp::Frames numbered;
  numbered.stakeholders = Frame().add("id", {1, 2, 3}).add("kind", {"group", "group", "group"});
  numbered.relations = Frame().add("source", {1.0, 2.0}).add("target", {2, 3}).add("type", {"trusts", "trusts"});
  const cp::Network net = cp::read_frames(numbered);
  EXPECT_TRUE(net.contains("1") && net.contains("3"));
  EXPECT_EQ(net.relation_at(1).source, "2");
}

TEST(Frames, EveryProblemIsReportedAtOnceInFrameAndRowOrder) {
  cp::Frames f = base_frames();
  column(f.stakeholders, "size").cells = {true, 2.5, Cell(), Cell()};
  column(f.stakeholders, "convenor").cells.at(2) = "maybe";
  column(f.relations, "target").cells.at(2) = "nhs";
  column(f.relations, "weight").cells.at(0) = -1.0;
  column(f.rights, "votes").cells.at(3) = 1.5;
  column(f.rights, "decision").cells.at(0) = "film_theme_typo";
  column(f.decisions, "stage").cells.at(1) = "launch";
  const auto problems = problems_of(f);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& p : problems) got.emplace_back(p.pointer, p.code);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/stakeholders/0/size", "format.type"},
      {"/stakeholders/1/size", "format.value"},
      {"/stakeholders/2/convenor", "format.value"},
      {"/relations/0/weight", "model.invalid_value"},
      {"/relations/2/target", "model.unknown_id"},
      {"/decisions/1/stage", "format.value"},
      {"/rights/0/decision", "model.unknown_id"},
      {"/rights/3/votes", "format.value"},
  };
  EXPECT_EQ(got, expected) << listed(problems);
  try {
    cp::read_frames(f);
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.code(), "format.type");
    EXPECT_EQ(e.where(), "/stakeholders/0/size");
    EXPECT_NE(std::string(e.what()).find("[coproduction.model.unknown_id] /relations/2/target: "
                                         "relation handling_box->nhs (mediates): unknown "
                                         "stakeholder \"nhs\""),
              std::string::npos)
        << e.what();
  }
}

TEST(Frames, ModelRulesAreReportedAtTheCellTheyComeFrom) {
  using F = std::optional<Frame> cp::Frames::*;
  const F S = &cp::Frames::stakeholders, R = &cp::Frames::relations, D = &cp::Frames::decisions,
          G = &cp::Frames::rights;
  expect_problem(base_frames(), S, "id", 1, "outreach", "/stakeholders/1/id", "model.duplicate_id",
                 "stakeholder \"outreach\" already exists");
  expect_problem(base_frames(), S, "kind", 0, "person", "/stakeholders/0/size", "model.invalid_value",
                 "stakeholder \"outreach\": a person's size is 1");
  expect_problem(base_frames(), R, "target", 0, "womens_group", "/relations/0/target",
                 "model.invalid_value", "cannot relate to itself");
  expect_problem(base_frames(), R, "type", 0, "Learns", "/relations/0/type", "model.invalid_value",
                 "is not a type name");
  expect_problem(base_frames(), D, "project", 1, "exhibition", "/decisions/1/project",
                 "model.unknown_id", "decision \"film_budget\": unknown project \"exhibition\"");
  expect_problem(base_frames(), D, "quota", 1, 9.0, "/decisions/1/quota", "model.invalid_value",
                 "larger than the 5 votes");
  expect_problem(base_frames(), D, "rule", 0, "sole", "/decisions/0/rule", "model.invalid_value",
                 "exactly one \"decides\" holder");
  expect_problem(base_frames(), G, "stakeholder", 1, "nhs", "/rights/1/stakeholder", "model.unknown_id",
                 "decision \"film_theme\": unknown stakeholder \"nhs\"");
  expect_problem(base_frames(), G, "stakeholder", 1, "handling_box", "/rights/1/right",
                 "model.invalid_value", "cannot hold a right");
  expect_problem(base_frames(), G, "right", 3, "informed", "/rights/3/votes", "model.invalid_value",
                 "does not hold the decision");
  expect_problem(base_frames(), G, "stakeholder", 3, "outreach", "/rights/3/stakeholder",
                 "format.duplicate_key", "given a right twice");
  // A relation repeated, and a veto for a stakeholder who does not hold the decision.
  cp::Frames repeated = base_frames();
  column(repeated.relations, "source").cells.at(1) = "womens_group";
  expect_problem(repeated, R, "target", 1, "outreach", "/relations/1", "model.duplicate_id",
                 "the relation womens_group->outreach (learns_from) already exists");
  cp::Frames veto = base_frames();
  column(veto.rights, "right").cells.at(3) = "informed";
  column(veto.rights, "votes").cells.at(3) = Cell();
  column(veto.decisions, "quota").cells.at(1) = 3.0;
  expect_problem(veto, G, "veto", 3, "Yes", "/rights/3/veto", "model.invalid_value",
                 "decision \"film_budget\": \"womens_group\" does not hold the decision");
}

TEST(Frames, ProblemsOfAFrameAsAWhole) {
  cp::Frames f = base_frames();
  f.decisions->columns.erase(f.decisions->columns.begin() + 2);  // stage
  f.rights->add("note", {"a", "b", "c", "d"});
  f.relations->add("weight", {1.0, 1.0, 1.0});
  f.projects->add("label", {"Film"}).add("extra", {1, 2});  // the others are one cell short
  const auto problems = problems_of(f);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& p : problems) got.emplace_back(p.pointer, p.code);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/relations", "format.duplicate_key"},
      {"/projects", "format.value"},
      {"/projects", "format.value"},
      {"/projects", "format.value"},
      {"/projects/1/id", "format.missing"},
      {"/decisions", "format.missing"},
      {"/rights", "format.unknown_field"},
  };
  EXPECT_EQ(got, expected) << listed(problems);
  cp::Frames no_decisions = base_frames();
  no_decisions.decisions.reset();
  EXPECT_EQ(problems_of(no_decisions).at(0).pointer, "/rights");
}

TEST(Frames, UnknownColumnsGoToAttributes) {
  cp::Frames f = base_frames();
  f.stakeholders->add("ward", {"east", Cell(), 3, Cell()});
  f.stakeholders->add("attributes", {Cell(), Cell(), Cell::from_json({{"wave", 1}}), Cell()});
  const cp::Network net = cp::read_frames(f);
  EXPECT_EQ(net.stakeholder("outreach").attributes, (json{{"ward", "east"}}));
  EXPECT_TRUE(net.stakeholder("womens_group").attributes.is_null());
  EXPECT_EQ(net.stakeholder("probation").attributes, (json{{"ward", 3}, {"wave", 1}}));
  // A column that is also a key of the row's attributes, or a value JSON cannot hold.
  column(f.stakeholders, "attributes").cells.at(0) = Cell::from_json({{"ward", "west"}});
  column(f.stakeholders, "ward").cells.at(2) = std::numeric_limits<double>::infinity();
  column(f.stakeholders, "ward").cells.at(3) = Cell::unreadable("a Decimal");
  const auto problems = problems_of(f);
  ASSERT_EQ(problems.size(), 3u) << listed(problems);
  EXPECT_EQ(problems[0].pointer, "/stakeholders/0/ward");
  EXPECT_EQ(problems[0].code, "format.duplicate_key");
  EXPECT_EQ(problems[1].pointer, "/stakeholders/2/ward");
  EXPECT_EQ(problems[2].pointer, "/stakeholders/3/ward");
  EXPECT_NE(problems[2].message.find("a Decimal"), std::string::npos);
}

TEST(Frames, ABrokenStakeholderDoesNotCascade) {
  cp::Frames f = base_frames();
  column(f.stakeholders, "size").cells.at(1) = "nine";
  const auto problems = problems_of(f);
  ASSERT_EQ(problems.size(), 1u) << listed(problems);
  EXPECT_EQ(problems[0].pointer, "/stakeholders/1/size");
}

TEST(Frames, StringsThatAreNotUtf8AreRefusedAndMessagesStayUtf8) {
  cp::Frames f = base_frames();
  column(f.stakeholders, "label").cells.at(0) = std::string("caf\xc3", 4);
  column(f.projects, "label").cells.at(0) = std::string("\xed\xa0\x80", 3);  // a surrogate
  f.stakeholders->add(std::string("\xff"), {1, 2, 3, 4});
  const auto problems = problems_of(f);
  ASSERT_EQ(problems.size(), 3u) << listed(problems);
  for (const auto& p : problems) {
    EXPECT_TRUE(cp::detail::valid_utf8(p.message)) << p.message;
    EXPECT_TRUE(cp::detail::valid_utf8(p.pointer)) << p.pointer;
  }
  // Awkward but valid strings are kept as they are: quotes, a NUL, a right-to-left mark.
  cp::Frames awkward = base_frames();
  const char raw[] = "a\"b\0c\u202Ed~/";
  const std::string label(raw, sizeof raw - 1);
  column(awkward.stakeholders, "label").cells.at(0) = label;
  EXPECT_EQ(cp::read_frames(awkward).stakeholder("outreach").label, label);
}

TEST(Frames, AllOrNothing) {
  cp::Network net;
  net.add_stakeholder({.id = "commissioner"});
  const cp::Network before = net;
  cp::Frames f = base_frames();
  column(f.relations, "target").cells.at(2) = "nhs";
  EXPECT_THROW(cp::add_frames(net, f), cp::format_error);
  EXPECT_TRUE(net == before);
  cp::add_frames(net, base_frames());
  EXPECT_EQ(net.num_stakeholders(), 5u);
  EXPECT_EQ(net.num_decisions(), 2u);
  // A failed edge list leaves the reader as it was, and the frame then names every problem.
  cp::FrameReader reader(cp::Network{});
  reader.read_stakeholders(*base_frames().stakeholders);
  const std::vector<cp::Network::vertex_type> u{0, 1}, v{1, 1};
  const std::vector<std::uint32_t> k{0, 0};
  const std::vector<std::string> names{"trusts"};
  EXPECT_THROW(reader.add_edge_list(u, v, k, names), cp::model_error);
  EXPECT_EQ(reader.network().num_relations(), 0u);
  EXPECT_TRUE(reader.clean());
}

TEST(Frames, LargeFramesReadInPartsNumberTheirRows) {
  cp::FrameReader reader(cp::Network{});
  reader.read_stakeholders(Frame().add("id", {"a", "b"}).add("kind", {"group", "group"}).add("size", {1, 2}));
  reader.read_stakeholders(Frame().add("id", {"c", "a"}).add("kind", {"group", "group"}).add("size", {2.5, 1}), 2);
  try {
    std::move(reader).finish();
    FAIL();
  } catch (const cp::format_error& e) {
    ASSERT_EQ(e.problems().size(), 2u) << e.what();
    EXPECT_EQ(e.problems()[0].pointer, "/stakeholders/2/size");
    EXPECT_EQ(e.problems()[1].pointer, "/stakeholders/3/id");
  }
}

TEST(Frames, CellsAreTheirOwnType) {
  EXPECT_EQ(Cell().type(), Cell::Type::missing);
  EXPECT_EQ(Cell(std::numeric_limits<double>::quiet_NaN()).type(), Cell::Type::missing);
  EXPECT_EQ(Cell("x").type(), Cell::Type::string);
  EXPECT_EQ(Cell(true).type(), Cell::Type::boolean);
  EXPECT_EQ(Cell(3).type(), Cell::Type::integer);
  EXPECT_EQ(Cell(std::uint64_t{1} << 63).type(), Cell::Type::unreadable);
  EXPECT_EQ(Cell::from_json(json::object()).type(), Cell::Type::structured);
  EXPECT_EQ(Cell::from_json(json(2.0)).type(), Cell::Type::number);
  EXPECT_EQ(cp::detail::describe(Cell(std::string(200, 'x'))).size(), 76u);  // cut after 60 bytes
  // A value nested past the library's ceiling is never held (copies of it would recurse).
  json deep = json::array();
  for (std::size_t i = 0; i < cp::max_nesting; ++i) deep = json::array({std::move(deep)});
  EXPECT_EQ(Cell::from_json(deep).type(), Cell::Type::unreadable);
  EXPECT_EQ(Cell::from_json(deep[0]).type(), Cell::Type::structured);
}
