// Zone labels of a zoning layer and the --zone-map mapping: line 1 is a mapping such as
// "1=core,2=buffer", line 2 a requested zone field (may be empty), every further line the
// "功能分区<TAB>备注" values of one feature. The zone field is then found (or refused with an
// InputError listing the labels) as the loader does it.
#include <sstream>

#include "reserve/io.hpp"
#include "reserve/zone.hpp"
#include "support/fuzz_support.hpp"
#include "zoning/zone_field.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(reserve::fuzz::as_text(data, size));
  std::string mapping, requested, line;
  std::getline(in, mapping);
  std::getline(in, requested);
  reserve::ZoneScheme scheme = reserve::ZoneScheme::defaults();
  reserve::fuzz::expect_clean_errors([&] { scheme.add_mapping(mapping); });

  reserve::Layer layer;
  layer.path = "zones.gpkg";
  layer.name = "zones";
  layer.fields = {"功能分区", "备注"};
  for (int n = 1; std::getline(in, line); ++n) {
    const auto tab = line.find('\t');
    reserve::Feature f;
    f.id = std::to_string(n);
    f.attributes.push_back({"功能分区", line.substr(0, tab), false});
    const bool has_note = tab != std::string::npos;
    f.attributes.push_back({"备注", has_note ? line.substr(tab + 1) : "", !has_note});
    (void)scheme.lookup(f.attributes[0].value);
    layer.features.push_back(std::move(f));
  }
  reserve::fuzz::expect_clean_errors(
      [&] { (void)reserve::zoning::find_zone_field(layer, requested, scheme); });
  return 0;
}
