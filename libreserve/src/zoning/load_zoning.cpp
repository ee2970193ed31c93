// load_zoning: read each source's layer, then build the zoning from the layers.
#include <optional>

#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "reserve/zoning.hpp"
#include "zoning/zoning_layers.hpp"

namespace reserve {
namespace {

// A source given as a whole dataset whose layers are all named by zone: a KML/KMZ drawn in
// Google Earth or 奥维 with one folder per zone (核心区, 缓冲区, 实验区 — the zone is in the folder
// name, not in an attribute), or a GeoPackage with layers core / buffer. Such a file is one
// zoning, each layer the zone it is named after; without this, the only advice was to choose
// one layer, which drops the others. Nothing is guessed: a layer or a zone field chosen by the
// user, a single layer, or any layer whose name is not a zone label (保护区界线) leaves the
// source as it is.
struct ZoneLayers {
  std::vector<ZoningSource> sources;
  std::string note;  // the zone-named-layers issue's message
};

std::optional<ZoneLayers> zone_named_layers(const ZoningSource& source, const ZoneScheme& scheme) {
  if (!source.read.layer.empty() || source.zone || !source.zone_field.empty()) return std::nullopt;
  ReadOptions list;
  list.encoding = source.read.encoding;
  list.assume_crs = source.read.assume_crs;
  const DatasetInfo info = inspect_dataset(source.path, list);
  if (info.layers.size() < 2) return std::nullopt;
  ZoneLayers out;
  std::string read, empty;
  for (const auto& layer : info.layers) {
    const auto zone = scheme.lookup(layer.name);
    if (!zone) return std::nullopt;
    if (layer.feature_count == 0) {  // an empty folder: no land to read
      empty += (empty.empty() ? "'" : ", '") + layer.name + "'";
      continue;
    }
    ZoningSource s = source;
    s.read.layer = layer.name;
    s.zone = *zone;
    out.sources.push_back(std::move(s));
    read += (read.empty() ? "'" : ", '") + layer.name + "' → " + to_string(*zone);
  }
  if (out.sources.empty()) return std::nullopt;
  out.note =
      "the dataset has no zone field but its layers are named by zone; each layer is read "
      "as the zone it is named after: " +
      read + (empty.empty() ? "" : "; empty layer(s) " + empty + " hold nothing") +
      ". To read one layer alone, choose it with --layer";
  return out;
}

}  // namespace

namespace zoning {

std::vector<std::pair<Layer, ZoningSource>> read_zoning_layers(
    const std::vector<ZoningSource>& sources, const ZoneScheme& scheme, std::vector<Issue>& notes) {
  std::vector<std::pair<Layer, ZoningSource>> layers;
  layers.reserve(sources.size());
  for (const auto& source : sources) {
    try {
      layers.emplace_back(read_layer(source.path, source.read), source);
    } catch (const UsageError&) {  // e.g. "the dataset has 3 layers; choose one with --layer"
      auto per_zone = zone_named_layers(source, scheme);
      if (!per_zone) throw;
      for (const auto& s : per_zone->sources) layers.emplace_back(read_layer(s.path, s.read), s);
      notes.push_back(Issue{IssueCode::zone_named_layers, Severity::info, per_zone->note,
                            SourceRef{layers.back().first.path, "", ""}, std::nullopt,
                            std::nullopt});
    }
  }
  return layers;
}

}  // namespace zoning

zoning::ReadZoning zoning::read_zoning(const ZoningOptions& options) {
  if (options.sources.empty()) throw UsageError("no zoning file given");
  ReadZoning read;
  read.layers = read_zoning_layers(options.sources, options.scheme, read.notes);
  return read;
}

zoning::ReadZoning zoning::read_zoning(const ZoningOptions& options,
                                       std::optional<Layer> read_already) {
  if (!read_already || options.sources.size() != 1) return read_zoning(options);
  ReadZoning read;
  read.layers.emplace_back(std::move(*read_already), options.sources.front());
  return read;
}

Zoning zoning::build_zoning(const ReadZoning& read, const ZoningOptions& options) {
  Zoning zoning = zoning_from_layers(read.layers, options);
  zoning.issues.insert(zoning.issues.begin(), read.notes.begin(), read.notes.end());
  return zoning;
}

Zoning load_zoning(const ZoningOptions& options) {
  return zoning::build_zoning(zoning::read_zoning(options), options);
}

}  // namespace reserve
