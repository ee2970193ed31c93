// A check's two sides prepared on two threads give what one thread gives, and errors surface in
// the order of one thread (check/stage_threads.hpp).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "check/stage_threads.hpp"
#include "reserve/check.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

const std::string kData = std::string(RESERVE_SOURCE_DIR) + "/data/";

TEST(StageThreads, BudgetIsScopedAndAtLeastOne) {
  {
    const check::StageThreads one(1);
    EXPECT_EQ(check::stage_threads(), 1u);
    {
      const check::StageThreads four(4);
      EXPECT_EQ(check::stage_threads(), 4u);
    }
    EXPECT_EQ(check::stage_threads(), 1u);
  }
  EXPECT_GE(check::stage_threads(), 1u);  // unset: every core
}

TEST(StageThreads, TwoSidesRunOnTwoThreadsOnlyWhenTheBudgetAllows) {
  auto id = [] { return std::this_thread::get_id(); };
  {
    const check::StageThreads two(2);
    const auto [b, a] = check::on_both_sides(id, id);
    EXPECT_EQ(b, std::this_thread::get_id());
    EXPECT_NE(a, b);
  }
  const check::StageThreads one(1);
  const auto [b, a] = check::on_both_sides(id, id);
  EXPECT_EQ(b, std::this_thread::get_id());
  EXPECT_EQ(a, b);
}

// A step beside the caller's next steps: on a thread of its own (with a budget of 1 there) when
// the budget allows, else run in wait() on the caller's thread after them; wait() rethrows its
// error; a step never waited for is finished before the Beside is gone.
TEST(StageThreads, BesideRunsOnceOnItsOwnThreadOnlyWhenTheBudgetAllows) {
  const auto caller = std::this_thread::get_id();
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    const check::StageThreads budget(threads);
    std::atomic<int> runs{0};
    std::thread::id ran_on;
    unsigned budget_there = 0;
    check::Beside step([&] {
      ++runs;
      ran_on = std::this_thread::get_id();
      budget_there = check::stage_threads();
    });
    if (threads == 1) {
      EXPECT_EQ(runs.load(), 0);  // not before wait()
    }
    step.wait();
    EXPECT_EQ(runs.load(), 1);
    EXPECT_EQ(budget_there, 1u);
    if (threads == 1) {
      EXPECT_EQ(ran_on, caller);
    } else {
      EXPECT_NE(ran_on, caller);
    }
    step.wait();  // a second wait runs nothing again
    EXPECT_EQ(runs.load(), 1);

    check::Beside failing([] { throw InputError("beside failed"); });
    try {
      failing.wait();
      ADD_FAILURE() << "no error raised";
    } catch (const InputError& e) {
      EXPECT_EQ(e.message(), "beside failed");
    }
    std::atomic<bool> finished{false};
    {
      const check::Beside unwaited([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        finished = true;
      });
    }
    // Started on its own thread: finished by the destructor; deferred: never run.
    EXPECT_EQ(finished.load(), threads == 2);
  }
  check::Beside nothing(nullptr);  // no step: nothing to wait for
  nothing.wait();
}

// The later step keeps the calling thread (and its budget); the earlier step's error wins when
// both fail, as if it had run first.
TEST(StageThreads, CallerLaterKeepsTheCallerAndEarlierErrorsFirst) {
  const auto caller = std::this_thread::get_id();
  for (unsigned threads : {1u, 2u}) {
    SCOPED_TRACE(threads);
    const check::StageThreads budget(threads);
    std::thread::id later_on;
    unsigned later_budget = 0;
    int earlier_runs = 0;
    check::run_both_caller_later([&] { ++earlier_runs; },
                                 [&] {
                                   later_on = std::this_thread::get_id();
                                   later_budget = check::stage_threads();
                                 });
    EXPECT_EQ(earlier_runs, 1);
    EXPECT_EQ(later_on, caller);
    EXPECT_EQ(later_budget, threads);
    auto fails = [](const char* what) { return [what] { throw InputError(what); }; };
    struct Case {
      bool earlier_fails, later_fails;
      const char* expected;
    };
    for (const Case& c :
         {Case{true, true, "earlier"}, {true, false, "earlier"}, {false, true, "later"}}) {
      const std::string expected = c.expected;
      try {
        check::run_both_caller_later(
            [&] {
              if (c.earlier_fails) fails("earlier")();
            },
            [&] {
              if (c.later_fails) fails("later")();
            });
        ADD_FAILURE() << "no error raised";
      } catch (const InputError& e) {
        EXPECT_EQ(e.message(), expected);
      }
    }
  }
}

