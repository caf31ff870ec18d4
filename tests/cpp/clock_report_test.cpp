// Case clocks (pauses, extensions, completion, warning levels, every event
// error) and the monthly report (month and year figures, carry-over, fees,
// pending, joint, on-time and overdue, merge, bad rows, strict mode).
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "onetrip/catalog.hpp"
#include "onetrip/clock.hpp"
#include "onetrip/report.hpp"

namespace onetrip {
namespace {

using ::testing::HasSubstr;

Date D(int y, int m, int d) { return Date(y, m, d); }
ClockEvent accepted(Date d, int limit) { return {ClockEventKind::kAccepted, d, limit}; }
ClockEvent received(Date d, int limit) { return {ClockEventKind::kReceived, d, limit}; }
ClockEvent notice(Date d) { return {ClockEventKind::kSupplementNotice, d}; }
ClockEvent paused(Date d) { return {ClockEventKind::kPaused, d, 0, PauseReason::kOther}; }
ClockEvent special(Date d, PauseReason kind, int notified) {
  return {ClockEventKind::kSpecialStarted, d, notified, kind};
}
ClockEvent special_ended(Date d) { return {ClockEventKind::kSpecialEnded, d}; }
ClockEvent issued(Date d) { return {ClockEventKind::kIssued, d}; }
ClockEvent resumed(Date d) { return {ClockEventKind::kResumed, d}; }
ClockEvent extended(Date d, int days) { return {ClockEventKind::kExtended, d, days}; }
ClockEvent completed(Date d) { return {ClockEventKind::kCompleted, d}; }

TEST(Clock, RunningPausedExtendedCompleted) {
  const Calendar china = Calendar::china();
  // Accepted Monday 3 July 2017, 20 working days: due 31 July.
  std::vector<ClockEvent> events = {accepted(D(2017, 7, 3), 20)};
  auto s = clock_state(events, china, D(2017, 7, 10));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->due, D(2017, 7, 31));
  EXPECT_EQ(s->elapsed, 5);
  EXPECT_EQ(s->remaining, 15);
  EXPECT_EQ(s->status, ClockStatus::kRunning);
  EXPECT_EQ(s->level, WarningLevel::kNormal);
  // A pause another law provides (中止) from 7 July to 12 July: 3 working days (10, 11, 12) do not count.
  // (Until the law's clock this was a 补正 pause; 补正 now comes before acceptance, 第三十二条.)
  events.push_back(paused(D(2017, 7, 7)));
  auto p = clock_state(events, china, D(2017, 7, 11));
  EXPECT_EQ(p->status, ClockStatus::kPaused);
  EXPECT_EQ(p->elapsed, 4);
  events.push_back(resumed(D(2017, 7, 12)));
  auto r = clock_state(events, china, D(2017, 7, 12));
  EXPECT_EQ(r->paused_days, 3);
  EXPECT_EQ(r->due, D(2017, 8, 3));
  EXPECT_EQ(r->elapsed, 4);
  // Yellow near the end, red on the last day, overdue after it.
  EXPECT_EQ(clock_state(events, china, D(2017, 7, 28))->level, WarningLevel::kYellow);
  EXPECT_EQ(clock_state(events, china, D(2017, 8, 3))->level, WarningLevel::kRed);
  auto late = clock_state(events, china, D(2017, 8, 4));
  EXPECT_EQ(late->status, ClockStatus::kOverdue);
  EXPECT_EQ(late->remaining, -1);
  // Extended by 10 (第四十二条), then completed in time.
  events.push_back(extended(D(2017, 7, 20), 10));
  events.push_back(completed(D(2017, 8, 10)));
  auto done = clock_state(events, china, D(2017, 9, 1));
  EXPECT_EQ(done->limit, 30);
  EXPECT_EQ(done->due, D(2017, 8, 17));
  EXPECT_EQ(done->status, ClockStatus::kCompletedOnTime);
  EXPECT_EQ(done->level, WarningLevel::kNormal);
  // As of a date before the completion, the completion has not happened.
  EXPECT_EQ(clock_state(events, china, D(2017, 8, 1))->status, ClockStatus::kRunning);
}

TEST(Clock, ImmediateCaseAndLateCompletion) {
  const Calendar china = Calendar::china();
  std::vector<ClockEvent> immediate = {accepted(D(2017, 7, 3), 0), completed(D(2017, 7, 3))};
  EXPECT_EQ(clock_state(immediate, china, D(2017, 7, 3))->status, ClockStatus::kCompletedOnTime);
  std::vector<ClockEvent> slow = {accepted(D(2017, 9, 29), 5), completed(D(2017, 10, 16))};
  auto s = clock_state(slow, china, D(2017, 10, 20));
  EXPECT_EQ(s->due, D(2017, 10, 12));  // 30 Sep, then 9-12 Oct across the holiday
  EXPECT_EQ(s->status, ClockStatus::kCompletedLate);
}

TEST(Clock, EventErrorsAreNamed) {
  const Calendar china = Calendar::china();
  const auto error = [&](std::vector<ClockEvent> events) {
    return std::string(clock_state(events, china, D(2017, 12, 31)).status().message());
  };
  EXPECT_THAT(error({}), HasSubstr("start with its receipt (received) or its acceptance"));
  EXPECT_THAT(error({paused(D(2017, 7, 3))}), HasSubstr("start with its receipt"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 5), resumed(D(2017, 7, 4))}), HasSubstr("resumed without a pause"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 5), paused(D(2017, 7, 4)), paused(D(2017, 7, 5))}),
              HasSubstr("already paused"));
  EXPECT_THAT(error({accepted(D(2017, 7, 5), 5), completed(D(2017, 7, 3))}), HasSubstr("before the previous event"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 5), completed(D(2017, 7, 4)), paused(D(2017, 7, 5))}),
              HasSubstr("after the decision"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 5), extended(D(2017, 7, 4), 0)}), HasSubstr("more than 0 working days"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 5), accepted(D(2017, 7, 4), 5)}), HasSubstr("a second acceptance"));
  EXPECT_THAT(error({received(D(2017, 7, 3), 5), completed(D(2017, 7, 4))}), HasSubstr("before the case was accepted"));
  EXPECT_EQ(clock_state(std::vector<ClockEvent>{accepted(D(2026, 12, 20), 20)}, china, D(2026, 12, 21)).status().code(),
            absl::StatusCode::kOutOfRange);
}

