// A timeline as one dynamic GEXF 1.3 file (io/gexf_timeline.hpp): exact round trips (the
// example timeline, waves at dates and at ordinals, changing values, stakeholders that leave
// and come back, a wave whose order differs from the file's, awkward text); the spells and
// dynamic values written, worked out by hand from the waves; and hostile files, each problem
// a format_error at its line.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <unistd.h>

#include <coproduction/coproduction.hpp>

namespace cp = coproduction;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

cp::Wave wave(std::string name, cp::Network net, std::vector<std::string> not_surveyed = {},
              std::string date = {}) {
  return cp::Wave{std::move(name), std::move(net), std::move(not_surveyed), std::move(date)};
}

// Three waves: "museum" throughout with a role that changes in the third; "users" in the
// first and third (away in the second) with a label that changes; "carers" joins in the
// second, not surveyed then. museum -> users informs in waves 1 and 3 with weight 2 then 3;
// users -> museum learns_from in wave 1 only; carers -> museum trusts in waves 2 and 3.
cp::Timeline three_waves(bool dated) {
  cp::Network a, b, c;
  a.add_stakeholder({.id = "museum", .kind = cp::Kind::organisation, .role = "museum_staff", .convenor = true});
  a.add_stakeholder({.id = "users", .label = "Users", .kind = cp::Kind::group, .size = 9,
                     .attributes = json{{"ward", "east"}}});
  a.add_relation({.source = "museum", .target = "users", .type = "informs", .weight = 2});
  a.add_relation({.source = "users", .target = "museum", .type = "learns_from",
                  .provenance = {.reported_by = "museum", .date = "2013"}});
  b.add_stakeholder({.id = "museum", .kind = cp::Kind::organisation, .role = "museum_staff", .convenor = true});
  b.add_stakeholder({.id = "carers", .kind = cp::Kind::group, .influence = 2.5});
  b.add_relation({.source = "carers", .target = "museum", .type = "trusts"});
  // The third wave lists users before museum and its relations in the other order.
  c.add_stakeholder({.id = "users", .label = "Users' panel", .kind = cp::Kind::group, .size = 9,
                     .attributes = json{{"ward", "east"}}});
  c.add_stakeholder({.id = "museum", .kind = cp::Kind::organisation, .role = "senior_staff", .convenor = true});
  c.add_stakeholder({.id = "carers", .kind = cp::Kind::group, .influence = 2.5});
  c.add_relation({.source = "carers", .target = "museum", .type = "trusts"});
  c.add_relation({.source = "museum", .target = "users", .type = "informs", .weight = 3});
  c.set_metadata(json{{"note", "third visit"}});
  return cp::Timeline({wave("first", a, {}, dated ? "2013-02-14" : "spring"),
                       wave("second", b, {"carers"}, dated ? "2013-09-01" : ""),
                       wave("third", c, {}, dated ? "2014-03-20" : "2014")},
                      json{{"title", "three waves"}});
}

std::size_t line_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
}

std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

cp::format_error error_of(std::string_view text, const cp::XmlLimits& limits = {}) {
  try {
    cp::read_gexf_timeline(text, limits);
  } catch (const cp::format_error& e) {
    return e;
  }
  ADD_FAILURE() << "no format_error";
  return cp::format_error({});
}

// The first problem with `code`, and that it is at `line`.
void expect_problem(const cp::format_error& e, std::string_view code, std::size_t line,
                    std::string_view words = {}) {
  for (const cp::format_problem& p : e.problems())
    if (p.code == code) {
      EXPECT_EQ(p.pointer.rfind("line " + std::to_string(line) + ",", 0), 0u) << p.pointer << ": " << p.message;
      if (!words.empty()) {
        EXPECT_NE(p.message.find(words), std::string::npos) << p.message;
      }
      return;
    }
  ADD_FAILURE() << "no problem " << code << " in: " << e.what();
}

}  // namespace

