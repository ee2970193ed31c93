// The JSON report (schema: docs/report-schema.json). Numbers keep full precision: nlohmann-json
// prints doubles in the shortest form that reads back to the same value.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/atomic_file.hpp"
#include "report/format.hpp"
#include "report/issue_json.hpp"
#include "report/json_text.hpp"
#include "report/report_pieces.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace {

// Where report_json puts a section: under "extensions", two levels into the document.
constexpr std::size_t kSectionIndent = 4;

using nlohmann::json;

json optional_number(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json summary_json(const ZoningSummary& s) {
  json j;
  j["model"] = to_string(s.model);
  j["total_m2"] = s.total_m2;
  j["total_ha"] = to_ha(s.total_m2);
  j["outline_m2"] = s.outline_m2;
  j["strict_m2"] = s.strict_m2;
  j["strict_ha"] = to_ha(s.strict_m2);
  j["strict_share"] = s.strict_share;
  j["zones"] = json::array();
  for (const auto& z : s.zones) {
    j["zones"].push_back({{"zone", to_string(z.zone)},
                          {"name_zh", chinese_name(z.zone)},
                          {"area_m2", z.area_m2},
                          {"area_ha", to_ha(z.area_m2)},
                          {"measured_m2", z.measured_m2},
                          {"share", z.share}});
  }
  return j;
}

json change_json(const ChangeSet& set, const std::string& kind) {
  json j;
  j["area_m2"] = set.area_m2;
  j["area_ha"] = to_ha(set.area_m2);
  j["noise_m2"] = set.noise_m2;
  j["significant_m2"] = set.significant_m2();
  j["significant_ha"] = to_ha(set.significant_m2());
  j["pieces"] = json::array();
  int n = 0;
  for (const auto& p : set.pieces) {
    j["pieces"].push_back({{"id", kind + "-" + std::to_string(++n)},
                           {"zone_before", to_string(p.from)},
                           {"zone_after", to_string(p.to)},
                           {"area_m2", p.area_m2},
                           {"width_m", p.width_m},
                           {"noise", p.noise}});
  }
  return j;
}

json measures_json(const std::vector<Measure>& ms) {
  json a = json::array();
  for (const auto& m : ms)
    a.push_back({{"name", m.name}, {"value", m.value}, {"unit", to_string(m.unit)}});
  return a;
}

json verdict_json(const Verdict& v) {
  json j;
  j["rule_id"] = v.rule_id;
  j["title_zh"] = v.title_zh;
  j["title_en"] = v.title_en;
  j["status"] = to_string(v.status);
  j["measured"] = measures_json(v.measured);
  j["thresholds"] = measures_json(v.thresholds);
  j["threshold_text"] = v.threshold_text;
  j["explanation_zh"] = v.explanation_zh;
  j["explanation_en"] = v.explanation_en;
  j["evidence"] = json::array();
  for (const auto& e : v.evidence) {
    json ej;
    ej["kind"] = to_string(e.kind);
    ej["id"] = e.id;
    ej["description"] = e.description;
    ej["zone_before"] = e.zone_before ? json(to_string(*e.zone_before)) : json(nullptr);
    ej["zone_after"] = e.zone_after ? json(to_string(*e.zone_after)) : json(nullptr);
    ej["area_m2"] = optional_number(e.area_m2);
    ej["location"] = e.location ? json::array({e.location->x, e.location->y}) : json(nullptr);
    ej["geometry_wkt"] = e.geometry.empty() ? json(nullptr) : json(to_wkt(e.geometry));
    j["evidence"].push_back(std::move(ej));
  }
  return j;
}

json validation_json(const std::optional<ValidationReport>& r) {
  if (!r) return nullptr;
  json j;
  j["issues"] = json::array();
  for (const auto& i : r->issues) {
    j["issues"].push_back(report::issue_json(i));
  }
  int errors = 0, warnings = 0;
  for (const auto& i : r->issues) {
    errors += i.severity == Severity::error;
    warnings += i.severity == Severity::warning;
  }
  j["error_count"] = errors;
  j["warning_count"] = warnings;
  return j;
}

json audit_json(const Audit& a) {
  json j;
  j["inputs"] = json::array();
  for (const auto& i : a.inputs) {
    j["inputs"].push_back({{"role", i.role},
                           {"path", i.path},
                           {"sha256", i.sha256},
                           {"layer", i.layer},
                           {"driver", i.driver},
                           {"encoding", i.encoding},
                           {"source_crs", i.source_crs},
                           {"edge_model", i.edge_model}});
  }
  j["working_crs"] = a.working_crs;
  j["working_crs_wkt"] = a.working_crs_wkt;
  j["area_method"] = to_string(a.area_method);
  j["tolerance"] = {{"abs_ha", a.tolerance.abs_ha}, {"rel", a.tolerance.rel}};
  j["noise"] = {{"max_area_m2", a.noise.max_area_m2}, {"max_width_m", a.noise.max_width_m}};
  j["repairs"] = json::array();
  for (const auto& r : a.repairs) {
    j["repairs"].push_back({{"side", r.side},
                            {"file", r.repair.where.file},
                            {"layer", r.repair.where.layer},
                            {"feature", r.repair.where.feature},
                            {"reason", r.repair.reason},
                            {"area_before_m2", r.repair.area_before_m2},
                            {"area_after_m2", r.repair.area_after_m2},
                            {"area_change_m2", r.repair.area_change_m2()}});
  }
  j["profile"] = {
      {"name", a.profile_name}, {"version", a.profile_version}, {"path", a.profile_path}};
  j["library_version"] = a.library_version;
  j["generated_utc"] = a.generated_utc;
  j["command_line"] = a.command_line;
  return j;
}

// The old way, kept for the case a placeholder is not unique in the printed text: every section
// parsed into the document.
std::string parsed_sections_json(json j, const std::vector<ReportSection>& sections) {
  for (const auto& s : sections) {
    if (s.json.empty()) continue;
    try {
      j["extensions"][s.id] = json::parse(s.json);
    } catch (const json::exception& e) {
      throw InternalError("report section '" + s.id + "' holds invalid JSON: " + e.what());
    }
  }
  return j.dump(2) + "\n";
}

// A section's JSON (megabytes for the conflicts of a large reserve) goes into the printed report
// as text: a placeholder string stands in the document and is replaced by the section's compact
// text re-indented (report/json_text) — the same bytes as parsing it and printing it with the
// rest, without building and freeing a second document. A later section with the same id wins.
// The result comes in pieces (report/report_pieces.hpp): a section printed ahead is referred to.
void with_sections(json j, const std::vector<ReportSection>& sections,
                   report::ReportPieces& pieces) {
  std::map<std::string, std::size_t> last;  // section id -> index of the section printed
  for (std::size_t k = 0; k < sections.size(); ++k)
    if (!sections[k].json.empty()) last[sections[k].id] = k;
  std::vector<std::string> quoted(sections.size());
  for (const auto& [id, k] : last) {
    quoted[k] = json("\x01reserve-section-" + std::to_string(k) + "\x01").dump();
    j["extensions"][id] = json("\x01reserve-section-" + std::to_string(k) + "\x01");
  }
  const std::string& text = pieces.keep(j.dump(2));
  struct Splice {
    std::size_t at;
    std::size_t k;
  };
  std::vector<Splice> splices;
  for (const auto& [id, k] : last) {
    const std::size_t at = text.find(quoted[k]);
    if (at == std::string::npos || text.find(quoted[k], at + 1) != std::string::npos) {
      pieces.own(parsed_sections_json(std::move(j), sections));  // a report string looks alike
      return;
    }
    splices.push_back({at, k});
  }
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.at < b.at; });
  std::size_t from = 0;
  for (const auto& sp : splices) {
    pieces.refer(std::string_view(text).substr(from, sp.at - from));
    const std::size_t line = text.rfind('\n', sp.at) + 1;  // the member's line sets the depth
    const std::size_t indent = text.find_first_not_of(' ', line) - line;
    const ReportSection& section = sections[sp.k];
    std::string out;
    if (indent == kSectionIndent && !section.printed.text.empty() &&
        section.printed.source_hash == std::hash<std::string>{}(section.json)) {
      pieces.refer(section.printed.text);  // printed ahead (print_section_ahead)
    } else if (report::append_indented_json(section.json, static_cast<int>(indent), out)) {
      pieces.own(std::move(out));
    } else {
      // Not as nlohmann-json's dump() prints (a section from outside the library): printed
      // through a parse, as before.
      try {
        // dump(2) lays the value out at depth 0; its line breaks are all layout (a string's
        // are escaped), so each takes the member's indent.
        const std::string own = json::parse(section.json).dump(2);
        for (char ch : own) {
          out += ch;
          if (ch == '\n') out.append(indent, ' ');
        }
      } catch (const json::exception& e) {
        throw InternalError("report section '" + section.id + "' holds invalid JSON: " + e.what());
      }
      pieces.own(std::move(out));
    }
    from = sp.at + quoted[sp.k].size();
  }
  pieces.refer(std::string_view(text).substr(from));
  pieces.refer("\n");
}

}  // namespace

