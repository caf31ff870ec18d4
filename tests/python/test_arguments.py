"""Wrong arguments from Python are errors that name the argument, on every
function: introspects every public callable of onetrip and every function and
method of the compiled layer onetrip._onetrip, calls each with values of a
type nothing accepts and checks for a TypeError naming a parameter (never
pybind11's "Unable to cast" RuntimeError); then the classes of bad numbers
(float, None, 2**64, 20.9, NaN) where whole numbers are wanted, as scalars
and in arrays, and dates at the edge of int64 (docs/errors.md)."""
import datetime
import importlib.util
import inspect

import numpy as np
import pandas as pd
import pytest

import onetrip
from onetrip import _onetrip, reforms
from conftest import SOURCE_DIR

D = datetime.date
LISTING = SOURCE_DIR / "tests" / "data" / "listing" / "numeric"


def _stubgen():
    spec = importlib.util.spec_from_file_location("stubgen", SOURCE_DIR / "bindings" / "python" / "stubgen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


stubgen = _stubgen()


class Strange:
    """A value of a type no onetrip function accepts."""

    def __repr__(self):
        return "<Strange>"


@pytest.fixture(scope="module")
def samples():
    """One instance of every class whose methods are checked."""
    china = onetrip.Calendar.china()
    yuyao = onetrip.Catalog.load(SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json")
    trips = yuyao.trips("road-excavation")
    schedule = yuyao.schedule("guihua-simen", D(2017, 7, 3))
    prepared = yuyao.prepared_materials("shuili-project")
    report = _onetrip._Report(china, None)
    return {
        _onetrip.Calendar: china,
        _onetrip.SpecialDay: china.special_days(2017, 10)[0],
        _onetrip.DayInfo: china.day(D(2017, 10, 1)),
        _onetrip.Catalog: _onetrip.Catalog(yuyao),
        onetrip.Catalog: yuyao,
        _onetrip.Hall: yuyao.halls[0],
        _onetrip.Department: yuyao.departments[0],
        _onetrip.Material: yuyao.materials[0],
        _onetrip.MaterialUse: yuyao.matters[0].materials[0],
        _onetrip.Matter: yuyao.matters[0],
        _onetrip.Bundle: yuyao.bundles[0],
        _onetrip.Trips: trips,
        _onetrip.Trip: trips.trip_list[0],
        _onetrip.Need: trips.trip_list[0].needs[0],
        _onetrip.Indicators: yuyao.indicators(),
        _onetrip.Due: yuyao.due("330281-AJ-01", D(2017, 9, 29)),
        _onetrip.Schedule: schedule,
        _onetrip.MemberSchedule: schedule.members[0],
        _onetrip.PreparedMaterials: prepared,
        _onetrip.PreparedMaterial: prepared.prepared[0],
        _onetrip.Evaluation: yuyao.evaluate(),
        _onetrip.ClockState: onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)]).as_of(D(2017, 7, 4)),
        _onetrip.SpecialPeriod: onetrip.CaseClock([("accepted", D(2017, 7, 3), 5),
                                                   ("special_started", D(2017, 7, 4), "检测", 3)]
                                                  ).as_of(D(2017, 7, 5)).special_periods[0],
        _onetrip._Reform: _onetrip._Reform("express_delivery"),
        _onetrip._Report: report,
        _onetrip._ReportTable: report.finish(2017, 7),
        _onetrip._ListingImport: onetrip.listing.read(LISTING)._result,
        onetrip.CaseClock: onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)]),
        onetrip.Reform: reforms.express_delivery(department="gongan"),
        onetrip.Roadmap: yuyao.roadmap([reforms.dated(reforms.express_delivery(department="gongan"), "2017-07-12")],
                                       "2017-06", "2017-08"),
    }


# Values, not services: their constructors hold what they are given (records,
# exceptions, enums: NeedKind("x") is Python's ValueError), or belong to the monthly report's own tests (test_cases.py).
HOLDERS = {onetrip.Problem, onetrip.Finding, onetrip.Scenario, onetrip.ComparisonTotals, onetrip.Comparison,
           onetrip.Volumes, onetrip.SituationVolume, onetrip.Report, onetrip.ReportTable, onetrip.FieldChange,
           onetrip.NeedKind, onetrip.Reason}


