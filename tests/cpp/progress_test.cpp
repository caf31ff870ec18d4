// Progress and cancellation of the long calls (onetrip/progress.hpp): every
// phase starts at 0 and ends at its total, goes forward, is reported on the
// calling thread a bounded number of times, and cancelling returns CANCELLED
// and changes nothing the caller holds.
#include "onetrip/progress.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/report.hpp"

namespace onetrip {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Call {
  int64_t done, total;
  std::string phase;
};

// Records every call; cancels at the `cancel_at`-th call (from 0) when set.
class Recorder {
 public:
  explicit Recorder(int cancel_at = -1) : cancel_at_(cancel_at) {}
  ProgressCallback callback() {
    return [this](int64_t done, int64_t total, std::string_view phase) {
      if (std::this_thread::get_id() != caller_) off_thread_ = true;
      calls.push_back({done, total, std::string(phase)});
      return static_cast<int>(calls.size()) - 1 == cancel_at_ ? ProgressAction::kCancel : ProgressAction::kContinue;
    };
  }
  // The phases in the order they started.
  std::vector<std::string> phases() const {
    std::vector<std::string> out;
    for (const Call& c : calls) {
      if (out.empty() || out.back() != c.phase) out.push_back(c.phase);
    }
    return out;
  }
  // Each phase: starts at 0, ends at its total, never goes back, total fixed.
  void expect_well_formed() const {
    EXPECT_FALSE(off_thread_) << "a progress call came from another thread than the caller's";
    std::map<std::string, std::vector<Call>> by_phase;
    for (const Call& c : calls) by_phase[c.phase].push_back(c);
    for (const auto& [phase, seq] : by_phase) {
      ASSERT_FALSE(seq.empty());
      EXPECT_EQ(seq.front().done, 0) << phase;
      EXPECT_EQ(seq.back().done, seq.back().total) << phase;
      for (size_t i = 1; i < seq.size(); ++i) {
        EXPECT_GT(seq[i].done, seq[i - 1].done) << phase;  // forward, each figure said once
        EXPECT_EQ(seq[i].total, seq[0].total) << phase;
      }
      // About 256 reports a phase at most (plus the start, the end and the
      // waits of a threaded phase), whatever its size: the hot loops are not slowed.
      EXPECT_LE(seq.size(), 600u) << phase;
    }
  }
  std::vector<Call> calls;

