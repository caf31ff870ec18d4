// onetrip — the command-line tool over the C++ API.
//
//   onetrip deadline --start 2017-09-29 --days 20 [--calendar YEAR.json]
//   onetrip calendar 2017-10 [--calendar YEAR.json]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "nlohmann/json.hpp"
#include "notice.hpp"
#include "onetrip/audit.hpp"
#include "onetrip/bpmn.hpp"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/clock.hpp"
#include "onetrip/compare.hpp"
#include "onetrip/date.hpp"
#include "onetrip/diff.hpp"
#include "onetrip/evaluate.hpp"
#include "onetrip/format.hpp"
#include "onetrip/generate.hpp"
#include "onetrip/listing.hpp"
#include "onetrip/reform.hpp"
#include "onetrip/report.hpp"
#include "onetrip/roadmap.hpp"
#include "onetrip/schedule.hpp"
#include "onetrip/trips.hpp"
#include "onetrip/version.hpp"

namespace {

constexpr const char* kUsage =
    "usage: onetrip COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  deadline --start DATE --days N   the due date of a limit of N working days from acceptance\n"
    "                                   on DATE (the acceptance day not counted), and the days skipped\n"
    "  calendar YYYY-MM                 the month with its holidays (休) and makeup working days (班)\n"
    "  clock --event KIND:DATE[:N|:REASON[:N]] ... --as-of DATE [--extension-limit N]\n"
    "                                   a case's clock by the law's steps (docs/rules.md): e.g.\n"
    "                                   --event received:2017-07-03:20 --event supplement_notice:2017-07-05\n"
    "                                   --event accepted:2017-07-07 --event special_started:2017-07-17:专家评审:10\n"
    "  validate CATALOG.json            check a catalogue: every problem with its JSON path (exit 1),\n"
    "                                   or a summary of what it holds (exit 0)\n"
    "  format CATALOG.json              the catalogue in canonical form (what save gives), on stdout\n"
    "  evaluate CATALOG.json [--start DATE] [--format table|csv|json]\n"
    "                                   trips (best/worst) with their reasons, working days and due\n"
    "                                   dates of every matter and bundle, then the indicators\n"
    "  audit CATALOG.json               declared against computed trips, and the consistency rules\n"
    "  dot CATALOG.json BUNDLE          the bundle's graph in Graphviz DOT (| dot -Tsvg > b.svg)\n"
    "  bpmn CATALOG.json BUNDLE [--engine plain|flowable|camunda] [--start DATE]\n"
    "         [--business-calendar NAME] [--before SCENARIO.json]\n"
    "                                   the bundle as a BPMN 2.0 process (Flowable, Camunda); with\n"
    "                                   --start the limits are dates onetrip computes, else the\n"
    "                                   engine's business calendar NAME resolves them (docs/bpmn.md);\n"
    "                                   --before first turns the catalogue into the baseline\n"
    "  bpmn-import FILE.bpmn            a process definition as an onetrip/1 catalogue with one\n"
    "                                   bundle, on stdout; every element not mapped on stderr\n"
    "  report --cases FILE.csv --month YYYY-MM [--catalog FILE] [--hall NAME] [--format table|csv]\n"
    "         [--table windows|halls|all] [--strict]\n"
    "                                   the monthly statistics report: the hall's windows, and the\n"
    "                                   other halls, as the bulletin's two tables (as text, every\n"
    "                                   column of the hall's windows); --table all --format csv:\n"
    "                                   every column of every window of every hall\n"
    "  generate --matters N [--seed S]  a synthetic catalogue of realistic shape, on stdout\n"
    "  whatif CATALOG.json SCENARIO.json [--before SCENARIO.json] [--volumes FILE.csv]...\n"
    "                                   what the scenario's reforms change, matter by matter, and the\n"
    "                                   trips and working days saved per month at the given volumes;\n"
    "                                   --before first turns the catalogue into the baseline\n"
    "  roadmap CATALOG.json SCENARIO.json --from YYYY-MM --to YYYY-MM [--volumes FILE.csv]...\n"
    "          [--monthly FILE.csv] [--before SCENARIO.json] [--format table|csv]\n"
    "                                   the catalogue month by month under the scenario's dated\n"
    "                                   reforms (effective_from): per month and per reform the trips,\n"
    "                                   worst-case trips, windows and working days saved, and the\n"
    "                                   indicators; --monthly gives month,id,volume counts, --volumes\n"
    "                                   one month's counts used for every other month; --before\n"
    "                                   first turns the catalogue into the baseline\n"
    "  asof CATALOG.json DATE [--scenario SCENARIO.json]\n"
    "                                   the catalogue in force on DATE (the scenario's reforms dated\n"
    "                                   up to it applied, matters out of force left out), on stdout\n"
    "  diff A.json B.json               every hall, department, material, matter and bundle that\n"
    "                                   differs, field by field (* marks a field no figure reads)\n"
    "  import-listing --basic FILE.csv [--extend FILE.csv] [--materials FILE.csv] [--fees FILE.csv]\n"
    "         [--name NAME] [--out CATALOG.json] [--report REPORT.csv] [--audit AUDIT.csv|-] [--strict]\n"
    "                                   the platform's implementation-list tables (CSV in UTF-8 or\n"
    "                                   GB18030; save XLSX sheets as CSV, or use onetrip.listing.read)\n"
    "                                   as an onetrip/1 catalogue (stdout without --out), with the\n"
    "                                   mapping report of every cell and the audit of declared trips\n"
    "  notice CATALOG.json MATTER_OR_BUNDLE [--answer QUESTION=VALUE ...] [--format text|json]\n"
    "         [--start DATE]\n"
    "                                   the one-time notice (一次性告知) for these answers: whether the\n"
    "                                   applicant may apply, what to bring, the trips and due date,\n"
    "                                   and the questions still open (docs/catalog-format.md)\n"
    "  version                          the library version\n"
    "\n"
    "options:\n"
    "  --calendar FILE                  add years in the per-year JSON format (e.g. next year's\n"
    "                                   State Council notice) to the built-in China calendar;\n"
    "                                   may be repeated\n";

const char* const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

const char* weekday(onetrip::Date d) { return kWeekdays[(d.day_of_week().as_number() + 6) % 7]; }

// Command-line arguments: positionals and --name value pairs (repeatable).
struct Args {
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> options;

  absl::StatusOr<std::string> one(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end()) return absl::InvalidArgumentError(absl::StrCat("missing --", name));
    return it->second;
  }
};

