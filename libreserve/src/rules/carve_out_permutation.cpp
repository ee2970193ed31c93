// The permutation test of the targeting statistic (see carve_out_permutation.hpp).
#include "rules/carve_out_permutation.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "geom/envelope_index.hpp"
#include "geom/segment_index.hpp"
#include "geom/validity.hpp"
#include "reserve/error.hpp"
#include "rules/rule_helpers.hpp"

namespace reserve::rules {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Draws as large as the proposal's after which the test stops (Besag, J. & Clifford, P. 1991,
// "Sequential Monte Carlo p-values", Biometrika 78(2):301–304: stopping at the h-th exceedance
// after L draws gives the valid p-value h / L). A carve-out that chance matches easily is then
// settled in ~h / p draws instead of all of them, which bounds the cost where the pieces and the
// footprint are large (a reserve cut in half); a small p still takes every draw, as it must.
constexpr int kEnoughAsLarge = 50;

// Uniform in [0, 1) from the top 53 bits of one engine output. std::mt19937_64's output sequence
// is fixed by the C++ standard, but std::uniform_real_distribution (and every other std::
// distribution) is not: libstdc++, libc++ and MSVC turn the same engine output into different
// numbers, and have changed it between versions. Doing the conversion by hand keeps a seed's
// p-value the same on every build.
double unit_interval(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// A piece as its vertices relative to its centroid, with what placing and measuring it needs.
struct Piece {
  MultiPolygon shape;           // centred on (0, 0); made valid once (GEOS MakeValid) if it was not
  geom::GeomPtr local;          // `shape` in GEOS
  geom::PreparedPtr prepared;   // … prepared: footprint parts are tested against it
  geom::SegmentIndex boundary;  // … its rings: is a footprint part clear of them?
  // A large piece cut into tiles (each prepared, behind an index): a footprint part crossing the
  // piece's boundary is intersected with the few tiles it meets, not with the whole piece.
  struct Tile {
    geom::GeomPtr geometry;
    geom::PreparedPtr prepared;
  };
  std::vector<Tile> tiles;
  std::unique_ptr<geom::EnvelopeIndex> tile_index;  // null: not tiled
  std::size_t vertices = 0;
  double area_m2 = 0.0;      // planar
  double radius_m = 0.0;     // farthest vertex from the centroid: the moved piece's box
  bool on_boundary = false;  // removed: placed at the boundary; downgraded: anywhere inside
  double depth = 0.0;        // removed: how far inside the reserve its centroid lies (m)
  Point centroid;            // where it is in the proposal
};

// A rigid motion: rotate by `angle` about the origin, then translate by `to`.
struct Motion {
  Point to;
  double angle = 0.0;
};

struct BoundarySegment {
  Point a, b;
  double end = 0.0;         // cumulative length at b
  bool inside_left = true;  // the reserve lies to the left of a → b
};

// The reserve's rings as segments weighted by length, each knowing on which side the reserve is.
std::vector<BoundarySegment> boundary_segments(const MultiPolygon& reserve) {
  std::vector<BoundarySegment> out;
  double total = 0.0;
  auto add_ring = [&](const Ring& ring, bool hole) {
    const bool ccw = signed_ring_area(ring) > 0.0;
    // Inside an outer ring is left of a counter-clockwise walk; the reserve around a hole is left
    // of a clockwise walk round the hole.
    const bool inside_left = hole ? !ccw : ccw;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      const double len = std::hypot(ring[i + 1].x - ring[i].x, ring[i + 1].y - ring[i].y);
      if (!(len > 0.0)) continue;
      total += len;
      out.push_back({ring[i], ring[i + 1], total, inside_left});
    }
  };
  for (const Polygon& p : reserve.polygons) {
    add_ring(p.outer, false);
    for (const Ring& h : p.holes) add_ring(h, true);
  }
  return out;
}

MultiPolygon moved(const MultiPolygon& shape, Point to, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  auto move_ring = [&](const Ring& r) {
    Ring out;
    out.reserve(r.size());
    for (const Point& p : r) out.push_back({to.x + c * p.x - s * p.y, to.y + s * p.x + c * p.y});
    return out;
  };
  MultiPolygon out;
  for (const Polygon& poly : shape.polygons) {
    Polygon m{move_ring(poly.outer), {}};
    for (const Ring& h : poly.holes) m.holes.push_back(move_ring(h));
    out.polygons.push_back(std::move(m));
  }
  return out;
}

// `mp` moved back by the inverse of `m` (into the frame of a piece centred on the origin).
MultiPolygon moved_back(const MultiPolygon& mp, const Motion& m) {
  MultiPolygon shifted = moved(mp, Point{-m.to.x, -m.to.y}, 0.0);
  return moved(shifted, Point{0.0, 0.0}, -m.angle);
}

Point moved_back(Point p, const Motion& m) {
  const double c = std::cos(m.angle), s = std::sin(m.angle);
  const double dx = p.x - m.to.x, dy = p.y - m.to.y;
  return {c * dx + s * dy, -s * dx + c * dy};
}

bool contains(const GEOSPreparedGeometry* area, Point p) {
  const geom::GeomPtr g = geom::to_geos(p);
  return GEOSPreparedContains_r(geom::context(), area, g.get()) == 1;
}

std::size_t vertex_count(const MultiPolygon& mp) {
  std::size_t n = 0;
  for (const Polygon& p : mp.polygons) {
    n += p.outer.size();
    for (const Ring& h : p.holes) n += h.size();
  }
  return n;
}

// Area of a ∩ b where a is prepared; b built from `b_value`. A rigid motion's rounding can make a
// valid but nearly touching ring invalid, which GEOS refuses to intersect; the statistic needs the
// area only, so the valid form of b (the same area) is measured then.
double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const GEOSGeometry* b, const MultiPolygon& b_value, double b_area_m2) {
  auto* h = geom::context();
  if (GEOSPreparedIntersects_r(h, a_prepared, b) != 1) return 0.0;
  if (GEOSPreparedContains_r(h, a_prepared, b) == 1) return b_area_m2;
  geom::GeomPtr both(GEOSIntersection_r(h, a, b));
  if (!both) {
    const geom::GeomPtr valid = geom::to_geos(geom::make_valid_polygons(b_value));
    both = geom::check(GEOSIntersection_r(h, a, valid.get()), "piece ∩ footprint");
  }
  return geom::planar_area(both.get());
}

