// check/ledger_json: the ledger rows printed as text must be the bytes of the straightforward way
// (the code it replaced): an nlohmann-json object per row, r[header] = cell, printed by dump().
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "check/ledger_json.hpp"
#include "report/json_text.hpp"

namespace reserve {
namespace {

std::string through_documents(const Ledger& ledger) {
  nlohmann::json a = nlohmann::json::array();
  const auto headers = ledger_headers(ledger.lonlat_datum);
  for (const auto& row : ledger.rows) {
    const auto cells = ledger_cells(row);
    nlohmann::json r;
    for (std::size_t i = 0; i < headers.size() && i < cells.size(); ++i) r[headers[i]] = cells[i];
    a.push_back(std::move(r));
  }
  return a.dump();
}

LedgerRow row(const std::string& id, const std::string& name) {
  LedgerRow r;
  r.problem_id = "F-" + id;
  r.feature_id = id;
  r.category = "mining_right";
  r.category_zh = "矿业权";
  r.name = name;
  r.lon_deg = 113.123456789012;
  r.lat_deg = 23.5;
  r.x_m = 500000.125;
  r.y_m = 2600000.0000001;
  r.plane_crs = "EPSG:4547";
  r.zone_before = "核心保护区";
  r.zone_after = "一般控制区";
  r.change = "调出";
  r.description_zh = "说明\n第二行\t\"引号\" \\ 反斜杠 \x01 控制符 \x7f";
  r.description_en = "quote \" and {[,:]} brackets";
  r.adjusting_instead_of_rectifying = true;
  return r;
}

TEST(LedgerJson, SameBytesAsOneDocumentPerRow) {
  Ledger ledger;
  ledger.rows = {row("M-1", "矿山 一号"), row("M/2", ""), row("😀", "emoji 😀 名")};
  EXPECT_EQ(ledger_rows_json(ledger), through_documents(ledger));
  ledger.lonlat_datum = "WGS 84";  // other header names
  EXPECT_EQ(ledger_rows_json(ledger), through_documents(ledger));
  ledger.rows.clear();
  EXPECT_EQ(ledger_rows_json(ledger), "[]");
}

// Text that is not UTF-8: the same error as nlohmann-json's dump() gives.
TEST(LedgerJson, TextNotUtf8FailsAsDumpDoes) {
  std::string out;
  EXPECT_THROW(report::append_json_string("bad \xff byte", out), nlohmann::json::type_error);
  for (const std::string text : {"", "plain", "中文", "a\"b", "a\\b", "\n\t\x1f", "\x7f", "😀"}) {
    std::string s;
    report::append_json_string(text, s);
    EXPECT_EQ(s, nlohmann::json(text).dump()) << text;
  }
}

}  // namespace
}  // namespace reserve
