// render_map(): extent and focus, page layout, the Cairo surface for the format, the drawing
// order; the bytes go to the caller, which writes files.
#include "reserve/render.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>

#include "geom/geos.hpp"
#include "render/draw_layers.hpp"
#include "render/furniture.hpp"
#include "render/map_layout.hpp"
#include "render/symbols.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"
#include "reserve/version.hpp"

namespace reserve {
namespace {

using render::RenderContext;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check_finite(const Point& p, const std::string& what, const std::string& id) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
    throw InputError(what + " has a coordinate that is not a finite number; fix or drop it",
                     SourceRef{"", "", id});
  }
}
void check_finite(const MultiPolygon& mp, const std::string& what, const std::string& id) {
  for (const auto& poly : mp.polygons) {
    for (const auto& p : poly.outer) check_finite(p, what, id);
    for (const auto& h : poly.holes)
      for (const auto& p : h) check_finite(p, what, id);
  }
}
void check_finite(const Geometry& g, const std::string& what, const std::string& id) {
  for (const auto& p : g.points) check_finite(p, what, id);
  for (const auto& l : g.lines)
    for (const auto& p : l) check_finite(p, what, id);
  check_finite(g.polygons, what, id);
}

Envelope envelope_of_lines(const std::vector<LineString>& lines) {
  Envelope e;
  for (const auto& l : lines)
    for (const auto& p : l) e.expand(p);
  return e;
}

void check_inputs(const MapLayers& L) {
  for (const auto* zones : {&L.baseline_zones, &L.proposal_zones})
    for (const auto& z : *zones) check_finite(z.geometry, "zone part", z.id);
  check_finite(L.baseline_outline, "baseline outline", "");
  check_finite(L.proposal_outline, "proposal outline", "");
  for (const auto& c : L.changes) check_finite(c.geometry, "change area", c.id);
  for (const auto& m : L.mining_rights) check_finite(m.geometry, "mining right", m.id);
  for (const auto& f : L.facilities) check_finite(f.geometry, "facility", f.id);
  for (const auto& l : L.context_lines)
    for (const auto& line : l.lines)
      for (const auto& p : line) check_finite(p, "line", l.id);
}

// The union of the zones; invalid zones (which load_zoning would have repaired) can make GEOS
// fail, and then the map goes without that outline and says so.
MultiPolygon outline_of(const std::vector<MapZone>& zones, const char* which,
                        std::vector<std::string>& warnings) {
  std::vector<const MultiPolygon*> parts;
  for (const auto& z : zones)
    if (!z.geometry.empty()) parts.push_back(&z.geometry);
  if (parts.empty()) return {};
  try {
    return geom::unite(parts);
  } catch (const Error& e) {
    warnings.push_back(std::string("the ") + which +
                       " outline could not be computed (invalid zone geometry? run reserve "
                       "validate): " +
                       e.message());
    return {};
  }
}

// The reserve's extent (zones, outlines, changes); when there is no reserve, everything.
Envelope data_extent(const MapLayers& L) {
  Envelope e;
  for (const auto* zones : {&L.baseline_zones, &L.proposal_zones})
    for (const auto& z : *zones) e.expand(envelope_of(z.geometry));
  e.expand(envelope_of(L.baseline_outline));
  e.expand(envelope_of(L.proposal_outline));
  for (const auto& c : L.changes) e.expand(envelope_of(c.geometry));
  if (e.valid) return e;
  for (const auto& m : L.mining_rights) e.expand(envelope_of(m.geometry));
  for (const auto& f : L.facilities) e.expand(envelope_of(f.geometry));
  for (const auto& l : L.context_lines) e.expand(envelope_of_lines(l.lines));
  return e;
}

Envelope focus_extent(const MapLayers& L, const std::string& id) {
  std::vector<std::string> known;
  auto match = [&](const std::string& fid) {
    known.push_back(fid);
    return fid == id;
  };
  for (const auto* zones : {&L.proposal_zones, &L.baseline_zones})
    for (const auto& z : *zones)
      if (match(z.id)) return envelope_of(z.geometry);
  for (const auto& c : L.changes)
    if (match(c.id)) return envelope_of(c.geometry);
  for (const auto& m : L.mining_rights)
    if (match(m.id)) return envelope_of(m.geometry);
  for (const auto& f : L.facilities)
    if (match(f.id)) return envelope_of(f.geometry);
  for (const auto& l : L.context_lines)
    if (match(l.id)) return envelope_of_lines(l.lines);
  std::string sample;
  for (std::size_t i = 0; i < known.size() && i < 8; ++i) sample += (i ? ", " : "") + known[i];
  throw UsageError("no feature with id '" + id + "' to focus on; ids in the map layers include: " +
                   (sample.empty() ? std::string("(none)") : sample));
}

