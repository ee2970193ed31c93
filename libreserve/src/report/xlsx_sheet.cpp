#include "report/xlsx_sheet.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "report/zip_writer.hpp"
#include "reserve/error.hpp"

namespace reserve::report {
namespace {

// zlib's fastest level: the sheet's XML is repetitive, so it still shrinks about sevenfold, at a
// third of the default level's time.
constexpr int kDeflateLevel = 1;
constexpr std::size_t kFlushBytes = 1 << 20;  // sheet XML handed to the deflater in 1 MiB pieces

// Cell formats (styles.xml's cellXfs, in this order).
constexpr int kHeadStyle = 1;    // bold, light blue fill, thin border, wrapped, centred vertically
constexpr int kTextStyle = 2;    // wrapped, top-aligned
constexpr int kNumberStyle = 3;  // top-aligned

constexpr const char* kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

void append_number(std::string& out, double v) {
  std::array<char, 32> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), r.ptr);
}

void append_count(std::string& out, std::size_t v) {
  std::array<char, 24> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), r.ptr);
}

// Text for an XML text node or attribute: & < > " escaped; control characters other than tab and
// line feed (which XML 1.0 cannot carry, and a carriage return it would turn into a line feed) as
// Excel's _xHHHH_ escapes, which Excel reads back as the character.
void append_xml_text(std::string& out, std::string_view s) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const char* rep = nullptr;
    switch (c) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      default:
        if (c >= 0x20 || c == '\t' || c == '\n') continue;
    }
    out.append(s, from, i - from);
    if (rep)
      out += rep;
    else
      out += fmt::format("_x{:04X}_", c);
    from = i + 1;
  }
  out.append(s, from, std::string::npos);
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class SheetXml {
 public:
  SheetXml(ZipWriter& zip, const SheetTable& head, std::string name, std::string shown)
      : zip_(zip), head_(head), name_(std::move(name)), shown_(std::move(shown)) {}

  bool full() const { return rows_ == kXlsxMaxRows; }
  std::size_t data_rows() const { return rows_ - 1; }

  void start(std::size_t columns) {
    out_ = kXmlDeclaration;
    out_ += fmt::format("<worksheet xmlns=\"{}\" xmlns:r=\"{}\">", kMainNs, kRelNs);
    out_ +=
        "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane ySplit=\"1\" "
        "topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection "
        "pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
    if (columns != 0) {
      out_ += "<cols>";
      for (std::size_t c = 0; c < columns; ++c) {
        const double width = c < head_.widths.size() ? head_.widths[c] : 16;
        out_ += "<col min=\"";
        append_count(out_, c + 1);
        out_ += "\" max=\"";
        append_count(out_, c + 1);
        out_ += "\" width=\"";
        append_number(out_, xlsx_stored_width(width));
        out_ += "\" customWidth=\"1\"/>";
      }
      out_ += "</cols>";
    }
    out_ += "<sheetData>";
  }

  // Row 1: the headers, 32 points high.
  void header_row() {
    out_ += "<row r=\"1\" ht=\"32\" customHeight=\"1\">";
    for (std::size_t c = 0; c < head_.headers.size(); ++c) {
      const std::string& text = head_.headers[c];
      if (text.empty())
        blank(c, kHeadStyle);
      else
        text_cell(c, text, kHeadStyle);
    }
    out_ += "</row>";
    ++rows_;
  }

  void row(const std::vector<TableCell>& cells) {
    if (cells.size() > kXlsxMaxColumns)
      fail(fmt::format("row {} has {} cells, more than Excel's {} columns", rows_ + 1, cells.size(),
                       kXlsxMaxColumns));
    out_ += "<row r=\"";
    append_count(out_, rows_ + 1);
    out_ += "\">";
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const TableCell& cell = cells[c];
      if (cell.number) {
        if (!std::isfinite(*cell.number)) continue;  // no value: an empty cell, as in the CSV
        open_cell(c, kNumberStyle);
        out_ += "><v>";
        append_number(out_, *cell.number);
        out_ += "</v></c>";
      } else if (!cell.text.empty()) {
        text_cell(c, cell.text, kTextStyle);
      }
    }
    out_ += "</row>";
    ++rows_;
    if (out_.size() >= kFlushBytes) flush();
  }

  void end() {
    out_ += "</sheetData>";
    if (filtered()) out_ += fmt::format("<autoFilter ref=\"{}\"/>", filter_range(false));
    out_ +=
        "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" "
        "footer=\"0.3\"/></worksheet>";
    flush();
  }

  const std::string& name() const { return name_; }
  bool filtered() const { return data_rows() != 0 && !head_.headers.empty(); }

  // The header and the rows: A1:<last column><last row>; absolute ($A$1:…) for a defined name.
  std::string filter_range(bool absolute) const {
    const std::string d = absolute ? "$" : "";
    return fmt::format("{0}A{0}1:{0}{1}{0}{2}", d, xlsx_column_name(head_.headers.size() - 1),
                       rows_);
  }

 private:
  void open_cell(std::size_t column, int style) {
    out_ += "<c r=\"";
    out_ += xlsx_column_name(column);
    append_count(out_, rows_ + 1);
    out_ += "\" s=\"";
    append_count(out_, static_cast<std::size_t>(style));
    out_ += '"';
  }

  void blank(std::size_t column, int style) {
    open_cell(column, style);
    out_ += "/>";
  }

  void text_cell(std::size_t column, std::string_view text, int style) {
    if (text.size() > kXlsxMaxCellChars && code_points(text) > kXlsxMaxCellChars)
      fail(
          fmt::format("cell {}{} holds {} characters, more than the {} of an Excel cell (the "
                      "CSV holds the whole text)",
                      xlsx_column_name(column), rows_ + 1, code_points(text), kXlsxMaxCellChars));
    open_cell(column, style);
    out_ += " t=\"inlineStr\"><is><t";
    if (is_space(text.front()) || is_space(text.back())) out_ += " xml:space=\"preserve\"";
    out_ += '>';
    append_xml_text(out_, text);
    out_ += "</t></is></c>";
  }

  void flush() {
    zip_.write(out_);
    out_.clear();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError("sheet '" + name_ + "': " + what, SourceRef{shown_, {}, {}});
  }

  ZipWriter& zip_;
  const SheetTable& head_;
  std::string name_, shown_;
  std::string out_;
  std::size_t rows_ = 0;
};

