#include "geom/ring_chunks.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "geom/orientation.hpp"

namespace reserve::geom {
namespace {

// Edges per chunk: few enough that a feature's box takes in few edges it does not need, many
// enough that the R-tree holds a small fraction of the polygon's vertices.
constexpr std::size_t kChunkEdges = 16;

}  // namespace

RingChunks::RingChunks() : index_({}) {}
RingChunks::RingChunks(RingChunks&&) noexcept = default;
RingChunks& RingChunks::operator=(RingChunks&&) noexcept = default;
RingChunks::~RingChunks() = default;

RingChunks::RingChunks(const GEOSGeometry* g) : index_({}) {
  auto* h = context();
  if (!g) return;
  const int type = GEOSGeomTypeId_r(h, g);
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) return;
  std::vector<double> xy;
  std::vector<Envelope> boxes;
  auto add_ring = [&](const GEOSGeometry* line, bool hole) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, line);
    unsigned n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 4) return false;
    xy.resize(2 * static_cast<std::size_t>(n));
    if (!GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0)) return false;
    std::vector<Point> pts(n);
    for (unsigned i = 0; i < n; ++i) pts[i] = Point{xy[2 * i], xy[2 * i + 1]};
    // Orientation by the shoelace sum about the first vertex (no cancellation at large offsets).
    double twice = 0.0;
    for (unsigned i = 1; i + 1 < n; ++i)
      twice += (pts[i].x - pts[0].x) * (pts[i + 1].y - pts[0].y) -
               (pts[i + 1].x - pts[0].x) * (pts[i].y - pts[0].y);
    if (!(twice != 0.0) || !std::isfinite(twice)) return false;
    if ((twice < 0.0) != hole) std::reverse(pts.begin(), pts.end());
    const std::size_t r = rings_.size();
    Envelope ring_box;
    for (std::size_t first = 0; first + 1 < pts.size(); first += kChunkEdges) {
      const std::size_t last = std::min(first + kChunkEdges, pts.size() - 1);
      Envelope box;
      for (std::size_t i = first; i <= last; ++i) box.expand(pts[i]);
      chunks_.push_back(Run{r, first, last});
      boxes.push_back(box);
      envelope_.expand(box);
      ring_box.expand(box);
    }
    rings_.push_back(std::move(pts));
    ring_boxes_.push_back(ring_box);
    return true;
  };
  const int parts = GEOSGetNumGeometries_r(h, g);
  for (int i = 0; i < parts; ++i) {
    const GEOSGeometry* poly = GEOSGetGeometryN_r(h, g, i);
    if (GEOSisEmpty_r(h, poly) == 1) continue;
    if (!add_ring(GEOSGetExteriorRing_r(h, poly), false)) return;
    const int holes = GEOSGetNumInteriorRings_r(h, poly);
    for (int k = 0; k < holes; ++k)
      if (!add_ring(GEOSGetInteriorRingN_r(h, poly, k), true)) return;
  }
  index_ = EnvelopeIndex(boxes);
  usable_ = true;
}

std::vector<RingChunks::Run> RingChunks::runs_near(const Envelope& box) const {
  std::vector<Run> runs;
  if (!usable_) return runs;
  for (std::size_t c : index_.query(box)) {  // ascending: in ring order
    const Run& chunk = chunks_[c];
    if (!runs.empty() && runs.back().ring == chunk.ring && runs.back().last == chunk.first)
      runs.back().last = chunk.last;
    else
      runs.push_back(chunk);
  }
  return runs;
}

std::vector<std::size_t> RingChunks::rings_within(const Envelope& box) const {
  std::vector<std::size_t> rings;
  // A ring within the box has every chunk meeting it: the index gives the candidates.
  for (const Run& run : runs_near(box)) {
    const Envelope& e = ring_boxes_[run.ring];
    if (e.min_x >= box.min_x && e.max_x <= box.max_x && e.min_y >= box.min_y &&
        e.max_y <= box.max_y)
      rings.push_back(run.ring);
  }
  std::sort(rings.begin(), rings.end());
  rings.erase(std::unique(rings.begin(), rings.end()), rings.end());
  return rings;
}

std::optional<int> RingChunks::winding_number(Point p) const {
  if (!usable_ || !envelope_.contains(p)) return 0;
  // The ray toward the nearest side of the envelope, where fewer edges lie across it: turned by a
  // multiple of 90° into the rightward ray that ray_crossing counts on. The turns are exact
  // (swaps and negations) and keep orientations, so the count is the same winding number.
  const Envelope& e = envelope_;
  const double right = e.max_x - p.x, left = p.x - e.min_x, up = e.max_y - p.y,
               down = p.y - e.min_y;
  const double nearest = std::min({right, left, up, down});
  Envelope ray{p.x, p.y, e.max_x, p.y, true};
  int turn = 0;  // quarter turns: 0 right, 1 up → right, 2 left → right, 3 down → right
  if (nearest == left) {
    ray = Envelope{e.min_x, p.y, p.x, p.y, true};
    turn = 2;
  } else if (nearest == up && nearest != right) {
    ray = Envelope{p.x, p.y, p.x, e.max_y, true};
    turn = 1;
  } else if (nearest == down && nearest != right) {
    ray = Envelope{p.x, e.min_y, p.x, p.y, true};
    turn = 3;
  }
  const auto turned = [turn](Point q) {
    switch (turn) {
      case 1: return Point{q.y, -q.x};
      case 2: return Point{-q.x, -q.y};
      case 3: return Point{-q.y, q.x};
      default: return q;
    }
  };
  const Point from = turned(p);
  int winding = 0;
  for (const Run& run : runs_near(ray)) {
    const std::vector<Point>& r = rings_[run.ring];
    for (std::size_t i = run.first; i < run.last; ++i) {
      const auto crossing = ray_crossing(turned(r[i]), turned(r[i + 1]), from);
      if (!crossing) return std::nullopt;
      winding += *crossing;
    }
  }
  return winding;
}

}  // namespace reserve::geom
