// The Markdown report: the verdicts first, then the figures behind them, then the audit block.
#include <sstream>

#include "report/format.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

using report::ha;
using report::markdown_escape;
using report::noise_m2;
using report::percent;
using report::zone_label;

void summary_table(std::ostringstream& o, const ZoningSummary& before, const ZoningSummary& after,
                   ZoneModel model) {
  o << "| Zone 功能区 | Before 调整前 (ha) | Share 占比 | After 调整后 (ha) | Share 占比 | Change "
       "变化 (ha) |\n|---|---:|---:|---:|---:|---:|\n";
  for (std::size_t i = 0; i < before.zones.size(); ++i) {
    const auto& b = before.zones[i];
    const double a = after.area_m2(b.zone);
    o << "| " << zone_label(b.zone) << " | " << ha(b.area_m2) << " | " << percent(b.share)
      << " % | " << ha(a) << " | " << percent(after.share(b.zone)) << " % | " << ha(a - b.area_m2)
      << " |\n";
  }
  o << "| " << report::strict_set_label(model) << " | " << ha(before.strict_m2) << " | "
    << percent(before.strict_share) << " % | " << ha(after.strict_m2) << " | "
    << percent(after.strict_share) << " % | " << ha(after.strict_m2 - before.strict_m2) << " |\n";
  o << "| **total 合计** | **" << ha(before.total_m2) << "** | 100.00 % | **" << ha(after.total_m2)
    << "** | 100.00 % | **" << ha(after.total_m2 - before.total_m2) << "** |\n\n";
}

void original_table(std::ostringstream& o, const ZoningSummary& s, const char* side) {
  o << "Original " << side << " figures (" << to_string(s.model) << "):\n\n"
    << "| Zone 功能区 | Area (ha) | Share 占比 |\n|---|---:|---:|\n";
  for (const auto& z : s.zones)
    o << "| " << zone_label(z.zone) << " | " << ha(z.area_m2) << " | " << percent(z.share)
      << " % |\n";
  o << "| total 合计 | " << ha(s.total_m2) << " | 100.00 % |\n\n";
}

}  // namespace

