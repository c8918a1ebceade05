// Python bindings of the model: include/coproduction/model/network.hpp (`_core.Network`, built
// stakeholder by stakeholder, with its read guard as `_core.NetworkReading`), its editing
// (model/editing.hpp: `remove_*` returning a dict of what went, `update_*` taking a dict of
// the fields that change), model/layer.hpp
// (`Network.layer_edges`) and the nesting ceiling of model/nesting.hpp (`_core.MAX_NESTING`).
// The formats of the network, JSON and frames, are bound onto the same class in register_io.cpp.

#include <cstdint>
#include <map>
#include <tuple>
#include <unordered_map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
#include "coproduction/model/editing.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/nesting.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/vocabulary.hpp"
#include "json_value.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// `_core.Network.reading()`: a read guard for a `with` block, taken on entry and let go on
// exit (or when collected, if the block never ended).
struct NetworkReading {
  const Network& net;
  std::optional<Network::read_guard> guard;
};

template <class E>
std::optional<E> optional_word(const std::optional<std::string>& text, const std::string& subject,
                               const std::string& field) {
  if (!text) return std::nullopt;
  return parse_or_throw<E>(*text, subject, field);
}

nlohmann::json attributes_from(const py::object& o, const std::string& subject) {
  if (o.is_none()) return nullptr;
  if (py::isinstance<py::dict>(o)) return from_python(o, subject + "/attributes");
  if (py::isinstance(o, py::module_::import("collections.abc").attr("Mapping")))
    return from_python(py::dict(o), subject + "/attributes");
  throw invalid_value(subject, "attributes", "attributes must be a dict");
}

Stakeholder make_stakeholder(const std::string& id, const std::optional<std::string>& label,
                             const std::string& kind, const std::optional<std::string>& role,
                             const std::optional<std::string>& sector,
                             const std::optional<std::string>& expertise,
                             std::optional<bool> under_served, std::optional<bool> paid,
                             std::optional<bool> convenor, std::optional<long long> size,
                             std::optional<double> influence, const py::object& attributes) {
  Stakeholder s;
  s.id = id;
  s.label = label.value_or("");
  s.kind = parse_or_throw<Kind>(kind, id, "kind");
  s.role = role.value_or("");
  s.sector = sector.value_or("");
  s.expertise = optional_word<Expertise>(expertise, id, "expertise");
  s.under_served = under_served;
  s.paid = paid;
  s.convenor = convenor;
  s.size = size;
  s.influence = influence;
  s.attributes = attributes_from(attributes, id);
  return s;
}

Relation make_relation(const std::string& source, const std::string& target,
                       const std::string& type, std::optional<double> weight,
                       const std::optional<std::string>& scale,
                       const std::optional<std::string>& reported_by,
                       const std::optional<std::string>& date,
                       const std::optional<std::string>& method, const py::object& attributes) {
  Relation r;
  r.source = source;
  r.target = target;
  r.type = type;
  r.weight = weight;
  const std::string name = source + "->" + target + " (" + type + ")";
  r.scale = optional_word<Scale>(scale, name, "scale");
  r.provenance = {reported_by.value_or(""), date.value_or(""), method.value_or("")};
  r.attributes = attributes_from(attributes, name);
  return r;
}

Decision make_decision(const std::string& id, const std::string& project, const std::string& stage,
                       const std::map<std::string, std::string>& rights, const std::string& rule,
                       const std::optional<std::string>& label,
                       const std::map<std::string, long long>& votes, std::optional<double> quota,
                       const std::vector<std::string>& veto, std::optional<double> weight,
                       const py::object& attributes) {
  Decision d;
  d.id = id;
  d.label = label.value_or("");
  d.project = project;
  d.stage = parse_or_throw<Stage>(stage, id, "stage");
  for (const auto& [who, right] : rights)
    d.rights.emplace(who, parse_or_throw<Right>(right, id, "rights/" + detail::pointer_token(who)));
  d.rule.kind = parse_or_throw<RuleKind>(rule, id, "rule/kind");
  d.rule.votes = votes;
  d.rule.quota = quota;
  d.rule.veto = veto;
  d.weight = weight;
  d.attributes = attributes_from(attributes, id);
  return d;
}

// -- editing --------------------------------------------------------------------------------

