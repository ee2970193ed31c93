// load_zoning: read each source's layer, then build the zoning from the layers.
#include "reserve/error.hpp"
#include "reserve/io.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

Zoning load_zoning(const ZoningOptions& options) {
  if (options.sources.empty()) throw UsageError("no zoning file given");
  std::vector<std::pair<Layer, ZoningSource>> layers;
  layers.reserve(options.sources.size());
  for (const auto& source : options.sources)
    layers.emplace_back(read_layer(source.path, source.read), source);
  return zoning_from_layers(layers, options);
}

}  // namespace reserve
