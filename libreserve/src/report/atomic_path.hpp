#pragma once
// Atomic file replacement: write to a temporary file in the target's directory, then rename.
// Private to the library.
#include <string>

namespace reserve::report {

// A fresh temporary path next to `path` with the same extension (GDAL picks drivers by it).
std::string temporary_path_for(const std::string& path);
// Renames `tmp` over `path` (atomic on one file system). Throws InputError on failure.
void commit_temporary(const std::string& tmp, const std::string& path);

// Removes the temporary file on scope exit unless released (no half-written leftovers).
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  void release() noexcept { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace reserve::report
