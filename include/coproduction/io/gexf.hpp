#pragma once
/// \file
/// GEXF 1.3 (gexf.net), written and read in C++ (docs/formats.md). Stakeholders are nodes
/// (id and `label` as GEXF's own), relations directed edges with stable ids `r0`, `r1`, ...
/// in relation order whose type is GEXF 1.3's edge `kind` (so Gephi keeps parallel relations
/// of different types apart) and also a `type` value (which NetworkX reads), and whose weight
/// is GEXF's own `weight` when one is given. Every other field is an `attvalue` of an attribute
/// with one declared type (`boolean`, `integer`, `long`, `double`, `string`), whose id is its
/// title, as Gephi Lite names attributes by id; free attributes are carried as in GraphML
/// (io/graphml.hpp). The meta `description` holds the JSON document of the rest (metadata,
/// projects, decisions). Given positions (a layout), each node gets a `viz:position` and a
/// `viz:color` by role (the notebook drawing's colours).
///
/// The reader treats a file as hostile and reads GEXF 1.1 to 1.3 written by other tools too,
/// as the GraphML reader does; `viz` elements are drawing hints, not data, and are skipped.
/// An edge's type is its `kind`, else a `type` value, else GEXF's own `type` attribute when
/// it is not a direction (NetworkX writes a `type` value there), else its `label`.
/// Dynamic graphs (spells, start and end, dynamic attributes) and hierarchies (nested
/// nodes, `pid`, `parents`) are refused with a problem: nothing is dropped silently. Waves
/// written as dynamic GEXF are a timeline's form, read by `io/gexf_timeline.hpp`.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/graph_builder.hpp"
#include "coproduction/detail/graph_columns.hpp"
#include "coproduction/detail/layout_packing.hpp"
#include "coproduction/detail/xml_reader.hpp"
#include "coproduction/detail/xml_writer.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/graphml.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/version.hpp"

namespace coproduction {

/// The GEXF 1.3 namespace and that of its visualisation module, as the GEXF site, Gephi and
/// NetworkX write them.
inline constexpr std::string_view gexf_namespace = "http://gexf.net/1.3";
inline constexpr std::string_view gexf_viz_namespace = "http://gexf.net/1.3/viz";

namespace detail::gexf {

using graph_file::column;
using graph_file::domain;
using graph_file::field;
using graph_file::graph_builder;
using graph_file::value_type;

/// The value type a GEXF attribute type is read as: the integer types as integers, `float`
/// and `double` as doubles, `boolean`, and everything else (`string`, `anyURI`, `char`,
/// `bigdecimal`, the list types) as text, so nothing is rounded.
inline std::optional<value_type> type_of(std::string_view t) {
  if (t == "boolean") return value_type::boolean;
  if (t == "integer" || t == "byte" || t == "short") return value_type::integer;
  if (t == "long" || t == "biginteger") return value_type::long_integer;
  if (t == "float" || t == "double") return value_type::floating;
  if (t == "string" || t == "anyURI" || t == "char" || t == "bigdecimal" || t.rfind("list", 0) == 0)
    return value_type::string;
  return std::nullopt;
}

inline std::string_view spelling(value_type t) {
  switch (t) {
    case value_type::boolean: return "boolean";
    case value_type::integer: return "integer";
    case value_type::long_integer: return "long";
    case value_type::floating: return "double";
    default: return "string";
  }
}

class reader {
 public:
  reader(std::string_view text, const XmlLimits& limits, std::string default_type)
      : xml_(text, limits), b_(xml_, std::move(default_type), limits, false) {
    // GEXF's own XML attributes, read as values of these columns.
    node_label_ = &native("label", domain::node, value_type::string);
    edge_kind_ = &native("kind", domain::edge, value_type::string);
    edge_label_ = &native("label", domain::edge, value_type::string);
    edge_weight_ = &native("weight", domain::edge, value_type::floating);
    edge_type_ = &native("type", domain::edge, value_type::string);
  }

