// The one-time notice (onetrip/notice.hpp) for onetrip/notice.py: the answers
// from a dict, the notice back as its JSON form (the one table of its fields,
// which notice.py reads into the Notice class) and its Chinese text.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "bindings.hpp"
#include "onetrip/notice.hpp"

namespace onetrip::python {

namespace {

AnswerValue answer_value(const std::string& question, py::handle v) {
  const std::string what = "answers[\"" + question + "\"]";
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>();
  if (py::isinstance<py::int_>(v) || py::isinstance<py::float_>(v)) return v.cast<double>();
  if (py::isinstance<py::str>(v)) return v.cast<std::string>();
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v) || py::isinstance<py::set>(v) ||
      py::isinstance<py::frozenset>(v)) {
    std::vector<std::string> choices;
    for (py::handle c : v) {
      if (!py::isinstance<py::str>(c)) {
        throw py::type_error(what + ": expected choices as strings, got " + type_name(c));
      }
      choices.push_back(c.cast<std::string>());
    }
    return choices;
  }
  if (py::hasattr(v, "year") && py::hasattr(v, "month") && py::hasattr(v, "day")) return to_date(v, what.c_str());
  throw py::type_error(what + ": expected bool, a number, str, a list of str or a datetime.date, got " + type_name(v));
}

}  // namespace

void init_notice(py::module_& m) {
  // (notice JSON, notice text) for answers {question id: value}.
  m.def(
      "_notice",
      [](const Catalog& catalog, const std::string& code, py::handle answers, py::handle start, py::handle calendar) {
        std::vector<Answer> given;
        if (!answers.is_none()) {
          if (!py::isinstance<py::dict>(answers)) {
            throw py::type_error("answers: expected a dict {question: answer}, got " + type_name(answers));
          }
          for (auto [key, value] : answers.cast<py::dict>()) {
            if (!py::isinstance<py::str>(key)) {
              throw py::type_error("answers: expected question ids as str, got " + type_name(key));
            }
            const std::string question = key.cast<std::string>();
            given.push_back({question, answer_value(question, value)});
          }
        }
        Calendar cal = calendar_arg(calendar);
        NoticeOptions options;
        if (!start.is_none()) {
          options.start = to_date(start, "start");
          options.calendar = &cal;
        }
        absl::StatusOr<Notice> notice;
        {
          py::gil_scoped_release release;
          notice = onetrip::notice(catalog, code, given, options);
        }
        const Notice n = unwrap(std::move(notice));
        return py::make_tuple(notice_json(catalog, n), notice_text(catalog, n));
      },
      py::arg("catalog"), py::arg("code"), py::arg("answers"), py::arg("start"), py::arg("calendar"));
}

}  // namespace onetrip::python
