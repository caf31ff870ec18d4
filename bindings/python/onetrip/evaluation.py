"""Trips, time and indicators over a catalogue: the pure-Python face of the
evaluators (onetrip._onetrip does the work)."""
from __future__ import annotations

import datetime
from typing import Iterable, NamedTuple, Optional

from . import _onetrip
from ._onetrip import Calendar, Catalog, Evaluation


class Finding(NamedTuple):
    """One audit finding: the matter, the rule it breaks, and a sentence naming both."""

    matter: str
    rule: str
    message: str


def evaluate(self: Catalog, start: Optional[datetime.date] = None, *,
             materials_present: Iterable[str] = (), materials_absent: Iterable[str] = (),
             threads: int = 1) -> Evaluation:
    """Every matter (alone) and bundle: trips, worst case, working days and, given
    `start`, due dates. Conditional materials can be forced on or off by id.
    `threads` share the work (0: one per hardware thread); the GIL is released."""
    return _onetrip._evaluate(self, start, list(materials_present), list(materials_absent), threads)


def trips(self: Catalog, id: str, *, materials_present: Iterable[str] = (),
          materials_absent: Iterable[str] = ()):
    """The trips of a matter (by code) or a bundle (by id), each with its reasons."""
    return _onetrip._trips(self, id, list(materials_present), list(materials_absent))


def audit(self: Catalog) -> list:
    """Declared against computed trips, and the consistency rules; a list of Finding."""
    return _onetrip._audit(self)


def indicators(self: Catalog, volumes=None) -> dict:
    """The catalogue's indicators (跑零次 share, 最多跑一次 实现率, …). `volumes`: cases per
    matter, as a mapping code -> cases (a dict or a pandas Series) or one number per matter."""
    return _onetrip._indicators(self, volumes)


def due(self: Catalog, code: str, accepted: datetime.date, extension: str = "none",
        calendar: Optional[Calendar] = None) -> dict:
    """A matter's due dates for an acceptance date: due, legal_due, special-procedure days,
    due_with_special_procedures, extended_due (extension 'single' +10, 'joint' +15)."""
    return _onetrip._due(self, code, accepted, extension, calendar or Calendar.china())


def schedule(self: Catalog, bundle: str, start: Optional[datetime.date] = None,
             calendar: Optional[Calendar] = None) -> dict:
    """A bundle's critical path: workdays, due (given start), critical_path, members with
    earliest/latest start and finish and slack, over_joint_limit."""
    return _onetrip._schedule(self, bundle, start, calendar or Calendar.china())


def prepared_materials(self: Catalog, id: str, *, materials_present: Iterable[str] = (),
                       materials_absent: Iterable[str] = ()) -> dict:
    """The materials the applicant prepares for a matter or bundle, merged and less the shared ones."""
    return _onetrip._prepared_materials(self, id, list(materials_present), list(materials_absent))


def _to_pandas(self: Evaluation):
    """One row per matter and bundle: kind, id, name, trips, worst_case,
    window_contacts, workdays, due."""
    import pandas as pd

    labels = self._catalog._labels()
    matters = pd.DataFrame({
        "kind": "matter",
        "id": labels["matter_codes"],
        "name": labels["matter_names"],
        "trips": self.matter_trips,
        "worst_case": self.matter_worst_case,
        "window_contacts": self.matter_window_contacts,
        "workdays": self.matter_workdays,
        "due": self.matter_due,
    })
    bundles = pd.DataFrame({
        "kind": "bundle",
        "id": labels["bundle_ids"],
        "name": labels["bundle_names"],
        "trips": self.bundle_trips,
        "worst_case": self.bundle_worst_case,
        "window_contacts": self.bundle_window_contacts,
        "workdays": self.bundle_workdays,
        "due": self.bundle_due,
    })
    return pd.concat([matters, bundles], ignore_index=True)


def _bundle_to_dot(self) -> str:
    """The bundle's graph in Graphviz DOT, critical path in red (pipe into `dot -Tsvg`)."""
    return _onetrip._dot(self._catalog, self.id)


def install() -> None:
    """Adds these as methods of Catalog, Evaluation and Bundle."""
    Catalog.evaluate = evaluate
    Catalog.trips = trips
    Catalog.audit = audit
    Catalog.indicators = indicators
    Catalog.due = due
    Catalog.schedule = schedule
    Catalog.prepared_materials = prepared_materials
    Evaluation.to_pandas = _to_pandas
    _onetrip.Bundle.to_dot = _bundle_to_dot
