#pragma once
// The index of a shared conflict layer's row boxes: which rows come near a reserve. A point row
// (a box of no extent: most facility layers) is kept as its coordinates in a list sorted by x —
// 24 bytes a row — rather than in the R-tree, whose entries and build copies cost over 100 bytes a
// row (national scale: 2 million facility points). Other rows go into a geom::EnvelopeIndex.
// Private to the library.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "geom/envelope_index.hpp"
#include "reserve/geometry.hpp"

namespace reserve::province {

class NearIndex {
 public:
  class Builder {
   public:
    // Row `row` (rows added in ascending order) with its box; an invalid box is near every box.
    // True when the row is kept as a point (its coordinates: the box's corner), which query_hits
    // then gives back.
    bool add(std::size_t row, const Envelope& box);
    NearIndex build();

   private:
    friend class NearIndex;
    struct PointRow {
      double x, y;
      std::uint32_t row;
    };
    std::vector<PointRow> points_;
    std::vector<Envelope> boxes_;
    std::vector<std::size_t> box_rows_;  // the row of each box
    std::vector<std::size_t> unboxed_;
  };

  // The rows whose box meets `box` (closed boxes: touching counts) and the rows without a box,
  // ascending: what an EnvelopeIndex over every row's box, plus the unboxed rows, would give.
  std::vector<std::size_t> query(const Envelope& box) const;
  // query's rows, each with its point when it was kept as one (Builder::add gave true).
  struct Hit {
    std::size_t row;
    bool is_point;
    Point point;
  };
  std::vector<Hit> query_hits(const Envelope& box) const;
  // Every row kept as a point, with its point, in no particular order.
  std::vector<Hit> point_rows() const;

 private:
  NearIndex(Builder&& b);
  std::vector<Builder::PointRow> points_;  // ascending in x
  std::vector<std::size_t> box_rows_;
  std::vector<std::size_t> unboxed_;
  geom::EnvelopeIndex boxes_;
};

}  // namespace reserve::province