double overlap_m2(const GEOSPreparedGeometry* a_prepared, const GEOSGeometry* a,
                  const MultiPolygon& b_value, double b_area_m2) {
  const geom::GeomPtr b = geom::to_geos(b_value);
  return overlap_m2(a_prepared, a, b.get(), b_value, b_area_m2);
}

// Area of piece ∩ b, both in the piece's frame: tile by tile for a tiled piece (the tiles are
// disjoint, so their overlaps add up).
double piece_overlap_m2(const Piece& piece, const MultiPolygon& b_value, double b_area_m2) {
  if (!piece.tile_index)
    return overlap_m2(piece.prepared.get(), piece.local.get(), b_value, b_area_m2);
  const geom::GeomPtr b = geom::to_geos(b_value);
  double area = 0.0;
  for (std::size_t i : piece.tile_index->query(envelope_of(b_value))) {
    const Piece::Tile& t = piece.tiles[i];
    area += overlap_m2(t.prepared.get(), t.geometry.get(), b.get(), b_value, b_area_m2);
  }
  return area;
}

// Cuts a piece of more than 256 vertices into a grid of about vertices / 64 tiles.
void tile(Piece& p) {
  if (p.vertices <= 256) return;
  auto* h = geom::context();
  const int g = std::min(32, static_cast<int>(std::ceil(std::sqrt(p.vertices / 64.0))));
  const Envelope e = envelope_of(p.shape);
  std::vector<Envelope> boxes;
  for (int ix = 0; ix < g; ++ix) {
    for (int iy = 0; iy < g; ++iy) {
      const double x0 = e.min_x + e.width() * ix / g, x1 = e.min_x + e.width() * (ix + 1) / g;
      const double y0 = e.min_y + e.height() * iy / g, y1 = e.min_y + e.height() * (iy + 1) / g;
      geom::GeomPtr clip(GEOSClipByRect_r(h, p.local.get(), x0, y0, x1, y1));
      if (!clip) return;  // GEOS could not clip: measure against the whole piece
      if (!(geom::planar_area(clip.get()) > 0.0)) continue;
      Envelope box;
      box.expand(Point{x0, y0});
      box.expand(Point{x1, y1});
      boxes.push_back(box);
      Piece::Tile t;
      t.prepared = geom::prepare(clip.get());
      t.geometry = std::move(clip);
      p.tiles.push_back(std::move(t));
    }
  }
  p.tile_index = std::make_unique<geom::EnvelopeIndex>(boxes);
}

