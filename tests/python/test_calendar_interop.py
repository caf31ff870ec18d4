"""The calendar as NumPy, pandas and chinese_calendar users expect it:
busday_offset's roll modes and busday_count's half-open convention (checked
against NumPy itself on every date of a year), exports to numpy.busdaycalendar
and pandas CustomBusinessDay, the days of a range with names, makeup days only
where the notice makes them, NumPy's weekmask text, and an extended calendar's
name."""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import onetrip

D = datetime.date
ROLLS = ["raise", "forward", "following", "backward", "preceding", "modifiedfollowing", "modifiedpreceding"]


@pytest.fixture(scope="module")
def china():
    return onetrip.Calendar.china()


@pytest.fixture(scope="module")
def no_makeup():
    """A calendar NumPy can hold exactly: holidays, no makeup working days."""
    holidays = [D(2019, 1, 1), D(2019, 2, 4), D(2019, 2, 5), D(2019, 4, 5), D(2019, 5, 1), D(2019, 6, 7),
                D(2019, 9, 13), D(2019, 9, 30), D(2019, 10, 1), D(2019, 12, 31)]
    return onetrip.Calendar.from_rules(D(2019, 1, 1), D(2019, 12, 31), holidays=holidays, name="plain")


def test_offset_is_numpy_busday_offset_on_every_date(no_makeup):
    busdays = no_makeup.to_numpy_busdaycalendar()
    inner = pd.date_range("2019-01-15", "2019-12-15", freq="D").date
    for roll in ROLLS:
        for n in (0, 1, -1, 5):
            for d in inner:
                try:
                    expected = np.busday_offset(d, n, roll=roll, busdaycal=busdays)
                except ValueError:
                    with pytest.raises(onetrip.InvalidArgumentError, match="not a working day"):
                        no_makeup.offset(d, n, roll=roll)
                    continue
                assert no_makeup.offset(d, n, roll=roll) == expected.astype(object), (d, n, roll)
    # Arrays and Series as add_workdays takes them.
    days = np.array(inner[:40], dtype="datetime64[D]")
    np.testing.assert_array_equal(no_makeup.offset(days, 3, roll="forward"),
                                  np.busday_offset(days, 3, roll="forward", busdaycal=busdays))
    with pytest.raises(onetrip.InvalidArgumentError, match="roll: 'sideways'"):
        no_makeup.offset(D(2019, 3, 1), 1, roll="sideways")


def test_half_open_count_is_numpy_busday_count(no_makeup):
    busdays = no_makeup.to_numpy_busdaycalendar()
    starts = pd.date_range("2019-01-01", "2019-11-30", freq="D").date
    for d in starts:
        for span in (1, 7, 30):
            e = d + datetime.timedelta(days=span)
            assert no_makeup.count_workdays(d, e, convention="half_open") == np.busday_count(d, e, busdaycal=busdays)
            assert no_makeup.count_workdays(e, d, convention="numpy") == np.busday_count(e, d, busdaycal=busdays)
    begins = np.array(starts[:20], dtype="datetime64[D]")
    ends = begins + 10
    np.testing.assert_array_equal(no_makeup.count_workdays(begins, ends, convention="half_open"),
                                  np.busday_count(begins, ends, busdaycal=busdays))
    with pytest.raises(onetrip.InvalidArgumentError, match="convention"):
        no_makeup.count_workdays(D(2019, 3, 1), D(2019, 3, 5), convention="closed")


def test_exports_refuse_what_they_cannot_hold(china, no_makeup):
    with pytest.raises(ValueError, match="makeup working days"):
        china.to_numpy_busdaycalendar()
    with pytest.raises(ValueError, match="the first 2017-09-30"):
        china.to_custom_business_day(D(2017, 9, 1), D(2017, 10, 31))
    # A range without a makeup day exports exactly: answers equal day by day.
    cbd = china.to_custom_business_day(D(2017, 3, 1), D(2017, 3, 31))
    for d in pd.date_range("2017-03-01", "2017-03-31").date:
        assert cbd.is_on_offset(pd.Timestamp(d)) == china.is_workday(d)
    lossy = china.to_numpy_busdaycalendar(ignore_makeup_workdays=True)
    assert not np.is_busday(np.datetime64("2017-09-30"), busdaycal=lossy)  # the documented loss
    assert not np.is_busday(np.datetime64("2017-10-02"), busdaycal=lossy)
    bdays = pd.bdate_range("2019-09-25", "2019-10-10", freq=no_makeup.to_custom_business_day())
    assert list(bdays.date) == no_makeup.workdays(D(2019, 9, 25), D(2019, 10, 10))
    assert no_makeup.weekmask == "1111100"


