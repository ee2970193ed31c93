// Water samples against the standards kept as data: exceedance multiples computed by hand,
// confirmed flags, user overrides, and bad cells reported.
#include <gtest/gtest.h>

#include "ledger/fixture_files.hpp"
#include "reserve/error.hpp"
#include "reserve/monitoring.hpp"

namespace reserve {
namespace {

using testing::fresh_dir;
using testing::write_text;

TEST(Standards, ShippedTableHoldsGb3838AndMarksUnconfirmedGb25466) {
  const StandardsTable t = StandardsTable::defaults();
  // GB 3838-2002 table 1 (class I … V), regulations.md §6.1.
  const std::pair<const char*, double> cd[] = {
      {"I", 0.001}, {"II", 0.005}, {"III", 0.005}, {"IV", 0.005}, {"V", 0.01}};
  for (const auto& [level, v] : cd) {
    const StandardLimit* l = t.find("GB 3838-2002", level, "Cd");
    ASSERT_NE(l, nullptr) << level;
    EXPECT_DOUBLE_EQ(l->limit_mg_l, v) << level;
  }
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "I", "Zn")->limit_mg_l, 0.05);
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "I", "Pb")->limit_mg_l, 0.01);
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "I", "As")->limit_mg_l, 0.05);
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "I", "Hg")->limit_mg_l, 0.00005);
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "III", "Hg")->limit_mg_l, 0.0001);
  EXPECT_DOUBLE_EQ(t.find("GB 3838-2002", "V", "Pb")->limit_mg_l, 0.1);
  // GB 25466-2010: Cd 0.05 for new plants (secondary), Zn unconfirmed.
  EXPECT_DOUBLE_EQ(t.find("GB 25466-2010", "new", "Cd")->limit_mg_l, 0.05);
  EXPECT_FALSE(t.find("GB 25466-2010", "new", "Zn")->confirmed);
  EXPECT_TRUE(t.find("GB 3838-2002", "I", "Cd")->confirmed);
}

TEST(Standards, UserFileOverridesAndBadRowsAreInputErrors) {
  const auto dir = fresh_dir("standards");
  write_text(dir / "mine.csv",
             "\xEF\xBB\xBFstandard,level,parameter,parameter_zh,limit_mg_l,confirmed,source,note\n"
             "GB 25466-2010,new,Zn,总锌,1.0,true,GB 25466-2010 表2 (checked),\n");
  StandardsTable t = StandardsTable::defaults();
  t.merge(StandardsTable::from_csv((dir / "mine.csv").string()));
  EXPECT_DOUBLE_EQ(t.find("GB 25466-2010", "new", "Zn")->limit_mg_l, 1.0);
  EXPECT_TRUE(t.find("GB 25466-2010", "new", "Zn")->confirmed);
  write_text(dir / "bad.csv", "standard,level,parameter,limit_mg_l\nGB 3838-2002,I,Cd,-1\n");
  EXPECT_THROW(StandardsTable::from_csv((dir / "bad.csv").string()), InputError);
  write_text(dir / "bad2.csv", "standard,level,parameter,limit_mg_l\nGB 3838-2002,I,Fe,0.3\n");
  EXPECT_THROW(StandardsTable::from_csv((dir / "bad2.csv").string()), InputError);
}

TEST(Monitoring, ParameterColumnsAreRecognised) {
  EXPECT_EQ(parameter_code("镉(mg/L)"), "Cd");
  EXPECT_EQ(parameter_code("总锌（mg/L）"), "Zn");
  EXPECT_EQ(parameter_code("Pb_mg_L"), "Pb");
  EXPECT_EQ(parameter_code("As"), "As");
  EXPECT_EQ(parameter_code("汞"), "Hg");
  EXPECT_FALSE(parameter_code("pH").has_value());
}

TEST(Monitoring, ExceedanceMultiplesByHand) {
  EXPECT_DOUBLE_EQ(exceedance_multiple(0.0052, 0.001), (0.0052 - 0.001) / 0.001);
  EXPECT_NEAR(exceedance_multiple(0.0052, 0.001), 4.2, 1e-12);
  EXPECT_THROW(exceedance_multiple(1.0, 0.0), UsageError);

  const auto dir = fresh_dir("monitoring");
  write_text(dir / "samples.csv",
             "编号,名称,类型,经度,纬度,镉(mg/L),锌(mg/L),铅(mg/L),汞(mg/L)\n"
             "S1,河流上游,地表水,105.01,36.01,0.0052,0.8,0.004,ND\n"
             "S2,渣场渗滤液,渗滤液,105.02,36.02,0.35,12.5,0.2,<0.0001\n"
             "S3,河流下游,地表水,105.03,36.03,0.0009,abc,,\n");
  const SampleSet samples =
      load_samples((dir / "samples.csv").string(), ReadOptions{}, Crs::from_epsg(4544));
  ASSERT_EQ(samples.samples.size(), 3u);
  EXPECT_EQ(samples.samples[1].kind, SampleKind::discharge);
  EXPECT_EQ(samples.samples[0].below_detection, std::vector<std::string>{"Hg"});
  bool bad_cell = false;
  for (const auto& i : samples.issues)
    bad_cell = bad_cell || (i.code == IssueCode::invalid_concentration &&
                            i.where.feature.find("4") != std::string::npos);
  EXPECT_TRUE(bad_cell);

  const MonitoringResult r = check_samples(samples, StandardsTable::defaults());
  // Hand-computed: S1 Cd (0.0052−0.001)/0.001 = 4.2 and Zn (0.8−0.05)/0.05 = 15 against
  // GB 3838 class I; S1 Pb 0.004 < 0.01 passes. S2 (leachate) against GB 25466 new plants:
  // Cd (0.35−0.05)/0.05 = 6, Zn (12.5−1.5)/1.5 = 7.333… (unconfirmed limit), Pb (0.2−0.5) < 0.
  // S3: Cd 0.0009 < 0.001 passes.
  std::map<std::string, double> got;
  for (const auto& e : r.exceedances) got[e.sample_id + "/" + e.parameter] = e.multiple;
  ASSERT_EQ(got.size(), 4u);
  EXPECT_NEAR(got["S1/Cd"], 4.2, 1e-12);
  EXPECT_NEAR(got["S1/Zn"], 15.0, 1e-12);
  EXPECT_NEAR(got["S2/Cd"], 6.0, 1e-12);
  EXPECT_NEAR(got["S2/Zn"], 11.0 / 1.5, 1e-12);
  for (const auto& e : r.exceedances) {
    if (e.sample_id == "S2" && e.parameter == "Zn") {
      EXPECT_FALSE(e.limit_confirmed);
    }
  }

  // Class II for surface water: Cd 0.005 → S1 Cd (0.0052−0.005)/0.005 = 0.04.
  MonitoringOptions o;
  o.surface_level = "II";
  const MonitoringResult r2 = check_samples(samples, StandardsTable::defaults(), o);
  bool found = false;
  for (const auto& e : r2.exceedances)
    if (e.sample_id == "S1" && e.parameter == "Cd") {
      found = true;
      EXPECT_NEAR(e.multiple, 0.04, 1e-9);
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace reserve
