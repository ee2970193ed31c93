#include "ledger/csv_table.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "analysis/text_util.hpp"
#include "reserve/error.hpp"

namespace reserve::ledger {
namespace {

std::string gb18030_to_utf8(const std::string& bytes, const std::string& origin) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw InternalError("iconv cannot convert GB18030 to UTF-8 on this system");
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  if (iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1))
    throw InputError("the file is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 CSV",
                     SourceRef{origin, {}, {}});
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

int CsvTable::column(const std::vector<std::string>& candidates) const {
  for (const auto& c : candidates) {
    const std::string want = analysis::normalise_label(c);
    for (std::size_t i = 0; i < header.size(); ++i)
      if (analysis::normalise_label(header[i]) == want) return static_cast<int>(i);
  }
  return -1;
}

CsvTable parse_csv(const std::string& text_in, const std::string& origin) {
  std::string text = text_in;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, field_started = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    bool blank = true;
    for (const auto& f : record) blank = blank && analysis::normalise_label(f).empty();
    if (!blank) {
      records.push_back(record);
      lines.push_back(record_line);
    }
    record.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (quoted)
    throw InputError("a quoted field starting on line " + std::to_string(record_line) +
                         " is not closed; check the quotes",
                     SourceRef{origin, {}, {}});
  if (!field.empty() || !record.empty()) end_record();

  CsvTable t;
  t.encoding = "UTF-8";
  if (records.empty()) return t;
  t.header = records.front();
  for (std::size_t r = 1; r < records.size(); ++r) {
    auto row = records[r];
    row.resize(t.header.size());
    t.rows.push_back(std::move(row));
    t.line_numbers.push_back(lines[r]);
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
  if (!analysis::is_utf8(bytes)) {
    bytes = gb18030_to_utf8(bytes, path);
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
