// Python bindings of include/coproduction/error.hpp: the library's exceptions as Python
// classes, made here so that `_core` needs nothing from the Python package.
// `coproduction.Error` (a ValueError) and its subclasses carry the code, the place and (for
// documents) every problem found, and `coproduction._errors` re-exports them.

#include <exception>
#include <string>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "coproduction/error.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace coproduction::python {

namespace {

// The classes live as long as the interpreter: the module holds them, and a translator may
// run while the module is being torn down, so they are kept here too and never released.
struct exception_classes {
  py::object problem, error, format, model, duplicate, unknown, invalid, input, limit, concurrent;
};

exception_classes& classes() {
  static auto* held = new exception_classes();
  return *held;
}

py::object new_class(py::module_& m, const char* name, py::object bases, const char* doc) {
  const std::string qualified = std::string("coproduction.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (type == nullptr) throw py::error_already_set();
  auto cls = py::reinterpret_steal<py::object>(type);
  m.attr(name) = cls;
  return cls;
}

void set_extra(py::handle self, const py::kwargs& extra) {
  for (auto item : extra) py::setattr(self, item.first, item.second);
}

void raise(const py::object& type, const error& e, py::dict extra) {
  py::object instance = type(e.what(), e.code(), e.where(), e.detail(), **extra);
  PyErr_SetObject(type.ptr(), instance.ptr());
}

const char* error_doc = R"(Base of the library's exceptions.

Every exception raised for bad data or bad arguments derives from this class, itself a
ValueError, and names the place it is about: a JSON pointer for a document, an id for the
model, an argument name for a computation. The message reads
``[coproduction.<code>] <where>: <detail>``.

Attributes
----------
code : str
    Dotted code, e.g. ``"model.unknown_id"`` or ``"format.syntax"``.
where : str
    The place: a JSON pointer, an id, or an argument name.
detail : str
    What is wrong there.)";

const char* format_doc = R"(A document could not be read.

Attributes
----------
problems : list of Problem
    Every problem found, in document order, each with its RFC 6901 JSON pointer (or
    ``"byte <n>"`` when the text is not JSON).
pointer : str
    The first problem's pointer.)";

const char* model_doc = R"(The model refused an insert or a lookup.

Attributes
----------
where : str
    The offending object: a stakeholder, project or decision id, or a relation as
    ``source->target (type)``.
field : str
    The field at fault, as a relative JSON pointer (``target``, ``rule/quota``); empty when
    the object as a whole is at fault.
message : str
    What is wrong with it.)";

const char* limit_doc = R"(A computation refused because it would take more memory or time than its limit.

Raised before anything large is allocated (the work and memory are estimated first), when an
enumeration reaches its limit, or when an allocation within the limits still fails (never
MemoryError). ``where`` names what to change: ``max_coalitions`` for an enumeration of
minimal winning coalitions, ``weights`` for the tables of an exact power index, ``votes`` for
the exact swing test of a decision. The message gives the estimate, the limit and the way
out: a larger ``max_coalitions=``, or ``method="monte_carlo"``.

Attributes
----------
estimate : int
    What the computation would take, in ``unit``: an exact count of minimal winning
    coalitions when one is known (else an upper bound), or the bytes or table cells an exact
    index needs.
limit : int
    The limit it exceeds, in the same unit.
unit : str
    ``"minimal winning coalitions"``, ``"bytes"`` or ``"table cells"``.)";

const char* concurrent_doc = R"(A network was changed while another thread read it, or read while a change ran.

``where`` names the refused operation (``add_relation``, ``metadata``, ``read``); nothing was
changed. The analysis functions (``cp.ladder``, ``cp.power``, ``cp.metrics``, ``cp.audit``,
``cp.report``) hold a network for reading for the whole call, so a change from another thread
meanwhile raises this instead of mixing two states of the network in one result. Retry once
the reader is done, or change a copy. Also a RuntimeError: the data are fine, the timing is
not.)";

}  // namespace

