// The catalogues platforms already hold: the national implementation-list
// tables (政务服务事项实施清单: the basic, extended, material and fee tables the
// provincial platforms sync with the national one) read into an "onetrip/1"
// catalogue, with a mapping report of what became of every row and column,
// written back, and audited (declared against computed trips).
//
// docs/listing-import.md documents every column and code value accepted, where
// the values were seen, and what a catalogue holds that the tables cannot.
//
// Thread rules: every function here is a pure function of its arguments; a
// ListingImport and a MappingReport are plain values (read them from any number
// of threads, change them from one).
#ifndef ONETRIP_LISTING_HPP_
#define ONETRIP_LISTING_HPP_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "onetrip/catalog.hpp"
#include "onetrip/problem.hpp"

namespace onetrip {

// The tables of a listing. The four national ones, then onetrip's own three
// (written by write_listing, so that a catalogue survives the round trip; a
// platform's export does not have them and needs none).
enum class ListingTableKind : uint8_t {
  kBasic,         // 基本信息: one row per matter (required)
  kExtend,        // 扩展信息: one row per matter
  kMaterials,     // 材料目录信息: one row per material of a matter
  kFees,          // 收费项目信息: one row per fee item of a matter
  kHalls,         // onetrip: hall_id, hall_name, address, kind
  kDepartments,   // onetrip: dept_code, dept_name, halls
  kMaterialDefs,  // onetrip: every material with its defaults
};
inline constexpr int kListingTableCount = 7;
const char* to_string(ListingTableKind kind);  // "basic", "extend", … the file stem write_listing uses

// One table as text cells: the header row, then the data rows. `file` names
// it in messages; `lines[i]`, when given, is the file line data row i starts
// on (else rows are numbered 2, 3, … after the header's 1).
struct ListingTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
};

// A CSV export's bytes to a table: UTF-8 (a byte order mark dropped) or, when
// the bytes are not UTF-8, GB18030 (which includes GBK and GB2312) converted
// with iconv; anything else, an empty file or a file without a header is
// INVALID_ARGUMENT naming the file (and the byte where decoding failed). A
// record the RFC 4180 reader refuses becomes a row of one cell holding the
// reader's message, and import_listing rejects that row naming the line.
absl::StatusOr<ListingTable> read_listing_csv(std::string_view bytes, std::string file);
absl::StatusOr<ListingTable> read_listing_csv_file(const std::string& path);

// The encoding read_listing_csv finds: "UTF-8" or "GB18030"; INVALID_ARGUMENT
// when neither (the same check read_listing_csv makes).
absl::StatusOr<std::string> detect_listing_encoding(std::string_view bytes, std::string_view file);

struct ListingInput {
  std::optional<ListingTable> tables[kListingTableCount];  // by ListingTableKind; basic is required
  const ListingTable* table(ListingTableKind kind) const {
    const auto& t = tables[static_cast<int>(kind)];
    return t ? &*t : nullptr;
  }
  void set(ListingTableKind kind, ListingTable table) { tables[static_cast<int>(kind)] = std::move(table); }
};

// What became of one cell (or of a whole row, or of a column).
enum class MappingOutcome : uint8_t {
  kMapped,         // read into the catalogue as it is
  kDefaulted,      // blank or absent: the default (in the note) was used
  kNotUnderstood,  // a value onetrip does not know: the default (in the note) was used instead
  kIgnored,        // a column onetrip has no field for (reported once, at row 1)
  kRejected,       // the row forms no part of the catalogue (the note says why)
};
const char* to_string(MappingOutcome outcome);  // "mapped", "defaulted", "not_understood", "ignored", "rejected"

// One line of the mapping report.
struct MappingLine {
  std::string file;
  int64_t row = 0;     // the file's line (the header is line 1)
  std::string column;  // the column's header; "" for a whole row or file
  MappingOutcome outcome = MappingOutcome::kMapped;
  std::string value;  // the cell's text, for not understood and rejected lines
  std::string note;   // the default used, or why
  friend bool operator==(const MappingLine& a, const MappingLine& b) {
    return a.file == b.file && a.row == b.row && a.column == b.column && a.outcome == b.outcome && a.value == b.value &&
           a.note == b.note;
  }
};

// Every cell of every table, with what became of it, in table then row
// order. Held compactly (a mapped cell is 12 bytes): 10^6 material rows make
// a report of about 6·10^6 lines.
class MappingReport {
 public:
  size_t size() const { return entries_.size(); }
  MappingLine line(size_t i) const;
  // Line i's parts without building the line.
  const std::string& file(size_t i) const { return files_[entries_[i].table]; }
  int64_t row(size_t i) const { return entries_[i].row; }
  const std::string& column(size_t i) const;
  MappingOutcome outcome(size_t i) const { return static_cast<MappingOutcome>(entries_[i].outcome); }
  const std::string& value(size_t i) const;
  const std::string& note(size_t i) const;
  // Lines by outcome.
  size_t count(MappingOutcome outcome) const { return counts_[static_cast<int>(outcome)]; }
  // The report as CSV: file,row,column,outcome,value,note (RFC 4180, header first).
  std::string csv() const;

