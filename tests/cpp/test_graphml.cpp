// GraphML: exact round trips (both example data sets and networks of awkward text and free
// attributes of every type), the declared types, the reader of files written by other
// tools, the XML reader under hostile input (each refusal a format_error naming its line),
// and the problems of a file reported all at once, each at its line.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <unistd.h>

#include <coproduction/coproduction.hpp>

namespace cp = coproduction;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

cp::Network example(const char* name) {
  return cp::read_json_file(fs::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json"));
}

cp::format_error graphml_error(std::string_view text, const cp::XmlLimits& limits = {}) {
  try {
    cp::read_graphml(text, limits);
  } catch (const cp::format_error& e) {
    return e;
  }
  ADD_FAILURE() << "no format_error for " << text.substr(0, 300);
  return cp::format_error({});
}

// A network whose text is awkward for XML and for every reader: quotes, <, &, ]]>, line ends
// of every kind, tabs, spaces at the ends, right-to-left marks, emoji, non-Latin scripts;
// parallel relations; free attributes of every JSON type, including names the format
// reserves and text only JSON can hold.
cp::Network awkward_network() {
  cp::Network net;
  net.set_metadata(json{{"title", "a \"quoted\" <title> & more\r\n\t"}, {"wave", 2}});
  const std::string a = "\"<a>\" & 'b' ]]> \u200f\u05e9\u05dc\u05d5\u05dd", b = "  spaced\t\r\n id ",
                    c = "\U0001F469\u200D\u2695\uFE0F \u4e2d\u6587 \u202e", d = "d";
  net.add_stakeholder({.id = a, .label = "line\nbreak\r\nand \r cr", .kind = cp::Kind::group,
                       .role = "service_user", .sector = "x,y;z", .expertise = cp::Expertise::lived,
                       .under_served = true, .paid = false, .convenor = false, .size = 12,
                       .influence = 0.1,
                       .attributes = json{{"n", 1}, {"ratio", 2.5}, {"flag", true}, {"t", " text "},
                                          {"mixed", 1}, {"nested", {{"k", {1, 2, nullptr}}}},
                                          {"kind", "reserved name"}, {"ctrl", "bell\x07"},
                                          {"big", std::numeric_limits<std::int64_t>::max()},
                                          {"f_int", 3}, {"empty", ""}}});
  net.add_stakeholder({.id = b, .label = " ", .kind = cp::Kind::organisation, .size = 3000000000LL,
                       .influence = 1e300,
                       .attributes = json{{"n", -2147483648LL}, {"ratio", 2.0}, {"flag", false},
                                          {"t", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"},
                                          {"mixed", "one"}, {"f_int", 0.5}, {"null", nullptr}}});
  net.add_stakeholder({.id = c, .kind = cp::Kind::person, .influence = -0.0,
                       .attributes = json::object()});
  net.add_stakeholder({.id = d, .kind = cp::Kind::object, .influence = 5e-324});
  net.add_relation({.source = a, .target = b, .type = "informs", .weight = 0.30000000000000004,
                    .scale = cp::Scale::session,
                    .provenance = {.reported_by = c, .date = "2013-02", .method = "m\"e<t>h&od\t"},
                    .attributes = json{{"w", 1}, {"type", "reserved"}, {"label", "also reserved"}}});
  net.add_relation({.source = a, .target = b, .type = "trusts", .weight = 2,
                    .attributes = json{{"w", 2.5}}});
  net.add_relation({.source = b, .target = a, .type = "learns_from", .scale = cp::Scale::place,
                    .attributes = json::object()});
  net.add_relation({.source = d, .target = c, .type = "mediates"});
  net.add_project({.id = "p\"<&>", .label = "\u05e9", .claimed = cp::CollaborationType::co_design,
                   .attributes = json{{"ctrl", std::string("nul\0byte", 8)}}});
  net.add_decision({.id = "d1", .project = "p\"<&>", .stage = cp::Stage::design,
                    .rights = {{a, cp::Right::shared}, {b, cp::Right::shared}, {c, cp::Right::consulted}},
                    .rule = {.kind = cp::RuleKind::quota, .votes = {{a, 2}, {b, 1}}, .quota = 2,
                             .veto = {a}},
                    .weight = 0.5});
  return net;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("coproduction_graphml_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ignore;
    fs::remove_all(path, ignore);
  }
};

// A GraphML document around `body` (keys and a graph).
std::string graphml(const std::string& keys, const std::string& graph,
                    const std::string& edgedefault = "directed") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n" +
         keys + "<graph edgedefault=\"" + edgedefault + "\">\n" + graph + "</graph>\n</graphml>\n";
}

}  // namespace

