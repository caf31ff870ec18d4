// The implementation-list tables (onetrip/listing.hpp) for onetrip/listing.py:
// CSV bytes or tables of text cells in, a catalogue and its mapping report
// out; the report and the audit as columns for pandas.
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "bindings.hpp"
#include "onetrip/listing.hpp"

namespace onetrip::python {

namespace {

std::optional<ListingTableKind> kind_named(const std::string& name) {
  for (int k = 0; k < kListingTableCount; ++k) {
    const auto kind = static_cast<ListingTableKind>(k);
    if (name == to_string(kind)) return kind;
  }
  return std::nullopt;
}

// A table from Python: (file, bytes) for CSV, or (file, header, rows) of texts.
ListingTable table_from(py::handle value) {
  auto items = value.cast<py::tuple>();
  if (items.size() == 2) {
    std::string file = items[0].cast<std::string>();
    std::string bytes = items[1].cast<std::string>();
    absl::StatusOr<ListingTable> t;
    {
      py::gil_scoped_release release;
      t = read_listing_csv(bytes, std::move(file));
    }
    return unwrap(std::move(t));
  }
  if (items.size() != 3) throw py::value_error("a table is (file, bytes) or (file, header, rows)");
  ListingTable t;
  t.file = items[0].cast<std::string>();
  t.header = items[1].cast<std::vector<std::string>>();
  t.rows = items[2].cast<std::vector<std::vector<std::string>>>();
  return t;
}

struct PyImport {
  std::shared_ptr<ListingImport> result;
};

// The report as columns: categorical codes for file, column and outcome;
// value and note as lists (one shared "" for the many blank ones).
py::dict report_columns(const MappingReport& r) {
  const size_t n = r.size();
  py::array_t<int64_t> rows(static_cast<py::ssize_t>(n));
  py::array_t<int32_t> where(static_cast<py::ssize_t>(n));
  py::array_t<int8_t> outcome(static_cast<py::ssize_t>(n));
  py::list values(n);
  py::list notes(n);
  std::vector<std::pair<const std::string*, const std::string*>> keys;  // (file, column)
  std::map<std::pair<std::string, std::string>, int32_t> key_index;
  py::str blank("");
  auto* rows_p = rows.mutable_data();
  auto* where_p = where.mutable_data();
  auto* outcome_p = outcome.mutable_data();
  for (size_t i = 0; i < n; ++i) {
    rows_p[i] = r.row(i);
    outcome_p[i] = static_cast<int8_t>(r.outcome(i));
    auto [it, added] =
        key_index.emplace(std::make_pair(r.file(i), r.column(i)), static_cast<int32_t>(key_index.size()));
    where_p[i] = it->second;
    const std::string& v = r.value(i);
    const std::string& note = r.note(i);
    values[i] = v.empty() ? blank : py::str(v);
    notes[i] = note.empty() ? blank : py::str(note);
  }
  py::list files(key_index.size());
  py::list columns(key_index.size());
  for (const auto& [key, index] : key_index) {
    files[index] = py::str(key.first);
    columns[index] = py::str(key.second);
  }
  py::list outcomes;
  for (int k = 0; k < 5; ++k) outcomes.append(to_string(static_cast<MappingOutcome>(k)));
  py::dict d;
  d["row"] = rows;
  d["where"] = where;
  d["where_files"] = files;
  d["where_columns"] = columns;
  d["outcome"] = outcome;
  d["outcomes"] = outcomes;
  d["value"] = values;
  d["note"] = notes;
  return d;
}

}  // namespace

void init_listing(py::module_& m) {
  py::class_<PyImport>(m, "_ListingImport")
      .def_property_readonly("catalog", [](const PyImport& i) { return i.result->catalog; })
      .def_property_readonly("rejected_rows", [](const PyImport& i) { return i.result->rejected_rows; })
      .def("report_size", [](const PyImport& i) { return i.result->report.size(); })
      .def("report_count",
           [](const PyImport& i, const std::string& outcome) {
             for (int k = 0; k < 5; ++k) {
               if (outcome == to_string(static_cast<MappingOutcome>(k))) {
                 return i.result->report.count(static_cast<MappingOutcome>(k));
               }
             }
             throw py::value_error("outcome: one of mapped, defaulted, not_understood, ignored, rejected");
           })
      .def("report_line",
           [](const PyImport& i, size_t k) {
             if (k >= i.result->report.size()) throw py::index_error("report line past the end");
             const MappingLine l = i.result->report.line(k);
             return py::make_tuple(l.file, l.row, l.column, to_string(l.outcome), l.value, l.note);
           })
      .def("report_columns", [](const PyImport& i) { return report_columns(i.result->report); })
      .def("report_csv",
           [](const PyImport& i) {
             std::string csv;
             {
               py::gil_scoped_release release;
               csv = i.result->report.csv();
             }
             return csv;
           })
      .def("__repr__",
           [](const PyImport& i) {
             return absl::StrFormat("<onetrip._ListingImport %d matters, %d report lines, %d rejected rows>",
                                    i.result->catalog.matters().size(), i.result->report.size(),
                                    i.result->rejected_rows);
           })
      .def("__eq__",
           [](const PyImport& a, py::handle other) -> py::object {
             if (!py::isinstance<PyImport>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
             const PyImport& b = other.cast<const PyImport&>();
             const MappingReport &ra = a.result->report, &rb = b.result->report;
             bool same = a.result->catalog == b.result->catalog && a.result->rejected_rows == b.result->rejected_rows &&
                         ra.size() == rb.size();
             for (size_t k = 0; same && k < ra.size(); ++k) same = ra.line(k) == rb.line(k);
             return py::bool_(same);
           })
      // Pickled as (catalogue, rejected rows, the report's lines); the report is
      // built again table by table, its columns in the order the lines name them.
      .def(py::pickle(
          [](const PyImport& i) {
            const MappingReport& r = i.result->report;
            py::list lines(r.size());
            for (size_t k = 0; k < r.size(); ++k) {
              lines[k] = py::make_tuple(r.file(k), r.row(k), r.column(k), static_cast<int>(r.outcome(k)), r.value(k),
                                        r.note(k));
            }
            return py::make_tuple(i.result->catalog, i.result->rejected_rows, lines);
          },
          [](const py::tuple& t) {
            if (t.size() != 3) throw py::value_error("a pickled listing import is (catalogue, rejected rows, lines)");
            auto result =
                std::make_shared<ListingImport>(ListingImport{t[0].cast<Catalog>(), {}, t[1].cast<int64_t>()});
            struct Table {
              std::vector<std::string> columns;
              std::map<std::string, int32_t> index;
            };
            std::vector<std::string> files;
            std::map<std::string, Table> tables;
            const auto lines = t[2].cast<std::vector<py::tuple>>();
            for (const py::tuple& l : lines) {
              const std::string file = l[0].cast<std::string>(), column = l[2].cast<std::string>();
              auto [it, added] = tables.try_emplace(file);
              if (added) files.push_back(file);
              if (!column.empty() && it->second.index.try_emplace(column, it->second.columns.size()).second) {
                it->second.columns.push_back(column);
              }
            }
            if (files.size() > 255) throw py::value_error("a pickled listing import with over 255 tables");
            std::map<std::string, uint8_t> table_of;
            for (const std::string& file : files) {
              table_of[file] = result->report.add_table(file, tables[file].columns);
            }
            for (const py::tuple& l : lines) {
              const std::string file = l[0].cast<std::string>(), column = l[2].cast<std::string>();
              const int outcome = l[3].cast<int>();
              if (outcome < 0 || outcome > 4) throw py::value_error("a pickled listing line with an unknown outcome");
              result->report.add(table_of[file], l[1].cast<int64_t>(), column.empty() ? -1 : tables[file].index[column],
                                 static_cast<MappingOutcome>(outcome), l[4].cast<std::string>(),
                                 l[5].cast<std::string>());
            }
            return PyImport{std::move(result)};
          }));

  // tables: {kind name: table}; returns (_ListingImport or None, message, [(path, message)]).
  m.def(
      "_listing_import",
      [](const py::dict& tables, bool strict, const std::string& name) {
        ListingInput input;
        for (auto [key, value] : tables) {
          const auto kind = kind_named(key.cast<std::string>());
          if (!kind) throw py::value_error("unknown listing table " + key.cast<std::string>());
          input.set(*kind, table_from(value));
        }
        ListingOptions options;
        options.strict = strict;
        options.name = name;
        std::vector<Problem> problems;
        absl::StatusOr<ListingImport> result;
        {
          py::gil_scoped_release release;
          result = import_listing(input, options, &problems);
        }
        py::list listed;
        for (const Problem& p : problems) listed.append(py::make_tuple(p.path, p.message));
        if (!result.ok()) return py::make_tuple(py::none(), std::string(result.status().message()), listed);
        PyImport out{std::make_shared<ListingImport>(*std::move(result))};
        return py::make_tuple(py::cast(std::move(out)), std::string(), listed);
      },
      py::arg("tables"), py::arg("strict"), py::arg("name"));

  m.def("_listing_detect_encoding", [](const py::bytes& data, const std::string& file) {
    return unwrap(detect_listing_encoding(std::string(data), file));
  });

  // [(stem, header, rows)] for XLSX writing, or [(stem, csv text)].
  m.def(
      "_listing_write",
      [](const Catalog& catalog, const std::string& codes, bool as_csv) {
        if (codes != "numeric" && codes != "labels") throw py::value_error("codes: \"numeric\" or \"labels\"");
        absl::StatusOr<std::vector<ListingTable>> written;
        std::vector<Problem> problems;
        std::vector<std::string> csv;
        {
          py::gil_scoped_release release;
          written =
              write_listing(catalog, codes == "numeric" ? ListingCodes::kNumeric : ListingCodes::kLabels, &problems);
          if (as_csv && written.ok()) {
            for (const ListingTable& t : *written) csv.push_back(listing_table_csv(t));
          }
        }
        if (!written.ok()) {
          py::list listed;
          for (const Problem& p : problems) listed.append(py::make_tuple(p.path, p.message));
          return py::make_tuple(py::none(), std::string(written.status().message()), listed);
        }
        const std::vector<ListingTable>& tables = *written;
        py::list out;
        for (size_t k = 0; k < tables.size(); ++k) {
          const char* stem = to_string(static_cast<ListingTableKind>(k));
          if (as_csv) {
            out.append(py::make_tuple(stem, py::bytes(csv[k])));
          } else {
            out.append(py::make_tuple(stem, tables[k].header, tables[k].rows));
          }
        }
        return py::make_tuple(out, std::string(), py::list());
      },
      py::arg("catalog"), py::arg("codes"), py::arg("as_csv"));

  m.def("_listing_audit", [](const Catalog& catalog) {
    std::vector<ListingAuditRow> rows;
    {
      py::gil_scoped_release release;
      rows = audit_listing(catalog);
    }
    const auto matters = catalog.matters();
    py::dict d;
    d["code"] = object_column(rows, [&](const ListingAuditRow& r) { return py::str(matters[r.matter].code); });
    d["name"] = object_column(rows, [&](const ListingAuditRow& r) { return py::str(matters[r.matter].name); });
    d["declared_trips"] = number_column<int32_t>(rows, [](const ListingAuditRow& r) { return r.declared_trips; });
    d["computed_trips"] = number_column<int32_t>(rows, [](const ListingAuditRow& r) { return r.computed_trips; });
    d["overclaims"] = number_column<bool>(rows, [](const ListingAuditRow& r) { return r.overclaims; });
    d["online"] = object_column(rows, [](const ListingAuditRow& r) { return py::str(r.online); });
    d["reasons"] = object_column(rows, [](const ListingAuditRow& r) { return py::str(r.reasons); });
    d["findings"] = object_column(rows, [](const ListingAuditRow& r) { return py::str(r.findings); });
    return d;
  });
}

}  // namespace onetrip::python
