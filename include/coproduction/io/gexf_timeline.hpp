#pragma once
/// \file
/// A timeline as one dynamic GEXF 1.3 file, which Gephi's timeline plays wave by wave
/// (docs/waves.md, "A timeline in Gephi"). Every stakeholder of any wave is one node and every
/// relation of any wave one edge (a relation is the same in two waves when its source, target
/// and type are), each with `<spells>` for the waves it is in.
///
/// Waves map to time so: when every wave has an ISO date (`2013-02-14`) and the dates increase,
/// the graph's `timeformat` is `date` and wave i stands at its date; otherwise `timeformat` is
/// `integer` and wave i stands at i (1 for the first wave). A spell is a closed interval
/// (GEXF 1.3's inclusive `start` and `end`) from the first to the last wave of a run of
/// consecutive waves, so `<spell start="1" end="3"/>` is waves 1, 2 and 3.
///
/// A field that keeps one value over every wave an element is in, for every element, is a
/// static attribute; one that changes for some element is a dynamic attribute whose values
/// each carry the `start` and `end` of the waves they hold in (GEXF 1.3 `<attvalue start end>`).
/// A stakeholder's label and a relation's weight are GEXF's own `label` and `weight` while
/// they do not change, and dynamic attributes titled `label` and `weight` when they do (the
/// weight's id is `dynamic_weight`: NetworkX's reader takes an attribute of id `weight` for
/// a static double whatever the file declares). Free
/// attributes are JSON text (attribute `attributes`). The node attribute `not_surveyed` is
/// true in the waves whose `not_surveyed` lists the stakeholder.
///
/// The meta `description` holds the timeline document (io/timeline_json.hpp) less each wave's
/// stakeholders and relations: the wave names, dates and `not_surveyed` lists, the metadata,
/// projects and decisions, and the order of a wave's stakeholders or relations where it is
/// not the file's. So the file reads back as an equal timeline (`read_gexf_timeline`).

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/gexf_timeline_fields.hpp"
#include "coproduction/detail/gexf_timeline_reader.hpp"
#include "coproduction/detail/graph_columns.hpp"
#include "coproduction/detail/xml_writer.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/gexf.hpp"
#include "coproduction/io/timeline_json.hpp"
#include "coproduction/model/timeline.hpp"
#include "coproduction/version.hpp"