// ---- round trips ----------------------------------------------------------------------------

TEST(GraphML, ExamplesRoundTripExactly) {
  TempDir dir;
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    SCOPED_TRACE(name);
    const cp::Network net = example(name);
    const std::string text = cp::dump_graphml(net);
    const cp::Network back = cp::read_graphml(text);
    EXPECT_TRUE(back == net);
    EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));  // the JSON text too, integers as integers
    EXPECT_EQ(cp::dump_graphml(back), text);             // and a second write is the same text
    const fs::path path = dir.path / (std::string(name) + ".graphml");
    cp::write_graphml(net, path);
    EXPECT_EQ(read_file(path), text);
    EXPECT_TRUE(cp::read_graphml_file(path) == net);
  }
}

TEST(GraphML, AwkwardTextAndAttributesOfEveryTypeRoundTripExactly) {
  const cp::Network net = awkward_network();
  const std::string text = cp::dump_graphml(net);
  const cp::Network back = cp::read_graphml(text);
  EXPECT_TRUE(back == net) << cp::dump_json(back) << "\n" << cp::dump_json(net);
  EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));
  EXPECT_EQ(cp::dump_graphml(back), text);
  // Bit for bit: the doubles, -0 included.
  EXPECT_TRUE(std::signbit(*back.stakeholder_at(2).influence));
  EXPECT_EQ(*back.stakeholder_at(3).influence, 5e-324);
  EXPECT_EQ(*back.relation_weight(0), 0.30000000000000004);
  // JSON types survive: 2.0 stays a float, 3 an integer.
  EXPECT_TRUE(back.stakeholder_at(1).attributes["ratio"].is_number_float());
  EXPECT_TRUE(back.stakeholder_at(0).attributes["f_int"].is_number_integer());
  EXPECT_TRUE(back.stakeholder_at(2).attributes.is_object());  // {} is not null
  EXPECT_TRUE(back.stakeholder_at(3).attributes.is_null());
}

TEST(GraphML, EachAttributeHasOneDeclaredTypeTheWidestItsValuesNeed) {
  const std::string text = cp::dump_graphml(awkward_network());
  auto declared = [&](const std::string& name, const std::string& type) {
    return text.find("attr.name=\"" + name + "\" attr.type=\"" + type + "\"") != std::string::npos;
  };
  EXPECT_TRUE(declared("size", "long"));       // 3,000,000,000 needs 64 bits
  EXPECT_TRUE(declared("influence", "double"));
  EXPECT_TRUE(declared("paid", "boolean"));
  EXPECT_TRUE(declared("n", "int"));           // 1 and -2^31 fit 32 bits
  EXPECT_TRUE(declared("big", "long"));
  EXPECT_TRUE(declared("ratio", "double"));
  EXPECT_TRUE(declared("f_int", "double"));    // 3 and 0.5
  EXPECT_TRUE(declared("flag", "boolean"));
  EXPECT_TRUE(declared("t", "string"));
  EXPECT_TRUE(declared("empty", "string"));
  EXPECT_TRUE(declared("w", "double"));        // an edge's 1 and 2.5
  // Mixed kinds, nulls, nested values, reserved names and text XML cannot hold travel as
  // JSON text: no key of their own.
  for (const char* name : {"mixed", "nested", "ctrl", "null"})
    EXPECT_EQ(text.find(std::string("attr.name=\"") + name + "\""), std::string::npos) << name;
  EXPECT_EQ(text.find("attr.name=\"kind\" attr.type=\"string\"/>"),
            text.rfind("attr.name=\"kind\" attr.type=\"string\"/>"));  // the field's key only
  // Booleans as XML Schema spells them, missing values absent (never "None").
  EXPECT_NE(text.find(">true</data>"), std::string::npos);
  EXPECT_EQ(text.find("None"), std::string::npos);
  EXPECT_EQ(text.find(">True<"), std::string::npos);
  // Line ends and tabs in attribute values are character references, so they survive.
  EXPECT_NE(text.find("  spaced&#9;&#13;&#10; id "), std::string::npos);
  EXPECT_NE(text.find("line\nbreak&#13;\nand &#13; cr"), std::string::npos);
}

