#pragma once
// A layer's rows packed into one byte arena (geometry, attributes, id; attribute names kept once
// in a table, an attribute's recurring short values (a type, a category) once in a table of that
// attribute, an id that repeats an attribute's value (编号 as --id-field) as that attribute's
// position, a value that ends in a number as the code of its text before the number and the
// number), unpacked one row at a time. A province's conflict layers are held this way between
// the reserves' checks: a Feature object costs several hundred bytes of allocations per point,
// the packed row a few dozen. Private to the library.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "reserve/io.hpp"

namespace reserve::province {

class CompactRows {
 public:
  // `point_kept` (only for a geometry of one point): the point is kept by the caller (the
  // layer's NearIndex holds it anyway) and handed back to get, not stored twice.
  void add(const Feature& feature, bool point_kept = false);
  std::size_t size() const noexcept { return start_.size(); }
  // Row i as it was added (equal in every member); `kept` is its point when added as point_kept.
  Feature get(std::size_t i, const Point* kept = nullptr) const;
  // Releases the spare capacity once every row is in.
  void shrink_to_fit();

 private:
  std::uint32_t name_code(const std::string& name);
  // 1 + the value's code in the table of attribute `name` (added to it when `add` and the table
  // takes it), 0 when it is not in the table.
  std::uint32_t value_code(std::uint32_t name, const std::string& value, bool add);
  void add_value(std::uint32_t name, const Attribute& a);  // the value's form byte and value
  struct ValueTable {
    std::vector<std::string> values;
    std::unordered_map<std::string, std::uint32_t> codes;
  };
  // Fixed-size chunks (a row larger than one gets a chunk of its own): the arena grows without
  // the doubling copies of one vector, which would briefly need twice its size.
  std::vector<std::vector<char>> chunks_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> start_;  // chunk, offset of each row
  std::vector<char> row_;                                       // the row being packed
  std::vector<std::string> names_;                              // attribute names by code
  std::vector<ValueTable> values_;                              // by name code
};

}  // namespace reserve::province
