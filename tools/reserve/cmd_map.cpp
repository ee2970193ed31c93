// `reserve map`: an official-style reserve map (PDF, SVG, PNG) of the baseline and, when given,
// the proposal with removed / downgraded / added land, mining rights, facilities, rivers and
// roads, an optional raster background; or a focus map of one feature.
#include <fmt/format.h>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "conflict_inputs.hpp"
#include "output_guard.hpp"
#include "province_options.hpp"
#include "reserve/check.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/map_style.hpp"
#include "reserve/render.hpp"
#include "reserve/report.hpp"
#include "reserve/rules.hpp"
#include "reserve/zoning.hpp"

namespace reserve::cli {
namespace {

struct MapArgs {
  ZoningArgs zoning;
  std::string profile = "three-no";
  ConflictArgs conflicts;
  std::string rivers, rivers_layer, roads, roads_layer;
  std::string background;
  std::string style;
  std::string title, subtitle, date;
  std::string formats = "pdf";
  std::string page;
  bool landscape = false;
  bool portrait = false;
  double dpi = 0.0;
  std::string focus;
  bool focus_all = false;
  std::string out;
  ProvinceArgs province;  // --reserve-field: the province's overview map
};

std::vector<MapFormat> parse_formats(const std::string& list) {
  std::vector<MapFormat> formats;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    const MapFormat f = map_format_from_string(item);
    bool seen = false;
    for (MapFormat g : formats) seen = seen || g == f;
    if (!seen) formats.push_back(f);
  }
  if (formats.empty()) throw UsageError("--format needs at least one of pdf, svg, png");
  return formats;
}

// One format: --out as given (default map.<ext>); several: --out's stem with each extension.
// Per-feature maps insert "-<feature id>" before the extension.
std::string output_path(const std::string& out, MapFormat f, bool several,
                        const std::string& suffix) {
  const std::string ext = std::string(".") + to_string(f);
  std::filesystem::path p(out.empty() ? "map" + ext : out);
  if (several || !p.has_extension())
    p.replace_extension("");
  else
    return p.string();
  return p.string() + (suffix.empty() ? "" : "-" + suffix) + ext;
}

// A feature id as a file-name part: path separators and shell-hostile characters become '_'.
std::string safe_name(const std::string& id) {
  std::string s = id;
  for (char& c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u) && c != '-' && c != '_' && c != '.') c = '_';
  }
  return s.empty() ? "feature" : s;
}

std::size_t count_drawn(const RenderSummary& s, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& id : s.changes_drawn) n += id.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

// Renders one map and writes it (the renderer renders; this command writes files).
void render_one(const MapLayers& layers, const MapStyle& style, MapFormat f,
                const std::string& path, const RenderOptions& options) {
  const RenderedMap map = render_map_bytes(layers, style, f, options);
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) throw UsageError("cannot create the folder " + parent.string() + ": " + ec.message());
  write_file_atomic(path, map.bytes);
  const RenderSummary& s = map.summary;
  for (const auto& w : s.warnings) std::cerr << "reserve map: warning: " << w << "\n";
  const std::string scale = fmt::format("1:{:.0f}", s.scale_denominator);
  std::cout << path << ": " << s.legend.size() << " legend entries, labels " << s.labels_placed
            << " placed / " << s.labels_leader_line << " with leader line / " << s.labels_dropped
            << " dropped, scale " << scale << ", scale bar " << s.scale_bar_ground_m
            << " m, change areas drawn: " << count_drawn(s, "removed-") << " removed / "
            << count_drawn(s, "downgraded-") << " downgraded / " << count_drawn(s, "added-")
            << " added\n";
}