// 第三十二条: within 5 working days of receipt the body accepts or notifies
// everything to correct at once; without either the case is accepted on
// receipt; after a 补正 notice it is accepted when the corrected materials
// arrive, and the limit runs from then.
TEST(LawsClock, AcceptanceFollowsArticle32) {
  const Calendar china = Calendar::china();
  // Received Monday 3 July 2017 (limit 20); 5 working days end on Monday 10 July.
  const std::vector<ClockEvent> waiting = {received(D(2017, 7, 3), 20)};
  auto r = clock_state(waiting, china, D(2017, 7, 5));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, ClockStatus::kReceived);
  EXPECT_EQ(r->acceptance_due, D(2017, 7, 10));
  EXPECT_FALSE(r->due.has_value());
  // No decision by then: accepted on receipt, due 31 July as if accepted on 3 July.
  auto deemed = clock_state(waiting, china, D(2017, 7, 11));
  EXPECT_TRUE(deemed->deemed_accepted);
  EXPECT_EQ(deemed->accepted, D(2017, 7, 3));
  EXPECT_EQ(deemed->due, D(2017, 7, 31));
  // Accepted on 5 July, inside the 5 days: the limit runs from then (due 2 August).
  auto on_time = clock_state(std::vector<ClockEvent>{received(D(2017, 7, 3), 20), accepted(D(2017, 7, 5), 0)}, china,
                             D(2017, 7, 20));
  EXPECT_EQ(on_time->accepted, D(2017, 7, 5));
  EXPECT_EQ(on_time->due, D(2017, 8, 2));
  // Accepted on 14 July without a notice: too late to move the start, accepted on receipt.
  auto late = clock_state(std::vector<ClockEvent>{received(D(2017, 7, 3), 20), accepted(D(2017, 7, 14), 0)}, china,
                          D(2017, 7, 20));
  EXPECT_TRUE(late->deemed_accepted);
  EXPECT_EQ(late->due, D(2017, 7, 31));
  // 补正 notified on 7 July: the limit waits for the corrected materials (24 July), then runs 20 days.
  std::vector<ClockEvent> corrected = {received(D(2017, 7, 3), 20), notice(D(2017, 7, 7))};
  EXPECT_EQ(clock_state(corrected, china, D(2017, 7, 20))->status, ClockStatus::kAwaitingCorrection);
  corrected.push_back(accepted(D(2017, 7, 24), 0));
  auto after = clock_state(corrected, china, D(2017, 7, 25));
  EXPECT_EQ(after->accepted, D(2017, 7, 24));
  EXPECT_EQ(after->due, D(2017, 8, 21));
  EXPECT_EQ(after->supplement_notice, D(2017, 7, 7));
  EXPECT_EQ(after->paused_days, 0);  // not a pause after acceptance
  const auto error = [&](std::vector<ClockEvent> events) {
    return std::string(clock_state(events, china, D(2017, 12, 31)).status().message());
  };
  EXPECT_THAT(error({received(D(2017, 7, 3), 20), notice(D(2017, 7, 11))}), HasSubstr("第三十二条"));  // 6 days
  EXPECT_THAT(error({received(D(2017, 7, 3), 20), notice(D(2017, 7, 4)), notice(D(2017, 7, 5))}),
              HasSubstr("一次告知"));
  EXPECT_THAT(
      error({accepted(D(2017, 7, 3), 20), {ClockEventKind::kPaused, D(2017, 7, 4), 0, PauseReason::kSupplement}}),
      HasSubstr("补正 comes before acceptance"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), notice(D(2017, 7, 4))}), HasSubstr("第三十二条"));
}

