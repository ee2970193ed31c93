#pragma once
// Adapters from the library's analysis values to the renderer's neutral MapLayers: zonings
// (zone parts), a comparison (removed / downgraded / added land), conflict features (mining
// rights as hatched areas, facilities as symbols) and context lines read from a file.
#include <string>

#include "reserve/compare.hpp"
#include "reserve/export.hpp"
#include "reserve/features.hpp"
#include "reserve/io.hpp"
#include "reserve/render.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// Adds the zoning's parts as baseline (proposal = false) or proposal zones, and its outline.
// Sets layers.crs from the zoning when it is empty; InputError when the CRSs differ.
RESERVE_API void add_zoning(MapLayers& layers, const Zoning& zoning, bool proposal);

// Adds the comparison's removed, downgraded and added pieces (noise pieces only when
// `include_noise`), with ids "removed-1", "downgraded-1", "added-1", … in piece order.
RESERVE_API void add_comparison(MapLayers& layers, const Comparison& comparison,
                                bool include_noise = false);

// Adds conflict features: polygonal mining and exploration rights become hatched areas labelled
// with the licence number (else the name); everything else becomes a facility with the
// category's id (to_string(FeatureCategory)) as its symbol key, labelled with its name.
RESERVE_API void add_features(MapLayers& layers, const FeatureSet& features);

// Everything `reserve check` knows, as map layers: baseline and proposal zones and outlines, the
// comparison's change pieces and (when given) the conflict features. For the HTML report's map:
//   report.map.svg = render_map_svg(comparison_map_layers(before, after, cmp, &features), style);
RESERVE_API MapLayers comparison_map_layers(const Zoning& before, const Zoning& after,
                                            const Comparison& comparison,
                                            const FeatureSet* features = nullptr);

// The title a map gets when neither the user nor the style names one: 保护区功能区调整对比图 for a
// comparison (baseline and proposal), else the style's default 自然保护区功能分区图.
RESERVE_API std::string default_map_title(bool comparison);

struct LineLayerOptions {
  std::string path;
  std::string layer;  // empty: the only layer, or the layer named like `kind` (rivers, …)
  std::string kind = "river";  // style key: "river", "road", …
  std::string label_field;     // empty: detect (名称, 河流名称, 道路名称, name, NAME)
  std::string encoding;
  std::string assume_crs;
};

// Reads a line layer (rivers, roads), reprojects it to layers.crs and adds it. Polygon features
// contribute their boundaries; points are ignored (with an issue in the returned list).
RESERVE_API std::vector<Issue> add_line_layer(MapLayers& layers, const LineLayerOptions& options);

}  // namespace reserve
