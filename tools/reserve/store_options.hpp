#pragma once
// `--out PG:…`: the options that stamp every row written to a database (reserve/result_store.hpp).
#include <CLI/CLI.hpp>
#include <string>

#include "reserve/result_store.hpp"

namespace reserve::cli {

struct StoreArgs {
  std::string run_id;        // empty: new_run_id()
  std::string reserve_name;  // empty: the command's default
};

// --run-id and --reserve-name.
void add_store_options(CLI::App* cmd, StoreArgs& a);

// The stamp: the given run id or a new one; the given reserve name or `default_reserve`.
RunStamp run_stamp(const StoreArgs& a, const std::string& default_reserve);

}  // namespace reserve::cli
