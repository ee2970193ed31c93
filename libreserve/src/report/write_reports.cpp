// The report bundle (report.json, report.md, report.html, evidence.gpkg).
#include <cstdio>
#include <filesystem>

#include "report/report_pieces.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {

std::vector<ReportFormat> parse_report_formats(const std::string& list) {
  std::vector<ReportFormat> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    std::string item =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) {
      ReportFormat f;
      if (item == "json") {
        f = ReportFormat::json;
      } else if (item == "md" || item == "markdown") {
        f = ReportFormat::markdown;
      } else if (item == "html") {
        f = ReportFormat::html;
      } else if (item == "gpkg") {
        f = ReportFormat::gpkg;
      } else {
        throw UsageError("unknown report format '" + item + "'; use json, md, html, gpkg");
      }
      bool seen = false;
      for (auto g : out) seen = seen || g == f;
      if (!seen) out.push_back(f);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) throw UsageError("no report format given; use json, md, html, gpkg");
  return out;
}

std::vector<std::string> write_reports(const Report& report, const std::string& directory,
                                       const std::vector<ReportFormat>& formats) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec || !fs::is_directory(directory))
    throw InputError("cannot create the output directory " + directory + ": " + ec.message());
  std::vector<std::string> written;
  for (ReportFormat f : formats) {
    const fs::path dir(directory);
    switch (f) {
      case ReportFormat::json: {
        const std::string p = (dir / "report.json").string();
        write_report_json(report, p);  // report/report_pieces.hpp
        written.push_back(p);
        break;
      }
      case ReportFormat::markdown: {
        const std::string p = (dir / "report.md").string();
        write_file_atomic(p, report_markdown(report));
        written.push_back(p);
        break;
      }
      case ReportFormat::html: {
        const std::string p = (dir / "report.html").string();
        write_file_atomic(p, report_html(report));
        written.push_back(p);
        break;
      }
      case ReportFormat::gpkg: {
        const std::string p = (dir / "evidence.gpkg").string();
        write_evidence_gpkg(report, p);
        written.push_back(p);
        break;
      }
    }
  }
  return written;
}

}  // namespace reserve
