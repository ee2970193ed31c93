#include "output_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "reserve/error.hpp"

namespace reserve::cli {
namespace {

namespace fs = std::filesystem;

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec) && !ec;
  const fs::path ca = fs::weakly_canonical(a, ec);
  if (ec) return false;
  const fs::path cb = fs::weakly_canonical(b, ec);
  return !ec && ca == cb;
}

// The folder that will hold `output`, or the nearest existing folder above it; throws when a
// non-folder stands in the way.
fs::path existing_folder(const std::string& output) {
  fs::path folder = fs::path(output).parent_path();
  if (folder.empty()) folder = ".";
  for (;;) {
    std::error_code ec;
    const fs::file_status st = fs::status(folder, ec);
    if (fs::is_directory(st)) return folder;
    if (fs::exists(st))
      throw UsageError("cannot write " + output + ": " + folder.string() +
                       " is a file, not a folder");
    if (ec && ec != std::errc::no_such_file_or_directory)
      throw UsageError("cannot write " + output + ": " + folder.string() + ": " + ec.message());
    if (folder.parent_path() == folder) return folder;  // "/": cannot happen, but stops
    folder = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  }
}

// access(W_OK) answers for the real user and ignores some mount options; creating a file is the
// only true test. The probe is named like the atomic writer's temporaries and removed at once.
void probe_writable(const fs::path& folder, const std::string& output) {
  const fs::path probe = folder / (".reserve-probe.tmp-" + std::to_string(::getpid()) + "-0");
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == EEXIST) return;  // only a file of ours can sit there; the folder is writable
    throw UsageError("cannot write " + output + ": the folder " + folder.string() +
                     " is not writable (" + std::strerror(err) + "); nothing was done");
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace

void guard_outputs(const std::vector<std::string>& outputs,
                   const std::vector<std::string>& inputs) {
  for (const auto& out : outputs) {
    for (const auto& in : inputs)
      if (same_file(out, in))
        throw UsageError("the output " + out + " is the input " + in +
                         "; writing it would destroy the input: choose another --out");
  }
  for (const auto& out : outputs) probe_writable(existing_folder(out), out);
}

std::vector<std::string> input_files(const ZoningArgs& z, const ConflictArgs& c,
                                     const LedgerArgs* l) {
  std::vector<std::string> in;
  for (const std::string* s : {&z.before, &z.after})
    if (!s->empty()) in.push_back(*s);
  for (const auto* list : {&c.mining, &c.facilities})
    for (const auto& s : *list) in.push_back(s);
  if (l)
    for (const std::string* s : {&l->monitoring, &l->standards, &l->assignments, &l->actions})
      if (!s->empty()) in.push_back(*s);
  return in;
}

}  // namespace reserve::cli
