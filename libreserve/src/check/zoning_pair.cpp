// The two zonings of a check, overlay, ledger or map, loaded (or taken) into one working CRS with
// one CRS policy for every face.
#include <exception>
#include <optional>

#include "check/check_core.hpp"
#include "check/stage_threads.hpp"
#include "reserve/check.hpp"
#include "reserve/error.hpp"
#include "zoning/zoning_layers.hpp"

namespace reserve {
namespace {

ZoningOptions file_options(const CheckRequest& r, const CheckZoningInput& side,
                           const std::string& name, const std::string& working_crs,
                           AreaMethod area_method) {
  ZoningOptions o;
  o.name = name;
  for (const auto& spec : r.zone_maps) o.scheme.add_mapping(spec);
  ZoningSource s;
  s.path = side.path;
  s.read.layer = side.layer;
  s.read.encoding = r.encoding;
  s.read.assume_crs = r.crs;
  s.zone_field = r.zone_field;
  o.sources.push_back(std::move(s));
  o.working_crs = working_crs;
  o.area_method = area_method;
  return o;
}

// "EPSG:n" when the CRS has a code (so that the proposal's audit names it the same way), else WKT.
std::string crs_text(const Crs& c) { return c.epsg ? "EPSG:" + std::to_string(*c.epsg) : c.wkt; }

const Crs* first_source_crs(const Zoning& z) {
  if (z.sources.empty() || z.sources.front().source_crs.empty()) return nullptr;
  return &z.sources.front().source_crs;
}

// Why the policy: a proposal digitised in another CRS (or with a wrong .prj) would otherwise be
// reprojected silently; naming the working CRS is the user's statement that both are right.
void require_one_crs(const Zoning& before, const Zoning& after) {
  const Crs* sb = first_source_crs(before);
  const Crs* sa = first_source_crs(after);
  const bool sources_differ = sb && sa && !equivalent(*sb, *sa);
  const bool working_differ = !equivalent(before.crs, after.crs);
  if (!sources_differ && !working_differ) return;
  const std::string b = sources_differ ? sb->label() : before.crs.label();
  const std::string a = sources_differ ? sa->label() : after.crs.label();
  const std::string w = before.crs.label();
  throw InputError("the baseline is in " + b + " and the proposal in " + a +
                   "; give a working CRS to compare them in one CRS (reserve: --working-crs " + w +
                   "; Python: working_crs=\"" + w + "\")");
}

void require_in(const Zoning& z, const Crs& working, const char* side) {
  if (equivalent(z.crs, working)) return;
  throw InputError(std::string("the ") + side + " zoning was loaded in " + z.crs.label() +
                   " but the working CRS is " + working.label() +
                   "; load it with that working CRS");
}

// The pair, once the CRS policy holds for it: one CRS for both, or the proposal in the working
// CRS the user named.
ZoningPair with_one_crs(const CheckRequest& r, ZoningPair pair) {
  if (r.working_crs.empty()) {
    require_one_crs(pair.before, *pair.after);
  } else {
    require_in(*pair.after, pair.before.crs, "proposal");
  }
  return pair;
}

// Both zonings from files: their layers read side by side, then both built side by side once the
// baseline's working CRS is known from its layers (the proposal is built in it), on two threads
// when the budget allows (check/stage_threads.hpp). Errors come in the order of one thread: the
// baseline's reading and building, then the proposal's. Where the baseline's CRS cannot be told
// before building it, the two are built one after the other, as load_zoning would.
ZoningPair load_file_pair(const CheckRequest& r, AreaMethod area_method, check::LayersRead read) {
  const ZoningOptions before_options =
      file_options(r, r.before, "baseline", r.working_crs, area_method);
  ZoningOptions after_options = file_options(r, r.after, "proposal", "", area_method);
  std::optional<zoning::ReadZoning> before_read, after_read;
  std::exception_ptr after_error;
  auto after_step = [&after_error](auto&& step) {
    try {
      step();
    } catch (...) {
      after_error = std::current_exception();
    }
  };
  check::run_both(
      [&] { before_read.emplace(zoning::read_zoning(before_options, std::move(read.before))); },
      [&] {
        after_step(
            [&] { after_read.emplace(zoning::read_zoning(after_options, std::move(read.after))); });
      });
  ZoningPair pair;
  const std::optional<Crs> working = zoning::working_crs_ahead(before_read->layers, before_options);
  if (working && !after_error) {
    after_options.working_crs = crs_text(*working);
    check::run_both(
        [&] { pair.before = zoning::build_zoning(*before_read, before_options); },
        [&] {
          after_step([&] { pair.after = zoning::build_zoning(*after_read, after_options); });
        });
  } else {
    pair.before = zoning::build_zoning(*before_read, before_options);
    if (after_error) std::rethrow_exception(after_error);
    after_options.working_crs = crs_text(pair.before.crs);
    pair.after = zoning::build_zoning(*after_read, after_options);
  }
  if (after_error) std::rethrow_exception(after_error);
  return pair;
}

}  // namespace

ZoningPair load_zoning_pair(const CheckRequest& r, AreaMethod area_method) {
  return check::load_zoning_pair(r, area_method, check::LayersRead{});
}

ZoningPair check::load_zoning_pair(const CheckRequest& r, AreaMethod area_method, LayersRead read) {
  if (!r.before.given()) throw UsageError("no baseline zoning given; give --before (before=)");
  ZoningPair pair;
  if (!r.before.zoning && r.after.given() && !r.after.zoning) {
    pair = load_file_pair(r, area_method, std::move(read));
    return with_one_crs(r, std::move(pair));
  }
  pair.before =
      r.before.zoning
          ? *r.before.zoning
          : load_zoning(file_options(r, r.before, "baseline", r.working_crs, area_method));
  if (r.before.zoning && !r.working_crs.empty())
    require_in(pair.before, Crs::from_user_input(r.working_crs), "baseline");
  if (!r.after.given()) return pair;
  pair.after = r.after.zoning ? *r.after.zoning
                              : load_zoning(file_options(r, r.after, "proposal",
                                                         crs_text(pair.before.crs), area_method));
  return with_one_crs(r, std::move(pair));
}

}  // namespace reserve
