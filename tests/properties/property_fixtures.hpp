#pragma once
// Zonings of three shapes as source layers, and the edits that must change nothing: collinear
// vertices, re-digitising jitter, splitting zones along a meridian or a parallel (a vertical or
// horizontal line in the source CRS), reordering features, polygons, holes, ring direction and
// ring start vertex. Every edit works in the SOURCE CRS, before the library loads the layers, as
// a user's GIS would have made it. Random edits take a seed; the tests print it.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "geom/geos.hpp"
#include "reserve/crs.hpp"
#include "reserve/io.hpp"
#include "reserve/zoning.hpp"

namespace reserve::testing::properties {

inline const char* kZoneField = "功能分区";

// One zoning as the library reads it: layers with how to take zones from them.
struct SourceZoning {
  std::string name;  // "sample", "lonlat", "holes-multi"
  std::vector<std::pair<Layer, ZoningSource>> layers;
  std::string working_crs;         // the CRS the zoning is loaded into
  double metres_per_unit_x = 1.0;  // source units → metres (lon/lat: a lower bound per degree)
  double metres_per_unit_y = 1.0;
};

inline Ring closed(std::vector<Point> pts) {
  pts.push_back(pts.front());
  return pts;
}

inline Ring reversed(Ring r) {
  std::reverse(r.begin(), r.end());
  return r;
}

inline Feature zone_feature(const std::string& id, const std::string& label, MultiPolygon mp) {
  Feature f;
  f.id = id;
  f.geometry.kind = GeometryKind::polygon;
  f.geometry.polygons = std::move(mp);
  f.attributes.push_back(Attribute{kZoneField, label, false});
  return f;
}

inline Layer zone_layer(const std::string& name, int epsg, std::vector<Feature> features) {
  Layer l;
  l.path = name + ".gpkg";
  l.name = "zones";
  l.driver = "GPKG";
  l.crs = Crs::from_epsg(epsg);
  l.encoding = "UTF-8";
  l.fields = {kZoneField};
  l.features = std::move(features);
  return l;
}

inline ZoningSource zone_field_source() {
  ZoningSource s;
  s.zone_field = kZoneField;
  return s;
}

// data/baseline.gpkg (the sample reserve, EPSG:4544, one layer with a zone field).
inline SourceZoning sample_zoning() {
  SourceZoning z;
  z.name = "sample";
  ZoningSource s;  // zone field detected
  z.layers.emplace_back(read_layer(std::string(RESERVE_SOURCE_DIR) + "/data/baseline.gpkg"), s);
  z.working_crs = "EPSG:4544";
  return z;
}

// Three nested zones in EPSG:4490 (lon/lat) near 105.3°E 34°N with edges of 5–25 km; the
// experimental zone's south edge runs 0.27° (≈ 25 km) along the parallel 33.90°N, where a chord
// in the projected CRS misses the lon/lat-straight edge by metres. Loaded into EPSG:4544.
inline SourceZoning lonlat_zoning() {
  const Ring core = closed({{105.28, 33.98}, {105.33, 33.98}, {105.34, 34.02}, {105.29, 34.03}});
  const Ring buffer = closed({{105.24, 33.95}, {105.38, 33.95}, {105.39, 34.05}, {105.25, 34.06}});
  const Ring exp = closed({{105.18, 33.90}, {105.45, 33.90}, {105.46, 34.10}, {105.20, 34.12}});
  SourceZoning z;
  z.name = "lonlat";
  z.layers.emplace_back(
      zone_layer("lonlat", 4490,
                 {zone_feature("1", "核心区", MultiPolygon{{Polygon{core, {}}}}),
                  zone_feature("2", "缓冲区", MultiPolygon{{Polygon{buffer, {reversed(core)}}}}),
                  zone_feature("3", "实验区", MultiPolygon{{Polygon{exp, {reversed(buffer)}}}})}),
      zone_field_source());
  z.working_crs = "EPSG:4544";
  // Lower bounds of the metres per degree at 33.9–34.12°N (longitude: 111320·cos 34.12°;
  // latitude: 110574 m at the equator), so a jitter of max_m metres never exceeds max_m.
  z.metres_per_unit_x = 111320.0 * std::cos(34.12 * 3.14159265358979323846 / 180.0);
  z.metres_per_unit_y = 110574.0;
  return z;
}

// EPSG:4544 (metres, origin 520 km E / 3800 km N): a core of two squares (one multipolygon), a
// buffer with two holes that hold the core, an experimental zone of two features, one of them
// a polygon with an enclave (a hole that no zone fills).
inline SourceZoning holes_multi_zoning() {
  auto r = [](double x0, double y0, double x1, double y1) {
    const double X = 520000.0, Y = 3800000.0;
    return closed({{X + x0, Y + y0}, {X + x1, Y + y0}, {X + x1, Y + y1}, {X + x0, Y + y1}});
  };
  const Ring a = r(0, 0, 1000, 1000), b = r(2000, 0, 3000, 1000);
  const Ring buffer = r(-500, -500, 3500, 1500);
  const Ring exp1 = r(-1500, -1500, 4500, 2500);
  const Ring exp2 = r(6000, 0, 8000, 2000), enclave = r(6500, 500, 7000, 1000);
  SourceZoning z;
  z.name = "holes-multi";
  z.layers.emplace_back(
      zone_layer(
          "holes_multi", 4544,
          {zone_feature("1", "核心区", MultiPolygon{{Polygon{a, {}}, Polygon{b, {}}}}),
           zone_feature("2", "缓冲区", MultiPolygon{{Polygon{buffer, {reversed(a), reversed(b)}}}}),
           zone_feature("3", "实验区", MultiPolygon{{Polygon{exp1, {reversed(buffer)}}}}),
           zone_feature("4", "实验区", MultiPolygon{{Polygon{exp2, {reversed(enclave)}}}})}),
      zone_field_source());
  z.working_crs = "EPSG:4544";
  return z;
}

inline ZoningOptions options_for(const SourceZoning& z, const std::string& name) {
  ZoningOptions o;
  o.name = name;
  o.working_crs = z.working_crs;
  return o;
}

inline Zoning load(const SourceZoning& z, const std::string& name) {
  return zoning_from_layers(z.layers, options_for(z, name));
}

// Applies `edit` to every ring of every zone feature.
inline void for_each_ring(SourceZoning& z, const std::function<void(Ring&)>& edit) {
  for (auto& [layer, source] : z.layers)
    for (auto& f : layer.features)
      for (auto& poly : f.geometry.polygons.polygons) {
        edit(poly.outer);
        for (auto& h : poly.holes) edit(h);
      }
}

inline std::uint64_t mix(std::uint64_t h, double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  h ^= bits + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

// 1–3 vertices inserted on every edge, each ring on its own (a neighbour sharing the edge does
// not get them): exactly collinear in the source CRS (on the segment, up to rounding).
inline SourceZoning with_collinear_vertices(SourceZoning z, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> count(1, 3);
  std::uniform_real_distribution<double> t01(0.05, 0.95);
  for_each_ring(z, [&](Ring& ring) {
    Ring out;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      out.push_back(ring[i]);
      std::vector<double> ts(static_cast<std::size_t>(count(rng)));
      for (auto& t : ts) t = t01(rng);
      std::sort(ts.begin(), ts.end());
      for (double t : ts)
        out.push_back({ring[i].x + (ring[i + 1].x - ring[i].x) * t,
                       ring[i].y + (ring[i + 1].y - ring[i].y) * t});
    }
    out.push_back(ring.back());
    ring = std::move(out);
  });
  return z;
}

// A re-digitised copy: 1–2 vertices inserted on every edge (the same points on an edge that two
// zones share, so the copy is re-noded consistently), then every distinct vertex moved by at
// most max_m metres (the same vertex by the same amount wherever it occurs).
inline SourceZoning redigitised(SourceZoning z, std::uint32_t seed, double max_m) {
  for_each_ring(z, [&](Ring& ring) {
    Ring out;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const Point a = ring[i], b = ring[i + 1];
      const bool forward = std::make_pair(a.x, a.y) < std::make_pair(b.x, b.y);
      const Point lo = forward ? a : b, hi = forward ? b : a;
      std::mt19937_64 rng(mix(mix(mix(mix(seed, lo.x), lo.y), hi.x), hi.y));
      std::vector<double> ts(1 + rng() % 2);
      for (auto& t : ts) t = 0.1 + 0.8 * std::uniform_real_distribution<double>(0, 1)(rng);
      std::sort(ts.begin(), ts.end());
      if (!forward) {  // the parameters ran from b to a: express them from a to b
        for (auto& t : ts) t = 1.0 - t;
        std::reverse(ts.begin(), ts.end());
      }
      out.push_back(a);
      for (double t : ts) out.push_back({a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t});
    }
    out.push_back(ring.back());
    ring = std::move(out);
  });
  const double ux = z.metres_per_unit_x, uy = z.metres_per_unit_y;
  for_each_ring(z, [&](Ring& ring) {
    for (auto& p : ring) {
      std::mt19937_64 rng(mix(mix(seed * 7919ULL, p.x), p.y));
      std::uniform_real_distribution<double> u(0.0, 1.0);
      const double r = max_m * std::sqrt(u(rng)) * 0.999, phi = 2.0 * 3.14159265358979 * u(rng);
      p = {p.x + r * std::cos(phi) / ux, p.y + r * std::sin(phi) / uy};
    }
  });
  return z;
}

