#include "onetrip/report.hpp"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "json_support.hpp"

namespace onetrip {

namespace {

constexpr int32_t kNone = -1;

int32_t month_index(Date d) {
  const auto ymd = d.year_month_day();
  return static_cast<int32_t>(ymd.year) * 12 + (static_cast<int32_t>(ymd.month) - 1);
}

// Cases that agree on everything the report asks of them are counted together.
struct Key {
  uint32_t hall = 0;
  uint32_t department = 0;
  bool immediate = false;
  bool joint = false;
  int32_t received = 0;  // month index
  int32_t completed = kNone;
  int32_t due = kNone;                // month index of the due date, kNone without a limit
  bool due_before_month_end = false;  // due before the last day of its month
  int8_t on_time = -1;                // for completed cases with a limit: 1 on time, 0 late
  template <typename H>
  friend H AbslHashValue(H h, const Key& k) {
    return H::combine(std::move(h), k.hall, k.department, k.immediate, k.joint, k.received, k.completed, k.due,
                      k.due_before_month_end, k.on_time);
  }
  friend bool operator==(const Key& a, const Key& b) {
    return a.hall == b.hall && a.department == b.department && a.immediate == b.immediate && a.joint == b.joint &&
           a.received == b.received && a.completed == b.completed && a.due == b.due &&
           a.due_before_month_end == b.due_before_month_end && a.on_time == b.on_time;
  }
};

struct Tally {
  int64_t cases = 0;
  int64_t fee_fen = 0;
};

// Names interned to dense indices, in order of first appearance.
struct Names {
  std::vector<std::string> names;
  absl::flat_hash_map<std::string, uint32_t> index;
  uint32_t intern(std::string_view name) {
    auto it = index.find(absl::string_view(name.data(), name.size()));
    if (it != index.end()) return it->second;
    const auto i = static_cast<uint32_t>(names.size());
    names.emplace_back(name);
    index.emplace(names.back(), i);
    return i;
  }
};

std::string yuan(int64_t fen) { return fen % 100 == 0 ? absl::StrCat(fen / 100) : internal::format_yuan(fen); }

void add_counts(ReportRow& row, const Key& k, const Tally& t, int32_t month, int32_t year) {
  const bool received_month = k.received == month;
  const bool received_year = k.received / 12 == year && k.received <= month;
  const bool completed_month = k.completed == month;
  const bool completed_year = k.completed != kNone && k.completed / 12 == year && k.completed <= month;
  const bool pending = k.received <= month && (k.completed == kNone || k.completed > month);
  const int64_t n = t.cases;
  if (received_month) {
    row.received_month += n;
    (k.immediate ? row.received_month_immediate : row.received_month_promised) += n;
    if (k.joint) row.joint_received_month += n;
  }
  if (received_year) {
    row.received_year += n;
    (k.immediate ? row.received_year_immediate : row.received_year_promised) += n;
    if (k.joint) row.joint_received_year += n;
  }
  if (completed_month) {
    row.completed_month += n;
    (k.immediate ? row.completed_month_immediate : row.completed_month_promised) += n;
    row.fee_month_fen += t.fee_fen;
    if (k.joint) row.joint_completed_month += n;
    if (k.on_time == 1) row.on_time_month += n;
    if (k.on_time == 0) row.late_month += n;
    if (k.on_time < 0) row.without_limit_month += n;
  }
  if (completed_year) {
    row.completed_year += n;
    (k.immediate ? row.completed_year_immediate : row.completed_year_promised) += n;
    row.fee_year_fen += t.fee_fen;
    if (k.joint) row.joint_completed_year += n;
  }
  if (pending) {
    row.pending += n;
    if (k.joint) row.joint_pending += n;
    if (k.due != kNone && (k.due < month || (k.due == month && k.due_before_month_end))) row.overdue_pending += n;
  }
}

void add_row(ReportRow& to, const ReportRow& from) {
  to.received_month += from.received_month;
  to.received_month_immediate += from.received_month_immediate;
  to.received_month_promised += from.received_month_promised;
  to.received_year += from.received_year;
  to.received_year_immediate += from.received_year_immediate;
  to.received_year_promised += from.received_year_promised;
  to.completed_month += from.completed_month;
  to.completed_month_immediate += from.completed_month_immediate;
  to.completed_month_promised += from.completed_month_promised;
  to.completed_year += from.completed_year;
  to.completed_year_immediate += from.completed_year_immediate;
  to.completed_year_promised += from.completed_year_promised;
  to.fee_month_fen += from.fee_month_fen;
  to.fee_year_fen += from.fee_year_fen;
  to.pending += from.pending;
  to.joint_received_month += from.joint_received_month;
  to.joint_received_year += from.joint_received_year;
  to.joint_completed_month += from.joint_completed_month;
  to.joint_completed_year += from.joint_completed_year;
  to.joint_pending += from.joint_pending;
  to.on_time_month += from.on_time_month;
  to.late_month += from.late_month;
  to.overdue_pending += from.overdue_pending;
  to.without_limit_month += from.without_limit_month;
}

std::vector<std::string_view> split_line(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == line.npos ? line.npos : comma - start));
    if (comma == line.npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

struct MonthlyReport::Impl {
  Calendar calendar;
  const Catalog* catalog;
  Names halls;
  Names departments;
  absl::flat_hash_map<Key, Tally> tallies;
  int64_t cases = 0;
  int64_t skipped = 0;

  // The key of a record, or why it cannot be counted.
  absl::StatusOr<Key> key_of(const CaseRecord& r) {
    if (r.hall.empty()) return absl::InvalidArgumentError("no hall");
    if (r.received.is_special()) return absl::InvalidArgumentError("no received date");
    if (r.completed && *r.completed < r.received) {
      return absl::InvalidArgumentError(
          absl::StrFormat("completed (%s) before received (%s)", format_date(*r.completed), format_date(r.received)));
    }
    if (r.fee_fen < 0) return absl::InvalidArgumentError("a negative fee");
    std::string_view department = r.department;
    std::optional<int32_t> limit = r.limit;
    if (catalog != nullptr && !r.matter.empty()) {
      auto m = catalog->find_matter(r.matter);
      if (!m) return absl::InvalidArgumentError(absl::StrFormat("unknown matter \"%s\"", r.matter));
      const Matter& matter = catalog->matters()[*m];
      if (department.empty()) department = catalog->departments()[matter.department].name;
      if (!limit && matter.promised_limit.unit == LimitUnit::kWorkdays) {
        limit = matter.project_type == ProjectType::kImmediate ? 0 : matter.promised_limit.value;
      }
    }
    if (department.empty()) {
      return absl::InvalidArgumentError(catalog != nullptr && !r.matter.empty()
                                            ? "no department"
                                            : "no department (give one, or a matter and a catalogue)");
    }
    Key k;
    k.hall = halls.intern(r.hall);
    k.department = departments.intern(department);
    k.immediate = r.kind == ProjectType::kImmediate;
    k.joint = r.joint;
    k.received = month_index(r.received);
    if (r.completed) k.completed = month_index(*r.completed);
    if (limit) {
      if (*limit < 0) return absl::InvalidArgumentError("a negative limit");
      auto due = calendar.add_workdays(r.received, *limit);
      if (!due.ok()) return due.status();
      k.due = month_index(*due);
      k.due_before_month_end = *due < due->end_of_month();
      if (r.completed) k.on_time = *r.completed <= *due ? 1 : 0;
    }
    return k;
  }

  void count(const Key& k, int64_t n, int64_t fee) {
    Tally& t = tallies[k];
    t.cases += n;
    t.fee_fen += fee;
    cases += n;
  }

  // One CSV line into a record; the columns are fixed by the header check.
  absl::StatusOr<CaseRecord> parse(std::string_view line, bool has_limit) const {
    const std::vector<std::string_view> f = split_line(line);
    const size_t expected = has_limit ? 10 : 9;
    if (f.size() != expected) {
      return absl::InvalidArgumentError(absl::StrFormat("%d fields, expected %d", f.size(), expected));
    }
    CaseRecord r;
    r.case_id = std::string(f[0]);
    r.matter = std::string(f[1]);
    r.department = std::string(f[2]);
    r.hall = std::string(f[3]);
    if (f[4] == "immediate") {
      r.kind = ProjectType::kImmediate;
    } else if (f[4] == "promised") {
      r.kind = ProjectType::kPromised;
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("kind \"%s\" is not immediate or promised", f[4]));
    }
    auto received = parse_date(f[5]);
    if (!received.ok()) return absl::InvalidArgumentError(absl::StrCat("received: ", received.status().message()));
    r.received = *received;
    if (!f[6].empty()) {
      auto completed = parse_date(f[6]);
      if (!completed.ok()) return absl::InvalidArgumentError(absl::StrCat("completed: ", completed.status().message()));
      r.completed = *completed;
    }
    if (!f[7].empty()) {
      auto fee = internal::parse_yuan(f[7]);
      if (!fee)
        return absl::InvalidArgumentError(absl::StrFormat("fee \"%s\" is not yuan with at most two decimals", f[7]));
      r.fee_fen = *fee;
    }
    if (f[8] == "1") {
      r.joint = true;
    } else if (f[8] != "0" && !f[8].empty()) {
      return absl::InvalidArgumentError(absl::StrFormat("joint \"%s\" is not 0 or 1", f[8]));
    }
    if (has_limit && !f[9].empty()) {
      int32_t limit = 0;
      if (!absl::SimpleAtoi(absl::string_view(f[9].data(), f[9].size()), &limit)) {
        return absl::InvalidArgumentError(absl::StrFormat("limit \"%s\" is not a number of working days", f[9]));
      }
      r.limit = limit;
    }
    return r;
  }
};

MonthlyReport::MonthlyReport(const Calendar& calendar, const Catalog* catalog)
    : impl_(std::make_unique<Impl>(Impl{calendar, catalog, {}, {}, {}, 0, 0})) {}
MonthlyReport::~MonthlyReport() = default;
MonthlyReport::MonthlyReport(MonthlyReport&&) noexcept = default;
MonthlyReport& MonthlyReport::operator=(MonthlyReport&&) noexcept = default;

int64_t MonthlyReport::cases() const { return impl_->cases; }
int64_t MonthlyReport::skipped() const { return impl_->skipped; }

absl::Status MonthlyReport::add(const CaseRecord& record) {
  auto key = impl_->key_of(record);
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrFormat("case \"%s\": %s", record.case_id, key.status().message()));
  }
  impl_->count(*key, 1, record.fee_fen);
  return absl::OkStatus();
}

