// The required-action decision table: every zone × category of the defaults gives the action
// documented in libreserve/share/standards/required_actions.toml (which follows the 条例 arts.
// 26–32, 矿产资源法 art. 26 and the 整改销号 conditions), and user tables are checked.
#include <gtest/gtest.h>

#include "reserve/error.hpp"
#include "reserve/ledger.hpp"

namespace reserve {
namespace {

using C = FeatureCategory;
using A = ActionKind;

struct Case {
  Zone zone;
  C category;
  std::optional<bool> built_before;
  A action;
  const char* basis_contains;
};

TEST(RequiredActions, DefaultTableGivesTheDocumentedActionPerZoneAndCategory) {
  const ActionTable t = ActionTable::defaults();
  const std::vector<Case> cases = {
      // Mining anywhere in the reserve: exit and restore (条例 art. 26; 矿产资源法 art. 26).
      {Zone::core, C::mining_right, {}, A::exit_and_restore, "第二十六条"},
      {Zone::buffer, C::exploration_right, {}, A::exit_and_restore, "第二十六条"},
      {Zone::experimental, C::mine, {}, A::exit_and_restore, "第二十六条"},
      {Zone::core_protection, C::mine, {}, A::exit_and_restore, "矿产资源法"},
      {Zone::general_control, C::mining_right, {}, A::exit_and_restore, "矿产资源法"},
      // Production facilities in core / buffer: close (or relocate), art. 32.
      {Zone::core, C::concentrator, {}, A::close, "第三十二条"},
      {Zone::buffer, C::smelter, {}, A::close, "第三十二条"},
      {Zone::buffer, C::slag_yard, {}, A::close, "第三十二条"},
      {Zone::core, C::industrial, {}, A::close, "第三十二条"},
      {Zone::buffer, C::tailings_pond, {}, A::close, "第三十二条"},
      {Zone::core_protection, C::smelter, {}, A::close, "第三十二条"},
      // Hydropower: core / buffer exit; experimental remediate.
      {Zone::core, C::hydropower, {}, A::exit_and_restore, "第三十二条"},
      {Zone::buffer, C::hydropower, {}, A::exit_and_restore, "第三十二条"},
      {Zone::experimental, C::hydropower, {}, A::remediate_by_deadline, "限期治理"},
      // Polluting facilities in the experimental zone: remediate by deadline (art. 32).
      {Zone::experimental, C::concentrator, {}, A::remediate_by_deadline, "第三十二条"},
      {Zone::experimental, C::smelter, true, A::remediate_by_deadline, "第三十二条"},
      {Zone::experimental, C::slag_yard, {}, A::remediate_by_deadline, "第三十二条"},
      {Zone::experimental, C::tailings_pond, {}, A::remediate_by_deadline, "第三十二条"},
      // Built after the reserve without approval, in the experimental zone: exit (整改销号).
      {Zone::experimental, C::smelter, false, A::exit_and_restore, "整改销号"},
      {Zone::experimental, C::tourism, false, A::exit_and_restore, "整改销号"},
      // General control zone: production / development construction forbidden.
      {Zone::general_control, C::concentrator, {}, A::close, "一般控制区"},
      {Zone::general_control, C::hydropower, {}, A::close, "一般控制区"},
      // Other energy (PV, wind, thermal) in the experimental zone: forbidden facilities.
      {Zone::experimental, C::other_energy, {}, A::close, "光伏"},
      // Tourism in core/buffer forbidden (arts. 27, 28); allowed with conditions in experimental.
      {Zone::buffer, C::tourism, {}, A::close, "第二十八条"},
      {Zone::experimental, C::tourism, true, A::allowed_with_conditions, "第二十九条"},
      // Settlements in the core: relocate (art. 27).
      {Zone::core, C::settlement, {}, A::relocate, "第二十七条"},
      {Zone::experimental, C::settlement, {}, A::allowed_with_conditions, "第二十九条"},
      {Zone::core, C::transport, {}, A::relocate, "第三十二条"},
      {Zone::buffer, C::other, {}, A::treat_in_situ, "整改销号"},
  };
  for (const auto& c : cases) {
    const RequiredAction a = t.decide(c.zone, c.category, c.built_before);
    EXPECT_EQ(a.action, c.action) << to_string(c.zone) << " × " << to_string(c.category) << " → "
                                  << to_string(a.action);
    EXPECT_NE(a.basis.find(c.basis_contains), std::string::npos)
        << to_string(c.zone) << " × " << to_string(c.category) << ": " << a.basis;
  }
  // Outside the reserve: nothing under reserve law.
  EXPECT_EQ(t.decide(Zone::outside, C::smelter, {}).action, A::none);
  // Every zone × category inside the reserve has an action with a legal basis.
  for (Zone z :
       {Zone::core, Zone::buffer, Zone::experimental, Zone::core_protection, Zone::general_control})
    for (C c : all_categories()) {
      const RequiredAction a = t.decide(z, c, std::nullopt);
      EXPECT_NE(a.action, A::none);
      EXPECT_FALSE(a.basis.empty()) << to_string(z) << " × " << to_string(c);
    }
  EXPECT_EQ(t.decide(Zone::core, C::concentrator, {}).text_zh(), "关停或搬迁");
}

TEST(RequiredActions, UserTableRowsComeFirstAndBadRowsAreRejected) {
  ActionTable t = ActionTable::defaults();
  t.prepend(ActionTable::from_toml(R"(
[[required_actions]]
zones = ["experimental"]
categories = ["tailings_pond"]
action = "relocate"
basis = "省级整改方案"
deadline = "2027-12-31"
)",
                                   "user.toml"));
  const RequiredAction a = t.decide(Zone::experimental, C::tailings_pond, {});
  EXPECT_EQ(a.action, A::relocate);
  EXPECT_EQ(a.basis, "省级整改方案");
  EXPECT_EQ(a.deadline, "2027-12-31");
  EXPECT_THROW(ActionTable::from_toml("[[required_actions]]\naction = \"demolish\"\n", "x.toml"),
               UsageError);
  EXPECT_THROW(ActionTable::from_toml("[[required_actions]]\nzones = [\"nowhere\"]\naction = "
                                      "\"close\"\n",
                                      "x.toml"),
               UsageError);
  EXPECT_THROW(
      ActionTable::from_toml("[[required_actions]]\naction = \"close\"\nfoo = 1\n", "x.toml"),
      UsageError);
}

TEST(RequiredActions, ProfileDecisionsTranslate) {
  const std::vector<ConflictDecision> d = {{"tailings_pond", "*", "relocate_or_treat_in_situ", ""},
                                           {"mining_right", "core", "exit", "2026-06-30"}};
  const ActionTable t = ActionTable::from_decisions(d, "three-no.toml");
  const RequiredAction pond = t.decide(Zone::buffer, C::tailings_pond, {});
  EXPECT_EQ(pond.action, A::relocate);
  ASSERT_EQ(pond.alternatives.size(), 1u);
  EXPECT_EQ(pond.alternatives[0], A::treat_in_situ);
  const RequiredAction mine = t.decide(Zone::core, C::mining_right, {});
  EXPECT_EQ(mine.action, A::exit_and_restore);
  EXPECT_EQ(mine.deadline, "2026-06-30");
  EXPECT_NE(mine.basis.find("第二十六条"), std::string::npos);
  EXPECT_THROW(ActionTable::from_decisions({{"mine", "*", "bulldoze", ""}}, "p.toml"), UsageError);
}

}  // namespace
}  // namespace reserve
