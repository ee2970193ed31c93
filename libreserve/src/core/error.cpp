#include "reserve/error.hpp"

#include "io/input_path.hpp"
#include "io/text_encoding.hpp"
#include "reserve/issue.hpp"

namespace reserve {
namespace {

std::string with_location(const std::string& message, const SourceRef& where) {
  const std::string loc = describe(where);
  return loc.empty() ? message : loc + ": " + message;
}

// Messages quote file names and data, which need not be UTF-8; every face (JSON, Python str)
// needs valid UTF-8, so foreign bytes are escaped once, here. A database connection string
// (`PG:… password=…`) is shown with its password masked, also once, here.
std::string shown(const std::string& text) {
  return io::mask_passwords(io::escape_invalid_utf8(text));
}

SourceRef escaped(SourceRef where) {
  for (auto* s : {&where.file, &where.layer, &where.feature}) *s = shown(*s);
  return where;
}

}  // namespace

Error::Error(ErrorKind kind, const std::string& message, SourceRef where)
    : std::runtime_error(with_location(shown(message), escaped(where))),
      kind_(kind),
      where_(escaped(std::move(where))),
      message_(shown(message)) {}

std::string describe(const SourceRef& where) {
  std::string out = where.file;
  auto append = [&out](const std::string& part) {
    if (!out.empty()) out += ", ";
    out += part;
  };
  if (!where.layer.empty()) append("layer '" + where.layer + "'");
  if (!where.feature.empty()) append("feature " + where.feature);
  return out;
}

int exit_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage: return 2;
    case ErrorKind::input: return 3;
    case ErrorKind::internal: return 4;
  }
  return 4;
}

const char* to_string(Severity s) noexcept {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

}  // namespace reserve
