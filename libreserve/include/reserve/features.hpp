#pragma once
// Conflict features: mining rights, mines, plants, tailings ponds, hydropower stations and other
// human activity that may conflict with a reserve. A FeatureSet holds them in the working CRS with
// a category taken from an attribute (mapped like zone labels), an id, a name and their source
// attributes. No row is dropped silently: an unknown category is kept as "other" with a warning
// (the profile decides whether "other" is a conflict); an invalid polygon goes through the
// library's one validity → repair → area-guard path (as zonings do), each repair recorded; a row
// that still cannot be used (no coordinates, unreadable geometry, a repair that would shrink it
// beyond the tolerance) is a LeftOutFeature, named, and makes the rules that depend on it
// incomplete.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "reserve/crs.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/io.hpp"
#include "reserve/issue.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

enum class FeatureCategory {
  mining_right,       // 采矿权
  exploration_right,  // 探矿权
  mine,               // 矿山 / 采矿 / 采石场 / 采砂
  concentrator,       // 选矿厂
  smelter,            // 冶炼厂
  slag_yard,          // 渣场 / 废渣堆场
  tailings_pond,      // 尾矿库
  industrial,         // 工业企业
  hydropower,         // 水电站 / 小水电
  other_energy,       // 光伏 / 风电 / 火电
  tourism,            // 旅游
  transport,          // 交通
  aquaculture,        // 养殖
  settlement,         // 居民点 / 村庄
  other,              // 其他
};

RESERVE_API const char* to_string(FeatureCategory c) noexcept;     // "mining_right", …
RESERVE_API const char* chinese_name(FeatureCategory c) noexcept;  // "采矿权", …
RESERVE_API const char* english_name(FeatureCategory c) noexcept;  // "Mining right", …
// Inverse of to_string (also accepts '-' for '_'); nullopt for an unknown id.
RESERVE_API std::optional<FeatureCategory> category_from_string(const std::string& id);
RESERVE_API std::vector<FeatureCategory> all_categories();

// Mineral extraction: mining and exploration rights, mines, quarries, sand pits (条例 art. 26).
RESERVE_API bool is_extraction(FeatureCategory c) noexcept;
// Facilities that discharge pollutants or store waste: concentrator, smelter, slag yard,
// tailings pond (条例 art. 32, experimental zone).
RESERVE_API bool is_polluting(FeatureCategory c) noexcept;

// Maps source labels (采矿权, 尾矿库, smelter, …) to categories. Lookup ignores case and white
// space; an exact label wins, then the longest known label contained in the value (so
// "某某铅锌冶炼厂" is a smelter). User mappings win over the defaults.
class RESERVE_API CategoryMap {
 public:
  static CategoryMap defaults();
  void add(const std::string& label, FeatureCategory category);
  std::optional<FeatureCategory> lookup(const std::string& label) const;
  // "label=category" pairs separated by commas, e.g. "化工厂=industrial,砖厂=industrial".
  // Throws UsageError on a malformed pair or an unknown category id.
  void add_mapping(const std::string& spec);

 private:
  std::map<std::string, FeatureCategory> labels_;  // normalised label → category
  std::map<std::string, FeatureCategory> user_;    // user labels (exact match first)
  std::map<std::string, FeatureCategory> exact_;   // matched only as the whole value ("oil")
};

// Licence data of a mining or exploration right, when the source has it.
struct MiningRightInfo {
  std::string licence_number;  // 许可证号
  std::string holder;          // 权利人 / 采矿权人
  std::string right_type;      // 采矿权 / 探矿权 as written
  std::string valid_from;      // 有效期起, as written (ISO date when parsable)
  std::string valid_to;        // 有效期止
};

struct RESERVE_API ConflictFeature {
  // ReadOptions::id_field, else an id attribute (编号, id, code), else the licence number
  // (许可证号), else the FID; unique within a FeatureSet ("<layer>:<id>" on clash).
  std::string id;
  std::string name;         // name attribute, else the id
  std::string fid;          // the source's FID (or CSV line, or id_field value) as read; may repeat
  std::size_t ordinal = 0;  // 1-based position of the row in its layer as read
  FeatureCategory category = FeatureCategory::other;
  std::string category_label;  // the source label the category came from
  Geometry geometry;           // working CRS; kind point or polygon, valid, non-empty
  SourceRef where;
  std::vector<Attribute> attributes;
  std::optional<int> built_year;  // 建成年份 / 建设年份 / built_year, when present
  std::optional<MiningRightInfo> mining_right;
  std::string treatment;  // 整改方式 / treatment as written (e.g. 等待调整), empty when absent
  bool is_point() const noexcept { return geometry.kind == GeometryKind::point; }
  // The feature named unambiguously even when FIDs repeat or are missing: FID, ordinal in the
  // layer, then the name and licence number when there are any, e.g.
  // "FID 7 (row 3 of rights), 青山铁矿, 许可证号 C5300002010" (layer = the source layer's name).
  std::string label() const;
  const std::string* attribute(const std::string& name) const noexcept;
};

