// write_suggestion(): the two GeoPackages, the check's reports with the suggestion section, and
// the comparison map with the suggested parcels drawn.
#include <filesystem>

#include "reserve/map_layers.hpp"
#include "reserve/suggest.hpp"
#include "suggest/gpkg_out.hpp"

namespace reserve {
namespace {

RenderedMap suggestion_map(const SuggestResult& r) {
  const ConflictOverlay* overlay = r.check.overlay();
  MapLayers layers = comparison_map_layers(r.check.before, r.check.after, r.check.report.comparison,
                                           overlay ? &overlay->features : nullptr);
  for (const auto& p : r.parcels)
    layers.changes.push_back({p.id, ChangeKind::suggested, p.geometry});
  MapStyle style = default_map_style();
  style.title = default_map_title(true);
  return render_map_bytes(layers, style, MapFormat::svg);
}

}  // namespace

std::vector<std::string> write_suggestion(const SuggestResult& r, const std::string& dir,
                                          const std::vector<ReportFormat>& formats, bool map) {
  namespace fs = std::filesystem;
  std::vector<std::string> written;
  const std::string gpkg = (fs::path(dir) / "suggestion.gpkg").string();
  suggestion::write_suggestion_gpkg(r, gpkg);
  written.push_back(gpkg);
  if (r.suggested) {
    const std::string proposal = (fs::path(dir) / "proposal_suggested.gpkg").string();
    suggestion::write_suggested_proposal_gpkg(r, proposal);
    written.push_back(proposal);
  }
  Report report = r.check.report;
  report.sections.push_back(suggestion_section(r));
  if (map) {
    const RenderedMap m = suggestion_map(r);
    report.map.svg = m.bytes;
    report.map.png.clear();
    report.map.caption = "调整前后功能区对比与达标建议（" + m.summary.crs_note + "）";
    const std::string path = (fs::path(dir) / "suggestion_map.svg").string();
    write_file_atomic(path, m.bytes);
    written.push_back(path);
  }
  for (auto& p : write_reports(report, dir, formats)) written.push_back(std::move(p));
  return written;
}

}  // namespace reserve