absl::Status MonthlyReport::add_csv(std::string_view csv, bool strict, std::vector<Problem>* problems_out) {
  internal::Problems problems;
  size_t start = 0;
  size_t line_number = 0;
  bool has_limit = false;
  std::vector<std::pair<Key, int64_t>> staged;  // in strict mode nothing is added until every row is good
  int64_t skipped = 0;
  while (start <= csv.size()) {
    size_t end = csv.find('\n', start);
    if (end == csv.npos) end = csv.size();
    std::string_view line = csv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1) {
      if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
      has_limit = line == "case_id,matter,department,hall,kind,received,completed,fee,joint,limit";
      if (!has_limit && line != "case_id,matter,department,hall,kind,received,completed,fee,joint") {
        problems.add(
            "line 1",
            absl::StrFormat(
                "the header \"%s\" is not case_id,matter,department,hall,kind,received,completed,fee,joint[,limit]",
                internal::escape_invalid_utf8(line)));
        break;
      }
      continue;
    }
    if (line.empty()) continue;
    auto record = impl_->parse(line, has_limit);
    absl::StatusOr<Key> key = record.ok() ? impl_->key_of(*record) : absl::StatusOr<Key>(record.status());
    if (!key.ok()) {
      problems.add(absl::StrCat("line ", line_number), std::string(key.status().message()));
      ++skipped;
      if (strict) break;
      continue;
    }
    if (strict) {
      staged.emplace_back(*key, record->fee_fen);
    } else {
      impl_->count(*key, 1, record->fee_fen);
    }
  }
  if (strict && !problems.empty()) {
    if (problems_out) problems.append_to(*problems_out);
    return problems.to_status("case records (strict: nothing added)");
  }
  for (const auto& [key, fee] : staged) impl_->count(key, 1, fee);
  impl_->skipped += skipped;
  if (problems_out) problems.append_to(*problems_out);
  if (line_number <= 1 && problems.empty()) return absl::InvalidArgumentError("case records: an empty file");
  if (!problems.empty() && skipped == 0) return problems.to_status("case records");  // the header
  return absl::OkStatus();
}

