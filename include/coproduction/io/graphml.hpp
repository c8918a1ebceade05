#pragma once
/// \file
/// GraphML (graphml.graphdrawing.org, with the GraphML-Attributes extension), written and
/// read in C++ (docs/formats.md). Stakeholders are nodes whose id is the stakeholder's id;
/// relations are directed edges with the stable ids `r0`, `r1`, ... in relation order, so
/// parallel relations of different types stay apart; every field is a `<data>` value of a key
/// with one declared type (`boolean`, `int`, `long`, `double`, `string`); a free attribute
/// whose values all share a type gets a key of its own, the others travel as JSON text in the
/// key `attributes`; the graph's `coproduction` value holds the JSON document of the rest
/// (metadata, projects, decisions). So `read_graphml(dump_graphml(net)) == net`, and NetworkX,
/// igraph and Gephi read every field and every parallel relation.
///
/// The reader treats a file as hostile (`detail/xml_reader.hpp`: no DTD, no entities, limits)
/// and reads GraphML written by other tools too: nodes become stakeholders (`kind` from a key
/// of that name, else `person`), edges relations (their type from `type`, else `kind`, else
/// `label`, else a default), other keys attributes with their declared types, the graph's
/// other keys metadata; an undirected edge is two relations, one each way.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/graph_builder.hpp"
#include "coproduction/detail/graph_columns.hpp"
#include "coproduction/detail/xml_reader.hpp"
#include "coproduction/detail/xml_writer.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/version.hpp"

namespace coproduction {

/// The GraphML namespace.
inline constexpr std::string_view graphml_namespace = "http://graphml.graphdrawing.org/xmlns";

/// The type an edge gets when a file written elsewhere gives it none (no `type`, `kind` or
/// `label`).
inline constexpr std::string_view default_relation_type = "related";

namespace detail::graphml {

using graph_file::column;
using graph_file::domain;
using graph_file::graph_builder;
using graph_file::value_type;

inline std::optional<value_type> type_of(std::string_view t) {
  if (t == "boolean") return value_type::boolean;
  if (t == "int") return value_type::integer;
  if (t == "long") return value_type::long_integer;
  if (t == "float" || t == "double") return value_type::floating;
  if (t == "string") return value_type::string;
  return std::nullopt;
}

inline std::string_view spelling(value_type t) {
  switch (t) {
    case value_type::boolean: return "boolean";
    case value_type::integer: return "int";
    case value_type::long_integer: return "long";
    case value_type::floating: return "double";
    default: return "string";
  }
}

class reader {
 public:
  reader(std::string_view text, const XmlLimits& limits, std::string default_type)
      : xml_(text, limits), b_(xml_, std::move(default_type), limits, true) {}

  Network read() {
    xml::token t = xml_.next();
    if (t != xml::token::start || xml_.local_name() != "graphml")
      xml_.fail(xml_.offset(), "format.value",
                "the root element is <" + std::string(xml_.name()) + ">, not <graphml>: not a GraphML document");
    if (!xml_.uri().empty() && xml_.uri() != graphml_namespace)
      xml_.fail(xml_.offset(), "format.value",
                "the root element is in the namespace \"" + std::string(xml_.uri()) +
                    "\", not GraphML's (" + std::string(graphml_namespace) + ")");
    bool graph_seen = false;
    graph_file::for_each_child(xml_, b_, "GraphML", [&] {
      const std::string_view name = xml_.local_name();
      if (name == "key") {
        key();
      } else if (name == "graph") {
        if (graph_seen) return graph_file::refuse_element(xml_, b_, "a file holds one graph");
        graph_seen = true;
        graph();
      } else if (name == "data") {
        data(false);
      } else if (name == "desc") {
        xml_.skip_element();
      } else {
        graph_file::refuse_element(xml_, b_, "not an element of GraphML");
      }
    });
    while (xml_.next() != xml::token::done) {
    }  // after the root: comments and white space only
    if (!graph_seen) b_.problem(0, "format.missing", "the file holds no <graph>");
    return b_.finish();
  }