def test_days_of_a_range_with_names(china, holidays_dir):
    notice = json.loads((holidays_dir / "2017.json").read_text(encoding="utf-8"))["days"]
    off = {D.fromisoformat(x["date"]) for x in notice if x["isOffDay"]}
    october = pd.date_range("2017-10-01", "2017-10-31").date
    assert china.holidays(D(2017, 10, 1), D(2017, 10, 31)) == [d for d in october if d in off or d.weekday() >= 5]
    assert china.workdays(D(2017, 9, 29), D(2017, 10, 9)) == [D(2017, 9, 29), D(2017, 9, 30), D(2017, 10, 9)]
    special = china.special_days_between(D(2017, 9, 30), D(2017, 10, 8))
    assert [(s.date, s.off) for s in special][:2] == [(D(2017, 9, 30), False), (D(2017, 10, 1), True)]
    assert special[1].name == "中秋节、国庆节"
    assert china.special_days_between(D(2017, 10, 5), D(2017, 10, 4)) == []
    assert china.holidays("2017-10-02", pd.Timestamp("2017-10-03")) == [D(2017, 10, 2), D(2017, 10, 3)]
    with pytest.raises(onetrip.OutOfRangeError):
        china.workdays(D(2026, 12, 1), D(2027, 1, 31))


def test_makeup_days_only_where_the_notice_makes_them(china):
    assert china.is_in_lieu(D(2020, 1, 19))  # a Sunday worked for the Spring Festival
    assert not china.is_in_lieu(D(2020, 2, 3))  # a Monday: listed after the extended festival, a working day anyway
    assert china.day(D(2020, 2, 3)).kind == "workday"
    assert not china.is_in_lieu(D(2020, 1, 31))
    assert not china.is_in_lieu(pd.NaT)
    for year in range(2007, 2027):
        for month in range(1, 13):
            for s in china.special_days(year, month):
                assert s.off or s.date.weekday() >= 5, s
                assert china.is_in_lieu(s.date) == (not s.off)


def test_numpy_weekmask_text():
    six = onetrip.Calendar.from_rules(D(2017, 1, 1), D(2017, 12, 31), weekdays="1111110")
    assert six.is_workday(D(2017, 1, 7)) and not six.is_workday(D(2017, 1, 8))
    assert six.weekmask == "1111110"
    named = onetrip.Calendar.from_rules(D(2017, 1, 1), D(2017, 12, 31), weekdays="Mon Tue Wed Thu Fri Sat")
    assert named == onetrip.Calendar.from_rules(D(2017, 1, 1), D(2017, 12, 31), weekdays=0x3F)
    with pytest.raises(onetrip.InvalidArgumentError, match="weekdays: weekmask \"0000000\": no working day"):
        onetrip.Calendar.from_rules(D(2017, 1, 1), D(2017, 12, 31), weekdays="0000000")
    with pytest.raises(onetrip.InvalidArgumentError, match="is no day"):
        onetrip.Calendar.from_rules(D(2017, 1, 1), D(2017, 12, 31), weekdays="Monday")


def test_an_extended_calendar_says_so_and_2027_is_explained(china, holidays_dir, tmp_path):
    local = china.with_json('{"year": 2017, "days": [{"name": "本地", "date": "2017-05-02", "isOffDay": true}]}')
    assert local.name == "china + 2017" and china.name == "china"
    path = tmp_path / "2027.json"
    path.write_text('{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}',
                    encoding="utf-8")
    assert china.with_json(path).name == "china + 2027.json"
    with pytest.raises(onetrip.InvalidArgumentError, match="not published yet.*holiday-cn publishes"):
        china.with_json(holidays_dir / "2027.json")
