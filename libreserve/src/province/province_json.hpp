#pragma once
// province.json written as a stream (row by row), so that the file is never held in memory whole;
// province_json() (reserve/province.hpp) is the same text as a string. Private to the library.
#include <iosfwd>
#include <string>

#include "reserve/province.hpp"

namespace reserve {

void write_province_json(const ProvinceResult& result, std::ostream& out);

// Writes province.json to `path` atomically (core/atomic_file). InputError naming the path.
void write_province_json_file(const ProvinceResult& result, const std::string& path);

}  // namespace reserve
