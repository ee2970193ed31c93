#include "report/zip_writer.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "reserve/error.hpp"

namespace reserve::report {
namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentral = 0x06054b50;
constexpr std::uint16_t kVersion = 20;  // 2.0: deflate
constexpr std::uint16_t kDeflated = 8;
constexpr std::uint16_t kDosDate = 0x21;  // 1980-01-01; time 00:00
constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();

void le16(std::string& s, std::uint16_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>(v >> 8);
}

void le32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// The header fields shared by the local and the central header, from "version needed" on.
std::string common_fields(std::uint32_t crc, std::uint64_t compressed, std::uint64_t size,
                          std::size_t name_size) {
  std::string s;
  le16(s, kVersion);
  le16(s, 0);  // flags: sizes in the header, ASCII names
  le16(s, kDeflated);
  le16(s, 0);  // time
  le16(s, kDosDate);
  le32(s, crc);
  le32(s, static_cast<std::uint32_t>(compressed));
  le32(s, static_cast<std::uint32_t>(size));
  le16(s, static_cast<std::uint16_t>(name_size));
  le16(s, 0);  // extra field
  return s;
}

}  // namespace

struct ZipWriter::Stream {
  z_stream z{};
};

ZipWriter::ZipWriter(const std::string& path, std::string shown, int level)
    : shown_(std::move(shown)), stream_(std::make_unique<Stream>()), out_(1 << 16) {
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) fail(std::string("cannot create the file: ") + std::strerror(errno));
  if (deflateInit2(&stream_->z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail("zlib cannot start a deflate stream");
}

ZipWriter::~ZipWriter() {
  deflateEnd(&stream_->z);
  if (file_) std::fclose(file_);  // not finished: the caller removes the partial file
}

void ZipWriter::fail(const std::string& what) const {
  throw InputError("writing the workbook failed: " + what, SourceRef{shown_, {}, {}});
}

void ZipWriter::put(const void* data, std::size_t n) {
  if (n != 0 && std::fwrite(data, 1, n, file_) != n)
    fail(std::string("cannot write: ") + std::strerror(errno) + " (disk full?)");
  at_ += n;
}

void ZipWriter::begin(std::string name) {
  if (open_member_) fail("a member began before the previous one ended");
  if (at_ > kMax32) fail("the archive is larger than 4 GiB (ZIP64 is not written)");
  Member m;
  m.name = std::move(name);
  m.offset = at_;
  std::string header;
  le32(header, kLocalHeader);
  header += common_fields(0, 0, 0, m.name.size());  // patched by end()
  header += m.name;
  put(header.data(), header.size());
  members_.push_back(std::move(m));
  if (deflateReset(&stream_->z) != Z_OK) fail("zlib cannot restart its deflate stream");
  open_member_ = true;
}

void ZipWriter::deflate_into_file(int flush) {
  z_stream& z = stream_->z;
  do {
    z.next_out = out_.data();
    z.avail_out = static_cast<uInt>(out_.size());
    const int rc = deflate(&z, flush);
    if (rc == Z_STREAM_ERROR) fail("zlib's deflate failed");
    const std::size_t produced = out_.size() - z.avail_out;
    put(out_.data(), produced);
    members_.back().compressed += produced;
  } while (z.avail_out == 0);
}

void ZipWriter::write(std::string_view bytes) {
  if (!open_member_) fail("bytes written outside a member");
  Member& m = members_.back();
  z_stream& z = stream_->z;
  while (!bytes.empty()) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), 1u << 30);
    m.crc = static_cast<std::uint32_t>(
        crc32(m.crc, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(n)));
    m.size += n;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(n);
    deflate_into_file(Z_NO_FLUSH);
    bytes.remove_prefix(n);
  }
}

void ZipWriter::end() {
  if (!open_member_) fail("a member ended that had not begun");
  stream_->z.next_in = nullptr;
  stream_->z.avail_in = 0;
  deflate_into_file(Z_FINISH);
  open_member_ = false;
  const Member& m = members_.back();
  if (m.size > kMax32 || m.compressed > kMax32)
    fail("a part of the workbook is larger than 4 GiB (ZIP64 is not written)");
  // The CRC and sizes in the local header: 14 bytes into it.
  std::string fields;
  le32(fields, m.crc);
  le32(fields, static_cast<std::uint32_t>(m.compressed));
  le32(fields, static_cast<std::uint32_t>(m.size));
  if (std::fseek(file_, static_cast<long>(m.offset + 14), SEEK_SET) != 0)
    fail(std::string("cannot seek: ") + std::strerror(errno));
  if (std::fwrite(fields.data(), 1, fields.size(), file_) != fields.size())
    fail(std::string("cannot write: ") + std::strerror(errno) + " (disk full?)");
  if (std::fseek(file_, 0, SEEK_END) != 0)
    fail(std::string("cannot seek: ") + std::strerror(errno));
}

void ZipWriter::finish() {
  if (open_member_) fail("the archive was closed inside a member");
  if (at_ > kMax32) fail("the archive is larger than 4 GiB (ZIP64 is not written)");
  if (members_.size() > 0xFFFF) fail("more than 65,535 members");
  const std::uint64_t directory_at = at_;
  std::string dir;
  for (const Member& m : members_) {
    le32(dir, kCentralHeader);
    le16(dir, kVersion);  // made by: MS-DOS attributes, version 2.0
    dir += common_fields(m.crc, m.compressed, m.size, m.name.size());
    le16(dir, 0);  // comment
    le16(dir, 0);  // disk
    le16(dir, 0);  // internal attributes
    le32(dir, 0);  // external attributes
    le32(dir, static_cast<std::uint32_t>(m.offset));
    dir += m.name;
  }
  const std::size_t directory_size = dir.size();
  le32(dir, kEndOfCentral);
  le16(dir, 0);
  le16(dir, 0);
  le16(dir, static_cast<std::uint16_t>(members_.size()));
  le16(dir, static_cast<std::uint16_t>(members_.size()));
  le32(dir, static_cast<std::uint32_t>(directory_size));
  le32(dir, static_cast<std::uint32_t>(directory_at));
  le16(dir, 0);  // comment
  put(dir.data(), dir.size());
  std::FILE* f = file_;
  file_ = nullptr;
  if (std::fclose(f) != 0) fail(std::string("cannot write: ") + std::strerror(errno));
}

}  // namespace reserve::report
