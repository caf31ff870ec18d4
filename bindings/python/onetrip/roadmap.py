"""The catalogue over time: the catalogue in force on a day, a roadmap of
dated reforms month by month, and the diff of two catalogues.

    >>> from onetrip import reforms
    >>> plan = [reforms.express_delivery(matters=["B"], effective_from="2017-07-12")]
    >>> r = onetrip.roadmap(catalog, plan, "2017-01", "2017-12", volumes="volumes-2017-07-windows.csv")
    >>> r.to_pandas()          # one row per month: savings and indicators
    >>> r.plot()               # the series, each reform's date marked

A reform holds from its `effective_from` (undated ones from the start: the
"before" state). Each month is derived from the previous one by structural
sharing; what a reform saves is what the catalogue just before it loses by
it, weighed by the share of the month's working days it is in force, at the
month's volumes (docs/reforms-format.md, "Dated reforms")."""
from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, List, NamedTuple, Optional, Union

from . import _onetrip
from .errors import existing_file, read_file

if TYPE_CHECKING:  # pragma: no cover
    import pandas

DateLike = Union[datetime.date, str]


class FieldChange(NamedTuple):
    """One difference between two catalogues: the item ("matter", "bundle", "material",
    "department", "hall" or "catalogue"), "changed", "added" or "removed", its id (a
    matter's code), the format's field name, the values before and after as JSON text
    ("" when absent), and whether the field enters a figure."""

    item: str
    change: str
    id: str
    field: str
    before: str
    after: str
    affects_figures: bool

    def __str__(self) -> str:
        head = f"{self.item} {self.id}".rstrip()
        if self.change != "changed":
            return f"{head} {self.change}"
        return f"{head} {self.field}: {self.before or '(absent)'} -> {self.after or '(absent)'}"


def _reform_values(catalog, scenario):
    from . import reforms

    if scenario is None:
        return [], ""
    if isinstance(scenario, (str, os.PathLike)):  # a scenario file, or its JSON text
        name, values = _onetrip._scenario_reforms(reforms.scenario_json(scenario))
        return values, name
    s = reforms._as_scenario(scenario)
    return [r.value(catalog) for r in s.reforms], s.name


def _month(value, what: str) -> datetime.date:
    """A month: a date (any day of it) or "YYYY-MM"."""
    if isinstance(value, str) and len(value) == 7:
        value = value + "-01"
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{what}: \"{value}\" is not a month (YYYY-MM) or a date") from None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"{what}: expected a datetime.date or \"YYYY-MM\", got {type(value).__name__}")
    return value


def as_of(catalog, day: DateLike, scenario=None):
    """The catalogue in force on `day`: the scenario's undated reforms and those dated on or
    before `day` applied, then only the matters in force that day (their effective_from /
    effective_until). A case accepted on 2017-07-11 meets the catalogue of 07-11."""
    from .catalog import Catalog

    if not isinstance(catalog, _onetrip.Catalog):
        raise TypeError(f"catalog: expected an onetrip.Catalog, got {type(catalog).__name__}")
    values, _ = _reform_values(catalog, scenario)
    return Catalog(_onetrip._as_of(catalog, values, day))


def diff(a, b) -> List[FieldChange]:
    """Every hall, department, material, matter and bundle added, removed or with a field
    that differs, field by field (a matter moved to another department is a change of its
    "department")."""
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, _onetrip.Catalog):
            raise TypeError(f"{name}: expected an onetrip.Catalog, got {type(value).__name__}")
    return [FieldChange(*row) for row in _onetrip._diff(a, b)]


