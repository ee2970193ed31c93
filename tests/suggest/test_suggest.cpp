// `suggest` round trips: the suggestion applied to the proposal passes the rules it set out to
// restore when checked again (in memory and from proposal_suggested.gpkg on disk). Zonings are
// rows of 100 m squares in local metres (planar areas, 1 square = 10 000 m² = 1 ha), so every
// expected figure below is computed by hand in the comment beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "reserve/map_layers.hpp"
#include "reserve/suggest.hpp"
#include "support/cli_runner.hpp"
#include "support/gdal_writer.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using test::ZoneRow;

std::string box(double x0, double y0, double x1, double y1) {
  return "POLYGON ((" + std::to_string(x0) + " " + std::to_string(y0) + ", " + std::to_string(x1) +
         " " + std::to_string(y0) + ", " + std::to_string(x1) + " " + std::to_string(y1) + ", " +
         std::to_string(x0) + " " + std::to_string(y1) + ", " + std::to_string(x0) + " " +
         std::to_string(y0) + "))";
}

// Candidate parcels (a layer "parcels", field 编号), shifted like the zonings.
void write_candidates(const std::string& path, const std::vector<std::string>& wkts) {
  test::LayerSpec spec;
  spec.layer = "parcels";
  spec.epsg = 4544;
  spec.fields = {{"编号", "string"}};
  for (std::size_t i = 0; i < wkts.size(); ++i)
    spec.features.push_back({test::shifted_wkt(wkts[i], 500000, 3700000), {std::to_string(i + 1)}});
  test::write_layer(path, spec);
}

// The slimming proposal: experimental cut back from [300,600] to [300,500] → total 5 ha (1 ha
// short of the baseline below), core + buffer 3 ha (share 60 %, not reduced).
std::vector<ZoneRow> short_by_one_ha() {
  return {{"核心区", box(0, 0, 100, 100)},
          {"缓冲区", box(100, 0, 300, 100)},
          {"实验区", box(300, 0, 500, 100)}};
}

// Baseline: core [0,100], buffer [100,300], experimental [300,600] × [0,100]: total 6 ha, core +
// buffer 3 ha, share 50 %.
class SuggestRoundTrip : public ::testing::Test {
 protected:
  test::TempDir dir;
  std::string before = dir.file("before.gpkg");
  void SetUp() override {
    test::write_zone_gpkg(before, "功能分区",
                          {{"核心区", box(0, 0, 100, 100)},
                           {"缓冲区", box(100, 0, 300, 100)},
                           {"实验区", box(300, 0, 600, 100)}});
  }
  SuggestRequest request(const std::vector<ZoneRow>& proposal,
                         const std::vector<std::string>& candidates) {
    const std::string after = dir.file("after.gpkg"), cand = dir.file("candidates.gpkg");
    test::write_zone_gpkg(after, "功能分区", proposal);
    write_candidates(cand, candidates);
    SuggestRequest r;
    r.check.before.path = before;
    r.check.after.path = after;
    r.check.area_method = AreaMethod::planar;
    r.options.candidates = {cand};
    return r;
  }
  static const Verdict& verdict(const CheckResult& c, const std::string& id) {
    for (const auto& v : c.report.verdicts)
      if (v.rule_id == id) return v;
    throw std::runtime_error("no verdict " + id);
  }
  // The round trip: every rule the suggestion set out to restore passes, in memory and when
  // proposal_suggested.gpkg is read back by run_check.
  void expect_round_trip(const SuggestRequest& req, const SuggestResult& r) {
    ASSERT_EQ(r.status, SuggestStatus::solved);
    ASSERT_TRUE(r.recheck.has_value());
    ASSERT_FALSE(r.targets.empty());
    const std::string out = dir.file("out");
    write_suggestion(r, out, {ReportFormat::json}, false);
    CheckRequest again = req.check;
    again.after = CheckZoningInput{};
    again.after.path = out + "/proposal_suggested.gpkg";
    const CheckResult from_file = run_check(again);
    // Passes, or warns (no-slimming warns about land the proposal itself removed — a swap —
    // which no addition can undo); never fails.
    auto restored = [](VerdictStatus s) {
      return s == VerdictStatus::pass || s == VerdictStatus::warn;
    };
    for (const auto& t : r.targets) {
      EXPECT_TRUE(restored(verdict(*r.recheck, t.rule_id).status)) << t.rule_id;
      EXPECT_TRUE(restored(verdict(from_file, t.rule_id).status)) << t.rule_id;
    }
  }
  static double added_m2(const SuggestResult& r, SuggestionAction a) {
    double s = 0.0;
    for (const auto& p : r.parcels) s += p.action == a ? p.area_m2 : 0.0;
    return s;
  }
};

