"""Comparing a base catalogue with a reformed one, weighted by case volumes."""
from __future__ import annotations

import dataclasses
import math
import numbers
import os
import warnings
from typing import Any, Dict, Optional

from . import _onetrip, _progress
from .errors import InvalidArgumentError


class Volumes:
    """Cases per month: per matter code and per bundle id.

    A bundle's volume counts cases handled as the whole bundle; a matter's, its
    cases handled alone. `unassigned` lists what a window table could not place."""

    def __init__(self, matters: Optional[Dict[str, float]] = None, bundles: Optional[Dict[str, float]] = None,
                 unassigned=()):
        self.matters = dict(matters or {})
        self.bundles = dict(bundles or {})
        self.unassigned = list(unassigned)

    @classmethod
    def from_csv(cls, catalog, source) -> "Volumes":
        """From "id,volume" CSV or the bulletin's window table (spread over each
        window's immediate and promised matters); a path or the text itself."""
        text = os.fspath(source)
        if "\n" not in text and os.path.exists(text):
            with open(text, encoding="utf-8") as f:
                text = f.read()
        matters, bundles, unassigned = _onetrip._load_volumes(catalog, text)
        return cls(matters, bundles, unassigned)

    def __add__(self, other: "Volumes") -> "Volumes":
        out = Volumes(self.matters, self.bundles, self.unassigned + other.unassigned)
        for k, v in other.matters.items():
            out.matters[k] = out.matters.get(k, 0) + v
        for k, v in other.bundles.items():
            out.bundles[k] = out.bundles.get(k, 0) + v
        return out

    def __repr__(self):
        return f"Volumes({len(self.matters)} matters, {len(self.bundles)} bundles, {sum(self.matters.values()):.0f} cases)"


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
    if not hasattr(volumes, "items"):
        raise TypeError(f"volumes: expected None, Volumes, a mapping id -> cases, a CSV path or a list of these, "
                        f"got {type(volumes).__name__}")
    items = dict(volumes.items())  # a dict or a pandas Series, by code or bundle id
    bundle_ids = {b.id for b in catalog.bundles}
    matters = {k: _cases(k, v) for k, v in items.items() if k not in bundle_ids}
    bundles = {k: _cases(k, v) for k, v in items.items() if k in bundle_ids}
    return Volumes(matters, bundles)


@dataclasses.dataclass(frozen=True)
class ComparisonTotals:
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

    def to_dict(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    def __getitem__(self, key: str):
        """For code written when the totals were a dict (warns): use the attribute."""
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        warnings.warn(f'totals["{key}"]: the totals are no longer a dict; use .{key}', DeprecationWarning,
                      stacklevel=2)
        return getattr(self, key)


class Comparison:
    """What a reform changes: per matter, per bundle, per department and in total."""

    def __init__(self, base, after, volumes: Volumes, raw: Dict[str, Any]):
        self.base = base
        self.after = after
        self.volumes = volumes
        self._raw = raw
        self.totals = ComparisonTotals(**raw["totals"])

    @property
    def trips_saved(self) -> float:
        """Trips saved per month at the volumes (matters and bundles)."""
        return self.totals.trips_saved

    @property
    def days_saved(self) -> float:
        """Applicant working days saved per month at the volumes."""
        return self.totals.days_saved

    def to_pandas(self, changed_only: bool = False):
        """One row per matter of the base: trips, worst case, windows and days before
        and after, volume, savings, and what changed."""
        import pandas as pd

        frame = pd.DataFrame(self._raw["matters"])
        return frame[frame.change != ""] if changed_only else frame

    def bundles_frame(self):
        import pandas as pd

        return pd.DataFrame(self._raw["bundles"])

    def departments_frame(self):
        import pandas as pd

        return pd.DataFrame(self._raw["departments"])

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
            lines.append(f"  {row.id} {row.name}: trips {row.trips_before}->{row.trips_after}, "
                         f"days {row.days_before}->{row.days_after}, {row.volume:.1f} cases/month, "
                         f"saves {row.trips_saved:.1f} trips and {row.days_saved:.1f} days ({row.change})")
        bundles = self.bundles_frame()
        for row in bundles[bundles.change != ""].itertuples():
            lines.append(f"  bundle {row.id}: trips {row.trips_before}->{row.trips_after}, "
                         f"days {row.days_before}->{row.days_after} ({row.change})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The changed matters' frame, for Jupyter."""
        return self.to_pandas(changed_only=True)._repr_html_()

    def __repr__(self):
        return (f"<onetrip.Comparison: {self.totals.matters_changed} matters changed, "
                f"{self.trips_saved:.1f} trips and {self.days_saved:.1f} days saved per month>")


def compare(base, after, volumes=None, *, threads: int = 1, progress: "_progress.ProgressLike" = None) -> Comparison:
    """Compare two catalogues. `volumes`: None, a Volumes, a mapping id -> cases
    (dict or pandas Series; matter codes and bundle ids), a CSV path, or a list of these.
    `threads` share the work (0: one per hardware thread); the figures do not depend on it.
    `progress`: True for a bar on stderr, or a callable (done, total, phase) whose exception cancels."""
    for name, value in (("base", base), ("after", after)):
        if not isinstance(value, _onetrip.Catalog):
            raise TypeError(f"{name}: expected an onetrip.Catalog, got {type(value).__name__}")
    v = _volumes(base, volumes)
    return Comparison(base, after, v,
                      _onetrip._compare(base, after, v.matters, v.bundles, threads, _progress.callback(progress)))
