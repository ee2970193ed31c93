// `reserve ledger`: the rectification ledger (整改台账) — one row per problem (conflict feature in
// the reserve, water-quality exceedance) with its required action and the assignments — written
// as ledger.csv and ledger.xlsx.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "conflict_inputs.hpp"
#include "output_guard.hpp"
#include "province_options.hpp"
#include "reserve/error.hpp"
#include "reserve/result_store.hpp"
#include "store_options.hpp"

namespace reserve::cli {
namespace {

struct LedgerCommandArgs {
  ZoningArgs zoning;
  ConflictArgs conflicts;
  LedgerArgs ledger;
  std::string out_dir = ".";
  StoreArgs store;        // --out PG:…: the stamp of every row
  ProvinceArgs province;  // --reserve-field: one ledger over a province's reserves
};

// Province mode: every reserve checked (the ledger's 以调代改 column follows the rule), one ledger
// with a reserve column: province_ledger.csv / .xlsx.
void run_province_ledger(const LedgerCommandArgs& a) {
  CheckRequest r = zoning_request(a.zoning);
  r.conflicts = a.conflicts;
  r.ledger = a.ledger;
  if (!a.zoning.area_method.empty()) r.area_method = area_method_from_string(a.zoning.area_method);
  const ProvinceResult result = run_province(std::move(r), a.province);
  const ProvinceTable table = province_ledger_table(result);
  const std::string csv = (std::filesystem::path(a.out_dir) / "province_ledger.csv").string();
  const std::string xlsx = (std::filesystem::path(a.out_dir) / "province_ledger.xlsx").string();
  write_province_csv(table, csv);
  write_province_xlsx(table, xlsx);
  std::cout << "Province ledger: " << table.rows.size() << " problem(s) over "
            << result.reserves.size() << " reserve row(s)\n  wrote " << csv << "\n  wrote " << xlsx
            << "\n";
  command_exit_code() = 0;
}

// `--out PG:…`: the ledger as the table reserve_ledger (one transaction).
std::vector<std::string> write_ledger_to_database(const Ledger& ledger, const LedgerCommandArgs& a,
                                                  const Zoning& before) {
  const RunStamp stamp =
      run_stamp(a.store, before.sources.empty() ? std::string() : before.sources.front().layer);
  ResultStore store = ResultStore::open(a.out_dir, stamp);
  store.write_table(ledger_store_table(ledger));
  store.commit();
  return {"reserve_ledger (run " + stamp.run_id + ")"};
}

void run_ledger(const LedgerCommandArgs& a) {
  if (a.conflicts.mining.empty() && a.conflicts.facilities.empty() && a.ledger.monitoring.empty())
    throw UsageError(
        "give --mining, --facilities and/or --monitoring: the ledger lists their "
        "problems");
  std::vector<std::string> planned;
  for (const char* name :
       {"ledger.csv", "ledger.xlsx", "province_ledger.csv", "province_ledger.xlsx"})
    planned.push_back((std::filesystem::path(a.out_dir) / name).string());
  guard_outputs(planned, input_files(a.zoning, a.conflicts, &a.ledger));
  if (use_province_mode(zoning_request(a.zoning), a.province)) return run_province_ledger(a);
  const LoadedZonings z = load_zonings(a.zoning);
  FeatureSet features = load_conflict_features(a.conflicts, z.before.crs);
  std::vector<Issue> issues = features.issues;
  const ConflictOverlay c = make_conflict_overlay(std::move(features), z.before, z.after,
                                                  overlay_options(a.conflicts, a.zoning));
  const auto exceedances = load_exceedances(a.ledger, z.before.crs, issues);
  const Ledger ledger = make_ledger(c, exceedances, a.ledger, nullptr, issues);
  print_issues(issues, "the inputs");
  const auto paths = is_database_destination(a.out_dir)
                         ? write_ledger_to_database(ledger, a, z.before)
                         : write_ledger_files(ledger, a.out_dir);
  std::size_t flagged = 0;
  for (const auto& r : ledger.rows) flagged += r.adjusting_instead_of_rectifying ? 1 : 0;
  std::cout << "Ledger: " << ledger.rows.size() << " problem(s) ("
            << (ledger.rows.size() - exceedances.size()) << " conflict feature(s), "
            << exceedances.size() << " water exceedance(s)); " << flagged
            << " adjusting instead of rectifying; " << c.features.skipped_count
            << " feature row(s) skipped\n";
  for (const auto& p : paths) std::cout << "  wrote " << p << "\n";
  command_exit_code() = 0;
}

}  // namespace

void add_ledger_command(CLI::App& app) {
  auto args = std::make_shared<LedgerCommandArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ledger",
      "Write the rectification ledger (整改台账): one row per problem with location, zones\n"
      "before/after, description, required action and legal basis, and the assignment fields\n"
      "(target, deadline, responsible unit/leader/person, supervising unit, measures, status).\n"
      "Writes ledger.csv (UTF-8 with BOM) and ledger.xlsx into --out.\n"
      "Exit 0 written, 2 usage error, 3 input error.");
  add_zoning_options(cmd, args->zoning);
  add_conflict_options(cmd, args->conflicts);
  add_ledger_options(cmd, args->ledger);
  cmd->add_option("--out", args->out_dir,
                  "Output directory (default: current directory), or a database connection "
                  "'PG:dbname=… host=…' to append the ledger to the table reserve_ledger");
  add_store_options(cmd, args->store);
  add_province_options(cmd, args->province);
  cmd->callback([args] { run_ledger(*args); });
}

}  // namespace reserve::cli
