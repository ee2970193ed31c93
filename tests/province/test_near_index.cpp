// province::NearIndex (province/near_index.hpp) against the straightforward index it replaces:
// geom::EnvelopeIndex over every row's box plus the rows without a box, on query boxes whose
// edges pass exactly through points (closed boxes: touching counts), points sharing an x,
// multipoint and polygon boxes, degenerate lines and invalid boxes. (A box with a NaN corner goes
// to the R-tree as before, but there the answer depends on how the tree packed it — the two
// trees differ — so it has no reference and is left out.) The hits carry the point rows' points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "geom/envelope_index.hpp"
#include "province/near_index.hpp"

namespace reserve::province {
namespace {

Envelope box(double x0, double y0, double x1, double y1) { return Envelope{x0, y0, x1, y1, true}; }

std::vector<std::size_t> straightforward(const std::vector<Envelope>& boxes, const Envelope& q) {
  std::vector<std::size_t> rows = geom::EnvelopeIndex(boxes).query(q);
  for (std::size_t i = 0; i < boxes.size(); ++i)
    if (!boxes[i].valid) rows.push_back(i);
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(NearIndex, SameRowsAsAnEnvelopeIndexOverEveryBox) {
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<int> grid(0, 40);  // integer coordinates: many exact touches
  std::vector<Envelope> boxes;
  for (int i = 0; i < 3000; ++i) {
    const double x = grid(rng), y = grid(rng);
    switch (i % 10) {
      case 0: boxes.push_back(box(x, y, x + grid(rng) % 5 + 1, y + grid(rng) % 5 + 1)); break;
      case 1: boxes.push_back(box(x, y, x, y + 3)); break;  // a vertical line: not a point
      case 2: boxes.push_back(Envelope{}); break;           // no box (empty geometry)
      default: boxes.push_back(box(x, y, x, y));            // a point
    }
  }
  NearIndex::Builder builder;
  for (std::size_t i = 0; i < boxes.size(); ++i) builder.add(i, boxes[i]);
  const NearIndex index = builder.build();
  for (int k = 0; k < 300; ++k) {
    const double x0 = grid(rng), y0 = grid(rng);
    const Envelope q = box(x0, y0, x0 + grid(rng) % 12, y0 + grid(rng) % 12);
    SCOPED_TRACE(k);
    EXPECT_EQ(index.query(q), straightforward(boxes, q));
  }
  // A query of no extent on a point, one beyond every box, one around everything.
  for (const Envelope& q : {box(7, 7, 7, 7), box(100, 100, 120, 120), box(-1, -1, 50, 50)})
    EXPECT_EQ(index.query(q), straightforward(boxes, q));
}

// The hits are query's rows; a row the builder kept as a point (add said so) comes with its
// point, which is its box's corner: the province's packed rows do not store it again.
TEST(NearIndex, HitsCarryThePointsOfPointRows) {
  const std::vector<Envelope> boxes = {box(1.5, -2.25, 1.5, -2.25),  // a point
                                       box(0, 0, 3, 3),              // a polygon's box
                                       Envelope{},                   // no box
                                       box(-0.0, 1e300, -0.0, 1e300),
                                       box(2, 0, 2, 4)};  // a vertical line: not a point
  NearIndex::Builder builder;
  std::vector<bool> kept;
  for (std::size_t i = 0; i < boxes.size(); ++i) kept.push_back(builder.add(i, boxes[i]));
  EXPECT_EQ(kept, (std::vector<bool>{true, false, false, true, false}));
  const NearIndex index = builder.build();
  const Envelope q = box(-1, -3, 5, 1e301);
  const std::vector<NearIndex::Hit> hits = index.query_hits(q);
  std::vector<std::size_t> rows;
  for (const auto& h : hits) {
    rows.push_back(h.row);
    EXPECT_EQ(h.is_point, static_cast<bool>(kept[h.row])) << h.row;
    if (h.is_point) {
      EXPECT_EQ(h.point.x, boxes[h.row].min_x);
      EXPECT_EQ(h.point.y, boxes[h.row].min_y);
      EXPECT_EQ(std::signbit(h.point.x), std::signbit(boxes[h.row].min_x));  // -0.0 stays
    }
  }
  EXPECT_EQ(rows, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(rows, straightforward(boxes, q));
  std::vector<std::size_t> points;
  for (const auto& h : index.point_rows()) {
    EXPECT_TRUE(h.is_point);
    EXPECT_EQ(h.point.x, boxes[h.row].min_x);
    points.push_back(h.row);
  }
  std::sort(points.begin(), points.end());
  EXPECT_EQ(points, (std::vector<std::size_t>{0, 3}));
}

}  // namespace
}  // namespace reserve::province
