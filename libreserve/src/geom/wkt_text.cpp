#include "geom/wkt_text.hpp"

#include <charconv>
#include <cmath>

#include "geom/geos.hpp"  // ring_buildable

namespace reserve::geom {
namespace {

// GEOS 3.11 writes an ordinate with std::fixed and std::setprecision(16) (the floating precision
// model's 16 digits): the exact value correctly rounded to 16 decimals, as std::to_chars does.
constexpr int kDecimals = 16;

void append_number(std::string& out, double v) {
  char buf[400];  // ±1.8e308 in fixed notation with 16 decimals fits
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, kDecimals);
  out.append(buf, r.ptr);
}

// A ring as GEOS holds it: closed by repeating the first point when it is not (geom::to_geos).
void append_ring(std::string& out, const Ring& ring) {
  out += '(';
  auto point = [&](const Point& p) {
    append_number(out, p.x);
    out += ' ';
    append_number(out, p.y);
  };
  for (std::size_t i = 0; i < ring.size(); ++i) {
    if (i) out += ", ";
    point(ring[i]);
  }
  if (!(ring.front() == ring.back())) {
    out += ", ";
    point(ring.front());
  }
  out += ')';
}

}  // namespace

bool append_multipolygon_wkt(std::string& out, const MultiPolygon& mp) {
  if (mp.polygons.empty()) return false;
  for (const auto& p : mp.polygons) {
    if (!ring_buildable(p.outer)) return false;
    // GEOS and std::to_chars spell infinities and NaN differently; such input is refused
    // elsewhere, and left to GEOS here.
    for (const Point& pt : p.outer)
      if (!std::isfinite(pt.x) || !std::isfinite(pt.y)) return false;
    for (const auto& hole : p.holes)
      for (const Point& pt : hole)
        if (!std::isfinite(pt.x) || !std::isfinite(pt.y)) return false;
  }
  out += "MULTIPOLYGON (";
  for (std::size_t k = 0; k < mp.polygons.size(); ++k) {
    const Polygon& p = mp.polygons[k];
    if (k) out += ", ";
    out += '(';
    append_ring(out, p.outer);
    // Holes GEOS cannot build are left out of the geometry (geom::to_geos), so of the text too.
    for (const auto& hole : p.holes) {
      if (!ring_buildable(hole)) continue;
      out += ", ";
      append_ring(out, hole);
    }
    out += ')';
  }
  out += ')';
  return true;
}

}  // namespace reserve::geom
