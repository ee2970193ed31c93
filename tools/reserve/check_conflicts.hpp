#pragma once
// The command-line options of the conflicts part of `reserve check` (the work itself is the
// library's load_check_conflicts, reserve/check.hpp).
#include <CLI/CLI.hpp>

#include "conflict_inputs.hpp"

namespace reserve::cli {

struct CheckConflictArgs {
  ConflictArgs conflicts;
  LedgerArgs ledger;
};

// --mining, --facilities (and their layer/category options), --monitoring, --assignments, ….
void add_check_conflict_options(CLI::App* cmd, CheckConflictArgs& a);

}  // namespace reserve::cli
