// Coordinate transformation through PROJ, always in the traditional GIS axis order.
#include <cmath>
#include <sstream>

#include "crs/crs_value.hpp"
#include "crs/proj_handles.hpp"
#include "reserve/crs.hpp"
#include "reserve/error.hpp"

namespace reserve {

struct Transformer::Impl {
  crs::ContextPtr ctx;  // declared first: destroyed last, after the PJ that uses it
  crs::PjPtr op;        // null when identity
  std::string from_label;
  std::string to_label;
  bool ballpark = false;
  std::string description;
};

Transformer::Transformer(const Crs& from, const Crs& to) : impl_(std::make_unique<Impl>()) {
  impl_->from_label = from.label();
  impl_->to_label = to.label();
  if (from.empty() || to.empty())
    throw InputError("cannot transform coordinates: the " +
                     std::string(from.empty() ? "source" : "target") +
                     " CRS is unknown; pass --crs EPSG:xxxx");
  if (equivalent(from, to)) return;
  impl_->ctx = crs::make_context();
  PJ_CONTEXT* ctx = impl_->ctx.get();
  crs::PjPtr src = crs::pj_from_crs(ctx, from);
  crs::PjPtr dst = crs::pj_from_crs(ctx, to);
  crs::PjPtr op(proj_create_crs_to_crs_from_pj(ctx, src.get(), dst.get(), nullptr, nullptr));
  if (!op)
    throw InputError("PROJ finds no transformation from " + impl_->from_label + " to " +
                     impl_->to_label + ": " + crs::last_error(ctx));
  impl_->ballpark = proj_coordoperation_has_ballpark_transformation(ctx, op.get()) != 0;
  const char* name = proj_get_name(op.get());
  impl_->description = name != nullptr ? name : "";
  impl_->op.reset(proj_normalize_for_visualization(ctx, op.get()));
  if (!impl_->op)
    throw InternalError("PROJ could not normalise the axis order of the transformation from " +
                        impl_->from_label + " to " + impl_->to_label);
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

bool Transformer::is_identity() const noexcept { return !impl_->op; }

bool Transformer::is_ballpark() const noexcept { return impl_->ballpark; }

const std::string& Transformer::description() const noexcept { return impl_->description; }

Point Transformer::apply(Point p) const {
  if (!impl_->op) return p;
  PJ* op = impl_->op.get();
  proj_errno_reset(op);
  const PJ_COORD out = proj_trans(op, PJ_FWD, proj_coord(p.x, p.y, 0.0, 0.0));
  const int err = proj_errno(op);
  if (err != 0 || !std::isfinite(out.xy.x) || !std::isfinite(out.xy.y)) {
    std::ostringstream msg;
    msg.precision(12);
    msg << "coordinate (" << p.x << ", " << p.y << ") cannot be transformed from "
        << impl_->from_label << " to " << impl_->to_label;
    const char* why = err != 0 ? proj_context_errno_string(impl_->ctx.get(), err) : nullptr;
    if (why != nullptr) msg << " (" << why << ")";
    msg << "; check that the data's CRS is right (x = easting/longitude, y = northing/latitude)";
    proj_errno_reset(op);
    throw InputError(msg.str());
  }
  return Point{out.xy.x, out.xy.y};
}

void Transformer::apply(MultiPolygon& mp) const {
  if (!impl_->op) return;
  for (auto& poly : mp.polygons) {
    for (auto& p : poly.outer) p = apply(p);
    for (auto& hole : poly.holes)
      for (auto& p : hole) p = apply(p);
  }
}

void Transformer::apply(Geometry& g) const {
  if (!impl_->op) return;
  for (auto& p : g.points) p = apply(p);
  for (auto& line : g.lines)
    for (auto& p : line) p = apply(p);
  apply(g.polygons);
}

}  // namespace reserve
