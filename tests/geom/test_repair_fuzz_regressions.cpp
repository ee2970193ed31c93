// Inputs the fuzzers found (fuzz/corpus/fuzz_wkb_geometry/regression-*), replayed through the
// one validity → repair path. Both made GEOS's MakeValid throw a TopologyException inside its
// buffer-by-zero of a ring with coordinates near 1e298 (GEOS 3.11 leaks on that path; see
// tools/sanitizers/lsan.supp). What must hold on our side: no exception escapes, and the outcome
// is consistent — a geometry handed back as usable is valid; a failure carries GEOS's message.
#include <gtest/gtest.h>

#include "geom/repair.hpp"
#include "geom/validity.hpp"
#include "reserve/area.hpp"
#include "reserve/crs.hpp"
#include "reserve/geometry.hpp"

namespace reserve {
namespace {

// The WKB regression-geos-buffer-leak as GDAL reads it (ogr.CreateGeometryFromWkb), ring closed
// as our converter closes it.
constexpr const char* kHugeRing =
    "POLYGON ((500000 -7.84591167639431E+298, -7.84591167639454E+298 -7.84591167639454E+298, "
    "-7.84591167639454E+298 -7.84591167639454E+298, -7.84591167639454E+298 "
    "-7.84591167639442E+298, -7.84591167639454E+298 -7.84591167639454E+298, "
    "500000 -7.84591167639431E+298))";

TEST(RepairFuzzRegressions, RingNear1e298GivesAConsistentOutcome) {
  const MultiPolygon mp = geometry_from_wkt(kHugeRing).polygons;
  // Planar in CGCS2000 / 3-degree GK CM 105E: no CRS-range check stands between input and GEOS.
  const AreaCalculator calc(Crs::from_epsg(4544), AreaMethod::planar);
  geom::RepairResult r;
  ASSERT_NO_THROW(r = geom::repair_polygons(mp, RepairPolicy{}, calc));
  switch (r.outcome) {
    case geom::RepairOutcome::valid:
    case geom::RepairOutcome::repaired:
    case geom::RepairOutcome::too_large:
      EXPECT_FALSE(geom::find_invalidity(r.geometry).has_value());
      break;
    case geom::RepairOutcome::failed: EXPECT_FALSE(r.failure.empty()); break;
    case geom::RepairOutcome::refused: ADD_FAILURE() << "the default policy repairs"; break;
  }
}

}  // namespace
}  // namespace reserve
