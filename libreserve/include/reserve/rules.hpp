#pragma once
// Rule profiles (TOML), the rule engine, and verdicts with evidence.
//
// A rule is a small unit registered by id in a RuleRegistry: its parameters (declared, so a
// profile with an unknown parameter is an error) and a function that turns a RuleContext (the
// comparison, the validation reports, the optional conflict overlay, the profile) into one
// Verdict. A rule whose inputs are absent (e.g. no conflict layers were given) returns
// VerdictStatus::not_evaluated with the reason: never a silent pass.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "reserve/area.hpp"
#include "reserve/compare.hpp"
#include "reserve/export.hpp"
#include "reserve/geometry.hpp"
#include "reserve/validate.hpp"
#include "reserve/zone.hpp"

namespace reserve {

// ---------------------------------------------------------------------------------------------
// Verdicts

// incomplete: the rule ran, found no failure, but some of its input could not be used (conflict
// features skipped or unusable), so it cannot pass — "INCOMPLETE" in text reports.
enum class VerdictStatus { pass, fail, warn, not_evaluated, incomplete };
RESERVE_API const char* to_string(VerdictStatus s) noexcept;  // "pass", "fail", "warn", …

// The unit of a Measure. The strings of to_string() are the only spellings; the JSON report
// writes them and docs/report-schema.json lists exactly these (a test checks it).
enum class MeasureUnit {
  m2,        // square metres
  m,         // metres
  fraction,  // a share, 0.30 for 30 %
  ratio,     // a ratio of two like quantities (may exceed 1)
  count,     // a number of things
};
inline constexpr MeasureUnit kMeasureUnits[] = {
    MeasureUnit::m2, MeasureUnit::m, MeasureUnit::fraction, MeasureUnit::ratio, MeasureUnit::count};
RESERVE_API const char* to_string(MeasureUnit unit) noexcept;  // "m2", "m", "fraction", …

// A named measured value or threshold.
struct Measure {
  std::string
      name;  // snake_case with the unit suffix, e.g. "total_after_m2", "strict_share_before"
  double value = 0.0;
  MeasureUnit unit = MeasureUnit::count;
};

// What a piece of evidence is. The strings of to_string() are the only spellings (JSON "kind").
enum class EvidenceKind { removed, added, downgraded, upgraded, noise, issue, feature };
inline constexpr EvidenceKind kEvidenceKinds[] = {
    EvidenceKind::removed, EvidenceKind::added, EvidenceKind::downgraded, EvidenceKind::upgraded,
    EvidenceKind::noise,   EvidenceKind::issue, EvidenceKind::feature};
RESERVE_API const char* to_string(EvidenceKind kind) noexcept;  // "removed", "added", …
// The kind spelled `text` by to_string(), or nullopt.
RESERVE_API std::optional<EvidenceKind> evidence_kind_from_string(const std::string& text);

// One piece of evidence behind a verdict: a changed piece of land, a conflict feature, a
// validation issue. Geometries are in the comparison's working CRS.
struct Evidence {
  EvidenceKind kind = EvidenceKind::issue;
  std::string id;           // stable within a report, e.g. "removed-3", or a feature / issue id
  std::string description;  // one line
  std::optional<Zone> zone_before;
  std::optional<Zone> zone_after;
  std::optional<double> area_m2;
  MultiPolygon geometry;  // may be empty (e.g. issues with a location only)
  std::optional<Point> location;
};

struct Verdict {
  std::string rule_id;  // e.g. "no-slimming"
  std::string title_zh;
  std::string title_en;
  VerdictStatus status = VerdictStatus::not_evaluated;
  std::vector<Measure> measured;
  std::vector<Measure> thresholds;
  std::string threshold_text;  // the test in words, e.g. "total after ≥ total before − 1.00 ha"
  std::string explanation_zh;
  std::string explanation_en;
  std::vector<Evidence> evidence;
};

// fail if any verdict fails; else incomplete if any is incomplete; else warn if any warns or was
// not evaluated; else pass. (An unevaluated or incomplete rule is never reported as a pass.) pass
// for an empty list.
RESERVE_API VerdictStatus overall_status(const std::vector<Verdict>& verdicts) noexcept;

// The exit code of a command whose result is `overall` (README "Exit codes"): 1 fail, 5
// incomplete (a verdict rests on partial input), else 0.
inline constexpr int kExitIncomplete = 5;
RESERVE_API int exit_code_for(VerdictStatus overall) noexcept;

// ---------------------------------------------------------------------------------------------
// Profiles

// A rule parameter value as written in TOML: a boolean, a number, a string, a list of strings,
// or a table of numbers keyed by name (e.g. zone id → share).
using ParamValue = std::variant<bool, double, std::string, std::vector<std::string>,
                                std::map<std::string, double>>;

enum class ParamType { boolean, number, text, text_list, number_table };

// A rule parameter, declared once: the rule reads its default from here (rules/rule_helpers.hpp)
// and docs/profiles.md lists the same default and unit (a test checks it).
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::number;
  std::string description;                  // for docs/profiles.md and error messages
  std::optional<ParamValue> default_value;  // nullopt: no default (absent means "not set")
  std::optional<MeasureUnit> unit;          // of a number or of a table's numbers
};

struct RuleConfig {
  std::string id;
  bool enabled = true;
  // "fail" (default) or "warn": what a violated rule reports.
  VerdictStatus on_violation = VerdictStatus::fail;
  std::map<std::string, ParamValue> params;

