#include "render/text.hpp"

#include <algorithm>
#include <cctype>

#include "reserve/error.hpp"
#include "reserve/render.hpp"

namespace reserve {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void require_cjk_font(const std::string& family) {
  using render::FcPatternPtr;
  if (family.empty()) throw InputError("the map style names no font; set font_family");
  FcPatternPtr pattern(FcPatternCreate());
  if (!pattern) throw InternalError("fontconfig could not allocate a pattern");
  FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
  FcDefaultSubstitute(pattern.get());
  FcResult result = FcResultNoMatch;
  FcPatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
  const std::string install =
      "; install a CJK font (Debian: apt-get install fonts-noto-cjk) or set font_family / "
      "title_font_family in the style to an installed CJK family such as \"Noto Sans CJK SC\", "
      "\"Noto Serif CJK SC\" or \"WenQuanYi Micro Hei\" (list them with fc-list :lang=zh family)";
  if (!match) throw InputError("fontconfig found no font at all for '" + family + "'" + install);

  // fontconfig always returns *some* font; insist that it is the family asked for.
  std::string matched_names;
  bool same_family = false;
  FcChar8* name = nullptr;
  for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &name) == FcResultMatch; ++i) {
    const std::string n(reinterpret_cast<const char*>(name));
    matched_names += (matched_names.empty() ? "" : ", ") + n;
    same_family = same_family || lower(n) == lower(family);
  }
  FcCharSet* charset = nullptr;
  const bool covers_cjk =
      FcPatternGetCharSet(match.get(), FC_CHARSET, 0, &charset) == FcResultMatch &&
      FcCharSetHasChar(charset, 0x6838) && FcCharSetHasChar(charset, 0x5FC3) &&
      FcCharSetHasChar(charset, 0x533A);
  if (!same_family) {
    throw InputError("map font '" + family + "' is not installed (fontconfig offered '" +
                     matched_names + "'" + (covers_cjk ? "" : ", which has no Chinese glyphs") +
                     ")" + install);
  }
  if (!covers_cjk) {
    throw InputError("map font '" + family +
                     "' has no Chinese glyphs (no U+6838 '核' in its fontconfig charset), so "
                     "Chinese labels would show as boxes" +
                     install);
  }
}

namespace render {

Text::Text(cairo_t* cr, const std::string& utf8, const TextStyle& style, double wrap_width_pt,
           bool centred)
    : layout_(pango_cairo_create_layout(cr)), style_(style) {
  PangoContext* ctx = pango_layout_get_context(layout_.get());
  pango_cairo_context_set_resolution(ctx, 72.0);
  FontOptionsPtr options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(ctx, options.get());
  pango_layout_context_changed(layout_.get());

  FontDescriptionPtr desc(pango_font_description_new());
  pango_font_description_set_family(desc.get(), style.family.c_str());
  pango_font_description_set_absolute_size(desc.get(), style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(desc.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(desc.get(),
                                   style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout_.get(), desc.get());
  if (wrap_width_pt > 0.0) {
    pango_layout_set_width(layout_.get(), static_cast<int>(wrap_width_pt * PANGO_SCALE));
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  }
  if (centred) pango_layout_set_alignment(layout_.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_text(layout_.get(), utf8.c_str(), -1);
  PangoRectangle logical{};
  pango_layout_get_extents(layout_.get(), nullptr, &logical);
  box_.width_pt = static_cast<double>(logical.width) / PANGO_SCALE;
  box_.height_pt = static_cast<double>(logical.height) / PANGO_SCALE;
  ink_offset_x_ = static_cast<double>(logical.x) / PANGO_SCALE;
}

void Text::draw(cairo_t* cr, double x, double y, double halo_width_pt) const {
  cairo_save(cr);
  pango_cairo_update_layout(cr, layout_.get());
  cairo_move_to(cr, x - ink_offset_x_, y);
  if (halo_width_pt > 0.0) {
    pango_cairo_layout_path(cr, layout_.get());
    cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.85);
    cairo_set_line_width(cr, halo_width_pt);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_move_to(cr, x - ink_offset_x_, y);
  }
  cairo_set_source_rgba(cr, style_.colour.r, style_.colour.g, style_.colour.b, style_.colour.a);
  pango_cairo_show_layout(cr, layout_.get());
  cairo_new_path(cr);  // leave no current point behind (a later arc would connect to it)
  cairo_restore(cr);
}

}  // namespace render
}  // namespace reserve
