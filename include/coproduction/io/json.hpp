#pragma once
/// \file
/// The coproduction JSON format, version 1 (`docs/format.md`, schema in
/// `docs/schema/coproduction-1.schema.json`): ADL `to_json` / `from_json` for every model type,
/// a reader that reports every problem with its JSON pointer, and an atomic writer.

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "coproduction/detail/json_reader.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// The format name and the version this library reads and writes.
inline constexpr std::string_view format_name = "coproduction";
inline constexpr int format_version = 1;

// ---------------------------------------------------------------------------------------
// ADL conversions (nlohmann/json's customisation point). `from_json` throws `format_error`
// with pointers relative to the value converted.

inline void to_json(nlohmann::json& j, const Kind& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Expertise& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Scale& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Stage& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const Right& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const RuleKind& v) { j = to_string(v); }
inline void to_json(nlohmann::json& j, const CollaborationType& v) { j = to_string(v); }

inline void to_json(nlohmann::json& j, const Stakeholder& s) {
  j = nlohmann::json::object();
  j["id"] = s.id;
  if (!s.label.empty()) j["label"] = s.label;
  j["kind"] = s.kind;
  if (!s.role.empty()) j["role"] = s.role;
  if (!s.sector.empty()) j["sector"] = s.sector;
  if (s.expertise) j["expertise"] = *s.expertise;
  if (s.under_served) j["under_served"] = *s.under_served;
  if (s.paid) j["paid"] = *s.paid;
  if (s.convenor) j["convenor"] = *s.convenor;
  if (s.size) j["size"] = *s.size;
  if (s.influence) j["influence"] = detail::number_value(*s.influence);
  if (!s.attributes.is_null()) j["attributes"] = s.attributes;
}

inline void to_json(nlohmann::json& j, const Relation& r) {
  j = nlohmann::json::object();
  j["source"] = r.source;
  j["target"] = r.target;
  j["type"] = r.type;
  if (r.weight) j["weight"] = detail::number_value(*r.weight);
  if (r.scale) j["scale"] = *r.scale;
  if (!r.provenance.empty()) {
    auto& p = j["provenance"] = nlohmann::json::object();
    if (!r.provenance.reported_by.empty()) p["reported_by"] = r.provenance.reported_by;
    if (!r.provenance.date.empty()) p["date"] = r.provenance.date;
    if (!r.provenance.method.empty()) p["method"] = r.provenance.method;
  }
  if (!r.attributes.is_null()) j["attributes"] = r.attributes;
}

inline void to_json(nlohmann::json& j, const Project& p) {
  j = nlohmann::json::object();
  j["id"] = p.id;
  if (!p.label.empty()) j["label"] = p.label;
  if (p.claimed) j["claimed"] = *p.claimed;
  if (!p.attributes.is_null()) j["attributes"] = p.attributes;
}

inline void to_json(nlohmann::json& j, const DecisionRule& rule) {
  j = nlohmann::json::object();
  j["kind"] = rule.kind;
  if (!rule.votes.empty()) j["votes"] = rule.votes;
  if (rule.quota) j["quota"] = detail::number_value(*rule.quota);
  if (!rule.veto.empty()) j["veto"] = rule.veto;
}

inline void to_json(nlohmann::json& j, const Decision& d) {
  j = nlohmann::json::object();
  j["id"] = d.id;
  if (!d.label.empty()) j["label"] = d.label;
  j["project"] = d.project;
  j["stage"] = d.stage;
  auto& rights = j["rights"] = nlohmann::json::object();
  for (const auto& [id, right] : d.rights) rights[id] = right;
  j["rule"] = d.rule;
  if (d.weight) j["weight"] = detail::number_value(*d.weight);
  if (!d.attributes.is_null()) j["attributes"] = d.attributes;
}

namespace detail {
template <class T, class Read>
void convert(const nlohmann::json& j, T& out, Read read) {
  ProblemLog log;
  T value = read(j, std::string{}, log);
  if (!log.empty()) throw format_error(std::move(log.problems()));
  out = std::move(value);
}
}  // namespace detail

inline void from_json(const nlohmann::json& j, Stakeholder& s) {
  detail::convert(j, s, detail::read_stakeholder);
}
inline void from_json(const nlohmann::json& j, Relation& r) {
  detail::convert(j, r, detail::read_relation);
}
inline void from_json(const nlohmann::json& j, Project& p) {
  detail::convert(j, p, detail::read_project);
}
inline void from_json(const nlohmann::json& j, Decision& d) {
  detail::convert(j, d, detail::read_decision);
}

/// The document of a network: `{"format": "coproduction", "version": 1, ...}`.
inline nlohmann::json to_document(const Network& net) {
  nlohmann::json j = nlohmann::json::object();
  j["format"] = format_name;
  j["version"] = format_version;
  if (!net.metadata().is_null()) j["metadata"] = net.metadata();
  auto& stakeholders = j["stakeholders"] = nlohmann::json::array();
  for (std::size_t v = 0; v < net.num_stakeholders(); ++v)
    stakeholders.push_back(net.stakeholder_at(v));
  auto& relations = j["relations"] = nlohmann::json::array();
  for (std::size_t i = 0; i < net.num_relations(); ++i) relations.push_back(net.relation_at(i));
  j["projects"] = net.projects();
  j["decisions"] = net.decisions();
  return j;
}

