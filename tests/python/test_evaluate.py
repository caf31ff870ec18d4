"""Trips and time from Python: the bulletin's scenarios on the Yuyao catalogue,
rules on a small made-up catalogue, the whole-catalogue evaluation as arrays
and as a DataFrame, indicators with volumes, audit, due dates, schedules, DOT;
results as typed records (no dicts; dict access warns), dates on the calendar
given (a year past the built-in one), and no method added from outside."""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import onetrip

D = datetime.date


@pytest.fixture(scope="module")
def yuyao():
    from conftest import SOURCE_DIR

    return onetrip.Catalog.load(SOURCE_DIR / "examples" / "yuyao-2017" / "catalog.json")


def small(*matters, bundles=()):
    doc = {
        "schema": "onetrip/1",
        "halls": [{"id": "main", "name": "中心"}],
        "departments": [{"id": "a", "name": "甲局", "halls": ["main"]}],
        "materials": [{"id": "form", "name": "申请表"}, {"id": "contract", "name": "合同原件", "original": True}],
        "matters": [dict({"department": "a", "kind": "行政许可", "name": m["code"]}, **m) for m in matters],
        "bundles": list(bundles),
    }
    return onetrip.Catalog.loads(json.dumps(doc, ensure_ascii=False))


def test_bulletin_scenarios(yuyao):
    # The catalogue keeps the edge as it was before 住建 forwarded 公安's part: the applicant carries it.
    assert yuyao.trips("road-excavation").trips == 3
    transferred = yuyao.apply([onetrip.reforms.internal_edge("road-excavation", "330281-ZJ-01", "330281-GA-01")])
    assert transferred.trips("road-excavation").trips == 2
    assert yuyao.trips("shuili-project").trips == 1
    assert yuyao.prepared_materials("shuili-project").before_merging == 10
    assert yuyao.prepared_materials("shuili-project").after_merging == 6
    assert yuyao.trips("anjian-hazchem").trips == 0
    planning = yuyao.trips("guihua-simen")
    assert planning.trips == 4 and {t.hall for t in planning.trip_list} == {"simen"}
    assert all(yuyao.trips(f"330281-HB-{i:02d}").trips == 0 for i in range(1, 11))
    passport = yuyao.trips("330281-GA-03")
    assert passport.trips == 1
    because = passport.trip_list[0].needs[0].because
    assert because is onetrip.Reason.STATUTORY_PRESENCE and because == "statutory_presence"
    assert because.sentence == "the law requires the applicant in person"
    food = yuyao.trips("sanxiao")
    assert (food.trips, food.worst_case) == (1, 2)
    plain = yuyao.prepared_materials("330281-FW-01")
    sublet = yuyao.prepared_materials("330281-FW-01", materials_present=["sublease-consent"])
    assert sublet.after_merging == plain.after_merging + 1
    assert yuyao.trips("330281-SW-01").trips == 0
    with pytest.raises(onetrip.NotFoundError):
        yuyao.trips("nope")


def test_reasons_are_readable(yuyao):
    trips = yuyao.trips("330281-ZJ-01")
    assert trips.reasons[0].startswith("trip 1 (day 0): submit 挖掘城市道路（车行道）审批 at 余姚市行政服务中心")
    assert "collect" in trips.reasons[1]
    assert "2 trips (worst case 3)" in str(trips)


def test_rules_on_a_small_catalogue():
    c = small(
        {"code": "PAPER", "project_type": "promised", "promise_day": 5, "online": "full", "is_express": True,
         "materials": ["form", "contract"]},
        {"code": "SCAN", "project_type": "promised", "promise_day": 5, "online": "full", "is_express": True,
         "materials": ["form", {"material": "contract", "form": "electronic"}]},
        {"code": "FEE", "project_type": "promised", "promise_day": 5, "online": "full", "is_express": True, "fee": "9.90"},
        {"code": "ASSESSED", "project_type": "promised", "promise_day": 5, "online": "full", "is_express": True,
         "fee": "9.90", "fee_kind": "assessed"},
    )
    paper = c.trips("PAPER")
    assert paper.trips == 1 and paper.trip_list[0].needs[0].material == "contract"
    assert c.trips("SCAN").trips == 0
    fee = c.trips("FEE")
    assert fee.trips == 1 and fee.trip_list[0].needs[0].kind == "pay"
    assert fee.trip_list[0].moment == 0  # a fixed charge: paid when applying
    assessed = c.trips("ASSESSED")
    assert assessed.trips == 1 and assessed.trip_list[0].moment == 5  # set by the decision


