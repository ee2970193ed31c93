// Atomic writes and the report bundle (report.json, report.md, report.html, evidence.gpkg).
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "report/atomic_path.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"

namespace reserve {
namespace report {

namespace fs = std::filesystem;

std::string temporary_path_for(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const fs::path p(path);
  const std::string stem = p.stem().string();
  const std::string name = "." + stem + ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++) + p.extension().string();
  return (p.parent_path() / name).string();
}

void commit_temporary(const std::string& tmp, const std::string& path) {
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw InputError("cannot move " + tmp + " to " + path + ": " + ec.message());
}

TemporaryFile::~TemporaryFile() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove(path_, ec);  // best effort: the error that brought us here matters more
  fs::remove(path_ + "-journal", ec);
  fs::remove(path_ + "-wal", ec);
  fs::remove(path_ + "-shm", ec);
}

}  // namespace report

void write_file_atomic(const std::string& path, const std::string& content) {
  // Users name output files in folders that do not exist yet (--map out/map.png): make them.
  const report::fs::path parent = report::fs::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code ec;
    report::fs::create_directories(parent, ec);
    if (ec) throw InputError("cannot create the folder " + parent.string() + ": " + ec.message());
  }
  const std::string tmp = report::temporary_path_for(path);
  report::TemporaryFile guard(tmp);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw InputError("cannot write " + path +
                       "; check that the directory exists and is writable");
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) throw InputError("cannot write " + path + " (disk full?)");
  }
  report::commit_temporary(tmp, path);
  guard.release();
}

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
        write_file_atomic(p, report_json(report));
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
