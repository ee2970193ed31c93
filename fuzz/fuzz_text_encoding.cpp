// The text decoding every reader relies on (io/text_encoding): UTF-8 validation and repair,
// GBK/GB18030 decoding, the GBK / mojibake / destroyed-text tests and encoding-name spelling.
// Every decoded or escaped result must be valid UTF-8 (the JSON writers refuse anything else).
#include <cstdio>
#include <cstdlib>

#include "io/text_encoding.hpp"
#include "support/fuzz_support.hpp"

namespace {

void require_utf8(const std::string& s, const char* what) {
  if (!reserve::io::is_valid_utf8(s)) {
    std::fprintf(stderr, "fuzz finding: %s returned invalid UTF-8\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = reserve::io;
  const std::string bytes = reserve::fuzz::as_text(data, size);
  (void)io::is_ascii(bytes);
  const std::string_view body = io::strip_utf8_bom(bytes);
  require_utf8(io::sanitize_utf8(body).utf8, "sanitize_utf8");
  require_utf8(io::escape_invalid_utf8(body), "escape_invalid_utf8");
  for (const char* encoding : {"CP936", "GB18030", "ISO-8859-1"})
    require_utf8(io::decode_to_utf8(body, encoding).utf8, "decode_to_utf8");
  (void)io::looks_like_gbk(body);
  if (io::is_valid_utf8(body)) {
    (void)io::looks_like_gbk_mojibake(body);
    (void)io::looks_destroyed(body);
    (void)io::encode_from_utf8(body, "CP936");
  }
  // The same bytes as an encoding name from a user, a .cpg file or a header.
  const std::string name = io::canonical_encoding(bytes.substr(0, 64));
  (void)io::is_utf8_name(name);
  reserve::fuzz::expect_clean_errors([&] { io::check_encoding_known(name); });
  if (size > 0) (void)io::encoding_for_ldid(data[0]);
  return 0;
}
