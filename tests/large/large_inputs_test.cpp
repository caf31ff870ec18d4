// Large inputs (run by `make large`, not by `make test`): a catalogue document
// of about 1 GB, a case log of 10^7 rows read in chunks, and a calendar of
// 5,000 years. Each works within the memory docs/errors.md states, in time
// linear in its size.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <streambuf>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/report.hpp"

namespace onetrip {
namespace {

// The peak resident memory of the process so far, in bytes.
// The process's peak resident size (VmHWM), in bytes.
double peak_rss() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) * 1024.0;  // "VmHWM:  123456 kB"
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

// The process's peak so far is forgotten (Linux: writing 5 to clear_refs resets
// VmHWM to the current size), so that a test's peak is its own and not that of
// an earlier test in the same process.
double reset_peak_rss() {
  std::ofstream("/proc/self/clear_refs") << "5";
  return peak_rss();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A catalogue document of `matters` matters: the halls, departments and
// materials of a generated catalogue, then matters written out one by one.
std::string big_catalogue(int64_t matters) {
  GeneratorOptions options;
  options.matters = 1;
  const Catalog small = *generate_catalog(options);
  std::string text = small.save_json();
  const size_t at = text.find("\"matters\": [");
  text.resize(at);
  text.reserve(static_cast<size_t>(matters) * 440 + at + 64);
  text += "\"matters\": [\n";
  for (int64_t i = 0; i < matters; ++i) {
    const int d = static_cast<int>(i % 32);
    absl::StrAppendFormat(
        &text,
        "    {\"code\": \"M%09d\", \"name\": \"大批量事项之%d\", \"department\": \"d%d\", \"kind\": \"行政许可\", "
        "\"project_type\": \"promised\", \"anticipate_day\": 20, \"promise_day\": %d, \"fee\": %d,\n"
        "     \"materials\": [\"m%d\", \"m%d\", {\"material\": \"m%d\", \"original\": true}], \"online\": "
        "\"pre_review\", "
        "\"is_express\": %s, \"limit_scene_num\": 1, \"note\": "
        "\"用于检验大文件的载入：内存与时间都应与规模成正比。\"}%s\n",
        i, i, d, 1 + i % 15, i % 3 == 0 ? 50 : 0, i % 400, (i + 7) % 400, (i + 13) % 400, i % 2 ? "true" : "false",
        i + 1 < matters ? "," : "");
  }
  text += "  ],\n  \"bundles\": []\n}\n";
  return text;
}

TEST(LargeInputs, AGigabyteCatalogueLoadsWithinItsMemory) {
  const int64_t matters = 2'500'000;
  const std::string text = big_catalogue(matters);
  ASSERT_GT(text.size(), 1'000'000'000u);
  const double before = reset_peak_rss();
  const auto start = std::chrono::steady_clock::now();
  auto catalog = Catalog::load_json(text);
  const double took = seconds_since(start);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  ASSERT_EQ(catalog->matters().size(), static_cast<size_t>(matters));
  const double per_matter = (peak_rss() - before) / static_cast<double>(matters);
  std::printf("%.2f GB in %.1f s (%.0f MB/s); peak beyond the text: %.0f bytes per matter\n",
              static_cast<double>(text.size()) / 1e9, took, static_cast<double>(text.size()) / 1e6 / took, per_matter);
  EXPECT_LT(per_matter, 1536.0);  // docs/errors.md: at most 1.5 KiB per matter beyond the text while loading
}

// A stream that only counts what it is given.
class CountingBuffer : public std::streambuf {
 public:
  size_t count = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count += static_cast<size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++count;
    return c;
  }
};

TEST(LargeInputs, AMillionMatterCatalogueIsSavedAsAStream) {
  // Issue 13 item 12: `generate --matters 10^6` peaked at 2.8 GB for 417 MB of
  // output, the whole document held as a JSON tree and then as text.
  GeneratorOptions options;
  options.matters = 1'000'000;
  auto catalog = generate_catalog(options);
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  const double before = reset_peak_rss();
  CountingBuffer counter;
  std::ostream out(&counter);
  ASSERT_TRUE(catalog->write_json(out).ok());
  const double grown = peak_rss() - before;
  std::printf("%.0f MB written; peak grew by %.1f MB\n", static_cast<double>(counter.count) / 1e6, grown / 1e6);
  EXPECT_GT(counter.count, 300'000'000u);
  EXPECT_LT(grown, 64e6);  // a buffer and one element at a time, not the document
}

TEST(LargeInputs, EightThousandSingleMatterReformsOnAMillionMatters) {
  // Issue 13 item 12: applying 8,000 single-matter reforms to 10^6 matters took
  // 21.5 s (each reform scanned every matter). A reform naming its matters
  // finds them by code, and the reformed catalogue shares every matter no
  // reform touched: the peak grows by the edited matters, not by a copy of
  // the catalogue (~400 MB).
  GeneratorOptions options;
  options.matters = 1'000'000;
  auto base = generate_catalog(options);
  ASSERT_TRUE(base.ok()) << base.status();
  Scenario scenario;
  for (int i = 0; i < 8'000; ++i) {
    Reform r;
    r.kind = i % 2 ? ReformKind::kExpressDelivery : ReformKind::kTolerantAcceptance;
    r.target.matters = {base->matters()[static_cast<size_t>(i) * 125].code};
    scenario.reforms.push_back(std::move(r));
  }
  const double before = reset_peak_rss();
  const auto start = std::chrono::steady_clock::now();
  auto after = apply(*base, scenario);
  const double seconds = seconds_since(start);
  ASSERT_TRUE(after.ok()) << after.status();
  const double grown = peak_rss() - before;
  std::printf("8,000 reforms on 10^6 matters applied in %.2f s; peak grew by %.1f MB\n", seconds, grown / 1e6);
  EXPECT_LT(grown, 64e6);
  auto comparison = compare(*base, *after);
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  EXPECT_LE(comparison->matters_changed, 8'000);
}

TEST(LargeInputs, ProblemsAreCappedWhateverTheirNumber) {
  // Three million invalid halls: the report keeps 1,000 and counts the rest,
  // and the halls read after the 1,000th problem are not kept (memory stays
  // that of the text, not ~180 bytes per hall).
  std::string text = "{\"schema\": \"onetrip/1\", \"halls\": [";
  for (int i = 0; i < 3'000'000; ++i) absl::StrAppend(&text, i ? "," : "", "{\"id\":1}");
  text += "], \"departments\": [], \"matters\": []}";
  std::vector<Problem> problems;
  const double before = reset_peak_rss();
  auto catalog = Catalog::load_json(text, &problems);
  const double grown = peak_rss() - before;
  std::printf("%.0f MB of invalid halls; peak grew by %.1f MB\n", static_cast<double>(text.size()) / 1e6, grown / 1e6);
  // What the load may hold beyond the text: simdjson's index of the
  // document, 4 bytes per structural character ({"id":1}, is 9 bytes and 6
  // of them: 2.7 times the text, about 72 MB here), one padded copy of the
  // text when its end lies too near a page's end to be read in place, and
  // the 1,000 halls kept. The halls past them kept would add ~180 bytes
  // each: 20 times the text.
  EXPECT_LT(grown, 4.0 * static_cast<double>(text.size()));
  ASSERT_FALSE(catalog.ok());
  ASSERT_EQ(problems.size(), 1'001u);
  EXPECT_NE(problems.back().message.find("more problems not listed"), std::string::npos);
  EXPECT_LT(catalog.status().message().size(), 200'000u);
}

TEST(LargeInputs, TenMillionCaseRecordsInChunks) {
  const Calendar china = Calendar::china();
  MonthlyReport report(china);
  const std::string header = "case_id,matter,department,hall,kind,received,completed,fee,joint\n";
  const int64_t rows = 10'000'000, chunk = 250'000;
  const char* departments[] = {"住建", "公安", "市场监管", "人社", "国土", "环保", "交通", "卫计"};
  const auto start = std::chrono::steady_clock::now();
  const double before = reset_peak_rss();
  std::string text;
  for (int64_t first = 0; first < rows; first += chunk) {
    text = header;
    for (int64_t i = first; i < first + chunk; ++i) {
      const int day = 1 + static_cast<int>(i % 28);
      const bool done = i % 10 != 0;
      absl::StrAppendFormat(&text, "c%d,,%s,中心,%s,2017-07-%02d,%s,%s,%d\n", i, departments[i % 8],
                            i % 3 ? "promised" : "immediate", day, done ? absl::StrFormat("2017-07-%02d", day) : "",
                            i % 5 ? "" : "10", i % 50 == 0 ? 1 : 0);
    }
    ASSERT_TRUE(report.add_csv(text, /*strict=*/true).ok());
  }
  auto table = report.finish(2017, 7);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(report.cases(), rows);
  EXPECT_EQ(table->total.received_month, rows);
  EXPECT_EQ(table->total.completed_month, rows - rows / 10);
  const double grown = peak_rss() - before;
  std::printf("10^7 records in %.1f s; peak grew by %.0f MB (one chunk of text and the tallies)\n",
              seconds_since(start), grown / 1e6);
  EXPECT_LT(grown, 256e6);  // bounded by the chunk and the tallies, not by the number of records
}

TEST(LargeInputs, ACalendarOfFiveThousandYears) {
  std::string json = "[";
  for (int year = 1500; year < 6500; ++year) {
    absl::StrAppendFormat(
        &json, "%s{\"year\": %d, \"days\": [{\"name\": \"元旦\", \"date\": \"%d-01-01\", \"isOffDay\": true}]}",
        year == 1500 ? "" : ",", year, year);
  }
  json += "]";
  const double before = reset_peak_rss();
  auto calendar = Calendar::from_json(json);
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->coverage().first, Date(1500, 1, 1));
  EXPECT_EQ(calendar->coverage().last, Date(6499, 12, 31));
  // Across the whole span, in constant time: 5,000 years of about 260 working days.
  auto end = calendar->add_workdays(Date(1500, 1, 2), 1'000'000);
  ASSERT_TRUE(end.ok()) << end.status();
  auto counted = calendar->count_workdays(Date(1500, 1, 2), *end);
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(*counted, 1'000'000);
  EXPECT_LT(peak_rss() - before, 64e6);  // a table per day: 1.8 million days
}

}  // namespace
}  // namespace onetrip
