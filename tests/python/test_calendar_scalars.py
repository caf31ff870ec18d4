"""The calendar's scalar calls from Python: the fast path (datetime.date and
int read through the C API) agrees with a pure-Python calendar built from the
notices' JSON on every date of 2010-2026, and with the general path on every
kind of argument and error; pandas.Timestamp and numpy.datetime64 scalars come
back in their own form; NaT in, NaT out; a Series keeps its index."""
import datetime
import json

import numpy as np
import pandas as pd
import pytest

import onetrip

D = datetime.date
ONE = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def china():
    return onetrip.Calendar.china()


class DictCalendar:
    """The plain approach: the notices' special days in two dicts, a day loop."""

    def __init__(self, holidays_dir):
        self.off, self.on = set(), set()
        for year in range(2007, 2027):
            for day in json.loads((holidays_dir / f"{year}.json").read_text(encoding="utf-8"))["days"]:
                (self.off if day["isOffDay"] else self.on).add(D.fromisoformat(day["date"]))

    def is_workday(self, d):
        return d in self.on or (d not in self.off and d.weekday() < 5)

    def add(self, d, n):
        step = ONE if n > 0 else -ONE
        for _ in range(abs(n)):
            d += step
            while not self.is_workday(d):
                d += step
        return d


def test_every_date_of_2010_to_2026_agrees_with_a_dict_calendar(china, holidays_dir):
    plain = DictCalendar(holidays_dir)
    d, last = D(2010, 1, 1), D(2026, 12, 31)
    checked = 0
    while d <= last:
        assert china.is_workday(d) == plain.is_workday(d), d
        for n in (20, -20, 1, -1):
            expected = plain.add(d, n)
            if D(2007, 1, 1) <= expected <= last:
                assert china.add_workdays(d, n) == expected, (d, n)
            else:
                with pytest.raises(onetrip.OutOfRangeError):
                    china.add_workdays(d, n)
        if plain.add(d, 1) <= last:
            assert china.next_workday(d) == plain.add(d, 1)
            assert china.roll_forward(d) == (d if plain.is_workday(d) else plain.add(d, 1))
        end = d + datetime.timedelta(days=28)
        if end <= last:
            expected = sum(plain.is_workday(d + ONE * i) for i in range(1, 29))
            assert china.count_workdays(d, end) == expected
            assert china.count_workdays(end, d) == -expected
        d += ONE
        checked += 1
    assert checked == 6209


def test_keywords_and_positions_give_the_same(china):
    d = D(2017, 9, 29)
    assert china.add_workdays(start=d, n=20) == china.add_workdays(d, n=20) == china.add_workdays(d, 20)
    assert china.add_workdays(n=20, start=d) == D(2017, 11, 2)
    assert china.is_workday(date=d) is True
    assert china.count_workdays(d, end=D(2017, 11, 2)) == 20
    assert china.next_workday(date=D(2017, 9, 30)) == D(2017, 10, 9)
    with pytest.raises(TypeError):
        china.is_workday(day=d)  # no such keyword: the general path says so
    with pytest.raises(TypeError):
        china.add_workdays(d)
    with pytest.raises(TypeError):
        china.add_workdays(d, 20, 1)


def test_the_fast_path_fails_as_the_general_path_does(china):
    with pytest.raises(onetrip.OutOfRangeError, match="2027-03-01 is outside"):
        china.is_workday(D(2027, 3, 1))
    with pytest.raises(onetrip.OutOfRangeError, match="past the calendar's coverage"):
        china.add_workdays(D(2026, 12, 28), 30)
    with pytest.raises(onetrip.OutOfRangeError):
        china.add_workdays(D(2017, 1, 3), 2**62)
    with pytest.raises(onetrip.OutOfRangeError):
        china.add_workdays(D(2017, 1, 3), 2**80)  # no int64: the general path's range error
    with pytest.raises(TypeError):
        china.add_workdays(D(2017, 1, 3), True)
    with pytest.raises(TypeError):
        china.add_workdays(D(2017, 1, 3), 2.0)
    with pytest.raises(onetrip.OutOfRangeError):
        china.count_workdays(D(2006, 12, 31), D(2017, 1, 3))
    with pytest.raises(onetrip.OutOfRangeError):
        china.previous_workday(D(2007, 1, 1))
    with pytest.raises(TypeError, match="datetime.datetime"):
        china.add_workdays(datetime.datetime(2017, 1, 3), 1)

    class MyDate(D):
        pass

    assert china.add_workdays(MyDate(2017, 9, 29), 20) == D(2017, 11, 2)  # a subclass takes the general path