  Network read() {
    const xml::token t = xml_.next();
    if (t != xml::token::start || xml_.local_name() != "gexf")
      xml_.fail(xml_.offset(), "format.value",
                "the root element is <" + std::string(xml_.name()) + ">, not <gexf>: not a GEXF document");
    if (!xml_.uri().empty() && xml_.uri().find("gexf.net") == std::string_view::npos)
      xml_.fail(xml_.offset(), "format.value",
                "the root element is in the namespace \"" + std::string(xml_.uri()) + "\", not GEXF's");
    bool graph_seen = false;
    graph_file::for_each_child(xml_, b_, "GEXF", [&] {
      const std::string_view name = xml_.local_name();
      if (name == "meta") meta();
      else if (name == "graph" && !graph_seen) graph_seen = true, graph();
      else if (name == "graph") graph_file::refuse_element(xml_, b_, "a file holds one graph");
      else graph_file::refuse_element(xml_, b_, "not an element of GEXF");
    });
    while (xml_.next() != xml::token::done) {
    }  // after the root: comments and white space only
    if (!graph_seen) b_.problem(0, "format.missing", "the file holds no <graph>");
    return b_.finish();
  }

 private:
  // Dynamic GEXF is a timeline's form (io/gexf_timeline.hpp), not one network's.
  static constexpr const char* dynamic_refused =
      "dynamic GEXF (values over time) is not one network; waves written as dynamic GEXF read "
      "as a timeline (cp.read_timeline; C++ read_gexf_timeline)";

  column& native(std::string name, domain d, value_type type) {
    column c;
    c.name = std::move(name);
    c.where = d;
    c.type = type;
    return b_.declare(std::move(c));
  }

  bool viz() const { return xml_.uri().find("viz") != std::string_view::npos || xml_.name().rfind("viz:", 0) == 0; }

  // <meta>: our document in the description, or a foreign file's meta as metadata.
  void meta() {
    struct entry {
      std::string name, text;
      std::size_t offset;
    };
    std::vector<entry> entries;
    if (const xml::attribute* d = xml_.find("lastmodifieddate"))
      entries.push_back({"lastmodifieddate", std::string(d->value), d->offset});
    graph_file::for_each_child(xml_, b_, "GEXF", [&] {
      const std::string name(xml_.local_name());
      const std::size_t at = xml_.offset();
      if (name != "creator" && name != "description" && name != "keywords")
        return graph_file::refuse_element(xml_, b_, "not an element of GEXF's meta");
      bool markup = false;
      const std::string_view text = xml_.element_text(markup);
      if (markup) return b_.problem(at, "format.value", "<" + name + ">: markup inside a value");
      entries.push_back({name, std::string(text), at});
    });
    for (entry& e : entries) {
      const std::string_view t = xml::trim(e.text);
      if (e.name == "description" && !t.empty() && t.front() == '{' &&
          t.find("\"format\":\"coproduction\"") != std::string_view::npos) {
        b_.set_document(std::move(e.text), e.offset);
        return;  // our own file: the rest of meta is ours too
      }
    }
    for (entry& e : entries) b_.add_metadata(e.name, std::move(e.text), e.offset);
  }

  void graph() {
    // GEXF's default edge type is undirected.
    bool directed = false;
    if (const xml::attribute* d = xml_.find("defaultedgetype")) {
      if (d->value == "directed") directed = true;
      else if (d->value != "undirected" && d->value != "mutual")
        b_.problem(d->offset, "format.value",
                   "defaultedgetype \"" + std::string(d->value) + "\" is not directed, undirected or mutual");
    }
    graph_file::for_each_child(xml_, b_, "GEXF", [&] {
      const std::string_view name = xml_.local_name();
      if (name == "attributes") attributes();
      else if (name == "nodes") graph_file::for_each_child(xml_, b_, "GEXF", [&] { node(); });
      else if (name == "edges") graph_file::for_each_child(xml_, b_, "GEXF", [&] { edge(directed); });
      else graph_file::refuse_element(xml_, b_, "not read inside <graph>");
    });
  }

