#pragma once
// Numbers for keys of N 64-bit words (vertices and directed edges compared bit for bit), in the
// order they are first seen: a flat open-addressing table instead of std::unordered_set/map,
// whose node per key cost most of geom::unite_by_edges (an allocation and a cache miss each).
// Private to the library.
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "reserve/geometry.hpp"

namespace reserve::geom {

template <std::size_t N>
class KeyIds {
 public:
  using Key = std::array<std::uint64_t, N>;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  // Room for `expected` keys without growing.
  explicit KeyIds(std::size_t expected = 0) {
    keys_.reserve(expected);
    slots_.assign(std::bit_ceil(std::max<std::size_t>(16, 2 * expected)), kEmpty);
  }

  // The key's number: the one it was given before, or the next one (then `added` is set).
  std::size_t intern(const Key& k, bool* added = nullptr) {
    if (2 * (keys_.size() + 1) > slots_.size()) grow();
    std::size_t s = slot_of(k);
    if (slots_[s] != kEmpty) {
      if (added) *added = false;
      return slots_[s];
    }
    slots_[s] = static_cast<std::uint32_t>(keys_.size());
    keys_.push_back(k);
    if (added) *added = true;
    return keys_.size() - 1;
  }

  // The key's number, or none.
  std::size_t find(const Key& k) const {
    const std::uint32_t id = slots_[slot_of(k)];
    return id == kEmpty ? none : id;
  }

  std::size_t size() const noexcept { return keys_.size(); }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

  static std::size_t hash(const Key& k) noexcept {
    std::uint64_t h = 0x9E3779B97F4A7C15ull;
    for (std::uint64_t w : k) {
      h ^= w;
      h *= 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    h *= 0x94D049BB133111EBull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }

  // Word by word (std::array's == calls memcmp, a call per probe).
  static bool same(const Key& a, const Key& b) noexcept {
    for (std::size_t i = 0; i < N; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

  // The slot holding `k`, or the empty slot where it would go (linear probing).
  std::size_t slot_of(const Key& k) const noexcept {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = hash(k) & mask;; s = (s + 1) & mask)
      if (slots_[s] == kEmpty || same(keys_[slots_[s]], k)) return s;
  }

  void grow() {
    slots_.assign(2 * slots_.size(), kEmpty);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t id = 0; id < keys_.size(); ++id) {
      std::size_t s = hash(keys_[id]) & mask;
      while (slots_[s] != kEmpty) s = (s + 1) & mask;
      slots_[s] = static_cast<std::uint32_t>(id);
    }
  }

  std::vector<Key> keys_;
  std::vector<std::uint32_t> slots_;
};

// A vertex's coordinates bit for bit.
inline KeyIds<2>::Key vertex_key(const Point& p) noexcept {
  return {std::bit_cast<std::uint64_t>(p.x), std::bit_cast<std::uint64_t>(p.y)};
}

// A directed segment's end points bit for bit (what lies on its left is not part of the key).
inline KeyIds<4>::Key segment_key(const Point& from, const Point& to) noexcept {
  return {std::bit_cast<std::uint64_t>(from.x), std::bit_cast<std::uint64_t>(from.y),
          std::bit_cast<std::uint64_t>(to.x), std::bit_cast<std::uint64_t>(to.y)};
}

}  // namespace reserve::geom