TEST(GexfTimeline, ExampleTimelineRoundTrip) {
  const cp::Timeline t = cp::read_timeline_file(fs::path(COPRODUCTION_EXAMPLE_DATA) / "timelines" /
                                                "twam_partners_waves.json");
  const std::string text = cp::dump_gexf_timeline(t);
  EXPECT_TRUE(cp::read_gexf_timeline(text) == t);
  // The second wave's date is "2014-03", not a whole ISO date: the waves stand at 1 and 2.
  EXPECT_NE(text.find("mode=\"dynamic\" timeformat=\"integer\" start=\"1\" end=\"2\""), std::string::npos);
  // One node per stakeholder of the timeline, one edge per relation of either wave.
  const std::vector<std::string> ids = t.stakeholders();
  EXPECT_NE(text.find("<nodes count=\"" + std::to_string(ids.size()) + "\">"), std::string::npos);
  std::size_t spells = 0;
  for (std::size_t at = text.find("<spell "); at != std::string::npos; at = text.find("<spell ", at + 1)) ++spells;
  // Each stakeholder and relation in both waves has one spell [1, 2]; any other, one of [1, 1]
  // or [2, 2]: one spell per element in all, as no element leaves and comes back in two waves.
  std::size_t edges_expected = t.wave(0).network.num_relations();
  for (std::size_t i = 0; i < t.wave(1).network.num_relations(); ++i) {
    const cp::Network& n1 = t.wave(1).network;
    const cp::Network& n0 = t.wave(0).network;
    const std::string& s = n1.stakeholder_at(n1.relation_source(i)).id;
    const std::string& g = n1.stakeholder_at(n1.relation_target(i)).id;
    bool shared = false;
    for (std::size_t j = 0; j < n0.num_relations() && !shared; ++j)
      shared = n0.stakeholder_at(n0.relation_source(j)).id == s &&
               n0.stakeholder_at(n0.relation_target(j)).id == g && n0.relation_type(j) == n1.relation_type(i);
    edges_expected += !shared;
  }
  EXPECT_NE(text.find("<edges count=\"" + std::to_string(edges_expected) + "\">"), std::string::npos);
  EXPECT_EQ(spells, ids.size() + edges_expected);
  // Stonham-like leavers: every stakeholder of the first wave only has the spell [1, 1].
  const cp::presence_table p = t.presence();
  for (std::size_t i = 0; i < p.ids.size(); ++i) {
    const std::string node = "<node id=\"" + p.ids[i] + "\"";
    const std::size_t at = text.find(node);
    ASSERT_NE(at, std::string::npos) << p.ids[i];
    const std::string body = text.substr(at, text.find("</node>", at) - at);
    const bool first = p.at(0, i) != cp::Presence::absent && p.at(0, i) != cp::Presence::left;
    const bool second = p.at(1, i) != cp::Presence::absent && p.at(1, i) != cp::Presence::left;
    const std::string spell = std::string("<spell start=\"") + (first ? "1" : "2") + "\" end=\"" +
                              (second ? "2" : "1") + "\"/>";
    EXPECT_NE(body.find(spell), std::string::npos) << p.ids[i] << body;
    // The not-surveyed stakeholder of the second wave is so in wave 2 only.
    if (p.at(1, i) == cp::Presence::not_surveyed) {
      EXPECT_NE(body.find("<attvalue for=\"not_surveyed\" value=\"true\" start=\"2\" end=\"2\"/>"), std::string::npos);
    }
  }
  // And through a file.
  const fs::path path = fs::temp_directory_path() / ("coproduction_gexf_timeline_" + std::to_string(::getpid()) + ".gexf");
  cp::write_gexf_timeline(t, path);
  EXPECT_TRUE(cp::read_gexf_timeline_file(path) == t);
  fs::remove(path);
}

