// The rectification ledger: rows for conflict features and water exceedances, descriptions,
// required actions, assignments; CSV (BOM, CRLF, quoting) read back by hand and by Python's csv
// module, XLSX read back by openpyxl (Debian's /usr/bin/python3) — independent readers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis/zoning_fixtures.hpp"
#include "ledger/fixture_files.hpp"
#include "reserve/check.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

using testing::fresh_dir;
using testing::rect;

// What a /usr/bin/python3 one-liner prints as JSON about `file` (sys.argv[1]); null on failure.
nlohmann::json python_json(const std::string& script, const std::filesystem::path& file) {
  const auto run =
      test::run_shell("/usr/bin/python3 -c \"" + script + "\" " + testing::quoted(file));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 ? nlohmann::json::parse(run.out) : nlohmann::json();
}

ConflictOverlay sample_overlay() {
  const auto [before, after] = testing::carved_experimental();
  FeatureSet set;
  set.crs = testing::test_crs();
  ConflictFeature pond;
  pond.id = "T1";
  pond.name = "某铅锌矿尾矿库, \"北\"库";  // comma and quotes: CSV quoting
  pond.category = FeatureCategory::tailings_pond;
  pond.treatment = "等待调整";
  pond.geometry = Geometry::from(rect(2500, 100, 2600, 200));
  set.features.push_back(pond);
  ConflictFeature plant;
  plant.id = "F1";
  plant.name = "某选矿厂";
  plant.category = FeatureCategory::concentrator;
  plant.geometry = Geometry::from(Point{testing::kX0 + 1500, testing::kY0 + 500});
  set.features.push_back(plant);
  ConflictFeature far;
  far.id = "F9";
  far.name = "区外工厂";
  far.category = FeatureCategory::industrial;
  far.geometry = Geometry::from(Point{testing::kX0 + 5000, testing::kY0 + 500});
  set.features.push_back(far);
  OverlayOptions o;
  o.area_method = AreaMethod::planar;
  return make_conflict_overlay(std::move(set), before, after, o);
}

std::vector<Exceedance> sample_exceedances() {
  Exceedance e;
  e.sample_id = "S2";
  e.sample_name = "渣场渗滤液";
  e.kind = SampleKind::discharge;
  e.location = {testing::kX0 + 2000, testing::kY0 + 300};
  e.parameter = "Cd";
  e.parameter_zh = "总镉";
  e.concentration_mg_l = 0.35;
  e.limit_mg_l = 0.05;
  e.standard = "GB 25466-2010";
  e.level = "new";
  e.limit_confirmed = false;
  e.multiple = 6.0;
  return {e};
}