 private:
  std::string attr(std::string_view name) const {
    const xml::attribute* a = xml_.find(name);
    return a ? std::string(a->value) : std::string();
  }

  void key() {
    const std::size_t at = xml_.offset();
    const xml::attribute* id = xml_.find("id");
    column c;
    c.offset = at;
    const std::string key_id = id ? std::string(id->value) : std::string();
    const std::string where = attr("for").empty() ? "all" : attr("for");
    bool known = true;
    if (where == "node") c.where = domain::node;
    else if (where == "edge") c.where = domain::edge;
    else if (where == "graph" || where == "graphml") c.where = domain::graph;
    else if (where == "all") c.where = domain::all;
    else known = false;  // hyperedge, port, endpoint: nothing this reader reads
    const xml::attribute* name = xml_.find("attr.name");
    c.name = name ? std::string(name->value) : key_id;  // GraphML-Attributes: the name is optional
    const std::string type = xml_.find("attr.type") ? attr("attr.type") : "string";
    const bool yfiles = xml_.find("yfiles.type") != nullptr;
    if (yfiles || !known) c.role = {graph_file::field::skipped, graph_file::field::skipped, graph_file::field::skipped};
    if (!known) c.where = domain::all;
    if (!yfiles && known) {
      if (auto t = type_of(type)) c.type = *t;
      else {
        b_.problem(at, "format.value",
                   "key \"" + c.name + "\": attr.type \"" + type +
                       "\" is not one of boolean, int, long, float, double, string");
        c.usable = {false, false, false};
      }
    }
    graph_file::for_each_child(xml_, b_, "GraphML", [&] {
      if (xml_.local_name() == "default") {
        bool markup = false;
        const std::string_view text = xml_.element_text(markup);
        if (!markup) c.default_value = std::string(text);
      } else {
        xml_.skip_element();  // <desc>, or a tool's own markup
      }
    });
    if (key_id.empty()) return b_.problem(at, "format.missing", "a <key> without an id");
    if (keys_.count(key_id)) return b_.problem(at, "format.value", "key \"" + key_id + "\" declared twice");
    keys_.emplace(key_id, &b_.declare(std::move(c)));
  }

  // <data key="...">: a value of the current node or edge, or (in_element false) of the graph.
  void data(bool in_element) {
    const std::size_t at = xml_.offset();
    const xml::attribute* k = xml_.find("key");
    const column* c = nullptr;
    if (k)
      if (auto it = keys_.find(k->value); it != keys_.end()) c = it->second;
    const std::string key_id = !k || c ? std::string() : std::string(k->value);  // for a message
    bool markup = false;
    const std::string_view text = xml_.element_text(markup);
    if (!k) return b_.problem(at, "format.missing", "a <data> without a key");
    if (!c) return b_.problem(at, "format.value", "no <key> declares \"" + key_id + "\"");
    const bool skipped = c->role[static_cast<std::size_t>(in_element ? current_ : domain::graph)] ==
                         graph_file::field::skipped;
    if (markup && !skipped)
      return b_.problem(at, "format.value", "\"" + c->name + "\": markup inside a value");
    if (in_element) b_.value(*c, text, at);
    else b_.graph_value(*c, text, at);
  }