// Every zone feature that the line x = value (vertical) or y = value crosses, cut in two along
// it (GEOS overlay in the source coordinates: the cut is straight in the source CRS, a meridian
// or a parallel for lon/lat data). The pieces keep the feature's attributes.
inline SourceZoning split_along(SourceZoning z, bool vertical, double value) {
  const double big = 1e9;
  auto box = [](double x0, double y0, double x1, double y1) {
    return MultiPolygon{{Polygon{closed({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}), {}}}};
  };
  const MultiPolygon low = vertical ? box(-big, -big, value, big) : box(-big, -big, big, value);
  for (auto& [layer, source] : z.layers) {
    std::vector<Feature> out;
    for (auto& f : layer.features) {
      MultiPolygon a = geom::intersect(f.geometry.polygons, low);
      MultiPolygon b = geom::subtract(f.geometry.polygons, low);
      if (a.empty() || b.empty()) {
        out.push_back(std::move(f));
        continue;
      }
      Feature fa = f, fb = f;
      fa.id = f.id + "a";
      fb.id = f.id + "b";
      fa.geometry.polygons = std::move(a);
      fb.geometry.polygons = std::move(b);
      out.push_back(std::move(fa));
      out.push_back(std::move(fb));
    }
    layer.features = std::move(out);
  }
  return z;
}

