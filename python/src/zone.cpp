// Zone kinds and models: Python enums whose values print as the library's ids ("core", …).
#include "reserve/zone.hpp"
#include "bindings.hpp"

namespace reserve::python {

void bind_zone(py::module_& m) {
  py::enum_<Zone>(m, "Zone", "Zone kinds, strictest first within each model.")
      .value("core", Zone::core)
      .value("buffer", Zone::buffer)
      .value("experimental", Zone::experimental)
      .value("core_protection", Zone::core_protection)
      .value("general_control", Zone::general_control)
      .value("outside", Zone::outside)
      .def_property_readonly("id", [](Zone z) { return std::string(to_string(z)); })
      .def_property_readonly("chinese_name", [](Zone z) { return std::string(chinese_name(z)); })
      .def_property_readonly("english_name", [](Zone z) { return std::string(english_name(z)); })
      .def_property_readonly("strictness", [](Zone z) { return strictness(z); });
  py::enum_<ZoneModel>(m, "ZoneModel", "Three-zone (1994/2017) or two-zone (2019+) model.")
      .value("three_zone", ZoneModel::three_zone)
      .value("two_zone", ZoneModel::two_zone)
      .def_property_readonly("id", [](ZoneModel z) { return std::string(to_string(z)); });
  m.def(
      "chinese_name", [](Zone z) { return std::string(chinese_name(z)); }, py::arg("zone"),
      "The zone's Chinese name, e.g. 核心区.");
  m.def(
      "zone_from_string",
      [](const std::string& id) {
        auto z = zone_from_string(id);
        if (!z)
          throw UsageError("unknown zone '" + id +
                           "'; use core, buffer, experimental, core_protection, general_control "
                           "or outside");
        return *z;
      },
      py::arg("id"), "The zone with this id (\"core\", …). Raises UsageError for an unknown id.");
  m.def(
      "zone_for_label",
      [](const std::string& label, const std::string& mapping) -> py::object {
        ZoneScheme scheme = ZoneScheme::defaults();
        if (!mapping.empty()) scheme.add_mapping(mapping);
        auto z = scheme.lookup(label);
        return z ? py::cast(*z) : py::none();
      },
      py::arg("label"), py::arg("mapping") = "",
      "The zone a source label maps to (核心区 → core, …), or None. `mapping` adds "
      "\"label=zone\" pairs.");
}

}  // namespace reserve::python