TEST(GraphML, ParallelRelationsKeepStableIdsInOrder) {
  const cp::Network net = example("twam_partners_2013");
  const std::string text = cp::dump_graphml(net);
  for (std::size_t i = 0; i < net.num_relations(); ++i)
    EXPECT_NE(text.find("<edge id=\"r" + std::to_string(i) + "\" "), std::string::npos) << i;
  const cp::Network awkward = awkward_network();
  const cp::Network back = cp::read_graphml(cp::dump_graphml(awkward));
  ASSERT_EQ(back.num_relations(), 4u);
  EXPECT_EQ(back.relation_type(0), "informs");
  EXPECT_EQ(back.relation_type(1), "trusts");  // the same pair, another type
}

TEST(GraphML, TextXmlCannotHoldIsRefusedOnWriteNamingEveryPlace) {
  cp::Network net;
  net.add_stakeholder({.id = "a", .label = "bell\x07"});
  net.add_stakeholder({.id = "b\x1b[31m"});
  net.add_stakeholder({.id = "c", .sector = "\xef\xbf\xbe"});  // U+FFFE
  TempDir dir;
  const fs::path path = dir.path / "x.graphml";
  try {
    cp::write_graphml(net, path);
    FAIL();
  } catch (const cp::format_error& e) {
    ASSERT_EQ(e.problems().size(), 3u) << e.what();
    EXPECT_EQ(e.problems()[0].pointer, "/stakeholders/0/label");
    EXPECT_EQ(e.problems()[0].code, "format.xml_char");
    EXPECT_NE(e.problems()[0].message.find("stakeholder \"a\""), std::string::npos);
    EXPECT_NE(e.problems()[0].message.find("U+0007"), std::string::npos);
    EXPECT_EQ(e.problems()[1].pointer, "/stakeholders/1/id");
    EXPECT_EQ(e.problems()[2].pointer, "/stakeholders/2/sector");
    EXPECT_NE(e.problems()[2].message.find("U+FFFE"), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(path));  // nothing written
  // The same characters in free attributes, metadata, projects and decisions travel as JSON
  // text and come back.
  cp::Network ok;
  ok.set_metadata(json{{"note", "\x01"}});
  ok.add_stakeholder({.id = "a", .attributes = json{{"\x02key", "\x03value\xef\xbf\xbf"}}});
  EXPECT_TRUE(cp::read_graphml(cp::dump_graphml(ok)) == ok);
}

// ---- the XML reader ---------------------------------------------------------------------------

TEST(XmlReader, ReadsTheWholeOfXmlItNeeds) {
  // Comments, processing instructions, CDATA, references of every kind, both quotes,
  // white space in tags, CRLF line ends, a byte order mark.
  const std::string text =
      "\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8' standalone='yes'?>\r\n"
      "<!-- a comment -->\r\n<?pi data?>\n"
      "<graphml xmlns='http://graphml.graphdrawing.org/xmlns' xmlns:y='urn:y'>\r\n"
      "<key id='k' for='node' attr.name='note' attr.type='string'><desc>d</desc></key>\n"
      "<key id='kl' for='node' attr.name='label' attr.type='string'/>\n"
      "<graph edgedefault = \"directed\" >\n"
      "<node id='a&amp;&#x41;&#66;&lt;&gt;&quot;&apos;'>"
      "<data key='k'>x<!-- c -->y<![CDATA[<z>&amp;]]>\r\n&#13;&#x10FFFF;</data>"
      "<data key=\"kl\">\t</data></node>\n"
      "<node id=\"b\"/>\n<edge source=\"a&amp;AB&lt;&gt;&quot;'\" target='b'/>\n"
      "</graph>\n</graphml>\n<!-- trailing -->\n";
  const cp::Network net = cp::read_graphml(text);
  ASSERT_EQ(net.num_stakeholders(), 2u);
  const cp::Stakeholder& a = net.stakeholder_at(0);
  EXPECT_EQ(a.id, "a&AB<>\"'");
  EXPECT_EQ(a.attributes["note"], "xy<z>&amp;\n\r\xF4\x8F\xBF\xBF");
  EXPECT_EQ(a.label, "\t");
  ASSERT_EQ(net.num_relations(), 1u);
  EXPECT_EQ(net.relation_type(0), "related");  // no type given: the default
}

TEST(XmlReader, AttributeValuesAreNormalisedAsXmlSays) {
  // A literal tab, line feed or CR in an attribute value is a space; a reference is kept.
  const cp::Network net = cp::read_graphml(graphml("", "<node id='a\tb\nc\r\nd&#10;e&#9;f&#13;'/>"));
  EXPECT_EQ(net.stakeholder_at(0).id, "a b c d\ne\tf\r");
}

struct Hostile {
  const char* name;
  std::string text;
  const char* code;
  const char* where;  // the start of the problem's place
};

class HostileXml : public ::testing::TestWithParam<Hostile> {};

TEST_P(HostileXml, IsRefusedWithATypedErrorNamingItsLine) {
  const Hostile& h = GetParam();
  const auto start = std::chrono::steady_clock::now();
  const cp::format_error e = graphml_error(h.text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(e.code(), h.code) << e.what();
  EXPECT_EQ(e.where().rfind(h.where, 0), 0u) << e.where();
  EXPECT_EQ(e.problems().size(), 1u) << e.what();
  EXPECT_LT(seconds, 2.0);
}

std::string billion_laughs() {
  std::string t = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    t += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) t += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    t += "\">\n";
  }
  return t + "]>\n<graphml><graph><node id=\"&lol9;\"/></graph></graphml>\n";
}

