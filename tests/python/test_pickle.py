"""Every value onetrip returns pickles and unpickles exactly (issue 21, item 1).

The classes are found by walking the package's modules and the compiled
layer, not listed by hand: a new class without a sample here, or whose
instances do not survive pickle.dumps / pickle.loads equal to what went in,
fails. A tampered pickle (an index past its catalogue, a record with another
number of fields) is refused with ValueError, never read."""
import datetime
import pickle

import pytest

import onetrip
import onetrip.bpmn  # noqa: F401
import onetrip.listing  # noqa: F401
import onetrip.notice  # noqa: F401
from onetrip import _onetrip, reforms
from conftest import SOURCE_DIR

D = datetime.date
YUYAO = SOURCE_DIR / "examples" / "yuyao-2017"
LISTING = SOURCE_DIR / "tests" / "data" / "listing" / "numeric"
BPMN = SOURCE_DIR / "tests" / "data" / "bpmn"

# The modules whose classes are walked (onetrip.dask is walked in test_dask.py,
# where Dask is importable).
MODULES = ("onetrip", "onetrip._onetrip", "onetrip.catalog", "onetrip.cases", "onetrip.clock", "onetrip.compare",
           "onetrip.reforms", "onetrip.roadmap", "onetrip.results", "onetrip.listing", "onetrip.bpmn",
           "onetrip.evaluation")

# Classes that are no values: each with why. Anything else must round-trip.
NOT_VALUES = {
    "onetrip._onetrip._Report": "the private accumulator; onetrip.Report pickles its state (test_dask.py)",
    "onetrip.results._Indexed": "the base of NeedKind and Reason: an enum without members",
    "onetrip.results._FormerDict": "the base of ComparisonTotals and ProvinceIndicators: no fields of its own",
}
# Values another part of the package owns that do not pickle yet: the test
# fails as soon as one of them does, so that it is moved to the samples.
NOT_YET = {}  # classes that do not pickle yet: none


def walked_classes():
    import importlib

    seen = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if not isinstance(value, type) or not value.__module__.startswith("onetrip"):
                continue
            if issubclass(value, BaseException):
                continue  # exceptions pickle by Python's own rules (test_errors_pickle below)
            seen[f"{value.__module__}.{value.__qualname__}"] = value
    return seen


