#include "geom/envelope_index.hpp"

#include <algorithm>
#include <memory>

#include "geom/geos.hpp"
#include "reserve/error.hpp"

namespace reserve::geom {
namespace {

struct TreeDeleter {
  void operator()(GEOSSTRtree* t) const noexcept { GEOSSTRtree_destroy_r(context(), t); }
};

struct QueryState {
  std::size_t self = 0;
  std::vector<std::pair<std::size_t, std::size_t>>* out = nullptr;
};

void collect_pair(void* item, void* user) {
  auto* state = static_cast<QueryState*>(user);
  const std::size_t other = *static_cast<const std::size_t*>(item);
  if (other > state->self) state->out->emplace_back(state->self, other);
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> intersecting_envelope_pairs(
    const std::vector<Envelope>& boxes) {
  auto* h = context();
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::unique_ptr<GEOSSTRtree, TreeDeleter> tree(GEOSSTRtree_create_r(h, 10));
  if (!tree) throw InternalError("GEOS could not create an STRtree");
  // The tree keeps pointers to the items and reads each geometry's envelope; both stay alive here
  // until the tree is gone.
  std::vector<std::size_t> ids(boxes.size());
  std::vector<GeomPtr> rects(boxes.size());
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    ids[i] = i;
    const Envelope& b = boxes[i];
    if (!b.valid) continue;
    rects[i] =
        check(GEOSGeom_createRectangle_r(h, b.min_x, b.min_y, b.max_x, b.max_y), "rectangle");
    GEOSSTRtree_insert_r(h, tree.get(), rects[i].get(), &ids[i]);
  }
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    if (!rects[i]) continue;
    QueryState state{i, &pairs};
    GEOSSTRtree_query_r(h, tree.get(), rects[i].get(), &collect_pair, &state);
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

}  // namespace reserve::geom
