// The two zonings of a check, overlay, ledger or map, loaded (or taken) into one working CRS with
// one CRS policy for every face.
#include "reserve/check.hpp"
#include "reserve/error.hpp"

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

}  // namespace

ZoningPair load_zoning_pair(const CheckRequest& r, AreaMethod area_method) {
  if (!r.before.given()) throw UsageError("no baseline zoning given; give --before (before=)");
  ZoningPair pair;
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
  if (r.working_crs.empty()) {
    require_one_crs(pair.before, *pair.after);
  } else {
    require_in(*pair.after, pair.before.crs, "proposal");
  }
  return pair;
}

}  // namespace reserve
