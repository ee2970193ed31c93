#pragma once
// Real input files for the conflicts and ledger tests, written through GDAL (GeoPackage) or as
// plain text (CSV), in a fresh temporary directory. Commands (the CLI, Debian's python3 as an
// independent reader) run through support/cli_runner.hpp.
#include <cpl_conv.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/cli_runner.hpp"

namespace reserve::testing {

namespace fs = std::filesystem;

// The directories fresh_dir made, removed with everything in them when the test program exits,
// so that a suite run leaves nothing in /tmp (a crashed test keeps its files for a look).
class FreshDirs {
 public:
  void add(const fs::path& dir) {
    const std::lock_guard<std::mutex> lock(mutex_);
    dirs_.push_back(dir);
  }
  ~FreshDirs() {
    for (const fs::path& dir : dirs_) {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  }

 private:
  std::mutex mutex_;
  std::vector<fs::path> dirs_;
};

inline FreshDirs& fresh_dirs() {
  static FreshDirs dirs;
  return dirs;
}

inline fs::path fresh_dir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("reserve-" + name + "-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(std::random_device{}()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fresh_dirs().add(dir);
  return dir;
}

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct GpkgRow {
  std::vector<std::string> values;  // one per field, "" = null
  std::string wkt;                  // in the layer's CRS; "" = no geometry
};

// A one-layer GeoPackage with string fields.
inline void write_gpkg(const fs::path& path, int epsg, const std::vector<std::string>& fields,
                       const std::vector<GpkgRow>& rows, OGRwkbGeometryType type = wkbUnknown) {
  GDALAllRegister();
  GDALDriverH drv = GDALGetDriverByName("GPKG");
  ASSERT_NE(drv, nullptr);
  GDALDatasetH ds = GDALCreate(drv, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  ASSERT_NE(ds, nullptr);
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, epsg);
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayerH layer = GDALDatasetCreateLayer(ds, path.stem().c_str(), srs, type, nullptr);
  ASSERT_NE(layer, nullptr);
  for (const auto& name : fields) {
    OGRFieldDefnH fd = OGR_Fld_Create(name.c_str(), OFTString);
    OGR_L_CreateField(layer, fd, 1);
    OGR_Fld_Destroy(fd);
  }
  for (const auto& row : rows) {
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    for (std::size_t i = 0; i < row.values.size(); ++i)
      if (!row.values[i].empty())
        OGR_F_SetFieldString(f, static_cast<int>(i), row.values[i].c_str());
    if (!row.wkt.empty()) {
      OGRGeometryH g = nullptr;
      char* text = const_cast<char*>(row.wkt.c_str());
      ASSERT_EQ(OGR_G_CreateFromWkt(&text, nullptr, &g), OGRERR_NONE) << row.wkt;
      OGR_F_SetGeometryDirectly(f, g);
    }
    ASSERT_EQ(OGR_L_CreateFeature(layer, f), OGRERR_NONE);
    OGR_F_Destroy(f);
  }
  OSRDestroySpatialReference(srs);
  GDALClose(ds);
}

// "POLYGON ((x0 y0, …))" for a rectangle in EPSG:4544 metres offset from (500000, 4000000).
inline std::string rect_wkt(double x0, double y0, double x1, double y1) {
  auto p = [](double x, double y) {
    return std::to_string(500000.0 + x) + " " + std::to_string(4000000.0 + y);
  };
  return "POLYGON ((" + p(x0, y0) + ", " + p(x1, y0) + ", " + p(x1, y1) + ", " + p(x0, y1) + ", " +
         p(x0, y0) + "))";
}

inline std::string rect_with_hole_wkt(double x0, double y0, double x1, double y1, double hx0,
                                      double hy0, double hx1, double hy1) {
  auto p = [](double x, double y) {
    return std::to_string(500000.0 + x) + " " + std::to_string(4000000.0 + y);
  };
  return "POLYGON ((" + p(x0, y0) + ", " + p(x1, y0) + ", " + p(x1, y1) + ", " + p(x0, y1) + ", " +
         p(x0, y0) + "), (" + p(hx0, hy0) + ", " + p(hx0, hy1) + ", " + p(hx1, hy1) + ", " +
         p(hx1, hy0) + ", " + p(hx0, hy0) + "))";
}

// Command lines for the shared runner (support/cli_runner.hpp): a path quoted for the shell.
inline std::string quoted(const fs::path& p) { return test::shell_quote(p.string()); }

}  // namespace reserve::testing
