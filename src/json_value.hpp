#pragma once
// Conversion between nlohmann::json values and Python objects (dict, list, str, int, float,
// bool, None), for the free `attributes` and `metadata` of the model and the structured cells
// of frames; and the UTF-8 text of a str.

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "coproduction/error.hpp"
#include "coproduction/model/nesting.hpp"

namespace coproduction::python {

namespace py = pybind11;

inline py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return py::none();
    case nlohmann::json::value_t::boolean: return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer: return py::int_(j.get<long long>());
    case nlohmann::json::value_t::number_unsigned: return py::int_(j.get<unsigned long long>());
    case nlohmann::json::value_t::number_float: return py::float_(j.get<double>());
    case nlohmann::json::value_t::string: return py::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& item : j) out.append(to_python(item));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (auto it = j.begin(); it != j.end(); ++it) out[py::str(it.key())] = to_python(it.value());
      return out;
    }
    default: return py::none();
  }
}

// The UTF-8 text of a str, in place (CPython caches it in the str, which outlives the view
// while the caller holds it), or nothing when it has none: a lone surrogate such as "\udc80",
// which a file read with errors="surrogateescape" leaves.
inline std::optional<std::string_view> utf8_view(PyObject* s) {
  Py_ssize_t size = 0;
  const char* text = PyUnicode_AsUTF8AndSize(s, &size);
  if (!text) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(text, static_cast<std::size_t>(size));
}

// The UTF-8 text of a str; a str that has none is refused, naming the place.
inline std::string utf8(const py::handle& s, const std::string& where) {
  const auto text = utf8_view(s.ptr());
  if (!text)
    throw input_error(where, "text that is not valid Unicode (it holds a lone surrogate)");
  return std::string(*text);
}

// `where` names the place for the error raised on a value JSON cannot hold. Recursion stops at
// the library's nesting ceiling, so a list that contains itself cannot recurse forever; the
// model then checks the depth the value may have where it is stored.
inline nlohmann::json from_python(const py::handle& o, const std::string& where,
                                  std::size_t depth = 0, const std::string* top = nullptr) {
  if (!top) top = &where;
  // Named by the place of the whole value: the path down a list that contains itself is
  // hundreds of levels of "/0".
  if (depth >= max_nesting)
    throw input_error(*top, "nested deeper than " + std::to_string(max_nesting) +
                                " levels (or contains itself)");
  if (o.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
  if (py::isinstance<py::int_>(o)) {
    try {
      return o.cast<long long>();
    } catch (const py::cast_error&) {
      throw input_error(where, "an integer out of the 64-bit range");
    }
  }
  if (py::isinstance<py::float_>(o)) {
    double x = o.cast<double>();
    if (!std::isfinite(x)) throw input_error(where, "JSON has no NaN or infinity");
    return x;
  }
  if (py::isinstance<py::str>(o)) return utf8(o, where);
  if (py::isinstance<py::dict>(o)) {
    nlohmann::json out = nlohmann::json::object();
    for (auto item : o.cast<py::dict>()) {
      if (!py::isinstance<py::str>(item.first))
        throw input_error(where, "object keys must be strings");
      auto key = utf8(item.first, where);
      out[key] = from_python(item.second, where + "/" + key, depth + 1, top);
    }
    return out;
  }
  if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
    nlohmann::json out = nlohmann::json::array();
    std::size_t i = 0;
    for (auto item : o) out.push_back(from_python(item, where + "/" + std::to_string(i++), depth + 1, top));
    return out;
  }
  // numpy scalars and other numbers
  if (py::hasattr(o, "item") && !py::isinstance<py::str>(o)) {
    py::object plain = o.attr("item")();
    if (!plain.is(o)) return from_python(plain, where, depth + 1, top);
  }
  throw input_error(where, "a " + std::string(py::str(py::type::handle_of(o).attr("__name__"))) +
                               " cannot be stored in JSON");
}

}  // namespace coproduction::python