void run_map(const MapArgs& a) {
  MapStyle style = a.style.empty() ? default_map_style() : load_map_style(a.style);
  const bool style_title = !a.style.empty() && style.title != default_map_style().title;
  if (!a.title.empty()) style.title = a.title;
  if (!a.subtitle.empty()) style.subtitle = a.subtitle;
  if (!a.date.empty()) style.date = a.date;
  if (!a.page.empty()) {
    if (a.page == "A4" || a.page == "a4")
      style.page = PageSize::a4;
    else if (a.page == "A3" || a.page == "a3")
      style.page = PageSize::a3;
    else
      throw UsageError("--page must be A4 or A3 (got '" + a.page + "')");
  }
  if (a.landscape && a.portrait) throw UsageError("give --landscape or --portrait, not both");
  if (a.landscape) style.landscape = true;
  if (a.portrait) style.landscape = false;
  if (a.dpi > 0.0) style.dpi = a.dpi;
  const std::vector<MapFormat> formats = parse_formats(a.formats);
  // Before any work: the map files (per-feature names share the folder) replace no input.
  std::vector<std::string> inputs = input_files(a.zoning, a.conflicts);
  for (const std::string* s : {&a.rivers, &a.roads, &a.background, &a.style, &a.profile})
    if (!s->empty()) inputs.push_back(*s);
  std::vector<std::string> planned;
  for (MapFormat f : formats)
    planned.push_back(output_path(a.out, f, formats.size() > 1 || a.focus_all, ""));
  guard_outputs(planned, inputs);
  if (use_province_mode(zoning_request(a.zoning), a.province)) {  // the province's overview map
    CheckRequest r = zoning_request(a.zoning);
    r.profile = a.profile;
    r.conflicts = a.conflicts;
    if (!a.zoning.area_method.empty())
      r.area_method = area_method_from_string(a.zoning.area_method);
    const ProvinceResult result = run_province(std::move(r), a.province);
    for (MapFormat f : formats) {
      const std::string path = output_path(a.out, f, formats.size() > 1, "");
      const RenderedMap map = render_province_map(result, f);
      for (const auto& w : map.summary.warnings) std::cerr << "reserve map: warning: " << w << "\n";
      write_file_atomic(path, map.bytes);
      std::cout << path << ": overview of " << result.reserves.size() << " reserve row(s)\n";
    }
    return;
  }

  // The zonings as `reserve check` loads them, compared under the same profile, so that the map
  // shows the check's significant change pieces (noise by the profile's tolerances is not drawn).
  Profile profile = load_profile(a.profile);
  if (!a.zoning.area_method.empty())
    profile.area_method = area_method_from_string(a.zoning.area_method);
  const ZoningPair zonings = load_zoning_pair(zoning_request(a.zoning), profile.area_method);
  const Zoning& before = zonings.before;
  MapLayers layers;
  print_issues(before.issues, "the baseline zoning");
  add_zoning(layers, before, false);
  if (zonings.after) {
    print_issues(zonings.after->issues, "the proposal zoning");
    add_zoning(layers, *zonings.after, true);
    add_comparison(layers, compare(before, *zonings.after, compare_options(profile)));
  }
  if (a.title.empty() && !style_title) style.title = default_map_title(zonings.after.has_value());
  if (!a.conflicts.mining.empty() || !a.conflicts.facilities.empty()) {
    const FeatureSet features = load_conflict_features(a.conflicts, before.crs);
    print_issues(features.issues, "the conflict layers");
    add_features(layers, features);
  }
  const std::pair<const std::string*, std::pair<const std::string*, const char*>> lines[] = {
      {&a.rivers, {&a.rivers_layer, "river"}}, {&a.roads, {&a.roads_layer, "road"}}};
  for (const auto& [path, spec] : lines) {
    if (path->empty()) continue;
    LineLayerOptions o;
    o.path = *path;
    o.layer = *spec.first;
    o.kind = spec.second;
    print_issues(add_line_layer(layers, o), std::string("the ") + spec.second + " layer");
  }
  layers.background_raster = a.background;

  // The maps to draw: one (whole extent or --focus), or one per conflict feature.
  struct Job {
    std::string focus, label, suffix;
  };
  std::vector<Job> jobs;
  if (a.focus_all) {
    if (!a.focus.empty()) throw UsageError("give --focus or --focus-all, not both");
    for (const auto& m : layers.mining_rights) jobs.push_back({m.id, m.label, safe_name(m.id)});
    for (const auto& f : layers.facilities) jobs.push_back({f.id, f.label, safe_name(f.id)});
    if (jobs.empty()) throw UsageError("--focus-all needs --mining or --facilities");
  } else {
    jobs.push_back({a.focus, "", ""});
  }
  for (const Job& job : jobs) {
    RenderOptions options;
    options.focus_feature_id = job.focus;
    MapStyle job_style = style;
    if (a.focus_all) job_style.subtitle = "问题要素：" + job.label + "（" + job.focus + "）";
    for (MapFormat f : formats) {
      const std::string path =
          output_path(a.out, f, formats.size() > 1 || !job.suffix.empty(), job.suffix);
      if (!job.suffix.empty()) guard_outputs({path}, inputs);  // a feature id made the name
      render_one(layers, job_style, f, path, options);
    }
  }
  command_exit_code() = 0;
}

}  // namespace