  // Typed access with a default for an absent parameter (UsageError for a wrong type).
  double number(const std::string& name, double fallback) const;
  bool flag(const std::string& name, bool fallback) const;
  std::string text(const std::string& name, const std::string& fallback) const;
  std::vector<std::string> text_list(const std::string& name) const;
  std::map<std::string, double> number_table(const std::string& name) const;
};

// Area tolerance of the area rules: the larger of an absolute and a relative allowance.
struct AreaTolerance {
  double abs_ha = 0.0;
  double rel = 0.0;  // fraction of the baseline figure
  double allowed_m2(double baseline_m2) const noexcept;
};

// One row of the conflicts decision table: what must happen to a conflict feature of a category
// found in a zone. Reserved for the conflict overlay (conflicts-ledger).
struct ConflictDecision {
  std::string category;  // e.g. "mining_right", "tailings_pond"
  std::string zone;      // zone id ("core", …, "outside") or "*"
  std::string action;    // e.g. "exit", "close", "relocate", "treat_in_situ", "remediate"
  std::string deadline;  // free text, e.g. "2027-12-31" or "before approval"
};

// Settings of the conflict overlay and of the "no adjusting instead of rectifying" rule.
struct ConflictSettings {
  std::vector<std::string> categories;  // feature categories that count as conflicts
  double buffer_distance_m = 0.0;       // features within this distance of changed land count
  double min_overlap_ratio = 0.0;       // share of a feature inside removed land to flag it
  std::vector<ConflictDecision> decisions;
};

struct Profile {
  std::string name;     // e.g. "three-no"
  std::string version;  // e.g. "1"
  std::string description;
  std::string source;      // citation of the rules the profile encodes
  std::string confidence;  // "C" confirmed, "S" secondary source, "U" unconfirmed
  std::string path;        // the file it was read from ("" when built in code)

  AreaMethod area_method = AreaMethod::geodesic;
  AreaTolerance tolerance;
  std::optional<ZoneModel> zone_model;  // the common model; empty: automatic (see CompareOptions)
  bool allow_model_mapping = true;
  LegacyToTwoZoneMap legacy_map;
  NoiseTolerance noise;
  std::vector<RuleConfig> rules;  // in the order they run and are reported
  ConflictSettings conflicts;

  const RuleConfig* rule(const std::string& id) const noexcept;
};

// The comparison options a profile implies.
RESERVE_API CompareOptions compare_options(const Profile& profile);

// ---------------------------------------------------------------------------------------------
// The rule engine

// Results of the conflict overlay (features × zones before/after). Defined by the conflicts
// module (reserve/overlay.hpp); the engine only passes a pointer through.
struct ConflictOverlay;

struct RuleContext {
  const Comparison& comparison;
  const Profile& profile;
  const ValidationReport* before_validation = nullptr;  // nullptr: validation not run
  const ValidationReport* after_validation = nullptr;
  const ConflictOverlay* conflicts = nullptr;  // nullptr: no conflict layers given
};

using RuleFunction = std::function<Verdict(const RuleContext&, const RuleConfig&)>;

struct RuleDefinition {
  std::string id;
  std::string title_zh;
  std::string title_en;
  std::string description;  // what it checks, one paragraph (docs/profiles.md)
  std::vector<ParamSpec> params;
  RuleFunction evaluate;
  // Optional: checks parameter values beyond their type when a profile is parsed (e.g. zone
  // ids in a table); throws UsageError with the message. May be empty.
  std::function<void(const RuleConfig&)> validate;
};

class RESERVE_API RuleRegistry {
 public:
  // The library's rules: no-slimming, core-buffer-share, core-buffer-area, zone-share-limits,
  // zoning-sanity, no-adjusting-instead-of-rectifying.
  static RuleRegistry standard();

  // Adds or replaces the rule with this id.
  void add(RuleDefinition rule);
  const RuleDefinition* find(const std::string& id) const noexcept;
  std::vector<std::string> ids() const;

 private:
  std::vector<RuleDefinition> rules_;
};

// Runs every enabled rule of the profile, in order. A rule id unknown to the registry is a
// UsageError. Exceptions inside a rule propagate (they are bugs or input errors).
RESERVE_API std::vector<Verdict> evaluate_rules(const RuleContext& context,
                                                const RuleRegistry& registry);

// ---------------------------------------------------------------------------------------------
// Profile files

// Parses a profile from TOML text; `origin` names the file in error messages. Every key is
// checked: an unknown key is a UsageError naming the key and the file; rule parameters are
// checked against the registry's ParamSpecs. See docs/profiles.md.
RESERVE_API Profile parse_profile(const std::string& toml_text, const std::string& origin,
                                  const RuleRegistry& registry = RuleRegistry::standard());

// Loads a profile by path (anything containing '/' or ending in ".toml" that exists) or by
// shipped name ("three-no"), searched in: $RESERVE_PROFILE_DIR, $RESERVE_DATA_DIR/profiles, then
// share/reserve/profiles beside the installed library or program (<prefix>/share/reserve/profiles
// for an install under <prefix>; never the source tree). UsageError listing the
// directories searched and the names found when it is not found.
RESERVE_API Profile load_profile(const std::string& name_or_path,
                                 const RuleRegistry& registry = RuleRegistry::standard());

// The directories searched for shipped profiles, in order (existing or not).
RESERVE_API std::vector<std::string> profile_search_path();

// Names of the profiles found on the search path (file stems), sorted, without duplicates.
RESERVE_API std::vector<std::string> available_profiles();

}  // namespace reserve