def parameters(function):
    """The parameter names (without self) and whether each is keyword-only."""
    if isinstance(function, type) and not inspect.isfunction(function.__init__):
        function = function.__init__  # a compiled constructor: its signature is in its docstring
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        parsed = stubgen.signatures(function)
        assert parsed, f"{function!r}: no signature in its docstring"
        out, keyword = [], False
        for p in parsed[0][1]:
            if p == "*":
                keyword = True
            elif p not in ("self", "/"):
                out.append((p.split(":")[0].strip(), keyword))
        return out
    return [(p.name, p.kind == p.KEYWORD_ONLY) for p in signature.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]


def call_strangely(function, params):
    args = [Strange() for name, keyword in params if not keyword]
    kwargs = {name: Strange() for name, keyword in params if keyword}
    return function(*args, **kwargs)


def callables(samples):
    """(label, bound callable) for every function and method checked."""
    out = []
    modules = [(onetrip, [getattr(onetrip, n) for n in onetrip.__all__]),
               (reforms, [getattr(reforms, n) for n in dir(reforms) if not n.startswith("_")]),
               (_onetrip, [v for n, v in vars(_onetrip).items() if not n.startswith("__")])]
    seen = set()
    for module, values in modules:
        for value in values:
            if id(value) in seen or inspect.ismodule(value) or not callable(value):
                continue
            seen.add(id(value))
            if isinstance(value, type):
                if issubclass(value, BaseException) or value in HOLDERS:
                    continue
                if value.__module__ != "onetrip._onetrip":
                    out.append((f"{value.__qualname__}()", value))
                elif stubgen.signatures(value.__init__):  # a bound constructor
                    out.append((f"{value.__qualname__}()", value))
                for name, member in vars(value).items():
                    if name.startswith("__") or name.startswith("_") and value.__module__ != "onetrip._onetrip":
                        continue
                    if isinstance(member, (staticmethod, classmethod)):
                        out.append((f"{value.__qualname__}.{name}", getattr(value, name)))
                    elif callable(member) and not isinstance(member, type):
                        assert value in samples, f"{value.__qualname__}: add a sample instance to the test"
                        out.append((f"{value.__qualname__}.{name}", getattr(samples[value], name)))
            elif module is not reforms or value.__module__ == "onetrip.reforms":
                out.append((getattr(value, "__qualname__", repr(value)), value))
    return out


def test_every_callable_names_a_wrong_argument(samples):
    checked = 0
    for label, function in callables(samples):
        params = parameters(function)
        if not params:
            continue
        names = [name for name, _ in params]
        try:
            call_strangely(function, params)
        except TypeError as e:
            info = pytest.ExceptionInfo.from_exc_info((type(e), e, e.__traceback__))
        else:
            pytest.fail(f"{label}{tuple(names)}: accepted values of a type nothing should accept")
        message = str(info.value)
        assert "Unable to cast" not in message, f"{label}: {message}"
        assert any(name in message for name in names), f"{label}{tuple(names)}: the error names none: {message}"
        checked += 1
    assert checked > 60  # the public package and the compiled layer, not a handful


def test_whole_number_scalars():
    china = onetrip.Calendar.china()
    for bad, error in ((1.5, TypeError), (2.0, TypeError), (None, TypeError), ("3", TypeError), (True, TypeError),
                       (2**64, onetrip.OutOfRangeError), (-2**63 - 1, onetrip.OutOfRangeError)):
        with pytest.raises(error, match="^n: "):
            china.add_workdays(D(2017, 1, 3), bad)
        with pytest.raises(error, match="days"):
            onetrip.CaseClock([("accepted", D(2017, 7, 3), bad)])
        with pytest.raises(error, match="days"):
            reforms.promised_limit(bad, department="x")
        with pytest.raises(error, match="matters"):
            onetrip.generate(matters=bad)
    assert china.add_workdays(D(2017, 1, 3), np.int64(2)) == D(2017, 1, 5)  # NumPy integers are integers
    with pytest.raises(onetrip.OutOfRangeError, match="events\\[0\\] days: 4294967301 is outside"):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 2**32 + 5)])
    with pytest.raises(TypeError, match="unexpected option \"yelow_days_left\""):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)], yelow_days_left=3)
    with pytest.raises(onetrip.InvalidArgumentError, match="yellow_used: nan is not a finite number"):
        onetrip.CaseClock([("accepted", D(2017, 7, 3), 5)], yellow_used=float("nan"))


