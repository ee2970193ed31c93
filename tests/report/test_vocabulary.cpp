// The vocabulary of the reports has one string table per enum (reserve/rules.hpp, issue.hpp), and
// the documentation lists exactly those strings: docs/report-schema.json and docs/issue-codes.md
// are checked against the tables here, so neither can drift from the other.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "reserve/features.hpp"
#include "reserve/issue.hpp"
#include "reserve/rules.hpp"

namespace reserve {
namespace {

nlohmann::json schema() {
  std::ifstream in(std::string(RESERVE_SOURCE_DIR) + "/docs/report-schema.json");
  EXPECT_TRUE(in) << "docs/report-schema.json is missing";
  return nlohmann::json::parse(in);
}

std::set<std::string> enum_of(const nlohmann::json& property) {
  std::set<std::string> out;
  for (const auto& v : property.at("enum")) out.insert(v.get<std::string>());
  return out;
}

TEST(Vocabulary, SchemaListsExactlyTheMeasureUnitsTheCodeWrites) {
  std::set<std::string> table;
  for (MeasureUnit u : kMeasureUnits)
    EXPECT_TRUE(table.insert(to_string(u)).second) << to_string(u);
  EXPECT_EQ(enum_of(schema()["$defs"]["measure"]["properties"]["unit"]), table);
}

TEST(Vocabulary, SchemaListsExactlyTheEvidenceKindsTheCodeWrites) {
  std::set<std::string> table;
  for (EvidenceKind k : kEvidenceKinds) {
    EXPECT_TRUE(table.insert(to_string(k)).second) << to_string(k);
    EXPECT_EQ(evidence_kind_from_string(to_string(k)), k);  // the table reads back
  }
  EXPECT_EQ(enum_of(schema()["$defs"]["evidence"]["properties"]["kind"]), table);
  EXPECT_FALSE(evidence_kind_from_string("Removed"));  // spellings are exact
}

// docs/conflicts.md names every facility category id of the one table (features.hpp), and the
// table's strings read back.
TEST(Vocabulary, ConflictsDocNamesEveryFeatureCategory) {
  std::ifstream in(std::string(RESERVE_SOURCE_DIR) + "/docs/conflicts.md");
  ASSERT_TRUE(in) << "docs/conflicts.md is missing";
  const std::string doc{std::istreambuf_iterator<char>(in), {}};
  const auto start = doc.find("## Categories");
  ASSERT_NE(start, std::string::npos);
  const std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
  for (FeatureCategory c : all_categories()) {
    EXPECT_NE(section.find(std::string("`") + to_string(c) + "`"), std::string::npos)
        << to_string(c);
    EXPECT_EQ(category_from_string(to_string(c)), c);
  }
}

// docs/issue-codes.md has one table row per issue code: the first cell of each row, in
// backticks, is the code. The rows are exactly the codes of the one table (issue.hpp).
TEST(Vocabulary, IssueCodesDocListsExactlyTheCodesTheCodeWrites) {
  std::ifstream in(std::string(RESERVE_SOURCE_DIR) + "/docs/issue-codes.md");
  ASSERT_TRUE(in) << "docs/issue-codes.md is missing";
  std::set<std::string> documented;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| `", 0) != 0) continue;
    const auto end = line.find('`', 3);
    ASSERT_NE(end, std::string::npos) << line;
    EXPECT_TRUE(documented.insert(line.substr(3, end - 3)).second) << "listed twice: " << line;
  }
  std::set<std::string> table;
  for (IssueCode c : kIssueCodes) {
    EXPECT_TRUE(table.insert(to_string(c)).second) << to_string(c);
    EXPECT_EQ(issue_code_from_string(to_string(c)), c);  // the table reads back
  }
  EXPECT_EQ(documented, table);
  EXPECT_FALSE(issue_code_from_string("Zone-Overlap"));  // spellings are exact
  EXPECT_FALSE(issue_code_from_string("zone_overlap"));
}

}  // namespace
}  // namespace reserve
