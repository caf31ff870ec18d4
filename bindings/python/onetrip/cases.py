"""The monthly statistics report (case clocks: clock.py)."""
from __future__ import annotations

import datetime
import os
from typing import Iterable, List, NamedTuple, Optional, Sequence, Tuple

from . import _onetrip, _progress
from ._onetrip import Calendar
from .errors import existing_file, warn_deprecated

# Case clocks live in clock.py; these names stay importable from here.
from .clock import LEVELS, STATUSES, CaseClock, clocks  # noqa: E402,F401

CASE_COLUMNS = ["case_id", "matter", "department", "hall", "kind", "received", "completed", "fee", "joint"]


def _is_categorical(series) -> bool:
    import pandas as pd

    return isinstance(series.dtype, pd.CategoricalDtype)


def _dictionary(series):
    """A text column as (int32 codes, categories): a categorical's own codes,
    else pandas.factorize (missing values get -1, an empty text)."""
    import numpy as np
    import pandas as pd

    if _is_categorical(series):
        return series.cat.codes.to_numpy(np.int32), [str(c) for c in series.cat.categories]
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int32, copy=False), [str(u) for u in uniques]


def _timed(name: str, row: int, value) -> ValueError:
    return ValueError(f"{name}: {value} at row {row} has a time of day; a case's dates are days "
                      f"(use .dt.normalize() or .dt.date)")


