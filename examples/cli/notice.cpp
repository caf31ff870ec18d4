// onetrip notice CATALOG MATTER_OR_BUNDLE --answer q=v ... [--start DATE]
// [--json]: the one-time notice (一次性告知) for one applicant's
// answers, written by the library (notice_text / notice_json).
#include <iostream>

#include "onetrip/notice.hpp"
#include "tool.hpp"

namespace onetrip::tool {

absl::Status run_notice(const NoticeArgs& args) {
  auto catalog = load_catalog(args.catalog);
  if (!catalog.ok()) return catalog.status();
  auto calendar = load_calendar(args.calendars);
  if (!calendar.ok()) return calendar.status();
  NoticeOptions options;
  if (!args.start.empty()) {
    options.calendar = &*calendar;
    options.start = *parse_date(args.start);  // checked by the parser
  }
  auto notice = onetrip::notice(*catalog, args.code, args.answers, options);
  if (!notice.ok()) return notice.status();
  std::cout << (args.json ? notice_json(*catalog, *notice) : notice_text(*catalog, *notice));
  return absl::OkStatus();
}

}  // namespace onetrip::tool
