#pragma once
// Results as plain tables and polygon layers, written to one GDAL datasource: a PostGIS database
// (`PG:dbname=… host=…`, GDAL's connection-string syntax, `active_schema=…` to choose a schema)
// that a province's analysts share, or a GeoPackage file. Every row carries the run's id and the
// reserve's name (columns run_id, reserve) so that many runs and analysts append to the same
// tables; everything a store writes is one transaction: committed together, or, when anything
// fails or commit() is never reached, nothing at all.
//
// Any result that can be laid out as "columns and rows" (and, for a layer, one polygon per row)
// goes through this: `reserve check --out PG:…` (write_check_results), and, in a few lines, other
// tables such as a province summary:
//
//   reserve::ResultStore store = reserve::ResultStore::open("PG:dbname=reserves", {run_id, ""});
//   for (const auto& r : reserves) {   // province mode: every reserve in the same transaction
//     store.set_reserve(r.name);
//     reserve::write_check_results(r.report, &r.ledger, store);
//   }
//   store.set_reserve("");
//   store.write_table(province_table);  // StoreTable{name, columns, rows}
//   store.commit();
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"

namespace reserve {

struct Report;
struct Ledger;

enum class StoreType { text, integer, real };

struct StoreColumn {
  std::string name;  // lower-case snake_case (a database identifier needs no quoting)
  StoreType type = StoreType::text;
};

// One cell: NULL, text (UTF-8), integer or real, matching its column's type.
using StoreValue = std::variant<std::monostate, std::string, std::int64_t, double>;

struct StoreTable {
  std::string name;  // table (database) or layer (GeoPackage) name, e.g. "reserve_verdicts"
  std::vector<StoreColumn> columns;
  std::vector<std::vector<StoreValue>> rows;  // each in column order
};

// A polygon layer: a table whose row i has the polygon geometries[i], in `crs`.
struct StorePolygons {
  StoreTable table;
  Crs crs;
  std::vector<MultiPolygon> geometries;
};

// Written as the first two columns of every table: which run, which reserve. An empty run_id
// writes neither column (a file of its own, e.g. evidence.gpkg, needs no stamp).
struct RunStamp {
  std::string run_id;   // e.g. new_run_id(); unique per run
  std::string reserve;  // the reserve's name; may be empty
};

// "20261130T181502Z-4f3a9c0e": UTC time of the call and 32 random bits (sorts by time, and two
// analysts starting in the same second still differ).
RESERVE_API std::string new_run_id();

// True when `destination` is a GDAL connection string (e.g. "PG:dbname=reserves") rather than a
// folder or file path.
RESERVE_API bool is_database_destination(const std::string& destination);

class RESERVE_API ResultStore {
 public:
  // Opens `destination` for update — a connection string, or a .gpkg file path (created when
  // missing) — and starts a transaction. Throws InputError naming the destination (a password
  // masked) when it cannot be opened or does not support transactions.
  static ResultStore open(const std::string& destination, RunStamp stamp);

  // Appends the rows to the table, creating it when it does not exist (run_id and reserve first
  // when the stamp has a run id). An existing table must have every column (InputError naming
  // the missing one otherwise; choose another schema, e.g. `active_schema=…`). A polygon layer
  // also needs a geometry column; its geometries are written as MultiPolygon with the CRS.
  void write_table(const StoreTable& table);
  void write_polygons(const StorePolygons& layer);

  // The reserve name of the rows written from now on (province mode: one store and run id,
  // the reserves one after another, all committed together).
  void set_reserve(const std::string& reserve);

  // Commits everything written; afterwards the store accepts no more writes. Without commit()
  // the destructor rolls the transaction back.
  void commit();

  ~ResultStore();
  ResultStore(ResultStore&&) noexcept;
  ResultStore& operator=(ResultStore&&) noexcept;

 private:
  struct Impl;
  explicit ResultStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The ledger as the table reserve_ledger: one row per problem, snake_case columns (problem_id,
// feature_id, category, …, lon_deg/lat_deg and easting_m/northing_m as numbers, status).
RESERVE_API StoreTable ledger_store_table(const Ledger& ledger);

// The tables of one check (`reserve check --out PG:…`), in one transaction: reserve_runs (one
// row: overall result, profile, area method, working CRS, command line, the JSON report),
// reserve_verdicts (one row per rule), reserve_zone_areas (per zone, strict land and total:
// before/after m² and shares), reserve_ledger (when `ledger` is given) and the evidence layers
// reserve_evidence_{removed,added,downgraded,upgraded,noise} (the fields of evidence.gpkg).
// Returns the names of the tables written, as "destination table" with any password masked.
RESERVE_API std::vector<std::string> write_check_results(const Report& report, const Ledger* ledger,
                                                         const std::string& destination,
                                                         const RunStamp& stamp);
// The same tables into an open store, not committed: the caller adds more (the next reserve's
// results, a province table) and commits once. Returns the table names.
RESERVE_API std::vector<std::string> write_check_results(const Report& report, const Ledger* ledger,
                                                         ResultStore& store);

}  // namespace reserve
