// Crs values: parsing user input, identification as an EPSG code, equivalence.
#include "reserve/crs.hpp"

#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

#include "crs/crs_value.hpp"
#include "crs/proj_handles.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace crs {
namespace {

std::optional<int> code_of(const PJ* pj, int index) {
  const char* auth = proj_get_id_auth_name(pj, index);
  const char* code = proj_get_id_code(pj, index);
  if (auth == nullptr || code == nullptr || std::string(auth) != "EPSG") return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(code, &end, 10);
  if (end == code || *end != '\0') return std::nullopt;
  return static_cast<int>(value);
}

// The EPSG code: the object's own identifier, else the single best PROJ identification match
// (confidence 100, or 90+ when it is the only one; axis order differences give 25-70 and are not
// accepted, since a lat/lon CRS labelled with a lon/lat code would mislead a reader).
std::optional<int> identify_epsg(PJ_CONTEXT* ctx, const PJ* pj) {
  if (auto own = code_of(pj, 0)) return own;
  int* confidence = nullptr;
  ObjListPtr matches(proj_identify(ctx, pj, "EPSG", nullptr, &confidence));
  std::optional<int> best;
  int best_confidence = 0;
  int count_at_best = 0;
  if (matches) {
    const int n = proj_list_get_count(matches.get());
    for (int i = 0; i < n; ++i) {
      if (confidence[i] < best_confidence || confidence[i] < 90) continue;
      PjPtr candidate(proj_list_get(ctx, matches.get(), i));
      auto code = candidate ? code_of(candidate.get(), 0) : std::nullopt;
      if (!code) continue;
      if (confidence[i] > best_confidence) {
        best_confidence = confidence[i];
        best = code;
        count_at_best = 1;
      } else {
        ++count_at_best;
      }
    }
  }
  proj_int_list_destroy(confidence);
  if (count_at_best != 1) return std::nullopt;
  return best;
}

}  // namespace

Crs crs_from_pj(PJ_CONTEXT* ctx, const PJ* pj) {
  PjPtr horizontal;
  if (proj_get_type(pj) == PJ_TYPE_COMPOUND_CRS) {
    horizontal.reset(proj_crs_get_sub_crs(ctx, pj, 0));
    if (horizontal) pj = horizontal.get();
  }
  Crs out;
  const char* wkt = proj_as_wkt(ctx, pj, PJ_WKT2_2019, nullptr);
  if (wkt == nullptr) throw InputError("PROJ cannot express this CRS as WKT2: " + last_error(ctx));
  out.wkt = wkt;
  const char* name = proj_get_name(pj);
  out.name = name != nullptr ? name : "";
  out.epsg = identify_epsg(ctx, pj);
  const PJ_TYPE type = proj_get_type(pj);
  out.is_geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;
  out.is_projected = type == PJ_TYPE_PROJECTED_CRS;
  if (out.is_projected) {
    PjPtr cs(proj_crs_get_coordinate_system(ctx, pj));
    double factor = 1.0;
    if (cs &&
        proj_cs_get_axis_info(ctx, cs.get(), 0, nullptr, nullptr, nullptr, &factor, nullptr,
                              nullptr, nullptr) &&
        factor > 0.0)
      out.linear_unit_m = factor;
  }
  return out;
}

PjPtr pj_from_crs(PJ_CONTEXT* ctx, const Crs& crs) {
  if (crs.empty()) throw InputError("the CRS is unknown; pass one with --crs EPSG:xxxx");
  PjPtr pj = create_crs(ctx, crs.wkt);
  if (!pj) throw InputError("PROJ cannot read the CRS '" + crs.label() + "': " + last_error(ctx));
  return pj;
}

}  // namespace crs

std::string Crs::label() const {
  if (epsg) return "EPSG:" + std::to_string(*epsg);
  if (!name.empty()) return name;
  return empty() ? "unknown CRS" : "unnamed CRS";
}

Crs Crs::from_user_input(const std::string& text) {
  std::string input = text;
  while (!input.empty() && std::isspace(static_cast<unsigned char>(input.back()))) input.pop_back();
  while (!input.empty() && std::isspace(static_cast<unsigned char>(input.front())))
    input.erase(input.begin());
  if (input.empty()) throw UsageError("empty CRS; give one such as EPSG:4490 or EPSG:4544");
  bool all_digits = true;
  for (char c : input) all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  if (all_digits) input = "EPSG:" + input;

  // The same text always gives the same Crs: a province check builds every reserve's zonings in
  // the working CRS (hundreds of times "EPSG:4544"), and each PROJ parse and identification costs
  // a database lookup. A few texts are remembered; failures are not.
  static std::mutex memo_mutex;
  static std::map<std::string, Crs> memo;
  {
    std::lock_guard lock(memo_mutex);
    if (const auto it = memo.find(input); it != memo.end()) return it->second;
  }
  auto ctx = crs::make_context();
  crs::PjPtr pj = crs::create_crs(ctx.get(), input);
  if (!pj)
    throw UsageError("'" + text + "' is not a CRS PROJ understands (" + crs::last_error(ctx.get()) +
                     "); give an EPSG code such as EPSG:4490, WKT or a PROJ string");
  Crs out = crs::crs_from_pj(ctx.get(), pj.get());
  std::lock_guard lock(memo_mutex);
  if (memo.size() >= 32) memo.clear();  // bounded: texts may be long WKT
  memo.emplace(input, out);
  return out;
}

Crs Crs::from_epsg(int code) {
  if (code <= 0) throw UsageError("EPSG:" + std::to_string(code) + " is not a valid EPSG code");
  return from_user_input("EPSG:" + std::to_string(code));
}

bool equivalent(const Crs& a, const Crs& b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty();
  if (a.epsg && b.epsg && *a.epsg == *b.epsg) return true;
  if (a.wkt == b.wkt) return true;
  auto ctx = crs::make_context();
  crs::PjPtr pa = crs::create_crs(ctx.get(), a.wkt);
  crs::PjPtr pb = crs::create_crs(ctx.get(), b.wkt);
  if (!pa || !pb) return false;
  // Compare in the traditional axis order so that lat/lon and lon/lat variants match.
  crs::PjPtr na(proj_normalize_for_visualization(ctx.get(), pa.get()));
  crs::PjPtr nb(proj_normalize_for_visualization(ctx.get(), pb.get()));
  if (!na || !nb) return false;
  return proj_is_equivalent_to_with_ctx(ctx.get(), na.get(), nb.get(), PJ_COMP_EQUIVALENT) != 0;
}

}  // namespace reserve
