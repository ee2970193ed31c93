#include "crs/proj_handles.hpp"

#include "io/text_encoding.hpp"
#include "reserve/error.hpp"

namespace reserve::crs {

ContextPtr make_context() {
  ContextPtr ctx(proj_context_create());
  if (!ctx) throw InternalError("PROJ could not create a context (is proj.db installed?)");
  proj_context_set_enable_network(ctx.get(), 0);
  proj_log_level(ctx.get(), PJ_LOG_NONE);
  return ctx;
}

std::string last_error(PJ_CONTEXT* ctx) {
  const int err = proj_context_errno(ctx);
  const char* msg = err != 0 ? proj_context_errno_string(ctx, err) : nullptr;
  // PROJ may quote the user's CRS text, which need not be UTF-8.
  return msg != nullptr ? io::escape_invalid_utf8(msg) : std::string("unknown PROJ error");
}

PjPtr create_crs(PJ_CONTEXT* ctx, const std::string& text) {
  PjPtr pj(proj_create(ctx, text.c_str()));
  if (!pj) return pj;
  // A +towgs84 PROJ string or WKT1 with TOWGS84 gives a BoundCRS; we keep the datum CRS itself.
  if (proj_get_type(pj.get()) == PJ_TYPE_BOUND_CRS) {
    PjPtr source(proj_get_source_crs(ctx, pj.get()));
    if (source) pj = std::move(source);
  }
  if (!proj_is_crs(pj.get())) return nullptr;
  return pj;
}

}  // namespace reserve::crs
