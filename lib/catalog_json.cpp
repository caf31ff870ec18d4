// The "onetrip/1" catalogue format: loading with every problem reported at its
// JSON path, and the canonical save. docs/catalog-format.md describes it.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <ostream>
#include <sstream>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bounds.hpp"
#include "catalog_internal.hpp"
#include "catalog_json_internal.hpp"
#include "json_support.hpp"
#include "object_reader.hpp"
#include "onetrip/catalog.hpp"
#include "progress_internal.hpp"
#include "situation_internal.hpp"

namespace onetrip {

namespace {

using internal::format_yuan;
using internal::json_path;
using internal::json_type_name;
using internal::kUnresolved;
using internal::ObjectReader;
using internal::parse_yuan;
using internal::Problems;

constexpr const char* kSchema = "onetrip/1";

// The catalogue's top-level arrays, in the order they are read: each needs the
// ids of the ones before it.
enum Section : int { kHalls, kDepartments, kMaterials, kMatters, kBundles, kSections };
constexpr const char* kSectionKeys[kSections] = {"halls", "departments", "materials", "matters", "bundles"};
constexpr bool kSectionRequired[kSections] = {true, true, false, true, false};

namespace fast {

// Whether `text` is `name` (a key, an id or an enumeration's name). These are
// short, so this compares them as words, always inlined (two overlapping
// loads of 8 or 4 bytes cover every length up to 16), where string_view's ==
// calls memcmp, and GCC 12 kept even this function out of line at -O2 and -O3.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool same_text(std::string_view text, std::string_view name) {
  const size_t n = text.size();
  if (n != name.size()) return false;
  const char* a = text.data();
  const char* b = name.data();
  const auto word = [](const char* p, auto w) {
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {
    const uint64_t head = word(a, uint64_t{}) ^ word(b, uint64_t{});
    const uint64_t tail = word(a + n - 8, uint64_t{}) ^ word(b + n - 8, uint64_t{});
    return (head | tail) == 0;
  }
  if (n >= 4) {
    const uint32_t head = word(a, uint32_t{}) ^ word(b, uint32_t{});
    const uint32_t tail = word(a + n - 4, uint32_t{}) ^ word(b + n - 4, uint32_t{});
    return (head | tail) == 0;
  }
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}
template <size_t N>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool same(std::string_view text, const char (&name)[N]) {
  return same_text(text, std::string_view(name, N - 1));
}

// The length of a JSON string's body starting at `s` (after its opening
// quote): the bytes up to its closing quote; false when an escape comes first.
// Reads 16 bytes at a time with SSE2, which may read up to 15 bytes past the
// closing quote: JsonInput keeps SIMDJSON_PADDING (64) readable bytes after
// the document's text (its padding, or the rest of the text's last page).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool body_length(const char* s, size_t& n) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (size_t at = 0;; at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + at));
    const auto hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash))));
    if (hits != 0) {
      n = at + static_cast<size_t>(__builtin_ctz(hits));
      return s[n] == '"';
    }
  }
#else
  n = 0;
  while (s[n] != '"' && s[n] != '\\') ++n;  // the closing quote is there: the text is valid JSON
  return s[n] == '"';
#endif
}

// The strict readers of the one-pass reading (Loader::read_matter_fast), on
// simdjson On-Demand values: a value that ObjectReader reads without a
// problem, read to the same result; false for anything else (then the matter
// is read again by read_matter, which reports it).
using OdValue = simdjson::ondemand::value;

// A key as ObjectReader sees it, when it has no escape (else false).
bool key(simdjson::ondemand::field& field, std::string_view& out) {
  const char* k = field.key().raw();
  size_t n = 0;
  if (!body_length(k, n)) return false;
  out = std::string_view(k, n);
  return true;
}

// A string value: its bytes in the document when it has no escape (the
// usual case: nothing copied), else unescaped into the parser's buffer (then
// `escaped`). The document's text outlives the reading, and simdjson checked
// it whole: UTF-8, and no control character unescaped, so a NUL can only come
// from an escape. The string is consumed either way, never left for the
// iteration to step over: On-Demand steps over a string followed by a colon
// as over a key and its value, and over a `}` after them as the end of their
// object, so `"a": "b" }` where an array's element should be passed for one
// element (found by catalog_fuzz; the field-by-field reader's DOM refuses it).
bool string(OdValue& v, std::string_view& out, bool& escaped) {
  const std::string_view token = v.raw_json_token();
  if (token.empty() || token[0] != '"') return false;
  const char* s = token.data() + 1;
  size_t n = 0;
  escaped = !body_length(s, n);
  if (escaped) return v.get_string().get(out) == simdjson::SUCCESS;
  simdjson::ondemand::raw_json_string consumed;
  if (v.get_raw_json_string().get(consumed) != simdjson::SUCCESS) return false;
  out = std::string_view(s, n);
  return true;
}
bool string(OdValue& v, std::string_view& out) {
  bool escaped = false;
  return string(v, out, escaped);
}

bool text(OdValue v, std::string& out, bool required) {
  std::string_view s;
  bool escaped = false;
  if (!string(v, s, escaped)) return false;
  if ((required && s.empty()) || (escaped && s.find('\0') != s.npos)) return false;  // as text_ok
  out.assign(s.data(), s.size());
  return true;
}

// A plain integer literal of at most 18 digits (which the DOM reads as an
// INT64 of the same value): the bounds of ObjectReader::integer's defaults.
// Its digits are read here, not by simdjson, and the value is left for the
// iteration to step over (a number is stepped over alone, unlike a string:
// string() above): 18 digits cannot overflow, and a leading zero, which JSON
// does not allow, is left to the DOM to refuse.
bool integer(OdValue v, int64_t& out, int64_t max = std::numeric_limits<int32_t>::max()) {
  std::string_view token = v.raw_json_token();
  while (!token.empty() &&
         (token.back() == ' ' || token.back() == '\n' || token.back() == '\r' || token.back() == '\t')) {
    token.remove_suffix(1);
  }
  if (token.empty() || token.size() > 18 || (token[0] == '0' && token.size() > 1)) return false;
  int64_t value = 0;
  for (const char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value > max) return false;
  out = value;
  return true;
}

bool boolean(OdValue v, bool& out) { return v.get_bool().get(out) == simdjson::SUCCESS; }

// internal::parse_name, the names' lengths known.
template <class E>
bool enumeration(OdValue v, E& out) {
  static const auto names = [] {
    std::vector<std::pair<std::string_view, E>> all;
    for (const auto& n : enum_names(E{})) all.emplace_back(n.name, n.value);
    return all;
  }();
  std::string_view s;
  if (!string(v, s)) return false;
  for (const auto& [name, value] : names) {
    if (same_text(s, name)) {
      out = value;
      return true;
    }
  }
  return false;
}

bool date(OdValue v, std::optional<Date>& out) {
  std::string_view s;
  if (!string(v, s)) return false;
  auto d = parse_date(s);
  if (!d.ok()) return false;
  out = *d;
  return true;
}

// Loader::read_fee without a problem.
bool fee(OdValue v, int64_t& fen) {
  simdjson::ondemand::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return false;
  if (type == simdjson::ondemand::json_type::number) {
    int64_t yuan = 0;
    if (!integer(v, yuan, internal::kMaxFeeYuan)) return false;
    fen = yuan * 100;
    return true;
  }
  std::string_view s;
  if (type != simdjson::ondemand::json_type::string || !string(v, s)) return false;
  if (!s.empty() && s[0] == '-') return false;
  const std::optional<int64_t> parsed = internal::parse_yuan(s);
  if (!parsed || *parsed > internal::kMaxFeeFen) return false;
  fen = *parsed;
  return true;
}

}  // namespace fast

// The fields of a matter its fast reading knows (Loader::read_matter_fast).
enum class MatterField : uint8_t {
  kCode,
  kName,
  kDepartment,
  kKind,
  kProjectType,
  kAnticipateDay,
  kAnticipateType,
  kPromiseDay,
  kPromiseType,
  kFee,
  kFeeKind,
  kHalls,
  kMaterials,
  kOnline,
  kPostal,
  kExpress,
  kElectronicLicence,
  kOnlinePayment,
  kTolerantAcceptance,
  kSiteInspectionDays,
  kPersonalPresence,
  kSpecialProcedures,
  kIssueDays,
  kDeclaredTrips,
  kEffectiveFrom,
  kEffectiveUntil,
  kNote,
  kUnknown,  // read by read_matter (periods, extension, situations) or not a field
};
// The field a key names: by its length, then by comparing with the few
// names of that length (each a comparison of known length, inlined).
MatterField matter_field(std::string_view key) {
  using F = MatterField;
  switch (key.size()) {
    case 3:
      return fast::same(key, "fee") ? F::kFee : F::kUnknown;
    case 4:
      return fast::same(key, "code")   ? F::kCode
             : fast::same(key, "name") ? F::kName
             : fast::same(key, "kind") ? F::kKind
             : fast::same(key, "note") ? F::kNote
                                       : F::kUnknown;
    case 5:
      return fast::same(key, "halls") ? F::kHalls : F::kUnknown;
    case 6:
      return fast::same(key, "online") ? F::kOnline : F::kUnknown;
    case 8:
      return fast::same(key, "fee_kind") ? F::kFeeKind : F::kUnknown;
    case 9:
      return fast::same(key, "materials") ? F::kMaterials : fast::same(key, "is_postal") ? F::kPostal : F::kUnknown;
    case 10:
      return fast::same(key, "department")   ? F::kDepartment
             : fast::same(key, "is_express") ? F::kExpress
             : fast::same(key, "issue_days") ? F::kIssueDays
                                             : F::kUnknown;
    case 11:
      return fast::same(key, "promise_day") ? F::kPromiseDay : F::kUnknown;
    case 12:
      return fast::same(key, "project_type")   ? F::kProjectType
             : fast::same(key, "promise_type") ? F::kPromiseType
                                               : F::kUnknown;
    case 14:
      return fast::same(key, "anticipate_day")   ? F::kAnticipateDay
             : fast::same(key, "online_payment") ? F::kOnlinePayment
             : fast::same(key, "effective_from") ? F::kEffectiveFrom
                                                 : F::kUnknown;
    case 15:
      return fast::same(key, "anticipate_type")   ? F::kAnticipateType
             : fast::same(key, "limit_scene_num") ? F::kDeclaredTrips
             : fast::same(key, "effective_until") ? F::kEffectiveUntil
                                                  : F::kUnknown;
    case 17:
      return fast::same(key, "personal_presence") ? F::kPersonalPresence : F::kUnknown;
    case 18:
      return fast::same(key, "electronic_licence")   ? F::kElectronicLicence
             : fast::same(key, "special_procedures") ? F::kSpecialProcedures
                                                     : F::kUnknown;
    case 19:
      return fast::same(key, "tolerant_acceptance") ? F::kTolerantAcceptance : F::kUnknown;
    case 20:
      return fast::same(key, "site_inspection_days") ? F::kSiteInspectionDays : F::kUnknown;
    default:
      return F::kUnknown;
  }
}

