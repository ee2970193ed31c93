// Area by a named method: geodesic (Karney, PROJ's geodesic.h) on the CRS's own ellipsoid,
// planar (shoelace) in a projected CRS, or survey (the land surveys' ellipsoidal trapezoids,
// geom/survey_area.hpp) on the CRS's own ellipsoid.
#include "reserve/area.hpp"

#include <geodesic.h>

#include <cmath>
#include <string>
#include <vector>

#include "crs/proj_handles.hpp"
#include "geom/densify.hpp"
#include "geom/survey_area.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

using crs::PjPtr;

std::string proj_error(PJ_CONTEXT* ctx) { return crs::last_error(ctx); }

// The ring without its closing point: geodesic.h closes polygons itself.
std::size_t open_size(const Ring& ring) {
  std::size_t n = ring.size();
  if (n > 1 && ring.front() == ring.back()) --n;
  return n;
}

// Signed geodesic area (counter-clockwise positive) of a lon/lat ring.
double signed_geodesic_ring_area_m2(const geod_geodesic& g, const Ring& lonlat) {
  const std::size_t n = open_size(lonlat);
  if (n < 3) return 0.0;
  geod_polygon poly;
  geod_polygon_init(&poly, 0);
  for (std::size_t i = 0; i < n; ++i) geod_polygon_addpoint(&g, &poly, lonlat[i].y, lonlat[i].x);
  double area = 0.0, perimeter = 0.0;
  geod_polygon_compute(&g, &poly, /*reverse=*/0, /*sign=*/1, &area, &perimeter);
  return area;
}

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
  geod_geodesic g;
  geod_init(&g, a, f);
  return std::abs(signed_geodesic_ring_area_m2(g, lonlat));
}

struct AreaCalculator::Impl {
  Crs crs;
  AreaMethod method = AreaMethod::geodesic;
  crs::ContextPtr ctx = crs::make_context();
  PjPtr to_geographic;  // projected → its own geographic CRS (lon, lat); null if geographic
  geod_geodesic geod{};
  double a_m = 0.0;
  double f = 0.0;
  double unit_m = 1.0;        // metres per CRS unit (planar)
  geom::SurveySeries survey;  // the survey method's series constants (A–E) for this ellipsoid

  // The survey method's edge model: straight in the CRS's own coordinates, densified there
  // (geom/survey_area.hpp), then taken to (lon, lat).
  Ring densified_lonlat(const Ring& ring, bool closed) const {
    Ring dense = ring;
    const double step =
        to_geographic ? geom::kSurveyDensifyStepM / unit_m : geom::kSurveyDensifyStepDeg;
    if (closed)
      geom::densify_ring_linear(dense, step);
    else
      geom::densify_path_linear(dense, step);
    return to_lonlat(dense);
  }

  // Vertices as (lon, lat) in degrees on the CRS's own datum.
  Ring to_lonlat(const Ring& ring) const {
    Ring out = ring;
    if (!to_geographic || out.empty()) return out;
    const std::size_t stride = sizeof(Point);
    const std::size_t done =
        proj_trans_generic(to_geographic.get(), PJ_FWD, &out[0].x, stride, out.size(), &out[0].y,
                           stride, out.size(), nullptr, 0, 0, nullptr, 0, 0);
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
    if (method == AreaMethod::planar) return signed_ring_area(ring) * unit_m * unit_m;
    if (method == AreaMethod::survey)
      return geom::signed_survey_ring_area_m2(survey, densified_lonlat(ring, /*closed=*/true));
    return signed_geodesic_ring_area(ring);
  }

  double signed_geodesic_ring_area(const Ring& ring) const {
    return signed_geodesic_ring_area_m2(geod, to_lonlat(ring));
  }
};

AreaCalculator::AreaCalculator(const Crs& crs, AreaMethod method)
    : impl_(std::make_unique<Impl>()) {
  Impl& im = *impl_;
  im.crs = crs;
  im.method = method;
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
  if (method == AreaMethod::planar) return;

  geod_init(&im.geod, im.a_m, im.f);
  im.survey = geom::survey_series(im.a_m, im.f);
  if (geographic) return;  // coordinates are already (lon, lat) on this datum

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
}

AreaCalculator::~AreaCalculator() = default;
AreaCalculator::AreaCalculator(AreaCalculator&&) noexcept = default;
AreaCalculator& AreaCalculator::operator=(AreaCalculator&&) noexcept = default;

AreaMethod AreaCalculator::method() const noexcept { return impl_->method; }
const Crs& AreaCalculator::crs() const noexcept { return impl_->crs; }
double AreaCalculator::ellipsoid_a_m() const noexcept { return impl_->a_m; }
double AreaCalculator::ellipsoid_f() const noexcept { return impl_->f; }

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
    return length * impl_->unit_m;
  }
  const Ring lonlat = impl_->method == AreaMethod::survey
                          ? impl_->densified_lonlat(line, /*closed=*/false)
                          : impl_->to_lonlat(line);
  for (std::size_t i = 1; i < lonlat.size(); ++i) {
    double s12 = 0.0;
    geod_inverse(&impl_->geod, lonlat[i - 1].y, lonlat[i - 1].x, lonlat[i].y, lonlat[i].x, &s12,
                 nullptr, nullptr);
    length += s12;
  }
  return length;
}

}  // namespace reserve
