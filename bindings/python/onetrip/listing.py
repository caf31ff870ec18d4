"""The catalogues platforms already hold: the national implementation-list tables.

The tables a provincial platform syncs with the national one (政务服务事项实施清单: the basic,
extended, material and fee tables), exported as CSV (UTF-8 with or without a byte order
mark, or GB18030) or Excel, read into a validated ``onetrip/1`` catalogue with a mapping
report of what became of every row and column, written back, and audited::

    >>> import onetrip.listing as listing
    >>> imported = listing.read(basic="basic.csv", extend="extend.csv",
    ...                         materials="materials.xlsx", fees="fees.csv")
    >>> imported.catalog                     # an onetrip.Catalog
    >>> imported.report.to_pandas()              # every cell: mapped / defaulted / not_understood …
    >>> imported.audit()                     # declared 0 or 1 trip, computed more: why
    >>> listing.write(imported.catalog, "out/")

CSV is parsed in C++ (the mapping is the library's, shared with the C ABI and the
``onetrip import-listing`` tool); Excel workbooks are read here with openpyxl (Debian's
python3-openpyxl) and handed to the same code as tables of text. docs/listing-import.md
documents every column and code value.

Thread rules: ``read`` and ``write`` may run on several threads at once; a ``Listing`` and
its report are read-only values.
"""
from __future__ import annotations

import datetime
import os
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _onetrip
from .errors import Problem, ProblemsError, deprecated_alias, existing_file, read_file

__all__ = ["Listing", "ListingError", "MappingReport", "read", "write", "TABLES"]

#: The tables, by the keyword ``read`` takes them with and the file stem ``write`` uses.
TABLES = {
    "basic": "basic",
    "extend": "extend",
    "materials": "materials",
    "fees": "fees",
    "halls": "onetrip_halls",
    "departments": "onetrip_departments",
    "material_defs": "onetrip_materials",
}

Source = Union[str, "os.PathLike[str]", bytes, "object"]


class ListingError(ProblemsError):
    """A listing that does not import (``problems`` names the file, row and column of each), or a
    catalogue ``write`` refuses (``problems`` names each place by its JSON path)."""


class MappingReport:
    """What became of every cell: one line per (file, row, column), with its outcome.

    Outcomes: ``mapped``, ``defaulted`` (the default in ``note``), ``not_understood`` (the value
    and the default used), ``ignored`` (a column onetrip has no field for, once at row 1),
    ``rejected`` (the row is left out; ``note`` says why). Row numbers are the file's lines
    (the header is line 1; 0 for a line about the whole table)."""

    COLUMNS = ("file", "row", "column", "outcome", "value", "note")

    def __init__(self, result):
        self._result = result

    def __len__(self) -> int:
        return self._result.report_size()

    def __getitem__(self, i: int) -> Tuple[str, int, str, str, str, str]:
        n = len(self)
        if i < 0:
            i += n
        return self._result.report_line(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self._result.report_line(i)

    def count(self, outcome: str) -> int:
        """The number of lines with this outcome."""
        return self._result.report_count(outcome)

    def lines(self, outcome: Optional[str] = None) -> List[Tuple[str, int, str, str, str, str]]:
        """The lines (all, or those with one outcome) as tuples (file, row, column, outcome, value, note)."""
        return [line for line in self if outcome is None or line[3] == outcome]

    def csv(self) -> str:
        """The report as CSV (RFC 4180): file,row,column,outcome,value,note."""
        return self._result.report_csv()

    frame = deprecated_alias("frame", "to_pandas")

    def __eq__(self, other):
        if not isinstance(other, MappingReport):
            return NotImplemented
        return self._result == other._result

    __hash__ = None

    def _repr_html_(self) -> str:
        from .results import frame_html

        return frame_html(self.to_pandas().head(50), f"{self!r} (the first lines)")

    def to_pandas(self):
        """The report as a pandas DataFrame, one row per line in the report's order;
        file, column and outcome are categoricals."""
        import numpy as np
        import pandas as pd

        c = self._result.report_columns()
        where = np.asarray(c["where"], dtype=np.int32)

        def categorical(per_key):
            categories = list(dict.fromkeys(per_key))
            index = {v: k for k, v in enumerate(categories)}
            key_codes = np.asarray([index[v] for v in per_key], dtype=np.int32)
            codes = key_codes[where] if len(where) else np.zeros(0, dtype=np.int32)
            return pd.Categorical.from_codes(codes, categories=categories)

        files = categorical(c["where_files"])
        columns = categorical(c["where_columns"])
        outcome = pd.Categorical.from_codes(np.asarray(c["outcome"], dtype=np.int8), categories=c["outcomes"])
        return pd.DataFrame(
            {
                "file": files,
                "row": np.asarray(c["row"]),
                "column": columns,
                "outcome": outcome,
                "value": c["value"],
                "note": c["note"],
            }
        )

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{o} {self.count(o)}" for o in ("mapped", "defaulted", "not_understood", "ignored", "rejected")
        )
        return f"<MappingReport {len(self)} lines: {parts}>"


