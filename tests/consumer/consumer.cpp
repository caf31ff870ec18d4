// A C++ program built against the installed onetrip::onetrip.
#include <iostream>

#include "onetrip/calendar.hpp"

int main() {
  const onetrip::Calendar china = onetrip::Calendar::china();
  auto due = china.add_workdays(onetrip::Date(2017, 9, 29), 20);
  if (!due.ok() || *due != onetrip::Date(2017, 11, 2)) {
    std::cerr << "unexpected due date\n";
    return 1;
  }
  std::cout << "C++ consumer: due " << onetrip::format_date(*due) << "\n";
  return 0;
}