absl::StatusOr<Args> parse_args(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--strict") {  // the one option without a value
      args.options.emplace("strict", "");
    } else if (arg.rfind("--", 0) == 0) {
      if (i + 1 >= argc) return absl::InvalidArgumentError(absl::StrCat(arg, " needs a value"));
      args.options.emplace(arg.substr(2), argv[++i]);
    } else {
      args.positional.push_back(arg);
    }
  }
  return args;
}

absl::StatusOr<onetrip::Calendar> calendar_for(const Args& args) {
  onetrip::Calendar calendar = onetrip::Calendar::china();
  auto [begin, end] = args.options.equal_range("calendar");
  for (auto it = begin; it != end; ++it) {
    auto extended = calendar.with_json_file(it->second);
    if (!extended.ok()) return extended.status();
    calendar = *std::move(extended);
  }
  return calendar;
}

absl::Status run_deadline(const Args& args) {
  auto start_text = args.one("start");
  if (!start_text.ok()) return start_text.status();
  auto days_text = args.one("days");
  if (!days_text.ok()) return days_text.status();
  auto start = onetrip::parse_date(*start_text);
  if (!start.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", start.status().message()));
  int64_t days = 0;
  if (!absl::SimpleAtoi(*days_text, &days) || days < 0) {
    return absl::InvalidArgumentError(absl::StrCat("--days: \"", *days_text, "\" is not a number of days >= 0"));
  }
  auto calendar = calendar_for(args);
  if (!calendar.ok()) return calendar.status();
  auto due = calendar->add_workdays(*start, days);
  if (!due.ok()) return due.status();

  std::cout << absl::StrFormat("accepted  %s %s\n", onetrip::format_date(*start), weekday(*start));
  std::cout << absl::StrFormat("limit     %d working day%s (the acceptance day is not counted)\n", days,
                               days == 1 ? "" : "s");
  std::cout << absl::StrFormat("due       %s %s\n", onetrip::format_date(*due), weekday(*due));
  // Every day of the period that is not an ordinary working day, in date order.
  std::vector<onetrip::DayInfo> notable;
  int64_t off = 0;
  for (onetrip::Date d = *start + boost::gregorian::date_duration(1); d <= *due;
       d += boost::gregorian::date_duration(1)) {
    auto info = calendar->day(d);
    if (!info.ok()) return info.status();
    if (!info->workday) ++off;
    if (info->kind != onetrip::DayKind::kWorkday) notable.push_back(*info);
  }
  std::cout << absl::StrFormat("%d calendar days, %d of them not working days:\n", (*due - *start).days(), off);
  for (const auto& info : notable) {
    std::cout << absl::StrFormat("  %s %s  %-8s %s  %s\n", onetrip::format_date(info.date), weekday(info.date),
                                 info.workday ? "counted" : "skipped", onetrip::day_kind_name(info.kind), info.name);
  }
  return absl::OkStatus();
}

// KIND:DATE[:DAYS] or KIND:DATE:REASON[:DAYS] (special_started:DATE:专家评审:10; paused:DATE:other).
absl::StatusOr<onetrip::ClockEvent> clock_event(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, ':');
  const auto bad = [&](const std::string& why) {
    return absl::InvalidArgumentError(absl::StrCat("--event \"", text, "\": ", why));
  };
  if (parts.size() < 2 || parts.size() > 4) return bad("expected KIND:DATE[:DAYS] or KIND:DATE:REASON[:DAYS]");
  onetrip::ClockEvent e;
  bool known = false;
  for (int k = 0; k <= static_cast<int>(onetrip::ClockEventKind::kIssued); ++k) {
    if (parts[0] == onetrip::to_string(static_cast<onetrip::ClockEventKind>(k))) {
      e.kind = static_cast<onetrip::ClockEventKind>(k);
      known = true;
    }
  }
  if (!known) return bad("unknown kind (received, supplement_notice, accepted, special_started, ...)");
  auto date = onetrip::parse_date(parts[1]);
  if (!date.ok()) return bad(std::string(date.status().message()));
  e.date = *date;
  size_t next = 2;
  if (parts.size() > 2 && !absl::SimpleAtoi(parts[2], &e.days)) {  // a reason, then perhaps days
    known = false;
    for (int r = 0; r <= static_cast<int>(onetrip::PauseReason::kExpertReview); ++r) {
      if (parts[2] == onetrip::to_string(static_cast<onetrip::PauseReason>(r))) {
        e.reason = static_cast<onetrip::PauseReason>(r);
        known = true;
      }
    }
    if (!known)
      return bad("unknown reason (other, or 第四十五条's 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审)");
    next = 3;
  } else if (parts.size() > 2) {
    next = 3;
    if (parts.size() > 3) return bad("days come last");
  }
  if (parts.size() > next && !absl::SimpleAtoi(parts[next], &e.days)) return bad("days are a whole number");
  return e;
}

absl::Status run_clock(const Args& args) {
  std::vector<onetrip::ClockEvent> events;
  auto [begin, end] = args.options.equal_range("event");
  for (auto it = begin; it != end; ++it) {
    auto e = clock_event(it->second);
    if (!e.ok()) return e.status();
    events.push_back(*e);
  }
  auto as_of_text = args.one("as-of");
  if (!as_of_text.ok()) return as_of_text.status();
  auto as_of = onetrip::parse_date(*as_of_text);
  if (!as_of.ok()) return absl::InvalidArgumentError(absl::StrCat("--as-of: ", as_of.status().message()));
  onetrip::ClockRules rules;
  if (auto it = args.options.find("extension-limit"); it != args.options.end()) {
    if (!absl::SimpleAtoi(it->second, &rules.extension_limit) || rules.extension_limit < 0) {
      return absl::InvalidArgumentError("--extension-limit: a number of working days");
    }
  }
  auto calendar = calendar_for(args);
  if (!calendar.ok()) return calendar.status();
  auto s = onetrip::clock_state(events, *calendar, *as_of, {}, rules);
  if (!s.ok()) return s.status();
  const auto date = [](const std::optional<onetrip::Date>& d) {
    return d ? absl::StrCat(onetrip::format_date(*d), " ", weekday(*d)) : std::string("-");
  };
  std::cout << absl::StrFormat("as of %s: %s (%s)\n", onetrip::format_date(*as_of), onetrip::to_string(s->status),
                               onetrip::to_string(s->level));
  if (s->received) {
    std::cout << absl::StrFormat("received   %s (to accept or notify 补正 by %s, 第三十二条)\n", date(s->received),
                                 date(s->acceptance_due));
  }
  if (s->supplement_notice) std::cout << absl::StrFormat("补正 notice %s\n", date(s->supplement_notice));
  std::cout << absl::StrFormat(
      "accepted   %s%s\n", date(s->accepted),
      s->deemed_accepted ? " (no decision within the 5 working days: accepted on receipt)" : "");
  std::cout << absl::StrFormat(
      "limit      %d working days%s\n", s->limit,
      s->extension ? absl::StrFormat(" (with an extension of %d, 第四十二条)", s->extension) : std::string());
  for (const onetrip::SpecialPeriod& p : s->special_periods) {
    std::cout << absl::StrFormat("第四十五条 %s from %s, %d working days (notified: %d), not counted\n",
                                 onetrip::to_string(p.kind), onetrip::format_date(p.started), p.days, p.notified_days);
  }
  if (s->paused_days) std::cout << absl::StrFormat("paused     %d working days\n", s->paused_days);
  std::cout << absl::StrFormat("due        %s; %d counted, %d remaining\n", date(s->due), s->elapsed, s->remaining);
  if (s->completed) std::cout << absl::StrFormat("decided    %s\n", date(s->completed));
  if (s->issue_due) {
    std::cout << absl::StrFormat(
        "issue by   %s (第四十四条)%s\n", date(s->issue_due),
        s->issued ? absl::StrCat("; issued ", date(s->issued), s->issued_late ? ", late" : "") : std::string());
  }
  return absl::OkStatus();
}

