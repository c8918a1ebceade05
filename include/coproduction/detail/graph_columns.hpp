#pragma once
/// \file
/// What GraphML and GEXF share in carrying a network (docs/formats.md): the typed values of
/// XML graph formats and how their text reads, which field of the model a key or attribute
/// names, which of a network's free attributes get a column of their own (and of which type)
/// and which travel as JSON text, the checks of what XML cannot hold, and the JSON document of
/// the parts that are neither nodes nor edges. Users include `io/graphml.hpp` or `io/gexf.hpp`.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/xml_reader.hpp"
#include "coproduction/detail/xml_writer.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail::graph_file {

/// The value types both formats declare: GraphML's `boolean`, `int`, `long`, `double`,
/// `string` and GEXF's `boolean`, `integer`, `long`, `double`, `string`. A reader also meets
/// `float` (read as a double) and GEXF 1.3's other types (see `gexf_type`).
enum class value_type { boolean, integer, long_integer, floating, string };

/// Where a key or attribute applies: the graph as a whole, nodes, edges, or (GraphML's
/// `for="all"`) any of them.
enum class domain { graph = 0, node = 1, edge = 2, all = 3 };

/// What a value carries in the model.
enum class field : std::uint8_t {
  attribute,       ///< one of the element's own attributes, under the key's name
  attributes,      ///< JSON text of the attributes that have no column of their own
  label, kind, role, sector, expertise, under_served, paid, convenor, size, influence,
  stakeholder_id,  ///< GraphML: a node's `id` data, as igraph writes the ids it read
  type,            ///< a relation's type
  kind_type,       ///< GEXF's edge `kind` (or a key of that name): the type, failing `type`
  label_type,      ///< an edge's label: the type, failing `type` and `kind`
  weight, scale, reported_by, date, method,
  document,        ///< the graph's `coproduction` value: the JSON document of the rest
  metadata,        ///< any other value of the graph, kept in the network's metadata
  skipped,         ///< yEd's drawing data (`yfiles.type`), which carries no data of ours
};
inline constexpr std::size_t field_count = static_cast<std::size_t>(field::skipped) + 1;

/// The name of a field in messages (its name in the JSON format).
inline std::string_view field_name(field f) {
  static constexpr std::array<std::string_view, field_count> names{
      "attribute", "attributes", "label", "kind", "role", "sector", "expertise",
      "under_served", "paid", "convenor", "size", "influence", "id", "type", "kind", "label",
      "weight", "scale", "reported_by", "date", "method", "coproduction", "metadata", "yfiles"};
  return names[static_cast<std::size_t>(f)];
}

/// The field a value named `name` carries on an element of domain `d` (node, edge or graph).
/// Any name that is not a field is an attribute of its own (of the graph: a metadata entry).
inline field field_of(domain d, std::string_view name, bool graphml) {
  if (d == domain::graph) return name == "coproduction" ? field::document : field::metadata;
  if (name == "attributes") return field::attributes;
  if (d == domain::node) {
    static const std::map<std::string_view, field> node{
        {"label", field::label}, {"kind", field::kind}, {"role", field::role},
        {"sector", field::sector}, {"expertise", field::expertise},
        {"under_served", field::under_served}, {"paid", field::paid},
        {"convenor", field::convenor}, {"size", field::size}, {"influence", field::influence}};
    if (auto it = node.find(name); it != node.end()) return it->second;
    if (graphml && name == "id") return field::stakeholder_id;
    return field::attribute;
  }
  static const std::map<std::string_view, field> edge{
      {"type", field::type}, {"kind", field::kind_type}, {"label", field::label_type},
      {"weight", field::weight}, {"scale", field::scale}, {"reported_by", field::reported_by},
      {"date", field::date}, {"method", field::method}};
  if (auto it = edge.find(name); it != edge.end()) return it->second;
  return field::attribute;
}

