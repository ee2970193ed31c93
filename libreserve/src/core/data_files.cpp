#include "core/data_files.hpp"

#include <dlfcn.h>
#include <link.h>

#include <cstdlib>
#include <filesystem>

#include "reserve/error.hpp"

namespace fs = std::filesystem;

namespace reserve::detail {
namespace {

// How many parent directories of the binary's own directory are tried: enough to reach the
// prefix from <prefix>/lib/python3.X/dist-packages/libreserve.
constexpr int kAncestorLevels = 4;

// The directory of the shared object or executable that holds this code. dladdr answers for
// the binary the code was linked into, so a static link (the CLI, the Python module) and the
// shared library each find the share/ beside their own install location. The main program has
// no name in its link map (glibc would give argv[0], which may be relative to another directory
// or found through $PATH), so it is read from /proc/self/exe.
fs::path own_binary_dir() {
  static const char anchor = 0;  // an object of this binary (a function address is not portable)
  Dl_info info{};
  link_map* map = nullptr;
  if (dladdr1(&anchor, &info, reinterpret_cast<void**>(&map), RTLD_DL_LINKMAP) == 0) return {};
  const bool main_program = map == nullptr || map->l_name == nullptr || map->l_name[0] == '\0';
  std::error_code ec;
  const fs::path binary = fs::canonical(main_program ? "/proc/self/exe" : map->l_name, ec);
  return ec ? fs::path() : binary.parent_path();
}

}  // namespace

std::vector<std::string> data_search_path(std::string_view kind) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("RESERVE_DATA_DIR"); env && *env)
    dirs.push_back((fs::path(env) / kind).string());
  fs::path dir = own_binary_dir();
  for (int level = 0; level <= kAncestorLevels && !dir.empty(); ++level) {
    dirs.push_back((dir / "share" / "reserve" / kind).string());
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return dirs;
}

std::string find_data_file(std::string_view kind, std::string_view name) {
  for (const auto& dir : data_search_path(kind)) {
    const fs::path path = fs::path(dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return path.string();
  }
  return {};
}

std::string require_data_file(std::string_view kind, std::string_view name) {
  if (std::string found = find_data_file(kind, name); !found.empty()) return found;
  std::string searched;
  for (const auto& dir : data_search_path(kind)) searched += (searched.empty() ? "" : ", ") + dir;
  throw InternalError("the shipped data file " + std::string(kind) + "/" + std::string(name) +
                      " was not found (searched " + searched +
                      "); set RESERVE_DATA_DIR to the directory holding " + std::string(kind) +
                      "/ or reinstall");
}

}  // namespace reserve::detail
