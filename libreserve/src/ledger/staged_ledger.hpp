#pragma once
// The ledger files written into temporaries beside their targets, not yet in place
// (core/atomic_file.hpp). write_ledger_csv / write_ledger_xlsx stage and commit at once; a check
// stages early, while its rules still run, and the caller commits with the reports.
#include <string>

#include "core/atomic_file.hpp"
#include "reserve/ledger.hpp"

namespace reserve {

atomic::StagedFile stage_ledger_csv(const Ledger& ledger, const std::string& path);
atomic::StagedFile stage_ledger_xlsx(const Ledger& ledger, const std::string& path);

}  // namespace reserve
