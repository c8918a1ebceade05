// Kumu blueprints (io/kumu.hpp): the blueprint of a small network written out by hand, field
// by field and in order; layers, objects and free text; both example data sets against their
// tables; awkward text (quotes, control characters, right-to-left marks, astral characters)
// and free values written as Python's json.dumps writes them; the atomic file.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <coproduction/coproduction.hpp>

namespace cp = coproduction;
namespace fs = std::filesystem;
using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

cp::Network example(const char* name) {
  return cp::read_json_file(fs::path(COPRODUCTION_EXAMPLE_DATA) / (std::string(name) + ".json"));
}

// Two stakeholders joined by relations of three types, one of them back, and a third with
// nothing given but its kind (the Python tests' `parallel` network).
cp::Network parallel() {
  cp::Network net;
  net.add_stakeholder({.id = "museum", .kind = cp::Kind::organisation, .convenor = true, .influence = 5});
  net.add_stakeholder({.id = "users", .label = "Users' panel", .kind = cp::Kind::group, .paid = false,
                       .size = 9, .attributes = json{{"ward", "east"}, {"codes", {1, {{"a", nullptr}}}}}});
  net.add_stakeholder({.id = "bare"});
  net.add_relation({.source = "museum", .target = "users", .type = "informs", .weight = 2});
  net.add_relation({.source = "museum", .target = "users", .type = "trusts", .weight = 1});
  net.add_relation({.source = "museum", .target = "users", .type = "learns_from",
                    .scale = cp::Scale::session, .provenance = {.date = "2013-02"},
                    .attributes = json{{"basis", "observed"}}});
  net.add_relation({.source = "users", .target = "museum", .type = "learns_from",
                    .provenance = {.reported_by = "museum", .method = "interview"}});
  return net;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("coproduction_kumu_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

}  // namespace

// Every field of every element and connection, in order, worked out by hand from the network.
TEST(Kumu, SmallNetworkByHand) {
  const ojson expected = ojson::parse(R"({
    "elements": [
      {"id": "museum", "label": "museum", "type": "organisation", "convenor": true, "influence": 5.0},
      {"id": "users", "label": "users", "type": "group", "paid": false, "size": 9},
      {"id": "bare", "label": "bare", "type": "person"}],
    "connections": [
      {"id": "[\"museum\",\"informs\",\"users\"]", "from": "museum", "to": "users", "type": "informs",
       "direction": "directed", "weight": 2.0},
      {"id": "[\"museum\",\"trusts\",\"users\"]", "from": "museum", "to": "users", "type": "trusts",
       "direction": "directed", "weight": 1.0},
      {"id": "[\"museum\",\"learns_from\",\"users\"]", "from": "museum", "to": "users",
       "type": "learns_from", "direction": "directed", "weight": 1.0, "scale": "session"},
      {"id": "[\"users\",\"learns_from\",\"museum\"]", "from": "users", "to": "museum",
       "type": "learns_from", "direction": "directed", "weight": 1.0}]})");
  const ojson got = cp::kumu_blueprint(parallel());
  EXPECT_EQ(got, expected);  // ordered_json: equal means the same fields in the same order
  EXPECT_EQ(got.dump(), expected.dump());
  // Weights are doubles whether given or not, and the influence a double too.
  EXPECT_TRUE(got["connections"][0]["weight"].is_number_float());
  EXPECT_TRUE(got["connections"][3]["weight"].is_number_float());
  EXPECT_TRUE(got["elements"][0]["influence"].is_number_float());
  EXPECT_TRUE(got["elements"][1]["size"].is_number_integer());
}

