#include "geom/ring_validity.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_set>
#include <utility>
#include <vector>

#include "geom/content_key.hpp"
#include "geom/envelope_index.hpp"
#include "geom/geos.hpp"
#include "geom/orientation.hpp"

namespace reserve::geom {
namespace {

using Key = std::pair<double, double>;  // a vertex, compared exactly

struct Edge {
  Point a, b;
  std::uint32_t ring, index, ring_edges;
};

// A ring passing a vertex where it touches another ring: the ring and the vertex's index in it.
struct Visit {
  std::uint32_t ring, index;
  bool operator<(const Visit& o) const {
    return std::pair(ring, index) < std::pair(o.ring, o.index);
  }
};
using Touches = std::map<Key, std::set<Visit>>;

// Whether two edges with no common endpoint have any point in common (crossing, touching or
// overlapping): the classical orientation test, exact because the orientations are; collinear
// edges are taken as meeting (not proven).
bool meet(const Edge& e, const Edge& f) {
  const int o1 = orientation(e.a, e.b, f.a), o2 = orientation(e.a, e.b, f.b);
  const int o3 = orientation(f.a, f.b, e.a), o4 = orientation(f.a, f.b, e.b);
  if (o1 == 0 && o2 == 0 && o3 == 0 && o4 == 0) return true;
  return o1 * o2 <= 0 && o3 * o4 <= 0;
}

// Segments v→u and v→w overlap beyond v only when u and w lie on the same side of v and the
// three points are collinear (coordinate comparisons are exact).
bool overlap_at(const Point& v, const Point& u, const Point& w) {
  const auto side = [](double s, double t) { return (s > t) - (s < t); };
  const bool same_side = (u.x != v.x || w.x != v.x) ? side(u.x, v.x) == side(w.x, v.x)
                                                    : side(u.y, v.y) == side(w.y, v.y);
  return same_side && orientation(v, u, w) == 0;
}

bool adjacent(const Edge& e, const Edge& f) {
  if (e.ring != f.ring) return false;
  // (i + 1) mod n without a division (this runs for every pair of edges the sweep meets).
  const auto next = [n = e.ring_edges](std::uint32_t i) { return i + 1 == n ? 0 : i + 1; };
  return next(e.index) == f.index || next(f.index) == e.index;
}

// Edges of different rings (or far apart in one ring) that share an endpoint: fine if they
// meet only there, which is then recorded as a touch. False when they meet otherwise.
bool touch_at_endpoint(const Edge& e, const Edge& f, Touches& touches) {
  const bool aa = e.a == f.a, ab = e.a == f.b, ba = e.b == f.a, bb = e.b == f.b;
  const int shared = aa + ab + ba + bb;
  if (shared == 0) return !meet(e, f);
  if (shared > 1 || e.ring == f.ring) return false;  // the same segment twice, or a self-touch
  const Point& v = (aa || ab) ? e.a : e.b;
  const Point& u = (aa || ab) ? e.b : e.a;
  const Point& w = (aa || ba) ? f.b : f.a;
  if (overlap_at(v, u, w)) return false;
  auto& visits = touches[Key(v.x, v.y)];
  visits.insert(Visit{e.ring, (aa || ab) ? e.index : (e.index + 1) % e.ring_edges});
  visits.insert(Visit{f.ring, (aa || ba) ? f.index : (f.index + 1) % f.ring_edges});
  return true;
}

std::optional<Touches> edges_meet_only_at_vertices(const std::vector<const Ring*>& rings) {
  // Sized once: grown by doubling, a zoning's edges were copied and faulted in twice over (and
  // past 8 MiB an allocation comes from jemalloc's oversize arena, fresh at every call).
  std::size_t edge_count = 0;
  for (const Ring* ring : rings) edge_count += ring->empty() ? 0 : ring->size() - 1;
  std::vector<Edge> edges;
  edges.reserve(edge_count);
  for (std::uint32_t r = 0; r < rings.size(); ++r) {
    const Ring& ring = *rings[r];
    if (ring.size() < 4 || ring.front() != ring.back()) return std::nullopt;
    const auto n = static_cast<std::uint32_t>(ring.size() - 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      if (ring[i] == ring[i + 1]) return std::nullopt;  // a repeated point: leave it to GEOS
      edges.push_back(Edge{ring[i], ring[i + 1], r, i, n});
    }
  }
  // A sweep along x over the edges' boxes within horizontal bands: each edge is entered in every
  // band its box spans, and a pair is looked at only in the first band holding both, so once.
  // (Cheaper than an R-tree here: a zone's edges are short. One sweep over the whole ring looked
  // at every edge whose x-range met another's, tens per edge on a 50,000-vertex frame whose
  // outer ring and hole both cross every vertical line.)
  // An edge's box in a band: min_x exact (the sort key); the other sides as offsets from the
  // edges' lower left corner rounded outwards to float (24 bytes instead of 40). Subtraction and
  // rounding are monotone, so boxes that meet still meet: rounding can only let more pairs through
  // to the exact test, and the offsets keep that to millimetres (not metres at GK coordinates).
  double ox = std::numeric_limits<double>::infinity();
  for (const Edge& e : edges) ox = std::min({ox, e.a.x, e.b.x});
  struct Span {
    double min_x;
    float max_x, min_y, max_y;
    std::uint32_t edge;
  };
  // Beyond float's range the conversion itself is undefined: infinities there (outwards).
  constexpr double kFloatMax = std::numeric_limits<float>::max();
  constexpr float kInf = std::numeric_limits<float>::infinity();
  const auto down = [=](double v) {
    if (v < -kFloatMax) return -kInf;
    if (v > kFloatMax) return std::numeric_limits<float>::max();
    const auto f = static_cast<float>(v);
    return static_cast<double>(f) <= v ? f : std::nextafter(f, -kInf);
  };
  const auto up = [=](double v) {
    if (v > kFloatMax) return kInf;
    if (v < -kFloatMax) return std::numeric_limits<float>::lowest();
    const auto f = static_cast<float>(v);
    return static_cast<double>(f) >= v ? f : std::nextafter(f, kInf);
  };
  double min_y = std::numeric_limits<double>::infinity(), max_y = -min_y;
  for (const Edge& e : edges) {
    min_y = std::min({min_y, e.a.y, e.b.y});
    max_y = std::max({max_y, e.a.y, e.b.y});
  }
  // About 64 edges a band; fewer bands when tall edges would be entered too often.
  std::size_t bands = std::clamp<std::size_t>(edges.size() / 64, 1, 4096);
  const auto band_of = [&](double y, std::size_t b) -> std::size_t {
    if (b == 1) return 0;
    const double t = (y - min_y) / (max_y - min_y) * static_cast<double>(b);
    return std::min(b - 1, static_cast<std::size_t>(std::max(0.0, t)));
  };
  const auto entries = [&](std::size_t b) {
    std::size_t n = 0;
    for (const Edge& e : edges)
      n += band_of(std::max(e.a.y, e.b.y), b) - band_of(std::min(e.a.y, e.b.y), b) + 1;
    return n;
  };
  if (!(max_y > min_y)) bands = 1;
  while (bands > 1 && entries(bands) > 3 * edges.size()) bands /= 2;
  std::vector<std::size_t> start(bands + 1, 0);
  for (const Edge& e : edges)
    for (std::size_t b = band_of(std::min(e.a.y, e.b.y), bands);
         b <= band_of(std::max(e.a.y, e.b.y), bands); ++b)
      ++start[b + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<Span> spans(start.back());
  std::vector<std::size_t> fill(start.begin(), start.end() - 1);
  std::vector<std::uint32_t> first_band(edges.size());
  for (std::uint32_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    const double y0 = std::min(e.a.y, e.b.y), y1 = std::max(e.a.y, e.b.y);
    const Span span{std::min(e.a.x, e.b.x), up(std::max(e.a.x, e.b.x) - ox), down(y0 - min_y),
                    up(y1 - min_y), i};
    const std::size_t lo = band_of(y0, bands), hi = band_of(y1, bands);
    first_band[i] = static_cast<std::uint32_t>(lo);
    for (std::size_t b = lo; b <= hi; ++b) spans[fill[b]++] = span;
  }
  const auto by_x = [](const Span& s, const Span& t) {
    return s.min_x < t.min_x || (s.min_x == t.min_x && s.edge < t.edge);
  };
  Touches touches;
  for (std::size_t band = 0; band < bands; ++band) {
    const std::size_t end = start[band + 1];
    std::sort(spans.begin() + static_cast<std::ptrdiff_t>(start[band]),
              spans.begin() + static_cast<std::ptrdiff_t>(end), by_x);
    for (std::size_t k = start[band]; k < end; ++k) {
      const Span& s = spans[k];
      const Edge& e = edges[s.edge];
      for (std::size_t m = k + 1; m < end && spans[m].min_x - ox <= s.max_x; ++m) {
        const Span& t = spans[m];
        if (t.max_y < s.min_y || t.min_y > s.max_y) continue;
        // Looked at in the first band holding both edges.
        if (std::max(first_band[s.edge], first_band[t.edge]) != band) continue;
        const Edge& f = edges[t.edge];
        if (adjacent(e, f)) {
          // A triangle's edges are all next to each other; each pair shares one vertex.
          if (e.b == f.a && overlap_at(e.b, e.a, f.b)) return std::nullopt;
          if (f.b == e.a && overlap_at(f.b, f.a, e.b)) return std::nullopt;
        } else if (!touch_at_endpoint(e, f, touches)) {
          return std::nullopt;
        }
      }
    }
  }
  return touches;
}

// Whether the directions v→p and v→q are collinear and point the same way (exact sign
// comparisons; only called when the orientation is 0).
bool same_direction(const Point& v, const Point& p, const Point& q) {
  const auto sign = [](double s, double t) { return (s > t) - (s < t); };
  return sign(p.x, v.x) == sign(q.x, v.x) && sign(p.y, v.y) == sign(q.y, v.y);
}

// Whether the direction v→d lies strictly inside the sector swept counter-clockwise around v
// from v→a1 to v→a2; nullopt when d runs along a side (an overlap) or the sector is straight
// and d along it. A direction opposite a side lies inside exactly when the sector is reflex.
std::optional<bool> in_sector(const Point& v, const Point& a1, const Point& a2, const Point& d) {
  const int o12 = orientation(v, a1, a2), o1 = orientation(v, a1, d), o2 = orientation(v, d, a2);
  if (o12 == 0) {  // a half-plane: left of v→a1
    if (o1 == 0) return std::nullopt;
    return o1 > 0;
  }
  if ((o1 == 0 && same_direction(v, a1, d)) || (o2 == 0 && same_direction(v, a2, d)))
    return std::nullopt;
  if (o1 == 0 || o2 == 0) return o12 < 0;
  return o12 > 0 ? (o1 > 0 && o2 > 0) : (o1 > 0 || o2 > 0);
}

// Two rings at each touch, not crossing there, and no cycle of touches within a polygon.
bool touches_allowed(const std::vector<const Ring*>& rings,
                     const std::vector<std::uint32_t>& polygon_of, const Touches& touches) {
  std::vector<std::uint32_t> root(rings.size());
  std::iota(root.begin(), root.end(), 0u);
  const auto find = [&](std::uint32_t r) {
    while (root[r] != r) r = root[r] = root[root[r]];
    return r;
  };
  const auto around = [&](const Visit& s, int step) {
    const Ring& r = *rings[s.ring];
    const std::size_t n = r.size() - 1;
    return r[step > 0 ? (s.index + 1) % n : (s.index + n - 1) % n];
  };
  for (const auto& [key, visits] : touches) {
    if (visits.size() != 2) return false;
    const Visit a = *visits.begin(), b = *std::next(visits.begin());
    if (a.ring == b.ring) return false;
    const Point v{key.first, key.second};
    const auto prev_in = in_sector(v, around(a, 1), around(a, -1), around(b, -1));
    const auto next_in = in_sector(v, around(a, 1), around(a, -1), around(b, 1));
    if (!prev_in || !next_in || *prev_in != *next_in) return false;  // b crosses a at v
    if (polygon_of[a.ring] != polygon_of[b.ring]) continue;
    const std::uint32_t ra = find(a.ring), rb = find(b.ring);
    if (ra == rb) return false;  // a cycle of touches cuts the polygon's interior
    root[ra] = rb;
  }
  return true;
}

Envelope envelope_of_ring(const Ring& r) {
  Envelope e;
  for (const auto& p : r) e.expand(p);
  return e;
}

bool holds(const Envelope& outer, const Envelope& inner) {
  return outer.min_x <= inner.min_x && inner.max_x <= outer.max_x && outer.min_y <= inner.min_y &&
         inner.max_y <= outer.max_y;
}

// Whether p lies strictly inside the closed ring (crossing number, exact orientations); nullopt
// when p is on it.
std::optional<bool> strictly_inside(const Point& p, const Ring& r) {
  bool in = false;
  for (std::size_t i = 0; i + 1 < r.size(); ++i) {
    const auto crossing = ray_crossing(r[i], r[i + 1], p);
    if (!crossing) return std::nullopt;
    if (*crossing != 0) in = !in;
  }
  return in;
}

// The nesting rules, each ring told by `probe`, a vertex of it where it touches no ring (so the
// whole ring lies on that vertex's side of any other ring).
bool nested_right(const MultiPolygon& mp, const std::vector<Point>& probe) {
  bool unproven = false;
  const auto inside = [&](const Point& p, const Ring& r) {
    const auto in = strictly_inside(p, r);
    if (!in) unproven = true;
    return in.value_or(false);
  };
  std::vector<Envelope> shell_box;
  std::vector<std::size_t> first_ring;  // index of each polygon's shell in `probe`
  std::size_t ring = 0;
  for (const auto& poly : mp.polygons) {
    first_ring.push_back(ring);
    shell_box.push_back(envelope_of_ring(poly.outer));
    std::vector<Envelope> hole_box;
    for (const auto& h : poly.holes) hole_box.push_back(envelope_of_ring(h));
    for (std::size_t k = 0; k < poly.holes.size(); ++k) {
      const Point& p = probe[ring + 1 + k];
      if (!holds(shell_box.back(), hole_box[k]) || !inside(p, poly.outer)) return false;
      for (std::size_t m = 0; m < poly.holes.size(); ++m)
        if (m != k && holds(hole_box[m], hole_box[k]) && inside(p, poly.holes[m])) return false;
    }
    ring += 1 + poly.holes.size();
  }
  const auto in_a_hole = [&](std::size_t inner, const Polygon& outer) {
    const Point& p = probe[first_ring[inner]];
    if (!inside(p, outer.outer)) return true;
    for (const auto& h : outer.holes)
      if (inside(p, h)) return true;
    return false;
  };
  for (const auto& [i, j] : intersecting_envelope_pairs(shell_box)) {
    if (holds(shell_box[j], shell_box[i]) && !in_a_hole(i, mp.polygons[j])) return false;
    if (holds(shell_box[i], shell_box[j]) && !in_a_hole(j, mp.polygons[i])) return false;
  }
  return !unproven;
}

bool prove_valid(const MultiPolygon& mp) {
  std::vector<const Ring*> rings;
  std::vector<std::uint32_t> polygon_of;
  for (std::uint32_t k = 0; k < mp.polygons.size(); ++k) {
    rings.push_back(&mp.polygons[k].outer);
    polygon_of.push_back(k);
    for (const auto& h : mp.polygons[k].holes) {
      rings.push_back(&h);
      polygon_of.push_back(k);
    }
  }
  for (const Ring* r : rings)
    for (const auto& p : *r)
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) return false;
  const auto touches = edges_meet_only_at_vertices(rings);
  if (!touches || !touches_allowed(rings, polygon_of, *touches)) return false;
  std::vector<Point> probe;
  for (const Ring* r : rings) {
    const auto free = std::find_if(r->begin(), r->end() - 1,
                                   [&](const Point& p) { return !touches->count(Key(p.x, p.y)); });
    if (free == r->end() - 1) return false;
    probe.push_back(*free);
  }
  return nested_right(mp, probe);
}

// Multipolygons proven valid in this process, by content: a province run builds each reserve's
// zoning twice (its outline first, its check later, from rows read again) and proved every zone
// polygon both times. Only proofs are kept (a failed one goes to GEOS, which names the problem);
// bounded, started again when full.
class ProofCache {
 public:
  bool holds(const ContentKey& k) {
    const std::lock_guard<std::mutex> lock(mutex_);
    const bool found = keys_.count(k) != 0;
    hits_ += found ? 1 : 0;
    return found;
  }
  std::size_t hits() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return hits_;
  }
  void add(const ContentKey& k) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (keys_.size() >= kMaxKeys) keys_.clear();
    keys_.insert(k);
  }

 private:
  // 2^16 keys (about 3 MB): more than a national run holds zone polygons of both layers.
  static constexpr std::size_t kMaxKeys = std::size_t{1} << 16;
  std::mutex mutex_;
  std::unordered_set<ContentKey, ContentKeyHash> keys_;
  std::size_t hits_ = 0;
};

ProofCache& proof_cache() {
  static ProofCache cache;
  return cache;
}

// Below this many vertices a proof costs about as much as its key.
constexpr std::size_t kCachedProofVertices = 64;

}  // namespace

bool proven_valid(const MultiPolygon& mp) {
  std::size_t vertices = 0;
  for (const Polygon& p : mp.polygons) {
    vertices += p.outer.size();
    for (const Ring& h : p.holes) vertices += h.size();
  }
  if (vertices < kCachedProofVertices) return prove_valid(mp);
  ContentKeyBuilder builder;
  builder.add(mp);
  const ContentKey key = builder.key();
  if (proof_cache().holds(key)) return true;
  if (!prove_valid(mp)) return false;
  proof_cache().add(key);
  return true;
}

std::size_t proofs_reused() { return proof_cache().hits(); }

}  // namespace reserve::geom
