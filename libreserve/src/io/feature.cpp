#include "reserve/io.hpp"

namespace reserve {

const std::string* Feature::attribute(const std::string& name) const noexcept {
  for (const auto& a : attributes)
    if (a.name == name) return a.is_null ? nullptr : &a.value;
  return nullptr;
}

}  // namespace reserve
