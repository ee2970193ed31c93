// Default map style and the TOML style reader. Every key the reader accepts is listed here, so an
// unknown key (usually a typo) is an error naming the key rather than a silently ignored setting.
#include "reserve/map_style.hpp"

#include <toml++/toml.h>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "core/data_files.hpp"
#include "reserve/error.hpp"

namespace reserve {
namespace {

Rgba hex(unsigned rgb, double alpha = 1.0) {
  return {static_cast<double>((rgb >> 16) & 0xFF) / 255.0,
          static_cast<double>((rgb >> 8) & 0xFF) / 255.0, static_cast<double>(rgb & 0xFF) / 255.0,
          alpha};
}

SymbolStyle symbol(SymbolShape shape, unsigned fill, const char* label) {
  SymbolStyle s;
  s.shape = shape;
  s.fill = hex(fill);
  s.stroke = hex(0x202020);
  s.label = label;
  return s;
}

LineStyle line(unsigned colour, double width_mm, bool dashed, const char* label) {
  LineStyle l;
  l.colour = hex(colour);
  l.width_mm = width_mm;
  l.dashed = dashed;
  l.label = label;
  return l;
}

HatchStyle hatch(unsigned colour, double fill_alpha, double angle_deg, bool cross,
                 const char* label) {
  HatchStyle h;
  h.colour = hex(colour);
  h.fill = hex(colour, fill_alpha);
  h.angle_deg = angle_deg;
  h.cross = cross;
  h.label = label;
  return h;
}

constexpr std::pair<SymbolShape, const char*> kShapes[] = {
    {SymbolShape::circle, "circle"},
    {SymbolShape::triangle, "triangle"},
    {SymbolShape::inverted_triangle, "inverted_triangle"},
    {SymbolShape::square, "square"},
    {SymbolShape::diamond, "diamond"},
    {SymbolShape::star, "star"},
    {SymbolShape::pentagon, "pentagon"},
    {SymbolShape::hexagon, "hexagon"},
    {SymbolShape::cross, "cross"},
};

// Reads one TOML table, dispatching known keys and rejecting the rest.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, const std::string& source)
      : table_(table), path_(std::move(path)), source_(source) {}

  void text(const char* key, std::string& out) {
    on(key, [&](const toml::node& n, const std::string& k) {
      auto v = n.value<std::string>();
      if (!v) fail(k, "must be a string");
      out = *v;
    });
  }
  void flag(const char* key, bool& out) {
    on(key, [&](const toml::node& n, const std::string& k) {
      auto v = n.value<bool>();
      if (!v) fail(k, "must be true or false");
      out = *v;
    });
  }
  void number(const char* key, double& out, double min, double max) {
    on(key, [&](const toml::node& n, const std::string& k) {
      auto v = n.value<double>();  // integers convert
      if (!v || !std::isfinite(*v)) fail(k, "must be a number");
      if (*v < min || *v > max) {
        fail(k, "must be between " + fmt(min) + " and " + fmt(max) + " (got " + fmt(*v) + ")");
      }
      out = *v;
    });
  }
  void integer(const char* key, int& out, int min, int max) {
    double d = out;
    number(key, d, min, max);
    out = static_cast<int>(std::lround(d));
  }
  void colour(const char* key, Rgba& out) {
    on(key, [&](const toml::node& n, const std::string& k) {
      auto v = n.value<std::string>();
      if (!v) fail(k, "must be a colour string \"#rrggbb\" or \"#rrggbbaa\"");
      out = parse_colour(*v, source_ + ": " + k);
    });
  }
  void table(const char* key, const std::function<void(TableReader&)>& read) {
    on(key, [&](const toml::node& n, const std::string& k) {
      const auto* t = n.as_table();
      if (!t) fail(k, "must be a table");
      TableReader sub(*t, k, source_);
      read(sub);
      sub.finish();
    });
  }
  // Every key of this table is free (e.g. facility categories); `read` handles one of them.
  void each(const std::function<void(const std::string&, TableReader&)>& read) {
    for (const auto& [k, v] : table_) {
      const std::string key(k.str());
      const std::string full = qualified(key);
      const auto* t = v.as_table();
      if (!t) fail(full, "must be a table");
      TableReader sub(*t, full, source_);
      read(key, sub);
      sub.finish();
      seen_.push_back(key);
    }
  }

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw UsageError("style key '" + key + "' " + what, SourceRef{source_, "", ""});
  }

