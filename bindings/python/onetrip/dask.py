"""onetrip on Dask: the monthly report, evaluation and what-if over partitioned data.

A county's case log fits one machine; a province's (10^8 cases a year across
90-odd counties) may not. This module runs onetrip's mergeable accumulators and
pure evaluations on Dask (Debian: python3-dask, python3-distributed), on
whatever scheduler is current: a ``distributed.Client`` connected to a cluster
(``Client("tcp://scheduler:8786")``), a ``LocalCluster``, or Dask's threads.
Dask is optional: ``import onetrip`` never imports it, ``import onetrip.dask``
does.

    >>> import onetrip, onetrip.dask
    >>> from distributed import Client
    >>> client = Client("tcp://scheduler:8786")          # or Client(LocalCluster(n_workers=2))
    >>> table = onetrip.dask.report("cases/*.csv", "2017-07", catalog=yuyao)
    >>> table.to_pandas("windows")                  # the single-machine ReportTable

What travels over the network: the calendar (its rules, ~19 kB pickled for the
China calendar) and the catalogue (canonical JSON deflated, ~100 kB for 3,000
matters) once to each worker that needs them; case records never leave the
worker that reads them; a partial report travels as its state (names, tallies
and counts: a few kB to tens of kB, whatever the number of cases) up a tree
of merges. For evaluate and compare, the catalogues (or just their paths, of
the JSON or of a binary snapshot), the scenario once, and back the per-county
frames and totals.

Exactness: every report figure is a sum, so partials merged in any grouping
give the same figures; partials are merged in partition order so rows come
in the same first-seen order as on one machine. A partial is an immutable value
keyed by its partition: a worker that dies loses only values Dask recomputes
from their inputs, and each partition is counted once in the merge tree.
"""
from __future__ import annotations

import dataclasses
import datetime
import errno
import glob
import os
import re
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import dask
import dask.bag
import dask.dataframe
from dask.delayed import Delayed

from . import _onetrip
from ._onetrip import Calendar, Indicators
from .cases import CASE_COLUMNS, Report, ReportTable
from .catalog import Catalog
from .compare import ComparisonTotals, compare as _compare
from .errors import CaseRecordsError, MissingFileError, Problem, existing_file, warn_deprecated
from .results import _FormerDict

if TYPE_CHECKING:  # pragma: no cover
    import numpy

__all__ = [
    "ProvinceComparison",
    "ProvinceEvaluation",
    "ProvinceIndicators",
    "accumulate",
    "compare",
    "evaluate",
    "merge",
    "read_cases",
    "report",
]

#: Partials merged per node of the merge tree (Dask's split_every).
SPLIT_EVERY = 8

_LINE = re.compile(r"^line (\d+)$")


# ---- case records -----------------------------------------------------------


def read_cases(paths: Union[str, Sequence[str]]) -> "dask.dataframe.DataFrame":
    """Case records from CSV files (a glob, a path or a list of them) as a Dask
    DataFrame: one partition per file, every column as text (the report reads
    dates and fees itself, exactly), plus ``source`` (the file) and ``line``
    (the record's first line in it), which report() uses to name bad rows."""
    frame = dask.dataframe.read_csv(paths, blocksize=None, dtype=str, keep_default_na=False, na_filter=False,
                                    include_path_column="source")
    meta = frame._meta.assign(source=frame._meta["source"].astype(str), line=frame._meta.index.astype("int64"))
    return frame.map_partitions(_with_lines, meta=meta)


def _spans(frame, columns) -> "numpy.ndarray":
    """The lines each record spans: one, plus one per line break inside its fields."""
    import numpy as np

    spans = np.ones(len(frame), dtype="int64")
    for column in columns:
        values = frame[column]
        if values.dtype == object and "\n" in "".join(map(str, values.tolist())):  # rare: count them then
            spans += values.str.count("\n").fillna(0).to_numpy(dtype="int64")
    return spans


def _starts(spans) -> "numpy.ndarray":
    """The line where each record begins, the header being line 1."""
    import numpy as np

    return 2 + np.concatenate(([0], np.cumsum(spans)[:-1])).astype("int64") if len(spans) else spans


def _with_lines(frame):
    frame = frame.assign(source=frame["source"].astype(str))
    return frame.assign(line=_starts(_spans(frame, [c for c in frame.columns if c != "source"])))