// What a removal took out, as the Python layer reads it: ids, relations as (source, target,
// type), rights as (decision, stakeholder, right, votes or None, veto).
py::dict removal_dict(const removal& out) {
  py::list relations, rights;
  for (const Relation& r : out.relations) relations.append(py::make_tuple(r.source, r.target, r.type));
  for (const removed_right& r : out.rights)
    rights.append(py::make_tuple(r.decision, r.stakeholder, std::string(to_string(r.right)),
                                 r.votes ? py::object(py::int_(*r.votes)) : py::object(py::none()),
                                 r.veto));
  py::dict d;
  d["stakeholders"] = out.stakeholders;
  d["relations"] = relations;
  d["projects"] = out.projects;
  d["decisions"] = out.decisions;
  d["rights"] = rights;
  return d;
}

// One field of an update's changes, converted as the `add_*` bindings convert their
// arguments; a value of the wrong type is a TypeError naming the field, as there.
template <class T>
T field_value(const py::handle& value, const std::string& subject, const std::string& field) {
  if (value.is_none())
    throw py::type_error(subject + ": " + field + " cannot be None: it is required");
  try {
    return value.cast<T>();
  } catch (const py::cast_error&) {
    throw py::type_error(subject + ": " + field + ": not a value of this field (" +
                         std::string(py::str(py::type::handle_of(value).attr("__name__"))) + ")");
  }
}
template <class T>
std::optional<T> optional_value(const py::handle& value, const std::string& subject,
                                const std::string& field) {
  if (value.is_none()) return std::nullopt;
  return field_value<T>(value, subject, field);
}
// A text field where None means "not given": the empty string.
std::string text_value(const py::handle& value, const std::string& subject,
                       const std::string& field) {
  return value.is_none() ? std::string() : field_value<std::string>(value, subject, field);
}
template <class E>
std::optional<E> optional_word_value(const py::handle& value, const std::string& subject,
                                     const std::string& field) {
  return optional_word<E>(optional_value<std::string>(value, subject, field), subject, field);
}

[[noreturn]] void unknown_field(const std::string& subject, const std::string& field) {
  throw input_error("changes", subject + ": " + detail::quote(field) + " is not a field");
}

// The changes given for a stakeholder, applied to a copy of it (None clears an optional field).
void change_stakeholder(Stakeholder& s, const py::dict& changes) {
  const std::string id = s.id;
  for (const auto& [key, value] : changes) {
    const std::string field = py::cast<std::string>(key);
    if (field == "id") s.id = field_value<std::string>(value, id, field);
    else if (field == "label") s.label = text_value(value, id, field);
    else if (field == "kind") s.kind = parse_or_throw<Kind>(field_value<std::string>(value, id, field), id, field);
    else if (field == "role") s.role = text_value(value, id, field);
    else if (field == "sector") s.sector = text_value(value, id, field);
    else if (field == "expertise") s.expertise = optional_word_value<Expertise>(value, id, field);
    else if (field == "under_served") s.under_served = optional_value<bool>(value, id, field);
    else if (field == "paid") s.paid = optional_value<bool>(value, id, field);
    else if (field == "convenor") s.convenor = optional_value<bool>(value, id, field);
    else if (field == "size") s.size = optional_value<long long>(value, id, field);
    else if (field == "influence") s.influence = optional_value<double>(value, id, field);
    else if (field == "attributes") s.attributes = attributes_from(py::reinterpret_borrow<py::object>(value), id);
    else unknown_field(id, field);
  }
}

void change_relation(Relation& r, const py::dict& changes) {
  const std::string name = detail::relation_name(r);
  for (const auto& [key, value] : changes) {
    const std::string field = py::cast<std::string>(key);
    if (field == "source") r.source = field_value<std::string>(value, name, field);
    else if (field == "target") r.target = field_value<std::string>(value, name, field);
    else if (field == "type") r.type = field_value<std::string>(value, name, field);
    else if (field == "weight") r.weight = optional_value<double>(value, name, field);
    else if (field == "scale") r.scale = optional_word_value<Scale>(value, name, field);
    else if (field == "reported_by") r.provenance.reported_by = text_value(value, name, field);
    else if (field == "date") r.provenance.date = text_value(value, name, field);
    else if (field == "method") r.provenance.method = text_value(value, name, field);
    else if (field == "attributes") r.attributes = attributes_from(py::reinterpret_borrow<py::object>(value), name);
    else unknown_field(name, field);
  }
}

void change_project(Project& p, const py::dict& changes) {
  const std::string id = p.id;
  for (const auto& [key, value] : changes) {
    const std::string field = py::cast<std::string>(key);
    if (field == "id") p.id = field_value<std::string>(value, id, field);
    else if (field == "label") p.label = text_value(value, id, field);
    else if (field == "claimed") p.claimed = optional_word_value<CollaborationType>(value, id, field);
    else if (field == "attributes") p.attributes = attributes_from(py::reinterpret_borrow<py::object>(value), id);
    else unknown_field(id, field);
  }
}

