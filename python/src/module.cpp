// The `libreserve._core` extension: thin bindings over the C++ library.
#include <pybind11/pybind11.h>

#include "reserve/version.hpp"
#include "reserve/zone.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of libreserve (C++). Use the `libreserve` package, not this module.";
  m.attr("__version__") = RESERVE_VERSION_STRING;
  py::enum_<reserve::Zone>(m, "Zone")
      .value("core", reserve::Zone::core)
      .value("buffer", reserve::Zone::buffer)
      .value("experimental", reserve::Zone::experimental)
      .value("core_protection", reserve::Zone::core_protection)
      .value("general_control", reserve::Zone::general_control)
      .value("outside", reserve::Zone::outside);
  m.def(
      "chinese_name", [](reserve::Zone z) { return std::string(reserve::chinese_name(z)); },
      py::arg("zone"), "The zone's Chinese name, e.g. 核心区.");
}
