#pragma once
// Conflict features: mining rights, mines, plants, tailings ponds, hydropower stations and other
// human activity that may conflict with a reserve. A FeatureSet holds them in the working CRS with
// a category taken from an attribute (mapped like zone labels), an id, a name and their source
// attributes. Bad rows (unknown category, missing or invalid geometry, coordinates out of range)
// are reported as per-feature issues and skipped; good rows are kept.
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
  std::string name;  // name attribute, else the id
  FeatureCategory category = FeatureCategory::other;
  std::string category_label;  // the source label the category came from
  Geometry geometry;           // working CRS; kind point or polygon, valid, non-empty
  SourceRef where;
  std::vector<Attribute> attributes;
  std::optional<int> built_year;  // 建成年份 / 建设年份 / built_year, when present
  std::optional<MiningRightInfo> mining_right;
  std::string treatment;  // 整改方式 / treatment as written (e.g. 等待调整), empty when absent
  bool is_point() const noexcept { return geometry.kind == GeometryKind::point; }
  const std::string* attribute(const std::string& name) const noexcept;
};

// Where the features came from, for the audit block.
struct FeatureSource {
  std::string path;
  std::string layer;
  std::string sha256;
  Crs source_crs;
  std::size_t features_read = 0;
  std::size_t features_kept = 0;
};

struct RESERVE_API FeatureSet {
  Crs crs;  // working CRS of every geometry
  std::vector<ConflictFeature> features;
  std::vector<FeatureSource> sources;
  std::vector<Issue> issues;  // one per skipped row (severity error) and warnings
  std::size_t skipped_count = 0;
  const ConflictFeature* find(const std::string& id) const noexcept;
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
};

// Turns a layer that was read (and already reprojected into `working_crs` by the caller) into
// conflict features. Never throws for bad rows: they become issues and are skipped. Throws
// UsageError when neither a category field nor a layer category is available.
RESERVE_API FeatureSet features_from_layer(const Layer& layer, const FeatureOptions& options,
                                           const Crs& working_crs);

// Reads the layer, checks source coordinates (geographic CRS: longitude −180…180, latitude
// −90…90), reprojects every feature to `working_crs` (row-wise: a row that cannot be transformed
// is skipped with an issue) and calls features_from_layer. Throws InputError for an unreadable
// file.
RESERVE_API FeatureSet load_features(const FeatureOptions& options, const Crs& working_crs);

// Appends `more` to `into` (ids made unique by prefixing the layer name on clash).
RESERVE_API void append(FeatureSet& into, FeatureSet more);

}  // namespace reserve