absl::Status run_calendar(const Args& args) {
  if (args.positional.size() != 1) return absl::InvalidArgumentError("calendar needs one month, as YYYY-MM");
  const std::string& month_text = args.positional[0];
  auto first = onetrip::parse_date(absl::StrCat(month_text, "-01"));
  if (month_text.size() != 7 || !first.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("\"", month_text, "\" is not a month in the form YYYY-MM"));
  }
  auto calendar = calendar_for(args);
  if (!calendar.ok()) return calendar.status();
  auto special = calendar->special_days(first->year(), first->month());
  if (!special.ok()) return special.status();

  std::cout << absl::StrFormat("%s  (calendar: %s; 休 holiday, 班 makeup working day)\n", month_text, calendar->name());
  std::cout << "  Mon  Tue  Wed  Thu  Fri  Sat  Sun\n";
  const int lead = (first->day_of_week().as_number() + 6) % 7;
  std::string line(static_cast<size_t>(lead) * 5, ' ');
  for (onetrip::Date d = *first; d <= first->end_of_month(); d += boost::gregorian::date_duration(1)) {
    auto info = calendar->day(d);
    if (!info.ok()) {
      line += "    ?";  // outside a custom calendar's coverage
    } else {
      const char* mark = info->kind == onetrip::DayKind::kHoliday         ? "休"
                         : info->kind == onetrip::DayKind::kMakeupWorkday ? "班"
                                                                          : "  ";
      line += absl::StrFormat("%3d%s", static_cast<int>(d.day()), mark);
    }
    if ((lead + d.day()) % 7 == 0 || d == first->end_of_month()) {
      std::cout << line << "\n";
      line.clear();
    }
  }
  for (const onetrip::SpecialDay& s : *special) {
    std::cout << absl::StrFormat("  %s %s  %s  %s\n", onetrip::format_date(s.date), weekday(s.date),
                                 s.off ? "holiday" : "makeup working day", s.name);
  }
  if (special->empty()) std::cout << "  no holidays or makeup working days this month\n";
  return absl::OkStatus();
}

absl::Status run_validate(const Args& args) {
  if (args.positional.size() != 1) return absl::InvalidArgumentError("validate needs one catalogue file");
  const std::string& path = args.positional[0];
  std::vector<onetrip::Problem> problems;
  auto catalog = onetrip::Catalog::load_file(path, &problems);
  if (!catalog.ok()) {
    if (problems.empty()) return catalog.status();  // the file could not be read
    std::cout << absl::StrFormat("%s: %d problem%s\n", path, problems.size(), problems.size() == 1 ? "" : "s");
    for (const onetrip::Problem& p : problems) std::cout << absl::StrFormat("  %s: %s\n", p.path, p.message);
    return absl::InvalidArgumentError(absl::StrFormat("%s is not a valid catalogue", path));
  }
  int immediate = 0, full_online = 0, declared_zero = 0, declared_one = 0;
  for (const onetrip::Matter& m : catalog->matters()) {
    immediate += m.project_type == onetrip::ProjectType::kImmediate;
    full_online += m.online == onetrip::OnlineApplication::kFull;
    declared_zero += m.declared_trips == 0;
    declared_one += m.declared_trips == 1;
  }
  std::cout << absl::StrFormat("%s: valid (%s)\n", path, catalog->name());
  std::cout << absl::StrFormat("  %d halls, %d departments, %d materials\n", catalog->halls().size(),
                               catalog->departments().size(), catalog->materials().size());
  std::cout << absl::StrFormat("  %d matters: %d immediate, %d fully online; declared 0 trips: %d, 1 trip: %d\n",
                               catalog->matters().size(), immediate, full_online, declared_zero, declared_one);
  std::cout << absl::StrFormat("  %d bundles\n", catalog->bundles().size());
  for (const onetrip::Bundle& b : catalog->bundles()) {
    std::cout << absl::StrFormat("    %-16s %d members, lead %s: %s\n", b.id, b.members.size(),
                                 catalog->departments()[b.lead].name, b.name);
  }
  return absl::OkStatus();
}

absl::Status run_format(const Args& args) {
  if (args.positional.size() != 1) return absl::InvalidArgumentError("format needs one catalogue file");
  auto catalog = onetrip::Catalog::load_file(args.positional[0]);
  if (!catalog.ok()) return catalog.status();
  std::cout << catalog->save_json();
  return absl::OkStatus();
}

absl::StatusOr<onetrip::Catalog> catalog_arg(const Args& args, size_t count, const char* usage) {
  if (args.positional.size() != count) return absl::InvalidArgumentError(usage);
  std::vector<onetrip::Problem> problems;
  auto catalog = onetrip::Catalog::load_file(args.positional[0], &problems);
  if (!catalog.ok()) return catalog.status();
  return catalog;
}

std::string due_text(onetrip::EpochDay day) {
  if (day == onetrip::kMissingDay) return "-";
  auto date = onetrip::from_epoch_day(day);
  return date.ok() ? onetrip::format_date(*date) : "-";
}

// Every need of a result as readable lines, one trip after another.
std::vector<std::string> trip_lines(const onetrip::Catalog& catalog, const onetrip::TripResult& r) {
  std::vector<std::string> lines;
  int number = 0;
  for (const onetrip::Trip& trip : r.trip_list) {
    ++number;
    for (const onetrip::Need& need : trip.needs) {
      lines.push_back(absl::StrFormat("trip %d (day %d): %s", number, trip.moment, onetrip::describe(catalog, need)));
    }
  }
  if (r.worst_case_matter) {
    lines.push_back(
        absl::StrFormat("worst case +1: a missing secondary material at the submission of %s "
                        "(no tolerant acceptance, no online pre-review)",
                        catalog.matters()[*r.worst_case_matter].name));
  }
  return lines;
}

