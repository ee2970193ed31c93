#include "report/issue_json.hpp"

#include "reserve/issue_json.hpp"

namespace reserve {
namespace report {

nlohmann::json issue_json(const Issue& i) {
  using nlohmann::json;
  return {{"code", to_string(i.code)},
          {"severity", to_string(i.severity)},
          {"message", i.message},
          {"file", i.where.file},
          {"layer", i.where.layer},
          {"feature", i.where.feature},
          {"location", i.location ? json::array({i.location->x, i.location->y}) : json(nullptr)},
          {"area_m2", i.area_m2 ? json(*i.area_m2) : json(nullptr)}};
}

}  // namespace report

std::string issue_json_text(const Issue& issue) { return report::issue_json(issue).dump(); }

}  // namespace reserve
