#include "onetrip/format.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
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

}  // namespace onetrip