// Reads a catalogue document into CatalogData, one element of a top-level
// array at a time, so that the whole document is never held as a tree: a
// matter or a bundle is read in one pass over its fields as simdjson On-Demand
// meets them (read_matter_fast, read_bundle_fast) when it holds nothing that
// reader does not take without a problem; any other element is read as a
// small DOM, field by field (read_matter, ...), which reports every problem,
// and dropped. A document laid out as the writer writes it is read in one
// pass (read_in_one_pass); another is read by read() from its fields.
// The sections are read in the order above, each needing the ids of the ones
// before it, whatever their order in the document. The order of the problems
// is that of the reader before it (which read the sections as the parser met
// them when "schema" came first and named this format and they came in this
// order, and the rest from the finished document): Loader::plan says which
// sections are read in the document's order, before the others.
class Loader {
  // Ids by their text, hashed by Abseil's hash of a string and compared as
  // fast::same_text. (Where absl::string_view is not std::string_view, as in
  // Debian's Abseil, a map keyed by std::string_view would hash with std::hash,
  // a call into libstdc++ for every id.)
  struct IdHash {
    size_t operator()(std::string_view id) const {
      return absl::Hash<absl::string_view>{}(absl::string_view(id.data(), id.size()));
    }
  };
  struct IdEq {
    bool operator()(std::string_view a, std::string_view b) const { return fast::same_text(a, b); }
  };
  using IdMap = absl::flat_hash_map<std::string_view, uint32_t, IdHash, IdEq>;

 public:
  // With `progress`, reports how far the reading is and throws Cancelled when
  // the callback cancels.
  Loader(Problems& problems, internal::JsonReader& reader, internal::PhaseProgress* progress, const char* begin)
      : problems_(problems), reader_(reader), progress_(progress), begin_(begin) {}

  struct Cancelled {};

