#include "ledger/data_files.hpp"

#include <cstdlib>
#include <filesystem>

#include "reserve/error.hpp"

namespace reserve::ledger {

std::vector<std::string> standards_search_path() {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("RESERVE_DATA_DIR"); env && *env)
    dirs.emplace_back(std::string(env) + "/standards");
#ifdef RESERVE_DATA_DIR
  dirs.emplace_back(std::string(RESERVE_DATA_DIR) + "/standards");
#endif
#ifdef RESERVE_INSTALL_DATA_DIR
  dirs.emplace_back(std::string(RESERVE_INSTALL_DATA_DIR) + "/standards");
#endif
  dirs.emplace_back("/usr/local/share/reserve/standards");
  dirs.emplace_back("/usr/share/reserve/standards");
  return dirs;
}

std::string find_standards_file(const std::string& name) {
  std::string searched;
  for (const auto& dir : standards_search_path()) {
    const auto path = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) return path.string();
    searched += (searched.empty() ? "" : ", ") + dir;
  }
  throw InternalError("the shipped data file " + name + " was not found (searched " + searched +
                      "); set RESERVE_DATA_DIR to the directory holding standards/ or reinstall");
}

}  // namespace reserve::ledger
