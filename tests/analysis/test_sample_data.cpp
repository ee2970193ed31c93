// The sample case (data/): baseline.gpkg vs proposal.gpkg compared with the figures in
// data/expected.json, which data/make_sample.py computed independently of libreserve (Shapely
// planar areas; pyproj Geod geodesic areas on EPSG:4490 vertices).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "reserve/compare.hpp"
#include "reserve/rules.hpp"
#include "reserve/zoning.hpp"

namespace reserve {
namespace {

const std::string kData = std::string(RESERVE_SOURCE_DIR) + "/data/";

nlohmann::json expected() {
  std::ifstream in(kData + "expected.json");
  return nlohmann::json::parse(in);
}

Zoning load(const std::string& file, const std::string& name) {
  ZoningOptions o;
  o.name = name;
  ZoningSource s;
  s.path = kData + file;
  o.sources.push_back(s);
  o.working_crs = "EPSG:4544";
  return load_zoning(o);
}

class SampleData : public ::testing::Test {
 protected:
  void SetUp() override {
    // The sample case is this suite's input: its absence is a failure, never a skip.
    ASSERT_TRUE(std::filesystem::exists(kData + "expected.json"))
        << kData << "expected.json is missing (the sample case in data/)";
    exp_ = expected();
    before_ = load("baseline.gpkg", "baseline");
    after_ = load("proposal.gpkg", "proposal");
  }
  nlohmann::json exp_;
  Zoning before_, after_;
};

// Planar: Shapely and libreserve both sum shoelace terms over the same vertices; different
// summation order leaves ~1e-8 m² on 2e8 m² (coordinates ~5e5, 3.7e6 m). Tolerance 1e-9
// relative (≈ 0.2 m² on the total).
TEST_F(SampleData, PlanarFiguresMatchExpected) {
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  const Comparison c = compare(before_, after_, o);
  for (const char* z : {"core", "buffer", "experimental"}) {
    const Zone zone = *zone_from_string(z);
    const double eb = exp_["baseline"]["zones"][z]["planar_m2"].get<double>();
    const double ea = exp_["proposal"]["zones"][z]["planar_m2"].get<double>();
    EXPECT_NEAR(c.before.area_m2(zone), eb, 1e-9 * eb) << z;
    EXPECT_NEAR(c.after.area_m2(zone), ea, 1e-9 * ea) << z;
  }
  const double tb = exp_["baseline"]["total"]["planar_m2"].get<double>();
  const double ta = exp_["proposal"]["total"]["planar_m2"].get<double>();
  EXPECT_NEAR(c.before.total_m2, tb, 1e-9 * tb);
  EXPECT_NEAR(c.after.total_m2, ta, 1e-9 * ta);
  EXPECT_NEAR(c.before.strict_share, exp_["baseline"]["core_buffer_share_planar"].get<double>(),
              1e-9);
  EXPECT_NEAR(c.after.strict_share, exp_["proposal"]["core_buffer_share_planar"].get<double>(),
              1e-9);
  const double removed = exp_["change"]["gross_removed"]["planar_m2"].get<double>();
  const double added = exp_["change"]["gross_added"]["planar_m2"].get<double>();
  EXPECT_NEAR(c.removed.area_m2, removed, 1e-9 * tb);
  EXPECT_NEAR(c.added.area_m2, added, 1e-9 * tb);
  EXPECT_NEAR(c.net_change_m2(), exp_["change"]["net_planar_m2"].get<double>(), 1e-9 * tb);

  // Transition matrix, cell by cell (Shapely overlay vs GEOS OverlayNG via libreserve): 1e-9 of
  // the total.
  const auto& m = exp_["transition_matrix_planar_m2"];
  for (const auto& [from, row] : m.items()) {
    for (const auto& [to, value] : row.items()) {
      if (value.is_null()) continue;
      const TransitionCell* cell = c.cell(*zone_from_string(from), *zone_from_string(to));
      ASSERT_NE(cell, nullptr) << from << "→" << to;
      EXPECT_NEAR(cell->area_m2, value.get<double>(), 1e-9 * tb) << from << "→" << to;
    }
  }
  // Downgraded buffer → experimental: 331.26 ha (summary, 0.01 ha).
  EXPECT_NEAR(to_ha(c.downgraded.area_m2),
              exp_["summary"]["downgraded_buffer_to_experimental_ha"].get<double>(), 0.005);
}

// The noise slivers (five vertices moved < 0.5 m) are separated by three-no's tolerance: every
// designed noise piece is noise and every designed change is not.
TEST_F(SampleData, NoiseSliversAreSeparated) {
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  o.noise.max_width_m = 1.0;
  o.noise.max_area_m2 = 5000.0;
  const Comparison c = compare(before_, after_, o);
  const auto& noise = exp_["noise"];
  int removed_noise = 0, added_noise = 0;
  for (const auto& p : c.removed.pieces) removed_noise += p.noise ? 1 : 0;
  for (const auto& p : c.added.pieces) added_noise += p.noise ? 1 : 0;
  EXPECT_EQ(removed_noise, noise["removed_pieces"].get<int>());
  EXPECT_EQ(added_noise, noise["added_pieces"].get<int>());
  const double tb = exp_["baseline"]["total"]["planar_m2"].get<double>();
  EXPECT_NEAR(c.removed.noise_m2, noise["removed_planar_m2"].get<double>(), 1e-9 * tb);
  EXPECT_NEAR(c.added.noise_m2, noise["added_planar_m2"].get<double>(), 1e-9 * tb);
  for (const auto& p : c.noise_pieces())
    EXPECT_LE(p.width_m, noise["max_sliver_width_m"].get<double>() + 1e-9);
}

// Geodesic: zones measured directly against pyproj's Geod on the same vertices, 1e-9 relative.
// The cell-derived figures differ from direct measurement by the vertices the overlay inserts
// (geodesic edges): 1e-8 relative.
TEST_F(SampleData, GeodesicFiguresMatchPyproj) {
  CompareOptions o;
  o.area_method = AreaMethod::geodesic;
  const Comparison c = compare(before_, after_, o);
  for (const char* z : {"core", "buffer", "experimental"}) {
    const Zone zone = *zone_from_string(z);
    for (const auto& [summary, side] :
         {std::pair{&c.before, "baseline"}, std::pair{&c.after, "proposal"}}) {
      const double e = exp_[side]["zones"][z]["geodesic_m2"].get<double>();
      double measured = 0.0;
      for (const auto& zf : summary->zones)
        if (zf.zone == zone) measured = zf.measured_m2;
      EXPECT_NEAR(measured, e, 1e-9 * e) << side << " " << z;
      EXPECT_NEAR(summary->area_m2(zone), e, 1e-8 * e) << side << " " << z;
    }
  }
  EXPECT_NEAR(to_ha(c.before.total_m2), exp_["summary"]["baseline_total_ha_geodesic"].get<double>(),
              0.005);
  EXPECT_NEAR(to_ha(c.after.total_m2), exp_["summary"]["proposal_total_ha_geodesic"].get<double>(),
              0.005);
  const double removed = exp_["change"]["gross_removed"]["geodesic_m2"].get<double>();
  EXPECT_NEAR(c.removed.area_m2, removed, 1e-8 * c.before.total_m2);
}

// Survey (图斑椭球面积, docs/survey-area.md): zones measured directly against pyproj on the
// Gauss–Krüger-straight boundary (each edge densified to 1 m in EPSG:4544, Transformer →
// EPSG:4490 always_xy, Geod(ellps='GRS80').polygon_area_perimeter: tests/geom/
// survey_area_reference.py data/baseline.gpkg data/proposal.gpkg, run once), and against the
// geodesic figures of data/expected.json. The sample's edges are short, so survey and geodesic
// agree to ~1e-11: pyproj gives survey − geodesic = −0.0009 m² (core), −0.0016 m² (buffer),
// +0.0010 m² (experimental) on the baseline. Tolerance 0.05 m² per zone (1e-9 relative).
TEST_F(SampleData, SurveyFiguresMatchPyprojAndGeodesic) {
  CompareOptions o;
  o.area_method = AreaMethod::survey;
  const Comparison c = compare(before_, after_, o);
  EXPECT_EQ(c.area_method, AreaMethod::survey);
  const std::map<std::string, std::map<std::string, double>> pyproj = {
      {"baseline",
       {{"core", 45228621.00145782},
        {"buffer", 75155013.17256318},
        {"experimental", 83455091.84034735}}},
      {"proposal",
       {{"core", 45228621.00145782},
        {"buffer", 71235031.70046122},
        {"experimental", 84111774.82294378}}},
  };
  for (const char* z : {"core", "buffer", "experimental"}) {
    const Zone zone = *zone_from_string(z);
    for (const auto& [summary, side] :
         {std::pair{&c.before, "baseline"}, std::pair{&c.after, "proposal"}}) {
      double measured = 0.0;
      for (const auto& zf : summary->zones)
        if (zf.zone == zone) measured = zf.measured_m2;
      EXPECT_NEAR(measured, pyproj.at(side).at(z), 0.05) << side << " " << z;
      EXPECT_NEAR(measured, exp_[side]["zones"][z]["geodesic_m2"].get<double>(), 0.05)
          << side << " " << z;
    }
  }
}

// The three-no profile's verdicts on the sample, as the sample was designed (rules_expected).
TEST_F(SampleData, ThreeNoVerdicts) {
  const Profile p = load_profile("three-no");
  const Comparison c = compare(before_, after_, compare_options(p));
  RuleContext ctx{c, p, nullptr, nullptr, nullptr};
  const auto verdicts = evaluate_rules(ctx, RuleRegistry::standard());
  for (const auto& v : verdicts) {
    if (v.rule_id == "no-slimming") {
      EXPECT_EQ(to_string(v.status), exp_["rules_expected"]["no_slimming"].get<std::string>());
    }
    if (v.rule_id == "core-buffer-share") {
      EXPECT_EQ(to_string(v.status),
                exp_["rules_expected"]["no_ratio_reduction"].get<std::string>());
    }
  }
  EXPECT_EQ(overall_status(verdicts), VerdictStatus::fail);
}

// The two-zone proposal against the three-zone baseline, with the default mapping.
TEST_F(SampleData, TwoZoneProposal) {
  const Zoning two = load("proposal_two_zone.gpkg", "proposal");
  CompareOptions o;
  o.area_method = AreaMethod::planar;
  const Comparison c = compare(before_, two, o);
  EXPECT_EQ(c.model, ZoneModel::two_zone);
  const double e = exp_["proposal_two_zone"]["zones"]["core_protection"]["planar_m2"].get<double>();
  EXPECT_NEAR(c.after.area_m2(Zone::core_protection), e, 1e-9 * e);
  EXPECT_NEAR(c.after.strict_share,
              exp_["proposal_two_zone"]["core_protection_share_planar"].get<double>(), 1e-9);
  EXPECT_NEAR(c.before.strict_share, exp_["baseline"]["core_buffer_share_planar"].get<double>(),
              1e-9);
  ASSERT_TRUE(c.before_original.has_value());
  const double core = exp_["baseline"]["zones"]["core"]["planar_m2"].get<double>();
  EXPECT_NEAR(c.before_original->area_m2(Zone::core), core, 1e-9 * core);
}

}  // namespace
}  // namespace reserve