def _month(month) -> Tuple[int, int]:
    if isinstance(month, tuple) and len(month) == 2:
        return int(month[0]), int(month[1])
    if isinstance(month, (datetime.date, datetime.datetime)):
        return month.year, month.month
    if isinstance(month, str):
        found = re.fullmatch(r"(\d{4})-(\d{1,2})", month.strip())
        if found:
            return int(found.group(1)), int(found.group(2))
    raise TypeError(f"month: expected 'YYYY-MM', (year, month) or a date, got {month!r}")


def _frame_text(frame) -> Tuple[str, List[int]]:
    """A partition as the CSV the report reads, and the line in that text
    where each row begins (to name a bad row by its source and line)."""
    # The optional columns the report reads (limit; accepted, from which a limit counts: 第四十二条).
    columns = CASE_COLUMNS + [c for c in ("limit", "accepted") if c in frame.columns]
    missing = [c for c in CASE_COLUMNS if c not in frame.columns]
    if missing:
        raise CaseRecordsError(f"case records: the columns {missing} are missing")
    out = frame[columns].copy()
    for column in columns:
        values = out[column]
        if values.dtype != object:
            if column in ("received", "completed", "accepted"):
                values = values.dt.strftime("%Y-%m-%d")
            elif values.dtype == bool or (column in ("joint", "limit") and values.dtype.kind == "f"):
                values = values.astype("Int64")  # 0/1 and whole days, not "True" or "20.0"
            out[column] = values.astype(str).where(values.notna(), "")
        else:
            out[column] = values.where(values.notna(), "").astype(str)
    return out.to_csv(index=False, lineterminator="\n"), _starts(_spans(out, columns)).tolist()


def _placed(problems: Iterable, where) -> List[Problem]:
    """Problems whose path is "line N" of a partition's text, placed by `where(N)`."""
    out = []
    for p in problems:
        found = _LINE.match(p.path)
        out.append(Problem(where(int(found.group(1))) if found else where(None) + ": " + p.path, p.message))
    return out


def _partial_of_frame(frame, calendar: Calendar, catalog, strict: bool, partition: int):
    """One partition's partial report: (state bytes, problems named by source and line)."""
    import bisect

    text, starts = _frame_text(frame)
    sources = frame["source"].astype(str).tolist() if "source" in frame.columns else None
    lines = frame["line"].tolist() if "line" in frame.columns else None

    def where(n):
        if n is None or not starts:
            return f"partition {partition}"
        row = max(0, bisect.bisect_right(starts, n) - 1)
        if sources is not None and lines is not None:
            return f"{sources[row]}, line {int(lines[row]) + (n - starts[row])}"
        return f"partition {partition}, row {row}"

    report = _onetrip._Report(calendar, catalog)
    try:
        problems = report.add_csv(text, strict)
    except CaseRecordsError as e:
        raise CaseRecordsError(str(e), _placed(e.problems, where)) from None
    return report.__getstate__()[1], _placed(problems, where)


def _partial_of_file(path: str, calendar: Calendar, catalog, strict: bool):
    """One file's partial report, read by the library's own CSV reader."""
    report = _onetrip._Report(calendar, catalog)
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()

    def where(n):
        return f"{path}, line {n}" if n is not None else path

    try:
        problems = report.add_csv(text, strict)
    except CaseRecordsError as e:
        raise CaseRecordsError(f"{path}: {e}", _placed(e.problems, where)) from None
    return report.__getstate__()[1], _placed(problems, where)


def _merge_states(calendar: Calendar, catalog, *parts):
    """Partials merged in order into one (state bytes, problems)."""
    merged = _onetrip._Report(calendar, catalog)
    problems: List[Problem] = []
    for state, found in parts:
        merged.merge(_onetrip._Report._from_state(calendar, catalog, state))
        problems.extend(found)
    return merged.__getstate__()[1], problems


def _tree(parts: List, combine, *args, split_every: int = SPLIT_EVERY):
    """A merge tree over delayed values, kept in order: groups of split_every."""
    if split_every < 2:
        raise ValueError(f"split_every: expected 2 or more, got {split_every}")
    if not parts:
        raise ValueError("no partitions to merge")
    level = list(parts)
    while len(level) > 1:
        level = [dask.delayed(combine, pure=True)(*args, *level[i:i + split_every])
                 for i in range(0, len(level), split_every)]
    if len(parts) == 1:
        return dask.delayed(combine, pure=True)(*args, level[0])
    return level[0]