void add_map_command(CLI::App& app) {
  auto args = std::make_shared<MapArgs>();
  CLI::App* cmd = app.add_subcommand(
      "map",
      "Draw an official-style reserve map (PDF with selectable Chinese text, SVG, PNG): zones,\n"
      "baseline outline dashed and proposal outline solid, removed / downgraded / added land\n"
      "hatched, mining rights labelled with their licence numbers, facilities by category,\n"
      "rivers and roads, kilometre grid, legend of what is drawn, scale bar (true at the map\n"
      "centre), true-north arrow, CRS note, producer, date and a review-number placeholder.\n"
      "Exit 0 ok, 2 usage error, 3 input error.");
  MapArgs& a = *args;
  a.zoning.area_method.clear();  // empty: the profile's
  add_zoning_options(cmd, a.zoning, false);
  cmd->add_option("--profile", a.profile,
                  "Rule profile whose comparison (noise tolerances, area method) the map draws, "
                  "as `reserve check` (default three-no)");
  cmd->add_option("--mining", a.conflicts.mining, "Mining-right polygons (采矿权/探矿权); repeat");
  cmd->add_option("--facilities", a.conflicts.facilities,
                  "Facilities (points or polygons; CSV with lon/lat or 经度/纬度); repeat");
  cmd->add_option("--mining-layer", a.conflicts.mining_layer, "Layer of the mining-right files");
  cmd->add_option("--facilities-layer", a.conflicts.facilities_layer,
                  "Layer of the facility files");
  cmd->add_option("--category-field", a.conflicts.category_field,
                  "Attribute holding the facility category (default: detect)");
  cmd->add_option("--category-map", a.conflicts.category_maps,
                  "Extra category mapping, e.g. '化工厂=industrial'; repeat");
  cmd->add_option("--feature-encoding", a.conflicts.feature_encoding,
                  "Text encoding of the feature files");
  cmd->add_option("--feature-crs", a.conflicts.feature_crs,
                  "CRS to assume for feature files without one (e.g. EPSG:4490)");
  cmd->add_option("--id-field", a.conflicts.id_field, "Attribute used as the feature id");
  cmd->add_option("--rivers", a.rivers, "River lines (labelled with 名称/name)");
  cmd->add_option("--rivers-layer", a.rivers_layer,
                  "Layer of the river file (default: the only one, or one named rivers/河流)");
  cmd->add_option("--roads", a.roads, "Road lines");
  cmd->add_option("--roads-layer", a.roads_layer,
                  "Layer of the road file (default: the only one, or one named roads/道路)");
  cmd->add_option("--background", a.background,
                  "Raster drawn under the map (e.g. a hillshade "
                  "GeoTIFF; warped to the map CRS)");
  cmd->add_option("--style", a.style,
                  "Style TOML (see docs/map-style.md; default libreserve/share/styles/"
                  "default.toml)");
  cmd->add_option("--title", a.title, "Map title (overrides the style)");
  cmd->add_option("--subtitle", a.subtitle, "Subtitle (overrides the style)");
  cmd->add_option("--date", a.date, "Map date, e.g. 2026-11-28 (overrides the style)");
  cmd->add_option("--format", a.formats, "pdf, svg, png or a comma list (default pdf)");
  cmd->add_option("--page", a.page, "A4 or A3 (default: the style's, A4)");
  cmd->add_flag("--landscape", a.landscape, "Landscape page (the default style's orientation)");
  cmd->add_flag("--portrait", a.portrait, "Portrait page");
  cmd->add_option("--dpi", a.dpi, "PNG resolution (default: the style's, 150)")
      ->check(CLI::Range(36.0, 1200.0));
  cmd->add_option("--focus", a.focus,
                  "Zoom to this feature id (mining right, facility, change piece, zone part)");
  cmd->add_flag("--focus-all", a.focus_all,
                "One focus map per mining right and facility (for the ledger), named "
                "<out>-<feature id>.<format>");
  cmd->add_option("--out", a.out,
                  "Output file (default map.<format>; with several formats the extension is "
                  "replaced per format)");
  add_province_options(cmd, a.province);
  cmd->callback([args] { run_map(*args); });
}

}  // namespace reserve::cli