  // Throws for the first key nobody asked for, listing the known ones.
  void finish() const {
    for (const auto& [k, v] : table_) {
      const std::string key(k.str());
      bool known = false;
      for (const auto& s : seen_) known = known || s == key;
      if (!known) {
        std::string list;
        for (const auto& s : asked_) list += (list.empty() ? "" : ", ") + s;
        throw UsageError("unknown style key '" + qualified(key) + "'; known keys here: " + list +
                             " (see docs/map-style.md)",
                         SourceRef{source_, "", ""});
      }
    }
  }

 private:
  void on(const char* key, const std::function<void(const toml::node&, const std::string&)>& f) {
    asked_.emplace_back(key);
    if (const toml::node* n = table_.get(key)) {
      f(*n, qualified(key));
      seen_.emplace_back(key);
    }
  }
  std::string qualified(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  static std::string fmt(double v) {
    std::ostringstream os;
    os << v;
    return os.str();
  }

  const toml::table& table_;
  std::string path_;
  const std::string& source_;
  std::vector<std::string> asked_;
  std::vector<std::string> seen_;
};

void read_line(TableReader& t, LineStyle& l) {
  t.colour("colour", l.colour);
  t.number("width_mm", l.width_mm, 0.0, 20.0);
  t.flag("dashed", l.dashed);
  t.text("label", l.label);
}

void read_hatch(TableReader& t, HatchStyle& h) {
  t.colour("colour", h.colour);
  t.colour("fill", h.fill);
  t.number("angle_deg", h.angle_deg, -360.0, 360.0);
  t.number("spacing_mm", h.spacing_mm, 0.2, 50.0);
  t.number("line_width_mm", h.line_width_mm, 0.0, 10.0);
  t.flag("cross", h.cross);
  t.text("label", h.label);
}

void read_symbol(TableReader& t, SymbolStyle& s) {
  std::string shape = to_string(s.shape);
  t.text("shape", shape);
  bool found = false;
  for (const auto& [v, name] : kShapes) {
    if (shape == name) {
      s.shape = v;
      found = true;
    }
  }
  if (!found) {
    std::string list;
    for (const auto& [v, name] : kShapes) list += (list.empty() ? "" : ", ") + std::string(name);
    t.fail("shape", "has unknown shape '" + shape + "'; use one of " + list);
  }
  t.colour("fill", s.fill);
  t.colour("stroke", s.stroke);
  t.number("size_mm", s.size_mm, 0.5, 30.0);
  t.text("label", s.label);
}

}  // namespace

const char* to_string(SymbolShape s) noexcept {
  for (const auto& [v, name] : kShapes)
    if (v == s) return name;
  return "circle";
}

Rgba parse_colour(const std::string& text, const std::string& key) {
  auto bad = [&]() {
    return UsageError("colour '" + text + "' for " + key +
                      " is not \"#rrggbb\" or \"#rrggbbaa\" (hexadecimal)");
  };
  if ((text.size() != 7 && text.size() != 9) || text[0] != '#') throw bad();
  unsigned v[4] = {0, 0, 0, 255};
  for (std::size_t i = 1, c = 0; i < text.size(); i += 2, ++c) {
    unsigned byte = 0;
    for (std::size_t j = i; j < i + 2; ++j) {
      const char ch = text[j];
      unsigned d = 0;
      if (ch >= '0' && ch <= '9')
        d = static_cast<unsigned>(ch - '0');
      else if (ch >= 'a' && ch <= 'f')
        d = static_cast<unsigned>(ch - 'a' + 10);
      else if (ch >= 'A' && ch <= 'F')
        d = static_cast<unsigned>(ch - 'A' + 10);
      else
        throw bad();
      byte = byte * 16 + d;
    }
    v[c] = byte;
  }
  return {v[0] / 255.0, v[1] / 255.0, v[2] / 255.0, v[3] / 255.0};
}

