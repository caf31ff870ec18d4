// The national implementation-list tables to and from a catalogue
// (docs/listing-import.md states every column and code value).
#include "onetrip/listing.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "bounds.hpp"
#include "catalog_internal.hpp"
#include "csv.hpp"
#include "onetrip/audit.hpp"
#include "onetrip/format.hpp"
#include "onetrip/trips.hpp"
#include "text_support.hpp"

namespace onetrip {

const char* to_string(ListingTableKind kind) {
  switch (kind) {
    case ListingTableKind::kBasic:
      return "basic";
    case ListingTableKind::kExtend:
      return "extend";
    case ListingTableKind::kMaterials:
      return "materials";
    case ListingTableKind::kFees:
      return "fees";
    case ListingTableKind::kHalls:
      return "onetrip_halls";
    case ListingTableKind::kDepartments:
      return "onetrip_departments";
    case ListingTableKind::kMaterialDefs:
      return "onetrip_materials";
  }
  return "?";
}

const char* to_string(MappingOutcome outcome) {
  switch (outcome) {
    case MappingOutcome::kMapped:
      return "mapped";
    case MappingOutcome::kDefaulted:
      return "defaulted";
    case MappingOutcome::kNotUnderstood:
      return "not_understood";
    case MappingOutcome::kIgnored:
      return "ignored";
    case MappingOutcome::kRejected:
      return "rejected";
  }
  return "?";
}

// ---- the report -------------------------------------------------------------

namespace {
const std::string kEmpty;
}  // namespace

uint8_t MappingReport::add_table(std::string file, std::vector<std::string> columns) {
  files_.push_back(std::move(file));
  columns_.push_back(std::move(columns));
  return static_cast<uint8_t>(files_.size() - 1);
}

void MappingReport::add(uint8_t table, int64_t row, int32_t column, MappingOutcome outcome, std::string_view value,
                        std::string_view note) {
  Entry e;
  e.row = static_cast<uint32_t>(row);
  e.table = table;
  e.outcome = static_cast<uint8_t>(outcome);
  e.column = column < 0 ? kNoColumn : static_cast<uint16_t>(column);
  e.text = kNoText;
  if (!value.empty()) {
    e.text = static_cast<uint32_t>(texts_.size());
    texts_.emplace_back(std::string(value), std::string(note));
  } else if (!note.empty()) {
    // The same default is noted on many rows: held once.
    auto [it, added] = note_index_.try_emplace(std::string(note), static_cast<uint32_t>(texts_.size()));
    if (added) texts_.emplace_back(std::string(), std::string(note));
    e.text = it->second;
  }
  entries_.push_back(e);
  ++counts_[static_cast<int>(outcome)];
}

const std::string& MappingReport::column(size_t i) const {
  const Entry& e = entries_[i];
  return e.column == kNoColumn ? kEmpty : columns_[e.table][e.column];
}
const std::string& MappingReport::value(size_t i) const {
  const Entry& e = entries_[i];
  return e.text == kNoText ? kEmpty : texts_[e.text].first;
}
const std::string& MappingReport::note(size_t i) const {
  const Entry& e = entries_[i];
  return e.text == kNoText ? kEmpty : texts_[e.text].second;
}

MappingLine MappingReport::line(size_t i) const { return {file(i), row(i), column(i), outcome(i), value(i), note(i)}; }

std::string MappingReport::csv() const {
  std::string out = "file,row,column,outcome,value,note\n";
  out.reserve(entries_.size() * 32);
  for (size_t i = 0; i < entries_.size(); ++i) {
    absl::StrAppend(&out, csv_field(file(i)), ",", row(i), ",", csv_field(column(i)), ",", to_string(outcome(i)), ",",
                    csv_field(value(i)), ",", csv_field(note(i)), "\n");
  }
  return out;
}

// ---- decoding and CSV -------------------------------------------------------

namespace {

using internal::invalid_utf8_at;

// GB18030 to UTF-8 with glibc's iconv; the offset of the first byte it
// cannot convert in *bad on failure.
bool gb18030_to_utf8(std::string_view in, std::string* out, size_t* bad) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    *bad = 0;
    return false;
  }
  out->assign(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t written = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = out->data() + written;
    size_t dst_left = out->size() - written;
    const size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    written = out->size() - dst_left;
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        out->resize(out->size() * 2);
        continue;
      }
      ok = false;
      *bad = in.size() - src_left;
      break;
    }
  }
  iconv_close(cd);
  out->resize(written);
  return ok;
}

}  // namespace

absl::StatusOr<std::string> detect_listing_encoding(std::string_view bytes, std::string_view file) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (invalid_utf8_at(bytes) == std::string_view::npos) return std::string("UTF-8");
  std::string converted;
  size_t bad = 0;
  if (gb18030_to_utf8(bytes, &converted, &bad)) return std::string("GB18030");
  return absl::InvalidArgumentError(absl::StrFormat(
      "%s: the bytes are neither UTF-8 (byte %d is not) nor GB18030 (byte %d is not); save the export as UTF-8 "
      "or GB18030",
      file, invalid_utf8_at(bytes), bad));
}

absl::StatusOr<ListingTable> read_listing_csv(std::string_view bytes, std::string file) {
  if (bytes.empty()) return absl::InvalidArgumentError(absl::StrCat(file, ": the file is empty (no header row)"));
  std::string converted;
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (invalid_utf8_at(text) != std::string_view::npos) {
    auto encoding = detect_listing_encoding(bytes, file);
    if (!encoding.ok()) return encoding.status();
    size_t bad = 0;
    gb18030_to_utf8(text, &converted, &bad);
    text = converted;
  }
  ListingTable table;
  table.file = std::move(file);
  internal::CsvReader reader(text);
  std::vector<std::string_view> fields;
  bool header = true;
  for (;;) {
    const auto r = reader.next(&fields);
    if (r == internal::CsvReader::Result::kEnd) break;
    if (r == internal::CsvReader::Result::kError) {
      if (header) {
        return absl::InvalidArgumentError(
            absl::StrFormat("%s line %d: the header is not CSV: %s", table.file, reader.line(), reader.error()));
      }
      // Kept as a row the import rejects, naming the line.
      table.rows.push_back({absl::StrCat("\x01", reader.error())});
      table.lines.push_back(static_cast<int64_t>(reader.line()));
      continue;
    }
    if (fields.empty() || (fields.size() == 1 && fields[0].empty())) continue;
    if (header) {
      for (std::string_view f : fields) table.header.emplace_back(f);
      header = false;
      continue;
    }
    std::vector<std::string> row;
    row.reserve(fields.size());
    for (std::string_view f : fields) row.emplace_back(f);
    table.rows.push_back(std::move(row));
    table.lines.push_back(static_cast<int64_t>(reader.line()));
  }
  if (header) return absl::InvalidArgumentError(absl::StrCat(table.file, ": the file has no header row"));
  return table;
}

absl::StatusOr<ListingTable> read_listing_csv_file(const std::string& path) {
  absl::StatusOr<std::string> bytes = internal::read_text_file(path);  // NOT_FOUND naming a missing file
  if (!bytes.ok()) return bytes.status();
  std::string name = path;
  if (const size_t slash = name.find_last_of('/'); slash != std::string::npos) name = name.substr(slash + 1);
  return read_listing_csv(*bytes, name);
}

// ---- code values --------------------------------------------------------------

