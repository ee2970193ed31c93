// The plain GEOS loop of the province benchmark (issue 11.2): what a competent engineer writes
// by hand against the GEOS C API — prepared geometries, an STRtree per feature layer, one
// GEOSIntersection per overlapping pair, one thread. No libreserve code is used, so the
// benchmark compares libreserve with an independent implementation.
//
//   bench_geos_loop --before B --after A --mining M --facilities F --out DIR
//                   [--reserve-field reserve_id] [--zone-field 功能分区] [--id-field 编号]
//
// Writes DIR/quantities.csv (quantity,reserve,side,key,zone,value; the format the agreement
// check bench/agreement.py reads) and DIR/timing.csv (reserve,vertices,seconds,cpu_seconds), and
// prints the
// largest reserve's own time. Quantities, per reserve, in the layers' planar CRS:
//   zone_area      side, -, zone: area of the zone (m²)
//   transition     -, zone before, zone after: area of before ∩ after (m²); "outside" rows are
//                  what leaves (removed) or enters (added) the reserve
//   mine_zone      side, mine id, zone: area of mine ∩ zone (m², > 0 only)
//   facility_zone  side, facility id, zone: the zone holding the point (value 1)
#include <gdal.h>
#include <geos_c.h>
#include <ogr_api.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

GEOSContextHandle_t ctx = nullptr;

void geos_message(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vfprintf(stderr, fmt, ap);
  va_end(ap);
  std::fputc('\n', stderr);
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "bench_geos_loop: %s\n", what.c_str());
  std::exit(3);
}

struct GeomFree {
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
struct PreparedFree {
  void operator()(const GEOSPreparedGeometry* p) const { GEOSPreparedGeom_destroy_r(ctx, p); }
};
struct TreeFree {
  void operator()(GEOSSTRtree* t) const { GEOSSTRtree_destroy_r(ctx, t); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomFree>;
using Prepared = std::unique_ptr<const GEOSPreparedGeometry, PreparedFree>;
using Tree = std::unique_ptr<GEOSSTRtree, TreeFree>;

struct Feature {
  std::string reserve;  // reserve id (zones only)
  std::string label;    // zone label (zones) or feature id (mines, facilities)
  Geom geom;
};

// Every feature of the first layer of path, as GEOS geometries (via WKB) with two attributes.
std::vector<Feature> read_layer(const std::string& path, const char* reserve_field,
                                const char* label_field) {
  GDALDatasetH ds =
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr);
  if (!ds) die("cannot open " + path);
  OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  int reserve_idx = reserve_field ? OGR_FD_GetFieldIndex(defn, reserve_field) : -1;
  int label_idx = OGR_FD_GetFieldIndex(defn, label_field);
  if ((reserve_field && reserve_idx < 0) || label_idx < 0)
    die(path + ": missing field " + (label_idx < 0 ? label_field : reserve_field));
  GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx);
  std::vector<unsigned char> wkb;
  std::vector<Feature> out;
  OGR_L_ResetReading(layer);
  while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (!g) die(path + ": feature " + std::to_string(OGR_F_GetFID(f)) + " has no geometry");
    wkb.resize(static_cast<size_t>(OGR_G_WkbSize(g)));
    OGR_G_ExportToWkb(g, wkbNDR, wkb.data());
    Feature feat;
    if (reserve_idx >= 0) feat.reserve = OGR_F_GetFieldAsString(f, reserve_idx);
    feat.label = OGR_F_GetFieldAsString(f, label_idx);
    feat.geom.reset(GEOSWKBReader_read_r(ctx, reader, wkb.data(), wkb.size()));
    if (!feat.geom) die(path + ": feature " + std::to_string(OGR_F_GetFID(f)) + " unreadable");
    out.push_back(std::move(feat));
    OGR_F_Destroy(f);
  }
  GEOSWKBReader_destroy_r(ctx, reader);
  GDALClose(ds);
  return out;
}

std::string zone_code(const std::string& label) {
  if (label == "核心区") return "core";
  if (label == "缓冲区") return "buffer";
  if (label == "实验区") return "experimental";
  die("unknown zone label " + label);
}

double area_m2(const GEOSGeometry* g) {
  double a = 0.0;
  if (!GEOSArea_r(ctx, g, &a)) die("GEOSArea failed");
  return a;
}

