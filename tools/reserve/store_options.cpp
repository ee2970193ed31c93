#include "store_options.hpp"

namespace reserve::cli {

void add_store_options(CLI::App* cmd, StoreArgs& a) {
  cmd->add_option("--run-id", a.run_id,
                  "With --out PG:…: the run id written in every row (default: UTC time + random)");
  cmd->add_option("--reserve-name", a.reserve_name,
                  "With --out PG:…: the reserve name written in every row (default: the "
                  "report title, else the baseline's layer name)");
}

RunStamp run_stamp(const StoreArgs& a, const std::string& default_reserve) {
  return RunStamp{a.run_id.empty() ? new_run_id() : a.run_id,
                  a.reserve_name.empty() ? default_reserve : a.reserve_name};
}

}  // namespace reserve::cli
