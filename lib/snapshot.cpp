// The binary snapshot of a catalogue (docs/catalog-format.md, "Binary
// snapshot"): the tables written field by field in little-endian, read back
// into a catalogue without the rules being checked again. A snapshot is input:
// the reader checks every length against what is left, every index against
// its table, every enumeration, every string (UTF-8 without NUL), the bounds
// that keep the evaluators' sums in range and the bundles' graphs acyclic, so
// that a hostile snapshot is refused and never crashes or is misread.
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/types/span.h"
#include "bounds.hpp"
#include "catalog_internal.hpp"
#include "onetrip/catalog.hpp"
#include "onetrip/version.hpp"
#include "parallel.hpp"
#include "situation_internal.hpp"
#include "snapshot_internal.hpp"
#include "text_support.hpp"

// xxHash (Debian libxxhash-dev) compiled in, header only: XXH3 checks a
// payload at memory speed, where a CRC would take most of the load's time.
#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace onetrip {

namespace internal {

uint64_t snapshot_checksum(std::string_view payload) { return XXH3_64bits(payload.data(), payload.size()); }

namespace {

// ---- writing ----------------------------------------------------------------

class Out {
 public:
  explicit Out(std::string& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void flag(bool v) { u8(v ? 1 : 0); }
  void u32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_.append(b, 4);
  }
  void u64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
    out_.append(b, 8);
  }
  // Sets the 8 bytes at `at`, written before.
  void u64_at(size_t at, uint64_t v) {
    for (int i = 0; i < 8; ++i) out_[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  template <class E>
  void e(E v) {
    u8(static_cast<uint8_t>(v));
  }
  void count(size_t n) { u32(static_cast<uint32_t>(n)); }
  void str(const std::string& s) {
    count(s.size());
    out_.append(s);
  }
  void indices(const std::vector<uint32_t>& v) {
    count(v.size());
    for (uint32_t x : v) u32(x);
  }

 private:
  std::string& out_;
};

void write_condition(Out& o, const Condition& c) { o.str(c.text); }

void write_situations(Out& o, const SituationsRef& ref) {
  o.flag(static_cast<bool>(ref));
  if (!ref) return;
  const Situations& s = *ref;
  o.count(s.questions.size());
  for (const Question& q : s.questions) {
    o.str(q.id);
    o.str(q.text);
    o.e(q.type);
    o.count(q.choices.size());
    for (const std::string& c : q.choices) o.str(c);
    o.str(q.unit);
  }
  o.count(s.eligibility.size());
  for (const EligibilityRule& r : s.eligibility) {
    write_condition(o, r.when);
    o.str(r.reason);
    o.str(r.basis);
    o.e(r.refusal);
    o.str(r.instead);
  }
  o.count(s.materials.size());
  for (const MaterialRule& r : s.materials) {
    o.u32(r.use);
    write_condition(o, r.when);
    o.i32(r.copies);
  }
  o.count(s.variants.size());
  for (const Variant& v : s.variants) {
    write_condition(o, v.when);
    o.flag(v.online.has_value());
    if (v.online) o.e(*v.online);
    for (const std::optional<bool>* b : {&v.postal_application, &v.express_delivery, &v.electronic_licence,
                                         &v.online_payment, &v.tolerant_acceptance}) {
      o.u8(!*b ? 2 : **b ? 1 : 0);  // 2: not set
    }
    o.flag(v.fee_fen.has_value());
    if (v.fee_fen) o.i64(*v.fee_fen);
    o.flag(v.promise_day.has_value());
    if (v.promise_day) o.i32(*v.promise_day);
    o.flag(v.promise_type.has_value());
    if (v.promise_type) o.e(*v.promise_type);
    o.flag(v.personal_presence.has_value());
    if (v.personal_presence) o.str(*v.personal_presence);
    o.str(v.note);
  }
  o.count(s.members.size());
  for (const MemberRule& r : s.members) {
    o.u32(r.member);
    write_condition(o, r.when);
  }
}

void write_day(Out& o, const std::optional<Date>& d) {
  o.flag(d.has_value());
  if (d) o.i32(static_cast<int32_t>(to_epoch_day(*d)));
}

void write_validity(Out& o, const Validity& v) {
  write_day(o, v.from);
  write_day(o, v.until);
}

void write_limit(Out& o, const Limit& l) {
  o.i32(l.value);
  o.e(l.unit);
}

void write_matter(Out& o, const Matter& m) {
  o.str(m.code);
  o.str(m.name);
  o.u32(m.department);
  o.e(m.kind);
  o.e(m.project_type);
  o.flag(m.legal_limit.has_value());
  if (m.legal_limit) write_limit(o, *m.legal_limit);
  write_limit(o, m.promised_limit);
  o.i64(m.fee_fen);
  o.e(m.fee_kind);
  o.indices(m.halls);
  o.count(m.materials.size());
  for (const MaterialUse& u : m.materials) {
    o.u32(u.material);
    o.e(u.form);
    o.flag(u.original);
    o.e(u.necessity);
    o.str(u.condition);
    o.flag(u.applies_by_default);
    write_validity(o, u.validity);
  }
  o.e(m.online);
  o.u8(static_cast<uint8_t>((m.postal_application ? 1 : 0) | (m.express_delivery ? 2 : 0) |
                            (m.electronic_licence ? 4 : 0) | (m.online_payment ? 8 : 0) |
                            (m.tolerant_acceptance ? 16 : 0)));
  o.flag(m.site_inspection_days.has_value());
  if (m.site_inspection_days) o.i32(*m.site_inspection_days);
  o.str(m.personal_presence);
  o.count(m.special_procedures.size());
  for (const SpecialProcedure& p : m.special_procedures) {
    o.str(p.name);
    o.i32(p.days);
    o.e(p.kind);
    o.str(p.basis);
  }
  o.i32(m.issue_days);
  o.flag(m.extension.has_value());
  if (m.extension) {
    o.i32(m.extension->days);
    o.str(m.extension->basis);
  }
  o.flag(m.declared_trips.has_value());
  if (m.declared_trips) o.i32(*m.declared_trips);
  write_day(o, m.effective_from);
  write_day(o, m.effective_until);
  o.count(m.periods.size());
  for (const FieldPeriod& p : m.periods) {
    o.e(p.field);
    write_validity(o, p.validity);
  }
  o.str(m.note);
  write_situations(o, m.situations);
}

void write_bundle(Out& o, const Bundle& b) {
  o.str(b.id);
  o.str(b.name);
  o.u32(b.lead);
  o.indices(b.members);
  o.count(b.edges.size());
  for (const BundleEdge& e : b.edges) {
    o.u32(e.from);
    o.u32(e.to);
    o.e(e.kind);
    o.i32(e.days);
  }
  o.e(b.handling);
  o.e(b.acceptance);
  o.flag(b.joint_inspection);
  o.e(b.results);
  write_validity(o, b.validity);
  o.str(b.note);
  write_situations(o, b.situations);
}

// ---- reading ----------------------------------------------------------------

// UTF-8 as RFC 3629 has it (no overlong forms, no surrogates, nothing past
// U+10FFFF) and no NUL, which a C caller would read as the string's end.
bool valid_text(const unsigned char* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: most of a catalogue's codes and ids.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      // No byte has its top bit set, and none is zero.
      if ((w & 0x8080808080808080ULL) != 0 || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const unsigned char c = p[i];
    if (c == 0) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t min;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

// Reads the payload; the first problem stops it, with where it was found.
class In {
 public:
  explicit In(std::string_view payload)
      : begin_(reinterpret_cast<const unsigned char*>(payload.data())), at_(begin_), end_(begin_ + payload.size()) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  size_t offset() const { return static_cast<size_t>(at_ - begin_); }
  bool at_end() const { return at_ == end_; }
  // Goes on reading at `offset`, within the payload (one read before, or
  // the chunk table's, checked against the payload's size).
  void seek(size_t offset) { at_ = begin_ + offset; }

  // The first problem only: what follows a bad field is not read further.
  void fail(std::string what) {
    if (error_.empty()) error_ = std::move(what);
    at_ = end_;
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE uint8_t u8(const char* what) {
    if (!need(1, what)) return 0;
    return *at_++;
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool flag(const char* what) {
    const uint8_t v = u8(what);
    if (v > 1) fail(absl::StrFormat("%s: %d where 0 or 1 is expected, at byte %d", what, v, offset() - 1));
    return v == 1;
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE uint32_t u32(const char* what) {
    if (!need(4, what)) return 0;
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= uint32_t{at_[i]} << (8 * i);
    at_ += 4;
    return v;
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE uint64_t u64(const char* what) {
    if (!need(8, what)) return 0;
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= uint64_t{at_[i]} << (8 * i);
    at_ += 8;
    return v;
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE int32_t i32(const char* what) { return static_cast<int32_t>(u32(what)); }
  ABSL_ATTRIBUTE_ALWAYS_INLINE int64_t i64(const char* what) { return static_cast<int64_t>(u64(what)); }

  // A value of enumeration E, one of its named values.
  template <class E>
  ABSL_ATTRIBUTE_ALWAYS_INLINE E e(const char* what) {
    // Which of the 256 byte values are values of E, from its names' table once.
    static const std::array<bool, 256> kValues = [] {
      std::array<bool, 256> out{};
      for (const auto& n : enum_names(E{})) out[static_cast<uint8_t>(n.value)] = true;
      return out;
    }();
    const uint8_t v = u8(what);
    if (kValues[v]) return static_cast<E>(v);
    if (ok()) fail(absl::StrFormat("%s: %d is not one of its values, at byte %d", what, v, offset() - 1));
    return E{};
  }

  // A count of items that take at least `min_bytes` each: never more than
  // what is left can hold, so that a hostile count allocates nothing.
  ABSL_ATTRIBUTE_ALWAYS_INLINE uint32_t count(const char* what, size_t min_bytes) {
    const uint32_t n = u32(what);
    if (ok() && static_cast<uint64_t>(n) * min_bytes > static_cast<uint64_t>(end_ - at_)) {
      fail(absl::StrFormat("%s: a count of %d at byte %d, more than the %d bytes left can hold", what, n, offset() - 4,
                           end_ - at_));
      return 0;
    }
    return n;
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void str(std::string& out, const char* what) {
    const uint32_t n = count(what, 1);
    if (!ok()) return;
    if (n != 0 && !valid_text(at_, n)) {
      fail(absl::StrFormat("%s: the text at byte %d is not UTF-8 without NUL", what, offset()));
      return;
    }
    out.assign(reinterpret_cast<const char*>(at_), n);
    at_ += n;
  }
  std::string str(const char* what) {
    std::string out;
    str(out, what);
    return out;
  }
  // A text checked as str() checks it, left where it is.
  ABSL_ATTRIBUTE_ALWAYS_INLINE std::string_view text(const char* what) {
    const uint32_t n = count(what, 1);
    if (!ok()) return {};
    if (n != 0 && !valid_text(at_, n)) {
      fail(absl::StrFormat("%s: the text at byte %d is not UTF-8 without NUL", what, offset()));
      return {};
    }
    const std::string_view out(reinterpret_cast<const char*>(at_), n);
    at_ += n;
    return out;
  }

 private:
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool need(size_t n, const char* what) {
    if (static_cast<size_t>(end_ - at_) >= n) return true;
    fail(absl::StrFormat("%s: the payload ends at byte %d, inside it", what, end_ - begin_));
    return false;
  }

  const unsigned char* begin_;
  const unsigned char* at_;
  const unsigned char* end_;
  std::string error_;
};

// The fewest bytes a matter takes: its fixed fields, empty strings and one hall.
constexpr size_t kMatterBytes = 56;
static_assert(kSnapshotChunkMatters == MatterTable::kChunkSize, "a snapshot's chunk is a catalogue's");

std::string describe_version(uint32_t number) {
  return absl::StrFormat("%d.%d.%d", number / 10000, number / 100 % 100, number % 100);
}

}  // namespace

class HeldBytes;

// A second thread beside a large snapshot's load: it runs one job at once
// (making the copy the catalogue keeps), then the one it is given (reading
// chunks of matters beside the calling thread), or none.
class SideThread {
 public:
  SideThread() = default;
  SideThread(const SideThread&) = delete;
  SideThread& operator=(const SideThread&) = delete;
  ~SideThread() { stop(); }

  // Starts the thread on `first`; false when no thread can be had.
  bool start(std::function<void()> first) {
    try {
      thread_ = std::thread([this, job = std::move(first)] { run(job); });
      return true;
    } catch (const std::system_error&) {
      return false;
    }
  }
  // The job after the first (null: none); only the first one given counts.
  void give(std::function<void()> then) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (given_) return;
      given_ = true;
      then_ = std::move(then);
    }
    ready_.notify_one();
  }
  // Waits for the thread to end (given nothing more); what it threw is thrown here.
  void join() {
    stop();
    if (failed_) std::rethrow_exception(std::exchange(failed_, nullptr));
  }
  // Waits for the thread to end, given nothing more, whatever it threw.
  void stop() noexcept {
    give(nullptr);
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run(const std::function<void()>& first) {
    try {
      first();
      std::function<void()> then;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return given_; });
        then = std::move(then_);
      }
      if (then) then();
    } catch (...) {
      failed_ = std::current_exception();
    }
  }

  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable ready_;
  bool given_ = false;
  std::function<void()> then_;
  std::exception_ptr failed_;  // read after the thread has ended
};

// Builds the catalogue; a friend of Catalog.
struct SnapshotReader {
  std::string_view payload;
  In in{payload};
  // The tables' sizes, for the indices into them.
  size_t halls = 0;
  size_t departments = 0;
  size_t materials = 0;
  size_t matters = 0;
  // Where the tables' and bundles' ids are registered (and found unique);
  // null when matters are read (MatterScan) or built from their bytes.
  Lookups* ids = nullptr;
  // Whether a matter's texts are kept (else only checked: a load's first reading).
  bool keep_text = true;
  // Where matter i's code is put (codes[i]), for MatterScan to index; null
  // when a chunk's matters are built.
  std::string_view* codes = nullptr;

  // The item being read ("$.matters", 12): paths are spelled out only for a message.
  const char* array = "$";
  size_t item = 0;

  // A path into the equivalent JSON document, for messages.
  static std::string at(const char* table, size_t i, const char* field) {
    return json_path(json_path(table, i), field);
  }
  std::string where(const char* field) const { return at(array, item, field); }
  void out_of_range(const char* field, const char* table, uint64_t index, size_t size) {
    in.fail(absl::StrFormat("%s: %s index %d is out of range (%d %s)", where(field), table, index, size, table));
  }
  ABSL_ATTRIBUTE_ALWAYS_INLINE void bounded(int64_t v, int64_t lo, int64_t hi, const char* field) {
    if (ABSL_PREDICT_FALSE(v < lo || v > hi) && in.ok()) {
      in.fail(absl::StrFormat("%s: %d is out of range (%d to %d)", where(field), v, lo, hi));
    }
  }
  template <class Map>
  void register_id(Map& map, std::string_view id, uint32_t i, const char* table, const char* field) {
    if (!in.ok()) return;
    if (id.empty()) return in.fail(absl::StrFormat("%s: an empty %s", at(table, i, field), field));
    auto [it, fresh] = map.try_emplace(std::string(id), i);
    if (!fresh) {
      in.fail(absl::StrFormat("%s: %s %s is also used by %s", at(table, i, field), field, quote_text(id),
                              json_path(table, it->second)));
    }
  }

  static std::string twice(std::string_view code, uint32_t i, uint32_t first) {
    return absl::StrFormat("%s: code %s is also used by %s", at("$.matters", i, "code"), quote_text(code),
                           json_path("$.matters", first));
  }

  // A day of the calendar (days since the epoch), if one is given.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void day(std::optional<Date>& d, const char* field) {
    if (!in.flag("whether a validity date is given")) return;
    const int32_t number = in.i32("a validity date");
    if (!in.ok()) return;
    auto date = from_epoch_day(number);
    if (!date.ok()) return in.fail(absl::StrCat(where(field), ": ", date.status().message()));
    d = *date;
  }

  ABSL_ATTRIBUTE_ALWAYS_INLINE void validity(Validity& v, const char* field) {
    day(v.from, field);
    day(v.until, field);
    if (in.ok() && v.from && v.until && *v.until < *v.from) {
      in.fail(where(field) + ": a period that ends before it starts");
    }
  }

  Limit limit(const char* field) {
    Limit l;
    l.value = in.i32("a limit");
    l.unit = in.e<LimitUnit>("a limit's unit");
    bounded(l.value, 0, l.unit == LimitUnit::kMonths ? kMaxMonths : kMaxDays, field);
    return l;
  }

  SituationsRef situations() {
    if (!in.flag("whether there are situations")) return {};
    auto s = std::make_shared<Situations>();
    s->questions.resize(in.count("questions", 11));
    for (Question& q : s->questions) {
      in.str(q.id, "a question's id");
      in.str(q.text, "a question's text");
      q.type = in.e<QuestionType>("a question's type");
      q.choices.resize(in.count("a question's choices", 4));
      for (std::string& c : q.choices) in.str(c, "a choice");
      in.str(q.unit, "a question's unit");
    }
    s->eligibility.resize(in.count("eligibility rules", 17));
    for (EligibilityRule& r : s->eligibility) {
      in.str(r.when.text, "a condition");
      in.str(r.reason, "a refusal's reason");
      in.str(r.basis, "a refusal's basis");
      r.refusal = in.e<Refusal>("a refusal");
      in.str(r.instead, "a refusal's other matter");
    }
    s->materials.resize(in.count("material conditions", 12));
    for (MaterialRule& r : s->materials) {
      r.use = in.u32("a material condition's position");
      in.str(r.when.text, "a condition");
      r.copies = in.i32("a number of copies");
    }
    s->variants.resize(in.count("variants", 17));
    for (Variant& v : s->variants) {
      in.str(v.when.text, "a condition");
      if (in.flag("whether a variant sets online")) v.online = in.e<OnlineApplication>("a variant's online");
      for (std::optional<bool>* b : {&v.postal_application, &v.express_delivery, &v.electronic_licence,
                                     &v.online_payment, &v.tolerant_acceptance}) {
        const uint8_t x = in.u8("a variant's channel");
        if (x < 2) {
          *b = x == 1;
        } else if (x > 2) {
          in.fail(absl::StrFormat("a variant's channel: %d where 0, 1 or 2 is expected", x));
        }
      }
      if (in.flag("whether a variant sets the fee")) v.fee_fen = in.i64("a variant's fee");
      if (in.flag("whether a variant sets the limit")) v.promise_day = in.i32("a variant's limit");
      if (in.flag("whether a variant sets the limit's unit")) v.promise_type = in.e<LimitUnit>("a variant's unit");
      if (in.flag("whether a variant sets personal presence")) v.personal_presence = in.str("a personal presence");
      in.str(v.note, "a variant's note");
    }
    s->members.resize(in.count("member conditions", 8));
    for (MemberRule& r : s->members) {
      r.member = in.u32("a member condition's position");
      in.str(r.when.text, "a condition");
    }
    return SituationsRef(std::move(s));
  }

  // A matter's text into `out`, or only checked.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void text(std::string& out, const char* what) {
    if (keep_text) {
      in.str(out, what);
    } else {
      in.text(what);
    }
  }

  // Reads matter i into `m`, every field set (`m` may hold another matter's:
  // its strings and lists are reused).
  void matter(Matter& m, uint32_t i) {
    array = "$.matters";
    item = i;
    const std::string_view code = in.text("a matter's code");
    if (keep_text) m.code.assign(code);
    if (codes != nullptr && in.ok()) {
      if (code.empty()) return in.fail(where("code") + ": an empty code");
      codes[i] = code;
    }
    text(m.name, "a matter's name");
    m.department = in.u32("a matter's department");
    if (in.ok() && m.department >= departments) out_of_range("department", "department", m.department, departments);
    m.kind = in.e<MatterKind>("a matter's kind");
    m.project_type = in.e<ProjectType>("a matter's project type");
    m.legal_limit.reset();
    if (in.flag("whether a matter has a legal limit")) m.legal_limit = limit("anticipate_day");
    m.promised_limit = limit("promise_day");
    m.fee_fen = in.i64("a matter's fee");
    bounded(m.fee_fen, 0, std::numeric_limits<int64_t>::max(), "fee");
    m.fee_kind = in.e<FeeKind>("a matter's fee kind");
    m.halls.resize(in.count("a matter's halls", 4));
    if (in.ok() && m.halls.empty()) in.fail(where("halls") + ": the matter is offered in no hall");
    for (HallIndex& h : m.halls) {
      h = in.u32("a matter's hall");
      if (in.ok() && h >= halls) out_of_range("halls", "hall", h, halls);
    }
    m.materials.resize(in.count("a matter's materials", 9));
    for (MaterialUse& u : m.materials) {
      u.material = in.u32("a material use's material");
      if (in.ok() && u.material >= materials) out_of_range("materials", "material", u.material, materials);
      u.form = in.e<MaterialForm>("a material use's form");
      u.original = in.flag("a material use's original");
      u.necessity = in.e<Necessity>("a material use's necessity");
      text(u.condition, "a material use's condition");
      u.applies_by_default = in.flag("a material use's default");
      u.validity = {};
      validity(u.validity, "materials");
    }
    m.online = in.e<OnlineApplication>("a matter's online application");
    const uint8_t channels = in.u8("a matter's channels");
    if (channels >= 32) in.fail(where("postal_application") + ": unknown channel bits");
    m.postal_application = (channels & 1) != 0;
    m.express_delivery = (channels & 2) != 0;
    m.electronic_licence = (channels & 4) != 0;
    m.online_payment = (channels & 8) != 0;
    m.tolerant_acceptance = (channels & 16) != 0;
    m.site_inspection_days.reset();
    if (in.flag("whether a matter has a site inspection")) {
      m.site_inspection_days = in.i32("a site inspection's days");
      bounded(*m.site_inspection_days, 0, kMaxDays, "site_inspection_days");
    }
    text(m.personal_presence, "a matter's personal presence");
    m.special_procedures.resize(in.count("a matter's special procedures", 13));
    int64_t special_days = 0;
    for (SpecialProcedure& p : m.special_procedures) {
      text(p.name, "a special procedure's name");
      p.days = in.i32("a special procedure's days");
      bounded(p.days, 0, kMaxDays, "special_procedures");
      special_days += p.days;
      p.kind = in.e<SpecialKind>("a special procedure's kind");
      text(p.basis, "a special procedure's basis");
    }
    bounded(special_days, 0, kMaxDays, "special_procedures");
    m.issue_days = in.i32("a matter's issue days");
    bounded(m.issue_days, 0, kMaxIssueDays, "issue_days");
    m.extension.reset();
    if (in.flag("whether a matter has an extension")) {
      m.extension.emplace();
      m.extension->days = in.i32("an extension's days");
      bounded(m.extension->days, 1, kMaxDays, "extension");
      text(m.extension->basis, "an extension's basis");
    }
    m.declared_trips.reset();
    if (in.flag("whether a matter declares trips")) {
      m.declared_trips = in.i32("a matter's declared trips");
      bounded(*m.declared_trips, 0, kMaxDeclaredTrips, "limit_scene_num");
    }
    m.effective_from.reset();
    m.effective_until.reset();
    day(m.effective_from, "effective_from");
    day(m.effective_until, "effective_until");
    if (in.ok() && m.effective_from && m.effective_until && *m.effective_until < *m.effective_from) {
      in.fail(where("effective_until") + ": a period that ends before it starts");
    }
    m.periods.resize(in.count("a matter's periods", 3));
    for (FieldPeriod& p : m.periods) {
      p.field = in.e<DatedField>("a period's field");
      p.validity = {};
      validity(p.validity, "periods");
    }
    text(m.note, "a matter's note");
    m.situations = situations();
  }

  void bundle(Bundle& b, uint32_t i) {
    array = "$.bundles";
    item = i;
    in.str(b.id, "a bundle's id");
    register_id(ids->bundles, b.id, i, "$.bundles", "id");
    in.str(b.name, "a bundle's name");
    b.lead = in.u32("a bundle's lead");
    if (in.ok() && b.lead >= departments) out_of_range("lead", "department", b.lead, departments);
    b.members.resize(in.count("a bundle's members", 4));
    if (in.ok() && (b.members.empty() || static_cast<int64_t>(b.members.size()) > kMaxBundleMembers)) {
      in.fail(absl::StrFormat("%s: %d members, where 1 to %d are allowed", where("members"), b.members.size(),
                              kMaxBundleMembers));
    }
    for (MatterIndex& m : b.members) {
      m = in.u32("a bundle's member");
      if (in.ok() && m >= matters) out_of_range("members", "matter", m, matters);
    }
    b.edges.resize(in.count("a bundle's edges", 13));
    for (BundleEdge& e : b.edges) {
      e.from = in.u32("an edge's origin");
      e.to = in.u32("an edge's end");
      if (in.ok() && (e.from >= b.members.size() || e.to >= b.members.size() || e.from == e.to)) {
        in.fail(where("edges") + ": an edge between positions that are not two members of the bundle");
      }
      e.kind = in.e<EdgeKind>("an edge's kind");
      e.days = in.i32("an edge's days");
      bounded(e.days, 0, kMaxEdgeDays, "edges");
    }
    if (in.ok()) acyclic(b);
    b.handling = in.e<JointHandling>("a bundle's joint handling");
    b.acceptance = in.e<Acceptance>("a bundle's acceptance");
    b.joint_inspection = in.flag("a bundle's joint inspection");
    b.results = in.e<Results>("a bundle's results");
    validity(b.validity, "effective_from");
    in.str(b.note, "a bundle's note");
    b.situations = situations();
  }

  // Kahn's algorithm: the topological order the catalogue computes needs a graph without a cycle.
  void acyclic(const Bundle& b) {
    const size_t n = b.members.size();
    std::vector<uint32_t> incoming(n, 0);
    std::vector<uint32_t> offsets(n + 1, 0);
    for (const BundleEdge& e : b.edges) {
      ++incoming[e.to];
      ++offsets[e.from + 1];
    }
    for (size_t v = 0; v < n; ++v) offsets[v + 1] += offsets[v];
    std::vector<uint32_t> targets(b.edges.size());
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (const BundleEdge& e : b.edges) targets[next[e.from]++] = e.to;
    std::vector<uint32_t> ready;
    for (uint32_t v = 0; v < n; ++v) {
      if (incoming[v] == 0) ready.push_back(v);
    }
    size_t done = 0;
    while (!ready.empty()) {
      const uint32_t v = ready.back();
      ready.pop_back();
      ++done;
      for (uint32_t k = offsets[v]; k < offsets[v + 1]; ++k) {
        if (--incoming[targets[k]] == 0) ready.push_back(targets[k]);
      }
    }
    if (done != n) in.fail(where("edges") + ": the members form a cycle");
  }

  // The situations are checked and their conditions compiled anew (the
  // compiled form is not stored): what the notice evaluates is what this
  // library's parser makes of the text. Few matters have any: those read
  // with situations are kept aside (`situational`, by index) for the checks,
  // which read no other matter; their chunks compile them when built.
  void check_situations(const std::vector<std::pair<uint32_t, Matter>>& situational, std::vector<Bundle>& bundles) {
    Problems problems;
    const auto exists = [&](std::string_view code) { return ids->matters->contains(code); };
    for (const auto& [i, m] : situational) check_matter_situations(m, json_path("$.matters", i), exists, problems);
    // A member with situations, or null: what the bundles' checks read of a member.
    const auto matter = [&](MatterIndex i) -> const Matter* {
      auto it = std::lower_bound(situational.begin(), situational.end(), i,
                                 [](const auto& entry, MatterIndex want) { return entry.first < want; });
      return it != situational.end() && it->first == i ? &it->second : nullptr;
    };
    for (size_t i = 0; i < bundles.size(); ++i) {
      const Bundle& b = bundles[i];
      if (b.situations ||
          std::any_of(b.members.begin(), b.members.end(), [&](MatterIndex mi) { return matter(mi) != nullptr; })) {
        check_bundle_situations(b, json_path("$.bundles", i), matter, problems);
      }
    }
    if (!problems.empty()) {
      in.fail(std::string(problems.to_status("the snapshot's situations").message()));
      return;
    }
    for (Bundle& b : bundles) {
      if (b.situations) b.situations = compiled(b.situations, bundle_scope(b, matter));
    }
  }

  // A reader of `bytes` (this payload, or a copy of it) from `offset`, with
  // the sizes of the tables read here, registering nothing: what reads a
  // chunk of matters.
  SnapshotReader matters_at(std::string_view bytes, size_t offset) const {
    SnapshotReader r{bytes};
    r.halls = halls;
    r.departments = departments;
    r.materials = materials;
    r.matters = matters;
    r.in.seek(offset);
    return r;
  }

  // Reads and checks the payload, its chunks of matters on `side` too when
  // it is given; on success, `keep` gives the bytes the catalogue keeps
  // (holding the same payload after the same header).
  absl::StatusOr<Catalog> read(const std::function<std::shared_ptr<const HeldBytes>()>& keep, SideThread* side);

  // The matters' chunk table: where each chunk of matters begins, then where
  // the bundles begin; empty after a problem.
  std::vector<uint64_t> chunk_table();
};

// The bytes of a snapshot a catalogue keeps: a copy of the caller's, or the
// text of a file read. On Linux a large copy goes to pages of its own, all
// mapped by one call before it is made (MAP_POPULATE), so that copying 180 MB
// takes no page fault (transparent huge pages are not asked for: where the
// kernel compacts memory to make them, a first load could wait on it).
class HeldBytes {
 public:
  static std::shared_ptr<const HeldBytes> copy(std::string_view bytes) {
    auto held = std::make_shared<HeldBytes>();
#if defined(__linux__) && defined(MAP_POPULATE)
    if (bytes.size() >= kMappedBytes) {
      void* at = mmap(nullptr, bytes.size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (at != MAP_FAILED) {
        held->mapped_ = at;
        held->mapped_length_ = bytes.size();
        std::memcpy(at, bytes.data(), bytes.size());
        held->view_ = std::string_view(static_cast<const char*>(at), bytes.size());
        return held;
      }
    }
#endif
    held->text_.assign(bytes);
    held->view_ = held->text_;
    return held;
  }
  static std::shared_ptr<const HeldBytes> adopt(std::string text) {
    auto held = std::make_shared<HeldBytes>();
    held->text_ = std::move(text);
    held->view_ = held->text_;
    return held;
  }

  HeldBytes() = default;
  HeldBytes(const HeldBytes&) = delete;
  HeldBytes& operator=(const HeldBytes&) = delete;
  ~HeldBytes() {
#if defined(__linux__) && defined(MAP_POPULATE)
    if (mapped_ != nullptr) munmap(mapped_, mapped_length_);
#endif
  }
  std::string_view view() const { return view_; }

 private:
  static constexpr size_t kMappedBytes = size_t{4} << 20;  // from this size on, pages of its own
  std::string text_;
  void* mapped_ = nullptr;
  size_t mapped_length_ = 0;
  std::string_view view_;
};

// The matters of a snapshot, kept as its checked bytes: each chunk's are
// read again (with every check, which the load passed) when one of them is
// first read.
class SnapshotChunks final : public ChunkSource {
 public:
  // `payload` is in `bytes`; `tables` read it (the sizes of its tables).
  SnapshotChunks(std::shared_ptr<const HeldBytes> bytes, std::string_view payload, const SnapshotReader& tables,
                 std::vector<uint64_t> offsets)
      : bytes_(std::move(bytes)), tables_(tables.matters_at(payload, 0)), offsets_(std::move(offsets)) {}

  std::shared_ptr<const std::vector<Matter>> build(size_t chunk, size_t count) const override {
    SnapshotReader reader = tables_.matters_at(tables_.payload, offsets_[chunk]);
    auto block = std::make_shared<std::vector<Matter>>(count);
    const auto first = static_cast<uint32_t>(chunk * MatterTable::kChunkSize);
    for (uint32_t k = 0; k < count; ++k) {
      Matter& m = (*block)[k];
      reader.matter(m, first + k);
      if (m.situations) m.situations = compiled(m.situations, m.situations->questions);
    }
    // The same bytes passed the same reading when the snapshot was loaded.
    ABSL_RAW_CHECK(reader.in.ok(), "a snapshot's chunk read differently from its load");
    return block;
  }

 private:
  std::shared_ptr<const HeldBytes> bytes_;  // holds the payload
  SnapshotReader tables_;                   // the payload and its tables' sizes
  std::vector<uint64_t> offsets_;           // where each chunk's first matter begins
};

// The load's reading of the matters, chunk by chunk on any thread that runs
// it: each is read from where the chunk table has it begin, into one matter
// per thread whose strings and lists are reused, its texts checked in place.
// The codes are indexed in the matters' order, chunk by chunk as the chunks
// before are read, by one thread at a time (the one that finds the next
// chunk read and no other indexing), so that indexing overlaps reading.
class MatterScan {
 public:
  MatterScan(const SnapshotReader& tables, const std::vector<uint64_t>& offsets, CodeIndex& index)
      : tables_(tables),
        offsets_(offsets),
        index_(index),
        codes_(tables.matters),
        hashes_(tables.matters),
        chunks_(offsets.size() - 1) {
    // Room for each code: what is left of the payload, divided among the matters, bounds it.
    index.reserve(tables.matters,
                  std::min<size_t>(tables.payload.size() - offsets.front(), size_t{32} * tables.matters));
  }

  // Reads chunks until none is left to read.
  void run() {
    Matter scratch;
    for (size_t c = next_.fetch_add(1, std::memory_order_relaxed); c < chunks_.size();
         c = next_.fetch_add(1, std::memory_order_relaxed)) {
      if (c > failed_.load(std::memory_order_relaxed)) continue;  // after a problem: not needed
      read(c, scratch);
      index_read(c);
    }
  }

  // The first problem of the matters, by their order (a code an earlier
  // matter has, or a problem of a chunk), once every chunk is read and no
  // thread runs any more.
  std::string first_problem() {
    index_read(chunks_.size());
    if (twice_) return SnapshotReader::twice(codes_[twice_->first], twice_->first, twice_->second);
    for (const Chunk& chunk : chunks_) {
      if (!chunk.problem.empty()) return chunk.problem;
    }
    // Without a problem every chunk was read, and indexed by the call above at the latest.
    ABSL_RAW_CHECK(indexed_ == chunks_.size(), "a snapshot's chunk of codes was not indexed");
    return {};
  }

  // The matters with situations, read whole, by index.
  std::vector<std::pair<uint32_t, Matter>> situational() {
    std::vector<std::pair<uint32_t, Matter>> out;
    for (Chunk& chunk : chunks_) {
      for (auto& entry : chunk.situational) out.push_back(std::move(entry));
    }
    return out;
  }
  bool dated() const {
    return std::any_of(chunks_.begin(), chunks_.end(), [](const Chunk& c) { return c.dated; });
  }

 private:
  struct Chunk {
    std::string problem;  // the first one, if any
    size_t matter = 0;    // the matter it is in
    bool dated = false;   // whether a matter read has a dated field
    std::vector<std::pair<uint32_t, Matter>> situational;
    bool read = false;  // guarded by mutex_
  };

  // Chunk c has been read (chunks_.size(): none more): the chunks read after
  // those indexed are indexed, unless another thread is indexing them.
  void index_read(size_t c) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (c < chunks_.size()) chunks_[c].read = true;
    if (indexing_) return;  // that thread takes this chunk too
    indexing_ = true;
    while (indexed_ < chunks_.size() && chunks_[indexed_].read && !stopped_) {
      const size_t next = indexed_;
      lock.unlock();
      bool go_on = false;
      try {
        go_on = index_chunk(next);
      } catch (...) {  // no chunk is indexed any more; the load throws
        lock.lock();
        stopped_ = true;
        indexing_ = false;
        throw;
      }
      lock.lock();
      indexed_ = next + 1;
      if (!go_on) {
        stopped_ = true;
        lower_failed(next);  // no chunk after a repeated code is needed either
      }
    }
    indexing_ = false;
  }

  // No chunk after c is read any more.
  void lower_failed(size_t c) {
    size_t failed = failed_.load(std::memory_order_relaxed);
    while (c < failed && !failed_.compare_exchange_weak(failed, c, std::memory_order_relaxed)) {
    }
  }

  // Indexes chunk c's codes, up to its problem if it has one; false: no
  // chunk after it is indexed (a problem, or a code found twice).
  bool index_chunk(size_t c) {
    const Chunk& chunk = chunks_[c];
    const size_t first = c * kSnapshotChunkMatters;
    size_t end = std::min(first + kSnapshotChunkMatters, codes_.size());
    if (!chunk.problem.empty()) end = chunk.matter + (codes_[chunk.matter].empty() ? 0 : 1);
    twice_ = index_.add_all(absl::MakeConstSpan(codes_.data() + first, end - first),
                            absl::MakeConstSpan(hashes_.data() + first, end - first), static_cast<uint32_t>(first));
    return !twice_ && chunk.problem.empty();
  }

  void read(size_t c, Matter& scratch) {
    SnapshotReader r = tables_.matters_at(tables_.payload, offsets_[c]);
    r.codes = codes_.data();
    r.keep_text = false;
    Chunk& out = chunks_[c];
    const size_t first = c * kSnapshotChunkMatters;
    const size_t end = std::min(first + kSnapshotChunkMatters, codes_.size());
    size_t i = first;
    for (; i < end; ++i) {
      const size_t at = r.in.offset();
      r.matter(scratch, static_cast<uint32_t>(i));
      if (!codes_[i].empty()) hashes_[i] = CodeIndex::hash(codes_[i]);  // read before a problem after it too
      if (!r.in.ok()) break;
      out.dated = out.dated || matter_dated(scratch);
      if (scratch.situations) {  // read again, whole, for the checks (which name it)
        r.in.seek(at);
        r.keep_text = true;
        r.codes = nullptr;
        out.situational.emplace_back(static_cast<uint32_t>(i), Matter{});
        r.matter(out.situational.back().second, static_cast<uint32_t>(i));
        r.keep_text = false;
        r.codes = codes_.data();
      }
    }
    if (r.in.ok() && r.in.offset() != offsets_[c + 1]) {
      i = end - 1;
      r.in.fail(
          absl::StrFormat("%s: the chunk of matters from %s ends at byte %d, where the chunk table has %s begin "
                          "at byte %d",
                          json_path("$.matters", i), json_path("$.matters", first), r.in.offset(),
                          c + 1 < chunks_.size() ? "the next" : "the bundles", offsets_[c + 1]));
    }
    if (r.in.ok()) return;
    out.problem = r.in.error();
    out.matter = i;
    lower_failed(c);
  }

  const SnapshotReader& tables_;
  const std::vector<uint64_t>& offsets_;
  CodeIndex& index_;
  // Matter i's code once read, and its hash for the index: each chunk's set by the thread reading it.
  std::vector<std::string_view> codes_;
  std::vector<size_t> hashes_;
  std::vector<Chunk> chunks_;
  std::atomic<size_t> next_{0};
  std::atomic<size_t> failed_{std::numeric_limits<size_t>::max()};  // the first chunk found with a problem
  std::mutex mutex_;
  size_t indexed_ = 0;     // the chunks indexed; guarded by mutex_
  bool indexing_ = false;  // whether a thread is indexing; guarded by mutex_
  bool stopped_ = false;   // whether indexing has stopped at a problem; guarded by mutex_
  // The first matter whose code an earlier one has, with that one's index
  // (set by the thread indexing, read once none runs).
  std::optional<std::pair<uint32_t, uint32_t>> twice_;
};

absl::StatusOr<Catalog> SnapshotReader::read(const std::function<std::shared_ptr<const HeldBytes>()>& keep,
                                             SideThread* side) {
  auto built = std::make_shared<Catalog::Impl>();
  auto lookups = std::make_shared<Lookups>();
  ids = lookups.get();
  in.str(built->name, "the catalogue's name");

  built->halls.resize(in.count("halls", 13));
  halls = built->halls.size();
  for (uint32_t i = 0; i < built->halls.size(); ++i) {
    Hall& h = built->halls[i];
    in.str(h.id, "a hall's id");
    register_id(ids->halls, h.id, i, "$.halls", "id");
    in.str(h.name, "a hall's name");
    in.str(h.address, "a hall's address");
    h.kind = in.e<HallKind>("a hall's kind");
  }
  built->departments.resize(in.count("departments", 13));
  departments = built->departments.size();
  for (uint32_t i = 0; i < built->departments.size(); ++i) {
    Department& d = built->departments[i];
    in.str(d.id, "a department's id");
    register_id(ids->departments, d.id, i, "$.departments", "id");
    in.str(d.name, "a department's name");
    d.halls.resize(in.count("a department's halls", 4));
    for (HallIndex& h : d.halls) {
      h = in.u32("a department's hall");
      if (in.ok() && h >= halls) {
        array = "$.departments";
        item = i;
        out_of_range("halls", "hall", h, halls);
      }
    }
    d.collects_taxes = in.flag("whether a department collects taxes");
  }
  built->materials.resize(in.count("materials", 22));
  materials = built->materials.size();
  for (uint32_t i = 0; i < built->materials.size(); ++i) {
    Material& m = built->materials[i];
    in.str(m.id, "a material's id");
    register_id(ids->materials, m.id, i, "$.materials", "id");
    in.str(m.name, "a material's name");
    m.form = in.e<MaterialForm>("a material's form");
    m.original = in.flag("a material's original");
    m.source = in.e<MaterialSource>("a material's source");
    in.str(m.issuer, "a material's issuer");
    m.shared = in.flag("whether a material is shared");
    m.necessity = in.e<Necessity>("a material's necessity");
    in.str(m.condition, "a material's condition");
    m.applies_by_default = in.flag("a material's default");
  }
  matters = in.count("matters", kMatterBytes);
  const std::vector<uint64_t> offsets = chunk_table();
  if (!in.ok()) return absl::InvalidArgumentError(absl::StrCat("snapshot: ", in.error()));
  // Every matter is read and checked now, chunk by chunk on both threads;
  // each chunk's matters are built from their bytes when first read.
  MatterScan scan(*this, offsets, *ids->matters);
  struct Stopped {  // on every way out: the side thread no longer reads `scan`
    SideThread* side;
    ~Stopped() {
      if (side != nullptr) side->stop();
    }
  } stopped{side};
  if (side != nullptr) side->give([&scan] { scan.run(); });
  scan.run();
  in.seek(offsets.back());
  auto bundles = std::make_shared<std::vector<Bundle>>(in.count("bundles", 33));
  for (uint32_t i = 0; i < bundles->size() && in.ok(); ++i) bundle((*bundles)[i], i);
  if (in.ok() && !in.at_end()) {
    in.fail(absl::StrFormat("%d bytes after the last bundle", payload.size() - in.offset()));
  }
  if (side != nullptr) side->join();  // every chunk read, and the copy made
  // The first problem in the matters, if any, is the answer.
  std::string problem = scan.first_problem();
  if (!problem.empty()) return absl::InvalidArgumentError(absl::StrCat("snapshot: ", problem));
  std::vector<std::pair<uint32_t, Matter>> situational = scan.situational();
  if (in.ok()) check_situations(situational, *bundles);
  if (!in.ok()) return absl::InvalidArgumentError(absl::StrCat("snapshot: ", in.error()));
  std::shared_ptr<const HeldBytes> bytes = keep();
  const std::string_view kept = bytes->view().substr(kSnapshotHeaderBytes);
  auto source = std::make_shared<SnapshotChunks>(std::move(bytes), kept, *this,
                                                 std::vector<uint64_t>(offsets.begin(), offsets.end() - 1));
  for (size_t first = 0; first < matters; first += MatterTable::kChunkSize) {
    built->matters.add_lazy(source, std::min(MatterTable::kChunkSize, matters - first));
  }
  built->bundles = std::move(bundles);
  built->ids = std::move(lookups);
  built->bundle_tables = build_bundle_tables(*built->bundles);
  built->dated = scan.dated() || bundles_dated(*built->bundles);
  return Catalog(std::move(built));
}

std::vector<uint64_t> SnapshotReader::chunk_table() {
  const size_t chunks = snapshot_chunks(matters);
  std::vector<uint64_t> offsets;
  if (!in.ok()) return offsets;
  if (static_cast<uint64_t>(chunks + 1) * 8 > payload.size() - in.offset()) {
    in.fail(absl::StrFormat("the matters' chunk table: %d entries at byte %d, more than the %d bytes left can hold",
                            chunks + 1, in.offset(), payload.size() - in.offset()));
    return offsets;
  }
  offsets.resize(chunks + 1);
  for (uint64_t& o : offsets) o = in.u64("the matters' chunk table");
  // Chunk c (of count matters) takes at least count * kMatterBytes bytes; the
  // first begins after the table; the bundles begin inside the payload.
  uint64_t least = in.offset();
  for (size_t c = 0; c <= chunks; ++c) {
    if (offsets[c] > payload.size()) {
      in.fail(absl::StrFormat("the matters' chunk table: entry %d is byte %d, past the payload's end (byte %d)", c,
                              offsets[c], payload.size()));
      return {};
    }
    if (c == 0 && offsets[c] != least) {
      in.fail(absl::StrFormat("the matters' chunk table: entry 0 is byte %d, where the %s begin at byte %d", offsets[c],
                              matters == 0 ? "bundles" : "matters", least));
      return {};
    }
    if (c > 0 && offsets[c] < least) {
      in.fail(absl::StrFormat(
          "the matters' chunk table: entry %d is byte %d, where chunk %d's matters (%s on) take it at least to byte %d",
          c, offsets[c], c - 1, json_path("$.matters", (c - 1) * kSnapshotChunkMatters), least));
      return {};
    }
    least = offsets[c] + std::min(kSnapshotChunkMatters, matters - std::min(matters, c * kSnapshotChunkMatters)) *
                             uint64_t{kMatterBytes};
  }
  return offsets;
}

void reseal_snapshot(std::string& bytes) {
  if (bytes.size() < kSnapshotHeaderBytes) return;
  std::string header;
  Out o(header);
  o.u64(bytes.size() - kSnapshotHeaderBytes);
  o.u64(snapshot_checksum(std::string_view(bytes).substr(kSnapshotHeaderBytes)));
  bytes.replace(kSnapshotSizeAt, 16, header);
}

}  // namespace internal

std::string Catalog::save_snapshot() const {
  std::string bytes(internal::kSnapshotMagic, sizeof internal::kSnapshotMagic);
  internal::Out o(bytes);
  o.u32(internal::kSnapshotFormat);
  o.u32(static_cast<uint32_t>(version_number()));
  o.u64(0);  // payload size and checksum, set below
  o.u64(0);
  o.str(impl_->name);
  o.count(impl_->halls.size());
  for (const Hall& h : impl_->halls) {
    o.str(h.id);
    o.str(h.name);
    o.str(h.address);
    o.e(h.kind);
  }
  o.count(impl_->departments.size());
  for (const Department& d : impl_->departments) {
    o.str(d.id);
    o.str(d.name);
    o.indices(d.halls);
    o.flag(d.collects_taxes);
  }
  o.count(impl_->materials.size());
  for (const Material& m : impl_->materials) {
    o.str(m.id);
    o.str(m.name);
    o.e(m.form);
    o.flag(m.original);
    o.e(m.source);
    o.str(m.issuer);
    o.flag(m.shared);
    o.e(m.necessity);
    o.str(m.condition);
    o.flag(m.applies_by_default);
  }
  // The matters, after the table of where each chunk of them begins (and
  // where the bundles begin), which is filled in once they are written.
  const size_t matters = impl_->matters.size();
  o.count(matters);
  const size_t chunks = internal::snapshot_chunks(matters);
  const size_t table = bytes.size();
  bytes.append(8 * (chunks + 1), '\0');
  std::vector<uint64_t> offsets;
  offsets.reserve(chunks + 1);
  for (size_t i = 0; i < matters; ++i) {
    if (i % internal::kSnapshotChunkMatters == 0) offsets.push_back(bytes.size() - internal::kSnapshotHeaderBytes);
    internal::write_matter(o, *impl_->matters[i]);
  }
  offsets.push_back(bytes.size() - internal::kSnapshotHeaderBytes);
  for (size_t c = 0; c <= chunks; ++c) o.u64_at(table + 8 * c, offsets[c]);
  o.count(impl_->bundles->size());
  for (const Bundle& b : *impl_->bundles) internal::write_bundle(o, b);
  internal::reseal_snapshot(bytes);
  return bytes;
}

absl::Status Catalog::save_snapshot_file(const std::string& path) const {
  const std::string bytes = save_snapshot();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::NotFoundError(absl::StrCat(path, ": cannot be written"));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat(path, ": the snapshot could not be written whole"));
  return absl::OkStatus();
}

bool Catalog::is_snapshot(std::string_view bytes) {
  return bytes.size() >= sizeof internal::kSnapshotMagic &&
         std::memcmp(bytes.data(), internal::kSnapshotMagic, sizeof internal::kSnapshotMagic) == 0;
}

namespace internal {
namespace {

// A snapshot's payload and the checksum its header gives.
struct Header {
  std::string_view payload;
  uint64_t checksum = 0;
};

// The header of a snapshot, checked: magic, format version, payload size.
absl::StatusOr<Header> checked_header(std::string_view bytes) {
  if (!Catalog::is_snapshot(bytes)) {
    return absl::InvalidArgumentError(
        bytes.empty() || bytes.front() == '{' || bytes.front() == ' ' || bytes.front() == '\n'
            ? "snapshot: not a snapshot (a JSON catalogue? it loads with load_json)"
            : "snapshot: not a snapshot (it does not begin with the snapshot's magic bytes)");
  }
  if (bytes.size() < kSnapshotHeaderBytes) {
    return absl::InvalidArgumentError(absl::StrFormat("snapshot: truncated: %d bytes, shorter than the %d-byte header",
                                                      bytes.size(), kSnapshotHeaderBytes));
  }
  In header(bytes.substr(kSnapshotFormatAt, kSnapshotHeaderBytes - kSnapshotFormatAt));
  const uint32_t format = header.u32("format");
  const uint32_t library = header.u32("library");
  const uint64_t size = header.u64("size");
  const uint64_t checksum = header.u64("checksum");
  if (format != kSnapshotFormat) {
    return absl::FailedPreconditionError(absl::StrFormat(
        "snapshot: format version %d (written by onetrip %s); this library (onetrip %s) reads format version %d: "
        "save the catalogue's JSON with the library that wrote it and load that, or make the snapshot again",
        format, describe_version(library), version_string(), kSnapshotFormat));
  }
  const uint64_t have = bytes.size() - kSnapshotHeaderBytes;
  if (size != have) {
    return absl::InvalidArgumentError(
        size > have ? absl::StrFormat("snapshot: truncated: the header announces %d bytes of tables, the file has %d",
                                      size, have)
                    : absl::StrFormat("snapshot: %d bytes after the %d bytes of tables the header announces",
                                      have - size, size));
  }
  return Header{bytes.substr(kSnapshotHeaderBytes), checksum};
}

absl::Status bad_checksum() {
  return absl::InvalidArgumentError(
      "snapshot: bad checksum: the tables are not the bytes that were written (a damaged or edited file)");
}

// From this size on, a second thread makes the copy the catalogue keeps
// while the calling one checks the checksum, then both read the matters.
constexpr size_t kSideThreadBytes = size_t{1} << 20;

// The catalogue of the snapshot `bytes`, which keeps `held` (the same bytes)
// or, when null, a copy of them. The checksum first; then the payload is read
// and checked. When it is large and the process may use a second CPU
// (reads_beside), a second thread makes the copy meanwhile, then reads chunks
// of matters beside the calling thread. The caller's bytes must not change
// during the call.
absl::StatusOr<Catalog> load(std::string_view bytes, std::shared_ptr<const HeldBytes> held) {
  const auto header = checked_header(bytes);
  if (!header.ok()) return header.status();
  SideThread side;
  const bool beside = reads_beside(header->payload.size()) && side.start([&] {
    if (!held) held = HeldBytes::copy(bytes);
  });
  // Checked before anything is read: no count of a damaged snapshot makes the reading allocate.
  if (snapshot_checksum(header->payload) != header->checksum) return bad_checksum();
  SnapshotReader reader{header->payload};
  return reader.read(
      [&] {
        if (beside) side.join();  // `held` is the copy once the thread has ended
        if (!held) held = HeldBytes::copy(bytes);
        return held;
      },
      beside ? &side : nullptr);
}

}  // namespace

bool reads_beside(size_t payload_bytes) { return payload_bytes >= kSideThreadBytes && usable_cpus() > 1; }

}  // namespace internal

absl::StatusOr<Catalog> Catalog::load_snapshot(std::string_view bytes) { return internal::load(bytes, nullptr); }

absl::StatusOr<Catalog> Catalog::load_snapshot_file(const std::string& path) {
  auto bytes = internal::read_text_file(path);
  if (!bytes.ok()) return bytes.status();
  auto held = internal::HeldBytes::adopt(*std::move(bytes));
  const std::string_view view = held->view();
  return internal::prefix_error(internal::load(view, std::move(held)), path);
}

}  // namespace onetrip
