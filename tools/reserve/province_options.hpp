#pragma once
// Province mode for `reserve ledger`, `reserve map` and `reserve overlay`: --reserve-field, or
// zoning layers that hold several reserves (detected as `reserve check` does), switch them to the
// province's outputs.
#include <CLI/CLI.hpp>
#include <string>

#include "reserve/province.hpp"

namespace reserve::cli {

struct ProvinceArgs {
  std::string reserve_field;
  unsigned jobs = 0;
  bool quiet = false;
  bool given() const noexcept { return !reserve_field.empty(); }
};

// --reserve-field, --jobs, --quiet.
void add_province_options(CLI::App* cmd, ProvinceArgs& a);

// True when --reserve-field is given or the zonings of `request` hold several reserves.
bool use_province_mode(const CheckRequest& request, const ProvinceArgs& a);

// The province check of `request` (progress on a terminal unless --quiet); prints the reserves
// that could not be checked.
ProvinceResult run_province(CheckRequest request, const ProvinceArgs& a);

}  // namespace reserve::cli
