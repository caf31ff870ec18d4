#include "csv.hpp"

#include <cstdint>
#include <cstring>

#include "absl/strings/str_format.h"

namespace onetrip::internal {

namespace {

// Line ends in a piece of text: LF, CRLF and a lone CR each count one.
size_t line_ends(std::string_view text) {
  size_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
  }
  return n;
}

// The bytes that end an unquoted field (or make it an error): one table
// lookup per byte, where find_first_of would search the set for each.
struct FieldEnds {
  bool stop[256] = {};
  constexpr FieldEnds() {
    stop[static_cast<unsigned char>(',')] = true;
    stop[static_cast<unsigned char>('\r')] = true;
    stop[static_cast<unsigned char>('\n')] = true;
    stop[static_cast<unsigned char>('"')] = true;
  }
};
constexpr FieldEnds kFieldEnds;

// Whether any byte of v is zero (the classic bit trick: exact, no false positive).
constexpr uint64_t has_zero_byte(uint64_t v) { return (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL; }

// Where the unquoted field starting at pos ends: the first comma, CR, LF or
// quote, or the end of the text. Eight bytes at a time while none is in
// them, then byte by byte.
size_t unquoted_end(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  while (pos + 8 <= text.size()) {
    uint64_t v;
    std::memcpy(&v, text.data() + pos, 8);
    if (has_zero_byte(v ^ (kOnes * ',')) | has_zero_byte(v ^ (kOnes * '\n')) | has_zero_byte(v ^ (kOnes * '\r')) |
        has_zero_byte(v ^ (kOnes * '"'))) {
      break;
    }
    pos += 8;
  }
  while (pos < text.size() && !kFieldEnds.stop[static_cast<unsigned char>(text[pos])]) ++pos;
  return pos;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

CsvReader::Result CsvReader::next(std::vector<std::string_view>* fields) {
  fields->clear();
  error_.clear();
  if (pos_ >= text_.size()) return Result::kEnd;
  record_line_ = line_;
  std::vector<Span>& spans = spans_;
  spans.clear();
  size_t used_scratch = 0;
  // Skips the rest of the line the error is on.
  const auto fail = [&](const std::string& message) {
    error_ = absl::StrFormat("field %d: %s", spans.size() + 1, message);
    record_line_ = line_;
    const size_t end = text_.find_first_of("\r\n", pos_);
    pos_ = end == text_.npos ? text_.size() : end + (text_.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    if (end != text_.npos) ++line_;
    return Result::kError;
  };
  bool last_quoted = false;
  while (true) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      last_quoted = true;
      const size_t start = ++pos_;
      bool doubled = false;
      size_t end = 0;
      while (true) {
        const size_t quote = text_.find('"', pos_);
        if (quote == text_.npos) {
          const size_t opened = line_;
          pos_ = text_.size();
          return fail(absl::StrFormat("a quoted field opened on line %d is never closed", opened));
        }
        line_ += line_ends(text_.substr(pos_, quote - pos_));
        if (quote + 1 < text_.size() && text_[quote + 1] == '"') {
          doubled = true;
          pos_ = quote + 2;
          continue;
        }
        end = quote;
        pos_ = quote + 1;
        break;
      }
      Span span{start, end - start, -1};
      if (doubled) {
        if (used_scratch == scratch_.size()) scratch_.emplace_back();
        std::string& copy = scratch_[used_scratch];
        copy.clear();
        for (size_t i = start; i < end; ++i) {
          copy += text_[i];
          if (text_[i] == '"') ++i;  // the second of a doubled quote
        }
        span.scratch = static_cast<int>(used_scratch++);
      }
      spans.push_back(span);
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        spans.pop_back();
        return fail("text after the closing quote (a quote inside a quoted field is written twice: \"\")");
      }
    } else {
      last_quoted = false;
      const size_t end = unquoted_end(text_, pos_);
      if (end < text_.size() && text_[end] == '"') {
        return fail("a quote inside an unquoted field (quote the whole field and write the quote twice)");
      }
      spans.push_back({pos_, end - pos_, -1});
      pos_ = end;
    }
    if (pos_ < text_.size() && text_[pos_] == ',') {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size()) {  // the record's end
      if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++line_;
    }
    break;
  }
  if (spans.size() == 1 && spans[0].length == 0 && !last_quoted) return Result::kRecord;  // an empty line
  fields->reserve(spans.size());
  for (const Span& s : spans) {
    fields->push_back(s.scratch < 0 ? text_.substr(s.begin, s.length) : std::string_view(scratch_[s.scratch]));
  }
  return Result::kRecord;
}

}  // namespace onetrip::internal