namespace {

struct Code {
  const char* code;   // the national numeric code, normalised (no leading zeros); "" for a label only
  const char* label;  // the Chinese label
  int value;
};

// 事项类型 task_type. 20/21 are the codes the provincial platforms use for 其他行政权力 and 公共服务
// beside the 10 of the national catalogue (docs/listing-import.md).
constexpr Code kTaskType[] = {
    {"1", "行政许可", static_cast<int>(MatterKind::kLicensing)},
    {"2", "行政处罚", static_cast<int>(MatterKind::kPenalty)},
    {"3", "行政强制", static_cast<int>(MatterKind::kEnforcement)},
    {"4", "行政征收", static_cast<int>(MatterKind::kLevy)},
    {"5", "行政给付", static_cast<int>(MatterKind::kBenefit)},
    {"6", "行政检查", static_cast<int>(MatterKind::kInspection)},
    {"7", "行政确认", static_cast<int>(MatterKind::kConfirmation)},
    {"8", "行政奖励", static_cast<int>(MatterKind::kReward)},
    {"9", "行政裁决", static_cast<int>(MatterKind::kAdjudication)},
    {"10", "其他行政权力", static_cast<int>(MatterKind::kOtherPower)},
    {"20", "其他行政权力", static_cast<int>(MatterKind::kOtherPower)},
    {"21", "公共服务", static_cast<int>(MatterKind::kPublicService)},
    {"", "审核转报", static_cast<int>(MatterKind::kReviewTransfer)},
    {"", "其他", static_cast<int>(MatterKind::kOtherPower)},
};
// 办件类型 project_type.
constexpr Code kProjectType[] = {
    {"1", "即办件", static_cast<int>(ProjectType::kImmediate)},
    {"2", "承诺件", static_cast<int>(ProjectType::kPromised)},
    {"", "即办", static_cast<int>(ProjectType::kImmediate)},
    {"", "承诺", static_cast<int>(ProjectType::kPromised)},
};
// 时限单位 anticipate_type / promise_type.
constexpr Code kUnit[] = {
    {"1", "工作日", static_cast<int>(LimitUnit::kWorkdays)}, {"2", "自然日", static_cast<int>(LimitUnit::kNaturalDays)},
    {"3", "月", static_cast<int>(LimitUnit::kMonths)},       {"", "个工作日", static_cast<int>(LimitUnit::kWorkdays)},
    {"", "日", static_cast<int>(LimitUnit::kNaturalDays)},   {"", "天", static_cast<int>(LimitUnit::kNaturalDays)},
    {"", "个月", static_cast<int>(LimitUnit::kMonths)},
};
// 是 / 否 flags.
constexpr Code kFlag[] = {
    {"1", "是", 1}, {"0", "否", 0}, {"", "Y", 1}, {"", "N", 0}, {"", "true", 1}, {"", "false", 0},
};
// 材料必要性 is_need.
constexpr Code kNeed[] = {
    {"1", "必要", static_cast<int>(Necessity::kRequired)},      {"2", "非必要", static_cast<int>(Necessity::kOptional)},
    {"3", "容缺后补", static_cast<int>(Necessity::kTolerable)}, {"", "必须", static_cast<int>(Necessity::kRequired)},
    {"", "容缺", static_cast<int>(Necessity::kTolerable)},
};
// 来源渠道 source_type.
constexpr Code kSource[] = {
    {"1", "申请人自备", static_cast<int>(MaterialSource::kApplicant)},
    {"2", "政府部门核发", static_cast<int>(MaterialSource::kGovernment)},
    {"3", "其他", static_cast<int>(MaterialSource::kThirdParty)},
};
// 材料形式 material_format.
constexpr Code kFormat[] = {
    {"1", "纸质", static_cast<int>(MaterialForm::kPaper)},
    {"2", "电子", static_cast<int>(MaterialForm::kElectronic)},
    {"3", "纸质/电子", static_cast<int>(MaterialForm::kEither)},
    {"", "电子化", static_cast<int>(MaterialForm::kElectronic)},
    {"", "纸质或电子", static_cast<int>(MaterialForm::kEither)},
};
// 材料类型 material_type: whether the original is shown.
constexpr Code kMaterialType[] = {
    {"1", "原件", 1},
    {"2", "复印件", 0},
    {"3", "原件和复印件", 1},
    {"", "原件/复印件", 1},
};
// 办理形式 handle_type (several, separated by , or ^).
enum HandleBits { kWindow = 1, kOnline = 2, kPostal = 4 };
constexpr Code kHandle[] = {
    {"1", "窗口办理", kWindow},
    {"2", "网上办理", kOnline},
    {"3", "快递申请", kPostal},
    {"", "邮寄申请", kPostal},
};
// 网上办理深度 online_handle_depth (several, separated by ^ or ,).
constexpr Code kDepth[] = {
    {"1", "互联网咨询", 1},         {"2", "互联网收件", 2}, {"3", "互联网预审", 3},
    {"4", "互联网受理", 4},         {"5", "互联网办理", 5}, {"6", "互联网办理结果信息反馈", 6},
    {"7", "互联网电子证照反馈", 7},
};
constexpr Code kHallKind[] = {
    {"", "centre", static_cast<int>(HallKind::kCentre)},
    {"", "subcentre", static_cast<int>(HallKind::kSubcentre)},
    {"", "township", static_cast<int>(HallKind::kTownship)},
};
constexpr Code kFeeKind[] = {
    {"", "fixed", static_cast<int>(FeeKind::kFixed)},
    {"", "assessed", static_cast<int>(FeeKind::kAssessed)},
};

// Debian's Abseil has its own string_view: these work on std::string_view.
absl::string_view av(std::string_view s) { return absl::string_view(s.data(), s.size()); }
bool consume_prefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}
bool consume_suffix(std::string_view* s, std::string_view suffix) {
  if (s->size() < suffix.size() || s->substr(s->size() - suffix.size()) != suffix) return false;
  s->remove_suffix(suffix.size());
  return true;
}
bool equals_ignore_case(std::string_view a, std::string_view b) { return absl::EqualsIgnoreCase(av(a), av(b)); }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
// A whole number of at most `max` (the bounds of lib/bounds.hpp, so that a
// listing row is refused where it stands rather than failing the catalogue
// built from it); `*over` tells a number past `max` from text that is none.
bool parse_count(std::string_view s, int32_t max, int32_t* out, bool* over) {
  *over = false;
  if (!all_digits(s)) return false;
  int64_t v = 0;
  for (char c : s) {
    v = v * 10 + (c - '0');
    if (v > max) {
      *over = true;
      return false;
    }
  }
  *out = static_cast<int32_t>(v);
  return true;
}

std::string_view trim(std::string_view s) {
  // ASCII blanks and the full-width space U+3000.
  for (;;) {
    const size_t before = s.size();
    while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    if (consume_prefix(&s, "\xE3\x80\x80")) continue;
    if (consume_suffix(&s, "\xE3\x80\x80")) continue;
    if (s.size() == before) return s;
  }
}

// A code's value: the numeric code (leading zeros dropped) or a label.
template <size_t N>
std::optional<int> lookup(const Code (&codes)[N], std::string_view text) {
  text = trim(text);
  if (all_digits(text)) {
    while (text.size() > 1 && text[0] == '0') text.remove_prefix(1);
    for (const Code& c : codes) {
      if (text == c.code) return c.value;
    }
    return std::nullopt;
  }
  for (const Code& c : codes) {
    if (equals_ignore_case(text, c.label)) return c.value;
  }
  return std::nullopt;
}

template <size_t N>
std::string write_code(const Code (&codes)[N], int value, ListingCodes style) {
  for (const Code& c : codes) {
    if (c.value != value) continue;
    if (style == ListingCodes::kLabels || c.code[0] == '\0') return c.label;
    std::string code = c.code;
    // The national two-digit form of task_type.
    if (&codes[0] == &kTaskType[0] && code.size() == 1) code.insert(0, "0");
    return code;
  }
  return "";
}

template <size_t N>
std::string accepted(const Code (&codes)[N]) {
  std::vector<std::string> parts;
  for (const Code& c : codes) {
    parts.push_back(c.code[0] ? absl::StrCat(c.code, " ", c.label) : std::string(c.label));
  }
  return absl::StrJoin(parts, ", ");
}

