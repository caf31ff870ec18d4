"""BPMN 2.0 out and in: bundles as process definitions that Flowable or Camunda run,
and the process definitions a platform already runs analysed by onetrip::

    >>> import onetrip, onetrip.bpmn as bpmn
    >>> yuyao = onetrip.Catalog.load("examples/yuyao-2017/catalog.json")
    >>> xml = bpmn.export(yuyao, "road-excavation", engine="flowable")
    >>> imported = bpmn.read(xml)            # or a path to a .bpmn file
    >>> imported.catalog.trips(imported.bundle).trips
    >>> imported.unmapped                    # every element onetrip could not map

The export writes each member's review as a user task of its department (the engine's
candidate group), parallel gateways, the applicant's carrying of a result as a message
wait, each limit as a boundary timer and 第四十二条's 45 days on a joint handling, and
onetrip's trips and critical path as documentation, with a left-to-right diagram. Limits
in working days are dates onetrip computes when ``accepted`` is given, else left to the
engine's business calendar named ``business_calendar`` (docs/bpmn.md shows the wiring).

Thread rules: ``export`` and ``read`` may run on several threads at once (they release
the GIL); a ``BpmnImport`` is a read-only value.
"""
from __future__ import annotations

import dataclasses
import datetime
import os
from typing import List, Optional, Union

from . import _onetrip
from .catalog import Catalog
from .errors import read_file

__all__ = ["BpmnImport", "Unmapped", "ENGINES", "export", "read"]

#: The engines whose extension attributes ``export`` writes.
ENGINES = ("plain", "flowable", "camunda")


@dataclasses.dataclass(frozen=True)
class Unmapped:
    """An element of the file that onetrip did not map, or mapped only in part."""

    id: str
    kind: str  # the BPMN element's local name, e.g. "serviceTask"
    note: str  # what became of it


@dataclasses.dataclass(frozen=True)
class BpmnImport:
    """A process definition read back: ``catalog`` (an onetrip.Catalog with one bundle, a
    matter per review), the ``bundle``'s id, and every element not mapped."""

    catalog: Catalog
    bundle: str
    unmapped: List[Unmapped]

    def __repr__(self) -> str:
        return (f"<BpmnImport bundle {self.bundle!r}: {len(self.catalog.matters)} reviews, "
                f"{len(self.unmapped)} unmapped element(s)>")


def export(catalog: Catalog, bundle: str, *, engine: str = "plain",
           accepted: Optional[Union[datetime.date, str]] = None, calendar=None,
           business_calendar: str = "onetrip") -> str:
    """The bundle as a BPMN 2.0 ``definitions`` document (XML text).

    engine: "plain", "flowable" or "camunda". accepted: an acceptance date; every limit is
    then the date onetrip computes on ``calendar`` (default: the official calendar of China).
    Without it, working-day limits name the engine's business calendar ``business_calendar``."""
    return _onetrip._bpmn_export(catalog, bundle, engine, accepted, calendar, business_calendar)


def read(source: Union[str, bytes, "os.PathLike[str]"]) -> BpmnImport:
    """A process definition as a bundle: XML text or bytes, or the path of a .bpmn file.

    A file that is not BPMN, has no process with a user task or whose tasks depend on each
    other in a cycle raises onetrip.InvalidArgumentError naming the element."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip("\ufeff \t\r\n").startswith("<")):
        source = read_file(source, "source", binary=True)
    compiled, bundle, unmapped = _onetrip._bpmn_import(source)
    return BpmnImport(Catalog(compiled), bundle, [Unmapped(*u) for u in unmapped])
