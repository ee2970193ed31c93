#pragma once
// OGR SQL attribute filters as users type them. OGR's SQL parser rejects unquoted non-ASCII
// identifiers (功能分区 = '核心区' fails, "功能分区" = '核心区' works), so such identifiers are
// quoted here. Private to the library.
#include <string>

namespace reserve::io {

// Wraps every bare (unquoted) identifier containing non-ASCII characters in double quotes;
// string literals and quoted identifiers are left alone.
std::string quote_non_ascii_identifiers(const std::string& where);

}  // namespace reserve::io
