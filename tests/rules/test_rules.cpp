// The rules on hand-computable zonings (rectangles in EPSG:4544, planar areas = width × height).
#include <gtest/gtest.h>

#include "analysis/zoning_fixtures.hpp"
#include "reserve/compare.hpp"
#include "reserve/error.hpp"
#include "reserve/rules.hpp"

namespace reserve {
namespace {

using testing::make_zoning;
using testing::nested_squares;
using testing::rect;
using testing::rect_ring_shape;

Profile profile_with(std::vector<RuleConfig> rules) {
  Profile p;
  p.name = "test";
  p.version = "1";
  p.area_method = AreaMethod::planar;
  p.tolerance.abs_ha = 0.01;
  p.rules = std::move(rules);
  return p;
}

RuleConfig rule(const std::string& id, std::map<std::string, ParamValue> params = {}) {
  RuleConfig rc;
  rc.id = id;
  rc.params = std::move(params);
  return rc;
}

const Measure& measured(const Verdict& v, const std::string& name) {
  for (const auto& m : v.measured)
    if (m.name == name) return m;
  throw std::runtime_error("no measure " + name + " in " + v.rule_id);
}

std::vector<Verdict> run(const Zoning& before, const Zoning& after, const Profile& p,
                         const ValidationReport* vb = nullptr,
                         const ValidationReport* va = nullptr) {
  const Comparison c = compare(before, after, compare_options(p));
  RuleContext ctx{c, p, vb, va, nullptr};
  return evaluate_rules(ctx, RuleRegistry::standard());
}

// Swap: the experimental ring loses [1500,2000]×[-1000,2000] (150 ha) and gains
// [-1500,-1000]×[-1000,2000] (150 ha). Net 0, gross removal 150 ha.
Zoning swap_proposal() {
  return make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1500, -1000, 1500, 2000, -500, -500, 1500, 1500)}});
}

TEST(Rules, SwapWarnsByDefaultAndFailsOnlyWhenTheProfileSaysSo) {
  const auto warns = run(nested_squares(), swap_proposal(), profile_with({rule("no-slimming")}));
  ASSERT_EQ(warns.size(), 1u);
  EXPECT_EQ(warns[0].status, VerdictStatus::warn);
  // Gross figures always reported (hand-computed: 500 m × 3000 m = 1.5e6 m²).
  EXPECT_NEAR(measured(warns[0], "net_change_m2").value, 0.0, 1e-3);
  EXPECT_NEAR(measured(warns[0], "gross_removed_m2").value, 1.5e6, 1e-3);
  EXPECT_NEAR(measured(warns[0], "gross_added_m2").value, 1.5e6, 1e-3);
  ASSERT_EQ(warns[0].evidence.size(), 1u);
  EXPECT_EQ(warns[0].evidence[0].kind, EvidenceKind::removed);
  EXPECT_NEAR(*warns[0].evidence[0].area_m2, 1.5e6, 1e-3);

  const auto fails = run(nested_squares(), swap_proposal(),
                         profile_with({rule("no-slimming", {{"gross_removal_fails", true}})}));
  EXPECT_EQ(fails[0].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(fails[0], "gross_removed_m2").value, 1.5e6, 1e-3);

  const auto quiet = run(nested_squares(), swap_proposal(),
                         profile_with({rule("no-slimming", {{"gross_removal_warns", false}})}));
  EXPECT_EQ(quiet[0].status, VerdictStatus::pass);
  EXPECT_NEAR(measured(quiet[0], "gross_removed_m2").value, 1.5e6, 1e-3);
}

TEST(Rules, ShrinkingFailsNoSlimmingBeyondTheTolerance) {
  // Proposal without the experimental ring's east strip: 9e6 − 1.5e6 m².
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 1000, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 1500, 2000, -500, -500, 1500, 1500)}});
  const auto v = run(nested_squares(), after, profile_with({rule("no-slimming")}));
  EXPECT_EQ(v[0].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(v[0], "net_change_m2").value, -1.5e6, 1e-3);

  // A 50 m² shave is inside an explicit 0.01 ha (100 m²) tolerance: pass… with the swap warning
  // off, since 50 m² removed is below the tolerance too.
  const Zoning shaved = make_zoning(
      "proposal", {{Zone::core, rect(0, 0, 1000, 1000)},
                   {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
                   {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 1999.98333333333, -500,
                                                        -500, 1500, 1500)}});
  const auto ok = run(nested_squares(), shaved, profile_with({rule("no-slimming")}));
  EXPECT_EQ(ok[0].status, VerdictStatus::pass) << ok[0].explanation_en;
}

