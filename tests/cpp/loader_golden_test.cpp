// The loaders' answers are a contract: every JSON document under tests/data,
// and a set of hand-made edge cases (nesting at the depth limit, duplicate
// keys, numbers at the edges, trailing text, unknown fields), is read by the
// catalogue, scenario and calendar loaders, and each answer (accepted, or the
// exact message and every problem with its path) must equal the one recorded
// in tests/data/golden/loaders.txt. The record was made with the nlohmann
// loaders before the move to simdjson; regenerate it only for an intended
// change: ONETRIP_UPDATE_GOLDEN=1 build/bin/onetrip_cpp_tests --gtest_filter='LoaderGolden*'.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/reform.hpp"

namespace onetrip {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The hand-made cases: the edges a parser change could move.
std::vector<std::pair<std::string, std::string>> edge_cases() {
  std::vector<std::pair<std::string, std::string>> cases;
  const std::string head = R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "H"}], )"
                           R"("departments": [{"id": "d", "name": "D", "halls": ["h"]}], )";
  const std::string matter = R"({"code": "A", "name": "a", "department": "d", "kind": "行政许可", )"
                             R"("project_type": "promised", "promise_day": 5)";
  const auto nested = [](int depth) {
    return std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']');
  };
  for (int depth : {60, 61, 62, 63, 64, 65}) {
    cases.push_back({"depth-top-" + std::to_string(depth), R"({"schema": "onetrip/1", "x": )" + nested(depth) + "}"});
    cases.push_back({"depth-matter-" + std::to_string(depth),
                     head + R"("matters": [)" + matter + R"(, "x": )" + nested(depth) + "}]}"});
    cases.push_back({"depth-element-" + std::to_string(depth), head + R"("matters": [)" + nested(depth) + "]}"});
  }
  cases.push_back({"depth-million", std::string(1'000'000, '[') + std::string(1'000'000, ']')});
  cases.push_back({"depth-million-element", head + R"("matters": [)" + nested(1'000'000) + "]}"});
  cases.push_back({"depth-million-unknown", head + R"("matters": [], "x": )" + nested(1'000'000) + "}"});
  cases.push_back({"duplicate-field", head + R"("matters": [)" + matter + R"(, "promise_day": 7, "name": 3}]})"});
  cases.push_back(
      {"duplicate-section", head + R"("matters": [)" + matter + R"(}], "halls": [{"id": "h2", "name": "H"}]})"});
  cases.push_back({"duplicate-section-twice", head + R"("matters": [)" + matter + R"(}], "matters": []})"});
  cases.push_back(
      {"sections-reordered",
       R"({"matters": [)" + matter +
           R"(}], "schema": "onetrip/1", )"
           R"("departments": [{"id": "d", "name": "D", "halls": ["h"]}], "halls": [{"id": "h", "name": "H"}]})"});
  cases.push_back({"unknown-fields", head + R"("zeta": 1, "matters": [)" + matter +
                                         R"(, "z": 1, "b": 2, "a": [1], "b": 3}], "alpha": {}})"});
  cases.push_back({"unknown-schema-deep", R"({"schema": "x", "matters": [)" + nested(70) + "]}"});
  cases.push_back({"unknown-schema-syntax", R"({"schema": "x", "matters": [{"a" 1}]})"});
  for (const char* fee : {"0", "12", "-3", "1000000000000", "1000000000001", "18446744073709551615",
                          "18446744073709551616", "99999999999999999999999", "12.5", "1e2", "1E400", "-0", "\"12.50\"",
                          "\"12.505\"", "true", "null", "[1]", "{}"}) {
    cases.push_back({std::string("fee-") + fee, head + R"("matters": [)" + matter + R"(, "fee": )" + fee + "}]}"});
  }
  for (const char* days :
       {"2147483647", "2147483648", "-1", "-9223372036854775808", "-9223372036854775809", "5.0", "\"5\""}) {
    cases.push_back({std::string("days-") + days,
                     head + R"("matters": [)" + matter + R"(, "site_inspection_days": )" + days + "}]}"});
  }
  cases.push_back({"trailing", head + R"("matters": []} x)"});
  cases.push_back({"trailing-object", head + R"("matters": []} {})"});
  cases.push_back({"empty", ""});
  cases.push_back({"spaces", "  \n "});
  cases.push_back({"nul", head + std::string("\"matters\": []}\0", 16)});
  cases.push_back({"nul-in-string", head + R"("matters": [)" + matter + std::string(", \"note\": \"a\0b\"}]}", 19)});
  cases.push_back({"escaped-nul", head + R"("matters": [)" + matter + R"(, "note": "a\u0000b"}]})"});
  cases.push_back({"bad-escape", head + R"("matters": [)" + matter + R"(, "note": "a\qb"}]})"});
  cases.push_back({"lone-surrogate", head + R"("matters": [)" + matter + R"(, "note": "\ud800"}]})"});
  cases.push_back({"invalid-utf8", head + R"("matters": [)" + matter + ", \"note\": \"\xC3\x28\"}]}"});
  cases.push_back({"control-char", head + R"("matters": [)" + matter + ", \"note\": \"a\tb\"}]}"});
  cases.push_back({"escaped-key", head + R"("matters": [)" + matter + R"(, "no\u0074e": "n"}]})"});
  cases.push_back({"unclosed", head + R"("matters": [)" + matter + "}"});
  cases.push_back({"comma", head + R"("matters": [)" + matter + "},]}"});
  cases.push_back({"missing-colon", head + R"("matters": [)" + matter + R"(, "note" "n"}]})"});
  cases.push_back({"root-array", "[1, 2]"});
  cases.push_back({"root-number", "3"});
  cases.push_back({"root-string", "\"onetrip/1\""});
  cases.push_back({"elements-not-objects", head + R"("matters": [1, "A", null, true, 2.5, []], "bundles": {}})"});
  cases.push_back(
      {"scenario",
       R"({"schema": "onetrip-scenario/1", "reforms": [{"reform": "fee", "fee": "1.5", "matters": ["A", 3]}, {"reform": "nope"}, 4]})"});
  cases.push_back(
      {"calendar",
       R"([{"year": 2020, "days": [{"date": "2020-01-01", "isOffDay": true, "name": "元旦"}, {"date": 3}]}, {"year": 2022.0, "days": []}, 5])"});
  return cases;
}

