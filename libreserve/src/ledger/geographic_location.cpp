#include "ledger/geographic_location.hpp"

#include <algorithm>
#include <utility>
#include <vector>

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

// What a working CRS gives: the transformation to its geographic CRS and that datum's name, or
// why there is none.
struct Setup {
  std::shared_ptr<const Transformer> transformer;
  std::string datum_name;
  std::string unavailable;
};

Setup make_setup(const Crs& working) {
  Setup s;
  try {
    const std::optional<Crs> geographic = geodetic_crs_of(working);
    if (!geographic) {
      s.unavailable = working.label() + " has no geographic CRS to convert to";
      return s;
    }
    s.transformer = std::make_shared<const Transformer>(working, *geographic);
    s.datum_name = short_name(*geographic);
  } catch (const Error& e) {
    s = Setup{};  // no geographic location; the plane coordinates remain
    s.unavailable = e.message();
  }
  return s;
}

// This thread's setups, most recently used last: finding the transformation in proj.db costs
// milliseconds, and a province run builds a ledger per reserve in the same working CRS. PROJ
// objects are not thread-safe, hence one cache per thread.
const Setup& setup_for(const Crs& working) {
  thread_local std::vector<std::pair<std::string, Setup>> setups;
  std::string key = working.label() + "\n" + working.wkt;
  for (auto it = setups.begin(); it != setups.end(); ++it) {
    if (it->first != key) continue;
    std::rotate(it, it + 1, setups.end());
    return setups.back().second;
  }
  Setup made = make_setup(working);
  if (setups.size() >= 8) setups.erase(setups.begin());
  setups.emplace_back(std::move(key), std::move(made));
  return setups.back().second;
}

}  // namespace

GeographicLocation::GeographicLocation(const Crs& working) {
  if (working.empty()) return;
  const Setup& s = setup_for(working);
  transformer_ = s.transformer;
  datum_name_ = s.datum_name;
  unavailable_ = s.unavailable;
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