def _case_paths(cases) -> Optional[List[str]]:
    """The files of a glob, a path or a list of paths; None for a Dask DataFrame."""
    if isinstance(cases, dask.dataframe.DataFrame):
        return None
    if isinstance(cases, (str, os.PathLike)):
        cases = [cases]
    paths: List[str] = []
    for item in cases:
        text = os.fspath(item)
        found = sorted(glob.glob(text)) if glob.has_magic(text) else [existing_file(text, "cases")]
        if not found:
            raise MissingFileError(errno.ENOENT, "cases: no file matches the pattern", text)
        paths.extend(found)
    return paths


def accumulate(cases, *, calendar: Optional[Calendar] = None, catalog=None, strict: bool = False,
               problems: Optional[list] = None, split_every: int = SPLIT_EVERY) -> Report:
    """The report of every case, as one Report: a partial per partition, merged
    in a tree. `cases` is a Dask DataFrame of case records (read_cases, or any
    with the CSV's columns; dates as dates or ISO text), or CSV files (a glob, a
    path or a list), each read on a worker by the library's own reader.

    Bad rows are skipped and appended to `problems` (if given) named by file
    and line ("cases-03.csv, line 7"); with `strict`, the first partition with
    a bad row raises CaseRecordsError listing them, and nothing is returned."""
    calendar = calendar or Calendar.china()
    if not isinstance(calendar, Calendar):
        raise TypeError(f"calendar: expected an onetrip.Calendar, got {type(calendar).__name__}")
    if catalog is not None and not isinstance(catalog, _onetrip.Catalog):
        raise TypeError(f"catalog: expected an onetrip.Catalog, got {type(catalog).__name__}")
    on_calendar = dask.delayed(calendar, pure=False)
    on_catalog = dask.delayed(catalog, pure=False)
    paths = _case_paths(cases)
    if paths is None:
        parts = [dask.delayed(_partial_of_frame, pure=True)(part, on_calendar, on_catalog, strict, i)
                 for i, part in enumerate(cases.to_delayed())]
    else:
        parts = [dask.delayed(_partial_of_file, pure=True)(path, on_calendar, on_catalog, strict) for path in paths]
    state, found = _tree(parts, _merge_states, on_calendar, on_catalog, split_every=split_every).compute()
    if problems is not None:
        problems.extend(found)
    report = Report.__new__(Report)
    report.__setstate__({"calendar": calendar, "catalog": catalog, "state": state})
    return report


def report(cases, month, *, calendar: Optional[Calendar] = None, catalog=None, strict: bool = False,
           problems: Optional[list] = None, split_every: int = SPLIT_EVERY) -> ReportTable:
    """The month's report ("2017-07", (2017, 7) or a date) over partitioned case
    records: the same ReportTable, figure for figure and row for row, as
    Report.add_csv over every record on one machine (see accumulate)."""
    year, number = _month(month)
    return accumulate(cases, calendar=calendar, catalog=catalog, strict=strict, problems=problems,
                      split_every=split_every).finish(year, number)


def _merge_reports(*reports: Optional[Report]) -> Optional[Report]:
    """Reports merged in order into a new one (None for none); the inputs are
    unchanged, as Dask wants of a task's inputs."""
    reports = tuple(r for r in reports if r is not None)
    if not reports:
        return None
    calendar = reports[0]._report.__getstate__()[0]
    merged = Report(calendar=calendar, catalog=reports[0].catalog)
    for r in reports:
        merged.merge(r)  # FailedPreconditionError on another calendar or catalogue
    return merged


def merge(reports, *, split_every: int = SPLIT_EVERY) -> Report:
    """Partial Reports (a Dask bag, or a list of Reports or of Delayed Reports)
    merged in a tree, in order, into a new Report; the inputs are unchanged.
    Partials made on different calendars or catalogues are refused
    (FailedPreconditionError naming both)."""
    if isinstance(reports, dask.bag.Bag):
        parts = [dask.delayed(lambda partition: _merge_reports(*partition), pure=True)(p)
                 for p in reports.to_delayed()]
    else:
        parts = [r if isinstance(r, Delayed) else dask.delayed(r) for r in reports]
    merged = _tree(parts, _merge_reports, split_every=split_every).compute()
    if merged is None:
        raise ValueError("no reports to merge")
    return merged


