#include "io/shapefile_encoding.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::io {
namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string read_prefix(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string data(max_bytes, '\0');
  in.read(data.data(), static_cast<std::streamsize>(max_bytes));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

// Text bytes of a DBF: field names (descriptor bytes 0..10) and the records (which also carry
// ASCII numbers; harmless for the UTF-8 test). Reads at most the first 8 MiB.
std::string dbf_text_bytes(const std::string& dbf_path) {
  const std::string data = read_prefix(dbf_path, std::size_t{8} << 20);
  if (data.size() < 32) return {};
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(data[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(data[at + 1])) << 8;
  };
  const std::size_t header_len = u16(8);
  std::string text;
  for (std::size_t at = 32; at + 32 <= std::min(header_len, data.size()); at += 32) {
    if (data[at] == '\x0D') break;
    const std::string_view name(data.data() + at, 11);
    text.append(name.substr(0, name.find('\0')));
    text.push_back(' ');
  }
  if (header_len < data.size()) text.append(data.substr(header_len));
  return text;
}

}  // namespace

std::string sibling_file(const std::string& path, const std::string& ext) {
  const fs::path p(path);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string stem = p.stem().string();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const fs::path& q = entry.path();
    if (q.stem().string() == stem && lower(q.extension().string()) == lower(ext)) return q.string();
  }
  return {};
}

ShapefileEncoding resolve_shapefile_encoding(const std::string& shp_path,
                                             const std::string& override_encoding) {
  ShapefileEncoding out;
  const std::string dbf = sibling_file(shp_path, ".dbf");
  if (!dbf.empty()) {
    const std::string header = read_prefix(dbf, 32);
    if (header.size() > 29) out.ldid = static_cast<std::uint8_t>(header[29]);
  }
  if (!override_encoding.empty()) {
    out.encoding = canonical_encoding(override_encoding);
    check_encoding_known(out.encoding);
    out.source = "override";
    return out;
  }
  const std::string cpg = sibling_file(shp_path, ".cpg");
  if (!cpg.empty()) {
    const std::string declared = canonical_encoding(read_prefix(cpg, 256));
    if (!declared.empty()) {
      // A .cpg that names no known encoding ("ANSI": the writer's code page, unknown here) must
      // not stop the read; the DBF's own byte or its text decides, as without a .cpg.
      bool known = true;
      try {
        check_encoding_known(declared);
      } catch (const UsageError&) {
        known = false;
      }
      if (known) {
        out.encoding = declared;
        out.source = "cpg";
        return out;
      }
      out.ignored_cpg = declared;
    }
  }
  if (auto from_ldid = encoding_for_ldid(out.ldid)) {
    out.encoding = *from_ldid;
    out.source = "dbf-ldid";
    return out;
  }
  const std::string text = dbf.empty() ? std::string() : dbf_text_bytes(dbf);
  if (is_ascii(text)) {
    out.encoding = "UTF-8";
    out.source = "default";
  } else if (is_valid_utf8(text)) {
    out.encoding = "UTF-8";
    out.source = "detected";
  } else if (looks_like_gbk(text)) {
    // Old Chinese shapefiles (ArcGIS on a Chinese Windows, LDID 0 or 0x57, no .cpg) are GBK;
    // GDAL would read them as ISO-8859-1 and turn every name and label into mojibake. Every
    // command decides here, once, so info, validate, check and map read the same text.
    out.encoding = "CP936";
    out.source = "detected";
    out.undeclared_non_utf8 = true;
  } else {
    // GDAL reads LDID 0x57 and undeclared DBFs as ISO-8859-1 too; we do the same and warn.
    out.encoding = "ISO-8859-1";
    out.source = out.ldid == 0x57 ? "dbf-ldid" : "default";
    out.undeclared_non_utf8 = true;
  }
  return out;
}

}  // namespace reserve::io