// Every spell and dynamic value of the three waves, worked out by hand.
TEST(GexfTimeline, SpellsAndValuesByHand) {
  for (const bool dated : {false, true}) {
    SCOPED_TRACE(dated ? "dates" : "ordinals");
    const cp::Timeline t = three_waves(dated);
    const std::string text = cp::dump_gexf_timeline(t);
    EXPECT_TRUE(cp::read_gexf_timeline(text) == t);
    const std::string w1 = dated ? "2013-02-14" : "1", w2 = dated ? "2013-09-01" : "2",
                      w3 = dated ? "2014-03-20" : "3";
    const auto has = [&](const std::string& s) { EXPECT_NE(text.find(s), std::string::npos) << s; };
    has(std::string("timeformat=\"") + (dated ? "date" : "integer") + "\" start=\"" + w1 + "\" end=\"" + w3 + "\"");
    // kind, convenor, size, influence and attributes never change: static attributes; role,
    // label and not_surveyed change: dynamic ones; so does the weight of informs.
    has("<attributes class=\"node\" mode=\"static\">\n      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
        "      <attribute id=\"convenor\" title=\"convenor\" type=\"boolean\"/>\n"
        "      <attribute id=\"size\" title=\"size\" type=\"long\"/>\n"
        "      <attribute id=\"influence\" title=\"influence\" type=\"double\"/>\n"
        "      <attribute id=\"attributes\" title=\"attributes\" type=\"string\"/>\n    </attributes>\n");
    has("<attributes class=\"node\" mode=\"dynamic\">\n      <attribute id=\"label\" title=\"label\" type=\"string\"/>\n"
        "      <attribute id=\"role\" title=\"role\" type=\"string\"/>\n"
        "      <attribute id=\"not_surveyed\" title=\"not_surveyed\" type=\"boolean\"/>\n    </attributes>\n");
    // The dynamic weight's id is not "weight", which NetworkX's reader takes for a static
    // double whatever the file declares.
    has("<attributes class=\"edge\" mode=\"dynamic\">\n      <attribute id=\"dynamic_weight\" title=\"weight\" type=\"double\"/>\n");
    // museum: all three waves, museum_staff in 1-2, senior_staff in 3.
    has("<node id=\"museum\">\n        <attvalues>\n          <attvalue for=\"kind\" value=\"organisation\"/>\n"
        "          <attvalue for=\"convenor\" value=\"true\"/>\n"
        "          <attvalue for=\"role\" value=\"museum_staff\" start=\"" + w1 + "\" end=\"" + w2 + "\"/>\n"
        "          <attvalue for=\"role\" value=\"senior_staff\" start=\"" + w3 + "\" end=\"" + w3 + "\"/>\n"
        "        </attvalues>\n        <spells>\n          <spell start=\"" + w1 + "\" end=\"" + w3 + "\"/>\n"
        "        </spells>\n      </node>\n");
    // users: waves 1 and 3, two spells; its label changes.
    has("<node id=\"users\" label=\"Users\">");
    has("<attvalue for=\"label\" value=\"Users\" start=\"" + w1 + "\" end=\"" + w1 + "\"/>\n"
        "          <attvalue for=\"label\" value=\"Users' panel\" start=\"" + w3 + "\" end=\"" + w3 + "\"/>");
    has("<spell start=\"" + w1 + "\" end=\"" + w1 + "\"/>\n          <spell start=\"" + w3 + "\" end=\"" + w3 + "\"/>");
    has("<attvalue for=\"attributes\" value=\"{&quot;ward&quot;:&quot;east&quot;}\"/>");
    // carers: joins in wave 2, not surveyed then.
    has("<attvalue for=\"not_surveyed\" value=\"true\" start=\"" + w2 + "\" end=\"" + w2 + "\"/>\n"
        "        </attvalues>\n        <spells>\n          <spell start=\"" + w2 + "\" end=\"" + w3 + "\"/>");
    // informs: waves 1 and 3 with weights 2 and 3; relations in order of first appearance.
    has("<edge id=\"r0\" source=\"museum\" target=\"users\" kind=\"informs\">\n        <attvalues>\n"
        "          <attvalue for=\"type\" value=\"informs\"/>\n"
        "          <attvalue for=\"dynamic_weight\" value=\"2\" start=\"" + w1 + "\" end=\"" + w1 + "\"/>\n"
        "          <attvalue for=\"dynamic_weight\" value=\"3\" start=\"" + w3 + "\" end=\"" + w3 + "\"/>\n");
    has("<edge id=\"r1\" source=\"users\" target=\"museum\" kind=\"learns_from\">");
    has("<edge id=\"r2\" source=\"carers\" target=\"museum\" kind=\"trusts\">");
    // The third wave's own order is kept in the description.
    has(R"("order":{"relations":["r2","r0"],"stakeholders":["users","museum","carers"]})");
  }
}

