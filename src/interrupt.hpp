#pragma once
// Ctrl-C for the bindings of long computations: the one poll of Python's signals that every
// computation asks (a `stop_check`), and the one way a computation runs with the GIL released
// and comes back as Python's KeyboardInterrupt when the poll said stop. Library errors leave
// `without_gil` as C++ exceptions, for the translator of register_errors.cpp (which also
// raises `coproduction.LimitError` for `limit_exceeded`).

#include <pybind11/pybind11.h>

#include "coproduction/error.hpp"
#include "coproduction/model/network.hpp"

namespace coproduction::python {

// Asks Python for pending signals (Ctrl-C in a notebook) from the calling thread, taking the
// GIL just for that. The computations ask it a few milliseconds of work apart, always from
// the thread that called them, so taking the GIL here cannot deadlock with a worker thread.
inline bool python_signals() {
  pybind11::gil_scoped_acquire gil;
  return PyErr_CheckSignals() != 0;
}

// Runs `kernel()` with the GIL released and returns what it returns. The caller makes sure
// the release is safe: the kernel reads only C++ objects converted before the call, or a
// network held by `held_network` below, and writes only its own result. When the kernel stops
// with `interrupted`, the KeyboardInterrupt that PyErr_CheckSignals set is raised (a
// KeyboardInterrupt all the same if the stop came from elsewhere).
template <class Kernel>
auto without_gil(Kernel kernel) {
  try {
    pybind11::gil_scoped_release release;
    return kernel();
  } catch (const interrupted&) {
    // The GIL is held again here: `release` was destroyed while the exception left its scope.
    if (PyErr_Occurred() == nullptr) PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw pybind11::error_already_set();
  }
}

// Runs `kernel(net)` as `without_gil` does, on the network where it is, holding it for
// reading meanwhile. Safe without a copy: while the guard lives every change of the network,
// from any thread, throws `concurrent_modification` and changes nothing, so the kernel reads
// one state of it; the Python call holds the network's Python object, so it outlives the
// call. Throws `concurrent_modification` (before anything runs) while a change runs.
template <class Kernel>
auto held_network(const Network& net, Kernel kernel) {
  const Network::read_guard held(net);
  return without_gil([&] { return kernel(net); });
}

}  // namespace coproduction::python
