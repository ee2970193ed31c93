// The library's XLSX writer (report/xlsx_sheet, report/zip_writer), read back by independent
// readers: Python's zipfile (every member's CRC-32), openpyxl (cells, styles, frozen header,
// autofilter) and GDAL's XLSX driver (cells as fields) — Debian's /usr/bin/python3.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "report/table_files.hpp"
#include "report/xlsx_sheet.hpp"
#include "reserve/error.hpp"
#include "support/cli_runner.hpp"
#include "support/temp_dir.hpp"

namespace reserve::report {
namespace {

// What a /usr/bin/python3 script prints as JSON about `file` (sys.argv[1]); null on failure.
nlohmann::json python_json(const test::TempDir& dir, const std::string& script,
                           const std::string& file) {
  const std::string py = dir.file("read.py");
  test::write_file(py, script);
  const auto run = test::run_shell("/usr/bin/python3 '" + py + "' '" + file + "'");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return run.exit_code == 0 ? nlohmann::json::parse(run.out) : nlohmann::json();
}

TableCell text(std::string s) { return TableCell{std::move(s), std::nullopt}; }
TableCell number(double v) { return TableCell{"", v}; }

TEST(XlsxSheet, ColumnNamesAreExcelsLetters) {
  // Excel's columns: A … Z, AA … ZZ, AAA …, the last one XFD (16,384 columns).
  EXPECT_EQ(xlsx_column_name(0), "A");
  EXPECT_EQ(xlsx_column_name(25), "Z");
  EXPECT_EQ(xlsx_column_name(26), "AA");
  EXPECT_EQ(xlsx_column_name(51), "AZ");
  EXPECT_EQ(xlsx_column_name(701), "ZZ");
  EXPECT_EQ(xlsx_column_name(702), "AAA");
  EXPECT_EQ(xlsx_column_name(kXlsxMaxColumns - 1), "XFD");
}

TEST(XlsxSheet, WidthsAreStoredAsExcelStoresThem) {
  // Excel's own file for its default width 8.43 stores 9.140625; a width of 16 typed in Excel is
  // stored as 16.7109375 (Calibri 11: 7-pixel digits plus 5 pixels of padding, in 1/256 steps).
  EXPECT_EQ(xlsx_stored_width(8.43), 9.140625);
  EXPECT_EQ(xlsx_stored_width(16), 16.7109375);
  EXPECT_EQ(xlsx_stored_width(0), 0);
}

TEST(XlsxSheet, CellsReadBackThroughZipfileOpenpyxlAndGdal) {
  test::TempDir dir;
  const std::string path = dir.file("t.xlsx");
  SheetTable t;
  t.sheet = "整改台账";
  t.headers = {"名称 (name)", "值", "", "备注"};
  t.widths = {20, 10};
  const std::vector<std::vector<TableCell>> rows = {
      {text("A&B <c> \"d\" 'e'"), number(0.1 + 0.2), text(""), text("  前后有空格 ")},
      {text("控制\x01字符\r回车\t制表\n换行"), number(-1e-300), text("x"), number(NAN)},
      {text("矿"), number(6378137.123456789), TableCell{}, text("_x0041_ 原样")},
  };
  std::size_t next = 0;
  write_table_xlsx_rows(t, path, [&](std::vector<TableCell>& row) {
    if (next == rows.size()) return false;
    row = rows[next++];
    return true;
  });
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"t.xlsx"});  // no temporary left

  const auto z =
      python_json(dir,
                  "import json, sys, zipfile\n"
                  "z = zipfile.ZipFile(sys.argv[1])\n"
                  "print(json.dumps({'bad': z.testzip(), 'names': sorted(z.namelist())}))\n",
                  path);
  EXPECT_TRUE(z["bad"].is_null());  // every member's CRC-32 and size as the headers say
  EXPECT_EQ(z["names"], nlohmann::json::parse(
                            R"(["[Content_Types].xml", "_rels/.rels", "docProps/app.xml",
                                "docProps/core.xml", "xl/_rels/workbook.xml.rels",
                                "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])"));

