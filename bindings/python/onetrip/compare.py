"""Comparing a base catalogue with a reformed one, weighted by case volumes."""
from __future__ import annotations

import dataclasses
import math
import numbers
import os
from typing import Any, Dict, Optional, Tuple

from . import _onetrip, _progress
from .errors import InvalidArgumentError, read_file, warn_deprecated
from .results import _FormerDict


@dataclasses.dataclass(frozen=True)
class SituationVolume:
    """The cases of one situation (情形) of a matter, named by its answers as the notice takes them
    ("question=value", several separated by ";"): `volume` is cases per month, or with
    Volumes.situation_shares the share (0 to 1) of the matter's cases; `where` is the CSV line."""

    matter: str
    situation: str
    answers: Tuple[str, ...]
    volume: float
    where: str = ""


class Volumes:
    """Cases per month: per matter code and per bundle id, and per situation.

    A bundle's volume counts cases handled as the whole bundle; a matter's, its
    cases handled alone. `unassigned` lists what a window table could not place.
    `situations` (SituationVolume) weigh a matter by its situations' own figures:
    with cases, the matter's volume is their sum; with shares (`situation_shares`),
    they split the matter's volume (docs/reforms-format.md, "Volumes")."""

    def __init__(self, matters: Optional[Dict[str, float]] = None, bundles: Optional[Dict[str, float]] = None,
                 unassigned=(), situations=(), situation_shares: bool = False):
        self.matters = dict(matters or {})
        self.bundles = dict(bundles or {})
        self.unassigned = list(unassigned)
        self.situations = [s if isinstance(s, SituationVolume) else SituationVolume(s[0], s[1], tuple(s[2]), *s[3:])
                           for s in situations]
        self.situation_shares = bool(situation_shares)

    @classmethod
    def from_csv(cls, catalog, source) -> "Volumes":
        """From "id,volume" CSV, the bulletin's window table (spread over each
        window's immediate and promised matters) or situation volumes
        ("matter,situation,volume" or "matter,situation,share"): a path
        (os.PathLike, or a str without a line break) or the CSV text itself (a
        str with one). A path with no file is MissingFileError (a FileNotFoundError)."""
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError(f"volumes: expected a CSV path or text, got {type(source).__name__}")
        text = source if isinstance(source, str) and "\n" in source else read_file(source, "volumes")
        return cls(*_onetrip._load_volumes(catalog, text))

    def _raw(self):
        return (self.matters, self.bundles, self.unassigned,
                [(s.matter, s.situation, list(s.answers), s.volume, s.where) for s in self.situations],
                self.situation_shares)

    def __add__(self, other: "Volumes") -> "Volumes":
        if self.situations or other.situations:  # the library's rules: a matter's cases counted once
            return Volumes(*_onetrip._add_volumes(self._raw(), other._raw()))
        out = Volumes(self.matters, self.bundles, self.unassigned + other.unassigned)
        for k, v in other.matters.items():
            out.matters[k] = out.matters.get(k, 0) + v
        for k, v in other.bundles.items():
            out.bundles[k] = out.bundles.get(k, 0) + v
        return out

    def __eq__(self, other):
        if not isinstance(other, Volumes):
            return NotImplemented
        return ((self.matters, self.bundles, self.unassigned, self.situations, self.situation_shares) ==
                (other.matters, other.bundles, other.unassigned, other.situations, other.situation_shares))

    def __setstate__(self, state):
        self.__dict__.update({"situations": [], "situation_shares": False, **state})  # pickled before situations

    def __repr__(self):
        situations = f", {len(self.situations)} situations" if self.situations else ""
        return (f"Volumes({len(self.matters)} matters, {len(self.bundles)} bundles{situations}, "
                f"{sum(self.matters.values()):.0f} cases)")


def _situation_volumes(catalog, source) -> Volumes:
    """Situation volumes from a Volumes, a CSV path or text, or a DataFrame with the columns
    matter, situation and volume or share (its rows are read as the CSV lines after the header:
    row i is line i + 2)."""
    if isinstance(source, Volumes):
        out = source
    elif hasattr(source, "columns"):  # a DataFrame, written as the CSV the library reads
        import csv
        import io

        columns = list(source.columns)
        value = "volume" if "volume" in columns else "share" if "share" in columns else None
        if "matter" not in columns or "situation" not in columns or value is None:
            raise TypeError(f"situation_volumes: a DataFrame needs the columns matter, situation and volume or "
                            f"share; got columns {columns}")
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["matter", "situation", value])
        for matter, situation, v in zip(source["matter"], source["situation"], source[value]):
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise TypeError(f"situation_volumes: {value} of {matter} {situation!r}: expected a number, got "
                                f"{type(v).__name__}")
            writer.writerow([matter, situation, repr(float(v)) if math.isfinite(float(v)) else str(v)])
        out = Volumes.from_csv(catalog, text.getvalue())
    elif isinstance(source, (str, os.PathLike)):
        out = Volumes.from_csv(catalog, source)
    else:
        raise TypeError(f"situation_volumes: expected a CSV path or text, a DataFrame or Volumes, got "
                        f"{type(source).__name__}")
    if not out.situations:
        raise InvalidArgumentError("situation_volumes: no situation volumes (the CSV header is "
                                   "matter,situation,volume or matter,situation,share)")
    return out


