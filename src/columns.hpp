#pragma once
// C++ tables given to Python as columns, the shape the Python layer turns into a DataFrame:
// a column of numbers or flags is a numpy array, a column of text, lists or values that may
// be absent is a list, and an absent value is None. A table is any vector of rows; a column is
// read from each row by a member pointer or a function (`std::invoke`).

#include <cmath>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "arrays.hpp"

namespace coproduction::python {

namespace py = pybind11;

// ---- cells --------------------------------------------------------------------------------

// The spelling of a word of a vocabulary or a scale, as a str.
inline py::str spelt(std::string_view word) { return py::str(std::string(word)); }

// The text, or None when empty (the model's "not given").
inline py::object text_or_none(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

// A column reader giving `text_or_none` of a text field of a row.
template <class Row>
auto text_field(std::string Row::*field) {
  return [field](const Row& row) { return text_or_none(row.*field); };
}

// The number, or None for NaN (a criterion without a value or a threshold).
inline py::object number_or_none(double x) {
  return std::isnan(x) ? py::object(py::none()) : py::object(py::float_(x));
}

// The vocabulary word as the format spells it (`to_string`): "co-design", "shared".
template <class E>
py::str word(E v) {
  return spelt(to_string(v));
}

// The vocabulary word, or None when absent.
template <class E>
py::object word(const std::optional<E>& v) {
  return v ? py::object(word(*v)) : py::object(py::none());
}

// The word spelt by `name` (e.g. `iap2_name`), or None when absent.
template <class E, class Name>
py::object named(const std::optional<E>& v, Name name) {
  return v ? py::object(spelt(name(*v))) : py::object(py::none());
}

// ---- columns ------------------------------------------------------------------------------

// `get` of each row as a new numpy array of T (numbers, flags, codes).
template <class T, class Rows, class Get>
py::array_t<T> array_column(const Rows& rows, Get get) {
  return filled<T>(rows.size(), [&](std::size_t i) { return std::invoke(get, rows[i]); });
}

// `get` of each row as a list of Python objects: text, lists of ids, and values that may be
// absent (a std::optional becomes None or its value, as pybind11's stl.h casts it).
template <class Rows, class Get>
py::list list_column(const Rows& rows, Get get) {
  py::list out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out[i] = std::invoke(get, rows[i]);
  return out;
}

// The vocabulary word `get` of each row (None where absent), as a list.
template <class Rows, class Get>
py::list word_column(const Rows& rows, Get get) {
  return list_column(rows, [&](const auto& row) { return word(std::invoke(get, row)); });
}

}  // namespace coproduction::python
