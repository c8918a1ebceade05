// Python bindings of the formats of a network: include/coproduction/io/json.hpp (the reader
// and writer of the JSON format: `_core.read_json_text`, `_core.read_json_file`,
// `Network.to_json`, `Network.write`, `_core.write_text`, `_core.FORMAT_VERSION`, `_core.MAX_INDENT`) and
// io/frames.hpp (`_core.add_frames`, and the columns of the five frames of io/frame.hpp as
// `Network.stakeholder_columns` ... `Network.right_columns`, from which the Python layer makes
// its DataFrames). The methods are added to the `_core.Network` that register_model.cpp binds.
// And, in the submodule `_core.io`, io/graphml.hpp and io/gexf.hpp: GraphML and GEXF 1.3.

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "columns.hpp"
#include "coproduction/io/frame.hpp"
#include "coproduction/io/frames.hpp"
#include "coproduction/io/gexf.hpp"
#include "coproduction/io/graphml.hpp"
#include "coproduction/io/json.hpp"
#include "coproduction/io/kumu.hpp"
#include "coproduction/model/layer.hpp"
#include "coproduction/model/network.hpp"
#include "frame_columns.hpp"
#include "interrupt.hpp"
#include "json_value.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// ---- JSON ---------------------------------------------------------------------------------

ReadLimits limits_from(std::size_t max_depth, std::size_t max_bytes) {
  return ReadLimits{max_depth, max_bytes};
}

// ---- frames out: the columns of the five frames ------------------------------------------

py::dict stakeholder_columns(const Network& net) {
  using row = Stakeholder;
  const std::vector<Stakeholder>& rows = net.stakeholders();
  py::dict out;
  out["id"] = list_column(rows, &row::id);
  out["label"] = list_column(rows, text_field(&row::label));
  out["kind"] = word_column(rows, &row::kind);
  out["role"] = list_column(rows, text_field(&row::role));
  out["sector"] = list_column(rows, text_field(&row::sector));
  out["expertise"] = word_column(rows, &row::expertise);
  out["under_served"] = list_column(rows, &row::under_served);
  out["paid"] = list_column(rows, &row::paid);
  out["convenor"] = list_column(rows, &row::convenor);
  out["size"] = list_column(rows, &row::size);
  out["influence"] = list_column(rows, &row::influence);
  out["attributes"] = list_column(rows, [](const row& s) { return to_python(s.attributes); });
  return out;
}

// Read from the network's flat relation store, which may hold millions of relations: one
// Python string per stakeholder and per type, shared by every row that names it.
py::dict relation_columns(const Network& net) {
  const std::size_t n = net.num_relations();
  py::list source(n), target(n), type(n), scale(n), reported_by(n), date(n), method(n),
      attributes(n);
  std::vector<py::object> ids(net.num_stakeholders()), types(net.relation_types().size());
  auto id_of = [&](std::size_t v) -> const py::object& {
    if (!ids[v]) ids[v] = py::str(net.stakeholder_at(v).id);
    return ids[v];
  };
  for (std::size_t t = 0; t < types.size(); ++t) types[t] = py::str(net.relation_types()[t]);
  for (std::size_t i = 0; i < n; ++i) {
    source[i] = id_of(net.relation_source(i));
    target[i] = id_of(net.relation_target(i));
    type[i] = types[net.relation_type_index(i)];
    scale[i] = word(net.relation_scale(i));
    const Provenance& p = net.relation_provenance(i);
    reported_by[i] = text_or_none(p.reported_by);
    date[i] = text_or_none(p.date);
    method[i] = text_or_none(p.method);
    attributes[i] = to_python(net.relation_attributes(i));  // None when there are none
  }
  py::dict out;
  out["source"] = source, out["target"] = target, out["type"] = type;
  out["weight"] = filled<double>(n, [&](std::size_t i) { return net.relation_strength(i); });
  out["scale"] = scale, out["reported_by"] = reported_by, out["date"] = date;
  out["method"] = method, out["attributes"] = attributes;
  return out;
}