TEST(Kumu, ShowLabelsAddsLabelsProvenanceAndAttributesAsText) {
  const ojson got = cp::kumu_blueprint(parallel(), {.show_labels = true});
  // A stakeholder without a label keeps its id as label.
  EXPECT_EQ(got["elements"][0]["label"], "museum");
  EXPECT_EQ(got["elements"][1]["label"], "Users' panel");
  // Python: json.dumps({"ward": "east", "codes": [1, {"a": None}]}, ensure_ascii=False,
  // sort_keys=True)
  EXPECT_EQ(got["elements"][1]["attributes"], R"({"codes": [1, {"a": null}], "ward": "east"})");
  EXPECT_FALSE(got["elements"][0].contains("attributes"));
  EXPECT_EQ(got["connections"][2].dump(),
            R"({"id":"[\"museum\",\"learns_from\",\"users\"]","from":"museum","to":"users",)"
            R"("type":"learns_from","direction":"directed","weight":1.0,"scale":"session",)"
            R"("date":"2013-02","attributes":"{\"basis\": \"observed\"}"})");
  EXPECT_EQ(got["connections"][3]["reported_by"], "museum");
  EXPECT_EQ(got["connections"][3]["method"], "interview");
  EXPECT_FALSE(got["connections"][3].contains("date"));
  EXPECT_FALSE(got["connections"][0].contains("reported_by"));
}

TEST(Kumu, LayersAndObjects) {
  const cp::Network net = parallel();
  const ojson two = cp::kumu_blueprint(net, {.relations = {.types = {"informs", "trusts"}}});
  ASSERT_EQ(two["connections"].size(), 2u);
  EXPECT_EQ(two["connections"][0]["type"], "informs");
  EXPECT_EQ(two["connections"][1]["type"], "trusts");
  EXPECT_EQ(two["elements"].size(), 3u);  // every stakeholder stays, related or not
  const ojson session = cp::kumu_blueprint(net, {.relations = {.scales = {cp::Scale::session}}});
  ASSERT_EQ(session["connections"].size(), 1u);
  EXPECT_EQ(session["connections"][0]["id"], "[\"museum\",\"learns_from\",\"users\"]");
  EXPECT_THROW(cp::kumu_blueprint(net, {.relations = {.types = {"funds_typo"}}}), cp::input_error);
  try {
    cp::kumu_blueprint(net, {.relations = {.types = {"funds"}}});
    FAIL() << "no error";
  } catch (const cp::input_error& e) {
    EXPECT_EQ(e.where(), "layer");
  }

  cp::Network with_object = parallel();
  with_object.add_stakeholder({.id = "loom", .kind = cp::Kind::object});
  with_object.add_relation({.source = "loom", .target = "users", .type = "mediates"});
  const ojson all = cp::kumu_blueprint(with_object);
  EXPECT_EQ(all["elements"].size(), 4u);
  EXPECT_EQ(all["connections"].size(), 5u);
  const ojson people = cp::kumu_blueprint(with_object, {.include_objects = false});
  EXPECT_EQ(people["elements"].size(), 3u);
  EXPECT_EQ(people["connections"].size(), 4u);
  for (const auto& e : people["elements"]) EXPECT_NE(e["id"], "loom");
}