absl::Status run_evaluate(const Args& args) {
  auto catalog = catalog_arg(args, 1, "evaluate needs one catalogue file");
  if (!catalog.ok()) return catalog.status();
  onetrip::EvaluationOptions options;
  if (auto it = args.options.find("start"); it != args.options.end()) {
    auto start = onetrip::parse_date(it->second);
    if (!start.ok()) return absl::InvalidArgumentError(absl::StrCat("--start: ", start.status().message()));
    options.start = *start;
  }
  std::string format = "table";
  if (auto it = args.options.find("format"); it != args.options.end()) format = it->second;
  if (format != "table" && format != "csv" && format != "json") {
    return absl::InvalidArgumentError(absl::StrCat("--format: \"", format, "\" is not table, csv or json"));
  }
  const onetrip::Calendar calendar = onetrip::Calendar::china();
  auto evaluation = onetrip::evaluate_catalog(*catalog, calendar, options);
  if (!evaluation.ok()) return evaluation.status();
  auto totals = onetrip::indicators(*catalog, *evaluation);
  if (!totals.ok()) return totals.status();
  const auto matters = catalog->matters();
  const auto bundles = catalog->bundles();

  if (format == "csv") {
    std::cout << "kind,id,name,trips,worst_case,window_contacts,workdays,counted_workdays,due,reasons\n";
    for (onetrip::MatterIndex i = 0; i < matters.size(); ++i) {
      const auto lines = trip_lines(*catalog, onetrip::evaluate_trips(*catalog, i));
      std::cout << absl::StrFormat(
          "matter,%s,%s,%d,%d,%d,%d,%d,%s,%s\n", onetrip::csv_field(matters[i].code),
          onetrip::csv_field(matters[i].name), evaluation->matter_trips[i], evaluation->matter_worst_case[i],
          evaluation->matter_window_contacts[i], evaluation->matter_workdays[i], evaluation->matter_counted_workdays[i],
          due_text(evaluation->matter_due[i]), onetrip::csv_field(absl::StrJoin(lines, " | ")));
    }
    for (onetrip::BundleIndex b = 0; b < bundles.size(); ++b) {
      const auto lines = trip_lines(*catalog, onetrip::evaluate_bundle_trips(*catalog, b));
      std::cout << absl::StrFormat(
          "bundle,%s,%s,%d,%d,%d,%d,%d,%s,%s\n", onetrip::csv_field(bundles[b].id), onetrip::csv_field(bundles[b].name),
          evaluation->bundle_trips[b], evaluation->bundle_worst_case[b], evaluation->bundle_window_contacts[b],
          evaluation->bundle_workdays[b], evaluation->bundle_counted_workdays[b], due_text(evaluation->bundle_due[b]),
          onetrip::csv_field(absl::StrJoin(lines, " | ")));
    }
    return absl::OkStatus();
  }
  if (format == "json") {
    nlohmann::ordered_json out;
    out["start"] = options.start ? onetrip::format_date(*options.start) : "";
    for (onetrip::MatterIndex i = 0; i < matters.size(); ++i) {
      out["matters"].push_back({{"code", matters[i].code},
                                {"name", matters[i].name},
                                {"trips", evaluation->matter_trips[i]},
                                {"worst_case", evaluation->matter_worst_case[i]},
                                {"window_contacts", evaluation->matter_window_contacts[i]},
                                {"workdays", evaluation->matter_workdays[i]},
                                {"counted_workdays", evaluation->matter_counted_workdays[i]},
                                {"due", due_text(evaluation->matter_due[i])},
                                {"reasons", trip_lines(*catalog, onetrip::evaluate_trips(*catalog, i))}});
    }
    for (onetrip::BundleIndex b = 0; b < bundles.size(); ++b) {
      out["bundles"].push_back({{"id", bundles[b].id},
                                {"name", bundles[b].name},
                                {"trips", evaluation->bundle_trips[b]},
                                {"worst_case", evaluation->bundle_worst_case[b]},
                                {"window_contacts", evaluation->bundle_window_contacts[b]},
                                {"workdays", evaluation->bundle_workdays[b]},
                                {"counted_workdays", evaluation->bundle_counted_workdays[b]},
                                {"due", due_text(evaluation->bundle_due[b])},
                                {"over_joint_limit", evaluation->bundle_over_joint_limit[b] != 0},
                                {"reasons", trip_lines(*catalog, onetrip::evaluate_bundle_trips(*catalog, b))}});
    }
    out["indicators"] = {{"matters", totals->matters},
                         {"share_zero_trips", totals->share_zero_trips},
                         {"share_at_most_one_trip", totals->share_at_most_one_trip},
                         {"mean_trips", totals->mean_trips},
                         {"share_immediate", totals->share_immediate},
                         {"mean_promised_legal_ratio", totals->mean_promised_legal_ratio},
                         {"bundles", totals->bundles},
                         {"bundle_share_at_most_one_trip", totals->bundle_share_at_most_one_trip}};
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return absl::OkStatus();
  }
  std::cout << absl::StrFormat("%s — %d matters, %d bundles%s\n\n", catalog->name(), matters.size(), bundles.size(),
                               options.start ? absl::StrCat(", accepted ", onetrip::format_date(*options.start)) : "");
  std::cout << "MATTERS (each alone)           trips  worst  windows  working days  (counted)  due\n";
  for (onetrip::MatterIndex i = 0; i < matters.size(); ++i) {
    std::cout << absl::StrFormat("%-14s %s\n  %28s %5d  %5d  %7d  %12d  %9d  %s\n", matters[i].code, matters[i].name,
                                 "", evaluation->matter_trips[i], evaluation->matter_worst_case[i],
                                 evaluation->matter_window_contacts[i], evaluation->matter_workdays[i],
                                 evaluation->matter_counted_workdays[i], due_text(evaluation->matter_due[i]));
    for (const std::string& line : trip_lines(*catalog, onetrip::evaluate_trips(*catalog, i))) {
      std::cout << "    " << line << "\n";
    }
  }
  std::cout << "\nBUNDLES                        trips  worst  windows  working days  (counted)  due\n";
  for (onetrip::BundleIndex b = 0; b < bundles.size(); ++b) {
    const onetrip::BundleSchedule schedule = onetrip::schedule_bundle(*catalog, b);
    std::vector<std::string> path;
    for (uint32_t member : schedule.critical_path) path.push_back(matters[bundles[b].members[member]].name);
    std::cout << absl::StrFormat("%-14s %s\n  %28s %5d  %5d  %7d  %12d  %9d  %s%s\n", bundles[b].id, bundles[b].name,
                                 "", evaluation->bundle_trips[b], evaluation->bundle_worst_case[b],
                                 evaluation->bundle_window_contacts[b], evaluation->bundle_workdays[b],
                                 evaluation->bundle_counted_workdays[b], due_text(evaluation->bundle_due[b]),
                                 evaluation->bundle_over_joint_limit[b] ? "  (over 45 working days, 第四十二条)" : "");
    std::cout << "    critical path: " << absl::StrJoin(path, " → ") << "\n";
    for (const std::string& line : trip_lines(*catalog, onetrip::evaluate_bundle_trips(*catalog, b))) {
      std::cout << "    " << line << "\n";
    }
    const onetrip::BundleMaterials prepared = onetrip::bundle_materials(*catalog, b);
    std::cout << absl::StrFormat("    materials: %d to prepare (%d before merging, %d shared by data)\n",
                                 prepared.after_merging, prepared.before_merging, prepared.shared);
  }
  std::cout << absl::StrFormat(
      "\nINDICATORS\n  matters at 0 trips (跑零次)           %5.1f%%\n  matters at ≤1 trip (最多跑一次 实现率)  "
      "%5.1f%%\n"
      "  mean trips                          %6.2f (worst case %.2f)\n  immediate matters (即办件)          %5.1f%%\n"
      "  mean promised/legal limit           %6.2f\n  bundles at ≤1 trip                  %5.1f%%\n",
      100 * totals->share_zero_trips, 100 * totals->share_at_most_one_trip, totals->mean_trips, totals->mean_worst_case,
      100 * totals->share_immediate, totals->mean_promised_legal_ratio, 100 * totals->bundle_share_at_most_one_trip);
  return absl::OkStatus();
}

