// A province layer's reserves: grouped by name, outlined in parallel, zonings held or streamed.
#include "province/reserve_zonings.hpp"

#include "geom/vertex_count.hpp"
#include "io/layer_reading.hpp"
#include "province/parallel.hpp"
#include "province/reserve_layers.hpp"
#include "reserve/area.hpp"

namespace reserve::province {
namespace {

// Capacity = size for every ring: outlines built by push_back carry up to twice their points.
void fit_capacity(MultiPolygon& shape) {
  shape.polygons.shrink_to_fit();
  for (auto& p : shape.polygons) {
    p.outer.shrink_to_fit();
    p.holes.shrink_to_fit();
    for (auto& h : p.holes) h.shrink_to_fit();
  }
}

}  // namespace

ZoningLayer read_zoning_layer(const std::string& path, const ReadOptions& read, bool stream,
                              std::size_t whole_vertices) {
  ZoningLayer z;
  z.path = path;
  z.read = read;
  z.streamed = stream && io::can_read_by_fid(path);
  if (!z.streamed) {
    z.layer = read_layer(path, read);
    z.whole = true;
    for (const auto& f : z.layer.features) z.extent.expand(envelope_of(f.geometry));
    return z;
  }
  std::vector<Feature> rows;
  std::size_t vertices = 0;
  z.whole = true;
  z.layer = io::read_layer_rows(path, read, [&](const Layer&, Feature&& f, std::int64_t fid) {
    z.extent.expand(envelope_of(f.geometry));
    if (z.whole) {
      vertices += geom::vertex_count(f.geometry);
      if (vertices > whole_vertices) {
        z.whole = false;  // a province: every geometry is read back by FID when needed
        for (auto& kept : rows) kept.geometry = Geometry{};
      }
    }
    if (!z.whole) f.geometry = Geometry{};
    rows.push_back(std::move(f));
    z.fids.push_back(fid);
  });
  z.layer.features = std::move(rows);
  return z;
}

ReserveZonings::ReserveZonings(ZoningLayer layer, const std::string& field, ZoningOptions options,
                               ZoningSource source, AreaMethod method, unsigned jobs)
    : layer_(std::move(layer)), options_(std::move(options)), source_(std::move(source)) {
  std::vector<Layer> held;  // not streamed: each reserve's rows, until its zoning is built
  std::vector<std::string> names;
  if (layer_.streamed) {
    for (const auto& [name, rows] : rows_by_reserve(layer_.layer, field)) {
      names.push_back(name);
      fids_.emplace_back();
      for (std::size_t i : rows) fids_.back().push_back(layer_.fids[i]);
    }
    skipped_owners_.emplace(layer_.layer, field, names);
    names_ = names;
    layer_.layer.features = {};
    layer_.layer.skipped_rows = {};
    layer_.fids = {};
  } else {
    for (auto& [name, part] : split_by_reserve(std::move(layer_.layer), field)) {
      names.push_back(name);
      held.push_back(std::move(part));
    }
  }
  outlines_.resize(names.size());
  if (!layer_.streamed) zonings_.resize(names.size());
  parallel_for(names.size(), jobs, [&](std::size_t k) {
    Zoning z = build(layer_.streamed ? read_part(k) : std::move(held[k]));
    Outline& o = outlines_[k];
    o.name = names[k];
    o.shape = reserve_outline(z);
    fit_capacity(o.shape);  // held for the whole province: without the growth slack
    o.box = envelope_of(o.shape);
    o.area_m2 = AreaCalculator(z.crs, method).area_m2(o.shape);
    if (k == 0) crs_ = z.crs;  // one working CRS for all
    if (!layer_.streamed) zonings_[k] = std::move(z);
  });
}

void ReserveZonings::drop_shapes() {
  for (auto& o : outlines_) o.shape = MultiPolygon{};
}

Zoning ReserveZonings::take(std::size_t k) {
  return layer_.streamed ? build(read_part(k)) : std::move(zonings_[k]);
}

Layer ReserveZonings::read_part(std::size_t k) const {
  std::unique_ptr<io::FidReader> reader;
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  if (!reader) reader = std::make_unique<io::FidReader>(layer_.path, layer_.read);
  Layer part = layer_.layer;  // metadata: fields, CRS, sha256 of the whole layer
  part.issues = skipped_owners_->issues_of(layer_.layer.issues, names_[k]);
  part.features = reader->read(fids_[k]);  // on error the reader is dropped, not given back
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(reader));
  return part;
}

Zoning ReserveZonings::build(Layer part) const {
  std::vector<std::pair<Layer, ZoningSource>> one;
  one.emplace_back(std::move(part), source_);
  return zoning_from_layers(one, options_);
}

}  // namespace reserve::province