// Both example data sets: an element per stakeholder and a connection per relation, each
// read against the network itself; no free text unless asked for.
TEST(Kumu, ExampleNetworks) {
  for (const char* name : {"twam_partners_2013", "nml_collaboration_types"}) {
    SCOPED_TRACE(name);
    const cp::Network net = example(name);
    for (const bool show : {false, true}) {
      const ojson b = cp::kumu_blueprint(net, {.show_labels = show});
      ASSERT_EQ(b["elements"].size(), net.num_stakeholders());
      ASSERT_EQ(b["connections"].size(), net.num_relations());
      for (std::size_t v = 0; v < net.num_stakeholders(); ++v) {
        const cp::Stakeholder& s = net.stakeholder_at(v);
        const ojson& e = b["elements"][v];
        EXPECT_EQ(e["id"], s.id);
        EXPECT_EQ(e["type"], std::string(cp::to_string(s.kind)));
        EXPECT_EQ(e["label"], show && !s.label.empty() ? s.label : s.id);
        EXPECT_EQ(e.contains("role"), !s.role.empty());
        EXPECT_EQ(e.contains("size"), s.size.has_value());
        EXPECT_EQ(e.contains("attributes"), show && !s.attributes.is_null());
        if (e.contains("attributes")) {  // the text reads back to the value
          EXPECT_EQ(json::parse(e["attributes"].get<std::string>()), s.attributes);
        }
      }
      for (std::size_t i = 0; i < net.num_relations(); ++i) {
        const ojson& c = b["connections"][i];
        const std::string& from = net.stakeholder_at(net.relation_source(i)).id;
        const std::string& to = net.stakeholder_at(net.relation_target(i)).id;
        EXPECT_EQ(c["from"], from);
        EXPECT_EQ(c["to"], to);
        EXPECT_EQ(c["type"], net.relation_type(i));
        EXPECT_EQ(json::parse(c["id"].get<std::string>()), (json{from, net.relation_type(i), to}));
        EXPECT_EQ(c["weight"].get<double>(), net.relation_strength(i));
        EXPECT_EQ(c.contains("reported_by"), show && !net.relation_provenance(i).reported_by.empty());
      }
      if (!show) {
        const std::string text = b.dump();
        EXPECT_EQ(text.find("reported_by"), std::string::npos);
        EXPECT_EQ(text.find("attributes"), std::string::npos);
      }
    }
  }
  // The values the Python docstring shows for the TWAM example, checked against the data file.
  const ojson b = cp::kumu_blueprint(example("twam_partners_2013"));
  EXPECT_EQ(b["elements"][1].dump(),
            R"({"id":"twam_outreach","label":"twam_outreach","type":"group","role":"museum_staff",)"
            R"("sector":"museum","expertise":"learnt","paid":true,"convenor":true,"size":4,)"
            R"("influence":5.0})");
  EXPECT_EQ(b["connections"][0].dump(),
            R"({"id":"[\"twam_outreach\",\"member_of\",\"twam\"]","from":"twam_outreach",)"
            R"("to":"twam","type":"member_of","direction":"directed","weight":1.0,)"
            R"("scale":"institution"})");
}

// The JSON text of free values as Python writes it: each expected string is what CPython's
// json.dumps(value, ensure_ascii=False, sort_keys=True) returns.
TEST(Kumu, FreeValuesAsPythonWritesThem) {
  using cp::detail::kumu::python_json_text;
  EXPECT_EQ(python_json_text(json(1e16)), "1e+16");
  EXPECT_EQ(python_json_text(json(1e15)), "1000000000000000.0");
  EXPECT_EQ(python_json_text(json(123456789.125)), "123456789.125");
  EXPECT_EQ(python_json_text(json(0.0001)), "0.0001");
  EXPECT_EQ(python_json_text(json(1e-05)), "1e-05");
  EXPECT_EQ(python_json_text(json(-0.0)), "-0.0");
  EXPECT_EQ(python_json_text(json(2.0 / 3)), "0.6666666666666666");
  EXPECT_EQ(python_json_text(json(1.5e300)), "1.5e+300");
  EXPECT_EQ(python_json_text(json(-2.5e-7)), "-2.5e-07");
  EXPECT_EQ(python_json_text(json(5e-324)), "5e-324");
  EXPECT_EQ(python_json_text(json(0.1)), "0.1");
  EXPECT_EQ(python_json_text(json(100.0)), "100.0");
  EXPECT_EQ(python_json_text(json(std::numeric_limits<std::int64_t>::min())), "-9223372036854775808");
  EXPECT_EQ(python_json_text(json(std::numeric_limits<std::uint64_t>::max())), "18446744073709551615");
  EXPECT_EQ(python_json_text(json::object()), "{}");
  EXPECT_EQ(python_json_text(json::array()), "[]");
  EXPECT_EQ(python_json_text(json{{"b", {true, false, nullptr}}, {"a", json::object()}}),
            R"({"a": {}, "b": [true, false, null]})");
  // Control characters, quotes, backslashes; UTF-8 (a right-to-left mark, Hebrew, an emoji)
  // and DEL as they are.
  EXPECT_EQ(python_json_text(json("q\"b\\s\n\r\t\b\f\x01\x1f\x7f\u200f\u05e9\U0001F600")),
            "\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\\u001f\x7f\u200f\u05e9\U0001F600\"");
  // Keys in code point order: "Z" < "a" < "é" < "中".
  EXPECT_EQ(python_json_text(json{{"\u4e2d", 1}, {"\u00e9", 2}, {"a", 3}, {"Z", 4}}),
            "{\"Z\": 4, \"a\": 3, \"\u00e9\": 2, \"\u4e2d\": 1}");
}