TEST(Ledger, RowsActionsDescriptionsAndAssignments) {
  const auto dir = fresh_dir("ledger");
  testing::write_text(dir / "assign.csv",
                      "问题编号,整改目标,整改时限,责任单位,责任领导,责任人,督办单位,整改措施,状态\n"
                      "F-T1,完成尾矿库闭库,2026-12-31,某县人民政府,张副县长,李局长,市林草局,"
                      "\"搬迁, 生态修复\",open\n"
                      "F1,,2027-06-30,某企业,,王经理,市生态环境局,限期治理,销号\n");
  const Assignments assignments = read_assignments((dir / "assign.csv").string());
  const ConflictOverlay c = sample_overlay();
  const Ledger ledger = build_ledger(c, sample_exceedances(), &assignments, LedgerOptions{});
  ASSERT_EQ(ledger.rows.size(), 3u);  // pond, plant, exceedance; the far factory is not listed

  const LedgerRow& pond = ledger.rows[0];
  EXPECT_EQ(pond.problem_id, "F-T1");
  EXPECT_EQ(pond.zone_before, "实验区");
  EXPECT_EQ(pond.zone_after, "保护区外");
  EXPECT_TRUE(pond.adjusting_instead_of_rectifying);
  EXPECT_EQ(pond.action_zh, "限期治理或搬迁");  // experimental × tailings pond
  EXPECT_NE(pond.basis.find("第三十二条"), std::string::npos);
  EXPECT_NE(pond.description_zh.find("以调代改"), std::string::npos);
  EXPECT_NE(pond.description_zh.find("1.00 公顷"), std::string::npos);  // 100 × 100 m, hand
  EXPECT_EQ(pond.assignment.responsible_leader, "张副县长");
  EXPECT_EQ(pond.assignment.measures, "搬迁, 生态修复");
  EXPECT_EQ(pond.status, "open");
  // Location: plane coordinates of a point inside the pond; lon/lat near CM 105°E.
  ASSERT_TRUE(pond.lon_deg.has_value());
  EXPECT_NEAR(*pond.lon_deg, 105.0, 0.1);
  EXPECT_NEAR(*pond.lat_deg, 36.1, 0.2);

  const LedgerRow& plant = ledger.rows[1];
  EXPECT_EQ(plant.feature_id, "F1");
  EXPECT_EQ(plant.zone_before, "实验区");
  EXPECT_EQ(plant.status, "closed");  // 销号, keyed by the feature id
  EXPECT_EQ(plant.assignment.deadline, "2027-06-30");
  EXPECT_NE(plant.description_zh.find("区内"), std::string::npos);
  // The nearest reserve boundary of (1500, 500) is y = 0 or y = 1000: 500 m, by hand.
  EXPECT_NE(plant.description_zh.find("500.0 米"), std::string::npos);

  const LedgerRow& water = ledger.rows[2];
  EXPECT_EQ(water.problem_id, "W-S2-Cd");
  EXPECT_NE(water.description_zh.find("超标 6.00 倍"), std::string::npos);
  EXPECT_NE(water.description_zh.find("未经标准原文核实"), std::string::npos);
}

