#pragma once
// The columns of pandas frames as the frame reader (io/frames.hpp) takes them, read in place
// from numpy arrays: each Python value becomes a `Cell` (io/frame.hpp) by its own type alone,
// and a plain edge list (source, target, type, weight) is resolved against the network
// without making a string per cell. Used by `_core.add_frames` (register_io.cpp).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "arrays.hpp"
#include "coproduction/error.hpp"
#include "coproduction/io/frame.hpp"
#include "coproduction/io/frames.hpp"
#include "coproduction/model/network.hpp"
#include "interrupt.hpp"
#include "json_value.hpp"

namespace coproduction::python {

namespace py = pybind11;

// A one-dimensional numpy array of Python objects, read in place.
class ObjectColumn {
 public:
  explicit ObjectColumn(const py::array& a) {
    data_ = static_cast<PyObject* const*>(a.data());
    stride_ = a.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*));
  }
  PyObject* at(std::size_t i) const { return data_[static_cast<py::ssize_t>(i) * stride_]; }

 private:
  PyObject* const* data_ = nullptr;
  py::ssize_t stride_ = 1;
};

// Turns Python values into cells. Only a value's own type decides its cell: a str is a
// string, an int an integer, a float a number (NaN: missing), a bool a boolean, a dict or
// list a structured value; numpy scalars count as the Python value they hold; None and the
// `missing` objects (pandas' NA and NaT) are missing; anything else is unreadable, named by
// its type. Nothing goes through str().
class CellMaker {
 public:
  explicit CellMaker(const py::tuple& missing) : missing_(missing) {
    const py::module_ numpy = py::module_::import("numpy");
    numpy_bool_ = numpy.attr("bool_");
    numpy_integer_ = numpy.attr("integer");
    numpy_floating_ = numpy.attr("floating");
    mapping_ = py::module_::import("collections.abc").attr("Mapping");
  }

  bool is_missing(PyObject* o) const {
    if (o == Py_None) return true;
    for (const auto& m : missing_)
      if (o == m.ptr()) return true;
    return false;
  }

