#include "report/format.hpp"

#include <fmt/format.h>

namespace reserve::report {

std::string fixed(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s == "-0.00" || s == "-0.0" || s == "-0") s.erase(0, 1);  // no "−0.00 ha" in a report
  return s;
}

std::string ha(double area_m2) { return fixed(to_ha(area_m2), 2); }
std::string percent(double fraction) { return fixed(fraction * 100.0, 2); }

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string base64(const std::uint8_t* data, std::size_t size) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  for (std::size_t i = 0; i < size; i += 3) {
    const std::uint32_t b0 = data[i];
    const std::uint32_t b1 = i + 1 < size ? data[i + 1] : 0;
    const std::uint32_t b2 = i + 2 < size ? data[i + 2] : 0;
    const std::uint32_t v = (b0 << 16) | (b1 << 8) | b2;
    out += table[(v >> 18) & 63];
    out += table[(v >> 12) & 63];
    out += i + 1 < size ? table[(v >> 6) & 63] : '=';
    out += i + 2 < size ? table[v & 63] : '=';
  }
  return out;
}

std::string zone_label(Zone z) { return std::string(to_string(z)) + " " + chinese_name(z); }

std::string strict_set_label(ZoneModel model) {
  return model == ZoneModel::two_zone ? zone_label(Zone::core_protection)
                                      : "core+buffer 核心区+缓冲区";
}

std::string status_zh(VerdictStatus s) {
  switch (s) {
    case VerdictStatus::pass: return "通过";
    case VerdictStatus::fail: return "不通过";
    case VerdictStatus::warn: return "警告";
    case VerdictStatus::not_evaluated: return "未评价";
    case VerdictStatus::incomplete: return "不完整";
  }
  return "未评价";
}

std::string status_symbol(VerdictStatus s) {
  switch (s) {
    case VerdictStatus::pass: return "PASS";
    case VerdictStatus::fail: return "FAIL";
    case VerdictStatus::warn: return "WARN";
    case VerdictStatus::not_evaluated: return "NOT EVALUATED";
    case VerdictStatus::incomplete: return "INCOMPLETE";
  }
  return "NOT EVALUATED";
}

std::string measure_text(const Measure& m) {
  switch (m.unit) {
    case MeasureUnit::m2: return ha(m.value) + " ha";
    case MeasureUnit::fraction: return percent(m.value) + " %";
    case MeasureUnit::count: return fixed(m.value, 0);
    case MeasureUnit::m:
    case MeasureUnit::ratio: break;
  }
  return fixed(m.value, 6) + " " + to_string(m.unit);
}

std::string measure_name(const Measure& m) {
  // Shown in ha or %, so the unit suffix of the stored name would mislead.
  for (const char* suffix : {"_m2"}) {
    const std::string sfx = suffix;
    if (m.name.size() > sfx.size() &&
        m.name.compare(m.name.size() - sfx.size(), sfx.size(), sfx) == 0)
      return m.name.substr(0, m.name.size() - sfx.size());
  }
  return m.name;
}

double noise_m2(const Comparison& c) {
  return c.removed.noise_m2 + c.added.noise_m2 + c.downgraded.noise_m2 + c.upgraded.noise_m2;
}

std::string report_title(const std::string& title) {
  return title.empty() ? "Reserve boundary check 保护区调整核查" : title;
}

}  // namespace reserve::report
