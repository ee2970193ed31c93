// Province mode streamed (what `reserve check` does for the province files): zones read back per
// reserve by FID (stream_zones) and each reserve's report.json text spooled to a temporary file
// with a slim row kept (keep_results false). The expectation is the straightforward in-memory
// run (both layers held, full results) on the synthetic province of province_fixture.hpp, which
// has matched, merged, split, added and removed reserves and a cross-reserve overlap in both
// layers — here with the reserves' zone rows interleaved in the file and a null-geometry row of
// 甲保护区 (an issue of that reserve's zoning only): every province output must be the same text,
// for one thread and for several.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "province/province_fixture.hpp"
#include "province/province_json.hpp"
#include "province/report_spool.hpp"
#include "report/table_files.hpp"
#include "reserve/province.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

class ProvinceStreamed : public ::testing::Test {
 protected:
  void SetUp() override {
    test::LayerSpec before = test::province_layer(test::province_before());
    // Every reserve's rows spread over the file: all cores, then all buffers, then the rest.
    std::vector<test::FeatureSpec> interleaved;
    for (std::size_t k = 0; k < 3; ++k)
      for (std::size_t i = k; i < before.features.size(); i += 3)
        interleaved.push_back(before.features[i]);
    interleaved.push_back({"", {"甲保护区", "核心区"}});  // null geometry: skipped, an issue
    before.features = interleaved;
    test::LayerSpec after = test::province_layer(test::province_after());
    std::reverse(after.features.begin(), after.features.end());
    test::write_layer(dir_.file("before.gpkg"), before);
    test::write_layer(dir_.file("after.gpkg"), after);
    test::write_layer(dir_.file("mining.gpkg"), test::province_mining());
  }
  ProvinceRequest request(unsigned jobs, bool keep, bool stream = true) const {
    ProvinceRequest r = test::province_request(dir_, jobs);
    r.keep_results = keep;
    r.stream_zones = stream;
    return r;
  }
  // The two runs differ only in their time stamp (generated_utc, also inside every report).
  static std::string same_time(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
    return text;
  }
  // Every cell value of a workbook's sheet, its name, frozen pane and autofilter, read by
  // openpyxl (an independent reader): the same for a constant-memory and an in-memory workbook.
  static std::string xlsx_cells(const std::string& path) {
    const auto py = test::run_shell(
        "/usr/bin/python3 -c \"import json,sys,openpyxl; "
        "ws=openpyxl.load_workbook(sys.argv[1]).active; "
        "print(json.dumps([ws.title, ws.freeze_panes, ws.auto_filter.ref, "
        "[[c.value for c in r] for r in ws.iter_rows()]], ensure_ascii=False))\" " +
        test::shell_quote(path));
    EXPECT_EQ(py.exit_code, 0) << py.err;
    return py.out;
  }
  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  test::TempDir dir_;
};

TEST_F(ProvinceStreamed, StreamedRunGivesTheSameProvinceOutputsAsTheInMemoryRun) {
  const ProvinceResult full = run_province_check(request(1, true, false));
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
    // The files, written row by row (the slim run's ledger from the spool): the CSVs are the
    // straightforward in-memory writer's bytes (table_csv), the ledger XLSX (constant-memory
    // mode) has the cells of the in-memory writer's workbook.
    ProvinceOutputs files;
    files.json = files.html = files.map = false;
    std::vector<std::string> warnings;
    const std::string fdir = dir_.file("full" + std::to_string(jobs));
    const std::string sdir = dir_.file("slim" + std::to_string(jobs));
    write_province_outputs(full, fdir, files, warnings);
    write_province_outputs(slim, sdir, files, warnings);
    EXPECT_EQ(read(sdir + "/province_ledger.csv"), report::table_csv(la.headers, la.rows));
    EXPECT_EQ(read(fdir + "/province_ledger.csv"), report::table_csv(la.headers, la.rows));
    EXPECT_EQ(read(sdir + "/province.csv"), read(fdir + "/province.csv"));
    write_province_xlsx(la, dir_.file("in_memory_ledger.xlsx"));
    const std::string cells = xlsx_cells(dir_.file("in_memory_ledger.xlsx"));
    EXPECT_NE(cells.find("整改台账"), std::string::npos) << cells;
    EXPECT_EQ(xlsx_cells(sdir + "/province_ledger.xlsx"), cells);
    EXPECT_EQ(xlsx_cells(fdir + "/province_ledger.xlsx"), cells);
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
      EXPECT_TRUE(s.result->report.audit.inputs.empty()) << s.reserve;  // in the spooled text
      EXPECT_FALSE(full.reserves[i].result->report.audit.inputs.empty()) << s.reserve;
      EXPECT_TRUE(s.result->profile.rules.empty()) << s.reserve;
      EXPECT_FALSE(full.reserves[i].result->profile.rules.empty()) << s.reserve;
      EXPECT_FALSE(s.result->before.crs.empty()) << s.reserve;  // kept (ProvinceRequest)
      EXPECT_EQ(s.result->report.overall, full.reserves[i].result->report.overall);
    }
    // The map outlines, on disk through the checks (ShapeSpool), are back in every row.
    for (std::size_t i = 0; i < slim.reserves.size(); ++i) {
      const MultiPolygon& s = slim.reserves[i].outline;
      const MultiPolygon& f = full.reserves[i].outline;
      EXPECT_FALSE(f.empty()) << full.reserves[i].reserve;
      ASSERT_EQ(s.polygons.size(), f.polygons.size()) << full.reserves[i].reserve;
      for (std::size_t p = 0; p < f.polygons.size(); ++p) {
        EXPECT_EQ(s.polygons[p].outer, f.polygons[p].outer);
        EXPECT_EQ(s.polygons[p].holes, f.polygons[p].holes);
      }
    }
  }
}

