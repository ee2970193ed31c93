// The shared province options of `reserve ledger`, `reserve map` and `reserve overlay`.
#include "province_options.hpp"

#include <iostream>

#include "progress.hpp"

namespace reserve::cli {

void add_province_options(CLI::App* cmd, ProvinceArgs& a) {
  cmd->add_option("--reserve-field", a.reserve_field,
                  "Province mode: the attribute naming each feature's reserve (default: detected "
                  "as by `reserve check`; layers holding one reserve keep the single use)");
  cmd->add_option("--jobs", a.jobs,
                  "Province mode: reserves checked in parallel (default: all "
                  "cores)");
  cmd->add_flag("--quiet", a.quiet, "No progress on the terminal");
}

bool use_province_mode(const CheckRequest& request, const ProvinceArgs& a) {
  if (a.given()) return true;
  ProvinceRequest p;
  p.check = request;
  return !detect_reserve_field(p).empty();
}

ProvinceResult run_province(CheckRequest request, const ProvinceArgs& a) {
  ProvinceRequest p;
  p.check = std::move(request);
  p.reserve_field = a.reserve_field;
  p.jobs = a.jobs;
  ProvinceResult result;
  {
    Progress progress(!a.quiet);
    p.progress = progress.callback();
    result = run_province_check(p);
  }
  for (const auto& row : result.reserves)
    if (row.error_kind)
      std::cerr << "reserve: reserve '" << row.reserve << "' not checked: " << row.error << "\n";
  return result;
}

}  // namespace reserve::cli
