"""Reforms as values, for what-if analysis.

    >>> from onetrip import reforms
    >>> after = catalog.apply([reforms.express_delivery(department="huanbao"),
    ...                        reforms.single_window("road-excavation")])
    >>> onetrip.compare(catalog, after, volumes="volumes-2017-07-windows.csv").summary()

Every constructor returns a Reform, a value checked when it is made (a wrong
type is a TypeError naming the field); a list of them (or a Scenario, or a path
to an "onetrip-scenario/1" file) is applied with Catalog.apply, which returns a
new catalogue and leaves the base untouched. Reforms reach the library as
values (onetrip._onetrip._Reform), not as JSON text; to_json() is for saving
a scenario file. Matter-level reforms target
matters by `matters` (codes), `department`, `hall`, `kind` (e.g. "行政许可"),
`bundle` (its members), or any predicate `where=lambda matter: ...` over
onetrip.Matter; given several, a matter must match them all; given none, every
matter is targeted. The channel reforms, promised_limit and drop_material take
`situation=`, a condition over the matters' questions (docs/catalog-format.md,
"Conditions"): the reform then holds in that situation only, e.g.
online_application(matters=["330281-SC-02"], situation='items has "股东"');
remove_eligibility lifts the eligibility rule whose condition is `situation`.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import os
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Union

from . import _onetrip, _progress
from .errors import read_file


# JSON field name -> keyword of onetrip._onetrip._Reform, where they differ, and its keywords.
_KEYWORDS = {"from": "from_"}
_FIELDS = ("matters", "department", "hall", "kind", "bundle", "enable", "online", "material", "days", "into",
           "from_", "to", "effective_from", "note", "fee_fen", "situation")


@dataclasses.dataclass(frozen=True)
class Reform:
    """One change; `fields` are those of its JSON form (docs/reforms-format.md),
    `where` an optional predicate over onetrip.Matter resolved when applied."""

    reform: str
    fields: Dict[str, Any] = dataclasses.field(default_factory=dict)
    where: Optional[Callable[[Any], bool]] = None

    def __post_init__(self):
        if self.where is not None and not callable(self.where):
            raise TypeError(f"{self.reform}: where: expected a predicate over onetrip.Matter, got "
                            f"{type(self.where).__name__}")
        self._value(None)  # checks every field now: a wrong type is a TypeError naming it

    def _value(self, matters: Optional[List[str]]) -> "_onetrip._Reform":
        kwargs = {}
        for key, value in self.fields.items():
            if value is None:  # not given (a field the reform needs is refused by _Reform, named)
                continue
            if key == "matter":  # the JSON form's single code
                kwargs.setdefault("matters", []).append(value)
                continue
            if key == "matters":
                if isinstance(value, str) or not hasattr(value, "__iter__"):
                    kwargs["matters"] = value  # refused by _Reform: a TypeError naming `matters`
                else:
                    kwargs.setdefault("matters", []).extend(value)
                continue
            if key == "fee":  # yuan in the JSON form, like a catalogue's; fen for the library
                kwargs["fee_fen"] = _fen(value)
                continue
            kwargs[_KEYWORDS.get(key, key)] = value
        if matters is not None:
            kwargs["matters"] = matters
        for key in kwargs:
            if key not in _FIELDS:
                raise TypeError(f"{self.reform}: unexpected keyword argument '{key}' (a reform's fields are "
                                f"{', '.join(_FIELDS)})")
        try:
            return _onetrip._Reform(self.reform, **kwargs)
        except TypeError as e:
            raise TypeError(f"{self.reform}: {e}") from None
        except ValueError as e:
            raise type(e)(f"{self.reform}: {e}") from None

    def value(self, catalog=None) -> "_onetrip._Reform":
        """The reform as the library holds it; a predicate is resolved to matter codes against `catalog`."""
        if catalog is not None and not isinstance(catalog, _onetrip.Catalog):
            raise TypeError(f"catalog: expected an onetrip.Catalog or None, got {type(catalog).__name__}")
        if self.where is None:
            return self._value(None)
        return self._value(self._resolve(catalog))

    def _resolve(self, catalog) -> List[str]:
        if catalog is None:
            raise ValueError(f"{self.reform}: a reform with a predicate needs the catalogue to resolve it")
        listed = self.fields.get("matters")
        chosen = [m.code for m in catalog.matters if self.where(m)]
        matters = [c for c in chosen if listed is None or c in listed]
        if not matters:
            raise ValueError(f"{self.reform}: the predicate matches no matter")
        return matters

    def to_json(self, catalog=None) -> dict:
        """The JSON object; a predicate is resolved to matter codes against `catalog`."""
        if catalog is not None and not isinstance(catalog, _onetrip.Catalog):
            raise TypeError(f"catalog: expected an onetrip.Catalog or None, got {type(catalog).__name__}")
        out = {"reform": self.reform}
        out.update({k: v for k, v in self.fields.items() if v is not None})
        if self.where is not None:
            out["matters"] = self._resolve(catalog)
        return out


@dataclasses.dataclass
class Scenario:
    """Reforms applied in order."""

    reforms: List[Reform]
    name: str = ""

    def to_json(self, catalog=None) -> str:
        doc = {"schema": "onetrip-scenario/1", "reforms": [r.to_json(catalog) for r in self.reforms]}
        if self.name:
            doc["name"] = self.name
        return json.dumps(doc, ensure_ascii=False, indent=2)

    def save(self, path, catalog=None) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json(catalog) + "\n")


def _fen(yuan):
    """Fen of yuan given as an integer or a string with at most two decimals ("12.50"): exact, never a float."""
    if isinstance(yuan, bool) or not isinstance(yuan, (int, str)):
        raise TypeError(f"fee: expected yuan as an integer or a string like \"12.50\", got {type(yuan).__name__}")
    if isinstance(yuan, int):
        return yuan * 100
    whole, dot, cents = yuan.strip().partition(".")
    if not whole.isdigit() or (dot and not (cents.isdigit() and len(cents) <= 2)):
        raise ValueError(f"fee: {yuan!r} is not an amount of yuan with at most two decimals (e.g. \"12.50\")")
    return int(whole) * 100 + int((cents + "00")[:2])


def _codes(matters):
    """A list of the codes; anything else as given, for _Reform to refuse by name."""
    if matters is None or isinstance(matters, str) or not hasattr(matters, "__iter__"):
        return matters
    return list(matters)


def _target(matters=None, department=None, hall=None, kind=None, bundle=None, where=None, **extra):
    fields = {"matters": _codes(matters), "department": department, "hall": hall,
              "kind": kind, "bundle": bundle}
    fields.update(extra)
    return fields, where


def _matter_reform(name: str, **kwargs) -> Reform:
    fields, where = _target(**kwargs)
    return Reform(name, fields, where)


def online_application(online: str = "full", situation: Optional[str] = None, **target) -> Reform:
    """Online application: "full" (全程网办), "pre_review" (网上预审) or "none"; in `situation` only when given."""
    return _matter_reform("online_application", online=online, situation=situation, **target)


def postal_application(enable: bool = True, situation: Optional[str] = None, **target) -> Reform:
    """Applications by post, originals included (邮寄申请)."""
    return _matter_reform("postal_application", enable=None if enable is True else enable, situation=situation,
                          **target)


def express_delivery(enable: bool = True, situation: Optional[str] = None, **target) -> Reform:
    """Results sent by express (快递送达)."""
    return _matter_reform("express_delivery", enable=None if enable is True else enable, situation=situation,
                          **target)


def electronic_licence(enable: bool = True, situation: Optional[str] = None, **target) -> Reform:
    """Results issued electronically (电子证照)."""
    return _matter_reform("electronic_licence", enable=None if enable is True else enable, situation=situation,
                          **target)


def online_payment(enable: bool = True, situation: Optional[str] = None, **target) -> Reform:
    """Fees paid online (matters without a fee are left alone)."""
    return _matter_reform("online_payment", enable=None if enable is True else enable, situation=situation,
                          **target)


def tolerant_acceptance(enable: bool = True, situation: Optional[str] = None, **target) -> Reform:
    """Accept with secondary materials missing (容缺受理)."""
    return _matter_reform("tolerant_acceptance", enable=None if enable is True else enable, situation=situation,
                          **target)


def share_material(material: str, enable: bool = True) -> Reform:
    """Fetch a government-issued material by data sharing instead of carrying it."""
    return Reform("share_material", {"material": material, "enable": None if enable is True else enable})


def drop_material(material: str, situation: Optional[str] = None, **target) -> Reform:
    """The material is no longer required by the targeted matters (in `situation` only, when given)."""
    return _matter_reform("drop_material", material=material, situation=situation, **target)


def promised_limit(days: int, situation: Optional[str] = None, **target) -> Reform:
    """Set the promised limit of the targeted promised matters, in working days (in `situation` only, when
    given: in the matter's promised unit, as a variant's)."""
    return _matter_reform("promised_limit", days=days, situation=situation, **target)


def remove_eligibility(situation: str, **target) -> Reform:
    """Lift a restriction: the eligibility rule whose condition is exactly `situation` (word for word, as the
    catalogue writes it) is removed from the targeted matters."""
    return _matter_reform("remove_eligibility", situation=situation, **target)


def filing(effective_from: Optional[datetime.date] = None, **target) -> Reform:
    """Replace a licence by an online filing (备案): zero trips, zero days."""
    date = effective_from.isoformat() if isinstance(effective_from, datetime.date) else effective_from
    return _matter_reform("filing", effective_from=date, **target)


def immediate(enable: bool = True, days: Optional[int] = None, **target) -> Reform:
    """Decided and issued at the visit (当场办理, 即办), with no site inspection before the decision
    (事后监管); enable=False makes the matters promised again within `days` working days."""
    return _matter_reform("immediate", enable=None if enable is True else enable, days=days, **target)


def site_inspection(days: int, **target) -> Reform:
    """A site inspection (现场核查) of `days` working days before the decision; 0 drops it."""
    return _matter_reform("site_inspection", days=days, **target)


def fee(yuan: Union[int, str], **target) -> Reform:
    """The matters charge `yuan` (an integer or a string like "12.50"); 0 abolishes the fee."""
    return _matter_reform("fee", fee=yuan, **target)


def absorb(into: str, matters: Sequence[str]) -> Reform:
    """The matters ride on matter `into` (多证合一) and leave the catalogue."""
    return Reform("absorb", {"into": into, "matters": _codes(matters)})


def single_window(bundle: str, enable: bool = True) -> Reform:
    """One window for the bundle at the lead department, results together (一窗受理)."""
    return Reform("single_window", {"bundle": bundle, "enable": None if enable is True else enable})


def internal_edge(bundle: str, from_: str, to: str) -> Reform:
    """The administration passes `from_`'s result on to `to` (内部流转)."""
    return Reform("internal_edge", {"bundle": bundle, "from": from_, "to": to})


