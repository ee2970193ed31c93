#pragma once
// What every harness shares: the fuzz input as a file (the readers take paths), the rule that
// bad input may end only in UsageError or InputError, and a quiet, sealed environment.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace reserve::fuzz {

// The input as text (bytes unchanged; std::string may hold NULs).
inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// Writes `bytes` to a file named `name` (e.g. "points.csv") in this process's scratch folder
// (under $TMPDIR, removed at exit) and returns its path. The same path is reused by every run,
// so a long campaign creates no litter.
std::string write_scratch_file(const std::string& name, std::string_view bytes);

// Writes `bytes` to /vsimem/fuzz/<name> for GDAL readers; the file stays until the next call
// with the same name. Returns the path.
std::string write_vsimem_file(const std::string& name, std::string_view bytes);

// Runs `body`. A reserve::UsageError or reserve::InputError is the expected answer to bad input
// (the CLI's exits 2 and 3); anything else thrown — InternalError, std::out_of_range, … — is a
// finding: the message is printed and the process aborts so libFuzzer keeps the input.
void expect_clean_errors(const std::function<void()>& body);

// Once per process: GDAL drivers registered, GDAL/PROJ messages silenced, no network.
void init_environment();

}  // namespace reserve::fuzz
