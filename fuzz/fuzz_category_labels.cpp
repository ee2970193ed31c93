// Category labels of conflict features (采矿权, 尾矿库, 水电站, …) and the --category-map mapping:
// line 1 is a mapping such as "化工厂=industrial", every further line a label to classify.
#include <sstream>

#include "reserve/features.hpp"
#include "support/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(reserve::fuzz::as_text(data, size));
  std::string mapping, label;
  std::getline(in, mapping);
  reserve::CategoryMap map = reserve::CategoryMap::defaults();
  reserve::fuzz::expect_clean_errors([&] { map.add_mapping(mapping); });
  while (std::getline(in, label)) {
    (void)map.lookup(label);
    (void)reserve::category_from_string(label);
  }
  return 0;
}