# ---- catalogues, county by county ----------------------------------------


def _counties(catalogs, volumes: Optional[Mapping] = None) -> "dask.bag.Bag":
    """(county, catalogue or path) pairs as a bag of one county per partition;
    with `volumes`, (county, catalogue, its volumes) triples, so that each task
    carries its own county's volumes only."""
    if isinstance(catalogs, dask.bag.Bag):
        return catalogs
    if isinstance(catalogs, Mapping):
        items = list(catalogs.items())
    else:
        items = [(getattr(c, "name", str(i)) if not isinstance(c, (str, os.PathLike)) else os.fspath(c), c)
                 for i, c in enumerate(catalogs)]
    names = [name for name, _ in items]
    if len(set(names)) != len(names):
        raise ValueError("catalogs: two counties with the same name; give a mapping county -> catalogue")
    if volumes is not None:
        items = [(name, value, volumes.get(name)) for name, value in items]
    return dask.bag.from_sequence(items, npartitions=max(1, len(items)))


def _catalog(value) -> Catalog:
    if isinstance(value, Catalog):
        return value
    if isinstance(value, _onetrip.Catalog):
        return Catalog(value)
    if isinstance(value, (str, os.PathLike)):
        # A binary snapshot (Catalog.save_snapshot) loads many times faster than the JSON on every worker.
        return Catalog.load_snapshot(value) if Catalog.is_snapshot(value) else Catalog.load(value)
    raise TypeError(f"catalogs: expected an onetrip.Catalog or a path, got {type(value).__name__}")


# What a county adds to the province's indicators: every indicator is a ratio
# of two of these sums (onetrip's indicators(): lib/evaluate.cpp).
_SUMS = ("matters", "zero", "one", "trips", "worst", "immediate", "ratio_sum", "ratio_weight", "bundles",
         "bundle_zero", "bundle_one", "bundle_trips")


def _evaluate_county(item, start, calendar: Optional[Calendar], threads: int):
    county, value = item
    catalog = _catalog(value)
    evaluation = catalog.evaluate(start, calendar=calendar, threads=threads)
    frame = evaluation.to_pandas("all")
    matters = evaluation.to_pandas("matters")
    bundles = evaluation.to_pandas("bundles")
    ratio_sum = 0.0
    ratio_weight = 0
    for m in catalog.matters:  # the promised/legal ratio, over promised matters with a legal limit in its unit
        if (m.project_type == "promised" and m.legal_limit is not None and m.legal_limit > 0
                and m.legal_unit == m.promised_unit):
            ratio_sum += 1.0 * m.promised_limit / m.legal_limit
            ratio_weight += 1
    mf = catalog.to_pandas()
    sums = {
        "matters": len(matters), "zero": int((matters.trips == 0).sum()), "one": int((matters.trips <= 1).sum()),
        "trips": int(matters.trips.sum()), "worst": int(matters.worst_case.sum()),
        "immediate": int((mf.project_type == "immediate").sum()), "ratio_sum": ratio_sum,
        "ratio_weight": ratio_weight, "bundles": len(bundles), "bundle_zero": int((bundles.trips == 0).sum()),
        "bundle_one": int((bundles.trips <= 1).sum()), "bundle_trips": int(bundles.trips.sum()),
    }
    return county, frame, catalog.indicators(), sums


@dataclasses.dataclass(frozen=True)
class ProvinceIndicators(_FormerDict):
    """The province's indicators, computed from the counties' sums (not an average of their
    shares): the fields of onetrip.Indicators, unweighted."""

    matters: int
    share_zero_trips: float
    share_at_most_one_trip: float
    mean_trips: float
    mean_worst_case: float
    share_immediate: float
    mean_promised_legal_ratio: float
    bundles: int
    bundle_share_zero_trips: float
    bundle_share_at_most_one_trip: float
    bundle_mean_trips: float
    weighted: bool
    volume: float

    _former_name = "total"