// Run one after the other, the before side's error would stop the check first.
TEST(StageThreads, ErrorsComeInTheOrderOfOneThread) {
  for (unsigned threads : {1u, 2u}) {
    const check::StageThreads budget(threads);
    auto fails = [](const char* what) {
      return [what]() -> int { throw std::runtime_error(what); };
    };
    auto fine = [] { return 1; };
    try {
      check::on_both_sides(fails("before"), fails("after"));
      ADD_FAILURE() << "no error with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "before") << threads << " threads";
    }
    try {
      check::on_both_sides(fine, fails("after"));
      ADD_FAILURE() << "no error with " << threads << " threads";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "after") << threads << " threads";
    }
  }
}

// The whole check of the sample (conflict layers included) with the two zonings prepared at
// once, and the rules evaluated beside the ledger, equals the check on one thread, apart from the
// audit's time and run id.
// for_each_index: every index once, on two threads when allowed; the error of the lowest failing
// index (as one thread going in order would raise it), however the chunks were shared out.
TEST(StageThreads, ForEachIndexDoesEveryIndexOnceAndFailsAtTheLowestIndex) {
  const check::StageThreads two(2);
  constexpr std::size_t n = 10000;
  std::vector<std::atomic<int>> done(n);
  std::atomic<int> workers{0};  // how many threads made their own do_one
  check::for_each_index(n, 16, true, [&] {
    ++workers;
    return [&](std::size_t i) { ++done[i]; };
  });
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(done[i].load(), 1) << i;
  // Two workers, each with its own do_one (how many chunks each took depends on the scheduler).
  EXPECT_EQ(workers.load(), 2);
  // Failures at 7,000 and 3,000 (in other chunks; the higher may be met first): 3,000 is raised,
  // and every index below it was done.
  for (int round = 0; round < 20; ++round) {
    std::vector<std::atomic<int>> seen(n);
    try {
      check::for_each_index(n, 16, true, [&] {
        return [&](std::size_t i) {
          ++seen[i];
          if (i == 7000 || i == 3000) throw InputError("failed at " + std::to_string(i));
        };
      });
      ADD_FAILURE() << "no error raised";
    } catch (const InputError& e) {
      EXPECT_EQ(e.message(), "failed at 3000");
    }
    for (std::size_t i = 0; i <= 3000; ++i) ASSERT_EQ(seen[i].load(), 1) << i;
  }
  // One thread (budget 1, or not worth two): in order on the calling thread.
  const check::StageThreads one(1);
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  check::for_each_index(100, 16, true, [&] {
    return [&](std::size_t i) {
      EXPECT_EQ(std::this_thread::get_id(), caller);
      order.push_back(i);
    };
  });
  ASSERT_EQ(order.size(), 100u);
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
}

TEST(StageThreads, CheckOnTwoThreadsEqualsTheCheckOnOne) {
  CheckRequest r;
  r.before.path = kData + "baseline.gpkg";
  r.after.path = kData + "proposal.gpkg";
  r.conflicts.mining = {kData + "mining_rights.gpkg"};
  r.conflicts.facilities = {kData + "facilities.gpkg"};
  auto report_with = [&r](unsigned threads) {
    const check::StageThreads budget(threads);
    nlohmann::json j = nlohmann::json::parse(report_json(run_check(r).report));
    j["audit"].erase("generated_utc");
    return j;
  };
  const nlohmann::json one = report_with(1), two = report_with(2);
  ASSERT_TRUE(one.contains("comparison"));
  ASSERT_TRUE(one.contains("validation") && one["validation"].contains("before") &&
              one["validation"].contains("after"));
  ASSERT_TRUE(one.contains("extensions") && one["extensions"].contains("conflicts"));
  // The rule that reads the overlay was evaluated on it (it says not_evaluated without one).
  bool no_adjusting_evaluated = false;
  for (const auto& v : one["verdicts"])
    if (v["rule_id"] == "no-adjusting-instead-of-rectifying")
      no_adjusting_evaluated = v["status"] != "not_evaluated";
  EXPECT_TRUE(no_adjusting_evaluated);
  EXPECT_EQ(one, two);
}