// The parts of a multi-valued cell: split at the ASCII separators given and,
// with full_width (a platform's column), at the full-width ， ； 、 too.
// onetrip's own columns split at what write_listing joins with only, so an id
// holding a 、 comes back whole.
std::vector<std::string_view> split_multi(std::string_view text, std::string_view separators, bool full_width = true) {
  std::vector<std::string_view> out;
  size_t start = 0;
  const auto cut = [&](size_t end) {
    const std::string_view part = trim(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
  };
  size_t i = 0;
  while (i < text.size()) {
    if (separators.find(text[i]) != std::string_view::npos) {
      cut(i);
      start = ++i;
      continue;
    }
    const std::string_view rest = text.substr(i, 3);
    if (full_width && (rest == "，" || rest == "；" || rest == "、")) {
      cut(i);
      i += 3;
      start = i;
      continue;
    }
    ++i;
  }
  cut(text.size());
  return out;
}

// ---- columns ------------------------------------------------------------------

struct ColumnSpec {
  const char* name;   // the national element name (or onetrip_*)
  const char* label;  // the Chinese header of the platforms' exports
  bool required;
};

// Slots, per table, in the order write_listing writes them.
enum BasicSlot {
  B_TASK_CODE,
  B_TASK_NAME,
  B_CATALOG_CODE,
  B_TASK_TYPE,
  B_DEPT_CODE,
  B_DEPT_NAME,
  B_ANTICIPATE_DAY,
  B_ANTICIPATE_TYPE,
  B_PROMISE_DAY,
  B_PROMISE_TYPE,
  B_SPECIAL,
  B_IS_FEE,
  B_PROJECT_TYPE,
  B_HANDLE_TYPE,
  B_LIMIT_SCENE_NUM,
  B_LIMIT_SCENE_EXPLAIN,
  B_TRANSACT_ADDR,
  B_EFFECTIVE,
  B_HALLS,
  B_NOTE,
  B_EFFECTIVE_UNTIL,
  B_COUNT
};
constexpr ColumnSpec kBasic[] = {
    {"task_code", "实施编码", true},
    {"task_name", "事项名称", true},
    {"catalog_code", "基本编码", false},
    {"task_type", "事项类型", true},
    {"dept_code", "实施主体编码", false},
    {"dept_name", "实施主体", true},
    {"anticipate_day", "法定办结时限", false},
    {"anticipate_type", "法定办结时限单位", false},
    {"promise_day", "承诺办结时限", false},
    {"promise_type", "承诺办结时限单位", false},
    {"special_procedure", "特别程序", false},
    {"is_fee", "是否收费", false},
    {"project_type", "办件类型", true},
    {"handle_type", "办理形式", false},
    {"limit_scene_num", "到办事现场次数", false},
    {"limit_scene_explain", "必须现场办理原因说明", false},
    {"transact_addr", "办理地点", false},
    {"plan_effective_date", "计划生效日期", false},
    {"onetrip_halls", "", false},
    {"onetrip_note", "", false},
    {"onetrip_effective_until", "", false},
};
// The fields a matter dates in `periods` (DatedField, in its order).
constexpr int kDatedFieldCount = static_cast<int>(DatedField::kTolerantAcceptance) + 1;
enum ExtendSlot {
  E_TASK_CODE,
  E_IS_EXPRESS,
  E_IS_ONLINE,
  E_IS_PAY_ONLINE,
  E_DEPTH,
  E_FEE_KIND,
  E_TOLERANT,
  E_SITE,
  // onetrip's: the period of each dated field, in DatedField order, from then until.
  E_PERIODS,
  E_COUNT = E_PERIODS + 2 * kDatedFieldCount
};
constexpr ColumnSpec kExtend[] = {
    {"task_code", "实施编码", true},
    {"is_express", "是否支持物流快递", false},
    {"is_online", "是否网办", false},
    {"is_pay_online", "是否支持网上支付", false},
    {"online_handle_depth", "网上办理深度", false},
    {"onetrip_fee_kind", "", false},
    {"onetrip_tolerant_acceptance", "", false},
    {"onetrip_site_inspection_days", "", false},
    {"onetrip_fee_from", "", false},
    {"onetrip_fee_until", "", false},
    {"onetrip_online_from", "", false},
    {"onetrip_online_until", "", false},
    {"onetrip_is_postal_from", "", false},
    {"onetrip_is_postal_until", "", false},
    {"onetrip_is_express_from", "", false},
    {"onetrip_is_express_until", "", false},
    {"onetrip_electronic_licence_from", "", false},
    {"onetrip_electronic_licence_until", "", false},
    {"onetrip_online_payment_from", "", false},
    {"onetrip_online_payment_until", "", false},
    {"onetrip_tolerant_acceptance_from", "", false},
    {"onetrip_tolerant_acceptance_until", "", false},
};
enum MaterialSlot {
  M_TASK_CODE,
  M_NAME,
  M_TYPE,
  M_FORMAT,
  M_IS_NEED,
  M_SOURCE,
  M_SOURCE_EXPLAIN,
  M_FILL_EXPLAIN,
  M_ID,
  M_DEFAULT,
  M_EFFECTIVE_FROM,
  M_EFFECTIVE_UNTIL,
  M_COUNT
};
constexpr ColumnSpec kMaterialCols[] = {
    {"task_code", "实施编码", true},           {"material_name", "材料名称", true},
    {"material_type", "材料类型", false},      {"material_format", "材料形式", false},
    {"is_need", "材料必要性", false},          {"source_type", "来源渠道", false},
    {"source_explain", "来源渠道说明", false}, {"fill_explain", "填报须知", false},
    {"onetrip_material_id", "", false},        {"onetrip_default", "", false},
    {"onetrip_effective_from", "", false},     {"onetrip_effective_until", "", false},
};
enum FeeSlot { F_TASK_CODE, F_NAME, F_STAND, F_COUNT };
constexpr ColumnSpec kFeeCols[] = {
    {"task_code", "实施编码", true},
    {"fee_name", "收费项目名称", false},
    {"fee_stand", "收费标准", true},
};
enum HallSlot { H_ID, H_NAME, H_ADDRESS, H_KIND, H_COUNT };
constexpr ColumnSpec kHallCols[] = {
    {"hall_id", "", true}, {"hall_name", "", true}, {"address", "", false}, {"kind", "", false}};
enum DeptSlot { D_CODE, D_NAME, D_HALLS, D_COUNT };
constexpr ColumnSpec kDeptCols[] = {
    {"dept_code", "实施主体编码", true}, {"dept_name", "实施主体", true}, {"halls", "", true}};
enum DefSlot {
  MD_ID,
  MD_NAME,
  MD_TYPE,
  MD_FORMAT,
  MD_IS_NEED,
  MD_SOURCE,
  MD_ISSUER,
  MD_SHARED,
  MD_CONDITION,
  MD_DEFAULT,
  MD_COUNT
};
constexpr ColumnSpec kDefCols[] = {
    {"material_id", "", true},
    {"material_name", "材料名称", true},
    {"material_type", "材料类型", false},
    {"material_format", "材料形式", false},
    {"is_need", "材料必要性", false},
    {"source_type", "来源渠道", false},
    {"source_explain", "来源渠道说明", false},
    {"shared", "", false},
    {"fill_explain", "填报须知", false},
    {"default", "", false},
};

struct TableSpec {
  const ColumnSpec* columns;
  size_t count;
};
constexpr TableSpec kSpecs[kListingTableCount] = {
    {kBasic, B_COUNT},    {kExtend, E_COUNT},   {kMaterialCols, M_COUNT}, {kFeeCols, F_COUNT},
    {kHallCols, H_COUNT}, {kDeptCols, D_COUNT}, {kDefCols, MD_COUNT},
};
static_assert(std::size(kBasic) == B_COUNT && std::size(kExtend) == E_COUNT && std::size(kMaterialCols) == M_COUNT &&
              std::size(kFeeCols) == F_COUNT && std::size(kHallCols) == H_COUNT && std::size(kDeptCols) == D_COUNT &&
              std::size(kDefCols) == MD_COUNT);

// Columns the tables often have and onetrip has no field for: reported once as ignored.
// Any other unknown column is reported the same way.

// One table being read: where each slot's column is, and the current row's
// pending report lines (kept until the row's fate is known).
class Reader {
 public:
  Reader(const ListingTable& table, ListingTableKind kind, MappingReport* report)
      : table_(table), spec_(kSpecs[static_cast<int>(kind)]), report_(report) {
    std::vector<std::string> columns = table.header;
    slot_column_.assign(spec_.count, -1);
    std::vector<bool> known(table.header.size(), false);
    for (size_t c = 0; c < table.header.size(); ++c) {
      const std::string_view h = trim(table.header[c]);
      for (size_t s = 0; s < spec_.count; ++s) {
        if (slot_column_[s] >= 0) continue;
        if (equals_ignore_case(h, spec_.columns[s].name) ||
            (spec_.columns[s].label[0] != '\0' && h == spec_.columns[s].label)) {
          slot_column_[s] = static_cast<int>(c);
          known[c] = true;
          break;
        }
      }
    }
    // Absent columns get a name in the report, for the lines about them.
    for (size_t s = 0; s < spec_.count; ++s) {
      if (slot_column_[s] < 0) {
        virtual_column_.push_back(static_cast<int>(columns.size()));
        columns.emplace_back(spec_.columns[s].name);
      } else {
        virtual_column_.push_back(slot_column_[s]);
      }
    }
    id_ = report->add_table(table.file, std::move(columns));
    for (size_t c = 0; c < table.header.size(); ++c) {
      if (!known[c]) {
        report->add(id_, 1, static_cast<int32_t>(c), MappingOutcome::kIgnored, table.header[c],
                    "onetrip has no field for this column");
      }
    }
  }

  bool has(int slot) const { return slot_column_[slot] >= 0; }
  int column_of(int slot) const { return virtual_column_[slot]; }
  // Required columns missing: problems naming them.
  std::vector<std::string> missing_required() const {
    std::vector<std::string> out;
    for (size_t s = 0; s < spec_.count; ++s) {
      if (spec_.columns[s].required && slot_column_[s] < 0) {
        out.push_back(spec_.columns[s].label[0] ? absl::StrCat(spec_.columns[s].name, " (", spec_.columns[s].label, ")")
                                                : std::string(spec_.columns[s].name));
      }
    }
    return out;
  }
  // Reports an absent optional column once.
  void absent(int slot, std::string_view note) {
    if (!has(slot)) report_->add(id_, 1, virtual_column_[slot], MappingOutcome::kDefaulted, "", note);
  }

  size_t rows() const { return table_.rows.size(); }
  int64_t line(size_t r) const { return r < table_.lines.size() ? table_.lines[r] : static_cast<int64_t>(r) + 2; }
  // Rejects row r (begun) when the CSV reader refused it (its message, no
  // column), or when a cell holds U+0000 (naming the column: no onetrip text
  // may hold it, and the catalogue written would not load); true if so.
  bool reject_broken(size_t r) {
    const auto& row = table_.rows[r];
    if (row.size() == 1 && !row[0].empty() && row[0][0] == '\x01') {
      reject(-1, row[0].substr(1));
      return true;
    }
    for (size_t c = 0; c < row.size(); ++c) {
      if (row[c].find('\0') == std::string::npos) continue;
      rejected_ = true;
      pending_.push_back({static_cast<int>(c), MappingOutcome::kRejected,
                          absl::StrReplaceAll(row[c], {{absl::string_view("\0", 1), "\\0"}}),
                          "the cell contains U+0000 (NUL), which no text of a catalogue may hold"});
      return true;
    }
    return false;
  }

  void begin(size_t r) {
    row_ = r;
    pending_.clear();
    rejected_ = false;
  }
  std::string_view cell(int slot) const {
    const int c = slot_column_[slot];
    if (c < 0) return {};
    const auto& row = table_.rows[row_];
    if (static_cast<size_t>(c) >= row.size()) return {};
    return trim(row[c]);
  }
  void mapped(int slot) {
    if (has(slot)) pending_.push_back({virtual_column_[slot], MappingOutcome::kMapped, {}, {}});
  }
  void defaulted(int slot, std::string note) {
    if (has(slot)) pending_.push_back({virtual_column_[slot], MappingOutcome::kDefaulted, {}, std::move(note)});
  }
  // Always reported, also for an absent column (a derived default).
  void derived(int slot, std::string note) {
    pending_.push_back({virtual_column_[slot], MappingOutcome::kDefaulted, {}, std::move(note)});
  }
  void not_understood(int slot, std::string note) {
    pending_.push_back(
        {virtual_column_[slot], MappingOutcome::kNotUnderstood, std::string(cell(slot)), std::move(note)});
  }
  // Rejects the row because of a column (slot) or as a whole (slot -1).
  void reject(int slot, std::string note) {
    rejected_ = true;
    pending_.push_back({slot < 0 ? -1 : virtual_column_[slot], MappingOutcome::kRejected,
                        slot < 0 ? std::string() : std::string(cell(slot)), std::move(note)});
  }
  bool rejected() const { return rejected_; }
  // Writes the row's lines: all of them, or only the rejections.
  void end(std::vector<Problem>* problems, int64_t* rejected_rows, int64_t* not_understood) {
    const int64_t ln = line(row_);
    for (const Pending& p : pending_) {
      if (rejected_ && p.outcome != MappingOutcome::kRejected) continue;
      report_->add(id_, ln, p.column, p.outcome, p.value, p.note);
      if (p.outcome == MappingOutcome::kRejected || p.outcome == MappingOutcome::kNotUnderstood) {
        if (p.outcome == MappingOutcome::kNotUnderstood) ++*not_understood;
        problems->push_back(problem(ln, p.column, p.value, p.note));
      }
    }
    if (rejected_) ++*rejected_rows;
  }
  Problem problem(int64_t ln, int column, std::string_view value, std::string_view note) const {
    std::string path = absl::StrCat(table_.file, " row ", ln);
    if (column >= 0) absl::StrAppend(&path, " column ", column_name(column));
    return {path, value.empty() ? std::string(note) : absl::StrCat("\"", av(value), "\": ", av(note))};
  }
  std::string column_name(int column) const {
    return static_cast<size_t>(column) < table_.header.size() ? table_.header[column]
                                                              : spec_.columns[slot_of_virtual(column)].name;
  }
  int slot_of_virtual(int column) const {
    for (size_t s = 0; s < virtual_column_.size(); ++s) {
      if (virtual_column_[s] == column) return static_cast<int>(s);
    }
    return 0;
  }
  uint8_t id() const { return id_; }
  const std::string& file() const { return table_.file; }

  // Typed cells. Each reports what became of the cell.
  template <size_t N>
  std::optional<int> code(int slot, const Code (&codes)[N], int fallback, const char* default_note,
                          bool required = false) {
    const std::string_view text = cell(slot);
    if (text.empty()) {
      if (required) {
        reject(slot, "blank: a matter needs it");
        return std::nullopt;
      }
      defaulted(slot, default_note);
      return fallback;
    }
    if (auto v = lookup(codes, text)) {
      mapped(slot);
      return v;
    }
    if (required) {
      reject(slot, absl::StrCat("not a known code; accepted: ", accepted(codes)));
      return std::nullopt;
    }
    not_understood(slot, absl::StrCat("not a known code (", default_note, " used); accepted: ", accepted(codes)));
    return fallback;
  }
  bool flag(int slot, bool fallback = false) {
    return code(slot, kFlag, fallback ? 1 : 0, fallback ? "blank: yes" : "blank: no").value_or(0) != 0;
  }
  // A date of onetrip's columns: YYYY-MM-DD (a time after a blank dropped, as
  // spreadsheets export dates). Blank, or not a date that exists (not
  // understood): nullopt, which means `open` ("open", "no end" …).
  std::optional<Date> date(int slot, std::string_view open) {
    std::string_view text = cell(slot);
    if (text.empty()) {
      defaulted(slot, absl::StrCat("blank: ", av(open)));
      return std::nullopt;
    }
    if (text.size() > 10 && text[10] == ' ') text = text.substr(0, 10);
    auto d = parse_date(text);
    if (!d.ok()) {
      not_understood(slot, absl::StrCat("not a date YYYY-MM-DD that exists: ", av(open)));
      return std::nullopt;
    }
    mapped(slot);
    return *d;
  }
  // The end of a period read from `until_slot`, dropped (not understood) when
  // it is before the start.
  std::optional<Date> until(int until_slot, const std::optional<Date>& from, std::string_view open) {
    auto until = date(until_slot, open);
    if (!until || !from || *from <= *until) return until;
    pending_.pop_back();  // its "mapped" line
    not_understood(until_slot, absl::StrCat("before the start, ", format_date(*from), ": ", av(open)));
    return std::nullopt;
  }

  // A count of at most `max`: digits only (a trailing 次, 个工作日, 天 or 日
  // allowed). Blank: nullopt and `why` empty; not a count: nullopt and `why`
  // says so, with `what` ("days") and the bound.
  std::optional<int32_t> count(int slot, int32_t max, std::string_view what, std::string* why) {
    why->clear();
    std::string_view text = cell(slot);
    for (const char* unit : {"个工作日", "工作日", "次", "天", "日"}) {
      if (consume_suffix(&text, unit)) break;
    }
    text = trim(text);
    if (text.empty()) return std::nullopt;
    int32_t v = 0;
    bool over = false;
    if (!parse_count(text, max, &v, &over)) {
      *why = over ? absl::StrFormat("over the largest number of %s allowed, %d", what, max)
                  : absl::StrFormat("not a whole number of %s", what);
      return std::nullopt;
    }
    return v;
  }

 private:
  struct Pending {
    int column;
    MappingOutcome outcome;
    std::string value;
    std::string note;
  };
  const ListingTable& table_;
  TableSpec spec_;
  MappingReport* report_;
  uint8_t id_ = 0;
  std::vector<int> slot_column_;
  std::vector<int> virtual_column_;
  size_t row_ = 0;
  bool rejected_ = false;
  std::vector<Pending> pending_;
};

HallKind kind_from_name(std::string_view name) {
  if (name.find("便民服务") != std::string_view::npos) return HallKind::kTownship;
  if (name.find("分中心") != std::string_view::npos) return HallKind::kSubcentre;
  return HallKind::kCentre;
}

// A matter while its rows are read.
struct Draft {
  Matter matter;
  int64_t basic_line = 0;
  bool has_extend = false;
  bool fee_flag = false;        // is_fee says it charges
  bool fee_flag_known = false;  // is_fee was given
  int64_t fee_rows = 0;
  bool tolerant_known = false;
  std::vector<HallIndex> halls;  // also before departments are known
  // The periods of the extend row, with the slot of their start (kept once
  // the matter's fee and channels are known).
  std::vector<std::pair<int, FieldPeriod>> periods;
  int64_t extend_line = 0;
  absl::flat_hash_map<MaterialIndex, int64_t> material_line;  // where each material was listed
};

}  // namespace

