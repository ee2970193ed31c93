#pragma once
// A fresh temporary directory for one test, removed with everything in it when the object dies.
#include <string>

namespace reserve::test {

class TempDir {
 public:
  TempDir();  // throws std::runtime_error when the directory cannot be made
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const noexcept { return path_; }
  // path() + "/" + name (nothing is created).
  std::string file(const std::string& name) const;

 private:
  std::string path_;
};

// Writes `bytes` to `path` (binary, replacing the file).
void write_file(const std::string& path, const std::string& bytes);
// The whole file as bytes; throws std::runtime_error when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace reserve::test