std::string deep(int levels) {
  std::string t = "<graphml>\n";
  for (int i = 0; i < levels; ++i) t += "<a>";
  for (int i = 0; i < levels; ++i) t += "</a>";
  return t + "</graphml>";
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, HostileXml,
    ::testing::Values(
        Hostile{"billion_laughs", billion_laughs(), "format.doctype", "line 2, column 1"},
        Hostile{"external_entity",
                "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                "<graphml><graph><node id=\"&x;\"/></graph></graphml>",
                "format.doctype", "line 2, column 1"},
        Hostile{"external_dtd", "<!DOCTYPE graphml SYSTEM \"http://example.org/x.dtd\">\n<graphml/>",
                "format.doctype", "line 1, column 1"},
        Hostile{"undeclared_entity", "<graphml>\n<graph>\n<node id=\"&lol;\"/></graph></graphml>",
                "format.entity", "line 3, column 11"},
        Hostile{"deep_10000", deep(10000), "format.depth", "line 2, column 766"},
        Hostile{"huge_attribute",
                "<graphml>\n<graph>\n<node id=\"" + std::string((16u << 20) + 10, 'x') + "\"/></graph></graphml>",
                "format.limit", "line 3, column 11"},
        Hostile{"many_attributes",
                [] {
                  std::string t = "<graphml>\n<graph ";
                  for (int i = 0; i < 300; ++i) t += "a" + std::to_string(i) + "=\"\" ";
                  return t + "/></graphml>";
                }(),
                "format.limit", "line 2, column "},
        Hostile{"truncated", "<graphml>\n<graph edgedefault=\"directed\">\n<node id=\"a\">",
                "format.syntax", "line 3, column 14"},
        Hostile{"truncated_in_tag", "<graphml>\n<graph edgedefault=\"dir", "format.syntax", "line 2, column 20"},
        Hostile{"invalid_utf8", "<graphml>\n<graph>\n<node id=\"\xc3\x28\"/></graph></graphml>",
                "format.encoding", "line 3, column 11"},
        Hostile{"overlong_utf8", "<graphml>\n<graph><node id=\"\xc0\xaf\"/></graph></graphml>",
                "format.encoding", "line 2, column 18"},
        Hostile{"utf8_surrogate", "<graphml><graph><node id=\"\xed\xa0\x80\"/></graph></graphml>",
                "format.encoding", "line 1, column 27"},
        Hostile{"control_character", "<graphml>\n\n<graph>\x01</graph></graphml>", "format.encoding",
                "line 3, column 8"},
        Hostile{"nul_reference", "<graphml>\n<graph><node id=\"&#0;\"/></graph></graphml>",
                "format.entity", "line 2, column 18"},
        Hostile{"surrogate_reference", "<graphml>\n<graph><node id=\"&#xD800;\"/></graph></graphml>",
                "format.entity", "line 2, column 18"},
        Hostile{"too_large_reference", "<graphml>\n<graph><node id=\"&#1114112;\"/></graph></graphml>",
                "format.entity", "line 2, column 18"},
        Hostile{"fffe_reference", "<graphml>\n<graph><node id=\"&#xFFFE;\"/></graph></graphml>",
                "format.entity", "line 2, column 18"},
        Hostile{"bare_ampersand", "<graphml>\n<graph><node id=\"a & b\"/></graph></graphml>",
                "format.entity", "line 2, column 20"},
        Hostile{"utf16", std::string("\xff\xfe<\0g\0", 6), "format.encoding", "line 1, column 1"},
        Hostile{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><graphml/>", "format.encoding",
                "line 1, column 21"},
        Hostile{"mismatched_tag", "<graphml>\n<graph>\n</graphml>", "format.syntax", "line 3, column 1"},
        Hostile{"duplicate_attribute", "<graphml>\n<graph a=\"1\" a=\"2\"/></graphml>", "format.syntax",
                "line 2, column 14"},
        Hostile{"lt_in_attribute", "<graphml>\n<graph a=\"<\"/></graphml>", "format.syntax", "line 2, column 11"},
        Hostile{"two_roots", "<graphml/>\n<graphml/>", "format.syntax", "line 2, column 1"},
        Hostile{"text_after_root", "<graphml/>\nx", "format.syntax", "line 2, column 1"},
        Hostile{"undeclared_prefix", "<graphml>\n<y:ShapeNode/></graphml>", "format.syntax", "line 2, column 1"},
        Hostile{"empty", "", "format.syntax", "line 1, column 1"},
        Hostile{"not_graphml", "<gexf/>", "format.value", "line 1, column 1"},
        Hostile{"cdata_end_in_text", "<graphml>\n a ]]> b</graphml>", "format.syntax", "line 2, column 4"},
        Hostile{"comment_with_dashes", "<graphml><!-- a -- b --></graphml>", "format.syntax", "line 1, column 17"}),
    [](const ::testing::TestParamInfo<Hostile>& info) { return std::string(info.param.name); });

