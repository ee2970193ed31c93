#pragma once
// A ZIP archive written front to back (PKWARE APPNOTE 6.3: local headers, raw-deflate data, a
// central directory), enough for an XLSX package: ASCII names, no ZIP64 (a member or the archive
// past 4 GiB is an error), a fixed date (1980-01-01) so that the same content gives the same bytes.
// A member is streamed: its local header is written first and patched with the CRC and sizes once
// the member ends. Private to the library; InputError naming the file on any failure.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reserve::report {

class ZipWriter {
 public:
  // Creates `path` (truncating it); `shown` names the file in errors. level: zlib's 1–9.
  ZipWriter(const std::string& path, std::string shown, int level);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void begin(std::string name);  // starts a member (the previous one must have ended)
  void write(std::string_view bytes);
  void end();  // ends the member
  void add(std::string name, std::string_view bytes) {
    begin(std::move(name));
    write(bytes);
    end();
  }
  void finish();  // the central directory; the file is closed and complete

 private:
  struct Member {
    std::string name;
    std::uint64_t offset = 0, compressed = 0, size = 0;
    std::uint32_t crc = 0;
  };
  void deflate_into_file(int flush);
  void put(const void* data, std::size_t n);
  [[noreturn]] void fail(const std::string& what) const;

  std::string shown_;
  std::FILE* file_ = nullptr;
  struct Stream;
  std::unique_ptr<Stream> stream_;  // zlib's state, between begin() and end()
  std::vector<Member> members_;
  std::vector<unsigned char> out_;  // deflate's output buffer
  std::uint64_t at_ = 0;            // bytes written so far
  bool open_member_ = false;
};

}  // namespace reserve::report
