#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace atomic {
namespace fs = std::filesystem;

namespace {

std::string errno_text(int err) { return std::strerror(err); }

// fsync on a file or folder opened read-only: enough on Linux to flush what was written.
void sync_path(const std::string& path, bool folder, const std::string& target) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));
  if (fd < 0) {
    if (folder) return;  // some file systems refuse to open folders; the rename still stands
    throw InputError("cannot reopen the temporary file " + path + ": " + errno_text(errno),
                     SourceRef{target, {}, {}});
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  // EINVAL: the folder's file system does not support fsync on folders (e.g. some FUSE mounts).
  if (rc != 0 && !(folder && err == EINVAL))
    throw InputError("cannot flush " + path + " to disk: " + errno_text(err) + " (disk full?)",
                     SourceRef{target, {}, {}});
}

}  // namespace

void make_parent_folders(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return;
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec)
    throw InputError("cannot create the folder " + parent.string() + ": " + ec.message(),
                     SourceRef{path, {}, {}});
}

std::string temporary_path_for(const std::string& path) {
  // pid + a process-wide counter is unique across processes and threads; the existence check
  // guards against a stale file left by a killed process with a recycled pid.
  static std::atomic<unsigned long> counter{0};
  const fs::path p(path);
  for (;;) {
    const fs::path candidate =
        p.parent_path() / ("." + p.stem().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++) + p.extension().string());
    std::error_code ec;
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
}

void commit_temporary(const std::string& tmp, const std::string& path) {
  sync_path(tmp, false, path);
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec)
    throw InputError("cannot move the finished file into place: " + ec.message(),
                     SourceRef{path, {}, {}});
  const fs::path parent = fs::path(path).parent_path();
  sync_path(parent.empty() ? std::string(".") : parent.string(), true, path);
}

TemporaryFile::~TemporaryFile() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove(path_, ec);  // best effort: the error that brought us here matters more
  fs::remove(path_ + "-journal", ec);
  fs::remove(path_ + "-wal", ec);
  fs::remove(path_ + "-shm", ec);
}

}  // namespace atomic

void write_file_atomic(const std::string& path, const std::string& content) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  // O_EXCL: never write through a file (or link) that someone else put at the temporary name.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    throw InputError(
        "cannot write here: " + atomic::errno_text(errno) + "; check that the folder is writable",
        SourceRef{path, {}, {}});
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      ::close(fd);
      throw InputError("writing failed: " + atomic::errno_text(err) + " (disk full?)",
                       SourceRef{path, {}, {}});
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    throw InputError("writing failed: " + atomic::errno_text(errno) + " (disk full?)",
                     SourceRef{path, {}, {}});
  atomic::commit_temporary(tmp, path);
  guard.release();
}

}  // namespace reserve