TEST(XmlReader, SizeAndDepthLimitsAreTheCallersToLower) {
  const std::string text = cp::dump_graphml(example("nml_collaboration_types"));
  cp::XmlLimits small;
  small.max_bytes = 1000;
  auto e = graphml_error(text, small);
  EXPECT_EQ(e.code(), "format.size");
  cp::XmlLimits shallow;
  shallow.max_depth = 3;  // graphml > graph > node > data is 4 deep
  e = graphml_error(text, shallow);
  EXPECT_EQ(e.code(), "format.depth");
  EXPECT_EQ(e.where().rfind("line ", 0), 0u);
  TempDir dir;
  const fs::path path = dir.path / "big.graphml";
  cp::write_graphml(example("nml_collaboration_types"), path);
  EXPECT_THROW(cp::read_graphml_file(path, small), cp::format_error);
  EXPECT_THROW(cp::read_graphml_file(dir.path / "absent.graphml"), cp::io_error);
}

// ---- files written elsewhere ----------------------------------------------------------------

TEST(GraphML, ReadsNetworkXStyleFiles) {
  // As NetworkX writes a MultiDiGraph: keys d0.., booleans True/False, edge ids as keys,
  // graph data at the end.
  const std::string text =
      "<?xml version='1.0' encoding='utf-8'?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"d5\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\" />\n"
      "  <key id=\"d4\" for=\"edge\" attr.name=\"type\" attr.type=\"string\" />\n"
      "  <key id=\"d3\" for=\"node\" attr.name=\"paid\" attr.type=\"boolean\" />\n"
      "  <key id=\"d2\" for=\"node\" attr.name=\"age\" attr.type=\"long\" />\n"
      "  <key id=\"d1\" for=\"node\" attr.name=\"kind\" attr.type=\"string\" />\n"
      "  <key id=\"d0\" for=\"graph\" attr.name=\"name\" attr.type=\"string\" />\n"
      "  <graph edgedefault=\"directed\">\n"
      "    <node id=\"u\"><data key=\"d3\">True</data><data key=\"d2\">40</data></node>\n"
      "    <node id=\"v\"><data key=\"d1\">group</data><data key=\"d3\">False</data></node>\n"
      "    <edge source=\"u\" target=\"v\" id=\"0\"><data key=\"d4\">informs</data>"
      "<data key=\"d5\">1.0</data></edge>\n"
      "    <edge source=\"u\" target=\"v\" id=\"1\"><data key=\"d4\">trusts</data></edge>\n"
      "    <data key=\"d0\">partners</data>\n"
      "  </graph>\n</graphml>\n";
  const cp::Network net = cp::read_graphml(text);
  ASSERT_EQ(net.num_stakeholders(), 2u);
  EXPECT_EQ(net.stakeholder("u").paid, true);
  EXPECT_EQ(net.stakeholder("u").kind, cp::Kind::person);  // no kind: a person
  EXPECT_EQ(net.stakeholder("u").attributes, json({{"age", 40}}));
  EXPECT_EQ(net.stakeholder("v").kind, cp::Kind::group);
  ASSERT_EQ(net.num_relations(), 2u);
  EXPECT_EQ(net.relation_type(1), "trusts");
  EXPECT_EQ(*net.relation_weight(0), 1.0);
  EXPECT_EQ(net.metadata(), json({{"name", "partners"}}));
}

