#include "render/projection_info.hpp"

#include <proj.h>

#include <fmt/format.h>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "reserve/error.hpp"

namespace reserve::render {
namespace {

struct ContextDeleter {
  void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct PjDeleter {
  void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

constexpr double kDegPerRad = 180.0 / std::numbers::pi;

std::string pj_name(const PJ* p) {
  const char* n = p ? proj_get_name(p) : nullptr;
  return n ? n : "";
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// Chinese names of the datums Chinese maps use; other datums keep their own name.
std::string datum_note(const std::string& geodetic_name, const std::string& datum_name,
                       bool& chinese_datum) {
  chinese_datum = true;
  if (contains(geodetic_name, "China Geodetic Coordinate System 2000") ||
      contains(datum_name, "China 2000"))
    return "2000国家大地坐标系";
  if (contains(geodetic_name, "Xian 1980") || contains(datum_name, "Xian 1980"))
    return "1980西安坐标系";
  if (contains(geodetic_name, "New Beijing") || contains(datum_name, "New Beijing"))
    return "新1954北京坐标系";
  if (contains(geodetic_name, "Beijing 1954") || contains(datum_name, "Beijing 1954"))
    return "1954北京坐标系";
  chinese_datum = false;
  if (contains(geodetic_name, "WGS 84")) return "WGS 84坐标系";
  return geodetic_name.empty() ? datum_name : geodetic_name;
}

std::string method_note(int method_code, const std::string& method_name, bool chinese_datum) {
  switch (method_code) {
    case 9807: return chinese_datum ? "高斯-克吕格投影" : "横轴墨卡托投影";
    case 1024: return "Web墨卡托投影";
    case 9804:
    case 9805: return "墨卡托投影";
    case 9801:
    case 9802: return "兰勃特等角圆锥投影";
    case 9822: return "阿尔伯斯等积圆锥投影";
    default: return method_name;
  }
}

std::string degrees_text(double deg) {
  const double rounded = std::round(deg * 60.0) / 60.0;
  const int whole = static_cast<int>(std::trunc(rounded));
  const int minutes = static_cast<int>(std::lround(std::fabs(rounded - whole) * 60.0));
  return minutes == 0 ? fmt::format("{}°", whole) : fmt::format("{}°{:02}′", whole, minutes);
}

PjPtr create_crs(PJ_CONTEXT* ctx, const Crs& crs) {
  if (crs.empty()) {
    throw InputError(
        "the map layers have no CRS; give the working (projected) CRS so the scale bar and north "
        "arrow can be drawn");
  }
  PjPtr pj(proj_create(ctx, crs.wkt.c_str()));
  if (!pj) throw InputError("PROJ cannot read the map CRS '" + crs.name + "'");
  const PJ_TYPE type = proj_get_type(pj.get());
  if (type != PJ_TYPE_PROJECTED_CRS) {
    throw InputError("the map CRS '" + pj_name(pj.get()) +
                     "' is not projected; reproject the layers to the working CRS (e.g. a "
                     "CGCS2000 Gauss–Krüger zone) before drawing");
  }
  return pj;
}

}  // namespace

struct ToGeographic::Impl {
  ContextPtr ctx{proj_context_create()};
  PjPtr op;
};

ToGeographic::ToGeographic(const Crs& crs) : impl_(std::make_unique<Impl>()) {
  PJ_CONTEXT* ctx = impl_->ctx.get();
  proj_context_set_enable_network(ctx, 0);
  PjPtr projected = create_crs(ctx, crs);
  PjPtr geographic(proj_crs_get_geodetic_crs(ctx, projected.get()));
  if (!geographic) throw InputError("the map CRS has no geodetic base CRS");
  PjPtr op(
      proj_create_crs_to_crs_from_pj(ctx, projected.get(), geographic.get(), nullptr, nullptr));
  if (!op) throw InputError("PROJ cannot invert the map CRS '" + crs.name + "'");
  impl_->op.reset(proj_normalize_for_visualization(ctx, op.get()));
  if (!impl_->op) throw InternalError("PROJ could not normalise the axis order of the map CRS");
}

ToGeographic::~ToGeographic() = default;

Point ToGeographic::apply(Point projected) const {
  PJ_COORD c = proj_coord(projected.x, projected.y, 0.0, 0.0);
  PJ_COORD out = proj_trans(impl_->op.get(), PJ_FWD, c);
  if (!std::isfinite(out.xy.x) || !std::isfinite(out.xy.y) || out.xy.x == HUGE_VAL) {
    throw InputError(fmt::format("the map centre ({:.3f}, {:.3f})", projected.x, projected.y) +
                     " lies outside the domain of the map CRS; check the CRS of the layers");
  }
  return {out.xy.x, out.xy.y};
}

ProjectionInfo projection_info(const Crs& crs, Point centre) {
  ContextPtr ctx_holder(proj_context_create());
  PJ_CONTEXT* ctx = ctx_holder.get();
  proj_context_set_enable_network(ctx, 0);
  PjPtr pj = create_crs(ctx, crs);

  ProjectionInfo info;
  info.centre_lonlat = ToGeographic(crs).apply(centre);

  // proj_factors() on the projected CRS object itself returns nonsense in PROJ 9.1 for CRSs
  // whose axes are northing-first (EPSG:4544 gives k ≈ 1e7), so evaluate the CRS's projection as
  // a PROJ string, which takes (longitude, latitude) in radians and returns plain factors.
  const char* proj_string = proj_as_proj_string(ctx, pj.get(), PJ_PROJ_5, nullptr);
  PjPtr projection(proj_string ? proj_create(ctx, proj_string) : nullptr);
  if (!projection) {
    throw InputError("PROJ cannot express the map CRS '" + pj_name(pj.get()) +
                     "' as a projection, so the scale bar cannot be computed; use a standard "
                     "projected CRS such as a CGCS2000 Gauss–Krüger zone");
  }
  PJ_COORD lp =
      proj_coord(info.centre_lonlat.x / kDegPerRad, info.centre_lonlat.y / kDegPerRad, 0.0, 0.0);
  PJ_FACTORS f = proj_factors(projection.get(), lp);
  if (proj_errno(projection.get()) != 0 || !std::isfinite(f.parallel_scale) ||
      f.parallel_scale <= 0.0) {
    throw InputError("PROJ cannot compute the scale factor of the map CRS at the map centre");
  }
  // The scale bar runs along grid east, which at the centre follows the parallel (up to the
  // convergence, which does not change lengths in a conformal projection).
  info.scale_factor = f.parallel_scale;
  info.conformal = std::fabs(f.meridional_scale - f.parallel_scale) <= 1e-6 * info.scale_factor;
  info.convergence_deg = f.meridian_convergence * kDegPerRad;

  PjPtr cs(proj_crs_get_coordinate_system(ctx, pj.get()));
  double unit_factor = 1.0;
  if (cs &&
      proj_cs_get_axis_info(ctx, cs.get(), 0, nullptr, nullptr, nullptr, &unit_factor, nullptr,
                            nullptr, nullptr) &&
      unit_factor > 0.0)
    info.metres_per_unit = unit_factor;

  // The note: datum, projection (with 3°/6° band), central meridian.
  PjPtr geodetic(proj_crs_get_geodetic_crs(ctx, pj.get()));
  PjPtr datum(proj_crs_get_datum(ctx, pj.get()));
  if (!datum) datum.reset(proj_crs_get_datum_ensemble(ctx, pj.get()));
  bool chinese_datum = false;
  std::string note = datum_note(pj_name(geodetic.get()), pj_name(datum.get()), chinese_datum);
  PjPtr conversion(proj_crs_get_coordoperation(ctx, pj.get()));
  if (conversion) {
    const char* method_name = nullptr;
    const char* method_auth = nullptr;
    const char* method_code = nullptr;
    proj_coordoperation_get_method_info(ctx, conversion.get(), &method_name, &method_auth,
                                        &method_code);
    const int code = method_code ? std::atoi(method_code) : 0;
    std::string method = method_note(code, method_name ? method_name : "", chinese_datum);
    const std::string crs_name = pj_name(pj.get());
    if (contains(crs_name, "3-degree")) method += "（3度带）";
    if (contains(crs_name, "6-degree")) method += "（6度带）";
    note += " " + method;
    const int idx =
        proj_coordoperation_get_param_index(ctx, conversion.get(), "Longitude of natural origin");
    double value = 0.0, to_si = 0.0;
    if (idx >= 0 &&
        proj_coordoperation_get_param(ctx, conversion.get(), idx, nullptr, nullptr, nullptr, &value,
                                      nullptr, &to_si, nullptr, nullptr, nullptr, nullptr) &&
        to_si > 0.0)
      note += " 中央经线" + degrees_text(value * to_si * kDegPerRad);
  }
  info.note = note;
  return info;
}

}  // namespace reserve::render