void register_errors(py::module_& m) {
  exception_classes& c = classes();
  c.problem = py::module_::import("collections").attr("namedtuple")(
      "Problem", py::make_tuple("pointer", "code", "message"));
  c.problem.attr("__module__") = "coproduction";
  c.problem.attr("__doc__") =
      "One problem of a document: its JSON pointer, its code and what is wrong.";
  m.attr("Problem") = c.problem;

  py::object value_error = py::reinterpret_borrow<py::object>(PyExc_ValueError);
  c.error = new_class(m, "Error", value_error, error_doc);
  c.error.attr("__init__") = py::cpp_function(
      [value_error](py::handle self, py::object text, py::object code, py::object where,
                    py::object detail, const py::kwargs& extra) {
        value_error.attr("__init__")(self, text);
        py::setattr(self, "code", code);
        py::setattr(self, "where", where);
        py::setattr(self, "detail", py::bool_(detail) ? detail : text);
        set_extra(self, extra);
      },
      py::is_method(c.error), py::arg("text"), py::arg("code") = "", py::arg("where") = "",
      py::arg("detail") = "");

  c.format = new_class(m, "FormatError", c.error, format_doc);
  c.format.attr("__init__") = py::cpp_function(
      [](py::handle self, py::object text, py::object code, py::object where, py::object detail,
         py::object problems, const py::kwargs& extra) {
        classes().error.attr("__init__")(self, text, code, where, detail, **extra);
        py::list list;
        for (py::handle p : problems)
          list.append(classes().problem(*py::tuple(py::reinterpret_borrow<py::object>(p))));
        py::setattr(self, "problems", list);
      },
      py::is_method(c.format), py::arg("text"), py::arg("code") = "", py::arg("where") = "",
      py::arg("detail") = "", py::arg("problems") = py::tuple());
  c.format.attr("pointer") = py::module_::import("builtins").attr("property")(
      py::cpp_function([](py::handle self) { return self.attr("where"); }), py::none(),
      py::none(), "The first problem's pointer.");

  c.model = new_class(m, "ModelError", c.error, model_doc);
  c.model.attr("__init__") = py::cpp_function(
      [](py::handle self, py::object text, py::object code, py::object where, py::object detail,
         py::object field, py::object message, const py::kwargs& extra) {
        classes().error.attr("__init__")(self, text, code, where, detail, **extra);
        py::setattr(self, "field", field);
        py::setattr(self, "message", py::bool_(message) ? message : self.attr("detail"));
      },
      py::is_method(c.model), py::arg("text"), py::arg("code") = "", py::arg("where") = "",
      py::arg("detail") = "", py::arg("field") = "", py::arg("message") = "");
  c.duplicate = new_class(m, "DuplicateIdError", c.model,
                          "An id that is already taken, or a relation repeating source, target "
                          "and type.");
  c.unknown = new_class(m, "UnknownIdError", c.model,
                        "A reference to a stakeholder, project or decision that does not exist.");
  c.invalid = new_class(m, "InvalidValueError", c.model,
                        "A field whose value is outside its domain.");
  c.input = new_class(m, "InputError", c.error,
                      "Bad input to a computation: ``where`` names the argument.");
  c.limit = new_class(m, "LimitError", c.input, limit_doc);
  c.limit.attr("__init__") = py::cpp_function(
      [](py::handle self, py::object text, py::object code, py::object where, py::object detail,
         py::object estimate, py::object limit, py::object unit, const py::kwargs& extra) {
        classes().error.attr("__init__")(self, text, code, where, detail, **extra);
        py::setattr(self, "estimate", estimate);
        py::setattr(self, "limit", limit);
        py::setattr(self, "unit", unit);
      },
      py::is_method(c.limit), py::arg("text"), py::arg("code") = "", py::arg("where") = "",
      py::arg("detail") = "", py::arg("estimate") = 0, py::arg("limit") = 0,
      py::arg("unit") = "");
  c.concurrent = new_class(
      m, "ConcurrentModificationError",
      py::make_tuple(c.error, py::reinterpret_borrow<py::object>(PyExc_RuntimeError)),
      concurrent_doc);

  py::register_exception_translator([](std::exception_ptr p) {
    const exception_classes& c = classes();
    try {
      if (p) std::rethrow_exception(p);
    } catch (const format_error& e) {
      py::list problems;
      for (const auto& pr : e.problems())
        problems.append(py::make_tuple(pr.pointer, pr.code, pr.message));
      py::dict extra;
      extra["problems"] = problems;
      raise(c.format, e, extra);
    } catch (const model_error& e) {
      py::dict extra;
      extra["field"] = e.field();
      extra["message"] = e.message();
      const py::object& type = dynamic_cast<const duplicate_id*>(&e)    ? c.duplicate
                               : dynamic_cast<const unknown_id*>(&e)    ? c.unknown
                               : dynamic_cast<const invalid_value*>(&e) ? c.invalid
                                                                        : c.model;
      raise(type, e, extra);
    } catch (const limit_exceeded& e) {
      py::dict extra;
      extra["estimate"] = e.estimate();
      extra["limit"] = e.limit();
      extra["unit"] = e.unit();
      raise(c.limit, e, extra);
    } catch (const input_error& e) {
      raise(c.input, e, py::dict());
    } catch (const io_error& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const concurrent_modification& e) {
      raise(c.concurrent, e, py::dict());
    } catch (const error& e) {
      raise(c.error, e, py::dict());
    }
  });
}

}  // namespace coproduction::python