  const auto x = python_json(
      dir,
      "import json, sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "ws = wb.active\n"
      "print(json.dumps({'title': ws.title, 'sheets': wb.sheetnames, 'freeze': ws.freeze_panes,\n"
      "  'filter': ws.auto_filter.ref, 'cells': [[c.value for c in r] for r in ws.iter_rows()],\n"
      "  'reprs': [repr(ws['B2'].value), repr(ws['B3'].value), repr(ws['B4'].value)],\n"
      "  'bold': ws['A1'].font.b, 'fill': ws['A1'].fill.fgColor.rgb,\n"
      "  'border': ws['A1'].border.left.style, 'wrap': ws['A2'].alignment.wrap_text,\n"
      "  'valign': ws['B2'].alignment.vertical, 'height': ws.row_dimensions[1].height,\n"
      "  'widths': [ws.column_dimensions[c].width for c in 'ABC']}, ensure_ascii=False))\n",
      path);
  EXPECT_EQ(x["title"], "整改台账");
  EXPECT_EQ(x["sheets"].size(), 1u);
  EXPECT_EQ(x["freeze"], "A2");
  EXPECT_EQ(x["filter"], "A1:D4");
  EXPECT_EQ(x["bold"], true);
  EXPECT_EQ(x["fill"], "FFDDEBF7");
  EXPECT_EQ(x["border"], "thin");
  EXPECT_EQ(x["wrap"], true);
  EXPECT_EQ(x["valign"], "top");
  EXPECT_EQ(x["height"], 32.0);
  // Widths: 20 and 10 given, 16 by default (stored as Excel stores them, above).
  EXPECT_EQ(x["widths"], nlohmann::json::parse("[20.7109375, 10.7109375, 16.7109375]"));
  const nlohmann::json& cells = x["cells"];
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0], nlohmann::json::parse(R"j(["名称 (name)", "值", null, "备注"])j"));
  EXPECT_EQ(cells[1][0], "A&B <c> \"d\" 'e'");
  EXPECT_TRUE(cells[1][2].is_null());       // empty text: no cell
  EXPECT_EQ(cells[1][3], "  前后有空格 ");  // kept (xml:space="preserve")
  // A control character other than tab and line feed is stored as Excel's _xHHHH_ escape, which
  // openpyxl (unlike Excel) shows as written; tab and line feed are stored as they are.
  EXPECT_EQ(cells[2][0], "控制_x0001_字符_x000D_回车\t制表\n换行");
  EXPECT_EQ(cells[2][2], "x");
  EXPECT_TRUE(cells[2][3].is_null());  // a non-finite number: an empty cell
  EXPECT_TRUE(cells[3][2].is_null());
  EXPECT_EQ(cells[3][3], "_x0041_ 原样");
  // Numbers to the last bit: Python's repr is the shortest round trip, as our writer's.
  EXPECT_EQ(x["reprs"],
            nlohmann::json::parse(R"(["0.30000000000000004", "-1e-300", "6378137.123456789"])"));

  const auto g = python_json(
      dir,
      "import json, sys\n"
      "from osgeo import gdal\n"
      "ds = gdal.OpenEx(sys.argv[1], gdal.OF_VECTOR, open_options=['HEADERS=DISABLE'])\n"
      "lyr = ds.GetLayer(0)\n"
      "fields = [lyr.GetLayerDefn().GetFieldDefn(i).GetName() for i in "
      "range(lyr.GetLayerDefn().GetFieldCount())]\n"
      "rows = [[f.GetField(i) for i in range(len(fields))] for f in lyr]\n"
      "print(json.dumps({'layer': lyr.GetName(), 'fields': fields, 'rows': rows}, "
      "ensure_ascii=False))\n",
      path);
  EXPECT_EQ(g["layer"], "整改台账");
  // The header row read as a row (its blank cell makes GDAL's header guess fail either way), so
  // each column is text: the numbers as the sheet spells them.
  ASSERT_EQ(g["rows"].size(), 4u) << g.dump();
  EXPECT_EQ(g["rows"][0], cells[0]);
  EXPECT_EQ(g["rows"][1][0], "A&B <c> \"d\" 'e'");
  EXPECT_EQ(g["rows"][1][1], "0.30000000000000004");
  EXPECT_EQ(g["rows"][2][1], "-1e-300");
  EXPECT_EQ(g["rows"][3][0], "矿");
  EXPECT_EQ(g["rows"][3][1], "6378137.123456789");
}