// The on_ledger hook gets the check's own ledger once, with one thread or two, and is not called
// without conflict inputs.
TEST(StageThreads, OnLedgerSeesTheCheckLedgerOnce) {
  for (unsigned threads : {1u, 2u}) {
    const check::StageThreads budget(threads);
    CheckRequest r;
    r.before.path = kData + "baseline.gpkg";
    r.after.path = kData + "proposal.gpkg";
    int calls = 0;
    std::vector<std::string> seen;
    r.on_ledger = [&](const Ledger& ledger) {
      ++calls;
      for (const auto& row : ledger.rows) seen.push_back(row.problem_id);
    };
    run_check(r);
    EXPECT_EQ(calls, 0) << threads << " threads, no conflict inputs";

    r.conflicts.mining = {kData + "mining_rights.gpkg"};
    r.conflicts.facilities = {kData + "facilities.gpkg"};
    const CheckResult result = run_check(r);
    EXPECT_EQ(calls, 1) << threads << " threads";
    ASSERT_TRUE(result.conflicts);
    std::vector<std::string> ids;
    for (const auto& row : result.conflicts->ledger.rows) ids.push_back(row.problem_id);
    EXPECT_FALSE(ids.empty());
    EXPECT_EQ(seen, ids) << threads << " threads";
  }
}

// A conflict layer that cannot be read is read ahead, beside the comparison, but its error is the
// check's error with one thread or two.
TEST(StageThreads, AnUnreadableConflictLayerFailsTheCheckAlike) {
  CheckRequest r;
  r.before.path = kData + "baseline.gpkg";
  r.after.path = kData + "proposal.gpkg";
  r.conflicts.mining = {kData + "no_such_mining_layer.gpkg"};
  auto error_with = [&r](unsigned threads) -> std::string {
    const check::StageThreads budget(threads);
    try {
      run_check(r);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string one = error_with(1);
  EXPECT_NE(one.find("no_such_mining_layer.gpkg"), std::string::npos) << one;
  EXPECT_EQ(error_with(2), one);
}

// The two zonings are read and built side by side (check/zoning_pair.cpp); errors still come in
// the order of one thread: the baseline's reading, its building, then the proposal's.
TEST(StageThreads, ZoningFilesFailInTheOrderOfOneThread) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("reserve-zoning-pair-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // A lon/lat GeoJSON square whose zone label is `label` (the working CRS is chosen from it).
  auto zoning_file = [&dir](const std::string& name, const std::string& label) {
    const std::string path = (dir / name).string();
    std::ofstream(path) << R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
                        << R"("properties":{"功能分区":")" << label << R"("},"geometry":)"
                        << R"({"type":"Polygon","coordinates":[[[117.0,31.0],[117.01,31.0],)"
                        << R"([117.01,31.01],[117.0,31.01],[117.0,31.0]]]}}]})";
    return path;
  };
  const std::string good = zoning_file("good.geojson", "核心区");
  const std::string unknown = zoning_file("unknown.geojson", "不知何区");
  const std::string missing = (dir / "missing.geojson").string();
  auto error_with = [](const std::string& before, const std::string& after, unsigned threads) {
    CheckRequest r;
    r.before.path = before;
    r.after.path = after;
    const check::StageThreads budget(threads);
    try {
      load_zoning_pair(r, AreaMethod::planar);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  struct Case {
    std::string before, after, names;
  };
  for (const Case& c : {Case{missing, missing, "missing.geojson"},
                        Case{unknown, missing, "不知何区"},  // the baseline's building first
                        Case{good, unknown, "不知何区"}, Case{good, missing, "missing.geojson"}}) {
    SCOPED_TRACE(c.before + " / " + c.after);
    const std::string one = error_with(c.before, c.after, 1);
    EXPECT_NE(one.find(c.names), std::string::npos) << one;
    EXPECT_EQ(error_with(c.before, c.after, 2), one);
  }
  EXPECT_EQ(error_with(unknown, missing, 1).find("missing.geojson"), std::string::npos);
  // Both readable: the same zonings, the proposal in the baseline's working CRS.
  for (unsigned threads : {1u, 2u}) {
    CheckRequest r;
    r.before.path = good;
    r.after.path = good;
    const check::StageThreads budget(threads);
    const ZoningPair pair = load_zoning_pair(r, AreaMethod::planar);
    ASSERT_TRUE(pair.after);
    EXPECT_TRUE(equivalent(pair.after->crs, pair.before.crs));
    ASSERT_EQ(pair.before.parts.size(), 1u);
    ASSERT_EQ(pair.after->parts.size(), 1u);
    EXPECT_EQ(pair.after->parts[0].geometry.polygons[0].outer,
              pair.before.parts[0].geometry.polygons[0].outer);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reserve
