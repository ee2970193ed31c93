#pragma once
// Shared declarations of the `_core` extension: one bind_<area>() per source file, and the
// conversions between library values and Python objects that several files need.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "reserve/crs.hpp"
#include "reserve/error.hpp"
#include "reserve/geometry.hpp"
#include "reserve/issue.hpp"

namespace reserve::python {

namespace py = pybind11;

void bind_errors(py::module_& m);
void bind_geometry(py::module_& m);
void bind_zone(py::module_& m);
void bind_crs(py::module_& m);
void bind_area(py::module_& m);
void bind_issue(py::module_& m);
void bind_layer(py::module_& m);
void bind_io(py::module_& m);
void bind_zoning(py::module_& m);
void bind_compare(py::module_& m);
void bind_check(py::module_& m);
void bind_conflicts(py::module_& m);
void bind_map(py::module_& m);
void bind_suggest(py::module_& m);   // suggest.cpp
void bind_province(py::module_& m);  // province.cpp

// WKB (ISO, little endian) of a geometry as Python bytes, and back. Bad WKB raises InputError.
py::bytes wkb_bytes(const Geometry& g);
py::bytes wkb_bytes(const MultiPolygon& mp);
Geometry geometry_from_bytes(const py::bytes& wkb);

// Plain dicts for the small value types, shaped like the CLI's JSON.
py::dict to_dict(const SourceRef& where);
py::dict to_dict(const Crs& crs);
py::dict to_dict(const Issue& issue);
py::dict to_dict(const Repair& repair);

}  // namespace reserve::python

namespace reserve {
struct ConflictOverlay;
class ActionTable;
}  // namespace reserve

namespace reserve::python {

// The decision table of the profile a CheckResult was made with (its [[conflicts.decisions]]
// rows), or nullopt for None / a profile without decisions.
std::optional<ActionTable> profile_actions(const py::object& check);

}  // namespace reserve::python
