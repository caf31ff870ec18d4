// `onetrip notice`: a thin shell over onetrip::notice and its text and JSON forms.
#include "notice.hpp"

#include <ostream>

#include "onetrip/calendar.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/date.hpp"
#include "onetrip/notice.hpp"

int run_notice(const NoticeCommand& command, std::ostream& out, std::ostream& err) {
  if (command.format != "text" && command.format != "json") {
    err << "onetrip notice: --format is text or json, not \"" << command.format << "\"\n";
    return 2;
  }
  if (command.catalog.empty() || command.code.empty()) {
    err << "usage: onetrip notice CATALOG.json MATTER_OR_BUNDLE [--answer QUESTION=VALUE ...] [--format text|json] "
           "[--start DATE]\n";
    return 2;
  }
  auto catalog = onetrip::Catalog::load_file(command.catalog);
  if (!catalog.ok()) {
    err << "onetrip notice: " << catalog.status().message() << "\n";
    return 1;
  }
  onetrip::Calendar calendar = onetrip::Calendar::china();
  for (const std::string& file : command.calendars) {
    auto extended = calendar.with_json_file(file);
    if (!extended.ok()) {
      err << "onetrip notice: " << extended.status().message() << "\n";
      return 1;
    }
    calendar = *std::move(extended);
  }
  onetrip::NoticeOptions options;
  if (command.start) {
    auto start = onetrip::parse_date(*command.start);
    if (!start.ok()) {
      err << "onetrip notice: --start: " << start.status().message() << "\n";
      return 1;
    }
    options.calendar = &calendar;
    options.start = *start;
  }
  auto notice = onetrip::notice(*catalog, command.code, command.answers, options);
  if (!notice.ok()) {
    err << "onetrip notice: " << notice.status().message() << "\n";
    return 1;
  }
  out << (command.format == "json" ? onetrip::notice_json(*catalog, *notice) : onetrip::notice_text(*catalog, *notice));
  return 0;
}