// 第四十二条: one extension, of 10 working days (15 for a joint handling, or
// what another law sets), approved within the limit.
TEST(LawsClock, OneExtensionOfTheLawsLength) {
  const Calendar china = Calendar::china();
  std::vector<ClockEvent> events = {accepted(D(2017, 7, 3), 20), extended(D(2017, 7, 20), 10)};
  auto s = clock_state(events, china, D(2017, 7, 21));
  EXPECT_EQ(s->extension, 10);
  EXPECT_EQ(s->due, D(2017, 8, 14));
  const auto error = [&](std::vector<ClockEvent> e, ClockRules rules = {}) {
    return std::string(clock_state(e, china, D(2017, 12, 31), {}, rules).status().message());
  };
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), extended(D(2017, 7, 20), 5), extended(D(2017, 7, 21), 5)}),
              HasSubstr("extended once"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), extended(D(2017, 7, 20), 30)}), HasSubstr("第四十二条 allows 10"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), extended(D(2017, 8, 1), 10)}), HasSubstr("within the limit"));
  ClockRules joint;
  joint.extension_limit = 15;
  EXPECT_TRUE(clock_state(std::vector<ClockEvent>{accepted(D(2017, 7, 3), 45), extended(D(2017, 8, 1), 15)}, china,
                          D(2017, 8, 2), {}, joint)
                  .ok());
}

// 第四十五条: a special procedure is not a pause: recorded by kind with the
// time notified in writing, not counted in the limit, and waited for.
TEST(LawsClock, SpecialProceduresAreKeptApartFromTheLimit) {
  const Calendar china = Calendar::china();
  std::vector<ClockEvent> events = {accepted(D(2017, 7, 3), 20),
                                    special(D(2017, 7, 10), PauseReason::kExpertReview, 10)};
  auto running = clock_state(events, china, D(2017, 7, 12));
  EXPECT_EQ(running->status, ClockStatus::kSpecialProcedure);
  ASSERT_EQ(running->special_periods.size(), 1u);
  EXPECT_EQ(running->special_periods[0].kind, PauseReason::kExpertReview);
  EXPECT_EQ(running->special_periods[0].notified_days, 10);
  events.push_back(special_ended(D(2017, 7, 14)));  // 11-14 July: 4 working days not counted
  auto s = clock_state(events, china, D(2017, 7, 20));
  EXPECT_EQ(s->special_days, 4);
  EXPECT_EQ(s->paused_days, 0);
  EXPECT_EQ(s->due, D(2017, 8, 4));
  EXPECT_EQ(s->elapsed, 9);
  const auto error = [&](std::vector<ClockEvent> e) {
    return std::string(clock_state(e, china, D(2017, 12, 31)).status().message());
  };
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), special(D(2017, 7, 10), PauseReason::kExpertReview, 0)}),
              HasSubstr("notified to the applicant in writing"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), special(D(2017, 7, 10), PauseReason::kOther, 5)}),
              HasSubstr("听证、招标"));
  EXPECT_THAT(error({accepted(D(2017, 7, 3), 20), {ClockEventKind::kPaused, D(2017, 7, 4), 0, PauseReason::kTesting}}),
              HasSubstr("not a pause"));
}

// 第四十四条: the certificate is issued within 10 working days of the decision.
TEST(LawsClock, IssuingWithinTenWorkingDays) {
  const Calendar china = Calendar::china();
  std::vector<ClockEvent> events = {accepted(D(2017, 7, 3), 20), completed(D(2017, 7, 28)), issued(D(2017, 8, 11))};
  auto s = clock_state(events, china, D(2017, 9, 1));
  EXPECT_EQ(s->issue_due, D(2017, 8, 11));
  EXPECT_FALSE(s->issued_late);
  events.back() = issued(D(2017, 8, 14));
  EXPECT_TRUE(clock_state(events, china, D(2017, 9, 1))->issued_late);
  EXPECT_THAT(std::string(clock_state(std::vector<ClockEvent>{accepted(D(2017, 7, 3), 20), issued(D(2017, 7, 4))},
                                      china, D(2017, 9, 1))
                              .status()
                              .message()),
              HasSubstr("after the decision"));
}

// Asked before the case began: nothing used, the same in both forms (a fuzz find:
// the event form read a receipt day it never had).
TEST(Clock, AskedBeforeTheCaseBegan) {
  const Calendar china = Calendar::china();
  auto s = clock_state(std::vector<ClockEvent>{accepted(D(2017, 4, 3), 4)}, china, D(2017, 1, 30));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->status, ClockStatus::kRunning);
  EXPECT_EQ(s->remaining, 4);
  auto r = clock_state(std::vector<ClockEvent>{received(D(2017, 4, 3), 4)}, china, D(2017, 1, 30));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->status, ClockStatus::kReceived);
}

TEST(Clock, ColumnsAgreeWithEvents) {
  const Calendar china = Calendar::china();
  const std::vector<EpochDay> acc = {to_epoch_day(D(2017, 7, 3)), to_epoch_day(D(2017, 9, 29))};
  const std::vector<int32_t> limit = {20, 5};
  const std::vector<int32_t> paused_days = {3, 0};
  const std::vector<EpochDay> done = {kMissingDay, to_epoch_day(D(2017, 10, 16))};
  std::vector<EpochDay> due(2);
  std::vector<int32_t> remaining(2);
  std::vector<uint8_t> status(2), level(2);
  const ClockOutputs outputs{absl::MakeSpan(due), absl::MakeSpan(remaining), absl::MakeSpan(status),
                             absl::MakeSpan(level)};
  ClockColumns columns;
  columns.accepted = acc;
  columns.limit = limit;
  columns.paused_days = paused_days;
  columns.completed = done;
  ASSERT_TRUE(clock_states(columns, china, D(2017, 10, 20), {}, outputs).ok());
  EXPECT_EQ(due[0], to_epoch_day(D(2017, 8, 3)));
  EXPECT_EQ(status[1], static_cast<uint8_t>(ClockStatus::kCompletedLate));
  // As of a date before the decision, the decision is not made yet (it was "completed on time").
  ASSERT_TRUE(clock_states(columns, china, D(2017, 10, 10), {}, outputs).ok());
  EXPECT_EQ(status[1], static_cast<uint8_t>(ClockStatus::kRunning));
  // A decision before the acceptance is an error naming the case.
  const std::vector<EpochDay> before = {kMissingDay, to_epoch_day(D(2017, 9, 1))};
  columns.completed = before;
  EXPECT_THAT(std::string(clock_states(columns, china, D(2017, 10, 20), {}, outputs).message()),
              HasSubstr("case 1: decided"));
  columns.completed = {};
  ClockOutputs short_outputs = outputs;
  short_outputs.due = absl::MakeSpan(due).subspan(0, 1);
  EXPECT_FALSE(clock_states(columns, china, D(2017, 7, 28), {}, short_outputs).ok());
}