// Excel's rules for a sheet name: 1–31 characters, none of : \ / ? * [ ], no apostrophe at
// either end.
void check_sheet_name(const std::string& name, const std::string& shown) {
  const std::size_t n = code_points(name);
  if (n == 0 || n > 31 || name.find_first_of(":\\/?*[]") != std::string::npos ||
      name.front() == '\'' || name.back() == '\'')
    throw InputError("'" + name +
                         "' cannot name an Excel sheet (1–31 characters, none of : \\ / ? * [ ], "
                         "no apostrophe at either end)",
                     SourceRef{shown, {}, {}});
}

std::string attribute(std::string_view s) {
  std::string out;
  append_xml_text(out, s);
  return out;
}

constexpr const char* kContentTypesHead =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>";

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "extended-properties\" Target=\"docProps/app.xml\"/>"
    "</Relationships>";

constexpr const char* kRelsHead =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

// No dates: the same table gives the same bytes.
constexpr const char* kCoreProps =
    "<cp:coreProperties "
    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>libreserve</dc:creator>"
    "</cp:coreProperties>";

constexpr const char* kAppProps =
    "<Properties "
    "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>libreserve</Application></Properties>";

struct SheetEntry {
  std::string name;
  std::string filter_range;  // absolute; "" for none
};

std::string workbook_xml(const std::vector<SheetEntry>& sheets) {
  std::string xml = kXmlDeclaration;
  xml += fmt::format(
      "<workbook xmlns=\"{}\" xmlns:r=\"{}\"><bookViews><workbookView/></bookViews>"
      "<sheets>",
      kMainNs, kRelNs);
  for (std::size_t k = 0; k < sheets.size(); ++k)
    xml += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                       attribute(sheets[k].name), k + 1, k + 1);
  xml += "</sheets>";
  std::string names;
  for (std::size_t k = 0; k < sheets.size(); ++k) {
    if (sheets[k].filter_range.empty()) continue;
    // The autofilter's range, as Excel itself records it. An apostrophe in the quoted sheet name
    // is doubled.
    std::string quoted;
    for (char c : sheets[k].name) {
      quoted += c;
      if (c == '\'') quoted += c;
    }
    names += fmt::format(
        "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{}\" hidden=\"1\">'{}'!{}"
        "</definedName>",
        k, attribute(quoted), sheets[k].filter_range);
  }
  if (!names.empty()) xml += "<definedNames>" + names + "</definedNames>";
  xml += "</workbook>";
  return xml;
}

std::string sheet_part(std::size_t k) { return fmt::format("worksheets/sheet{}.xml", k + 1); }