  // Building (import_listing does it).
  uint8_t add_table(std::string file, std::vector<std::string> columns);
  void add(uint8_t table, int64_t row, int32_t column, MappingOutcome outcome, std::string_view value = {},
           std::string_view note = {});

 private:
  struct Entry {
    uint32_t row;
    uint8_t table;
    uint8_t outcome;
    uint16_t column;  // kNoColumn for a whole row
    uint32_t text;    // index into texts_ of {value, note}, or kNoText
  };
  static constexpr uint16_t kNoColumn = 0xFFFF;
  static constexpr uint32_t kNoText = 0xFFFFFFFF;
  std::vector<Entry> entries_;
  std::vector<std::string> files_;
  std::vector<std::vector<std::string>> columns_;
  std::vector<std::pair<std::string, std::string>> texts_;
  absl::flat_hash_map<std::string, uint32_t> note_index_;  // notes without a value, each held once
  size_t counts_[5] = {0, 0, 0, 0, 0};
};

struct ListingOptions {
  // Any rejected row or value not understood fails the import.
  bool strict = false;
  std::string name;  // the catalogue's name
};

struct ListingImport {
  Catalog catalog;
  MappingReport report;
  int64_t rejected_rows = 0;
};

// The tables to a catalogue that validates (Catalog::from_data), with the
// report. Fails with INVALID_ARGUMENT, listing every problem (each with file,
// row and column in Problem::path, and in *problems when given) when there is
// no basic table, a table cannot be read, nothing forms a matter, or, with
// `strict`, any row is rejected or any value not understood. Without
// `strict`, rejected rows are left out and listed in the report; nothing of a
// rejected matter is kept (its extend, material and fee rows are rejected too).
absl::StatusOr<ListingImport> import_listing(const ListingInput& input, const ListingOptions& options = {},
                                             std::vector<Problem>* problems = nullptr);

// How write_listing writes code values.
enum class ListingCodes : uint8_t {
  kNumeric,  // the national codes: task_type 01, project_type 1, is_need 1 …
  kLabels,   // the Chinese labels: 行政许可, 承诺件, 必要 …
};

// The catalogue as the seven tables (national element names as headers; the
// onetrip_* columns and the three onetrip tables carry what the national ones
// cannot, the validity periods included). import_listing of them gives the
// catalogue back without its bundles and situations (the tables have none);
// the name is the one given to import_listing. A catalogue holding text the
// tables' syntax claims (listing_unwritable) is refused: INVALID_ARGUMENT
// listing every such place (also in *problems when given), and no table.
absl::StatusOr<std::vector<ListingTable>> write_listing(const Catalog& catalog,
                                                        ListingCodes codes = ListingCodes::kNumeric,
                                                        std::vector<Problem>* problems = nullptr);
// The places of a catalogue whose text the tables would read back different,
// each a Problem at its JSON path ("$.matters[3].special_procedures[0].name")
// whose message names the owner (matter code, hall, department or material
// id): text with blanks around it (every cell is trimmed), a hall id holding
// "^" (the separator of hall ids), a special procedure's name holding ; ； ，
// 、 : or ： (the special_procedure cell is 名称:天数;…) or with a basis or a
// kind other than its name's (the cell holds name and days only), a statutory
// personal presence reading "无" (read as none). Empty: write_listing writes it.
std::vector<Problem> listing_unwritable(const Catalog& catalog);
// A table as CSV (UTF-8, no byte order mark, header first).
std::string listing_table_csv(const ListingTable& table);

// The audit of what a listing declares: for every matter that declares its
// trips (limit_scene_num), what onetrip computes from its own data and every
// finding of onetrip::audit for it.
struct ListingAuditRow {
  MatterIndex matter = 0;
  int32_t declared_trips = 0;
  int32_t computed_trips = 0;
  bool overclaims = false;  // declares 0 or 1 trip (跑零次 / 最多跑一次) and computes more
  std::string online;       // "none", "pre_review", "full": what the depth declared means
  std::string reasons;      // the needs behind the computed trips, "; "-joined
  std::string findings;     // onetrip::audit's messages for the matter, "; "-joined
};
// Only matters with a finding, in catalogue order.
std::vector<ListingAuditRow> audit_listing(const Catalog& catalog);
// The same as CSV: code,name,declared_trips,computed_trips,overclaims (yes/no),online,reasons,findings.
std::string listing_audit_csv(const Catalog& catalog);

}  // namespace onetrip

#endif  // ONETRIP_LISTING_HPP_