// The column form and the event form are one computation: on random histories
// (pauses, 第四十五条 periods, an extension, a decision) asked on random dates,
// the columns made of the events' totals give the same figures.
TEST(Clock, ColumnsAndEventsAreOneComputationOnRandomHistories) {
  const Calendar china = Calendar::china();
  std::mt19937 rng(7);
  const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    const Date start = D(2017, 1, 3) + boost::gregorian::days(pick(0, 300));
    const int limit = pick(0, 30);
    std::vector<ClockEvent> events = {accepted(start, limit)};
    Date at = start;
    const auto later = [&](int lo, int hi) { return at = at + boost::gregorian::days(pick(lo, hi)); };
    bool extended_once = false;
    for (int k = pick(0, 4); k > 0; --k) {
      switch (pick(0, 2)) {
        case 0:
          events.push_back(paused(later(1, 5)));
          events.push_back(resumed(later(0, 6)));
          break;
        case 1:
          events.push_back(special(later(1, 5), PauseReason::kTesting, pick(1, 10)));
          events.push_back(special_ended(later(0, 6)));
          break;
        default:
          if (!extended_once && limit > 0) {
            const Date d = later(0, 2);
            if (d <= *china.add_workdays(start, limit)) events.push_back(extended(d, pick(1, 10)));
            extended_once = true;
          }
      }
    }
    if (pick(0, 1)) events.push_back(completed(later(0, 20)));
    const Date as_of = start + boost::gregorian::days(pick(0, 90));
    auto single = clock_state(events, china, as_of);
    if (!single.ok()) continue;  // e.g. an extension past a due date moved by nothing yet
    // The totals the events make as of the date, counted here on the calendar.
    int64_t paused_total = 0, special_total = 0, extension = 0;
    std::optional<Date> open;
    EpochDay done = kMissingDay;
    for (const ClockEvent& e : events) {
      if (e.date > as_of) break;
      if (e.kind == ClockEventKind::kPaused || e.kind == ClockEventKind::kSpecialStarted) open = e.date;
      if (e.kind == ClockEventKind::kResumed) paused_total += *china.count_workdays(*open, e.date);
      if (e.kind == ClockEventKind::kSpecialEnded) special_total += *china.count_workdays(*open, e.date);
      if (e.kind == ClockEventKind::kResumed || e.kind == ClockEventKind::kSpecialEnded) open.reset();
      if (e.kind == ClockEventKind::kExtended) extension = e.days;
    }
    if (open) continue;  // a period running as of the date: columns hold finished totals only
    for (const ClockEvent& e : events) {
      if (e.kind == ClockEventKind::kCompleted) done = to_epoch_day(e.date);  // after as_of too: the columns decide
    }
    const std::vector<EpochDay> acc = {to_epoch_day(start)};
    const std::vector<int32_t> lim = {limit}, ext = {static_cast<int32_t>(extension)},
                               pau = {static_cast<int32_t>(paused_total)}, spe = {static_cast<int32_t>(special_total)};
    const std::vector<EpochDay> com = {done};
    std::vector<EpochDay> due(1);
    std::vector<int32_t> remaining(1);
    std::vector<uint8_t> status(1), level(1);
    ClockColumns columns;
    columns.accepted = acc;
    columns.limit = lim;
    columns.extension = ext;
    columns.paused_days = pau;
    columns.special_days = spe;
    columns.completed = com;
    ASSERT_TRUE(
        clock_states(columns, china, as_of, {},
                     {absl::MakeSpan(due), absl::MakeSpan(remaining), absl::MakeSpan(status), absl::MakeSpan(level)})
            .ok());
    EXPECT_EQ(due[0], to_epoch_day(*single->due)) << round;
    EXPECT_EQ(remaining[0], single->remaining) << round;
    EXPECT_EQ(status[0], static_cast<uint8_t>(single->status)) << round;
    EXPECT_EQ(level[0], static_cast<uint8_t>(single->level)) << round;
    ++compared;
  }
  EXPECT_GT(compared, 200);
}