absl::Status run_audit(const Args& args) {
  auto catalog = catalog_arg(args, 1, "audit needs one catalogue file");
  if (!catalog.ok()) return catalog.status();
  const auto findings = onetrip::audit(*catalog);
  std::cout << absl::StrFormat("%s: %d finding%s\n", catalog->name(), findings.size(), findings.size() == 1 ? "" : "s");
  for (const onetrip::Finding& f : findings) {
    std::cout << absl::StrFormat("  [%s] %s\n", onetrip::to_string(f.rule), f.message);
  }
  return absl::OkStatus();
}

absl::Status run_dot(const Args& args) {
  auto catalog = catalog_arg(args, 2, "dot needs a catalogue file and a bundle id");
  if (!catalog.ok()) return catalog.status();
  auto bundle = catalog->find_bundle(args.positional[1]);
  if (!bundle) return absl::NotFoundError(absl::StrCat("no bundle \"", args.positional[1], "\" in the catalogue"));
  std::cout << onetrip::bundle_dot(*catalog, *bundle);
  return absl::OkStatus();
}

absl::StatusOr<onetrip::Catalog> apply_file(const onetrip::Catalog& base, const std::string& path);

absl::Status run_bpmn(const Args& args) {
  auto catalog = catalog_arg(args, 2, "bpmn needs a catalogue file and a bundle id");
  if (!catalog.ok()) return catalog.status();
  if (auto it = args.options.find("before"); it != args.options.end()) {
    catalog = apply_file(*catalog, it->second);
    if (!catalog.ok()) return catalog.status();
  }
  auto bundle = catalog->find_bundle(args.positional[1]);
  if (!bundle) return absl::NotFoundError(absl::StrCat("no bundle \"", args.positional[1], "\" in the catalogue"));
  onetrip::BpmnOptions options;
  if (auto it = args.options.find("engine"); it != args.options.end()) {
    auto engine = onetrip::parse_bpmn_engine(it->second);
    if (!engine.ok()) return engine.status();
    options.engine = *engine;
  }
  if (auto it = args.options.find("business-calendar"); it != args.options.end())
    options.business_calendar = it->second;
  auto calendar = calendar_for(args);
  if (!calendar.ok()) return calendar.status();
  if (auto it = args.options.find("start"); it != args.options.end()) {
    auto start = onetrip::parse_date(it->second);
    if (!start.ok()) return start.status();
    options.accepted = *start;
    options.calendar = &*calendar;
  }
  auto xml = onetrip::export_bpmn(*catalog, *bundle, options);
  if (!xml.ok()) return xml.status();
  std::cout << *xml;
  return absl::OkStatus();
}

