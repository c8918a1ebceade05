#pragma once
/// \file
/// A network as a Kumu blueprint (docs/formats.md, "Kumu"): the JSON that Kumu (kumu.io)
/// imports as a map. Kumu's documented import format (docs.kumu.io, "JSON / Blueprints") is
/// an object with `elements` and `connections`; an element has a `label`, optionally an `id`
/// (which connections then name in `from` and `to`), a `type` and any fields of its own; a
/// connection has `from`, `to`, a `type`, a `direction` (`directed`, `undirected` or
/// `mutual`) and fields. A Kumu map is shared, so free text (labels, provenance, attributes)
/// stays out unless asked for: it may name people.
///
/// The blueprint is an `nlohmann::ordered_json`, not an `nlohmann::json`: its fields keep the
/// order Kumu's own examples give them (id, label, type, then the rest), which a sorted object
/// would lose; `nlohmann::json(blueprint)` converts it when a sorted value is wanted.

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "coproduction/detail/python_text.hpp"
#include "coproduction/detail/json_reader.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// What a Kumu blueprint shows: a layer of the network (every relation by default) and
/// whether free text is written.
struct kumu_options {
  /// The relations shown (model/layer.hpp); the default is every relation.
  layer relations{};
  /// Keep stakeholders of kind `object` and their relations (they mediate relations and are
  /// part of the map by default, unlike in the measures).
  bool include_objects = true;
  /// Write free text too: each element's label (its id when it has none), the relations'
  /// provenance (reported_by, date, method) and the `attributes` of both, as JSON text. By
  /// default an element is labelled with its id and only ids, kinds, roles, the package's
  /// categories and numbers are written.
  bool show_labels = false;
};

namespace detail::kumu {

/// JSON text of a free value as the Python package writes it (`json.dumps(v,
/// ensure_ascii=False, sort_keys=True)`; `compact`: without spaces after `,` and `:`).
inline std::string python_json_text(const nlohmann::json& v, bool compact = false) {
  std::string out;
  detail::python_json_text(v, out, compact ? "," : ", ", compact ? ":" : ": ");
  return out;
}

}  // namespace detail::kumu

/// The Kumu blueprint of a network: `{"elements": [...], "connections": [...]}`.
///
/// - an element per stakeholder kept (every stakeholder, or every one but objects without
///   `include_objects`), in vertex order: `id` (the stakeholder id), `label` (the id, or the
///   label under `show_labels` when there is one), `type` (its kind: person, group,
///   organisation, object) and those of role, sector, expertise, under_served, paid,
///   convenor, size, influence (a double) that are given; under `show_labels`, `attributes`
///   as JSON text when given;
/// - a connection per relation of the layer, in relation order: `id` (the compact JSON text
///   `["source","type","target"]`, unique and stable, so that importing again updates the map
///   rather than duplicating it), `from` and `to` (stakeholder ids), `type` (the relation
///   type), `direction` `"directed"`, `weight` (a double: 1 where not given, as the measures
///   read it) and `scale` when given; under `show_labels`, those of reported_by, date and
///   method that are given and `attributes` as JSON text when given.
///
/// JSON text of a free value is written as Python's `json.dumps(v, ensure_ascii=False,
/// sort_keys=True)` writes it. Decisions, rights and projects have no place in a Kumu map and
/// are left out. Holds a `read_guard` on `net` while it reads.
///
/// Complexity: O(stakeholders + relations + the free text written). Throws `input_error`
/// ("layer") for a layer type that no relation has, as `edges_of` does;
/// `concurrent_modification` while the network is being changed.
inline nlohmann::ordered_json kumu_blueprint(const Network& net, const kumu_options& options = {}) {
  using detail::kumu::python_json_text;
  const Network::read_guard reading(net);
  const layer_edges kept = edges_of(net, options.relations, options.include_objects);
  nlohmann::ordered_json elements = nlohmann::ordered_json::array();
  for (const auto v : kept.vertices) {
    const Stakeholder& s = net.stakeholder_at(v);
    nlohmann::ordered_json e = nlohmann::ordered_json::object();
    e["id"] = s.id;
    e["label"] = options.show_labels && !s.label.empty() ? s.label : s.id;
    e["type"] = std::string(to_string(s.kind));
    if (!s.role.empty()) e["role"] = s.role;
    if (!s.sector.empty()) e["sector"] = s.sector;
    if (s.expertise) e["expertise"] = std::string(to_string(*s.expertise));
    if (s.under_served) e["under_served"] = *s.under_served;
    if (s.paid) e["paid"] = *s.paid;
    if (s.convenor) e["convenor"] = *s.convenor;
    if (s.size) e["size"] = *s.size;
    if (s.influence) e["influence"] = *s.influence;
    if (options.show_labels && !s.attributes.is_null())
      e["attributes"] = python_json_text(s.attributes);
    elements.push_back(std::move(e));
  }
  nlohmann::ordered_json connections = nlohmann::ordered_json::array();
  for (const auto i : kept.relation) {
    const std::string& source = net.stakeholder_at(net.relation_source(i)).id;
    const std::string& target = net.stakeholder_at(net.relation_target(i)).id;
    const std::string& type = net.relation_type(i);
    nlohmann::ordered_json c = nlohmann::ordered_json::object();
    c["id"] = python_json_text(nlohmann::json::array({source, type, target}), true);
    c["from"] = source;
    c["to"] = target;
    c["type"] = type;
    c["direction"] = "directed";
    c["weight"] = net.relation_strength(i);
    if (const auto scale = net.relation_scale(i)) c["scale"] = std::string(to_string(*scale));
    if (options.show_labels) {
      const Provenance& p = net.relation_provenance(i);
      if (!p.reported_by.empty()) c["reported_by"] = p.reported_by;
      if (!p.date.empty()) c["date"] = p.date;
      if (!p.method.empty()) c["method"] = p.method;
      const nlohmann::json& attributes = net.relation_attributes(i);
      if (!attributes.is_null()) c["attributes"] = python_json_text(attributes);
    }
    connections.push_back(std::move(c));
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["elements"] = std::move(elements);
  out["connections"] = std::move(connections);
  return out;
}

/// The blueprint's JSON text: `indent` spaces per level (-1: one line), UTF-8 as it is, and
/// a final line feed. Throws `input_error` ("indent") for an indent outside
/// -1..`detail::max_indent`, and what `kumu_blueprint` throws. O(size of the text).
inline std::string dump_kumu(const Network& net, const kumu_options& options = {}, int indent = 2) {
  if (indent < -1 || indent > detail::max_indent)
    throw input_error("indent", "must be -1 (one line) or between 0 and " +
                                    std::to_string(detail::max_indent) + ", not " +
                                    std::to_string(indent));
  // Every string comes from the model, which holds UTF-8 only; the replacement is a guard,
  // never taken, against an exception escaping from deep inside the dump.
  return kumu_blueprint(net, options).dump(indent, ' ', false,
                                           nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

/// Writes the blueprint to a file atomically, keeping the target's permissions
/// (`write_text_file`): the old file or the new one, never half of one. Throws what
/// `dump_kumu` throws (nothing is written then) and `io_error` when the file cannot be
/// written (the old file is untouched and nothing is left behind).
inline void write_kumu(const Network& net, const std::filesystem::path& path,
                       const kumu_options& options = {}, int indent = 2) {
  write_text_file(dump_kumu(net, options, indent), path);
}

}  // namespace coproduction
