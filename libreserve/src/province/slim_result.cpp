// Slimming a province row's check result after its report.json text is spooled.
#include "province/slim_result.hpp"

namespace reserve::province {
namespace {

template <class T>
void release(T& v) {
  T().swap(v);  // clear() keeps the capacity
}

}  // namespace

void slim_result(CheckResult& result) {
  Report& report = result.report;
  report.comparison = Comparison{};
  report.before_validation.reset();
  report.after_validation.reset();
  release(report.sections);
  report.map = MapImage{};
  report.audit = Audit{};
  result.profile = Profile{};
  for (auto& v : report.verdicts) release(v.evidence);
  for (Zoning* z : {&result.before, &result.after}) {
    release(z->parts);
    release(z->repairs);
    release(z->issues);
    release(z->sources);
  }
  if (result.conflicts) {
    result.conflicts->overlay = ConflictOverlay{};
    release(result.conflicts->ledger.rows);  // spooled (ProvinceReportSpool::put_ledger)
  }
}

}  // namespace reserve::province
