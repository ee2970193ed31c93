// ShapeSpool: per shape its polygon count, then per polygon its outer ring and its holes; each
// ring a count and its points (x, y as doubles, bytewise); counts as 64-bit integers.
#include "province/shape_spool.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "reserve/error.hpp"

namespace reserve::province {
namespace {

[[noreturn]] void fail(const char* what) {
  throw InputError(std::string("province outlines: cannot ") + what +
                   " the temporary file: " + std::strerror(errno));
}

void put_count(std::string& out, std::size_t n) {
  const auto v = static_cast<std::uint64_t>(n);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_ring(std::string& out, const Ring& ring) {
  put_count(out, ring.size());
  for (const Point& p : ring) {
    out.append(reinterpret_cast<const char*>(&p.x), sizeof p.x);
    out.append(reinterpret_cast<const char*>(&p.y), sizeof p.y);
  }
}

struct Reader {
  const char* at;
  const char* end;
  void take(void* to, std::size_t n) {
    if (static_cast<std::size_t>(end - at) < n) fail("decode");
    std::memcpy(to, at, n);
    at += n;
  }
  std::size_t count() {
    std::uint64_t v = 0;
    take(&v, sizeof v);
    return static_cast<std::size_t>(v);
  }
  Ring ring() {
    Ring r(count());
    for (Point& p : r) {
      take(&p.x, sizeof p.x);
      take(&p.y, sizeof p.y);
    }
    return r;
  }
};

}  // namespace

ShapeSpool::ShapeSpool() : file_(std::tmpfile()) {
  if (!file_) fail("create");
}

ShapeSpool::~ShapeSpool() { std::fclose(file_); }

void ShapeSpool::put(std::size_t k, const MultiPolygon& shape) {
  std::string bytes;
  put_count(bytes, shape.polygons.size());
  for (const Polygon& p : shape.polygons) {
    put_ring(bytes, p.outer);
    put_count(bytes, p.holes.size());
    for (const Ring& h : p.holes) put_ring(bytes, h);
  }
  if (std::fseek(file_, 0, SEEK_END) != 0) fail("seek in");
  const long offset = std::ftell(file_);
  if (offset < 0 || std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    fail("write");
  if (where_.size() <= k) where_.resize(k + 1);
  where_[k] = {offset, bytes.size()};
}

MultiPolygon ShapeSpool::get(std::size_t k) const {
  MultiPolygon shape;
  if (k >= where_.size() || where_[k].offset < 0) return shape;
  std::string bytes(where_[k].length, '\0');
  if (std::fseek(file_, where_[k].offset, SEEK_SET) != 0) fail("seek in");
  if (std::fread(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail("read");
  Reader r{bytes.data(), bytes.data() + bytes.size()};
  shape.polygons.resize(r.count());
  for (Polygon& p : shape.polygons) {
    p.outer = r.ring();
    p.holes.resize(r.count());
    for (Ring& h : p.holes) h = r.ring();
  }
  return shape;
}

}  // namespace reserve::province