class Listing:
    """An imported listing: ``catalog`` (an onetrip.Catalog that validates), ``report``
    (a MappingReport), ``rejected_rows`` and ``problems`` (the rejected rows and values not
    understood, each an onetrip.Problem with file, row and column in its path)."""

    def __init__(self, result, problems: Sequence[Problem]):
        from .catalog import Catalog

        self._result = result
        self.catalog = Catalog(result.catalog)
        self.report = MappingReport(result)
        self.rejected_rows: int = result.rejected_rows
        self.problems: List[Problem] = list(problems)

    def audit(self):
        """Declared against computed: every matter with a finding of onetrip's audit, as a
        pandas DataFrame indexed by code with declared_trips, computed_trips, ``overclaims``
        (declares 0 or 1 trip — 跑零次 / 最多跑一次 — and computes more), online (what the
        declared depth means), reasons (the needs behind the computed trips) and findings."""
        return audit(self.catalog)

    def __eq__(self, other):
        if not isinstance(other, Listing):
            return NotImplemented
        return self._result == other._result and self.problems == other.problems

    __hash__ = None

    def __repr__(self) -> str:
        return (
            f"<Listing {len(self.catalog.matters)} matters, {self.rejected_rows} rejected rows, "
            f"report of {len(self.report)} lines>"
        )


