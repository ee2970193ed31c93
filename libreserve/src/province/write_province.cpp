// The province run's files in one folder: table (CSV, XLSX), JSON, HTML, overview map (PNG, PDF)
// and, on request, each checked reserve's own report folder.
#include <cctype>
#include <filesystem>

#include "province/province_json.hpp"
#include "province/province_ledger.hpp"
#include "reserve/error.hpp"
#include "reserve/province.hpp"

namespace reserve {
namespace {

std::string in_dir(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

}  // namespace

std::string safe_reserve_folder(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    // Bytes ≥ 0x80 are parts of UTF-8 characters (CJK names stay readable); ASCII is limited to
    // characters that are safe in a path on every file system.
    const bool ok = c >= 0x80 || std::isalnum(c) || c == '-' || c == '_' || c == '.';
    out += ok ? static_cast<char>(c) : '_';
  }
  if (out.empty() || out == "." || out == "..") out = "_" + out;
  return out;
}

std::vector<std::string> write_province_outputs(const ProvinceResult& result,
                                                const std::string& dir,
                                                const ProvinceOutputs& outputs,
                                                std::vector<std::string>& warnings) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError("cannot create the output directory " + dir + ": " + ec.message());
  std::vector<std::string> written;
  const ProvinceTable table = province_table(result);
  if (outputs.csv) {
    written.push_back(in_dir(dir, "province.csv"));
    write_province_csv(table, written.back());
  }
  if (outputs.xlsx) {
    written.push_back(in_dir(dir, "province.xlsx"));
    write_province_xlsx(table, written.back());
  }
  // Row by row from the spool or the results: a national ledger is never held whole.
  const bool has_ledger = province::ledger_row_count(result) > 0;
  if (has_ledger && outputs.csv) {
    written.push_back(in_dir(dir, "province_ledger.csv"));
    province::write_ledger_csv(result, written.back());
  }
  if (has_ledger && outputs.xlsx) {
    written.push_back(in_dir(dir, "province_ledger.xlsx"));
    province::write_ledger_xlsx(result, written.back());
  }
  if (outputs.json) {
    written.push_back(in_dir(dir, "province.json"));
    write_province_json_file(result, written.back());
  }
  MapImage map;
  if (outputs.map) {
    for (MapFormat f : {MapFormat::png, MapFormat::pdf}) {
      const RenderedMap m = render_province_map(result, f);
      for (const auto& w : m.summary.warnings) warnings.push_back(w);
      written.push_back(in_dir(dir, std::string("province_map.") + to_string(f)));
      write_file_atomic(written.back(), m.bytes);
      if (f == MapFormat::png) {
        map.png.assign(m.bytes.begin(), m.bytes.end());
        map.caption = "保护地整合优化检查总览图（" + m.summary.crs_note + "）";
      }
    }
  }
  if (outputs.html) {
    written.push_back(in_dir(dir, "province.html"));
    write_file_atomic(written.back(), province_html(result, outputs.map ? &map : nullptr));
  }
  if (outputs.per_reserve_reports) {
    for (const auto& row : result.reserves) {
      if (!row.result) continue;
      const std::string folder = in_dir(in_dir(dir, "reserves"), safe_reserve_folder(row.reserve));
      for (auto& p : write_reports(row.result->report, folder, outputs.report_formats))
        written.push_back(p);
      if (row.result->conflicts)
        for (auto& p : write_ledger_files(row.result->conflicts->ledger, folder))
          written.push_back(p);
    }
  }
  return written;
}

}  // namespace reserve
