#pragma once
// `reserve check` in province mode: the province files in --out and the summary on stdout.
#include <string>

#include "reserve/province.hpp"
#include "store_options.hpp"

namespace reserve::cli {

struct ProvinceOutputArgs {
  std::string out;
  std::string formats;  // "" or "json,md,html,gpkg,csv,xlsx,map"
  bool formats_given = false;
  bool json = false;   // province.json on stdout instead of the summary
  bool quiet = false;  // no summary
  bool no_reports = false;
  bool per_reserve_reports = false;
  StoreArgs store;  // --out PG:…: the run id of every row
};

// Writes the files, prints the summary (or the JSON) and sets the exit code.
void finish_province(const ProvinceResult& result, const ProvinceOutputArgs& args);

}  // namespace reserve::cli