// The footprint as separate polygons behind an envelope index. Each pair (piece, footprint part)
// is measured in the frame of the one with more vertices, which is prepared once: the smaller one
// is moved (a mining-right buffer into the frame of a large removed piece, a small piece onto a
// large merged footprint), so a draw costs about the small geometries' size, not the large ones'.
class Footprint {
 public:
  explicit Footprint(const GEOSGeometry* footprint) {
    auto* h = geom::context();
    const int n = GEOSGetNumGeometries_r(h, footprint);
    std::vector<Envelope> boxes;
    for (int i = 0; i < n; ++i) {
      const GEOSGeometry* part = GEOSGetGeometryN_r(h, footprint, i);
      if (GEOSGeomTypeId_r(h, part) != GEOS_POLYGON || geom::is_empty(part)) continue;
      Part p;
      p.geometry = part;
      p.prepared = geom::prepare(part);
      p.value = geom::polygons_from_geos(part);
      p.vertices = vertex_count(p.value);
      p.area_m2 = geom::planar_area(part);
      const Envelope e = envelope_of(p.value);
      p.center = Point{(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2};
      p.radius_m = std::hypot(e.width(), e.height()) / 2;
      boxes.push_back(e);
      parts_.push_back(std::move(p));
    }
    index_ = std::make_unique<geom::EnvelopeIndex>(boxes);
  }
  bool empty() const { return parts_.empty(); }

  // Planar area of (piece moved by m) ∩ footprint.
  double taken_in(const Piece& piece, const Motion& m) const {
    Envelope box;
    box.expand(Point{m.to.x - piece.radius_m, m.to.y - piece.radius_m});
    box.expand(Point{m.to.x + piece.radius_m, m.to.y + piece.radius_m});
    const std::vector<std::size_t> hits = index_->query(box);
    double area = 0.0;
    std::optional<MultiPolygon> placed;  // the piece in the world frame, made when first needed
    for (std::size_t i : hits) {
      const Part& part = parts_[i];
      if (part.vertices <= piece.vertices) {
        // A part whose bounding circle clears the piece's boundary lies wholly inside or wholly
        // outside it: one point test instead of building and intersecting the part.
        const Point c = moved_back(part.center, m);
        if (!piece.boundary.within(c, part.radius_m)) {
          if (contains(piece.prepared.get(), c)) area += part.area_m2;
          continue;
        }
        area += piece_overlap_m2(piece, moved_back(part.value, m), part.area_m2);
      } else {
        if (!placed) placed = moved(piece.shape, m.to, m.angle);
        area += overlap_m2(part.prepared.get(), part.geometry, *placed, piece.area_m2);
      }
    }
    return area;
  }

 private:
  struct Part {
    const GEOSGeometry* geometry = nullptr;  // owned by the caller's footprint
    geom::PreparedPtr prepared;
    MultiPolygon value;
    std::size_t vertices = 0;
    double area_m2 = 0.0;
    Point center;           // of its envelope
    double radius_m = 0.0;  // of the circle round its envelope
  };
  std::vector<Part> parts_;
  std::unique_ptr<geom::EnvelopeIndex> index_;
};

Point centroid_of(const GEOSGeometry* g) {
  auto* h = geom::context();
  auto c = geom::check(GEOSGetCentroid_r(h, g), "centroid");
  Point p;
  GEOSGeomGetX_r(h, c.get(), &p.x);
  GEOSGeomGetY_r(h, c.get(), &p.y);
  return p;
}

std::vector<Piece> pieces_of(const Comparison& comparison, const GEOSGeometry* reserve) {
  auto* h = geom::context();
  auto boundary = geom::check(GEOSBoundary_r(h, reserve), "reserve boundary");
  auto prepared_reserve = geom::prepare(reserve);
  std::vector<Piece> out;
  for (const ChangeSet* set : {&comparison.removed, &comparison.downgraded}) {
    for (const ChangePiece& cp : set->pieces) {
      if (cp.noise) continue;
      auto g = geom::to_geos(cp.geometry);
      Piece p;
      p.on_boundary = set == &comparison.removed;
      p.centroid = centroid_of(g.get());
      MultiPolygon shape;
      shape.polygons.push_back(cp.geometry);
      // Overlay pieces can carry rings that touch themselves; GEOS refuses to intersect those.
      if (!geom::invalid_reason(g.get()).empty()) shape = geom::make_valid_polygons(shape);
      p.shape = moved(shape, Point{-p.centroid.x, -p.centroid.y}, 0.0);
      p.local = geom::to_geos(p.shape);
      p.prepared = geom::prepare(p.local.get());
      p.boundary = geom::SegmentIndex(p.local.get());
      p.vertices = vertex_count(p.shape);
      p.area_m2 = planar_area(p.shape);
      for (const Polygon& poly : p.shape.polygons)
        for (const Point& q : poly.outer) p.radius_m = std::max(p.radius_m, std::hypot(q.x, q.y));
      tile(p);
      if (p.on_boundary) {
        auto c = geom::to_geos(p.centroid);
        double dist = 0.0;
        GEOSDistance_r(h, c.get(), boundary.get(), &dist);
        const bool inside = GEOSPreparedContains_r(h, prepared_reserve.get(), c.get()) == 1;
        p.depth = inside ? dist : -dist;
      }
      out.push_back(std::move(p));
    }
  }
  return out;
}

// A point of the boundary at arc length u·total, moved `depth` towards the reserve's inside.
Point boundary_point(const std::vector<BoundarySegment>& segs, double u, double depth) {
  const double at = u * segs.back().end;
  auto it = std::upper_bound(segs.begin(), segs.end(), at,
                             [](double v, const BoundarySegment& s) { return v < s.end; });
  if (it == segs.end()) it = segs.end() - 1;
  const double dx = it->b.x - it->a.x, dy = it->b.y - it->a.y;
  const double len = std::hypot(dx, dy);
  const double start = it->end - len;
  const double t = std::clamp((at - start) / len, 0.0, 1.0);
  const double side = it->inside_left ? 1.0 : -1.0;  // left normal is (−dy, dx)/len
  return {it->a.x + dx * t - side * dy / len * depth, it->a.y + dy * t + side * dx / len * depth};
}

// A uniform point of the reserve by rejection from its envelope. The attempts are bounded so
// that a degenerate reserve cannot loop for ever (a reserve filling 1e-3 of its envelope fails
// with probability (1 − 1e-3)^100000 ≈ 4e-44).
Point interior_point(std::mt19937_64& rng, const Envelope& box,
                     const GEOSPreparedGeometry* reserve) {
  auto* h = geom::context();
  for (int attempt = 0; attempt < 100000; ++attempt) {
    const Point p{box.min_x + unit_interval(rng) * box.width(),
                  box.min_y + unit_interval(rng) * box.height()};
    auto g = geom::to_geos(p);
    if (GEOSPreparedContains_r(h, reserve, g.get()) == 1) return p;
  }
  throw InternalError("permutation test: found no random point inside the baseline reserve");
}

}  // namespace

