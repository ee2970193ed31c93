// read_layer and inspect_dataset: GDAL reading with the GIL released.
#include "reserve/io.hpp"
#include "bindings.hpp"

namespace reserve::python {

namespace {

ReadOptions read_options(const std::string& layer, const std::string& where,
                         const std::string& encoding, const std::string& assume_crs,
                         const std::string& id_field, const std::string& x_field,
                         const std::string& y_field) {
  ReadOptions o;
  o.layer = layer;
  o.where = where;
  o.encoding = encoding;
  o.assume_crs = assume_crs;
  o.id_field = id_field;
  o.x_field = x_field;
  o.y_field = y_field;
  return o;
}

py::dict to_dict(const FieldInfo& f) {
  py::dict d;
  d["name"] = f.name;
  d["type"] = f.type;
  return d;
}

py::dict to_dict(const LayerInfo& l) {
  py::dict d;
  d["name"] = l.name;
  d["geometry_type"] = l.geometry_type;
  d["feature_count"] = l.feature_count;
  d["crs"] = python::to_dict(l.crs);
  d["encoding"] = l.encoding;
  d["encoding_source"] = l.encoding_source;
  py::list fields;
  for (const auto& f : l.fields) fields.append(to_dict(f));
  d["fields"] = fields;
  d["extent"] = l.extent.valid ? py::object(py::make_tuple(l.extent.min_x, l.extent.min_y,
                                                           l.extent.max_x, l.extent.max_y))
                               : py::object(py::none());
  return d;
}

py::dict to_dict(const DatasetInfo& info) {
  py::dict d;
  d["path"] = info.path;
  d["driver"] = info.driver;
  py::list layers;
  for (const auto& l : info.layers) layers.append(to_dict(l));
  d["layers"] = layers;
  return d;
}

}  // namespace

void bind_io(py::module_& m) {
  py::class_<FieldInfo>(m, "FieldInfo")
      .def_readonly("name", &FieldInfo::name)
      .def_readonly("type", &FieldInfo::type)
      .def("to_dict", [](const FieldInfo& f) { return to_dict(f); })
      .def("__repr__",
           [](const FieldInfo& f) { return "<FieldInfo " + f.name + ": " + f.type + ">"; });
  py::class_<LayerInfo>(m, "LayerInfo")
      .def_readonly("name", &LayerInfo::name)
      .def_readonly("geometry_type", &LayerInfo::geometry_type)
      .def_readonly("feature_count", &LayerInfo::feature_count)
      .def_readonly("crs", &LayerInfo::crs)
      .def_readonly("encoding", &LayerInfo::encoding)
      .def_readonly("encoding_source", &LayerInfo::encoding_source)
      .def_readonly("fields", &LayerInfo::fields)
      .def_property_readonly("extent",
                             [](const LayerInfo& l) -> py::object {
                               if (!l.extent.valid) return py::none();
                               return py::make_tuple(l.extent.min_x, l.extent.min_y, l.extent.max_x,
                                                     l.extent.max_y);
                             })
      .def("to_dict", [](const LayerInfo& l) { return to_dict(l); })
      .def("__repr__", [](const LayerInfo& l) {
        return "<LayerInfo '" + l.name + "' " + l.geometry_type + ", " +
               std::to_string(l.feature_count) + " features, " +
               (l.crs.empty() ? std::string("no CRS") : l.crs.label()) + ", " + l.encoding + ">";
      });
  py::class_<DatasetInfo>(m, "DatasetInfo")
      .def_readonly("path", &DatasetInfo::path)
      .def_readonly("driver", &DatasetInfo::driver)
      .def_readonly("layers", &DatasetInfo::layers)
      .def("to_dict", [](const DatasetInfo& d) { return to_dict(d); })
      .def("__repr__", [](const DatasetInfo& d) {
        std::string names;
        for (const auto& l : d.layers) names += (names.empty() ? "'" : ", '") + l.name + "'";
        return "<DatasetInfo " + d.driver + " '" + d.path + "' layers [" + names + "]>";
      });
  m.def(
      "inspect_dataset",
      [](const std::string& path, const std::string& layer, const std::string& encoding) {
        ReadOptions o;
        o.layer = layer;
        o.encoding = encoding;
        py::gil_scoped_release release;
        return inspect_dataset(path, o);
      },
      py::arg("path"), py::arg("layer") = "", py::arg("encoding") = "");
  m.def(
      "read_layer",
      [](const std::string& path, const std::string& layer, const std::string& where,
         const std::string& encoding, const std::string& assume_crs, const std::string& id_field,
         const std::string& x_field, const std::string& y_field) {
        ReadOptions o =
            read_options(layer, where, encoding, assume_crs, id_field, x_field, y_field);
        py::gil_scoped_release release;
        return read_layer(path, o);
      },
      py::arg("path"), py::arg("layer") = "", py::arg("where") = "", py::arg("encoding") = "",
      py::arg("assume_crs") = "", py::arg("id_field") = "", py::arg("x_field") = "",
      py::arg("y_field") = "");
  m.def(
      "read_corner_points",
      [](const std::string& path, const std::string& encoding, const std::string& assume_crs,
         const std::string& id_field, const std::string& x_field, const std::string& y_field) {
        ReadOptions o = read_options("", "", encoding, assume_crs, id_field, x_field, y_field);
        py::gil_scoped_release release;
        return read_corner_points(path, o);
      },
      py::arg("path"), py::arg("encoding") = "", py::arg("assume_crs") = "",
      py::arg("id_field") = "", py::arg("x_field") = "", py::arg("y_field") = "");
}

}  // namespace reserve::python
