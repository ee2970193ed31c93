// The check as one call: profile → zonings → compare → validate → conflicts → rules → audit → map.
#include "check/check_core.hpp"
#include "reserve/check.hpp"

#include "analysis/compare_resolved.hpp"
#include "check/conflict_loading.hpp"
#include "check/stage_threads.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/map_layers.hpp"
#include "reserve/validate.hpp"
#include "zoning/validate_resolved.hpp"

namespace reserve {
namespace check {

Profile request_profile(const CheckRequest& r) {
  Profile p = r.profile_value ? *r.profile_value : load_profile(r.profile);
  if (r.area_method) p.area_method = *r.area_method;
  return p;
}

}  // namespace check

namespace {

// The conflict layers (files and features already loaded) and monitoring; nullopt without any.
// The features' change comes from the check's own comparison (one noise classification). The
// files near the reserve are read ahead, beside the comparison (`read_ahead` below).
class RequestConflicts {
 public:
  explicit RequestConflicts(const CheckRequest& r) : r_(r) {}

  void read_ahead(const Zoning& before, const Zoning& after, const Profile& profile) {
    if (r_.features || !r_.conflicts.has_layers()) return;
    try {
      near_ = read_conflicts_near(r_.conflicts, before, after, profile);
    } catch (...) {
      read_error_ = std::current_exception();  // surfaces where the conflicts are made, as before
    }
  }

  std::optional<CheckConflicts> operator()(const Zoning& before, const Zoning& after,
                                           const Profile& profile, const Comparison& comparison,
                                           zoning::LayoutPair layouts,
                                           const LedgerCompanions& companions) {
    if (read_error_) std::rethrow_exception(read_error_);
    if (near_)
      return check_conflicts_near(std::move(*near_), r_.conflicts, r_.ledger, before, after,
                                  profile, &comparison, layouts, companions);
    if (!r_.features)
      return load_check_conflicts_resolved(r_.conflicts, r_.ledger, before, after, profile,
                                           &comparison, layouts, companions);
    FeatureSet features = load_conflict_features(r_.conflicts, before.crs);
    append(features, *r_.features);
    std::vector<Issue> issues = features.issues;
    return make_check_conflicts_resolved(std::move(features), true, before, after, profile,
                                         r_.conflicts.boundary_tolerance_m,
                                         r_.conflicts.min_area_m2, r_.ledger, std::move(issues),
                                         &comparison, layouts, nullptr, companions);
  }

