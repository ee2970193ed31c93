#include "support/fuzz_support.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/gdal_common.hpp"
#include "reserve/error.hpp"

namespace reserve::fuzz {
namespace {

namespace fs = std::filesystem;

// One folder per process, so parallel fuzzers (-jobs) never share an input file.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    path = fs::path(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") /
           ("reserve-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);  // best effort: a leftover folder in /tmp harms nothing
  }
};

ScratchDir& scratch() {
  static ScratchDir dir;
  return dir;
}

}  // namespace

std::string write_scratch_file(const std::string& name, std::string_view bytes) {
  const fs::path file = scratch().path / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", file.c_str());
    std::abort();
  }
  return file.string();
}

std::string write_vsimem_file(const std::string& name, std::string_view bytes) {
  const std::string path = "/vsimem/fuzz/" + name;
  VSIUnlink(path.c_str());
  // GDAL takes ownership of the copy (CPLMalloc'd) and frees it on VSIUnlink.
  auto* copy = static_cast<GByte*>(CPLMalloc(bytes.size() + 1));
  std::copy(bytes.begin(), bytes.end(), copy);
  copy[bytes.size()] = 0;
  VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), copy, bytes.size(), /*bTakeOwnership=*/TRUE);
  if (f == nullptr) {
    std::fprintf(stderr, "fuzz: cannot create %s\n", path.c_str());
    std::abort();
  }
  VSIFCloseL(f);
  return path;
}

void expect_clean_errors(const std::function<void()>& body) {
  try {
    body();
  } catch (const reserve::UsageError&) {
  } catch (const reserve::InputError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz finding: unexpected exception: %s\n", e.what());
    std::abort();
  }
}

void init_environment() {
  static const bool done = [] {
    setenv("PROJ_NETWORK", "OFF", 1);
    CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
    CPLSetConfigOption("CPL_DEBUG", "OFF");
    CPLSetErrorHandler(CPLQuietErrorHandler);
    reserve::io::ensure_gdal_registered();
    return true;
  }();
  (void)done;
}

}  // namespace reserve::fuzz