def test_whole_catalogue_as_arrays_and_frame(yuyao):
    e = yuyao.evaluate(D(2017, 7, 3))
    assert isinstance(e.matter_trips, np.ndarray) and e.matter_trips.dtype == np.int32
    assert len(e.matter_trips) == len(yuyao.matters)
    assert e.matter_due.dtype == np.dtype("datetime64[D]")
    frame = e.to_pandas("all")
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(yuyao.matters) + len(yuyao.bundles)
    assert frame.index.names == ["kind", "id"]
    row = frame.loc[("matter", "330281-GA-03")]
    assert (row.trips, row.worst_case, row.workdays) == (1, 2, 7)
    assert row.due == pd.Timestamp("2017-07-12")
    # each review: 20 working days and 10 of 专家评审 that 第四十五条 does not count
    assert frame.loc[("bundle", "anjian-hazchem"), "workdays"] == 60
    assert e.to_pandas().loc["330281-GA-03"].equals(row) and e.to_pandas().index.name == "code"
    assert e.to_pandas("bundles").index.name == "bundle"
    no_dates = yuyao.evaluate()
    assert np.isnat(no_dates.matter_due).all()
    assert e.trips("330281-GA-03").trips == 1
    assert "<table" in e._repr_html_() and "330281-GA-03" in e._repr_html_()


def test_indicators_weighted_by_volumes(yuyao):
    plain = yuyao.indicators()
    assert plain.matters == len(yuyao.matters) and not plain.weighted
    assert 0 < plain.share_zero_trips < plain.share_at_most_one_trip <= 1
    weighted = yuyao.indicators(volumes=pd.Series({"330281-GA-03": 1768, "330281-HB-01": 36}), missing="zero")
    assert weighted.volume == 1804
    assert weighted.mean_trips == pytest.approx(1768 / 1804)
    assert yuyao.evaluate().indicators().matters == len(yuyao.matters)
    # An onetrip.Volumes weighs by its matters' cases (its bundles' passed over, as a mapping's are).
    made = onetrip.Volumes({"330281-GA-03": 1768, "330281-HB-01": 36}, {yuyao.bundles[0].id: 5})
    assert yuyao.indicators(volumes=made, missing="zero") == weighted
    assert yuyao.evaluate().indicators(made, missing="zero") == weighted
    with pytest.raises(onetrip.VolumesError, match="have no volume"):
        yuyao.indicators(volumes=made)
    with pytest.raises(onetrip.NotFoundError):
        yuyao.indicators(volumes={"nope": 1})
    with pytest.raises(onetrip.InvalidArgumentError):
        yuyao.indicators(volumes=[1, 2])


def test_audit(yuyao):
    findings = yuyao.audit()
    assert all(isinstance(f, onetrip.Finding) for f in findings)
    road = [f for f in findings if f.matter == "330281-ZJ-01"]
    assert road and road[0].rule == "declared trips differ from the computed ones"
    assert "declares 1 trip, computed 2" in road[0].message


def test_due_dates_and_schedules(yuyao):
    due = yuyao.due("330281-AJ-01", D(2017, 9, 29), extension="single")
    assert due.due == D(2017, 11, 2)
    assert due.due_with_special_procedures == D(2017, 11, 16)
    assert due.extended_due is not None
    with pytest.raises(ValueError, match="extension"):
        yuyao.due("330281-AJ-01", D(2017, 9, 29), extension="forever")
    with pytest.raises(onetrip.OutOfRangeError):
        yuyao.due("330281-AJ-01", D(2026, 12, 30))
    s = yuyao.schedule("guihua-simen", D(2017, 7, 3))
    assert s.workdays == 41 and len(s.critical_path) == 4  # 34 counted + 7 days of 方案公示
    assert s.due == onetrip.Calendar.china().add_workdays(D(2017, 7, 3), 41)
    assert [m.earliest_start for m in s.members] == [0, 7, 24, 34]  # the second stage: 10 + 7 of 公示
    dot = yuyao.bundle("guihua-simen").to_dot()
    assert dot.startswith("digraph") and "color=red" in dot


def test_generated_catalogue_evaluates_as_arrays():
    a = onetrip.generate(matters=5000, seed=3)
    assert len(a.matters) == 5000 and len(a.bundles) == 100
    assert onetrip.generate(matters=5000, seed=3) == a
    e = a.evaluate(D(2017, 7, 3))
    assert e.matter_trips.shape == (5000,) and e.bundle_trips.shape == (100,)
    assert 0 < (e.matter_trips == 0).sum() < 5000
    with pytest.raises(onetrip.InvalidArgumentError):
        onetrip.generate(matters=0)


