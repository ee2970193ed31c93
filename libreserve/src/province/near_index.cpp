// NearIndex: points in a list sorted by x (a strip of it scanned per query), other boxes in an
// R-tree.
#include "province/near_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reserve::province {

bool NearIndex::Builder::add(std::size_t row, const Envelope& box) {
  const bool finite = std::isfinite(box.min_x) && std::isfinite(box.min_y);
  if (!box.valid) {
    unboxed_.push_back(row);
  } else if (finite && box.min_x == box.max_x && box.min_y == box.max_y &&
             row <= std::numeric_limits<std::uint32_t>::max()) {
    points_.push_back(PointRow{box.min_x, box.min_y, static_cast<std::uint32_t>(row)});
    return true;
  } else {
    boxes_.push_back(box);
    box_rows_.push_back(row);
  }
  return false;
}

NearIndex NearIndex::Builder::build() { return NearIndex(std::move(*this)); }

NearIndex::NearIndex(Builder&& b)
    : points_(std::move(b.points_)),
      box_rows_(std::move(b.box_rows_)),
      unboxed_(std::move(b.unboxed_)),
      boxes_(b.boxes_) {
  std::vector<Envelope>().swap(b.boxes_);  // the R-tree holds its own copy
  std::sort(points_.begin(), points_.end(),
            [](const Builder::PointRow& p, const Builder::PointRow& q) { return p.x < q.x; });
  points_.shrink_to_fit();
  box_rows_.shrink_to_fit();
  unboxed_.shrink_to_fit();
}

std::vector<NearIndex::Hit> NearIndex::query_hits(const Envelope& box) const {
  std::vector<Hit> hits;
  if (box.valid) {
    for (std::size_t k : boxes_.query(box)) hits.push_back({box_rows_[k], false, {}});
    auto it = std::lower_bound(points_.begin(), points_.end(), box.min_x,
                               [](const Builder::PointRow& p, double x) { return p.x < x; });
    for (; it != points_.end() && it->x <= box.max_x; ++it)
      if (it->y >= box.min_y && it->y <= box.max_y) hits.push_back({it->row, true, {it->x, it->y}});
  }
  for (std::size_t row : unboxed_) hits.push_back({row, false, {}});
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.row < b.row; });
  return hits;
}

std::vector<std::size_t> NearIndex::query(const Envelope& box) const {
  std::vector<std::size_t> rows;
  for (const Hit& h : query_hits(box)) rows.push_back(h.row);
  return rows;
}

std::vector<NearIndex::Hit> NearIndex::point_rows() const {
  std::vector<Hit> hits;
  hits.reserve(points_.size());
  for (const auto& p : points_) hits.push_back({p.row, true, {p.x, p.y}});
  return hits;
}

}  // namespace reserve::province