  void attributes() {
    const std::string cls = xml_.find("class") ? std::string(xml_.find("class")->value) : "";
    const xml::attribute* mode = xml_.find("mode");
    if (mode && mode->value == "dynamic")
      return graph_file::refuse_element(xml_, b_, dynamic_refused);
    domain d;
    if (cls == "node") d = domain::node;
    else if (cls == "edge") d = domain::edge;
    else return graph_file::refuse_element(xml_, b_, "class \"" + cls + "\" is not node or edge");
    auto& ids = d == domain::node ? node_columns_ : edge_columns_;
    graph_file::for_each_child(xml_, b_, "GEXF", [&] {
      if (xml_.local_name() != "attribute")
        return graph_file::refuse_element(xml_, b_, "not read inside <attributes>");
      const std::size_t here = xml_.offset();
      column c;
      c.where = d;
      c.offset = here;
      const xml::attribute* id = xml_.find("id");
      const xml::attribute* title = xml_.find("title");
      const std::string key = id ? std::string(id->value) : std::string();
      c.name = title ? std::string(title->value) : key;
      const std::string type = xml_.find("type") ? std::string(xml_.find("type")->value) : "string";
      if (auto t = type_of(type)) c.type = *t;
      else {
        b_.problem(here, "format.value", "attribute \"" + c.name + "\": type \"" + type + "\" is not a GEXF type");
        c.usable = {false, false, false};
      }
      graph_file::for_each_child(xml_, b_, "GEXF", [&] {
        if (xml_.local_name() == "default") {
          bool markup = false;
          const std::string_view text = xml_.element_text(markup);
          if (!markup) c.default_value = std::string(text);
        } else {
          xml_.skip_element();  // <options>
        }
      });
      if (key.empty()) return b_.problem(here, "format.missing", "an <attribute> without an id");
      if (ids.count(key)) return b_.problem(here, "format.value", "attribute \"" + key + "\" declared twice");
      ids.emplace(key, &b_.declare(std::move(c)));
    });
  }

  // Start, end and the other attributes of dynamic GEXF, on a node, an edge or a value.
  bool dynamic() {
    for (const char* a : {"start", "end", "startopen", "endopen", "timestamp", "timestamps", "intervals"})
      if (const xml::attribute* found = xml_.find(a)) {
        b_.problem(found->offset, "format.unsupported",
                   std::string(a) + ": " + dynamic_refused);
        return true;
      }
    return false;
  }

  void node() {
    if (xml_.local_name() != "node") return graph_file::refuse_element(xml_, b_, "not read inside <nodes>");
    const xml::attribute* id = xml_.find("id");
    b_.begin_node(id ? id->value : std::string_view(), xml_.offset());
    if (const xml::attribute* label = xml_.find("label")) b_.value(*node_label_, label->value, label->offset);
    if (const xml::attribute* pid = xml_.find("pid"))
      b_.problem(pid->offset, "format.unsupported", "pid: hierarchies of nodes are not read");
    dynamic();
    graph_file::for_each_child(xml_, b_, "GEXF", [&] { element_child(node_columns_); });
    b_.end_node();
  }

  void edge(bool directed) {
    if (xml_.local_name() != "edge") return graph_file::refuse_element(xml_, b_, "not read inside <edges>");
    const xml::attribute* s = xml_.find("source");
    const xml::attribute* t = xml_.find("target");
    if (!s || !t || s->value.empty() || t->value.empty())
      b_.problem(xml_.offset(), "format.missing", "an edge without a source or a target");
    bool edge_directed = directed;
    const xml::attribute* type = xml_.find("type");
    if (type) {
      if (type->value == "directed") edge_directed = true;
      else if (type->value == "undirected" || type->value == "mutual") edge_directed = false;
    }
    b_.begin_edge(s ? s->value : std::string_view(), t ? t->value : std::string_view(),
                  edge_directed, xml_.offset());
    // NetworkX writes an edge's "type" value into GEXF's own `type`, which GEXF keeps for
    // directedness: any other value there is the relation's type.
    if (type && type->value != "directed" && type->value != "undirected" && type->value != "mutual")
      b_.value(*edge_type_, type->value, type->offset);
    if (const xml::attribute* kind = xml_.find("kind")) b_.value(*edge_kind_, kind->value, kind->offset);
    if (const xml::attribute* label = xml_.find("label")) b_.value(*edge_label_, label->value, label->offset);
    if (const xml::attribute* weight = xml_.find("weight")) b_.value(*edge_weight_, weight->value, weight->offset);
    dynamic();
    graph_file::for_each_child(xml_, b_, "GEXF", [&] { element_child(edge_columns_); });
    b_.end_edge();
  }