  // Reads the document whose top-level fields are `fields`; false when its
  // text is not JSON (reader.refusal() says why).
  bool read(const std::vector<internal::JsonReader::Field>& fields) {
    using Field = internal::JsonReader::Field;
    // The last of a repeated key counts (docs/errors.md); every value is read
    // or checked once, so that what is not used is refused just as the rest.
    absl::flat_hash_map<std::string_view, const Field*> last;
    for (const Field& f : fields) last[f.key] = &f;
    std::vector<bool> used(fields.size(), false), read(fields.size(), false);
    const auto index = [&](const Field* f) { return static_cast<size_t>(f - fields.data()); };
    const auto find = [&](const char* key) -> const Field* {
      auto it = last.find(key);
      if (it == last.end()) return nullptr;
      used[index(it->second)] = true;
      return it->second;
    };
    internal::JsonValue value;
    // The sections read in the document's order (see the class comment).
    bool named = false;  // "schema" comes first and names this format
    if (!fields.empty() && fields[0].key == "schema") {
      if (!reader_.value(fields[0].text, 1, value)) return false;
      named = value.is_string() && value.get_string().value_unsafe() == kSchema;
    }
    bool streamed[kSections] = {};
    plan(fields, named, streamed);
    for (int s = 0; s < kSections; ++s) {
      if (!streamed[s]) continue;
      const Field* f = find(kSectionKeys[s]);
      read[index(f)] = true;
      if (!elements(static_cast<Section>(s), f->text)) return false;
      finish(static_cast<Section>(s));
    }
    const Field* schema = find("schema");
    bool known_schema = false;
    if (!schema) {
      problems_.add("$", absl::StrFormat("missing \"schema\": a catalogue starts with \"schema\": \"%s\"", kSchema));
      known_schema = true;  // the rest is read as this format
    } else {
      read[index(schema)] = true;
      if (!reader_.value(schema->text, 1, value)) return false;
      known_schema = value.is_string() && value.get_string().value_unsafe() == kSchema;
      if (!known_schema) {
        problems_.add("$.schema", absl::StrFormat("unknown schema %s: this library reads \"%s\"",
                                                  internal::quote_json(value), kSchema));
      }
    }
    if (known_schema) {
      if (const Field* name = find("name")) {
        read[index(name)] = true;
        if (!reader_.value(name->text, 1, value)) return false;
        if (!value.is_string()) {
          problems_.add("$.name", absl::StrCat("expected a string, found ", json_type_name(value)));
        } else if (internal::text_ok(value.get_string().value_unsafe(), "$.name", problems_)) {
          data_.name = std::string(value.get_string().value_unsafe());
        }
      }
      for (int s = 0; s < kSections; ++s) {
        if (streamed[s]) continue;
        const auto section = static_cast<Section>(s);
        const Field* f = find(kSectionKeys[s]);
        const std::string path = json_path("$", kSectionKeys[s]);
        if (f) read[index(f)] = true;
        if (!f) {
          if (kSectionRequired[s]) problems_.add("$", absl::StrFormat("missing \"%s\"", kSectionKeys[s]));
        } else if (!f->array) {
          if (!reader_.value(f->text, 1, value)) return false;
          problems_.add(path, absl::StrCat("expected an array, found ", json_type_name(value)));
        } else if (!elements(section, f->text)) {
          return false;
        }
        finish(section);
      }
    } else {
      for (const char* key : {"name", "halls", "departments", "materials", "matters", "bundles"}) {
        find(key);  // a different format: its fields are not this one's to judge
      }
    }
    // The values not read, checked; the unknown keys, each once in the order of their bytes.
    std::vector<std::string_view> unknown;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (read[i]) continue;
      if (!reader_.check(fields[i].text, 1, fields[i].array)) return false;
      if (!used[i] && last[fields[i].key] == &fields[i]) unknown.push_back(fields[i].key);
    }
    std::sort(unknown.begin(), unknown.end());
    for (std::string_view key : unknown) {
      problems_.add(json_path("$", key), absl::StrFormat("unknown field \"%s\"", key));
    }
    return true;
  }

  // Reads the document in one pass when it is laid out as the writer writes
  // it (and as nearly every catalogue is): "schema" first, naming this
  // format, then "name" if any, then halls, departments, materials, matters
  // and bundles (bundles may be left out), each an array, and no other field.
  // read() then reads every section in the document's order too, so that the
  // data and the problems are the same. `stopped` when the document is laid
  // out otherwise (or "schema" or "name" is not a plain string, whose
  // problem read() places after the sections'): nothing read counts, and the
  // document is read by read() with a new Loader. False on a syntax error.
  bool read_in_one_pass(bool& stopped) {
    int next = 0;  // the sections before `next` are read
    bool schema = false, named = false;
    const bool read = reader_.each_field(
        [&](std::string_view key, simdjson::ondemand::value& value) {
          if (!schema) {
            std::string_view format;
            if (key != "schema" || value.get_string().get(format) != simdjson::SUCCESS || format != kSchema) {
              return false;
            }
            schema = true;
            return true;
          }
          if (key == "name" && next == 0 && !named) {
            std::string_view name;
            if (value.get_string().get(name) != simdjson::SUCCESS || name.find('\0') != name.npos) return false;
            data_.name = std::string(name);
            named = true;
            return true;
          }
          if (next == kSections || key != kSectionKeys[next]) return false;
          simdjson::ondemand::json_type type;
          if (value.type().get(type) != simdjson::SUCCESS || type != simdjson::ondemand::json_type::array) {
            return false;
          }
          const auto section = static_cast<Section>(next++);
          if (!elements(section, value)) return false;
          finish(section);
          return true;
        },
        stopped);
    if (!read || stopped) return read;
    if (!schema || next < kBundles) {  // a section missing: its problem comes after the others'
      stopped = true;
      return true;
    }
    for (int s = next; s < kSections; ++s) finish(static_cast<Section>(s));
    return true;
  }

  // What was read: the catalogue but its matters, and the matters.
  CatalogData take() { return std::move(data_); }
  internal::MatterBlocks take_matters() {
    matters_.trim();  // no view of them is kept beyond the reading
    return std::move(matters_);
  }
  // The matters' codes indexed as Catalog::from_data indexes them, for it to
  // take as they are: null unless each was non-empty, without a NUL and given once.
  std::shared_ptr<internal::CodeIndex> take_codes() {
    index_codes();
    return codes_clean_ ? std::move(codes_) : nullptr;
  }
  // The matters and bundles read in one pass.
  size_t one_pass() const { return one_pass_; }

 private:
  // Which sections the reader before this one read as it parsed: after
  // "schema" came first naming this format, each section given once, as an
  // array, and after every section before it was (in the order above).
  static void plan(const std::vector<internal::JsonReader::Field>& fields, bool streaming,
                   bool (&streamed)[kSections]) {
    bool duplicate = false;
    bool seen[kSections] = {};
    for (const auto& f : fields) {
      for (int s = 0; s < kSections; ++s) {
        if (f.key != kSectionKeys[s]) continue;
        duplicate = duplicate || seen[s];
        seen[s] = true;
        if (streaming && !duplicate && f.array && std::all_of(streamed, streamed + s, [](bool b) { return b; })) {
          streamed[s] = true;
        }
      }
    }
    // A section given twice: the whole document is read in the order above.
    if (duplicate) std::fill(streamed, streamed + kSections, false);
  }

  // Reads each element of a section's array: its text, or the array as
  // read_in_one_pass meets it.
  template <class Array>
  bool elements(Section section, Array&& text) {
    const std::string path = json_path("$", kSectionKeys[section]);
    if (section == kBundles) index_codes();  // for the bundles' members
    const auto read = [&](internal::JsonValue v, size_t i, const char* end) {
      if (progress_ && !progress_->tick(end - begin_)) throw Cancelled{};
      read_element(section, v, path, i);
    };
    // A matter or a bundle is read in one pass when it can be; else as the other elements.
    const auto fast = [&](simdjson::ondemand::object& object, const char* start) {
      if ((section != kMatters && section != kBundles) || !fast_path_) return false;
      if (progress_ && !progress_->tick(start - begin_)) throw Cancelled{};
      keeping_ = keeping_ && !problems_.full();
      if (!keeping_) return false;
      if (section == kMatters) {
        Matter& m = matters_.emplace_back();  // read in place
        if (read_matter_fast(data_, object, m)) {
          ++one_pass_;
          return true;
        }
        matters_.pop_back();
        return false;
      }
      Bundle& b = data_.bundles.emplace_back();
      if (read_bundle_fast(object, b)) {
        ++one_pass_;
        return true;
      }
      data_.bundles.pop_back();
      return false;
    };
    // The matters go into blocks that are never moved: they need no count first.
    if (section == kMatters) return reader_.each_element(text, 1, read, internal::JsonReader::kUncounted, fast);
    return reader_.each_element(
        text, 1, read, [&](size_t n) { reserve(section, n); }, fast);
  }

  // Once the problems kept are full, the catalogue is refused whatever follows:
  // each element is still read, so that its own problems are counted, but not
  // kept, and references are no longer resolved (their targets may be among
  // the elements not kept). Memory then stays that of the elements before.
  void read_element(Section section, internal::JsonValue v, const std::string& array_path, size_t i) {
    keeping_ = keeping_ && !problems_.full();
    const std::string path = json_path(array_path, i);
    switch (section) {
      case kHalls:
        keep(data_.halls, read_hall(v, path));
        break;
      case kDepartments:
        keep(data_.departments, read_department(v, path));
        break;
      case kMaterials:
        keep(data_.materials, read_material(v, path));
        break;
      case kMatters: {
        Matter m = read_matter(data_, v, path);  // read for its problems even when not kept
        if (keeping_) matters_.emplace_back() = std::move(m);
        break;
      }
      case kBundles:
        keep(data_.bundles, read_bundle(v, path));
        break;
      case kSections:
        break;
    }
  }
  void reserve(Section section, size_t n) {
    switch (section) {
      case kHalls:
        data_.halls.reserve(data_.halls.size() + n);
        break;
      case kDepartments:
        data_.departments.reserve(data_.departments.size() + n);
        break;
      case kMaterials:
        data_.materials.reserve(data_.materials.size() + n);
        break;
      case kMatters:  // not counted (elements)
        break;
      case kBundles:
        data_.bundles.reserve(data_.bundles.size() + n);
        break;
      case kSections:
        break;
    }
  }
  template <class T>
  void keep(std::vector<T>& items, T&& item) {
    if (keeping_) items.push_back(std::move(item));
  }

  // The ids of a section read, for the sections after it.
  void finish(Section section) {
    switch (section) {
      case kHalls:
        index(
            data_.halls, [](const Hall& h) -> const std::string& { return h.id; }, halls_);
        break;
      case kDepartments:
        index(
            data_.departments, [](const Department& d) -> const std::string& { return d.id; }, departments_);
        break;
      case kMaterials:
        index(
            data_.materials, [](const Material& m) -> const std::string& { return m.id; }, materials_);
        break;
      case kMatters:  // indexed only for bundles to refer to (reserve)
      case kBundles:
      case kSections:
        break;
    }
  }

  template <class F>
  void each(ObjectReader& r, const char* key, bool required, F&& f) {
    const std::optional<simdjson::dom::array> array = r.array(key, required);
    if (!array) return;
    const std::string path = r.at(key);  // made only for an array there
    size_t i = 0;
    for (internal::JsonValue element : *array) f(element, json_path(path, i++));
  }

  // The matters' codes, once they are all read (for the bundles' members,
  // and handed to from_data): a code given twice keeps its first matter, as
  // in the other sections; empty and duplicate ones are reported by the
  // validation.
  void index_codes() {
    if (codes_) return;
    codes_ = std::make_shared<internal::CodeIndex>();
    const size_t n = matters_.size();
    size_t bytes = 0;
    for (size_t i = 0; i < n; ++i) bytes += matters_[i].code.size();
    codes_->reserve(n, bytes);
    constexpr size_t kBatch = 4096;  // codes hashed and inserted a batch at a time
    std::vector<std::string_view> batch;
    batch.reserve(std::min(kBatch, n));
    for (size_t first = 0; first < n; first += kBatch) {
      batch.clear();
      for (size_t i = first; i < std::min(first + kBatch, n); ++i) {
        constexpr size_t kAhead = 8;  // the matters are 384 bytes apart: fetched ahead
        if (i + kAhead < n) __builtin_prefetch(&matters_[i + kAhead]);
        const std::string& code = matters_[i].code;
        codes_clean_ = codes_clean_ && !code.empty() && code.find('\0') == std::string::npos;
        batch.push_back(code);
      }
      for (size_t k = 0; k < batch.size();) {
        const auto twice = codes_->add_all(absl::MakeConstSpan(batch).subspan(k), {}, static_cast<uint32_t>(first + k));
        if (!twice) break;
        codes_clean_ = false;
        k = twice->first - first + 1;
      }
    }
  }

  // First occurrence wins; duplicates are reported by the validation.
  template <class T, class Id>
  static void index(const std::vector<T>& items, Id id, IdMap& out) {
    out.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) out.emplace(id(items[i]), static_cast<uint32_t>(i));
  }

  template <class Ids>
  uint32_t resolve(internal::JsonValue ref, const std::string& path, const Ids& ids, const char* what) {
    if (!ref.is_string()) {
      problems_.add(path, absl::StrCat("expected the id of ", what, " (a string), found ", json_type_name(ref)));
      return kUnresolved;
    }
    const std::string_view id = ref.get_string().value_unsafe();
    const std::optional<uint32_t> found = find_id(ids, id);
    if (!found) {
      if (keeping_) problems_.add(path, absl::StrFormat("unknown %s %s", what, internal::quote_text(id)));
      return kUnresolved;
    }
    return *found;
  }
  static std::optional<uint32_t> find_id(const IdMap& ids, std::string_view id) {
    const auto it = ids.find(id);
    return it == ids.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }
  static std::optional<uint32_t> find_id(const internal::CodeIndex& codes, std::string_view id) {
    return codes.find(id);
  }

  template <class Ids>
  uint32_t resolve_field(ObjectReader& r, const char* key, const Ids& ids, const char* what) {
    const std::optional<internal::JsonValue> v = r.get(key);
    if (!v) {
      if (r.ok()) r.missing(key);
      return kUnresolved;
    }
    return resolve(*v, r.at(key), ids, what);
  }

  std::vector<uint32_t> resolve_list(ObjectReader& r, const char* key, bool required, const IdMap& ids,
                                     const char* what) {
    std::vector<uint32_t> out;
    each(r, key, required, [&](internal::JsonValue v, const std::string& path) {
      const uint32_t i = resolve(v, path, ids, what);
      if (i != kUnresolved) out.push_back(i);
    });
    return out;
  }

  Hall read_hall(internal::JsonValue v, const std::string& path) {
    ObjectReader r(v, path, problems_, "a hall");
    Hall h;
    h.id = r.string("id", true);
    h.name = r.string("name", true);
    h.address = r.string("address", false);
    h.kind = r.enumeration("kind", HallKind::kCentre, false);
    return h;
  }

  Department read_department(internal::JsonValue v, const std::string& path) {
    ObjectReader r(v, path, problems_, "a department");
    Department d;
    d.id = r.string("id", true);
    d.name = r.string("name", true);
    d.halls = resolve_list(r, "halls", true, halls_, "hall");
    d.collects_taxes = r.boolean("collects_taxes", false);
    return d;
  }

  Material read_material(internal::JsonValue v, const std::string& path) {
    ObjectReader r(v, path, problems_, "a material");
    Material m;
    m.id = r.string("id", true);
    m.name = r.string("name", true);
    m.form = r.enumeration("form", MaterialForm::kPaper, false);
    m.original = r.boolean("original", false);
    m.source = r.enumeration("source", MaterialSource::kApplicant, false);
    m.issuer = r.string("issuer", false);
    m.shared = r.boolean("shared", false);
    m.necessity = r.enumeration("necessity", Necessity::kRequired, false);
    m.condition = r.string("condition", false);
    m.applies_by_default = r.boolean("default", true);
    return m;
  }

  MaterialUse read_material_use(const CatalogData& data, internal::JsonValue v, const std::string& path,
                                std::optional<MaterialRule>* rule = nullptr) {
    MaterialUse use;
    const auto apply_defaults = [&](uint32_t index) {
      use.material = index;
      if (index == kUnresolved) return;
      const Material& m = data.materials[index];
      use.form = m.form;
      use.original = m.original;
      use.necessity = m.necessity;
      use.condition = m.condition;
      use.applies_by_default = m.applies_by_default;
    };
    if (v.is_string()) {
      apply_defaults(resolve(v, path, materials_, "material"));
      return use;
    }
    ObjectReader r(v, path, problems_, "a material id or a material with overrides");
    if (!r.ok()) {
      use.material = kUnresolved;
      return use;
    }
    apply_defaults(resolve_field(r, "material", materials_, "material"));
    use.form = r.enumeration("form", use.form, false);
    use.original = r.boolean("original", use.original);
    use.necessity = r.enumeration("necessity", use.necessity, false);
    if (r.get("condition")) use.condition = r.string("condition", false);
    use.applies_by_default = r.boolean("default", use.applies_by_default);
    use.validity = Validity{r.date("effective_from"), r.date("effective_until")};
    // Situations: when it applies, and how many copies.
    if (rule) {
      MaterialRule situational;
      situational.when.text = r.string("when", false);
      situational.copies = static_cast<int32_t>(r.integer("copies", false, 1, 1000).value_or(0));
      if (!situational.when.text.empty() || situational.copies != 0) *rule = std::move(situational);
    }
    return use;
  }

  // Situations (情形): the questions, eligibility rules and variants of a matter or a bundle.
  std::vector<Question> read_questions(ObjectReader& r) {
    std::vector<Question> out;
    each(r, "questions", false, [&](internal::JsonValue item, const std::string& at) {
      ObjectReader q(item, at, problems_, "a question");
      Question question;
      question.id = q.string("id", true);
      question.text = q.string("text", true);
      question.type = q.enumeration("type", QuestionType::kYesNo, true);
      each(q, "choices", false, [&](internal::JsonValue c, const std::string& c_at) {
        if (!c.is_string()) {
          problems_.add(c_at, absl::StrCat("expected a choice (a string), found ", json_type_name(c)));
          return;
        }
        question.choices.emplace_back(c.get_string().value_unsafe());
      });
      question.unit = q.string("unit", false);
      out.push_back(std::move(question));
    });
    return out;
  }

  std::vector<EligibilityRule> read_eligibility(ObjectReader& r) {
    std::vector<EligibilityRule> out;
    each(r, "eligibility", false, [&](internal::JsonValue item, const std::string& at) {
      ObjectReader e(item, at, problems_, "an eligibility rule");
      EligibilityRule rule;
      rule.when.text = e.string("when", true);
      rule.reason = e.string("reason", true);
      rule.basis = e.string("basis", false);
      rule.refusal = e.enumeration("refusal", Refusal::kNotGranted, false);
      rule.instead = e.string("instead", false);
      out.push_back(std::move(rule));
    });
    return out;
  }

  std::vector<Variant> read_variants(ObjectReader& r) {
    std::vector<Variant> out;
    each(r, "variants", false, [&](internal::JsonValue item, const std::string& at) {
      ObjectReader x(item, at, problems_, "a variant");
      Variant v;
      v.when.text = x.string("when", true);
      if (x.get("online")) v.online = x.enumeration("online", OnlineApplication::kNone, false);
      const auto flag = [&](const char* key, std::optional<bool>& out_flag) {
        if (x.get(key)) out_flag = x.boolean(key, false);
      };
      flag("is_postal", v.postal_application);
      flag("is_express", v.express_delivery);
      flag("electronic_licence", v.electronic_licence);
      flag("online_payment", v.online_payment);
      flag("tolerant_acceptance", v.tolerant_acceptance);
      if (x.get("fee")) v.fee_fen = read_fee(x);
      if (auto days = x.integer("promise_day", false)) v.promise_day = static_cast<int32_t>(*days);
      if (x.get("promise_type")) {
        v.promise_type = x.enumeration("promise_type", LimitUnit::kWorkdays, false);
        if (!v.promise_day) problems_.add(x.at("promise_type"), "a unit without \"promise_day\"");
      }
      if (x.get("personal_presence")) v.personal_presence = x.string("personal_presence", false);
      v.note = x.string("note", false);
      out.push_back(std::move(v));
    });
    return out;
  }

  std::optional<Limit> read_limit(ObjectReader& r, const char* day_key, const char* type_key) {
    const std::optional<int64_t> days = r.integer(day_key, false);
    const LimitUnit unit = r.enumeration(type_key, LimitUnit::kWorkdays, false);
    if (!days) {
      if (r.get(type_key) && !r.get(day_key)) {
        problems_.add(r.at(type_key), absl::StrFormat("a unit without \"%s\"", day_key));
      }
      return std::nullopt;
    }
    return Limit{static_cast<int32_t>(*days), unit};
  }

  int64_t read_fee(ObjectReader& r) {
    const std::optional<internal::JsonValue> v = r.get("fee");
    if (!v) return 0;
    const auto type = v->type();
    if (type == simdjson::dom::element_type::UINT64 ||
        (type == simdjson::dom::element_type::INT64 && v->get_int64().value_unsafe() > internal::kMaxFeeYuan)) {
      problems_.add(r.at("fee"), "a fee over a trillion yuan");
      return 0;
    }
    if (type == simdjson::dom::element_type::INT64) {
      if (v->get_int64().value_unsafe() < 0) {
        problems_.add(r.at("fee"), "a negative fee");
        return 0;
      }
      return v->get_int64().value_unsafe() * 100;  // yuan to fen, never through a float
    }
    if (type == simdjson::dom::element_type::DOUBLE) {
      problems_.add(
          r.at("fee"),
          absl::StrFormat(
              "write a fee with decimals as a string of yuan, e.g. \"%s\", so that it converts to fen exactly",
              internal::quote_json(*v)));
      return 0;
    }
    if (type == simdjson::dom::element_type::STRING) {
      const std::string_view text = v->get_string().value_unsafe();
      if (!text.empty() && text[0] == '-') {
        problems_.add(r.at("fee"), "a negative fee");
        return 0;
      }
      if (auto fen = parse_yuan(text)) {
        // As an integer's (the variants' fees are checked here only).
        if (*fen > internal::kMaxFeeFen) problems_.add(r.at("fee"), "a fee over a trillion yuan");
        return *fen > internal::kMaxFeeFen ? 0 : *fen;
      }
      problems_.add(r.at("fee"),
                    absl::StrFormat("%s is not an amount of yuan with at most two decimals (e.g. \"12.50\")",
                                    internal::quote_text(text)));
      return 0;
    }
    r.wrong("fee", "yuan as an integer or a string like \"12.50\"", *v);
    return 0;
  }

  // "periods": {"fee": {"until": …}, "online": {"from": …}}: the fee and channels
  // that hold for a period only, kept in the order of DatedField.
  std::vector<FieldPeriod> read_periods(ObjectReader& r) {
    std::vector<FieldPeriod> out;
    const std::optional<internal::JsonValue> v = r.get("periods");
    if (!v) return out;
    ObjectReader periods(*v, r.at("periods"), problems_, "periods by field (fee, online, is_postal, …)");
    for (DatedField f : {DatedField::kFee, DatedField::kOnline, DatedField::kPostal, DatedField::kExpress,
                         DatedField::kElectronicLicence, DatedField::kOnlinePayment, DatedField::kTolerantAcceptance}) {
      const std::optional<internal::JsonValue> p = periods.get(to_string(f));
      if (!p) continue;
      ObjectReader x(*p, periods.at(to_string(f)), problems_, "a period {\"from\": …, \"until\": …}");
      const Validity period{x.date("from"), x.date("until")};
      if ((x.get("from") && !period.from) || (x.get("until") && !period.until))
        continue;  // reported: not "empty" as well
      out.push_back(FieldPeriod{f, period});
    }
    return out;
  }

  // A matter read in one pass over its fields, in the document's order, as
  // simdjson On-Demand meets them, for the matters that read_matter would
  // read without a problem (the usual case): false, with nothing reported, at
  // the first field it does not read the same way without a problem (a wrong
  // type, a value out of bounds, an unknown id, a key given twice or escaped,
  // a field it leaves to read_matter), and then read_matter reads the element
  // again and reports what it finds.
  bool read_matter_fast(const CatalogData& data, simdjson::ondemand::object& object, Matter& m) {
    uint32_t seen = 0;  // the MatterFields read, each once
    std::optional<int64_t> anticipate_day, promise_day;
    LimitUnit anticipate_type = LimitUnit::kWorkdays, promise_type = LimitUnit::kWorkdays;
    const auto resolved = [](fast::OdValue ref, const IdMap& ids, uint32_t& out) {
      std::string_view id;
      if (!fast::string(ref, id)) return false;
      auto it = ids.find(id);
      if (it == ids.end()) return false;
      out = it->second;
      return true;
    };
    // The ids of an array of ids, sized exactly once read.
    absl::InlinedVector<uint32_t, 16> ids;
    const auto id_list = [&](fast::OdValue list, const IdMap& known) {
      simdjson::ondemand::array items;
      if (list.get_array().get(items) != simdjson::SUCCESS) return false;
      ids.clear();
      for (auto item : items) {
        fast::OdValue ref;
        uint32_t i = 0;
        if (std::move(item).get(ref) != simdjson::SUCCESS || !resolved(ref, known, i)) return false;
        ids.push_back(i);
      }
      return true;
    };
    for (auto item : object) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(item).get(field) != simdjson::SUCCESS || !fast::key(field, key)) return false;
      const MatterField f = matter_field(key);
      const uint32_t bit = uint32_t{1} << static_cast<int>(f);
      if (f == MatterField::kUnknown || (seen & bit) != 0) return false;
      seen |= bit;
      const fast::OdValue x = field.value();
      int64_t n = 0;
      bool ok = true;
      switch (f) {
        case MatterField::kCode:
          ok = fast::text(x, m.code, true);
          break;
        case MatterField::kName:
          ok = fast::text(x, m.name, true);
          break;
        case MatterField::kDepartment:
          ok = resolved(x, departments_, m.department);
          break;
        case MatterField::kKind:
          ok = fast::enumeration(x, m.kind);
          break;
        case MatterField::kProjectType:
          ok = fast::enumeration(x, m.project_type);
          break;
        case MatterField::kAnticipateDay:
          ok = fast::integer(x, n);
          anticipate_day = n;
          break;
        case MatterField::kAnticipateType:
          ok = fast::enumeration(x, anticipate_type);
          break;
        case MatterField::kPromiseDay:
          ok = fast::integer(x, n);
          promise_day = n;
          break;
        case MatterField::kPromiseType:
          ok = fast::enumeration(x, promise_type);
          break;
        case MatterField::kFee:
          ok = fast::fee(x, m.fee_fen);
          break;
        case MatterField::kFeeKind:
          ok = fast::enumeration(x, m.fee_kind);
          break;
        case MatterField::kHalls:
          ok = id_list(x, halls_);
          m.halls.assign(ids.begin(), ids.end());
          break;
        case MatterField::kMaterials:
          ok = read_material_uses_fast(data, x, m.materials);
          break;
        case MatterField::kOnline:
          ok = fast::enumeration(x, m.online);
          break;
        case MatterField::kPostal:
          ok = fast::boolean(x, m.postal_application);
          break;
        case MatterField::kExpress:
          ok = fast::boolean(x, m.express_delivery);
          break;
        case MatterField::kElectronicLicence:
          ok = fast::boolean(x, m.electronic_licence);
          break;
        case MatterField::kOnlinePayment:
          ok = fast::boolean(x, m.online_payment);
          break;
        case MatterField::kTolerantAcceptance:
          ok = fast::boolean(x, m.tolerant_acceptance);
          break;
        case MatterField::kSiteInspectionDays:
          ok = fast::integer(x, n);
          m.site_inspection_days = static_cast<int32_t>(n);
          break;
        case MatterField::kPersonalPresence:
          ok = fast::text(x, m.personal_presence, false);
          break;
        case MatterField::kSpecialProcedures:
          ok = read_special_procedures_fast(x, m.special_procedures);
          break;
        case MatterField::kIssueDays:
          ok = fast::integer(x, n);
          m.issue_days = static_cast<int32_t>(n);
          break;
        case MatterField::kDeclaredTrips:
          ok = fast::integer(x, n);
          m.declared_trips = static_cast<int32_t>(n);
          break;
        case MatterField::kEffectiveFrom:
          ok = fast::date(x, m.effective_from);
          break;
        case MatterField::kEffectiveUntil:
          ok = fast::date(x, m.effective_until);
          break;
        case MatterField::kNote:
          ok = fast::text(x, m.note, false);
          break;
        case MatterField::kUnknown:
          return false;
      }
      if (!ok) return false;
    }
    const auto has = [&](MatterField f) { return (seen & (uint32_t{1} << static_cast<int>(f))) != 0; };
    for (MatterField required : {MatterField::kCode, MatterField::kName, MatterField::kDepartment, MatterField::kKind,
                                 MatterField::kProjectType}) {
      if (!has(required)) return false;
    }
    // A unit without its number is a problem (read_limit).
    if ((has(MatterField::kAnticipateType) && !anticipate_day) || (has(MatterField::kPromiseType) && !promise_day)) {
      return false;
    }
    if (anticipate_day) m.legal_limit = Limit{static_cast<int32_t>(*anticipate_day), anticipate_type};
    if (promise_day) m.promised_limit = Limit{static_cast<int32_t>(*promise_day), promise_type};
    if (!has(MatterField::kHalls)) m.halls = data.departments[m.department].halls;
    return true;
  }

  // A bundle read in one pass over its fields, as read_matter_fast reads a
  // matter: false at the first field read_bundle would report a problem in
  // or that it leaves to read_bundle (a member with a condition, situations).
  bool read_bundle_fast(simdjson::ondemand::object& object, Bundle& b) {
    constexpr uint32_t kId = 1, kName = 2, kLead = 4, kMembers = 8, kEdges = 16, kHandling = 32, kAcceptance = 64,
                       kJoint = 128, kResults = 256, kFrom = 512, kUntil = 1024, kNote = 2048;
    uint32_t seen = 0;
    // The edges' ends, resolved once the members are known (in any order of the fields).
    struct End {
      std::string_view from, to;
      EdgeKind kind = EdgeKind::kApplicant;
      int32_t days = 0;
    };
    absl::InlinedVector<End, 8> ends;  // their text stays in the parser's buffer for the whole document
    for (auto item : object) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(item).get(field) != simdjson::SUCCESS || !fast::key(field, key)) return false;
      const uint32_t bit = fast::same(key, "id")                 ? kId
                           : fast::same(key, "name")             ? kName
                           : fast::same(key, "lead")             ? kLead
                           : fast::same(key, "members")          ? kMembers
                           : fast::same(key, "edges")            ? kEdges
                           : fast::same(key, "handling")         ? kHandling
                           : fast::same(key, "acceptance")       ? kAcceptance
                           : fast::same(key, "joint_inspection") ? kJoint
                           : fast::same(key, "results")          ? kResults
                           : fast::same(key, "effective_from")   ? kFrom
                           : fast::same(key, "effective_until")  ? kUntil
                           : fast::same(key, "note")             ? kNote
                                                                 : 0;
      if (bit == 0 || (seen & bit) != 0) return false;  // unknown, situations, or given twice
      seen |= bit;
      fast::OdValue x = field.value();
      bool ok = true;
      switch (bit) {
        case kId:
          ok = fast::text(x, b.id, true);
          break;
        case kName:
          ok = fast::text(x, b.name, true);
          break;
        case kLead: {
          std::string_view id;
          auto it = departments_.end();
          ok = fast::string(x, id) && (it = departments_.find(id)) != departments_.end();
          if (ok) b.lead = it->second;
          break;
        }
        case kMembers: {
          simdjson::ondemand::array members;
          if (x.get_array().get(members) != simdjson::SUCCESS) return false;
          absl::InlinedVector<uint32_t, 16> found;
          for (auto member : members) {
            fast::OdValue ref;
            std::string_view code;
            if (std::move(member).get(ref) != simdjson::SUCCESS || !fast::string(ref, code)) {
              return false;  // a member with a condition
            }
            const std::optional<uint32_t> i = codes_->find(code);
            if (!i) return false;
            found.push_back(*i);
          }
          ok = !found.empty();  // else "a bundle needs at least one member"
          b.members.assign(found.begin(), found.end());
          break;
        }
        case kEdges: {
          simdjson::ondemand::array edges;
          if (x.get_array().get(edges) != simdjson::SUCCESS) return false;
          for (auto edge : edges) {
            simdjson::ondemand::object e;
            if (edge.get_object().get(e) != simdjson::SUCCESS) return false;
            End& end = ends.emplace_back();
            uint32_t fields = 0;
            for (auto member : e) {
              simdjson::ondemand::field f;
              std::string_view k, text;
              int64_t n = 0;
              if (std::move(member).get(f) != simdjson::SUCCESS || !fast::key(f, k)) return false;
              const uint32_t which = fast::same(k, "from")   ? 1
                                     : fast::same(k, "to")   ? 2
                                     : fast::same(k, "kind") ? 4
                                     : fast::same(k, "days") ? 8
                                                             : 0;
              if (which == 0 || (fields & which) != 0) return false;
              fields |= which;
              if (which == 1 || which == 2) {
                if (!fast::string(f.value(), text)) return false;
                (which == 1 ? end.from : end.to) = text;
              } else if (which == 4) {
                if (!fast::enumeration(f.value(), end.kind)) return false;
              } else {
                if (!fast::integer(f.value(), n)) return false;
                end.days = static_cast<int32_t>(n);
              }
            }
            if ((fields & 3) != 3) return false;  // an end missing
          }
          break;
        }
        case kHandling:
          ok = fast::enumeration(x, b.handling);
          break;
        case kAcceptance:
          ok = fast::enumeration(x, b.acceptance);
          break;
        case kJoint:
          ok = fast::boolean(x, b.joint_inspection);
          break;
        case kResults:
          ok = fast::enumeration(x, b.results);
          break;
        case kFrom:
          ok = fast::date(x, b.validity.from);
          break;
        case kUntil:
          ok = fast::date(x, b.validity.until);
          break;
        case kNote:
          ok = fast::text(x, b.note, false);
          break;
        default:
          return false;
      }
      if (!ok) return false;
    }
    if ((seen & (kId | kName | kLead | kMembers)) != (kId | kName | kLead | kMembers)) return false;
    if (b.members.size() > 64 && !ends.empty()) return false;  // a long list: read_bundle's map of positions
    // An edge's ends by their first place among the members, as read_bundle finds them.
    const auto position = [&](std::string_view code, uint32_t& out) {
      for (size_t i = 0; i < b.members.size(); ++i) {
        if (matters_[b.members[i]].code == code) {
          out = static_cast<uint32_t>(i);
          return true;
        }
      }
      return false;
    };
    b.edges.reserve(ends.size());
    for (const End& end : ends) {
      BundleEdge& edge = b.edges.emplace_back();
      if (!position(end.from, edge.from) || !position(end.to, edge.to)) return false;
      edge.kind = end.kind;
      edge.days = end.days;
    }
    return true;
  }

  // A matter's materials as read_material_use reads them without a problem:
  // an id, or an object of the id and its overrides (one with a condition or
  // copies, a situation, is left to read_material_use).
  bool read_material_uses_fast(const CatalogData& data, fast::OdValue v, std::vector<MaterialUse>& out) {
    simdjson::ondemand::array items;
    if (v.get_array().get(items) != simdjson::SUCCESS) return false;
    // Built in place, sized once: the list is counted first (a few tokens),
    // which costs less than building it elsewhere and moving each use in. A
    // count beyond any real matter's is not taken on trust (the elements may
    // be refused at the first): the vector grows past it as it reads them.
    constexpr size_t kReservedUses = 256;
    size_t n = 0;
    if (items.count_elements().get(n) != simdjson::SUCCESS) return false;
    out.clear();
    out.reserve(std::min(n, kReservedUses));
    // A use of material i with the material's defaults, added to `out`.
    const auto with_defaults = [&](uint32_t i) -> MaterialUse& {
      const Material& material = data.materials[i];
      MaterialUse& use = out.emplace_back();
      use.material = i;
      use.form = material.form;
      use.original = material.original;
      use.necessity = material.necessity;
      if (!material.condition.empty()) use.condition = material.condition;
      use.applies_by_default = material.applies_by_default;
      return use;
    };
    for (auto item : items) {
      fast::OdValue x;
      if (std::move(item).get(x) != simdjson::SUCCESS) return false;
      std::string_view id;
      if (fast::string(x, id)) {
        const auto it = materials_.find(id);
        if (it == materials_.end()) return false;
        with_defaults(it->second);
        continue;
      }
      simdjson::ondemand::object object;
      if (x.get_object().get(object) != simdjson::SUCCESS) return false;
      // The overrides, applied over the material's defaults once its id is known.
      std::optional<MaterialForm> form;
      std::optional<bool> original, applies;
      std::optional<Necessity> necessity;
      std::optional<std::string> condition;
      Validity validity;
      uint32_t seen = 0;
      for (auto member : object) {
        simdjson::ondemand::field f;
        std::string_view key;
        if (std::move(member).get(f) != simdjson::SUCCESS || !fast::key(f, key)) return false;
        const uint32_t bit = fast::same(key, "material")          ? 1
                             : fast::same(key, "form")            ? 2
                             : fast::same(key, "original")        ? 4
                             : fast::same(key, "necessity")       ? 8
                             : fast::same(key, "condition")       ? 16
                             : fast::same(key, "default")         ? 32
                             : fast::same(key, "effective_from")  ? 64
                             : fast::same(key, "effective_until") ? 128
                                                                  : 0;
        if (bit == 0 || (seen & bit) != 0) return false;  // when, copies, unknown, or given twice
        seen |= bit;
        bool ok = false, b = false;
        switch (bit) {
          case 1:
            ok = fast::string(f.value(), id);
            break;
          case 2:
            ok = fast::enumeration(f.value(), form.emplace());
            break;
          case 4:
            ok = fast::boolean(f.value(), b);
            original = b;
            break;
          case 8:
            ok = fast::enumeration(f.value(), necessity.emplace());
            break;
          case 16:
            ok = fast::text(f.value(), condition.emplace(), false);
            break;
          case 32:
            ok = fast::boolean(f.value(), b);
            applies = b;
            break;
          case 64:
            ok = fast::date(f.value(), validity.from);
            break;
          case 128:
            ok = fast::date(f.value(), validity.until);
            break;
        }
        if (!ok) return false;
      }
      if ((seen & 1) == 0) return false;  // no material
      const auto it = materials_.find(id);
      if (it == materials_.end()) return false;
      MaterialUse& use = with_defaults(it->second);
      if (form) use.form = *form;
      if (original) use.original = *original;
      if (necessity) use.necessity = *necessity;
      if (condition) use.condition = std::move(*condition);
      if (applies) use.applies_by_default = *applies;
      use.validity = validity;
    }
    return true;
  }

  // The special procedures as read_matter reads them without a problem.
  static bool read_special_procedures_fast(fast::OdValue v, std::vector<SpecialProcedure>& out) {
    simdjson::ondemand::array items;
    if (v.get_array().get(items) != simdjson::SUCCESS) return false;
    absl::InlinedVector<SpecialProcedure, 4> read;
    for (auto item : items) {
      simdjson::ondemand::object object;
      if (item.get_object().get(object) != simdjson::SUCCESS) return false;
      SpecialProcedure& sp = read.emplace_back();
      bool name = false, days = false, kind = false, basis = false;
      for (auto member : object) {
        simdjson::ondemand::field field;
        std::string_view key;
        if (std::move(member).get(field) != simdjson::SUCCESS || !fast::key(field, key)) return false;
        int64_t n = 0;
        if (fast::same(key, "name") && !name) {
          name = fast::text(field.value(), sp.name, true);
          if (!name) return false;
        } else if (fast::same(key, "days") && !days) {
          days = fast::integer(field.value(), n);
          if (!days) return false;
          sp.days = static_cast<int32_t>(n);
        } else if (fast::same(key, "kind") && !kind) {
          kind = fast::enumeration(field.value(), sp.kind);
          if (!kind) return false;
        } else if (fast::same(key, "basis") && !basis) {
          basis = fast::text(field.value(), sp.basis, false);
          if (!basis) return false;
        } else {
          return false;  // unknown, or given twice
        }
      }
      if (!name || !days) return false;
      if (!kind) sp.kind = special_kind_named(sp.name);  // as read_matter: the article's word, else "other"
    }
    out.reserve(read.size());
    for (SpecialProcedure& sp : read) out.push_back(std::move(sp));
    return true;
  }

  Matter read_matter(const CatalogData& data, internal::JsonValue v, const std::string& path) {
    ObjectReader r(v, path, problems_, "a matter");
    Matter m;
    m.code = r.string("code", true);
    m.name = r.string("name", true);
    m.department = resolve_field(r, "department", departments_, "department");
    m.kind = r.enumeration("kind", MatterKind::kLicensing, true);
    m.project_type = r.enumeration("project_type", ProjectType::kPromised, true);
    m.legal_limit = read_limit(r, "anticipate_day", "anticipate_type");
    m.promised_limit = read_limit(r, "promise_day", "promise_type").value_or(Limit{});
    m.fee_fen = read_fee(r);
    m.fee_kind = r.enumeration("fee_kind", FeeKind::kFixed, false);
    if (r.get("halls")) {
      m.halls = resolve_list(r, "halls", false, halls_, "hall");
    } else if (m.department != kUnresolved) {
      m.halls = data.departments[m.department].halls;  // offered wherever its department has a window
    }
    Situations situations;
    each(r, "materials", false, [&](internal::JsonValue item, const std::string& at) {
      std::optional<MaterialRule> rule;
      MaterialUse use = read_material_use(data, item, at, &rule);
      if (use.material == kUnresolved) return;
      if (rule) {
        rule->use = static_cast<uint32_t>(m.materials.size());
        situations.materials.push_back(std::move(*rule));
      }
      m.materials.push_back(std::move(use));
    });
    m.online = r.enumeration("online", OnlineApplication::kNone, false);
    m.postal_application = r.boolean("is_postal", false);
    m.express_delivery = r.boolean("is_express", false);
    m.electronic_licence = r.boolean("electronic_licence", false);
    m.online_payment = r.boolean("online_payment", false);
    m.tolerant_acceptance = r.boolean("tolerant_acceptance", false);
    if (auto days = r.integer("site_inspection_days", false)) m.site_inspection_days = static_cast<int32_t>(*days);
    m.personal_presence = r.string("personal_presence", false);
    each(r, "special_procedures", false, [&](internal::JsonValue item, const std::string& at) {
      ObjectReader p(item, at, problems_, "a special procedure");
      SpecialProcedure sp;
      sp.name = p.string("name", true);
      sp.days = static_cast<int32_t>(p.integer("days", true).value_or(0));
      // Without a kind: the article's own word as the name says it, else "other".
      sp.kind = p.enumeration("kind", special_kind_named(sp.name), false);
      sp.basis = p.string("basis", false);
      m.special_procedures.push_back(std::move(sp));
    });
    if (auto days = r.integer("issue_days", false)) m.issue_days = static_cast<int32_t>(*days);
    if (const std::optional<internal::JsonValue> e = r.get("extension")) {
      ObjectReader x(*e, r.at("extension"), problems_, "an extension");
      SpecialExtension extension;
      extension.days = static_cast<int32_t>(x.integer("days", true).value_or(0));
      extension.basis = x.string("basis", false);  // checked with the article by validation
      m.extension = std::move(extension);
    }
    if (auto trips = r.integer("limit_scene_num", false)) m.declared_trips = static_cast<int32_t>(*trips);
    m.effective_from = r.date("effective_from");
    m.effective_until = r.date("effective_until");
    m.periods = read_periods(r);
    situations.questions = read_questions(r);
    situations.eligibility = read_eligibility(r);
    situations.variants = read_variants(r);
    if (!situations.empty()) m.situations = SituationsRef(std::make_shared<const Situations>(std::move(situations)));
    m.note = r.string("note", false);
    return m;
  }

  Bundle read_bundle(internal::JsonValue v, const std::string& path) {
    ObjectReader r(v, path, problems_, "a bundle");
    Bundle b;
    b.id = r.string("id", true);
    b.name = r.string("name", true);
    b.lead = resolve_field(r, "lead", departments_, "department");
    // Members: matter codes, or {"matter": code, "when": condition} (a member in some situations only).
    Situations situations;
    each(r, "members", true, [&](internal::JsonValue item, const std::string& at) {
      uint32_t i = kUnresolved;
      std::string when;
      if (item.is_object()) {
        ObjectReader member(item, at, problems_, "a member");
        i = resolve_field(member, "matter", *codes_, "matter");
        when = member.string("when", true);
      } else {
        i = resolve(item, at, *codes_, "matter");
      }
      if (i == kUnresolved) return;
      if (!when.empty()) {
        MemberRule rule;
        rule.member = static_cast<uint32_t>(b.members.size());
        rule.when.text = std::move(when);
        situations.members.push_back(std::move(rule));
      }
      b.members.push_back(i);
    });
    if (const auto members = r.get("members");
        members && members->is_array() && members->get_array().value_unsafe().size() == 0) {
      problems_.add(r.at("members"), "a bundle needs at least one member");
    }
    IdMap positions;
    for (size_t i = 0; i < b.members.size(); ++i) positions.emplace(matters_[b.members[i]].code, i);
    each(r, "edges", false, [&](internal::JsonValue item, const std::string& at) {
      ObjectReader e(item, at, problems_, "an edge");
      BundleEdge edge;
      edge.from = resolve_field(e, "from", positions, "member of this bundle");
      edge.to = resolve_field(e, "to", positions, "member of this bundle");
      edge.kind = e.enumeration("kind", EdgeKind::kApplicant, false);
      edge.days = static_cast<int32_t>(e.integer("days", false).value_or(0));
      if (edge.from != kUnresolved && edge.to != kUnresolved) b.edges.push_back(edge);
    });
    b.handling = r.enumeration("handling", JointHandling::kNone, false);
    b.acceptance = r.enumeration("acceptance", Acceptance::kSeparate, false);
    b.joint_inspection = r.boolean("joint_inspection", false);
    b.results = r.enumeration("results", Results::kEach, false);
    b.validity = Validity{r.date("effective_from"), r.date("effective_until")};
    situations.questions = read_questions(r);
    situations.eligibility = read_eligibility(r);
    if (!situations.empty()) b.situations = SituationsRef(std::make_shared<const Situations>(std::move(situations)));
    b.note = r.string("note", false);
    return b;
  }

  Problems& problems_;
  internal::JsonReader& reader_;
  internal::PhaseProgress* progress_;
  const char* begin_;
  CatalogData data_;                // but the matters:
  internal::MatterBlocks matters_;  // in blocks (no view of them is kept while they are read)
  // The ids of the sections read, viewing their text in data_ (each section
  // is read once, and its vector not changed after: the views stay valid).
  IdMap halls_, departments_, materials_;
  std::shared_ptr<internal::CodeIndex> codes_;  // the matters' (index_codes)
  bool codes_clean_ = true;
  size_t one_pass_ = 0;
  bool keeping_ = true;  // false once the problems kept are full (read_element)
  bool fast_path_ = internal::json_fast_path();
};