  void graph() {
    const xml::attribute* d = xml_.find("edgedefault");
    // GraphML requires edgedefault; NetworkX and Gephi Lite read its absence as undirected.
    bool directed = false;
    if (d) {
      if (d->value == "directed") directed = true;
      else if (d->value != "undirected")
        b_.problem(d->offset, "format.value",
                   "edgedefault \"" + std::string(d->value) + "\" is not directed or undirected");
    }
    graph_file::for_each_child(xml_, b_, "GraphML", [&] {
      const std::string_view name = xml_.local_name();
      if (name == "node") {
        current_ = domain::node;
        b_.begin_node(xml_.find("id") ? xml_.find("id")->value : std::string_view(), xml_.offset());
        graph_file::for_each_child(xml_, b_, "GraphML", [&] { element_child(); });
        b_.end_node();
      } else if (name == "edge") {
        current_ = domain::edge;
        const xml::attribute* s = xml_.find("source");
        const xml::attribute* t = xml_.find("target");
        const xml::attribute* dir = xml_.find("directed");
        bool edge_directed = directed;
        if (dir) {
          if (dir->value == "true") edge_directed = true;
          else if (dir->value == "false") edge_directed = false;
          else b_.problem(dir->offset, "format.value", "directed \"" + std::string(dir->value) + "\" is not true or false");
        }
        if (!s || !t || s->value.empty() || t->value.empty())
          b_.problem(xml_.offset(), "format.missing", "an edge without a source or a target");
        if (xml_.find("sourceport") || xml_.find("targetport"))
          b_.problem(xml_.offset(), "format.unsupported", "ports are not read");
        b_.begin_edge(s ? s->value : std::string_view(), t ? t->value : std::string_view(),
                      edge_directed, xml_.offset());
        graph_file::for_each_child(xml_, b_, "GraphML", [&] { element_child(); });
        b_.end_edge();
      } else if (name == "data") {
        data(false);
      } else if (name == "desc") {
        xml_.skip_element();
      } else if (name == "hyperedge") {
        graph_file::refuse_element(xml_, b_, "hyperedges are not read");
      } else {
        graph_file::refuse_element(xml_, b_, "not read inside <graph>");
      }
    });
  }

  void element_child() {
    const std::string_view name = xml_.local_name();
    if (name == "data") data(true);
    else if (name == "desc") xml_.skip_element();
    else if (name == "graph") graph_file::refuse_element(xml_, b_, "nested graphs are not read");
    else if (name == "port") graph_file::refuse_element(xml_, b_, "ports are not read");
    else graph_file::refuse_element(xml_, b_, "not read inside a node or edge");
  }