CarveOutPermutation carve_out_permutation(const Comparison& comparison, const GEOSGeometry* reserve,
                                          const GEOSGeometry* footprint, int draws,
                                          std::uint64_t seed) {
  if (draws < 1) throw UsageError("permutation test: the number of draws must be ≥ 1");
  CarveOutPermutation result;
  result.seed = seed;
  const std::vector<Piece> pieces = pieces_of(comparison, reserve);
  const Footprint fp(footprint);
  if (pieces.empty() || fp.empty()) return result;

  for (const Piece& p : pieces) result.observed_m2 += fp.taken_in(p, Motion{p.centroid, 0.0});
  const double bar = result.observed_m2 * (1.0 - 1e-9);

  const MultiPolygon outline = geom::polygons_from_geos(reserve);
  const std::vector<BoundarySegment> segs = boundary_segments(outline);
  if (segs.empty()) return result;
  const Envelope box = envelope_of(outline);
  auto prepared_reserve = geom::prepare(reserve);
  std::mt19937_64 rng(seed);
  std::vector<Motion> placed(pieces.size());
  for (int d = 0; d < draws; ++d) {
    // Every random number of a draw is taken before any is used, so that the early exit below
    // cannot change the sequence of the next draw.
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      const Piece& p = pieces[i];
      const Point at = p.on_boundary ? boundary_point(segs, unit_interval(rng), p.depth)
                                     : interior_point(rng, box, prepared_reserve.get());
      placed[i] = Motion{at, 2.0 * kPi * unit_interval(rng)};
    }
    double taken = 0.0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      taken += fp.taken_in(pieces[i], placed[i]);
      if (taken >= bar) break;  // already as large: the rest cannot lower it
    }
    if (taken >= bar && ++result.as_large == kEnoughAsLarge && d + 1 < draws) {
      // Besag & Clifford's sequential p-value: once h draws were as large, p = h / draws made.
      result.draws = d + 1;
      result.p_value = static_cast<double>(kEnoughAsLarge) / result.draws;
      return result;
    }
  }
  result.draws = draws;
  result.p_value = (result.as_large + 1.0) / (draws + 1.0);
  return result;
}

