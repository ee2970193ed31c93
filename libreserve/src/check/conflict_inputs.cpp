// Loading the conflict layers, monitoring exceedances and decision tables of a check, and the
// ledger built from them.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

#include "analysis/feature_filter.hpp"
#include "analysis/features_load.hpp"
#include "check/conflict_loading.hpp"
#include "check/stage_threads.hpp"
#include "ledger/staged_ledger.hpp"
#include "reserve/check.hpp"
#include "reserve/error.hpp"

namespace reserve {

std::vector<FeatureOptions> conflict_feature_options(const ConflictInputs& a) {
  CategoryMap categories = CategoryMap::defaults();
  for (const auto& spec : a.category_maps) categories.add_mapping(spec);
  auto options_for = [&](const std::string& path, const std::string& layer) {
    FeatureOptions o;
    o.path = path;
    o.read.layer = layer;
    o.read.encoding = a.feature_encoding;
    o.read.assume_crs = a.feature_crs;
    o.read.x_field = a.x_field;
    o.read.y_field = a.y_field;
    o.read.id_field = a.id_field;
    o.category_field = a.category_field;
    o.categories = categories;
    return o;
  };
  std::vector<FeatureOptions> out;
  for (const auto& path : a.mining) {
    out.push_back(options_for(path, a.mining_layer));
    out.back().category = FeatureCategory::mining_right;  // a 类型 column with 探矿权 still wins
  }
  for (const auto& path : a.facilities) out.push_back(options_for(path, a.facilities_layer));
  return out;
}

namespace {

// Loads every conflict layer with `load` (FeatureOptions → FeatureSet, safe to call from two
// threads at once); `each` sees one layer's features, in order, before they join the others. The
// layers are independent (each file opened on its own): on two threads when there are several
// and the budget allows — reading the province's facilities took a single check with full layers
// 0.2 s while the other core waited. The error raised is the first failing layer's, as reading
// them in order would raise it.
template <typename Load, typename EachLayer>
FeatureSet load_layers(const ConflictInputs& a, const Crs& working_crs, Load load, EachLayer each) {
  const std::vector<FeatureOptions> options = conflict_feature_options(a);
  std::vector<std::optional<FeatureSet>> read(options.size());
  check::for_each_index(options.size(), 1, options.size() > 1,
                        [&] { return [&](std::size_t i) { read[i].emplace(load(options[i])); }; });
  FeatureSet set;
  set.crs = working_crs;
  for (auto& layer : read) {
    each(*layer);
    append(set, std::move(*layer));
  }
  return set;
}

}  // namespace

FeatureSet load_conflict_features(const ConflictInputs& a, const Crs& working_crs) {
  return load_layers(
      a, working_crs, [&](const FeatureOptions& o) { return load_features(o, working_crs); },
      [](FeatureSet&) {});
}

FeatureSet load_conflict_features_near(const ConflictInputs& a, const Zoning& before,
                                       const Zoning& after, double search_distance_m,
                                       FarFeatures& far) {
  far = FarFeatures{};
  far.distance_m = search_distance_m;
  // Rows whose envelope misses the reserve's envelope grown by the distance (+1 mm, as in
  // drop_far_features) are left out as soon as they are read, before they become features; the
  // rest get the exact test. A province's far rows are never validated, categorised or copied.
  Envelope box;
  for (const Zoning* z : {&before, &after})
    for (const auto& p : z->parts) box.expand(envelope_of(p.geometry));
  const double grow_m = search_distance_m + 1e-3;
  const bool prefilter = box.valid && std::isfinite(grow_m);
  std::mutex far_mutex;  // the layers are loaded on two threads
  auto load = [&](const FeatureOptions& o) {
    if (!prefilter) return load_features(o, before.crs);
    std::size_t left_out = 0;
    FeatureSet set = analysis::load_features_within(o, before.crs, box, grow_m, left_out);
    const std::lock_guard<std::mutex> lock(far_mutex);
    far.count += left_out;
    far.total += left_out;
    return set;
  };
  analysis::FarFeatureFilter filter(before, after, search_distance_m);  // one for every layer
  return load_layers(a, before.crs, load, [&](FeatureSet& layer) {
    const FarFeatures f = filter.drop_far(layer);
    far.count += f.count;
    far.total += f.total;
  });
}

std::vector<Exceedance> load_exceedances(const LedgerInputs& a, const Crs& working_crs,
                                         std::vector<Issue>& issues) {
  if (a.monitoring.empty()) return {};
  StandardsTable table = StandardsTable::defaults();
  if (!a.standards.empty()) table.merge(StandardsTable::from_csv(a.standards));
  ReadOptions read;
  read.layer = a.monitoring_layer;
  const SampleSet samples = load_samples(a.monitoring, read, working_crs);
  issues.insert(issues.end(), samples.issues.begin(), samples.issues.end());
  MonitoringOptions mo;
  mo.surface_level = a.water_class;
  mo.discharge_level = a.discharge_level;
  MonitoringResult r = check_samples(samples, table, mo);
  issues.insert(issues.end(), r.issues.begin(), r.issues.end());
  return r.exceedances;
}

std::optional<ActionTable> profile_action_table(const Profile& profile) {
  if (profile.conflicts.decisions.empty()) return std::nullopt;
  return ActionTable::from_decisions(profile.conflicts.decisions,
                                     profile.path.empty() ? profile.name : profile.path);
}

Ledger make_ledger(const ConflictOverlay& conflicts, const std::vector<Exceedance>& exceedances,
                   const LedgerInputs& a, const ActionTable* profile_actions,
                   std::vector<Issue>& issues, const NoAdjustingOptions& rule) {
  LedgerOptions lo;
  lo.no_adjusting = rule;
  if (profile_actions) lo.actions.prepend(*profile_actions);
  if (!a.actions.empty()) {
    std::ifstream in(a.actions);
    if (!in) throw UsageError("cannot read the decision table " + a.actions);
    std::stringstream ss;
    ss << in.rdbuf();
    lo.actions.prepend(ActionTable::from_toml(ss.str(), a.actions));
  }
  lo.reserve_established_year = a.established_year;
  lo.include_outside = a.include_outside;
  std::optional<Assignments> assignments;
  if (!a.assignments.empty()) {
    assignments = read_assignments(a.assignments);
    issues.insert(issues.end(), assignments->issues.begin(), assignments->issues.end());
  }
  Ledger ledger = build_ledger(conflicts, exceedances, assignments ? &*assignments : nullptr, lo);
  issues.insert(issues.end(), ledger.issues.begin(), ledger.issues.end());  // said, not kept silent
  return ledger;
}

struct StagedLedgerFiles::Files {
  std::vector<atomic::StagedFile> staged;
};

StagedLedgerFiles::StagedLedgerFiles() = default;
StagedLedgerFiles::StagedLedgerFiles(StagedLedgerFiles&&) noexcept = default;
StagedLedgerFiles& StagedLedgerFiles::operator=(StagedLedgerFiles&&) noexcept = default;
StagedLedgerFiles::~StagedLedgerFiles() = default;

std::vector<std::string> StagedLedgerFiles::commit() {
  std::vector<std::string> paths;
  if (!files_) return paths;
  for (atomic::StagedFile& f : files_->staged) {
    f.commit();
    paths.push_back(f.target());
  }
  files_.reset();
  return paths;
}

StagedLedgerFiles stage_ledger_files(const Ledger& ledger, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw UsageError("cannot create the output directory " + dir + ": " + ec.message());
  StagedLedgerFiles out;
  out.files_ = std::make_unique<StagedLedgerFiles::Files>();
  auto& staged = out.files_->staged;
  staged.push_back(stage_ledger_csv(ledger, (std::filesystem::path(dir) / "ledger.csv").string()));
  staged.push_back(
      stage_ledger_xlsx(ledger, (std::filesystem::path(dir) / "ledger.xlsx").string()));
  return out;
}

std::vector<std::string> write_ledger_files(const Ledger& ledger, const std::string& dir) {
  return stage_ledger_files(ledger, dir).commit();
}

}  // namespace reserve
