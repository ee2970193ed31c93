#pragma once
// The library's one way to write an output file: into a fresh temporary file in the target's
// folder (created when missing), flushed to disk, then renamed over the target. A reader never
// sees a half-written file, and a failure leaves the old file and no temporary behind.
// Private to the library; reserve::write_file_atomic (reserve/report.hpp) is the public face.
#include <string>

namespace reserve::atomic {

// Creates the folders above `path` that do not exist yet (users write --out new/map.png).
// Throws InputError naming the folder when that fails (e.g. a file stands in the way).
void make_parent_folders(const std::string& path);

// A temporary path in `path`'s folder with the same extension (GDAL and libxlsxwriter pick the
// format by it) that no other process, thread or call uses, and no file occupies now. Named
// ".<stem>.tmp-<pid>-<n><ext>"; the temporaries of `path` left by processes that no longer exist
// (killed runs) are removed here, so they do not pile up.
std::string temporary_path_for(const std::string& path);

// Flushes `tmp` to disk, renames it over `path` (atomic on one file system) and flushes the
// folder, so that the new name survives a crash. Throws InputError on failure.
void commit_temporary(const std::string& tmp, const std::string& path);

// Removes the temporary file (and SQLite side files) on scope exit unless released.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::string path) : path_(std::move(path)) {}
  ~TemporaryFile();
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const noexcept { return path_; }
  void release() noexcept { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace reserve::atomic
