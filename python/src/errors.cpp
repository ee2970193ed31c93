// reserve::Error → a small Python exception hierarchy:
//   ReserveError(Exception)
//   ├── InputError(ReserveError, ValueError)
//   ├── UsageError(ReserveError, ValueError)
//   └── InternalError(ReserveError, RuntimeError)
// str(exc) is the library's what() (location prefix included); .message is the bare message and
// .file/.layer/.feature say where (None when unknown).
#include <Python.h>

#include <cctype>
#include <string>

#include "bindings.hpp"
#include "reserve/issue_json.hpp"

namespace reserve::python {
namespace {

// The classes live as long as the interpreter; the module keeps the owning references.
PyObject* g_reserve_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_usage_error = nullptr;
PyObject* g_internal_error = nullptr;

PyObject* new_exception(py::module_& m, const char* name, py::object bases, const char* doc) {
  const std::string qualified = std::string("libreserve.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::reinterpret_borrow<py::object>(cls));
  return cls;
}

py::object none_if_empty(const std::string& s) {
  return s.empty() ? py::object(py::none()) : py::object(py::str(s));
}

// The library's advice names the options of the `reserve` command ("pass --crs EPSG:4544", "map
// them with --zone-map '1=ZONE'", "accept the repair with --allow-repair-area-change"). Python
// takes the same settings as keyword arguments of the same names in snake case (crs=, zone_map=,
// allow_repair_area_change=True), so the advice is given in those words. A message that already
// names both spellings ("reserve: --working-crs …; Python: working_crs=…") is left as it is.
std::string python_advice(const std::string& text) {
  if (text.find("Python") != std::string::npos) return text;
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const bool option = text.compare(i, 2, "--") == 0 && i + 2 < text.size() &&
                        std::islower(static_cast<unsigned char>(text[i + 2])) &&
                        (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])));
    if (!option) {
      out += text[i++];
      continue;
    }
    std::size_t end = i + 2;
    while (end < text.size() &&
           (std::islower(static_cast<unsigned char>(text[end])) ||
            std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-'))
      ++end;
    std::string name = text.substr(i + 2, end - i - 2);
    for (auto& c : name) c = c == '-' ? '_' : c;
    if (name == "allow_repair_area_change") {
      out += "allow_repair_area_change=True";
    } else if (name == "no_repair") {
      out += "repair=False";
    } else if (end + 1 < text.size() && text[end] == ' ' &&
               (std::isupper(static_cast<unsigned char>(text[end + 1])) ||
                std::isdigit(static_cast<unsigned char>(text[end + 1])) || text[end + 1] == '\'' ||
                text[end + 1] == '"')) {
      out += name + "=";  // "--crs EPSG:…" → "crs=EPSG:…", "--zone-map '1=…'" → "zone_map='1=…'"
      ++end;
    } else {
      out += name + "=…";  // "pass --crs for another datum" → "pass crs=… for another datum"
    }
    i = end;
  }
  return out;
}

void raise(const Error& e) {
  PyObject* cls = g_internal_error;
  switch (e.kind()) {
    case ErrorKind::input: cls = g_input_error; break;
    case ErrorKind::usage: cls = g_usage_error; break;
    case ErrorKind::internal: cls = g_internal_error; break;
  }
  py::object exc = py::reinterpret_borrow<py::object>(cls)(py::str(python_advice(e.what())));
  exc.attr("message") = py::str(python_advice(e.message()));
  exc.attr("file") = none_if_empty(e.where().file);
  exc.attr("layer") = none_if_empty(e.where().layer);
  exc.attr("feature") = none_if_empty(e.where().feature);
  PyErr_SetObject(cls, exc.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  py::object exception = py::reinterpret_borrow<py::object>(PyExc_Exception);
  py::object value_error = py::reinterpret_borrow<py::object>(PyExc_ValueError);
  py::object runtime_error = py::reinterpret_borrow<py::object>(PyExc_RuntimeError);
  g_reserve_error = new_exception(m, "ReserveError", exception,
                                  "Base class of every error raised by libreserve.");
  py::object base = py::reinterpret_borrow<py::object>(g_reserve_error);
  g_input_error = new_exception(m, "InputError", py::make_tuple(base, value_error),
                                "Bad or unsupported input data (CLI exit code 3).");
  g_usage_error = new_exception(m, "UsageError", py::make_tuple(base, value_error),
                                "Bad options or arguments (CLI exit code 2).");
  g_internal_error = new_exception(m, "InternalError", py::make_tuple(base, runtime_error),
                                   "A library bug or an environment failure (CLI exit code 4).");
  for (PyObject* cls : {g_reserve_error, g_input_error, g_usage_error, g_internal_error}) {
    py::handle h(cls);
    h.attr("message") = py::none();
    h.attr("file") = py::none();
    h.attr("layer") = py::none();
    h.attr("feature") = py::none();
  }
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Error& e) {
      raise(e);
    }
  });
}

py::dict to_dict(const SourceRef& where) {
  py::dict d;
  d["file"] = where.file;
  d["layer"] = where.layer;
  d["feature"] = where.feature;
  return d;
}

py::dict to_dict(const Issue& issue) {
  // The library's one serialisation of Issue, read back as a dict (the keys of the JSON reports).
  return py::module_::import("json").attr("loads")(issue_json_text(issue)).cast<py::dict>();
}

py::dict to_dict(const Repair& repair) {
  py::dict d;
  d["file"] = repair.where.file;
  d["layer"] = repair.where.layer;
  d["feature"] = repair.where.feature;
  d["reason"] = repair.reason;
  d["area_before_m2"] = repair.area_before_m2;
  d["area_after_m2"] = repair.area_after_m2;
  d["area_change_m2"] = repair.area_change_m2();
  return d;
}

}  // namespace reserve::python
