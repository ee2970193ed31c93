#include "zoning/zone_field.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "reserve/error.hpp"
#include "reserve/zoning.hpp"

namespace reserve::zoning {
namespace {

std::string upper_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "'" : ", '") + i + "'";
  return out.empty() ? "(none)" : out;
}

bool all_map(const std::map<std::string, int>& counts, const ZoneScheme& scheme) {
  if (counts.empty()) return false;
  return std::all_of(counts.begin(), counts.end(),
                     [&](const auto& kv) { return scheme.lookup(kv.first).has_value(); });
}

int mapped_features(const std::map<std::string, int>& counts, const ZoneScheme& scheme) {
  int n = 0;
  for (const auto& [label, count] : counts)
    if (scheme.lookup(label)) n += count;
  return n;
}

SourceRef layer_ref(const Layer& layer) { return {layer.path, layer.name, {}}; }

// A layer with no attribute at all: naming a field cannot help. A shapefile copied without its
// .dbf (the attribute table) reads as geometry only; GDAL says nothing, so look for the file.
std::string no_fields_message(const Layer& layer) {
  std::string msg = "the layer has no attribute fields, so no zone field";
  if (layer.driver == "ESRI Shapefile") {
    std::filesystem::path shp(layer.path);
    if (std::filesystem::is_directory(shp)) shp /= layer.name + ".shp";
    std::error_code ec;
    const bool dbf =
        std::filesystem::exists(std::filesystem::path(shp).replace_extension(".dbf"), ec) ||
        std::filesystem::exists(std::filesystem::path(shp).replace_extension(".DBF"), ec);
    if (!dbf)
      msg += ": the shapefile's attribute table " + shp.stem().string() +
             ".dbf is missing beside " + shp.filename().string() +
             " — copy it there with the .shp, .shx and .prj";
  }
  return msg +
         ". A layer that is entirely one zone is given per zone (reserve validate --zone-file "
         "ZONE=PATH; Python load_zoning({\"core\": path, …}))";
}

}  // namespace

std::optional<std::string> attribute_value(const Feature& f, const std::string& name) {
  for (const auto& a : f.attributes)
    if (a.name == name) return a.is_null ? std::nullopt : std::optional<std::string>(a.value);
  return std::nullopt;
}

std::map<std::string, int> label_counts(const Layer& layer, const std::string& field) {
  std::map<std::string, int> counts;
  for (const auto& f : layer.features) ++counts[attribute_value(f, field).value_or("")];
  return counts;
}

std::string unknown_labels_message(const std::string& field,
                                   const std::map<std::string, int>& counts,
                                   const ZoneScheme& scheme) {
  std::string unknown, all, example;
  for (const auto& [label, count] : counts) {
    const std::string shown = label.empty() ? "(empty)" : "'" + label + "'";
    const std::string item = shown + " ×" + std::to_string(count);
    all += (all.empty() ? "" : ", ") + item;
    if (scheme.lookup(label)) continue;
    unknown += (unknown.empty() ? "" : ", ") + item;
    if (!label.empty()) example += (example.empty() ? "" : ",") + label + "=ZONE";
  }
  std::string msg = "zone labels not recognised in field '" + field + "': " + unknown +
                    " (all labels found: " + all + "). ";
  if (!example.empty()) {
    msg += "Map them with --zone-map '" + example +
           "' where ZONE is core, buffer, experimental, core_protection or general_control";
  }
  if (counts.count("")) {
    msg += std::string(example.empty() ? "" : "; ") +
           "features without a label must be given one in the source data";
  }
  if (unknown.find("\xEF\xBF\xBD") != std::string::npos)  // U+FFFD: bytes the decoder gave up on
    msg +=
        "; the labels hold undecodable bytes (shown as \xEF\xBF\xBD): the file is not in the "
        "encoding it declares, so pass its real encoding, e.g. --encoding GBK, rather than "
        "mapping them";
  return msg;
}

