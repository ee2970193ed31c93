#pragma once
// Shapes kept in an anonymous temporary file until they are needed again: a province's overview
// map outlines (the after outlines of every reserve, national scale ~140 MB) would otherwise stay
// in memory through every reserve's check (issue 11: memory follows the largest reserve).
// Coordinates are stored as their bytes, so a shape reads back bit for bit. Private.
#include <cstddef>
#include <cstdio>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::province {

class ShapeSpool {
 public:
  ShapeSpool();  // InputError when no temporary file can be made
  ~ShapeSpool();
  ShapeSpool(const ShapeSpool&) = delete;
  ShapeSpool& operator=(const ShapeSpool&) = delete;

  // Stores shape k (once per k). One thread at a time.
  void put(std::size_t k, const MultiPolygon& shape);
  // Shape k as it was stored (empty when none was); InputError when it cannot be read back.
  MultiPolygon get(std::size_t k) const;

 private:
  struct Place {
    long offset = -1;  // -1: nothing stored
    std::size_t length = 0;
  };
  std::FILE* file_ = nullptr;  // std::tmpfile: removed by the system when closed
  std::vector<Place> where_;
};

}  // namespace reserve::province