TEST(GraphML, ReadsIgraphStyleFilesWithTheirIdsAndNumbers) {
  // igraph writes node ids n0.. (with the ids it read as an "id" value), every number as a
  // double, and no value for a missing number.
  const std::string text = graphml(
      "<key id=\"v_id\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>\n"
      "<key id=\"v_size\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>\n"
      "<key id=\"v_kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "<key id=\"e_type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n",
      "<node id=\"n0\"><data key=\"v_id\">outreach</data><data key=\"v_kind\">group</data>"
      "<data key=\"v_size\">4</data></node>\n"
      "<node id=\"n1\"><data key=\"v_id\">users</data><data key=\"v_kind\">group</data></node>\n"
      "<edge source=\"n1\" target=\"n0\"><data key=\"e_type\">learns_from</data></edge>\n");
  const cp::Network net = cp::read_graphml(text);
  EXPECT_EQ(net.stakeholder_at(0).id, "outreach");
  EXPECT_EQ(net.stakeholder("outreach").size, 4);
  EXPECT_FALSE(net.stakeholder("users").size.has_value());
  EXPECT_EQ(net.relation_at(0).source, "users");
  EXPECT_EQ(net.relation_at(0).target, "outreach");
  // A size that is not whole is refused.
  const auto e = graphml_error(graphml("<key id=\"s\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>\n",
                                       "<node id=\"a\"><data key=\"s\">4.5</data></node>\n"));
  EXPECT_EQ(e.where(), "line 5, column 14");
}