  xml::reader xml_;
  graph_builder b_;
  graph_file::column_map keys_;
  domain current_ = domain::node;
};

// ---- writing -------------------------------------------------------------------------------

struct fixed_key {
  const char* id;
  const char* name;
  value_type type;
};

inline void key_line(std::string& out, std::string_view id, std::string_view domain_name,
                     std::string_view name, value_type type) {
  out += "  <key";
  xml::append_attribute(out, "id", id);
  xml::append_attribute(out, "for", domain_name);
  xml::append_attribute(out, "attr.name", name);
  xml::append_attribute(out, "attr.type", spelling(type));
  out += "/>\n";
}

inline void data_open(std::string& out, std::string_view key) {
  out += "      <data key=\"";
  out += key;
  out += "\">";
}

inline void text_data(std::string& out, std::string_view key, std::string_view text) {
  data_open(out, key);
  xml::append_text(out, text);
  out += "</data>\n";
}

}  // namespace detail::graphml

/// The GraphML text of a network (UTF-8, one element a line). Keys are declared only for
/// fields and attributes some element has; `size` is `int` when every size fits 32 bits,
/// else `long`. Doubles are written in the shortest form that reads back bit for bit.
/// Throws `format_error` (`format.xml_char`) naming every stakeholder or relation whose id,
/// label, role, sector, reporter or method holds a character XML 1.0 cannot hold (a control
/// character other than tab, line feed and carriage return, U+FFFE, U+FFFF) or text that is
/// not UTF-8. O(size of the network).
inline std::string dump_graphml(const Network& net) {
  namespace gf = detail::graph_file;
  namespace xml = detail::xml;
  using detail::graphml::data_open;
  using detail::graphml::text_data;
  gf::check_writable(net);
  const std::size_t n = net.num_stakeholders(), m = net.num_relations();
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
  bool any_weight = false, any_scale = false, any_by = false, any_date = false, any_method = false;
  for (std::size_t i = 0; i < m; ++i) {
    any_weight |= net.relation_weight(i).has_value();
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
  bool label = false, role = false, sector = false, expertise = false, under_served = false,
       paid = false, convenor = false, size = false, wide_size = false, influence = false;
  for (const Stakeholder& s : net.stakeholders()) {
    label |= !s.label.empty(), role |= !s.role.empty(), sector |= !s.sector.empty();
    expertise |= s.expertise.has_value(), under_served |= s.under_served.has_value();
    paid |= s.paid.has_value(), convenor |= s.convenor.has_value();
    influence |= s.influence.has_value();
    if (s.size) size = true, wide_size |= (*s.size < INT32_MIN || *s.size > INT32_MAX);
  }
  const std::string document = gf::graph_document_text(net);

  std::string out;
  out.reserve(512 + 160 * n + 120 * m);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<!-- Written by coproduction ";
  out += version;
  out += ": stakeholders are nodes, relations directed edges r0, r1, ... in order; the graph's "
         "coproduction value is the JSON document of the rest (docs/formats.md). -->\n";
  out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  using vt = gf::value_type;
  using detail::graphml::key_line;
  key_line(out, "g_coproduction", "graph", "coproduction", vt::string);
  const auto keys = [&](bool used, const char* id, const char* name, vt type, const char* d) {
    if (used) key_line(out, id, d, name, type);
  };
  keys(label, "v_label", "label", vt::string, "node");
  keys(true, "v_kind", "kind", vt::string, "node");
  keys(role, "v_role", "role", vt::string, "node");
  keys(sector, "v_sector", "sector", vt::string, "node");
  keys(expertise, "v_expertise", "expertise", vt::string, "node");
  keys(under_served, "v_under_served", "under_served", vt::boolean, "node");
  keys(paid, "v_paid", "paid", vt::boolean, "node");
  keys(convenor, "v_convenor", "convenor", vt::boolean, "node");
  keys(size, "v_size", "size", wide_size ? vt::long_integer : vt::integer, "node");
  keys(influence, "v_influence", "influence", vt::floating, "node");
  for (std::size_t c = 0; c < node_plan.columns.size(); ++c)
    key_line(out, "v_a" + std::to_string(c), "node", node_plan.columns[c].name, node_plan.columns[c].type);
  keys(any_node_json, "v_attributes", "attributes", vt::string, "node");
  keys(true, "e_type", "type", vt::string, "edge");
  keys(any_weight, "e_weight", "weight", vt::floating, "edge");
  keys(any_scale, "e_scale", "scale", vt::string, "edge");
  keys(any_by, "e_reported_by", "reported_by", vt::string, "edge");
  keys(any_date, "e_date", "date", vt::string, "edge");
  keys(any_method, "e_method", "method", vt::string, "edge");
  for (std::size_t c = 0; c < edge_plan.columns.size(); ++c)
    key_line(out, "e_a" + std::to_string(c), "edge", edge_plan.columns[c].name, edge_plan.columns[c].type);
  keys(any_edge_json, "e_attributes", "attributes", vt::string, "edge");

  out += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  // The graph's value first: Gephi Lite reads only the values before the first node.
  out += "    <data key=\"g_coproduction\">";
  xml::append_text(out, document);
  out += "</data>\n";

  // Each id escaped once: relations name them again and again.
  std::vector<std::string> ids(n);
  for (std::size_t v = 0; v < n; ++v) xml::append_attribute(ids[v], net.stakeholder_at(v).id);

  auto plan_values = [&](const nlohmann::json& attributes, const gf::attribute_plan& plan,
                         const char* prefix) {
    if (!attributes.is_object() || plan.columns.empty()) return;
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
      auto col = plan.index.find(it.key());
      if (col == plan.index.end()) continue;
      out += "      <data key=\"";
      out += prefix;
      xml::append_integer(out, static_cast<long long>(col->second));
      out += "\">";
      gf::append_value(out, it.value(), false);
      out += "</data>\n";
    }
  };

  for (std::size_t v = 0; v < n; ++v) {
    const Stakeholder& s = net.stakeholder_at(v);
    out += "    <node id=\"";
    out += ids[v];
    out += "\">\n";
    if (!s.label.empty()) text_data(out, "v_label", s.label);
    text_data(out, "v_kind", to_string(s.kind));
    if (!s.role.empty()) text_data(out, "v_role", s.role);
    if (!s.sector.empty()) text_data(out, "v_sector", s.sector);
    if (s.expertise) text_data(out, "v_expertise", to_string(*s.expertise));
    if (s.under_served) text_data(out, "v_under_served", *s.under_served ? "true" : "false");
    if (s.paid) text_data(out, "v_paid", *s.paid ? "true" : "false");
    if (s.convenor) text_data(out, "v_convenor", *s.convenor ? "true" : "false");
    if (s.size) {
      data_open(out, "v_size");
      xml::append_integer(out, *s.size);
      out += "</data>\n";
    }
    if (s.influence) {
      data_open(out, "v_influence");
      xml::append_double(out, *s.influence);
      out += "</data>\n";
    }
    plan_values(s.attributes, node_plan, "v_a");
    if (node_json[v]) text_data(out, "v_attributes", *node_json[v]);
    out += "    </node>\n";
  }
  for (std::size_t i = 0; i < m; ++i) {
    out += "    <edge id=\"r";
    xml::append_integer(out, static_cast<long long>(i));
    out += "\" source=\"";
    out += ids[net.relation_source(i)];
    out += "\" target=\"";
    out += ids[net.relation_target(i)];
    out += "\">\n      <data key=\"e_type\">";
    out += net.relation_type(i);  // ^[a-z][a-z0-9_]*$: nothing to escape
    out += "</data>\n";
    if (auto w = net.relation_weight(i)) {
      data_open(out, "e_weight");
      xml::append_double(out, *w);
      out += "</data>\n";
    }
    if (auto sc = net.relation_scale(i)) text_data(out, "e_scale", to_string(*sc));
    const Provenance& p = net.relation_provenance(i);
    if (!p.reported_by.empty()) text_data(out, "e_reported_by", p.reported_by);
    if (!p.date.empty()) text_data(out, "e_date", p.date);
    if (!p.method.empty()) text_data(out, "e_method", p.method);
    if (!edge_json.empty()) {
      plan_values(net.relation_attributes(i), edge_plan, "e_a");
      if (edge_json[i]) text_data(out, "e_attributes", *edge_json[i]);
    }
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

/// Writes a network as GraphML to a file atomically, keeping the target's permissions
/// (`write_text_file`). Throws what `dump_graphml` throws (nothing is written then) and
/// `io_error` when the file cannot be written.
inline void write_graphml(const Network& net, const std::filesystem::path& path) {
  write_text_file(dump_graphml(net), path);
}

/// Reads a network from GraphML text. `default_type` is the type of an edge that gives none.
/// Throws `format_error`: at the first place the text is not well-formed XML, holds a
/// document type declaration (`format.doctype`), an unknown entity or a reference to a
/// character XML does not allow (`format.entity`), is not UTF-8 (`format.encoding`), or
/// passes a limit (`format.size`, `format.depth`, `format.limit`); else listing every
/// problem of GraphML or of the model (unknown keys, values that are not of their type,
/// unknown stakeholders, repeated relations, ...), each at `line L, column C`.
/// O(size of the text).
inline Network read_graphml(std::string_view text, const XmlLimits& limits = {},
                            std::string_view default_type = default_relation_type) {
  return detail::graphml::reader(text, limits, std::string(default_type)).read();
}

/// Reads a network from a GraphML file (read whole, never past `limits.max_bytes`). Throws
/// `io_error` when it cannot be read and what `read_graphml` throws.
inline Network read_graphml_file(const std::filesystem::path& path, const XmlLimits& limits = {},
                                 std::string_view default_type = default_relation_type) {
  return read_graphml(read_text_file(path, limits.max_bytes), limits, default_type);
}

}  // namespace coproduction