def audit(catalog):
    """The audit of a catalogue's declared trips (see Listing.audit), as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(_onetrip._listing_audit(catalog)).set_index("code")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value:  # NaN: a blank cell in pandas
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _file_name(path) -> str:
    """The file's name for the report and messages: a name that is not UTF-8 (a str with surrogate
    escapes, which no UTF-8 text holds) with its bytes written as \\xff."""
    return os.fsencode(os.path.basename(path)).decode("utf-8", "backslashreplace")


def _read_xlsx(path: str, sheet: Optional[str]) -> Tuple[str, List[str], List[List[str]]]:
    try:
        import openpyxl
    except ImportError as e:  # pragma: no cover - the package is a dependency (scripts/install-deps.sh)
        raise ImportError("reading Excel exports needs openpyxl (Debian: python3-openpyxl)") from e
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    name = _file_name(path)
    try:
        book = openpyxl.load_workbook(existing_file(path, "listing"), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as e:
        if isinstance(e, FileNotFoundError):
            raise
        why = f"not a readable Excel workbook ({type(e).__name__}: {e}); save it again as .xlsx or CSV"
        raise ListingError(f"{name}: {why}", [Problem(name, why)]) from None
    try:
        if sheet and sheet not in book.sheetnames:
            why = f"no sheet {sheet!r} (the sheets: {', '.join(book.sheetnames)})"
            raise ListingError(f"{name}: {why}", [Problem(name, why)])
        ws = book[sheet] if sheet else book.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header = None
        out: List[List[str]] = []
        for row in rows:
            cells = [_cell(v) for v in row]
            while cells and cells[-1] == "":
                cells.pop()
            if header is None:
                if not cells:
                    continue
                header = cells
                continue
            out.append(cells)
        if header is None:
            raise ListingError(f"{_file_name(path)}: the sheet is empty (no header row)",
                               [Problem(_file_name(path), "the sheet is empty (no header row)")])
        return _file_name(path), header, out
    finally:
        book.close()


def _table(kind: str, source, sheet: Optional[str]):
    """A table for the C++ reader: (file, bytes) for CSV or (file, header, rows)."""
    if isinstance(source, (bytes, bytearray)):
        return (f"{kind}.csv", bytes(source))
    if hasattr(source, "columns") and hasattr(source, "itertuples"):  # a pandas DataFrame
        header = [str(c) for c in source.columns]
        rows = [[_cell(v) for v in row] for row in source.itertuples(index=False, name=None)]
        return (f"{kind} (DataFrame)", header, rows)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"{kind}: a path, CSV bytes or a pandas DataFrame, not {type(source).__name__}")
    path = os.fspath(source)
    lower = path.lower()
    if lower.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(path, sheet)
    if lower.endswith(".xls"):
        raise ListingError(
            f"{path}: the old binary .xls format is not read; save it as .xlsx or CSV",
            [Problem(_file_name(path), "the old binary .xls format is not read; save it as .xlsx or CSV")],
        )
    return (_file_name(path), read_file(path, kind, binary=True))


def _find_in_dir(directory: str) -> Dict[str, str]:
    found = {}
    for key, stem in TABLES.items():
        for ext in (".csv", ".xlsx"):
            p = os.path.join(directory, stem + ext)
            if os.path.exists(p):
                found[key] = p
                break
    return found


def read(
    basic: Source,
    extend: Optional[Source] = None,
    materials: Optional[Source] = None,
    fees: Optional[Source] = None,
    *,
    halls: Optional[Source] = None,
    departments: Optional[Source] = None,
    material_defs: Optional[Source] = None,
    strict: bool = False,
    name: str = "",
    sheet: Optional[str] = None,
) -> Listing:
    """Reads a listing's tables into a catalogue.

    Each table is a path (``.csv`` in UTF-8 or GB18030, or ``.xlsx``; ``sheet`` names the
    worksheet, the first by default), CSV bytes, or a pandas DataFrame. ``basic`` may also be
    a directory holding ``basic.csv``, ``extend.csv`` … (as ``write`` leaves them).
    ``halls``, ``departments`` and ``material_defs`` are onetrip's own tables, written by
    ``write`` so that a catalogue survives the round trip; a platform's export has none.

    Rows that form no part of a matter are left out and listed in the report (and in
    ``problems``); with ``strict=True`` any rejected row or value not understood raises
    ListingError instead. A listing that does not import (no basic table, an empty file, an
    encoding that is neither UTF-8 nor GB18030, a workbook that openpyxl cannot open or without
    the ``sheet`` named, a required column missing, no matter at all) raises ListingError with
    every problem, each naming file, row and column; a table that is none of the accepted kinds
    raises TypeError naming it."""
    sources = {
        "basic": basic,
        "extend": extend,
        "materials": materials,
        "fees": fees,
        "halls": halls,
        "departments": departments,
        "material_defs": material_defs,
    }
    if isinstance(basic, (str, os.PathLike)):
        if os.path.isdir(os.fspath(basic)):
            found = _find_in_dir(os.fspath(basic))
            if "basic" not in found:
                raise ListingError(f"{basic}: no basic.csv or basic.xlsx in the directory",
                                   [Problem(os.fspath(basic), "no basic.csv or basic.xlsx")])
            sources = {k: (found.get(k) if v is None or k == "basic" else v) for k, v in sources.items()}
    tables = {}
    for key, source in sources.items():
        if source is None:
            continue
        tables[TABLES[key]] = _table(TABLES[key], source, sheet)
    try:
        result, message, problems = _onetrip._listing_import(tables, strict, name)
    except ValueError as e:
        # A file that cannot be decoded, is empty or has no header.
        raise ListingError(str(e), [Problem("", str(e))]) from None
    listed = [Problem(p, m) for p, m in problems]
    if result is None:
        raise ListingError(message, listed)
    return Listing(result, listed)


def write(catalog, directory, *, codes: str = "numeric", format: str = "csv") -> List[str]:
    """Writes the catalogue as the listing's tables into ``directory`` (made if missing):
    basic, extend, materials, fees, and onetrip's own halls, departments and materials
    tables, as CSV (UTF-8) or XLSX (``format="xlsx"``, with openpyxl). ``codes`` is
    ``"numeric"`` (the national codes) or ``"labels"`` (the Chinese labels). Returns the
    paths written. ``read(directory)`` gives the catalogue back without its bundles and
    situations (the tables have none) and with the name given to read; the validity
    periods travel in onetrip's columns. A catalogue holding text the tables would read
    back different (blanks around a text, a hall id holding ``^``, a special procedure's
    name holding ``;`` or ``:``) raises ListingError naming each place, and nothing is
    written."""
    if format not in ("csv", "xlsx"):
        raise ValueError('format: "csv" or "xlsx"')
    directory = os.fspath(directory)
    # Every table is made before anything is written: a refused catalogue
    # (text the tables would read back different) leaves no file behind.
    tables, message, problems = _onetrip._listing_write(catalog, codes, format == "csv")
    if tables is None:
        raise ListingError(message, [Problem(p, m) for p, m in problems])
    if format == "xlsx":
        import openpyxl
    os.makedirs(directory, exist_ok=True)
    paths = []
    if format == "csv":
        for stem, data in tables:
            path = os.path.join(directory, stem + ".csv")
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        return paths
    for stem, header, rows in tables:
        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet(stem)
        ws.append(header)
        for row in rows:
            ws.append(row)
        path = os.path.join(directory, stem + ".xlsx")
        book.save(path)
        paths.append(path)
    return paths


def detect_encoding(data: bytes, file: str = "data") -> str:
    """"UTF-8" or "GB18030": how ``read`` decodes these CSV bytes; ListingError for neither."""
    try:
        return _onetrip._listing_detect_encoding(data, file)
    except ValueError as e:
        raise ListingError(str(e), [Problem(file, str(e))]) from None