TEST(GraphML, AnUndirectedEdgeIsATieBothWays) {
  const cp::Network net = cp::read_graphml(graphml(
      "<key id=\"t\" for=\"edge\" attr.name=\"type\"/>\n",
      "<node id=\"a\"/><node id=\"b\"/><node id=\"c\"/>\n"
      "<edge source=\"a\" target=\"b\"><data key=\"t\">collaborates</data></edge>\n"
      "<edge source=\"b\" target=\"c\" directed=\"true\"><data key=\"t\">refers</data></edge>\n",
      "undirected"));
  ASSERT_EQ(net.num_relations(), 3u);
  EXPECT_EQ(net.relation_at(0).source, "a");
  EXPECT_EQ(net.relation_at(1).source, "b");
  EXPECT_EQ(net.relation_at(1).target, "a");
  EXPECT_EQ(net.relation_at(2).type, "refers");
}

TEST(GraphML, EdgesBeforeTheirNodesKeepTheFileOrder) {
  const cp::Network net = cp::read_graphml(graphml(
      "<key id=\"t\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n",
      "<node id=\"a\"/><node id=\"b\"/>\n"
      "<edge source=\"a\" target=\"b\"><data key=\"t\">first</data></edge>\n"
      "<edge source=\"a\" target=\"c\"><data key=\"t\">second</data></edge>\n"
      "<edge source=\"b\" target=\"a\"><data key=\"t\">third</data></edge>\n"
      "<node id=\"c\"/>\n"));
  ASSERT_EQ(net.num_relations(), 3u);
  EXPECT_EQ(net.relation_type(0), "first");  // a label gives the type when nothing else does
  EXPECT_EQ(net.relation_type(1), "second");
  EXPECT_EQ(net.relation_type(2), "third");
}

TEST(GraphML, YedDrawingDataIsSkippedAndDefaultsApply) {
  const cp::Network net = cp::read_graphml(
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:y=\"http://www.yworks.com/xml/graphml\">\n"
      "<key id=\"g\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
      "<key id=\"r\" for=\"node\" attr.name=\"role\" attr.type=\"string\"><default>volunteer</default></key>\n"
      "<graph edgedefault=\"directed\">\n"
      "<node id=\"a\"><data key=\"g\"><y:ShapeNode><y:NodeLabel>A</y:NodeLabel></y:ShapeNode></data></node>\n"
      "<node id=\"b\"><data key=\"r\">carer</data></node>\n"
      "</graph></graphml>");
  EXPECT_EQ(net.stakeholder("a").role, "volunteer");
  EXPECT_EQ(net.stakeholder("b").role, "carer");
}

