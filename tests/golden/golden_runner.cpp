// One parameterised runner for the golden cases kept as data (tests/golden/cases/*/ and the
// real-data corpus tests/corpus/cases/*/): each folder holds case.json (the `reserve` command
// and its arguments) and expected.json (independently computed figures with tolerances that
// carry units, and where they come from). The runner drives the built CLI with --json and
// compares. Folders are found at run time, so a new case is a new folder, no code.
//
// A case whose expected.json says "pending": "issue 10 point N" holds the value the issue
// demands and today's code does not yet give: it is reported as a KNOWN FAILURE (the test
// passes) while it mismatches, and FAILS once it matches, so that whoever lands the feature
// removes the marker and the case becomes an ordinary check. A missing input never skips:
// the case fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_runner.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct GoldenCase {
  std::string name;  // e.g. corpus_oze_self_planar
  fs::path dir;
};

// gtest prints the parameter of a failed case: its folder, not its bytes.
void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.dir.string(); }

// RESERVE_GOLDEN_ROOTS: "prefix=path|prefix=path" (set by tests/golden/CMakeLists.txt).
std::vector<std::pair<std::string, fs::path>> golden_roots() {
  std::vector<std::pair<std::string, fs::path>> roots;
  std::stringstream all(RESERVE_GOLDEN_ROOTS);
  std::string item;
  while (std::getline(all, item, '|')) {
    const auto eq = item.find('=');
    roots.emplace_back(item.substr(0, eq), fs::path(item.substr(eq + 1)));
  }
  return roots;
}

