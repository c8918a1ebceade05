// The model and its JSON format: `_core.Network` and the readers and writers.

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <cstdint>
#include <span>
#include <type_traits>
#include <unordered_map>
#include <optional>
#include <unordered_set>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "coproduction/io/json.hpp"
#include "coproduction/model/network.hpp"
#include "json_value.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

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


// A one-dimensional numpy array of Python objects, read in place.
class ObjectColumn {
 public:
  ObjectColumn(const py::array& a, const char* column) : name(column) {
    if (a.ndim() != 1 || a.dtype().kind() != 'O')
      throw input_error("relations", std::string(column) + " must be a 1-d object array");
    data_ = static_cast<PyObject* const*>(a.data());
    stride_ = a.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*));
  }
  PyObject* at(std::size_t i) const { return data_[static_cast<py::ssize_t>(i) * stride_]; }
  const char* name;

 private:
  PyObject* const* data_ = nullptr;
  py::ssize_t stride_ = 1;
};

// What an object seen before mapped to. Columns of ids repeat the same string objects row
// after row (pandas shares them), and a pointer compare is far cheaper than hashing text.
// The objects stay alive in their array for the whole call, so addresses are not reused.
template <class T>
class AddressCache {
 public:
  std::optional<T> find(PyObject* o) const {
    const Slot& s = slots_[slot(o)];
    if (s.key == o) return s.value;
    return std::nullopt;
  }
  void insert(PyObject* o, T value) { slots_[slot(o)] = Slot{o, value}; }

 private:
  struct Slot {
    PyObject* key = nullptr;
    T value{};
  };
  static std::size_t slot(PyObject* o) {
    return (reinterpret_cast<std::uintptr_t>(o) >> 4) & (size - 1);
  }
  static constexpr std::size_t size = 1 << 14;
  std::vector<Slot> slots_ = std::vector<Slot>(size);
};

// The text of a cell: a str as its UTF-8 bytes in place, anything else through str(), as
// pandas' astype(str) would give it. A missing cell (None, NaN or one of `missing`) throws.
std::string_view cell_text(PyObject* cell, const py::tuple& missing, const char* what,
                           const char* column, std::size_t row, std::string& scratch) {
  if (PyUnicode_Check(cell)) {
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(cell, &size);
    if (!text) throw py::error_already_set();
    return {text, static_cast<std::size_t>(size)};
  }
  bool absent = cell == Py_None || (PyFloat_Check(cell) && std::isnan(PyFloat_AS_DOUBLE(cell)));
  for (const auto& m : missing) absent = absent || cell == m.ptr();
  if (absent)
    throw input_error(what, "row " + std::to_string(row) + ": " + column + " is missing");
  scratch = py::str(py::handle(cell)).cast<std::string>();
  return scratch;
}


// Columns of one frame (`what`) by name, each fetched from the dict once, not once per cell.
class Columns {
 public:
  Columns(const py::dict& columns, const char* what) : what_(what) {
    for (const auto& [name, values] : columns)
      lists_.emplace(name.cast<std::string>(), py::list(py::reinterpret_borrow<py::object>(values)));
  }
  // The column, or null when it is absent.
  const py::list* find(const std::string& field) const {
    auto it = lists_.find(field);
    return it == lists_.end() ? nullptr : &it->second;
  }
  const py::list& at(const std::string& field) const {
    if (const py::list* column = find(field)) return *column;
    throw input_error(what_, "no " + field + " column");
  }
  // The text of a required cell (an id, a type): see cell_text.
  std::string text(const py::list& column, const char* field, std::size_t row) const {
    std::string scratch;
    return std::string(
        cell_text(PyList_GET_ITEM(column.ptr(), static_cast<py::ssize_t>(row)), py::tuple(),
                  what_, field, row, scratch));
  }
  // The columns whose names are not among `known`, in name order.
  std::vector<std::pair<std::string, const py::list*>> others(
      std::initializer_list<const char*> known) const {
    std::vector<std::pair<std::string, const py::list*>> out;
    for (const auto& [name, column] : lists_)
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; }))
        out.emplace_back(name, &column);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::unordered_map<std::string, py::list> lists_;
  const char* what_;
};

// The attributes of row `row`: its `attributes` cell with every non-empty cell of the columns
// the format does not know added (a researcher's own codes). A column that is also a key of
// the row's attributes is refused, naming the row as `at`.
nlohmann::json row_attributes(const py::list* attributes,
                              const std::vector<std::pair<std::string, const py::list*>>& extra,
                              std::size_t row, const std::string& subject, const std::string& at,
                              const char* what) {
  nlohmann::json out =
      attributes ? attributes_from((*attributes)[row], subject) : nlohmann::json(nullptr);
  std::string clash;
  for (const auto& [name, column] : extra) {
    const py::handle cell = (*column)[row];
    if (cell.is_none()) continue;
    if (out.is_null()) out = nlohmann::json::object();
    if (out.contains(name)) {
      clash += (clash.empty() ? "'" : ", '") + name + "'";
      continue;
    }
    out[name] = from_python(cell, subject + "/attributes/" + detail::pointer_token(name));
  }
  if (!clash.empty())
    throw input_error(what, at + ": columns [" + clash + "] are also keys of its attributes");
  return out;
}

