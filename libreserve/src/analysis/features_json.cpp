#include "analysis/features_json.hpp"

namespace reserve::analysis {

void add_inputs_used(nlohmann::json& j, const FeatureSet& features) {
  j["layers"] = nlohmann::json::array();
  for (const auto& s : features.sources)
    j["layers"].push_back({{"path", s.path},
                           {"layer", s.layer},
                           {"rows", s.features_read},
                           {"used", s.features_kept},
                           {"far", s.far},
                           {"left_out", s.left_out()},
                           {"repaired", s.repaired},
                           {"as_other", s.other_category}});
  j["left_out"] = nlohmann::json::array();
  for (const auto& l : features.left_out)
    j["left_out"].push_back(
        {{"label", l.label},
         {"category", l.category ? nlohmann::json(to_string(*l.category)) : nlohmann::json()},
         {"code", to_string(l.code)},
         {"reason", l.reason},
         {"file", l.where.file},
         {"layer", l.where.layer},
         {"feature", l.where.feature},
         {"rows", l.rows}});
  j["repairs"] = nlohmann::json::array();
  for (const auto& r : features.repairs)
    j["repairs"].push_back({{"file", r.where.file},
                            {"layer", r.where.layer},
                            {"feature", r.where.feature},
                            {"reason", r.reason},
                            {"area_before_m2", r.area_before_m2},
                            {"area_after_m2", r.area_after_m2}});
}

}  // namespace reserve::analysis