// ---- import -----------------------------------------------------------------

absl::StatusOr<ListingImport> import_listing(const ListingInput& input, const ListingOptions& options,
                                             std::vector<Problem>* problems_out) {
  std::vector<Problem> problems;
  const auto fail = [&](std::string summary) -> absl::Status {
    std::vector<std::string> lines;
    for (size_t i = 0; i < problems.size() && i < 1000; ++i) {
      lines.push_back(absl::StrCat(problems[i].path, ": ", problems[i].message));
    }
    std::string message = absl::StrCat(summary, problems.empty() ? "" : ":\n  ", absl::StrJoin(lines, "\n  "));
    if (problems.size() > 1000) absl::StrAppend(&message, "\n  … and ", problems.size() - 1000, " more");
    if (problems_out) *problems_out = problems;
    return absl::InvalidArgumentError(message);
  };
  const ListingTable* basic_table = input.table(ListingTableKind::kBasic);
  if (basic_table == nullptr) {
    problems.push_back({"basic", "no basic table (基本信息): it holds the matters"});
    return fail("the listing cannot be imported");
  }
  MappingReport report;
  int64_t rejected_rows = 0;
  int64_t not_understood = 0;

  // Every table's header first: a required column missing fails the import.
  std::optional<Reader> readers[kListingTableCount];
  for (int k = 0; k < kListingTableCount; ++k) {
    const ListingTable* t = input.tables[k] ? &*input.tables[k] : nullptr;
    if (t == nullptr) continue;
    readers[k].emplace(*t, static_cast<ListingTableKind>(k), &report);
    for (const std::string& missing : readers[k]->missing_required()) {
      problems.push_back({absl::StrCat(t->file, " row 1"), absl::StrCat("no column ", missing)});
    }
  }
  if (!problems.empty()) return fail("the listing cannot be imported");

  CatalogData data;
  data.name = options.name;
  absl::flat_hash_map<std::string, HallIndex> hall_by_id;
  absl::flat_hash_map<std::string, HallIndex> hall_by_text;  // names and addresses
  absl::flat_hash_map<std::string, DepartmentIndex> dept_by_id;
  std::vector<bool> dept_from_table;
  absl::flat_hash_map<std::string, MaterialIndex> material_by_id;
  absl::flat_hash_map<std::string, MaterialIndex> material_by_key;  // name + source
  std::vector<bool> material_from_table;

  const auto end_row = [&](Reader& r) { r.end(&problems, &rejected_rows, &not_understood); };

  // onetrip's halls.
  if (auto& r = readers[static_cast<int>(ListingTableKind::kHalls)]) {
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (!r->reject_broken(i)) {
        Hall h{std::string(r->cell(H_ID)), std::string(r->cell(H_NAME)), std::string(r->cell(H_ADDRESS)),
               HallKind::kCentre};
        if (h.id.empty()) r->reject(H_ID, "blank: a hall needs an id");
        if (h.name.empty()) r->reject(H_NAME, "blank: a hall needs a name");
        if (!r->rejected() && hall_by_id.count(h.id)) r->reject(H_ID, "a hall with this id is already listed");
        if (!r->rejected()) {
          r->mapped(H_ID);
          r->mapped(H_NAME);
          if (h.address.empty())
            r->defaulted(H_ADDRESS, "blank: no address");
          else
            r->mapped(H_ADDRESS);
          h.kind = static_cast<HallKind>(
              *r->code(H_KIND, kHallKind, static_cast<int>(kind_from_name(h.name)),
                       "blank: from the name (便民服务 township, 分中心 subcentre, else centre)"));
          const HallIndex index = static_cast<HallIndex>(data.halls.size());
          hall_by_id.emplace(h.id, index);
          hall_by_text.emplace(h.name, index);
          if (!h.address.empty()) hall_by_text.emplace(h.address, index);
          data.halls.push_back(std::move(h));
        }
      }
      end_row(*r);
    }
  }
  const auto hall_for_text = [&](std::string_view text) -> HallIndex {
    const std::string key(text);
    if (auto it = hall_by_text.find(key); it != hall_by_text.end()) return it->second;
    if (auto it = hall_by_id.find(key); it != hall_by_id.end()) return it->second;
    std::string id(text);
    while (hall_by_id.count(id)) absl::StrAppend(&id, "+");
    const HallIndex index = static_cast<HallIndex>(data.halls.size());
    data.halls.push_back({id, std::string(text), std::string(text), kind_from_name(text)});
    hall_by_id.emplace(id, index);
    hall_by_text.emplace(std::string(text), index);
    return index;
  };

  // onetrip's departments.
  if (auto& r = readers[static_cast<int>(ListingTableKind::kDepartments)]) {
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (!r->reject_broken(i)) {
        Department d{std::string(r->cell(D_CODE)), std::string(r->cell(D_NAME)), {}};
        if (d.id.empty()) r->reject(D_CODE, "blank: a department needs a code");
        if (d.name.empty()) r->reject(D_NAME, "blank: a department needs a name");
        if (!r->rejected() && dept_by_id.count(d.id))
          r->reject(D_CODE, "a department with this code is already listed");
        if (!r->rejected()) {
          for (std::string_view h : split_multi(r->cell(D_HALLS), "^", false)) {
            auto it = hall_by_id.find(std::string(h));
            if (it == hall_by_id.end()) {
              r->reject(D_HALLS, absl::StrCat("no hall \"", av(h), "\" in the halls table"));
              break;
            }
            if (std::find(d.halls.begin(), d.halls.end(), it->second) == d.halls.end()) d.halls.push_back(it->second);
          }
        }
        if (!r->rejected()) {
          r->mapped(D_CODE);
          r->mapped(D_NAME);
          if (d.halls.empty())
            r->defaulted(D_HALLS, "blank: the halls of its matters");
          else
            r->mapped(D_HALLS);
          dept_by_id.emplace(d.id, static_cast<DepartmentIndex>(data.departments.size()));
          dept_from_table.push_back(!d.halls.empty());
          data.departments.push_back(std::move(d));
        }
      }
      end_row(*r);
    }
  }

  // onetrip's materials with their defaults.
  const auto material_key = [](std::string_view name, MaterialSource source) {
    return absl::StrCat(av(name), "\x1f", static_cast<int>(source));
  };
  if (auto& r = readers[static_cast<int>(ListingTableKind::kMaterialDefs)]) {
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (!r->reject_broken(i)) {
        Material m;
        m.id = std::string(r->cell(MD_ID));
        m.name = std::string(r->cell(MD_NAME));
        if (m.id.empty()) r->reject(MD_ID, "blank: a material needs an id");
        if (m.name.empty()) r->reject(MD_NAME, "blank: a material needs a name");
        if (!r->rejected() && material_by_id.count(m.id)) r->reject(MD_ID, "a material with this id is already listed");
        if (!r->rejected()) {
          r->mapped(MD_ID);
          r->mapped(MD_NAME);
          m.original = *r->code(MD_TYPE, kMaterialType, 0, "blank: a copy, no original shown") != 0;
          m.form = static_cast<MaterialForm>(*r->code(MD_FORMAT, kFormat, 0, "blank: paper"));
          m.necessity = static_cast<Necessity>(*r->code(MD_IS_NEED, kNeed, 0, "blank: required (必要)"));
          m.source =
              static_cast<MaterialSource>(*r->code(MD_SOURCE, kSource, 0, "blank: the applicant's own (申请人自备)"));
          m.issuer = std::string(r->cell(MD_ISSUER));
          if (m.issuer.empty())
            r->defaulted(MD_ISSUER, "blank: no issuer");
          else
            r->mapped(MD_ISSUER);
          m.shared = r->flag(MD_SHARED);
          m.condition = std::string(r->cell(MD_CONDITION));
          if (m.condition.empty())
            r->defaulted(MD_CONDITION, "blank: always applies");
          else
            r->mapped(MD_CONDITION);
          m.applies_by_default = r->flag(MD_DEFAULT, true);
          const MaterialIndex index = static_cast<MaterialIndex>(data.materials.size());
          material_by_id.emplace(m.id, index);
          material_by_key.emplace(material_key(m.name, m.source), index);
          material_from_table.push_back(true);
          data.materials.push_back(std::move(m));
        }
      }
      end_row(*r);
    }
  }

  // The basic table: one matter per row.
  std::vector<Draft> drafts;
  absl::flat_hash_map<std::string, size_t> draft_by_code;
  absl::flat_hash_map<std::string, int64_t> rejected_codes;  // code → its basic line
  {
    Reader& r = *readers[static_cast<int>(ListingTableKind::kBasic)];
    r.absent(B_HANDLE_TYPE, "no column: no postal application (快递申请) for any matter");
    r.absent(B_LIMIT_SCENE_NUM, "no column: no declared trips to audit");
    r.absent(B_ANTICIPATE_DAY, "no column: no legal limits");
    for (size_t i = 0; i < r.rows(); ++i) {
      r.begin(i);
      Draft d;
      d.basic_line = r.line(i);
      Matter& m = d.matter;
      if (r.reject_broken(i)) {
        end_row(r);
        continue;
      }
      m.code = std::string(r.cell(B_TASK_CODE));
      m.name = std::string(r.cell(B_TASK_NAME));
      if (m.code.empty()) {
        r.reject(B_TASK_CODE, "blank: a matter needs its implementation code");
      } else if (auto it = draft_by_code.find(m.code); it != draft_by_code.end()) {
        r.reject(B_TASK_CODE, absl::StrCat("duplicate task code: already at row ", drafts[it->second].basic_line));
      } else if (auto it2 = rejected_codes.find(m.code); it2 != rejected_codes.end()) {
        r.reject(B_TASK_CODE, absl::StrCat("duplicate task code: already at row ", it2->second));
      } else {
        r.mapped(B_TASK_CODE);
      }
      if (m.name.empty())
        r.reject(B_TASK_NAME, "blank: a matter needs a name");
      else
        r.mapped(B_TASK_NAME);
      if (r.has(B_CATALOG_CODE)) r.defaulted(B_CATALOG_CODE, "not kept: onetrip identifies a matter by task_code");
      if (auto kind = r.code(B_TASK_TYPE, kTaskType, 0, "", true)) m.kind = static_cast<MatterKind>(*kind);
      if (auto pt = r.code(B_PROJECT_TYPE, kProjectType, 0, "", true)) m.project_type = static_cast<ProjectType>(*pt);
      // Department.
      const std::string dept_name(r.cell(B_DEPT_NAME));
      std::string dept_id(r.cell(B_DEPT_CODE));
      if (dept_name.empty()) {
        r.reject(B_DEPT_NAME, "blank: a matter needs its implementing body (实施主体)");
      } else {
        r.mapped(B_DEPT_NAME);
        if (dept_id.empty()) {
          dept_id = dept_name;
          if (r.has(B_DEPT_CODE)) r.defaulted(B_DEPT_CODE, "blank: the department is identified by its name");
        } else {
          r.mapped(B_DEPT_CODE);
        }
      }
      // Limits.
      std::string why;
      const auto legal = r.count(B_ANTICIPATE_DAY, internal::kMaxDays, "days", &why);
      if (!why.empty()) {
        r.reject(B_ANTICIPATE_DAY, why);
      } else if (legal) {
        r.mapped(B_ANTICIPATE_DAY);
      } else {
        r.defaulted(B_ANTICIPATE_DAY, "blank: no legal limit");
      }
      const auto legal_unit = r.code(B_ANTICIPATE_TYPE, kUnit, 0, "blank: working days", false);
      const auto promised = r.count(B_PROMISE_DAY, internal::kMaxDays, "days", &why);
      bool ok = why.empty();
      if (!ok) {
        r.reject(B_PROMISE_DAY, why);
      } else if (promised) {
        r.mapped(B_PROMISE_DAY);
      } else {
        r.defaulted(B_PROMISE_DAY, "blank: 0 days");
      }
      const auto promised_unit = r.code(B_PROMISE_TYPE, kUnit, 0, "blank: working days", false);
      // A limit in months has a bound of its own (a unit code not understood
      // falls back to working days, checked above).
      const auto over_months = [&](int slot, const std::optional<int32_t>& days, std::optional<int> unit) {
        if (!days || static_cast<LimitUnit>(*unit) != LimitUnit::kMonths || *days <= internal::kMaxMonths) {
          return false;
        }
        r.reject(slot, absl::StrFormat("over the largest number of months allowed, %d", internal::kMaxMonths));
        return true;
      };
      if (legal && !over_months(B_ANTICIPATE_DAY, legal, legal_unit)) {
        m.legal_limit = Limit{*legal, static_cast<LimitUnit>(*legal_unit)};
      }
      if (over_months(B_PROMISE_DAY, promised, promised_unit)) ok = false;
      m.promised_limit = Limit{ok ? promised.value_or(0) : 0, static_cast<LimitUnit>(*promised_unit)};
      if (m.project_type == ProjectType::kImmediate && m.promised_limit.value > 0) {
        r.reject(B_PROMISE_DAY, "an immediate matter (即办件) promises no days");
      } else if (m.project_type == ProjectType::kPromised && promised.value_or(0) == 0 && ok) {
        r.reject(B_PROMISE_DAY, "a promised matter (承诺件) promises more than 0 days");
      } else if (m.legal_limit && m.legal_limit->unit == m.promised_limit.unit &&
                 m.promised_limit.value > m.legal_limit->value) {
        r.reject(B_PROMISE_DAY,
                 absl::StrFormat("the promise is longer than the legal limit of %d", m.legal_limit->value));
      }
      // Special procedures: "name" or "name:days", separated by ; ； 、.
      const std::string_view special = r.cell(B_SPECIAL);
      if (special.empty() || special == "无") {
        r.defaulted(B_SPECIAL, "blank: none");
      } else {
        bool all_days = true;
        bool bad = false;
        int64_t total = 0;
        for (std::string_view part : split_multi(special, ";")) {
          SpecialProcedure p;
          size_t colon = part.rfind(':');
          size_t skip = 1;
          if (const size_t wide = part.rfind("：");
              wide != std::string_view::npos && (colon == std::string_view::npos || wide > colon)) {
            colon = wide;
            skip = 3;
          }
          if (colon == std::string_view::npos) {
            p.name = std::string(part);
            all_days = false;
          } else {
            p.name = std::string(trim(part.substr(0, colon)));
            std::string_view days = trim(part.substr(colon + skip));
            consume_suffix(&days, "个工作日");
            bool over = false;
            if (!parse_count(days, internal::kMaxDays, &p.days, &over)) bad = true;
            total += p.days;
          }
          p.kind = special_kind_named(p.name);
          m.special_procedures.push_back(std::move(p));
        }
        if (bad || total > internal::kMaxDays) {
          m.special_procedures.clear();
          r.not_understood(B_SPECIAL, absl::StrFormat("a procedure's days are not a whole number (\"专家评审:10\") or "
                                                      "the procedures take over %d days together: none kept",
                                                      internal::kMaxDays));
        } else if (!all_days) {
          r.derived(B_SPECIAL, "a procedure without its days (\"专家评审:10\") counts 0 days");
        } else {
          r.mapped(B_SPECIAL);
        }
      }
      // Fee flag (the amounts are in the fee table).
      if (!r.cell(B_IS_FEE).empty()) {
        d.fee_flag_known = true;
        d.fee_flag = r.flag(B_IS_FEE);
      } else {
        r.defaulted(B_IS_FEE, "blank: the fee table decides");
      }
      // Handling forms: postal application.
      if (r.has(B_HANDLE_TYPE)) {
        int bits = 0;
        bool bad = false;
        for (std::string_view part : split_multi(r.cell(B_HANDLE_TYPE), ",^")) {
          if (auto v = lookup(kHandle, part))
            bits |= *v;
          else
            bad = true;
        }
        m.postal_application = (bits & kPostal) != 0;
        if (bad) {
          r.not_understood(B_HANDLE_TYPE,
                           absl::StrCat("a value is not a known code (ignored); accepted: ", accepted(kHandle)));
        } else if (bits == 0) {
          r.defaulted(B_HANDLE_TYPE, "blank: no postal application");
        } else {
          r.mapped(B_HANDLE_TYPE);
        }
      }
      // Declared trips.
      const auto declared = r.count(B_LIMIT_SCENE_NUM, internal::kMaxDeclaredTrips, "trips", &why);
      if (!why.empty()) {
        r.not_understood(B_LIMIT_SCENE_NUM, absl::StrCat(why, ": nothing declared"));
      } else if (declared) {
        m.declared_trips = *declared;
        r.mapped(B_LIMIT_SCENE_NUM);
      } else {
        r.defaulted(B_LIMIT_SCENE_NUM, "blank: nothing declared");
      }
      m.personal_presence = std::string(r.cell(B_LIMIT_SCENE_EXPLAIN));
      if (m.personal_presence == "无") m.personal_presence.clear();
      if (m.personal_presence.empty()) {
        r.defaulted(B_LIMIT_SCENE_EXPLAIN, "blank: no statutory personal presence");
      } else {
        r.mapped(B_LIMIT_SCENE_EXPLAIN);
      }
      // Effective date.
      if (std::string_view eff = r.cell(B_EFFECTIVE); !eff.empty()) {
        eff = eff.substr(0, 10);  // "2017-07-01 00:00:00" exports
        auto date = parse_date(eff);
        if (date.ok()) {
          m.effective_from = *date;
          r.mapped(B_EFFECTIVE);
        } else {
          r.not_understood(B_EFFECTIVE, "not a date YYYY-MM-DD that exists: no effective date");
        }
      } else {
        r.defaulted(B_EFFECTIVE, "blank: no effective date");
      }
      m.note = std::string(r.cell(B_NOTE));
      if (m.note.empty())
        r.defaulted(B_NOTE, "blank: no note");
      else
        r.mapped(B_NOTE);
      m.effective_until = r.until(B_EFFECTIVE_UNTIL, m.effective_from, "in force with no end");
      // Halls: onetrip's hall ids, else the addresses.
      const bool hall_table = readers[static_cast<int>(ListingTableKind::kHalls)].has_value();
      if (r.has(B_HALLS) && !r.cell(B_HALLS).empty() && !hall_table) {
        r.defaulted(B_HALLS, "not used without the onetrip_halls table: the halls come from transact_addr");
      }
      if (r.has(B_HALLS) && !r.cell(B_HALLS).empty() && hall_table) {
        for (std::string_view h : split_multi(r.cell(B_HALLS), "^", false)) {
          auto it = hall_by_id.find(std::string(h));
          if (it == hall_by_id.end()) {
            r.reject(B_HALLS, absl::StrCat("no hall \"", av(h), "\" in the halls table"));
            break;
          }
          if (std::find(d.halls.begin(), d.halls.end(), it->second) == d.halls.end()) d.halls.push_back(it->second);
        }
        if (!r.rejected()) r.mapped(B_HALLS);
        r.defaulted(B_TRANSACT_ADDR, "not used: onetrip_halls names the halls");
      } else if (!r.cell(B_TRANSACT_ADDR).empty()) {
        if (!r.rejected()) {
          for (std::string_view a : split_multi(r.cell(B_TRANSACT_ADDR), "^;")) {
            const HallIndex h = hall_for_text(a);
            if (std::find(d.halls.begin(), d.halls.end(), h) == d.halls.end()) d.halls.push_back(h);
          }
        }
        r.mapped(B_TRANSACT_ADDR);
      } else {
        r.derived(B_TRANSACT_ADDR, "blank: the halls of its department");
      }
      if (!r.rejected()) {
        // The department, made when first named.
        auto it = dept_by_id.find(dept_id);
        if (it == dept_by_id.end()) {
          it = dept_by_id.emplace(dept_id, static_cast<DepartmentIndex>(data.departments.size())).first;
          data.departments.push_back({dept_id, dept_name, {}});
          dept_from_table.push_back(false);
        } else if (data.departments[it->second].name != dept_name) {
          r.not_understood(B_DEPT_NAME,
                           absl::StrCat("department ", dept_id, " is named \"", data.departments[it->second].name,
                                        "\" elsewhere: that name kept"));
        }
        m.department = it->second;
        draft_by_code.emplace(m.code, drafts.size());
        drafts.push_back(std::move(d));
      } else if (!m.code.empty() && !draft_by_code.count(m.code)) {
        rejected_codes.emplace(m.code, r.line(i));
      }
      end_row(r);
    }
  }
  // A rejected matter's other rows are rejected with it; rows of a matter the
  // basic table lacks are rejected as such.
  const auto find_draft = [&](Reader& r, int slot) -> Draft* {
    const std::string code(r.cell(slot));
    if (code.empty()) {
      r.reject(slot, "blank: the row names no matter");
      return nullptr;
    }
    if (auto it = draft_by_code.find(code); it != draft_by_code.end()) {
      r.mapped(slot);
      return &drafts[it->second];
    }
    if (auto it = rejected_codes.find(code); it != rejected_codes.end()) {
      r.reject(slot, absl::StrCat("its matter was rejected at basic row ", it->second));
    } else {
      r.reject(slot, "no matter with this task code in the basic table");
    }
    return nullptr;
  };

  // The extended table.
  if (auto& r = readers[static_cast<int>(ListingTableKind::kExtend)]) {
    r->absent(E_IS_EXPRESS, "no column: no express delivery for any matter");
    r->absent(E_IS_ONLINE, "no column: no online application for any matter");
    r->absent(E_IS_PAY_ONLINE, "no column: no online payment for any matter");
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (r->reject_broken(i)) {
        end_row(*r);
        continue;
      }
      Draft* d = find_draft(*r, E_TASK_CODE);
      if (d != nullptr && d->has_extend) {
        r->reject(E_TASK_CODE, "a second extend row for this matter");
        d = nullptr;
      }
      if (d != nullptr) {
        Matter& m = d->matter;
        d->has_extend = true;
        m.express_delivery = r->flag(E_IS_EXPRESS);
        const bool online = r->flag(E_IS_ONLINE);
        m.online_payment = r->flag(E_IS_PAY_ONLINE);
        int deepest = 0;
        bool licence = false;
        bool bad = false;
        for (std::string_view part : split_multi(r->cell(E_DEPTH), "^,")) {
          auto v = lookup(kDepth, part);
          if (!v) {
            bad = true;
            continue;
          }
          if (*v == 7)
            licence = true;
          else
            deepest = std::max(deepest, *v);
        }
        m.electronic_licence = licence;
        if (!online) {
          m.online = OnlineApplication::kNone;
        } else if (deepest >= 4) {
          m.online = OnlineApplication::kFull;
        } else {
          m.online = OnlineApplication::kPreReview;
        }
        if (bad) {
          r->not_understood(E_DEPTH,
                            absl::StrCat("a level is not a known code (ignored); accepted: ", accepted(kDepth)));
        } else if (r->cell(E_DEPTH).empty()) {
          r->defaulted(E_DEPTH,
                       online ? "blank: online pre-review (网办 without a depth)" : "blank: no online application");
        } else if (!online && deepest > 1) {
          r->not_understood(E_DEPTH, "a depth beyond 互联网咨询 while is_online is 否: no online application");
        } else {
          r->mapped(E_DEPTH);
        }
        if (r->has(E_FEE_KIND)) {
          m.fee_kind = static_cast<FeeKind>(*r->code(E_FEE_KIND, kFeeKind, 0, "blank: fixed"));
        }
        if (r->has(E_TOLERANT)) {
          d->tolerant_known = true;
          m.tolerant_acceptance = r->flag(E_TOLERANT);
        }
        if (r->has(E_SITE)) {
          std::string why;
          const auto days = r->count(E_SITE, internal::kMaxDays, "days", &why);
          if (!why.empty()) {
            r->not_understood(E_SITE, absl::StrCat(why, ": no site inspection"));
          } else if (days) {
            m.site_inspection_days = *days;
            r->mapped(E_SITE);
          } else {
            r->defaulted(E_SITE, "blank: no site inspection");
          }
        }
        for (int f = 0; f < kDatedFieldCount; ++f) {
          const int from_slot = E_PERIODS + 2 * f;
          const auto from = r->date(from_slot, "no start");
          const auto until = r->until(from_slot + 1, from, "no end");
          if (from || until) {
            d->periods.push_back(
                {from ? from_slot : from_slot + 1, {static_cast<DatedField>(f), Validity{from, until}}});
          }
        }
        d->extend_line = r->line(i);
      }
      end_row(*r);
    }
  }

  // The material table.
  if (auto& r = readers[static_cast<int>(ListingTableKind::kMaterials)]) {
    r->absent(M_TYPE, "no column: no original shown for any material");
    r->absent(M_IS_NEED, "no column: every material required (必要)");
    r->absent(M_SOURCE, "no column: every material the applicant's own (申请人自备)");
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (r->reject_broken(i)) {
        end_row(*r);
        continue;
      }
      Draft* d = find_draft(*r, M_TASK_CODE);
      const std::string name(r->cell(M_NAME));
      if (name.empty())
        r->reject(M_NAME, "blank: a material needs a name");
      else
        r->mapped(M_NAME);
      MaterialUse use;
      use.original = *r->code(M_TYPE, kMaterialType, 0, "blank: a copy, no original shown") != 0;
      use.form = static_cast<MaterialForm>(*r->code(M_FORMAT, kFormat, 0, "blank: paper"));
      use.necessity = static_cast<Necessity>(*r->code(M_IS_NEED, kNeed, 0, "blank: required (必要)"));
      const auto source =
          static_cast<MaterialSource>(*r->code(M_SOURCE, kSource, 0, "blank: the applicant's own (申请人自备)"));
      const std::string issuer(r->cell(M_SOURCE_EXPLAIN));
      if (issuer.empty())
        r->defaulted(M_SOURCE_EXPLAIN, "blank: no issuer");
      else
        r->mapped(M_SOURCE_EXPLAIN);
      use.condition = std::string(r->cell(M_FILL_EXPLAIN));
      if (use.condition.empty())
        r->defaulted(M_FILL_EXPLAIN, "blank: always applies");
      else
        r->mapped(M_FILL_EXPLAIN);
      use.applies_by_default = r->has(M_DEFAULT) ? r->flag(M_DEFAULT, true) : true;
      use.validity.from = r->date(M_EFFECTIVE_FROM, "asked for from the matter's first day");
      use.validity.until = r->until(M_EFFECTIVE_UNTIL, use.validity.from, "asked for until the matter's last day");
      // The material: by onetrip's id, else interned by name and source.
      std::optional<MaterialIndex> index;
      const std::string id(r->cell(M_ID));
      if (!r->rejected() && d != nullptr) {
        if (!id.empty()) {
          if (auto it = material_by_id.find(id); it != material_by_id.end()) {
            index = it->second;
            r->mapped(M_ID);
          } else if (readers[static_cast<int>(ListingTableKind::kMaterialDefs)]) {
            r->reject(M_ID, "no material with this id in the materials table");
          }
        } else {
          r->defaulted(M_ID, "blank: interned by name and source");
        }
        if (!index && !r->rejected()) {
          const std::string key = material_key(name, source);
          if (auto it = material_by_key.find(key); it != material_by_key.end() && id.empty()) {
            index = it->second;
          } else {
            Material m;
            m.id = id;
            if (m.id.empty()) {
              m.id = source == MaterialSource::kApplicant
                         ? name
                         : absl::StrCat(name, "（",
                                        write_code(kSource, static_cast<int>(source), ListingCodes::kLabels), "）");
              while (material_by_id.count(m.id)) absl::StrAppend(&m.id, "+");
            }
            m.name = name;
            m.form = use.form;
            m.original = use.original;
            m.source = source;
            m.issuer = issuer;
            m.necessity = use.necessity;
            m.condition = use.condition;
            m.applies_by_default = use.applies_by_default;
            index = static_cast<MaterialIndex>(data.materials.size());
            material_by_id.emplace(m.id, *index);
            material_by_key.emplace(key, *index);
            material_from_table.push_back(false);
            data.materials.push_back(std::move(m));
          }
        }
        if (index) {
          if (auto it = d->material_line.find(*index); it != d->material_line.end()) {
            r->reject(M_NAME, absl::StrCat("the matter lists this material already at row ", it->second));
          } else {
            d->material_line.emplace(*index, r->line(i));
            use.material = *index;
            d->matter.materials.push_back(std::move(use));
          }
        }
      }
      end_row(*r);
    }
  }

  // The fee table.
  if (auto& r = readers[static_cast<int>(ListingTableKind::kFees)]) {
    for (size_t i = 0; i < r->rows(); ++i) {
      r->begin(i);
      if (r->reject_broken(i)) {
        end_row(*r);
        continue;
      }
      Draft* d = find_draft(*r, F_TASK_CODE);
      if (r->has(F_NAME)) r->defaulted(F_NAME, "not kept: onetrip keeps the total fee");
      std::string_view stand = r->cell(F_STAND);
      consume_suffix(&stand, "元");
      stand = trim(stand);
      const auto fen = parse_yuan(stand);
      if (!fen) {
        r->reject(F_STAND, "not yuan with at most two decimals (\"200\", \"12.50\")");
      } else if (d != nullptr) {
        if (d->fee_flag_known && !d->fee_flag) {
          r->not_understood(F_STAND, "is_fee says the matter charges no fee: not counted");
        } else if (*fen > internal::kMaxFeeFen - d->matter.fee_fen) {
          r->reject(F_STAND, "the matter's fees add up past a trillion yuan, the largest fee of a catalogue");
        } else {
          d->matter.fee_fen += *fen;
          ++d->fee_rows;
          r->mapped(F_STAND);
        }
      }
      end_row(*r);
    }
  }

  // What each matter lacked, and the defaults derived from the whole listing.
  const Reader* extend_reader = readers[1] ? &*readers[1] : nullptr;
  uint8_t extend_id = 0;
  if (extend_reader == nullptr) {
    extend_id = report.add_table("extend", {"task_code"});
    report.add(extend_id, 0, -1, MappingOutcome::kDefaulted, "",
               "no extend table: no express delivery, online application or online payment for any matter");
  } else {
    extend_id = extend_reader->id();
  }
  Reader& basic = *readers[0];
  for (Draft& d : drafts) {
    Matter& m = d.matter;
    if (extend_reader != nullptr && !d.has_extend) {
      report.add(extend_id, 0, extend_reader->column_of(E_TASK_CODE), MappingOutcome::kDefaulted, m.code,
                 "no extend row for this matter: no express delivery, online application or online payment");
    }
    if (d.fee_flag_known && d.fee_flag && d.fee_rows == 0) {
      report.add(basic.id(), d.basic_line, basic.column_of(B_IS_FEE), MappingOutcome::kNotUnderstood, m.code,
                 "is_fee says the matter charges a fee but no fee row gives it: fee 0");
      problems.push_back(basic.problem(d.basic_line, basic.column_of(B_IS_FEE), m.code,
                                       "is_fee says the matter charges a fee but no fee row gives it: fee 0"));
      ++not_understood;
    }
    if (!d.tolerant_known) {
      m.tolerant_acceptance = std::any_of(m.materials.begin(), m.materials.end(),
                                          [](const MaterialUse& u) { return u.necessity == Necessity::kTolerable; });
    }
    // A period dates what the matter charges or offers; one of nothing is dropped.
    for (auto& [slot, period] : d.periods) {
      if (internal::offers(m, period.field)) {
        m.periods.push_back(std::move(period));
        continue;
      }
      const std::string note =
          absl::StrFormat("a period for %s, which the matter does not %s: dropped", to_string(period.field),
                          period.field == DatedField::kFee ? "charge" : "offer");
      const int column = extend_reader->column_of(slot);
      report.add(extend_id, d.extend_line, column, MappingOutcome::kNotUnderstood, m.code, note);
      problems.push_back(extend_reader->problem(d.extend_line, column, m.code, note));
      ++not_understood;
    }
    m.halls = d.halls;
    Department& dept = data.departments[m.department];
    if (!dept_from_table[m.department]) {
      for (HallIndex h : m.halls) {
        if (std::find(dept.halls.begin(), dept.halls.end(), h) == dept.halls.end()) dept.halls.push_back(h);
      }
    }
  }
  for (size_t k = 0; k < data.departments.size(); ++k) {
    Department& dept = data.departments[k];
    if (dept.halls.empty()) {
      // No address anywhere: a hall named after the department's window.
      const HallIndex h = hall_for_text(absl::StrCat(dept.name, "窗口"));
      dept.halls.push_back(h);
      report.add(basic.id(), 0, basic.column_of(B_TRANSACT_ADDR), MappingOutcome::kDefaulted, dept.name,
                 absl::StrCat("no 办理地点 for any matter of this department: a hall \"", dept.name, "窗口\""));
    }
  }
  for (Draft& d : drafts) {
    if (d.matter.halls.empty()) d.matter.halls = data.departments[d.matter.department].halls;
    data.matters.push_back(std::move(d.matter));
  }
  if (options.strict && (rejected_rows > 0 || not_understood > 0)) {
    if (problems_out) *problems_out = problems;
    return fail(absl::StrFormat("the listing has %d rejected row%s and %d value%s not understood (strict)",
                                rejected_rows, rejected_rows == 1 ? "" : "s", not_understood,
                                not_understood == 1 ? "" : "s"));
  }
  if (data.matters.empty()) {
    problems.push_back({absl::StrCat(basic.file()), "no row forms a matter"});
    return fail("the listing holds no matter");
  }
  std::vector<Problem> catalog_problems;
  auto catalog = Catalog::from_data(std::move(data), &catalog_problems);
  if (!catalog.ok()) {
    for (Problem& p : catalog_problems) problems.push_back(std::move(p));
    return fail("the listing does not form a valid catalogue");
  }
  if (problems_out) *problems_out = problems;
  return ListingImport{*std::move(catalog), std::move(report), rejected_rows};
}

