// Internal to the Python module: a case log given as a DataFrame's columns
// (onetrip/cases.py's _frame_columns prepares them), held as arrays for
// onetrip::CaseColumns. Report.add_frame and the roadmap's case_log= read the
// same columns.
#ifndef ONETRIP_BINDINGS_PYTHON_CASE_COLUMNS_HPP_
#define ONETRIP_BINDINGS_PYTHON_CASE_COLUMNS_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "bindings.hpp"
#include "onetrip/report.hpp"

namespace onetrip::python {

// A column as a C-contiguous array of T, or an empty one for None.
template <class T>
py::array_t<T> column_array(py::handle values) {
  if (values.is_none()) return py::array_t<T>(0);
  return py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(values);
}

// A text column from Python: (codes, categories) or None; the categories are
// kept as UTF-8 here for the call's length.
struct TextArgument {
  py::array_t<int32_t> codes;
  std::vector<std::string> storage;
  std::vector<std::string_view> views;
  TextColumn column() const {
    if (codes.size() == 0 && storage.empty()) return {};
    return {absl::MakeConstSpan(codes.data(), static_cast<size_t>(codes.size())), views};
  }
};

inline TextArgument text_argument(py::dict texts, const char* name) {
  TextArgument out;
  if (!texts.contains(name) || texts[name].is_none()) return out;
  auto pair = texts[name].cast<py::tuple>();
  out.codes = column_array<int32_t>(pair[0]);
  for (py::handle c : pair[1]) out.storage.push_back(c.cast<std::string>());
  out.views.assign(out.storage.begin(), out.storage.end());
  return out;
}

// The columns and the arrays they view: read with the GIL released; case_ids
// (a sequence, or None) is read only for a bad row's id, with the GIL taken.
// Neither copied nor moved: `columns` views its own members.
class FrameColumns {
 public:
  FrameColumns(size_t rows, py::dict texts, py::handle received, py::handle completed, py::handle fee_fen,
               py::handle fee_yuan, py::handle joint, py::handle limit, py::handle limit_given, py::object case_ids,
               py::handle accepted)
      : case_id_(text_argument(texts, "case_id")),
        matter_(text_argument(texts, "matter")),
        department_(text_argument(texts, "department")),
        hall_(text_argument(texts, "hall")),
        kind_(text_argument(texts, "kind")),
        days_(column_array<int64_t>(received)),
        done_(column_array<int64_t>(completed)),
        fen_(column_array<int64_t>(fee_fen)),
        accepted_days_(column_array<int64_t>(accepted)),
        yuan_(column_array<double>(fee_yuan)),
        joint_flags_(column_array<uint8_t>(joint)),
        given_(column_array<uint8_t>(limit_given)),
        limits_(column_array<int32_t>(limit)),
        case_ids_(std::move(case_ids)) {
    const auto span = [](const auto& a) { return absl::MakeConstSpan(a.data(), static_cast<size_t>(a.size())); };
    columns.rows = rows;
    columns.case_id = case_id_.column();
    columns.matter = matter_.column();
    columns.department = department_.column();
    columns.hall = hall_.column();
    columns.kind = kind_.column();
    columns.received = span(days_);
    columns.completed = span(done_);
    columns.fee_fen = span(fen_);
    columns.fee_yuan = span(yuan_);
    columns.joint = span(joint_flags_);
    columns.limit = span(limits_);
    columns.limit_given = span(given_);
    columns.accepted = span(accepted_days_);
    if (!case_ids_.is_none()) {
      columns.case_id_of = [this](size_t row) {
        py::gil_scoped_acquire acquire;
        return py::str(case_ids_[py::int_(row)]).cast<std::string>();
      };
    }
  }
  FrameColumns(const FrameColumns&) = delete;
  FrameColumns& operator=(const FrameColumns&) = delete;

  CaseColumns columns;

 private:
  TextArgument case_id_, matter_, department_, hall_, kind_;
  py::array_t<int64_t> days_, done_, fen_, accepted_days_;
  py::array_t<double> yuan_;
  py::array_t<uint8_t> joint_flags_, given_;
  py::array_t<int32_t> limits_;
  py::object case_ids_;
};

}  // namespace onetrip::python

#endif  // ONETRIP_BINDINGS_PYTHON_CASE_COLUMNS_HPP_
