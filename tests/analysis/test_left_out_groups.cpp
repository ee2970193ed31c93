// Issue 14.3: a conflict layer with many unusable rows lists the first 20 rows of each (file,
// issue code) in full and then one grouped entry with the exact number of rows and their
// spreadsheet row numbers as ranges; every count stays exact. The expected rows and counts follow
// from how the CSV files below are built (header = row 1, data row i = row i + 1).
#include <gtest/gtest.h>

#include <string>

#include "analysis/left_out_groups.hpp"
#include "ledger/fixture_files.hpp"
#include "reserve/features.hpp"

namespace reserve {
namespace {

using testing::fresh_dir;
using testing::write_text;

std::string rows(int n, const std::string& line) {
  std::string s;
  for (int i = 0; i < n; ++i) s += line;
  return s;
}

const LeftOutFeature* grouped(const FeatureSet& set, const std::string& file, IssueCode code) {
  for (const auto& l : set.left_out)
    if (l.rows > 1 && l.where.file.ends_with(file) && l.code == code) return &l;
  return nullptr;
}

TEST(LeftOutGroups, FirstTwentyPerFileAndCodeThenOneGroupWithExactCountAndRanges) {
  const auto dir = fresh_dir("left-out-groups");
  const std::string header = "编号,名称,类别,经度,纬度\n";
  const std::string bad = "1,某尾矿库,尾矿库,abc,xyz\n";     // bad-coordinate
  const std::string missing = "2,某尾矿库,尾矿库,105.1,\n";  // missing-coordinate
  const std::string good = "3,某尾矿库,尾矿库,105.1,36.1\n";
  // a.csv: rows 2–31 bad, 32 good, 33–57 bad (55 bad-coordinate: rows 2–21 listed, 35 grouped
  // as rows 22–31, 33–57), rows 58–80 missing (23: 58–77 listed, 3 grouped as 78–80), 81 good.
  write_text(dir / "a.csv",
             header + rows(30, bad) + good + rows(25, bad) + rows(23, missing) + good);
  // b.csv: rows 2–23 bad (22: 2–21 listed, 2 grouped as rows 22, 23): the same code as in a.csv
  // but another file, so its own group.
  write_text(dir / "b.csv", header + rows(22, bad));
  const Crs working = Crs::from_epsg(4544);
  FeatureOptions o;
  o.path = (dir / "a.csv").string();
  FeatureSet set = load_features(o, working);
  ASSERT_EQ(set.features.size(), 2u);
  EXPECT_EQ(set.skipped_count, 78u);  // 55 + 23
  EXPECT_EQ(set.sources.at(0).left_out(), 78u);
  EXPECT_EQ(set.left_out.size(), 42u);  // 20 + 1 group, 20 + 1 group
  o.path = (dir / "b.csv").string();
  append(set, load_features(o, working));

  EXPECT_EQ(set.skipped_count, 100u);  // 55 + 23 + 22
  EXPECT_EQ(rows_left_out(set.left_out), 100u);
  EXPECT_EQ(set.left_out.size(), 63u);  // 42 + 20 + 1 group

  const auto* a_bad = grouped(set, "a.csv", IssueCode::bad_coordinate);
  ASSERT_NE(a_bad, nullptr);
  EXPECT_EQ(a_bad->rows, 35u);
  EXPECT_EQ(a_bad->where.feature, "rows 22–31, 33–57");
  EXPECT_EQ(a_bad->reason,
            "35 more rows of a.csv could not be used for the same reason (bad-coordinate): rows "
            "22–31, 33–57");
  const auto* a_missing = grouped(set, "a.csv", IssueCode::missing_coordinate);
  ASSERT_NE(a_missing, nullptr);
  EXPECT_EQ(a_missing->rows, 3u);
  EXPECT_EQ(a_missing->where.feature, "rows 78–80");
  const auto* b_bad = grouped(set, "b.csv", IssueCode::bad_coordinate);
  ASSERT_NE(b_bad, nullptr);
  EXPECT_EQ(b_bad->rows, 2u);
  EXPECT_EQ(b_bad->where.feature, "rows 22, 23");

  // The listed rows are the first 20 of each (file, code), named by their spreadsheet row.
  int listed_a_bad = 0;
  for (const auto& l : set.left_out)
    if (l.rows == 1 && l.where.file.ends_with("a.csv") && l.code == IssueCode::bad_coordinate) {
      EXPECT_EQ(l.where.feature, "row " + std::to_string(2 + listed_a_bad));
      ++listed_a_bad;
    }
  EXPECT_EQ(listed_a_bad, 20);
  // One issue per listed row and one per group (plus the CSV CRS notes, which are not rows).
  int skipped_issues = 0;
  for (const auto& i : set.issues)
    if (i.code == IssueCode::bad_coordinate || i.code == IssueCode::missing_coordinate)
      ++skipped_issues;
  EXPECT_EQ(skipped_issues, 63);
}

TEST(LeftOutGroups, RowRangesAreCompactAndCapped) {
  // Hand-written ranges: a single row, a pair, a run.
  EXPECT_EQ(analysis::format_row_ranges({{5, 5}, {7, 8}, {10, 20}}), "5, 7, 8, 10–20");
  EXPECT_EQ(analysis::format_row_ranges({{1, 1}, {3, 3}, {5, 5}}, 2), "1, 3 … and 1 more ranges");
}

}  // namespace
}  // namespace reserve