TEST_F(SuggestRoundTrip, SlimmingOnly) {
  // Proposal: experimental cut back to [300,500] → total 5 ha (1 ha short), share 3/5 = 60 %.
  // Candidates: [500,600] (1 ha, touches), [0,600]×[100,150] (3 ha, touches), [700,800] (1 ha,
  // 200 m away). Least area: the 1 ha parcel, so the total is back to 6 ha.
  const auto req = request(short_by_one_ha(),
                           {box(500, 0, 600, 100), box(0, 100, 600, 150), box(700, 0, 800, 100)});
  const SuggestResult r = suggest(req);
  ASSERT_EQ(r.targets.size(), 1u);
  EXPECT_EQ(r.targets[0].rule_id, "no-slimming");
  EXPECT_EQ(r.method, "ilp");
  EXPECT_NEAR(added_m2(r, SuggestionAction::add), 10000.0, 0.01);  // 100 m × 100 m; ±0.01 m²
  EXPECT_NEAR(r.objective, 10000.0, 0.01);
  EXPECT_NEAR(r.gap, 0.0, 1e-9);
  EXPECT_EQ(r.parcels_considered, 3u);
  EXPECT_EQ(r.parcels_reachable, 2u);  // the parcel 200 m away is not contiguous
  expect_round_trip(req, r);
}

TEST_F(SuggestRoundTrip, ShareOnly) {
  // Proposal: buffer shrunk to [100,200], experimental [200,600] → total 6 ha, share 2/6. Restoring
  // the downgraded [200,300] (1 ha) brings it back to 3/6 = 50 %; adding strict land would need
  // (2 + a)/(6 + a) ≥ 0.5 → a ≥ 2 ha, and the only added parcel is 3 ha. Least area: the upgrade.
  const auto req = request({{"核心区", box(0, 0, 100, 100)},
                            {"缓冲区", box(100, 0, 200, 100)},
                            {"实验区", box(200, 0, 600, 100)}},
                           {box(0, 100, 600, 150)});
  const SuggestResult r = suggest(req);
  ASSERT_EQ(r.targets.size(), 1u);
  EXPECT_EQ(r.targets[0].rule_id, "core-buffer-share");
  EXPECT_NEAR(added_m2(r, SuggestionAction::upgrade), 10000.0, 0.01);  // ±0.01 m²
  EXPECT_NEAR(added_m2(r, SuggestionAction::add), 0.0, 0.01);
  ASSERT_EQ(r.parcels.size(), 1u);
  EXPECT_EQ(r.parcels[0].zone_before, Zone::experimental);
  EXPECT_EQ(r.parcels[0].zone_after, Zone::buffer);
  expect_round_trip(req, r);
}

