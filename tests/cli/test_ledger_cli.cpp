// `reserve ledger` and `reserve check` with conflict layers, as black boxes on the sample case
// in data/: files written, rows and assignments read back with Python's csv module, exceedance
// multiples against data/expected.json (ratio to the class I limit, computed by the generator).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "ledger/fixture_files.hpp"

namespace reserve {
namespace {

using test::run_shell;
using testing::fresh_dir;
using testing::quoted;

const std::string kCli = RESERVE_CLI_PATH;
const std::filesystem::path kData = std::filesystem::path(RESERVE_SOURCE_DIR) / "data";

nlohmann::json read_csv_with_python(const std::filesystem::path& csv) {
  const auto py = run_shell(
      "/usr/bin/python3 -c \"import csv,json,sys; "
      "r=list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''))); "
      "print(json.dumps(r, ensure_ascii=False))\" " +
      quoted(csv));
  EXPECT_EQ(py.exit_code, 0) << py.err;
  return nlohmann::json::parse(py.out);
}

std::string inputs() {
  return " --before " + quoted(kData / "baseline.gpkg") + " --after " +
         quoted(kData / "proposal.gpkg") + " --mining " + quoted(kData / "mining_rights.gpkg") +
         " --facilities " + quoted(kData / "facilities.csv") + " --monitoring " +
         quoted(kData / "monitoring.csv") + " --assignments " + quoted(kData / "assignments.csv");
}

TEST(LedgerCli, SampleCaseLedgerFilesRowsAndAssignments) {
  const auto out = fresh_dir("ledger-cli");
  const auto r = run_shell(kCli + " ledger" + inputs() + " --out " + quoted(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote"), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(out / "ledger.csv"));
  ASSERT_TRUE(std::filesystem::exists(out / "ledger.xlsx"));
  const auto rows = read_csv_with_python(out / "ledger.csv");
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& row : rows) by_id[row["问题编号 (problem id)"].get<std::string>()] = row;

  // The speech's concentrator: inside the experimental zone today, freed by the proposal.
  ASSERT_TRUE(by_id.count("F-XC01"));
  const auto& xc = by_id["F-XC01"];
  EXPECT_EQ(xc["调整前功能区 (zone before)"], "实验区");
  EXPECT_EQ(xc["调整后功能区 (zone after)"], "保护区外");
  EXPECT_EQ(xc["处置要求 (required action)"], "限期治理或搬迁");
  EXPECT_EQ(xc["整改时限 (deadline)"], "2026-06-30");  // from data/assignments.csv
  EXPECT_EQ(xc["责任单位 (responsible unit)"], "X县人民政府");
  EXPECT_EQ(xc["督办单位 (supervising unit)"], "X市生态环境局");
  // A mining right keyed by its licence number in the assignments.
  ASSERT_TRUE(by_id.count("F-C6200002009061120045117"));
  EXPECT_EQ(by_id["F-C6200002009061120045117"]["处置要求 (required action)"], "退出并生态修复");
  EXPECT_EQ(by_id["F-C6200002009061120045117"]["责任人 (responsible person)"],
            "X县自然资源局 周某");
  // Features outside the reserve before and after are not problems.
  EXPECT_FALSE(by_id.count("F-YL01"));
  EXPECT_FALSE(by_id.count("F-C6200002005112120027734"));  // MR08, 799 m outside

  // Water: one row per point and parameter, the worst sample; multiple = ratio − 1 where the
  // ratio C / limit comes from data/expected.json (GB 3838-2002 class I).
  std::ifstream ein(kData / "expected.json");
  const auto expected = nlohmann::json::parse(ein);
  int water_rows = 0;
  for (const auto& [point, info] : expected["monitoring"]["points"].items()) {
    for (const auto& param : info["exceeds_class_I"]) {
      const std::string id = "W-" + point + "-" + param.get<std::string>();
      ASSERT_TRUE(by_id.count(id)) << id;
      ++water_rows;
      const double ratio = info["max_ratio_to_class_I"][param.get<std::string>()].get<double>();
      char want[64];
      std::snprintf(want, sizeof want, "超标 %.2f 倍", ratio - 1.0);
      EXPECT_NE(by_id[id]["问题描述 (description)"].get<std::string>().find(want),
                std::string::npos)
          << id << ": " << by_id[id]["问题描述 (description)"];
    }
  }
  EXPECT_EQ(water_rows, 2 * 5 + 4 + 2);  // JC02, JC03 five each; JC04 four; JC05 two
}

TEST(LedgerCli, CheckWithConflictLayersRunsTheRuleAndWritesTheLedger) {
  const auto out = fresh_dir("check-conflicts");
  const auto r = run_shell(kCli + " check" + inputs() + " --out " + quoted(out) + " --json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& v : j["verdicts"]) {
    if (v["rule_id"] == "no-adjusting-instead-of-rectifying") {
      found = true;
      EXPECT_EQ(v["status"], "fail");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(std::filesystem::exists(out / "ledger.csv"));
  EXPECT_TRUE(std::filesystem::exists(out / "ledger.xlsx"));
  EXPECT_NE(r.out.find("conflicts"), std::string::npos);  // the report section
  // The ledger files are staged while the rules run and moved into place with the reports: no
  // temporary is left, and one thread writes the same ledger.
  for (const auto& e : std::filesystem::directory_iterator(out))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  const auto out1 = fresh_dir("check-conflicts-one-thread");
  const auto r1 = run_shell(kCli + " check" + inputs() + " --out " + quoted(out1) + " --jobs 1");
  EXPECT_EQ(r1.exit_code, 1) << r1.err;
  EXPECT_EQ(testing::read_bytes(out1 / "ledger.csv"), testing::read_bytes(out / "ledger.csv"));

  // Without conflict layers the rule is not evaluated (never a silent pass), and no ledger.
  const auto out2 = fresh_dir("check-plain");
  const auto r2 =
      run_shell(kCli + " check --before " + quoted(kData / "baseline.gpkg") + " --after " +
                quoted(kData / "proposal.gpkg") + " --out " + quoted(out2) + " --json");
  const auto j2 = nlohmann::json::parse(r2.out);
  for (const auto& v : j2["verdicts"])
    if (v["rule_id"] == "no-adjusting-instead-of-rectifying") {
      EXPECT_EQ(v["status"], "not_evaluated");
    }
  EXPECT_FALSE(std::filesystem::exists(out2 / "ledger.csv"));
}

// Issue 10.2: the baseline against itself passes every rule, but the only facility row has no
// coordinates: the rule that depends on it is INCOMPLETE, the overall too, and the exit code is 5
// (README), not 0. The ledger names the row.
TEST(LedgerCli, CheckOnPartialInputIsIncompleteAndExitsFive) {
  const auto out = fresh_dir("check-incomplete");
  testing::write_text(out / "one.csv", "编号,名称,类型,经度,纬度\nP1,甲电厂,Coal,,\n");
  const auto r = run_shell(kCli + " check --before " + quoted(kData / "baseline.gpkg") +
                           " --after " + quoted(kData / "baseline.gpkg") + " --facilities " +
                           quoted(out / "one.csv") + " --out " + quoted(out) + " --json");
  EXPECT_EQ(r.exit_code, 5) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["overall"], "incomplete");
  for (const auto& v : j["verdicts"])
    EXPECT_EQ(v["status"],
              v["rule_id"] == "no-adjusting-instead-of-rectifying" ? "incomplete" : "pass")
        << v["rule_id"];
  const auto& conflicts = j["extensions"]["conflicts"];
  ASSERT_EQ(conflicts["left_out"].size(), 1u);
  EXPECT_EQ(conflicts["layers"][0]["rows"], 1);
  EXPECT_EQ(conflicts["layers"][0]["used"], 0);
  EXPECT_NE(testing::read_bytes(out / "ledger.csv").find("未能使用的要素"), std::string::npos);
}

TEST(LedgerCli, BadInputsGiveUsageOrInputErrors) {
  const auto out = fresh_dir("ledger-cli-bad");
  EXPECT_EQ(run_shell(kCli + " ledger --before " + quoted(kData / "baseline.gpkg") + " --after " +
                      quoted(kData / "proposal.gpkg") + " --out " + quoted(out))
                .exit_code,
            2);
  const auto bad = out / "assign.csv";
  testing::write_text(bad, "责任单位\nX县\n");
  const auto r = run_shell(kCli + " ledger --before " + quoted(kData / "baseline.gpkg") +
                           " --after " + quoted(kData / "proposal.gpkg") + " --facilities " +
                           quoted(kData / "facilities.csv") + " --assignments " + quoted(bad) +
                           " --out " + quoted(out));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("问题编号"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out / "ledger.csv"));  // nothing half-written
}

}  // namespace
}  // namespace reserve
