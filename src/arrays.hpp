#pragma once
// numpy at the `_core` boundary, both ways. In: the array types a binding takes (converted by
// pybind11 to C-contiguous int64 or float64, so any sequence of numbers will do) and the checks
// that name the argument, read in place as spans. Out: a vector's buffer handed to numpy
// without a copy, copies of other vectors (booleans, narrower integers), and arrays filled
// entry by entry (columns of a table, matrices).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "coproduction/error.hpp"

namespace coproduction::python {

namespace py = pybind11;

// ---- in ---------------------------------------------------------------------------------

// A numpy argument of element type T. `forcecast` converts lists and other dtypes (as
// np.asarray would), `c_style` makes the buffer contiguous, so `data()` can be read as a span.
template <class T>
using numpy_vector = py::array_t<T, py::array::c_style | py::array::forcecast>;

using index_array = numpy_vector<std::int64_t>;  // ids, positions, codes, votes
using real_array = numpy_vector<double>;         // values, weights, scores

// The entries of an array already known to be one-dimensional, read in place: the array
// argument keeps them alive for the call.
template <class T>
std::span<const T> entries(const numpy_vector<T>& a) {
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

// The entries of a one-dimensional argument. Throws `input_error` naming the argument for
// any other shape: "values: must be one-dimensional, got 2 dimensions".
template <class T>
std::span<const T> one_dimensional(const numpy_vector<T>& a, const char* where) {
  if (a.ndim() != 1)
    throw input_error(where, "must be one-dimensional, got " + std::to_string(a.ndim()) +
                                 " dimensions");
  return entries(a);
}

// The entries of a one-dimensional integer argument as positions or codes. A negative entry
// throws `input_error` naming the argument, with the detail `refusal(i, entry)` gives for
// entry i, so each area keeps the words its callers know.
template <class Refusal>
std::vector<std::size_t> non_negative(const index_array& a, const char* where,
                                      Refusal refusal) {
  const std::span<const std::int64_t> given = one_dimensional(a, where);
  std::vector<std::size_t> out(given.size());
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i] < 0) throw input_error(where, refusal(i, given[i]));
    out[i] = static_cast<std::size_t>(given[i]);
  }
  return out;
}

// ---- out --------------------------------------------------------------------------------

// A numpy array of the given shape over `values` (row-major), which it takes over: no copy,
// and the vector is freed with the array. (Not for std::vector<bool>, which holds bits; see
// the `to_numpy` of flags below.)
template <class T>
  requires(!std::is_same_v<T, bool>)
py::array_t<T> to_numpy(std::vector<T>&& values, std::vector<py::ssize_t> shape) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(std::move(shape), owned->data(), free_when_done);
}

// A one-dimensional numpy array over `values`, without a copy.
template <class T>
  requires(!std::is_same_v<T, bool>)
py::array_t<T> to_numpy(std::vector<T>&& values) {
  const auto n = static_cast<py::ssize_t>(values.size());
  return to_numpy(std::move(values), {n});
}

// A rows x cols numpy array over `values` (row-major), without a copy.
template <class T>
  requires(!std::is_same_v<T, bool>)
py::array_t<T> to_numpy(std::vector<T>&& values, std::size_t rows, std::size_t cols) {
  return to_numpy(std::move(values),
                  {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
}

// A new one-dimensional array of `n` entries of type T, entry i being `entry(i)`.
template <class T, class Entry>
py::array_t<T> filled(std::size_t n, Entry entry) {
  py::array_t<T> out(static_cast<py::ssize_t>(n));
  T* o = out.mutable_data();
  for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<T>(entry(i));
  return out;
}

// A new rows x cols array of type T, entry (r, c) being `entry(r, c)`.
template <class T, class Entry>
py::array_t<T> filled(std::size_t rows, std::size_t cols, Entry entry) {
  py::array_t<T> out({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
  T* o = out.mutable_data();  // C order, as a new array is
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) o[r * cols + c] = static_cast<T>(entry(r, c));
  return out;
}

// A new array of type T holding a copy of `values`: for what cannot be handed over, such as
// a std::vector<bool> (packed bits) or positions kept narrower than numpy's int64.
template <class T, class Values>
py::array_t<T> copy_to_numpy(const Values& values) {
  return filled<T>(values.size(), [&](std::size_t i) { return values[i]; });
}

// Flags (`std::vector<bool>`) as a numpy bool array.
inline py::array_t<bool> to_numpy(const std::vector<bool>& flags) {
  return copy_to_numpy<bool>(flags);
}

}  // namespace coproduction::python