MapStyle default_map_style() {
  MapStyle s;
  s.zone_fill = {
      {Zone::core, hex(0xD7301F, 0.80)},
      {Zone::buffer, hex(0xFDAE61, 0.80)},
      {Zone::experimental, hex(0xB8E186, 0.80)},
      {Zone::core_protection, hex(0xE34A33, 0.80)},
      {Zone::general_control, hex(0x7FBF7B, 0.80)},
      {Zone::outside, hex(0xDDDDDD, 0.5)},
  };
  s.zone_boundary = hex(0xFFFFFF, 0xE6 / 255.0);
  s.grid_colour = hex(0x595959, 0x8C / 255.0);
  s.mining_right_outline = hex(0x73330D);
  s.baseline_outline = line(0x1F3A93, 0.45, true, "原保护区边界");
  s.proposal_outline = line(0x000000, 0.55, false, "调整后保护区边界");
  s.removed = hatch(0xE00000, 0.15, 45.0, false, "调出区域");
  s.downgraded = hatch(0x7B2CBF, 0.12, -45.0, false, "降级区域");
  s.added = hatch(0x00897B, 0.12, 0.0, false, "调入区域");
  s.suggested = hatch(0xF9A825, 0.15, 90.0, false, "建议调入或升级区域");
  s.mining_right = hatch(0x8B4513, 0.10, 60.0, true, "矿权范围");
  s.mining_right.spacing_mm = 1.4;
  s.mining_right.line_width_mm = 0.18;
  // Keys are the FeatureCategory ids (features.hpp) plus a few extra common kinds.
  s.facility_symbols = {
      {"mining_right", symbol(SymbolShape::cross, 0x000000, "采矿权")},
      {"exploration_right", symbol(SymbolShape::cross, 0x737373, "探矿权")},
      {"mine", symbol(SymbolShape::inverted_triangle, 0x252525, "矿山")},
      {"quarry", symbol(SymbolShape::inverted_triangle, 0xA6611A, "采石场")},
      {"concentrator", symbol(SymbolShape::triangle, 0xE6550D, "选矿厂")},
      {"smelter", symbol(SymbolShape::square, 0x525252, "冶炼厂")},
      {"slag_yard", symbol(SymbolShape::diamond, 0x8C6D31, "渣场")},
      {"tailings_pond", symbol(SymbolShape::circle, 0xBF812D, "尾矿库")},
      {"industrial", symbol(SymbolShape::pentagon, 0x756BB1, "工业企业")},
      {"hydropower", symbol(SymbolShape::star, 0x2166AC, "水电站")},
      {"other_energy", symbol(SymbolShape::hexagon, 0xFEC44F, "其他能源设施")},
      {"tourism", symbol(SymbolShape::circle, 0x41AB5D, "旅游设施")},
      {"transport", symbol(SymbolShape::square, 0xBDBDBD, "交通设施")},
      {"aquaculture", symbol(SymbolShape::diamond, 0x41B6C4, "养殖场")},
      {"settlement", symbol(SymbolShape::hexagon, 0xD9D9D9, "居民点")},
      {"building", symbol(SymbolShape::hexagon, 0x969696, "建筑物")},
  };
  s.other_facility = symbol(SymbolShape::circle, 0x636363, "其他设施");
  s.context_lines = {
      {"river", line(0x3A7CC8, 0.45, false, "河流")},
      {"road", line(0x8C5A3C, 0.40, false, "道路")},
  };
  s.other_line = line(0x808080, 0.30, true, "其他线状要素");
  return s;
}

