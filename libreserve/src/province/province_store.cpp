// A province run into a database (`reserve check --out PG:…` in province mode): every checked
// reserve's tables (write_check_results, stamped with its name), the province table
// reserve_province and the cross-reserve overlaps reserve_overlaps, in one transaction.
#include <algorithm>

#include "io/input_path.hpp"
#include "reserve/ledger.hpp"
#include "reserve/province.hpp"
#include "reserve/result_store.hpp"

namespace reserve {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "; ") + n;
  return out;
}

StoreTable province_store_table(const ProvinceResult& result) {
  StoreTable t;
  t.name = "reserve_province";
  using T = StoreType;
  t.columns = {{"reserve_name", T::text},
               {"match", T::text},
               {"before_reserves", T::text},
               {"after_reserves", T::text},
               {"before_area_m2", T::real},
               {"after_area_m2", T::real},
               {"before_strict_share", T::real},
               {"after_strict_share", T::real},
               {"freed_features", T::integer},
               {"downgraded_features", T::integer},
               {"overall", T::text},
               {"error", T::text}};
  for (const auto& row : result.reserves) {
    const bool checked = row.result.has_value();
    auto real_if = [](bool ok, double v) { return ok ? StoreValue(v) : StoreValue(); };
    auto count_if = [](bool ok, std::size_t n) {
      return ok ? StoreValue(static_cast<std::int64_t>(n)) : StoreValue();
    };
    t.rows.push_back(
        {row.reserve, std::string(to_string(row.match)), joined(row.before_reserves),
         joined(row.after_reserves), real_if(!row.before_reserves.empty(), row.before_area_m2),
         real_if(!row.after_reserves.empty(), row.after_area_m2),
         real_if(checked, row.before_strict_share), real_if(checked, row.after_strict_share),
         count_if(checked, row.freed_features), count_if(checked, row.downgraded_features),
         checked ? StoreValue(std::string(to_string(row.result->report.overall))) : StoreValue(),
         row.error_kind ? StoreValue(row.error) : StoreValue()});
  }
  return t;
}

// The overlaps of both layers as one polygon layer (column side: before / after).
StorePolygons overlaps_layer(const ProvinceResult& result, const Crs& crs) {
  StorePolygons layer;
  layer.crs = crs;
  layer.table.name = "reserve_overlaps";
  using T = StoreType;
  layer.table.columns = {{"side", T::text},    {"reserve_a", T::text}, {"reserve_b", T::text},
                         {"area_m2", T::real}, {"lon_deg", T::real},   {"lat_deg", T::real}};
  for (const auto* list : {&result.before_overlaps, &result.after_overlaps})
    for (const auto& o : *list) {
      layer.table.rows.push_back({std::string(list == &result.before_overlaps ? "before" : "after"),
                                  o.reserve_a, o.reserve_b, o.area_m2, o.lon_deg, o.lat_deg});
      layer.geometries.push_back(o.geometry);
    }
  return layer;
}

}  // namespace

std::vector<std::string> write_province_results(const ProvinceResult& result,
                                                const std::string& destination,
                                                const std::string& run_id) {
  ResultStore store = ResultStore::open(destination, RunStamp{run_id, ""});
  std::vector<std::string> written;
  const Crs* crs = nullptr;
  for (const auto& row : result.reserves) {
    if (!row.result) continue;
    if (!crs) crs = &row.result->before.crs;
    store.set_reserve(row.reserve);
    const Ledger* ledger = row.result->conflicts ? &row.result->conflicts->ledger : nullptr;
    for (auto& t : write_check_results(row.result->report, ledger, store))  // the same per reserve
      if (std::find(written.begin(), written.end(), t) == written.end())
        written.push_back(std::move(t));
  }
  store.set_reserve("");
  store.write_table(province_store_table(result));
  written.push_back("reserve_province");
  if (crs) {
    store.write_polygons(overlaps_layer(result, *crs));
    written.push_back("reserve_overlaps");
  }
  store.commit();
  for (auto& n : written) n = io::mask_passwords(destination) + " " + n + " (run " + run_id + ")";
  return written;
}

}  // namespace reserve
