#pragma once
// Moved to core/text_util.hpp (namespace reserve::text). This forwarding header keeps the
// analysis:: names working for code written against the old place; include core/text_util.hpp
// in new code.
#include "core/text_util.hpp"

namespace reserve::analysis {
using namespace reserve::text;  // NOLINT(google-build-using-namespace): transitional alias
}  // namespace reserve::analysis