std::vector<GoldenCase> find_cases() {
  std::vector<GoldenCase> cases;
  for (const auto& [prefix, root] : golden_roots()) {
    if (!fs::is_directory(root)) continue;  // reported by GoldenRoots.EachRootHasCases
    for (const auto& entry : fs::directory_iterator(root))
      if (entry.is_directory())
        cases.push_back({prefix + "_" + entry.path().filename().string(), entry.path()});
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  return json::parse(in);
}

// Replaces {case}, {corpus} (tests/corpus) and {repo} (the source tree) in an argument; `was_path`
// tells whether it named a file.
std::string expand(std::string arg, const fs::path& case_dir, bool& was_path) {
  was_path = false;
  const std::pair<std::string, std::string> vars[] = {{"{case}", case_dir.string()},
                                                      {"{corpus}", RESERVE_CORPUS_DIR},
                                                      {"{repo}", RESERVE_SOURCE_DIR}};
  for (const auto& [key, value] : vars) {
    for (auto pos = arg.find(key); pos != std::string::npos; pos = arg.find(key)) {
      arg.replace(pos, key.size(), value);
      was_path = true;
    }
  }
  return arg;
}

// The comparison of what the CLI printed with what expected.json states; every mismatch is one
// line naming the figure, both values and the tolerance.
class Comparer {
 public:
  Comparer(const json& out, const json& expected) : out_(out), exp_(expected) {}

  std::vector<std::string> run() {
    exit_code_checks();
    if (exp_.contains("zones_m2")) zone_areas();
    side_figures("total_m2", "total_m2", "area_m2");
    side_figures("strict_share", "strict_share", "share");
    if (exp_.contains("change_m2")) change_areas();
    if (exp_.contains("verdicts") || exp_.contains("verdicts_not")) verdicts();
    if (exp_.contains("features") || exp_.contains("feature_count") ||
        exp_.contains("skipped_count"))
      features();
    return std::move(mismatches_);
  }

  int exit_code = -1;

 private:
  void fail(const std::string& what) { mismatches_.push_back(what); }

  double tolerance(const std::string& key) {
    if (!exp_.contains("tolerances") || !exp_["tolerances"].contains(key)) {
      fail("expected.json states no tolerances." + key + " for the figures it checks");
      return 0.0;
    }
    return exp_["tolerances"][key].get<double>();
  }

  void near(const std::string& what, const json* got, double want, double tol, const char* unit) {
    if (got == nullptr || !got->is_number()) {
      fail(what + ": missing in the output (expected " + std::to_string(want) + " " + unit + ")");
      return;
    }
    const double g = got->get<double>();
    if (!(std::fabs(g - want) <= tol)) {
      std::ostringstream s;
      s.precision(12);
      s << what << ": got " << g << " " << unit << ", expected " << want << " ± " << tol << " "
        << unit << " (off by " << g - want << ")";
      fail(s.str());
    }
  }

  void exit_code_checks() {
    if (exp_.contains("exit_code") && exit_code != exp_["exit_code"].get<int>())
      fail("exit code " + std::to_string(exit_code) + ", expected " +
           std::to_string(exp_["exit_code"].get<int>()));
    if (exp_.contains("exit_code_not") && exit_code == exp_["exit_code_not"].get<int>())
      fail("exit code " + std::to_string(exit_code) + ", expected anything but " +
           std::to_string(exp_["exit_code_not"].get<int>()));
  }

  const json* comparison_side(const std::string& side) {
    if (!out_.contains("comparison") || !out_["comparison"].contains(side)) return nullptr;
    return &out_["comparison"][side];
  }

  void zone_areas() {
    const double tol = tolerance("area_m2");
    for (const auto& [side, zones] : exp_["zones_m2"].items()) {
      const json* s = comparison_side(side);
      for (const auto& [zone, want] : zones.items()) {
        const json* got = nullptr;
        if (s != nullptr && s->contains("zones"))
          for (const auto& z : (*s)["zones"])
            if (z.value("zone", "") == zone && z.contains("area_m2")) got = &z["area_m2"];
        // A zone the output does not list has no area: that matches an expected 0.
        const json zero = 0.0;
        if (got == nullptr && want.get<double>() == 0.0 && s != nullptr) got = &zero;
        near(side + " " + zone + " area", got, want.get<double>(), tol, "m²");
      }
    }
  }

  void side_figures(const char* exp_key, const char* out_key, const char* tol_key) {
    if (!exp_.contains(exp_key)) return;
    const double tol = tolerance(tol_key);
    const char* unit = std::string(tol_key) == "share" ? "(fraction)" : "m²";
    for (const auto& [side, want] : exp_[exp_key].items()) {
      const json* s = comparison_side(side);
      near(side + " " + exp_key, s != nullptr && s->contains(out_key) ? &(*s)[out_key] : nullptr,
           want.get<double>(), tol, unit);
    }
  }

  void change_areas() {
    const double tol = tolerance("area_m2");
    for (const auto& [kind, want] : exp_["change_m2"].items()) {
      const json* got = nullptr;
      if (out_.contains("comparison") && out_["comparison"].contains(kind) &&
          out_["comparison"][kind].contains("area_m2"))
        got = &out_["comparison"][kind]["area_m2"];
      near(kind + " area", got, want.get<double>(), tol, "m²");
    }
  }

  std::string verdict_of(const std::string& rule) const {
    for (const auto& v : out_.value("verdicts", json::array()))
      if (v.value("rule_id", "") == rule) return v.value("status", "");
    return "(no verdict)";
  }

  void verdicts() {
    // value() returns a copy: keep it alive while items() walks it.
    const json want_status = exp_.value("verdicts", json::object());
    const json banned_status = exp_.value("verdicts_not", json::object());
    for (const auto& [rule, want] : want_status.items())
      if (verdict_of(rule) != want.get<std::string>())
        fail("verdict " + rule + ": " + verdict_of(rule) + ", expected " + want.get<std::string>());
    // "verdicts_not": statuses a rule must not have, where the issue fixes only that (e.g.
    // never PASS on partial input, FAIL or INCOMPLETE both being right).
    for (const auto& [rule, banned] : banned_status.items())
      for (const auto& b : banned)
        if (verdict_of(rule) == b.get<std::string>())
          fail("verdict " + rule + ": " + verdict_of(rule) + ", expected anything but that");
  }

  // `reserve overlay --json` prints the overlay at the top level; `check` under
  // extensions.conflicts.
  const json* overlay() {
    if (out_.contains("features")) return &out_;
    if (out_.contains("extensions") && out_["extensions"].contains("conflicts") &&
        out_["extensions"]["conflicts"].contains("features"))
      return &out_["extensions"]["conflicts"];
    return nullptr;
  }

  void features() {
    const json* ov = overlay();
    if (ov == nullptr) {
      fail("no overlay (features) in the output");
      return;
    }
    const json& list = (*ov)["features"];
    if (exp_.contains("feature_count") && list.size() != exp_["feature_count"].get<size_t>())
      fail("feature count " + std::to_string(list.size()) + ", expected " +
           std::to_string(exp_["feature_count"].get<size_t>()));
    if (exp_.contains("skipped_count") &&
        ov->value("skipped_count", -1) != exp_["skipped_count"].get<int>())
      fail("skipped count " + std::to_string(ov->value("skipped_count", -1)) + ", expected " +
           std::to_string(exp_["skipped_count"].get<int>()));
    const json expected_features = exp_.value("features", json::object());
    for (const auto& [id, want] : expected_features.items()) {
      const json* f = nullptr;
      for (const auto& g : list)
        if (g.value("id", "") == id) f = &g;
      if (f == nullptr) {
        fail("feature " + id + ": not in the output");
        continue;
      }
      const std::pair<const char*, std::string> got[] = {
          {"before", f->value("before", json::object()).value("zone", "")},
          {"after", f->value("after", json::object()).value("zone", "")},
          {"change", f->value("change", "")},
          {"category", f->value("category", "")}};
      for (const auto& [key, value] : got)
        if (want.contains(key) && value != want[key].get<std::string>())
          fail("feature " + id + " " + key + ": " + value + ", expected " +
               want[key].get<std::string>());
      // "category_not": categories the feature must not get (e.g. a power plant is never
      // "other" nor a mine), for rules that fix what a category is not, not its exact name.
      for (const auto& banned : want.value("category_not", json::array()))
        if (f->value("category", "") == banned.get<std::string>())
          fail("feature " + id + " category: " + banned.get<std::string>() +
               ", expected anything but that");
    }
  }

  const json& out_;
  const json& exp_;
  std::vector<std::string> mismatches_;
};

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesIndependentExpectation) {
  const GoldenCase& c = GetParam();
  for (const char* file : {"case.json", "expected.json"})
    ASSERT_TRUE(fs::exists(c.dir / file)) << c.dir.string() << ": " << file << " is missing";
  const json spec = read_json(c.dir / "case.json");
  const json expected = read_json(c.dir / "expected.json");
  // Every expected number says where it comes from (never from the tool itself).
  ASSERT_FALSE(expected.value("source", "").empty())
      << (c.dir / "expected.json").string() << " does not say where its numbers come from";

  const std::string command = spec.at("command").get<std::string>();
  std::vector<std::string> args = {command};
  for (const auto& a : spec.at("args")) {
    bool is_path = false;
    args.push_back(expand(a.get<std::string>(), c.dir, is_path));
    // An input the case needs and cannot find fails the case (never a skip, never "pending").
    ASSERT_TRUE(!is_path || fs::exists(args.back()))
        << c.name << ": input " << args.back() << " is missing";
  }
  args.push_back("--json");
  if (command == "check") args.push_back("--no-reports");

  const reserve::test::CliResult r = reserve::test::run_cli(args);
  std::vector<std::string> mismatches;
  json out;
  try {
    out = json::parse(r.out);
  } catch (const json::parse_error&) {
    mismatches.push_back("stdout is not JSON (exit " + std::to_string(r.exit_code) +
                         "); stderr: " + r.err.substr(0, 400));
  }
  if (mismatches.empty()) {
    Comparer cmp(out, expected);
    cmp.exit_code = r.exit_code;
    mismatches = cmp.run();
  }

  const std::string pending = expected.value("pending", "");
  if (pending.empty()) {
    for (const auto& m : mismatches) ADD_FAILURE() << c.name << ": " << m;
    return;
  }
  if (mismatches.empty()) {
    FAIL() << c.name << " now meets its expectation (" << pending
           << " has landed): remove \"pending\" from " << (c.dir / "expected.json").string()
           << " so that it becomes an ordinary check";
  }
  std::cout << "[ PENDING  ] " << c.name << " — known expected failure until " << pending
            << " lands (" << mismatches.size() << " mismatch(es)):\n";
  for (const auto& m : mismatches) std::cout << "[ PENDING  ]   " << m << "\n";
  RecordProperty("pending", pending);
}

// A pending case carries its marker in its name ("..._PENDING_issue_10_point_4"), so that
// ctest's list of passed tests shows which ones are known expected failures.
std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string s = info.param.name;
  std::ifstream in(info.param.dir / "expected.json");
  const json expected = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (expected.is_object() && !expected.value("pending", "").empty())
    s += "_PENDING_" + expected.value("pending", "");
  for (char& ch : s)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return s;
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(find_cases()), case_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);  // GoldenRoots reports the empty case

// The case folders themselves must be there: a checkout without them fails, not skips.
TEST(GoldenRoots, EachRootHasCases) {
  for (const auto& [prefix, root] : golden_roots()) {
    ASSERT_TRUE(fs::is_directory(root)) << "golden case folder missing: " << root.string();
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(root)) n += e.is_directory() ? 1 : 0;
    EXPECT_GT(n, 0u) << "no golden cases in " << root.string();
  }
}

}  // namespace