 private:
  int cancel_at_;
  std::thread::id caller_ = std::this_thread::get_id();
  bool off_thread_ = false;
};

Catalog generated(int64_t matters, const ProgressCallback& progress = {}) {
  GeneratorOptions options;
  options.matters = matters;
  options.seed = 7;
  options.progress = progress;
  auto c = generate_catalog(options);
  EXPECT_TRUE(c.ok()) << c.status();
  return *std::move(c);
}

TEST(Progress, GeneratorPhasesAndCancel) {
  Recorder rec;
  const Catalog with = generated(30000, rec.callback());
  rec.expect_well_formed();
  EXPECT_THAT(rec.phases(), ElementsAre("matters", "bundles", "check"));
  EXPECT_EQ(rec.calls.front().total, 30000);
  EXPECT_GT(rec.calls.size(), 6u);                            // reported along the way, not only at the ends
  EXPECT_EQ(with.save_json(), generated(30000).save_json());  // the same catalogue as without progress

  for (int at : {0, 3, static_cast<int>(rec.calls.size()) - 1}) {
    Recorder cancel(at);
    GeneratorOptions options;
    options.matters = 30000;
    options.progress = cancel.callback();
    auto c = generate_catalog(options);
    ASSERT_EQ(c.status().code(), absl::StatusCode::kCancelled) << at;
    EXPECT_THAT(c.status().message(), HasSubstr("cancelled by the progress callback"));
    EXPECT_EQ(static_cast<int>(cancel.calls.size()), at + 1) << "no call after the cancel";
  }
}

TEST(Progress, LoadReadsBytesThenChecks) {
  const std::string json = generated(20000).save_json();
  Recorder rec;
  std::vector<Problem> problems;
  auto loaded = Catalog::load_json(json, &problems, rec.callback());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  rec.expect_well_formed();
  EXPECT_THAT(rec.phases(), ElementsAre("read", "check"));
  EXPECT_EQ(rec.calls.front().total, static_cast<int64_t>(json.size()));
  EXPECT_GT(rec.calls.size(), 10u);
  EXPECT_EQ(loaded->save_json(), json);

  for (int at : {0, 5, static_cast<int>(rec.calls.size()) - 1}) {
    Recorder cancel(at);
    std::vector<Problem> none;
    auto c = Catalog::load_json(json, &none, cancel.callback());
    EXPECT_EQ(c.status().code(), absl::StatusCode::kCancelled) << at;
    EXPECT_TRUE(none.empty());
  }
  // A document whose sections come in another order is read whole: still reported.
  Recorder whole;
  const std::string reordered = absl::StrCat(R"({"matters": [], "schema": "onetrip/1", "halls": [], )",
                                             R"("departments": [], "materials": [], "bundles": []})");
  ASSERT_TRUE(Catalog::load_json(reordered, nullptr, whole.callback()).ok());
  whole.expect_well_formed();
}

TEST(Progress, EvaluateOnThreadsReportsOnTheCallingThread) {
  const Catalog c = generated(40000);
  EvaluationOptions plain;
  plain.threads = 2;
  auto expected = evaluate_catalog(c, plain);
  ASSERT_TRUE(expected.ok());
  Recorder rec;
  EvaluationOptions options = plain;
  options.progress = rec.callback();
  auto got = evaluate_catalog(c, options);
  ASSERT_TRUE(got.ok()) << got.status();
  rec.expect_well_formed();
  EXPECT_THAT(rec.phases(), ElementsAre("matters", "bundles"));
  EXPECT_EQ(got->matter_trips, expected->matter_trips);
  EXPECT_EQ(got->bundle_workdays, expected->bundle_workdays);

  Recorder cancel(1);
  options.progress = cancel.callback();
  auto stopped = evaluate_catalog(c, Calendar::china(), options);
  EXPECT_EQ(stopped.status().code(), absl::StatusCode::kCancelled);
  EXPECT_THAT(stopped.status().message(), HasSubstr("(matters)"));
}

TEST(Progress, CompareAndApply) {
  const Catalog base = generated(20000);
  Scenario scenario;
  Reform express;
  express.kind = ReformKind::kExpressDelivery;
  scenario.reforms = {express, express};
  Recorder applied;
  auto after = apply(base, scenario, nullptr, applied.callback());
  ASSERT_TRUE(after.ok()) << after.status();
  applied.expect_well_formed();
  EXPECT_THAT(applied.phases(), ElementsAre("reforms", "check"));
  EXPECT_EQ(applied.calls.front().total, 2);
  Recorder apply_cancel(1);
  EXPECT_EQ(apply(base, scenario, nullptr, apply_cancel.callback()).status().code(), absl::StatusCode::kCancelled);

  Recorder rec;
  CompareOptions options;
  options.progress = rec.callback();
  auto comparison = compare(base, *after, {}, options);
  ASSERT_TRUE(comparison.ok()) << comparison.status();
  rec.expect_well_formed();
  EXPECT_THAT(rec.phases(),
              ElementsAre("before matters", "before bundles", "after matters", "after bundles", "compare"));
  EXPECT_EQ(comparison->matters_changed, compare(base, *after)->matters_changed);
  Recorder cancel(static_cast<int>(rec.calls.size()) - 2);  // in the last phase
  options.progress = cancel.callback();
  EXPECT_EQ(compare(base, *after, {}, options).status().code(), absl::StatusCode::kCancelled);
}

std::string case_log(int rows) {
  std::string log = "case_id,matter,department,hall,kind,received,completed,fee,joint\n";
  for (int i = 0; i < rows; ++i) {
    absl::StrAppend(&log, "c", i, ",,w", i % 37, ",中心,", i % 3 ? "promised" : "immediate", ",2017-07-0", 3 + i % 5,
                    i % 4 ? ",2017-07-10" : ",", ",", i % 7, ",0\n");
  }
  return log;
}

TEST(Progress, ReportCancelledLeavesTheReportAsItWas) {
  const Calendar china = Calendar::china();
  const std::string first = case_log(100);
  const std::string big = case_log(200000);
  for (bool strict : {false, true}) {
    MonthlyReport report(china);
    ASSERT_TRUE(report.add_csv(first).ok());
    const std::string state = report.save_state();
    Recorder rec;
    MonthlyReport whole(china);
    ASSERT_TRUE(whole.add_csv(big, strict, nullptr, rec.callback()).ok());
    rec.expect_well_formed();
    EXPECT_THAT(rec.phases(), ElementsAre("read"));
    EXPECT_EQ(rec.calls.back().total, static_cast<int64_t>(big.size()));
    EXPECT_EQ(whole.cases(), 200000);

    Recorder cancel(static_cast<int>(rec.calls.size()) / 2);
    std::vector<Problem> problems;
    const absl::Status s = report.add_csv(big, strict, &problems, cancel.callback());
    EXPECT_EQ(s.code(), absl::StatusCode::kCancelled) << s;
    EXPECT_EQ(report.save_state(), state) << "strict " << strict;
    EXPECT_EQ(report.cases(), 100);
    EXPECT_TRUE(problems.empty());
    // And it goes on as if the cancelled call had not been made.
    ASSERT_TRUE(report.add_csv(first).ok());
    MonthlyReport twice(china);
    ASSERT_TRUE(twice.add_csv(first).ok());
    ASSERT_TRUE(twice.add_csv(first).ok());
    EXPECT_EQ(report.save_state(), twice.save_state());
  }
}

TEST(Progress, ReportColumnsCancelled) {
  const size_t n = 50000;
  std::vector<std::string_view> halls = {"中心"}, kinds = {"immediate", "promised"}, windows = {"w0", "w1", "w2"};
  std::vector<int32_t> hall(n, 0), kind(n), window(n);
  std::vector<EpochDay> received(n, to_epoch_day(Date(2017, 7, 3)));
  for (size_t i = 0; i < n; ++i) {
    kind[i] = static_cast<int32_t>(i % 2);
    window[i] = static_cast<int32_t>(i % 3);
  }
  CaseColumns c;
  c.rows = n;
  c.hall = {hall, halls};
  c.kind = {kind, kinds};
  c.department = {window, windows};
  c.received = received;
  MonthlyReport report(Calendar::china());
  Recorder rec;
  ASSERT_TRUE(report.add_columns(c, false, nullptr, rec.callback()).ok());
  rec.expect_well_formed();
  EXPECT_THAT(rec.phases(), ElementsAre("rows"));
  const std::string state = report.save_state();
  Recorder cancel(3);
  EXPECT_EQ(report.add_columns(c, false, nullptr, cancel.callback()).code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(report.save_state(), state);
  EXPECT_EQ(report.cases(), static_cast<int64_t>(n));
}

}  // namespace
}  // namespace onetrip