 private:
  const CheckRequest& r_;
  std::optional<NearConflictFeatures> near_;
  std::exception_ptr read_error_;
};

// A zoning's zones resolved once, for the comparison and the validation; nullopt when that fails
// (each step then resolves the zoning itself and reports the failure in its own words and order).
std::optional<zoning::ResolvedLayout> try_resolve(const Zoning& z) {
  try {
    return zoning::resolve_layout(z, z.model);
  } catch (const Error&) {
    return std::nullopt;
  }
}

const zoning::ResolvedLayout* layout_ptr(const std::optional<zoning::ResolvedLayout>& l) {
  return l ? &*l : nullptr;
}

// One zoning resolved and validated: the two sides need nothing of each other, so they may run
// on two threads (check/stage_threads.hpp).
struct PreparedSide {
  std::optional<zoning::ResolvedLayout> layout;
  std::optional<ValidationReport> validation;
  std::exception_ptr validation_error;  // rethrown after the comparison, the order of old
};

PreparedSide prepare_side(const Zoning& z, const Profile& profile) {
  PreparedSide side;
  side.layout = try_resolve(z);
  try {
    side.validation = zoning::validate_zoning_resolved(
        z, TopologyOptions{}, AreaCalculator(z.crs, profile.area_method), layout_ptr(side.layout));
  } catch (...) {
    side.validation_error = std::current_exception();
  }
  return side;
}

}  // namespace

CheckResult run_check(const CheckRequest& r) { return check::run_check(r, check::LayersRead{}); }

CheckResult check::run_check(const CheckRequest& r, LayersRead read) {
  if (r.map_format && *r.map_format == MapFormat::pdf)
    throw UsageError("the check's map is embedded in the HTML report: use svg or png, not pdf");
  Profile profile = check::request_profile(r);
  ZoningPair zonings = check::load_zoning_pair(r, profile.area_method, std::move(read));
  if (!zonings.after) throw UsageError("no proposal given; give --after (after=)");
  RequestConflicts conflicts(r);
  return check::check_zonings(
      r, std::move(profile), std::move(zonings.before), std::move(*zonings.after),
      [&conflicts](const Zoning& b, const Zoning& a, const Profile& p, const Comparison& c,
                   zoning::LayoutPair layouts, const LedgerCompanions& companions) {
        return conflicts(b, a, p, c, layouts, companions);
      },
      [&conflicts](const Zoning& b, const Zoning& a, const Profile& p) {
        conflicts.read_ahead(b, a, p);
      });
}

CheckResult check::check_zonings(const CheckRequest& r, Profile profile_value, Zoning before_zoning,
                                 Zoning after_zoning, const ConflictsFor& conflicts,
                                 const ReadAhead& read_ahead) {
  CheckResult result;
  result.profile = std::move(profile_value);
  const Profile& profile = result.profile;
  result.before = std::move(before_zoning);
  result.after = std::move(after_zoning);
  const Zoning& before = result.before;
  const Zoning& after = result.after;

  Report& report = result.report;
  report.title = r.title;
  const unsigned check_budget = check::stage_threads();
  // The conflict files near the reserve are read beside the zonings' preparation and comparison
  // (they need the zonings only): on the large benchmark reserve one side's preparation outlasts
  // the other's, which left a core idle.
  // The reading keeps the check's budget: with several conflict layers it reads them side by side
  // (check/conflict_inputs.cpp), the zonings' preparation being done long before it with full
  // province layers.
  std::function<void()> read_step;
  if (read_ahead)
    read_step = [&] {
      const check::StageThreads budget(check_budget);
      read_ahead(before, after, profile);
    };
  check::Beside reading(std::move(read_step));
  auto [before_side, after_side] = check::on_both_sides(
      [&] { return prepare_side(before, profile); }, [&] { return prepare_side(after, profile); });
  const std::optional<zoning::ResolvedLayout>& before_layout = before_side.layout;
  const std::optional<zoning::ResolvedLayout>& after_layout = after_side.layout;
  // The check reads no unchanged cell's geometry (rules, reports and maps use changed pieces).
  report.comparison =
      analysis::compare_resolved(before, after, compare_options(profile), layout_ptr(before_layout),
                                 layout_ptr(after_layout), {.unchanged_geometry = false});
  reading.wait();
  if (before_side.validation_error) std::rethrow_exception(before_side.validation_error);
  if (after_side.validation_error) std::rethrow_exception(after_side.validation_error);
  report.before_validation = std::move(before_side.validation);
  report.after_validation = std::move(after_side.validation);
  // The rules need the overlay but not the ledger: they run beside the ledger and the conflicts
  // section when the conflicts maker allows it, else after it.
  bool rules_evaluated = false;
  auto evaluate = [&](const ConflictOverlay* overlay) {
    const RuleContext ctx{report.comparison, profile, &*report.before_validation,
                          &*report.after_validation, overlay};
    report.verdicts = evaluate_rules(ctx, RuleRegistry::standard());
    rules_evaluated = true;
  };
  std::optional<ReportSection> section;
  const LedgerCompanions companions{
      .beside = [&](const CheckConflicts& c) { evaluate(c.rule_input()); },
      .after_ledger =
          [&](const CheckConflicts& c) {
            // The report's section and the ledger files (the hook) need nothing of each other:
            // side by side, with the check's own budget (the ledger's thread has a budget of 1
            // beside the rules). On the large benchmark reserve they were the last step.
            const check::StageThreads shared(check_budget);
            check::run_both(
                [&] {
                  section = conflicts_section(c);
                  // With threads to spare, the report's largest text is printed here, beside
                  // the ledger files and the rules, not at the end (a province worker has none).
                  if (check_budget >= 2) print_section_ahead(*section);
                },
                [&] {
                  if (r.on_ledger) r.on_ledger(c.ledger);
                });
          }};
  result.conflicts = conflicts(before, after, profile, report.comparison,
                               {layout_ptr(before_layout), layout_ptr(after_layout)}, companions);
  if (!rules_evaluated) evaluate(result.conflicts ? result.conflicts->rule_input() : nullptr);
  if (result.conflicts && !section) section = conflicts_section(*result.conflicts);
  report.overall = overall_status(report.verdicts);
  report.audit = make_audit(before, after, profile, r.command_line);
  if (section) report.sections.push_back(std::move(*section));

  if (r.map_format) {
    const RenderedMap map = render_check_map(result, *r.map_format);
    result.map_warnings = map.summary.warnings;
    if (*r.map_format == MapFormat::svg)
      report.map.svg = map.bytes;
    else
      report.map.png.assign(map.bytes.begin(), map.bytes.end());
    report.map.caption = "调整前后功能区对比（" + map.summary.crs_note + "）";
  }
  return result;
}

RenderedMap render_check_map(const CheckResult& result, MapFormat format) {
  const ConflictOverlay* overlay = result.overlay();
  const MapLayers layers =
      comparison_map_layers(result.before, result.after, result.report.comparison,
                            overlay ? &overlay->features : nullptr);
  MapStyle style = default_map_style();
  style.title = default_map_title(true);
  return render_map_bytes(layers, style, format);
}

}  // namespace reserve