TEST_F(SuggestRoundTrip, BothWithConflicts) {
  // Proposal: buffer [100,200], experimental [200,500] → total 5 ha (1 ha short), share 2/5.
  // A mining right [520,580]×[20,80] lies in the candidate [500,600]; with a 10 m buffer the
  // candidate keeps only 1 − 0.8² = 0.36 ha. Three 1 ha parcels above the experimental zone.
  // Cheapest: one 1 ha parcel added as 缓冲区 → total 6 ha, share (2 + 1)/6 = 50 %: 10 000 m².
  auto req = request({{"核心区", box(0, 0, 100, 100)},
                      {"缓冲区", box(100, 0, 200, 100)},
                      {"实验区", box(200, 0, 500, 100)}},
                     {box(500, 0, 600, 100), box(200, 100, 300, 200), box(300, 100, 400, 200),
                      box(400, 100, 500, 200)});
  test::LayerSpec mines;
  mines.layer = "rights";
  mines.epsg = 4544;
  mines.fields = {{"矿权类型", "string"}, {"矿山名称", "string"}};
  mines.features = {
      {test::shifted_wkt(box(520, 20, 580, 80), 500000, 3700000), {"采矿权", "某矿"}}};
  test::write_layer(dir.file("mines.gpkg"), mines);
  req.check.conflicts.mining = {dir.file("mines.gpkg")};
  req.options.conflict_buffer_m = 10.0;
  const SuggestResult r = suggest(req);
  ASSERT_EQ(r.targets.size(), 2u);
  // The right grown by 10 m (GEOS buffer, 8 segments per quarter circle): 60² + 4·60·10 plus a
  // 32-gon of radius 10 m, 16·10²·sin(π/16) = 312.144 m² → 6312.145 m²; ±0.01 m².
  EXPECT_NEAR(r.conflict_excluded_m2, 3600.0 + 2400.0 + 1600.0 * std::sin(M_PI / 16.0), 0.01);
  EXPECT_NEAR(r.objective, 10000.0, 0.01);
  for (const auto& p : r.parcels) EXPECT_EQ(p.action, SuggestionAction::add);
  expect_round_trip(req, r);
  // Nothing of the grown mining right is in the suggested reserve.
  const MultiPolygon grown{{Polygon{{{500510, 3700010},
                                     {500590, 3700010},
                                     {500590, 3700090},
                                     {500510, 3700090},
                                     {500510, 3700010}},
                                    {}}}};
  for (const auto& p : r.suggested->parts) {
    const Envelope e = envelope_of(p.geometry);
    const bool apart = e.max_x <= 500510 + 1e-6 || e.min_x >= 500590 - 1e-6 ||
                       e.max_y <= 3700010 + 1e-6 || e.min_y >= 3700090 - 1e-6;
    EXPECT_TRUE(apart || p.where.file != "suggestion") << p.feature_id;
  }
}

TEST_F(SuggestRoundTrip, NoCandidateSetCanPass) {
  // Proposal 1 ha short (as SlimmingOnly); the only touching candidate is [500,530] (0.30 ha), the
  // other lies 200 m away: 不瘦身 cannot be met, 0.30 ha of the 1.00 ha needed.
  const auto req = request(short_by_one_ha(), {box(500, 0, 530, 100), box(700, 0, 800, 100)});
  const SuggestResult r = suggest(req);
  EXPECT_EQ(r.status, SuggestStatus::infeasible);
  EXPECT_EQ(exit_code_for(r), 1);
  ASSERT_EQ(r.unmet.size(), 1u);
  EXPECT_EQ(r.unmet[0],
            "不瘦身 cannot be met: candidates contiguous with the reserve add at most 0.30 ha of "
            "the 1.00 ha needed");
  // With a 200 m gap allowed, the far parcel counts as contiguous and the case is solved.
  SuggestRequest wider = req;
  wider.options.max_gap_m = 200.0;
  const SuggestResult w = suggest(wider);
  EXPECT_EQ(w.status, SuggestStatus::solved);
  EXPECT_NEAR(w.objective, 10000.0, 0.01);  // the 1 ha parcel alone; ±0.01 m²
}

TEST_F(SuggestRoundTrip, GreedyBeyondTheExactLimitStatesItsBound) {
  // As SlimmingOnly with the exact limit at 0 pieces: the greedy takes the 1 ha parcel (its best
  // ratio of violation removed per m²), and the LP relaxation's bound is the same 10 000 m² (the
  // relaxation may take fractions, but any fraction of the 3 ha strip costs as much per m²).
  auto req = request(short_by_one_ha(),
                     {box(500, 0, 600, 100), box(0, 100, 600, 150), box(700, 0, 800, 100)});
  req.options.max_exact_candidates = 0;
  const SuggestResult r = suggest(req);
  EXPECT_EQ(r.method, "greedy");
  EXPECT_NEAR(r.objective, 10000.0, 0.01);    // ±0.01 m²
  EXPECT_NEAR(r.lower_bound, 10000.0, 0.01);  // ±0.01 m²
  EXPECT_NEAR(r.gap, 0.0, 1e-9);
  expect_round_trip(req, r);
}

