"""The monthly statistics report (case clocks: clock.py)."""
from __future__ import annotations

import datetime
import os
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple

from . import _onetrip
from ._onetrip import Calendar

# Case clocks live in clock.py; these names stay importable from here.
from .clock import LEVELS, STATUSES, CaseClock, clocks  # noqa: E402,F401

CASE_COLUMNS = ["case_id", "matter", "department", "hall", "kind", "received", "completed", "fee", "joint"]


class ReportColumn(NamedTuple):
    """One column of the report: its name (the DataFrame's and the CSV's
    column), its Chinese label, and its type: "text", "count" (cases),
    "money_fen" (integer fen in frames, yuan in CSV) or "ratio" (a float in
    [0, 1], NaN when nothing is counted)."""

    name: str
    label: str
    type: str


class Report:
    """The monthly report as an accumulator: add cases (CSV or a DataFrame), merge
    partial reports exactly, then finish for a month.

    Thread rules: a Report may be shared by threads. Each call holds the
    report's own lock while it reads or changes the report (add_csv,
    add_frame and merge run one at a time, and a read waits for them), so
    cases added from several threads are all counted exactly once. Reports
    built on separate threads also merge exactly.

    A failed call changes nothing: a strict add that fails, or a merge past the
    report's bounds (its fees add up to at most 2**63 - 1 fen), leaves the
    report exactly as it was; a skipped row adds nothing but its problem."""

    #: Every column of the report's tables, in order.
    COLUMNS: List[ReportColumn] = [ReportColumn(*c) for c in _onetrip._report_columns()]

    def __init__(self, calendar: Optional[Calendar] = None, catalog=None):
        self._report = _onetrip._Report(calendar or Calendar.china(), catalog)
        self.catalog = catalog

    def add_csv(self, source, strict: bool = False) -> List:
        """Case records from a CSV path or text (RFC 4180, as Python's csv
        module and pandas write it); returns the skipped rows' problems
        (strict: raises CaseRecordsError and adds nothing)."""
        text = os.fspath(source)
        if "\n" not in text and os.path.exists(text):
            with open(text, encoding="utf-8", newline="") as f:
                text = f.read()
        return self._report.add_csv(text, strict)

    def add_frame(self, frame, strict: bool = False) -> List:
        """Case records from a DataFrame with the CSV's columns (dates as dates or ISO text)."""
        columns = CASE_COLUMNS + (["limit"] if "limit" in frame.columns else [])
        out = frame.reindex(columns=columns).copy()
        for date_column in ("received", "completed"):
            out[date_column] = [("" if v is None or v != v else (v.isoformat()[:10] if hasattr(v, "isoformat") else str(v)))
                                for v in out[date_column]]
        out = out.fillna("")
        return self._report.add_csv(out.to_csv(index=False), strict)

    def merge(self, other: "Report") -> "Report":
        """Adds the other report's cases to this one (OutOfRangeError past the bounds, nothing merged)."""
        self._report.merge(other._report)
        return self

    @property
    def cases(self) -> int:
        return self._report.cases

    @property
    def skipped(self) -> int:
        return self._report.skipped

    def finish(self, year: int, month: int) -> "ReportTable":
        return ReportTable(self._report.finish(year, month))

    def __repr__(self):
        return f"Report({self.cases} cases, {self.skipped} rows skipped)"

    # Pickling: the calendar, the catalogue and the accumulator's bytes
    # (MonthlyReport::save_state, with digests of both: a state is restored only
    # on the calendar and catalogue it was made on).
    def __getstate__(self):
        calendar, state = self._report.__getstate__()
        return {"calendar": calendar, "catalog": self.catalog, "state": state}

    def __setstate__(self, data):
        self._report = _onetrip._Report._from_state(data["calendar"], data["catalog"], data["state"])
        self.catalog = data["catalog"]


class ReportTable:
    """One month's report: windows per hall, halls and the total, as DataFrames
    with every column of Report.COLUMNS, as CSV, or as the bulletin's tables."""

    def __init__(self, table):
        self._table = table
        self.year, self.month = table.year, table.month

    def frame(self, part: str = "windows"):
        """A part ("windows", "halls" or "total") with every column, in Report.COLUMNS order."""
        import pandas as pd

        return pd.DataFrame(self._table.columns(part), columns=[c.name for c in Report.COLUMNS])

    def windows_frame(self, hall: Optional[str] = None):
        frame = self.frame("windows")
        return frame if hall is None else frame[frame.hall == hall].reset_index(drop=True)

    def halls_frame(self):
        return self.frame("halls")

    def csv(self, part: str = "windows") -> str:
        """A part with every column as CSV (money in yuan)."""
        return self._table.csv(part)

    def windows_csv(self, hall: str) -> str:
        """The bulletin's window table of one hall."""
        return self._table.windows_csv(hall)

    def halls_csv(self, except_hall: str = "") -> str:
        """The bulletin's sub-centre table: every hall but except_hall."""
        return self._table.halls_csv(except_hall)

    def __repr__(self):
        return f"ReportTable({self.year:04d}-{self.month:02d})"
