#pragma once
// The one serialisation of Issue (reserve/issue_json.hpp), as a JSON value for the writers inside
// the library. Private to the library.
#include <nlohmann/json.hpp>

#include "reserve/issue.hpp"

namespace reserve::report {

nlohmann::json issue_json(const Issue& issue);

}  // namespace reserve::report