if tuple(f.name for f in dataclasses.fields(ProvinceIndicators)) != Indicators._fields:  # pragma: no cover
    raise ImportError("onetrip.dask.ProvinceIndicators no longer has the fields of onetrip.Indicators")


def _indicators_row(s: Dict[str, float]) -> ProvinceIndicators:
    def ratio(a, b):
        return s[a] / s[b] if s[b] else 0.0

    return ProvinceIndicators(
        matters=int(s["matters"]), share_zero_trips=ratio("zero", "matters"),
        share_at_most_one_trip=ratio("one", "matters"), mean_trips=ratio("trips", "matters"),
        mean_worst_case=ratio("worst", "matters"), share_immediate=ratio("immediate", "matters"),
        mean_promised_legal_ratio=ratio("ratio_sum", "ratio_weight"), bundles=int(s["bundles"]),
        bundle_share_zero_trips=ratio("bundle_zero", "bundles"),
        bundle_share_at_most_one_trip=ratio("bundle_one", "bundles"),
        bundle_mean_trips=ratio("bundle_trips", "bundles"), weighted=False, volume=0.0,
    )


class ProvinceEvaluation(NamedTuple):
    """evaluate()'s answer: each county's frame (Catalog.evaluate().to_pandas("all"),
    indexed by kind and id) and Indicators, and the province's indicators
    computed from the counties' sums (not an average of their shares)."""

    frames: Dict[str, Any]
    indicators: Dict[str, Indicators]
    total: ProvinceIndicators

    def to_pandas(self, part: str = "rows"):
        """part "rows": every county's rows in one DataFrame indexed by (county, kind, id);
        "counties": one row per county and a last row "province", the indicators."""
        import pandas as pd

        if part == "rows":
            return pd.concat(self.frames, names=["county"])
        if part == "counties":
            rows = {county: ind.to_dict() for county, ind in self.indicators.items()}
            rows["province"] = self.total.to_dict()
            return pd.DataFrame.from_dict(rows, orient="index").rename_axis("county")
        raise ValueError(f'part "{part}" is not rows or counties')

    def frame(self):
        """Deprecated: to_pandas() (this keeps the old RangeIndex, with county, kind and id columns)."""
        warn_deprecated(self, "frame", "to_pandas()")
        return self.to_pandas().reset_index()

    def counties_frame(self):
        """Deprecated: to_pandas("counties")."""
        warn_deprecated(self, "counties_frame", 'to_pandas("counties")')
        return self.to_pandas("counties").rename_axis(None)


def evaluate(catalogs, start=None, *, calendar: Optional[Calendar] = None, threads: int = 1) -> ProvinceEvaluation:
    """Every county's catalogue evaluated on the workers: `catalogs` is a mapping
    county -> catalogue (an onetrip.Catalog, or a path read on the worker: its
    JSON, or its binary snapshot, which loads many times faster), a list of
    catalogues (named by their names), or a Dask bag of (county, catalogue)
    pairs. `start` and `calendar` as Catalog.evaluate. `threads` is for each
    county, on its worker (0: one per CPU the worker's process may use; several
    workers on one machine with 0 start more threads together than it has)."""
    counties = _counties(catalogs)
    on_calendar = dask.delayed(calendar, pure=False)
    results = counties.map(_evaluate_county, start, on_calendar, threads).compute()
    frames, indicators, total = {}, {}, dict.fromkeys(_SUMS, 0)
    for county, frame, ind, sums in results:
        frames[county], indicators[county] = frame, ind
        for key in _SUMS:
            total[key] += sums[key]
    return ProvinceEvaluation(frames, indicators, _indicators_row(total))


def _compare_county(item, scenario, volumes: Optional[Mapping], threads: int):
    if len(item) == 3:  # (county, catalogue, its volumes): each task gets its own county's volumes
        county, value, county_volumes = item
    else:
        county, value = item
        county_volumes = None if volumes is None else volumes.get(county)
    base = _catalog(value)
    after = base.apply(scenario)  # on the worker: the derived catalogue never travels
    result = _compare(base, after, county_volumes, threads=threads)
    weight = sum(result.volumes.matters.values()) if result.totals.weighted else float(len(base))
    return county, result.to_pandas(), result.totals, weight


