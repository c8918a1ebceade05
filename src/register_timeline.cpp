// Python bindings of include/coproduction/model/timeline.hpp (`_core.timeline.Timeline`: waves
// of fieldwork, each a network, and each stakeholder's presence per wave),
// io/timeline_json.hpp (its JSON document: `dump_json`, `write_json`, `read_json_text`,
// `read_json_file`), io/gexf_timeline.hpp (one dynamic GEXF file: `dump_gexf`, `write_gexf`,
// `read_gexf_text`, `read_gexf_file`) and model/network_diff.hpp (`_core.timeline.diff`: what differs between
// two networks, as plain columns the Python layer makes DataFrames of).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "arrays.hpp"
#include "coproduction/io/gexf_timeline.hpp"
#include "coproduction/io/timeline_json.hpp"
#include "coproduction/model/network.hpp"
#include "coproduction/model/network_diff.hpp"
#include "coproduction/model/timeline.hpp"
#include "interrupt.hpp"
#include "json_value.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// A Python index (negative counts from the end) as a wave's position; IndexError past either
// end, as a list raises it.
std::size_t position(const Timeline& t, py::ssize_t i) {
  const auto n = static_cast<py::ssize_t>(t.size());
  if (i < -n || i >= n)
    throw py::index_error("wave " + std::to_string(i) + " of a timeline of " +
                          std::to_string(n) + " waves");
  return static_cast<std::size_t>(i < 0 ? i + n : i);
}

// One wave as Python gives it: (name, network, not_surveyed, date). The network is only
// pointed to here; the caller keeps its Python object alive until the wave is built.
struct wave_parts {
  std::string name;
  const Network* network;
  std::vector<std::string> not_surveyed;
  std::string date;
};

wave_parts wave_from(const py::handle& item, std::size_t i) {
  const std::string where = "waves[" + std::to_string(i) + "]";
  if (!py::isinstance<py::tuple>(item) && !py::isinstance<py::list>(item))
    throw py::type_error(where + ": a tuple (name, network, not_surveyed, date), not " +
                         std::string(py::str(py::type::handle_of(item).attr("__name__"))));
  const auto parts = py::reinterpret_borrow<py::sequence>(item);
  if (parts.size() != 4)
    throw py::type_error(where + ": a tuple of 4 (name, network, not_surveyed, date), not of " +
                         std::to_string(parts.size()));
  const auto cast = [&]<class T>(std::size_t k, const char* what) -> T {
    try {
      return parts[k].cast<T>();
    } catch (const py::cast_error&) {
      const py::handle type = py::type::handle_of(parts[k]);
      throw py::type_error(where + ": " + what + " must be " +
                           (k == 1 ? "a coproduction._core.Network" : k == 2 ? "a list of str" : "a str") +
                           ", not " + std::string(py::str(type.attr("__module__"))) + "." +
                           std::string(py::str(type.attr("__qualname__"))));
    }
  };
  wave_parts out{};
  if (!py::isinstance<py::str>(parts[0]))
    throw py::type_error(where + ": the name must be a str, not " +
                         std::string(py::str(py::type::handle_of(parts[0]).attr("__name__"))));
  out.name = utf8(parts[0], where + "/name");
  out.network = &cast.operator()<const Network&>(1, "the network");
  out.not_surveyed = cast.operator()<std::vector<std::string>>(2, "not_surveyed");
  if (!parts[3].is_none()) out.date = cast.operator()<std::string>(3, "the date");
  return out;
}

// The columns of the tables of items that have ids.
py::dict item_columns(const std::vector<item_change>& rows) {
  py::list id, change, fields;
  for (const item_change& r : rows) {
    id.append(r.id);
    change.append(std::string(to_string(r.change)));
    fields.append(r.fields);
  }
  py::dict out;
  out["id"] = id, out["change"] = change, out["fields"] = fields;
  return out;
}

