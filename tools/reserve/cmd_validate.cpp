// `reserve validate`: load a zoning (labels, reprojection, repairs) and run the zone topology
// checks; print per-zone areas, every finding feature by feature, the repairs and a summary.
#include <fmt/format.h>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "reserve/area.hpp"
#include "reserve/error.hpp"
#include "reserve/issue_json.hpp"
#include "reserve/validate.hpp"
#include "reserve/validate_findings.hpp"
#include "reserve/zoning.hpp"

namespace reserve::cli {
namespace {

struct ValidateArgs {
  std::string zoning_path;
  std::vector<std::string> zone_files;  // ZONE=PATH
  std::string layer;
  std::string zone_field;
  std::vector<std::string> zone_maps;
  std::string encoding;
  std::string crs;
  std::string working_crs;
  std::string area_method = "geodesic";
  double min_overlap_m2 = 1.0;
  double min_gap_m2 = 1.0;
  double min_exposed_core_m = 1.0;
  double max_repair_change_m2 = 1.0;
  bool no_core_check = false;
  bool allow_repair_area_change = false;
  bool no_repair = false;
  bool json = false;
};

ZoningSource source_for(const std::string& path, const ValidateArgs& a) {
  ZoningSource s;
  s.path = path;
  s.read.layer = a.layer;
  s.read.encoding = a.encoding;
  s.read.assume_crs = a.crs;
  s.zone_field = a.zone_field;
  return s;
}

ZoningOptions zoning_options(const ValidateArgs& a) {
  ZoningOptions o;
  o.name = "zoning";
  for (const auto& spec : a.zone_maps) o.scheme.add_mapping(spec);
  if (!a.zoning_path.empty()) o.sources.push_back(source_for(a.zoning_path, a));
  for (const auto& spec : a.zone_files) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw UsageError("--zone-file '" + spec +
                       "' is not of the form ZONE=PATH (e.g. core=core.shp)");
    const std::string label = spec.substr(0, eq);
    auto zone = zone_from_string(label);
    if (!zone) zone = o.scheme.lookup(label);
    if (!zone || *zone == Zone::outside)
      throw UsageError("--zone-file '" + spec +
                       "': unknown zone; use core, buffer, experimental, core_protection or "
                       "general_control (or a label such as 核心区)");
    ZoningSource s = source_for(spec.substr(eq + 1), a);
    s.zone = zone;
    o.sources.push_back(std::move(s));
  }
  if (o.sources.empty())
    throw UsageError("give a zoning file, or one file per zone with --zone-file ZONE=PATH");
  o.working_crs = a.working_crs;
  o.area_method = area_method_from_string(a.area_method);
  o.repair.repair = !a.no_repair;
  o.repair.allow_large_change = a.allow_repair_area_change;
  o.repair.max_area_change_m2 = a.max_repair_change_m2;
  return o;
}

nlohmann::json where_json(const SourceRef& w) {
  return {{"file", w.file}, {"layer", w.layer}, {"feature", w.feature}};
}

nlohmann::json to_json(const Zoning& z, const std::vector<ZoneArea>& areas, double total_m2,
                       const ZoningValidation& r, const AreaCalculator& calc) {
  nlohmann::json j;
  j["working_crs"] = z.crs.label();
  j["model"] = to_string(z.model);
  j["area_method"] = to_string(calc.method());
  j["ellipsoid"] = {{"a_m", calc.ellipsoid_a_m()}, {"f", calc.ellipsoid_f()}};
  for (const auto& s : z.sources) {
    j["sources"].push_back({{"path", s.path},
                            {"layer", s.layer},
                            {"sha256", s.sha256},
                            {"driver", s.driver},
                            {"encoding", s.encoding},
                            {"source_crs", s.source_crs.label()}});
  }
  j["zones"] = nlohmann::json::array();
  for (const auto& a : areas) {
    j["zones"].push_back({{"zone", to_string(a.zone)},
                          {"name", chinese_name(a.zone)},
                          {"area_m2", a.area_m2},
                          {"area_ha", to_ha(a.area_m2)}});
  }
  j["total_area_m2"] = total_m2;
  j["total_area_ha"] = to_ha(total_m2);
  j["issues"] = nlohmann::json::array();
  for (const auto& f : r.findings) {
    nlohmann::json ij = nlohmann::json::parse(issue_json_text(f.issue));
    ij["length_m"] = f.length_m ? nlohmann::json(*f.length_m) : nlohmann::json(nullptr);
    ij["related_features"] = f.related_features;
    j["issues"].push_back(std::move(ij));
  }
  j["repairs"] = nlohmann::json::array();
  for (const auto& rep : r.repairs) {
    nlohmann::json rj = where_json(rep.where);
    rj["reason"] = rep.reason;
    rj["area_before_m2"] = rep.area_before_m2;
    rj["area_after_m2"] = rep.area_after_m2;
    rj["area_change_m2"] = rep.area_change_m2();
    j["repairs"].push_back(std::move(rj));
  }
  j["summary"] = {{"errors", r.count(Severity::error)},
                  {"warnings", r.count(Severity::warning)},
                  {"info", r.count(Severity::info)},
                  {"repairs", r.repairs.size()}};
  return j;
}

void print_text(const Zoning& z, const std::vector<ZoneArea>& areas, double total_m2,
                const ZoningValidation& r, const AreaCalculator& calc) {
  std::cout << "Zoning (" << to_string(z.model) << "), working CRS " << z.crs.label() << "\n";
  for (const auto& s : z.sources) {
    std::cout << "  source: " << s.path << (s.layer.empty() ? "" : ", layer '" + s.layer + "'")
              << ", CRS " << s.source_crs.label() << "\n";
  }
  std::cout << "Zone areas (" << to_string(calc.method()) << " method):\n";
  for (const auto& a : areas) {
    std::printf("  %-16s %14s ha  %s\n", to_string(a.zone),
                fmt::format("{:.{}f}", to_ha(a.area_m2), 2).c_str(), chinese_name(a.zone));
  }
  std::printf("  %-16s %14s ha  %s\n", "total", fmt::format("{:.{}f}", to_ha(total_m2), 2).c_str(),
              "合计");
  std::fflush(stdout);

  std::cout << "Issues (" << r.findings.size() << "):\n";
  for (const auto& f : r.findings) {
    const Issue& i = f.issue;
    const std::string where = describe(i.where);
    std::printf("  %-7s  ", to_string(i.severity));
    std::fflush(stdout);
    std::cout << to_string(i.code) << "  " << (where.empty() ? "" : where + ": ") << i.message;
    if (i.location)
      std::cout << " at (" << fmt::format("{:.3f}", i.location->x) << ", "
                << fmt::format("{:.3f}", i.location->y) << ")";
    if (i.area_m2) std::cout << " [" << fmt::format("{:.2f}", *i.area_m2) << " m²]";
    if (f.length_m) std::cout << " [" << fmt::format("{:.2f}", *f.length_m) << " m]";
    if (!f.related_features.empty()) {
      std::cout << " [with feature";
      for (const auto& id : f.related_features) std::cout << " " << id;
      std::cout << "]";
    }
    std::cout << "\n";
  }
  std::cout << "Repairs (" << r.repairs.size() << "):\n";
  for (const auto& rep : r.repairs) {
    std::cout << "  " << describe(rep.where) << ": " << rep.reason << "; area "
              << fmt::format("{:.{}f}", rep.area_before_m2, 2) << " → "
              << fmt::format("{:.{}f}", rep.area_after_m2, 2) << " m² (Δ "
              << fmt::format("{:.{}f}", rep.area_change_m2(), 2) << " m²)\n";
  }
  std::cout << "Summary: " << r.count(Severity::error) << " error(s), "
            << r.count(Severity::warning) << " warning(s), " << r.count(Severity::info) << " info, "
            << r.repairs.size() << " repair(s)\n";
}

void run_validate(const ValidateArgs& a) {
  const ZoningOptions options = zoning_options(a);
  TopologyOptions topo;
  topo.min_overlap_area_m2 = a.min_overlap_m2;
  topo.min_gap_area_m2 = a.min_gap_m2;
  topo.min_exposed_core_length_m = a.min_exposed_core_m;
  topo.check_core_enclosed = !a.no_core_check;
  // Every finding in one run; only an unreadable file or layer stops it (exit 3).
  const ZoningValidation report = validate_zoning_sources(options, topo);
  const Zoning& zoning = report.zoning;
  const AreaCalculator calc(zoning.crs, options.area_method);
  const auto areas = zone_areas(zoning, calc);
  const double total_m2 = calc.area_m2(reserve_outline(zoning));
  if (a.json) {
    // replace: a last guard; every text should already be UTF-8 (decoded or escaped on input).
    std::cout << to_json(zoning, areas, total_m2, report, calc)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    print_text(zoning, areas, total_m2, report, calc);
  }
  command_exit_code() = report.count(Severity::error) > 0 ? 1 : 0;
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Load a zoning (zone labels, reprojection, geometry repair) and check its topology:\n"
      "overlapping zones, gaps inside the reserve, core not enclosed by buffer.\n"
      "Exit 0 ok, 1 findings above threshold, 2 usage error, 3 input error.");
  cmd->add_option("zoning", args->zoning_path, "Zoning file (GeoPackage, Shapefile, …)");
  cmd->add_option("--zone-file", args->zone_files,
                  "A file that is entirely one zone, as ZONE=PATH (e.g. core=core.shp); repeat")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--layer", args->layer, "Layer name (when the file has several)");
  cmd->add_option("--zone-field", args->zone_field,
                  "Attribute holding the zone labels (default: detect)");
  cmd->add_option("--zone-map", args->zone_maps,
                  "Extra label mapping, e.g. '1=core,2=buffer,3=experimental'; repeat")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--encoding", args->encoding, "Text encoding of the source (e.g. GBK)");
  cmd->add_option("--crs", args->crs, "CRS to assume when the source has none (e.g. EPSG:4544)");
  cmd->add_option("--working-crs", args->working_crs,
                  "Working CRS (default: the source's projected CRS or its CGCS2000 GK zone)");
  cmd->add_option("--area-method", args->area_method, "geodesic (default), planar or survey")
      ->check(CLI::IsMember({"geodesic", "planar", "survey"}));
  cmd->add_option("--min-overlap-m2", args->min_overlap_m2,
                  "Overlaps smaller than this are info, larger are errors (default 1)");
  cmd->add_option("--min-gap-m2", args->min_gap_m2,
                  "Gaps smaller than this are info, larger are warnings (default 1)");
  cmd->add_option("--min-exposed-core-m", args->min_exposed_core_m,
                  "Exposed core boundary shorter than this is info, longer an error (default 1)");
  cmd->add_flag("--no-core-check", args->no_core_check, "Skip the core-enclosed-by-buffer check");
  cmd->add_option("--max-repair-change-m2", args->max_repair_change_m2,
                  "Area change a repair may make without --allow-repair-area-change (default 1; "
                  "or 1e-6 of the feature's area if larger)");
  cmd->add_flag(
      "--allow-repair-area-change", args->allow_repair_area_change,
      "Accept repairs that change a feature's area beyond the tolerance (still reported)");
  cmd->add_flag("--no-repair", args->no_repair,
                "Repair nothing: every invalid geometry is an error finding");
  cmd->add_flag("--json", args->json, "Print the result as JSON");
  cmd->callback([args] { run_validate(*args); });
}

}  // namespace reserve::cli
