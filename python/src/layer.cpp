// reserve::Layer in Python: read from a file (read_layer) or built in memory from a GeoDataFrame
// (WKB geometries, text attributes, CRS), normalised the way the GDAL reader normalises.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "bindings.hpp"
#include "reserve/io.hpp"

namespace reserve::python {
namespace {

void close_and_orient(MultiPolygon& mp) {
  for (auto& poly : mp.polygons) {
    auto fix = [](Ring& r, bool ccw) {
      if (!r.empty() && !(r.front() == r.back())) r.push_back(r.front());
      if ((signed_ring_area(r) < 0.0) == ccw) std::reverse(r.begin(), r.end());
    };
    fix(poly.outer, true);
    for (auto& h : poly.holes) fix(h, false);
  }
}

Issue feature_warning(IssueCode code, const std::string& message, const Layer& layer,
                      const std::string& id) {
  Issue i;
  i.code = code;
  i.severity = Severity::warning;
  i.message = message;
  i.where = SourceRef{layer.path, layer.name, id};
  return i;
}

using IssueText = std::optional<std::pair<std::string, std::string>>;  // (code, message)

// Whether WKB (ISO: type 1001…1007 Z, 3001…3007 ZM; EWKB as Shapely and PostGIS write it: flag
// 0x80000000) carries Z values, which the library drops: read_layer says so for files.
bool wkb_has_z(const std::string& wkb) {
  if (wkb.size() < 5) return false;
  std::uint32_t type = 0;
  for (int k = 0; k < 4; ++k) {
    const auto byte = static_cast<std::uint32_t>(static_cast<unsigned char>(wkb[1 + k]));
    type |= wkb[0] == 1 ? byte << (8 * k) : byte << (8 * (3 - k));
  }
  const std::uint32_t iso = (type & 0x0FFFFFFFu) / 1000;
  return (type & 0x80000000u) != 0 || iso == 1 || iso == 3;
}

IssueCode code_from_python(const std::string& code, const std::string& id) {
  // Codes cross the Python boundary as strings; they must be one of the library's codes.
  const auto c = issue_code_from_string(code);
  if (!c) throw UsageError("unknown issue code '" + code + "' for row " + id);
  return *c;
}

// Builds a Layer from parallel columns. `wkbs[i]` is None for a null geometry; `problems[i]`,
// when not None, is (code, message) of a geometry the caller already knows must be skipped;
// `notes[i]` (empty: none) is (code, message) of a warning about a feature that is kept, e.g. a
// GeometryCollection whose stray points are dropped as read_layer drops them.
Layer layer_from_records(const std::string& name, const std::string& path, const Crs& crs,
                         const std::vector<std::string>& ids,
                         const std::vector<std::optional<py::bytes>>& wkbs,
                         const std::vector<std::string>& fields,
                         const std::vector<std::vector<std::optional<std::string>>>& rows,
                         const std::vector<IssueText>& problems,
                         const std::vector<IssueText>& notes) {
  if (ids.size() != wkbs.size() || rows.size() != wkbs.size() || problems.size() != wkbs.size() ||
      (!notes.empty() && notes.size() != wkbs.size()))
    throw UsageError("layer columns differ in length; give one id, geometry and row per feature");
  if (crs.empty())
    throw InputError("the data has no CRS; set one (e.g. gdf.set_crs('EPSG:4490')) or pass crs=",
                     SourceRef{path, name, ""});
  Layer layer;
  layer.path = path;
  layer.name = name;
  layer.driver = "memory";
  layer.crs = crs;
  layer.encoding = "UTF-8";
  layer.fields = fields;
  std::size_t dropped_z = 0;
  for (std::size_t i = 0; i < wkbs.size(); ++i) {
    if (rows[i].size() != fields.size())
      throw UsageError("row " + std::to_string(i) + " has " + std::to_string(rows[i].size()) +
                       " values for " + std::to_string(fields.size()) + " fields");
    if (problems[i]) {
      layer.issues.push_back(feature_warning(code_from_python(problems[i]->first, ids[i]),
                                             problems[i]->second, layer, ids[i]));
      continue;
    }
    if (!wkbs[i]) {
      layer.issues.push_back(feature_warning(
          IssueCode::null_geometry, "the feature has no geometry; it is skipped", layer, ids[i]));
      continue;
    }
    Feature f;
    f.id = ids[i];
    if (wkb_has_z(std::string(*wkbs[i]))) ++dropped_z;
    try {
      f.geometry = geometry_from_bytes(*wkbs[i]);
    } catch (const InputError& e) {
      throw InputError(e.message(), SourceRef{path, name, ids[i]});
    }
    if (f.geometry.empty()) {
      layer.issues.push_back(feature_warning(IssueCode::empty_geometry,
                                             "the feature's geometry is empty; it is skipped",
                                             layer, ids[i]));
      continue;
    }
    if (f.geometry.kind == GeometryKind::polygon) close_and_orient(f.geometry.polygons);
    if (!notes.empty() && notes[i])
      layer.issues.push_back(feature_warning(code_from_python(notes[i]->first, ids[i]),
                                             notes[i]->second, layer, ids[i]));
    for (std::size_t k = 0; k < fields.size(); ++k)
      f.attributes.push_back(
          Attribute{fields[k], rows[i][k].value_or(std::string()), !rows[i][k].has_value()});
    layer.features.push_back(std::move(f));
  }
  if (dropped_z > 0) {
    Issue i;
    i.code = IssueCode::dropped_z;
    i.severity = Severity::info;
    i.message =
        "Z values dropped from " + std::to_string(dropped_z) + " feature(s); all analysis is 2D";
    i.where = SourceRef{layer.path, layer.name, {}};
    layer.issues.push_back(std::move(i));
  }
  return layer;
}

py::object helpers() { return py::module_::import("libreserve._frames"); }

}  // namespace

void bind_layer(py::module_& m) {
  py::class_<Layer>(m, "Layer",
                    "Features of one layer, read from a file or built from a GeoDataFrame. "
                    "Geometries are normalised (multi-parts, closed rings, CCW shells, Z/M "
                    "dropped); text attributes are UTF-8.")
      .def_readonly("path", &Layer::path)
      .def_readonly("name", &Layer::name)
      .def_readonly("driver", &Layer::driver)
      .def_readonly("sha256", &Layer::sha256)
      .def_readonly("crs", &Layer::crs)
      .def_readonly("encoding", &Layer::encoding)
      .def_readonly("fields", &Layer::fields)
      .def_readonly("issues", &Layer::issues)
      .def("__len__", [](const Layer& l) { return l.features.size(); })
      .def_property_readonly("ids",
                             [](const Layer& l) {
                               std::vector<std::string> out;
                               for (const auto& f : l.features) out.push_back(f.id);
                               return out;
                             })
      .def(
          "wkbs",
          [](const Layer& l) {
            py::list out;
            for (const auto& f : l.features) out.append(wkb_bytes(f.geometry));
            return out;
          },
          "WKB of every feature's geometry, in feature order.")
      .def(
          "columns",
          [](const Layer& l) {
            py::dict out;
            for (const auto& name : l.fields) {
              py::list col;
              for (const auto& f : l.features) {
                py::object v = py::none();
                for (const auto& a : f.attributes)
                  if (a.name == name && !a.is_null) v = py::str(a.value);
                col.append(v);
              }
              out[py::str(name)] = col;
            }
            return out;
          },
          "Attribute columns as {field: [text or None, …]}, in feature order.")
      .def(
          "to_geopandas",
          [](const py::object& self) { return helpers().attr("layer_to_geopandas")(self); },
          "A GeoDataFrame with an `id` column, the attributes (as text) and the geometry, in "
          "the layer's CRS.")
      .def("to_dict", [](const py::object& self) { return helpers().attr("layer_to_dict")(self); })
      .def("__repr__", [](const Layer& l) {
        return "<Layer '" + l.name + "' " + std::to_string(l.features.size()) + " features, " +
               (l.crs.empty() ? std::string("no CRS") : l.crs.label()) + ", " +
               std::to_string(l.issues.size()) + " issues>";
      });
  m.def("layer_from_records", &layer_from_records, py::arg("name"), py::arg("path"), py::arg("crs"),
        py::arg("ids"), py::arg("wkbs"), py::arg("fields"), py::arg("rows"), py::arg("problems"),
        py::arg("notes") = std::vector<IssueText>{},
        "Builds a Layer in memory from parallel columns (used by libreserve.from_geopandas).");
}

}  // namespace reserve::python
