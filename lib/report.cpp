#include "onetrip/report.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "boost/crc.hpp"
#include "csv.hpp"
#include "onetrip/format.hpp"
#include "progress_internal.hpp"
#include "report_internal.hpp"
#include "text_support.hpp"

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
  // Forgets the names interned after the first n (a failed call's).
  void truncate(size_t n) {
    for (size_t i = n; i < names.size(); ++i) index.erase(names[i]);
    names.resize(std::min(n, names.size()));
  }
};

// ---- the columns -------------------------------------------------------------

constexpr ReportColumn text(std::string_view name, std::string_view label, std::string ReportRow::*member) {
  return {name, label, ReportColumnType::kText, member, nullptr, nullptr};
}
constexpr ReportColumn count(std::string_view name, std::string_view label, int64_t ReportRow::*member) {
  return {name, label, ReportColumnType::kCount, nullptr, member, nullptr};
}
constexpr ReportColumn money(std::string_view name, std::string_view label, int64_t ReportRow::*member) {
  return {name, label, ReportColumnType::kMoneyFen, nullptr, member, nullptr};
}
constexpr ReportColumn ratio(std::string_view name, std::string_view label, double (*of)(const ReportRow&)) {
  return {name, label, ReportColumnType::kRatio, nullptr, nullptr, of};
}

double share(int64_t part, int64_t whole) {
  return whole == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(part) / static_cast<double>(whole);
}
// Both are parts of the report's cases (see the bounds), so the sum cannot wrap.
double on_time_rate(const ReportRow& r) { return share(r.on_time_month, r.on_time_month + r.late_month); }

// The one table of the report's columns: every surface reads it. A new column is one line here.
constexpr ReportColumn kColumns[] = {
    text("hall", "服务中心", &ReportRow::hall),
    text("window", "窗口", &ReportRow::department),
    count("recv_m", "本月收件", &ReportRow::received_month),
    count("recv_m_imm", "本月收件即办", &ReportRow::received_month_immediate),
    count("recv_m_prom", "本月收件承诺", &ReportRow::received_month_promised),
    count("recv_c", "累计收件", &ReportRow::received_year),
    count("recv_c_imm", "累计收件即办", &ReportRow::received_year_immediate),
    count("recv_c_prom", "累计收件承诺", &ReportRow::received_year_promised),
    count("done_m", "本月办结", &ReportRow::completed_month),
    count("done_m_imm", "本月办结即办", &ReportRow::completed_month_immediate),
    count("done_m_prom", "本月办结承诺", &ReportRow::completed_month_promised),
    count("done_c", "累计办结", &ReportRow::completed_year),
    count("done_c_imm", "累计办结即办", &ReportRow::completed_year_immediate),
    count("done_c_prom", "累计办结承诺", &ReportRow::completed_year_promised),
    money("fee_m", "本月税费（元）", &ReportRow::fee_month_fen),
    money("fee_c", "累计税费（元）", &ReportRow::fee_year_fen),
    count("pending", "待办", &ReportRow::pending),
    count("joint_recv_m", "联办本月收件", &ReportRow::joint_received_month),
    count("joint_recv_c", "联办累计收件", &ReportRow::joint_received_year),
    count("joint_done_m", "联办本月办结", &ReportRow::joint_completed_month),
    count("joint_done_c", "联办累计办结", &ReportRow::joint_completed_year),
    count("joint_pending", "联办待办", &ReportRow::joint_pending),
    count("on_time_m", "本月按时办结", &ReportRow::on_time_month),
    count("late_m", "本月超时办结", &ReportRow::late_month),
    count("overdue_pending", "逾期未办", &ReportRow::overdue_pending),
    count("without_limit_m", "本月无时限办结", &ReportRow::without_limit_month),
    ratio("on_time_rate", "本月按时办结率", &on_time_rate),
    // Added after the columns above: a column is only ever appended (onetrip.h).
    money("tax_m", "其中本月税收（元）", &ReportRow::tax_month_fen),
    money("tax_c", "其中累计税收（元）", &ReportRow::tax_year_fen),
};

constexpr size_t stored(ReportColumnType type) {
  size_t n = 0;
  for (const ReportColumn& c : kColumns) n += c.type == type ? 1 : 0;
  return n;
}
// Every field of ReportRow has its line above: a field added without one fails here.
static_assert(sizeof(ReportRow) ==
                  stored(ReportColumnType::kText) * sizeof(std::string) +
                      (stored(ReportColumnType::kCount) + stored(ReportColumnType::kMoneyFen)) * sizeof(int64_t),
              "every ReportRow field needs its line in kColumns");

// Rows add up figure by figure (no figure can wrap: each is a part of the
// report's bounded totals).
void add_row(ReportRow& to, const ReportRow& from) {
  for (const ReportColumn& c : kColumns) {
    if (c.figure != nullptr) to.*c.figure += from.*c.figure;
  }
}

const ReportColumn& column(std::string_view name) {
  for (const ReportColumn& c : kColumns) {
    if (c.name == name) return c;
  }
  std::abort();  // only called with the names of the tables below
}

// The bulletin's two tables: their first column's heading and their figures.
constexpr std::string_view kBulletinWindows[] = {
    "recv_m",     "recv_m_imm",  "recv_m_prom", "recv_c",     "recv_c_imm",  "recv_c_prom", "done_m",
    "done_m_imm", "done_m_prom", "done_c",      "done_c_imm", "done_c_prom", "fee_m",       "fee_c"};
constexpr std::string_view kBulletinHalls[] = {"recv_m", "done_m", "fee_m", "recv_c", "done_c", "fee_c"};

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

// One case as the report reads it, its names viewing the caller's text (a
// CSV record's fields, a column's categories, a CaseRecord), so that reading a
// row allocates nothing.
struct CaseView {
  std::string_view case_id, matter, department, hall;
  bool immediate = false;
  Date received;
  std::optional<Date> completed;
  int64_t fee_fen = 0;
  bool joint = false;
  std::optional<int32_t> limit;
  std::optional<Date> accepted;  // none: accepted when received
  // The matter's index in the catalogue when the caller already looked it up
  // (kUnknownMatter: not in it); kLookUp: key_of looks the code up.
  static constexpr int64_t kLookUp = -2, kUnknownMatter = -1;
  int64_t matter_index = kLookUp;
};

// Where a CSV's optional columns are (-1: absent), and how many fields a row has.
struct CaseLayout {
  size_t fields = 9;
  int limit = -1;
  int accepted = -1;
};

}  // namespace

struct MonthlyReport::Impl {
  static constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

  Calendar calendar;
  const Catalog* catalog;
  Names halls;
  Names departments;
  absl::flat_hash_map<Key, Tally> tallies;
  int64_t cases = 0;
  int64_t fees = 0;  // of every case held: the bound of every money figure
  int64_t skipped = 0;
  // Digests of the calendar and of the catalogue facts the report reads,
  // computed when first asked for (by merge or save_state) and kept.
  mutable std::once_flag digests_once;
  mutable uint64_t calendar_digest = 0;
  mutable uint64_t catalog_digest = 0;