using ojson = nlohmann::ordered_json;

template <class E>
void put_enum(ojson& out, const char* key, E value, std::optional<E> omit_if = std::nullopt) {
  if (omit_if && value == *omit_if) return;
  out[key] = internal::name_of(value);
}
void put_string(ojson& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
void put_flag(ojson& out, const char* key, bool value) {
  if (value) out[key] = true;
}

ojson save_material_use(const Catalog& data, const MaterialUse& use, const MaterialRule* rule = nullptr) {
  const Material& m = data.materials()[use.material];
  if (use.form == m.form && use.original == m.original && use.necessity == m.necessity &&
      use.condition == m.condition && use.applies_by_default == m.applies_by_default && !rule &&
      !use.validity.dated()) {
    return m.id;
  }
  ojson out;
  out["material"] = m.id;
  if (use.form != m.form) put_enum(out, "form", use.form);
  if (use.original != m.original) out["original"] = use.original;
  if (use.necessity != m.necessity) put_enum(out, "necessity", use.necessity);
  if (use.condition != m.condition) out["condition"] = use.condition;
  if (use.applies_by_default != m.applies_by_default) out["default"] = use.applies_by_default;
  if (use.validity.from) out["effective_from"] = format_date(*use.validity.from);
  if (use.validity.until) out["effective_until"] = format_date(*use.validity.until);
  if (rule) {
    put_string(out, "when", rule->when.text);
    if (rule->copies != 0) out["copies"] = rule->copies;
  }
  return out;
}

// Situations (情形), in the order docs/catalog-format.md gives.

void save_situations(ojson& out, const Situations& s) {
  if (!s.questions.empty()) {
    ojson questions = ojson::array();
    for (const Question& q : s.questions) {
      ojson question;
      question["id"] = q.id;
      question["text"] = q.text;
      question["type"] = to_string(q.type);
      if (!q.choices.empty()) question["choices"] = q.choices;
      put_string(question, "unit", q.unit);
      questions.push_back(std::move(question));
    }
    out["questions"] = std::move(questions);
  }
  if (!s.eligibility.empty()) {
    ojson rules = ojson::array();
    for (const EligibilityRule& e : s.eligibility) {
      ojson rule;
      rule["when"] = e.when.text;
      rule["reason"] = e.reason;
      put_string(rule, "basis", e.basis);
      put_enum(rule, "refusal", e.refusal, std::optional(Refusal::kNotGranted));
      put_string(rule, "instead", e.instead);
      rules.push_back(std::move(rule));
    }
    out["eligibility"] = std::move(rules);
  }
  if (!s.variants.empty()) {
    ojson variants = ojson::array();
    for (const Variant& v : s.variants) {
      ojson variant;
      variant["when"] = v.when.text;
      if (v.online) variant["online"] = to_string(*v.online);
      if (v.postal_application) variant["is_postal"] = *v.postal_application;
      if (v.express_delivery) variant["is_express"] = *v.express_delivery;
      if (v.electronic_licence) variant["electronic_licence"] = *v.electronic_licence;
      if (v.online_payment) variant["online_payment"] = *v.online_payment;
      if (v.tolerant_acceptance) variant["tolerant_acceptance"] = *v.tolerant_acceptance;
      if (v.fee_fen) {
        if (*v.fee_fen % 100 == 0) {
          variant["fee"] = *v.fee_fen / 100;
        } else {
          variant["fee"] = format_yuan(*v.fee_fen);
        }
      }
      if (v.promise_day) variant["promise_day"] = *v.promise_day;
      if (v.promise_type) variant["promise_type"] = to_string(*v.promise_type);
      if (v.personal_presence) variant["personal_presence"] = *v.personal_presence;
      put_string(variant, "note", v.note);
      variants.push_back(std::move(variant));
    }
    out["variants"] = std::move(variants);
  }
}

ojson save_matter(const Catalog& data, const Matter& m) {
  ojson out;
  out["code"] = m.code;
  out["name"] = m.name;
  out["department"] = data.departments()[m.department].id;
  out["kind"] = to_string(m.kind);
  out["project_type"] = to_string(m.project_type);
  if (m.legal_limit) {
    out["anticipate_day"] = m.legal_limit->value;
    put_enum(out, "anticipate_type", m.legal_limit->unit, std::optional(LimitUnit::kWorkdays));
  }
  if (m.promised_limit.value != 0 || m.promised_limit.unit != LimitUnit::kWorkdays) {
    out["promise_day"] = m.promised_limit.value;
    put_enum(out, "promise_type", m.promised_limit.unit, std::optional(LimitUnit::kWorkdays));
  }
  if (m.fee_fen % 100 == 0) {
    if (m.fee_fen != 0) out["fee"] = m.fee_fen / 100;
  } else {
    out["fee"] = format_yuan(m.fee_fen);
  }
  put_enum(out, "fee_kind", m.fee_kind, std::optional(FeeKind::kFixed));
  if (m.halls != data.departments()[m.department].halls) {
    ojson halls = ojson::array();
    for (HallIndex h : m.halls) halls.push_back(data.halls()[h].id);
    out["halls"] = std::move(halls);
  }
  if (!m.materials.empty()) {
    ojson materials = ojson::array();
    for (size_t i = 0; i < m.materials.size(); ++i) {
      const MaterialRule* rule = nullptr;
      if (m.situations) {
        for (const MaterialRule& r : m.situations->materials) {
          if (r.use == i) rule = &r;
        }
      }
      materials.push_back(save_material_use(data, m.materials[i], rule));
    }
    out["materials"] = std::move(materials);
  }
  put_enum(out, "online", m.online, std::optional(OnlineApplication::kNone));
  put_flag(out, "is_postal", m.postal_application);
  put_flag(out, "is_express", m.express_delivery);
  put_flag(out, "electronic_licence", m.electronic_licence);
  put_flag(out, "online_payment", m.online_payment);
  put_flag(out, "tolerant_acceptance", m.tolerant_acceptance);
  if (m.site_inspection_days) out["site_inspection_days"] = *m.site_inspection_days;
  put_string(out, "personal_presence", m.personal_presence);
  if (!m.special_procedures.empty()) {
    ojson procedures = ojson::array();
    for (const SpecialProcedure& p : m.special_procedures) {
      ojson procedure = {{"name", p.name}, {"days", p.days}};
      if (p.kind != special_kind_named(p.name)) procedure["kind"] = to_string(p.kind);
      put_string(procedure, "basis", p.basis);
      procedures.push_back(std::move(procedure));
    }
    out["special_procedures"] = std::move(procedures);
  }
  if (m.issue_days != 0) out["issue_days"] = m.issue_days;
  if (m.extension) out["extension"] = {{"days", m.extension->days}, {"basis", m.extension->basis}};
  if (m.declared_trips) out["limit_scene_num"] = *m.declared_trips;
  if (m.effective_from) out["effective_from"] = format_date(*m.effective_from);
  if (m.effective_until) out["effective_until"] = format_date(*m.effective_until);
  if (!m.periods.empty()) {
    ojson periods;
    for (const FieldPeriod& p : m.periods) {
      ojson period = ojson::object();
      if (p.validity.from) period["from"] = format_date(*p.validity.from);
      if (p.validity.until) period["until"] = format_date(*p.validity.until);
      periods[to_string(p.field)] = std::move(period);
    }
    out["periods"] = std::move(periods);
  }
  if (m.situations) save_situations(out, *m.situations);
  put_string(out, "note", m.note);
  return out;
}

ojson save_bundle(const Catalog& data, const Bundle& b) {
  ojson out;
  out["id"] = b.id;
  out["name"] = b.name;
  out["lead"] = data.departments()[b.lead].id;
  ojson members = ojson::array();
  for (size_t i = 0; i < b.members.size(); ++i) {
    const std::string& code = data.matters()[b.members[i]].code;
    const MemberRule* rule = nullptr;
    if (b.situations) {
      for (const MemberRule& r : b.situations->members) {
        if (r.member == i) rule = &r;
      }
    }
    if (rule) {
      members.push_back(ojson{{"matter", code}, {"when", rule->when.text}});
    } else {
      members.push_back(code);
    }
  }
  out["members"] = std::move(members);
  if (!b.edges.empty()) {
    ojson edges = ojson::array();
    for (const BundleEdge& e : b.edges) {
      ojson edge;
      edge["from"] = data.matters()[b.members[e.from]].code;
      edge["to"] = data.matters()[b.members[e.to]].code;
      edge["kind"] = to_string(e.kind);
      if (e.days != 0) edge["days"] = e.days;
      edges.push_back(std::move(edge));
    }
    out["edges"] = std::move(edges);
  }
  put_enum(out, "handling", b.handling, std::optional(JointHandling::kNone));
  put_enum(out, "acceptance", b.acceptance, std::optional(Acceptance::kSeparate));
  put_flag(out, "joint_inspection", b.joint_inspection);
  put_enum(out, "results", b.results, std::optional(Results::kEach));
  if (b.validity.from) out["effective_from"] = format_date(*b.validity.from);
  if (b.validity.until) out["effective_until"] = format_date(*b.validity.until);
  if (b.situations) save_situations(out, *b.situations);
  put_string(out, "note", b.note);
  return out;
}

}  // namespace

