// Profile parsing: shipped profiles load, every key is checked, lookup by name and path.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reserve/error.hpp"
#include "reserve/rules.hpp"

namespace reserve {
namespace {

namespace fs = std::filesystem;

const std::string kShipped = std::string(RESERVE_SOURCE_DIR) + "/libreserve/share/profiles/";

std::string error_of(const std::string& toml, const std::string& origin = "test.toml") {
  try {
    parse_profile(toml, origin);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST(Profile, ShippedProfilesLoad) {
  const Profile three = load_profile(kShipped + "three-no.toml");
  EXPECT_EQ(three.name, "three-no");
  EXPECT_EQ(three.area_method, AreaMethod::geodesic);
  EXPECT_DOUBLE_EQ(three.tolerance.abs_ha, 0.01);
  EXPECT_DOUBLE_EQ(three.noise.max_width_m, 1.0);
  ASSERT_EQ(three.rules.size(), 4u);
  EXPECT_EQ(three.rules[0].id, "no-slimming");
  EXPECT_FALSE(three.rules[0].flag("gross_removal_fails", true));
  EXPECT_NE(three.rule("no-adjusting-instead-of-rectifying"), nullptr);
  EXPECT_FALSE(three.conflicts.categories.empty());
  EXPECT_EQ(three.legacy_map.buffer, Zone::core_protection);

  const Profile national = load_profile(kShipped + "national-2013.toml");
  EXPECT_EQ(national.confidence, "S");
  EXPECT_TRUE(national.rule("core-buffer-area")->flag("per_zone", false));
  EXPECT_EQ(national.rule("no-slimming")->on_violation, VerdictStatus::warn);

  const Profile gd = load_profile(kShipped + "guangdong-2023.toml");
  EXPECT_EQ(gd.confidence, "S");
  const auto min = gd.rule("zone-share-limits")->number_table("min_share");
  EXPECT_DOUBLE_EQ(min.at("core"), 0.30);
  EXPECT_DOUBLE_EQ(gd.rule("zone-share-limits")->number_table("max_share").at("experimental"),
                   0.50);
}

TEST(Profile, ShippedNamesAreFoundOnTheSearchPath) {
  const Profile p = load_profile("three-no");
  EXPECT_EQ(p.name, "three-no");
  const auto names = available_profiles();
  for (const char* n : {"three-no", "national-2013", "guangdong-2023"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
  try {
    load_profile("no-such-profile");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("three-no"), std::string::npos) << e.what();
  }
}

TEST(Profile, EnvironmentDirectoryComesFirst) {
  const fs::path dir = fs::temp_directory_path() / "reserve-profile-test";
  fs::create_directories(dir);
  std::ofstream(dir / "three-no.toml")
      << "name = \"override\"\nversion = \"9\"\n[[rules]]\nid = \"no-slimming\"\n";
  ::setenv("RESERVE_PROFILE_DIR", dir.c_str(), 1);
  const Profile p = load_profile("three-no");
  ::unsetenv("RESERVE_PROFILE_DIR");
  fs::remove_all(dir);
  EXPECT_EQ(p.name, "override");
  EXPECT_EQ(p.version, "9");
}

TEST(Profile, UnknownKeysAreErrorsNamingKeyAndFile) {
  const std::string top = error_of("name = \"x\"\nversion = \"1\"\ntolerance = 3\n", "mine.toml");
  EXPECT_NE(top.find("tolerance"), std::string::npos) << top;
  EXPECT_NE(top.find("mine.toml"), std::string::npos) << top;

  const std::string nested = error_of(
      "name = \"x\"\nversion = \"1\"\n[area]\nmethod = \"planar\"\n"
      "tolerance_ha = 1\n");
  EXPECT_NE(nested.find("tolerance_ha"), std::string::npos) << nested;
  EXPECT_NE(nested.find("[area]"), std::string::npos) << nested;

  const std::string param = error_of(
      "name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"no-slimming\"\n[rules.params]\n"
      "gross_removal_fail = true\n");
  EXPECT_NE(param.find("gross_removal_fail"), std::string::npos) << param;
  EXPECT_NE(param.find("gross_removal_fails"), std::string::npos) << param;  // the known ones

  const std::string rule = error_of("name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"no-slim\"\n");
  EXPECT_NE(rule.find("no-slim"), std::string::npos) << rule;

  const std::string conflicts =
      error_of("name = \"x\"\nversion = \"1\"\n[conflicts]\nbuffer_m = 5\n");
  EXPECT_NE(conflicts.find("buffer_m"), std::string::npos) << conflicts;
}

TEST(Profile, BadValuesAreErrors) {
  EXPECT_NE(error_of("version = \"1\"\n").find("name"), std::string::npos);
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[area]\nmethod = \"flat\"\n").empty());
  EXPECT_FALSE(
      error_of("name = \"x\"\nversion = \"1\"\n[area]\ntolerance_abs_ha = \"1\"\n").empty());
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[area]\ntolerance_abs_ha = -1\n").empty());
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[zone_model.legacy_map]\ncore = \"core\"\n")
                   .empty());
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"zone-share-limits\"\n"
                        "[rules.params]\nmin_share = { kern = 0.3 }\n")
                   .empty());
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"zone-share-limits\"\n"
                        "[rules.params]\nmin_share = { core = 30 }\n")
                   .empty());
  const std::string syntax = error_of("name = \"x\"\nversion = \n");
  EXPECT_NE(syntax.find("line 2"), std::string::npos) << syntax;
  EXPECT_FALSE(error_of("name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"no-slimming\"\n"
                        "[[rules]]\nid = \"no-slimming\"\n")
                   .empty());
}

