#pragma once
// One exception family for the whole library. Each error says where it happened (file, layer,
// feature) and what to do; the CLI maps the kind to an exit code, Python to an exception class.
#include <stdexcept>
#include <string>

#include "reserve/export.hpp"

namespace reserve {

// Where in the input a problem sits. Empty members are unknown.
struct SourceRef {
  std::string file;
  std::string layer;
  std::string feature;  // feature id (FID or id attribute) or CSV row
};

enum class ErrorKind {
  usage,     // bad options or arguments: CLI exit 2
  input,     // bad or unsupported input data: CLI exit 3
  internal,  // a bug or an environment failure (e.g. PROJ database missing): CLI exit 4
};

class RESERVE_API Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, SourceRef where = {});
  ErrorKind kind() const noexcept { return kind_; }
  const SourceRef& where() const noexcept { return where_; }
  // The bare message, without the location prefix that what() carries.
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorKind kind_;
  SourceRef where_;
  std::string message_;
};

class RESERVE_API UsageError : public Error {
 public:
  explicit UsageError(const std::string& message, SourceRef where = {})
      : Error(ErrorKind::usage, message, std::move(where)) {}
};

class RESERVE_API InputError : public Error {
 public:
  explicit InputError(const std::string& message, SourceRef where = {})
      : Error(ErrorKind::input, message, std::move(where)) {}
};

class RESERVE_API InternalError : public Error {
 public:
  explicit InternalError(const std::string& message, SourceRef where = {})
      : Error(ErrorKind::internal, message, std::move(where)) {}
};

// "file.shp, layer 'zones', feature 12" (the parts that are known), or "" when none is.
RESERVE_API std::string describe(const SourceRef& where);

// CLI exit code for an error kind: usage 2, input 3, internal 4.
RESERVE_API int exit_code(ErrorKind kind) noexcept;

}  // namespace reserve