const char* kLog =
    "case_id,matter,department,hall,kind,received,completed,fee,joint,limit\n"
    "c1,,住建,中心,promised,2016-12-28,2017-01-05,,0,5\n"     // carry-over from last year
    "c2,,住建,中心,promised,2017-06-28,2017-07-10,300,0,5\n"  // completed in July, late
    "c3,,住建,中心,immediate,2017-07-03,2017-07-03,12.50,1,0\n"
    "c4,,住建,中心,promised,2017-07-05,,,0,5\n"   // pending, overdue by 31 July
    "c5,,公安,中心,promised,2017-07-28,,,0,20\n"  // pending, in time
    "c6,,公安,镇,promised,2017-03-01,2017-03-02,1.05,0,\n";

TEST(Report, MonthAndYearFigures) {
  MonthlyReport report(Calendar::china());
  ASSERT_TRUE(report.add_csv(kLog).ok());
  auto t = report.finish(2017, 7);
  ASSERT_TRUE(t.ok()) << t.status();
  ASSERT_EQ(t->windows.size(), 3u);
  const ReportRow& zj = t->windows[0];
  EXPECT_EQ(zj.department, "住建");
  EXPECT_EQ(zj.received_month, 2);
  EXPECT_EQ(zj.received_month_immediate, 1);
  EXPECT_EQ(zj.received_year, 3);  // c1 was received last year
  EXPECT_EQ(zj.completed_month, 2);
  EXPECT_EQ(zj.completed_year, 3);  // c1 counts as completed this year
  EXPECT_EQ(zj.fee_month_fen, 30000 + 1250);
  EXPECT_EQ(zj.pending, 1);
  EXPECT_EQ(zj.joint_received_month, 1);
  EXPECT_EQ(zj.on_time_month, 1);
  EXPECT_EQ(zj.late_month, 1);
  EXPECT_EQ(zj.overdue_pending, 1);
  const ReportRow& ga = t->windows[1];
  EXPECT_EQ(ga.pending, 1);
  EXPECT_EQ(ga.overdue_pending, 0);
  ASSERT_EQ(t->halls.size(), 2u);
  EXPECT_EQ(t->halls[1].hall, "镇");
  EXPECT_EQ(t->halls[1].fee_year_fen, 105);
  EXPECT_EQ(t->halls[1].without_limit_month, 0);
  EXPECT_EQ(t->windows_csv("中心"),
            "window,recv_m,recv_m_imm,recv_m_prom,recv_c,recv_c_imm,recv_c_prom,done_m,done_m_imm,done_m_prom,done_c,"
            "done_c_imm,done_c_prom,fee_m,fee_c\n"
            "住建,2,1,1,3,1,2,2,1,1,3,1,2,312.50,312.50\n"
            "公安,1,0,1,1,0,1,0,0,0,0,0,0,0,0\n"
            "合计,3,1,2,4,1,3,2,1,1,3,1,2,312.50,312.50\n");
  EXPECT_THAT(t->halls_csv("中心"), HasSubstr("镇,0,0,0,1,1,1.05\n合  计,0,0,0,1,1,1.05\n"));
  // June: c2 and c4 not yet completed or received.
  auto june = report.finish(2017, 6);
  EXPECT_EQ(june->windows[0].pending, 1);
  EXPECT_EQ(june->windows[0].completed_year, 1);
}

// 行政许可法 第四十二条: a limit counts from the acceptance (受理之日). A case
// received Monday 3 July 2017 with a limit of 5 working days, completed
// Wednesday 12 July: from receipt it is due Monday 10 July (late); accepted
// Wednesday 5 July, it is due Wednesday 12 July (on time). Without an
// acceptance day the case was accepted when received. The same by columns.
TEST(Report, TheLimitCountsFromTheAcceptance) {
  const char* log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,accepted,limit\n"
      "late,,住建,中心,promised,2017-07-03,2017-07-12,,0,,5\n"
      "on-time,,住建,中心,promised,2017-07-03,2017-07-12,,0,2017-07-05,5\n"
      "pending,,住建,中心,promised,2017-07-20,,,0,2017-07-26,5\n"  // due 2 August: not overdue at July's end
      "early,,住建,中心,promised,2017-07-03,,,0,2017-07-02,5\n";
  MonthlyReport report(Calendar::china());
  std::vector<Problem> problems;
  ASSERT_TRUE(report.add_csv(log, false, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "line 5");
  EXPECT_THAT(problems[0].message, HasSubstr("accepted (2017-07-02) before received (2017-07-03)"));
  auto t = report.finish(2017, 7);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->windows[0].on_time_month, 1);
  EXPECT_EQ(t->windows[0].late_month, 1);
  EXPECT_EQ(t->windows[0].overdue_pending, 0);

  const std::vector<std::string_view> one = {"住建"}, hall = {"中心"}, kinds = {"promised"};
  const std::vector<int32_t> zero = {0, 0};
  const auto day = [](int y, int m, int d) { return to_epoch_day(D(y, m, d)); };
  const std::vector<EpochDay> received = {day(2017, 7, 3), day(2017, 7, 3)},
                              completed = {day(2017, 7, 12), day(2017, 7, 12)},
                              accepted = {kMissingDay, day(2017, 7, 5)};
  const std::vector<int32_t> limit = {5, 5};
  CaseColumns c;
  c.rows = 2;
  c.department = {zero, one};
  c.hall = {zero, hall};
  c.kind = {zero, kinds};
  c.received = received;
  c.completed = completed;
  c.limit = limit;
  c.accepted = accepted;
  MonthlyReport by_columns(Calendar::china());
  ASSERT_TRUE(by_columns.add_columns(c, true).ok());
  auto tc = by_columns.finish(2017, 7);
  EXPECT_EQ(tc->windows[0].on_time_month, 1);
  EXPECT_EQ(tc->windows[0].late_month, 1);
  // A header with a column twice, or another column, is refused whole.
  MonthlyReport refused(Calendar::china());
  EXPECT_FALSE(
      refused.add_csv("case_id,matter,department,hall,kind,received,completed,fee,joint,accepted,accepted\n").ok());
}

