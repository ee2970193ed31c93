// The `libreserve._core` extension: thin bindings over the C++ library. The Pythonic surface
// (keyword arguments, result objects, pandas/GeoPandas conversion, notebook display) lives in
// the pure-Python package; this module only moves values across and releases the GIL.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "reserve/version.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of libreserve (C++). Use the `libreserve` package, not this module.";
  m.attr("__version__") = RESERVE_VERSION_STRING;
  reserve::python::bind_errors(m);
  reserve::python::bind_geometry(m);
  reserve::python::bind_zone(m);
  reserve::python::bind_crs(m);
  reserve::python::bind_area(m);
  reserve::python::bind_issue(m);
  reserve::python::bind_layer(m);
  reserve::python::bind_io(m);
  reserve::python::bind_zoning(m);
  reserve::python::bind_compare(m);
  reserve::python::bind_conflicts(m);
  reserve::python::bind_check(m);
  reserve::python::bind_map(m);
  reserve::python::bind_suggest(m);
  reserve::python::bind_province(m);
}