py::dict diff_columns(const network_diff& d) {
  py::dict out;
  out["stakeholders"] = item_columns(d.stakeholders);
  out["projects"] = item_columns(d.projects);
  out["decisions"] = item_columns(d.decisions);

  py::list decision, stakeholder, change, fields;
  for (const right_change& r : d.rights) {
    decision.append(r.decision);
    stakeholder.append(r.stakeholder);
    change.append(std::string(to_string(r.change)));
    fields.append(r.fields);
  }
  py::dict rights;
  rights["decision"] = decision, rights["stakeholder"] = stakeholder;
  rights["change"] = change, rights["fields"] = fields;
  out["rights"] = rights;

  const std::size_t n = d.relations.size();
  py::list source, target, type, scale, relation_change_column, relation_fields;
  for (const relation_change& r : d.relations) {
    source.append(r.source);
    target.append(r.target);
    type.append(r.type);
    scale.append(r.scale ? py::object(py::str(std::string(to_string(*r.scale)))) : py::none());
    relation_change_column.append(std::string(to_string(r.change)));
    relation_fields.append(r.fields);
  }
  const auto at = [](const std::optional<std::size_t>& p) {
    return p ? static_cast<std::int64_t>(*p) : std::int64_t{-1};
  };
  py::dict relations;
  relations["source"] = source, relations["target"] = target, relations["type"] = type;
  relations["scale"] = scale;
  relations["occurrence"] =
      filled<std::int64_t>(n, [&](std::size_t i) { return d.relations[i].occurrence; });
  relations["change"] = relation_change_column, relations["fields"] = relation_fields;
  relations["position_a"] = filled<std::int64_t>(n, [&](std::size_t i) { return at(d.relations[i].position_a); });
  relations["position_b"] = filled<std::int64_t>(n, [&](std::size_t i) { return at(d.relations[i].position_b); });
  out["relations"] = relations;

  const std::size_t k = d.ties.size();
  py::list tie_type;
  for (const tie_change& t : d.ties) tie_type.append(t.type);
  const auto count = [&](std::uint64_t tie_change::*member) {
    return filled<std::int64_t>(k, [&](std::size_t i) { return d.ties[i].*member; });
  };
  py::dict ties;
  ties["type"] = tie_type;
  ties["in_a"] = count(&tie_change::in_a), ties["in_b"] = count(&tie_change::in_b);
  ties["kept"] = count(&tie_change::kept), ties["appeared"] = count(&tie_change::appeared);
  ties["vanished"] = count(&tie_change::vanished), ties["hamming"] = count(&tie_change::hamming);
  ties["jaccard"] = filled<double>(k, [&](std::size_t i) { return d.ties[i].jaccard; });
  ties["dyads"] = count(&tie_change::dyads);
  out["ties"] = ties;

  out["left_out_dyads"] = d.left_out_dyads;
  py::dict totals;
  totals["stakeholders"] = d.totals.stakeholders, totals["projects"] = d.totals.projects;
  totals["decisions"] = d.totals.decisions, totals["rights"] = d.totals.rights;
  totals["relations"] = d.totals.relations;
  out["totals"] = totals;
  return out;
}

ReadLimits limits(std::size_t max_depth, std::size_t max_bytes) {
  return ReadLimits{max_depth, max_bytes};
}

const char* diff_doc =
    "What differs from network a to network b: {'stakeholders', 'projects', 'decisions': "
    "{'id', 'change', 'fields'}, 'rights': {'decision', 'stakeholder', 'change', 'fields'}, "
    "'relations': {'source', 'target', 'type', 'scale', 'occurrence', 'change', 'fields', "
    "'position_a', 'position_b'}, 'ties': {'type', 'in_a', 'in_b', 'kept', 'appeared', "
    "'vanished', 'hamming', 'jaccard', 'dyads'}, 'left_out_dyads': int, 'totals': {...}} "
    "(model/network_diff.hpp). A dyad with an end in not_surveyed is left out of the tie "
    "comparison. InputError ('not_surveyed') for an id of neither network; "
    "ConcurrentModificationError while either network is being changed.";

}  // namespace

