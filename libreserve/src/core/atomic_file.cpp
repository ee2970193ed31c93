#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
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

// The pid in a temporary name made by temporary_path_for for `path` (".<stem>.tmp-<pid>-<n><ext>",
// optionally with an SQLite side-file suffix), or 0 when `name` is not one.
long temporary_owner(const std::string& name, const fs::path& path) {
  const std::string prefix = "." + path.stem().string() + ".tmp-";
  if (name.rfind(prefix, 0) != 0) return 0;
  std::size_t at = prefix.size();
  const std::size_t pid_end = name.find('-', at);
  if (pid_end == std::string::npos || pid_end == at) return 0;
  const std::string pid = name.substr(at, pid_end - at);
  if (pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) return 0;
  at = pid_end + 1;
  const std::size_t n_end = name.find_first_not_of("0123456789", at);
  if (n_end == at) return 0;
  std::string rest = n_end == std::string::npos ? std::string() : name.substr(n_end);
  for (const char* side : {"-journal", "-wal", "-shm"}) {
    const std::string s(side);
    if (rest.size() >= s.size() && rest.compare(rest.size() - s.size(), s.size(), s) == 0) {
      rest.resize(rest.size() - s.size());
      break;
    }
  }
  return rest == path.extension().string() ? std::stol(pid) : 0;
}

// Removes the temporary files for `path` left by processes that no longer exist (a run killed
// half-way: SIGKILL runs no destructor). Only this target's names, and only when the owner is
// provably gone (ESRCH), so a concurrent run's file is never touched. Best effort: a file that
// cannot be removed stays and does no harm, since every run picks a fresh name.
void remove_dead_temporaries(const fs::path& path) {
  std::error_code ec;
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const long pid = temporary_owner(it->path().filename().string(), path);
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
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
  remove_dead_temporaries(p);
  for (;;) {
    const fs::path candidate =
        p.parent_path() / ("." + p.stem().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++) + p.extension().string());
    std::error_code ec;
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
}

void flush_temporary(const std::string& tmp, const std::string& path) {
  sync_path(tmp, false, path);
}

void commit_temporary(const std::string& tmp, const std::string& path, bool flushed) {
  if (!flushed) sync_path(tmp, false, path);
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

atomic::StagedFile atomic::stage_file(const std::string& path, const std::string& content) {
  return stage_file(path, std::vector<std::string_view>{content});
}

atomic::StagedFile atomic::stage_file(const std::string& path,
                                      const std::vector<std::string_view>& pieces) {
  atomic::make_parent_folders(path);
  const std::string tmp = atomic::temporary_path_for(path);
  atomic::TemporaryFile guard(tmp);
  // O_EXCL: never write through a file (or link) that someone else put at the temporary name.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    throw InputError(
        "cannot write here: " + atomic::errno_text(errno) + "; check that the folder is writable",
        SourceRef{path, {}, {}});
  for (const std::string_view content : pieces) {
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
  }
  // Flushed here, by the thread that wrote it: a file staged early (the ledger's, beside the
  // check's last steps) no longer waits for the disk when the run commits its files at the end.
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    throw InputError(
        "cannot flush " + tmp + " to disk: " + atomic::errno_text(err) + " (disk full?)",
        SourceRef{path, {}, {}});
  }
  if (::close(fd) != 0)
    throw InputError("writing failed: " + atomic::errno_text(errno) + " (disk full?)",
                     SourceRef{path, {}, {}});
  guard.release();
  return StagedFile(tmp, path, /*flushed=*/true);
}

void write_file_atomic(const std::string& path, const std::string& content) {
  atomic::stage_file(path, content).commit();
}

}  // namespace reserve