// Features in reverse order, polygons and holes in reverse order, every ring started at another
// vertex, and every other ring's direction reversed.
inline SourceZoning reordered(SourceZoning z, std::uint32_t seed) {
  std::mt19937 rng(seed);
  bool flip = false;
  for (auto& [layer, source] : z.layers) {
    std::reverse(layer.features.begin(), layer.features.end());
    for (auto& f : layer.features) {
      auto& polys = f.geometry.polygons.polygons;
      std::reverse(polys.begin(), polys.end());
      for (auto& p : polys) std::reverse(p.holes.begin(), p.holes.end());
    }
  }
  for_each_ring(z, [&](Ring& ring) {
    Ring open(ring.begin(), ring.end() - 1);
    const auto k = static_cast<std::ptrdiff_t>(1 + rng() % (open.size() - 1));
    std::rotate(open.begin(), open.begin() + k, open.end());
    if ((flip = !flip)) std::reverse(open.begin(), open.end());
    ring = closed(open);
  });
  return z;
}

// A line through the middle of the zoning's extent (source CRS): x (vertical) or y. Offset from
// the exact middle so that it crosses edges, not vertices.
inline double middle_of(const SourceZoning& z, bool vertical) {
  Envelope e;
  for (const auto& [layer, source] : z.layers)
    for (const auto& f : layer.features) e.expand(envelope_of(f.geometry));
  const double mid = vertical ? 0.5 * (e.min_x + e.max_x) : 0.5 * (e.min_y + e.max_y);
  const double span = vertical ? e.max_x - e.min_x : e.max_y - e.min_y;
  return mid + 0.0137 * span;
}

// Sum of the planar lengths of all part boundaries of a loaded zoning (working CRS), metres.
inline double boundary_length_m(const Zoning& z) {
  double sum = 0.0;
  auto ring_m = [](const Ring& r) {
    double s = 0.0;
    for (std::size_t i = 1; i < r.size(); ++i)
      s += std::hypot(r[i].x - r[i - 1].x, r[i].y - r[i - 1].y);
    return s;
  };
  for (const auto& part : z.parts)
    for (const auto& p : part.geometry.polygons) {
      sum += ring_m(p.outer);
      for (const auto& h : p.holes) sum += ring_m(h);
    }
  return sum;
}

}  // namespace reserve::testing::properties