def test_timestamp_and_datetime64_scalars_answer_in_their_form(china):
    ts = china.add_workdays(pd.Timestamp("2017-09-29"), 20)
    assert isinstance(ts, pd.Timestamp) and ts == pd.Timestamp("2017-11-02")
    d64 = china.add_workdays(np.datetime64("2017-09-29"), 20)
    assert isinstance(d64, np.datetime64) and d64 == np.datetime64("2017-11-02", "D")
    assert china.add_workdays(np.datetime64("2017-09-29T00:00:00.000000000"), 20) == np.datetime64("2017-11-02")
    assert china.is_workday(pd.Timestamp("2017-09-30")) is True
    assert china.is_workday(np.datetime64("2017-10-02")) is False
    assert china.count_workdays(pd.Timestamp("2017-09-29"), np.datetime64("2017-11-02")) == 20
    assert china.next_workday(pd.Timestamp("2017-09-30")) == pd.Timestamp("2017-10-09")
    assert china.roll_forward(np.datetime64("2017-10-01")) == np.datetime64("2017-10-09")
    assert china.day(pd.Timestamp("2017-09-30")).kind == "makeup workday"
    with pytest.raises(onetrip.InvalidArgumentError, match="time of day"):
        china.add_workdays(pd.Timestamp("2017-09-29 14:30"), 1)
    with pytest.raises(onetrip.InvalidArgumentError, match="time of day"):
        china.is_workday(np.datetime64("2017-09-29T14:30"))
    with pytest.raises(onetrip.OutOfRangeError):
        china.is_workday(np.datetime64(10**15, "Y"))  # no wrapped day


def test_nat_in_nat_out(china):
    assert china.add_workdays(pd.NaT, 20) is pd.NaT
    assert np.isnat(china.add_workdays(np.datetime64("NaT"), 20))
    assert china.next_workday(pd.NaT) is pd.NaT
    assert china.is_workday(pd.NaT) is False  # as NaT in an array
    with pytest.raises(onetrip.InvalidArgumentError, match="NaT"):
        china.count_workdays(pd.NaT, D(2017, 1, 3))
    with pytest.raises(TypeError):
        china.add_workdays(pd.NaT, "twenty")


def test_series_in_series_out_on_the_same_index(china):
    index = pd.Index(["a-1", "b-2", "c-3"], name="case")
    received = pd.Series(pd.to_datetime(["2017-09-29", None, "2020-01-23"]), index=index, name="received")
    due = china.add_workdays(received, 20)
    assert isinstance(due, pd.Series)
    assert due.index.equals(index) and due.name == "received"
    assert due["a-1"] == pd.Timestamp("2017-11-02") and pd.isna(due["b-2"])
    work = china.is_workday(received)
    assert isinstance(work, pd.Series) and work.index.equals(index) and work.tolist() == [True, False, True]
    done = received.dropna()
    counts = china.count_workdays(done, due.dropna())
    assert isinstance(counts, pd.Series) and counts.index.equals(done.index) and counts.tolist() == [20, 20]
    # NaT rows count <NA> in a Series (pandas' nullable Int64), under either convention.
    for convention in ("legal", "half_open"):
        open_days = china.count_workdays(received, D(2020, 2, 28), convention=convention)
        assert open_days.dtype == "Int64" and open_days.index.equals(index) and pd.isna(open_days["b-2"])
        assert open_days["a-1"] == china.count_workdays(D(2017, 9, 29), D(2020, 2, 28), convention=convention)
    with pytest.raises(onetrip.InvalidArgumentError, match="NaT"):
        china.count_workdays(received.values, D(2020, 2, 28))  # an int64 array has no missing value
    limits = pd.Series([1, 2, 3], index=index)
    per_case = china.add_workdays(D(2017, 9, 29), limits)
    assert isinstance(per_case, pd.Series) and per_case.index.equals(index)
    # A NumPy array stays an array.
    assert isinstance(china.add_workdays(received.values, 20), np.ndarray)