// A case completed before it was accepted is a bad row, as one completed
// before it was received is; it was counted, on time against a limit from an
// acceptance that came after the completion. By CSV and by columns alike.
TEST(Report, ACaseCompletedBeforeItsAcceptanceIsABadRow) {
  const char* log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint,accepted,limit\n"
      "same-day,,住建,中心,promised,2017-07-03,2017-07-05,,0,2017-07-05,5\n"
      "after,,住建,中心,promised,2017-07-03,2017-07-05,,0,2017-07-06,5\n";
  MonthlyReport report(Calendar::china());
  std::vector<Problem> problems;
  ASSERT_TRUE(report.add_csv(log, false, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "line 3");
  EXPECT_THAT(problems[0].message, HasSubstr("completed (2017-07-05) before accepted (2017-07-06)"));
  auto t = report.finish(2017, 7);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->windows[0].completed_month, 1);

  const std::vector<std::string_view> one = {"住建"}, hall = {"中心"}, kinds = {"promised"};
  const std::vector<int32_t> zero = {0};
  const std::vector<EpochDay> received = {to_epoch_day(D(2017, 7, 3))}, completed = {to_epoch_day(D(2017, 7, 5))},
                              accepted = {to_epoch_day(D(2017, 7, 6))};
  CaseColumns c;
  c.rows = 1;
  c.department = {zero, one};
  c.hall = {zero, hall};
  c.kind = {zero, kinds};
  c.received = received;
  c.completed = completed;
  c.accepted = accepted;
  MonthlyReport by_columns(Calendar::china());
  const absl::Status status = by_columns.add_columns(c, true);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("before accepted"));
}

