// The audit block: everything a reviewer needs to redo the numbers.
#include <ctime>

#include "io/input_path.hpp"
#include "reserve/report.hpp"
#include "reserve/version.hpp"

namespace reserve {
namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void add_inputs(Audit& a, const Zoning& z, const char* role) {
  for (const auto& s : z.sources) {
    a.inputs.push_back(AuditInput{role, s.path, s.sha256, s.layer, s.driver, s.encoding,
                                  s.source_crs.empty() ? std::string() : s.source_crs.label(),
                                  s.edge_model});
  }
  for (const auto& r : z.repairs) a.repairs.push_back(AuditRepair{role, r});
}

}  // namespace

Audit make_audit(const Zoning& before, const Zoning& after, const Profile& profile,
                 const std::string& command_line) {
  Audit a;
  add_inputs(a, before, "before");
  add_inputs(a, after, "after");
  a.working_crs = before.crs.empty() ? std::string() : before.crs.label();
  a.working_crs_wkt = before.crs.wkt;
  a.area_method = profile.area_method;
  a.tolerance = profile.tolerance;
  a.noise = profile.noise;
  a.profile_name = profile.name;
  a.profile_version = profile.version;
  a.profile_path = profile.path;
  a.library_version = RESERVE_VERSION_STRING;
  a.generated_utc = utc_now();
  a.command_line = io::mask_passwords(command_line);  // `--before 'PG:… password=…'`
  return a;
}

}  // namespace reserve