TEST(XlsxSheet, ATableLongerThanASheetGoesOnInAContinuationSheet) {
  test::TempDir dir;
  const std::string path = dir.file("long.xlsx");
  SheetTable t;
  t.sheet = "一个很长的工作表名称一个很长的工作表名称一个很长的工作表名称一";  // 31 characters
  t.headers = {"n", "v"};
  const std::size_t per_sheet = kXlsxMaxRows - 1;  // rows under the header
  const std::size_t total = per_sheet + 3;
  std::size_t next = 0;
  write_table_xlsx_rows(t, path, [&](std::vector<TableCell>& row) {
    if (next == total) return false;
    row = {number(static_cast<double>(next++)), text("r")};
    return true;
  });
  // Read with zipfile and regular expressions: openpyxl takes minutes over a million rows.
  const auto z = python_json(
      dir,
      "import json, re, sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1])\n"
      "wb = z.read('xl/workbook.xml').decode()\n"
      "out = {'bad': z.testzip(), 'sheets': re.findall(r'<sheet name=\"([^\"]*)\"', wb),\n"
      "  'names': re.findall(r'<definedName [^>]*>([^<]*)<', wb)}\n"
      "for k in (1, 2):\n"
      "    s = z.read('xl/worksheets/sheet%d.xml' % k).decode()\n"
      "    rows = re.findall(r'<row r=\"(\\d+)\"', s)\n"
      "    out['sheet%d' % k] = {'rows': len(rows), 'last': int(rows[-1]),\n"
      "      'head': re.findall(r'<t>([^<]*)</t>', s[:2000])[:2],\n"
      "      'first_value': re.search(r'<v>([^<]*)</v>', s).group(1),\n"
      "      'filter': re.search(r'<autoFilter ref=\"([^\"]*)\"', s).group(1)}\n"
      "print(json.dumps(out, ensure_ascii=False))\n",
      path);
  ASSERT_FALSE(z.is_null());
  EXPECT_TRUE(z["bad"].is_null());
  // Shortened to 27 characters so that " (2)" fits Excel's 31.
  const std::string second = "一个很长的工作表名称一个很长的工作表名称一个很长的工作 (2)";
  EXPECT_EQ(z["sheets"], nlohmann::json({t.sheet, second}));
  EXPECT_EQ(z["names"],
            nlohmann::json({"'" + t.sheet + "'!$A$1:$B$1048576", "'" + second + "'!$A$1:$B$4"}));
  EXPECT_EQ(z["sheet1"]["rows"], kXlsxMaxRows);
  EXPECT_EQ(z["sheet1"]["last"], kXlsxMaxRows);
  EXPECT_EQ(z["sheet1"]["filter"], "A1:B1048576");
  EXPECT_EQ(z["sheet1"]["first_value"], "0");
  EXPECT_EQ(z["sheet2"]["rows"], 4);  // the header again and the 3 rows left
  EXPECT_EQ(z["sheet2"]["head"], nlohmann::json({"n", "v"}));
  EXPECT_EQ(z["sheet2"]["first_value"], std::to_string(per_sheet));
  EXPECT_EQ(z["sheet2"]["filter"], "A1:B4");
}

TEST(XlsxSheet, TextLongerThanACellIsAnErrorAndNoFileIsLeft) {
  test::TempDir dir;
  const std::string path = dir.file("big.xlsx");
  SheetTable t;
  t.sheet = "表";
  t.headers = {"a", "b"};
  t.rows = {{text("ok"), text(std::string(kXlsxMaxCellChars, 'x'))},
            {text("ok"), text(std::string(kXlsxMaxCellChars + 1, 'x'))}};
  try {
    write_table_xlsx(t, path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("cell B3"), std::string::npos) << what;
    EXPECT_NE(what.find("32768 characters"), std::string::npos) << what;
    EXPECT_NE(what.find("big.xlsx"), std::string::npos) << what;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));  // neither the file nor its temporary
}

TEST(XlsxSheet, ANameExcelRefusesIsAnError) {
  test::TempDir dir;
  for (const std::string name :
       {"", "a/b", "[x]", "'q",
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"}) {
    SheetTable t;
    t.sheet = name;
    t.headers = {"a"};
    EXPECT_THROW(write_table_xlsx(t, dir.file("n.xlsx")), InputError) << name;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace reserve::report
