"""The calendar from Python: datetime.date in and out, the legal counting
convention, agreement with the notices, JSON loading and extension, custom
rules, the vectorised forms over datetime64 arrays, and the error classes."""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import onetrip

D = datetime.date


@pytest.fixture(scope="module")
def china():
    return onetrip.Calendar.china()


def test_coverage_and_repr(china):
    assert china.coverage == (D(2007, 1, 1), D(2026, 12, 31))
    assert china.name == "china"
    assert repr(china) == "<onetrip.Calendar 'china' 2007-01-01..2026-12-31>"


def test_national_day_2017(china):
    assert china.add_workdays(D(2017, 9, 29), 20) == D(2017, 11, 2)
    assert china.add_workdays("2017-09-29", 1) == D(2017, 9, 30)
    assert china.count_workdays(D(2017, 9, 29), D(2017, 11, 2)) == 20
    assert china.count_workdays(D(2017, 11, 2), D(2017, 9, 29)) == -20
    assert china.add_workdays(D(2017, 10, 9), -1) == D(2017, 9, 30)
    assert china.add_workdays(D(2017, 10, 3), 0) == D(2017, 10, 3)
    assert not china.is_workday(D(2017, 10, 2))
    assert china.is_workday(D(2017, 9, 30))
    assert china.next_workday(D(2017, 9, 30)) == D(2017, 10, 9)
    assert china.previous_workday(D(2017, 10, 9)) == D(2017, 9, 30)
    assert china.roll_forward(D(2017, 10, 1)) == D(2017, 10, 9)
    day = china.day(D(2017, 9, 30))
    assert (day.kind, day.workday, day.name) == ("makeup workday", True, "中秋节、国庆节")
    assert "makeup workday" in repr(day)


def test_special_days_of_a_month(china):
    days = china.special_days(2020, 1)
    assert [d.date for d in days if not d.off] == [D(2020, 1, 19)]
    assert D(2020, 1, 31) in [d.date for d in days if d.off]
    assert all(d.name in ("元旦", "春节") for d in days)


def test_agrees_with_every_notice(china, holidays_dir):
    listed = {}
    for year in range(2007, 2028):
        for entry in json.loads((holidays_dir / f"{year}.json").read_text(encoding="utf-8"))["days"]:
            listed[D.fromisoformat(entry["date"])] = not entry["isOffDay"]
    days = pd.date_range("2007-01-01", "2026-12-31", freq="D")
    expected = np.array([listed.get(d.date(), d.weekday() < 5) for d in days])
    np.testing.assert_array_equal(china.is_workday(days.values), expected)


def test_vectorised_add_and_count(china):
    starts = np.array(["2017-09-29", "NaT", "2020-01-23"], dtype="datetime64[D]")
    due = china.add_workdays(starts, 20)
    assert due.dtype == np.dtype("datetime64[D]")
    assert due[0] == np.datetime64("2017-11-02")
    assert np.isnat(due[1])
    assert due[2] == np.datetime64(china.add_workdays(D(2020, 1, 23), 20))
    per_case = china.add_workdays(np.array(["2017-09-29"] * 3, dtype="datetime64[D]"), [0, 1, 2])
    assert list(per_case) == [np.datetime64(x) for x in ("2017-09-29", "2017-09-30", "2017-10-09")]
    counts = china.count_workdays(starts[[0, 2]], due[[0, 2]])
    assert counts.tolist() == [20, 20]
    series = pd.Series(pd.to_datetime(["2017-09-29", "2017-10-09"]))
    assert china.is_workday(series).tolist() == [True, True]


def test_vectorised_errors_name_the_element(china):
    with pytest.raises(onetrip.OutOfRangeError, match="element 1: 2030-01-01"):
        china.add_workdays(np.array(["2017-01-03", "2030-01-01"], dtype="datetime64[D]"), 1)
    with pytest.raises(onetrip.InvalidArgumentError, match="expected 1 or 2"):
        china.add_workdays(np.array(["2017-01-03", "2017-01-04"], dtype="datetime64[D]"), [1, 2, 3])


def test_errors_are_onetrip_errors(china):
    with pytest.raises(onetrip.OutOfRangeError, match="2007-01-01 to 2026-12-31") as info:
        china.is_workday(D(2027, 3, 1))
    assert isinstance(info.value, onetrip.Error) and isinstance(info.value, ValueError)
    assert info.value.code == "OUT_OF_RANGE"
    with pytest.raises(onetrip.OutOfRangeError):
        china.add_workdays(D(2026, 12, 28), 30)
    with pytest.raises(onetrip.InvalidArgumentError, match="2017-02-30 is not a date"):
        china.add_workdays("2017-02-30", 1)
    with pytest.raises(TypeError, match="datetime.datetime"):
        china.is_workday(datetime.datetime(2017, 1, 3, 12, 0))
    with pytest.raises(TypeError, match="got int"):
        china.is_workday(20170103)


def test_from_json_text_path_and_extension(china, holidays_dir, tmp_path):
    one = onetrip.Calendar.from_json(holidays_dir / "2017.json")
    assert one.coverage == (D(2017, 1, 1), D(2017, 12, 31))
    two = onetrip.Calendar.from_json(str(holidays_dir / "2018.json"))
    assert not two.is_workday(D(2018, 2, 16))
    text = '{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}'
    extended = china.with_json(text)
    assert extended.coverage[1] == D(2027, 12, 31)
    assert extended.add_workdays(D(2026, 12, 31), 1) == D(2027, 1, 4)
    assert china.coverage[1] == D(2026, 12, 31)  # unchanged
    path = tmp_path / "2027.json"
    path.write_text(text, encoding="utf-8")
    assert china.with_json(path).coverage[1] == D(2027, 12, 31)


def test_from_json_reports_every_problem():
    bad = json.dumps({"year": 2030, "days": [
        {"name": "A", "date": "2030-02-30", "isOffDay": True},
        {"name": "B", "date": "2030-03-01"},
    ]})
    with pytest.raises(onetrip.InvalidArgumentError) as info:
        onetrip.Calendar.from_json(bad)
    message = str(info.value)
    assert "2 problems" in message
    assert "$.days[0].date: 2030-02-30 is not a date" in message
    assert '$.days[1]: missing "isOffDay"' in message
    with pytest.raises(onetrip.InvalidArgumentError, match="line 1"):
        onetrip.Calendar.from_json("{ nope")
    with pytest.raises(onetrip.NotFoundError):
        onetrip.Calendar.from_json("/nonexistent/2030.json")


def test_from_rules():
    hall = onetrip.Calendar.from_rules(
        D(2017, 7, 1), D(2017, 7, 31),
        holidays=[(D(2017, 7, 10), "local fair")],
        makeup_workdays=["2017-07-09"],
        weekdays=[1, 2, 3, 4, 5, 6],
        name="hall")
    assert hall.count_workdays(D(2017, 7, 1), D(2017, 7, 31)) == 25
    assert hall.day(D(2017, 7, 10)).name == "local fair"
    with pytest.raises(onetrip.InvalidArgumentError, match="outside the coverage"):
        onetrip.Calendar.from_rules(D(2017, 7, 1), D(2017, 7, 31), holidays=[D(2017, 8, 1)])
    with pytest.raises(ValueError, match="ISO weekday"):
        onetrip.Calendar.from_rules(D(2017, 7, 1), D(2017, 7, 31), weekdays=[0])
