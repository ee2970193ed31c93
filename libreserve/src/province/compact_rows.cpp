// CompactRows: a row is geometry (kind, then counts and coordinates), attributes (name code, a
// byte of null flag and form, then the value in that form), id (0 then the id, or 1 + the position
// of the attribute whose value it is); counts, lengths and codes as LEB128 varints (one byte below
// 128: a point row has mostly zero counts), each coordinate a double copied bytewise. A value's
// form: its code in the attribute's table; its text; or, for a value ending in a run of decimal
// digits (编号 SS0000123, 名称 设施123), the code of the text before the run, the run's length
// and its number — a few bytes instead of a dozen for a layer's numbered ids and names.
#include "province/compact_rows.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "reserve/error.hpp"

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

std::uint32_t CompactRows::value_code(std::uint32_t name, const std::string& value, bool add) {
  ValueTable& t = values_[name];
  if (const auto it = t.codes.find(value); it != t.codes.end()) return it->second + 1;
  if (!add || t.values.size() >= kTableValues || value.size() > kTableValueBytes) return 0;
  t.codes.emplace(value, static_cast<std::uint32_t>(t.values.size()));
  t.values.push_back(value);
  return static_cast<std::uint32_t>(t.values.size());
}

namespace {

// A value's form byte: bit 0 the null flag, the rest one of these.
enum Form : std::uint8_t { kCoded = 0, kText = 2, kNumbered = 4 };

// The start of the value's trailing run of decimal digits when the run (1 to 19 digits: any
// such number fits 64 bits) can be kept as a number; npos otherwise.
std::size_t digit_run(const std::string& value) {
  std::size_t start = value.size();
  while (start > 0 && value[start - 1] >= '0' && value[start - 1] <= '9') --start;
  const std::size_t n = value.size() - start;
  return n >= 1 && n <= 19 ? start : std::string::npos;
}

}  // namespace

void CompactRows::add_value(std::uint32_t name, const Attribute& a) {
  Writer w{row_};
  const auto null_bit = static_cast<std::uint8_t>(a.is_null);
  // The whole value when it is in the table already (a type, a category).
  if (const std::uint32_t code = value_code(name, a.value, false)) {
    w.raw(static_cast<std::uint8_t>(kCoded | null_bit));
    w.count(code);
    return;
  }
  if (const std::size_t run = digit_run(a.value); run != std::string::npos) {
    if (const std::uint32_t head = value_code(name, a.value.substr(0, run), true)) {
      w.raw(static_cast<std::uint8_t>(kNumbered | null_bit));
      w.count(head);
      w.count(a.value.size() - run);                           // digits, leading zeros included
      w.count(std::stoull(a.value.substr(run), nullptr, 10));  // at most 19 digits: fits
      return;
    }
  }
  if (const std::uint32_t code = value_code(name, a.value, true)) {
    w.raw(static_cast<std::uint8_t>(kCoded | null_bit));
    w.count(code);
    return;
  }
  w.raw(static_cast<std::uint8_t>(kText | null_bit));
  w.text(a.value);
}

namespace {
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
}  // namespace

namespace {
constexpr std::uint8_t kPointKept = 0x80;  // on the kind byte: the one point is not stored
}  // namespace

void CompactRows::add(const Feature& f, bool point_kept) {
  row_.clear();
  Writer w{row_};
  const Geometry& g = f.geometry;
  if (point_kept && (g.points.size() != 1 || !g.lines.empty() || !g.polygons.polygons.empty()))
    throw InternalError("CompactRows: only a geometry of one point can be kept outside");
  w.raw(
      static_cast<std::uint8_t>(static_cast<std::uint8_t>(g.kind) | (point_kept ? kPointKept : 0)));
  if (point_kept)
    w.count(0);
  else
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
    add_value(name, a);
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

Feature CompactRows::get(std::size_t i, const Point* kept) const {
  Reader r{chunks_[start_[i].first].data() + start_[i].second};
  Feature f;
  Geometry& g = f.geometry;
  const auto kind = r.raw<std::uint8_t>();
  g.kind = static_cast<GeometryKind>(kind & ~kPointKept);
  g.points = r.points();
  if (kind & kPointKept) {
    if (!kept) throw InternalError("CompactRows: row " + std::to_string(i) + " needs its point");
    g.points.push_back(*kept);
  }
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
    const auto form = r.raw<std::uint8_t>();
    a.is_null = (form & 1) != 0;
    switch (form & ~1) {
      case kCoded: a.value = values_[name].values[r.count() - 1]; break;
      case kText: a.value = r.text(); break;
      default: {  // kNumbered
        a.value = values_[name].values[r.count() - 1];
        const std::size_t digits = r.count();
        const std::string number = std::to_string(r.count());
        a.value.append(digits - number.size(), '0');
        a.value += number;
      }
    }
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