// Downgrade only: the core's east strip [800,1000]×[0,1000] (20 ha) becomes experimental. Total
// unchanged; core+buffer share 4/9 → 3.8/9.
Zoning downgrade_proposal() {
  return make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 800, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)},
       {Zone::experimental, rect(800, 0, 1000, 1000)}});
}

TEST(Rules, DowngradeOnlyFailsTheShareRuleButNotNoSlimming) {
  const auto v =
      run(nested_squares(), downgrade_proposal(),
          profile_with({rule("no-slimming"), rule("core-buffer-share"), rule("core-buffer-area")}));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].status, VerdictStatus::pass) << v[0].explanation_en;
  EXPECT_EQ(v[1].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(v[1], "strict_share_before").value, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(measured(v[1], "strict_share_after").value, 3.8 / 9.0, 1e-12);
  ASSERT_EQ(v[1].evidence.size(), 1u);
  EXPECT_EQ(v[1].evidence[0].kind, EvidenceKind::downgraded);
  EXPECT_EQ(*v[1].evidence[0].zone_before, Zone::core);
  EXPECT_EQ(*v[1].evidence[0].zone_after, Zone::experimental);
  EXPECT_NEAR(*v[1].evidence[0].area_m2, 2e5, 1e-3);
  EXPECT_EQ(v[2].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(v[2], "strict_change_m2").value, -2e5, 1e-3);
  EXPECT_FALSE(v[1].explanation_zh.empty());
  EXPECT_NE(v[1].explanation_zh.find("核心区和缓冲区"), std::string::npos);
}

TEST(Rules, CoreToBufferMoveFailsPerZoneAreaOnly) {
  // Core [800,1000]×[0,1000] becomes buffer: core+buffer unchanged, core −20 ha.
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 800, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 800, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const auto sum_only = run(nested_squares(), after, profile_with({rule("core-buffer-area")}));
  EXPECT_EQ(sum_only[0].status, VerdictStatus::pass);
  const auto per_zone =
      run(nested_squares(), after, profile_with({rule("core-buffer-area", {{"per_zone", true}})}));
  EXPECT_EQ(per_zone[0].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(per_zone[0], "core_after_m2").value, 8e5, 1e-3);
}

TEST(Rules, ZoneShareLimits) {
  std::map<std::string, double> min{{"core", 0.30}}, max{{"experimental", 0.50}};
  const Profile gd =
      profile_with({rule("zone-share-limits", {{"min_share", min}, {"max_share", max}})});
  // Nested squares: core 1/9 = 11.1 % < 30 %, experimental 5/9 = 55.6 % > 50 % → fail.
  const auto bad = run(nested_squares(), nested_squares("proposal"), gd);
  EXPECT_EQ(bad[0].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(bad[0], "core_share_after").value, 1.0 / 9.0, 1e-12);
  EXPECT_NEAR(measured(bad[0], "experimental_share_after").value, 5.0 / 9.0, 1e-12);
  // Three equal 3000 m × 1000 m strips: each 1/3 → core ≥ 30 % and experimental ≤ 50 % pass.
  const Zoning thirds = make_zoning("proposal", {{Zone::core, rect(0, 0, 3000, 1000)},
                                                 {Zone::buffer, rect(0, 1000, 3000, 2000)},
                                                 {Zone::experimental, rect(0, 2000, 3000, 3000)}});
  const auto good = run(nested_squares(), thirds, gd);
  EXPECT_EQ(good[0].status, VerdictStatus::pass) << good[0].explanation_en;
  // A two-zone proposal has no core figure: not evaluated, with the reason.
  const Zoning two = make_zoning(
      "proposal",
      {{Zone::core_protection, rect(-500, -500, 1500, 1500)},
       {Zone::general_control, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)}});
  const auto skipped = run(nested_squares(), two, gd);
  EXPECT_EQ(skipped[0].status, VerdictStatus::not_evaluated);
  EXPECT_NE(skipped[0].explanation_en.find("core"), std::string::npos);
}

