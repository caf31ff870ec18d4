// Internal: reading CSV as RFC 4180 and everyone's CSV writer (Python's csv
// module, pandas, spreadsheets) write it. Every CSV input of the library (case
// records, case volumes) is read here; writing uses onetrip/format.hpp's
// csv_field.
//
//  - fields are separated by commas, records end with LF, CRLF or a lone CR;
//  - a field may be quoted: "住建" is 住建; inside quotes a comma, a CR, an LF
//    are text and a doubled quote "" is one quote;
//  - a quote inside an unquoted field, text after a closing quote, or an
//    opening quote never closed is an error naming the line and the field;
//    reading goes on at the next line (after an unclosed quote, there is none);
//  - a UTF-8 byte order mark before the first record is dropped;
//  - an empty line is a record of no fields (callers skip it).
#ifndef ONETRIP_LIB_CSV_HPP_
#define ONETRIP_LIB_CSV_HPP_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>
namespace onetrip::internal {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  enum class Result { kRecord, kError, kEnd };

  // The next record into *fields (views valid until the next call), or an
  // error in it (then error() says what; the record is skipped and the next
  // call reads on), or the end of the text.
  Result next(std::vector<std::string_view>* fields);

  // The line the last record (or error) started on, from 1, for messages.
  size_t line() const { return record_line_; }
  size_t offset() const { return pos_; }  // bytes read so far
  // What was wrong with the last record, naming the field ("field 2: …").
  const std::string& error() const { return error_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 1;         // the line pos_ is on
  size_t record_line_ = 0;  // the line of the last record's start
  std::string error_;
  // Quoted fields with doubled quotes are unescaped here; the other fields are
  // views into the text.
  std::vector<std::string> scratch_;
  struct Span {
    size_t begin = 0;
    size_t length = 0;
    int scratch = -1;  // the unescaped copy's index, or -1 for a view into the text
  };
  std::vector<Span> spans_;  // the record's fields, reused from record to record
};

}  // namespace onetrip::internal

#endif  // ONETRIP_LIB_CSV_HPP_
