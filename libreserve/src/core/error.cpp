#include "reserve/error.hpp"

#include "reserve/issue.hpp"

namespace reserve {
namespace {

std::string with_location(const std::string& message, const SourceRef& where) {
  const std::string loc = describe(where);
  return loc.empty() ? message : loc + ": " + message;
}

}  // namespace

Error::Error(ErrorKind kind, const std::string& message, SourceRef where)
    : std::runtime_error(with_location(message, where)),
      kind_(kind),
      where_(std::move(where)),
      message_(message) {}

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
