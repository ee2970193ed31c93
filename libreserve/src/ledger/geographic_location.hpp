#pragma once
// Longitude/latitude for the ledger's location columns, in the geographic CRS of the working
// CRS's own datum: no datum shift, so the header can name the datum that was really used (a
// Xian 1980 plane CRS has no published transformation to CGCS2000 in PROJ; converting "to
// CGCS2000" would be a ballpark shift of tens of metres under a false header). Private.
#include <memory>
#include <optional>
#include <string>

#include "reserve/crs.hpp"

namespace reserve::ledger {

// Made once per ledger (per reserve in a province run): the PROJ transformation behind it is
// found once per thread and working CRS and shared by the later ones of that thread, so an
// object must be used on the thread that made it.
class GeographicLocation {
 public:
  explicit GeographicLocation(const Crs& working);
  ~GeographicLocation();
  // "CGCS2000", "WGS 84", "Xian 1980", …; empty when no geographic location can be given.
  const std::string& datum_name() const noexcept { return datum_name_; }
  std::optional<Point> operator()(Point p) const;
  // Why there is no geographic location at all (empty when there is one, or no CRS), and the
  // first reason a point could not be converted: the ledger tells the user (issue 13.5).
  const std::string& unavailable_reason() const noexcept { return unavailable_; }
  const std::string& last_failure() const noexcept { return failure_; }

 private:
  std::shared_ptr<const Transformer> transformer_;  // this thread's, for the working CRS
  std::string datum_name_;
  std::string unavailable_;
  mutable std::string failure_;
};

}  // namespace reserve::ledger