def _situation_raw(catalog, source):
    """_situation_volumes as the library's tuple (for Evaluation.indicators)."""
    return _situation_volumes(catalog, source)._raw()


def _frame_volumes(frame) -> Dict[str, Any]:
    """A DataFrame of volumes as a mapping id -> cases: a "volume" column with the ids in
    an "id" (or "code", or "bundle") column or in the index, or a frame of one column
    indexed by id. An id given twice is an error naming it."""
    columns = list(frame.columns)
    if "volume" in columns:
        values = frame["volume"]
        for key in ("id", "code", "bundle"):
            if key in columns:
                values = values.set_axis(frame[key])
                break
    elif len(columns) == 1:
        values = frame[columns[0]]
    else:
        raise TypeError(f"volumes: a DataFrame needs a 'volume' column (with the ids in 'id', 'code' or the "
                        f"index), or one column indexed by id; got columns {columns}")
    duplicated = values.index[values.index.duplicated()].unique()
    if len(duplicated):
        raise InvalidArgumentError(f"volumes: {', '.join(map(str, duplicated[:5]))} given more than once")
    return {str(k): v for k, v in values.items()}


def _cases(key, value) -> float:
    """A volume: a finite, non-negative number of cases (inf and NaN would make every figure NaN)."""
    if isinstance(value, (bool, str, bytes)) or not isinstance(value, numbers.Real):
        raise TypeError(f'volumes["{key}"]: expected a number of cases, got {type(value).__name__}')
    cases = float(value)
    if not math.isfinite(cases) or cases < 0:
        raise InvalidArgumentError(f'volumes["{key}"]: {value!r} is not a finite, non-negative number of cases')
    return cases


def _volumes(catalog, volumes) -> Volumes:
    if volumes is None:
        return Volumes()
    if isinstance(volumes, Volumes):
        return volumes
    if isinstance(volumes, (str, os.PathLike)):
        return Volumes.from_csv(catalog, volumes)
    if isinstance(volumes, (list, tuple)):
        total = Volumes()
        for v in volumes:
            total = total + _volumes(catalog, v)
        return total
    if hasattr(volumes, "columns"):  # a DataFrame
        volumes = _frame_volumes(volumes)
    if not hasattr(volumes, "items"):
        raise TypeError(f"volumes: expected None, Volumes, a mapping id -> cases, a DataFrame, a CSV path or a "
                        f"list of these, got {type(volumes).__name__}")
    if type(volumes) is dict:  # plain ids and counts split in one compiled pass; anything else as below
        split = _onetrip._split_volumes(catalog, volumes)
        if split is not None:
            return Volumes(*split)
    items = dict(volumes.items())  # a dict or a pandas Series, by code or bundle id
    bundle_ids = {b.id for b in catalog.bundles}
    matters = {k: _cases(k, v) for k, v in items.items() if k not in bundle_ids}
    bundles = {k: _cases(k, v) for k, v in items.items() if k in bundle_ids}
    return Volumes(matters, bundles)


@dataclasses.dataclass(frozen=True)
class ComparisonTotals(_FormerDict):
    """What a reform changes in total, at the volumes (per month)."""

    matters_changed: int
    bundles_changed: int
    trips_saved: float
    worst_case_saved: float
    days_saved: float
    share_at_most_one_trip_before: float
    share_at_most_one_trip_after: float
    share_zero_trips_before: float
    share_zero_trips_after: float
    mean_trips_before: float
    mean_trips_after: float
    weighted: bool

    _former_name = "totals"


