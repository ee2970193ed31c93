// Area by a named method, for single geometries and for whole WKB arrays (GeoSeries).
#include <vector>

#include "bindings.hpp"
#include "reserve/area.hpp"

namespace reserve::python {

void bind_area(py::module_& m) {
  m.def(
      "area_m2",
      [](const std::vector<py::bytes>& wkbs, const Crs& crs, const std::string& method) {
        const AreaMethod how = area_method_from_string(method);
        std::vector<Geometry> geoms;
        geoms.reserve(wkbs.size());
        for (const auto& w : wkbs) geoms.push_back(geometry_from_bytes(w));
        std::vector<double> out(geoms.size(), 0.0);
        py::gil_scoped_release release;
        AreaCalculator calc(crs, how);
        for (std::size_t i = 0; i < geoms.size(); ++i) out[i] = calc.area_m2(geoms[i].polygons);
        return out;
      },
      py::arg("wkbs"), py::arg("crs"), py::arg("method") = "geodesic",
      "Area in m² of each WKB geometry given in `crs` (0 for points and lines), by method "
      "\"geodesic\" (Karney on the CRS's ellipsoid), \"planar\" (projected CRS in metres) or "
      "\"survey\" (the land surveys' ellipsoidal trapezoids, 国土调查办发〔2008〕32号).");
}

}  // namespace reserve::python
