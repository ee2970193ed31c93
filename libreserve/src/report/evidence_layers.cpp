#include "report/evidence_layers.hpp"

#include "reserve/area.hpp"

namespace reserve::report {
namespace {

StorePolygons empty_layer(const std::string& name, const Crs& crs) {
  StorePolygons l;
  l.table.name = name;
  l.table.columns = {{"piece_id", StoreType::text},    {"change", StoreType::text},
                     {"zone_before", StoreType::text}, {"zone_after", StoreType::text},
                     {"area_m2", StoreType::real},     {"area_ha", StoreType::real},
                     {"width_m", StoreType::real},     {"noise", StoreType::integer}};
  l.crs = crs;
  return l;
}

void add_piece(StorePolygons& l, const ChangePiece& p, const std::string& id,
               const std::string& change) {
  l.table.rows.push_back({id, change, std::string(to_string(p.from)), std::string(to_string(p.to)),
                          p.area_m2, to_ha(p.area_m2), p.width_m, std::int64_t{p.noise ? 1 : 0}});
  MultiPolygon mp;
  mp.polygons.push_back(p.geometry);
  l.geometries.push_back(std::move(mp));
}

}  // namespace

std::vector<StorePolygons> evidence_layers(const Comparison& c, const std::string& prefix) {
  const std::pair<const char*, const ChangeSet*> sets[] = {{"removed", &c.removed},
                                                           {"added", &c.added},
                                                           {"downgraded", &c.downgraded},
                                                           {"upgraded", &c.upgraded}};
  std::vector<StorePolygons> layers;
  StorePolygons noise = empty_layer(prefix + "noise", c.crs);
  for (const auto& [name, set] : sets) {
    StorePolygons layer = empty_layer(prefix + name, c.crs);
    int n = 0;
    for (const auto& p : set->pieces) {
      // Ids count every piece of the kind, noise included: "removed-3" is the same piece in
      // every layer and report.
      const std::string id = std::string(name) + "-" + std::to_string(++n);
      add_piece(p.noise ? noise : layer, p, id, name);
    }
    layers.push_back(std::move(layer));
  }
  layers.push_back(std::move(noise));
  return layers;
}

}  // namespace reserve::report