Envelope with_margin(const Envelope& e, double ratio, double min_margin) {
  const double mx = std::max(e.width() * ratio, min_margin);
  const double my = std::max(e.height() * ratio, min_margin);
  Envelope out;
  out.expand(Point{e.min_x - mx, e.min_y - my});
  out.expand(Point{e.max_x + mx, e.max_y + my});
  return out;
}

// ISO date "YYYY-MM-DD…" from the style's date, for the PDF creation date; otherwise a fixed one
// (the output must not depend on the clock).
std::string pdf_date(const std::string& date) {
  if (date.size() >= 10 && std::isdigit(static_cast<unsigned char>(date[0])) && date[4] == '-' &&
      date[7] == '-')
    return date.substr(0, 10) + "T00:00:00";
  return "2000-01-01T00:00:00";
}

// Cairo numbers SVG surfaces from a process-wide counter ("surface2" in one render, "surface8" in
// the next); renumber them in order of appearance so equal input gives equal bytes.
std::string renumber_svg_surfaces(const std::string& svg) {
  static const std::string kTag = "surface";
  std::map<std::string, std::string> renamed;
  std::string out;
  out.reserve(svg.size());
  std::size_t pos = 0;
  while (true) {
    const std::size_t hit = svg.find(kTag, pos);
    if (hit == std::string::npos) break;
    std::size_t end = hit + kTag.size();
    while (end < svg.size() && std::isdigit(static_cast<unsigned char>(svg[end]))) ++end;
    const bool reference = hit > 0 && (svg[hit - 1] == '"' || svg[hit - 1] == '#');
    out.append(svg, pos, hit - pos);
    if (end > hit + kTag.size() && reference) {
      const std::string id = svg.substr(hit, end - hit);
      auto it = renamed.find(id);
      if (it == renamed.end())
        it = renamed.emplace(id, kTag + std::to_string(renamed.size() + 1)).first;
      out += it->second;
    } else {
      out.append(svg, hit, end - hit);
    }
    pos = end;
  }
  out.append(svg, pos, std::string::npos);
  return out;
}

void draw_everything(RenderContext& c, const render::BodyInput& body) {
  cairo_t* cr = c.cr;
  render::set_colour(cr, c.style.page_background);
  cairo_paint(cr);
  render::draw_title(c, true);
  render::draw_map_body(c, body);
  render::draw_grid_lines(c);
  render::reserve_north_arrow_space(c);
  if (c.style.show_labels) render::place_and_draw_labels(c);
  render::draw_north_arrow(c);
  render::draw_frame_and_grid_labels(c);
  render::draw_graticule_ticks(c);
  render::draw_panel(c);
  render::draw_footer(c);
}

// What to fill and which outlines to draw: the outline given with the layers, else the union
// of that zoning's zones.
render::BodyInput body_input(const MapLayers& layers, const MapStyle& style,
                             std::vector<std::string>& warnings) {
  const bool use_proposal = style.fill_zoning == "proposal" ||
                            (style.fill_zoning == "auto" && !layers.proposal_zones.empty());
  render::BodyInput body;
  body.filled_zones = use_proposal ? &layers.proposal_zones : &layers.baseline_zones;
  body.baseline_outline = layers.baseline_outline.empty()
                              ? outline_of(layers.baseline_zones, "baseline", warnings)
                              : layers.baseline_outline;
  body.proposal_outline = layers.proposal_outline.empty()
                              ? outline_of(layers.proposal_zones, "proposal", warnings)
                              : layers.proposal_outline;
  return body;
}

