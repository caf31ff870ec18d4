// Figures as text, for people and for other programs: money (integer fen as
// yuan, exactly, never through a double), months, CSV fields (RFC 4180) and a
// plain aligned text table whose columns line up also with Chinese text. The
// report, the tool and any caller that prints the library's figures share them.
//
// Public (not internal to lib/) because a program that prints the library's
// figures, the `onetrip` tool first, must print them the way the library does.
#ifndef ONETRIP_FORMAT_HPP_
#define ONETRIP_FORMAT_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace onetrip {

// Fen as yuan with two decimals: 123450 → "1234.50", -5 → "-0.05". Exact for
// every int64 value, INT64_MIN included.
std::string format_yuan(int64_t fen);

// The bulletin's style: whole yuan without decimals (30000 → "300"), else two
// decimals (1250 → "12.50").
std::string format_yuan_compact(int64_t fen);

// Yuan with at most two decimals ("12.50", "12.5", "300") to fen, exactly;
// nothing for anything else: a sign, a third decimal, a letter, a blank, more
// than kMaxYuanDigits digits before the point.
inline constexpr size_t kMaxYuanDigits = 15;  // 999999999999999.99 yuan at most
std::optional<int64_t> parse_yuan(std::string_view text);

// A month of a year.
struct YearMonth {
  int year = 0;
  int month = 0;  // 1-12
  friend bool operator==(const YearMonth& a, const YearMonth& b) { return a.year == b.year && a.month == b.month; }
};

// "2017-07". The year is written with four digits.
std::string format_month(YearMonth month);

// Strict "YYYY-MM" (years 1400–9999); INVALID_ARGUMENT naming the text otherwise.
absl::StatusOr<YearMonth> parse_month(std::string_view text);

// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote,
// a CR or LF (a quote doubled inside), as is otherwise — what Python's csv
// module and pandas write by default.
std::string csv_field(std::string_view text);
// Appends the fields as one CSV record ending with "\n".
void append_csv_record(std::string* out, const std::vector<std::string>& fields);

// The columns a terminal gives a UTF-8 text: 2 for East Asian wide and full-width
// characters (汉字, full-width punctuation), 1 for others; a byte that is not
// valid UTF-8 counts 1.
size_t display_width(std::string_view utf8);

// A plain table: a header row and rows of cells, each column as wide as its
// widest cell (by display width), columns separated by two spaces, text
// columns left-aligned and figures right-aligned.
class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kRight;
  };

  explicit TextTable(std::vector<Column> columns);

  // One row; missing cells are blank, cells past the last column dropped.
  void add_row(std::vector<std::string> cells);

  // The table, each line ending with "\n", without trailing blanks.
  std::string render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// One field of a record: none (CSV "", JSON null), yes/no, a whole number, a
// number (NaN and infinities are none), a text, or a list of texts (CSV: the
// texts joined with " | "; JSON: an array).
using FieldValue = std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<std::string>>;

// Records under named columns: the one table a program's CSV and JSON are
// both written from, so that a column means the same in each (the tool's
// --format csv and json). Rows shorter than the columns are padded with none.
struct Records {
  std::string name;  // its member in a JSON document
  std::vector<std::string> columns;
  std::vector<std::vector<FieldValue>> rows;
  bool single = false;  // one record: a JSON object rather than an array of them

  void add(std::vector<FieldValue> row) { rows.push_back(std::move(row)); }
};

// The records as CSV (RFC 4180, as csv_field): the header, then one line a
// row. Numbers are written as JSON writes them (the shortest text that reads
// back to the same double), yes/no as true/false.
std::string records_csv(const Records& records);

// A JSON document: one object with a member for each part, in order, holding
// an array of objects (one a line), or one object when the part is single.
// Texts are UTF-8, a byte that is not valid UTF-8 written as U+FFFD.
std::string records_json(absl::Span<const Records> parts);

// A text as a JSON string literal, quotes included (RFC 8259 escapes; bytes
// that are not valid UTF-8 written as U+FFFD).
std::string json_quote(std::string_view text);

}  // namespace onetrip

#endif  // ONETRIP_FORMAT_HPP_
