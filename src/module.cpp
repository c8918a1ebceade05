// The compiled core of the Python package: one submodule per area of the library.

#include <pybind11/pybind11.h>

#include "coproduction/version.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace coproduction::python;

PYBIND11_MODULE(_core, m) {
  m.doc() = "The compiled core of coproduction; use the `coproduction` package instead.";
  m.attr("__version__") = coproduction::version;
  register_errors(m);
  register_model(m);
  register_io(m);
  register_spreadsheet(py::reinterpret_borrow<py::module_>(m.attr("io")));
  auto metrics = m.def_submodule("metrics", "Inequality, centrality and centralization.");
  register_inequality(metrics);
  register_centrality(metrics);
  register_relations(metrics);
  auto power = m.def_submodule("power", "Power indices of simple games and decision power in a network.");
  register_power(power);
  auto ladder = m.def_submodule("ladder", "The collaboration ladder, tokenism and the principles scorecard.");
  register_ladder(ladder);
  register_principles(ladder);
  register_layout(m.def_submodule("layout", "Positions of the stakeholders for drawing a partnership."));
  register_timeline(m.def_submodule("timeline", "Timelines of waves of fieldwork, and what differs between two networks."));
  auto stats = m.def_submodule("stats", "Resampling, permutation tests and network null models.");
  register_stats_resampling(stats);
  register_stats_null_models(stats);
}