TEST(Ledger, CsvAndXlsxReadBackWithChineseIntact) {
  const auto dir = fresh_dir("ledger-files");
  const ConflictOverlay c = sample_overlay();
  const Ledger ledger = build_ledger(c, sample_exceedances(), nullptr, LedgerOptions{});
  const auto csv = dir / "ledger.csv";
  const auto xlsx = dir / "ledger.xlsx";
  write_ledger_csv(ledger, csv.string());
  write_ledger_xlsx(ledger, xlsx.string());
  // No temporary files left behind.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 2);

  // By hand: BOM, CRLF, the quoted name.
  const std::string bytes = testing::read_bytes(csv);
  ASSERT_GE(bytes.size(), 3u);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("问题编号 (problem id),"), std::string::npos);
  EXPECT_NE(bytes.find("\r\n"), std::string::npos);
  EXPECT_EQ(bytes.find("\n", bytes.find("\r\n") + 2) - 1,
            bytes.find("\r\n", bytes.find("\r\n") + 2));
  EXPECT_NE(bytes.find("\"某铅锌矿尾矿库, \"\"北\"\"库\""), std::string::npos);

  // Python's csv module (utf-8-sig strips the BOM).
  const auto rows = python_json(
      "import csv,json,sys; "
      "rows=list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))); "
      "print(json.dumps(rows, ensure_ascii=False))",
      csv);
  ASSERT_EQ(rows.size(), 4u);  // header + 3 problems
  EXPECT_EQ(rows[0][0], "问题编号 (problem id)");
  EXPECT_EQ(rows[1][3], "某铅锌矿尾矿库, \"北\"库");
  EXPECT_EQ(rows[1][9], "实验区");
  EXPECT_EQ(rows[1][16], "是");
  EXPECT_EQ(rows[3][0], "W-S2-Cd");
  EXPECT_EQ(rows[0].size(), ledger_headers().size());

  // openpyxl: cell values, frozen header.
  const auto x = python_json(
      "import json,sys,openpyxl; "
      "ws=openpyxl.load_workbook(sys.argv[1]).active; "
      "print(json.dumps({'title': ws.title, 'freeze': ws.freeze_panes, "
      "'a1': ws['A1'].value, 'bold': ws['A1'].font.b, 'd2': ws['D2'].value, "
      "'e2': ws['E2'].value, 'g2': ws['G2'].value, 'h2': ws['H2'].value, 'j2': ws['J2'].value, "
      "'a4': ws['A4'].value, 'rows': ws.max_row}, ensure_ascii=False))",
      xlsx);
  EXPECT_EQ(x["title"], "整改台账");
  EXPECT_EQ(x["freeze"], "A2");
  EXPECT_EQ(x["a1"], "问题编号 (problem id)");
  EXPECT_EQ(x["bold"], true);
  EXPECT_EQ(x["d2"], "某铅锌矿尾矿库, \"北\"库");
  EXPECT_EQ(x["j2"], "实验区");
  EXPECT_EQ(x["a4"], "W-S2-Cd");
  EXPECT_EQ(x["rows"], 4);
  ASSERT_TRUE(x["e2"].is_number());
  EXPECT_NEAR(x["e2"].get<double>(), *ledger.rows[0].lon_deg, 1e-12);
  // Column G is X in the Chinese surveying sense: the northing (the row's y_m); H is the easting.
  EXPECT_NEAR(x["g2"].get<double>(), *ledger.rows[0].y_m, 1e-6);
  EXPECT_NEAR(x["h2"].get<double>(), *ledger.rows[0].x_m, 1e-6);

  // Every cell of the workbook (streamed with inline strings) is the CSV's cell: text equal, the
  // coordinate columns E–H equal as numbers (the CSV rounds them; 1e-6 of a degree or metre).
  const auto cells = python_json(
      "import json,sys,openpyxl; "
      "ws=openpyxl.load_workbook(sys.argv[1]).active; "
      "print(json.dumps([[c.value for c in r] for r in ws.iter_rows()], ensure_ascii=False))",
      xlsx);
  ASSERT_EQ(cells.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ASSERT_EQ(cells[r].size(), rows[r].size()) << "row " << r;
    for (std::size_t col = 0; col < rows[r].size(); ++col) {
      const std::string csv_cell = rows[r][col].get<std::string>();
      if (cells[r][col].is_number())
        EXPECT_NEAR(cells[r][col].get<double>(), std::stod(csv_cell), 1e-6) << r << "," << col;
      else if (cells[r][col].is_null())
        EXPECT_EQ(csv_cell, "") << r << "," << col;
      else
        EXPECT_EQ(cells[r][col].get<std::string>(), csv_cell) << r << "," << col;
    }
  }
}

// Staged ledger files (check.hpp): nothing at the targets until commit(), the same CSV bytes as
// write_ledger_files, and no file at all when dropped uncommitted.
TEST(Ledger, StagedFilesAppearOnlyWhenCommitted) {
  const ConflictOverlay c = sample_overlay();
  const Ledger ledger = build_ledger(c, sample_exceedances(), nullptr, LedgerOptions{});
  auto names_in = [](const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  };
  const auto direct = fresh_dir("ledger-direct");
  write_ledger_files(ledger, direct.string());

  const auto dir = fresh_dir("ledger-staged");
  {
    StagedLedgerFiles staged = stage_ledger_files(ledger, dir.string());
    EXPECT_FALSE(std::filesystem::exists(dir / "ledger.csv"));
    EXPECT_FALSE(std::filesystem::exists(dir / "ledger.xlsx"));
    EXPECT_EQ(names_in(dir).size(), 2u);  // the two temporaries
    StagedLedgerFiles moved = std::move(staged);
    const std::vector<std::string> paths = moved.commit();
    ASSERT_EQ(paths.size(), 2u);
    EXPECT_EQ(paths[0], (dir / "ledger.csv").string());
    EXPECT_EQ(paths[1], (dir / "ledger.xlsx").string());
    EXPECT_TRUE(moved.commit().empty());  // once
  }
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"ledger.csv", "ledger.xlsx"}));
  EXPECT_EQ(testing::read_bytes(dir / "ledger.csv"), testing::read_bytes(direct / "ledger.csv"));
  EXPECT_GT(std::filesystem::file_size(dir / "ledger.xlsx"), 0u);

  const auto dropped = fresh_dir("ledger-dropped");
  { const StagedLedgerFiles staged = stage_ledger_files(ledger, dropped.string()); }
  EXPECT_TRUE(names_in(dropped).empty());
}

