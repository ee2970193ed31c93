#pragma once
// A synthetic province for the province-mode tests: rectangular reserves in CGCS2000 3° GK zone 35
// (EPSG:4544), given in local metres from E 500000, N 3700000, each split along x into equal
// thirds (core, buffer, experimental), so that every area is width × height by hand:
//
//   甲保护区  [0,3000]×[0,1000] before; after its east 500 m of experimental zone are cut (core
//            [0,1000], buffer [1000,2000] unchanged): 300 ha → 250 ha (no-slimming fails); a
//            mining right [2600,2800]×[200,400] (4 ha) lies in the cut → freed.
//   乙保护区  [4000,7000]×[0,1000] unchanged (300 ha).
//   丙保护区  [8000,9000]×[0,1000] before only → removed (100 ha).
//   丁保护区  [8000,9000]×[3000,4000] after only → added (100 ha).
//   戊一, 戊二 [0,1000]×[3000,4000] and [1000,2000]×[3000,4000] before; after one 戊保护区
//            [0,2000]×[3000,4000] → merged (each before reserve wholly inside it).
//   己保护区  [3000,5000]×[3000,4000] before; after 己东 [4000,5000] and 己西 [3000,4000] (same
//            rows) → split (each after reserve wholly inside it).
//   庚保护区  [0,1000]×[6000,7000] and 辛保护区 [800,1800]×[6500,7500], both layers: they share
//            [800,1000]×[6500,7000] = 200 m × 500 m = 10 ha, centroid (900, 6750) local.
#include <string>
#include <vector>

#include "reserve/province.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve::test {

struct ProvinceRect {
  std::string reserve;
  double x0, y0, x1, y1;
  double core_w = 0.0, buffer_w = 0.0;  // widths of core and buffer; 0: thirds
};

inline std::string local_rect(double x0, double y0, double x1, double y1) {
  auto p = [](double x, double y) {
    return std::to_string(500000.0 + x) + " " + std::to_string(3700000.0 + y);
  };
  return "POLYGON ((" + p(x0, y0) + ", " + p(x1, y0) + ", " + p(x1, y1) + ", " + p(x0, y1) + ", " +
         p(x0, y0) + "))";
}

// Each rectangle as three zone features (core, buffer, experimental thirds along x).
inline LayerSpec province_layer(const std::vector<ProvinceRect>& rects,
                                const std::string& reserve_field = "保护区名称",
                                const std::string& driver = "GPKG") {
  LayerSpec spec;
  spec.driver = driver;
  spec.layer = "zones";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {FieldSpec{reserve_field}, FieldSpec{"功能分区"}};
  for (const auto& r : rects) {
    const double third = (r.x1 - r.x0) / 3.0;
    const double c = r.core_w > 0 ? r.core_w : third, b = r.buffer_w > 0 ? r.buffer_w : third;
    const double xs[] = {r.x0, r.x0 + c, r.x0 + c + b, r.x1};
    const char* zones[] = {"核心区", "缓冲区", "实验区"};
    for (int k = 0; k < 3; ++k)
      spec.features.push_back({local_rect(xs[k], r.y0, xs[k + 1], r.y1), {r.reserve, zones[k]}});
  }
  return spec;
}

inline std::vector<ProvinceRect> province_before() {
  return {{"甲保护区", 0, 0, 3000, 1000},    {"乙保护区", 4000, 0, 7000, 1000},
          {"丙保护区", 8000, 0, 9000, 1000}, {"戊一", 0, 3000, 1000, 4000},
          {"戊二", 1000, 3000, 2000, 4000},  {"己保护区", 3000, 3000, 5000, 4000},
          {"庚保护区", 0, 6000, 1000, 7000}, {"辛保护区", 800, 6500, 1800, 7500}};
}

inline std::vector<ProvinceRect> province_after() {
  return {{"甲保护区", 0, 0, 2500, 1000, 1000, 1000}, {"乙保护区", 4000, 0, 7000, 1000},
          {"丁保护区", 8000, 3000, 9000, 4000},       {"戊保护区", 0, 3000, 2000, 4000},
          {"己西", 3000, 3000, 4000, 4000},           {"己东", 4000, 3000, 5000, 4000},
          {"庚保护区", 0, 6000, 1000, 7000},          {"辛保护区", 800, 6500, 1800, 7500}};
}

// One mining right in 甲保护区's cut (4 ha, freed) and one far from every reserve.
inline LayerSpec province_mining() {
  LayerSpec spec;
  spec.driver = "GPKG";
  spec.layer = "rights";
  spec.epsg = 4544;
  spec.geometry_type = "Polygon";
  spec.fields = {FieldSpec{"名称"}};
  spec.features.push_back({local_rect(2600, 200, 2800, 400), {"甲矿"}});
  spec.features.push_back({local_rect(30000, 30000, 30100, 30100), {"远矿"}});
  return spec;
}

// The province tests' request: before.gpkg, after.gpkg and mining.gpkg in `dir`, planar areas.
inline ProvinceRequest province_request(const TempDir& dir, unsigned jobs) {
  ProvinceRequest r;
  r.check.before.path = dir.file("before.gpkg");
  r.check.after.path = dir.file("after.gpkg");
  r.check.area_method = AreaMethod::planar;
  r.check.conflicts.mining = {dir.file("mining.gpkg")};
  r.jobs = jobs;
  return r;
}

}  // namespace reserve::test
