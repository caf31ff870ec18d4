"""The monthly statistics report (case clocks: clock.py)."""
from __future__ import annotations

import datetime
import os
from typing import Iterable, List, Optional, Sequence, Tuple

from . import _onetrip
from ._onetrip import Calendar

# Case clocks live in clock.py; these names stay importable from here.
from .clock import LEVELS, STATUSES, CaseClock, clocks  # noqa: E402,F401

CASE_COLUMNS = ["case_id", "matter", "department", "hall", "kind", "received", "completed", "fee", "joint"]


class Report:
    """The monthly report as an accumulator: add cases (CSV or a DataFrame), merge
    partial reports exactly, then finish for a month."""

    def __init__(self, calendar: Optional[Calendar] = None, catalog=None):
        self._report = _onetrip._Report(calendar or Calendar.china(), catalog)
        self.catalog = catalog

    def add_csv(self, source, strict: bool = False) -> List:
        """Case records from a CSV path or text; returns the skipped rows' problems
        (strict: raises CaseRecordsError and adds nothing)."""
        text = os.fspath(source)
        if "\n" not in text and os.path.exists(text):
            with open(text, encoding="utf-8") as f:
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


class ReportTable:
    """One month's report: windows per hall and halls, as DataFrames or the bulletin's CSV."""

    def __init__(self, table):
        self._table = table
        self.year, self.month = table.year, table.month

    def windows_frame(self, hall: Optional[str] = None):
        import pandas as pd

        frame = pd.DataFrame(self._table.windows_rows())
        return frame if hall is None else frame[frame.hall == hall].reset_index(drop=True)

    def halls_frame(self):
        import pandas as pd

        return pd.DataFrame(self._table.halls_rows())

    def windows_csv(self, hall: str) -> str:
        return self._table.windows_csv(hall)

    def halls_csv(self, except_hall: str = "") -> str:
        return self._table.halls_csv(except_hall)