TEST(Profile, IntegersAreAcceptedAsNumbersAndCompareOptionsFollow) {
  const Profile p = parse_profile(
      "name = \"x\"\nversion = \"1\"\n[area]\nmethod = \"planar\"\ntolerance_abs_ha = 1\n"
      "[zone_model]\ncommon = \"two-zone\"\nallow_mapping = false\n[noise]\nmax_width_m = 2\n"
      "[[rules]]\nid = \"no-slimming\"\n",
      "t.toml");
  EXPECT_DOUBLE_EQ(p.tolerance.abs_ha, 1.0);
  EXPECT_DOUBLE_EQ(p.tolerance.allowed_m2(1e9), 1e4);  // larger of 1 ha and 0 × 1e9 m²
  const CompareOptions o = compare_options(p);
  EXPECT_EQ(o.area_method, AreaMethod::planar);
  EXPECT_EQ(o.common_model, ZoneModel::two_zone);
  EXPECT_FALSE(o.allow_model_mapping);
  EXPECT_DOUBLE_EQ(o.noise.max_width_m, 2.0);
}

// The example in docs/profiles.md parses (the documentation cannot drift from the parser).
TEST(Profile, DocumentedExampleParses) {
  std::ifstream in(std::string(RESERVE_SOURCE_DIR) + "/docs/profiles.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  const auto start = doc.find("```toml\n");
  ASSERT_NE(start, std::string::npos);
  const auto end = doc.find("```", start + 8);
  const Profile p = parse_profile(doc.substr(start + 8, end - start - 8), "docs/profiles.md");
  EXPECT_EQ(p.name, "my-province");
  EXPECT_TRUE(p.rule("no-slimming")->flag("gross_removal_fails", false));
  EXPECT_EQ(p.rule("zone-share-limits")->on_violation, VerdictStatus::warn);
  // Every rule of the standard registry is documented.
  for (const auto& id : RuleRegistry::standard().ids())
    EXPECT_NE(doc.find("#### `" + id + "`"), std::string::npos) << id;
}

}  // namespace
// Issue 15.5: a profile without rules evaluated nothing and reported PASS.
TEST(Profile, AProfileThatEvaluatesNothingIsRefused) {
  EXPECT_NE(error_of("name = \"x\"\nversion = \"1\"\n").find("no [[rules]]"), std::string::npos);
  EXPECT_NE(error_of("name = \"x\"\nversion = \"1\"\n[[rules]]\nid = \"no-slimming\"\n"
                     "enabled = false\n")
                .find("every rule of the profile is disabled"),
            std::string::npos);
}

// Issue 15.6: inf, nan and negative numbers were accepted (inf turned no-slimming into PASS).
TEST(Profile, NumbersMustBeFiniteAndNotNegativeNamingTheKey) {
  const std::string head = "name = \"x\"\nversion = \"1\"\n";
  const std::string rule = "[[rules]]\nid = \"no-slimming\"\n";
  const auto inf = error_of(head + "[area]\ntolerance_abs_ha = inf\n" + rule);
  EXPECT_NE(inf.find("'area.tolerance_abs_ha' is infinite"), std::string::npos) << inf;
  const auto nan = error_of(head + "[area]\ntolerance_rel = nan\n" + rule);
  EXPECT_NE(nan.find("'area.tolerance_rel' is nan"), std::string::npos) << nan;
  const auto noise = error_of(head + "[noise]\nmax_area_m2 = -inf\n" + rule);
  EXPECT_NE(noise.find("'noise.max_area_m2'"), std::string::npos) << noise;
  // Rule parameters, plain and in tables.
  const auto share = error_of(head +
                              "[[rules]]\nid = \"core-buffer-share\"\n"
                              "params.share_tolerance = inf\n");
  EXPECT_NE(share.find("'rules[0].params.share_tolerance' is infinite"), std::string::npos)
      << share;
  const auto negative = error_of(head +
                                 "[[rules]]\nid = \"core-buffer-share\"\n"
                                 "params.share_tolerance = -0.01\n");
  EXPECT_NE(negative.find("'rules[0].params.share_tolerance' must not be negative"),
            std::string::npos)
      << negative;
  const auto table = error_of(head +
                              "[[rules]]\nid = \"zone-share-limits\"\n"
                              "params.min_share = { core = nan }\n");
  EXPECT_NE(table.find("'rules[0].params.min_share.core' is nan"), std::string::npos) << table;
  // Finite values in range still load.
  EXPECT_EQ(error_of(head + "[area]\ntolerance_abs_ha = 0.5\n" + rule), "");
}

}  // namespace reserve
