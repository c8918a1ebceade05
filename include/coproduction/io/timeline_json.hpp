#pragma once
/// \file
/// The timeline document of the coproduction JSON format, version 1 (`docs/format.md`,
/// "Timelines"): `{"format": "coproduction", "version": 1, "metadata": {...}, "waves": [{"name":
/// ..., "date": ..., "not_surveyed": [...], "network": {...}}]}`, each wave's network a
/// network document without (or with the same) "format" and "version". The format is
/// extended compatibly: every network document stays valid and means the same. The reader
/// reuses the network reader for each wave and reports every problem of every wave at once,
/// each at its JSON pointer from the document's root; the writer is atomic.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/json_reader.hpp"
#include "coproduction/detail/timeline_checks.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/file.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/model/timeline.hpp"

namespace coproduction {

/// The document of a timeline. A wave's date and `not_surveyed` are written only when given,
/// its network as `to_document` writes a network, less "format" and "version" (said once, at
/// the top). Throws `input_error` (`waves`) for a timeline without waves. O(size).
inline nlohmann::json to_document(const Timeline& timeline) {
  if (timeline.empty())
    throw input_error("waves", "a timeline needs at least one wave to be written");
  nlohmann::json j = nlohmann::json::object();
  j["format"] = format_name;
  j["version"] = format_version;
  if (!timeline.metadata().is_null()) j["metadata"] = timeline.metadata();
  auto& waves = j["waves"] = nlohmann::json::array();
  for (const Wave& w : timeline.waves()) {
    nlohmann::json wave = nlohmann::json::object();
    wave["name"] = w.name;
    if (!w.date.empty()) wave["date"] = w.date;
    if (!w.not_surveyed.empty()) wave["not_surveyed"] = w.not_surveyed;
    nlohmann::json net = to_document(w.network);
    net.erase("format");
    net.erase("version");
    wave["network"] = std::move(net);
    waves.push_back(std::move(wave));
  }
  return j;
}

namespace detail {

/// The fields of a network document, which a timeline holds only inside its waves.
inline constexpr std::string_view network_fields[] = {"stakeholders", "relations", "projects",
                                                      "decisions"};

/// Checks "format" and "version" at `reader`'s object, as the network reader does; `required`
/// says whether they must be there. Returns false when they name another format or version,
/// whose fields mean something else and are not read further.
inline bool read_header(ObjectReader& reader, ProblemLog& log, bool required) {
  const std::size_t before = log.size();
  const auto shown = [](const nlohmann::json& v) {
    return v.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
  };
  if (auto f = reader.find("format", required)) {
    if (!f->is_string() || f->get<std::string>() != format_name)
      log.add(reader.at("format"), "format.value", "must be \"coproduction\", not " + shown(*f));
  }
  if (auto v = reader.find("version", required)) {
    if (!v->is_number_integer() || v->get<long long>() < 1)
      log.add(reader.at("version"), "format.value", "must be the integer 1, not " + shown(*v));
    else if (v->get<long long>() != format_version)
      log.add(reader.at("version"), "format.version",
              "version " + std::to_string(v->get<long long>()) +
                  " is newer than this library reads (1)");
  }
  return log.size() == before;
}

/// Reads one wave's network with the network reader, its problems logged at pointers below
/// `at` (`/waves/1/network`). `net` is the wave's network object, taken over. Returns
/// whether the network was read.
inline bool read_wave_network(nlohmann::json net, const std::string& at, ProblemLog& log,
                              Network& out) {
  if (const auto inner = net.find("waves"); inner != net.end()) {
    log.add(at + "/waves", "format.unknown_field",
            "a wave's network holds no waves (a timeline does not nest)");
    net.erase(inner);
  }
  // The header is optional in a wave (said once at the top); the network reader wants one,
  // and checks a given one against the format and version it reads.
  if (!net.contains("format")) net["format"] = format_name;
  if (!net.contains("version")) net["version"] = format_version;
  try {
    out = from_document(net);
    return true;
  } catch (const format_error& e) {
    for (const format_problem& p : e.problems()) log.add(at + p.pointer, p.code, p.message);
  } catch (const model_error& e) {
    log_model_error(log, at, e);
  }
  return false;
}

/// Reads a timeline from a parsed document: `Doc` is `const nlohmann::json&` (each wave's
/// network is copied for the network reader) or `nlohmann::json&` (taken apart: each wave's
/// network is moved out of it).
template <class Doc>
Timeline read_timeline_document(Doc&& doc) {
  constexpr bool owned = !std::is_const_v<std::remove_reference_t<Doc>>;
  ProblemLog log;
  ObjectReader top(doc, "", log);
  if (!top.valid()) throw format_error(std::move(log.problems()));
  // A document of another format or version is not read further (as the network reader).
  if (!read_header(top, log, true)) throw format_error(std::move(log.problems()));

  if (!doc.contains("waves")) {
    for (std::string_view field : network_fields)
      if (doc.contains(std::string(field)))
        throw format_error({{"/waves", "format.document_kind",
                             "this document is a network (it has \"" + std::string(field) +
                                 "\" and no \"waves\"), not a timeline: read it as a network, "
                                 "or make it a wave of a timeline"}});
  }
  for (std::string_view field : network_fields)
    if (top.find(field, false))
      log.add(top.at(field), "format.unknown_field",
              "a timeline holds its networks in its waves, each under \"network\"");

  nlohmann::json metadata;
  top.object("metadata", metadata);
  try {
    check_timeline_metadata(metadata);
  } catch (const model_error& e) {
    log.add("/metadata", e.code(), e.message());
    metadata = nullptr;
  }

  std::vector<Wave> waves;
  if (auto* list = top.find("waves", true)) {
    if (!list->is_array()) {
      top.bad_type("waves", "an array", *list);
    } else if (list->empty()) {
      log.add("/waves", "format.value", "a timeline has at least one wave");
    } else {
      string_map<std::size_t> taken;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto&& item = (*list)[i];
        const std::string at = "/waves/" + std::to_string(i);
        const auto report = [&](wave_problem kind, const std::string& field,
                                const std::string& message) {
          log.add(at + "/" + field, code_of(kind), message);
        };
        ObjectReader r(item, at, log);
        Wave wave;
        bool named = false;
        if (r.valid()) {
          const std::size_t before = log.size();
          r.string("name", wave.name, true);
          named = log.size() == before;  // an unreadable name has its problem already
          if (named) check_wave_name(wave.name, taken, report);
          r.string("date", wave.date);
          if (auto* ids = r.find("not_surveyed", false)) {
            if (!ids->is_array()) {
              r.bad_type("not_surveyed", "an array", *ids);
            } else if (ids->empty()) {
              // An empty list would not survive a round trip (it means the same as none).
              log.add(r.at("not_surveyed"), "format.value", "no ids given: leave it out");
            } else {
              for (std::size_t k = 0; k < ids->size(); ++k) {
                const auto& id = (*ids)[k];
                if (id.is_string()) wave.not_surveyed.push_back(id.template get<std::string>());
                else
                  log.add(r.at("not_surveyed") + "/" + std::to_string(k), "format.type",
                          "must be a string, not " + ObjectReader::type_name(id));
              }
            }
          }
        }
        if (auto* net = r.find("network", true)) {
          if (!net->is_object()) {
            r.bad_type("network", "an object", *net);
          } else {
            // The ids the wave's network lists, whether or not it reads without problems: a
            // `not_surveyed` id is checked against them all the same.
            if (const auto people = net->find("stakeholders");
                people != net->end() && people->is_array()) {
              std::unordered_set<std::string> listed;
              for (const auto& person : *people)
                if (const auto id = person.find("id");
                    person.is_object() && id != person.end() && id->is_string())
                  listed.insert(id->template get<std::string>());
              check_not_surveyed(
                  wave.not_surveyed, [&](const std::string& id) { return listed.count(id) > 0; },
                  report);
            }
            bool read = false;
            if constexpr (owned) {
              // The reader sees the document as const; the caller gave it to be taken apart.
              read = read_wave_network(std::move(doc["waves"][i]["network"]), at + "/network",
                                       log, wave.network);
            } else {
              read = read_wave_network(*net, at + "/network", log, wave.network);
            }
            if (read) check_wave_nesting(wave.network, report);
          }
        }
        r.finish();
        if (named) taken.emplace(wave.name, i);
        waves.push_back(std::move(wave));
      }
    }
  }
  top.finish();
  if (!log.empty()) throw format_error(std::move(log.problems()));
  return Timeline(std::move(waves), std::move(metadata));
}

}  // namespace detail