TEST(Rules, TwoZoneProposalShareUsesTheMapping) {
  // Core protection = old core only (1e6); old buffer → general control. Share 4/9 → 1/9.
  const Zoning two = make_zoning(
      "proposal",
      {{Zone::core_protection, rect(0, 0, 1000, 1000)},
       {Zone::general_control, rect_ring_shape(-1000, -1000, 2000, 2000, 0, 0, 1000, 1000)}});
  const auto v = run(nested_squares(), two, profile_with({rule("core-buffer-share")}));
  EXPECT_EQ(v[0].status, VerdictStatus::fail);
  EXPECT_NEAR(measured(v[0], "strict_share_before").value, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(measured(v[0], "strict_share_after").value, 1.0 / 9.0, 1e-12);
  EXPECT_NE(v[0].explanation_zh.find("核心保护区"), std::string::npos);
}

TEST(Rules, ZoningSanityUsesTheValidationReports) {
  const Profile p = profile_with({rule("zoning-sanity")});
  const auto none = run(nested_squares(), nested_squares("proposal"), p);
  EXPECT_EQ(none[0].status, VerdictStatus::not_evaluated);

  ValidationReport clean;
  const auto pass = run(nested_squares(), nested_squares("proposal"), p, &clean, &clean);
  EXPECT_EQ(pass[0].status, VerdictStatus::pass);

  ValidationReport overlapping;
  Issue issue;
  issue.code = IssueCode::zone_overlap;
  issue.severity = Severity::error;
  issue.message = "core and buffer overlap by 12.5 m²";
  issue.area_m2 = 12.5;
  overlapping.issues.push_back(issue);
  const auto fail = run(nested_squares(), nested_squares("proposal"), p, &clean, &overlapping);
  EXPECT_EQ(fail[0].status, VerdictStatus::fail);
  ASSERT_EQ(fail[0].evidence.size(), 1u);
  EXPECT_EQ(fail[0].evidence[0].kind, EvidenceKind::issue);
  EXPECT_NE(fail[0].evidence[0].id.find("zone-overlap"), std::string::npos);
}

// A proposal feature with a NaN vertex is skipped when read (non-finite-coordinate, an error in
// the validation). Before the fix its land read as removed: no-slimming FAILED on a shrink that
// is not in the proposal, core-buffer-share PASSED on the rest, nothing in the verdicts said why.
// Now every rule but zoning-sanity (which lists the finding) is incomplete and names it.
TEST(Rules, UnreadZoningFeaturesMakeTheFigureRulesIncomplete) {
  const Profile p =
      profile_with({rule("no-slimming"), rule("core-buffer-share"), rule("zoning-sanity")});
  ValidationReport clean;
  ValidationReport unread;
  Issue issue;
  issue.code = IssueCode::non_finite_coordinate;
  issue.severity = Severity::error;
  issue.message = "vertex 3 has a coordinate that is not a finite number";
  issue.where = SourceRef{"proposal.gpkg", "zones", "7"};
  unread.issues.push_back(issue);
  const auto v = run(nested_squares(), nested_squares("proposal"), p, &clean, &unread);
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].status, VerdictStatus::incomplete);
  EXPECT_NE(v[0].explanation_en.find("proposal.gpkg, layer 'zones', feature 7"), std::string::npos)
      << v[0].explanation_en;
  EXPECT_EQ(v[1].status, VerdictStatus::incomplete);
  EXPECT_EQ(v[2].status, VerdictStatus::fail);  // zoning-sanity: the error itself

  // A zone row without a shape (null or empty geometry, a warning when read) is land whose
  // boundary was lost, not "no land": the figures miss it as they miss the NaN feature's
  // (DESIGN.md: partial input never passes).
  for (const IssueCode code : {IssueCode::null_geometry, IssueCode::empty_geometry}) {
    ValidationReport null_only;
    issue.code = code;
    issue.severity = Severity::warning;
    null_only.issues.push_back(issue);
    const auto w = run(nested_squares(), nested_squares("proposal"), p, &clean, &null_only);
    EXPECT_EQ(w[0].status, VerdictStatus::incomplete);
    EXPECT_NE(w[0].explanation_en.find("have no geometry"), std::string::npos)
        << w[0].explanation_en;
    EXPECT_EQ(w[1].status, VerdictStatus::incomplete);
  }
  // A layer-wide issue of the same code (no row named) is not a missing zone.
  ValidationReport layer_wide;
  issue.code = IssueCode::null_geometry;
  issue.where.feature.clear();
  layer_wide.issues.push_back(issue);
  const auto l = run(nested_squares(), nested_squares("proposal"), p, &clean, &layer_wide);
  EXPECT_EQ(l[0].status, VerdictStatus::pass);
  // An unparsable WKT row of a CSV zoning is skipped as unread as well.
  ValidationReport bad_wkt;
  issue.code = IssueCode::bad_geometry;
  issue.severity = Severity::error;
  issue.where.feature = "row 5";
  bad_wkt.issues.push_back(issue);
  const auto b = run(nested_squares(), nested_squares("proposal"), p, &clean, &bad_wkt);
  EXPECT_EQ(b[0].status, VerdictStatus::incomplete);
}

