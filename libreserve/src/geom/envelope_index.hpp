#pragma once
// The library's spatial index over envelopes: a Boost.Geometry R-tree (the index the overlay's
// zone index uses too), for candidate pairs and "which boxes meet this box" without O(n²)
// comparisons. Private to the library.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

// A static R-tree over a list of envelopes (bulk-loaded once; not thread-safe to build, safe to
// query from several threads). Invalid (empty) envelopes are left out.
class EnvelopeIndex {
 public:
  explicit EnvelopeIndex(const std::vector<Envelope>& boxes);
  ~EnvelopeIndex();
  EnvelopeIndex(EnvelopeIndex&&) noexcept;
  EnvelopeIndex& operator=(EnvelopeIndex&&) noexcept;

  // Indices (into the constructor's list) of the envelopes that meet `box` — closed boxes, so
  // touching counts — ascending. Empty for an invalid `box`.
  std::vector<std::size_t> query(const Envelope& box) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Every pair (i, j), i < j, of envelopes that intersect (closed boxes: touching counts), sorted.
// Invalid (empty) envelopes take part in no pair.
std::vector<std::pair<std::size_t, std::size_t>> intersecting_envelope_pairs(
    const std::vector<Envelope>& boxes);

}  // namespace reserve::geom
