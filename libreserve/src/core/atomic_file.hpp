#pragma once
// The library's one way to write an output file: into a fresh temporary file in the target's
// folder (created when missing), flushed to disk, then renamed over the target. A reader never
// sees a half-written file, and a failure leaves the old file and no temporary behind.
// Private to the library; reserve::write_file_atomic (reserve/report.hpp) is the public face.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reserve::atomic {

// Creates the folders above `path` that do not exist yet (users write --out new/map.png).
// Throws InputError naming the folder when that fails (e.g. a file stands in the way).
void make_parent_folders(const std::string& path);

// A temporary path in `path`'s folder with the same extension (GDAL picks the
// format by it) that no other process, thread or call uses, and no file occupies now. Named
// ".<stem>.tmp-<pid>-<n><ext>"; the temporaries of `path` left by processes that no longer exist
// (killed runs) are removed here, so they do not pile up.
std::string temporary_path_for(const std::string& path);

// Flushes `tmp` to disk (unless `flushed`: flush_temporary did it), renames it over `path`
// (atomic on one file system) and flushes the folder, so that the new name survives a crash.
// Throws InputError on failure.
void commit_temporary(const std::string& tmp, const std::string& path, bool flushed = false);

// Flushes the finished temporary `tmp` (for `path`) to disk ahead of its commit: a file staged
// early then waits for the disk where the run has work left, not at its end. InputError on failure.
void flush_temporary(const std::string& tmp, const std::string& path);

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

// A finished temporary file waiting for its target: commit() moves it into place (as
// commit_temporary); destroyed uncommitted, it is removed. Lets the expensive writing happen early
// and the file appear only when the run that made it succeeds.
class StagedFile {
 public:
  // `flushed`: the temporary is on disk already (flush_temporary).
  StagedFile(std::string tmp, std::string target, bool flushed = false)
      : tmp_(std::move(tmp)), target_(std::move(target)), flushed_(flushed) {}
  StagedFile(StagedFile&& o) noexcept
      : tmp_(std::move(o.tmp_)), target_(std::move(o.target_)), flushed_(o.flushed_) {
    o.tmp_.clear();
  }
  StagedFile& operator=(StagedFile&&) = delete;
  StagedFile(const StagedFile&) = delete;
  ~StagedFile() { TemporaryFile remove(tmp_); }
  const std::string& target() const noexcept { return target_; }
  void commit() {
    commit_temporary(tmp_, target_, flushed_);
    tmp_.clear();
  }

 private:
  std::string tmp_, target_;
  bool flushed_ = false;
};

// `content` written to a temporary beside `path` (folders created) and flushed to disk, staged for
// it.
StagedFile stage_file(const std::string& path, const std::string& content);
// The same for content in pieces, written one after the other (not joined in memory first).
StagedFile stage_file(const std::string& path, const std::vector<std::string_view>& pieces);

}  // namespace reserve::atomic
