#pragma once
// The one lookup for the data the library ships (share/reserve/{profiles,standards,styles}).
// Private to the library.
#include <string>
#include <string_view>
#include <vector>

namespace reserve::detail {

// Directories searched for shipped data of one kind ("profiles", "standards", "styles"), in
// order, existing or not:
//   1. $RESERVE_DATA_DIR/<kind>   (an explicit override);
//   2. <dir>/share/reserve/<kind> for the directory holding the binary that contains this code
//      (libreserve.so, the `reserve` program, the Python module) and its ancestors up to four
//      levels up.
// Step 2 is why the data is found relative to the install prefix wherever the tree is unpacked:
// <prefix>/lib/libreserve.so, <prefix>/bin/reserve and
// <prefix>/lib/python3.X/dist-packages/libreserve/_core*.so all reach <prefix>/share/reserve; the
// build tree mirrors that layout (<build>/share/reserve is a copy of libreserve/share). No source
// tree path is compiled in.
std::vector<std::string> data_search_path(std::string_view kind);

// The first existing regular file `name` in data_search_path(kind), or "" when there is none.
std::string find_data_file(std::string_view kind, std::string_view name);

// As find_data_file, but throws InternalError listing the directories searched when there is none.
std::string require_data_file(std::string_view kind, std::string_view name);

}  // namespace reserve::detail