std::string report_markdown(const Report& r) {
  const Comparison& c = r.comparison;
  std::ostringstream o;
  o << "# " << report::report_title(r.title) << "\n\n";
  o << "**Result 结论: " << report::status_symbol(r.overall) << " " << report::status_zh(r.overall)
    << "** — profile `" << r.audit.profile_name << "` version " << r.audit.profile_version
    << ", area method `" << to_string(c.area_method) << "`, working CRS " << c.crs.label()
    << ".\n\n";

  o << "## Verdicts 核查结论\n\n| Rule 规则 | Status 结果 | Measured 实测 | Threshold 标准 |\n"
       "|---|---|---|---|\n";
  for (const auto& v : r.verdicts) {
    std::string measured;
    for (const auto& m : v.measured)
      measured += (measured.empty() ? "" : "; ") + report::measure_name(m) + " = " +
                  report::measure_text(m);
    o << "| " << markdown_escape(v.title_zh + " " + v.title_en) << " (`" << v.rule_id << "`) | "
      << report::status_symbol(v.status) << " " << report::status_zh(v.status) << " | "
      << markdown_escape(measured) << " | " << markdown_escape(v.threshold_text) << " |\n";
  }
  o << "\n";
  for (const auto& v : r.verdicts) {
    o << "### " << v.title_zh << " / " << v.title_en << " — " << report::status_symbol(v.status)
      << "\n\n"
      << v.explanation_zh << "\n\n"
      << v.explanation_en << "\n\n";
    if (!v.evidence.empty()) {
      o << "Evidence 证据:\n\n";
      for (const auto& e : v.evidence) o << "- `" << e.id << "` " << e.description << "\n";
      o << "\n";
    }
  }

  o << "## Zone areas 功能区面积\n\n";
  summary_table(o, c.before, c.after, c.model);
  if (c.before_original) original_table(o, *c.before_original, "baseline");
  if (c.after_original) original_table(o, *c.after_original, "proposal");

  o << "## Transition matrix 转移矩阵 (ha; rows before, columns after)\n\n| before \\ after |";
  for (Zone z : c.axis) o << " " << zone_label(z) << " |";
  o << "\n|---|";
  for (std::size_t i = 0; i < c.axis.size(); ++i) o << "---:|";
  o << "\n";
  for (Zone from : c.axis) {
    o << "| " << zone_label(from) << " |";
    for (Zone to : c.axis) {
      const TransitionCell* cell = c.cell(from, to);
      o << " " << (cell ? ha(cell->area_m2) : std::string("—")) << " |";
    }
    o << "\n";
  }
  o << "\n## Changes 变化 (ha)\n\n| Change 变化 | Raw 全部 | Noise 噪声 | Significant 实际 | "
       "Pieces "
       "块数 |\n|---|---:|---:|---:|---:|\n";
  for (const auto& [name, set] :
       {std::pair{"removed 调出", &c.removed}, std::pair{"added 调入", &c.added},
        std::pair{"downgraded 降级", &c.downgraded}, std::pair{"upgraded 升级", &c.upgraded}}) {
    o << "| " << name << " | " << ha(set->area_m2) << " | " << ha(set->noise_m2) << " | "
      << ha(set->significant_m2()) << " | " << set->pieces.size() << " |\n";
  }
  o << "| net 净变化 | " << ha(c.net_change_m2()) << " | | | |\n\n";
  o << "Noise tolerance 噪声容差: width ≤ " << report::fixed(c.noise.max_width_m, 2)
    << " m and area ≤ " << report::fixed(c.noise.max_area_m2, 2)
    << " m² (width = 2·area/perimeter); " << c.noise_pieces().size() << " noise piece(s) totalling "
    << report::fixed(noise_m2(c), 2) << " m², kept in the raw figures.\n\n";

  for (const auto& s : r.sections)
    if (!s.markdown.empty())
      o << "## " << s.title_zh << " " << s.title_en << "\n\n" << s.markdown << "\n\n";

  const Audit& a = r.audit;
  o << "## Audit 审计信息\n\n";
  o << "| Input 输入 | Path | Layer | SHA-256 | Source CRS | Edges 边线模型 |\n"
       "|---|---|---|---|---|---|\n";
  for (const auto& i : a.inputs)
    o << "| " << i.role << " | " << markdown_escape(i.path) << " | " << markdown_escape(i.layer)
      << " | `" << i.sha256 << "` | " << i.source_crs << " | " << markdown_escape(i.edge_model)
      << " |\n";
  o << "\n- Working CRS 工作坐标系: " << a.working_crs << "\n"
    << "- Area method 面积算法: " << to_string(a.area_method) << "\n"
    << "- Tolerance 容差: " << report::fixed(a.tolerance.abs_ha, 4) << " ha or "
    << report::fixed(a.tolerance.rel, 6) << " relative (the larger)\n"
    << "- Profile 规则配置: " << a.profile_name << " version " << a.profile_version << " ("
    << a.profile_path << ")\n"
    << "- Library 软件版本: libreserve " << a.library_version << "\n"
    << "- Generated 生成时间 (UTC): " << a.generated_utc << "\n"
    << "- Command 命令: `" << a.command_line << "`\n\n";
  o << "Repairs 几何修复 (" << a.repairs.size() << "):\n\n";
  for (const auto& rep : a.repairs) {
    o << "- " << rep.side << ": " << describe(rep.repair.where) << ": " << rep.repair.reason
      << "; area " << report::fixed(rep.repair.area_before_m2, 2) << " → "
      << report::fixed(rep.repair.area_after_m2, 2) << " m² (Δ "
      << report::fixed(rep.repair.area_change_m2(), 2) << " m²)\n";
  }
  return o.str();
}

}  // namespace reserve
