#pragma once
// Text helpers shared by the report writers. Private to the library.
#include <cstdint>
#include <string>
#include <vector>

#include "reserve/compare.hpp"
#include "reserve/rules.hpp"

namespace reserve::report {

std::string fixed(double value, int decimals);
std::string ha(double area_m2);        // "1234.57" (0.01 ha)
std::string percent(double fraction);  // "65.00" (0.01 %)
std::string html_escape(const std::string& text);
std::string markdown_escape(const std::string& text);  // for table cells: | and newlines
std::string base64(const std::uint8_t* data, std::size_t size);
std::string zone_label(Zone z);  // "core 核心区"
// The strictly protected set of a model: "core+buffer 核心区+缓冲区" or "core_protection
// 核心保护区".
std::string strict_set_label(ZoneModel model);
std::string status_zh(VerdictStatus s);
std::string status_symbol(VerdictStatus s);  // "PASS", "FAIL", "WARN", "NOT EVALUATED"
std::string measure_text(const Measure& m);  // "1234.57 ha", "65.00 %", "3"
std::string measure_name(const Measure& m);  // name without a unit suffix the text drops
std::string report_title(const std::string& title);
double noise_m2(const Comparison& c);  // all noise pieces, m²

}  // namespace reserve::report