namespace {

absl::StatusOr<Catalog> load(internal::JsonInput& input, std::vector<Problem>* problems_out,
                             const ProgressCallback& progress) {
  const std::string_view text = input.text();
  internal::PhaseProgress read_progress(&progress, "read", static_cast<int64_t>(text.size()), /*min_step=*/1 << 16);
  if (!read_progress.start()) return read_progress.status();
  Problems problems;
  // The reader and its parsers (their index of the whole text) are let go
  // before the catalogue is built, which has its own peak.
  auto reader = std::make_unique<internal::JsonReader>(input, "catalogue JSON");
  const auto refused = [&] {
    Problems only;  // what was read before the syntax error is not reported
    only.add("$", std::string(reader->refusal().message()));
    if (problems_out) only.append_to(*problems_out);
    return only.to_status("catalogue");
  };
  internal::PhaseProgress* const ticks = read_progress.active() ? &read_progress : nullptr;
  auto loader = std::make_unique<Loader>(problems, *reader, ticks, text.data());
  std::optional<std::vector<internal::JsonReader::Field>> fields;
  // A document laid out as the writer writes it is read in one pass; any
  // other is read again from the start, its top-level fields found first.
  bool stopped = true;
  if (internal::json_fast_path()) {
    try {
      if (!loader->read_in_one_pass(stopped)) return refused();
    } catch (const Loader::Cancelled&) {
      return read_progress.status();
    }
    if (stopped) {
      loader.reset();  // what it read, before reading again
      problems = Problems();
      loader = std::make_unique<Loader>(problems, *reader, ticks, text.data());
    }
  }
  if (stopped) {
    if (!reader->fields(fields)) return refused();
    if (!fields) {  // not an object
      internal::JsonValue value;
      if (!reader->value(text, 0, value)) return refused();
      problems.add("$", absl::StrCat("expected a catalogue (an object), found ", json_type_name(value)));
    } else {
      try {
        if (!loader->read(*fields)) return refused();
      } catch (const Loader::Cancelled&) {
        return read_progress.status();
      }
    }
  }
  internal::record_json_one_pass_elements(loader->one_pass());
  std::shared_ptr<internal::CodeIndex> codes = problems.empty() ? loader->take_codes() : nullptr;
  internal::record_json_codes_handed_over(codes != nullptr);
  CatalogData data = loader->take();
  internal::MatterBlocks matters = loader->take_matters();
  loader.reset();  // and its maps of ids
  reader.reset();
  fields.reset();
  input.release();  // the text is not read again
  if (!read_progress.finish()) return read_progress.status();
  internal::PhaseProgress check_progress(&progress, "check", 1);
  if (!check_progress.start()) return check_progress.status();
  if (problems.empty()) {
    std::vector<Problem> found;  // handed on only when the load is not cancelled at its end
    auto catalog =
        internal::build_catalog(std::move(data), std::move(matters), std::move(codes), problems_out ? &found : nullptr);
    if (catalog.ok() && !check_progress.finish()) return check_progress.status();
    if (problems_out) problems_out->insert(problems_out->end(), found.begin(), found.end());
    return catalog;
  }
  problems.follow_up();
  data.matters = matters.take_all();
  internal::validate_catalog(data, /*skip_unresolved=*/true, problems);  // the rest of the report
  if (problems_out) problems.append_to(*problems_out);
  return problems.to_status("catalogue");
}

}  // namespace

