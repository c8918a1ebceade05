#pragma once
/// \file
/// What the dynamic GEXF of a timeline (io/gexf_timeline.hpp) writes for each stakeholder and
/// relation: its fields as GEXF attribute values, as text, one per wave; and the time each
/// wave stands at. Shared by the writer and the reader (detail/gexf_timeline_reader.hpp).

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "coproduction/detail/xml_writer.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/timeline.hpp"

namespace coproduction::detail::gexf_timeline {

/// A field's GEXF attribute type.
enum class kind_of_value { string, boolean, long_integer, floating, json };

struct field_spec {
  std::string_view name;
  kind_of_value type;
};

/// A stakeholder's fields, in the order they are written. `label` is GEXF's own node label
/// while it does not change; `not_surveyed` is true in the waves whose `not_surveyed` lists
/// the stakeholder; `attributes` is the JSON text of the free attributes.
inline constexpr std::array<field_spec, 12> node_fields{{
    {"label", kind_of_value::string},         {"kind", kind_of_value::string},
    {"role", kind_of_value::string},          {"sector", kind_of_value::string},
    {"expertise", kind_of_value::string},     {"under_served", kind_of_value::boolean},
    {"paid", kind_of_value::boolean},         {"convenor", kind_of_value::boolean},
    {"size", kind_of_value::long_integer},    {"influence", kind_of_value::floating},
    {"attributes", kind_of_value::json},      {"not_surveyed", kind_of_value::boolean},
}};
inline constexpr std::size_t node_label = 0, node_not_surveyed = 11;

/// A relation's fields. `type` never changes (it is part of what makes a relation the same
/// in two waves) and is also GEXF 1.3's edge `kind`; `weight` is GEXF's own edge weight while
/// it does not change.
inline constexpr std::array<field_spec, 7> edge_fields{{
    {"type", kind_of_value::string},        {"weight", kind_of_value::floating},
    {"scale", kind_of_value::string},       {"reported_by", kind_of_value::string},
    {"date", kind_of_value::string},        {"method", kind_of_value::string},
    {"attributes", kind_of_value::json},
}};
inline constexpr std::size_t edge_type = 0, edge_weight = 1;

/// The GEXF attribute type a field is declared with.
inline std::string_view gexf_type(kind_of_value t) {
  switch (t) {
    case kind_of_value::boolean: return "boolean";
    case kind_of_value::long_integer: return "long";
    case kind_of_value::floating: return "double";
    default: return "string";
  }
}

using value = std::optional<std::string>;

inline std::string json_text(const nlohmann::json& v) {
  return xml::xml_safe_json(v.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict));
}

/// The text of each field of a stakeholder, as `node_fields` orders them; nothing where the
/// field is not given.
inline std::array<value, node_fields.size()> node_values(const Stakeholder& s, bool not_surveyed) {
  const auto word = [](std::string_view w) { return value(std::string(w)); };
  const auto text = [](const std::string& t) { return t.empty() ? value() : value(t); };
  const auto flag = [](const std::optional<bool>& b) {
    return b ? value(*b ? "true" : "false") : value();
  };
  std::array<value, node_fields.size()> out;
  out[0] = text(s.label);
  out[1] = word(to_string(s.kind));
  out[2] = text(s.role);
  out[3] = text(s.sector);
  if (s.expertise) out[4] = word(to_string(*s.expertise));
  out[5] = flag(s.under_served);
  out[6] = flag(s.paid);
  out[7] = flag(s.convenor);
  if (s.size) out[8] = std::to_string(*s.size);
  if (s.influence) {
    std::string d;
    xml::append_double(d, *s.influence);
    out[9] = std::move(d);
  }
  if (!s.attributes.is_null()) out[10] = json_text(s.attributes);
  if (not_surveyed) out[11] = "true";
  return out;
}

/// The text of each field of relation `i` of `net`, as `edge_fields` orders them.
inline std::array<value, edge_fields.size()> edge_values(const Network& net, std::size_t i) {
  std::array<value, edge_fields.size()> out;
  out[0] = net.relation_type(i);
  if (const auto w = net.relation_weight(i)) {
    std::string d;
    xml::append_double(d, *w);
    out[1] = std::move(d);
  }
  if (const auto sc = net.relation_scale(i)) out[2] = std::string(to_string(*sc));
  const Provenance& p = net.relation_provenance(i);
  if (!p.reported_by.empty()) out[3] = p.reported_by;
  if (!p.date.empty()) out[4] = p.date;
  if (!p.method.empty()) out[5] = p.method;
  if (!net.relation_attributes(i).is_null()) out[6] = json_text(net.relation_attributes(i));
  return out;
}

/// True for a calendar date `YYYY-MM-DD` (the day within its month, 29 February in leap
/// years only): the dates GEXF's `timeformat="date"` (xsd:date) holds, and that sort as text
/// in time order.
inline bool iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  const int year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  const int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  if (month < 1 || month > 12 || day < 1) return false;
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

/// The time each wave stands at: its date when every wave has an ISO date and the dates
/// increase strictly (`date` is true then); otherwise its ordinal, 1 for the first wave to k
/// for the last (`timeformat="integer"`).
struct wave_times {
  bool date = false;
  std::vector<std::string> at;
};

template <class DateOf>
wave_times times_of(std::size_t waves, DateOf date_of) {
  wave_times out;
  out.date = waves > 0;
  for (std::size_t i = 0; i < waves && out.date; ++i) {
    const std::string d(date_of(i));
    out.date = iso_date(d) && (i == 0 || std::string(date_of(i - 1)) < d);
  }
  for (std::size_t i = 0; i < waves; ++i)
    out.at.push_back(out.date ? std::string(date_of(i)) : std::to_string(i + 1));
  return out;
}

}  // namespace coproduction::detail::gexf_timeline