TEST(Kumu, AwkwardText) {
  cp::Network net;
  const std::string a = "\"<a>\" & 'b' ]]> \u200f\u05e9", b = "  spaced\t\r\n id ", c = "\U0001F600,;=";
  net.add_stakeholder({.id = a, .label = "two\nlines\r\n\ttab", .kind = cp::Kind::group,
                       .attributes = json{{"t", "a\"b\\c"}, {"x", 0.1}}});
  net.add_stakeholder({.id = b, .kind = cp::Kind::organisation});
  net.add_stakeholder({.id = c});
  net.add_relation({.source = a, .target = b, .type = "informs",
                    .provenance = {.reported_by = "x\ty", .method = "<m>"}});
  net.add_relation({.source = c, .target = a, .type = "learns_from"});
  const ojson got = cp::kumu_blueprint(net, {.show_labels = true});
  EXPECT_EQ(got["elements"][0]["label"], "two\nlines\r\n\ttab");
  EXPECT_EQ(got["elements"][0]["attributes"], "{\"t\": \"a\\\"b\\\\c\", \"x\": 0.1}");
  // Python: json.dumps([a, "informs", b], ensure_ascii=False, separators=(",", ":"))
  EXPECT_EQ(got["connections"][0]["id"],
            "[\"\\\"<a>\\\" & 'b' ]]> \u200f\u05e9\",\"informs\",\"  spaced\\t\\r\\n id \"]");
  EXPECT_EQ(json::parse(got["connections"][1]["id"].get<std::string>()), (json{c, "learns_from", a}));
  EXPECT_EQ(got["connections"][0]["reported_by"], "x\ty");
  // The text reads back as the same JSON, whatever the indent.
  for (const int indent : {-1, 0, 2, 7})
    EXPECT_EQ(ojson::parse(cp::dump_kumu(net, {.show_labels = true}, indent)), got);
}

TEST(Kumu, WritesAtomicallyAndKeepsTheMode) {
  const cp::Network net = parallel();
  const fs::path path = scratch("map.json");
  cp::write_kumu(net, path);
  const std::string text = read_all(path);
  EXPECT_EQ(ojson::parse(text), cp::kumu_blueprint(net));
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.substr(0, 17), "{\n  \"elements\": [");
  ::chmod(path.c_str(), 0600);
  cp::write_kumu(net, path, {.show_labels = true}, -1);
  struct stat st{};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string one_line = read_all(path);
  EXPECT_EQ(std::count(one_line.begin(), one_line.end(), '\n'), 1);
  EXPECT_EQ(ojson::parse(one_line), cp::kumu_blueprint(net, {.show_labels = true}));
  // A bad indent and a directory: refused, the old file untouched, nothing left behind.
  EXPECT_THROW(cp::write_kumu(net, path, {}, -2), cp::input_error);
  EXPECT_THROW(cp::write_kumu(net, path.parent_path()), cp::io_error);
  EXPECT_EQ(read_all(path), one_line);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(path.parent_path())) ++files;
  EXPECT_EQ(files, 1u);
  fs::remove_all(path.parent_path());
}
