#pragma once
/// \file
/// The rules of a timeline's waves (model/timeline.hpp), written once and used twice: the
/// timeline throws on the first problem, the reader of a timeline document
/// (io/timeline_json.hpp) logs every problem at its JSON pointer. Users include
/// model/timeline.hpp.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/network_store.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::detail {

/// What kind of rule a wave breaks: the model error it becomes.
enum class wave_problem { invalid_value, duplicate_id, unknown_id };

/// The code of a wave problem, as `model_error::code()` spells it.
inline std::string code_of(wave_problem p) {
  switch (p) {
    case wave_problem::duplicate_id: return "model.duplicate_id";
    case wave_problem::unknown_id: return "model.unknown_id";
    default: return "model.invalid_value";
  }
}

/// Throws the model error of a wave problem (`invalid_value`, `duplicate_id` or
/// `unknown_id`); `where` names the wave.
[[noreturn]] inline void throw_wave_error(wave_problem p, std::string where, std::string field,
                                          std::string message) {
  switch (p) {
    case wave_problem::duplicate_id:
      throw duplicate_id(std::move(where), std::move(field), std::move(message));
    case wave_problem::unknown_id:
      throw unknown_id(std::move(where), std::move(field), std::move(message));
    default: throw invalid_value(std::move(where), std::move(field), std::move(message));
  }
}

/// How a wave is named in a model error: its name, or its position when it has none.
inline std::string wave_subject(std::string_view name, std::size_t position) {
  return name.empty() ? "wave " + std::to_string(position) : std::string(name);
}

/// Levels a wave's network sits below the top of a timeline document (document > waves >
/// wave > network): the network's free values sit this much deeper than in a network
/// document of their own.
inline constexpr std::size_t wave_network_offset = 3;

/// Checks a wave's name: non-empty, not in `taken`. Each problem goes to `report(kind,
/// field, message)` with the field `name`. O(name).
template <class Report>
void check_wave_name(std::string_view name, const string_map<std::size_t>& taken,
                     Report report) {
  if (name.empty()) report(wave_problem::invalid_value, "name", "a wave needs a name");
  else if (taken.find(name) != taken.end())
    report(wave_problem::duplicate_id, "name", "wave " + quote(name) + " already exists");
}

/// Checks a wave's `not_surveyed` ids: each non-empty, listed once and a stakeholder of the
/// wave (`is_stakeholder(id)`), reported at the field `not_surveyed/<k>`. O(not_surveyed).
template <class IsStakeholder, class Report>
void check_not_surveyed(const std::vector<std::string>& not_surveyed,
                        IsStakeholder is_stakeholder, Report report) {
  std::unordered_set<std::string_view> listed;
  for (std::size_t k = 0; k < not_surveyed.size(); ++k) {
    const std::string field = "not_surveyed/" + std::to_string(k);
    const std::string& id = not_surveyed[k];
    if (id.empty()) report(wave_problem::invalid_value, field, "must not be empty");
    else if (!listed.insert(id).second)
      report(wave_problem::duplicate_id, field, quote(id) + " is listed twice");
    else if (!is_stakeholder(id))
      report(wave_problem::unknown_id, field,
             "unknown stakeholder " + quote(id) +
                 ": not in this wave's network (a stakeholder not surveyed is still in the "
                 "wave, named by others)");
  }
}

/// Checks that a wave's network's metadata and attributes nest shallowly enough to be
/// written inside a timeline document within `max_nesting`, reported at the field
/// `network/metadata`, `network/stakeholders/<v>/attributes`, ... O(the free values).
template <class Report>
void check_wave_nesting(const Network& network, Report report) {
  const Network* net = &network;

  // A network's own checks keep its free values within a network document; inside a
  // timeline they sit `wave_network_offset` levels deeper.
  const auto deep = [&](const nlohmann::json& value, std::size_t level) {
    return !value.is_null() && !fits_nesting(value, level + wave_network_offset);
  };
  const auto too_deep = [&](const std::string& field, std::size_t level) {
    report(wave_problem::invalid_value, field,
           "nests deeper than " + std::to_string(max_nesting - level - wave_network_offset + 1) +
               " levels, too deep for a timeline document (at most " +
               std::to_string(max_nesting) + " levels in all)");
  };
  if (deep(net->metadata(), metadata_level)) too_deep("network/metadata", metadata_level);
  for (std::size_t v = 0; v < net->num_stakeholders(); ++v)
    if (deep(net->stakeholder_at(v).attributes, attributes_level))
      too_deep("network/stakeholders/" + std::to_string(v) + "/attributes", attributes_level);
  for (std::size_t i = 0; i < net->num_relations(); ++i)
    if (deep(net->relation_attributes(i), attributes_level))
      too_deep("network/relations/" + std::to_string(i) + "/attributes", attributes_level);
  for (std::size_t i = 0; i < net->num_projects(); ++i)
    if (deep(net->projects()[i].attributes, attributes_level))
      too_deep("network/projects/" + std::to_string(i) + "/attributes", attributes_level);
  for (std::size_t i = 0; i < net->num_decisions(); ++i)
    if (deep(net->decisions()[i].attributes, attributes_level))
      too_deep("network/decisions/" + std::to_string(i) + "/attributes", attributes_level);
}

/// Checks a timeline's metadata as `Network::set_metadata` checks a network's: null or an
/// object, nesting within the document. Throws `invalid_value`.
inline void check_timeline_metadata(const nlohmann::json& metadata) {
  if (!metadata.is_null() && !metadata.is_object())
    throw invalid_value("metadata", "", "metadata must be an object");
  if (!metadata.is_null() && !fits_nesting(metadata, metadata_level))
    throw invalid_value("metadata", "",
                        "metadata nests deeper than " +
                            std::to_string(max_nesting - metadata_level + 1) + " levels");
}

}  // namespace coproduction::detail