// `rule` is the rule's kind; `votes`, `quota` and `veto` its parts, each replaced whole.
void change_decision(Decision& d, const py::dict& changes) {
  const std::string id = d.id;
  for (const auto& [key, value] : changes) {
    const std::string field = py::cast<std::string>(key);
    if (field == "id") d.id = field_value<std::string>(value, id, field);
    else if (field == "label") d.label = text_value(value, id, field);
    else if (field == "project") d.project = field_value<std::string>(value, id, field);
    else if (field == "stage") d.stage = parse_or_throw<Stage>(field_value<std::string>(value, id, field), id, field);
    else if (field == "rights") {
      std::map<std::string, Right> rights;
      for (const auto& [who, right] : field_value<std::map<std::string, std::string>>(value, id, field))
        rights.emplace(who, parse_or_throw<Right>(right, id, "rights/" + detail::pointer_token(who)));
      d.rights = std::move(rights);
    } else if (field == "rule") {
      d.rule.kind = parse_or_throw<RuleKind>(field_value<std::string>(value, id, field), id, "rule/kind");
    } else if (field == "votes") {
      d.rule.votes = value.is_none() ? std::map<std::string, long long>{}
                                     : field_value<std::map<std::string, long long>>(value, id, "rule/votes");
    } else if (field == "quota") {
      d.rule.quota = optional_value<double>(value, id, "rule/quota");
    } else if (field == "veto") {
      d.rule.veto = value.is_none() ? std::vector<std::string>{}
                                    : field_value<std::vector<std::string>>(value, id, "rule/veto");
    } else if (field == "weight") d.weight = optional_value<double>(value, id, field);
    else if (field == "attributes") d.attributes = attributes_from(py::reinterpret_borrow<py::object>(value), id);
    else unknown_field(id, field);
  }
}

using relation_key = std::tuple<std::string, std::string, std::string>;

// The positions of the relations named by (source, target, type), found in one pass over the
// relations; a key naming no relation is an unknown_id, as `remove_relation` throws.
std::vector<std::size_t> positions_of(const Network& net, const std::vector<relation_key>& keys,
                                      std::vector<std::size_t> positions) {
  if (keys.empty()) return positions;
  if (keys.size() == 1) {
    const auto& [s, t, type] = keys.front();
    const auto i = net.find_relation(s, t, type);
    if (!i) {
      const std::string name = s + "->" + t + " (" + type + ")";
      throw unknown_id(name, "", "no relation " + name);
    }
    positions.push_back(*i);
    return positions;
  }
  std::map<relation_key, std::size_t> found;
  for (const auto& key : keys) found.emplace(key, net.num_relations());
  for (std::size_t i = 0; i < net.num_relations(); ++i) {
    const auto it = found.find(relation_key{net.stakeholder_at(net.relation_source(i)).id,
                                            net.stakeholder_at(net.relation_target(i)).id,
                                            net.relation_type(i)});
    if (it != found.end()) it->second = i;
  }
  for (const auto& key : keys) {
    const std::size_t i = found.at(key);
    if (i == net.num_relations()) {
      const std::string name = std::get<0>(key) + "->" + std::get<1>(key) + " (" + std::get<2>(key) + ")";
      throw unknown_id(name, "", "no relation " + name);
    }
    positions.push_back(i);
  }
  return positions;
}