py::dict project_columns(const Network& net) {
  using row = Project;
  const std::vector<Project>& rows = net.projects();
  py::dict out;
  out["id"] = list_column(rows, &row::id);
  out["label"] = list_column(rows, text_field(&row::label));
  out["claimed"] = word_column(rows, &row::claimed);
  out["attributes"] = list_column(rows, [](const row& p) { return to_python(p.attributes); });
  return out;
}

py::dict decision_columns(const Network& net) {
  using row = Decision;
  const std::vector<Decision>& rows = net.decisions();
  py::dict out;
  out["id"] = list_column(rows, &row::id);
  out["label"] = list_column(rows, text_field(&row::label));
  out["project"] = list_column(rows, &row::project);
  out["stage"] = word_column(rows, &row::stage);
  out["rule"] = word_column(rows, [](const row& d) { return d.rule.kind; });
  out["quota"] = list_column(rows, [](const row& d) { return d.rule.quota; });
  out["weight"] = list_column(rows, [](const row& d) { return d.weight.value_or(1.0); });
  out["attributes"] = list_column(rows, [](const row& d) { return to_python(d.attributes); });
  return out;
}

// One row per decision and holder of a right, decisions in insertion order.
py::dict right_columns(const Network& net) {
  py::list decision, stakeholder, right, votes, veto;
  for (const Decision& d : net.decisions()) {
    for (const auto& [who, r] : d.rights) {
      decision.append(d.id);
      stakeholder.append(who);
      right.append(word(r));
      auto it = d.rule.votes.find(who);
      votes.append(it == d.rule.votes.end() ? py::none() : py::cast(it->second));
      veto.append(std::find(d.rule.veto.begin(), d.rule.veto.end(), who) != d.rule.veto.end());
    }
  }
  py::dict out;
  out["decision"] = decision, out["stakeholder"] = stakeholder, out["right"] = right;
  out["votes"] = votes, out["veto"] = veto;
  return out;
}

// ---- frames in ----------------------------------------------------------------------------

// Rows converted to cells at a time: a frame of millions of rows is read in parts, so the
// cells held at once stay a few megabytes whatever its size.
constexpr std::size_t rows_per_part = std::size_t{1} << 16;

void add_frames(Network& net, const py::object& stakeholders, const py::object& relations,
                const py::object& projects, const py::object& decisions, const py::object& rights,
                const py::tuple& missing) {
  const CellMaker make(missing);
  auto frame = [](const py::object& given, const char* what) -> std::optional<PyFrame> {
    if (given.is_none()) return std::nullopt;
    return PyFrame(given, what);
  };
  const auto people = frame(stakeholders, "stakeholders"), links = frame(relations, "relations");
  const auto small = [&](const py::object& given, const char* what) -> std::optional<Frame> {
    auto f = frame(given, what);
    if (!f) return std::nullopt;
    return f->part(make, 0, f->rows);
  };
  const std::optional<Frame> project_frame = small(projects, "projects"),
                             decision_frame = small(decisions, "decisions"),
                             right_frame = small(rights, "rights");
  FrameReader reader(net);
  // Each part is converted with the GIL held and read without it: the reader touches only
  // its own copy of the network and the cells, which are C++ values.
  auto in_parts = [&](const PyFrame& f, auto read) {
    for (std::size_t begin = 0; begin == 0 || begin < f.rows; begin += rows_per_part) {
      const Frame part = f.part(make, begin, std::min(f.rows, begin + rows_per_part));
      without_gil([&] { read(part, begin); });
    }
  };
  if (people)
    in_parts(*people,
             [&](const Frame& f, std::size_t first) { reader.read_stakeholders(f, first); });
  if (links && !add_edge_list(reader, *links, make))
    in_parts(*links, [&](const Frame& f, std::size_t first) { reader.read_relations(f, first); });
  without_gil([&] {
    if (project_frame) reader.read_projects(*project_frame);
    if (decision_frame || right_frame)
      reader.read_decisions(decision_frame ? &*decision_frame : nullptr,
                            right_frame ? &*right_frame : nullptr);
  });
  net = std::move(reader).finish();
}

// ---- Kumu ---------------------------------------------------------------------------------

