// The ledger as a CSV table: bilingual headers, one line per row, UTF-8 with a byte-order mark
// (so that Excel reads the Chinese text as UTF-8) and CRLF line ends (RFC 4180).
#include <fmt/format.h>

#include "ledger/staged_ledger.hpp"
#include "report/table_files.hpp"
#include "reserve/ledger.hpp"
#include "reserve/report.hpp"

namespace reserve {

std::vector<std::string> ledger_headers(const std::string& lonlat_datum) {
  return {"问题编号 (problem id)", "要素编号 (feature id)", "问题类别 (category)", "名称 (name)",
          "经度 " + lonlat_datum + " (lon)", "纬度 " + lonlat_datum + " (lat)",
          // Chinese surveying convention (拐点坐标 tables): X is the northing, Y the easting.
          "X 纵坐标 (northing, m)", "Y 横坐标 (easting, m)", "平面坐标系 (plane CRS)",
          "调整前功能区 (zone before)", "调整后功能区 (zone after)", "变化 (change)",
          "问题描述 (description)", "description (English)", "处置要求 (required action)",
          "依据 (legal basis)", "以调代改 (adjusting instead of rectifying)", "整改目标 (target)",
          "整改时限 (deadline)", "责任单位 (responsible unit)", "责任领导 (responsible leader)",
          "责任人 (responsible person)", "督办单位 (supervising unit)", "整改措施 (measures)",
          "状态 (status)"};
}

std::vector<std::string> ledger_cells(const LedgerRow& r) {
  auto opt = [](const std::optional<double>& v, int decimals) {
    return v ? fmt::format("{:.{}f}", *v, decimals) : std::string();
  };
  return {r.problem_id,
          r.feature_id,
          r.category_zh,
          r.name,
          opt(r.lon_deg, 7),
          opt(r.lat_deg, 7),
          opt(r.y_m, 2),  // X = northing
          opt(r.x_m, 2),  // Y = easting
          r.plane_crs,
          r.zone_before,
          r.zone_after,
          r.change,
          r.description_zh,
          r.description_en,
          r.action_zh,
          r.basis,
          r.adjusting_instead_of_rectifying ? "是" : "",
          r.assignment.target,
          r.assignment.deadline,
          r.assignment.responsible_unit,
          r.assignment.responsible_leader,
          r.assignment.responsible_person,
          r.assignment.supervising_unit,
          r.assignment.measures,
          r.status == "closed" ? "已销号 (closed)" : "未销号 (open)"};
}

atomic::StagedFile stage_ledger_csv(const Ledger& ledger, const std::string& path) {
  return atomic::stage_file(
      path, report::table_csv(ledger_headers(ledger.lonlat_datum), ledger.rows.size(),
                              [&ledger](std::size_t r) { return ledger_cells(ledger.rows[r]); }));
}

void write_ledger_csv(const Ledger& ledger, const std::string& path) {
  stage_ledger_csv(ledger, path).commit();
}

}  // namespace reserve
