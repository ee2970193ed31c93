#pragma once
// RAII over PROJ's C handles, and a context factory with the network disabled (no grid
// downloads: results must not depend on connectivity). Private to the library.
#include <proj.h>

#include <memory>
#include <string>

namespace reserve::crs {

struct ContextDeleter {
  void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
struct PjDeleter {
  void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
struct ObjListDeleter {
  void operator()(PJ_OBJ_LIST* l) const noexcept { proj_list_destroy(l); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;
using PjPtr = std::unique_ptr<PJ, PjDeleter>;
using ObjListPtr = std::unique_ptr<PJ_OBJ_LIST, ObjListDeleter>;

// A fresh context: network off, PROJ's own log silenced (we report errors ourselves).
// Throws InternalError when PROJ cannot create one.
ContextPtr make_context();

// PROJ's message for the context's last error, or "unknown PROJ error".
std::string last_error(PJ_CONTEXT* ctx);

// The CRS parsed from WKT/PROJJSON/"EPSG:n"/PROJ string; null when PROJ cannot parse it.
PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& text);

}  // namespace reserve::crs