TEST(GexfTimeline, OneWaveAndAwkwardText) {
  cp::Network net;
  const std::string a = "\"<a>\" & 'b' ]]> \u200f\u05e9", b = "  spaced\t\r\n id ", c = "\U0001F600,;=";
  net.add_stakeholder({.id = a, .label = "two\nlines\r\n\ttab", .kind = cp::Kind::group, .sector = " ",
                       .expertise = cp::Expertise::both, .under_served = false, .paid = true, .size = 7,
                       .influence = 2.0 / 3, .attributes = json{{"t", "a\"b\u0001"}, {"x", 1e-7}, {"e", json::object()}}});
  net.add_stakeholder({.id = b, .kind = cp::Kind::organisation, .size = std::numeric_limits<std::int64_t>::max(),
                       .attributes = json::object()});
  net.add_stakeholder({.id = c, .role = "service_user"});
  net.add_relation({.source = a, .target = b, .type = "informs", .weight = 1e-7, .scale = cp::Scale::institution,
                    .provenance = {.reported_by = "x\ty", .date = "2013", .method = "<m>"},
                    .attributes = json{{"k", "v"}}});
  net.add_relation({.source = c, .target = a, .type = "learns_from"});
  net.add_project({.id = "film"});
  const cp::Timeline one({wave("only \"one\" <wave>", net, {c}, "2013-02-14")});
  const std::string text = cp::dump_gexf_timeline(one);
  EXPECT_NE(text.find("timeformat=\"date\" start=\"2013-02-14\" end=\"2013-02-14\""), std::string::npos);
  EXPECT_TRUE(cp::read_gexf_timeline(text) == one);
  EXPECT_THROW(cp::dump_gexf_timeline(cp::Timeline()), cp::input_error);
  // Text XML 1.0 cannot hold is refused, naming the wave.
  cp::Network bad;
  bad.add_stakeholder({.id = "x", .label = std::string("bell\x07")});
  try {
    cp::dump_gexf_timeline(cp::Timeline({wave("w", bad)}));
    FAIL() << "no error";
  } catch (const cp::format_error& e) {
    EXPECT_EQ(e.problems().front().pointer, "/waves/0/network/stakeholders/0/label");
    EXPECT_EQ(e.problems().front().code, "format.xml_char");
  }
}

// Waves stand at their dates only when every wave has a calendar date and they increase.
TEST(GexfTimeline, WhenWavesStandAtTheirDates) {
  namespace gt = cp::detail::gexf_timeline;
  for (const char* good : {"2013-02-14", "2012-02-29", "2000-02-29", "1999-12-31"}) EXPECT_TRUE(gt::iso_date(good)) << good;
  for (const char* bad : {"2013-02-29", "1900-02-29", "2013-04-31", "2013-13-01", "2013-00-10", "2013-01-00",
                          "2013-1-10", "2013-03", "2013", "20130210", "2013-02-1x", ""})
    EXPECT_FALSE(gt::iso_date(bad)) << bad;
  const auto times = [](std::vector<std::string> dates) {
    return gt::times_of(dates.size(), [&](std::size_t i) -> const std::string& { return dates[i]; });
  };
  EXPECT_TRUE(times({"2013-02-14", "2014-03-20"}).date);
  EXPECT_EQ(times({"2013-02-14", "2014-03-20"}).at, (std::vector<std::string>{"2013-02-14", "2014-03-20"}));
  // Equal, decreasing, missing or partial dates: ordinals.
  for (const auto& dates : std::vector<std::vector<std::string>>{{"2013-02-14", "2013-02-14"},
                                                                 {"2014-03-20", "2013-02-14"},
                                                                 {"2013-02-14", ""},
                                                                 {"2013-02-14", "2014-03"}}) {
    const gt::wave_times t = times(dates);
    EXPECT_FALSE(t.date);
    EXPECT_EQ(t.at, (std::vector<std::string>{"1", "2"}));
  }
}

