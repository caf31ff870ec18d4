"""Case clocks: one case from its events (CaseClock), many from a DataFrame's
columns (clocks)."""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

from . import _onetrip
from ._onetrip import Calendar, ClockState
from .errors import InvalidArgumentError

STATUSES = ("running", "paused", "completed on time", "completed late", "overdue", "received",
            "awaiting correction", "special procedure")
LEVELS = ("normal", "yellow", "red")


class CaseClock:
    """A case's clock from its events, queried as of any date, by the law's steps
    (行政许可法 第三十二、四十二、四十四、四十五条; docs/rules.md):

        >>> clock = CaseClock([("received", date(2017, 7, 3), 20),
        ...                    ("supplement_notice", date(2017, 7, 5)),      # 一次告知补正, within 5 working days
        ...                    ("accepted", date(2017, 7, 12)),              # the corrected materials arrive
        ...                    ("special_started", date(2017, 7, 20), "专家评审", 10),  # 第四十五条, notified
        ...                    ("special_ended", date(2017, 8, 3)),
        ...                    ("extended", date(2017, 8, 10), 10)])         # 第四十二条: once, 10 days
        >>> clock.as_of(date(2017, 8, 14)).status
        'running'

    Events: ("received", date, limit), ("supplement_notice", date), ("accepted", date[, limit]),
    ("special_started", date, kind, days notified), ("special_ended", date), ("paused", date, "other"),
    ("resumed", date), ("extended", date, days), ("completed", date), ("issued", date).
    A case that starts with ("accepted", date, limit) has its limit run from that day.
    Options (keyword): the thresholds yellow_days_left, yellow_used, red_days_left, red_used,
    and the law's numbers acceptance_days (5), extension_limit (10; 15 for a joint handling;
    what another law sets), issue_days (10)."""

    def __init__(self, events: Sequence[Tuple], calendar: Optional[Calendar] = None, **thresholds):
        if isinstance(events, (str, bytes)) or not hasattr(events, "__iter__"):
            raise TypeError(f"events: expected a list of (kind, date[, days or reason]) tuples, got "
                            f"{type(events).__name__}")
        if calendar is not None and not isinstance(calendar, Calendar):
            raise TypeError(f"calendar: expected an onetrip.Calendar or None (China), got {type(calendar).__name__}")
        self.events = [tuple(e) if isinstance(e, (tuple, list)) else e for e in events]
        self.calendar = calendar if calendar is not None else Calendar.china()
        self.thresholds = dict(thresholds)
        # Check every event (and the thresholds) now, as of the last one.
        dates = [e[1] for e in self.events if isinstance(e, tuple) and len(e) > 1]
        if not dates:
            raise InvalidArgumentError("a case's events start with its receipt (received) or its acceptance "
                                       "(accepted), each with its date")
        try:
            last = max(dates)
        except TypeError:  # dates of several types: each is checked (and named) below
            last = dates[0]
        self.as_of(last)

    def as_of(self, date) -> ClockState:
        """The ClockState: status, level, accepted, due, limit, elapsed, remaining, paused_days, completed."""
        return _onetrip._clock_state(self.events, self.calendar, date, self.thresholds)

    def __eq__(self, other):
        if not isinstance(other, CaseClock):
            return NotImplemented
        return (self.events, self.calendar, self.thresholds) == (other.events, other.calendar, other.thresholds)

    __hash__ = None

    def _repr_html_(self) -> str:
        import html

        rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in event) + "</tr>"
                       for event in self.events)
        return f"<p><b>{html.escape(repr(self))}</b></p><table>{rows}</table>"

    def __repr__(self):
        return f"CaseClock({len(self.events)} events, accepted {self.events[0][1] if self.events else '-'})"


def clocks(frame, as_of, *, accepted: str = "accepted", limit: str = "limit", completed: Optional[str] = None,
           paused_days: Optional[str] = None, extension: Optional[str] = None,
           special_days: Optional[str] = None, calendar: Optional[Calendar] = None, **thresholds):
    """The clocks of many cases at once, from a DataFrame's columns: returns a
    DataFrame with due, remaining, status and level, in the frame's order and index.

    The same computation as CaseClock.as_of: a decision (completed) after `as_of` is
    not made yet; one before the acceptance, or an extension over extension_limit
    (第四十二条), is an error naming the row. special_days are 第四十五条's working days,
    kept apart from paused_days.

    Limits, extensions and paused days are whole numbers of working days: an
    integer column, or a float column whose values are integral (2.0; pandas makes
    an integer column with gaps a float one). A value that is not whole (20.9, NaN)
    or outside 32 bits is an error naming the column and the row."""
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"frame: expected a pandas DataFrame, got {type(frame).__name__}")
    names = {"accepted": accepted, "limit": limit}
    for key, column in (("completed", completed), ("paused_days", paused_days), ("extension", extension),
                        ("special_days", special_days)):
        if column is not None:
            names[key] = column
    due, remaining, status, level = _onetrip._clock_columns(
        frame[accepted].values, frame[limit].values,
        None if extension is None else frame[extension].values,
        None if paused_days is None else frame[paused_days].values,
        None if special_days is None else frame[special_days].values,
        None if completed is None else frame[completed].values,
        as_of, calendar, thresholds, names)
    return pd.DataFrame({
        "due": due,
        "remaining": remaining,
        "status": pd.Categorical.from_codes(status, STATUSES),
        "level": pd.Categorical.from_codes(level, LEVELS),
    }, index=frame.index)


__all__ = ["CaseClock", "ClockState", "clocks", "STATUSES", "LEVELS"]
