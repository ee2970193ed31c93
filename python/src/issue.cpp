// Issues and repairs: read-only values with a dict form shaped like the CLI's JSON.
#include "bindings.hpp"

namespace reserve::python {

void bind_issue(py::module_& m) {
  py::enum_<Severity>(m, "Severity")
      .value("info", Severity::info)
      .value("warning", Severity::warning)
      .value("error", Severity::error);
  py::class_<Issue>(m, "Issue", "A finding about the input: code, severity, message, location.")
      .def_property_readonly("code", [](const Issue& i) { return std::string(to_string(i.code)); })
      .def_property_readonly("severity",
                             [](const Issue& i) { return std::string(to_string(i.severity)); })
      .def_readonly("message", &Issue::message)
      .def_property_readonly("file", [](const Issue& i) { return i.where.file; })
      .def_property_readonly("layer", [](const Issue& i) { return i.where.layer; })
      .def_property_readonly("feature", [](const Issue& i) { return i.where.feature; })
      .def_property_readonly("location",
                             [](const Issue& i) -> py::object {
                               if (!i.location) return py::none();
                               return py::make_tuple(i.location->x, i.location->y);
                             })
      .def_readonly("area_m2", &Issue::area_m2)
      .def("to_dict", [](const Issue& i) { return to_dict(i); })
      .def("__repr__", [](const Issue& i) {
        std::string where = describe(i.where);
        return "<Issue " + std::string(to_string(i.severity)) + " " + to_string(i.code) +
               (where.empty() ? "" : " at " + where) + ": " + i.message + ">";
      });
  py::class_<Repair>(m, "Repair", "A geometry repair and the area change it made.")
      .def_readonly("reason", &Repair::reason)
      .def_property_readonly("file", [](const Repair& r) { return r.where.file; })
      .def_property_readonly("layer", [](const Repair& r) { return r.where.layer; })
      .def_property_readonly("feature", [](const Repair& r) { return r.where.feature; })
      .def_readonly("area_before_m2", &Repair::area_before_m2)
      .def_readonly("area_after_m2", &Repair::area_after_m2)
      .def_property_readonly("area_change_m2", &Repair::area_change_m2)
      .def("to_dict", [](const Repair& r) { return to_dict(r); })
      .def("__repr__", [](const Repair& r) {
        return "<Repair " + describe(r.where) + ": " + r.reason + ", area change " +
               std::to_string(r.area_change_m2()) + " m²>";
      });
}

}  // namespace reserve::python