TEST(GraphML, EveryProblemIsReportedAtOnceAtItsLine) {
  const std::string text = graphml(
      "<key id=\"p\" for=\"node\" attr.name=\"paid\" attr.type=\"string\"/>\n"   // line 3
      "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"   // line 4
      "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"  // line 5
      "<key id=\"t\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n",   // line 6
      "<node id=\"a\"><data key=\"k\">robot</data></node>\n"                      // line 8
      "<node id=\"b\"><data key=\"nope\">x</data></node>\n"                       // line 9
      "<node id=\"a\"/>\n"                                                        // line 10
      "<edge source=\"a\" target=\"b\"><data key=\"w\">-1</data></edge>\n"        // line 11
      "<edge source=\"a\" target=\"zz\"/>\n"                                      // line 12
      "<edge source=\"a\" target=\"b\"><data key=\"t\">Not A Type</data></edge>\n"  // line 13
      "<edge source=\"b\" target=\"a\"><data key=\"w\">heavy</data></edge>\n"     // line 14
      "<hyperedge/>\n");                                                          // line 15
  const cp::format_error e = graphml_error(text);
  std::vector<std::string> places;
  for (const auto& p : e.problems()) places.push_back(p.pointer.substr(0, p.pointer.find(',')) + " " + p.code);
  const std::vector<std::string> expected{
      "line 3 format.type",          "line 8 format.value",       "line 9 format.value",
      "line 10 model.duplicate_id",  "line 11 model.invalid_value", "line 14 format.value",
      "line 15 format.unsupported",  "line 12 model.unknown_id",  "line 13 model.invalid_value"};
  EXPECT_EQ(places, expected) << e.what();
}

TEST(GraphML, ADocumentOfTheRestWithProblemsNamesItsLineAndPointer) {
  const std::string text = graphml(
      "<key id=\"g\" for=\"graph\" attr.name=\"coproduction\" attr.type=\"string\"/>\n",
      "<data key=\"g\">{\"format\": \"coproduction\", \"version\": 1, \"projects\": [{\"id\": \"p\"}],"
      " \"decisions\": [{\"id\": \"d\", \"project\": \"p\", \"stage\": \"design\","
      " \"rights\": {\"nobody\": \"shared\"}, \"rule\": {\"kind\": \"unanimity\"}}]}</data>\n");
  const cp::format_error e = graphml_error(text);
  ASSERT_EQ(e.problems().size(), 1u) << e.what();
  EXPECT_EQ(e.where(), "line 5, column 1");
  EXPECT_EQ(e.code(), "model.unknown_id");
  EXPECT_NE(e.problems()[0].message.find("/decisions/0/rights/nobody"), std::string::npos) << e.what();
}

TEST(GraphML, AStakeholderRefusedForAFieldStillAnswersForItsRelations) {
  // As the JSON reader does: one problem for the stakeholder, none for each relation naming it.
  const cp::format_error e = graphml_error(graphml(
      "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      "<key id=\"s\" for=\"node\" attr.name=\"size\" attr.type=\"int\"/>\n"
      "<key id=\"p\" for=\"node\" attr.name=\"paid\" attr.type=\"boolean\"/>\n",
      "<node id=\"a\"><data key=\"s\">2</data></node>\n"                     // a person of size 2
      "<node id=\"b\"><data key=\"p\">perhaps</data></node>\n"               // a bad value
      "<node id=\"b\"><data key=\"p\">nope</data></node>\n"                  // again, and a repeat
      "<node id=\"c\"><data key=\"k\">group</data><data key=\"p\">1</data></node>\n"
      "<edge source=\"a\" target=\"b\"/><edge source=\"b\" target=\"c\"/>\n"
      "<edge source=\"c\" target=\"x\"/>\n"));
  std::vector<std::string> places;
  for (const auto& p : e.problems()) places.push_back(p.pointer + " " + p.code);
  const std::vector<std::string> expected{
      "line 7, column 14 model.invalid_value", "line 8, column 14 format.value",
      "line 9, column 14 format.value", "line 9, column 1 model.duplicate_id",
      "line 12, column 1 model.unknown_id"};
  EXPECT_EQ(places, expected) << e.what();
  EXPECT_NE(e.problems()[0].message.find("stakeholder \"a\": size"), std::string::npos) << e.what();
}

TEST(GraphML, ManyProblemsStopTheReadingAtALimit) {
  std::string nodes;
  for (int i = 0; i < 5000; ++i) nodes += "<node id=\"a\"/>\n";
  const cp::format_error e = graphml_error(graphml("", nodes));
  EXPECT_EQ(e.problems().size(), 1001u);
  EXPECT_EQ(e.problems().back().code, "format.problems");
}