  void compute_digests() const;
  uint64_t calendar_fingerprint() const {
    std::call_once(digests_once, [this] { compute_digests(); });
    return calendar_digest;
  }
  uint64_t catalog_fingerprint() const {
    std::call_once(digests_once, [this] { compute_digests(); });
    return catalog_digest;
  }
  // Why two reports cannot be put together (`doing`), if they were made on
  // different calendars or catalogues.
  static absl::Status same_basis(const Impl& a, const Impl& b, std::string_view doing) {
    if (&a == &b) return absl::OkStatus();
    if (a.calendar_fingerprint() != b.calendar_fingerprint()) {
      return absl::FailedPreconditionError(
          absl::StrFormat("cannot %s: they were made on different calendars (%s and %s)", doing, describe(a.calendar),
                          describe(b.calendar)));
    }
    if (a.catalog_fingerprint() != b.catalog_fingerprint()) {
      return absl::FailedPreconditionError(
          absl::StrFormat("cannot %s: they were made on different catalogues (%s and %s)", doing, describe(a.catalog),
                          describe(b.catalog)));
    }
    return absl::OkStatus();
  }
  static std::string describe(const Calendar& c) {
    return absl::StrFormat("\"%s\" %s..%s, %d special days", c.name(), format_date(c.coverage().first),
                           format_date(c.coverage().last), c.rules().days.size());
  }
  static std::string describe(const Catalog* c) {
    if (c == nullptr) return "none";
    return absl::StrFormat("\"%s\" of %d matters", c->name(), c->matters().size());
  }

  // The names known before a call, to forget those a failed call interned.
  struct Mark {
    size_t halls = 0;
    size_t departments = 0;
  };
  Mark mark() const { return {halls.names.size(), departments.names.size()}; }
  void rollback(const Mark& m) {
    halls.truncate(m.halls);
    departments.truncate(m.departments);
  }

  // Whether `more` cases with `fee` more fen (beyond `staged` ones not yet
  // counted) keep the report within its bounds; else why not.
  absl::Status room_for(int64_t more_cases, int64_t fee, const Tally& staged) const {
    if (more_cases > kMax - cases - staged.cases) {
      return absl::OutOfRangeError(absl::StrFormat("more than %d cases in one report", kMax));
    }
    if (fee > kMax - fees - staged.fee_fen) {
      return absl::OutOfRangeError(
          absl::StrFormat("its fee of %s yuan would take the report's fees past %s yuan, the most one report holds",
                          format_yuan(fee), format_yuan(kMax)));
    }
    return absl::OkStatus();
  }

