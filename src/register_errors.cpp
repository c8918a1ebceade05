// The library's exceptions become the Python exceptions of `coproduction._errors`, carrying
// the code, the place and (for documents) every problem found.

#include <exception>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "coproduction/error.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {
void raise(const char* type_name, const error& e, py::dict extra) {
  py::object type = py::module_::import("coproduction._errors").attr(type_name);
  py::object instance = type(e.what(), e.code(), e.where(), e.detail(), **extra);
  PyErr_SetObject(type.ptr(), instance.ptr());
}
}  // namespace

void register_errors(py::module_& m) {
  (void)m;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const format_error& e) {
      py::list problems;
      for (const auto& pr : e.problems())
        problems.append(py::make_tuple(pr.pointer, pr.code, pr.message));
      py::dict extra;
      extra["problems"] = problems;
      raise("FormatError", e, extra);
    } catch (const model_error& e) {
      py::dict extra;
      extra["field"] = e.field();
      extra["message"] = e.message();
      const char* type = dynamic_cast<const duplicate_id*>(&e)   ? "DuplicateIdError"
                         : dynamic_cast<const unknown_id*>(&e)   ? "UnknownIdError"
                         : dynamic_cast<const invalid_value*>(&e) ? "InvalidValueError"
                                                                   : "ModelError";
      raise(type, e, extra);
    } catch (const input_error& e) {
      raise("InputError", e, py::dict());
    } catch (const io_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const concurrent_modification& e) {
      raise("ConcurrentModificationError", e, py::dict());
    } catch (const error& e) {
      raise("Error", e, py::dict());
    }
  });
}

}  // namespace coproduction::python
