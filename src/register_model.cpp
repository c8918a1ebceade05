// The model and its JSON format: `_core.Network` and the readers and writers.

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <cstdint>
#include <span>
#include <type_traits>
#include <unordered_map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "coproduction/io/json.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
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

template <class T>
py::object or_none(const std::optional<T>& v) {
  return v ? py::cast(*v) : py::object(py::none());
}

py::object text_or_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

template <class E>
py::object word_or_none(const std::optional<E>& v) {
  return v ? py::object(py::str(std::string(to_string(*v)))) : py::object(py::none());
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

py::dict stakeholder_columns(const Network& net) {
  const std::size_t n = net.num_stakeholders();
  py::list id(n), label(n), kind(n), role(n), sector(n), expertise(n), under_served(n), paid(n),
      convenor(n), size(n), influence(n), attributes(n);
  for (std::size_t v = 0; v < n; ++v) {
    const Stakeholder& s = net.stakeholder_at(v);
    id[v] = s.id;
    label[v] = text_or_none(s.label);
    kind[v] = std::string(to_string(s.kind));
    role[v] = text_or_none(s.role);
    sector[v] = text_or_none(s.sector);
    expertise[v] = word_or_none(s.expertise);
    under_served[v] = or_none(s.under_served);
    paid[v] = or_none(s.paid);
    convenor[v] = or_none(s.convenor);
    size[v] = or_none(s.size);
    influence[v] = or_none(s.influence);
    attributes[v] = to_python(s.attributes);
  }
  py::dict out;
  out["id"] = id, out["label"] = label, out["kind"] = kind, out["role"] = role;
  out["sector"] = sector, out["expertise"] = expertise, out["under_served"] = under_served;
  out["paid"] = paid, out["convenor"] = convenor, out["size"] = size;
  out["influence"] = influence, out["attributes"] = attributes;
  return out;
}

py::dict relation_columns(const Network& net) {
  const std::size_t n = net.num_relations();
  py::list source(n), target(n), type(n), scale(n), reported_by(n), date(n), method(n),
      attributes(n);
  py::array_t<double> weight(static_cast<py::ssize_t>(n));
  auto w = weight.mutable_unchecked<1>();
  // One Python string per stakeholder and per type, shared by every row that names it.
  std::vector<py::object> ids(net.num_stakeholders()), types(net.relation_types().size());
  auto id_of = [&](std::size_t v) -> const py::object& {
    if (!ids[v]) ids[v] = py::str(net.stakeholder_at(v).id);
    return ids[v];
  };
  for (std::size_t t = 0; t < types.size(); ++t) types[t] = py::str(net.relation_types()[t]);
  const py::object none = py::none();
  for (std::size_t i = 0; i < n; ++i) {
    source[i] = id_of(net.relation_source(i));
    target[i] = id_of(net.relation_target(i));
    type[i] = types[net.relation_type_index(i)];
    w(static_cast<py::ssize_t>(i)) = net.relation_strength(i);
    scale[i] = word_or_none(net.relation_scale(i));
    const Provenance& p = net.relation_provenance(i);
    reported_by[i] = p.reported_by.empty() ? none : py::str(p.reported_by);
    date[i] = p.date.empty() ? none : py::str(p.date);
    method[i] = p.method.empty() ? none : py::str(p.method);
    const nlohmann::json& a = net.relation_attributes(i);
    attributes[i] = a.is_null() ? none : to_python(a);
  }
  py::dict out;
  out["source"] = source, out["target"] = target, out["type"] = type, out["weight"] = weight;
  out["scale"] = scale, out["reported_by"] = reported_by, out["date"] = date;
  out["method"] = method, out["attributes"] = attributes;
  return out;
}

py::dict project_columns(const Network& net) {
  py::list id, label, claimed, attributes;
  for (const Project& p : net.projects()) {
    id.append(p.id);
    label.append(text_or_none(p.label));
    claimed.append(word_or_none(p.claimed));
    attributes.append(to_python(p.attributes));
  }
  py::dict out;
  out["id"] = id, out["label"] = label, out["claimed"] = claimed, out["attributes"] = attributes;
  return out;
}

py::dict decision_columns(const Network& net) {
  py::list id, label, project, stage, rule, quota, weight, attributes;
  for (const Decision& d : net.decisions()) {
    id.append(d.id);
    label.append(text_or_none(d.label));
    project.append(d.project);
    stage.append(std::string(to_string(d.stage)));
    rule.append(std::string(to_string(d.rule.kind)));
    quota.append(or_none(d.rule.quota));
    weight.append(d.weight.value_or(1.0));
    attributes.append(to_python(d.attributes));
  }
  py::dict out;
  out["id"] = id, out["label"] = label, out["project"] = project, out["stage"] = stage;
  out["rule"] = rule, out["quota"] = quota, out["weight"] = weight;
  out["attributes"] = attributes;
  return out;
}

py::dict right_columns(const Network& net) {
  py::list decision, stakeholder, right, votes, veto;
  for (const Decision& d : net.decisions()) {
    for (const auto& [who, r] : d.rights) {
      decision.append(d.id);
      stakeholder.append(who);
      right.append(std::string(to_string(r)));
      auto it = d.rule.votes.find(who);
      votes.append(it == d.rule.votes.end() ? py::none() : py::cast(it->second));
      bool is_veto = false;
      for (const auto& v : d.rule.veto) is_veto |= v == who;
      veto.append(is_veto);
    }
  }
  py::dict out;
  out["decision"] = decision, out["stakeholder"] = stakeholder, out["right"] = right;
  out["votes"] = votes, out["veto"] = veto;
  return out;
}

ReadLimits limits_from(std::size_t max_depth, std::size_t max_bytes) {
  return ReadLimits{max_depth, max_bytes};
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
             const std::optional<std::vector<std::string>>& scales, bool include_objects) {
            layer l;
            if (types) l.types = *types;
            if (scales)
              for (const std::string& word : *scales) l.scales.push_back(scale_named(word));
            // Straight from the flat relation store: no Boost.Graph view is built for this.
            const layer_edges e = edges_of(net, l, include_objects);
            py::list ids;
            for (const auto v : e.vertices) ids.append(net.stakeholder_at(v).id);
            const auto array = [](const auto& v, auto as) {
              using T = decltype(as);
              py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
              std::copy(v.begin(), v.end(), out.mutable_data());
              return out;
            };
            return py::make_tuple(ids, array(e.source, std::int64_t{}),
                                  array(e.target, std::int64_t{}), array(e.weight, double{}));
          },
          py::arg("types") = py::none(), py::arg("scales") = py::none(),
          py::arg("include_objects") = false,
          "The stakeholders and relations of a layer: (ids, source, target, weight) with "
          "source and target as positions in ids. A layer is a set of relation types (None: "
          "every type) at a set of scales (None: every relation; given, a relation without a "
          "scale is left out). Raises InputError for a type no relation has and for a word "
          "that is not a scale.")
      .def("stakeholder_columns", &stakeholder_columns)
      .def("relation_columns", &relation_columns)
      .def("project_columns", &project_columns)
      .def("decision_columns", &decision_columns)
      .def("right_columns", &right_columns)
      .def("__eq__", [](const Network& a, const Network& b) { return a == b; })
      .def("copy", [](const Network& net) { return Network(net); })
      .def(
          "to_json",
          [](const Network& net, int indent) { return dump_json(net, indent); },
          py::arg("indent") = 2)
      .def(
          "write",
          [](const Network& net, const std::filesystem::path& path, int indent) {
            // The network is turned into a private document first; the GIL is released only
            // for the file I/O, which touches that document and no Python object.
            nlohmann::json doc = to_document(net);
            py::gil_scoped_release release;
            write_document(doc, path, indent);
          },
          py::arg("path"), py::arg("indent") = 2)
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

  m.def(
      "read_json_text",
      [](const py::bytes& data, std::size_t max_depth, std::size_t max_bytes) {
        std::string text = data;  // a copy, so the GIL can go
        py::gil_scoped_release release;
        return read_json(text, limits_from(max_depth, max_bytes));
      },
      py::arg("text"), py::arg("max_depth") = ReadLimits{}.max_depth,
      py::arg("max_bytes") = ReadLimits{}.max_bytes);
  m.def(
      "read_json_file",
      [](const std::filesystem::path& path, std::size_t max_depth, std::size_t max_bytes) {
        py::gil_scoped_release release;  // file I/O and parsing on C++ objects only
        return read_json_file(path, limits_from(max_depth, max_bytes));
      },
      py::arg("path"), py::arg("max_depth") = ReadLimits{}.max_depth,
      py::arg("max_bytes") = ReadLimits{}.max_bytes);
  m.attr("FORMAT_VERSION") = format_version;
  m.attr("MAX_NESTING") = max_nesting;
  m.attr("MAX_INDENT") = detail::max_indent;
  m.def(
      "_parse_json",
      [](const py::bytes& data, bool checked) {
        std::string text = data;
        py::gil_scoped_release release;  // C++ objects only
        if (checked) return detail::parse_text(text, ReadLimits{}).size();
        return nlohmann::json::parse(text).size();
      },
      py::arg("text"), py::arg("checked"),
      "Parses text to a JSON value, with the reader's checks or with nlohmann/json's plain "
      "parse, and returns the size of the top-level value (for benchmarks/bench_read.py).");
}

}  // namespace coproduction::python