  // The key of a case, or why it cannot be counted. Everything is checked,
  // the bounds included (beyond `staged` cases not yet counted), before the
  // names are interned, so a refused case leaves no name behind. hall_index
  // and department_index intern a name (the view's, or the catalogue's
  // department) and return its index.
  template <class HallIndex, class DepartmentIndex>
  absl::StatusOr<Key> key_of(const CaseView& r, const Tally& staged, HallIndex hall_index,
                             DepartmentIndex department_index) {
    if (r.hall.empty()) return absl::InvalidArgumentError("no hall");
    if (r.received.is_special()) return absl::InvalidArgumentError("no received date");
    if (r.completed && *r.completed < r.received) {
      return absl::InvalidArgumentError(
          absl::StrFormat("completed (%s) before received (%s)", format_date(*r.completed), format_date(r.received)));
    }
    if (r.accepted && *r.accepted < r.received) {
      return absl::InvalidArgumentError(
          absl::StrFormat("accepted (%s) before received (%s)", format_date(*r.accepted), format_date(r.received)));
    }
    if (r.accepted && r.completed && *r.completed < *r.accepted) {
      return absl::InvalidArgumentError(
          absl::StrFormat("completed (%s) before accepted (%s)", format_date(*r.completed), format_date(*r.accepted)));
    }
    if (r.fee_fen < 0) return absl::InvalidArgumentError("a negative fee");
    std::string_view department = r.department;
    std::optional<int32_t> limit = r.limit;
    if (catalog != nullptr && !r.matter.empty()) {
      std::optional<MatterIndex> m;
      if (r.matter_index == CaseView::kLookUp) {
        m = catalog->find_matter(r.matter);
      } else if (r.matter_index != CaseView::kUnknownMatter) {
        m = static_cast<MatterIndex>(r.matter_index);
      }
      if (!m) {
        return absl::InvalidArgumentError(
            absl::StrFormat("unknown matter \"%s\"", internal::escape_invalid_utf8(r.matter)));
      }
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
    k.immediate = r.immediate;
    k.joint = r.joint;
    k.received = month_index(r.received);
    if (r.completed) k.completed = month_index(*r.completed);
    if (limit) {
      if (*limit < 0) return absl::InvalidArgumentError("a negative limit");
      // 第四十二条: the limit counts from the acceptance.
      auto due = calendar.add_workdays(r.accepted.value_or(r.received), *limit);
      if (!due.ok()) return due.status();
      k.due = month_index(*due);
      k.due_before_month_end = *due < due->end_of_month();
      if (r.completed) k.on_time = *r.completed <= *due ? 1 : 0;
    }
    if (absl::Status room = room_for(1, r.fee_fen, staged); !room.ok()) return room;
    k.hall = hall_index(r.hall);
    k.department = department_index(department);
    return k;
  }

  absl::StatusOr<Key> key_of(const CaseView& r, const Tally& staged) {
    return key_of(
        r, staged, [&](std::string_view name) { return halls.intern(name); },
        [&](std::string_view name) { return departments.intern(name); });
  }

  // Counts cases already checked by room_for.
  void count(const Key& k, int64_t n, int64_t fee) {
    Tally& t = tallies[k];
    t.cases += n;
    t.fee_fen += fee;
    cases += n;
    fees += fee;
  }

  // One CSV record into a case view (its names view the record's fields); the
  // columns are fixed by the header check. Nothing is allocated unless the
  // record is bad.
  absl::Status parse(const std::vector<std::string_view>& f, const CaseLayout& layout, CaseView& r) const {
    const size_t expected = layout.fields;
    if (f.size() != expected) {
      return absl::InvalidArgumentError(absl::StrFormat("%d fields, expected %d", f.size(), expected));
    }
    const auto quoted = [](std::string_view text) { return internal::escape_invalid_utf8(text); };
    r.case_id = f[0];
    r.matter = f[1];
    r.department = f[2];
    r.hall = f[3];
    if (f[4] == "immediate") {
      r.immediate = true;
    } else if (f[4] == "promised") {
      r.immediate = false;
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("kind \"%s\" is not immediate or promised", quoted(f[4])));
    }
    auto received = parse_date(f[5]);
    if (!received.ok()) return absl::InvalidArgumentError(absl::StrCat("received: ", received.status().message()));
    r.received = *received;
    r.completed.reset();
    if (!f[6].empty()) {
      auto completed = parse_date(f[6]);
      if (!completed.ok()) return absl::InvalidArgumentError(absl::StrCat("completed: ", completed.status().message()));
      r.completed = *completed;
    }
    r.fee_fen = 0;
    if (!f[7].empty()) {
      auto fee = parse_yuan(f[7]);
      if (!fee) {
        return absl::InvalidArgumentError(
            absl::StrFormat("fee \"%s\" is not yuan with at most two decimals and %d digits before them", quoted(f[7]),
                            kMaxYuanDigits));
      }
      r.fee_fen = *fee;
    }
    if (f[8] == "1") {
      r.joint = true;
    } else if (f[8] == "0" || f[8].empty()) {
      r.joint = false;
    } else {
      return absl::InvalidArgumentError(absl::StrFormat("joint \"%s\" is not 0 or 1", quoted(f[8])));
    }
    r.limit.reset();
    if (layout.limit >= 0 && !f[layout.limit].empty()) {
      const std::string_view text = f[layout.limit];
      int32_t limit = 0;
      if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &limit)) {
        return absl::InvalidArgumentError(
            absl::StrFormat("limit \"%s\" is not a number of working days", quoted(text)));
      }
      r.limit = limit;
    }
    r.accepted.reset();
    if (layout.accepted >= 0 && !f[layout.accepted].empty()) {
      auto accepted = parse_date(f[layout.accepted]);
      if (!accepted.ok()) return absl::InvalidArgumentError(absl::StrCat("accepted: ", accepted.status().message()));
      r.accepted = *accepted;
    }
    return absl::OkStatus();
  }

  // One add_csv or add_columns call: its problems, and in strict mode the cases
  // held back until every row is good (a failed strict call changes nothing).
  class Batch {
   public:
    // A cancellable call that counts as it goes (not strict) keeps a copy of
    // the report's names and tallies to go back to.
    Batch(Impl& d, bool strict, bool cancellable = false) : d_(d), strict_(strict), mark_(d.mark()) {
      if (cancellable && !strict) saved_.emplace(Saved{d.halls, d.departments, d.tallies, d.cases, d.fees, d.skipped});
    }

    // A cancelled call: the report as it was before it.
    absl::Status cancel(absl::Status why) {
      if (saved_) {
        d_.halls = std::move(saved_->halls);
        d_.departments = std::move(saved_->departments);
        d_.tallies = std::move(saved_->tallies);
        d_.cases = saved_->cases;
        d_.fees = saved_->fees;
        d_.skipped = saved_->skipped;
        saved_.reset();
      } else {
        d_.rollback(mark_);
      }
      return why;
    }

    // A row's key (or why not), from key_of. where() names the row, called
    // only for a bad one. Strict mode reads on past a bad row too, so that its
    // error names every bad row, as the lenient mode's problems do.
    template <class Where>
    void row(const CaseView& view, const absl::StatusOr<Key>& key, Where where) {
      if (!key.ok()) {
        bad(where(), !view.case_id.empty()
                         ? absl::StrFormat("case \"%s\": %s", internal::escape_invalid_utf8(view.case_id),
                                           key.status().message())
                         : std::string(key.status().message()));
        return;
      }
      if (strict_) {
        staged_.emplace_back(*key, view.fee_fen);
        staged_total_.cases += 1;
        staged_total_.fee_fen += view.fee_fen;
      } else {
        d_.count(*key, 1, view.fee_fen);
      }
    }

    // A row that could not be read at all.
    void bad(std::string where, std::string message) {
      problems_.add(std::move(where), std::move(message));
      ++skipped_;
    }

    const Tally& staged() const { return staged_total_; }
    internal::Problems& problems() { return problems_; }

    // The call's outcome: counts the staged cases, or in strict mode after a
    // bad row forgets every name the call interned.
    absl::Status finish(std::vector<Problem>* problems_out, const char* what) {
      if (problems_out) problems_.append_to(*problems_out);
      if (strict_ && !problems_.empty()) {
        d_.rollback(mark_);
        return problems_.to_status(absl::StrCat(what, " (strict: nothing added)"));
      }
      if (!problems_.empty() && skipped_ == 0) return problems_.to_status(what);  // nothing was read (a bad header)
      for (const auto& [key, fee] : staged_) d_.count(key, 1, fee);
      d_.skipped += skipped_;
      return absl::OkStatus();
    }

   private:
    struct Saved {
      Names halls;
      Names departments;
      absl::flat_hash_map<Key, Tally> tallies;
      int64_t cases, fees, skipped;
    };
    Impl& d_;
    bool strict_;
    Mark mark_;
    std::optional<Saved> saved_;
    std::vector<std::pair<Key, int64_t>> staged_;
    Tally staged_total_;
    int64_t skipped_ = 0;
    internal::Problems problems_;
  };
};

namespace {

// A stable 64-bit digest (CRC-64/XZ) of fields fed one by one, each with its
// length, so that ("ab", "c") and ("a", "bc") differ.
class Digest {
 public:
  void number(int64_t v) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(static_cast<uint64_t>(v) >> (8 * i));
    crc_.process_bytes(bytes, sizeof bytes);
  }
  void text(std::string_view v) {
    number(static_cast<int64_t>(v.size()));
    crc_.process_bytes(v.data(), v.size());
  }
  uint64_t value() const { return crc_.checksum(); }

 private:
  boost::crc_optimal<64, 0x42F0E1EBA9EA3693ULL, ~0ULL, ~0ULL, true, true> crc_;
};

}  // namespace

void MonthlyReport::Impl::compute_digests() const {
  Digest cal;
  const CalendarRules& rules = calendar.rules();
  cal.text(rules.name);
  cal.number(rules.first.day_number());
  cal.number(rules.last.day_number());
  cal.number(rules.weekday_mask);
  cal.number(static_cast<int64_t>(rules.days.size()));
  for (const SpecialDay& day : rules.days) {
    cal.number(day.date.day_number());
    cal.number(day.off ? 1 : 0);
    cal.text(day.name);
  }
  calendar_digest = cal.value();
  // What key_of and finish read of the catalogue, and nothing else: two
  // catalogues that agree on it give the same figures.
  Digest cat;
  cat.number(catalog == nullptr ? 0 : 1);
  if (catalog != nullptr) {
    cat.number(static_cast<int64_t>(catalog->halls().size()));
    for (const Hall& h : catalog->halls()) cat.text(h.name);
    cat.number(static_cast<int64_t>(catalog->departments().size()));
    for (const Department& dep : catalog->departments()) {
      cat.text(dep.name);
      if (dep.collects_taxes) cat.text("collects_taxes");  // absent: the digest of catalogues before the flag
      cat.number(static_cast<int64_t>(dep.halls.size()));
      for (HallIndex h : dep.halls) cat.number(h);
    }
    cat.number(static_cast<int64_t>(catalog->matters().size()));
    for (const Matter& m : catalog->matters()) {
      cat.text(m.code);
      cat.number(m.department);
      cat.number(static_cast<int64_t>(m.project_type));
      cat.number(static_cast<int64_t>(m.promised_limit.unit));
      cat.number(m.promised_limit.value);
    }
  }
  catalog_digest = cat.value();
}