// The data extent to show: the focus feature with its margin, or all layers with theirs. A
// focus map stops warning about features outside it (most are, by design).
Envelope map_extent(const MapLayers& layers, const MapStyle& style, const RenderOptions& options,
                    render::BodyInput& body) {
  Envelope extent;
  if (!options.focus_feature_id.empty()) {
    extent = focus_extent(layers, options.focus_feature_id);
    if (!extent.valid) {
      throw InputError("the focus feature has an empty geometry; nothing to zoom to",
                       SourceRef{"", "", options.focus_feature_id});
    }
    extent = with_margin(extent, style.focus_margin_ratio, style.focus_min_margin_m);
    body.warn_outside = false;
  } else {
    extent = data_extent(layers);
    if (!extent.valid) {
      throw InputError(
          "nothing to draw: the map layers hold no zone, outline, change, mining right, facility "
          "or line with a geometry");
    }
    extent = with_margin(extent, style.extent_margin_ratio, 0.0);
  }
  // A single point or a straight line has no area to fit; give it the minimum margin.
  if (extent.width() <= 0.0 || extent.height() <= 0.0)
    extent = with_margin(extent, 0.0, std::max(1.0, style.focus_min_margin_m));
  return extent;
}

// Projection facts at the data centre (the centre stays fixed when the scale is rounded).
render::ProjectionInfo projection_at_centre(const MapLayers& layers, const Envelope& extent,
                                            RenderSummary& summary) {
  const Point centre{(extent.min_x + extent.max_x) / 2.0, (extent.min_y + extent.max_y) / 2.0};
  render::ProjectionInfo projection = render::projection_info(layers.crs, centre);
  summary.scale_factor = projection.scale_factor;
  summary.meridian_convergence_deg = projection.convergence_deg;
  // Grid north is page up; true north is rotated from it by -γ (clockwise positive on the page).
  summary.true_north_page_deg = -projection.convergence_deg;
  summary.crs_note = projection.note;
  if (!projection.conformal) {
    summary.warnings.push_back(
        "the map CRS is not conformal: the scale bar is true along the parallel through the map "
        "centre only");
  }
  return projection;
}

// The page regions. The title's height depends on how its text wraps, so it is measured first on
// a throwaway 1×1 surface, and the map area is what remains.
render::PageLayout lay_out_page(const MapLayers& layers, const MapStyle& style,
                                const render::ProjectionInfo& projection, RenderSummary& summary) {
  double page_w = 0.0, page_h = 0.0;
  render::page_size_pt(style, page_w, page_h);
  render::PageLayout page;
  {
    render::SurfacePtr probe(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    render::CairoPtr pcr(cairo_create(probe.get()));
    RenderContext probe_ctx{pcr.get(), style, layers, {}, {}, projection, {}, {}, {}, summary};
    probe_ctx.page.width_pt = page_w;
    page = render::layout_page(style, render::draw_title(probe_ctx, false));
  }
  if (page.map_area.w < 20.0 || page.map_area.h < 20.0) {
    throw UsageError("the page is too small for the map layout; use a larger page or pixel size");
  }
  return page;
}

render::SurfacePtr png_surface(const MapStyle& style, const render::PageLayout& page,
                               double px_per_pt) {
  const int w = style.page == PageSize::pixels
                    ? style.width_px
                    : static_cast<int>(std::lround(page.width_pt * px_per_pt));
  const int h = style.page == PageSize::pixels
                    ? style.height_px
                    : static_cast<int>(std::lround(page.height_pt * px_per_pt));
  // 4 bytes a pixel: refuse sizes that would need gigabytes rather than fail half-way.
  constexpr double kMaxPixels = 120e6;
  if (static_cast<double>(w) * static_cast<double>(h) > kMaxPixels) {
    throw UsageError("the PNG would be " + std::to_string(w) + " × " + std::to_string(h) +
                     " pixels; lower the dpi or the page size (at most 120 million pixels)");
  }
  return render::SurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h));
}