// ---- write --------------------------------------------------------------------

namespace {

ListingTable start_table(ListingTableKind kind) {
  ListingTable t;
  t.file = absl::StrCat(to_string(kind), ".csv");
  const TableSpec& spec = kSpecs[static_cast<int>(kind)];
  for (size_t s = 0; s < spec.count; ++s) t.header.emplace_back(spec.columns[s].name);
  return t;
}

std::string limit_unit(const Limit& l, ListingCodes codes) {
  return write_code(kUnit, static_cast<int>(l.unit), codes);
}

std::string date_cell(const std::optional<Date>& d) { return d ? format_date(*d) : ""; }

}  // namespace

std::vector<Problem> listing_unwritable(const Catalog& catalog) {
  using internal::json_path;
  std::vector<Problem> out;
  // Every cell is trimmed when read: text with blanks around it comes back without.
  const auto text = [&](const std::string& path, std::string_view owner, std::string_view value) {
    if (trim(value).size() != value.size()) {
      out.push_back({path, absl::StrCat(av(owner), ": \"", av(value),
                                        "\" has blanks around it, which every cell of the tables drops")});
    }
  };
  const auto at = [](const std::string& parent, std::string_view key) { return json_path(parent, key); };
  for (size_t i = 0; i < catalog.halls().size(); ++i) {
    const Hall& h = catalog.halls()[i];
    const std::string where = json_path("$.halls", i);
    const std::string owner = absl::StrCat("hall ", h.id);
    text(at(where, "id"), owner, h.id);
    if (h.id.find('^') != std::string::npos) {
      out.push_back({at(where, "id"), absl::StrCat(owner,
                                                   ": the id holds \"^\", which separates the hall ids of "
                                                   "onetrip_halls and the departments' halls")});
    }
    text(at(where, "name"), owner, h.name);
    text(at(where, "address"), owner, h.address);
  }
  for (size_t i = 0; i < catalog.departments().size(); ++i) {
    const Department& d = catalog.departments()[i];
    const std::string where = json_path("$.departments", i);
    const std::string owner = absl::StrCat("department ", d.id);
    text(at(where, "id"), owner, d.id);
    text(at(where, "name"), owner, d.name);
  }
  for (size_t i = 0; i < catalog.materials().size(); ++i) {
    const Material& m = catalog.materials()[i];
    const std::string where = json_path("$.materials", i);
    const std::string owner = absl::StrCat("material ", m.id);
    text(at(where, "id"), owner, m.id);
    text(at(where, "name"), owner, m.name);
    text(at(where, "issuer"), owner, m.issuer);
    text(at(where, "condition"), owner, m.condition);
  }
  for (size_t i = 0; i < catalog.matters().size(); ++i) {
    const Matter& m = catalog.matters()[i];
    const std::string where = json_path("$.matters", i);
    const std::string owner = absl::StrCat("matter ", m.code);
    text(at(where, "code"), owner, m.code);
    text(at(where, "name"), owner, m.name);
    text(at(where, "personal_presence"), owner, m.personal_presence);
    if (m.personal_presence == "无") {
      out.push_back({at(where, "personal_presence"),
                     absl::StrCat(owner, ": \"无\" is read as no statutory personal presence (limit_scene_explain)")});
    }
    text(at(where, "note"), owner, m.note);
    for (size_t j = 0; j < m.special_procedures.size(); ++j) {
      const std::string name = at(json_path(at(where, "special_procedures"), j), "name");
      const std::string& text_of = m.special_procedures[j].name;
      text(name, owner, text_of);
      for (const char* claimed : {";", "；", "，", "、", ":", "："}) {
        if (text_of.find(claimed) != std::string::npos) {
          out.push_back(
              {name, absl::StrCat(owner, ": the special procedure \"", text_of, "\" holds \"", claimed,
                                  "\", which the special_procedure cell (名称:天数;…) reads as a separator")});
          break;
        }
      }
      // The cell holds the name and days only: the kind comes back as the name's, and no basis.
      const SpecialProcedure& p = m.special_procedures[j];
      if (p.kind != special_kind_named(p.name) || !p.basis.empty()) {
        out.push_back({json_path(json_path(at(where, "special_procedures"), j), p.basis.empty() ? "kind" : "basis"),
                       absl::StrCat(owner, ": the special procedure \"", p.name, "\" has ",
                                    p.basis.empty() ? absl::StrCat("the kind ", to_string(p.kind), ", not its name's")
                                                    : "a basis",
                                    ", which the special_procedure cell (名称:天数) cannot hold")});
      }
    }
    for (size_t j = 0; j < m.materials.size(); ++j) {
      text(at(json_path(at(where, "materials"), j), "condition"), owner, m.materials[j].condition);
    }
  }
  return out;
}