// The options of a blueprint from the Python layer's checked arguments: types and scales as
// lists of words (None for every one).
kumu_options kumu_options_from(const std::optional<std::vector<std::string>>& types,
                               const std::optional<std::vector<std::string>>& scales,
                               bool include_objects, bool show_labels) {
  kumu_options o;
  if (types) o.relations.types = *types;
  if (scales)
    for (const std::string& word : *scales) o.relations.scales.push_back(scale_named(word));
  o.include_objects = include_objects;
  o.show_labels = show_labels;
  return o;
}

// An ordered JSON value as Python objects, keys in their order (json_value.hpp's `to_python`
// takes the sorted `nlohmann::json`).
py::object ordered_to_python(const nlohmann::ordered_json& j) {
  using t = nlohmann::ordered_json::value_t;
  switch (j.type()) {
    case t::boolean: return py::bool_(j.get<bool>());
    case t::number_integer: return py::int_(j.get<long long>());
    case t::number_unsigned: return py::int_(j.get<unsigned long long>());
    case t::number_float: return py::float_(j.get<double>());
    case t::string: return py::str(j.get_ref<const std::string&>());
    case t::array: {
      py::list out;
      for (const auto& item : j) out.append(ordered_to_python(item));
      return out;
    }
    case t::object: {
      py::dict out;
      for (auto it = j.begin(); it != j.end(); ++it) out[py::str(it.key())] = ordered_to_python(it.value());
      return out;
    }
    default: return py::none();
  }
}

void register_kumu(py::module_ io) {
  io.def(
      "kumu_blueprint",
      [](const Network& net, const std::optional<std::vector<std::string>>& types,
         const std::optional<std::vector<std::string>>& scales, bool include_objects,
         bool show_labels) {
        const kumu_options o = kumu_options_from(types, scales, include_objects, show_labels);
        // Made from C++ objects only under the network's read guard; converted to Python
        // objects afterwards, with the GIL held again.
        const nlohmann::ordered_json blueprint =
            held_network(net, [&](const Network& n) { return kumu_blueprint(n, o); });
        return ordered_to_python(blueprint);
      },
      py::arg("net"), py::kw_only(), py::arg("types") = py::none(), py::arg("scales") = py::none(),
      py::arg("include_objects") = true, py::arg("show_labels") = false,
      "The Kumu blueprint of a network as a dict (io/kumu.hpp, kumu_blueprint).");
  io.def(
      "write_kumu",
      [](const Network& net, const std::filesystem::path& path,
         const std::optional<std::vector<std::string>>& types,
         const std::optional<std::vector<std::string>>& scales, bool include_objects,
         bool show_labels, int indent) {
        const kumu_options o = kumu_options_from(types, scales, include_objects, show_labels);
        held_network(net, [&](const Network& n) { write_kumu(n, path, o, indent); });
      },
      py::arg("net"), py::arg("path"), py::kw_only(), py::arg("types") = py::none(),
      py::arg("scales") = py::none(), py::arg("include_objects") = true,
      py::arg("show_labels") = false, py::arg("indent") = 2,
      "Writes the Kumu blueprint of a network to a file atomically (io/kumu.hpp, write_kumu).");
}

// ---- GraphML and GEXF -----------------------------------------------------------------------

XmlLimits xml_limits(std::size_t max_depth, std::size_t max_bytes, std::size_t max_attributes,
                     std::size_t max_attribute_bytes) {
  if (max_depth < 1) throw input_error("max_depth", "must be at least 1");
  return XmlLimits{max_depth, max_bytes, max_attributes, max_attribute_bytes};
}

// Positions as the layout gives them: an (n, 2) array of doubles, NaN where a stakeholder is
// not placed; None for no drawing.
std::vector<point> positions_from(const Network& net, const py::object& given) {
  std::vector<point> out;
  if (given.is_none()) return out;
  const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(given);
  if (!a || a.ndim() != 2 || a.shape(1) != 2 ||
      static_cast<std::size_t>(a.shape(0)) != net.num_stakeholders())
    throw input_error("positions", "must be an array of shape (" +
                                       std::to_string(net.num_stakeholders()) +
                                       ", 2): x and y of each stakeholder, in vertex order");
  out.resize(net.num_stakeholders());
  const double* p = a.data();
  for (std::size_t v = 0; v < out.size(); ++v) out[v] = {p[2 * v], p[2 * v + 1]};
  return out;
}