@pytest.fixture(scope="module")
def samples():
    """One instance of every value class, keyed by its qualified name."""
    china = onetrip.Calendar.china()
    yuyao = onetrip.Catalog.load(YUYAO / "catalog.json")
    trips = yuyao.trips("road-excavation")
    schedule = yuyao.schedule("guihua-simen", D(2017, 7, 3))
    prepared = yuyao.prepared_materials("shuili-project")
    clock = onetrip.CaseClock([("accepted", D(2017, 7, 3), 5), ("special_started", D(2017, 7, 4), "检测", 3)])
    scenario = onetrip.Scenario([reforms.express_delivery(department="gongan"),
                                 reforms.single_window("road-excavation")], name="2017")
    after = yuyao.apply(scenario)
    comparison = onetrip.compare(yuyao, after, volumes=YUYAO / "volumes-2017-07-windows.csv")
    report = onetrip.Report(catalog=yuyao)
    report.add_csv(f"{','.join(onetrip.cases.CASE_COLUMNS)}\n"
                   "c1,330281-GA-03,gongan,余姚市行政服务中心,promised,2017-07-03,2017-07-10,12.50,0\n")
    listing = onetrip.listing.read(LISTING)
    bpmn = onetrip.bpmn.read(onetrip.bpmn.export(yuyao, "guihua-simen"))
    out = {
        onetrip.Calendar: china,
        onetrip.SpecialDay: china.special_days(2017, 10)[0],
        onetrip.DayInfo: china.day(D(2017, 10, 1)),
        _onetrip.Catalog: _onetrip.Catalog(yuyao),
        onetrip.Catalog: yuyao,
        onetrip.Hall: yuyao.halls[1],
        onetrip.Department: yuyao.departments[2],
        onetrip.Material: yuyao.materials[3],
        onetrip.MaterialUse: yuyao.matters[4].materials[1],
        onetrip.Matter: yuyao.matters[5],
        onetrip.Bundle: yuyao.bundles[1],
        onetrip.Trips: trips,
        onetrip.Trip: trips.trip_list[-1],
        onetrip.Need: trips.trip_list[0].needs[0],
        onetrip.NeedKind: onetrip.NeedKind.COLLECT,
        onetrip.Reason: onetrip.Reason.ORIGINAL_TO_SHOW,
        onetrip.Indicators: yuyao.indicators(volumes={m.code: 3.5 for m in yuyao.matters}),
        onetrip.Due: yuyao.due("330281-AJ-01", D(2017, 9, 29), extension="single"),
        onetrip.Schedule: schedule,
        onetrip.MemberSchedule: schedule.members[-1],
        onetrip.PreparedMaterials: prepared,
        onetrip.PreparedMaterial: prepared.prepared[0],
        onetrip.Evaluation: yuyao.evaluate(D(2017, 7, 3), materials_present=[yuyao.materials[0].id]),
        onetrip.ClockState: clock.as_of(D(2017, 7, 5)),
        onetrip.SpecialPeriod: clock.as_of(D(2017, 7, 5)).special_periods[0],
        onetrip.CaseClock: clock,
        onetrip.Finding: yuyao.audit()[0],
        onetrip.Reform: reforms.express_delivery(department="gongan"),
        onetrip.Scenario: scenario,
        _onetrip._Reform: reforms.express_delivery(department="gongan").value(yuyao),
        onetrip.Volumes: onetrip.Volumes.from_csv(yuyao, YUYAO / "volumes-2017-07-windows.csv"),
        onetrip.SituationVolume: onetrip.Volumes.from_csv(
            onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json"),
            "matter,situation,share\nSC-02,items=股东,1\n").situations[0],
        onetrip.Comparison: comparison,
        onetrip.ComparisonTotals: comparison.totals,
        onetrip.Report: report,
        onetrip.ReportTable: report.finish(2017, 7),
        _onetrip._ReportTable: report.finish(2017, 7)._table,
        onetrip.cases.ReportColumn: onetrip.Report.COLUMNS[3],
        onetrip.Roadmap: yuyao.roadmap([reforms.dated(reforms.express_delivery(department="gongan"), "2017-07-12")],
                                       "2017-06", "2017-08", volumes={m.code: 2 for m in yuyao.matters}),
        onetrip.FieldChange: yuyao.diff(after)[0],
        onetrip.Problem: onetrip.Problem("$.matters[0]", "a problem"),
        onetrip.listing.Listing: listing,
        onetrip.listing.MappingReport: listing.report,
        _onetrip._ListingImport: listing._result,
        onetrip.bpmn.BpmnImport: bpmn,
        onetrip.bpmn.Unmapped: onetrip.bpmn.Unmapped("task", "serviceTask", "not mapped"),
        onetrip.notice.Notice: onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json")
        .notice("SC-05", {"business": "小餐饮店", "area": 40}, start="2017-07-03"),
    }
    return {f"{cls.__module__}.{cls.__qualname__}": (cls, value) for cls, value in out.items()}


def roundtrip(value):
    return pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def test_every_class_has_a_sample(samples):
    missing = sorted(set(walked_classes()) - set(samples) - set(NOT_VALUES))
    assert not missing, f"classes without a pickling sample in test_pickle.py: {missing}"


def test_every_value_round_trips_equal(samples):
    for name, (cls, value) in sorted(samples.items()):
        if name in NOT_YET:
            continue
        assert isinstance(value, cls), name
        back = roundtrip(value)
        assert type(back) is type(value), name
        assert back == value, name
        assert not (back != value), name
        assert repr(back) == repr(value) and " object at 0x" not in repr(value), name


def test_the_fields_survive(samples):
    """Equality is not all: every typed attribute reads the same after the trip."""
    for name, (cls, value) in sorted(samples.items()):
        if name in NOT_YET or not hasattr(cls, "_fields") or isinstance(value, tuple):
            continue
        back = roundtrip(value)
        for field in cls._fields:
            assert getattr(back, field) == getattr(value, field), (name, field)


def test_results_with_arrays_round_trip_exactly(samples):
    import numpy as np

    ev = samples["onetrip._onetrip.Evaluation"][1]
    back = roundtrip(ev)
    for name in ("matter_trips", "matter_due", "bundle_workdays", "bundle_due", "bundle_over_joint_limit"):
        assert np.array_equal(getattr(back, name), getattr(ev, name)), name
    assert back.to_pandas().equals(ev.to_pandas())
    assert back.trips("road-excavation") == ev.trips("road-excavation")  # the options travelled
    trips = samples["onetrip._onetrip.Trips"][1]
    assert str(roundtrip(trips)) == str(trips)
    table = samples["onetrip.cases.ReportTable"][1]
    for part in ("windows", "halls", "total"):
        assert roundtrip(table).to_pandas(part).equals(table.to_pandas(part))
        assert roundtrip(table).csv(part) == table.csv(part)