/// True when a value declared `t` can carry field `f`. Text fields need strings; booleans
/// booleans; `size` an integer type, or a floating type whose values are whole (igraph writes
/// every number as a double); `influence` and `weight` any number.
inline bool accepts(field f, value_type t) {
  switch (f) {
    case field::under_served: case field::paid: case field::convenor:
      return t == value_type::boolean;
    case field::size:
      return t == value_type::integer || t == value_type::long_integer || t == value_type::floating;
    case field::influence: case field::weight:
      return t == value_type::integer || t == value_type::long_integer || t == value_type::floating;
    case field::attribute: case field::metadata: case field::skipped:
      return true;
    default:
      return t == value_type::string;
  }
}

/// What `accepts` asks of field `f`, for messages.
inline std::string_view needs(field f) {
  switch (f) {
    case field::under_served: case field::paid: case field::convenor: return "a boolean";
    case field::size: return "an integer";
    case field::influence: case field::weight: return "a number";
    default: return "a string";
  }
}

// ---- reading values -------------------------------------------------------------------

/// xs:boolean (`true`, `false`, `1`, `0`) after white space is collapsed; `True` and `False`
/// in any case too, which NetworkX writes.
inline std::optional<bool> parse_boolean(std::string_view text) {
  const std::string_view t = xml::trim(text);
  auto lower_is = [&](std::string_view word) {
    if (t.size() != word.size()) return false;
    for (std::size_t i = 0; i < t.size(); ++i)
      if ((t[i] | 0x20) != word[i]) return false;
    return true;
  };
  if (t == "1" || lower_is("true")) return true;
  if (t == "0" || lower_is("false")) return false;
  return std::nullopt;
}