// The Cairo surface for the format. PDF and SVG stream into `bytes` as they are drawn; the PNG
// is an image surface encoded after drawing.
render::SurfacePtr create_surface(MapFormat format, const MapStyle& style,
                                  const render::PageLayout& page, double px_per_pt,
                                  std::string& bytes) {
  render::SurfacePtr surface;
  switch (format) {
    case MapFormat::pdf:
      surface.reset(
          cairo_pdf_surface_create_for_stream(append_bytes, &bytes, page.width_pt, page.height_pt));
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, style.title.c_str());
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR,
                                     "libreserve " RESERVE_VERSION_STRING);
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                     pdf_date(style.date).c_str());
      cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE,
                                     pdf_date(style.date).c_str());
      break;
    case MapFormat::svg:
      surface.reset(
          cairo_svg_surface_create_for_stream(append_bytes, &bytes, page.width_pt, page.height_pt));
      break;
    case MapFormat::png: surface = png_surface(style, page, px_per_pt); break;
  }
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw InternalError(std::string("cannot create the ") + to_string(format) +
                        " surface: " + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return surface;
}

// Ends the surface: encodes the PNG, finishes the stream, and gives SVG surfaces stable ids.
void finish_surface(cairo_surface_t* surface, MapFormat format, std::string& bytes) {
  if (format == MapFormat::png) {
    cairo_surface_flush(surface);
    if (cairo_surface_write_to_png_stream(surface, append_bytes, &bytes) != CAIRO_STATUS_SUCCESS)
      throw InternalError("cannot encode the PNG");
  }
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    throw InternalError(std::string("finishing the map failed: ") +
                        cairo_status_to_string(cairo_surface_status(surface)));
  }
  if (format == MapFormat::svg) bytes = renumber_svg_surfaces(bytes);
}

}  // namespace

const char* to_string(ChangeKind k) noexcept {
  switch (k) {
    case ChangeKind::removed: return "removed";
    case ChangeKind::downgraded: return "downgraded";
    case ChangeKind::added: return "added";
    case ChangeKind::suggested: return "suggested";
  }
  return "removed";
}

const char* to_string(MapFormat f) noexcept {
  switch (f) {
    case MapFormat::pdf: return "pdf";
    case MapFormat::svg: return "svg";
    case MapFormat::png: return "png";
  }
  return "pdf";
}

MapFormat map_format_from_string(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (n == "pdf") return MapFormat::pdf;
  if (n == "svg") return MapFormat::svg;
  if (n == "png") return MapFormat::png;
  throw UsageError("unknown map format '" + name + "'; use pdf, svg or png");
}

RenderedMap render_map_bytes(const MapLayers& layers, const MapStyle& style, MapFormat format,
                             const RenderOptions& options) {
  require_cjk_font(style.font_family);
  if (style.show_furniture) require_cjk_font(style.title_font_family);
  check_inputs(layers);

  RenderedMap out;
  RenderSummary& summary = out.summary;
  summary.format = format;

  render::BodyInput body = body_input(layers, style, summary.warnings);
  const Envelope extent = map_extent(layers, style, options, body);
  const render::ProjectionInfo projection = projection_at_centre(layers, extent, summary);
  const render::PageLayout page = lay_out_page(layers, style, projection, summary);

  double denominator = 0.0;
  MapTransform transform =
      render::fit_extent(extent, page.map_area, projection.metres_per_unit,
                         style.round_scale && style.show_furniture, denominator);
  transform.page_width_pt = page.width_pt;
  transform.page_height_pt = page.height_pt;
  transform.px_per_pt = format == MapFormat::png ? style.dpi / 72.0 : 1.0;
  summary.scale_denominator = denominator;
  summary.transform = transform;

  render::SurfacePtr surface = create_surface(format, style, page, transform.px_per_pt, out.bytes);
  {
    render::CairoPtr cr(cairo_create(surface.get()));
    if (format == MapFormat::png) cairo_scale(cr.get(), transform.px_per_pt, transform.px_per_pt);
    RenderContext ctx{cr.get(), style, layers, page, transform, projection, {}, {}, {}, summary};
    draw_everything(ctx, body);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      throw InternalError(std::string("drawing the map failed: ") +
                          cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  finish_surface(surface.get(), format, out.bytes);
  return out;
}

std::string render_map_svg(const MapLayers& layers, const MapStyle& style,
                           const RenderOptions& options) {
  return render_map_bytes(layers, style, MapFormat::svg, options).bytes;
}

std::string render_map_png(const MapLayers& layers, const MapStyle& style,
                           const RenderOptions& options) {
  return render_map_bytes(layers, style, MapFormat::png, options).bytes;
}

}  // namespace reserve
