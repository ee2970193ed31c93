#include "check_conflicts.hpp"

namespace reserve::cli {

void add_check_conflict_options(CLI::App* cmd, CheckConflictArgs& a) {
  add_conflict_options(cmd, a.conflicts);
  add_ledger_options(cmd, a.ledger);
}

}  // namespace reserve::cli