def joint_inspection(bundle: str, enable: bool = True) -> Reform:
    """One joint site inspection for the bundle (联合踏勘)."""
    return Reform("joint_inspection", {"bundle": bundle, "enable": None if enable is True else enable})


def merge_serial(bundle: str, from_: str, to: str) -> Reform:
    """The two serial members are reviewed together: they run in parallel (合并审查)."""
    return Reform("merge_serial", {"bundle": bundle, "from": from_, "to": to})


def dated(reform: Reform, effective_from) -> Reform:
    """The reform holding from `effective_from` (a datetime.date or "YYYY-MM-DD"): applied by
    onetrip.as_of and onetrip.roadmap from that day on (Catalog.apply applies it whatever its date)."""
    if not isinstance(reform, Reform):
        raise TypeError(f"reform: expected a Reform (onetrip.reforms.…), got {type(reform).__name__}")
    return dataclasses.replace(reform, fields={**reform.fields, "effective_from": effective_from})


ScenarioLike = Union[Scenario, Reform, Iterable[Reform], str, os.PathLike]


def _as_scenario(scenario) -> "Scenario":
    """A Scenario of a Scenario, one Reform or an iterable of them."""
    if isinstance(scenario, Scenario):
        return scenario
    if isinstance(scenario, Reform):
        return Scenario([scenario])
    if isinstance(scenario, (str, bytes)) or not hasattr(scenario, "__iter__"):
        raise TypeError(f"scenario: expected a list of Reform, a Scenario, a Reform or a scenario file, "
                        f"got {type(scenario).__name__}")
    out = Scenario(list(scenario))
    for i, r in enumerate(out.reforms):
        if not isinstance(r, Reform):
            raise TypeError(f"scenario[{i}]: expected a Reform (onetrip.reforms.…), got {type(r).__name__}")
    return out