MonthlyReport::MonthlyReport(const Calendar& calendar, const Catalog* catalog)
    : impl_(new Impl{calendar, catalog, {}, {}, {}, 0, 0, 0, {}, 0, 0}) {}
MonthlyReport::~MonthlyReport() = default;
MonthlyReport::MonthlyReport(MonthlyReport&&) noexcept = default;
MonthlyReport& MonthlyReport::operator=(MonthlyReport&&) noexcept = default;

int64_t MonthlyReport::cases() const { return impl_->cases; }
int64_t MonthlyReport::skipped() const { return impl_->skipped; }

absl::Status MonthlyReport::add(const CaseRecord& record) {
  Impl& d = *impl_;
  CaseView view;
  view.case_id = record.case_id;
  view.matter = record.matter;
  view.department = record.department;
  view.hall = record.hall;
  view.immediate = record.kind == ProjectType::kImmediate;
  view.received = record.received;
  view.completed = record.completed;
  view.fee_fen = record.fee_fen;
  view.joint = record.joint;
  view.limit = record.limit;
  view.accepted = record.accepted;
  auto key = d.key_of(view, {});
  if (!key.ok()) {
    return absl::Status(key.status().code(),
                        absl::StrFormat("case \"%s\": %s", record.case_id, key.status().message()));
  }
  d.count(*key, 1, record.fee_fen);
  return absl::OkStatus();
}

namespace {

constexpr std::string_view kCaseColumns[] = {"case_id",  "matter",    "department", "hall", "kind",
                                             "received", "completed", "fee",        "joint"};

constexpr const char* kCaseHeader =
    "case_id,matter,department,hall,kind,received,completed,fee,joint[,limit][,accepted]";

// The header's layout: the nine columns, then "limit" and "accepted", each
// optional, in either order; none for another header.
std::optional<CaseLayout> case_layout(const std::vector<std::string_view>& header) {
  const size_t n = std::size(kCaseColumns);
  if (header.size() < n || header.size() > n + 2) return std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    if (header[i] != kCaseColumns[i]) return std::nullopt;
  }
  CaseLayout layout;
  layout.fields = header.size();
  for (size_t i = n; i < header.size(); ++i) {
    int* column = header[i] == "limit" ? &layout.limit : header[i] == "accepted" ? &layout.accepted : nullptr;
    if (column == nullptr || *column >= 0) return std::nullopt;  // another column, or one twice
    *column = static_cast<int>(i);
  }
  return layout;
}

std::string bad_header(const std::vector<std::string_view>& fields) {
  std::string text;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ',';
    text += fields[i];
  }
  return absl::StrFormat("the header \"%s\" is not %s", internal::escape_invalid_utf8(text), kCaseHeader);
}

}  // namespace

absl::Status MonthlyReport::add_csv(std::string_view csv, bool strict, std::vector<Problem>* problems_out,
                                    const ProgressCallback& progress) {
  Impl& d = *impl_;
  internal::PhaseProgress read_progress(&progress, "read", static_cast<int64_t>(csv.size()), /*min_step=*/1 << 16);
  if (!read_progress.start()) return read_progress.status();
  Impl::Batch batch(d, strict, read_progress.active());
  internal::CsvReader reader(csv);
  std::vector<std::string_view> fields;
  std::optional<CaseLayout> layout;  // set once the header is read
  bool header_seen = false;
  CaseView view;
  const auto where = [&] { return absl::StrCat("line ", reader.line()); };
  for (internal::CsvReader::Result result; (result = reader.next(&fields)) != internal::CsvReader::Result::kEnd;) {
    if (!read_progress.tick(static_cast<int64_t>(reader.offset()))) return batch.cancel(read_progress.status());
    if (result == internal::CsvReader::Result::kError) {
      if (!header_seen) {  // the header cannot be read: nothing can
        batch.problems().add(where(), reader.error());
        break;
      }
      batch.bad(where(), reader.error());
      continue;
    }
    if (fields.empty()) continue;  // an empty line
    if (!header_seen) {
      header_seen = true;
      layout = case_layout(fields);
      if (!layout) {
        batch.problems().add(where(), bad_header(fields));
        break;
      }
      continue;
    }
    if (const absl::Status parsed = d.parse(fields, *layout, view); !parsed.ok()) {
      batch.bad(where(), std::string(parsed.message()));
      continue;
    }
    batch.row(view, d.key_of(view, batch.staged()), where);
  }
  if (!header_seen && batch.problems().empty()) return absl::InvalidArgumentError("case records: an empty file");
  if (!read_progress.finish()) return batch.cancel(read_progress.status());
  return batch.finish(problems_out, "case records");
}

absl::Status MonthlyReport::add_csv_file(const std::string& path, bool strict, std::vector<Problem>* problems,
                                         const ProgressCallback& progress) {
  auto text = internal::read_text_file(path);
  if (!text.ok()) return text.status();
  auto status = add_csv(*text, strict, problems, progress);
  if (!status.ok()) return absl::Status(status.code(), absl::StrCat(path, ": ", status.message()));
  return status;
}

namespace {

// The rows a column must have: `rows`, or none where it is optional.
absl::Status column_length(size_t size, size_t rows, bool optional, const char* name) {
  if (size == rows || (optional && size == 0)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrFormat("case columns: %s has %d rows, not %d%s", name, size, rows,
                                                    optional ? " (or none: it is optional)" : ""));
}

// A text column's codes: each negative (missing) or a category's index.
absl::Status check_codes(const TextColumn& column, const char* name) {
  const auto count = static_cast<int64_t>(column.categories.size());
  for (size_t i = 0; i < column.codes.size(); ++i) {
    if (column.codes[i] >= count) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "case columns: %s has code %d at row %d, past its %d categories", name, column.codes[i], i, count));
    }
  }
  return absl::OkStatus();
}

std::string_view text_at(const TextColumn& column, size_t row) {
  if (column.codes.empty()) return {};
  const int32_t code = column.codes[row];
  return code < 0 ? std::string_view() : column.categories[static_cast<size_t>(code)];
}

// The largest fee in yuan whose fen a double holds exactly (2^53 fen).
constexpr double kMaxExactYuan = 9007199254740992.0 / 100.0;