// One cell of a column, or nothing when the column is absent or the cell is None. A value
// of the wrong type is refused naming the row's subject (a stakeholder id or a relation)
// and the column.
template <class T>
std::optional<T> column_cell(const py::list* column, const char* field, std::size_t row,
                             const std::string& id) {
  if (!column) return std::nullopt;
  const py::object cell = (*column)[row];
  if (cell.is_none()) return std::nullopt;
  if constexpr (std::is_same_v<T, long long>) {
    // Spreadsheet columns with gaps hold whole numbers as floats.
    if (PyFloat_Check(cell.ptr())) {
      const double x = PyFloat_AS_DOUBLE(cell.ptr());
      if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e15)
        return static_cast<long long>(x);
      throw invalid_value(id, field, "must be a whole number, not " + std::string(py::repr(cell)));
    }
  }
  try {
    return cell.cast<T>();
  } catch (const py::cast_error&) {
    throw invalid_value(id, field, "cannot be read from " + std::string(py::repr(cell)));
  }
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
          "add_stakeholders",
          [](Network& net, const py::dict& given) {
            // Columns, not rows: a frame of ten thousand stakeholders is one call.
            const Columns columns(given, "stakeholders");
            const py::list& ids = columns.at("id");
            const py::list *label = columns.find("label"), *kind = columns.find("kind"),
                           *role = columns.find("role"), *sector = columns.find("sector"),
                           *expertise = columns.find("expertise"),
                           *under_served = columns.find("under_served"),
                           *paid = columns.find("paid"), *convenor = columns.find("convenor"),
                           *size = columns.find("size"), *influence = columns.find("influence"),
                           *attributes = columns.find("attributes");
            const auto extra = columns.others({"id", "label", "kind", "role", "sector",
                                               "expertise", "under_served", "paid", "convenor",
                                               "size", "influence", "attributes"});
            std::vector<Stakeholder> batch;
            batch.reserve(ids.size());
            for (std::size_t i = 0; i < ids.size(); ++i) {
              const std::string id = columns.text(ids, "id", i);
              auto text = [&](const py::list* column, const char* field) {
                return column_cell<std::string>(column, field, i, id);
              };
              auto flag = [&](const py::list* column, const char* field) {
                return column_cell<bool>(column, field, i, id);
              };
              batch.push_back(make_stakeholder(
                  id, text(label, "label"), text(kind, "kind").value_or("person"),
                  text(role, "role"), text(sector, "sector"), text(expertise, "expertise"),
                  flag(under_served, "under_served"), flag(paid, "paid"),
                  flag(convenor, "convenor"), column_cell<long long>(size, "size", i, id),
                  column_cell<double>(influence, "influence", i, id), py::none()));
              batch.back().attributes = row_attributes(attributes, extra, i, id,
                                                       "stakeholder '" + id + "'", "stakeholders");
            }
            net.add_stakeholders(std::move(batch));
          },
          py::arg("columns"),
          "Adds many stakeholders, all or none, from columns (lists with None for a gap).")
      .def(
          "add_relation_rows",
          [](Network& net, const py::dict& given) {
            // Every field of a relation, as columns: one call however many rows.
            const Columns columns(given, "relations");
            const py::list &source = columns.at("source"), &target = columns.at("target"),
                           &type = columns.at("type");
            const py::list *weight = columns.find("weight"), *scale = columns.find("scale"),
                           *reported_by = columns.find("reported_by"),
                           *date = columns.find("date"), *method = columns.find("method"),
                           *attributes = columns.find("attributes");
            const auto extra =
                columns.others({"source", "target", "type", "weight", "scale", "reported_by",
                                "date", "method", "attributes"});
            std::vector<Relation> batch(source.size());
            for (std::size_t i = 0; i < batch.size(); ++i) {
              Relation& r = batch[i];
              r.source = columns.text(source, "source", i);
              r.target = columns.text(target, "target", i);
              r.type = columns.text(type, "type", i);
              const std::string name = r.source + "->" + r.target + " (" + r.type + ")";
              auto text = [&](const py::list* column, const char* field) {
                return column_cell<std::string>(column, field, i, name);
              };
              r.weight = column_cell<double>(weight, "weight", i, name);
              r.scale = optional_word<Scale>(text(scale, "scale"), name, "scale");
              r.provenance = {.reported_by = text(reported_by, "reported_by").value_or(""),
                              .date = text(date, "date").value_or(""),
                              .method = text(method, "method").value_or("")};
              r.attributes = row_attributes(attributes, extra, i, name, "row " + std::to_string(i),
                                            "relations");
            }
            net.add_relations(batch);
          },
          py::arg("columns"),
          "Adds many relations, all or none, from columns (lists with None for a gap).")
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
          "add_relations",
          [](Network& net, const py::array& source, const py::array& target,
             const py::array& type,
             const std::optional<py::array_t<double, py::array::c_style | py::array::forcecast>>&
                 weight,
             const py::tuple& missing) {
            // The columns arrive as object arrays straight from pandas: each cell is looked
            // up in the network's index by its UTF-8 bytes (no Python string is made), and a
            // cell that is the very object of an earlier one is found by its address alone.
            const auto n = static_cast<std::size_t>(source.size());
            if (static_cast<std::size_t>(target.size()) != n ||
                static_cast<std::size_t>(type.size()) != n ||
                (weight && static_cast<std::size_t>(weight->size()) != n))
              throw input_error("relations", "source, target, type and weight differ in length");
            const ObjectColumn sources(source, "source"), targets(target, "target"),
                types(type, "type");
            std::vector<Network::vertex_type> u(n), v(n);
            std::vector<std::uint32_t> k(n);
            std::vector<std::string> type_names;
            std::unordered_map<std::string, std::uint32_t> type_codes;
            AddressCache<Network::vertex_type> seen_ends;
            AddressCache<std::uint32_t> seen_types;
            std::string scratch;
            auto end = [&](const ObjectColumn& column, std::size_t i) {
              PyObject* cell = column.at(i);
              if (auto hit = seen_ends.find(cell)) return *hit;
              const std::string_view id = cell_text(cell, missing, "relations", column.name, i, scratch);
              const auto vertex = net.find(id);
              if (!vertex)
                throw unknown_id("row " + std::to_string(i), column.name,
                                 "unknown stakeholder " + detail::quote(id));
              seen_ends.insert(cell, *vertex);
              return *vertex;
            };
            for (std::size_t i = 0; i < n; ++i) {
              u[i] = end(sources, i);
              v[i] = end(targets, i);
              PyObject* cell = types.at(i);
              if (auto hit = seen_types.find(cell)) {
                k[i] = *hit;
                continue;
              }
              const std::string name(cell_text(cell, missing, "relations", "type", i, scratch));
              auto [it, added] =
                  type_codes.try_emplace(name, static_cast<std::uint32_t>(type_names.size()));
              if (added) type_names.push_back(name);
              seen_types.insert(cell, it->second);
              k[i] = it->second;
            }
            std::span<const double> w;
            if (weight) w = std::span<const double>(weight->data(), n);
            net.add_relations(u, v, k, type_names, w);
          },
          py::arg("source"), py::arg("target"), py::arg("type"), py::arg("weight") = py::none(),
          py::arg("missing") = py::tuple(),
          "Adds many relations, all or none, from object columns of ids and type names.")
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
             bool include_objects) {
            std::unordered_set<std::string> wanted;
            if (types) {
              wanted.insert(types->begin(), types->end());
              const auto& present = net.relation_types();
              for (const auto& t : *types)
                if (std::find(present.begin(), present.end(), t) == present.end())
                  throw input_error("layer", "no relation of type " + detail::quote(t) +
                                                 " in the network");
            }
            const std::size_t n = net.num_stakeholders();
            std::vector<std::int64_t> position(n, -1);
            py::list ids;
            std::int64_t kept = 0;
            for (std::size_t v = 0; v < n; ++v) {
              const Stakeholder& s = net.stakeholder_at(v);
              if (include_objects || s.kind != Kind::object) {
                position[v] = kept++;
                ids.append(s.id);
              }
            }
            // Straight from the flat relation store: no Boost.Graph view is built for this.
            std::vector<char> keep(net.relation_types().size(), types ? 0 : 1);
            for (std::size_t t = 0; t < keep.size(); ++t)
              if (wanted.count(net.relation_types()[t])) keep[t] = 1;
            std::vector<std::int64_t> source, target;
            std::vector<double> weight;
            for (std::size_t i = 0; i < net.num_relations(); ++i) {
              if (!keep[net.relation_type_index(i)]) continue;
              auto u = position[net.relation_source(i)], v = position[net.relation_target(i)];
              if (u < 0 || v < 0) continue;
              source.push_back(u);
              target.push_back(v);
              weight.push_back(net.relation_strength(i));
            }
            auto array = [](const auto& v) {
              using T = typename std::decay_t<decltype(v)>::value_type;
              return py::array_t<T>(static_cast<py::ssize_t>(v.size()), v.data());
            };
            return py::make_tuple(ids, array(source), array(target), array(weight));
          },
          py::arg("types") = py::none(), py::arg("include_objects") = false,
          "The stakeholders and relations of a layer: (ids, source, target, weight) with "
          "source and target as positions in ids.")
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
          py::arg("path"), py::arg("indent") = 2);

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
}

}  // namespace coproduction::python