def test_threads_share_the_work_and_give_the_same_figures():
    import numpy as np

    c = onetrip.generate(matters=40000, seed=5)
    one = c.evaluate(D(2017, 7, 3))
    four = c.evaluate(D(2017, 7, 3), threads=4)
    for name in ("matter_trips", "matter_worst_case", "matter_due", "bundle_trips", "bundle_workdays"):
        assert np.array_equal(getattr(one, name), getattr(four, name)), name
    assert np.array_equal(c.evaluate(threads=0).matter_trips, one.matter_trips)
    with pytest.raises(ValueError):
        c.evaluate(threads=-1)


def test_results_are_records_not_dicts(yuyao):
    due = yuyao.due("330281-AJ-01", D(2017, 9, 29))
    assert isinstance(due, onetrip.Due) and not isinstance(due, dict)
    assert due.to_dict()["due"] == due.due == D(2017, 11, 2)
    assert repr(due).startswith("Due(accepted=datetime.date(2017, 9, 29), due=datetime.date(2017, 11, 2)")
    assert due == yuyao.due("330281-AJ-01", D(2017, 9, 29)) and due != yuyao.due("330281-AJ-01", D(2017, 10, 9))
    with pytest.warns(DeprecationWarning, match=r'Due\["due"\]: results are no longer dicts; use .due'):
        assert due["due"] == due.due
    with pytest.raises(KeyError):
        due["nope"]
    with pytest.raises(AttributeError):
        due.due = D(2017, 1, 1)  # read-only
    for value in (yuyao.schedule("guihua-simen"), yuyao.indicators(), yuyao.prepared_materials("shuili-project"),
                  yuyao.trips("road-excavation").trip_list[0], yuyao.trips("road-excavation").trip_list[0].needs[0]):
        assert not isinstance(value, dict) and set(value.to_dict()) == set(type(value)._fields)
    prepared = yuyao.prepared_materials("shuili-project").prepared[0]
    assert (prepared.material, prepared.needed_by) == ("application-form", ["330281-SL-01", "330281-SL-02"])
    with pytest.warns(DeprecationWarning, match="no longer a tuple"):
        material, needed_by, original = prepared
    assert (material, needed_by, original) == (prepared.material, prepared.needed_by, prepared.original)


def test_no_method_is_added_from_outside():
    # The evaluators belong to the classes where they are defined (onetrip/catalog.py, the binding).
    assert onetrip.Catalog.evaluate.__module__ == "onetrip.catalog"
    assert "evaluate" not in vars(onetrip._onetrip.Catalog) and "to_dot" in vars(onetrip._onetrip.Bundle)
    assert "to_pandas" in vars(onetrip._onetrip.Evaluation)
    with pytest.warns(DeprecationWarning):
        onetrip.evaluation.install()
    assert "evaluate" not in vars(onetrip._onetrip.Catalog)
    assert type(onetrip.generate(matters=10)) is onetrip.Catalog
    assert type(onetrip.Catalog.loads(onetrip.generate(matters=10).dumps())) is onetrip.Catalog


def test_dates_on_the_calendar_given(yuyao):
    china = onetrip.Calendar.china()
    # 2027 is past the built-in calendar: evaluate, due and schedule take the extended one.
    notice = {"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}
    extended = china.with_json(json.dumps(notice))
    with pytest.raises(onetrip.OutOfRangeError, match="china covers 2007-01-01 to 2026-12-31"):
        yuyao.evaluate(D(2026, 12, 21))
    e = yuyao.evaluate(D(2026, 12, 21), calendar=extended)
    assert e.calendar.coverage[1] == D(2027, 12, 31)
    code = "330281-AJ-01"
    index = [m.code for m in yuyao.matters].index(code)
    assert e.matter_due[index] == np.datetime64(extended.add_workdays(D(2026, 12, 21), e.matter_workdays[index]))
    assert yuyao.due(code, D(2026, 12, 21), calendar=extended).result_due == e.matter_due[index].astype(object)
    s = yuyao.schedule("guihua-simen", D(2026, 12, 1), calendar=extended)
    assert s.due == extended.add_workdays(D(2026, 12, 1), s.workdays) and s.due.year == 2027
    # A calendar closed on Fridays moves the due dates.
    four_days = onetrip.Calendar.from_rules("2017-01-01", "2018-12-31", weekdays=[1, 2, 3, 4])
    on_four = yuyao.due(code, D(2017, 9, 29), calendar=four_days)
    assert on_four.due == four_days.add_workdays(D(2017, 9, 29), yuyao.matter(code).promised_limit)
    assert on_four.legal_due == four_days.add_workdays(D(2017, 9, 29), yuyao.matter(code).legal_limit)
    assert on_four.legal_due > yuyao.due(code, D(2017, 9, 29)).legal_due
    with pytest.raises(TypeError, match="calendar: expected an onetrip.Calendar"):
        yuyao.evaluate(D(2017, 7, 3), calendar="china")
