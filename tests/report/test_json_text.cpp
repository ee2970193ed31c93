// report/json_text: compact section JSON re-indented as text must print exactly what nlohmann's
// dump(2) prints for the parsed value (the reference: the library the report used before,
// parse + dump(2)), at every nesting depth, including strings full of brackets and escapes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report/json_text.hpp"
#include "reserve/error.hpp"
#include "reserve/report.hpp"
#include "support/temp_dir.hpp"

namespace reserve {
namespace {

using nlohmann::json;

// What the report printed before: the value parsed and printed as a member `indent` deep
// (nested in objects of one key "k").
std::string reference(const json& value, int indent) {
  json wrapper = json::object();
  json* at = &wrapper;
  for (int d = 2; d < indent + 2; d += 2) at = &((*at)["k"] = json::object());
  *at = value;
  return wrapper.dump(2);
}

// The same wrapper printed with a placeholder that is replaced by the re-indented text.
std::string indented(const json& value, int indent) {
  json wrapper = json::object();
  json* at = &wrapper;
  for (int d = 2; d < indent + 2; d += 2) at = &((*at)["k"] = json::object());
  *at = "@";
  const std::string text = wrapper.dump(2);
  const std::size_t hole = text.find("\"@\"");
  std::string out = text.substr(0, hole);
  report::append_indented_json(value.dump(), indent, out);
  out += text.substr(hole + 3);
  return out;
}

json sample() {
  return json::parse(R"({
    "features": [
      {"id": "M-1", "name": "矿 \"山\" {[,:]}", "area_m2": 1234.5678901234567, "n": 3,
       "neg": -0.000012345, "big": 1e300, "tiny": 5e-324, "none": null, "yes": true,
       "no": false, "ctrl": "tab\there\nline\u0001\\back"},
      {"id": "M-2", "areas": [], "zones": {}, "nested": [[1, [2, []]], {"a": {"b": []}}]}
    ],
    "empty_list": [], "empty_obj": {}, "summary": {"features": 2, "changes": {"freed": 0}},
    "unicode": "\u00e9\u4e2d\ud83d\ude00"
  })");
}

TEST(JsonText, PrintsWhatParseAndDump2Print) {
  for (int indent : {0, 2, 4, 8}) {
    SCOPED_TRACE(indent);
    EXPECT_EQ(indented(sample(), indent), reference(sample(), indent));
  }
}

TEST(JsonText, ScalarsAndEmptyContainersAtTheTop) {
  for (const json& v : {json(1.5), json("x,]"), json(nullptr), json(-7), json::array(),
                        json::object(), json::array({json::array(), json::object()})}) {
    std::string out;
    EXPECT_TRUE(report::append_indented_json(v.dump(), 0, out));
    EXPECT_EQ(out, v.dump(2));
  }
}

// Valid JSON that dump() would print differently, and text that is not JSON: refused, `out`
// untouched (the report then parses the section as before).
TEST(JsonText, RefusesWhatDumpWouldNotPrint) {
  for (const char* text : {"{\"a\": 1}",
                           "[1, 2]",
                           "{\"b\":1,\"a\":2}",
                           "{\"a\":1,\"a\":2}",
                           "1.0E2",
                           "1e2",
                           "100",
                           "-0",
                           "01",
                           "1.50",
                           "[\"\\u00e9\"]",
                           "[\"\\/\"]",
                           "[\"\\u000a\"]",
                           "[\"\\u001F\"]",
                           "{\"\\n\":1}",
                           "[\"\xff\"]",
                           "[\"\xed\xa0\x80\"]",
                           "[\"tab\there\"]",
                           "[1,2",
                           "[1}",
                           "[\"open]",
                           "1,2",
                           "{1:2}",
                           "[1:2]",
                           "{\"a\"}",
                           "[,1]",
                           "[1,]",
                           "nul",
                           "[][]",
                           ""}) {
    SCOPED_TRACE(text);
    std::string out = "kept";
    // "100" is canonical: the integer 100 (the only one in the list that is accepted).
    const bool accepted = report::append_indented_json(text, 2, out);
    if (std::string(text) == "100") {
      EXPECT_TRUE(accepted);
      EXPECT_EQ(out, "kept100");
    } else {
      EXPECT_FALSE(accepted);
      EXPECT_EQ(out, "kept");
    }
  }
}

// The report as the code before printed it: each section's JSON parsed into the document.
std::string as_parsed_in(const Report& r) {
  json expected = json::parse(report_json(r));
  expected["extensions"] = json::object();
  for (const auto& s : r.sections)
    if (!s.json.empty()) expected["extensions"][s.id] = json::parse(s.json);
  return expected.dump(2) + "\n";
}

ReportSection section(const std::string& id, const std::string& text) {
  ReportSection s;
  s.id = id;
  s.json = text;
  return s;
}

std::string small_array() {
  return json::array({1, "two", json::object({{"3", json::array()}})}).dump();
}

// The whole report: a section's JSON spliced in as text gives the bytes of parsing it into the
// document (the previous code path, reproduced here with nlohmann-json directly).
TEST(JsonText, ReportJsonSplicesSectionsAsParsingWould) {
  Report r;
  r.sections = {section("conflicts", sample().dump()), section("suggestions", small_array()),
                section("markdown_only", ""),  // no JSON: not listed
                // the same id again: the later one wins, as with j[id] = parse(...)
                section("conflicts", json::object({{"again", true}}).dump())};
  EXPECT_EQ(report_json(r), as_parsed_in(r));
}

// Sections printed ahead (print_section_ahead, where a check makes them) give the same bytes;
// a section changed afterwards is printed afresh, not from the stale text.
TEST(JsonText, SectionsPrintedAheadGiveTheSameReport) {
  Report r;
  r.sections = {section("conflicts", sample().dump()), section("suggestions", small_array()),
                // not in dump() form: nothing printed ahead
                section("outside", "{ \"z\": [1.0E2] }")};
  const std::string expected = report_json(r);
  for (ReportSection& s : r.sections) print_section_ahead(s);
  EXPECT_FALSE(r.sections[0].printed.text.empty());
  EXPECT_FALSE(r.sections[1].printed.text.empty());
  EXPECT_TRUE(r.sections[2].printed.text.empty());
  EXPECT_EQ(report_json(r), expected);

  // The printed text is what the report holds while the section's JSON is unchanged …
  Report marked = r;
  marked.sections[1].printed.text = "[\"printed ahead\"]";
  EXPECT_NE(report_json(marked).find("\"suggestions\": [\"printed ahead\"]"), std::string::npos);
  // … and not once it changed.
  r.sections[0].json = json::object({{"changed", true}}).dump();
  EXPECT_EQ(report_json(r), as_parsed_in(r));
}

// report.json is written from the pieces of the printed report (report/report_pieces.hpp), not
// from one joined string: the file holds report_json's bytes, with sections printed ahead, plain
// and outside the dump() form.
TEST(JsonText, TheWrittenReportIsTheReportJsonText) {
  Report r;
  r.sections = {section("conflicts", sample().dump()), section("suggestions", small_array()),
                section("outside", "{ \"z\": [1.0E2] }")};
  print_section_ahead(r.sections[0]);
  test::TempDir dir;
  const auto written = write_reports(r, dir.path(), {ReportFormat::json});
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(test::read_file(written[0]), report_json(r));
  EXPECT_EQ(report_json(r), as_parsed_in(r));
}

Report one_section(const std::string& id, const std::string& text) {
  Report r;
  r.sections.push_back(ReportSection{id, "", "", text, "", "", {}});
  return r;
}

// Sections from outside the library may be any valid JSON text: printed as the parse prints it.
TEST(JsonText, ReportJsonParsesSectionsNotInDumpForm) {
  const Report r = one_section("outside", "{ \"z\": [1.0E2, \"\\u00e9\"], \"a\": {\"\\n\": -0} }");
  EXPECT_EQ(report_json(r), as_parsed_in(r));
}

TEST(JsonText, ReportJsonNamesTheSectionWithBrokenJson) {
  const Report r = one_section("broken", "{\"a\":[1,2}");
  try {
    report_json(r);
    FAIL() << "no error";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("broken"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace reserve
