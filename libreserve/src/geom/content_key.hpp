#pragma once
// A geometry's identity for caches of results computed from it: its vertex count and two
// independent 64-bit hashes of its coordinates' bits (a false match needs both to collide:
// ~2^-128). Private to the library.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "reserve/geometry.hpp"

namespace reserve::geom {

struct ContentKey {
  std::size_t size = 0;
  std::uint64_t h1 = 0, h2 = 0;
  bool operator==(const ContentKey& o) const noexcept {
    return size == o.size && h1 == o.h1 && h2 == o.h2;
  }
};
struct ContentKeyHash {
  std::size_t operator()(const ContentKey& k) const noexcept {
    return static_cast<std::size_t>(k.h1);
  }
};

// Accumulates rings into a key; a ring's end is marked, so that the same vertices cut into rings
// differently give another key.
class ContentKeyBuilder {
 public:
  void add(const Ring& ring) {
    for (const Point& p : ring) {
      add_bits(p.x);
      add_bits(p.y);
    }
    key_.size += ring.size();
    mix(0x9e3779b97f4a7c15ull ^ ring.size());  // the ring's end
  }
  void add(const MultiPolygon& mp) {
    for (const Polygon& p : mp.polygons) {
      add(p.outer);
      for (const Ring& h : p.holes) add(h);
      mix(0xc2b2ae3d27d4eb4full);  // the polygon's end
    }
  }
  ContentKey key() const { return ContentKey{key_.size, a_, b_}; }

 private:
  void add_bits(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    mix(bits);
  }
  void mix(std::uint64_t bits) {
    a_ = (a_ ^ bits) * 0x100000001b3ull;                       // FNV-1a over 64-bit words
    b_ = (b_ + bits) * 0xff51afd7ed558ccdull, b_ ^= b_ >> 33;  // a multiply-xorshift mix
  }
  ContentKey key_;
  std::uint64_t a_ = 0xcbf29ce484222325ull, b_ = 0x9e3779b97f4a7c15ull;
};

}  // namespace reserve::geom