absl::StatusOr<std::vector<ListingTable>> write_listing(const Catalog& catalog, ListingCodes codes,
                                                        std::vector<Problem>* problems) {
  if (std::vector<Problem> unwritable = listing_unwritable(catalog); !unwritable.empty()) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < unwritable.size() && i < 1000; ++i) {
      lines.push_back(absl::StrCat(unwritable[i].path, ": ", unwritable[i].message));
    }
    std::string message =
        absl::StrCat("the listing tables cannot hold the catalogue as it is:\n  ", absl::StrJoin(lines, "\n  "));
    if (unwritable.size() > 1000) absl::StrAppend(&message, "\n  … and ", unwritable.size() - 1000, " more");
    if (problems) *problems = std::move(unwritable);
    return absl::InvalidArgumentError(message);
  }
  if (problems) problems->clear();
  std::vector<ListingTable> out;
  for (int k = 0; k < kListingTableCount; ++k) out.push_back(start_table(static_cast<ListingTableKind>(k)));
  ListingTable& basic = out[0];
  ListingTable& extend = out[1];
  ListingTable& materials = out[2];
  ListingTable& fees = out[3];
  ListingTable& halls = out[4];
  ListingTable& departments = out[5];
  ListingTable& defs = out[6];
  const auto flag = [&](bool v) { return write_code(kFlag, v ? 1 : 0, codes); };
  const auto halls_of = [&](const std::vector<HallIndex>& list) {
    std::vector<std::string> ids;
    for (HallIndex h : list) ids.push_back(catalog.halls()[h].id);
    return absl::StrJoin(ids, "^");
  };
  for (const Hall& h : catalog.halls()) {
    halls.rows.push_back({h.id, h.name, h.address, to_string(h.kind)});
  }
  for (const Department& d : catalog.departments()) {
    departments.rows.push_back({d.id, d.name, halls_of(d.halls)});
  }
  for (const Material& m : catalog.materials()) {
    defs.rows.push_back({m.id, m.name, write_code(kMaterialType, m.original ? 1 : 0, codes),
                         write_code(kFormat, static_cast<int>(m.form), codes),
                         write_code(kNeed, static_cast<int>(m.necessity), codes),
                         write_code(kSource, static_cast<int>(m.source), codes), m.issuer, flag(m.shared), m.condition,
                         flag(m.applies_by_default)});
  }
  for (const Matter& m : catalog.matters()) {
    const Department& dept = catalog.departments()[m.department];
    std::vector<std::string> special;
    for (const SpecialProcedure& p : m.special_procedures) special.push_back(absl::StrCat(p.name, ":", p.days));
    std::string handle = write_code(kHandle, kWindow, codes);
    if (m.online != OnlineApplication::kNone) absl::StrAppend(&handle, ",", write_code(kHandle, kOnline, codes));
    if (m.postal_application) absl::StrAppend(&handle, ",", write_code(kHandle, kPostal, codes));
    std::vector<std::string> addresses;
    for (HallIndex h : m.halls) {
      const Hall& hall = catalog.halls()[h];
      addresses.push_back(hall.address.empty() ? hall.name : hall.address);
    }
    basic.rows.push_back({m.code,
                          m.name,
                          "",
                          write_code(kTaskType, static_cast<int>(m.kind), codes),
                          dept.id,
                          dept.name,
                          m.legal_limit ? absl::StrCat(m.legal_limit->value) : "",
                          limit_unit(m.legal_limit.value_or(Limit{}), codes),
                          absl::StrCat(m.promised_limit.value),
                          limit_unit(m.promised_limit, codes),
                          absl::StrJoin(special, ";"),
                          flag(m.fee_fen > 0),
                          write_code(kProjectType, static_cast<int>(m.project_type), codes),
                          handle,
                          m.declared_trips ? absl::StrCat(*m.declared_trips) : "",
                          m.personal_presence,
                          absl::StrJoin(addresses, "；"),
                          m.effective_from ? format_date(*m.effective_from) : "",
                          halls_of(m.halls),
                          m.note,
                          date_cell(m.effective_until)});
    std::vector<std::string> depth;
    const int deepest = m.online == OnlineApplication::kFull ? 6 : m.online == OnlineApplication::kPreReview ? 3 : 0;
    for (int level = 1; level <= deepest; ++level) depth.push_back(write_code(kDepth, level, codes));
    if (m.electronic_licence) depth.push_back(write_code(kDepth, 7, codes));
    std::vector<std::string> row = {m.code,
                                    flag(m.express_delivery),
                                    flag(m.online != OnlineApplication::kNone),
                                    flag(m.online_payment),
                                    absl::StrJoin(depth, "^"),
                                    to_string(m.fee_kind),
                                    flag(m.tolerant_acceptance),
                                    m.site_inspection_days ? absl::StrCat(*m.site_inspection_days) : ""};
    row.resize(E_COUNT);
    for (const FieldPeriod& p : m.periods) {
      const int slot = E_PERIODS + 2 * static_cast<int>(p.field);
      row[slot] = date_cell(p.validity.from);
      row[slot + 1] = date_cell(p.validity.until);
    }
    extend.rows.push_back(std::move(row));
    for (const MaterialUse& u : m.materials) {
      const Material& mat = catalog.materials()[u.material];
      materials.rows.push_back({m.code, mat.name, write_code(kMaterialType, u.original ? 1 : 0, codes),
                                write_code(kFormat, static_cast<int>(u.form), codes),
                                write_code(kNeed, static_cast<int>(u.necessity), codes),
                                write_code(kSource, static_cast<int>(mat.source), codes), mat.issuer, u.condition,
                                mat.id, flag(u.applies_by_default), date_cell(u.validity.from),
                                date_cell(u.validity.until)});
    }
    if (m.fee_fen > 0) fees.rows.push_back({m.code, "收费", format_yuan_compact(m.fee_fen)});
  }
  return out;
}

