// Each rule parameter declares its default and unit once (ParamSpec); docs/profiles.md must list
// the same parameters with the same default and unit for every rule of the standard registry.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "reserve/rules.hpp"

namespace reserve {
namespace {

std::string read_doc() {
  std::ifstream in(std::string(RESERVE_SOURCE_DIR) + "/docs/profiles.md");
  EXPECT_TRUE(in) << "docs/profiles.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string strip(std::string s) {
  std::string out;
  for (char c : s)
    if (c != '`') out += c;
  const auto a = out.find_first_not_of(' ');
  const auto b = out.find_last_not_of(' ');
  return a == std::string::npos ? "" : out.substr(a, b - a + 1);
}

// The rows of the parameter table in the section "#### `id`": param → {default, unit}.
std::map<std::string, std::pair<std::string, std::string>> documented(const std::string& doc,
                                                                      const std::string& id) {
  std::map<std::string, std::pair<std::string, std::string>> rows;
  const auto start = doc.find("#### `" + id + "`");
  if (start == std::string::npos) return rows;
  const auto end = doc.find("\n###", start + 1);
  std::istringstream section(doc.substr(start, end - start));
  std::string line;
  while (std::getline(section, line)) {
    if (line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream cols(line.substr(1));
    std::string cell;
    while (std::getline(cols, cell, '|')) cells.push_back(strip(cell));
    if (cells.size() >= 5) rows[cells[0]] = {cells[2], cells[3]};
  }
  return rows;
}

std::string default_text(const std::optional<ParamValue>& v) {
  if (!v) return "—";
  if (const bool* b = std::get_if<bool>(&*v)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&*v)) return fmt::format("{}", *d);
  if (const std::string* s = std::get_if<std::string>(&*v)) return "\"" + *s + "\"";
  return "(unsupported default type)";
}

TEST(ParamDocs, ProfilesMdListsEachDeclaredParameterWithItsDefaultAndUnit) {
  const std::string doc = read_doc();
  const RuleRegistry registry = RuleRegistry::standard();
  for (const auto& id : registry.ids()) {
    const RuleDefinition* def = registry.find(id);
    ASSERT_NE(def, nullptr) << id;
    const auto rows = documented(doc, id);
    EXPECT_EQ(rows.size(), def->params.size()) << "parameters of " << id << " in docs/profiles.md";
    for (const auto& spec : def->params) {
      const auto it = rows.find(spec.name);
      if (it == rows.end()) {
        ADD_FAILURE() << id << ": parameter " << spec.name << " is not in docs/profiles.md";
        continue;
      }
      EXPECT_EQ(it->second.first, default_text(spec.default_value)) << id << "." << spec.name;
      EXPECT_EQ(it->second.second, spec.unit ? to_string(*spec.unit) : "—")
          << id << "." << spec.name;
    }
  }
}

}  // namespace
}  // namespace reserve