def test_whole_number_arrays_name_the_row():
    china = onetrip.Calendar.china()
    start = np.array(["2017-01-03"] * 3, dtype="datetime64[D]")
    with pytest.raises(onetrip.InvalidArgumentError, match="n, row 1: 1.7 is not a whole number"):
        china.add_workdays(start, [1, 1.7, 2])
    with pytest.raises(onetrip.InvalidArgumentError, match="n, row 2: nan is not a whole number"):
        china.add_workdays(start, [1.0, 2.0, float("nan")])
    with pytest.raises(onetrip.OutOfRangeError, match="n, row 0: 18446744073709551615 is outside"):
        china.add_workdays(start[:1], np.array([2**64 - 1], dtype=np.uint64))
    with pytest.raises(TypeError, match="n: expected whole numbers, got an array of <U1"):
        china.add_workdays(start, ["1", "2", "3"])
    # Integral floats are whole numbers (pandas makes an integer column with gaps a float one).
    assert list(china.add_workdays(start, [1.0, 2.0, 3.0])) == list(china.add_workdays(start, [1, 2, 3]))

    frame = pd.DataFrame({"accepted": pd.to_datetime(["2017-07-03"] * 3), "limit": [20, 2**32 + 5, 5]})
    with pytest.raises(onetrip.OutOfRangeError, match="column 'limit', row 1: 4294967301 is outside"):
        onetrip.clocks(frame, D(2017, 8, 4))
    frame["limit"] = [20, 20.9, 5]
    with pytest.raises(onetrip.InvalidArgumentError, match="column 'limit', row 1: 20.9 is not a whole number"):
        onetrip.clocks(frame, D(2017, 8, 4))
    frame["limit"] = [20.0, 20.0, 5.0]
    frame["paused"] = [0, -2**40, 0]
    with pytest.raises(onetrip.OutOfRangeError, match="column 'paused', row 1"):
        onetrip.clocks(frame, D(2017, 8, 4), paused_days="paused")
    frame["paused"] = [0, 2**31 - 1, 0]  # each fits in 32 bits, the sum does not
    with pytest.raises(onetrip.OutOfRangeError, match="row 1: limit, extension and paused days add up to 2147483667"):
        onetrip.clocks(frame, D(2017, 8, 4), paused_days="paused")
    out = onetrip.clocks(frame.drop(columns="paused"), D(2017, 8, 4))
    assert out.due.iloc[0] == pd.Timestamp("2017-07-31")


@pytest.mark.parametrize("method", ["is_workday", "add_workdays", "count_workdays"])
def test_days_at_the_edge_of_int64_are_out_of_range(method):
    c = onetrip.Calendar.from_rules("1960-01-01", "1980-12-31")
    inside = np.array(["1970-01-05"], dtype="datetime64[D]")
    for edge in (np.array([2**63 - 1]).view("M8[D]"), np.array([-2**63 + 1]).view("M8[D]"),
                 np.array([2**62], dtype="M8[W]"), np.array([-2**62], dtype="M8[Y]"),
                 np.array([2**40], dtype="M8[M]")):
        args = {"is_workday": (edge,), "add_workdays": (edge, 1), "count_workdays": (inside, edge)}[method]
        with pytest.raises(onetrip.OutOfRangeError, match="custom covers 1960-01-01 to 1980-12-31"):
            getattr(c, method)(*args)
    if method != "count_workdays":
        # NaT keeps passing through.
        nat = np.array(["NaT", "1970-01-05"], dtype="datetime64[D]")
        got = getattr(c, method)(nat, 1) if method == "add_workdays" else getattr(c, method)(nat)
        assert (np.isnat(got[0]) if method == "add_workdays" else not got[0]) and len(got) == 2
    with pytest.raises(TypeError, match="expected dates"):
        getattr(c, method)(*((np.array([1.5]),) + ((inside,) if method == "count_workdays" else (1,) * (method == "add_workdays"))))


@pytest.mark.parametrize("n", [2**63 - 1, -2**63, 10**12])
def test_working_days_past_any_coverage(n):
    c = onetrip.Calendar.from_rules("1960-01-01", "1980-12-31")
    with pytest.raises(onetrip.OutOfRangeError, match="go past the calendar's coverage"):
        c.add_workdays(D(1970, 1, 5), n)
    with pytest.raises(onetrip.OutOfRangeError, match="go past the calendar's coverage"):
        c.add_workdays(np.array(["1970-01-05"], dtype="datetime64[D]"), np.array([n]))
