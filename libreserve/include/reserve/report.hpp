#pragma once
// Audit-ready reports of a check: JSON (versioned schema, docs/report-schema.json), Markdown,
// self-contained HTML, and an evidence GeoPackage. Every report carries the audit block: inputs
// with SHA-256, layers, CRSs, area method, tolerances, repairs, profile, library version, time.
// All files are written atomically (temporary file in the same directory, then rename).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reserve/compare.hpp"
#include "reserve/export.hpp"
#include "reserve/issue.hpp"
#include "reserve/rules.hpp"
#include "reserve/validate.hpp"
#include "reserve/zoning.hpp"

namespace reserve {

// The JSON report's schema version (docs/report-schema.json). Bumped on incompatible changes.
inline constexpr const char* kReportSchemaVersion = "1.0.0";

struct AuditInput {
  std::string role;  // "before", "after", "mining", "facilities", …
  std::string path;
  std::string sha256;
  std::string layer;
  std::string driver;
  std::string encoding;
  std::string source_crs;  // label, e.g. "EPSG:4490"
  std::string edge_model;  // how edges reached the working CRS (SourceFile::edge_model)
};

struct AuditRepair {
  std::string side;  // "before" / "after"
  Repair repair;
};

struct Audit {
  std::vector<AuditInput> inputs;
  std::string working_crs;  // label
  std::string working_crs_wkt;
  AreaMethod area_method = AreaMethod::geodesic;
  AreaTolerance tolerance;
  NoiseTolerance noise;
  std::vector<AuditRepair> repairs;
  std::string profile_name;
  std::string profile_version;
  std::string profile_path;
  std::string library_version;  // RESERVE_VERSION_STRING
  std::string generated_utc;    // ISO 8601, e.g. "2026-11-28T17:04:07Z"
  std::string command_line;
};

// Fills the audit block from the zonings (their sources and repairs), the profile, and the
// current UTC time and library version. `command_line` is recorded as given.
RESERVE_API Audit make_audit(const Zoning& before, const Zoning& after, const Profile& profile,
                             const std::string& command_line);

// A map to embed in the HTML report (<figure id="map">) as an inline SVG or a PNG data URI.
struct MapImage {
  std::string svg;                // SVG document text, or
  std::vector<std::uint8_t> png;  // PNG bytes
  std::string caption;
  bool empty() const noexcept { return svg.empty() && png.empty(); }
};

// A section another module adds to the reports (e.g. the conflict overlay, the ledger).
struct ReportSection {
  std::string id;  // key under "extensions" in the JSON report
  std::string title_zh;
  std::string title_en;
  std::string json;      // a JSON value (object or array) as text; "" for none
  std::string markdown;  // body in Markdown
  std::string html;      // body as an HTML fragment (no external resources)
  // `json` as report_json prints it, made ahead by print_section_ahead; report_json uses it only
  // while `json` is the text it was made from (a hash of it is kept).
  struct Printed {
    std::string text;
    std::size_t source_hash = 0;
  } printed;
};

// Prints `section.json` into `section.printed` as report_json will print it. A check calls it
// where it makes a section, beside other work: the report's writing, its last step, then copies
// the text (on a reserve with 10,000 features near it, 50 ms less at the end). Nothing is printed
// ahead for text report_json would reformat through a parse.
RESERVE_API void print_section_ahead(ReportSection& section);

struct Report {
  std::string title;  // e.g. the reserve's name; "" → "Reserve boundary check"
  Comparison comparison;
  std::vector<Verdict> verdicts;
  VerdictStatus overall = VerdictStatus::pass;
  std::optional<ValidationReport> before_validation;
  std::optional<ValidationReport> after_validation;
  Audit audit;
  std::vector<ReportSection> sections;
  MapImage map;
};

// Renderers. Numbers: hectares to 0.01 ha in Markdown/HTML, full precision (shortest
// round-trip) in JSON.
RESERVE_API std::string report_json(const Report& report);
RESERVE_API std::string report_markdown(const Report& report);
RESERVE_API std::string report_html(const Report& report);

// Writes the evidence layers removed / added / downgraded / upgraded / noise (attributes
// piece_id, zone_before, zone_after, area_m2, area_ha, width_m, noise) to a GeoPackage in the
// comparison's working CRS. Replaces an existing file atomically. Throws InputError when the
// directory is not writable.
RESERVE_API void write_evidence_gpkg(const Report& report, const std::string& path);

// Writes `content` to `path` atomically. Throws InputError naming the path on failure.
RESERVE_API void write_file_atomic(const std::string& path, const std::string& content);

enum class ReportFormat { json, markdown, html, gpkg };
// Parses "json,md,html,gpkg" (also "markdown"). UsageError for an unknown format.
RESERVE_API std::vector<ReportFormat> parse_report_formats(const std::string& list);

// Writes the chosen formats into `directory` (created when missing) as report.json,
// report.md, report.html and evidence.gpkg. Returns the paths written.
RESERVE_API std::vector<std::string> write_reports(const Report& report,
                                                   const std::string& directory,
                                                   const std::vector<ReportFormat>& formats);

}  // namespace reserve