class Comparison:
    """What a reform changes: per matter, per bundle, per department and in total."""

    def __init__(self, base, after, volumes: Volumes, raw: Dict[str, Any]):
        self.base = base
        self.after = after
        self._volumes = volumes  # a Volumes, or a copy of the plain dict compare() was given
        self._raw = raw
        self.totals = ComparisonTotals(**raw["totals"])

    @property
    def volumes(self) -> Volumes:
        """The volumes compared at (a plain dict given to compare() is split into a Volumes
        when this is first read)."""
        if not isinstance(self._volumes, Volumes):
            self._volumes = _volumes(self.base, self._volumes)
        return self._volumes

    def __setstate__(self, state):
        if "volumes" in state:  # pickled before the volumes were read lazily
            state = dict(state)
            state["_volumes"] = state.pop("volumes")
        self.__dict__.update(state)

    @property
    def trips_saved(self) -> float:
        """Trips saved per month at the volumes (matters and bundles)."""
        return self.totals.trips_saved

    @property
    def days_saved(self) -> float:
        """Applicant working days saved per month at the volumes."""
        return self.totals.days_saved

    def to_pandas(self, part: str = "matters", changed_only: bool = False):
        """A part of the comparison as a DataFrame indexed by its key:

        * "matters" (by code): one row per matter of the base, trips, worst case,
          windows and days before and after, volume, savings, and what changed;
        * "bundles" (by bundle id): the same per bundle of the base;
        * "departments" (by department id): volume, savings and matters changed.

        changed_only keeps the matters or bundles with a change."""
        import pandas as pd

        if isinstance(part, bool):  # to_pandas(True): the signature before the parts
            warn_deprecated(self, "to_pandas(changed_only)", "to_pandas(changed_only=…)")
            part, changed_only = "matters", part
        keys = {"matters": ("id", "code"), "bundles": ("id", "bundle"), "departments": ("department", "department")}
        if part not in keys:
            raise ValueError(f'part "{part}" is not matters, bundles or departments')
        column, name = keys[part]
        frame = pd.DataFrame(self._raw[part]).set_index(column).rename_axis(name)
        if changed_only:
            if part == "departments":
                raise ValueError("changed_only: the departments part lists only departments with a change")
            frame = frame[frame.change != ""]
        return frame

    def bundles_frame(self):
        """Deprecated: to_pandas("bundles") (this keeps the old RangeIndex and "id" column)."""
        warn_deprecated(self, "bundles_frame", 'to_pandas("bundles")')
        return self.to_pandas("bundles").reset_index().rename(columns={"bundle": "id"})

    def departments_frame(self):
        """Deprecated: to_pandas("departments") (this keeps the old RangeIndex)."""
        warn_deprecated(self, "departments_frame", 'to_pandas("departments")')
        return self.to_pandas("departments").reset_index()

    def __eq__(self, other):
        """The same catalogues, volumes and figures."""
        if not isinstance(other, Comparison):
            return NotImplemented
        return (self.base == other.base and self.after == other.after and self.volumes == other.volumes
                and self.totals == other.totals
                and all(self.to_pandas(p).equals(other.to_pandas(p)) for p in ("matters", "bundles", "departments")))

    __hash__ = None

    def summary(self) -> str:
        t = self.totals
        lines = [
            f"{t.matters_changed} matters and {t.bundles_changed} bundles changed",
            f"trips saved per month: {t.trips_saved:.1f} ({t.worst_case_saved:.1f} in the worst case)",
            f"applicant working days saved per month: {t.days_saved:.1f}",
            "最多跑一次 实现率: {:.1%} -> {:.1%}; 跑零次: {:.1%} -> {:.1%}".format(
                t.share_at_most_one_trip_before, t.share_at_most_one_trip_after,
                t.share_zero_trips_before, t.share_zero_trips_after),
        ]
        changed = self.to_pandas(changed_only=True)
        for row in changed.itertuples():
            lines.append(f"  {row.Index} {row.name}: trips {row.trips_before}->{row.trips_after}, "
                         f"days {row.days_before}->{row.days_after}, {row.volume:.1f} cases/month, "
                         f"saves {row.trips_saved:.1f} trips and {row.days_saved:.1f} days ({row.change})")
        for row in self.to_pandas("bundles", changed_only=True).itertuples():
            lines.append(f"  bundle {row.Index}: trips {row.trips_before}->{row.trips_after}, "
                         f"days {row.days_before}->{row.days_after} ({row.change})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The changed matters' frame, for Jupyter."""
        return self.to_pandas(changed_only=True)._repr_html_()

    def __repr__(self):
        return (f"<onetrip.Comparison: {self.totals.matters_changed} matters changed, "
                f"{self.trips_saved:.1f} trips and {self.days_saved:.1f} days saved per month>")


def compare(base, after, volumes=None, *, situation_volumes=None, threads: int = 1,
            progress: "_progress.ProgressLike" = None) -> Comparison:
    """Compare two catalogues. `volumes`: None, a Volumes, a mapping id -> cases
    (dict or pandas Series; matter codes and bundle ids), a CSV path, or a list of these.
    `situation_volumes`: cases or shares per situation (a CSV path or text, a DataFrame of
    matter, situation and volume or share, or a Volumes); a matter with them saves what its
    situations save, each at its own figures before and after.
    `threads` share the work (0: one per CPU the process may use); the figures do not depend on it.
    `progress`: True for a bar on stderr, or a callable (done, total, phase) whose exception cancels."""
    for name, value in (("base", base), ("after", after)):
        if not isinstance(value, _onetrip.Catalog):
            raise TypeError(f"{name}: expected an onetrip.Catalog, got {type(value).__name__}")
    if type(volumes) is dict and situation_volumes is None:  # read in one compiled pass when plain
        raw = _onetrip._compare_plain(base, after, volumes, threads, _progress.callback(progress))
        if raw is not None:
            return Comparison(base, after, dict(volumes), raw)
    v = _volumes(base, volumes)
    if situation_volumes is not None:
        v = v + _situation_volumes(base, situation_volumes)
    raw = v._raw()
    return Comparison(base, after, v,
                      _onetrip._compare(base, after, v.matters, v.bundles, threads, _progress.callback(progress),
                                        raw[3], v.situation_shares))