// A column set of the wrong shape (the caller's mistake: nothing is read).
absl::Status check_shape(const CaseColumns& c) {
  const size_t n = c.rows;
  for (const absl::Status& s :
       {column_length(c.case_id.codes.size(), n, true, "case_id"),
        column_length(c.matter.codes.size(), n, true, "matter"),
        column_length(c.department.codes.size(), n, true, "department"),
        column_length(c.hall.codes.size(), n, false, "hall"), column_length(c.kind.codes.size(), n, false, "kind"),
        column_length(c.received.size(), n, false, "received"), column_length(c.completed.size(), n, true, "completed"),
        column_length(c.fee_fen.size(), n, true, "fee_fen"), column_length(c.fee_yuan.size(), n, true, "fee_yuan"),
        column_length(c.joint.size(), n, true, "joint"), column_length(c.limit.size(), n, true, "limit"),
        column_length(c.limit_given.size(), c.limit.empty() ? 0 : n, true, "limit_given"),
        column_length(c.accepted.size(), n, true, "accepted"), check_codes(c.case_id, "case_id"),
        check_codes(c.matter, "matter"), check_codes(c.department, "department"), check_codes(c.hall, "hall"),
        check_codes(c.kind, "kind")}) {
    if (!s.ok()) return s;
  }
  if (!c.fee_fen.empty() && !c.fee_yuan.empty()) {
    return absl::InvalidArgumentError("case columns: fee_fen and fee_yuan are both given; give one");
  }
  if (!c.limit_given.empty() && c.limit.empty()) {
    return absl::InvalidArgumentError("case columns: limit_given without limit");
  }
  return absl::OkStatus();
}

// Per category, once: the kind, the matter's index.
struct ColumnCategories {
  std::vector<int8_t> kinds;  // 1 immediate, 0 promised, -1 neither
  std::vector<int64_t> matters;
  ColumnCategories(const CaseColumns& c, const Catalog* catalog)
      : kinds(c.kind.categories.size(), -1), matters(c.matter.categories.size(), CaseView::kUnknownMatter) {
    for (size_t i = 0; i < kinds.size(); ++i) {
      if (c.kind.categories[i] == "immediate") kinds[i] = 1;
      if (c.kind.categories[i] == "promised") kinds[i] = 0;
    }
    if (catalog != nullptr) {
      for (size_t i = 0; i < matters.size(); ++i) {
        if (auto m = catalog->find_matter(c.matter.categories[i])) matters[i] = *m;
      }
    }
  }
};