void register_editing(py::class_<Network>& cls) {
  // Each call converts its arguments, then edits under the network's write guard; the GIL is
  // held throughout, as for the inserts (an edit is short, and the update's changes are read
  // from Python objects while the guard is held).
  cls.def(
         "remove_stakeholder",
         [](Network& net, const std::string& id, bool cascade) {
           return removal_dict(net.remove_stakeholder(id, cascade));
         },
         py::arg("id"), py::kw_only(), py::arg("cascade") = false)
      .def(
          "remove_stakeholders",
          [](Network& net, const std::vector<std::string>& ids, bool cascade) {
            return removal_dict(net.remove_stakeholders(ids, cascade));
          },
          py::arg("ids"), py::kw_only(), py::arg("cascade") = false)
      .def(
          "remove_relation",
          [](Network& net, std::size_t position) { return removal_dict(net.remove_relation(position)); },
          py::arg("position"))
      .def(
          "remove_relation",
          [](Network& net, const std::string& source, const std::string& target,
             const std::string& type) { return removal_dict(net.remove_relation(source, target, type)); },
          py::arg("source"), py::arg("target"), py::arg("type"))
      .def(
          "remove_relations",
          [](Network& net, const std::vector<std::size_t>& positions,
             const std::vector<relation_key>& keys) {
            return removal_dict(net.remove_relations(positions_of(net, keys, positions)));
          },
          py::arg("positions"), py::arg("keys") = std::vector<relation_key>{})
      .def(
          "remove_project",
          [](Network& net, const std::string& id, bool cascade) {
            return removal_dict(net.remove_project(id, cascade));
          },
          py::arg("id"), py::kw_only(), py::arg("cascade") = false)
      .def(
          "remove_projects",
          [](Network& net, const std::vector<std::string>& ids, bool cascade) {
            return removal_dict(net.remove_projects(ids, cascade));
          },
          py::arg("ids"), py::kw_only(), py::arg("cascade") = false)
      .def(
          "remove_decision",
          [](Network& net, const std::string& id) { return removal_dict(net.remove_decision(id)); },
          py::arg("id"))
      .def(
          "remove_decisions",
          [](Network& net, const std::vector<std::string>& ids) {
            return removal_dict(net.remove_decisions(ids));
          },
          py::arg("ids"))
      .def(
          "update_stakeholder",
          [](Network& net, const std::string& id, const py::dict& changes) {
            net.update_stakeholder(id, [&](Stakeholder& s) { change_stakeholder(s, changes); });
          },
          py::arg("id"), py::arg("changes"))
      .def(
          "update_relation",
          [](Network& net, std::size_t position, const py::dict& changes) {
            net.update_relation(position, [&](Relation& r) { change_relation(r, changes); });
          },
          py::arg("position"), py::arg("changes"))
      .def(
          "update_relation",
          [](Network& net, const std::string& source, const std::string& target,
             const std::string& type, const py::dict& changes) {
            const std::size_t i = positions_of(net, {relation_key{source, target, type}}, {}).front();
            net.update_relation(i, [&](Relation& r) { change_relation(r, changes); });
          },
          py::arg("source"), py::arg("target"), py::arg("type"), py::arg("changes"))
      .def(
          "update_project",
          [](Network& net, const std::string& id, const py::dict& changes) {
            net.update_project(id, [&](Project& p) { change_project(p, changes); });
          },
          py::arg("id"), py::arg("changes"))
      .def(
          "update_decision",
          [](Network& net, const std::string& id, const py::dict& changes) {
            net.update_decision(id, [&](Decision& d) { change_decision(d, changes); });
          },
          py::arg("id"), py::arg("changes"));
}

}  // namespace

