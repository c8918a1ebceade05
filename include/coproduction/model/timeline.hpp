#pragma once
/// \file
/// A timeline: named waves of fieldwork, each a network, with the stakeholders matched across
/// waves by id, and each stakeholder's presence in each wave (DESIGN section 1). What changed
/// between two waves is in model/network_diff.hpp; the document format in
/// io/timeline_json.hpp.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/message_text.hpp"
#include "coproduction/detail/network_store.hpp"
#include "coproduction/detail/timeline_checks.hpp"
#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction {

/// One wave of fieldwork: the partnership as it was observed then.
struct Wave {
  std::string name{};     ///< non-empty, unique in its timeline ("2013", "baseline", ...)
  Network network{};      ///< the partnership in this wave
  /// Stakeholders of this wave whose own ties were not recorded (not interviewed, no
  /// questionnaire back): others named them, so they are in the network, but the relations
  /// they would have reported are missing, not absent. Each is a stakeholder of `network`.
  std::vector<std::string> not_surveyed{};
  std::string date{};  ///< when: an ISO date ("2013-02-14") or free text; empty when not given

  bool operator==(const Wave&) const = default;
};

/// Where a stakeholder of a timeline stands in one wave, against the wave before.
enum class Presence : std::uint8_t {
  present = 0,       ///< in this wave's network and in the previous wave's (or the first wave)
  joined = 1,        ///< in this wave's network, not in the previous wave's (never in the first)
  left = 2,          ///< not in this wave's network, in the previous wave's
  absent = 3,        ///< in neither this wave's network nor the previous wave's
  not_surveyed = 4,  ///< in this wave's `not_surveyed` list (takes precedence over the others)
};

/// "present", "joined", "left", "absent" or "not surveyed".
constexpr std::string_view to_string(Presence p) {
  switch (p) {
    case Presence::present: return "present";
    case Presence::joined: return "joined";
    case Presence::left: return "left";
    case Presence::absent: return "absent";
    default: return "not surveyed";
  }
}

/// The presence of every stakeholder of a timeline in every wave.
struct presence_table {
  std::vector<std::string> ids{};  ///< the timeline's stakeholders, in order of first appearance
  std::size_t waves = 0;
  std::vector<Presence> codes{};   ///< waves x ids, row by row (one row per wave)

  /// The presence of stakeholder `ids[id]` in wave `wave`. No bounds check.
  Presence at(std::size_t wave, std::size_t id) const { return codes[wave * ids.size() + id]; }
  bool operator==(const presence_table&) const = default;
};

/// Named waves of fieldwork in order, each a network. Stakeholders are matched across waves
/// by id: the same id in two waves is the same stakeholder. Every wave is checked when it is
/// added, and a refused wave leaves the timeline unchanged: its name is non-empty and unique,
/// every id of its `not_surveyed` is a stakeholder of its network and listed once, and its
/// network's free values (metadata, attributes) nest shallowly enough to be written inside a
/// timeline document. A timeline needs at least one wave to be written (io/timeline_json.hpp).
///
/// A value type: copying copies every network (each under its read guard). The networks are
/// reachable only as `const`, so no change of one can slip past the checks; const members
/// may be called from any number of threads at once.
class Timeline {
 public:
  Timeline() = default;

  /// A timeline of these waves, in order, with this metadata (null or an object). Throws
  /// `invalid_value` for an empty name (the wave named by its position, `wave 2`), a
  /// `not_surveyed` id that is empty, or free values nested too deeply (field
  /// `network/metadata`, `network/stakeholders/<v>/attributes`, ...), or metadata that is not
  /// an object; `duplicate_id` for a repeated name (field `name`) or an id listed twice in
  /// `not_surveyed` (field `not_surveyed/<k>`); `unknown_id` for a `not_surveyed` id that is
  /// no stakeholder of the wave's network. O(waves + not_surveyed + the free values).
  explicit Timeline(std::vector<Wave> waves, nlohmann::json metadata = nullptr) {
    detail::check_timeline_metadata(metadata);
    metadata_ = std::move(metadata);
    waves_.reserve(waves.size());
    for (Wave& w : waves) add_wave(std::move(w));
  }

  /// Adds a wave at the end, checked as the constructor checks each; a refused wave changes
  /// nothing. Returns the wave as stored.
  const Wave& add_wave(Wave wave) {
    const std::string subject = detail::wave_subject(wave.name, waves_.size());
    const auto refuse = [&](detail::wave_problem kind, const std::string& field,
                            const std::string& message) {
      detail::throw_wave_error(kind, subject, field, message);
    };
    detail::check_wave_name(wave.name, index_, refuse);
    detail::check_not_surveyed(
        wave.not_surveyed, [&](const std::string& id) { return wave.network.contains(id); },
        refuse);
    detail::check_wave_nesting(wave.network, refuse);
    waves_.push_back(std::move(wave));
    try {
      index_.emplace(waves_.back().name, waves_.size() - 1);
    } catch (...) {
      waves_.pop_back();
      throw;
    }
    return waves_.back();
  }