  void element_child(const graph_file::column_map& columns) {
    const std::string_view name = xml_.local_name();
    if (viz()) return xml_.skip_element();
    if (name == "attvalues") {
      graph_file::for_each_child(xml_, b_, "GEXF", [&] {
        if (xml_.local_name() != "attvalue")
          return graph_file::refuse_element(xml_, b_, "not read inside <attvalues>");
        const std::size_t at = xml_.offset();
        const xml::attribute* f = xml_.find("for");
        if (!f) f = xml_.find("id");
        const xml::attribute* v = xml_.find("value");
        if (!dynamic()) {
          if (!f) b_.problem(at, "format.missing", "an <attvalue> without for");
          else if (!v) b_.problem(at, "format.missing", "an <attvalue> without a value");
          else if (auto it = columns.find(f->value); it == columns.end())
            b_.problem(f->offset, "format.value", "no <attribute> declares \"" + std::string(f->value) + "\"");
          else
            b_.value(*it->second, v->value, at);
        }
        xml_.skip_element();
      });
    } else if (name == "spells") {
      graph_file::refuse_element(xml_, b_, dynamic_refused);
    } else if (name == "nodes" || name == "edges" || name == "parents") {
      graph_file::refuse_element(xml_, b_, "hierarchies of nodes are not read");
    } else {
      graph_file::refuse_element(xml_, b_, "not read inside a node or edge");
    }
  }

