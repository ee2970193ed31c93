#pragma once
// Province mode for `reserve ledger` and `reserve map`: --reserve-field switches them to layers
// holding many reserves (`reserve check` also detects the field; see province_output.hpp).
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

// The province check of `request` (progress on a terminal unless --quiet); prints the reserves
// that could not be checked.
ProvinceResult run_province(CheckRequest request, const ProvinceArgs& a);

}  // namespace reserve::cli