namespace coproduction {

namespace detail::gexf_timeline {

/// One node or edge: which waves it is in, and the text of each field in each wave.
template <std::size_t Fields>
struct element {
  std::vector<char> in;                         // per wave
  std::vector<std::array<value, Fields>> values;  // per wave
};

/// Whether field `f` keeps one value over every wave each element is in.
template <std::size_t Fields>
bool is_static(const std::vector<element<Fields>>& all, std::size_t f) {
  for (const auto& e : all) {
    const value* first = nullptr;
    for (std::size_t w = 0; w < e.in.size(); ++w) {
      if (!e.in[w]) continue;
      if (!first) first = &e.values[w][f];
      else if (*first != e.values[w][f]) return false;
    }
  }
  return true;
}

template <std::size_t Fields>
bool is_given(const std::vector<element<Fields>>& all, std::size_t f) {
  for (const auto& e : all)
    for (std::size_t w = 0; w < e.in.size(); ++w)
      if (e.in[w] && e.values[w][f]) return true;
  return false;
}

/// The value a static field has for an element (that of its first wave).
template <std::size_t Fields>
const value& static_value(const element<Fields>& e, std::size_t f) {
  static const value none;
  for (std::size_t w = 0; w < e.in.size(); ++w)
    if (e.in[w]) return e.values[w][f];
  return none;
}

/// The id of a field's attribute: its name, but for a relation's changing weight, whose id
/// `weight` NetworkX's reader would take for a static double whatever the file declares.
inline std::string_view column_id(std::string_view name, bool dynamic) {
  return dynamic && name == "weight" ? "dynamic_weight" : name;
}

inline void attribute_line(std::string& out, std::string_view name, kind_of_value t, bool dynamic) {
  out += "      <attribute";
  xml::append_attribute(out, "id", column_id(name, dynamic));
  xml::append_attribute(out, "title", name);
  xml::append_attribute(out, "type", gexf_type(t));
  out += "/>\n";
}

inline void attvalue(std::string& out, std::string_view name, const std::string& text,
                     const std::string* start = nullptr, const std::string* end = nullptr) {
  out += "          <attvalue";
  xml::append_attribute(out, "for", name);
  xml::append_attribute(out, "value", text);
  if (start) xml::append_attribute(out, "start", *start), xml::append_attribute(out, "end", *end);
  out += "/>\n";
}

/// The plan of one class of elements: which fields are written, statically or dynamically.
struct plan {
  std::vector<std::size_t> fixed, changing;
};

template <std::size_t Fields>
plan plan_of(const std::vector<element<Fields>>& all, const std::array<field_spec, Fields>& specs,
             std::size_t native, std::string& out, std::string_view cls) {
  plan p;
  for (std::size_t f = 0; f < Fields; ++f) {
    if (!is_given(all, f)) continue;
    const bool fixed = is_static(all, f);
    if (f == native && fixed) continue;  // GEXF's own label or weight
    (fixed ? p.fixed : p.changing).push_back(f);
  }
  for (const bool dynamic : {false, true}) {
    const auto& fields = dynamic ? p.changing : p.fixed;
    if (fields.empty()) continue;
    out += "    <attributes class=\"";
    out += cls;
    out += dynamic ? "\" mode=\"dynamic\">\n" : "\" mode=\"static\">\n";
    for (const std::size_t f : fields) attribute_line(out, specs[f].name, specs[f].type, dynamic);
    out += "    </attributes>\n";
  }
  return p;
}

/// The attvalues and spells of one element.
template <std::size_t Fields>
void element_body(std::string& out, const element<Fields>& e, const plan& p,
                  const std::array<field_spec, Fields>& specs, const wave_times& times) {
  const std::size_t k = e.in.size();
  if (!p.fixed.empty() || !p.changing.empty()) {
    std::string values;
    for (const std::size_t f : p.fixed)
      if (const value& v = static_value(e, f)) attvalue(values, specs[f].name, *v);
    for (const std::size_t f : p.changing) {
      // Runs of consecutive waves the element is in with one given value.
      for (std::size_t w = 0; w < k;) {
        if (!e.in[w] || !e.values[w][f]) {
          ++w;
          continue;
        }
        std::size_t last = w;
        while (last + 1 < k && e.in[last + 1] && e.values[last + 1][f] == e.values[w][f]) ++last;
        attvalue(values, column_id(specs[f].name, true), *e.values[w][f], &times.at[w], &times.at[last]);
        w = last + 1;
      }
    }
    if (!values.empty()) {
      out += "        <attvalues>\n";
      out += values;
      out += "        </attvalues>\n";
    }
  }
  out += "        <spells>\n";
  for (std::size_t w = 0; w < k;) {
    if (!e.in[w]) {
      ++w;
      continue;
    }
    std::size_t last = w;
    while (last + 1 < k && e.in[last + 1]) ++last;
    out += "          <spell";
    xml::append_attribute(out, "start", times.at[w]);
    xml::append_attribute(out, "end", times.at[last]);
    out += "/>\n";
    w = last + 1;
  }
  out += "        </spells>\n";
}

/// A key for a relation that no two relations share: the lengths of its ends make it
/// unambiguous whatever characters the ids hold.
inline std::string relation_key(std::string_view source, std::string_view type, std::string_view target) {
  std::string key = std::to_string(source.size()) + ':' + std::to_string(type.size()) + ':';
  key += source;
  key += type;
  key += target;
  return key;
}

}  // namespace detail::gexf_timeline

/// The dynamic GEXF 1.3 text of a timeline (see the top of this file). Throws `input_error`
/// ("waves") for a timeline without waves, `format_error` for text that XML 1.0 cannot hold
/// (a control character in an id, label, role, sector or provenance), naming the wave
/// (`/waves/1/network/stakeholders/3/label`). O(waves x (stakeholders + relations) of the
/// timeline).
inline std::string dump_gexf_timeline(const Timeline& timeline) {
  namespace gt = detail::gexf_timeline;
  namespace xml = detail::xml;
  if (timeline.empty()) throw input_error("waves", "a timeline needs at least one wave to be written");
  const std::size_t k = timeline.size();
  std::vector<format_problem> bad;
  for (std::size_t w = 0; w < k; ++w) {
    try {
      detail::graph_file::check_writable(timeline.wave(w).network);
    } catch (const format_error& e) {
      for (const format_problem& p : e.problems())
        bad.push_back({"/waves/" + std::to_string(w) + "/network" + p.pointer, p.code, p.message});
    }
  }
  if (!bad.empty()) throw format_error(std::move(bad));
  const gt::wave_times times =
      gt::times_of(k, [&](std::size_t w) -> const std::string& { return timeline.wave(w).date; });

  // Nodes and edges in order of first appearance, wave by wave.
  const std::vector<std::string> ids = timeline.stakeholders();
  std::unordered_map<std::string_view, std::size_t> node_of;
  for (std::size_t i = 0; i < ids.size(); ++i) node_of.emplace(ids[i], i);
  std::vector<gt::element<gt::node_fields.size()>> nodes(ids.size());
  for (auto& n : nodes) n.in.assign(k, 0), n.values.resize(k);
  std::vector<gt::element<gt::edge_fields.size()>> edges;
  std::vector<std::pair<std::size_t, std::size_t>> ends;  // node positions
  std::unordered_map<std::string, std::size_t> edge_of;
  nlohmann::json document = to_document(timeline);
  for (std::size_t w = 0; w < k; ++w) {
    const Wave& wave = timeline.wave(w);
    const Network& net = wave.network;
    const Network::read_guard reading(net);
    std::vector<char> listed(net.num_stakeholders(), 0);
    for (const std::string& id : wave.not_surveyed) listed[net.vertex(id)] = 1;
    bool in_order = true;
    std::size_t previous = 0;
    for (std::size_t v = 0; v < net.num_stakeholders(); ++v) {
      const Stakeholder& s = net.stakeholder_at(v);
      const std::size_t n = node_of.at(s.id);
      in_order = in_order && (v == 0 || n > previous);
      previous = n;
      nodes[n].in[w] = 1;
      nodes[n].values[w] = gt::node_values(s, listed[v]);
    }
    nlohmann::json& order = document["waves"][w]["network"];
    order.erase("stakeholders");
    order.erase("relations");
    nlohmann::json stakeholder_order = nlohmann::json::array(), relation_order = nlohmann::json::array();
    if (!in_order)
      for (const Stakeholder& s : net.stakeholders()) stakeholder_order.push_back(s.id);
    in_order = true;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < net.num_relations(); ++i) {
      const std::size_t u = node_of.at(net.stakeholder_at(net.relation_source(i)).id);
      const std::size_t v = node_of.at(net.stakeholder_at(net.relation_target(i)).id);
      const auto [it, added] = edge_of.emplace(gt::relation_key(ids[u], net.relation_type(i), ids[v]), edges.size());
      if (added) {
        edges.emplace_back();
        edges.back().in.assign(k, 0);
        edges.back().values.resize(k);
        ends.emplace_back(u, v);
      }
      const std::size_t e = it->second;
      in_order = in_order && (positions.empty() || e > positions.back());
      positions.push_back(e);
      edges[e].in[w] = 1;
      edges[e].values[w] = gt::edge_values(net, i);
    }
    if (!in_order)
      for (const std::size_t e : positions) relation_order.push_back("r" + std::to_string(e));
    if (!stakeholder_order.empty() || !relation_order.empty()) {
      nlohmann::json o = nlohmann::json::object();
      if (!stakeholder_order.empty()) o["stakeholders"] = std::move(stakeholder_order);
      if (!relation_order.empty()) o["relations"] = std::move(relation_order);
      document["waves"][w]["order"] = std::move(o);
    }
  }