class Roadmap:
    """A roadmap: per month, the savings of each dated reform and the indicators.

    `reforms` lists the dated changes in date order (label, effective_from, …): the dated
    reforms and the catalogue's own period changes ("period: …", `period` True);
    to_pandas() is the monthly series, by_reform() the month x reform table."""

    def __init__(self, columns: dict):
        if not isinstance(columns, dict) or "months" not in columns:
            raise TypeError(f"columns: expected the columns of onetrip._onetrip._roadmap, got {type(columns).__name__}"
                            " (make a Roadmap with onetrip.roadmap)")
        self._columns = columns
        self.volume_weighted: bool = columns["volume_weighted"]
        self.before: dict = dict(columns["before"])
        #: The case log's rows skipped (roadmap(case_log=...)), each an onetrip.Problem at its line.
        self.skipped: list = list(columns.get("skipped", []))

    @property
    def reforms(self) -> "pandas.DataFrame":
        """The dated changes, in date order, indexed by their position in the scenario (a
        period change: the scenario's reform count + its rank among the period changes):
        effective_from, label, matters_changed and bundles_changed (whose figures it changed),
        and period (a change of the catalogue's own validity periods, not a reform)."""
        import pandas as pd

        return pd.DataFrame(self._columns["reforms"]).set_index("position")

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per month (a DatetimeIndex of each month's first day): workdays, volume,
        trips/worst_case/windows/days saved, and the indicators of the catalogue in force on
        the month's last day (share_zero_trips, share_at_most_one_trip, mean_trips, …)."""
        import pandas as pd

        frame = pd.DataFrame(self._columns["months"])
        frame["month"] = pd.to_datetime(frame["month"])
        return frame.set_index("month")

    def by_reform(self, figure: str = "trips_saved") -> "pandas.DataFrame":
        """A month x reform table of one figure (trips_saved, worst_case_saved,
        windows_saved, days_saved or share_in_force), columns named by the reforms' labels."""
        import pandas as pd

        if not isinstance(figure, str):
            raise TypeError(f"figure: expected a str, got {type(figure).__name__}")
        if figure not in ("trips_saved", "worst_case_saved", "windows_saved", "days_saved", "share_in_force"):
            raise ValueError(f"figure: \"{figure}\" is not a figure of the roadmap")
        long = pd.DataFrame(self._columns["by_reform"])
        long["month"] = pd.to_datetime(long["month"])
        table = long.pivot(index="month", columns="reform", values=figure)
        labels = self._columns["reforms"]["label"]
        table.columns = [f"R{k + 1} {labels[k]}" for k in table.columns]
        return table

    def plot(self, ax=None, figure: str = "trips_saved"):
        """A matplotlib chart: `figure` per month stacked by reform, the 最多跑一次 实现率 on a
        second axis, and each reform's date marked (not the period changes'). Returns the axes."""
        import matplotlib.pyplot as plt

        if not isinstance(figure, str):
            raise TypeError(f"figure: expected a str, got {type(figure).__name__}")
        if ax is not None and not hasattr(ax, "bar"):
            raise TypeError(f"ax: expected matplotlib axes or None, got {type(ax).__name__}")
        if ax is None:
            _, ax = plt.subplots(figsize=(10, 5))
        table = self.by_reform(figure)
        months = self.to_pandas()
        if not table.empty:
            bottom = None
            for column in table.columns:
                values = table[column].to_numpy()
                ax.bar(table.index, values, width=20, bottom=bottom, label=column)
                bottom = values if bottom is None else bottom + values
        ax.set_ylabel(figure.replace("_", " ") + " per month")
        reforms = self._columns["reforms"]
        for date, period in zip(reforms["effective_from"], reforms["period"]):
            if period:  # the catalogue's own period changes may be many: the reforms' dates are marked
                continue
            ax.axvline(datetime.datetime.combine(date, datetime.time()), color="grey", linestyle=":", linewidth=1)
        share = ax.twinx()
        share.plot(months.index, 100 * months["share_at_most_one_trip"], color="black", marker="o",
                   label="最多跑一次 实现率 (%)")
        share.set_ylabel("at most one trip (%)")
        share.set_ylim(0, 100)
        if not table.empty:
            ax.legend(loc="upper left", fontsize="small")
        return ax

    def __eq__(self, other):
        """The same months, reforms and figures."""
        if not isinstance(other, Roadmap):
            return NotImplemented
        return (self.volume_weighted == other.volume_weighted and self.before == other.before
                and self.skipped == other.skipped
                and self.to_pandas().equals(other.to_pandas()) and self.reforms.equals(other.reforms)
                and self.by_reform().equals(other.by_reform()))

    __hash__ = None

    def _repr_html_(self) -> str:
        from .results import frame_html

        return frame_html(self.to_pandas(), repr(self))

    def __repr__(self) -> str:
        months = self._columns["months"]["month"]
        span = f"{months[0]:%Y-%m} to {months[-1]:%Y-%m}" if months else "no months"
        periods = int(sum(bool(p) for p in self._columns["reforms"]["period"]))
        reforms = len(self._columns["reforms"]["label"]) - periods
        changes = f", {periods} period changes" if periods else ""
        skipped = f", {len(self.skipped)} case-log rows skipped" if self.skipped else ""
        return (f"<onetrip.Roadmap {span}, {reforms} dated reforms{changes}, "
                f"{float(sum(self._columns['months']['trips_saved'])):.1f} trips saved{skipped}>")


def roadmap(catalog, scenario, start, end, volumes=None, *, monthly=None, calendar=None,
            situation_volumes=None, case_log=None, strict: bool = False) -> Roadmap:
    """The roadmap of `scenario`'s dated reforms from the month of `start` to that of `end`
    (dates or "YYYY-MM"). `volumes`: one month's cases (as onetrip.compare takes them), used
    for every month without its own; `monthly`: a "month,id,volume" CSV path or text.
    `case_log`: the months' own volumes counted from a case log instead — a path, the CSV text
    (both as Report.add_csv takes them) or a DataFrame (as Report.add_frame takes it): each case
    the report would count counts for its matter in the month it was accepted (`accepted`, else
    `received`), in the roadmap's months only. Its bad rows (the report's, a case naming no
    matter, a matter not in force the day it was accepted) are skipped and listed in
    Roadmap.skipped; with `strict` they raise CaseRecordsError, every one named.
    `situation_volumes`: cases or shares per situation, holding in every month (a CSV path or
    text, a DataFrame of matter, situation and volume or share, or an onetrip.Volumes): a matter
    with any is weighed by its situations' own figures before and after each reform; shares
    split each month's cases of the matter, cases are its cases every month.
    ScenarioError / VolumesError list every problem at its path or line."""
    from .cases import _frame_columns
    from .compare import _situation_volumes, _volumes

    if not isinstance(catalog, _onetrip.Catalog):
        raise TypeError(f"catalog: expected an onetrip.Catalog, got {type(catalog).__name__}")
    if not isinstance(strict, bool):
        raise TypeError(f"strict: expected a bool, got {type(strict).__name__}")
    if monthly is not None and case_log is not None:
        raise ValueError("give the months' own volumes once: monthly= or case_log=, not both")
    values, name = _reform_values(catalog, scenario)
    v = _volumes(catalog, volumes)
    text = None
    if monthly is not None:
        if not isinstance(monthly, (str, os.PathLike)):
            raise TypeError(f"monthly: expected a CSV path or text, got {type(monthly).__name__}")
        text = monthly if isinstance(monthly, str) and monthly.startswith("month") else read_file(monthly, "monthly")
    log_text = log_file = log_frame = None
    if case_log is not None:
        if isinstance(case_log, os.PathLike) or (isinstance(case_log, str) and "\n" not in case_log):
            log_file = existing_file(case_log, "case_log")
        elif isinstance(case_log, str):
            log_text = case_log
        elif hasattr(case_log, "columns") and hasattr(case_log, "dtypes"):
            log_frame = _frame_columns(case_log)
        else:
            raise TypeError(f"case_log: expected a CSV path or text or a DataFrame, got {type(case_log).__name__}")
    situations, shares = [], False
    if situation_volumes is not None:
        raw = _situation_volumes(catalog, situation_volumes)._raw()
        situations, shares = raw[3], raw[4]
    return Roadmap(_onetrip._roadmap(catalog, values, name, calendar, _month(start, "start"), _month(end, "end"),
                                     v.matters, v.bundles, text, situations, shares, log_text, log_file, log_frame,
                                     strict))
