#pragma once
// The binding of each area of the library into its own submodule of `_core`.

#include <pybind11/pybind11.h>

namespace coproduction::python {
void register_errors(pybind11::module_& m);
void register_model(pybind11::module_& m);
void register_io(pybind11::module_& m);  // after register_model: adds to `Network`
void register_spreadsheet(pybind11::module_ io);  // after register_io: into `_core.io`
void register_inequality(pybind11::module_& m);
void register_centrality(pybind11::module_& m);
void register_relations(pybind11::module_& m);
void register_power(pybind11::module_& m);
void register_ladder(pybind11::module_& m);
void register_principles(pybind11::module_& ladder);
void register_layout(pybind11::module_ m);  // takes the new submodule itself
void register_timeline(pybind11::module_ timeline);  // takes the new submodule itself
void register_stats_resampling(pybind11::module_& stats);   // bootstrap, permutation tests
void register_stats_null_models(pybind11::module_& stats);  // CUG tests, rewiring, QAP
}  // namespace coproduction::python
