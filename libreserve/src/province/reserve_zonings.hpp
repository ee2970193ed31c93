#pragma once
// One province zoning layer's reserves: their outlines (for matching and the cross-reserve
// overlaps) and, per reserve, the zoning its check needs. A layer read from a GDAL file is
// streamed: the first pass keeps each feature's attributes and FID, not its geometry; a reserve's
// zoning is built from its rows (read back by FID) once for the outline and again for the check,
// so memory follows the largest reserve. Otherwise (CSV, database) the zonings are held. Private.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "io/layer_reading.hpp"
#include "province/outlines.hpp"
#include "province/reserve_layers.hpp"
#include "reserve/io.hpp"
#include "reserve/zoning.hpp"

namespace reserve::province {

// A zoning layer as the first pass read it.
struct ZoningLayer {
  std::string path;
  ReadOptions read;
  bool streamed = false;
  // Every feature's geometry is held: the layer is read_layer(path, read), so a single check can
  // take it instead of reading the file again. Streamed layers hold geometry while it is small.
  bool whole = false;
  Layer layer;                     // streamed: every usable feature, attributes only (no geometry)
  std::vector<std::int64_t> fids;  // streamed: each feature's GDAL FID
  Envelope extent;                 // of every feature's geometry, layer CRS
};

// A streamed layer keeps its geometry (whole) up to this many vertices: a single reserve's zoning
// then needs no second read, while a province's is dropped (memory follows the largest reserve).
constexpr std::size_t kWholeLayerVertices = 1'000'000;

// Streams when `stream` and the path is a GDAL file (io::can_read_by_fid), else read_layer. A
// streamed layer stays whole up to `whole_vertices` vertices.
ZoningLayer read_zoning_layer(const std::string& path, const ReadOptions& read, bool stream,
                              std::size_t whole_vertices = kWholeLayerVertices);

// Both zoning layers of a province request and what they hold: `field` with n_before / n_after
// reserves (province mode), or nullopt for one reserve, with the reason and its name.
struct ProvinceLayers {
  ZoningLayer before, after;
  std::optional<ReserveField> field;
  std::size_t n_before = 0, n_after = 0;
  std::string single_reason;
  std::string single_name;
};

class ReserveZonings {
 public:
  // Groups the layer's rows by `field` (rows_by_reserve: by name) and builds every reserve's
  // zoning on `jobs` threads for its outline, measured by `method`.
  ReserveZonings(ZoningLayer layer, const std::string& field, ZoningOptions options,
                 ZoningSource source, AreaMethod method, unsigned jobs);
  const std::vector<Outline>& outlines() const noexcept { return outlines_; }
  const Crs& crs() const noexcept { return crs_; }  // the zonings' (working) CRS
  // Reserve k's zoning, as load_zoning would build it from a file of that reserve alone. Held:
  // handed over (once per reserve); streamed: built again from its rows. Thread-safe for
  // different k.
  Zoning take(std::size_t k);
  // Reserve k's outline shape, handed over (its name, box and area stay): for the overview map,
  // once matching and the overlaps no longer need it.
  MultiPolygon take_shape(std::size_t k) { return std::move(outlines_[k].shape); }
  // Frees every outline shape still held: a province's outlines are as large as its zonings and
  // would otherwise stay for the whole run (issue 11: memory follows the largest reserve).
  void drop_shapes();

 private:
  Zoning build(Layer part) const;
  Layer read_part(std::size_t k) const;  // streamed: reserve k's rows read back

  ZoningLayer layer_;  // path, options; its layer is the metadata (no features)
  ZoningOptions options_;
  ZoningSource source_;
  std::vector<std::vector<std::int64_t>> fids_;     // streamed: per reserve
  std::vector<std::string> names_;                  // streamed: per reserve
  std::optional<SkippedRowOwners> skipped_owners_;  // streamed: whose issue a skipped row is
  // Streamed: the layer opened once per worker, not once per read (opening a GeoPackage cost
  // more than reading a reserve). A worker takes an idle reader and gives it back.
  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<io::FidReader>> idle_readers_;
  std::vector<Zoning> zonings_;  // held
  std::vector<Outline> outlines_;
  Crs crs_;
};

}  // namespace reserve::province
