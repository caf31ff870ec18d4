"""Python threads sharing onetrip's immutable values: calendars, catalogues and
reforms used from several threads at once (the binding releases the GIL in
each long call) give exactly what one thread gives. Run on its own under
ThreadSanitizer by the tsan preset (ctest -R python.threads), where a data race
in the library or the binding fails the run."""
import concurrent.futures
import datetime

import numpy as np
import pandas as pd

import onetrip
from onetrip import reforms

D = datetime.date
THREADS = 4


def run_together(task, count=THREADS):
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda _: task(), range(count)))


def test_one_calendar_many_threads():
    china = onetrip.Calendar.china()
    starts = np.arange(np.datetime64("2008-01-01"), np.datetime64("2025-01-01"), dtype="datetime64[D]")
    expected = (china.add_workdays(starts, 20), china.count_workdays(starts, starts + 30), china.is_workday(starts))
    for got in run_together(lambda: (china.add_workdays(starts, 20), china.count_workdays(starts, starts + 30),
                                     china.is_workday(starts))):
        for e, g in zip(expected, got):
            assert np.array_equal(e, g)


def test_one_catalogue_many_threads():
    catalog = onetrip.generate(matters=3000, seed=11)
    expected = catalog.evaluate(D(2017, 7, 3))
    for got in run_together(lambda: catalog.evaluate(D(2017, 7, 3), threads=2)):
        assert np.array_equal(got.matter_trips, expected.matter_trips)
        assert np.array_equal(got.matter_due, expected.matter_due)
        assert np.array_equal(got.bundle_workdays, expected.bundle_workdays)


def test_reforms_and_comparisons_on_one_base_from_many_threads():
    base = onetrip.generate(matters=2000, seed=12)
    before = base.dumps()
    scenario = [reforms.express_delivery(), reforms.online_payment()]
    expected = onetrip.compare(base, base.apply(scenario)).totals
    for totals in run_together(lambda: onetrip.compare(base, base.apply(scenario), threads=2).totals):
        assert totals == expected
    assert base.dumps() == before


def test_clocks_from_many_threads():
    n = 3000  # accepted 2017-01-03 to 2025-03: every due date inside the calendar
    frame = pd.DataFrame({
        "accepted": pd.Series(pd.date_range("2017-01-03", periods=n, freq="D")),
        "limit": np.arange(n) % 30,
    })
    expected = onetrip.clocks(frame, D(2018, 6, 1))
    for got in run_together(lambda: onetrip.clocks(frame, D(2018, 6, 1))):
        pd.testing.assert_frame_equal(got, expected)
