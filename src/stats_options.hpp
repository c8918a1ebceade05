#pragma once
// What the bindings of the statistics share: the poll of a long call (Ctrl-C and a progress
// callback) and a measure's options read from the dict the Python layer builds, with the
// same keys for the bootstrap, the CUG test and every other loop over a registered measure.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arrays.hpp"
#include "coproduction/detail/registry.hpp"
#include "coproduction/stats/resampling.hpp"
#include "options.hpp"

namespace coproduction::python {

namespace py = pybind11;

// The poll of a long call: Python's signals, then the progress callback with the draws done.
// The callback is called from the calling thread with the GIL held; an exception it raises
// stops the computation and is raised in its place. The `stop_check` it makes captures only
// `this`, so copying it (the kernels copy their options) never copies a Python object
// without the GIL.
class draw_poll {
 public:
  explicit draw_poll(py::object callback) : callback_(std::move(callback)) {}

  stop_check check() {
    return [this] {
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) return true;
      if (!callback_.is_none()) {
        try {
          callback_(finished_.load(std::memory_order_relaxed));
        } catch (py::error_already_set& e) {
          e.restore();  // raised by `without_gil` once the workers have stopped
          return true;
        }
      }
      return false;
    };
  }
  std::atomic<std::size_t>* finished() { return &finished_; }

  /// The run options of `n` draws from `seed` on `threads`, polled by this.
  resampling_options run(std::size_t n, std::uint64_t seed, unsigned threads) {
    resampling_options o;
    o.draws = n;
    o.seed = seed;
    o.threads = threads;
    o.stop_requested = check();
    o.finished = &finished_;
    return o;
  }

 private:
  py::object callback_;
  std::atomic<std::size_t> finished_{0};
};

inline std::vector<std::string> words(const py::handle& value, const char* where) {
  try {
    return value.cast<std::vector<std::string>>();
  } catch (const py::cast_error&) {
    throw input_error(where, "must be a list of words");
  }
}

template <class T>
T cast_option(const py::handle& value, const char* where, const char* what) {
  try {
    return value.cast<T>();
  } catch (const py::cast_error&) {
    throw input_error(where, std::string("must be ") + what);
  }
}

// A measure's options from the dict the Python layer builds (keys as its keyword arguments,
// with `types`/`scales` for the layer and `groups` as integer codes per stakeholder). The key
// `stakeholder` (the id whose value of a per-stakeholder measure is resampled) is read only
// where `stakeholder` is given, and refused elsewhere.
inline measure_options measure_options_of(const py::dict& given,
                                          std::optional<std::string>* stakeholder = nullptr) {
  measure_options o;
  for (const auto& [key, value] : given) {
    const std::string k = py::str(key);
    if (value.is_none()) continue;
    if (k == "types") {
      o.layer.types = words(value, "layer");
    } else if (k == "scales") {
      for (const std::string& w : words(value, "scale")) o.layer.scales.push_back(scale_named(w));
    } else if (k == "include_objects") {
      o.include_objects = cast_option<bool>(value, "include_objects", "True or False");
    } else if (k == "directed") {
      o.directed = cast_option<bool>(value, "directed", "True or False");
    } else if (k == "weighted") {
      o.weighted = cast_option<bool>(value, "weighted", "True or False");
    } else if (k == "normalized") {
      o.normalized = cast_option<bool>(value, "normalized", "True, False or None");
    } else if (k == "mode") {
      o.degree = degree_mode_option(cast_option<std::string>(value, "mode", "a word"));
    } else if (k == "paths") {
      o.paths = one_of<path_mode>(cast_option<std::string>(value, "paths", "a word"), "paths",
                                  {{"in", path_mode::in}, {"out", path_mode::out}});
    } else if (k == "reciprocity") {
      o.reciprocity = one_of<reciprocity_measure>(
          cast_option<std::string>(value, "reciprocity", "a word"), "reciprocity",
          {{"edgewise", reciprocity_measure::edgewise},
           {"dyadic", reciprocity_measure::dyadic},
           {"dyadic_nonnull", reciprocity_measure::dyadic_nonnull},
           {"edgewise_lrr", reciprocity_measure::edgewise_lrr}});
    } else if (k == "index") {
      o.index = parse_power_measure(cast_option<std::string>(value, "index", "a word"));
    } else if (k == "decision_weights") {
      o.decisions = weighting_of(cast_option<bool>(value, "decision_weights", "True or False"));
    } else if (k == "project") {
      o.project = cast_option<std::string>(value, "project", "a project id");
    } else if (k == "groups") {
      const auto codes = non_negative(cast_option<index_array>(value, "by", "integer codes"), "by",
                                      [](std::size_t i, std::int64_t c) {
                                        return "entry " + std::to_string(i) + " is negative (" +
                                               std::to_string(c) + ")";
                                      });
      o.groups.assign(codes.begin(), codes.end());
    } else if (k == "group") {
      o.group = cast_option<std::uint32_t>(value, "group", "a group code");
    } else if (k == "quantity") {
      o.quantity = cast_option<std::string>(value, "quantity", "a measure's name");
    } else if (k == "parameter") {
      o.parameter = cast_option<double>(value, "parameter", "a number");
    } else if (k == "stakeholder" && stakeholder != nullptr) {
      *stakeholder = cast_option<std::string>(value, "stakeholder", "a stakeholder id");
    } else {
      throw input_error(k, "is not an option of a measure");
    }
  }
  return o;
}

}  // namespace coproduction::python
