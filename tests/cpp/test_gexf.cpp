// GEXF 1.3: exact round trips (both example data sets and a network of awkward text and free
// attributes of every type), parallel relations as edge kinds, viz positions and colours from
// a layout, files written by other tools (NetworkX's GEXF 1.2draft, undirected and mutual
// edges), the refusal of what the reader does not read (dynamics, hierarchies) and hostile
// input, each problem at its line.

#include <gtest/gtest.h>

#include <cmath>
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

cp::format_error gexf_error(std::string_view text, const cp::XmlLimits& limits = {}) {
  try {
    cp::read_gexf(text, limits);
  } catch (const cp::format_error& e) {
    return e;
  }
  ADD_FAILURE() << "no format_error for " << text.substr(0, 300);
  return cp::format_error({});
}

cp::Network awkward_network() {
  cp::Network net;
  net.set_metadata(json{{"title", "\"quoted\" <title> & more\r\n\t\u200f"}});
  const std::string a = "\"<a>\" & 'b' ]]> \u200f\u05e9", b = "  spaced\t\r\n id ", c = "\U0001F600,;=";
  net.add_stakeholder({.id = a, .label = "two\nlines\r\n\ttab", .kind = cp::Kind::group,
                       .role = "carer", .sector = " ", .expertise = cp::Expertise::both,
                       .under_served = false, .paid = true, .size = 7, .influence = 2.0 / 3,
                       .attributes = json{{"n", 1}, {"ratio", 0.1}, {"flag", true}, {"t", "a\"b"},
                                          {"mixed", 1}, {"list", {1, "two"}}, {"id", "reserved"},
                                          {"f_int", 3}}});
  net.add_stakeholder({.id = b, .kind = cp::Kind::organisation,
                       .size = std::numeric_limits<std::int64_t>::max(),
                       .attributes = json{{"n", 5000000000LL}, {"ratio", -0.0}, {"flag", false},
                                          {"t", "\u4e2d"}, {"mixed", false}, {"f_int", 1e-9}}});
  net.add_stakeholder({.id = c, .role = "service_user", .attributes = json::object()});
  net.add_relation({.source = a, .target = b, .type = "informs", .weight = 1e-7,
                    .scale = cp::Scale::institution,
                    .provenance = {.reported_by = "x\ty", .date = "2013", .method = "<m>"},
                    .attributes = json{{"k", "v"}, {"kind", "reserved"}, {"label", "reserved"}}});
  net.add_relation({.source = a, .target = b, .type = "trusts", .attributes = json{{"k", "w"}}});
  net.add_relation({.source = b, .target = a, .type = "informs", .weight = 3});
  net.add_relation({.source = c, .target = a, .type = "learns_from"});
  net.add_project({.id = "p", .claimed = cp::CollaborationType::co_production});
  net.add_decision({.id = "d", .project = "p", .stage = cp::Stage::governance,
                    .rights = {{a, cp::Right::decides}, {c, cp::Right::informed}},
                    .rule = {.kind = cp::RuleKind::sole}});
  return net;
}

std::string gexf(const std::string& graph_attributes, const std::string& body,
                 const std::string& ns = "http://gexf.net/1.3") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"" + ns +
         "\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n<graph " + graph_attributes +
         ">\n" + body + "</graph>\n</gexf>\n";
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("coproduction_gexf_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ignore;
    fs::remove_all(path, ignore);
  }
};

}  // namespace

TEST(Gexf, ExamplesRoundTripExactly) {
  TempDir dir;
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    SCOPED_TRACE(name);
    const cp::Network net = example(name);
    const std::string text = cp::dump_gexf(net);
    const cp::Network back = cp::read_gexf(text);
    EXPECT_TRUE(back == net);
    EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));
    EXPECT_EQ(cp::dump_gexf(back), text);
    const fs::path path = dir.path / (std::string(name) + ".gexf");
    cp::write_gexf(net, path);
    EXPECT_TRUE(cp::read_gexf_file(path) == net);
  }
}