// Streamed zones alone (full results kept): every reserve's whole check is the in-memory one's.
TEST_F(ProvinceStreamed, StreamedZonesGiveTheSameChecks) {
  const ProvinceResult held = run_province_check(request(1, true, false));
  ProvinceResult streamed = run_province_check(request(2, true, true));
  ASSERT_EQ(streamed.reserves.size(), held.reserves.size());
  std::size_t checked = 0;
  for (std::size_t i = 0; i < held.reserves.size(); ++i) {
    const auto& h = held.reserves[i];
    auto& s = streamed.reserves[i];
    ASSERT_EQ(s.result.has_value(), h.result.has_value()) << h.reserve;
    if (!h.result) continue;
    ++checked;
    s.result->report.audit.generated_utc = h.result->report.audit.generated_utc;
    EXPECT_EQ(report_json(s.result->report), report_json(h.result->report)) << h.reserve;
    EXPECT_EQ(s.result->before.parts.size(), h.result->before.parts.size());
    EXPECT_EQ(s.result->before.issues.size(), h.result->before.issues.size());
  }
  EXPECT_EQ(checked, 6u);  // 甲, 乙, 戊 (merged), 己 (split), 庚, 辛
  // The null-geometry row names 甲保护区: its issue is that reserve's only, held or streamed, and
  // makes that reserve's figure rules incomplete (a zone without its shape); the others keep
  // their verdicts.
  for (const ProvinceResult* run : std::initializer_list<const ProvinceResult*>{&held, &streamed}) {
    std::size_t with_issue = 0;
    for (const auto& row : run->reserves) {
      if (!row.result) continue;
      bool null_issue = false;
      for (const auto& issue : row.result->before.issues)
        null_issue = null_issue || issue.code == IssueCode::null_geometry;
      with_issue += null_issue ? 1 : 0;
      EXPECT_EQ(null_issue, row.reserve == "甲保护区") << row.reserve;
      for (const auto& v : row.result->report.verdicts) {
        if (v.rule_id == "no-slimming") {
          EXPECT_EQ(v.status == VerdictStatus::incomplete, row.reserve == "甲保护区")
              << row.reserve << ": " << v.explanation_en;
        }
      }
    }
    EXPECT_EQ(with_issue, 1u);
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
  // A text given as pieces (a report's, written without joining them) reads back whole.
  const std::string a = text(7), b = "\n";
  spool.put(41, std::vector<std::string_view>{a, "", b, a});
  EXPECT_EQ(spool.get(41), a + b + a);
}

// Ledger rows come back cell for cell (commas, quotes, line breaks, empty cells, digits that
// look like the length prefixes), next to the report texts, from several threads.
TEST(ProvinceReportSpool, StoresLedgerRowsByRowFromSeveralThreads) {
  ProvinceReportSpool spool;
  const auto rows = [](std::size_t row) {
    std::vector<std::vector<std::string>> out;
    for (std::size_t k = 0; k < row % 4; ++k)
      out.push_back({"保护区" + std::to_string(row), "12\n3", "", "a,\"b\"\r\nc",
                     std::string(100 * k, 'x'), std::to_string(k)});
    return out;
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t row = t; row < 30; row += 3) {
        if (row == 11) continue;
        spool.put(row, "report " + std::to_string(row));
        spool.put_ledger(row, row % 2 ? "CGCS2000" : "WGS 84", rows(row));
      }
    });
  for (auto& t : threads) t.join();
  for (std::size_t row = 0; row < 30; ++row) {
    SCOPED_TRACE(row);
    if (row == 11) {
      EXPECT_FALSE(spool.has_ledger(row));
      EXPECT_EQ(spool.ledger_size(row), 0u);
      EXPECT_TRUE(spool.ledger(row).empty());
      continue;
    }
    ASSERT_TRUE(spool.has_ledger(row));  // also when the reserve has no ledger rows (row % 4 0)
    EXPECT_EQ(spool.ledger(row), rows(row));
    EXPECT_EQ(spool.ledger_size(row), row % 4);
    EXPECT_EQ(spool.ledger_datum(row), row % 2 ? "CGCS2000" : "WGS 84");
    EXPECT_EQ(spool.get(row), "report " + std::to_string(row));
  }
  EXPECT_FALSE(spool.has_ledger(30));
}

}  // namespace
}  // namespace reserve
