// Python bindings of the principles scorecard (include/coproduction/ladder/principles.hpp),
// into `_core.ladder`.
//
// `PrinciplesConfig` is `principles_config`, filled field by field from
// `coproduction.audit.PrinciplesConfig` (whose `__post_init__` calls its `check`);
// `principles` takes the `_core.Network` of a `coproduction.Network` and returns the twelve
// rows as a dict of columns; the DataFrame is made in python/coproduction/audit.py.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "columns.hpp"
#include "coproduction/ladder/principles.hpp"
#include "coproduction/model/network.hpp"
#include "interrupt.hpp"
#include "options.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

py::dict rows_dict(const std::vector<principle_row>& rows) {
  using row = principle_row;
  py::dict out;
  out["principle"] = list_column(rows, &row::principle);
  out["indicator"] = list_column(rows, &row::indicator);
  out["value"] = array_column<double>(rows, &row::value);
  out["verdict"] = list_column(rows, [](const row& r) { return spelt(verdict_name(r.verdict)); });
  out["threshold"] = list_column(rows, &row::threshold);
  out["evidence"] = list_column(rows, &row::evidence);
  out["needs"] = list_column(rows, &row::needs);
  return out;
}

}  // namespace

void register_principles(py::module_& ladder) {
  using C = principles_config;
  py::class_<C>(ladder, "PrinciplesConfig",
                "The thresholds and options of the principles scorecard, field for field those "
                "of coproduction.audit.PrinciplesConfig; index is spelt as there and weighted "
                "is a bool.")
      .def(py::init<>())
      .def_property(
          "index", [](const C& c) { return std::string(measure_name(c.index)); },
          [](C& c, const std::string& text) { c.index = parse_principles_index(text); })
      .def_property(
          "weighted", [](const C& c) { return c.weighting == decision_weighting::by_weight; },
          [](C& c, bool weighted) { c.weighting = weighting_of(weighted); })
      .def_readwrite("active_share", &C::active_share)
      .def_readwrite("equitable_meets", &C::equitable_meets)
      .def_readwrite("equitable_partly", &C::equitable_partly)
      .def_readwrite("inclusive_meets", &C::inclusive_meets)
      .def_readwrite("inclusive_partly", &C::inclusive_partly)
      .def_readwrite("expert_meets", &C::expert_meets)
      .def_readwrite("expert_partly", &C::expert_partly)
      .def_readwrite("human_meets", &C::human_meets)
      .def_readwrite("human_partly", &C::human_partly)
      .def_readwrite("transparent_meets", &C::transparent_meets)
      .def_readwrite("transparent_partly", &C::transparent_partly)
      .def_readwrite("trust_meets", &C::trust_meets)
      .def_readwrite("trust_partly", &C::trust_partly)
      .def_readwrite("protect_meets", &C::protect_meets)
      .def_readwrite("protect_partly", &C::protect_partly)
      .def_readwrite("decentralise_power_meets", &C::decentralise_power_meets)
      .def_readwrite("decentralise_power_partly", &C::decentralise_power_partly)
      .def_readwrite("decentralise_centralization_meets", &C::decentralise_centralization_meets)
      .def_readwrite("decentralise_centralization_partly", &C::decentralise_centralization_partly)
      .def_readwrite("centralization_layer", &C::centralization_layer)
      .def_readwrite("informs_types", &C::informs_types)
      .def_readwrite("trust_types", &C::trust_types)
      .def_readwrite("care_types", &C::care_types)
      .def("check", [](const C& c) { check_principles_config(c); },
           "Raises InputError naming the first field out of its range.");
  ladder.def(
      "principles",
      [](const Network& net, const std::optional<std::string>& project, const C& config,
         const Network* previous) {
        // The configuration is copied while the GIL is held and the network is held for
        // reading (interrupt.hpp), so the scorecard reads one state of C++ objects only and
        // writes only its own rows: the GIL can be released. Ctrl-C stops the power indices.
        // The wave before, if any, is held for reading by `principles` itself.
        const C c = config;
        return rows_dict(held_network(net, [&](const Network& n) {
          return principles(n, project, c, python_signals, previous);
        }));
      },
      py::arg("net"), py::arg("project"), py::arg("config"), py::arg("previous") = nullptr,
      "The twelve principles of the Co-production Framework read against the network: a dict "
      "of columns principle, indicator, value (float array, NaN where not measurable), "
      "verdict, threshold, evidence and needs (a list per row).");
}

}  // namespace coproduction::python
