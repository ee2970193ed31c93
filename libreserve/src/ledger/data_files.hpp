#pragma once
// Locating the shipped data files (standards, decision table). Private to the library.
#include <string>
#include <vector>

namespace reserve::ledger {

// Directories searched for libreserve/share/standards files, in order: $RESERVE_DATA_DIR/standards,
// the source tree's share/standards, <prefix>/share/reserve/standards, /usr/local/share/reserve/
// standards, /usr/share/reserve/standards.
std::vector<std::string> standards_search_path();

// The first existing `name` on the search path; throws InternalError listing the directories
// searched when there is none.
std::string find_standards_file(const std::string& name);

}  // namespace reserve::ledger
