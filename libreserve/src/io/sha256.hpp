#pragma once
// SHA-256 of bytes in memory (the public sha256_file hashes files). Private to the library.
#include <string>
#include <string_view>

namespace reserve::io {
std::string sha256_hex(std::string_view bytes);
}  // namespace reserve::io