/// Builds a network from a parsed document. Every problem is collected (wrong types, unknown
/// fields, values out of their vocabulary, and every model rule: unknown or duplicate ids,
/// bad weights, quotas, rules) and thrown together as one `format_error`, each problem with
/// its JSON pointer, e.g. `/relations/3/target: unknown stakeholder "nhs"`. O(size).
inline Network from_document(const nlohmann::json& doc) {
  using detail::ObjectReader;
  detail::ProblemLog log;
  Network net;
  ObjectReader top(doc, "", log);
  if (!top.valid()) throw format_error(std::move(log.problems()));

  if (auto f = top.find("format", true)) {
    if (!f->is_string() || f->get<std::string>() != format_name)
      log.add("/format", "format.value",
              "must be \"coproduction\", not " +
                  f->dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
  }
  if (auto v = top.find("version", true)) {
    if (!v->is_number_integer() || v->get<long long>() < 1)
      log.add("/version", "format.value", "must be the integer 1, not " +
                  v->dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    else if (v->get<long long>() != format_version)
      log.add("/version", "format.version",
              "version " + std::to_string(v->get<long long>()) + " is newer than this library reads (1)");
  }
  // A document of another format or version is not read further: its fields mean
  // something else, and listing them as problems would bury the real one.
  if (!log.empty()) throw format_error(std::move(log.problems()));
  // A timeline (io/timeline_json.hpp) holds its networks in waves: say so, rather than list
  // "waves" as unknown and every network field as missing.
  if (doc.contains("waves"))
    throw format_error({{"/waves", "format.document_kind",
                         "this document is a timeline (it has \"waves\"), not a network: read "
                         "it as a timeline, or read one wave's network"}});

  nlohmann::json metadata;
  top.object("metadata", metadata);
  if (!metadata.is_null()) net.set_metadata(metadata);

  auto each = [&](const char* key, auto&& read_and_add) {
    if (auto arr = top.find(key, true)) {
      if (!arr->is_array()) return top.bad_type(key, "an array", *arr);
      for (std::size_t i = 0; i < arr->size(); ++i)
        read_and_add((*arr)[i], std::string("/") + key + "/" + std::to_string(i));
    }
  };

  // A stakeholder or project with a bad field is still inserted without it, so references
  // to its id elsewhere in the document do not add a cascade of "unknown id" problems.
  each("stakeholders", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Stakeholder s = detail::read_stakeholder(j, ptr, log);
    if (s.id.empty()) return;
    if (log.size() != before) s = Stakeholder{.id = s.id, .kind = s.kind};
    try {
      net.add_stakeholder(s);
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
      if (e.field() != "id") net.add_stakeholder(Stakeholder{.id = s.id, .kind = s.kind});
    }
  });
  each("relations", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Relation r = detail::read_relation(j, ptr, log);
    if (log.size() != before) return;
    try {
      net.add_relation(std::move(r));
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
    }
  });
  each("projects", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Project p = detail::read_project(j, ptr, log);
    if (p.id.empty()) return;
    if (log.size() != before) p = Project{.id = p.id};
    try {
      net.add_project(p);
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
      if (e.field() != "id") net.add_project(Project{.id = p.id});
    }
  });
  each("decisions", [&](const nlohmann::json& j, const std::string& ptr) {
    std::size_t before = log.size();
    Decision d = detail::read_decision(j, ptr, log);
    if (log.size() != before) return;
    try {
      net.add_decision(std::move(d));
    } catch (const model_error& e) {
      detail::log_model_error(log, ptr, e);
    }
  });
  top.finish();
  if (!log.empty()) throw format_error(std::move(log.problems()));
  return net;
}

/// Reads a network from JSON text. Throws `format_error` listing every problem: a text that
/// is not JSON reports its byte offset; a document over `limits`, with a duplicate key, or
/// breaking a rule of the format or the model reports each place by JSON pointer.
inline Network read_json(std::string_view text, const ReadLimits& limits = {}) {
  return from_document(detail::parse_text(text, limits));
}

/// Reads a network from a file (a regular file, or a pipe such as `/dev/stdin`, read up to
/// `limits.max_bytes`). Throws `io_error` when it cannot be read (naming the path and the
/// system's reason: missing, a directory, no permission) and `format_error` as `read_json`
/// does.
inline Network read_json_file(const std::filesystem::path& path, const ReadLimits& limits = {}) {
  detail::check_limits(limits);
  return read_json(read_text_file(path, limits.max_bytes), limits);
}


/// The JSON text of a network; `indent` < 0 gives one line. Throws `format_error` if a
/// string is not valid UTF-8.
inline std::string dump_json(const Network& net, int indent = 2) {
  return detail::dump_document(to_document(net), indent);
}


/// Writes a JSON document to a file atomically, keeping the target's permissions (see
/// `write_text_file`). Throws `input_error` for an `indent` outside -1..`max_indent`,
/// `format_error` for a string that is not UTF-8 (nothing is written) and `io_error` when the
/// file cannot be written (the old file is untouched and nothing is left behind).
inline void write_document(const nlohmann::json& doc, const std::filesystem::path& path,
                           int indent = 2) {
  write_text_file(detail::dump_document(doc, indent), path);
}

/// Writes a network to a file atomically (see `write_document`).
inline void write_json(const Network& net, const std::filesystem::path& path, int indent = 2) {
  write_document(to_document(net), path, indent);
}

}  // namespace coproduction