absl::StatusOr<Catalog> Catalog::load_json(std::string_view text, std::vector<Problem>* problems_out,
                                           const ProgressCallback& progress) {
  internal::JsonInput input(text);
  return load(input, problems_out, progress);
}

absl::StatusOr<Catalog> Catalog::load_file(const std::string& path, std::vector<Problem>* problems,
                                           const ProgressCallback& progress) {
  auto text = internal::read_json_file(path);
  if (!text.ok()) return text.status();
  internal::JsonInput input(*std::move(text));
  return internal::prefix_error(load(input, problems, progress), path);
}

namespace {

// Writes the canonical text (what ojson::dump(2) gives for the whole
// document) one element at a time, through a small buffer.
class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) {}

  void text(std::string_view s) {
    buffer_.append(s.data(), s.size());
    if (buffer_.size() >= kFlushAt) flush();
  }
  // A value at depth `depth` (the top-level object's fields are at 1).
  void value(const ojson& v, int depth) {
    const std::string dumped = v.dump(2, ' ', false, ojson::error_handler_t::replace);
    const std::string indent(static_cast<size_t>(2 * depth), ' ');
    size_t from = 0;
    for (size_t nl = dumped.find('\n'); nl != dumped.npos; nl = dumped.find('\n', from)) {
      text(std::string_view(dumped).substr(from, nl + 1 - from));
      text(indent);  // a string's newline is escaped: every raw one starts a line
      from = nl + 1;
    }
    text(std::string_view(dumped).substr(from));
  }
  void field(std::string_view key, const ojson& v, bool first) {
    text(first ? "\n  " : ",\n  ");
    value(ojson(key), 0);
    text(": ");
    value(v, 1);
  }
  // An array field whose elements come from `each(emit)`.
  template <class Each>
  void array_field(std::string_view key, Each each) {
    text(",\n  ");
    value(ojson(key), 0);
    text(": [");
    bool any = false;
    each([&](const ojson& element) {
      text(any ? ",\n    " : "\n    ");
      value(element, 2);
      any = true;
    });
    text(any ? "\n  ]" : "]");
  }
  bool flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    return static_cast<bool>(out_);
  }

 private:
  static constexpr size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace

