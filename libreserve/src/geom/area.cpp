// Area by a named method: geodesic (geom/geodesic_area.hpp: Karney's geodesics, short edges by a
// closed formula that agrees with his to below his own rounding) on the CRS's own ellipsoid,
// planar (shoelace) in a projected CRS, or survey (the land surveys' ellipsoidal trapezoids,
// geom/survey_area.hpp) on the CRS's own ellipsoid.
#include "reserve/area.hpp"

#include <geodesic.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crs/proj_handles.hpp"
#include "geom/content_key.hpp"
#include "geom/densify.hpp"
#include "geom/geodesic_area.hpp"
#include "geom/local_inverse.hpp"
#include "geom/survey_area.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

using crs::PjPtr;

std::string proj_error(PJ_CONTEXT* ctx) { return crs::last_error(ctx); }

}  // namespace

const char* to_string(AreaMethod m) noexcept {
  switch (m) {
    case AreaMethod::planar: return "planar";
    case AreaMethod::survey: return "survey";
    case AreaMethod::geodesic: break;
  }
  return "geodesic";
}

AreaMethod area_method_from_string(const std::string& name) {
  for (AreaMethod m : {AreaMethod::geodesic, AreaMethod::planar, AreaMethod::survey})
    if (name == to_string(m)) return m;
  throw UsageError("unknown area method '" + name + "'; use geodesic (default), planar or survey");
}

double geodesic_ring_area_m2(const Ring& lonlat, double a, double f) {
  return std::abs(geom::signed_geodesic_ring_area_m2(geom::geodesic_area_ellipsoid(a, f), lonlat));
}

namespace {

using RingKey = geom::ContentKey;
using RingKeyHash = geom::ContentKeyHash;

RingKey ring_key(const Ring& ring) {
  geom::ContentKeyBuilder k;
  k.add(ring);
  return k.key();
}

// Rings of at least this many vertices have their areas kept: a 50,000-vertex reserve outline
// is measured by the comparison and again by the targeting statistic, and each measure
// inverse-projects every vertex and sums the per-edge areas (milliseconds, mostly PROJ's
// inverse projection). Smaller rings cost about as much to hash as to measure.
constexpr std::size_t kCachedRingVertices = 1024;
constexpr std::size_t kCachedRings = 4096;  // then the cache starts again (bounded memory)

}  // namespace

// What a CRS and method fix: PROJ's inverse projection, the ellipsoid, the unit. Built once per
// thread for each (CRS, method) and shared by the calculators made on that thread (parsing the
// CRS and finding the inverse projection in proj.db costs about a millisecond, and a check makes
// a calculator in each of its steps), with the areas of large rings already measured.
struct AreaSetup {
  crs::ContextPtr ctx = crs::make_context();
  PjPtr to_geographic;  // projected → its own geographic CRS (lon, lat); null if geographic
  geom::GeodesicAreaEllipsoid geod{};  // Karney's geodesic and the short-edge area formula
  double a_m = 0.0;
  double f = 0.0;
  double unit_m = 1.0;        // metres per CRS unit (planar)
  geom::SurveySeries survey;  // the survey method's series constants (A–E) for this ellipsoid
  // PROJ objects are not thread-safe: a calculator moved to another thread may share this one.
  std::mutex mutex;  // guards to_geographic's use and ring_areas
  std::unordered_map<RingKey, double, RingKeyHash> ring_areas;  // signed, by the method
};

struct AreaCalculator::Impl {
  Crs crs;
  AreaMethod method = AreaMethod::geodesic;
  std::shared_ptr<AreaSetup> setup;

  // The survey method's edge model: straight in the CRS's own coordinates, densified there
  // (geom/survey_area.hpp), then taken to (lon, lat).
  Ring densified_lonlat(const Ring& ring, bool closed) const {
    Ring dense = ring;
    const double step = setup->to_geographic ? geom::kSurveyDensifyStepM / setup->unit_m
                                             : geom::kSurveyDensifyStepDeg;
    if (closed)
      geom::densify_ring_linear(dense, step);
    else
      geom::densify_path_linear(dense, step);
    return ring_lonlat(dense);
  }

  // A ring's vertices as (lon, lat): a small ring's through a checked fit of the inverse
  // projection over its envelope (geom/local_inverse.hpp), the rest vertex by vertex.
  Ring ring_lonlat(const Ring& ring) const {
    if (!setup->to_geographic || ring.size() < geom::kLocalFitMinVertices) return to_lonlat(ring);
    Envelope e;
    for (const Point& p : ring) e.expand(p);
    const double max_unit = geom::kLocalFitMaxExtentM / setup->unit_m;
    if (!(e.max_x - e.min_x <= max_unit) || !(e.max_y - e.min_y <= max_unit))
      return to_lonlat(ring);
    geom::LocalFitNodes nodes = geom::local_fit_nodes(e);
    inverse_project(nodes.data(), nodes.size());
    if (auto fitted = geom::fitted_lonlat(ring, e, nodes)) return std::move(*fitted);
    return to_lonlat(ring);  // beyond the fit's tolerance, or a node PROJ could not take
  }