MapStyle parse_map_style(const std::string& toml_text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << "style is not valid TOML: " << e.description() << " (line " << e.source().begin.line
       << ", column " << e.source().begin.column << ")";
    throw InputError(os.str(), SourceRef{source_name, "", ""});
  }
  MapStyle s = default_map_style();
  TableReader top(root, "", source_name);
  top.text("title", s.title);
  top.text("subtitle", s.subtitle);
  top.text("producer", s.producer);
  top.text("data_source", s.data_source);
  top.text("date", s.date);
  top.text("review_number", s.review_number);
  top.text("font_family", s.font_family);
  top.text("title_font_family", s.title_font_family);
  top.text("fill_zoning", s.fill_zoning);
  if (s.fill_zoning != "auto" && s.fill_zoning != "proposal" && s.fill_zoning != "baseline")
    top.fail("fill_zoning", "must be \"auto\", \"proposal\" or \"baseline\"");
  top.flag("round_scale", s.round_scale);
  top.number("label_size_pt", s.label_size_pt, 3.0, 48.0);
  top.number("title_size_pt", s.title_size_pt, 6.0, 72.0);
  top.number("background_opacity", s.background_opacity, 0.0, 1.0);
  top.number("extent_margin_ratio", s.extent_margin_ratio, 0.0, 2.0);
  top.table("page", [&](TableReader& t) {
    std::string size = s.page == PageSize::a4 ? "A4" : s.page == PageSize::a3 ? "A3" : "pixels";
    t.text("size", size);
    if (size == "A4" || size == "a4")
      s.page = PageSize::a4;
    else if (size == "A3" || size == "a3")
      s.page = PageSize::a3;
    else if (size == "pixels")
      s.page = PageSize::pixels;
    else
      t.fail("page.size", "must be \"A4\", \"A3\" or \"pixels\" (got \"" + size + "\")");
    t.flag("landscape", s.landscape);
    t.integer("width_px", s.width_px, 16, 20000);
    t.integer("height_px", s.height_px, 16, 20000);
    t.number("dpi", s.dpi, 36.0, 1200.0);
    t.number("margin_mm", s.margin_mm, 0.0, 50.0);
  });
  top.table("layers", [&](TableReader& t) {
    t.flag("zones", s.show_zones);
    t.flag("outlines", s.show_outlines);
    t.flag("changes", s.show_changes);
    t.flag("mining_rights", s.show_mining_rights);
    t.flag("facilities", s.show_facilities);
    t.flag("context_lines", s.show_context_lines);
    t.flag("background", s.show_background);
    t.flag("labels", s.show_labels);
    t.flag("zone_labels", s.show_zone_labels);
    t.flag("grid", s.show_grid);
    t.flag("graticule", s.show_graticule);
    t.flag("legend", s.show_legend);
    t.flag("scale_bar", s.show_scale_bar);
    t.flag("north_arrow", s.show_north_arrow);
    t.flag("furniture", s.show_furniture);
  });
  top.table("colours", [&](TableReader& t) {
    t.colour("page_background", s.page_background);
    t.colour("zone_boundary", s.zone_boundary);
    t.colour("grid", s.grid_colour);
    t.colour("mining_right_outline", s.mining_right_outline);
  });
  top.table("zones", [&](TableReader& t) {
    for (Zone z : {Zone::core, Zone::buffer, Zone::experimental, Zone::core_protection,
                   Zone::general_control, Zone::outside})
      t.colour(to_string(z), s.zone_fill[z]);
  });
  top.table("outlines", [&](TableReader& t) {
    t.table("baseline", [&](TableReader& l) { read_line(l, s.baseline_outline); });
    t.table("proposal", [&](TableReader& l) { read_line(l, s.proposal_outline); });
  });
  top.table("hatch", [&](TableReader& t) {
    t.table("removed", [&](TableReader& h) { read_hatch(h, s.removed); });
    t.table("downgraded", [&](TableReader& h) { read_hatch(h, s.downgraded); });
    t.table("added", [&](TableReader& h) { read_hatch(h, s.added); });
    t.table("suggested", [&](TableReader& h) { read_hatch(h, s.suggested); });
    t.table("mining_right", [&](TableReader& h) { read_hatch(h, s.mining_right); });
  });
  top.table("facilities", [&](TableReader& t) {
    t.each([&](const std::string& category, TableReader& f) {
      if (category == "other") {
        read_symbol(f, s.other_facility);
        return;
      }
      auto it = s.facility_symbols.find(category);
      SymbolStyle sym = it != s.facility_symbols.end() ? it->second : s.other_facility;
      if (it == s.facility_symbols.end()) sym.label = category;
      read_symbol(f, sym);
      s.facility_symbols[category] = sym;
    });
  });
  top.table("lines", [&](TableReader& t) {
    t.each([&](const std::string& kind, TableReader& l) {
      if (kind == "other") {
        read_line(l, s.other_line);
        return;
      }
      auto it = s.context_lines.find(kind);
      LineStyle ls = it != s.context_lines.end() ? it->second : s.other_line;
      if (it == s.context_lines.end()) ls.label = kind;
      read_line(l, ls);
      s.context_lines[kind] = ls;
    });
  });
  top.table("focus", [&](TableReader& t) {
    t.number("margin_ratio", s.focus_margin_ratio, 0.0, 10.0);
    t.number("min_margin_m", s.focus_min_margin_m, 0.0, 1e6);
  });
  top.finish();
  return s;
}

MapStyle load_map_style(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError("cannot read the style file; check the path (the default style is " +
                         default_map_style_path() + ")",
                     SourceRef{path, "", ""});
  }
  std::ostringstream os;
  os << in.rdbuf();
  return parse_map_style(os.str(), path);
}

std::string default_map_style_path() {
  // When the file is missing, name where it was expected, so that the error reading it says so.
  std::string found = detail::find_data_file("styles", "default.toml");
  if (found.empty()) {
    const auto dirs = detail::data_search_path("styles");
    if (!dirs.empty()) found = dirs.front() + "/default.toml";
  }
  return found;
}

}  // namespace reserve