absl::Status MonthlyReport::add_csv_file(const std::string& path, bool strict, std::vector<Problem>* problems) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  auto status = add_csv(*text, strict, problems);
  if (!status.ok()) return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  return status;
}

void MonthlyReport::merge(const MonthlyReport& other) {
  for (const auto& [key, tally] : other.impl_->tallies) {
    Key k = key;
    k.hall = impl_->halls.intern(other.impl_->halls.names[key.hall]);
    k.department = impl_->departments.intern(other.impl_->departments.names[key.department]);
    impl_->count(k, tally.cases, tally.fee_fen);
  }
  impl_->skipped += other.impl_->skipped;
}

absl::StatusOr<ReportTable> MonthlyReport::finish(int year, int month) const {
  if (month < 1 || month > 12 || year < 1400 || year > 9999) {
    return absl::InvalidArgumentError(absl::StrFormat("%04d-%02d is not a month", year, month));
  }
  const int32_t m = year * 12 + (month - 1);
  const Impl& d = *impl_;
  // Rows: with a catalogue, every hall and every window of it in catalogue order, then any others seen.
  std::vector<std::pair<std::string, std::string>> order;
  std::vector<std::string> hall_order;
  const auto add_hall = [&](const std::string& h) {
    if (std::find(hall_order.begin(), hall_order.end(), h) == hall_order.end()) hall_order.push_back(h);
  };
  const auto add_window = [&](const std::string& h, const std::string& dep) {
    if (std::find(order.begin(), order.end(), std::make_pair(h, dep)) == order.end()) order.emplace_back(h, dep);
  };
  if (d.catalog != nullptr) {
    for (const Hall& h : d.catalog->halls()) add_hall(h.name);
    for (HallIndex h = 0; h < d.catalog->halls().size(); ++h) {
      for (const Department& dep : d.catalog->departments()) {
        if (std::find(dep.halls.begin(), dep.halls.end(), h) != dep.halls.end()) {
          add_window(d.catalog->halls()[h].name, dep.name);
        }
      }
    }
  }
  absl::flat_hash_map<std::pair<uint32_t, uint32_t>, ReportRow> rows;
  for (const auto& [key, tally] : d.tallies) add_counts(rows[{key.hall, key.department}], key, tally, m, year);
  for (const std::string& h : d.halls.names) add_hall(h);  // first-seen order, never the hash map's
  // Windows seen in the cases but not in the catalogue, in first-seen order.
  for (uint32_t h = 0; h < d.halls.names.size(); ++h) {
    for (uint32_t dep = 0; dep < d.departments.names.size(); ++dep) {
      if (rows.contains({h, dep})) add_window(d.halls.names[h], d.departments.names[dep]);
    }
  }
  ReportTable table;
  table.year = year;
  table.month = month;
  for (const std::string& h : hall_order) {
    ReportRow hall_row;
    hall_row.hall = h;
    for (const auto& [wh, dep] : order) {
      if (wh != h) continue;
      ReportRow row;
      auto hi = d.halls.index.find(wh);
      auto di = d.departments.index.find(dep);
      if (hi != d.halls.index.end() && di != d.departments.index.end()) {
        if (auto it = rows.find({hi->second, di->second}); it != rows.end()) row = it->second;
      }
      row.hall = wh;
      row.department = dep;
      add_row(hall_row, row);
      table.windows.push_back(std::move(row));
    }
    add_row(table.total, hall_row);
    table.halls.push_back(std::move(hall_row));
  }
  table.total.hall = "合计";
  return table;
}