namespace internal {

namespace {
std::atomic<bool> fast_path_on{true};
}  // namespace
bool json_fast_path() { return fast_path_on.load(std::memory_order_relaxed); }
void set_json_fast_path(bool on) { fast_path_on.store(on, std::memory_order_relaxed); }
namespace {
thread_local size_t one_pass_elements = 0;
}  // namespace
size_t json_one_pass_elements() { return one_pass_elements; }
void record_json_one_pass_elements(size_t n) { one_pass_elements = n; }
namespace {
thread_local bool codes_handed_over = false;
}  // namespace
bool json_codes_handed_over() { return codes_handed_over; }
void record_json_codes_handed_over(bool yes) { codes_handed_over = yes; }

nlohmann::ordered_json hall_json(const Hall& h) {
  ojson hall;
  hall["id"] = h.id;
  hall["name"] = h.name;
  put_string(hall, "address", h.address);
  put_enum(hall, "kind", h.kind, std::optional(HallKind::kCentre));
  return hall;
}
nlohmann::ordered_json department_json(const Catalog& data, const Department& d) {
  ojson dept;
  dept["id"] = d.id;
  dept["name"] = d.name;
  ojson dept_halls = ojson::array();
  for (HallIndex h : d.halls) dept_halls.push_back(data.halls()[h].id);
  dept["halls"] = std::move(dept_halls);
  put_flag(dept, "collects_taxes", d.collects_taxes);
  return dept;
}
nlohmann::ordered_json material_json(const Material& m) {
  ojson material;
  material["id"] = m.id;
  material["name"] = m.name;
  put_enum(material, "form", m.form, std::optional(MaterialForm::kPaper));
  put_flag(material, "original", m.original);
  put_enum(material, "source", m.source, std::optional(MaterialSource::kApplicant));
  put_string(material, "issuer", m.issuer);
  put_flag(material, "shared", m.shared);
  put_enum(material, "necessity", m.necessity, std::optional(Necessity::kRequired));
  put_string(material, "condition", m.condition);
  if (!m.applies_by_default) material["default"] = false;
  return material;
}
nlohmann::ordered_json matter_json(const Catalog& data, const Matter& m) { return save_matter(data, m); }
nlohmann::ordered_json bundle_json(const Catalog& data, const Bundle& b) { return save_bundle(data, b); }

}  // namespace internal