std::string listing_table_csv(const ListingTable& table) {
  std::string out;
  append_csv_record(&out, table.header);
  for (const auto& row : table.rows) append_csv_record(&out, row);
  return out;
}

// ---- audit --------------------------------------------------------------------

std::vector<ListingAuditRow> audit_listing(const Catalog& catalog) {
  std::vector<ListingAuditRow> out;
  const std::vector<Finding> findings = audit(catalog);
  size_t f = 0;
  const auto matters = catalog.matters();
  for (MatterIndex i = 0; i < matters.size(); ++i) {
    std::vector<std::string> messages;
    while (f < findings.size() && findings[f].matter == i) messages.push_back(findings[f++].message);
    if (messages.empty()) continue;
    const Matter& m = matters[i];
    ListingAuditRow row;
    row.matter = i;
    row.declared_trips = m.declared_trips.value_or(-1);
    const TripResult r = evaluate_trips(catalog, i);
    row.computed_trips = r.trips;
    row.overclaims = m.declared_trips && *m.declared_trips <= 1 && r.trips > *m.declared_trips;
    row.online = to_string(m.online);
    std::vector<std::string> reasons;
    for (const Trip& t : r.trip_list) {
      for (const Need& need : t.needs) reasons.push_back(describe(catalog, need));
    }
    row.reasons = absl::StrJoin(reasons, "; ");
    row.findings = absl::StrJoin(messages, "; ");
    out.push_back(std::move(row));
  }
  return out;
}

std::string listing_audit_csv(const Catalog& catalog) {
  std::string csv = "code,name,declared_trips,computed_trips,overclaims,online,reasons,findings\n";
  const auto matters = catalog.matters();
  for (const ListingAuditRow& r : audit_listing(catalog)) {
    absl::StrAppend(&csv, csv_field(matters[r.matter].code), ",", csv_field(matters[r.matter].name), ",",
                    r.declared_trips, ",", r.computed_trips, ",", r.overclaims ? "yes" : "no", ",", r.online, ",",
                    csv_field(r.reasons), ",", csv_field(r.findings), "\n");
  }
  return csv;
}

}  // namespace onetrip