/// Builds a timeline from a parsed document. Every problem is collected and thrown together
/// as one `format_error`, each at its JSON pointer from the document's root: the header's,
/// the waves' (a missing or repeated name at `/waves/<i>/name`, a `not_surveyed` id that is
/// no stakeholder of the wave at `/waves/<i>/not_surveyed/<k>`), and every problem the network
/// reader finds in each wave's network (`/waves/1/network/relations/3/source`). A network
/// document (no "waves", but network fields) gets one problem, `format.document_kind`, saying
/// it is a network. O(size).
inline Timeline timeline_from_document(const nlohmann::json& doc) {
  return detail::read_timeline_document(doc);
}

/// Reads a timeline from JSON text, under `limits` for the whole document (its size, and the
/// nesting of everything in it, waves and networks included). Throws `format_error` listing
/// every problem (see `timeline_from_document`; a text that is not JSON reports its byte
/// offset) and `input_error` for limits out of range.
inline Timeline read_timeline(std::string_view text, const ReadLimits& limits = {}) {
  nlohmann::json doc = detail::parse_text(text, limits);
  return detail::read_timeline_document(doc);
}

/// Reads a timeline from a file (a regular file or a pipe, read up to `limits.max_bytes`).
/// Throws `io_error` when it cannot be read and `format_error` as `read_timeline` does.
inline Timeline read_timeline_file(const std::filesystem::path& path,
                                   const ReadLimits& limits = {}) {
  detail::check_limits(limits);
  return read_timeline(read_text_file(path, limits.max_bytes), limits);
}

/// The JSON text of a timeline; `indent` < 0 gives one line. Throws `input_error` for a
/// timeline without waves or an `indent` out of range, `format_error` for a string that is
/// not valid UTF-8.
inline std::string dump_timeline(const Timeline& timeline, int indent = 2) {
  return detail::dump_document(to_document(timeline), indent);
}

/// Writes a timeline to a file atomically, keeping the target's permissions (see
/// `write_document`); nothing is written when it throws.
inline void write_timeline(const Timeline& timeline, const std::filesystem::path& path,
                           int indent = 2) {
  write_document(to_document(timeline), path, indent);
}

}  // namespace coproduction