  xml::reader xml_;
  graph_builder b_;
  const column *node_label_, *edge_kind_, *edge_label_, *edge_weight_, *edge_type_;
  graph_file::column_map node_columns_, edge_columns_;
};

inline void attribute_line(std::string& out, std::string_view name, value_type type) {
  out += "      <attribute";
  xml::append_attribute(out, "id", name);
  xml::append_attribute(out, "title", name);
  xml::append_attribute(out, "type", spelling(type));
  out += "/>\n";
}

inline void value_open(std::string& out, std::string_view name_escaped) {
  out += "          <attvalue for=\"";
  out += name_escaped;
  out += "\" value=\"";
}

inline void text_value(std::string& out, std::string_view name, std::string_view text) {
  value_open(out, name);
  xml::append_attribute(out, text);
  out += "\"/>\n";
}

}  // namespace detail::gexf

/// The GEXF 1.3 text of a network. `positions` (empty, or one point per stakeholder in vertex
/// order, as `fruchterman_reingold` and `kamada_kawai` give them) adds a `viz:position` for
/// every stakeholder whose point is not NaN and a `viz:color` by role for every stakeholder.
/// Throws `input_error` ("positions") for positions of the wrong length or an infinite
/// coordinate, and what `dump_graphml` throws. O(size of the network).
inline std::string dump_gexf(const Network& net, std::span<const point> positions = {}) {
  namespace gf = detail::graph_file;
  namespace xml = detail::xml;
  using detail::gexf::text_value;
  using detail::gexf::value_open;
  const std::size_t n = net.num_stakeholders(), m = net.num_relations();
  if (!positions.empty() && positions.size() != n)
    throw input_error("positions", "must give one point per stakeholder (" + std::to_string(n) +
                                       "), not " + std::to_string(positions.size()));
  for (const point& p : positions)
    if (std::isinf(p.x) || std::isinf(p.y))
      throw input_error("positions", "an infinite coordinate");
  gf::check_writable(net);
  const gf::attribute_plan node_plan = gf::plan_attributes(
      [&](auto visit) { for (const Stakeholder& s : net.stakeholders()) visit(s.attributes); },
      gf::reserved_node_name);
  const gf::attribute_plan edge_plan = gf::plan_attributes(
      [&](auto visit) { for (std::size_t i = 0; i < m; ++i) visit(net.relation_attributes(i)); },
      gf::reserved_edge_name);
  std::vector<std::optional<std::string>> node_json(n), edge_json;
  bool any_node_json = false, any_edge_json = false;
  for (std::size_t v = 0; v < n; ++v) {
    node_json[v] = gf::attributes_text(net.stakeholder_at(v).attributes, node_plan,
                                       "/stakeholders/" + std::to_string(v) + "/attributes");
    any_node_json |= node_json[v].has_value();
  }
  bool any_scale = false, any_by = false, any_date = false, any_method = false;
  for (std::size_t i = 0; i < m; ++i) {
    any_scale |= net.relation_scale(i).has_value();
    const Provenance& p = net.relation_provenance(i);
    any_by |= !p.reported_by.empty(), any_date |= !p.date.empty(), any_method |= !p.method.empty();
    if (!net.relation_attributes(i).is_null()) {
      if (edge_json.empty()) edge_json.resize(m);
      edge_json[i] = gf::attributes_text(net.relation_attributes(i), edge_plan,
                                         "/relations/" + std::to_string(i) + "/attributes");
      any_edge_json |= edge_json[i].has_value();
    }
  }
  bool role = false, sector = false, expertise = false, under_served = false, paid = false,
       convenor = false, size = false, wide_size = false, influence = false;
  for (const Stakeholder& s : net.stakeholders()) {
    role |= !s.role.empty(), sector |= !s.sector.empty();
    expertise |= s.expertise.has_value(), under_served |= s.under_served.has_value();
    paid |= s.paid.has_value(), convenor |= s.convenor.has_value();
    influence |= s.influence.has_value();
    if (s.size) size = true, wide_size |= (*s.size < INT32_MIN || *s.size > INT32_MAX);
  }
  // Colours by role, as the notebook's drawing gives them: sorted roles, no role last.
  std::unordered_map<std::string, std::size_t> colour;
  if (!positions.empty()) {
    std::vector<std::string> roles;
    for (const Stakeholder& s : net.stakeholders())
      if (colour.emplace(s.role, 0).second) roles.push_back(s.role);
    std::sort(roles.begin(), roles.end(), [](const std::string& a, const std::string& b) {
      return a.empty() != b.empty() ? b.empty() : a < b;
    });
    for (std::size_t i = 0; i < roles.size(); ++i) colour[roles[i]] = i % gf::role_colours.size();
  }
  const std::string document = gf::graph_document_text(net);

  std::string out;
  out.reserve(1024 + 200 * n + 160 * m);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>coproduction ";
  out += version;
  out += "</creator>\n    <description>";
  xml::append_text(out, document);
  out += "</description>\n  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  using vt = gf::value_type;
  using detail::gexf::attribute_line;
  out += "    <attributes class=\"node\">\n";
  attribute_line(out, "kind", vt::string);
  if (role) attribute_line(out, "role", vt::string);
  if (sector) attribute_line(out, "sector", vt::string);
  if (expertise) attribute_line(out, "expertise", vt::string);
  if (under_served) attribute_line(out, "under_served", vt::boolean);
  if (paid) attribute_line(out, "paid", vt::boolean);
  if (convenor) attribute_line(out, "convenor", vt::boolean);
  if (size) attribute_line(out, "size", wide_size ? vt::long_integer : vt::integer);
  if (influence) attribute_line(out, "influence", vt::floating);
  for (const auto& c : node_plan.columns) attribute_line(out, c.name, c.type);
  if (any_node_json) attribute_line(out, "attributes", vt::string);
  out += "    </attributes>\n    <attributes class=\"edge\">\n";
  attribute_line(out, "type", vt::string);
  if (any_scale) attribute_line(out, "scale", vt::string);
  if (any_by) attribute_line(out, "reported_by", vt::string);
  if (any_date) attribute_line(out, "date", vt::string);
  if (any_method) attribute_line(out, "method", vt::string);
  for (const auto& c : edge_plan.columns) attribute_line(out, c.name, c.type);
  if (any_edge_json) attribute_line(out, "attributes", vt::string);
  out += "    </attributes>\n";

  std::vector<std::string> ids(n);
  for (std::size_t v = 0; v < n; ++v) xml::append_attribute(ids[v], net.stakeholder_at(v).id);
  std::vector<std::string> node_names, edge_names;
  for (const auto& c : node_plan.columns) xml::append_attribute(node_names.emplace_back(), c.name);
  for (const auto& c : edge_plan.columns) xml::append_attribute(edge_names.emplace_back(), c.name);
  auto plan_values = [&](const nlohmann::json& attributes, const gf::attribute_plan& plan,
                         const std::vector<std::string>& names) {
    if (!attributes.is_object() || plan.columns.empty()) return;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
      auto col = plan.index.find(it.key());
      if (col == plan.index.end()) continue;
      value_open(out, names[col->second]);
      gf::append_value(out, it.value(), true);
      out += "\"/>\n";
    }
  };

