#pragma once
// A synthetic reserve for the map tests, in CGCS2000 / 3-degree Gauss–Krüger CM 105E (EPSG:4544),
// built by hand: baseline three zones (nested rectangles), a proposal that cuts the south-east
// corner out (where a mine and a concentrator sit) and adds a strip in the west, the change
// polygons that follow from that, two mining rights, facilities and a river. Also helpers that
// make CRS values through PROJ directly (io-crs's Crs::from_epsg is another branch's work).
#include <proj.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "reserve/render.hpp"
#include "support/cli_runner.hpp"

namespace reserve::maptest {

inline Crs crs_from_epsg(int code) {
  PJ_CONTEXT* ctx = proj_context_create();
  PJ* pj = proj_create(ctx, ("EPSG:" + std::to_string(code)).c_str());
  Crs crs;
  if (pj) {
    const char* wkt = proj_as_wkt(ctx, pj, PJ_WKT2_2019, nullptr);
    crs.wkt = wkt ? wkt : "";
    crs.name = proj_get_name(pj);
    crs.epsg = code;
    crs.is_projected = proj_get_type(pj) == PJ_TYPE_PROJECTED_CRS;
    crs.is_geographic = !crs.is_projected;
    proj_destroy(pj);
  }
  proj_context_destroy(ctx);
  return crs;
}

inline Ring rect_ring(double x0, double y0, double x1, double y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}};
}
inline Polygon rect(double x0, double y0, double x1, double y1) {
  return Polygon{rect_ring(x0, y0, x1, y1), {}};
}
inline MultiPolygon multi(Polygon p) {
  MultiPolygon mp;
  mp.polygons.push_back(std::move(p));
  return mp;
}
// A rectangle with a rectangular hole.
inline MultiPolygon frame(double x0, double y0, double x1, double y1, double hx0, double hy0,
                          double hx1, double hy1) {
  Polygon p = rect(x0, y0, x1, y1);
  Ring hole = rect_ring(hx0, hy0, hx1, hy1);
  std::reverse(hole.begin(), hole.end());
  p.holes.push_back(hole);
  return multi(p);
}

// Origin of the fixture (metres in EPSG:4544): about 105.52°E, 30.0°N.
constexpr double kX0 = 550000.0;
constexpr double kY0 = 3320000.0;

inline MapLayers sample_layers() {
  MapLayers L;
  L.crs = crs_from_epsg(4544);
  const double x = kX0, y = kY0;
  // Baseline: 12 km × 9 km; buffer 8 × 6 km; core 4 × 3 km.
  L.baseline_zones = {
      {"b-exp", Zone::experimental,
       frame(x, y, x + 12000, y + 9000, x + 2000, y + 1500, x + 10000, y + 7500)},
      {"b-buf", Zone::buffer,
       frame(x + 2000, y + 1500, x + 10000, y + 7500, x + 4000, y + 3000, x + 8000, y + 6000)},
      {"b-core", Zone::core, multi(rect(x + 4000, y + 3000, x + 8000, y + 6000))},
  };
  // Proposal: the south-east 1.5 × 2.6 km corner of the experimental zone is removed, a 2 km
  // strip is added in the west, and the buffer's south-east corner becomes experimental.
  Polygon exp = rect(x - 2000, y, x + 12000, y + 9000);
  exp.outer = {{x - 2000, y},         {x + 10500, y},        {x + 10500, y + 2600},
               {x + 12000, y + 2600}, {x + 12000, y + 9000}, {x - 2000, y + 9000},
               {x - 2000, y}};
  Ring hole = rect_ring(x + 2000, y + 1500, x + 10000, y + 7500);
  std::reverse(hole.begin(), hole.end());
  exp.holes.push_back(hole);
  Polygon buf;
  buf.outer = {{x + 2000, y + 1500},  {x + 8000, y + 1500},  {x + 8000, y + 3000},
               {x + 10000, y + 3000}, {x + 10000, y + 7500}, {x + 2000, y + 7500},
               {x + 2000, y + 1500}};
  Ring core_hole = rect_ring(x + 4000, y + 3000, x + 8000, y + 6000);
  std::reverse(core_hole.begin(), core_hole.end());
  buf.holes.push_back(core_hole);
  L.proposal_zones = {
      {"p-exp", Zone::experimental, multi(exp)},
      {"p-exp2", Zone::experimental, multi(rect(x + 8000, y + 1500, x + 10000, y + 3000))},
      {"p-buf", Zone::buffer, multi(buf)},
      {"p-core", Zone::core, multi(rect(x + 4000, y + 3000, x + 8000, y + 6000))},
  };
  L.changes = {
      {"removed-1", ChangeKind::removed, multi(rect(x + 10500, y, x + 12000, y + 2600))},
      {"downgraded-1", ChangeKind::downgraded,
       multi(rect(x + 8000, y + 1500, x + 10000, y + 3000))},
      {"added-1", ChangeKind::added, multi(rect(x - 2000, y, x, y + 9000))},
  };
  L.mining_rights = {
      {"C5300002011071120115678", "C5300002011071120115678",
       multi(rect(x + 10600, y + 300, x + 11700, y + 1900))},
      {"T53420080402005432", "某某铅锌矿探矿权",
       multi(rect(x + 500, y + 7600, x + 2200, y + 8700))},
  };
  auto point = [](double px, double py) { return Geometry::from(Point{px, py}); };
  L.facilities = {
      {"f1", "concentrator", "某某选矿厂", point(x + 10800, y + 2300)},
      {"f2", "tailings_pond", "1号尾矿库", point(x + 11500, y + 2150)},
      {"f3", "smelter", "某某锌冶炼厂", point(x + 6000, y + 800)},
      {"f4", "slag_yard", "冶炼渣场", point(x + 6700, y + 1000)},
      {"f5", "hydropower", "某某水电站", point(x + 3000, y + 5200)},
  };
  L.context_lines = {
      {"r1",
       "river",
       "某某河",
       {{{x - 3000, y + 4800},
         {x + 1000, y + 5000},
         {x + 3000, y + 5200},
         {x + 5000, y + 6800},
         {x + 9000, y + 7200},
         {x + 13000, y + 8200}}}},
  };
  return L;
}

// A temporary directory removed at scope exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/reserve-map-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace reserve::maptest