TEST(Rules, NoAdjustingIsNotEvaluatedWithoutConflictLayers) {
  const auto v = run(nested_squares(), swap_proposal(),
                     profile_with({rule("no-adjusting-instead-of-rectifying")}));
  EXPECT_EQ(v[0].status, VerdictStatus::not_evaluated);
  EXPECT_NE(v[0].explanation_en.find("no conflict layers"), std::string::npos);
  // The removed land is still listed for a manual check.
  ASSERT_EQ(v[0].evidence.size(), 1u);
  EXPECT_EQ(overall_status(v), VerdictStatus::warn);  // never a silent pass
}

TEST(Rules, OverallStatusAndWarnProfiles) {
  Verdict pass, fail, warn, skipped;
  pass.status = VerdictStatus::pass;
  fail.status = VerdictStatus::fail;
  warn.status = VerdictStatus::warn;
  skipped.status = VerdictStatus::not_evaluated;
  EXPECT_EQ(overall_status({}), VerdictStatus::pass);
  EXPECT_EQ(overall_status({pass, pass}), VerdictStatus::pass);
  EXPECT_EQ(overall_status({pass, skipped}), VerdictStatus::warn);
  EXPECT_EQ(overall_status({warn, fail, skipped}), VerdictStatus::fail);

  RuleConfig soft = rule("core-buffer-share");
  soft.on_violation = VerdictStatus::warn;
  const auto v = run(nested_squares(), downgrade_proposal(), profile_with({soft}));
  EXPECT_EQ(v[0].status, VerdictStatus::warn);

  RuleConfig off = rule("core-buffer-share");
  off.enabled = false;
  EXPECT_TRUE(run(nested_squares(), downgrade_proposal(), profile_with({off})).empty());
  EXPECT_THROW(run(nested_squares(), downgrade_proposal(), profile_with({rule("no-such-rule")})),
               UsageError);
}

}  // namespace
// Issue 10.8: a share change too small for two decimals is printed with the decimals that show
// it. The core's east strip [999.6,1000]×[0,1000] (400 m², hand-computed) becomes experimental:
// share 4/9 = 44.4444 % → 3.9996/9 = 44.4400 %, both "44.44 %" at two decimals.
TEST(Rules, ShareThatRoundsToTheSameValueIsPrintedWithEnoughDecimals) {
  const Zoning after = make_zoning(
      "proposal",
      {{Zone::core, rect(0, 0, 999.6, 1000)},
       {Zone::buffer, rect_ring_shape(-500, -500, 1500, 1500, 0, 0, 1000, 1000)},
       {Zone::experimental, rect_ring_shape(-1000, -1000, 2000, 2000, -500, -500, 1500, 1500)},
       {Zone::experimental, rect(999.6, 0, 1000, 1000)}});
  const auto v = run(nested_squares(), after, profile_with({rule("core-buffer-share")}));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_NE(v[0].explanation_en.find("44.444 % → 44.440 %"), std::string::npos)
      << v[0].explanation_en;
  EXPECT_NE(v[0].explanation_zh.find("44.444 % → 44.440 %"), std::string::npos)
      << v[0].explanation_zh;
}

}  // namespace reserve