def _days(series, name: str):
    """A date column as days since 1970-01-01 (NaT: none), from datetime64
    values or from dates or ISO text (each distinct value parsed once). A zoned
    column gives its wall-clock dates (NumPy would take each instant's day in
    UTC: a case received on 1 August in Shanghai counted in July); a time of
    day is refused, not dropped."""
    import numpy as np
    import pandas as pd

    if series.dtype.kind == "M":
        if getattr(series.dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        values = series.to_numpy()
        days = values.astype("datetime64[D]")
        timed = ~np.isnat(values) & (days.astype(values.dtype) != values)
        if timed.any():
            row = int(np.argmax(timed))
            raise _timed(name, row, pd.Timestamp(values[row]))
        return days.view(np.int64)
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    days = np.empty(len(uniques) + 1, dtype=np.int64)
    days[-1] = np.iinfo(np.int64).min  # code -1: missing
    for i, value in enumerate(uniques):
        if isinstance(value, datetime.datetime):
            if value.time() != datetime.time(0) or getattr(value, "nanosecond", 0):
                raise _timed(name, int(np.argmax(codes == i)), value)
            value = value.date()
        if isinstance(value, datetime.date):
            days[i] = (value - datetime.date(1970, 1, 1)).days
            continue
        text = str(value)
        if text == "":
            days[i] = np.iinfo(np.int64).min
            continue
        try:
            if len(text) != 10:
                raise ValueError
            days[i] = (datetime.date.fromisoformat(text) - datetime.date(1970, 1, 1)).days
        except ValueError:
            raise ValueError(f'{name}: "{text}" is not a date in the form YYYY-MM-DD') from None
    return days[codes]


def _yuan(series):
    """Fees given as text ("12.50", "" for none) as float yuan."""
    import pandas as pd

    try:
        return pd.to_numeric(series.mask(series == ""), errors="raise").to_numpy("float64")
    except (ValueError, TypeError) as e:
        raise ValueError(f"fee: {e}") from None


def _frame_columns(frame):
    """A case log's DataFrame as the arrays the library reads (Report.add_frame, the roadmap's
    case_log=): rows, texts, received, completed, fee_fen, fee_yuan, joint, limit, limit_given,
    case_ids, accepted. A column that cannot be read raises ValueError."""
    import numpy as np

    missing = [c for c in ("hall", "kind", "received") if c not in frame.columns]
    if missing:
        raise ValueError(f"the frame has no column {', '.join(missing)} (columns: {', '.join(CASE_COLUMNS)}[, limit][, accepted])")
    rows = len(frame)
    texts = {name: _dictionary(frame[name]) for name in ("matter", "department", "hall", "kind")
             if name in frame.columns}
    case_ids = None
    if "case_id" in frame.columns:
        ids = frame["case_id"]
        if _is_categorical(ids):
            texts["case_id"] = _dictionary(ids)
        else:  # one id per case: read only for a bad row's problem
            case_ids = ids.to_numpy(dtype=object)
    received = _days(frame["received"], "received")
    completed = _days(frame["completed"], "completed") if "completed" in frame.columns else None
    fee_fen = fee_yuan = None
    if "fee" in frame.columns:
        fee = frame["fee"]
        if fee.dtype.kind in "iu":
            values = fee.to_numpy(np.int64)
            if len(values) and np.abs(values).max() > (2**63 - 1) // 100:
                raise ValueError("fee: a value is too large to count in fen")
            fee_fen = values * 100
        elif fee.dtype.kind in "fb":
            fee_yuan = fee.to_numpy(np.float64)
        else:
            fee_yuan = _yuan(fee)
    joint = None
    if "joint" in frame.columns:
        values = frame["joint"].to_numpy()
        if values.dtype.kind == "f" or values.dtype == object:
            import pandas as pd
            values = pd.to_numeric(frame["joint"], errors="raise").fillna(0).to_numpy()
        bad = ~np.isin(values, (0, 1))
        if bad.any():
            raise ValueError(f"joint: {values[bad][0]!r} at row {int(np.argmax(bad))} is not 0 or 1")
        joint = values.astype(np.uint8)
    limit = limit_given = None
    if "limit" in frame.columns:
        values = frame["limit"].to_numpy()
        low, high = np.iinfo(np.int32).min, np.iinfo(np.int32).max
        if values.dtype.kind in "iu":
            outside = (values < low) | (values > high)  # astype would wrap 2**32 + 5 to 5
            if outside.any():
                row = int(np.argmax(outside))
                raise ValueError(f"limit: {values[row]} at row {row} is outside {low}..{high}")
            limit = values.astype(np.int32)
        else:
            import pandas as pd
            values = pd.to_numeric(frame["limit"], errors="raise").to_numpy(np.float64)
            given = ~np.isnan(values)
            if (values[given] != np.round(values[given])).any():
                raise ValueError("limit: a value is not a whole number of working days")
            outside = given & ((values < low) | (values > high))
            if outside.any():
                row = int(np.argmax(outside))
                raise ValueError(f"limit: {values[row]:.0f} at row {row} is outside {low}..{high}")
            limit = np.where(given, values, 0).astype(np.int32)
            limit_given = given.astype(np.uint8)
    accepted = _days(frame["accepted"], "accepted") if "accepted" in frame.columns else None
    return (rows, texts, received, completed, fee_fen, fee_yuan, joint, limit, limit_given, case_ids, accepted)


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

    def add_csv(self, source, strict: bool = False, *, progress: "_progress.ProgressLike" = None) -> List:
        """Case records from a CSV path (os.PathLike, or a str without a line
        break) or the CSV text (RFC 4180, as Python's csv module and pandas
        write it); returns the skipped rows' problems (strict: raises
        CaseRecordsError and adds nothing). A path is read by the library in
        one pass, never decoded into a Python string; one with no file is
        MissingFileError (a FileNotFoundError). `progress`: True for a bar on
        stderr, or a callable (done, total, phase); an exception it raises
        cancels the call and leaves the report as it was."""
        callback = _progress.callback(progress)
        if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source):
            return self._report.add_csv_file(existing_file(source, "source"), strict, callback)
        if not isinstance(source, (str, bytes)):
            raise TypeError(f"source: expected a CSV path, text or bytes, got {type(source).__name__}")
        return self._report.add_csv(source, strict, callback)

    def add_frame(self, frame, strict: bool = False, *, progress: "_progress.ProgressLike" = None) -> List:
        """Case records from a DataFrame with the CSV's columns: the columns are
        read as arrays straight into the report (no text in between). Text
        columns may be strings or categoricals (read by their codes); dates
        datetime64 or ISO text (NaT/None/"" for a pending case); fee in yuan
        (numbers, NaN for none); joint 0/1 or bool; limit optional (NaN for
        none); accepted optional (the day the limit counts from, 行政许可法
        第四十二条; NaT: accepted when received). Returns the skipped rows' problems ("row i", by position);
        strict: raises CaseRecordsError and adds nothing. A column that cannot
        be read (a date that is not one, a joint that is not 0/1) raises
        ValueError and adds nothing."""
        columns = _frame_columns(frame)
        return self._report.add_columns(*columns[:10], strict, columns[10], _progress.callback(progress))

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

    def _repr_html_(self) -> str:
        import html

        calendar = self._report.__getstate__()[0]
        catalog = "no catalogue" if self.catalog is None else html.escape(repr(self.catalog))
        return (f"<p><b>Report</b>: {self.cases} cases, {self.skipped} rows skipped; on "
                f"{html.escape(repr(calendar))}, {catalog}. Finish it for a month: report.finish(year, month).</p>")

    def __eq__(self, other):
        """The same cases counted, on the same calendar and catalogue."""
        if not isinstance(other, Report):
            return NotImplemented
        return self.catalog == other.catalog and self.__getstate__() == other.__getstate__()

    __hash__ = None

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

    #: The key each part is indexed by.
    INDEX = {"windows": ["hall", "window"], "halls": ["hall"], "total": []}

    def to_pandas(self, part: str = "windows", hall: Optional[str] = None):
        """A part with every column of Report.COLUMNS, indexed by its key: "windows"
        by (hall, window) (the window is the department's), "halls" by hall, "total"
        one row labelled "total". `hall` keeps one hall's windows (indexed by window). Ratios are NaN where
        nothing is counted; fees in integer fen."""
        import pandas as pd

        if part not in self.INDEX:
            raise ValueError(f'part "{part}" is not windows, halls or total')
        frame = pd.DataFrame(self._table.columns(part), columns=[c.name for c in Report.COLUMNS])
        if part == "total":
            return frame.drop(columns=["hall", "window"]).set_axis(pd.Index(["total"], name="part"))
        if part == "halls":
            frame = frame.drop(columns=["window"])
        frame = frame.set_index(self.INDEX[part])
        if hall is not None:
            if part != "windows":
                raise ValueError("hall: only the windows part is per hall")
            frame = frame.xs(hall, level="hall") if hall in frame.index.get_level_values("hall") else \
                frame.iloc[0:0].droplevel("hall")
        return frame

    def frame(self, part: str = "windows"):
        """Deprecated: to_pandas(part) (this keeps the old RangeIndex and every column)."""
        warn_deprecated(self, "frame", "to_pandas(part)")
        return self._flat(part)

    def windows_frame(self, hall: Optional[str] = None):
        """Deprecated: to_pandas("windows", hall=…) (this keeps the old RangeIndex)."""
        warn_deprecated(self, "windows_frame", 'to_pandas("windows", hall=…)')
        frame = self._flat("windows")
        return frame if hall is None else frame[frame.hall == hall].reset_index(drop=True)

    def halls_frame(self):
        """Deprecated: to_pandas("halls") (this keeps the old RangeIndex)."""
        warn_deprecated(self, "halls_frame", 'to_pandas("halls")')
        return self._flat("halls")

    def _flat(self, part: str):
        import pandas as pd

        return pd.DataFrame(self._table.columns(part), columns=[c.name for c in Report.COLUMNS])

    def __eq__(self, other):
        if not isinstance(other, ReportTable):
            return NotImplemented
        return self._table == other._table

    __hash__ = None

    def _repr_html_(self) -> str:
        from .results import frame_html

        return (frame_html(self.to_pandas("halls"), f"{self!r}: halls")
                + frame_html(self.to_pandas("total"), "total"))

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
