// Geometry crosses the boundary as WKB bytes: Shapely and GeoPandas read and write it natively,
// and the library's own reader/writer (GEOS) normalises it on the way in.
#include "bindings.hpp"

namespace reserve::python {

py::bytes wkb_bytes(const Geometry& g) { return py::bytes(to_wkb(g)); }

py::bytes wkb_bytes(const MultiPolygon& mp) { return py::bytes(to_wkb(Geometry::from(mp))); }

Geometry geometry_from_bytes(const py::bytes& wkb) {
  return geometry_from_wkb(static_cast<std::string>(wkb));
}

void bind_geometry(py::module_& m) {
  m.def(
      "normalize_wkb", [](const py::bytes& wkb) { return wkb_bytes(geometry_from_bytes(wkb)); },
      py::arg("wkb"),
      "Reads WKB into the library's geometry (multi-parts of one dimension, closed rings, Z/M "
      "dropped) and writes it back. Raises InputError for bad WKB or mixed collections.");
  m.def(
      "wkb_to_wkt",
      [](const py::bytes& wkb, int decimals) { return to_wkt(geometry_from_bytes(wkb), decimals); },
      py::arg("wkb"), py::arg("decimals") = -1, "WKT of a WKB geometry, as the library writes it.");
  m.def(
      "planar_area",
      [](const py::bytes& wkb) {
        const Geometry g = geometry_from_bytes(wkb);
        return planar_area(g.polygons);
      },
      py::arg("wkb"),
      "Planar (shoelace) area in CRS units² of the polygons in a WKB geometry (0 for points and "
      "lines).");
}

}  // namespace reserve::python