// A window the catalogue says collects taxes (财税): its receipts are counted as taxes beside the 税费;
// the other windows' receipts stay fees. The flag is part of the catalogue the report was made on.
TEST(Report, TaxesApartFromFees) {
  auto catalog = Catalog::load_json(R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "中心"}],
      "departments": [{"id": "zj", "name": "住建", "halls": ["h"]},
                      {"id": "cs", "name": "财税", "halls": ["h"], "collects_taxes": true}], "matters": []})");
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_TRUE(catalog->departments()[1].collects_taxes);
  EXPECT_THAT(catalog->save_json(), HasSubstr("\"collects_taxes\": true"));
  const std::string log = std::string(kLog) + "t1,,财税,中心,immediate,2017-07-03,2017-07-03,81303675,0,0\n";
  MonthlyReport report(Calendar::china(), &*catalog);
  ASSERT_TRUE(report.add_csv(log).ok());
  auto t = report.finish(2017, 7);
  ASSERT_TRUE(t.ok()) << t.status();
  for (const ReportRow& row : t->windows) {
    if (row.department == "财税") {
      EXPECT_EQ(row.fee_month_fen, 8'130'367'500);
      EXPECT_EQ(row.tax_month_fen, row.fee_month_fen);
      EXPECT_EQ(row.tax_year_fen, row.fee_year_fen);
    } else {
      EXPECT_EQ(row.tax_month_fen, 0) << row.department;
    }
  }
  EXPECT_EQ(t->total.fee_month_fen - t->total.tax_month_fen, 30000 + 1250);  // the fees alone
  // Without the catalogue nothing says which receipts are taxes.
  MonthlyReport plain(Calendar::china());
  ASSERT_TRUE(plain.add_csv(log).ok());
  EXPECT_EQ(plain.finish(2017, 7)->total.tax_month_fen, 0);
  // A report made on the catalogue with the flag is not one made without it.
  auto untaxed = Catalog::load_json(R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "中心"}],
      "departments": [{"id": "zj", "name": "住建", "halls": ["h"]}, {"id": "cs", "name": "财税", "halls": ["h"]}],
      "matters": []})");
  EXPECT_EQ(MonthlyReport::load_state(Calendar::china(), &*untaxed, report.save_state()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// kLog as columns: the same figures as the CSV, row problems named "row i"
// with the case's id (asked of case_id_of only for the bad row), a wrong
// shape refused before anything is added.
TEST(Report, ColumnsAddWhatTheCsvAdds) {
  const std::vector<std::string_view> windows = {"住建", "公安"}, halls = {"中心", "镇"},
                                      kinds = {"promised", "immediate", "often"};
  const std::vector<int32_t> window = {0, 0, 0, 0, 1, 1, 0}, hall = {0, 0, 0, 0, 0, 1, 0}, kind = {0, 0, 1, 0, 0, 0, 2};
  const auto day = [](int y, int m, int d) { return to_epoch_day(D(y, m, d)); };
  const std::vector<EpochDay> received = {day(2016, 12, 28), day(2017, 6, 28), day(2017, 7, 3), day(2017, 7, 5),
                                          day(2017, 7, 28),  day(2017, 3, 1),  day(2017, 7, 3)};
  const std::vector<EpochDay> completed = {day(2017, 1, 5), day(2017, 7, 10), day(2017, 7, 3), kMissingDay,
                                           kMissingDay,     day(2017, 3, 2),  kMissingDay};
  const std::vector<int64_t> fee = {0, 30000, 1250, 0, 0, 105, 0};
  const std::vector<uint8_t> joint = {0, 0, 1, 0, 0, 0, 0}, given = {1, 1, 1, 1, 1, 0, 1};
  const std::vector<int32_t> limit = {5, 5, 0, 5, 20, 0, 5};
  CaseColumns c;
  c.rows = 7;
  c.department = {window, windows};
  c.hall = {hall, halls};
  c.kind = {kind, kinds};
  c.received = received;
  c.completed = completed;
  c.fee_fen = fee;
  c.joint = joint;
  c.limit = limit;
  c.limit_given = given;
  std::vector<size_t> named;
  c.case_id_of = [&](size_t row) {
    named.push_back(row);
    return "c" + std::to_string(row + 1);
  };
  MonthlyReport by_csv(Calendar::china()), by_columns(Calendar::china());
  ASSERT_TRUE(by_csv.add_csv(kLog).ok());
  std::vector<Problem> problems;
  ASSERT_TRUE(by_columns.add_columns(c, false, &problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "row 6");
  EXPECT_THAT(problems[0].message, HasSubstr("case \"c7\": kind \"often\" is not immediate or promised"));
  EXPECT_EQ(named, std::vector<size_t>{6});
  EXPECT_EQ(by_columns.cases(), 6);
  EXPECT_EQ(by_columns.skipped(), 1);
  for (int month : {3, 7}) {
    for (ReportPart part : {ReportPart::kWindows, ReportPart::kHalls, ReportPart::kTotal}) {
      EXPECT_EQ(by_columns.finish(2017, month)->csv(part), by_csv.finish(2017, month)->csv(part));
    }
  }
  // strict: the bad row fails the call and nothing changes; a wrong shape adds nothing either.
  const std::string before = by_columns.finish(2017, 7)->csv(ReportPart::kWindows);
  EXPECT_THAT(std::string(by_columns.add_columns(c, true).message()), HasSubstr("strict: nothing added"));
  c.rows = 6;
  EXPECT_THAT(std::string(by_columns.add_columns(c).message()), HasSubstr("department has 7 rows, not 6"));
  EXPECT_EQ(by_columns.cases(), 6);
  EXPECT_EQ(by_columns.skipped(), 1);
  EXPECT_EQ(by_columns.finish(2017, 7)->csv(ReportPart::kWindows), before);
}

TEST(Report, MergedPartsEqualTheWhole) {
  const std::string log = kLog;
  const size_t cut = log.find("c4,");
  const std::string header = log.substr(0, log.find('\n') + 1);
  MonthlyReport whole(Calendar::china()), a(Calendar::china()), b(Calendar::china());
  ASSERT_TRUE(whole.add_csv(log).ok());
  ASSERT_TRUE(b.add_csv(header + log.substr(cut)).ok());  // the later part first: order does not matter
  ASSERT_TRUE(a.add_csv(log.substr(0, cut)).ok());
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.cases(), whole.cases());
  EXPECT_EQ(a.finish(2017, 7)->halls_csv(""), whole.finish(2017, 7)->halls_csv(""));
  EXPECT_EQ(a.finish(2017, 7)->windows_csv("中心"), whole.finish(2017, 7)->windows_csv("中心"));
}

TEST(Report, BadRowsAreSkippedOrRefused) {
  const std::string log =
      "case_id,matter,department,hall,kind,received,completed,fee,joint\n"
      "ok,,住建,中心,promised,2017-07-03,,,0\n"
      "b1,,住建,中心,urgent,2017-07-03,,,0\n"
      "b2,,住建,中心,promised,2017-02-30,,,0\n"
      "b3,,住建,中心,promised,2017-07-05,2017-07-04,,0\n"
      "b4,,,中心,promised,2017-07-05,,,0\n"
      "b5,,住建,中心,promised,2017-07-05,,1.234,0\n"
      "b6,,住建,中心,promised\n";
  std::vector<Problem> problems;
  MonthlyReport lenient(Calendar::china());
  ASSERT_TRUE(lenient.add_csv(log, false, &problems).ok());
  EXPECT_EQ(lenient.cases(), 1);
  EXPECT_EQ(lenient.skipped(), 6);
  ASSERT_EQ(problems.size(), 6u);
  EXPECT_EQ(problems[0].path, "line 3");
  EXPECT_THAT(problems[0].message, HasSubstr("\"urgent\" is not immediate or promised"));
  EXPECT_THAT(problems[1].message, HasSubstr("2017-02-30 is not a date"));
  EXPECT_THAT(problems[2].message, HasSubstr("completed (2017-07-04) before received (2017-07-05)"));
  EXPECT_THAT(problems[3].message, HasSubstr("no department"));
  EXPECT_THAT(problems[4].message, HasSubstr("1.234"));
  EXPECT_THAT(problems[5].message, HasSubstr("5 fields, expected 9"));
  MonthlyReport strict(Calendar::china());
  std::vector<Problem> strict_problems;
  auto status = strict.add_csv(log, true, &strict_problems);
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(strict.cases(), 0);  // nothing added
  // Strict names every bad row, as the lenient mode does, not only the first.
  ASSERT_EQ(strict_problems.size(), problems.size());
  for (size_t i = 0; i < problems.size(); ++i) {
    EXPECT_EQ(strict_problems[i].path, problems[i].path);
    EXPECT_THAT(status.message(), HasSubstr(absl::StrCat(problems[i].path, ": ", problems[i].message)));
  }
  EXPECT_FALSE(MonthlyReport(Calendar::china()).add_csv("id,when\n1,2\n").ok());
  EXPECT_FALSE(lenient.finish(2017, 13).ok());
}

// A partial report saved and loaded again (to ship it to another process) is
// the same report: the same bytes, the same figures, and it goes on merging.
TEST(Report, StateRoundTripsExactly) {
  const Calendar china = Calendar::china();
  MonthlyReport report(china);
  ASSERT_TRUE(report.add_csv(kLog).ok());
  const std::string state = report.save_state();
  auto back = MonthlyReport::load_state(china, nullptr, state);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->save_state(), state);
  EXPECT_EQ(back->cases(), report.cases());
  EXPECT_EQ(back->finish(2017, 7)->csv(ReportPart::kWindows), report.finish(2017, 7)->csv(ReportPart::kWindows));
  ASSERT_TRUE(back->merge(report).ok());
  EXPECT_EQ(back->cases(), 2 * report.cases());
  MonthlyReport empty(china);
  EXPECT_TRUE(MonthlyReport::load_state(china, nullptr, empty.save_state()).ok());
}

TEST(Report, StateRefusedOnAnotherCalendarOrCatalogueAndWhenBroken) {
  const Calendar china = Calendar::china();
  MonthlyReport report(china);
  ASSERT_TRUE(report.add_csv(kLog).ok());
  const std::string state = report.save_state();
  CalendarRules rules;
  rules.first = D(2016, 1, 1);
  rules.last = D(2017, 12, 31);
  auto hall = Calendar::from_rules(rules);
  ASSERT_TRUE(hall.ok());
  auto other = MonthlyReport::load_state(*hall, nullptr, state);
  EXPECT_EQ(other.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(other.status().message(), HasSubstr("another calendar"));
  auto catalog = Catalog::load_json(R"({"schema": "onetrip/1", "halls": [{"id": "h", "name": "中心"}],
      "departments": [{"id": "d", "name": "住建", "halls": ["h"]}], "materials": [], "matters": [], "bundles": []})");
  ASSERT_TRUE(catalog.ok()) << catalog.status();
  EXPECT_EQ(MonthlyReport::load_state(china, &*catalog, state).status().code(), absl::StatusCode::kFailedPrecondition);
  // Every cut of the bytes, and every one of them changed, is refused or is
  // another valid report: never a crash, never a report past its bounds.
  for (size_t n = 0; n < state.size(); ++n) {
    EXPECT_EQ(MonthlyReport::load_state(china, nullptr, state.substr(0, n)).status().code(),
              absl::StatusCode::kInvalidArgument)
        << n;
    std::string changed = state;
    changed[n] = static_cast<char>(changed[n] ^ 0x5A);
    auto loaded = MonthlyReport::load_state(china, nullptr, changed);
    if (loaded.ok()) {
      EXPECT_GE(loaded->cases(), 0);
    }
  }
}

TEST(Report, MergeRefusesAnotherCalendarAndKeepsFirstSeenOrder) {
  const Calendar china = Calendar::china();
  CalendarRules rules;
  rules.name = "hall";
  rules.first = D(2016, 1, 1);
  rules.last = D(2017, 12, 31);
  MonthlyReport a(china), b(*Calendar::from_rules(rules));
  ASSERT_TRUE(a.add_csv(kLog).ok());
  ASSERT_TRUE(b.add_csv(kLog).ok());
  const absl::Status s = a.merge(b);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("different calendars"));
  EXPECT_THAT(s.message(), HasSubstr("\"hall\""));
  EXPECT_EQ(a.cases(), 6);  // nothing merged
  // Many windows, split in two: the merge lists rows in the order one report would.
  std::string log = "case_id,matter,department,hall,kind,received,completed,fee,joint\n";
  for (int i = 0; i < 40; ++i) absl::StrAppend(&log, "c", i, ",,w", (i * 7) % 40, ",中心,promised,2017-07-03,,,0\n");
  const size_t cut = log.find("c20,");
  MonthlyReport whole(china), first(china), second(china);
  ASSERT_TRUE(whole.add_csv(log).ok());
  ASSERT_TRUE(first.add_csv(log.substr(0, cut)).ok());
  ASSERT_TRUE(second.add_csv(log.substr(0, log.find('\n') + 1) + log.substr(cut)).ok());
  MonthlyReport merged(china);
  ASSERT_TRUE(merged.merge(first).ok());
  ASSERT_TRUE(merged.merge(second).ok());
  EXPECT_EQ(merged.finish(2017, 7)->csv(ReportPart::kWindows), whole.finish(2017, 7)->csv(ReportPart::kWindows));
  EXPECT_EQ(merged.save_state(), whole.save_state());
}

}  // namespace
}  // namespace onetrip
