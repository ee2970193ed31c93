#pragma once
// Columns of UTF-8 text on a terminal, where East Asian wide characters (汉字, full-width forms)
// take two cells: printf's %-28s counts bytes, so Chinese names would push later columns right.
#include <cstddef>
#include <string>

namespace reserve::cli {

// Terminal cells of UTF-8 text: two for East Asian wide and full-width characters, one otherwise.
std::size_t display_width(const std::string& s);
// `s` followed by spaces up to `width` cells (unchanged when it is as wide already).
std::string pad(const std::string& s, std::size_t width);

}  // namespace reserve::cli