TEST_F(SuggestRoundTrip, CommandLineExitCodesAndMessage) {
  // The infeasible case of NoCandidateSetCanPass through `reserve suggest`: exit 1 and the
  // sentence with the figures; with --max-gap 200 it is solved (exit 0) and writes the files.
  const auto req = request(short_by_one_ha(), {box(500, 0, 530, 100), box(700, 0, 800, 100)});
  const std::vector<std::string> args = {"suggest",
                                         "--before",
                                         req.check.before.path,
                                         "--after",
                                         req.check.after.path,
                                         "--candidates",
                                         req.options.candidates[0],
                                         "--area-method",
                                         "planar",
                                         "--no-map",
                                         "--out",
                                         dir.file("cli")};
  const test::CliResult no = test::run_cli(args);
  EXPECT_EQ(no.exit_code, 1) << no.err;
  EXPECT_NE(no.out.find("不瘦身 cannot be met: candidates contiguous with the reserve add at most "
                        "0.30 ha of the 1.00 ha needed"),
            std::string::npos)
      << no.out;
  std::vector<std::string> wider = args;
  wider.insert(wider.end(), {"--max-gap", "200"});
  const test::CliResult yes = test::run_cli(wider);
  EXPECT_EQ(yes.exit_code, 0) << yes.err;
  EXPECT_TRUE(std::filesystem::exists(dir.file("cli") + "/proposal_suggested.gpkg"));
  EXPECT_TRUE(std::filesystem::exists(dir.file("cli") + "/suggestion.gpkg"));
}

TEST_F(SuggestRoundTrip, MapDrawsTheSuggestedParcels) {
  // The suggestion map's layer: parcels as ChangeKind::suggested, drawn with their own legend
  // entry ("change:suggested", label from the default style).
  const auto req = request(short_by_one_ha(), {box(500, 0, 600, 100)});
  const SuggestResult r = suggest(req);
  ASSERT_EQ(r.parcels.size(), 1u);
  MapLayers layers =
      comparison_map_layers(r.check.before, r.check.after, r.check.report.comparison);
  layers.changes.push_back({r.parcels[0].id, ChangeKind::suggested, r.parcels[0].geometry});
  const RenderedMap m = render_map_bytes(layers, default_map_style(), MapFormat::svg);
  EXPECT_NE(
      std::find(m.summary.changes_drawn.begin(), m.summary.changes_drawn.end(), r.parcels[0].id),
      m.summary.changes_drawn.end());
  bool legend = false;
  for (const auto& e : m.summary.legend)
    legend = legend || (e.key == "change:suggested" && e.label == "建议调入或升级区域");
  EXPECT_TRUE(legend);
}

TEST(SuggestSample, RoundTripOnTheSampleCase) {
  // data/: the sample proposal fails 不瘦身 and the share; data/candidates.gpkg offers land.
  const std::string data = std::string(RESERVE_SOURCE_DIR) + "/data/";
  SuggestRequest req;
  req.check.before.path = data + "baseline.gpkg";
  req.check.after.path = data + "proposal.gpkg";
  req.check.conflicts.mining = {data + "mining_rights.gpkg"};
  req.options.candidates = {data + "candidates.gpkg"};
  const SuggestResult r = suggest(req);
  ASSERT_EQ(r.status, SuggestStatus::solved);
  ASSERT_EQ(r.targets.size(), 2u);
  ASSERT_TRUE(r.recheck);
  for (const auto& v : r.recheck->report.verdicts)
    if (v.rule_id == "no-slimming" || v.rule_id == "core-buffer-share") {
      EXPECT_NE(v.status, VerdictStatus::fail) << v.rule_id;
    }
  // The added land at least makes up the shortfall the check measured.
  double added = 0.0;
  for (const auto& p : r.parcels) added += p.action == SuggestionAction::add ? p.area_m2 : 0.0;
  const Comparison& c = r.check.report.comparison;
  EXPECT_GE(added, c.before.total_m2 - c.total_after_noise_excluded_m2());
}

}  // namespace
}  // namespace reserve
