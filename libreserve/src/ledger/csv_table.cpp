#include "ledger/csv_table.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text_util.hpp"
#include "io/csv_table.hpp"
#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::ledger {

int CsvTable::column(const std::vector<std::string>& candidates) const {
  for (const auto& c : candidates) {
    const std::string want = text::normalise_label(c);
    for (std::size_t i = 0; i < header.size(); ++i)
      if (text::normalise_label(header[i]) == want) return static_cast<int>(i);
  }
  return -1;
}

CsvTable parse_csv(const std::string& text, const std::string& origin) {
  io::DelimitedRecords split = io::split_delimited(std::string(io::strip_utf8_bom(text)), ',');
  if (split.unclosed_quote_line)
    throw InputError("a quoted field starting on line " +
                         std::to_string(*split.unclosed_quote_line) +
                         " is not closed; check the quotes",
                     SourceRef{origin, {}, {}});
  CsvTable t;
  t.encoding = "UTF-8";
  if (split.records.empty()) return t;
  t.header = std::move(split.records.front());
  for (std::size_t r = 1; r < split.records.size(); ++r) {
    auto& row = split.records[r];
    row.resize(t.header.size());
    t.rows.push_back(std::move(row));
    t.line_numbers.push_back(split.line_numbers[r]);
  }
  return t;
}

CsvTable read_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file; check the path", SourceRef{path, {}, {}});
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  std::string encoding = "UTF-8";
  if (!io::is_valid_utf8(bytes)) {
    io::DecodedText decoded = io::decode_to_utf8(bytes, "GB18030");
    if (decoded.replaced > 0)
      throw InputError("the file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 CSV",
                       SourceRef{path, {}, {}});
    bytes = std::move(decoded.utf8);
    encoding = "GB18030";
  }
  CsvTable t = parse_csv(bytes, path);
  t.encoding = encoding;
  return t;
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace reserve::ledger