TEST(Ledger, AssignmentsWithoutKeyColumnAreAnInputError) {
  const auto dir = fresh_dir("assign-bad");
  testing::write_text(dir / "a.csv", "责任单位,责任人\n某县,张三\n");
  EXPECT_THROW(read_assignments((dir / "a.csv").string()), InputError);
  // GBK-encoded file is decoded.
  testing::write_text(
      dir / "gbk.csv",
      "\xCE\xCA\xCC\xE2\xB1\xE0\xBA\xC5,\xD4\xF0\xC8\xCE\xC8\xCB\nF-T1,\xD5\xC5\xC8\xFD\n");
  const Assignments a = read_assignments((dir / "gbk.csv").string());  // 问题编号,责任人 / 张三
  ASSERT_NE(a.find("F-T1", ""), nullptr);
  EXPECT_EQ(a.find("F-T1", "")->responsible_person, "张三");
}

// Issue 13.5: a ledger column left empty is said, with the rows. A sample at E = 1e30 m has no
// longitude/latitude in the working CRS (the inverse Gauss–Krüger projection gives inf there:
// pyproj 4544→4490 of (1e30, 3736000) is (inf, inf)); the other rows keep theirs.
TEST(Ledger, LonLatThatCannotBeComputedIsAnIssueNamingTheRow) {
  std::vector<Exceedance> far = sample_exceedances();
  far[0].location.x = 1e30;
  const Ledger ledger = build_ledger(sample_overlay(), far, nullptr, LedgerOptions{});
  ASSERT_EQ(ledger.rows.size(), 3u);
  EXPECT_TRUE(ledger.rows[0].lon_deg.has_value());
  EXPECT_FALSE(ledger.rows[2].lon_deg.has_value());
  ASSERT_EQ(ledger.issues.size(), 1u);
  const Issue& issue = ledger.issues[0];
  EXPECT_EQ(issue.code, IssueCode::transform_failed);
  EXPECT_EQ(issue.severity, Severity::warning);
  EXPECT_NE(issue.message.find("longitude/latitude"), std::string::npos) << issue.message;
  EXPECT_NE(issue.message.find(ledger.rows[2].problem_id), std::string::npos) << issue.message;
  EXPECT_EQ(issue.message.find(ledger.rows[0].problem_id), std::string::npos) << issue.message;
}

// A user decision table whose only row gives no basis: the conflict rows' 依据 cells say so
// instead of staying blank; the water row's basis comes from its standard.
TEST(Ledger, MissingLegalBasisIsSaidInTheCell) {
  LedgerOptions o;
  o.actions = ActionTable::from_toml(
      "[[required_actions]]\nzones = [\"core\", \"buffer\", \"experimental\"]\n"
      "action = \"close\"\n",
      "user.toml");
  const Ledger ledger = build_ledger(sample_overlay(), sample_exceedances(), nullptr, o);
  ASSERT_EQ(ledger.rows.size(), 3u);
  for (std::size_t i : {0u, 1u})
    EXPECT_NE(ledger.rows[i].basis.find("the decision table gives no legal basis"),
              std::string::npos)
        << ledger.rows[i].basis;
  EXPECT_NE(ledger.rows[2].basis.find("第三十二条"), std::string::npos) << ledger.rows[2].basis;
}

// The sample case's ledger has every column filled: no issue.
TEST(Ledger, FilledColumnsRaiseNoIssue) {
  const Ledger ledger =
      build_ledger(sample_overlay(), sample_exceedances(), nullptr, LedgerOptions{});
  EXPECT_TRUE(ledger.issues.empty());
}

}  // namespace
}  // namespace reserve
