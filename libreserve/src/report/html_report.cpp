// The self-contained HTML report: inline CSS, no scripts, no external resources; the map (when
// given) is embedded as a data URI in <figure id="map">.
#include <sstream>

#include "report/format.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

using report::ha;
using report::html_escape;
using report::noise_m2;
using report::percent;

constexpr const char* kCss = R"(
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
th,td{border:1px solid #bbb;padding:.3em .6em;vertical-align:top}th{background:#f0f0f0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.status{display:inline-block;padding:.1em .6em;border-radius:.3em;font-weight:bold;color:#fff;white-space:nowrap}
.pass{background:#2e7d32}.fail{background:#c62828}.warn{background:#ef6c00}.not_evaluated{background:#616161}.incomplete{background:#6a1b9a}
.summary{border:2px solid #999;padding:.8em 1em;border-radius:.4em;background:#fafafa}
.small{font-size:.85em;color:#555}code{font-size:.9em;word-break:break-all}
figure#map{margin:1em 0;text-align:center}figure#map img{max-width:100%;border:1px solid #ccc}
)";

std::string badge(VerdictStatus s) {
  return std::string("<span class=\"status ") + to_string(s) + "\">" + report::status_symbol(s) +
         " " + report::status_zh(s) + "</span>";
}

std::string num(const std::string& text) { return "<td class=\"num\">" + text + "</td>"; }

void zone_rows(std::ostringstream& o, const ZoningSummary& before, const ZoningSummary& after,
               ZoneModel model) {
  o << "<table><tr><th>Zone 功能区</th><th>Before 调整前 (ha)</th><th>Share 占比</th>"
       "<th>After 调整后 (ha)</th><th>Share 占比</th><th>Change 变化 (ha)</th></tr>\n";
  for (const auto& b : before.zones) {
    const double a = after.area_m2(b.zone);
    o << "<tr><td>" << html_escape(report::zone_label(b.zone)) << "</td>" << num(ha(b.area_m2))
      << num(percent(b.share) + " %") << num(ha(a)) << num(percent(after.share(b.zone)) + " %")
      << num(ha(a - b.area_m2)) << "</tr>\n";
  }
  o << "<tr><td>" << html_escape(report::strict_set_label(model)) << "</td>"
    << num(ha(before.strict_m2)) << num(percent(before.strict_share) + " %")
    << num(ha(after.strict_m2)) << num(percent(after.strict_share) + " %")
    << num(ha(after.strict_m2 - before.strict_m2)) << "</tr>\n<tr><th>total 合计</th>"
    << num("<b>" + ha(before.total_m2) + "</b>") << num("100.00 %")
    << num("<b>" + ha(after.total_m2) + "</b>") << num("100.00 %")
    << num("<b>" + ha(after.total_m2 - before.total_m2) + "</b>") << "</tr></table>\n";
}

void original_rows(std::ostringstream& o, const ZoningSummary& s, const char* side) {
  o << "<p>Original " << side << " figures (" << to_string(s.model)
    << "):</p><table><tr><th>Zone 功能区</th><th>Area (ha)</th><th>Share 占比</th></tr>\n";
  for (const auto& z : s.zones)
    o << "<tr><td>" << html_escape(report::zone_label(z.zone)) << "</td>" << num(ha(z.area_m2))
      << num(percent(z.share) + " %") << "</tr>\n";
  o << "<tr><th>total 合计</th>" << num(ha(s.total_m2)) << num("100.00 %") << "</tr></table>\n";
}

void map_figure(std::ostringstream& o, const MapImage& map) {
  o << "<figure id=\"map\">";
  if (!map.svg.empty()) {
    o << "<img alt=\"map\" src=\"data:image/svg+xml;base64,"
      << report::base64(reinterpret_cast<const std::uint8_t*>(map.svg.data()), map.svg.size())
      << "\">";
  } else if (!map.png.empty()) {
    o << "<img alt=\"map\" src=\"data:image/png;base64,"
      << report::base64(map.png.data(), map.png.size()) << "\">";
  } else {
    o << "<p class=\"small\">No map was rendered for this report. 本报告未附地图。</p>";
  }
  if (!map.caption.empty()) o << "<figcaption>" << html_escape(map.caption) << "</figcaption>";
  o << "</figure>\n";
}

}  // namespace

std::string report_html(const Report& r) {
  const Comparison& c = r.comparison;
  const Audit& a = r.audit;
  const std::string title = report::report_title(r.title);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    << "<meta name=\"generator\" content=\"libreserve " << html_escape(a.library_version) << "\">"
    << "<title>" << html_escape(title) << "</title><style>" << kCss << "</style></head><body>\n";
  o << "<h1>" << html_escape(title) << "</h1>\n";

  // Verdict summary first: what a reviewer reads before anything else.
  o << "<div class=\"summary\"><p>Result 结论: " << badge(r.overall) << "</p>"
    << "<p class=\"small\">Profile 规则配置 <b>" << html_escape(a.profile_name) << "</b> version "
    << html_escape(a.profile_version) << " · area method 面积算法 " << to_string(c.area_method)
    << " · working CRS 工作坐标系 " << html_escape(a.working_crs) << " · total 总面积 "
    << ha(c.before.total_m2) << " → " << ha(c.after.total_m2) << " ha</p>\n"
    << "<table><tr><th>Rule 规则</th><th>Status 结果</th><th>Explanation 说明</th></tr>\n";
  for (const auto& v : r.verdicts) {
    o << "<tr><td>" << html_escape(v.title_zh) << "<br>" << html_escape(v.title_en) << "<br><code>"
      << html_escape(v.rule_id) << "</code></td><td>" << badge(v.status) << "</td><td>"
      << html_escape(v.explanation_zh) << "<br><span class=\"small\">"
      << html_escape(v.explanation_en) << "</span></td></tr>\n";
  }
  o << "</table></div>\n";

  map_figure(o, r.map);

  o << "<h2>Zone areas 功能区面积</h2>\n";
  zone_rows(o, c.before, c.after, c.model);
  if (c.before_original) original_rows(o, *c.before_original, "baseline");
  if (c.after_original) original_rows(o, *c.after_original, "proposal");

  o << "<h2>Transition matrix 转移矩阵 (ha)</h2>\n<p class=\"small\">Rows: zone before; columns: "
       "zone after. 行为调整前功能区，列为调整后功能区。</p><table><tr><th>before \\ after</th>";
  for (Zone z : c.axis) o << "<th>" << html_escape(report::zone_label(z)) << "</th>";
  o << "</tr>\n";
  for (Zone from : c.axis) {
    o << "<tr><th>" << html_escape(report::zone_label(from)) << "</th>";
    for (Zone to : c.axis) {
      const TransitionCell* cell = c.cell(from, to);
      o << num(cell ? ha(cell->area_m2) : std::string("—"));
    }
    o << "</tr>\n";
  }
  o << "</table>\n";

  o << "<h2>Removed, added, downgraded 调出、调入、降级 (ha)</h2>\n<table><tr><th>Change 变化</th>"
       "<th>Raw 全部</th><th>Noise 噪声</th><th>Significant 实际</th><th>Pieces 块数</th></tr>\n";
  for (const auto& [name, set] :
       {std::pair{"removed 调出", &c.removed}, std::pair{"added 调入", &c.added},
        std::pair{"downgraded 降级", &c.downgraded}, std::pair{"upgraded 升级", &c.upgraded}}) {
    o << "<tr><td>" << name << "</td>" << num(ha(set->area_m2)) << num(ha(set->noise_m2))
      << num(ha(set->significant_m2())) << num(std::to_string(set->pieces.size())) << "</tr>\n";
  }
  o << "<tr><th>net 净变化</th>" << num(ha(c.net_change_m2())) << "<td></td><td></td><td></td>"
    << "</tr></table>\n<p class=\"small\">Noise tolerance 噪声容差: width ≤ "
    << report::fixed(c.noise.max_width_m, 2) << " m and area ≤ "
    << report::fixed(c.noise.max_area_m2, 2) << " m² (width = 2·area/perimeter). "
    << c.noise_pieces().size() << " noise piece(s) totalling " << report::fixed(noise_m2(c), 2)
    << " m², kept in the raw figures.</p>\n";

  o << "<h2>Evidence 证据</h2>\n";
  for (const auto& v : r.verdicts) {
    o << "<h3>" << html_escape(v.title_zh) << " / " << html_escape(v.title_en) << " "
      << badge(v.status) << "</h3>\n<p>Threshold 标准: " << html_escape(v.threshold_text)
      << "</p>\n";
    if (!v.measured.empty()) {
      o << "<table><tr><th>Measured 实测</th><th>Value</th></tr>";
      for (const auto& m : v.measured)
        o << "<tr><td><code>" << html_escape(report::measure_name(m)) << "</code></td>"
          << num(html_escape(report::measure_text(m))) << "</tr>";
      o << "</table>\n";
    }
    if (v.evidence.empty()) continue;
    o << "<ul>";
    for (const auto& e : v.evidence)
      o << "<li><code>" << html_escape(e.id) << "</code> " << html_escape(e.description) << "</li>";
    o << "</ul>\n";
  }

  for (const auto& s : r.sections)
    if (!s.html.empty())
      o << "<h2>" << html_escape(s.title_zh) << " " << html_escape(s.title_en) << "</h2>\n"
        << s.html << "\n";

  o << "<h2>Repairs 几何修复</h2>\n";
  if (a.repairs.empty()) {
    o << "<p>None. 无。</p>\n";
  } else {
    o << "<table><tr><th>Side</th><th>Where</th><th>Reason</th><th>Area before (m²)</th>"
         "<th>Area after (m²)</th><th>Δ (m²)</th></tr>\n";
    for (const auto& rep : a.repairs)
      o << "<tr><td>" << rep.side << "</td><td>" << html_escape(describe(rep.repair.where))
        << "</td><td>" << html_escape(rep.repair.reason) << "</td>"
        << num(report::fixed(rep.repair.area_before_m2, 2))
        << num(report::fixed(rep.repair.area_after_m2, 2))
        << num(report::fixed(rep.repair.area_change_m2(), 2)) << "</tr>\n";
    o << "</table>\n";
  }

  o << "<h2>Audit 审计信息</h2>\n<table><tr><th>Input 输入</th><th>Path</th><th>Layer</th>"
       "<th>SHA-256</th><th>Source CRS</th><th>Edges 边线模型</th></tr>\n";
  for (const auto& i : a.inputs)
    o << "<tr><td>" << html_escape(i.role) << "</td><td><code>" << html_escape(i.path)
      << "</code></td><td>" << html_escape(i.layer) << "</td><td><code>" << html_escape(i.sha256)
      << "</code></td><td>" << html_escape(i.source_crs) << "</td><td>" << html_escape(i.edge_model)
      << "</td></tr>\n";
  o << "</table>\n<table>"
    << "<tr><th>Working CRS 工作坐标系</th><td>" << html_escape(a.working_crs) << "</td></tr>"
    << "<tr><th>Area method 面积算法</th><td>" << to_string(a.area_method) << "</td></tr>"
    << "<tr><th>Tolerance 容差</th><td>" << report::fixed(a.tolerance.abs_ha, 4) << " ha or "
    << report::fixed(a.tolerance.rel, 6) << " relative (the larger)</td></tr>"
    << "<tr><th>Profile 规则配置</th><td>" << html_escape(a.profile_name) << " version "
    << html_escape(a.profile_version) << " <code>" << html_escape(a.profile_path)
    << "</code></td></tr>"
    << "<tr><th>Library 软件版本</th><td>libreserve " << html_escape(a.library_version)
    << "</td></tr><tr><th>Generated 生成时间 (UTC)</th><td>" << html_escape(a.generated_utc)
    << "</td></tr><tr><th>Command 命令</th><td><code>" << html_escape(a.command_line)
    << "</code></td></tr></table>\n</body></html>\n";
  return o.str();
}

}  // namespace reserve
