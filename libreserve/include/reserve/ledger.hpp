#pragma once
// Required actions for conflict features (a decision table: zone × category × built before the
// reserve → action with its legal basis) and the rectification ledger (整改台账): one row per
// problem with location, zones before/after, a generated description (Chinese and English), the
// required action and the speech's fields (target, deadline, responsible unit / leader / person,
// supervising unit, measures, status), written as CSV (UTF-8 BOM, CRLF) and XLSX, atomically.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/features.hpp"
#include "reserve/issue.hpp"
#include "reserve/monitoring.hpp"
#include "reserve/overlay.hpp"
#include "reserve/zone.hpp"

namespace reserve {

// ---------------------------------------------------------------------------------------------
// Required actions

enum class ActionKind {
  exit_and_restore,         // 退出并生态修复
  close,                    // 关停
  relocate,                 // 搬迁
  treat_in_situ,            // 就地整治
  remediate_by_deadline,    // 限期治理
  allowed_with_conditions,  // 依法依规允许
  none,                     // outside the reserve: nothing under reserve law
};
RESERVE_API const char* to_string(ActionKind a) noexcept;     // "exit-and-restore", …
RESERVE_API const char* chinese_name(ActionKind a) noexcept;  // "退出并生态修复", …
RESERVE_API std::optional<ActionKind> action_from_string(const std::string& id);

// One row of the decision table; the first matching row decides.
struct ActionRule {
  std::vector<Zone> zones;                   // empty: any zone inside the reserve
  std::vector<FeatureCategory> categories;   // empty: any category
  std::optional<bool> built_before_reserve;  // empty: either (or unknown)
  ActionKind action = ActionKind::treat_in_situ;
  std::vector<ActionKind> alternatives;  // e.g. close → relocate
  std::string basis;     // legal basis, e.g. "《自然保护区条例》第二十六条"
  std::string deadline;  // default deadline text, may be empty
};

struct RESERVE_API RequiredAction {
  ActionKind action = ActionKind::none;
  std::vector<ActionKind> alternatives;
  std::string basis;
  std::string deadline;
  // "关停或搬迁" style text of the action and its alternatives.
  std::string text_zh() const;
  std::string text_en() const;
};

class RESERVE_API ActionTable {
 public:
  // The defaults (following the 条例 arts. 26, 27, 28, 32, 矿产资源法 art. 26, the 2018 修筑设施
  // 办法 and the 整改销号 conditions): see required_actions.toml in libreserve/share/standards.
  static ActionTable defaults();
  // Parses `[[required_actions]]` rows: zones = [...], categories = [...],
  // built_before_reserve = true|false, action = "close", alternatives = ["relocate"],
  // basis = "…", deadline = "…". Throws UsageError naming the origin and the row for a bad row.
  static ActionTable from_toml(const std::string& toml_text, const std::string& origin);
  // The profile's [[conflicts.decisions]] rows (category, zone or "*", action such as "exit",
  // "close", "relocate_or_treat_in_situ", deadline). The basis of each row is taken from the
  // first default row with the same zone-independent action, else left empty. Throws UsageError
  // naming `origin` for an unknown category, zone or action.
  static ActionTable from_decisions(const std::vector<ConflictDecision>& decisions,
                                    const std::string& origin);
  // Rows of `more` are tried before this table's rows.
  void prepend(const ActionTable& more);
  const std::vector<ActionRule>& rules() const noexcept { return rules_; }

  // Zone outside → ActionKind::none. No matching row → treat_in_situ with an empty basis (the
  // defaults end with a catch-all row, so this only happens with user tables).
  RequiredAction decide(Zone zone, FeatureCategory category,
                        std::optional<bool> built_before_reserve) const;