void register_timeline(py::module_ m) {
  py::class_<Timeline> cls(m, "Timeline",
                           "Named waves of fieldwork in order, each a network; stakeholders "
                           "matched across waves by id (model/timeline.hpp).");
  cls.def(py::init([](const py::sequence& waves, const py::object& metadata) {
            // Each wave's network object is held here while its C++ network is copied: the
            // list could lose it to another thread meanwhile.
            std::vector<py::object> held;
            std::vector<wave_parts> parts;
            for (std::size_t i = 0; i < waves.size(); ++i) {
              held.push_back(waves[i]);
              parts.push_back(wave_from(held.back(), i));
            }
            nlohmann::json meta = metadata.is_none() ? nlohmann::json() : from_python(metadata, "metadata");
            // Copies each network (under its own read guard, so a change of it from another
            // thread is refused rather than half copied) and checks the waves: C++ objects
            // only, so the GIL goes.
            return without_gil([&] {
              std::vector<Wave> built;
              built.reserve(parts.size());
              for (wave_parts& p : parts)
                built.push_back(Wave{std::move(p.name), Network(*p.network),
                                     std::move(p.not_surveyed), std::move(p.date)});
              return Timeline(std::move(built), std::move(meta));
            });
          }),
          py::arg("waves"), py::arg("metadata") = py::none(),
          "waves: a list of (name, core Network, not_surveyed ids, date); the networks are "
          "copied. Raises InvalidValueError, DuplicateIdError or UnknownIdError naming the "
          "wave (field name or not_surveyed/<k>).")
      .def_property_readonly("names", &Timeline::names)
      .def_property(
          "metadata", [](const Timeline& t) { return to_python(t.metadata()); },
          [](Timeline& t, const py::object& o) {
            t.set_metadata(o.is_none() ? nlohmann::json() : from_python(o, "metadata"));
          })
      .def("__len__", &Timeline::size)
      .def(
          "wave",
          [](const Timeline& t, py::ssize_t i) {
            const Network& net = t.wave(position(t, i)).network;
            // The timeline's networks never change (no binding changes a wave), and the
            // call holds the timeline: the copy reads C++ objects only.
            return without_gil([&] { return Network(net); });
          },
          py::arg("i"), "A copy of the i-th wave's network (a negative i counts from the end).")
      .def(
          "not_surveyed",
          [](const Timeline& t, py::ssize_t i) { return t.wave(position(t, i)).not_surveyed; },
          py::arg("i"))
      .def(
          "date", [](const Timeline& t, py::ssize_t i) { return t.wave(position(t, i)).date; },
          py::arg("i"), "The i-th wave's date as written, '' when not given.")
      .def(
          "find",
          [](const Timeline& t, const std::string& name) -> std::optional<std::size_t> {
            return t.find(name);
          },
          py::arg("name"), "The position of the wave with this name, or None.")
      .def(
          "presence",
          [](const Timeline& t) {
            presence_table p = without_gil([&] { return t.presence(); });
            std::vector<std::uint8_t> codes(p.codes.size());
            for (std::size_t k = 0; k < codes.size(); ++k)
              codes[k] = static_cast<std::uint8_t>(p.codes[k]);
            return py::make_tuple(p.ids, to_numpy(std::move(codes), p.waves, p.ids.size()));
          },
          "(ids, codes): the timeline's stakeholders in order of first appearance, and a "
          "uint8 array of shape (waves, ids): 0 present, 1 joined, 2 left, 3 absent, "
          "4 not surveyed.")
      .def(
          "diff_waves",
          [](const Timeline& t, py::ssize_t from, py::ssize_t to) {
            const std::size_t i = position(t, from), j = position(t, to);
            // The timeline's networks never change; the call holds the timeline.
            return diff_columns(without_gil([&] { return diff(t, i, j); }));
          },
          py::arg("from_wave"), py::arg("to_wave"),
          "diff() of two waves' networks, the stakeholders not surveyed in either wave left "
          "out of the tie comparison.")
      .def(
          "dump_json",
          [](const Timeline& t, int indent) {
            return without_gil([&] { return dump_timeline(t, indent); });
          },
          py::arg("indent") = 2)
      .def(
          "write_json",
          [](const Timeline& t, const std::filesystem::path& path, int indent) {
            without_gil([&] { write_timeline(t, path, indent); });
          },
          py::arg("path"), py::arg("indent") = 2,
          "Writes the timeline document atomically, keeping an existing file's permissions.")
      .def_static(
          "read_json_text",
          [](const std::string& text, std::size_t max_depth, std::size_t max_bytes) {
            // `text` is a C++ copy of the str or bytes given: the read needs no Python object.
            return without_gil([&] { return read_timeline(text, limits(max_depth, max_bytes)); });
          },
          py::arg("text"), py::kw_only(), py::arg("max_depth") = ReadLimits{}.max_depth,
          py::arg("max_bytes") = ReadLimits{}.max_bytes,
          "Reads a timeline document; FormatError lists every problem at its JSON pointer "
          "from the root (/waves/1/network/relations/3/source).")
      .def_static(
          "read_json_file",
          [](const std::filesystem::path& path, std::size_t max_depth, std::size_t max_bytes) {
            return without_gil(
                [&] { return read_timeline_file(path, limits(max_depth, max_bytes)); });
          },
          py::arg("path"), py::kw_only(), py::arg("max_depth") = ReadLimits{}.max_depth,
          py::arg("max_bytes") = ReadLimits{}.max_bytes)
      .def(
          "dump_gexf",
          // The timeline's networks never change; the call holds the timeline.
          [](const Timeline& t) { return without_gil([&] { return dump_gexf_timeline(t); }); },
          "The timeline as one dynamic GEXF 1.3 text (io/gexf_timeline.hpp).")
      .def(
          "write_gexf",
          [](const Timeline& t, const std::filesystem::path& path) {
            without_gil([&] { write_gexf_timeline(t, path); });
          },
          py::arg("path"),
          "Writes the timeline as dynamic GEXF 1.3 atomically, keeping an existing file's "
          "permissions.")
      .def_static(
          "read_gexf_text",
          [](const std::string& text, std::size_t max_depth, std::size_t max_bytes) {
            // `text` is a C++ copy of the str or bytes given: the read needs no Python object.
            XmlLimits l;
            l.max_depth = max_depth, l.max_bytes = max_bytes;
            if (max_depth < 1) throw input_error("max_depth", "must be at least 1");
            return without_gil([&] { return read_gexf_timeline(text, l); });
          },
          py::arg("text"), py::kw_only(), py::arg("max_depth") = XmlLimits{}.max_depth,
          py::arg("max_bytes") = XmlLimits{}.max_bytes,
          "Reads a timeline from its dynamic GEXF; FormatError lists every problem at its line.")
      .def_static(
          "read_gexf_file",
          [](const std::filesystem::path& path, std::size_t max_depth, std::size_t max_bytes) {
            XmlLimits l;
            l.max_depth = max_depth, l.max_bytes = max_bytes;
            if (max_depth < 1) throw input_error("max_depth", "must be at least 1");
            return without_gil([&] { return read_gexf_timeline_file(path, l); });
          },
          py::arg("path"), py::kw_only(), py::arg("max_depth") = XmlLimits{}.max_depth,
          py::arg("max_bytes") = XmlLimits{}.max_bytes)
      .def(
          "__eq__", [](const Timeline& a, const Timeline& b) { return a == b; },
          py::is_operator())
      .def(py::pickle(
          // Through the JSON format, with its version in the state.
          [](const Timeline& t) { return py::make_tuple(format_version, dump_timeline(t, -1)); },
          [](const py::tuple& state) {
            if (state.size() != 2 || state[0].cast<int>() != format_version)
              throw input_error("state", "not the pickled state of a version-1 timeline");
            return read_timeline(state[1].cast<std::string>());
          }));

  m.def(
      "diff",
      [](const Network& a, const Network& b, const std::vector<std::string>& not_surveyed) {
        diff_options options;
        options.not_surveyed = not_surveyed;
        // Both networks are held for reading (a guard on each: `held_network` holds one) while
        // the GIL is released: a change from another thread is refused meanwhile, and the
        // Python call holds both objects, so they outlive it.
        const Network::read_guard reading_a(a), reading_b(b);
        return diff_columns(without_gil([&] { return diff(a, b, options); }));
      },
      py::arg("a"), py::arg("b"), py::arg("not_surveyed") = std::vector<std::string>{}, diff_doc);
}

}  // namespace coproduction::python
