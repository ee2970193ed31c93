#include "ledger/geographic_location.hpp"

#include "crs/proj_handles.hpp"
#include "reserve/error.hpp"

namespace reserve::ledger {
namespace {

// The working CRS's geodetic (geographic) CRS as a Crs value, or nullopt.
std::optional<Crs> geodetic_crs_of(const Crs& working) {
  auto ctx = crs::make_context();
  crs::PjPtr pj = crs::create_crs(ctx.get(), working.wkt);
  if (!pj) return std::nullopt;
  crs::PjPtr geodetic(proj_crs_get_geodetic_crs(ctx.get(), pj.get()));
  if (!geodetic) return std::nullopt;
  const char* wkt = proj_as_wkt(ctx.get(), geodetic.get(), PJ_WKT2_2019, nullptr);
  if (!wkt) return std::nullopt;
  return Crs::from_user_input(wkt);
}

// Short names for the datums of Chinese data; PROJ's name otherwise.
std::string short_name(const Crs& geographic) {
  if (geographic.epsg == 4490 || geographic.name == "China Geodetic Coordinate System 2000")
    return "CGCS2000";
  if (geographic.epsg == 4326) return "WGS 84";
  if (geographic.epsg == 4610) return "Xian 1980";
  if (geographic.epsg == 4214) return "Beijing 1954";
  return geographic.name;
}

}  // namespace

GeographicLocation::GeographicLocation(const Crs& working) {
  if (working.empty()) return;
  try {
    const std::optional<Crs> geographic = geodetic_crs_of(working);
    if (!geographic) {
      unavailable_ = working.label() + " has no geographic CRS to convert to";
      return;
    }
    transformer_ = std::make_unique<Transformer>(working, *geographic);
    datum_name_ = short_name(*geographic);
  } catch (const Error& e) {
    transformer_.reset();  // no geographic location; the plane coordinates remain
    datum_name_.clear();
    unavailable_ = e.message();
  }
}

GeographicLocation::~GeographicLocation() = default;

std::optional<Point> GeographicLocation::operator()(Point p) const {
  if (!transformer_) return std::nullopt;
  try {
    return transformer_->apply(p);
  } catch (const Error& e) {
    if (failure_.empty()) failure_ = e.message();
    return std::nullopt;
  }
}

}  // namespace reserve::ledger
