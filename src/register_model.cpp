// Python bindings of the model: include/coproduction/model/network.hpp (`_core.Network`, built
// stakeholder by stakeholder, with its read guard as `_core.NetworkReading`), model/layer.hpp
// (`Network.layer_edges`) and the nesting ceiling of model/nesting.hpp (`_core.MAX_NESTING`).
// The formats of the network, JSON and frames, are bound onto the same class in register_io.cpp.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"
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

}  // namespace

void register_model(py::module_& m) {
  py::class_<Network>(m, "Network", "A co-production partnership as a graph.")
      .def(py::init<>())
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