def test_not_yet_pickling_is_still_so(samples):
    for name in NOT_YET:
        cls, value = samples[name]
        try:
            back = roundtrip(value)
        except (TypeError, pickle.PicklingError):
            continue
        pytest.fail(f"{name} pickles now: move it from NOT_YET to the checked samples ({back!r})")


def test_a_different_result_is_not_equal(samples):
    yuyao = samples["onetrip.catalog.Catalog"][1]
    assert yuyao.trips("road-excavation") != yuyao.trips("guihua-simen")
    assert yuyao.evaluate() != yuyao.evaluate(D(2017, 7, 3))
    assert yuyao.matters[0] != yuyao.matters[1]
    assert yuyao.schedule("guihua-simen") != yuyao.schedule("guihua-simen", D(2017, 7, 3))


def test_tampered_pickles_are_refused(samples):
    yuyao = samples["onetrip.catalog.Catalog"][1]
    catalog = _onetrip.Catalog(yuyao)
    with pytest.raises(ValueError, match="outside the catalogue"):
        _onetrip.Matter.__new__(_onetrip.Matter).__setstate__((catalog, 10**6))
    need = yuyao.trips("road-excavation").trip_list[0].needs[0]
    fields = list(need.__getstate__()[1])
    fields[1] = 10**6  # the matter's index
    with pytest.raises(ValueError, match="matter 1000000 is past the end"):
        _onetrip.Need.__new__(_onetrip.Need).__setstate__((catalog, tuple(fields)))
    fields = list(need.__getstate__()[1])
    fields[3] = 99  # the reason
    with pytest.raises(ValueError, match="reason 99 is past the end"):
        _onetrip.Need.__new__(_onetrip.Need).__setstate__((catalog, tuple(fields)))
    with pytest.raises(ValueError, match="number of fields"):
        _onetrip.Need.__new__(_onetrip.Need).__setstate__((catalog, tuple(fields[:-1])))
    ev = samples["onetrip._onetrip.Evaluation"][1]
    other = onetrip.generate(50, seed=2)
    state = ev.__getstate__()
    with pytest.raises(ValueError, match="do not fit its catalogue"):
        _onetrip.Evaluation.__new__(_onetrip.Evaluation).__setstate__((other,) + tuple(state[1:]))


def test_errors_pickle():
    for error in (onetrip.NotFoundError("no matter"), onetrip.MissingFileError(2, "catalog: no such file", "x.json"),
                  onetrip.CatalogError("bad", [onetrip.Problem("$.a", "b")])):
        back = roundtrip(error)
        assert type(back) is type(error) and str(back) == str(error)


def test_a_day_pickles_without_its_calendar():
    # A DayInfo's name views its calendar's rules; unpickled, it holds its own copy,
    # so it outlives a custom calendar that is gone.
    calendar = onetrip.Calendar.from_rules("2017-01-01", "2017-12-31", holidays=[("2017-07-05", "本地节日")])
    data = pickle.dumps(calendar.day(D(2017, 7, 5)))
    expected = repr(calendar.day(D(2017, 7, 5)))
    del calendar
    back = pickle.loads(data)
    assert back.name == "本地节日" and back.kind == "holiday" and not back.workday and repr(back) == expected
    assert back == pickle.loads(data) and hash(back) == hash(pickle.loads(data))
    with pytest.raises(ValueError, match="not a kind of day"):
        pickle.loads(data.replace(b"\x4b\x02", b"\x4b\x09"))  # kind 2 (holiday) -> 9


def test_new_fields_travel():
    # A fee reform's amount and an evaluation's situation ranges are part of what pickles: a fee of
    # 20 yuan must not come back as 0 (which abolishes the fee), nor an evaluation lose the worst
    # situations its indicators count.
    twenty, zero = reforms.fee("20", matters=["330281-GA-02"]), reforms.fee("0", matters=["330281-GA-02"])
    yuyao = onetrip.Catalog.load(YUYAO / "catalog.json")
    a, b = twenty.value(yuyao), zero.value(yuyao)
    assert roundtrip(a) == a and roundtrip(a) != b
    situations = onetrip.Catalog.load(SOURCE_DIR / "tests" / "data" / "catalog" / "situations.json")
    ev = situations.evaluate()
    back = roundtrip(ev)
    assert back == ev and back.indicators() == ev.indicators()
    assert situations.indicators() == back.indicators()
