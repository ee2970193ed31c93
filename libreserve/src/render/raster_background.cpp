#include "render/raster_background.hpp"

#include <cpl_error.h>
#include <gdal.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>

#include "reserve/error.hpp"

namespace reserve::render {
namespace {

struct DatasetDeleter {
  void operator()(GDALDatasetH d) const noexcept { GDALClose(d); }
};
using DatasetPtr = std::unique_ptr<void, DatasetDeleter>;
struct SrsDeleter {
  void operator()(OGRSpatialReferenceH s) const noexcept { OSRDestroySpatialReference(s); }
};
using SrsPtr = std::unique_ptr<void, SrsDeleter>;

// Vector outputs embed the raster at this resolution (enough for print, small files).
constexpr double kVectorRasterDpi = 200.0;
constexpr int kMaxRasterSide = 4000;

bool same_crs(const std::string& a_wkt, const std::string& b_wkt) {
  SrsPtr a(OSRNewSpatialReference(a_wkt.c_str()));
  SrsPtr b(OSRNewSpatialReference(b_wkt.c_str()));
  if (!a || !b) return false;
  OSRSetAxisMappingStrategy(a.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(b.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return OSRIsSame(a.get(), b.get()) != 0;
}

// Scales a band's values to 0…255 (Byte data as is, others by the band's min/max).
struct BandScale {
  double offset = 0.0, factor = 1.0;
  unsigned char apply(double v) const {
    return static_cast<unsigned char>(std::clamp((v - offset) * factor, 0.0, 255.0));
  }
};

BandScale scale_of(GDALRasterBandH band) {
  if (GDALGetRasterDataType(band) == GDT_Byte) return {};
  double minmax[2] = {0.0, 1.0};
  if (GDALComputeRasterMinMax(band, FALSE, minmax) != CE_None) return {};
  const double range = minmax[1] - minmax[0];
  return {minmax[0], range > 0.0 ? 255.0 / range : 1.0};
}

}  // namespace

void draw_background(cairo_t* cr, const std::string& path, const Crs& map_crs,
                     const MapTransform& t, double opacity, std::vector<std::string>& warnings) {
  GDALAllRegister();
  // GDAL's message goes into our error, not straight to stderr.
  CPLPushErrorHandler(CPLQuietErrorHandler);
  DatasetPtr ds(GDALOpen(path.c_str(), GA_ReadOnly));
  CPLPopErrorHandler();
  if (!ds) {
    throw InputError("cannot open the background raster (" + std::string(CPLGetLastErrorMsg()) +
                         "); give a GeoTIFF or another raster GDAL reads",
                     SourceRef{path, "", ""});
  }
  const std::string src_wkt = GDALGetProjectionRef(ds.get()) ? GDALGetProjectionRef(ds.get()) : "";
  if (src_wkt.empty()) {
    throw InputError("the background raster has no CRS; assign one (gdal_edit.py -a_srs …)",
                     SourceRef{path, "", ""});
  }
  double gt[6];
  if (GDALGetGeoTransform(ds.get(), gt) != CE_None) {
    throw InputError("the background raster has no geotransform", SourceRef{path, "", ""});
  }
  DatasetPtr warped;
  GDALDatasetH src = ds.get();
  // Anything but a north-up raster in the map CRS goes through a warped VRT (which is north-up).
  if (!same_crs(src_wkt, map_crs.wkt) || gt[2] != 0.0 || gt[4] != 0.0 || gt[1] <= 0.0 ||
      gt[5] >= 0.0) {
    warped.reset(GDALAutoCreateWarpedVRT(ds.get(), src_wkt.c_str(), map_crs.wkt.c_str(),
                                         GRA_Bilinear, 0.125, nullptr));
    if (!warped) {
      throw InputError("cannot warp the background raster to the map CRS (" +
                           std::string(CPLGetLastErrorMsg()) + ")",
                       SourceRef{path, "", ""});
    }
    src = warped.get();
    GDALGetGeoTransform(src, gt);
  }
  const int nx = GDALGetRasterXSize(src), ny = GDALGetRasterYSize(src);
  const int bands = GDALGetRasterCount(src);
  if (bands < 1 || gt[1] <= 0.0 || gt[5] >= 0.0) {
    throw InputError("the background raster has no bands or a degenerate geotransform",
                     SourceRef{path, "", ""});
  }
  const Envelope& e = t.extent;
  // Pixel window covering the extent (north-up: gt[1] > 0, gt[5] < 0).
  const double c0 = std::max(0.0, std::floor((e.min_x - gt[0]) / gt[1]));
  const double c1 = std::min<double>(nx, std::ceil((e.max_x - gt[0]) / gt[1]));
  const double r0 = std::max(0.0, std::floor((e.max_y - gt[3]) / gt[5]));
  const double r1 = std::min<double>(ny, std::ceil((e.min_y - gt[3]) / gt[5]));
  if (c1 <= c0 || r1 <= r0) {
    warnings.push_back("background raster " + path + " does not overlap the map extent");
    return;
  }
  const int win_w = static_cast<int>(c1 - c0), win_h = static_cast<int>(r1 - r0);
  const double px_per_pt = t.px_per_pt > 1.0 ? t.px_per_pt : kVectorRasterDpi / 72.0;
  const double want_w = win_w * std::fabs(gt[1]) * t.pt_per_unit * px_per_pt;
  const double want_h = win_h * std::fabs(gt[5]) * t.pt_per_unit * px_per_pt;
  const int buf_w =
      std::clamp(static_cast<int>(std::ceil(want_w)), 1, std::min(win_w, kMaxRasterSide));
  const int buf_h =
      std::clamp(static_cast<int>(std::ceil(want_h)), 1, std::min(win_h, kMaxRasterSide));

  const int used = bands >= 3 ? 3 : 1;
  std::vector<std::vector<double>> data(static_cast<std::size_t>(used));
  std::vector<BandScale> scales;
  std::vector<std::pair<bool, double>> nodata;
  GDALRasterIOExtraArg extra;
  INIT_RASTERIO_EXTRA_ARG(extra);
  extra.eResampleAlg = GRIORA_Bilinear;
  for (int b = 0; b < used; ++b) {
    GDALRasterBandH band = GDALGetRasterBand(src, b + 1);
    auto& buf = data[static_cast<std::size_t>(b)];
    buf.resize(static_cast<std::size_t>(buf_w) * static_cast<std::size_t>(buf_h));
    if (GDALRasterIOEx(band, GF_Read, static_cast<int>(c0), static_cast<int>(r0), win_w, win_h,
                       buf.data(), buf_w, buf_h, GDT_Float64, 0, 0, &extra) != CE_None) {
      throw InputError(
          "cannot read the background raster (" + std::string(CPLGetLastErrorMsg()) + ")",
          SourceRef{path, "", ""});
    }
    scales.push_back(scale_of(band));
    int has = 0;
    const double nd = GDALGetRasterNoDataValue(band, &has);
    nodata.emplace_back(has != 0, nd);
  }

  SurfacePtr image(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, buf_w, buf_h));
  cairo_surface_flush(image.get());
  unsigned char* pixels = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  for (int y = 0; y < buf_h; ++y) {
    auto* line = reinterpret_cast<std::uint32_t*>(pixels + y * stride);
    for (int x = 0; x < buf_w; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * buf_w + x;
      bool transparent = false;
      unsigned char rgb[3];
      for (int b = 0; b < 3; ++b) {
        const int src_band = used == 3 ? b : 0;
        const double v = data[static_cast<std::size_t>(src_band)][i];
        const auto& [has, nd] = nodata[static_cast<std::size_t>(src_band)];
        if (has && v == nd) transparent = true;
        rgb[b] = scales[static_cast<std::size_t>(src_band)].apply(v);
      }
      line[x] = transparent ? 0u
                            : (0xFFu << 24) | (std::uint32_t{rgb[0]} << 16) |
                                  (std::uint32_t{rgb[1]} << 8) | rgb[2];
    }
  }
  cairo_surface_mark_dirty(image.get());

  // Page position of the window's top-left corner and the size of one buffer pixel in points.
  const Point top_left = t.to_page_pt({gt[0] + c0 * gt[1], gt[3] + r0 * gt[5]});
  cairo_save(cr);
  cairo_rectangle(cr, t.area_x_pt, t.area_y_pt, t.area_width_pt, t.area_height_pt);
  cairo_clip(cr);
  cairo_translate(cr, top_left.x, top_left.y);
  cairo_scale(cr, win_w * std::fabs(gt[1]) * t.pt_per_unit / buf_w,
              win_h * std::fabs(gt[5]) * t.pt_per_unit / buf_h);
  cairo_set_source_surface(cr, image.get(), 0.0, 0.0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
  cairo_paint_with_alpha(cr, opacity);
  cairo_restore(cr);
}

}  // namespace reserve::render
