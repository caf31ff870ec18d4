#include "onetrip/format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "text_support.hpp"

namespace onetrip {

std::string format_yuan(int64_t fen) {
  // The magnitude as unsigned, so that INT64_MIN has one too.
  const uint64_t magnitude = fen < 0 ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  return absl::StrFormat("%s%d.%02d", fen < 0 ? "-" : "", magnitude / 100, magnitude % 100);
}

std::string format_yuan_compact(int64_t fen) {
  std::string text = format_yuan(fen);
  if (fen % 100 == 0) text.resize(text.size() - 3);
  return text;
}

std::optional<int64_t> parse_yuan(std::string_view text) {
  const size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view frac = dot == text.npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > kMaxYuanDigits || (dot != text.npos && (frac.empty() || frac.size() > 2))) {
    return std::nullopt;
  }
  // At most 15 + 2 digits: no overflow.
  int64_t fen = 0;
  for (char c : whole) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    fen = fen * 10 + (c - '0');
  }
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < frac.size() ? frac[i] : '0';
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    fen = fen * 10 + (c - '0');
  }
  return fen;
}

std::string format_month(YearMonth month) { return absl::StrFormat("%04d-%02d", month.year, month.month); }

absl::StatusOr<YearMonth> parse_month(std::string_view text) {
  const auto digits = [&](size_t from, size_t count, int* out) {
    *out = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) return false;
      *out = *out * 10 + (text[i] - '0');
    }
    return true;
  };
  YearMonth m;
  if (text.size() != 7 || text[4] != '-' || !digits(0, 4, &m.year) || !digits(5, 2, &m.month) || m.month < 1 ||
      m.month > 12 || m.year < 1400) {
    return absl::InvalidArgumentError(absl::StrCat("\"", internal::escape_invalid_utf8(text),
                                                   "\" is not a month YYYY-MM (years 1400-9999, months 01-12)"));
  }
  return m;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == text.npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void append_csv_record(std::string* out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) *out += ',';
    *out += csv_field(fields[i]);
  }
  *out += '\n';
}

namespace {

// The code point starting at text[i] and its length; a byte that does not
// start valid UTF-8 is itself, length 1.
std::pair<uint32_t, size_t> decode(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  size_t length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (length <= 1 || i + length > text.size()) return {b, 1};
  uint32_t cp = b & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {b, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, length};
}

// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth W and F),
// merged to the blocks a service report meets.
bool wide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
         (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

size_t display_width(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const auto [cp, length] = decode(utf8, i);
    width += wide(cp) ? 2 : 1;
    i += length;
  }
  return width;
}

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  std::vector<size_t> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = display_width(columns_[c].header);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out;
  const auto line = [&](const auto& cell_of) {
    std::string text;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const std::string& cell = cell_of(c);
      const std::string pad(widths[c] - display_width(cell), ' ');
      if (c > 0) text += "  ";
      text += columns_[c].align == Align::kLeft ? absl::StrCat(cell, pad) : absl::StrCat(pad, cell);
    }
    text.erase(text.find_last_not_of(' ') + 1);
    absl::StrAppend(&out, text, "\n");
  };
  line([&](size_t c) -> const std::string& { return columns_[c].header; });
  for (const auto& row : rows_) line([&](size_t c) -> const std::string& { return row[c]; });
  return out;
}

namespace {

// The shortest text that reads back to the same double (as JSON writers
// write numbers); "" for NaN and the infinities, which JSON cannot hold.
std::string number_text(double v) {
  if (!std::isfinite(v)) return "";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

bool is_none(const FieldValue& v) {
  return std::holds_alternative<std::monostate>(v) ||
         (std::holds_alternative<double>(v) && !std::isfinite(std::get<double>(v)));
}

std::string csv_text(const FieldValue& v) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(int64_t n) const { return absl::StrCat(n); }
    std::string operator()(double d) const { return number_text(d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::string>& list) const { return absl::StrJoin(list, " | "); }
  };
  return std::visit(Visitor{}, v);
}

void append_json(std::string* out, const FieldValue& v) {
  if (is_none(v)) {
    *out += "null";
  } else if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
    *out += '[';
    for (size_t i = 0; i < list->size(); ++i) absl::StrAppend(out, i > 0 ? ", " : "", json_quote((*list)[i]));
    *out += ']';
  } else if (const auto* text = std::get_if<std::string>(&v)) {
    *out += json_quote(*text);
  } else {
    *out += csv_text(v);  // a number or true/false: the same text
  }
}

void append_json_record(std::string* out, const Records& records, const std::vector<FieldValue>& row) {
  *out += '{';
  for (size_t c = 0; c < records.columns.size(); ++c) {
    absl::StrAppend(out, c > 0 ? ", " : "", json_quote(records.columns[c]), ": ");
    append_json(out, c < row.size() ? row[c] : FieldValue());
  }
  *out += '}';
}

}  // namespace

std::string records_csv(const Records& records) {
  std::string out;
  append_csv_record(&out, records.columns);
  std::vector<std::string> fields(records.columns.size());
  for (const auto& row : records.rows) {
    for (size_t c = 0; c < fields.size(); ++c) fields[c] = c < row.size() ? csv_text(row[c]) : "";
    append_csv_record(&out, fields);
  }
  return out;
}

std::string records_json(absl::Span<const Records> parts) {
  std::string out = "{";
  for (size_t p = 0; p < parts.size(); ++p) {
    const Records& part = parts[p];
    absl::StrAppend(&out, p > 0 ? ",\n  " : "\n  ", json_quote(part.name), ": ");
    if (part.single) {
      append_json_record(&out, part, part.rows.empty() ? std::vector<FieldValue>() : part.rows[0]);
      continue;
    }
    out += '[';
    for (size_t r = 0; r < part.rows.size(); ++r) {
      out += r > 0 ? ",\n    " : "\n    ";
      append_json_record(&out, part, part.rows[r]);
    }
    out += part.rows.empty() ? "]" : "\n  ]";
  }
  out += parts.empty() ? "}\n" : "\n}\n";
  return out;
}

std::string json_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const auto [cp, length] = decode(text, i);
    // decode() passes overlong forms and surrogates: JSON text must not.
    const bool valid = length == 1 ? cp < 0x80
                                   : cp >= (length == 2   ? 0x80u
                                            : length == 3 ? 0x800u
                                                          : 0x10000u) &&
                                         cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    if (!valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (cp == '"' || cp == '\\') {
      absl::StrAppend(&out, "\\", std::string(1, static_cast<char>(cp)));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp < 0x20 || cp == 0x7F) {
      out += absl::StrFormat("\\u%04x", cp);
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  out += '"';
  return out;
}

}  // namespace onetrip
