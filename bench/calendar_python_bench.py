#!/usr/bin/env python3
"""Per-call cost of the calendar's scalar methods from Python, beside the plain
approaches a Python user has, in one run:

* a pure-Python calendar: the notices' special days in two dicts (holidays and
  makeup working days, as the chinese_calendar package keeps them), a day
  looked up in them and else told by its weekday, and a day-by-day loop for
  add and count;
* pandas' CustomBusinessDay (weekmask + holidays: it has no makeup working
  days, so its answers are wrong on the 调休 weekends; timed for its cost);
* NumPy's busday_offset / is_busday on one date (the same limitation).

The acceptance dates are spread over 2008-2019 as in bench/surface_bench.cpp.
Every row is the best of five repetitions of a loop over 4,096 dates.

    PYTHONPATH=build-release/python /usr/bin/python3 bench/calendar_python_bench.py
"""
import datetime
import json
import pathlib
import random
import time

import numpy as np
import pandas as pd

import onetrip

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "holidays-cn"
ONE = datetime.timedelta(days=1)


class DictCalendar:
    """The pure-Python calendar: two dicts of special days and a day loop."""

    def __init__(self):
        self.holidays, self.workdays = {}, {}
        for year in range(2007, 2027):
            for day in json.loads((DATA / f"{year}.json").read_text(encoding="utf-8"))["days"]:
                date = datetime.date.fromisoformat(day["date"])
                (self.holidays if day["isOffDay"] else self.workdays)[date] = day["name"]

    def is_workday(self, date):
        if date in self.workdays:
            return True
        if date in self.holidays:
            return False
        return date.weekday() < 5

    def add_workdays(self, date, n):
        while n > 0:
            date += ONE
            if self.is_workday(date):
                n -= 1
        return date

    def count_workdays(self, start, end):
        n = 0
        while start < end:
            start += ONE
            n += self.is_workday(start)
        return n


def per_call(fn, dates, reps=5):
    """Best time per call in ns of fn(d) over the dates."""
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter_ns()
        for d in dates:
            fn(d)
        best = min(best, (time.perf_counter_ns() - t) / len(dates))
    return best


def main():
    rng = random.Random(42)
    first = datetime.date(2008, 1, 1)
    dates = [first + datetime.timedelta(days=rng.randint(0, 12 * 365)) for _ in range(4096)]
    china = onetrip.Calendar.china()
    plain = DictCalendar()
    cbd = pd.offsets.CustomBusinessDay(holidays=sorted(plain.holidays))
    busdays = np.busdaycalendar(holidays=sorted(plain.holidays))
    stamps = [pd.Timestamp(d) for d in dates]
    d64 = [np.datetime64(d, "D") for d in dates]
    four_weeks = datetime.timedelta(days=28)

    rows = [
        ("is_workday(date)", per_call(china.is_workday, dates), "dict lookup", per_call(plain.is_workday, dates)),
        ("is_workday(Timestamp)", per_call(china.is_workday, stamps), "CustomBusinessDay.is_on_offset",
         per_call(cbd.is_on_offset, stamps)),
        ("is_workday(datetime64)", per_call(china.is_workday, d64), "numpy.is_busday",
         per_call(lambda d: np.is_busday(d, busdaycal=busdays), d64)),
        ("add_workdays(date, 20)", per_call(lambda d: china.add_workdays(d, 20), dates), "day loop over the dicts",
         per_call(lambda d: plain.add_workdays(d, 20), dates)),
        ("add_workdays(Timestamp, 20)", per_call(lambda d: china.add_workdays(d, 20), stamps),
         "Timestamp + 20 * CustomBusinessDay", per_call(lambda d: d + 20 * cbd, stamps[:512], reps=3)),
        ("add_workdays(datetime64, 20)", per_call(lambda d: china.add_workdays(d, 20), d64), "numpy.busday_offset",
         per_call(lambda d: np.busday_offset(d, 20, roll="forward", busdaycal=busdays), d64)),
        ("count_workdays(d, d + 28)", per_call(lambda d: china.count_workdays(d, d + four_weeks), dates),
         "day loop over the dicts", per_call(lambda d: plain.count_workdays(d, d + four_weeks), dates)),
        ("next_workday(date)", per_call(china.next_workday, dates), "day loop over the dicts",
         per_call(lambda d: plain.add_workdays(d, 1), dates)),
    ]
    print("Python, per call (ns), onetrip beside the plain approach of a Python user, same run:")
    print(f"{'operation':32} {'onetrip':>10}   {'plain approach':38} {'plain':>10} {'ratio':>8}")
    for name, ours, plain_name, theirs in rows:
        print(f"{name:32} {ours:10.0f}   {plain_name:38} {theirs:10.0f} {theirs / ours:7.1f}x")

    # The figures are only worth their answers: the same as the dict calendar's.
    for d in dates[:256]:
        assert china.is_workday(d) == plain.is_workday(d)
        assert china.add_workdays(d, 20) == plain.add_workdays(d, 20)


if __name__ == "__main__":
    main()