std::string find_zone_field(const Layer& layer, const std::string& requested,
                            const ZoneScheme& scheme) {
  const SourceRef where = layer_ref(layer);
  if (!requested.empty()) {
    std::string field;
    for (const auto& f : layer.fields)
      if (f == requested) field = f;
    if (field.empty())
      for (const auto& f : layer.fields)
        if (upper_ascii(f) == upper_ascii(requested)) field = f;
    if (field.empty()) {
      throw InputError("the zone field '" + requested + "' does not exist; the fields are " +
                           quoted_list(layer.fields) + ". Name one with --zone-field",
                       where);
    }
    const auto counts = label_counts(layer, field);
    if (!all_map(counts, scheme))
      throw InputError(unknown_labels_message(field, counts, scheme), where);
    return field;
  }

  // Fields with a common zone-field name, in the order of common_zone_field_names().
  std::vector<std::string> named;
  for (const auto& [name, generic] : common_zone_field_names())
    for (const auto& f : layer.fields)
      if (upper_ascii(f) == upper_ascii(name) &&
          std::find(named.begin(), named.end(), f) == named.end())
        named.push_back(f);
  for (const auto& f : named)
    if (all_map(label_counts(layer, f), scheme)) return f;

  std::vector<std::string> fitting;
  for (const auto& f : layer.fields)
    if (std::find(named.begin(), named.end(), f) == named.end() &&
        all_map(label_counts(layer, f), scheme))
      fitting.push_back(f);
  if (fitting.size() == 1) return fitting.front();
  if (fitting.size() > 1) {
    throw InputError("several fields hold zone labels: " + quoted_list(fitting) +
                         "; choose one with --zone-field",
                     where);
  }
  if (!named.empty()) {
    // The named field whose labels map best is most likely the zone field with a few unknown
    // labels: list them all so that the user can map them.
    std::string best = named.front();
    int best_n = -1;
    for (const auto& f : named) {
      const int n = mapped_features(label_counts(layer, f), scheme);
      if (n > best_n) best = f, best_n = n;
    }
    std::string msg = unknown_labels_message(best, label_counts(layer, best), scheme);
    std::vector<std::string> others;
    for (const auto& f : named)
      if (f != best) others.push_back(f);
    if (!others.empty())
      msg +=
          " (other candidate zone fields: " + quoted_list(others) + "; choose with --zone-field)";
    throw InputError(msg, where);
  }
  if (layer.fields.empty()) throw InputError(no_fields_message(layer), where);
  // Names with U+FFFD were not in the encoding the file declares (a .cpg saying UTF-8 over GBK
  // bytes): no option about fields helps until the text is decoded, so say that first.
  const bool garbled = std::any_of(layer.fields.begin(), layer.fields.end(), [](const auto& f) {
    return f.find("\xEF\xBF\xBD") != std::string::npos;
  });
  throw InputError(
      "no zone field found: no field is named like one (功能分区, 分区, 功能区, "
      "ZONE, GNFQ, FQMC, …) and none holds only known zone labels; the fields are " +
          quoted_list(layer.fields) +
          (garbled ? " — the field names are not valid " + layer.encoding +
                         (layer.encoding_source.empty() ? std::string()
                                                        : " (from " + layer.encoding_source + ")") +
                         ": pass the file's real encoding, e.g. --encoding GBK"
                   : std::string()) +
          ". Name the field with --zone-field and map its labels with --zone-map, "
          "or give one file per zone with --zone-file ZONE=PATH",
      where);
}

}  // namespace reserve::zoning

namespace reserve {

const std::vector<ZoneFieldName>& common_zone_field_names() {
  // The order of the names that were on the list before 区划, GNQMC and QH (from `reserve info`)
  // joined it is kept: it decides between several fields whose labels all map.
  static const std::vector<ZoneFieldName> names = {
      {"功能分区", false}, {"功能分区名称", false}, {"分区名称", false},   {"分区", false},
      {"功能区", false},   {"分区类型", false},     {"功能区名称", false}, {"区划", false},
      {"ZONE", false},     {"ZONE_NAME", false},    {"ZONENAME", false},   {"ZONE_TYPE", false},
      {"ZONING", false},   {"GNFQ", false},         {"GNFQMC", false},     {"FQMC", false},
      {"FQ", false},       {"GNQ", false},          {"GNQMC", false},      {"QH", false},
      {"类型", true},      {"类别", true},          {"名称", true},        {"NAME", true},
  };
  return names;
}

}  // namespace reserve