std::string ReportTable::windows_csv(const std::string& hall) const {
  std::string out =
      "window,recv_m,recv_m_imm,recv_m_prom,recv_c,recv_c_imm,recv_c_prom,done_m,done_m_imm,done_m_prom,done_c,"
      "done_c_imm,done_c_prom,fee_m,fee_c\n";
  ReportRow sum;
  const auto line = [&](const std::string& name, const ReportRow& r) {
    absl::StrAppend(&out, name, ",", r.received_month, ",", r.received_month_immediate, ",", r.received_month_promised,
                    ",", r.received_year, ",", r.received_year_immediate, ",", r.received_year_promised, ",",
                    r.completed_month, ",", r.completed_month_immediate, ",", r.completed_month_promised, ",",
                    r.completed_year, ",", r.completed_year_immediate, ",", r.completed_year_promised, ",",
                    yuan(r.fee_month_fen), ",", yuan(r.fee_year_fen), "\n");
  };
  for (const ReportRow& r : windows) {
    if (r.hall != hall) continue;
    line(r.department, r);
    add_row(sum, r);
  }
  line("合计", sum);
  return out;
}

std::string ReportTable::halls_csv(const std::string& except) const {
  std::string out = "subcentre,recv_m,done_m,fee_m,recv_c,done_c,fee_c\n";
  ReportRow sum;
  const auto line = [&](const std::string& name, const ReportRow& r) {
    absl::StrAppend(&out, name, ",", r.received_month, ",", r.completed_month, ",", yuan(r.fee_month_fen), ",",
                    r.received_year, ",", r.completed_year, ",", yuan(r.fee_year_fen), "\n");
  };
  for (const ReportRow& r : halls) {
    if (r.hall == except) continue;
    line(r.hall, r);
    add_row(sum, r);
  }
  line("合  计", sum);
  return out;
}

}  // namespace onetrip