 private:
  std::vector<ActionRule> rules_;
};

// ---------------------------------------------------------------------------------------------
// Assignments: who does what by when, keyed by problem id or feature id

struct Assignment {
  std::string target;              // 整改目标
  std::string deadline;            // 整改时限
  std::string responsible_unit;    // 责任单位
  std::string responsible_leader;  // 责任领导
  std::string responsible_person;  // 责任人
  std::string supervising_unit;    // 督办单位
  std::string measures;            // 整改措施
  std::string status;              // 状态: open / closed (销号) as written
};

struct RESERVE_API Assignments {
  std::map<std::string, Assignment> by_key;  // problem id or feature id → assignment
  std::vector<Issue> issues;
  const Assignment* find(const std::string& problem_id, const std::string& feature_id) const;
};

// Reads a CSV (UTF-8 or GBK) with a key column (问题编号/problem_id, or
// 要素编号/编号/feature_id/id) and any of the columns 整改目标/target, 整改时限/deadline,
// 责任单位/responsible_unit, 责任领导/responsible_leader, 责任人/responsible_person,
// 督办单位/supervising_unit, 整改措施/measures, 状态/status. Throws InputError when there is no key
// column; a row with an empty key is an issue and skipped.
RESERVE_API Assignments read_assignments(const std::string& path);

// ---------------------------------------------------------------------------------------------
// The ledger

struct LedgerRow {
  std::string problem_id;  // "F-<feature id>" or "W-<sample id>-<parameter>"
  std::string feature_id;  // feature or sample id
  std::string category;    // category id (features) or "water-exceedance"
  std::string category_zh;
  std::string name;
  std::optional<double> lon_deg, lat_deg;  // on the working CRS's datum (Ledger::lonlat_datum)
  // Plane coordinates in the working CRS. For a polygon: a point inside the part of the feature
  // that left the reserve (freed), else the part inside it before, else after — never the
  // centroid of the whole feature, which may lie far outside.
  std::optional<double> x_m, y_m;
  std::string plane_crs;    // label of the working CRS
  std::string zone_before;  // Chinese zone names
  std::string zone_after;
  std::string change;  // status change (Chinese)
  std::string description_zh;
  std::string description_en;
  std::string action_zh;
  std::string action_en;
  std::string basis;
  // The rule 不以调代改 fails on this feature: it is freed or downgraded and counted by the rule,
  // and the rule's limit on such features is exceeded.
  bool adjusting_instead_of_rectifying = false;
  bool waiting_for_adjustment = false;  // its treatment is to wait for the adjustment (等待调整)
  Assignment assignment;                // filled from the assignments, else empty
  std::string status = "open";          // open / closed (销号)
};

struct Ledger {
  std::vector<LedgerRow> rows;
  // The datum of the lon/lat columns (the working CRS's own, no datum shift): "CGCS2000",
  // "WGS 84", "Xian 1980", …; named in the column headers.
  std::string lonlat_datum = "CGCS2000";
  std::vector<Issue> issues;
  std::size_t problem_count() const noexcept { return rows.size(); }
};

struct LedgerOptions {
  ActionTable actions = ActionTable::defaults();
  std::optional<int> reserve_established_year;  // decides "built before the reserve"
  // Also list features outside the reserve before and after (default: only those inside, on the
  // boundary, or freed).
  bool include_outside = false;
  // The rule 不以调代改 as the profile sets it (categories, max_freed_features): decides the
  // 以调代改 column.
  NoAdjustingOptions no_adjusting;
};

// Builds the ledger from the conflict overlay and the water exceedances (one row per sampling
// point and parameter: the worst exceedance, with the number of exceeding samples). `assignments`
// may be null. Coordinates are converted to longitude/latitude on the working CRS's datum (when
// it can be) for the location columns. Every feature that was left out of the conflict layers is
// a row of its own (category "left-out"), so the ledger names what the check could not use.
// Problem ids are unique.
RESERVE_API Ledger build_ledger(const ConflictOverlay& conflicts,
                                const std::vector<Exceedance>& exceedances,
                                const Assignments* assignments, const LedgerOptions& options);

// Column headers (Chinese with English in brackets), in file order.
// `lonlat_datum` names the datum of the lon/lat columns (Ledger::lonlat_datum).
RESERVE_API std::vector<std::string> ledger_headers(const std::string& lonlat_datum = "CGCS2000");
// The row's cells in ledger_headers() order.
RESERVE_API std::vector<std::string> ledger_cells(const LedgerRow& row);

// CSV: UTF-8 with BOM, CRLF line ends, RFC 4180 quoting (opens in Excel with Chinese intact).
RESERVE_API void write_ledger_csv(const Ledger& ledger, const std::string& path);
// XLSX: styled and frozen header row, column widths, autofilter; past Excel's 1,048,575 rows the
// table goes on in continuation sheets ("整改台账 (2)", the header repeated).
RESERVE_API void write_ledger_xlsx(const Ledger& ledger, const std::string& path);

}  // namespace reserve