def test_every_date_form_takes_the_same_answer(china):
    """datetime.date, Timestamp (naive and zoned), datetime64 of every unit from days to nanoseconds."""
    for d in pd.date_range("2017-09-25", "2017-10-12").date:
        expected = china.add_workdays(d, 3)
        for form in (pd.Timestamp(d), np.datetime64(d, "D"), np.datetime64(d, "s"), np.datetime64(d, "ns"),
                     np.datetime64(d, "h")):
            assert pd.Timestamp(china.add_workdays(form, 3)) == pd.Timestamp(expected), (d, form)
            assert china.is_workday(form) == china.is_workday(d)
            assert china.count_workdays(form, expected) == 3
        zoned = china.add_workdays(pd.Timestamp(d, tz="Asia/Shanghai"), 3)
        assert zoned == pd.Timestamp(expected, tz="Asia/Shanghai")
    assert isinstance(china.add_workdays(np.datetime64("2017-09-29", "ns"), 1), np.datetime64)
    with pytest.raises(onetrip.InvalidArgumentError, match="time of day"):
        china.add_workdays(np.datetime64("2017-09-29T00:00:00.000000001"), 1)
    with pytest.raises(onetrip.InvalidArgumentError, match="time of day"):
        china.is_workday(pd.Timestamp("2017-09-29") + pd.Timedelta(1, "ns"))


def test_the_fast_path_is_safe_on_odd_receivers_and_types(china):
    blank = onetrip.Calendar.__new__(onetrip.Calendar)  # no calendar inside: refused, not read
    with pytest.raises(TypeError):
        blank.is_workday(D(2017, 1, 3))

    class Mine(onetrip.Calendar):
        pass

    mine = Mine.__new__(Mine)
    with pytest.raises(TypeError):
        mine.add_workdays(D(2017, 1, 3), 1)
    with pytest.raises(TypeError):
        onetrip.Calendar.is_workday(object(), D(2017, 1, 3))  # the descriptor checks its receiver

    class Timestamp(datetime.datetime):  # named like pandas' but not pandas': no fast path, no crash
        pass

    with pytest.raises(TypeError, match="datetime.datetime"):
        china.is_workday(Timestamp(2017, 1, 3))


def test_arrays_read_each_date_as_its_scalar_is_read(china):
    """An array, list, Index or Series answers as its elements alone do: a zoned one by its wall-clock
    dates (it was read as each instant's UTC day: 2017-07-03 in Shanghai was Sunday 2 July, no working
    day, and its due date a day early), a time of day refused naming the row (it was dropped)."""
    days = pd.date_range("2017-09-25", "2017-10-12")
    expected_work = china.is_workday(days.values.astype("datetime64[D]"))
    expected_due = china.add_workdays(days.values.astype("datetime64[D]"), 3)
    for zone in ("Asia/Shanghai", "America/Los_Angeles", "UTC"):
        zoned = days.tz_localize(zone)
        for form in (zoned, pd.Series(zoned), list(zoned), np.array(list(zoned), dtype=object)):
            assert list(china.is_workday(form)) == list(expected_work), (zone, type(form))
            due = china.add_workdays(form, 3)
            assert list(pd.DatetimeIndex(np.asarray(due)).tz_localize(None)) == list(pd.DatetimeIndex(expected_due)), (
                zone, type(form))
            assert list(china.count_workdays(form, expected_due)) == [3] * len(days)
    # Missing values stay missing in every form.
    assert list(china.is_workday([D(2017, 7, 3), None, pd.NaT, ""])) == [True, False, False, False]
    zoned_with_nat = pd.DatetimeIndex(["2017-07-03", None], tz="Asia/Shanghai")
    assert list(china.is_workday(zoned_with_nat)) == [True, False]
    # A time of day, in any array form, is refused naming the row.
    for form in (np.array(["2017-07-03", "2017-07-03T13"], "datetime64[h]"),
                 pd.DatetimeIndex(["2017-07-03", "2017-07-03 13:00"]),
                 pd.DatetimeIndex(["2017-07-03", "2017-07-03 13:00"], tz="Asia/Shanghai"),
                 [D(2017, 7, 3), pd.Timestamp("2017-07-03 13:00")],
                 [D(2017, 7, 3), np.datetime64("2017-07-03T13", "h")]):
        with pytest.raises(onetrip.InvalidArgumentError, match="row 1.*time of day"):
            china.is_workday(form)
    with pytest.raises(TypeError, match="datetime.datetime"):
        china.is_workday([datetime.datetime(2017, 7, 3, 13)])