class ProvinceComparison(NamedTuple):
    """compare()'s answer: each county's per-matter frame (Comparison.to_pandas()
    with a county column) and ComparisonTotals, and the province's totals:
    counts and savings added up county by county, shares weighted by each
    county's cases (or matters, without volumes)."""

    frames: Dict[str, Any]
    totals: Dict[str, ComparisonTotals]
    total: ComparisonTotals

    def to_pandas(self, part: str = "matters"):
        """part "matters": every county's matters in one DataFrame indexed by (county, code);
        "counties": one row per county and a last row "province", the totals."""
        import pandas as pd

        if part == "matters":
            return pd.concat(self.frames, names=["county"])
        if part == "counties":
            rows = {county: t.to_dict() for county, t in self.totals.items()}
            rows["province"] = self.total.to_dict()
            return pd.DataFrame.from_dict(rows, orient="index").rename_axis("county")
        raise ValueError(f'part "{part}" is not matters or counties')

    def frame(self):
        """Deprecated: to_pandas() (this keeps the old RangeIndex, with county and code columns)."""
        warn_deprecated(self, "frame", "to_pandas()")
        return self.to_pandas().reset_index()

    def counties_frame(self):
        """Deprecated: to_pandas("counties")."""
        warn_deprecated(self, "counties_frame", 'to_pandas("counties")')
        return self.to_pandas("counties").rename_axis(None)


_ADDED = ("matters_changed", "bundles_changed", "trips_saved", "worst_case_saved", "days_saved")
_SHARES = ("share_at_most_one_trip_before", "share_at_most_one_trip_after", "share_zero_trips_before",
           "share_zero_trips_after", "mean_trips_before", "mean_trips_after")


def compare(catalogs, scenario, volumes: Optional[Mapping[str, Any]] = None, *,
            threads: int = 1) -> ProvinceComparison:
    """What a scenario changes in every county: the scenario (a Scenario, a list
    of Reform, or a scenario file) travels once and is applied on the workers,
    each county's catalogue compared with its reformed self at its volumes.
    `catalogs` as evaluate(); `volumes` a mapping county -> volumes (anything
    onetrip.compare accepts: a mapping code -> cases, Volumes, a CSV path)."""
    on_scenario = dask.delayed(scenario, pure=False)  # once, not hashed: a scenario may hold a function
    if isinstance(catalogs, dask.bag.Bag):
        on_volumes = dask.delayed(dict(volumes) if volumes is not None else None, pure=False)
        results = catalogs.map(_compare_county, on_scenario, on_volumes, threads).compute()
    else:
        counties = _counties(catalogs, dict(volumes) if volumes is not None else {})
        results = counties.map(_compare_county, on_scenario, None, threads).compute()
    frames, totals = {}, {}
    added = dict.fromkeys(_ADDED, 0)
    shares = dict.fromkeys(_SHARES, 0.0)
    weight = 0.0
    weighted = bool(results) and all(t.weighted for _, _, t, _ in results)
    for county, frame, t, w in results:
        frames[county], totals[county] = frame, t
        for key in _ADDED:
            added[key] += getattr(t, key)
        for key in _SHARES:
            shares[key] += getattr(t, key) * w
        weight += w
    for key in _SHARES:
        shares[key] = shares[key] / weight if weight else 0.0
    return ProvinceComparison(frames, totals, ComparisonTotals(**added, **shares, weighted=weighted))


# ---- a roadmap of dated reforms, county by county -------------------------

# The roadmap's monthly figures that add up over counties, and the indicators
# that are shares: a province's share is the counties' shares weighted by each
# county's weight that month (its cases when volume-weighted, else its matters
# in force on the month's last day, as the single-county roadmap counts them).
_MONTH_ADDED = ("volume", "trips_saved", "worst_case_saved", "windows_saved", "days_saved")
_MONTH_SHARES = ("share_zero_trips", "share_at_most_one_trip", "mean_trips", "mean_worst_case")


