// Adapters: analysis values → MapLayers.
#include "reserve/map_layers.hpp"

#include <algorithm>

#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

void adopt_crs(MapLayers& layers, const Crs& crs, const std::string& what) {
  if (layers.crs.empty()) {
    layers.crs = crs;
    return;
  }
  if (!crs.empty() && !equivalent(layers.crs, crs)) {
    throw InputError(what + " is in " + crs.label() + " but the map is in " + layers.crs.label() +
                     "; reproject to one working CRS first");
  }
}

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The layer of a multi-layer file named like the kind ("rivers" for "river", …).
std::string layer_for_kind(const std::string& path, const std::string& kind,
                           const ReadOptions& read) {
  const DatasetInfo info = inspect_dataset(path, read);
  if (info.layers.size() <= 1) return "";
  const std::string k = lower_ascii(kind);
  std::vector<std::string> names;
  for (const auto& l : info.layers) {
    const std::string n = lower_ascii(l.name);
    names.push_back(l.name);
    if (n == k || n == k + "s" || (k == "river" && l.name == "河流") ||
        (k == "road" && l.name == "道路"))
      return l.name;
  }
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  throw UsageError(
      "the file has several layers (" + list + "); say which one holds the " + kind + " lines",
      SourceRef{path, "", ""});
}

}  // namespace

void add_zoning(MapLayers& layers, const Zoning& zoning, bool proposal) {
  adopt_crs(layers, zoning.crs, "zoning '" + zoning.name + "'");
  auto& zones = proposal ? layers.proposal_zones : layers.baseline_zones;
  for (const ZonePart& part : zoning.parts) {
    std::string id = (proposal ? "proposal:" : "baseline:") + part.feature_id;
    zones.push_back({std::move(id), part.zone, part.geometry});
  }
  MultiPolygon outline = reserve_outline(zoning);
  (proposal ? layers.proposal_outline : layers.baseline_outline) = std::move(outline);
}

void add_comparison(MapLayers& layers, const Comparison& comparison, bool include_noise) {
  adopt_crs(layers, comparison.crs, "the comparison");
  const std::pair<const ChangeSet*, ChangeKind> sets[] = {
      {&comparison.removed, ChangeKind::removed},
      {&comparison.downgraded, ChangeKind::downgraded},
      {&comparison.added, ChangeKind::added}};
  for (const auto& [set, kind] : sets) {
    int n = 0;
    for (const ChangePiece& piece : set->pieces) {
      if (piece.noise && !include_noise) continue;
      MapChange change;
      change.id = std::string(to_string(kind)) + "-" + std::to_string(++n);
      change.kind = kind;
      change.geometry.polygons.push_back(piece.geometry);
      layers.changes.push_back(std::move(change));
    }
  }
}

// Destroyed text (锟斤拷, U+FFFD, mojibake) is never drawn: a map label is read as a fact. The
// loaders have already warned about it, field by field.
static std::string label_or_nothing(const std::string& text) {
  return io::looks_destroyed(text) ? std::string() : text;
}

void add_features(MapLayers& layers, const FeatureSet& features) {
  adopt_crs(layers, features.crs, "the conflict features");
  for (const ConflictFeature& f : features.features) {
    const bool right = f.category == FeatureCategory::mining_right ||
                       f.category == FeatureCategory::exploration_right;
    if (right && f.geometry.kind == GeometryKind::polygon) {
      std::string label = f.name;
      if (f.mining_right && !f.mining_right->licence_number.empty())
        label = f.mining_right->licence_number;
      layers.mining_rights.push_back({f.id, label_or_nothing(label), f.geometry.polygons});
    } else {
      layers.facilities.push_back(
          {f.id, to_string(f.category), label_or_nothing(f.name), f.geometry});
    }
  }
}

MapLayers comparison_map_layers(const Zoning& before, const Zoning& after,
                                const Comparison& comparison, const FeatureSet* features) {
  MapLayers layers;
  add_zoning(layers, before, false);
  add_zoning(layers, after, true);
  add_comparison(layers, comparison);
  if (features) add_features(layers, *features);
  return layers;
}

std::string default_map_title(bool comparison) {
  return comparison ? "保护区功能区调整对比图" : default_map_style().title;
}

std::vector<Issue> add_line_layer(MapLayers& layers, const LineLayerOptions& options) {
  if (layers.crs.empty()) {
    throw UsageError("add the zoning before the line layers: the map's CRS comes from it");
  }
  ReadOptions read;
  read.encoding = options.encoding;
  read.assume_crs = options.assume_crs;
  read.layer =
      options.layer.empty() ? layer_for_kind(options.path, options.kind, read) : options.layer;
  const Layer layer = read_layer(options.path, read);
  std::vector<Issue> issues = layer.issues;
  Transformer to_map(layer.crs, layers.crs);
  const char* candidates[] = {"名称", "河流名称", "道路名称", "河名",
                              "路名", "name",     "NAME",     "Name"};
  for (const Feature& f : layer.features) {
    MapLine line;
    line.id = f.id;
    line.kind = options.kind;
    if (!options.label_field.empty()) {
      if (const std::string* v = f.attribute(options.label_field))
        line.label = label_or_nothing(*v);
    } else {
      for (const char* c : candidates) {
        if (const std::string* v = f.attribute(c); v && !v->empty()) {
          line.label = label_or_nothing(*v);
          break;
        }
      }
    }
    Geometry g = f.geometry;
    to_map.apply(g);
    if (g.kind == GeometryKind::line) {
      line.lines = g.lines;
    } else if (g.kind == GeometryKind::polygon) {
      for (const Polygon& p : g.polygons.polygons) {
        line.lines.push_back(p.outer);
        for (const Ring& h : p.holes) line.lines.push_back(h);
      }
    } else {
      Issue issue;
      issue.code = IssueCode::not_a_line;
      issue.severity = Severity::warning;
      issue.message = "point feature in a line layer; not drawn";
      issue.where = SourceRef{options.path, layer.name, f.id};
      issues.push_back(issue);
      continue;
    }
    layers.context_lines.push_back(std::move(line));
  }
  return issues;
}

}  // namespace reserve