  std::string out;
  out.reserve(2048 + 300 * nodes.size() + 200 * edges.size());
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
         "  <meta>\n    <creator>coproduction ";
  out += version;
  out += "</creator>\n    <description>";
  xml::append_text(out, xml::xml_safe_json(detail::dump_document(document, -1)));
  out += "</description>\n  </meta>\n  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"";
  out += times.date ? "date" : "integer";
  out += "\" start=\"";
  out += times.at.front();
  out += "\" end=\"";
  out += times.at.back();
  out += "\">\n";
  const gt::plan node_plan = gt::plan_of(nodes, gt::node_fields, gt::node_label, out, "node");
  const gt::plan edge_plan = gt::plan_of(edges, gt::edge_fields, gt::edge_weight, out, "edge");
  const bool label_fixed = gt::is_static(nodes, gt::node_label);
  const bool weight_fixed = gt::is_static(edges, gt::edge_weight);

  out += "    <nodes count=\"";
  xml::append_integer(out, static_cast<long long>(nodes.size()));
  out += "\">\n";
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    out += "      <node";
    xml::append_attribute(out, "id", ids[n]);
    // A changing label is a dynamic attribute; GEXF's own label shows the first one given.
    const gt::value* label = &gt::static_value(nodes[n], gt::node_label);
    for (std::size_t w = 0; !label_fixed && w < k && !*label; ++w)
      if (nodes[n].in[w]) label = &nodes[n].values[w][gt::node_label];
    if (*label) xml::append_attribute(out, "label", **label);
    out += ">\n";
    gt::element_body(out, nodes[n], node_plan, gt::node_fields, times);
    out += "      </node>\n";
  }
  out += "    </nodes>\n    <edges count=\"";
  xml::append_integer(out, static_cast<long long>(edges.size()));
  out += "\">\n";
  for (std::size_t e = 0; e < edges.size(); ++e) {
    out += "      <edge id=\"r";
    xml::append_integer(out, static_cast<long long>(e));
    out += '"';
    xml::append_attribute(out, "source", ids[ends[e].first]);
    xml::append_attribute(out, "target", ids[ends[e].second]);
    xml::append_attribute(out, "kind", *gt::static_value(edges[e], gt::edge_type));
    if (weight_fixed)
      if (const gt::value& w = gt::static_value(edges[e], gt::edge_weight)) xml::append_attribute(out, "weight", *w);
    out += ">\n";
    gt::element_body(out, edges[e], edge_plan, gt::edge_fields, times);
    out += "      </edge>\n";
  }
  out += "    </edges>\n  </graph>\n</gexf>\n";
  return out;
}