bool envelopes_meet(const GEOSGeometry* a, const GEOSGeometry* b) {
  double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
  GEOSGeom_getXMin_r(ctx, a, &ax0);
  GEOSGeom_getYMin_r(ctx, a, &ay0);
  GEOSGeom_getXMax_r(ctx, a, &ax1);
  GEOSGeom_getYMax_r(ctx, a, &ay1);
  GEOSGeom_getXMin_r(ctx, b, &bx0);
  GEOSGeom_getYMin_r(ctx, b, &by0);
  GEOSGeom_getXMax_r(ctx, b, &bx1);
  GEOSGeom_getYMax_r(ctx, b, &by1);
  return ax0 <= bx1 && bx0 <= ax1 && ay0 <= by1 && by0 <= ay1;
}

double intersection_area_m2(const GEOSGeometry* a, const GEOSGeometry* b) {
  Geom i(GEOSIntersection_r(ctx, a, b));
  if (!i) die("GEOSIntersection failed");
  return area_m2(i.get());
}

Tree build_tree(const std::vector<Feature>& features) {
  Tree tree(GEOSSTRtree_create_r(ctx, 10));
  for (size_t i = 0; i < features.size(); ++i)
    GEOSSTRtree_insert_r(ctx, tree.get(), features[i].geom.get(),
                         reinterpret_cast<void*>(i));  // the index, not a pointer
  return tree;
}

std::vector<size_t> query(GEOSSTRtree* tree, const GEOSGeometry* g) {
  std::vector<size_t> hits;
  GEOSSTRtree_query_r(
      ctx, tree, g,
      [](void* item, void* data) {
        static_cast<std::vector<size_t>*>(data)->push_back(reinterpret_cast<size_t>(item));
      },
      &hits);
  std::sort(hits.begin(), hits.end());
  return hits;
}

struct Zone {
  std::string code;
  const GEOSGeometry* geom;
  double area_m2;
};

// One reserve's zones of one side, one geometry per zone code (several features of one zone
// are unioned).
std::vector<Zone> zones_of(std::vector<const Feature*> features, std::vector<Geom>& keep) {
  std::map<std::string, std::vector<const GEOSGeometry*>> by_code;
  for (const Feature* f : features) by_code[zone_code(f->label)].push_back(f->geom.get());
  std::vector<Zone> zones;
  for (auto& [code, geoms] : by_code) {
    const GEOSGeometry* g = geoms.front();
    if (geoms.size() > 1) {
      std::vector<GEOSGeometry*> clones;
      for (const GEOSGeometry* x : geoms) clones.push_back(GEOSGeom_clone_r(ctx, x));
      Geom coll(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                            static_cast<unsigned>(clones.size())));
      keep.emplace_back(GEOSUnaryUnion_r(ctx, coll.get()));
      g = keep.back().get();
    }
    zones.push_back({code, g, area_m2(g)});
  }
  return zones;
}

struct Args {
  std::string before, after, mining, facilities, out;
  std::string reserve_field = "reserve_id", zone_field = "功能分区", id_field = "编号";
};