void print_section_ahead(ReportSection& section) {
  section.printed = {};
  std::string text;
  if (section.json.empty() ||
      !report::append_indented_json(section.json, static_cast<int>(kSectionIndent), text))
    return;
  section.printed = {std::move(text), std::hash<std::string>{}(section.json)};
}

report::ReportPieces report_json_pieces(const Report& r) {
  const Comparison& c = r.comparison;
  json j;
  j["schema_version"] = kReportSchemaVersion;
  j["title"] = report::report_title(r.title);
  j["overall"] = to_string(r.overall);
  json counts = {{"pass", 0}, {"fail", 0}, {"warn", 0}, {"not_evaluated", 0}, {"incomplete", 0}};
  for (const auto& v : r.verdicts)
    counts[to_string(v.status)] = counts[to_string(v.status)].get<int>() + 1;
  j["counts"] = counts;
  j["verdicts"] = json::array();
  for (const auto& v : r.verdicts) j["verdicts"].push_back(verdict_json(v));

  json cj;
  cj["crs"] = c.crs.empty() ? std::string() : c.crs.label();
  cj["area_method"] = to_string(c.area_method);
  cj["model"] = to_string(c.model);
  cj["legacy_map"] = {{"core", to_string(c.legacy_map.core)},
                      {"buffer", to_string(c.legacy_map.buffer)},
                      {"experimental", to_string(c.legacy_map.experimental)}};
  cj["noise_tolerance"] = {{"max_area_m2", c.noise.max_area_m2},
                           {"max_width_m", c.noise.max_width_m}};
  cj["before"] = summary_json(c.before);
  cj["after"] = summary_json(c.after);
  cj["before_original"] = c.before_original ? summary_json(*c.before_original) : json(nullptr);
  cj["after_original"] = c.after_original ? summary_json(*c.after_original) : json(nullptr);
  json axis = json::array();
  for (Zone z : c.axis) axis.push_back(to_string(z));
  json cells = json::array();
  for (const auto& cell : c.matrix) {
    cells.push_back({{"from", to_string(cell.from)},
                     {"to", to_string(cell.to)},
                     {"area_m2", cell.area_m2},
                     {"area_ha", to_ha(cell.area_m2)}});
  }
  cj["matrix"] = {{"axis", axis}, {"cells", cells}};
  cj["net_change_m2"] = c.net_change_m2();
  cj["net_change_ha"] = to_ha(c.net_change_m2());
  cj["removed"] = change_json(c.removed, "removed");
  cj["added"] = change_json(c.added, "added");
  cj["downgraded"] = change_json(c.downgraded, "downgraded");
  cj["upgraded"] = change_json(c.upgraded, "upgraded");
  j["comparison"] = std::move(cj);

  j["validation"] = {{"before", validation_json(r.before_validation)},
                     {"after", validation_json(r.after_validation)}};
  j["audit"] = audit_json(r.audit);
  j["extensions"] = json::object();
  report::ReportPieces pieces;
  with_sections(std::move(j), r.sections, pieces);
  return pieces;
}

std::string report_json(const Report& r) { return report_json_pieces(r).joined(); }

void write_report_json(const Report& r, const std::string& path) {
  const report::ReportPieces pieces = report_json_pieces(r);
  atomic::stage_file(path, pieces.views()).commit();
}

}  // namespace reserve
