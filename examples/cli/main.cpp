// onetrip — the command-line tool over the C++ API.
//
//   onetrip deadline --start 2017-09-29 --days 20 [--calendar YEAR.json]
//   onetrip calendar 2017-10 [--calendar YEAR.json]
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/version.hpp"

namespace {

constexpr const char* kUsage =
    "usage: onetrip COMMAND [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  deadline --start DATE --days N   the due date of a limit of N working days from acceptance\n"
    "                                   on DATE (the acceptance day not counted), and the days skipped\n"
    "  calendar YYYY-MM                 the month with its holidays (休) and makeup working days (班)\n"
    "  validate CATALOG.json            check a catalogue: every problem with its JSON path (exit 1),\n"
    "                                   or a summary of what it holds (exit 0)\n"
    "  format CATALOG.json              the catalogue in canonical form (what save gives), on stdout\n"
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
    if (arg.rfind("--", 0) == 0) {
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
                                 info.workday ? "counted" : "skipped", onetrip::day_kind_name(info.kind),
                                 info.name);
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

  std::cout << absl::StrFormat("%s  (calendar: %s; 休 holiday, 班 makeup working day)\n", month_text,
                               calendar->name());
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
  } else if (command == "validate") {
    status = run_validate(*args);
  } else if (command == "format") {
    status = run_format(*args);
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