Args parse(int argc, char** argv) {
  const std::map<std::string, std::string Args::*> options = {
      {"--before", &Args::before},
      {"--after", &Args::after},
      {"--mining", &Args::mining},
      {"--facilities", &Args::facilities},
      {"--out", &Args::out},
      {"--reserve-field", &Args::reserve_field},
      {"--zone-field", &Args::zone_field},
      {"--id-field", &Args::id_field}};
  Args a;
  for (int i = 1; i < argc; i += 2) {
    auto option = options.find(argv[i]);
    if (option == options.end() || i + 1 == argc) {
      std::fprintf(stderr, "bench_geos_loop: unknown option or missing value: %s\n", argv[i]);
      std::exit(2);
    }
    a.*(option->second) = argv[i + 1];
  }
  if (a.before.empty() || a.after.empty() || a.mining.empty() || a.facilities.empty() ||
      a.out.empty()) {
    std::fprintf(stderr,
                 "usage: bench_geos_loop --before B --after A --mining M --facilities F --out DIR"
                 " [--reserve-field F] [--zone-field F] [--id-field F]\n");
    std::exit(2);
  }
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  Args args = parse(argc, argv);
  GDALAllRegister();
  ctx = GEOS_init_r();
  GEOSContext_setErrorHandler_r(ctx, geos_message);

  auto before = read_layer(args.before, args.reserve_field.c_str(), args.zone_field.c_str());
  auto after = read_layer(args.after, args.reserve_field.c_str(), args.zone_field.c_str());
  auto mines = read_layer(args.mining, nullptr, args.id_field.c_str());
  auto points = read_layer(args.facilities, nullptr, args.id_field.c_str());
  Tree mine_tree = build_tree(mines);
  Tree point_tree = build_tree(points);
  std::vector<double> mine_area(mines.size());
  for (size_t i = 0; i < mines.size(); ++i) mine_area[i] = area_m2(mines[i].geom.get());

  // reserve id → (before features, after features)
  std::map<std::string, std::pair<std::vector<const Feature*>, std::vector<const Feature*>>>
      reserves;
  for (const Feature& f : before) reserves[f.reserve].first.push_back(&f);
  for (const Feature& f : after) reserves[f.reserve].second.push_back(&f);

  std::string out_csv = args.out + "/quantities.csv";
  FILE* q = std::fopen(out_csv.c_str(), "w");
  FILE* t = std::fopen((args.out + "/timing.csv").c_str(), "w");
  if (!q || !t) die("cannot write into " + args.out);
  std::fprintf(q, "quantity,reserve,side,key,zone,value\n");
  std::fprintf(t, "reserve,vertices,seconds,cpu_seconds\n");
  std::string largest;
  int largest_vertices = -1;
  double largest_s = 0.0, largest_cpu_s = 0.0;

  for (auto& [reserve, sides] : reserves) {
    auto started = std::chrono::steady_clock::now();
    std::clock_t cpu_started = std::clock();
    std::vector<Geom> keep;
    const char* rid = reserve.c_str();
    std::vector<Zone> zb = zones_of(sides.first, keep), za = zones_of(sides.second, keep);
    int vertices = 0;
    for (const auto* list : {&sides.first, &sides.second})
      for (const Feature* f : *list) vertices += GEOSGetNumCoordinates_r(ctx, f->geom.get());

    for (auto [side, zones] : {std::pair{"before", &zb}, std::pair{"after", &za}})
      for (const Zone& z : *zones)
        std::fprintf(q, "zone_area,%s,%s,,%s,%.17g\n", rid, side, z.code.c_str(), z.area_m2);

    // Transition matrix: one intersection per before × after pair whose envelopes meet.
    std::vector<double> kept_a(za.size(), 0.0);
    for (const Zone& b : zb) {
      double kept_b = 0.0;
      for (size_t j = 0; j < za.size(); ++j) {
        double a =
            envelopes_meet(b.geom, za[j].geom) ? intersection_area_m2(b.geom, za[j].geom) : 0.0;
        kept_b += a;
        kept_a[j] += a;
        std::fprintf(q, "transition,%s,,%s,%s,%.17g\n", rid, b.code.c_str(), za[j].code.c_str(), a);
      }
      std::fprintf(q, "transition,%s,,%s,outside,%.17g\n", rid, b.code.c_str(), b.area_m2 - kept_b);
    }
    for (size_t j = 0; j < za.size(); ++j)
      std::fprintf(q, "transition,%s,,outside,%s,%.17g\n", rid, za[j].code.c_str(),
                   za[j].area_m2 - kept_a[j]);

    for (auto [side, zones] : {std::pair{"before", &zb}, std::pair{"after", &za}}) {
      for (const Zone& z : *zones) {
        Prepared prep(GEOSPrepare_r(ctx, z.geom));
        for (size_t i : query(mine_tree.get(), z.geom)) {
          const GEOSGeometry* m = mines[i].geom.get();
          double a = 0.0;
          if (GEOSPreparedContains_r(ctx, prep.get(), m) == 1)
            a = mine_area[i];
          else if (GEOSPreparedIntersects_r(ctx, prep.get(), m) == 1)
            a = intersection_area_m2(z.geom, m);
          if (a > 0.0)
            std::fprintf(q, "mine_zone,%s,%s,%s,%s,%.17g\n", rid, side, mines[i].label.c_str(),
                         z.code.c_str(), a);
        }
        for (size_t i : query(point_tree.get(), z.geom))
          if (GEOSPreparedContains_r(ctx, prep.get(), points[i].geom.get()) == 1)
            std::fprintf(q, "facility_zone,%s,%s,%s,%s,1\n", rid, side, points[i].label.c_str(),
                         z.code.c_str());
      }
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double cpu_s = static_cast<double>(std::clock() - cpu_started) / CLOCKS_PER_SEC;
    std::fprintf(t, "%s,%d,%.6f,%.6f\n", rid, vertices, s, cpu_s);
    if (vertices > largest_vertices)
      largest = reserve, largest_vertices = vertices, largest_s = s, largest_cpu_s = cpu_s;
  }
  std::fclose(q);
  std::fclose(t);
  std::printf(
      "geos loop: %zu reserves; largest reserve %s (%d zone vertices before + after) "
      "took %.3f s (CPU %.3f s)\n",
      reserves.size(), largest.c_str(), largest_vertices, largest_s, largest_cpu_s);
  mine_tree.reset();
  point_tree.reset();
  before.clear(), after.clear(), mines.clear(), points.clear();
  GEOS_finish_r(ctx);
  return 0;
}