// ---- hostile files ---------------------------------------------------------------------------

TEST(GexfTimeline, SpellsOutOfOrderOverlappingUnknownOrBackwards) {
  const std::string text = cp::dump_gexf_timeline(three_waves(false));
  const std::string museum_spell = "<spell start=\"1\" end=\"3\"/>";
  const std::size_t line = line_of(text, museum_spell);
  // Out of order.
  expect_problem(error_of(replaced(text, museum_spell, "<spell start=\"3\" end=\"3\"/><spell start=\"1\" end=\"2\"/>")),
                 "format.spell", line, "comes before");
  // Overlapping.
  expect_problem(error_of(replaced(text, museum_spell, "<spell start=\"1\" end=\"2\"/><spell start=\"2\" end=\"3\"/>")),
                 "format.spell", line, "overlaps");
  // A time that is no wave's.
  expect_problem(error_of(replaced(text, museum_spell, "<spell start=\"1\" end=\"7\"/>")), "format.time", line, "\"7\"");
  expect_problem(error_of(replaced(text, museum_spell, "<spell start=\"1.0\" end=\"3\"/>")), "format.time", line);
  // Start after end.
  expect_problem(error_of(replaced(text, museum_spell, "<spell start=\"3\" end=\"1\"/>")), "format.spell", line, "after its end");
  // Open bounds of GEXF 1.2 are not ours.
  expect_problem(error_of(replaced(text, museum_spell, "<spell startopen=\"1\" end=\"3\"/>")), "format.unsupported",
                 line, "startopen");
  // Dated waves: a date between two waves is no wave's time.
  const std::string dated = cp::dump_gexf_timeline(three_waves(true));
  const std::string dated_spell = "<spell start=\"2013-02-14\" end=\"2014-03-20\"/>";
  expect_problem(error_of(replaced(dated, dated_spell, "<spell start=\"2013-02-15\" end=\"2014-03-20\"/>")),
                 "format.time", line_of(dated, dated_spell), "2013-02-15");
}

TEST(GexfTimeline, ValuesOutsideSpellsOrTwice) {
  const std::string text = cp::dump_gexf_timeline(three_waves(false));
  const std::string senior = "<attvalue for=\"role\" value=\"senior_staff\" start=\"3\" end=\"3\"/>";
  const std::size_t line = line_of(text, senior);
  // Overlapping the value before it.
  expect_problem(error_of(replaced(text, senior, "<attvalue for=\"role\" value=\"senior_staff\" start=\"2\" end=\"3\"/>")),
                 "format.spell", line, "second value");
  // users is away in wave 2: a value there is outside its spells.
  const std::string users_label = "<attvalue for=\"label\" value=\"Users\" start=\"1\" end=\"1\"/>";
  expect_problem(error_of(replaced(text, users_label, "<attvalue for=\"label\" value=\"Users\" start=\"1\" end=\"2\"/>")),
                 "format.spell", line_of(text, users_label), "outside the spells");
  // A static attribute's value with a start.
  const std::string kind = "<attvalue for=\"kind\" value=\"organisation\"/>";
  expect_problem(error_of(replaced(text, kind, "<attvalue for=\"kind\" value=\"organisation\" start=\"1\" end=\"1\"/>")),
                 "format.spell", line_of(text, kind), "static");
  // An undeclared attribute, a value of the wrong type.
  expect_problem(error_of(replaced(text, kind, "<attvalue for=\"colour\" value=\"red\"/>")), "format.value",
                 line_of(text, kind), "colour");
  const std::string size = "<attvalue for=\"size\" value=\"9\"/>";
  expect_problem(error_of(replaced(text, size, "<attvalue for=\"size\" value=\"nine\"/>")), "format.value",
                 line_of(text, size), "integer");
}