def scenario_json(scenario: ScenarioLike, catalog=None) -> str:
    """The JSON text of a scenario given as a Scenario, a Reform, a list, JSON text or a path."""
    if isinstance(scenario, (str, os.PathLike)):
        if isinstance(scenario, str) and scenario.lstrip().startswith("{"):
            return scenario
        return read_file(scenario, "scenario")
    return _as_scenario(scenario).to_json(catalog)


def apply(catalog, scenario: ScenarioLike, *, progress: "_progress.ProgressLike" = None):
    """A new catalogue with the scenario applied; ScenarioError lists every problem.

    Reforms (a Scenario, one Reform or a list) reach the library as values; a
    path or JSON text is read as an "onetrip-scenario/1" file."""
    from .catalog import Catalog

    if not isinstance(catalog, _onetrip.Catalog):
        raise TypeError(f"catalog: expected an onetrip.Catalog, got {type(catalog).__name__}")
    if isinstance(scenario, (str, os.PathLike)):
        return Catalog(_onetrip._apply_json(catalog, scenario_json(scenario), _progress.callback(progress)))
    scenario = _as_scenario(scenario)
    values = [r.value(catalog) for r in scenario.reforms]
    return Catalog(_onetrip._apply(catalog, values, scenario.name, _progress.callback(progress)))
