// CompactRows: a row is geometry (kind, then counts and coordinates), attributes (name code, null
// flag, value code then, for code 0, the value), id (0 then the id, or 1 + the position of the
// attribute whose value it is); counts, lengths and codes as LEB128 varints (one byte below 128:
// a point row has mostly zero counts), each coordinate a double copied bytewise.
#include "province/compact_rows.hpp"

#include <algorithm>
#include <cstring>

namespace reserve::province {
namespace {

struct Writer {
  std::vector<char>& out;
  template <class T>
  void raw(const T& v) {
    const char* p = reinterpret_cast<const char*>(&v);
    out.insert(out.end(), p, p + sizeof(T));
  }
  void count(std::size_t n) {
    for (; n >= 0x80; n >>= 7) out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    out.push_back(static_cast<char>(n));
  }
  void text(const std::string& s) {
    count(s.size());
    out.insert(out.end(), s.begin(), s.end());
  }
  void points(const std::vector<Point>& pts) {
    count(pts.size());
    for (const Point& p : pts) {
      raw(p.x);
      raw(p.y);
    }
  }
};

struct Reader {
  const char* at;
  template <class T>
  T raw() {
    T v;
    std::memcpy(&v, at, sizeof(T));
    at += sizeof(T);
    return v;
  }
  std::size_t count() {
    std::size_t n = 0;
    for (unsigned shift = 0;; shift += 7) {
      const auto byte = static_cast<unsigned char>(*at++);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return n;
    }
  }
  std::string text() {
    const std::size_t n = count();
    std::string s(at, n);
    at += n;
    return s;
  }
  std::vector<Point> points() {
    std::vector<Point> pts(count());
    for (Point& p : pts) {
      p.x = raw<double>();
      p.y = raw<double>();
    }
    return pts;
  }
};

}  // namespace

std::uint32_t CompactRows::name_code(const std::string& name) {
  const auto it = std::find(names_.begin(), names_.end(), name);  // a layer has few fields
  if (it != names_.end()) return static_cast<std::uint32_t>(it - names_.begin());
  names_.push_back(name);
  values_.emplace_back();
  return static_cast<std::uint32_t>(names_.size() - 1);
}

namespace {
// A table takes an attribute's first distinct short values: a field of few values (a type) is
// then all codes; a field of unique values (a name) fills its table and is written out after.
constexpr std::size_t kTableValues = 1024;
constexpr std::size_t kTableValueBytes = 64;
}  // namespace

std::uint32_t CompactRows::value_code(std::uint32_t name, const std::string& value) {
  ValueTable& t = values_[name];
  if (const auto it = t.codes.find(value); it != t.codes.end()) return it->second + 1;
  if (t.values.size() >= kTableValues || value.size() > kTableValueBytes) return 0;
  t.codes.emplace(value, static_cast<std::uint32_t>(t.values.size()));
  t.values.push_back(value);
  return static_cast<std::uint32_t>(t.values.size());
}

namespace {
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
}  // namespace

void CompactRows::add(const Feature& f) {
  row_.clear();
  Writer w{row_};
  const Geometry& g = f.geometry;
  w.raw(static_cast<std::uint8_t>(g.kind));
  w.points(g.points);
  w.count(g.lines.size());
  for (const auto& line : g.lines) w.points(line);
  w.count(g.polygons.polygons.size());
  for (const auto& poly : g.polygons.polygons) {
    w.points(poly.outer);
    w.count(poly.holes.size());
    for (const auto& hole : poly.holes) w.points(hole);
  }
  w.count(f.attributes.size());
  std::size_t id_attribute = 0;  // 1 + the position of the attribute that holds the id
  for (std::size_t k = 0; k < f.attributes.size(); ++k) {
    const Attribute& a = f.attributes[k];
    const std::uint32_t name = name_code(a.name);
    w.count(name);
    w.raw(static_cast<std::uint8_t>(a.is_null));
    const std::uint32_t code = value_code(name, a.value);
    w.count(code);
    if (code == 0) w.text(a.value);
    if (id_attribute == 0 && a.value == f.id) id_attribute = k + 1;
  }
  w.count(id_attribute);
  if (id_attribute == 0) w.text(f.id);
  if (chunks_.empty() || chunks_.back().size() + row_.size() > chunks_.back().capacity()) {
    chunks_.emplace_back();
    chunks_.back().reserve(std::max(kChunkBytes, row_.size()));
  }
  std::vector<char>& chunk = chunks_.back();
  start_.emplace_back(static_cast<std::uint32_t>(chunks_.size() - 1),
                      static_cast<std::uint32_t>(chunk.size()));
  chunk.insert(chunk.end(), row_.begin(), row_.end());
}

Feature CompactRows::get(std::size_t i) const {
  Reader r{chunks_[start_[i].first].data() + start_[i].second};
  Feature f;
  Geometry& g = f.geometry;
  g.kind = static_cast<GeometryKind>(r.raw<std::uint8_t>());
  g.points = r.points();
  g.lines.resize(r.count());
  for (auto& line : g.lines) line = r.points();
  g.polygons.polygons.resize(r.count());
  for (auto& poly : g.polygons.polygons) {
    poly.outer = r.points();
    poly.holes.resize(r.count());
    for (auto& hole : poly.holes) hole = r.points();
  }
  f.attributes.resize(r.count());
  for (auto& a : f.attributes) {
    const std::size_t name = r.count();
    a.name = names_[name];
    a.is_null = r.raw<std::uint8_t>() != 0;
    const std::size_t code = r.count();
    a.value = code == 0 ? r.text() : values_[name].values[code - 1];
  }
  const std::size_t id_attribute = r.count();
  f.id = id_attribute == 0 ? r.text() : f.attributes[id_attribute - 1].value;
  return f;
}

void CompactRows::shrink_to_fit() {
  if (!chunks_.empty()) chunks_.back().shrink_to_fit();
  start_.shrink_to_fit();
  std::vector<char>().swap(row_);
}

}  // namespace reserve::province
