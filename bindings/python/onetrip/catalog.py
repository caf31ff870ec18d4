"""onetrip.Catalog: the catalogue and everything evaluated over it.

The compiled layer (onetrip._onetrip.Catalog) holds the data; this class adds
the evaluators as ordinary methods. Every catalogue the package returns
(load, loads, generate, apply) is an onetrip.Catalog."""
from __future__ import annotations

import datetime
import os
import zlib
from typing import TYPE_CHECKING, Iterable, List, NamedTuple, Optional, Union

from . import _onetrip, _progress
from ._onetrip import Calendar, Due, Evaluation, Indicators, PreparedMaterials, Schedule, Trips
from .errors import deprecated_alias
from ._progress import ProgressLike

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .reforms import ScenarioLike

DateLike = Union[datetime.date, str]


class Finding(NamedTuple):
    """One audit finding: the matter, the rule it breaks, and a sentence naming both."""

    matter: str
    rule: str
    message: str


class Catalog(_onetrip.Catalog):
    """A service catalogue: halls, departments, materials, matters (事项) and
    bundles (一件事), validated and immutable.

        >>> yuyao = onetrip.Catalog.load("examples/yuyao-2017/catalog.json")
        >>> yuyao.trips("road-excavation").trips
        2

    A broken catalogue raises CatalogError listing every problem with its JSON
    path. Methods that compute dates take `calendar=` (default: the official
    calendar of China, 2007-2026)."""

    @classmethod
    def load(cls, path: Union[str, os.PathLike], *, progress: ProgressLike = None) -> "Catalog":
        """The catalogue in an "onetrip/1" JSON file. `progress`: True for a bar on
        stderr, or a callable (done, total, phase) whose exception cancels (onetrip._progress)."""
        return cls(_onetrip.Catalog.load(path, _progress.callback(progress)))

    @classmethod
    def loads(cls, text: str, *, progress: ProgressLike = None) -> "Catalog":
        """The catalogue in "onetrip/1" JSON text (`progress` as in load)."""
        return cls(_onetrip.Catalog.loads(text, _progress.callback(progress)))

    @classmethod
    def load_snapshot(cls, source: Union[str, os.PathLike, bytes]) -> "Catalog":
        """The catalogue in a binary snapshot (Catalog.save_snapshot; docs/catalog-format.md):
        a path, or the snapshot's bytes. Loading does not check the catalogue's rules again
        (it was checked when saved); a snapshot of another format version, damaged or
        truncated raises an Error naming what (FailedPreconditionError for another
        version, InvalidArgumentError otherwise)."""
        return cls(_onetrip.Catalog.load_snapshot(source))

    @staticmethod
    def is_snapshot(source: Union[str, os.PathLike, bytes, bytearray, memoryview]) -> bool:
        """Whether `source` (bytes, or a file's path) begins as a binary snapshot does:
        its first eight bytes, whatever the format version (loading checks the rest),
        so that a file can be told from a JSON catalogue before it is loaded. A file
        that cannot be opened raises OSError."""
        if isinstance(source, (bytes, bytearray, memoryview)):
            return _onetrip.Catalog.is_snapshot(bytes(memoryview(source)[:8]))
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError(f"source: expected a path (str or os.PathLike) or bytes, got {type(source).__name__}")
        with open(source, "rb") as file:
            return _onetrip.Catalog.is_snapshot(file.read(8))

    def evaluate(self, start: Optional[DateLike] = None, *, materials_present: Iterable[str] = (),
                 materials_absent: Iterable[str] = (), threads: int = 1,
                 calendar: Optional[Calendar] = None, progress: ProgressLike = None) -> Evaluation:
        """Every matter (alone) and bundle: trips, worst case, working days and, given
        `start`, due dates on `calendar`. With `start`, a dated catalogue is evaluated as in
        force that day: the matters and bundles not in force are left out (figures 0, no due
        date, in no indicator) and named by `matters_not_in_force` / `bundles_not_in_force`.
        Conditional materials can be forced on or off by id.
        `threads` share the work (0: one per CPU the process may use); the GIL is released.
        `progress`: True for a bar on stderr, or a callable (done, total, phase)."""
        return _onetrip._evaluate(self, start, materials_present, materials_absent, threads, calendar,
                                  _progress.callback(progress))

    # trips(id, *, materials_present=(), materials_absent=()) is the compiled
    # catalogue's own method (bindings/python/evaluate.cpp): a matter's or bundle's
    # Trips with no materials forced is evaluated once and the same object returned after.

    def notice(self, code: str, answers=None, *, start: Optional[DateLike] = None, calendar=None):
        """The one-time notice (一次性告知) for these answers: onetrip.notice.notice."""
        from .notice import notice

        return notice(self, code, answers, start=start, calendar=calendar)

    def audit(self) -> List[Finding]:
        """Declared against computed trips, and the consistency rules; a list of Finding."""
        return [Finding(*f) for f in _onetrip._audit(self)]

    def indicators(self, volumes=None, *, missing: str = "error", situation_volumes=None) -> Indicators:
        """The catalogue's indicators (跑零次 share, 最多跑一次 实现率, …). `volumes`: cases per
        matter, as a mapping code -> cases (a dict or a pandas Series), a DataFrame of id (or
        code) and volume, one number per matter, or a Volumes (its situation volumes, if any,
        count as situation_volumes; give them once). A mapping that leaves matters out raises
        VolumesError naming each one, unless missing="zero" weights them 0 (bundle ids in it
        are passed over: the indicators weigh matters). `situation_volumes`: cases or shares
        per situation (a CSV path or text, a DataFrame of matter, situation and volume or
        share, or a Volumes): such a matter counts at its situations' own trips."""
        return _onetrip._indicators(self, volumes, missing, situation_volumes)

    def due(self, code: str, accepted: DateLike, extension: str = "none",
            calendar: Optional[Calendar] = None) -> Due:
        """A matter's due dates for an acceptance date on `calendar`: due, legal_due,
        special-procedure days, due_with_special_procedures, extended_due (extension
        'single' +10, 'joint' +15)."""
        return _onetrip._due(self, code, accepted, extension, calendar)

    def schedule(self, bundle: str, start: Optional[DateLike] = None,
                 calendar: Optional[Calendar] = None) -> Schedule:
        """A bundle's critical path: workdays, due (given start, on `calendar`), critical_path,
        members with earliest/latest start and finish and slack, over_joint_limit."""
        return _onetrip._schedule(self, bundle, start, calendar)

    def prepared_materials(self, id: str, *, materials_present: Iterable[str] = (),
                           materials_absent: Iterable[str] = ()) -> PreparedMaterials:
        """The materials the applicant prepares for a matter or bundle, merged and less the shared ones."""
        return _onetrip._prepared_materials(self, id, materials_present, materials_absent)

    def apply(self, scenario: "ScenarioLike", *, progress: ProgressLike = None) -> "Catalog":
        """A new catalogue with the scenario applied (this one is untouched): a list of
        Reform, a Scenario, one Reform, or a scenario file (path or JSON text).
        ScenarioError lists every problem at its path ($.reforms[i].…)."""
        from . import reforms

        return type(self)(reforms.apply(self, scenario, progress=progress))

    def as_of(self, day: DateLike, scenario: Optional["ScenarioLike"] = None) -> "Catalog":
        """The catalogue in force on `day` under the scenario's dated reforms (onetrip.as_of)."""
        from .roadmap import as_of

        return as_of(self, day, scenario)

    def diff(self, other: "Catalog") -> list:
        """What differs from `other`, field by field (onetrip.diff): a list of FieldChange."""
        from .roadmap import diff

        if not isinstance(other, _onetrip.Catalog):
            raise TypeError(f"other: expected an onetrip.Catalog, got {type(other).__name__}")
        return diff(self, other)

    def roadmap(self, scenario: "ScenarioLike", start, end, volumes=None, *, monthly=None,
                calendar: Optional[Calendar] = None, situation_volumes=None, case_log=None, strict: bool = False):
        """The month-by-month roadmap of the scenario's dated reforms (onetrip.roadmap)."""
        from .roadmap import roadmap

        return roadmap(self, scenario, start, end, volumes, monthly=monthly, calendar=calendar,
                       situation_volumes=situation_volumes, case_log=case_log, strict=strict)

    def __reduce__(self):
        """Pickled as its binary snapshot (dumps_snapshot()): unpickling builds the
        catalogue without checking its rules again, many times faster than its JSON."""
        return (_unpickle, (self.dumps_snapshot(),))

    def to_pandas(self) -> "pandas.DataFrame":
        """The matters as a pandas DataFrame, one row per matter, indexed by code (as
        Evaluation.to_pandas("matters") and Comparison.to_pandas() are).

        Limits in working days, fees in fen. What a matter does not have is pd.NA in a
        nullable Int64 column: legal_limit, site_inspection_days, declared_trips."""
        import pandas as pd

        return pd.DataFrame(self._matter_columns()).set_index("code")

    matters_frame = deprecated_alias("matters_frame", "to_pandas")

    def _repr_html_(self) -> str:
        from .results import frame_html

        return frame_html(self.to_pandas().head(20), f"{self!r} (the first matters)")


def _unpickle(state: bytes) -> Catalog:
    # A pickle of an earlier release holds the JSON deflated with zlib (its first byte 0x78).
    if state[:1] == b"\x78":
        return Catalog(_onetrip.Catalog.loads(zlib.decompress(state).decode("utf-8")))
    return Catalog(_onetrip.Catalog.load_snapshot(state))


def generate(matters: int = 1000, seed: int = 1, bundles_per_matter: float = 0.02, bundle_members: int = 10, *,
             departments: int = 32, halls: int = 20, materials: int = 400, progress: ProgressLike = None) -> Catalog:
    """A synthetic catalogue of realistic shape (the same as `onetrip generate`), deterministic
    for a seed: every count of docs/generator.md is a keyword (matters, departments, halls,
    materials, bundle_members, bundles_per_matter); a size out of range is InvalidArgumentError.
    `progress`: True for a bar on stderr, or a callable (done, total, phase)."""
    return Catalog(_onetrip.generate(matters, seed, bundles_per_matter, bundle_members, departments, halls,
                                     materials, _progress.callback(progress)))