/// True for an optional sign and digits: the lexical form of an integer.
inline bool lexical_integer(std::string_view t) {
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// An integer within 64 bits (xs:long's lexical form, white space collapsed).
inline std::optional<long long> parse_integer(std::string_view text) {
  std::string_view t = xml::trim(text);
  if (!lexical_integer(t)) return std::nullopt;
  if (t[0] == '+') t.remove_prefix(1);
  long long x = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
  return x;
}

/// A double (xs:double's lexical form: `1`, `-2.5e3`, `.5`, `INF`, `-INF`, `NaN`).
inline std::optional<double> parse_double(std::string_view text) {
  std::string_view t = xml::trim(text);
  if (t.size() > 1 && t[0] == '+' && t[1] != '-' && t[1] != '+') t.remove_prefix(1);
  if (t.empty()) return std::nullopt;
  if (t == "INF" || t == "+INF") return std::numeric_limits<double>::infinity();
  if (t == "-INF") return -std::numeric_limits<double>::infinity();
  if (t == "NaN") return std::numeric_limits<double>::quiet_NaN();
  // Only digits, signs, a point and an exponent: from_chars alone would also take "inf",
  // "nan" and "infinity" in any case, which XML Schema does not.
  for (char c : t)
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+'))
      return std::nullopt;
  double x = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
  if (r.ec == std::errc::result_out_of_range) return std::nullopt;
  if (r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
  return x;
}

/// The JSON value of an attribute declared `type`: a boolean, an integer, a number (an
/// integer when the text is one, so that `3` in a column of doubles reads back as the
/// integer it was written from), or a string. Sets `problem` and returns null when the text
/// is not a value of its type (or, for numbers, not finite: JSON has no infinities).
inline nlohmann::json attribute_value(value_type type, std::string_view text, std::string& problem) {
  switch (type) {
    case value_type::boolean:
      if (auto b = parse_boolean(text)) return *b;
      problem = quote(text) + " is not a boolean (true or false)";
      return nullptr;
    case value_type::integer:
    case value_type::long_integer:
      if (auto i = parse_integer(text)) {
        if (type == value_type::integer && (*i < INT32_MIN || *i > INT32_MAX)) {
          problem = quote(text) + " is outside the range of an int (32 bits)";
          return nullptr;
        }
        return *i;
      }
      problem = quote(text) + " is not an integer within 64 bits";
      return nullptr;
    case value_type::floating:
      if (lexical_integer(xml::trim(text)))
        if (auto i = parse_integer(text)) return *i;
      if (auto x = parse_double(text)) {
        if (std::isfinite(*x)) return *x;
        problem = quote(text) + " is not a finite number (JSON has no infinities or NaN)";
        return nullptr;
      }
      problem = quote(text) + " is not a number";
      return nullptr;
    case value_type::string:
      return std::string(text);
  }
  return nullptr;
}

// ---- writing: which attributes get a column of their own -------------------------------

/// Names that never get a column of their own for nodes (fields of a stakeholder, names
/// GraphML, GEXF, igraph, NetworkX or Gephi Lite give a meaning of their own): an attribute of
/// such a name travels in the `attributes` JSON text, so that no reader takes it for
/// something else.
inline bool reserved_node_name(std::string_view name) {
  static const std::array<std::string_view, 22> names{
      "id", "label", "kind", "role", "sector", "expertise", "under_served", "paid", "convenor",
      "size", "influence", "attributes", "viz", "pid", "parents", "start", "end", "spells",
      "x", "y", "z", "color"};
  return std::find(names.begin(), names.end(), name) != names.end() || name == "shape";
}

/// As `reserved_node_name`, for edges.
inline bool reserved_edge_name(std::string_view name) {
  static const std::array<std::string_view, 22> names{
      "id", "source", "target", "type", "kind", "label", "weight", "scale", "reported_by",
      "date", "method", "attributes", "key", "networkx_key", "directed", "start", "end",
      "spells", "color", "thickness", "shape", "viz"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The columns a set of attribute objects gets: one per attribute name whose values all have
/// one declared type, the widest they need (booleans; integers: `integer` within 32 bits,
/// else `long_integer`; numbers of which some are not integers: `floating`, integers then
/// being within 2^53 so a double holds them exactly; strings). Every other name (values of
/// mixed kinds, nulls, arrays, objects, numbers that no declared type holds exactly, text XML
/// cannot hold, a reserved name) travels in each element's `attributes` JSON text instead.
struct attribute_plan {
  struct column {
    std::string name;
    value_type type;
  };
  std::vector<column> columns;                          // in name order
  std::map<std::string, std::size_t, std::less<>> index;  // name -> position in `columns`

  const column* find(std::string_view name) const {
    auto it = index.find(name);
    return it == index.end() ? nullptr : &columns[it->second];
  }
};

/// The plan for the attribute objects `each` visits (`each(visit)` calls `visit(json)` for
/// every element's attributes, null or an object). O(total attributes).
template <class Each>
attribute_plan plan_attributes(Each each, bool (*reserved)(std::string_view)) {
  struct summary {
    bool boolean = false, integer = false, floating = false, string = false, other = false;
    bool wide = false;        // an integer outside 32 bits
    bool unexact = false;     // an integer a double does not hold exactly, or past 64 bits
  };
  std::map<std::string, summary, std::less<>> seen;
  each([&](const nlohmann::json& attributes) {
    if (!attributes.is_object()) return;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
      summary& s = seen[it.key()];
      const nlohmann::json& v = it.value();
      if (v.is_boolean()) {
        s.boolean = true;
      } else if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        s.integer = true;
        if (u > static_cast<std::uint64_t>(std::numeric_limits<long long>::max())) s.other = true;
        if (u > static_cast<std::uint64_t>(INT32_MAX)) s.wide = true;
        if (u > (std::uint64_t{1} << 53)) s.unexact = true;
      } else if (v.is_number_integer()) {
        const auto i = v.get<long long>();
        s.integer = true;
        if (i < INT32_MIN || i > INT32_MAX) s.wide = true;
        if (i > (1LL << 53) || i < -(1LL << 53)) s.unexact = true;
      } else if (v.is_number_float()) {
        if (std::isfinite(v.get<double>())) s.floating = true;
        else s.other = true;
      } else if (v.is_string()) {
        s.string = true;
        if (xml::first_invalid(v.get_ref<const std::string&>()).found()) s.other = true;
      } else {
        s.other = true;
      }
    }
  });
  attribute_plan plan;
  for (const auto& [name, s] : seen) {
    if (s.other || name.empty() || reserved(name) || xml::first_invalid(name).found()) continue;
    const int kinds = int(s.boolean) + int(s.integer || s.floating) + int(s.string);
    if (kinds != 1) continue;
    value_type type;
    if (s.boolean) type = value_type::boolean;
    else if (s.string) type = value_type::string;
    else if (s.floating) {
      if (s.integer && s.unexact) continue;
      type = value_type::floating;
    } else {
      type = s.wide ? value_type::long_integer : value_type::integer;
    }
    plan.index.emplace(name, plan.columns.size());
    plan.columns.push_back({name, type});
  }
  return plan;
}

/// Appends the text of an attribute value in its column's type (as `attribute_value` reads
/// it back: a float always with a point or an exponent).
inline void append_value(std::string& out, const nlohmann::json& v, bool attribute_text) {
  if (v.is_boolean()) out += v.get<bool>() ? "true" : "false";
  else if (v.is_number_unsigned()) xml::append_integer(out, static_cast<long long>(v.get<std::uint64_t>()));
  else if (v.is_number_integer()) xml::append_integer(out, v.get<long long>());
  else if (v.is_number_float()) xml::append_double(out, v.get<double>(), true);
  else if (attribute_text) xml::append_attribute(out, v.get_ref<const std::string&>());
  else xml::append_text(out, v.get_ref<const std::string&>());
}

/// The JSON text (one line) of the attributes of one element that have no column: null when
/// there are none, except that an empty object is written `{}` so it reads back as one.
/// Throws `format_error` at `pointer` for text that is not UTF-8.
inline std::optional<std::string> attributes_text(const nlohmann::json& attributes,
                                                  const attribute_plan& plan,
                                                  const std::string& pointer) {
  if (!attributes.is_object()) return std::nullopt;
  nlohmann::json rest = nlohmann::json::object();
  for (auto it = attributes.begin(); it != attributes.end(); ++it)
    if (!plan.find(it.key())) rest[it.key()] = it.value();
  if (rest.empty() && !attributes.empty()) return std::nullopt;
  try {
    return xml::xml_safe_json(rest.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
  } catch (const nlohmann::json::exception&) {
    throw format_error({{pointer, "format.encoding", "text that is not valid UTF-8"}});
  }
}

// ---- writing: what XML cannot hold -------------------------------------------------------

/// Collects the problems of text a writer must put in XML as it is: ids, labels, roles,
/// sectors and provenance (free attributes, projects and decisions travel as JSON text, which
/// escapes what XML cannot hold).
class text_checks {
 public:
  void check(std::string_view text, const std::string& pointer, const std::string& subject) {
    const xml::invalid_char bad = xml::first_invalid(text);
    if (!bad.found()) return;
    problems_.push_back(
        {pointer, "format.xml_char",
         subject + ": " +
             (bad.code_point < 0 ? std::string("text that is not valid UTF-8")
                                 : "character " + xml::code_point_name(bad.code_point) +
                                       " cannot be written in XML 1.0 (the JSON format holds it)")});
  }
  /// Throws the problems found, if any.
  void finish() {
    if (!problems_.empty()) throw format_error(std::move(problems_));
  }

 private:
  std::vector<format_problem> problems_;
};

/// Checks every text of a network that goes into XML as it is.
inline void check_writable(const Network& net) {
  text_checks checks;
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v) {
    const Stakeholder& s = net.stakeholder_at(v);
    const std::string at = "/stakeholders/" + std::to_string(v);
    const std::string who = "stakeholder " + quote(s.id);
    checks.check(s.id, at + "/id", who);
    checks.check(s.label, at + "/label", who + ": label");
    checks.check(s.role, at + "/role", who + ": role");
    checks.check(s.sector, at + "/sector", who + ": sector");
  }
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    const Provenance& p = net.relation_provenance(i);
    if (p.empty()) continue;
    const std::string at = "/relations/" + std::to_string(i) + "/provenance";
    const std::string who = "relation " + std::to_string(i);
    checks.check(p.reported_by, at + "/reported_by", who + ": reported_by");
    checks.check(p.method, at + "/method", who + ": method");
  }
  checks.finish();
}

// ---- the rest of the network, as JSON -----------------------------------------------------

/// The JSON document of everything that is neither a node nor an edge: `format`, `version`,
/// `metadata`, `projects` and `decisions`, as the JSON format writes them, on one line and
/// safe for XML. Throws `format_error` for text that is not UTF-8.
inline std::string graph_document_text(const Network& net) {
  nlohmann::json doc = nlohmann::json::object();
  doc["format"] = format_name;
  doc["version"] = format_version;
  if (!net.metadata().is_null()) doc["metadata"] = net.metadata();
  doc["projects"] = net.projects();
  doc["decisions"] = net.decisions();
  return xml::xml_safe_json(dump_document(doc, -1));
}

/// Reads the document `graph_document_text` writes into `net` (whose stakeholders are in
/// already), logging problems at their JSON pointers; its metadata goes to `metadata`.
inline void read_graph_document(const nlohmann::json& doc, Network& net, ProblemLog& log,
                                nlohmann::json& metadata) {
  ObjectReader top(doc, "", log);
  if (!top.valid()) return;
  if (auto f = top.find("format", true))
    if (!f->is_string() || f->get<std::string>() != format_name)
      return log.add("/format", "format.value", "must be \"coproduction\"");
  if (auto v = top.find("version", true))
    if (!v->is_number_integer() || v->get<long long>() != format_version)
      return log.add("/version", "format.version",
                     "must be " + std::to_string(format_version) + ", the version this library reads");
  if (!log.empty()) return;
  top.object("metadata", metadata);
  auto each = [&](const char* key, auto&& read_and_add) {
    if (auto arr = top.find(key, true)) {
      if (!arr->is_array()) return top.bad_type(key, "an array", *arr);
      for (std::size_t i = 0; i < arr->size(); ++i)
        read_and_add((*arr)[i], std::string("/") + key + "/" + std::to_string(i));
    }
  };
  each("projects", [&](const nlohmann::json& j, const std::string& ptr) {
    const std::size_t before = log.size();
    Project p = read_project(j, ptr, log);
    if (p.id.empty()) return;
    if (log.size() != before) p = Project{.id = p.id};
    try {
      net.add_project(p);
    } catch (const model_error& e) {
      log_model_error(log, ptr, e);
      if (e.field() != "id") net.add_project(Project{.id = p.id});
    }
  });
  each("decisions", [&](const nlohmann::json& j, const std::string& ptr) {
    const std::size_t before = log.size();
    Decision d = read_decision(j, ptr, log);
    if (log.size() != before) return;
    try {
      net.add_decision(std::move(d));
    } catch (const model_error& e) {
      log_model_error(log, ptr, e);
    }
  });
  top.finish();
}

// ---- viz colours -----------------------------------------------------------------------------

/// The fills of the notebook display's drawing (Tableau 10, then ten lighter tones), as red,
/// green and blue: role i of the sorted distinct roles (no role last) gets colour i, cycling.
inline constexpr std::array<std::array<int, 3>, 20> role_colours{{
    {0x4e, 0x79, 0xa7}, {0xf2, 0x8e, 0x2b}, {0xe1, 0x57, 0x59}, {0x76, 0xb7, 0xb2},
    {0x59, 0xa1, 0x4f}, {0xed, 0xc9, 0x48}, {0xb0, 0x7a, 0xa1}, {0xff, 0x9d, 0xa7},
    {0x9c, 0x75, 0x5f}, {0xba, 0xb0, 0xac}, {0xa0, 0xcb, 0xe8}, {0xff, 0xbe, 0x7d},
    {0x8c, 0xd1, 0x7d}, {0xb6, 0x99, 0x2d}, {0xf1, 0xce, 0x63}, {0x86, 0xbc, 0xb6},
    {0xd3, 0x72, 0x95}, {0xfa, 0xbf, 0xd2}, {0xd4, 0xa6, 0xc8}, {0x79, 0x70, 0x6e}}};

}  // namespace coproduction::detail::graph_file