  out += "    <nodes count=\"";
  xml::append_integer(out, static_cast<long long>(n));
  out += "\">\n";
  for (std::size_t v = 0; v < n; ++v) {
    const Stakeholder& s = net.stakeholder_at(v);
    out += "      <node id=\"";
    out += ids[v];
    out += '"';
    if (!s.label.empty()) xml::append_attribute(out, "label", s.label);
    out += ">\n        <attvalues>\n";
    text_value(out, "kind", to_string(s.kind));
    if (!s.role.empty()) text_value(out, "role", s.role);
    if (!s.sector.empty()) text_value(out, "sector", s.sector);
    if (s.expertise) text_value(out, "expertise", to_string(*s.expertise));
    if (s.under_served) text_value(out, "under_served", *s.under_served ? "true" : "false");
    if (s.paid) text_value(out, "paid", *s.paid ? "true" : "false");
    if (s.convenor) text_value(out, "convenor", *s.convenor ? "true" : "false");
    if (s.size) {
      value_open(out, "size");
      xml::append_integer(out, *s.size);
      out += "\"/>\n";
    }
    if (s.influence) {
      value_open(out, "influence");
      xml::append_double(out, *s.influence);
      out += "\"/>\n";
    }
    plan_values(s.attributes, node_plan, node_names);
    if (node_json[v]) text_value(out, "attributes", *node_json[v]);
    out += "        </attvalues>\n";
    if (!positions.empty()) {
      const auto& rgb = gf::role_colours[colour[s.role]];
      out += "        <viz:color r=\"";
      xml::append_integer(out, rgb[0]);
      out += "\" g=\"";
      xml::append_integer(out, rgb[1]);
      out += "\" b=\"";
      xml::append_integer(out, rgb[2]);
      out += "\"/>\n";
      if (!std::isnan(positions[v].x) && !std::isnan(positions[v].y)) {
        out += "        <viz:position x=\"";
        xml::append_double(out, positions[v].x);
        out += "\" y=\"";
        xml::append_double(out, positions[v].y);
        out += "\"/>\n";
      }
    }
    out += "      </node>\n";
  }
  out += "    </nodes>\n    <edges count=\"";
  xml::append_integer(out, static_cast<long long>(m));
  out += "\">\n";
  for (std::size_t i = 0; i < m; ++i) {
    const std::string& type = net.relation_type(i);  // ^[a-z][a-z0-9_]*$: nothing to escape
    out += "      <edge id=\"r";
    xml::append_integer(out, static_cast<long long>(i));
    out += "\" source=\"";
    out += ids[net.relation_source(i)];
    out += "\" target=\"";
    out += ids[net.relation_target(i)];
    out += "\" kind=\"";
    out += type;
    out += '"';
    if (auto w = net.relation_weight(i)) {
      out += " weight=\"";
      xml::append_double(out, *w);
      out += '"';
    }
    out += ">\n        <attvalues>\n          <attvalue for=\"type\" value=\"";
    out += type;
    out += "\"/>\n";
    if (auto sc = net.relation_scale(i)) text_value(out, "scale", to_string(*sc));
    const Provenance& p = net.relation_provenance(i);
    if (!p.reported_by.empty()) text_value(out, "reported_by", p.reported_by);
    if (!p.date.empty()) text_value(out, "date", p.date);
    if (!p.method.empty()) text_value(out, "method", p.method);
    if (!edge_json.empty()) {
      plan_values(net.relation_attributes(i), edge_plan, edge_names);
      if (edge_json[i]) text_value(out, "attributes", *edge_json[i]);
    }
    out += "        </attvalues>\n      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

/// Writes a network as GEXF 1.3 to a file atomically, keeping the target's permissions
/// (`write_text_file`). Throws what `dump_gexf` throws (nothing is written then) and
/// `io_error` when the file cannot be written.
inline void write_gexf(const Network& net, const std::filesystem::path& path,
                       std::span<const point> positions = {}) {
  write_text_file(dump_gexf(net, positions), path);
}

/// Reads a network from GEXF text (1.1, 1.2 or 1.3). Throws as `read_graphml` does.
/// O(size of the text).
inline Network read_gexf(std::string_view text, const XmlLimits& limits = {},
                         std::string_view default_type = default_relation_type) {
  return detail::gexf::reader(text, limits, std::string(default_type)).read();
}

/// Reads a network from a GEXF file (read whole, never past `limits.max_bytes`). Throws
/// `io_error` when it cannot be read and what `read_gexf` throws.
inline Network read_gexf_file(const std::filesystem::path& path, const XmlLimits& limits = {},
                              std::string_view default_type = default_relation_type) {
  return read_gexf(read_text_file(path, limits.max_bytes), limits, default_type);
}

}  // namespace coproduction
