// Crs as a read-only Python value; pyproj interop happens in Python (Crs.wkt is WKT2:2019).
#include "reserve/crs.hpp"
#include "bindings.hpp"

namespace reserve::python {

py::dict to_dict(const Crs& crs) {
  py::dict d;
  d["label"] = crs.empty() ? std::string() : crs.label();
  d["name"] = crs.name;
  d["epsg"] = crs.epsg ? py::object(py::int_(*crs.epsg)) : py::object(py::none());
  d["wkt"] = crs.wkt;
  d["is_geographic"] = crs.is_geographic;
  d["is_projected"] = crs.is_projected;
  return d;
}

void bind_crs(py::module_& m) {
  py::class_<Crs>(m, "Crs",
                  "A coordinate reference system (WKT2:2019 plus its EPSG code when PROJ "
                  "identifies one). Build with Crs(\"EPSG:4544\"); compare with ==.")
      .def(py::init([](const std::string& text) { return Crs::from_user_input(text); }),
           py::arg("text"),
           "From \"EPSG:4544\", \"4544\", WKT, PROJJSON or a PROJ string. Raises UsageError when "
           "PROJ cannot read it.")
      .def_static("from_epsg", &Crs::from_epsg, py::arg("code"))
      .def_readonly("wkt", &Crs::wkt)
      .def_readonly("name", &Crs::name)
      .def_readonly("epsg", &Crs::epsg)
      .def_readonly("is_geographic", &Crs::is_geographic)
      .def_readonly("is_projected", &Crs::is_projected)
      .def_readonly("linear_unit_m", &Crs::linear_unit_m,
                    "Metres per coordinate unit of a projected CRS (1 for metres; 1 when not "
                    "projected)")
      .def_property_readonly("label", &Crs::label)
      .def_property_readonly("empty", &Crs::empty)
      .def("to_dict", [](const Crs& c) { return to_dict(c); })
      .def("__eq__",
           [](const Crs& a, const py::object& other) {
             if (!py::isinstance<Crs>(other)) return false;
             return equivalent(a, other.cast<const Crs&>());
           })
      .def("__hash__", [](const Crs& c) { return py::hash(py::str(c.label())); })
      .def("__repr__", [](const Crs& c) {
        if (c.empty()) return std::string("Crs(<unknown>)");
        return "Crs('" + c.label() + "'" + (c.epsg ? ", name='" + c.name + "'" : "") + ")";
      });
  m.def("gk3_zone_for_longitude", &gk3_zone_for_longitude, py::arg("lon_deg"),
        "CGCS2000 3° Gauss–Krüger zone number (25…45) of a longitude.");
  m.def("gk3_epsg", &gk3_epsg, py::arg("zone"), py::arg("zone_prefixed_easting") = false,
        "EPSG code of a CGCS2000 3° Gauss–Krüger zone (4534…4554, or 4513…4533 with the zone "
        "prefix in the easting).");
  m.def(
      "choose_working_crs",
      [](const Crs& crs, double min_x, double min_y, double max_x, double max_y) {
        Envelope e;
        e.expand(Point{min_x, min_y});
        e.expand(Point{max_x, max_y});
        return choose_working_crs(crs, e);
      },
      py::arg("crs"), py::arg("min_x"), py::arg("min_y"), py::arg("max_x"), py::arg("max_y"),
      "The CRS itself when projected, else the CGCS2000 3° GK zone of the extent's centre.");
  m.def(
      "transform_wkb",
      [](const py::bytes& wkb, const Crs& from, const Crs& to) {
        Geometry g = geometry_from_bytes(wkb);
        {
          py::gil_scoped_release release;
          Transformer t(from, to);
          t.apply(g);
        }
        return wkb_bytes(g);
      },
      py::arg("wkb"), py::arg("from_crs"), py::arg("to_crs"),
      "Reprojects a WKB geometry (traditional GIS axis order on both sides).");
}

}  // namespace reserve::python
