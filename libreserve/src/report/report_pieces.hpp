#pragma once
// A printed report as pieces of text in order: what the report holds is written one piece after
// the other (report.json of a large reserve is tens of MB; a section printed ahead is referred to,
// not copied into one more string). Private to the library.
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "reserve/report.hpp"

namespace reserve::report {

class ReportPieces {
 public:
  // Keeps `text` alive as long as the pieces, without listing it; returns it.
  const std::string& keep(std::string text) { return kept_.emplace_back(std::move(text)); }
  // Lists `text` as the next piece (kept alive here).
  void own(std::string text) { refer(keep(std::move(text))); }
  // Lists a view as the next piece: its text must outlive the pieces.
  void refer(std::string_view text) { views_.push_back(text); }

  const std::vector<std::string_view>& views() const { return views_; }
  std::string joined() const {
    std::size_t n = 0;
    for (std::string_view v : views_) n += v.size();
    std::string out;
    out.reserve(n);
    for (std::string_view v : views_) out += v;
    return out;
  }

 private:
  std::deque<std::string> kept_;  // a deque: its strings stay where they are as it grows
  std::vector<std::string_view> views_;
};

}  // namespace reserve::report

namespace reserve {

// report_json's text as pieces that refer to `report` (which must outlive them).
report::ReportPieces report_json_pieces(const Report& report);

// report.json written atomically from its pieces: the bytes of report_json(report).
void write_report_json(const Report& report, const std::string& path);

}  // namespace reserve
