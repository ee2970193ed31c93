// run_province_check: read both layers once, split them by reserve, load each reserve's zonings,
// match before and after, check every matched reserve in parallel with the conflict layers shared,
// and find the cross-reserve overlaps.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <iterator>
#include <map>
#include <memory>
#include <optional>

#include "check/check_core.hpp"
#include "check/stage_threads.hpp"
#include "geom/vertex_count.hpp"
#include "province/free_memory.hpp"
#include "province/matching.hpp"
#include "province/overlaps.hpp"
#include "province/parallel.hpp"
#include "province/province_ledger.hpp"
#include "province/report_spool.hpp"
#include "province/reserve_layers.hpp"
#include "province/reserve_zonings.hpp"
#include "province/shape_spool.hpp"
#include "province/shared_conflicts.hpp"
#include "province/slim_result.hpp"
#include "report/report_pieces.hpp"
#include "reserve/error.hpp"
#include "reserve/province.hpp"
#include "reserve/report.hpp"
#include "zoning/zone_field.hpp"

namespace reserve {

const char* to_string(ReserveMatch m) noexcept {
  switch (m) {
    case ReserveMatch::matched: return "matched";
    case ReserveMatch::added: return "added";
    case ReserveMatch::removed: return "removed";
    case ReserveMatch::merged: return "merged";
    case ReserveMatch::split: return "split";
    case ReserveMatch::renamed: return "renamed";
  }
  return "matched";
}

int province_exit_code(const ProvinceResult& result) noexcept {
  int worst_error = 0;
  for (const auto& row : result.reserves)
    if (row.error_kind) worst_error = std::max(worst_error, exit_code(*row.error_kind));
  return worst_error ? worst_error : exit_code_for(result.overall);
}

namespace {

ReadOptions zoning_read(const CheckRequest& r, const CheckZoningInput& side) {
  ReadOptions o;
  o.layer = side.layer;
  o.encoding = r.encoding;
  o.assume_crs = r.crs;
  return o;
}

ZoneScheme request_scheme(const CheckRequest& r) {
  ZoneScheme s = ZoneScheme::defaults();
  for (const auto& spec : r.zone_maps) s.add_mapping(spec);
  return s;
}

std::string crs_text(const Crs& c) { return c.epsg ? "EPSG:" + std::to_string(*c.epsg) : c.wkt; }

// The working CRS of the whole province (one for every reserve, so that their figures and the
// overlaps are in one plane): the request's, else the baseline layer's projected CRS or the
// CGCS2000 GK zone of the whole layer's centre. Two layers in different CRSs need it named.
std::string province_working_crs(const CheckRequest& r, const Layer& before, const Layer& after,
                                 const Envelope& before_extent) {
  if (!r.working_crs.empty()) return r.working_crs;
  for (const Layer* l : {&before, &after})
    if (l->crs.empty())
      throw InputError("the layer has no CRS; give it one with --crs (e.g. --crs EPSG:4544)",
                       SourceRef{l->path, l->name, {}});
  if (!equivalent(before.crs, after.crs))
    throw InputError("the baseline is in " + before.crs.label() + " and the proposal in " +
                     after.crs.label() +
                     "; give a working CRS to compare them in one CRS (reserve: --working-crs; "
                     "Python: working_crs=)");
  return crs_text(choose_working_crs(before.crs, before_extent));
}

ZoningOptions zoning_options(const CheckRequest& r, const char* name,
                             const std::string& working_crs, AreaMethod method) {
  ZoningOptions options;
  options.name = name;
  options.scheme = request_scheme(r);
  options.working_crs = working_crs;
  options.area_method = method;
  return options;
}

ZoningSource zoning_source(const CheckRequest& r, const CheckZoningInput& side) {
  ZoningSource source;
  source.path = side.path;
  source.read = zoning_read(r, side);
  source.zone_field = r.zone_field;
  return source;
}

// The zonings of a merge (or split) as one zoning: the parts of all, the first one's sources.
Zoning combined(std::vector<Zoning> zonings) {
  Zoning z = std::move(zonings.front());
  for (std::size_t k = 1; k < zonings.size(); ++k) {
    Zoning& more = zonings[k];
    if (more.model != z.model)
      throw InputError("the reserves grouped by a merge or split use different zone models (" +
                       std::string(to_string(z.model)) + ", " + to_string(more.model) + ")");
    for (auto& p : more.parts) z.parts.push_back(std::move(p));
    for (auto& rep : more.repairs) z.repairs.push_back(std::move(rep));
    for (auto& i : more.issues) z.issues.push_back(std::move(i));
  }
  return z;
}

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

void fill_figures(ProvinceReserve& row) {
  const CheckResult& c = *row.result;
  const Comparison& cmp = c.report.comparison;
  row.before_area_m2 = cmp.before.total_m2;
  row.after_area_m2 = cmp.after.total_m2;
  row.before_strict_share = cmp.before.strict_share;
  row.after_strict_share = cmp.after.strict_share;
  if (const ConflictOverlay* o = c.overlay()) {
    row.freed_features =
        o->overlay.count(StatusChange::freed) + o->overlay.count(StatusChange::partly_freed);
    row.downgraded_features = o->overlay.count(StatusChange::downgraded);
  }
}

// `read`: the zoning layers as the detection read them, when it held their geometry.
ProvinceResult single_reserve(const ProvinceRequest& req, std::string reason, std::string name = {},
                              check::LayersRead read = {}) {
  ProvinceResult out;
  out.province_mode = false;
  out.reserve_field_reason = std::move(reason);
  out.command_line = req.check.command_line;
  ProvinceReserve row;
  row.reserve = std::move(name);
  const check::StageThreads stage(req.jobs);  // --jobs: the threads of the one check
  row.result = check::run_check(req.check, std::move(read));
  fill_figures(row);
  out.working_crs = row.result->report.audit.working_crs;
  out.area_method = row.result->profile.area_method;
  out.overall = row.result->report.overall;
  out.generated_utc = row.result->report.audit.generated_utc;
  out.reserves.push_back(std::move(row));
  return out;
}

VerdictStatus worst_over(const std::vector<ProvinceReserve>& rows) {
  std::vector<Verdict> overall;
  for (const auto& row : rows)
    if (row.result) {
      Verdict v;
      v.status = row.result->report.overall;
      overall.push_back(std::move(v));
    }
  return overall.empty() ? VerdictStatus::not_evaluated : overall_status(overall);
}

// Both zoning layers (geometry streamed when the format allows) and what they hold: a reserve
// field with several reserves, or one reserve and why.
province::ProvinceLayers read_province_layers(const ProvinceRequest& req) {
  const CheckRequest& r = req.check;
  province::ProvinceLayers out;
  try {
    // Side by side (--jobs), errors in the order of one thread: the baseline's first.
    const check::StageThreads stage(req.jobs);
    check::run_both(
        [&] {
          out.before = province::read_zoning_layer(r.before.path, zoning_read(r, r.before),
                                                   req.stream_zones);
        },
        [&] {
          out.after =
              province::read_zoning_layer(r.after.path, zoning_read(r, r.after), req.stream_zones);
        });
  } catch (const UsageError&) {
    // A dataset of several layers without a layer chosen ("choose one with --layer"): a province
    // layer is one layer, so it is one reserve, whose loading reads layers named by zone (a KML
    // with one folder per zone) or says in its own words which layer to choose.
    if (!req.reserve_field.empty()) throw;
    out.single_reason = "a zoning file holds several layers: checked as one reserve";
    return out;
  }
  const Layer& before = out.before.layer;
  const Layer& after = out.after.layer;
  const ZoneScheme scheme = request_scheme(r);
  // A layer whose zone field cannot be found (no usable feature, unknown labels) is left to the
  // single check, which says why in its own words; a given --reserve-field still needs it.
  auto zone_field_of = [&](const Layer& layer) -> std::string {
    if (!req.reserve_field.empty()) return zoning::find_zone_field(layer, r.zone_field, scheme);
    try {
      return zoning::find_zone_field(layer, r.zone_field, scheme);
    } catch (const Error&) {
      return {};
    }
  };
  const std::string zone_before = zone_field_of(before), zone_after = zone_field_of(after);
  if (req.reserve_field.empty() && (zone_before.empty() || zone_after.empty())) {
    out.single_reason = "the zone field could not be found: checked as one reserve";
    return out;
  }
  auto field = province::choose_reserve_field(before, after, req.reserve_field, zone_before,
                                              zone_after, out.single_reason);
  if (!field) return out;
  out.n_before = province::distinct_reserves(before, field->before_name);
  out.n_after = province::distinct_reserves(after, field->after_name);
  if (!field->given && out.n_before <= 1 && out.n_after <= 1) {
    const auto one = province::rows_by_reserve(before, field->before_name);
    out.single_reason = field->reason + "; it holds one reserve";
    out.single_name = one.empty() ? std::string() : one.begin()->first;
    return out;
  }
  out.field = std::move(field);
  return out;
}

}  // namespace

std::string detect_reserve_field(const ProvinceRequest& request) {
  const CheckRequest& r = request.check;
  if (!r.before.given() || !r.after.given() || r.before.zoning || r.after.zoning) return {};
  const auto layers = read_province_layers(request);
  return layers.field ? layers.field->before_name : std::string();
}

ProvinceResult run_province_check(const ProvinceRequest& req) {
  const CheckRequest& r = req.check;
  if (!r.before.given()) throw UsageError("no baseline zoning given; give --before (before=)");
  if (!r.after.given()) throw UsageError("no proposal given; give --after (after=)");
  if (r.before.zoning || r.after.zoning) {
    if (!req.reserve_field.empty())
      throw UsageError(
          "province mode reads the zoning files; the zonings given as values hold no "
          "reserve field");
    return single_reserve(req, "zonings given as values: one reserve");
  }
  province::ProvinceLayers layers_read = read_province_layers(req);
  if (!layers_read.field) {
    check::LayersRead read;  // not read twice when the detection held the whole layers
    if (layers_read.before.whole && layers_read.after.whole) {
      read.before = std::move(layers_read.before.layer);
      read.after = std::move(layers_read.after.layer);
    }
    return single_reserve(req, layers_read.single_reason, layers_read.single_name, std::move(read));
  }
  province::ZoningLayer& before_layer = layers_read.before;
  province::ZoningLayer& after_layer = layers_read.after;
  const Layer& before = before_layer.layer;
  const Layer& after = after_layer.layer;
  const auto& field = layers_read.field;
  const std::size_t n_before = layers_read.n_before, n_after = layers_read.n_after;
  if (r.features)
    throw UsageError("province mode reads the conflict layers from files (mining=, facilities=)");

  ProvinceResult out;
  out.reserve_field = field->before_name;
  out.reserve_field_reason = field->reason + "; " + std::to_string(n_before) +
                             " reserves before, " + std::to_string(n_after) + " after";
  out.command_line = r.command_line;
  out.generated_utc = utc_now();
  const unsigned jobs = province::effective_jobs(req.jobs);
  if (!req.keep_results) province::map_large_blocks_apart();  // memory follows the largest reserve
  const Profile profile = check::request_profile(r);
  out.area_method = profile.area_method;
  const std::string working = province_working_crs(r, before, after, before_layer.extent);
  province::ReserveZonings b(std::move(before_layer), field->before_name,
                             zoning_options(r, "baseline", working, profile.area_method),
                             zoning_source(r, r.before), profile.area_method, jobs);
  province::ReserveZonings a(std::move(after_layer), field->after_name,
                             zoning_options(r, "proposal", working, profile.area_method),
                             zoning_source(r, r.after), profile.area_method, jobs);
  const Crs working_crs = b.crs();
  out.working_crs = working_crs.label();

  const auto shared = province::shared_land_between(b.outlines(), a.outlines(), working_crs,
                                                    profile.area_method, jobs);
  const auto units = province::match_reserves(b.outlines(), a.outlines(), shared, req.match_share);
  // The overlaps are the outlines' last use: found before the checks, so that the outlines are
  // freed before the conflict layers are read (the results do not depend on the order).
  out.before_overlaps = province::cross_reserve_overlaps(
      b.outlines(), working_crs, profile.area_method, req.overlap_min_area_m2, jobs);
  out.after_overlaps = province::cross_reserve_overlaps(
      a.outlines(), working_crs, profile.area_method, req.overlap_min_area_m2, jobs);
  // Each row's map outline takes its reserves' shapes, copied only for a reserve shown twice.
  std::vector<std::size_t> before_uses(b.outlines().size()), after_uses(a.outlines().size());
  for (const auto& u : units) {
    if (u.after.empty()) ++before_uses[u.before.front()];
    for (auto j : u.after) ++after_uses[j];
  }
  auto shape_for_map = [](province::ReserveZonings& z, std::size_t k, std::size_t& uses) {
    return --uses == 0 ? z.take_shape(k) : z.outlines()[k].shape;
  };

  out.reserves.resize(units.size());
  std::shared_ptr<ProvinceReportSpool> spool;
  if (!req.keep_results) spool = std::make_shared<ProvinceReportSpool>();
  out.report_spool = spool;
  std::unique_ptr<province::ShapeSpool> outline_spool;
  if (spool) outline_spool = std::make_unique<province::ShapeSpool>();
  std::vector<std::size_t> checked;
  std::vector<std::size_t> outline_vertices(units.size(), 0);  // the size of each reserve's work
  for (std::size_t k = 0; k < units.size(); ++k) {
    const auto& u = units[k];
    ProvinceReserve& row = out.reserves[k];
    row.reserve = u.name;
    row.match = u.match;
    for (auto i : u.before) outline_vertices[k] += geom::vertex_count(b.outlines()[i].shape);
    for (auto j : u.after) outline_vertices[k] += geom::vertex_count(a.outlines()[j].shape);
    for (auto i : u.before) {
      row.before_reserves.push_back(b.outlines()[i].name);
      row.before_area_m2 += b.outlines()[i].area_m2;
    }
    for (auto j : u.after) {
      row.after_reserves.push_back(a.outlines()[j].name);
      row.after_area_m2 += a.outlines()[j].area_m2;
    }
    // The overview map draws the after outlines; a removed reserve its before outline.
    if (u.after.empty())
      row.outline = shape_for_map(b, u.before.front(), before_uses[u.before.front()]);
    for (auto j : u.after) {
      MultiPolygon shape = shape_for_map(a, j, after_uses[j]);
      row.outline.polygons.insert(row.outline.polygons.end(),
                                  std::make_move_iterator(shape.polygons.begin()),
                                  std::make_move_iterator(shape.polygons.end()));
    }
    if (!u.before.empty() && !u.after.empty()) checked.push_back(k);
    if (outline_spool) {  // on disk through the checks, back once the conflict layers are gone
      outline_spool->put(k, row.outline);
      row.outline = MultiPolygon{};
    }
  }
  // The largest reserves first, so that the last one to finish is a small one (rows and reports
  // are stored by index: the order of work changes no output).
  std::stable_sort(checked.begin(), checked.end(), [&](std::size_t x, std::size_t y) {
    return outline_vertices[x] > outline_vertices[y];
  });
  b.drop_shapes();
  a.drop_shapes();
  // The outlines (now freed or on disk) were built on worker threads, whose arenas keep the
  // memory out of reach of the main thread's reading below: handed back to the system instead.
  province::return_free_memory();
  std::optional<const province::SharedConflictLayers> layers =
      province::load_shared_conflict_layers(r.conflicts, working_crs);
  province::return_free_memory();  // what reading and indexing the layers used in passing
  // At most one of the largest reserves at a time (a check's memory follows its reserve: national
  // scale has ten of 50,000 outline vertices, ~150 MB each): the reserves running together stay
  // within one and a half of the largest, and a worker takes a smaller one meanwhile.
  std::vector<std::size_t> weights;
  for (std::size_t k : checked) weights.push_back(outline_vertices[k]);
  const std::size_t largest = weights.empty() ? 0 : weights.front();
  const std::size_t budget = largest + largest / 2;
  province::parallel_for_within(
      weights, budget, jobs,
      [&](std::size_t c) {
        const auto& u = units[checked[c]];
        ProvinceReserve& row = out.reserves[checked[c]];
        // One reserve alone may use the cores for its own steps; several share them.
        const check::StageThreads stage(checked.size() == 1 ? jobs : 1);
        try {
          std::vector<Zoning> zb, za;
          for (auto i : u.before) zb.push_back(b.take(i));
          for (auto j : u.after) za.push_back(a.take(j));
          CheckRequest one = r;
          one.on_ledger = nullptr;  // a single check's hook; the province writes its own files
          if (one.title.empty()) one.title = u.name;
          row.result =
              check::check_zonings(one, profile, combined(std::move(zb)), combined(std::move(za)),
                                   [&](const Zoning& zb1, const Zoning& za1, const Profile& p,
                                       const Comparison& cmp, zoning::LayoutPair layouts,
                                       const LedgerCompanions&) {  // one thread: after
                                     return province::reserve_conflicts(
                                         *layers, r.conflicts, r.ledger, zb1, za1, p, cmp, layouts);
                                   });
          row.result->report.audit.generated_utc = out.generated_utc;
          fill_figures(row);
          if (spool) {  // keep the report as text on disk, the rest small
            spool->put(checked[c], report_json_pieces(row.result->report).views());
            if (const auto& conflicts = row.result->conflicts)
              spool->put_ledger(checked[c], conflicts->ledger.lonlat_datum,
                                province::reserve_ledger_rows(row.reserve, conflicts->ledger));
            province::slim_result(*row.result);
          }
        } catch (const Error& e) {
          row.result.reset();
          row.error_kind = e.kind();
          row.error = e.what();
        }
        // A large check's memory is free now but held by this worker's arena, where the next
        // large check (on the other worker) cannot reuse it: above a quarter of the largest (a
        // few dozen reserves at national scale; trimming after every check would cost CPU).
        if (4 * weights[c] > largest) province::return_free_memory();
      },
      [&](std::size_t done, std::size_t total) {
        if (req.progress) req.progress(done, total);
      });
  layers.reset();  // before the map outlines come back
  if (outline_spool)
    for (std::size_t k = 0; k < units.size(); ++k) out.reserves[k].outline = outline_spool->get(k);

  out.overall = worst_over(out.reserves);
  return out;
}

}  // namespace reserve
