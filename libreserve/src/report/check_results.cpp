// `reserve check --out PG:…`: the check's results as tables in one transaction (reserve_runs,
// reserve_verdicts, reserve_measures, reserve_zone_areas, reserve_ledger, evidence layers).
#include "io/input_path.hpp"
#include "report/evidence_layers.hpp"
#include "reserve/ledger.hpp"
#include "reserve/report.hpp"
#include "reserve/result_store.hpp"

namespace reserve {
namespace {

using T = StoreType;

StoreValue optional_real(const std::optional<double>& v) {
  return v ? StoreValue{*v} : StoreValue{};
}

StoreTable runs_table(const Report& r) {
  const Audit& a = r.audit;
  StoreTable t{"reserve_runs",
               {{"generated_utc", T::text},
                {"overall", T::text},
                {"profile", T::text},
                {"profile_version", T::text},
                {"area_method", T::text},
                {"working_crs", T::text},
                {"library_version", T::text},
                {"command_line", T::text},
                {"report_json", T::text}},
               {}};
  t.rows.push_back({a.generated_utc, std::string(to_string(r.overall)), a.profile_name,
                    a.profile_version, std::string(to_string(a.area_method)), a.working_crs,
                    a.library_version, a.command_line, report_json(r)});
  return t;
}

StoreTable verdicts_table(const Report& r) {
  StoreTable t{"reserve_verdicts",
               {{"rule_id", T::text},
                {"title_zh", T::text},
                {"title_en", T::text},
                {"status", T::text},
                {"threshold_text", T::text},
                {"explanation_zh", T::text},
                {"explanation_en", T::text}},
               {}};
  for (const auto& v : r.verdicts)
    t.rows.push_back({v.rule_id, v.title_zh, v.title_en, std::string(to_string(v.status)),
                      v.threshold_text, v.explanation_zh, v.explanation_en});
  return t;
}

// Measured values and thresholds of every verdict, one row each (kind "measured"/"threshold").
StoreTable measures_table(const Report& r) {
  StoreTable t{"reserve_measures",
               {{"rule_id", T::text},
                {"kind", T::text},
                {"name", T::text},
                {"value", T::real},
                {"unit", T::text}},
               {}};
  for (const auto& v : r.verdicts) {
    for (const auto& m : v.measured)
      t.rows.push_back(
          {v.rule_id, std::string("measured"), m.name, m.value, std::string(to_string(m.unit))});
    for (const auto& m : v.thresholds)
      t.rows.push_back(
          {v.rule_id, std::string("threshold"), m.name, m.value, std::string(to_string(m.unit))});
  }
  return t;
}

// Per zone (strictest first), then the strictly protected land and the total, as in the summary.
StoreTable zone_areas_table(const Report& r) {
  const Comparison& c = r.comparison;
  StoreTable t{"reserve_zone_areas",
               {{"zone", T::text},
                {"before_m2", T::real},
                {"after_m2", T::real},
                {"change_m2", T::real},
                {"before_share", T::real},
                {"after_share", T::real}},
               {}};
  for (const auto& b : c.before.zones) {
    const double after = c.after.area_m2(b.zone);
    t.rows.push_back({std::string(to_string(b.zone)), b.area_m2, after, after - b.area_m2, b.share,
                      c.after.share(b.zone)});
  }
  t.rows.push_back({std::string(c.model == ZoneModel::two_zone ? "core_protection" : "strict"),
                    c.before.strict_m2, c.after.strict_m2, c.after.strict_m2 - c.before.strict_m2,
                    c.before.strict_share, c.after.strict_share});
  t.rows.push_back({std::string("total"), c.before.total_m2, c.after.total_m2, c.net_change_m2(),
                    StoreValue{1.0}, StoreValue{1.0}});
  return t;
}

}  // namespace

StoreTable ledger_store_table(const Ledger& l) {
  StoreTable t{"reserve_ledger",
               {{"problem_id", T::text},
                {"feature_id", T::text},
                {"category", T::text},
                {"category_zh", T::text},
                {"name", T::text},
                {"lon_deg", T::real},
                {"lat_deg", T::real},
                {"lonlat_datum", T::text},
                {"easting_m", T::real},
                {"northing_m", T::real},
                {"plane_crs", T::text},
                {"zone_before", T::text},
                {"zone_after", T::text},
                {"change", T::text},
                {"description_zh", T::text},
                {"description_en", T::text},
                {"action_zh", T::text},
                {"action_en", T::text},
                {"basis", T::text},
                {"adjusting_instead_of_rectifying", T::integer},
                {"target", T::text},
                {"deadline", T::text},
                {"responsible_unit", T::text},
                {"responsible_leader", T::text},
                {"responsible_person", T::text},
                {"supervising_unit", T::text},
                {"measures", T::text},
                {"status", T::text}},
               {}};
  for (const auto& r : l.rows) {
    const Assignment& a = r.assignment;
    t.rows.push_back({r.problem_id,
                      r.feature_id,
                      r.category,
                      r.category_zh,
                      r.name,
                      optional_real(r.lon_deg),
                      optional_real(r.lat_deg),
                      l.lonlat_datum,
                      optional_real(r.x_m),
                      optional_real(r.y_m),
                      r.plane_crs,
                      r.zone_before,
                      r.zone_after,
                      r.change,
                      r.description_zh,
                      r.description_en,
                      r.action_zh,
                      r.action_en,
                      r.basis,
                      std::int64_t{r.adjusting_instead_of_rectifying ? 1 : 0},
                      a.target,
                      a.deadline,
                      a.responsible_unit,
                      a.responsible_leader,
                      a.responsible_person,
                      a.supervising_unit,
                      a.measures,
                      r.status});
  }
  return t;
}

std::vector<std::string> write_check_results(const Report& report, const Ledger* ledger,
                                             ResultStore& store) {
  std::vector<std::string> names;
  auto table = [&](const StoreTable& t) {
    store.write_table(t);
    names.push_back(t.name);
  };
  table(runs_table(report));
  table(verdicts_table(report));
  table(measures_table(report));
  table(zone_areas_table(report));
  if (ledger != nullptr) table(ledger_store_table(*ledger));
  for (const auto& layer : report::evidence_layers(report.comparison, "reserve_evidence_")) {
    store.write_polygons(layer);
    names.push_back(layer.table.name);
  }
  return names;
}

std::vector<std::string> write_check_results(const Report& report, const Ledger* ledger,
                                             const std::string& destination,
                                             const RunStamp& stamp) {
  ResultStore store = ResultStore::open(destination, stamp);
  std::vector<std::string> names = write_check_results(report, ledger, store);
  store.commit();
  const std::string shown = io::mask_passwords(destination);
  for (auto& n : names) n = shown + " " + n;
  return names;
}

}  // namespace reserve
