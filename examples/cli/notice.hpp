// `onetrip notice CATALOG MATTER_OR_BUNDLE --answer q=v ... [--format text|json]
// [--start DATE]`: the one-time notice (一次性告知) for one applicant's answers.
// The parser that reads the command line fills NoticeCommand and calls run_notice.
#ifndef ONETRIP_EXAMPLES_CLI_NOTICE_HPP_
#define ONETRIP_EXAMPLES_CLI_NOTICE_HPP_

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

struct NoticeCommand {
  std::string catalog;                 // the catalogue file
  std::string code;                    // a matter's code or a bundle's id
  std::vector<std::string> answers;    // "question=value", each question once
  std::string format = "text";         // text (Chinese, the default) or json
  std::optional<std::string> start;    // YYYY-MM-DD: the day of application, for the due date
  std::vector<std::string> calendars;  // holiday files added to the China calendar (--calendar)
};

// Prints the notice to `out`, or an error naming what is wrong to `err`.
// Returns the exit status: 0 printed, 1 an error in the input, 2 a usage error.
int run_notice(const NoticeCommand& command, std::ostream& out, std::ostream& err);

#endif  // ONETRIP_EXAMPLES_CLI_NOTICE_HPP_