// Where the features came from, for the audit block.
struct FeatureSource {
  std::string path;
  std::string layer;
  std::string sha256;
  Crs source_crs;
  std::size_t features_read = 0;   // M: every row of the layer, including those the reader skipped
  std::size_t features_kept = 0;   // N: rows used ("N of M used")
  std::size_t other_category = 0;  // rows kept as "other" because their category was unknown
  std::size_t repaired = 0;        // rows whose polygon was repaired
  // Rows farther from the reserve than every distance the check uses (issue 14): counted, not
  // used and not "left out" — they cannot decide any rule.
  std::size_t far = 0;
  // Rows that could not be used (skipped, unusable geometry): M − N − far.
  std::size_t left_out() const noexcept { return features_read - features_kept - far; }
};

// A row of a conflict layer that could not be used (after repair): named and explained, listed in
// the report and the ledger; the rules that depend on it are incomplete, never pass.
struct LeftOutFeature {
  std::string label;  // as ConflictFeature::label, or "FID …" when the reader skipped the row
  std::optional<FeatureCategory> category;  // when known (rules not counting it are unaffected)
  IssueCode code = IssueCode::invalid_geometry;  // why it could not be used
  std::string reason;
  SourceRef where;
  // Rows this entry stands for: 1, or N for a grouped entry ("N more rows of facilities.csv could
  // not be used for the same reason (bad-coordinate): rows 22–50001", issue 14.3).
  std::size_t rows = 1;
};

// Rows the entries stand for (grouped entries count every row they name).
inline std::size_t rows_left_out(const std::vector<LeftOutFeature>& left_out) noexcept {
  std::size_t n = 0;
  for (const auto& l : left_out) n += l.rows;
  return n;
}

struct RESERVE_API FeatureSet {
  Crs crs;  // working CRS of every geometry
  std::vector<ConflictFeature> features;
  std::vector<FeatureSource> sources;
  // One per left-out row (severity error), repairs and warnings; beyond the first rows of each
  // (file, code) the left-out rows are one grouped issue.
  std::vector<Issue> issues;
  std::vector<Repair> repairs;           // every polygon repaired on the way in
  std::vector<LeftOutFeature> left_out;  // rows that could not be used (grouped beyond 20 a code)
  std::size_t skipped_count = 0;         // = rows_left_out(left_out), exact
  const ConflictFeature* find(const std::string& id) const noexcept;
  // "mining.gpkg:rights 3 of 4 used (1 left out, 1 repaired, 0 as other)" per source, "; "-joined.
  std::string used_summary() const;
};

struct FeatureOptions {
  std::string path;
  ReadOptions read;
  // Attribute holding the category; empty: detect (类别, 类型, 设施类型, 矿权类型, category, type,
  // …). When no category field exists, `category` must be given.
  std::string category_field;
  std::optional<FeatureCategory> category;  // the whole layer is this category
  std::string name_field;  // empty: detect (名称, 矿山名称, 企业名称, name, …)
  CategoryMap categories = CategoryMap::defaults();
  // Validity → repair → area guard, as for zonings. A repair that shrinks a conflict feature by
  // more than the tolerance leaves it out (its outline cannot be trusted; the dependent rules are
  // incomplete) unless allow_large_change; a repair that enlarges it (a bow tie whose lobes
  // cancelled) is used, with a warning: protection gets the benefit of the doubt.
  RepairPolicy repair;
};

// Turns a layer that was read (and already reprojected into `working_crs` by the caller) into
// conflict features. Never throws for bad rows: they become issues and LeftOutFeatures. Throws
// UsageError when neither a category field nor a layer category is available. `ordinals` (when
// given, one per layer feature) are the rows' 1-based positions in the source layer; error issues
// already in layer.issues count as rows the reader skipped.
RESERVE_API FeatureSet features_from_layer(const Layer& layer, const FeatureOptions& options,
                                           const Crs& working_crs,
                                           const std::vector<std::size_t>* ordinals = nullptr);

// Reads the layer, checks source coordinates (geographic CRS: longitude −180…180, latitude
// −90…90), reprojects every feature to `working_crs` (row-wise: a row that cannot be transformed
// is skipped with an issue) and calls features_from_layer. Throws InputError for an unreadable
// file.
RESERVE_API FeatureSet load_features(const FeatureOptions& options, const Crs& working_crs);

// Appends `more` to `into` (ids made unique by prefixing the layer name on clash).
RESERVE_API void append(FeatureSet& into, FeatureSet more);

}  // namespace reserve
