// A shapefile's text: the .cpg (line 1 of the input; absent when the line is empty) and the
// .dbf (the rest), beside a fixed three-square .shp/.shx/.prj (fuzz/templates). The encoding is
// resolved (override, .cpg, language-driver byte, GBK detection) and the layer read, its
// attributes decoded to UTF-8 and checked for destroyed text.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/shapefile_encoding.hpp"
#include "reserve/io.hpp"
#include "support/fuzz_support.hpp"

namespace {

std::string template_file(const char* ext) {
  const std::string path = std::string(RESERVE_FUZZ_TEMPLATES) + "/squares" + ext;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", path.c_str());
    std::abort();
  }
  return ss.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  reserve::fuzz::init_environment();
  static const std::string shp_path = [] {
    reserve::fuzz::write_scratch_file("zones.shx", template_file(".shx"));
    reserve::fuzz::write_scratch_file("zones.prj", template_file(".prj"));
    return reserve::fuzz::write_scratch_file("zones.shp", template_file(".shp"));
  }();
  const std::string input = reserve::fuzz::as_text(data, size);
  const auto eol = input.find('\n');
  const std::string cpg = eol == std::string::npos ? "" : input.substr(0, eol);
  const std::string dbf = eol == std::string::npos ? input : input.substr(eol + 1);
  const std::string cpg_path = std::filesystem::path(shp_path).replace_extension(".cpg").string();
  if (cpg.empty())
    std::filesystem::remove(cpg_path);
  else
    reserve::fuzz::write_scratch_file("zones.cpg", cpg);
  reserve::fuzz::write_scratch_file("zones.dbf", dbf);
  reserve::fuzz::expect_clean_errors([&] {
    (void)reserve::io::resolve_shapefile_encoding(shp_path, "");
    (void)reserve::read_layer(shp_path);
  });
  return 0;
}