absl::Status Catalog::write_json(std::ostream& stream) const {
  const Catalog& data = *this;
  Writer w(stream);
  w.text("{");
  w.field("schema", kSchema, true);
  if (!data.name().empty()) w.field("name", data.name(), false);
  w.array_field("halls", [&](const auto& emit) {
    for (const Hall& h : data.halls()) emit(internal::hall_json(h));
  });
  w.array_field("departments", [&](const auto& emit) {
    for (const Department& d : data.departments()) emit(internal::department_json(data, d));
  });
  w.array_field("materials", [&](const auto& emit) {
    for (const Material& m : data.materials()) emit(internal::material_json(m));
  });
  w.array_field("matters", [&](const auto& emit) {
    for (const Matter& m : data.matters()) emit(internal::matter_json(data, m));
  });
  w.array_field("bundles", [&](const auto& emit) {
    for (const Bundle& b : data.bundles()) emit(internal::bundle_json(data, b));
  });
  w.text("\n}\n");
  if (!w.flush()) return absl::DataLossError("the catalogue could not be written: the stream failed");
  return absl::OkStatus();
}

std::string Catalog::save_json() const {
  std::ostringstream out;
  write_json(out).IgnoreError();  // a string stream does not fail
  return std::move(out).str();
}

}  // namespace onetrip
