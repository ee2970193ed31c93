#include "geom/envelope_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace reserve::geom {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using BoxPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<BoxPoint>;
using Value = std::pair<Box, std::size_t>;

Box to_box(const Envelope& e) {
  return Box(BoxPoint(e.min_x, e.min_y), BoxPoint(e.max_x, e.max_y));
}

}  // namespace

struct EnvelopeIndex::Impl {
  // Quadratic split, up to 16 entries a node, as the overlay's zone index; the range constructor
  // packs the tree (STR-like bulk loading) since the boxes never change.
  bgi::rtree<Value, bgi::quadratic<16>> tree;
};

EnvelopeIndex::EnvelopeIndex(const std::vector<Envelope>& boxes) : impl_(std::make_unique<Impl>()) {
  std::vector<Value> values;
  values.reserve(boxes.size());
  for (std::size_t i = 0; i < boxes.size(); ++i)
    if (boxes[i].valid) values.emplace_back(to_box(boxes[i]), i);
  impl_->tree = bgi::rtree<Value, bgi::quadratic<16>>(values.begin(), values.end());
}

EnvelopeIndex::~EnvelopeIndex() = default;
EnvelopeIndex::EnvelopeIndex(EnvelopeIndex&&) noexcept = default;
EnvelopeIndex& EnvelopeIndex::operator=(EnvelopeIndex&&) noexcept = default;

std::vector<std::size_t> EnvelopeIndex::query(const Envelope& box) const {
  std::vector<std::size_t> out;
  if (!box.valid) return out;
  std::vector<Value> hits;
  impl_->tree.query(bgi::intersects(to_box(box)), std::back_inserter(hits));
  out.reserve(hits.size());
  for (const auto& [b, i] : hits) out.push_back(i);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::size_t, std::size_t>> intersecting_envelope_pairs(
    const std::vector<Envelope>& boxes) {
  const EnvelopeIndex index(boxes);
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j : index.query(boxes[i]))
      if (j > i) pairs.emplace_back(i, j);
  return pairs;  // ascending in i, then in j: sorted
}

}  // namespace reserve::geom
