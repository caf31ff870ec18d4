"""What the result objects share: the reason codes of a trip as enums, and
their notebook forms (an HTML table for every record, SVG for a bundle's
graph drawn by Graphviz's ``dot``).

    >>> need = yuyao.trips("330281-GA-03").trip_list[0].needs[0]
    >>> need.because
    <Reason.STATUTORY_PRESENCE: 'statutory_presence'>
    >>> need.because.sentence
    'the law requires the applicant in person'

Both enums are ``str`` enums: ``need.kind == "submit"`` holds, and a pandas
column of them reads as text."""
from __future__ import annotations

import datetime
import enum
import html
import os
import shutil
import subprocess
from typing import Optional

from . import _onetrip

# The codes in the order of the C++ enums (include/onetrip/trips.hpp) and of
# the C ABI's ONETRIP_NEED_* and ONETRIP_BECAUSE_* values.
_NEED_KINDS = ("submit", "collect", "pay", "carry")
_REASONS = ("no_remote_application", "pre_review_only", "original_to_show", "statutory_presence",
            "result_at_window", "fee_at_window", "result_to_carry")
_SENTENCES = tuple(_onetrip._reason_sentences())
if len(_SENTENCES) != len(_REASONS):  # pragma: no cover - a new C++ reason needs its code here
    raise ImportError(f"onetrip.results knows {len(_REASONS)} reasons, the library {len(_SENTENCES)}")


class _Indexed(str, enum.Enum):
    @property
    def number(self) -> int:
        """The value of the C++ enum (and of the C ABI's)."""
        return type(self)._order().index(self)

    @classmethod
    def _order(cls):
        return list(cls)

    @classmethod
    def from_index(cls, index: int):
        return cls._order()[index]

    def __str__(self) -> str:
        return self.value


class NeedKind(_Indexed):
    """What the applicant must do in person: submit, collect, pay, or carry a result."""

    SUBMIT = "submit"
    COLLECT = "collect"
    PAY = "pay"
    CARRY = "carry"


class Reason(_Indexed):
    """The rule that forces a need (Need.because). ``sentence`` reads it."""

    NO_REMOTE_APPLICATION = "no_remote_application"
    PRE_REVIEW_ONLY = "pre_review_only"
    ORIGINAL_TO_SHOW = "original_to_show"
    STATUTORY_PRESENCE = "statutory_presence"
    RESULT_AT_WINDOW = "result_at_window"
    FEE_AT_WINDOW = "fee_at_window"
    RESULT_TO_CARRY = "result_to_carry"

    @property
    def sentence(self) -> str:
        """The reason as a sentence: 'the law requires the applicant in person'."""
        return _SENTENCES[self.number]

    @classmethod
    def _missing_(cls, value):
        # Reason("the law requires the applicant in person"): the sentence names it too.
        if isinstance(value, str) and value in _SENTENCES:
            return cls.from_index(_SENTENCES.index(value))
        return None


assert [k.value for k in NeedKind] == list(_NEED_KINDS) and [r.value for r in Reason] == list(_REASONS)


def _cell(value) -> str:
    if isinstance(value, (list, tuple)) and value and hasattr(value[0], "_fields"):
        return f"{len(value)} × {type(value[0]).__name__}"
    if isinstance(value, float):
        return html.escape(f"{value:.4g}")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return html.escape(str(value) if isinstance(value, enum.Enum) else repr(value) if not isinstance(value, str)
                       else value)


def record_html(record) -> str:
    """A record's fields as a two-column HTML table (its _repr_html_)."""
    import dataclasses

    names = record._fields if hasattr(record, "_fields") else [f.name for f in dataclasses.fields(record)]
    rows = "".join(f"<tr><th style='text-align:left'>{html.escape(name)}</th><td>{_cell(getattr(record, name))}</td></tr>"
                   for name in names)
    title = html.escape(type(record).__name__)
    svg = ""
    if hasattr(record, "to_dot"):
        drawn = dot_svg(record.to_dot())
        svg = f"<div>{drawn}</div>" if drawn else ""
    return f"<table><caption style='text-align:left'><b>{title}</b></caption>{rows}</table>{svg}"


class _FormerDict:
    """For a dataclass record that was a dict in earlier releases: to_dict(), an HTML table, and
    indexing by field name that still works but warns. `_former_name` is how code indexed it."""

    _former_name = "record"

    def to_dict(self) -> dict:
        import dataclasses

        return dataclasses.asdict(self)

    def _repr_html_(self) -> str:
        return record_html(self)

    def __getitem__(self, key: str):
        import warnings

        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        warnings.warn(f'{self._former_name}["{key}"]: this record is no longer a dict; use .{key}',
                      DeprecationWarning, stacklevel=2)
        return getattr(self, key)


def trips_html(trips) -> str:
    """A Trips as a table of its needs, trip by trip (its _repr_html_)."""
    head = (f"<p><b>{html.escape(trips.id)}</b>: {trips.trips} trip{'s' if trips.trips != 1 else ''} "
            f"(worst case {trips.worst_case}, {trips.window_contacts} window contacts)</p>")
    rows = []
    for number, trip in enumerate(trips.trip_list, 1):
        for need in trip.needs:
            rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                number, trip.moment, trip.hall, need.window, need.matter, need.kind, need.because, need.text)) + "</tr>")
    header = "".join(f"<th>{h}</th>" for h in ("trip", "day", "hall", "window", "matter", "kind", "reason", "text"))
    return f"{head}<table><tr>{header}</tr>{''.join(rows)}</table>"


def frame_html(frame, title: str) -> str:
    return f"<p><b>{html.escape(title)}</b></p>{frame._repr_html_()}"


def dot_svg(dot: str) -> Optional[str]:
    """DOT text drawn as SVG by Graphviz's `dot` (Debian: graphviz); None when
    dot is not installed, so that a notebook falls back to the text form."""
    program = shutil.which("dot")
    if program is None:
        return None
    # Not under a sanitizer runtime preloaded into this interpreter (the ASan ctest preset): dot is not ours.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    done = subprocess.run([program, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, check=False, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"dot -Tsvg failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout.decode("utf-8")


__all__ = ["NeedKind", "Reason", "dot_svg"]
