"""The one-time notice (一次性告知): for one applicant's answers to a matter's or a
bundle's questions, whether they may apply, what they bring, how many trips it
costs them and by when it is done, and which questions still matter.

    >>> n = catalog.notice("330281-SC-05", {"business": "小餐饮店", "area": 40, "foods": []})
    >>> n.eligibility            # "eligible", "not_eligible" or "undetermined"
    >>> n.materials              # a pandas DataFrame, one row per material
    >>> print(n)                 # the notice as the window prints it (Chinese)

Answers are a dict {question id: value}: bool for a yes/no question, a number,
a str (one choice, or any answer as text), a list of str (several choices), a
datetime.date. A missing answer is not an error: it is what "undetermined" and
``open_questions`` are for (docs/catalog-format.md, "Situations")."""
from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Union

from . import _onetrip
from .results import NeedKind, Reason

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .catalog import Catalog


class Refusal(NamedTuple):
    """An eligibility rule that refuses: whose it is (a matter's code or a bundle's id), the
    reason told to the applicant, its legal basis, ``"not_granted"`` or ``"elsewhere"``, the
    matter to apply for instead (or ""), and the rule's condition."""

    owner: str
    reason: str
    basis: str
    refusal: str
    instead: str
    when: str


class OpenQuestion(NamedTuple):
    """A question not answered that would change the notice: id, text, type and its choices
    or unit."""

    id: str
    text: str
    type: str
    choices: List[str]
    unit: str


class NoticeNeed(NamedTuple):
    """One thing the applicant does in person on a trip of the notice: for which matter, what
    (NeedKind), why (Reason, as Need.because), at which department's window, and the
    material that causes it ("" when none)."""

    matter: str
    kind: NeedKind
    because: Reason
    window: str
    material: str


class NoticeTrip(NamedTuple):
    """A trip of the notice: the hall, the working day it falls on (0: the application),
    the windows met, and the needs it serves."""

    hall: str
    moment: int
    window_contacts: int
    needs: List[NoticeNeed]


_MATERIAL_COLUMNS = ["id", "name", "form", "original", "copies", "necessity", "issuer", "source", "shared",
                     "certain", "needed_by", "when"]


class Notice:
    """A one-time notice; ``str(notice)`` is its Chinese text, ``notice.json`` its JSON."""

    code: str
    name: str
    bundle: bool
    eligibility: str
    refusals: List[Refusal]
    deciding_questions: List[str]
    members: List[str]
    undetermined_members: List[str]
    variants: List[str]
    trips: int
    worst_case: int
    workdays: int
    due: Optional[datetime.date]
    open_questions: List[OpenQuestion]
    text: str
    json: str

    def __init__(self, json_text: str, text: str) -> None:
        """From the notice's JSON and text (what Catalog.notice makes)."""
        for name, value in (("json_text", json_text), ("text", text)):
            if not isinstance(value, str):
                raise TypeError(f"{name}: expected str, got {type(value).__name__}")
        data: Dict[str, Any] = json.loads(json_text)
        self.json = json_text
        self.text = text
        self._data = data
        self.code = data["code"]
        self.name = data["name"]
        self.bundle = data["bundle"]
        self.eligibility = data["eligibility"]
        self.refusals = [Refusal(r["owner"], r["reason"], r["basis"], r["refusal"], r.get("instead", ""), r["when"])
                         for r in data["refusals"]]
        self.deciding_questions = list(data["deciding_questions"])
        self.members = [m["code"] for m in data["members"]]
        self.undetermined_members = [m["code"] for m in data["members"] if not m["certain"]]
        self.variants = list(data["variants"])
        self.trips = data["trips"]
        self.worst_case = data["worst_case"]
        self.trip_list = [
            NoticeTrip(t["hall"], t["moment"], t["window_contacts"],
                       [NoticeNeed(n["matter"], NeedKind(n["kind"]), Reason(n["because"]), n["window"],
                                   n.get("material", "")) for n in t["needs"]])
            for t in data["trip_list"]
        ]
        self.workdays = data["workdays"]
        self.due = datetime.date.fromisoformat(data["due"]) if data["due"] else None
        self.open_questions = [OpenQuestion(q["id"], q["text"], q["type"], q.get("choices", []), q.get("unit", ""))
                               for q in data["open_questions"]]

    @property
    def eligible(self) -> Optional[bool]:
        """True, False, or None while undetermined."""
        return {"eligible": True, "not_eligible": False}.get(self.eligibility)

    @property
    def materials(self) -> "pandas.DataFrame":
        """One row per material: what the applicant brings first, then what the window
        fetches by data sharing (``shared``); ``certain`` is False for a material the
        unanswered questions decide; ``needed_by`` lists the matters' codes."""
        import pandas

        rows = [{c: (m.get(c, "") if c != "needed_by" else list(m["needed_by"])) for c in _MATERIAL_COLUMNS}
                for m in self._data["materials"]]
        return pandas.DataFrame(rows, columns=_MATERIAL_COLUMNS)

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Notice):
            return NotImplemented
        return self.json == other.json and self.text == other.text

    __hash__ = None  # type: ignore[assignment]  # a value compared by content, not a key

    def __reduce__(self):
        # Made again from its JSON and text: the state is two strings.
        return (Notice, (self.json, self.text))

    def _repr_html_(self) -> str:
        import html

        return f"<pre>{html.escape(self.text)}</pre>"

    def __repr__(self) -> str:
        state = {"eligible": "eligible", "not_eligible": f"not eligible ({len(self.refusals)} refusal(s))",
                 "undetermined": f"undetermined (deciding: {', '.join(self.deciding_questions)})"}[self.eligibility]
        bring = sum(1 for m in self._data["materials"] if not m["shared"])
        return (f"<Notice {self.code} {self.name}: {state}, {bring} material(s) to bring, "
                f"{self.trips} trip(s) (worst {self.worst_case}), {self.workdays} working day(s)"
                f"{', due ' + self.due.isoformat() if self.due else ''}, {len(self.open_questions)} open question(s)>")


AnswerLike = Union[bool, int, float, str, List[str], datetime.date]


def notice(catalog: "Catalog", code: str, answers: Optional[Dict[str, AnswerLike]] = None, *,
           start: Optional[Union[datetime.date, str]] = None, calendar=None) -> Notice:
    """The notice for a matter's code or a bundle's id. start: the day of application, for the
    due date (on ``calendar``, default the official calendar of China). An answer to a question
    not asked, of the wrong type or outside the choices raises onetrip.InvalidArgumentError
    naming the question and the allowed values; an unknown code raises onetrip.NotFoundError."""
    json_text, text = _onetrip._notice(catalog, code, answers, start, calendar)
    return Notice(json_text, text)
