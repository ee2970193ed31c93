#pragma once
// Which text encoding a shapefile's DBF uses: the user's override, else the .cpg file, else the
// DBF language-driver ID (header byte 29), else a look at the bytes (valid UTF-8 → UTF-8).
// Private to the library.
#include <cstdint>
#include <string>

namespace reserve::io {

struct ShapefileEncoding {
  std::string encoding;  // canonical name ("CP936", "UTF-8", "ISO-8859-1", …)
  std::string source;    // "override", "cpg", "dbf-ldid", "detected", "default"
  std::uint8_t ldid = 0;
  // Set when the text is not ASCII, not UTF-8, and nothing declares its encoding: the reader
  // falls back to ISO-8859-1 and must warn (the usual cause is GBK data without a .cpg).
  bool undeclared_non_utf8 = false;
  // The .cpg's text when it names no encoding iconv knows (e.g. "ANSI", "System"): the .cpg was
  // passed over for the next source, and the reader warns.
  std::string ignored_cpg;
};

// `shp_path` is the .shp (or .dbf); `override_encoding` may be empty.
ShapefileEncoding resolve_shapefile_encoding(const std::string& shp_path,
                                             const std::string& override_encoding);

// The sibling file with extension `ext` (".cpg", ".dbf"), any letter case; "" when absent.
std::string sibling_file(const std::string& path, const std::string& ext);

}  // namespace reserve::io
