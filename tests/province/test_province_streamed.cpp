// Province mode with keep_results false (what `reserve check` uses for the province files): each
// reserve's report.json text is spooled to a temporary file at check time and the row keeps a
// slim result. The expectation is the straightforward in-memory run (keep_results true) on the
// synthetic province of province_fixture.hpp, which has matched, merged, split, added and
// removed reserves and a cross-reserve overlap in both layers: every province output must be the
// same text, for one thread and for several.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "province/province_fixture.hpp"
#include "province/province_json.hpp"
#include "province/report_spool.hpp"
#include "reserve/province.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

class ProvinceStreamed : public ::testing::Test {
 protected:
  void SetUp() override {
    test::write_layer(dir_.file("before.gpkg"), test::province_layer(test::province_before()));
    test::write_layer(dir_.file("after.gpkg"), test::province_layer(test::province_after()));
    test::write_layer(dir_.file("mining.gpkg"), test::province_mining());
  }
  ProvinceRequest request(unsigned jobs, bool keep) const {
    ProvinceRequest r;
    r.check.before.path = dir_.file("before.gpkg");
    r.check.after.path = dir_.file("after.gpkg");
    r.check.area_method = AreaMethod::planar;
    r.check.conflicts.mining = {dir_.file("mining.gpkg")};
    r.jobs = jobs;
    r.keep_results = keep;
    return r;
  }
  // The two runs differ only in their time stamp (generated_utc, also inside every report).
  static std::string same_time(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    return text;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  test::TempDir dir_;
};

TEST_F(ProvinceStreamed, SlimRowsGiveTheSameProvinceOutputsAsFullResults) {
  const ProvinceResult full = run_province_check(request(1, true));
  ASSERT_TRUE(full.province_mode);
  ASSERT_EQ(full.reserves.size(), 8u);  // the fixture's matched/merged/split/added/removed rows
  ASSERT_EQ(full.before_overlaps.size(), 1u);
  for (unsigned jobs : {1u, 3u}) {
    SCOPED_TRACE(jobs);
    const ProvinceResult slim = run_province_check(request(jobs, false));
    ASSERT_NE(slim.report_spool, nullptr);
    const auto norm = [&](const std::string& t) {
      return same_time(t, slim.generated_utc, full.generated_utc);
    };
    EXPECT_EQ(norm(province_json(slim)), province_json(full));
    const ProvinceTable a = province_table(full), b = province_table(slim);
    EXPECT_EQ(a.headers, b.headers);
    EXPECT_EQ(a.rows, b.rows);
    const ProvinceTable la = province_ledger_table(full), lb = province_ledger_table(slim);
    EXPECT_FALSE(la.rows.empty());  // the mining layer gives every checked reserve ledger rows
    EXPECT_EQ(la.rows, lb.rows);
    EXPECT_EQ(norm(province_html(slim)), province_html(full));
    EXPECT_EQ(render_province_map(slim, MapFormat::svg).bytes,
              render_province_map(full, MapFormat::svg).bytes);
    EXPECT_EQ(province_exit_code(slim), province_exit_code(full));
    // The slim rows really dropped the geometry (the fast path differs from the full one).
    for (std::size_t i = 0; i < slim.reserves.size(); ++i) {
      const auto& s = slim.reserves[i];
      ASSERT_EQ(s.result.has_value(), full.reserves[i].result.has_value()) << s.reserve;
      if (!s.result) continue;
      EXPECT_TRUE(s.result->before.parts.empty()) << s.reserve;
      EXPECT_FALSE(full.reserves[i].result->before.parts.empty()) << s.reserve;
      EXPECT_EQ(s.result->report.overall, full.reserves[i].result->report.overall);
    }
  }
}

TEST_F(ProvinceStreamed, JsonFileIsTheJsonText) {
  const ProvinceResult slim = run_province_check(request(2, false));
  const std::string path = dir_.file("out/province.json");
  write_province_json_file(slim, path);
  EXPECT_EQ(read(path), province_json(slim));
}

// The spool hands back what each row stored, whatever the order and thread it came from.
TEST(ProvinceReportSpool, StoresTextsByRowFromSeveralThreads) {
  ProvinceReportSpool spool;
  const auto text = [](std::size_t row) {
    return std::string(1000 + 37 * row, static_cast<char>('a' + row % 26)) +
           "\n{\"row\": " + std::to_string(row) + "}";
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t row = t; row < 40; row += 4)
        if (row != 17) spool.put(39 - row, text(39 - row));
    });
  for (auto& t : threads) t.join();
  for (std::size_t row = 0; row < 40; ++row) {
    if (row == 39 - 17) {
      EXPECT_FALSE(spool.has(row));
      EXPECT_EQ(spool.get(row), "");
      continue;
    }
    ASSERT_TRUE(spool.has(row)) << row;
    EXPECT_EQ(spool.get(row), text(row)) << row;
  }
  EXPECT_FALSE(spool.has(40));
  spool.put(40, "");  // an empty text is stored (and distinguishable from none)
  EXPECT_TRUE(spool.has(40));
  EXPECT_EQ(spool.get(40), "");
}

}  // namespace
}  // namespace reserve