void add_permutation_test(TargetingStatistic& t, const Comparison& comparison,
                          const GEOSGeometry* reserve, const GEOSGeometry* footprint,
                          const NoAdjustingOptions& options) {
  if (options.permutation_draws < 0)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_draws must be ≥ 0 (0 turns the permutation test off)");
  if (options.permutation_draws == 0) return;
  const CarveOutPermutation r = carve_out_permutation(
      comparison, reserve, footprint, options.permutation_draws, options.permutation_seed);
  t.p_value = r.p_value;
  t.permutation_draws = r.draws;
  t.permutation_seed = r.seed;
}

std::vector<ParamSpec> permutation_param_specs() {
  return {
      {"permutation_draws", ParamType::number,
       "random placements of the removed and downgraded pieces in the permutation test of the "
       "targeting ratio (p = (k + 1) / (draws + 1)); 0 turns the test off",
       999.0, MeasureUnit::count},
      {"permutation_seed", ParamType::number,
       "seed of the permutation test's generator (std::mt19937_64); the same seed gives the same "
       "p-value on every platform",
       1.0, std::nullopt},
  };
}

void read_permutation_options(const RuleDefinition& def, const RuleConfig& config,
                              NoAdjustingOptions& o) {
  const double draws = number_param(def, config, "permutation_draws");
  const double seed = number_param(def, config, "permutation_seed");
  // 2^53: beyond it a TOML number is no longer an exact integer.
  if (!(draws >= 0.0) || draws != std::floor(draws) || draws > 1e7)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_draws must be a whole number from 0 to 10000000");
  if (!(seed >= 0.0) || seed != std::floor(seed) || seed > 9007199254740992.0)
    throw UsageError(std::string(kNoAdjustingRuleId) +
                     ": permutation_seed must be a whole number from 0 to 2^53");
  o.permutation_draws = static_cast<int>(draws);
  o.permutation_seed = static_cast<std::uint64_t>(seed);
}

void add_permutation_result(Verdict& v, const TargetingStatistic& t) {
  if (!t.p_value) return;
  v.measured.push_back(fraction("targeting_p_value", *t.p_value));
  v.measured.push_back(count("permutation_draws", static_cast<double>(t.permutation_draws)));
  const std::string p = fmt::format("{:.4f}", *t.p_value);
  v.explanation_en += fmt::format(
      " Permutation test: random placements of the same pieces take in as much conflict "
      "footprint with p = {} ({} draws, seed {}).",
      p, t.permutation_draws, t.permutation_seed);
  v.explanation_zh += fmt::format("置换检验：同样地块随机放置 {} 次（种子 {}），p = {}。",
                                  t.permutation_draws, t.permutation_seed, p);
}

}  // namespace reserve::rules
