#include "geom/validity.hpp"

#include <algorithm>

#include "geom/geos.hpp"
#include "geom/ring_validity.hpp"
#include "reserve/error.hpp"

namespace reserve::geom {
namespace {

bool has_unbuildable_ring(const MultiPolygon& mp) {
  for (const auto& p : mp.polygons) {
    if (!ring_buildable(p.outer)) return true;
    for (const auto& h : p.holes)
      if (!ring_buildable(h)) return true;
  }
  return false;
}

MultiPolygon without_unbuildable_rings(const MultiPolygon& mp) {
  MultiPolygon out;
  for (const auto& p : mp.polygons) {
    if (!ring_buildable(p.outer)) continue;
    Polygon q;
    q.outer = p.outer;
    for (const auto& h : p.holes)
      if (ring_buildable(h)) q.holes.push_back(h);
    out.polygons.push_back(std::move(q));
  }
  return out;
}

struct MakeValidParamsDeleter {
  void operator()(GEOSMakeValidParams* p) const noexcept {
    GEOSMakeValidParams_destroy_r(context(), p);
  }
};

}  // namespace

std::optional<Invalidity> find_invalidity(const MultiPolygon& mp) {
  if (has_unbuildable_ring(mp)) return Invalidity{"Too few points in ring", std::nullopt};
  // The exact proof answers for almost every zone and conflict polygon, without GEOS's topology
  // graph; only what it cannot prove valid goes to GEOS (which then names the problem).
  if (proven_valid(mp)) return std::nullopt;
  auto* h = context();
  GeomPtr g = to_geos(mp);
  char* reason = nullptr;
  GEOSGeometry* location = nullptr;
  const char valid = GEOSisValidDetail_r(h, g.get(), 0, &reason, &location);
  GeomPtr owned_location(location);
  std::string why = reason ? reason : "";
  if (reason) GEOSFree_r(h, reason);
  if (valid == 1) return std::nullopt;
  if (valid != 0) throw InternalError("GEOS could not check validity");
  Invalidity out{why.empty() ? "invalid geometry" : why, std::nullopt};
  if (location && GEOSisEmpty_r(h, location) == 0) {
    double x = 0.0, y = 0.0;
    if (GEOSGeomGetX_r(h, location, &x) == 1 && GEOSGeomGetY_r(h, location, &y) == 1)
      out.location = Point{x, y};
  }
  return out;
}

MultiPolygon make_valid_polygons(const MultiPolygon& mp) {
  auto* h = context();
  const MultiPolygon input = without_unbuildable_rings(mp);
  GeomPtr g = to_geos(input);
  std::unique_ptr<GEOSMakeValidParams, MakeValidParamsDeleter> params(
      GEOSMakeValidParams_create_r(h));
  if (!params) throw InternalError("GEOS could not create MakeValid parameters");
  GEOSMakeValidParams_setMethod_r(h, params.get(), GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(h, params.get(), 0);
  GeomPtr fixed = check(GEOSMakeValidWithParams_r(h, g.get(), params.get()), "make valid");
  MultiPolygon out = polygons_from_geos(fixed.get());
  if (auto still = find_invalidity(out)) {
    throw InternalError("GEOS MakeValid returned an invalid geometry (" + still->reason + ")");
  }
  orient_rings(out);
  return out;
}

void orient_rings(MultiPolygon& mp) {
  for (auto& p : mp.polygons) {
    if (signed_ring_area(p.outer) < 0.0) std::reverse(p.outer.begin(), p.outer.end());
    for (auto& hole : p.holes)
      if (signed_ring_area(hole) > 0.0) std::reverse(hole.begin(), hole.end());
  }
}

}  // namespace reserve::geom
