// province.html: the province table, the overlaps and the overview map in one self-contained page.
#include <sstream>

#include "report/format.hpp"
#include "reserve/province.hpp"

namespace reserve {
namespace {

using report::html_escape;

constexpr const char* kCss = R"(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1400px;color:#222;line-height:1.45}
h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.88em}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.pass{background:#c8e6c9}td.fail{background:#ffcdd2}td.warn{background:#ffe0b2}td.incomplete{background:#e1bee7}
.small{font-size:.85em;color:#555}figure{text-align:center}figure img{max-width:100%;border:1px solid #ccc}
)";

bool is_status(const std::string& s) {
  return s == "pass" || s == "fail" || s == "warn" || s == "incomplete" || s == "not_evaluated";
}

void overlap_table(std::ostringstream& o, const std::vector<ReserveOverlap>& list,
                   const std::string& crs) {
  if (list.empty()) {
    o << "<p>None 无。</p>\n";
    return;
  }
  o << "<table><tr><th>Reserve A 保护地</th><th>Reserve B 保护地</th><th>Area 面积 (ha)</th>"
       "<th>Area 面积 (m²)</th><th>Lon 经度 (CGCS2000)</th><th>Lat 纬度</th><th>X ("
    << html_escape(crs) << ")</th><th>Y</th></tr>\n";
  for (const auto& v : list)
    o << "<tr><td>" << html_escape(v.reserve_a) << "</td><td>" << html_escape(v.reserve_b)
      << "</td><td class=\"num\">" << report::ha(v.area_m2) << "</td><td class=\"num\">"
      << report::fixed(v.area_m2, 1) << "</td><td class=\"num\">" << report::fixed(v.lon_deg, 6)
      << "</td><td class=\"num\">" << report::fixed(v.lat_deg, 6) << "</td><td class=\"num\">"
      << report::fixed(v.centroid.x, 2) << "</td><td class=\"num\">"
      << report::fixed(v.centroid.y, 2) << "</td></tr>\n";
  o << "</table>\n";
}

}  // namespace

std::string province_html(const ProvinceResult& r, const MapImage* map) {
  const ProvinceTable t = province_table(r);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
       "<title>保护地整合优化检查汇总 Province check</title><style>"
    << kCss << "</style></head><body>\n<h1>保护地整合优化检查汇总 Province check</h1>\n";
  o << "<p class=\"small\">Reserve field 保护地字段: <code>" << html_escape(r.reserve_field)
    << "</code> (" << html_escape(r.reserve_field_reason) << "). Working CRS "
    << html_escape(r.working_crs) << ", area method " << to_string(r.area_method)
    << ". Overall 总体: <b>" << to_string(r.overall) << "</b>. Generated "
    << html_escape(r.generated_utc) << ".</p>\n";
  o << "<h2>Reserves 各保护地</h2>\n<table><tr>";
  for (const auto& h : t.headers) o << "<th>" << html_escape(h) << "</th>";
  o << "</tr>\n";
  for (const auto& row : t.rows) {
    o << "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string cls = t.numeric[c] ? "num" : (is_status(row[c]) ? row[c] : "");
      o << (cls.empty() ? "<td>" : "<td class=\"" + cls + "\">") << html_escape(row[c]) << "</td>";
    }
    o << "</tr>\n";
  }
  o << "</table>\n<h2>Cross-reserve overlaps 交叉重叠</h2>\n<h3>Before 调整前</h3>\n";
  overlap_table(o, r.before_overlaps, r.working_crs);
  o << "<h3>After 调整后</h3>\n";
  overlap_table(o, r.after_overlaps, r.working_crs);
  if (map && !map->png.empty())
    o << "<h2>Overview map 总览图</h2>\n<figure><img alt=\"overview map\" "
         "src=\"data:image/png;base64,"
      << report::base64(map->png.data(), map->png.size()) << "\"><figcaption>"
      << html_escape(map->caption) << "</figcaption></figure>\n";
  o << "</body></html>\n";
  return o.str();
}

}  // namespace reserve