TEST(GexfTimeline, ModelProblemsAtTheirElement) {
  const std::string text = cp::dump_gexf_timeline(three_waves(false));
  // A kind the model does not know: the timeline reader's problem, at the node, in each wave.
  const std::string kind = "<attvalue for=\"kind\" value=\"organisation\"/>";
  const cp::format_error e = error_of(replaced(text, kind, "<attvalue for=\"kind\" value=\"robot\"/>"));
  expect_problem(e, e.problems().front().code, line_of(text, kind) - 2, "in wave \"first\", kind");
  // An edge whose source is away in one of its waves: users is not in wave 2.
  std::string moved = text;
  moved.replace(text.find("<spell start=\"1\" end=\"1\"/>", text.find("<edge id=\"r1\"")), 26,
                "<spell start=\"1\" end=\"2\"/>");
  const cp::format_error gone = error_of(moved);
  expect_problem(gone, "model.unknown_id", line_of(text, "<edge id=\"r1\""), "in wave \"second\"");
  // not_surveyed against the wave's list.
  const std::string ns = "<attvalue for=\"not_surveyed\" value=\"true\" start=\"2\" end=\"2\"/>";
  expect_problem(error_of(replaced(text, ns, "<attvalue for=\"not_surveyed\" value=\"true\" start=\"3\" end=\"3\"/>")),
                 "format.value", line_of(text, "<node id=\"carers\""), "not surveyed");
}

TEST(GexfTimeline, NotATimelinesFile) {
  cp::Network net;
  net.add_stakeholder({.id = "a"});
  // A network's GEXF: no timeline document.
  expect_problem(error_of(cp::dump_gexf(net)), "format.missing", line_of(cp::dump_gexf(net), "<description>"),
                 "read_gexf");
  const std::string text = cp::dump_gexf_timeline(three_waves(false));
  expect_problem(error_of(replaced(text, "mode=\"dynamic\"", "mode=\"static\"")), "format.value",
                 line_of(text, "<graph "), "not dynamic");
  expect_problem(error_of(replaced(text, "timeformat=\"integer\"", "timeformat=\"date\"")), "format.time",
                 line_of(text, "<graph "), "timeformat");
  expect_problem(error_of(replaced(text, "<edge id=\"r1\" source=\"users\"", "<edge id=\"r1\" source=\"nobody\"")),
                 "format.value", line_of(text, "<edge id=\"r1\""), "nobody");
  expect_problem(error_of(replaced(text, "<edge id=\"r1\"", "<edge id=\"r0\"")), "format.value",
                 line_of(text, "<edge id=\"r1\""), "second edge");
  expect_problem(error_of(replaced(text, R"(["r2","r0"])", R"(["r2","r2"])")), "format.value",
                 line_of(text, "<description>"), "order");
  // Well-formedness, entities and limits: the XML reader's own refusals.
  EXPECT_EQ(error_of(replaced(text, "</nodes>", "</node>")).problems().front().code, "format.syntax");
  EXPECT_EQ(error_of("<!DOCTYPE gexf [<!ENTITY a \"b\">]><gexf/>").problems().front().code, "format.doctype");
  cp::XmlLimits small;
  small.max_bytes = 100;
  EXPECT_EQ(error_of(text, small).problems().front().code, "format.size");
}