  // Points taken in place to (lon, lat) by PROJ (not thread-safe: under the setup's mutex); PROJ
  // marks a point it cannot take with HUGE_VAL. Returns PROJ's count of points done.
  std::size_t inverse_project(Point* points, std::size_t n) const {
    const std::size_t stride = sizeof(Point);
    std::lock_guard<std::mutex> lock(setup->mutex);
    return proj_trans_generic(setup->to_geographic.get(), PJ_FWD, &points[0].x, stride, n,
                              &points[0].y, stride, n, nullptr, 0, 0, nullptr, 0, 0);
  }

  // Vertices as (lon, lat) in degrees on the CRS's own datum.
  Ring to_lonlat(const Ring& ring) const {
    Ring out = ring;
    if (!setup->to_geographic || out.empty()) return out;
    const std::size_t done = inverse_project(out.data(), out.size());
    // PROJ marks a vertex it cannot convert with HUGE_VAL: name that one (not the ring's first).
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (done == out.size() && std::isfinite(out[i].x) && std::isfinite(out[i].y)) continue;
      if (done != out.size() && i + 1 < out.size() && std::isfinite(out[i].x) &&
          std::isfinite(out[i].y))
        continue;  // a short count without a marked vertex: the last one is named
      throw InputError("vertex " + std::to_string(i + 1) + " of a ring (" +
                       std::to_string(ring[i].x) + ", " + std::to_string(ring[i].y) +
                       ") cannot be taken to geographic coordinates in " + crs.label() +
                       "; check that the data really is in this CRS");
    }
    return out;
  }

  double signed_ring_area_m2(const Ring& ring) const {
    if (method == AreaMethod::planar) return signed_ring_area(ring) * setup->unit_m * setup->unit_m;
    if (ring.size() < kCachedRingVertices) return measured_signed_ring_area_m2(ring);
    const RingKey key = ring_key(ring);
    {
      std::lock_guard<std::mutex> lock(setup->mutex);
      auto it = setup->ring_areas.find(key);
      if (it != setup->ring_areas.end()) return it->second;
    }
    const double area = measured_signed_ring_area_m2(ring);
    std::lock_guard<std::mutex> lock(setup->mutex);
    if (setup->ring_areas.size() >= kCachedRings) setup->ring_areas.clear();
    setup->ring_areas.emplace(key, area);
    return area;
  }

  double measured_signed_ring_area_m2(const Ring& ring) const {
    if (method == AreaMethod::survey)
      return geom::signed_survey_ring_area_m2(setup->survey,
                                              densified_lonlat(ring, /*closed=*/true));
    return geom::signed_geodesic_ring_area_m2(setup->geod, ring_lonlat(ring));
  }
};

