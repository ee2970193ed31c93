#pragma once
// Text tables (CSV/TSV/whitespace-separated) decoded to UTF-8, with column lookup by any of
// several names (English or Chinese). Private to the library.
#include <optional>
#include <string>
#include <vector>

#include "reserve/issue.hpp"

namespace reserve::io {

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // rows[i] is spreadsheet row i + 2 (header = 1)
  std::string encoding;                        // "UTF-8", "CP936", …
  std::string encoding_source;                 // "override", "detected", "default"
  std::vector<Issue> issues;                   // decoding problems
};

// Reads and decodes `path` (UTF-8 with or without BOM unless `encoding` says otherwise) and
// splits it: delimiter ',', ';', tab or '|' (whichever the header uses most), RFC 4180 quotes;
// a header without any of these is split on runs of whitespace. Throws InputError when the file
// cannot be read or has no header.
TextTable read_text_table(const std::string& path, const std::string& encoding);

// Index of the first column whose trimmed, lower-cased name equals one of `names` (given in lower
// case), or — when `contains` — contains one of them. nullopt when none matches.
std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       const std::vector<std::string>& names,
                                       bool contains = false);

std::string trim_copy(const std::string& s);

}  // namespace reserve::io