/// Writes a timeline as dynamic GEXF 1.3 to a file atomically, keeping the target's
/// permissions (`write_text_file`). Throws what `dump_gexf_timeline` throws (nothing is
/// written then) and `io_error` when the file cannot be written.
inline void write_gexf_timeline(const Timeline& timeline, const std::filesystem::path& path) {
  write_text_file(dump_gexf_timeline(timeline), path);
}

/// Reads a timeline from the dynamic GEXF text `dump_gexf_timeline` writes. The file is
/// treated as hostile, as `read_gexf` treats one: bounded by `limits`, every problem reported
/// with its line, nothing coerced. A spell or value whose `start` or `end` is no wave's time
/// (`format.time`), a spell that ends before it starts, overlaps or follows another out of
/// order, a value outside its element's spells or overlapping another of the same attribute
/// (`format.spell`), and whatever the timeline reader refuses in the waves (placed at the node
/// or edge it came from) are each a problem of the one `format_error` thrown. O(size of the
/// text + waves x elements).
inline Timeline read_gexf_timeline(std::string_view text, const XmlLimits& limits = {}) {
  return detail::gexf_timeline::reader(text, limits).read();
}

/// Reads a timeline from a dynamic GEXF file (read whole, never past `limits.max_bytes`).
/// Throws `io_error` when it cannot be read and what `read_gexf_timeline` throws.
inline Timeline read_gexf_timeline_file(const std::filesystem::path& path, const XmlLimits& limits = {}) {
  return read_gexf_timeline(read_text_file(path, limits.max_bytes), limits);
}

}  // namespace coproduction