  /// Number of waves.
  std::size_t size() const noexcept { return waves_.size(); }
  bool empty() const noexcept { return waves_.empty(); }

  /// The i-th wave. Throws `std::out_of_range`.
  const Wave& wave(std::size_t i) const {
    if (i >= waves_.size())
      throw std::out_of_range("wave " + std::to_string(i) + " of " + std::to_string(waves_.size()));
    return waves_[i];
  }
  /// The wave with this name. Throws `unknown_id`. O(1).
  const Wave& wave(std::string_view name) const {
    if (const auto i = find(name)) return waves_[*i];
    throw unknown_id(std::string(name), "", "no wave is named " + detail::quote(name));
  }
  /// The position of the wave with this name, or nothing. O(1).
  std::optional<std::size_t> find(std::string_view name) const {
    const auto it = index_.find(name);
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }
  /// All waves, in order.
  const std::vector<Wave>& waves() const noexcept { return waves_; }
  /// The names of the waves, in order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    out.reserve(waves_.size());
    for (const Wave& w : waves_) out.push_back(w.name);
    return out;
  }

  /// Free description of the timeline (study, sites, notes); null or an object.
  const nlohmann::json& metadata() const noexcept { return metadata_; }
  /// Sets the metadata. Throws `invalid_value` unless it is null or an object nesting within
  /// the document, as `Network::set_metadata`.
  void set_metadata(nlohmann::json metadata) {
    detail::check_timeline_metadata(metadata);
    metadata_ = std::move(metadata);
  }

  /// The stakeholders of the timeline: every id of every wave's network, once, in order of
  /// first appearance (wave by wave, each in vertex order). O(total stakeholders).
  std::vector<std::string> stakeholders() const {
    std::vector<std::string> ids;
    detail::string_map<std::size_t> seen;
    for (const Wave& w : waves_)
      for (const Stakeholder& s : w.network.stakeholders())
        if (seen.emplace(s.id, ids.size()).second) ids.push_back(s.id);
    return ids;
  }

  /// The presence of stakeholder `id` in wave `i`: `not_surveyed` when the wave lists it
  /// there; otherwise, from whether this wave's network and the previous wave's have it,
  /// `present` (both, or this one for the first wave), `joined` (this one only), `left` (the
  /// previous one only) or `absent` (neither). Throws `std::out_of_range` for a wave past the
  /// last and `unknown_id` for an id in no wave. O(waves + not_surveyed of the wave).
  Presence presence(std::size_t i, std::string_view id) const {
    const Wave& w = wave(i);
    bool known = false;
    for (const Wave& other : waves_) known = known || other.network.contains(id);
    if (!known)
      throw unknown_id(std::string(id), "", "stakeholder " + detail::quote(id) + " is in no wave");
    for (const std::string& listed : w.not_surveyed)
      if (listed == id) return Presence::not_surveyed;
    return classify(i == 0, w.network.contains(id), i > 0 && waves_[i - 1].network.contains(id));
  }

  /// The presence of every stakeholder of the timeline (`stakeholders()`) in every wave, as
  /// `presence(i, id)` gives it. O(waves x stakeholders of the timeline).
  presence_table presence() const {
    presence_table out;
    out.ids = stakeholders();
    out.waves = waves_.size();
    out.codes.resize(out.waves * out.ids.size());
    // Membership of each id in each wave, found once per wave by walking its network, not
    // looked up waves x ids times.
    detail::string_map<std::size_t> position;
    position.reserve(out.ids.size());
    for (std::size_t k = 0; k < out.ids.size(); ++k) position.emplace(out.ids[k], k);
    std::vector<char> previous(out.ids.size(), 0), current(out.ids.size(), 0);
    for (std::size_t i = 0; i < waves_.size(); ++i) {
      std::fill(current.begin(), current.end(), 0);
      for (const Stakeholder& s : waves_[i].network.stakeholders()) current[position.at(s.id)] = 1;
      for (std::size_t k = 0; k < out.ids.size(); ++k)
        out.codes[i * out.ids.size() + k] = classify(i == 0, current[k], previous[k]);
      for (const std::string& id : waves_[i].not_surveyed)
        out.codes[i * out.ids.size() + position.at(id)] = Presence::not_surveyed;
      std::swap(previous, current);
    }
    return out;
  }

  /// Equal when the waves (names, networks, not_surveyed lists in order, dates) and the
  /// metadata are equal.
  friend bool operator==(const Timeline& a, const Timeline& b) {
    return a.waves_ == b.waves_ && a.metadata_ == b.metadata_;
  }

 private:
  static Presence classify(bool first, bool here, bool before) {
    if (first) return here ? Presence::present : Presence::absent;
    if (here) return before ? Presence::present : Presence::joined;
    return before ? Presence::left : Presence::absent;
  }

  std::vector<Wave> waves_;
  detail::string_map<std::size_t> index_;  // wave name -> position
  nlohmann::json metadata_;
};

}  // namespace coproduction