def _roadmap_county(item, scenario, start, end, volumes: Optional[Mapping], monthly: Optional[Mapping],
                    calendar: Optional[Calendar], case_log: Optional[Mapping] = None,
                    situation_volumes: Optional[Mapping] = None, strict: bool = False):
    from .roadmap import as_of, roadmap as _roadmap

    county, value = item[0], item[1]
    catalog = _catalog(value)

    def of(mapping):
        return None if mapping is None else mapping.get(county)

    result = _roadmap(catalog, scenario, start, end, of(volumes), monthly=of(monthly), calendar=calendar,
                      case_log=of(case_log), situation_volumes=of(situation_volumes), strict=strict)
    frame = result.to_pandas()
    if result.volume_weighted:
        weights = frame["volume"].to_numpy(dtype=float)
    else:  # the matters in force on each month's last day, on the worker
        import pandas as pd

        weights = [float(len(as_of(catalog, (month + pd.offsets.MonthEnd(0)).date(), scenario)))
                   for month in frame.index]
    return county, result, weights


class ProvinceRoadmap(NamedTuple):
    """roadmap()'s answer: each county's Roadmap (computed on a worker) and the
    province's monthly series: savings and volumes added up county by county,
    the indicators the counties' values weighted by their cases that month
    (or by their matters in force, without volumes)."""

    roadmaps: Dict[str, Any]
    total: Any  # a pandas DataFrame indexed by month

    def to_pandas(self, part: str = "months", figure: str = "trips_saved"):
        """part "months": the province's monthly series (total), indexed by month;
        "counties": a month x county table of one figure, with a last column "province"."""
        import pandas as pd

        if part == "months":
            return self.total
        if part == "counties":
            columns = {county: r.to_pandas()[figure] for county, r in self.roadmaps.items()}
            columns["province"] = self.total[figure]
            return pd.DataFrame(columns).rename_axis(columns="county")
        raise ValueError(f'part "{part}" is not months or counties')


def roadmap(catalogs, scenario, start, end, volumes: Optional[Mapping[str, Any]] = None, *,
            monthly: Optional[Mapping[str, Any]] = None, calendar: Optional[Calendar] = None,
            case_log: Optional[Mapping[str, Any]] = None, situation_volumes: Optional[Mapping[str, Any]] = None,
            strict: bool = False) -> ProvinceRoadmap:
    """The roadmap of a scenario's dated reforms (onetrip.roadmap) in every county,
    from the month of `start` to that of `end`: the scenario travels once and each
    month's catalogue is derived on the workers. `catalogs` as evaluate();
    `volumes`, `monthly`, `case_log` and `situation_volumes` mappings county -> what
    onetrip.roadmap takes for that county (a case log given as a path is read by the
    worker, so its cases never travel); `strict` as onetrip.roadmap's, for every
    county. Every county has the same months (the same calendar)."""
    import numpy as np
    import pandas as pd

    if not isinstance(strict, bool):
        raise TypeError(f"strict: expected a bool, got {type(strict).__name__}")
    mappings = {"volumes": volumes, "monthly": monthly, "case_log": case_log, "situation_volumes": situation_volumes}
    for name, mapping in mappings.items():
        if mapping is not None and not isinstance(mapping, Mapping):
            raise TypeError(f"{name}: expected a mapping county -> value, got {type(mapping).__name__}")
    on = {name: dask.delayed(dict(mapping) if mapping is not None else None, pure=False)
          for name, mapping in mappings.items()}
    on_scenario = dask.delayed(scenario, pure=False)
    on_calendar = dask.delayed(calendar, pure=False)
    results = _counties(catalogs).map(_roadmap_county, on_scenario, start, end, on["volumes"], on["monthly"],
                                      on_calendar, on["case_log"], on["situation_volumes"], strict).compute()
    if not results:
        raise ValueError("catalogs: no county")
    roadmaps = {county: r for county, r, _ in results}
    frames = [r.to_pandas() for _, r, _ in results]
    total = pd.DataFrame(index=frames[0].index)
    total["workdays"] = frames[0]["workdays"]
    for key in _MONTH_ADDED:
        total[key] = sum(f[key].to_numpy(dtype=float) for f in frames)
    weights = [np.asarray(w, dtype=float) for _, _, w in results]
    weight = sum(weights)
    for key in _MONTH_SHARES:
        weighted = sum(f[key].to_numpy(dtype=float) * w for f, w in zip(frames, weights))
        total[key] = np.divide(weighted, weight, out=np.zeros_like(weighted), where=weight > 0)
    return ProvinceRoadmap(roadmaps, total)
