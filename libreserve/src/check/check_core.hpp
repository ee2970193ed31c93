#pragma once
// The check after loading: run_check's steps from two zonings that are already in one working
// CRS, with the conflict layers supplied by the caller. Province mode (src/province) checks each
// reserve through it with conflict layers loaded once for the province. Private to the library.
#include <functional>
#include <optional>

#include "check/conflict_loading.hpp"
#include "reserve/check.hpp"
#include "zoning/resolved_zones.hpp"

namespace reserve::check {

// The profile of a request (profile_value or the named/path profile, area-method override).
Profile request_profile(const CheckRequest& request);

// Makes the conflicts of one check (nullopt: no conflict layer or monitoring) from the zonings,
// the profile, the check's own comparison and the zonings' layouts resolved once by the check.
// It may run `companions` beside its ledger (make_check_conflicts_resolved); those it does not
// run, the check runs after it.
using ConflictsFor = std::function<std::optional<CheckConflicts>(
    const Zoning& before, const Zoning& after, const Profile& profile, const Comparison& changes,
    zoning::LayoutPair layouts, const LedgerCompanions& companions)>;

// Reads files the conflicts will need; runs beside the comparison (check/stage_threads.hpp), so
// it may read the zonings but none of their GEOS shapes, and keeps its own errors for `conflicts`.
using ReadAhead =
    std::function<void(const Zoning& before, const Zoning& after, const Profile& profile)>;

// The zoning files' layers when the caller read them already, each as read_layer(path, options of
// the request) returns it (province detection reads both to tell one reserve from many): the
// check takes them instead of reading the files again. Unset: the file is read.
struct LayersRead {
  std::optional<Layer> before, after;
};

// load_zoning_pair and run_check with the layers read already.
ZoningPair load_zoning_pair(const CheckRequest& request, AreaMethod area_method, LayersRead read);
CheckResult run_check(const CheckRequest& request, LayersRead read);

// compare → validate → conflicts → rules → audit (→ map) on loaded zonings; run_check is
// load_zoning_pair followed by this with the request's own conflict inputs.
CheckResult check_zonings(const CheckRequest& request, Profile profile, Zoning before, Zoning after,
                          const ConflictsFor& conflicts, const ReadAhead& read_ahead = {});

}  // namespace reserve::check