absl::StatusOr<Date> date_of(EpochDay day, const char* name) {
  if (day == kMissingDay) return Date();  // not a date: key_of says which is missing
  auto date = from_epoch_day(day);
  if (!date.ok()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", date.status().message()));
  return date;
}

// Reads row `row` into view; an error for a value no case can have.
absl::Status read_row(const CaseColumns& c, const ColumnCategories& categories, size_t row, CaseView& view) {
  view.case_id = text_at(c.case_id, row);
  view.matter = text_at(c.matter, row);
  view.department = text_at(c.department, row);
  view.hall = text_at(c.hall, row);
  view.matter_index =
      view.matter.empty() ? CaseView::kLookUp : categories.matters[static_cast<size_t>(c.matter.codes[row])];
  const int32_t kind_code = c.kind.codes[row];
  const int8_t kind = kind_code < 0 ? -1 : categories.kinds[static_cast<size_t>(kind_code)];
  if (kind < 0) {
    return absl::InvalidArgumentError(absl::StrFormat("kind \"%s\" is not immediate or promised",
                                                      internal::escape_invalid_utf8(text_at(c.kind, row))));
  }
  view.immediate = kind == 1;
  auto received = date_of(c.received[row], "received");
  if (!received.ok()) return received.status();
  view.received = *received;
  view.completed.reset();
  if (!c.completed.empty() && c.completed[row] != kMissingDay) {
    auto completed = date_of(c.completed[row], "completed");
    if (!completed.ok()) return completed.status();
    view.completed = *completed;
  }
  view.fee_fen = c.fee_fen.empty() ? 0 : c.fee_fen[row];
  if (!c.fee_yuan.empty() && !std::isnan(c.fee_yuan[row])) {
    const double yuan = c.fee_yuan[row];
    const double fen = std::nearbyint(yuan * 100.0);
    if (!(std::fabs(yuan) <= kMaxExactYuan) || std::fabs(yuan * 100.0 - fen) > 1e-6 * std::max(1.0, std::fabs(fen))) {
      return absl::InvalidArgumentError(
          absl::StrFormat("fee %.17g yuan is not a whole number of fen held exactly (give fen as integers)", yuan));
    }
    view.fee_fen = static_cast<int64_t>(fen);
  }
  view.joint = false;
  if (!c.joint.empty()) {
    if (c.joint[row] > 1) return absl::InvalidArgumentError(absl::StrFormat("joint %d is not 0 or 1", c.joint[row]));
    view.joint = c.joint[row] == 1;
  }
  view.limit.reset();
  if (!c.limit.empty() && (c.limit_given.empty() || c.limit_given[row] != 0)) view.limit = c.limit[row];
  view.accepted.reset();
  if (!c.accepted.empty() && c.accepted[row] != kMissingDay) {
    auto accepted = date_of(c.accepted[row], "accepted");
    if (!accepted.ok()) return accepted.status();
    view.accepted = *accepted;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MonthlyReport::add_columns(const CaseColumns& c, bool strict, std::vector<Problem>* problems_out,
                                        const ProgressCallback& progress) {
  Impl& d = *impl_;
  const size_t n = c.rows;
  // The shape first: a wrong one is the caller's mistake and adds nothing.
  if (absl::Status shape = check_shape(c); !shape.ok()) return shape;
  const ColumnCategories categories(c, d.catalog);
  constexpr int64_t kNotYet = -1;
  std::vector<int64_t> hall_names(c.hall.categories.size(), kNotYet);
  std::vector<int64_t> department_names(c.department.categories.size(), kNotYet);
  const auto interned = [](std::vector<int64_t>& cache, int32_t code, Names& names, std::string_view name) {
    int64_t& slot = cache[static_cast<size_t>(code)];
    if (slot == kNotYet) slot = names.intern(name);
    return static_cast<uint32_t>(slot);
  };

  internal::PhaseProgress row_progress(&progress, "rows", static_cast<int64_t>(n));
  if (!row_progress.start()) return row_progress.status();
  Impl::Batch batch(d, strict, row_progress.active());
  CaseView view;
  size_t row = 0;
  const auto where = [&] { return absl::StrCat("row ", row); };
  for (; row < n; ++row) {
    if (!row_progress.tick(static_cast<int64_t>(row))) return batch.cancel(row_progress.status());
    const absl::Status read = read_row(c, categories, row, view);
    std::string named_id;  // from case_id_of, only for a bad row
    const auto name_case = [&] {
      if (view.case_id.empty() && c.case_id_of) {
        named_id = c.case_id_of(row);
        view.case_id = named_id;
      }
    };
    if (!read.ok()) {
      name_case();
      batch.bad(where(),
                view.case_id.empty()
                    ? std::string(read.message())
                    : absl::StrFormat("case \"%s\": %s", internal::escape_invalid_utf8(view.case_id), read.message()));
      continue;
    }
    auto key = d.key_of(
        view, batch.staged(),
        [&](std::string_view name) { return interned(hall_names, c.hall.codes[row], d.halls, name); },
        [&](std::string_view name) {
          // The column's own category, or the catalogue's department of the matter.
          const int32_t code = c.department.codes.empty() ? -1 : c.department.codes[row];
          return code >= 0 ? interned(department_names, code, d.departments, name) : d.departments.intern(name);
        });
    if (!key.ok()) name_case();
    batch.row(view, key, where);
  }
  if (!row_progress.finish()) return batch.cancel(row_progress.status());
  return batch.finish(problems_out, "case columns");
}

absl::Status MonthlyReport::merge(const MonthlyReport& other) {
  Impl& d = *impl_;
  const Impl& o = *other.impl_;
  if (absl::Status same = Impl::same_basis(d, o, "merge the reports"); !same.ok()) return same;
  if (&d == &o) {
    if (d.cases > Impl::kMax - d.cases || d.fees > Impl::kMax - d.fees) {
      return absl::OutOfRangeError("merging the report into itself would take it past its bounds");
    }
  } else if (o.cases > Impl::kMax - d.cases) {
    return absl::OutOfRangeError(absl::StrFormat("merging would make more than %d cases in one report", Impl::kMax));
  } else if (o.fees > Impl::kMax - d.fees) {
    return absl::OutOfRangeError(
        absl::StrFormat("merging would take the report's fees (%s + %s yuan) past %s yuan, the most one report holds",
                        format_yuan(d.fees), format_yuan(o.fees), format_yuan(Impl::kMax)));
  }
  // A copy first when merging into itself: counting changes the tallies being read.
  const absl::flat_hash_map<Key, Tally> from = o.tallies;
  const std::vector<std::string> hall_names = o.halls.names, department_names = o.departments.names;
  const int64_t skipped = o.skipped;
  // The other's names in its first-seen order, never the hash map's: merged
  // parts list their rows as one report of all their cases would.
  std::vector<uint32_t> hall_index, department_index;
  for (const std::string& name : hall_names) hall_index.push_back(d.halls.intern(name));
  for (const std::string& name : department_names) department_index.push_back(d.departments.intern(name));
  for (const auto& [key, tally] : from) {
    Key k = key;
    k.hall = hall_index[key.hall];
    k.department = department_index[key.department];
    d.count(k, tally.cases, tally.fee_fen);
  }
  d.skipped += skipped;
  return absl::OkStatus();
}

const Calendar& MonthlyReport::calendar() const { return impl_->calendar; }

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
  // A window that collects taxes (财税): its receipts are taxes, shown apart from the fees.
  if (d.catalog != nullptr) {
    for (const Department& dep : d.catalog->departments()) {
      if (!dep.collects_taxes) continue;
      auto di = d.departments.index.find(dep.name);
      if (di == d.departments.index.end()) continue;
      for (auto& [where, row] : rows) {
        if (where.second != di->second) continue;
        row.tax_month_fen = row.fee_month_fen;
        row.tax_year_fen = row.fee_year_fen;
      }
    }
  }
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

std::string_view to_string(ReportColumnType type) {
  switch (type) {
    case ReportColumnType::kText:
      return "text";
    case ReportColumnType::kCount:
      return "count";
    case ReportColumnType::kMoneyFen:
      return "money_fen";
    case ReportColumnType::kRatio:
      return "ratio";
  }
  return "unknown";
}

absl::Span<const ReportColumn> report_columns() { return kColumns; }

std::optional<size_t> find_report_column(std::string_view name) {
  for (size_t i = 0; i < std::size(kColumns); ++i) {
    if (kColumns[i].name == name) return i;
  }
  return std::nullopt;
}

std::string report_cell(const ReportRow& row, const ReportColumn& column) {
  switch (column.type) {
    case ReportColumnType::kText:
      return row.*column.text;
    case ReportColumnType::kCount:
      return absl::StrCat(row.*column.figure);
    case ReportColumnType::kMoneyFen:
      return format_yuan_compact(row.*column.figure);
    case ReportColumnType::kRatio: {
      const double value = column.ratio(row);
      return std::isnan(value) ? std::string() : absl::StrFormat("%.4f", value);
    }
  }
  return std::string();
}

absl::Span<const ReportRow> ReportTable::rows(ReportPart part) const {
  switch (part) {
    case ReportPart::kWindows:
      return windows;
    case ReportPart::kHalls:
      return halls;
    case ReportPart::kTotal:
      return absl::MakeConstSpan(&total, 1);
  }
  return {};
}

std::string ReportTable::csv(ReportPart part) const {
  std::string out;
  std::vector<std::string> cells;
  for (const ReportColumn& c : kColumns) cells.emplace_back(c.name);
  append_csv_record(&out, cells);
  for (const ReportRow& row : rows(part)) {
    cells.clear();
    for (const ReportColumn& c : kColumns) cells.push_back(report_cell(row, c));
    append_csv_record(&out, cells);
  }
  return out;
}

namespace {

// One of the bulletin's tables: its rows and their sum, with the given figures.
template <size_t N>
void bulletin_rows(const std::vector<const ReportRow*>& rows, std::string ReportRow::*name,
                   const std::string_view (&figures)[N], std::string_view sum_name,
                   const std::function<void(std::vector<std::string>)>& emit) {
  ReportRow sum;
  const auto cells = [&](std::string_view first, const ReportRow& r) {
    std::vector<std::string> out{std::string(first)};
    for (std::string_view f : figures) out.push_back(report_cell(r, column(f)));
    return out;
  };
  for (const ReportRow* r : rows) {
    emit(cells(r->*name, *r));
    add_row(sum, *r);
  }
  emit(cells(sum_name, sum));
}

std::vector<const ReportRow*> select(const std::vector<ReportRow>& rows, const std::string& hall, bool equal) {
  std::vector<const ReportRow*> out;
  for (const ReportRow& r : rows) {
    if ((r.hall == hall) == equal) out.push_back(&r);
  }
  return out;
}

}  // namespace

std::string ReportTable::windows_csv(const std::string& hall) const {
  std::string out;
  std::vector<std::string> header{"window"};
  for (std::string_view f : kBulletinWindows) header.emplace_back(f);
  append_csv_record(&out, header);
  bulletin_rows(select(windows, hall, true), &ReportRow::department, kBulletinWindows, "合计",
                [&](std::vector<std::string> cells) { append_csv_record(&out, cells); });
  return out;
}

std::string ReportTable::halls_csv(const std::string& except) const {
  std::string out;
  std::vector<std::string> header{"subcentre"};
  for (std::string_view f : kBulletinHalls) header.emplace_back(f);
  append_csv_record(&out, header);
  bulletin_rows(select(halls, except, false), &ReportRow::hall, kBulletinHalls, "合  计",
                [&](std::vector<std::string> cells) { append_csv_record(&out, cells); });
  return out;
}

std::string ReportTable::windows_text(const std::string& hall) const {
  // Every column but the hall (the table is one hall's), labelled in Chinese.
  std::vector<TextTable::Column> columns;
  for (const ReportColumn& c : kColumns) {
    if (c.text == &ReportRow::hall) continue;
    columns.push_back(
        {std::string(c.label), c.type == ReportColumnType::kText ? TextTable::Align::kLeft : TextTable::Align::kRight});
  }
  TextTable table(std::move(columns));
  const auto add = [&](const ReportRow& r, std::string_view name) {
    std::vector<std::string> cells;
    for (const ReportColumn& c : kColumns) {
      if (c.text == &ReportRow::hall) continue;
      cells.push_back(c.text == &ReportRow::department ? std::string(name) : report_cell(r, c));
    }
    table.add_row(std::move(cells));
  };
  ReportRow sum;
  for (const ReportRow* r : select(windows, hall, true)) {
    add(*r, r->department);
    add_row(sum, *r);
  }
  add(sum, "合计");
  return absl::StrCat(
      table.render(),
      absl::StrFormat(
          "注：上述统计表包括联办件，其中收件数：本月%d件，累计%d件；办结数：本月%d件，累计%d件；待办件%d件。\n",
          sum.joint_received_month, sum.joint_received_year, sum.joint_completed_month, sum.joint_completed_year,
          sum.joint_pending));
}

std::string ReportTable::halls_text(const std::string& except) const {
  std::vector<TextTable::Column> columns{{"分中心", TextTable::Align::kLeft}};
  for (std::string_view f : kBulletinHalls) columns.push_back({std::string(column(f).label), TextTable::Align::kRight});
  TextTable table(std::move(columns));
  bulletin_rows(select(halls, except, false), &ReportRow::hall, kBulletinHalls, "合  计",
                [&](std::vector<std::string> cells) { table.add_row(std::move(cells)); });
  return table.render();
}

// ---- the state of a partial report --------------------------------------------

namespace {

constexpr std::string_view kStateMagic = "onetrip-report-state/1";

// Little-endian fixed-width fields and length-prefixed text.
class StateWriter {
 public:
  void number(uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void text(std::string_view v) {
    number(v.size(), 4);
    out_.append(v);
  }
  void raw(std::string_view v) { out_.append(v); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view in) : in_(in) {}
  bool number(uint64_t* v, int bytes) {
    if (in_.size() - at_ < static_cast<size_t>(bytes)) return false;
    uint64_t out = 0;
    for (int i = 0; i < bytes; ++i) out |= static_cast<uint64_t>(static_cast<unsigned char>(in_[at_ + i])) << (8 * i);
    at_ += static_cast<size_t>(bytes);
    *v = out;
    return true;
  }
  bool text(std::string* v) {
    uint64_t n = 0;
    if (!number(&n, 4) || in_.size() - at_ < n) return false;
    v->assign(in_.substr(at_, n));
    at_ += n;
    return true;
  }
  bool raw(std::string_view expected) {
    if (in_.substr(at_, expected.size()) != expected) return false;
    at_ += expected.size();
    return true;
  }
  size_t left() const { return in_.size() - at_; }

 private:
  std::string_view in_;
  size_t at_ = 0;
};

constexpr int kTallyBytes = 4 + 4 + 1 + 4 + 4 + 4 + 1 + 8 + 8;

}  // namespace

std::string MonthlyReport::save_state() const {
  const Impl& d = *impl_;
  StateWriter w;
  w.raw(kStateMagic);
  w.number(d.calendar_fingerprint(), 8);
  w.number(d.catalog_fingerprint(), 8);
  w.number(static_cast<uint64_t>(d.cases), 8);
  w.number(static_cast<uint64_t>(d.fees), 8);
  w.number(static_cast<uint64_t>(d.skipped), 8);
  for (const Names* names : {&d.halls, &d.departments}) {
    w.number(names->names.size(), 4);
    for (const std::string& n : names->names) w.text(n);
  }
  // In key order, never the hash map's, so that equal reports give equal bytes.
  std::vector<std::pair<Key, Tally>> tallies(d.tallies.begin(), d.tallies.end());
  const auto tie = [](const Key& k) {
    return std::make_tuple(k.hall, k.department, k.immediate, k.joint, k.received, k.completed, k.due,
                           k.due_before_month_end, k.on_time);
  };
  std::sort(tallies.begin(), tallies.end(), [&](const auto& a, const auto& b) { return tie(a.first) < tie(b.first); });
  w.number(tallies.size(), 8);
  for (const auto& [k, t] : tallies) {
    w.number(k.hall, 4);
    w.number(k.department, 4);
    w.number((k.immediate ? 1U : 0U) | (k.joint ? 2U : 0U) | (k.due_before_month_end ? 4U : 0U), 1);
    w.number(static_cast<uint32_t>(k.received), 4);
    w.number(static_cast<uint32_t>(k.completed), 4);
    w.number(static_cast<uint32_t>(k.due), 4);
    w.number(static_cast<uint8_t>(k.on_time), 1);
    w.number(static_cast<uint64_t>(t.cases), 8);
    w.number(static_cast<uint64_t>(t.fee_fen), 8);
  }
  return w.take();
}

absl::StatusOr<MonthlyReport> MonthlyReport::load_state(const Calendar& calendar, const Catalog* catalog,
                                                        std::string_view state) {
  const auto bad = [](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrFormat("not a report's state: %s", why));
  };
  StateReader r(state);
  if (!r.raw(kStateMagic)) return bad(absl::StrFormat("it does not begin with \"%s\"", kStateMagic));
  MonthlyReport report(calendar, catalog);
  Impl& d = *report.impl_;
  uint64_t calendar_digest = 0, catalog_digest = 0, cases = 0, fees = 0, skipped = 0;
  if (!r.number(&calendar_digest, 8) || !r.number(&catalog_digest, 8) || !r.number(&cases, 8) || !r.number(&fees, 8) ||
      !r.number(&skipped, 8)) {
    return bad("it is cut short");
  }
  if (calendar_digest != d.calendar_fingerprint()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("the report was made on another calendar than %s", Impl::describe(d.calendar)));
  }
  if (catalog_digest != d.catalog_fingerprint()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("the report was made on another catalogue than %s", Impl::describe(d.catalog)));
  }
  if (cases > static_cast<uint64_t>(Impl::kMax) || fees > static_cast<uint64_t>(Impl::kMax) ||
      skipped > static_cast<uint64_t>(Impl::kMax)) {
    return bad("a count past its bound");
  }
  for (Names* names : {&d.halls, &d.departments}) {
    uint64_t n = 0;
    if (!r.number(&n, 4) || n > r.left() / 4) return bad("it is cut short");
    std::string name;
    for (uint64_t i = 0; i < n; ++i) {
      if (!r.text(&name)) return bad("it is cut short");
      if (names->intern(name) != i) return bad(absl::StrFormat("the name \"%s\" twice", name));
    }
  }
  uint64_t n = 0;
  if (!r.number(&n, 8) || n != r.left() / kTallyBytes || r.left() % kTallyBytes != 0) {
    return bad("its tallies are not whole");
  }
  Tally total;
  d.tallies.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t hall = 0, department = 0, flags = 0, received = 0, completed = 0, due = 0, on_time = 0, count = 0, fee = 0;
    r.number(&hall, 4);
    r.number(&department, 4);
    r.number(&flags, 1);
    r.number(&received, 4);
    r.number(&completed, 4);
    r.number(&due, 4);
    r.number(&on_time, 1);
    r.number(&count, 8);
    r.number(&fee, 8);
    Key k;
    k.hall = static_cast<uint32_t>(hall);
    k.department = static_cast<uint32_t>(department);
    k.immediate = (flags & 1U) != 0;
    k.joint = (flags & 2U) != 0;
    k.due_before_month_end = (flags & 4U) != 0;
    k.received = static_cast<int32_t>(static_cast<uint32_t>(received));
    k.completed = static_cast<int32_t>(static_cast<uint32_t>(completed));
    k.due = static_cast<int32_t>(static_cast<uint32_t>(due));
    k.on_time = static_cast<int8_t>(static_cast<uint8_t>(on_time));
    const std::string at = absl::StrFormat("tally %d: ", i);
    if (hall >= d.halls.names.size() || department >= d.departments.names.size()) {
      return bad(absl::StrCat(at, "a name that is not listed"));
    }
    if (flags > 7 || k.received < 0 || (k.completed != kNone && k.completed < k.received) ||
        (k.due != kNone && k.due < 0) || k.on_time < -1 || k.on_time > 1 ||
        (k.on_time != -1 && (k.due == kNone || k.completed == kNone))) {
      return bad(absl::StrCat(at, "a key no case makes"));
    }
    if (count == 0 || count > static_cast<uint64_t>(Impl::kMax) - static_cast<uint64_t>(total.cases) ||
        fee > static_cast<uint64_t>(Impl::kMax) - static_cast<uint64_t>(total.fee_fen)) {
      return bad(absl::StrCat(at, "a count past its bound"));
    }
    if (!d.tallies.emplace(k, Tally{static_cast<int64_t>(count), static_cast<int64_t>(fee)}).second) {
      return bad(absl::StrCat(at, "a key twice"));
    }
    total.cases += static_cast<int64_t>(count);
    total.fee_fen += static_cast<int64_t>(fee);
  }
  if (total.cases != static_cast<int64_t>(cases) || total.fee_fen != static_cast<int64_t>(fees)) {
    return bad("its tallies do not add up to its counts");
  }
  d.cases = total.cases;
  d.fees = total.fee_fen;
  d.skipped = static_cast<int64_t>(skipped);
  return report;
}

