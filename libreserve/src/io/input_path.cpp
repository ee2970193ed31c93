#include "io/input_path.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "reserve/error.hpp"

namespace reserve::io {

namespace {

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Whether `text` holds `key=` (any case) at `at`, not preceded by a key character.
bool key_at(const std::string& text, std::size_t at, const std::string& key) {
  if (at > 0 && is_key_char(text[at - 1])) return false;
  if (at + key.size() >= text.size()) return false;
  for (std::size_t i = 0; i < key.size(); ++i)
    if (lower(text[at + i]) != key[i]) return false;
  std::size_t eq = at + key.size();
  while (eq < text.size() && text[eq] == ' ') ++eq;
  return eq < text.size() && text[eq] == '=';
}

// End of a libpq-style value starting at `v`: a quoted '…' (with \' escapes) or up to a blank.
std::size_t value_end(const std::string& text, std::size_t v) {
  if (v < text.size() && (text[v] == '\'' || text[v] == '"')) {
    const char quote = text[v];
    std::size_t i = v + 1;
    while (i < text.size() && text[i] != quote) i += text[i] == '\\' ? 2 : 1;
    return i < text.size() ? i + 1 : text.size();
  }
  std::size_t i = v;
  while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ';' &&
         text[i] != '\'' && text[i] != '"')
    ++i;
  return i;
}

}  // namespace

bool is_connection_string(const std::string& path) {
  std::size_t n = 0;
  while (n < path.size() && is_key_char(path[n])) ++n;
  if (n < 2 || n >= path.size() || path[n] != ':') return false;
  struct stat st {};
  return ::stat(path.c_str(), &st) != 0;  // a file of that very name is a file
}

std::string mask_passwords(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char* key = key_at(text, i, "password") ? "password"
                      : key_at(text, i, "pwd")    ? "pwd"
                                                  : nullptr;
    if (key != nullptr) {
      std::size_t v = text.find('=', i) + 1;
      while (v < text.size() && text[v] == ' ') ++v;
      out.append(text, i, v - i);
      out += "***";
      i = value_end(text, v);
      continue;
    }
    // scheme://user:secret@host: the secret sits between the first ':' and the '@' after "//".
    if (text.compare(i, 3, "://") == 0) {
      const std::size_t user = i + 3;
      const std::size_t end = text.find_first_of("/ @", user);
      const std::size_t at = text.find('@', user);
      const std::size_t colon = text.find(':', user);
      if (at != std::string::npos && (end == std::string::npos || end == at) &&
          colon != std::string::npos && colon < at) {
        out.append(text, i, colon + 1 - i);
        out += "***";
        i = at;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

void check_input_path(const std::string& path, InputKind kind) {
  if (is_connection_string(path)) return;
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