absl::Status run_bpmn_import(const Args& args) {
  if (args.positional.size() != 1) return absl::InvalidArgumentError("bpmn-import needs one BPMN file");
  std::ifstream in(args.positional[0], std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", args.positional[0]));
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto imported = onetrip::import_bpmn(xml);
  if (!imported.ok()) {
    return absl::Status(imported.status().code(), absl::StrCat(args.positional[0], ": ", imported.status().message()));
  }
  for (const auto& u : imported->unmapped) {
    std::cerr << args.positional[0] << ": " << u.kind << " '" << u.id << "': " << u.note << "\n";
  }
  std::cout << imported->catalog.save_json();
  return absl::OkStatus();
}

absl::StatusOr<onetrip::Catalog> apply_file(const onetrip::Catalog& base, const std::string& path) {
  auto scenario = onetrip::load_scenario_file(path);
  if (!scenario.ok()) return scenario.status();
  auto after = onetrip::apply(base, *scenario);
  if (!after.ok()) return absl::Status(after.status().code(), absl::StrCat(path, ": ", after.status().message()));
  return after;
}

absl::Status run_whatif(const Args& args) {
  auto catalog = catalog_arg(args, 2, "whatif needs a catalogue file and a scenario file");
  if (!catalog.ok()) return catalog.status();
  onetrip::Catalog base = *catalog;
  if (auto it = args.options.find("before"); it != args.options.end()) {
    auto before = apply_file(base, it->second);
    if (!before.ok()) return before.status();
    base = *std::move(before);
  }
  auto after = apply_file(base, args.positional[1]);
  if (!after.ok()) return after.status();
  onetrip::Volumes volumes;
  auto [begin, end] = args.options.equal_range("volumes");
  for (auto it = begin; it != end; ++it) {
    auto more = onetrip::load_volumes_file(base, it->second);
    if (!more.ok()) return more.status();
    for (const auto& [code, v] : more->matters) volumes.matters[code] += v;
    for (const auto& [id, v] : more->bundles) volumes.bundles[id] += v;
    volumes.unassigned.insert(volumes.unassigned.end(), more->unassigned.begin(), more->unassigned.end());
  }
  auto cmp = onetrip::compare(base, *after, volumes);
  if (!cmp.ok()) return cmp.status();
  std::cout << absl::StrFormat("%d matters and %d bundles changed\n\n", cmp->matters_changed, cmp->bundles_changed);
  const auto row = [](const auto& d, const std::string& id) {
    std::cout << absl::StrFormat(
        "%-14s %s\n  %14s %d→%d  %d→%d  %d→%d  %2d→%-2d  %11.1f  %11.1f  %11.1f  %10.1f\n    %s\n", id, d.name, "",
        d.trips_before, d.trips_after, d.worst_before, d.worst_after, d.windows_before, d.windows_after, d.days_before,
        d.days_after, d.volume, d.trips_saved, d.worst_case_saved, d.days_saved, d.change);
  };
  const char* header =
      "                trips worst windows days    cases/month  trips saved  worst saved  days saved\n";
  std::cout << "MATTERS\n" << header;
  for (const onetrip::MatterDelta& d : cmp->matters) {
    if (!d.change.empty()) row(d, d.code);
  }
  std::cout << "\nBUNDLES\n" << header;
  for (const onetrip::BundleDelta& d : cmp->bundles) {
    if (!d.change.empty()) row(d, d.id);
  }
  std::cout << "\nBY DEPARTMENT          cases/month  trips saved  days saved\n";
  for (const onetrip::DepartmentSavings& d : cmp->departments) {
    std::cout << absl::StrFormat("  %-18s %11.1f  %11.1f  %10.1f\n", d.name, d.volume, d.trips_saved, d.days_saved);
  }
  std::cout << absl::StrFormat(
      "\nTOTAL: %.1f trips and %.1f applicant working days saved per month (%.1f trips in the worst case)\n",
      cmp->trips_saved, cmp->days_saved, cmp->worst_case_saved);
  std::cout << absl::StrFormat("最多跑一次 实现率 %.1f%% → %.1f%%, 跑零次 %.1f%% → %.1f%%, mean trips %.2f → %.2f%s\n",
                               100 * cmp->before.share_at_most_one_trip, 100 * cmp->after.share_at_most_one_trip,
                               100 * cmp->before.share_zero_trips, 100 * cmp->after.share_zero_trips,
                               cmp->before.mean_trips, cmp->after.mean_trips,
                               cmp->before.weighted ? " (weighted by cases)" : "");
  for (const std::string& note : volumes.unassigned) std::cout << "  note: " << note << "\n";
  return absl::OkStatus();
}

absl::StatusOr<onetrip::Date> month_arg(const Args& args, const char* name) {
  auto text = args.one(name);
  if (!text.ok()) return text.status();
  auto d = onetrip::parse_date(*text + "-01");
  if (text->size() != 7 || !d.ok()) {
    return absl::InvalidArgumentError(absl::StrFormat("--%s: \"%s\" is not a month (YYYY-MM)", name, *text));
  }
  return *d;
}

absl::Status run_roadmap(const Args& args) {
  auto catalog = catalog_arg(args, 2, "roadmap needs a catalogue file and a scenario file");
  if (!catalog.ok()) return catalog.status();
  if (auto it = args.options.find("before"); it != args.options.end()) {
    auto before = apply_file(*catalog, it->second);
    if (!before.ok()) return before.status();
    catalog = *std::move(before);
  }
  auto scenario = onetrip::load_scenario_file(args.positional[1]);
  if (!scenario.ok()) return scenario.status();
  auto from = month_arg(args, "from");
  if (!from.ok()) return from.status();
  auto to = month_arg(args, "to");
  if (!to.ok()) return to.status();
  auto calendar = calendar_for(args);
  if (!calendar.ok()) return calendar.status();
  onetrip::MonthlyVolumes volumes;
  auto [begin, end] = args.options.equal_range("volumes");
  for (auto it = begin; it != end; ++it) {
    auto more = onetrip::load_volumes_file(*catalog, it->second);
    if (!more.ok()) return more.status();
    for (const auto& [code, v] : more->matters) volumes.every_month.matters[code] += v;
    for (const auto& [id, v] : more->bundles) volumes.every_month.bundles[id] += v;
  }
  if (auto it = args.options.find("monthly"); it != args.options.end()) {
    auto monthly = onetrip::load_monthly_volumes_file(*catalog, it->second);
    if (!monthly.ok()) return monthly.status();
    volumes.months = std::move(monthly->months);
    volumes.where = std::move(monthly->where);
    for (auto& [month, where] : volumes.where) where = absl::StrCat(it->second, ": ", where);
  }
  auto r = onetrip::roadmap(*catalog, *scenario, *calendar, onetrip::RoadmapOptions{*from, *to}, volumes);
  if (!r.ok()) return absl::Status(r.status().code(), absl::StrCat(args.positional[1], ": ", r.status().message()));
  const std::string format = args.options.count("format") ? args.options.find("format")->second : "table";
  if (format == "csv") {
    std::cout << "month,reform,effective_from,share_in_force,trips_saved,worst_case_saved,windows_saved,days_saved,"
                 "volume,share_zero_trips,share_at_most_one_trip,mean_trips\n";
    for (const onetrip::RoadmapMonth& m : r->months) {
      const std::string month = onetrip::format_date(m.month).substr(0, 7);
      for (size_t k = 0; k < r->reforms.size(); ++k) {
        const onetrip::ReformMonth& x = m.reforms[k];
        std::cout << absl::StrFormat("%s,\"%s\",%s,%.6g,%.6g,%.6g,%.6g,%.6g,,,,\n", month, r->reforms[k].label,
                                     onetrip::format_date(r->reforms[k].effective_from), x.share_in_force,
                                     x.trips_saved, x.worst_case_saved, x.windows_saved, x.days_saved);
      }
      std::cout << absl::StrFormat("%s,total,,,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g\n", month, m.trips_saved,
                                   m.worst_case_saved, m.windows_saved, m.days_saved, m.volume,
                                   m.indicators.share_zero_trips, m.indicators.share_at_most_one_trip,
                                   m.indicators.mean_trips);
    }
    return absl::OkStatus();
  }
  if (format != "table") return absl::InvalidArgumentError("--format: table or csv");
  std::cout << "DATED REFORMS\n";
  for (size_t k = 0; k < r->reforms.size(); ++k) {
    const onetrip::RoadmapReform& x = r->reforms[k];
    std::cout << absl::StrFormat("  R%-2d %s  %-40s %d matters, %d bundles changed\n", k + 1,
                                 onetrip::format_date(x.effective_from), x.label, x.matters_changed, x.bundles_changed);
  }
  std::cout << absl::StrFormat("\nbefore any dated reform: 最多跑一次 %.1f%%, 跑零次 %.1f%%, mean trips %.2f\n\n",
                               100 * r->before.share_at_most_one_trip, 100 * r->before.share_zero_trips,
                               r->before.mean_trips);
  std::cout << "month     cases     trips saved  worst saved  windows saved  days saved  最多跑一次  跑零次\n";
  for (const onetrip::RoadmapMonth& m : r->months) {
    std::cout << absl::StrFormat("%s  %9.1f  %11.1f  %11.1f  %13.1f  %10.1f  %9.1f%%  %5.1f%%\n",
                                 onetrip::format_date(m.month).substr(0, 7), m.volume, m.trips_saved,
                                 m.worst_case_saved, m.windows_saved, m.days_saved,
                                 100 * m.indicators.share_at_most_one_trip, 100 * m.indicators.share_zero_trips);
  }
  std::cout << "\ntrips saved by reform and month\nmonth   ";
  for (size_t k = 0; k < r->reforms.size(); ++k) std::cout << absl::StrFormat("  %7s", absl::StrCat("R", k + 1));
  std::cout << "\n";
  for (const onetrip::RoadmapMonth& m : r->months) {
    std::cout << onetrip::format_date(m.month).substr(0, 7) << " ";
    for (const onetrip::ReformMonth& x : m.reforms) std::cout << absl::StrFormat("  %7.1f", x.trips_saved);
    std::cout << "\n";
  }
  if (!r->months.empty() && !r->months[0].volume_weighted) {
    std::cout << "\n(no volumes: every matter in force counts one case a month)\n";
  }
  return absl::OkStatus();
}

absl::Status run_asof(const Args& args) {
  auto catalog = catalog_arg(args, 2, "asof needs a catalogue file and a date");
  if (!catalog.ok()) return catalog.status();
  auto day = onetrip::parse_date(args.positional[1]);
  if (!day.ok()) return day.status();
  onetrip::Scenario scenario;
  if (auto it = args.options.find("scenario"); it != args.options.end()) {
    auto loaded = onetrip::load_scenario_file(it->second);
    if (!loaded.ok()) return loaded.status();
    scenario = *std::move(loaded);
  }
  auto in_force = onetrip::as_of(*catalog, scenario, *day);
  if (!in_force.ok()) return in_force.status();
  return in_force->write_json(std::cout);
}

absl::Status run_diff(const Args& args) {
  auto a = catalog_arg(args, 2, "diff needs two catalogue files");
  if (!a.ok()) return a.status();
  auto b = onetrip::Catalog::load_file(args.positional[1]);
  if (!b.ok()) return b.status();
  const onetrip::CatalogDiff d = onetrip::diff(*a, *b);
  for (const onetrip::FieldChange& c : d.changes) {
    std::cout << (c.affects_figures ? "  " : "* ") << onetrip::describe(c) << "\n";
  }
  std::cout << absl::StrFormat("%d halls, %d departments, %d materials, %d matters, %d bundles differ\n",
                               d.halls_changed, d.departments_changed, d.materials_changed, d.matters_changed,
                               d.bundles_changed);
  return absl::OkStatus();
}

absl::Status run_generate(const Args& args) {
  onetrip::GeneratorOptions options;
  auto matters = args.one("matters");
  if (!matters.ok()) return matters.status();
  if (!absl::SimpleAtoi(*matters, &options.matters)) {
    return absl::InvalidArgumentError(absl::StrCat("--matters: \"", *matters, "\" is not a number"));
  }
  if (auto it = args.options.find("seed"); it != args.options.end() && !absl::SimpleAtoi(it->second, &options.seed)) {
    return absl::InvalidArgumentError(absl::StrCat("--seed: \"", it->second, "\" is not a number"));
  }
  auto catalog = onetrip::generate_catalog(options);
  if (!catalog.ok()) return catalog.status();
  return catalog->write_json(std::cout);  // streamed: the text is never held whole
}

absl::Status run_report(const Args& args) {
  auto cases = args.one("cases");
  if (!cases.ok()) return cases.status();
  auto month_text = args.one("month");
  if (!month_text.ok()) return month_text.status();
  auto month = onetrip::parse_month(*month_text);
  if (!month.ok()) return absl::InvalidArgumentError(absl::StrCat("--month: ", month.status().message()));
  std::optional<onetrip::Catalog> catalog;
  if (auto it = args.options.find("catalog"); it != args.options.end()) {
    auto loaded = onetrip::Catalog::load_file(it->second);
    if (!loaded.ok()) return loaded.status();
    catalog = *std::move(loaded);
  }
  const onetrip::Calendar china = onetrip::Calendar::china();
  onetrip::MonthlyReport report(china, catalog ? &*catalog : nullptr);
  std::vector<onetrip::Problem> problems;
  const bool strict = args.options.count("strict") > 0;
  if (auto s = report.add_csv_file(*cases, strict, &problems); !s.ok()) return s;
  for (size_t i = 0; i < problems.size() && i < 20; ++i) {
    std::cerr << absl::StrFormat("%s %s: %s (skipped)\n", *cases, problems[i].path, problems[i].message);
  }
  auto table = report.finish(month->year, month->month);
  if (!table.ok()) return table.status();
  std::string hall;
  if (auto it = args.options.find("hall"); it != args.options.end()) {
    hall = it->second;
  } else if (catalog && !catalog->halls().empty()) {
    hall = catalog->halls()[0].name;
  } else if (!table->halls.empty()) {
    hall = table->halls[0].hall;
  }
  std::string format = "table";
  if (auto it = args.options.find("format"); it != args.options.end()) format = it->second;
  std::string which = "both";
  if (auto it = args.options.find("table"); it != args.options.end()) which = it->second;
  if (which != "both" && which != "windows" && which != "halls" && which != "all") {
    return absl::InvalidArgumentError(absl::StrCat("--table: \"", which, "\" is not both, windows, halls or all"));
  }
  if (format == "csv") {
    if (which == "all") {
      // Every column of every window of every hall (the bulletin's tables are a selection).
      std::cout << table->csv(onetrip::ReportPart::kWindows);
      return absl::OkStatus();
    }
    if (which != "halls") std::cout << table->windows_csv(hall);
    if (which == "both") std::cout << "\n";
    if (which != "windows") std::cout << table->halls_csv(hall);
    return absl::OkStatus();
  }
  if (format != "table")
    return absl::InvalidArgumentError(absl::StrCat("--format: \"", format, "\" is not table or csv"));
  const std::string month_name = onetrip::format_month(*month);
  if (which != "halls") {
    std::cout << absl::StrFormat("审批服务情况月报表  %s  %s   (%d cases%s)\n", hall, month_name, report.cases(),
                                 report.skipped() ? absl::StrFormat(", %d rows skipped", report.skipped()) : "");
    std::cout << table->windows_text(hall);
  }
  if (which == "both") std::cout << "\n";
  if (which != "windows") {
    std::cout << absl::StrFormat("分中心审批服务情况月报表  %s\n", month_name);
    std::cout << table->halls_text(hall);
  }
  return absl::OkStatus();
}

// The implementation-list tables to a catalogue (docs/listing-import.md).
absl::Status run_import_listing(const Args& args) {
  if (!args.positional.empty()) return absl::InvalidArgumentError("import-listing takes its files as --basic FILE …");
  onetrip::ListingInput input;
  const std::pair<const char*, onetrip::ListingTableKind> tables[] = {
      {"basic", onetrip::ListingTableKind::kBasic},
      {"extend", onetrip::ListingTableKind::kExtend},
      {"materials", onetrip::ListingTableKind::kMaterials},
      {"fees", onetrip::ListingTableKind::kFees},
      {"halls", onetrip::ListingTableKind::kHalls},
      {"departments", onetrip::ListingTableKind::kDepartments},
      {"material-defs", onetrip::ListingTableKind::kMaterialDefs}};
  for (const auto& [option, kind] : tables) {
    auto it = args.options.find(option);
    if (it == args.options.end()) continue;
    const std::string& path = it->second;
    if (path.size() > 5 && (path.substr(path.size() - 5) == ".xlsx" || path.substr(path.size() - 4) == ".xls")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", option, " ", path, ": the tool reads CSV; save the sheet as CSV, or read the workbook with ",
          "/usr/bin/python3 -c 'import onetrip.listing as l; l.read(basic=\"basic.xlsx\", …)'"));
    }
    auto table = onetrip::read_listing_csv_file(path);
    if (!table.ok()) return table.status();
    input.set(kind, *std::move(table));
  }
  if (input.table(onetrip::ListingTableKind::kBasic) == nullptr) return absl::InvalidArgumentError("missing --basic");
  onetrip::ListingOptions options;
  options.strict = args.options.count("strict") > 0;
  if (auto it = args.options.find("name"); it != args.options.end()) options.name = it->second;
  auto imported = onetrip::import_listing(input, options);
  if (!imported.ok()) return imported.status();
  const auto write = [](const std::string& path, const std::string& text) -> absl::Status {
    if (path == "-") {
      std::cout << text;
      return absl::OkStatus();
    }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return absl::NotFoundError(absl::StrCat(path, ": cannot write the file"));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if (std::fclose(f) != 0 || !ok) return absl::DataLossError(absl::StrCat(path, ": writing failed"));
    return absl::OkStatus();
  };
  if (auto it = args.options.find("report"); it != args.options.end()) {
    if (auto s = write(it->second, imported->report.csv()); !s.ok()) return s;
  }
  auto out = args.options.find("out");
  if (auto s = write(out == args.options.end() ? "-" : out->second, imported->catalog.save_json()); !s.ok()) return s;
  if (auto it = args.options.find("audit"); it != args.options.end()) {
    const std::string csv = onetrip::listing_audit_csv(imported->catalog);
    if (auto s = write(it->second, csv); !s.ok()) return s;
  }
  const onetrip::MappingReport& report = imported->report;
  std::cerr << absl::StrFormat(
      "imported %d matters; report: %d mapped, %d defaulted, %d not understood, %d ignored columns, %d rejected "
      "(%d rows)\n",
      imported->catalog.matters().size(), report.count(onetrip::MappingOutcome::kMapped),
      report.count(onetrip::MappingOutcome::kDefaulted), report.count(onetrip::MappingOutcome::kNotUnderstood),
      report.count(onetrip::MappingOutcome::kIgnored), report.count(onetrip::MappingOutcome::kRejected),
      imported->rejected_rows);
  for (size_t i = 0; i < report.size(); ++i) {
    const auto outcome = report.outcome(i);
    if (outcome != onetrip::MappingOutcome::kRejected && outcome != onetrip::MappingOutcome::kNotUnderstood) continue;
    std::cerr << absl::StrFormat("  %s row %d%s: %s%s%s\n", report.file(i), report.row(i),
                                 report.column(i).empty() ? "" : absl::StrCat(" column ", report.column(i)),
                                 onetrip::to_string(outcome),
                                 report.value(i).empty() ? "" : absl::StrCat(" \"", report.value(i), "\""),
                                 report.note(i).empty() ? "" : absl::StrCat(": ", report.note(i)));
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "help" || std::string(argv[1]) == "--help") {
    std::cout << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  auto args = parse_args(argc, argv, 2);
  absl::Status status;
  if (!args.ok()) {
    status = args.status();
  } else if (command == "deadline") {
    status = run_deadline(*args);
  } else if (command == "calendar") {
    status = run_calendar(*args);
  } else if (command == "clock") {
    status = run_clock(*args);
  } else if (command == "validate") {
    status = run_validate(*args);
  } else if (command == "format") {
    status = run_format(*args);
  } else if (command == "evaluate") {
    status = run_evaluate(*args);
  } else if (command == "audit") {
    status = run_audit(*args);
  } else if (command == "dot") {
    status = run_dot(*args);
  } else if (command == "bpmn") {
    status = run_bpmn(*args);
  } else if (command == "bpmn-import") {
    status = run_bpmn_import(*args);
  } else if (command == "report") {
    status = run_report(*args);
  } else if (command == "generate") {
    status = run_generate(*args);
  } else if (command == "whatif") {
    status = run_whatif(*args);
  } else if (command == "roadmap") {
    status = run_roadmap(*args);
  } else if (command == "asof") {
    status = run_asof(*args);
  } else if (command == "diff") {
    status = run_diff(*args);
  } else if (command == "import-listing") {
    status = run_import_listing(*args);
  } else if (command == "notice") {  // examples/cli/notice.cpp
    NoticeCommand notice;
    if (args->positional.size() == 2) {
      notice.catalog = args->positional[0];
      notice.code = args->positional[1];
    }
    for (auto [it, end] = args->options.equal_range("answer"); it != end; ++it) notice.answers.push_back(it->second);
    for (auto [it, end] = args->options.equal_range("calendar"); it != end; ++it)
      notice.calendars.push_back(it->second);
    if (auto format = args->one("format"); format.ok()) notice.format = *format;
    if (auto start = args->one("start"); start.ok()) notice.start = *start;
    return run_notice(notice, std::cout, std::cerr);
  } else if (command == "version" || command == "--version") {
    std::cout << "onetrip " << onetrip::version_string() << "\n";
  } else {
    std::cerr << "onetrip: unknown command \"" << command << "\"\n\n" << kUsage;
    return 2;
  }
  if (!status.ok()) {
    std::cerr << "onetrip " << command << ": " << status.message() << "\n";
    return 1;
  }
  return 0;
}
