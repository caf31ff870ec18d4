// A problem found in an input, with where it is.
#ifndef ONETRIP_PROBLEM_HPP_
#define ONETRIP_PROBLEM_HPP_

#include <string>

namespace onetrip {

struct Problem {
  std::string path;     // a JSON path ("$.matters[3].promise_day") or "line 12" for CSV input
  std::string message;  // one clear sentence
  friend bool operator==(const Problem& a, const Problem& b) { return a.path == b.path && a.message == b.message; }
};

}  // namespace onetrip

#endif  // ONETRIP_PROBLEM_HPP_