TEST(Gexf, AwkwardTextAndAttributesOfEveryTypeRoundTripExactly) {
  const cp::Network net = awkward_network();
  const std::string text = cp::dump_gexf(net);
  const cp::Network back = cp::read_gexf(text);
  EXPECT_TRUE(back == net) << cp::dump_json(back) << "\n" << cp::dump_json(net);
  EXPECT_EQ(cp::dump_json(back), cp::dump_json(net));
  EXPECT_EQ(cp::dump_gexf(back), text);
  EXPECT_EQ(*back.stakeholder_at(0).influence, 2.0 / 3);
  EXPECT_TRUE(std::signbit(back.stakeholder_at(1).attributes["ratio"].get<double>()));
}

TEST(Gexf, TypesAreEdgeKindsWithStableIdsAndDeclaredTypes) {
  const cp::Network net = awkward_network();
  const std::string text = cp::dump_gexf(net);
  EXPECT_NE(text.find("<gexf xmlns=\"http://gexf.net/1.3\""), std::string::npos);
  EXPECT_NE(text.find("version=\"1.3\""), std::string::npos);
  EXPECT_NE(text.find("defaultedgetype=\"directed\""), std::string::npos);
  EXPECT_NE(text.find("<edge id=\"r0\" source=\"&quot;&lt;a&gt;&quot; &amp; 'b' ]]&gt; \u200f\u05e9\" "
                      "target=\"  spaced&#9;&#13;&#10; id \" kind=\"informs\" weight=\"1e-07\">"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("<edge id=\"r1\" source=\"&quot;&lt;a&gt;&quot; &amp; 'b' ]]&gt; \u200f\u05e9\" "
                      "target=\"  spaced&#9;&#13;&#10; id \" kind=\"trusts\">"),
            std::string::npos);
  auto declared = [&](const std::string& name, const std::string& type) {
    return text.find("<attribute id=\"" + name + "\" title=\"" + name + "\" type=\"" + type + "\"/>") !=
           std::string::npos;
  };
  EXPECT_TRUE(declared("size", "long"));
  EXPECT_TRUE(declared("paid", "boolean"));
  EXPECT_TRUE(declared("influence", "double"));
  EXPECT_TRUE(declared("n", "long"));
  EXPECT_TRUE(declared("ratio", "double"));
  EXPECT_TRUE(declared("f_int", "double"));
  EXPECT_TRUE(declared("flag", "boolean"));
  EXPECT_TRUE(declared("t", "string"));
  EXPECT_TRUE(declared("k", "string"));
  EXPECT_TRUE(declared("type", "string"));
  EXPECT_FALSE(declared("mixed", "string"));
  EXPECT_NE(text.find("<attvalue for=\"f_int\" value=\"3\"/>"), std::string::npos);
  EXPECT_NE(text.find("<attvalue for=\"f_int\" value=\"1e-09\"/>"), std::string::npos);
  EXPECT_NE(text.find("<attvalue for=\"ratio\" value=\"-0.0\"/>"), std::string::npos);
  EXPECT_EQ(text.find("<viz:"), std::string::npos);  // no layout given: no drawing
}

TEST(Gexf, PositionsFromALayoutAndColoursByRole) {
  const cp::Network net = awkward_network();
  std::vector<cp::point> at{{0.25, 0.5}, {std::nan(""), 0.0}, {1e-3, 1.0}};
  const std::string text = cp::dump_gexf(net, at);
  EXPECT_NE(text.find("<viz:position x=\"0.25\" y=\"0.5\"/>"), std::string::npos);
  EXPECT_NE(text.find("<viz:position x=\"0.001\" y=\"1\"/>"), std::string::npos);
  EXPECT_EQ(text.find("<viz:position x=\"nan"), std::string::npos);
  // Roles sorted (carer, service_user), no role last: the notebook drawing's colours.
  EXPECT_NE(text.find("<viz:color r=\"78\" g=\"121\" b=\"167\"/>"), std::string::npos);   // carer
  EXPECT_NE(text.find("<viz:color r=\"242\" g=\"142\" b=\"43\"/>"), std::string::npos);   // service_user
  EXPECT_NE(text.find("<viz:color r=\"225\" g=\"87\" b=\"89\"/>"), std::string::npos);    // none
  // The drawing is not data: the network reads back the same.
  EXPECT_TRUE(cp::read_gexf(text) == net);
  EXPECT_THROW(cp::dump_gexf(example("twam_partners_2013"), std::vector<cp::point>(3)), cp::input_error);
  EXPECT_THROW(cp::dump_gexf(net, std::vector<cp::point>{{0, 0}, {INFINITY, 0}, {0, 0}}), cp::input_error);
}

TEST(Gexf, ReadsNetworkXStyleGexf12Files) {
  // As NetworkX writes a MultiDiGraph (GEXF 1.2draft): ids 0.. for attributes, every node
  // labelled, the relation type as the edge's own `type` attribute... which GEXF reserves
  // for directedness, so NetworkX files carry types as values of their own instead.
  const std::string text =
      "<?xml version='1.0' encoding='utf-8'?>\n"
      "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
      "  <meta lastmodifieddate=\"2024-01-01\"><creator>NetworkX 3.6</creator></meta>\n"
      "  <graph defaultedgetype=\"directed\" mode=\"static\" name=\"\">\n"
      "    <attributes mode=\"static\" class=\"edge\">\n"
      "      <attribute id=\"1\" title=\"rel\" type=\"string\" />\n"
      "      <attribute id=\"2\" title=\"networkx_key\" type=\"string\" />\n"
      "    </attributes>\n"
      "    <attributes mode=\"static\" class=\"node\">\n"
      "      <attribute id=\"0\" title=\"age\" type=\"long\" />\n"
      "    </attributes>\n"
      "    <nodes>\n"
      "      <node id=\"a\" label=\"a\"><attvalues><attvalue for=\"0\" value=\"3\" /></attvalues></node>\n"
      "      <node id=\"b\" label=\"b\" />\n"
      "    </nodes>\n"
      "    <edges>\n"
      "      <edge source=\"a\" target=\"b\" id=\"0\" label=\"informs\" weight=\"2.0\">"
      "<attvalues><attvalue for=\"2\" value=\"0\" /></attvalues></edge>\n"
      "      <edge source=\"a\" target=\"b\" id=\"1\" label=\"trusts\" />\n"
      "    </edges>\n  </graph>\n</gexf>\n";
  const cp::Network net = cp::read_gexf(text);
  EXPECT_EQ(net.stakeholder("a").label, "a");
  EXPECT_EQ(net.stakeholder("a").attributes, json({{"age", 3}}));
  ASSERT_EQ(net.num_relations(), 2u);
  EXPECT_EQ(net.relation_type(0), "informs");
  EXPECT_EQ(*net.relation_weight(0), 2.0);
  EXPECT_EQ(net.relation_attributes(0), json({{"networkx_key", "0"}}));
  EXPECT_EQ(net.relation_type(1), "trusts");
  EXPECT_EQ(net.metadata(), json({{"creator", "NetworkX 3.6"}, {"lastmodifieddate", "2024-01-01"}}));
}

TEST(Gexf, UndirectedAndMutualEdgesAreTiesBothWays) {
  // GEXF's default edge type is undirected.
  const cp::Network net = cp::read_gexf(gexf(
      "", "<nodes><node id=\"a\"/><node id=\"b\"/><node id=\"c\"/></nodes>\n"
          "<edges><edge id=\"e\" source=\"a\" target=\"b\" kind=\"collaborates\"/>\n"
          "<edge id=\"f\" source=\"b\" target=\"c\" type=\"directed\" kind=\"refers\"/>\n"
          "<edge id=\"g\" source=\"c\" target=\"a\" type=\"mutual\"/></edges>\n"));
  ASSERT_EQ(net.num_relations(), 5u);
  EXPECT_EQ(net.relation_at(1).source, "b");
  EXPECT_EQ(net.relation_at(1).type, "collaborates");
  EXPECT_EQ(net.relation_at(2).type, "refers");
  EXPECT_EQ(net.relation_at(3).type, "related");  // nothing gives a type: the default
  EXPECT_EQ(net.relation_at(4).source, "a");
}

TEST(Gexf, DefaultValuesApplyAndVizIsSkipped) {
  const cp::Network net = cp::read_gexf(gexf(
      "defaultedgetype=\"directed\"",
      "<attributes class=\"node\"><attribute id=\"0\" title=\"kind\" type=\"string\">"
      "<default>organisation</default></attribute></attributes>\n"
      "<nodes><node id=\"a\"><viz:color r=\"1\" g=\"2\" b=\"3\"/><viz:position x=\"1\" y=\"2\"/></node>\n"
      "<node id=\"b\"><attvalues><attvalue for=\"0\" value=\"person\"/></attvalues></node></nodes>\n"));
  EXPECT_EQ(net.stakeholder("a").kind, cp::Kind::organisation);
  EXPECT_EQ(net.stakeholder("b").kind, cp::Kind::person);
  EXPECT_TRUE(net.stakeholder("a").attributes.is_null());
}

TEST(Gexf, WhatIsNotReadIsRefusedAtItsLineNotDropped) {
  const std::string text = gexf(
      "defaultedgetype=\"directed\" mode=\"dynamic\"",                                  // line 3
      "<attributes class=\"node\" mode=\"dynamic\"><attribute id=\"0\" title=\"x\" type=\"integer\"/></attributes>"
      "<attributes class=\"edge\"><attribute id=\"type\" title=\"type\" type=\"string\"/></attributes>\n"  // 4
      "<nodes>\n"                                                                       // 5
      "<node id=\"a\" start=\"2013\"/>\n"                                               // 6
      "<node id=\"b\"><spells><spell start=\"1\"/></spells></node>\n"                   // 7
      "<node id=\"c\" pid=\"a\"/>\n"                                                    // 8
      "<node id=\"d\"><nodes><node id=\"e\"/></nodes></node>\n"                         // 9
      "</nodes>\n<edges>\n"                                                             // 10, 11
      "<edge source=\"a\" target=\"b\" kind=\"informs\"><attvalues><attvalue for=\"type\" value=\"trusts\"/>"
      "</attvalues></edge>\n"                                                           // 12
      "<edge source=\"a\" target=\"b\" kind=\"Bad Kind\"/>\n"                           // 13
      "</edges>\n");
  const cp::format_error e = gexf_error(text);
  std::vector<std::string> places;
  for (const auto& p : e.problems()) places.push_back(p.pointer.substr(0, p.pointer.find(',')) + " " + p.code);
  const std::vector<std::string> expected{
      "line 4 format.unsupported", "line 6 format.unsupported", "line 7 format.unsupported",
      "line 8 format.unsupported", "line 9 format.unsupported", "line 12 format.value",
      "line 13 model.invalid_value"};
  EXPECT_EQ(places, expected) << e.what();
}

TEST(Gexf, HostileFilesAreRefusedAtTheirLine) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE gexf [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
      "<gexf><graph><nodes><node id=\"&b;\"/></nodes></graph></gexf>";
  auto e = gexf_error(laughs);
  EXPECT_EQ(e.code(), "format.doctype");
  EXPECT_EQ(e.where(), "line 2, column 1");
  e = gexf_error("<gexf>\n<graph>\n<nodes>\n<node id=\"&#xFFFF;\"/></nodes></graph></gexf>");
  EXPECT_EQ(e.code(), "format.entity");
  EXPECT_EQ(e.where(), "line 4, column 11");
  std::string deep = "<gexf>\n";
  for (int i = 0; i < 10000; ++i) deep += "<nodes>";
  e = gexf_error(deep);
  EXPECT_EQ(e.code(), "format.depth");
  EXPECT_EQ(e.where().rfind("line 2, column ", 0), 0u);
  e = gexf_error(cp::dump_gexf(example("nml_collaboration_types")).substr(0, 5000));
  EXPECT_EQ(e.code(), "format.syntax");
  e = gexf_error("<graphml/>");
  EXPECT_EQ(e.code(), "format.value");
}