void register_graph_formats(py::module_ io) {
  const XmlLimits defaults;
  io.attr("XML_MAX_DEPTH") = defaults.max_depth;
  io.attr("XML_MAX_BYTES") = defaults.max_bytes;
  io.attr("XML_MAX_ATTRIBUTES") = defaults.max_attributes;
  io.attr("XML_MAX_ATTRIBUTE_BYTES") = defaults.max_attribute_bytes;
  io.attr("DEFAULT_RELATION_TYPE") = std::string(default_relation_type);

  // Readers: the text is copied out of Python (or read from the file) first, and parsed into
  // a network of C++ objects only, so the GIL goes for the whole read.
  auto text_reader = [&](const char* name, Network (*read)(std::string_view, const XmlLimits&,
                                                           std::string_view)) {
    io.def(
        name,
        [read](const py::bytes& data, const std::string& default_type, std::size_t max_depth,
               std::size_t max_bytes, std::size_t max_attributes, std::size_t max_attribute_bytes) {
          const XmlLimits limits = xml_limits(max_depth, max_bytes, max_attributes, max_attribute_bytes);
          const std::string text = data;
          return without_gil([&] { return read(text, limits, default_type); });
        },
        py::arg("text"), py::kw_only(), py::arg("default_type") = std::string(default_relation_type),
        py::arg("max_depth") = defaults.max_depth, py::arg("max_bytes") = defaults.max_bytes,
        py::arg("max_attributes") = defaults.max_attributes,
        py::arg("max_attribute_bytes") = defaults.max_attribute_bytes);
  };
  auto file_reader = [&](const char* name,
                         Network (*read)(const std::filesystem::path&, const XmlLimits&, std::string_view)) {
    io.def(
        name,
        [read](const std::filesystem::path& path, const std::string& default_type,
               std::size_t max_depth, std::size_t max_bytes, std::size_t max_attributes,
               std::size_t max_attribute_bytes) {
          const XmlLimits limits = xml_limits(max_depth, max_bytes, max_attributes, max_attribute_bytes);
          return without_gil([&] { return read(path, limits, default_type); });
        },
        py::arg("path"), py::kw_only(), py::arg("default_type") = std::string(default_relation_type),
        py::arg("max_depth") = defaults.max_depth, py::arg("max_bytes") = defaults.max_bytes,
        py::arg("max_attributes") = defaults.max_attributes,
        py::arg("max_attribute_bytes") = defaults.max_attribute_bytes);
  };
  text_reader("read_graphml_text", [](std::string_view t, const XmlLimits& l, std::string_view d) {
    return read_graphml(t, l, d);
  });
  file_reader("read_graphml_file", [](const std::filesystem::path& p, const XmlLimits& l, std::string_view d) {
    return read_graphml_file(p, l, d);
  });
  text_reader("read_gexf_text", [](std::string_view t, const XmlLimits& l, std::string_view d) {
    return read_gexf(t, l, d);
  });
  file_reader("read_gexf_file", [](const std::filesystem::path& p, const XmlLimits& l, std::string_view d) {
    return read_gexf_file(p, l, d);
  });

  // Writers: the network is held for reading while the text is made and written without the
  // GIL (`held_network`: a change from another thread meanwhile is refused, not seen).
  io.def(
      "dump_graphml",
      [](const Network& net) { return held_network(net, [](const Network& n) { return dump_graphml(n); }); },
      py::arg("net"));
  io.def(
      "write_graphml",
      [](const Network& net, const std::filesystem::path& path) {
        held_network(net, [&](const Network& n) { write_graphml(n, path); });
      },
      py::arg("net"), py::arg("path"));
  io.def(
      "dump_gexf",
      [](const Network& net, const py::object& positions) {
        const std::vector<point> at = positions_from(net, positions);
        return held_network(net, [&](const Network& n) { return dump_gexf(n, at); });
      },
      py::arg("net"), py::arg("positions") = py::none());
  io.def(
      "write_gexf",
      [](const Network& net, const std::filesystem::path& path, const py::object& positions) {
        const std::vector<point> at = positions_from(net, positions);
        held_network(net, [&](const Network& n) { write_gexf(n, path, at); });
      },
      py::arg("net"), py::arg("path"), py::arg("positions") = py::none());
}

}  // namespace