// ---- the case log for another reader -------------------------------------------

namespace {

// Why a case is not taken: the report's checks (key_of, on a report of no
// cases: no name interned), then the taker's; empty when it is. A template
// on the report's private Impl, which only CaseLog may name.
template <class Impl>
std::string refusal(Impl& d, const CaseView& view, const char* unit, size_t position, const internal::CaseTaker& take) {
  const auto none = [](std::string_view) { return uint32_t{0}; };
  auto key = d.key_of(view, {}, none, none);
  if (!key.ok()) return std::string(key.status().message());
  internal::LoggedCase c;
  c.case_id = view.case_id;
  c.matter = view.matter;
  if (view.matter_index >= 0) c.matter_index = static_cast<MatterIndex>(view.matter_index);
  c.received = view.received;
  c.accepted = view.accepted;
  c.joint = view.joint;
  c.unit = unit;
  c.position = position;
  return take(c);
}

// A bad row's message, with its case as the report names it.
std::string of_case(std::string_view case_id, std::string_view why) {
  if (case_id.empty()) return std::string(why);
  return absl::StrFormat("case \"%s\": %s", internal::escape_invalid_utf8(case_id), why);
}

}  // namespace

namespace internal {

absl::Status CaseLog::read_csv(const Calendar& calendar, const Catalog& catalog, std::string_view csv,
                               const CaseTaker& take, Problems& problems) {
  MonthlyReport report(calendar, &catalog);
  MonthlyReport::Impl& d = *report.impl_;
  CsvReader reader(csv);
  std::vector<std::string_view> fields;
  std::optional<CaseLayout> layout;  // set once the header is read
  CaseView view;
  const auto where = [&] { return absl::StrCat("line ", reader.line()); };
  for (CsvReader::Result result; (result = reader.next(&fields)) != CsvReader::Result::kEnd;) {
    if (result == CsvReader::Result::kError) {
      problems.add(where(), reader.error());
      if (!layout) return problems.to_status("case records");  // the header cannot be read: nothing can
      continue;
    }
    if (fields.empty()) continue;  // an empty line
    if (!layout) {
      layout = case_layout(fields);
      if (!layout) {
        problems.add(where(), bad_header(fields));
        return problems.to_status("case records");
      }
      continue;
    }
    if (const absl::Status parsed = d.parse(fields, *layout, view); !parsed.ok()) {
      problems.add(where(), std::string(parsed.message()));
      continue;
    }
    view.matter_index = CaseView::kLookUp;
    if (!view.matter.empty()) {
      const std::optional<MatterIndex> m = catalog.find_matter(view.matter);
      view.matter_index = m ? static_cast<int64_t>(*m) : CaseView::kUnknownMatter;
    }
    if (std::string why = refusal(d, view, "line", reader.line(), take); !why.empty())
      problems.add(where(), of_case(view.case_id, why));
  }
  if (!layout) return absl::InvalidArgumentError("case records: an empty file");
  return absl::OkStatus();
}

absl::Status CaseLog::read_columns(const Calendar& calendar, const Catalog& catalog, const CaseColumns& c,
                                   const CaseTaker& take, Problems& problems) {
  if (absl::Status shape = check_shape(c); !shape.ok()) return shape;
  MonthlyReport report(calendar, &catalog);
  MonthlyReport::Impl& d = *report.impl_;
  const ColumnCategories categories(c, &catalog);
  CaseView view;
  std::string named_id;  // from case_id_of, only for a bad row
  for (size_t row = 0; row < c.rows; ++row) {
    const absl::Status read = read_row(c, categories, row, view);
    const std::string why = read.ok() ? refusal(d, view, "row", row, take) : std::string(read.message());
    if (why.empty()) continue;
    if (view.case_id.empty() && c.case_id_of) {
      named_id = c.case_id_of(row);
      view.case_id = named_id;
    }
    problems.add(absl::StrCat("row ", row), of_case(view.case_id, why));
  }
  return absl::OkStatus();
}

}  // namespace internal

}  // namespace onetrip