void register_model(py::module_& m) {
  py::class_<Network> network(m, "Network", "A co-production partnership as a graph.");
  network.def(py::init<>())
      .def(
          "add_stakeholder",
          [](Network& net, const std::string& id, const std::optional<std::string>& label,
             const std::string& kind, const std::optional<std::string>& role,
             const std::optional<std::string>& sector, const std::optional<std::string>& expertise,
             std::optional<bool> under_served, std::optional<bool> paid,
             std::optional<bool> convenor, std::optional<long long> size,
             std::optional<double> influence, const py::object& attributes) {
            net.add_stakeholder(make_stakeholder(id, label, kind, role, sector, expertise,
                                                 under_served, paid, convenor, size, influence,
                                                 attributes));
          },
          py::arg("id"), py::kw_only(), py::arg("label") = py::none(), py::arg("kind"),
          py::arg("role") = py::none(), py::arg("sector") = py::none(),
          py::arg("expertise") = py::none(), py::arg("under_served") = py::none(),
          py::arg("paid") = py::none(), py::arg("convenor") = py::none(),
          py::arg("size") = py::none(), py::arg("influence") = py::none(),
          py::arg("attributes") = py::none())
      .def(
          "add_relation",
          [](Network& net, const std::string& source, const std::string& target,
             const std::string& type, std::optional<double> weight,
             const std::optional<std::string>& scale, const std::optional<std::string>& reported_by,
             const std::optional<std::string>& date, const std::optional<std::string>& method,
             const py::object& attributes) {
            net.add_relation(make_relation(source, target, type, weight, scale, reported_by, date,
                                           method, attributes));
          },
          py::arg("source"), py::arg("target"), py::arg("type"), py::kw_only(),
          py::arg("weight") = py::none(), py::arg("scale") = py::none(),
          py::arg("reported_by") = py::none(), py::arg("date") = py::none(),
          py::arg("method") = py::none(), py::arg("attributes") = py::none())
      .def(
          "add_project",
          [](Network& net, const std::string& id, const std::optional<std::string>& label,
             const std::optional<std::string>& claimed, const py::object& attributes) {
            Project p;
            p.id = id;
            p.label = label.value_or("");
            p.claimed = optional_word<CollaborationType>(claimed, id, "claimed");
            p.attributes = attributes_from(attributes, id);
            net.add_project(std::move(p));
          },
          py::arg("id"), py::kw_only(), py::arg("label") = py::none(),
          py::arg("claimed") = py::none(), py::arg("attributes") = py::none())
      .def(
          "add_decision",
          [](Network& net, const std::string& id, const std::string& project,
             const std::string& stage, const std::map<std::string, std::string>& rights,
             const std::string& rule, const std::optional<std::string>& label,
             const std::map<std::string, long long>& votes, std::optional<double> quota,
             const std::vector<std::string>& veto, std::optional<double> weight,
             const py::object& attributes) {
            net.add_decision(make_decision(id, project, stage, rights, rule, label, votes, quota,
                                           veto, weight, attributes));
          },
          py::arg("id"), py::kw_only(), py::arg("project"), py::arg("stage"), py::arg("rights"),
          py::arg("rule"), py::arg("label") = py::none(),
          py::arg("votes") = std::map<std::string, long long>{}, py::arg("quota") = py::none(),
          py::arg("veto") = std::vector<std::string>{}, py::arg("weight") = py::none(),
          py::arg("attributes") = py::none())
      .def_property(
          "metadata", [](const Network& net) { return to_python(net.metadata()); },
          [](Network& net, const py::object& o) { net.set_metadata(from_python(o, "metadata")); })
      .def_property_readonly("num_stakeholders", &Network::num_stakeholders)
      .def_property_readonly("num_relations", &Network::num_relations)
      .def_property_readonly("num_projects", &Network::num_projects)
      .def_property_readonly("num_decisions", &Network::num_decisions)
      .def("memory_bytes", &Network::memory_bytes,
           "The bytes the network holds in C++: its object, vectors, strings, maps and JSON "
           "values (Network.__sizeof__ adds the Python objects). O(size of the network).")
      .def("__contains__", [](const Network& net, const std::string& id) { return net.contains(id); })
      .def("vertex", [](const Network& net, const std::string& id) { return net.vertex(id); })
      .def(
          "layer_edges",
          [](const Network& net, const std::optional<std::vector<std::string>>& types,
             const std::optional<std::vector<std::string>>& scales, bool include_objects,
             bool relations) -> py::tuple {
            layer l;
            if (types) l.types = *types;
            if (scales)
              for (const std::string& word : *scales) l.scales.push_back(scale_named(word));
            // Straight from the flat relation store: no Boost.Graph view is built for this.
            layer_edges e = edges_of(net, l, include_objects);
            py::list ids;
            for (const auto v : e.vertices) ids.append(net.stakeholder_at(v).id);
            if (relations)
              return py::make_tuple(ids, copy_to_numpy<std::int64_t>(e.source),
                                    copy_to_numpy<std::int64_t>(e.target),
                                    to_numpy(std::move(e.weight)),
                                    copy_to_numpy<std::int64_t>(e.relation));
            return py::make_tuple(ids, copy_to_numpy<std::int64_t>(e.source),
                                  copy_to_numpy<std::int64_t>(e.target),
                                  to_numpy(std::move(e.weight)));
          },
          py::arg("types") = py::none(), py::arg("scales") = py::none(),
          py::arg("include_objects") = false, py::arg("relations") = false,
          "The stakeholders and relations of a layer: (ids, source, target, weight) with "
          "source and target as positions in ids; with relations=True, a fifth array gives "
          "each edge's relation as its position in the network's relations. A layer is a set of relation types (None: "
          "every type) at a set of scales (None: every relation; given, a relation without a "
          "scale is left out). Raises InputError for a type no relation has and for a word "
          "that is not a scale.")
      .def("__eq__", [](const Network& a, const Network& b) { return a == b; })
      .def("copy", [](const Network& net) { return Network(net); })
      .def(
          "reading",
          [](const Network& net) {
            return std::unique_ptr<NetworkReading>(new NetworkReading{net, std::nullopt});
          },
          py::keep_alive<0, 1>(),
          "A context manager holding the network for reading: inside the block every change "
          "raises ConcurrentModificationError; entering it while a change runs raises it too.");
  register_editing(network);
  py::class_<NetworkReading>(m, "NetworkReading")
      .def(
          "__enter__",
          [](NetworkReading& r) -> NetworkReading& {
            r.guard.emplace(r.net);
            return r;
          },
          py::return_value_policy::reference)
      .def("__exit__", [](NetworkReading& r, const py::args&) { r.guard.reset(); });

  m.attr("MAX_NESTING") = max_nesting;
}

}  // namespace coproduction::python
