#include "analysis/feature_filter.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "geom/geos.hpp"
#include "geom/point_in_area.hpp"
#include "geom/ring_chunks.hpp"
#include "geom/segment_index.hpp"

namespace reserve::analysis {
namespace {

// Added to the distance before a feature is called far: see the header.
constexpr double kMarginM = 1e-3;

}  // namespace

// The zones of both zonings: one R-tree over all their rings for point distances, and their
// oriented rings for telling whether a point away from every boundary lies in some zone (the
// winding number of the rings around it, geom/ring_chunks.hpp). Each part is valid, so the
// winding number counts the parts holding the point. Were a ring without area to make the rings
// unusable, the parts are prepared one at a time (each a valid multipolygon, so indexed) and asked
// instead; building GEOS's point locators for every zone of every reserve took a quarter of the
// filter's time in a province run.
class ReserveShape {
 public:
  ReserveShape(const Zoning& before, const Zoning& after) {
    MultiPolygon all;
    for (const Zoning* z : {&before, &after})
      for (const auto& p : z->parts) {
        if (p.geometry.empty()) continue;
        envelope_.expand(envelope_of(p.geometry));
        for (const auto& poly : p.geometry.polygons) {
          all.polygons.push_back(poly);
          add_ring(poly.outer);
          for (const auto& hole : poly.holes) add_ring(hole);
        }
      }
    // A multipolygon of every zone's polygons (overlaps allowed: it only feeds the indexes).
    all_ = geom::to_geos(all);
    rings_of_zones_ = geom::RingChunks(all_.get());
    if (!rings_of_zones_.usable())
      for (const Zoning* z : {&before, &after})
        for (const auto& p : z->parts) {
          if (p.geometry.empty()) continue;
          parts_.push_back(geom::to_geos(p.geometry));
          prepared_.push_back(geom::prepare(parts_.back().get()));
        }
    segments_ = geom::SegmentIndex(all_.get());
  }

  bool empty() const noexcept { return !envelope_.valid; }
  const Envelope& envelope() const noexcept { return envelope_; }

  bool point_within(Point p, double d_m) const {
    if (segments_.within(p, d_m)) return true;
    return in_some_zone(p);
  }

  // Through the segment index: a boundary pair within d_m, else g meets the reserve only by lying
  // in a part (one vertex of each of g's polygons tells) or by holding a part's ring (one vertex
  // of the ring tells: no boundary of g comes near the ring). Any other part is farther than
  // d_m, its distance being that of the nearest boundary pair.
  bool polygon_within(const MultiPolygon& mp, double d_m) const {
    auto* h = geom::context();
    auto g = geom::to_geos(mp);
    if (segments_.facet_within(g.get(), d_m)) return true;
    for (const auto& p : mp.polygons)
      if (!p.outer.empty() && in_some_zone(p.outer.front())) return true;
    const Envelope box = envelope_of(mp);
    for (const RingProbe& r : rings_) {
      // A ring inside g lies inside g's envelope.
      if (!box.contains(Point{r.box.min_x, r.box.min_y}) ||
          !box.contains(Point{r.box.max_x, r.box.max_y}))
        continue;
      auto pt = geom::to_geos(r.vertex);
      if (GEOSIntersects_r(h, g.get(), pt.get()) == 1) return true;
    }
    return false;
  }

 private:
  // Whether p lies in a zone part, boundary included (the callers ask only about points away
  // from every boundary, where the winding number decides).
  bool in_some_zone(Point p) const {
    if (rings_of_zones_.usable()) return geom::area_covers(rings_of_zones_, nullptr, p);
    for (const auto& prep : prepared_)
      if (geom::area_covers(rings_of_zones_, prep.get(), p)) return true;
    return false;
  }

  // A ring of a zone part: its envelope and one of its vertices.
  struct RingProbe {
    Envelope box;
    Point vertex;
  };
  void add_ring(const Ring& r) {
    if (r.empty()) return;
    Envelope e;
    for (const Point& p : r) e.expand(p);
    rings_.push_back(RingProbe{e, r.front()});
  }

  Envelope envelope_;
  std::vector<RingProbe> rings_;
  geom::RingChunks rings_of_zones_;
  // The parts, prepared one at a time, only when rings_of_zones_ is not usable.
  std::vector<geom::GeomPtr> parts_;
  std::vector<geom::PreparedPtr> prepared_;
  geom::GeomPtr all_;
  geom::SegmentIndex segments_;
};

bool boxes_within(const Envelope& a, const Envelope& b, double d_m) {
  if (!a.valid || !b.valid) return true;
  return !(a.max_x < b.min_x - d_m || a.min_x > b.max_x + d_m || a.max_y < b.min_y - d_m ||
           a.min_y > b.max_y + d_m);
}

FarFeatures drop_far_features(FeatureSet& features, const Zoning& before, const Zoning& after,
                              double distance_m) {
  return FarFeatureFilter(before, after, distance_m).drop_far(features);
}

FarFeatureFilter::FarFeatureFilter(const Zoning& before, const Zoning& after, double distance_m)
    : before_(before), after_(after), distance_m_(distance_m) {}

FarFeatureFilter::~FarFeatureFilter() = default;

FarFeatures FarFeatureFilter::drop_far(FeatureSet& features) {
  const double distance_m = distance_m_;
  FarFeatures far;
  far.distance_m = distance_m;
  far.total = features.features.size();
  if (!std::isfinite(distance_m) || features.features.empty()) return far;
  if (!shape_) shape_ = std::make_unique<ReserveShape>(before_, after_);
  const ReserveShape& reserve = *shape_;
  if (reserve.empty()) return far;
  const double keep_m = distance_m + kMarginM;

  std::vector<ConflictFeature> near;
  for (auto& f : features.features) {
    const Envelope e = envelope_of(f.geometry);
    // No envelope (nothing to judge by) or a line (not produced by the loader): kept.
    bool is_near = boxes_within(e, reserve.envelope(), keep_m);
    if (is_near && e.valid) {
      if (f.geometry.kind == GeometryKind::point) {
        is_near = false;
        for (const Point& p : f.geometry.points)
          is_near = is_near || reserve.point_within(p, keep_m);
      } else if (f.geometry.kind == GeometryKind::polygon) {
        is_near = reserve.polygon_within(f.geometry.polygons, keep_m);
      }
    }
    if (is_near) {
      near.push_back(std::move(f));
      continue;
    }
    ++far.count;
    // The row moves from "used" to "far" in its layer's "N of M used".
    for (auto& src : features.sources) {
      if (src.path != f.where.file || src.layer != f.where.layer || src.features_kept == 0)
        continue;
      --src.features_kept;
      ++src.far;
      break;
    }
  }
  features.features = std::move(near);
  return far;
}

}  // namespace reserve::analysis

namespace reserve {

double conflict_search_distance_m(const Profile& profile, double boundary_tolerance_m) {
  double d = std::max({0.0, boundary_tolerance_m, profile.conflicts.buffer_distance_m});
  // Any rule parameter that is a distance (distance_m, buffer_distance_m, …), enabled or not: a
  // larger search distance only keeps more features, never changes a result.
  const std::string suffix = "distance_m";
  for (const RuleConfig& rule : profile.rules)
    for (const auto& [name, value] : rule.params)
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        if (const double* v = std::get_if<double>(&value)) d = std::max(d, *v);
  return d;
}

}  // namespace reserve