  Cell operator()(PyObject* o) const {
    if (is_missing(o)) return Cell();
    if (PyUnicode_Check(o)) {
      const auto text = utf8_view(o);
      if (!text) return Cell::unreadable("text that is not valid Unicode (a lone surrogate)");
      return Cell(*text);
    }
    if (PyBool_Check(o)) return Cell(o == Py_True);
    if (PyLong_Check(o)) {
      int overflow = 0;
      const long long x = PyLong_AsLongLongAndOverflow(o, &overflow);
      if (overflow != 0 || (x == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return Cell::unreadable("an integer out of the 64-bit range");
      }
      return Cell(x);
    }
    if (PyFloat_Check(o)) return Cell(PyFloat_AS_DOUBLE(o));
    const py::handle h(o);
    if (PyDict_Check(o) || PyList_Check(o) || PyTuple_Check(o) || py::isinstance(h, mapping_)) {
      try {
        const py::object value = PyDict_Check(o) || !py::isinstance(h, mapping_)
                                     ? py::reinterpret_borrow<py::object>(h)
                                     : py::object(py::dict(py::reinterpret_borrow<py::object>(h)));
        return Cell::from_json(from_python(value, "cell"));
      } catch (const input_error& e) {
        return Cell::unreadable("a value JSON cannot hold (" + e.detail() + ")");
      } catch (const py::error_already_set&) {
        return Cell::unreadable(type_name(o) + " that could not be read");
      }
    }
    if (py::isinstance(h, numpy_bool_)) return Cell(PyObject_IsTrue(o) == 1);
    if (py::isinstance(h, numpy_integer_)) {
      const py::object plain = py::reinterpret_steal<py::object>(PyNumber_Index(o));
      if (!plain) {
        PyErr_Clear();
        return Cell::unreadable(type_name(o));
      }
      return (*this)(plain.ptr());
    }
    if (py::isinstance(h, numpy_floating_)) {
      const double x = PyFloat_AsDouble(o);
      if (x == -1.0 && PyErr_Occurred()) {
        PyErr_Clear();
        return Cell::unreadable(type_name(o));
      }
      return Cell(x);
    }
    return Cell::unreadable(type_name(o));
  }

  // A column as one of the four arrays `cells` reads: float64, int64, bool or objects. Any
  // other dtype (unsigned, dates, fixed-width text) becomes the Python objects it holds.
  static py::array normalised(const py::array& a) {
    switch (a.dtype().kind()) {
      case 'f': return py::array_t<double, py::array::forcecast>::ensure(a);
      case 'i': return py::array_t<std::int64_t, py::array::forcecast>::ensure(a);
      case 'b': return py::array_t<bool, py::array::forcecast>::ensure(a);
      case 'O': return a;
      default: return py::array(a.attr("astype")("O"));
    }
  }

  // Rows [begin, end) of a `normalised` array as cells: numbers, integers and booleans are
  // read without a Python object per cell.
  std::vector<Cell> cells(const py::array& a, std::size_t begin, std::size_t end) const {
    std::vector<Cell> out;
    out.reserve(end - begin);
    auto read = [&](auto tag) {
      using T = decltype(tag);
      const auto x = a.unchecked<T, 1>();
      for (std::size_t i = begin; i < end; ++i) out.emplace_back(x(static_cast<py::ssize_t>(i)));
    };
    switch (a.dtype().kind()) {
      case 'f': read(double{}); break;
      case 'i': read(std::int64_t{}); break;
      case 'b': read(bool{}); break;
      default: {
        const ObjectColumn column(a);
        for (std::size_t i = begin; i < end; ++i) out.push_back((*this)(column.at(i)));
      }
    }
    return out;
  }

 private:
  static std::string type_name(PyObject* o) {
    const std::string name = py::str(py::type::handle_of(py::handle(o)).attr("__name__"));
    const bool vowel = !name.empty() && std::string_view("aeiouAEIOU").find(name[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + name;
  }

  py::tuple missing_;
  py::object numpy_bool_, numpy_integer_, numpy_floating_, mapping_;
};

// A frame as Python gives it: a list of (name, one-dimensional array) pairs, in column order.
struct PyFrame {
  std::vector<std::pair<std::string, py::array>> columns;
  std::size_t rows = 0;

  explicit PyFrame(const py::handle& given, const char* what) {
    for (const auto& item : py::reinterpret_borrow<py::list>(given)) {
      const auto pair = item.cast<py::tuple>();
      if (pair.size() != 2) throw input_error(what, "each column must be a (name, array) pair");
      auto array = py::array::ensure(pair[1]);
      if (!array || array.ndim() != 1)
        throw input_error(what, "each column must be a one-dimensional array");
      rows = std::max(rows, static_cast<std::size_t>(array.shape(0)));
      columns.emplace_back(pair[0].cast<std::string>(), CellMaker::normalised(array));
    }
  }
  const py::array* find(std::string_view name) const {
    for (const auto& [n, a] : columns)
      if (n == name) return &a;
    return nullptr;
  }
  // Rows [begin, end) as cells.
  Frame part(const CellMaker& make, std::size_t begin, std::size_t end) const {
    Frame out;
    for (const auto& [name, array] : columns) {
      const std::size_t n = static_cast<std::size_t>(array.shape(0));
      out.add(name, make.cells(array, std::min(begin, n), std::min(end, n)));
    }
    return out;
  }
};

// What an object seen before mapped to. Columns of ids repeat the same string objects row
// after row (pandas shares them), and a pointer compare is far cheaper than hashing text.
// The objects stay alive in their array for the whole call, so addresses are not reused.
template <class T>
class AddressCache {
 public:
  std::optional<T> find(PyObject* o) const {
    const Slot& s = slots_[slot(o)];
    if (s.key == o) return s.value;
    return std::nullopt;
  }
  void insert(PyObject* o, T value) { slots_[slot(o)] = Slot{o, value}; }

 private:
  struct Slot {
    PyObject* key = nullptr;
    T value{};
  };
  static std::size_t slot(PyObject* o) {
    return (reinterpret_cast<std::uintptr_t>(o) >> 4) & (size - 1);
  }
  static constexpr std::size_t size = 1 << 14;
  std::vector<Slot> slots_ = std::vector<Slot>(size);
};

// The fast path for a plain edge list (source, target, type and optionally a numeric
// weight): the id and type columns are read in place as arrays of Python objects, each cell
// looked up in the network's index by its UTF-8 bytes (no string is made) or, when it is the
// very object of an earlier cell, by its address alone. Returns false, having added nothing,
// when the frame is not such a list or any cell or relation is not in order; the caller then
// reads it cell by cell, which reports every problem.
inline bool add_edge_list(FrameReader& reader, const PyFrame& frame, const CellMaker& make) {
  for (const auto& [name, array] : frame.columns)
    if (name != "source" && name != "target" && name != "type" && name != "weight") return false;
  if (frame.columns.size() != (frame.find("weight") ? 4u : 3u)) return false;  // a repeat
  const py::array *source = frame.find("source"), *target = frame.find("target"),
                  *type = frame.find("type"), *weight = frame.find("weight");
  if (!source || !target || !type) return false;
  const std::size_t n = frame.rows;
  for (const py::array* a : {source, target, type, weight})
    if (a && static_cast<std::size_t>(a->shape(0)) != n) return false;
  std::optional<real_array> w;
  if (weight) {
    const char kind = weight->dtype().kind();
    if (kind != 'f' && kind != 'i' && kind != 'u') return false;  // booleans, text: cell by cell
    w = real_array::ensure(*weight);
  }
  auto objects = [](const py::array& a) {
    return a.dtype().kind() == 'O' ? a : py::array(a.attr("astype")("O"));
  };
  const py::array source_objects = objects(*source), target_objects = objects(*target),
                  type_objects = objects(*type);
  const ObjectColumn sources(source_objects), targets(target_objects), types(type_objects);

  const Network& net = reader.network();
  std::vector<Network::vertex_type> u(n), v(n);
  std::vector<std::uint32_t> k(n);
  std::vector<std::string> type_names;
  std::unordered_map<std::string, std::uint32_t> type_codes;
  AddressCache<Network::vertex_type> seen_ends;
  AddressCache<std::uint32_t> seen_types;
  // The UTF-8 text of a str cell in place, or the id of another cell by the frame rules.
  std::string scratch;
  auto text_of = [&](PyObject* cell, bool id) -> std::optional<std::string_view> {
    if (PyUnicode_Check(cell)) return utf8_view(cell);
    if (!id) return std::nullopt;
    std::string why;
    auto text = detail::id_text(make(cell), why);
    if (!text) return std::nullopt;
    scratch = std::move(*text);
    return std::string_view(scratch);
  };
  auto end = [&](const ObjectColumn& column, std::size_t i) -> std::optional<Network::vertex_type> {
    PyObject* cell = column.at(i);
    if (auto hit = seen_ends.find(cell)) return hit;
    const auto id = text_of(cell, true);
    if (!id) return std::nullopt;
    const auto vertex = net.find(*id);
    if (vertex) seen_ends.insert(cell, *vertex);
    return vertex;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const auto a = end(sources, i), b = end(targets, i);
    if (!a || !b) return false;
    u[i] = *a, v[i] = *b;
    PyObject* cell = types.at(i);
    if (auto hit = seen_types.find(cell)) {
      k[i] = *hit;
      continue;
    }
    const auto name = text_of(cell, false);
    if (!name) return false;
    auto [it, added] = type_codes.try_emplace(std::string(*name),
                                              static_cast<std::uint32_t>(type_names.size()));
    if (added) type_names.push_back(it->first);
    seen_types.insert(cell, it->second);
    k[i] = it->second;
  }
  std::span<const double> weights;
  if (w) weights = std::span<const double>(w->data(), n);
  try {
    // Vertex and type codes are C++ vectors and the weights a numpy buffer this call holds.
    without_gil([&] { reader.add_edge_list(u, v, k, type_names, weights); });
  } catch (const model_error&) {
    return false;
  }
  return true;
}
}  // namespace coproduction::python