std::string answer(const absl::Status& status, const std::vector<Problem>& problems) {
  std::string out = status.ok() ? "accepted" : std::string(status.message());
  for (const Problem& p : problems) out += "\n  problem " + p.path + ": " + p.message;
  return out;
}

std::string record() {
  const std::filesystem::path root = std::filesystem::path(ONETRIP_SOURCE_DIR) / "tests" / "data";
  std::vector<std::pair<std::string, std::string>> documents;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      documents.push_back({std::filesystem::relative(entry.path(), root).generic_string(), read(entry.path())});
    }
  }
  std::sort(documents.begin(), documents.end());
  for (auto& c : edge_cases()) documents.push_back({"edge/" + c.first, std::move(c.second)});
  std::string out;
  for (const auto& [name, text] : documents) {
    std::vector<Problem> problems;
    const auto catalog = Catalog::load_json(text, &problems);
    out += "== " + name + " (catalogue)\n" + answer(catalog.status(), problems) + "\n";
    problems.clear();
    const auto scenario = load_scenario_json(text, &problems);
    out += "== " + name + " (scenario)\n" + answer(scenario.status(), problems) + "\n";
    const auto calendar = Calendar::from_json(text);
    out += "== " + name + " (calendar)\n" + answer(calendar.status(), {}) + "\n";
  }
  return out;
}

TEST(LoaderGolden, EveryDocumentGetsTheRecordedAnswer) {
  const std::filesystem::path golden =
      std::filesystem::path(ONETRIP_SOURCE_DIR) / "tests" / "data" / "golden" / "loaders.txt";
  const std::string now = record();
  if (const char* update = std::getenv("ONETRIP_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << now;
    GTEST_SKIP() << "recorded " << golden;
  }
  const std::string expected = read(golden);
  ASSERT_FALSE(expected.empty()) << golden << " is missing";
  // Compared document by document, so that a difference names its document.
  std::istringstream want(expected), got(now);
  std::string a, b;
  int line = 0;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(want, a));
    const bool more_b = static_cast<bool>(std::getline(got, b));
    ++line;
    if (!more_a && !more_b) break;
    ASSERT_EQ(a, b) << "line " << line << " of " << golden;
  }
}

}  // namespace
}  // namespace onetrip

// A file saved with a UTF-8 byte order mark reads as the same document.
TEST(LoaderBom, AByteOrderMarkIsNotPartOfTheDocument) {
  const std::string text =
      onetrip::Catalog::load_file(ONETRIP_SOURCE_DIR "/examples/yuyao-2017/catalog.json")->save_json();
  auto with_bom = onetrip::Catalog::load_json("\xEF\xBB\xBF" + text);
  ASSERT_TRUE(with_bom.ok()) << with_bom.status();
  EXPECT_EQ(with_bom->save_json(), text);
}