std::string content_types(std::size_t sheets) {
  std::string xml = std::string(kXmlDeclaration) + kContentTypesHead;
  for (std::size_t k = 0; k < sheets; ++k)
    xml += "<Override PartName=\"/xl/" + sheet_part(k) +
           "\" ContentType=\"application/"
           "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
  return xml + "</Types>";
}

std::string workbook_rels(std::size_t sheets) {
  std::string xml = std::string(kXmlDeclaration) + kRelsHead;
  for (std::size_t k = 0; k < sheets; ++k)
    xml += fmt::format(
        "<Relationship Id=\"rId{}\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
        "Target=\"{}\"/>",
        k + 1, sheet_part(k));
  xml += fmt::format(
      "<Relationship Id=\"rId{}\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/></Relationships>",
      sheets + 1);
  return xml;
}

// The k-th continuation sheet's name (k ≥ 1): "<name> (k+1)", the name shortened to fit 31
// characters.
std::string continuation_name(const std::string& name, std::size_t k) {
  const std::string suffix = fmt::format(" ({})", k + 1);
  std::string base = name;
  while (code_points(base) + suffix.size() > 31) {
    do base.pop_back();
    while (!base.empty() && (static_cast<unsigned char>(base.back()) & 0xC0) == 0x80);
    if (!base.empty()) base.pop_back();  // the lead byte
  }
  return base + suffix;
}

std::string styles_xml() {
  return std::string(kXmlDeclaration) + "<styleSheet xmlns=\"" + kMainNs +
         "\">"
         "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/>"
         "</font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
         "</fonts>"
         "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill "
         "patternType=\"gray125\"/></fill><fill><patternFill patternType=\"solid\"><fgColor "
         "rgb=\"FFDDEBF7\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
         "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
         "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color "
         "auto=\"1\"/></right><top style=\"thin\"><color auto=\"1\"/></top><bottom "
         "style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
         "borderId=\"0\"/></cellStyleXfs>"
         "<cellXfs count=\"4\">"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
         "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" "
         "applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"center\" "
         "wrapText=\"1\"/></xf>"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
         "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
         "applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>"
         "</cellXfs>"
         "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
         "</cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
}

}  // namespace

std::string xlsx_column_name(std::size_t column) {
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

double xlsx_stored_width(double characters) {
  constexpr double digit = 7.0, padding = 5.0;  // pixels, Calibri 11
  if (!(characters > 0)) return 0;
  const double pixels = characters < 1 ? std::floor(characters * (digit + padding) + 0.5)
                                       : std::floor(characters * digit + 0.5) + padding;
  return std::floor(pixels / digit * 256.0) / 256.0;
}

void write_xlsx_sheet(const std::string& file, const std::string& shown, const SheetTable& head,
                      const std::function<bool(std::vector<TableCell>&)>& next) {
  check_sheet_name(head.sheet, shown);
  if (head.headers.size() > kXlsxMaxColumns)
    throw InputError(fmt::format("sheet '{}': {} columns, more than Excel's {}", head.sheet,
                                 head.headers.size(), kXlsxMaxColumns),
                     SourceRef{shown, {}, {}});
  ZipWriter zip(file, shown, kDeflateLevel);
  zip.add("_rels/.rels", std::string(kXmlDeclaration) + kPackageRels);
  zip.add("docProps/app.xml", std::string(kXmlDeclaration) + kAppProps);
  zip.add("docProps/core.xml", std::string(kXmlDeclaration) + kCoreProps);
  zip.add("xl/styles.xml", styles_xml());

  std::vector<SheetEntry> sheets;
  std::vector<TableCell> row;
  bool more = next(row);
  do {  // one sheet; a table longer than Excel's sheet goes on in the next (the header repeated)
    const std::size_t k = sheets.size();
    SheetXml sheet(zip, head, k == 0 ? head.sheet : continuation_name(head.sheet, k), shown);
    zip.begin("xl/" + sheet_part(k));
    sheet.start(head.headers.size());
    sheet.header_row();
    for (; more && !sheet.full(); more = next(row)) sheet.row(row);
    sheet.end();
    zip.end();
    sheets.push_back({sheet.name(), sheet.filtered() ? sheet.filter_range(true) : ""});
  } while (more);
  zip.add("[Content_Types].xml", content_types(sheets.size()));
  zip.add("xl/_rels/workbook.xml.rels", workbook_rels(sheets.size()));
  zip.add("xl/workbook.xml", workbook_xml(sheets));
  zip.finish();
}

}  // namespace reserve::report
