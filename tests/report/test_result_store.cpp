// ResultStore on a GeoPackage (the PostGIS case is tests/pg, against a real server): tables and
// polygon layers with the run stamp, appending to existing tables, nothing kept without commit().
// Expected values are the ones written, and areas of rectangles by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/gdal_common.hpp"
#include "reserve/crs.hpp"
#include "reserve/error.hpp"
#include "reserve/result_store.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

StoreTable two_rows() {
  return StoreTable{
      "results",
      {{"name", StoreType::text}, {"count", StoreType::integer}, {"area_m2", StoreType::real}},
      {{std::string("核心区"), std::int64_t{3}, 1.5},
       {std::string("buffer"), StoreValue{}, 0.1 + 0.2}}};
}

MultiPolygon square(double x0, double y0, double side_m) {
  Polygon p;
  p.outer = {{x0, y0}, {x0 + side_m, y0}, {x0 + side_m, y0 + side_m}, {x0, y0 + side_m}, {x0, y0}};
  MultiPolygon mp;
  mp.polygons.push_back(p);
  return mp;
}

io::DatasetPtr open_read(const std::string& path) {
  io::ensure_gdal_registered();
  return io::DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

TEST(ResultStore, WritesStampedTablesAndLayersAndAppends) {
  test::TempDir dir;
  const std::string path = dir.file("results.gpkg");
  for (const char* run : {"run-1", "run-2"}) {
    ResultStore store = ResultStore::open(path, RunStamp{run, "青岚山"});
    store.write_table(two_rows());
    StorePolygons layer{{"pieces", {{"piece_id", StoreType::text}}, {{std::string("p-1")}}},
                        Crs::from_user_input("EPSG:4544"),
                        {square(500000, 4000000, 100)}};
    store.write_polygons(layer);
    store.commit();
  }
  const io::DatasetPtr ds = open_read(path);
  ASSERT_TRUE(ds);
  OGRLayer* t = ds->GetLayerByName("results");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->GetFeatureCount(), 4);  // two runs × two rows, appended
  EXPECT_EQ(t->GetLayerDefn()->GetFieldDefn(0)->GetNameRef(), std::string("run_id"));
  EXPECT_EQ(t->GetLayerDefn()->GetFieldDefn(1)->GetNameRef(), std::string("reserve"));
  t->SetAttributeFilter("run_id = 'run-2' AND count IS NULL");
  OGRFeatureUniquePtr f(t->GetNextFeature());
  ASSERT_TRUE(f);
  EXPECT_STREQ(f->GetFieldAsString("reserve"), "青岚山");
  EXPECT_STREQ(f->GetFieldAsString("name"), "buffer");
  EXPECT_EQ(f->GetFieldAsDouble("area_m2"), 0.1 + 0.2);  // the double itself, not a rounding
  OGRLayer* pieces = ds->GetLayerByName("pieces");
  ASSERT_NE(pieces, nullptr);
  EXPECT_EQ(pieces->GetFeatureCount(), 2);
  OGRFeatureUniquePtr p(pieces->GetNextFeature());
  ASSERT_TRUE(p && p->GetGeometryRef());
  // 100 m × 100 m by hand; tolerance 1e-6 m².
  EXPECT_NEAR(p->GetGeometryRef()->toMultiPolygon()->get_Area(), 10000.0, 1e-6);
  EXPECT_EQ(wkbFlatten(pieces->GetGeomType()), wkbMultiPolygon);
  const char* code = pieces->GetSpatialRef()->GetAuthorityCode(nullptr);
  ASSERT_NE(code, nullptr);
  EXPECT_STREQ(code, "4544");
}

TEST(ResultStore, NothingStaysWithoutCommit) {
  test::TempDir dir;
  const std::string path = dir.file("results.gpkg");
  {
    ResultStore store = ResultStore::open(path, RunStamp{"kept", ""});
    store.write_table(two_rows());
    store.commit();
  }
  {
    ResultStore store = ResultStore::open(path, RunStamp{"failed", ""});
    store.write_table(two_rows());
    StoreTable other{"other", {{"x", StoreType::real}}, {{1.0}}};
    store.write_table(other);
  }  // no commit: a failed run
  const io::DatasetPtr ds = open_read(path);
  ASSERT_TRUE(ds);
  EXPECT_EQ(ds->GetLayerByName("results")->GetFeatureCount(), 2);
  EXPECT_EQ(ds->GetLayerByName("other"), nullptr);
}

TEST(ResultStore, ReservesOneAfterAnotherInOneStore) {
  test::TempDir dir;
  const std::string path = dir.file("province.gpkg");
  ResultStore store = ResultStore::open(path, RunStamp{"province-1", "甲"});
  store.write_table(two_rows());
  store.set_reserve("乙");
  store.write_table(two_rows());
  store.commit();
  const io::DatasetPtr ds = open_read(path);
  ASSERT_TRUE(ds);
  OGRLayer* t = ds->GetLayerByName("results");
  ASSERT_NE(t, nullptr);
  std::vector<std::string> reserves;
  for (auto& f : *t) reserves.emplace_back(f->GetFieldAsString("reserve"));
  EXPECT_EQ(reserves, (std::vector<std::string>{"甲", "甲", "乙", "乙"}));
}

TEST(ResultStore, AnExistingTableWithoutAColumnIsNamed) {
  test::TempDir dir;
  const std::string path = dir.file("results.gpkg");
  {
    ResultStore store = ResultStore::open(path, RunStamp{});  // no stamp columns
    store.write_table(two_rows());
    store.commit();
  }
  ResultStore store = ResultStore::open(path, RunStamp{"r", ""});
  try {
    store.write_table(two_rows());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().layer, "results");
    EXPECT_NE(e.message().find("no column 'run_id'"), std::string::npos) << e.message();
  }
}

TEST(ResultStore, DatabaseDestinationsAreConnectionStrings) {
  EXPECT_TRUE(is_database_destination("PG:dbname=reserves"));
  EXPECT_FALSE(is_database_destination("out/results.gpkg"));
  const std::string id = new_run_id();
  // "YYYYMMDDTHHMMSSZ-xxxxxxxx": 16 characters of time, a dash, 8 hex digits.
  ASSERT_EQ(id.size(), 25u) << id;
  EXPECT_EQ(id[8], 'T');
  EXPECT_EQ(id[15], 'Z');
  EXPECT_EQ(id[16], '-');
}

}  // namespace
}  // namespace reserve
