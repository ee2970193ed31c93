#include "io/csv_table.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::io {
namespace {

std::string lower(std::string s) {
  for (auto& c : s)
    if (static_cast<unsigned char>(c) < 0x80)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

char choose_delimiter(const std::string& first_line) {
  const char candidates[] = {',', ';', '\t', '|'};
  char best = '\0';
  std::size_t best_count = 0;
  for (char c : candidates) {
    const auto n = static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), c));
    if (n > best_count) {
      best = c;
      best_count = n;
    }
  }
  return best;  // '\0': whitespace-separated
}

DelimitedRecords split_whitespace(const std::string& text) {
  DelimitedRecords out;
  std::istringstream lines(text);
  std::string line;
  int row = 0;
  while (std::getline(lines, line)) {
    ++row;
    std::istringstream words(line);
    std::vector<std::string> record{std::istream_iterator<std::string>(words), {}};
    if (record.empty()) continue;
    out.records.push_back(std::move(record));
    out.line_numbers.push_back(row);
    out.row_numbers.push_back(row);
  }
  return out;
}

// Blank as the ledger's labels are: ASCII white space and the ideographic space U+3000.
bool is_blank_field(const std::string& field) {
  static const std::string kIdeographicSpace = "\xE3\x80\x80";
  std::size_t i = 0;
  while (i < field.size()) {
    if (std::isspace(static_cast<unsigned char>(field[i]))) {
      ++i;
    } else if (field.compare(i, kIdeographicSpace.size(), kIdeographicSpace) == 0) {
      i += kIdeographicSpace.size();
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

DelimitedRecords split_delimited(const std::string& text, char delim) {
  DelimitedRecords out;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  int line = 1, record_line = 1, row = 0;
  auto end_field = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    ++row;
    if (!std::all_of(record.begin(), record.end(), is_blank_field)) {
      out.records.push_back(std::move(record));
      out.line_numbers.push_back(record_line);
      out.row_numbers.push_back(row);
    }
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
    } else if (c == delim) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      record_line = ++line;
    } else {
      field.push_back(c);
      if (!std::isspace(static_cast<unsigned char>(c))) field_started = true;
    }
  }
  if (in_quotes) out.unclosed_quote_line = record_line;
  if (!field.empty() || !record.empty()) end_record();
  return out;
}

std::string trim_copy(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
  return s.substr(a, b - a);
}

TextTable read_text_table(const std::string& path, const std::string& encoding) {
  const SourceRef where{path, "", ""};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("file not found or not readable; check the path", where);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  TextTable table;
  const std::string_view body = strip_utf8_bom(bytes);
  DecodedText decoded;
  if (!encoding.empty()) {
    table.encoding = canonical_encoding(encoding);
    table.encoding_source = "override";
    decoded = decode_to_utf8(body, table.encoding);
  } else if (body.size() == bytes.size() && !is_valid_utf8(body) && looks_like_gbk(body)) {
    // Excel on a Chinese Windows saves "CSV" in the ANSI code page, GBK: the most common table a
    // bureau sends. Decided as for an undeclared DBF (shapefile_encoding.cpp), with a note.
    table.encoding = "CP936";
    table.encoding_source = "detected";
    decoded = decode_to_utf8(body, table.encoding);
    table.issues.push_back(Issue{IssueCode::encoding_undeclared, Severity::info,
                                 "the table is not UTF-8 and declares no encoding; its text "
                                 "decodes as GBK (CP936) and was read so. If that is wrong, pass "
                                 "the encoding (--feature-encoding for conflict layers, "
                                 "--encoding for zonings)",
                                 where, std::nullopt, std::nullopt});
  } else {
    table.encoding = "UTF-8";
    table.encoding_source = body.size() != bytes.size() ? "bom"
                            : is_ascii(body)            ? "default"
                                                        : "detected";
    decoded = sanitize_utf8(body);
  }
  if (decoded.replaced > 0) {
    table.issues.push_back(Issue{
        IssueCode::text_not_decodable, Severity::warning,
        std::to_string(decoded.replaced) + " byte sequence(s) are not valid " + table.encoding +
            " and were replaced by U+FFFD; " +
            (encoding.empty() ? "pass the file's encoding (--feature-encoding for conflict layers, "
                                "--encoding for zonings), e.g. GBK"
                              : "pass the right encoding"),
        where, std::nullopt, std::nullopt});
  }
  const std::string& text = decoded.utf8;
  const std::string first_line = text.substr(0, text.find_first_of("\r\n"));
  const char delim = choose_delimiter(first_line);
  DelimitedRecords split = delim == '\0' ? split_whitespace(text) : split_delimited(text, delim);
  auto& records = split.records;
  if (records.empty()) throw InputError("the table is empty (no header row)", where);
  // Rows are numbered from the header's row (1), as the user sees them in a spreadsheet.
  for (std::size_t i = 1; i < split.row_numbers.size(); ++i)
    table.row_numbers.push_back(split.row_numbers[i] - split.row_numbers[0] + 1);
  table.header = std::move(records.front());
  for (auto& h : table.header) h = trim_copy(h);
  table.rows.assign(std::make_move_iterator(records.begin() + 1),
                    std::make_move_iterator(records.end()));
  return table;
}

Layer start_table_layer(const TableOrigin& origin, const TextTable& table,
                        const std::string& driver) {
  Layer out;
  out.path = origin.path;
  out.name =
      origin.layer.empty() ? std::filesystem::path(origin.path).stem().string() : origin.layer;
  out.driver = driver;
  out.encoding = table.encoding;
  out.encoding_source = table.encoding_source;
  const SourceRef where{out.path, out.name, ""};
  for (Issue issue : table.issues) {
    issue.where = where;
    out.issues.push_back(std::move(issue));
  }
  return out;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       const std::vector<std::string>& names, bool contains) {
  for (const auto& name : names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      const std::string h = lower(trim_copy(header[i]));
      if (h == name || (contains && h.find(name) != std::string::npos)) return i;
    }
  }
  return std::nullopt;
}

}  // namespace reserve::io
