// `reserve info PATH...`: what each dataset holds — driver, layers, geometry type, feature count,
// CRS, text encoding and where it came from, fields, extent — and, when a zone field is found,
// the zone labels with feature counts and areas. Reading problems are listed, not fatal.
#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "reserve/area.hpp"
#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "reserve/issue_json.hpp"
#include "reserve/zone.hpp"
#include "reserve/zoning.hpp"
#include "text_columns.hpp"

namespace reserve::cli {
namespace {

struct InfoArgs {
  std::vector<std::string> paths;
  std::string layer;
  std::string encoding;
  std::string crs;
  std::string zone_field;
  bool json = false;
};

std::string lower(std::string s) {
  for (auto& c : s)
    if (static_cast<unsigned char>(c) < 0x80)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<std::string> find_zone_field(const LayerInfo& layer, const std::string& requested) {
  if (!requested.empty()) {
    for (const auto& f : layer.fields)
      if (f.name == requested) return f.name;
    std::string list;
    for (const auto& f : layer.fields) list += (list.empty() ? "" : ", ") + f.name;
    throw UsageError("layer '" + layer.name + "' has no field '" + requested +
                     "'; the fields are " + list);
  }
  // The library's list (the one load_zoning uses), without the generic names: info shows the
  // labels it finds and does not check that they map.
  for (const auto& [candidate, generic] : common_zone_field_names())
    for (const auto& f : layer.fields)
      if (!generic && lower(f.name) == lower(candidate)) return f.name;
  return std::nullopt;
}

// info has one --crs for every file it describes; check, overlay, ledger, map and suggest take
// --crs for the zonings only and --feature-crs for the conflict layers, so a CRS hint read here
// and followed there for a --mining or --facilities file went unheard. Hints name both.
const std::string kFeatureCrsNote =
    "check, overlay, ledger, map, suggest: --crs for a zoning, --feature-crs for a --mining or "
    "--facilities file";

std::string with_feature_crs_note(const std::string& hint) {
  if (hint.find("--crs") == std::string::npos || hint.find("--feature-crs") != std::string::npos)
    return hint;
  return hint + " (" + kFeatureCrsNote + ")";
}

struct ZoneSummary {
  std::string label;
  std::optional<Zone> zone;
  int features = 0;
  double area_m2 = 0.0;
};

struct LayerReport {
  LayerInfo info;
  std::optional<std::string> zone_field;
  std::vector<ZoneSummary> zones;
  std::string area_method;  // empty when areas were not computed
  std::vector<Issue> issues;
  std::string read_error;  // why features could not be read (e.g. no CRS)
};

struct DatasetReport {
  DatasetInfo info;
  std::vector<LayerReport> layers;
};

// What a table read as geometry holds: its geometry type, CRS and extent, as for a layer.
void describe_table_geometry(const Layer& layer, LayerInfo& info) {
  if (layer.features.empty()) return;
  const GeometryKind kind = layer.features.front().geometry.kind;
  bool same = true;
  for (const auto& f : layer.features) same = same && f.geometry.kind == kind;
  info.geometry_type = !same                           ? "Geometry"
                       : kind == GeometryKind::point   ? "Point"
                       : kind == GeometryKind::polygon ? "MultiPolygon"
                                                       : "MultiLineString";
  info.crs = layer.crs;
  info.feature_count = static_cast<std::int64_t>(layer.features.size());  // as for a CSV
  for (const auto& f : layer.features) info.extent.expand(envelope_of(f.geometry));
}

LayerReport report_layer(const std::string& path, const LayerInfo& li, const InfoArgs& a) {
  LayerReport r;
  r.info = li;
  r.zone_field = find_zone_field(li, a.zone_field);
  ReadOptions o;
  o.layer = li.name;
  o.encoding = a.encoding;
  o.assume_crs = a.crs;
  // An attribute table (a spreadsheet, a lone DBF) is read as points or corner points when it
  // has coordinate columns, as check reads it; otherwise there is nothing to summarise.
  const bool table = li.geometry_type == "None";
  Layer layer;
  try {
    layer = read_layer(path, o);
  } catch (const InputError& e) {
    if (!table) r.read_error = with_feature_crs_note(e.message());
    return r;
  }
  if (table) describe_table_geometry(layer, r.info);
  r.issues = layer.issues;
  for (auto& i : r.issues) i.message = with_feature_crs_note(i.message);
  if (r.info.crs.empty()) r.info.crs = layer.crs;
  if (!r.zone_field) return r;
  const ZoneScheme scheme = ZoneScheme::defaults();
  std::optional<AreaCalculator> calc;
  if (!layer.crs.empty()) {
    calc.emplace(layer.crs, AreaMethod::geodesic);
    r.area_method = to_string(AreaMethod::geodesic);
  }
  std::map<std::string, std::size_t> index;
  for (const auto& f : layer.features) {
    const std::string* v = f.attribute(*r.zone_field);
    const std::string label = v != nullptr ? *v : "";
    auto [it, inserted] = index.emplace(label, r.zones.size());
    if (inserted) r.zones.push_back(ZoneSummary{label, scheme.lookup(label), 0, 0.0});
    ZoneSummary& z = r.zones[it->second];
    ++z.features;
    if (calc && f.geometry.kind == GeometryKind::polygon)
      z.area_m2 += calc->area_m2(f.geometry.polygons);
  }
  if (r.zones.empty() || !calc) r.area_method.clear();
  return r;
}

DatasetReport report_dataset(const std::string& path, const InfoArgs& a) {
  ReadOptions o;
  o.layer = a.layer;
  o.encoding = a.encoding;
  o.assume_crs = a.crs;
  DatasetReport d;
  d.info = inspect_dataset(path, o);
  for (const auto& li : d.info.layers) d.layers.push_back(report_layer(path, li, a));
  return d;
}

nlohmann::json crs_json(const Crs& c) {
  if (c.empty()) return nullptr;
  return {{"label", c.label()},
          {"name", c.name},
          {"epsg", c.epsg ? nlohmann::json(*c.epsg) : nlohmann::json(nullptr)},
          {"geographic", c.is_geographic},
          {"projected", c.is_projected}};
}

nlohmann::json to_json(const DatasetReport& d) {
  nlohmann::json j{{"path", d.info.path}, {"driver", d.info.driver}};
  j["layers"] = nlohmann::json::array();
  for (const auto& r : d.layers) {
    const LayerInfo& li = r.info;
    nlohmann::json lj{{"name", li.name},
                      {"geometry_type", li.geometry_type},
                      {"feature_count", li.feature_count},
                      {"crs", crs_json(li.crs)},
                      {"encoding", li.encoding},
                      {"encoding_source", li.encoding_source}};
    lj["fields"] = nlohmann::json::array();
    for (const auto& f : li.fields) lj["fields"].push_back({{"name", f.name}, {"type", f.type}});
    lj["extent"] = li.extent.valid ? nlohmann::json{{"min_x", li.extent.min_x},
                                                    {"min_y", li.extent.min_y},
                                                    {"max_x", li.extent.max_x},
                                                    {"max_y", li.extent.max_y}}
                                   : nlohmann::json(nullptr);
    lj["zone_field"] = r.zone_field ? nlohmann::json(*r.zone_field) : nlohmann::json(nullptr);
    lj["area_method"] =
        r.area_method.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.area_method);
    lj["zones"] = nlohmann::json::array();
    for (const auto& z : r.zones) {
      nlohmann::json zj{
          {"label", z.label},
          {"zone", z.zone ? nlohmann::json(to_string(*z.zone)) : nlohmann::json(nullptr)},
          {"features", z.features}};
      if (!r.area_method.empty()) {
        zj["area_m2"] = z.area_m2;
        zj["area_ha"] = to_ha(z.area_m2);
      }
      lj["zones"].push_back(std::move(zj));
    }
    lj["issues"] = nlohmann::json::array();
    for (const auto& i : r.issues)
      lj["issues"].push_back(nlohmann::json::parse(issue_json_text(i)));
    lj["read_error"] =
        r.read_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.read_error);
    j["layers"].push_back(std::move(lj));
  }
  return j;
}

void print_text(const DatasetReport& d) {
  std::cout << d.info.path << "  (" << d.info.driver << ")\n";
  for (const auto& r : d.layers) {
    const LayerInfo& li = r.info;
    std::cout << "  layer '" << li.name << "': " << li.geometry_type << ", " << li.feature_count
              << " feature(s)\n";
    std::cout << "    CRS:       "
              << (li.crs.empty() ? "none (pass --crs EPSG:xxxx; " + kFeatureCrsNote + ")"
                                 : li.crs.label() + (li.crs.epsg ? "  " + li.crs.name : ""))
              << "\n";
    std::cout << "    encoding:  " << li.encoding << " (" << li.encoding_source << ")\n";
    if (li.extent.valid) {
      const int dec = li.crs.is_geographic ? 6 : 2;
      std::cout << "    extent:    x " << fmt::format("{:.{}f}", li.extent.min_x, dec) << " … "
                << fmt::format("{:.{}f}", li.extent.max_x, dec) << ", y "
                << fmt::format("{:.{}f}", li.extent.min_y, dec) << " … "
                << fmt::format("{:.{}f}", li.extent.max_y, dec) << "\n";
    }
    std::cout << "    fields:    ";
    for (std::size_t i = 0; i < li.fields.size(); ++i)
      std::cout << (i ? ", " : "") << li.fields[i].name << " (" << li.fields[i].type << ")";
    std::cout << (li.fields.empty() ? "(none)\n" : "\n");
    if (!r.read_error.empty()) std::cout << "    features not read: " << r.read_error << "\n";
    if (r.zone_field) {
      std::cout << "    zone field '" << *r.zone_field << "'"
                << (r.area_method.empty() ? "" : " (areas: " + r.area_method + " method)") << ":\n";
      std::size_t width = 8;
      for (const auto& z : r.zones) width = std::max(width, display_width(z.label) + 2);
      for (const auto& z : r.zones) {
        const std::string zone = z.zone ? to_string(*z.zone) : "unknown label";
        std::cout << "      " << pad(z.label.empty() ? "(null)" : z.label, width) << pad(zone, 18)
                  << std::to_string(z.features) << " feature(s)";
        if (!r.area_method.empty())
          std::cout << "  " << fmt::format("{:.{}f}", to_ha(z.area_m2), 2) << " ha";
        std::cout << "\n";
      }
    }
    if (!r.issues.empty()) {
      // A layer with thousands of null geometries must not bury the rest; --json lists all.
      constexpr std::size_t kMaxShown = 20;
      std::cout << "    issues (" << r.issues.size() << "):\n";
      for (std::size_t k = 0; k < r.issues.size() && k < kMaxShown; ++k) {
        const Issue& i = r.issues[k];
        std::cout << "      " << to_string(i.severity) << " " << to_string(i.code) << ": "
                  << (i.where.feature.empty() ? "" : "feature " + i.where.feature + ": ")
                  << i.message << "\n";
      }
      if (r.issues.size() > kMaxShown)
        std::cout << "      … " << r.issues.size() - kMaxShown << " more (see --json)\n";
    }
  }
}

void run_info(const InfoArgs& a) {
  int exit = 0;
  nlohmann::json all = nlohmann::json::array();
  for (const auto& path : a.paths) {
    try {
      const DatasetReport d = report_dataset(path, a);
      if (a.json)
        all.push_back(to_json(d));
      else
        print_text(d);
      for (const auto& l : d.layers)
        if (!l.read_error.empty()) exit = std::max(exit, 3);
    } catch (const Error& e) {
      // One unreadable dataset does not hide the others; the exit code still tells.
      std::cout.flush();
      std::cerr << "reserve: " << e.what() << '\n';
      exit = std::max(exit, reserve::exit_code(e.kind()));
      if (a.json) all.push_back({{"path", path}, {"error", e.message()}});
    }
  }
  if (a.json) std::cout << nlohmann::json{{"datasets", all}}.dump(2) << "\n";
  command_exit_code() = exit;
}

}  // namespace

void add_info_command(CLI::App& app) {
  auto args = std::make_shared<InfoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "info",
      "Describe datasets: driver, layers, geometry type, feature count, CRS, text encoding (and\n"
      "where it came from), fields, extent; with a zone field (功能分区, 分区, ZONE, GNFQ, … or\n"
      "--zone-field) the zone labels with feature counts and geodesic areas.\n"
      "Exit 0 ok, 2 usage error, 3 input error (a dataset or layer could not be read).");
  cmd->add_option("paths", args->paths,
                  "Datasets (GeoPackage, Shapefile, GeoJSON, KML, FileGDB, CSV)")
      ->required();
  cmd->add_option("--layer", args->layer, "Only this layer");
  cmd->add_option("--encoding", args->encoding, "Text encoding override (e.g. GBK)");
  cmd->add_option("--crs", args->crs, "CRS to assume when a source has none (e.g. EPSG:4544)");
  cmd->add_option("--zone-field", args->zone_field, "Attribute holding the zone labels");
  cmd->add_flag("--json", args->json, "Machine-readable output");
  cmd->callback([args] { run_info(*args); });
}

}  // namespace reserve::cli