namespace {

// The setup for (crs, method), built as the constructor always did; throws as it did.
std::shared_ptr<AreaSetup> make_setup(const Crs& crs, AreaMethod method) {
  auto setup = std::make_shared<AreaSetup>();
  AreaSetup& im = *setup;
  if (crs.empty()) {
    throw UsageError("cannot measure areas: the CRS is unknown; give the data a CRS (--crs)");
  }
  PJ_CONTEXT* ctx = im.ctx.get();
  PjPtr pj = crs::create_crs(ctx, crs.wkt);
  if (!pj) throw UsageError("PROJ cannot read the CRS " + crs.label() + ": " + proj_error(ctx));

  const PJ_TYPE type = proj_get_type(pj.get());
  const bool geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                          type == PJ_TYPE_GEOGRAPHIC_CRS;
  if (method == AreaMethod::planar && (geographic || crs.is_geographic)) {
    throw UsageError("planar area in the geographic CRS " + crs.label() +
                     " would be in square degrees; use --area-method geodesic or a projected "
                     "working CRS (--working-crs)");
  }

  PjPtr ellipsoid(proj_get_ellipsoid(ctx, pj.get()));
  if (ellipsoid) {
    double b = 0.0, inv_f = 0.0;
    int inv_f_computed = 0;
    proj_ellipsoid_get_parameters(ctx, ellipsoid.get(), &im.a_m, &b, &inv_f_computed, &inv_f);
    im.f = inv_f > 0.0 ? 1.0 / inv_f : 0.0;
  } else if (method != AreaMethod::planar) {
    throw UsageError("the CRS " + crs.label() + " has no ellipsoid, so " + to_string(method) +
                     " areas cannot be measured in it; use --area-method planar");
  }

  if (!geographic) {
    PjPtr cs(proj_crs_get_coordinate_system(ctx, pj.get()));
    double factor = 1.0;
    if (cs &&
        proj_cs_get_axis_info(ctx, cs.get(), 0, nullptr, nullptr, nullptr, &factor, nullptr,
                              nullptr, nullptr) &&
        factor > 0.0) {
      im.unit_m = factor;
    }
  }
  if (method == AreaMethod::planar) return setup;

  im.geod = geom::geodesic_area_ellipsoid(im.a_m, im.f);
  im.survey = geom::survey_series(im.a_m, im.f);
  if (geographic) return setup;  // coordinates are already (lon, lat) on this datum

  PjPtr geodetic(proj_crs_get_geodetic_crs(ctx, pj.get()));
  if (!geodetic) {
    throw UsageError("the CRS " + crs.label() + " has no geodetic base CRS: " + proj_error(ctx));
  }
  PjPtr raw(proj_create_crs_to_crs_from_pj(ctx, pj.get(), geodetic.get(), nullptr, nullptr));
  if (!raw) {
    throw InternalError("PROJ found no inverse projection for " + crs.label() + ": " +
                        proj_error(ctx));
  }
  // Traditional GIS axis order on both sides: (easting, northing) in, (lon, lat) out.
  im.to_geographic.reset(proj_normalize_for_visualization(ctx, raw.get()));
  if (!im.to_geographic) {
    throw InternalError("PROJ could not normalise the axis order for " + crs.label());
  }
  return setup;
}

// This thread's setups, most recently used last (a few CRSs at most in one run).
std::shared_ptr<AreaSetup> setup_for(const Crs& crs, AreaMethod method) {
  thread_local std::vector<std::pair<std::string, std::shared_ptr<AreaSetup>>> setups;
  std::string key =
      std::to_string(static_cast<int>(method)) + (crs.is_geographic ? "g" : "p") + "\n" + crs.wkt;
  for (auto it = setups.begin(); it != setups.end(); ++it) {
    if (it->first != key) continue;
    auto found = it->second;
    setups.erase(it);
    setups.emplace_back(std::move(key), found);
    return found;
  }
  auto made = make_setup(crs, method);
  if (setups.size() >= 8) setups.erase(setups.begin());
  setups.emplace_back(std::move(key), made);
  return made;
}

}  // namespace

AreaCalculator::AreaCalculator(const Crs& crs, AreaMethod method)
    : impl_(std::make_unique<Impl>()) {
  impl_->crs = crs;
  impl_->method = method;
  impl_->setup = setup_for(crs, method);
}

AreaCalculator::~AreaCalculator() = default;
AreaCalculator::AreaCalculator(AreaCalculator&&) noexcept = default;
AreaCalculator& AreaCalculator::operator=(AreaCalculator&&) noexcept = default;

AreaMethod AreaCalculator::method() const noexcept { return impl_->method; }
const Crs& AreaCalculator::crs() const noexcept { return impl_->crs; }
double AreaCalculator::ellipsoid_a_m() const noexcept { return impl_->setup->a_m; }
double AreaCalculator::ellipsoid_f() const noexcept { return impl_->setup->f; }

double AreaCalculator::area_m2(const Polygon& p) const {
  double area = std::abs(impl_->signed_ring_area_m2(p.outer));
  for (const Ring& hole : p.holes) area -= std::abs(impl_->signed_ring_area_m2(hole));
  return std::max(area, 0.0);
}

double AreaCalculator::area_m2(const MultiPolygon& mp) const {
  double area = 0.0;
  for (const Polygon& p : mp.polygons) area += area_m2(p);
  return area;
}

double AreaCalculator::length_m(const LineString& line) const {
  if (line.size() < 2) return 0.0;
  double length = 0.0;
  if (impl_->method == AreaMethod::planar) {
    for (std::size_t i = 1; i < line.size(); ++i)
      length += std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y);
    return length * impl_->setup->unit_m;
  }
  const Ring lonlat = impl_->method == AreaMethod::survey
                          ? impl_->densified_lonlat(line, /*closed=*/false)
                          : impl_->to_lonlat(line);
  for (std::size_t i = 1; i < lonlat.size(); ++i) {
    double s12 = 0.0;
    geod_inverse(&impl_->setup->geod.geod, lonlat[i - 1].y, lonlat[i - 1].x, lonlat[i].y,
                 lonlat[i].x, &s12, nullptr, nullptr);
    length += s12;
  }
  return length;
}

}  // namespace reserve
