#pragma once
// The conflicts part of `reserve check` (owned by the conflicts module): options for the conflict
// layers, monitoring and assignments; the overlay handed to the rule engine; the report section;
// the ledger files written next to the reports.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "conflict_inputs.hpp"
#include "reserve/report.hpp"
#include "reserve/rules.hpp"

namespace reserve::cli {

struct CheckConflictArgs {
  ConflictArgs conflicts;
  LedgerArgs ledger;
};

// --mining, --facilities (and their layer/category options), --monitoring, --assignments, ….
void add_check_conflict_options(CLI::App* cmd, CheckConflictArgs& a);

struct CheckConflicts {
  ConflictOverlay overlay;
  Ledger ledger;
  std::vector<Issue> issues;
  bool has_conflict_layers = false;  // false: only monitoring was given
  // What the rule engine gets: the overlay, or nullptr without conflict layers (the rule is then
  // not evaluated rather than passing on an empty feature set).
  const ConflictOverlay* rule_input() const noexcept {
    return has_conflict_layers ? &overlay : nullptr;
  }
};

// Loads the conflict layers into the zonings' working CRS and overlays them (areas with the
// profile's method); builds the ledger with the default actions and the profile's
// [[conflicts.decisions]] rows first. nullopt when no conflict layer or monitoring file is given.
std::optional<CheckConflicts> load_check_conflicts(const CheckConflictArgs& a, const Zoning& before,
                                                   const Zoning& after, const Profile& profile);

// The "conflicts" section of the reports: the overlay (JSON), a feature table and the ledger
// summary (Markdown, HTML).
ReportSection conflicts_section(const CheckConflicts& c);

// Writes ledger.csv and ledger.xlsx into `dir`; returns the paths.
std::vector<std::string> write_check_ledger(const CheckConflicts& c, const std::string& dir);

}  // namespace reserve::cli