void register_io(py::module_& m) {
  py::module_ io = m.def_submodule("io", "GraphML and GEXF 1.3: readers and writers of a network; "
                                         "Kumu blueprints.");
  register_graph_formats(io);
  register_kumu(io);

  // ---- JSON -------------------------------------------------------------------------------
  m.def(
      "read_json_text",
      [](const py::bytes& data, std::size_t max_depth, std::size_t max_bytes) {
        const std::string text = data;  // a copy, so the GIL can go
        return without_gil([&] { return read_json(text, limits_from(max_depth, max_bytes)); });
      },
      py::arg("text"), py::arg("max_depth") = ReadLimits{}.max_depth,
      py::arg("max_bytes") = ReadLimits{}.max_bytes);
  m.def(
      "read_json_file",
      [](const std::filesystem::path& path, std::size_t max_depth, std::size_t max_bytes) {
        // File I/O and parsing on C++ objects only.
        return without_gil(
            [&] { return read_json_file(path, limits_from(max_depth, max_bytes)); });
      },
      py::arg("path"), py::arg("max_depth") = ReadLimits{}.max_depth,
      py::arg("max_bytes") = ReadLimits{}.max_bytes);
  m.def(
      "write_text",
      [](const std::filesystem::path& path, const std::string& text) {
        // The text is copied out of Python by the argument conversion: the I/O runs on C++
        // objects only.
        without_gil([&] { write_text_file(text, path); });
      },
      py::arg("path"), py::arg("text"),
      "Writes UTF-8 text to a file atomically, keeping an existing file's permissions "
      "(io/file.hpp, write_text_file); raises OSError naming the path.");
  m.attr("FORMAT_VERSION") = format_version;
  m.attr("MAX_INDENT") = detail::max_indent;
  m.def(
      "_parse_json",
      [](const py::bytes& data, bool checked) {
        const std::string text = data;
        return without_gil([&] {  // C++ objects only
          if (checked) return detail::parse_text(text, ReadLimits{}).size();
          return nlohmann::json::parse(text).size();
        });
      },
      py::arg("text"), py::arg("checked"),
      "Parses text to a JSON value, with the reader's checks or with nlohmann/json's plain "
      "parse, and returns the size of the top-level value (for benchmarks/bench_read.py).");

  py::class_<Network> network(py::object(m.attr("Network")));
  network
      .def(
          "to_json",
          [](const Network& net, int indent) { return dump_json(net, indent); },
          py::arg("indent") = 2)
      .def(
          "write",
          [](const Network& net, const std::filesystem::path& path, int indent) {
            // The network is turned into a private document first; the GIL is released only
            // for the file I/O, which touches that document and no Python object.
            const nlohmann::json doc = to_document(net);
            without_gil([&] { write_document(doc, path, indent); });
          },
          py::arg("path"), py::arg("indent") = 2);

  // ---- frames -----------------------------------------------------------------------------
  network.def("stakeholder_columns", &stakeholder_columns)
      .def("relation_columns", &relation_columns)
      .def("project_columns", &project_columns)
      .def("decision_columns", &decision_columns)
      .def("right_columns", &right_columns);
  m.def("add_frames", &add_frames, py::arg("net"), py::kw_only(),
        py::arg("stakeholders") = py::none(), py::arg("relations") = py::none(),
        py::arg("projects") = py::none(), py::arg("decisions") = py::none(),
        py::arg("rights") = py::none(), py::arg("missing") = py::tuple(),
        "Adds the frames (each a list of (name, 1-d array) columns, or None) to the network, "
        "all or nothing; raises FormatError listing every problem at /<frame>/<row>/<column>.");
}

}  // namespace coproduction::python
