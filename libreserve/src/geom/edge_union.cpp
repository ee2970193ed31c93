#include "geom/edge_union.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "geom/directed_edges.hpp"
#include "geom/geos.hpp"
#include "geom/key_ids.hpp"
#include "geom/ring_validity.hpp"

namespace reserve::geom {
namespace {

struct Box {
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
  double max_x = -min_x, max_y = -min_x;
  explicit Box(const Ring& r) {
    for (const auto& p : r) {
      min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
  }
  bool holds(const Box& o) const noexcept {
    return min_x <= o.min_x && o.max_x <= max_x && min_y <= o.min_y && o.max_y <= max_y;
  }
};

// Crossing-number test; a point on the ring may go either way (the validity check catches a hole
// given to the wrong shell).
bool inside(const Point& p, const Ring& r) {
  bool in = false;
  for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
    if ((r[i].y > p.y) != (r[j].y > p.y) &&
        p.x < (r[j].x - r[i].x) * (p.y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
      in = !in;
  }
  return in;
}

// The remaining edges linked into simple closed rings (not repeating the first point). A vertex
// may start several edges (zones meeting at a point): the walk goes on along any unused one and a
// ring is cut off whenever the walk comes back to a vertex it holds, so no ring passes a vertex
// twice. How the edges pair at such a vertex does not change the rings' sum; a pairing that gives
// an invalid polygon is refused by the validity check. Nullopt when a walk gets stuck (a vertex
// ends more edges than it starts) or a ring has fewer than three vertices.
std::optional<std::vector<Ring>> link(const std::vector<DirectedEdge>& edges) {
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  // Vertices numbered once (hashing them at every step of the walk cost most of the linking):
  // from_id/to_id per edge, list heads and path positions per vertex number.
  KeyIds<2> id_of(edges.size());
  std::vector<std::size_t> from_id(edges.size()), to_id(edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i)
    from_id[i] = id_of.intern(vertex_key(edges[i].from));
  for (std::size_t i = 0; i < edges.size(); ++i) {
    to_id[i] = id_of.find(vertex_key(edges[i].to));
    if (to_id[i] == KeyIds<2>::none) return std::nullopt;  // a vertex that starts no edge: stuck
  }
  std::vector<std::size_t> first_out(id_of.size(), none);  // list heads, lowest edge first
  std::vector<std::size_t> next_out(edges.size(), none);
  for (std::size_t i = edges.size(); i-- > 0;)
    next_out[i] = std::exchange(first_out[from_id[i]], i);
  std::vector<char> used(edges.size(), 0);
  const auto unused_out = [&](std::size_t v) {
    std::size_t& head = first_out[v];
    while (head != none && used[head]) head = next_out[head];
    return head;
  };
  std::vector<Ring> rings;
  std::vector<std::size_t> path;                         // edges of the open walk
  std::vector<std::size_t> on_path(id_of.size(), none);  // vertex → its edge's place on the path
  for (std::size_t first = 0; first < edges.size(); ++first) {
    if (used[first]) continue;
    std::size_t cur = first;
    for (;;) {
      used[cur] = 1;
      on_path[from_id[cur]] = path.size();
      path.push_back(cur);
      const std::size_t to = to_id[cur];
      if (const std::size_t k = on_path[to]; k != none) {
        if (path.size() - k < 3) return std::nullopt;
        Ring ring;
        ring.reserve(path.size() - k);
        for (std::size_t j = k; j < path.size(); ++j) {
          ring.push_back(edges[path[j]].from);
          on_path[from_id[path[j]]] = none;
        }
        rings.push_back(std::move(ring));
        path.resize(k);
        if (path.empty()) break;
      }
      cur = unused_out(to);
      if (cur == none) return std::nullopt;
    }
  }
  return rings;
}

// Closed and turned to the GEOS writing order (the linked rings have the interior on the left).
// One allocation of the exact size (pushing onto a full ring would double its capacity).
Ring closed_reversed(const Ring& r) {
  Ring out;
  out.reserve(r.size() + 1);
  out.assign(r.rbegin(), r.rend());
  out.push_back(out.front());
  return out;
}

}  // namespace

std::optional<MultiPolygon> unite_by_edges(const std::vector<const MultiPolygon*>& parts,
                                           bool prove) {
  std::size_t count = 0;
  for (const auto* p : parts)
    for (const auto& poly : p->polygons) {
      count += poly.outer.size();
      for (const auto& h : poly.holes) count += h.size();
    }
  std::vector<DirectedEdge> all;
  all.reserve(count);
  KeyIds<4> ids(count);
  bool repeated = false;
  for (const auto* p : parts)
    for_each_edge(*p, 0, [&](const DirectedEdge& e, const Ring&, std::size_t) {
      bool added = false;
      ids.intern(segment_key(e.from, e.to), &added);
      if (!added) repeated = true;
      all.push_back(e);
    });
  if (repeated) return std::nullopt;  // two parts with the same edge on the same side overlap
  // In input order.
  std::vector<DirectedEdge> outer;
  for (const auto& e : all)
    if (ids.find(segment_key(e.to, e.from)) == KeyIds<4>::none) outer.push_back(e);
  MultiPolygon out;
  if (outer.empty()) return parts.empty() ? std::optional(out) : std::nullopt;
  auto rings = link(outer);
  if (!rings) return std::nullopt;

  std::vector<Ring> shells, holes;
  std::vector<double> shell_area;
  for (auto& r : *rings) {
    const double a2 = signed_area2(r);
    if (a2 > 0.0) {
      shell_area.push_back(a2);
      shells.push_back(std::move(r));
    } else if (a2 < 0.0) {
      holes.push_back(std::move(r));
    } else {
      return std::nullopt;
    }
  }
  std::vector<Box> shell_box;
  for (const auto& s : shells) shell_box.emplace_back(s);
  for (const auto& s : shells) out.polygons.push_back(Polygon{closed_reversed(s), {}});
  for (auto& h : holes) {
    const Box hb(h);
    std::size_t best = shells.size();
    for (std::size_t s = 0; s < shells.size(); ++s) {
      if (!shell_box[s].holds(hb)) continue;
      if (best < shells.size() && shell_area[s] >= shell_area[best]) continue;
      // The middle of an edge: a hole's vertex may be one it shares with its shell.
      if (inside({(h[0].x + h[1].x) / 2, (h[0].y + h[1].y) / 2}, shells[s])) best = s;
    }
    if (best == shells.size()) return std::nullopt;
    out.polygons[best].holes.push_back(closed_reversed(h));
  }
  // The proof needs a valid result (see the header); it is also what the overlay promises.
  // Most results are proven valid without GEOS's full topology graph.
  if (prove && !proven_valid(out) && GEOSisValid_r(context(), to_geos(out).get()) != 1)
    return std::nullopt;
  return out;
}

MultiPolygon unite_bordering(const std::vector<const MultiPolygon*>& parts) {
  if (auto fast = unite_by_edges(parts)) return std::move(*fast);
  return unite(parts);
}

}  // namespace reserve::geom
