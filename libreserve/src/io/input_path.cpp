#include "io/input_path.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "reserve/error.hpp"

namespace reserve::io {

void check_input_path(const std::string& path, InputKind kind) {
  const SourceRef where{path, "", ""};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) throw InputError("file not found; check the path", where);
    if (err == ENOTDIR)
      throw InputError("file not found: a part of the path is a file, not a folder", where);
    if (err == EACCES)
      throw InputError(
          "permission denied: a folder on the path cannot be searched by this user; check "
          "the folders' permissions",
          where);
    throw InputError(std::string("cannot be opened: ") + std::strerror(err), where);
  }
  if (S_ISDIR(st.st_mode)) {
    if (kind == InputKind::file)
      throw InputError("is a directory, not a file; give the path of the file inside it", where);
    if (::access(path.c_str(), R_OK | X_OK) != 0)
      throw InputError("permission denied: the folder cannot be read by this user", where);
    return;
  }
  // A FIFO or socket would block the reader forever waiting for a writer (a hang, not an error).
  if (!S_ISREG(st.st_mode))
    throw InputError(std::string("is not a regular file but a ") +
                         (S_ISFIFO(st.st_mode)   ? "named pipe (FIFO)"
                          : S_ISSOCK(st.st_mode) ? "socket"
                                                 : "device") +
                         ", which cannot be read as data; give the path of a file",
                     where);
  if (::access(path.c_str(), R_OK) != 0)
    throw InputError(std::string(errno == EACCES ? "permission denied" : std::strerror(errno)) +
                         ": the file cannot be read by this user; check its permissions",
                     where);
}

}  // namespace reserve::io
